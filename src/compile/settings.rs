//! The bundle's `settings` section: what the settings files make the agent say and hear, as the
//! ADK reads them (defaults filled in): each channel's greeting, style prompt, disclaimer,
//! filler phrases and ambience; the safety filters; the turn-taking; the keyphrases, transcript
//! corrections and pronunciations. Left out of the bundle when the project has none.

use super::{Location, location};
use crate::model::Project;
use crate::settings::Channel;
use serde::Serialize;

#[derive(Serialize, Default)]
pub struct SettingsOut {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<ChannelOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub safety_filters: Vec<SafetyOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asr: Option<AsrOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keyphrases: Vec<KeyphraseOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transcript_corrections: Vec<CorrectionOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pronunciations: Vec<PronunciationOut>,
}

impl SettingsOut {
    pub fn is_empty(&self) -> bool {
        self.channels.is_empty()
            && self.safety_filters.is_empty()
            && self.asr.is_none()
            && self.keyphrases.is_empty()
            && self.transcript_corrections.is_empty()
            && self.pronunciations.is_empty()
    }
}

#[derive(Serialize)]
pub struct ChannelOut {
    pub channel: &'static str,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting: Option<GreetingOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style_prompt: Option<TextOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<DisclaimerOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filler_phrases: Option<FillerOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background_ambience: Option<AmbienceOut>,
}

#[derive(Serialize)]
pub struct GreetingOut {
    pub welcome_message: String,
    pub language_code: String,
    pub location: Location,
}

#[derive(Serialize)]
pub struct TextOut {
    pub prompt: String,
    pub location: Location,
}

#[derive(Serialize)]
pub struct DisclaimerOut {
    pub message: String,
    pub enabled: bool,
    pub language_code: String,
    pub location: Location,
}

#[derive(Serialize)]
pub struct FillerOut {
    pub enabled: bool,
    pub phrases: Vec<String>,
    pub randomize: bool,
    pub initial_interval_seconds: f64,
    pub interval_seconds: f64,
    pub location: Location,
}

#[derive(Serialize)]
pub struct AmbienceOut {
    pub enabled: bool,
    pub preset: String,
    pub loudness: f64,
    pub location: Location,
}

#[derive(Serialize)]
pub struct SafetyOut {
    /// `voice`, `chat`, or `null` for the project-level filters.
    pub channel: Option<&'static str>,
    pub file: String,
    pub enabled: Option<bool>,
    pub categories: Vec<CategoryOut>,
}

#[derive(Serialize)]
pub struct CategoryOut {
    pub name: String,
    pub enabled: Option<bool>,
    pub level: Option<String>,
}

#[derive(Serialize)]
pub struct AsrOut {
    pub file: String,
    pub speech_end_delay_ms: Option<i64>,
    pub barge_in: Option<BargeInOut>,
}

#[derive(Serialize)]
pub struct BargeInOut {
    pub enabled: bool,
    pub allow_on_first_turn: bool,
    pub max_per_call: Option<i64>,
}

#[derive(Serialize)]
pub struct KeyphraseOut {
    pub keyphrase: String,
    pub level: String,
    pub location: Location,
}

#[derive(Serialize)]
pub struct CorrectionOut {
    pub name: String,
    pub description: String,
    pub rules: Vec<RuleOut>,
    pub location: Location,
}

#[derive(Serialize)]
pub struct RuleOut {
    pub regular_expression: String,
    pub replacement: String,
    pub replacement_type: String,
}

#[derive(Serialize)]
pub struct PronunciationOut {
    pub regex: String,
    pub replacement: String,
    pub case_sensitive: bool,
    pub language_code: String,
    pub location: Location,
}

/// A finite number for JSON (NaN and infinities have no JSON form: they become 0).
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

/// The settings section of `p`'s bundle.
pub fn settings(p: &Project) -> SettingsOut {
    let s = &p.settings;
    let rel = |f: crate::source::FileId| p.file(f).rel.clone();
    // The legacy keyphrase file is not read when the current one exists.
    let has_current = p
        .files
        .iter()
        .any(|f| f.rel == crate::analysis::settings::KEYPHRASES);
    let mut out = SettingsOut {
        channels: s
            .channels
            .iter()
            .map(|c| ChannelOut {
                channel: c.channel.as_str(),
                location: location(p, c.file, crate::source::Span::new(0, 0)),
                greeting: c.greeting.as_ref().map(|g| GreetingOut {
                    welcome_message: g.welcome_message.clone(),
                    language_code: g.language_code.clone(),
                    location: location(p, c.file, g.span),
                }),
                style_prompt: c.style_prompt.as_ref().map(|x| TextOut {
                    prompt: x.prompt.clone(),
                    location: location(p, c.file, x.span),
                }),
                disclaimer: c.disclaimer.as_ref().map(|d| DisclaimerOut {
                    message: d.message.clone(),
                    enabled: d.enabled,
                    language_code: d.language_code.clone(),
                    location: location(p, c.file, d.span),
                }),
                filler_phrases: c.filler_phrases.as_ref().map(|f| FillerOut {
                    enabled: f.enabled,
                    phrases: f.phrases.clone(),
                    randomize: f.randomize,
                    initial_interval_seconds: finite(f.initial_interval_seconds),
                    interval_seconds: finite(f.interval_seconds),
                    location: location(p, c.file, f.span),
                }),
                background_ambience: c.ambience.as_ref().map(|a| AmbienceOut {
                    enabled: a.enabled,
                    preset: a.preset.clone(),
                    loudness: finite(a.loudness),
                    location: location(p, c.file, a.span),
                }),
            })
            .collect(),
        safety_filters: s
            .safety_filters
            .iter()
            .map(|f| SafetyOut {
                channel: f.channel.map(Channel::as_str),
                file: rel(f.file),
                enabled: f.enabled,
                categories: f
                    .categories
                    .iter()
                    .map(|(name, enabled, level)| CategoryOut {
                        name: name.clone(),
                        enabled: *enabled,
                        level: level.clone(),
                    })
                    .collect(),
            })
            .collect(),
        asr: s.asr.as_ref().map(|a| AsrOut {
            file: rel(a.file),
            speech_end_delay_ms: a.speech_end_delay_ms,
            barge_in: a.barge_in.map(|(enabled, first, max)| BargeInOut {
                enabled,
                allow_on_first_turn: first,
                max_per_call: max,
            }),
        }),
        keyphrases: s
            .keyphrases
            .iter()
            .filter(|k| {
                !(has_current && p.file(k.file).rel == crate::analysis::settings::LEGACY_KEYPHRASES)
            })
            .map(|k| KeyphraseOut {
                keyphrase: k.keyphrase.clone(),
                level: k.level.clone(),
                location: location(p, k.file, k.span),
            })
            .collect(),
        transcript_corrections: s
            .corrections
            .iter()
            .map(|c| CorrectionOut {
                name: c.name.clone(),
                description: c.description.clone(),
                rules: c
                    .rules
                    .iter()
                    .map(|(r, x, t)| RuleOut {
                        regular_expression: r.clone(),
                        replacement: x.clone(),
                        replacement_type: t.clone(),
                    })
                    .collect(),
                location: location(p, c.file, c.span),
            })
            .collect(),
        pronunciations: s
            .pronunciations
            .iter()
            .map(|x| PronunciationOut {
                regex: x.regex.clone(),
                replacement: x.replacement.clone(),
                case_sensitive: x.case_sensitive,
                language_code: x.language_code.clone(),
                location: location(p, x.file, x.span),
            })
            .collect(),
    };
    out.channels.sort_by(|a, b| a.location.cmp(&b.location));
    out.safety_filters.sort_by(|a, b| a.file.cmp(&b.file));
    out
}
