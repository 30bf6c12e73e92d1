//! The controls part of the project model: the files that steer the agent's behaviour at run
//! time beside its prompts — guardrails (`agent_settings/guardrails.yaml`), phrase filters
//! (`voice/response_control/phrase_filtering.yaml`), MCP servers (`config/mcp.yaml`) and API
//! integrations (`config/api_integrations.yaml`) — as the ADK reads them, each entry with its
//! span. Built by `project::build` (`guardrails.rs`, `controls.rs`, `integrations.rs`); read by the checks of
//! `analysis::controls`, the compiled bundle and the routing graph. A function's latency control
//! (`@func_latency_control`) is kept on its [`crate::model::Function`].

use crate::source::{FileId, Span};

/// Every controls file's content that the checks across files, the bundle and the graph use.
#[derive(Clone, Debug, Default)]
pub struct Controls {
    /// `platform_guardrails` then `custom_guardrails`, each in file order.
    pub guardrails: Vec<Guardrail>,
    pub phrase_filters: Vec<PhraseFilter>,
    pub mcp_servers: Vec<McpServer>,
    pub api_integrations: Vec<ApiIntegration>,
}

impl Controls {
    /// Append `other` (one file's controls).
    pub fn extend(&mut self, other: Controls) {
        let Controls {
            guardrails,
            phrase_filters,
            mcp_servers,
            api_integrations,
        } = other;
        self.guardrails.extend(guardrails);
        self.phrase_filters.extend(phrase_filters);
        self.mcp_servers.extend(mcp_servers);
        self.api_integrations.extend(api_integrations);
    }

    pub fn is_empty(&self) -> bool {
        self.guardrails.is_empty()
            && self.phrase_filters.is_empty()
            && self.mcp_servers.is_empty()
            && self.api_integrations.is_empty()
    }

    pub fn shrink_to_fit(&mut self) {
        self.guardrails.shrink_to_fit();
        self.phrase_filters.shrink_to_fit();
        self.mcp_servers.shrink_to_fit();
        self.api_integrations.shrink_to_fit();
    }
}

/// The two lists of `agent_settings/guardrails.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GuardrailKind {
    /// `platform_guardrails`: the platform's fixed catalogue, only switched on or off.
    Platform,
    /// `custom_guardrails`: a prompt that detects a situation and an action that answers it.
    Custom,
}

/// One guardrail entry (an entry with a name: the ADK skips the others).
#[derive(Clone, Debug)]
pub struct Guardrail {
    pub file: FileId,
    /// The whole list item.
    pub span: Span,
    pub kind: GuardrailKind,
    pub name: String,
    /// The span of the name's characters.
    pub name_span: Span,
    /// `true` when the key is missing.
    pub enabled: bool,
    /// Custom guardrails only: what the guardrail detects and what the agent does then (the
    /// action's text field is the one of `Project::texts` owned by `Owner::Guardrail`).
    pub prompt: String,
    pub action: String,
}

/// The platform guardrails, as their YAML names (polyai-adk 0.73.2: the `GuardrailName` enum
/// without `GUARDRAIL_NAME_UNSPECIFIED`, lower-cased without its prefix).
pub const PLATFORM_GUARDRAILS: [&str; 5] = [
    "ai_identity",
    "emergency_escalation",
    "hallucination_control",
    "jailbreak_defence",
    "tool_call_integrity",
];

/// The most custom guardrails a project may have (the platform's limit, `MAX_CUSTOM_GUARDRAILS`).
pub const MAX_CUSTOM_GUARDRAILS: usize = 20;

/// One phrase filter (a stop keyword) of `voice/response_control/phrase_filtering.yaml`.
#[derive(Clone, Debug)]
pub struct PhraseFilter {
    pub file: FileId,
    pub span: Span,
    pub name: String,
    pub description: String,
    pub regular_expressions: Vec<String>,
    pub say_phrase: bool,
    pub language_code: String,
    /// The global function called when the filter matches, with the span of its characters.
    pub function: Option<(String, Span)>,
}

/// One MCP server of `config/mcp.yaml`.
#[derive(Clone, Debug)]
pub struct McpServer {
    pub file: FileId,
    pub span: Span,
    pub provider_id: String,
    /// The span of the provider id's characters.
    pub provider_span: Span,
    pub url: String,
    /// `header`, `query_param` or `oauth`, when `auth` sets one.
    pub auth: Option<String>,
    pub timeout: Option<i64>,
    /// `None`: every tool the server offers.
    pub enabled_functions: Option<Vec<String>>,
}

/// One API integration of `config/api_integrations.yaml`.
#[derive(Clone, Debug)]
pub struct ApiIntegration {
    pub file: FileId,
    pub span: Span,
    pub name: String,
    /// The span of the name's characters: what `conv.api.<name>` and a test case's `api_mocks`
    /// refer to.
    pub name_span: Span,
    pub description: String,
    /// `(environment, base_url, auth_type)` for `sandbox`, `pre_release`, `live`.
    pub environments: Vec<(String, String, String)>,
    pub operations: Vec<ApiOperation>,
}

/// One operation of an API integration: `conv.api.<integration>.<name>(...)` calls it.
#[derive(Clone, Debug)]
pub struct ApiOperation {
    pub name: String,
    pub name_span: Span,
    /// Upper-cased, as the ADK reads it.
    pub method: String,
    pub resource: String,
}
