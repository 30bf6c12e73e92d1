//! Shared helpers for rule tests: in-memory projects and compact assertions.
#![allow(dead_code)]

use std::path::Path;
use switchboard::analysis::{self, Options};
use switchboard::diagnostics::Diagnostic;
use switchboard::model::Project;
use switchboard::project::load_files;

/// One diagnostic as a user sees it: 1-based line and character column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub code: &'static str,
    pub severity: &'static str,
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub message: String,
    pub help: Option<String>,
    pub fixes: Vec<String>,
}

pub const HANDOFFS: &str = "handoffs:
  - name: billing
    description: Billing disputes and refunds
    is_default: true
    sip_config:
      method: refer
      phone_number: \"+15551234567\"
    sip_headers:
      - key: X-Caller-ID
        value: $caller_id
      - key: X-Patient
        value: acct-$patient_id
  - name: Front Desk
    description: Reception, for anything else
    is_default: false
    sip_config:
      method: invite
      phone_number: sip:desk@pbx.example.com
      outbound_endpoint: pbx.example.com
      outbound_encryption: TLS/SRTP
  - name: end_call
    description: End the call politely
    is_default: false
    sip_config:
      method: bye
";

pub const LOOKUP_PY: &str = "from _gen import *  # <AUTO GENERATED>

@func_description(
    \"Look up the caller's patient record\"
)
@func_parameter(\"dob\", \"The caller's date of birth, YYYY-MM-DD\")
def lookup_patient(
    conv: Conversation,
    dob: str,
):
    conv.state.patient_id = \"p-\" + dob
    return \"Found the record.\"
";

pub const TOPIC: &str = "name: Appointments
enabled: true
example_queries:
  - I want to book
content: |
  We open at 9am. A check-up costs $85.
actions: |
  ## Booking
  Ask for the date of birth, then call {{fn:lookup_patient}}.
  If they want a person, transfer with {{ho:Front Desk}}.
  To hang up use {{ho:end_call}}.
";

pub const RULES_TXT: &str = "## Billing\nFor refunds use {{ho:billing}}. The caller is $caller_id.";

/// The base project: valid, every handoff used.
pub fn base() -> Vec<(String, String)> {
    vec![
        (
            "project.yaml".into(),
            "name: test-agent\nregion: us-1\n".into(),
        ),
        ("config/handoffs.yaml".into(), HANDOFFS.into()),
        ("functions/lookup_patient.py".into(), LOOKUP_PY.into()),
        ("topics/appointments.yaml".into(), TOPIC.into()),
        ("agent_settings/rules.txt".into(), RULES_TXT.into()),
    ]
}

/// The base project with files added or replaced (an empty text removes the file).
pub fn project(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut files = base();
    for (path, text) in changes {
        files.retain(|(p, _)| p != path);
        if !text.is_empty() {
            files.push((path.to_string(), text.to_string()));
        }
    }
    files
}

pub fn load(files: &[(String, String)]) -> Project {
    load_files(Path::new("/project"), files)
}

pub fn diagnose(files: &[(String, String)]) -> Vec<Found> {
    let p = load(files);
    let diags = analysis::analyze(&p, &Options::default());
    diags.iter().map(|d| found(&p, d)).collect()
}

pub fn found(p: &Project, d: &Diagnostic) -> Found {
    let f = p.file(d.file);
    let (l, c) = f.line_col(d.span.start);
    let (el, ec) = f.line_col(d.span.end);
    Found {
        code: d.code.as_str(),
        severity: d.severity.as_str(),
        file: f.rel.clone(),
        line: l + 1,
        col: c + 1,
        end_line: el + 1,
        end_col: ec + 1,
        message: d.message.clone(),
        help: d.help.clone(),
        fixes: d
            .fixes
            .iter()
            .flat_map(|f| f.edits.iter().map(|e| e.replacement.clone()))
            .collect(),
    }
}

/// Assert that `code` fires exactly once, at `file:line:col`, with `message`; returns it.
#[track_caller]
pub fn fires(
    files: &[(String, String)],
    code: &str,
    file: &str,
    line: u32,
    col: u32,
    message: &str,
) -> Found {
    let all = diagnose(files);
    let hits: Vec<&Found> = all.iter().filter(|f| f.code == code).collect();
    assert_eq!(hits.len(), 1, "expected exactly one {code}, got: {all:#?}");
    let h = hits[0].clone();
    assert_eq!(
        (h.file.as_str(), h.line, h.col),
        (file, line, col),
        "position of {code}: {h:#?}"
    );
    assert_eq!(h.message, message, "message of {code}");
    h
}

/// Assert that `code` does not fire.
#[track_caller]
pub fn silent(files: &[(String, String)], code: &str) {
    let all = diagnose(files);
    let hits: Vec<&Found> = all.iter().filter(|f| f.code == code).collect();
    assert!(hits.is_empty(), "{code} must not fire, got: {hits:#?}");
}

/// Assert the project has no diagnostics at all.
#[track_caller]
pub fn clean(files: &[(String, String)]) {
    let all = diagnose(files);
    assert!(all.is_empty(), "expected no diagnostics, got: {all:#?}");
}

/// Every readable file under `root`, as (relative path with `/`, text), sorted by path.
pub fn files_of(root: &std::path::Path) -> Vec<(String, String)> {
    fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out
}

/// Run the `switchboard` binary in `cwd` (no colour): exit code, stdout, stderr.
pub fn sb(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run switchboard");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
