//! `switchboard.toml` and inline suppression comments.

use crate::common::*;

fn with_config(toml: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all: Vec<(&str, &str)> = vec![("switchboard.toml", toml)];
    all.extend_from_slice(changes);
    project(&all)
}

const UNUSED_END_CALL: &str = "name: Appointments\nenabled: true\nactions: Book it with {{fn:lookup_patient}}, or {{ho:Front Desk}}.\n";

#[test]
fn rule_severities_by_code_and_name_and_off() {
    let files = with_config(
        "[rules]\nSB116 = \"error\"\n",
        &[("topics/appointments.yaml", UNUSED_END_CALL)],
    );
    let f = fires(
        &files,
        "SB116",
        "config/handoffs.yaml",
        21,
        11,
        "handoff `end_call` is never used",
    );
    assert_eq!(f.severity, "error");
    let files = with_config(
        "[rules]\nunused-handoff = \"off\"\nunreferenceable-handoff-name = \"off\"\n",
        &[("topics/appointments.yaml", UNUSED_END_CALL)],
    );
    silent(&files, "SB116");
    silent(&files, "SB118");
}

#[test]
fn builtin_variables_extend_caller_id() {
    let h = HANDOFFS.replacen("value: $caller_id", "value: $account_ref", 1);
    fires(
        &project(&[("config/handoffs.yaml", &h)]),
        "SB114",
        "config/handoffs.yaml",
        10,
        16,
        "`$account_ref` in header `X-Caller-ID` is not set by any code and is not a built-in variable",
    );
    silent(
        &with_config(
            "[variables]\nbuiltin = [\"account_ref\"]\n",
            &[("config/handoffs.yaml", &h)],
        ),
        "SB114",
    );
}

#[test]
fn sb119_integration_method_lock() {
    let all = diagnose(&with_config("[integration]\nmethod = \"refer\"\n", &[]));
    let hits: Vec<(u32, u32, &str, &Vec<String>)> = all
        .iter()
        .filter(|f| f.code == "SB119")
        .map(|f| (f.line, f.col, f.message.as_str(), &f.fixes))
        .collect();
    let refer = vec!["refer".to_string()];
    assert_eq!(
        hits,
        vec![
            (
                17,
                15,
                "handoff `Front Desk` uses invite but the integration only supports refer",
                &refer
            ),
            (
                25,
                15,
                "handoff `end_call` uses bye but the integration only supports refer",
                &refer
            ),
        ]
    );
    silent(&base(), "SB119");
}

#[test]
fn sb120_route_ignored_by_carrier_routing() {
    let files = with_config("[integration]\nroute = false\n", &[]);
    let all = diagnose(&files);
    let hits: Vec<(u32, u32, &str, &str)> = all
        .iter()
        .filter(|f| f.code == "SB120")
        .map(|f| (f.line, f.col, f.severity, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![
            (
                7,
                22,
                "info",
                "route of handoff `billing` is ignored: the integration routes calls by carrier"
            ),
            (
                18,
                21,
                "info",
                "route of handoff `Front Desk` is ignored: the integration routes calls by carrier"
            ),
        ]
    );
    silent(&with_config("[integration]\nroute = true\n", &[]), "SB120");
}

#[test]
fn sb121_headers_unsupported() {
    fires(
        &with_config("[integration]\nsip_headers = false\n", &[]),
        "SB121",
        "config/handoffs.yaml",
        9,
        14,
        "handoff `billing` sets SIP headers, which the integration does not support",
    );
    silent(&base(), "SB121");
}

#[test]
fn exclude_globs_skip_files() {
    let broken = "name: Draft\nactions: Use {{ho:nope}}\n";
    fires(
        &project(&[("topics/draft_refunds.yaml", broken)]),
        "SB201",
        "topics/draft_refunds.yaml",
        2,
        19,
        "unknown handoff `nope`",
    );
    silent(
        &with_config(
            "exclude = [\"topics/draft_*.yaml\"]\n",
            &[("topics/draft_refunds.yaml", broken)],
        ),
        "SB201",
    );
}

#[test]
fn config_problems_are_diagnostics_in_the_config_file() {
    let files = with_config(
        "[rules]\nSB2011 = \"off\"\n[integration]\nmethd = \"refer\"\n",
        &[],
    );
    fires(
        &files,
        "SB010",
        "switchboard.toml",
        2,
        1,
        "unknown rule `SB2011` in [rules]",
    );
    let f = fires(
        &files,
        "SB008",
        "switchboard.toml",
        4,
        1,
        "unknown key `methd` in [integration]",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `method`?"));
    silent(&with_config("[rules]\nSB201 = \"warning\"\n", &[]), "SB010");
}

#[test]
fn suppression_comments_in_yaml_and_python() {
    let h = HANDOFFS.replacen(
        "key: X-Patient",
        "key: Patient  # switchboard: ignore[SB111]",
        1,
    );
    silent(&project(&[("config/handoffs.yaml", &h)]), "SB111");
    // A standalone comment silences the next line; by name works too.
    let h = HANDOFFS.replacen(
        "      - key: X-Patient",
        "      # switchboard: ignore[non-custom-sip-header]\n      - key: Patient",
        1,
    );
    silent(&project(&[("config/handoffs.yaml", &h)]), "SB111");
    // Another rule's code does not silence it.
    let h = HANDOFFS.replacen(
        "key: X-Patient",
        "key: Patient  # switchboard: ignore[SB201]",
        1,
    );
    fires(
        &project(&[("config/handoffs.yaml", &h)]),
        "SB111",
        "config/handoffs.yaml",
        11,
        14,
        "SIP header `Patient` is not a custom header",
    );
    let py = "from _gen import *\n\n@func_description(\"T\")\ndef transfer(conv: Conversation):\n    conv.call_handoff(destination=\"nope\")  # switchboard: ignore[SB302]\n";
    silent(&project(&[("functions/transfer.py", py)]), "SB302");
}

#[test]
fn suppression_is_not_read_inside_strings_and_block_scalars() {
    // In a block scalar `#` is text (a Markdown heading), not a comment.
    let t = "name: Refunds\nenabled: true\nactions: |\n  Use {{ho:nope}} # switchboard: ignore[SB201]\n";
    fires(
        &project(&[("topics/refunds.yaml", t)]),
        "SB201",
        "topics/refunds.yaml",
        4,
        12,
        "unknown handoff `nope`",
    );
    let py = "from _gen import *\n\n@func_description(\"T\")\ndef transfer(conv: Conversation):\n    conv.call_handoff(destination=\"nope # switchboard: ignore[SB302]\")\n";
    let all = diagnose(&project(&[("functions/transfer.py", py)]));
    assert!(all.iter().any(|f| f.code == "SB302"), "{all:#?}");
}

#[test]
fn unknown_rule_in_suppression_is_reported() {
    let h = HANDOFFS.replacen(
        "key: X-Patient",
        "key: X-Patient  # switchboard: ignore[SB111, SB9]",
        1,
    );
    let f = fires(
        &project(&[("config/handoffs.yaml", &h)]),
        "SB010",
        "config/handoffs.yaml",
        11,
        54,
        "unknown rule `SB9` in a suppression comment",
    );
    assert_eq!(f.severity, "warning");
}
