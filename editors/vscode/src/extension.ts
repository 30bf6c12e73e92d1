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
import { documentSelector, projectRootsFrom, IGNORED_FOLDERS } from './projects';
import { findServer } from './serverPath';
import { RESTART_SETTINGS, didChangeConfigurationParams, toServerOptions } from './settings';

const SECTION = 'switchboard';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
const policy = new RestartPolicy();
let restartTimer: NodeJS.Timeout | undefined;
let stopping = false;

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
  const exclude = `**/{${IGNORED_FOLDERS.join(',')}}/**`;
  const uris = await vscode.workspace.findFiles(
    '{**/project.yaml,**/config/handoffs.yaml,**/agent_settings/rules.txt}',
    exclude,
    1000,
  );
  return projectRootsFrom(uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath));
}

async function start(context: vscode.ExtensionContext): Promise<void> {
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
  const options = readOptions();
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(roots) as LanguageClientOptions['documentSelector'],
    initializationOptions: options,
    outputChannel: output,
    traceOutputChannel: traceOutput,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (!stopping) scheduleRestart(context);
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
  output = vscode.window.createOutputChannel('switchboard');
  traceOutput = vscode.window.createOutputChannel('switchboard trace');
  context.subscriptions.push(
    output,
    traceOutput,
    vscode.commands.registerCommand('switchboard.restartServer', () => restart(context)),
    vscode.commands.registerCommand('switchboard.showOutput', () => output.show(true)),
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
  if (restartTimer) clearTimeout(restartTimer);
  await stop();
}
