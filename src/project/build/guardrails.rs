//! Building `agent_settings/guardrails.yaml` as the ADK reads and validates it (polyai-adk
//! 0.73.2, `resources/guardrails.py`): the platform guardrails (SB430, SB431) and the custom
//! ones (SB432, SB433), whose `action` is a text field holding references
//! (`FieldKind::GuardrailAction`); entries whose names clean alike (SB437); and the shapes that
//! stop the ADK's load (SB004, SB013), shared with the other controls files.

use super::Builder;
use super::channels::entry_value_span;
use super::typed::truthy;
use crate::controls::{Guardrail, GuardrailKind, MAX_CUSTOM_GUARDRAILS, PLATFORM_GUARDRAILS};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, Owner, clean_name_keep_case};
use crate::source::Span;
use crate::syntax::yaml::{Node, NodeKind};
use rustc_hash::FxHashMap;

const PLATFORM_KEYS: &[&str] = &["name", "enabled"];
const CUSTOM_KEYS: &[&str] = &["name", "enabled", "prompt", "action"];

/// One entry of a controls list, as the ADK's discovery sees it.
pub(super) struct NamedEntry<'n> {
    pub(super) map: &'n Node,
    pub(super) name: String,
    pub(super) name_span: Span,
    /// The earlier entry whose clean name this one has: the ADK reads that one in its place.
    pub(super) first: Option<(Span, String)>,
}

impl Builder<'_> {
    pub(super) fn guardrails(&mut self, root: Option<&Node>) {
        let Some(root) = root.filter(|r| !r.is_null()) else {
            return;
        };
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(
            m,
            &["platform_guardrails", "custom_guardrails"],
            "guardrails.yaml",
        );
        self.platform_guardrails(m);
        self.custom_guardrails(m);
    }

    /// The list under `key` of a controls file's root mapping, as the ADK iterates it
    /// (`yaml_dict.get(key, [])`): a missing key, `''` or `{}` hold nothing; null or any other
    /// value that is no list stops the load (SB004).
    pub(super) fn controls_list<'n>(&mut self, m: &'n Node, key: &str) -> Option<&'n [Node]> {
        let v = m.get(key)?;
        match &v.kind {
            NodeKind::Seq(items) => Some(items),
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            NodeKind::Map(e) if e.is_empty() => None,
            NodeKind::Scalar(s) if v.type_name() == "string" && s.value.is_empty() => None,
            _ => {
                self.wrong_type(v, key, "a list");
                None
            }
        }
    }

    /// The entries of a controls list that the ADK reads: mappings (SB004 for any other item)
    /// with a truthy `name_key` (SB013 for a name YAML reads as a number or boolean; an entry
    /// with no name is skipped, as the ADK skips it), each with the earlier entry whose clean
    /// name it has.
    pub(super) fn named_entries<'n>(
        &mut self,
        items: &'n [Node],
        name_key: &str,
        what: &str,
    ) -> Vec<NamedEntry<'n>> {
        let mut seen: FxHashMap<String, (Span, String)> = FxHashMap::default();
        let mut out = Vec::new();
        for item in items {
            if matches!(item.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            if !matches!(item.kind, NodeKind::Map(_)) {
                self.wrong_type(item, what, "a mapping");
                continue;
            }
            let Some(n) = item.get(name_key) else {
                continue;
            };
            if !truthy(n) || matches!(n.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            if self.not_a_string(n, &format!("`{name_key}`")) {
                continue;
            }
            let Some(name) = self.string(item, name_key) else {
                continue;
            };
            let clean = clean_name_keep_case(&name.value);
            let first = seen.get(&clean).cloned();
            if first.is_none() {
                seen.insert(clean, (name.span, name.value.clone()));
            }
            out.push(NamedEntry {
                map: item,
                name: name.value,
                name_span: name.span,
                first,
            });
        }
        out
    }

    /// SB437: an entry whose clean name an earlier one has; the ADK reads the earlier one twice.
    pub(super) fn shadowed(&mut self, e: &NamedEntry, what: &str) -> bool {
        let Some((at, first)) = &e.first else {
            return false;
        };
        let d = Diagnostic::new(
            Code::SB437,
            self.file,
            e.name_span,
            format!(
                "{what} `{}` has the clean name of `{first}`: the ADK reads `{first}` in its place and ignores this entry",
                e.name
            ),
        )
        .label(self.file, *at, "read instead")
        .help("give each entry a name of its own, or merge the two");
        self.diag(d);
        true
    }

    fn platform_guardrails(&mut self, m: &Node) {
        let Some(items) = self.controls_list(m, "platform_guardrails") else {
            return;
        };
        let entries = self.named_entries(items, "name", "a platform guardrail");
        let mut present: Vec<String> = Vec::new();
        for e in &entries {
            if self.shadowed(e, "platform guardrail") {
                continue;
            }
            self.check_keys(e.map, PLATFORM_KEYS, "a platform guardrail");
            present.push(e.name.clone());
            let enabled = self.guardrail_enabled(e.map, true);
            let upper = e.name.to_uppercase();
            if !PLATFORM_GUARDRAILS
                .iter()
                .any(|g| g.to_uppercase() == upper)
            {
                let help = crate::text::did_you_mean(&e.name, PLATFORM_GUARDRAILS.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"));
                let mut d = Diagnostic::new(
                    Code::SB430,
                    self.file,
                    e.name_span,
                    format!("`{}` is not a platform guardrail", e.name),
                )
                .note(format!(
                    "the platform's guardrails: {}",
                    PLATFORM_GUARDRAILS.join(", ")
                ))
                .help_opt(help.clone());
                if let Some(s) = help.and(crate::text::did_you_mean(
                    &e.name,
                    PLATFORM_GUARDRAILS.iter().copied(),
                )) {
                    d = d.replace_fix(format!("rename to `{s}`"), e.name_span, s, false);
                }
                self.diag(d);
            }
            self.p.controls.guardrails.push(Guardrail {
                file: self.file,
                span: e.map.span,
                kind: GuardrailKind::Platform,
                name: e.name.clone(),
                name_span: e.name_span,
                enabled,
                prompt: String::new(),
                action: String::new(),
            });
        }
        if entries.is_empty() {
            return;
        }
        let missing: Vec<&str> = PLATFORM_GUARDRAILS
            .iter()
            .copied()
            .filter(|g| !present.iter().any(|p| p == g))
            .collect();
        if !missing.is_empty() {
            let at = m
                .entry("platform_guardrails")
                .map_or(m.span, |e| e.key.span);
            let d = Diagnostic::new(
                Code::SB431,
                self.file,
                at,
                format!(
                    "`platform_guardrails` leaves out {}: the ADK expects every platform guardrail",
                    missing
                        .iter()
                        .map(|g| format!("`{g}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .help("list each one with `enabled: true` or `enabled: false`; `poly pull` writes the full list");
            self.diag(d);
        }
    }

    /// SB432: a custom guardrail's `prompt` or `action` is missing, null or empty.
    fn no_guardrail_field(&mut self, e: &NamedEntry, key: &str, found: &str) {
        let at = e.map.entry(key).map_or(e.name_span, entry_value_span);
        let d = Diagnostic::new(
            Code::SB432,
            self.file,
            at,
            format!("custom guardrail `{}` has {found} `{key}`", e.name),
        )
        .help(if key == "prompt" {
            "write what the guardrail watches for"
        } else {
            "write what the agent does when the guardrail's prompt matches"
        });
        self.diag(d);
    }

    /// A guardrail's `enabled`: SB004 for a value that is no boolean (which stops the ADK's
    /// load), and, for a platform guardrail, for null (which its validation refuses).
    fn guardrail_enabled(&mut self, m: &Node, platform: bool) -> bool {
        let Some(e) = m.entry("enabled") else {
            return true;
        };
        if e.value.is_null() {
            if platform {
                let d = Diagnostic::new(
                    Code::SB004,
                    self.file,
                    entry_value_span(e),
                    "`enabled` must be `true` or `false`, found null",
                );
                self.diag(d);
            }
            return true;
        }
        self.boolean(m, "enabled").is_none_or(|b| b.value)
    }

    fn custom_guardrails(&mut self, m: &Node) {
        let Some(items) = self.controls_list(m, "custom_guardrails") else {
            return;
        };
        let entries = self.named_entries(items, "name", "a custom guardrail");
        for (i, e) in entries.iter().enumerate() {
            if i == MAX_CUSTOM_GUARDRAILS {
                let d = Diagnostic::new(
                    Code::SB433,
                    self.file,
                    e.name_span,
                    format!(
                        "custom guardrail {} of {}: a project may have at most {MAX_CUSTOM_GUARDRAILS}",
                        i + 1,
                        entries.len()
                    ),
                )
                .help("merge guardrails that answer the same situation, or remove some");
                self.diag(d);
            }
            if self.shadowed(e, "custom guardrail") {
                continue;
            }
            self.check_keys(e.map, CUSTOM_KEYS, "a custom guardrail");
            let enabled = self.guardrail_enabled(e.map, false);
            let idx = self.p.controls.guardrails.len();
            let mut values = [String::new(), String::new()];
            for (k, key) in ["prompt", "action"].into_iter().enumerate() {
                let v = e.map.get(key).filter(|v| !v.is_null());
                let Some(v) = v else {
                    self.no_guardrail_field(e, key, "no");
                    continue;
                };
                if matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid)
                    || self.not_a_string(v, &format!("`{key}`"))
                {
                    continue;
                }
                let NodeKind::Scalar(sc) = &v.kind else {
                    self.wrong_type(v, key, "a string");
                    continue;
                };
                if sc.value.is_empty() {
                    self.no_guardrail_field(e, key, "an empty");
                    continue;
                }
                values[k] = sc.value.clone();
                if key == "action" {
                    self.text_scalar(v, FieldKind::GuardrailAction, Owner::Guardrail(idx));
                }
            }
            let [prompt, action] = values;
            self.p.controls.guardrails.push(Guardrail {
                file: self.file,
                span: e.map.span,
                kind: GuardrailKind::Custom,
                name: e.name.clone(),
                name_span: e.name_span,
                enabled,
                prompt,
                action,
            });
        }
    }
}
