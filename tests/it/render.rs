//! `switchboard render`: what a handoff sends, for every method, with built-in, known and unknown
//! variables, header injection refused, did-you-mean for unknown handoffs, and exit codes.

use crate::common;
use crate::common::sb;

use std::path::PathBuf;
use switchboard::analysis::Options;
use switchboard::compile::render::{Missing, RenderError, RenderedHeader, parse_var, render};

const HANDOFFS: &str = "handoffs:
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
  - name: desk
    description: Reception desk
    is_default: false
    sip_config:
      method: invite
      phone_number: <sip:desk@pbx.example.com>
      outbound_endpoint: sbc.example.com:5061
    sip_headers:
      - key: X-Typo
        value: $pateint_id
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
      phone_number: +1 (415) 555-0134
      outbound_encryption: UDP/RTP
  - name: injected
    description: A header with a line break in its text
    is_default: false
    sip_config:
      method: bye
    sip_headers:
      - key: X-Two
        value: \"a\\r\\nX-Evil: 1\"
  - name: end_call
    description: End the call
    is_default: false
    sip_config:
      method: bye
    sip_headers:
      - key: X-Call-Outcome
        value: self_service
";

fn files() -> Vec<(String, String)> {
    common::project(&[("config/handoffs.yaml", HANDOFFS)])
}

fn vars(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn h(k: &str, v: &str) -> RenderedHeader {
    RenderedHeader {
        key: k.into(),
        value: v.into(),
    }
}

#[test]
fn refer_with_builtin_and_known_variables() {
    let p = common::load(&files());
    let r = render(
        &p,
        &Options::default(),
        "billing",
        &vars(&[("caller_id", "+14155550199"), ("patient_id", "p-42")]),
    )
    .unwrap();
    assert_eq!(r.method.as_deref(), Some("refer"));
    assert_eq!(
        r.headers,
        [
            h("X-Caller-ID", "+14155550199"),
            h("X-Patient", "acct-p-42;src=ivr")
        ]
    );
    assert_eq!(r.endpoint, None);
    assert_eq!(r.encryption, None);
    assert_eq!(
        r.to_text(),
        "handoff     billing\nmethod      REFER\ntarget      +15551234567 (e164)\nheaders\n  X-Caller-ID: +14155550199\n  X-Patient: acct-p-42;src=ivr\n"
    );
}

#[test]
fn invite_sip_uri_extension_and_bye() {
    let p = common::load(&files());
    let o = Options::default();
    let r = render(&p, &o, "desk", &vars(&[("pateint_id", "x")])).unwrap();
    assert_eq!(
        r.to_text(),
        "handoff     desk\nmethod      INVITE\ntarget      sip:desk@pbx.example.com (sip_uri)\nendpoint    sbc.example.com:5061\nencryption  (none: no outbound_encryption, SB105)\nheaders\n  X-Typo: x\n"
    );
    let r = render(&p, &o, "ext", &[]).unwrap();
    assert_eq!(
        r.to_text(),
        "handoff     ext\nmethod      REFER\ntarget      4021 (extension)\nheaders     (none)\n"
    );
    let r = render(&p, &o, "end_call", &[]).unwrap();
    assert_eq!(
        r.to_text(),
        "handoff     end_call\nmethod      BYE\ntarget      (none: bye ends the agent's leg of the call)\nheaders\n  X-Call-Outcome: self_service\n"
    );
    let r = render(&p, &o, "bad", &[]).unwrap();
    assert_eq!(
        r.to_text(),
        "handoff     bad\nmethod      INVITE\ntarget      +1 (415) 555-0134 (invalid: an E.164 number is `+` and digits only, without spaces, dashes or brackets; did you mean +14155550134?)\nencryption  UDP/RTP\nheaders     (none)\n"
    );
}

#[test]
fn missing_values_name_every_variable_and_say_what_kind_it_is() {
    let p = common::load(&files());
    let o = Options::default();
    let e = render(&p, &o, "billing", &[]).unwrap_err();
    assert_eq!(
        e,
        RenderError::MissingVariables {
            handoff: "billing".into(),
            missing: vec![
                Missing {
                    name: "caller_id".into(),
                    header: "X-Caller-ID".into(),
                    builtin: true,
                    written: false
                },
                Missing {
                    name: "patient_id".into(),
                    header: "X-Patient".into(),
                    builtin: false,
                    written: true
                },
            ]
        }
    );
    let msg = e.to_string();
    assert!(msg.starts_with("no value for variable `caller_id` (used in header `X-Caller-ID` of handoff `billing`): pass --var caller_id=VALUE\n  note: `caller_id` is a built-in variable"), "{msg}");
    assert!(
        msg.contains("\nerror: no value for variable `patient_id`"),
        "{msg}"
    );
    let e = render(&p, &o, "desk", &[]).unwrap_err();
    assert!(
        e.to_string()
            .contains("no code sets `pateint_id` and it is not a built-in variable"),
        "{e}"
    );
    // A configured built-in is reported as one.
    let o2 = Options {
        builtin_variables: vec!["caller_id".into(), "pateint_id".into()],
        ..Options::default()
    };
    let e = render(&p, &o2, "desk", &[]).unwrap_err();
    assert!(
        e.to_string()
            .contains("`pateint_id` is a built-in variable"),
        "{e}"
    );
}

#[test]
fn header_injection_is_refused() {
    let p = common::load(&files());
    let o = Options::default();
    for bad in ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\0b"] {
        let e = render(
            &p,
            &o,
            "billing",
            &vars(&[("caller_id", bad), ("patient_id", "p")]),
        )
        .unwrap_err();
        assert_eq!(
            e,
            RenderError::UnsafeValue {
                var: "caller_id".into()
            }
        );
    }
    let e = render(&p, &o, "injected", &[]).unwrap_err();
    assert_eq!(
        e,
        RenderError::UnsafeHeader {
            key: "X-Two".into()
        }
    );
}

#[test]
fn unknown_handoff_suggests_the_closest() {
    let p = common::load(&files());
    let e = render(&p, &Options::default(), "biling", &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "no handoff named `biling`; did you mean `billing`?"
    );
    let e = render(&p, &Options::default(), "zzzzzz", &[]).unwrap_err();
    assert_eq!(e.to_string(), "no handoff named `zzzzzz`");
}

#[test]
fn var_arguments() {
    assert_eq!(parse_var("a=b=c"), Ok(("a".into(), "b=c".into())));
    assert_eq!(parse_var("a="), Ok(("a".into(), String::new())));
    assert!(parse_var("novalue").is_err());
    assert!(parse_var("=x").is_err());
    // The last value of a name wins.
    let p = common::load(&files());
    let r = render(
        &p,
        &Options::default(),
        "billing",
        &vars(&[("caller_id", "1"), ("patient_id", "p"), ("caller_id", "2")]),
    )
    .unwrap();
    assert_eq!(r.headers[0], h("X-Caller-ID", "2"));
}

// ---------------------------------------------------------------------------------------------
// The binary.

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn cli_example_project() {
    let m = manifest();
    let ex = "examples/harbor-dental";
    let (code, out, err) = sb(
        &[
            "render",
            "--handoff",
            "Front Desk",
            "--var",
            "caller_id=+14155550199",
            "--var",
            "patient_id=P-1001",
            ex,
        ],
        &m,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "handoff     Front Desk\nmethod      REFER\ntarget      +14155550100 (e164)\nheaders\n  X-Caller-ID: +14155550199\n  X-Patient-ID: P-1001\n"
    );
    let (code, out, _) = sb(
        &[
            "render",
            "--handoff",
            "Front Desk",
            "--format",
            "json",
            "--var",
            "caller_id=1",
            "--var",
            "patient_id=2",
            ex,
        ],
        &m,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "handoff": "Front Desk", "method": "refer",
            "target": {"kind": "e164", "original": "+14155550100", "value": "+14155550100", "problem": null},
            "endpoint": null, "encryption": null,
            "headers": [{"key": "X-Caller-ID", "value": "1"}, {"key": "X-Patient-ID", "value": "2"}]
        })
    );
    // The misspelt variable of the example needs a value like any other, and is named.
    let (code, out, err) = sb(
        &[
            "render",
            "--handoff",
            "on_call_dentist",
            "--var",
            "caller_id=1",
            ex,
        ],
        &m,
    );
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.starts_with("error: no value for variable `pateint_id` (used in header `X-Patient-ID` of handoff `on_call_dentist`)"), "{err}");
    // Usage errors exit 2.
    let (code, _, err) = sb(&["render", "--handoff", "front desk", ex], &m);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: no handoff named `front desk`; did you mean `Front Desk`?\n"
    );
    let (code, _, err) = sb(
        &["render", "--handoff", "billing", "--var", "patient_id", ex],
        &m,
    );
    assert_eq!(code, 2);
    assert_eq!(err, "error: `--var patient_id` is not `name=value`\n");
    let (code, _, err) = sb(
        &[
            "render",
            "--handoff",
            "billing",
            "--var",
            "patient_id=a\r\nX-Evil: 1",
            ex,
        ],
        &m,
    );
    assert_eq!(code, 2);
    assert!(err.contains("contains CR, LF or NUL"), "{err}");
    let (code, _, _) = sb(&["render", ex], &m);
    assert_eq!(code, 2, "--handoff is required");
}
