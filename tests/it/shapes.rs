//! The ADK's reading and shape checks of the settings files (polyai-adk 0.73.2): byte order
//! marks, unquoted numbers where a string is needed, the voice and chat configuration, ASR
//! settings, safety filters, keyphrases, transcript corrections, pronunciations and the
//! experimental config. Each rule a fixture that fires (code, line, column, message) and a twin
//! that does not.

use crate::common::*;

/// The codes that fire on `files`, without the base project's own info (SB118 on `Front Desk`).
fn codes(files: &[(String, String)]) -> Vec<&'static str> {
    diagnose(files)
        .into_iter()
        .filter(|f| f.code != "SB118")
        .map(|f| f.code)
        .collect()
}

const LOOKUP_BOM: &str = "\u{feff}from _gen import *  # <AUTO GENERATED>\r\n\r\n@func_description(\"Look up the caller's patient record\")\r\n@func_parameter(\"dob\", \"The caller's date of birth, YYYY-MM-DD\")\r\ndef lookup_patient(conv: Conversation, dob: str):\r\n    conv.state.patient_id = \"p-\" + dob\r\n    return \"Résultat trouvé.\"\r\n";

#[test]
fn sb012_a_leading_bom_in_python_is_an_error_with_a_fix() {
    let files = project(&[("functions/lookup_patient.py", LOOKUP_BOM)]);
    let f = fires(
        &files,
        "SB012",
        "functions/lookup_patient.py",
        1,
        1,
        "the file starts with a UTF-8 byte order mark, which Python's parser rejects",
    );
    assert_eq!((f.end_line, f.end_col, f.severity), (1, 2, "error"));
    assert_eq!(f.fixes, vec![String::new()]);
    // The rest of the file is still read: the function is known, nothing else fires.
    assert_eq!(codes(&files), ["SB012"]);
}

#[test]
fn sb012_not_for_yaml_text_or_a_bom_inside_a_python_string() {
    let topic = format!("\u{feff}{TOPIC}");
    let rules = format!("\u{feff}{RULES_TXT}");
    let py = LOOKUP_BOM
        .trim_start_matches('\u{feff}')
        .replace("Résultat", "\u{feff}Résultat");
    let files = project(&[
        ("topics/appointments.yaml", &topic),
        ("agent_settings/rules.txt", &rules),
        ("functions/lookup_patient.py", &py),
    ]);
    assert_eq!(codes(&files), Vec::<&str>::new());
}

#[test]
fn sb013_an_unquoted_phone_number_is_an_integer() {
    let handoffs = HANDOFFS.replace("\"+15551234567\"", "+15551234567");
    let files = project(&[("config/handoffs.yaml", &handoffs)]);
    let f = fires(
        &files,
        "SB013",
        "config/handoffs.yaml",
        7,
        21,
        "`phone_number` must be a string, but YAML reads `+15551234567` as an integer",
    );
    assert_eq!(f.severity, "error");
    assert_eq!(f.fixes, vec!["\"+15551234567\"".to_string()]);
    assert_eq!(f.help.as_deref(), Some("quote it: `\"+15551234567\"`"));
    // The quoted twin is the base project, which is clean.
    assert_eq!(codes(&project(&[])), Vec::<&str>::new());
}

#[test]
fn sb013_in_every_kind_with_string_fields() {
    // (file, text, line, column, message): names, descriptions, texts and list items.
    let cases: &[(&str, String, u32, u32, &str)] = &[
        (
            "config/handoffs.yaml",
            HANDOFFS.replace("Reception, for anything else", "2024-01-15"),
            14,
            18,
            "`description` must be a string, but YAML reads `2024-01-15` as a date",
        ),
        (
            "topics/appointments.yaml",
            TOPIC.replace("  - I want to book\n", "  - I want to book\n  - 1_000\n"),
            5,
            5,
            "an example query must be a string, but YAML reads `1_000` as an integer",
        ),
        (
            "topics/appointments.yaml",
            TOPIC.replace("name: Appointments", "name: 0x1F"),
            1,
            7,
            "`name` must be a string, but YAML reads `0x1F` as an integer",
        ),
        (
            "config/sms_templates.yaml",
            "sms_templates:\r\n  - name: Café confirmation\r\n    text: 1.5e3\r\n    env_phone_numbers:\r\n      live: +442079460100\r\n".to_string(),
            3,
            11,
            "an SMS template text must be a string, but YAML reads `1.5e3` as a float",
        ),
        (
            "flows/book_visit/flow_config.yaml",
            "name: Book visit\ndescription: TRUE\nstart_step: Ask date\n".to_string(),
            2,
            14,
            "`description` must be a string, but YAML reads `TRUE` as a boolean",
        ),
    ];
    for (path, text, line, col, message) in cases {
        let files = project(&[(path, text)]);
        let all = diagnose(&files);
        let hits: Vec<&Found> = all
            .iter()
            .filter(|f| f.code == "SB013" && f.line == *line)
            .collect();
        assert_eq!(hits.len(), 1, "{path}: {all:#?}");
        assert_eq!(
            (hits[0].col, hits[0].message.as_str()),
            (*col, *message),
            "{path}"
        );
    }
}

#[test]
fn sb013_not_for_strings_yaml_1_2_keeps_or_fields_the_adk_never_types() {
    // `yes`/`on` stay strings in YAML 1.2; quoted numbers are strings; a SIP header's value and
    // key are never type-checked by the ADK; `12:30` and `1,000` are strings.
    let handoffs = HANDOFFS
        .replace("Billing disputes and refunds", "yes")
        .replace("value: $caller_id", "value: 12")
        .replace("Reception, for anything else", "'2024-01-15'");
    let topic = TOPIC.replace(
        "  - I want to book\n",
        "  - on\n  - 12:30\n  - 1,000\n  - \"42\"\n",
    );
    let files = project(&[
        ("config/handoffs.yaml", &handoffs),
        ("topics/appointments.yaml", &topic),
    ]);
    silent(&files, "SB013");
}

/// A voice configuration in the shape the ADK writes it (folded long lines, non-ASCII).
const VOICE: &str = "greeting:\n  welcome_message: Hi, thanks for calling Café Rouge! I can book a table or\n    answer questions about {{attr:brand_name}}.\n  language_code: en-GB\nstyle_prompt:\n  prompt: Speak at a steady, moderate pace.\ndisclaimer_messages:\n  message: ''\n  enabled: false\n  language_code: en-GB\nfiller_phrases:\n  enabled: true\n  phrases:\n    - Un momento…\n  initial_interval_seconds: 2.5\n  interval_seconds: 5\nbackground_ambience:\n  enabled: true\n  preset: restaurant-ambiance\n  loudness: -50\n";

const VARIANTS: &str = "variants:\n  - name: Soho\n    is_default: true\nattributes:\n  - name: brand_name\n    values:\n      Soho: Café Rouge Soho\n";

const SAFETY: &str = "enabled: true\ncategories:\n  violence:\n    enabled: true\n    level: medium\n  hate:\n    enabled: true\n    level: strict\n  sexual:\n    enabled: false\n    level: lenient\n  self_harm:\n    enabled: true\n    level: medium\n";

fn with_voice(voice: &str) -> Vec<(String, String)> {
    project(&[
        ("config/variant_attributes.yaml", VARIANTS),
        ("voice/configuration.yaml", voice),
    ])
}

/// Exactly one `code`, at (line, column), with `message`.
#[track_caller]
fn one(files: &[(String, String)], code: &str, file: &str, line: u32, col: u32, message: &str) {
    fires(files, code, file, line, col, message);
}

#[test]
fn the_voice_configuration_in_the_adks_shape_is_clean() {
    assert_eq!(codes(&with_voice(VOICE)), Vec::<&str>::new());
    // The welcome message is a text field: its reference resolves (no SB204) and is indexed.
    let p = load(&with_voice(VOICE));
    let g = p.settings.channels[0].greeting.as_ref().unwrap();
    assert_eq!(g.language_code, "en-GB");
    let t = &p.texts[g.text.unwrap()];
    assert_eq!(t.refs.len(), 1);
    assert_eq!(t.refs[0].name, "brand_name");
    assert_eq!(
        p.settings.channels[0]
            .filler_phrases
            .as_ref()
            .unwrap()
            .phrases,
        ["Un momento…"]
    );
}

#[test]
fn sb470_a_greeting_without_a_welcome_message() {
    let v = VOICE.replace(
        "  welcome_message: Hi, thanks for calling Café Rouge! I can book a table or\n    answer questions about {{attr:brand_name}}.\n",
        "  welcome_message: ''\n",
    );
    one(
        &with_voice(&v),
        "SB470",
        "voice/configuration.yaml",
        2,
        20,
        "the voice greeting has no welcome message",
    );
    // A section left empty is not read, so nothing is missing.
    let v = VOICE.replace(
        "greeting:\n  welcome_message: Hi, thanks for calling Café Rouge! I can book a table or\n    answer questions about {{attr:brand_name}}.\n  language_code: en-GB\n",
        "greeting: {}\n",
    );
    silent(&with_voice(&v), "SB470");
}

#[test]
fn sb471_an_empty_language_code() {
    let v = VOICE.replace(
        "  enabled: false\n  language_code: en-GB",
        "  enabled: false\n  language_code: ''",
    );
    one(
        &with_voice(&v),
        "SB471",
        "voice/configuration.yaml",
        10,
        18,
        "the disclaimer has an empty `language_code`",
    );
    // Missing is `en-GB`.
    let v = VOICE.replace(
        "  enabled: false\n  language_code: en-GB\n",
        "  enabled: false\n",
    );
    silent(&with_voice(&v), "SB471");
}

#[test]
fn sb472_filler_phrases_limits() {
    let v = VOICE.replace("interval_seconds: 5\n", "interval_seconds: 0.5\n");
    one(
        &with_voice(&v),
        "SB472",
        "voice/configuration.yaml",
        16,
        21,
        "`filler_phrases.interval_seconds` must be at least 1 seconds",
    );
    let v = VOICE.replace(
        "  phrases:\n    - Un momento…\n",
        "  phrases:\n    - '  '\n",
    );
    one(
        &with_voice(&v),
        "SB472",
        "voice/configuration.yaml",
        14,
        5,
        "`filler_phrases` is enabled but has no phrase to say",
    );
    // No `phrases` key: the ADK's three defaults.
    let v = VOICE.replace("  phrases:\n    - Un momento…\n", "");
    silent(&with_voice(&v), "SB472");
}

#[test]
fn sb015_an_unknown_key_in_a_strict_section_is_an_error() {
    let v = VOICE.replace("  loudness: -50\n", "  loudness: -50\n  volume: 3\n");
    let f = fires(
        &with_voice(&v),
        "SB015",
        "voice/configuration.yaml",
        21,
        3,
        "unknown key `volume` in `background_ambience`: the ADK refuses the file",
    );
    assert_eq!(f.severity, "error");
    // In the greeting an unknown key is ignored by the ADK: a warning only.
    let v = VOICE.replace(
        "  language_code: en-GB\nstyle",
        "  language_code: en-GB\n  voice: alloy\nstyle",
    );
    silent(&with_voice(&v), "SB015");
    let all = diagnose(&with_voice(&v));
    assert!(
        all.iter()
            .any(|f| f.code == "SB008" && f.severity == "warning" && f.line == 5),
        "{all:#?}"
    );
}

#[test]
fn sb473_sb474_background_ambience() {
    let v = VOICE.replace("loudness: -50", "loudness: -10");
    one(
        &with_voice(&v),
        "SB473",
        "voice/configuration.yaml",
        20,
        13,
        "`background_ambience.loudness` must be between -70 and -20 dB",
    );
    let v = VOICE.replace("  preset: restaurant-ambiance\n", "");
    one(
        &with_voice(&v),
        "SB473",
        "voice/configuration.yaml",
        17,
        1,
        "`background_ambience` has no `preset`",
    );
    let v = VOICE.replace("preset: restaurant-ambiance", "preset: restaurant-ambience");
    let f = fires(
        &with_voice(&v),
        "SB474",
        "voice/configuration.yaml",
        19,
        11,
        "`restaurant-ambience` is not an ambience preset the ADK knows",
    );
    assert_eq!(f.severity, "warning");
    assert_eq!(
        f.help.as_deref(),
        Some("did you mean `restaurant-ambiance`?")
    );
}

#[test]
fn sb475_web_chat_parts_go_together() {
    let chat = "greeting:\r\n  welcome_message: ¡Hola! ¿En qué puedo ayudarle?\r\n  language_code: es-ES\r\nstyle_prompt:\r\n  prompt: Keep answers short.\r\n";
    let files = project(&[("chat/configuration.yaml", chat)]);
    let all: Vec<Found> = diagnose(&files)
        .into_iter()
        .filter(|f| f.code == "SB475")
        .collect();
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!((all[0].line, all[0].col), (1, 1));
    assert_eq!(
        all[0].message,
        "web chat settings are incomplete: the `greeting` of `chat/configuration.yaml` is set but `chat/safety_filters.yaml` is not"
    );
    assert_eq!((all[1].line, all[1].col), (4, 1));
    let files = project(&[
        ("chat/configuration.yaml", chat),
        ("chat/safety_filters.yaml", SAFETY),
    ]);
    silent(&files, "SB475");
    assert_eq!(codes(&files), Vec::<&str>::new());
}

const ASR: &str = "speech_end_delay_ms: 600\nbarge_in:\n  enabled: true\n  allow_on_first_turn: false\n  max_per_call: 3\n";
const ASR_PATH: &str = "voice/speech_recognition/asr_settings.yaml";

#[test]
fn sb476_sb477_asr_settings() {
    assert_eq!(codes(&project(&[(ASR_PATH, ASR)])), Vec::<&str>::new());
    let files = project(&[(ASR_PATH, &ASR.replace("600", "150"))]);
    one(
        &files,
        "SB476",
        ASR_PATH,
        1,
        22,
        "`speech_end_delay_ms` must be between 200 and 1500",
    );
    let files = project(&[(
        ASR_PATH,
        &ASR.replace("max_per_call: 3", "max_per_call: -1"),
    )]);
    one(
        &files,
        "SB476",
        ASR_PATH,
        5,
        17,
        "`barge_in.max_per_call` cannot be negative",
    );
    let files = project(&[(ASR_PATH, &ASR.replace("600", "600.0"))]);
    one(
        &files,
        "SB004",
        ASR_PATH,
        1,
        22,
        "`speech_end_delay_ms` must be an integer, found float",
    );
    let legacy = "barge_in: false\ninteraction_style: swift\n";
    let all = diagnose(&project(&[(ASR_PATH, legacy)]));
    let hits: Vec<(&str, &str, u32, u32)> = all
        .iter()
        .filter(|f| f.file == ASR_PATH)
        .map(|f| (f.code, f.severity, f.line, f.col))
        .collect();
    assert_eq!(hits, [("SB477", "info", 1, 11), ("SB477", "info", 2, 1)]);
}

const SAFETY_PATH: &str = "voice/safety_filters.yaml";

#[test]
fn sb478_safety_filters() {
    assert_eq!(
        codes(&project(&[(SAFETY_PATH, SAFETY)])),
        Vec::<&str>::new()
    );
    let files = project(&[(SAFETY_PATH, &SAFETY.replace("level: strict", "level: high"))]);
    one(
        &files,
        "SB478",
        SAFETY_PATH,
        8,
        12,
        "`high` is not a safety filter level: use `lenient`, `medium` or `strict`",
    );
    let files = project(&[(
        SAFETY_PATH,
        &SAFETY.replace("enabled: true\ncategories", "categories"),
    )]);
    one(
        &files,
        "SB478",
        SAFETY_PATH,
        1,
        1,
        "the channel's safety filters have no `enabled`",
    );
    let files = project(&[(
        SAFETY_PATH,
        &SAFETY.replace("  hate:\n    enabled: true\n    level: strict\n", ""),
    )]);
    one(
        &files,
        "SB478",
        SAFETY_PATH,
        2,
        1,
        "the safety filters have no `hate` category: all four are required",
    );
    // The project-level file has no `enabled`; `STRICT` is the platform's word, accepted.
    let general = SAFETY
        .replace("enabled: true\ncategories", "categories")
        .replace("level: strict", "level: STRICT");
    assert_eq!(
        codes(&project(&[(
            "agent_settings/safety_filters.yaml",
            &general
        )])),
        Vec::<&str>::new()
    );
    let fix = fires(
        &project(&[(
            SAFETY_PATH,
            &SAFETY.replace("level: strict", "level: Strict"),
        )]),
        "SB478",
        SAFETY_PATH,
        8,
        12,
        "`Strict` is not a safety filter level: use `lenient`, `medium` or `strict`",
    );
    assert_eq!(fix.fixes, ["strict"]);
}

const KP_PATH: &str = "voice/speech_recognition/keyphrase_boosting.yaml";

#[test]
fn sb479_sb480_sb485_keyphrases() {
    let kp = "keyphrases:\n  - keyphrase: Crème brûlée\n    level: boosted\n  - keyphrase: yes\n    level: MAXIMUM\n";
    assert_eq!(codes(&project(&[(KP_PATH, kp)])), Vec::<&str>::new());
    let files = project(&[(KP_PATH, &kp.replace("level: boosted", "level: high"))]);
    one(
        &files,
        "SB479",
        KP_PATH,
        3,
        12,
        "`high` is not a keyphrase level: use `default`, `boosted` or `maximum`",
    );
    let dup = format!("{kp}  - keyphrase: ' crème BRÛLÉE '\n");
    let f = fires(
        &project(&[(KP_PATH, &dup)]),
        "SB480",
        KP_PATH,
        6,
        17,
        "duplicate keyphrase ` crème BRÛLÉE `: keyphrases are compared trimmed and lower-cased",
    );
    assert_eq!(f.severity, "error");
    let clean_dup = format!("{kp}  - keyphrase: Crème-brûlée\n");
    one(
        &project(&[(KP_PATH, &clean_dup)]),
        "SB480",
        KP_PATH,
        6,
        16,
        "keyphrase `Crème-brûlée` has the clean name `Crème_brûlée` of `Crème brûlée`: the ADK reads it as that one, a duplicate",
    );
    let skipped = format!("{kp}  - level: boosted\n");
    let f = fires(
        &project(&[(KP_PATH, &skipped)]),
        "SB485",
        KP_PATH,
        6,
        5,
        "this entry has no keyphrase: the ADK skips it",
    );
    assert_eq!(f.severity, "warning");
    let num = format!("{kp}  - keyphrase: 2024\n");
    one(
        &project(&[(KP_PATH, &num)]),
        "SB013",
        KP_PATH,
        6,
        16,
        "`keyphrase` must be a string, but YAML reads `2024` as an integer",
    );
}

const TC_PATH: &str = "voice/speech_recognition/transcript_corrections.yaml";
const TC: &str = "corrections:\n  - name: Emmett Street\n    description: Common misrecognitions of Emmett Street\n    regular_expressions:\n      - regular_expression: \\bBennett Street\\b\n        replacement: Emmett Street\n        replacement_type: partial\n      - regular_expression: \\bEmma Street\\b\n        replacement: Emmett Street\n        replacement_type: substring\n";

#[test]
fn sb481_sb482_transcript_corrections() {
    assert_eq!(codes(&project(&[(TC_PATH, TC)])), Vec::<&str>::new());
    let p = load(&project(&[(TC_PATH, TC)]));
    assert_eq!(p.settings.corrections[0].rules[1].2, "partial");
    let files = project(&[(
        TC_PATH,
        &TC.replace("replacement_type: partial", "replacement_type: Partial"),
    )]);
    let f = fires(
        &files,
        "SB481",
        TC_PATH,
        7,
        27,
        "`Partial` is not a replacement type: use `full`, `partial` or `substring`",
    );
    assert_eq!(f.fixes, ["partial"]);
    let files = project(&[(
        TC_PATH,
        &TC.replace(
            "regular_expression: \\bEmma Street\\b",
            "regular_expression: ''",
        ),
    )]);
    one(
        &files,
        "SB481",
        TC_PATH,
        8,
        29,
        "rule 1 of transcript correction `Emmett Street` has no `regular_expression`",
    );
    let dup = format!(
        "{TC}  - name: Emmett-Street\n    regular_expressions:\n      - regular_expression: x\n"
    );
    one(
        &project(&[(TC_PATH, &dup)]),
        "SB482",
        TC_PATH,
        11,
        11,
        "transcript correction `Emmett-Street` has the clean name `Emmett_Street` of `Emmett Street`: the ADK reads it as that one, a duplicate",
    );
    let none = format!("{TC}  - name: Other\n");
    one(
        &project(&[(TC_PATH, &none)]),
        "SB481",
        TC_PATH,
        11,
        5,
        "transcript correction `Other` has no regular expression rule",
    );
}

const PR_PATH: &str = "voice/response_control/pronunciations.yaml";

#[test]
fn sb483_pronunciations_and_a_long_list() {
    let mut pr = String::from("pronunciations:\n");
    for i in 0..2000 {
        pr.push_str(&format!(
            "  - regex: \\b{i}\\b\n    replacement: number {i}\n    case_sensitive: false\n"
        ));
    }
    let files = project(&[(PR_PATH, &pr)]);
    assert_eq!(codes(&files), Vec::<&str>::new());
    assert_eq!(load(&files).settings.pronunciations.len(), 2000);
    let bad = pr.replacen("  - regex: \\b7\\b\n", "  - regex: ''\n", 1);
    one(
        &project(&[(PR_PATH, &bad)]),
        "SB483",
        PR_PATH,
        23,
        12,
        "pronunciation 7 has no `regex`",
    );
}

const EX_PATH: &str = "agent_settings/experimental_config.json";

#[test]
fn sb014_sb484_sb012_the_experimental_config() {
    let ok = "{\n  \"asr\": {\"provider\": \"default\", \"model\": \"poly-latency\"},\n  \"eot\": {\"provider\": \"smart_turn\", \"threshold\": 0.5}\n}\n";
    assert_eq!(codes(&project(&[(EX_PATH, ok)])), Vec::<&str>::new());
    let files = project(&[(EX_PATH, &ok.replace("0.5}", "0.5,}"))]);
    one(
        &files,
        "SB014",
        EX_PATH,
        3,
        53,
        "invalid JSON: trailing comma before `}`",
    );
    let files = project(&[(
        EX_PATH,
        &ok.replace(
            "\"model\": \"poly-latency\"",
            "\"model\": \"poly-latency\", \"eager_final\": \"yes\"",
        ),
    )]);
    one(
        &files,
        "SB484",
        EX_PATH,
        2,
        74,
        "`asr.eager_final` must be of type boolean, found string `\"yes\"`",
    );
    let files = project(&[(EX_PATH, &format!("\u{feff}{ok}"))]);
    let f = fires(
        &files,
        "SB012",
        EX_PATH,
        1,
        1,
        "the file starts with a UTF-8 byte order mark, which Python's JSON reader rejects",
    );
    assert_eq!(f.fixes, [""]);
    // The rest is still checked, at positions past the mark.
    silent(&files, "SB014");
}

#[test]
fn the_bundle_carries_the_settings_and_matches_its_schema() {
    let files = project(&[
        ("config/variant_attributes.yaml", VARIANTS),
        ("voice/configuration.yaml", VOICE),
        (
            "chat/configuration.yaml",
            "greeting:\n  welcome_message: ¡Hola!\nstyle_prompt:\n  prompt: Short answers.\n",
        ),
        ("chat/safety_filters.yaml", SAFETY),
        (ASR_PATH, "barge_in: true\ninteraction_style: swift\n"),
        (
            KP_PATH,
            "keyphrases:\n  - keyphrase: Crème brûlée\n    level: Boosted\n  - keyphrase: refund\n",
        ),
        (TC_PATH, TC),
        (
            PR_PATH,
            "pronunciations:\n  - regex: \\bDr\\.\n    replacement: doctor\n",
        ),
    ]);
    let p = load(&files);
    let text = switchboard::compile::compile_to_string(&p, &Default::default());
    let b: serde_json::Value = serde_json::from_str(&text).unwrap();
    let s = &b["settings"];
    assert_eq!(s["channels"][0]["channel"], "chat");
    assert_eq!(s["channels"][0]["greeting"]["language_code"], "en-GB");
    let voice = &s["channels"][1];
    assert_eq!(
        voice["greeting"]["welcome_message"],
        "Hi, thanks for calling Café Rouge! I can book a table or answer questions about {{attr:brand_name}}."
    );
    assert_eq!(voice["greeting"]["location"]["line"], 1);
    assert_eq!(voice["filler_phrases"]["interval_seconds"], 5.0);
    assert_eq!(
        voice["background_ambience"]["preset"],
        "restaurant-ambiance"
    );
    assert_eq!(s["asr"]["barge_in"]["enabled"], true);
    assert_eq!(s["keyphrases"][0]["level"], "boosted");
    assert_eq!(s["keyphrases"][1]["level"], "default");
    assert_eq!(
        s["transcript_corrections"][0]["rules"][1]["replacement_type"],
        "partial"
    );
    assert_eq!(s["pronunciations"][0]["regex"], "\\bDr\\.");
    assert_eq!(s["safety_filters"][0]["channel"], "chat");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/bundle.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let errs: Vec<String> = v
        .iter_errors(&b)
        .map(|e| format!("{} {e}", e.instance_path()))
        .collect();
    assert!(errs.is_empty(), "{errs:#?}");
    // A project without settings files has no `settings` key: older bundles are unchanged.
    let plain = switchboard::compile::compile_to_string(&load(&project(&[])), &Default::default());
    assert!(!plain.contains("\"settings\""));
}
