//! Conversions between switchboard's byte spans and LSP positions, diagnostics and edits.

use crate::diagnostics::pages::rule_help_uri;
use crate::diagnostics::{Diagnostic, Severity};
use crate::model::Project;
use crate::source::{ColumnUnit, SourceFile, Span};
use ropey::Rope;
use std::str::FromStr;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::{Position, Range, Uri};

pub type LspDiagnostic = lsp::Diagnostic;

/// A position in `file`, in the negotiated unit.
pub fn position(file: &SourceFile, offset: u32, unit: ColumnUnit) -> Position {
    let (line, character) = file.lines.line_col_in(&file.text, offset, unit);
    Position { line, character }
}

pub fn range(file: &SourceFile, span: Span, unit: ColumnUnit) -> Range {
    Range {
        start: position(file, span.start, unit),
        end: position(file, span.end.max(span.start), unit),
    }
}

/// The byte offset of an LSP position; `None` when the line does not exist. A character past
/// the end of its line means the end of the line (as the protocol says).
pub fn offset(file: &SourceFile, pos: Position, unit: ColumnUnit) -> Option<u32> {
    let lines = file.lines.line_count();
    if pos.line > lines || (pos.line == lines && pos.character > 0) {
        return None;
    }
    if pos.line == lines {
        return Some(file.text.len() as u32);
    }
    Some(
        file.lines
            .offset_of(&file.text, pos.line, pos.character, unit),
    )
}

/// The char index of an LSP position in a rope; `None` when out of range.
pub fn rope_char(rope: &Rope, pos: Position, unit: ColumnUnit) -> Option<usize> {
    let lines = rope.len_lines();
    let line = pos.line as usize;
    if line >= lines {
        return if line == lines && pos.character == 0 {
            Some(rope.len_chars())
        } else {
            None
        };
    }
    let start = rope.line_to_char(line);
    let mut counted = 0u32;
    let mut idx = start;
    for ch in rope.line(line).chars() {
        if ch == '\n' || ch == '\r' || counted >= pos.character {
            break;
        }
        let w = match unit {
            ColumnUnit::Utf8 => ch.len_utf8() as u32,
            ColumnUnit::Utf16 => ch.len_utf16() as u32,
            ColumnUnit::Char => 1,
        };
        if counted + w > pos.character {
            break;
        }
        counted += w;
        idx += 1;
    }
    Some(idx)
}

pub fn uri_of(path: &std::path::Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// One diagnostic for the client: help and notes joined to the message, labels as related
/// information, the code linking to its documentation.
pub fn diagnostic(p: &Project, d: &Diagnostic, unit: ColumnUnit) -> LspDiagnostic {
    let file = p.file(d.file);
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str(&format!("\nhelp: {h}"));
    }
    for n in &d.notes {
        message.push_str(&format!("\nnote: {n}"));
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter_map(|l| {
            let f = p.files.get(l.file.0 as usize)?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location {
                    uri: uri_of(&f.path)?,
                    range: range(f, l.span, unit),
                },
                message: l.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: range(file, d.span, unit),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
        code_description: Uri::from_str(&rule_help_uri(d.code))
            .ok()
            .map(|href| lsp::CodeDescription { href }),
        source: Some("switchboard".into()),
        message,
        related_information: if related.is_empty() {
            None
        } else {
            Some(related)
        },
        tags: None,
        data: None,
    }
}

/// Edits grouped per file, as a workspace edit (`changes`).
pub fn text_edits(
    p: &Project,
    edits: &[crate::diagnostics::Edit],
    unit: ColumnUnit,
) -> std::collections::HashMap<Uri, Vec<lsp::TextEdit>> {
    let mut out: std::collections::HashMap<Uri, Vec<lsp::TextEdit>> = Default::default();
    for e in edits {
        let Some(f) = p.files.get(e.file.0 as usize) else {
            continue;
        };
        let Some(uri) = uri_of(&f.path) else { continue };
        out.entry(uri).or_default().push(lsp::TextEdit {
            range: range(f, e.span, unit),
            new_text: e.replacement.clone(),
        });
    }
    out
}
