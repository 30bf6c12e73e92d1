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
