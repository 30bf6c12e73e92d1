//! Building flows: a flow's `flow_config.yaml` and its steps (prompt, child steps, entities), and
//! the checks of their values that the official ADK makes (SB418–SB420; a step's settings
//! sections are `step_settings.rs`).

use super::{Builder, scalar_spanned, value_span};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, Owner, Spanned, Step, StepType};
use crate::syntax::yaml::{Entry, Node, ScalarStyle};

impl Builder<'_> {
    pub(super) fn flow_config(&mut self, root: &Node, flow: usize) {
        let Some(m) = self.root_map(root) else { return };
        let name = self.str_field(m, "name");
        let description = self.str_field(m, "description").map(|d| d.value);
        let start_step = self.str_field(m, "start_step");
        self.flow_description(m, name.as_ref());
        let f = &mut self.p.flows[flow];
        f.config = Some(self.file);
        f.name = name;
        f.description = description;
        f.start_step = start_step;
    }

    pub(super) fn step(&mut self, root: &Node, flow: usize) {
        let Some(m) = self.root_map(root) else { return };
        let step_idx = self.p.flows[flow].steps.len();
        let name = self.str_field(m, "name");
        if name.is_none() {
            self.missing(m.span, "name", "this step");
        }
        self.step_values(m, name.as_ref());
        self.step_settings(m);
        let step_type = match self
            .string(m, "step_type")
            .as_ref()
            .map(|s| s.value.as_str())
        {
            Some("advanced_step") => StepType::Advanced,
            Some("default_step") => StepType::Default,
            _ => StepType::Other,
        };
        let field = match step_type {
            StepType::Advanced => FieldKind::AdvancedStepPrompt,
            StepType::Default => FieldKind::DefaultStepPrompt,
            StepType::Other => FieldKind::OtherStepPrompt,
        };
        if let Some(pn) = m.get("prompt") {
            self.text_scalar(
                pn,
                field,
                Owner::Step {
                    flow,
                    step: step_idx,
                },
            );
        }
        let mut child_steps = Vec::new();
        let mut entities = Vec::new();
        for key in ["extracted_entities", "required_entities"] {
            if let Some(items) = self.list(m, key) {
                entities.extend(items.iter().filter_map(scalar_spanned));
            }
        }
        if let Some(conds) = self.list(m, "conditions") {
            for c in conds {
                let Some(cm) = self.mapping(c, "condition") else {
                    continue;
                };
                if let Some(cs) = self.string(cm, "child_step") {
                    child_steps.push(cs);
                }
                if let Some(items) = self.list(cm, "required_entities") {
                    entities.extend(items.iter().filter_map(scalar_spanned));
                }
            }
        }
        self.p.flows[flow].steps.push(Step {
            file: self.file,
            name,
            step_type,
            child_steps,
            entities,
        });
    }
}

impl Builder<'_> {
    /// SB420: the ADK reads a flow's `description` as `(value or "").strip()` and rejects the
    /// flow when that is empty. (It strips before it compares, so surrounding whitespace, such as
    /// the line break ending a `|` block, is never "leading or trailing whitespace" to it.)
    fn flow_description(&mut self, m: &Node, name: Option<&Spanned<String>>) {
        let flow = name.map_or_else(
            || "this flow".to_string(),
            |n| format!("flow `{}`", n.value),
        );
        let d = match m.entry("description") {
            None => Diagnostic::new(
                Code::SB420,
                self.file,
                m.span,
                format!("{flow} has no `description`"),
            ),
            Some(e) if adk_empty(&e.value) => Diagnostic::new(
                Code::SB420,
                self.file,
                entry_value_span(e),
                format!("{flow} has an empty description"),
            ),
            Some(_) => return,
        };
        self.diag(d.help("say in `description` what the flow does: the ADK requires one"));
    }

    /// SB418, SB419: a step's name characters and its prompt, as the ADK checks them
    /// (`FlowStep.validate`). Its settings sections are read by `step_settings.rs`.
    fn step_values(&mut self, m: &Node, name: Option<&Spanned<String>>) {
        if let Some(n) = name.filter(|n| !n.value.is_empty()) {
            let mut bad: Vec<char> = Vec::new();
            for c in n.value.chars().filter(|&c| !step_name_char(c)) {
                if !bad.contains(&c) {
                    bad.push(c);
                }
            }
            if !bad.is_empty() {
                let list = bad
                    .iter()
                    .map(|c| format!("`{}`", shown(&c.to_string())))
                    .collect::<Vec<_>>()
                    .join(", ");
                let what = if bad.len() == 1 {
                    "a character"
                } else {
                    "characters"
                };
                let d = Diagnostic::new(
                    Code::SB418,
                    self.file,
                    n.span,
                    format!(
                        "step name `{}` has {what} the ADK does not allow: {list}",
                        shown(&n.value)
                    ),
                )
                .note("a step name may hold letters (accented Latin ones too), digits, spaces and `_ & , / . -`");
                self.diag(d);
            }
        }
        let step = name.map_or_else(
            || "this step".to_string(),
            |n| format!("step `{}`", shown(&n.value)),
        );
        let prompt = match m.entry("prompt") {
            None => Some((m.span, format!("{step} has no `prompt`"))),
            Some(e) if adk_empty(&e.value) => {
                Some((entry_value_span(e), format!("{step} has an empty prompt")))
            }
            Some(_) => None,
        };
        if let Some((span, message)) = prompt {
            let d = Diagnostic::new(Code::SB419, self.file, span, message).help(
                "write the step's instructions in `prompt`: the ADK rejects a step without them",
            );
            self.diag(d);
        }
    }
}

/// Whether `c` may appear in a step name: the class of the ADK's `FLOW_STEP_NAME_PATTERN`,
/// `^[a-zA-Z0-9\u00C0-\u024F\u1E00-\u1EFF_ &,/.\-]+$` (polyai-adk 0.73.2, `resources/flows.py`).
fn step_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{C0}'..='\u{24F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || matches!(c, '_' | ' ' | '&' | ',' | '/' | '.' | '-')
}

/// Python's `str.isspace` (what `str.strip()` and `\s` in `re` take as whitespace): Rust's
/// whitespace and the four separators U+001C to U+001F.
pub(super) fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// Whether the ADK reads `v` as an empty text: it takes `(value or "").strip()`, so null,
/// `false`, a zero, and a string of whitespace are all empty. Collections and other scalars are
/// not (they are wrong types, reported as such).
fn adk_empty(v: &Node) -> bool {
    let Some(s) = v.scalar() else { return false };
    match s.type_name() {
        "null" => true,
        "boolean" => v.as_bool() == Some(false),
        "integer" => v.as_i64() == Some(0),
        "float" => s.value.parse::<f64>().is_ok_and(|x| x == 0.0),
        _ => s.value.chars().all(py_isspace),
    }
}

/// Where to point at an entry's value: its characters (a scalar without its quotes), or the key
/// when the value is left out (`prompt:` with nothing after it).
fn entry_value_span(e: &Entry) -> crate::source::Span {
    match e.value.scalar() {
        Some(s) if s.value.is_empty() && s.style == ScalarStyle::Plain => e.key.span,
        Some(s) => value_span(s),
        None => e.value.span,
    }
}

/// `s` with control characters escaped (`\n`, `\t`), for a message.
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
