//! Finding the project root: the folder a checked path belongs to, known by the markers it holds.

use std::path::{Path, PathBuf};

/// Folders never walked.
pub const SKIP_DIRS: &[&str] = &[
    "_gen",
    ".git",
    "node_modules",
    "tests",
    "test_suite",
    "context",
];

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
