//! The language server in child topics (`child_topics/<variant>/<topic>.yaml`): their
//! references resolve (definition, references from the definition), completion offers what a
//! topic may hold, and an edit to a child topic updates its diagnostics.

use crate::lsp_support::*;
use serde_json::json;

const VARIANTS: &str = "variants:\n  - name: Canary Wharf\n    is_default: true\n  - name: Soho\nattributes:\n  - name: branch_name\n    values:\n      Canary Wharf: Café Rouge Canary Wharf\n      Soho: Café Rouge Soho\n";
const HANDOFFS: &str = "handoffs:\n  - name: front_desk\n    description: The front desk\n    is_default: true\n    sip_config:\n      method: bye\n";
const LOOKUP: &str = "from _gen import *  # <AUTO GENERATED>\n\n\n@func_description(\n    \"Find the caller's booking\"\n)\ndef find_booking(\n    conv: Conversation,\n):\n    return \"found\"\n";
/// A child topic of the Canary Wharf variant; the references sit after non-ASCII text, and the
/// actions are a folded block.
const CHILD: &str = "name: Canary Wharf Parking\nenabled: true\nexample_queries:\n  - Where can I park?\ncontent: |\n  {{attr:branch_name}} has no car park.\nactions: >\n  Café guests: call {{fn:find_booking}},\n  then {{ho:front_desk}}.\n";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("project.yaml", "name: café\nregion: us-1\n"),
        ("config/variant_attributes.yaml", VARIANTS),
        ("config/handoffs.yaml", HANDOFFS),
        ("functions/find_booking.py", LOOKUP),
        ("child_topics/canary_wharf/canary_wharf_parking.yaml", CHILD),
    ]
}

#[tokio::test]
async fn references_in_a_child_topic_resolve_and_complete() {
    let root = temp_project("content-child", &files());
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let child = root.join("child_topics/canary_wharf/canary_wharf_parking.yaml");
    c.open(&child, CHILD).await;
    // `{{fn:find_booking}}` on line 7 (0-based), after `Café guests: call {{fn:`.
    let r = c.definition(&child, 7, 28).await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("functions/find_booking.py"),
        "{r}"
    );
    // The handoff's references, from its definition, include the child topic's.
    let handoffs = root.join("config/handoffs.yaml");
    let r = c.references(&handoffs, 1, 12, false).await;
    assert_eq!(
        locations(&r, &root),
        ["child_topics/canary_wharf/canary_wharf_parking.yaml:8:12"]
    );
    // The attribute in the content resolves too.
    let r = c.definition(&child, 5, 10).await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("config/variant_attributes.yaml"),
        "{r}"
    );
    // Completion after `{{ho:` offers the handoffs.
    let text = CHILD.replace("then {{ho:front_desk}}.", "then {{ho:");
    c.change(&child, 2, json!([{"text": text}])).await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&child), "position": pos(8, 12)}),
        )
        .await;
    let labels: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"front_desk"), "{labels:?}");
}

#[tokio::test]
async fn an_edit_to_a_child_topic_updates_its_diagnostics() {
    let root = temp_project("content-child-edit", &files());
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let child = root.join("child_topics/canary_wharf/canary_wharf_parking.yaml");
    c.open(&child, CHILD).await;
    let text = CHILD.replace("enabled: true\n", "enabled: true\ntags:\n  - parking\n");
    c.change(&child, 2, json!([{"text": text}])).await;
    let d = c
        .diagnostics_where("canary_wharf_parking.yaml", |d| {
            d.as_array().unwrap().iter().any(|x| x["code"] == "SB450")
        })
        .await;
    let hit = d
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "SB450")
        .unwrap();
    assert_eq!(hit["range"], range(2, 0, 2, 4));
    // Fixed again: the finding goes away.
    c.change(&child, 3, json!([{"text": CHILD}])).await;
    c.diagnostics_where("canary_wharf_parking.yaml", |d| {
        !d.as_array().unwrap().iter().any(|x| x["code"] == "SB450")
    })
    .await;
}

const CASE: &str = "name: Find a booking\nscenario: |-\n  You want to know when your table for two is; you are Zoë.\nchannel: voice\nlanguage: en-GB\nfunction_call_assertions:\n  - name: find_booking\n    arguments: []\n";

#[tokio::test]
async fn a_test_case_assertion_goes_to_its_function() {
    let mut all = files();
    all.push(("test_suite/find_a_booking.yaml", CASE));
    let root = temp_project("content-case", &all);
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let case = root.join("test_suite/find_a_booking.yaml");
    c.open(&case, CASE).await;
    let r = c.definition(&case, 6, 14).await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("functions/find_booking.py"),
        "{r}"
    );
    // The function's references include the assertion and the child topic's reference.
    let f = root.join("functions/find_booking.py");
    let r = c.references(&f, 6, 6, false).await;
    assert_eq!(
        locations(&r, &root),
        [
            "child_topics/canary_wharf/canary_wharf_parking.yaml:7:25",
            "test_suite/find_a_booking.yaml:6:10"
        ]
    );
    // A misspelt assertion is reported in the editor.
    let text = CASE.replace("- name: find_booking", "- name: find_bookin");
    c.change(&case, 2, json!([{"text": text}])).await;
    let d = c
        .diagnostics_where("find_a_booking.yaml", |d| {
            d.as_array().unwrap().iter().any(|x| x["code"] == "SB458")
        })
        .await;
    let hit = d
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "SB458")
        .unwrap();
    assert_eq!(hit["range"], range(6, 10, 6, 21));
}
