//! The language server on API integrations: `conv.api.<name>` in a function and an
//! integration of a test case's `api_mocks` go to the integration of
//! `config/api_integrations.yaml`, its references list both, and hover names it.

use crate::lsp_support::*;
use serde_json::json;

const APIS: &str = "api_integrations:\n  - name: réservations_api\n    description: Tables\n  - name: booking_api\n    description: >-\n      Réservations\n      en ligne\n    operations:\n      - name: get_booking\n        method: GET\n        resource: /bookings/{id}\n";

const CHECK: &str = "from _gen import *  # <AUTO GENERATED>\n\n\n@func_description(\"Vérifie la réservation.\")\ndef check_booking(conv: Conversation):\n    r = conv.api.booking_api.get_booking(\"B-1\")\n    return r.text\n";

const CASE: &str = "name: Reserver\nscenario: Le client réserve.\nchannel: voice\nlanguage: en-US\napi_mocks:\n  booking_api:\n    get_booking:\n      - respond: {status: 404}\n";

fn files() -> Vec<(&'static str, &'static str)> {
    vec![
        ("project.yaml", "name: bistro\nregion: us-1\n"),
        ("config/api_integrations.yaml", APIS),
        ("functions/check_booking.py", CHECK),
        ("test_suite/reserver.yaml", CASE),
    ]
}

#[tokio::test]
async fn api_integration_names_resolve_from_code_and_test_cases() {
    let root = temp_project("integrations", &files());
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let f = root.join("functions/check_booking.py");
    c.open(&f, CHECK).await;
    // `conv.api.booking_api` (line 5, the name at 17..28) goes to the integration's name.
    let r = c.definition(&f, 5, 20).await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("config/api_integrations.yaml"),
        "{r}"
    );
    assert_eq!(
        r[0]["range"]["start"],
        json!({"line": 3, "character": 10}),
        "{r}"
    );
    // The integration's references: the call and the mock.
    let a = root.join("config/api_integrations.yaml");
    let r = c.references(&a, 3, 12, false).await;
    assert_eq!(
        locations(&r, &root),
        [
            "functions/check_booking.py:5:17",
            "test_suite/reserver.yaml:5:2"
        ]
    );
    // Hover on the mock's integration names it.
    let t = root.join("test_suite/reserver.yaml");
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&t), "position": pos(5, 4)}),
        )
        .await;
    let v = r["contents"]["value"].as_str().unwrap_or_default();
    assert!(v.contains("booking_api"), "{r}");
}
