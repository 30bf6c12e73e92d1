// The VS Code side: starts `switchboard lsp` over stdio and keeps it running.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions as ExecutableOptions,
  State,
} from 'vscode-languageclient/node';

import { RestartPolicy } from './backoff';
import { GuardedChannel, closeDown } from './channel';
import { registerRoutingGraph } from './graphView';
import { documentSelector, projectRootsFrom, IGNORED_FOLDERS, MARKER_GLOBS, TOOL_FOLDERS } from './projects';
import { findServer } from './serverPath';
import { RESTART_SETTINGS, didChangeConfigurationParams, toServerOptions } from './settings';

const SECTION = 'switchboard';

let client: LanguageClient | undefined;
// Guarded: the client may log to them after VS Code has begun closing the window.
let output: GuardedChannel;
let traceOutput: GuardedChannel;
const policy = new RestartPolicy();
let restartTimer: NodeJS.Timeout | undefined;
let stopping = false;
// Set by `deactivate`: from then on nothing starts a server or schedules a restart (a server
// closing while the window closes must not bring a new client up after the channels are gone).
let deactivated = false;
// The project roots found at the last start (the routing graph offers them).
let knownRoots: string[] = [];

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readOptions() {
  const c = vscode.workspace.getConfiguration(SECTION);
  const mapped = toServerOptions({
    rules: c.get('rules'),
    inlayHints: { enabled: c.get('inlayHints.enabled') },
    trace: { server: c.get('trace.server') },
  });
  for (const p of mapped.problems) output.appendLine(`[settings] ${p}`);
  return mapped.options;
}

async function findProjectRoots(): Promise<string[]> {
  const exclude = `**/{${[...IGNORED_FOLDERS, ...TOOL_FOLDERS].join(',')}}/**`;
  // One search per marker, so that a project with thousands of topics does not use up the
  // results before another project's marker is seen.
  const found = await Promise.all(MARKER_GLOBS.map((g) => vscode.workspace.findFiles(g, exclude, 2000)));
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  return projectRootsFrom(
    found.flat().filter((u) => u.scheme === 'file').map((u) => u.fsPath),
    folders,
  );
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (deactivated) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = findServer({
    configuredPath: vscode.workspace.getConfiguration(SECTION).get<string>('server.path') ?? '',
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    pathEnv: process.env.PATH ?? '',
    pathExt: process.env.PATHEXT,
    homeDir: os.homedir(),
    workspaceFolder: folder,
    isExecutable,
  });
  if (!found.ok) {
    output.appendLine(found.message);
    for (const t of found.tried) output.appendLine(`  tried ${t}`);
    const pick = await vscode.window.showErrorMessage(found.message, 'Open Settings', 'Show Output');
    if (pick === 'Open Settings') {
      void vscode.commands.executeCommand('workbench.action.openSettings', 'switchboard.server.path');
    } else if (pick === 'Show Output') {
      output.show(true);
    }
    return;
  }
  output.appendLine(`Starting ${found.command} lsp (${found.source})`);

  const server: ExecutableOptions = {
    command: found.command,
    args: ['lsp'],
    options: { env: { ...process.env } },
  };
  const roots = await findProjectRoots();
  // The window may have closed while the workspace was searched.
  if (deactivated) return;
  knownRoots = roots;
  const options = readOptions();
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(roots) as LanguageClientOptions['documentSelector'],
    initializationOptions: options,
    outputChannel: output as unknown as vscode.OutputChannel,
    traceOutputChannel: traceOutput as unknown as vscode.OutputChannel,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (!stopping && !deactivated) scheduleRestart(context);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: {
      workspace: {
        // Answer the server's pull for the `switchboard` section with the mapped options.
        configuration: (params, token, next) => {
          const items = params.items ?? [];
          if (items.some((i) => i.section === SECTION)) {
            const mapped = readOptions();
            return items.map((i) => (i.section === SECTION ? mapped : null));
          }
          return next(params, token);
        },
      },
    },
  };
  const c = new LanguageClient(SECTION, 'switchboard', server, clientOptions);
  client = c;
  policy.started(Date.now());
  try {
    await c.start();
  } catch (e) {
    output.appendLine(`The server failed to start: ${String(e)}`);
  }
}

function scheduleRestart(context: vscode.ExtensionContext): void {
  if (deactivated) return;
  const decision = policy.crashed(Date.now());
  if (!decision.restart) {
    output.appendLine('The server keeps exiting; not restarting it again.');
    void vscode.window
      .showErrorMessage('The switchboard server keeps exiting.', 'Restart Server', 'Show Output')
      .then((pick) => {
        if (pick === 'Restart Server') void restart(context);
        else if (pick === 'Show Output') output.show(true);
      });
    return;
  }
  output.appendLine(
    `The server exited; restarting in ${decision.delayMs} ms (attempt ${decision.attempt}).`,
  );
  if (restartTimer) clearTimeout(restartTimer);
  restartTimer = setTimeout(() => {
    restartTimer = undefined;
    void (async () => {
      await stop();
      await start(context);
    })();
  }, decision.delayMs);
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  stopping = true;
  try {
    if (c.state === State.Running) await c.stop(2000);
    else await c.dispose(2000);
  } catch {
    // The process is gone already.
  } finally {
    stopping = false;
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (restartTimer) clearTimeout(restartTimer);
  restartTimer = undefined;
  policy.reset();
  await stop();
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  deactivated = false;
  // Not in `context.subscriptions`: VS Code disposes those without waiting for `deactivate`,
  // while the client still logs; `deactivate` disposes the channels after the client stopped.
  output = new GuardedChannel(vscode.window.createOutputChannel('switchboard'));
  traceOutput = new GuardedChannel(vscode.window.createOutputChannel('switchboard trace'));
  context.subscriptions.push(
    vscode.commands.registerCommand('switchboard.restartServer', () => restart(context)),
    vscode.commands.registerCommand('switchboard.showOutput', () => output.show(true)),
    registerRoutingGraph(
      () => client,
      () => knownRoots,
    ),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        void restart(context);
        return;
      }
      const c = client;
      if (c && c.state === State.Running) {
        void c.sendNotification(
          DidChangeConfigurationNotification.type,
          didChangeConfigurationParams(readOptions()),
        );
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  if (restartTimer) clearTimeout(restartTimer);
  restartTimer = undefined;
  await closeDown(stop, [output, traceOutput]);
}
