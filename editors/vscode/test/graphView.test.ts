// The routing graph's webview against a fake VS Code (test/fakeHost.ts): the command asks the
// server for the active file's project, draws the answer, redraws on a diagnostics change or an
// edit in the project (once per burst, an older answer never over a newer), and a click opens
// the node's source at its range.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { FakeUri, load, sleep } from './fakeHost';

const ROOT = '/ws/lakeside vet';
const graph = (handoff: string) => ({
  root: `file://${encodeURI(ROOT)}`,
  mermaid: 'flowchart LR\n',
  nodes: [
    {
      id: 'topic_after_hours',
      kind: 'site',
      label: ['topic: After Hours'],
      location: {
        uri: `file://${encodeURI(`${ROOT}/topics/after_hours.yaml`)}`,
        range: { start: { line: 0, character: 6 }, end: { line: 0, character: 17 } },
      },
      flagged: false,
      conflict: false,
    },
    {
      id: `ho_${handoff}`,
      kind: 'handoff',
      label: [`ho:${handoff}`],
      location: {
        uri: `file://${encodeURI(`${ROOT}/config/handoffs.yaml`)}`,
        range: { start: { line: 1, character: 8 }, end: { line: 1, character: 17 } },
      },
      flagged: false,
      conflict: false,
    },
  ],
  edges: [{ from: 'topic_after_hours', to: `ho_${handoff}`, label: null, style: 'normal' }],
});

async function opened() {
  const { host, ext, context } = load();
  host.activeTextEditor = { document: { uri: FakeUri.file(`${ROOT}/topics/after_hours.yaml`) } };
  let handoff = 'reception';
  host.answer = async (method) => (method === 'switchboard/routingGraph' ? graph(handoff) : null);
  await ext.activate(context);
  await host.commands.get('switchboard.showRoutingGraph')!();
  const panel = host.panels[0];
  // The window closing: VS Code disposes the subscriptions, then deactivates.
  const close = async () => {
    for (const d of context.subscriptions) d.dispose();
    await ext.deactivate();
  };
  return { host, ext, panel, close, setHandoff: (h: string) => (handoff = h) };
}

const graphs = (posted: { type: string; svg?: unknown }[]) => posted.filter((m) => m.type === 'graph');

test('the command draws the active file’s project', async () => {
  const { host, panel, close } = await opened();
  assert.equal(host.panels.length, 1);
  assert.deepEqual(host.requests[0], {
    method: 'switchboard/routingGraph',
    params: { uri: `file://${encodeURI(`${ROOT}/topics/after_hours.yaml`)}` },
  });
  const [first] = graphs(panel.posted);
  assert.ok(String(first.svg).includes('data-node="ho_reception"'));
  assert.equal(panel.title, 'Routing: lakeside vet');
  // A script with a nonce, nothing from the network.
  assert.match(panel.webview.html, /script-src 'nonce-[^']+'/);
  assert.doesNotMatch(panel.webview.html, /https?:\/\//);
  // Asked again: the same panel.
  await host.commands.get('switchboard.showRoutingGraph')!();
  assert.equal(host.panels.length, 1);
  await close();
  assert.equal(panel.disposed, true, 'closed with the extension');
  assert.equal(host.diagnosticsChanged.count, 0, 'its listeners gone');
});

test('a click opens the node’s source at its range, in the editor column', async () => {
  const { host, panel, close } = await opened();
  panel.receive({ type: 'open', id: 'ho_reception' });
  await sleep(10);
  assert.equal(host.shown.length, 1);
  assert.equal(host.shown[0].fsPath, `${ROOT}/config/handoffs.yaml`);
  assert.deepEqual({ ...(host.shown[0].selection as object) }, { startLine: 1, startCharacter: 8, endLine: 1, endCharacter: 17 });
  assert.equal(host.shown[0].viewColumn, 1);
  // An unknown id or a malformed message opens nothing.
  panel.receive({ type: 'open', id: 'nope' });
  panel.receive({ type: 'open' });
  panel.receive(null);
  await sleep(10);
  assert.equal(host.shown.length, 1);
  await close();
});

test('redrawn once per burst of diagnostics changes, asking for the project root', async () => {
  const { host, panel, close, setHandoff } = await opened();
  await sleep(20);
  const before = host.requests.length;
  setHandoff('front_desk');
  for (let i = 0; i < 5; i++) host.diagnosticsChanged.fire({});
  await sleep(400);
  assert.equal(host.requests.length, before + 1, 'one request for the burst');
  assert.deepEqual(host.requests.at(-1)!.params, { uri: `file://${encodeURI(ROOT)}` });
  const last = graphs(panel.posted).at(-1)!;
  assert.ok(String(last.svg).includes('data-node="ho_front_desk"'));
  await close();
});

test('an edit in the project redraws; one elsewhere does not', async () => {
  const { host, close } = await opened();
  await sleep(20);
  const before = host.requests.length;
  host.documentChanged.fire({ document: { uri: FakeUri.file('/ws/other/topics/x.yaml') }, contentChanges: [{}] });
  await sleep(700);
  assert.equal(host.requests.length, before);
  host.documentChanged.fire({ document: { uri: FakeUri.file(`${ROOT}/topics/after_hours.yaml`) }, contentChanges: [{}] });
  await sleep(700);
  assert.equal(host.requests.length, before + 1);
  await close();
});

test('an older answer arriving late is not drawn over a newer one', async () => {
  const { host, panel, close } = await opened();
  await sleep(20);
  let calls = 0;
  host.answer = async () => {
    calls++;
    // The first of the two is slow.
    if (calls === 1) {
      await sleep(300);
      return graph('old');
    }
    return graph('new');
  };
  host.diagnosticsChanged.fire({});
  await sleep(280); // the first request is under way
  panel.receive({ type: 'ready' });
  await sleep(500);
  const drawn = graphs(panel.posted).map((m) => (String(m.svg).includes('ho_new') ? 'new' : String(m.svg).includes('ho_old') ? 'old' : '?'));
  assert.equal(drawn.at(-1), 'new', JSON.stringify(drawn));
  await close();
});

test('a file of no project, or no server: said in the panel, no error toast', async () => {
  const { host, panel, close } = await opened();
  host.answer = async () => null;
  panel.receive({ type: 'ready' });
  await sleep(50);
  assert.deepEqual(panel.posted.at(-1), { type: 'message', version: panel.posted.at(-1)!.version, text: 'This file belongs to no ADK project.' });
  host.answer = async () => {
    throw new Error('boom');
  };
  panel.receive({ type: 'ready' });
  await sleep(50);
  assert.match(String(panel.posted.at(-1)!.text), /could not draw the graph: boom/);
  assert.deepEqual(host.errorMessages, []);
  await close();
});
