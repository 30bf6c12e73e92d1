//! The `compile` command: one project compiled into one JSON bundle, on standard output or in a
//! file.

use super::load::{load_one, project_options};
use super::print_out;
use crate::analysis;
use crate::diagnostics::Severity;
use crate::report::{self as output, Format, ProjectOutput, RenderOptions};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct CompileArgs {
    /// Project folder (or a path inside it). Defaults to the current directory.
    pub path: Option<PathBuf>,
    /// Write the bundle to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Refuse to write the bundle when the project has errors (exit 1).
    #[arg(long)]
    pub strict: bool,
}

/// Exit codes: 0 bundle written (a project with errors still compiles), 1 `--strict` and the
/// project has errors (nothing written), 2 usage or I/O failure.
pub(super) fn run(args: CompileArgs) -> ExitCode {
    let project = match load_one(&args.path, "compile") {
        Ok(p) => p,
        Err(code) => return code,
    };
    let options = project_options(&project);
    let analysis = analysis::analyze_full(&project, &options);
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if args.strict && errors > 0 {
        let out = [ProjectOutput {
            root: &project.root,
            files: &project.files,
            diagnostics: &analysis.diagnostics,
        }];
        let opts = RenderOptions {
            color: false,
            cwd: std::env::current_dir().ok(),
        };
        eprint!("{}", output::render(Format::Short, &out, &opts));
        eprintln!(
            "error: the project has {errors} error{}; bundle not written (--strict)",
            if errors == 1 { "" } else { "s" }
        );
        return ExitCode::from(1);
    }
    let b = crate::compile::bundle(&project, &analysis.index, &analysis.diagnostics, &options);
    let mut text = serde_json::to_string_pretty(&b).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    match &args.output {
        Some(file) => match std::fs::write(file, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", file.display());
                ExitCode::from(2)
            }
        },
        None => {
            print_out(&text);
            ExitCode::SUCCESS
        }
    }
}
