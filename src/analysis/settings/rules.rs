//! The SB47x/SB48x rules (the settings files' shape) as declared: each rule's code, name,
//! default severity, summary and documentation. The per-file checks are made by the builders
//! as they read each file (`src/project/build/channels.rs`, `speech.rs`, `safety.rs`,
//! `experimental.rs`); the check across files (SB475) is in this family's `mod.rs`.

crate::diagnostics::declare_rules! {
    SB470 {
        name: "empty-welcome-message",
        severity: Error,
        summary: "a voice or chat `greeting` without a `welcome_message`",
        what: "Reports a `greeting` section of `voice/configuration.yaml` or \
               `chat/configuration.yaml` whose `welcome_message` is missing, null or empty. \
               A section that is itself empty (`greeting: {}`) is not reported: the ADK \
               leaves the platform's greeting alone then.",
        why: "The ADK refuses to push the greeting (`Welcome message cannot be empty.`): the \
              greeting is the first thing a caller hears, and an empty one would open the call \
              with silence.",
        example: r#"# voice/configuration.yaml
greeting:
  welcome_message: ''
  language_code: en-US
"#,
        fix: "Write the greeting, or remove the whole `greeting` section to keep the one set \
              in Agent Studio.",
        clean: r#"# voice/configuration.yaml
greeting:
  welcome_message: Thanks for calling Café Rouge, how can I help?
  language_code: en-US
"#,
    }

    SB471 {
        name: "empty-language-code",
        severity: Error,
        summary: "a greeting or disclaimer whose `language_code` is empty or null",
        what: "Reports a `language_code` that is written but empty (`''`) or null in the \
               `greeting` or `disclaimer_messages` section of a channel configuration. A \
               missing `language_code` is fine: the ADK fills in `en-GB`.",
        why: "The ADK rejects the section (`Language code cannot be empty.`): the platform needs \
              to know which language the message is spoken in.",
        example: r#"# voice/configuration.yaml
disclaimer_messages:
  message: This call may be recorded for training.
  enabled: true
  language_code: ''
"#,
        fix: "Give the BCP 47 code of the message's language (`en-US`, `es-ES`), or remove the \
              key to use `en-GB`.",
        clean: r#"# voice/configuration.yaml
disclaimer_messages:
  message: This call may be recorded for training.
  enabled: true
  language_code: en-US
"#,
    }

    SB472 {
        name: "filler-phrases-settings",
        severity: Error,
        summary: "`filler_phrases` enabled without a phrase, or an interval under the platform's minimum (0.5 s first, 1 s between)",
        what: "Reports a `filler_phrases` section of `voice/configuration.yaml` that is enabled \
               with no phrase that has any text, an `initial_interval_seconds` under 0.5, or an \
               `interval_seconds` under 1. Without a `phrases` key the ADK uses its three \
               defaults, which is fine.",
        why: "These are Agent Studio's limits, and the ADK checks them before it pushes \
              (`filler_phrases.interval_seconds must be at least 1.`): an enabled filler with \
              nothing to say, or one that talks over the caller every half second, is refused.",
        example: r#"# voice/configuration.yaml
filler_phrases:
  enabled: true
  phrases:
    - Un momento, por favor…
  initial_interval_seconds: 2.5
  interval_seconds: 0.5
"#,
        fix: "Give at least one phrase and intervals of at least 0.5 s (first) and 1 s \
              (between phrases).",
        clean: r#"# voice/configuration.yaml
filler_phrases:
  enabled: true
  phrases:
    - Un momento, por favor…
  initial_interval_seconds: 2.5
  interval_seconds: 5
"#,
    }

    SB473 {
        name: "ambience-settings",
        severity: Error,
        summary: "`background_ambience` without a `preset`, or a `loudness` outside -70 to -20 dB",
        what: "Reports a `background_ambience` section of `voice/configuration.yaml` with no \
               (or an empty) `preset`, or whose `loudness` is not between -70 and -20 dB.",
        why: "The ADK refuses the section (`background_ambience needs a preset.`, \
              `background_ambience.loudness must be between -70 and -20 dB.`): those are Agent \
              Studio's limits, and a louder ambience would drown the agent's voice.",
        example: r#"# voice/configuration.yaml
background_ambience:
  enabled: true
  preset: office-ambiance
  loudness: -10
"#,
        fix: "Pick a preset and a loudness between -70 and -20 (the platform's default is \
              -50).",
        clean: r#"# voice/configuration.yaml
background_ambience:
  enabled: true
  preset: office-ambiance
  loudness: -50
"#,
    }

    SB474 {
        name: "unknown-ambience-preset",
        severity: Warning,
        summary: "a `background_ambience.preset` that is not one of the presets the ADK knows",
        what: "Reports a `background_ambience.preset` other than `office-ambiance`, \
               `restaurant-ambiance` and `whitenoise-subtle`, the presets polyai-adk 0.73.2 \
               knows.",
        why: "The ADK only warns (a preset added to the platform later must still be \
              pushable), but says that Agent Studio may reject it: usually the name is \
              misspelt (`office-ambience`).",
        example: r#"# voice/configuration.yaml
background_ambience:
  enabled: true
  preset: office-ambience
  loudness: -50
"#,
        fix: "Use one of the known presets, or check in Agent Studio that the new one exists.",
        clean: r#"# voice/configuration.yaml
background_ambience:
  enabled: true
  preset: office-ambiance
  loudness: -50
"#,
    }

    SB475 {
        name: "incomplete-web-chat",
        severity: Error,
        summary: "the web chat greeting, style prompt and safety filters are not all present",
        what: "Reports web chat settings that are only partly there: the `greeting` and \
               `style_prompt` sections of `chat/configuration.yaml` and the file \
               `chat/safety_filters.yaml` go together, and the one that is present is \
               reported with the ones that are missing.",
        why: "Agent Studio configures web chat as one unit, and the ADK refuses each present \
              part while another is missing (`Webchat config resources must all be present \
              together. Missing: ChatSafetyFilters.`).",
        example: r#"# chat/configuration.yaml
greeting:
  welcome_message: Hello! Ask me anything about your booking.
  language_code: en-GB
style_prompt:
  prompt: Keep answers short and friendly.
"#,
        fix: "Add the missing parts (here `chat/safety_filters.yaml`), or remove web chat \
              settings altogether.",
        clean: r#"# chat/configuration.yaml
greeting:
  welcome_message: Hello! Ask me anything about your booking.
  language_code: en-GB
style_prompt:
  prompt: Keep answers short and friendly.

# chat/safety_filters.yaml
enabled: true
categories:
  violence:
    enabled: true
    level: medium
  hate:
    enabled: true
    level: medium
  sexual:
    enabled: true
    level: medium
  self_harm:
    enabled: true
    level: medium
"#,
    }

    SB476 {
        name: "asr-settings-range",
        severity: Error,
        summary: "`speech_end_delay_ms` outside 200–1500, or a negative `barge_in.max_per_call`",
        what: "Reports, in `voice/speech_recognition/asr_settings.yaml`, a \
               `speech_end_delay_ms` that is not between 200 and 1500 milliseconds, or a \
               `barge_in.max_per_call` below zero.",
        why: "These are Agent Studio's limits and the ADK checks them \
              (`speech_end_delay_ms must be between 200 and 1500.`): a shorter delay cuts the \
              caller off mid-sentence, a longer one leaves them waiting in silence.",
        example: r#"# voice/speech_recognition/asr_settings.yaml
speech_end_delay_ms: 3000
barge_in:
  enabled: true
  max_per_call: 3
"#,
        fix: "Use a delay between 200 and 1500 ms, and a `max_per_call` of 0 or more (or none \
              for no limit).",
        clean: r#"# voice/speech_recognition/asr_settings.yaml
speech_end_delay_ms: 800
barge_in:
  enabled: true
  max_per_call: 3
"#,
    }

    SB477 {
        name: "legacy-asr-settings",
        severity: Info,
        summary: "`barge_in: true/false` or `interaction_style` in `asr_settings.yaml`: the old format, which the ADK rewrites",
        what: "Reports the format older ADK versions wrote in \
               `voice/speech_recognition/asr_settings.yaml`: `barge_in` as a boolean, and an \
               `interaction_style` key.",
        why: "The ADK rewrites the file the first time it loads the project \
              (`barge_in: false` becomes `barge_in: {enabled: false}` and `interaction_style` \
              is deleted: the runtime no longer uses it), so the working tree changes under \
              you; once the project's status file records that migration, a boolean \
              `barge_in` is refused.",
        example: r#"# voice/speech_recognition/asr_settings.yaml
barge_in: false
interaction_style: swift
"#,
        fix: "Write the current format: `barge_in:` with `enabled: false` under it, and no \
              `interaction_style`.",
        clean: r#"# voice/speech_recognition/asr_settings.yaml
barge_in:
  enabled: false
"#,
    }

    SB478 {
        name: "safety-filter-settings",
        severity: Error,
        summary: "a safety filters file missing `enabled`, a category, a category's `enabled` or `level`, or with an unknown category or level",
        what: "Reports what the ADK checks in `agent_settings/safety_filters.yaml`, \
               `voice/safety_filters.yaml` and `chat/safety_filters.yaml`: the channel files \
               need a boolean `enabled`; every file needs all four `categories` (`violence`, \
               `hate`, `sexual`, `self_harm`) and no other, each with a boolean `enabled` and \
               a `level` of `lenient`, `medium` or `strict`.",
        why: "The ADK refuses the file (`Missing required safety filter category 'hate'.`, \
              `Invalid level set 'high' for category 'violence'.`): a filter that is half \
              configured cannot be pushed, and the agent keeps whatever the platform had.",
        example: r#"# voice/safety_filters.yaml
enabled: true
categories:
  violence:
    enabled: true
    level: high
  sexual:
    enabled: true
    level: strict
  self_harm:
    enabled: true
    level: medium
"#,
        fix: "List all four categories with `enabled: true` or `false` and one of the three \
              levels.",
        clean: r#"# voice/safety_filters.yaml
enabled: true
categories:
  violence:
    enabled: true
    level: strict
  hate:
    enabled: true
    level: medium
  sexual:
    enabled: true
    level: strict
  self_harm:
    enabled: true
    level: medium
"#,
    }

    SB479 {
        name: "keyphrase-settings",
        severity: Error,
        summary: "a keyphrase with an unknown `level`, or one made only of punctuation",
        what: "Reports a keyphrase of `voice/speech_recognition/keyphrase_boosting.yaml` whose \
               `level` is not `default`, `boosted` or `maximum` (in any case), is null or not \
               a string, or whose text has no letter or digit at all (`'!!!'`).",
        why: "The ADK refuses an unknown level (`Invalid level 'high'. Must be one of: \
              default, boosted, maximum`) and fails to load the file on a null one; a \
              keyphrase with no letter or digit has no name to be found under, so the load \
              fails (`File not found for resource`).",
        example: r#"# voice/speech_recognition/keyphrase_boosting.yaml
keyphrases:
  - keyphrase: Crème brûlée
    level: high
"#,
        fix: "Use `default`, `boosted` or `maximum`.",
        clean: r#"# voice/speech_recognition/keyphrase_boosting.yaml
keyphrases:
  - keyphrase: Crème brûlée
    level: boosted
"#,
    }

    SB480 {
        name: "duplicate-keyphrase",
        severity: Error,
        summary: "two keyphrases that are the same once trimmed and lower-cased (or whose clean names collide)",
        what: "Reports a keyphrase that repeats an earlier one once both are trimmed and \
               lower-cased (`PolyAI`, ` polyai `), or whose clean name is the same \
               (`Poly AI`, `Poly-AI`: the ADK then reads the first entry twice).",
        why: "Agent Studio treats them as one phrase and rejects the whole push; the ADK \
              checks it first (`Duplicate keyphrases (compared case-insensitively, ignoring \
              surrounding whitespace)`).",
        example: r#"# voice/speech_recognition/keyphrase_boosting.yaml
keyphrases:
  - keyphrase: PolyAI
    level: maximum
  - keyphrase: polyai
    level: boosted
"#,
        fix: "Keep one entry per phrase, with the level you want.",
        clean: r#"# voice/speech_recognition/keyphrase_boosting.yaml
keyphrases:
  - keyphrase: PolyAI
    level: maximum
"#,
    }

    SB481 {
        name: "transcript-correction-settings",
        severity: Error,
        summary: "a transcript correction with no rules, an empty `regular_expression`, an unknown `replacement_type` or a blank name",
        what: "Reports a correction of `voice/speech_recognition/transcript_corrections.yaml` \
               with no `regular_expressions`, a rule whose `regular_expression` is empty, a \
               `replacement_type` other than `full`, `partial` or `substring` (exactly, lower \
               case), or a name made only of spaces or punctuation.",
        why: "The ADK refuses the correction (`At least one regular expression rule is \
              required`, `Invalid replacement_type 'exact' in rule 0.`); a name with no letter \
              or digit cannot be found again, and the load fails.",
        example: r#"# voice/speech_recognition/transcript_corrections.yaml
corrections:
  - name: Email domain
    description: Spoken email domains
    regular_expressions:
      - regular_expression: at gmail dot com
        replacement: "@gmail.com"
        replacement_type: exact
"#,
        fix: "Give each correction at least one rule with a regular expression, and use \
              `full`, `partial` or `substring`.",
        clean: r#"# voice/speech_recognition/transcript_corrections.yaml
corrections:
  - name: Email domain
    description: Spoken email domains
    regular_expressions:
      - regular_expression: at gmail dot com
        replacement: "@gmail.com"
        replacement_type: full
"#,
    }

    SB482 {
        name: "duplicate-correction",
        severity: Error,
        summary: "two transcript corrections with one name (or names that clean alike)",
        what: "Reports a transcript correction whose name repeats an earlier one's, or cleans \
               to the same name (`Email domain`, `Email-domain`: the ADK reads the first \
               entry for both).",
        why: "The ADK refuses the file (`Duplicate transcript correction names`): corrections \
              are pushed by name.",
        example: r#"# voice/speech_recognition/transcript_corrections.yaml
corrections:
  - name: Street names
    regular_expressions:
      - regular_expression: \bEmma Street\b
        replacement: Emmett Street
        replacement_type: partial
  - name: Street-names
    regular_expressions:
      - regular_expression: \bBennett Street\b
        replacement: Emmett Street
        replacement_type: partial
"#,
        fix: "Merge the rules into one correction, or give each its own name.",
        clean: r#"# voice/speech_recognition/transcript_corrections.yaml
corrections:
  - name: Street names
    regular_expressions:
      - regular_expression: \bEmma Street\b
        replacement: Emmett Street
        replacement_type: partial
      - regular_expression: \bBennett Street\b
        replacement: Emmett Street
        replacement_type: partial
"#,
    }

    SB483 {
        name: "empty-pronunciation-regex",
        severity: Error,
        summary: "a pronunciation rule without a `regex`",
        what: "Reports an entry of `voice/response_control/pronunciations.yaml` whose `regex` \
               is missing, null or empty.",
        why: "The ADK refuses it (`Regex pattern is required`): a rule that matches nothing \
              cannot rewrite what the agent says.",
        example: r#"# voice/response_control/pronunciations.yaml
pronunciations:
  - regex: ''
    replacement: doctor
    case_sensitive: false
"#,
        fix: "Write the pattern the replacement applies to, or remove the entry.",
        clean: r#"# voice/response_control/pronunciations.yaml
pronunciations:
  - regex: \bDr\.
    replacement: doctor
    case_sensitive: false
"#,
    }

    SB484 {
        name: "experimental-config-schema",
        severity: Error,
        summary: "`agent_settings/experimental_config.json` does not match the ADK's schema (unknown key, wrong type, value out of range)",
        what: "Checks `agent_settings/experimental_config.json` against the schema the ADK \
               ships (`experimental_config_schema.yaml`, the `additional_features` schema of \
               polyai-adk 0.73.2) and reports each value that does not match: a key no \
               feature has, a value of the wrong type, a value outside its `enum` or range, a \
               string that does not match its pattern, a missing required key. The span is \
               the value (or, for an unknown key, the key).",
        why: "The ADK validates the file with that schema before it pushes \
              (`ValidationError: 'yes' is not of type 'boolean'`), and the project is refused \
              until it matches.",
        example: r#"# agent_settings/experimental_config.json
{
  "smart_vad": {"is_enabled": "yes"},
  "eot": {"provider": "smart_turn", "threshold": 0.5}
}
"#,
        fix: "Correct the value to what the schema allows (here `true`), or remove the key.",
        clean: r#"# agent_settings/experimental_config.json
{
  "smart_vad": {"is_enabled": true},
  "eot": {"provider": "smart_turn", "threshold": 0.5}
}
"#,
    }

    SB485 {
        name: "skipped-settings-entry",
        severity: Warning,
        summary: "a keyphrase without `keyphrase`, a transcript correction without `name`, or a legacy keyphrase file: the ADK skips it",
        what: "Reports an entry of `keyphrase_boosting.yaml` with no (or an empty) \
               `keyphrase`, an entry of `transcript_corrections.yaml` with no (or an empty) \
               `name`, and a legacy `speech_recognition/keyphrase_boosting.yaml` beside \
               `voice/speech_recognition/keyphrase_boosting.yaml` (only the latter is read; \
               the legacy file's own findings are not reported).",
        why: "The ADK finds these entries by that field and skips one without it, without a \
              word: whatever it configures is never pushed.",
        example: r#"# voice/speech_recognition/keyphrase_boosting.yaml
keyphrases:
  - level: boosted
"#,
        fix: "Give the entry its keyphrase (or name), or remove it.",
        clean: r#"# voice/speech_recognition/keyphrase_boosting.yaml
keyphrases:
  - keyphrase: reservation
    level: boosted
"#,
    }
}
