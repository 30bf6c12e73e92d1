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
//!   "warnings", "infos", "hints", "files"}}` where `D` is `{"code", "name", "severity",
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
//! * `github`: GitHub Actions workflow commands (`::error file=…::message`; info and hint are
//!   `::notice`), with help, notes, labels and fixes as extra message lines.
//!
//! Everything here is a pure function of its input: the same projects render to byte-identical
//! text. Spans that fall outside their file, inside a character, or that name a file the project
//! does not have are clamped or degraded, never a panic.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};
use serde::Serialize;

use crate::diagnostics::{Code, Diagnostic, Fix, Label, RULES, Severity};
use crate::source::{ColumnUnit, FileId, LineIndex, SourceFile, Span};

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
        format!("Found {} in {files}.", parts.join(", "))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
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
        Format::Human => render_human(projects, opts),
        Format::Short => render_short(projects, opts),
        Format::Json => render_json(projects, opts),
        Format::Sarif => render_sarif(projects, opts),
        Format::Github => render_github(projects, opts),
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: file lookup, positions, paths, escaping.

/// A resolved position: 1-based line, 1-based column (in some unit), byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
struct Pos {
    line: u32,
    column: u32,
    offset: u32,
}

fn file_of<'a>(project: &ProjectOutput<'a>, id: FileId) -> Option<&'a SourceFile> {
    project.files.get(id.0 as usize)
}

/// `span` clamped into the file, onto char boundaries, with `start <= end`.
fn clamp_span(file: &SourceFile, span: Span) -> Span {
    let start = LineIndex::clamp(&file.text, span.start);
    let end = LineIndex::clamp(&file.text, span.end.max(span.start)).max(start);
    Span::new(start, end)
}

fn pos(file: &SourceFile, offset: u32, unit: ColumnUnit) -> Pos {
    let offset = LineIndex::clamp(&file.text, offset);
    let (line, col) = file.lines.line_col_in(&file.text, offset, unit);
    Pos {
        line: line + 1,
        column: col + 1,
        offset,
    }
}

fn range(file: &SourceFile, span: Span, unit: ColumnUnit) -> (Pos, Pos) {
    let span = clamp_span(file, span);
    (pos(file, span.start, unit), pos(file, span.end, unit))
}

const UNKNOWN_FILE: &str = "<unknown file>";

/// The path shown for a file: relative to `cwd` when possible, `/` separators.
fn display_path(file: &SourceFile, opts: &RenderOptions) -> String {
    let path = file.path.as_path();
    let shown: Cow<Path> = match opts.cwd.as_deref() {
        Some(cwd) if path.is_absolute() && cwd.is_absolute() => relative_to(path, cwd)
            .map(Cow::Owned)
            .unwrap_or(Cow::Borrowed(path)),
        _ => Cow::Borrowed(path),
    };
    let s = slash_path(&shown);
    if s.is_empty() {
        // A file with no path at all: fall back to its project-relative name.
        return file.rel.clone();
    }
    match s.strip_prefix("./") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// `path` relative to `base`, lexically (no file-system access). `None` when they share nothing
/// but the root, or when `base` has components that cannot be walked back (`..`).
fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let p: Vec<Component> = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let b: Vec<Component> = base
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shares_a_folder = p[..common]
        .iter()
        .any(|c| matches!(c, Component::Normal(_)));
    if !shares_a_folder && common < b.len() {
        return None;
    }
    if b[common..]
        .iter()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in &p[common..] {
        out.push(c.as_os_str());
    }
    Some(out)
}

fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// Make text safe to print on a terminal: control characters (except tab, and newline when
/// `keep_newline`) and bidirectional overrides are shown as escapes instead of being obeyed.
fn escape_controls(s: &str, keep_newline: bool) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\t' && !(keep_newline && c == '\n')) || is_bidi_control(c)
    };
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Source text as shown in snippets: the same bytes, except that control characters and
/// bidirectional overrides are replaced by printable characters of the same UTF-8 length, so byte
/// offsets and character columns are unchanged.
fn printable_source(text: &str) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c);
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if !bad(c) {
                    c
                } else {
                    match c.len_utf8() {
                        1 => '?',
                        2 => '\u{00BF}',
                        _ => '\u{FFFD}',
                    }
                }
            })
            .collect(),
    )
}

fn iter_diagnostics<'p, 'a>(
    projects: &'p [ProjectOutput<'a>],
) -> impl Iterator<Item = (usize, &'p ProjectOutput<'a>, &'a Diagnostic)> {
    projects
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.diagnostics.iter().map(move |d| (i, p, d)))
}

fn fix_hint(fix: &Fix) -> String {
    if fix.safe {
        format!("fix available: {}", fix.title)
    } else {
        format!("fix available (unsafe): {}", fix.title)
    }
}

// ---------------------------------------------------------------------------------------------
// human

/// codespan's view of every file of every project, keyed by (project index, file id).
struct CodespanFiles<'a> {
    names: Vec<Vec<String>>,
    sources: Vec<Vec<Cow<'a, str>>>,
    lines: Vec<Vec<&'a LineIndex>>,
}

impl<'a> CodespanFiles<'a> {
    fn new(projects: &[ProjectOutput<'a>], opts: &RenderOptions) -> CodespanFiles<'a> {
        CodespanFiles {
            names: projects
                .iter()
                .map(|p| p.files.iter().map(|f| display_path(f, opts)).collect())
                .collect(),
            // Only files a diagnostic shows are ever rendered: scan just those.
            sources: projects
                .iter()
                .map(|p| {
                    let mut shown = vec![false; p.files.len()];
                    for d in p.diagnostics {
                        for id in std::iter::once(d.file).chain(d.labels.iter().map(|l| l.file)) {
                            if let Some(s) = shown.get_mut(id.0 as usize) {
                                *s = true;
                            }
                        }
                    }
                    p.files
                        .iter()
                        .zip(shown)
                        .map(|(f, shown)| {
                            if shown {
                                printable_source(&f.text)
                            } else {
                                Cow::Borrowed(&*f.text)
                            }
                        })
                        .collect()
                })
                .collect(),
            lines: projects
                .iter()
                .map(|p| p.files.iter().map(|f| &f.lines).collect())
                .collect(),
        }
    }

    fn get(&self, id: (usize, u32)) -> Option<(&str, &LineIndex)> {
        let src = self.sources.get(id.0)?.get(id.1 as usize)?;
        let lines = self.lines.get(id.0)?.get(id.1 as usize)?;
        Some((src, lines))
    }
}

impl<'f> Files<'f> for CodespanFiles<'_> {
    type FileId = (usize, u32);
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: Self::FileId) -> Result<&'f str, FilesError> {
        self.names
            .get(id.0)
            .and_then(|p| p.get(id.1 as usize))
            .map(String::as_str)
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'f self, id: Self::FileId) -> Result<&'f str, FilesError> {
        self.get(id).map(|(s, _)| s).ok_or(FilesError::FileMissing)
    }

    fn line_index(&'f self, id: Self::FileId, byte_index: usize) -> Result<usize, FilesError> {
        let (text, lines) = self.get(id).ok_or(FilesError::FileMissing)?;
        let offset = LineIndex::clamp(text, u32::try_from(byte_index).unwrap_or(u32::MAX));
        Ok(lines.line_of(offset) as usize)
    }

    /// The byte range of a line, terminator included (codespan trims it when printing).
    fn line_range(
        &'f self,
        id: Self::FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        let (text, lines) = self.get(id).ok_or(FilesError::FileMissing)?;
        let count = lines.line_count() as usize;
        if line_index >= count {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: count.saturating_sub(1),
            });
        }
        let start = lines.line_start(line_index as u32) as usize;
        let end = if line_index + 1 < count {
            lines.line_start(line_index as u32 + 1) as usize
        } else {
            text.len()
        };
        Ok(start..end.max(start))
    }
}

fn codespan_severity(s: Severity) -> cs::Severity {
    match s {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
        Severity::Hint => cs::Severity::Help,
    }
}

fn codespan_label(
    project: &ProjectOutput,
    pi: usize,
    file: FileId,
    span: Span,
    style: cs::LabelStyle,
    message: &str,
) -> Option<cs::Label<(usize, u32)>> {
    let f = file_of(project, file)?;
    let span = clamp_span(f, span);
    Some(
        cs::Label::new(style, (pi, file.0), span.range())
            .with_message(escape_controls(message, true)),
    )
}

fn render_human(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let files = CodespanFiles::new(projects, opts);
    let config = term::Config::default();
    let mut buf = if opts.color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };

    for (pi, project, d) in iter_diagnostics(projects) {
        let mut labels = Vec::new();
        labels.extend(codespan_label(
            project,
            pi,
            d.file,
            d.span,
            cs::LabelStyle::Primary,
            "",
        ));
        for Label {
            file,
            span,
            message,
        } in &d.labels
        {
            labels.extend(codespan_label(
                project,
                pi,
                *file,
                *span,
                cs::LabelStyle::Secondary,
                message,
            ));
        }
        let mut notes = Vec::new();
        if file_of(project, d.file).is_none() {
            notes.push(format!(
                "note: reported in a file that is not part of `{}`",
                slash_path(project.root)
            ));
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {}", escape_controls(help, true)));
        }
        for note in &d.notes {
            notes.push(format!("note: {}", escape_controls(note, true)));
        }
        for fix in &d.fixes {
            notes.push(escape_controls(&fix_hint(fix), true).into_owned());
        }
        let diag = cs::Diagnostic::new(codespan_severity(d.severity))
            .with_code(format!("{}/{}", d.code.as_str(), d.code.name()))
            .with_message(escape_controls(&d.message, true))
            .with_labels(labels)
            .with_notes(notes);
        let mut one = if opts.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        if term::emit_to_write_style(&mut one, &config, &files, &diag).is_ok() {
            buf_write(&mut buf, one.as_slice());
        } else {
            // Only reachable if a file changed under us; keep the finding visible anyway.
            let mut line = short_line(project, d, opts);
            line.push('\n');
            buf_write(&mut buf, line.as_bytes());
        }
    }

    let counts = summary(projects);
    let spec = ColorSpec::new().set_bold(true).clone();
    let _ = buf.set_color(&spec);
    buf_write(&mut buf, counts.sentence().as_bytes());
    let _ = buf.reset();
    buf_write(&mut buf, b"\n");
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

fn buf_write(buf: &mut Buffer, bytes: &[u8]) {
    use std::io::Write as _;
    // Writing into an in-memory buffer cannot fail.
    let _ = buf.write_all(bytes);
}

// ---------------------------------------------------------------------------------------------
// short

fn short_line(project: &ProjectOutput, d: &Diagnostic, opts: &RenderOptions) -> String {
    let (path, line, col) = match file_of(project, d.file) {
        Some(f) => {
            let (start, _) = range(f, d.span, ColumnUnit::Char);
            (display_path(f, opts), start.line, start.column)
        }
        None => (UNKNOWN_FILE.to_string(), 1, 1),
    };
    format!(
        "{}:{line}:{col}: {}[{}] {}",
        escape_controls(&path, false),
        d.severity.as_str(),
        d.code.as_str(),
        escape_controls(&d.message, false)
    )
}

fn render_short(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let mut out = String::new();
    for (_, project, d) in iter_diagnostics(projects) {
        out.push_str(&short_line(project, d, opts));
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// json

/// Version of the JSON document layout.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: JsonTool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Counts,
}

#[derive(Serialize)]
struct JsonTool {
    name: &'static str,
    version: &'static str,
}

/// One diagnostic of the JSON format.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    file: String,
    range: JsonRange,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    notes: &'a [String],
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRange {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: String,
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: String,
    range: JsonRange,
    replacement: &'a str,
}

fn json_location(
    project: &ProjectOutput,
    file: FileId,
    span: Span,
    opts: &RenderOptions,
) -> (String, JsonRange) {
    match file_of(project, file) {
        Some(f) => {
            let (start, end) = range(f, span, ColumnUnit::Char);
            (display_path(f, opts), JsonRange { start, end })
        }
        None => {
            let p = Pos {
                line: 1,
                column: 1,
                offset: 0,
            };
            (UNKNOWN_FILE.to_string(), JsonRange { start: p, end: p })
        }
    }
}

/// The `diagnostics` array of the JSON format, for every project in order (also embedded in the
/// compile bundle).
pub fn json_diagnostics<'a>(
    projects: &[ProjectOutput<'a>],
    opts: &RenderOptions,
) -> Vec<JsonDiagnostic<'a>> {
    iter_diagnostics(projects)
        .map(|(_, project, d)| {
            let (file, range) = json_location(project, d.file, d.span, opts);
            JsonDiagnostic {
                code: d.code.as_str(),
                name: d.code.name(),
                severity: d.severity.as_str(),
                message: &d.message,
                file,
                range,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (file, range) = json_location(project, l.file, l.span, opts);
                        JsonLabel {
                            file,
                            range,
                            message: &l.message,
                        }
                    })
                    .collect(),
                help: d.help.as_deref(),
                notes: &d.notes,
                fixes: d
                    .fixes
                    .iter()
                    .map(|fix| JsonFix {
                        title: &fix.title,
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (file, range) = json_location(project, e.file, e.span, opts);
                                JsonEdit {
                                    file,
                                    range,
                                    replacement: &e.replacement,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

fn render_json(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let diagnostics = json_diagnostics(projects, opts);
    let report = JsonReport {
        version: JSON_VERSION,
        tool: JsonTool {
            name: "switchboard",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics,
        summary: summary(projects),
    };
    to_json(&report)
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and numbers into memory cannot fail; if it ever did,
    // an empty JSON object is still valid output.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------------------------
// sarif

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// Where the project lives; rule help links point into its `docs/rules.md`.
pub const REPOSITORY_URL: &str = if env!("CARGO_PKG_REPOSITORY").is_empty() {
    "https://github.com/polyai/switchboard"
} else {
    env!("CARGO_PKG_REPOSITORY")
};

/// The documentation anchor of a rule in `docs/rules.md` (the GitHub slug of a heading
/// `SB201 unknown-handoff`).
pub fn rule_anchor(code: Code) -> String {
    format!("{}-{}", code.as_str().to_ascii_lowercase(), code.name())
}

/// The URL of a rule's documentation.
pub fn rule_help_uri(code: Code) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{}",
        REPOSITORY_URL.trim_end_matches('/'),
        rule_anchor(code)
    )
}

/// `unknown-handoff` → `UnknownHandoff`.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split(['-', '_'])
        .flat_map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(cs)
        })
        .collect()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: SarifTool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<SarifBaseIds>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct SarifBaseIds {
    #[serde(rename = "%SRCROOT%")]
    srcroot: SarifArtifactLocation,
}

#[derive(Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: &'static str,
    name: String,
    short_description: SarifText<'static>,
    default_configuration: SarifConfiguration,
    help_uri: String,
    properties: SarifRuleProperties,
}

#[derive(Serialize)]
struct SarifRuleProperties {
    /// The kebab-case rule name, as used in configuration and `switchboard explain`.
    #[serde(rename = "switchboardName")]
    switchboard_name: &'static str,
}

#[derive(Serialize)]
struct SarifConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: SarifText<'a>,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    properties: SarifResultProperties<'a>,
}

#[derive(Serialize)]
struct SarifResultProperties<'a> {
    /// The switchboard severity (SARIF folds `info` and `hint` into `note`).
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: SarifPhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<SarifText<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysicalLocation {
    artifact_location: SarifArtifactLocation,
    region: SarifRegion,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<SarifRegion>,
}

#[derive(Serialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<SarifText<'static>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: SarifText<'a>,
    artifact_changes: Vec<SarifArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactChange<'a> {
    artifact_location: SarifArtifactLocation,
    replacements: Vec<SarifReplacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifReplacement<'a> {
    deleted_region: SarifRegion,
    inserted_content: SarifText<'a>,
}

/// Percent-encode a path for a URI. `/` is kept; `:` only when `keep_colon` (a drive letter in
/// a `file:` URI; in a relative reference it would read as a scheme).
fn percent_encode_path(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn file_uri(abs: &str) -> String {
    let encoded = percent_encode_path(abs, true);
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

/// Lexically join `base` and a relative path, folding `.` and `..`.
fn lexical_join(base: &Path, rel: &Path) -> PathBuf {
    let mut out = base.to_path_buf();
    for c in rel.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn sarif_artifact(file: &SourceFile, opts: &RenderOptions) -> SarifArtifactLocation {
    let shown = display_path(file, opts);
    let shown_path = Path::new(&shown);
    let is_abs = shown_path.is_absolute() || shown.starts_with('/');
    if !is_abs && !shown.starts_with("../") && shown != ".." {
        return SarifArtifactLocation {
            uri: percent_encode_path(&shown, false),
            uri_base_id: Some(SRCROOT),
        };
    }
    let absolute = if is_abs {
        Some(shown_path.to_path_buf())
    } else {
        opts.cwd
            .as_deref()
            .filter(|c| c.is_absolute())
            .map(|cwd| lexical_join(cwd, shown_path))
    };
    match absolute {
        Some(abs) => SarifArtifactLocation {
            uri: file_uri(&slash_path(&abs)),
            uri_base_id: None,
        },
        None => SarifArtifactLocation {
            uri: percent_encode_path(&shown, false),
            uri_base_id: Some(SRCROOT),
        },
    }
}

/// Snippets longer than this many bytes are left out (the region still locates the text).
const MAX_SNIPPET: u32 = 2048;

fn sarif_region(file: &SourceFile, span: Span, with_snippet: bool) -> SarifRegion {
    let span = clamp_span(file, span);
    let (start, end) = (
        pos(file, span.start, ColumnUnit::Utf16),
        pos(file, span.end, ColumnUnit::Utf16),
    );
    let snippet = (with_snippet && span.len() <= MAX_SNIPPET).then(|| SarifText {
        text: Cow::Owned(file.slice(span).to_string()),
    });
    SarifRegion {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: span.start,
        byte_length: span.len(),
        snippet,
    }
}

/// The whole lines a span touches (terminators excluded), as a SARIF context region; `None` when
/// that would not be larger than the span itself.
fn sarif_context_region(file: &SourceFile, span: Span) -> Option<SarifRegion> {
    let span = clamp_span(file, span);
    let first = file.lines.line_of(span.start);
    let last = file.lines.line_of(span.end);
    let start = file.lines.line_range(&file.text, first).start;
    let end = file.lines.line_range(&file.text, last).end.max(start);
    let context = Span::from_range(start..end);
    // SARIF requires a context region to be a proper superset of the region.
    let proper = context.start <= span.start && span.end <= context.end && context != span;
    (proper && context.len() <= MAX_SNIPPET).then(|| sarif_region(file, context, true))
}

fn sarif_physical(
    project: &ProjectOutput,
    file: FileId,
    span: Span,
    opts: &RenderOptions,
) -> Option<SarifPhysicalLocation> {
    let f = file_of(project, file)?;
    Some(SarifPhysicalLocation {
        artifact_location: sarif_artifact(f, opts),
        region: sarif_region(f, span, true),
        context_region: sarif_context_region(f, span),
    })
}

fn sarif_fix<'a>(
    project: &ProjectOutput,
    fix: &'a Fix,
    opts: &RenderOptions,
) -> Option<SarifFix<'a>> {
    let mut changes: Vec<(FileId, SarifArtifactChange<'a>)> = Vec::new();
    for edit in &fix.edits {
        let Some(f) = file_of(project, edit.file) else {
            // An edit we cannot place makes the whole fix unrepresentable.
            return None;
        };
        let replacement = SarifReplacement {
            deleted_region: sarif_region(f, edit.span, false),
            inserted_content: SarifText {
                text: Cow::Borrowed(&edit.replacement),
            },
        };
        match changes.iter_mut().find(|(id, _)| *id == edit.file) {
            Some((_, change)) => change.replacements.push(replacement),
            None => changes.push((
                edit.file,
                SarifArtifactChange {
                    artifact_location: sarif_artifact(f, opts),
                    replacements: vec![replacement],
                },
            )),
        }
    }
    if changes.is_empty() {
        return None;
    }
    Some(SarifFix {
        description: SarifText {
            text: Cow::Borrowed(&fix.title),
        },
        artifact_changes: changes.into_iter().map(|(_, c)| c).collect(),
    })
}

fn render_sarif(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let rules = RULES
        .iter()
        .map(|r| SarifRule {
            id: r.code.as_str(),
            name: pascal_case(r.name),
            short_description: SarifText {
                text: Cow::Borrowed(r.summary),
            },
            default_configuration: SarifConfiguration {
                level: sarif_level(r.severity),
            },
            help_uri: rule_help_uri(r.code),
            properties: SarifRuleProperties {
                switchboard_name: r.name,
            },
        })
        .collect();

    let results = iter_diagnostics(projects)
        .map(|(_, project, d)| {
            let locations = sarif_physical(project, d.file, d.span, opts)
                .map(|physical_location| SarifLocation {
                    id: None,
                    physical_location,
                    message: None,
                })
                .into_iter()
                .collect();
            let related_locations = d
                .labels
                .iter()
                .filter_map(|l| Some((sarif_physical(project, l.file, l.span, opts)?, l)))
                .enumerate()
                .map(|(i, (physical_location, l))| SarifLocation {
                    id: Some(i + 1),
                    physical_location,
                    message: Some(SarifText {
                        text: Cow::Borrowed(&l.message),
                    }),
                })
                .collect();
            SarifResult {
                rule_id: d.code.as_str(),
                rule_index: d.code.index(),
                level: sarif_level(d.severity),
                message: SarifText {
                    text: Cow::Borrowed(&d.message),
                },
                locations,
                related_locations,
                fixes: d
                    .fixes
                    .iter()
                    .filter_map(|f| sarif_fix(project, f, opts))
                    .collect(),
                properties: SarifResultProperties {
                    severity: d.severity.as_str(),
                    help: d.help.as_deref(),
                    notes: &d.notes,
                },
            }
        })
        .collect();

    let original_uri_base_ids = opts.cwd.as_deref().filter(|c| c.is_absolute()).map(|cwd| {
        let mut uri = file_uri(&slash_path(cwd));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        SarifBaseIds {
            srcroot: SarifArtifactLocation {
                uri,
                uri_base_id: None,
            },
        }
    });

    let log = SarifLog {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "switchboard",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: REPOSITORY_URL,
                    rules,
                },
            },
            original_uri_base_ids,
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    to_json(&log)
}

// ---------------------------------------------------------------------------------------------
// github

/// Escape the message part of a workflow command.
fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn gh_command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

fn render_github(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let mut out = String::new();
    for (_, project, d) in iter_diagnostics(projects) {
        let mut props = Vec::new();
        if let Some(f) = file_of(project, d.file) {
            let (start, end) = range(f, d.span, ColumnUnit::Char);
            props.push(format!(
                "file={}",
                gh_escape_property(&display_path(f, opts))
            ));
            props.push(format!("line={}", start.line));
            props.push(format!("endLine={}", end.line));
            // Annotations carry columns only for single-line ranges.
            if start.line == end.line {
                props.push(format!("col={}", start.column));
                props.push(format!("endColumn={}", end.column));
            }
        }
        props.push(format!(
            "title={}",
            gh_escape_property(&format!("{} {}", d.code.as_str(), d.code.name()))
        ));

        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        for note in &d.notes {
            let _ = write!(message, "\nnote: {note}");
        }
        for l in &d.labels {
            match file_of(project, l.file) {
                Some(f) => {
                    let (start, _) = range(f, l.span, ColumnUnit::Char);
                    let _ = write!(
                        message,
                        "\nnote: {}:{}:{}: {}",
                        display_path(f, opts),
                        start.line,
                        start.column,
                        l.message
                    );
                }
                None => {
                    let _ = write!(message, "\nnote: {}", l.message);
                }
            }
        }
        for fix in &d.fixes {
            let _ = write!(message, "\n{}", fix_hint(fix));
        }
        let _ = writeln!(
            out,
            "::{} {}::{}",
            gh_command(d.severity),
            props.join(","),
            gh_escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Edit;
    use std::sync::Arc;

    const HANDOFFS: &str =
        "handoffs:\n  - name: billing\n    method: invite\n    headers:\n      Agent-Id: x\n";
    const TOPIC: &str = "prompt: |\n  Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now\n";

    fn file(id: u32, rel: &str, text: &str) -> SourceFile {
        SourceFile::new(
            FileId(id),
            PathBuf::from("/work/agent").join(rel),
            rel.to_string(),
            Arc::from(text),
        )
    }

    fn files() -> Vec<SourceFile> {
        vec![
            file(0, "handoffs.yaml", HANDOFFS),
            file(1, "topics/refunds.yaml", TOPIC),
        ]
    }

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle") as u32;
        Span::new(start, start + needle.len() as u32)
    }

    fn diagnostics() -> Vec<Diagnostic> {
        let name = at(TOPIC, "billing_team");
        vec![
            Diagnostic::new(
                Code::SB111,
                FileId(0),
                at(HANDOFFS, "Agent-Id"),
                "SIP header `Agent-Id` is not custom",
            )
            .help("custom headers start with `X-`")
            .replace_fix(
                "Rename to `X-Agent-Id`",
                at(HANDOFFS, "Agent-Id"),
                "X-Agent-Id",
                false,
            ),
            Diagnostic::new(
                Code::SB116,
                FileId(0),
                at(HANDOFFS, "billing"),
                "handoff `billing` is never used",
            ),
            Diagnostic::new(
                Code::SB201,
                FileId(1),
                name,
                "unknown handoff `billing_team`",
            )
            .label(
                FileId(0),
                at(HANDOFFS, "billing"),
                "a handoff with a similar name",
            )
            .help("did you mean `billing`?")
            .note("handoffs are defined in handoffs.yaml")
            .replace_fix("Replace with `billing`", name, "billing", true),
            Diagnostic::new(
                Code::SB120,
                FileId(1),
                at(TOPIC, "now"),
                "route set while the integration routes by carrier",
            ),
        ]
    }

    fn opts() -> RenderOptions {
        RenderOptions {
            color: false,
            cwd: Some(PathBuf::from("/work")),
        }
    }

    fn with_project<R>(f: impl FnOnce(&[ProjectOutput]) -> R) -> R {
        let files = files();
        let diags = diagnostics();
        let projects = [ProjectOutput {
            root: Path::new("/work/agent"),
            files: &files,
            diagnostics: &diags,
        }];
        f(&projects)
    }

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
    fn short_format_uses_character_columns() {
        let out = with_project(|p| render(Format::Short, p, &opts()));
        assert_eq!(
            out,
            "agent/handoffs.yaml:5:7: warning[SB111] SIP header `Agent-Id` is not custom\n\
             agent/handoffs.yaml:2:11: hint[SB116] handoff `billing` is never used\n\
             agent/topics/refunds.yaml:2:16: error[SB201] unknown handoff `billing_team`\n\
             agent/topics/refunds.yaml:2:31: info[SB120] route set while the integration routes by carrier\n"
        );
    }

    #[test]
    fn json_format_positions_and_shape() {
        let out = with_project(|p| render(Format::Json, p, &opts()));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["version"], 1);
        assert_eq!(v["tool"]["name"], "switchboard");
        assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            v["summary"],
            serde_json::json!({"errors": 1, "warnings": 1, "infos": 1, "hints": 1, "files": 2})
        );
        let d = &v["diagnostics"][2];
        assert_eq!(d["code"], "SB201");
        assert_eq!(d["name"], "unknown-handoff");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["message"], "unknown handoff `billing_team`");
        assert_eq!(d["file"], "agent/topics/refunds.yaml");
        let name = at(TOPIC, "billing_team");
        assert_eq!(name, Span::new(33, 45));
        assert_eq!(
            d["range"],
            serde_json::json!({"start": {"line": 2, "column": 16, "offset": 33}, "end": {"line": 2, "column": 28, "offset": 45}})
        );
        assert_eq!(d["labels"][0]["file"], "agent/handoffs.yaml");
        assert_eq!(d["labels"][0]["message"], "a handoff with a similar name");
        assert_eq!(
            d["labels"][0]["range"]["start"],
            serde_json::json!({"line": 2, "column": 11, "offset": 20})
        );
        assert_eq!(d["help"], "did you mean `billing`?");
        assert_eq!(
            d["notes"],
            serde_json::json!(["handoffs are defined in handoffs.yaml"])
        );
        assert_eq!(d["fixes"][0]["title"], "Replace with `billing`");
        assert_eq!(d["fixes"][0]["safe"], true);
        assert_eq!(d["fixes"][0]["edits"][0]["replacement"], "billing");
        assert_eq!(d["fixes"][0]["edits"][0]["range"]["end"]["offset"], 45);
        assert_eq!(v["diagnostics"][1]["help"], serde_json::Value::Null);
        assert_eq!(v["diagnostics"][1]["fixes"], serde_json::json!([]));
        // Keys come out in a fixed, documented order.
        let keys = ["\"version\"", "\"tool\"", "\"diagnostics\"", "\"summary\""];
        let idx: Vec<usize> = keys.iter().map(|k| out.find(k).expect("key")).collect();
        assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
        let first = &out[out.find("\"code\"").expect("code")..];
        let order = [
            "\"code\"",
            "\"name\"",
            "\"severity\"",
            "\"message\"",
            "\"file\"",
            "\"range\"",
            "\"labels\"",
            "\"help\"",
            "\"notes\"",
            "\"fixes\"",
        ];
        let idx: Vec<usize> = order.iter().map(|k| first.find(k).expect("key")).collect();
        assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
    }

    #[test]
    fn sarif_format_uses_utf16_columns_and_lists_every_rule() {
        let out = with_project(|p| render(Format::Sarif, p, &opts()));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["$schema"], SARIF_SCHEMA);
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(v["runs"].as_array().map(Vec::len), Some(1));
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///work/"
        );
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "switchboard");
        let rules = driver["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), RULES.len());
        let sb201 = &rules[Code::SB201.index()];
        assert_eq!(sb201["id"], "SB201");
        assert_eq!(sb201["name"], "UnknownHandoff");
        assert_eq!(
            sb201["shortDescription"]["text"],
            Code::SB201.meta().summary
        );
        assert_eq!(sb201["defaultConfiguration"]["level"], "error");
        assert_eq!(
            sb201["helpUri"],
            format!("{REPOSITORY_URL}/blob/main/docs/rules.md#sb201-unknown-handoff").as_str()
        );
        assert_eq!(
            rules[Code::SB116.index()]["defaultConfiguration"]["level"],
            "note"
        );

        let results = run["results"].as_array().expect("results");
        assert_eq!(results.len(), 4);
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(levels, ["warning", "note", "error", "note"]);
        assert_eq!(results[1]["properties"]["severity"], "hint");
        assert_eq!(results[3]["properties"]["severity"], "info");

        let r = &results[2];
        assert_eq!(r["ruleId"], "SB201");
        assert_eq!(r["ruleIndex"], Code::SB201.index());
        assert_eq!(r["message"]["text"], "unknown handoff `billing_team`");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"],
            serde_json::json!({"uri": "agent/topics/refunds.yaml", "uriBaseId": "%SRCROOT%"})
        );
        // The emoji before the span is two UTF-16 code units but one character.
        assert_eq!(
            loc["region"],
            serde_json::json!({
                "startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 29,
                "byteOffset": 33, "byteLength": 12, "snippet": {"text": "billing_team"}
            })
        );
        assert_eq!(loc["contextRegion"]["startLine"], 2);
        assert_eq!(loc["contextRegion"]["startColumn"], 1);
        assert_eq!(loc["contextRegion"]["endColumn"], 35);
        assert_eq!(loc["contextRegion"]["byteOffset"], 10);
        assert_eq!(
            loc["contextRegion"]["snippet"]["text"],
            "  Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now"
        );
        let rel = &r["relatedLocations"][0];
        assert_eq!(rel["id"], 1);
        assert_eq!(rel["message"]["text"], "a handoff with a similar name");
        assert_eq!(
            rel["physicalLocation"]["artifactLocation"]["uri"],
            "agent/handoffs.yaml"
        );
        assert_eq!(rel["physicalLocation"]["region"]["startColumn"], 11);
        let fix = &r["fixes"][0];
        assert_eq!(fix["description"]["text"], "Replace with `billing`");
        let change = &fix["artifactChanges"][0];
        assert_eq!(
            change["artifactLocation"]["uri"],
            "agent/topics/refunds.yaml"
        );
        assert_eq!(
            change["replacements"][0]["deletedRegion"]["startColumn"],
            17
        );
        assert_eq!(
            change["replacements"][0]["insertedContent"]["text"],
            "billing"
        );
        assert_eq!(r["properties"]["help"], "did you mean `billing`?");
        assert!(results[1].get("fixes").is_none());
        assert!(results[1].get("relatedLocations").is_none());
        assert!(
            change["replacements"][0]["deletedRegion"]
                .get("snippet")
                .is_none()
        );
    }

    #[test]
    fn github_format_and_escaping() {
        let out = with_project(|p| render(Format::Github, p, &opts()));
        assert_eq!(
            out,
            "::warning file=agent/handoffs.yaml,line=5,endLine=5,col=7,endColumn=15,title=SB111 non-custom-sip-header::\
             SIP header `Agent-Id` is not custom%0Ahelp: custom headers start with `X-`%0Afix available (unsafe): Rename to `X-Agent-Id`\n\
             ::notice file=agent/handoffs.yaml,line=2,endLine=2,col=11,endColumn=18,title=SB116 unused-handoff::handoff `billing` is never used\n\
             ::error file=agent/topics/refunds.yaml,line=2,endLine=2,col=16,endColumn=28,title=SB201 unknown-handoff::\
             unknown handoff `billing_team`%0Ahelp: did you mean `billing`?%0Anote: handoffs are defined in handoffs.yaml\
             %0Anote: agent/handoffs.yaml:2:11: a handoff with a similar name%0Afix available: Replace with `billing`\n\
             ::notice file=agent/topics/refunds.yaml,line=2,endLine=2,col=31,endColumn=34,title=SB120 integration-route-ignored::\
             route set while the integration routes by carrier\n"
        );
        assert_eq!(gh_escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(gh_escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn github_escapes_paths_and_drops_columns_on_multiline_ranges() {
        let f = vec![SourceFile::new(
            FileId(0),
            PathBuf::from("odd,na:me%.yaml"),
            "odd,na:me%.yaml".into(),
            Arc::from("a: 1\nb: 2\n"),
        )];
        let d = vec![Diagnostic::new(
            Code::SB001,
            FileId(0),
            Span::new(0, 8),
            "bad\nthing: 100%",
        )];
        let p = [ProjectOutput {
            root: Path::new("."),
            files: &f,
            diagnostics: &d,
        }];
        let out = render(Format::Github, &p, &RenderOptions::default());
        assert_eq!(
            out,
            "::error file=odd%2Cna%3Ame%25.yaml,line=1,endLine=2,title=SB001 yaml-syntax::bad%0Athing: 100%25\n"
        );
    }

    #[test]
    fn human_format() {
        let out = with_project(|p| render(Format::Human, p, &opts()));
        let expected = "\
warning[SB111/non-custom-sip-header]: SIP header `Agent-Id` is not custom
  ┌─ agent/handoffs.yaml:5:7
  │
5 │       Agent-Id: x
  │       ^^^^^^^^
  │
  = help: custom headers start with `X-`
  = fix available (unsafe): Rename to `X-Agent-Id`

help[SB116/unused-handoff]: handoff `billing` is never used
  ┌─ agent/handoffs.yaml:2:11
  │
2 │   - name: billing
  │           ^^^^^^^

error[SB201/unknown-handoff]: unknown handoff `billing_team`
  ┌─ agent/topics/refunds.yaml:2:16
  │
2 │   Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now
  │                   ^^^^^^^^^^^^
  │
  ┌─ agent/handoffs.yaml:2:11
  │
2 │   - name: billing
  │           ------- a handoff with a similar name
  │
  = help: did you mean `billing`?
  = note: handoffs are defined in handoffs.yaml
  = fix available: Replace with `billing`

note[SB120/integration-route-ignored]: route set while the integration routes by carrier
  ┌─ agent/topics/refunds.yaml:2:31
  │
2 │   Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now
  │                                  ^^^

Found 1 error, 1 warning, 1 info, 1 hint in 2 files.
";
        assert_eq!(out, expected, "\n{out}");
        assert!(!out.contains('\u{1b}'));
        let colored = with_project(|p| {
            render(
                Format::Human,
                p,
                &RenderOptions {
                    color: true,
                    ..opts()
                },
            )
        });
        assert!(colored.contains("\u{1b}["), "{colored}");
        assert!(colored.contains("SB201/unknown-handoff"));
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
    fn terminal_control_characters_are_escaped() {
        let text = "name: a\u{1b}[31mred\u{202E}x\n";
        let f = vec![SourceFile::new(
            FileId(0),
            PathBuf::from("/p/h.yaml"),
            "h.yaml".into(),
            Arc::from(text),
        )];
        let d = vec![Diagnostic::new(
            Code::SB110,
            FileId(0),
            Span::new(6, 13),
            "bad \u{1b}[2J name\nsecond line",
        )];
        let p = [ProjectOutput {
            root: Path::new("/p"),
            files: &f,
            diagnostics: &d,
        }];
        let o = RenderOptions {
            color: false,
            cwd: Some(PathBuf::from("/p")),
        };
        let short = render(Format::Short, &p, &o);
        assert_eq!(
            short,
            "h.yaml:1:7: error[SB110] bad \\u{1b}[2J name\\nsecond line\n"
        );
        let human = render(Format::Human, &p, &o);
        assert!(!human.contains('\u{1b}'), "{human}");
        assert!(!human.contains('\u{202E}'), "{human}");
        assert!(
            human.contains("bad \\u{1b}[2J name\nsecond line"),
            "{human}"
        );
        assert!(human.contains("1 │ name: a?[31mred\u{FFFD}x"), "{human}");
    }

    #[test]
    fn paths_relative_to_cwd() {
        let f = |p: &str| SourceFile::new(FileId(0), PathBuf::from(p), "x".into(), Arc::from(""));
        let o = |c: Option<&str>| RenderOptions {
            color: false,
            cwd: c.map(PathBuf::from),
        };
        assert_eq!(display_path(&f("/a/b/c.yaml"), &o(Some("/a"))), "b/c.yaml");
        assert_eq!(
            display_path(&f("/a/b/c.yaml"), &o(Some("/a/d/"))),
            "../b/c.yaml"
        );
        assert_eq!(
            display_path(&f("/a/b/c.yaml"), &o(Some("/x/y"))),
            "/a/b/c.yaml"
        );
        assert_eq!(display_path(&f("/a/b/c.yaml"), &o(None)), "/a/b/c.yaml");
        assert_eq!(display_path(&f("./b/c.yaml"), &o(Some("/a"))), "b/c.yaml");
        assert_eq!(display_path(&f("b/c.yaml"), &o(None)), "b/c.yaml");
        assert_eq!(display_path(&f(""), &o(None)), "x");

        let art = |p: &str, c: Option<&str>| {
            let a = sarif_artifact(&f(p), &o(c));
            (a.uri, a.uri_base_id)
        };
        assert_eq!(
            art("/a/b c/ü.yaml", Some("/a")),
            ("b%20c/%C3%BC.yaml".to_string(), Some(SRCROOT))
        );
        assert_eq!(
            art("/a/b/c.yaml", Some("/a/d")),
            ("file:///a/b/c.yaml".to_string(), None)
        );
        assert_eq!(
            art("/a/b/c.yaml", None),
            ("file:///a/b/c.yaml".to_string(), None)
        );
        assert_eq!(
            art("../b/c.yaml", Some("/a/d")),
            ("file:///a/b/c.yaml".to_string(), None)
        );
        assert_eq!(
            art("x:y.yaml", None),
            ("x%3Ay.yaml".to_string(), Some(SRCROOT))
        );
    }

    #[test]
    fn sarif_context_region_only_when_larger_than_the_region() {
        let f = file(0, "h.yaml", "ab\r\ncd\n");
        // Inside a line: the context is the whole line.
        let c = sarif_context_region(&f, Span::new(1, 2)).expect("context");
        assert_eq!(
            (c.byte_offset, c.byte_length, c.start_column, c.end_column),
            (0, 2, 1, 3)
        );
        // A span that is exactly its line, or that runs into the terminator, gets none.
        assert!(sarif_context_region(&f, Span::new(0, 2)).is_none());
        assert!(sarif_context_region(&f, Span::new(0, 3)).is_none());
        // Across lines: both lines, terminators between them included.
        let c = sarif_context_region(&f, Span::new(1, 5)).expect("context");
        assert_eq!(
            (c.byte_offset, c.byte_length, c.start_line, c.end_line),
            (0, 6, 1, 2)
        );
    }

    #[test]
    fn pascal_case_rule_names() {
        assert_eq!(pascal_case("unknown-handoff"), "UnknownHandoff");
        assert_eq!(pascal_case("yaml-syntax"), "YamlSyntax");
        assert_eq!(rule_anchor(Code::SB001), "sb001-yaml-syntax");
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
