//! `switchboard compile`: what a project *means*, as one deterministic JSON bundle.
//!
//! The bundle (layout in `schemas/bundle.schema.json`, format [`BUNDLE_VERSION`]) lists every
//! handoff with its classified route and compiled SIP header templates and every site that
//! reaches it; every text field that holds references, with each reference resolved to the
//! stable id of its definition (`ho:billing`, `ft:book_visit/confirm_slot`) or marked
//! unresolved; every state variable with where it is written, read and used; every code transfer
//! and every conflict; what the settings files make the agent say and hear (greetings,
//! prompts, speech settings); what the controls steer (guardrails, latency controls, phrase
//! filters, MCP servers, API integrations); and the diagnostics `check --format json` reports. All paths are relative
//! to the project root and every list is in a fixed order, so the same project always compiles
//! to the same bytes.
//!
//! [`render`] shows what one handoff sends; [`graph`] draws the routing picture.

pub mod controls;
pub mod graph;
pub mod render;
pub mod settings;
pub mod yaml_json;

use crate::analysis::index::{Index, Site, SymbolKind};
use crate::analysis::route::{Route, classify};
use crate::analysis::{Options, Symbols};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, FunctionScope, Owner, Project};
use crate::report::{self as output, JsonDiagnostic, ProjectOutput, RenderOptions};
use crate::source::{FileId, Span};
use crate::syntax::python::PyValue;
use crate::syntax::template::{self, RefKind, RefSyntax};
use serde::Serialize;
use std::collections::BTreeMap;

/// Version of the bundle layout; it changes when a consumer would break.
pub const BUNDLE_VERSION: u32 = 1;

/// A place in a file: project-relative path, 1-based line, 1-based column in characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

/// The location of `span`'s start in `file` (a file id the project does not have gives line 1).
pub fn location(p: &Project, file: FileId, span: Span) -> Location {
    match p.files.get(file.0 as usize) {
        Some(f) => {
            let (l, c) = f.line_col(span.start);
            Location {
                file: f.rel.clone(),
                line: l + 1,
                column: c + 1,
            }
        }
        None => Location {
            file: String::new(),
            line: 1,
            column: 1,
        },
    }
}

/// One piece of a compiled template: literal text or a reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum HeaderSegment {
    Text {
        text: String,
    },
    Var {
        var: String,
        /// A runtime variable the platform provides (`caller_id`, `[variables] builtin`).
        builtin: bool,
        /// Some code writes it (`conv.state.name = ...`).
        written: bool,
    },
}

/// A SIP header value split into literal text and `$var` / `${var}` / `{{vrbl:var}}` pieces.
/// `{{attr:...}}` and other references cannot appear in headers and stay text.
pub fn header_segments(
    value: &str,
    builtin: &dyn Fn(&str) -> bool,
    written: &dyn Fn(&str) -> bool,
) -> Vec<HeaderSegment> {
    let scan = template::scan(value);
    let mut out = Vec::new();
    let mut at = 0;
    let push_text = |out: &mut Vec<HeaderSegment>, s: &str| {
        if s.is_empty() {
            return;
        }
        if let Some(HeaderSegment::Text { text }) = out.last_mut() {
            text.push_str(s);
        } else {
            out.push(HeaderSegment::Text {
                text: s.to_string(),
            });
        }
    };
    for r in scan.refs {
        if r.kind != RefKind::Vrbl || r.span.start < at {
            continue;
        }
        push_text(&mut out, &value[at..r.span.start]);
        out.push(HeaderSegment::Var {
            builtin: builtin(&r.name),
            written: written(&r.name),
            var: r.name,
        });
        at = r.span.end;
    }
    push_text(&mut out, &value[at..]);
    out
}

#[derive(Serialize)]
pub struct Bundle<'a> {
    pub version: u32,
    pub tool: Tool,
    pub handoffs: Vec<HandoffOut>,
    pub templates: Vec<TemplateOut>,
    pub variables: Vec<VariableOut>,
    pub transfers: TransfersOut,
    /// The settings files' meaning (`settings.rs`); absent when the project has none.
    #[serde(skip_serializing_if = "settings::SettingsOut::is_empty")]
    pub settings: settings::SettingsOut,
    /// The controls files' meaning and the latency controls (`controls.rs`); absent when the
    /// project has none.
    #[serde(skip_serializing_if = "controls::ControlsOut::is_empty")]
    pub controls: controls::ControlsOut,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct HandoffOut {
    pub id: String,
    pub name: String,
    pub location: Location,
    pub description: Option<String>,
    pub is_default: bool,
    pub method: Option<String>,
    pub route: Option<RouteOut>,
    pub endpoint: Option<String>,
    pub encryption: Option<String>,
    pub headers: Vec<HeaderOut>,
    pub used_by: Vec<UseSite>,
}

#[derive(Serialize)]
pub struct RouteOut {
    /// `e164`, `sip_uri`, `extension` or `invalid`.
    pub kind: &'static str,
    /// The text as written in `phone_number`.
    pub original: String,
    /// The comparable form (for an invalid route: the unambiguous correction, if any).
    pub normalized: Option<String>,
    /// Why an invalid route is invalid.
    pub problem: Option<String>,
}

pub fn route_out(raw: &str) -> RouteOut {
    let r = classify(raw);
    RouteOut {
        kind: r.kind(),
        original: raw.to_string(),
        normalized: r.normalized(),
        problem: match r {
            Route::Invalid { reason, .. } => Some(reason),
            _ => None,
        },
    }
}

#[derive(Serialize)]
pub struct HeaderOut {
    pub key: String,
    /// The value as written (cooked YAML), `null` when missing.
    pub value: Option<String>,
    pub location: Location,
    pub segments: Vec<HeaderSegment>,
}

#[derive(Serialize)]
pub struct UseSite {
    #[serde(flatten)]
    pub location: Location,
    /// `text`, `call_handoff`, `return_dict`, `transfer_call` or `default` (a
    /// `conv.call_handoff()` without a destination, which goes to the default handoff).
    pub site: &'static str,
    /// For text sites: the field kind and its owner.
    pub field: Option<&'static str>,
    pub owner: Option<String>,
    /// For code sites: the function's stable id.
    pub function: Option<String>,
}

#[derive(Serialize)]
pub struct TemplateOut {
    pub location: Location,
    pub field: &'static str,
    pub owner: String,
    pub segments: Vec<TemplateSegment>,
    pub references: Vec<ReferenceOut>,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum TemplateSegment {
    Text {
        text: String,
    },
    /// Index into the template's `references`.
    Ref {
        r#ref: usize,
    },
}

#[derive(Serialize)]
pub struct ReferenceOut {
    pub kind: &'static str,
    pub name: String,
    /// `braces`, `angle`, `dollar` or `dollar_brace`.
    pub syntax: &'static str,
    /// The reference as written (cooked text).
    pub text: String,
    #[serde(flatten)]
    pub location: Location,
    /// The stable id of the definition; `null` when unresolved.
    pub target: Option<String>,
    /// A built-in runtime variable (resolved without a definition in the project).
    pub builtin: bool,
}

#[derive(Serialize)]
pub struct VariableOut {
    pub name: String,
    pub id: String,
    pub builtin: bool,
    pub written: Vec<Location>,
    pub read: Vec<Location>,
    pub text: Vec<TextUse>,
    pub headers: Vec<HeaderUse>,
}

#[derive(Serialize)]
pub struct TextUse {
    #[serde(flatten)]
    pub location: Location,
    pub field: &'static str,
    pub owner: String,
}

#[derive(Serialize)]
pub struct HeaderUse {
    #[serde(flatten)]
    pub location: Location,
    pub handoff: String,
    pub header: String,
}

#[derive(Serialize)]
pub struct TransfersOut {
    pub code: Vec<CodeTransfer>,
    pub conflicts: Vec<ConflictOut>,
}

#[derive(Serialize)]
pub struct CodeTransfer {
    /// Stable id of the function file (`fn:x`, `ft:flow/x`, `step:flow/x`, `lifecycle:x`).
    pub function: String,
    /// The enclosing `def`, when the transfer sits in one.
    pub def: Option<String>,
    #[serde(flatten)]
    pub location: Location,
    /// `call_handoff`, `return_dict` or `transfer_call`.
    pub mechanism: &'static str,
    /// For a returned dict: `refer`, `invite` or `bye` when the dict names one.
    pub method: Option<String>,
    pub destination: DestinationOut,
}

#[derive(Serialize)]
pub struct DestinationOut {
    /// `handoff` (named literally or by a constant table), `default` (no destination: the
    /// default handoff), `route` (a hard-coded number or URI only), `dynamic` (computed at run
    /// time) or `none` (nothing the transfer names).
    pub kind: &'static str,
    pub handoffs: Vec<NamedTarget>,
    /// The constant table the names come from (`TABLE.get(key, "x")`).
    pub via: Option<String>,
    pub route: Option<RouteOut>,
}

#[derive(Serialize)]
pub struct NamedTarget {
    pub name: String,
    pub target: Option<String>,
}

#[derive(Serialize)]
pub struct ConflictOut {
    pub severity: &'static str,
    pub message: String,
    /// The function reference that transfers in code.
    pub at: Location,
    /// The UI handoff reference of the same unit.
    pub handoff_at: Option<Location>,
    /// Where the code transfers.
    pub transfer_at: Option<Location>,
}

pub fn field_name(f: FieldKind) -> &'static str {
    match f {
        FieldKind::Rules => "rules",
        FieldKind::Persona => "persona",
        FieldKind::TopicActions => "topic_actions",
        FieldKind::TopicContent => "topic_content",
        FieldKind::AdvancedStepPrompt => "advanced_step_prompt",
        FieldKind::DefaultStepPrompt => "default_step_prompt",
        FieldKind::OtherStepPrompt => "step_prompt",
        FieldKind::SmsText => "sms_text",
        FieldKind::Greeting => "greeting",
        FieldKind::Disclaimer => "disclaimer",
        FieldKind::StylePrompt => "style_prompt",
        FieldKind::HeaderValue => "header_value",
        FieldKind::PythonString => "python_string",
        FieldKind::GuardrailAction => "guardrail_action",
        FieldKind::DelayMessage => "delay_message",
    }
}

fn syntax_name(s: RefSyntax) -> &'static str {
    match s {
        RefSyntax::Braces => "braces",
        RefSyntax::Angle => "angle",
        RefSyntax::Dollar => "dollar",
        RefSyntax::DollarBrace => "dollar_brace",
    }
}

/// A stable id for a function file: `fn:x`, `ft:<flow dir>/x`, `step:<flow dir>/x` (function
/// steps), `lifecycle:x`.
pub fn function_id(p: &Project, fi: usize) -> String {
    let f = &p.functions[fi];
    let dir = |fl: usize| p.flows.get(fl).map(|f| f.dir.as_str()).unwrap_or("");
    match f.scope {
        FunctionScope::Global => format!("fn:{}", f.name),
        FunctionScope::Lifecycle => format!("lifecycle:{}", f.name),
        FunctionScope::Transition(fl) => format!("ft:{}/{}", dir(fl), f.name),
        FunctionScope::FunctionStep(fl) => format!("step:{}/{}", dir(fl), f.name),
    }
}

/// A readable id for what a text field belongs to: `rules`, `persona`, `channel`,
/// `topic:<name>`, `child_topic:<variant folder>/<name>`, `step:<flow dir>/<step>`,
/// `twilio_sms:<name>`, `ho:<name>/<header key>`, `guardrail:<name>`, or a function id.
pub fn owner_id(p: &Project, owner: Owner) -> String {
    match owner {
        Owner::Rules => "rules".into(),
        Owner::Persona => "persona".into(),
        Owner::Channel => "channel".into(),
        Owner::Topic(i) => {
            let t = p.topics.get(i);
            let name = t
                .and_then(|t| t.name.as_ref().map(|n| n.value.clone()))
                .or_else(|| t.map(|t| crate::project::stem(&p.file(t.file).rel).to_string()))
                .unwrap_or_default();
            match t.and_then(|t| t.variant.as_deref()) {
                Some(v) => format!("child_topic:{v}/{name}"),
                None => format!("topic:{name}"),
            }
        }
        Owner::Step { flow, step } => {
            let fl = p.flows.get(flow);
            let dir = fl.map(|f| f.dir.as_str()).unwrap_or("");
            let st = fl.and_then(|f| f.steps.get(step));
            let name = st
                .and_then(|s| s.name.as_ref().map(|n| n.value.clone()))
                .or_else(|| st.map(|s| crate::project::stem(&p.file(s.file).rel).to_string()))
                .unwrap_or_default();
            format!("step:{dir}/{name}")
        }
        Owner::Sms(i) => format!(
            "twilio_sms:{}",
            p.sms_templates
                .get(i)
                .map(|s| s.name.value.as_str())
                .unwrap_or("")
        ),
        Owner::Header { handoff, header } => {
            let h = p.handoffs.get(handoff);
            format!(
                "ho:{}/{}",
                h.map(|h| h.name()).unwrap_or(""),
                h.and_then(|h| h.headers.get(header))
                    .map(|x| x.key.value.as_str())
                    .unwrap_or("")
            )
        }
        Owner::Function(fi) => {
            if fi < p.functions.len() {
                function_id(p, fi)
            } else {
                String::new()
            }
        }
        Owner::Guardrail(g) => format!(
            "guardrail:{}",
            p.controls
                .guardrails
                .get(g)
                .map(|g| g.name.as_str())
                .unwrap_or("")
        ),
    }
}

/// The cooked values of the text fields, derived again from one file at a time as the texts
/// (which the model keeps in file order) are visited.
#[derive(Default)]
struct Cooked {
    file: Option<crate::source::FileId>,
    first: usize,
    values: Vec<std::sync::Arc<str>>,
}

impl Cooked {
    fn get(&mut self, p: &Project, ti: usize) -> std::sync::Arc<str> {
        let file = p.texts[ti].file;
        if self.file != Some(file) {
            self.file = Some(file);
            self.first = p.texts.partition_point(|x| x.file < file);
            self.values = crate::project::cooked_values(p, file);
        }
        let value = self.values.get(ti - self.first).cloned();
        debug_assert!(value.is_some(), "text {ti} has no cooked value");
        value.unwrap_or_else(|| std::sync::Arc::from(""))
    }
}

/// The references of text field `ti` as the index resolved them, with the cooked range of each
/// in `value`, the text's cooked value (the two lists have the same order: the index skips
/// `$var` in Python strings, and so does this).
pub fn text_refs(
    p: &Project,
    ix: &Index,
    ti: usize,
    value: &str,
) -> Vec<(template::Reference, Option<usize>)> {
    let t = &p.texts[ti];
    let uses: Vec<&crate::analysis::index::Use> = ix
        .uses
        .iter()
        .filter(|u| u.site == Site::Text(ti))
        .collect();
    let scan = template::scan(value);
    let mut out = Vec::new();
    let mut ui = 0;
    for r in scan.refs {
        if t.field == FieldKind::PythonString
            && matches!(r.syntax, RefSyntax::Dollar | RefSyntax::DollarBrace)
        {
            continue;
        }
        let def = match uses.get(ui) {
            Some(u) if u.name == r.name && u.kind == SymbolKind::from_ref(r.kind) => {
                ui += 1;
                u.def
            }
            _ => None,
        };
        out.push((r, def));
    }
    out
}

/// Which transfer mechanism a destination use at `span` belongs to.
fn destination_site(p: &Project, file: FileId, span: Span) -> (&'static str, Option<String>) {
    for (fi, f) in p.functions.iter().enumerate() {
        if f.file != file {
            continue;
        }
        let inside = |v: &Option<PyValue>| {
            v.as_ref().is_some_and(|v| {
                let s = v.span();
                s.start <= span.start && span.end <= s.end
                    || crate::analysis::transfers::candidates(v)
                        .iter()
                        .any(|(_, sp)| *sp == span)
            })
        };
        let id = Some(function_id(p, fi));
        if f.facts.call_handoffs.iter().any(|c| inside(&c.destination)) {
            return ("call_handoff", id);
        }
        if f.facts
            .return_transfers
            .iter()
            .any(|c| inside(&c.destination))
        {
            return ("return_dict", id);
        }
        if f.facts
            .transfer_calls
            .iter()
            .any(|c| inside(&c.destination))
        {
            return ("transfer_call", id);
        }
        return ("call_handoff", id);
    }
    ("call_handoff", None)
}

/// Compile a loaded and analysed project into a bundle.
pub fn bundle<'a>(
    p: &'a Project,
    ix: &Index,
    diagnostics: &'a [Diagnostic],
    options: &Options,
) -> Bundle<'a> {
    let symbols = Symbols::build(p, options);
    let is_builtin = |n: &str| options.builtin_variables.iter().any(|b| b == n);
    let is_written = |n: &str| {
        symbols
            .variables
            .get(n)
            .is_some_and(|v| !v.writes.is_empty())
    };
    let default_handoff = p.handoffs.iter().position(|h| h.is_default());

    // handoffs
    let mut handoffs = Vec::new();
    for (hi, h) in p.handoffs.iter().enumerate() {
        let def = h.name.as_ref().and_then(|_| {
            ix.defs.iter().position(|d| {
                d.kind == SymbolKind::Handoff
                    && d.file == h.file
                    && Some(d.span) == h.name.as_ref().map(|n| n.span)
            })
        });
        let mut used_by: Vec<UseSite> = Vec::new();
        if let Some(d) = def {
            // Uses resolve to the first handoff of a name; duplicates get none.
            for u in ix.uses_of(d) {
                let loc = location(p, u.file, u.span);
                match u.site {
                    Site::Text(ti) => {
                        let t = &p.texts[ti];
                        used_by.push(UseSite {
                            location: loc,
                            site: "text",
                            field: Some(field_name(t.field)),
                            owner: Some(owner_id(p, t.owner)),
                            function: None,
                        });
                    }
                    _ => {
                        let (site, function) = destination_site(p, u.file, u.span);
                        used_by.push(UseSite {
                            location: loc,
                            site,
                            field: None,
                            owner: None,
                            function,
                        });
                    }
                }
            }
        }
        if default_handoff == Some(hi) {
            for (fi, f) in p.functions.iter().enumerate() {
                for c in &f.facts.call_handoffs {
                    if c.destination.is_none() {
                        used_by.push(UseSite {
                            location: location(p, f.file, c.span),
                            site: "default",
                            field: None,
                            owner: None,
                            function: Some(function_id(p, fi)),
                        });
                    }
                }
            }
        }
        used_by.sort_by(|a, b| a.location.cmp(&b.location).then(a.site.cmp(b.site)));
        let headers = h
            .headers
            .iter()
            .map(|x| HeaderOut {
                key: x.key.value.clone(),
                value: x.value.as_ref().map(|v| v.value.clone()),
                location: location(p, h.file, x.key.span),
                segments: x
                    .value
                    .as_ref()
                    .map(|v| header_segments(&v.value, &is_builtin, &is_written))
                    .unwrap_or_default(),
            })
            .collect();
        handoffs.push(HandoffOut {
            id: format!("ho:{}", h.name()),
            name: h.name().to_string(),
            location: location(p, h.file, h.name.as_ref().map(|n| n.span).unwrap_or(h.span)),
            description: h.description.as_ref().map(|d| d.value.clone()),
            is_default: h.is_default(),
            method: Some(h.method_name().to_string()),
            route: h.phone_number.as_ref().map(|r| route_out(&r.value)),
            endpoint: h.outbound_endpoint.as_ref().map(|e| e.value.clone()),
            encryption: h
                .outbound_encryption
                .as_ref()
                // Not set on an invite is SB105: the ADK has no default, so neither has the bundle.
                .map(|e| e.value.clone()),
            headers,
            used_by,
        });
    }

    // templates
    let mut templates = Vec::new();
    let mut var_text: BTreeMap<String, Vec<TextUse>> = BTreeMap::new();
    let mut var_headers: BTreeMap<String, Vec<HeaderUse>> = BTreeMap::new();
    let mut cooked = Cooked::default();
    for (ti, t) in p.texts.iter().enumerate() {
        let value = cooked.get(p, ti);
        let refs = text_refs(p, ix, ti, &value);
        if refs.is_empty() {
            continue;
        }
        let mut segments = Vec::new();
        let mut references = Vec::new();
        let mut at = 0;
        // TextRefs hold the raw spans in scan order; the Python-string `$var` ones are skipped
        // there too.
        let raw_refs: Vec<&crate::model::TextRef> = t
            .refs
            .iter()
            .filter(|r| {
                !(t.field == FieldKind::PythonString
                    && matches!(r.syntax, RefSyntax::Dollar | RefSyntax::DollarBrace))
            })
            .collect();
        for (i, (r, def)) in refs.iter().enumerate() {
            if r.span.start > at {
                segments.push(TemplateSegment::Text {
                    text: value[at..r.span.start].to_string(),
                });
            }
            segments.push(TemplateSegment::Ref { r#ref: i });
            at = r.span.end.max(at);
            let raw = raw_refs.get(i).map(|x| x.span).unwrap_or(t.span);
            let loc = location(p, t.file, raw);
            let builtin = r.kind == RefKind::Vrbl && def.is_none() && is_builtin(&r.name);
            let target = match def {
                Some(d) => Some(ix.defs[*d].id.clone()),
                None if builtin => Some(format!("vrbl:{}", r.name)),
                None => None,
            };
            if r.kind == RefKind::Vrbl {
                match t.owner {
                    Owner::Header { handoff, header } => {
                        let h = &p.handoffs[handoff];
                        var_headers
                            .entry(r.name.clone())
                            .or_default()
                            .push(HeaderUse {
                                location: loc.clone(),
                                handoff: h.name().to_string(),
                                header: h
                                    .headers
                                    .get(header)
                                    .map(|x| x.key.value.clone())
                                    .unwrap_or_default(),
                            });
                    }
                    _ => var_text.entry(r.name.clone()).or_default().push(TextUse {
                        location: loc.clone(),
                        field: field_name(t.field),
                        owner: owner_id(p, t.owner),
                    }),
                }
            }
            references.push(ReferenceOut {
                kind: r.kind.as_str(),
                name: r.name.clone(),
                syntax: syntax_name(r.syntax),
                text: value[r.span.clone()].to_string(),
                location: loc,
                target,
                builtin,
            });
        }
        if at < value.len() {
            segments.push(TemplateSegment::Text {
                text: value[at..].to_string(),
            });
        }
        templates.push(TemplateOut {
            location: location(p, t.file, t.span),
            field: field_name(t.field),
            owner: owner_id(p, t.owner),
            segments,
            references,
        });
    }
    templates.sort_by(|a, b| a.location.cmp(&b.location));

    // variables
    let mut names: Vec<String> = symbols.variables.keys().map(|s| s.to_string()).collect();
    names.extend(options.builtin_variables.iter().cloned());
    names.extend(var_text.keys().cloned());
    names.extend(var_headers.keys().cloned());
    names.sort();
    names.dedup();
    let variables = names
        .into_iter()
        .map(|name| {
            let v = symbols.variables.get(name.as_str());
            let locs = |l: Option<&Vec<(FileId, Span)>>| {
                let mut out: Vec<Location> = l
                    .into_iter()
                    .flatten()
                    .map(|(f, s)| location(p, *f, *s))
                    .collect();
                out.sort();
                out
            };
            let mut text = var_text.remove(&name).unwrap_or_default();
            text.sort_by(|a, b| a.location.cmp(&b.location));
            let mut headers = var_headers.remove(&name).unwrap_or_default();
            headers.sort_by(|a, b| a.location.cmp(&b.location));
            VariableOut {
                id: format!("vrbl:{name}"),
                builtin: is_builtin(&name),
                written: locs(v.map(|v| &v.writes)),
                read: locs(v.map(|v| &v.reads)),
                text,
                headers,
                name,
            }
        })
        .collect();

    // transfers
    let target_of = |name: &str| {
        ix.lookup(SymbolKind::Handoff, None, name)
            .map(|d| ix.defs[d].id.clone())
    };
    let dest = |v: Option<&PyValue>, default: bool, route: Option<&PyValue>| -> DestinationOut {
        let route = route.and_then(|r| r.literal()).map(route_out);
        match v {
            Some(PyValue::Dynamic(_)) => DestinationOut {
                kind: "dynamic",
                handoffs: Vec::new(),
                via: None,
                route,
            },
            Some(v) => DestinationOut {
                kind: "handoff",
                handoffs: crate::analysis::transfers::candidates(v)
                    .into_iter()
                    .map(|(n, _)| NamedTarget {
                        name: n.to_string(),
                        target: target_of(n),
                    })
                    .collect(),
                via: match v {
                    PyValue::Candidates { via, .. } => Some(via.clone()),
                    _ => None,
                },
                route,
            },
            None if default => DestinationOut {
                kind: "default",
                handoffs: default_handoff
                    .map(|h| NamedTarget {
                        name: p.handoffs[h].name().to_string(),
                        target: target_of(p.handoffs[h].name()),
                    })
                    .into_iter()
                    .collect(),
                via: None,
                route,
            },
            None => DestinationOut {
                kind: if route.is_some() { "route" } else { "none" },
                handoffs: Vec::new(),
                via: None,
                route,
            },
        }
    };
    let mut code = Vec::new();
    for (fi, f) in p.functions.iter().enumerate() {
        let id = function_id(p, fi);
        for c in &f.facts.call_handoffs {
            code.push(CodeTransfer {
                function: id.clone(),
                def: c.function.clone(),
                location: location(p, f.file, c.span),
                mechanism: "call_handoff",
                method: None,
                destination: dest(c.destination.as_ref(), c.route.is_none(), c.route.as_ref()),
            });
        }
        for r in &f.facts.return_transfers {
            code.push(CodeTransfer {
                function: id.clone(),
                def: r.function.clone(),
                location: location(p, f.file, r.span),
                mechanism: "return_dict",
                method: r.method.as_ref().map(|m| m.0.clone()),
                destination: dest(r.destination.as_ref(), false, r.phone_number.as_ref()),
            });
        }
        for t in &f.facts.transfer_calls {
            code.push(CodeTransfer {
                function: id.clone(),
                def: t.function.clone(),
                location: location(p, f.file, t.span),
                mechanism: "transfer_call",
                method: None,
                destination: dest(t.destination.as_ref(), false, t.route.as_ref()),
            });
        }
    }
    code.sort_by(|a, b| a.location.cmp(&b.location));
    let conflicts = diagnostics
        .iter()
        .filter(|d| d.code == Code::SB301)
        .map(|d| ConflictOut {
            severity: d.severity.as_str(),
            message: d.message.clone(),
            at: location(p, d.file, d.span),
            handoff_at: d.labels.first().map(|l| location(p, l.file, l.span)),
            transfer_at: d.labels.get(1).map(|l| location(p, l.file, l.span)),
        })
        .collect();

    let opts = RenderOptions {
        color: false,
        cwd: Some(p.root.clone()),
    };
    let outputs = [ProjectOutput {
        root: &p.root,
        files: &p.files,
        diagnostics,
    }];
    let diagnostics = output::json_diagnostics(&outputs, &opts);
    Bundle {
        version: BUNDLE_VERSION,
        tool: Tool {
            name: "switchboard",
            version: env!("CARGO_PKG_VERSION"),
        },
        handoffs,
        templates,
        variables,
        transfers: TransfersOut { code, conflicts },
        settings: settings::settings(p),
        controls: controls::controls(p),
        diagnostics,
    }
}

/// Load-free entry point: analyse `p` and return the bundle as pretty JSON ending in a newline.
pub fn compile_to_string(p: &Project, options: &Options) -> String {
    let analysis = crate::analysis::analyze_full(p, options);
    let b = bundle(p, &analysis.index, &analysis.diagnostics, options);
    let mut s = serde_json::to_string_pretty(&b).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
