//! The SB3xx rules (transfers) as declared: each rule's code, name, default severity, summary
//! and documentation. The checks are in [`super`].

crate::diagnostics::declare_rules! {
    SB301 {
        name: "transfer-conflict",
        severity: Error,
        summary: "one step, topic or rules.txt section reaches both a UI handoff (`{{ho:x}}`) and a code transfer (a function that transfers, directly or through calls): the code transfer overrides the handoff (a warning in rules.txt)",
        what: "Reports a step prompt or a topic that uses both kinds of transfer:\n\
               - a UI handoff, `{{ho:name}}`;\n\
               - a code transfer: a `{{fn:...}}` or `{{ft:...}}` whose function transfers \
               the call, directly (`conv.call_handoff(...)`, returning a `\"handoff\"` dict, \
               the platform's `transfer_call`) or through the functions it calls.\n\n\
               Labels point at both references. A function is judged by what it does, not \
               by its name: `process_transfer(account, amount)` moving money is not a call \
               transfer.\n\n\
               In `rules.txt` the unit is a Markdown section (from one heading to the next, \
               or the whole file when it has no headings), and the finding is a warning, \
               because rules often describe alternatives side by side.",
        why: "The two mechanisms cannot be used together in the same step: the code \
              transfer overrides the configured handoff. The handoff in the text looks as if \
              it controls where callers go, but editing it in Call Handoffs changes nothing \
              for the callers the function transfers, and the function's destination lives \
              in code, where it has to be kept in sync by hand.",
        example: r#"# flows/support/steps/triage.yaml
step_type: advanced_step
name: Triage
prompt: |
  Ask what the problem is. For billing questions, transfer with {{ho:billing}}.
  For anything technical, call {{fn:transfer_to_tech}}.

# functions/transfer_to_tech.py
from _gen import *  # <AUTO GENERATED>


@func_description("Transfer the caller to technical support.")
def transfer_to_tech(conv: Conversation):
    return conv.call_handoff(
        destination="tech_support",
        reason="technical_issue",
    )
"#,
        fix: "Use one mechanism per step or topic. Either transfer through handoffs only \
              (reference `{{ho:tech_support}}` and keep every destination in \
              `config/handoffs.yaml`), or move all of the step's transfers into code and let \
              the function choose the destination. If the two paths belong to different \
              situations, split them into separate steps, or separate sections of \
              `rules.txt`.",
        clean: r#"# flows/support/steps/triage.yaml
step_type: advanced_step
name: Triage
prompt: |
  Ask what the problem is. For billing questions, transfer with {{ho:billing}}.
  For anything technical, transfer with {{ho:tech_support}}.
"#,
    }

    SB302 {
        name: "unknown-handoff-destination",
        severity: Error,
        summary: "`conv.call_handoff(destination=\"x\")` (keyword or first positional) with a literal — or a value from a module-level constant dict/tuple — that names no handoff; did-you-mean is case-aware (`\"default\"` vs `DEFAULT`)",
        what: "Reports `conv.call_handoff(...)` whose destination, given as `destination=` \
               or as the first positional argument, names no handoff. The destination is \
               checked when it is a string literal, or a value taken from a module-level \
               constant dict or tuple of literals. Names are case-sensitive, and the \
               did-you-mean is case-aware: `\"Billing\"` gets `billing` suggested.",
        why: "The official validator does not look at `conv.call_handoff` destinations. A \
              wrong name is found only when the code runs on a live call and the transfer \
              fails, often in a branch (after hours, an error path) that testing in sandbox \
              did not reach.",
        example: r#"# functions/route_call.py
from _gen import *  # <AUTO GENERATED>


@func_description("Transfer the caller to the team that handles their request.")
@func_parameter("team", "Either billing or sales")
def route_call(conv: Conversation, team: str):
    if team == "billing":
        return conv.call_handoff(destination="Billing", reason="billing_request")
    return conv.call_handoff("sales_team", reason="sales_request")

# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
  - name: sales
    description: New customers and quotes
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550140"
"#,
        fix: "Use the exact name from `config/handoffs.yaml` (`destination=\"billing\"`, \
              `\"sales\"`); the did-you-mean fix replaces the literal. Keeping destinations in \
              one module-level dict of literals lets switchboard check them all in one \
              place.",
        clean: r#"# functions/route_call.py
from _gen import *  # <AUTO GENERATED>


@func_description("Transfer the caller to the team that handles their request.")
@func_parameter("team", "Either billing or sales")
def route_call(conv: Conversation, team: str):
    if team == "billing":
        return conv.call_handoff(destination="billing", reason="billing_request")
    return conv.call_handoff("sales", reason="sales_request")

# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
  - name: sales
    description: New customers and quotes
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550140"
"#,
    }

    SB303 {
        name: "refer-utterance-may-not-play",
        severity: Warning,
        summary: "an utterance given for a handoff whose method is refer (suggest invite)",
        what: "Reports `conv.call_handoff(..., utterance=\"...\")` when the destination \
               handoff's method is `refer`.",
        why: "With SIP REFER the transfer request fires at the same time as the function \
              runs, so the call may already be on its way before the utterance is spoken; \
              PolyAI's documentation warns about exactly this. The caller hears silence, \
              then ringing, with no explanation.",
        example: r#"# functions/escalate.py
from _gen import *  # <AUTO GENERATED>


@func_description("Escalate to a supervisor when the caller asks for one twice.")
def escalate(conv: Conversation):
    return conv.call_handoff(
        destination="supervisor",
        reason="needs_human",
        utterance="Let me transfer you to a supervisor who can help.",
    )

# config/handoffs.yaml
handoffs:
  - name: supervisor
    description: Duty supervisor, for escalated complaints
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550150"
"#,
        fix: "If the utterance must be heard, switch the handoff to `method: invite`: the \
              platform then stays on the call, speaks the utterance and bridges the \
              destination. If REFER is required (for example by your integration), keep the \
              utterance short and do not rely on it being heard.",
        clean: r#"# functions/escalate.py
from _gen import *  # <AUTO GENERATED>


@func_description("Escalate to a supervisor when the caller asks for one twice.")
def escalate(conv: Conversation):
    return conv.call_handoff(
        destination="supervisor",
        reason="needs_human",
        utterance="Let me transfer you to a supervisor who can help.",
    )

# config/handoffs.yaml
handoffs:
  - name: supervisor
    description: Duty supervisor, for escalated complaints
    is_default: false
    sip_config:
      method: invite
      phone_number: "+14155550150"
"#,
    }

    SB304 {
        name: "hardcoded-transfer-destination",
        severity: Warning,
        summary: "a code transfer dials a literal number/URI (return-dict `refer.phone_number`, `route=`) that matches no handoff route: it won't follow edits to handoffs.yaml",
        what: "Reports a code transfer that dials a literal phone number or SIP URI, in a \
               returned handoff dict (`{\"handoff\": {\"refer\": {\"phone_number\": ...}}}`) \
               or a `route=` argument, that matches the route of no handoff in \
               `config/handoffs.yaml`.",
        why: "Destinations written in code do not follow edits in Call Handoffs. When the \
              line changes, someone updates the handoff in Agent Studio, tests the UI path, \
              and the callers who reach this function keep ringing the old number. PolyAI's \
              guidance for code transfers is to keep destination mappings in sync by hand; \
              this rule does the checking.",
        example: r#"# functions/transfer_after_hours.py
from _gen import *  # <AUTO GENERATED>


@func_description("Transfer to the after-hours answering service.")
def transfer_after_hours(conv: Conversation):
    return {
        "utterance": "Connecting you to our after-hours team now.",
        "handoff": {
            "refer": {
                "phone_number": "+14155550188",
            }
        },
    }
"#,
        fix: "Define the destination as a handoff and transfer to it by name \
              (`conv.call_handoff(destination=\"after_hours\")`), so the number lives in one \
              place. If the function must build the SIP request itself, make the number match \
              a handoff's route: switchboard then reports the code again as soon as the two \
              drift apart.",
        clean: r#"# functions/transfer_after_hours.py
from _gen import *  # <AUTO GENERATED>


@func_description("Transfer to the after-hours answering service.")
def transfer_after_hours(conv: Conversation):
    return conv.call_handoff(destination="after_hours", reason="after_hours")

# config/handoffs.yaml
handoffs:
  - name: after_hours
    description: After-hours answering service
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550188"
"#,
    }

    SB305 {
        name: "dynamic-handoff-destination",
        severity: Info,
        summary: "destination computed at run time and not provably a handoff name",
        what: "Reports `conv.call_handoff(...)` whose destination is computed at run time \
               (read from state, an API response or a parameter), so switchboard cannot \
               prove that it names a handoff. Literals and values from module-level constant \
               dicts and tuples are checked instead (SB302). This is information, not a \
               problem in itself.",
        why: "A destination no tool can see is a destination nobody checks: a CRM that \
              returns `\"Billing\"` instead of `\"billing\"`, or a handoff renamed in \
              `config/handoffs.yaml`, fails only on a live call. It also means any handoff \
              may be reached from here, which is why SB116 (unused-handoff) stays quiet in \
              such projects.",
        example: r#"# functions/transfer_to_queue.py
from _gen import *  # <AUTO GENERATED>


@func_description("Transfer the caller to the queue their account is assigned to.")
def transfer_to_queue(conv: Conversation):
    queue = conv.state.crm_account["queue"]
    return conv.call_handoff(destination=queue, reason="account_queue")
"#,
        fix: "Map run-time values to handoff names through a module-level dict of literals \
              with an explicit fallback, for example \
              `QUEUES = {\"gold\": \"priority_desk\", \"standard\": \"front_desk\"}` and \
              `destination=QUEUES.get(tier, \"front_desk\")`: every name in it is then \
              checked. If the destination is open-ended by design, silence the finding with \
              `# switchboard: ignore[SB305]` on that line.",
        clean: r#"# functions/transfer_to_queue.py
from _gen import *  # <AUTO GENERATED>

QUEUES = {"gold": "priority_desk", "standard": "front_desk"}


@func_description("Transfer the caller to the queue their account is assigned to.")
def transfer_to_queue(conv: Conversation):
    tier = conv.state.crm_account["tier"]
    return conv.call_handoff(destination=QUEUES.get(tier, "front_desk"), reason="account_queue")

# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550100"
  - name: priority_desk
    description: Gold account holders
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550101"
"#,
    }

    SB306 {
        name: "default-destination-name",
        severity: Warning,
        summary: "destination `\"default\"`/`\"DEFAULT\"` names no handoff: the default handoff is reached by its own name or by omitting the destination",
        what: "Reports a transfer to the destination `\"default\"` or `\"DEFAULT\"` when no \
               handoff has that name. The message names the project's actual default \
               handoff (the one with `is_default: true`) and how to reach it.",
        why: "`destination=\"DEFAULT\"` reads like \"the default handoff\", but destinations \
              are handoff names: unless a handoff is literally called `DEFAULT`, there is \
              nothing to transfer to. The pattern is common in code adapted from another \
              project, where a handoff had that name.",
        example: r#"# functions/handoff.py
from _gen import *  # <AUTO GENERATED>

REASON_TO_TARGET = {
    "billing": "billing",
    "complaint": "guest_relations",
}


@func_description("Transfer the caller to a person, choosing the team by reason.")
@func_parameter("reason", "Why the caller needs a person: billing, complaint or other")
def handoff(conv: Conversation, reason: str):
    return conv.call_handoff(REASON_TO_TARGET.get(reason, "DEFAULT"), reason)
"#,
        fix: "Use the name of the handoff marked `is_default: true` (the message says which; \
              for example `REASON_TO_TARGET.get(reason, \"front_desk\")`). If the code should \
              keep working when the default changes, name a handoff `DEFAULT` on purpose and \
              mark it `is_default: true`.",
        clean: r#"# functions/handoff.py
from _gen import *  # <AUTO GENERATED>

REASON_TO_TARGET = {
    "billing": "billing",
    "complaint": "guest_relations",
}


@func_description("Transfer the caller to a person, choosing the team by reason.")
@func_parameter("reason", "Why the caller needs a person: billing, complaint or other")
def handoff(conv: Conversation, reason: str):
    return conv.call_handoff(REASON_TO_TARGET.get(reason, "front_desk"), reason)

# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550100"
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
  - name: guest_relations
    description: Complaints about a stay
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550124"
"#,
    }
}
