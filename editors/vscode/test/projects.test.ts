import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import { documentSelector, escapeGlob, projectRootsFrom, skippedFolder } from '../src/projects';

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
    ['/w/a', '/w/b', '/w/c', '/w/d'],
  );
});

test('roots without project.yaml, as `switchboard check` and the server find them', () => {
  const folders = ['/home/ann/.work/ws'];
  assert.deepEqual(
    projectRootsFrom(
      [
        // Only topics and functions, no project.yaml.
        '/home/ann/.work/ws/agents/billing/topics/refunds.yaml',
        '/home/ann/.work/ws/agents/billing/functions/lookup.py',
        // A flow's own functions folder is no root of its own: the flows folder above is.
        '/home/ann/.work/ws/agents/booking/flows/book/functions/confirm.py',
        '/home/ann/.work/ws/agents/booking/flows/book/flow_config.yaml',
        // Skipped: hidden, tool and ignored folders (below the workspace folder only).
        '/home/ann/.work/ws/.venv/lib/site-packages/pkg/config/x.yaml',
        '/home/ann/.work/ws/build/target/config/x.yaml',
        '/home/ann/.work/ws/agents/tests/sample/config/handoffs.yaml',
      ],
      folders,
    ),
    ['/home/ann/.work/ws/agents/billing', '/home/ann/.work/ws/agents/booking'],
  );
  // The workspace folder itself holds a marker: it is the one root.
  assert.deepEqual(projectRootsFrom(['/ws/config/handoffs.yaml', '/ws/topics/a.yaml'], ['/ws']), ['/ws']);
  assert.ok(skippedFolder('.hidden') && skippedFolder('node_modules') && skippedFolder('venv'));
  assert.ok(!skippedFolder('agents'));
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
      pattern: '/w/a/{topics,child_topics,test_suite,flows,config,agent_settings,functions,voice,chat}/**/*.{yaml,yml}',
    },
    { scheme: 'file', language: 'yaml', pattern: '/w/a/project.yaml' },
    {
      scheme: 'file',
      language: 'python',
      pattern: '/w/a/{topics,child_topics,test_suite,flows,config,agent_settings,functions,voice,chat}/**/*.py',
    },
    {
      scheme: 'file',
      language: 'yaml',
      pattern: '/w/b [[]x[]]/{topics,child_topics,test_suite,flows,config,agent_settings,functions,voice,chat}/**/*.{yaml,yml}',
    },
    { scheme: 'file', language: 'yaml', pattern: '/w/b [[]x[]]/project.yaml' },
    {
      scheme: 'file',
      language: 'python',
      pattern: '/w/b [[]x[]]/{topics,child_topics,test_suite,flows,config,agent_settings,functions,voice,chat}/**/*.py',
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
      '**/{topics,child_topics,test_suite,flows,config,agent_settings,functions,voice,chat}/**/*.{yaml,yml}',
      '**/project.yaml',
      '**/{topics,child_topics,test_suite,flows,config,agent_settings,functions,voice,chat}/**/*.py',
    ],
  );
  assert.equal(escapeGlob('a{b}*?'), 'a[{]b[}][*][?]');
});
