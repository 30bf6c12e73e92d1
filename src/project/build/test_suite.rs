//! Building test cases: a `test_suite/<case>.yaml` file's name, channel, scenario, language,
//! variant and function-call assertions, with the field types the ADK checks as it reads the
//! file (polyai-adk 0.73.2, `resources/test_suite.py`), and the shape of each assertion's
//! arguments (SB459); its clock, integration attributes and API mocks are read by
//! `test_mocks.rs`.

use super::Builder;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{AssertedCall, TestCase};
use crate::syntax::yaml::{Node, NodeKind};

/// The keys the ADK reads from a test case (`TestCase.from_yaml_dict`).
const KEYS: &[&str] = &[
    "name",
    "scenario",
    "channel",
    "language",
    "variant",
    "caller_number",
    "simulated_at",
    "tags",
    "sip_headers",
    "integration_attributes",
    "api_mocks",
    "prompt_assertions",
    "function_call_assertions",
];

/// The keys of a function-call assertion's argument: `FunctionCallArgumentAssertion`'s fields,
/// which the ADK fills from the mapping (a missing one, or any other key, stops it).
const ARGUMENT_KEYS: &[&str] = &["parameter_name", "expected_value", "value_type"];
const ARGUMENT_OPTIONAL: &str = "assertion_type";

/// The value types an argument may be compared as (`ALLOWED_TYPES`).
pub const VALUE_TYPES: &[&str] = &["string", "integer", "number", "boolean"];

impl Builder<'_> {
    pub(super) fn test_case(&mut self, root: &Node) {
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(m, KEYS, "a test case");
        let name = self.str_field(m, "name");
        let channel = self.str_value(m, "channel");
        let scenario = self.str_value(m, "scenario");
        let language = self.str_value(m, "language");
        let variant = self.str_field(m, "variant");
        // `caller_number` is text: `+447700900000` unquoted is an integer to YAML.
        self.str_value(m, "caller_number");
        for key in ["prompt_assertions", "tags"] {
            if let Some(items) = self.list(m, key) {
                for item in items {
                    self.string_item(item, key);
                }
            }
        }
        let mut function_calls = Vec::new();
        if let Some(items) = self.list(m, "function_call_assertions") {
            for item in items {
                let Some(a) = self.mapping(item, "a function-call assertion") else {
                    continue;
                };
                let name = a.get("name").map(|n| self.yaml_value(n));
                if let Some(args) = self.list(a, "arguments") {
                    for arg in args {
                        self.assertion_argument(arg);
                    }
                }
                function_calls.push(AssertedCall {
                    span: item.span,
                    name,
                });
            }
        }
        self.sip_headers(m);
        self.simulated_at(m);
        self.integration_attributes(m);
        let api_mocks = self.api_mocks(m);
        self.p.test_cases.push(TestCase {
            file: self.file,
            name,
            channel,
            scenario,
            language,
            variant,
            function_calls,
            api_mocks,
        });
    }

    /// A field the ADK types as `str`, kept as written (null and empty values too, which its
    /// checks tell apart from a missing key; a null value's span is its key's): SB013 or SB004
    /// when it is no string.
    fn str_value(&mut self, m: &Node, key: &str) -> Option<crate::model::YamlValue> {
        let v = m.get(key)?;
        if !self.not_a_string(v, &format!("`{key}`"))
            && !matches!(
                v.kind,
                NodeKind::Scalar(_) | NodeKind::Alias(_) | NodeKind::Invalid
            )
        {
            self.wrong_type(v, key, "a string");
        }
        let mut value = self.yaml_value(v);
        // A null value has no characters: a finding about it goes on the key.
        if value.span.is_empty()
            && let Some(e) = m.entries().iter().find(|e| e.key.as_str() == Some(key))
        {
            value.span = e.key.span;
        }
        Some(value)
    }

    /// `sip_headers`, a `dict[str, str]` to the ADK's read: a key or value of another type
    /// stops the load (SB004, SB013).
    fn sip_headers(&mut self, m: &Node) {
        let Some(NodeKind::Map(entries)) = m.get("sip_headers").map(|h| &h.kind) else {
            return;
        };
        for e in entries {
            if e.key.type_name() != "string" {
                self.wrong_type(&e.key, "a SIP header name", "a string");
                continue;
            }
            let what = format!("SIP header `{}`", e.key.as_str().unwrap_or(""));
            if self.not_a_string(&e.value, &what) {
                continue;
            }
            if e.value.is_null() || matches!(e.value.kind, NodeKind::Map(_) | NodeKind::Seq(_)) {
                self.wrong_type(&e.value, &what, "a string");
            }
        }
    }

    /// An item of a list the ADK types as `list[str]`.
    fn string_item(&mut self, item: &Node, key: &str) {
        if self.not_a_string(item, &format!("an item of `{key}`")) {
            return;
        }
        if matches!(item.kind, NodeKind::Map(_) | NodeKind::Seq(_)) {
            self.wrong_type(item, &format!("an item of `{key}`"), "a string");
        }
    }

    /// SB459: one argument of a function-call assertion: a mapping of exactly
    /// `parameter_name`, `expected_value` and `value_type` (and optionally `assertion_type`),
    /// its `value_type` one of [`VALUE_TYPES`].
    fn assertion_argument(&mut self, arg: &Node) {
        let Some(m) = self.mapping(arg, "an assertion argument") else {
            return;
        };
        let missing: Vec<&str> = ARGUMENT_KEYS
            .iter()
            .copied()
            .filter(|k| m.get(k).is_none())
            .collect();
        if !missing.is_empty() {
            let d = Diagnostic::new(
                Code::SB459,
                self.file,
                arg.span,
                format!(
                    "this assertion argument is missing {}",
                    missing
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .note("an argument is `parameter_name`, `expected_value` and `value_type`");
            self.diag(d);
        }
        for e in m.entries() {
            let Some(k) = e.key.as_str() else { continue };
            if ARGUMENT_KEYS.contains(&k) || k == ARGUMENT_OPTIONAL {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::SB459,
                self.file,
                e.key.span,
                format!("unknown key `{k}` in an assertion argument"),
            );
            if let Some(s) = crate::text::did_you_mean(k, ARGUMENT_KEYS.iter().copied()) {
                d = d.help(format!("did you mean `{s}`?")).replace_fix(
                    format!("rename to `{s}`"),
                    e.key.span,
                    s,
                    false,
                );
            }
            self.diag(d.note(
                "the ADK reads only `parameter_name`, `expected_value` and `value_type` here",
            ));
        }
        let Some(vt) = m.get("value_type") else {
            return;
        };
        let value = self.yaml_value(vt);
        let ok = value.ty == crate::model::YamlType::Str && VALUE_TYPES.contains(&&*value.text);
        if ok || matches!(vt.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return;
        }
        let shown = if matches!(vt.kind, NodeKind::Scalar(_)) {
            format!("`{}`", value.text)
        } else {
            format!("a {}", value.type_name())
        };
        let mut d = Diagnostic::new(
            Code::SB459,
            self.file,
            value.span,
            format!("invalid assertion value type {shown}"),
        )
        .note("the value types are `string`, `integer`, `number` and `boolean`");
        if let Some(s) = crate::text::did_you_mean(&value.text, VALUE_TYPES.iter().copied()) {
            d = d.help(format!("did you mean `{s}`?")).replace_fix(
                format!("replace with `{s}`"),
                value.span,
                s,
                false,
            );
        }
        self.diag(d);
    }
}
