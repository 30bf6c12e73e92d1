//! The controls as the ADK reads and checks them (polyai-adk 0.73.2): guardrails, latency
//! control, phrase filters, MCP servers and API integrations (SB430–SB449), the references their
//! text fields hold, and the shapes that stop the ADK's load. Each rule a fixture that fires
//! (code, line, column, message) and a twin that does not.

use crate::common::*;

/// The codes that fire on `files`, without the base project's own info (SB118 on `Front Desk`).
fn codes(files: &[(String, String)]) -> Vec<&'static str> {
    diagnose(files)
        .into_iter()
        .filter(|f| f.code != "SB118")
        .map(|f| f.code)
        .collect()
}

const G: &str = "agent_settings/guardrails.yaml";

const PLATFORM: &str = "platform_guardrails:
  - name: jailbreak_defence
    enabled: true
  - name: hallucination_control
    enabled: true
  - name: ai_identity
    enabled: true
  - name: emergency_escalation
    enabled: false
  - name: tool_call_integrity
    enabled: true
";

/// A valid guardrails file: the whole catalogue and a custom guardrail whose folded action
/// hands off and calls a function.
pub const GUARDRAILS: &str = "platform_guardrails:
  - name: jailbreak_defence
    enabled: true
  - name: hallucination_control
    enabled: true
  - name: ai_identity
    enabled: true
  - name: emergency_escalation
    enabled: false
  - name: tool_call_integrity
    enabled: true
custom_guardrails:
  - name: Urgence dentaire
    enabled: true
    prompt: Le patient décrit une douleur intense ou un saignement.
    action: >-
      Look the patient up with {{fn:lookup_patient}},
      then transfer with {{ho:Front Desk}}.
";

#[test]
fn a_valid_guardrails_file_is_clean() {
    let files = project(&[(G, GUARDRAILS)]);
    assert_eq!(codes(&files), Vec::<&str>::new());
    let p = load(&files);
    assert_eq!(p.controls.guardrails.len(), 6);
    let custom = &p.controls.guardrails[5];
    assert_eq!(custom.name, "Urgence dentaire");
    assert_eq!(
        custom.action,
        "Look the patient up with {{fn:lookup_patient}}, then transfer with {{ho:Front Desk}}."
    );
}

#[test]
fn sb430_an_unknown_platform_guardrail() {
    let text = PLATFORM.replace("jailbreak_defence", "jailbreak_defense");
    let files = project(&[(G, &text)]);
    let f = fires(
        &files,
        "SB430",
        G,
        2,
        11,
        "`jailbreak_defense` is not a platform guardrail",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `jailbreak_defence`?"));
    assert_eq!(f.fixes, vec!["jailbreak_defence".to_string()]);
    // It also leaves `jailbreak_defence` out.
    assert_eq!(codes(&files), ["SB431", "SB430"]);
}

#[test]
fn sb430_not_for_a_name_in_another_case_which_the_adk_upper_cases() {
    let text = PLATFORM.replace("ai_identity", "AI_Identity");
    let files = project(&[(G, &text)]);
    silent(&files, "SB430");
    // But the catalogue's spelling is missing.
    fires(
        &files,
        "SB431",
        G,
        1,
        1,
        "`platform_guardrails` leaves out `ai_identity`: the ADK expects every platform guardrail",
    );
}

#[test]
fn sb431_a_partial_catalogue() {
    let text = "platform_guardrails:\r\n  - name: ai_identity\r\n    enabled: true\r\n";
    let files = project(&[(G, text)]);
    fires(
        &files,
        "SB431",
        G,
        1,
        1,
        "`platform_guardrails` leaves out `emergency_escalation`, `hallucination_control`, `jailbreak_defence`, `tool_call_integrity`: the ADK expects every platform guardrail",
    );
}

#[test]
fn sb431_not_for_an_empty_list_or_custom_guardrails_only() {
    for text in [
        "platform_guardrails: []\n",
        "custom_guardrails:\n  - name: x\n    prompt: p\n    action: a\n",
        "",
    ] {
        let files = project(&[(G, text)]);
        assert_eq!(codes(&files), Vec::<&str>::new(), "{text}");
    }
}

#[test]
fn sb432_a_custom_guardrail_without_prompt_or_with_an_empty_action() {
    let text = "custom_guardrails:\n  - name: Pas de diagnostic\n    action: ''\n";
    let files = project(&[(G, text)]);
    let all = diagnose(&files);
    let hits: Vec<_> = all.iter().filter(|f| f.code == "SB432").collect();
    assert_eq!(hits.len(), 2, "{all:#?}");
    assert_eq!(
        (hits[0].line, hits[0].col, hits[0].message.as_str()),
        (
            2,
            11,
            "custom guardrail `Pas de diagnostic` has no `prompt`"
        )
    );
    assert_eq!(
        (hits[1].line, hits[1].col, hits[1].message.as_str()),
        (
            3,
            13,
            "custom guardrail `Pas de diagnostic` has an empty `action`"
        )
    );
    assert_eq!(hits[0].severity, "error");
}

#[test]
fn sb432_not_for_a_complete_guardrail_and_an_unnamed_entry_is_skipped() {
    let text = "custom_guardrails:\n  - name: x\n    prompt: p\n    action: a\n  - prompt: only a prompt\n";
    let files = project(&[(G, text)]);
    assert_eq!(codes(&files), Vec::<&str>::new());
}

#[test]
fn sb433_more_than_twenty_custom_guardrails() {
    let mut text = String::from("custom_guardrails:\n");
    for i in 1..=21 {
        text.push_str(&format!("  - {{name: g{i:02}, prompt: p, action: a}}\n"));
    }
    let files = project(&[(G, &text)]);
    fires(
        &files,
        "SB433",
        G,
        22,
        12,
        "custom guardrail 21 of 21: a project may have at most 20",
    );
    let twenty: String = text.lines().take(21).map(|l| format!("{l}\n")).collect();
    silent(&project(&[(G, &twenty)]), "SB433");
}

#[test]
fn sb437_a_custom_guardrail_whose_name_cleans_to_an_earlier_one() {
    let text = "custom_guardrails:\n  - name: No diagnosis\n    prompt: p\n    action: a\n  - name: No-diagnosis\n    prompt: ''\n    action: a\n";
    let files = project(&[(G, text)]);
    let f = fires(
        &files,
        "SB437",
        G,
        5,
        11,
        "custom guardrail `No-diagnosis` has the clean name of `No diagnosis`: the ADK reads `No diagnosis` in its place and ignores this entry",
    );
    assert_eq!(f.severity, "warning");
    // Its empty prompt is never read by the ADK.
    assert_eq!(codes(&files), ["SB437"]);
    let distinct = text.replace("No-diagnosis", "Symptoms");
    assert_eq!(
        codes(&project(&[(G, &distinct)])),
        ["SB432"],
        "a distinct entry is read and checked"
    );
}

#[test]
fn a_guardrail_action_holds_checked_references_with_exact_spans() {
    // Folded, with a non-ASCII prefix: the spans are in the raw text.
    let text = "custom_guardrails:\n  - name: Urgence\n    prompt: p\n    action: >\n      Café — appelez {{fn:lookup_patiant}}\n      puis {{ho:Front Dsk}} et {{ft:x}}.\n";
    let files = project(&[(G, text)]);
    let f = fires(
        &files,
        "SB202",
        G,
        5,
        27,
        "unknown function `lookup_patiant`",
    );
    assert_eq!(f.severity, "error");
    fires(&files, "SB201", G, 6, 17, "unknown handoff `Front Dsk`");
    fires(
        &files,
        "SB211",
        G,
        6,
        32,
        "flow function reference is not allowed in a guardrail action",
    );
}

#[test]
fn guardrail_shapes_that_stop_the_adk_load() {
    // A null list, a number for a prompt, a string for `enabled`, a null platform `enabled`.
    let cases: [(&str, &str, u32, u32); 4] = [
        ("platform_guardrails:\n", "SB004", 1, 20),
        (
            "custom_guardrails:\n  - name: x\n    prompt: 5\n    action: a\n",
            "SB013",
            3,
            13,
        ),
        (
            "custom_guardrails:\n  - name: x\n    enabled: 'no'\n    prompt: p\n    action: a\n",
            "SB004",
            3,
            14,
        ),
        (
            "platform_guardrails:\n  - name: ai_identity\n    enabled:\n",
            "SB004",
            3,
            5,
        ),
    ];
    for (text, code, line, col) in cases {
        let all = diagnose(&project(&[(G, text)]));
        let hit = all.iter().find(|f| f.code == code);
        let hit = hit.unwrap_or_else(|| panic!("{code} expected on {text:?}: {all:#?}"));
        assert_eq!(
            (hit.line, hit.col, hit.severity),
            (line, col, "error"),
            "{text:?}"
        );
    }
    // An unknown key is ignored by the ADK: a warning.
    let text = "custom_guardrails:\n  - name: x\n    prompt: p\n    action: a\n    actoin: b\n";
    let f = fires(
        &project(&[(G, text)]),
        "SB008",
        G,
        5,
        5,
        "unknown field `actoin` in a custom guardrail",
    );
    assert_eq!(f.severity, "warning");
}

const LATENCY_PY: &str = "from _gen import *  # <AUTO GENERATED>

@func_description(
    \"Look up the caller's patient record\"
)
@func_parameter(\"dob\", \"The caller's date of birth, YYYY-MM-DD\")
@func_latency_control(
    delay_before_responses_start=1,
    silence_after_each_response=4,
    delay_responses=[
        (\"Un instant, je cherche votre dossier…\", 3),
        (\"Merci {{vrbl:patient_id}}, encore un moment\", 2),
    ],
)
def lookup_patient(
    conv: Conversation,
    dob: str,
):
    conv.state.patient_id = \"p-\" + dob
    return \"Found the record.\"
";

const F: &str = "functions/lookup_patient.py";

fn latency(args: &str) -> Vec<(String, String)> {
    let start = LATENCY_PY.find("@func_latency_control(").unwrap();
    let end = LATENCY_PY.find("def lookup_patient").unwrap();
    let py = format!(
        "{}@func_latency_control({args})\n{}",
        &LATENCY_PY[..start],
        &LATENCY_PY[end..]
    );
    project(&[(F, &py)])
}

#[test]
fn a_valid_latency_control_is_read() {
    let files = project(&[(F, LATENCY_PY)]);
    assert_eq!(codes(&files), Vec::<&str>::new());
    let p = load(&files);
    let lc = p.functions[0].latency.as_ref().expect("read");
    assert_eq!((lc.initial_delay, lc.interval), (1.0, 4.0));
    let msgs: Vec<(&str, f64)> = lc
        .messages
        .iter()
        .map(|m| (m.message.as_str(), m.duration))
        .collect();
    assert_eq!(
        msgs,
        [
            ("Un instant, je cherche votre dossier…", 3.0),
            ("Merci {{vrbl:patient_id}}, encore un moment", 2.0)
        ]
    );
}

#[test]
fn sb434_a_delay_out_of_range_or_not_a_number() {
    let files = latency("delay_before_responses_start=11, delay_responses=[(\"x\", 3)]");
    fires(
        &files,
        "SB434",
        F,
        7,
        52,
        "`delay_before_responses_start` must be between 0 and 10 seconds, found `11`",
    );
    let files = latency("silence_after_each_response=\"5\", delay_responses=[(\"x\", 3)]");
    fires(
        &files,
        "SB434",
        F,
        7,
        51,
        "`silence_after_each_response` must be a number of seconds between 0 and 10, found `\"5\"`",
    );
}

#[test]
fn sb434_not_for_the_bounds_a_boolean_or_what_the_adk_does_not_read() {
    for args in [
        "delay_before_responses_start=0, silence_after_each_response=10.0, delay_responses=[(\"x\", 3)]",
        "delay_before_responses_start=True, delay_responses=[(\"x\", 3)]",
        // `-1` is no constant to the ADK: it keeps 0.
        "delay_before_responses_start=-1, delay_responses=[(\"x\", 3)]",
    ] {
        assert_eq!(codes(&latency(args)), Vec::<&str>::new(), "{args}");
    }
}

#[test]
fn sb435_no_delay_responses() {
    fires(
        &latency("delay_responses=[]"),
        "SB435",
        F,
        7,
        39,
        "`delay_responses` is empty: a latency control needs at least one message",
    );
    fires(
        &latency("delay_before_responses_start=2"),
        "SB435",
        F,
        7,
        1,
        "`@func_latency_control` has no `delay_responses` list: a latency control needs at least one message",
    );
    fires(
        &latency("delay_responses=[(\"x\", 3, 1), \"y\"]"),
        "SB435",
        F,
        7,
        39,
        "`delay_responses` holds no `(message, duration)` pair: a latency control needs at least one message",
    );
}

#[test]
fn sb435_not_for_a_decorator_the_adk_does_not_read() {
    // Through an attribute, the ADK does not read it (`decorator.func.id`).
    let py = LATENCY_PY.replace("@func_latency_control(", "@adk.func_latency_control(");
    let py = py.replace("delay_responses=[", "delay_responses=[] and [");
    let files = project(&[(F, &py)]);
    silent(&files, "SB435");
    let p = load(&files);
    assert!(p.functions[0].latency.is_none());
}

#[test]
fn sb436_an_empty_or_computed_delay_message() {
    fires(
        &latency("delay_responses=[(\"\", 3)]"),
        "SB436",
        F,
        7,
        41,
        "a delay message is empty",
    );
    fires(
        &latency("delay_responses=[(f\"Un instant {dob}\", 3)]"),
        "SB436",
        F,
        7,
        41,
        "a delay message must be a string literal: the ADK reads any other expression (an f-string, a name) as an empty message",
    );
    fires(
        &latency("delay_responses=[(None, 3)]"),
        "SB436",
        F,
        7,
        41,
        "a delay message is `None`",
    );
}

#[test]
fn sb436_not_for_an_implicit_concatenation() {
    let files = latency("delay_responses=[(\"Un instant, \" 'je cherche…', 3)]");
    assert_eq!(codes(&files), Vec::<&str>::new());
}

#[test]
fn delay_messages_hold_checked_references_with_exact_spans() {
    // An escape before the reference: the span is in the raw literal.
    let files = latency(
        "delay_responses=[(\"Caf\\u00e9 {{vrbl:patiant_id}} {{tn:hold_on}} {{ho:billing}}\", 3)]",
    );
    let f = fires(
        &files,
        "SB205",
        F,
        7,
        59,
        "unknown variable `{{vrbl:patiant_id}}`: no code sets `conv.state.patiant_id`",
    );
    assert_eq!(f.severity, "error");
    fires(&files, "SB208", F, 7, 77, "unknown translation `hold_on`");
    fires(
        &files,
        "SB211",
        F,
        7,
        87,
        "handoff reference is not allowed in a delay message",
    );
}

fn bundle(files: &[(String, String)]) -> serde_json::Value {
    let p = load(files);
    let out =
        switchboard::compile::compile_to_string(&p, &switchboard::analysis::Options::default());
    serde_json::from_str(&out).unwrap()
}

#[test]
fn the_bundle_has_a_controls_section_only_when_the_project_has_controls() {
    assert!(bundle(&base()).get("controls").is_none());
    let files = project(&[(G, GUARDRAILS), (F, LATENCY_PY)]);
    let b = bundle(&files);
    let c = &b["controls"];
    assert_eq!(c["guardrails"].as_array().unwrap().len(), 6);
    let custom = &c["guardrails"][5];
    assert_eq!(custom["id"], "guardrail:Urgence dentaire");
    assert_eq!(custom["kind"], "custom");
    assert_eq!(custom["location"]["line"], 13);
    let lc = &c["latency_controls"][0];
    assert_eq!(lc["function"], "fn:lookup_patient");
    assert_eq!(lc["delay_before_responses_start"], 1.0);
    assert_eq!(lc["delay_responses"][1]["duration"], 2.0);
    // The action's and the message's references are templates, resolved.
    let templates = b["templates"].as_array().unwrap();
    let action = templates
        .iter()
        .find(|t| t["field"] == "guardrail_action")
        .expect("the action's template");
    assert_eq!(action["owner"], "guardrail:Urgence dentaire");
    assert_eq!(action["references"][1]["target"], "ho:Front Desk");
    let message = templates
        .iter()
        .find(|t| t["field"] == "delay_message")
        .expect("the message's template");
    assert_eq!(message["references"][0]["target"], "vrbl:patient_id");
}

#[test]
fn the_graph_draws_a_guardrail_that_hands_off() {
    let files = project(&[(G, GUARDRAILS)]);
    let p = load(&files);
    let o = switchboard::analysis::Options::default();
    let d = switchboard::analysis::analyze(&p, &o);
    let g = switchboard::compile::graph::build(&p, &d, &o);
    let edges: Vec<(String, String)> = g.edges().into_iter().map(|(a, b, _)| (a, b)).collect();
    let id = "guardrail_urgence_dentaire".to_string();
    assert!(g.node_ids().contains(&id), "{:?}", g.node_ids());
    assert!(
        edges.contains(&(id.clone(), "ho_front_desk".into())),
        "{edges:?}"
    );
    assert!(
        edges.contains(&(id, "fn_lookup_patient".into())),
        "{edges:?}"
    );
    // A platform guardrail refers to nothing: no node.
    assert!(!g.node_ids().iter().any(|n| n.contains("ai_identity")));
}

#[test]
fn a_guardrail_that_calls_a_transferring_function_and_hands_off_conflicts() {
    let transfer = "from _gen import *  # <AUTO GENERATED>\n\n@func_description(\"Transfer to billing\")\ndef to_billing(conv: Conversation):\n    conv.call_handoff(destination=\"billing\")\n";
    let text = "custom_guardrails:\n  - name: Angry caller\n    prompt: The caller is angry.\n    action: Call {{fn:to_billing}} or hand off with {{ho:Front Desk}}.\n";
    let files = project(&[("functions/to_billing.py", transfer), (G, text)]);
    fires(
        &files,
        "SB301",
        G,
        4,
        18,
        "`to_billing` performs a code transfer, which overrides the handoff `{{ho:Front Desk}}` in this guardrail",
    );
}

const PF: &str = "voice/response_control/phrase_filtering.yaml";

#[test]
fn sb438_a_phrase_filter_without_regular_expressions() {
    let text = "phrase_filtering:\r\n  - name: pas de transfert\r\n    regular_expressions: []\r\n    say_phrase: false\r\n";
    fires(
        &project(&[(PF, text)]),
        "SB438",
        PF,
        3,
        5,
        "phrase filter `pas de transfert` has no regular expression: the ADK needs at least one",
    );
    let missing = "phrase_filtering:\n  - name: goodbye\n";
    fires(
        &project(&[(PF, missing)]),
        "SB438",
        PF,
        2,
        11,
        "phrase filter `goodbye` has no regular expression: the ADK needs at least one",
    );
}

#[test]
fn sb438_not_for_a_filter_with_a_pattern() {
    let text = "phrase_filtering:\n  - name: transfer promises\n    regular_expressions:\n      - ([Ll]et me|I'll) (transfer|put) you\n        through\n    say_phrase: false\n    function: lookup_patient\n";
    let files = project(&[(PF, text)]);
    assert_eq!(codes(&files), Vec::<&str>::new());
    let p = load(&files);
    assert_eq!(
        p.controls.phrase_filters[0].regular_expressions,
        ["([Ll]et me|I'll) (transfer|put) you through"]
    );
}

#[test]
fn sb439_a_phrase_filter_function_that_is_not_global() {
    let text = "phrase_filtering:\n  - name: goodbye\n    regular_expressions: [Goodbye]\n    function: lookup_patiant\n";
    let f = fires(
        &project(&[(PF, text)]),
        "SB439",
        PF,
        4,
        15,
        "phrase filter `goodbye` calls `lookup_patiant`, which is not a function of `functions/`",
    );
    assert_eq!(f.fixes, ["lookup_patient".to_string()]);
    let flow_fn = "from _gen import *  # <AUTO GENERATED>\n\n@func_description(\"Pick a slot\")\ndef pick_slot(conv: Conversation, flow: Flow):\n    return \"ok\"\n";
    let text = text.replace("lookup_patiant", "pick_slot");
    fires(
        &project(&[
            (PF, &text),
            ("flows/booking/functions/pick_slot.py", flow_fn),
        ]),
        "SB439",
        PF,
        4,
        15,
        "phrase filter `goodbye` calls `pick_slot`, a flow's function: a phrase filter can only call a function of `functions/`",
    );
}

#[test]
fn sb439_not_for_a_global_function_or_a_lifecycle_hook() {
    let start = "from _gen import *  # <AUTO GENERATED>\n\ndef start_function(conv: Conversation):\n    return None\n";
    for name in ["lookup_patient", "start_function"] {
        let text = format!(
            "phrase_filtering:\n  - name: goodbye\n    regular_expressions: [Goodbye]\n    function: {name}\n"
        );
        let files = project(&[(PF, &text), ("functions/start_function.py", start)]);
        silent(&files, "SB439");
    }
}

#[test]
fn a_phrase_filter_function_is_a_use_of_the_function() {
    let text = "phrase_filtering:\n  - name: goodbye\n    regular_expressions: [Goodbye]\n    function: lookup_patient\n";
    let files = project(&[(PF, text)]);
    let p = load(&files);
    let o = switchboard::analysis::Options::default();
    let s = switchboard::analysis::Symbols::build(&p, &o);
    let ix = switchboard::analysis::index::Index::build(&p, &s);
    let d = ix
        .lookup(
            switchboard::analysis::index::SymbolKind::Function,
            None,
            "lookup_patient",
        )
        .expect("the function");
    let files_using: Vec<String> = ix.uses_of(d).map(|u| p.file(u.file).rel.clone()).collect();
    assert!(files_using.contains(&PF.to_string()), "{files_using:?}");
}
