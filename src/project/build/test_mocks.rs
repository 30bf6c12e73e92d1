//! Building a test case's run-time inputs as the ADK reads them (polyai-adk 0.73.2,
//! `resources/test_suite.py`): the test clock `simulated_at` (SB464, through Python's
//! `datetime.fromisoformat`, `isoformat.rs`), the `integration_attributes` (SB465: values a
//! `google.protobuf.Struct` can carry), and the `api_mocks` (SB466 their shape, SB467 an empty
//! integration or operation name, SB469 each response rule), whose integration and operation
//! names are checked against `config/api_integrations.yaml` across files (SB467, SB468).

use super::Builder;
use super::typed::truthy;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{ApiMock, Spanned};
use crate::source::Span;
use crate::syntax::yaml::{Node, NodeKind};

/// The text Python's `str()` gives a loaded value, for the types `fromisoformat` may accept:
/// `None` for a value that is surely refused.
fn python_str(v: &Node) -> Option<String> {
    let s = v.scalar()?;
    match v.type_name() {
        "string" => Some(s.value.clone()),
        "integer" => v
            .as_i64()
            .map(|i| i.to_string())
            .or_else(|| Some(s.value.replace('_', ""))),
        "float" => {
            let x: f64 = s.value.replace('_', "").parse().ok()?;
            (x.is_finite() && (x == 0.0 || (1e-4..1e16).contains(&x.abs())))
                .then(|| format!("{x:?}"))
        }
        _ => None,
    }
}

/// What `_validate_attribute_value` refuses in `v` (a date, a key that is no text), with the
/// path the ADK names it by.
fn struct_problems(v: &Node, path: &str, out: &mut Vec<(Span, String)>) {
    match &v.kind {
        NodeKind::Map(entries) => {
            for e in entries {
                let key = e.key.as_str().unwrap_or("?");
                if e.key.type_name() != "string" {
                    out.push((
                        e.key.span,
                        format!(
                            "key `{key}` of `{path}` is {} to YAML, not text",
                            article(&e.key)
                        ),
                    ));
                    continue;
                }
                struct_problems(&e.value, &format!("{path}.{key}"), out);
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                struct_problems(item, &format!("{path}[{i}]"), out);
            }
        }
        NodeKind::Scalar(_) if v.type_name() == "timestamp" => out.push((
            v.span,
            format!("`{path}` is a date to YAML, which the agent cannot receive"),
        )),
        _ => {}
    }
}

fn article(n: &Node) -> &'static str {
    match n.type_name() {
        "integer" => "an integer",
        "float" => "a float",
        "boolean" => "a boolean",
        "null" => "null",
        "timestamp" => "a date",
        "mapping" => "a mapping",
        "sequence" => "a list",
        _ => "no text",
    }
}

impl Builder<'_> {
    /// SB464: `simulated_at`, as `parse_simulated_at` reads it.
    pub(super) fn simulated_at(&mut self, m: &Node) {
        let Some(v) = m.get("simulated_at") else {
            return;
        };
        if v.is_null() || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return;
        }
        // ruamel reads an unquoted timestamp as a datetime, which the ADK takes as it is.
        if v.type_name() == "timestamp" {
            return;
        }
        if v.type_name() == "string" && v.as_str() == Some("") {
            return;
        }
        let reason = match python_str(v) {
            Some(text) => match super::isoformat::simulated_at(&text) {
                Ok(()) => return,
                Err(r) => r,
            },
            None => format!("it is {}", article(v)),
        };
        let shown = v
            .as_str()
            .map_or_else(|| self.source_line(v.span), str::to_string);
        let d = Diagnostic::new(
            Code::SB464,
            self.file,
            v.span,
            format!("invalid `simulated_at` `{shown}`: {reason}"),
        )
        .help("write an ISO 8601 date and time, e.g. `\"2026-01-15T09:30:00Z\"`");
        self.diag(d);
    }

    /// SB465: `integration_attributes`, values the platform can pass on as JSON.
    pub(super) fn integration_attributes(&mut self, m: &Node) {
        let Some(v) = m.get("integration_attributes") else {
            return;
        };
        let mut problems = Vec::new();
        struct_problems(v, "integration_attributes", &mut problems);
        for (span, message) in problems {
            let d = Diagnostic::new(Code::SB465, self.file, span, message)
                .help("quote it, so YAML keeps it as text");
            self.diag(d);
        }
    }

    /// SB466: a part of `api_mocks` that is not the shape the ADK reads.
    fn mock_shape(&mut self, at: Span, message: String) {
        let d = Diagnostic::new(Code::SB466, self.file, at, message)
            .note("`api_mocks` maps an integration to its operations, each to a list of rules `{respond: {status, body, headers}, repeat}`");
        self.diag(d);
    }

    fn mock_rule_problem(&mut self, at: Span, label: &str, message: String, help: &str) {
        let d = Diagnostic::new(Code::SB469, self.file, at, format!("{label}: {message}"))
            .help(help.to_string());
        self.diag(d);
    }

    /// `api_mocks`: the mocked operations, checked as `TestCaseApiMocks` reads and validates
    /// them; the names are returned for the checks across files.
    pub(super) fn api_mocks(&mut self, m: &Node) -> Vec<ApiMock> {
        let mut out = Vec::new();
        let Some(v) = m.get("api_mocks") else {
            return out;
        };
        if !truthy(v) || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return out;
        }
        let NodeKind::Map(integrations) = &v.kind else {
            self.mock_shape(
                v.span,
                format!("`api_mocks` must be a mapping, found {}", v.type_name()),
            );
            return out;
        };
        for ie in integrations {
            let Some(ik) = ie.key.scalar() else {
                self.mock_shape(
                    ie.key.span,
                    "an integration name of `api_mocks` must be text".into(),
                );
                continue;
            };
            if ie.key.type_name() != "string" {
                self.mock_shape(
                    ie.key.span,
                    format!(
                        "the integration name `{}` of `api_mocks` is {} to YAML, not text",
                        ik.value,
                        article(&ie.key)
                    ),
                );
                continue;
            }
            let iname = ik.value.clone();
            let ispan = super::value_span(ik);
            if iname.is_empty() {
                let d = Diagnostic::new(
                    Code::SB467,
                    self.file,
                    ie.key.span,
                    "an API mock has an empty integration name",
                )
                .help("name an API integration of `config/api_integrations.yaml`");
                self.diag(d);
            }
            let ops = &ie.value;
            if !truthy(ops) || matches!(ops.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            let NodeKind::Map(operations) = &ops.kind else {
                self.mock_shape(
                    ops.span,
                    format!(
                        "`api_mocks.{iname}` must map operation names to response rules, found {}",
                        ops.type_name()
                    ),
                );
                continue;
            };
            for oe in operations {
                let oname = oe.key.as_str().unwrap_or("").to_string();
                let opnode = &oe.key;
                let op_text = (opnode.type_name() == "string")
                    .then(|| {
                        opnode
                            .scalar()
                            .map(|s| Spanned::new(s.value.clone(), super::value_span(s)))
                    })
                    .flatten();
                if !truthy(opnode) {
                    let d = Diagnostic::new(
                        Code::SB467,
                        self.file,
                        opnode.span,
                        format!("an API mock of `{iname}` has an empty operation name"),
                    )
                    .help("name an operation of the integration");
                    self.diag(d);
                }
                let label = format!("API mock `{iname}.{oname}`");
                self.mock_rules(&oe.value, &label, opnode.span);
                if !iname.is_empty() && truthy(opnode) {
                    out.push(ApiMock {
                        integration: Spanned::new(iname.clone(), ispan),
                        operation: op_text,
                    });
                }
            }
        }
        out
    }

    /// The response rules of one mocked operation.
    fn mock_rules(&mut self, rules: &Node, label: &str, key_span: Span) {
        if matches!(rules.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return;
        }
        let items: &[Node] = match &rules.kind {
            NodeKind::Seq(items) => items,
            _ if !truthy(rules) => &[],
            _ => {
                self.mock_shape(
                    rules.span,
                    format!(
                        "{label} must be a list of response rules, found {}",
                        rules.type_name()
                    ),
                );
                return;
            }
        };
        if items.is_empty() {
            let at = if rules.span.is_empty() {
                key_span
            } else {
                rules.span
            };
            self.mock_rule_problem(
                at,
                label,
                "no response rule".into(),
                "give at least one rule, e.g. `- respond: {status: 200}`",
            );
            return;
        }
        for (i, rule) in items.iter().enumerate() {
            let label = format!("{label}[{i}]");
            if matches!(rule.kind, NodeKind::Alias(_) | NodeKind::Invalid) || !truthy(rule) {
                continue;
            }
            if !matches!(rule.kind, NodeKind::Map(_)) {
                self.mock_shape(rule.span, format!("{label} must be a mapping with `respond` and optionally `repeat`, found {}", rule.type_name()));
                continue;
            }
            self.mock_respond(rule.get("respond"), &label, rule.span);
            if let Some(r) = rule.get("repeat").filter(|r| !r.is_null()) {
                let n = (r.type_name() == "integer").then(|| r.as_i64()).flatten();
                match n {
                    Some(n) if n >= 1 => {}
                    Some(-1) if i + 1 == items.len() => {}
                    Some(-1) => self.mock_rule_problem(
                        r.span,
                        &label,
                        "`repeat: -1` (respond forever) is allowed on the last rule only".into(),
                        "move this rule last, or give it a count",
                    ),
                    _ if matches!(r.kind, NodeKind::Alias(_) | NodeKind::Invalid) => {}
                    _ => {
                        let shown = r
                            .as_str()
                            .map_or_else(|| self.source_line(r.span), str::to_string);
                        self.mock_rule_problem(
                            r.span,
                            &label,
                            format!("`repeat` `{shown}` must be a positive integer or -1"),
                            "give how many times the rule answers, or -1 for every later call",
                        );
                    }
                }
            }
        }
    }

    fn mock_respond(&mut self, respond: Option<&Node>, label: &str, rule_span: Span) {
        let Some(r) = respond.filter(|r| truthy(r)) else {
            return; // `data or {}`: status 200, no body.
        };
        if matches!(r.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return;
        }
        if !matches!(r.kind, NodeKind::Map(_)) {
            self.mock_shape(r.span, format!("{label}: `respond` must be a mapping with `status` and optionally `body` and `headers`, found {}", r.type_name()));
            return;
        }
        let _ = rule_span;
        if let Some(h) = r.get("headers").filter(|h| truthy(h)) {
            match &h.kind {
                NodeKind::Map(entries) => {
                    for e in entries {
                        if e.key.type_name() != "string" || e.key.as_str().is_none_or(str::is_empty)
                        {
                            self.mock_rule_problem(
                                e.key.span,
                                label,
                                "a header name must be non-empty text".into(),
                                "quote the header name",
                            );
                        }
                    }
                }
                NodeKind::Alias(_) | NodeKind::Invalid => {}
                _ => self.mock_shape(
                    h.span,
                    format!(
                        "{label}: `respond.headers` must map header names to values, found {}",
                        h.type_name()
                    ),
                ),
            }
        }
        if let Some(s) = r.get("status") {
            let ok =
                s.type_name() == "integer" && s.as_i64().is_some_and(|n| (100..=599).contains(&n));
            if !ok && !matches!(s.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                let shown = s
                    .as_str()
                    .map_or_else(|| self.source_line(s.span), str::to_string);
                let at = if s.span.is_empty() {
                    r.entry("status").map_or(s.span, |e| e.key.span)
                } else {
                    s.span
                };
                self.mock_rule_problem(
                    at,
                    label,
                    format!(
                        "status `{shown}` is not an HTTP status code (an integer from 100 to 599)"
                    ),
                    "write the status unquoted, e.g. `status: 404`",
                );
            }
        }
        if let Some(b) = r.get("body").filter(|b| b.type_name() != "string") {
            let mut problems = Vec::new();
            struct_problems(b, "body", &mut problems);
            for (span, message) in problems {
                self.mock_rule_problem(span, label, message, "quote it, so YAML keeps it as text");
            }
        }
    }
}
