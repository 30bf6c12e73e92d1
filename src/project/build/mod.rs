//! Building a file's part of the model from its parsed content: the builder, its shared helpers,
//! and the table that hands each file kind to the builder of its resource family.
//!
//! One file per family, each an `impl Builder` block: `handoffs.rs`, `sms.rs`, `variants.rs`,
//! `config_lists.rs` (entities, translations), `topics.rs` (topics, child topics),
//! `test_suite.rs` and `test_mocks.rs` (test cases), `languages.rs` (the languages), `flows.rs` (flow config, steps),
//! `functions.rs`, `agent_settings.rs` (rules, persona), `channels.rs` (voice and chat
//! configuration), `safety.rs` (safety filters), `speech.rs` (ASR settings, keyphrases,
//! transcript corrections, pronunciations), `guardrails.rs`, `controls.rs` (phrase filters), `integrations.rs` (MCP servers, API
//! integrations) and
//! `latency.rs` (a function's `@func_latency_control`), and `experimental.rs` (the experimental config,
//! checked by `json_schema.rs` against the ADK's schema); `typed.rs` holds the typed-field helpers the settings builders share;
//! `scan.rs` scans the text fields they find. A new file kind is a new family file and one line in [`build_file`].

mod agent_settings;
mod channels;
mod config_lists;
mod controls;
mod documents;
mod experimental;
mod flows;
mod functions;
mod guardrails;
mod handoffs;
mod integrations;
mod isoformat;
mod json_schema;
mod languages;
mod latency;
mod safety;
pub(super) mod scan;
mod sms;
mod speech;
mod step_settings;
mod test_mocks;
mod test_suite;
mod topics;
mod typed;
mod variants;

use super::kind::FileKind;
use super::parse::Content;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, FunctionScope, Owner, Project, Spanned, YamlType, YamlValue};
use crate::source::{FileId, OffsetMap, Span};
use crate::syntax::yaml::{Node, NodeKind, Scalar};
use crate::text::did_you_mean;
use scan::scan_text;
use std::sync::Arc;

/// Build the part of the model that `content`, the file's parse result, makes into `p`, the
/// one-file project of that file. `values`, when set, gets the cooked value of each text field.
pub(super) fn build_file(
    p: &mut Project,
    file: FileId,
    values: Option<&mut Vec<Arc<str>>>,
    kind: &FileKind,
    content: Content,
) {
    let mut b = Builder { p, file, values };
    // One line per file kind: the builder of its family, given the content the kind parses to.
    match (kind, content) {
        (FileKind::Config, Content::Config(cfg)) => b.p.config = *cfg,
        (FileKind::ProjectYaml, _) => {}
        (FileKind::Rules, Content::Text) => b.rules(),
        (FileKind::PersonaText, Content::Text) => b.persona_text(),
        (FileKind::ContextDocument, Content::Text) => b.context_document(),
        (FileKind::ChannelConfig, Content::Yaml(Some(root))) => b.channel_config(&root),
        (FileKind::SafetyFilters, Content::Yaml(root)) => b.safety_filters(root.as_ref()),
        (FileKind::AsrSettings, Content::Yaml(root)) => b.asr_settings(root.as_ref()),
        (FileKind::Keyphrases, Content::Yaml(root)) => b.keyphrases(root.as_ref()),
        (FileKind::TranscriptCorrections, Content::Yaml(root)) => b.corrections(root.as_ref()),
        (FileKind::Pronunciations, Content::Yaml(root)) => b.pronunciations(root.as_ref()),
        (FileKind::ExperimentalConfig, Content::Json(Some(doc))) => b.experimental_config(&doc),
        (FileKind::Handoffs, Content::Yaml(root)) => b.handoffs(root.as_ref()),
        (FileKind::SmsTemplates, Content::Yaml(Some(root))) => b.sms(&root),
        (FileKind::VariantAttributes, Content::Yaml(Some(root))) => b.variants(&root),
        (FileKind::Entities, Content::Yaml(Some(root))) => b.named_list(&root, "entities", true),
        (FileKind::Translations, Content::Yaml(Some(root))) => {
            b.named_list(&root, "translations", false)
        }
        (FileKind::Topic, Content::Yaml(Some(root))) => b.topic(&root, None),
        (FileKind::ChildTopic(variant), Content::Yaml(Some(root))) => b.topic(&root, Some(variant)),
        (FileKind::TestCase, Content::Yaml(Some(root))) => b.test_case(&root),
        (FileKind::Languages, Content::Yaml(Some(root))) => b.languages(&root),
        (FileKind::FlowConfig(_), Content::Yaml(Some(root))) => b.flow_config(&root, 0),
        (FileKind::Step(_), Content::Yaml(Some(root))) => b.step(&root, 0),
        (FileKind::TransitionFunction(_), Content::Python(facts)) => {
            b.function(FunctionScope::Transition(0), *facts)
        }
        (FileKind::FunctionStep(_), Content::Python(facts)) => {
            b.function(FunctionScope::FunctionStep(0), *facts)
        }
        (FileKind::GlobalFunction, Content::Python(facts)) => b.global_function(*facts),
        (FileKind::Guardrails, Content::Yaml(root)) => b.guardrails(root.as_ref()),
        (FileKind::PhraseFilters, Content::Yaml(root)) => b.phrase_filters(root.as_ref()),
        (FileKind::McpServers, Content::Yaml(root)) => b.mcp_servers(root.as_ref()),
        (FileKind::ApiIntegrations, Content::Yaml(root)) => b.api_integrations(root.as_ref()),
        // A file that could not be read or parsed adds nothing but its diagnostics.
        _ => {}
    }
}

/// The span of a scalar's value characters (without quotes or block indicators).
pub fn value_span(s: &Scalar) -> Span {
    if s.value.is_empty() {
        return s.span;
    }
    s.map.span(0..s.value.len())
}

struct Builder<'a> {
    p: &'a mut Project,
    file: FileId,
    /// When set, the cooked value of each text field, in the order of `p.texts`.
    values: Option<&'a mut Vec<Arc<str>>>,
}

impl Builder<'_> {
    /// The source text of `span` on one line (line breaks and indentation folded to one space),
    /// for showing a collection value as it is written.
    fn source_line(&self, span: Span) -> String {
        // The one-file project being built holds its file first.
        let text = self.p.files.first().map_or("", |f| &f.text[..]);
        let raw = text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("");
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// A value as written, with its YAML type (see [`YamlValue`]).
    fn yaml_value(&self, node: &Node) -> YamlValue {
        match &node.kind {
            NodeKind::Scalar(s) => YamlValue {
                span: value_span(s),
                ty: yaml_type(node),
                text: s.value.clone(),
            },
            _ => YamlValue {
                span: node.span,
                ty: yaml_type(node),
                text: self.source_line(node.span),
            },
        }
    }

    /// The entries of a mapping as (key, value) pairs with scalar keys, for a `config` section.
    fn yaml_fields(&self, node: &Node) -> Vec<(Spanned<String>, YamlValue)> {
        node.entries()
            .iter()
            .filter_map(|e| {
                let k = e.key.scalar()?;
                Some((
                    Spanned::new(k.value.clone(), value_span(k)),
                    self.yaml_value(&e.value),
                ))
            })
            .collect()
    }

    fn diag(&mut self, d: Diagnostic) {
        self.p.diagnostics.push(d);
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = node.type_name();
        let d = Diagnostic::new(
            Code::SB004,
            self.file,
            node.span,
            format!("`{what}` must be {expected}, found {found}"),
        );
        self.diag(d);
    }

    fn missing(&mut self, at: Span, what: &str, in_what: &str) {
        let d = Diagnostic::new(
            Code::SB004,
            self.file,
            at,
            format!("{in_what} is missing the required field `{what}`"),
        );
        self.diag(d);
    }

    /// Warn about keys the format does not have.
    fn check_keys(&mut self, node: &Node, known: &[&str], what: &str) {
        for e in node.entries() {
            let Some(k) = e.key.as_str() else { continue };
            if !known.contains(&k) {
                let help =
                    did_you_mean(k, known.iter().copied()).map(|s| format!("did you mean `{s}`?"));
                let mut d = Diagnostic::new(
                    Code::SB008,
                    self.file,
                    e.key.span,
                    format!("unknown field `{k}` in {what}"),
                )
                .help_opt(help.clone());
                if let Some(s) = did_you_mean(k, known.iter().copied()) {
                    d = d.replace_fix(format!("rename to `{s}`"), e.key.span, s, false);
                } else {
                    d = d.note(format!("known fields: {}", known.join(", ")));
                }
                self.diag(d);
            }
        }
    }

    /// A string-valued field. Non-scalar values get SB004. Null/empty gives `None`.
    fn string(&mut self, map: &Node, key: &str) -> Option<Spanned<String>> {
        let v = map.get(key)?;
        match &v.kind {
            NodeKind::Scalar(s) => {
                if v.is_null() {
                    return None;
                }
                Some(Spanned::new(s.value.clone(), value_span(s)))
            }
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    /// A field the ADK types as `str`: [`Builder::string`], and SB013 when the value is a plain
    /// scalar that YAML reads as a number, a boolean or a date.
    fn str_field(&mut self, map: &Node, key: &str) -> Option<Spanned<String>> {
        let v = map.get(key)?;
        self.not_a_string(v, &format!("`{key}`"));
        self.string(map, key)
    }

    /// SB013 for `node` when it is a scalar that loads as an integer, float, boolean or date
    /// where the ADK needs a string (`what` names the field as a message shows it); the fix
    /// quotes the text as written. True when reported.
    fn not_a_string(&mut self, node: &Node, what: &str) -> bool {
        let ty = match node.type_name() {
            "integer" => "an integer",
            "float" => "a float",
            "boolean" => "a boolean",
            "timestamp" => "a date",
            _ => return false,
        };
        let text = self.p.files.first().map_or("", |f| &f.text[..]);
        let raw = text
            .get(node.span.start as usize..node.span.end as usize)
            .unwrap_or("")
            .to_string();
        // Only a plain scalar resolves to these types without a tag; a tagged one is left be.
        let quotable = node.scalar().is_some_and(|s| s.tag.is_none())
            && !raw.is_empty()
            && !raw.contains(['"', '\\', '\n', '\r']);
        let mut d = Diagnostic::new(
            Code::SB013,
            self.file,
            node.span,
            format!("{what} must be a string, but YAML reads `{raw}` as {ty}"),
        );
        if quotable {
            d = d.help(format!("quote it: `\"{raw}\"`")).replace_fix(
                "quote the value",
                node.span,
                format!("\"{raw}\""),
                true,
            );
        }
        self.diag(d);
        true
    }

    fn boolean(&mut self, map: &Node, key: &str) -> Option<Spanned<bool>> {
        let v = map.get(key)?;
        if v.is_null() || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        match v.as_bool() {
            Some(b) => Some(Spanned::new(b, v.span)),
            None => {
                let mut d = Diagnostic::new(
                    Code::SB004,
                    self.file,
                    v.span,
                    format!(
                        "`{key}` must be a boolean (`true` or `false`), found {}",
                        describe_value(v)
                    ),
                );
                if let Some(s) = v.as_str() {
                    let fixed = match s.to_ascii_lowercase().as_str() {
                        "yes" | "y" | "on" | "true" => Some("true"),
                        "no" | "n" | "off" | "false" => Some("false"),
                        _ => None,
                    };
                    if let Some(fixed) = fixed {
                        d = d
                            .help(format!(
                                "YAML 1.2 reads `{s}` here as a string; write `{fixed}`"
                            ))
                            .replace_fix(format!("replace with `{fixed}`"), v.span, fixed, true);
                    }
                }
                self.diag(d);
                None
            }
        }
    }

    /// A list field: `None` when absent or null; SB004 when not a sequence.
    fn list<'n>(&mut self, map: &'n Node, key: &str) -> Option<&'n [Node]> {
        let v = map.get(key)?;
        match &v.kind {
            NodeKind::Seq(items) => Some(items),
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ if v.is_null() => None,
            _ => {
                self.wrong_type(v, key, "a list");
                None
            }
        }
    }

    fn mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n Node> {
        match &node.kind {
            NodeKind::Map(_) => Some(node),
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ if node.is_null() => None,
            _ => {
                self.wrong_type(node, what, "a mapping");
                None
            }
        }
    }

    fn root_map<'n>(&mut self, root: &'n Node) -> Option<&'n Node> {
        let f = self.p.files[0].rel.clone();
        self.mapping(root, &f)
    }

    /// Scan a YAML scalar as a template field.
    fn text_scalar(&mut self, node: &Node, field: FieldKind, owner: Owner) -> Option<usize> {
        // Every YAML text field is a `str` to the ADK, except SIP header values (never checked).
        if field != FieldKind::HeaderValue {
            self.not_a_string(node, field.describe());
        }
        match &node.kind {
            NodeKind::Scalar(s) => {
                if node.is_null() {
                    return None;
                }
                Some(self.text(&s.value, &s.map, s.span, field, owner))
            }
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ => {
                self.wrong_type(node, field.describe(), "text");
                None
            }
        }
    }

    fn text(
        &mut self,
        value: &str,
        map: &OffsetMap,
        span: Span,
        field: FieldKind,
        owner: Owner,
    ) -> usize {
        let tf = scan_text(
            &self.p.files[0].text,
            self.file,
            value,
            map,
            span,
            field,
            owner,
        );
        if let Some(values) = &mut self.values {
            values.push(value.into());
        }
        self.p.texts.push(tf);
        self.p.texts.len() - 1
    }

    fn plain_text(&mut self, field: FieldKind, owner: Owner) {
        let text = self.p.files[0].text.clone();
        let map = OffsetMap::identity(0, text.len() as u32);
        self.text(&text, &map, Span::new(0, text.len() as u32), field, owner);
    }

    /// A config file whose root mapping holds one list under `key`.
    fn top_list<'n>(&mut self, root: &'n Node, key: &str, file: &str) -> Option<&'n [Node]> {
        let root = self.root_map(root)?;
        self.check_keys(root, &[key], file);
        self.list(root, key)
    }
}

/// The type `node` loads as.
fn yaml_type(node: &Node) -> YamlType {
    match &node.kind {
        NodeKind::Scalar(s) => match s.type_name() {
            "null" => YamlType::Null,
            "boolean" => YamlType::Bool,
            "integer" => YamlType::Int,
            "float" => YamlType::Float,
            _ => YamlType::Str,
        },
        NodeKind::Map(entries) => YamlType::Map(entries.len()),
        NodeKind::Seq(items) => YamlType::Seq(items.len()),
        NodeKind::Alias(_) | NodeKind::Invalid => YamlType::Other,
    }
}

fn scalar_spanned(n: &Node) -> Option<Spanned<String>> {
    n.scalar()
        .filter(|s| !s.value.is_empty())
        .map(|s| Spanned::new(s.value.clone(), value_span(s)))
}

fn describe_value(v: &Node) -> String {
    match v.as_str() {
        Some(s) if s.chars().count() <= 40 => format!("{} `{}`", v.type_name(), s),
        _ => v.type_name().to_string(),
    }
}

/// The part of `span` on its first line (a label on a multi-line call reads better on one line).
fn first_line(text: &str, span: Span) -> Span {
    match text.get(span.range()).and_then(|t| t.find(['\n', '\r'])) {
        Some(i) => Span::new(span.start, span.start + i as u32),
        None => span,
    }
}
