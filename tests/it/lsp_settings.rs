//! The language server in the settings files: a voice greeting's and disclaimer's references
//! resolve (definition, references, hover), completion there offers only the reference kinds
//! the field may hold, and an edit to the configuration updates its diagnostics.

use crate::lsp_support::*;
use serde_json::json;

const VARIANTS: &str = "variants:\n  - name: Soho\n    is_default: true\nattributes:\n  - name: brand_name\n    values:\n      Soho: Café Rouge Soho\n";
/// The welcome message folds onto a second line; the reference sits after non-ASCII text.
const VOICE: &str = "greeting:\n  welcome_message: Hi, thanks for calling Café Rouge! Ask me about\n    {{attr:brand_name}} and our hours.\n  language_code: en-GB\ndisclaimer_messages:\n  message: Calls to {{attr:brand_name}} are recorded.\n  enabled: true\n  language_code: en-GB\nstyle_prompt:\n  prompt: Speak calmly.\n";

#[tokio::test]
async fn references_in_the_voice_configuration_resolve_and_complete() {
    let root = temp_project(
        "settings",
        &[
            ("project.yaml", "name: café\nregion: us-1\n"),
            ("config/variant_attributes.yaml", VARIANTS),
            ("voice/configuration.yaml", VOICE),
        ],
    );
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let voice = root.join("voice/configuration.yaml");
    c.open(&voice, VOICE).await;
    // Definition of `{{attr:brand_name}}` on the folded line (line 2, the name at 11..21).
    let r = c.definition(&voice, 2, 14).await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("config/variant_attributes.yaml"),
        "{r}"
    );
    assert_eq!(r[0]["range"], range(4, 10, 4, 20));
    // References of the attribute include the greeting and the disclaimer.
    let variants = root.join("config/variant_attributes.yaml");
    let r = c.references(&variants, 4, 12, false).await;
    let found = locations(&r, &root);
    assert_eq!(
        found,
        [
            "voice/configuration.yaml:2:11",
            "voice/configuration.yaml:5:27"
        ]
    );
    // Hover on the disclaimer's reference names the attribute.
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&voice), "position": pos(5, 25)}),
        )
        .await;
    let v = r["contents"]["value"].as_str().unwrap_or_default();
    assert!(v.contains("brand_name"), "{r}");
    // Completion after `{{` in the greeting: the kinds a greeting may hold, and no others.
    let text = VOICE.replace(" and our hours.", " and {{");
    c.change(&voice, 2, json!([{"text": text}])).await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&voice), "position": pos(2, 30)}),
        )
        .await;
    let labels: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["attr:", "vrbl:", "tn:"]);
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&voice), "position": pos(2, 30)}),
        )
        .await;
    assert!(!r.as_array().unwrap().iter().any(|i| i["label"] == "ho:"));
}

#[tokio::test]
async fn an_edit_to_the_configuration_updates_its_diagnostics() {
    let root = temp_project(
        "settings-edit",
        &[
            ("project.yaml", "name: café\nregion: us-1\n"),
            ("config/variant_attributes.yaml", VARIANTS),
            ("voice/configuration.yaml", VOICE),
        ],
    );
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let voice = root.join("voice/configuration.yaml");
    c.open(&voice, VOICE).await;
    let text = VOICE.replace(
        "  language_code: en-GB\ndisclaimer",
        "  language_code: ''\ndisclaimer",
    );
    c.change(&voice, 2, json!([{"text": text}])).await;
    let d = c
        .diagnostics_where("voice/configuration.yaml", |d| {
            d.as_array().unwrap().iter().any(|x| x["code"] == "SB471")
        })
        .await;
    let hit = d
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "SB471")
        .unwrap();
    assert_eq!(hit["range"], range(3, 17, 3, 19));
    assert_eq!(hit["severity"], 1);
}
