import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { Channel, GuardedChannel, closeDown } from '../src/channel';

/** A channel like VS Code's: every call after dispose throws `Channel has been closed`. */
class FakeChannel implements Channel {
  readonly name = 'switchboard';
  lines: string[] = [];
  disposed = 0;

  private check(): void {
    if (this.disposed > 0) throw new Error('Channel has been closed');
  }
  append(value: string): void {
    this.check();
    this.lines.push(value);
  }
  appendLine(value: string): void {
    this.check();
    this.lines.push(`${value}\n`);
  }
  replace(value: string): void {
    this.check();
    this.lines = [value];
  }
  clear(): void {
    this.check();
    this.lines = [];
  }
  show(): void {
    this.check();
  }
  hide(): void {
    this.check();
  }
  dispose(): void {
    this.check();
    this.disposed++;
  }
}

test('writes after dispose are dropped instead of throwing', () => {
  const inner = new FakeChannel();
  const c = new GuardedChannel(inner);
  c.appendLine('before');
  c.dispose();
  assert.equal(c.disposed, true);
  assert.doesNotThrow(() => {
    c.appendLine('late reply');
    c.append('x');
    c.replace('y');
    c.clear();
    c.show(true);
    c.hide();
    c.dispose();
  });
  assert.deepEqual(inner.lines, ['before\n']);
  assert.equal(inner.disposed, 1, 'the channel is disposed once');
});

test('a channel closed under the guard (by VS Code) does not throw either', () => {
  const inner = new FakeChannel();
  const c = new GuardedChannel(inner);
  inner.dispose();
  assert.doesNotThrow(() => c.appendLine('late reply'));
  assert.doesNotThrow(() => c.dispose());
});

test('closing down stops the client first; its late log lines reach the channel', async () => {
  const inner = new FakeChannel();
  const out = new GuardedChannel(inner);
  const trace = new GuardedChannel(new FakeChannel());
  const order: string[] = [];
  await closeDown(async () => {
    order.push('stop begins');
    await new Promise((r) => setTimeout(r, 10));
    // The shutdown reply and the closed connection are logged while stopping.
    out.appendLine('shutdown answered');
    out.appendLine('Connection to server got closed.');
    order.push('stopped');
  }, [out, trace]);
  order.push(`disposed ${out.disposed} ${trace.disposed}`);
  assert.deepEqual(order, ['stop begins', 'stopped', 'disposed true true']);
  assert.deepEqual(inner.lines, ['shutdown answered\n', 'Connection to server got closed.\n']);
  // A reply later still (a request the server answered after exit) is dropped.
  assert.doesNotThrow(() => out.appendLine('late'));
  assert.equal(inner.lines.length, 2);
});

test('a failing stop still disposes the channels', async () => {
  const out = new GuardedChannel(new FakeChannel());
  await closeDown(async () => {
    throw new Error('server gone');
  }, [out]);
  assert.equal(out.disposed, true);
});
