//! Finding project roots: the folder a checked path belongs to, known by the markers it holds,
//! and every project below a folder that is none (a monorepo).

use std::path::{Path, PathBuf};

/// Folders never walked, and never searched for projects (the top-level `test_suite/` and
/// `context/` of a project are walked all the same: see [`skipped_in_walk`]).
pub const SKIP_DIRS: &[&str] = &[
    "_gen",
    ".git",
    "node_modules",
    "tests",
    "test_suite",
    "context",
];

/// Whether the walk of a project skips a path (relative to the root, `/`-separated): one of
/// its folders is one of the [`SKIP_DIRS`], other than the project's own `test_suite/` (the
/// folder of its test cases, `test_suite/<case>.yaml`) and `context/` (its documents,
/// `context/<name>.md`).
pub(crate) fn skipped_in_walk(rel: &str) -> bool {
    let mut segs = rel.split('/');
    let first = segs.next().unwrap_or("");
    let own = first == "test_suite" || first == "context";
    (!own && SKIP_DIRS.contains(&first)) || segs.any(|s| SKIP_DIRS.contains(&s))
}

/// Folders or files whose presence marks a project root.
const ROOT_MARKERS: &[&str] = &[
    "project.yaml",
    "agent_settings",
    "config",
    "flows",
    "topics",
    "functions",
];

/// Whether `dir` holds a root marker (any of [`ROOT_MARKERS`]).
pub(crate) fn has_root_marker(dir: &Path) -> bool {
    ROOT_MARKERS.iter().any(|m| dir.join(m).exists())
}

/// Why a path could not be checked at all (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Find the project root for `path`: the path itself when it holds any marker, else the nearest
/// ancestor holding `project.yaml`.
pub fn find_root(path: &Path) -> Result<PathBuf, LoadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError(format!("cannot read `{}`: {}", path.display(), e)))?;
    let dir = if meta.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    if has_root_marker(&dir) {
        return Ok(dir);
    }
    let abs = std::fs::canonicalize(&dir).unwrap_or(dir.clone());
    for anc in abs.ancestors().skip(1) {
        if anc.join("project.yaml").is_file() {
            return Ok(anc.to_path_buf());
        }
    }
    Err(LoadError(format!(
        "`{}` is not an ADK project: found none of project.yaml, agent_settings/, config/, flows/, topics/ or functions/ in it, and no project.yaml above it",
        path.display()
    )))
}

/// How deep below the folder it starts in [`discover_projects`] looks (a bound on a walk of a
/// pathological tree, far below any real monorepo's depth).
const MAX_DISCOVERY_DEPTH: usize = 32;

/// Whether [`discover_projects`] skips the folder `name`: the [`SKIP_DIRS`], hidden folders
/// (`.venv`, `.tox`, …) and Python's own (`venv`, `__pycache__`, `site-packages`), which never
/// hold an ADK project but often hold folders named like its markers (`config/`, `functions/`).
fn skipped_in_discovery(name: &str) -> bool {
    SKIP_DIRS.contains(&name)
        || name.starts_with('.')
        || matches!(
            name,
            "venv" | "__pycache__" | "site-packages" | "__pypackages__"
        )
}

/// Every project at or below `dir`: `dir` itself when it holds a root marker (see
/// [`find_root`]), else each folder below it that does, found without descending into a found
/// project, into the [`SKIP_DIRS`], hidden folders and Python's own (`venv`, `__pycache__`,
/// `site-packages`), or through symlinked folders. Sorted by path; each is `dir` joined with the
/// folders down to it (`a/b`, not `./a/b`, below `.`). Empty when there is none (or `dir` cannot
/// be read).
pub fn discover_projects(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    discover_in(dir, 0, &mut found);
    found.sort();
    found
}

fn discover_in(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    if has_root_marker(dir) {
        found.push(dir.to_path_buf());
        return;
    }
    if depth >= MAX_DISCOVERY_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut children: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_str().is_some_and(skipped_in_discovery))
        .map(|e| {
            if dir == Path::new(".") {
                PathBuf::from(e.file_name())
            } else {
                dir.join(e.file_name())
            }
        })
        .collect();
    children.sort();
    for child in children {
        discover_in(&child, depth + 1, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(paths: &[&str]) -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "switchboard-discover-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for p in paths {
            let path = dir.join(p);
            if p.ends_with('/') {
                std::fs::create_dir_all(&path).unwrap();
            } else {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, "name: x\n").unwrap();
            }
        }
        dir
    }

    #[test]
    fn finds_projects_below_without_descending_into_them() {
        let dir = tree(&[
            "a/project.yaml",
            "a/nested/project.yaml",
            "group/b/topics/",
            "group/c/functions/",
            "group/notes.md",
            "node_modules/x/project.yaml",
            ".venv/lib/config/",
            "tests/fixture/project.yaml",
            "empty/",
        ]);
        let rel: Vec<PathBuf> = discover_projects(&dir)
            .into_iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            rel,
            [
                PathBuf::from("a"),
                PathBuf::from("group/b"),
                PathBuf::from("group/c")
            ]
        );
        // A project itself is the one project at it.
        assert_eq!(discover_projects(&dir.join("a")), [dir.join("a")]);
        assert!(discover_projects(&dir.join("empty")).is_empty());
        assert!(discover_projects(&dir.join("missing")).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_folders_are_not_followed() {
        let dir = tree(&["real/p/project.yaml", "mono/"]);
        std::os::unix::fs::symlink(dir.join("real"), dir.join("mono/link")).unwrap();
        assert!(discover_projects(&dir.join("mono")).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
