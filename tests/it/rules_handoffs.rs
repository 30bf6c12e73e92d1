//! SB1xx: each rule fires at the exact place with the exact message, and has a twin that must not fire.

use crate::common::*;

fn handoffs(text: &str) -> Vec<(String, String)> {
    project(&[("config/handoffs.yaml", text)])
}

fn edit(from: &str, to: &str) -> Vec<(String, String)> {
    assert!(HANDOFFS.contains(from), "fixture does not contain {from:?}");
    handoffs(&HANDOFFS.replacen(from, to, 1))
}

#[test]
fn base_project_is_clean_but_for_the_spaced_name_note() {
    let all = diagnose(&base());
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(
        (all[0].code, all[0].severity, all[0].line, all[0].col),
        ("SB118", "info", 13, 11)
    );
    assert_eq!(
        all[0].message,
        "handoff name `Front Desk` contains a space: references to it resolve, but the official validator never reports a misspelt one"
    );
}

#[test]
fn sb101_unknown_method() {
    let f = fires(
        &edit("method: refer", "method: transfer"),
        "SB101",
        "config/handoffs.yaml",
        6,
        15,
        "unknown SIP method `transfer`: expected `invite`, `refer` or `bye`",
    );
    assert!(
        f.fixes.is_empty() && f.help.is_none(),
        "no plausible method to suggest: {f:?}"
    );
    let f = fires(
        &edit("method: refer", "method: REFER"),
        "SB101",
        "config/handoffs.yaml",
        6,
        15,
        "unknown SIP method `REFER`: expected `invite`, `refer` or `bye`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `refer`?"));
    assert_eq!(f.fixes, vec!["refer"]);
    silent(&base(), "SB101");
}

#[test]
fn sb102_missing_route() {
    fires(
        &edit("      phone_number: \"+15551234567\"\n", ""),
        "SB102",
        "config/handoffs.yaml",
        6,
        15,
        "refer handoff `billing` has no `phone_number`: the transfer has nowhere to go",
    );
    // bye needs no route.
    silent(&base(), "SB102");
}

#[test]
fn sb103_invalid_route_with_normalising_fix() {
    let f = fires(
        &edit("\"+15551234567\"", "\"+1 (555) 123-4567\""),
        "SB103",
        "config/handoffs.yaml",
        7,
        22,
        "invalid route `+1 (555) 123-4567` for handoff `billing`: an E.164 number is `+` and digits only, without spaces, dashes or brackets",
    );
    assert_eq!(f.fixes, vec!["+15551234567"]);
    assert_eq!((f.end_line, f.end_col), (7, 39));
    let f = fires(
        &edit("\"+15551234567\"", "(555) 123-4567"),
        "SB103",
        "config/handoffs.yaml",
        7,
        21,
        "invalid route `(555) 123-4567` for handoff `billing`: `(555) 123-4567` looks like a national number: E.164 needs `+` and the country code (e.g. `+1` for North America, `+44` for the UK)",
    );
    assert!(
        f.fixes.is_empty(),
        "a national number is ambiguous: no automatic fix"
    );
    // Every valid route kind stays silent.
    for ok in [
        "\"<sip:+1234567890@10.0.0.1>\"",
        "sips:billing@pbx.example.com",
        "\"4021\"",
        "\"+442079460958\"",
    ] {
        silent(&edit("\"+15551234567\"", ok), "SB103");
    }
}

#[test]
fn sb104_route_on_bye() {
    fires(
        &edit(
            "      method: bye\n",
            "      method: bye\n      phone_number: \"+15550000000\"\n",
        ),
        "SB104",
        "config/handoffs.yaml",
        26,
        22,
        "`phone_number` on bye handoff `end_call` is never used",
    );
    silent(&base(), "SB104");
}

#[test]
fn sb105_invalid_encryption() {
    let f = fires(
        &edit("TLS/SRTP", "tls"),
        "SB105",
        "config/handoffs.yaml",
        20,
        28,
        "invalid `outbound_encryption` `tls`: expected exactly `TLS/SRTP` or `UDP/RTP`",
    );
    assert_eq!(f.fixes, vec!["TLS/SRTP"]);
    silent(&edit("TLS/SRTP", "UDP/RTP"), "SB105");
}

#[test]
fn sb106_encryption_on_refer() {
    fires(
        &edit(
            "      phone_number: \"+15551234567\"\n",
            "      phone_number: \"+15551234567\"\n      outbound_encryption: UDP/RTP\n",
        ),
        "SB106",
        "config/handoffs.yaml",
        8,
        28,
        "`outbound_encryption` does not apply to refer handoff `billing`",
    );
    // On invite it applies.
    silent(&base(), "SB106");
}

#[test]
fn sb107_no_default() {
    fires(
        &edit("is_default: true", "is_default: false"),
        "SB107",
        "config/handoffs.yaml",
        2,
        11,
        "no handoff is marked `is_default: true`",
    );
    silent(&base(), "SB107");
    // No handoffs file at all: nothing to default.
    silent(&handoffs(""), "SB107");
}

#[test]
fn sb108_two_defaults() {
    fires(
        &edit("is_default: false", "is_default: true"),
        "SB108",
        "config/handoffs.yaml",
        15,
        17,
        "more than one default handoff: `billing`, `Front Desk`",
    );
    silent(&base(), "SB108");
}

#[test]
fn sb109_duplicate_name() {
    fires(
        &edit("name: end_call", "name: billing"),
        "SB109",
        "config/handoffs.yaml",
        21,
        11,
        "duplicate handoff name `billing`",
    );
    silent(&base(), "SB109");
}

#[test]
fn sb110_blank_name() {
    fires(
        &edit("name: end_call", "name: \"\""),
        "SB110",
        "config/handoffs.yaml",
        21,
        11,
        "handoff name is blank",
    );
    silent(&base(), "SB110");
}

#[test]
fn sb111_header_without_x() {
    let f = fires(
        &edit("key: X-Patient", "key: Patient"),
        "SB111",
        "config/handoffs.yaml",
        11,
        14,
        "SIP header `Patient` is not a custom header",
    );
    assert_eq!(f.fixes, vec!["X-Patient"]);
    silent(&edit("key: X-Patient", "key: User-to-User"), "SB111");
    silent(&base(), "SB111");
}

#[test]
fn sb112_invalid_header_name() {
    fires(
        &edit("key: X-Patient", "key: X Patient"),
        "SB112",
        "config/handoffs.yaml",
        11,
        14,
        "invalid SIP header name `X Patient`: a space is not allowed in a header name",
    );
    fires(
        &edit("key: X-Patient", "key: \"X-Pati:ent\""),
        "SB112",
        "config/handoffs.yaml",
        11,
        15,
        "invalid SIP header name `X-Pati:ent`: `:` is not allowed in a header name",
    );
    silent(&base(), "SB112");
}

#[test]
fn sb113_duplicate_header_case_insensitive() {
    fires(
        &edit("key: X-Patient", "key: x-caller-id"),
        "SB113",
        "config/handoffs.yaml",
        11,
        14,
        "SIP header `x-caller-id` is set twice in handoff `billing`",
    );
    silent(&base(), "SB113");
}

#[test]
fn sb114_unknown_header_variable() {
    let f = fires(
        &edit("acct-$patient_id", "acct-$pateint_id"),
        "SB114",
        "config/handoffs.yaml",
        12,
        21,
        "`$pateint_id` in header `X-Patient` is not set by any code and is not a built-in variable",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `$patient_id`?"));
    assert_eq!((f.end_line, f.end_col), (12, 32));
    // Built-in `$caller_id` and the code-written `$patient_id` are known.
    silent(&base(), "SB114");
}

#[test]
fn sb115_header_injection() {
    fires(
        &edit("value: acct-$patient_id", "value: \"acct\\r\\nX-Evil: 1\""),
        "SB115",
        "config/handoffs.yaml",
        12,
        17,
        "SIP header `X-Patient` value contains a carriage return (CR): header injection",
    );
    silent(&base(), "SB115");
}

#[test]
fn sb116_unused_handoff() {
    let files = project(&[(
        "topics/appointments.yaml",
        &TOPIC.replace("  To hang up use {{ho:end_call}}.\n", ""),
    )]);
    let f = fires(
        &files,
        "SB116",
        "config/handoffs.yaml",
        21,
        11,
        "handoff `end_call` is never used",
    );
    assert_eq!(f.severity, "hint");
    silent(&base(), "SB116");
}

#[test]
fn sb116_is_off_when_code_transfers_dynamically() {
    let dynamic = "from _gen import *\n\n@func_description(\"Route\")\ndef route(conv: Conversation, team: str):\n    conv.call_handoff(destination=team)\n";
    let files = project(&[
        (
            "topics/appointments.yaml",
            &TOPIC.replace("  To hang up use {{ho:end_call}}.\n", ""),
        ),
        ("functions/route.py", dynamic),
    ]);
    silent(&files, "SB116");
}

#[test]
fn sb117_missing_description() {
    fires(
        &edit("description: End the call politely", "description: \"\""),
        "SB117",
        "config/handoffs.yaml",
        21,
        11,
        "handoff `end_call` has no description",
    );
    silent(&base(), "SB117");
}

#[test]
fn sb118_unreferenceable_names() {
    let all = diagnose(&edit("name: end_call", "name: \"end}call\""));
    let f = all
        .iter()
        .find(|f| f.code == "SB118" && f.line == 21)
        .expect("SB118 on end}call");
    assert_eq!((f.severity, f.col), ("warning", 12));
    assert_eq!(
        f.message,
        "handoff name `end}call` cannot be referenced: `{{ho:...}}` cannot carry `}` or a line break"
    );
    // `&` is resolvable by the platform: an informational note only.
    let files = edit("name: Front Desk", "name: W&G TBM");
    let all = diagnose(&files);
    let f = all.iter().find(|f| f.code == "SB118").unwrap();
    assert_eq!((f.severity, f.line, f.col), ("info", 13, 11));
    assert_eq!(
        f.message,
        "handoff name `W&G TBM` contains `&` and a space: references to it resolve, but the official validator never reports a misspelt one"
    );
    silent(&edit("name: Front Desk", "name: front-desk_2"), "SB118");
}
