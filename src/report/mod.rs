//! Rendering of `switchboard check` results.
//!
//! One entry point, [`render`], turns the diagnostics of one or more checked projects into text in
//! one of five [`Format`]s:
//!
//! * `human`: codespan-reporting snippets with labels, `help:`/`note:` lines and fix hints, then a
//!   summary line. The header reads `error[SB201/unknown-handoff]: …`; codespan has no info or
//!   hint severities, so those print as `note[…]` and `help[…]`;
//! * `short`: one `path:line:col: severity[CODE] message` line per diagnostic;
//! * `json`: a versioned document, keys in this order:
//!   `{"version": 1, "tool": {"name", "version"}, "diagnostics": [D], "summary": {"errors",
//!   "warnings", "infos", "hints", "files"}}` (after `check --fix` the summary also has
//!   `"fixed"`, and the diagnostics are those that remain) where `D` is `{"code", "name", "severity",
//!   "message", "file", "range", "labels": [{"file", "range", "message"}], "help" (string or
//!   null), "notes": [string], "fixes": [{"title", "safe", "edits": [{"file", "range",
//!   "replacement"}]}]}` and a range is `{"start": P, "end": P}` with `P = {"line", "column",
//!   "offset"}`: 1-based line, 1-based column counted in characters (Unicode scalar values),
//!   0-based byte offset; `end` is exclusive;
//! * `sarif`: SARIF 2.1.0, one run listing every rule of the registry. Regions carry 1-based
//!   lines, columns in UTF-16 code units (`columnKind: utf16CodeUnits`), byte offsets and
//!   snippets; labels become `relatedLocations`, fixes `fixes`; `help`, `notes` and the
//!   switchboard severity (SARIF folds info and hint into `note`) sit in `properties`. Artifact
//!   URIs are relative to `%SRCROOT%` (= [`RenderOptions::cwd`]) when the file is under it,
//!   absolute `file:` URIs otherwise;
//! * `github`: GitHub Actions workflow commands (`::error file=…::path:line:col: CODE message`;
//!   info and hint are `::notice`), with help, notes, labels and fixes as extra message lines.
//!   [`step_summary`] is the Markdown table `check` appends to `$GITHUB_STEP_SUMMARY`.
//!
//! [`render_report`] is [`render`] with what `check` adds: another closing line for `human`
//! (or none, `--quiet`) and the number of findings fixed in the JSON summary (`--fix`).
//! [`statistics`] counts findings per rule instead (`--statistics`).
//!
//! Everything here is a pure function of its input: the same projects render to byte-identical
//! text. Spans that fall outside their file, inside a character, or that name a file the project
//! does not have are clamped or degraded, never a panic.

#[cfg(test)]
mod fixtures;
mod github;
mod human;
mod json;
mod sarif;
mod shared;
mod short;
mod statistics;
mod step_summary;

pub use crate::diagnostics::pages::{REPOSITORY_URL, rule_anchor, rule_help_uri};
pub use json::{JSON_VERSION, JsonDiagnostic, json_diagnostics};
pub use shared::{display_dir, display_path};
pub use statistics::{StatisticsFormat, statistics};
pub use step_summary::step_summary;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Output format of `switchboard check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Annotated source snippets for people.
    Human,
    /// One line per diagnostic: `path:line:col: severity[CODE] message`.
    Short,
    /// A JSON document (layout in the module docs; `version` changes on breaking changes).
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

/// The checked files and findings of one project.
#[derive(Clone, Copy, Debug)]
pub struct ProjectOutput<'a> {
    /// The project's root folder.
    pub root: &'a Path,
    /// Every file of the project, indexed by `FileId.0`.
    pub files: &'a [SourceFile],
    /// Findings, already sorted.
    pub diagnostics: &'a [Diagnostic],
}

/// Presentation options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Emit ANSI colour codes (human format only).
    pub color: bool,
    /// Print paths relative to this folder when possible (`/` separators). For SARIF it is also
    /// the `%SRCROOT%` base of relative artifact URIs.
    pub cwd: Option<PathBuf>,
}

/// How many findings of each severity, and how many files were checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Files checked, over all projects.
    pub files: usize,
}

impl Counts {
    /// Number of findings of every severity.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }

    /// `Found 2 errors, 3 warnings, 1 info in 14 files.` or `No problems found in 14 files.`
    pub fn sentence(&self) -> String {
        let files = plural(self.files, "file", "files");
        if self.total() == 0 {
            return format!("No problems found in {files}.");
        }
        format!("Found {} in {files}.", self.severities())
    }

    /// The findings by severity, the severities with none left out: `2 errors, 3 warnings`.
    pub fn severities(&self) -> String {
        let parts: Vec<String> = [
            (self.errors, "error", "errors"),
            (self.warnings, "warning", "warnings"),
            (self.infos, "info", "infos"),
            (self.hints, "hint", "hints"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| plural(n, one, many))
        .collect();
        parts.join(", ")
    }
}

/// `1 file`, `2 files`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Count findings by severity over all projects.
pub fn summary(projects: &[ProjectOutput]) -> Counts {
    let mut counts = Counts::default();
    for p in projects {
        counts.files += p.files.len();
        for d in p.diagnostics {
            match d.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
                Severity::Hint => counts.hints += 1,
            }
        }
    }
    counts
}

/// Render every project's diagnostics in `format`. The text ends with a newline.
pub fn render(format: Format, projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    match format {
        Format::Human => human::render_human(projects, opts),
        Format::Short => short::render_short(projects, opts),
        Format::Json => json::render_json(projects, opts, None),
        Format::Sarif => sarif::render_sarif(projects, opts),
        Format::Github => github::render_github(projects, opts),
    }
}

/// How the `human` format closes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Closing {
    /// The counts' sentence ([`Counts::sentence`]).
    #[default]
    Counts,
    /// This line instead.
    Line(String),
    /// Nothing (`--quiet`).
    Nothing,
}

/// What `check` adds to a report beyond the findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// The closing line of the `human` format.
    pub closing: Closing,
    /// Findings fixed by `check --fix`: the JSON summary's `fixed`.
    pub fixed: Option<usize>,
}

/// [`render`] with [`Extras`]; with the default extras it is [`render`].
pub fn render_report(
    format: Format,
    projects: &[ProjectOutput],
    opts: &RenderOptions,
    extras: &Extras,
) -> String {
    match (format, &extras.closing) {
        (Format::Human, Closing::Counts) => human::render_human(projects, opts),
        (Format::Human, Closing::Line(line)) => {
            human::render_human_with(projects, opts, Some(line))
        }
        (Format::Human, Closing::Nothing) => human::render_human_with(projects, opts, None),
        (Format::Json, _) => json::render_json(projects, opts, extras.fixed),
        _ => render(format, projects, opts),
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::diagnostics::{Code, Edit};
    use crate::source::{FileId, Span};
    use std::sync::Arc;

    #[test]
    fn counts_and_sentence() {
        let c = with_project(summary);
        assert_eq!(
            c,
            Counts {
                errors: 1,
                warnings: 1,
                infos: 1,
                hints: 1,
                files: 2
            }
        );
        assert_eq!(
            c.sentence(),
            "Found 1 error, 1 warning, 1 info, 1 hint in 2 files."
        );
        let c = Counts {
            errors: 2,
            warnings: 3,
            infos: 0,
            hints: 0,
            files: 14,
        };
        assert_eq!(c.sentence(), "Found 2 errors, 3 warnings in 14 files.");
        let c = Counts {
            files: 1,
            ..Counts::default()
        };
        assert_eq!(c.sentence(), "No problems found in 1 file.");
    }

    #[test]
    fn human_format_without_problems() {
        let f = files();
        let p = [ProjectOutput {
            root: Path::new("/work/agent"),
            files: &f,
            diagnostics: &[],
        }];
        assert_eq!(
            render(Format::Human, &p, &opts()),
            "No problems found in 2 files.\n"
        );
        assert_eq!(render(Format::Short, &p, &opts()), "");
        assert_eq!(render(Format::Github, &p, &opts()), "");
        let v: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &p, &opts())).expect("json");
        assert_eq!(v["runs"][0]["results"], serde_json::json!([]));
    }

    #[test]
    fn every_format_is_deterministic() {
        for format in [
            Format::Human,
            Format::Short,
            Format::Json,
            Format::Sarif,
            Format::Github,
        ] {
            let a = with_project(|p| render(format, p, &opts()));
            let b = with_project(|p| render(format, p, &opts()));
            assert_eq!(a, b, "{format:?}");
            assert!(a.ends_with('\n'), "{format:?}");
        }
    }

    #[test]
    fn hostile_spans_and_file_ids_never_panic() {
        let text = "a\u{1F600}b\r\nx\u{A0}\u{200B}\u{4E2D}\ry\n\n\u{1F600}";
        let f = vec![SourceFile::new(
            FileId(0),
            PathBuf::from("/p/t.txt"),
            "t.txt".into(),
            Arc::from(text),
        )];
        let len = text.len() as u32;
        let mut d = Vec::new();
        for start in 0..=len + 2 {
            for end in [
                0,
                start.saturating_sub(1),
                start,
                start + 1,
                start + 3,
                len,
                len + 5,
                u32::MAX,
            ] {
                d.push(
                    Diagnostic::new(Code::SB001, FileId(0), Span::new(start, end), "m")
                        .label(FileId(0), Span::new(end, start), "l")
                        .label(FileId(7), Span::new(start, end), "elsewhere")
                        .replace_fix("f", Span::new(start, end), "r", true),
                );
            }
        }
        d.push(
            Diagnostic::new(Code::SB002, FileId(9), Span::new(3, 1), "missing file").fix(
                "g",
                vec![Edit {
                    file: FileId(9),
                    span: Span::new(0, 1),
                    replacement: String::new(),
                }],
                false,
            ),
        );
        let p = [ProjectOutput {
            root: Path::new("/p"),
            files: &f,
            diagnostics: &d,
        }];
        for format in [
            Format::Human,
            Format::Short,
            Format::Json,
            Format::Sarif,
            Format::Github,
        ] {
            let out = render(
                format,
                &p,
                &RenderOptions {
                    color: true,
                    cwd: Some(PathBuf::from("/p")),
                },
            );
            assert!(!out.is_empty());
        }
        let short = render(Format::Short, &p, &RenderOptions::default());
        assert!(
            short.ends_with("<unknown file>:1:1: error[SB002] missing file\n"),
            "{short}"
        );
        // A span inside the emoji clamps back to its start; past the end clamps to the end.
        let one = [Diagnostic::new(
            Code::SB001,
            FileId(0),
            Span::new(3, 99),
            "m",
        )];
        let p = [ProjectOutput {
            root: Path::new("/p"),
            files: &f,
            diagnostics: &one,
        }];
        let v: serde_json::Value =
            serde_json::from_str(&render(Format::Json, &p, &RenderOptions::default()))
                .expect("json");
        assert_eq!(
            v["diagnostics"][0]["range"]["start"],
            serde_json::json!({"line": 1, "column": 2, "offset": 1})
        );
        assert_eq!(
            v["diagnostics"][0]["range"]["end"],
            serde_json::json!({"line": 5, "column": 2, "offset": len})
        );
        let v: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &p, &RenderOptions::default()))
                .expect("json");
        let region = &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            *region,
            serde_json::json!({
                "startLine": 1, "startColumn": 2, "endLine": 5, "endColumn": 3,
                "byteOffset": 1, "byteLength": len - 1, "snippet": {"text": &text[1..]}
            })
        );
    }
}
