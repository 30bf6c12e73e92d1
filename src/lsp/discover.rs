//! Finding the ADK projects of a workspace folder, by the root markers `switchboard check` uses.
//!
//! A folder is a project root exactly when `check` would take it as one
//! ([`project::find_root`] returns the folder itself: it holds `project.yaml`, `agent_settings/`,
//! `config/`, `flows/`, `topics/` or `functions/`). A workspace folder that is such a root, or
//! lies inside a project (`check` run there checks that project), is that one project. Otherwise
//! the folders below it are searched, top down, and each root found is a project (its own
//! folders are not searched further). The search skips the folders `check` never reads
//! ([`project::SKIP_DIRS`]), hidden folders, and the build, cache and virtual-environment
//! folders of other tools, whose packages often hold a `config/` or `functions/` folder of their
//! own and would be taken for projects.

use crate::project;
use std::path::{Path, PathBuf};

/// How deep below a workspace folder projects are looked for.
const MAX_DEPTH: usize = 4;

/// Folders of other tools, never searched (besides [`project::SKIP_DIRS`] and hidden folders).
const TOOL_DIRS: &[&str] = &["target", "__pycache__", "venv", "site-packages"];

/// Whether `dir` is a project root: `switchboard check DIR` would check `dir` itself.
pub fn is_project_root(dir: &Path) -> bool {
    project::find_root(dir).is_ok_and(|r| r == dir)
}

/// Whether the search for projects skips a folder of this name.
pub fn skipped(name: &str) -> bool {
    name.starts_with('.') || project::SKIP_DIRS.contains(&name) || TOOL_DIRS.contains(&name)
}

/// Every ADK project of the workspace folder `root`, sorted.
pub fn find_projects(root: &Path) -> Vec<PathBuf> {
    if let Ok(r) = project::find_root(root)
        && (r == root || root.starts_with(&r) || canonical(root).starts_with(&r))
    {
        return vec![r];
    }
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        if depth > 0 && is_project_root(&dir) {
            out.push(dir);
            continue;
        }
        if depth >= MAX_DEPTH {
            continue;
        }
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if skipped(&name) {
                continue;
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push((e.path(), depth + 1));
            }
        }
    }
    out.sort();
    out
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str, dirs: &[&str], files: &[&str]) -> PathBuf {
        let root = std::env::temp_dir().join(format!(
            "switchboard-discover-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        for d in dirs {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        for f in files {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        root
    }

    #[test]
    fn projects_with_and_without_project_yaml_are_found() {
        let root = tree(
            "mixed",
            &["a/config", "b/c/agent_settings", "d/tests/e/config"],
            &[
                "a/project.yaml",
                "b/c/topics/t.yaml",
                "node_modules/x/project.yaml",
                ".venv/lib/python3/site-packages/p/config/x.yaml",
                "notes/readme.md",
            ],
        );
        assert_eq!(find_projects(&root), vec![root.join("a"), root.join("b/c")]);
        // A folder that is a project, or lies inside one, is that project.
        assert_eq!(find_projects(&root.join("a")), vec![root.join("a")]);
        assert_eq!(find_projects(&root.join("b/c")), vec![root.join("b/c")]);
        assert!(is_project_root(&root.join("b/c")));
        assert!(!is_project_root(&root.join("b")));
        let _ = std::fs::remove_dir_all(&root);
    }
}
