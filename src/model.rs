//! The project model: every definition and every text field of an ADK project, each keeping the
//! span it came from. Built by [`crate::project::load`]; read by analysis and the faces.

use crate::diagnostics::Diagnostic;
pub use crate::sip::Method;
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::python::PyFacts;
use crate::syntax::template::{MalformedKind, RefKind, RefSyntax};
use std::path::PathBuf;

/// A string value with the raw span of its scalar (for YAML: the whole scalar token; the
/// `value_span` is the span of the characters of the value when it can be computed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A handoff entry of `config/handoffs.yaml`.
#[derive(Clone, Debug)]
pub struct Handoff {
    pub file: FileId,
    /// The whole list item.
    pub span: Span,
    pub name: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub is_default: Option<Spanned<bool>>,
    pub method: Option<Spanned<String>>,
    pub phone_number: Option<Spanned<String>>,
    pub outbound_endpoint: Option<Spanned<String>>,
    pub outbound_encryption: Option<Spanned<String>>,
    pub headers: Vec<SipHeader>,
    /// Where a key can be added to a block `sip_config`, on a new line after its `method`: the
    /// byte offset (the end of the `method` line) and the line break and indentation to write
    /// before the key. `None` without a `method`, or when `sip_config` is not a block mapping.
    pub sip_key_insert: Option<(u32, String)>,
}

impl Handoff {
    pub fn name(&self) -> &str {
        self.name.as_ref().map(|n| n.value.as_str()).unwrap_or("")
    }
    pub fn is_default(&self) -> bool {
        self.is_default.as_ref().is_some_and(|d| d.value)
    }
    /// The SIP method, lower-cased, when it is one of the three known ones.
    /// A handoff without `sip_config`, or whose `sip_config` has no `method`, is a `bye`: the
    /// ADK fills that default in when it loads the handoff.
    pub fn method_kind(&self) -> Option<Method> {
        match &self.method {
            Some(m) => Method::parse(&m.value),
            None => Some(Method::Bye),
        }
    }
    /// The method as written, or `bye` when none is (see [`Handoff::method_kind`]).
    pub fn method_name(&self) -> &str {
        self.method.as_ref().map_or("bye", |m| m.value.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct SipHeader {
    pub key: Spanned<String>,
    pub value: Option<Spanned<String>>,
    /// Index into `Project::texts` of the value's template field.
    pub text: Option<usize>,
}

/// A named definition from a config file (a translation).
#[derive(Clone, Debug)]
pub struct Named {
    pub file: FileId,
    pub span: Span,
    pub name: Spanned<String>,
    /// A translation's `translations`: the language code of each entry, as written.
    pub languages: Vec<Spanned<String>>,
    /// Whether `translations` is missing, null or empty (the ADK requires some).
    pub empty: bool,
}

/// The type a YAML value loads as (the YAML 1.2 core schema, which the ADK's loader follows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlType {
    Null,
    Bool,
    Int,
    Float,
    Str,
    /// A mapping with this many entries.
    Map(usize),
    /// A sequence with this many items.
    Seq(usize),
    /// An alias or content that could not be loaded: its value is not known.
    Other,
}

/// A value as written: its span (a scalar's characters, a collection's whole extent), its YAML
/// type and its text (a scalar's cooked value; a collection's source on one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlValue {
    pub span: Span,
    pub ty: YamlType,
    pub text: String,
}

impl YamlValue {
    /// Python's truth value of the loaded value (`None`, `False`, `0`, `0.0`, `""`, `{}` and
    /// `[]` are false), which decides whether the ADK's `x or default` takes the default.
    pub fn is_truthy(&self) -> bool {
        match self.ty {
            YamlType::Null => false,
            YamlType::Bool => self.text.eq_ignore_ascii_case("true"),
            YamlType::Int => {
                let t = self.text.trim_start_matches(['-', '+']);
                let digits = t
                    .strip_prefix("0x")
                    .or_else(|| t.strip_prefix("0o"))
                    .unwrap_or(t);
                digits.bytes().any(|b| b != b'0')
            }
            YamlType::Float => self.text.parse::<f64>().ok().is_none_or(|f| f != 0.0),
            YamlType::Str => !self.text.is_empty(),
            YamlType::Map(n) | YamlType::Seq(n) => n > 0,
            YamlType::Other => true,
        }
    }

    /// The type as a message names it: `string`, `integer`, `mapping`, ...
    pub fn type_name(&self) -> &'static str {
        match self.ty {
            YamlType::Null => "null",
            YamlType::Bool => "boolean",
            YamlType::Int => "integer",
            YamlType::Float => "float",
            YamlType::Str => "string",
            YamlType::Map(_) => "mapping",
            YamlType::Seq(_) => "list",
            YamlType::Other => "value",
        }
    }
}

/// An SMS template of `config/sms_templates.yaml`.
#[derive(Clone, Debug)]
pub struct SmsTemplate {
    pub file: FileId,
    /// The whole list item.
    pub span: Span,
    pub name: Spanned<String>,
    /// The `text` key's span and whether its value is null or empty (the ADK requires a text);
    /// `None` without the key.
    pub text: Option<Spanned<bool>>,
    /// The `env_phone_numbers` key's span when its value is null (a missing key is fine: the
    /// ADK fills in three empty numbers).
    pub null_phone_numbers: Option<Span>,
}

/// An entity of `config/entities.yaml`.
#[derive(Clone, Debug)]
pub struct Entity {
    pub file: FileId,
    /// The whole list item.
    pub span: Span,
    pub name: Spanned<String>,
    /// `entity_type` as written; `None` without the key.
    pub entity_type: Option<YamlValue>,
    /// `config` as written; `None` without the key.
    pub config: Option<YamlValue>,
    /// The entries of `config` when it is a mapping: each key (as written) and value.
    pub config_fields: Vec<(Spanned<String>, YamlValue)>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub file: FileId,
    pub name: Spanned<String>,
    pub is_default: Option<Spanned<bool>>,
}

#[derive(Clone, Debug)]
pub struct Attribute {
    pub file: FileId,
    pub name: Spanned<String>,
    /// `values:` mapping: variant name → value.
    pub values: Vec<AttributeValue>,
    pub values_span: Option<Span>,
    /// `kind` as written; `None` without the key (a `string` attribute).
    pub kind: Option<YamlValue>,
    /// `config` as written; `None` without the key.
    pub config: Option<YamlValue>,
    /// The entries of `config` when it is a mapping: each key (as written) and value.
    pub config_fields: Vec<(Spanned<String>, YamlValue)>,
    /// The items of `config.values` when it is a list (the last `config` key whose snake-case
    /// form, see [`snake_case`], is `values`: the ADK snake-cases the keys of `config`).
    pub enum_values: Vec<YamlValue>,
}

/// One value of an attribute's `values:` mapping.
#[derive(Clone, Debug)]
pub struct AttributeValue {
    /// The variant it is for, as written.
    pub variant: Spanned<String>,
    /// The value: a scalar's text, or a collection's source on one line.
    pub value: Spanned<String>,
    /// Its YAML type.
    pub ty: YamlType,
}

/// The ADK's `to_snake_case` (polyai-adk 0.73.2, applied to the keys of an attribute's or an
/// entity's `config`): every upper-case letter becomes `_` and its lower case, then leading `_`
/// are stripped (`hasDecimal` → `has_decimal`, `Values` → `values`, `_values` → `values`).
pub fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 2);
    for c in key.chars() {
        if c.is_uppercase() {
            out.push('_');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out.trim_start_matches('_').to_string()
}

#[derive(Clone, Debug)]
pub struct Topic {
    pub file: FileId,
    pub name: Option<Spanned<String>>,
    pub enabled: Option<bool>,
    pub example_queries: Vec<Spanned<String>>,
    pub example_queries_span: Option<Span>,
    /// `tags`: each string item of the list, as written (the ADK strips them). Always empty
    /// for a child topic, which may have none (SB450).
    pub tags: Vec<Spanned<String>>,
    /// For a child topic (`child_topics/<variant>/<topic>.yaml`): its variant folder, as
    /// written on disk. `None` for a topic of `topics/`.
    pub variant: Option<String>,
}

impl Topic {
    /// `topic` or `child topic`, as messages name it.
    pub fn what(&self) -> &'static str {
        if self.variant.is_some() {
            "child topic"
        } else {
            "topic"
        }
    }
}

/// A language of `agent_settings/languages.yaml`: its `default_language`, or an item of its
/// `additional_languages`.
#[derive(Clone, Debug)]
pub struct Language {
    pub file: FileId,
    /// The code as written.
    pub code: YamlValue,
    /// `default_language` (else an additional language).
    pub default: bool,
}

/// A test case of `test_suite/<case>.yaml`: the fields the ADK checks.
#[derive(Clone, Debug)]
pub struct TestCase {
    pub file: FileId,
    /// `name`, when it is a string.
    pub name: Option<Spanned<String>>,
    /// `channel` as written (`voice` or `webchat`); `None` without the key.
    pub channel: Option<YamlValue>,
    /// `scenario` as written; `None` without the key.
    pub scenario: Option<YamlValue>,
    /// `language` as written; `None` without the key.
    pub language: Option<YamlValue>,
    /// `variant`, a variant's name, when it is a string.
    pub variant: Option<Spanned<String>>,
    /// `function_call_assertions`: each assertion that is a mapping.
    pub function_calls: Vec<AssertedCall>,
    /// `api_mocks`: each mocked operation, by the names of its integration and operation.
    pub api_mocks: Vec<ApiMock>,
}

/// One mocked API operation of a test case (`api_mocks.<integration>.<operation>`).
#[derive(Clone, Debug)]
pub struct ApiMock {
    pub integration: Spanned<String>,
    /// `None` when the operation's key is not text.
    pub operation: Option<Spanned<String>>,
}

/// One function-call assertion of a test case.
#[derive(Clone, Debug)]
pub struct AssertedCall {
    /// The whole list item.
    pub span: Span,
    /// `name` as written; `None` without the key.
    pub name: Option<YamlValue>,
}

#[derive(Clone, Debug)]
pub struct Flow {
    /// Folder name under `flows/`.
    pub dir: String,
    /// `flow_config.yaml`, when present.
    pub config: Option<FileId>,
    pub name: Option<Spanned<String>>,
    pub description: Option<String>,
    pub start_step: Option<Spanned<String>>,
    pub steps: Vec<Step>,
}

impl Flow {
    /// The flow in folder `dir`, before its files are read.
    pub fn new(dir: impl Into<String>) -> Flow {
        Flow {
            dir: dir.into(),
            config: None,
            name: None,
            description: None,
            start_step: None,
            steps: Vec::new(),
        }
    }

    pub fn display_name(&self) -> &str {
        self.name
            .as_ref()
            .map(|n| n.value.as_str())
            .unwrap_or(&self.dir)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepType {
    Advanced,
    Default,
    Other,
}

#[derive(Clone, Debug)]
pub struct Step {
    pub file: FileId,
    pub name: Option<Spanned<String>>,
    pub step_type: StepType,
    pub child_steps: Vec<Spanned<String>>,
    pub entities: Vec<Spanned<String>>,
}

/// Where a Python file lives, which decides how it can be referenced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionScope {
    /// `functions/x.py`, referenced as `{{fn:x}}`.
    Global,
    /// `functions/start_function.py` / `end_function.py`: run by the platform, not referenceable.
    Lifecycle,
    /// `flows/<flow>/functions/x.py`, referenced as `{{ft:x}}` from the same flow.
    Transition(usize),
    /// `flows/<flow>/function_steps/x.py`: a deterministic step, not referenceable.
    FunctionStep(usize),
}

#[derive(Clone, Debug)]
pub struct Function {
    pub file: FileId,
    /// File stem: the function's name.
    pub name: String,
    pub scope: FunctionScope,
    pub facts: PyFacts,
    /// The file's first direct transfer, if any: its span cut to the first line, and how it is
    /// made (`conv.call_handoff(...)`, a returned handoff, `transfer_call`).
    pub transfer: Option<(Span, &'static str)>,
    /// `@func_latency_control(...)` on the function's `def`, as the ADK reads it.
    pub latency: Option<Box<LatencyControl>>,
}

/// A function's latency control: what the agent says while a slow function runs (polyai-adk
/// 0.73.2 `Function._parse_latency_control_decorator`: keyword arguments only, a value that is
/// not a literal left at its default).
#[derive(Clone, Debug, PartialEq)]
pub struct LatencyControl {
    /// The decorator, `@` included.
    pub span: Span,
    /// `delay_before_responses_start`, seconds (0 by default).
    pub initial_delay: f64,
    /// `silence_after_each_response`, seconds (0 by default).
    pub interval: f64,
    pub randomize: bool,
    /// `delay_responses`: each message (its text field is one of `Project::texts`, field
    /// `FieldKind::DelayMessage`, owned by the function) and its duration.
    pub messages: Vec<DelayMessage>,
}

/// One `(message, duration)` of `delay_responses`.
#[derive(Clone, Debug, PartialEq)]
pub struct DelayMessage {
    /// The message's cooked value; empty when it is not a string literal.
    pub message: String,
    /// The message literal (or expression).
    pub span: Span,
    pub duration: f64,
}

impl Function {
    pub fn flow(&self) -> Option<usize> {
        match self.scope {
            FunctionScope::Transition(f) | FunctionScope::FunctionStep(f) => Some(f),
            _ => None,
        }
    }
    /// The top-level `def` named after the file.
    pub fn main_def(&self) -> Option<&crate::syntax::python::PyFunction> {
        self.facts
            .functions
            .iter()
            .find(|f| f.top_level && f.name == self.name)
    }
}

/// Which text field a template text came from: decides which reference kinds it may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Rules,
    Persona,
    TopicActions,
    TopicContent,
    AdvancedStepPrompt,
    DefaultStepPrompt,
    OtherStepPrompt,
    SmsText,
    Greeting,
    Disclaimer,
    StylePrompt,
    HeaderValue,
    PythonString,
    /// A custom guardrail's `action` (`agent_settings/guardrails.yaml`).
    GuardrailAction,
    /// A message of `@func_latency_control(delay_responses=[...])`.
    DelayMessage,
}

impl FieldKind {
    /// Reference kinds the field may hold (DOMAIN.md §2).
    pub fn allowed(self) -> &'static [RefKind] {
        use RefKind::*;
        match self {
            FieldKind::Rules => &[Fn, TwilioSms, Ho, Attr, Vrbl, Tn],
            FieldKind::Persona => &[Attr, Vrbl],
            FieldKind::TopicActions | FieldKind::TopicContent => {
                &[Fn, TwilioSms, Ho, Attr, Vrbl, Tn]
            }
            FieldKind::AdvancedStepPrompt | FieldKind::OtherStepPrompt => {
                &[Fn, TwilioSms, Ho, Attr, Ft, Entity, Vrbl]
            }
            FieldKind::DefaultStepPrompt => &[TwilioSms, Ho, Attr, Entity, Vrbl],
            FieldKind::SmsText => &[Vrbl, Tn],
            FieldKind::Greeting | FieldKind::Disclaimer => &[Attr, Vrbl, Tn],
            FieldKind::StylePrompt => &[],
            FieldKind::HeaderValue => &[Vrbl],
            FieldKind::PythonString => &[Fn, Ft, Ho, Attr, Vrbl, TwilioSms, Entity, Tn],
            FieldKind::GuardrailAction => &[Fn, TwilioSms, Ho, Attr, Vrbl, Tn],
            FieldKind::DelayMessage => &[Tn, Vrbl],
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            FieldKind::Rules => "rules.txt",
            FieldKind::Persona => "the persona text",
            FieldKind::TopicActions => "topic actions",
            FieldKind::TopicContent => "topic content",
            FieldKind::AdvancedStepPrompt => "an advanced step prompt",
            FieldKind::DefaultStepPrompt => "a default step prompt",
            FieldKind::OtherStepPrompt => "a step prompt",
            FieldKind::SmsText => "an SMS template text",
            FieldKind::Greeting => "the greeting",
            FieldKind::Disclaimer => "the disclaimer",
            FieldKind::StylePrompt => "the style prompt",
            FieldKind::HeaderValue => "a SIP header value",
            FieldKind::PythonString => "a Python string",
            FieldKind::GuardrailAction => "a guardrail action",
            FieldKind::DelayMessage => "a delay message",
        }
    }
}

/// What a text field belongs to: the unit within which a UI handoff and a code transfer conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Rules,
    Persona,
    Topic(usize),
    Step {
        flow: usize,
        step: usize,
    },
    Sms(usize),
    Channel,
    Header {
        handoff: usize,
        header: usize,
    },
    Function(usize),
    /// A guardrail, by its index in `Project::controls.guardrails`.
    Guardrail(usize),
}

/// A reference found in a text field, with raw spans.
#[derive(Clone, Debug)]
pub struct TextRef {
    pub kind: RefKind,
    pub syntax: RefSyntax,
    pub name: String,
    pub span: Span,
    pub name_span: Span,
    /// An attribute access right after a `$variable` (`$caller.name`), with its source text.
    pub member: Option<Box<Member>>,
}

/// See [`TextRef::member`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub span: Span,
    pub text: Box<str>,
}

#[derive(Clone, Debug)]
pub struct TextProblem {
    pub kind: MalformedKind,
    pub span: Span,
    pub message: String,
    pub fix: Option<(Span, String)>,
}

/// One text field scanned for references.
#[derive(Clone, Debug)]
pub struct TextField {
    pub file: FileId,
    pub span: Span,
    pub field: FieldKind,
    pub owner: Owner,
    pub refs: Vec<TextRef>,
    pub problems: Vec<TextProblem>,
    /// For `rules.txt`: the Markdown sections (a heading line up to the next heading).
    pub sections: Vec<Span>,
    // The cooked text that was scanned (YAML escapes and folding applied) is not kept: over a
    // project it is nearly as large as the source. `project::cooked_values` derives it again
    // from the file for the few faces that print it.
}

/// A loaded ADK project.
#[derive(Clone, Debug, Default)]
pub struct Project {
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    pub handoffs: Vec<Handoff>,
    /// `config/handoffs.yaml`, when present.
    pub handoffs_file: Option<FileId>,
    pub sms_templates: Vec<SmsTemplate>,
    pub variants: Vec<Variant>,
    pub attributes: Vec<Attribute>,
    pub entities: Vec<Entity>,
    pub translations: Vec<Named>,
    pub topics: Vec<Topic>,
    /// The test cases of `test_suite/`, in file order.
    pub test_cases: Vec<TestCase>,
    /// The languages of `agent_settings/languages.yaml`: the default first, when it has one.
    pub languages: Vec<Language>,
    pub flows: Vec<Flow>,
    pub functions: Vec<Function>,
    pub texts: Vec<TextField>,
    /// Diagnostics found while reading, parsing and building (SB0xx, and SB418–SB421, SB426).
    pub diagnostics: Vec<Diagnostic>,
    /// `switchboard.toml`, when present.
    pub config: crate::config::Config,
    /// Per file (by `FileId`): suppression comments.
    pub suppressions: Vec<Vec<crate::suppress::Suppression>>,
    /// The settings files: channels, speech recognition, pronunciations, safety filters.
    pub settings: crate::settings::Settings,
    /// The controls files: guardrails, phrase filters, MCP servers, API integrations.
    pub controls: crate::controls::Controls,
}

impl Project {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    pub fn flow_by_name(&self, name: &str) -> Option<usize> {
        self.flows
            .iter()
            .position(|f| f.name.as_ref().is_some_and(|n| n.value == name))
    }
}

/// The "clean name" of a topic, step or flow, as the ADK computes it (`clean_name` with
/// `lowercase=True` in polyai-adk 0.73.2): lower-cased; every run of characters that are not
/// letters or digits of any script (spaces, punctuation, `_`, combining marks) becomes one `_`;
/// `_` trimmed at both ends (`"Opening Hours & Locations"` → `opening_hours_locations`,
/// `"Café Menu"` → `café_menu`).
pub fn clean_name(name: &str) -> String {
    clean_chars(name.to_lowercase().chars())
}

/// The clean name with its case kept (the ADK's `clean_name(…, lowercase=False)`), by which it
/// keys handoffs, SMS templates, attributes and entities: `Front Desk` → `Front_Desk`.
pub fn clean_name_keep_case(name: &str) -> String {
    clean_chars(name.chars())
}

fn clean_chars(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending = false;
    for ch in chars {
        if ch != '_' && ch.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.push(ch);
        } else {
            pending = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_names() {
        assert_eq!(
            clean_name("Opening Hours & Locations"),
            "opening_hours_locations"
        );
        assert_eq!(
            clean_name("  Book  an appointment! "),
            "book_an_appointment"
        );
        assert_eq!(clean_name("T1 Skill"), "t1_skill");
        assert_eq!(clean_name(""), "");
    }

    /// The ADK's own results (polyai-adk 0.73.2 `clean_name`), letters of every script kept.
    #[test]
    fn clean_names_are_unicode_aware() {
        assert_eq!(clean_name("Café Menu"), "café_menu");
        assert_eq!(clean_name("Über Hours"), "über_hours");
        assert_eq!(clean_name("Crème Brûlée Specials"), "crème_brûlée_specials");
        assert_eq!(clean_name("日本語 メニュー"), "日本語_メニュー");
        assert_eq!(clean_name("A & B"), "a_b");
        assert_eq!(clean_name("Front-Desk"), "front_desk");
        assert_eq!(clean_name("x__y  z"), "x_y_z");
        // A combining accent is no letter: decomposed `é` loses it.
        assert_eq!(clean_name("Cafe\u{301} Menu"), "cafe_menu");
    }
}
