//! The `switchboard` binary: exit codes, formats, determinism, the example project.

use std::path::Path;
use std::process::Command;

fn sb(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("run switchboard");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const EXAMPLE: &str = "examples/harbor-dental";

#[test]
fn example_project_reports_exactly_the_planted_mistakes() {
    let (code, out, _) = sb(&["check", "--format", "short", EXAMPLE]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    let expected = [
        "examples/harbor-dental/config/handoffs.yaml:2:9: info[SB118]",
        "examples/harbor-dental/config/handoffs.yaml:18:20: error[SB103]",
        "examples/harbor-dental/config/handoffs.yaml:34:12: warning[SB114]",
        "examples/harbor-dental/flows/book_appointment/steps/collect_visit_details.yaml:11:57: error[SB212]",
        "examples/harbor-dental/functions/transfer_to_billing.py:14:19: warning[SB303]",
        "examples/harbor-dental/topics/billing_questions.yaml:14:8: error[SB301]",
        "examples/harbor-dental/topics/new_patients.yaml:18:15: hint[SB213]",
        "examples/harbor-dental/topics/payment_plans.yaml:12:40: error[SB201]",
    ];
    assert_eq!(lines.len(), expected.len(), "{out}");
    for (line, want) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(want),
            "{line}\n  expected to start with {want}\n{out}"
        );
    }
}

#[test]
fn clean_fixtures_have_no_errors_or_warnings() {
    for dir in [
        "tests/fixtures/projects/clean_real",
        "tests/fixtures/projects/no_handoffs",
    ] {
        let (code, out, err) = sb(&["check", "--format", "short", dir]);
        assert_eq!(code, 0, "{dir}: {out}{err}");
        let noisy: Vec<&str> = out
            .lines()
            .filter(|l| l.contains(": error[") || l.contains(": warning["))
            .collect();
        assert!(noisy.is_empty(), "{dir}: {noisy:#?}");
    }
}

#[test]
fn not_a_project_is_exit_2_with_one_clear_error() {
    let dir =
        std::env::temp_dir().join(format!("switchboard-not-a-project-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (code, out, err) = sb(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is not an ADK project"), "{err}");
    let (code, _, err) = sb(&["check", "/definitely/not/here"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot read `/definitely/not/here`"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn deny_warnings_and_clean_exit() {
    let (code, _, _) = sb(&["check", "tests/fixtures/projects/no_handoffs"]);
    assert_eq!(code, 0);
    let (code, _, _) = sb(&["check", "--deny", "warnings", EXAMPLE]);
    assert_eq!(code, 1);
}

#[test]
fn every_format_is_deterministic() {
    for format in ["human", "short", "json", "sarif", "github"] {
        let a = sb(&[
            "check",
            "--format",
            format,
            EXAMPLE,
            "tests/fixtures/projects/clean_real",
        ]);
        let b = sb(&[
            "check",
            "--format",
            format,
            EXAMPLE,
            "tests/fixtures/projects/clean_real",
        ]);
        assert_eq!(a, b, "{format} output differs between runs");
        assert!(!a.1.is_empty());
    }
}

#[test]
fn json_carries_lines_columns_and_offsets() {
    let (_, out, _) = sb(&["check", "--format", "json", EXAMPLE]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let diags = v["diagnostics"].as_array().unwrap();
    let d = diags.iter().find(|d| d["code"] == "SB201").unwrap();
    assert_eq!(d["name"], "unknown-handoff");
    assert_eq!(d["range"]["start"]["line"], 12);
    let text =
        std::fs::read_to_string(Path::new(EXAMPLE).join("topics/payment_plans.yaml")).unwrap();
    let off = d["range"]["start"]["offset"].as_u64().unwrap() as usize;
    assert!(
        text[off..].starts_with("billing_team}}"),
        "{}",
        &text[off..off + 20]
    );
}

#[test]
fn explain_by_code_and_name() {
    let (code, out, _) = sb(&["explain", "SB201"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("SB201 unknown-handoff"), "{out}");
    let (_, by_name, _) = sb(&["explain", "unknown-handoff"]);
    assert_eq!(out, by_name);
    let (code, _, err) = sb(&["explain", "SB999"]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule `SB999`"));
}

#[test]
fn check_never_writes_into_the_project() {
    fn snapshot(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                snapshot(&p, out);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    let mut before = Vec::new();
    snapshot(&root, &mut before);
    for f in ["human", "json", "sarif"] {
        sb(&["check", "--format", f, EXAMPLE]);
    }
    let mut after = Vec::new();
    snapshot(&root, &mut after);
    assert_eq!(before, after);
}
