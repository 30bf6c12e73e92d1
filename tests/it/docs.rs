//! `docs/rules.md` is generated from the rule registry; this fails when the checked-in copy is
//! stale, when a rule's documentation is missing a part, when its example does not make it fire
//! or when its `clean` twin does.

use std::path::Path;
use std::process::Command;

#[test]
fn rules_md_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = switchboard::diagnostics::pages::markdown_all();
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
    assert_eq!(text, switchboard::diagnostics::pages::markdown_all());
    assert!(text.starts_with("# switchboard rules\n"));
    assert!(text.contains("## SB201 unknown-handoff\n"));
    // Config keys as `switchboard.toml` spells them.
    assert!(text.contains("[integration]\nroute = false\n"));
    assert!(text.contains("[integration]\nsip_headers = false\n"));
    assert!(text.contains("[integration]\nmethod = \"refer\"\n"));
    assert!(!text.contains("routing = \"carrier\""));
}

/// A rule whose example cannot be written as project files.
struct NotAsText {
    code: &'static str,
    why: &'static str,
    /// The existing tests that cover the rule instead: (file, test function).
    covered_by: &'static [(&'static str, &'static str)],
}

const NOT_AS_TEXT: &[NotAsText] = &[NotAsText {
    code: "SB003",
    why: "an unreadable file is a state of the file system (permissions, a file vanishing while \
          read), not a text; the example is a terminal listing",
    covered_by: &[
        ("tests/reading.rs", "sb003_directory_named_like_a_file"),
        (
            "tests/pathological.rs",
            "a_file_deleted_between_discovery_and_read",
        ),
    ],
}];

/// The sources of the test files named in [`NOT_AS_TEXT`].
const TEST_SOURCES: &[(&str, &str)] = &[
    ("tests/reading.rs", include_str!("reading.rs")),
    ("tests/pathological.rs", include_str!("pathological.rs")),
];

/// Rules whose example is written to disk as Latin-1 bytes (`load_files` takes text, and the
/// example is a file saved as Windows-1252, as its `what` says).
const AS_LATIN1: &[&str] = &["SB002"];

/// An example's (or clean twin's) files, each without its `# path` header line.
fn project_files(example: &str) -> Vec<(String, String)> {
    switchboard::diagnostics::pages::example_files(example)
        .into_iter()
        .map(|f| {
            let body = f.text.split_once('\n').map_or("", |(_, rest)| rest);
            (f.path.to_string(), format!("{body}\n"))
        })
        .collect()
}

/// The codes the analysis reports on `files`, loaded in memory.
fn codes_in_memory(files: &[(String, String)]) -> Vec<&'static str> {
    let p = switchboard::project::load_files(Path::new("/project"), files);
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    diags.iter().map(|d| d.code.as_str()).collect()
}

/// The codes the analysis reports on `files` written to a temporary folder as Latin-1 bytes.
fn codes_on_disk_latin1(code: &str, files: &[(String, String)]) -> Vec<&'static str> {
    let root = std::env::temp_dir().join(format!("switchboard-docs-{}-{code}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (rel, text) in files {
        let bytes: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 letter"))
            .collect();
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let p = switchboard::project::load(&root);
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    let codes = diags.iter().map(|d| d.code.as_str()).collect();
    let _ = std::fs::remove_dir_all(&root);
    codes
}

/// Every rule is documented in full, its example makes it fire and its `clean` twin (the example
/// after the fix) does not.
#[test]
fn every_rule_has_docs_an_example_that_fires_and_a_clean_twin_that_does_not() {
    let mut failures = Vec::new();
    for rule in switchboard::diagnostics::RULES {
        let code = rule.code.as_str();
        let d = &rule.doc;
        for (field, text) in [
            ("name", rule.name),
            ("summary", rule.summary),
            ("what", d.what),
            ("why", d.why),
            ("example", d.example),
            ("fix", d.fix),
            ("clean", d.clean),
        ] {
            if text.trim().is_empty() {
                failures.push(format!("{code}: `{field}` is empty"));
            }
        }
        if d.clean == d.example && !AS_LATIN1.contains(&code) {
            failures.push(format!("{code}: `clean` is the example unchanged"));
        }
        if let Some(not) = NOT_AS_TEXT.iter().find(|n| n.code == code) {
            assert!(!not.why.is_empty());
            for (file, name) in not.covered_by {
                let source = TEST_SOURCES
                    .iter()
                    .find(|(f, _)| f == file)
                    .map_or("", |(_, s)| s);
                if !source.contains(&format!("fn {name}()")) {
                    failures.push(format!("{code}: covering test {file} {name} not found"));
                }
            }
            continue;
        }
        let example = project_files(d.example);
        let fired = if AS_LATIN1.contains(&code) {
            codes_on_disk_latin1(code, &example)
        } else {
            codes_in_memory(&example)
        };
        if !fired.contains(&code) {
            failures.push(format!(
                "{code}: the example does not fire it (found {fired:?})"
            ));
        }
        let clean = codes_in_memory(&project_files(d.clean));
        if clean.contains(&code) {
            failures.push(format!("{code}: the clean twin fires it (found {clean:?})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `docs/official-validator.md` names switchboard rules by code; every code it names exists.
#[test]
fn official_validator_table_names_existing_rules() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/official-validator.md");
    let text = std::fs::read_to_string(&path).expect("docs/official-validator.md");
    let mut named = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices("SB") {
        let digits = &bytes[i + 2..(i + 5).min(bytes.len())];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let after_ok = bytes.get(i + 5).is_none_or(|b| !b.is_ascii_alphanumeric());
        if digits.len() == 3 && digits.iter().all(u8::is_ascii_digit) && before_ok && after_ok {
            let code = &text[i..i + 5];
            named += 1;
            assert!(
                switchboard::diagnostics::Code::lookup(code).is_some(),
                "docs/official-validator.md names {code}, which is no rule"
            );
        }
    }
    assert!(named > 50, "the table names only {named} rule codes");
}
