//! The SB1xx rules (handoff definitions) as declared: each rule's code, name, default severity,
//! summary and documentation. The checks are in [`super`].

crate::diagnostics::declare_rules! {
    SB101 {
        name: "unknown-sip-method",
        severity: Error,
        summary: "`method` not invite/refer/bye",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: escalation
    description: Complaints that need a supervisor
    is_default: true
    sip_config:
      method: refer
      phone_number: "sip:supervisors@pbx.example.com"
"#,
    }

    SB102 {
        name: "missing-route",
        severity: Error,
        summary: "invite or refer with no `phone_number`",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
    }

    SB103 {
        name: "invalid-route",
        severity: Error,
        summary: "route is neither E.164, a SIP/SIPS URI (bare or `<...>`), nor an extension; a national number without `+`/country code gets a fix that normalises when unambiguous (`+1 (415) 555-1234` → `+14155551234`)",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155551234"
  - name: pharmacy
    description: Prescription refills and opening hours of the pharmacy
    is_default: false
    sip_config:
      method: refer
      phone_number: "+442079460958"
"#,
    }

    SB104 {
        name: "route-not-used",
        severity: Warning,
        summary: "`phone_number` on a bye handoff",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: back_to_ivr
    description: Return the caller to the main IVR menu
    is_default: false
    sip_config:
      method: bye
"#,
    }

    SB105 {
        name: "invalid-encryption",
        severity: Error,
        summary: "`outbound_encryption` not exactly `TLS/SRTP` or `UDP/RTP` (with a fix for `tls`, `udp`, `TLS`), or missing on an invite",
        what: "Reports an `outbound_encryption` that is not exactly `TLS/SRTP` or `UDP/RTP`, \
               and an `invite` handoff without one (or with `outbound_encryption: null`): \
               the ADK requires one of the two for an invite (\"Invalid encryption method \
               ''\") and rejects the project. The comparison is exact, so `tls`, `TLS`, `udp` \
               and `TLS / SRTP` are all reported.",
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
              (`tls` → `TLS/SRTP`, `udp` → `UDP/RTP`); for an invite without one, a fix (to \
              review) that adds `outbound_encryption: TLS/SRTP` after `method`.",
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: claims
    description: New insurance claims, 24 hours a day
    is_default: false
    sip_config:
      method: invite
      phone_number: "sip:claims@pbx.example.com"
      outbound_encryption: TLS/SRTP
"#,
    }

    SB106 {
        name: "encryption-not-applicable",
        severity: Warning,
        summary: "`outbound_encryption`/`outbound_endpoint` on refer or bye",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
"#,
    }

    SB107 {
        name: "no-default-handoff",
        severity: Error,
        summary: "handoffs exist and none is default (transfers without a destination go nowhere)",
        what: "Reports a `config/handoffs.yaml` that defines handoffs but marks none of them \
               `is_default: true`. A project without handoffs is not reported: many projects \
               transfer only in code, or not at all.",
        why: "The default handoff is the fallback for a transfer without a specific \
              destination, for example when the caller asks for a person and no topic or \
              step maps that request to a named handoff. Agent Studio makes the first \
              handoff you create the default, but deleting it, or editing the file by hand, \
              can leave none, and then unmatched transfers have nowhere to go. The official \
              validator rejects such a project (\"Multiple or zero default handoffs \
              detected\"), so `poly push` fails until one handoff is the default.",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: true
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
    }

    SB108 {
        name: "multiple-default-handoffs",
        severity: Error,
        summary: "more than one `is_default: true`",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: front_desk
    description: Reception, bookings and general questions
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550100"
  - name: night_desk
    description: Night manager, 11pm to 7am
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550101"
"#,
    }

    SB109 {
        name: "duplicate-handoff-name",
        severity: Error,
        summary: "two entries share a name (the official tools silently keep only one)",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: sales_new
    description: New customers and quotes
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550140"
  - name: sales_upgrades
    description: Existing customers upgrading their plan
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550141"
"#,
    }

    SB110 {
        name: "empty-handoff-name",
        severity: Error,
        summary: "missing or blank name",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: after_hours_emergency
    description: After-hours emergency line
    is_default: false
    sip_config:
      method: invite
      phone_number: "+14155550199"
"#,
    }

    SB111 {
        name: "non-custom-sip-header",
        severity: Warning,
        summary: "header name without `X-` prefix",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
    sip_headers:
      - key: X-Customer-ID
        value: $customer_id
"#,
    }

    SB112 {
        name: "invalid-sip-header-name",
        severity: Error,
        summary: "header name not an RFC 3261 token (spaces, `:`, non-ASCII)",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550123"
    sip_headers:
      - key: X-Customer-ID
        value: $customer_id
"#,
    }

    SB113 {
        name: "duplicate-sip-header",
        severity: Warning,
        summary: "same header name twice in one handoff (case-insensitive)",
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
        clean: r#"# config/handoffs.yaml
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
      - key: X-Billing-Account-ID
        value: $billing_account_id
"#,
    }

    SB114 {
        name: "unknown-header-variable",
        severity: Warning,
        summary: "`$var` in a header value that no code assigns and that is not a built-in (`caller_id`, plus `[variables] builtin` in config); did-you-mean",
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
        clean: r#"# config/handoffs.yaml
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

# functions/verify_account.py
from _gen import *  # <AUTO GENERATED>


@func_description("Look up the caller's account by the number they read out.")
@func_parameter("account_number", "The account number the caller gives")
def verify_account(conv: Conversation, account_number: str):
    conv.state.account_id = account_number.strip()
    return "Account found. Ask how you can help with their bill."
"#,
    }

    SB115 {
        name: "unsafe-header-value",
        severity: Error,
        summary: "a header value containing CR, LF or NUL (header injection)",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: escalation
    description: Supervisor queue for complaints
    is_default: false
    sip_config:
      method: refer
      phone_number: "sip:supervisors@pbx.example.com"
    sip_headers:
      - key: X-Reason
        value: complaint
      - key: X-Priority
        value: urgent
"#,
    }

    SB116 {
        name: "unused-handoff",
        severity: Hint,
        summary: "defined, never referenced from text or code (off when the project transfers dynamically)",
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
        clean: r#"# config/handoffs.yaml
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
  Take a description of the item and the room number, then transfer the
  caller with {{ho:lost_property}}.
"#,
    }

    SB117 {
        name: "missing-handoff-description",
        severity: Hint,
        summary: "empty description (\"label handoffs with their intended use\")",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: billing
    description: Billing disputes, refunds and chargebacks; weekdays 8am to 6pm
    is_default: false
    sip_config:
      method: refer
      phone_number: "+14155550130"
"#,
    }

    SB118 {
        name: "unreferenceable-handoff-name",
        severity: Warning,
        summary: "the name contains characters that a `{{ho:...}}` reference cannot carry (`}`, newline) or whose misspelt references the official validator never reports (spaces, `&`): tell which",
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
        clean: r#"# config/handoffs.yaml
handoffs:
  - name: wg_tbm
    description: Wealth and guardianship team, business hours
    is_default: false
    sip_config:
      method: refer
      phone_number: "+442079460100"
"#,
    }

    SB119 {
        name: "integration-method-mismatch",
        severity: Warning,
        summary: "method differs from the `[integration]` locked method",
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
        clean: r#"# switchboard.toml
[integration]
method = "refer"

# config/handoffs.yaml
handoffs:
  - name: claims
    description: New insurance claims, 24 hours a day
    is_default: true
    sip_config:
      method: refer
      phone_number: "+14155550160"
"#,
    }

    SB120 {
        name: "integration-route-ignored",
        severity: Info,
        summary: "route set while the integration routes by carrier",
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
        clean: r#"# switchboard.toml
[integration]
route = false

# config/handoffs.yaml
handoffs:
  - name: agents
    description: Live agents in the contact centre
    is_default: true
    sip_config:
      method: refer
"#,
    }

    SB121 {
        name: "integration-headers-unsupported",
        severity: Warning,
        summary: "headers set while the integration does not support them",
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
        clean: r#"# switchboard.toml
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
"#,
    }
}
