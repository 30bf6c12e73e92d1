//! Building the controls files other than the guardrails, as the ADK reads and validates them
//! (polyai-adk 0.73.2): `voice/response_control/phrase_filtering.yaml` (`resources/
//! phrase_filter.py`: SB438; its function is checked across files, SB439). Entries whose names
//! clean alike are SB437; the shapes that stop the ADK's load are SB004 and SB013.

use super::Builder;
use crate::controls::PhraseFilter;
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::yaml::{Node, NodeKind};

const PHRASE_FILTER_KEYS: &[&str] = &[
    "name",
    "description",
    "regular_expressions",
    "say_phrase",
    "language_code",
    "function",
];

impl Builder<'_> {
    pub(super) fn phrase_filters(&mut self, root: Option<&Node>) {
        let Some(root) = root.filter(|r| !r.is_null()) else {
            return;
        };
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(m, &["phrase_filtering"], "phrase_filtering.yaml");
        let Some(items) = self.controls_list(m, "phrase_filtering") else {
            return;
        };
        for e in self.named_entries(items, "name", "a phrase filter") {
            if self.shadowed(&e, "phrase filter") {
                continue;
            }
            self.check_keys(e.map, PHRASE_FILTER_KEYS, "a phrase filter");
            let description = self.str_field(e.map, "description");
            let regexes = self.str_list(e.map, "regular_expressions");
            let say_phrase = self.boolean(e.map, "say_phrase").is_some_and(|b| b.value);
            let language_code = self.str_field(e.map, "language_code");
            let string = e
                .map
                .get("function")
                .is_some_and(|f| f.type_name() == "string");
            let function = self
                .str_field(e.map, "function")
                .filter(|f| string && !f.value.is_empty());
            let regexes: Vec<String> = regexes
                .unwrap_or_default()
                .into_iter()
                .map(|r| r.value)
                .collect();
            // Missing, null or `[]`: nothing to filter (another value already stopped the load).
            let none = e.map.get("regular_expressions").is_none_or(|v| {
                v.is_null() || matches!(&v.kind, NodeKind::Seq(items) if items.is_empty())
            });
            if none {
                let at = e
                    .map
                    .entry("regular_expressions")
                    .map_or(e.name_span, |en| en.key.span);
                let d = Diagnostic::new(
                    Code::SB438,
                    self.file,
                    at,
                    format!(
                        "phrase filter `{}` has no regular expression: the ADK needs at least one",
                        e.name
                    ),
                )
                .help(
                    "list the patterns of what the agent must not say under `regular_expressions`",
                );
                self.diag(d);
            }
            self.p.controls.phrase_filters.push(PhraseFilter {
                file: self.file,
                span: e.map.span,
                name: e.name.clone(),
                description: description
                    .map(|d| d.value.trim().to_string())
                    .unwrap_or_default(),
                regular_expressions: regexes,
                say_phrase,
                language_code: language_code.map(|l| l.value).unwrap_or_default(),
                function: function.map(|f| (f.value, f.span)),
            });
        }
    }
}
