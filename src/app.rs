//! The command-line faces: `check`, `explain`, `rules`, `compile`, `render`, `graph`.

use crate::analysis::{self, Options};
use crate::cli::output::{self, Format, ProjectOutput, RenderOptions};
use crate::diagnostics::{Code, Diagnostic, RULES, Severity, pages};
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

#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    /// Project folder (or a path inside it). Defaults to the current directory.
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "mermaid")]
    pub format: crate::compile::graph::GraphFormat,
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

/// Process-wide settings of the binary (and of the benches that stand in for it), applied by
/// [`tune_process_before_main!`](crate::tune_process_before_main):
///
/// * Transparent huge pages are turned off (Linux). The allocator asks for them on its arenas,
///   and the kernel then zeroes 2 MiB at the first touch of each: for a run that lives a few
///   milliseconds that was a fifth of all CPU time at 1x, and it counted whole huge pages into
///   the resident size at 100x.
/// * Memory freed is handed back to the kernel after 10 ms instead of the allocator's default
///   of a second (`MIMALLOC_PURGE_DELAY`; a value the user set is kept): a 100x check peaked at
///   about 80 MB with the default and 70 MB with this, in the same time.
/// * The C library's own allocator keeps one arena (glibc; `MALLOC_ARENA_MAX`, when the user set
///   it, is kept). Rust's allocations go to mimalloc, but each new thread registers its
///   thread-local destructors through the C library, whose first allocation on a thread
///   otherwise reserves and maps a fresh 64 MiB arena for it.
/// * The allocator reserves address space 256 MiB at a time instead of 1 GiB
///   (`MIMALLOC_ARENA_RESERVE`; a value the user set is kept). Each reservation starts with
///   bitmaps sized to it, and writing their headers touched some 30 fresh pages of a 1 GiB one at
///   start-up, a page fault each. A 100x project still fits in one reservation.
///
/// # Safety
///
/// No other thread may be running: it sets an environment variable.
pub unsafe fn tune_process() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes plain integer arguments and only sets a flag on the
    // calling process; it touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: `mallopt` only sets a limit inside the C library's allocator; no other thread
        // is running.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
    for (name, value) in [
        ("MIMALLOC_PURGE_DELAY", "10"),
        ("MIMALLOC_ARENA_RESERVE", "256MiB"),
    ] {
        if std::env::var_os(name).is_none() {
            // SAFETY: the caller guarantees that no other thread is running.
            unsafe { std::env::set_var(name, value) };
        }
    }
}

/// Run [`tune_process`] from an early constructor of the executable this expands in: before
/// `main`, while the process has one thread, and before the allocator's start-up touches its
/// first arena (which also happens before `main`).
#[macro_export]
macro_rules! tune_process_before_main {
    () => {
        #[cfg(target_os = "linux")]
        #[used]
        #[unsafe(link_section = ".init_array.00100")]
        static TUNE_PROCESS: extern "C" fn() = {
            extern "C" fn tune() {
                // SAFETY: constructors run before `main`, while the process has one thread.
                unsafe { $crate::app::tune_process() }
            }
            tune
        };
    };
}

/// End the process with `code` once the output is flushed, without the allocator's exit-time
/// clean-up (it hands every arena back to the kernel page by page, which the exit itself does at
/// once). Every command has dropped or deliberately leaked its data by the time it returns.
pub fn exit_now(code: ExitCode) -> ExitCode {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(target_os = "linux")]
    for n in [0u8, 1, 2] {
        if code == ExitCode::from(n) {
            // SAFETY: `_exit` ends the process; no Rust state is used after it.
            unsafe { libc::_exit(i32::from(n)) }
        }
    }
    code
}

/// Exit codes: 0 clean, 1 findings that fail the check, 2 usage or I/O failure.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Lsp => crate::lsp::run(),
        Command::Explain { rule } => match Code::lookup(&rule) {
            Some(code) => {
                print_out(&pages::explain(code));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: no rule `{rule}`; `switchboard rules` lists them all");
                ExitCode::from(2)
            }
        },
        Command::Rules { markdown: true } => {
            print_out(&pages::markdown_all());
            ExitCode::SUCCESS
        }
        Command::Compile(args) => compile_cmd(args),
        Command::Render(args) => render_cmd(args),
        Command::Graph(args) => graph_cmd(args),
        Command::Rules { markdown: false } => {
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
    // The models are freed by the exit: dropping 19,000 files' worth of small allocations one
    // by one only delays it.
    std::mem::forget(checked);
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

// ---------------------------------------------------------------------------------------------
// compile, render, graph

/// The analysis options of compile, render and graph (one place to read project configuration).
fn project_options(project: &Project) -> Options {
    Options::default().with_config(&project.config)
}

/// The one project root of `path` (absolute when it can be), loaded.
fn load_one(path: &Option<PathBuf>) -> Result<Project, ExitCode> {
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

/// Exit codes: 0 bundle written (a project with errors still compiles), 1 `--strict` and the
/// project has errors (nothing written), 2 usage or I/O failure.
fn compile_cmd(args: CompileArgs) -> ExitCode {
    let project = match load_one(&args.path) {
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

/// Exit codes: 0 rendered, 2 when the command line must change: an unknown handoff, a variable
/// without a value, a malformed `--var`, a value with CR/LF/NUL, or a bad path. A header whose
/// own text would inject lines (SB115) exits 1: the project must change.
fn render_cmd(args: RenderArgs) -> ExitCode {
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
    let project = match load_one(&args.path) {
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

fn graph_cmd(args: GraphArgs) -> ExitCode {
    let project = match load_one(&args.path) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let options = project_options(&project);
    let diagnostics = analysis::analyze(&project, &options);
    let g = crate::compile::graph::build(&project, &diagnostics, &options);
    print_out(&g.render(args.format));
    ExitCode::SUCCESS
}
