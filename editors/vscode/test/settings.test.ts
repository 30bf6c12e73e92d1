import { strict as assert } from 'node:assert';
import { test } from 'node:test';

import {
  didChangeConfigurationParams,
  normaliseRuleKey,
  normaliseSeverity,
  toServerOptions,
} from '../src/settings';

test('defaults: no overrides, inlay hints on, trace off', () => {
  assert.deepEqual(toServerOptions(undefined), {
    options: { rules: {}, inlayHints: { enabled: true }, trace: 'off' },
    problems: [],
  });
  assert.deepEqual(toServerOptions({}).options, {
    rules: {},
    inlayHints: { enabled: true },
    trace: 'off',
  });
});

test('rule overrides by code and by name are normalised', () => {
  const r = toServerOptions({
    rules: { sb201: 'Warning', 'Unused-Handoff': 'off', SB118: ' hint ', 'route-not-used': 'warn' },
    inlayHints: { enabled: false },
    trace: { server: 'verbose' },
  });
  assert.deepEqual(r, {
    options: {
      rules: { SB201: 'warning', 'unused-handoff': 'off', SB118: 'hint', 'route-not-used': 'warning' },
      inlayHints: { enabled: false },
      trace: 'verbose',
    },
    problems: [],
  });
});

test('invalid entries are dropped and reported, valid ones kept', () => {
  const r = toServerOptions({
    rules: { SB201: 'fatal', 'not a rule': 'error', SB3: 'error', SB301: 'error', SB118: 3 },
    inlayHints: { enabled: 'yes' },
    trace: { server: 'loud' },
  });
  assert.deepEqual(r.options, {
    rules: { SB301: 'error' },
    inlayHints: { enabled: true },
    trace: 'off',
  });
  assert.deepEqual(r.problems, [
    'switchboard.rules: "SB118": 3 is not one of error, warning, info, hint, off; ignored',
    'switchboard.rules: "SB201": "fatal" is not one of error, warning, info, hint, off; ignored',
    'switchboard.rules: "SB3" is neither a rule code (SB201) nor a rule name (unknown-handoff); ignored',
    'switchboard.rules: "not a rule" is neither a rule code (SB201) nor a rule name (unknown-handoff); ignored',
    'switchboard.inlayHints.enabled must be true or false; using true',
    'switchboard.trace.server must be one of off, messages, verbose; using off',
  ]);
});

test('rules that are not an object are ignored with a problem', () => {
  for (const rules of [['SB201'], 'SB201=off', 7]) {
    const r = toServerOptions({ rules });
    assert.deepEqual(r.options.rules, {});
    assert.deepEqual(r.problems, ['switchboard.rules must be an object of rule → severity; ignored']);
  }
  assert.deepEqual(toServerOptions({ rules: null }).problems, []);
});

test('rule keys and severities', () => {
  assert.equal(normaliseRuleKey(' sb042 '), 'SB042');
  assert.equal(normaliseRuleKey('unknown-handoff'), 'unknown-handoff');
  assert.equal(normaliseRuleKey('unknown_handoff'), undefined);
  assert.equal(normaliseRuleKey('-x'), undefined);
  assert.equal(normaliseRuleKey(''), undefined);
  assert.equal(normaliseSeverity('INFORMATION'), 'info');
  assert.equal(normaliseSeverity('none'), 'off');
  assert.equal(normaliseSeverity('critical'), undefined);
  assert.equal(normaliseSeverity(undefined), undefined);
});

test('didChangeConfiguration carries the options under "switchboard"', () => {
  const o = toServerOptions({ rules: { SB201: 'off' } }).options;
  assert.deepEqual(didChangeConfigurationParams(o), {
    settings: { switchboard: { rules: { SB201: 'off' }, inlayHints: { enabled: true }, trace: 'off' } },
  });
});
