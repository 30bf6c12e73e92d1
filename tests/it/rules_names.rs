//! SB4xx: names across the project.

use crate::common::*;

const FLOW: &str = "name: Book Visit\ndescription: Book a visit\nstart_step: Ask Date\n";
const ASK: &str = "step_type: advanced_step\nname: Ask Date\nprompt: |\n  Ask for a date, then {{ft:confirm_slot}}.\nconditions:\n  - name: has date\n    child_step: Confirm\n";
const CONFIRM: &str = "step_type: default_step\nname: Confirm\nprompt: Confirm the slot.\n";

fn confirm_py(body: &str) -> String {
    format!(
        "from _gen import *\n\n\n@func_description(\"Confirm the slot\")\ndef confirm_slot(conv: Conversation, flow: Flow):\n{body}\n"
    )
}

fn flow_files(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let confirm = confirm_py("    flow.goto_step(\"Confirm\")");
    let mut all: Vec<(&str, &str)> = vec![
        ("flows/book_visit/flow_config.yaml", FLOW),
        ("flows/book_visit/steps/ask_date.yaml", ASK),
        ("flows/book_visit/steps/confirm.yaml", CONFIRM),
        ("flows/book_visit/functions/confirm_slot.py", &confirm),
    ];
    for c in changes {
        all.retain(|(p, _)| *p != c.0);
        all.push(*c);
    }
    project(&all)
}

#[test]
fn flow_fixture_is_clean() {
    let all = diagnose(&flow_files(&[]));
    assert!(all.iter().all(|f| f.code == "SB118"), "{all:#?}");
}

#[test]
fn sb401_unknown_start_step() {
    let f = fires(
        &flow_files(&[(
            "flows/book_visit/flow_config.yaml",
            &FLOW.replace("Ask Date", "Ask Dat"),
        )]),
        "SB401",
        "flows/book_visit/flow_config.yaml",
        3,
        13,
        "start_step `Ask Dat` names no step of flow `Book Visit`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `Ask Date`?"));
    // A function step's stem is a step too.
    let fs = "def check_slot(conv, flow):\n    flow.goto_step(\"Confirm\")\n";
    silent(
        &flow_files(&[
            (
                "flows/book_visit/flow_config.yaml",
                &FLOW.replace("Ask Date", "check_slot"),
            ),
            ("flows/book_visit/function_steps/check_slot.py", fs),
        ]),
        "SB401",
    );
}

#[test]
fn sb402_unknown_child_step() {
    fires(
        &flow_files(&[(
            "flows/book_visit/steps/ask_date.yaml",
            &ASK.replace("child_step: Confirm", "child_step: Confirmm"),
        )]),
        "SB402",
        "flows/book_visit/steps/ask_date.yaml",
        7,
        17,
        "child_step `Confirmm` names no step of flow `Book Visit`",
    );
    silent(&flow_files(&[]), "SB402");
}

#[test]
fn sb403_unknown_goto_step() {
    fires(
        &flow_files(&[(
            "flows/book_visit/functions/confirm_slot.py",
            &confirm_py("    flow.goto_step(\"Confirmed\")"),
        )]),
        "SB403",
        "flows/book_visit/functions/confirm_slot.py",
        6,
        20,
        "`goto_step` `Confirmed` names no step of flow `Book Visit`",
    );
    // In a transition dict, the step is looked up in the named flow.
    let body =
        "    return {\"transition\": {\"goto_flow\": \"Book Visit\", \"goto_step\": \"Ask Date\"}}";
    silent(
        &flow_files(&[(
            "flows/book_visit/functions/confirm_slot.py",
            &confirm_py(body),
        )]),
        "SB403",
    );
    let body =
        "    return {\"transition\": {\"goto_flow\": \"Book Visit\", \"goto_step\": \"Ask\"}}";
    fires(
        &flow_files(&[(
            "flows/book_visit/functions/confirm_slot.py",
            &confirm_py(body),
        )]),
        "SB403",
        "flows/book_visit/functions/confirm_slot.py",
        6,
        68,
        "`goto_step` `Ask` names no step of flow `Book Visit`",
    );
}

#[test]
fn sb404_unknown_goto_flow() {
    let f = fires(
        &flow_files(&[(
            "flows/book_visit/functions/confirm_slot.py",
            &confirm_py("    conv.goto_flow(\"Bok Visit\")"),
        )]),
        "SB404",
        "flows/book_visit/functions/confirm_slot.py",
        6,
        20,
        "`goto_flow` names no flow: `Bok Visit`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `Book Visit`?"));
    silent(
        &flow_files(&[(
            "flows/book_visit/functions/confirm_slot.py",
            &confirm_py("    conv.goto_flow(\"Book Visit\")"),
        )]),
        "SB404",
    );
}

#[test]
fn sb405_function_name_mismatch() {
    let py = LOOKUP_PY.replace("def lookup_patient(", "def lookup_patients(");
    let f = fires(
        &project(&[("functions/lookup_patient.py", &py)]),
        "SB405",
        "functions/lookup_patient.py",
        7,
        5,
        "`functions/lookup_patient.py` defines no function named `lookup_patient`; it defines `lookup_patients`",
    );
    assert_eq!(
        f.help.as_deref(),
        Some("rename `def lookup_patients` to `def lookup_patient`")
    );
    // The base file's header spans four lines: that is normal.
    silent(&base(), "SB405");
}

#[test]
fn sb406_missing_description() {
    let py = "from _gen import *\n\ndef greet(conv: Conversation):\n    return \"Hello\"\n";
    fires(
        &project(&[("functions/greet.py", py)]),
        "SB406",
        "functions/greet.py",
        3,
        5,
        "function `greet` has no `@func_description`",
    );
    // Function steps and lifecycle functions need none.
    silent(
        &project(&[(
            "functions/start_function.py",
            "def start_function(conv):\n    conv.state.n = 1\n",
        )]),
        "SB406",
    );
    silent(&base(), "SB406");
}

#[test]
fn sb407_file_name_mismatch() {
    let topic = "name: Opening Hours & Locations\nenabled: true\nactions: Say the hours.\n";
    fires(
        &project(&[("topics/opening_hours.yaml", topic)]),
        "SB407",
        "topics/opening_hours.yaml",
        1,
        7,
        "topic file for `Opening Hours & Locations` should be named `opening_hours_locations`, not `opening_hours`",
    );
    silent(
        &project(&[("topics/opening_hours_locations.yaml", topic)]),
        "SB407",
    );
    fires(
        &flow_files(&[(
            "flows/book_visit/flow_config.yaml",
            &FLOW.replace("name: Book Visit", "name: Book a Visit"),
        )]),
        "SB407",
        "flows/book_visit/flow_config.yaml",
        1,
        7,
        "flow folder for `Book a Visit` should be named `book_a_visit`, not `book_visit`",
    );
}

#[test]
fn sb408_too_many_example_queries() {
    let queries: String = (1..=21)
        .map(|i| format!("  - question number {i}\n"))
        .collect();
    let topic = format!("name: Faq\nenabled: true\nexample_queries:\n{queries}actions: Answer.\n");
    fires(
        &project(&[("topics/faq.yaml", &topic)]),
        "SB408",
        "topics/faq.yaml",
        24,
        5,
        "21 example queries: a topic may have at most 20",
    );
    let queries: String = (1..=20)
        .map(|i| format!("  - question number {i}\n"))
        .collect();
    let topic = format!("name: Faq\nenabled: true\nexample_queries:\n{queries}actions: Answer.\n");
    silent(&project(&[("topics/faq.yaml", &topic)]), "SB408");
}

const VARIANTS: &str = "variants:\n  - name: downtown\n    is_default: true\n  - name: harbour\n    is_default: false\nattributes:\n  - name: office_phone\n    values:\n      downtown: \"+15550001111\"\n      harbour: \"+15550002222\"\n";

#[test]
fn sb409_default_variant_count() {
    fires(
        &project(&[(
            "config/variant_attributes.yaml",
            &VARIANTS.replace("is_default: false", "is_default: true"),
        )]),
        "SB409",
        "config/variant_attributes.yaml",
        4,
        11,
        "2 default variants: exactly one variant must be `is_default: true`",
    );
    fires(
        &project(&[(
            "config/variant_attributes.yaml",
            &VARIANTS.replace("is_default: true", "is_default: false"),
        )]),
        "SB409",
        "config/variant_attributes.yaml",
        2,
        11,
        "0 default variants: exactly one variant must be `is_default: true`",
    );
    silent(
        &project(&[("config/variant_attributes.yaml", VARIANTS)]),
        "SB409",
    );
}

#[test]
fn sb410_variant_values_mismatch() {
    let all = diagnose(&project(&[(
        "config/variant_attributes.yaml",
        &VARIANTS.replace("      harbour: ", "      harbor: "),
    )]));
    let hits: Vec<(u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB410")
        .map(|f| (f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![
            (
                7,
                11,
                "attribute `office_phone` has no value for variant `harbour`"
            ),
            (
                10,
                7,
                "attribute `office_phone` has a value for unknown variant `harbor`"
            ),
        ]
    );
    silent(
        &project(&[("config/variant_attributes.yaml", VARIANTS)]),
        "SB410",
    );
}

#[test]
fn sb411_duplicate_names() {
    let t = "name: Appointments\nenabled: true\nactions: Book it.\n";
    fires(
        &project(&[("topics/appointments_2.yaml", t)]),
        "SB411",
        "topics/appointments_2.yaml",
        1,
        7,
        "duplicate topic name `Appointments`",
    );
    silent(&base(), "SB411");
}

#[test]
fn sb407_the_platform_context_file_in_another_case() {
    let doc =
        "# Harbor Dental\r\n\r\nOpen Monday to Saturday, 8am–6pm. Café on the ground floor.\r\n";
    for name in ["Context.md", "CONTEXT.md", "context.MD"] {
        let path = format!("context/{name}");
        let f = fires(
            &project(&[(&path, doc)]),
            "SB407",
            &path,
            1,
            1,
            &format!("the platform context file must be named `CONTEXT.MD` exactly, not `{name}`"),
        );
        assert_eq!(f.severity, "error");
        assert_eq!(
            f.help.as_deref(),
            Some("rename the file to `context/CONTEXT.MD`")
        );
    }
    // The exact name, other documents, and a `CONTEXT.MD` outside `context/` are silent.
    for path in [
        "context/CONTEXT.MD",
        "context/opening hours.md",
        "context/Ärzte.MD",
        "docs/Context.md",
    ] {
        silent(&project(&[(path, doc)]), "SB407");
    }
}

#[test]
fn a_context_document_is_read_as_text() {
    // The ADK reads each document's text: a merge conflict left in one fails the load.
    let doc = "# Parking\n<<<<<<< HEAD\nLevel 2.\n=======\nLevel 3.\n>>>>>>> parking\n";
    fires(
        &project(&[("context/CONTEXT.MD", doc)]),
        "SB006",
        "context/CONTEXT.MD",
        2,
        1,
        "merge conflict marker left in the file",
    );
    silent(
        &project(&[("context/CONTEXT.MD", "# Parking\nLevel 2.\n")]),
        "SB006",
    );
}
