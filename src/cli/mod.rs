//! The command line: the `switchboard` subcommands, their arguments, and the dispatch to each
//! command (`check`, `explain`, `rules`, `compile`, `render`, `graph`, `lsp`).

mod check;
mod compile;
mod diff;
pub mod fix;
mod graph;
mod load;
mod pool;
mod render;
mod rules;
mod summary;
mod targets;
pub mod tune;

pub use check::{CheckArgs, ColorChoice, Deny, FORMAT_ENV};
pub use compile::CompileArgs;
pub use graph::GraphArgs;
pub use load::{
    Checked, ConfigFile, LEAN_FROM_FILES, RunConfig, check_root, check_root_with, load_with_texts,
    roots,
};
pub use render::{RenderArgs, RenderFormat};
pub use targets::{Targets, targets};

use clap::{Parser, Subcommand};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "switchboard", version, about = "Compiler and checker for PolyAI ADK agent projects", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check one or more projects (or every project below a folder) and report diagnostics.
    Check(CheckArgs),
    /// Print the documentation of a rule, by code (SB201) or name (unknown-handoff).
    Explain {
        /// Rule code or name.
        rule: String,
    },
    /// List every rule with its code, name, default severity and summary.
    Rules {
        /// Print the full rule reference as Markdown (the text of docs/rules.md).
        #[arg(long)]
        markdown: bool,
    },
    /// Compile a project into one JSON bundle: handoffs, templates, variables, transfers and
    /// diagnostics, every reference resolved.
    Compile(CompileArgs),
    /// Show exactly what a handoff sends: method, target and SIP headers with variables filled in.
    Render(RenderArgs),
    /// Draw the routing graph: text sites → functions → handoffs and code transfers.
    Graph(GraphArgs),
    /// Run the language server (LSP 3.17 over stdin/stdout).
    Lsp,
}

/// Exit codes: 0 clean, 1 findings that fail the check, 2 usage or I/O failure.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Lsp => crate::lsp::run(),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Rules { markdown: true } => rules::markdown(),
        Command::Compile(args) => compile::run(args),
        Command::Render(args) => render::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Rules { markdown: false } => rules::table(),
    }
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}
