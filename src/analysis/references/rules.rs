//! The SB2xx rules (references in text) as declared: each rule's code, name, default severity,
//! summary and documentation. The checks are in [`super`].

crate::diagnostics::declare_rules! {
    SB201 {
        name: "unknown-handoff",
        severity: Error,
        summary: "`{{ho:x}}` / `<<ho:x>>` with no such handoff",
        what: "Reports a handoff reference, `{{ho:name}}` or the alternate spelling \
               `<<ho:name>>`, whose name matches no entry in `config/handoffs.yaml`. Names \
               are compared exactly, including case and spaces. References are checked in \
               every text that may hold them: `rules.txt`, topic `actions` and `content`, \
               step prompts, and strings returned from Python (see SB216).\n\n\
               When a defined handoff has a similar name, switchboard suggests it \
               (did-you-mean) and offers a fix that replaces the name.",
        why: "When the agent reaches the reference there is no destination to transfer to: \
              the caller who asked for a person stays stuck with the agent. The official \
              validator catches this only when the name matches `[\\w-]+`, and stops at the \
              first error in each resource; adk-rs does not check references at all. \
              switchboard reports every occurrence at its exact position.",
        example: r#"# topics/billing.yaml
name: Billing
enabled: true
example_queries:
  - I was charged twice this month
  - Can I get a refund
content: |
  Refunds go back to the original payment method within 5 to 7 working days.
actions: |
  If the caller disputes a charge, take the date and amount of the charge,
  then transfer them with {{ho:billing_team}}.

# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
        fix: "Correct the reference to the name of an existing handoff \
              (`{{ho:billing}}`; the did-you-mean fix does this when the intended name is \
              close), or add the missing handoff to `config/handoffs.yaml`. After renaming a \
              handoff, update every reference: the check lists them all.",
        clean: r#"# topics/billing.yaml
name: Billing
enabled: true
example_queries:
  - I was charged twice this month
  - Can I get a refund
content: |
  Refunds go back to the original payment method within 5 to 7 working days.
actions: |
  If the caller disputes a charge, take the date and amount of the charge,
  then transfer them with {{ho:billing}}.

# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
    }

    SB202 {
        name: "unknown-function",
        severity: Error,
        summary: "`{{fn:x}}` names no global function (start/end functions and transition functions cannot be referenced this way)",
        what: "Reports `{{fn:name}}` when the project has no global function `name`, that \
               is, no `functions/name.py` defining `def name(...)`. Two near misses get \
               their own message:\n\
               - `start_function` and `end_function` exist, but the platform runs them at \
               the start and end of the call and they cannot be referenced;\n\
               - a transition function (`flows/<flow>/functions/name.py`) is referenced as \
               `{{ft:name}}`, not `{{fn:name}}`.\n\n\
               Otherwise a close name is suggested (did-you-mean).",
        why: "The model is told to call a tool that does not exist. Depending on the model \
              it apologises, invents a result or stalls, and the caller's request is not \
              carried out. The official validator reports only the first unknown reference \
              in each resource, and adk-rs does not check references at all.",
        example: r#"# topics/cancel_booking.yaml
name: Cancel booking
enabled: true
example_queries:
  - I need to cancel my reservation
content: |
  Bookings can be cancelled free of charge up to 24 hours before arrival.
actions: |
  Ask for the booking reference, then call {{fn:lookup_booking}} to find it.
  Confirm the date with the caller before cancelling.

# functions/look_up_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Find a booking by its reference number.")
@func_parameter("reference", "The booking reference, for example AB1234")
def look_up_booking(conv: Conversation, reference: str):
    conv.state.booking_reference = reference.strip().upper()
    return "Booking found. Read the date and party size back to the caller."
"#,
        fix: "Reference a function that exists (`{{fn:look_up_booking}}`; the did-you-mean \
              fix does this), or create `functions/lookup_booking.py` defining \
              `lookup_booking` with a `@func_description`. Use `{{ft:name}}` for a \
              transition function of the current flow. `start_function` and `end_function` \
              cannot be referenced: move the logic the conversation needs into a global \
              function and reference that.",
        clean: r#"# topics/cancel_booking.yaml
name: Cancel booking
enabled: true
example_queries:
  - I need to cancel my reservation
content: |
  Bookings can be cancelled free of charge up to 24 hours before arrival.
actions: |
  Ask for the booking reference, then call {{fn:look_up_booking}} to find it.
  Confirm the date with the caller before cancelling.

# functions/look_up_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Find a booking by its reference number.")
@func_parameter("reference", "The booking reference, for example AB1234")
def look_up_booking(conv: Conversation, reference: str):
    conv.state.booking_reference = reference.strip().upper()
    return "Booking found. Read the date and party size back to the caller."
"#,
    }

    SB203 {
        name: "unknown-flow-function",
        severity: Error,
        summary: "`{{ft:x}}` with no transition function x in this flow (say when x exists in another flow)",
        what: "Reports `{{ft:name}}` in a step prompt when the step's own flow has no \
               transition function `name`, that is, no `flows/<flow>/functions/name.py`. \
               Transition functions are private to their flow: when a function of that name \
               exists in another flow, or as a global function, the message says so.",
        why: "The model is told to call a function it does not have in this step, so the \
              step cannot move on the way it was designed to. Copying a step from one flow \
              to another is the usual cause: the step still refers to the transition \
              functions of the flow it came from.",
        example: r#"# flows/change_booking/steps/confirm_new_date.yaml
step_type: advanced_step
name: Confirm new date
prompt: |
  Read the new date back to the caller and ask them to confirm it.
  When they confirm, call {{ft:confirm_date}}.

# flows/new_booking/functions/confirm_date.py
from _gen import *  # <AUTO GENERATED>


@func_description("The caller confirmed the date of the booking.")
def confirm_date(conv: Conversation, flow: Flow):
    flow.goto_step("Collect party size")
"#,
        fix: "Create the transition function in this flow \
              (`flows/change_booking/functions/confirm_date.py`). If several flows need the \
              same logic, make it a global function in `functions/` and reference it as \
              `{{fn:...}}` from each of them.",
        clean: r#"# flows/change_booking/steps/confirm_new_date.yaml
step_type: advanced_step
name: Confirm new date
prompt: |
  Read the new date back to the caller and ask them to confirm it.
  When they confirm, call {{ft:confirm_date}}.

# flows/change_booking/functions/confirm_date.py
from _gen import *  # <AUTO GENERATED>


@func_description("The caller confirmed the new date of the booking.")
def confirm_date(conv: Conversation, flow: Flow):
    flow.goto_step("Confirm new date")
"#,
    }

    SB204 {
        name: "unknown-attribute",
        severity: Error,
        summary: "`{{attr:x}}` / `${variant_x}` with no attribute x",
        what: "Reports a variant attribute reference, `{{attr:name}}` or the legacy \
               `${variant_name}` form still found in SMS templates, when \
               `config/variant_attributes.yaml` defines no attribute `name`. A close name \
               is suggested (did-you-mean).",
        why: "Variant attributes hold the per-location or per-brand values the agent \
              says aloud: opening hours, addresses, phone numbers. An unknown attribute has \
              no value in any variant, so every caller gets a gap where the opening hours \
              should be.",
        example: r#"# topics/opening_hours.yaml
name: Opening hours
enabled: true
example_queries:
  - What time do you open on Sunday
content: |
  We are open {{attr:opening_hour}} every day except public holidays.
actions: |
  Answer from the content. If the caller asks about a public holiday,
  say that hours vary and offer to check with the restaurant.

# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
    is_default: false
attributes:
  - name: opening_hours
    values:
      Soho: 8am to 11pm
      Shoreditch: 9am to midnight
"#,
        fix: "Correct the reference to an existing attribute (`{{attr:opening_hours}}`; the \
              did-you-mean fix does this), or add the attribute to \
              `config/variant_attributes.yaml` with a value for every variant.",
        clean: r#"# topics/opening_hours.yaml
name: Opening hours
enabled: true
example_queries:
  - What time do you open on Sunday
content: |
  We are open {{attr:opening_hours}} every day except public holidays.
actions: |
  Answer from the content. If the caller asks about a public holiday,
  say that hours vary and offer to check with the restaurant.

# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
    is_default: false
attributes:
  - name: opening_hours
    values:
      Soho: 8am to 11pm
      Shoreditch: 9am to midnight
"#,
    }

    SB205 {
        name: "unknown-variable",
        severity: Error,
        summary: "no `conv.state.x` anywhere",
        what: "Reports a state variable that no Python file in the project mentions as \
               `conv.state.<name>`. Variables appear in text in two spellings:\n\
               - `{{vrbl:name}}`, reported as an error;\n\
               - `$name` in prose, reported as a warning, because `$` also appears in \
               ordinary text. Amounts such as `$1.50` or `$35` are never taken for \
               variables.",
        why: "The variable is empty when the text is used, so the model sees a blank where \
              the caller's name, balance or booking time should be, and either asks again or \
              makes something up. The official validator does not look at `$variables`.",
        example: r#"# flows/booking/steps/confirm_booking.yaml
step_type: advanced_step
name: Confirm booking
prompt: |
  Read back the booking: a table for $party_size on {{vrbl:booking_date}}
  at $booking_time. If the caller confirms, call {{ft:create_booking}}.

# flows/booking/functions/collect_details.py
from _gen import *  # <AUTO GENERATED>


@func_description("Store the booking details the caller has given.")
@func_parameter("party_size", "Number of guests")
@func_parameter("day", "Date of the booking, YYYY-MM-DD")
@func_parameter("time", "Time of the booking, HH:MM")
def collect_details(conv: Conversation, flow: Flow, party_size: int, day: str, time: str):
    conv.state.party_size = party_size
    conv.state.booking_day = day
    conv.state.booking_time = time
    flow.goto_step("Confirm booking")
"#,
        fix: "Use the name your code sets (`{{vrbl:booking_day}}`; the did-you-mean \
              suggests it), or set the variable in a function that runs before the text is \
              used.",
        clean: r#"# flows/booking/steps/confirm_booking.yaml
step_type: advanced_step
name: Confirm booking
prompt: |
  Read back the booking: a table for $party_size on {{vrbl:booking_day}}
  at $booking_time. If the caller confirms, call {{ft:create_booking}}.

# flows/booking/functions/collect_details.py
from _gen import *  # <AUTO GENERATED>


@func_description("Store the booking details the caller has given.")
@func_parameter("party_size", "Number of guests")
@func_parameter("day", "Date of the booking, YYYY-MM-DD")
@func_parameter("time", "Time of the booking, HH:MM")
def collect_details(conv: Conversation, flow: Flow, party_size: int, day: str, time: str):
    conv.state.party_size = party_size
    conv.state.booking_day = day
    conv.state.booking_time = time
    flow.goto_step("Confirm booking")
"#,
    }

    SB206 {
        name: "unknown-sms-template",
        severity: Error,
        summary: "`{{twilio_sms:x}}`",
        what: "Reports `{{twilio_sms:name}}` when `config/sms_templates.yaml` defines no \
               template `name`. A close name is suggested (did-you-mean).",
        why: "The agent promises to text the caller a link or a confirmation, and nothing is \
              sent. The failure is invisible during the call: the caller notices later, if \
              at all.",
        example: r#"# topics/directions.yaml
name: Directions
enabled: true
example_queries:
  - How do I get to you from the station
content: |
  The hotel is a five-minute walk from Central Station, exit B.
actions: |
  Give brief directions. If the caller wants a map, send it with
  {{twilio_sms:map_link}} and tell them it is on its way.

# config/sms_templates.yaml
sms_templates:
  - name: directions_link
    text: "Here is how to find us: https://maps.example.com/grand-hotel"
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
"#,
        fix: "Correct the reference to an existing template \
              (`{{twilio_sms:directions_link}}`), or add the template to \
              `config/sms_templates.yaml` with its text and a sending number for each \
              environment.",
        clean: r#"# topics/directions.yaml
name: Directions
enabled: true
example_queries:
  - How do I get to you from the station
content: |
  The hotel is a five-minute walk from Central Station, exit B.
actions: |
  Give brief directions. If the caller wants a map, send it with
  {{twilio_sms:directions_link}} and tell them it is on its way.

# config/sms_templates.yaml
sms_templates:
  - name: directions_link
    text: "Here is how to find us: https://maps.example.com/grand-hotel"
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
"#,
    }

    SB207 {
        name: "unknown-entity",
        severity: Error,
        summary: "`{{entity:x}}`, `extracted_entities`, `required_entities`",
        what: "Reports an entity name that `config/entities.yaml` does not define, wherever \
               entities are named: `{{entity:name}}` in a step prompt, a step's \
               `extracted_entities`, and a condition's `required_entities`. A close name is \
               suggested (did-you-mean).",
        why: "A step that extracts an unknown entity collects nothing, and a condition that \
              requires one can never be met: the flow stops advancing at that step and the \
              caller is asked the same question again and again.",
        example: r#"# flows/booking/steps/collect_name.yaml
step_type: default_step
name: Collect name
prompt: |
  Ask for the name the reservation should be under.
  Collected so far: {{entity:customer_name}}
extracted_entities:
  - customer_name
conditions:
  - name: has_name
    condition_type: step_condition
    description: The caller has given their name
    required_entities:
      - customer_name
    child_step: Collect party size

# config/entities.yaml
entities:
  - name: guest_name
    description: The name the booking is under
    entity_type: free_text
    config: {}
"#,
        fix: "Use the entity's defined name in all three places (`guest_name` here), or add \
              the entity to `config/entities.yaml`. When renaming an entity, update every \
              step that extracts or requires it.",
        clean: r#"# flows/booking/steps/collect_name.yaml
step_type: default_step
name: Collect name
prompt: |
  Ask for the name the reservation should be under.
  Collected so far: {{entity:guest_name}}
extracted_entities:
  - guest_name
conditions:
  - name: has_name
    condition_type: step_condition
    description: The caller has given their name
    required_entities:
      - guest_name
    child_step: Collect party size

# config/entities.yaml
entities:
  - name: guest_name
    description: The name the booking is under
    entity_type: free_text
    config: {}
"#,
    }

    SB208 {
        name: "unknown-translation",
        severity: Error,
        summary: "`{{tn:x}}`",
        what: "Reports `{{tn:name}}` when `config/translations.yaml` defines no translation \
               `name`. A close name is suggested (did-you-mean).",
        why: "Translations hold text the agent says in each of its languages. An unknown \
              key leaves the agent with nothing to say at that point, in every language at \
              once, and often in text every caller hears, such as a disclaimer.",
        example: r#"# agent_settings/rules.txt
## Language
If the caller speaks Spanish, continue in Spanish and first read the
recording notice {{tn:recording_notice_text}}.
"#,
        fix: "Correct the key to one defined in `config/translations.yaml`, or add the \
              translation there for every language the agent supports.",
        clean: r#"# agent_settings/rules.txt
## Language
If the caller speaks Spanish, continue in Spanish and first read the
recording notice {{tn:recording_notice_text}}.

# config/translations.yaml
translations:
  - name: recording_notice_text
    translations:
      en-US: This call is recorded for quality and training purposes.
      es-ES: Esta llamada se graba con fines de calidad y formación.
"#,
    }

    SB209 {
        name: "unknown-reference-kind",
        severity: Error,
        summary: "`{{foo:x}}` (did-you-mean over the kinds; `{{FN:x}}` → `{{fn:x}}`)",
        what: "Reports a reference whose kind, the part before the colon, is not one of the \
               template language's kinds: `fn`, `ft`, `ho`, `attr`, `vrbl`, `twilio_sms`, \
               `entity`, `tn`. Kinds are lower case: `{{FN:x}}` gets a fix that \
               lower-cases the kind, and close misspellings (`{{atr:x}}`, `{{fun:x}}`) get a \
               did-you-mean.",
        why: "The platform does not rewrite a reference of unknown kind, so it reaches the \
              model as literal text: instead of calling the function, the model reads \
              `{{FN:get_balance}}` as words, and may say them to the caller.",
        example: r#"# flows/account/steps/check_balance.yaml
step_type: advanced_step
name: Check balance
prompt: |
  Once the caller has been verified, call {{FN:get_balance}} and read the
  balance back to them.
"#,
        fix: "Use one of the kinds above, in lower case: `{{fn:get_balance}}`. The fix \
              rewrites the kind and leaves the name untouched.",
        clean: r#"# flows/account/steps/check_balance.yaml
step_type: advanced_step
name: Check balance
prompt: |
  Once the caller has been verified, call {{fn:get_balance}} and read the
  balance back to them.
"#,
    }

    SB210 {
        name: "malformed-reference",
        severity: Error,
        summary: "unclosed `{{ho:x`, empty name `{{ho:}}`, spaces `{{ ho : x }}`, `{{ho:x}` (the official tools silently ignore these)",
        what: "Reports text that starts like a reference but is not one:\n\
               - unclosed: `{{ho:billing` with no closing braces;\n\
               - closed with a single brace: `{{ho:billing}`;\n\
               - an empty name: `{{ho:}}`;\n\
               - spaces around the kind or the colon: `{{ ho : billing }}`.",
        why: "The platform, the official validator and adk-rs all silently ignore malformed \
              references: the text passes every check and reaches the model with its braces. \
              The transfer, function call or value it was meant to produce never happens, \
              and no tool says why.",
        example: r#"# agent_settings/rules.txt
## Escalation
If the caller asks for a manager twice, apologise and transfer them with
{{ho:escalation}.
Never promise a refund. If the caller insists, transfer them with {{ ho : billing }}.
"#,
        fix: "Write the reference as two opening braces, the kind, a colon, the name and two \
              closing braces, with no spaces around the kind or the colon: \
              `{{ho:escalation}}`, `{{ho:billing}}`.",
        clean: r#"# agent_settings/rules.txt
## Escalation
If the caller asks for a manager twice, apologise and transfer them with
{{ho:escalation}}.
Never promise a refund. If the caller insists, transfer them with {{ho:billing}}.
"#,
    }

    SB211 {
        name: "reference-not-allowed",
        severity: Error,
        summary: "a reference kind the field may not hold (e.g. a handoff in an SMS text)",
        what: "Reports a reference whose kind is not allowed in the field it appears in. \
               Each text field accepts a fixed set of kinds, the same table the official \
               validator enforces:\n\
               - `rules.txt`: fn, twilio_sms, ho, attr, vrbl, tn;\n\
               - `persona.txt`: attr, vrbl;\n\
               - topic `actions` and `content`: fn, twilio_sms, ho, attr, vrbl, tn;\n\
               - `advanced_step` prompt: fn, ft (same flow), twilio_sms, ho, attr, entity, \
               vrbl;\n\
               - `default_step` prompt: twilio_sms, ho, attr, entity, vrbl;\n\
               - SMS template `text`: vrbl, tn;\n\
               - greeting `welcome_message` and disclaimer `message`: attr, vrbl, tn;\n\
               - `style_prompt.prompt`: none.\n\n\
               Topic `example_queries` are not scanned. Functions in a `default_step` \
               prompt have their own rule, SB212.",
        why: "The platform only resolves the kinds a field supports: the project does not \
              validate, and a reference the platform leaves alone reaches the model as \
              literal text. Most cases are references copied from another kind of field, \
              like the function call in the example, which belongs with the rules rather \
              than in the persona.",
        example: r#"# agent_settings/persona.txt
You are Ava, the concierge at {{attr:hotel_name}}. You are warm and brief.
When a caller sounds upset, call {{fn:log_sentiment}} before answering.
"#,
        fix: "Move the reference to a field that allows its kind (behaviour such as function \
              calls and handoffs belongs in `rules.txt`, topic `actions` or step prompts), \
              or replace it with a kind the field accepts, such as a state variable set in \
              code (`{{vrbl:...}}`).",
        clean: r#"# agent_settings/persona.txt
You are Ava, the concierge at {{attr:hotel_name}}. You are warm and brief.

# agent_settings/rules.txt
## Upset callers
When a caller sounds upset, call {{fn:log_sentiment}} before answering.
"#,
    }

    SB212 {
        name: "function-in-default-step",
        severity: Error,
        summary: "fn/ft in a `default_step` prompt",
        what: "Reports `{{fn:...}}` or `{{ft:...}}` in the prompt of a `default_step`. \
               Default steps collect entities and move on through their conditions; they \
               cannot call functions. Only `advanced_step` prompts can.",
        why: "Functions are not available to the model in a default step, so the instruction \
              to call one can never be followed, and the official validator rejects the \
              step: default steps cannot call functions.",
        example: r#"# flows/booking/steps/collect_party_size.yaml
step_type: default_step
name: Collect party size
prompt: |
  Ask how many guests will be dining. If the caller asks about availability
  first, call {{ft:check_availability}}.
extracted_entities:
  - party_size
conditions:
  - name: has_party_size
    condition_type: step_condition
    description: The caller has said how many guests are coming
    required_entities:
      - party_size
    child_step: Confirm booking
"#,
        fix: "Make it an `advanced_step` if the step needs to call functions. Otherwise keep \
              the default step and let a condition's `child_step` lead to a function step \
              that runs the code.",
        clean: r#"# flows/booking/steps/collect_party_size.yaml
step_type: advanced_step
name: Collect party size
prompt: |
  Ask how many guests will be dining. If the caller asks about availability
  first, call {{ft:check_availability}}.
"#,
    }

    SB213 {
        name: "noncanonical-handoff-syntax",
        severity: Hint,
        summary: "`<<ho:x>>`: resolves, fix rewrites to `{{ho:x}}`",
        what: "Reports a handoff reference written `<<ho:name>>`. This alternate spelling \
               appears in some authoring material and resolves like `{{ho:name}}`, so this is \
               a hint, not an error; an unknown name in either spelling is reported by SB201. \
               switchboard offers a safe fix that rewrites it to `{{ho:name}}`.",
        why: "One spelling is easier to search for, review and keep consistent. Tools that \
              only know the canonical form (editor highlighting, scripts, other checkers) \
              miss the alternate one.",
        example: r#"# topics/complaints.yaml
name: Complaints
enabled: true
example_queries:
  - I want to make a complaint about my stay
content: |
  Complaints are handled by guest relations, weekdays 9am to 5pm.
actions: |
  Listen to the complaint and apologise. If the caller wants to speak to
  someone, transfer them with <<ho:guest_relations>>.
"#,
        fix: "Apply the fix (`<<ho:guest_relations>>` → `{{ho:guest_relations}}`). It is \
              marked safe, so it is included when all safe fixes are applied at once.",
        clean: r#"# topics/complaints.yaml
name: Complaints
enabled: true
example_queries:
  - I want to make a complaint about my stay
content: |
  Complaints are handled by guest relations, weekdays 9am to 5pm.
actions: |
  Listen to the complaint and apologise. If the caller wants to speak to
  someone, transfer them with {{ho:guest_relations}}.
"#,
    }

    SB214 {
        name: "variable-attribute-access",
        severity: Warning,
        summary: "`$var.attr` (stringify in code first)",
        what: "Reports a `$variable` followed by attribute access, such as `$booking.time` or \
               `$customer.first_name`, in text. Variables are substituted as a whole; the \
               dot and what follows are not evaluated. A full stop ending a sentence \
               (`... at $booking_time.`) is not attribute access and is not reported.",
        why: "Instead of the one value you wanted, the model receives the whole variable \
              (a dict or object printed as text) followed by a literal `.time`, or nothing \
              at all followed by `.time` when the variable is unset. Either way the agent \
              reads the wrong thing to the caller.",
        example: r#"# flows/booking/steps/confirm_booking.yaml
step_type: advanced_step
name: Confirm booking
prompt: |
  Confirm the booking for $booking.party_size guests at $booking.time.
  If the caller wants to change anything, call {{ft:change_details}}.
"#,
        fix: "Stringify in code first: store each value the text needs as a variable of its \
              own (`conv.state.booking_time = booking[\"time\"]`) and use that \
              (`$booking_time`).",
        clean: r#"# flows/booking/steps/confirm_booking.yaml
step_type: advanced_step
name: Confirm booking
prompt: |
  Confirm the booking for $booking_party_size guests at $booking_time.
  If the caller wants to change anything, call {{ft:change_details}}.
"#,
    }

    SB215 {
        name: "behaviour-in-topic-content",
        severity: Warning,
        summary: "fn/ho/twilio_sms in topic `content` (content is retrieved facts; behaviour belongs in `actions`)",
        what: "Reports a function, handoff or SMS reference (`{{fn:...}}`, `{{ho:...}}`, \
               `{{twilio_sms:...}}`) in a topic's `content`. The platform accepts these kinds \
               there, but `content` is meant for facts and `actions` for what the agent \
               does.",
        why: "A topic's content is retrieved as reference material to answer a question; its \
              actions are the instructions the agent follows when the topic matches. \
              Behaviour written into content is one more fact among others, so the transfer \
              or SMS may or may not happen, and a reviewer checking what the topic does \
              looks for it in `actions`.",
        example: r#"# topics/parking.yaml
name: Parking
enabled: true
example_queries:
  - Is there parking at the hotel
content: |
  Valet parking costs $35 per night. The public garage on 3rd Street is open all night.
  For oversized vehicles, transfer to {{ho:front_desk}}.
actions: |
  Answer from the content. Offer to text the garage address with
  {{twilio_sms:garage_address}}.
"#,
        fix: "Move the instruction into `actions` and keep `content` to facts: here, \
              \"For oversized vehicles, transfer to `{{ho:front_desk}}`\" belongs in \
              `actions`.",
        clean: r#"# topics/parking.yaml
name: Parking
enabled: true
example_queries:
  - Is there parking at the hotel
content: |
  Valet parking costs $35 per night. The public garage on 3rd Street is open all night.
actions: |
  Answer from the content. For oversized vehicles, transfer to {{ho:front_desk}}.
  Offer to text the garage address with {{twilio_sms:garage_address}}.
"#,
    }

    SB216 {
        name: "reference-in-python-string",
        severity: Warning,
        summary: "a reference inside a Python string returned to the model does not resolve (comments are never checked)",
        what: "Reports a reference inside a Python string that a function returns to the \
               model, when the reference does not resolve. The same kinds and names are \
               checked as in YAML text. Comments are never checked, and f-string escapes \
               are understood: `{{{{fn:x}}}}` in an f-string is the text `{{fn:x}}`.\n\n\
               It is a warning rather than an error because a string in code is not always \
               text for the model.",
        why: "Functions often return instructions for the model's next turn, and those \
              instructions carry references just like a prompt. The official validator does \
              not look inside Python, so renaming a handoff or function leaves these strings \
              stale without a word.",
        example: r#"# functions/check_balance.py
from _gen import *  # <AUTO GENERATED>


@func_description("Read the caller's account balance.")
def check_balance(conv: Conversation):
    balance = conv.state.balance
    if balance is None:
        return "The balance is unavailable. Offer a transfer with {{ho:billing_support}}."
    return f"The balance is ${balance:.2f}. Read it to the caller."
"#,
        fix: "Correct the name as you would in a prompt (`{{ho:billing}}`). In an f-string, \
              double the braces: `{{{{ho:billing}}}}`. If the string never reaches the model \
              (a log message, say), silence the finding with \
              `# switchboard: ignore[SB216]` on that line.",
        clean: r#"# functions/check_balance.py
from _gen import *  # <AUTO GENERATED>


@func_description("Read the caller's account balance.")
def check_balance(conv: Conversation):
    balance = conv.state.balance
    if balance is None:
        return "The balance is unavailable. Offer a transfer with {{ho:billing}}."
    return f"The balance is ${balance:.2f}. Read it to the caller."

# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
    }
}
