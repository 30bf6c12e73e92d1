//! The command-line faces: `check`, `explain`, `rules`.

use crate::analysis::{self, Options, rule_docs};
use crate::cli::output::{self, Format, ProjectOutput, RenderOptions};
use crate::diagnostics::{Code, Diagnostic, RULES, Severity};
use crate::model::Project;
use crate::project::{self, LoadError};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "switchboard", version, about = "Compiler and checker for PolyAI ADK agent projects", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check one or more projects and report diagnostics.
    Check(CheckArgs),
    /// Print the documentation of a rule, by code (SB201) or name (unknown-handoff).
    Explain {
        /// Rule code or name.
        rule: String,
    },
    /// List every rule with its code, name, default severity and summary.
    Rules,
    /// Run the language server (LSP 3.17 over stdin/stdout).
    Lsp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Exit 1 when there are warnings too.
    Warnings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Project folders (or paths inside them). Defaults to the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

/// Exit codes: 0 clean, 1 findings that fail the check, 2 usage or I/O failure.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Lsp => crate::lsp::run(),
        Command::Explain { rule } => match Code::lookup(&rule) {
            Some(code) => {
                print_out(&rule_docs::explain(code));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: no rule `{rule}`; `switchboard rules` lists them all");
                ExitCode::from(2)
            }
        },
        Command::Rules => {
            let mut s = String::new();
            for r in RULES {
                s.push_str(&format!(
                    "{}  {:<34} {:<8} {}\n",
                    r.code.as_str(),
                    r.name,
                    r.severity.as_str(),
                    r.summary
                ));
            }
            print_out(&s);
            ExitCode::SUCCESS
        }
    }
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// One checked project.
pub struct Checked {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load and analyse one project root.
pub fn check_root(root: &Path, options: &Options) -> Checked {
    let project = project::load(root);
    let diagnostics = analysis::analyze(&project, options);
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

fn check(args: CheckArgs) -> ExitCode {
    let roots = match roots(&args.paths) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let options = Options::default();
    let checked: Vec<Checked> = if roots.len() == 1 {
        vec![check_root(&roots[0], &options)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = roots
                .iter()
                .map(|r| s.spawn(|| check_root(r, &options)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| Checked {
                        project: Project::default(),
                        diagnostics: Vec::new(),
                    })
                })
                .collect()
        })
    };
    let outputs: Vec<ProjectOutput> = checked
        .iter()
        .map(|c| ProjectOutput {
            root: &c.project.root,
            files: &c.project.files,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    };
    let opts = RenderOptions {
        color,
        cwd: std::env::current_dir().ok(),
    };
    print_out(&output::render(args.format, &outputs, &opts));
    let fails = checked.iter().flat_map(|c| &c.diagnostics).any(|d| {
        d.severity == Severity::Error
            || (args.deny == Some(Deny::Warnings) && d.severity == Severity::Warning)
    });
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
