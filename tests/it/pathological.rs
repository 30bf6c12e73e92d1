//! Pathological inputs: each is loaded and analysed to the end, and the test asserts what is
//! reported. (Time and memory of each case, measured with the release binary, are in
//! ROBUSTNESS.md; a hang shows up here as a test that never ends.)

use crate::common::*;
use std::path::{Path, PathBuf};
use switchboard::analysis::MAX_PER_FILE_AND_RULE;
use switchboard::project::{self, Discovered, FileKind};
use switchboard::source::FileId;

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-path-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn disk_project(name: &str) -> PathBuf {
    let root = tempdir(name);
    for (rel, text) in base() {
        write(&root, &rel, text.as_bytes());
    }
    root
}

fn check_disk(root: &Path) -> Vec<Found> {
    let p = project::load(root);
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    diags.iter().map(|d| found(&p, d)).collect()
}

fn codes_in<'a>(all: &'a [Found], file: &str) -> Vec<&'a str> {
    all.iter()
        .filter(|f| f.file == file)
        .map(|f| f.code)
        .collect()
}

/// The findings of the base project must all still be there (a broken file hides nothing).
#[track_caller]
fn base_findings_survive(all: &[Found], broken: &str) {
    let base: Vec<Found> = diagnose(&base());
    for f in &base {
        assert!(all.contains(f), "lost {f:?} because of {broken}");
    }
}

#[test]
fn yaml_alias_bomb_is_reported_not_expanded() {
    // Nine levels of nine aliases each: 9^9 nodes if expanded.
    let mut bomb =
        String::from("name: Bomb\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "x{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let files = project(&[("topics/bomb.yaml", &bomb)]);
    let all = diagnose(&files);
    let sb009: Vec<&Found> = all.iter().filter(|f| f.code == "SB009").collect();
    assert_eq!(sb009.len(), 1, "{all:#?}");
    assert_eq!(sb009[0].file, "topics/bomb.yaml");
    assert!(
        sb009[0]
            .message
            .starts_with("aliases would expand this document by more than 100000 nodes"),
        "{}",
        sb009[0].message
    );
    base_findings_survive(&all, "an alias bomb");
}

#[test]
fn ten_thousand_deep_yaml_flow_and_block_nesting() {
    let n = 10_000;
    let flow_seq = format!("name: Deep\nactions: {}x{}\n", "[".repeat(n), "]".repeat(n));
    let flow_map = format!(
        "name: Deep\nactions: {}x{}\n",
        "{a: ".repeat(n),
        "}".repeat(n)
    );
    let block_seq = format!("name: Deep\nactions:\n  {}x\n", "- ".repeat(n));
    // Block mappings, one more space per level (50 MB at 10,000 levels: 1,000 levels here).
    let mut block_map = String::from("name: Deep\nactions:\n");
    for i in 0..1_000 {
        block_map.push_str(&" ".repeat(i + 1));
        block_map.push_str("k:\n");
    }
    for (what, text) in [
        ("flow sequences", &flow_seq),
        ("flow mappings", &flow_map),
        ("block sequences", &block_seq),
        ("block mappings", &block_map),
    ] {
        let all = diagnose(&project(&[("topics/deep.yaml", text)]));
        let deep: Vec<&Found> = all
            .iter()
            .filter(|f| f.file == "topics/deep.yaml" && f.code == "SB009")
            .collect();
        assert!(!deep.is_empty(), "{what}: {all:#?}");
        for d in &deep {
            assert!(d.message.contains("nest"), "{what}: {}", d.message);
        }
        base_findings_survive(&all, what);
    }
}

#[test]
fn ten_thousand_deep_python_brackets() {
    let n = 10_000;
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
        let src = format!(
            "def f(conv: Conversation):\n    x = {}1{}\n    return x\n",
            open.repeat(n),
            close.repeat(n)
        );
        let all = diagnose(&project(&[("functions/deep.py", &src)]));
        let sb007: Vec<&Found> = all
            .iter()
            .filter(|f| f.file == "functions/deep.py" && f.code == "SB007")
            .collect();
        assert_eq!(sb007.len(), 1, "{open}: {all:#?}");
        assert_eq!(
            sb007[0].message, "Python syntax error: too deeply nested to analyse",
            "{open}"
        );
        assert_eq!(sb007[0].line, 2, "{open}");
        base_findings_survive(&all, "deep Python");
        // Unclosed: the parser's own errors, still no crash.
        let unclosed = format!("x = {}\n", open.repeat(n));
        let all = diagnose(&project(&[("functions/deep.py", &unclosed)]));
        assert!(
            codes_in(&all, "functions/deep.py").contains(&"SB007"),
            "{all:#?}"
        );
    }
}

#[test]
fn ten_megabyte_single_line() {
    let n = 10_000_000;
    // A text file (what an editor buffer holds): one broken reference at the very end.
    let mut rules = "x".repeat(n);
    rules.push_str(" {{ho:nowhere}}");
    let all = diagnose(&project(&[("agent_settings/rules.txt", &rules)]));
    let f = all
        .iter()
        .find(|f| f.file == "agent_settings/rules.txt")
        .expect("a finding in rules.txt");
    // The finding marks the name: column n + 1 (space) + 5 (`{{ho:`) + 1.
    assert_eq!((f.code, f.line, f.col), ("SB201", 1, n as u32 + 7), "{f:?}");
    // A YAML file under the YAML size limit: a plain scalar 10 MB long.
    let topic = format!("name: Long\nactions: {}{{{{ho:nowhere}}}}\n", "y".repeat(n));
    let all = diagnose(&project(&[("topics/long.yaml", &topic)]));
    let f = all
        .iter()
        .find(|f| f.file == "topics/long.yaml" && f.code == "SB201")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!((f.line, f.col), (2, 15 + n as u32), "{f:?}");
    // On disk, over the 8 MiB file limit: skipped with SB009, the rest checked.
    let root = disk_project("long-line");
    write(&root, "agent_settings/rules.txt", rules.as_bytes());
    let all = check_disk(&root);
    assert_eq!(codes_in(&all, "agent_settings/rules.txt"), ["SB009"]);
    let p = project::load(&root);
    assert_eq!(p.files.len(), 5);
    assert!(
        p.texts
            .iter()
            .any(|t| p.file(t.file).rel == "topics/appointments.yaml" && !t.refs.is_empty())
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_million_references_in_one_file_are_capped_per_rule() {
    let rules = "$nope ".repeat(1_000_000);
    let p = load(&project(&[("agent_settings/rules.txt", &rules)]));
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    let hits: Vec<Found> = diags
        .iter()
        .map(|d| found(&p, d))
        .filter(|f| f.file == "agent_settings/rules.txt")
        .collect();
    assert_eq!(hits.len(), MAX_PER_FILE_AND_RULE);
    assert!(hits.iter().all(|f| f.code == "SB205"));
    // The first ones, in order (the finding marks the name), and the summary on the last one.
    assert_eq!((hits[0].line, hits[0].col), (1, 2));
    assert_eq!((hits[1].line, hits[1].col), (1, 8));
    let last = diags.iter().rfind(|d| d.code.as_str() == "SB205").unwrap();
    assert_eq!(
        last.notes,
        [format!(
            "… and {} more SB205 in this file",
            1_000_000 - MAX_PER_FILE_AND_RULE
        )]
    );
    // A million fine references: nothing to report.
    let fine = "{{ho:billing}} ".repeat(1_000_000);
    let all = diagnose(&project(&[("agent_settings/rules.txt", &fine)]));
    assert!(
        codes_in(&all, "agent_settings/rules.txt").is_empty(),
        "{:?}",
        &all[..all.len().min(3)]
    );
}

#[test]
fn a_file_of_nul_bytes() {
    let nuls = "\0".repeat(1 << 20);
    for rel in [
        "topics/nul.yaml",
        "functions/nul.py",
        "agent_settings/rules.txt",
    ] {
        let all = diagnose(&project(&[(rel, &nuls)]));
        let mine: Vec<&Found> = all.iter().filter(|f| f.file == rel).collect();
        assert_eq!(mine.len(), 1, "{rel}: {mine:#?}");
        assert_eq!(
            (
                mine[0].code,
                mine[0].line,
                mine[0].col,
                mine[0].message.as_str()
            ),
            (
                "SB002",
                1,
                1,
                "file contains a NUL byte: it is binary, not text; skipped"
            )
        );
    }
}

#[test]
fn invalid_utf8_in_the_middle_of_a_reference() {
    let root = disk_project("bad-utf8");
    let mut bytes = b"name: Appointments\nactions: |\n  call {{ho:bil".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xff\xfeling}} now\n");
    write(&root, "topics/appointments.yaml", &bytes);
    let all = check_disk(&root);
    let mine: Vec<&Found> = all
        .iter()
        .filter(|f| f.file == "topics/appointments.yaml")
        .collect();
    assert_eq!(mine.len(), 1, "{mine:#?}");
    assert_eq!(mine[0].code, "SB002");
    assert_eq!(
        mine[0].message,
        format!("file is not valid UTF-8 (invalid byte at offset {at}): skipped")
    );
    // The rest of the project is still checked: rules.txt's reference still resolves, and
    // handoffs only used from the skipped topic are now unused.
    assert!(
        all.iter().any(|f| f.file == "config/handoffs.yaml"),
        "{all:#?}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn crlf_and_lone_cr_line_endings_keep_positions() {
    let lf = "name: Appointments\nactions: |\n  first line\n  call {{ho:nowhere}} now\n";
    let expect = |text: &str| {
        fires(
            &project(&[("topics/appointments.yaml", text)]),
            "SB201",
            "topics/appointments.yaml",
            4,
            13,
            "unknown handoff `nowhere`",
        )
    };
    let a = expect(lf);
    let b = expect(&lf.replace('\n', "\r\n"));
    // A lone CR ends a line too.
    let rules = "## Billing\rfirst\r  see {{ho:nowhere}}\r";
    let all = diagnose(&project(&[("agent_settings/rules.txt", rules)]));
    let f = all
        .iter()
        .find(|f| f.file == "agent_settings/rules.txt" && f.code == "SB201")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!((f.line, f.col, f.end_line, f.end_col), (3, 12, 3, 19));
    assert_eq!((a.end_line, a.end_col), (b.end_line, b.end_col));
    assert_eq!((a.end_line, a.end_col), (4, 20));
}

#[test]
fn a_byte_order_mark_is_not_content() {
    let topic = "\u{FEFF}name: Appointments\nactions: |\n  call {{ho:nowhere}} now\n";
    let files = project(&[("topics/appointments.yaml", topic)]);
    let all = diagnose(&files);
    let mine: Vec<&Found> = all
        .iter()
        .filter(|f| f.file == "topics/appointments.yaml")
        .collect();
    // The BOM does not turn `name` into an unknown field; the reference is where it is.
    assert!(
        mine.iter().all(|f| f.code != "SB008" && f.code != "SB001"),
        "{mine:#?}"
    );
    fires(
        &files,
        "SB201",
        "topics/appointments.yaml",
        3,
        13,
        "unknown handoff `nowhere`",
    );
    let rules = "\u{FEFF}## Billing\nsee {{ho:nowhere}}\n";
    fires(
        &project(&[("agent_settings/rules.txt", rules)]),
        "SB201",
        "agent_settings/rules.txt",
        2,
        10,
        "unknown handoff `nowhere`",
    );
    let py = format!("\u{FEFF}{LOOKUP_PY}");
    let all = diagnose(&project(&[("functions/lookup_patient.py", &py)]));
    assert!(
        !codes_in(&all, "functions/lookup_patient.py").contains(&"SB007"),
        "{all:#?}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_of_every_shape() {
    use std::os::unix::fs::symlink;
    let root = disk_project("loops");
    // A directory loop inside a walked folder, a link to the root, a self-loop and a two-link
    // cycle named like project files, and a dangling link.
    std::fs::create_dir_all(root.join("flows/f/steps")).unwrap();
    symlink(root.join("flows"), root.join("flows/f/steps/back")).unwrap();
    symlink(&root, root.join("flows/root")).unwrap();
    symlink(root.join("topics/self.yaml"), root.join("topics/self.yaml")).unwrap();
    symlink(root.join("topics/b.yaml"), root.join("topics/a.yaml")).unwrap();
    symlink(root.join("topics/a.yaml"), root.join("topics/b.yaml")).unwrap();
    symlink(root.join("nowhere.yaml"), root.join("topics/dangling.yaml")).unwrap();
    let all = check_disk(&root);
    assert!(
        all.iter().all(|f| !f.file.contains("self")
            && !f.file.contains("a.yaml")
            && !f.file.contains("b.yaml")
            && !f.file.contains("dangling")
            && !f.file.contains("back")
            && !f.file.starts_with("flows/root")),
        "{all:#?}"
    );
    let files: Vec<String> = project::discover(&root)
        .into_iter()
        .map(|d| d.rel)
        .collect();
    assert_eq!(
        files,
        [
            "agent_settings/rules.txt",
            "config/handoffs.yaml",
            "functions/lookup_patient.py",
            "project.yaml",
            "topics/appointments.yaml"
        ]
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_project_of_100_000_empty_files() {
    let root = disk_project("many");
    // Relevant files (empty topics) and irrelevant ones that must never be walked into.
    for i in 0..50_000 {
        let dir = if i % 2 == 0 { "topics" } else { "docs/notes" };
        std::fs::create_dir_all(root.join(dir)).unwrap();
        std::fs::write(root.join(format!("{dir}/t{i:05}.yaml")), b"").unwrap();
    }
    for i in 0..50_000 {
        let dir = format!("node_modules/pkg{}", i % 100);
        if i < 100 {
            std::fs::create_dir_all(root.join(&dir)).unwrap();
        }
        std::fs::write(root.join(format!("{dir}/f{i}.py")), b"").unwrap();
    }
    let found = project::discover(&root);
    assert_eq!(found.len(), 5 + 25_000);
    assert!(
        found
            .iter()
            .all(|d| !d.rel.starts_with("docs") && !d.rel.starts_with("node_modules"))
    );
    // Empty topics hold nothing to check; the project's own findings are all still there.
    let all = check_disk(&root);
    assert!(
        all.iter().all(|f| !f.file.starts_with("topics/t")),
        "{:?}",
        &all[..all.len().min(3)]
    );
    let expected: Vec<(&str, String, u32, u32)> = diagnose(&base())
        .iter()
        .map(|f| (f.code, f.file.clone(), f.line, f.col))
        .collect();
    let got: Vec<(&str, String, u32, u32)> = all
        .iter()
        .map(|f| (f.code, f.file.clone(), f.line, f.col))
        .collect();
    assert_eq!(got, expected);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_file_deleted_between_discovery_and_read() {
    let root = disk_project("deleted");
    let found = project::discover(&root);
    let d: &Discovered = found
        .iter()
        .find(|d| d.rel == "topics/appointments.yaml")
        .unwrap();
    assert_eq!(d.kind, FileKind::Topic);
    std::fs::remove_file(&d.path).unwrap();
    let parsed = project::parse_file(FileId(3), d, None);
    assert_eq!(parsed.diagnostics.len(), 1);
    let diag = &parsed.diagnostics[0];
    assert_eq!(diag.code.as_str(), "SB003");
    assert!(
        diag.message.starts_with("cannot read file: "),
        "{}",
        diag.message
    );
    assert_eq!(&*parsed.source.text, "");
    // The whole pipeline on the stale list: the other files are still checked.
    let p = project::build(root.clone(), project::parse_all(&found));
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    let all: Vec<Found> = diags.iter().map(|d| found_of(&p, d)).collect();
    assert_eq!(codes_in(&all, "topics/appointments.yaml"), ["SB003"]);
    assert!(
        all.iter().any(|f| f.file == "config/handoffs.yaml"),
        "{all:#?}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn found_of(p: &switchboard::model::Project, d: &switchboard::diagnostics::Diagnostic) -> Found {
    found(p, d)
}
