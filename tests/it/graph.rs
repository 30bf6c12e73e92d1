//! `switchboard graph`: exact Mermaid and DOT output for a small project (sites, call chains,
//! code transfers, default and run-time destinations, a conflict, an unresolved reference, label
//! escaping), the example project's edges, and the README's copy of its graph.

use crate::common;

use std::path::Path;
use std::process::Command;
use switchboard::analysis::{self, Options};
use switchboard::compile::graph::{self, GraphFormat};

const HANDOFFS: &str = "handoffs:
  - name: billing
    description: Billing disputes
    is_default: true
    sip_config:
      method: refer
      phone_number: \"+15551234567\"
  - name: desk
    description: Reception
    is_default: false
    sip_config:
      method: invite
      phone_number: <sip:desk@pbx.example.com>
";

const TRANSFER_PY: &str = "def transfer_out(conv: Conversation):
    conv.call_handoff(destination=\"desk\")
";

const HELPER_PY: &str = "def helper(conv: Conversation):
    conv.functions.transfer_out()
";

const HANG_UP_PY: &str = "def hang_up(conv: Conversation, team: str):
    if team:
        conv.call_handoff(destination=team)
    conv.call_handoff()
";

const TOPIC: &str = "name: Say \"hi\" [now] <b>
enabled: true
example_queries:
  - hello
actions: |
  Use {{fn:helper}} or {{ho:billing}}; never {{ho:nowhere}}.
";

const RULES: &str = "## Hanging up\nCall {{fn:hang_up}}.\n";

fn files() -> Vec<(String, String)> {
    vec![
        ("project.yaml".into(), "name: t\n".into()),
        ("config/handoffs.yaml".into(), HANDOFFS.into()),
        ("functions/transfer_out.py".into(), TRANSFER_PY.into()),
        ("functions/helper.py".into(), HELPER_PY.into()),
        ("functions/hang_up.py".into(), HANG_UP_PY.into()),
        ("topics/hello.yaml".into(), TOPIC.into()),
        ("agent_settings/rules.txt".into(), RULES.into()),
    ]
}

fn render(files: &[(String, String)], format: GraphFormat) -> String {
    let p = common::load(files);
    let o = Options::default();
    let d = analysis::analyze(&p, &o);
    graph::build(&p, &d, &o).render(format)
}

#[test]
fn mermaid_exact() {
    let out = render(&files(), GraphFormat::Mermaid);
    println!("{out}");
    assert_eq!(out, MERMAID);
}

#[test]
fn dot_exact() {
    let out = render(&files(), GraphFormat::Dot);
    println!("{out}");
    assert_eq!(out, DOT);
}

#[test]
fn output_is_deterministic() {
    let a = render(&files(), GraphFormat::Mermaid);
    let mut rev = files();
    rev.reverse();
    assert_eq!(a, render(&rev, GraphFormat::Mermaid));
}

const MERMAID: &str = r#"flowchart LR
  rules_hanging_up["rules: Hanging up"]
  topic_say_hi_now_b["topic: Say #quot;hi#quot; [now] #lt;b#gt;"]
  fn_hang_up[["fn:hang_up"]]
  fn_helper[["fn:helper"]]
  fn_transfer_out[["fn:transfer_out"]]
  ho_billing{{"ho:billing (default)<br/>refer +15551234567"}}
  ho_desk{{"ho:desk<br/>invite sip:desk@pbx.example.com"}}
  missing_ho_nowhere(["unresolved ho:nowhere"])
  dynamic_hang_up(["destination computed at run time"])
  rules_hanging_up --> fn_hang_up
  topic_say_hi_now_b ==>|"conflict"| fn_helper
  topic_say_hi_now_b --> ho_billing
  topic_say_hi_now_b -.->|"unresolved"| missing_ho_nowhere
  fn_hang_up -.->|"call_handoff"| dynamic_hang_up
  fn_hang_up -->|"call_handoff (default)"| ho_billing
  fn_helper -->|"calls"| fn_transfer_out
  fn_transfer_out -->|"call_handoff"| ho_desk
  classDef unresolved fill:#fff0f0,stroke:#d00,color:#a00,stroke-dasharray:4 3
  class missing_ho_nowhere,dynamic_hang_up unresolved
  classDef conflict fill:#fff0f0,stroke:#d00,stroke-width:2px
  class topic_say_hi_now_b,fn_helper conflict
  linkStyle 1,3,4 stroke:#d00,color:#a00
"#;
const DOT: &str = r#"digraph routing {
  rankdir=LR;
  node [fontname="Helvetica", fontsize=11];
  edge [fontname="Helvetica", fontsize=10];
  "rules_hanging_up" [label="rules: Hanging up", shape=box];
  "topic_say_hi_now_b" [label="topic: Say \"hi\" [now] <b>", shape=box];
  "fn_hang_up" [label="fn:hang_up", shape=component];
  "fn_helper" [label="fn:helper", shape=component];
  "fn_transfer_out" [label="fn:transfer_out", shape=component];
  "ho_billing" [label="ho:billing (default)\nrefer +15551234567", shape=hexagon];
  "ho_desk" [label="ho:desk\ninvite sip:desk@pbx.example.com", shape=hexagon];
  "missing_ho_nowhere" [label="unresolved ho:nowhere", shape=box, style="rounded,dashed", color=red, fontcolor=red];
  "dynamic_hang_up" [label="destination computed at run time", shape=box, style="rounded,dashed", color=red, fontcolor=red];
  "rules_hanging_up" -> "fn_hang_up";
  "topic_say_hi_now_b" -> "fn_helper" [label="conflict", color=red, fontcolor=red, penwidth=2];
  "topic_say_hi_now_b" -> "ho_billing";
  "topic_say_hi_now_b" -> "missing_ho_nowhere" [label="unresolved", color=red, fontcolor=red, style=dashed];
  "fn_hang_up" -> "dynamic_hang_up" [label="call_handoff", color=red, fontcolor=red, style=dashed];
  "fn_hang_up" -> "ho_billing" [label="call_handoff (default)"];
  "fn_helper" -> "fn_transfer_out" [label="calls"];
  "fn_transfer_out" -> "ho_desk" [label="call_handoff"];
}
"#;

fn sb(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run switchboard");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn example_project_graph_has_the_expected_edges() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental");
    let p = switchboard::project::load(&root);
    let o = Options::default();
    let d = analysis::analyze(&p, &o);
    let g = graph::build(&p, &d, &o);
    let edges = g.edges();
    let has = |from: &str, to: &str, label: Option<&str>| {
        edges
            .iter()
            .any(|(f, t, l)| f == from && t == to && l.as_deref() == label)
    };
    // The conflict of the example: a topic that references both a transferring function and a
    // UI handoff.
    assert!(has(
        "topic_billing_questions",
        "fn_transfer_to_billing",
        Some("conflict")
    ));
    assert!(has("topic_billing_questions", "ho_front_desk", None));
    assert!(has(
        "fn_transfer_to_billing",
        "ho_billing",
        Some("call_handoff")
    ));
    assert!(has(
        "topic_payment_plans",
        "missing_ho_billing_team",
        Some("unresolved")
    ));
    assert!(has("topic_dental_emergency", "ho_on_call_dentist", None));
    assert!(has("rules_ending_the_call", "ho_end_call", None));
    assert!(has(
        "step_book_appointment_offer_slot",
        "ft_book_appointment_confirm_slot",
        None
    ));
    let ids = g.node_ids();
    for h in [
        "ho_front_desk",
        "ho_billing",
        "ho_on_call_dentist",
        "ho_end_call",
    ] {
        assert!(ids.iter().any(|i| i == h), "{h} missing from {ids:?}");
    }
    // The CLI prints the same, in both formats.
    let (code, out) = sb(&["graph", "examples/harbor-dental"]);
    assert_eq!(code, 0);
    assert_eq!(out, g.mermaid());
    let (code, out) = sb(&["graph", "--format", "dot", "examples/harbor-dental"]);
    assert_eq!(code, 0);
    assert_eq!(out, g.dot());
}

#[test]
fn readme_shows_the_example_graph() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read README");
    let (_, out) = sb(&["graph", "examples/harbor-dental"]);
    assert!(
        readme.contains(&format!("```mermaid\n{out}```\n")),
        "README.md's routing graph is stale: replace the mermaid block under \"Routing graph\" with the output of `cargo run -- graph examples/harbor-dental`"
    );
}

#[test]
fn broken_projects_still_draw() {
    let cases: &[&[(&str, &str)]] = &[
        &[("config/handoffs.yaml", "handoffs: [\n  - name: {")],
        &[("topics/hello.yaml", "name: [x\nactions: \"{{fn:\\n$\"\n")],
        &[("functions/helper.py", "def (:\n  conv.functions.helper(\n")],
        &[("agent_settings/rules.txt", "{{ho:\n## \n{{fn:}} {{ft:x}}")],
        &[("config/handoffs.yaml", "")],
    ];
    for c in cases {
        let mut f = files();
        for (path, text) in c.iter() {
            f.retain(|(p, _)| p != path);
            f.push((path.to_string(), text.to_string()));
        }
        let m = render(&f, GraphFormat::Mermaid);
        assert!(m.starts_with("flowchart LR\n"), "{c:?}");
        let d = render(&f, GraphFormat::Dot);
        assert!(d.ends_with("}\n"), "{c:?}");
    }
}

/// Every node of the example's graph points at its source: the text at its span is the name it
/// draws (a handoff's or topic's name, a rules section's heading, a function's `def` name, the
/// missing name as referenced), and the red and conflict marks follow the edges.
#[test]
fn example_graph_nodes_carry_their_source_locations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental");
    let p = switchboard::project::load(&root);
    let o = Options::default();
    let d = analysis::analyze(&p, &o);
    let (nodes, edges) = graph::build(&p, &d, &o).view();
    let node = |id: &str| {
        nodes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let at = |id: &str| {
        let n = node(id);
        let f = p.file(n.file);
        (f.rel.clone(), f.slice(n.span).to_string())
    };
    let cases = [
        ("ho_front_desk", "config/handoffs.yaml", "Front Desk"),
        ("ho_end_call", "config/handoffs.yaml", "end_call"),
        (
            "topic_billing_questions",
            "topics/billing_questions.yaml",
            "Billing Questions",
        ),
        (
            "rules_transfers",
            "agent_settings/rules.txt",
            "## Transfers",
        ),
        (
            "step_book_appointment_offer_slot",
            "flows/book_appointment/steps/offer_slot.yaml",
            "Offer Slot",
        ),
        (
            "fn_transfer_to_billing",
            "functions/transfer_to_billing.py",
            "transfer_to_billing",
        ),
        (
            "ft_book_appointment_confirm_slot",
            "flows/book_appointment/functions/confirm_slot.py",
            "confirm_slot",
        ),
        (
            "missing_ho_billing_team",
            "topics/payment_plans.yaml",
            "billing_team",
        ),
    ];
    for (id, file, text) in cases {
        assert_eq!(at(id), (file.to_string(), text.to_string()), "{id}");
    }
    // Every node has a place in a file of the project.
    assert_eq!(nodes.len(), graph::build(&p, &d, &o).node_ids().len());
    for n in &nodes {
        assert!(
            !p.file(n.file).slice(n.span).is_empty(),
            "{} points at nothing",
            n.id
        );
    }
    let kinds = |id: &str| (node(id).kind, node(id).flagged, node(id).conflict);
    assert_eq!(
        kinds("missing_ho_billing_team"),
        ("unresolved", true, false)
    );
    assert_eq!(kinds("topic_billing_questions"), ("site", false, true));
    assert_eq!(kinds("fn_transfer_to_billing"), ("function", false, true));
    assert_eq!(kinds("ho_front_desk"), ("handoff", false, false));
    assert!(edges.iter().any(|e| e.from == "topic_billing_questions"
        && e.to == "fn_transfer_to_billing"
        && e.style == "conflict"
        && e.label.as_deref() == Some("conflict")));
    assert!(edges.iter().any(|e| e.from == "topic_payment_plans"
        && e.to == "missing_ho_billing_team"
        && e.style == "unresolved"));
}

/// A destination only a function knows: the run-time one points at the expression, the
/// hard-coded route at its literal, a missing handoff named in code at its name.
#[test]
fn code_destinations_point_into_the_function() {
    let mut files = files();
    files.push((
        "functions/route_out.py".into(),
        "def route_out(conv: Conversation, who: str):\n    conv.call_handoff(destination=\"nowhere_desk\")\n    conv.transfer_call(route=\"+15550001111\")\n    conv.call_handoff(destination=who.lower())\n".into(),
    ));
    let p = common::load(&files);
    let o = Options::default();
    let d = analysis::analyze(&p, &o);
    let (nodes, _) = graph::build(&p, &d, &o).view();
    let text = |id: &str| {
        let n = nodes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("{id} missing from {nodes:?}"));
        p.file(n.file).slice(n.span).to_string()
    };
    assert_eq!(text("missing_ho_nowhere_desk"), "\"nowhere_desk\"");
    assert_eq!(text("route_15550001111"), "\"+15550001111\"");
    assert_eq!(text("dynamic_route_out"), "who.lower()");
    assert_eq!(text("fn_route_out"), "route_out");
}
