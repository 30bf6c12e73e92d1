//! The JSON Schemas in `schemas/`: both are valid draft 2020-12 schemas; the handoffs schema
//! accepts real handoff files and rejects each kind of mistake, at the right place.

use serde_json::Value;
use std::path::Path;
use switchboard::compile::yaml_json;

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(name),
    )
    .expect("read schema");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn handoffs_validator() -> jsonschema::Validator {
    let s = schema("handoffs.schema.json");
    assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
    jsonschema::validator_for(&s).expect("compile handoffs schema")
}

/// Instance paths of every error for a YAML text.
fn errors(yaml: &str) -> Vec<String> {
    let v = yaml_json::parse(yaml);
    let validator = handoffs_validator();
    let mut out: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| e.instance_path().to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

#[test]
fn both_schemas_are_valid_draft_2020_12() {
    for name in ["bundle.schema.json", "handoffs.schema.json"] {
        let s = schema(name);
        assert_eq!(
            s["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert!(
            jsonschema::meta::is_valid(&s),
            "{name} is not a valid schema"
        );
        // Draft 2020-12 in full: the schema validates against the meta-schema itself.
        jsonschema::meta::validate(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn clean_fixture_handoffs_validate() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/projects/clean_real/config/handoffs.yaml"),
    )
    .unwrap();
    assert_eq!(errors(&text), Vec::<String>::new());
}

#[test]
fn example_project_handoffs_fail_only_at_the_planted_route() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental/config/handoffs.yaml"),
    )
    .unwrap();
    // `billing` is written `+1 (415) 555-0134` on purpose (SB103).
    assert_eq!(errors(&text), ["/handoffs/1/sip_config/phone_number"]);
    let fixed = text.replace("'+1 (415) 555-0134'", "'+14155550134'");
    assert_eq!(errors(&fixed), Vec::<String>::new());
}

const GOOD: &str = "handoffs:
  - name: billing
    description: Billing disputes
    is_default: true
    sip_config:
      method: refer
      phone_number: \"+15551234567\"
    sip_headers:
      - key: X-Caller-ID
        value: $caller_id
  - name: desk
    description: Reception
    is_default: false
    sip_config:
      method: invite
      phone_number: <sip:desk@pbx.example.com>
      outbound_endpoint: sbc.example.com:5061
      outbound_encryption: UDP/RTP
  - name: ext
    description: Extension
    sip_config:
      method: refer
      phone_number: \"4021\"
  - name: end_call
    description: End the call
    sip_config:
      method: bye
";

#[test]
fn every_method_and_route_kind_is_accepted() {
    assert_eq!(errors(GOOD), Vec::<String>::new());
    assert_eq!(
        errors(&GOOD.replace("<sip:desk@pbx.example.com>", "sips:desk@pbx.example.com")),
        Vec::<String>::new()
    );
}

#[test]
fn invalid_samples_fail_where_expected() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "bad method",
            "method: refer\n      phone_number: \"+1555",
            "method: transfer\n      phone_number: \"+1555",
        ),
        ("bad encryption", "UDP/RTP", "SRTP"),
        ("header without X-", "key: X-Caller-ID", "key: Caller-ID"),
        (
            "header with a space",
            "key: X-Caller-ID",
            "key: X-Caller ID",
        ),
        ("national number", "\"+15551234567\"", "\"5551234567\""),
        (
            "number with spaces",
            "\"+15551234567\"",
            "\"+1 555 123 4567\"",
        ),
        (
            "unknown key",
            "    is_default: true\n",
            "    is_default: true\n    priority: 1\n",
        ),
        (
            "unknown sip_config key",
            "method: bye\n",
            "method: bye\n      trunk: main\n",
        ),
        (
            "is_default as a string",
            "is_default: true",
            "is_default: \"yes\"",
        ),
        (
            "endpoint on refer",
            "phone_number: \"4021\"\n",
            "phone_number: \"4021\"\n      outbound_endpoint: sbc.example.com\n",
        ),
        (
            "route on bye",
            "method: bye\n",
            "method: bye\n      phone_number: \"+15551234567\"\n",
        ),
    ];
    let expected_paths = [
        "/handoffs/0/sip_config/method",
        "/handoffs/1/sip_config/outbound_encryption",
        "/handoffs/0/sip_headers/0/key",
        "/handoffs/0/sip_headers/0/key",
        "/handoffs/0/sip_config/phone_number",
        "/handoffs/0/sip_config/phone_number",
        "/handoffs/0",
        "/handoffs/3/sip_config",
        "/handoffs/0/is_default",
        "/handoffs/2/sip_config",
        "/handoffs/3/sip_config",
    ];
    for ((what, from, to), want) in cases.iter().zip(expected_paths) {
        assert!(GOOD.contains(from), "{what}: sample text not found");
        let bad = GOOD.replacen(from, to, 1);
        let errs = errors(&bad);
        assert!(
            errs.iter().any(|e| e == want),
            "{what}: expected an error at {want}, got {errs:?}"
        );
        assert!(
            errs.iter().all(|e| e.starts_with(want)),
            "{what}: errors elsewhere too: {errs:?}"
        );
    }
    // Missing required fields.
    assert_eq!(errors("handoffs:\n  - description: x\n"), ["/handoffs/0"]);
    assert_eq!(
        errors("handoffs:\n  - name: x\n    sip_config: {}\n"),
        ["/handoffs/0/sip_config"]
    );
    assert_eq!(errors("handoff: []\n"), [""]);
}
