//! The SB430–SB449 rules (the controls: guardrails, latency control, phrase filters, MCP servers,
//! API integrations) as declared: each rule's code, name, default severity, summary and
//! documentation. The checks of one file are made by its builder as it reads the file
//! (`src/project/build/guardrails.rs`, `latency.rs`, `controls.rs`, `integrations.rs`); the checks across files
//! (a phrase filter's function, an API call in code) are in this family's `mod.rs`.

crate::diagnostics::declare_rules! {
    SB430 {
        name: "unknown-platform-guardrail",
        severity: Error,
        summary: "a `platform_guardrails` entry that is not one of the platform's guardrails",
        what: "Reports an entry of `platform_guardrails` in `agent_settings/guardrails.yaml` \
               whose `name` is not one of the platform's five guardrails: \
               `ai_identity`, `emergency_escalation`, `hallucination_control`, \
               `jailbreak_defence`, `tool_call_integrity`. The ADK compares the name upper-cased, \
               so `AI_Identity` passes this check (and is then reported missing, SB431).",
        why: "The platform's guardrails are a fixed catalogue: a local file can only switch \
              them on or off. The ADK refuses a name it does not know (`Unrecognised platform \
              guardrail`), usually a typo or a guardrail of a newer platform version.",
        example: r#"# agent_settings/guardrails.yaml
platform_guardrails:
  - name: jailbreak_defense
    enabled: true
  - name: hallucination_control
    enabled: true
  - name: ai_identity
    enabled: true
  - name: emergency_escalation
    enabled: false
  - name: tool_call_integrity
    enabled: true
"#,
        fix: "Use the catalogue's spelling (`jailbreak_defence`), or run `poly pull` to get the \
              platform's list.",
        clean: r#"# agent_settings/guardrails.yaml
platform_guardrails:
  - name: jailbreak_defence
    enabled: true
  - name: hallucination_control
    enabled: true
  - name: ai_identity
    enabled: true
  - name: emergency_escalation
    enabled: false
  - name: tool_call_integrity
    enabled: true
"#,
    }

    SB431 {
        name: "missing-platform-guardrail",
        severity: Error,
        summary: "`platform_guardrails` lists some of the platform's guardrails but not all",
        what: "Reports a `platform_guardrails` list that names at least one guardrail but leaves \
               out others of the catalogue (`ai_identity`, `emergency_escalation`, \
               `hallucination_control`, `jailbreak_defence`, `tool_call_integrity`), written \
               exactly so. An empty or missing list is fine: the platform keeps its settings.",
        why: "The ADK expects the whole catalogue once the list is written (`Missing platform \
              guardrail(s) … Run 'poly pull' to sync the full guardrail catalog.`): a missing \
              entry means the file drifted from the platform, usually a line deleted by hand.",
        example: r#"# agent_settings/guardrails.yaml
platform_guardrails:
  - name: jailbreak_defence
    enabled: true
  - name: ai_identity
    enabled: true
"#,
        fix: "List every guardrail of the catalogue, with `enabled: false` for those you want \
              off; `poly pull` writes the full list.",
        clean: r#"# agent_settings/guardrails.yaml
platform_guardrails:
  - name: jailbreak_defence
    enabled: true
  - name: ai_identity
    enabled: true
  - name: hallucination_control
    enabled: false
  - name: emergency_escalation
    enabled: false
  - name: tool_call_integrity
    enabled: false
"#,
    }

    SB432 {
        name: "incomplete-custom-guardrail",
        severity: Error,
        summary: "a custom guardrail without a `prompt` or an `action`",
        what: "Reports an entry of `custom_guardrails` whose `prompt` (what the guardrail \
               watches for) or `action` (what the agent does then) is missing, null or empty.",
        why: "A guardrail needs both halves: the ADK refuses it (`Prompt is required`, \
              `Action is required`).",
        example: r#"# agent_settings/guardrails.yaml
custom_guardrails:
  - name: No diagnosis
    enabled: true
    prompt: The caller asks the agent to diagnose a symptom.
"#,
        fix: "Write the action: what the agent says or does when the prompt matches.",
        clean: r#"# agent_settings/guardrails.yaml
custom_guardrails:
  - name: No diagnosis
    enabled: true
    prompt: The caller asks the agent to diagnose a symptom.
    action: Explain that only a clinician can assess symptoms and offer an appointment.
"#,
    }

    SB433 {
        name: "too-many-custom-guardrails",
        severity: Error,
        summary: "more than 20 custom guardrails",
        what: "Reports the 21st and later named entries of `custom_guardrails`.",
        why: "The platform takes at most 20 custom guardrails per project; the ADK refuses more \
              before it pushes (`Too many custom guardrails`), since the platform would reject \
              the whole push.",
        example: r#"# agent_settings/guardrails.yaml
custom_guardrails:
  - {name: g01, prompt: p, action: a}
  - {name: g02, prompt: p, action: a}
  - {name: g03, prompt: p, action: a}
  - {name: g04, prompt: p, action: a}
  - {name: g05, prompt: p, action: a}
  - {name: g06, prompt: p, action: a}
  - {name: g07, prompt: p, action: a}
  - {name: g08, prompt: p, action: a}
  - {name: g09, prompt: p, action: a}
  - {name: g10, prompt: p, action: a}
  - {name: g11, prompt: p, action: a}
  - {name: g12, prompt: p, action: a}
  - {name: g13, prompt: p, action: a}
  - {name: g14, prompt: p, action: a}
  - {name: g15, prompt: p, action: a}
  - {name: g16, prompt: p, action: a}
  - {name: g17, prompt: p, action: a}
  - {name: g18, prompt: p, action: a}
  - {name: g19, prompt: p, action: a}
  - {name: g20, prompt: p, action: a}
  - {name: g21, prompt: p, action: a}
"#,
        fix: "Merge guardrails that answer the same situation, or remove the least useful ones.",
        clean: r#"# agent_settings/guardrails.yaml
custom_guardrails:
  - {name: g01, prompt: p, action: a}
  - {name: g02, prompt: p, action: a}
"#,
    }

    SB434 {
        name: "latency-delay-out-of-range",
        severity: Error,
        summary: "a `@func_latency_control` delay outside 0 to 10 seconds, or not a number",
        what: "Reports a `delay_before_responses_start` or `silence_after_each_response` \
               argument of `@func_latency_control` that is a literal outside 0 to 10, or a \
               literal that is not a number (a string, `None`). A value that is no literal \
               (a name, `-1`) is not read by the ADK, which keeps 0.",
        why: "The platform waits between 0 and 10 seconds before the first delay message and \
              between messages; the ADK refuses anything else \
              (`delay_before_responses_start must be between 0 and 10`).",
        example: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the caller's booking up.")
@func_latency_control(
    delay_before_responses_start=15,
    silence_after_each_response=3,
    delay_responses=[("One moment while I find your booking…", 3)],
)
def lookup_booking(conv: Conversation):
    return "The booking is for Friday."
"#,
        fix: "Give a number of seconds from 0 to 10.",
        clean: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the caller's booking up.")
@func_latency_control(
    delay_before_responses_start=2,
    silence_after_each_response=3,
    delay_responses=[("One moment while I find your booking…", 3)],
)
def lookup_booking(conv: Conversation):
    return "The booking is for Friday."
"#,
    }

    SB435 {
        name: "latency-control-without-messages",
        severity: Error,
        summary: "a `@func_latency_control` with no `(message, duration)` in `delay_responses`",
        what: "Reports a `@func_latency_control` decorator whose `delay_responses` is missing, \
               not a list literal, empty, or holds no `(message, duration)` pair (the ADK skips \
               any other item).",
        why: "The decorator turns latency control on, and the ADK refuses one with nothing to \
              say (`delay_responses cannot be empty.`).",
        example: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the caller's booking up.")
@func_latency_control(delay_before_responses_start=2, delay_responses=[])
def lookup_booking(conv: Conversation):
    return "The booking is for Friday."
"#,
        fix: "Add the messages the agent says while the function runs, or remove the decorator.",
        clean: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the caller's booking up.")
@func_latency_control(
    delay_before_responses_start=2,
    delay_responses=[("Un momento, por favor…", 3)],
)
def lookup_booking(conv: Conversation):
    return "The booking is for Friday."
"#,
    }

    SB436 {
        name: "empty-delay-message",
        severity: Error,
        summary: "a delay message of `@func_latency_control` that is empty or not a string literal",
        what: "Reports the message of a `(message, duration)` pair in `delay_responses` that is \
               an empty string, `None`, another constant, or an expression that is not a plain \
               string literal (an f-string, a name): the ADK reads such an expression as an \
               empty message.",
        why: "The ADK refuses an empty delay message (`Delay response message cannot be \
              empty.`); the agent would have nothing to say while the caller waits.",
        example: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>

WAIT = "One moment…"


@func_description("Look the caller's booking up.")
@func_latency_control(delay_responses=[(WAIT, 3), ("", 2)])
def lookup_booking(conv: Conversation):
    return "The booking is for Friday."
"#,
        fix: "Write each message as a plain string in the decorator.",
        clean: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the caller's booking up.")
@func_latency_control(delay_responses=[("One moment…", 3), ("Still looking…", 2)])
def lookup_booking(conv: Conversation):
    return "The booking is for Friday."
"#,
    }

    SB437 {
        name: "shadowed-control-entry",
        severity: Warning,
        summary: "a guardrail, phrase filter or API integration whose name cleans to an earlier one's",
        what: "Reports an entry of `guardrails.yaml`, `phrase_filtering.yaml` or \
               `api_integrations.yaml` whose name, cleaned as the ADK cleans names (case kept, \
               every run of characters that are not letters or digits made one `_`), is the \
               clean name of an earlier entry of the same list: `Front Desk`, `Front_Desk` and \
               `Front-Desk!` are one name, `front desk` another.",
        why: "The ADK finds each entry again by its clean name, so it reads the earlier entry \
              twice and never this one: what this entry says is silently lost.",
        example: r#"# agent_settings/guardrails.yaml
custom_guardrails:
  - name: No diagnosis
    prompt: The caller asks for a diagnosis.
    action: Explain that only a clinician can assess symptoms.
  - name: No-diagnosis
    prompt: The caller describes a symptom.
    action: Offer the earliest appointment.
"#,
        fix: "Give each entry a name of its own, or merge the two.",
        clean: r#"# agent_settings/guardrails.yaml
custom_guardrails:
  - name: No diagnosis
    prompt: The caller asks for a diagnosis.
    action: Explain that only a clinician can assess symptoms.
  - name: Symptom described
    prompt: The caller describes a symptom.
    action: Offer the earliest appointment.
"#,
    }

    SB438 {
        name: "phrase-filter-without-regex",
        severity: Error,
        summary: "a phrase filter with no `regular_expressions`",
        what: "Reports an entry of `voice/response_control/phrase_filtering.yaml` whose \
               `regular_expressions` is missing, null or an empty list.",
        why: "A phrase filter stops the agent saying what its patterns match; with no pattern it \
              matches nothing, and the ADK refuses it (`At least one regular expression is \
              required`).",
        example: r#"# voice/response_control/phrase_filtering.yaml
phrase_filtering:
  - name: no transfer promises
    description: The agent must not promise a transfer it cannot make.
    regular_expressions: []
    say_phrase: false
"#,
        fix: "List the patterns the filter catches, or remove the entry.",
        clean: r#"# voice/response_control/phrase_filtering.yaml
phrase_filtering:
  - name: no transfer promises
    description: The agent must not promise a transfer it cannot make.
    regular_expressions:
      - (I'll|I will|let me) (transfer|put) you through
    say_phrase: false
"#,
    }

    SB439 {
        name: "unknown-phrase-filter-function",
        severity: Error,
        summary: "a phrase filter whose `function` is not a function of `functions/`",
        what: "Reports a phrase filter's `function` that names no Python file of `functions/` \
               (a flow's transition function or function step does not count). A close name is \
               suggested.",
        why: "The platform calls that function when the filter matches; the ADK refuses a name \
              it cannot find among the global functions (`Invalid function(s)`).",
        example: r#"# voice/response_control/phrase_filtering.yaml
phrase_filtering:
  - name: goodbye
    regular_expressions:
      - Goodbye
    say_phrase: true
    function: hang_up

# functions/hangup.py
from _gen import *  # <AUTO GENERATED>


@func_description("End the call.")
def hangup(conv: Conversation):
    return {"utterance": "Goodbye!"}
"#,
        fix: "Name an existing function of `functions/` (the fix offers the closest one), or \
              write the function.",
        clean: r#"# voice/response_control/phrase_filtering.yaml
phrase_filtering:
  - name: goodbye
    regular_expressions:
      - Goodbye
    say_phrase: true
    function: hangup

# functions/hangup.py
from _gen import *  # <AUTO GENERATED>


@func_description("End the call.")
def hangup(conv: Conversation):
    return {"utterance": "Goodbye!"}
"#,
    }

    SB440 {
        name: "mcp-server-url",
        severity: Error,
        summary: "an MCP server without a `url`, or whose `url` is not an http(s) URL",
        what: "Reports a server of `config/mcp.yaml` whose `url` is missing or empty, or is not \
               `http://` or `https://` followed by a host (no spaces anywhere, no `/`, `?` or \
               `#` before the host).",
        why: "The platform connects to the server at that address; the ADK refuses the server \
              (`url is required.`, `url '…' must be an http(s) URL.`).",
        example: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: mcp.acme.com/sse
"#,
        fix: "Write the full address with its scheme.",
        clean: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
"#,
    }

    SB441 {
        name: "mcp-server-auth",
        severity: Error,
        summary: "an MCP server's `auth` that does not describe exactly one way to authenticate",
        what: "Reports an MCP server's `auth` that sets more than one of `header`, \
               `query_param` and `oauth`; a `header` or `query_param` without `secret_name`; a \
               `secret_name` with neither; and an `oauth` section without `client_id`, \
               `client_secret_name` or `token_url`, or whose `token_url` is not an http(s) URL. \
               Keys may be written in camelCase (`secretName`), as the ADK converts them.",
        why: "The ADK refuses such a server (`auth must set only one of header, query_param or \
              oauth`, `auth.secret_name is required when auth.header is set.`, …): the \
              platform would not know how to send the credentials.",
        example: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    auth:
      header: X-API-Key
"#,
        fix: "Name the Agent Studio secret the header carries (`secret_name`), or keep only one \
              way to authenticate.",
        clean: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    auth:
      header: X-API-Key
      secret_name: acme_api_key
"#,
    }

    SB442 {
        name: "mcp-server-timeout",
        severity: Error,
        summary: "an MCP server `timeout` outside 1 to 30 seconds",
        what: "Reports an MCP server whose `timeout` is an integer below 1 or above 30 (a value \
               that is no integer is SB004).",
        why: "Agent Studio accepts only that range; the ADK refuses the server (`timeout must be \
              between 1 and 30 seconds`).",
        example: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    timeout: 60
"#,
        fix: "Use a timeout between 1 and 30 seconds.",
        clean: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    timeout: 30
"#,
    }

    SB443 {
        name: "mcp-enabled-functions",
        severity: Error,
        summary: "an MCP server's `enabled_functions` with an empty or repeated entry",
        what: "Reports an entry of an MCP server's `enabled_functions` that is empty, or that \
               an earlier entry already names (compared exactly). Leaving the key out enables \
               every tool of the server; `[]` enables none.",
        why: "The ADK refuses the server (`enabled_functions entries cannot be empty.`, \
              `Duplicate enabled_functions`).",
        example: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    enabled_functions:
      - search_orders
      - search_orders
"#,
        fix: "Remove the repeated or empty entry.",
        clean: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
    enabled_functions:
      - search_orders
"#,
    }

    SB444 {
        name: "mcp-provider-id",
        severity: Error,
        summary: "two MCP servers with one provider id, or a provider id with no letter or digit",
        what: "Reports an MCP server whose `provider_id` is, once cleaned (punctuation and \
               spaces to `_`, case kept), the provider id of an earlier server, and a provider \
               id that cleans to nothing (`!!`).",
        why: "The ADK finds each server again by its clean provider id: two that clean alike \
              are one server read twice, which it refuses (`Duplicate provider_id in \
              mcp_servers`); one that cleans to nothing cannot be found at all (`File not \
              found`).",
        example: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme
    url: https://mcp.acme.com/sse
  - provider_id: acme
    url: https://mcp2.acme.com/sse
"#,
        fix: "Give each server its own provider id, or merge the two.",
        clean: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme
    url: https://mcp.acme.com/sse
  - provider_id: acme-eu
    url: https://mcp2.acme.com/sse
"#,
    }

    SB445 {
        name: "api-integration-name",
        severity: Error,
        summary: "an API integration name that is not a lower-case Python identifier",
        what: "Reports an API integration of `config/api_integrations.yaml` whose `name` is not \
               made of lower-case ASCII letters, digits and `_`, starting with a letter or `_` \
               (`^[a-z_][a-z0-9_]*$`), and a name with no letter or digit at all (`_`).",
        why: "Code calls the integration as `conv.api.<name>`, so its name must be a Python \
              name; the ADK refuses it otherwise (`must follow Python function naming \
              convention`), and cannot find again a name that cleans to nothing.",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: Booking-API
    environments:
      live:
        base_url: https://api.example.com
        auth_type: apiKey
"#,
        fix: "Rename it in snake case (the fix offers the clean lower-case form), and update \
              `conv.api.<name>` in the functions.",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    environments:
      live:
        base_url: https://api.example.com
        auth_type: apiKey
"#,
    }

    SB446 {
        name: "api-integration-environment",
        severity: Error,
        summary: "an API environment whose `base_url` or `auth_type` the ADK refuses",
        what: "Reports an environment (`sandbox`, `pre-release` or `pre_release`, `live`) of an \
               API integration whose `base_url` is not empty and not `http://` or `https://` \
               with a host (no spaces), or is null; whose `auth_type` is not one of `none`, \
               `basic`, `apiKey`, `oauth2`, `oauth2_client_credentials`, \
               `jwt_client_assertion`; or which has an auth type other than `none` but no \
               `base_url`.",
        why: "The ADK refuses the integration (`Environment 'live': base_url … is not a valid \
              URL path.`, `… auth_type … invalid`, `… base_url cannot be empty.`).",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    environments:
      live:
        base_url: https://api.example.com
        auth_type: api_key
"#,
        fix: "Use one of the auth types, spelled as listed (the fix offers the closest), and a \
              full base URL.",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    environments:
      live:
        base_url: https://api.example.com
        auth_type: apiKey
"#,
    }

    SB447 {
        name: "api-integration-operation",
        severity: Error,
        summary: "an API operation without a name, method or resource, with a bad one, or twice",
        what: "Reports an operation of an API integration that has no `name`, no `method` or no \
               `resource`; whose method is not GET, POST, PUT, PATCH or DELETE (any case); \
               whose resource is not a URL path (`/` segments of URL characters with \
               `{param}` placeholders, then optionally `?` and a query); and an operation with \
               the name and method of an earlier one.",
        why: "The ADK refuses the integration (`Operation 'x': method … invalid`, `… resource … \
              is not a valid URL path.`, `Duplicate operation`): code calls each operation as \
              `conv.api.<integration>.<name>(...)`, which needs one well-formed request.",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: FETCH
        resource: bookings/{booking_id}
"#,
        fix: "Use one of the five methods and a path that starts with `/`.",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}
"#,
    }

    SB448 {
        name: "ignored-integration-entry",
        severity: Warning,
        summary: "an MCP server or API integration the ADK passes over without a word",
        what: "Reports an MCP server that is not a mapping or has no `provider_id`, an \
               `mcp_servers` that is a mapping or text instead of a list, and an API \
               integration without a `name`.",
        why: "The ADK skips these entries silently: the server or integration is never pushed, \
              which is rarely what the author meant.",
        example: r#"# config/mcp.yaml
mcp_servers:
  - url: https://mcp.acme.com/sse
"#,
        fix: "Give the entry its `provider_id` (or `name`), or remove it.",
        clean: r#"# config/mcp.yaml
mcp_servers:
  - provider_id: acme-tools
    url: https://mcp.acme.com/sse
"#,
    }

    SB449 {
        name: "unknown-api-call",
        severity: Warning,
        summary: "`conv.api.<integration>.<operation>` naming no API integration or operation",
        what: "Reports, in a function, an attribute chain `conv.api.x.y` whose `x` is not an API \
               integration of `config/api_integrations.yaml`, or whose `y` is not one of that \
               integration's operations. Checked only when the project has \
               `config/api_integrations.yaml`. A close name is suggested.",
        why: "The call fails when the conversation reaches it (the runtime has no such \
              integration or operation); the ADK does not look at function bodies, so nothing \
              else catches it before a call does.",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# functions/check_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the booking up.")
def check_booking(conv: Conversation):
    response = conv.api.booking_api.get_bookings("B-1")
    return {"content": response.text}
"#,
        fix: "Name an operation the integration defines (the fix offers the closest one), or \
              define it.",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# functions/check_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look the booking up.")
def check_booking(conv: Conversation):
    response = conv.api.booking_api.get_booking("B-1")
    return {"content": response.text}
"#,
    }
}
