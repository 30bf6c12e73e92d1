// Generates the TextMate grammars of the ADK template language from one description, so that
// the grammar for rules.txt and the injections into YAML and Python strings recognise exactly
// the same references.
//
//   node src/generate.mjs           write syntaxes/*.tmLanguage.json
//   node src/generate.mjs --check   fail if a written grammar differs from what would be generated
//
// The rules follow grammar/README.md and src/syntax/template.rs: a reference opens at the last
// two braces of a run and closes at the first two, names run to `}}` on the same line, `$name`
// is a variable only when `$` is not preceded by a letter, digit, `_`, `\` or `$`, and the
// malformed forms the checker reports (unknown kind, unclosed, empty name, spaces, single closing
// brace, missing kind, angle form of a kind other than `ho`) get `invalid.illegal` scopes.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, '..', 'syntaxes');
const S = 'adk-template';

// ------------------------------------------------------------------------------------------
// Building blocks (Oniguruma syntax)

const KINDS = ['fn', 'ft', 'ho', 'attr', 'vrbl', 'twilio_sms', 'entity', 'tn'];
const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const NOT_IDENT_CHAR = '(?![A-Za-z0-9_])';
/** A non-ASCII letter or digit right after an identifier makes it not an identifier (`$café`). */
const NO_WORD_CONTINUES = '(?![\\p{Alpha}\\p{N}])';
/** Unicode whitespace (minus line breaks) plus ZWSP, ZWNJ, ZWJ, WORD JOINER and BOM. */
const WS = '[\\t\\x{0B}\\x{0C}\\x{85}\\p{Zs}\\x{2028}\\x{2029}\\x{200B}-\\x{200D}\\x{2060}\\x{FEFF}]';
const KIND = `(?:${[...KINDS].sort((a, b) => b.length - a.length).join('|')})${NOT_IDENT_CHAR}`;
/** `$` may start a reference only when not preceded by a letter, digit, `_`, `\` or `$`. */
const DOLLAR_OK = '(?<![A-Za-z0-9_\\\\$])';

/** Name scopes per kind. */
const NAME_SCOPE = {
  fn: 'entity.name.function.fn',
  ft: 'entity.name.function.ft',
  ho: 'entity.name.type.ho',
  attr: 'variable.other.constant.attr',
  vrbl: 'variable.other.vrbl',
  twilio_sms: 'entity.name.type.twilio_sms',
  entity: 'entity.name.type.entity',
  tn: 'entity.name.type.tn',
};

const sc = (s) => `${s}.${S}`;
const BEGIN = sc('punctuation.definition.reference.begin');
const END = sc('punctuation.definition.reference.end');
const KIND_SCOPE = sc('keyword.other.kind');
const COLON = sc('punctuation.separator.kind');
const bad = (problem) => sc(`invalid.illegal.reference.${problem}`);
const meta = (kind) => sc(`meta.reference.${kind}`);
const nameScope = (kind) => sc(NAME_SCOPE[kind]);

/** Regex alternatives for the kinds the checker suggests when a kind is mistyped. */
function suggestRegex() {
  const alts = new Set();
  const C = '[A-Za-z0-9_]';
  for (const k of KINDS) {
    alts.add(k);
    for (let i = 0; i < k.length; i++) {
      const del = k.slice(0, i) + k.slice(i + 1);
      if (del) alts.add(del);
      alts.add(k.slice(0, i) + C + k.slice(i + 1));
      if (i + 1 < k.length) alts.add(k.slice(0, i) + k[i + 1] + k[i] + k.slice(i + 2));
    }
    for (let i = 0; i <= k.length; i++) alts.add(k.slice(0, i) + C + k.slice(i));
  }
  const aliases = [
    'func', 'function', 'fun', 'fnc', 'flow_fn', 'flow_function', 'transition', 'handoff',
    'hand_off', 'attribute', 'variant', 'variant_attribute', 'var', 'variable', 'state', 'vrb',
    'sms', 'twilio', 'sms_template', 'twiliosms', 'twilio-sms', 'entities', 'ent',
    'translation', 'translate', 'trans',
  ];
  for (const a of aliases) alts.add(a);
  // Longest first, so that an alternative is never cut short by a shorter one.
  const list = [...alts].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?i:${list.join('|')})${NOT_IDENT_CHAR}`;
}
const SUGGEST = suggestRegex();

// ------------------------------------------------------------------------------------------
// Contexts: where the references are read

/**
 * - `open`/`close2`/`close1`: the brace delimiters (in f-strings `{{{{` and `}}}}`, the
 *   escapes of `{{` and `}}`).
 * - `nameChar`: one character of a name.
 * - `stop`: what may follow an unclosed reference (end of line, a new opener).
 * - `dollarBrace`: `${` … `}` delimiters (in f-strings `${{` … `}}`).
 * - `bare`: report `{{name}}` (no kind) as malformed. Off in YAML and Python, where
 *   `{{ name }}` is common in templates of other tools and the checker's diagnostics (which
 *   only run on ADK projects) say more.
 * - `keyGuard`: a `$name` followed by `:` is a YAML key (`$ref:`), not a variable.
 */
const CONTEXTS = {
  text: {
    open: '\\{\\{(?!\\{)',
    close2: '\\}\\}',
    close1: '\\}(?!\\})',
    nameChar: '(?:[^{}\\r\\n]|\\{(?!\\{))',
    angleChar: '(?:[^<>{\\r\\n]|<(?!<)|\\{(?!\\{))',
    stop: '(?:\\{\\{|$)',
    angleStop: '(?:<<|\\{\\{|$)',
    dollarBrace: ['\\{(?!\\{)', '\\}'],
    bare: true,
    keyGuard: false,
    leading: null,
  },
  // YAML and Python strings: names do not run over a quote (it is the end of the string).
  string: {
    open: '\\{\\{(?!\\{)',
    close2: '\\}\\}',
    close1: '\\}(?!\\})',
    nameChar: '(?:[^{}\\r\\n"\']|\\{(?!\\{))',
    angleChar: '(?:[^<>{\\r\\n"\']|<(?!<)|\\{(?!\\{))',
    stop: '(?:\\{\\{|["\']|$)',
    angleStop: '(?:<<|\\{\\{|["\']|$)',
    dollarBrace: ['\\{(?!\\{)', '\\}'],
    bare: false,
    keyGuard: false,
    leading: null,
  },
  // Python f-strings: `{{` is an escaped `{`, so `{{{{fn:x}}}}` is the reference `{{fn:x}}`
  // and `{{fn:x}}` is the text `{fn:x}`. A single brace starts a replacement field.
  fstring: {
    // Pairs before the last four of an even run are escapes of plain braces.
    open: '(?<!\\{)((?:\\{\\{)*)\\{\\{\\{\\{(?!\\{)',
    close2: '\\}\\}\\}\\}',
    close1: '\\}\\}(?!\\})',
    nameChar: '[^{}\\r\\n"\']',
    angleChar: '(?:[^<>{}\\r\\n"\']|<(?!<))',
    stop: '(?:\\{|["\']|$)',
    angleStop: '(?:<<|\\{|["\']|$)',
    dollarBrace: ['\\{\\{(?!\\{)', '\\}\\}'],
    bare: false,
    keyGuard: false,
    leading: 'constant.character.escape.python',
  },
};

// ------------------------------------------------------------------------------------------
// Patterns

/** A match rule from a list of [regex, scope|null|captureObject] parts. */
function rule(comment, name, parts, extra = {}) {
  let re = '';
  const captures = {};
  let n = 0;
  for (const [src, scope] of parts) {
    if (scope === undefined) {
      re += src;
      continue;
    }
    n += 1;
    re += `(${src})`;
    if (scope !== null) captures[String(n)] = typeof scope === 'string' ? { name: scope } : scope;
  }
  const r = { comment, match: re };
  if (name) r.name = name;
  r.captures = captures;
  return Object.assign(r, extra);
}

/** The opening delimiter parts: in f-strings a leading run of escaped pairs, then `{{{{`. */
function openParts(ctx) {
  if (ctx.leading) {
    return [
      ['(?<!\\{)'],
      ['(?:\\{\\{)*', ctx.leading],
      ['\\{\\{\\{\\{(?!\\{)', BEGIN],
    ];
  }
  return [[ctx.open, BEGIN]];
}

/** A name: starts and ends with a non-space, no `}` and no `{{`. */
const nameRe = (ch) => `(?!${WS})${ch}(?:${ch}*(?<!${WS}))?`;

function bracePatterns(ctx) {
  const N = nameRe(ctx.nameChar);
  const out = [];
  const callCapture = {
    name: sc('meta.function-call.arguments'),
    patterns: [
      { match: '(?<=\\}\\})\\(', name: sc('punctuation.section.arguments.begin') },
      { match: '\\)$', name: sc('punctuation.section.arguments.end') },
      { include: '#dollar' },
    ],
  };
  // A call `('arg')` right after a function reference: balanced parentheses on the line, no
  // `{{` inside.
  const CALL = ctx.leading
    ? null
    : '(?<call>\\((?:[^()\\r\\n{]|\\{(?!\\{)|\\g<call>)*\\))';
  for (const k of KINDS) {
    const call = CALL && (k === 'fn' || k === 'ft') ? [[`${CALL}?`, callCapture]] : [];
    out.push(
      rule(`{{${k}:name}}`, meta(k), [
        ...openParts(ctx),
        [k, KIND_SCOPE],
        [':', COLON],
        [`(?!${WS})${ctx.nameChar}+(?<!${WS})`, nameScope(k)],
        [ctx.close2, END],
        ...call,
      ]),
    );
    out.push(
      rule(`{{${k}:name}: closed by a single brace`, `${meta(k)} ${bad('single-brace')}`, [
        ...openParts(ctx),
        [`${WS}*`, null],
        [k, KIND_SCOPE],
        [`${WS}*`, null],
        [':', COLON],
        [`${WS}*`, null],
        [N, nameScope(k)],
        [`${WS}*`, null],
        [ctx.close1, END],
      ]),
    );
    out.push(
      rule(`{{ ${k} : name }}: spaces inside`, `${meta(k)} ${bad('whitespace')}`, [
        ...openParts(ctx),
        [`${WS}*`, null],
        [k, KIND_SCOPE],
        [`${WS}*`, null],
        [':', COLON],
        [`${WS}*`, null],
        [N, nameScope(k)],
        [`${WS}*`, null],
        [ctx.close2, END],
        ...call,
      ]),
    );
  }
  const closeAny = `${ctx.close2}|${ctx.close1}`;
  out.push(
    rule('{{ho:}}: empty name', bad('empty-name'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [KIND, KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      [`${WS}*`, null],
      [closeAny, END],
    ]),
  );
  if (!ctx.leading) {
    out.push(
      rule('{{ho}}: a kind and no name', bad('empty-name'), [
        ['(?<!\\$)'],
        ...openParts(ctx),
        [`${WS}*`, null],
        [KIND, KIND_SCOPE],
        [`${WS}*`, null],
        [ctx.close2, END],
      ]),
    );
  }
  out.push(
    rule('{{foo:x}}: unknown kind written tightly around the colon', bad('unknown-kind'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [IDENT, null],
      [':', COLON],
      [`(?:(?!${WS})${ctx.nameChar}*|${WS}*)`, null],
      [closeAny, END],
    ]),
  );
  out.push(
    rule('{{ FN : x }}: unknown kind close to a real one', bad('unknown-kind'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [SUGGEST, null],
      [`${WS}*`, null],
      [':', COLON],
      [`${ctx.nameChar}*`, null],
      [closeAny, END],
    ]),
  );
  // Unclosed: no closing brace before the end of the line or the next opener. The problem
  // covers the opener through the name (or the colon when the name is empty).
  const unclosedTail = (after) => [
    [`(?:${WS}*${N})?`, null],
    [`(?=${WS}*${after})`],
  ];
  out.push(
    rule('{{ho:x with no closing braces', bad('unclosed'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [KIND, KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      ...unclosedTail(ctx.stop),
    ]),
  );
  out.push(
    rule('{{foo:x with no closing braces (tight colon)', bad('unclosed'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [IDENT, null],
      [':', COLON],
      [`(?:(?!${WS})${N})?`, null],
      [`(?=${WS}*${ctx.stop})`],
    ]),
  );
  out.push(
    rule('{{ FN : x with no closing braces', bad('unclosed'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [SUGGEST, null],
      [`${WS}*`, null],
      [':', COLON],
      ...unclosedTail(ctx.stop),
    ]),
  );
  out.push(
    rule('{{:x}}: no kind', bad('missing-kind'), [
      ...openParts(ctx),
      [`${WS}*`, null],
      [':', COLON],
      [`${ctx.nameChar}*`, null],
      [ctx.close2, END],
    ]),
  );
  if (ctx.bare) {
    out.push(
      rule('{{name}}: no kind', bad('missing-kind'), [
        ['(?<!\\$)'],
        ...openParts(ctx),
        [`${WS}*`, null],
        [IDENT, null],
        [`${WS}*`, null],
        [ctx.close2, END],
      ]),
    );
  }
  return out;
}

function anglePatterns(ctx) {
  const A = ctx.angleChar;
  const N = nameRe(A);
  const O = ['<<(?!<)', BEGIN];
  const otherKinds = KINDS.filter((k) => k !== 'ho');
  return [
    rule('<<ho:name>>', meta('ho'), [
      O,
      ['ho', KIND_SCOPE],
      [':', COLON],
      [`(?!${WS})${A}+(?<!${WS})`, nameScope('ho')],
      ['>>', END],
    ]),
    rule('<<ho:name>: closed by a single >', `${meta('ho')} ${bad('single-brace')}`, [
      O,
      [`${WS}*`, null],
      ['ho', KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      [`${WS}*`, null],
      [N, nameScope('ho')],
      [`${WS}*`, null],
      ['>(?!>)', END],
    ]),
    rule('<< ho : name >>: spaces inside', `${meta('ho')} ${bad('whitespace')}`, [
      O,
      [`${WS}*`, null],
      ['ho', KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      [`${WS}*`, null],
      [N, nameScope('ho')],
      [`${WS}*`, null],
      ['>>', END],
    ]),
    rule('<<ho:>>: empty name', bad('empty-name'), [
      O,
      [`${WS}*`, null],
      ['ho', KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      [`${WS}*`, null],
      ['>>|>(?!>)', END],
    ]),
    rule('<<fn:x>>: only handoffs have the angle form', bad('unsupported-angle'), [
      O,
      [`${WS}*`, null],
      [`(?:${otherKinds.join('|')})${NOT_IDENT_CHAR}`, KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      [`${A}*`, null],
      ['>>', END],
    ]),
    rule('<<HO:x>>: a kind up to case', bad('unknown-kind'), [
      O,
      [`${WS}*`, null],
      [`(?i:${KINDS.join('|')})${NOT_IDENT_CHAR}`, null],
      [`${WS}*`, null],
      [':', COLON],
      [`${A}*`, null],
      ['>>', END],
    ]),
    rule('<<ho:x with no closing >>', bad('unclosed'), [
      O,
      [`${WS}*`, null],
      [`(?i:ho)${NOT_IDENT_CHAR}`, KIND_SCOPE],
      [`${WS}*`, null],
      [':', COLON],
      [`(?:${WS}*${N})?`, null],
      [`(?=${WS}*${ctx.angleStop})`],
    ]),
  ];
}

function dollarPatterns(ctx) {
  const guard = ctx.keyGuard ? '(?!\\s*:(?:\\s|$))' : '';
  const member = {
    name: sc('meta.member'),
    patterns: [
      { match: '\\.', name: sc('punctuation.accessor') },
      { match: IDENT, name: sc('variable.other.property') },
    ],
  };
  const [ob, cb] = ctx.dollarBrace;
  const id = `(?>${IDENT})${NO_WORD_CONTINUES}`;
  return [
    rule('$name, $name.member', meta('vrbl'), [
      [DOLLAR_OK],
      ['\\$', sc('punctuation.definition.variable')],
      [id, nameScope('vrbl')],
      [`(?:\\.${id})*`, member],
      [guard],
    ]),
    rule('${variant_name}: a variant attribute', meta('attr'), [
      [DOLLAR_OK],
      [`\\$${ob}`, BEGIN],
      ['variant_', KIND_SCOPE],
      [id, nameScope('attr')],
      [cb, END],
    ]),
    rule('${name}: a state variable', meta('vrbl'), [
      [DOLLAR_OK],
      [`\\$${ob}`, BEGIN],
      [`(?!variant_)${id}`, nameScope('vrbl')],
      [cb, END],
    ]),
    rule('${ variant_name }: spaces inside', `${meta('attr')} ${bad('whitespace')}`, [
      [DOLLAR_OK],
      [`\\$${ob}`, BEGIN],
      [`${WS}*`, null],
      ['variant_', KIND_SCOPE],
      [id, nameScope('attr')],
      [`${WS}*`, null],
      [cb, END],
    ]),
    rule('${ name }: spaces inside', `${meta('vrbl')} ${bad('whitespace')}`, [
      [DOLLAR_OK],
      [`\\$${ob}`, BEGIN],
      [`${WS}*`, null],
      [`(?!variant_)${id}`, nameScope('vrbl')],
      [`${WS}*`, null],
      [cb, END],
    ]),
    rule('${} and ${variant_}: empty name', bad('empty-name'), [
      [DOLLAR_OK],
      [`\\$${ob}`, BEGIN],
      [`${WS}*(?:variant_${WS}*)?`, null],
      [cb, END],
    ]),
  ];
}

/** The repository shared by every grammar of one context. */
function repository(ctx) {
  const patterns = [{ include: '#braces' }, { include: '#angles' }, { include: '#dollar' }];
  if (ctx.leading) {
    // The host grammar reads an f-string's literal text up to the next brace, quote or
    // backslash in one token, so a `$name` or `<<ho:` in the middle would never be tried.
    // This takes the text before one of them as a token of its own (scoped as f-string text).
    patterns.unshift({
      comment: 'f-string text before a `$name` or `<<kind:`',
      match: `(?:[^\\\\{}"'\\r\\n$<]|<(?!<))+(?=\\$[A-Za-z_{]|<<(?!<)${WS}*[A-Za-z_]+${WS}*:)`,
      name: 'string.interpolated.python',
    });
  }
  return {
    references: { patterns },
    braces: { patterns: bracePatterns(ctx) },
    angles: { patterns: anglePatterns(ctx) },
    dollar: { patterns: dollarPatterns(ctx) },
  };
}

const HEADER =
  'Generated by grammar/src/generate.mjs from the rules of grammar/README.md; do not edit.';

const grammars = {
  'adk-rules.tmLanguage.json': {
    $comment: HEADER,
    name: 'ADK rules',
    scopeName: 'source.adk-rules',
    patterns: [
      {
        comment: 'Markdown-style headings (references inside are still highlighted)',
        begin: '^\\s*(#{1,6})(?=\\s)',
        end: '$',
        name: 'markup.heading.adk-rules',
        beginCaptures: { 1: { name: 'punctuation.definition.heading.adk-rules' } },
        patterns: [{ include: '#references' }],
      },
      { include: '#references' },
    ],
    repository: repository(CONTEXTS.text),
  },
  'adk-template.yaml.tmLanguage.json': {
    $comment: HEADER,
    name: 'ADK template references in YAML',
    scopeName: 'adk-template.injection.yaml',
    injectionSelector: 'L:source.yaml -comment',
    patterns: [{ include: '#references' }],
    repository: repository({ ...CONTEXTS.string, keyGuard: true }),
  },
  'adk-template.python.tmLanguage.json': {
    $comment: HEADER,
    name: 'ADK template references in Python strings',
    scopeName: 'adk-template.injection.python',
    injectionSelector:
      'L:source.python string -meta.fstring.python -string.quoted.binary -comment',
    patterns: [{ include: '#references' }],
    repository: repository(CONTEXTS.string),
  },
  'adk-template.python-fstring.tmLanguage.json': {
    $comment: HEADER,
    name: 'ADK template references in Python f-strings',
    scopeName: 'adk-template.injection.python-fstring',
    // The f-string's literal text and its `{{` escapes sit directly under meta.fstring.python.
    injectionSelector: 'L:source.python meta.fstring.python -comment',
    patterns: [{ include: '#references' }],
    repository: repository(CONTEXTS.fstring),
  },
};

function main() {
  const check = process.argv.includes('--check');
  mkdirSync(OUT, { recursive: true });
  let stale = [];
  for (const [file, g] of Object.entries(grammars)) {
    const path = join(OUT, file);
    const text = `${JSON.stringify(g, null, 2)}\n`;
    if (check) {
      let old = null;
      try {
        old = readFileSync(path, 'utf8');
      } catch {
        // missing
      }
      if (old !== text) stale.push(file);
    } else {
      writeFileSync(path, text);
    }
  }
  if (check && stale.length) {
    console.error(
      `grammar: ${stale.join(', ')} out of date; run \`node grammar/src/generate.mjs\``,
    );
    process.exit(1);
  }
  console.log(check ? 'grammar: generated files are up to date' : `grammar: wrote ${OUT}`);
}

main();
