//! MCP servers (`config/mcp.yaml`) and API integrations (`config/api_integrations.yaml`) as the
//! ADK reads and checks them (polyai-adk 0.73.2; SB440–SB449), and the test-case fields that
//! depend on them or on Python (SB464–SB469: `simulated_at`, `integration_attributes`,
//! `api_mocks`). Each rule a fixture that fires (code, line, column, message) and a twin that
//! does not.

use crate::common::*;

const MCP: &str = "config/mcp.yaml";
const API: &str = "config/api_integrations.yaml";
const CASE: &str = "test_suite/réserver_une_table.yaml";

/// A valid API integrations file: two environments, a folded description, non-ASCII text,
/// three operations (two share a name under different methods).
pub const APIS: &str = "api_integrations:
  - name: booking_api
    description: >-
      Réservations et
      disponibilités
    environments:
      sandbox:
        base_url: https://sandbox.example.com
        auth_type: apiKey
      pre-release:
        baseUrl: https://staging.example.com
        authType: apiKey
      live:
        base_url: \"https://api.example.com\"
        auth_type: oauth2_client_credentials
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}
      - name: get_booking
        method: delete
        resource: /bookings/{booking_id}?reason={reason}
      - name: list_tables
        method: GET
        resource: /tables
";

/// A valid MCP file: header auth, OAuth in camelCase, a timeout and tool list.
pub const MCPS: &str = "mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    auth:
      header: X-API-Key
      secretName: acme_key
    timeout: 30
    enabled_functions:
      - search_orders
      - cancel_order
  - provider_id: Outils Café
    url: 'http://café.example:8080/mcp?v=2'
    auth:
      oauth:
        clientId: abc
        client_secret_name: cafe_secret
        token_url: https://auth.example/token
";

fn case(extra: &str) -> String {
    format!(
        "name: Réserver une table\nscenario: >-\n  Le client réserve\n  pour deux.\nchannel: voice\nlanguage: en-US\n{extra}"
    )
}

fn with(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    project(changes)
}

#[test]
fn valid_mcp_and_api_files_are_read_and_clean() {
    let files = with(&[(MCP, MCPS), (API, APIS)]);
    let all = diagnose(&files);
    assert!(all.iter().all(|f| f.code == "SB118"), "{all:#?}");
    let p = load(&files);
    let m = &p.controls.mcp_servers;
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].auth.as_deref(), Some("header"));
    assert_eq!(m[0].timeout, Some(30));
    assert_eq!(m[1].auth.as_deref(), Some("oauth"));
    assert_eq!(m[1].enabled_functions, None);
    let a = &p.controls.api_integrations[0];
    assert_eq!(a.name, "booking_api");
    assert_eq!(a.description, "Réservations et disponibilités");
    assert_eq!(a.environments[1].1, "https://staging.example.com");
    assert_eq!(a.operations.len(), 3);
    assert_eq!(a.operations[1].method, "DELETE");
}

#[test]
fn sb440_an_mcp_url_missing_or_not_http() {
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: mcp.acme.com/sse\n",
    )]);
    let f = fires(
        &files,
        "SB440",
        MCP,
        3,
        10,
        "MCP server url `mcp.acme.com/sse` is not an http(s) URL",
    );
    assert_eq!(f.severity, "error");
    let files = with(&[(MCP, "mcp_servers:\n  - provider_id: acme\n")]);
    fires(
        &files,
        "SB440",
        MCP,
        2,
        18,
        "MCP server `acme` has no `url`",
    );
    silent(&with(&[(MCP, MCPS)]), "SB440");
}

#[test]
fn sb441_mcp_auth_that_is_not_one_way() {
    let base = "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n    auth:\n";
    let files = with(&[(MCP, &format!("{base}      header: X-Key\n"))]);
    fires(
        &files,
        "SB441",
        MCP,
        5,
        15,
        "`auth.header` is set but `auth.secret_name` is not",
    );
    let files = with(&[(
        MCP,
        &format!("{base}      header: X-Key\n      query_param: key\n      secret_name: s\n"),
    )]);
    fires(
        &files,
        "SB441",
        MCP,
        6,
        20,
        "`auth` sets `header` and `query_param`: an MCP server authenticates one way only",
    );
    let files = with(&[(MCP, &format!("{base}      secret_name: s\n"))]);
    fires(
        &files,
        "SB441",
        MCP,
        5,
        20,
        "`auth.secret_name` needs `auth.header` or `auth.query_param`",
    );
    let files = with(&[(
        MCP,
        &format!(
            "{base}      oauth:\n        client_id: a\n        client_secret_name: b\n        token_url: auth.example\n"
        ),
    )]);
    fires(
        &files,
        "SB441",
        MCP,
        8,
        20,
        "`auth.oauth.token_url` `auth.example` is not an http(s) URL",
    );
    // An empty `oauth` sets nothing; camelCase keys are read as the ADK converts them.
    let files = with(&[(
        MCP,
        &format!("{base}      oauth: {{}}\n      queryParam: key\n      secretName: s\n"),
    )]);
    silent(&files, "SB441");
}

#[test]
fn sb442_an_mcp_timeout_out_of_range() {
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n    timeout: 31\n",
    )]);
    fires(
        &files,
        "SB442",
        MCP,
        4,
        14,
        "MCP server timeout 31 is out of range: it must be between 1 and 30 seconds",
    );
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n    timeout: 1\n",
    )]);
    silent(&files, "SB442");
}

#[test]
fn sb443_enabled_functions_empty_or_twice() {
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n    enabled_functions: [a, b, a]\n",
    )]);
    fires(
        &files,
        "SB443",
        MCP,
        4,
        31,
        "`a` is listed twice in `enabled_functions`",
    );
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n    enabled_functions: []\n",
    )]);
    silent(&files, "SB443");
}

#[test]
fn sb444_mcp_provider_ids_that_clean_alike() {
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n  - provider_id: 'acme '\n    url: https://y.example\n",
    )]);
    fires(
        &files,
        "SB444",
        MCP,
        4,
        19,
        "MCP provider id `acme ` is `acme` once cleaned: the ADK reads them as one duplicate server",
    );
    let files = with(&[(
        MCP,
        "mcp_servers:\n  - provider_id: acme\n    url: https://x.example\n  - provider_id: Acme\n    url: https://y.example\n",
    )]);
    silent(&files, "SB444");
}

#[test]
fn sb445_an_api_integration_name_that_is_no_python_name() {
    let files = with(&[(API, "api_integrations:\n  - name: Booking-API\n")]);
    let f = fires(
        &files,
        "SB445",
        API,
        2,
        11,
        "API integration name `Booking-API` is not a Python function name",
    );
    assert_eq!(f.fixes, vec!["booking_api".to_string()]);
    silent(
        &with(&[(API, "api_integrations:\n  - name: _booking2\n")]),
        "SB445",
    );
}

#[test]
fn sb446_an_environment_the_adk_refuses() {
    let files = with(&[(
        API,
        "api_integrations:\n  - name: crm\n    environments:\n      live:\n        base_url: https://x.example\n        auth_type: api_key\n",
    )]);
    let f = fires(
        &files,
        "SB446",
        API,
        6,
        20,
        "environment `live`: unknown auth type `api_key`",
    );
    assert_eq!(f.fixes, vec!["apiKey".to_string()]);
    let files = with(&[(
        API,
        "api_integrations:\n  - name: crm\n    environments:\n      sandbox:\n        auth_type: basic\n",
    )]);
    fires(
        &files,
        "SB446",
        API,
        5,
        20,
        "environment `sandbox`: auth type `basic` needs a `base_url`",
    );
    let files = with(&[(
        API,
        "api_integrations:\n  - name: crm\n    environments:\n      sandbox:\n        auth_type: none\n      staging: {}\n",
    )]);
    silent(&files, "SB446");
}

#[test]
fn sb447_an_operation_the_adk_refuses() {
    let files = with(&[(
        API,
        "api_integrations:\n  - name: crm\n    operations:\n      - name: get_c\n        method: FETCH\n        resource: /c\n",
    )]);
    fires(
        &files,
        "SB447",
        API,
        5,
        17,
        "operation `get_c`: unknown method `FETCH`",
    );
    let files = with(&[(
        API,
        "api_integrations:\n  - name: crm\n    operations:\n      - name: get_c\n        method: GET\n        resource: c/{1d}\n",
    )]);
    fires(
        &files,
        "SB447",
        API,
        6,
        19,
        "operation `get_c`: resource `c/{1d}` is not a URL path",
    );
    let files = with(&[(
        API,
        "api_integrations:\n  - name: crm\n    operations:\n      - name: get_c\n        method: GET\n        resource: /a\n      - name: get_c\n        method: get\n        resource: /b\n",
    )]);
    fires(
        &files,
        "SB447",
        API,
        7,
        15,
        "duplicate operation `get_c` (GET)",
    );
    silent(&with(&[(API, APIS)]), "SB447");
}

#[test]
fn sb448_entries_the_adk_skips() {
    let files = with(&[(MCP, "mcp_servers:\n  - url: https://x.example\n")]);
    let f = fires(
        &files,
        "SB448",
        MCP,
        2,
        5,
        "this MCP server has no `provider_id`: the ADK skips it",
    );
    assert_eq!(f.severity, "warning");
    let files = with(&[(API, "api_integrations:\n  - description: x\n")]);
    fires(
        &files,
        "SB448",
        API,
        2,
        5,
        "this API integration has no `name`: the ADK skips it",
    );
    silent(&with(&[(MCP, MCPS), (API, APIS)]), "SB448");
}

const CALLER: &str = "from _gen import *  # <AUTO GENERATED>


@func_description(\"Check the booking.\")
def check_booking(conv: Conversation):
    r = conv.api.booking_api.get_bookings(\"B-1\")
    t = conv.api.booking_api.list_tables()
    return r.text + t.text
";

#[test]
fn sb449_an_api_call_naming_no_operation() {
    let files = with(&[(API, APIS), ("functions/check_booking.py", CALLER)]);
    let f = fires(
        &files,
        "SB449",
        "functions/check_booking.py",
        6,
        30,
        "API integration `booking_api` has no operation `get_bookings`",
    );
    assert_eq!(f.severity, "warning");
    assert_eq!(f.fixes, vec!["get_booking".to_string()]);
    let fixed = CALLER.replace("get_bookings", "get_booking");
    silent(
        &with(&[(API, APIS), ("functions/check_booking.py", &fixed)]),
        "SB449",
    );
    // Without `config/api_integrations.yaml` nothing is known, so nothing is checked.
    silent(&with(&[("functions/check_booking.py", CALLER)]), "SB449");
}

#[test]
fn integration_shapes_that_stop_the_adk_load() {
    for (path, text, code) in [
        (
            MCP,
            "mcp_servers:\n  - provider_id: acme\n    url: 5\n",
            "SB013",
        ),
        (
            MCP,
            "mcp_servers:\n  - provider_id: acme\n    url: https://x\n    timeout: 1.5\n",
            "SB004",
        ),
        (
            MCP,
            "mcp_servers:\n  - provider_id: acme\n    url: https://x\n    auth: key\n",
            "SB004",
        ),
        (MCP, "mcp_servers: 5\n", "SB004"),
        (API, "api_integrations:\n", "SB004"),
        (API, "api_integrations:\n  - x\n", "SB004"),
        (
            API,
            "api_integrations:\n  - name: crm\n    environments: [a]\n",
            "SB004",
        ),
        (
            API,
            "api_integrations:\n  - name: crm\n    operations:\n      - name: g\n        method: 5\n",
            "SB004",
        ),
    ] {
        let all = diagnose(&with(&[(path, text)]));
        assert!(
            all.iter().any(|f| f.code == code && f.severity == "error"),
            "{text}: {all:#?}"
        );
    }
}

#[test]
fn sb464_a_simulated_at_python_cannot_read() {
    let files = with(&[(CASE, &case("simulated_at: 15/01/2026 09:30\n"))]);
    let f = fires(
        &files,
        "SB464",
        CASE,
        7,
        15,
        "invalid `simulated_at` `15/01/2026 09:30`: it is no ISO 8601 date and time",
    );
    assert_eq!(f.severity, "error");
    let files = with(&[(CASE, &case("simulated_at: '2026-02-30T10:00'\n"))]);
    fires(
        &files,
        "SB464",
        CASE,
        7,
        15,
        "invalid `simulated_at` `2026-02-30T10:00`: day is out of range for month",
    );
    for ok in [
        "2026-01-15T09:30:00Z",
        "'2026W031'",
        "20260115",
        "2026-01-15 09:30:00",
        "''",
        "'2026-01-15T24:00'",
    ] {
        silent(
            &with(&[(CASE, &case(&format!("simulated_at: {ok}\n")))]),
            "SB464",
        );
    }
}

#[test]
fn sb465_an_integration_attribute_the_agent_cannot_receive() {
    let files = with(&[(
        CASE,
        &case("integration_attributes:\n  membre:\n    expiry: 2026-08-12\n"),
    )]);
    fires(
        &files,
        "SB465",
        CASE,
        9,
        13,
        "`integration_attributes.membre.expiry` is a date to YAML, which the agent cannot receive",
    );
    let files = with(&[(
        CASE,
        &case(
            "integration_attributes:\n  membre:\n    expiry: '2026-08-12'\n    visits: 3\n    tags: [a, {b: null}]\n",
        ),
    )]);
    silent(&files, "SB465");
}

const MOCK: &str = "api_mocks:\n  booking_api:\n    get_booking:\n";

#[test]
fn sb466_api_mocks_of_the_wrong_shape() {
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(&format!("{MOCK}      respond:\n        status: 200\n")),
        ),
    ]);
    fires(
        &files,
        "SB466",
        CASE,
        10,
        7,
        "API mock `booking_api.get_booking` must be a list of response rules, found mapping",
    );
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(&format!(
                "{MOCK}      - respond:\n          status: 200\n          body: {{ok: true}}\n"
            )),
        ),
    ]);
    silent(&files, "SB466");
}

#[test]
fn sb467_a_mock_of_an_unknown_integration() {
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(
                "api_mocks:\n  bookings_api:\n    get_booking:\n      - respond: {status: 404}\n",
            ),
        ),
    ]);
    let f = fires(
        &files,
        "SB467",
        CASE,
        8,
        3,
        "unknown API integration `bookings_api` in `api_mocks`",
    );
    assert_eq!(f.fixes, vec!["booking_api".to_string()]);
    // Without API integrations the ADK does not know them, and does not check.
    let files = with(&[(
        CASE,
        &case("api_mocks:\n  bookings_api:\n    get_booking:\n      - respond: {status: 404}\n"),
    )]);
    silent(&files, "SB467");
}

#[test]
fn sb468_a_mock_of_an_unknown_operation() {
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(
                "api_mocks:\n  booking_api:\n    get_bookings:\n      - respond: {status: 404}\n",
            ),
        ),
    ]);
    let f = fires(
        &files,
        "SB468",
        CASE,
        9,
        5,
        "API integration `booking_api` has no operation `get_bookings`: this mock never answers",
    );
    assert_eq!(f.severity, "warning");
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(&format!("{MOCK}      - respond: {{status: 404}}\n")),
        ),
    ]);
    silent(&files, "SB468");
}

#[test]
fn sb469_a_response_rule_the_adk_refuses() {
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(&format!(
                "{MOCK}      - respond: {{status: 503}}\n        repeat: -1\n      - respond: {{status: 200}}\n"
            )),
        ),
    ]);
    fires(
        &files,
        "SB469",
        CASE,
        11,
        17,
        "API mock `booking_api.get_booking`[0]: `repeat: -1` (respond forever) is allowed on the last rule only",
    );
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(&format!("{MOCK}      - respond: {{status: '200'}}\n")),
        ),
    ]);
    fires(
        &files,
        "SB469",
        CASE,
        10,
        27,
        "API mock `booking_api.get_booking`[0]: status `200` is not an HTTP status code (an integer from 100 to 599)",
    );
    let files = with(&[
        (API, APIS),
        (
            CASE,
            &case(&format!(
                "{MOCK}      - respond: {{status: 503}}\n        repeat: 2\n      - respond:\n          headers: {{X-Trace: abc}}\n        repeat: -1\n"
            )),
        ),
    ]);
    silent(&files, "SB469");
}

#[test]
fn the_bundle_shows_mcp_servers_and_api_integrations() {
    let files = with(&[(MCP, MCPS), (API, APIS)]);
    let p = load(&files);
    let out =
        switchboard::compile::compile_to_string(&p, &switchboard::analysis::Options::default());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &v["controls"];
    assert_eq!(c["mcp_servers"][0]["provider_id"], "acme-tools");
    assert_eq!(c["mcp_servers"][0]["auth"], "header");
    assert_eq!(c["api_integrations"][0]["name"], "booking_api");
    assert_eq!(c["api_integrations"][0]["location"]["line"], 2);
    assert_eq!(
        c["api_integrations"][0]["operations"][1]["method"],
        "DELETE"
    );
    assert_eq!(
        c["api_integrations"][0]["environments"][2]["auth_type"],
        "oauth2_client_credentials"
    );
}
