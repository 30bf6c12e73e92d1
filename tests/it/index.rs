//! The symbol index: definitions, uses and their resolution across YAML, text and Python.

use crate::common::*;
use switchboard::analysis::index::{Site, SymbolKind};
use switchboard::analysis::{Options, analyze_full};

fn pos(
    p: &switchboard::model::Project,
    file: switchboard::source::FileId,
    span: switchboard::source::Span,
) -> (String, u32, u32) {
    let f = p.file(file);
    let (l, c) = f.line_col(span.start);
    (f.rel.clone(), l + 1, c + 1)
}

#[test]
fn handoff_uses_from_text_and_code_resolve_to_the_definition() {
    let code = "from _gen import *\n\n@func_description(\"T\")\ndef transfer(conv: Conversation):\n    conv.call_handoff(destination=\"billing\")\n";
    let files = project(&[("functions/transfer.py", code)]);
    let p = load(&files);
    let a = analyze_full(&p, &Options::default());
    let ix = &a.index;
    let billing = ix
        .lookup(SymbolKind::Handoff, None, "billing")
        .expect("billing defined");
    assert_eq!(ix.defs[billing].id, "ho:billing");
    assert_eq!(
        pos(&p, ix.defs[billing].file, ix.defs[billing].span),
        ("config/handoffs.yaml".into(), 2, 11)
    );
    let uses: Vec<(String, u32, u32, Site, bool)> = ix
        .uses_of(billing)
        .map(|u| {
            let (f, l, c) = pos(&p, u.file, u.name_span);
            (f, l, c, u.site, u.renamable)
        })
        .collect();
    assert_eq!(
        uses,
        vec![
            (
                "agent_settings/rules.txt".into(),
                2,
                22,
                Site::Text(0),
                true
            ),
            (
                "functions/transfer.py".into(),
                5,
                36,
                Site::Destination,
                true
            ),
        ]
    );
    // The cursor anywhere on `{{ho:billing}}` finds the use.
    let rules = p
        .files
        .iter()
        .find(|f| f.rel == "agent_settings/rules.txt")
        .unwrap();
    let at = rules.text.find("{{ho:billing}}").unwrap() as u32;
    let u = ix.use_at(rules.id, at + 3).expect("use at cursor");
    assert_eq!(ix.uses[u].def, Some(billing));
    assert_eq!(ix.use_at(rules.id, 0), None);
}

#[test]
fn variables_steps_and_unresolved_uses() {
    let p = load(&base());
    let a = analyze_full(&p, &Options::default());
    let ix = &a.index;
    let v = ix
        .lookup(SymbolKind::Variable, None, "patient_id")
        .expect("written in code");
    assert_eq!(ix.defs[v].writes.len(), 1);
    assert_eq!(
        pos(&p, ix.defs[v].file, ix.defs[v].span),
        ("functions/lookup_patient.py".into(), 11, 16)
    );
    // `acct-$patient_id` in a header value is a use of the variable.
    let header_use = ix
        .uses_of(v)
        .find(|u| p.file(u.file).rel == "config/handoffs.yaml")
        .expect("header use");
    assert_eq!(
        pos(&p, header_use.file, header_use.name_span),
        ("config/handoffs.yaml".into(), 12, 22)
    );
    // `$caller_id` is built in: a use with no definition.
    assert!(
        ix.uses
            .iter()
            .any(|u| u.name == "caller_id" && u.def.is_none())
    );
}
