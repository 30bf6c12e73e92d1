//! The bundle's `controls` section: what steers the agent beside its prompts, as the ADK reads
//! it — the guardrails (platform toggles, custom prompt and action), each function's latency
//! control (its delays and messages), the phrase filters, the MCP servers and the API
//! integrations. Left out of the bundle when the project has none, so bundles of projects
//! without these files are unchanged. A guardrail action's and a delay message's references are
//! in the bundle's `templates`, like every other text field's.

use super::{Location, function_id, location};
use crate::controls::GuardrailKind;
use crate::model::Project;
use serde::Serialize;

#[derive(Serialize, Default)]
pub struct ControlsOut {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub guardrails: Vec<GuardrailOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub latency_controls: Vec<LatencyOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub phrase_filters: Vec<PhraseFilterOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mcp_servers: Vec<McpOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub api_integrations: Vec<ApiOut>,
}

impl ControlsOut {
    pub fn is_empty(&self) -> bool {
        self.guardrails.is_empty()
            && self.latency_controls.is_empty()
            && self.phrase_filters.is_empty()
            && self.mcp_servers.is_empty()
            && self.api_integrations.is_empty()
    }
}

#[derive(Serialize)]
pub struct GuardrailOut {
    /// `guardrail:<name>`, the owner id of its action in `templates`.
    pub id: String,
    pub name: String,
    /// `platform` or `custom`.
    pub kind: &'static str,
    pub enabled: bool,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
}

#[derive(Serialize)]
pub struct LatencyOut {
    /// The function's stable id (`fn:x`, `ft:flow/x`, ...).
    pub function: String,
    pub location: Location,
    pub delay_before_responses_start: f64,
    pub silence_after_each_response: f64,
    pub randomize: bool,
    pub delay_responses: Vec<DelayOut>,
}

#[derive(Serialize)]
pub struct DelayOut {
    pub message: String,
    pub duration: f64,
    pub location: Location,
}

#[derive(Serialize)]
pub struct PhraseFilterOut {
    pub name: String,
    pub location: Location,
    pub description: String,
    pub regular_expressions: Vec<String>,
    pub say_phrase: bool,
    pub language_code: String,
    /// The stable id of the global function it calls (`fn:x`), when it names one.
    pub function: Option<String>,
}

#[derive(Serialize)]
pub struct McpOut {
    pub provider_id: String,
    pub location: Location,
    pub url: String,
    /// `header`, `query_param` or `oauth`.
    pub auth: Option<String>,
    pub timeout: Option<i64>,
    /// `null`: every tool the server offers.
    pub enabled_functions: Option<Vec<String>>,
}

#[derive(Serialize)]
pub struct ApiOut {
    pub name: String,
    pub location: Location,
    pub description: String,
    pub environments: Vec<EnvironmentOut>,
    pub operations: Vec<OperationOut>,
}

#[derive(Serialize)]
pub struct EnvironmentOut {
    pub environment: String,
    pub base_url: String,
    pub auth_type: String,
}

#[derive(Serialize)]
pub struct OperationOut {
    pub name: String,
    pub method: String,
    pub resource: String,
}

/// The `controls` section of `p`'s bundle.
pub fn controls(p: &Project) -> ControlsOut {
    let c = &p.controls;
    ControlsOut {
        guardrails: c
            .guardrails
            .iter()
            .map(|g| {
                let custom = g.kind == GuardrailKind::Custom;
                GuardrailOut {
                    id: format!("guardrail:{}", g.name),
                    name: g.name.clone(),
                    kind: if custom { "custom" } else { "platform" },
                    enabled: g.enabled,
                    location: location(p, g.file, g.name_span),
                    prompt: custom.then(|| g.prompt.clone()),
                    action: custom.then(|| g.action.clone()),
                }
            })
            .collect(),
        latency_controls: p
            .functions
            .iter()
            .enumerate()
            .filter_map(|(fi, f)| {
                let lc = f.latency.as_ref()?;
                Some(LatencyOut {
                    function: function_id(p, fi),
                    location: location(p, f.file, lc.span),
                    delay_before_responses_start: lc.initial_delay,
                    silence_after_each_response: lc.interval,
                    randomize: lc.randomize,
                    delay_responses: lc
                        .messages
                        .iter()
                        .map(|m| DelayOut {
                            message: m.message.clone(),
                            duration: m.duration,
                            location: location(p, f.file, m.span),
                        })
                        .collect(),
                })
            })
            .collect(),
        phrase_filters: c
            .phrase_filters
            .iter()
            .map(|f| PhraseFilterOut {
                name: f.name.clone(),
                location: location(p, f.file, f.span),
                description: f.description.clone(),
                regular_expressions: f.regular_expressions.clone(),
                say_phrase: f.say_phrase,
                language_code: f.language_code.clone(),
                function: f.function.as_ref().map(|(n, _)| format!("fn:{n}")),
            })
            .collect(),
        mcp_servers: c
            .mcp_servers
            .iter()
            .map(|m| McpOut {
                provider_id: m.provider_id.clone(),
                location: location(p, m.file, m.provider_span),
                url: m.url.clone(),
                auth: m.auth.clone(),
                timeout: m.timeout,
                enabled_functions: m.enabled_functions.clone(),
            })
            .collect(),
        api_integrations: c
            .api_integrations
            .iter()
            .map(|a| ApiOut {
                name: a.name.clone(),
                location: location(p, a.file, a.name_span),
                description: a.description.clone(),
                environments: a
                    .environments
                    .iter()
                    .map(|(e, u, t)| EnvironmentOut {
                        environment: e.clone(),
                        base_url: u.clone(),
                        auth_type: t.clone(),
                    })
                    .collect(),
                operations: a
                    .operations
                    .iter()
                    .map(|o| OperationOut {
                        name: o.name.clone(),
                        method: o.method.clone(),
                        resource: o.resource.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
