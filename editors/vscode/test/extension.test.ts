// The extension's activation and close-down against a fake VS Code (test/fakeHost.ts): no write
// to a closed output channel escapes, whatever order VS Code and the language client close in,
// and nothing starts a server once the window is closing.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { load, sleep } from './fakeHost';

test('closing the window: the client stops before its channels go, late writes are dropped', async () => {
  const { host, ext, context } = load();
  await ext.activate(context);
  assert.equal(host.clients.length, 1);
  const [output, trace] = host.channels;
  assert.deepEqual([output.name, trace.name], ['switchboard', 'switchboard trace']);
  // VS Code disposes the subscriptions without waiting for `deactivate`.
  const closing = ext.deactivate();
  for (const s of context.subscriptions) s.dispose();
  await closing;
  await sleep(50); // the client's late writes
  assert.deepEqual(host.escaped, [], 'no write threw');
  assert.deepEqual(host.events, ['stop begins', 'stopped', 'dispose switchboard', 'dispose switchboard trace']);
  assert.ok(output.lines.includes('Connection to server got closed.\n'), 'the last line while stopping is kept');
  assert.ok(trace.lines.includes("Received response 'shutdown'\n"));
  assert.ok(!output.lines.some((l) => l.includes('erroring')), 'the late line is dropped');
  assert.equal(output.closedCalls + trace.closedCalls, 0, 'nothing called a closed channel');
});

test('channels closed by VS Code before the client stops: no write throws', async () => {
  const { host, ext, context } = load();
  await ext.activate(context);
  // The extension host closes every channel first (as when it is killed while closing).
  for (const c of host.channels) c.dispose();
  await ext.deactivate();
  await sleep(50);
  assert.deepEqual(host.escaped, []);
});

test('a server closing after the stop does not bring a new client up', async () => {
  const { host, ext, context } = load();
  await ext.activate(context);
  await ext.deactivate();
  // The late close event reaches the error handler; the first restart would come after 500 ms.
  await sleep(800);
  assert.equal(host.clients.length, 1, 'no client started after deactivate');
  assert.deepEqual(host.escaped, []);
});

test('the window closing while the workspace is searched: no client starts', async () => {
  const { host, ext, context } = load();
  const pending: (() => void)[] = [];
  host.findFiles = () => new Promise((r) => pending.push(() => r([])));
  const activation = ext.activate(context);
  await sleep(10);
  await ext.deactivate();
  for (const release of pending) release();
  await activation;
  await sleep(20);
  assert.equal(host.clients.length, 0);
  assert.deepEqual(host.escaped, []);
});

test('a crash while running schedules one restart with a new client', async () => {
  const { host, ext, context } = load();
  await ext.activate(context);
  const first = host.clients[0];
  first.options.errorHandler?.closed();
  await sleep(700);
  assert.equal(host.clients.length, 2, 'restarted once after 500 ms');
  await ext.deactivate();
  await sleep(50);
  assert.deepEqual(host.escaped, []);
});
