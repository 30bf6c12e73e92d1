//! The SB418–SB429 rules (the values of steps and functions the ADK checks as it reads them) as
//! declared: each rule's code, name, default severity, summary and documentation. The checks are
//! made by the builders as they read the file (see `mod.rs` beside this file).

crate::diagnostics::declare_rules! {
    SB418 {
        name: "invalid-step-name",
        severity: Error,
        summary: "a step's `name` has a character the ADK does not allow (letters, digits, spaces and `_ & , / . -` only)",
        what: "Reports a flow step whose `name` holds a character outside the ones the ADK \
               allows in step names: ASCII letters and digits, the accented Latin letters \
               (U+00C0 to U+024F and U+1E00 to U+1EFF), spaces and `_ & , / . -`. A `?`, \
               `#`, `!`, `'`, a colon or a letter of another script is refused.",
        why: "The official validator rejects the step (\"Name must contain only letters \
              (including accented), numbers, and _ & , / . -\"), so `poly push` fails until \
              it is renamed.",
        example: r#"# flows/booking/steps/confirm_booking.yaml
step_type: advanced_step
name: Confirm booking?
prompt: |
  Read the booking back to the caller and ask them to confirm it.
"#,
        fix: "Drop or replace the character (`name: Confirm booking`), and update the \
              `start_step`, `child_step` and `flow.goto_step(...)` that name the step.",
        clean: r#"# flows/booking/steps/confirm_booking.yaml
step_type: advanced_step
name: Confirm booking
prompt: |
  Read the booking back to the caller and ask them to confirm it.
"#,
    }

    SB419 {
        name: "empty-step-prompt",
        severity: Error,
        summary: "a flow step (advanced or default) has no `prompt`, or one that is empty or only whitespace",
        what: "Reports a step file of a flow (`flows/<flow>/steps/*.yaml`, advanced and \
               default steps alike) whose `prompt` is missing, null, empty or only \
               whitespace. Function steps have no prompt and are not concerned.",
        why: "The official validator rejects the step (\"Prompt cannot be empty.\"), so \
              `poly push` fails; and a step without a prompt gives the model nothing to do \
              while the conversation is in it.",
        example: r#"# flows/booking/steps/collect_party_size.yaml
step_type: default_step
name: Collect party size
extracted_entities:
  - party_size
prompt: ""
"#,
        fix: "Write the step's instructions in `prompt`.",
        clean: r#"# flows/booking/steps/collect_party_size.yaml
step_type: default_step
name: Collect party size
extracted_entities:
  - party_size
prompt: |
  Ask how many guests will be dining.
"#,
    }

    SB420 {
        name: "empty-flow-description",
        severity: Error,
        summary: "a flow's `flow_config.yaml` has no `description`, or one that is empty or only whitespace",
        what: "Reports a `flow_config.yaml` whose `description` is missing, null, empty or \
               only whitespace. (Spaces and line breaks around a description are fine: the \
               ADK strips them when it reads the file, so a `description: |` block scalar, \
               which ends in a line break, is accepted.)",
        why: "The official validator rejects the flow (\"Description cannot be empty.\"), so \
              `poly push` fails until it has one.",
        example: r#"# flows/booking/flow_config.yaml
name: Booking
description: ""
start_step: Collect name
"#,
        fix: "Say in `description` what the flow does.",
        clean: r#"# flows/booking/flow_config.yaml
name: Booking
description: Takes a table reservation from name to confirmation
start_step: Collect name
"#,
    }

    SB421 {
        name: "negative-dtmf-setting",
        severity: Error,
        summary: "an enabled `dtmf_config` of a step has a negative `inter_digit_timeout` or `max_digits`",
        what: "Reports a negative number in `inter_digit_timeout` or `max_digits` of a step's \
               `dtmf_config` (the keypad input settings) when it is enabled (`is_enabled: \
               true`). A config that is not enabled is replaced by the defaults when the ADK \
               reads the step, and its values are not checked.",
        why: "The official validator rejects the step (\"DTMF inter_digit_timeout cannot be \
              negative.\"), so `poly push` fails until it is fixed.",
        example: r#"# flows/verify_caller/steps/collect_phone_number.yaml
step_type: advanced_step
name: Collect phone number
dtmf_config:
  is_enabled: true
  inter_digit_timeout: -1
  max_digits: 10
  end_key: '#'
  collect_while_agent_speaking: false
  is_pii: true
prompt: |
  Ask for the ten-digit phone number on the account; the caller may type it on the keypad.
"#,
        fix: "Use 0 or a positive whole number (`inter_digit_timeout: 3000`), or set \
              `is_enabled: false` when the step takes no keypad input.",
        clean: r#"# flows/verify_caller/steps/collect_phone_number.yaml
step_type: advanced_step
name: Collect phone number
dtmf_config:
  is_enabled: true
  inter_digit_timeout: 3000
  max_digits: 10
  end_key: '#'
  collect_while_agent_speaking: false
  is_pii: true
prompt: |
  Ask for the ten-digit phone number on the account; the caller may type it on the keypad.
"#,
    }

    SB422 {
        name: "invalid-vad-setting",
        severity: Error,
        summary: "a step's `vad.vad_start` or `vad.vad_end` is negative, `.inf` or `.nan`",
        what: "Reports `vad_start` or `vad_end` in a step's `vad` section (the voice activity \
               detection overrides of that step) when it is below zero or not a finite number \
               (YAML's `.inf`, `-.inf`, `.nan`). An empty `vad` section is not read. The \
               thresholds (`speech_threshold`, `silence_threshold`) are not range-checked by \
               the ADK, so not here either.",
        why: "The official validator rejects the step (\"VAD vad_start cannot be negative.\", \
              \"VAD vad_end must be a finite number.\"), so `poly push` fails until it is fixed.",
        example: r#"# flows/verify_caller/steps/collect_postcode.yaml
step_type: advanced_step
name: Collect postcode
vad:
  vad_start: -0.2
  vad_end: 1.5
prompt: |
  Ask for the postcode on the account, letter by letter.
"#,
        fix: "Use 0 or a positive number of seconds (`vad_start: 0.2`), or leave the field out \
              to keep the agent's default.",
        clean: r#"# flows/verify_caller/steps/collect_postcode.yaml
step_type: advanced_step
name: Collect postcode
vad:
  vad_start: 0.2
  vad_end: 1.5
prompt: |
  Ask for the postcode on the account, letter by letter.
"#,
    }

    SB423 {
        name: "invalid-reasoning-effort",
        severity: Error,
        summary: "a step's `llm.reasoning_effort` is not one of `unspecified`, `minimal`, `low`, `medium`, `high`, `auto`",
        what: "Reports `reasoning_effort` in a step's `llm` section when the ADK cannot read it: \
               a text other than `unspecified`, `minimal`, `low`, `medium`, `high` or `auto` \
               (the case matters: `High` is refused), a boolean, null, or a number other than \
               the ordinals 0 to 5 that Agent Studio itself writes. A close spelling is \
               suggested.",
        why: "The official ADK cannot load the step (\"Invalid reasoning_effort 'max'. Valid \
              values: unspecified, minimal, low, medium, high, auto.\"), so `poly push` and \
              every other command on the project fail until it is fixed.",
        example: r#"# flows/billing_dispute/steps/explain_charges.yaml
step_type: advanced_step
name: Explain charges
llm:
  reasoning_effort: max
prompt: |
  Walk the caller through each charge on the latest bill.
"#,
        fix: "Use one of the six values (`reasoning_effort: high`); the quick fix takes the \
              closest one when there is one.",
        clean: r#"# flows/billing_dispute/steps/explain_charges.yaml
step_type: advanced_step
name: Explain charges
llm:
  reasoning_effort: high
prompt: |
  Walk the caller through each charge on the latest bill.
"#,
    }

    SB424 {
        name: "adk-decorator-in-code",
        severity: Error,
        summary: "a line of a function file starts with `@func_description`, `@func_parameter` or `@func_latency_control` that the ADK does not read as the function's own decorator",
        what: "The ADK reads the `@func_description`, `@func_parameter` and \
               `@func_latency_control` decorators of the function named after the file and \
               takes their lines out of the code; then it refuses the file when any line left \
               still begins (in its first column) with one of those three names. That happens \
               to such a decorator on another function of the file (a helper), to one the ADK \
               does not take as written (`@func_description` without parentheses or with two \
               arguments, `@func_parameter` with keyword arguments), and to such a line inside \
               a multi-line string. Indented lines and comments are not affected.",
        why: "The official validator rejects the function (\"ADK decorators found in raw code. \
              This might be because of a parameter mismatch.\"), so `poly push` fails until it \
              is fixed.",
        example: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Looks up the caller's booking by reference")
@func_parameter("reference", "The booking reference the caller reads out")
def lookup_booking(conv: Conversation, reference: str):
    return describe(reference)


@func_description("Formats a booking for the caller")
def describe(reference: str) -> str:
    return f"Booking {reference} is confirmed."
"#,
        fix: "Keep the three decorators for the function named after the file; describe a \
              helper with a docstring or a comment instead.",
        clean: r#"# functions/lookup_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Looks up the caller's booking by reference")
@func_parameter("reference", "The booking reference the caller reads out")
def lookup_booking(conv: Conversation, reference: str):
    return describe(reference)


def describe(reference: str) -> str:
    """Formats a booking for the caller."""
    return f"Booking {reference} is confirmed."
"#,
    }

    SB425 {
        name: "missing-flow-config",
        severity: Error,
        summary: "a flow folder with steps or transition functions has no `flow_config.yaml`",
        what: "Reports each step and each transition function of a folder under `flows/` that \
               has no `flow_config.yaml`, at the start of the file. The ADK finds the flow a \
               step or a transition function belongs to through that file, and rejects every \
               one it cannot place. A `flow_config.yaml` that exists but cannot be read is \
               reported by the reading rules instead.",
        why: "The official validator rejects each step (\"Flow ID cannot be empty.\") and each \
              transition function (\"Can't find flow_id for transition function.\"), and no \
              `conv.goto_flow(...)` can reach the flow, so `poly push` fails until it is fixed.",
        example: r#"# flows/refund/steps/confirm_refund.yaml
step_type: default_step
name: Confirm refund
prompt: |
  Read the refund amount back to the caller and ask them to confirm it.
"#,
        fix: "Add `flows/<folder>/flow_config.yaml` with the flow's `name` (whose clean form is \
              the folder's name), `description` and `start_step`, or move the files into the \
              flow they belong to.",
        clean: r#"# flows/refund/flow_config.yaml
name: Refund
description: Refunds an order the caller has returned
start_step: Confirm refund

# flows/refund/steps/confirm_refund.yaml
step_type: default_step
name: Confirm refund
prompt: |
  Read the refund amount back to the caller and ask them to confirm it.
"#,
    }

    SB426 {
        name: "function-header-mismatch",
        severity: Error,
        summary: "a function's `def` header is not the `def name(conv: Conversation[, flow: Flow][, p: T]...)` the ADK requires",
        what: "Reports a function file whose `def` header is not the one the ADK builds from \
               the file and its decorators: `def <file stem>(conv: Conversation, ...)`, with \
               `flow: Flow` next for a transition function (`flows/<flow>/functions/`) or a \
               function step, then one `name: type` per `@func_parameter(\"name\", ...)`, in \
               the order of the decorators, each typed `str`, `int`, `float` or `bool` (a \
               function step takes none). The ADK compares text: an untyped `conv`, a missing \
               `flow: Flow`, parameters in another order, an extra parameter, a default value \
               or `*args` all fail. A header may be split over lines (the ADK joins it), but \
               a comment inside it, or a comma after the last parameter followed by a return \
               annotation (`x: str,` then `) -> str:` on the next line, as formatters write \
               it), stops the match. \
               Also reported: a `@func_parameter` that names no ordinary parameter, or one \
               whose parameter has no annotation or one other than a plain name.",
        why: "The official validator rejects the file (\"Function definition '...' not found \
              in code.\", or \"Parameter ... has no type annotation\"), so `poly push` fails \
              until the header is fixed.",
        example: r#"# flows/booking/functions/confirm_party_size.py
from _gen import *  # <AUTO GENERATED>


@func_description("The caller has confirmed the number of guests.")
@func_parameter("party_size", "Number of guests, 1 to 20")
def confirm_party_size(conv: Conversation, party_size: int):
    conv.state.party_size = party_size
    flow.goto_step("Collect date")
"#,
        fix: "Write the header the ADK expects: here a transition function, so \
              `def confirm_party_size(conv: Conversation, flow: Flow, party_size: int):`.",
        clean: r#"# flows/booking/functions/confirm_party_size.py
from _gen import *  # <AUTO GENERATED>


@func_description("The caller has confirmed the number of guests.")
@func_parameter("party_size", "Number of guests, 1 to 20")
def confirm_party_size(conv: Conversation, flow: Flow, party_size: int):
    conv.state.party_size = party_size
    flow.goto_step("Collect date")
"#,
    }
}
