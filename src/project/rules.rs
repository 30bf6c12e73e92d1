//! The SB0xx rules (reading files) as declared: each rule's code, name, default severity,
//! summary and documentation.
//!
//! Their checks are spread over the loader, which reports them as it reads each file:
//! [`crate::project`] (SB001 to SB009, SB011 to SB015), [`crate::config`] (SB010, and SB008 for
//! `switchboard.toml`) and [`crate::suppress`] (SB010 for an unknown rule in a suppression
//! comment).

crate::diagnostics::declare_rules! {
    SB001 {
        name: "yaml-syntax",
        severity: Error,
        summary: "a YAML file does not parse; span at the error; other files still checked",
        what: "Reports a YAML file that does not parse. The span points at the place where \
               the parser gave up, which is on or just after the real mistake: an unclosed \
               quote or bracket, a tab used for indentation, a line indented to a level that \
               matches no parent, or an unquoted value that contains `: `.\n\n\
               Only the broken file is skipped; the rest of the project is still loaded and \
               checked.",
        why: "Neither Agent Studio nor the `poly` CLI can load a file that does not parse. \
              Until it is fixed, everything the file defines is missing from the project: a \
              broken `config/handoffs.yaml` makes every `{{ho:...}}` reference look unknown, \
              so fix this error first and the follow-on errors go away with it.",
        example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes: refunds and chargebacks
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
        fix: "Correct the syntax at the reported position. Quote a plain value that \
              contains `: ` or ` #`, or that starts with a character YAML treats specially \
              (`{`, `[`, `*`, `&`, `!`, `|`, `>`, `%`, `@`): \
              `description: \"Billing disputes: refunds and chargebacks\"`. For long prose, \
              use a block scalar (`content: |`) instead of quotes. Indent with spaces only.",
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: "Billing disputes: refunds and chargebacks"
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
    }

    SB002 {
        name: "invalid-encoding",
        severity: Error,
        summary: "a file is not UTF-8 (or has a NUL byte): reported once, file skipped",
        what: "Reports a file whose bytes are not valid UTF-8, or that contains a NUL byte. \
               The diagnostic points at the first offending byte and is reported once per \
               file; the file is then skipped, because any text recovered from it would be \
               guesswork.\n\n\
               In the example, the file was saved as Windows-1252, so `é` is the single byte \
               `0xE9` instead of the UTF-8 pair `0xC3 0xA9`.",
        why: "ADK projects are UTF-8 throughout. A file saved as Windows-1252 or Latin-1 \
              (common when text comes from a spreadsheet or word-processor export) fails to \
              load, or has its accented letters turned into replacement characters that the \
              agent then reads aloud. A NUL byte usually means a binary file, or a file \
              damaged by an interrupted save.",
        example: r#"# agent_settings/rules.txt
Always greet the caller with "Welcome to Café Rouge, how can I help?"
"#,
        fix: "Re-save the file as UTF-8: most editors have a \"Reopen with encoding\" and a \
              \"Save with encoding\" command. On the command line, \
              `iconv -f WINDOWS-1252 -t UTF-8 rules.txt > rules.utf8.txt` converts from a \
              known source encoding. If the file is binary (an exported spreadsheet, an audio \
              file), move it out of the project folder.",
        clean: r#"# agent_settings/rules.txt
Always greet the caller with "Welcome to Café Rouge, how can I help?"
"#,
    }

    SB003 {
        name: "unreadable-file",
        severity: Error,
        summary: "I/O error, permission, a file vanished while read",
        what: "Reports a project file that exists but could not be read: permission denied, \
               a broken symbolic link, or a file deleted or replaced while it was being read. \
               The message carries the operating system's error.",
        why: "An unreadable file is invisible to every other check, so the project looks \
              smaller than it is: the handoffs, topics or functions it defines are missing \
              and references to them are reported as unknown. In CI this usually points at \
              the checkout (files owned by another user, a symbolic link to a path that is \
              not there) rather than at the project itself.",
        example: r#"# terminal
$ ls -l config/
-rw-------  1 root  staff  1204 Mar  3 10:02 handoffs.yaml
"#,
        fix: "Fix the underlying I/O problem, then run the check again: restore read \
              permission (`chmod a+r config/handoffs.yaml`, or give the files back to the \
              user that runs the check; a `sudo poly pull` is a common cause), repair or \
              remove broken symbolic links, and make sure nothing rewrites the project while \
              it is being checked.",
        clean: r#"# terminal
$ chmod a+r config/handoffs.yaml
$ ls -l config/
-rw-r--r--  1 root  staff  1204 Mar  3 10:02 handoffs.yaml
"#,
    }

    SB004 {
        name: "wrong-field-type",
        severity: Error,
        summary: "e.g. `is_default: \"yes\"`, `handoffs:` not a list, a missing required field",
        what: "Reports a field whose value has the wrong type for the ADK format, or a \
               required field that is missing. Typical cases:\n\
               - `is_default: \"yes\"`, a string where a boolean is expected;\n\
               - `handoffs:` written as a mapping instead of a list;\n\
               - `example_queries` given as one string instead of a list of strings.\n\n\
               switchboard reads YAML 1.2, where only `true` and `false` are booleans: \
               `yes`, `no`, `on` and `off` are strings, so `is_default: yes` is reported too.",
        why: "The platform rejects a resource whose fields have the wrong type, or a tool \
              along the way coerces the value into something you did not mean: in Python the \
              string `\"false\"` is true. A value of the wrong type also keeps switchboard \
              from running the checks that depend on it.",
        example: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: "yes"
    sip_config:
      method: refer
      phone_number: "+442079460100"
"#,
        fix: "Write the value with the type the field expects: `is_default: true` (unquoted \
              `true` or `false`), lists as `- item` entries, text as a string. When a \
              required field is reported missing, add it.",
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+442079460100"
"#,
    }

    SB005 {
        name: "duplicate-key",
        severity: Error,
        summary: "a mapping repeats a key",
        what: "Reports a YAML mapping that contains the same key twice. Both occurrences are \
               labelled.",
        why: "YAML forbids duplicate keys, but most loaders accept them silently and keep \
              the last value. In the example, an edit appended a second `enabled:` to the \
              end of the topic: the topic is now switched off, and nothing says so. A \
              duplicated `actions:` or `prompt:` loses the first block of text the same way.",
        example: r#"# topics/lost_property.yaml
name: Lost property
enabled: true
example_queries:
  - I left my bag in the restaurant
  - Has anyone handed in a phone
content: |
  Lost items are kept at reception for 30 days.
actions: |
  Ask for a description of the item and the date of the visit.
enabled: false
"#,
        fix: "Delete the occurrence you do not want. When the duplicate holds text \
              (`content`, `actions`, `prompt`), merge both texts into one block before \
              deleting the other.",
        clean: r#"# topics/lost_property.yaml
name: Lost property
enabled: true
example_queries:
  - I left my bag in the restaurant
  - Has anyone handed in a phone
content: |
  Lost items are kept at reception for 30 days.
actions: |
  Ask for a description of the item and the date of the visit.
"#,
    }

    SB006 {
        name: "merge-conflict-marker",
        severity: Error,
        summary: "`<<<<<<<`/`=======`/`>>>>>>>` lines left in a file",
        what: "Reports Git merge-conflict markers left in a file after a merge or rebase: \
               lines starting with `<<<<<<<`, `=======` or `>>>>>>>`.",
        why: "In YAML a marker usually breaks parsing, but in plain-text files such as \
              `rules.txt` and `persona.txt` nothing fails: both sides of the conflict, \
              markers included, become part of the prompt. The agent then receives two \
              contradictory instructions (in the example, two different handoffs for the \
              same request) and follows whichever it happens to weigh more.",
        example: r#"# agent_settings/rules.txt
## Transfers
<<<<<<< HEAD
If the caller asks about a bill, transfer them with {{ho:billing}}.
=======
If the caller asks about a bill, transfer them with {{ho:billing_team}}.
>>>>>>> rename-billing-handoff
"#,
        fix: "Resolve the conflict: keep the right side (or combine both), delete the three \
              marker lines and check again. `git diff --check` also reports leftover \
              conflict markers and is worth running in a pre-commit hook.",
        clean: r#"# agent_settings/rules.txt
## Transfers
If the caller asks about a bill, transfer them with {{ho:billing_team}}.
"#,
    }

    SB007 {
        name: "python-syntax",
        severity: Error,
        summary: "a function file does not parse (recover: still extract what can be)",
        what: "Reports a Python file under `functions/`, `flows/<flow>/functions/` or \
               `flows/<flow>/function_steps/` that does not parse.\n\n\
               switchboard's parser recovers from the error and still extracts what it can \
               (function definitions, decorators, `conv.state` assignments, \
               `conv.call_handoff(...)` calls), so one typo does not turn into a cascade of \
               unknown-function errors elsewhere.",
        why: "The platform cannot import the file, so none of its functions can run: every \
              `{{fn:...}}` or `{{ft:...}}` that reaches it fails when the model tries to use \
              it. Syntax errors slip in easily through the Agent Studio editor or a \
              hand-resolved merge, and nothing else catches them until the code runs.",
        example: r#"# functions/check_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look up a booking by its reference number.")
@func_parameter("reference", "The booking reference the caller reads out")
def check_booking(conv: Conversation, reference: str):
    if not reference
        return "Ask the caller for their booking reference."
    conv.state.booking_reference = reference.strip().upper()
    return "Booking found. Confirm the date with the caller."
"#,
        fix: "Fix the syntax error at the reported position; in the example, the `:` \
              missing after `if not reference`. Findings that depended on the part of the \
              file the parser could not recover disappear with it.",
        clean: r#"# functions/check_booking.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look up a booking by its reference number.")
@func_parameter("reference", "The booking reference the caller reads out")
def check_booking(conv: Conversation, reference: str):
    if not reference:
        return "Ask the caller for their booking reference."
    conv.state.booking_reference = reference.strip().upper()
    return "Booking found. Confirm the date with the caller."
"#,
    }

    SB008 {
        name: "unknown-field",
        severity: Warning,
        summary: "a key the format does not have (typo: `phone_numer`), with did-you-mean",
        what: "Reports a key that the ADK format does not define at that place: most often a \
               typo (`phone_numer`, `is_defualt`), or a key at the wrong level \
               (`phone_number` directly under the handoff instead of under `sip_config`). \
               When a known key is close, switchboard suggests it (did-you-mean) and offers a \
               fix that renames the key.",
        why: "A misspelt key does not set the field it was meant to set, and nothing \
              complains: in the example the handoff has no route at all (SB102 reports that \
              too), so the first real transfer fails even though the number is right there \
              in the file.",
        example: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_numer: "+442079460100"
"#,
        fix: "Rename the key to the one the format expects (apply the did-you-mean fix: \
              `phone_numer` → `phone_number`), or move it to the right level. A note meant \
              for humans belongs in a YAML comment (`# ...`), not in a key.",
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+442079460100"
"#,
    }

    SB009 {
        name: "resource-limit",
        severity: Error,
        summary: "a file exceeds the size, nesting-depth or alias-expansion bound (a YAML alias bomb is rejected, never expanded)",
        what: "Reports a file that exceeds one of switchboard's safety bounds: the file is \
               too large, its structure nests deeper than the depth limit, or its YAML \
               aliases would expand past the expansion limit. Aliases are never expanded \
               beyond the bound: an alias bomb such as the one in the example is rejected \
               without ever being built in memory.",
        why: "Hand-written ADK files are small. A file past these bounds is almost always a \
              mistake (a data dump pasted into a topic) or hostile input, for example in a \
              pull request that CI checks. Bounding the work keeps `switchboard check` and \
              the language server fast and safe on any input.",
        example: r#"# config/entities.yaml
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"#,
        fix: "Remove the alias chain, flatten the nesting, or move bulk data out of the \
              project: ADK files do not need anchors and aliases to build large structures. \
              If the file came from somewhere you do not trust, do not load it with other \
              YAML tools either.",
        clean: r#"# config/entities.yaml
entities:
  - name: guest_name
    description: The name the booking is under
    entity_type: free_text
    config: {}
"#,
    }

    SB010 {
        name: "invalid-config",
        severity: Error,
        summary: "`switchboard.toml` does not parse, names an unknown rule, or has a value of the wrong kind",
        what: "Reports a `switchboard.toml` that does not parse as TOML, a `[rules]` entry \
               naming a rule that does not exist, a severity other than `error`, `warning`, \
               `info`, `hint` or `off`, an `[integration]` value of the wrong kind, an \
               invalid `exclude` glob, or an unknown rule in a `# switchboard: ignore[...]` \
               comment. Unknown keys are reported as `unknown-field` (SB008).",
        why: "A configuration mistake silently changes what CI checks: a misspelt rule code \
              would leave a rule on that the team meant to turn off, or a lock on the SIP \
              method would not apply. Reporting it with its position keeps the \
              configuration honest.",
        example: r#"# switchboard.toml
[rules]
SB999 = "off"
unknown-handoff = "loud"

[integration]
method = "transfer"
"#,
        fix: "Use a rule code (`SB201`) or name (`unknown-handoff`) that `switchboard rules` \
              lists, one of the five severities, and for `[integration]`: `method = \
              \"invite\" | \"refer\" | \"bye\"`, `route = true | false`, `sip_headers = \
              true | false`.",
        clean: r#"# switchboard.toml
[rules]
SB116 = "off"
unknown-handoff = "warning"

[integration]
method = "refer"
"#,
    }

    SB011 {
        name: "legacy-file",
        severity: Warning,
        summary: "`agent_settings/personality.yaml` or `role.yaml`: legacy files the ADK deletes on load",
        what: "Reports `agent_settings/personality.yaml` and `agent_settings/role.yaml`, the \
               files older projects kept the agent's persona in. Nothing inside them is \
               checked: the ADK no longer reads them.",
        why: "When the ADK loads a project it deletes both files in favour of \
              `agent_settings/persona.txt` (\"replaced by agent_settings/persona.txt\"), so \
              whatever they say never reaches the agent, and the next `poly` command removes \
              them from the working tree.",
        example: r#"# agent_settings/personality.yaml
adjectives:
  - warm
  - patient
custom: Speak slowly and confirm every date back to the caller.
"#,
        fix: "Move what the file says into `agent_settings/persona.txt`, then delete the file.",
        clean: r#"# agent_settings/persona.txt
You are warm and patient. Speak slowly and confirm every date back to the caller.
"#,
    }
    SB012 {
        name: "byte-order-mark",
        severity: Error,
        summary: "a Python or JSON file starts with a UTF-8 byte order mark, which the ADK's parsers reject",
        what: "Reports a UTF-8 byte order mark (the invisible character U+FEFF, bytes \
               `EF BB BF`) in a Python file (global functions, transition functions, function \
               steps) or in `agent_settings/experimental_config.json`, at the start of the \
               file, where Windows editors (Notepad, some Visual Studio settings) put one when \
               they save as \"UTF-8 with BOM\". (Further into a Python file, outside a string \
               literal, the character is a syntax error: `python-syntax`, SB007.)\n\n\
               YAML and text files are not reported: the ADK's YAML loader skips a leading BOM, \
               and a BOM in `rules.txt` or `persona.txt` is sent as part of the text.",
        why: "The ADK reads every file as plain UTF-8 (`encoding=\"utf-8\"`, not \
              `utf-8-sig`), so the BOM stays in the text. Python's parser then stops at it \
              (`invalid non-printable character U+FEFF`), and the JSON reader refuses it \
              (`Unexpected UTF-8 BOM`): the whole project fails to load until it is removed.",
        example: "# functions/check_balance.py\n\u{feff}@func_description(\"Tell the caller how their balance reaches them.\")\ndef check_balance(conv: Conversation):\n    return \"Your balance is on its way by text.\"\n",
        fix: "Delete the byte order mark (the quick fix does exactly that), or re-save the file \
              as \"UTF-8\" rather than \"UTF-8 with BOM\".",
        clean: "# functions/check_balance.py\n@func_description(\"Tell the caller how their balance reaches them.\")\ndef check_balance(conv: Conversation):\n    return \"Your balance is on its way by text.\"\n",
    }

    SB013 {
        name: "unquoted-non-string",
        severity: Error,
        summary: "an unquoted value YAML reads as a number, boolean or date where the ADK needs a string (`phone_number: +14155550134`)",
        what: "Reports a plain (unquoted) YAML value that the ADK's YAML loader reads as an \
               integer, a float, a boolean or a date, in a field the ADK types as a string: \
               `phone_number: +14155550134` is the integer 14155550134, `name: 2024` an \
               integer, `description: true` a boolean, `welcome_message: 2024-01-15` a date. \
               Numbers follow the loader's YAML 1.2 rules, which also read `0123`, `1_000` \
               and `0x1F` as integers and `1e5` as a float; `yes`, `no`, `on` and `off` stay \
               strings.\n\n\
               It applies to every string field of the files switchboard reads: handoffs \
               (name, description, `sip_config`), SMS templates and their phone numbers, \
               variants, attributes and entities (names), topics, flows and steps, the voice \
               and chat configuration, pronunciations, keyphrases and transcript corrections.",
        why: "The ADK checks the loaded type of each field and refuses the whole project \
              (`'sip_config.phone_number' should be str but got int.`), or fails with a \
              Python error on a name. Even where a tool along the way turns the number back \
              into text, it is not the text you wrote: the `+` and leading zeros of a phone \
              number are gone.",
        example: r#"# config/handoffs.yaml
handoffs:
  - name: Billing Desk
    description: Billing disputes and refunds
    is_default: true
    sip_config:
      method: refer
      phone_number: +14155550134
"#,
        fix: "Quote the value: `phone_number: \"+14155550134\"`. The quick fix wraps the text \
              as written in double quotes, which keeps every character.",
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: Billing Desk
    description: Billing disputes and refunds
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550134"
"#,
    }

    SB014 {
        name: "json-syntax",
        severity: Error,
        summary: "`agent_settings/experimental_config.json` is not valid JSON",
        what: "Reports an `agent_settings/experimental_config.json` that Python's JSON reader \
               refuses: a missing comma or quote, a trailing comma, a comment, single quotes, \
               or an empty file. The span points at the place where reading stopped. \
               Python's reader accepts `NaN` and `Infinity`, and a repeated key (the last one \
               wins); so does switchboard.",
        why: "The ADK reads the file with `json.loads` when it loads the project: a syntax \
              error stops the whole load (`Expecting ',' delimiter`), so nothing is validated \
              or pushed until it is fixed.",
        example: r#"# agent_settings/experimental_config.json
{
  "smart_vad": {"is_enabled": true,},
  "eot": {"provider": "smart_turn", "threshold": 0.5}
}
"#,
        fix: "Correct the JSON at the reported position: here, remove the comma before `}`.",
        clean: r#"# agent_settings/experimental_config.json
{
  "smart_vad": {"is_enabled": true},
  "eot": {"provider": "smart_turn", "threshold": 0.5}
}
"#,
    }

    SB015 {
        name: "rejected-unknown-key",
        severity: Error,
        summary: "an unknown key in a settings section the ADK reads strictly (`filler_phrases`, `background_ambience`, `barge_in`)",
        what: "Reports a key the ADK does not define in the sections it reads strictly: \
               `filler_phrases` and `background_ambience` in `voice/configuration.yaml`, and \
               `barge_in` in `voice/speech_recognition/asr_settings.yaml`. Elsewhere an \
               unknown key is only a warning (`unknown-field`, SB008), because the ADK \
               ignores it.",
        why: "For these sections the ADK refuses the file instead of dropping the key \
              (`Unknown key(s) in 'filler_phrases': shuffle. Expected: enabled, phrases, \
              randomize, initial_interval_seconds, interval_seconds.`), so that a misspelt \
              setting is not silently lost: the project does not load.",
        example: r#"# voice/configuration.yaml
filler_phrases:
  enabled: true
  phrases:
    - One moment while I check that.
  shuffle: true
"#,
        fix: "Use the key the ADK defines (here `randomize`), or remove the line.",
        clean: r#"# voice/configuration.yaml
filler_phrases:
  enabled: true
  phrases:
    - One moment while I check that.
  randomize: true
"#,
    }
}
