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
