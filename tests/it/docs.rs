//! `docs/rules.md` is generated from the rule registry; this fails when the checked-in copy is
//! stale.

use std::path::Path;
use std::process::Command;

#[test]
fn rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = switchboard::analysis::rule_docs::markdown_all();
    assert!(
        checked_in == generated,
        "docs/rules.md is stale: regenerate it with `cargo run -- rules --markdown > docs/rules.md`"
    );
}

#[test]
fn rules_markdown_flag_prints_the_reference() {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["rules", "--markdown"])
        .output()
        .expect("run switchboard");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, switchboard::analysis::rule_docs::markdown_all());
    assert!(text.starts_with("# switchboard rules\n"));
    assert!(text.contains("## SB201 unknown-handoff\n"));
    // Config keys as `switchboard.toml` spells them.
    assert!(text.contains("[integration]\nroute = false\n"));
    assert!(text.contains("[integration]\nsip_headers = false\n"));
    assert!(text.contains("[integration]\nmethod = \"refer\"\n"));
    assert!(!text.contains("routing = \"carrier\""));
}
