//! SB0xx: reading files. Broken files cost their own diagnostics; the rest is still checked.

use crate::common::*;
use std::path::PathBuf;

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(root: &std::path::Path, rel: &str, bytes: &[u8]) {
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

fn check_disk(root: &std::path::Path) -> Vec<Found> {
    let p = switchboard::project::load(root);
    let diags = switchboard::analysis::analyze(&p, &Default::default());
    diags.iter().map(|d| found(&p, d)).collect()
}

#[test]
fn sb001_yaml_syntax_other_files_still_checked() {
    let files = project(&[
        ("topics/broken.yaml", "name: Broken\nactions: \"unclosed\n"),
        (
            "topics/refunds.yaml",
            "name: Refunds\nenabled: true\nactions: Use {{ho:nope}}.\n",
        ),
    ]);
    let all = diagnose(&files);
    let sb001: Vec<&Found> = all.iter().filter(|f| f.code == "SB001").collect();
    assert_eq!(sb001.len(), 1, "{all:#?}");
    assert_eq!(
        (sb001[0].file.as_str(), sb001[0].line, sb001[0].col),
        ("topics/broken.yaml", 2, 10)
    );
    assert_eq!(
        sb001[0].message,
        "quoted string is not closed before the end of the file"
    );
    assert!(
        all.iter()
            .any(|f| f.code == "SB201" && f.file == "topics/refunds.yaml")
    );
    silent(&base(), "SB001");
}

#[test]
fn sb002_invalid_utf8_and_nul() {
    let root = disk_project("sb002");
    write(&root, "topics/latin1.yaml", b"name: Caf\xe9\nactions: Hi\n");
    write(&root, "topics/binary.yaml", b"name: x\0y\n");
    let all = check_disk(&root);
    let hits: Vec<(&str, u32, u32, &str)> = all
        .iter()
        .filter(|f| f.code == "SB002")
        .map(|f| (f.file.as_str(), f.line, f.col, f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![
            (
                "topics/binary.yaml",
                1,
                8,
                "file contains a NUL byte: it is binary, not text; skipped"
            ),
            (
                "topics/latin1.yaml",
                1,
                1,
                "file is not valid UTF-8 (invalid byte at offset 9): skipped"
            ),
        ]
    );
    let _ = std::fs::remove_dir_all(&root);
    silent(&base(), "SB002");
}

#[test]
fn sb003_directory_named_like_a_file() {
    let root = disk_project("sb003");
    std::fs::create_dir_all(root.join("topics/folder.yaml")).unwrap();
    let all = check_disk(&root);
    let hits: Vec<(&str, &str)> = all
        .iter()
        .filter(|f| f.code == "SB003")
        .map(|f| (f.file.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        hits,
        vec![(
            "topics/folder.yaml",
            "`topics/folder.yaml` is a directory, expected a file"
        )]
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn sb004_wrong_field_type() {
    let h = HANDOFFS.replacen("is_default: true", "is_default: yes", 1);
    let f = fires(
        &project(&[("config/handoffs.yaml", &h)]),
        "SB004",
        "config/handoffs.yaml",
        4,
        17,
        "`is_default` must be a boolean (`true` or `false`), found string `yes`",
    );
    assert_eq!(f.fixes, vec!["true"]);
    fires(
        &project(&[("config/handoffs.yaml", "handoffs:\n  name: billing\n")]),
        "SB004",
        "config/handoffs.yaml",
        2,
        3,
        "`handoffs` must be a list, found mapping",
    );
    silent(&base(), "SB004");
}

#[test]
fn sb005_duplicate_key() {
    let h = HANDOFFS.replacen(
        "    description: Billing disputes and refunds\n",
        "    description: Billing disputes and refunds\n    description: Refunds\n",
        1,
    );
    fires(
        &project(&[("config/handoffs.yaml", &h)]),
        "SB005",
        "config/handoffs.yaml",
        4,
        5,
        "duplicate key `description`: only the first is used",
    );
    silent(&base(), "SB005");
}

#[test]
fn sb006_merge_conflict_marker() {
    let t = "name: Refunds\nenabled: true\n<<<<<<< HEAD\nactions: Use {{ho:billing}}.\n=======\nactions: Use {{ho:Front Desk}}.\n>>>>>>> feature\n";
    fires(
        &project(&[("topics/refunds.yaml", t)]),
        "SB006",
        "topics/refunds.yaml",
        3,
        1,
        "merge conflict marker left in the file",
    );
    // Markers cause the YAML error: only the marker is reported.
    silent(&project(&[("topics/refunds.yaml", t)]), "SB001");
    silent(&base(), "SB006");
}

#[test]
fn sb007_python_syntax_error_still_extracts() {
    let py = "from _gen import *\n\n@func_description(\"Look up\")\ndef lookup_patient(conv: Conversation):\n    conv.state.patient_id = (\n";
    let all = diagnose(&project(&[("functions/lookup_patient.py", py)]));
    let f: Vec<&Found> = all.iter().filter(|f| f.code == "SB007").collect();
    assert_eq!(f.len(), 1, "{all:#?}");
    assert_eq!(f[0].file, "functions/lookup_patient.py");
    assert!(
        f[0].message.starts_with("Python syntax error: "),
        "{}",
        f[0].message
    );
    // The function is still found: no SB405, no SB406.
    assert!(
        !all.iter().any(|f| f.code == "SB405" || f.code == "SB406"),
        "{all:#?}"
    );
    silent(&base(), "SB007");
}

#[test]
fn sb008_unknown_field_with_did_you_mean() {
    let h = HANDOFFS.replacen(
        "phone_number: \"+15551234567\"",
        "phone_numer: \"+15551234567\"",
        1,
    );
    let f = fires(
        &project(&[("config/handoffs.yaml", &h)]),
        "SB008",
        "config/handoffs.yaml",
        7,
        7,
        "unknown field `phone_numer` in sip_config",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `phone_number`?"));
    silent(&base(), "SB008");
}

#[test]
fn sb009_alias_bomb_and_deep_nesting_are_bounded() {
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let all = diagnose(&project(&[("topics/bomb.yaml", &bomb)]));
    assert!(
        all.iter()
            .any(|f| f.code == "SB009" && f.file == "topics/bomb.yaml"),
        "{all:#?}"
    );
    let deep = format!("name: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let all = diagnose(&project(&[("topics/deep.yaml", &deep)]));
    assert!(
        all.iter()
            .any(|f| f.code == "SB009" && f.file == "topics/deep.yaml"),
        "{all:#?}"
    );
    silent(&base(), "SB009");
}

#[test]
fn sb009_oversized_file_is_skipped() {
    let root = disk_project("sb009");
    let big = format!("name: Big\nactions: \"{}\"\n", "x".repeat(9 * 1024 * 1024));
    write(&root, "topics/big.yaml", big.as_bytes());
    let all = check_disk(&root);
    let f: Vec<&Found> = all.iter().filter(|f| f.code == "SB009").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].file, "topics/big.yaml");
    assert!(
        f[0].message.contains("over the 8388608 byte limit"),
        "{}",
        f[0].message
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_outside_links_are_not_followed() {
    let root = disk_project("symlinks");
    std::os::unix::fs::symlink(&root, root.join("topics/loop")).unwrap();
    let outside = tempdir("outside");
    write(
        &outside,
        "secret.yaml",
        b"name: Secret\nactions: {{ho:nope}}\n",
    );
    std::os::unix::fs::symlink(outside.join("secret.yaml"), root.join("topics/secret.yaml"))
        .unwrap();
    let all = check_disk(&root);
    assert!(
        all.iter()
            .all(|f| !f.file.contains("secret") && !f.file.contains("loop")),
        "{all:#?}"
    );
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&outside);
}

#[cfg(target_os = "linux")]
#[test]
fn pipes_are_not_listed_so_nothing_blocks_on_them() {
    let root = disk_project("pipes");
    for rel in ["topics/pipe.yaml", "outside-pipe"] {
        let path = std::ffi::CString::new(root.join(rel).to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; `mkfifo` only creates the node.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    }
    std::os::unix::fs::symlink(root.join("outside-pipe"), root.join("topics/linked.yaml")).unwrap();
    // Opening either pipe for reading would wait for a writer forever.
    let found = switchboard::project::discover(&root);
    assert!(
        found
            .iter()
            .all(|d| !d.rel.contains("pipe") && !d.rel.contains("linked")),
        "{:?}",
        found.iter().map(|d| &d.rel).collect::<Vec<_>>()
    );
    assert!(found.iter().any(|d| d.rel.starts_with("topics/")));
    let _ = check_disk(&root);
    let _ = std::fs::remove_dir_all(&root);
}

/// Files are read through an 8 KiB buffer that grows (and is kept up to 64 KiB): a larger file
/// is read whole, and a finding at its end has the right position.
#[test]
fn a_file_larger_than_one_read_is_read_whole() {
    let root = disk_project("large");
    let filler = "  Plain words to make the file long, with no references at all.\n".repeat(4000);
    let text = format!("name: Long\nactions: |\n{filler}  Then {{{{ho:nowhere_at_all}}}}.\n");
    assert!(text.len() > 3 * 64 * 1024);
    write(&root, "topics/long.yaml", text.as_bytes());
    let all = check_disk(&root);
    let f: Vec<&Found> = all
        .iter()
        .filter(|f| f.file == "topics/long.yaml")
        .collect();
    assert_eq!(f.len(), 1, "{all:#?}");
    assert_eq!(f[0].code, "SB201");
    assert_eq!((f[0].line, f[0].col), (4003, 13));
    let _ = std::fs::remove_dir_all(&root);
}

/// A file exactly as long as the read buffer (8 KiB at first, 64 KiB once grown) fills it with
/// one read: it must still be read to its end, and so must the files read after it.
#[test]
fn files_exactly_as_long_as_the_buffer_are_read_whole() {
    let root = disk_project("exact");
    for (i, size) in [8 * 1024, 16 * 1024, 64 * 1024, 8 * 1024 - 1, 8 * 1024 + 1]
        .into_iter()
        .enumerate()
    {
        let head = format!("name: Exact {i}\nactions: |\n");
        let tail = "  Then {{ho:nowhere_at_all}}.\n";
        let line = "  Plain words, no references.\n";
        let mut text = head;
        while text.len() + line.len() + tail.len() <= size {
            text.push_str(line);
        }
        // Pad the last filler line to land exactly on `size`.
        let pad = size - text.len() - tail.len();
        if pad > 0 {
            text.push_str("  ");
            text.push_str(&"x".repeat(pad.saturating_sub(3)));
            text.push('\n');
        }
        text.push_str(tail);
        assert_eq!(text.len(), size);
        write(&root, &format!("topics/exact_{i}.yaml"), text.as_bytes());
    }
    let all = check_disk(&root);
    for i in 0..5 {
        let name = format!("topics/exact_{i}.yaml");
        // The broken reference is the file's last line: found only if the file was read whole.
        let f: Vec<&Found> = all
            .iter()
            .filter(|f| f.file == name && f.code == "SB201")
            .collect();
        assert_eq!(f.len(), 1, "{name}: {all:#?}");
        assert!(f[0].line > 100, "{name}: {:?}", f[0]);
    }
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn skipped_folders_are_never_read() {
    let root = disk_project("skipped");
    write(&root, "_gen/functions/stub.py", b"def (((\n");
    write(&root, "tests/topics/x.yaml", b"name: [\n");
    write(&root, "functions/_gen/bad.py", b"def (((\n");
    let all = check_disk(&root);
    assert!(
        all.iter()
            .all(|f| !f.file.contains("_gen") && !f.file.starts_with("tests/")),
        "{all:#?}"
    );
    let _ = std::fs::remove_dir_all(&root);
}
