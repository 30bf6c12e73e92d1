// A stand-in for the parts of VS Code and vscode-languageclient that extension.ts uses, so the
// extension's activation and close-down run under node's test runner. Output channels behave as
// VS Code's: any call after dispose throws `Channel has been closed`. The fake language client
// logs to the channels it is given while stopping and after (as the real one logs late replies
// and the closed connection), and reports every throw that reached it.

import Module = require('node:module');

export class FakeOutputChannel {
  lines: string[] = [];
  disposed = false;
  /** Calls made after dispose (each threw `Channel has been closed`). */
  closedCalls = 0;

  constructor(
    readonly name: string,
    private readonly events: string[],
  ) {}

  private check(): void {
    if (this.disposed) {
      this.closedCalls++;
      throw new Error('Channel has been closed');
    }
  }
  append(v: string): void {
    this.check();
    this.lines.push(v);
  }
  appendLine(v: string): void {
    this.check();
    this.lines.push(`${v}\n`);
  }
  replace(v: string): void {
    this.check();
    this.lines = [v];
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
    this.events.push(`dispose ${this.name}`);
    this.disposed = true;
  }
}

interface Channelish {
  append(v: string): void;
  appendLine(v: string): void;
}

interface ClientOptions {
  outputChannel?: Channelish;
  traceOutputChannel?: Channelish;
  errorHandler?: { closed(): unknown };
}

export const State = { Stopped: 1, Running: 2, Starting: 3 } as const;

/** A `file:` URI as VS Code's `Uri` (the parts the extension uses). */
export class FakeUri {
  constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(p: string): FakeUri {
    return new FakeUri('file', p);
  }
  static parse(s: string): FakeUri {
    const m = /^([a-z]+):(?:\/\/)?(.*)$/.exec(s);
    return m ? new FakeUri(m[1], decodeURIComponent(m[2])) : new FakeUri('', s);
  }
  toString(): string {
    return `${this.scheme}://${encodeURI(this.fsPath)}`;
  }
}

type Listener<T> = (e: T) => void;

/** An event source: `on` subscribes (disposable), `fire` calls the listeners. */
export class Emitter<T> {
  private listeners: Listener<T>[] = [];
  readonly on = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  get count(): number {
    return this.listeners.length;
  }
}

/** A webview panel: records what the extension posts; `receive` plays a message from the page. */
export class FakePanel {
  title: string;
  posted: { type: string; [k: string]: unknown }[] = [];
  disposed = false;
  readonly disposeEvents = new Emitter<void>();
  readonly messages = new Emitter<unknown>();
  readonly webview = {
    html: '',
    cspSource: 'vscode-webview:',
    postMessage: async (m: { type: string }) => {
      this.posted.push(m);
      return true;
    },
    onDidReceiveMessage: this.messages.on,
  };
  readonly onDidDispose = this.disposeEvents.on;

  constructor(
    readonly viewType: string,
    title: string,
    readonly options: unknown,
  ) {
    this.title = title;
  }
  reveal(): void {}
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEvents.fire();
  }
  receive(m: unknown): void {
    this.messages.fire(m);
  }
}

export class Host {
  readonly events: string[] = [];
  readonly channels: FakeOutputChannel[] = [];
  readonly clients: FakeClient[] = [];
  /** Errors the extension let through to the language client (a real one would log them). */
  readonly escaped: string[] = [];
  readonly commands = new Map<string, (...args: unknown[]) => unknown>();
  readonly errorMessages: string[] = [];
  /** Settings by full key (`switchboard.server.path`). */
  settings: Record<string, unknown> = {};
  /** What `workspace.findFiles` answers; a promise the test resolves to hold the search. */
  findFiles: () => Promise<{ scheme: string; fsPath: string }[]> = async () => [];
  workspaceFolders = [{ uri: { scheme: 'file', fsPath: '/ws' } }];
  readonly panels: FakePanel[] = [];
  readonly diagnosticsChanged = new Emitter<unknown>();
  readonly documentChanged = new Emitter<{ document: { uri: FakeUri }; contentChanges: unknown[] }>();
  /** `showTextDocument` calls: the file and the selection. */
  readonly shown: { fsPath: string; selection: unknown; viewColumn: unknown }[] = [];
  activeTextEditor: { document: { uri: FakeUri } } | undefined;
  informationMessages: string[] = [];
  /** How the fake server answers custom requests. */
  answer: (method: string, params: unknown) => Promise<unknown> = async () => null;
  requests: { method: string; params: unknown }[] = [];

  /** The `vscode` module. */
  readonly vscode = {
    window: {
      createOutputChannel: (name: string) => {
        const c = new FakeOutputChannel(name, this.events);
        this.channels.push(c);
        return c;
      },
      showErrorMessage: async (message: string) => {
        this.errorMessages.push(message);
        return undefined;
      },
      showInformationMessage: async (message: string) => {
        this.informationMessages.push(message);
        return undefined;
      },
      showQuickPick: async (items: string[]) => items[0],
      get activeTextEditor() {
        return host().activeTextEditor;
      },
      createWebviewPanel: (viewType: string, title: string, _column: unknown, options: unknown) => {
        const p = new FakePanel(viewType, title, options);
        this.panels.push(p);
        return p;
      },
      showTextDocument: async (doc: { uri: FakeUri }, o: { selection: unknown; viewColumn: unknown }) => {
        this.shown.push({ fsPath: doc.uri.fsPath, selection: o.selection, viewColumn: o.viewColumn });
        return {};
      },
    },
    languages: {
      onDidChangeDiagnostics: this.diagnosticsChanged.on,
    },
    Uri: FakeUri,
    Range: class {
      constructor(
        readonly startLine: number,
        readonly startCharacter: number,
        readonly endLine: number,
        readonly endCharacter: number,
      ) {}
    },
    ViewColumn: { One: 1, Two: 2, Beside: -2 },
    workspace: {
      getConfiguration: (section: string) => ({
        get: (key: string) => this.settings[`${section}.${key}`],
      }),
      findFiles: () => this.findFiles(),
      get workspaceFolders() {
        return host().workspaceFolders;
      },
      onDidChangeConfiguration: () => ({ dispose() {} }),
      onDidChangeTextDocument: this.documentChanged.on,
      openTextDocument: async (uri: FakeUri) => ({ uri }),
    },
    commands: {
      registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
        this.commands.set(id, f);
        return { dispose: () => this.commands.delete(id) };
      },
      executeCommand: async () => undefined,
    },
  };

  /** The `vscode-languageclient/node` module. */
  readonly languageClient = {
    State,
    CloseAction: { DoNotRestart: 1, Restart: 2 },
    ErrorAction: { Continue: 1, Shutdown: 2 },
    DidChangeConfigurationNotification: { type: 'workspace/didChangeConfiguration' },
    LanguageClient: makeClientClass(this),
  };
}

let current: Host | undefined;
function host(): Host {
  if (!current) throw new Error('no fake host installed');
  return current;
}

export class FakeClient {
  state: number = State.Stopped;
  /** Delay of the shutdown reply, ms. */
  stopMs = 20;

  constructor(
    private readonly h: Host,
    readonly options: ClientOptions,
  ) {}

  /** Writes as the real client does, reporting a throw instead of losing it. */
  log(channel: 'output' | 'trace', line: string): void {
    const c = channel === 'output' ? this.options.outputChannel : this.options.traceOutputChannel;
    try {
      c?.appendLine(line);
    } catch (e) {
      this.h.escaped.push(`${channel}: ${(e as Error).message} (${line})`);
    }
  }

  async start(): Promise<void> {
    this.state = State.Starting;
    await new Promise((r) => setTimeout(r, 5));
    this.state = State.Running;
    this.log('output', 'server started');
  }

  async stop(): Promise<void> {
    this.h.events.push('stop begins');
    this.log('trace', "Sending request 'shutdown'");
    await new Promise((r) => setTimeout(r, this.stopMs));
    this.log('trace', "Received response 'shutdown'");
    this.log('output', 'Connection to server got closed.');
    this.state = State.Stopped;
    this.h.events.push('stopped');
    // Late: a reply to a request sent before the shutdown, and the connection's close event
    // (which reaches the error handler), after `stop` has resolved.
    setTimeout(() => {
      this.log('trace', "Received response 'textDocument/diagnostic' in 3ms");
      this.log('output', '[Error] Connection to server is erroring. Shutting down server.');
      this.options.errorHandler?.closed();
    }, 10);
  }

  async dispose(): Promise<void> {
    await this.stop();
  }

  async sendNotification(): Promise<void> {}

  async sendRequest(method: string, params: unknown): Promise<unknown> {
    this.h.requests.push({ method, params });
    return this.h.answer(method, params);
  }
}

function makeClientClass(h: Host) {
  return class {
    constructor(_id: string, _name: string, _server: unknown, options: ClientOptions) {
      const c = new FakeClient(h, options);
      h.clients.push(c);
      return c;
    }
  };
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const M = Module as unknown as { _load: Loader };
const realLoad = M._load;
M._load = function (request: string, parent: unknown, isMain: boolean) {
  if (current && request === 'vscode') return current.vscode;
  if (current && request === 'vscode-languageclient/node') return current.languageClient;
  return realLoad.call(this, request, parent, isMain);
};

export interface Extension {
  activate(context: unknown): Promise<void>;
  deactivate(): Promise<void>;
}

/** A fresh host and a freshly loaded extension (its module state is per load). */
export function load(): { host: Host; ext: Extension; context: { subscriptions: { dispose(): void }[]; extensionPath: string } } {
  current = new Host();
  // A server that is found: the setting names an executable (node itself).
  current.settings['switchboard.server.path'] = process.execPath;
  for (const k of Object.keys(require.cache)) {
    if (/[\\/]out[\\/]src[\\/]/.test(k)) delete require.cache[k];
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ext = require('../src/extension') as Extension;
  return { host: current, ext, context: { subscriptions: [], extensionPath: '/ext' } };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
