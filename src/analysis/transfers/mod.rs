//! SB3xx: transfers done in code, and their conflicts with UI handoffs. The rules are declared,
//! with their documentation, in `rules.rs` (beside this file); their checks are here.

use super::Symbols;
use super::route::classify;
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::{FieldKind, Method, Owner, Project, TextRef};
use crate::source::{FileId, Span};
use crate::syntax::python::PyValue;
use crate::syntax::template::RefKind;
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;

/// The literal values a destination may take, with where each is written.
pub fn candidates(v: &PyValue) -> Vec<(&str, Span)> {
    match v {
        PyValue::Literal(s, sp) => vec![(s.as_str(), *sp)],
        PyValue::Candidates { values, .. } => {
            values.iter().map(|(s, sp)| (s.as_str(), *sp)).collect()
        }
        PyValue::Dynamic(_) => Vec::new(),
    }
}

fn value_span(v: &PyValue) -> Span {
    match v {
        PyValue::Literal(_, s) | PyValue::Dynamic(s) => *s,
        PyValue::Candidates { span, .. } => *span,
    }
}

pub fn check(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    destinations(p, s, out);
    conflicts(p, s, out);
}

/// SB302 / SB305 / SB306 for one destination expression; returns the handoff it names when known.
fn destination(
    p: &Project,
    s: &Symbols,
    file: FileId,
    v: &PyValue,
    what: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    if let PyValue::Dynamic(span) = v {
        out.push(
            Diagnostic::new(
                Code::SB305,
                file,
                *span,
                format!("{what} destination is computed at run time: switchboard cannot prove it names a handoff"),
            )
            .help("use a handoff name literal, or a module-level constant dict whose values are handoff names"),
        );
        return Vec::new();
    }
    let via = match v {
        PyValue::Candidates { via, .. } => Some(via.as_str()),
        _ => None,
    };
    let mut found = Vec::new();
    for (name, span) in candidates(v) {
        if let Some(h) = s.handoff(name) {
            found.push(h);
            continue;
        }
        let from = via
            .map(|c| format!(" (a value of `{c}`)"))
            .unwrap_or_default();
        if name.eq_ignore_ascii_case("default") && s.handoff(name).is_none() {
            let mut d = Diagnostic::new(
                Code::SB306,
                file,
                span,
                format!(
                    "destination `\"{name}\"`{from} names no handoff: there is no handoff called `{name}`"
                ),
            );
            d = match s.default_handoff {
                Some(h) => {
                    let hd = &p.handoffs[h];
                    let d = d.help(format!(
                        "the default handoff is `{}`: pass `destination=\"{}\"`, or omit the destination to use the default",
                        hd.name(),
                        hd.name()
                    ));
                    match &hd.name {
                        Some(n) => d.label(hd.file, n.span, "the default handoff"),
                        None => d,
                    }
                }
                None => d.help(
                    "no handoff is marked `is_default: true` either: mark one, and name it here",
                ),
            };
            out.push(d);
            continue;
        }
        let guess = s.suggest(super::symbols::Candidates::Handoffs, name);
        let mut d = Diagnostic::new(
            Code::SB302,
            file,
            span,
            format!("{what} destination `\"{name}\"`{from} names no handoff"),
        );
        if let Some(g) = guess {
            let case = if g.eq_ignore_ascii_case(name) {
                " (names are case-sensitive)"
            } else {
                ""
            };
            d = d.help(format!("did you mean `{g}`?{case}")).replace_fix(
                format!("replace with `\"{g}\"`"),
                span,
                format!("\"{g}\""),
                false,
            );
        } else if p.handoffs.is_empty() {
            d = d.note("this project defines no handoffs (config/handoffs.yaml)");
        }
        out.push(d);
    }
    found
}

fn destinations(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    let routes: HashSet<String> = p
        .handoffs
        .iter()
        .filter_map(|h| h.phone_number.as_ref())
        .filter_map(|pn| classify(&pn.value).normalized())
        .collect();
    for f in &p.functions {
        let file = f.file;
        for c in &f.facts.call_handoffs {
            let targets = match &c.destination {
                Some(v) => destination(p, s, file, v, "`conv.call_handoff`", out),
                None => s.default_handoff.into_iter().collect(),
            };
            if let Some(u) = &c.utterance {
                for h in targets {
                    let hd = &p.handoffs[h];
                    if hd.method_kind() == Some(Method::Refer) {
                        let mut d = Diagnostic::new(
                            Code::SB303,
                            file,
                            value_span(u),
                            format!("the utterance may not play: handoff `{}` uses SIP REFER", hd.name()),
                        )
                        .help("REFER fires as the function runs, so the caller may be transferred before hearing it; use `method: invite` if it must be spoken");
                        if let Some(m) = &hd.method {
                            d = d.label(hd.file, m.span, "method is refer");
                        }
                        out.push(d);
                    }
                }
            }
            if let Some(r) = &c.route {
                hardcoded(file, r, &routes, out);
            }
        }
        for r in &f.facts.return_transfers {
            if let Some(v) = &r.destination {
                destination(p, s, file, v, "returned handoff", out);
            }
            if let Some(pn) = &r.phone_number {
                hardcoded(file, pn, &routes, out);
            }
        }
        for t in &f.facts.transfer_calls {
            if let Some(v) = &t.destination {
                destination(p, s, file, v, "`transfer_call`", out);
            }
            if let Some(r) = &t.route {
                hardcoded(file, r, &routes, out);
            }
        }
    }
}

/// SB304: a literal number or URI in code that no handoff routes to.
fn hardcoded(file: FileId, v: &PyValue, routes: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    for (lit, span) in candidates(v) {
        let norm = classify(lit)
            .normalized()
            .unwrap_or_else(|| lit.to_string());
        if routes.contains(&norm) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::SB304,
                file,
                span,
                format!("code transfers to the hard-coded route `{lit}`, which matches no handoff"),
            )
            .help("define a handoff with this route in config/handoffs.yaml and transfer to it by name, so edits there are followed")
            .note("destinations kept in code do not follow edits to handoffs.yaml"),
        );
    }
}

/// The first section containing `offset`. Sections in order and disjoint (as `rules.txt`'s
/// are) are binary-searched: at most one contains it.
fn section_of(sections: &[Span], ordered: bool, offset: u32) -> Option<usize> {
    if !ordered {
        return sections.iter().position(|sp| sp.contains(offset));
    }
    let i = sections.partition_point(|sp| sp.start <= offset);
    let i = i.checked_sub(1)?;
    sections[i].contains(offset).then_some(i)
}

/// SB301: a UI handoff and a code transfer reached from the same unit.
fn conflicts(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    // Unit → (handoff references, transferring function references).
    #[derive(Default)]
    struct Unit<'a> {
        file: Option<FileId>,
        handoffs: Vec<&'a TextRef>,
        transfers: Vec<(&'a TextRef, usize)>,
    }
    let mut units: BTreeMap<(u8, usize, usize, usize), Unit> = BTreeMap::new();
    for t in &p.texts {
        if matches!(t.field, FieldKind::PythonString | FieldKind::HeaderValue) {
            continue;
        }
        let ordered = t.sections.iter().all(|sp| sp.start <= sp.end)
            && t.sections.windows(2).all(|w| w[0].end <= w[1].start);
        for r in &t.refs {
            // Only handoffs and function calls make a conflict.
            if !matches!(r.kind, RefKind::Ho | RefKind::Fn | RefKind::Ft) {
                continue;
            }
            let key = match t.owner {
                Owner::Topic(i) => (0, i, 0, 0),
                Owner::Step { flow, step } => (1, flow, step, 0),
                Owner::Rules => {
                    let sec = section_of(&t.sections, ordered, r.span.start).unwrap_or(0);
                    (2, t.file.0 as usize, sec, 0)
                }
                Owner::Guardrail(i) => (3, i, 0, 0),
                _ => continue,
            };
            let unit = units.entry(key).or_default();
            unit.file.get_or_insert(t.file);
            match r.kind {
                RefKind::Ho => unit.handoffs.push(r),
                RefKind::Fn => {
                    if let Some(&fi) = s.global_fns.get(r.name.as_str())
                        && s.transfers[fi].is_some()
                    {
                        unit.transfers.push((r, fi));
                    }
                }
                RefKind::Ft => {
                    if let Some(fl) = super::references::flow_of(t)
                        && let Some(&fi) = s.flow_fns[fl].get(r.name.as_str())
                        && s.transfers[fi].is_some()
                    {
                        unit.transfers.push((r, fi));
                    }
                }
                _ => {}
            }
        }
    }
    for ((kind, ..), unit) in units {
        let Some(ho) = unit.handoffs.first() else {
            continue;
        };
        let Some(file) = unit.file else { continue };
        let what = match kind {
            0 => "this topic",
            1 => "this step",
            3 => "this guardrail",
            _ => "this section of rules.txt",
        };
        for (r, fi) in &unit.transfers {
            let Some((chain, site)) = &s.transfers[*fi] else {
                continue;
            };
            let func = &p.functions[*fi];
            let via = if chain.len() > 1 {
                let names: Vec<&str> = chain
                    .iter()
                    .map(|&i| p.functions[i].name.as_str())
                    .collect();
                format!(" (through {})", names.join(" → "))
            } else {
                String::new()
            };
            let mut d = Diagnostic::new(
                Code::SB301,
                file,
                r.span,
                format!(
                    "`{}` performs a code transfer{via}, which overrides the handoff `{{{{ho:{}}}}}` in {what}",
                    func.name, ho.name
                ),
            )
            .label(file, ho.span, "UI handoff referenced here")
            .label(site.file, site.span, format!("transfers here with {}", site.how))
            .help("use one mechanism per step: either reference the handoff, or let the function transfer (and keep its destination in sync with handoffs.yaml)");
            if kind == 2 {
                d = d.severity(Severity::Warning);
            }
            out.push(d);
        }
    }
}
