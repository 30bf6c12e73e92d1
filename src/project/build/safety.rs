//! Building the safety filters: `agent_settings/safety_filters.yaml` (the project's) and
//! `voice/` / `chat/safety_filters.yaml` (a channel's), as the ADK's `safety_filters.py` reads
//! and validates them (SB478).

use super::Builder;
use super::channels::entry_value_span;
use crate::diagnostics::{Code, Diagnostic};
use crate::settings::{Channel, SafetyFilters};
use crate::source::Span;
use crate::syntax::yaml::{Node, NodeKind};

/// The categories, in the order the ADK checks them.
const CATEGORIES: &[&str] = &["violence", "hate", "sexual", "self_harm"];
/// The levels the ADK accepts: the file's words, and the platform's, which it passes through.
const LEVELS: &[&str] = &["lenient", "medium", "strict", "LOOSE", "MEDIUM", "STRICT"];

impl Builder<'_> {
    pub(super) fn safety_filters(&mut self, root: Option<&Node>) {
        let channel = Channel::of_path(&self.p.files[0].rel);
        let mut out = SafetyFilters {
            file: self.file,
            channel,
            enabled: None,
            categories: Vec::new(),
        };
        // An empty file reads as an empty mapping.
        let m = match root {
            Some(r) if !r.is_null() => match self.root_map(r) {
                Some(m) => Some(m),
                None => {
                    self.p.settings.safety_filters.push(out);
                    return;
                }
            },
            _ => None,
        };
        if let Some(m) = m {
            self.check_keys(m, &["enabled", "categories"], "a safety filters file");
        }
        let sb478 = |b: &mut Self, span: Span, msg: String| {
            let d = Diagnostic::new(Code::SB478, b.file, span, msg);
            b.diag(d);
        };
        if channel.is_some() {
            // The project-level file derives `enabled` from its categories; a channel's needs it.
            match m.and_then(|m| m.entry("enabled")) {
                Some(e) if !e.value.is_null() => {
                    out.enabled = m.and_then(|m| self.boolean(m, "enabled")).map(|b| b.value)
                }
                Some(e) => sb478(
                    self,
                    entry_value_span(e),
                    "`enabled` is null: the channel's safety filters need `true` or `false`".into(),
                ),
                None => sb478(
                    self,
                    m.map_or(Span::new(0, 0), |m| first_line(m.span)),
                    "the channel's safety filters have no `enabled`".into(),
                ),
            }
        }
        let cats_entry = m.and_then(|m| m.entry("categories"));
        let cats = match cats_entry {
            Some(e) => match &e.value.kind {
                NodeKind::Map(_) => Some(&e.value),
                NodeKind::Alias(_) | NodeKind::Invalid => {
                    self.p.settings.safety_filters.push(out);
                    return;
                }
                _ => {
                    self.wrong_type(&e.value, "categories", "a mapping");
                    self.p.settings.safety_filters.push(out);
                    return;
                }
            },
            None => None,
        };
        let cats_at = cats_entry.map_or_else(
            || m.map_or(Span::new(0, 0), |m| first_line(m.span)),
            |e| e.key.span,
        );
        let entries = cats.map_or(&[][..], |c| c.entries());
        for e in entries {
            let Some(k) = e.key.as_str() else { continue };
            if !CATEGORIES.contains(&k) {
                sb478(
                    self,
                    e.key.span,
                    format!(
                        "`{k}` is not a safety filter category (accepted: hate, self_harm, sexual, violence)"
                    ),
                );
            }
        }
        for cat in CATEGORIES {
            let Some(e) = entries.iter().find(|e| e.key.as_str() == Some(cat)) else {
                sb478(
                    self,
                    cats_at,
                    format!("the safety filters have no `{cat}` category: all four are required"),
                );
                continue;
            };
            let v = &e.value;
            let mut enabled = None;
            let mut level = None;
            if matches!(v.kind, NodeKind::Map(_)) {
                self.check_keys(v, &["enabled", "level"], "a safety filter category");
            }
            match v.get("enabled").filter(|n| !n.is_null()) {
                None => sb478(
                    self,
                    match v.entry("enabled") {
                        Some(en) => entry_value_span(en),
                        None => e.key.span,
                    },
                    format!("safety filter category `{cat}` has no `enabled`"),
                ),
                Some(n) => match n.as_bool() {
                    Some(b) => enabled = Some(b),
                    None => sb478(
                        self,
                        n.span,
                        format!(
                            "`enabled` of safety filter category `{cat}` must be `true` or `false`"
                        ),
                    ),
                },
            }
            match v.get("level").filter(|n| !n.is_null()) {
                None => sb478(
                    self,
                    match v.entry("level") {
                        Some(en) => entry_value_span(en),
                        None => e.key.span,
                    },
                    format!("safety filter category `{cat}` has no `level`"),
                ),
                Some(n) => {
                    let text = n.as_str().filter(|_| n.type_name() == "string");
                    match text {
                        Some(t) if LEVELS.contains(&t) => level = Some(t.to_string()),
                        _ => {
                            let shown = n.scalar().map_or_else(
                                || n.type_name().to_string(),
                                |s| format!("`{}`", s.value),
                            );
                            let d = Diagnostic::new(
                                Code::SB478,
                                self.file,
                                n.span,
                                format!(
                                    "{shown} is not a safety filter level: use `lenient`, `medium` or `strict`"
                                ),
                            );
                            let d = match text.map(str::to_ascii_lowercase).as_deref() {
                                Some(l @ ("lenient" | "medium" | "strict")) => {
                                    d.replace_fix(format!("replace with `{l}`"), n.span, l, true)
                                }
                                _ => d,
                            };
                            self.diag(d);
                        }
                    }
                }
            }
            out.categories.push((cat.to_string(), enabled, level));
        }
        self.p.settings.safety_filters.push(out);
    }
}

/// The first line of a span (a whole mapping's span reads badly as a location).
fn first_line(s: Span) -> Span {
    Span::new(s.start, s.start)
}
