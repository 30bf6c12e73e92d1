//! Building the channel settings: `voice/configuration.yaml` and `chat/configuration.yaml`
//! (greeting, style prompt; for voice also the disclaimer, filler phrases and background
//! ambience) as the ADK's `channel_settings.py` reads them, their texts scanned for references,
//! and the checks it makes of their values (SB015, SB470–SB474).

use super::typed::truthy;
use super::{Builder, value_span};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, Owner};
use crate::settings::{
    Ambience, Channel, ChannelSettings, Disclaimer, FillerPhrases, Greeting, StylePrompt,
};
use crate::source::Span;
use crate::syntax::yaml::{Entry, Node};

/// The sections of a channel configuration; the last three the voice channel's only.
const SECTIONS: &[&str] = &[
    "greeting",
    "style_prompt",
    "disclaimer_messages",
    "filler_phrases",
    "background_ambience",
];
const FILLER_KEYS: &[&str] = &[
    "enabled",
    "phrases",
    "randomize",
    "initial_interval_seconds",
    "interval_seconds",
];
const AMBIENCE_KEYS: &[&str] = &["enabled", "preset", "loudness"];
/// Agent Studio's presets in polyai-adk 0.73.2 (`AMBIENCE_PRESETS`).
const AMBIENCE_PRESETS: &[&str] = &[
    "office-ambiance",
    "restaurant-ambiance",
    "whitenoise-subtle",
];
/// The phrases the ADK uses when `filler_phrases` has no `phrases` key.
const DEFAULT_FILLER_PHRASES: &[&str] = &["One moment...", "Just a second...", "One second..."];

impl Builder<'_> {
    pub(super) fn channel_config(&mut self, root: &Node) {
        let rel = self.p.files[0].rel.clone();
        let channel = Channel::of_path(&rel).unwrap_or(Channel::Voice);
        let mut c = ChannelSettings {
            file: self.file,
            channel,
            greeting: None,
            style_prompt: None,
            disclaimer: None,
            filler_phrases: None,
            ambience: None,
        };
        // An empty file is an empty configuration.
        if !root.is_null()
            && let Some(m) = self.root_map(root)
        {
            let known = match channel {
                Channel::Voice => SECTIONS,
                Channel::Chat => &SECTIONS[..2],
            };
            self.check_keys(m, known, &format!("the {} configuration", channel.as_str()));
            for e in m.entries() {
                let Some(k) = e.key.as_str() else { continue };
                if !known.contains(&k) || !truthy(&e.value) {
                    // An empty section is not read: the platform keeps what it has.
                    continue;
                }
                let Some(section) = self.mapping(&e.value, k) else {
                    continue;
                };
                match k {
                    "greeting" => c.greeting = Some(self.greeting(e, section)),
                    "style_prompt" => c.style_prompt = Some(self.style_prompt(e, section)),
                    "disclaimer_messages" => c.disclaimer = Some(self.disclaimer(e, section)),
                    "filler_phrases" => c.filler_phrases = Some(self.filler_phrases(e, section)),
                    "background_ambience" => c.ambience = Some(self.ambience(e, section)),
                    _ => {}
                }
            }
        }
        self.p.settings.channels.push(c);
    }

    /// A section's text field: its cooked value (empty when missing or null) and text index.
    fn section_text(&mut self, m: &Node, key: &str, field: FieldKind) -> (String, Option<usize>) {
        let Some(v) = m.get(key) else {
            return (String::new(), None);
        };
        let text = self.text_scalar(v, field, Owner::Channel);
        let value = v.scalar().filter(|_| !v.is_null()).map(|s| s.value.clone());
        (value.unwrap_or_default(), text)
    }

    /// `language_code`: `en-GB` when missing; SB471 when written empty or null.
    fn language_code(&mut self, m: &Node, what: &str) -> String {
        let Some(e) = m.entry("language_code") else {
            return "en-GB".to_string();
        };
        let v = self.str_field(m, "language_code");
        let empty = v.as_ref().is_none_or(|v| v.value.is_empty());
        if empty && e.value.scalar().is_some() {
            let d = Diagnostic::new(
                Code::SB471,
                self.file,
                entry_value_span(e),
                format!("the {what} has an empty `language_code`"),
            )
            .help("give the message's language (`en-US`), or remove the key for `en-GB`");
            self.diag(d);
        }
        v.map(|v| v.value).unwrap_or_default()
    }

    fn greeting(&mut self, e: &Entry, m: &Node) -> Greeting {
        self.check_keys(m, &["welcome_message", "language_code"], "the greeting");
        let (welcome_message, text) = self.section_text(m, "welcome_message", FieldKind::Greeting);
        let language_code = self.language_code(m, "greeting");
        if welcome_message.is_empty() && !m.get("welcome_message").is_some_and(is_collection) {
            let at = m
                .entry("welcome_message")
                .map_or(e.key.span, entry_value_span);
            let d = Diagnostic::new(
                Code::SB470,
                self.file,
                at,
                format!(
                    "the {} greeting has no welcome message",
                    self.channel_name()
                ),
            )
            .help("write what the agent says first, or remove the `greeting` section");
            self.diag(d);
        }
        Greeting {
            span: e.key.span,
            welcome_message,
            language_code,
            text,
        }
    }

    fn style_prompt(&mut self, e: &Entry, m: &Node) -> StylePrompt {
        self.check_keys(m, &["prompt"], "the style prompt");
        let (prompt, text) = self.section_text(m, "prompt", FieldKind::StylePrompt);
        StylePrompt {
            span: e.key.span,
            prompt,
            text,
        }
    }

    fn disclaimer(&mut self, e: &Entry, m: &Node) -> Disclaimer {
        self.check_keys(
            m,
            &["message", "enabled", "language_code"],
            "the disclaimer",
        );
        let (message, text) = self.section_text(m, "message", FieldKind::Disclaimer);
        let enabled = self.boolean(m, "enabled").is_some_and(|b| b.value);
        let language_code = self.language_code(m, "disclaimer");
        Disclaimer {
            span: e.key.span,
            message,
            enabled,
            language_code,
            text,
        }
    }

    fn filler_phrases(&mut self, e: &Entry, m: &Node) -> FillerPhrases {
        self.strict_keys(m, FILLER_KEYS, "filler_phrases");
        let enabled = self.boolean(m, "enabled");
        let phrases_given = m.get("phrases").is_some();
        let phrases = self.str_list(m, "phrases");
        let randomize = self.boolean(m, "randomize").is_none_or(|b| b.value);
        let initial = self.float_field(m, "initial_interval_seconds");
        let interval = self.float_field(m, "interval_seconds");
        let phrases: Vec<String> = match phrases {
            Some(p) => p.into_iter().map(|p| p.value).collect(),
            None if phrases_given => Vec::new(),
            None => DEFAULT_FILLER_PHRASES
                .iter()
                .map(|s| s.to_string())
                .collect(),
        };
        if let Some(en) = enabled.as_ref().filter(|b| b.value)
            && !phrases.iter().any(|p| !p.trim().is_empty())
        {
            let at = m.entry("phrases").map_or(en.span, entry_value_span);
            let d = Diagnostic::new(
                Code::SB472,
                self.file,
                at,
                "`filler_phrases` is enabled but has no phrase to say",
            )
            .help("add at least one phrase, or set `enabled: false`");
            self.diag(d);
        }
        for (v, key, min) in [
            (&initial, "initial_interval_seconds", 0.5),
            (&interval, "interval_seconds", 1.0),
        ] {
            if let Some(v) = v.as_ref().filter(|v| v.value < min || v.value.is_nan()) {
                let d = Diagnostic::new(
                    Code::SB472,
                    self.file,
                    v.span,
                    format!("`filler_phrases.{key}` must be at least {min} seconds"),
                );
                self.diag(d);
            }
        }
        FillerPhrases {
            span: e.key.span,
            enabled: enabled.is_some_and(|b| b.value),
            phrases,
            randomize,
            initial_interval_seconds: initial.map_or(2.5, |v| v.value),
            interval_seconds: interval.map_or(5.0, |v| v.value),
        }
    }

    fn ambience(&mut self, e: &Entry, m: &Node) -> Ambience {
        self.strict_keys(m, AMBIENCE_KEYS, "background_ambience");
        let enabled = self.boolean(m, "enabled").is_some_and(|b| b.value);
        let preset = self.str_field(m, "preset");
        let loudness = self.float_field(m, "loudness");
        match &preset {
            Some(p) if !p.value.is_empty() => {
                if !AMBIENCE_PRESETS.contains(&p.value.as_str()) {
                    let help =
                        crate::text::did_you_mean(&p.value, AMBIENCE_PRESETS.iter().copied())
                            .map(|s| format!("did you mean `{s}`?"));
                    let d = Diagnostic::new(
                        Code::SB474,
                        self.file,
                        p.span,
                        format!("`{}` is not an ambience preset the ADK knows", p.value),
                    )
                    .note(format!("known presets: {}", AMBIENCE_PRESETS.join(", ")))
                    .help_opt(help);
                    self.diag(d);
                }
            }
            _ if m.get("preset").is_some_and(is_collection) => {}
            _ => {
                let at = m.entry("preset").map_or(e.key.span, entry_value_span);
                let d = Diagnostic::new(
                    Code::SB473,
                    self.file,
                    at,
                    "`background_ambience` has no `preset`",
                )
                .help(format!("choose one of {}", AMBIENCE_PRESETS.join(", ")));
                self.diag(d);
            }
        }
        if let Some(l) = loudness
            .as_ref()
            .filter(|l| !(-70.0..=-20.0).contains(&l.value))
        {
            let d = Diagnostic::new(
                Code::SB473,
                self.file,
                l.span,
                "`background_ambience.loudness` must be between -70 and -20 dB",
            );
            self.diag(d);
        }
        Ambience {
            span: e.key.span,
            enabled,
            preset: preset.map(|p| p.value).unwrap_or_default(),
            loudness: loudness.map_or(-50.0, |l| l.value),
        }
    }

    fn channel_name(&self) -> &'static str {
        Channel::of_path(&self.p.files[0].rel)
            .unwrap_or(Channel::Voice)
            .as_str()
    }
}

fn is_collection(n: &Node) -> bool {
    !n.entries().is_empty()
        || !n.items().is_empty()
        || matches!(n.type_name(), "mapping" | "sequence")
}

/// The span of an entry's value, or its key's when the value is empty (`key:` with nothing).
pub(super) fn entry_value_span(e: &Entry) -> Span {
    match e.value.scalar() {
        Some(s) if !s.value.is_empty() => value_span(s),
        Some(s) if s.span.end > s.span.start => s.span,
        Some(_) => e.key.span,
        None => e.value.span,
    }
}
