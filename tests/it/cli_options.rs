//! `switchboard check` options in ruff's conventions: `--output-file`, `--exit-zero`,
//! `--statistics`, `--quiet`, `SWITCHBOARD_OUTPUT_FORMAT`, `--rule`, `--config`, and the GitHub
//! format's self-contained messages and step summary.

use std::path::Path;
use std::process::Command;

use crate::cli_support::{Tmp, copy_dir};

fn sb(args: &[&str]) -> (i32, String, String) {
    sb_env(args, &[])
}

/// `switchboard ARGS` in the repository, with `env` set (the format and step-summary variables
/// are unset unless given).
fn sb_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("SWITCHBOARD_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run switchboard");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The folder `from` of the repository copied into `to`.
fn copy(from: &str, to: &Path) {
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join(from), to);
}

const EXAMPLE: &str = "examples/harbor-dental";
const CLEAN: &str = "tests/fixtures/projects/no_handoffs";

/// The codes of the findings, from the short format.
fn codes(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| {
            let at = l.find('[')?;
            Some(l[at + 1..at + 6].to_string())
        })
        .collect()
}

#[test]
fn output_file_holds_what_standard_output_would() {
    let t = Tmp::new("output");
    let file = t.0.join("reports/deep/check.json");
    let f = file.to_str().unwrap();
    let (code, plain, _) = sb(&["check", "--format", "json", EXAMPLE]);
    for flag in ["-o", "--output-file"] {
        let (c, out, err) = sb(&["check", "--format", "json", flag, f, EXAMPLE]);
        assert_eq!((c, out.as_str(), err.as_str()), (code, "", ""));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), plain);
    }
    // A clean run still writes the file (an empty short report).
    let (c, _, _) = sb(&["check", "--format", "short", "-o", f, CLEAN]);
    assert_eq!(c, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "");
    // A file that cannot be written is exit 2.
    let (c, _, err) = sb(&["check", "-o", t.0.to_str().unwrap(), EXAMPLE]);
    assert_eq!(c, 2);
    assert!(err.starts_with("error: cannot write"), "{err}");
}

#[test]
fn exit_zero_keeps_the_report_and_exits_0() {
    let (code, out, _) = sb(&["check", "--format", "short", EXAMPLE]);
    assert_eq!(code, 1);
    let (c, zero, _) = sb(&[
        "check",
        "--format",
        "short",
        "--exit-zero",
        "--deny",
        "warnings",
        EXAMPLE,
    ]);
    assert_eq!((c, zero), (0, out));
    // Usage errors are still exit 2.
    let (c, _, _) = sb(&["check", "--exit-zero", "/definitely/not/here"]);
    assert_eq!(c, 2);
}

#[test]
fn statistics_count_findings_per_rule() {
    let (code, out, _) = sb(&["check", "--statistics", EXAMPLE]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "1\tSB103\t[*] invalid-route\n\
         1\tSB114\t[ ] unknown-header-variable\n\
         1\tSB118\t[ ] unreferenceable-handoff-name\n\
         1\tSB201\t[ ] unknown-handoff\n\
         1\tSB212\t[ ] function-in-default-step\n\
         1\tSB213\t[*] noncanonical-handoff-syntax\n\
         1\tSB301\t[ ] transfer-conflict\n\
         1\tSB303\t[ ] refer-utterance-may-not-play\n\
         Found 4 errors, 2 warnings, 1 info, 1 hint in 28 files.\n"
    );
    // Unsafe fixes count as fixable under --unsafe-fixes; short has no summary line.
    let (_, out, _) = sb(&[
        "check",
        "--statistics",
        "--unsafe-fixes",
        "--format",
        "short",
        EXAMPLE,
    ]);
    assert!(out.contains("1\tSB201\t[*] unknown-handoff\n"), "{out}");
    assert!(!out.contains("Found"), "{out}");
    // Most frequent first, over every project; --quiet drops the summary line.
    let (_, out, _) = sb(&[
        "check",
        "--statistics",
        "-q",
        EXAMPLE,
        "tests/fixtures/projects/clean_real",
    ]);
    assert!(
        out.starts_with("4\tSB118\t[ ] unreferenceable-handoff-name\n1\tSB103\t"),
        "{out}"
    );
    assert!(!out.contains("Found"), "{out}");
    let (_, json, _) = sb(&["check", "--statistics", "--format", "json", EXAMPLE]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 8);
    assert_eq!(
        v[0],
        serde_json::json!({"code": "SB103", "name": "invalid-route", "count": 1, "fixable": true})
    );
    let (code, _, err) = sb(&["check", "--statistics", "--format", "sarif", EXAMPLE]);
    assert_eq!(code, 2);
    assert!(err.contains("--statistics"), "{err}");
}

#[test]
fn quiet_prints_the_findings_only() {
    let (code, out, err) = sb(&["check", "-q", CLEAN]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    let (_, full, _) = sb(&["check", EXAMPLE]);
    let (code, quiet, _) = sb(&["check", "--quiet", EXAMPLE]);
    assert_eq!(code, 1);
    let summary = "Found 4 errors, 2 warnings, 1 info, 1 hint in 28 files.\n";
    assert!(full.ends_with(summary));
    assert_eq!(quiet, full[..full.len() - summary.len()]);
    // Machine formats are unchanged.
    for format in ["short", "json", "sarif", "github"] {
        assert_eq!(
            sb(&["check", "-q", "--format", format, EXAMPLE]),
            sb(&["check", "--format", format, EXAMPLE]),
            "{format}"
        );
    }
}

#[test]
fn the_environment_names_the_default_format_and_the_flag_wins() {
    let short = sb(&["check", "--format", "short", EXAMPLE]);
    let env = [("SWITCHBOARD_OUTPUT_FORMAT", "short")];
    assert_eq!(sb_env(&["check", EXAMPLE], &env), short);
    assert_eq!(
        sb_env(
            &["check", EXAMPLE],
            &[("SWITCHBOARD_OUTPUT_FORMAT", "JSON")]
        ),
        sb(&["check", "--format", "json", EXAMPLE])
    );
    assert_eq!(
        sb_env(&["check", "--format", "human", EXAMPLE], &env),
        sb(&["check", EXAMPLE])
    );
    // Empty is unset; a wrong value is a usage error.
    assert_eq!(
        sb_env(&["check", EXAMPLE], &[("SWITCHBOARD_OUTPUT_FORMAT", "")]),
        sb(&["check", EXAMPLE])
    );
    let (code, out, err) = sb_env(&["check", EXAMPLE], &[("SWITCHBOARD_OUTPUT_FORMAT", "xml")]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: SWITCHBOARD_OUTPUT_FORMAT is `xml`: expected one of human, short, json, sarif, github\n"
    );
}

#[test]
fn rule_overrides_apply_on_top_of_the_configuration() {
    let (_, out, _) = sb(&["check", "--format", "short", "--rule", "SB201=off", EXAMPLE]);
    assert!(!codes(&out).contains(&"SB201".to_string()), "{out}");
    let (_, out, _) = sb(&[
        "check",
        "--format",
        "short",
        "--rule",
        "unknown-handoff=warning",
        "--rule",
        "sb213=error",
        EXAMPLE,
    ]);
    assert!(out.contains(": warning[SB201] unknown handoff"), "{out}");
    assert!(out.contains(": error[SB213] "), "{out}");
    // The last of several wins.
    let (_, out, _) = sb(&[
        "check",
        "--format",
        "short",
        "--rule",
        "SB201=off",
        "--rule",
        "SB201=info",
        EXAMPLE,
    ]);
    assert!(out.contains(": info[SB201] "), "{out}");
    // Over switchboard.toml: a rule it turns off is back, one it raises is lowered.
    let t = Tmp::new("rules");
    copy(EXAMPLE, &t.0);
    std::fs::write(
        t.0.join("switchboard.toml"),
        "[rules]\nSB201 = \"off\"\nSB118 = \"error\"\n",
    )
    .unwrap();
    let p = t.0.to_str().unwrap();
    let (code, out, _) = sb(&["check", "--format", "short", p]);
    assert_eq!(code, 1);
    assert!(
        !out.contains("[SB201]") && out.contains("error[SB118]"),
        "{out}"
    );
    let (_, out, _) = sb(&[
        "check",
        "--format",
        "short",
        "--rule",
        "SB201=hint",
        "--rule",
        "SB118=off",
        p,
    ]);
    assert!(
        out.contains("hint[SB201]") && !out.contains("[SB118]"),
        "{out}"
    );
    // Errors in the flag are usage errors.
    for bad in ["SB999=off", "SB201=loud", "SB201", "=off"] {
        let (code, out, err) = sb(&["check", "--rule", bad, EXAMPLE]);
        assert_eq!((code, out.as_str()), (2, ""), "{bad}");
        assert!(err.contains("--rule"), "{bad}: {err}");
    }
}

#[test]
fn config_replaces_the_projects_own() {
    let t = Tmp::new("config");
    copy(EXAMPLE, &t.0.join("p"));
    // The project's own configuration is broken; the one given is used instead.
    std::fs::write(t.0.join("p/switchboard.toml"), "[rules]\nSB999 = \"off\"\n").unwrap();
    std::fs::write(
        t.0.join("other.toml"),
        "exclude = [\"topics/payment_plans.yaml\"]\n[rules]\nSB118 = \"off\"\n",
    )
    .unwrap();
    let p = t.0.join("p");
    let p = p.to_str().unwrap();
    let cfg = t.0.join("other.toml");
    let cfg = cfg.to_str().unwrap();
    let (_, own, _) = sb(&["check", "--format", "short", p]);
    assert!(own.contains("error[SB010] unknown rule `SB999`"), "{own}");
    let (code, out, err) = sb(&["check", "--format", "short", "--config", cfg, p]);
    assert_eq!(code, 1, "{err}");
    let got = codes(&out);
    assert_eq!(
        got,
        ["SB103", "SB114", "SB212", "SB303", "SB301", "SB213"],
        "{out}"
    );
    // --rule still applies on top of it.
    let (_, out, _) = sb(&[
        "check",
        "--format",
        "short",
        "--config",
        cfg,
        "--rule",
        "SB118=info",
        p,
    ]);
    assert!(out.contains("info[SB118]"), "{out}");
    // Problems in it point into it.
    std::fs::write(t.0.join("bad.toml"), "[rulez]\n").unwrap();
    let bad = t.0.join("bad.toml");
    let (_, out, _) = sb(&[
        "check",
        "--format",
        "short",
        "--config",
        bad.to_str().unwrap(),
        p,
    ]);
    assert!(
        out.lines()
            .any(|l| l
                .ends_with("bad.toml:1:2: warning[SB008] unknown key `rulez` in switchboard.toml")),
        "{out}"
    );
    let (code, _, err) = sb(&["check", "--config", "/definitely/not/here.toml", p]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot read `/definitely/not/here.toml`"),
        "{err}"
    );
}

#[test]
fn github_messages_read_alone_and_the_step_summary_gets_a_table() {
    let (_, out, _) = sb(&["check", "--format", "github", EXAMPLE]);
    let line = out.lines().find(|l| l.contains("SB201")).unwrap();
    assert!(
        line.contains("::examples/harbor-dental/topics/payment_plans.yaml:12:40: SB201 unknown handoff `billing_team`"),
        "{line}"
    );
    let t = Tmp::new("summary");
    let file = t.0.join("summary.md");
    let env = [("GITHUB_STEP_SUMMARY", file.to_str().unwrap())];
    let (code, with, _) = sb_env(&["check", "--format", "github", EXAMPLE, CLEAN], &env);
    assert_eq!(code, 1);
    assert_eq!(with, sb(&["check", "--format", "github", EXAMPLE, CLEAN]).1);
    let md = std::fs::read_to_string(&file).unwrap();
    assert!(
        md.starts_with("## switchboard check\n\nFound 4 errors, 2 warnings, 1 info, 1 hint in "),
        "{md}"
    );
    assert!(md.contains("### examples/harbor-dental\n\n| rule | severity | count |\n| --- | --- | ---: |\n| SB103 invalid-route | error | 1 |\n"), "{md}");
    assert!(
        md.contains("| SB213 noncanonical-handoff-syntax | hint | 1 |\n"),
        "{md}"
    );
    assert!(
        md.contains("### tests/fixtures/projects/no\\_handoffs\n\nNo problems found in "),
        "{md}"
    );
    // Appended, never replaced; other formats leave it alone.
    sb_env(&["check", "--format", "github", CLEAN], &env);
    sb_env(&["check", "--format", "short", EXAMPLE], &env);
    let again = std::fs::read_to_string(&file).unwrap();
    assert!(again.starts_with(&md));
    assert_eq!(again.matches("## switchboard check").count(), 2);
}
