//! Validates `--format sarif` output with Microsoft's SARIF Multitool (`validate`), which checks
//! the document against the SARIF 2.1.0 JSON schema and the spec's consistency rules.
//!
//! The tool is installed by `scripts/install-test-deps.sh` into `tests/tools/node_modules`. When
//! it is missing the test fails under CI (`CI=true`) and is skipped, loudly, elsewhere.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use switchboard::diagnostics::{Code, Diagnostic, Edit, Severity};
use switchboard::report::{Format, ProjectOutput, RenderOptions, render};
use switchboard::source::{FileId, SourceFile, Span};

/// The platform's self-contained validator binary. It is run directly, not through the npm
/// launcher, which passes its arguments through a shell.
fn validator() -> Option<PathBuf> {
    let platform = match std::env::consts::OS {
        "linux" => "linux",
        "macos" => "darwin",
        "windows" => "win32",
        _ => return None,
    };
    let exe = if cfg!(windows) {
        "Sarif.Multitool.exe"
    } else {
        "Sarif.Multitool"
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tools/node_modules/@microsoft")
        .join(format!("sarif-multitool-{platform}"))
        .join(exe);
    path.is_file().then_some(path)
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
}

fn at(text: &str, needle: &str) -> Span {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture")) as u32;
    Span::new(start, start + needle.len() as u32)
}

const HANDOFFS: &str = "handoffs:\n  - name: billing\n    method: refer\n    phone_number: \"+14155551234\"\n    outbound_encryption: tls\n    headers:\n      Agent-Id: $agent\n";
const TOPIC: &str = "content: |\n  Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} and <<ho:billing>>\nactions: |\n  call {{fn:lookup}}\r\n";

/// A project with one finding of every severity, labels across files, single- and multi-file
/// fixes, an insertion, and positions after astral-plane characters.
fn sample() -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif sample");
    let files = vec![
        SourceFile::new(
            FileId(0),
            root.join("handoffs.yaml"),
            "handoffs.yaml".into(),
            Arc::from(HANDOFFS),
        ),
        SourceFile::new(
            FileId(1),
            root.join("topics/Refund policy.yaml"),
            "topics/Refund policy.yaml".into(),
            Arc::from(TOPIC),
        ),
    ];
    let unknown = at(TOPIC, "billing_team");
    let diagnostics = vec![
        Diagnostic::new(
            Code::SB105,
            FileId(0),
            at(HANDOFFS, "tls"),
            "outbound_encryption must be `TLS/SRTP` or `UDP/RTP`",
        )
        .replace_fix("Use `TLS/SRTP`", at(HANDOFFS, "tls"), "TLS/SRTP", true),
        Diagnostic::new(
            Code::SB111,
            FileId(0),
            at(HANDOFFS, "Agent-Id"),
            "SIP header `Agent-Id` is not custom",
        )
        .help("custom headers start with `X-`")
        .fix(
            "Insert `X-`",
            vec![Edit {
                file: FileId(0),
                span: Span::new(
                    at(HANDOFFS, "Agent-Id").start,
                    at(HANDOFFS, "Agent-Id").start,
                ),
                replacement: "X-".into(),
            }],
            false,
        ),
        Diagnostic::new(
            Code::SB201,
            FileId(1),
            unknown,
            "unknown handoff `billing_team`",
        )
        .label(
            FileId(0),
            at(HANDOFFS, "billing"),
            "a handoff with a similar name",
        )
        .help("did you mean `billing`?")
        .note("handoff names are case-sensitive")
        .replace_fix("Replace with `billing`", unknown, "billing", true),
        Diagnostic::new(
            Code::SB120,
            FileId(0),
            at(HANDOFFS, "\"+14155551234\""),
            "route set while the integration routes by carrier",
        )
        .severity(Severity::Info),
        Diagnostic::new(
            Code::SB213,
            FileId(1),
            at(TOPIC, "<<ho:billing>>"),
            "noncanonical handoff syntax `<<ho:billing>>`",
        )
        .fix(
            "Rewrite as `{{ho:billing}}` and rename the handoff",
            vec![
                Edit {
                    file: FileId(1),
                    span: at(TOPIC, "<<ho:billing>>"),
                    replacement: "{{ho:billing}}".into(),
                },
                Edit {
                    file: FileId(0),
                    span: at(HANDOFFS, "billing"),
                    replacement: "billing".into(),
                },
            ],
            false,
        ),
        Diagnostic::new(
            Code::SB202,
            FileId(1),
            at(TOPIC, "lookup"),
            "unknown function `lookup`",
        )
        .label(FileId(1), at(TOPIC, "billing_team"), "referenced alongside")
        .label(FileId(0), Span::new(0, HANDOFFS.len() as u32), "whole file"),
    ];
    (files, diagnostics)
}

#[test]
fn sarif_output_passes_the_sarif_multitool_validator() {
    let Some(tool) = validator() else {
        let msg = "SARIF validator not installed: run scripts/install-test-deps.sh \
                   (installs @microsoft/sarif-multitool into tests/tools/node_modules)";
        if in_ci() {
            panic!("{msg}");
        }
        // Straight to the process's stderr: the test harness would swallow `eprintln!` output.
        let _ = writeln!(
            std::io::stderr(),
            "\n**********\nSKIPPING sarif_output_passes_the_sarif_multitool_validator: {msg}\n**********\n"
        );
        return;
    };

    let (files, diagnostics) = sample();
    let cwd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let projects = [ProjectOutput {
        root: &cwd,
        files: &files,
        diagnostics: &diagnostics,
    }];
    let sarif = render(
        Format::Sarif,
        &projects,
        &RenderOptions {
            color: false,
            cwd: Some(cwd.clone()),
        },
    );

    // Sanity: the sample covers what the validator should see.
    let doc: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let results = doc["runs"][0]["results"].as_array().expect("results");
    let levels: Vec<&str> = results.iter().filter_map(|r| r["level"].as_str()).collect();
    assert_eq!(
        levels,
        ["error", "warning", "error", "note", "note", "error"]
    );
    assert!(results.iter().any(|r| r.get("relatedLocations").is_some()));
    assert!(results.iter().filter(|r| r.get("fixes").is_some()).count() >= 3);

    assert_valid(&tool, &sarif, "sample");
}

/// Run the validator over `sarif` and assert it reports no errors and no warnings.
fn assert_valid(tool: &Path, sarif: &str, name: &str) {
    let dir = std::env::temp_dir().join(format!(
        "switchboard-sarif-validate-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("check.sarif");
    let report = dir.join("validation.sarif");
    std::fs::write(&input, sarif).expect("write SARIF");

    let out = Command::new(tool)
        .arg("validate")
        .arg(&input)
        .arg("--output")
        .arg(&report)
        .arg("--log")
        .arg("ForceOverwrite")
        // Errors and warnings; notes include reachability checks of every helpUri over HTTP.
        .arg("--level")
        .arg("Error;Warning")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        // The self-contained tool needs ICU unless told to run without culture data.
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .expect("run sarif-multitool");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "sarif-multitool failed ({}):\n{stdout}\n{stderr}",
        out.status
    );

    let text = std::fs::read_to_string(&report).expect("validator wrote its report");
    let log: serde_json::Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("report is JSON");
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for run in log["runs"].as_array().into_iter().flatten() {
        for n in run["invocations"].as_array().into_iter().flatten() {
            assert_ne!(
                n["executionSuccessful"], false,
                "validator did not run cleanly:\n{text}"
            );
            for note in n["toolExecutionNotifications"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if note["level"] == "error" {
                    errors.push(format!("tool: {}", note["message"]["text"]));
                }
            }
        }
        for r in run["results"].as_array().into_iter().flatten() {
            // A result without `level` is a warning (SARIF §3.27.10).
            let level = r["level"].as_str().unwrap_or("warning");
            let line = format!(
                "{level} {}: {}",
                r["ruleId"].as_str().unwrap_or("?"),
                r["message"]
            );
            if level == "error" {
                errors.push(line)
            } else {
                warnings.push(line)
            }
        }
    }
    assert!(
        errors.is_empty() && warnings.is_empty(),
        "the SARIF validator reported problems:\n{}\n{}\n\nvalidator output:\n{stdout}\n\ndocument:\n{sarif}",
        errors.join("\n"),
        warnings.join("\n")
    );
    if std::env::var_os("KEEP_SARIF").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn example_project_sarif_passes_the_validator() {
    let Some(tool) = validator() else {
        assert!(
            !in_ci(),
            "SARIF validator not installed: run scripts/install-test-deps.sh"
        );
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args([
            "check",
            "--format",
            "sarif",
            "examples/harbor-dental",
            "tests/fixtures/projects/clean_real",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run switchboard");
    let sarif = String::from_utf8(out.stdout).expect("UTF-8");
    let doc: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert!(
        doc["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| r.len() >= 7)
    );
    assert_valid(&tool, &sarif, "example");
}
