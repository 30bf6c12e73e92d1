//! Fidelity to the official ADK (polyai-adk 0.73.2) for flow steps, flow configs and function
//! headers: what its validator rejects is an error here (SB418–SB421, SB426), each case with a
//! twin it accepts that stays silent.

use crate::common::*;

const FLOW: &str = "name: Table booking\ndescription: Takes a table reservation from name to confirmation\nstart_step: Collect name\n";

const COLLECT_NAME: &str = "step_type: advanced_step\nname: Collect name\nasr_biasing:\n  is_enabled: true\n  name_spelling: true\ndtmf_config:\n  is_enabled: false\n  inter_digit_timeout: 3000\n  max_digits: 10\n  end_key: '#'\n  collect_while_agent_speaking: false\n  is_pii: false\nprompt: |-\n  Ask for the name the reservation should be under.\n\n  Once the caller gives it, call {{ft:name_given}}.\n";

const CONFIRM: &str = "step_type: default_step\nname: Confirm booking\nconditions:\n  - name: confirmed\n    condition_type: exit_flow_condition\n    description: |\n      The caller has confirmed the booking.\n    required_entities: []\nextracted_entities: []\nprompt: |\n  Read the booking back to the caller and ask them to confirm it.\n";

const NAME_GIVEN: &str = "from _gen import *  # <AUTO GENERATED>\n\n\n@func_description(\"The caller has given the name for the booking.\")\n@func_parameter(\"guest_name\", \"The name, as the caller spelled it\")\ndef name_given(conv: Conversation, flow: Flow, guest_name: str):\n    conv.state.guest_name = guest_name\n    flow.goto_step(\"Confirm booking\")\n";

/// The base project with a booking flow, with `changes` applied (an empty text removes a file).
fn booking(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut all: Vec<(&str, &str)> = vec![
        ("flows/table_booking/flow_config.yaml", FLOW),
        ("flows/table_booking/steps/collect_name.yaml", COLLECT_NAME),
        ("flows/table_booking/steps/confirm_booking.yaml", CONFIRM),
        ("flows/table_booking/functions/name_given.py", NAME_GIVEN),
    ];
    for c in changes {
        all.retain(|(p, _)| *p != c.0);
        all.push(*c);
    }
    project(&all)
}

const NEW_CODES: [&str; 5] = ["SB418", "SB419", "SB420", "SB421", "SB426"];

#[test]
fn the_booking_fixture_is_accepted() {
    let all = diagnose(&booking(&[]));
    assert!(
        all.iter()
            .all(|f| f.severity != "error" && !NEW_CODES.contains(&f.code)),
        "{all:#?}"
    );
}

#[test]
fn sb418_a_step_name_with_a_character_the_adk_refuses() {
    let step = |name: &str| COLLECT_NAME.replace("name: Collect name", &format!("name: {name}"));
    let f = fires(
        &booking(&[(
            "flows/table_booking/steps/collect_name.yaml",
            &step("Collect name?"),
        )]),
        "SB418",
        "flows/table_booking/steps/collect_name.yaml",
        2,
        7,
        "step name `Collect name?` has a character the ADK does not allow: `?`",
    );
    assert_eq!(f.severity, "error");
    // Several characters are listed once each, in order; the file is named after the clean name.
    fires(
        &booking(&[
            ("flows/table_booking/steps/collect_name.yaml", ""),
            (
                "flows/table_booking/steps/collect_name_1.yaml",
                &step("\"Collect name #1!?!\""),
            ),
        ]),
        "SB418",
        "flows/table_booking/steps/collect_name_1.yaml",
        2,
        8,
        "step name `Collect name #1!?!` has characters the ADK does not allow: `#`, `!`, `?`",
    );
    // Letters outside the Latin ranges are refused too.
    fires(
        &booking(&[("flows/table_booking/steps/予約.yaml", &step("予約"))]),
        "SB418",
        "flows/table_booking/steps/予約.yaml",
        2,
        7,
        "step name `予約` has characters the ADK does not allow: `予`, `約`",
    );
    // Accented Latin letters (U+00C0–U+024F, U+1E00–U+1EFF), digits and `_ & , / . -` pass.
    for ok in [
        "Collect name",
        "Café & crème, 2/3 - ok.",
        "Ǆemal_Ỳ",
        "Step 10",
    ] {
        let file = format!(
            "flows/table_booking/steps/{}.yaml",
            switchboard::model::clean_name(ok)
        );
        silent(&booking(&[(file.as_str(), &step(ok))]), "SB418");
    }
}

#[test]
fn sb419_an_empty_step_prompt() {
    let path = "flows/table_booking/steps/confirm_booking.yaml";
    let with_prompt = |prompt: &str| {
        let head = CONFIRM.split("prompt:").next().unwrap();
        format!("{head}{prompt}")
    };
    let f = fires(
        &booking(&[(path, &with_prompt("prompt: \"\"\n"))]),
        "SB419",
        path,
        10,
        9,
        "step `Confirm booking` has an empty prompt",
    );
    assert_eq!(f.severity, "error");
    // Whitespace only, null, and an empty block scalar are empty too.
    for (prompt, col) in [
        ("prompt: '   '\n", 10),
        ("prompt:\n", 1),
        ("prompt: |\n", 9),
    ] {
        fires(
            &booking(&[(path, &with_prompt(prompt))]),
            "SB419",
            path,
            10,
            col,
            "step `Confirm booking` has an empty prompt",
        );
    }
    // An advanced step with no prompt at all.
    let advanced = COLLECT_NAME.split("prompt:").next().unwrap();
    fires(
        &booking(&[("flows/table_booking/steps/collect_name.yaml", advanced)]),
        "SB419",
        "flows/table_booking/steps/collect_name.yaml",
        1,
        1,
        "step `Collect name` has no `prompt`",
    );
    // A prompt with text, on one line or in a block, passes.
    for ok in [
        "prompt: Confirm the booking.\n",
        "prompt: >-\n  Confirm\n  it.\n",
    ] {
        silent(&booking(&[(path, &with_prompt(ok))]), "SB419");
    }
    silent(&booking(&[]), "SB419");
}

#[test]
fn sb420_an_empty_flow_description() {
    let path = "flows/table_booking/flow_config.yaml";
    let with = |d: &str| {
        FLOW.replace(
            "description: Takes a table reservation from name to confirmation\n",
            d,
        )
    };
    let f = fires(
        &booking(&[(path, &with("description: \"\"\n"))]),
        "SB420",
        path,
        2,
        14,
        "flow `Table booking` has an empty description",
    );
    assert_eq!(f.severity, "error");
    fires(
        &booking(&[(path, &with(""))]),
        "SB420",
        path,
        1,
        1,
        "flow `Table booking` has no `description`",
    );
    fires(
        &booking(&[(path, &with("description: \"  \\t \"\n"))]),
        "SB420",
        path,
        2,
        15,
        "flow `Table booking` has an empty description",
    );
    // The ADK strips a description before it compares it: a block scalar (which ends in a line
    // break) and surrounding spaces are accepted.
    for ok in [
        "description: |\n  Takes a table reservation from name to confirmation\n",
        "description: \"  Takes a table reservation  \"\n",
        "description: >\n  Takes a table\n  reservation\n\n",
    ] {
        silent(&booking(&[(path, &with(ok))]), "SB420");
    }
}

#[test]
fn sb421_a_negative_dtmf_setting() {
    let path = "flows/table_booking/steps/collect_name.yaml";
    let enabled = COLLECT_NAME.replace(
        "  is_enabled: false\n  inter",
        "  is_enabled: true\n  inter",
    );
    let f = fires(
        &booking(&[(
            path,
            &enabled.replace("inter_digit_timeout: 3000", "inter_digit_timeout: -1"),
        )]),
        "SB421",
        path,
        8,
        24,
        "`dtmf_config.inter_digit_timeout` is -1: it cannot be negative",
    );
    assert_eq!(f.severity, "error");
    fires(
        &booking(&[(path, &enabled.replace("max_digits: 10", "max_digits: -2"))]),
        "SB421",
        path,
        9,
        15,
        "`dtmf_config.max_digits` is -2: it cannot be negative",
    );
    for ok in [
        "inter_digit_timeout: 0",
        "inter_digit_timeout: -0",
        "inter_digit_timeout: 250",
    ] {
        silent(
            &booking(&[(path, &enabled.replace("inter_digit_timeout: 3000", ok))]),
            "SB421",
        );
    }
    // A config that is not enabled is replaced by the defaults, unchecked.
    silent(
        &booking(&[(
            path,
            &COLLECT_NAME.replace("inter_digit_timeout: 3000", "inter_digit_timeout: -1"),
        )]),
        "SB421",
    );
}

/// A function file of the booking flow with this header (and these decorators).
fn transition(decorators: &str, header: &str) -> String {
    format!(
        "from _gen import *  # <AUTO GENERATED>\n\n\n@func_description(\"The caller has given the name for the booking.\")\n{decorators}{header}\n    conv.state.guest_name = guest_name\n    flow.goto_step(\"Confirm booking\")\n"
    )
}

const GUEST: &str = "@func_parameter(\"guest_name\", \"The name, as the caller spelled it\")\n";
const FN: &str = "flows/table_booking/functions/name_given.py";

#[test]
fn sb426_the_header_the_adk_requires() {
    // A transition function without `flow: Flow`.
    let f = fires(
        &booking(&[(
            FN,
            &transition(
                GUEST,
                "def name_given(conv: Conversation, guest_name: str):",
            ),
        )]),
        "SB426",
        FN,
        6,
        1,
        "the ADK requires the header `def name_given(conv: Conversation, flow: Flow, guest_name: str)`; this one reads `def name_given(conv: Conversation, guest_name: str)`",
    );
    assert_eq!(f.severity, "error");
    // A comma after the last parameter, then a return annotation, as formatters write it.
    let f = fires(
        &booking(&[(
            FN,
            &transition(
                GUEST,
                "def name_given(\n    conv: Conversation,\n    flow: Flow,\n    guest_name: str,\n) -> str:",
            ),
        )]),
        "SB426",
        FN,
        6,
        1,
        "the ADK requires the header `def name_given(conv: Conversation, flow: Flow, guest_name: str)`; this one reads `def name_given(conv: Conversation, flow: Flow, guest_name: str,) -> str`",
    );
    assert!(
        f.help
            .as_deref()
            .unwrap()
            .starts_with("remove the comma after the last parameter")
    );
    // An untyped `conv`, a default value, parameters out of decorator order.
    let two = format!("{GUEST}@func_parameter(\"party_size\", \"Number of guests\")\n");
    for (decorators, header, found) in [
        (
            GUEST,
            "def name_given(conv, flow: Flow, guest_name: str):",
            "def name_given(conv, flow: Flow, guest_name: str)",
        ),
        (
            GUEST,
            "def name_given(conv: Conversation, flow: Flow, guest_name: str = \"\"):",
            "def name_given(conv: Conversation, flow: Flow, guest_name: str = \"\")",
        ),
        (
            two.as_str(),
            "def name_given(conv: Conversation, flow: Flow, party_size: int, guest_name: str):",
            "def name_given(conv: Conversation, flow: Flow, party_size: int, guest_name: str)",
        ),
    ] {
        let want = if decorators == two {
            "def name_given(conv: Conversation, flow: Flow, guest_name: str, party_size: int)"
        } else {
            "def name_given(conv: Conversation, flow: Flow, guest_name: str)"
        };
        let at = 6 + decorators.lines().count() as u32 - 1;
        fires(
            &booking(&[(FN, &transition(decorators, header))]),
            "SB426",
            FN,
            at,
            1,
            &format!("the ADK requires the header `{want}`; this one reads `{found}`"),
        );
    }
    // A described parameter without a type the ADK knows.
    fires(
        &booking(&[(
            FN,
            &transition(
                GUEST,
                "def name_given(conv: Conversation, flow: Flow, guest_name):",
            ),
        )]),
        "SB426",
        FN,
        5,
        17,
        "parameter `guest_name` has no type annotation: the ADK requires `str`, `int`, `float` or `bool`",
    );
    fires(
        &booking(&[(
            FN,
            &transition(
                GUEST,
                "def name_given(conv: Conversation, flow: Flow, guest_name: list[str]):",
            ),
        )]),
        "SB426",
        FN,
        5,
        17,
        "parameter `guest_name` has the type `list[str]`: the ADK requires `str`, `int`, `float` or `bool`",
    );
    // A function step takes `conv` and `flow` only.
    let step = "from _gen import *  # <AUTO GENERATED>\n\n\ndef check_table(conv: Conversation):\n    flow.goto_step(\"Confirm booking\")\n";
    fires(
        &booking(&[("flows/table_booking/function_steps/check_table.py", step)]),
        "SB426",
        "flows/table_booking/function_steps/check_table.py",
        4,
        1,
        "the ADK requires the header `def check_table(conv: Conversation, flow: Flow)`; this one reads `def check_table(conv: Conversation)`",
    );
}

#[test]
fn sb426_headers_the_adk_accepts() {
    for (decorators, header) in [
        // One line, with a return annotation and a comment.
        (
            GUEST,
            "def name_given(conv: Conversation, flow: Flow, guest_name: str) -> str:  # note",
        ),
        // Over several lines with a trailing comma and no return annotation (real projects).
        (
            GUEST,
            "def name_given(\n    conv: Conversation,\n    flow: Flow,\n    guest_name: str,\n):",
        ),
        // Over several lines without the trailing comma, then a return annotation.
        (
            GUEST,
            "def name_given(\n    conv: Conversation, flow: Flow, guest_name: str\n) -> None:",
        ),
        // Spaces the ADK normalises away.
        (
            GUEST,
            "def name_given( conv : Conversation,  flow: Flow, guest_name:  str ):",
        ),
        // A single-line `async def` holds the header as text.
        (
            GUEST,
            "async def name_given(conv: Conversation, flow: Flow, guest_name: str):",
        ),
    ] {
        silent(&booking(&[(FN, &transition(decorators, header))]), "SB426");
    }
    // A multi-line decorator, as in real projects.
    let multi = "@func_parameter(\n    \"guest_name\",\n    \"The name, as the caller spelled it\",  # spelled\n)\n";
    silent(
        &booking(&[(
            FN,
            &transition(
                multi,
                "def name_given(conv: Conversation, flow: Flow, guest_name: str):",
            ),
        )]),
        "SB426",
    );
    // Global and lifecycle functions take `conv` only; the base project's global function passes.
    let start = "from _gen import *  # <AUTO GENERATED>\n\n\ndef start_function(conv: Conversation):\n    conv.state.greeted = True\n";
    silent(&booking(&[("functions/start_function.py", start)]), "SB426");
    silent(&project(&[]), "SB426");
}

#[test]
fn sb426_leaves_decorators_the_adk_does_not_read_alone() {
    // The ADK reads a `@func_parameter` only with exactly two positional arguments. One it does
    // not read describes no parameter, and stays in the code, which the ADK refuses on its own
    // ("ADK decorators found in raw code", a check switchboard does not make): SB426 is silent
    // on a header that matches without it (three arguments), and on one where switchboard
    // cannot tell the arguments apart (a keyword argument).
    for (decorators, header) in [
        (
            "@func_parameter(\"guest_name\", \"The name\", \"extra\")\n",
            "def name_given(conv: Conversation, flow: Flow):",
        ),
        (
            "@func_parameter(\"guest_name\", description=\"The name\")\n",
            "def name_given(conv: Conversation, flow: Flow, guest_name: str):",
        ),
    ] {
        silent(&booking(&[(FN, &transition(decorators, header))]), "SB426");
    }
}
