//! Diagnostics: the one type every layer below the faces produces, and the rule registry.
//!
//! A diagnostic names its rule by [`Code`]; the code's name, default severity and one-line
//! summary come from [`RULES`], and its long documentation from [`crate::analysis::rule_docs`].
//! Adding a rule means adding a variant here, a row in `RULES`, a docs entry and fixtures.

use crate::source::{FileId, Span};
use serde::Serialize;

/// How bad a finding is. Ordered from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Stable rule codes. See `../shared/spec/RULES.md` and `docs/rules.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    SB001,
    SB002,
    SB003,
    SB004,
    SB005,
    SB006,
    SB007,
    SB008,
    SB009,
    SB010,
    SB101,
    SB102,
    SB103,
    SB104,
    SB105,
    SB106,
    SB107,
    SB108,
    SB109,
    SB110,
    SB111,
    SB112,
    SB113,
    SB114,
    SB115,
    SB116,
    SB117,
    SB118,
    SB119,
    SB120,
    SB121,
    SB201,
    SB202,
    SB203,
    SB204,
    SB205,
    SB206,
    SB207,
    SB208,
    SB209,
    SB210,
    SB211,
    SB212,
    SB213,
    SB214,
    SB215,
    SB216,
    SB301,
    SB302,
    SB303,
    SB304,
    SB305,
    SB306,
    SB401,
    SB402,
    SB403,
    SB404,
    SB405,
    SB406,
    SB407,
    SB408,
    SB409,
    SB410,
    SB411,
}

/// Registry row for one rule.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    pub code: Code,
    pub name: &'static str,
    /// Default severity (users may override it in `switchboard.toml`).
    pub severity: Severity,
    /// One line: when the rule fires.
    pub summary: &'static str,
}

/// Every rule, in code order.
pub static RULES: &[RuleMeta] = &[
    RuleMeta {
        code: Code::SB001,
        name: "yaml-syntax",
        severity: Severity::Error,
        summary: "a YAML file does not parse; span at the error; other files still checked",
    },
    RuleMeta {
        code: Code::SB002,
        name: "invalid-encoding",
        severity: Severity::Error,
        summary: "a file is not UTF-8 (or has a NUL byte): reported once, file skipped",
    },
    RuleMeta {
        code: Code::SB003,
        name: "unreadable-file",
        severity: Severity::Error,
        summary: "I/O error, permission, a file vanished while read",
    },
    RuleMeta {
        code: Code::SB004,
        name: "wrong-field-type",
        severity: Severity::Error,
        summary: "e.g. `is_default: \"yes\"`, `handoffs:` not a list, a missing required field",
    },
    RuleMeta {
        code: Code::SB005,
        name: "duplicate-key",
        severity: Severity::Error,
        summary: "a mapping repeats a key",
    },
    RuleMeta {
        code: Code::SB006,
        name: "merge-conflict-marker",
        severity: Severity::Error,
        summary: "`<<<<<<<`/`=======`/`>>>>>>>` lines left in a file",
    },
    RuleMeta {
        code: Code::SB007,
        name: "python-syntax",
        severity: Severity::Error,
        summary: "a function file does not parse (recover: still extract what can be)",
    },
    RuleMeta {
        code: Code::SB008,
        name: "unknown-field",
        severity: Severity::Warning,
        summary: "a key the format does not have (typo: `phone_numer`), with did-you-mean",
    },
    RuleMeta {
        code: Code::SB009,
        name: "resource-limit",
        severity: Severity::Error,
        summary: "a file exceeds the size, nesting-depth or alias-expansion bound (a YAML alias bomb is rejected, never expanded)",
    },
    RuleMeta {
        code: Code::SB010,
        name: "invalid-config",
        severity: Severity::Error,
        summary: "`switchboard.toml` does not parse, names an unknown rule, or has a value of the wrong kind",
    },
    RuleMeta {
        code: Code::SB101,
        name: "unknown-sip-method",
        severity: Severity::Error,
        summary: "`method` not invite/refer/bye",
    },
    RuleMeta {
        code: Code::SB102,
        name: "missing-route",
        severity: Severity::Error,
        summary: "invite or refer with no `phone_number`",
    },
    RuleMeta {
        code: Code::SB103,
        name: "invalid-route",
        severity: Severity::Error,
        summary: "route is neither E.164, a SIP/SIPS URI (bare or `<...>`), nor an extension; a national number without `+`/country code gets a fix that normalises when unambiguous (`+1 (415) 555-1234` → `+14155551234`)",
    },
    RuleMeta {
        code: Code::SB104,
        name: "route-not-used",
        severity: Severity::Warning,
        summary: "`phone_number` on a bye handoff",
    },
    RuleMeta {
        code: Code::SB105,
        name: "invalid-encryption",
        severity: Severity::Error,
        summary: "`outbound_encryption` not exactly `TLS/SRTP` or `UDP/RTP` (with a fix for `tls`, `udp`, `TLS`)",
    },
    RuleMeta {
        code: Code::SB106,
        name: "encryption-not-applicable",
        severity: Severity::Warning,
        summary: "`outbound_encryption`/`outbound_endpoint` on refer or bye",
    },
    RuleMeta {
        code: Code::SB107,
        name: "no-default-handoff",
        severity: Severity::Warning,
        summary: "handoffs exist and none is default (transfers without a destination go nowhere)",
    },
    RuleMeta {
        code: Code::SB108,
        name: "multiple-default-handoffs",
        severity: Severity::Error,
        summary: "more than one `is_default: true`",
    },
    RuleMeta {
        code: Code::SB109,
        name: "duplicate-handoff-name",
        severity: Severity::Error,
        summary: "two entries share a name (the official tools silently keep only one)",
    },
    RuleMeta {
        code: Code::SB110,
        name: "empty-handoff-name",
        severity: Severity::Error,
        summary: "missing or blank name",
    },
    RuleMeta {
        code: Code::SB111,
        name: "non-custom-sip-header",
        severity: Severity::Warning,
        summary: "header name without `X-` prefix",
    },
    RuleMeta {
        code: Code::SB112,
        name: "invalid-sip-header-name",
        severity: Severity::Error,
        summary: "header name not an RFC 3261 token (spaces, `:`, non-ASCII)",
    },
    RuleMeta {
        code: Code::SB113,
        name: "duplicate-sip-header",
        severity: Severity::Warning,
        summary: "same header name twice in one handoff (case-insensitive)",
    },
    RuleMeta {
        code: Code::SB114,
        name: "unknown-header-variable",
        severity: Severity::Warning,
        summary: "`$var` in a header value that no code assigns and that is not a built-in (`caller_id`, plus `[variables] builtin` in config); did-you-mean",
    },
    RuleMeta {
        code: Code::SB115,
        name: "unsafe-header-value",
        severity: Severity::Error,
        summary: "a header value containing CR, LF or NUL (header injection)",
    },
    RuleMeta {
        code: Code::SB116,
        name: "unused-handoff",
        severity: Severity::Hint,
        summary: "defined, never referenced from text or code (off when the project transfers dynamically)",
    },
    RuleMeta {
        code: Code::SB117,
        name: "missing-handoff-description",
        severity: Severity::Hint,
        summary: "empty description (\"label handoffs with their intended use\")",
    },
    RuleMeta {
        code: Code::SB118,
        name: "unreferenceable-handoff-name",
        severity: Severity::Warning,
        summary: "the name contains characters that a `{{ho:...}}` reference cannot carry (`}`, newline) or that the official validator skips (spaces, `&`): tell which",
    },
    RuleMeta {
        code: Code::SB119,
        name: "integration-method-mismatch",
        severity: Severity::Warning,
        summary: "method differs from the `[integration]` locked method",
    },
    RuleMeta {
        code: Code::SB120,
        name: "integration-route-ignored",
        severity: Severity::Info,
        summary: "route set while the integration routes by carrier",
    },
    RuleMeta {
        code: Code::SB121,
        name: "integration-headers-unsupported",
        severity: Severity::Warning,
        summary: "headers set while the integration does not support them",
    },
    RuleMeta {
        code: Code::SB201,
        name: "unknown-handoff",
        severity: Severity::Error,
        summary: "`{{ho:x}}` / `<<ho:x>>` with no such handoff",
    },
    RuleMeta {
        code: Code::SB202,
        name: "unknown-function",
        severity: Severity::Error,
        summary: "`{{fn:x}}` names no global function (start/end functions and transition functions cannot be referenced this way)",
    },
    RuleMeta {
        code: Code::SB203,
        name: "unknown-flow-function",
        severity: Severity::Error,
        summary: "`{{ft:x}}` with no transition function x in this flow (say when x exists in another flow)",
    },
    RuleMeta {
        code: Code::SB204,
        name: "unknown-attribute",
        severity: Severity::Error,
        summary: "`{{attr:x}}` / `${variant_x}` with no attribute x",
    },
    RuleMeta {
        code: Code::SB205,
        name: "unknown-variable",
        severity: Severity::Error,
        summary: "no `conv.state.x` anywhere",
    },
    RuleMeta {
        code: Code::SB206,
        name: "unknown-sms-template",
        severity: Severity::Error,
        summary: "`{{twilio_sms:x}}`",
    },
    RuleMeta {
        code: Code::SB207,
        name: "unknown-entity",
        severity: Severity::Error,
        summary: "`{{entity:x}}`, `extracted_entities`, `required_entities`",
    },
    RuleMeta {
        code: Code::SB208,
        name: "unknown-translation",
        severity: Severity::Error,
        summary: "`{{tn:x}}`",
    },
    RuleMeta {
        code: Code::SB209,
        name: "unknown-reference-kind",
        severity: Severity::Error,
        summary: "`{{foo:x}}` (did-you-mean over the kinds; `{{FN:x}}` → `{{fn:x}}`)",
    },
    RuleMeta {
        code: Code::SB210,
        name: "malformed-reference",
        severity: Severity::Error,
        summary: "unclosed `{{ho:x`, empty name `{{ho:}}`, spaces `{{ ho : x }}`, `{{ho:x}` (the official tools silently ignore these)",
    },
    RuleMeta {
        code: Code::SB211,
        name: "reference-not-allowed",
        severity: Severity::Error,
        summary: "a reference kind the field may not hold (e.g. a handoff in an SMS text)",
    },
    RuleMeta {
        code: Code::SB212,
        name: "function-in-default-step",
        severity: Severity::Error,
        summary: "fn/ft in a `default_step` prompt",
    },
    RuleMeta {
        code: Code::SB213,
        name: "noncanonical-handoff-syntax",
        severity: Severity::Hint,
        summary: "`<<ho:x>>`: resolves, fix rewrites to `{{ho:x}}`",
    },
    RuleMeta {
        code: Code::SB214,
        name: "variable-attribute-access",
        severity: Severity::Warning,
        summary: "`$var.attr` (stringify in code first)",
    },
    RuleMeta {
        code: Code::SB215,
        name: "behaviour-in-topic-content",
        severity: Severity::Warning,
        summary: "fn/ho/twilio_sms in topic `content` (content is retrieved facts; behaviour belongs in `actions`)",
    },
    RuleMeta {
        code: Code::SB216,
        name: "reference-in-python-string",
        severity: Severity::Warning,
        summary: "a reference inside a Python string returned to the model does not resolve (comments are never checked)",
    },
    RuleMeta {
        code: Code::SB301,
        name: "transfer-conflict",
        severity: Severity::Error,
        summary: "one step, topic or rules.txt section reaches both a UI handoff (`{{ho:x}}`) and a code transfer (a function that transfers, directly or through calls): the code transfer overrides the handoff (a warning in rules.txt)",
    },
    RuleMeta {
        code: Code::SB302,
        name: "unknown-handoff-destination",
        severity: Severity::Error,
        summary: "`conv.call_handoff(destination=\"x\")` (keyword or first positional) with a literal — or a value from a module-level constant dict/tuple — that names no handoff; did-you-mean is case-aware (`\"default\"` vs `DEFAULT`)",
    },
    RuleMeta {
        code: Code::SB303,
        name: "refer-utterance-may-not-play",
        severity: Severity::Warning,
        summary: "an utterance given for a handoff whose method is refer (suggest invite)",
    },
    RuleMeta {
        code: Code::SB304,
        name: "hardcoded-transfer-destination",
        severity: Severity::Warning,
        summary: "a code transfer dials a literal number/URI (return-dict `refer.phone_number`, `route=`) that matches no handoff route: it won't follow edits to handoffs.yaml",
    },
    RuleMeta {
        code: Code::SB305,
        name: "dynamic-handoff-destination",
        severity: Severity::Info,
        summary: "destination computed at run time and not provably a handoff name",
    },
    RuleMeta {
        code: Code::SB306,
        name: "default-destination-name",
        severity: Severity::Warning,
        summary: "destination `\"default\"`/`\"DEFAULT\"` names no handoff: the default handoff is reached by its own name or by omitting the destination",
    },
    RuleMeta {
        code: Code::SB401,
        name: "unknown-start-step",
        severity: Severity::Error,
        summary: "`start_step` names no step of the flow (a step's `name` or a function step's stem)",
    },
    RuleMeta {
        code: Code::SB402,
        name: "unknown-child-step",
        severity: Severity::Error,
        summary: "condition `child_step` likewise",
    },
    RuleMeta {
        code: Code::SB403,
        name: "unknown-goto-step",
        severity: Severity::Error,
        summary: "literal `flow.goto_step(\"X\")` in a flow's functions/function steps; a `goto_step` inside a `{\"transition\": {\"goto_flow\": F, \"goto_step\": S}}` dict is checked against flow F",
    },
    RuleMeta {
        code: Code::SB404,
        name: "unknown-goto-flow",
        severity: Severity::Error,
        summary: "literal `conv.goto_flow(\"X\")` or `goto_flow` in a transition dict",
    },
    RuleMeta {
        code: Code::SB405,
        name: "function-name-mismatch",
        severity: Severity::Error,
        summary: "a function file defines no function named after its stem (multi-line `def` headers are normal: the adk-rs false positive)",
    },
    RuleMeta {
        code: Code::SB406,
        name: "missing-function-description",
        severity: Severity::Error,
        summary: "global or transition function without `@func_description`",
    },
    RuleMeta {
        code: Code::SB407,
        name: "file-name-mismatch",
        severity: Severity::Error,
        summary: "topic/step file stem or flow folder ≠ clean name",
    },
    RuleMeta {
        code: Code::SB408,
        name: "too-many-example-queries",
        severity: Severity::Error,
        summary: "more than 20 example queries",
    },
    RuleMeta {
        code: Code::SB409,
        name: "default-variant-count",
        severity: Severity::Error,
        summary: "not exactly one default variant",
    },
    RuleMeta {
        code: Code::SB410,
        name: "variant-values-mismatch",
        severity: Severity::Error,
        summary: "an attribute misses a variant or names an unknown one",
    },
    RuleMeta {
        code: Code::SB411,
        name: "duplicate-name",
        severity: Severity::Error,
        summary: "two topics/flows/steps/templates/attributes/entities share a name",
    },
];

impl Code {
    pub fn meta(self) -> &'static RuleMeta {
        // RULES is in the same order as the enum.
        &RULES[self as usize]
    }
    pub fn as_str(self) -> &'static str {
        // Derived from Debug so the string can never drift from the variant.
        CODE_STRS[self as usize]
    }
    pub fn name(self) -> &'static str {
        self.meta().name
    }
    pub fn default_severity(self) -> Severity {
        self.meta().severity
    }
    /// Look a rule up by code (`SB201`, case-insensitive) or name (`unknown-handoff`).
    pub fn lookup(s: &str) -> Option<Code> {
        let s = s.trim();
        RULES
            .iter()
            .find(|r| r.code.as_str().eq_ignore_ascii_case(s) || r.name.eq_ignore_ascii_case(s))
            .map(|r| r.code)
    }
    pub fn all() -> impl Iterator<Item = Code> {
        RULES.iter().map(|r| r.code)
    }
}

static CODE_STRS: &[&str] = &[
    "SB001", "SB002", "SB003", "SB004", "SB005", "SB006", "SB007", "SB008", "SB009", "SB010",
    "SB101", "SB102", "SB103", "SB104", "SB105", "SB106", "SB107", "SB108", "SB109", "SB110",
    "SB111", "SB112", "SB113", "SB114", "SB115", "SB116", "SB117", "SB118", "SB119", "SB120",
    "SB121", "SB201", "SB202", "SB203", "SB204", "SB205", "SB206", "SB207", "SB208", "SB209",
    "SB210", "SB211", "SB212", "SB213", "SB214", "SB215", "SB216", "SB301", "SB302", "SB303",
    "SB304", "SB305", "SB306", "SB401", "SB402", "SB403", "SB404", "SB405", "SB406", "SB407",
    "SB408", "SB409", "SB410", "SB411",
];

/// A secondary location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

/// A fix: a titled set of edits. `safe` fixes can be applied without review ("fix all").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub safe: bool,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: FileId,
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    /// A `help:` line, e.g. did-you-mean.
    pub help: Option<String>,
    /// Extra `note:` lines.
    pub notes: Vec<String>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(code: Code, file: FileId, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            file,
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            fixes: Vec::new(),
        }
    }
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn label(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    pub fn fix(mut self, title: impl Into<String>, edits: Vec<Edit>, safe: bool) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
            safe,
        });
        self
    }
    /// A single-edit fix replacing `span` in this diagnostic's file.
    pub fn replace_fix(
        self,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        safe: bool,
    ) -> Self {
        let file = self.file;
        self.fix(
            title,
            vec![Edit {
                file,
                span,
                replacement: replacement.into(),
            }],
            safe,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_in_enum_order_and_unique() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code as usize, i);
            assert_eq!(format!("{:?}", r.code), r.code.as_str());
        }
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        assert_eq!(Code::lookup("unknown-handoff"), Some(Code::SB201));
        assert_eq!(Code::lookup("sb201"), Some(Code::SB201));
        assert_eq!(Code::lookup("nope"), None);
    }
}
