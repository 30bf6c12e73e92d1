import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { FindServerInput, expandConfiguredPath, findServer } from '../src/serverPath';

function input(over: Partial<FindServerInput>, files: string[]): FindServerInput {
  return {
    configuredPath: '',
    extensionPath: '/ext',
    platform: 'linux',
    arch: 'x64',
    pathEnv: '/usr/local/bin:/usr/bin',
    homeDir: '/home/ann',
    workspaceFolder: '/work/agent',
    isExecutable: (f) => files.includes(f),
    ...over,
  };
}

test('the setting wins over the bundled binary and PATH', () => {
  const r = findServer(
    input({ configuredPath: '/opt/sb/switchboard' }, [
      '/opt/sb/switchboard',
      '/ext/server/linux-x64/switchboard',
      '/usr/bin/switchboard',
    ]),
  );
  assert.deepEqual(r, { ok: true, command: '/opt/sb/switchboard', source: 'setting' });
});

test('a setting that points nowhere is an error, not a silent fallback', () => {
  const r = findServer(input({ configuredPath: '/nope/switchboard' }, ['/usr/bin/switchboard']));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.deepEqual(r.tried, ['/nope/switchboard']);
    assert.match(r.message, /switchboard\.server\.path is set to "\/nope\/switchboard"/);
  }
});

test('~, ${workspaceFolder} and relative settings are expanded', () => {
  assert.equal(expandConfiguredPath('~/bin/switchboard', 'linux', '/home/ann'), '/home/ann/bin/switchboard');
  assert.equal(
    expandConfiguredPath('${workspaceFolder}/bin/switchboard', 'linux', '/home/ann', '/work/agent'),
    '/work/agent/bin/switchboard',
  );
  assert.equal(
    expandConfiguredPath(' target/release/switchboard ', 'linux', undefined, '/work/agent'),
    '/work/agent/target/release/switchboard',
  );
  const r = findServer(input({ configuredPath: '~/sb' }, ['/home/ann/sb']));
  assert.deepEqual(r, { ok: true, command: '/home/ann/sb', source: 'setting' });
});

test('the binary bundled for this platform and architecture comes next', () => {
  const files = ['/ext/server/linux-x64/switchboard', '/ext/server/linux-arm64/switchboard', '/usr/bin/switchboard'];
  assert.deepEqual(findServer(input({}, files)), {
    ok: true,
    command: '/ext/server/linux-x64/switchboard',
    source: 'bundled',
  });
  assert.deepEqual(findServer(input({ arch: 'arm64' }, files)), {
    ok: true,
    command: '/ext/server/linux-arm64/switchboard',
    source: 'bundled',
  });
  // darwin-x64 is not bundled: PATH.
  assert.deepEqual(findServer(input({ platform: 'darwin' }, files)), {
    ok: true,
    command: '/usr/bin/switchboard',
    source: 'path',
  });
});

test('PATH is searched in order, skipping empty entries', () => {
  const r = findServer(input({ pathEnv: ':/a::/b:/c' }, ['/b/switchboard', '/c/switchboard']));
  assert.deepEqual(r, { ok: true, command: '/b/switchboard', source: 'path' });
});

test('Windows: .exe in the bundle, PATHEXT on PATH, backslash paths', () => {
  const bundled = findServer(
    input({ platform: 'win32', extensionPath: 'C:\\ext', pathEnv: 'C:\\bin' }, [
      'C:\\ext\\server\\win32-x64\\switchboard.exe',
    ]),
  );
  assert.deepEqual(bundled, {
    ok: true,
    command: 'C:\\ext\\server\\win32-x64\\switchboard.exe',
    source: 'bundled',
  });
  const onPath = findServer(
    input({ platform: 'win32', extensionPath: 'C:\\ext', pathEnv: 'C:\\a;C:\\b', pathExt: '.COM;.EXE' }, [
      'C:\\b\\switchboard.exe',
    ]),
  );
  assert.deepEqual(onPath, { ok: true, command: 'C:\\b\\switchboard.exe', source: 'path' });
});

test('nothing found: an error listing every place tried', () => {
  const r = findServer(input({ pathEnv: '/a:/b' }, []));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.deepEqual(r.tried, ['/ext/server/linux-x64/switchboard', '/a/switchboard', '/b/switchboard']);
    assert.match(r.message, /not found/);
    assert.match(r.message, /switchboard\.server\.path/);
  }
});
