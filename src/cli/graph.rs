//! The `graph` command: the routing graph of one project, as Mermaid or Graphviz dot.

use super::load::{load_one, project_options};
use super::print_out;
use crate::analysis;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// Project folder (or a path inside it). Defaults to the current directory.
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "mermaid")]
    pub format: crate::compile::graph::GraphFormat,
}

/// Exit codes: 0 drawn, 2 a bad path.
pub(super) fn run(args: GraphArgs) -> ExitCode {
    let project = match load_one(&args.path, "graph") {
        Ok(p) => p,
        Err(code) => return code,
    };
    let options = project_options(&project);
    let diagnostics = analysis::analyze(&project, &options);
    let g = crate::compile::graph::build(&project, &diagnostics, &options);
    print_out(&g.render(args.format));
    ExitCode::SUCCESS
}
