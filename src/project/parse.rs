//! Parsing one file: its text checked (merge markers, NUL bytes) and parsed by its kind (YAML,
//! Python, the TOML config or plain text), every failure a diagnostic.

use super::kind::FileKind;
use super::read::read_text;
use super::walk::Discovered;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::python::{self, PyFacts};
use crate::syntax::yaml::{self, Node, YamlErrorKind};
use std::sync::Arc;

/// The parsed content of one file.
#[derive(Clone)]
pub enum Content {
    None,
    Config(Box<crate::config::Config>),
    Text,
    Yaml(Option<Node>),
    Python(Box<PyFacts>),
    /// `agent_settings/experimental_config.json`; `None` when it does not parse.
    Json(Option<Box<crate::syntax::json::Json>>),
}

/// One file read and parsed, before it joins the model.
#[derive(Clone)]
pub struct Parsed {
    pub source: SourceFile,
    pub kind: FileKind,
    pub content: Content,
    pub diagnostics: Vec<Diagnostic>,
    /// Comment spans (YAML and Python), for suppression comments.
    pub comments: Vec<Span>,
}

/// Read and parse one file. Never panics; every failure becomes a diagnostic.
pub fn parse_file(id: FileId, d: &Discovered, text: Option<Result<String, String>>) -> Parsed {
    let empty = |id| SourceFile::new(id, d.path.clone(), d.rel.clone(), Arc::from(""));
    let mut diags = Vec::new();
    if d.is_dir {
        let source = empty(id);
        diags.push(Diagnostic::new(
            Code::SB003,
            id,
            Span::default(),
            format!("`{}` is a directory, expected a file", d.rel),
        ));
        return Parsed {
            source,
            kind: d.kind.clone(),
            content: Content::None,
            diagnostics: diags,
            comments: Vec::new(),
        };
    }
    let text = match text {
        Some(t) => t,
        None => read_text(&d.path),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let source = empty(id);
            let code = if e.starts_with("SB002") {
                Code::SB002
            } else if e.starts_with("SB009") {
                Code::SB009
            } else {
                Code::SB003
            };
            let msg = e.get(6..).unwrap_or(&e).to_string();
            diags.push(Diagnostic::new(code, id, Span::default(), msg));
            return Parsed {
                source,
                kind: d.kind.clone(),
                content: Content::None,
                diagnostics: diags,
                comments: Vec::new(),
            };
        }
    };
    parse_text(id, d, text)
}

/// Parse a file whose text is known (the language server passes open buffers here).
pub fn parse_text(id: FileId, d: &Discovered, text: String) -> Parsed {
    let mut diags = Vec::new();
    let source = SourceFile::new(id, d.path.clone(), d.rel.clone(), Arc::from(text));
    let markers = merge_markers(&source);
    let has_markers = !markers.is_empty();
    if let Some(first) = markers.first() {
        let mut diag = Diagnostic::new(
            Code::SB006,
            id,
            *first,
            "merge conflict marker left in the file",
        );
        for m in &markers[1..] {
            diag = diag.label(id, *m, "another marker");
        }
        diags.push(
            diag.help(
                "resolve the conflict and remove the `<<<<<<<`, `=======` and `>>>>>>>` lines",
            ),
        );
    }
    if let Some(at) = memchr::memchr(0, source.text.as_bytes()) {
        let at = at as u32;
        diags.push(Diagnostic::new(
            Code::SB002,
            id,
            Span::new(at, at + 1),
            "file contains a NUL byte: it is binary, not text; skipped",
        ));
        return Parsed {
            source,
            kind: d.kind.clone(),
            content: Content::None,
            diagnostics: diags,
            comments: Vec::new(),
        };
    }
    let mut comments = Vec::new();
    let content = match d.kind {
        FileKind::Config => {
            let (cfg, cd) = crate::config::parse(id, &source.text);
            diags.extend(cd);
            Content::Config(Box::new(cfg))
        }
        FileKind::Rules | FileKind::PersonaText | FileKind::ContextDocument => Content::Text,
        // The ADK deletes these when it loads the project: one warning, nothing read inside.
        FileKind::PersonaYaml => {
            let end = memchr::memchr(b'\n', source.text.as_bytes()).unwrap_or(source.text.len());
            let end = source.text[..end].trim_end_matches('\r').len() as u32;
            diags.push(
                Diagnostic::new(
                    Code::SB011,
                    id,
                    Span::new(0, end),
                    format!(
                        "`{}` is a legacy file: the ADK deletes it when it loads the project",
                        d.rel
                    ),
                )
                .help("the persona lives in `agent_settings/persona.txt`: move what this file says there, then delete it"),
            );
            Content::None
        }
        FileKind::ExperimentalConfig => Content::Json(parse_json(id, &source.text, &mut diags)),
        FileKind::TransitionFunction(_) | FileKind::FunctionStep(_) | FileKind::GlobalFunction => {
            let mut facts = python::extract(&source.text);
            if let Some((msg, span)) = facts.syntax_errors.first() {
                let mut diag = Diagnostic::new(
                    Code::SB007,
                    id,
                    *span,
                    format!("Python syntax error: {msg}"),
                );
                if facts.syntax_errors.len() > 1 {
                    diag = diag.note(format!(
                        "{} more syntax errors in this file",
                        facts.syntax_errors.len() - 1
                    ));
                }
                diags.push(diag);
            }
            if let Some(d) = leading_bom(id, &source.text, "Python's parser") {
                diags.push(d);
            }
            // The model keeps the comments here, not in the facts.
            comments = std::mem::take(&mut facts.comments);
            Content::Python(Box::new(facts))
        }
        _ => {
            let doc = yaml::parse(&source.text);
            for e in doc.errors {
                let d = match e.kind {
                    YamlErrorKind::Syntax if has_markers => continue,
                    YamlErrorKind::Syntax => Diagnostic::new(Code::SB001, id, e.span, e.message),
                    YamlErrorKind::DuplicateKey { first } => {
                        let key = source.slice(e.span).to_string();
                        Diagnostic::new(
                            Code::SB005,
                            id,
                            e.span,
                            format!("duplicate key `{key}`: only the first is used"),
                        )
                        .label(id, first, "first defined here")
                    }
                    YamlErrorKind::TooDeep
                    | YamlErrorKind::AliasExpansion
                    | YamlErrorKind::TooLarge => {
                        Diagnostic::new(Code::SB009, id, e.span, e.message)
                    }
                };
                diags.push(d);
            }
            comments = crate::suppress::yaml_comments(&source.text, doc.root.as_ref());
            Content::Yaml(doc.root)
        }
    };
    Parsed {
        source,
        kind: d.kind.clone(),
        content,
        diagnostics: diags,
        comments,
    }
}

/// SB012: a UTF-8 byte order mark at the start of a file the ADK parses without skipping one
/// (it reads files as `utf-8`, not `utf-8-sig`), with the fix that deletes it.
fn leading_bom(id: FileId, text: &str, parser: &str) -> Option<Diagnostic> {
    const BOM: char = '\u{feff}';
    if !text.starts_with(BOM) {
        return None;
    }
    let span = Span::new(0, BOM.len_utf8() as u32);
    Some(
        Diagnostic::new(
            Code::SB012,
            id,
            span,
            format!("the file starts with a UTF-8 byte order mark, which {parser} rejects"),
        )
        .help("save the file as UTF-8 without a BOM")
        .replace_fix("remove the byte order mark", span, "", true),
    )
}

/// The experimental config as Python's `json.loads` reads it: SB012 for a leading byte order mark
/// (the rest is still read, to check it), SB014 where reading stops.
fn parse_json(
    id: FileId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Box<crate::syntax::json::Json>> {
    use crate::syntax::json;
    let skip = match leading_bom(id, text, "Python's JSON reader") {
        Some(d) => {
            diags.push(d);
            '\u{feff}'.len_utf8()
        }
        None => 0,
    };
    match json::parse(&text[skip..]) {
        Ok(mut v) => {
            if skip > 0 {
                shift_json(&mut v, skip as u32);
            }
            Some(Box::new(v))
        }
        Err(e) => {
            let at = Span::new(e.span.start + skip as u32, e.span.end + skip as u32);
            diags.push(Diagnostic::new(
                Code::SB014,
                id,
                at,
                format!("invalid JSON: {}", e.message),
            ));
            None
        }
    }
}

/// Move every span of `v` by `by` bytes.
fn shift_json(v: &mut crate::syntax::json::Json, by: u32) {
    use crate::syntax::json::JsonKind;
    v.span = Span::new(v.span.start + by, v.span.end + by);
    match &mut v.kind {
        JsonKind::Array(items) => items.iter_mut().for_each(|i| shift_json(i, by)),
        JsonKind::Object(m) => {
            for e in m {
                e.key_span = Span::new(e.key_span.start + by, e.key_span.end + by);
                shift_json(&mut e.value, by);
            }
        }
        _ => {}
    }
}

fn merge_markers(src: &SourceFile) -> Vec<Span> {
    let mut out = Vec::new();
    let b = src.text.as_bytes();
    for line in 0..src.lines.line_count() {
        // Every marker starts with one of these: most lines are passed over at their first byte.
        let start = src.lines.line_start(line) as usize;
        if !matches!(b.get(start), Some(b'<' | b'=' | b'>')) {
            continue;
        }
        let r = src.lines.line_range(&src.text, line);
        let l = &src.text[r.clone()];
        let is_marker = l.starts_with("<<<<<<< ")
            || l == "<<<<<<<"
            || l == "======="
            || l.starts_with(">>>>>>> ")
            || l == ">>>>>>>";
        if is_marker {
            out.push(Span::new(r.start as u32, r.end as u32));
        }
    }
    out
}
