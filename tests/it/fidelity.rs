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
fn tags_that_are_not_a_list_of_strings_are_sb013_or_sb004() {
    // A number is SB013 (quote it); a collection is SB004.
    let files = project(&[(
        "topics/opening_hours.yaml",
        &TAGGED.replace("  - locations\n", "  - 42\n"),
    )]);
    fires(
        &files,
        "SB013",
        "topics/opening_hours.yaml",
        4,
        5,
        "a tag must be a string, but YAML reads `42` as an integer",
    );
    silent(&files, "SB004");
    silent(&files, "SB008");
    let files = project(&[(
        "topics/opening_hours.yaml",
        &TAGGED.replace("  - locations\n", "  - {where: here}\n"),
    )]);
    fires(
        &files,
        "SB004",
        "topics/opening_hours.yaml",
        4,
        5,
        "`a tag` must be a string, found mapping",
    );
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
    // Both legacy files: one warning for the project, the second file labelled.
    let both = project(&[
        ("agent_settings/personality.yaml", legacy),
        (
            "agent_settings/role.yaml",
            "value: Receptionist\ncustom: \"\"\n",
        ),
    ]);
    fires(
        &both,
        "SB011",
        "agent_settings/personality.yaml",
        1,
        1,
        "`agent_settings/personality.yaml` is a legacy file: the ADK deletes it when it loads the project",
    );
}

/// `config/variant_attributes.yaml` in the shape `poly pull` writes it, with one more attribute.
fn with_attribute(attribute: &str) -> Vec<(String, String)> {
    let text = format!(
        "variants:\n- name: Poly Bistro Downtown\n  is_default: true\n- name: Poly Bistro Uptown\nattributes:\n- name: site_name\n  values:\n    Poly Bistro Downtown: Poly Bistro Downtown\n    Poly Bistro Uptown: Poly Bistro Uptown\n{attribute}"
    );
    project(&[("config/variant_attributes.yaml", &text)])
}

/// An attribute of `kind` with a `config` block (empty for none) and these two values.
fn attribute(kind: &str, config: &str, downtown: &str, uptown: &str) -> String {
    format!(
        "- name: max_party_size\n  kind: {kind}\n{config}  values:\n    Poly Bistro Downtown: {downtown}\n    Poly Bistro Uptown: {uptown}\n"
    )
}

/// No error at all on `config/variant_attributes.yaml`.
#[track_caller]
fn attributes_clean(files: &[(String, String)]) {
    let all = diagnose(files);
    assert!(
        !all.iter()
            .any(|f| f.file == "config/variant_attributes.yaml"),
        "{all:#?}"
    );
}

#[test]
fn sb414_unknown_attribute_kind() {
    let f = fires(
        &with_attribute(&attribute("integer", "", "12", "8")),
        "SB414",
        "config/variant_attributes.yaml",
        11,
        9,
        "unknown attribute kind `integer`: expected one of `string`, `number`, `boolean`, `enum`, `object`",
    );
    assert_eq!(f.severity, "error");
    assert_eq!(f.help.as_deref(), Some("did you mean `number`?"));
    assert_eq!(f.fixes, ["number"]);
    // Read as the ADK reads it: stripped, in any case; null or empty is a string attribute.
    for kind in ["number", "' Number '", "NUMBER", "string", "~", "''"] {
        attributes_clean(&with_attribute(&attribute(kind, "", "12", "8")));
    }
    // A quoted `"null"` is no kind.
    fires(
        &with_attribute(&attribute("'null'", "", "12", "8")),
        "SB414",
        "config/variant_attributes.yaml",
        11,
        10,
        "unknown attribute kind `null`: expected one of `string`, `number`, `boolean`, `enum`, `object`",
    );
}

#[test]
fn sb414_config_only_on_an_enum() {
    let values = "  config:\n    values: [gold, silver]\n";
    fires(
        &with_attribute(&attribute("string", values, "gold", "silver")),
        "SB414",
        "config/variant_attributes.yaml",
        13,
        5,
        "attribute `max_party_size` of kind `string` takes no `config`: only an `enum` has one",
    );
    attributes_clean(&with_attribute(&attribute(
        "enum", values, "gold", "silver",
    )));
    // An empty `config` is no config; the keys are snake-cased (`Values` is `values`).
    attributes_clean(&with_attribute(&attribute(
        "string",
        "  config: {}\n",
        "a",
        "b",
    )));
    attributes_clean(&with_attribute(&attribute(
        "enum",
        "  config:\n    Values: [gold, silver]\n",
        "gold",
        "silver",
    )));
}

#[test]
fn sb414_enum_values_must_be_distinct_strings() {
    let enum_with = |values: &str| {
        with_attribute(&attribute(
            "enum",
            &format!("  config:\n    values: {values}\n"),
            "gold",
            "gold",
        ))
    };
    for (values, col, message) in [
        (
            "[]",
            13,
            "enum attribute `max_party_size` needs a non-empty `config.values` list",
        ),
        (
            "gold",
            13,
            "enum attribute `max_party_size` needs a non-empty `config.values` list",
        ),
        (
            "[gold, 2]",
            20,
            "enum value `2` of attribute `max_party_size` must be a string, found integer",
        ),
        (
            "[gold, silver, gold]",
            28,
            "duplicate enum value `gold` in attribute `max_party_size`",
        ),
    ] {
        fires(
            &enum_with(values),
            "SB414",
            "config/variant_attributes.yaml",
            13,
            col,
            message,
        );
    }
    fires(
        &with_attribute(&attribute("enum", "", "gold", "gold")),
        "SB414",
        "config/variant_attributes.yaml",
        11,
        9,
        "enum attribute `max_party_size` needs a non-empty `config.values` list",
    );
    attributes_clean(&enum_with("[gold, silver, '2']"));
}

#[test]
fn sb415_values_match_the_kind_as_the_adk_reads_them() {
    let f = fires(
        &with_attribute(&attribute("number", "", "12", "about eight")),
        "SB415",
        "config/variant_attributes.yaml",
        14,
        25,
        "attribute `max_party_size` is of kind `number`, but its value for variant `Poly Bistro Uptown` is the string `about eight`",
    );
    assert_eq!(f.severity, "error");
    // Each kind with values the ADK accepts (after stripping and its coercions), and unset ones.
    let enum_config = "  config:\n    values: [gold, silver, '7', '1000.0', 'true']\n";
    for (kind, config, a, b) in [
        ("number", "", "12.5", "' 12 '"),
        ("number", "", "'1_000'", "0x1F"),
        ("number", "", "-3", "''"),
        ("boolean", "", "true", "' TRUE '"),
        ("boolean", "", "'false'", "~"),
        ("string", "", "42", "true"),
        ("string", "", "'   '", "Poly Bistro"),
        ("object", "", "{mon: 9-5}", "[a, b]"),
        (
            "object",
            "",
            "'{\"mon\": [\"9:00\", \"17:00\"]}'",
            "' [1, 2] '",
        ),
        ("enum", enum_config, "' gold '", "7"),
        ("enum", enum_config, "1e3", "True"),
    ] {
        attributes_clean(&with_attribute(&attribute(kind, config, a, b)));
    }
    for (kind, config, value, found) in [
        ("number", "", "true", "the boolean `true`"),
        ("number", "", "'0x1F'", "the string `0x1F`"),
        ("number", "", ".inf", "the number `.inf`"),
        ("boolean", "", "'yes'", "the string `yes`"),
        ("boolean", "", "1", "the number `1`"),
        ("string", "", "[a, b]", "a list"),
        ("object", "", "not json", "the string `not json`"),
        ("object", "", "'42'", "the string `42`"),
        ("enum", enum_config, "platinum", "the string `platinum`"),
        ("enum", enum_config, "8", "the number `8`"),
    ] {
        let kind_name = kind;
        let all = diagnose(&with_attribute(&attribute(kind, config, "~", value)));
        let hits: Vec<&Found> = all.iter().filter(|f| f.code == "SB415").collect();
        assert_eq!(hits.len(), 1, "{kind} {value}: {all:#?}");
        assert_eq!(
            hits[0].message,
            format!(
                "attribute `max_party_size` is of kind `{kind_name}`, but its value for variant `Poly Bistro Uptown` is {found}"
            ),
        );
    }
}

#[test]
fn sb415_suggests_the_closest_enum_value() {
    let f = fires(
        &with_attribute(&attribute(
            "enum",
            "  config:\n    values: [gold, silver, bronze]\n",
            "gold",
            "silvr",
        )),
        "SB415",
        "config/variant_attributes.yaml",
        16,
        25,
        "attribute `max_party_size` is of kind `enum`, but its value for variant `Poly Bistro Uptown` is the string `silvr`",
    );
    assert_eq!(f.help.as_deref(), Some("did you mean `silver`?"));
    assert_eq!(f.fixes, ["silver"]);
}

#[test]
fn sb416_an_sms_template_needs_a_text() {
    fires(
        &with_sms("''"),
        "SB416",
        "config/sms_templates.yaml",
        3,
        3,
        "SMS template `take_out` has an empty `text`",
    );
    for text in ["", "|\n\n"] {
        fires(
            &with_sms(text),
            "SB416",
            "config/sms_templates.yaml",
            3,
            3,
            "SMS template `take_out` has an empty `text`",
        );
    }
    let no_text = sms("x").replace("  text: x\n", "");
    fires(
        &project(&[
            ("config/variant_attributes.yaml", VARIANTS),
            ("config/sms_templates.yaml", &no_text),
        ]),
        "SB416",
        "config/sms_templates.yaml",
        2,
        9,
        "SMS template `take_out` has no `text`",
    );
    // The ADK does not strip the text: a space is a text.
    silent(&with_sms("' '"), "SB416");
    silent(&with_sms("${variant_take_out_sms}"), "SB416");
}

#[test]
fn sb416_null_phone_numbers() {
    let body = "sms_templates:\n- name: take_out\n  text: Order online at example.com\n  env_phone_numbers: null\n";
    fires(
        &project(&[("config/sms_templates.yaml", body)]),
        "SB416",
        "config/sms_templates.yaml",
        4,
        3,
        "`env_phone_numbers` of SMS template `take_out` is null",
    );
    // Without the key the ADK fills in three empty numbers.
    let without = body.replace("  env_phone_numbers: null\n", "");
    let all = diagnose(&project(&[("config/sms_templates.yaml", &without)]));
    assert!(
        !all.iter()
            .any(|f| f.file == "config/sms_templates.yaml" && f.severity == "error"),
        "{all:#?}"
    );
}

/// `config/entities.yaml` as in the real projects, with one more entity.
fn with_entity(entity: &str) -> Vec<(String, String)> {
    let text = format!(
        "entities:\n- name: phone_number\n  description: The phone number to use for the reservation.\n  entity_type: phone_number\n  config:\n    enabled: true\n    country_codes:\n    - US\n- name: date_of_birth\n  description: The caller's date of birth.\n  entity_type: date\n  config: {{}}\n- name: full_name\n  description: The caller's full name.\n  entity_type: name_config\n  config: {{}}\n{entity}"
    );
    project(&[("config/entities.yaml", &text)])
}

fn entity(entity_type: &str, config: &str) -> String {
    format!(
        "- name: party_size\n  description: Number of guests.\n  entity_type: {entity_type}\n  config:\n{config}"
    )
}

#[test]
fn sb417_unknown_entity_type() {
    let f = fires(
        &with_entity(&entity("email", "    {}\n")),
        "SB417",
        "config/entities.yaml",
        19,
        16,
        "unknown entity type `email`: expected one of `numeric`, `alphanumeric`, `enum`, `date`, `phone_number`, `time`, `address`, `free_text`, `name_config`",
    );
    assert_eq!(f.severity, "error");
    // Case counts (the ADK compares exactly): the fix is certain.
    let f = fires(
        &with_entity(&entity("Numeric", "    {}\n")),
        "SB417",
        "config/entities.yaml",
        19,
        16,
        "unknown entity type `Numeric`: expected one of `numeric`, `alphanumeric`, `enum`, `date`, `phone_number`, `time`, `address`, `free_text`, `name_config`",
    );
    assert_eq!(f.fixes, ["numeric"]);
    let without = with_entity("- name: party_size\n  description: Number of guests.\n");
    fires(
        &without,
        "SB417",
        "config/entities.yaml",
        17,
        9,
        "entity `party_size` has no `entity_type`",
    );
    let all = diagnose(&with_entity(&entity("free_text", "    {}\n")));
    assert!(
        !all.iter().any(|f| f.file == "config/entities.yaml"),
        "{all:#?}"
    );
}

#[test]
fn sb417_entity_config_fields_have_the_types_of_the_entity_type() {
    fires(
        &with_entity(&entity(
            "numeric",
            "    has_decimal: false\n    has_range: true\n    min: 1\n    max: '20'\n",
        )),
        "SB417",
        "config/entities.yaml",
        24,
        11,
        "config field `max` of entity `party_size` must be a number for entity type `numeric`, found the string `20`",
    );
    fires(
        &with_entity(&entity("numeric", "    hasDecimal: 'no'\n")),
        "SB417",
        "config/entities.yaml",
        21,
        18,
        "config field `hasDecimal` of entity `party_size` must be a boolean (`true` or `false`) for entity type `numeric`, found the string `no`",
    );
    fires(
        &with_entity(&entity("enum", "    options: new\n")),
        "SB417",
        "config/entities.yaml",
        21,
        14,
        "config field `options` of entity `party_size` must be a list for entity type `enum`, found the string `new`",
    );
    // As the ADK reads them: a boolean is a number (`min: true`), fields it does not read are
    // not looked at, and an address takes any config.
    for (entity_type, config) in [
        (
            "numeric",
            "    hasDecimal: false\n    min: true\n    max: 20.5\n    unit: guests\n",
        ),
        ("enum", "    options:\n    - new\n    - follow-up\n"),
        ("address", "    anything: 1\n"),
        (
            "time",
            "    enabled: true\n    start_time: '09:00'\n    end_time: '17:00'\n",
        ),
    ] {
        let all = diagnose(&with_entity(&entity(entity_type, config)));
        assert!(
            !all.iter().any(|f| f.file == "config/entities.yaml"),
            "{entity_type}: {all:#?}"
        );
    }
}

#[test]
fn sb105_an_invite_needs_an_encryption() {
    let handoffs = HANDOFFS.replace("      outbound_encryption: TLS/SRTP\n", "");
    let f = fires(
        &project(&[("config/handoffs.yaml", &handoffs)]),
        "SB105",
        "config/handoffs.yaml",
        17,
        15,
        "invite handoff `Front Desk` has no `outbound_encryption`: expected `TLS/SRTP` or `UDP/RTP`",
    );
    assert_eq!(f.severity, "error");
    assert_eq!(f.fixes, ["\n      outbound_encryption: TLS/SRTP"]);
    let p = load(&project(&[("config/handoffs.yaml", &handoffs)]));
    let d = switchboard::analysis::analyze(&p, &Default::default())
        .into_iter()
        .find(|d| d.code.as_str() == "SB105")
        .unwrap();
    assert!(!d.fixes[0].safe);
    // The fix adds the key on the line after `method`: applied, nothing is left to report.
    let e = &d.fixes[0].edits[0];
    let mut fixed = handoffs.clone();
    fixed.insert_str(e.span.start as usize, &e.replacement);
    assert_eq!(
        fixed,
        handoffs.replace(
            "      method: invite\n",
            "      method: invite\n      outbound_encryption: TLS/SRTP\n"
        )
    );
    silent(&project(&[("config/handoffs.yaml", &fixed)]), "SB105");
    // `null` is no encryption either; a refer needs none.
    let null = HANDOFFS.replace("outbound_encryption: TLS/SRTP", "outbound_encryption: null");
    fires(
        &project(&[("config/handoffs.yaml", &null)]),
        "SB105",
        "config/handoffs.yaml",
        17,
        15,
        "invite handoff `Front Desk` has no `outbound_encryption`: expected `TLS/SRTP` or `UDP/RTP`",
    );
    silent(&project(&[]), "SB105");
}

#[test]
fn attribute_keys_are_the_adks() {
    let files = with_attribute(&attribute(
        "enum",
        "  config:\n    values: [gold, silver]\n",
        "gold",
        "silver",
    ));
    silent(&files, "SB008");
    let f = fires(
        &with_attribute(
            "- name: tier\n  type: enum\n  values:\n    Poly Bistro Downtown: a\n    Poly Bistro Uptown: b\n",
        ),
        "SB008",
        "config/variant_attributes.yaml",
        11,
        3,
        "unknown field `type` in an attribute",
    );
    assert_eq!(f.severity, "warning");
}
