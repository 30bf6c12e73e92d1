//! Completion: reference kinds after `{{`, names after `{{kind:` / `<<ho:`, variables after `$`,
//! handoffs and steps inside Python call literals, keys and enum values in handoffs.yaml.

use super::flow_of_file;
use crate::analysis::Analysis;
use crate::analysis::index::SymbolKind;
use crate::model::{FieldKind, Project};
use crate::source::{FileId, Span};
use crate::syntax::template::RefKind;

/// What a completion item names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A reference kind (`ho:`).
    RefKind,
    Symbol(SymbolKind),
    /// A YAML key.
    Key,
    /// An enum value of a YAML key.
    Value,
}

/// One completion item: the text replacing `replace` and what to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// The raw span replaced by `insert`.
    pub replace: Span,
    pub insert: String,
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Completions at `offset` in `file`.
pub fn completions(p: &Project, a: &Analysis, file: FileId, offset: u32) -> Vec<Completion> {
    let f = p.file(file);
    let text: &str = &f.text;
    let offset = crate::source::LineIndex::clamp(text, offset);
    let line = f.lines.line_of(offset);
    let lr = f.lines.line_range(text, line);
    let line_start = lr.start;
    let prefix = &text[line_start..offset as usize];
    let rest = &text[offset as usize..lr.end.max(offset as usize)];
    if let Some(items) = template(p, a, file, offset, prefix, rest) {
        return items;
    }
    if f.rel.ends_with(".py") {
        return python(p, a, file, offset, prefix);
    }
    if p.handoffs_file == Some(file) {
        return handoffs_yaml(file, offset, prefix, text, line_start);
    }
    Vec::new()
}

/// The text field containing `offset`, and its allowed kinds.
fn field_at(p: &Project, file: FileId, offset: u32) -> Option<FieldKind> {
    p.texts
        .iter()
        .filter(|t| t.file == file && t.span.start <= offset && offset <= t.span.end)
        .min_by_key(|t| t.span.len())
        .map(|t| t.field)
}

fn template(
    p: &Project,
    a: &Analysis,
    file: FileId,
    offset: u32,
    prefix: &str,
    rest: &str,
) -> Option<Vec<Completion>> {
    let py = p.file(file).rel.ends_with(".py");
    let field = field_at(p, file, offset);
    // `{{` / `<<` not yet closed on this line.
    let open_b = prefix.rfind("{{").filter(|&i| !prefix[i..].contains("}}"));
    let open_a = prefix.rfind("<<").filter(|&i| !prefix[i..].contains(">>"));
    let (open, angle) = match (open_b, open_a) {
        (Some(b), Some(a)) if a > b => (a, true),
        (Some(b), _) => (b, false),
        (None, Some(a)) => (a, true),
        (None, None) => return dollar(p, a, offset, prefix, field, py),
    };
    let allowed: Vec<RefKind> = match field {
        Some(f) => f.allowed().to_vec(),
        None if py => return None,
        None => return Some(Vec::new()),
    };
    let inner = &prefix[open + 2..];
    let close = if angle { ">>" } else { "}}" };
    let inner_start = offset - inner.len() as u32;
    // Replace up to and including an existing closer on the line (before any new opener).
    let (replace_end, has_close) = match rest.find(close) {
        Some(i) if !rest[..i].contains("{{") && !rest[..i].contains("<<") => {
            (offset + (i + 2) as u32, true)
        }
        _ => {
            let n: usize = rest
                .chars()
                .take_while(|&c| is_name_char(c))
                .map(char::len_utf8)
                .sum();
            (offset + n as u32, false)
        }
    };
    let _ = has_close;
    match inner.split_once(':') {
        None => {
            if !inner.chars().all(|c| is_name_char(c) || c == ' ') {
                return Some(Vec::new());
            }
            let kinds: Vec<RefKind> = if angle { vec![RefKind::Ho] } else { allowed };
            Some(
                kinds
                    .into_iter()
                    .map(|k| Completion {
                        label: format!("{}:", k.as_str()),
                        kind: CompletionKind::RefKind,
                        detail: Some(k.describe().to_string()),
                        documentation: None,
                        replace: Span::new(inner_start, offset),
                        insert: format!("{}:", k.as_str()),
                    })
                    .collect(),
            )
        }
        Some((kind, partial)) => {
            let Some(kind) = RefKind::parse(kind.trim()) else {
                return Some(Vec::new());
            };
            if (angle && kind != RefKind::Ho) || !allowed.contains(&kind) {
                return Some(Vec::new());
            }
            let start = offset - partial.len() as u32;
            let replace = Span::new(start, replace_end);
            let flow = flow_of_file(p, file);
            Some(
                names(p, a, kind, flow)
                    .into_iter()
                    .map(|(name, detail, doc)| Completion {
                        insert: format!("{name}{close}"),
                        label: name,
                        kind: CompletionKind::Symbol(SymbolKind::from_ref(kind)),
                        detail,
                        documentation: doc,
                        replace,
                    })
                    .collect(),
            )
        }
    }
}

/// The names a kind can refer to, with detail and documentation.
fn names(
    p: &Project,
    a: &Analysis,
    kind: RefKind,
    flow: Option<usize>,
) -> Vec<(String, Option<String>, Option<String>)> {
    let sk = SymbolKind::from_ref(kind);
    let mut out: Vec<(String, Option<String>, Option<String>)> = Vec::new();
    match kind {
        RefKind::Ho => {
            for h in &p.handoffs {
                if h.name.is_none() {
                    continue;
                }
                let method = h.method_name();
                let detail = match &h.phone_number {
                    Some(r) => format!("{method} {}", r.value),
                    None => method.to_string(),
                };
                out.push((
                    h.name().to_string(),
                    Some(detail),
                    h.description.as_ref().map(|d| d.value.clone()),
                ));
            }
        }
        RefKind::Vrbl => return variables(a),
        _ => {
            for d in &a.index.defs {
                if d.kind != sk || (sk == SymbolKind::FlowFunction && d.flow != flow) {
                    continue;
                }
                let doc = p
                    .functions
                    .iter()
                    .find(|f| f.file == d.file)
                    .and_then(|f| f.main_def())
                    .and_then(|m| m.description.clone());
                out.push((d.name.clone(), Some(d.kind.describe().to_string()), doc));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn variables(a: &Analysis) -> Vec<(String, Option<String>, Option<String>)> {
    let mut out: Vec<(String, Option<String>, Option<String>)> = a
        .index
        .defs
        .iter()
        .filter(|d| d.kind == SymbolKind::Variable)
        .map(|d| (d.name.clone(), Some("state variable".into()), None))
        .collect();
    for b in crate::analysis::Options::default().builtin_variables {
        out.push((b, Some("built-in variable".into()), None));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

fn dollar(
    _p: &Project,
    a: &Analysis,
    offset: u32,
    prefix: &str,
    field: Option<FieldKind>,
    py: bool,
) -> Option<Vec<Completion>> {
    let partial_len: usize = prefix
        .chars()
        .rev()
        .take_while(|&c| is_name_char(c))
        .map(char::len_utf8)
        .sum();
    let before = &prefix[..prefix.len() - partial_len];
    let brace = before.ends_with("${");
    if !(before.ends_with('$') || brace) {
        return None;
    }
    // Prose `$` in Python strings is not a reference.
    if py {
        return None;
    }
    let field = field?;
    if !field.allowed().contains(&RefKind::Vrbl) {
        return Some(Vec::new());
    }
    let start = offset - partial_len as u32;
    Some(
        variables(a)
            .into_iter()
            .map(|(name, detail, doc)| Completion {
                insert: if brace {
                    format!("{name}}}")
                } else {
                    name.clone()
                },
                label: name,
                kind: CompletionKind::Symbol(SymbolKind::Variable),
                detail,
                documentation: doc,
                replace: Span::new(start, offset),
            })
            .collect(),
    )
}

/// Inside `conv.call_handoff(destination="…` the handoffs; inside `flow.goto_step("…` the steps of
/// the file's flow.
fn python(p: &Project, a: &Analysis, file: FileId, offset: u32, prefix: &str) -> Vec<Completion> {
    let Some(q) = prefix.rfind(['"', '\'']) else {
        return Vec::new();
    };
    let partial = &prefix[q + 1..];
    if !partial
        .chars()
        .all(|c| is_name_char(c) || c == ' ' || c == '-')
    {
        return Vec::new();
    }
    let before = prefix[..q].trim_end();
    let replace = Span::new(offset - partial.len() as u32, offset);
    let item =
        |name: String, kind: SymbolKind, detail: Option<String>, doc: Option<String>| Completion {
            insert: name.clone(),
            label: name,
            kind: CompletionKind::Symbol(kind),
            detail,
            documentation: doc,
            replace,
        };
    if before.ends_with("destination=") || before.ends_with("destination =") {
        return names(p, a, RefKind::Ho, None)
            .into_iter()
            .map(|(n, d, doc)| item(n, SymbolKind::Handoff, d, doc))
            .collect();
    }
    if before.ends_with("goto_step(") {
        let flow = flow_of_file(p, file);
        let mut steps: Vec<String> = a
            .index
            .defs
            .iter()
            .filter(|d| d.kind == SymbolKind::Step && d.flow == flow)
            .map(|d| d.name.clone())
            .collect();
        steps.sort();
        steps.dedup();
        return steps
            .into_iter()
            .map(|n| item(n, SymbolKind::Step, Some("step".into()), None))
            .collect();
    }
    Vec::new()
}

const HANDOFF_KEYS: &[&str] = &[
    "name",
    "description",
    "is_default",
    "sip_config",
    "sip_headers",
];
const SIP_KEYS: &[&str] = &[
    "method",
    "phone_number",
    "outbound_endpoint",
    "outbound_encryption",
];
const HEADER_KEYS: &[&str] = &["key", "value"];

/// Keys and enum values in `config/handoffs.yaml`.
fn handoffs_yaml(
    file: FileId,
    offset: u32,
    prefix: &str,
    text: &str,
    line_start: usize,
) -> Vec<Completion> {
    let _ = file;
    let trimmed = prefix.trim_start();
    if let Some((key, value)) = trimmed.split_once(':') {
        let value = value.trim_start();
        let values: &[&str] = match key.trim() {
            "method" => &["invite", "refer", "bye"],
            "outbound_encryption" => &["TLS/SRTP", "UDP/RTP"],
            "is_default" => &["true", "false"],
            _ => &[],
        };
        let start = offset - value.len() as u32;
        return values
            .iter()
            .map(|v| Completion {
                label: v.to_string(),
                kind: CompletionKind::Value,
                detail: Some(key.trim().to_string()),
                documentation: None,
                replace: Span::new(start, offset),
                insert: v.to_string(),
            })
            .collect();
    }
    let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    if !item.chars().all(is_name_char) {
        return Vec::new();
    }
    let indent = prefix.len() - item.len();
    // The parent: the nearest earlier line indented less than this one.
    let parent = text[..line_start]
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .find(|l| {
            let lead = l.len() - l.trim_start().len();
            lead < indent
                || (lead == indent && trimmed.starts_with("- ") && l.trim_start().starts_with("- "))
        })
        .map(|l| l.trim_start().trim_start_matches("- ").trim_end())
        .unwrap_or("");
    let keys = if parent.starts_with("sip_config:") {
        SIP_KEYS
    } else if parent.starts_with("sip_headers:")
        || parent.starts_with("key:")
        || parent.starts_with("value:")
    {
        HEADER_KEYS
    } else if parent.starts_with("handoffs:")
        || parent.starts_with("name:")
        || HANDOFF_KEYS
            .iter()
            .any(|k| parent.starts_with(&format!("{k}:")))
    {
        HANDOFF_KEYS
    } else {
        &[]
    };
    let start = offset - item.len() as u32;
    keys.iter()
        .map(|k| Completion {
            label: k.to_string(),
            kind: CompletionKind::Key,
            detail: None,
            documentation: None,
            replace: Span::new(start, offset),
            insert: format!("{k}: "),
        })
        .collect()
}
