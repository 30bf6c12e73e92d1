//! `switchboard/routingGraph` over JSON-RPC: the graph `switchboard graph` draws, each node with
//! its source location (exact ranges, UTF-16 and UTF-8), for a document, a folder or the root of
//! a project; `null` outside every project; the graph follows edits before they are saved.

use crate::lsp_support::{Client, example_copy, range, temp_project, uri};
use serde_json::{Value, json};
use std::process::Command;

const METHOD: &str = "switchboard/routingGraph";

fn node<'a>(g: &'a Value, id: &str) -> &'a Value {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == id)
        .unwrap_or_else(|| panic!("no node {id} in {g}"))
}

fn has_edge(g: &Value, from: &str, to: &str) -> Option<Value> {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == from && e["to"] == to)
        .cloned()
}

fn cli_graph(root: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .arg("graph")
        .arg(root)
        .output()
        .expect("run switchboard graph");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_example_graph_with_source_locations() {
    let root = example_copy("graph");
    let mut c = Client::start();
    let init = c.initialize(&root, &[], json!(null)).await;
    assert_eq!(
        init["capabilities"]["experimental"]["routingGraphProvider"],
        true
    );
    let doc = root.join("topics/payment_plans.yaml");
    let g = c.request(METHOD, json!({"uri": uri(&doc)})).await;
    assert_eq!(g["root"], uri(&root));
    // What `switchboard graph` prints, byte for byte.
    assert_eq!(g["mermaid"].as_str().unwrap(), cli_graph(&root));

    let at = |id: &str| node(&g, id)["location"].clone();
    let loc = |rel: &str, r: Value| json!({"uri": uri(&root.join(rel)), "range": r});
    assert_eq!(
        at("ho_front_desk"),
        loc("config/handoffs.yaml", range(1, 8, 1, 18))
    );
    assert_eq!(
        at("topic_billing_questions"),
        loc("topics/billing_questions.yaml", range(0, 6, 0, 23))
    );
    assert_eq!(
        at("rules_transfers"),
        loc("agent_settings/rules.txt", range(19, 0, 19, 12))
    );
    assert_eq!(
        at("fn_transfer_to_billing"),
        loc("functions/transfer_to_billing.py", range(7, 4, 7, 23))
    );
    // The missing name as referenced (SB201's range).
    assert_eq!(
        at("missing_ho_billing_team"),
        loc("topics/payment_plans.yaml", range(11, 39, 11, 51))
    );
    let ho = node(&g, "ho_front_desk");
    assert_eq!(ho["kind"], "handoff");
    assert_eq!(
        ho["label"],
        json!(["ho:Front Desk (default)", "refer +14155550100"])
    );
    assert_eq!(
        (ho["flagged"].clone(), ho["conflict"].clone()),
        (json!(false), json!(false))
    );
    let missing = node(&g, "missing_ho_billing_team");
    assert_eq!(
        (missing["kind"].clone(), missing["flagged"].clone()),
        (json!("unresolved"), json!(true))
    );
    assert_eq!(node(&g, "topic_billing_questions")["conflict"], true);
    assert_eq!(node(&g, "fn_transfer_to_billing")["conflict"], true);
    assert_eq!(
        has_edge(&g, "topic_billing_questions", "fn_transfer_to_billing"),
        Some(
            json!({"from": "topic_billing_questions", "to": "fn_transfer_to_billing", "label": "conflict", "style": "conflict"})
        )
    );
    assert_eq!(
        has_edge(&g, "topic_payment_plans", "missing_ho_billing_team").map(|e| e["style"].clone()),
        Some(json!("unresolved"))
    );
    assert_eq!(
        has_edge(&g, "fn_transfer_to_billing", "ho_billing").map(|e| e["label"].clone()),
        Some(json!("call_handoff"))
    );
    // Every node has a location in the project.
    for n in g["nodes"].as_array().unwrap() {
        assert!(
            n["location"]["uri"]
                .as_str()
                .is_some_and(|u| u.starts_with(&uri(&root))),
            "{n}"
        );
    }

    // The root and a folder of the project answer the same graph.
    assert_eq!(c.request(METHOD, json!({"uri": uri(&root)})).await, g);
    assert_eq!(
        c.request(METHOD, json!({"uri": uri(&root.join("config"))}))
            .await,
        g
    );
    // Outside every project: null. Not a file URI: invalid params.
    let outside = temp_project("graph-outside", &[("notes/readme.txt", "hello\n")]);
    assert_eq!(
        c.request(METHOD, json!({"uri": uri(&outside.join("notes"))}))
            .await,
        Value::Null
    );
    let r = c.call(METHOD, json!({"uri": "untitled:Untitled-1"})).await;
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.call(METHOD, json!({})).await;
    assert_eq!(r["error"]["code"], -32602, "{r}");

    // An edit not yet saved: fixing the reference moves the edge to the handoff.
    let text = std::fs::read_to_string(&doc).unwrap();
    c.open(&doc, &text).await;
    c.change(
        &doc,
        2,
        json!([{"range": range(11, 39, 11, 51), "text": "billing"}]),
    )
    .await;
    let g2 = c.request(METHOD, json!({"uri": uri(&doc)})).await;
    assert!(has_edge(&g2, "topic_payment_plans", "ho_billing").is_some());
    assert!(
        !g2["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"] == "missing_ho_billing_team"),
        "{g2}"
    );
}

/// Columns count UTF-16 code units unless the client chose UTF-8: a heading and a reference
/// after non-ASCII text.
#[tokio::test]
async fn locations_follow_the_negotiated_encoding() {
    let files = [
        ("project.yaml", "project_id: vet\n"),
        (
            "config/handoffs.yaml",
            "handoffs:\n- name: Réception\n  description: Empfang\n  is_default: true\n  sip_config:\n    method: refer\n    phone_number: '+15035550100'\n",
        ),
        (
            "agent_settings/rules.txt",
            "## Übergabe 🐾\nBei Fragen: {{ho:Réception}}, sonst {{ho:Tierärztin}}.\n",
        ),
    ];
    for (encodings, heading_end, missing) in [
        (&[][..], 14, range(1, 41, 1, 51)),
        (&["utf-8"][..], 17, range(1, 42, 1, 53)),
    ] {
        let root = temp_project("graph-enc", &files);
        let mut c = Client::start();
        c.initialize(&root, encodings, json!(null)).await;
        let g = c.request(METHOD, json!({"uri": uri(&root)})).await;
        let rules = uri(&root.join("agent_settings/rules.txt"));
        assert_eq!(
            node(&g, "rules_bergabe")["location"],
            json!({"uri": rules, "range": range(0, 0, 0, heading_end)}),
            "{encodings:?}"
        );
        assert_eq!(
            node(&g, "missing_ho_tier_rztin")["location"],
            json!({"uri": rules, "range": missing}),
            "{encodings:?}"
        );
        assert_eq!(
            node(&g, "ho_r_ception")["label"][0],
            "ho:Réception (default)"
        );
    }
}
