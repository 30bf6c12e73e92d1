//! The language server driven in-process over JSON-RPC: every feature with exact ranges.

use crate::lsp_support::{Client, example_copy, locations, pos, range, td, temp_project, uri};
use serde_json::{Value, json};

fn codes(diags: &Value) -> Vec<String> {
    diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn negotiates_encoding_and_publishes_diagnostics_for_unopened_files() {
    let root = example_copy("diag");
    let mut c = Client::start();
    let init = c.initialize(&root, &["utf-8", "utf-16"], json!(null)).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let d = c
        .diagnostics_where("topics/payment_plans.yaml", |d| {
            !d.as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(codes(&d), vec!["SB201"]);
    assert_eq!(d[0]["range"], range(11, 39, 11, 51));
    assert_eq!(d[0]["severity"], 1);
    assert_eq!(d[0]["source"], "switchboard");
    assert!(
        d[0]["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules.md#sb201-unknown-handoff"),
        "{}",
        d[0]["codeDescription"]
    );
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `billing`")
    );
    // A secondary label becomes related information.
    let d = c
        .diagnostics_where("topics/billing_questions.yaml", |d| {
            !d.as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(codes(&d), vec!["SB301"]);
    assert_eq!(d[0]["range"]["start"], pos(13, 7));
    let rel = &d[0]["relatedInformation"][0];
    assert!(
        rel["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("topics/billing_questions.yaml")
    );
    assert_eq!(rel["location"]["range"], range(16, 55, 16, 72));
    // Pull diagnostics answer the same.
    let file = root.join("topics/payment_plans.yaml");
    let r = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": td(&file)}),
        )
        .await;
    assert_eq!(r["kind"], "full");
    assert_eq!(r["items"][0]["range"], range(11, 39, 11, 51));
}

#[tokio::test]
async fn utf16_by_default_and_edits_fix_and_clear_diagnostics() {
    let root = example_copy("edit");
    let mut c = Client::start();
    let init = c.initialize(&root, &[], json!(null)).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let file = root.join("topics/payment_plans.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    c.open(&file, &text).await;
    c.diagnostics_where("topics/payment_plans.yaml", |d| {
        !d.as_array().unwrap().is_empty()
    })
    .await;
    // Replace `billing_team` by `billing`: the error goes away and is cleared.
    c.change(
        &file,
        2,
        json!([{"range": range(11, 39, 11, 51), "text": "billing"}]),
    )
    .await;
    let d = c
        .diagnostics_where("topics/payment_plans.yaml", |d| {
            d.as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(d, json!([]));
    // The requests see the edit: the reference now resolves to the handoff.
    let r = c
        .request(
            "textDocument/definition",
            json!({"textDocument": td(&file), "position": pos(11, 42)}),
        )
        .await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("config/handoffs.yaml")
    );
    assert_eq!(r[0]["range"], range(12, 8, 12, 15));
    // Break it again with two quick edits in a row: the final state wins.
    c.change(
        &file,
        3,
        json!([{"range": range(11, 39, 11, 39), "text": "x"}]),
    )
    .await;
    c.change(
        &file,
        4,
        json!([{"range": range(11, 40, 11, 40), "text": "y"}]),
    )
    .await;
    let d = c
        .diagnostics_where("topics/payment_plans.yaml", |d| {
            !d.as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(d[0]["range"], range(11, 39, 11, 48));
    assert!(
        d[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown handoff `xybilling`")
    );
}

const UNI_HANDOFFS: &str = "handoffs:
- name: billing
  description: Billing office
  is_default: true
  sip_config:
    method: refer
    phone_number: '+14155550134'
";

/// The line under test: emoji (2 UTF-16 units, 4 bytes), CJK (1 unit, 3 bytes each), NBSP
/// (1 unit, 2 bytes) and ZWSP (1 unit, 3 bytes) before the reference.
const UNI_RULES: &str = "## Billing\n😀 日本\u{00A0}\u{200B}{{ho:bilin}} now.\n";

async fn unicode_case(encoding: &str, name_start: u32) {
    let root = temp_project(
        &format!("uni-{encoding}"),
        &[
            ("project.yaml", "name: t\n"),
            ("config/handoffs.yaml", UNI_HANDOFFS),
            ("agent_settings/rules.txt", UNI_RULES),
        ],
    );
    let mut c = Client::start();
    let init = c.initialize(&root, &[encoding], json!(null)).await;
    assert_eq!(init["capabilities"]["positionEncoding"], encoding);
    let d = c
        .diagnostics_where("agent_settings/rules.txt", |d| {
            !d.as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(codes(&d), vec!["SB201"]);
    assert_eq!(d[0]["range"], range(1, name_start, 1, name_start + 5));
    // Completion right after `{{ho:bilin` replaces the name and the existing `}}`.
    let file = root.join("agent_settings/rules.txt");
    c.open(&file, UNI_RULES).await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&file), "position": pos(1, name_start + 5)}),
        )
        .await;
    let items = r.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["label"], "billing");
    assert_eq!(items[0]["detail"], "refer +14155550134");
    assert_eq!(items[0]["documentation"]["value"], "Billing office");
    assert_eq!(
        items[0]["textEdit"],
        json!({"range": range(1, name_start, 1, name_start + 7), "newText": "billing}}"})
    );
    // An incremental edit at the same columns fixes the reference.
    c.change(
        &file,
        2,
        json!([{"range": range(1, name_start, 1, name_start + 5), "text": "billing"}]),
    )
    .await;
    c.diagnostics_where("agent_settings/rules.txt", |d| {
        d.as_array().unwrap().is_empty()
    })
    .await;
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&file), "position": pos(1, name_start + 2)}),
        )
        .await;
    assert_eq!(r["range"], range(1, name_start - 5, 1, name_start + 9));
    assert!(
        r["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("- route: `+14155550134`")
    );
    // Inlay hint after `}}`.
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": td(&file), "range": range(0, 0, 3, 0)}),
        )
        .await;
    assert_eq!(r[0]["position"], pos(1, name_start + 9));
    assert_eq!(r[0]["label"], "→ +14155550134 (refer)");
}

#[tokio::test]
async fn positions_on_a_line_with_emoji_cjk_nbsp_zwsp_in_utf16() {
    // 😀(2) space(1) 日本(2) NBSP(1) ZWSP(1) {{ho:(5) = 12
    unicode_case("utf-16", 12).await;
}

#[tokio::test]
async fn positions_on_a_line_with_emoji_cjk_nbsp_zwsp_in_utf8() {
    // 😀(4) space(1) 日本(6) NBSP(2) ZWSP(3) {{ho:(5) = 21
    unicode_case("utf-8", 21).await;
}

#[tokio::test]
async fn definition_references_highlight_hover_in_the_example() {
    let root = example_copy("nav");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let rules = root.join("agent_settings/rules.txt");
    // `{{ho:Front Desk}}` after an NBSP (UTF-16 column 89).
    let r = c
        .request(
            "textDocument/definition",
            json!({"textDocument": td(&rules), "position": pos(20, 95)}),
        )
        .await;
    assert_eq!(r.as_array().unwrap().len(), 1);
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("config/handoffs.yaml")
    );
    assert_eq!(r[0]["range"], range(1, 8, 1, 18));
    // Function reference → the `def`.
    let r = c
        .request(
            "textDocument/definition",
            json!({"textDocument": td(&rules), "position": pos(6, 106)}),
        )
        .await;
    assert!(
        r[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("functions/lookup_patient.py")
    );
    assert_eq!(r[0]["range"], range(30, 4, 30, 18));
    // References of `Front Desk` from its definition.
    let handoffs = root.join("config/handoffs.yaml");
    let r = c
        .request(
            "textDocument/references",
            json!({"textDocument": td(&handoffs), "position": pos(1, 9), "context": {"includeDeclaration": true}}),
        )
        .await;
    let found = locations(&r, &root);
    assert_eq!(
        found,
        vec![
            "agent_settings/rules.txt:20:94",
            "config/handoffs.yaml:1:8",
            "flows/book_appointment/steps/collect_visit_details.yaml:11:82",
            "topics/billing_questions.yaml:16:60",
            "topics/new_patients.yaml:17:19",
        ]
    );
    // Highlight within rules.txt.
    let r = c
        .request(
            "textDocument/documentHighlight",
            json!({"textDocument": td(&rules), "position": pos(20, 95)}),
        )
        .await;
    assert_eq!(r, json!([{"range": range(20, 94, 20, 104), "kind": 2}]));
    // Hover on a function reference: signature and description.
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&rules), "position": pos(6, 106)}),
        )
        .await;
    let v = r["contents"]["value"].as_str().unwrap();
    assert!(v.contains("```python\ndef lookup_patient(conv: Conversation, date_of_birth: str, phone_number: str)\n```"), "{v}");
    assert!(v.contains("Look up the caller's patient record."), "{v}");
}

#[tokio::test]
async fn rename_a_handoff_and_a_function() {
    let root = example_copy("rename");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let handoffs = root.join("config/handoffs.yaml");
    let r = c
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": td(&handoffs), "position": pos(1, 9)}),
        )
        .await;
    assert_eq!(
        r,
        json!({"range": range(1, 8, 1, 18), "placeholder": "Front Desk"})
    );
    let r = c
        .request(
            "textDocument/rename",
            json!({"textDocument": td(&handoffs), "position": pos(1, 9), "newName": "Reception"}),
        )
        .await;
    let changes = r["changes"].as_object().unwrap();
    let get = |suffix: &str| {
        changes
            .iter()
            .find(|(k, _)| k.ends_with(suffix))
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(
        get("config/handoffs.yaml"),
        json!([{"range": range(1, 8, 1, 18), "newText": "Reception"}])
    );
    assert_eq!(
        get("agent_settings/rules.txt"),
        json!([{"range": range(20, 94, 20, 104), "newText": "Reception"}])
    );
    assert_eq!(
        get("topics/new_patients.yaml"),
        json!([{"range": range(17, 19, 17, 29), "newText": "Reception"}])
    );
    // Invalid and taken names are refused with RequestFailed.
    let e = c
        .call(
            "textDocument/rename",
            json!({"textDocument": td(&handoffs), "position": pos(1, 9), "newName": "a}}b"}),
        )
        .await;
    assert_eq!(e["error"]["code"], -32803);
    let e = c
        .call(
            "textDocument/rename",
            json!({"textDocument": td(&handoffs), "position": pos(1, 9), "newName": "billing"}),
        )
        .await;
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already exists")
    );
    // An unknown handoff cannot be renamed.
    let pp = root.join("topics/payment_plans.yaml");
    let e = c
        .call(
            "textDocument/prepareRename",
            json!({"textDocument": td(&pp), "position": pos(11, 42)}),
        )
        .await;
    assert_eq!(e["error"]["code"], -32803);
    // A function: references, the def and the file.
    let rules = root.join("agent_settings/rules.txt");
    let r = c
        .request(
            "textDocument/rename",
            json!({"textDocument": td(&rules), "position": pos(6, 106), "newName": "find_patient"}),
        )
        .await;
    let ops = r["documentChanges"].as_array().unwrap();
    let last = ops.last().unwrap();
    assert_eq!(last["kind"], "rename");
    assert!(
        last["oldUri"]
            .as_str()
            .unwrap()
            .ends_with("functions/lookup_patient.py")
    );
    assert!(
        last["newUri"]
            .as_str()
            .unwrap()
            .ends_with("functions/find_patient.py")
    );
    let py = ops
        .iter()
        .find(|o| {
            o["textDocument"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("lookup_patient.py"))
        })
        .unwrap();
    assert_eq!(
        py["edits"],
        json!([{"range": range(30, 4, 30, 18), "newText": "find_patient"}])
    );
    let n = ops.iter().filter(|o| o.get("edits").is_some()).count();
    assert_eq!(
        n, 5,
        "rules.txt, dental_emergency.yaml, guardrails.yaml, the test case's assertion and the function itself: {ops:?}"
    );
}

#[tokio::test]
async fn completion_contexts() {
    let root = example_copy("complete");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let rules = root.join("agent_settings/rules.txt");
    let text = std::fs::read_to_string(&rules).unwrap();
    let text = format!("{text}\nCall {{{{\nAlso {{{{ho:\nShow $\n");
    c.open(&rules, &text).await;
    let n = text.lines().count() as u32;
    let labels = |r: &Value| -> Vec<String> {
        r.as_array()
            .unwrap()
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_string())
            .collect()
    };
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&rules), "position": pos(n - 3, 7)}),
        )
        .await;
    assert_eq!(
        labels(&r),
        vec!["fn:", "twilio_sms:", "ho:", "attr:", "vrbl:", "tn:"]
    );
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&rules), "position": pos(n - 2, 10)}),
        )
        .await;
    assert_eq!(
        labels(&r),
        vec!["Front Desk", "billing", "end_call", "on_call_dentist"]
    );
    assert_eq!(
        r[1]["textEdit"],
        json!({"range": range(n - 2, 10, n - 2, 10), "newText": "billing}}"})
    );
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": td(&rules), "position": pos(n - 1, 6)}),
        )
        .await;
    let vars = labels(&r);
    assert!(vars.contains(&"caller_id".to_string()), "{vars:?}");
    assert!(vars.contains(&"patient_id".to_string()), "{vars:?}");
}

#[tokio::test]
async fn code_actions_tokens_symbols_and_settings() {
    let root = example_copy("actions");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!({"inlayHints": true}))
        .await;
    let pp = root.join("topics/payment_plans.yaml");
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": td(&pp), "range": range(11, 40, 11, 40), "context": {"diagnostics": []}}),
        )
        .await;
    let titles: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Create handoff `billing_team` in config/handoffs.yaml"),
        "{titles:?}"
    );
    let fix = r
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["title"].as_str().unwrap().contains("`billing`"))
        .unwrap();
    let edits = fix["edit"]["changes"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(
        edits,
        &json!([{"range": range(11, 39, 11, 51), "newText": "billing"}])
    );
    assert_eq!(fix["diagnostics"][0]["code"], "SB201");
    // Fix-all for the new_patients topic rewrites `<<ho:Front Desk>>`.
    let np = root.join("topics/new_patients.yaml");
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": td(&np), "range": range(0, 0, 0, 0), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    assert_eq!(r.as_array().unwrap().len(), 1);
    assert_eq!(r[0]["kind"], "source.fixAll");
    let edits = r[0]["edit"]["changes"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(
        edits,
        &json!([{"range": range(17, 14, 17, 31), "newText": "{{ho:Front Desk}}"}])
    );
    // Semantic tokens: the unresolved handoff carries the `unresolved` modifier.
    let r = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": td(&pp)}),
        )
        .await;
    assert_eq!(r["data"], json!([11, 34, 19, 0, 1]));
    // Document symbols of handoffs.yaml.
    let hf = root.join("config/handoffs.yaml");
    let r = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": td(&hf)}),
        )
        .await;
    let names: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["Front Desk", "billing", "on_call_dentist", "end_call"]
    );
    assert_eq!(r[0]["selectionRange"], range(1, 8, 1, 18));
    let r = c
        .request("workspace/symbol", json!({"query": "dentist"}))
        .await;
    let names: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["on_call_dentist"]);
    // Inlay hints can be turned off by the client.
    let rules = root.join("agent_settings/rules.txt");
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": td(&rules), "range": range(0, 0, 30, 0)}),
        )
        .await;
    assert_eq!(r.as_array().unwrap().len(), 3);
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"switchboard": {"inlayHints": false}}}),
    )
    .await;
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": td(&rules), "range": range(0, 0, 30, 0)}),
        )
        .await;
    assert_eq!(r, json!([]));
}

#[tokio::test]
async fn bad_requests_get_errors_and_the_server_keeps_serving() {
    let root = example_copy("robust");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let rules = root.join("agent_settings/rules.txt");
    let e = c
        .call(
            "textDocument/hover",
            json!({"textDocument": td(&rules), "position": pos(9999, 0)}),
        )
        .await;
    assert_eq!(e["error"]["code"], -32602);
    let e = c
        .call(
            "textDocument/hover",
            json!({"textDocument": {"uri": "untitled:x"}, "position": pos(0, 0)}),
        )
        .await;
    assert_eq!(e["error"]["code"], -32602);
    let e = c
        .call("textDocument/definition", json!({"textDocument": 5}))
        .await;
    assert_eq!(e["error"]["code"], -32602);
    // Malformed JSON gets a parse error, not a crash.
    c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ]}")
        .await;
    let r = c
        .call("workspace/symbol", json!({"query": "billing"}))
        .await;
    assert_eq!(r["result"][0]["name"], "billing");
    let parse_error = c.log.iter().find(|m| m["error"]["code"] == -32700);
    assert!(parse_error.is_some(), "{:?}", c.log);
    // A character past the end of a line means its end.
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&rules), "position": pos(20, 5000)}),
        )
        .await;
    assert_eq!(r, Value::Null);
    // Still serving.
    let r = c
        .request(
            "textDocument/definition",
            json!({"textDocument": td(&rules), "position": pos(20, 95)}),
        )
        .await;
    assert_eq!(r[0]["range"], range(1, 8, 1, 18));
}

/// Write a topic with one broken handoff reference at `path` and tell the server it was created.
async fn create_refunds_topic(c: &mut Client, path: &std::path::Path) {
    std::fs::write(
        path,
        "name: Refunds\nenabled: true\nexample_queries:\n- refund\ncontent: Refunds take a week.\nactions: Transfer to {{ho:refundz}}.\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(path), "type": 1}]}),
    )
    .await;
}

/// A file created on disk that sorts before others renumbers them: their parts are built again
/// from texts the server read before, which must still give the same findings and positions.
#[tokio::test]
async fn files_renumbered_by_a_new_file_keep_their_findings() {
    let root = example_copy("renumber");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    c.diagnostics_where("topics/payment_plans.yaml", |d| {
        !d.as_array().unwrap().is_empty()
    })
    .await;
    let later = ["topics/new_patients.yaml", "topics/payment_plans.yaml"];
    let mut before = Vec::new();
    for rel in later {
        let r = c
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": td(&root.join(rel))}),
            )
            .await;
        assert!(!r["items"].as_array().unwrap().is_empty(), "{rel}");
        before.push(r["items"].clone());
    }
    let newf = root.join("topics/a_refunds.yaml");
    create_refunds_topic(&mut c, &newf).await;
    c.diagnostics_where("topics/a_refunds.yaml", |d| {
        !d.as_array().unwrap().is_empty()
    })
    .await;
    for (rel, was) in later.iter().zip(before) {
        let r = c
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": td(&root.join(rel))}),
            )
            .await;
        assert_eq!(r["items"], was, "{rel}");
    }
}

#[tokio::test]
async fn files_created_and_deleted_on_disk() {
    let root = example_copy("watch");
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    c.diagnostics_where("topics/payment_plans.yaml", |d| {
        !d.as_array().unwrap().is_empty()
    })
    .await;
    let newf = root.join("topics/refunds.yaml");
    create_refunds_topic(&mut c, &newf).await;
    let d = c
        .diagnostics_where("topics/refunds.yaml", |d| !d.as_array().unwrap().is_empty())
        .await;
    assert_eq!(codes(&d), vec!["SB201"]);
    assert_eq!(d[0]["range"], range(5, 26, 5, 33));
    std::fs::remove_file(&newf).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&newf), "type": 3}]}),
    )
    .await;
    let d = c
        .diagnostics_where("topics/refunds.yaml", |d| d.as_array().unwrap().is_empty())
        .await;
    assert_eq!(d, json!([]));
    // The watcher registration was requested from the client.
    let reg = c
        .server_requests
        .iter()
        .find(|m| m["method"] == "client/registerCapability")
        .expect("file watchers registered");
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
}
