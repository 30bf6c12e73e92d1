//! Fidelity to the official ADK (polyai-adk 0.73.2): what it accepts raises no error here
//! (each case a fixture that used to fire), and what it rejects is an error here.

use crate::common::*;

const VARIANTS: &str = "variants:\n  - name: Soho\n    is_default: true\n  - name: Café Rouge Shoreditch\n    is_default: false\nattributes:\n  - name: brand_name\n    values:\n      Soho: Harbor Dental\n      Café Rouge Shoreditch: Harbor Dental East\n  - name: take_out_sms\n    values:\n      Soho: >-\n        Order online at\n        example.com/soho\n      Café Rouge Shoreditch: ''\n";

fn sms(text: &str) -> String {
    format!(
        "sms_templates:\n- name: take_out\n  text: {text}\n  env_phone_numbers:\n    sandbox: ''\n    pre_release: ''\n    live: '+15550001234'\n"
    )
}

fn with_sms(text: &str) -> Vec<(String, String)> {
    let body = sms(text);
    project(&[
        ("config/variant_attributes.yaml", VARIANTS),
        ("config/sms_templates.yaml", &body),
    ])
}

#[test]
fn variant_attributes_in_an_sms_text_are_allowed() {
    // As in real projects: the whole text, or inside a sentence, plain and quoted.
    for text in [
        "${variant_take_out_sms}",
        "Hi from ${variant_brand_name}. Head to www.example.com for details.",
        "'Hi from ${variant_brand_name}: ${variant_take_out_sms}'",
    ] {
        let all = diagnose(&with_sms(text));
        assert!(
            !all.iter()
                .any(|f| f.severity == "error" || f.code == "SB211" || f.code == "SB204"),
            "{text}: {all:#?}"
        );
    }
}

#[test]
fn an_unknown_variant_attribute_in_an_sms_text_is_sb204() {
    let f = fires(
        &with_sms("Hi from ${variant_brand_nam}."),
        "SB204",
        "config/sms_templates.yaml",
        3,
        27,
        "unknown variant attribute `brand_nam`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `brand_name`?"));
    // The platform accepts it (and sends the text as written): a warning, not an error.
    assert_eq!(f.severity, "warning");
    silent(&with_sms("Hi from ${variant_brand_nam}."), "SB211");
}

#[test]
fn an_attr_reference_in_an_sms_text_stays_sb211() {
    fires(
        &with_sms("'Hi from {{attr:brand_name}}.'"),
        "SB211",
        "config/sms_templates.yaml",
        3,
        18,
        "variant attribute reference is not allowed in an SMS template text",
    );
}

const BYE_HANDOFFS: &str = "handoffs:\n  - name: Front Desk\n    description: The front desk\n    is_default: true\n    sip_config:\n      method: refer\n      phone_number: '+14155550100'\n  - name: billing\n    description: Billing questions\n    sip_config:\n      method: refer\n      phone_number: '+14155550101'\n  - name: end_call\n    description: End the call\n  - name: hang up\n    description: Hang up politely\n    sip_config:\n      phone_number: ''\n";

#[test]
fn a_handoff_without_sip_config_or_method_is_a_bye() {
    let files = project(&[("config/handoffs.yaml", BYE_HANDOFFS)]);
    let all = diagnose(&files);
    assert!(
        !all.iter()
            .any(|f| f.code == "SB004" || f.severity == "error"),
        "{all:#?}"
    );
    let p = load(&files);
    let methods: Vec<&str> = p.handoffs.iter().map(|h| h.method_name()).collect();
    assert_eq!(methods, ["refer", "refer", "bye", "bye"]);
    assert!(
        p.handoffs[2].method_kind() == Some(switchboard::model::Method::Bye)
            && p.handoffs[3].method_kind() == Some(switchboard::model::Method::Bye)
    );
}

#[test]
fn an_unknown_method_is_still_sb101() {
    let files = project(&[(
        "config/handoffs.yaml",
        &BYE_HANDOFFS.replace("      phone_number: ''\n", "      method: hangup\n"),
    )]);
    fires(
        &files,
        "SB101",
        "config/handoffs.yaml",
        18,
        15,
        "unknown SIP method `hangup`: expected `invite`, `refer` or `bye`",
    );
}

const TAGGED: &str = "name: Opening Hours\ntags:\n  - hours\n  - locations\ncontent: |\n  We open at 9am.\nexample_queries:\n  - When are you open?\n";

#[test]
fn topic_tags_are_a_field() {
    let files = project(&[("topics/opening_hours.yaml", TAGGED)]);
    let all = diagnose(&files);
    assert!(
        !all.iter().any(|f| f.file == "topics/opening_hours.yaml"),
        "{all:#?}"
    );
}

#[test]
fn sb412_empty_and_duplicate_tags() {
    let files = project(&[(
        "topics/opening_hours.yaml",
        &TAGGED.replace(
            "  - locations\n",
            "  - \"  \"\n  - locations\n  - ' hours'\n",
        ),
    )]);
    let all = diagnose(&files);
    let hits: Vec<&Found> = all.iter().filter(|f| f.code == "SB412").collect();
    assert_eq!(hits.len(), 2, "{all:#?}");
    assert_eq!(
        (
            hits[0].line,
            hits[0].col,
            hits[0].message.as_str(),
            hits[0].severity
        ),
        (4, 6, "empty topic tag", "error")
    );
    assert_eq!(
        (hits[1].line, hits[1].col, hits[1].message.as_str()),
        (6, 6, "duplicate topic tag `hours`")
    );
}

#[test]
fn tags_that_are_not_a_list_of_strings_are_sb004() {
    let files = project(&[(
        "topics/opening_hours.yaml",
        &TAGGED.replace("  - locations\n", "  - 42\n"),
    )]);
    fires(
        &files,
        "SB004",
        "topics/opening_hours.yaml",
        4,
        5,
        "`a tag` must be a string, found integer",
    );
    silent(&files, "SB008");
}

#[test]
fn a_topic_without_a_name_is_named_after_its_file() {
    let files = project(&[(
        "topics/opening_hours.yaml",
        &TAGGED.replace("name: Opening Hours\n", ""),
    )]);
    let all = diagnose(&files);
    assert!(!all.iter().any(|f| f.code == "SB004"), "{all:#?}");
}

#[test]
fn clean_names_keep_letters_of_every_script() {
    // The ADK names this file `café_menu.yaml`; an ASCII-only clean name would want `caf_menu`.
    let topic = TAGGED.replace("Opening Hours", "Café Menu");
    silent(&project(&[("topics/café_menu.yaml", &topic)]), "SB407");
    fires(
        &project(&[("topics/cafe_menu.yaml", &topic)]),
        "SB407",
        "topics/cafe_menu.yaml",
        1,
        7,
        "topic file for `Café Menu` should be named `café_menu`, not `cafe_menu`",
    );
}

#[test]
fn object_attribute_values_are_values() {
    let variants = "variants:\n  - name: Soho\n    is_default: true\n  - name: Shoreditch\n    is_default: false\nattributes:\n  - name: opening_hours\n    kind: object\n    values:\n      Soho:\n        weekdays: 8am to 11pm\n        weekend: closed\n      Shoreditch: [9am, midnight]\n";
    let files = project(&[("config/variant_attributes.yaml", variants)]);
    silent(&files, "SB410");
    // A variant that truly has no value is still reported.
    let missing = variants.replace("      Shoreditch: [9am, midnight]\n", "");
    fires(
        &project(&[("config/variant_attributes.yaml", &missing)]),
        "SB410",
        "config/variant_attributes.yaml",
        7,
        11,
        "attribute `opening_hours` has no value for variant `Shoreditch`",
    );
}

#[test]
fn sb413_attribute_names_must_be_python_identifiers() {
    let variants = |name: &str| {
        format!(
            "variants:\n  - name: Soho\n    is_default: true\nattributes:\n  - name: {name}\n    values:\n      Soho: x\n"
        )
    };
    let f = fires(
        &project(&[("config/variant_attributes.yaml", &variants("customer-name"))]),
        "SB413",
        "config/variant_attributes.yaml",
        5,
        11,
        "attribute name `customer-name` is not a Python identifier",
    );
    assert_eq!(f.severity, "error");
    assert_eq!(f.help.as_deref(), Some("rename it, e.g. `customer_name`"));
    fires(
        &project(&[("config/variant_attributes.yaml", &variants("class"))]),
        "SB413",
        "config/variant_attributes.yaml",
        5,
        11,
        "attribute name `class` is a reserved word in Python",
    );
    fires(
        &project(&[("config/variant_attributes.yaml", &variants("café_name"))]),
        "SB413",
        "config/variant_attributes.yaml",
        5,
        11,
        "attribute name `café_name` is not a Python identifier",
    );
    for ok in ["customer_name", "_private", "Class2", "match"] {
        silent(
            &project(&[("config/variant_attributes.yaml", &variants(ok))]),
            "SB413",
        );
    }
}

#[test]
fn zero_default_handoffs_is_an_error() {
    let files = project(&[(
        "config/handoffs.yaml",
        &BYE_HANDOFFS.replace("    is_default: true\n", ""),
    )]);
    let f = fires(
        &files,
        "SB107",
        "config/handoffs.yaml",
        2,
        11,
        "no handoff is marked `is_default: true`",
    );
    assert_eq!(f.severity, "error");
    silent(&project(&[("config/handoffs.yaml", BYE_HANDOFFS)]), "SB107");
}

#[test]
fn sb109_handoff_names_that_clean_to_one() {
    let handoffs = BYE_HANDOFFS.replace("  - name: hang up\n", "  - name: Front_Desk\n");
    let f = fires(
        &project(&[("config/handoffs.yaml", &handoffs)]),
        "SB109",
        "config/handoffs.yaml",
        15,
        11,
        "handoff name `Front_Desk` is the same as `Front Desk` once cleaned (`Front_Desk`)",
    );
    assert_eq!(f.severity, "error");
    // Names that differ in letters are two handoffs; case is kept by the clean name.
    let distinct = BYE_HANDOFFS.replace("  - name: hang up\n", "  - name: front desk\n");
    silent(&project(&[("config/handoffs.yaml", &distinct)]), "SB109");
}

#[test]
fn sb011_legacy_persona_files_warn_once_and_are_not_read() {
    // A reference that would be an error in persona.txt is not looked at: the ADK deletes the file.
    let legacy =
        "adjectives:\n  Warm: true\ncustom: |\n  Escalate with {{ho:nope}} and {{fn:missing}}.\n";
    let files = project(&[("agent_settings/personality.yaml", legacy)]);
    let f = fires(
        &files,
        "SB011",
        "agent_settings/personality.yaml",
        1,
        1,
        "`agent_settings/personality.yaml` is a legacy file: the ADK deletes it when it loads the project",
    );
    assert_eq!(f.severity, "warning");
    let all = diagnose(&files);
    assert!(
        all.iter()
            .all(|d| d.file != "agent_settings/personality.yaml" || d.code == "SB011"),
        "{all:#?}"
    );
    // Even a file that does not parse costs one warning, not a YAML error.
    let broken = project(&[("agent_settings/role.yaml", "value: [unclosed\n")]);
    let all = diagnose(&broken);
    assert!(!all.iter().any(|d| d.code == "SB001"), "{all:#?}");
    silent(
        &project(&[("agent_settings/persona.txt", "You are warm.\n")]),
        "SB011",
    );
}
