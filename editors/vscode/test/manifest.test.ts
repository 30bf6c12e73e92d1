// The extension manifest (package.json) against the files it points at.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const EXT = join(__dirname, '..', '..');
const REPO = join(EXT, '..', '..');
const manifest = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

test('activation on ADK workspaces and on the rules language', () => {
  assert.deepEqual(manifest.activationEvents, [
    'workspaceContains:**/project.yaml',
    'workspaceContains:**/config/handoffs.yaml',
    'workspaceContains:**/agent_settings/rules.txt',
    'workspaceContains:**/agent_settings/*.yaml',
    'onLanguage:adk-rules',
  ]);
  assert.equal(manifest.main, './out/src/extension.js');
  assert.ok(existsSync(join(EXT, manifest.main)), 'built entry point');
});

test('rules.txt and persona.txt are the adk-rules language', () => {
  const [lang] = contributes.languages;
  assert.equal(lang.id, 'adk-rules');
  assert.deepEqual(lang.filenamePatterns, ['**/agent_settings/rules.txt', '**/agent_settings/persona.txt']);
  assert.ok(existsSync(join(EXT, lang.configuration)));
});

test('grammars: each file exists, has the declared scope, and is the one in grammar/', () => {
  const expected: Record<string, { inject?: string[]; language?: string }> = {
    'source.adk-rules': { language: 'adk-rules' },
    'adk-template.injection.yaml': { inject: ['source.yaml'] },
    'adk-template.injection.python': { inject: ['source.python'] },
    'adk-template.injection.python-fstring': { inject: ['source.python'] },
  };
  assert.deepEqual(
    contributes.grammars.map((g: { scopeName: string }) => g.scopeName).sort(),
    Object.keys(expected).sort(),
  );
  for (const g of contributes.grammars) {
    const file = join(EXT, g.path);
    assert.ok(existsSync(file), `${g.path} is built`);
    const text = readFileSync(file, 'utf8');
    assert.equal(JSON.parse(text).scopeName, g.scopeName);
    const source = join(REPO, 'grammar', 'syntaxes', g.path.replace('./syntaxes/', ''));
    assert.equal(text, readFileSync(source, 'utf8'), `${g.path} is a copy of grammar/syntaxes`);
    assert.deepEqual(g.injectTo, expected[g.scopeName].inject);
    assert.equal(g.language, expected[g.scopeName].language);
  }
});

test('handoffs.yaml is validated with the schema from schemas/', () => {
  assert.deepEqual(contributes.yamlValidation, [
    { fileMatch: ['**/config/handoffs.yaml', '**/config/handoffs.yml'], url: './schemas/handoffs.schema.json' },
  ]);
  const shipped = join(EXT, 'schemas', 'handoffs.schema.json');
  assert.ok(existsSync(shipped));
  const source = join(REPO, 'schemas', 'handoffs.schema.json');
  if (existsSync(source)) {
    assert.equal(readFileSync(shipped, 'utf8'), readFileSync(source, 'utf8'));
  }
  JSON.parse(readFileSync(shipped, 'utf8'));
});

test('commands and settings', () => {
  assert.deepEqual(
    contributes.commands.map((c: { command: string; title: string; category: string }) => [
      c.command,
      `${c.category}: ${c.title}`,
    ]),
    [
      ['switchboard.restartServer', 'switchboard: Restart Server'],
      ['switchboard.showOutput', 'switchboard: Show Output'],
      ['switchboard.showRoutingGraph', 'switchboard: Show Routing Graph'],
    ],
  );
  const props = contributes.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), [
    'switchboard.inlayHints.enabled',
    'switchboard.rules',
    'switchboard.server.path',
    'switchboard.trace.server',
  ]);
  assert.deepEqual(props['switchboard.rules'].additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
  assert.deepEqual(props['switchboard.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(props['switchboard.inlayHints.enabled'].default, true);
});

test('Restricted Mode: limited, the server path setting restricted', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['switchboard.server.path']);
  assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 0);
  // The restricted setting exists.
  assert.ok(contributes.configuration.properties['switchboard.server.path']);
});

test('publishing fields: repository, per-platform packaging', () => {
  assert.equal(manifest.repository.type, 'git');
  assert.match(manifest.repository.url, /^https:\/\/github\.com\/.+\.git$/);
  assert.equal(manifest.repository.directory, 'editors/vscode');
  assert.equal(manifest.scripts['package:targets'], 'node scripts/package-targets.mjs');
  assert.ok(existsSync(join(EXT, 'scripts', 'package-targets.mjs')));
  assert.doesNotMatch(manifest.scripts.package, /--allow-missing-repository/);
});

test('the semantic token modifier of unresolved references is declared', () => {
  assert.deepEqual(
    contributes.semanticTokenModifiers.map((m: { id: string }) => m.id),
    ['unresolved'],
  );
});

test('pinned versions that run on node 20', () => {
  assert.equal(manifest.dependencies['vscode-languageclient'], '9.0.1');
  assert.match(manifest.devDependencies['@vscode/vsce'], /^3\.9\.\d+$/);
  assert.equal(manifest.engines.vscode, '^1.82.0');
});

test('the package holds the built extension, grammars, schema and client library only', () => {
  const vsce = join(EXT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const out = execFileSync(process.execPath, [vsce, 'ls'], { cwd: EXT, encoding: 'utf8' });
  const files = out.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const f of [
    'package.json',
    'out/src/extension.js',
    'out/src/serverPath.js',
    'language-configuration.json',
    'syntaxes/adk-rules.tmLanguage.json',
    'syntaxes/adk-template.yaml.tmLanguage.json',
    'syntaxes/adk-template.python.tmLanguage.json',
    'syntaxes/adk-template.python-fstring.tmLanguage.json',
    'schemas/handoffs.schema.json',
    'node_modules/vscode-languageclient/package.json',
    'node_modules/vscode-languageclient/lib/node/main.js',
  ]) {
    assert.ok(files.includes(f), `${f} is packaged`);
  }
  for (const f of files) {
    assert.ok(!/^(src|test|scripts|out\/test|dist)\//.test(f), `${f} is not packaged`);
    assert.ok(!f.startsWith('node_modules/@vscode/vsce/'), `${f} (a dev dependency) is not packaged`);
    assert.ok(!f.startsWith('node_modules/typescript/'), `${f} (a dev dependency) is not packaged`);
  }
});
