//! The SB430–SB449 rules (the controls: guardrails, latency control, phrase filters, MCP servers,
//! API integrations) as declared: each rule's code, name, default severity, summary and
//! documentation. The checks of one file are made by its builder as it reads the file
//! (`src/project/build/guardrails.rs`, `latency.rs`, `controls.rs`); the checks across files
//! (a phrase filter's function) are in this family's `mod.rs`.

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
}
