//! Tests of the IDE features over small in-memory projects: each feature asked at a position, its answer checked.

use super::*;
use crate::analysis::{Options, analyze_full};
use crate::project::load_files;
use std::path::Path;

const HANDOFFS: &str = "handoffs:
  - name: billing
    description: Billing disputes and refunds
    is_default: true
    sip_config:
      method: refer
      phone_number: \"+15551234567\"
    sip_headers:
      - key: X-Patient
        value: acct-$patient_id
  - name: Front Desk
    description: Reception
    is_default: false
    sip_config:
      method: invite
      phone_number: sip:desk@pbx.example.com
";

const LOOKUP: &str = "@func_description(\"Look up the record\")
def lookup_patient(conv: Conversation, dob: str):
    conv.state.patient_id = \"p-\" + dob
    conv.call_handoff(destination=\"billing\")
    return \"ok\"
";

const TOPIC: &str = "name: Appointments
enabled: true
example_queries:
  - I want to book
content: |
  A check-up costs $85.
actions: |
  Call {{fn:lookup_patient}} for $patient_id.
  Transfer with {{ho:Front Desk}} or {{ho:billing}}.
";

fn files() -> Vec<(String, String)> {
    vec![
        ("project.yaml".into(), "name: t\n".into()),
        ("config/handoffs.yaml".into(), HANDOFFS.into()),
        ("functions/lookup_patient.py".into(), LOOKUP.into()),
        ("topics/appointments.yaml".into(), TOPIC.into()),
        (
            "agent_settings/rules.txt".into(),
            "Use {{ho:billing}} for refunds.\n".into(),
        ),
    ]
}

fn setup(files: &[(String, String)]) -> (Project, Analysis) {
    let p = load_files(Path::new("/p"), files);
    let a = analyze_full(&p, &Options::default());
    (p, a)
}

fn at(p: &Project, rel: &str, needle: &str, delta: u32) -> (FileId, u32) {
    let f = file_by_rel(p, rel).unwrap();
    let o = p.file(f).text.find(needle).unwrap() as u32 + delta;
    (f, o)
}

fn show(p: &Project, l: &Loc) -> String {
    let f = p.file(l.file);
    format!("{}:{}", f.rel, f.slice(l.span))
}

#[test]
fn definition_and_references_of_a_handoff() {
    let (p, a) = setup(&files());
    let (f, o) = at(&p, "topics/appointments.yaml", "{{ho:billing}}", 6);
    let defs = definition(&p, &a, f, o);
    assert_eq!(defs.len(), 1);
    let hf = file_by_rel(&p, "config/handoffs.yaml").unwrap();
    assert_eq!(defs[0], Loc::new(hf, Span::new(20, 27)));
    let refs: Vec<String> = references(&p, &a, f, o, true)
        .iter()
        .map(|l| show(&p, l))
        .collect();
    assert_eq!(
        refs,
        vec![
            "agent_settings/rules.txt:billing",
            "config/handoffs.yaml:billing",
            "functions/lookup_patient.py:billing",
            "topics/appointments.yaml:billing",
        ]
    );
}

#[test]
fn variable_definition_goes_to_writes() {
    let (p, a) = setup(&files());
    let (f, o) = at(&p, "config/handoffs.yaml", "$patient_id", 2);
    let defs = definition(&p, &a, f, o);
    assert_eq!(defs.len(), 1);
    assert_eq!(show(&p, &defs[0]), "functions/lookup_patient.py:patient_id");
}

#[test]
fn hover_summarises_a_handoff() {
    let (p, a) = setup(&files());
    let (f, o) = at(&p, "agent_settings/rules.txt", "billing", 0);
    let (span, text) = hover(&p, &a, f, o).unwrap();
    assert_eq!(span, Span::new(4, 18));
    assert!(text.contains("- method: `refer`"), "{text}");
    assert!(text.contains("- route: `+15551234567`"), "{text}");
    assert!(
        text.contains("- header `X-Patient`: `acct-$patient_id`"),
        "{text}"
    );
    assert!(text.contains("- default: yes"), "{text}");
    assert!(text.contains("Billing disputes and refunds"), "{text}");
    assert!(text.ends_with("3 uses"), "{text}");
}

#[test]
fn completion_after_ho_lists_handoffs_and_closes() {
    let mut fs = files();
    fs[4].1 = "Use {{ho:bi for refunds.\n".into();
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "agent_settings/rules.txt", "{{ho:bi", 7);
    let items = completions(&p, &a, f, o);
    let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["Front Desk", "billing"]);
    let b = &items[1];
    assert_eq!(b.insert, "billing}}");
    assert_eq!(b.replace, Span::new(9, 11));
    assert_eq!(b.detail.as_deref(), Some("refer +15551234567"));
    assert_eq!(
        b.documentation.as_deref(),
        Some("Billing disputes and refunds")
    );
}

#[test]
fn completion_of_kinds_respects_the_field() {
    let mut fs = files();
    fs.push(("agent_settings/persona.txt".into(), "Hi {{\n".into()));
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "agent_settings/persona.txt", "{{", 2);
    let labels: Vec<String> = completions(&p, &a, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(labels, vec!["attr:", "vrbl:"]);
}

#[test]
fn completion_in_python_destination() {
    let mut fs = files();
    fs[2].1 = LOOKUP.replace("destination=\"billing\"", "destination=\"");
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "functions/lookup_patient.py", "destination=\"", 13);
    let labels: Vec<String> = completions(&p, &a, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(labels, vec!["Front Desk", "billing"]);
}

#[test]
fn completion_of_handoff_method_values() {
    let mut fs = files();
    fs[1].1 = HANDOFFS.replace("method: invite", "method: ");
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "config/handoffs.yaml", "method: \n", 8);
    let labels: Vec<String> = completions(&p, &a, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(labels, vec!["invite", "refer", "bye"]);
}

#[test]
fn rename_handoff_everywhere_and_refuse_bad_names() {
    let (p, a) = setup(&files());
    let (f, o) = at(&p, "agent_settings/rules.txt", "billing", 1);
    assert_eq!(
        prepare_rename(&p, &a, f, o).unwrap(),
        (Span::new(9, 16), "billing".into())
    );
    let plan = rename(&p, &a, f, o, "accounts").unwrap();
    assert_eq!(plan.edits.len(), 4);
    let after = rename::apply_plan(&p, &plan);
    let (q, b) = setup(&after);
    assert!(q.files.iter().any(|f| f.text.contains("{{ho:accounts}}")));
    assert!(
        q.files
            .iter()
            .any(|f| f.text.contains("destination=\"accounts\""))
    );
    assert_eq!(
        b.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .count(),
        a.diagnostics
            .iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .count()
    );
    assert!(rename(&p, &a, f, o, "bad}}name").is_err());
    assert!(
        rename(&p, &a, f, o, "Front Desk")
            .unwrap_err()
            .contains("already exists")
    );
}

#[test]
fn rename_function_renames_its_file() {
    let (p, a) = setup(&files());
    let (f, o) = at(&p, "topics/appointments.yaml", "lookup_patient", 0);
    let plan = rename(&p, &a, f, o, "find_patient").unwrap();
    let pf = file_by_rel(&p, "functions/lookup_patient.py").unwrap();
    assert_eq!(
        plan.file_renames,
        vec![(pf, "functions/find_patient.py".to_string())]
    );
    let after = rename::apply_plan(&p, &plan);
    assert!(
        after
            .iter()
            .any(|(r, t)| r == "functions/find_patient.py" && t.contains("def find_patient("))
    );
    assert!(rename(&p, &a, f, o, "2bad").is_err());
}

#[test]
fn rename_variable_in_code_text_and_headers() {
    let (p, a) = setup(&files());
    let (f, o) = at(&p, "topics/appointments.yaml", "$patient_id", 3);
    let plan = rename(&p, &a, f, o, "record_id").unwrap();
    let after = rename::apply_plan(&p, &plan);
    let all: String = after.iter().map(|(_, t)| t.as_str()).collect();
    assert!(all.contains("conv.state.record_id = "));
    assert!(all.contains("acct-$record_id"));
    assert!(all.contains("for $record_id."));
    assert!(!all.contains("patient_id"));
}

#[test]
fn unknown_handoff_offers_create_and_fix() {
    let mut fs = files();
    fs[4].1 = "Use {{ho:biling}} for refunds.\n".into();
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "agent_settings/rules.txt", "biling", 0);
    let actions = code_actions(&p, &a, f, Span::new(o, o));
    let titles: Vec<&str> = actions.iter().map(|x| x.title.as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("billing")), "{titles:?}");
    let create = actions
        .iter()
        .find(|x| x.title.starts_with("Create handoff `biling`"))
        .unwrap();
    let hf = file_by_rel(&p, "config/handoffs.yaml").unwrap();
    let text = apply_edits(&p.file(hf).text, &create.edits.iter().collect::<Vec<_>>());
    assert!(text.ends_with("  - name: biling\n    description: TODO when to transfer to biling\n    is_default: false\n    sip_config:\n      method: refer\n      phone_number: ''\n"), "{text}");
}

#[test]
fn tokens_and_inlay_hints() {
    let (p, a) = setup(&files());
    let f = file_by_rel(&p, "agent_settings/rules.txt").unwrap();
    let toks = semantic_tokens(&p, &a, f);
    assert_eq!(
        toks,
        vec![Token {
            span: Span::new(4, 18),
            kind: SymbolKind::Handoff,
            resolved: true
        }]
    );
    let hints = inlay_hints(&p, &a, f, Span::new(0, 100));
    assert_eq!(hints, vec![(18, "→ +15551234567 (refer)".to_string())]);
}

fn flow_files() -> Vec<(String, String)> {
    let mut fs = files();
    fs.extend([
        (
            "flows/book/flow_config.yaml".to_string(),
            "name: Book\ndescription: Books\nstart_step: Ask Date\n".to_string(),
        ),
        (
            "flows/book/steps/ask_date.yaml".to_string(),
            "step_type: advanced_step\nname: Ask Date\nprompt: |-\n  Ask, then call {{ft:confirm}}.\n".to_string(),
        ),
        (
            "flows/book/functions/confirm.py".to_string(),
            "def confirm(conv: Conversation, flow: Flow):\n    flow.goto_step(\"Ask Date\")\n".to_string(),
        ),
        (
            "flows/other/functions/elsewhere.py".to_string(),
            "def elsewhere(conv: Conversation, flow: Flow):\n    return\n".to_string(),
        ),
    ]);
    fs
}

#[test]
fn step_names_resolve_from_start_step_and_goto_step() {
    let (p, a) = setup(&flow_files());
    let step_file = file_by_rel(&p, "flows/book/steps/ask_date.yaml").unwrap();
    let (f, o) = at(&p, "flows/book/flow_config.yaml", "Ask Date", 1);
    let d = definition(&p, &a, f, o);
    assert_eq!(d, vec![Loc::new(step_file, Span::new(31, 39))]);
    let (f, o) = at(&p, "flows/book/functions/confirm.py", "Ask Date", 0);
    assert_eq!(
        definition(&p, &a, f, o),
        vec![Loc::new(step_file, Span::new(31, 39))]
    );
    let refs: Vec<String> = references(&p, &a, f, o, false)
        .iter()
        .map(|l| show(&p, l))
        .collect();
    assert_eq!(
        refs,
        vec![
            "flows/book/flow_config.yaml:Ask Date",
            "flows/book/functions/confirm.py:Ask Date"
        ]
    );
    // Renaming the step rewrites the YAML name, start_step and the Python literal.
    let plan = rename(&p, &a, f, o, "Pick Date").unwrap();
    assert_eq!(plan.edits.len(), 3);
    assert_eq!(
        plan.file_renames,
        vec![(step_file, "flows/book/steps/pick_date.yaml".to_string())]
    );
}

#[test]
fn flow_function_completion_is_limited_to_the_flow() {
    let mut fs = flow_files();
    let i = fs
        .iter()
        .position(|(r, _)| r == "flows/book/steps/ask_date.yaml")
        .unwrap();
    fs[i].1 =
        "step_type: advanced_step\nname: Ask Date\nprompt: |-\n  Ask, then call {{ft:\n".into();
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "flows/book/steps/ask_date.yaml", "{{ft:", 5);
    let items = completions(&p, &a, f, o);
    let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["confirm"]);
    assert_eq!(items[0].insert, "confirm}}");
    assert_eq!(items[0].replace, Span::new(o, o));
}

#[test]
fn goto_step_completion_lists_the_flow_steps() {
    let mut fs = flow_files();
    let i = fs
        .iter()
        .position(|(r, _)| r == "flows/book/functions/confirm.py")
        .unwrap();
    fs[i].1 = "def confirm(conv: Conversation, flow: Flow):\n    flow.goto_step(\"As\n".into();
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "flows/book/functions/confirm.py", "(\"As", 4);
    let items = completions(&p, &a, f, o);
    let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["Ask Date"]);
    assert_eq!(items[0].replace, Span::new(o - 2, o));
}

#[test]
fn dollar_completion_in_a_sip_header_value() {
    let mut fs = files();
    fs[1].1 = HANDOFFS.replace("acct-$patient_id", "acct-$pa");
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "config/handoffs.yaml", "acct-$pa", 8);
    let items = completions(&p, &a, f, o);
    let labels: Vec<&str> = items.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["caller_id", "patient_id"]);
    assert_eq!(items[1].replace, Span::new(o - 2, o));
    assert_eq!(items[1].insert, "patient_id");
}

#[test]
fn handoff_keys_by_nesting() {
    let mut fs = files();
    fs[1].1 = HANDOFFS.replace(
        "      method: invite\n",
        "      method: invite\n      out\n",
    );
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "config/handoffs.yaml", "      out\n", 9);
    let labels: Vec<String> = completions(&p, &a, f, o)
        .into_iter()
        .map(|c| c.label)
        .collect();
    assert_eq!(
        labels,
        vec![
            "method",
            "phone_number",
            "outbound_endpoint",
            "outbound_encryption"
        ]
    );
}

#[test]
fn rename_refuses_what_would_add_errors_or_cannot_be_rewritten() {
    // A computed destination cannot be renamed in place.
    let mut fs = files();
    fs[2].1 = LOOKUP.replace("destination=\"billing\"", "destination=\"bill\" \"ing\"");
    let (p, a) = setup(&fs);
    let (f, o) = at(&p, "agent_settings/rules.txt", "billing", 1);
    let e = rename(&p, &a, f, o, "accounts").unwrap_err();
    assert!(e.contains("not a plain literal"), "{e}");
}
