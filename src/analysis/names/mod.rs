//! SB4xx: names across the project (steps, flows, functions, files, variants, duplicates), and
//! entity names listed in steps (SB207, declared with the references in
//! `../references/rules.rs`). The SB4xx rules are declared, with their documentation, in
//! `rules.rs` (beside this file); their checks are here, except those of config definitions
//! against their declared types (SB414–SB417), in `definitions.rs`, with the ADK's reading of
//! attribute values in `coerce.rs`. The values of steps and functions that the builders check
//! as they read a file (SB418–SB429) are a family of their own, `../steps/`.

use super::Symbols;
use super::symbols::Candidates;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FunctionScope, Project, Spanned, clean_name};
use crate::project::stem;
use crate::source::{FileId, Span};
use crate::syntax::python::PyValue;
use crate::text::{Suggester, did_you_mean};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

mod coerce;
mod definitions;

pub const MAX_EXAMPLE_QUERIES: usize = 20;

pub fn check(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    steps(p, s, out);
    code_names(p, s, out);
    functions(p, out);
    files(p, out);
    variants(p, out);
    attribute_names(p, out);
    topic_tags(p, out);
    definitions::check(p, out);
    duplicates(p, out);
}

/// Python's keywords (`keyword.kwlist`): names an attribute may not take.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// SB413: an attribute is read as `conv.variant.<name>`, so its name must be an ASCII Python
/// identifier that is no keyword (the ADK rejects the project otherwise).
fn attribute_names(p: &Project, out: &mut Vec<Diagnostic>) {
    for a in &p.attributes {
        let name = a.name.value.as_str();
        let mut b = name.bytes();
        let identifier = matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
            && b.all(|c| c.is_ascii_alphanumeric() || c == b'_');
        let message = if !identifier {
            format!("attribute name `{name}` is not a Python identifier")
        } else if PYTHON_KEYWORDS.contains(&name) {
            format!("attribute name `{name}` is a reserved word in Python")
        } else {
            continue;
        };
        let fixed = crate::model::clean_name(name);
        let fixed: String = fixed
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let mut d = Diagnostic::new(Code::SB413, a.file, a.name.span, message).note(
            "attributes are read as `conv.variant.<name>`: a letter or `_`, then letters, digits or `_` (ASCII), and no Python keyword",
        );
        if identifier {
            d = d.help(format!("rename it, e.g. `{name}_value`"));
        } else if !fixed.is_empty() && !fixed.starts_with(|c: char| c.is_ascii_digit()) {
            d = d.help(format!("rename it, e.g. `{fixed}`"));
        }
        out.push(d);
    }
}

/// SB412: topic tags that are empty or repeated (compared after trimming, as the ADK does).
fn topic_tags(p: &Project, out: &mut Vec<Diagnostic>) {
    for t in &p.topics {
        let mut seen: Vec<(&str, crate::source::Span)> = Vec::new();
        for tag in &t.tags {
            let v = tag.value.trim();
            if v.is_empty() {
                out.push(
                    Diagnostic::new(Code::SB412, t.file, tag.span, "empty topic tag")
                        .help("remove it, or write the tag"),
                );
                continue;
            }
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == v) {
                out.push(
                    Diagnostic::new(
                        Code::SB412,
                        t.file,
                        tag.span,
                        format!("duplicate topic tag `{v}`"),
                    )
                    .label(t.file, *first, "first given here")
                    .help("remove the repeated tag"),
                );
                continue;
            }
            seen.push((v, tag.span));
        }
    }
}

fn step_candidates<'a>(s: &'a Symbols, flow: usize) -> impl Iterator<Item = &'a str> {
    s.flow_steps[flow].iter().copied()
}

fn steps(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    for (fi, flow) in p.flows.iter().enumerate() {
        if let (Some(st), Some(cfg)) = (&flow.start_step, flow.config)
            && !s.flow_step_set[fi].contains(st.value.as_str())
        {
            out.push(unknown_step(
                Code::SB401,
                cfg,
                st,
                s,
                fi,
                flow.display_name(),
                "start_step",
            ));
        }
        for step in &flow.steps {
            for cs in &step.child_steps {
                if !s.flow_step_set[fi].contains(cs.value.as_str()) {
                    out.push(unknown_step(
                        Code::SB402,
                        step.file,
                        cs,
                        s,
                        fi,
                        flow.display_name(),
                        "child_step",
                    ));
                }
            }
            for e in &step.entities {
                if !s.entities.contains_key(e.value.as_str()) {
                    let guess = s.suggest(Candidates::Entities, &e.value);
                    let mut d = Diagnostic::new(
                        Code::SB207,
                        step.file,
                        e.span,
                        format!("unknown entity `{}`", e.value),
                    );
                    if let Some(g) = guess {
                        d = d.help(format!("did you mean `{g}`?")).replace_fix(
                            format!("replace with `{g}`"),
                            e.span,
                            g,
                            false,
                        );
                    } else if p.entities.is_empty() {
                        d = d.note("this project defines no entities (config/entities.yaml)");
                    }
                    out.push(d);
                }
            }
        }
    }
}

fn unknown_step(
    code: Code,
    file: FileId,
    st: &Spanned<String>,
    s: &Symbols,
    flow: usize,
    flow_name: &str,
    what: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        code,
        file,
        st.span,
        format!("{what} `{}` names no step of flow `{flow_name}`", st.value),
    );
    match s.suggest(Candidates::FlowSteps(flow), &st.value) {
        Some(g) => {
            // In code (SB403) the span is the string literal, quotes included: the fix writes one.
            let (label, text) = if code == Code::SB403 {
                (format!("replace with `\"{g}\"`"), format!("\"{g}\""))
            } else {
                (format!("replace with `{g}`"), g.to_string())
            };
            d = d
                .help(format!("did you mean `{g}`?"))
                .replace_fix(label, st.span, text, false)
        }
        None if !s.flow_steps[flow].is_empty() => {
            let mut names: Vec<&str> = step_candidates(s, flow).collect();
            names.sort_unstable();
            d = d.note(format!("steps of this flow: {}", names.join(", ")));
        }
        None => {}
    }
    d
}

/// SB403 / SB404: step and flow names in code.
fn code_names(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    let flow_names: OnceLock<Suggester> = OnceLock::new();
    let check_flow = |file: FileId, v: &PyValue, out: &mut Vec<Diagnostic>| -> Option<usize> {
        let PyValue::Literal(name, span) = v else {
            return None;
        };
        if let Some(&i) = s.flow_by_name.get(name.as_str()) {
            return Some(i);
        }
        let mut d = Diagnostic::new(
            Code::SB404,
            file,
            *span,
            format!("`goto_flow` names no flow: `{name}`"),
        );
        let flow_names = flow_names.get_or_init(|| {
            Suggester::new(
                p.flows
                    .iter()
                    .filter_map(|f| f.name.as_ref().map(|n| n.value.as_str())),
            )
        });
        if let Some(g) = flow_names.suggest(name) {
            d = d.help(format!("did you mean `{g}`?")).replace_fix(
                format!("replace with `\"{g}\"`"),
                *span,
                format!("\"{g}\""),
                false,
            );
        } else if let Some(fl) = s.flow_by_dir.get(name.as_str()).map(|&i| &p.flows[i]) {
            d = d.help(format!(
                "flows are named by their `name`, here `{}`",
                fl.display_name()
            ));
        }
        out.push(d);
        None
    };
    let check_step = |file: FileId, flow: usize, v: &PyValue, out: &mut Vec<Diagnostic>| {
        let PyValue::Literal(name, span) = v else {
            return;
        };
        if s.flow_step_set[flow].contains(name.as_str()) {
            return;
        }
        out.push(unknown_step(
            Code::SB403,
            file,
            &Spanned::new(name.clone(), *span),
            s,
            flow,
            p.flows[flow].display_name(),
            "`goto_step`",
        ));
    };
    for f in &p.functions {
        for g in &f.facts.goto_flows {
            check_flow(f.file, &g.value, out);
        }
        if let Some(flow) = f.flow() {
            for g in &f.facts.goto_steps {
                check_step(f.file, flow, &g.value, out);
            }
        }
        for t in &f.facts.transitions {
            let target = match &t.flow {
                Some(v) => check_flow(f.file, v, out),
                None => f.flow(),
            };
            if let (Some(fl), Some(step)) = (target, &t.step) {
                check_step(f.file, fl, step, out);
            }
        }
    }
}

/// SB405 / SB406: function files.
fn functions(p: &Project, out: &mut Vec<Diagnostic>) {
    for f in &p.functions {
        let src = p.file(f.file);
        let Some(def) = f.main_def() else {
            let top: Vec<&str> = f
                .facts
                .functions
                .iter()
                .filter(|d| d.top_level)
                .map(|d| d.name.as_str())
                .collect();
            let (span, detail) = match f.facts.functions.iter().find(|d| d.top_level) {
                Some(d) => (
                    d.name_span,
                    format!(
                        "; it defines {}",
                        top.iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                None => (Span::new(0, 0), String::new()),
            };
            let mut d = Diagnostic::new(
                Code::SB405,
                f.file,
                span,
                format!(
                    "`{}` defines no function named `{}`{detail}",
                    src.rel, f.name
                ),
            )
            .note("the platform calls the function named after the file");
            if let Some(g) = did_you_mean(&f.name, top.iter().copied()) {
                d = d.help(format!("rename `def {g}` to `def {}`", f.name));
            }
            out.push(d);
            continue;
        };
        if matches!(
            f.scope,
            FunctionScope::Global | FunctionScope::Transition(_)
        ) && def
            .description
            .as_deref()
            .is_none_or(|d| d.trim().is_empty())
        {
            // A decorator the ADK does not read (no call, other arguments) is named as such.
            let unread = def
                .decorators
                .iter()
                .find(|d| d.name == "func_description" || d.name.ends_with(".func_description"));
            let message = match (unread, &def.description) {
                (_, Some(_)) => format!("function `{}` has an empty `@func_description`", f.name),
                (Some(d), None) if d.name != "func_description" => format!(
                    "function `{}` has no `@func_description` the ADK reads: it reads the bare name, not `{}`",
                    f.name, d.name
                ),
                (Some(d), None) if !d.call => format!(
                    "function `{}` has no `@func_description` the ADK reads: the decorator needs its text in parentheses",
                    f.name
                ),
                (Some(d), None) => format!(
                    "function `{}` has no `@func_description` the ADK reads: it takes one argument, the text, and this one has {}",
                    f.name, d.positional
                ),
                (None, None) => format!("function `{}` has no `@func_description`", f.name),
            };
            out.push(
                Diagnostic::new(Code::SB406, f.file, def.name_span, message)
                    .help("add `@func_description(\"...\")` above the `def`: the model reads it to decide when to call the function"),
            );
        }
    }
}

/// SB407 / SB408: file names and topic sizes.
fn files(p: &Project, out: &mut Vec<Diagnostic>) {
    let mismatch = |file: FileId,
                    name: &Spanned<String>,
                    actual: &str,
                    what: &str,
                    out: &mut Vec<Diagnostic>| {
        let expected = clean_name(&name.value);
        if !expected.is_empty() && expected != actual {
            out.push(
                Diagnostic::new(
                    Code::SB407,
                    file,
                    name.span,
                    format!("{what} `{}` should be named `{expected}`, not `{actual}`", name.value),
                )
                .note("the file or folder name must be the clean form of `name` (lower-case, `_` between words)"),
            );
        }
    };
    for t in &p.topics {
        if let Some(n) = &t.name {
            let what = if t.variant.is_some() {
                "child topic file for"
            } else {
                "topic file for"
            };
            mismatch(t.file, n, stem(&p.file(t.file).rel), what, out);
        }
        if t.example_queries.len() > MAX_EXAMPLE_QUERIES {
            let q = &t.example_queries[MAX_EXAMPLE_QUERIES];
            out.push(
                Diagnostic::new(
                    Code::SB408,
                    t.file,
                    q.span,
                    format!(
                        "{} example queries: a topic may have at most {MAX_EXAMPLE_QUERIES}",
                        t.example_queries.len()
                    ),
                )
                .help("keep the most distinct phrasings; this is the first one over the limit"),
            );
        }
    }
    for f in &p.flows {
        if let (Some(n), Some(cfg)) = (&f.name, f.config) {
            mismatch(cfg, n, &f.dir, "flow folder for", out);
        }
        for st in &f.steps {
            if let Some(n) = &st.name {
                mismatch(st.file, n, stem(&p.file(st.file).rel), "step file for", out);
            }
        }
    }
}

/// SB409 / SB410: variants and attribute values.
fn variants(p: &Project, out: &mut Vec<Diagnostic>) {
    if p.variants.is_empty() {
        return;
    }
    let defaults: Vec<&crate::model::Variant> = p
        .variants
        .iter()
        .filter(|v| v.is_default.as_ref().is_some_and(|d| d.value))
        .collect();
    if defaults.len() != 1 {
        let v = defaults.get(1).copied().unwrap_or(&p.variants[0]);
        let mut d = Diagnostic::new(
            Code::SB409,
            v.file,
            v.name.span,
            format!(
                "{} default variants: exactly one variant must be `is_default: true`",
                defaults.len()
            ),
        );
        for other in defaults.iter().skip(2).chain(defaults.first()) {
            d = d.label(other.file, other.name.span, "also default");
        }
        out.push(d);
    }
    let names: Vec<&str> = p.variants.iter().map(|v| v.name.value.as_str()).collect();
    let name_set: HashSet<&str> = names.iter().copied().collect();
    let suggester: OnceLock<Suggester> = OnceLock::new();
    for a in &p.attributes {
        let keys: HashSet<&str> = a.values.iter().map(|v| v.variant.value.as_str()).collect();
        let missing: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !keys.contains(n))
            .collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::SB410,
                    a.file,
                    a.name.span,
                    format!(
                        "attribute `{}` has no value for variant{} {}",
                        a.name.value,
                        if missing.len() > 1 { "s" } else { "" },
                        missing
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .help("give every variant a value, even if it repeats another's"),
            );
        }
        for k in a.values.iter().map(|v| &v.variant) {
            if !name_set.contains(k.value.as_str()) {
                let mut d = Diagnostic::new(
                    Code::SB410,
                    a.file,
                    k.span,
                    format!(
                        "attribute `{}` has a value for unknown variant `{}`",
                        a.name.value, k.value
                    ),
                );
                let suggester = suggester.get_or_init(|| Suggester::new(names.iter().copied()));
                if let Some(g) = suggester.suggest(&k.value) {
                    d = d.help(format!("did you mean `{g}`?")).replace_fix(
                        format!("replace with `{g}`"),
                        k.span,
                        g,
                        false,
                    );
                }
                out.push(d);
            }
        }
    }
}

/// SB411: two definitions of one kind sharing a name.
fn duplicates(p: &Project, out: &mut Vec<Diagnostic>) {
    let mut report = |what: &str, items: Vec<(FileId, &Spanned<String>)>| {
        let mut seen: HashMap<&str, (FileId, Span)> = HashMap::default();
        for (file, n) in items {
            match seen.get(n.value.as_str()) {
                Some(&(ff, fs)) => out.push(
                    Diagnostic::new(
                        Code::SB411,
                        file,
                        n.span,
                        format!("duplicate {what} name `{}`", n.value),
                    )
                    .label(ff, fs, "first defined here"),
                ),
                None => {
                    seen.insert(n.value.as_str(), (file, n.span));
                }
            }
        }
    };
    // Child topics are compared by their clean names, with the topics too (SB452).
    report(
        "topic",
        p.topics
            .iter()
            .filter(|t| t.variant.is_none())
            .filter_map(|t| t.name.as_ref().map(|n| (t.file, n)))
            .collect(),
    );
    report(
        "flow",
        p.flows
            .iter()
            .filter_map(|f| f.name.as_ref().zip(f.config).map(|(n, c)| (c, n)))
            .collect(),
    );
    for f in &p.flows {
        report(
            "step",
            f.steps
                .iter()
                .filter_map(|s| s.name.as_ref().map(|n| (s.file, n)))
                .collect(),
        );
    }
    report(
        "SMS template",
        p.sms_templates.iter().map(|t| (t.file, &t.name)).collect(),
    );
    report(
        "attribute",
        p.attributes.iter().map(|a| (a.file, &a.name)).collect(),
    );
    report(
        "variant",
        p.variants.iter().map(|v| (v.file, &v.name)).collect(),
    );
    report(
        "entity",
        p.entities.iter().map(|e| (e.file, &e.name)).collect(),
    );
}
