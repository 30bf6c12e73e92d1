//! `switchboard compile`: the bundle's content for every route kind, method and header variable
//! kind, resolution of references, conflicts, schema validity, determinism and exit codes.

use crate::common;
use crate::common::sb;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use switchboard::analysis::{self, Options};
use switchboard::compile;

pub const ROUTES: &str = "handoffs:
  - name: billing
    description: Billing disputes
    is_default: true
    sip_config:
      method: refer
      phone_number: \"+15551234567\"
    sip_headers:
      - key: X-Caller-ID
        value: $caller_id
      - key: X-Patient
        value: \"acct-${patient_id};src=ivr\"
      - key: X-Typo
        value: $pateint_id
  - name: desk
    description: Reception desk
    is_default: false
    sip_config:
      method: invite
      phone_number: <sip:desk@pbx.example.com>
      outbound_endpoint: sbc.example.com:5061
  - name: ext
    description: Internal extension
    is_default: false
    sip_config:
      method: refer
      phone_number: \"4021\"
  - name: bad
    description: Badly written number
    is_default: false
    sip_config:
      method: invite
      phone_number: 0044 20 7946 0958
      outbound_encryption: UDP/RTP
  - name: end_call
    description: End the call
    is_default: false
    sip_config:
      method: bye
";

const TRANSFER_PY: &str = "def transfer_out(conv: Conversation):
    conv.call_handoff(destination=\"desk\", reason=\"x\")
    return \"ok\"
";

const DEFAULT_PY: &str = "def hang_up(conv: Conversation):
    conv.call_handoff()
";

const TOPIC: &str = "name: Appointments
enabled: true
example_queries:
  - I want to book
actions: |
  Look up with {{fn:lookup_patient}} and then {{fn:transfer_out}}.
  Or use {{ho:billing}}, {{ho:nowhere}} and $patient_id.
";

fn files() -> Vec<(String, String)> {
    common::project(&[
        ("config/handoffs.yaml", ROUTES),
        ("functions/transfer_out.py", TRANSFER_PY),
        ("functions/hang_up.py", DEFAULT_PY),
        ("topics/appointments.yaml", TOPIC),
    ])
}

fn bundle_of(files: &[(String, String)]) -> (String, Value) {
    let p = common::load(files);
    let s = compile::compile_to_string(&p, &Options::default());
    let v: Value = serde_json::from_str(&s).expect("bundle is JSON");
    (s, v)
}

fn handoff<'a>(b: &'a Value, name: &str) -> &'a Value {
    b["handoffs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["name"] == name)
        .unwrap_or_else(|| panic!("no handoff {name}"))
}

fn schema_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/bundle.schema.json"),
    )
    .expect("read bundle schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "bundle.schema.json is not a valid JSON Schema"
    );
    jsonschema::validator_for(&schema).expect("compile schema")
}

#[track_caller]
fn assert_valid(v: &Value) {
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "bundle does not match schema: {errors:#?}"
    );
}

#[test]
fn header_header_and_format() {
    let (_, b) = bundle_of(&files());
    assert_eq!(b["version"], 1);
    assert_eq!(
        b["tool"],
        json!({"name": "switchboard", "version": env!("CARGO_PKG_VERSION")})
    );
    let keys: Vec<&str> = b.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "version",
        "tool",
        "handoffs",
        "templates",
        "variables",
        "transfers",
        "diagnostics",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_valid(&b);
}

#[test]
fn every_route_kind_and_method() {
    let (_, b) = bundle_of(&files());
    let billing = handoff(&b, "billing");
    assert_eq!(billing["method"], "refer");
    assert_eq!(billing["is_default"], true);
    assert_eq!(
        billing["route"],
        json!({"kind": "e164", "original": "+15551234567", "normalized": "+15551234567", "problem": null})
    );
    assert_eq!(billing["endpoint"], Value::Null);
    assert_eq!(billing["encryption"], Value::Null);
    assert_eq!(
        billing["location"],
        json!({"file": "config/handoffs.yaml", "line": 2, "column": 11})
    );

    let desk = handoff(&b, "desk");
    assert_eq!(desk["method"], "invite");
    assert_eq!(
        desk["route"],
        json!({"kind": "sip_uri", "original": "<sip:desk@pbx.example.com>", "normalized": "sip:desk@pbx.example.com", "problem": null})
    );
    assert_eq!(desk["endpoint"], "sbc.example.com:5061");
    // An invite without outbound_encryption has none: the ADK rejects it (SB105), no default.
    assert_eq!(desk["encryption"], serde_json::Value::Null);

    let ext = handoff(&b, "ext");
    assert_eq!(ext["route"]["kind"], "extension");
    assert_eq!(ext["route"]["normalized"], "4021");

    let bad = handoff(&b, "bad");
    assert_eq!(bad["route"]["kind"], "invalid");
    assert_eq!(bad["route"]["original"], "0044 20 7946 0958");
    assert_eq!(bad["route"]["normalized"], "+442079460958");
    assert_eq!(
        bad["route"]["problem"],
        "`00` is a dialling prefix, not part of an E.164 number"
    );
    assert_eq!(bad["encryption"], "UDP/RTP");

    let end = handoff(&b, "end_call");
    assert_eq!(end["method"], "bye");
    assert_eq!(end["route"], Value::Null);
    assert_eq!(end["headers"], json!([]));
}

#[test]
fn headers_compile_to_segments_with_builtin_known_and_unknown_variables() {
    let (_, b) = bundle_of(&files());
    let h = &handoff(&b, "billing")["headers"];
    assert_eq!(
        h[0],
        json!({
            "key": "X-Caller-ID",
            "value": "$caller_id",
            "location": {"file": "config/handoffs.yaml", "line": 9, "column": 14},
            "segments": [{"var": "caller_id", "builtin": true, "written": false}]
        })
    );
    assert_eq!(
        h[1]["segments"],
        json!([
            {"text": "acct-"},
            {"var": "patient_id", "builtin": false, "written": true},
            {"text": ";src=ivr"}
        ])
    );
    assert_eq!(
        h[2]["segments"],
        json!([{"var": "pateint_id", "builtin": false, "written": false}])
    );
}

#[test]
fn used_by_lists_text_and_code_sites() {
    let (_, b) = bundle_of(&files());
    assert_eq!(
        handoff(&b, "billing")["used_by"],
        json!([
            {"file": "agent_settings/rules.txt", "line": 2, "column": 17, "site": "text",
             "field": "rules", "owner": "rules", "function": null},
            // `conv.call_handoff()` without a destination goes to the default handoff.
            {"file": "functions/hang_up.py", "line": 2, "column": 5, "site": "default",
             "field": null, "owner": null, "function": "fn:hang_up"},
            {"file": "topics/appointments.yaml", "line": 7, "column": 10, "site": "text",
             "field": "topic_actions", "owner": "topic:Appointments", "function": null},
        ])
    );
    assert_eq!(
        handoff(&b, "desk")["used_by"],
        json!([
            {"file": "functions/transfer_out.py", "line": 2, "column": 35, "site": "call_handoff",
             "field": null, "owner": null, "function": "fn:transfer_out"},
        ])
    );
    assert_eq!(handoff(&b, "ext")["used_by"], json!([]));
}

#[test]
fn templates_resolve_every_reference_to_a_stable_id_or_null() {
    let (_, b) = bundle_of(&files());
    let t = b["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["owner"] == "topic:Appointments" && t["field"] == "topic_actions")
        .expect("topic actions template");
    assert_eq!(
        t["location"],
        json!({"file": "topics/appointments.yaml", "line": 5, "column": 10})
    );
    let refs: Vec<(String, Value, bool)> = t["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["target"].clone(),
                r["builtin"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        refs,
        vec![
            (
                "{{fn:lookup_patient}}".into(),
                json!("fn:lookup_patient"),
                false
            ),
            (
                "{{fn:transfer_out}}".into(),
                json!("fn:transfer_out"),
                false
            ),
            ("{{ho:billing}}".into(), json!("ho:billing"), false),
            ("{{ho:nowhere}}".into(), Value::Null, false),
            ("$patient_id".into(), json!("vrbl:patient_id"), false),
        ]
    );
    assert_eq!(
        t["references"][3],
        json!({"kind": "ho", "name": "nowhere", "syntax": "braces", "text": "{{ho:nowhere}}",
               "file": "topics/appointments.yaml", "line": 7, "column": 26,
               "target": null, "builtin": false})
    );
    // Segments put the cooked text back together.
    let mut rebuilt = String::new();
    for s in t["segments"].as_array().unwrap() {
        if let Some(text) = s["text"].as_str() {
            rebuilt.push_str(text);
        } else {
            let i = s["ref"].as_u64().unwrap() as usize;
            rebuilt.push_str(t["references"][i]["text"].as_str().unwrap());
        }
    }
    assert_eq!(
        rebuilt,
        "Look up with {{fn:lookup_patient}} and then {{fn:transfer_out}}.\nOr use {{ho:billing}}, {{ho:nowhere}} and $patient_id.\n"
    );
    // The rules text's built-in variable resolves as a built-in.
    let rules = b["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["owner"] == "rules")
        .unwrap();
    assert_eq!(rules["references"][1]["target"], "vrbl:caller_id");
    assert_eq!(rules["references"][1]["builtin"], true);
    // Header values are templates too.
    assert!(
        b["templates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["owner"] == "ho:billing/X-Patient" && t["field"] == "header_value")
    );
}

#[test]
fn variables_where_written_read_and_used() {
    let (_, b) = bundle_of(&files());
    let vars = b["variables"].as_array().unwrap();
    let names: Vec<&str> = vars.iter().map(|v| v["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["caller_id", "pateint_id", "patient_id"]);
    assert_eq!(
        vars[0],
        json!({
            "name": "caller_id", "id": "vrbl:caller_id", "builtin": true, "written": [], "read": [],
            "text": [{"file": "agent_settings/rules.txt", "line": 2, "column": 47, "field": "rules", "owner": "rules"}],
            "headers": [{"file": "config/handoffs.yaml", "line": 10, "column": 16, "handoff": "billing", "header": "X-Caller-ID"}]
        })
    );
    assert_eq!(
        vars[2]["written"],
        json!([{"file": "functions/lookup_patient.py", "line": 11, "column": 16}])
    );
    assert_eq!(vars[2]["text"][0]["owner"], "topic:Appointments");
    assert_eq!(vars[2]["headers"][0]["header"], "X-Patient");
    assert_eq!(vars[1]["written"], json!([]));
    assert_eq!(vars[1]["builtin"], false);
}

#[test]
fn transfers_and_conflicts() {
    let (_, b) = bundle_of(&files());
    assert_eq!(
        b["transfers"]["code"],
        json!([
            {"function": "fn:hang_up", "def": "hang_up", "file": "functions/hang_up.py", "line": 2, "column": 5,
             "mechanism": "call_handoff", "method": null,
             "destination": {"kind": "default", "handoffs": [{"name": "billing", "target": "ho:billing"}], "via": null, "route": null}},
            {"function": "fn:transfer_out", "def": "transfer_out", "file": "functions/transfer_out.py", "line": 2, "column": 5,
             "mechanism": "call_handoff", "method": null,
             "destination": {"kind": "handoff", "handoffs": [{"name": "desk", "target": "ho:desk"}], "via": null, "route": null}},
        ])
    );
    // `{{fn:transfer_out}}` and `{{ho:billing}}` in the same topic: SB301.
    assert_eq!(
        b["transfers"]["conflicts"],
        json!([{
            "severity": "error",
            "message": "`transfer_out` performs a code transfer, which overrides the handoff `{{ho:billing}}` in this topic",
            "at": {"file": "topics/appointments.yaml", "line": 6, "column": 47},
            "handoff_at": {"file": "topics/appointments.yaml", "line": 7, "column": 10},
            "transfer_at": {"file": "functions/transfer_out.py", "line": 2, "column": 5}
        }])
    );
}

#[test]
fn return_dicts_and_transfer_calls_and_dynamic_destinations() {
    let py = "TEAMS = {\"a\": \"billing\", \"b\": \"desk\"}

def route(conv: Conversation, team: str):
    if team == \"x\":
        return {\"handoff\": {\"refer\": {\"phone_number\": \"+15550001111\"}}}
    if team == \"y\":
        transfer_call(destination=\"ext\")
    if team == \"z\":
        conv.call_handoff(destination=TEAMS.get(team, \"billing\"))
    conv.call_handoff(destination=team)
";
    let mut f = files();
    f.push(("functions/route.py".into(), py.into()));
    let (_, b) = bundle_of(&f);
    let code: Vec<&Value> = b["transfers"]["code"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["function"] == "fn:route")
        .collect();
    let shape: Vec<(&str, &str)> = code
        .iter()
        .map(|c| {
            (
                c["mechanism"].as_str().unwrap(),
                c["destination"]["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("return_dict", "route"),
            ("transfer_call", "handoff"),
            ("call_handoff", "handoff"),
            ("call_handoff", "dynamic"),
        ]
    );
    assert_eq!(code[0]["method"], "refer");
    assert_eq!(code[0]["destination"]["route"]["kind"], "e164");
    assert_eq!(code[1]["destination"]["handoffs"][0]["target"], "ho:ext");
    assert_eq!(code[2]["destination"]["via"], "TEAMS");
    let names: Vec<&str> = code[2]["destination"]["handoffs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"billing") && names.contains(&"desk"),
        "{names:?}"
    );
    let ext_sites = &handoff(&b, "ext")["used_by"];
    assert_eq!(ext_sites[0]["site"], "transfer_call");
    assert_valid(&b);
}

#[test]
fn diagnostics_are_what_check_json_prints() {
    let f = files();
    let p = common::load(&f);
    let a = analysis::analyze_full(&p, &Options::default());
    let (_, b) = bundle_of(&f);
    let codes: Vec<&str> = b["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = a.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, expected);
    assert!(codes.contains(&"SB301") && codes.contains(&"SB201") && codes.contains(&"SB114"));
    let sb201 = b["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "SB201")
        .unwrap();
    assert_eq!(sb201["file"], "topics/appointments.yaml");
    assert_eq!(sb201["range"]["start"]["line"], 7);
}

#[test]
fn compiling_is_deterministic() {
    let (a, _) = bundle_of(&files());
    for _ in 0..3 {
        let (b, _) = bundle_of(&files());
        assert_eq!(a, b);
    }
    // File order on input does not matter either.
    let mut rev = files();
    rev.reverse();
    let (c, _) = bundle_of(&rev);
    assert_eq!(a, c);
}

#[test]
fn broken_inputs_still_compile() {
    let cases: &[&[(&str, &str)]] = &[
        &[("config/handoffs.yaml", "handoffs: [\n  - name: {")],
        &[(
            "config/handoffs.yaml",
            "handoffs:\n  - sip_headers:\n      - key: X-A\n        value: ${\n",
        )],
        &[(
            "topics/appointments.yaml",
            "name: x\nactions: \"{{ho:\\n$\"\n",
        )],
        &[(
            "functions/lookup_patient.py",
            "def (:\n  conv.call_handoff(destination=\n",
        )],
    ];
    let validator = schema_validator();
    for c in cases {
        let (_, b) = bundle_of(&common::project(c));
        assert!(validator.is_valid(&b), "{c:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The binary.

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Write an in-memory project to a fresh temporary folder.
fn write_project(tag: &str, files: &[(String, String)]) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("switchboard-compile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn example_bundle_matches_schema_and_is_byte_identical_across_runs() {
    let (code, a, err) = sb(&["compile", "examples/harbor-dental"], &manifest());
    assert_eq!(code, 0, "{err}");
    let (_, b, _) = sb(&["compile", "examples/harbor-dental"], &manifest());
    assert_eq!(a, b);
    // The same from inside the project: paths are project-relative.
    let (_, c, _) = sb(
        &["compile"],
        &manifest().join("examples/harbor-dental/topics"),
    );
    assert_eq!(a, c);
    let v: Value = serde_json::from_str(&a).unwrap();
    assert_valid(&v);
    // The planted mistakes show up.
    let names: Vec<&str> = v["handoffs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Front Desk", "billing", "on_call_dentist", "end_call"]
    );
    assert_eq!(v["handoffs"][1]["route"]["kind"], "invalid");
    assert_eq!(v["transfers"]["conflicts"].as_array().unwrap().len(), 1);
    assert!(
        v["templates"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["references"].as_array().unwrap())
            .any(|r| r["name"] == "billing_team" && r["target"].is_null())
    );
}

#[test]
fn example_bundle_diagnostics_equal_check_json_run_from_the_root() {
    let root = manifest().join("examples/harbor-dental");
    let (_, bundle, _) = sb(&["compile"], &root);
    let (_, check, _) = sb(&["check", "--format", "json"], &root);
    let bundle: Value = serde_json::from_str(&bundle).unwrap();
    let check: Value = serde_json::from_str(&check).unwrap();
    assert_eq!(bundle["diagnostics"], check["diagnostics"]);
    assert_eq!(bundle["diagnostics"].as_array().unwrap().len(), 8);
}

#[test]
fn output_file_strict_and_exit_codes() {
    let dir = write_project("exit", &files());
    let out = dir.join("bundle.json");
    let out_s = out.to_str().unwrap();
    // Errors (SB201, SB301): the bundle is still written.
    let (code, stdout, err) = sb(&["compile", ".", "-o", out_s], &dir);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout, "");
    let written = std::fs::read_to_string(&out).expect("bundle written");
    let (_, again, _) = sb(&["compile", "."], &dir);
    assert_eq!(written, again);
    std::fs::remove_file(&out).unwrap();
    // --strict refuses.
    let (code, stdout, err) = sb(&["compile", "--strict", ".", "-o", out_s], &dir);
    assert_eq!(code, 1);
    assert_eq!(stdout, "");
    assert!(!out.exists(), "--strict must not write the bundle");
    assert!(err.contains("error[SB201]"), "{err}");
    assert!(err.contains("bundle not written (--strict)"), "{err}");
    // --strict on a project without errors writes it.
    let clean = write_project("clean", &common::base());
    let (code, stdout, err) = sb(&["compile", "--strict"], &clean);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.starts_with("{\n  \"version\": 1,"));
    // A path that is not a project: usage error.
    let (code, _, err) = sb(&["compile", "/nonexistent/switchboard/project"], &dir);
    assert_eq!(code, 2, "{err}");
    // An unwritable output file: I/O error.
    let (code, _, err) = sb(&["compile", ".", "-o", "/nonexistent/dir/b.json"], &clean);
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&clean);
}

/// The model keeps no cooked text; `project::cooked_values` derives it again from each file. The
/// values must be the texts that were scanned: the same number per file, in the model's order,
/// each holding the references the model recorded, with YAML folding and escapes and Python
/// string escapes applied.
#[test]
fn cooked_values_are_the_texts_the_model_scanned() {
    use switchboard::project::{cooked_values, load, load_files};
    use switchboard::syntax::template;
    let files = vec![
        (
            "topics/Billing help.yaml".to_string(),
            "name: Billing help\ncontent: >\n  Folded text for\n  {{attr:office_phone}}\u{a0}callers.\n\n  Second {{fn:lookup_bill}}\nactions: |\n    Literal {{ho:billing}}\n      indented $caller_id\n".to_string(),
        ),
        (
            "topics/quoted.yaml".to_string(),
            "name: quoted\ncontent: \"Tab\\there {{ho:desk}}\"\nactions: 'It''s {{attr:x}}'\n".to_string(),
        ),
        (
            "functions/lookup_bill.py".to_string(),
            "from _gen import *  # <AUTO GENERATED>\n\n\ndef lookup_bill(\n    conv: Conversation,\n    account: str,\n):\n    return \"Tell \\u00e9 {{ho:billing}}\\n$caller_id\"\n".to_string(),
        ),
        (
            "agent_settings/rules.txt".to_string(),
            "# Rules\nTransfer with {{ho:billing}} \u{200b}only.\n".to_string(),
        ),
    ];
    let synthetic = load_files(Path::new("/synthetic"), &files);
    let example = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental"));
    let mut folded_seen = false;
    for p in [&synthetic, &example] {
        assert!(!p.texts.is_empty());
        for file in &p.files {
            let values = cooked_values(p, file.id);
            let texts: Vec<_> = p.texts.iter().filter(|t| t.file == file.id).collect();
            assert_eq!(values.len(), texts.len(), "{}", file.rel);
            for (t, v) in texts.iter().zip(&values) {
                let scanned: Vec<_> = template::scan(v)
                    .refs
                    .into_iter()
                    .map(|r| (r.kind, r.name))
                    .collect();
                let kept: Vec<_> = t.refs.iter().map(|r| (r.kind, r.name.clone())).collect();
                assert_eq!(scanned, kept, "{}: {v:?}", file.rel);
                if v.contains("Folded text for {{attr:office_phone}}\u{a0}callers.\nSecond") {
                    folded_seen = true;
                }
            }
        }
    }
    assert!(folded_seen, "the folded scalar's value is folded");
    let values = |rel: &str| {
        let f = synthetic.files.iter().find(|f| f.rel == rel).unwrap();
        cooked_values(&synthetic, f.id)
    };
    let topic = values("topics/Billing help.yaml");
    assert!(
        topic
            .iter()
            .any(|v| &**v == "Literal {{ho:billing}}\n  indented $caller_id\n")
    );
    let quoted = values("topics/quoted.yaml");
    assert!(quoted.iter().any(|v| &**v == "Tab\there {{ho:desk}}"));
    assert!(quoted.iter().any(|v| &**v == "It's {{attr:x}}"));
    let function = values("functions/lookup_bill.py");
    assert!(
        function
            .iter()
            .any(|v| &**v == "Tell é {{ho:billing}}\n$caller_id")
    );
}
