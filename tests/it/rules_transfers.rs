//! SB3xx: code transfers and their conflicts with UI handoffs.

use crate::common::*;

fn transfer_fn(body: &str) -> String {
    format!(
        "from _gen import *  # <AUTO GENERATED>\n\nREASON_TO_TARGET = {{\"billing\": \"billing\", \"desk\": \"Front Desk\"}}\n\n\n@func_description(\"Transfer the caller\")\ndef transfer_to_billing(\n    conv: Conversation,\n    reason: str,\n):\n{body}\n"
    )
}

fn with_fn(body: &str) -> Vec<(String, String)> {
    project(&[("functions/transfer_to_billing.py", &transfer_fn(body))])
}

#[test]
fn sb302_unknown_destination_keyword_and_positional() {
    let f = fires(
        &with_fn("    conv.call_handoff(destination=\"biling\", reason=\"needs_human\")"),
        "SB302",
        "functions/transfer_to_billing.py",
        11,
        35,
        "`conv.call_handoff` destination `\"biling\"` names no handoff",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `billing`?"));
    assert_eq!(f.fixes, vec!["\"billing\""]);
    fires(
        &with_fn("    conv.call_handoff(\"front desk\", \"needs_human\")"),
        "SB302",
        "functions/transfer_to_billing.py",
        11,
        23,
        "`conv.call_handoff` destination `\"front desk\"` names no handoff",
    );
    silent(
        &with_fn("    conv.call_handoff(destination=\"billing\", reason=\"needs_human\")"),
        "SB302",
    );
    silent(&with_fn("    conv.call_handoff(\"Front Desk\")"), "SB302");
}

#[test]
fn sb302_through_a_constant_dict() {
    let body = "    conv.call_handoff(destination=REASON_TO_TARGET.get(reason, \"billing\"))";
    silent(&with_fn(body), "SB302");
    silent(&with_fn(body), "SB305");
    let bad = transfer_fn(body).replace("\"desk\": \"Front Desk\"", "\"desk\": \"Frontdesk\"");
    let f = fires(
        &project(&[("functions/transfer_to_billing.py", &bad)]),
        "SB302",
        "functions/transfer_to_billing.py",
        3,
        51,
        "`conv.call_handoff` destination `\"Frontdesk\"` (a value of `REASON_TO_TARGET`) names no handoff",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `Front Desk`?"));
}

#[test]
fn sb303_utterance_with_refer() {
    let f = fires(
        &with_fn("    conv.call_handoff(destination=\"billing\", utterance=\"One moment please\")"),
        "SB303",
        "functions/transfer_to_billing.py",
        11,
        56,
        "the utterance may not play: handoff `billing` uses SIP REFER",
    );
    assert_eq!(f.severity, "warning");
    // invite plays it reliably.
    silent(
        &with_fn(
            "    conv.call_handoff(destination=\"Front Desk\", utterance=\"One moment please\")",
        ),
        "SB303",
    );
    // No destination: the default handoff (billing, refer) is used.
    fires(
        &with_fn("    conv.call_handoff(utterance=\"One moment\")"),
        "SB303",
        "functions/transfer_to_billing.py",
        11,
        33,
        "the utterance may not play: handoff `billing` uses SIP REFER",
    );
}

#[test]
fn sb304_hardcoded_route() {
    fires(
        &with_fn("    return {\"handoff\": {\"refer\": {\"phone_number\": \"+15550009999\"}}}"),
        "SB304",
        "functions/transfer_to_billing.py",
        11,
        51,
        "code transfers to the hard-coded route `+15550009999`, which matches no handoff",
    );
    silent(
        &with_fn("    return {\"handoff\": {\"refer\": {\"phone_number\": \"+15551234567\"}}}"),
        "SB304",
    );
}

#[test]
fn sb305_dynamic_destination() {
    let f = fires(
        &with_fn("    conv.call_handoff(destination=reason.lower())"),
        "SB305",
        "functions/transfer_to_billing.py",
        11,
        35,
        "`conv.call_handoff` destination is computed at run time: switchboard cannot prove it names a handoff",
    );
    assert_eq!(f.severity, "info");
    silent(
        &with_fn("    conv.call_handoff(destination=\"billing\")"),
        "SB305",
    );
}

#[test]
fn sb306_default_destination_name() {
    let f = fires(
        &with_fn("    conv.call_handoff(destination=\"DEFAULT\")"),
        "SB306",
        "functions/transfer_to_billing.py",
        11,
        35,
        "destination `\"DEFAULT\"` names no handoff: there is no handoff called `DEFAULT`",
    );
    assert_eq!(
        f.help.as_deref(),
        Some(
            "the default handoff is `billing`: pass `destination=\"billing\"`, or omit the destination to use the default"
        )
    );
    silent(
        &with_fn("    conv.call_handoff(destination=\"DEFAULT\")"),
        "SB302",
    );
    // A handoff really named DEFAULT resolves.
    let handoffs = HANDOFFS.replacen("name: end_call", "name: DEFAULT", 1);
    let mut files = project(&[
        ("config/handoffs.yaml", &handoffs),
        (
            "functions/transfer_to_billing.py",
            &transfer_fn("    conv.call_handoff(destination=\"DEFAULT\")"),
        ),
    ]);
    files.retain(|(p, _)| p != "topics/appointments.yaml");
    silent(&files, "SB306");
}

const TOPIC_BOTH: &str = "name: Billing\nenabled: true\nactions: |\n  For refunds call {{fn:transfer_to_billing}}.\n  Otherwise use {{ho:Front Desk}}.\n";

#[test]
fn sb301_topic_reaches_handoff_and_code_transfer() {
    let files = project(&[
        (
            "functions/transfer_to_billing.py",
            &transfer_fn("    conv.call_handoff(destination=\"billing\")"),
        ),
        ("topics/billing.yaml", TOPIC_BOTH),
    ]);
    let f = fires(
        &files,
        "SB301",
        "topics/billing.yaml",
        4,
        20,
        "`transfer_to_billing` performs a code transfer, which overrides the handoff `{{ho:Front Desk}}` in this topic",
    );
    assert_eq!(f.severity, "error");
    let p = load(&files);
    let d = switchboard::analysis::analyze(&p, &Default::default())
        .into_iter()
        .find(|d| d.code.as_str() == "SB301")
        .unwrap();
    let labels: Vec<(String, u32, u32, String)> = d
        .labels
        .iter()
        .map(|l| {
            let f = p.file(l.file);
            let (line, col) = f.line_col(l.span.start);
            (f.rel.clone(), line + 1, col + 1, l.message.clone())
        })
        .collect();
    assert_eq!(
        labels,
        vec![
            (
                "topics/billing.yaml".into(),
                5,
                17,
                "UI handoff referenced here".into()
            ),
            (
                "functions/transfer_to_billing.py".into(),
                11,
                5,
                "transfers here with conv.call_handoff(...)".into()
            ),
        ]
    );
}

/// A transfer written over several lines is labelled on its first line only.
#[test]
fn sb301_label_on_a_multi_line_call_is_its_first_line() {
    let files = project(&[
        (
            "functions/transfer_to_billing.py",
            &transfer_fn("    conv.call_handoff(\n        destination=\"billing\",\n    )"),
        ),
        ("topics/billing.yaml", TOPIC_BOTH),
    ]);
    let p = load(&files);
    let d = switchboard::analysis::analyze(&p, &Default::default())
        .into_iter()
        .find(|d| d.code.as_str() == "SB301")
        .expect("SB301 fires");
    let l = d
        .labels
        .iter()
        .find(|l| l.message == "transfers here with conv.call_handoff(...)")
        .expect("the transfer is labelled");
    let f = p.file(l.file);
    assert_eq!(f.rel, "functions/transfer_to_billing.py");
    // `conv.call_handoff(` on line 11 from column 5: the label stops at the line's end.
    assert_eq!(f.line_col(l.span.start), (10, 4));
    assert_eq!(f.line_col(l.span.end), (10, 22));
    assert_eq!(f.slice(l.span), "conv.call_handoff(");
}

#[test]
fn sb301_through_calls_and_not_for_money_transfers() {
    let helper = "from _gen import *\n\n@func_description(\"Escalate\")\ndef escalate(conv: Conversation):\n    conv.functions.transfer_to_billing(conv, \"x\")\n";
    let topic = TOPIC_BOTH.replace("transfer_to_billing", "escalate");
    let files = project(&[
        (
            "functions/transfer_to_billing.py",
            &transfer_fn(
                "    return {\"handoff\": {\"refer\": {\"phone_number\": \"+15551234567\"}}}",
            ),
        ),
        ("functions/escalate.py", helper),
        ("topics/billing.yaml", &topic),
    ]);
    fires(
        &files,
        "SB301",
        "topics/billing.yaml",
        4,
        20,
        "`escalate` performs a code transfer (through escalate → transfer_to_billing), which overrides the handoff `{{ho:Front Desk}}` in this topic",
    );
    // A money transfer is not a call transfer.
    let money = "from _gen import *\n\n@func_description(\"Move money\")\ndef transfer_funds(conv: Conversation, account: str, amount: float):\n    result = process_transfer(account, amount)\n    conv.state.transfer_ok = result\n    return \"Transfer complete\"\n";
    let topic = TOPIC_BOTH.replace("transfer_to_billing", "transfer_funds");
    silent(
        &project(&[
            ("functions/transfer_funds.py", money),
            ("topics/billing.yaml", &topic),
        ]),
        "SB301",
    );
    // The two in different topics do not conflict.
    let topic = "name: Billing\nenabled: true\nactions: |\n  For refunds call {{fn:transfer_to_billing}}.\n";
    silent(
        &project(&[
            (
                "functions/transfer_to_billing.py",
                &transfer_fn("    conv.call_handoff(\"billing\")"),
            ),
            ("topics/billing.yaml", topic),
        ]),
        "SB301",
    );
}

#[test]
fn sb301_rules_sections_are_units_and_warn() {
    let rules = "## Refunds\nCall {{fn:transfer_to_billing}}.\n\n## Desk\nUse {{ho:Front Desk}}.\n";
    let fnfile = transfer_fn("    conv.call_handoff(\"billing\")");
    silent(
        &project(&[
            ("functions/transfer_to_billing.py", &fnfile),
            ("agent_settings/rules.txt", rules),
        ]),
        "SB301",
    );
    let rules = "## Refunds\nCall {{fn:transfer_to_billing}} or {{ho:Front Desk}}.";
    let f = fires(
        &project(&[
            ("functions/transfer_to_billing.py", &fnfile),
            ("agent_settings/rules.txt", rules),
        ]),
        "SB301",
        "agent_settings/rules.txt",
        2,
        6,
        "`transfer_to_billing` performs a code transfer, which overrides the handoff `{{ho:Front Desk}}` in this section of rules.txt",
    );
    assert_eq!(f.severity, "warning");
}
