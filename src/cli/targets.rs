//! The projects `check` checks: each path on the command line mapped to its project's root, a
//! folder above projects (a monorepo) to every project below it, and the paths that belong to no
//! project set aside.

use crate::project::{self, LoadError};
use std::path::{Path, PathBuf};

/// What the paths of a `check` name.
#[derive(Debug, Default)]
pub struct Targets {
    /// Project roots, deduplicated, in the order of the paths (the projects below one folder in
    /// path order).
    pub roots: Vec<PathBuf>,
    /// Paths in no project, with the reason: a file outside every project, or a folder with no
    /// project in it or above it.
    pub skipped: Vec<(PathBuf, LoadError)>,
}

/// Map `paths` (the current directory when there are none) to project roots. A path that is a
/// project root or inside one maps to that root, exactly as [`project::find_root`] finds it; a
/// folder that is neither maps to every project below it ([`project::discover_projects`]). A path
/// that cannot be read at all is an error.
pub fn targets(paths: &[PathBuf]) -> Result<Targets, LoadError> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut t = Targets::default();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut add = |root: PathBuf, roots: &mut Vec<PathBuf>| {
        let canon = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        if !seen.contains(&canon) {
            seen.push(canon);
            roots.push(root);
        }
    };
    for p in &paths {
        match project::find_root(p) {
            Ok(root) => add(root, &mut t.roots),
            Err(e) => {
                let meta = std::fs::metadata(p)
                    .map_err(|io| LoadError(format!("cannot read `{}`: {}", p.display(), io)))?;
                let below = if meta.is_dir() {
                    project::discover_projects(p)
                } else {
                    Vec::new()
                };
                if below.is_empty() {
                    t.skipped.push((p.clone(), e));
                }
                for root in below {
                    add(root, &mut t.roots);
                }
            }
        }
    }
    Ok(t)
}

/// The note printed for a path that belongs to no project, when other paths named projects.
pub fn skipped_note(path: &Path) -> String {
    format!(
        "note: skipping `{}`: it is in no ADK project",
        path.display()
    )
}
