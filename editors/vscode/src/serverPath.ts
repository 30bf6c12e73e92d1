// Finding the `switchboard` executable. No `vscode` import: unit-tested with node's test runner.

import * as path from 'node:path';

/** Where the server binary was found. */
export type ServerSource = 'setting' | 'bundled' | 'path';

export interface ServerLocation {
  command: string;
  source: ServerSource;
}

export interface FindServerInput {
  /** `switchboard.server.path`, possibly empty. `~` and `${workspaceFolder}` are expanded. */
  configuredPath: string;
  /** The extension's install folder (holds `server/<platform>-<arch>/`). */
  extensionPath: string;
  platform: NodeJS.Platform;
  arch: string;
  /** The `PATH` environment variable. */
  pathEnv: string;
  /** `PATHEXT` on Windows. */
  pathExt?: string;
  homeDir?: string;
  workspaceFolder?: string;
  /** Whether a regular, executable file exists at this path. */
  isExecutable: (file: string) => boolean;
}

export type FindServerResult =
  | ({ ok: true } & ServerLocation)
  | { ok: false; message: string; tried: string[] };

/** The executable's file name on `platform`. */
export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'switchboard.exe' : 'switchboard';
}

/** The folder inside the extension that holds the bundled binary for a platform. */
export function bundledDir(platform: NodeJS.Platform, arch: string): string {
  return `${platform}-${arch}`;
}

/** `path.join`/`isAbsolute` for the target platform, not the one running the tests. */
function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Expands `~` and `${workspaceFolder}`, and resolves a relative path against the workspace. */
export function expandConfiguredPath(
  value: string,
  platform: NodeJS.Platform,
  homeDir?: string,
  workspaceFolder?: string,
): string {
  const p = pathApi(platform);
  let v = value.trim();
  if (workspaceFolder) v = v.split('${workspaceFolder}').join(workspaceFolder);
  if (homeDir && (v === '~' || v.startsWith('~/') || v.startsWith('~\\'))) {
    v = p.join(homeDir, v.slice(1));
  }
  if (workspaceFolder && !p.isAbsolute(v)) v = p.join(workspaceFolder, v);
  return v;
}

/**
 * The server to start: the `switchboard.server.path` setting if given (it must exist: a wrong
 * setting is reported, not silently replaced), else the binary bundled in the extension for
 * this platform, else `switchboard` on `PATH`.
 */
export function findServer(input: FindServerInput): FindServerResult {
  const p = pathApi(input.platform);
  const tried: string[] = [];
  if (input.configuredPath.trim() !== '') {
    const file = expandConfiguredPath(
      input.configuredPath,
      input.platform,
      input.homeDir,
      input.workspaceFolder,
    );
    tried.push(file);
    if (input.isExecutable(file)) return { ok: true, command: file, source: 'setting' };
    return {
      ok: false,
      tried,
      message: `switchboard.server.path is set to "${input.configuredPath}", but ${file} is not an executable file.`,
    };
  }
  const name = binaryName(input.platform);
  const bundled = p.join(
    input.extensionPath,
    'server',
    bundledDir(input.platform, input.arch),
    name,
  );
  tried.push(bundled);
  if (input.isExecutable(bundled)) return { ok: true, command: bundled, source: 'bundled' };
  const onPath = searchPath(input);
  tried.push(...onPath.tried);
  if (onPath.found) return { ok: true, command: onPath.found, source: 'path' };
  return {
    ok: false,
    tried,
    message:
      'The switchboard language server was not found. Install it (`cargo install --path .` in the switchboard repository) so that `switchboard` is on PATH, or set switchboard.server.path.',
  };
}

/** Looks `switchboard` up in `PATH` (with `PATHEXT` extensions on Windows). */
export function searchPath(input: FindServerInput): { found?: string; tried: string[] } {
  const p = pathApi(input.platform);
  const sep = input.platform === 'win32' ? ';' : ':';
  const exts =
    input.platform === 'win32'
      ? (input.pathExt || '.EXE;.CMD;.BAT')
          .split(';')
          .filter((e) => e !== '')
          .map((e) => e.toLowerCase())
      : [''];
  const tried: string[] = [];
  for (const dir of input.pathEnv.split(sep)) {
    if (dir.trim() === '') continue;
    for (const ext of exts) {
      const file = p.join(dir, `switchboard${ext}`);
      tried.push(file);
      if (input.isExecutable(file)) return { found: file, tried };
    }
  }
  return { tried };
}
