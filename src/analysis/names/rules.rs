//! The SB401–SB417 rules (names across the project) as declared: each rule's code, name, default
//! severity, summary and documentation. The checks are in [`super`].

crate::diagnostics::declare_rules! {
    SB401 {
        name: "unknown-start-step",
        severity: Error,
        summary: "`start_step` names no step of the flow (a step's `name` or a function step's stem)",
        what: "Reports a flow whose `start_step` in `flow_config.yaml` names no step of that \
               flow. A step is named by its `name` field (not its file name), or, for a \
               function step, by the stem of its file in `function_steps/`. A close name is \
               suggested (did-you-mean).",
        why: "The flow has nowhere to begin: every way into it, `conv.goto_flow(...)` or a \
              transition, fails at once.",
        example: r#"# flows/booking/flow_config.yaml
name: Booking
description: Takes a table reservation from name to confirmation
start_step: collect_name

# flows/booking/steps/collect_name.yaml
step_type: default_step
name: Collect name
prompt: |
  Ask for the name the reservation should be under.
"#,
        fix: "Set `start_step` to the step's `name` exactly as written in its YAML \
              (`start_step: Collect name`), not its file name or an id.",
        clean: r#"# flows/booking/flow_config.yaml
name: Booking
description: Takes a table reservation from name to confirmation
start_step: Collect name

# flows/booking/steps/collect_name.yaml
step_type: default_step
name: Collect name
prompt: |
  Ask for the name the reservation should be under.
"#,
    }

    SB402 {
        name: "unknown-child-step",
        severity: Error,
        summary: "condition `child_step` likewise",
        what: "Reports a condition whose `child_step` names no step of the same flow (a \
               step's `name`, or a function step's file stem). A close name is suggested \
               (did-you-mean).",
        why: "The condition has no destination, so the conversation cannot move past this \
              step: when the caller gives the information the condition waits for, the flow \
              stays where it is.",
        example: r#"# flows/booking/steps/collect_name.yaml
step_type: default_step
name: Collect name
prompt: |
  Ask for the name the reservation should be under.
extracted_entities:
  - guest_name
conditions:
  - name: has_name
    condition_type: step_condition
    description: The caller has given their name
    required_entities:
      - guest_name
    child_step: Collect Party Size

# flows/booking/steps/collect_party_size.yaml
step_type: default_step
name: Collect party size
prompt: |
  Ask how many guests will be dining.
"#,
        fix: "Use the exact `name` of the target step, including case and spaces \
              (`child_step: Collect party size`), or the file stem of a function step.",
        clean: r#"# flows/booking/steps/collect_name.yaml
step_type: default_step
name: Collect name
prompt: |
  Ask for the name the reservation should be under.
extracted_entities:
  - guest_name
conditions:
  - name: has_name
    condition_type: step_condition
    description: The caller has given their name
    required_entities:
      - guest_name
    child_step: Collect party size

# flows/booking/steps/collect_party_size.yaml
step_type: default_step
name: Collect party size
prompt: |
  Ask how many guests will be dining.
"#,
    }

    SB403 {
        name: "unknown-goto-step",
        severity: Error,
        summary: "literal `flow.goto_step(\"X\")` in a flow's functions/function steps; a `goto_step` inside a `{\"transition\": {\"goto_flow\": F, \"goto_step\": S}}` dict is checked against flow F",
        what: "Reports `flow.goto_step(\"X\")` with a literal step name that does not exist \
               in the flow the code belongs to (its transition functions and function \
               steps). A transition returned as a dict, \
               `{\"transition\": {\"goto_flow\": \"F\", \"goto_step\": \"S\"}}`, is checked \
               against flow `F`.",
        why: "Step names in code are plain strings: renaming a step in Agent Studio or in its \
              YAML breaks them silently, and the failure shows only when that branch runs on \
              a call.",
        example: r#"# flows/booking/functions/confirm_party_size.py
from _gen import *  # <AUTO GENERATED>


@func_description("The caller has confirmed the number of guests.")
@func_parameter("party_size", "Number of guests, 1 to 20")
def confirm_party_size(conv: Conversation, flow: Flow, party_size: int):
    conv.state.party_size = party_size
    # The step is named "Collect date" in flows/booking/steps/collect_date.yaml
    flow.goto_step("Collect Date")
"#,
        fix: "Use the step's exact `name` (`flow.goto_step(\"Collect date\")`) or a function \
              step's file stem. To move into another flow, return a transition dict and make \
              sure `goto_step` names a step of the target flow.",
        clean: r#"# flows/booking/functions/confirm_party_size.py
from _gen import *  # <AUTO GENERATED>


@func_description("The caller has confirmed the number of guests.")
@func_parameter("party_size", "Number of guests, 1 to 20")
def confirm_party_size(conv: Conversation, flow: Flow, party_size: int):
    conv.state.party_size = party_size
    flow.goto_step("Collect date")

# flows/booking/steps/collect_date.yaml
step_type: default_step
name: Collect date
prompt: |
  Ask which date the caller would like to book.
"#,
    }

    SB404 {
        name: "unknown-goto-flow",
        severity: Error,
        summary: "literal `conv.goto_flow(\"X\")` or `goto_flow` in a transition dict",
        what: "Reports `conv.goto_flow(\"X\")` with a literal name, or `\"goto_flow\": \"X\"` \
               in a returned transition dict, when no flow is named `X`. A flow is named by \
               the `name` in its `flow_config.yaml`, not by its folder.",
        why: "The transition fails when the code runs, typically at the moment the caller \
              asks for the thing the flow exists for. Renaming a flow breaks these strings \
              silently.",
        example: r#"# functions/start_booking_flow.py
from _gen import *  # <AUTO GENERATED>


@func_description("Called when the caller wants to book a table.")
def start_booking_flow(conv: Conversation):
    conv.goto_flow("booking")
    return {"end_turn": False}

# flows/table_booking/flow_config.yaml
name: Table booking
description: Takes a table reservation from name to confirmation
start_step: Collect name
"#,
        fix: "Use the flow's `name` exactly as in its `flow_config.yaml` \
              (`conv.goto_flow(\"Table booking\")`).",
        clean: r#"# functions/start_booking_flow.py
from _gen import *  # <AUTO GENERATED>


@func_description("Called when the caller wants to book a table.")
def start_booking_flow(conv: Conversation):
    conv.goto_flow("Table booking")
    return {"end_turn": False}

# flows/table_booking/flow_config.yaml
name: Table booking
description: Takes a table reservation from name to confirmation
start_step: Collect name
"#,
    }

    SB405 {
        name: "function-name-mismatch",
        severity: Error,
        summary: "a function file defines no function named after its stem (multi-line `def` headers are normal: the adk-rs false positive)",
        what: "Reports a function file that defines no top-level function named after the \
               file: `functions/check_booking.py` must define `def check_booking(...)`. \
               Helper functions next to it are fine. `def` headers spread over several lines \
               (as formatters such as Black and Ruff write long signatures) are recognised; \
               adk-rs's validator wrongly reports those, switchboard does not.",
        why: "The platform finds a function by its file name. Without a matching definition \
              there is nothing to call: the official validator reports the missing \
              definition, and every reference to the function fails.",
        example: r#"# functions/check_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look up a booking by its reference number.")
@func_parameter("reference", "The booking reference the caller reads out")
def lookup_booking(conv: Conversation, reference: str):
    conv.state.booking_reference = reference.strip().upper()
    return "Booking found. Confirm the date with the caller."
"#,
        fix: "Rename the function to match the file (`def check_booking(...)`), or rename \
              the file to match the function and update the `{{fn:...}}` references.",
        clean: r#"# functions/check_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look up a booking by its reference number.")
@func_parameter("reference", "The booking reference the caller reads out")
def check_booking(conv: Conversation, reference: str):
    conv.state.booking_reference = reference.strip().upper()
    return "Booking found. Confirm the date with the caller."
"#,
    }

    SB406 {
        name: "missing-function-description",
        severity: Error,
        summary: "global or transition function without `@func_description`",
        what: "Reports a global function (`functions/<name>.py`) or a transition function \
               (`flows/<flow>/functions/<name>.py`) whose function has no \
               `@func_description(...)` decorator. The start and end functions and function \
               steps are not chosen by the model and need none.",
        why: "The description is what the model reads to decide when to call the function. \
              Without it the model is given a tool with no explanation of when to use it, \
              and calls it at the wrong moment or not at all.",
        example: r#"# flows/booking/functions/check_availability.py
from _gen import *  # <AUTO GENERATED>


@func_parameter("date", "The date the caller wants, YYYY-MM-DD")
def check_availability(conv: Conversation, flow: Flow, date: str):
    conv.state.requested_date = date
    flow.goto_step("Collect party size")
"#,
        fix: "Add a decorator that tells the model when to call the function: \
              `@func_description(\"Check whether tables are free on the date the caller \
              asked for.\")`. Describe each parameter with `@func_parameter`.",
        clean: r#"# flows/booking/functions/check_availability.py
from _gen import *  # <AUTO GENERATED>


@func_description("Check whether tables are free on the date the caller asked for.")
@func_parameter("date", "The date the caller wants, YYYY-MM-DD")
def check_availability(conv: Conversation, flow: Flow, date: str):
    conv.state.requested_date = date
    flow.goto_step("Collect party size")
"#,
    }

    SB407 {
        name: "file-name-mismatch",
        severity: Error,
        summary: "topic/step file stem or flow folder ≠ clean name; `context/CONTEXT.MD` in another case",
        what: "Reports a topic file, step file or flow folder whose name is not the clean \
               name of the resource it holds. The clean name is the resource's `name` in \
               lower case, with every run of characters other than letters and digits \
               replaced by `_`, and `_` trimmed from both ends: a topic named \
               `Opening Hours & Locations` lives in `topics/opening_hours_locations.yaml`. \
               It also reports the platform context document spelled in another case \
               (`context/Context.md`): the ADK takes `context/CONTEXT.MD` by that exact name \
               and refuses the file otherwise.",
        why: "The ADK tooling derives file and folder names from resource names and expects \
              the two to agree. A mismatch usually means the `name` was edited without \
              renaming the file (or the other way round), and the next sync with Agent \
              Studio may not treat the file as the resource you think it is.",
        example: r#"# topics/opening_hours.yaml
name: Opening Hours & Locations
enabled: true
example_queries:
  - Where is your nearest branch
  - Are you open on Saturdays
content: |
  All branches are open 9am to 5pm, Monday to Saturday.
actions: |
  Answer from the content.
"#,
        fix: "Rename the file or folder to the clean name \
              (`topics/opening_hours_locations.yaml`), or change `name` back if the rename \
              was not intended.",
        clean: r#"# topics/opening_hours_locations.yaml
name: Opening Hours & Locations
enabled: true
example_queries:
  - Where is your nearest branch
  - Are you open on Saturdays
content: |
  All branches are open 9am to 5pm, Monday to Saturday.
actions: |
  Answer from the content.
"#,
    }

    SB408 {
        name: "too-many-example-queries",
        severity: Error,
        summary: "more than 20 example queries",
        what: "Reports a topic with more than 20 entries in `example_queries`.",
        why: "The platform accepts at most 20 example queries per topic. A long list is also \
              a sign that the topic covers too much, and would be retrieved more reliably as \
              two narrower topics.",
        example: r#"# topics/room_service.yaml
name: Room service
enabled: true
example_queries:
  - Can I order food to my room
  - Is room service available
  - What time does room service close
  - Can I get breakfast in my room
  - Do you have a room service menu
  - I'd like to order dinner to my room
  - How long does room service take
  - Is there a charge for room service
  - Can I order drinks to my room
  - Do you deliver food to the rooms
  - Can I get a burger sent up
  - Is room service open all night
  - Can I order a bottle of wine to my room
  - Do you have vegan options on the room service menu
  - Can I have breakfast delivered at 6am
  - How do I order room service
  - Is there a minimum order for room service
  - Can I order room service for a child
  - Do you do room service on Sundays
  - Can I get coffee sent to my room
  - Can room service bring extra cutlery
content: |
  Room service runs from 6am to midnight. Dial 1 from the room phone to order.
actions: |
  Answer from the content.
"#,
        fix: "Keep the 20 most representative queries (varied phrasings of distinct requests \
              serve better than near-duplicates), or split the topic into narrower topics \
              with queries of their own.",
        clean: r#"# topics/room_service.yaml
name: Room service
enabled: true
example_queries:
  - Can I order food to my room
  - Is room service available
  - What time does room service close
  - Can I get breakfast in my room
  - Do you have a room service menu
  - I'd like to order dinner to my room
  - How long does room service take
  - Is there a charge for room service
  - Can I order drinks to my room
  - Do you deliver food to the rooms
  - Can I get a burger sent up
  - Is room service open all night
  - Can I order a bottle of wine to my room
  - Do you have vegan options on the room service menu
  - Can I have breakfast delivered at 6am
  - How do I order room service
  - Is there a minimum order for room service
  - Can I order room service for a child
  - Do you do room service on Sundays
  - Can room service bring extra cutlery
content: |
  Room service runs from 6am to midnight. Dial 1 from the room phone to order.
actions: |
  Answer from the content.
"#,
    }

    SB409 {
        name: "default-variant-count",
        severity: Error,
        summary: "not exactly one default variant",
        what: "Reports a `config/variant_attributes.yaml` whose `variants` do not have \
               exactly one entry with `is_default: true`: either none or several.",
        why: "The default variant supplies attribute values when a call is not matched to a \
              specific variant (a location, a brand). With none, such calls have no values \
              at all; with several, which one applies is undefined.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
    is_default: true
attributes:
  - name: opening_hours
    values:
      Soho: 8am to 11pm
      Shoreditch: 9am to midnight
"#,
        fix: "Mark exactly one variant `is_default: true` (usually the main location) and \
              the others `is_default: false`.",
        clean: r#"# config/variant_attributes.yaml
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

    SB410 {
        name: "variant-values-mismatch",
        severity: Error,
        summary: "an attribute misses a variant or names an unknown one",
        what: "Reports an attribute whose `values` do not match the variants: a variant that \
               has no value, or a value for a variant that does not exist (often a renamed \
               or misspelt variant).",
        why: "In the variant without a value, the agent has nothing to say wherever the \
              attribute is used. A value under an unknown variant is dead data, and usually \
              hides the first problem: the value was meant for a variant that is now \
              spelled differently.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
    is_default: false
  - name: Canary Wharf
    is_default: false
attributes:
  - name: opening_hours
    values:
      Soho: 8am to 11pm
      Shoreditch: 9am to midnight
  - name: branch_phone
    values:
      Soho: "+442079460101"
      Shoreditch: "+442079460102"
      Canary Warf: "+442079460103"
"#,
        fix: "Give every attribute a value for every variant, keyed by the variant's exact \
              name (here, add `Canary Wharf` to `opening_hours` and correct `Canary Warf`). \
              When renaming a variant, rename its key in every attribute.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
    is_default: false
  - name: Canary Wharf
    is_default: false
attributes:
  - name: opening_hours
    values:
      Soho: 8am to 11pm
      Shoreditch: 9am to midnight
      Canary Wharf: 7am to 10pm
  - name: branch_phone
    values:
      Soho: "+442079460101"
      Shoreditch: "+442079460102"
      Canary Wharf: "+442079460103"
"#,
    }

    SB411 {
        name: "duplicate-name",
        severity: Error,
        summary: "two topics/flows/steps/templates/attributes/entities share a name",
        what: "Reports two resources of the same kind with the same name: two topics, two \
               flows, two steps of one flow, two SMS templates, two variant attributes or \
               two entities. Both are labelled. Handoffs have their own rule, SB109.",
        why: "References, `child_step`, `goto_step` and `goto_flow` all pick a resource by \
              name, so only one of the two can ever be reached, and which one is an accident \
              of loading order.",
        example: r#"# config/sms_templates.yaml
sms_templates:
  - name: booking_confirmation
    text: "Your table for {{vrbl:party_size}} is booked for {{vrbl:booking_time}}."
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
  - name: booking_confirmation
    text: "Your booking is confirmed. Reply CANCEL to cancel it."
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
"#,
        fix: "Rename one of them and update the references to it, or delete the duplicate.",
        clean: r#"# config/sms_templates.yaml
sms_templates:
  - name: booking_confirmation
    text: "Your table for {{vrbl:party_size}} is booked for {{vrbl:booking_time}}."
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
  - name: booking_cancellation_notice
    text: "Your booking is confirmed. Reply CANCEL to cancel it."
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
"#,
    }

    SB412 {
        name: "invalid-topic-tag",
        severity: Error,
        summary: "a topic tag is empty or repeated",
        what: "Reports a topic tag that is empty once its surrounding spaces are trimmed, and a \
               tag that repeats an earlier tag of the same topic (compared exactly, after \
               trimming, as the ADK compares them). A `tags` value that is not a list of \
               strings is SB004.",
        why: "The official validator rejects the topic (\"Tags must not be empty\", \
              \"Duplicate tags\"), so `poly push` fails until it is fixed.",
        example: r#"# topics/opening_hours.yaml
name: Opening Hours
tags:
  - hours
  - " "
  - hours
content: |
  We are open from 8am to 6pm on weekdays.
example_queries:
  - When are you open?
"#,
        fix: "Remove the empty and the repeated tags.",
        clean: r#"# topics/opening_hours.yaml
name: Opening Hours
tags:
  - hours
  - locations
content: |
  We are open from 8am to 6pm on weekdays.
example_queries:
  - When are you open?
"#,
    }

    SB413 {
        name: "invalid-attribute-name",
        severity: Error,
        summary: "a variant attribute's name is not an ASCII Python identifier, or is a Python keyword",
        what: "Reports a variant attribute whose `name` is not a letter or `_` followed by \
               letters, digits or `_` (ASCII only), or is a Python keyword (`class`, `from`, \
               `None`, ...).",
        why: "Functions read an attribute as `conv.variant.<name>`, so the ADK rejects any \
              other name (\"must be a valid Python identifier\", \"is a reserved word in \
              Python\"): `poly push` fails until it is renamed.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
attributes:
  - name: branch-phone
    values:
      Soho: "+442079460101"
"#,
        fix: "Rename the attribute to an identifier (`branch_phone`) and update its \
              references (`{{attr:branch_phone}}`, `conv.variant.branch_phone`).",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
attributes:
  - name: branch_phone
    values:
      Soho: "+442079460101"
"#,
    }

    SB414 {
        name: "invalid-attribute-type",
        severity: Error,
        summary: "a variant attribute's `kind` is unknown, or its `config` does not fit the kind",
        what: "Reports a variant attribute whose `kind` is not `string` (the default), \
               `number`, `boolean`, `enum` or `object` (read as the ADK reads it: in any case, \
               surrounding spaces ignored); a `config` on an attribute of any kind but `enum`; \
               and an `enum` whose `config.values` is missing, empty, not a list, holds \
               something other than a string, or repeats a value. A `config` that is not a \
               mapping is reported too.",
        why: "The official validator rejects the project (\"Unknown attribute kind\", \
              \"Attribute kind 'string' does not take a config\", \"An enum attribute needs a \
              non-empty 'config.values' list\", \"Enum values must be strings\", \"Duplicate \
              enum values\"), so `poly push` fails until it is fixed.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
attributes:
  - name: max_party_size
    kind: integer
    values:
      Soho: 12
      Shoreditch: 8
"#,
        fix: "Use one of the five kinds (`integer` → `number`, `json` → `object`; switchboard \
              offers the replacement as a fix to review); give `config` to `enum` attributes \
              only, with `values:` a non-empty list of distinct strings.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
attributes:
  - name: max_party_size
    kind: number
    values:
      Soho: 12
      Shoreditch: 8
"#,
    }

    SB415 {
        name: "invalid-attribute-value",
        severity: Error,
        summary: "a variant attribute's value does not match its kind",
        what: "Reports a value of a variant attribute that does not match the attribute's \
               `kind`, read as the ADK reads it: strings are stripped, and an empty value or \
               null (unset) suits every kind. A `number` takes a finite number or a string \
               holding one (`\"12\"`), not a boolean; a `boolean` takes `true`/`false`, also \
               as a string in any case; an `enum` takes one of its `config.values` (a number \
               or boolean is compared as Python prints it); an `object` takes a mapping, a \
               list, or a string holding a JSON object or array; a `string` takes anything \
               but a mapping or a list (numbers and booleans become text).",
        why: "The official validator rejects the project (\"Value for variant ... does not \
              match the declared type of attribute\"), so `poly push` fails; and code reading \
              `conv.variant.<name>` would get a value of the wrong type.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
attributes:
  - name: max_party_size
    kind: number
    values:
      Soho: 12
      Shoreditch: about eight
"#,
        fix: "Write a value of the attribute's kind (`8`), or change the `kind`. For an enum, \
              switchboard suggests the closest of its values.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Soho
    is_default: true
  - name: Shoreditch
attributes:
  - name: max_party_size
    kind: number
    values:
      Soho: 12
      Shoreditch: 8
"#,
    }

    SB416 {
        name: "incomplete-sms-template",
        severity: Error,
        summary: "an SMS template has no `text` (missing, null or empty), or `env_phone_numbers: null`",
        what: "Reports an SMS template whose `text` is missing, null or empty, and one whose \
               `env_phone_numbers` is null. (Without the `env_phone_numbers` key at all the \
               template is fine: the ADK fills in three empty numbers.)",
        why: "The official validator rejects the project (\"Text is required\", \"Env phone \
              numbers are required\"), so `poly push` fails; a template without a text would \
              send an empty message.",
        example: r#"# config/sms_templates.yaml
sms_templates:
  - name: booking_confirmation
    text: ""
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
"#,
        fix: "Write the message in `text`; give `env_phone_numbers` its three numbers or \
              remove the key.",
        clean: r#"# config/sms_templates.yaml
sms_templates:
  - name: booking_confirmation
    text: "Your table for {{vrbl:party_size}} is booked for {{vrbl:booking_time}}."
    env_phone_numbers:
      sandbox: "+14155550160"
      pre_release: "+14155550160"
      live: "+14155550161"
"#,
    }

    SB417 {
        name: "invalid-entity-type",
        severity: Error,
        summary: "an entity's `entity_type` is missing or unknown, or a `config` field has the wrong type for it",
        what: "Reports an entity of `config/entities.yaml` whose `entity_type` is missing or \
               not exactly one of `numeric`, `alphanumeric`, `enum`, `date`, `phone_number`, \
               `time`, `address`, `free_text`, `name_config` (case counts), and a `config` \
               field that the entity type reads with a value of the wrong type: \
               `has_decimal`, `has_range`, `relative_date`, `enabled` must be booleans, `min` \
               and `max` numbers, `validation_type`, `regular_expression`, `start_time`, \
               `end_time` strings, `options` and `country_codes` lists. Config keys are read \
               in snake case (`hasDecimal` is `has_decimal`), as the ADK reads them; other \
               fields are not looked at. A `config` that is not a mapping is reported too.",
        why: "The official validator rejects the project (\"'email' is not a valid \
              EntityType\", \"Config field 'max' should be of type 'float or int'\"), so \
              `poly push` fails until it is fixed.",
        example: r#"# config/entities.yaml
entities:
  - name: party_size
    description: Number of guests, 1 to 20
    entity_type: number
    config:
      has_decimal: false
      has_range: true
      min: 1
      max: 20
"#,
        fix: "Use one of the entity types exactly as written above (switchboard suggests the \
              closest, and fixes the case of one written in capitals), and write each config \
              field with its type: `max: 20`, not `max: \"20\"`.",
        clean: r#"# config/entities.yaml
entities:
  - name: party_size
    description: Number of guests, 1 to 20
    entity_type: numeric
    config:
      has_decimal: false
      has_range: true
      min: 1
      max: 20
"#,
    }
}
