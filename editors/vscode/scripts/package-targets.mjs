// Packages one .vsix per platform, each bundling the server built for it (`vsce package
// --target <target>`), into dist/switchboard-<target>.vsix.
//
//   npm run package:targets                        # every target whose binary is there
//   npm run package:targets -- linux-x64 darwin-arm64
//   npm run package:targets -- --dry-run linux-x64 # print the plan as JSON, package nothing
//
// The binary of a target is $SWITCHBOARD_SERVER_BINARY_<TARGET> (e.g.
// SWITCHBOARD_SERVER_BINARY_LINUX_X64), else the release build for its Rust target in the
// repository (target/<triple>/release/switchboard[.exe], as `cargo build --release --target
// <triple>` and scripts/build-release.sh leave it). A target named on the command line without
// a binary is an error; without names, targets without a binary are skipped. Each package holds
// its own binary only: server/ is emptied before each and after the last.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = join(EXT, '..', '..');

/** vsce targets and the Rust targets that build for them. */
export const TARGETS = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'linux-armhf': 'armv7-unknown-linux-gnueabihf',
  'alpine-x64': 'x86_64-unknown-linux-musl',
  'alpine-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
  'win32-arm64': 'aarch64-pc-windows-msvc',
};

function envName(target) {
  return `SWITCHBOARD_SERVER_BINARY_${target.toUpperCase().replace(/-/g, '_')}`;
}

/** What would be packaged: one entry per target, with its binary (or why there is none). */
export function plan(targets, env = process.env, repo = REPO) {
  const named = targets.length > 0;
  const list = named ? targets : Object.keys(TARGETS);
  const out = [];
  for (const target of list) {
    const triple = TARGETS[target];
    if (!triple) {
      out.push({ target, error: `unknown target (known: ${Object.keys(TARGETS).join(', ')})` });
      continue;
    }
    const exe = target.startsWith('win32') ? 'switchboard.exe' : 'switchboard';
    const tried = [];
    let binary = env[envName(target)];
    if (binary) {
      tried.push(binary);
      binary = resolve(binary);
    } else {
      binary = join(repo, 'target', triple, 'release', exe);
      tried.push(binary);
    }
    const entry = {
      target,
      binary,
      bundled: `server/${target}/${exe}`,
      vsix: `dist/switchboard-${target}.vsix`,
    };
    if (!existsSync(binary)) {
      if (!named) continue;
      entry.error = `no server binary (set ${envName(target)}; tried ${tried.join(', ')})`;
    }
    out.push(entry);
  }
  return out;
}

function run(cmd, args) {
  const env = { ...process.env };
  // prepare-assets (run by vscode:prepublish) would bundle this one too.
  delete env.SWITCHBOARD_SERVER_BINARY;
  delete env.SWITCHBOARD_SERVER_TARGET;
  const r = spawnSync(cmd, args, { cwd: EXT, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

function main(argv) {
  const dry = argv.includes('--dry-run');
  const targets = argv.filter((a) => a !== '--dry-run');
  const steps = plan(targets);
  if (dry) {
    console.log(JSON.stringify(steps, null, 2));
    return 0;
  }
  const bad = steps.filter((s) => s.error);
  for (const s of bad) console.error(`package-targets: ${s.target}: ${s.error}`);
  if (bad.length > 0) return 1;
  if (steps.length === 0) {
    console.error('package-targets: no target has a server binary; build one first (see the header of this script)');
    return 1;
  }
  const vsce = join(EXT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const server = join(EXT, 'server');
  mkdirSync(join(EXT, 'dist'), { recursive: true });
  try {
    for (const s of steps) {
      rmSync(server, { recursive: true, force: true });
      const dest = join(EXT, s.bundled);
      mkdirSync(dirname(dest), { recursive: true });
      copyFileSync(s.binary, dest);
      chmodSync(dest, 0o755);
      console.log(`package-targets: ${s.target}: ${s.binary} -> ${s.bundled}`);
      run(process.execPath, [vsce, 'package', '--skip-license', '--target', s.target, '-o', s.vsix]);
    }
  } finally {
    rmSync(server, { recursive: true, force: true });
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`package-targets: ${e.message}`);
    process.exitCode = 1;
  }
}
