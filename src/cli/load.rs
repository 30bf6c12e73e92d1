//! Finding, loading and checking the projects a command names: paths to project roots, one
//! project loaded, one root checked, and the analysis options of a loaded project.

use crate::analysis::{self, Options};
use crate::diagnostics::Diagnostic;
use crate::model::Project;
use crate::project::{self, LoadError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One checked project.
pub struct Checked {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
}

/// From this many files on, `check` drops each file's text once it is built and reads back only
/// the files the findings point into (see [`project::load_lean`]).
pub const LEAN_FROM_FILES: usize = 2000;

/// Load and analyse one project root.
pub fn check_root(root: &Path, options: &Options) -> Checked {
    let (mut project, dropped) = project::load_lean(root, LEAN_FROM_FILES);
    let mut diagnostics = analysis::analyze(&project, options);
    if !project::restore_texts(&mut project, &dropped, &diagnostics) {
        // A file changed while it was being checked: check again, keeping every text.
        project = project::load(root);
        diagnostics = analysis::analyze(&project, options);
    }
    Checked {
        project,
        diagnostics,
    }
}

/// Resolve every path to a project root (deduplicated, in the order given).
pub fn roots(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut seen = Vec::new();
    for p in &paths {
        let root = project::find_root(p)?;
        let canon = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        if !seen.contains(&canon) {
            seen.push(canon);
            roots.push(root);
        }
    }
    Ok(roots)
}

/// The analysis options of compile, render and graph (one place to read project configuration).
pub(super) fn project_options(project: &Project) -> Options {
    Options::default().with_config(&project.config)
}

/// The one project root of `path` (absolute when it can be), loaded.
pub(super) fn load_one(path: &Option<PathBuf>) -> Result<Project, ExitCode> {
    let paths: Vec<PathBuf> = path.iter().cloned().collect();
    let root = match roots(&paths) {
        Ok(r) => r.into_iter().next().unwrap_or_else(|| PathBuf::from(".")),
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    Ok(project::load(&root))
}
