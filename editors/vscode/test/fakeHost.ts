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
    },
    workspace: {
      getConfiguration: (section: string) => ({
        get: (key: string) => this.settings[`${section}.${key}`],
      }),
      findFiles: () => this.findFiles(),
      get workspaceFolders() {
        return host().workspaceFolders;
      },
      onDidChangeConfiguration: () => ({ dispose() {} }),
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
