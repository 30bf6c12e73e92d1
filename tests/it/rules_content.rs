//! The content rules (SB450–SB469): child topics (`child_topics/<variant>/<topic>.yaml`), the
//! test suite (`test_suite/<case>.yaml`), the languages (`agent_settings/languages.yaml`) and the
//! translations checked against them, each as the official ADK checks them.

use crate::common::{Found, TOPIC, base, diagnose, fires, load, project, silent};

const VARIANTS: &str = "variants:\n  - name: Canary Wharf\n    is_default: true\n  - name: Soho\nattributes:\n  - name: branch_name\n    values:\n      Canary Wharf: Café Rouge Canary Wharf\n      Soho: Café Rouge Soho\n";

/// A child topic of Canary Wharf, in its folder, with a reference in its actions.
const PARKING: &str = "name: Canary Wharf Parking\nenabled: true\nexample_queries:\n  - Where can I park?\ncontent: >\n  {{attr:branch_name}} has no car park; the\n  nearest is at Cabot Place.\nactions: |\n  Answer from the content. For a booking call {{fn:lookup_patient}}.\n";
const PARKING_PATH: &str = "child_topics/canary_wharf/canary_wharf_parking.yaml";

fn with_child(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut changes = vec![
        ("config/variant_attributes.yaml", VARIANTS),
        (PARKING_PATH, PARKING),
    ];
    changes.extend_from_slice(extra);
    project(&changes)
}

/// Nothing is found beyond what the base project has (an info on a handoff name with a space).
#[track_caller]
fn clean(files: &[(String, String)]) {
    let base = diagnose(&base());
    let extra: Vec<Found> = diagnose(files)
        .into_iter()
        .filter(|f| !base.contains(f))
        .collect();
    assert!(
        extra.is_empty(),
        "expected no new diagnostics, got: {extra:#?}"
    );
}

// ---- child topics -------------------------------------------------------------------------

#[test]
fn a_valid_child_topic_is_read_and_clean() {
    let files = with_child(&[]);
    clean(&files);
    let p = load(&files);
    let t = p
        .topics
        .iter()
        .find(|t| t.variant.is_some())
        .expect("the child topic is read");
    assert_eq!(t.variant.as_deref(), Some("canary_wharf"));
    assert_eq!(t.name.as_ref().unwrap().value, "Canary Wharf Parking");
    // Its texts hold references like a topic's.
    let refs: Vec<&str> = p
        .texts
        .iter()
        .filter(|x| x.file == t.file)
        .flat_map(|x| x.refs.iter().map(|r| r.name.as_str()))
        .collect();
    assert_eq!(refs, ["branch_name", "lookup_patient"]);
}

#[test]
fn references_in_a_child_topic_are_checked() {
    let text = PARKING.replace("{{fn:lookup_patient}}", "{{fn:lookup_pateint}}");
    fires(
        &with_child(&[(PARKING_PATH, &text)]),
        "SB202",
        PARKING_PATH,
        9,
        52,
        "unknown function `lookup_pateint`",
    );
}

#[test]
fn sb450_child_topic_with_tags() {
    let text = PARKING.replace(
        "enabled: true\n",
        "enabled: true\ntags:\n  - parking\n  - café\n",
    );
    let f = fires(
        &with_child(&[(PARKING_PATH, &text)]),
        "SB450",
        PARKING_PATH,
        3,
        1,
        "child topic `Canary Wharf Parking` has tags, but child topics cannot have any",
    );
    assert_eq!(f.severity, "error");
    assert_eq!(f.fixes, [""]);
    // The fix removes the key's lines and leaves a clean file.
    let p = load(&with_child(&[(PARKING_PATH, &text)]));
    let d = switchboard::analysis::analyze(&p, &Default::default())
        .into_iter()
        .find(|d| d.code.as_str() == "SB450")
        .unwrap();
    let e = &d.fixes[0].edits[0];
    let file = p.file(d.file);
    let fixed = format!(
        "{}{}",
        &file.text[..e.span.start as usize],
        &file.text[e.span.end as usize..]
    );
    assert_eq!(fixed, PARKING);
}

#[test]
fn sb450_tags_on_one_line_with_crlf() {
    let text = PARKING
        .replace(
            "enabled: true\n",
            "enabled: true\ntags: [parking]  # for search\n",
        )
        .replace('\n', "\r\n");
    fires(
        &with_child(&[(PARKING_PATH, &text)]),
        "SB450",
        PARKING_PATH,
        3,
        1,
        "child topic `Canary Wharf Parking` has tags, but child topics cannot have any",
    );
}

#[test]
fn sb450_silent_for_empty_or_null_tags_and_for_topics() {
    for tags in ["tags: []\n", "tags:\n", "tags: ''\n"] {
        let text = PARKING.replace("enabled: true\n", &format!("enabled: true\n{tags}"));
        silent(&with_child(&[(PARKING_PATH, &text)]), "SB450");
    }
    let topic = TOPIC.replace("enabled: true\n", "enabled: true\ntags:\n  - booking\n");
    silent(
        &with_child(&[("topics/appointments.yaml", &topic)]),
        "SB450",
    );
}

#[test]
fn sb451_child_topic_outside_a_variant_folder() {
    let path = "child_topics/canary_warf/canary_wharf_parking.yaml";
    let files = project(&[
        ("config/variant_attributes.yaml", VARIANTS),
        (path, PARKING),
    ]);
    let f = fires(
        &files,
        "SB451",
        path,
        1,
        7,
        "child topic `Canary Wharf Parking` is in `child_topics/canary_warf/`, which is the folder of no variant",
    );
    assert_eq!(
        f.help.as_deref(),
        Some("did you mean the folder `child_topics/canary_wharf/`?")
    );
}

#[test]
fn sb451_without_any_variant() {
    let files = project(&[(PARKING_PATH, PARKING)]);
    let f = fires(
        &files,
        "SB451",
        PARKING_PATH,
        1,
        7,
        "child topic `Canary Wharf Parking` is in `child_topics/canary_wharf/`, which is the folder of no variant",
    );
    assert_eq!(
        f.help.as_deref(),
        Some("declare the variant in `config/variant_attributes.yaml`")
    );
}

#[test]
fn sb451_silent_when_the_folder_is_the_variants_clean_name() {
    // `Canary Wharf` lives in `canary_wharf/`; the ADK also accepts `Canary_Wharf/`.
    silent(&with_child(&[]), "SB451");
    let path = "child_topics/Canary_Wharf/canary_wharf_parking.yaml";
    silent(
        &project(&[
            ("config/variant_attributes.yaml", VARIANTS),
            (path, PARKING),
        ]),
        "SB451",
    );
}

#[test]
fn sb452_child_topic_named_like_a_topic() {
    let text = PARKING.replace("name: Canary Wharf Parking", "name: appointments");
    let path = "child_topics/canary_wharf/appointments.yaml";
    let f = fires(
        &project(&[("config/variant_attributes.yaml", VARIANTS), (path, &text)]),
        "SB452",
        path,
        1,
        7,
        "child topic `appointments` has the same name as the topic `Appointments`",
    );
    assert_eq!(f.severity, "error");
}

#[test]
fn sb452_child_topics_of_two_variants_share_a_name() {
    let other = "child_topics/soho/canary_wharf_parking.yaml";
    let all = diagnose(&with_child(&[(other, PARKING)]));
    let hits: Vec<(&str, &str)> = all
        .iter()
        .filter(|f| f.code == "SB452")
        .map(|f| (f.file.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        [
            (
                PARKING_PATH,
                "child topic `Canary Wharf Parking` has the same name as the child topic `Canary Wharf Parking` of variant folder `soho`"
            ),
            (
                other,
                "child topic `Canary Wharf Parking` has the same name as the child topic `Canary Wharf Parking` of variant folder `canary_wharf`"
            ),
        ]
    );
    // Child topics are not SB411's: they are compared by clean name, here.
    assert!(!all.iter().any(|f| f.code == "SB411"));
}

#[test]
fn sb452_silent_for_distinct_names() {
    let other = "child_topics/soho/soho_parking.yaml";
    let text = PARKING.replace("Canary Wharf Parking", "Soho Parking");
    clean(&with_child(&[(other, &text)]));
}

#[test]
fn sb407_names_a_child_topic_file() {
    let path = "child_topics/canary_wharf/parking.yaml";
    fires(
        &project(&[
            ("config/variant_attributes.yaml", VARIANTS),
            (path, PARKING),
        ]),
        "SB407",
        path,
        1,
        7,
        "child topic file for `Canary Wharf Parking` should be named `canary_wharf_parking`, not `parking`",
    );
}

#[test]
fn files_outside_a_variant_folder_are_not_child_topics() {
    // `child_topics/x.yaml` and deeper files are not read, as the ADK does not discover them.
    let files = with_child(&[
        ("child_topics/loose.yaml", "name: [\n"),
        ("child_topics/soho/deeper/x.yaml", "name: [\n"),
    ]);
    clean(&files);
}

#[test]
fn a_child_topic_in_the_bundle_and_the_graph() {
    let files = with_child(&[]);
    let p = load(&files);
    let opts = switchboard::analysis::Options::default();
    let a = switchboard::analysis::analyze_full(&p, &opts);
    let g = switchboard::compile::graph::build(&p, &a.diagnostics, &opts);
    let mermaid = g.render(switchboard::compile::graph::GraphFormat::Mermaid);
    assert!(
        mermaid.contains("child topic: Canary Wharf Parking (canary_wharf)"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("child_topic_canary_wharf_parking"),
        "{mermaid}"
    );
    let owner = p
        .texts
        .iter()
        .find(|t| p.file(t.file).rel == PARKING_PATH)
        .map(|t| switchboard::compile::owner_id(&p, t.owner))
        .unwrap();
    assert_eq!(owner, "child_topic:canary_wharf/Canary Wharf Parking");
}

// ---- the test suite -----------------------------------------------------------------------

const LANGUAGES: &str = "default_language: en-US\nadditional_languages:\n  - es-ES\n";

/// A valid test case, with a folded scenario, non-ASCII text and a function-call assertion.
const CASE: &str = "name: Book a check-up\nscenario: >-\n  You want a check-up next Tuesday; your name is Zoë Martin\n  and your date of birth 1990-04-02.\nchannel: voice\nlanguage: en-US\nvariant: Soho\ncaller_number: '+447700900123'\ntags:\n  - booking\nprompt_assertions:\n  - The agent looks up the caller's record.\nfunction_call_assertions:\n  - name: lookup_patient\n    arguments:\n      - parameter_name: dob\n        expected_value: '1990-04-02'\n        value_type: string\n";
const CASE_PATH: &str = "test_suite/book_a_check_up.yaml";

fn with_case(text: &str) -> Vec<(String, String)> {
    project(&[
        ("config/variant_attributes.yaml", VARIANTS),
        ("agent_settings/languages.yaml", LANGUAGES),
        (CASE_PATH, text),
    ])
}

#[test]
fn a_valid_test_case_is_read_and_clean() {
    let files = with_case(CASE);
    clean(&files);
    let p = load(&files);
    assert_eq!(p.test_cases.len(), 1);
    assert_eq!(p.languages.len(), 2);
    // `test_suite/` is read where `tests/` is not.
    let files = project(&[
        ("tests/test_x.yaml", "name: [\n"),
        ("test_suite/nested/x.yaml", "name: [\n"),
    ]);
    assert!(diagnose(&files).iter().all(|f| f.code != "SB001"));
}

#[test]
fn a_test_case_of_other_channels_and_names() {
    // The ADK's own channel names, `webchat`, CRLF line ends and no variant are fine.
    for channel in ["webchat", "chat.polyai", "webchat.polyai"] {
        let text = CASE
            .replace("channel: voice", &format!("channel: {channel}"))
            .replace("variant: Soho\n", "variant: ''\n")
            .replace('\n', "\r\n");
        clean(&with_case(&text));
    }
    // A hyphenated name is cleaned to its file name, as in the ADK's examples.
    let text = CASE.replace("name: Book a check-up", "name: book-a-check-up");
    clean(&with_case(&text));
}

#[test]
fn sb453_test_case_file_name() {
    let path = "test_suite/check_up.yaml";
    let files = project(&[("config/variant_attributes.yaml", VARIANTS), (path, CASE)]);
    fires(
        &files,
        "SB453",
        path,
        1,
        7,
        "test case file for `Book a check-up` should be named `book_a_check_up`, not `check_up`",
    );
    let text = CASE.replace("name: Book a check-up\n", "");
    fires(
        &with_case(&text),
        "SB453",
        CASE_PATH,
        1,
        1,
        "this test case has no `name`",
    );
    silent(&with_case(CASE), "SB453");
}

#[test]
fn sb454_test_case_channel() {
    let text = CASE.replace("channel: voice", "channel: Voice");
    let f = fires(
        &with_case(&text),
        "SB454",
        CASE_PATH,
        5,
        10,
        "invalid test case channel `Voice`",
    );
    assert_eq!(f.fixes, ["voice"]);
    let text = CASE.replace("channel: voice\n", "");
    fires(
        &with_case(&text),
        "SB454",
        CASE_PATH,
        1,
        7,
        "this test case has no `channel`",
    );
    let text = CASE.replace("channel: voice", "channel:");
    fires(
        &with_case(&text),
        "SB454",
        CASE_PATH,
        5,
        1,
        "this test case's `channel` is empty",
    );
    silent(&with_case(CASE), "SB454");
}

#[test]
fn sb455_test_case_scenario() {
    let text = CASE.replace(
        "scenario: >-\n  You want a check-up next Tuesday; your name is Zoë Martin\n  and your date of birth 1990-04-02.\n",
        "scenario: ''\n",
    );
    fires(
        &with_case(&text),
        "SB455",
        CASE_PATH,
        2,
        11,
        "this test case's `scenario` is empty",
    );
    let text = CASE.replace(
        "scenario: >-\n  You want a check-up next Tuesday; your name is Zoë Martin\n  and your date of birth 1990-04-02.\n",
        "",
    );
    fires(
        &with_case(&text),
        "SB455",
        CASE_PATH,
        1,
        7,
        "this test case has no `scenario`",
    );
    silent(&with_case(CASE), "SB455");
}

#[test]
fn sb456_test_case_language() {
    let text = CASE.replace("language: en-US", "language: en-us");
    let f = fires(
        &with_case(&text),
        "SB456",
        CASE_PATH,
        6,
        11,
        "language `en-us` is not one of the project's languages",
    );
    assert_eq!(f.fixes, ["en-US"]);
    let text = CASE.replace("language: en-US\n", "");
    fires(
        &with_case(&text),
        "SB456",
        CASE_PATH,
        1,
        7,
        "this test case has no `language`",
    );
    // An additional language is one of the project's; without languages.yaml any is.
    let text = CASE.replace("language: en-US", "language: es-ES");
    silent(&with_case(&text), "SB456");
    let text = CASE.replace("language: en-US", "language: fr-FR");
    silent(
        &project(&[
            ("config/variant_attributes.yaml", VARIANTS),
            (CASE_PATH, &text),
        ]),
        "SB456",
    );
}

#[test]
fn sb457_test_case_variant() {
    let text = CASE.replace("variant: Soho", "variant: soho");
    let f = fires(
        &with_case(&text),
        "SB457",
        CASE_PATH,
        7,
        10,
        "unknown variant `soho`",
    );
    assert_eq!(f.fixes, ["Soho"]);
    silent(&with_case(CASE), "SB457");
}

#[test]
fn sb458_assertion_function() {
    let text = CASE.replace("  - name: lookup_patient", "  - name: lookup_pateint");
    let f = fires(
        &with_case(&text),
        "SB458",
        CASE_PATH,
        14,
        11,
        "unknown function `lookup_pateint` in a function-call assertion",
    );
    assert_eq!(f.fixes, ["lookup_patient"]);
    let text = CASE.replace("  - name: lookup_patient\n    arguments:", "  - arguments:");
    fires(
        &with_case(&text),
        "SB458",
        CASE_PATH,
        14,
        5,
        "this function-call assertion has no `name`",
    );
    // A transition function of any flow may be asserted; so may a helper of `functions/`.
    let flow = "name: Booking\ndescription: Book a visit\nstart_step: Ask\n";
    let step =
        "step_type: advanced_step\nname: Ask\nprompt: Ask for the date, then {{ft:date_given}}.\n";
    let ft = "from _gen import *  # <AUTO GENERATED>\n\n\n@func_description(\"The date was given\")\ndef date_given(conv: Conversation, flow: Flow):\n    return None\n";
    let text = CASE.replace("  - name: lookup_patient", "  - name: date_given");
    let mut files = with_case(&text);
    files.push(("flows/booking/flow_config.yaml".into(), flow.into()));
    files.push(("flows/booking/steps/ask.yaml".into(), step.into()));
    files.push(("flows/booking/functions/date_given.py".into(), ft.into()));
    silent(&files, "SB458");
    // Lifecycle functions cannot be asserted.
    let text = CASE.replace("  - name: lookup_patient", "  - name: start_function");
    let mut files = with_case(&text);
    files.push((
        "functions/start_function.py".into(),
        "def start_function(conv):\n    pass\n".into(),
    ));
    let all = diagnose(&files);
    assert!(all.iter().any(|f| f.code == "SB458"), "{all:#?}");
}

#[test]
fn sb459_assertion_arguments() {
    let text = CASE.replace("value_type: string", "value_type: String");
    let f = fires(
        &with_case(&text),
        "SB459",
        CASE_PATH,
        18,
        21,
        "invalid assertion value type `String`",
    );
    assert_eq!(f.fixes, ["string"]);
    let text = CASE.replace("        expected_value: '1990-04-02'\n", "");
    fires(
        &with_case(&text),
        "SB459",
        CASE_PATH,
        16,
        9,
        "this assertion argument is missing `expected_value`",
    );
    let text = CASE.replace(
        "value_type: string\n",
        "value_type: string\n        expectd: x\n",
    );
    fires(
        &with_case(&text),
        "SB459",
        CASE_PATH,
        19,
        9,
        "unknown key `expectd` in an assertion argument",
    );
    let text = CASE.replace(
        "value_type: string\n",
        "value_type: number\n        assertion_type: equals\n",
    );
    silent(&with_case(&text), "SB459");
}

#[test]
fn test_case_field_types_as_the_adk_reads_them() {
    // An unquoted number is no text: the ADK stops at `caller_number` (SB013).
    let text = CASE.replace(
        "caller_number: '+447700900123'",
        "caller_number: +447700900123",
    );
    fires(
        &with_case(&text),
        "SB013",
        CASE_PATH,
        8,
        16,
        "`caller_number` must be a string, but YAML reads `+447700900123` as an integer",
    );
    let text = CASE.replace("tags:\n  - booking", "tags:\n  - 2024");
    fires(
        &with_case(&text),
        "SB013",
        CASE_PATH,
        10,
        5,
        "an item of `tags` must be a string, but YAML reads `2024` as an integer",
    );
    let text = CASE.replace("variant: Soho", "varient: Soho");
    fires(
        &with_case(&text),
        "SB008",
        CASE_PATH,
        7,
        1,
        "unknown field `varient` in a test case",
    );
}

#[test]
fn a_broken_test_case_costs_only_its_own_diagnostics() {
    let files = with_case("name: [unclosed\n");
    let all = diagnose(&files);
    assert!(
        all.iter().all(|f| f.file == CASE_PATH || f.code == "SB118"),
        "{all:#?}"
    );
    assert!(all.iter().any(|f| f.code == "SB001"));
}

#[test]
fn an_assertion_is_a_use_of_its_function() {
    let files = with_case(CASE);
    let p = load(&files);
    let a = switchboard::analysis::analyze_full(&p, &Default::default());
    let u = a
        .index
        .uses
        .iter()
        .find(|u| p.file(u.file).rel == CASE_PATH)
        .expect("the assertion is a use");
    assert_eq!(u.name, "lookup_patient");
    let d = &a.index.defs[u.def.expect("resolved")];
    assert_eq!(p.file(d.file).rel, "functions/lookup_patient.py");
}

// ---- languages and translations -----------------------------------------------------------

const TRANSLATIONS: &str = "translations:\n  - name: closing_notice\n    translations:\n      en-US: We close early on public holidays.\n      es-ES: >-\n        Cerramos antes los\n        días festivos.\n";

fn with_languages(languages: &str, translations: &str) -> Vec<(String, String)> {
    project(&[
        ("agent_settings/languages.yaml", languages),
        ("config/translations.yaml", translations),
    ])
}

#[test]
fn valid_languages_and_translations_are_clean() {
    clean(&with_languages(LANGUAGES, TRANSLATIONS));
    // Underscores, other cases, scripts, regions and grandfathered tags are well-formed.
    let l = "default_language: sr-Latn-RS\nadditional_languages:\n  - es-419\n  - en_GB\n  - i-klingon\n  - zh-yue-HK\n";
    let all = diagnose(&with_languages(l, ""));
    assert!(
        !all.iter().any(|f| f.code == "SB460" || f.code == "SB461"),
        "{all:#?}"
    );
}

#[test]
fn sb460_invalid_language_code() {
    let l = "default_language: en-US\nadditional_languages:\n  - es ES\n";
    let f = fires(
        &with_languages(l, ""),
        "SB460",
        "agent_settings/languages.yaml",
        3,
        5,
        "invalid language code `es ES`: it is no BCP 47 language tag",
    );
    assert_eq!(f.fixes, ["es-ES"]);
    let l = "default_language: english\nadditional_languages: []\n";
    fires(
        &with_languages(l, ""),
        "SB460",
        "agent_settings/languages.yaml",
        1,
        19,
        "invalid default language code `english`: it is no BCP 47 language tag",
    );
    let l = "default_language: en-US\nadditional_languages:\n  - ''\n";
    fires(
        &with_languages(l, ""),
        "SB460",
        "agent_settings/languages.yaml",
        3,
        5,
        "an additional language is empty",
    );
    // An empty default is no language at all to the ADK; a registered-looking tag is fine.
    silent(
        &with_languages("default_language: ''\nadditional_languages: [es-ES]\n", ""),
        "SB460",
    );
    silent(&with_languages(LANGUAGES, ""), "SB460");
}

#[test]
fn sb460_unregistered_language_code() {
    // `jp` is the country code; Japanese is `ja`.
    let l = "default_language: en-US\nadditional_languages:\n  - jp\n  - es-419\n";
    let f = fires(
        &with_languages(l, ""),
        "SB460",
        "agent_settings/languages.yaml",
        3,
        5,
        "invalid language code `jp`: `jp` is no registered language code",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `ja`?"));
    assert_eq!(f.fixes, ["ja"]);
    // The rest of the tag is kept; the position is exact inside quotes and through CRLF.
    let l = "default_language: en-US\r\nadditional_languages:\r\n  - \"JP_jp\"\r\n";
    let f = fires(
        &with_languages(l, ""),
        "SB460",
        "agent_settings/languages.yaml",
        3,
        6,
        "invalid language code `JP_jp`: `jp` is no registered language code",
    );
    assert_eq!(f.fixes, ["ja_jp"]);
    // A region, a variant, a subtag twice, two extended languages: no suggestion.
    for (code, why) in [
        ("en-EN", "`EN` is no registered region code"),
        ("en-Latx", "`Latx` is no registered script code"),
        ("en-GB-oxenfree", "`oxenfree` is no registered variant code"),
        ("de-1901-1901", "it has `1901` twice"),
        ("en-a-bbb-a-ddd", "it has two `a-` extensions"),
        (
            "sgn-ase-bfi",
            "it has 2 extended languages (`ase`, `bfi`), and a tag has at most one",
        ),
    ] {
        let l = format!("default_language: '{code}'\nadditional_languages: []\n");
        let f = fires(
            &with_languages(&l, ""),
            "SB460",
            "agent_settings/languages.yaml",
            1,
            20,
            &format!("invalid default language code `{code}`: {why}"),
        );
        assert!(f.fixes.is_empty(), "{code}: {f:#?}");
    }
}

#[test]
fn sb460_silent_for_registered_and_replaced_codes() {
    // What `langcodes` replaces (`UK` is `GB`, `eng` is `en`, `iw` is `he`) is valid, as is
    // `es-LA` (Spanish in Laos), private use, `und` and a grandfathered tag.
    let l = "default_language: en-UK\nadditional_languages:\n  - es-LA\n  - eng\n  - iw\n  - x-heptapod\n  - und\n  - i-klingon\n  - zh-Hans-CN\n  - en-GB-oxendict\n  - sr_latn\n  - en-a-bbb-c-ddd\n";
    silent(&with_languages(l, ""), "SB460");
}

#[test]
fn sb461_duplicate_language() {
    let l = "default_language: en-US\nadditional_languages:\n  - es-ES\n  - en-US\n  - es-ES\n";
    let all = diagnose(&with_languages(l, ""));
    let hits: Vec<(u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB461")
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        [
            (
                4,
                "the default language `en-US` is also an additional language"
            ),
            (5, "duplicate language `es-ES`"),
        ]
    );
    silent(&with_languages(LANGUAGES, ""), "SB461");
}

#[test]
fn sb462_empty_translation() {
    let t =
        "translations:\n  - name: closing_notice\n    translations: {}\n  - name: opening_notice\n";
    let all = diagnose(&with_languages(LANGUAGES, t));
    let hits: Vec<(u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB462")
        .map(|f| (f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        [
            (2, 11, "translation `closing_notice` has no `translations`"),
            (4, 11, "translation `opening_notice` has no `translations`"),
        ]
    );
    silent(&with_languages(LANGUAGES, TRANSLATIONS), "SB462");
}

#[test]
fn sb463_translation_languages() {
    let t = TRANSLATIONS.replace("      es-ES: >-", "      es-es: >-");
    let all = diagnose(&with_languages(LANGUAGES, &t));
    let hits: Vec<(u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB463")
        .map(|f| (f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        [
            (2, 11, "translation `closing_notice` has no text in `es-ES`"),
            (
                5,
                7,
                "translation `closing_notice` is written in `es-es`, which is not one of the project's languages"
            ),
        ]
    );
    let f = all
        .iter()
        .find(|f| f.code == "SB463" && f.line == 5)
        .unwrap();
    assert_eq!(f.fixes, ["es-ES"]);
    // Without languages.yaml, any language goes.
    silent(&project(&[("config/translations.yaml", &t)]), "SB463");
    silent(&with_languages(LANGUAGES, TRANSLATIONS), "SB463");
}

#[test]
fn a_broken_languages_file_costs_only_its_own_diagnostics() {
    let files = with_languages("default_language: [en-US\n", TRANSLATIONS);
    let all = diagnose(&files);
    assert!(all.iter().any(|f| f.code == "SB001"), "{all:#?}");
    assert!(!all.iter().any(|f| f.code == "SB463"), "{all:#?}");
}
