//! The SB45x/SB46x rules (the knowledge base's child topics, the test suite, the languages and
//! the translations) as declared: each rule's code, name, default severity, summary and
//! documentation. SB450 is found by the topic builder (`src/project/build/topics.rs`) as it reads
//! a child topic, SB459 and SB464–SB466, SB469 by the test case builder (`test_suite.rs`,
//! `test_mocks.rs`); the others are checked in this family's `mod.rs`.

crate::diagnostics::declare_rules! {
    SB450 {
        name: "child-topic-tags",
        severity: Error,
        summary: "a child topic with `tags`",
        what: "Reports the `tags` key of a child topic (`child_topics/<variant>/<topic>.yaml`) \
               whose value is not empty. An empty list (`tags: []`) or a null value is not \
               reported: the ADK reads it as no tags.",
        why: "The platform has no tags on a child topic, so the ADK refuses to read the file \
              (\"Child topic … has tags, but child topics don't support them\"), and `poly \
              validate` and `poly push` stop there.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
tags:
  - location
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
        fix: "Remove the `tags` key; tag the base topic in `topics/` instead. The automatic \
              fix removes the key and its value.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
    }

    SB451 {
        name: "unknown-child-topic-variant",
        severity: Error,
        summary: "a child topic in a folder that names no variant",
        what: "Reports a child topic whose folder, `child_topics/<folder>/`, is not the clean \
               name of a variant of `config/variant_attributes.yaml`. The ADK compares clean \
               names: the folder of the variant `Canary Wharf` is `canary_wharf`. Without any \
               variant every child topic is reported.",
        why: "A child topic applies only while its variant is active; the ADK finds the \
              variant from the folder and rejects the topic when there is none (\"Child topic \
              … is not inside a known variant folder\"), so `poly push` fails.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_warf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
        fix: "Move the file into the folder of an existing variant (the clean form of its \
              name), or add the variant to `config/variant_attributes.yaml`.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
    }

    SB452 {
        name: "duplicate-child-topic-name",
        severity: Error,
        summary: "a child topic named like another topic or child topic",
        what: "Reports a child topic whose name has the same clean form (lower case, `_` \
               between words) as the name of a topic of `topics/` or of another child topic, \
               in the same variant or in any other. The clash is labelled. Two topics of \
               `topics/` with one name are SB411.",
        why: "The platform keeps topic names unique across the base topics and every child \
              topic of every variant; the ADK rejects the child topic (\"Topic names must be \
              unique across all topics and child topics, including across variants\"), so \
              `poly push` fails. A variant's version of a base topic is a child topic with its \
              own name.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# topics/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  Most branches have a car park behind the building.
actions: |
  Answer from the content.

# child_topics/canary_wharf/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park at Canary Wharf?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
        fix: "Give the child topic a name of its own (and rename its file to match).",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Canary Wharf
    is_default: true
attributes: []

# topics/parking.yaml
name: Parking
enabled: true
example_queries:
  - Where can I park?
content: |
  Most branches have a car park behind the building.
actions: |
  Answer from the content.

# child_topics/canary_wharf/canary_wharf_parking.yaml
name: Canary Wharf Parking
enabled: true
example_queries:
  - Where can I park at Canary Wharf?
content: |
  The Canary Wharf branch has no car park; the nearest is at Cabot Place.
actions: |
  Answer from the content.
"#,
    }

    SB453 {
        name: "test-case-file-name",
        severity: Error,
        summary: "a test case without `name`, or whose file is not named after it",
        what: "Reports a test case of `test_suite/` whose file name (without `.yaml`) is not \
               the clean form of its `name` (lower case, `_` between words: the test case \
               `Book a cleaning` lives in `test_suite/book_a_cleaning.yaml`), and a test \
               case without a `name`.",
        why: "The ADK refuses to read the file (\"Test case name … does not match expected \
              filename\"), and `poly validate` and `poly push` stop there.",
        example: r#"# test_suite/cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
"#,
        fix: "Rename the file to the clean name (`test_suite/book_a_cleaning.yaml`), or \
              change `name` to match the file.",
        clean: r#"# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
"#,
    }

    SB454 {
        name: "invalid-test-case-channel",
        severity: Error,
        summary: "a test case whose `channel` is missing or not `voice` / `webchat`",
        what: "Reports a test case whose `channel` is missing, null or anything but `voice` \
               or `webchat` (the ADK also takes its own names for them, `chat.polyai` and \
               `webchat.polyai`). The comparison is exact: `Voice` is reported.",
        why: "The ADK rejects the test case (\"Invalid channel\"): a test runs the agent on \
              one channel, and the platform knows only these two.",
        example: r#"# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: phone
language: en-US
"#,
        fix: "Write `channel: voice` for a call or `channel: webchat` for the web chat.",
        clean: r#"# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
"#,
    }

    SB455 {
        name: "missing-test-case-scenario",
        severity: Error,
        summary: "a test case without a `scenario`",
        what: "Reports a test case whose `scenario` is missing, null or empty.",
        why: "The scenario tells the simulated caller what to say; the ADK rejects a test case \
              without one (\"Scenario is required\").",
        example: r#"# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: ''
channel: voice
language: en-US
"#,
        fix: "Describe the caller: what they want and what they answer when asked.",
        clean: r#"# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
"#,
    }

    SB456 {
        name: "invalid-test-case-language",
        severity: Error,
        summary: "a test case without a `language`, or in a language the project does not have",
        what: "Reports a test case whose `language` is missing, null or empty, and one whose \
               language is not among the project's languages (`default_language` and \
               `additional_languages` of `agent_settings/languages.yaml`) when the project \
               declares any. The comparison is exact: `en-us` is not `en-US`.",
        why: "The ADK rejects the test case (\"Language is required\", \"Language … is not \
              configured\"): the simulated caller speaks one of the agent's languages.",
        example: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: fr-FR
"#,
        fix: "Write one of the project's languages, or add the language to \
              `agent_settings/languages.yaml`.",
        clean: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
"#,
    }

    SB457 {
        name: "unknown-test-case-variant",
        severity: Error,
        summary: "a test case whose `variant` is no variant's name",
        what: "Reports a test case whose `variant` is not the `name` of a variant of \
               `config/variant_attributes.yaml`, compared exactly. An empty `variant` is not \
               reported: the test then runs the default variant.",
        why: "The ADK rejects the test case (\"Variant … not found\"), since it cannot tell \
              which variant's attributes the agent should use.",
        example: r#"# config/variant_attributes.yaml
variants:
  - name: Embarcadero
    is_default: true
  - name: Sunset
attributes: []

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
variant: sunset
"#,
        fix: "Write the variant's name as `config/variant_attributes.yaml` spells it \
              (`Sunset`). The automatic fix does when the name differs only a little.",
        clean: r#"# config/variant_attributes.yaml
variants:
  - name: Embarcadero
    is_default: true
  - name: Sunset
attributes: []

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
variant: Sunset
"#,
    }

    SB458 {
        name: "unknown-assertion-function",
        severity: Error,
        summary: "a function-call assertion without a name, or naming no function",
        what: "Reports a function-call assertion (`function_call_assertions`) of a test case \
               whose `name` is missing or empty, or is not the name of a global function \
               (`functions/<name>.py`, other than `start_function` and `end_function`) or of a \
               transition function of any flow (`flows/<flow>/functions/<name>.py`). A project \
               without any such function is not checked, as the ADK does not check it.",
        why: "The ADK rejects the test case (\"Unknown function in assertion\", \"Function \
              call assertion must have a name\"): the assertion could never hold, so the test \
              would always fail.",
        example: r#"# functions/book_cleaning.py
from _gen import *  # <AUTO GENERATED>


@func_description("Book a cleaning appointment")
@func_parameter("date", "The date, YYYY-MM-DD")
def book_cleaning(conv: Conversation, date: str):
    return "Booked."

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
function_call_assertions:
  - name: book_clean
    arguments:
      - parameter_name: date
        expected_value: "2025-06-10"
        value_type: string
"#,
        fix: "Name the function as its file is named (`book_cleaning`). The automatic fix \
              does when the name differs only a little.",
        clean: r#"# functions/book_cleaning.py
from _gen import *  # <AUTO GENERATED>


@func_description("Book a cleaning appointment")
@func_parameter("date", "The date, YYYY-MM-DD")
def book_cleaning(conv: Conversation, date: str):
    return "Booked."

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
function_call_assertions:
  - name: book_cleaning
    arguments:
      - parameter_name: date
        expected_value: "2025-06-10"
        value_type: string
"#,
    }

    SB459 {
        name: "invalid-assertion-argument",
        severity: Error,
        summary: "a function-call assertion argument with a wrong `value_type`, or not the three keys",
        what: "Reports an argument of a function-call assertion whose `value_type` is not \
               `string`, `integer`, `number` or `boolean`, and an argument that lacks one of \
               `parameter_name`, `expected_value` and `value_type` or has another key (the ADK \
               reads only these, and `assertion_type`).",
        why: "The ADK refuses the test case (\"Invalid value type for function call assertion \
              argument\"), or cannot read the file at all when an argument has a key too few \
              or too many.",
        example: r#"# functions/book_cleaning.py
from _gen import *  # <AUTO GENERATED>


@func_description("Book a cleaning appointment")
@func_parameter("date", "The date, YYYY-MM-DD")
def book_cleaning(conv: Conversation, date: str):
    return "Booked."

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
function_call_assertions:
  - name: book_cleaning
    arguments:
      - parameter_name: date
        expected_value: "2025-06-10"
        value_type: date
"#,
        fix: "Compare the value as one of the four types; a date is a `string`.",
        clean: r#"# functions/book_cleaning.py
from _gen import *  # <AUTO GENERATED>


@func_description("Book a cleaning appointment")
@func_parameter("date", "The date, YYYY-MM-DD")
def book_cleaning(conv: Conversation, date: str):
    return "Booked."

# test_suite/book_a_cleaning.yaml
name: Book a cleaning
scenario: |-
  You want a cleaning next Tuesday morning. Give your name, Zoë Martin, when asked.
channel: voice
language: en-US
function_call_assertions:
  - name: book_cleaning
    arguments:
      - parameter_name: date
        expected_value: "2025-06-10"
        value_type: string
"#,
    }

    SB460 {
        name: "invalid-language-code",
        severity: Error,
        summary: "a language of `languages.yaml` that is empty or no valid BCP 47 tag",
        what: "Reports a language code of `agent_settings/languages.yaml` (the \
               `default_language` or an item of `additional_languages`) that is empty, or that \
               the ADK's `langcodes` library (`tag_is_valid`) does not accept: a tag that is \
               not well-formed (subtags of one to eight letters and digits joined by `-` or \
               `_`, a language first, then in order an optional script, region and variants), \
               or one with a part the registry does not have (`jp`, the country code, for \
               Japanese `ja`; the region `EN`), two extended languages, or a part twice. As \
               `langcodes` does, deprecated codes are read as what replaced them first (`eng` \
               is `en`, `iw` is `he`, the region `UK` is `GB`), so those are valid.",
        why: "The ADK rejects the language (\"Invalid language code … Must be a valid BCP 47 \
              language tag\"), so `poly push` fails; the platform picks voices and \
              transcription by this tag.",
        example: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es ES
  - jp
"#,
        fix: "Write the registered tag with `-` between its parts (`es-ES`, `ja`). The \
              automatic fix does when the code only has spaces in place of `-`, or a country \
              code in place of its one language (`jp` → `ja`, `cn` → `zh`, `cz` → `cs`, `dk` \
              → `da`, `gr` → `el`, `ua` → `uk`, `vn` → `vi`).",
        clean: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES
  - ja
"#,
    }

    SB461 {
        name: "duplicate-language",
        severity: Error,
        summary: "a language given twice in `languages.yaml`",
        what: "Reports an item of `additional_languages` that is the `default_language`, or \
               that repeats an earlier item, compared exactly. The first is labelled.",
        why: "The ADK rejects both (\"Default language … also appears in additional \
              languages\", \"Duplicate language code\"): a project has each language once.",
        example: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES
  - en-US
"#,
        fix: "Remove the repeated item: the default language is not listed again among the \
              additional ones.",
        clean: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES
"#,
    }

    SB462 {
        name: "empty-translation",
        severity: Error,
        summary: "a translation of `config/translations.yaml` without any text",
        what: "Reports a translation whose `translations` mapping (language code to text) is \
               missing, null or empty.",
        why: "The ADK rejects the translation (\"Translations cannot be empty.\"): a \
              `{{tn:name}}` reference to it would have nothing to say.",
        example: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES

# config/translations.yaml
translations:
  - name: closing_notice
    translations: {}
"#,
        fix: "Give the text in each of the project's languages.",
        clean: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES

# config/translations.yaml
translations:
  - name: closing_notice
    translations:
      en-US: We close early on public holidays.
      es-ES: Cerramos antes los días festivos.
"#,
    }

    SB463 {
        name: "translation-languages",
        severity: Error,
        summary: "a translation missing one of the project's languages, or in another one",
        what: "Reports a translation of `config/translations.yaml` that has no text in one of \
               the project's languages (the `default_language` and `additional_languages` of \
               `agent_settings/languages.yaml`), and each language it is written in that the \
               project does not declare. Compared exactly: `es-es` is not `es-ES`. A project \
               that declares no language is not checked, as the ADK does not check it.",
        why: "The ADK rejects the translation (\"Missing translations for configured \
              languages\", \"Translation for language not configured\"): the agent would \
              have nothing to say in a language it speaks, or text for one it never speaks.",
        example: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES

# config/translations.yaml
translations:
  - name: closing_notice
    translations:
      en-US: We close early on public holidays.
      es-es: Cerramos antes los días festivos.
"#,
        fix: "Write the text in every declared language, keyed by the code exactly as \
              `languages.yaml` writes it; add a language there before translating into it. \
              The automatic fix corrects a code that differs only in case.",
        clean: r#"# agent_settings/languages.yaml
default_language: en-US
additional_languages:
  - es-ES

# config/translations.yaml
translations:
  - name: closing_notice
    translations:
      en-US: We close early on public holidays.
      es-ES: Cerramos antes los días festivos.
"#,
    }

    SB464 {
        name: "invalid-simulated-at",
        severity: Error,
        summary: "a test case `simulated_at` that Python's `datetime.fromisoformat` cannot read",
        what: "Reports a test case's `simulated_at` (the clock the test runs at) that is not an \
               ISO 8601 date and time as Python's `datetime.fromisoformat` reads it, after the \
               ADK strips it and turns each `Z` into `+00:00`: a date (`2026-01-15`, \
               `20260115`, `2026-W03-4`), optionally a separator (any one character) and a \
               time (`09:30`, `0930`, `09:30:00.5`), optionally a UTC offset under 24 hours. \
               Out-of-range fields (`2026-02-30`, `25:00`) and an instant beyond year 9999 or \
               before year 1 in UTC are refused too. `24:00` is midnight ending the day (Python \
               3.14). An unquoted YAML timestamp is taken as it is.",
        why: "The ADK cannot load the test case (`Invalid simulated_at value … Expected an ISO \
              8601 datetime`), which stops `poly validate` and `poly push`.",
        example: r#"# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
simulated_at: 15/01/2026 09:30
"#,
        fix: "Write the date and time in ISO 8601, with its offset when it is not UTC.",
        clean: r#"# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
simulated_at: "2026-01-15T09:30:00Z"
"#,
    }

    SB465 {
        name: "integration-attribute-value",
        severity: Error,
        summary: "a test case integration attribute that is a date, or a key that is no text",
        what: "Reports, anywhere inside a test case's `integration_attributes`, a value that \
               YAML reads as a date (`expiry: 2026-08-12` unquoted) and a mapping key that is not \
               text (`1:`, `true:`, `null:`).",
        why: "Integration attributes reach the agent as JSON (`google.protobuf.Struct`), which \
              has no dates and only text keys; the ADK refuses them (`Integration attribute … \
              is a date, which the agent cannot receive`, `… must be text`).",
        example: r#"# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
integration_attributes:
  membership:
    tier: gold
    expiry: 2026-08-12
"#,
        fix: "Quote the value or key, so YAML keeps it as text.",
        clean: r#"# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
integration_attributes:
  membership:
    tier: gold
    expiry: "2026-08-12"
"#,
    }

    SB466 {
        name: "api-mock-shape",
        severity: Error,
        summary: "a test case's `api_mocks` that is not a mapping of integrations to operations to rules",
        what: "Reports a part of a test case's `api_mocks` that the ADK cannot read: `api_mocks` \
               itself, or an integration's entry, that is not a mapping; an integration name \
               that YAML reads as no text; an operation's rules that are not a list; a rule that \
               is not a mapping; a rule's `respond`, or its `headers`, that is not a mapping.",
        why: "The ADK refuses to load the test case (`api_mocks must be a mapping of integration \
              name to operations`, `… must be a list of response rules`, …).",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_booking:
      respond:
        status: 200
"#,
        fix: "Write each operation's rules as a list: `get_booking:` then `- respond: ...`.",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_booking:
      - respond:
          status: 200
"#,
    }

    SB467 {
        name: "unknown-api-mock-integration",
        severity: Error,
        summary: "a test case mock of an API integration the project does not have, or an empty name",
        what: "Reports an integration of a test case's `api_mocks` that is not the name of an \
               API integration of `config/api_integrations.yaml` (compared exactly; checked \
               only when the project has some), and an empty integration or operation name.",
        why: "The ADK refuses the test case (`Unknown API integration in mocks`, `API mock \
              integration name cannot be empty.`): the mock would answer calls that never \
              happen.",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  bookings:
    get_booking:
      - respond:
          status: 404
"#,
        fix: "Name the integration as `config/api_integrations.yaml` does (the fix offers the \
              closest name).",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_booking:
      - respond:
          status: 404
"#,
    }

    SB468 {
        name: "unknown-api-mock-operation",
        severity: Warning,
        summary: "a test case mock of an operation its API integration does not define",
        what: "Reports an operation of a test case's `api_mocks` that the mocked API integration \
               does not define among its `operations`.",
        why: "The ADK trusts operation names, so it accepts the mock, but no call ever reaches \
              it: the test runs against the real operation, or fails, instead of the mocked \
              answer.",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_bookings:
      - respond:
          status: 404
"#,
        fix: "Name one of the integration's operations (the fix offers the closest one).",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_booking:
      - respond:
          status: 404
"#,
    }

    SB469 {
        name: "api-mock-response",
        severity: Error,
        summary: "a mocked API response rule the ADK refuses",
        what: "Reports, in a test case's `api_mocks`, an operation with no response rule; a \
               `status` that is not an integer from 100 to 599 (`\"200\"`, `200.0` and null \
               included); a header name that is empty or no text; a `body` holding a date or a \
               key that is no text; a `repeat` that is not a positive integer or -1; and \
               `repeat: -1` (answer forever) on a rule that is not the last.",
        why: "The ADK refuses the test case (`API mock … status … must be an HTTP status code`, \
              `… repeat … must be a positive integer or -1.`, …).",
        example: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_booking:
      - respond:
          status: 503
        repeat: -1
      - respond:
          status: 200
"#,
        fix: "Give each rule an HTTP status; answer forever only from the last rule.",
        clean: r#"# config/api_integrations.yaml
api_integrations:
  - name: booking_api
    operations:
      - name: get_booking
        method: GET
        resource: /bookings/{booking_id}

# test_suite/book_a_table.yaml
name: Book a table
scenario: The caller books a table for two tonight.
channel: voice
language: en-US
api_mocks:
  booking_api:
    get_booking:
      - respond:
          status: 503
        repeat: 2
      - respond:
          status: 200
        repeat: -1
"#,
    }
}
