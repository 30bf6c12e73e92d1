//! The `check` command: check one or more projects (or every project below a folder), apply or
//! show their fixes, and print their diagnostics in a format.

use super::diff;
use super::fix::{self, FileChange};
use super::load::{Checked, ConfigFile, RunConfig, check_root_with};
use super::pool;
use super::summary;
use super::targets::{skipped_note, targets};
use crate::analysis::Options;
use crate::diagnostics::{Code, Severity};
use crate::model::Project;
use crate::report::{
    self as output, Closing, Extras, Format, ProjectOutput, RenderOptions, StatisticsFormat,
};
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

/// The environment variable naming the default `--format`.
pub const FORMAT_ENV: &str = "SWITCHBOARD_OUTPUT_FORMAT";

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Project folders, paths inside them, or folders above projects (every project below is
    /// checked). Defaults to the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format [default: human, or the value of SWITCHBOARD_OUTPUT_FORMAT].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Treat warnings as errors for the exit code.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Apply the safe fixes to the files (in rounds, until none is left), then report what
    /// remains.
    #[arg(long)]
    pub fix: bool,
    /// Apply the unsafe fixes too (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long)]
    pub diff: bool,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Exit 0 even when findings fail the check.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings only: no summary line, no notes (nothing when there is none).
    #[arg(short, long)]
    pub quiet: bool,
    /// Set a rule's severity for this run, on top of switchboard.toml: `SB116=off`,
    /// `unknown-field=error` (by code or name; error, warning, info, hint or off; repeatable).
    #[arg(long = "rule", value_name = "RULE=LEVEL", value_parser = parse_rule)]
    pub rules: Vec<(Code, Option<Severity>)>,
    /// Use this switchboard.toml instead of each project's own.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// `--rule CODE=LEVEL`.
fn parse_rule(s: &str) -> Result<(Code, Option<Severity>), String> {
    let Some((rule, level)) = s.split_once('=') else {
        return Err(format!("expected RULE=LEVEL (e.g. SB116=off), found `{s}`"));
    };
    let code = Code::lookup(rule).ok_or_else(|| {
        format!(
            "no rule `{}`; `switchboard rules` lists them all",
            rule.trim()
        )
    })?;
    let level = level.trim();
    match Severity::parse(level) {
        Some(s) => Ok((code, Some(s))),
        None if level.eq_ignore_ascii_case("off") => Ok((code, None)),
        None => Err(format!(
            "the level of `{}` must be one of error, warning, info, hint, off; found `{level}`",
            rule.trim()
        )),
    }
}

/// The format: the flag, else the environment's default, else human.
fn format_of(flag: Option<Format>) -> Result<Format, String> {
    if let Some(f) = flag {
        return Ok(f);
    }
    match std::env::var(FORMAT_ENV) {
        Ok(v) if !v.trim().is_empty() => Format::from_str(v.trim(), true).map_err(|_| {
            format!("{FORMAT_ENV} is `{v}`: expected one of human, short, json, sarif, github")
        }),
        _ => Ok(Format::Human),
    }
}

/// One project's result.
struct Outcome {
    checked: Checked,
    /// Findings fixed (`--fix`, `--diff`).
    fixed: usize,
    /// Files the fixes changed, not yet written.
    changes: Vec<FileChange>,
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

pub(super) fn run(args: CheckArgs) -> ExitCode {
    let format = match format_of(args.format) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    if args.statistics && format == Format::Sarif {
        return usage("--statistics prints text or JSON: use another --format than sarif");
    }
    let config = match args.config.as_deref().map(ConfigFile::read).transpose() {
        Ok(c) => c,
        Err(e) => return usage(&e),
    };
    let run = RunConfig {
        config,
        rules: args.rules.clone(),
    };
    let targets = match targets(&args.paths) {
        Ok(t) => t,
        Err(e) => return usage(&e.0),
    };
    if targets.roots.is_empty() {
        for (_, e) in &targets.skipped {
            eprintln!("error: {e}");
        }
        return ExitCode::from(2);
    }
    if !args.quiet {
        for (path, _) in &targets.skipped {
            eprintln!("{}", skipped_note(path));
        }
    }
    let fixing = args.fix || args.diff;
    let options = Options::default();
    let several = targets.roots.len() > 1;
    let outcomes: Vec<Outcome> = pool::map(&targets.roots, pool::cores(), |root| {
        let one = || {
            if fixing {
                let f = fix::fix_root(root, &options, &run, args.unsafe_fixes);
                Outcome {
                    checked: f.checked,
                    fixed: f.fixed,
                    changes: f.changes,
                }
            } else {
                Outcome {
                    checked: check_root_with(root, &options, &run),
                    fixed: 0,
                    changes: Vec::new(),
                }
            }
        };
        if !several {
            return one();
        }
        // One of several projects whose check panics reports nothing (the panic message is on
        // stderr).
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(one)).unwrap_or_else(|_| Outcome {
            checked: Checked {
                project: Project::default(),
                diagnostics: Vec::new(),
            },
            fixed: 0,
            changes: Vec::new(),
        })
    });
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output_file.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && std::io::stdout().is_terminal()
        }
    };
    let opts = RenderOptions {
        color,
        cwd: std::env::current_dir().ok(),
    };
    let code = if args.diff {
        show_diff(&args, &outcomes, &opts)
    } else {
        report(&args, format, &outcomes, &opts)
    };
    // The models are freed by the exit: dropping 19,000 files' worth of small allocations one
    // by one only delays it.
    std::mem::forget(outcomes);
    code
}

/// `--diff`: the changes as a unified diff; exit 1 when there is one.
fn show_diff(args: &CheckArgs, outcomes: &[Outcome], opts: &RenderOptions) -> ExitCode {
    let mut text = String::new();
    for c in outcomes.iter().flat_map(|o| &o.changes) {
        text.push_str(&diff::unified(
            &output::display_dir(&c.path, opts),
            &c.before,
            &c.after,
        ));
    }
    if let Err(e) = summary::emit(&text, args.output_file.as_deref()) {
        return usage(&e);
    }
    if !args.quiet {
        let fixed = outcomes.iter().map(|o| o.fixed).sum();
        let files = outcomes.iter().map(|o| o.changes.len()).sum();
        eprintln!(
            "{}",
            summary::diff_sentence(fixed, files, hidden(outcomes, args.unsafe_fixes))
        );
    }
    if args.exit_zero || text.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Findings whose only fixes are unsafe ones not applied.
fn hidden(outcomes: &[Outcome], unsafe_fixes: bool) -> usize {
    outcomes
        .iter()
        .flat_map(|o| &o.checked.diagnostics)
        .filter(|d| fix::hidden_fix(d, unsafe_fixes))
        .count()
}

/// Write the fixes (`--fix`), print the findings that remain (or their statistics), and exit by
/// them.
fn report(
    args: &CheckArgs,
    format: Format,
    outcomes: &[Outcome],
    opts: &RenderOptions,
) -> ExitCode {
    let mut failed_io = false;
    if args.fix {
        for o in outcomes {
            for e in fix::write_changes(&o.changes) {
                eprintln!("error: {e}");
                failed_io = true;
            }
        }
    }
    let outputs: Vec<ProjectOutput> = outcomes
        .iter()
        .map(|o| ProjectOutput {
            root: &o.checked.project.root,
            files: &o.checked.project.files,
            diagnostics: &o.checked.diagnostics,
        })
        .collect();
    let counts = output::summary(&outputs);
    let fixed: usize = outcomes.iter().map(|o| o.fixed).sum();
    let sentence = if args.fix {
        summary::fix_sentence(&counts, fixed)
    } else {
        counts.sentence()
    };
    let mut closing_line = sentence.clone();
    if args.fix
        && let Some(h) = summary::hidden_sentence(hidden(outcomes, args.unsafe_fixes))
    {
        closing_line.push('\n');
        closing_line.push_str(&h);
    }
    let closing = match (args.quiet, args.fix) {
        (true, _) => Closing::Nothing,
        (false, true) => Closing::Line(closing_line.clone()),
        (false, false) => Closing::Counts,
    };
    let text = if args.statistics {
        let fixable =
            |d: &crate::diagnostics::Diagnostic| fix::chosen_fix(d, args.unsafe_fixes).is_some();
        let how = match format {
            Format::Json => StatisticsFormat::Json,
            _ => StatisticsFormat::Text { color: opts.color },
        };
        let mut text = output::statistics(&outputs, &fixable, how);
        if format == Format::Human && !args.quiet {
            text.push_str(&closing_line);
            text.push('\n');
        }
        text
    } else {
        let extras = Extras {
            closing,
            fixed: args.fix.then_some(fixed),
        };
        output::render_report(format, &outputs, opts, &extras)
    };
    if let Err(e) = summary::emit(&text, args.output_file.as_deref()) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    if args.fix && format != Format::Human && !args.quiet {
        eprintln!("{closing_line}");
    }
    if format == Format::Github
        && let Some(file) = summary::step_summary_file()
        && let Err(e) = summary::append(&file, &output::step_summary(&outputs, opts, &sentence))
    {
        eprintln!("warning: {e}");
    }
    let fails = outcomes
        .iter()
        .flat_map(|o| &o.checked.diagnostics)
        .any(|d| {
            d.severity == Severity::Error
                || (args.deny == Some(Deny::Warnings) && d.severity == Severity::Warning)
        });
    if failed_io {
        ExitCode::from(2)
    } else if fails && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
