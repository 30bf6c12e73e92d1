//! Classifying paths: what kind of ADK project file a path relative to the root names.

/// What a file is, from its path relative to the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `switchboard.toml`.
    Config,
    ProjectYaml,
    Rules,
    PersonaText,
    PersonaYaml,
    Handoffs,
    SmsTemplates,
    VariantAttributes,
    Entities,
    Translations,
    Topic,
    /// `child_topics/<variant folder>/<topic>.yaml`: a topic scoped to one variant.
    ChildTopic(String),
    /// `test_suite/<case>.yaml`: a test case.
    TestCase,
    /// `agent_settings/languages.yaml`: the default and additional languages.
    Languages,
    FlowConfig(String),
    Step(String),
    TransitionFunction(String),
    FunctionStep(String),
    GlobalFunction,
    ChannelConfig,
    /// `agent_settings/safety_filters.yaml`, `voice/safety_filters.yaml`, `chat/safety_filters.yaml`.
    SafetyFilters,
    /// `voice/speech_recognition/asr_settings.yaml`.
    AsrSettings,
    /// `voice/speech_recognition/keyphrase_boosting.yaml` (or the legacy
    /// `speech_recognition/keyphrase_boosting.yaml`).
    Keyphrases,
    /// `voice/speech_recognition/transcript_corrections.yaml`.
    TranscriptCorrections,
    /// `voice/response_control/pronunciations.yaml`.
    Pronunciations,
    /// `agent_settings/experimental_config.json`.
    ExperimentalConfig,
    /// `agent_settings/guardrails.yaml`.
    Guardrails,
    /// `voice/response_control/phrase_filtering.yaml`.
    PhraseFilters,
    /// `config/mcp.yaml`.
    McpServers,
    /// `config/api_integrations.yaml`.
    ApiIntegrations,
    /// `context/<name>.md` (any case of `.md`): a document given to the agent as written.
    ContextDocument,
}

impl FileKind {
    /// The flow folder a flow file belongs to.
    pub fn flow_dir(&self) -> Option<&str> {
        match self {
            FileKind::FlowConfig(d)
            | FileKind::Step(d)
            | FileKind::TransitionFunction(d)
            | FileKind::FunctionStep(d) => Some(d),
            _ => None,
        }
    }

    /// A settings file (`crate::settings`): the voice and chat configuration, speech
    /// recognition, pronunciations, safety filters and the experimental config.
    pub fn is_settings(&self) -> bool {
        matches!(
            self,
            FileKind::ChannelConfig
                | FileKind::SafetyFilters
                | FileKind::AsrSettings
                | FileKind::Keyphrases
                | FileKind::TranscriptCorrections
                | FileKind::Pronunciations
                | FileKind::ExperimentalConfig
        )
    }
}

impl FileKind {
    /// A controls file (`crate::controls`): guardrails, phrase filters, MCP servers and API
    /// integrations.
    pub fn is_controls(&self) -> bool {
        matches!(
            self,
            FileKind::Guardrails
                | FileKind::PhraseFilters
                | FileKind::McpServers
                | FileKind::ApiIntegrations
        )
    }
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Classify a relative path (`/`-separated).
pub fn classify(rel: &str) -> Option<FileKind> {
    // Relevant paths have at most four segments; a fifth marks the path as too deep.
    let mut parts = [""; 5];
    let mut n = 0;
    for seg in rel.split('/') {
        if n == parts.len() {
            return None;
        }
        parts[n] = seg;
        n += 1;
    }
    let k = match &parts[..n] {
        ["switchboard.toml"] => FileKind::Config,
        ["project.yaml"] | ["project.yml"] => FileKind::ProjectYaml,
        ["agent_settings", "rules.txt"] => FileKind::Rules,
        ["agent_settings", "persona.txt"] => FileKind::PersonaText,
        ["agent_settings", f]
            if is_yaml(f) && (f.starts_with("personality.") || f.starts_with("role.")) =>
        {
            FileKind::PersonaYaml
        }
        // The ADK reads these names exactly (`.yaml`, not `.yml`).
        ["config", "mcp.yaml"] => FileKind::McpServers,
        ["config", "api_integrations.yaml"] => FileKind::ApiIntegrations,
        ["agent_settings", "guardrails.yaml"] => FileKind::Guardrails,
        ["voice", "response_control", "phrase_filtering.yaml"] => FileKind::PhraseFilters,
        ["config", f] if is_yaml(f) => match f.split('.').next().unwrap_or("") {
            "handoffs" => FileKind::Handoffs,
            "sms_templates" => FileKind::SmsTemplates,
            "variant_attributes" => FileKind::VariantAttributes,
            "entities" => FileKind::Entities,
            "translations" => FileKind::Translations,
            _ => return None,
        },
        ["topics", f] if is_yaml(f) => FileKind::Topic,
        ["child_topics", variant, f] if is_yaml(f) => FileKind::ChildTopic(variant.to_string()),
        // The ADK discovers test cases by `.yaml` alone.
        ["test_suite", f] if f.ends_with(".yaml") => FileKind::TestCase,
        ["flows", flow, f] if is_yaml(f) && f.starts_with("flow_config.") => {
            FileKind::FlowConfig(flow.to_string())
        }
        ["flows", flow, "steps", f] if is_yaml(f) => FileKind::Step(flow.to_string()),
        ["flows", flow, "functions", f] if f.ends_with(".py") => {
            FileKind::TransitionFunction(flow.to_string())
        }
        ["flows", flow, "function_steps", f] if f.ends_with(".py") => {
            FileKind::FunctionStep(flow.to_string())
        }
        ["functions", f] if f.ends_with(".py") => FileKind::GlobalFunction,
        // The ADK reads these names exactly (`.yaml`, not `.yml`).
        ["voice" | "chat", "configuration.yaml"] => FileKind::ChannelConfig,
        ["agent_settings" | "voice" | "chat", "safety_filters.yaml"] => FileKind::SafetyFilters,
        ["voice", "speech_recognition", "asr_settings.yaml"] => FileKind::AsrSettings,
        ["voice", "speech_recognition", "keyphrase_boosting.yaml"]
        | ["speech_recognition", "keyphrase_boosting.yaml"] => FileKind::Keyphrases,
        ["voice", "speech_recognition", "transcript_corrections.yaml"] => {
            FileKind::TranscriptCorrections
        }
        ["voice", "response_control", "pronunciations.yaml"] => FileKind::Pronunciations,
        ["agent_settings", "experimental_config.json"] => FileKind::ExperimentalConfig,
        ["agent_settings", "languages.yaml"] => FileKind::Languages,
        // The ADK takes every `.md` file of `context/`, the extension in any case.
        ["context", f] if f.to_uppercase().ends_with(".MD") => FileKind::ContextDocument,
        _ => return None,
    };
    Some(k)
}

/// File stem of a relative path.
pub fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}
