// Settings → what the server receives. No `vscode` import: unit-tested with node's test runner.
//
// The server gets the same object as `initializationOptions` at start-up and as
// `settings.switchboard` in `workspace/didChangeConfiguration` (and as the answer to a
// `workspace/configuration` request for the section `switchboard`):
//
//   { "rules": { "SB201": "warning", "unused-handoff": "off" },
//     "inlayHints": { "enabled": true },
//     "trace": "off" }

export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const TRACE_LEVELS = ['off', 'messages', 'verbose'] as const;
export type TraceLevel = (typeof TRACE_LEVELS)[number];

/** What the server is sent. */
export interface ServerOptions {
  rules: Record<string, Severity>;
  inlayHints: { enabled: boolean };
  trace: TraceLevel;
}

/** The `switchboard.*` settings as read from the editor (any shape: users edit JSON by hand). */
export interface RawSettings {
  rules?: unknown;
  inlayHints?: { enabled?: unknown } | unknown;
  trace?: { server?: unknown } | unknown;
}

export interface MappedSettings {
  options: ServerOptions;
  /** Settings that were ignored, with why: shown in the output channel. */
  problems: string[];
}

const CODE = /^sb\d{3}$/i;
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Normalises a rule key: codes upper-case (`sb201` → `SB201`), names lower-case kebab-case
 * (`Unused-Handoff` → `unused-handoff`). Returns undefined for anything else.
 */
export function normaliseRuleKey(key: string): string | undefined {
  const k = key.trim();
  if (CODE.test(k)) return k.toUpperCase();
  // `SB3`, `SB2010`: a code with the wrong number of digits, not a name.
  if (/^sb\d*$/i.test(k)) return undefined;
  const lower = k.toLowerCase();
  if (NAME.test(lower)) return lower;
  return undefined;
}

/** Normalises a severity (`Warning`, ` warn `, `information`, `none`...). */
export function normaliseSeverity(value: unknown): Severity | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  const aliases: Record<string, Severity> = {
    warn: 'warning',
    information: 'info',
    note: 'info',
    none: 'off',
    ignore: 'off',
    disabled: 'off',
  };
  if ((SEVERITIES as readonly string[]).includes(v)) return v as Severity;
  return aliases[v];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Maps the editor's settings to the server's options, keeping what is valid. */
export function toServerOptions(raw: RawSettings | undefined): MappedSettings {
  const problems: string[] = [];
  const rules: Record<string, Severity> = {};
  const r = raw?.rules;
  if (r !== undefined && r !== null) {
    if (!isObject(r)) {
      problems.push('switchboard.rules must be an object of rule → severity; ignored');
    } else {
      for (const key of Object.keys(r).sort()) {
        const k = normaliseRuleKey(key);
        const sev = normaliseSeverity(r[key]);
        if (k === undefined) {
          problems.push(
            `switchboard.rules: "${key}" is neither a rule code (SB201) nor a rule name (unknown-handoff); ignored`,
          );
        } else if (sev === undefined) {
          problems.push(
            `switchboard.rules: "${key}": ${JSON.stringify(r[key])} is not one of ${SEVERITIES.join(', ')}; ignored`,
          );
        } else {
          rules[k] = sev;
        }
      }
    }
  }
  let enabled = true;
  const ih = raw?.inlayHints;
  if (isObject(ih) && ih.enabled !== undefined) {
    if (typeof ih.enabled === 'boolean') enabled = ih.enabled;
    else problems.push('switchboard.inlayHints.enabled must be true or false; using true');
  }
  let trace: TraceLevel = 'off';
  const t = raw?.trace;
  if (isObject(t) && t.server !== undefined) {
    const v = typeof t.server === 'string' ? t.server.trim().toLowerCase() : t.server;
    if ((TRACE_LEVELS as readonly unknown[]).includes(v)) trace = v as TraceLevel;
    else problems.push(`switchboard.trace.server must be one of ${TRACE_LEVELS.join(', ')}; using off`);
  }
  return { options: { rules, inlayHints: { enabled }, trace }, problems };
}

/** The `workspace/didChangeConfiguration` parameters for these options. */
export function didChangeConfigurationParams(options: ServerOptions): {
  settings: { switchboard: ServerOptions };
} {
  return { settings: { switchboard: options } };
}

/** Whether a change of these settings needs a server restart (the binary path does). */
export const RESTART_SETTINGS = ['switchboard.server.path'];
