//! A flow step's settings sections (`dtmf_config`, `asr_biasing`, `asr`, `vad`, `barge_in`,
//! `llm`) as the ADK reads them (`FlowSettings`, polyai-adk 0.73.2 `resources/flows.py`): the
//! key set of each (SB015), the types of its fields (SB004, SB013), and the values it checks
//! (SB421 DTMF, SB422 VAD, SB423 reasoning effort).

use super::Builder;
use super::typed::{truthy, yaml_number};
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::yaml::{Node, NodeKind};
use crate::text::did_you_mean;

/// The type the ADK gives a field of a settings section.
#[derive(Clone, Copy)]
enum Ty {
    Bool,
    Int,
    Float,
    Str,
    StrList,
    /// `llm.reasoning_effort`: read by its own parser (SB423).
    Effort,
}

/// One settings section: its key in the step file, whether the ADK drops it unless
/// `is_enabled` is true (and so leaves its values unchecked), its fields, and the fields it
/// cannot do without.
struct Section {
    key: &'static str,
    gated: bool,
    fields: &'static [(&'static str, Ty)],
    required: &'static [&'static str],
}

const SECTIONS: [Section; 6] = [
    Section {
        key: "dtmf_config",
        gated: true,
        fields: &[
            ("is_enabled", Ty::Bool),
            ("inter_digit_timeout", Ty::Int),
            ("max_digits", Ty::Int),
            ("end_key", Ty::Str),
            ("collect_while_agent_speaking", Ty::Bool),
            ("is_pii", Ty::Bool),
        ],
        required: &[],
    },
    Section {
        key: "asr_biasing",
        gated: true,
        fields: &[
            ("alphanumeric", Ty::Bool),
            ("name_spelling", Ty::Bool),
            ("numeric", Ty::Bool),
            ("party_size", Ty::Bool),
            ("precise_date", Ty::Bool),
            ("relative_date", Ty::Bool),
            ("single_number", Ty::Bool),
            ("time", Ty::Bool),
            ("yes_no", Ty::Bool),
            ("address", Ty::Bool),
            ("custom_keywords", Ty::StrList),
            ("is_enabled", Ty::Bool),
        ],
        required: &[],
    },
    Section {
        key: "asr",
        gated: false,
        fields: &[("provider", Ty::Str), ("model", Ty::Str)],
        required: &[],
    },
    Section {
        key: "vad",
        gated: false,
        fields: &[
            ("provider", Ty::Str),
            ("vad_start", Ty::Float),
            ("vad_end", Ty::Float),
            ("speech_threshold", Ty::Float),
            ("silence_threshold", Ty::Float),
        ],
        required: &[],
    },
    Section {
        key: "barge_in",
        gated: false,
        fields: &[("is_enabled", Ty::Bool)],
        required: &["is_enabled"],
    },
    Section {
        key: "llm",
        gated: false,
        fields: &[
            ("provider_model_id", Ty::Str),
            ("reasoning_effort", Ty::Effort),
        ],
        required: &[],
    },
];

/// The reasoning efforts the ADK knows, in the order of its enum (a number 0 to 5 is an index).
const EFFORTS: [&str; 6] = ["unspecified", "minimal", "low", "medium", "high", "auto"];

impl Builder<'_> {
    /// The settings sections of the step file `m`. The ADK reads a section only when it is
    /// there and true to Python (`{}`, null and `0` are skipped); a gated one is replaced by the
    /// defaults, unchecked, unless its `is_enabled` is true.
    pub(super) fn step_settings(&mut self, m: &Node) {
        for section in &SECTIONS {
            let Some(v) = m.get(section.key).filter(|v| truthy(v)) else {
                continue;
            };
            if matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
                continue;
            }
            if !matches!(v.kind, NodeKind::Map(_)) {
                self.wrong_type(v, section.key, "a mapping");
                continue;
            }
            let known: Vec<&str> = section.fields.iter().map(|(k, _)| *k).collect();
            self.strict_keys(v, &known, section.key);
            for req in section.required {
                if v.get(req).is_none() {
                    self.missing(v.span, req, &format!("`{}`", section.key));
                }
            }
            if section.gated && !v.get("is_enabled").is_some_and(truthy) {
                continue;
            }
            for &(key, ty) in section.fields {
                let Some(field) = v.get(key) else { continue };
                if field.is_null() && !matches!(ty, Ty::Effort) {
                    continue;
                }
                let what = format!("{}.{key}", section.key);
                match ty {
                    Ty::Bool => self.bool_value(field, &what),
                    Ty::Int => {
                        self.int_field(v, key);
                    }
                    Ty::Float => {
                        self.float_field(v, key);
                    }
                    Ty::Str => {
                        self.str_field(v, key);
                    }
                    Ty::StrList => {
                        self.str_list(v, key);
                    }
                    Ty::Effort => self.reasoning_effort(field),
                }
            }
            match section.key {
                "dtmf_config" => self.dtmf_values(v),
                "vad" => self.vad_values(v),
                _ => {}
            }
        }
    }

    /// SB004 for a field the ADK types `bool` holding anything but a boolean.
    fn bool_value(&mut self, v: &Node, what: &str) {
        if matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) || v.type_name() == "boolean" {
            return;
        }
        self.wrong_type(v, what, "a boolean (`true` or `false`)");
    }

    /// SB421: an enabled DTMF config's timeout and digit count cannot be negative
    /// (`DTMFConfig.validate`).
    fn dtmf_values(&mut self, dtmf: &Node) {
        for key in ["inter_digit_timeout", "max_digits"] {
            let Some(v) = dtmf.get(key) else { continue };
            if !negative_integer(v) {
                continue;
            }
            let shown_value = v.as_str().unwrap_or_default();
            let d = Diagnostic::new(
                Code::SB421,
                self.file,
                v.span,
                format!("`dtmf_config.{key}` is {shown_value}: it cannot be negative"),
            )
            .help("use 0 or a positive number");
            self.diag(d);
        }
    }

    /// SB422: `vad_start` and `vad_end` must be finite and not negative (`VADConfig.validate`).
    fn vad_values(&mut self, vad: &Node) {
        for key in ["vad_start", "vad_end"] {
            let Some(v) = vad.get(key) else { continue };
            let Some(x) = yaml_number(v) else { continue };
            let problem = if !x.is_finite() {
                "it must be a finite number"
            } else if x < 0.0 {
                "it cannot be negative"
            } else {
                continue;
            };
            let shown_value = v.as_str().unwrap_or_default();
            let d = Diagnostic::new(
                Code::SB422,
                self.file,
                v.span,
                format!("`vad.{key}` is {shown_value}: {problem}"),
            )
            .help("use 0 or a positive number of seconds, or leave the field out");
            self.diag(d);
        }
    }

    /// SB423: the ADK's `parse_reasoning_effort`: one of [`EFFORTS`] as text, or its index as
    /// an integer (what Agent Studio writes); anything else fails the load.
    fn reasoning_effort(&mut self, v: &Node) {
        if matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return;
        }
        let text = v.as_str().unwrap_or_default();
        let accepted = match v.type_name() {
            "integer" => v.as_i64().is_some_and(|i| (0..6).contains(&i)),
            "string" => EFFORTS.contains(&text),
            _ => false,
        };
        if accepted {
            return;
        }
        let shown_value = match &v.kind {
            NodeKind::Scalar(_) if v.is_null() => "null".to_string(),
            NodeKind::Scalar(_) => format!("`{text}`"),
            _ => format!("a {}", v.type_name()),
        };
        let mut d = Diagnostic::new(
            Code::SB423,
            self.file,
            v.span,
            format!(
                "`llm.reasoning_effort` is {shown_value}: the ADK takes {}",
                EFFORTS.join(", ")
            ),
        );
        let lower = text.to_ascii_lowercase();
        let suggestion = if EFFORTS.contains(&lower.as_str()) {
            Some(EFFORTS[EFFORTS.iter().position(|e| *e == lower).unwrap_or(0)])
        } else {
            did_you_mean(text, EFFORTS.iter().copied())
        };
        if let (Some(s), NodeKind::Scalar(_)) = (suggestion, &v.kind) {
            d = d.help(format!("did you mean `{s}`?")).replace_fix(
                format!("use `{s}`"),
                v.span,
                s,
                false,
            );
        }
        self.diag(d);
    }
}

/// A YAML integer below zero. (The ADK types these settings `int`: a float is refused by its type
/// check, whatever its sign.)
fn negative_integer(v: &Node) -> bool {
    let Some(s) = v.scalar() else { return false };
    if s.type_name() != "integer" {
        return false;
    }
    match v.as_i64() {
        Some(n) => n < 0,
        None => s.value.starts_with('-') && s.value.chars().any(|c| c.is_ascii_digit() && c != '0'),
    }
}
