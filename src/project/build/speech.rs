//! Building the speech settings as the ADK reads and validates them: the voice channel's
//! `asr_settings.yaml` (SB015, SB476, SB477), `keyphrase_boosting.yaml` (SB479, SB480, SB485),
//! `transcript_corrections.yaml` (SB481, SB482, SB485) and `pronunciations.yaml` (SB483).
//! These files can be long (hundreds of pronunciations): each entry is read once, and the
//! duplicate checks go through hash maps.

use super::Builder;
use super::channels::entry_value_span;
use super::typed::truthy;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::clean_name_keep_case;
use crate::settings::{AsrSettings, Correction, Keyphrase, Pronunciation};
use crate::source::Span;
use crate::syntax::yaml::{Node, NodeKind};
use rustc_hash::FxHashMap;

const BARGE_IN_KEYS: &[&str] = &["enabled", "allow_on_first_turn", "max_per_call"];
const LEVELS: &[&str] = &["default", "boosted", "maximum"];
const REPLACEMENT_TYPES: &[&str] = &["full", "partial", "substring"];

impl Builder<'_> {
    /// The list under `key` of a multi-entry settings file: `None` (nothing to read) for an
    /// empty file, a missing or empty value; SB004 for a root or value of the wrong kind, which
    /// stops the ADK's load.
    fn settings_list<'n>(&mut self, root: Option<&'n Node>, key: &str) -> Option<&'n [Node]> {
        let root = root.filter(|r| !r.is_null())?;
        let m = self.root_map(root)?;
        let rel = self.p.files[0].rel.clone();
        self.check_keys(m, &[key], &rel);
        let v = m.get(key).filter(|v| truthy(v))?;
        self.list(m, key)
            .filter(|_| matches!(v.kind, NodeKind::Seq(_)))
    }

    pub(super) fn asr_settings(&mut self, root: Option<&Node>) {
        let mut out = AsrSettings {
            file: self.file,
            speech_end_delay_ms: None,
            barge_in: None,
        };
        if let Some(m) = root.filter(|r| !r.is_null()).and_then(|r| self.root_map(r)) {
            self.check_keys(
                m,
                &["speech_end_delay_ms", "barge_in", "interaction_style"],
                "asr_settings.yaml",
            );
            if let Some(d) = self.int_field(m, "speech_end_delay_ms") {
                if !(200..=1500).contains(&d.value) {
                    let diag = Diagnostic::new(
                        Code::SB476,
                        self.file,
                        d.span,
                        "`speech_end_delay_ms` must be between 200 and 1500",
                    );
                    self.diag(diag);
                }
                out.speech_end_delay_ms = Some(d.value);
            }
            if let Some(e) = m.entry("interaction_style") {
                self.legacy_asr(e.key.span, "`interaction_style` is no longer used: the ADK deletes it when it loads the project");
            }
            if let Some(e) = m.entry("barge_in") {
                let v = &e.value;
                match &v.kind {
                    _ if v.is_null() => {}
                    NodeKind::Map(_) => {
                        self.strict_keys(v, BARGE_IN_KEYS, "barge_in");
                        let enabled = self.boolean(v, "enabled").is_some_and(|b| b.value);
                        let first = self
                            .boolean(v, "allow_on_first_turn")
                            .is_some_and(|b| b.value);
                        let max = self.int_field(v, "max_per_call");
                        if let Some(mx) = max.as_ref().filter(|mx| mx.value < 0) {
                            let d = Diagnostic::new(
                                Code::SB476,
                                self.file,
                                mx.span,
                                "`barge_in.max_per_call` cannot be negative",
                            );
                            self.diag(d);
                        }
                        out.barge_in = Some((enabled, first, max.map(|m| m.value)));
                    }
                    _ if v.as_bool().is_some() => {
                        let b = v.as_bool() == Some(true);
                        out.barge_in = Some((b, false, None));
                        self.legacy_asr(
                            v.span,
                            &format!("`barge_in: {b}` is the old format: the ADK rewrites it as `barge_in: {{enabled: {b}}}` when it loads the project"),
                        );
                    }
                    NodeKind::Alias(_) | NodeKind::Invalid => {}
                    _ => self.wrong_type(v, "barge_in", "a mapping"),
                }
            }
        }
        self.p.settings.asr = Some(out);
    }

    fn legacy_asr(&mut self, span: Span, msg: &str) {
        let d = Diagnostic::new(Code::SB477, self.file, span, msg).help(
            "write `barge_in:` as a mapping with `enabled:` under it, and no `interaction_style`",
        );
        self.diag(d);
    }

    pub(super) fn keyphrases(&mut self, root: Option<&Node>) {
        let Some(items) = self.settings_list(root, "keyphrases") else {
            return;
        };
        // Normalised phrase and clean name → the entry that first had it.
        let mut by_phrase: FxHashMap<String, Span> = FxHashMap::default();
        let mut by_clean: FxHashMap<String, (Span, String)> = FxHashMap::default();
        for item in items {
            let Some(m) = self.mapping(item, "a keyphrase entry") else {
                continue;
            };
            self.check_keys(m, &["keyphrase", "level"], "a keyphrase");
            let kp = m.get("keyphrase");
            if kp.is_none_or(|k| !truthy(k)) {
                let d = Diagnostic::new(
                    Code::SB485,
                    self.file,
                    m.entry("keyphrase").map_or(item.span, |e| e.key.span),
                    "this entry has no keyphrase: the ADK skips it",
                );
                self.diag(d);
                continue;
            }
            let Some(kp) = kp else { continue };
            if self.not_a_string(kp, "`keyphrase`") {
                continue;
            }
            let Some(phrase) = self.string(m, "keyphrase") else {
                continue;
            };
            let clean = clean_name_keep_case(&phrase.value);
            if clean.is_empty() {
                let d = Diagnostic::new(
                    Code::SB479,
                    self.file,
                    phrase.span,
                    format!(
                        "keyphrase `{}` has no letter or digit: the ADK cannot load it",
                        phrase.value
                    ),
                );
                self.diag(d);
                continue;
            }
            let level = self.keyphrase_level(m);
            let normal = phrase.value.trim().to_lowercase();
            // The ADK reads an entry whose clean name an earlier one has as that earlier entry.
            let first = match by_clean.get(&clean) {
                Some((at, first)) => Some((*at, first.clone())),
                None => by_phrase.get(&normal).map(|at| (*at, String::new())),
            };
            if let Some((at, first)) = first {
                let msg = if first.is_empty() || first.trim().to_lowercase() == normal {
                    format!(
                        "duplicate keyphrase `{}`: keyphrases are compared trimmed and lower-cased",
                        phrase.value
                    )
                } else {
                    format!(
                        "keyphrase `{}` has the clean name `{clean}` of `{first}`: the ADK reads it as that one, a duplicate",
                        phrase.value
                    )
                };
                let d = Diagnostic::new(Code::SB480, self.file, phrase.span, msg)
                    .label(self.file, at, "first here")
                    .help("keep one entry per phrase");
                self.diag(d);
            } else {
                by_clean.insert(clean, (phrase.span, phrase.value.clone()));
                by_phrase.insert(normal, phrase.span);
            }
            self.p.settings.keyphrases.push(Keyphrase {
                file: self.file,
                span: item.span,
                keyphrase: phrase.value,
                level,
            });
        }
    }

    fn keyphrase_level(&mut self, m: &Node) -> String {
        let Some(e) = m.entry("level") else {
            return "default".into();
        };
        let v = &e.value;
        if v.is_null() {
            let d = Diagnostic::new(
                Code::SB479,
                self.file,
                entry_value_span(e),
                "`level` is null: use `default`, `boosted` or `maximum`",
            );
            self.diag(d);
            return "default".into();
        }
        if self.not_a_string(v, "`level`") {
            return String::new();
        }
        let Some(s) = self.string(m, "level") else {
            return String::new();
        };
        let lower = s.value.to_lowercase();
        if !LEVELS.contains(&lower.as_str()) {
            let help = crate::text::did_you_mean(&lower, LEVELS.iter().copied())
                .map(|x| format!("did you mean `{x}`?"));
            let d = Diagnostic::new(
                Code::SB479,
                self.file,
                s.span,
                format!(
                    "`{}` is not a keyphrase level: use `default`, `boosted` or `maximum`",
                    s.value
                ),
            )
            .help_opt(help);
            self.diag(d);
        }
        lower
    }

    pub(super) fn corrections(&mut self, root: Option<&Node>) {
        let Some(items) = self.settings_list(root, "corrections") else {
            return;
        };
        let mut by_name: FxHashMap<String, (Span, String)> = FxHashMap::default();
        let mut by_clean: FxHashMap<String, (Span, String)> = FxHashMap::default();
        for item in items {
            let Some(m) = self.mapping(item, "a transcript correction") else {
                continue;
            };
            self.check_keys(
                m,
                &["name", "description", "regular_expressions"],
                "a transcript correction",
            );
            let nn = m.get("name");
            if nn.is_none_or(|n| !truthy(n)) {
                let d = Diagnostic::new(
                    Code::SB485,
                    self.file,
                    m.entry("name").map_or(item.span, |e| e.key.span),
                    "this transcript correction has no name: the ADK skips it",
                );
                self.diag(d);
                continue;
            }
            let Some(name) = self.str_field(m, "name") else {
                continue;
            };
            if nn.is_some_and(|n| n.type_name() != "string") {
                continue;
            }
            let clean = clean_name_keep_case(&name.value);
            if clean.is_empty() {
                let d = Diagnostic::new(
                    Code::SB481,
                    self.file,
                    name.span,
                    format!(
                        "transcript correction name `{}` has no letter or digit: the ADK cannot load it",
                        name.value
                    ),
                );
                self.diag(d);
                continue;
            }
            let description = self.str_field(m, "description").map(|d| d.value);
            let rules = self.correction_rules(m, &name.value, item.span);
            let first = by_name
                .get(&name.value)
                .or_else(|| by_clean.get(&clean))
                .cloned();
            if let Some((at, first)) = first {
                let msg = if first == name.value {
                    format!("duplicate transcript correction name `{}`", name.value)
                } else {
                    format!(
                        "transcript correction `{}` has the clean name `{clean}` of `{first}`: the ADK reads it as that one, a duplicate",
                        name.value
                    )
                };
                let d = Diagnostic::new(Code::SB482, self.file, name.span, msg).label(
                    self.file,
                    at,
                    "first here",
                );
                self.diag(d);
            } else {
                by_name.insert(name.value.clone(), (name.span, name.value.clone()));
                by_clean.insert(clean, (name.span, name.value.clone()));
            }
            self.p.settings.corrections.push(Correction {
                file: self.file,
                span: item.span,
                name: name.value,
                description: description.unwrap_or_default().trim().to_string(),
                rules,
            });
        }
    }

    fn correction_rules(
        &mut self,
        m: &Node,
        name: &str,
        at: Span,
    ) -> Vec<(String, String, String)> {
        let mut rules = Vec::new();
        let sb481 = |b: &mut Self, span: Span, msg: String| {
            let d = Diagnostic::new(Code::SB481, b.file, span, msg);
            b.diag(d);
        };
        let entry = m.entry("regular_expressions");
        let items = match entry.map(|e| &e.value) {
            Some(v) if !truthy(v) => &[][..],
            None => &[][..],
            Some(v) => match &v.kind {
                NodeKind::Seq(items) => items,
                NodeKind::Alias(_) | NodeKind::Invalid => return rules,
                _ => {
                    self.wrong_type(v, "regular_expressions", "a list");
                    return rules;
                }
            },
        };
        if items.is_empty() {
            sb481(
                self,
                entry.map_or(first_line(at), |e| e.key.span),
                format!("transcript correction `{name}` has no regular expression rule"),
            );
            return rules;
        }
        for (i, item) in items.iter().enumerate() {
            let Some(r) = self.mapping(item, "a regular expression rule") else {
                continue;
            };
            self.check_keys(
                r,
                &["regular_expression", "replacement", "replacement_type"],
                "a regular expression rule",
            );
            let regex = r.get("regular_expression");
            let regex_text = regex
                .and_then(|v| v.scalar())
                .filter(|_| regex.is_some_and(|v| !v.is_null()));
            if regex.is_none_or(|v| !truthy(v)) {
                sb481(
                    self,
                    r.entry("regular_expression")
                        .map_or(first_line(item.span), entry_value_span),
                    format!(
                        "rule {i} of transcript correction `{name}` has no `regular_expression`"
                    ),
                );
            }
            let ty = match r.get("replacement_type") {
                None => "full".to_string(),
                Some(v) => {
                    let text = v.as_str().filter(|_| v.type_name() == "string");
                    match text {
                        Some("substring") => "partial".to_string(),
                        Some(t) if REPLACEMENT_TYPES.contains(&t) => t.to_string(),
                        _ => {
                            let shown = v.scalar().map_or_else(
                                || v.type_name().to_string(),
                                |s| format!("`{}`", s.value),
                            );
                            let mut d = Diagnostic::new(
                                Code::SB481,
                                self.file,
                                v.span,
                                format!(
                                    "{shown} is not a replacement type: use `full`, `partial` or `substring`"
                                ),
                            );
                            if let Some(l) = text
                                .map(str::to_lowercase)
                                .filter(|l| REPLACEMENT_TYPES.contains(&l.as_str()))
                            {
                                d = d.replace_fix(format!("replace with `{l}`"), v.span, l, true);
                            }
                            self.diag(d);
                            String::new()
                        }
                    }
                }
            };
            let replacement = r
                .get("replacement")
                .and_then(|v| v.scalar().filter(|_| !v.is_null()))
                .map_or_else(String::new, |s| s.value.clone());
            rules.push((
                regex_text.map_or_else(String::new, |s| s.value.clone()),
                replacement,
                ty,
            ));
        }
        rules
    }

    pub(super) fn pronunciations(&mut self, root: Option<&Node>) {
        let Some(items) = self.settings_list(root, "pronunciations") else {
            return;
        };
        self.p.settings.pronunciations.reserve(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(m) = self.mapping(item, "a pronunciation") else {
                continue;
            };
            self.check_keys(
                m,
                &[
                    "regex",
                    "replacement",
                    "case_sensitive",
                    "language_code",
                    "description",
                    "name",
                ],
                "a pronunciation",
            );
            let regex = self.str_field(m, "regex");
            let replacement = self.str_field(m, "replacement");
            let case_sensitive = self.boolean(m, "case_sensitive").is_some_and(|b| b.value);
            let language_code = self.str_field(m, "language_code");
            self.str_field(m, "description");
            self.str_field(m, "name");
            let typed_wrong = m.get("regex").is_some_and(|v| {
                !v.is_null() && (v.type_name() != "string" || v.scalar().is_none())
            });
            if regex.as_ref().is_none_or(|r| r.value.is_empty()) && !typed_wrong {
                let d = Diagnostic::new(
                    Code::SB483,
                    self.file,
                    m.entry("regex")
                        .map_or(first_line(item.span), entry_value_span),
                    format!("pronunciation {i} has no `regex`"),
                );
                self.diag(d);
            }
            self.p.settings.pronunciations.push(Pronunciation {
                file: self.file,
                span: item.span,
                regex: regex.map(|r| r.value).unwrap_or_default(),
                replacement: replacement.map(|r| r.value).unwrap_or_default(),
                case_sensitive,
                language_code: language_code.map(|l| l.value).unwrap_or_default(),
            });
        }
    }
}

fn first_line(s: Span) -> Span {
    Span::new(s.start, s.start)
}
