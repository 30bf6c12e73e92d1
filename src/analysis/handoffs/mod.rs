//! SB1xx: handoff definitions in `config/handoffs.yaml`. The rules are declared, with their
//! documentation, in `rules.rs` (beside this file); their checks are here.

use super::Symbols;
use super::route::{Route, classify};
use crate::diagnostics::{Code, Diagnostic, Edit, Severity};
use crate::model::{Method, Project, clean_name_keep_case};
use crate::source::Span;
use crate::syntax::template::RefSyntax;
use crate::text::did_you_mean;
use rustc_hash::FxHashMap as HashMap;

/// Standard SIP headers meant for carrying transfer context, accepted without `X-`.
const STANDARD_CONTEXT_HEADERS: &[&str] = &["User-to-User"];

pub fn check(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    let mut seen_names: HashMap<&str, usize> = HashMap::default();
    // The ADK keys handoffs by their clean name (case kept): `Front Desk` and `Front_Desk` are
    // one handoff to it, read from the first entry.
    let mut seen_clean: HashMap<String, usize> = HashMap::default();
    for (i, h) in p.handoffs.iter().enumerate() {
        let file = h.file;
        // SB110 / SB109 / SB118: the name.
        match &h.name {
            None => out.push(
                Diagnostic::new(Code::SB110, file, h.span, "handoff has no name")
                    .help("add `name:`; references use it as `{{ho:name}}`"),
            ),
            Some(n) if n.value.trim().is_empty() => out.push(Diagnostic::new(
                Code::SB110,
                file,
                n.span,
                "handoff name is blank",
            )),
            Some(n) => {
                if let Some(&first) = seen_names.get(n.value.as_str()) {
                    let fspan = p.handoffs[first]
                        .name
                        .as_ref()
                        .map(|f| f.span)
                        .unwrap_or(p.handoffs[first].span);
                    out.push(
                        Diagnostic::new(Code::SB109, file, n.span, format!("duplicate handoff name `{}`", n.value))
                            .label(file, fspan, "first defined here")
                            .note("references and transfers can reach only one of them; rename or remove the other"),
                    );
                } else if let Some(&first) = seen_clean.get(&clean_name_keep_case(&n.value)) {
                    let f = &p.handoffs[first];
                    let fspan = f.name.as_ref().map(|f| f.span).unwrap_or(f.span);
                    out.push(
                        Diagnostic::new(
                            Code::SB109,
                            file,
                            n.span,
                            format!(
                                "handoff name `{}` is the same as `{}` once cleaned (`{}`)",
                                n.value,
                                f.name(),
                                clean_name_keep_case(&n.value)
                            ),
                        )
                        .label(file, fspan, "first defined here")
                        .note("the ADK keeps one handoff per clean name and reads it from the first entry; rename one of them so they differ in letters or digits"),
                    );
                    seen_names.insert(n.value.as_str(), i);
                } else {
                    seen_names.insert(n.value.as_str(), i);
                    seen_clean.insert(clean_name_keep_case(&n.value), i);
                }
                unreferenceable(n, file, out);
            }
        }
        // SB117: description.
        if h.description
            .as_ref()
            .is_none_or(|d| d.value.trim().is_empty())
        {
            let at = h.name.as_ref().map(|n| n.span).unwrap_or(h.span);
            out.push(
                Diagnostic::new(
                    Code::SB117,
                    file,
                    at,
                    format!("handoff `{}` has no description", h.name()),
                )
                .help("say when to use it, e.g. \"Billing disputes\", not \"Team A\""),
            );
        }
        // SB101: method.
        let method = h.method_kind();
        if let Some(m) = &h.method
            && method.is_none()
        {
            let lower = m.value.trim().to_ascii_lowercase();
            let mut d = Diagnostic::new(
                Code::SB101,
                file,
                m.span,
                format!(
                    "unknown SIP method `{}`: expected `invite`, `refer` or `bye`",
                    m.value
                ),
            );
            let guess = Method::parse(&lower)
                .map(Method::as_str)
                .or_else(|| did_you_mean(&lower, ["invite", "refer", "bye"]));
            if let Some(g) = guess {
                d = d.help(format!("did you mean `{g}`?")).replace_fix(
                    format!("replace with `{g}`"),
                    m.span,
                    g,
                    Method::parse(&lower).is_some(),
                );
            }
            out.push(d);
        }
        // SB102 / SB103 / SB104: the route.
        match (&h.phone_number, method) {
            (None, Some(m @ (Method::Invite | Method::Refer))) => {
                let at = h.method.as_ref().map(|m| m.span).unwrap_or(h.span);
                out.push(
                    Diagnostic::new(
                        Code::SB102,
                        file,
                        at,
                        format!("{} handoff `{}` has no `phone_number`: the transfer has nowhere to go", m.as_str(), h.name()),
                    )
                    .help("add `phone_number:` under `sip_config` (E.164 like `+14155551234`, a `sip:` URI, or an extension)"),
                );
            }
            (Some(pn), Some(Method::Bye)) => out.push(
                Diagnostic::new(Code::SB104, file, pn.span, format!("`phone_number` on bye handoff `{}` is never used", h.name()))
                    .help("a bye ends the agent's leg and the SBC takes the call back; remove the route or use refer/invite"),
            ),
            (Some(pn), _) => {
                if let Route::Invalid { reason, fix } = classify(&pn.value) {
                    let mut d = Diagnostic::new(
                        Code::SB103,
                        file,
                        pn.span,
                        format!("invalid route `{}` for handoff `{}`: {reason}", pn.value, h.name()),
                    );
                    match fix {
                        Some(f) => d = d.help(format!("write it as `{f}`")).replace_fix(format!("normalise to `{f}`"), pn.span, f.clone(), true),
                        None => d = d.help("use E.164 (`+` and the country code, e.g. `+14155551234`), a `sip:`/`sips:` URI, or an extension"),
                    }
                    out.push(d);
                }
            }
            _ => {}
        }
        // SB105 / SB106: invite-only settings.
        if let Some(enc) = &h.outbound_encryption
            && enc.value != "TLS/SRTP"
            && enc.value != "UDP/RTP"
        {
            let l = enc.value.trim().to_ascii_lowercase();
            let fix = if l.contains("tls") || l.contains("srtp") {
                Some("TLS/SRTP")
            } else if l.contains("udp") || l == "rtp" {
                Some("UDP/RTP")
            } else {
                None
            };
            let mut d = Diagnostic::new(
                Code::SB105,
                file,
                enc.span,
                format!(
                    "invalid `outbound_encryption` `{}`: expected exactly `TLS/SRTP` or `UDP/RTP`",
                    enc.value
                ),
            );
            if let Some(f) = fix {
                d = d.help(format!("did you mean `{f}`?")).replace_fix(
                    format!("replace with `{f}`"),
                    enc.span,
                    f,
                    true,
                );
            }
            out.push(d);
        }
        // SB105: an invite must say how to encrypt (the ADK reads a missing one as `""`).
        if let (None, Some(Method::Invite), Some(m)) = (&h.outbound_encryption, method, &h.method) {
            let mut d = Diagnostic::new(
                Code::SB105,
                file,
                m.span,
                format!(
                    "invite handoff `{}` has no `outbound_encryption`: expected `TLS/SRTP` or `UDP/RTP`",
                    h.name()
                ),
            )
            .help("add `outbound_encryption: TLS/SRTP` under `sip_config` (or `UDP/RTP` for a destination without TLS)");
            if let Some((at, lead)) = &h.sip_key_insert {
                d = d.fix(
                    "add `outbound_encryption: TLS/SRTP`",
                    vec![Edit {
                        file,
                        span: Span::new(*at, *at),
                        replacement: format!("{lead}outbound_encryption: TLS/SRTP"),
                    }],
                    false,
                );
            }
            out.push(d);
        }
        if let Some(m @ (Method::Refer | Method::Bye)) = method {
            for (field, v) in [
                ("outbound_encryption", &h.outbound_encryption),
                ("outbound_endpoint", &h.outbound_endpoint),
            ] {
                if let Some(v) = v {
                    out.push(
                        Diagnostic::new(
                            Code::SB106,
                            file,
                            v.span,
                            format!("`{field}` does not apply to {} handoff `{}`", m.as_str(), h.name()),
                        )
                        .note("encryption and endpoint apply to SIP INVITE only; REFER and BYE delegate transport to the carrier or SBC"),
                    );
                }
            }
        }
        // SB111–SB115: headers.
        let mut seen_headers: HashMap<String, usize> = HashMap::default();
        for (hi, hd) in h.headers.iter().enumerate() {
            let key = &hd.key;
            if let Some(bad) = key.value.chars().find(|c| !is_token_char(*c)) {
                out.push(
                    Diagnostic::new(
                        Code::SB112,
                        file,
                        key.span,
                        format!(
                            "invalid SIP header name `{}`: {} is not allowed in a header name",
                            key.value,
                            describe_char(bad)
                        ),
                    )
                    .help("header names are RFC 3261 tokens: letters, digits and `-.!%*_+`'~`"),
                );
            } else if key.value.is_empty() {
                out.push(Diagnostic::new(
                    Code::SB112,
                    file,
                    key.span,
                    "empty SIP header name",
                ));
            } else if !key.value.to_ascii_lowercase().starts_with("x-")
                && !STANDARD_CONTEXT_HEADERS
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(&key.value))
            {
                let fixed = format!("X-{}", key.value);
                out.push(
                    Diagnostic::new(
                        Code::SB111,
                        file,
                        key.span,
                        format!("SIP header `{}` is not a custom header", key.value),
                    )
                    .help(format!("custom headers start with `X-`: `{fixed}`"))
                    .replace_fix(
                        format!("rename to `{fixed}`"),
                        key.span,
                        fixed,
                        false,
                    ),
                );
            }
            let lower = key.value.to_ascii_lowercase();
            if let Some(&first) = seen_headers.get(&lower) {
                out.push(
                    Diagnostic::new(
                        Code::SB113,
                        file,
                        key.span,
                        format!(
                            "SIP header `{}` is set twice in handoff `{}`",
                            key.value,
                            h.name()
                        ),
                    )
                    .label(file, h.headers[first].key.span, "first set here"),
                );
            } else {
                seen_headers.insert(lower, hi);
            }
            if let Some(v) = &hd.value
                && let Some(c) = v.value.chars().find(|c| matches!(c, '\r' | '\n' | '\0'))
            {
                out.push(
                    Diagnostic::new(
                        Code::SB115,
                        file,
                        v.span,
                        format!(
                            "SIP header `{}` value contains {}: header injection",
                            key.value,
                            describe_char(c)
                        ),
                    )
                    .help("a header value must be a single line; remove the line break"),
                );
            }
            if let Some(ti) = hd.text {
                header_variables(p, s, ti, &key.value, out);
            }
        }
    }
    defaults(p, out);
    unused(p, s, out);
}

fn header_variables(p: &Project, s: &Symbols, ti: usize, header: &str, out: &mut Vec<Diagnostic>) {
    let t = &p.texts[ti];
    for r in &t.refs {
        if !matches!(r.syntax, RefSyntax::Dollar | RefSyntax::DollarBrace) {
            continue;
        }
        if s.is_builtin(&r.name) || s.is_written(&r.name) {
            continue;
        }
        let guess = s.suggest(super::symbols::Candidates::WrittenVariables, &r.name);
        let mut d = Diagnostic::new(
            Code::SB114,
            t.file,
            r.span,
            format!("`${}` in header `{header}` is not set by any code and is not a built-in variable", r.name),
        )
        .note("an unset variable is sent empty or literally; set it with `conv.state.NAME = ...` in a function");
        if let Some(g) = guess {
            d = d.help(format!("did you mean `${g}`?")).replace_fix(
                format!("replace with `${g}`"),
                r.span,
                format!("${g}"),
                false,
            );
        }
        if let Some(v) = s.variables.get(r.name.as_str())
            && let Some((f, sp)) = v.reads.first()
        {
            d = d.label(*f, *sp, "only read here, never written");
        }
        out.push(d);
    }
}

fn defaults(p: &Project, out: &mut Vec<Diagnostic>) {
    if p.handoffs.is_empty() {
        return;
    }
    let defaults: Vec<usize> = (0..p.handoffs.len())
        .filter(|&i| p.handoffs[i].is_default())
        .collect();
    let span_of = |i: usize| {
        let h = &p.handoffs[i];
        h.is_default
            .as_ref()
            .map(|d| d.span)
            .or(h.name.as_ref().map(|n| n.span))
            .unwrap_or(h.span)
    };
    match defaults.len() {
        0 => {
            let h = &p.handoffs[0];
            let at = h.name.as_ref().map(|n| n.span).unwrap_or(h.span);
            out.push(
                Diagnostic::new(Code::SB107, h.file, at, "no handoff is marked `is_default: true`")
                    .help(format!("transfers without a specific destination go nowhere; mark one handoff (e.g. `{}`) as the default", h.name())),
            );
        }
        1 => {}
        _ => {
            let first = defaults[0];
            let names: Vec<String> = defaults
                .iter()
                .map(|&j| format!("`{}`", p.handoffs[j].name()))
                .collect();
            let names = names.join(", ");
            for &i in &defaults[1..] {
                let mut d = Diagnostic::new(
                    Code::SB108,
                    p.handoffs[i].file,
                    span_of(i),
                    format!("more than one default handoff: {names}"),
                )
                .label(
                    p.handoffs[first].file,
                    span_of(first),
                    "also marked default here",
                );
                for &j in defaults[1..].iter().filter(|&&j| j != i) {
                    d = d.label(p.handoffs[j].file, span_of(j), "and here");
                }
                out.push(d.help("keep exactly one `is_default: true`"));
            }
        }
    }
}

/// SB116: handoffs nothing reaches.
fn unused(p: &Project, s: &Symbols, out: &mut Vec<Diagnostic>) {
    if s.dynamic_destinations {
        return;
    }
    let mut used = vec![false; p.handoffs.len()];
    // Each name once: a name shared by many handoffs, referenced many times, stays linear.
    let mut marked: std::collections::HashSet<&str> = std::collections::HashSet::default();
    let mut mark = |name: &str| {
        if let Some((&key, v)) = s.handoffs.get_key_value(name)
            && marked.insert(key)
        {
            for &i in v {
                used[i] = true;
            }
        }
    };
    for t in &p.texts {
        for r in &t.refs {
            if r.kind == crate::syntax::template::RefKind::Ho {
                mark(&r.name);
            }
        }
    }
    for f in &p.functions {
        let facts = &f.facts;
        let dests = facts
            .call_handoffs
            .iter()
            .map(|c| &c.destination)
            .chain(facts.return_transfers.iter().map(|r| &r.destination))
            .chain(facts.transfer_calls.iter().map(|t| &t.destination));
        for d in dests.flatten() {
            for (v, _) in super::transfers::candidates(d) {
                mark(v);
            }
        }
    }
    for (i, h) in p.handoffs.iter().enumerate() {
        // The default handoff is reached by every transfer without a destination.
        if used[i] || h.is_default() {
            continue;
        }
        let Some(n) = &h.name else { continue };
        out.push(
            Diagnostic::new(
                Code::SB116,
                h.file,
                n.span,
                format!("handoff `{}` is never used", n.value),
            )
            .help(format!(
                "reference it as `{{{{ho:{}}}}}` in rules, a topic or a step, or remove it",
                n.value
            )),
        );
    }
}

fn unreferenceable(
    n: &crate::model::Spanned<String>,
    file: crate::source::FileId,
    out: &mut Vec<Diagnostic>,
) {
    let v = &n.value;
    if v.contains('}') || v.contains('\n') || v.contains('\r') {
        out.push(Diagnostic::new(
            Code::SB118,
            file,
            n.span,
            format!("handoff name `{}` cannot be referenced: `{{{{ho:...}}}}` cannot carry `}}` or a line break", v.escape_debug()),
        ));
    } else if v.trim() != v {
        out.push(Diagnostic::new(
            Code::SB118,
            file,
            n.span,
            format!(
                "handoff name `{v}` has leading or trailing spaces: references will not match it"
            ),
        ));
    } else {
        let mut odd: Vec<String> = Vec::new();
        for c in v
            .chars()
            .filter(|c| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        {
            let d = describe_char(c);
            if !odd.contains(&d) {
                odd.push(d);
            }
        }
        if odd.is_empty() {
            return;
        }
        out.push(
            Diagnostic::new(
                Code::SB118,
                file,
                n.span,
                format!("handoff name `{v}` contains {}: references to it resolve, but the official validator never reports a misspelt one", odd.join(" and ")),
            )
            .severity(Severity::Info)
            .note("switchboard and the platform resolve `{{ho:...}}` by exact name, but `poly validate` only checks names made of letters, digits, `_` and `-`"),
        );
    }
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-.!%*_+`'~".contains(c)
}

pub(crate) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\n' => "a line feed (LF)".into(),
        '\r' => "a carriage return (CR)".into(),
        '\0' => "a NUL character".into(),
        '\t' => "a tab".into(),
        '&' => "`&`".into(),
        c if c.is_ascii() => format!("`{c}`"),
        c => format!("the non-ASCII character `{c}` (U+{:04X})", c as u32),
    }
}

/// SB119–SB121: handoffs that disagree with the telephony integration's constraints.
pub fn integration(p: &Project, i: &crate::config::Integration, out: &mut Vec<Diagnostic>) {
    for h in &p.handoffs {
        if let (Some(locked), Some(m)) = (i.method, &h.method)
            && let Some(actual) = Method::parse(&m.value)
            && actual != locked
        {
            out.push(
                Diagnostic::new(
                    Code::SB119,
                    h.file,
                    m.span,
                    format!(
                        "handoff `{}` uses {} but the integration only supports {}",
                        h.name(),
                        actual.as_str(),
                        locked.as_str()
                    ),
                )
                .help(format!("set `method: {}` or the transfer may not work", locked.as_str()))
                .replace_fix(format!("set `method: {}`", locked.as_str()), m.span, locked.as_str(), false)
                .note("the integration's method lock is set by `[integration] method` in switchboard.toml"),
            );
        }
        if i.route == Some(false)
            && let Some(pn) = &h.phone_number
        {
            out.push(
                Diagnostic::new(
                    Code::SB120,
                    h.file,
                    pn.span,
                    format!(
                        "route of handoff `{}` is ignored: the integration routes calls by carrier",
                        h.name()
                    ),
                )
                .note("`[integration] route = false` in switchboard.toml"),
            );
        }
        if i.sip_headers == Some(false)
            && let Some(first) = h.headers.first()
        {
            let mut d = Diagnostic::new(
                Code::SB121,
                h.file,
                first.key.span,
                format!("handoff `{}` sets SIP headers, which the integration does not support", h.name()),
            )
            .note("`[integration] sip_headers = false` in switchboard.toml: the headers will not be sent");
            for other in &h.headers[1..] {
                d = d.label(h.file, other.key.span, "also not sent");
            }
            out.push(d);
        }
    }
}
