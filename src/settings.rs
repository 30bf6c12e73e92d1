//! The settings part of the project model: the voice and chat configuration, speech
//! recognition (ASR settings, keyphrases, transcript corrections), pronunciations and safety
//! filters, as the ADK reads them, each value as it loads (defaults filled in) with its span.
//! Built by `project::build` (`channels.rs`, `speech.rs`, `safety.rs`); read by the cross-file
//! checks (`analysis::settings`) and the compiled bundle.

use crate::source::{FileId, Span};

/// Which channel a settings file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Channel {
    Voice,
    Chat,
}

impl Channel {
    /// The channel of a project-relative path (`voice/…`, `chat/…`); `None` for any other.
    pub fn of_path(rel: &str) -> Option<Channel> {
        if rel.starts_with("voice/") {
            Some(Channel::Voice)
        } else if rel.starts_with("chat/") {
            Some(Channel::Chat)
        } else {
            None
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Voice => "voice",
            Channel::Chat => "chat",
        }
    }
}

/// Every settings file's content that the checks across files and the bundle use.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `voice/configuration.yaml`, `chat/configuration.yaml`.
    pub channels: Vec<ChannelSettings>,
    /// `agent_settings/safety_filters.yaml` (channel `None`), `voice/…`, `chat/safety_filters.yaml`.
    pub safety_filters: Vec<SafetyFilters>,
    /// `voice/speech_recognition/asr_settings.yaml`.
    pub asr: Option<AsrSettings>,
    pub keyphrases: Vec<Keyphrase>,
    pub corrections: Vec<Correction>,
    pub pronunciations: Vec<Pronunciation>,
}

impl Settings {
    /// Append `other` (one file's settings), its text indices moved past the first `texts`.
    pub fn extend(&mut self, other: Settings, texts: usize) {
        let Settings {
            channels,
            safety_filters,
            asr,
            keyphrases,
            corrections,
            pronunciations,
        } = other;
        self.channels.extend(channels.into_iter().map(|mut c| {
            for t in c.texts_mut() {
                *t += texts;
            }
            c
        }));
        self.safety_filters.extend(safety_filters);
        if asr.is_some() {
            self.asr = asr;
        }
        self.keyphrases.extend(keyphrases);
        self.corrections.extend(corrections);
        self.pronunciations.extend(pronunciations);
    }

    pub fn is_empty(&self) -> bool {
        self.channels.is_empty()
            && self.safety_filters.is_empty()
            && self.asr.is_none()
            && self.keyphrases.is_empty()
            && self.corrections.is_empty()
            && self.pronunciations.is_empty()
    }

    pub fn shrink_to_fit(&mut self) {
        self.channels.shrink_to_fit();
        self.safety_filters.shrink_to_fit();
        self.keyphrases.shrink_to_fit();
        self.corrections.shrink_to_fit();
        self.pronunciations.shrink_to_fit();
    }
}

/// One channel's `configuration.yaml`. A section is `Some` when the ADK reads it: its value is
/// a non-empty mapping (an empty or missing section is left to the platform's default).
#[derive(Clone, Debug)]
pub struct ChannelSettings {
    pub file: FileId,
    pub channel: Channel,
    pub greeting: Option<Greeting>,
    pub style_prompt: Option<StylePrompt>,
    /// Voice only.
    pub disclaimer: Option<Disclaimer>,
    /// Voice only.
    pub filler_phrases: Option<FillerPhrases>,
    /// Voice only.
    pub ambience: Option<Ambience>,
}

impl ChannelSettings {
    /// The indices into `Project::texts` this file's sections hold.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = &mut usize> {
        [
            self.greeting.as_mut().and_then(|g| g.text.as_mut()),
            self.style_prompt.as_mut().and_then(|s| s.text.as_mut()),
            self.disclaimer.as_mut().and_then(|d| d.text.as_mut()),
        ]
        .into_iter()
        .flatten()
    }
}

/// `greeting`: what the agent says first.
#[derive(Clone, Debug)]
pub struct Greeting {
    /// The section's key.
    pub span: Span,
    pub welcome_message: String,
    /// `en-GB` when the key is missing.
    pub language_code: String,
    /// Index into `Project::texts` of the welcome message.
    pub text: Option<usize>,
}

/// `style_prompt`: how the agent speaks or writes on the channel.
#[derive(Clone, Debug)]
pub struct StylePrompt {
    pub span: Span,
    pub prompt: String,
    pub text: Option<usize>,
}

/// `disclaimer_messages`: said before the greeting when enabled.
#[derive(Clone, Debug)]
pub struct Disclaimer {
    pub span: Span,
    pub message: String,
    pub enabled: bool,
    pub language_code: String,
    pub text: Option<usize>,
}

/// `filler_phrases`: said while the caller waits on a slow turn.
#[derive(Clone, Debug)]
pub struct FillerPhrases {
    pub span: Span,
    pub enabled: bool,
    pub phrases: Vec<String>,
    pub randomize: bool,
    pub initial_interval_seconds: f64,
    pub interval_seconds: f64,
}

/// `background_ambience`: a sound under the agent's speech.
#[derive(Clone, Debug)]
pub struct Ambience {
    pub span: Span,
    pub enabled: bool,
    pub preset: String,
    pub loudness: f64,
}

/// One safety filters file.
#[derive(Clone, Debug)]
pub struct SafetyFilters {
    pub file: FileId,
    /// `None` for the project-level `agent_settings/safety_filters.yaml`.
    pub channel: Option<Channel>,
    /// The file's `enabled` (the project-level file has none: it is derived from the categories).
    pub enabled: Option<bool>,
    /// `(category, enabled, level)` in file order, as written.
    pub categories: Vec<(String, Option<bool>, Option<String>)>,
}

/// `asr_settings.yaml`: the voice channel's turn-taking.
#[derive(Clone, Debug)]
pub struct AsrSettings {
    pub file: FileId,
    pub speech_end_delay_ms: Option<i64>,
    /// `(enabled, allow_on_first_turn, max_per_call)`.
    pub barge_in: Option<(bool, bool, Option<i64>)>,
}

/// One keyphrase of `keyphrase_boosting.yaml`.
#[derive(Clone, Debug)]
pub struct Keyphrase {
    pub file: FileId,
    pub span: Span,
    pub keyphrase: String,
    /// Lower-cased, `default` when missing.
    pub level: String,
}

/// One correction of `transcript_corrections.yaml`.
#[derive(Clone, Debug)]
pub struct Correction {
    pub file: FileId,
    pub span: Span,
    pub name: String,
    pub description: String,
    /// `(regular_expression, replacement, replacement_type)`; the type as the ADK sends it
    /// (`substring` is `partial`).
    pub rules: Vec<(String, String, String)>,
}

/// One rule of `voice/response_control/pronunciations.yaml`.
#[derive(Clone, Debug)]
pub struct Pronunciation {
    pub file: FileId,
    pub span: Span,
    pub regex: String,
    pub replacement: String,
    pub case_sensitive: bool,
    pub language_code: String,
}
