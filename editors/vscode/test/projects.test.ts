import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { documentSelector, escapeGlob, projectRootsFrom } from '../src/projects';

test('project roots from the marker files', () => {
  assert.deepEqual(
    projectRootsFrom([
      '/w/a/project.yaml',
      '/w/a/config/handoffs.yaml',
      '/w/b/agent_settings/rules.txt',
      '/w/c/config/handoffs.yaml',
      '/w/a/_gen/project.yaml',
      '/w/node_modules/x/project.yaml',
      '/w/tests/fixture/project.yaml',
      '/w/d/config/other.yaml',
    ]),
    ['/w/a', '/w/b', '/w/c'],
  );
});

test('Windows paths become forward slashes', () => {
  assert.deepEqual(projectRootsFrom(['C:\\w\\agent\\config\\handoffs.yaml']), ['C:/w/agent']);
});

test('selectors: rules language, and YAML/Python inside the ADK folders of each root only', () => {
  assert.deepEqual(documentSelector(['/w/a', '/w/b [x]']), [
    { scheme: 'file', language: 'adk-rules' },
    {
      scheme: 'file',
      language: 'yaml',
      pattern: '/w/a/{topics,flows,config,agent_settings,functions,voice,chat}/**/*.{yaml,yml}',
    },
    { scheme: 'file', language: 'yaml', pattern: '/w/a/project.yaml' },
    {
      scheme: 'file',
      language: 'python',
      pattern: '/w/a/{topics,flows,config,agent_settings,functions,voice,chat}/**/*.py',
    },
    {
      scheme: 'file',
      language: 'yaml',
      pattern: '/w/b [[]x[]]/{topics,flows,config,agent_settings,functions,voice,chat}/**/*.{yaml,yml}',
    },
    { scheme: 'file', language: 'yaml', pattern: '/w/b [[]x[]]/project.yaml' },
    {
      scheme: 'file',
      language: 'python',
      pattern: '/w/b [[]x[]]/{topics,flows,config,agent_settings,functions,voice,chat}/**/*.py',
    },
  ]);
  // No selector takes every YAML or Python file.
  for (const f of documentSelector(['/w/a'])) {
    assert.ok(f.language === 'adk-rules' || (f.pattern ?? '').startsWith('/w/a/'), JSON.stringify(f));
  }
});

test('without known roots, the folder names alone select', () => {
  const s = documentSelector([]);
  assert.deepEqual(
    s.map((f) => f.pattern),
    [
      undefined,
      '**/{topics,flows,config,agent_settings,functions,voice,chat}/**/*.{yaml,yml}',
      '**/project.yaml',
      '**/{topics,flows,config,agent_settings,functions,voice,chat}/**/*.py',
    ],
  );
  assert.equal(escapeGlob('a{b}*?'), 'a[{]b[}][*][?]');
});
