//! The `check` command: check one or more projects and print their diagnostics in a format.

use super::load::{Checked, check_root, roots};
use super::print_out;
use crate::analysis::Options;
use crate::diagnostics::Severity;
use crate::model::Project;
use crate::report::{self as output, Format, ProjectOutput, RenderOptions};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

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

pub(super) fn run(args: CheckArgs) -> ExitCode {
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
    // The models are freed by the exit: dropping 19,000 files' worth of small allocations one
    // by one only delays it.
    std::mem::forget(checked);
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
