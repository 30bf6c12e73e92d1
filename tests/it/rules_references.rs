//! SB2xx: references in text. Each rule fires at the exact raw position (through YAML quoting and
//! folding) with the exact message, and has a must-not-fire twin.

use crate::common::*;

/// A topic whose `actions` block starts on line 4, column 3.
fn topic_actions(actions: &str) -> Vec<(String, String)> {
    let text = format!(
        "name: Refunds\nenabled: true\nactions: |\n  {}\n",
        actions.replace('\n', "\n  ")
    );
    project(&[("topics/refunds.yaml", &text)])
}

fn topic_raw(text: &str) -> Vec<(String, String)> {
    project(&[("topics/refunds.yaml", text)])
}

const FLOW_CONFIG: &str = "name: Book Visit\ndescription: Book a visit\nstart_step: Ask Date\n";
const CONFIRM_PY: &str = "from _gen import *\n\n@func_description(\"Confirm the slot\")\ndef confirm_slot(conv: Conversation, flow: Flow):\n    flow.goto_step(\"Ask Date\")\n";

fn flow(step_type: &str, prompt: &str) -> Vec<(String, String)> {
    let step = format!("step_type: {step_type}\nname: Ask Date\nprompt: |\n  {prompt}\n");
    project(&[
        ("flows/book_visit/flow_config.yaml", FLOW_CONFIG),
        ("flows/book_visit/steps/ask_date.yaml", &step),
        ("flows/book_visit/functions/confirm_slot.py", CONFIRM_PY),
    ])
}

#[test]
fn sb201_unknown_handoff_with_did_you_mean() {
    let f = fires(
        &topic_actions("Transfer with {{ho:billing_team}}."),
        "SB201",
        "topics/refunds.yaml",
        4,
        22,
        "unknown handoff `billing_team`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `billing`?"));
    assert_eq!((f.end_line, f.end_col), (4, 34));
    silent(
        &topic_actions("Transfer with {{ho:billing}} or {{ho:Front Desk}}."),
        "SB201",
    );
}

#[test]
fn sb201_position_through_double_quotes_and_escapes() {
    let f = fires(
        &topic_raw("name: Refunds\nenabled: true\nactions: \"Say \\\"hi\\\" then {{ho:nope}}\"\n"),
        "SB201",
        "topics/refunds.yaml",
        3,
        32,
        "unknown handoff `nope`",
    );
    assert_eq!((f.end_line, f.end_col), (3, 36));
}

#[test]
fn sb201_position_through_folding_and_unicode() {
    // Folded scalar: the reference is on the third raw line, after NBSP, ZWSP, an emoji and CJK.
    let text = "name: Refunds\nenabled: true\nactions: >\n  First line\n  second line\n  \u{1F600}予約\u{00A0}\u{200B}{{ho:nope}} end\n";
    fires(
        &topic_raw(text),
        "SB201",
        "topics/refunds.yaml",
        6,
        13,
        "unknown handoff `nope`",
    );
    // Single-quoted with a doubled quote before it, continuing on the next line.
    let text = "name: Refunds\nenabled: true\nactions: 'It''s\n  late: {{ho:nope}}'\n";
    fires(
        &topic_raw(text),
        "SB201",
        "topics/refunds.yaml",
        4,
        14,
        "unknown handoff `nope`",
    );
}

#[test]
fn sb201_crlf_line_endings() {
    let text =
        "name: Refunds\r\nenabled: true\r\nactions: |\r\n  # Heading\r\n  Use {{ho:nope}}.\r\n";
    fires(
        &topic_raw(text),
        "SB201",
        "topics/refunds.yaml",
        5,
        12,
        "unknown handoff `nope`",
    );
}

#[test]
fn sb202_unknown_function() {
    let f = fires(
        &topic_actions("Call {{fn:lookup}} first."),
        "SB202",
        "topics/refunds.yaml",
        4,
        13,
        "unknown function `lookup`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `lookup_patient`?"));
    silent(&topic_actions("Call {{fn:lookup_patient}} first."), "SB202");
}

#[test]
fn sb202_says_why_for_start_and_flow_functions() {
    let files = {
        let mut f = topic_actions("Call {{fn:start_function}} and {{fn:confirm_slot}}.");
        f.push((
            "functions/start_function.py".into(),
            "def start_function(conv):\n    conv.state.started = True\n".into(),
        ));
        f.push((
            "flows/book_visit/flow_config.yaml".into(),
            FLOW_CONFIG.into(),
        ));
        f.push((
            "flows/book_visit/functions/confirm_slot.py".into(),
            CONFIRM_PY.into(),
        ));
        f.push((
            "flows/book_visit/steps/ask_date.yaml".into(),
            "step_type: advanced_step\nname: Ask Date\nprompt: Ask.\n".into(),
        ));
        f
    };
    let all = diagnose(&files);
    let sb202: Vec<&Found> = all.iter().filter(|f| f.code == "SB202").collect();
    assert_eq!(sb202.len(), 2, "{all:#?}");
    let p = load(&files);
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    let notes: Vec<String> = diags
        .iter()
        .filter(|d| d.code.as_str() == "SB202")
        .flat_map(|d| d.notes.clone())
        .collect();
    assert_eq!(
        notes,
        vec![
            "`start_function` is a start/end function: the platform runs it, it cannot be referenced".to_string(),
            "`confirm_slot` is a transition function of flow `Book Visit`: reference it as `{{ft:confirm_slot}}` from that flow's steps".to_string(),
        ]
    );
}

#[test]
fn sb203_flow_function_scoped_to_its_flow() {
    fires(
        &flow("advanced_step", "Then {{ft:confirm_slots}}."),
        "SB203",
        "flows/book_visit/steps/ask_date.yaml",
        4,
        13,
        "unknown flow function `confirm_slots` in flow `Book Visit`",
    );
    silent(&flow("advanced_step", "Then {{ft:confirm_slot}}."), "SB203");
    // In another flow, the same name does not resolve, and the message says where it lives.
    let mut files = flow("advanced_step", "Then {{ft:confirm_slot}}.");
    files.push((
        "flows/other/flow_config.yaml".into(),
        "name: Other\nstart_step: Start\n".into(),
    ));
    files.push((
        "flows/other/steps/start.yaml".into(),
        "step_type: advanced_step\nname: Start\nprompt: |\n  Go {{ft:confirm_slot}}.\n".into(),
    ));
    let p = load(&files);
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    let d = diags
        .iter()
        .find(|d| d.code.as_str() == "SB203")
        .expect("SB203");
    assert_eq!(p.file(d.file).rel, "flows/other/steps/start.yaml");
    assert_eq!(
        d.notes,
        vec![
            "`confirm_slot` exists in flow `Book Visit`: transition functions are visible only inside their own flow"
        ]
    );
}

const VARIANTS: &str = "variants:\n  - name: downtown\n    is_default: true\n  - name: harbour\n    is_default: false\nattributes:\n  - name: office_phone\n    values:\n      downtown: \"+15550001111\"\n      harbour: \"+15550002222\"\n";

#[test]
fn sb204_unknown_attribute_both_spellings() {
    let mut files = topic_actions("Call {{attr:office_phon}} or ${variant_office}.");
    files.push(("config/variant_attributes.yaml".into(), VARIANTS.into()));
    let all = diagnose(&files);
    let hits: Vec<(u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB204")
        .map(|f| (f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![
            (4, 15, "unknown variant attribute `office_phon`"),
            (4, 42, "unknown variant attribute `office`")
        ]
    );
    let mut ok = topic_actions("Call {{attr:office_phone}} or ${variant_office_phone}.");
    ok.push(("config/variant_attributes.yaml".into(), VARIANTS.into()));
    silent(&ok, "SB204");
}

#[test]
fn sb205_unknown_variable_severity_by_form() {
    let all = diagnose(&topic_actions("Hi {{vrbl:patient_name}} and $patient_nam."));
    let hits: Vec<(&str, u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB205")
        .map(|f| (f.severity, f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![
            (
                "error",
                4,
                13,
                "unknown variable `{{vrbl:patient_name}}`: no code sets `conv.state.patient_name`"
            ),
            (
                "warning",
                4,
                33,
                "unknown variable `$patient_nam`: no code sets `conv.state.patient_nam`"
            ),
        ]
    );
    silent(
        &topic_actions(
            "Hi {{vrbl:patient_id}}, $patient_id, $caller_id. Costs $1.50 or $ 20, US$5.",
        ),
        "SB205",
    );
}

#[test]
fn sb205_read_only_variable_is_info() {
    let reader = "from _gen import *\n\n@func_description(\"Greets\")\ndef greet(conv: Conversation):\n    return conv.state.nickname\n";
    let mut files = topic_actions("Say $nickname.");
    files.push(("functions/greet.py".into(), reader.into()));
    let f = fires(
        &files,
        "SB205",
        "topics/refunds.yaml",
        4,
        8,
        "variable `$nickname` is read in code but never written",
    );
    assert_eq!(f.severity, "info");
}

#[test]
fn sb206_sb207_sb208_unknown_sms_entity_translation() {
    let sms = "sms_templates:\n  - name: directions\n    text: Our address is 1 Harbour St.\n";
    let entities = "entities:\n  - name: date_of_birth\n    entity_type: date\n";
    let translations = "translations:\n  - name: goodbye\n";
    let base_files = |actions: &str| {
        let mut f = topic_actions(actions);
        f.push(("config/sms_templates.yaml".into(), sms.into()));
        f.push(("config/entities.yaml".into(), entities.into()));
        f.push(("config/translations.yaml".into(), translations.into()));
        f
    };
    let files = base_files("Send {{twilio_sms:direction}}. Say {{tn:good_bye}}.");
    fires(
        &files,
        "SB206",
        "topics/refunds.yaml",
        4,
        21,
        "unknown SMS template `direction`",
    );
    fires(
        &files,
        "SB208",
        "topics/refunds.yaml",
        4,
        43,
        "unknown translation `good_bye`",
    );
    silent(
        &base_files("Send {{twilio_sms:directions}}. Say {{tn:goodbye}}."),
        "SB206",
    );
    silent(
        &base_files("Send {{twilio_sms:directions}}. Say {{tn:goodbye}}."),
        "SB208",
    );
    let step = "step_type: advanced_step\nname: Ask Date\nprompt: Ask for {{entity:date_of_birt}}.\nextracted_entities:\n  - dob\n";
    let mut files = base_files("Fine.");
    files.push((
        "flows/book_visit/flow_config.yaml".into(),
        FLOW_CONFIG.into(),
    ));
    files.push(("flows/book_visit/steps/ask_date.yaml".into(), step.into()));
    let all = diagnose(&files);
    let hits: Vec<(u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB207")
        .map(|f| (f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![
            (3, 26, "unknown entity `date_of_birt`"),
            (5, 5, "unknown entity `dob`")
        ]
    );
    let step_ok = step
        .replace("date_of_birt", "date_of_birth")
        .replace("- dob", "- date_of_birth");
    files.retain(|(p, _)| !p.ends_with("ask_date.yaml"));
    files.push(("flows/book_visit/steps/ask_date.yaml".into(), step_ok));
    silent(&files, "SB207");
}

#[test]
fn sb211_kind_not_allowed_in_field() {
    let sms = "sms_templates:\n  - name: directions\n    text: Call {{fn:lookup_patient}} now\n";
    fires(
        &project(&[("config/sms_templates.yaml", sms)]),
        "SB211",
        "config/sms_templates.yaml",
        3,
        16,
        "global function reference is not allowed in an SMS template text",
    );
    let ok = "sms_templates:\n  - name: directions\n    text: Hi $caller_id, your code is {{vrbl:patient_id}}\n";
    silent(&project(&[("config/sms_templates.yaml", ok)]), "SB211");
    let persona = "You are friendly.\nEscalate with {{ho:billing}}.\n";
    fires(
        &project(&[("agent_settings/persona.txt", persona)]),
        "SB211",
        "agent_settings/persona.txt",
        2,
        15,
        "handoff reference is not allowed in the persona text",
    );
}

#[test]
fn sb212_function_in_default_step() {
    let f = fires(
        &flow("default_step", "Ask, then {{fn:lookup_patient}}."),
        "SB212",
        "flows/book_visit/steps/ask_date.yaml",
        4,
        13,
        "`{{fn:lookup_patient}}` in a default step prompt",
    );
    assert!(f.help.unwrap().contains("advanced_step"));
    // Only SB212, not SB211 as well.
    silent(
        &flow("default_step", "Ask, then {{fn:lookup_patient}}."),
        "SB211",
    );
    silent(
        &flow("advanced_step", "Ask, then {{fn:lookup_patient}}."),
        "SB212",
    );
}

#[test]
fn sb213_alternate_handoff_spelling() {
    let f = fires(
        &topic_actions("Transfer with <<ho:Front Desk>>."),
        "SB213",
        "topics/refunds.yaml",
        4,
        17,
        "`<<ho:Front Desk>>` is the alternate handoff spelling",
    );
    assert_eq!(f.fixes, vec!["{{ho:Front Desk}}"]);
    assert_eq!(f.severity, "hint");
    // It resolves: no SB201.
    silent(&topic_actions("Transfer with <<ho:Front Desk>>."), "SB201");
    silent(
        &topic_actions("Transfer with {{ho:Front Desk}} << back"),
        "SB213",
    );
}

#[test]
fn sb214_variable_attribute_access() {
    fires(
        &topic_actions("Hello $patient_id.name today."),
        "SB214",
        "topics/refunds.yaml",
        4,
        9,
        "`$patient_id` is followed by an attribute access `.name`",
    );
    silent(&topic_actions("Your id is $patient_id. Thanks."), "SB214");
}

#[test]
fn sb215_behaviour_in_content() {
    let text = "name: Refunds\nenabled: true\ncontent: |\n  Refunds take 5 days. Use {{fn:lookup_patient}}.\nactions: |\n  Use {{fn:lookup_patient}}.\n";
    fires(
        &topic_raw(text),
        "SB215",
        "topics/refunds.yaml",
        4,
        28,
        "global function reference in topic `content`",
    );
    let ok = "name: Refunds\nenabled: true\ncontent: |\n  Refunds take 5 days; call $caller_id back.\nactions: |\n  Use {{fn:lookup_patient}}.\n";
    silent(&topic_raw(ok), "SB215");
}

#[test]
fn sb216_reference_in_python_string() {
    let py = "from _gen import *\n\n@func_description(\"Explain\")\ndef explain(conv: Conversation):\n    # {{ho:in_a_comment}} is never reported\n    return \"Then use {{ho:billling}}.\"\n";
    let f = fires(
        &project(&[("functions/explain.py", py)]),
        "SB216",
        "functions/explain.py",
        6,
        22,
        "reference in a string returned to the model: unknown handoff `billling`",
    );
    assert_eq!(f.severity, "warning");
    let ok = "from _gen import *\n\n@func_description(\"Explain\")\ndef explain(conv: Conversation, name: str):\n    return f\"Hi {name}, use {{{{ho:billing}}}} or {{{{fn:lookup_patient}}}}.\"\n";
    silent(&project(&[("functions/explain.py", ok)]), "SB216");
}

#[test]
fn traps_do_not_fire() {
    // Prices, NBSP/ZWSP next to references, Markdown headings inside block scalars, names with
    // spaces, a bare `$`, JSON braces.
    let actions = "# Pricing\nA clean costs $1.50 per minute, or $85 flat; US$ 20.\n\u{00A0}{{ho:Front Desk}}\u{200B} for the desk.\n## Next\n{\"json\": {\"a\": 1}} and a lone $ sign.";
    let files = topic_actions(actions);
    let all = diagnose(&files);
    let bad: Vec<&Found> = all
        .iter()
        .filter(|f| f.file == "topics/refunds.yaml")
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}
