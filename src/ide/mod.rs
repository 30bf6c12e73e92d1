//! IDE features as plain Rust over a loaded project and its analysis: definition, references,
//! hover, completion, rename, code actions, symbols, semantic tokens and inlay hints.
//!
//! Everything here speaks byte offsets into a file's raw text; the language server converts
//! LSP positions at its edge. Nothing here knows the protocol, so every feature is tested
//! without a client.

mod complete;
mod rename;

pub use complete::{Completion, CompletionKind, completions};
pub use rename::{RenamePlan, prepare_rename, rename};

use crate::analysis::Analysis;
use crate::analysis::index::{Def, Site, SymbolKind, Use};
use crate::diagnostics::{Code, Edit};
use crate::model::Project;
use crate::source::{FileId, Span};

/// A place in the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

impl Loc {
    pub fn new(file: FileId, span: Span) -> Loc {
        Loc { file, span }
    }
}

/// What sits under the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A definition (index into `Index::defs`).
    Def(usize),
    /// A use (index into `Index::uses`), resolved or not.
    Use(usize),
}

/// The definition or use at `offset` in `file`. Uses win over definitions (a variable's first
/// write is both, and its use carries the exact name span).
pub fn target_at(a: &Analysis, file: FileId, offset: u32) -> Option<Target> {
    if let Some(u) = a.index.use_at(file, offset) {
        return Some(Target::Use(u));
    }
    a.index.def_at(file, offset).map(Target::Def)
}

/// The definition a target resolves to.
pub fn def_of(a: &Analysis, t: Target) -> Option<usize> {
    match t {
        Target::Def(d) => Some(d),
        Target::Use(u) => a.index.uses[u].def,
    }
}

/// Where the definition of a def is shown: its name, or for a function without a matching
/// `def`, the start of its file.
fn def_loc(d: &Def) -> Loc {
    Loc::new(d.file, d.span)
}

/// Go to definition: the definition of the name under the cursor (every write, for a variable).
pub fn definition(_p: &Project, a: &Analysis, file: FileId, offset: u32) -> Vec<Loc> {
    let Some(t) = target_at(a, file, offset) else {
        return Vec::new();
    };
    let Some(d) = def_of(a, t) else {
        return Vec::new();
    };
    let def = &a.index.defs[d];
    if def.kind == SymbolKind::Variable && !def.writes.is_empty() {
        return def.writes.iter().map(|&(f, s)| Loc::new(f, s)).collect();
    }
    vec![def_loc(def)]
}

/// Every use of the same symbol as `u`: resolved uses of its definition, or for an unresolved
/// use, every use spelled the same way.
fn same_symbol(a: &Analysis, t: Target) -> (Option<usize>, Vec<&Use>) {
    match def_of(a, t) {
        Some(d) => (Some(d), a.index.uses_of(d).collect()),
        None => {
            let Target::Use(u) = t else {
                return (None, Vec::new());
            };
            let u = &a.index.uses[u];
            let same = a
                .index
                .uses
                .iter()
                .filter(|o| {
                    o.def.is_none() && o.kind == u.kind && o.name == u.name && o.flow == u.flow
                })
                .collect();
            (None, same)
        }
    }
}

/// Find references: every use of the symbol under the cursor (with its definition when asked).
pub fn references(
    _p: &Project,
    a: &Analysis,
    file: FileId,
    offset: u32,
    include_declaration: bool,
) -> Vec<Loc> {
    let Some(t) = target_at(a, file, offset) else {
        return Vec::new();
    };
    let (def, uses) = same_symbol(a, t);
    let mut out: Vec<Loc> = Vec::new();
    if include_declaration && let Some(d) = def {
        let d = &a.index.defs[d];
        if d.kind != SymbolKind::Variable {
            out.push(def_loc(d));
        }
    }
    for u in uses {
        if !include_declaration && matches!(u.site, Site::State { write: true }) {
            continue;
        }
        out.push(Loc::new(u.file, u.name_span));
    }
    out.sort();
    out.dedup();
    out
}

/// Document highlight: the references of the symbol under the cursor within `file`, and whether
/// each is a write (definition, variable assignment).
pub fn highlights(p: &Project, a: &Analysis, file: FileId, offset: u32) -> Vec<(Span, bool)> {
    let Some(t) = target_at(a, file, offset) else {
        return Vec::new();
    };
    let (def, _) = same_symbol(a, t);
    let writes: Vec<Loc> = match def {
        Some(d) => {
            let d = &a.index.defs[d];
            let mut w: Vec<Loc> = d.writes.iter().map(|&(f, s)| Loc::new(f, s)).collect();
            w.push(def_loc(d));
            w
        }
        None => Vec::new(),
    };
    let mut out: Vec<(Span, bool)> = references(p, a, file, offset, true)
        .into_iter()
        .filter(|l| l.file == file)
        .map(|l| {
            let write = writes.iter().any(|w| {
                w.file == l.file && w.span.start <= l.span.start && l.span.end <= w.span.end
            });
            (l.span, write)
        })
        .collect();
    out.sort_by_key(|(s, _)| (s.start, s.end));
    out.dedup();
    out
}

/// Hover text (Markdown) and the span it describes.
pub fn hover(p: &Project, a: &Analysis, file: FileId, offset: u32) -> Option<(Span, String)> {
    let t = target_at(a, file, offset)?;
    let span = match t {
        Target::Def(d) => a.index.defs[d].span,
        Target::Use(u) => a.index.uses[u].span,
    };
    let Some(d) = def_of(a, t) else {
        let Target::Use(u) = t else { return None };
        let u = &a.index.uses[u];
        if u.kind == SymbolKind::Variable && builtin(u) {
            return Some((
                span,
                format!(
                    "**built-in variable** `{}`\n\nSet by the platform for every call.",
                    u.name
                ),
            ));
        }
        return Some((span, format!("unknown {} `{}`", u.kind.describe(), u.name)));
    };
    let def = &a.index.defs[d];
    let uses = a.index.uses_of(d).count();
    let mut s = format!("**{}** `{}`\n\n", def.kind.describe(), def.name);
    match def.kind {
        SymbolKind::Handoff => {
            if let Some(h) = p.handoffs.iter().find(|h| h.name() == def.name) {
                let get =
                    |v: &Option<crate::model::Spanned<String>>| v.as_ref().map(|x| x.value.clone());
                s.push_str(&format!("- method: `{}`\n", h.method_name()));
                if let Some(r) = get(&h.phone_number) {
                    s.push_str(&format!("- route: `{r}`\n"));
                }
                if let Some(e) = get(&h.outbound_endpoint) {
                    s.push_str(&format!("- endpoint: `{e}`\n"));
                }
                if let Some(e) = get(&h.outbound_encryption) {
                    s.push_str(&format!("- encryption: `{e}`\n"));
                }
                for hd in &h.headers {
                    let v = hd.value.as_ref().map(|v| v.value.as_str()).unwrap_or("");
                    s.push_str(&format!("- header `{}`: `{}`\n", hd.key.value, v));
                }
                s.push_str(&format!(
                    "- default: {}\n",
                    if h.is_default() { "yes" } else { "no" }
                ));
                if let Some(desc) = get(&h.description) {
                    s.push_str(&format!("\n{desc}\n"));
                }
            }
        }
        SymbolKind::Function | SymbolKind::FlowFunction | SymbolKind::Step
            if p.file(def.file).rel.ends_with(".py") =>
        {
            if let Some(f) = p.functions.iter().find(|f| f.file == def.file)
                && let Some(m) = f.main_def()
            {
                s.push_str(&format!("```python\n{}\n```\n", m.signature));
                if let Some(desc) = &m.description {
                    s.push_str(&format!("\n{desc}\n"));
                }
            }
        }
        SymbolKind::Attribute => {
            if let Some(at) = p.attributes.iter().find(|x| x.name.value == def.name) {
                for v in &at.values {
                    s.push_str(&format!("- `{}`: {}\n", v.variant.value, v.value.value));
                }
            }
        }
        SymbolKind::Variable => {
            s.push_str("written in:\n");
            for &(f, sp) in &def.writes {
                let (l, c) = p.file(f).line_col(sp.start);
                s.push_str(&format!("- `{}:{}:{}`\n", p.file(f).rel, l + 1, c + 1));
            }
        }
        _ => {
            let (l, _) = p.file(def.file).line_col(def.span.start);
            s.push_str(&format!(
                "defined in `{}:{}`\n",
                p.file(def.file).rel,
                l + 1
            ));
        }
    }
    s.push_str(&format!(
        "\n{} use{}",
        uses,
        if uses == 1 { "" } else { "s" }
    ));
    Some((span, s))
}

fn builtin(u: &Use) -> bool {
    crate::analysis::Options::default()
        .builtin_variables
        .contains(&u.name)
}

/// A symbol of a document or of the workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolInfo {
    pub name: String,
    pub kind: SymbolKind,
    pub file: FileId,
    /// The whole construct.
    pub span: Span,
    /// The name.
    pub selection: Span,
    pub detail: Option<String>,
}

/// The handoffs, topics, flows, steps and functions defined in `file`.
pub fn document_symbols(p: &Project, a: &Analysis, file: FileId) -> Vec<SymbolInfo> {
    let mut out = Vec::new();
    let whole = Span::new(0, p.file(file).text.len() as u32);
    for h in &p.handoffs {
        if h.file == file
            && let Some(n) = &h.name
        {
            out.push(SymbolInfo {
                name: n.value.clone(),
                kind: SymbolKind::Handoff,
                file,
                span: h.span.cover(n.span),
                selection: n.span,
                detail: Some(h.method_name().to_string()),
            });
        }
    }
    for t in &p.topics {
        if t.file == file
            && let Some(n) = &t.name
        {
            out.push(SymbolInfo {
                name: n.value.clone(),
                kind: SymbolKind::Flow,
                file,
                span: whole,
                selection: n.span,
                detail: Some(t.what().into()),
            });
        }
    }
    for d in &a.index.defs {
        if d.file != file || d.kind == SymbolKind::Handoff || d.kind == SymbolKind::Variable {
            continue;
        }
        out.push(SymbolInfo {
            name: d.name.clone(),
            kind: d.kind,
            file,
            span: d.span,
            selection: d.span,
            detail: Some(d.kind.describe().into()),
        });
    }
    out.sort_by_key(|s| (s.span.start, s.span.end));
    out
}

/// Workspace symbols: every definition whose name contains `query` (case-insensitive), plus
/// topics.
pub fn workspace_symbols(p: &Project, a: &Analysis, query: &str) -> Vec<SymbolInfo> {
    let q = query.to_lowercase();
    let mut out = Vec::new();
    for d in &a.index.defs {
        if d.name.to_lowercase().contains(&q) {
            out.push(SymbolInfo {
                name: d.name.clone(),
                kind: d.kind,
                file: d.file,
                span: d.span,
                selection: d.span,
                detail: Some(d.kind.describe().into()),
            });
        }
    }
    for t in &p.topics {
        if let Some(n) = &t.name
            && n.value.to_lowercase().contains(&q)
        {
            out.push(SymbolInfo {
                name: n.value.clone(),
                kind: SymbolKind::Flow,
                file: t.file,
                span: n.span,
                selection: n.span,
                detail: Some(t.what().into()),
            });
        }
    }
    out
}

/// A highlighted reference: its span, what it names and whether it resolves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: SymbolKind,
    pub resolved: bool,
}

/// Semantic tokens: every reference written in a YAML or text file (template references,
/// `child_step`, `start_step`, step entities), sorted, never overlapping.
pub fn semantic_tokens(p: &Project, a: &Analysis, file: FileId) -> Vec<Token> {
    let mut out: Vec<Token> = a
        .index
        .uses
        .iter()
        .filter(|u| u.file == file && !p.file(file).rel.ends_with(".py"))
        .filter(|u| !matches!(u.site, Site::State { .. } | Site::Call | Site::Destination))
        .map(|u| Token {
            span: u.span,
            kind: u.kind,
            resolved: u.def.is_some() || (u.kind == SymbolKind::Variable && builtin(u)),
        })
        .collect();
    out.sort_by_key(|t| (t.span.start, t.span.end));
    let mut last_end = 0;
    out.retain(|t| {
        let keep = t.span.start >= last_end && !t.span.is_empty();
        if keep {
            last_end = t.span.end;
        }
        keep
    });
    out
}

/// Inlay hints: a handoff's route (or method, for `bye`) right after each `{{ho:x}}` that
/// resolves. `range` limits the result to references starting inside it.
pub fn inlay_hints(p: &Project, a: &Analysis, file: FileId, range: Span) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for u in &a.index.uses {
        if u.file != file
            || u.kind != SymbolKind::Handoff
            || !matches!(u.site, Site::Text(_))
            || u.span.start < range.start
            || u.span.start > range.end
        {
            continue;
        }
        let Some(d) = u.def else { continue };
        let name = &a.index.defs[d].name;
        let Some(h) = p.handoffs.iter().find(|h| h.name() == name) else {
            continue;
        };
        let method = h.method_name();
        let label = match &h.phone_number {
            Some(r) if method != "bye" => format!("→ {} ({method})", r.value),
            _ => format!("→ {method}"),
        };
        out.push((u.span.end, label));
    }
    out
}

/// What a code action does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    SourceFixAll,
}

/// A code action: a title and the edits it applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// Index into `Analysis::diagnostics` of the diagnostic it fixes.
    pub diagnostic: Option<usize>,
    pub edits: Vec<Edit>,
    pub preferred: bool,
}

/// Code actions for the diagnostics of `file` that overlap `range`: every registered fix,
/// "create handoff" for unknown handoffs, and a fix-all of the file's safe fixes.
pub fn code_actions(p: &Project, a: &Analysis, file: FileId, range: Span) -> Vec<Action> {
    let mut out = Vec::new();
    for (i, d) in a.diagnostics.iter().enumerate() {
        if d.file != file || d.span.end < range.start || d.span.start > range.end {
            continue;
        }
        for (k, f) in d.fixes.iter().enumerate() {
            out.push(Action {
                title: f.title.clone(),
                kind: ActionKind::QuickFix,
                diagnostic: Some(i),
                edits: f.edits.clone(),
                preferred: k == 0 && f.safe,
            });
        }
        if d.code == Code::SB201
            && let Some(u) = a.index.use_at(file, d.span.start)
            && a.index.uses[u].kind == SymbolKind::Handoff
            && let Some(edit) = create_handoff(p, &a.index.uses[u].name)
        {
            out.push(Action {
                title: format!(
                    "Create handoff `{}` in config/handoffs.yaml",
                    a.index.uses[u].name
                ),
                kind: ActionKind::QuickFix,
                diagnostic: Some(i),
                edits: vec![edit],
                preferred: false,
            });
        }
    }
    let all = fix_all(a, file);
    if !all.is_empty() {
        out.push(Action {
            title: "Fix all safe problems in this file".into(),
            kind: ActionKind::SourceFixAll,
            diagnostic: None,
            edits: all,
            preferred: false,
        });
    }
    out
}

/// The safe fixes of every diagnostic in `file`, without overlapping edits.
pub fn fix_all(a: &Analysis, file: FileId) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for d in &a.diagnostics {
        if d.file != file {
            continue;
        }
        let Some(f) = d.fixes.iter().find(|f| f.safe) else {
            continue;
        };
        let overlaps = f.edits.iter().any(|e| {
            edits.iter().any(|o| {
                o.file == e.file
                    && o.span.start < e.span.end.max(e.span.start + 1)
                    && e.span.start < o.span.end.max(o.span.start + 1)
            })
        });
        if !overlaps {
            edits.extend(f.edits.iter().cloned());
        }
    }
    edits.sort_by_key(|e| (e.file, e.span.start));
    edits
}

/// An edit appending a new handoff named `name` to `config/handoffs.yaml`, indented like the
/// existing entries. Its route is left empty for the author to fill in.
pub fn create_handoff(p: &Project, name: &str) -> Option<Edit> {
    let file = p
        .handoffs_file
        .or_else(|| p.handoffs.first().map(|h| h.file))?;
    let text = &p.file(file).text;
    let indent = p
        .handoffs
        .iter()
        .rfind(|h| h.file == file)
        .map(|h| {
            let f = p.file(file);
            let line = f.lines.line_range(text, f.lines.line_of(h.span.start));
            let l = &text[line];
            l.len() - l.trim_start().len()
        })
        .unwrap_or(2);
    let pad = " ".repeat(indent);
    let quoted = if name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ' || c == '-')
    {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    };
    let mut s = String::new();
    if !text.is_empty() && !text.ends_with('\n') {
        s.push('\n');
    }
    if p.handoffs.is_empty() && !text.contains("handoffs:") {
        s.push_str("handoffs:\n");
    }
    s.push_str(&format!(
        "{pad}- name: {quoted}\n{pad}  description: TODO when to transfer to {name}\n{pad}  is_default: false\n{pad}  sip_config:\n{pad}    method: refer\n{pad}    phone_number: ''\n"
    ));
    let end = text.len() as u32;
    Some(Edit {
        file,
        span: Span::new(end, end),
        replacement: s,
    })
}

/// The flow a file belongs to (`flows/<dir>/...`).
pub fn flow_of_file(p: &Project, file: FileId) -> Option<usize> {
    let rel = &p.file(file).rel;
    let dir = rel.strip_prefix("flows/")?.split('/').next()?;
    p.flows.iter().position(|f| f.dir == dir)
}

/// The file whose path relative to the root is `rel`.
pub fn file_by_rel(p: &Project, rel: &str) -> Option<FileId> {
    p.files.iter().find(|f| f.rel == rel).map(|f| f.id)
}

/// Apply edits to a text (edits must not overlap; order does not matter).
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut s = text.to_string();
    for e in sorted {
        let r = e.span.range();
        if r.end <= s.len()
            && s.is_char_boundary(r.start)
            && s.is_char_boundary(r.end)
            && r.start <= r.end
        {
            s.replace_range(r, &e.replacement);
        }
    }
    s
}

#[cfg(test)]
mod tests;
