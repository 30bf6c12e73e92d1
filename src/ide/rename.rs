//! Rename across YAML, text and Python. A rename is refused when any use cannot be rewritten in
//! place, when the new name is invalid or taken, and when the renamed project would have more
//! errors than before (checked by analysing the edited texts).

use super::{Target, def_of, target_at};
use crate::analysis::index::{SymbolKind, literal_inner};
use crate::analysis::{self, Analysis, Options};
use crate::diagnostics::{Edit, Severity};
use crate::model::{Project, clean_name};
use crate::source::{FileId, Span};

/// The edits of a rename and the files it renames (file, new path relative to the root).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenamePlan {
    pub edits: Vec<Edit>,
    pub file_renames: Vec<(FileId, String)>,
}

fn renamable_kind(k: SymbolKind) -> bool {
    !matches!(k, SymbolKind::Flow)
}

/// Check that the symbol at `offset` can be renamed; the span of the name under the cursor and
/// the current name.
pub fn prepare_rename(
    p: &Project,
    a: &Analysis,
    file: FileId,
    offset: u32,
) -> Result<(Span, String), String> {
    let t = target_at(a, file, offset).ok_or("nothing to rename here")?;
    let span = match t {
        Target::Use(u) => {
            let u = &a.index.uses[u];
            if !u.renamable {
                return Err(format!(
                    "`{}` is not a plain literal here and cannot be renamed",
                    u.name
                ));
            }
            u.name_span
        }
        Target::Def(d) => def_name_span(p, &a.index.defs[d])
            .ok_or("the definition's name cannot be rewritten in place")?,
    };
    let d = def_of(a, t).ok_or_else(|| {
        let name = match t {
            Target::Use(u) => a.index.uses[u].name.clone(),
            Target::Def(d) => a.index.defs[d].name.clone(),
        };
        format!("`{name}` is not defined in this project; define it before renaming")
    })?;
    let def = &a.index.defs[d];
    if !renamable_kind(def.kind) {
        return Err(format!("a {} cannot be renamed", def.kind.describe()));
    }
    Ok((span, def.name.clone()))
}

/// The span of a definition's name characters, when its raw text is exactly the name.
fn def_name_span(p: &Project, d: &crate::analysis::index::Def) -> Option<Span> {
    let text: &str = &p.file(d.file).text;
    let raw = text.get(d.span.range())?;
    if raw == d.name && !d.span.is_empty() {
        return Some(d.span);
    }
    literal_inner(text, d.span, &d.name)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

const PY_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Whether `new` is a valid name for a `kind` (defined in a Python file when `py`).
pub fn validate_name(kind: SymbolKind, new: &str, py: bool) -> Result<(), String> {
    let ident = py
        || matches!(
            kind,
            SymbolKind::Function
                | SymbolKind::FlowFunction
                | SymbolKind::Variable
                | SymbolKind::Attribute
                | SymbolKind::SmsTemplate
                | SymbolKind::Entity
                | SymbolKind::Translation
        );
    if ident {
        if !is_identifier(new) || PY_KEYWORDS.contains(&new) {
            return Err(format!(
                "`{new}` is not a valid {} name: use letters, digits and `_`, not starting with a digit",
                kind.describe()
            ));
        }
        return Ok(());
    }
    let ok = !new.is_empty()
        && new.trim() == new
        && new
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.'))
        && new.chars().next().is_some_and(char::is_alphanumeric);
    if !ok {
        return Err(format!(
            "`{new}` is not a valid {} name: use letters, digits, spaces, `_`, `-` and `.`, starting with a letter or digit",
            kind.describe()
        ));
    }
    Ok(())
}

/// Rename the symbol at `offset` to `new`.
pub fn rename(
    p: &Project,
    a: &Analysis,
    file: FileId,
    offset: u32,
    new: &str,
) -> Result<RenamePlan, String> {
    prepare_rename(p, a, file, offset)?;
    let t = target_at(a, file, offset).ok_or("nothing to rename here")?;
    let d = def_of(a, t).ok_or("not defined")?;
    let def = &a.index.defs[d];
    let py_def = p.file(def.file).rel.ends_with(".py")
        && matches!(
            def.kind,
            SymbolKind::Function | SymbolKind::FlowFunction | SymbolKind::Step
        );
    validate_name(def.kind, new, py_def)?;
    if new == def.name {
        return Ok(RenamePlan::default());
    }
    if a.index.lookup(def.kind, def.flow, new).is_some() {
        return Err(format!(
            "a {} named `{new}` already exists",
            def.kind.describe()
        ));
    }
    let mut plan = RenamePlan::default();
    if def.kind != SymbolKind::Variable {
        match def_name_span(p, def) {
            Some(span) => plan.edits.push(Edit {
                file: def.file,
                span,
                replacement: new.to_string(),
            }),
            None if py_def => {}
            None => {
                return Err(format!(
                    "the definition of `{}` cannot be rewritten in place",
                    def.name
                ));
            }
        }
    }
    for u in a.index.uses_of(d) {
        if !u.renamable {
            let f = p.file(u.file);
            let (l, c) = f.line_col(u.span.start);
            return Err(format!(
                "`{}` at {}:{}:{} is not a plain literal; rename it by hand first",
                u.name,
                f.rel,
                l + 1,
                c + 1
            ));
        }
        plan.edits.push(Edit {
            file: u.file,
            span: u.name_span,
            replacement: new.to_string(),
        });
    }
    plan.edits
        .sort_by_key(|e| (e.file, e.span.start, e.span.end));
    plan.edits.dedup();
    if py_def {
        let rel = &p.file(def.file).rel;
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("py");
        let new_rel = if dir.is_empty() {
            format!("{new}.{ext}")
        } else {
            format!("{dir}/{new}.{ext}")
        };
        if p.files.iter().any(|f| f.rel == new_rel) {
            return Err(format!("`{new_rel}` already exists"));
        }
        plan.file_renames.push((def.file, new_rel));
    }
    // A YAML step's file is named after the clean form of its name: keep them in step.
    if def.kind == SymbolKind::Step && !py_def {
        let rel = &p.file(def.file).rel;
        let (dir, file_name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let (stem, ext) = file_name.rsplit_once('.').unwrap_or((file_name, "yaml"));
        let new_stem = clean_name(new);
        if stem == clean_name(&def.name) && !new_stem.is_empty() && new_stem != stem {
            let new_rel = format!("{dir}/{new_stem}.{ext}");
            if p.files.iter().any(|f| f.rel == new_rel) {
                return Err(format!("`{new_rel}` already exists"));
            }
            plan.file_renames.push((def.file, new_rel));
        }
    }
    let before = errors(a);
    let after = errors_after(p, &plan);
    if after > before {
        return Err(format!(
            "renaming `{}` to `{new}` would leave {after} errors instead of {before}",
            def.name
        ));
    }
    Ok(plan)
}

fn errors(a: &Analysis) -> usize {
    a.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// The texts of every file after applying a plan (relative path, text).
pub fn apply_plan(p: &Project, plan: &RenamePlan) -> Vec<(String, String)> {
    p.files
        .iter()
        .map(|f| {
            let edits: Vec<&Edit> = plan.edits.iter().filter(|e| e.file == f.id).collect();
            let text = super::apply_edits(&f.text, &edits);
            let rel = plan
                .file_renames
                .iter()
                .find(|(id, _)| *id == f.id)
                .map(|(_, r)| r.clone())
                .unwrap_or_else(|| f.rel.clone());
            (rel, text)
        })
        .collect()
}

fn errors_after(p: &Project, plan: &RenamePlan) -> usize {
    let files = apply_plan(p, plan);
    let q = crate::project::load_files(&p.root, &files);
    analysis::analyze(&q, &Options::default())
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}
