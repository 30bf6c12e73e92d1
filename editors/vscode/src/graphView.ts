// The routing graph in a webview: command `switchboard.showRoutingGraph` asks the server for
// `switchboard/routingGraph` (the project of the active file), draws it (graphLayout.ts: plain
// SVG, nothing loaded from the network), redraws it when diagnostics change or a file of the
// project is edited, and opens a node's source when it is clicked.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';

import { GraphNode, RoutingGraph, escapeXml, renderSvg, summary } from './graphLayout';

export const COMMAND = 'switchboard.showRoutingGraph';
export const METHOD = 'switchboard/routingGraph';

/** Delays before a redraw, ms: after a diagnostics change, after an edit. */
const AFTER_DIAGNOSTICS_MS = 250;
const AFTER_EDIT_MS = 600;

/** Registers the command; the returned disposable closes the panel too. */
export function registerRoutingGraph(
  getClient: () => LanguageClient | undefined,
  roots: () => string[],
): vscode.Disposable {
  let panel: GraphPanel | undefined;
  const command = vscode.commands.registerCommand(COMMAND, async () => {
    const target = await pickTarget(roots());
    if (!target) {
      void vscode.window.showInformationMessage('Open a file of an ADK project to see its routing graph.');
      return;
    }
    panel ??= new GraphPanel(getClient, () => (panel = undefined));
    await panel.show(target);
  });
  return {
    dispose: () => {
      command.dispose();
      panel?.dispose();
    },
  };
}

/** The active file, else the only project, else the one picked. */
async function pickTarget(roots: string[]): Promise<vscode.Uri | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && doc.uri.scheme === 'file') return doc.uri;
  if (roots.length === 1) return vscode.Uri.file(roots[0]);
  if (roots.length === 0) return undefined;
  const pick = await vscode.window.showQuickPick(roots, { placeHolder: 'The project whose routing graph to show' });
  return pick ? vscode.Uri.file(pick) : undefined;
}

class GraphPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private target: vscode.Uri | undefined;
  /** The project root the last answer named (edits below it redraw). */
  private root: string | undefined;
  private nodes = new Map<string, GraphNode>();
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per request: an answer older than the last one drawn is dropped. */
  private asked = 0;
  private drawn = 0;
  private disposed = false;

  constructor(
    private readonly getClient: () => LanguageClient | undefined,
    private readonly onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      'switchboard.routingGraph',
      'Routing graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true },
    );
    this.panel.webview.html = page(this.panel.webview.cspSource);
    this.subscriptions.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: { type?: string; id?: string }) => {
        if (m?.type === 'open' && typeof m.id === 'string') void this.open(m.id);
        else if (m?.type === 'ready') this.later(0);
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.later(AFTER_DIAGNOSTICS_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.inProject(e.document.uri)) this.later(AFTER_EDIT_MS);
      }),
    );
  }

  async show(target: vscode.Uri): Promise<void> {
    this.target = target;
    this.root = undefined;
    this.panel.reveal(undefined, true);
    await this.refresh();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.panel.dispose();
    this.onDispose();
  }

  /** Whether a file is in the project drawn (before the first answer: below the target). */
  private inProject(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file') return false;
    const base = this.root ? vscode.Uri.parse(this.root).fsPath : this.target?.fsPath;
    if (!base) return false;
    const dir = base.endsWith('/') || base.endsWith('\\') ? base : `${base}/`;
    return uri.fsPath.replace(/\\/g, '/').startsWith(dir.replace(/\\/g, '/'));
  }

  /** Redraw after `ms` (a burst of changes costs one request). */
  private later(ms: number): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, ms);
  }

  private async refresh(): Promise<void> {
    if (this.disposed || !this.target) return;
    const seq = ++this.asked;
    const client = this.getClient();
    if (!client || client.state !== State.Running) {
      this.say(seq, 'The switchboard server is not running.');
      return;
    }
    let g: RoutingGraph | null;
    try {
      g = await client.sendRequest<RoutingGraph | null>(METHOD, { uri: (this.root ? vscode.Uri.parse(this.root) : this.target).toString() });
    } catch (e) {
      this.say(seq, `The server could not draw the graph: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (this.disposed || seq < this.drawn) return;
    this.drawn = seq;
    if (!g) {
      this.say(seq, 'This file belongs to no ADK project.');
      return;
    }
    if (g.root) this.root = g.root;
    this.nodes = new Map(g.nodes.map((n) => [n.id, n]));
    const name = decodeURIComponent((g.root ?? '').replace(/\/$/, '').split('/').pop() ?? '');
    this.panel.title = name ? `Routing: ${name}` : 'Routing graph';
    void this.panel.webview.postMessage({ type: 'graph', version: seq, svg: renderSvg(g), summary: summary(g), project: name });
  }

  private say(seq: number, text: string): void {
    if (this.disposed || seq < this.drawn) return;
    this.drawn = seq;
    void this.panel.webview.postMessage({ type: 'message', version: seq, text });
  }

  /** Open a node's source in the editor column, its range selected. */
  private async open(id: string): Promise<void> {
    const loc = this.nodes.get(id)?.location;
    if (!loc) return;
    const { start, end } = loc.range;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(loc.uri));
    await vscode.window.showTextDocument(doc, {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(start.line, start.character, end.line, end.character),
      preview: false,
    });
  }
}

/** The webview's page: a header, the picture, and the script that swaps pictures and reports
 * clicks. Everything inline (a nonce for the script and the style), nothing fetched. */
function page(cspSource: string): string {
  const nonce = randomBytes(16).toString('base64');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${escapeXml(cspSource)} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Routing graph</title>
<style nonce="${nonce}">
  body { margin: 0; padding: 0 12px 12px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
         font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
  header { position: sticky; top: 0; padding: 8px 0; background: var(--vscode-editor-background); display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 1.1em; margin: 0; font-weight: 600; }
  #summary, .legend { color: var(--vscode-descriptionForeground); }
  .legend span { margin-right: 10px; white-space: nowrap; }
  .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border: 1.5px solid; border-radius: 2px; vertical-align: middle; }
  .legend .l-site { border-color: var(--vscode-charts-blue); }
  .legend .l-function { border-color: var(--vscode-charts-yellow); }
  .legend .l-handoff { border-color: var(--vscode-charts-purple); border-radius: 5px; }
  .legend .l-red { border-color: var(--vscode-errorForeground); border-style: dashed; }
  #message { color: var(--vscode-descriptionForeground); padding: 12px 0; }
  svg.routing { font-family: var(--vscode-editor-font-family, monospace); font-size: 12px; }
  body.fit svg.routing { max-width: 100%; height: auto; }
  button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground);
           border: none; padding: 2px 8px; cursor: pointer; font: inherit; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  .node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke-width: 1.5; }
  .node text { fill: var(--vscode-foreground); }
  .node text.second { fill: var(--vscode-descriptionForeground); }
  .node.site rect { stroke: var(--vscode-charts-blue); }
  .node.function rect, .node.function line.inner { stroke: var(--vscode-charts-yellow); }
  .node.handoff rect { stroke: var(--vscode-charts-purple); }
  .node.flagged rect { stroke: var(--vscode-errorForeground); stroke-dasharray: 4 3; }
  .node.flagged text { fill: var(--vscode-errorForeground); }
  .node.conflict rect { stroke: var(--vscode-errorForeground); stroke-width: 2.5; }
  .node.linked { cursor: pointer; }
  .node.linked:hover rect, .node.linked:focus rect { stroke-width: 3; }
  .node:focus { outline: none; }
  .edge path { fill: none; stroke: var(--vscode-foreground); stroke-opacity: 0.55; stroke-width: 1.2; }
  .edge.conflict path { stroke: var(--vscode-errorForeground); stroke-opacity: 1; stroke-width: 2.5; }
  .edge.unresolved path { stroke: var(--vscode-errorForeground); stroke-opacity: 1; stroke-dasharray: 5 4; }
  .edge text { fill: var(--vscode-descriptionForeground); font-size: 10.5px; }
  .edge.conflict text, .edge.unresolved text { fill: var(--vscode-errorForeground); }
  .arrow { fill: var(--vscode-foreground); fill-opacity: 0.7; }
  .arrow.red { fill: var(--vscode-errorForeground); fill-opacity: 1; }
</style>
</head>
<body data-version="0" class="fit">
<header>
  <h1 id="project">Routing graph</h1>
  <span id="summary"></span>
  <button id="zoom" title="Fit the picture to the panel, or show it at full size">Full size</button>
  <span class="legend"><span><i class="l-site"></i>text site</span><span><i class="l-function"></i>function</span><span><i class="l-handoff"></i>handoff</span><span><i class="l-red"></i>conflict / unresolved</span></span>
</header>
<div id="message">Asking the server…</div>
<div id="graph"></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById('graph');
  const message = document.getElementById('message');
  const open = (el) => {
    const node = el && el.closest && el.closest('g.node.linked');
    if (node) vscode.postMessage({ type: 'open', id: node.getAttribute('data-node') });
  };
  graph.addEventListener('click', (e) => open(e.target));
  const zoom = document.getElementById('zoom');
  zoom.addEventListener('click', () => {
    const fit = document.body.classList.toggle('fit');
    zoom.textContent = fit ? 'Full size' : 'Fit';
  });
  graph.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(e.target); }
  });
  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m.type === 'graph') {
      graph.innerHTML = m.svg;
      message.textContent = '';
      document.getElementById('summary').textContent = m.summary;
      document.getElementById('project').textContent = m.project ? 'Routing graph: ' + m.project : 'Routing graph';
    } else if (m.type === 'message') {
      graph.innerHTML = '';
      message.textContent = m.text;
    }
    document.body.setAttribute('data-version', String(m.version));
  });
  vscode.postMessage({ type: 'ready' });
</script>
</body>
</html>`;
}
