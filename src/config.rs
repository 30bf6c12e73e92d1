//! Project configuration: `switchboard.toml` at the project root.
//!
//! ```toml
//! exclude = ["flows/legacy/**"]
//!
//! [rules]
//! SB116 = "off"             # by code
//! unknown-field = "error"   # or by name
//!
//! [variables]
//! builtin = ["account_id"]  # runtime variables besides caller_id
//!
//! [integration]
//! method = "refer"          # every handoff must use this SIP method (SB119)
//! route = false             # the carrier routes calls: routes are ignored (SB120)
//! sip_headers = false       # custom SIP headers are not supported (SB121)
//! ```
//!
//! Problems in the file are diagnostics with spans (SB010, SB008), never crashes.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::sip::Method;
use crate::source::{FileId, Span};
use crate::text::did_you_mean;
use toml_edit::{Item, Value};

pub const FILE_NAME: &str = "switchboard.toml";

/// Constraints a telephony integration puts on handoffs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Integration {
    /// Locked SIP method.
    pub method: Option<Method>,
    /// False when the carrier routes calls (the route field is ignored).
    pub route: Option<bool>,
    /// False when custom SIP headers are not supported.
    pub sip_headers: Option<bool>,
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Per-rule severities; `None` turns the rule off.
    pub rules: Vec<(Code, Option<Severity>)>,
    pub builtin_variables: Vec<String>,
    pub integration: Integration,
    /// Glob patterns (relative to the root, `/` separators) of files not to check.
    pub exclude: Vec<String>,
}

const TOP_KEYS: &[&str] = &["exclude", "rules", "variables", "integration"];
const VARIABLE_KEYS: &[&str] = &["builtin"];
const INTEGRATION_KEYS: &[&str] = &["method", "route", "sip_headers"];

fn span_of(r: Option<std::ops::Range<usize>>) -> Span {
    r.map(Span::from_range).unwrap_or_default()
}

struct Reader {
    file: FileId,
    diags: Vec<Diagnostic>,
}

impl Reader {
    fn bad(&mut self, span: Span, msg: String) {
        self.diags
            .push(Diagnostic::new(Code::SB010, self.file, span, msg));
    }

    fn unknown_keys(&mut self, table: &dyn toml_edit::TableLike, known: &[&str], what: &str) {
        for (k, _) in table.iter() {
            if known.contains(&k) {
                continue;
            }
            let span = span_of(table.get_key_value(k).and_then(|(key, _)| key.span()));
            let mut d = Diagnostic::new(
                Code::SB008,
                self.file,
                span,
                format!("unknown key `{k}` in {what}"),
            );
            match did_you_mean(k, known.iter().copied()) {
                Some(s) => {
                    d = d.help(format!("did you mean `{s}`?")).replace_fix(
                        format!("rename to `{s}`"),
                        span,
                        s,
                        false,
                    )
                }
                None => d = d.note(format!("known keys: {}", known.join(", "))),
            }
            self.diags.push(d);
        }
    }

    fn strings(&mut self, item: &Item, what: &str) -> Vec<(String, Span)> {
        let Some(arr) = item.as_array() else {
            self.bad(
                span_of(item.span()),
                format!("`{what}` must be a list of strings"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in arr.iter() {
            match v.as_str() {
                Some(s) => out.push((s.to_string(), span_of(v.span()))),
                None => self.bad(
                    span_of(v.span()),
                    format!("`{what}` must hold strings only"),
                ),
            }
        }
        out
    }

    fn boolean(&mut self, item: &Item, what: &str) -> Option<bool> {
        match item.as_value().and_then(Value::as_bool) {
            Some(b) => Some(b),
            None => {
                self.bad(
                    span_of(item.span()),
                    format!("`{what}` must be `true` or `false`"),
                );
                None
            }
        }
    }
}

/// Parse `switchboard.toml`. Every problem becomes a diagnostic in `file`; what is valid is kept.
pub fn parse(file: FileId, text: &str) -> (Config, Vec<Diagnostic>) {
    let mut r = Reader {
        file,
        diags: Vec::new(),
    };
    let mut cfg = Config::default();
    let doc = match toml_edit::Document::parse(text) {
        Ok(d) => d,
        Err(e) => {
            let msg = e.message().trim().to_string();
            r.bad(
                span_of(e.span()),
                format!("{FILE_NAME} does not parse: {msg}"),
            );
            return (cfg, r.diags);
        }
    };
    let root = doc.as_table();
    r.unknown_keys(root, TOP_KEYS, FILE_NAME);
    if let Some(item) = root.get("exclude") {
        cfg.exclude = r
            .strings(item, "exclude")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        for pat in &cfg.exclude {
            if let Err(e) = globset::Glob::new(pat) {
                r.bad(
                    span_of(item.span()),
                    format!("invalid glob `{pat}` in `exclude`: {e}"),
                );
            }
        }
    }
    if let Some(item) = root.get("rules") {
        match item.as_table_like() {
            Some(t) => {
                for (k, v) in t.iter() {
                    let key_span = span_of(t.get_key_value(k).and_then(|(key, _)| key.span()));
                    let Some(code) = Code::lookup(k) else {
                        let names = crate::diagnostics::RULES
                            .iter()
                            .flat_map(|r| [r.code.as_str(), r.name]);
                        let mut d = Diagnostic::new(
                            Code::SB010,
                            file,
                            key_span,
                            format!("unknown rule `{k}` in [rules]"),
                        );
                        if let Some(s) = did_you_mean(k, names) {
                            d = d.help(format!("did you mean `{s}`?"));
                        }
                        r.diags.push(d);
                        continue;
                    };
                    let level = v.as_value().and_then(Value::as_str);
                    match level.map(|l| (l, Severity::parse(l))) {
                        Some((_, Some(s))) => cfg.rules.push((code, Some(s))),
                        Some(("off", None)) => cfg.rules.push((code, None)),
                        _ => r.bad(
                            span_of(v.span()),
                            format!("severity of `{k}` must be one of \"error\", \"warning\", \"info\", \"hint\", \"off\""),
                        ),
                    }
                }
            }
            None => r.bad(
                span_of(item.span()),
                "`rules` must be a table: `[rules]`".into(),
            ),
        }
    }
    if let Some(item) = root.get("variables") {
        match item.as_table_like() {
            Some(t) => {
                r.unknown_keys(t, VARIABLE_KEYS, "[variables]");
                if let Some(b) = t.get("builtin") {
                    for (name, span) in r.strings(b, "builtin") {
                        let ok = name
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                        if ok {
                            cfg.builtin_variables.push(name);
                        } else {
                            r.bad(
                                span,
                                format!(
                                    "`{name}` is not a variable name (letters, digits and `_`)"
                                ),
                            );
                        }
                    }
                }
            }
            None => r.bad(
                span_of(item.span()),
                "`variables` must be a table: `[variables]`".into(),
            ),
        }
    }
    if let Some(item) = root.get("integration") {
        match item.as_table_like() {
            Some(t) => {
                r.unknown_keys(t, INTEGRATION_KEYS, "[integration]");
                if let Some(m) = t.get("method") {
                    match m.as_value().and_then(Value::as_str).and_then(Method::parse) {
                        Some(method) => cfg.integration.method = Some(method),
                        None => r.bad(
                            span_of(m.span()),
                            "`method` must be \"invite\", \"refer\" or \"bye\"".into(),
                        ),
                    }
                }
                if let Some(v) = t.get("route") {
                    cfg.integration.route = r.boolean(v, "route");
                }
                if let Some(v) = t.get("sip_headers") {
                    cfg.integration.sip_headers = r.boolean(v, "sip_headers");
                }
            }
            None => r.bad(
                span_of(item.span()),
                "`integration` must be a table: `[integration]`".into(),
            ),
        }
    }
    (cfg, r.diags)
}

/// A compiled `exclude` list.
pub fn exclude_set(patterns: &[String]) -> Option<globset::GlobSet> {
    let mut b = globset::GlobSetBuilder::new();
    let mut any = false;
    for p in patterns {
        if let Ok(g) = globset::GlobBuilder::new(p).literal_separator(true).build() {
            b.add(g);
            any = true;
            // `dir` and `dir/` exclude everything below.
            let dir = format!("{}/**", p.trim_end_matches('/'));
            if let Ok(g) = globset::GlobBuilder::new(&dir)
                .literal_separator(true)
                .build()
            {
                b.add(g);
            }
        }
    }
    if any { b.build().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> Span {
        let i = text.find(needle).unwrap();
        Span::new(i as u32, (i + needle.len()) as u32)
    }

    #[test]
    fn full_config() {
        let text = "exclude = [\"flows/legacy/**\"]\n[rules]\nSB116 = \"off\"\nunknown-field = \"error\"\n[variables]\nbuiltin = [\"account_id\"]\n[integration]\nmethod = \"refer\"\nroute = false\nsip_headers = false\n";
        let (c, d) = parse(FileId(0), text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            c.rules,
            vec![(Code::SB116, None), (Code::SB008, Some(Severity::Error))]
        );
        assert_eq!(c.builtin_variables, vec!["account_id"]);
        assert_eq!(
            c.integration,
            Integration {
                method: Some(Method::Refer),
                route: Some(false),
                sip_headers: Some(false)
            }
        );
        assert_eq!(c.exclude, vec!["flows/legacy/**"]);
    }

    #[test]
    fn problems_are_diagnostics_with_spans() {
        let text = "exlude = []\n[rules]\nSB999 = \"off\"\nSB201 = \"loud\"\n[integration]\nmethod = \"transfer\"\nroute = \"no\"\n";
        let (_, d) = parse(FileId(0), text);
        let got: Vec<(Code, Span, &str)> = d
            .iter()
            .map(|d| (d.code, d.span, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Code::SB008,
                    at(text, "exlude"),
                    "unknown key `exlude` in switchboard.toml"
                ),
                (
                    Code::SB010,
                    at(text, "SB999"),
                    "unknown rule `SB999` in [rules]"
                ),
                (
                    Code::SB010,
                    at(text, "\"loud\""),
                    "severity of `SB201` must be one of \"error\", \"warning\", \"info\", \"hint\", \"off\""
                ),
                (
                    Code::SB010,
                    at(text, "\"transfer\""),
                    "`method` must be \"invite\", \"refer\" or \"bye\""
                ),
                (
                    Code::SB010,
                    at(text, "\"no\""),
                    "`route` must be `true` or `false`"
                ),
            ]
        );
        assert_eq!(d[0].help.as_deref(), Some("did you mean `exclude`?"));
    }

    #[test]
    fn syntax_error_is_one_diagnostic() {
        let (c, d) = parse(FileId(0), "[rules\nSB116 = \"off\"\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::SB010);
        assert!(
            d[0].message
                .starts_with("switchboard.toml does not parse: "),
            "{}",
            d[0].message
        );
        assert!(c.rules.is_empty());
    }

    #[test]
    fn exclude_globs() {
        let set = exclude_set(&["flows/legacy".into(), "topics/draft_*.yaml".into()]).unwrap();
        assert!(set.is_match("flows/legacy/steps/a.yaml"));
        assert!(set.is_match("topics/draft_1.yaml"));
        assert!(!set.is_match("topics/final.yaml"));
        assert!(!set.is_match("flows/legacy_v2/flow_config.yaml"));
    }
}
