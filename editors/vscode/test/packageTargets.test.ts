// scripts/package-targets.mjs: one .vsix per platform, each with its own server binary only.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

const EXT = join(__dirname, '..', '..');
const SCRIPT = join(EXT, 'scripts', 'package-targets.mjs');

function runScript(args: string[], env: Record<string, string>): string {
  const clean = { ...process.env };
  for (const k of Object.keys(clean)) if (k.startsWith('SWITCHBOARD_SERVER_BINARY')) delete clean[k];
  return execFileSync(process.execPath, [SCRIPT, ...args], {
    cwd: EXT,
    encoding: 'utf8',
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The files of a zip archive (from its central directory), each with a reader. */
function zipEntries(file: string): Map<string, () => Buffer> {
  const b = readFileSync(file);
  let end = b.length - 22;
  while (end >= 0 && b.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'a zip file');
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const out = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(b.readUInt32LE(at), 0x02014b50);
    const method = b.readUInt16LE(at + 10);
    const size = b.readUInt32LE(at + 20);
    const nameLen = b.readUInt16LE(at + 28);
    const extraLen = b.readUInt16LE(at + 30);
    const commentLen = b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    const name = b.toString('utf8', at + 46, at + 46 + nameLen);
    out.set(name, () => {
      const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
      const data = b.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

test('the plan: each target its binary (from the environment or target/<triple>/release)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-targets-'));
  const linux = join(dir, 'switchboard-linux');
  const win = join(dir, 'switchboard.exe');
  writeFileSync(linux, '');
  writeFileSync(win, '');
  const out = JSON.parse(
    runScript(['--dry-run', 'linux-x64', 'win32-x64', 'darwin-arm64'], {
      SWITCHBOARD_SERVER_BINARY_LINUX_X64: linux,
      SWITCHBOARD_SERVER_BINARY_WIN32_X64: win,
    }),
  );
  assert.deepEqual(out[0], {
    target: 'linux-x64',
    binary: linux,
    bundled: 'server/linux-x64/switchboard',
    vsix: 'dist/switchboard-linux-x64.vsix',
  });
  assert.equal(out[1].bundled, 'server/win32-x64/switchboard.exe');
  assert.equal(out[1].vsix, 'dist/switchboard-win32-x64.vsix');
  // Named without a binary: an error naming where it looked.
  assert.equal(out[2].target, 'darwin-arm64');
  assert.match(out[2].error, /SWITCHBOARD_SERVER_BINARY_DARWIN_ARM64/);
  assert.match(out[2].error, /target\/aarch64-apple-darwin\/release\/switchboard/);
  const unknown = JSON.parse(runScript(['--dry-run', 'plan9-x64'], {}));
  assert.match(unknown[0].error, /unknown target/);
  rmSync(dir, { recursive: true, force: true });
});

test('packaging two targets: each .vsix is for its platform and holds its own binary only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-targets-'));
  const linux = join(dir, 'linux');
  const arm = join(dir, 'arm');
  writeFileSync(linux, '#!/bin/sh\necho linux-x64\n');
  writeFileSync(arm, '#!/bin/sh\necho linux-arm64\n');
  runScript(['linux-x64', 'linux-arm64'], {
    SWITCHBOARD_SERVER_BINARY_LINUX_X64: linux,
    SWITCHBOARD_SERVER_BINARY_LINUX_ARM64: arm,
  });
  for (const [target, other] of [
    ['linux-x64', 'linux-arm64'],
    ['linux-arm64', 'linux-x64'],
  ]) {
    const vsix = join(EXT, 'dist', `switchboard-${target}.vsix`);
    assert.ok(existsSync(vsix), `${vsix} written`);
    const entries = zipEntries(vsix);
    const names = [...entries.keys()];
    const bin = entries.get(`extension/server/${target}/switchboard`);
    assert.ok(bin, `${target} bundles its binary`);
    assert.match(bin().toString('utf8'), new RegExp(`echo ${target}`));
    assert.ok(!names.some((n) => n.includes(`server/${other}/`)), `${target} holds no ${other} binary`);
    assert.ok(names.includes('extension/out/src/extension.js'));
    const manifest = entries.get('extension.vsixmanifest');
    assert.ok(manifest);
    assert.match(manifest().toString('utf8'), new RegExp(`TargetPlatform="${target}"`));
    rmSync(vsix);
  }
  // The extension folder is left without bundled binaries.
  assert.ok(!existsSync(join(EXT, 'server', 'linux-x64')));
  rmSync(dir, { recursive: true, force: true });
});
