//! `switchboard check --fix`, `--unsafe-fixes` and `--diff`: every rule's fix applied from the
//! command line, fixes that overlap applied in rounds, a second run changing nothing, line endings
//! and byte-order marks kept, and no write without `--fix`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::cli_support::{Tmp, copy_dir, read, sb, write};

/// The base project in a new folder, with `changes` (relative path, text) on top.
fn project(name: &str, changes: &[(&str, &str)]) -> Tmp {
    let t = Tmp::new(name);
    for (rel, text) in BASE {
        write(&t.0, rel, text);
    }
    for (rel, text) in changes {
        write(&t.0, rel, text);
    }
    t
}

/// A copy of the example project.
fn example(name: &str) -> Tmp {
    let t = Tmp::new(name);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental"),
        &t.0,
    );
    t
}

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>, SystemTime)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.path());
        for e in entries {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
                out.push((p.clone(), std::fs::read(&p).unwrap(), mtime));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out
}

/// The `(code, [(fix title, safe)])` of every finding, from `check --format json`.
fn findings(dir: &Path) -> Vec<(String, Vec<(String, bool)>)> {
    let (_, out, err) = sb(dir, &["check", "--format", "json", "."]);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}\n{out}{err}"));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let fixes = d["fixes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["title"].as_str().unwrap().to_string(),
                        f["safe"].as_bool().unwrap(),
                    )
                })
                .collect();
            (d["code"].as_str().unwrap().to_string(), fixes)
        })
        .collect()
}

/// A small project that uses every kind of reference and is clean (no finding at all).
const BASE: &[(&str, &str)] = &[
    (
        "agent_settings/rules.txt",
        r#"## Billing
For refunds use {{ho:billing}}. The caller is $caller_id.
"#,
    ),
    (
        "config/entities.yaml",
        r#"entities:
  - name: visit_date
    entity_type: date
"#,
    ),
    (
        "config/handoffs.yaml",
        r#"handoffs:
  - name: billing
    description: Billing disputes and refunds
    is_default: true
    sip_config:
      method: refer
      phone_number: "+15551234567"
    sip_headers:
      - key: X-Caller-ID
        value: $caller_id
      - key: X-Patient
        value: acct-$patient_id
  - name: front_desk
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
"#,
    ),
    (
        "config/sms_templates.yaml",
        r#"sms_templates:
  - name: directions
    text: Our address is 1 Harbour St.
"#,
    ),
    (
        "config/translations.yaml",
        r#"translations:
  - name: goodbye
    translations:
      en-US: Goodbye, and thank you for calling.
"#,
    ),
    (
        "config/variant_attributes.yaml",
        r#"variants:
  - name: main
    is_default: true
  - name: annex
    is_default: false
attributes:
  - name: office_phone
    values:
      main: "+15550000001"
      annex: "+15550000002"
"#,
    ),
    (
        "flows/book_visit/flow_config.yaml",
        r#"name: Book Visit
description: Book a visit
start_step: Ask Date
"#,
    ),
    (
        "flows/book_visit/functions/confirm_slot.py",
        r#"from _gen import *


@func_description("Confirm the slot")
def confirm_slot(conv: Conversation, flow: Flow):
    flow.goto_step("Confirm")
"#,
    ),
    (
        "flows/book_visit/steps/ask_date.yaml",
        r#"step_type: advanced_step
name: Ask Date
prompt: |
  Ask for a date ({{entity:visit_date}}), then {{ft:confirm_slot}}.
extracted_entities:
  - visit_date
conditions:
  - name: has date
    child_step: Confirm
"#,
    ),
    (
        "flows/book_visit/steps/confirm.yaml",
        r#"step_type: default_step
name: Confirm
prompt: Confirm the slot.
"#,
    ),
    (
        "functions/lookup_patient.py",
        r#"from _gen import *  # <AUTO GENERATED>

@func_description("Look up the caller's patient record")
@func_parameter("dob", "The caller's date of birth, YYYY-MM-DD")
def lookup_patient(conv: Conversation, dob: str):
    conv.state.patient_id = "p-" + dob
    return "Found the record."
"#,
    ),
    (
        "functions/restart_booking.py",
        r#"from _gen import *  # <AUTO GENERATED>


@func_description("Start the booking again")
def restart_booking(conv: Conversation):
    conv.goto_flow("Book Visit")
"#,
    ),
    (
        "functions/send_to_billing.py",
        r#"from _gen import *  # <AUTO GENERATED>


@func_description("Send the caller to billing")
def send_to_billing(conv: Conversation):
    conv.call_handoff(destination="billing")
"#,
    ),
    (
        "project.yaml",
        r#"name: test-agent
region: us-1
"#,
    ),
    (
        "topics/appointments.yaml",
        r#"name: Appointments
enabled: true
example_queries:
  - I want to book
content: |
  We open at 9am. A check-up costs $85.
actions: |
  Ask for the date of birth, then call {{fn:lookup_patient}}.
  If they want a person, transfer with {{ho:front_desk}}.
  Give the number {{attr:office_phone}} and send {{twilio_sms:directions}}.
  Say {{tn:goodbye}}, then use {{ho:end_call}}. Mention the file {{vrbl:patient_id}}.
"#,
    ),
    (
        "topics/refunds.yaml",
        r#"name: Refunds
enabled: true
example_queries:
  - I want a refund
content: |
  Refunds take five days.
actions: |
  For refunds, call {{fn:send_to_billing}}.
"#,
    ),
];

/// One rule's fix: `good` planted as `bad` in `file`; the fix turns it back.
struct Case {
    code: &'static str,
    file: &'static str,
    good: &'static str,
    bad: &'static str,
    safe: bool,
    extra: &'static [(&'static str, &'static str)],
}

const fn case(
    code: &'static str,
    file: &'static str,
    good: &'static str,
    bad: &'static str,
    safe: bool,
) -> Case {
    Case {
        code,
        file,
        good,
        bad,
        safe,
        extra: &[],
    }
}

const HANDOFFS: &str = "config/handoffs.yaml";
const TOPIC: &str = "topics/appointments.yaml";
const ASK: &str = "flows/book_visit/steps/ask_date.yaml";

/// Every fix the rules offer (grep the analysis for `replace_fix`), one planted mistake each.
const CASES: &[Case] = &[
    case(
        "SB004",
        HANDOFFS,
        "is_default: false",
        "is_default: no",
        true,
    ),
    case(
        "SB008",
        HANDOFFS,
        "    description: Billing disputes",
        "    descriptin: Billing disputes",
        false,
    ),
    Case {
        extra: &[("switchboard.toml", "exclude = []\n")],
        ..case(
            "SB008",
            "switchboard.toml",
            "exclude = []",
            "exclde = []",
            false,
        )
    },
    case("SB101", HANDOFFS, "method: refer", "method: REFER", true),
    case("SB101", HANDOFFS, "method: refer", "method: refr", false),
    case(
        "SB103",
        HANDOFFS,
        "\"+15551234567\"",
        "\"+1 (555) 123-4567\"",
        true,
    ),
    case(
        "SB105",
        HANDOFFS,
        "outbound_encryption: TLS/SRTP",
        "outbound_encryption: tls",
        true,
    ),
    case("SB111", HANDOFFS, "key: X-Patient", "key: Patient", false),
    case(
        "SB114",
        HANDOFFS,
        "acct-$patient_id",
        "acct-$patiend_id",
        false,
    ),
    case(
        "SB201",
        TOPIC,
        "{{ho:front_desk}}",
        "{{ho:frontdesk}}",
        false,
    ),
    case(
        "SB202",
        TOPIC,
        "{{fn:lookup_patient}}",
        "{{fn:lookup_patien}}",
        false,
    ),
    case(
        "SB203",
        ASK,
        "{{ft:confirm_slot}}",
        "{{ft:confirm_slt}}",
        false,
    ),
    case(
        "SB204",
        TOPIC,
        "{{attr:office_phone}}",
        "{{attr:office_phon}}",
        false,
    ),
    case(
        "SB205",
        TOPIC,
        "{{vrbl:patient_id}}",
        "{{vrbl:patient_i}}",
        false,
    ),
    case(
        "SB206",
        TOPIC,
        "{{twilio_sms:directions}}",
        "{{twilio_sms:direction}}",
        false,
    ),
    case(
        "SB207",
        ASK,
        "{{entity:visit_date}}",
        "{{entity:visit_dat}}",
        false,
    ),
    case("SB207", ASK, "  - visit_date", "  - visit_dat", false),
    case("SB208", TOPIC, "{{tn:goodbye}}", "{{tn:good_bye}}", false),
    case(
        "SB209",
        TOPIC,
        "{{fn:lookup_patient}}",
        "{{FN:lookup_patient}}",
        true,
    ),
    case(
        "SB210",
        TOPIC,
        "{{ho:front_desk}}",
        "{{ho:front_desk}",
        true,
    ),
    case("SB213", TOPIC, "{{ho:end_call}}", "<<ho:end_call>>", true),
    case(
        "SB302",
        "functions/send_to_billing.py",
        "destination=\"billing\"",
        "destination=\"biling\"",
        false,
    ),
    case(
        "SB401",
        "flows/book_visit/flow_config.yaml",
        "start_step: Ask Date",
        "start_step: Ask Dat",
        false,
    ),
    case(
        "SB402",
        ASK,
        "child_step: Confirm",
        "child_step: Confirmm",
        false,
    ),
    case(
        "SB404",
        "functions/restart_booking.py",
        "goto_flow(\"Book Visit\")",
        "goto_flow(\"Book Visi\")",
        false,
    ),
    case(
        "SB410",
        "config/variant_attributes.yaml",
        "      annex: \"+15550000002\"",
        "      anex: \"+15550000002\"",
        false,
    ),
];

fn planted(c: &Case) -> (Tmp, String) {
    let dir = project(c.code, c.extra);
    let good = read(&dir.0, c.file);
    assert!(good.contains(c.good), "{}: {}", c.code, c.good);
    write(&dir.0, c.file, &good.replacen(c.good, c.bad, 1));
    (dir, good)
}

#[test]
fn the_base_project_is_clean() {
    let dir = project("base", &[]);
    assert_eq!(findings(&dir.0), []);
    assert_eq!(sb(&dir.0, &["check", "."]).0, 0);
}

#[test]
fn every_rule_with_a_fix_is_fixed_from_the_command_line() {
    for c in CASES {
        let (dir, good) = planted(c);
        let before = findings(&dir.0);
        let fix = before
            .iter()
            .find(|(code, fixes)| code == c.code && !fixes.is_empty())
            .and_then(|(_, fixes)| fixes.first())
            .unwrap_or_else(|| panic!("{}: no fix in {before:?}", c.code));
        assert_eq!(fix.1, c.safe, "{}: {fix:?}", c.code);
        if !c.safe {
            // An unsafe fix waits for --unsafe-fixes, and the summary says so.
            let bad = read(&dir.0, c.file);
            let (_, out, _) = sb(&dir.0, &["check", "--fix", "."]);
            assert_eq!(read(&dir.0, c.file), bad, "{}", c.code);
            assert!(
                out.contains("can be enabled with the `--unsafe-fixes` option."),
                "{}: {out}",
                c.code
            );
        }
        let args: &[&str] = if c.safe {
            &["check", "--fix", "."]
        } else {
            &["check", "--fix", "--unsafe-fixes", "."]
        };
        let (code, out, err) = sb(&dir.0, args);
        assert_eq!(read(&dir.0, c.file), good, "{}: {out}{err}", c.code);
        assert_eq!(findings(&dir.0), [], "{}", c.code);
        assert_eq!(code, 0, "{}: {out}{err}", c.code);
        assert!(
            out.ends_with("(1 fixed, 0 remaining) in 17 files.\n")
                || out.ends_with("(1 fixed, 0 remaining) in 16 files.\n"),
            "{}: {out}",
            c.code
        );
    }
}

#[test]
fn integration_method_fixes_every_handoff() {
    // SB119: two handoffs differ from the locked method; both are fixed in one round.
    let dir = project(
        "sb119",
        &[("switchboard.toml", "[integration]\nmethod = \"invite\"\n")],
    );
    let before = read(&dir.0, HANDOFFS);
    let f = findings(&dir.0);
    assert_eq!(f.iter().filter(|(c, _)| c == "SB119").count(), 2, "{f:?}");
    let (_, out, _) = sb(&dir.0, &["check", "--fix", "--unsafe-fixes", "."]);
    // A handoff made invite has no encryption yet: the next round adds the default (SB105).
    assert_eq!(
        read(&dir.0, HANDOFFS),
        before
            .replace(
                "method: refer\n",
                "method: invite\n      outbound_encryption: TLS/SRTP\n"
            )
            .replace(
                "method: bye\n",
                "method: invite\n      outbound_encryption: TLS/SRTP\n"
            )
    );
    // Two SB119 fixes, then two SB105 ones; the invite `end_call` still lacks a route (SB102).
    assert!(out.contains("(4 fixed, 1 remaining"), "{out}");
    assert!(findings(&dir.0).iter().all(|(c, _)| c != "SB119"));
}

#[test]
fn goto_step_fix_keeps_the_quotes() {
    let c = case(
        "SB403",
        "flows/book_visit/functions/confirm_slot.py",
        "goto_step(\"Confirm\")",
        "goto_step(\"Confirmm\")",
        false,
    );
    let (dir, good) = planted(&c);
    sb(&dir.0, &["check", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(read(&dir.0, c.file), good);
}

#[test]
fn overlapping_fixes_are_applied_in_rounds() {
    // `<<ho:frontdesk>>`: SB213 rewrites the whole reference, SB201 its name inside it. The
    // first round takes the rewrite, the second the name.
    let dir = project("overlap", &[]);
    let good = read(&dir.0, TOPIC);
    let bad = good.replace("{{ho:front_desk}}", "<<ho:frontdesk>>");
    write(&dir.0, TOPIC, &bad);
    let f = findings(&dir.0);
    assert!(f.iter().any(|(c, _)| c == "SB213"), "{f:?}");
    assert!(f.iter().any(|(c, _)| c == "SB201"), "{f:?}");
    // The diff shows both rounds, and writes nothing.
    let (code, diff, err) = sb(&dir.0, &["check", "--diff", "--unsafe-fixes", "."]);
    assert_eq!(code, 1);
    assert!(
        diff.contains("-  If they want a person, transfer with <<ho:frontdesk>>.\n+  If they want a person, transfer with {{ho:front_desk}}.\n"),
        "{diff}"
    );
    assert_eq!(err, "Would fix 2 problems in 1 file.\n");
    assert_eq!(read(&dir.0, TOPIC), bad);
    // Safe fixes only: the rewrite is made, the name waits for --unsafe-fixes.
    let (_, out, _) = sb(&dir.0, &["check", "--fix", "--format", "short", "."]);
    assert_eq!(
        read(&dir.0, TOPIC),
        good.replace("front_desk}}", "frontdesk}}")
    );
    assert!(
        out.contains("error[SB201] unknown handoff `frontdesk`"),
        "{out}"
    );
    write(&dir.0, TOPIC, &bad);
    let (code, out, _) = sb(&dir.0, &["check", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(read(&dir.0, TOPIC), good);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "Found 2 problems (2 fixed, 0 remaining) in 16 files.\n"
    );
}

#[test]
fn a_second_fix_changes_nothing() {
    let dir = example("idempotent");
    let (code, first, _) = sb(&dir.0, &["check", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(code, 1, "{first}");
    assert!(
        first.ends_with(
            "Found 8 problems (4 fixed, 4 remaining: 2 errors, 1 warning, 1 info) in 28 files.\n"
        ),
        "{first}"
    );
    let before = snapshot(&dir.0);
    // Give a write, if there were one, a later modification time to be seen by.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (code, second, _) = sb(&dir.0, &["check", "--fix", "--unsafe-fixes", "."]);
    assert_eq!(code, 1);
    assert!(
        second.ends_with("Found 2 errors, 1 warning, 1 info in 28 files.\n"),
        "{second}"
    );
    assert_eq!(snapshot(&dir.0), before);
    let (code, diff, err) = sb(&dir.0, &["check", "--diff", "--unsafe-fixes", "."]);
    assert_eq!((code, diff.as_str()), (0, ""));
    assert_eq!(err, "No problems would be fixed.\n");
}

#[test]
fn crlf_and_byte_order_marks_are_kept() {
    let dir = project("crlf", &[]);
    let topic = read(&dir.0, TOPIC).replace("{{ho:end_call}}", "<<ho:end_call>>");
    let handoffs = read(&dir.0, HANDOFFS).replace("\"+15551234567\"", "\"+1 (555) 123-4567\"");
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let bom = |s: &str| format!("\u{feff}{s}");
    // A CRLF topic with a byte-order mark, and CRLF handoffs.
    write(&dir.0, TOPIC, &bom(&crlf(&topic)));
    write(&dir.0, HANDOFFS, &crlf(&handoffs));
    let (code, out, err) = sb(&dir.0, &["check", "--fix", "."]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        std::fs::read(dir.0.join(TOPIC)).unwrap(),
        bom(&crlf(&topic.replace("<<ho:end_call>>", "{{ho:end_call}}"))).into_bytes()
    );
    assert_eq!(
        std::fs::read(dir.0.join(HANDOFFS)).unwrap(),
        crlf(&handoffs.replace("\"+1 (555) 123-4567\"", "\"+15551234567\"")).into_bytes()
    );
    assert_eq!(findings(&dir.0), []);
}

#[test]
fn diff_writes_nothing_and_fails_when_there_is_a_change() {
    let dir = example("diff");
    let before = snapshot(&dir.0);
    for args in [
        &["check", "--diff", "."][..],
        &["check", "--fix", "--diff", "."],
        &["check", "--diff", "--unsafe-fixes", "--format", "json", "."],
    ] {
        let (code, out, _) = sb(&dir.0, args);
        assert_eq!(code, 1, "{args:?}");
        assert!(
            out.starts_with("--- config/handoffs.yaml\n+++ config/handoffs.yaml\n@@ "),
            "{out}"
        );
        assert_eq!(snapshot(&dir.0), before, "{args:?}");
    }
    // The diff is exactly what --fix then writes.
    let (_, diff, err) = sb(&dir.0, &["check", "--fix", "--diff", "."]);
    assert_eq!(
        err,
        "Would fix 2 problems in 2 files (2 more fixes available with `--unsafe-fixes`).\n"
    );
    sb(&dir.0, &["check", "--fix", "."]);
    for line in diff
        .lines()
        .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
    {
        let text = read(&dir.0, "config/handoffs.yaml") + &read(&dir.0, "topics/new_patients.yaml");
        assert!(text.contains(&line[1..]), "{line}");
    }
    // --exit-zero wins over a diff's exit 1.
    let (code, _, _) = sb(
        &dir.0,
        &["check", "--diff", "--unsafe-fixes", "--exit-zero", "."],
    );
    assert_eq!(code, 0);
}

#[test]
fn a_check_without_fix_never_writes() {
    let dir = example("readonly");
    let out = Tmp::new("readonly-out");
    let before = snapshot(&dir.0);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = out.0.join("report.txt");
    let report = report.to_str().unwrap();
    for args in [
        &["check", "."][..],
        &["check", "--format", "json", "."],
        &["check", "--format", "sarif", "."],
        &["check", "--format", "github", "."],
        &["check", "--unsafe-fixes", "."],
        &["check", "--statistics", "--unsafe-fixes", "."],
        &["check", "--quiet", "--exit-zero", "-o", report, "."],
        &["check", "--rule", "SB201=off", "--deny", "warnings", "."],
    ] {
        let (code, _, _) = sb(&dir.0, args);
        assert!(code == 0 || code == 1, "{args:?}");
        assert_eq!(snapshot(&dir.0), before, "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn fixed_files_keep_their_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = example("perm");
    let path = dir.0.join("config/handoffs.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (_, out, _) = sb(&dir.0, &["check", "--fix", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["fixed"], 2);
    assert!(read(&dir.0, "config/handoffs.yaml").contains("'+14155550134'"));
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.0.join("config"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}
