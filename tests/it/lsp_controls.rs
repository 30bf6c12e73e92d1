//! The language server in the controls: a custom guardrail's action and a latency control's
//! delay messages resolve (definition, references, hover, rename), completion there offers only
//! the reference kinds the field may hold, and an edit to `guardrails.yaml` updates its
//! diagnostics.

use crate::lsp_support::*;
use serde_json::{Value, json};

const HANDOFFS: &str = "handoffs:\n  - name: Front Desk\n    description: Reception\n    is_default: true\n    sip_config:\n      method: bye\n";

const LOOKUP: &str = "from _gen import *  # <AUTO GENERATED>\n\n\n@func_description(\"Look up the caller's record.\")\n@func_latency_control(\n    delay_before_responses_start=1,\n    delay_responses=[(\"Un instant… {{vrbl:patient_id}}\", 3)],\n)\ndef lookup_patient(conv: Conversation):\n    conv.state.patient_id = \"p-1\"\n    return \"Found.\"\n";

/// The action folds onto a second line, after non-ASCII text.
const GUARDRAILS: &str = "custom_guardrails:\n  - name: Urgence dentaire\n    prompt: Le patient décrit une douleur intense.\n    action: >-\n      Café d'abord {{fn:lookup_patient}},\n      puis {{ho:Front Desk}}.\n";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("project.yaml", "name: dentiste\nregion: us-1\n"),
        ("config/handoffs.yaml", HANDOFFS),
        ("functions/lookup_patient.py", LOOKUP),
        ("agent_settings/guardrails.yaml", GUARDRAILS),
    ]
}

fn labels(r: &Value) -> Vec<String> {
    r.as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_guardrail_action_resolves_completes_and_renames() {
    let root = temp_project("controls", &files());
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let g = root.join("agent_settings/guardrails.yaml");
    c.open(&g, GUARDRAILS).await;
    // `{{fn:lookup_patient}}` (line 4, the name at 25..39) goes to the function.
    let r = c.definition(&g, 4, 28).await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("functions/lookup_patient.py"),
        "{r}"
    );
    // The handoff's references list the guardrail that uses it.
    let h = root.join("config/handoffs.yaml");
    let r = c.references(&h, 1, 12, false).await;
    assert_eq!(
        locations(&r, &root),
        ["agent_settings/guardrails.yaml:5:16"]
    );
    // Hover on the handoff reference names the handoff.
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&g), "position": pos(5, 18)}),
        )
        .await;
    let v = r["contents"]["value"].as_str().unwrap_or_default();
    assert!(v.contains("Front Desk"), "{r}");
    // Rename the function from the guardrail: the definition and the reference change.
    let r = c
        .request(
            "textDocument/rename",
            json!({"textDocument": td(&g), "position": pos(4, 28), "newName": "find_patient"}),
        )
        .await;
    let changes = r["documentChanges"]
        .as_array()
        .unwrap_or_else(|| panic!("a workspace edit: {r}"));
    let edit = changes
        .iter()
        .find(|c| c["textDocument"]["uri"] == uri(&g))
        .unwrap_or_else(|| panic!("an edit of the guardrails: {r}"));
    assert_eq!(edit["edits"][0]["range"], range(4, 24, 4, 38));
    assert_eq!(edit["edits"][0]["newText"], "find_patient");
    assert!(
        changes.iter().any(|c| c["kind"] == "rename"),
        "the function's file is renamed: {r}"
    );
    // Completion after `{{` in the action: a guardrail action's kinds, no entity, no ft.
    let text = GUARDRAILS.replace("{{ho:Front Desk}}.", "{{");
    c.change(&g, 2, json!([{"text": text}])).await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&g), "position": pos(5, 13)}),
        )
        .await;
    let l = labels(&r);
    assert!(
        l.iter().any(|x| x == "ho:") && l.iter().any(|x| x == "fn:"),
        "{l:?}"
    );
    assert!(!l.iter().any(|x| x == "ft:" || x == "entity:"), "{l:?}");
}

#[tokio::test]
async fn a_delay_message_resolves_and_completes_its_kinds() {
    let root = temp_project("controls-delay", &files());
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let f = root.join("functions/lookup_patient.py");
    c.open(&f, LOOKUP).await;
    // `{{vrbl:patient_id}}` in the message (line 6; `…` is one UTF-16 unit) is the variable.
    let r = c.references(&f, 6, 41, true).await;
    let found = locations(&r, &root);
    assert!(
        found.contains(&"functions/lookup_patient.py:6:42".to_string()),
        "{found:?}"
    );
    assert!(
        found.contains(&"functions/lookup_patient.py:9:15".to_string()),
        "{found:?}"
    );
    // Completion after `{{` in a delay message: translations and variables only.
    let text = LOOKUP.replace("{{vrbl:patient_id}}", "{{");
    c.change(&f, 2, json!([{"text": text}])).await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&f), "position": pos(6, 37)}),
        )
        .await;
    let mut l = labels(&r);
    l.sort();
    assert_eq!(l, ["tn:", "vrbl:"]);
}

#[tokio::test]
async fn an_edit_to_the_guardrails_updates_their_diagnostics() {
    let root = temp_project("controls-edit", &files());
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let g = root.join("agent_settings/guardrails.yaml");
    c.open(&g, GUARDRAILS).await;
    let text = GUARDRAILS.replace("{{ho:Front Desk}}", "{{ho:Front Dsk}}");
    c.change(&g, 2, json!([{"text": text}])).await;
    let d = c
        .diagnostics_where("agent_settings/guardrails.yaml", |d| {
            d.as_array().unwrap().iter().any(|x| x["code"] == "SB201")
        })
        .await;
    let hit = d
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "SB201")
        .unwrap();
    assert_eq!(hit["range"], range(5, 16, 5, 25));
    assert_eq!(hit["severity"], 1);
}
