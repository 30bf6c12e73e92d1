// Which files belong to ADK projects. No `vscode` import: unit-tested with node's test runner.

/**
 * Folders whose presence marks an ADK project root, besides a `project.yaml` file: the markers
 * of `switchboard check` (and of the server, which finds projects the same way).
 */
export const ROOT_FOLDERS = ['agent_settings', 'config', 'flows', 'topics', 'functions'];

/** Files that show a root marker: `project.yaml`, or a file in (a flow of) a marker folder. */
export const MARKER_GLOBS = [
  '**/project.yaml',
  '**/agent_settings/*',
  '**/config/*',
  '**/topics/*',
  '**/functions/*',
  '**/flows/*/*',
];

/** The folders of an ADK project that hold YAML and Python the server reads. */
export const PROJECT_FOLDERS = [
  'topics',
  'child_topics',
  'test_suite',
  'flows',
  'config',
  'agent_settings',
  'functions',
  'voice',
  'chat',
];

/** Folders never read (as in `switchboard check`). */
export const IGNORED_FOLDERS = ['_gen', '.git', 'node_modules', 'tests', 'test_suite', 'context'];

/** Folders of other tools, never searched for projects (as by the server). */
export const TOOL_FOLDERS = ['target', '__pycache__', '.venv', 'venv', 'site-packages'];

/** Whether the search for projects skips a folder of this name (hidden ones too). */
export function skippedFolder(name: string): boolean {
  return name.startsWith('.') || IGNORED_FOLDERS.includes(name) || TOOL_FOLDERS.includes(name);
}

/** `/`-separated form of a file system path (drive letters kept). */
export function toSlashes(p: string): string {
  return p.replace(/\\/g, '/');
}

/**
 * Project roots from the paths of marker files found in the workspace, found as the server
 * finds them: from the workspace folder down, the first folder holding `project.yaml` or one of
 * [`ROOT_FOLDERS`] is a root (`a/project.yaml` → `a`, `a/topics/t.yaml` → `a`,
 * `a/flows/f/functions/x.py` → `a`), and nothing inside a skipped folder counts. Only the part of
 * a path below its workspace folder (the longest of `folders` holding it) is looked at. Sorted,
 * each once.
 */
export function projectRootsFrom(markerPaths: string[], folders: string[] = []): string[] {
  const bases = folders.map((f) => toSlashes(f).replace(/\/$/, ''));
  const roots = new Set<string>();
  for (const raw of markerPaths) {
    const p = toSlashes(raw);
    let base = '';
    for (const b of bases) {
      if (p.startsWith(`${b}/`) && b.length > base.length) base = b;
    }
    const parts = (base ? p.slice(base.length + 1) : p).split('/');
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const marks = last ? parts[i] === 'project.yaml' : ROOT_FOLDERS.includes(parts[i]);
      if (marks) {
        const dir = parts.slice(0, i);
        if (!dir.some((x) => x !== '' && skippedFolder(x))) {
          roots.add(base ? [base, ...dir].join('/') : dir.join('/'));
        }
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
