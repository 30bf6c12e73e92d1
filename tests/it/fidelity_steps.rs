//! Fidelity to the official ADK (polyai-adk 0.73.2) for flow steps, flow configs and function
//! headers: what its validator rejects is an error here (SB418–SB424, SB426, and SB004, SB013,
//! SB015 for a step's settings sections), each case with a twin it accepts that stays silent.

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

const NEW_CODES: [&str; 8] = [
    "SB418", "SB419", "SB420", "SB421", "SB422", "SB423", "SB424", "SB426",
];

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
    // ("ADK decorators found in raw code", SB424, tested below): SB426 is silent
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

const STEP: &str = "flows/table_booking/steps/collect_name.yaml";

/// The booking project whose `collect_name` step has `settings` (YAML lines) before its prompt.
fn with_settings(settings: &str) -> Vec<(String, String)> {
    let step = COLLECT_NAME.replace("prompt: |-", &format!("{settings}prompt: |-"));
    booking(&[(STEP, &step)])
}

#[test]
fn sb422_vad_start_and_end_must_be_finite_and_not_negative() {
    let f = fires(
        &with_settings("vad:\n  provider: deepgram\n  vad_start: -0.2\n  vad_end: 1.5\n"),
        "SB422",
        STEP,
        15,
        14,
        "`vad.vad_start` is -0.2: it cannot be negative",
    );
    assert_eq!(f.severity, "error");
    fires(
        &with_settings("vad:\n  vad_end: .inf\n"),
        "SB422",
        STEP,
        14,
        12,
        "`vad.vad_end` is .inf: it must be a finite number",
    );
    fires(
        &with_settings("vad: {vad_start: .NaN}\n"),
        "SB422",
        STEP,
        13,
        18,
        "`vad.vad_start` is .NaN: it must be a finite number",
    );
    // Zero, negative zero, thresholds (not range-checked) and an empty section pass.
    for ok in [
        "vad:\n  vad_start: 0\n  vad_end: -0.0\n",
        "vad:\n  speech_threshold: -1\n  silence_threshold: -2\n",
        "vad: {}\n",
        "vad:\n",
        "vad:\n  vad_start: 0.25\n  vad_end: 2\n",
    ] {
        let files = with_settings(ok);
        silent(&files, "SB422");
        let errors: Vec<_> = diagnose(&files)
            .into_iter()
            .filter(|f| f.severity == "error")
            .collect();
        assert!(errors.is_empty(), "{ok:?}: {errors:#?}");
    }
}

#[test]
fn sb423_reasoning_effort_is_one_the_adk_knows() {
    let f = fires(
        &with_settings("llm:\n  provider_model_id: gpt-4.1\n  reasoning_effort: max\n"),
        "SB423",
        STEP,
        15,
        21,
        "`llm.reasoning_effort` is `max`: the ADK takes unspecified, minimal, low, medium, high, auto",
    );
    assert_eq!(f.severity, "error");
    // The case matters; the quick fix takes the lower-case spelling.
    let files = with_settings("llm:\n  reasoning_effort: \"High\"\n");
    let f = fires(
        &files,
        "SB423",
        STEP,
        14,
        21,
        "`llm.reasoning_effort` is `High`: the ADK takes unspecified, minimal, low, medium, high, auto",
    );
    assert_eq!(f.fixes, vec!["high".to_string()]);
    // Ordinals outside 0 to 5, booleans and null are refused.
    for (value, shown) in [("7", "`7`"), ("true", "`true`"), ("~", "null")] {
        fires(
            &with_settings(&format!("llm:\n  reasoning_effort: {value}\n")),
            "SB423",
            STEP,
            14,
            21,
            &format!(
                "`llm.reasoning_effort` is {shown}: the ADK takes unspecified, minimal, low, medium, high, auto"
            ),
        );
    }
    for ok in ["high", "auto", "unspecified", "0", "5", "'minimal'"] {
        silent(
            &with_settings(&format!("llm:\n  reasoning_effort: {ok}\n")),
            "SB423",
        );
    }
    // Left out, the ADK takes `unspecified`.
    silent(
        &with_settings("llm:\n  provider_model_id: gpt-4.1\n"),
        "SB423",
    );
}

#[test]
fn a_step_settings_section_has_the_keys_and_types_the_adk_reads() {
    // Unknown keys fail the load (`VADConfig.__init__() got an unexpected keyword argument`).
    fires(
        &with_settings("vad:\n  vad_start: 0.2\n  vad_stop: 1\n"),
        "SB015",
        STEP,
        15,
        3,
        "unknown key `vad_stop` in `vad`: the ADK refuses the file",
    );
    // Types: a text in a float, a number in a text, a non-boolean flag, a section not a mapping.
    fires(
        &with_settings("vad:\n  vad_start: \"0.2\"\n"),
        "SB004",
        STEP,
        14,
        14,
        "`vad_start` must be a number, found string",
    );
    fires(
        &with_settings("asr:\n  provider: 11\n"),
        "SB013",
        STEP,
        14,
        13,
        "`provider` must be a string, but YAML reads `11` as an integer",
    );
    fires(
        &with_settings("barge_in:\n  is_enabled: yes\n"),
        "SB004",
        STEP,
        14,
        15,
        "`barge_in.is_enabled` must be a boolean (`true` or `false`), found string",
    );
    fires(
        &with_settings("barge_in:\n  enabled: true\n"),
        "SB004",
        STEP,
        14,
        3,
        "`barge_in` is missing the required field `is_enabled`",
    );
    fires(
        &with_settings("llm: gpt-4.1\n"),
        "SB004",
        STEP,
        13,
        6,
        "`llm` must be a mapping, found string",
    );
    // A DTMF or biasing section that is not enabled is replaced by the defaults, unchecked;
    // its keys are still read.
    let off = COLLECT_NAME.replace("  max_digits: 10", "  max_digits: \"10\"");
    silent(&booking(&[(STEP, &off)]), "SB004");
    let on = off.replace(
        "dtmf_config:\n  is_enabled: false",
        "dtmf_config:\n  is_enabled: true",
    );
    fires(
        &booking(&[(STEP, &on)]),
        "SB004",
        STEP,
        9,
        15,
        "`max_digits` must be an integer, found string",
    );
    let typo = COLLECT_NAME.replace("  is_pii: false", "  is_pii: false\n  pii: true");
    fires(
        &booking(&[(STEP, &typo)]),
        "SB015",
        STEP,
        13,
        3,
        "unknown key `pii` in `dtmf_config`: the ADK refuses the file",
    );
    // The base step's sections, and a full set of valid ones, pass.
    let full = "asr:\n  provider: deepgram\n  model: nova-3\nvad:\n  provider: silero\n  vad_start: 0.1\n  vad_end: 0.8\n  speech_threshold: 0.5\n  silence_threshold: 0.3\nbarge_in:\n  is_enabled: false\nllm:\n  provider_model_id: gpt-4.1\n  reasoning_effort: low\n";
    let errors: Vec<_> = diagnose(&with_settings(full))
        .into_iter()
        .filter(|f| f.severity == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

const GIVEN: &str = "flows/table_booking/functions/name_given.py";

#[test]
fn sb424_adk_decorators_left_in_the_code() {
    // A helper described with `@func_description`: the ADK leaves that line in the code.
    let helper = format!(
        "{NAME_GIVEN}    return describe(guest_name)\n\n\n@func_description(\"Formats the name\")\ndef describe(name: str) -> str:\n    return name.title()\n"
    );
    let f = fires(
        &booking(&[(GIVEN, &helper)]),
        "SB424",
        GIVEN,
        12,
        1,
        "the ADK refuses a line starting with `@func_description` that it does not read as a decorator of `name_given`",
    );
    assert_eq!(f.severity, "error");
    // Inside a multi-line string, in a CRLF file.
    let in_string =
        format!("{NAME_GIVEN}    return \"\"\"\n@func_latency_control in a note\n\"\"\"\n")
            .replace('\n', "\r\n");
    fires(
        &booking(&[(GIVEN, &in_string)]),
        "SB424",
        GIVEN,
        10,
        1,
        "the ADK refuses a line starting with `@func_latency_control` that it does not read as a decorator of `name_given`",
    );
    // A `@func_parameter` with a keyword argument is not read, so its line stays.
    let keyword = NAME_GIVEN.replace(
        "@func_parameter(\"guest_name\", \"The name, as the caller spelled it\")",
        "@func_parameter(\"guest_name\", description=\"The name, as the caller spelled it\")",
    );
    fires(
        &booking(&[(GIVEN, &keyword)]),
        "SB424",
        GIVEN,
        5,
        1,
        "the ADK refuses a line starting with `@func_parameter` that it does not read as a decorator of `name_given`",
    );
    // Read decorators (also over several lines), indented ones, comments and other names pass.
    let fine = format!(
        "{}    return describe(guest_name)\n\n\nclass Formatter:\n    @func_description(\"indented\")\n    def go(self):\n        pass\n\n# @func_description(\"a comment\")\n@functools.cache\ndef describe(name: str) -> str:\n    return name.title()\n",
        NAME_GIVEN.replace(
            "@func_description(\"The caller has given the name for the booking.\")",
            "@func_description(\n    \"The caller has given the name for the booking.\"\n)",
        )
    );
    silent(&booking(&[(GIVEN, &fine)]), "SB424");
    silent(&booking(&[]), "SB424");
}

#[test]
fn sb406_names_a_description_the_adk_does_not_read() {
    for (decorator, message) in [
        (
            "@func_description(\"The caller has given the name.\", \"again\")",
            "function `name_given` has no `@func_description` the ADK reads: it takes one argument, the text, and this one has 2",
        ),
        (
            "@func_description",
            "function `name_given` has no `@func_description` the ADK reads: the decorator needs its text in parentheses",
        ),
        (
            "@tools.func_description(\"The caller has given the name.\")",
            "function `name_given` has no `@func_description` the ADK reads: it reads the bare name, not `tools.func_description`",
        ),
        (
            "@func_description(\"   \")",
            "function `name_given` has an empty `@func_description`",
        ),
    ] {
        let text = NAME_GIVEN.replace(
            "@func_description(\"The caller has given the name for the booking.\")",
            decorator,
        );
        fires(&booking(&[(GIVEN, &text)]), "SB406", GIVEN, 6, 5, message);
    }
    silent(&booking(&[]), "SB406");
}

#[test]
fn sb425_a_flow_folder_without_its_config() {
    let files = booking(&[("flows/table_booking/flow_config.yaml", "")]);
    let mut hits: Vec<_> = diagnose(&files)
        .into_iter()
        .filter(|f| f.code == "SB425")
        .map(|f| (f.file, f.line, f.col, f.severity, f.message))
        .collect();
    hits.sort();
    let message = |what: &str| {
        format!(
            "flow folder `table_booking` has no `flow_config.yaml`: the ADK cannot tell which flow this {what} belongs to"
        )
    };
    assert_eq!(
        hits,
        [
            (
                GIVEN.to_string(),
                1,
                1,
                "error",
                message("transition function")
            ),
            (
                "flows/table_booking/steps/collect_name.yaml".to_string(),
                1,
                1,
                "error",
                message("step")
            ),
            (
                "flows/table_booking/steps/confirm_booking.yaml".to_string(),
                1,
                1,
                "error",
                message("step")
            ),
        ]
    );
    // With the config, or with one that cannot be read (the reading rules' finding), silent.
    silent(&booking(&[]), "SB425");
    silent(
        &booking(&[(
            "flows/table_booking/flow_config.yaml",
            "name: [Table booking\n",
        )]),
        "SB425",
    );
}
