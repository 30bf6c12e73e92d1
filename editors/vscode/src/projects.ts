// Which files belong to ADK projects. No `vscode` import: unit-tested with node's test runner.

/** Files whose presence marks an ADK project root (relative to the root). */
export const PROJECT_MARKERS = ['project.yaml', 'config/handoffs.yaml', 'agent_settings/rules.txt'];

/** The folders of an ADK project that hold YAML and Python the server reads. */
export const PROJECT_FOLDERS = [
  'topics',
  'flows',
  'config',
  'agent_settings',
  'functions',
  'voice',
  'chat',
];

/** Folders never read (as in `switchboard check`). */
export const IGNORED_FOLDERS = ['_gen', '.git', 'node_modules', 'tests', 'test_suite', 'context'];

/** `/`-separated form of a file system path (drive letters kept). */
export function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Project roots from the paths of marker files found in the workspace: `a/project.yaml` → `a`,
 * `a/config/handoffs.yaml` → `a`, `a/agent_settings/rules.txt` → `a`. Roots inside ignored
 * folders are dropped, nested duplicates kept once; sorted.
 */
export function projectRootsFrom(markerPaths: string[]): string[] {
  const roots = new Set<string>();
  for (const raw of markerPaths) {
    const p = toSlashes(raw);
    for (const m of PROJECT_MARKERS) {
      if (p === m || p.endsWith(`/${m}`)) {
        const root = p.slice(0, p.length - m.length).replace(/\/$/, '');
        const parts = root.split('/');
        if (parts.some((x) => IGNORED_FOLDERS.includes(x))) break;
        roots.add(root);
        break;
      }
    }
  }
  return [...roots].sort();
}

/** Escapes the characters that are special in VS Code glob patterns. */
export function escapeGlob(s: string): string {
  return s.replace(/[[\]{}*?]/g, (c) => `[${c}]`);
}

export interface DocumentFilter {
  scheme?: string;
  language?: string;
  pattern?: string;
}

/**
 * The documents the server serves: rules.txt / persona.txt (their own language), and YAML and
 * Python files inside the ADK folders of each project root (not every YAML or Python file of
 * the workspace). Without known roots, the folder names alone are used.
 */
export function documentSelector(roots: string[]): DocumentFilter[] {
  const folders = `{${PROJECT_FOLDERS.join(',')}}`;
  const bases = roots.length ? roots.map((r) => `${escapeGlob(toSlashes(r))}/`) : ['**/'];
  const out: DocumentFilter[] = [{ scheme: 'file', language: 'adk-rules' }];
  for (const base of bases) {
    out.push({ scheme: 'file', language: 'yaml', pattern: `${base}${folders}/**/*.{yaml,yml}` });
    out.push({ scheme: 'file', language: 'yaml', pattern: `${base}project.yaml` });
    out.push({ scheme: 'file', language: 'python', pattern: `${base}${folders}/**/*.py` });
  }
  return out;
}
