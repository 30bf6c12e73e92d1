//! The `render` command: what one handoff sends, with the variables given on the command line
//! filled in.

use super::load::{load_one, project_options};
use super::print_out;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    Text,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// The handoff's name.
    #[arg(long, value_name = "NAME")]
    pub handoff: String,
    /// A variable's value, `name=value` (repeatable). Every variable the headers use needs one.
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: RenderFormat,
    /// Project folder (or a path inside it). Defaults to the current directory.
    pub path: Option<PathBuf>,
}

/// Exit codes: 0 rendered, 2 when the command line must change: an unknown handoff, a variable
/// without a value, a malformed `--var`, a value with CR/LF/NUL, or a bad path. A header whose
/// own text would inject lines (SB115) exits 1: the project must change.
pub(super) fn run(args: RenderArgs) -> ExitCode {
    use crate::compile::render::{self, RenderError};
    let mut vars = Vec::new();
    for v in &args.vars {
        match render::parse_var(v) {
            Ok(kv) => vars.push(kv),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let project = match load_one(&args.path, "render") {
        Ok(p) => p,
        Err(code) => return code,
    };
    let options = project_options(&project);
    match render::render(&project, &options, &args.handoff, &vars) {
        Ok(r) => {
            print_out(&match args.format {
                RenderFormat::Text => r.to_text(),
                RenderFormat::Json => r.to_json(),
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                RenderError::UnsafeHeader { .. } => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}
