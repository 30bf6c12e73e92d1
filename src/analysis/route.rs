//! Handoff routes: classify `phone_number` values and normalise the fixable ones.

/// What a route is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `+` country code and subscriber number, at most 15 digits.
    E164(String),
    /// `sip:` / `sips:` URI, bare or in angle brackets; the value is the URI without brackets.
    SipUri(String),
    /// A short all-digit extension.
    Extension(String),
    /// Anything else, with why, and a normalised form when that is unambiguous.
    Invalid { reason: String, fix: Option<String> },
}

impl Route {
    pub fn kind(&self) -> &'static str {
        match self {
            Route::E164(_) => "e164",
            Route::SipUri(_) => "sip_uri",
            Route::Extension(_) => "extension",
            Route::Invalid { .. } => "invalid",
        }
    }
    /// A comparable form: E.164 digits, lower-cased scheme URI, extension digits.
    pub fn normalized(&self) -> Option<String> {
        match self {
            Route::E164(s) | Route::Extension(s) => Some(s.clone()),
            Route::SipUri(s) => Some(s.to_ascii_lowercase()),
            Route::Invalid { fix, .. } => fix.clone(),
        }
    }
}

/// Longest extension accepted (digits).
pub const MAX_EXTENSION_DIGITS: usize = 6;

fn is_e164(s: &str) -> bool {
    let Some(d) = s.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()) && !d.starts_with('0')
}

fn sip_uri(s: &str) -> Option<Result<String, String>> {
    let lower = s.to_ascii_lowercase();
    let rest = if lower.starts_with("sips:") {
        &s[5..]
    } else if lower.starts_with("sip:") {
        &s[4..]
    } else {
        return None;
    };
    if rest.is_empty() {
        return Some(Err("the SIP URI has no user or host".into()));
    }
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
    {
        return Some(Err(
            "a SIP URI cannot contain spaces, quotes or angle brackets".into(),
        ));
    }
    let host = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
    let host = host.split([';', '?']).next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Some(Err("the SIP URI has no host after `@`".into()));
    }
    Some(Ok(s.to_string()))
}

/// Classify a route as written in `phone_number`.
pub fn classify(raw: &str) -> Route {
    let s = raw.trim();
    if s.is_empty() {
        return Route::Invalid {
            reason: "the route is empty".into(),
            fix: None,
        };
    }
    if let Some(inner) = s.strip_prefix('<') {
        let Some(inner) = inner.strip_suffix('>') else {
            return Route::Invalid {
                reason: "`<` without a closing `>`".into(),
                fix: None,
            };
        };
        return match sip_uri(inner.trim()) {
            Some(Ok(u)) => Route::SipUri(u),
            Some(Err(reason)) => Route::Invalid { reason, fix: None },
            None => Route::Invalid {
                reason: "only a SIP URI may be written in angle brackets".into(),
                fix: None,
            },
        };
    }
    if let Some(r) = sip_uri(s) {
        return match r {
            Ok(u) => Route::SipUri(u),
            Err(reason) => Route::Invalid { reason, fix: None },
        };
    }
    if is_e164(s) {
        return Route::E164(s.to_string());
    }
    if s.len() <= MAX_EXTENSION_DIGITS && s.bytes().all(|b| b.is_ascii_digit()) {
        return Route::Extension(s.to_string());
    }
    let body = s.strip_prefix("tel:").unwrap_or(s);
    let compact: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '(' | ')' | '-' | '.' | '\u{a0}'))
        .collect();
    if compact.starts_with('+') && is_e164(&compact) {
        return Route::Invalid {
            reason: "an E.164 number is `+` and digits only, without spaces, dashes or brackets"
                .into(),
            fix: Some(compact),
        };
    }
    if let Some(intl) = compact.strip_prefix("00") {
        let candidate = format!("+{intl}");
        if is_e164(&candidate) {
            return Route::Invalid {
                reason: "`00` is a dialling prefix, not part of an E.164 number".into(),
                fix: Some(candidate),
            };
        }
    }
    if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
        return Route::Invalid {
            reason: format!(
                "`{s}` looks like a national number: E.164 needs `+` and the country code (e.g. `+1` for North America, `+44` for the UK)"
            ),
            fix: None,
        };
    }
    if compact.starts_with('+') {
        let digits = compact.len() - 1;
        let reason = if digits > 15 {
            "an E.164 number has at most 15 digits".to_string()
        } else {
            "an E.164 number is `+` followed by digits only".to_string()
        };
        return Route::Invalid { reason, fix: None };
    }
    Route::Invalid {
        reason: "not an E.164 number, a SIP URI (`sip:`/`sips:`) or an extension".into(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        assert_eq!(classify("+15551234567"), Route::E164("+15551234567".into()));
        assert_eq!(
            classify("sip:+1234567890@10.0.0.1"),
            Route::SipUri("sip:+1234567890@10.0.0.1".into())
        );
        assert_eq!(
            classify("<sip:+1234567890@10.0.0.1>"),
            Route::SipUri("sip:+1234567890@10.0.0.1".into())
        );
        assert_eq!(classify("SIPS:desk@pbx.example.com").kind(), "sip_uri");
        assert_eq!(classify("4021"), Route::Extension("4021".into()));
        assert!(
            matches!(classify("+1 (415) 555-1234"), Route::Invalid { fix: Some(f), .. } if f == "+14155551234")
        );
        assert!(
            matches!(classify("0044 20 7946 0958"), Route::Invalid { fix: Some(f), .. } if f == "+442079460958")
        );
        assert!(matches!(
            classify("(415) 555-1234"),
            Route::Invalid { fix: None, .. }
        ));
        assert!(matches!(
            classify("4155551234"),
            Route::Invalid { fix: None, .. }
        ));
        assert!(matches!(classify("sip:"), Route::Invalid { .. }));
        assert!(matches!(classify("<+15551234567>"), Route::Invalid { .. }));
        assert!(matches!(
            classify("+1234567890123456"),
            Route::Invalid { fix: None, .. }
        ));
        assert!(matches!(classify("front desk"), Route::Invalid { .. }));
    }
}
