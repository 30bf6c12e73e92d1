//! The long documentation of every rule: what it checks, why it matters, an example that
//! triggers it and how to fix it.
//!
//! [`explain`] renders one rule as plain text for `switchboard explain <code|name>`;
//! [`markdown`] and [`markdown_all`] render the same text as Markdown for `docs/rules.md`.
//! [`doc`] is an exhaustive `match` over [`Code`], so a rule cannot be added without its page.
//!
//! Text conventions, relied on by the renderers:
//! * `what`, `why` and `fix` are paragraphs separated by a blank line; a line starting with `- `
//!   is a list item. Code, names and punctuation that Markdown would interpret stay inside
//!   backticks.
//! * `example` is one or more files. Each starts with a header line `# <path>` naming the file it
//!   lives in (`# topics/billing.yaml`); a later file starts at the next line of that form whose
//!   path ends in `.yaml`, `.yml`, `.py`, `.txt` or `.toml`. Files are separated by a blank line.

use crate::diagnostics::{Code, RuleMeta, Severity};

/// The long documentation of one rule.
pub struct RuleDoc {
    /// What the rule checks, precisely.
    pub what: &'static str,
    /// What goes wrong at run time (or in review) if the finding is ignored.
    pub why: &'static str,
    /// One or more files from a realistic project that trigger the rule (see the module docs).
    pub example: &'static str,
    /// How to fix it, including the automatic fix when switchboard offers one.
    pub fix: &'static str,
}

/// The documentation of `code`.
pub fn doc(code: Code) -> &'static RuleDoc {
    match code {
        // ---------------------------------------------------------------- SB0xx reading files
        Code::SB001 => &RuleDoc {
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
        },
        Code::SB002 => &RuleDoc {
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
        },
        Code::SB003 => &RuleDoc {
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
        },
        Code::SB004 => &RuleDoc {
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
        },
        Code::SB005 => &RuleDoc {
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
        },
        Code::SB006 => &RuleDoc {
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
        },
        Code::SB007 => &RuleDoc {
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
        },
        Code::SB008 => &RuleDoc {
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
        },
        Code::SB009 => &RuleDoc {
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
        },
        // ---------------------------------------------------------- SB1xx handoff definitions
        Code::SB010 => &RuleDoc {
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
        },
        Code::SB101 => &RuleDoc {
            what: "Reports a handoff whose `sip_config.method` is not one of the three methods \
                   the platform supports, written in lower case: `invite`, `refer` or `bye`. The \
                   official validator rejects the same values.",
            why: "The method decides what happens to the call. With `refer` the platform tells \
                  the caller's SBC where to send the call and drops out; with `invite` it dials \
                  the destination itself and bridges the two legs; with `bye` it ends its own leg \
                  and lets the SBC take the call back. Any other value cannot be carried out, and \
                  the project does not validate.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: escalation
    description: Complaints that need a supervisor
    is_default: true
    sip_config:
      method: transfer
      phone_number: "sip:supervisors@pbx.example.com"
"#,
            fix: "Use `refer` unless your telephony team says otherwise (it is the default in \
                  Agent Studio), `invite` when the platform must stay on the call (to play an \
                  utterance reliably, or to choose `outbound_encryption`), and `bye` to hand the \
                  call back to your SBC. The value is lower case: \"SIP REFER\" in Agent Studio \
                  is `method: refer` in `handoffs.yaml`.",
        },
        Code::SB102 => &RuleDoc {
            what: "Reports an `invite` or `refer` handoff without a `sip_config.phone_number`, or \
                   with an empty one. Both methods send the call somewhere, so both need a \
                   destination; only `bye` works without one.",
            why: "A REFER without a target cannot be sent, and an INVITE has nothing to dial: the \
                  transfer fails the first time it is used, in front of a caller who asked for a \
                  person. Handoffs copied from a `bye` entry, or created before the number was \
                  known, are the usual cause.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
"#,
            fix: "Add the destination under `sip_config`: an E.164 number \
                  (`phone_number: \"+14155550123\"`), a SIP URI \
                  (`phone_number: \"sip:billing@pbx.example.com\"`) or an extension. Quote it so \
                  that YAML keeps it a string. If the handoff is meant to give the call back to \
                  your SBC, use `method: bye` instead.",
        },
        Code::SB103 => &RuleDoc {
            what: "Reports a `phone_number` that is none of the destination forms the platform \
                   accepts:\n\
                   - an E.164 number: `+`, the country code and the subscriber number, at most \
                   15 digits, nothing else (`+14155551234`);\n\
                   - a SIP or SIPS URI, bare or in angle brackets (`sip:desk@pbx.example.com`, \
                   `<sips:+14155551234@10.0.0.1>`);\n\
                   - an extension (digits only, such as `4021`).\n\n\
                   Numbers written for humans (spaces, brackets, dashes, dots) and national \
                   numbers without the `+` and country code are reported. The official \
                   validator does not look at routes.",
            why: "The route is handed to the SBC or carrier as written. Formatting characters are \
                  not part of E.164, and a number without its country code is interpreted \
                  relative to wherever the carrier happens to be, if at all: the transfer fails \
                  with a SIP 4xx error or rings the wrong line. The first thing PolyAI's \
                  troubleshooting guide asks you to check after a failed transfer is exactly \
                  this: the `+` and the country code.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+1 (415) 555-1234"
  - name: pharmacy
    description: Prescription refills and opening hours of the pharmacy
    is_default: false
    sip_config:
      method: refer
      phone_number: "020 7946 0958"
"#,
            fix: "Write the number in E.164: `+`, country code, number, with no spaces or \
                  punctuation. When the country code is already there, switchboard offers a fix \
                  that strips the formatting (`+1 (415) 555-1234` → `+14155551234`). A national \
                  number without a country code gets no automatic fix, because the country \
                  cannot be known from the file: add it yourself (the UK number `020 7946 0958` \
                  is `+442079460958`). For SIP destinations, include the scheme: \
                  `sip:desk@pbx.example.com`.",
        },
        Code::SB104 => &RuleDoc {
            what: "Reports a `phone_number` on a handoff whose method is `bye`. A BYE ends the \
                   platform's leg of the call and lets the caller's SBC take it back: it has no \
                   destination, so the route is ignored.",
            why: "The route promises a destination the call will never reach. Usually the method \
                  was switched to `bye` and the number left behind, or the number was meant for \
                  a `refer`; either way the file says two different things, and the next person \
                  to read it will trust the wrong one.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: back_to_ivr
    description: Return the caller to the main IVR menu
    is_default: false
    sip_config:
      method: bye
      phone_number: "+14155550100"
"#,
            fix: "If the call should go to that number, change the method to `refer` (or \
                  `invite`). If the handoff should only end the agent's leg, delete \
                  `phone_number`; information the SBC needs to route the call back can travel in \
                  `sip_headers`.",
        },
        Code::SB105 => &RuleDoc {
            what: "Reports an `outbound_encryption` that is not exactly `TLS/SRTP` or `UDP/RTP`. \
                   The comparison is exact, so `tls`, `TLS`, `udp` and `TLS / SRTP` are all \
                   reported.",
            why: "The platform knows only the two literal values. The choice matters: \
                  `TLS/SRTP` (the default) encrypts both the signalling and the audio, `UDP/RTP` \
                  sends both in the clear and exists only for legacy systems that require it. A \
                  value the platform does not recognise leaves the transport of the call to \
                  chance.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: claims
    description: New insurance claims, 24 hours a day
    is_default: false
    sip_config:
      method: invite
      phone_number: "sip:claims@pbx.example.com"
      outbound_encryption: tls
"#,
            fix: "Use `TLS/SRTP` (encrypted, the default) or `UDP/RTP` (unencrypted, only when \
                  the destination cannot do better). For unambiguous spellings such as `tls`, \
                  `TLS` or `udp`, switchboard offers a fix that writes the canonical value \
                  (`tls` → `TLS/SRTP`, `udp` → `UDP/RTP`).",
        },
        Code::SB106 => &RuleDoc {
            what: "Reports `outbound_encryption` or `outbound_endpoint` on a handoff whose method \
                   is `refer` or `bye`. Both settings describe the outbound call that the \
                   platform places itself, which only happens with `invite`.",
            why: "With REFER and BYE the platform does not carry the transferred call: the \
                  caller's SBC or carrier does, over its own transport. The setting is ignored, \
                  and a reader who sees `outbound_encryption: TLS/SRTP` on a refer handoff may \
                  believe the transferred call is encrypted when nothing in this file controls \
                  that.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
      outbound_encryption: TLS/SRTP
"#,
            fix: "Delete the setting, or change the method to `invite` if the platform should \
                  place the call itself and its transport matters. The encryption of a referred \
                  call is configured on your SBC or with your carrier.",
        },
        Code::SB107 => &RuleDoc {
            what: "Reports a `config/handoffs.yaml` that defines handoffs but marks none of them \
                   `is_default: true`. A project without handoffs is not reported: many projects \
                   transfer only in code, or not at all.",
            why: "The default handoff is the fallback for a transfer without a specific \
                  destination, for example when the caller asks for a person and no topic or \
                  step maps that request to a named handoff. Agent Studio makes the first \
                  handoff you create the default, but deleting it, or editing the file by hand, \
                  can leave none, and then unmatched transfers have nowhere to go.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
  - name: reservations
    description: New bookings and changes to existing ones
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550124"
"#,
            fix: "Set `is_default: true` on the handoff that should catch unmatched transfers \
                  (usually the front desk or the general queue) and leave `is_default: false` on \
                  the others.",
        },
        Code::SB108 => &RuleDoc {
            what: "Reports more than one handoff with `is_default: true`. The diagnostic labels \
                   each of them. The official validator rejects this too.",
            why: "There is only one fallback destination. With two defaults the project does not \
                  validate, and even if it did, which of them receives unmatched transfers would \
                  come down to the order of entries in a file.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550100"
  - name: night_desk
    description: Night manager, 11pm to 7am
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550101"
"#,
            fix: "Keep `is_default: true` on the one handoff that should catch unmatched \
                  transfers and set the others to `false`.",
        },
        Code::SB109 => &RuleDoc {
            what: "Reports two handoff entries with the same `name`. Both are labelled.",
            why: "References and `conv.call_handoff(destination=...)` select a handoff by name, \
                  so only one of the two can ever be reached. The Python ADK silently collapses \
                  them into one, so the project pushes without complaint and a destination \
                  quietly disappears: typically the one just added by duplicating the other.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: sales
    description: New customers and quotes
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550140"
  - name: sales
    description: Existing customers upgrading their plan
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550141"
"#,
            fix: "Give each entry a distinct name that says what it is for (`sales_new`, \
                  `sales_upgrades`) and update the references to the one you renamed. If the \
                  entries are true duplicates, delete one.",
        },
        Code::SB110 => &RuleDoc {
            what: "Reports a handoff whose `name` is missing, empty or only whitespace.",
            why: "A handoff is addressed only by its name: `{{ho:name}}` in text and \
                  `conv.call_handoff(destination=\"name\")` in code. A nameless entry cannot be \
                  used by anything, and is usually the remains of an unfinished edit.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: ""
    description: After-hours emergency line
    is_default: false
    sip_config:
      method: invite
      phone_number: "+14155550199"
"#,
            fix: "Give the handoff a short, descriptive name made of letters, digits, `_` and \
                  `-` (`after_hours_emergency`), so that references to it are checked by every \
                  tool (see SB118). If the entry is left over from an edit, delete it.",
        },
        Code::SB111 => &RuleDoc {
            what: "Reports a SIP header in `sip_headers` whose `key` does not start with `X-`. \
                   switchboard offers a fix that adds the prefix.",
            why: "Custom SIP headers start with `X-` so that they cannot collide with the headers \
                  SIP itself defines. A name without the prefix is either a standard header \
                  (`Referred-By`, `Contact`, `User-Agent`) that the platform or the SBC sets \
                  itself, or an unknown one that a proxy along the way may drop. Either way, the \
                  metadata the receiving system routes on may not arrive.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
    sip_headers:
      - key: Customer-ID
        value: $customer_id
"#,
            fix: "Rename the header with the `X-` prefix (`Customer-ID` → `X-Customer-ID`; the \
                  fix does this) and make the receiving system read the new name. If you really \
                  mean to set a standard header, check with your telephony team that the \
                  platform and the SBC let it through, then silence the finding on that line.",
        },
        Code::SB112 => &RuleDoc {
            what: "Reports a header `key` that is not a valid SIP header name. RFC 3261 allows a \
                   token: ASCII letters and digits and the characters `-`, `.`, `!`, `%`, `*`, \
                   `_`, `+`, `'`, `~` and the backtick. Spaces, `:`, `@`, brackets, non-ASCII \
                   letters and empty names are reported.",
            why: "The header is written into the SIP message as `Name: value`. A name with a \
                  space or a colon makes the message malformed: the SBC rejects the transfer, or \
                  reads a different header from the one you configured.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
    sip_headers:
      - key: X-Customer ID
        value: $customer_id
"#,
            fix: "Use letters, digits and `-` only (`X-Customer-ID`). Keep names ASCII; data in \
                  other scripts belongs in the value, not the name.",
        },
        Code::SB113 => &RuleDoc {
            what: "Reports the same header name twice in one handoff's `sip_headers`. SIP header \
                   names are case-insensitive, so `X-Account-ID` and `x-account-id` are the same \
                   header.",
            why: "Receiving systems disagree on what a repeated header means: some read the \
                  first value, some the last, some join them with commas. The routing decision \
                  on the other end then depends on their parser rather than on your \
                  configuration.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
    sip_headers:
      - key: X-Account-ID
        value: $account_id
      - key: x-account-id
        value: $billing_account_id
"#,
            fix: "Keep one entry per header. If both values are needed, give them distinct \
                  names (`X-Account-ID`, `X-Billing-Account-ID`).",
        },
        Code::SB114 => &RuleDoc {
            what: "Reports a `$variable` in a SIP header value that nothing in the project \
                   defines: no Python file mentions `conv.state.<name>`, and it is not a \
                   built-in variable. `caller_id` is built in; variables provided by your \
                   platform setup can be declared in `switchboard.toml` as \
                   `[variables]` `builtin = [...]`. When a defined variable is close, \
                   switchboard suggests it (did-you-mean).",
            why: "Header variables are resolved from conversation state at transfer time. A \
                  variable that is never set gives the receiving system no usable value, and the \
                  failure only shows on the far end of the transfer, where the person who picks \
                  up sees no account. The official validator does not look at `$variables` or \
                  at headers.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
    sip_headers:
      - key: X-Account-ID
        value: $acount_id

# functions/verify_account.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look up the caller's account by the number they read out.")
@func_parameter("account_number", "The account number the caller gives")
def verify_account(conv: Conversation, account_number: str):
    conv.state.account_id = account_number.strip()
    return "Account found. Ask how you can help with their bill."
"#,
            fix: "Use the name your code sets (`$account_id`; the did-you-mean suggests it), or \
                  set the variable in a function that runs before the transfer. If the platform \
                  provides the variable itself (one set by your telephony integration, say), \
                  declare it so that switchboard knows about it: \
                  `builtin = [\"crm_account_id\"]` under `[variables]` in `switchboard.toml`.",
        },
        Code::SB115 => &RuleDoc {
            what: "Reports a SIP header value that contains a carriage return, a line feed or a \
                   NUL character. In YAML these come from a block scalar (`value: |`), a `\\n` \
                   escape in a double-quoted string, or text pasted with a trailing newline.",
            why: "SIP separates headers with line breaks. A value containing one ends the header \
                  early and starts another: whatever follows is injected into the transfer as \
                  headers of its own (header injection), or the message is corrupted and the \
                  SBC rejects it. Many SIP stacks also cut a value short at a NUL.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: escalation
    description: Supervisor queue for complaints
    is_default: false
    sip_config:
      method: refer
      phone_number: "sip:supervisors@pbx.example.com"
    sip_headers:
      - key: X-Reason
        value: "complaint\nX-Priority: urgent"
"#,
            fix: "Keep each header value on one line: use a plain or quoted scalar rather than a \
                  block scalar, and remove `\\n` escapes and trailing newlines. If the receiving \
                  system needs several pieces of information, send them as separate headers \
                  (`X-Reason`, `X-Priority`).",
        },
        Code::SB116 => &RuleDoc {
            what: "Reports a handoff that nothing in the project references: no `{{ho:...}}` or \
                   `<<ho:...>>` in any text and no `conv.call_handoff(...)` naming it. The \
                   default handoff counts as used.\n\n\
                   When the project chooses destinations at run time (see SB305), any handoff \
                   might be the target, so the rule stays quiet.",
            why: "An unused handoff is either dead configuration (a destination that was replaced \
                  but never deleted, which someone will one day edit in the belief that it \
                  matters) or, more often, a handoff that was meant to be wired in and never \
                  was: the topic that should transfer callers to it does not. It is a hint \
                  rather than a warning because handoffs are sometimes added ahead of the text \
                  that uses them.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550100"
  - name: lost_property
    description: Items left behind at the hotel
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550177"

# topics/lost_property.yaml
name: Lost property
enabled: true
example_queries:
  - I think I left my charger in my room
content: |
  Lost items are kept at reception for 30 days.
actions: |
  Take a description of the item and the room number, then tell the caller
  that the front desk will call them back.
"#,
            fix: "Reference the handoff where it is meant to be used (`{{ho:lost_property}}` in \
                  the topic's `actions`), or delete it. In a project that reaches handoffs in \
                  ways switchboard cannot see, turn the rule off with `SB116 = \"off\"` under \
                  `[rules]` in `switchboard.toml`.",
        },
        Code::SB117 => &RuleDoc {
            what: "Reports a handoff whose `description` is missing or empty.",
            why: "The description records when a destination is used. PolyAI's best practices \
                  ask to label every handoff with its intended use (\"Billing disputes\", not \
                  \"Team A\"): without one, the next person to change the routing has to guess \
                  from the name and the number which handoff to edit.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: team_a
    description: ""
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550130"
"#,
            fix: "Describe in a sentence who is on the other end and when callers should be sent \
                  there (`description: Billing disputes, refunds and chargebacks; weekdays 8am to \
                  6pm`). A name that says the same (`billing` rather than `team_a`) helps too.",
        },
        Code::SB118 => &RuleDoc {
            what: "Reports a handoff name that references cannot carry, or that the official \
                   validator cannot check. The message says which case applies:\n\
                   - the name contains `}` or a line break: a `{{ho:...}}` reference cannot \
                   contain either, so no text can refer to this handoff;\n\
                   - the name contains spaces, `&` or other characters besides letters, digits, \
                   `_` and `-`: references such as `{{ho:T1 Skill}}` do resolve on the \
                   platform, but the official validator only recognises names matching \
                   `[\\w-]+`, so it never reports a mistake in such a reference. switchboard \
                   checks them either way.",
            why: "A name that cannot be referenced can only be reached from code. A name the \
                  validator skips turns every reference to it into a blind spot for the official \
                  tooling, and names with spaces are easy to get subtly wrong: a double space, a \
                  trailing space, a different case.",
            example: r#"# config/handoffs.yaml
handoffs:
  - name: W&G TBM
    description: Wealth and guardianship team, business hours
    is_default: false
    sip_config:
      method: refer
      phone_number: "+442079460100"
"#,
            fix: "Rename the handoff to letters, digits, `_` and `-` (`wg_tbm`) and update every \
                  `{{ho:...}}` and `conv.call_handoff(destination=...)` that uses it.",
        },
        Code::SB119 => &RuleDoc {
            what: "Reports a handoff whose `method` differs from the method the telephony \
                   integration requires. Some integrations (Twilio, a SIP trunk) lock every \
                   handoff to one method, for example SIP REFER only. Project files do not record \
                   the integration, so the locked method is declared in `switchboard.toml` as \
                   `[integration]` `method = \"...\"`.",
            why: "Agent Studio shows a warning on such a handoff card: the integration does not \
                  carry out a method it does not support, so the transfer may fail or behave \
                  differently from what the file says.",
            example: r#"# switchboard.toml
[integration]
method = "refer"

# config/handoffs.yaml
handoffs:
  - name: claims
    description: New insurance claims, 24 hours a day
    is_default: true
    sip_config:
      method: invite
      phone_number: "+14155550160"
"#,
            fix: "Change the handoff's method to the one the integration requires \
                  (`method: refer`). If the integration itself has changed, update \
                  `[integration]` in `switchboard.toml` instead.",
        },
        Code::SB120 => &RuleDoc {
            what: "Reports a handoff that sets `phone_number` while the telephony integration \
                   routes calls itself (carrier routes), declared in `switchboard.toml` as \
                   `[integration]` `route = false`. Agent Studio hides the route field for such \
                   integrations.",
            why: "The carrier decides where the call goes, so the route in the file has no \
                  effect. This is information rather than a warning: harmless at run time, but \
                  misleading to anyone who edits the number and expects calls to follow.",
            example: r#"# switchboard.toml
[integration]
route = false

# config/handoffs.yaml
handoffs:
  - name: agents
    description: Live agents in the contact centre
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550170"
"#,
            fix: "Remove `phone_number` and change destinations in the carrier's configuration. \
                  If the integration no longer routes by carrier, update `switchboard.toml`.",
        },
        Code::SB121 => &RuleDoc {
            what: "Reports a handoff with `sip_headers` while the telephony integration does not \
                   pass custom SIP headers, declared in `switchboard.toml` as `[integration]` \
                   `sip_headers = false`. Agent Studio hides the SIP headers section for such \
                   integrations.",
            why: "The headers are dropped before the call reaches its destination, so whatever \
                  the receiving side routes or displays on (account, language, reason) never \
                  arrives, and nothing at either end says why.",
            example: r#"# switchboard.toml
[integration]
sip_headers = false

# config/handoffs.yaml
handoffs:
  - name: agents
    description: Live agents in the contact centre
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550170"
    sip_headers:
      - key: X-Language
        value: $language
"#,
            fix: "Remove the headers and pass the context in a way the integration supports, \
                  for example the handoff `reason` given to `conv.call_handoff(...)`, which \
                  surfaces in Conversation Review and the Conversations API. If the integration \
                  has started to support headers, update `switchboard.toml`.",
        },
        // ----------------------------------------------------------- SB2xx references in text
        Code::SB201 => &RuleDoc {
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
        },
        Code::SB202 => &RuleDoc {
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
        },
        Code::SB203 => &RuleDoc {
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
        },
        Code::SB204 => &RuleDoc {
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
        },
        Code::SB205 => &RuleDoc {
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
        },
        Code::SB206 => &RuleDoc {
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
        },
        Code::SB207 => &RuleDoc {
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
        },
        Code::SB208 => &RuleDoc {
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
        },
        Code::SB209 => &RuleDoc {
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
        },
        Code::SB210 => &RuleDoc {
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
        },
        Code::SB211 => &RuleDoc {
            what: "Reports a reference whose kind is not allowed in the field it appears in. \
                   Each text field accepts a fixed set of kinds, the same table the official \
                   validator enforces:\n\
                   - `rules.txt`: fn, twilio_sms, ho, attr, vrbl, tn;\n\
                   - personality and role `custom`, `persona.txt`: attr, vrbl;\n\
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
            example: r#"# agent_settings/personality.yaml
custom: |
  You are Ava, the concierge at {{attr:hotel_name}}. You are warm and brief.
  When a caller sounds upset, call {{fn:log_sentiment}} before answering.
"#,
            fix: "Move the reference to a field that allows its kind (behaviour such as function \
                  calls and handoffs belongs in `rules.txt`, topic `actions` or step prompts), \
                  or replace it with a kind the field accepts, such as a state variable set in \
                  code (`{{vrbl:...}}`).",
        },
        Code::SB212 => &RuleDoc {
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
        },
        Code::SB213 => &RuleDoc {
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
        },
        Code::SB214 => &RuleDoc {
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
        },
        Code::SB215 => &RuleDoc {
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
        },
        Code::SB216 => &RuleDoc {
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
        },
        // ------------------------------------------------------------------ SB3xx transfers
        Code::SB301 => &RuleDoc {
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
        },
        Code::SB302 => &RuleDoc {
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
        },
        Code::SB303 => &RuleDoc {
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
        },
        Code::SB304 => &RuleDoc {
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
        },
        Code::SB305 => &RuleDoc {
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
        },
        Code::SB306 => &RuleDoc {
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
    target = REASON_TO_TARGET.get(reason, "DEFAULT")
    return conv.call_handoff(target, reason)
"#,
            fix: "Use the name of the handoff marked `is_default: true` (the message says which; \
                  for example `REASON_TO_TARGET.get(reason, \"front_desk\")`). If the code should \
                  keep working when the default changes, name a handoff `DEFAULT` on purpose and \
                  mark it `is_default: true`.",
        },
        // --------------------------------------------------------- SB4xx names across the project
        Code::SB401 => &RuleDoc {
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
        },
        Code::SB402 => &RuleDoc {
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
        },
        Code::SB403 => &RuleDoc {
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
        },
        Code::SB404 => &RuleDoc {
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
        },
        Code::SB405 => &RuleDoc {
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
        },
        Code::SB406 => &RuleDoc {
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
        },
        Code::SB407 => &RuleDoc {
            what: "Reports a topic file, step file or flow folder whose name is not the clean \
                   name of the resource it holds. The clean name is the resource's `name` in \
                   lower case, with every run of characters other than letters and digits \
                   replaced by `_`, and `_` trimmed from both ends: a topic named \
                   `Opening Hours & Locations` lives in `topics/opening_hours_locations.yaml`.",
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
        },
        Code::SB408 => &RuleDoc {
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
        },
        Code::SB409 => &RuleDoc {
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
        },
        Code::SB410 => &RuleDoc {
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
        },
        Code::SB411 => &RuleDoc {
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
        },
    }
}

/// Width that [`explain`] wraps prose to.
const WIDTH: usize = 80;

/// One rule as a plain-text page, for `switchboard explain`.
pub fn explain(code: Code) -> String {
    let meta = code.meta();
    let d = doc(code);
    let mut out = format!(
        "{} {} ({})\n",
        code.as_str(),
        meta.name,
        meta.severity.as_str()
    );
    for (title, text) in [("What it does", d.what), ("Why it matters", d.why)] {
        out.push('\n');
        out.push_str(title);
        out.push('\n');
        wrap_prose(&mut out, text, WIDTH);
    }
    out.push_str("\nExample\n");
    for (i, file) in example_files(d.example).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in file.text.lines() {
            if !line.is_empty() {
                out.push_str("    ");
                out.push_str(line);
            }
            out.push('\n');
        }
    }
    out.push_str("\nHow to fix\n");
    wrap_prose(&mut out, d.fix, WIDTH);
    out.push_str("\nConfiguration\n");
    let config = configuration_note(meta);
    wrap_prose(&mut out, &config, WIDTH);
    out
}

/// How to change this rule's severity or silence one finding.
fn configuration_note(meta: &RuleMeta) -> String {
    let code = meta.code.as_str();
    let other = if meta.severity == Severity::Error {
        "warning"
    } else {
        "error"
    };
    let mut note = format!(
        "Change the severity or turn the rule off under `[rules]` in `switchboard.toml` \
         (`{code} = \"{other}\"`, or `{name} = \"off\"`).",
        name = meta.name
    );
    // Findings about a whole file that could not be read have no line to comment on.
    let file_level = matches!(
        meta.code,
        Code::SB001 | Code::SB002 | Code::SB003 | Code::SB009
    );
    if !file_level {
        note.push_str(&format!(
            " Silence a single finding with a `# switchboard: ignore[{code}]` comment on its \
             line, where the file allows comments (Python, and YAML outside block scalars)."
        ));
    }
    note
}

/// One rule as a Markdown section (`## SB201 unknown-handoff` and `###` subsections).
pub fn markdown(code: Code) -> String {
    let meta = code.meta();
    let d = doc(code);
    let mut out = format!("## {} {}\n\n", code.as_str(), meta.name);
    out.push_str(&format!(
        "Default severity: **{}**\n",
        meta.severity.as_str()
    ));
    for (title, text) in [("What it does", d.what), ("Why it matters", d.why)] {
        out.push_str(&format!("\n### {title}\n\n"));
        markdown_prose(&mut out, text);
    }
    out.push_str("\n### Example\n");
    for file in example_files(d.example) {
        out.push_str(&format!("\n```{}\n", language(file.path)));
        out.push_str(file.text);
        out.push_str("\n```\n");
    }
    out.push_str("\n### How to fix\n\n");
    markdown_prose(&mut out, d.fix);
    out
}

/// The whole rule reference as one Markdown document: an introduction, an index table and
/// every rule's section in code order.
pub fn markdown_all() -> String {
    let mut out = String::from("# switchboard rules\n\n");
    out.push_str(
        "switchboard checks an ADK project against the rules below. Every rule has a stable \
         code (`SB201`) and a kebab-case name (`unknown-handoff`); either one can be used \
         wherever a rule is named, and `switchboard explain <code|name>` prints a rule's page \
         in the terminal.\n\n\
         The codes are grouped by family: SB0xx reading files, SB1xx handoff definitions, \
         SB2xx references in text, SB3xx transfers, SB4xx names across the project.\n\n\
         ## Configuring rules\n\n\
         Every rule has a default severity: `error`, `warning`, `info` or `hint`. To change \
         it, or to turn a rule off, add the rule's code or name to the `[rules]` table of \
         `switchboard.toml` with one of `error`, `warning`, `info`, `hint` or `off`:\n\n\
         ```toml\n\
         [rules]\n\
         SB116 = \"off\"\n\
         unknown-header-variable = \"error\"\n\
         SB305 = \"hint\"\n\
         ```\n\n\
         To silence a single finding, put a `# switchboard: ignore[SB201]` comment on the line \
         it is reported on. Inside YAML block scalars and in `rules.txt` a `#` line is text, \
         not a comment; use `[rules]` for findings there.\n\n\
         ## Rule index\n\n\
         | Code | Name | Severity | Summary |\n\
         |---|---|---|---|\n",
    );
    for meta in crate::diagnostics::RULES {
        let code = meta.code.as_str();
        out.push_str(&format!(
            "| [{code}](#{anchor}) | {name} | {sev} | {summary} |\n",
            anchor = anchor(meta),
            name = meta.name,
            sev = meta.severity.as_str(),
            summary = table_cell(meta.summary),
        ));
    }
    for meta in crate::diagnostics::RULES {
        out.push('\n');
        out.push_str(&markdown(meta.code));
    }
    out
}

/// The GitHub-style anchor of a rule's `## SB201 unknown-handoff` heading.
fn anchor(meta: &RuleMeta) -> String {
    format!("{}-{}", meta.code.as_str().to_ascii_lowercase(), meta.name)
}

/// Text made safe for one Markdown table cell.
fn table_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// One file of an example.
#[derive(Debug, PartialEq, Eq)]
struct ExampleFile<'a> {
    /// The path from the header line (`topics/billing.yaml`), or its label (`terminal`).
    path: &'a str,
    /// The file's text, header line included, without trailing blank lines.
    text: &'a str,
}

/// If `line` starts a new file of an example, the file's path.
fn file_header(line: &str) -> Option<&str> {
    let path = line.strip_prefix("# ")?;
    let is_path = !path.is_empty()
        && !path.contains(char::is_whitespace)
        && [".yaml", ".yml", ".py", ".txt", ".toml"]
            .iter()
            .any(|ext| path.ends_with(ext));
    is_path.then_some(path)
}

/// Splits an example into its files. The first line always starts a file.
fn example_files(example: &str) -> Vec<ExampleFile<'_>> {
    let mut files = Vec::new();
    let mut current: Option<(&str, usize)> = None;
    let mut offset = 0;
    for line in example.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        let header = if current.is_none() {
            Some(bare.strip_prefix("# ").unwrap_or(bare))
        } else {
            file_header(bare)
        };
        if let Some(path) = header {
            if let Some((prev, start)) = current.take() {
                push_file(&mut files, example, prev, start, offset);
            }
            current = Some((path, offset));
        }
        offset += line.len();
    }
    if let Some((path, start)) = current {
        push_file(&mut files, example, path, start, example.len());
    }
    files
}

fn push_file<'a>(
    files: &mut Vec<ExampleFile<'a>>,
    example: &'a str,
    path: &'a str,
    start: usize,
    end: usize,
) {
    let text = example.get(start..end).unwrap_or("").trim_end();
    files.push(ExampleFile { path, text });
}

/// The Markdown code-block language for a file.
fn language(path: &str) -> &'static str {
    if path.ends_with(".yaml") || path.ends_with(".yml") {
        "yaml"
    } else if path.ends_with(".py") {
        "python"
    } else if path.ends_with(".toml") {
        "toml"
    } else {
        "text"
    }
}

/// Prose for Markdown: already Markdown, so copied with a trailing newline.
fn markdown_prose(out: &mut String, text: &str) {
    out.push_str(text.trim_end());
    out.push('\n');
}

/// Prose for the terminal: each line wrapped to `width`, list items with a hanging indent.
/// A span in backticks is never broken across lines.
fn wrap_prose(out: &mut String, text: &str, width: usize) {
    for (i, paragraph) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in paragraph.lines() {
            let (first, rest, body) = match line.strip_prefix("- ") {
                Some(body) => ("- ", "  ", body),
                None => ("", "", line),
            };
            wrap_line(out, body, first, rest, width);
        }
    }
}

fn wrap_line(out: &mut String, body: &str, first: &str, rest: &str, width: usize) {
    let mut line = String::from(first);
    let mut line_has_word = false;
    for word in unbreakable_words(body) {
        let needed = line.chars().count() + usize::from(line_has_word) + word.chars().count();
        if line_has_word && needed > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(rest);
            line_has_word = false;
        }
        if line_has_word {
            line.push(' ');
        }
        line.push_str(&word);
        line_has_word = true;
    }
    out.push_str(&line);
    out.push('\n');
}

/// Splits on spaces, but keeps a backtick span with spaces in it (`` `{{ ho : x }}` ``) whole.
fn unbreakable_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut in_code = false;
    for piece in text.split(' ').filter(|p| !p.is_empty()) {
        match words.last_mut() {
            Some(last) if in_code => {
                last.push(' ');
                last.push_str(piece);
            }
            _ => words.push(piece.to_string()),
        }
        if piece.matches('`').count() % 2 == 1 {
            in_code = !in_code;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::RULES;

    #[test]
    fn every_rule_has_every_section() {
        for meta in RULES {
            let d = doc(meta.code);
            let code = meta.code.as_str();
            assert!(d.what.trim().len() > 40, "{code}: what");
            assert!(d.why.trim().len() > 40, "{code}: why");
            assert!(d.fix.trim().len() > 30, "{code}: fix");
            assert!(
                d.example.starts_with("# "),
                "{code}: example must start with its file name"
            );
            assert!(
                d.example.ends_with('\n'),
                "{code}: example ends with a newline"
            );
            for part in [d.what, d.why, d.fix] {
                assert!(
                    !part.contains("  "),
                    "{code}: double space (a bad line continuation?)"
                );
                assert!(!part.contains("\n\n\n"), "{code}: empty paragraph");
            }
        }
    }

    #[test]
    fn every_example_is_made_of_named_files() {
        for meta in RULES {
            let files = example_files(doc(meta.code).example);
            assert!(!files.is_empty(), "{}", meta.code.as_str());
            for file in &files {
                assert!(file.text.starts_with(&format!("# {}", file.path)));
                assert!(
                    file.text.lines().count() >= 2,
                    "{}: {} is empty",
                    meta.code.as_str(),
                    file.path
                );
                assert!(!file.text.ends_with('\n'));
            }
        }
    }

    #[test]
    fn examples_name_real_project_paths() {
        let known_roots = [
            "config/",
            "topics/",
            "flows/",
            "functions/",
            "agent_settings/",
        ];
        for meta in RULES {
            for file in example_files(doc(meta.code).example) {
                let ok = known_roots.iter().any(|r| file.path.starts_with(r))
                    || file.path == "switchboard.toml"
                    || file.path == "terminal";
                assert!(ok, "{}: unexpected path {}", meta.code.as_str(), file.path);
            }
        }
    }

    #[test]
    fn example_splitting() {
        let files = example_files("# a/b.yaml\nx: 1\n# comment\n\n# c/d.py\npass\n");
        assert_eq!(
            files,
            vec![
                ExampleFile {
                    path: "a/b.yaml",
                    text: "# a/b.yaml\nx: 1\n# comment"
                },
                ExampleFile {
                    path: "c/d.py",
                    text: "# c/d.py\npass"
                },
            ]
        );
        let files = example_files("# terminal\n$ ls\n");
        assert_eq!(
            files,
            vec![ExampleFile {
                path: "terminal",
                text: "# terminal\n$ ls"
            }]
        );
        assert_eq!(file_header("# Transfers"), None);
        assert_eq!(file_header("# see config/handoffs.yaml"), None);
        assert_eq!(file_header("# switchboard.toml"), Some("switchboard.toml"));
        assert_eq!(language("config/handoffs.yaml"), "yaml");
        assert_eq!(language("functions/x.py"), "python");
        assert_eq!(language("agent_settings/rules.txt"), "text");
        assert_eq!(language("switchboard.toml"), "toml");
        assert_eq!(language("terminal"), "text");
    }

    /// The key token of each rule appears in its example.
    #[test]
    fn examples_contain_the_key_token() {
        let cases: &[(Code, &str)] = &[
            (Code::SB001, "description: Billing disputes: refunds"),
            (Code::SB002, "Café"),
            (Code::SB003, "-rw-------  1 root"),
            (Code::SB004, "is_default: \"yes\""),
            (Code::SB005, "enabled: false"),
            (Code::SB006, "<<<<<<< HEAD"),
            (Code::SB007, "if not reference\n"),
            (Code::SB008, "phone_numer:"),
            (Code::SB009, "*h, *h"),
            (Code::SB101, "method: transfer"),
            (Code::SB103, "\"+1 (415) 555-1234\""),
            (Code::SB104, "method: bye\n      phone_number:"),
            (Code::SB105, "outbound_encryption: tls"),
            (
                Code::SB106,
                "method: refer\n      phone_number: \"+14155550123\"\n      outbound_encryption",
            ),
            (Code::SB110, "name: \"\""),
            (Code::SB111, "key: Customer-ID"),
            (Code::SB112, "key: X-Customer ID"),
            (Code::SB113, "key: x-account-id"),
            (Code::SB114, "value: $acount_id"),
            (Code::SB115, "\\nX-Priority"),
            (Code::SB117, "description: \"\""),
            (Code::SB118, "name: W&G TBM"),
            (Code::SB119, "[integration]"),
            (Code::SB120, "route = false"),
            (Code::SB121, "sip_headers = false"),
            (Code::SB201, "{{ho:billing_team}}"),
            (Code::SB202, "{{fn:lookup_booking}}"),
            (Code::SB203, "{{ft:confirm_date}}"),
            (Code::SB204, "{{attr:opening_hour}}"),
            (Code::SB205, "{{vrbl:booking_date}}"),
            (Code::SB206, "{{twilio_sms:map_link}}"),
            (Code::SB207, "{{entity:customer_name}}"),
            (Code::SB208, "{{tn:recording_notice_text}}"),
            (Code::SB209, "{{FN:get_balance}}"),
            (Code::SB210, "{{ho:escalation}."),
            (Code::SB211, "{{fn:log_sentiment}}"),
            (Code::SB212, "step_type: default_step"),
            (Code::SB213, "<<ho:guest_relations>>"),
            (Code::SB214, "$booking.time"),
            (Code::SB215, "transfer to {{ho:front_desk}}"),
            (Code::SB216, "{{ho:billing_support}}"),
            (Code::SB301, "{{fn:transfer_to_tech}}"),
            (Code::SB302, "destination=\"Billing\""),
            (Code::SB303, "utterance="),
            (Code::SB304, "\"phone_number\": \"+14155550188\""),
            (Code::SB305, "destination=queue"),
            (Code::SB306, "\"DEFAULT\""),
            (Code::SB401, "start_step: collect_name"),
            (Code::SB402, "child_step: Collect Party Size"),
            (Code::SB403, "flow.goto_step(\"Collect Date\")"),
            (Code::SB404, "conv.goto_flow(\"booking\")"),
            (Code::SB405, "def lookup_booking("),
            (Code::SB407, "name: Opening Hours & Locations"),
            (Code::SB409, "Shoreditch\n    is_default: true"),
            (Code::SB410, "Canary Warf:"),
            (Code::SB411, "name: booking_confirmation"),
        ];
        for (code, token) in cases {
            assert!(
                doc(*code).example.contains(token),
                "{}: example lacks {token:?}",
                code.as_str()
            );
        }
        assert!(doc(Code::SB201).example.contains("{{ho:"));
        assert!(doc(Code::SB213).example.contains("<<ho:"));
        assert!(doc(Code::SB303).example.contains("method: refer"));
        assert!(!doc(Code::SB406).example.contains("@func_description"));
        assert!(doc(Code::SB212).example.contains("{{ft:"));
        assert!(doc(Code::SB102).example.contains("method: refer\n"));
        assert!(!doc(Code::SB102).example.contains("phone_number"));
        assert!(!doc(Code::SB107).example.contains("is_default: true"));
        assert_eq!(
            doc(Code::SB108).example.matches("is_default: true").count(),
            2
        );
        assert_eq!(
            doc(Code::SB109).example.matches("- name: sales\n").count(),
            2
        );
        assert_eq!(
            doc(Code::SB411)
                .example
                .matches("- name: booking_confirmation\n")
                .count(),
            2
        );
        assert_eq!(doc(Code::SB005).example.matches("\nenabled:").count(), 2);
    }

    #[test]
    fn sb408_example_has_21_queries() {
        let ex = doc(Code::SB408).example;
        let start = ex.find("example_queries:\n").expect("queries") + "example_queries:\n".len();
        let end = ex.find("content:").expect("content");
        let queries = ex[start..end]
            .lines()
            .filter(|l| l.starts_with("  - "))
            .count();
        assert_eq!(queries, 21);
    }

    /// Fix texts mention the automatic fixes switchboard offers.
    #[test]
    fn fixes_mention_automatic_fixes() {
        assert!(
            doc(Code::SB103)
                .fix
                .contains("`+1 (415) 555-1234` → `+14155551234`")
        );
        assert!(doc(Code::SB105).fix.contains("`tls` → `TLS/SRTP`"));
        assert!(
            doc(Code::SB111)
                .fix
                .contains("`Customer-ID` → `X-Customer-ID`")
        );
        assert!(
            doc(Code::SB213)
                .fix
                .contains("`<<ho:guest_relations>>` → `{{ho:guest_relations}}`")
        );
        assert!(doc(Code::SB209).fix.contains("`{{fn:get_balance}}`"));
        for code in [
            Code::SB008,
            Code::SB201,
            Code::SB202,
            Code::SB204,
            Code::SB302,
        ] {
            assert!(doc(code).fix.contains("did-you-mean"), "{}", code.as_str());
        }
    }

    #[test]
    fn peer_facts_are_documented() {
        assert!(doc(Code::SB210).why.contains("silently ignore"));
        assert!(doc(Code::SB109).why.contains("silently collapses"));
        assert!(doc(Code::SB118).what.contains("`[\\w-]+`"));
        assert!(doc(Code::SB405).what.contains("adk-rs"));
        assert!(
            doc(Code::SB101)
                .what
                .contains("official validator rejects the same values")
        );
        assert!(
            doc(Code::SB108)
                .what
                .contains("official validator rejects this too")
        );
    }

    /// Outside backticks, prose never holds characters Markdown would interpret as HTML or that
    /// would look like a template reference.
    #[test]
    fn prose_keeps_code_in_backticks() {
        for meta in RULES {
            let d = doc(meta.code);
            for part in [d.what, d.why, d.fix] {
                for (i, segment) in part.split('`').enumerate() {
                    if i % 2 == 0 {
                        for bad in ['<', '{', '}', '|', '*', '$'] {
                            assert!(
                                !segment.contains(bad),
                                "{}: {bad:?} outside backticks in {segment:?}",
                                meta.code.as_str()
                            );
                        }
                    }
                }
                assert_eq!(
                    part.matches('`').count() % 2,
                    0,
                    "{}: unbalanced backticks",
                    meta.code.as_str()
                );
            }
        }
    }

    #[test]
    fn yaml_examples_parse_except_the_syntax_error() {
        for meta in RULES {
            for file in example_files(doc(meta.code).example) {
                if language(file.path) != "yaml" {
                    continue;
                }
                let result: Result<Vec<_>, _> =
                    saphyr_parser::Parser::new_from_str(file.text).collect();
                if meta.code == Code::SB001 {
                    let err = result.expect_err("SB001 example must not parse");
                    // The error is on the `description:` line, line 4 (1-based).
                    assert_eq!(err.marker().line(), 4, "{err}");
                } else {
                    assert!(
                        result.is_ok(),
                        "{} {}: {:?}",
                        meta.code.as_str(),
                        file.path,
                        result.err()
                    );
                }
            }
        }
    }

    #[test]
    fn python_examples_parse_except_the_syntax_error() {
        let mut python_files = 0;
        for meta in RULES {
            for file in example_files(doc(meta.code).example) {
                if language(file.path) != "python" {
                    continue;
                }
                python_files += 1;
                let result = ruff_python_parser::parse_module(file.text);
                if meta.code == Code::SB007 {
                    assert!(result.is_err(), "SB007 example must not parse");
                } else {
                    assert!(
                        result.is_ok(),
                        "{} {}: {:?}",
                        meta.code.as_str(),
                        file.path,
                        result.err()
                    );
                }
            }
        }
        assert!(python_files >= 15, "{python_files}");
    }

    #[test]
    fn explain_layout() {
        let page = explain(Code::SB201);
        assert!(page.starts_with(
            "SB201 unknown-handoff (error)\n\nWhat it does\nReports a handoff reference,"
        ));
        let positions: Vec<usize> = [
            "\nWhat it does\n",
            "\nWhy it matters\n",
            "\nExample\n",
            "\nHow to fix\n",
            "\nConfiguration\n",
        ]
        .iter()
        .map(|h| page.find(h).unwrap_or_else(|| panic!("missing {h:?}")))
        .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(page.contains("\n\nExample\n    # topics/billing.yaml\n    name: Billing\n"));
        assert!(page.contains(
            "    then transfer them with {{ho:billing_team}}.\n\n    # config/handoffs.yaml\n"
        ));
        assert!(page.contains("`SB201 = \"warning\"`"));
        assert!(explain(Code::SB111).contains("`SB111 = \"error\"`"));
        assert!(!explain(Code::SB001).contains("ignore[SB001]"));
        assert!(page.contains("`unknown-handoff = \"off\"`"));
        assert!(page.contains("`# switchboard: ignore[SB201]`"));
        assert!(page.ends_with(".\n"));
        for code in Code::all() {
            let page = explain(code);
            let meta = code.meta();
            assert!(page.starts_with(&format!(
                "{} {} ({})\n\n",
                code.as_str(),
                meta.name,
                meta.severity.as_str()
            )));
        }
    }

    #[test]
    fn explain_wraps_prose_but_not_code() {
        for code in Code::all() {
            let page = explain(code);
            let mut in_example = false;
            for line in page.lines() {
                match line {
                    "Example" => in_example = true,
                    "How to fix" => in_example = false,
                    _ => {}
                }
                // An overlong prose line can only be a single unbreakable span.
                if !in_example && line.chars().count() > WIDTH {
                    let body = line.strip_prefix("- ").unwrap_or(line).trim_start();
                    assert_eq!(
                        unbreakable_words(body).len(),
                        1,
                        "{}: {line:?}",
                        code.as_str()
                    );
                }
            }
        }
        // Lists get a hanging indent.
        let page = explain(Code::SB211);
        assert!(page.contains("\n- `advanced_step` prompt: fn, ft (same flow), twilio_sms, ho, attr, entity,\n  vrbl;\n"), "{page}");
    }

    #[test]
    fn wrapping_keeps_backtick_spans_whole() {
        let mut out = String::new();
        wrap_prose(&mut out, "aaaa bbbb `{{ ho : billing }}` cc", 12);
        assert_eq!(out, "aaaa bbbb\n`{{ ho : billing }}`\ncc\n");
        let mut out = String::new();
        wrap_prose(&mut out, "one\n- two three four\n\nfive", 9);
        assert_eq!(out, "one\n- two\n  three\n  four\n\nfive\n");
    }

    #[test]
    fn markdown_section_layout() {
        let md = markdown(Code::SB201);
        assert!(md.starts_with(
            "## SB201 unknown-handoff\n\nDefault severity: **error**\n\n### What it does\n\n"
        ));
        assert!(md.contains("\n### Why it matters\n\n"));
        assert!(md.contains("\n### Example\n\n```yaml\n# topics/billing.yaml\nname: Billing\n"));
        assert!(md.contains("{{ho:billing_team}}.\n```\n\n```yaml\n# config/handoffs.yaml\n"));
        assert!(md.contains("\n### How to fix\n\nCorrect the reference"));
        assert!(md.ends_with(".\n"));
        assert!(markdown(Code::SB302).contains("```python\n# functions/route_call.py\n"));
        assert!(
            markdown(Code::SB006).contains("```text\n# agent_settings/rules.txt\n## Transfers\n")
        );
        assert!(markdown(Code::SB119).contains("```toml\n# switchboard.toml\n[integration]\n"));
        assert!(markdown(Code::SB116).contains("Default severity: **hint**"));
    }

    #[test]
    fn markdown_all_has_every_rule_once() {
        let md = markdown_all();
        assert!(md.starts_with("# switchboard rules\n\n"));
        assert!(md.contains("[rules]"));
        assert!(md.contains("`# switchboard: ignore[SB201]`"));
        for meta in RULES {
            let code = meta.code.as_str();
            let headings = md
                .lines()
                .filter(|l| l.starts_with(&format!("## {code} ")))
                .count();
            assert_eq!(headings, 1, "{code}");
            assert_eq!(md.matches(&format!("## {code} {}\n", meta.name)).count(), 1);
            let row = format!(
                "| [{code}](#{}) | {} | {} |",
                anchor(meta),
                meta.name,
                meta.severity.as_str()
            );
            assert_eq!(md.matches(&row).count(), 1, "{row}");
        }
        let rule_headings = md.lines().filter(|l| l.starts_with("## SB")).count();
        assert_eq!(rule_headings, RULES.len());
        let table_rows = md.lines().filter(|l| l.starts_with("| [SB")).count();
        assert_eq!(table_rows, RULES.len());
        // Sections come in code order.
        let mut last = 0;
        for meta in RULES {
            let at = md
                .find(&format!("\n## {} ", meta.code.as_str()))
                .expect("section");
            assert!(at > last);
            last = at;
        }
        // Code fences are balanced.
        assert_eq!(md.lines().filter(|l| l.starts_with("```")).count() % 2, 0);
        assert_eq!(anchor(Code::SB201.meta()), "sb201-unknown-handoff");
    }

    #[test]
    fn table_cells_escape_pipes() {
        assert_eq!(table_cell("a | b\nc"), "a \\| b c");
    }
}
