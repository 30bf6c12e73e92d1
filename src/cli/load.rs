//! Finding, loading and checking the projects a command names: paths to project roots, one
//! project loaded, one root checked (under the run's configuration), and the analysis options of
//! a loaded project.

use super::pool;
use crate::analysis::{self, Options};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::Project;
use crate::project::{self, Discovered, FileKind, LoadError};
use crate::source::FileId;
use std::collections::HashMap;
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

/// What one run of `check` changes in how every project is read and judged.
#[derive(Clone, Debug, Default)]
pub struct RunConfig {
    /// A `switchboard.toml` used instead of each project's own (`--config`).
    pub config: Option<ConfigFile>,
    /// Severity overrides applied on top of the configuration (`--rule`), later ones winning;
    /// `None` turns a rule off.
    pub rules: Vec<(Code, Option<Severity>)>,
}

/// A configuration file given on the command line, read once.
#[derive(Clone, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub text: String,
}

impl ConfigFile {
    /// Read `path`; the error is the message to print.
    pub fn read(path: &Path) -> Result<ConfigFile, String> {
        match project::read_text(path) {
            Ok(text) => Ok(ConfigFile {
                path: path.to_path_buf(),
                text,
            }),
            Err(e) => Err(format!(
                "cannot read `{}`: {}",
                path.display(),
                e.get(6..).unwrap_or(&e)
            )),
        }
    }
}

/// Load and analyse one project root.
pub fn check_root(root: &Path, options: &Options) -> Checked {
    check_root_with(root, options, &RunConfig::default())
}

/// [`check_root`] under a run's configuration.
pub fn check_root_with(root: &Path, options: &Options, run: &RunConfig) -> Checked {
    if run.config.is_some() {
        let project = load_with_texts(root, run, &HashMap::new());
        let diagnostics = analysis::analyze(&project, options);
        return Checked {
            project,
            diagnostics,
        };
    }
    let (mut project, dropped) = project::load_lean(root, LEAN_FROM_FILES);
    project.config.rules.extend(run.rules.iter().copied());
    let mut diagnostics = analysis::analyze(&project, options);
    if !project::restore_texts(&mut project, &dropped, &diagnostics) {
        // A file changed while it was being checked: check again, keeping every text.
        project = project::load(root);
        project.config.rules.extend(run.rules.iter().copied());
        diagnostics = analysis::analyze(&project, options);
    }
    Checked {
        project,
        diagnostics,
    }
}

/// Load `root` as [`project::load`] does, except that a file whose relative path is a key of
/// `texts` has that text instead of the one on disk, that `run.config` (when set) stands in for
/// the project's own `switchboard.toml`, and that `run.rules` are applied on top of the
/// configuration.
pub fn load_with_texts(root: &Path, run: &RunConfig, texts: &HashMap<String, String>) -> Project {
    let mut found = project::discover(root);
    if let Some(cfg) = &run.config {
        found.retain(|d| d.kind != FileKind::Config);
        found.push(Discovered {
            path: cfg.path.clone(),
            rel: crate::config::FILE_NAME.to_string(),
            kind: FileKind::Config,
            is_dir: false,
        });
        found.sort_by(|a, b| a.rel.cmp(&b.rel));
    }
    let text_of = |d: &Discovered| -> Option<Result<String, String>> {
        if let Some(t) = texts.get(&d.rel) {
            return Some(Ok(t.clone()));
        }
        match &run.config {
            Some(cfg) if d.kind == FileKind::Config => Some(Ok(cfg.text.clone())),
            _ => None,
        }
    };
    // The `exclude` globs of the configuration in force (the config file itself stays).
    if let Some(cfg) = found
        .iter()
        .find(|d| d.kind == FileKind::Config && !d.is_dir)
        && let Some(Ok(text)) = text_of(cfg).or_else(|| Some(project::read_text(&cfg.path)))
    {
        let (cfg, _) = crate::config::parse(FileId(0), &text);
        if let Some(set) = crate::config::exclude_set(&cfg.exclude) {
            found.retain(|d| d.kind == FileKind::Config || !set.is_match(&d.rel));
        }
    }
    let ids: Vec<usize> = (0..found.len()).collect();
    let parsed = pool::map(&ids, pool::cores(), |&i| {
        project::parse_file(FileId(i as u32), &found[i], text_of(&found[i]))
    });
    let mut project = project::build(root.to_path_buf(), parsed);
    project.config.rules.extend(run.rules.iter().copied());
    project
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

/// The one project root of `path` (absolute when it can be), loaded. A folder that is no
/// project but holds exactly one is that one; one that holds several is an error listing them.
pub(super) fn load_one(path: &Option<PathBuf>, command: &str) -> Result<Project, ExitCode> {
    let given = path.clone().unwrap_or_else(|| PathBuf::from("."));
    let root = match project::find_root(&given) {
        Ok(root) => root,
        Err(e) => {
            let below = if given.is_dir() {
                project::discover_projects(&given)
            } else {
                Vec::new()
            };
            match below.as_slice() {
                [] => {
                    eprintln!("error: {e}");
                    return Err(ExitCode::from(2));
                }
                [one] => {
                    eprintln!(
                        "note: `{}` is not an ADK project; using the one project below it, `{}`",
                        given.display(),
                        one.display()
                    );
                    one.clone()
                }
                several => {
                    let mut msg = format!(
                        "error: `{}` is not an ADK project but holds {} of them; `switchboard {command}` works on one project: name one of",
                        given.display(),
                        several.len()
                    );
                    const SHOWN: usize = 20;
                    for p in several.iter().take(SHOWN) {
                        msg.push_str(&format!("\n  {}", p.display()));
                    }
                    if several.len() > SHOWN {
                        msg.push_str(&format!("\n  … and {} more", several.len() - SHOWN));
                    }
                    eprintln!("{msg}");
                    return Err(ExitCode::from(2));
                }
            }
        }
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    Ok(project::load(&root))
}
