//! SB209 / SB210: unknown reference kinds and malformed references, which the official tools
//! silently ignore. Exact positions, messages and fixes; and the forms that must stay quiet.

use crate::common::*;

fn actions(lines: &str) -> Vec<(String, String)> {
    let text = format!(
        "name: Mal\nenabled: true\nactions: |\n  {}\n",
        lines.replace('\n', "\n  ")
    );
    project(&[("topics/mal.yaml", &text)])
}

fn hits(files: &[(String, String)], code: &str) -> Vec<(u32, u32, String, Vec<String>)> {
    diagnose(files)
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| (f.line, f.col, f.message, f.fixes))
        .collect()
}

#[test]
fn sb209_unknown_kind_with_did_you_mean() {
    let files = actions("A {{foo:x}} B {{FN:lookup_patient}} C {{hoo:billing}}");
    assert_eq!(
        hits(&files, "SB209"),
        vec![
            (4, 5, "unknown reference kind `foo`; kinds are fn, ft, ho, attr, vrbl, twilio_sms, entity, tn".into(), vec![]),
            (4, 17, "unknown reference kind `FN`; did you mean `fn` (global function)?".into(), vec!["fn".into()]),
            (4, 41, "unknown reference kind `hoo`; did you mean `ho` (handoff)?".into(), vec!["ho".into()]),
        ]
    );
    silent(
        &actions("A {{fn:lookup_patient}} B {{ho:billing}}"),
        "SB209",
    );
}

#[test]
fn sb210_malformed_references() {
    let files = actions(
        "C {{ho:x\nD {{ho:}} E {{ ho : billing }} F {{ho:billing} G {{customer_name}} H <<fn:lookup_patient>>",
    );
    assert_eq!(
        hits(&files, "SB210"),
        vec![
            (4, 5, "unclosed reference `{{ho:x`: add `}}` after the name".into(), vec!["}}".into()]),
            (5, 5, "empty handoff name: write `{{ho:name}}`".into(), vec![]),
            (5, 15, "spaces inside a reference: write `{{ho:billing}}`".into(), vec!["{{ho:billing}}".into()]),
            (5, 36, "reference closed by a single `}`: write `{{ho:billing}}`".into(), vec!["}".into()]),
            (
                5,
                52,
                "reference `{{customer_name}}` has no kind: write `{{kind:customer_name}}`, e.g. `{{vrbl:customer_name}}` for a state variable".into(),
                vec![],
            ),
            (
                5,
                72,
                "`<<fn:...>>` is not a reference: only handoffs have the angle form; write `{{fn:lookup_patient}}`".into(),
                vec!["{{fn:lookup_patient}}".into()],
            ),
        ]
    );
    // The spaced and single-brace forms still resolve their (valid) handoff: no SB201.
    silent(&files, "SB201");
}

#[test]
fn sb210_quiet_forms() {
    // Python-style escapes, JSON, prose with `<<`, a dict-like `{{key: value}}`, prices.
    let files = actions(
        "Say {{}} or {{ }} or ${{name}}; JSON {\"a\": {\"b\": 1}}; << back; {{key: value}}; $1.50 and $",
    );
    silent(&files, "SB210");
    silent(&files, "SB209");
}
