//! What several output formats share: file lookup, positions and ranges, shown paths,
//! control-character escaping, the order of findings, fix hints and pretty JSON.

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::{ProjectOutput, RenderOptions};
use crate::diagnostics::{Diagnostic, Fix};
use crate::source::{ColumnUnit, FileId, LineIndex, SourceFile, Span};

/// A resolved position: 1-based line, 1-based column (in some unit), byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(super) struct Pos {
    pub(super) line: u32,
    pub(super) column: u32,
    pub(super) offset: u32,
}

pub(super) fn file_of<'a>(project: &ProjectOutput<'a>, id: FileId) -> Option<&'a SourceFile> {
    project.files.get(id.0 as usize)
}

/// `span` clamped into the file, onto char boundaries, with `start <= end`.
pub(super) fn clamp_span(file: &SourceFile, span: Span) -> Span {
    let start = LineIndex::clamp(&file.text, span.start);
    let end = LineIndex::clamp(&file.text, span.end.max(span.start)).max(start);
    Span::new(start, end)
}

pub(super) fn pos(file: &SourceFile, offset: u32, unit: ColumnUnit) -> Pos {
    let offset = LineIndex::clamp(&file.text, offset);
    let (line, col) = file.lines.line_col_in(&file.text, offset, unit);
    Pos {
        line: line + 1,
        column: col + 1,
        offset,
    }
}

pub(super) fn range(file: &SourceFile, span: Span, unit: ColumnUnit) -> (Pos, Pos) {
    let span = clamp_span(file, span);
    (pos(file, span.start, unit), pos(file, span.end, unit))
}

pub(super) const UNKNOWN_FILE: &str = "<unknown file>";

/// The path shown for a file: relative to `cwd` when possible, `/` separators.
pub fn display_path(file: &SourceFile, opts: &RenderOptions) -> String {
    let s = shown_path(&file.path, opts);
    if s.is_empty() {
        // A file with no path at all: fall back to its project-relative name.
        return file.rel.clone();
    }
    s
}

/// The path shown for a folder (a project's root): as [`display_path`] shows a file's, and `.`
/// for the current directory.
pub fn display_dir(path: &Path, opts: &RenderOptions) -> String {
    let s = shown_path(path, opts);
    if s.is_empty() { ".".to_string() } else { s }
}

fn shown_path(path: &Path, opts: &RenderOptions) -> String {
    let shown: Cow<Path> = match opts.cwd.as_deref() {
        Some(cwd) if path.is_absolute() && cwd.is_absolute() => relative_to(path, cwd)
            .map(Cow::Owned)
            .unwrap_or(Cow::Borrowed(path)),
        _ => Cow::Borrowed(path),
    };
    let s = slash_path(&shown);
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

pub(super) fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// Make text safe to print on a terminal: control characters (except tab, and newline when
/// `keep_newline`) and bidirectional overrides are shown as escapes instead of being obeyed.
pub(super) fn escape_controls(s: &str, keep_newline: bool) -> Cow<'_, str> {
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

pub(super) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

pub(super) fn iter_diagnostics<'p, 'a>(
    projects: &'p [ProjectOutput<'a>],
) -> impl Iterator<Item = (usize, &'p ProjectOutput<'a>, &'a Diagnostic)> {
    projects
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.diagnostics.iter().map(move |d| (i, p, d)))
}

pub(super) fn fix_hint(fix: &Fix) -> String {
    if fix.safe {
        format!("fix available: {}", fix.title)
    } else {
        format!("fix available (unsafe): {}", fix.title)
    }
}

pub(super) fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and numbers into memory cannot fail; if it ever did,
    // an empty JSON object is still valid output.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::report::{Format, render};
    use std::sync::Arc;

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
    }
}
