//! The checks of the knowledge base's child topics (SB451 the variant folder, SB452 a name
//! unique across topics and child topics) and of the test suite (SB453–SB458: a test case's
//! name, channel, scenario, language, variant and asserted functions), as the official ADK
//! makes them. The rules are declared in `rules.rs` beside this file (a module of the
//! registry); SB450 is found by the topic builder as it reads a child topic, SB459 by the test
//! case builder. SB460–SB463 check the languages of `agent_settings/languages.yaml` and the
//! translations of `config/translations.yaml` against them. SB464–SB466 and SB469 (a test
//! case's clock, integration attributes and API mocks) are found by the test case builder;
//! SB467 and SB468 check its mocks against `config/api_integrations.yaml` here.

mod bcp47;
mod langcodes;

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Project, TestCase, Topic, YamlType, YamlValue, clean_name};
use crate::project::stem;
use crate::source::Span;
use crate::text::did_you_mean;

/// Every check of the family.
pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    child_topic_variants(p, out);
    child_topic_names(p, out);
    let languages: Vec<&str> = p
        .languages
        .iter()
        .filter(|l| l.code.ty == YamlType::Str)
        .map(|l| l.code.text.as_str())
        .collect();
    for c in &p.test_cases {
        test_case(p, c, &languages, out);
    }
    language_codes(p, out);
    translations(p, &languages, out);
}

/// SB460: an additional language that is empty, or a code `langcodes.tag_is_valid` refuses;
/// SB461: the default language again among the additional ones, or an additional language
/// twice.
fn language_codes(p: &Project, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<(&str, &crate::model::Language)> = Vec::new();
    for l in &p.languages {
        let code = l.code.text.as_str();
        let what = if l.default {
            "default language"
        } else {
            "language"
        };
        if !l.code.is_truthy() {
            out.push(
                Diagnostic::new(
                    Code::SB460,
                    l.file,
                    l.code.span,
                    "an additional language is empty",
                )
                .help("write its code, e.g. `es-ES`, or remove the item"),
            );
            continue;
        }
        if l.code.ty == YamlType::Str
            && let Err(why) = langcodes::check(code)
        {
            out.push(invalid_code(l, what, code, &why));
        }
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == code) {
            let message = if first.default {
                format!("the default language `{code}` is also an additional language")
            } else {
                format!("duplicate language `{code}`")
            };
            out.push(
                Diagnostic::new(Code::SB461, l.file, l.code.span, message)
                    .label(first.file, first.code.span, "first given here")
                    .help("remove this item"),
            );
            continue;
        }
        seen.push((code, l));
    }
}

/// Language subtags that are country codes, each for the one language certainly meant
/// (`jp` for Japanese is `ja`), suggested only when the tag is then valid.
const COUNTRY_FOR_LANGUAGE: &[(&str, &str)] = &[
    ("cn", "zh"),
    ("cz", "cs"),
    ("dk", "da"),
    ("gr", "el"),
    ("jp", "ja"),
    ("ua", "uk"),
    ("vn", "vi"),
];

/// SB460 for a language code that is not valid, with why and, where a fix is certain, the
/// tag meant.
fn invalid_code(
    l: &crate::model::Language,
    what: &str,
    code: &str,
    why: &langcodes::Invalid,
) -> Diagnostic {
    use langcodes::Invalid;
    let (reason, note) = match why {
        Invalid::Syntax => (
            "it is no BCP 47 language tag".to_string(),
            "a language tag is a language, then optionally a script and a region, joined by `-`: `en-US`, `es-419`, `sr-Latn-RS`",
        ),
        Invalid::Unregistered(kind, subtag) => (
            format!("`{subtag}` is no registered {} code", kind.noun()),
            "each part of the tag must be registered for BCP 47 (the ADK's `langcodes` library knows the registry): `ja` is Japanese, `en-GB` British English, `zh-Hant-TW` Chinese in traditional script in Taiwan",
        ),
        Invalid::Extlangs(extlangs) => (
            format!(
                "it has {} extended languages ({}), and a tag has at most one",
                extlangs.len(),
                extlangs
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "write the language itself, e.g. `yue` rather than `zh-yue`",
        ),
        Invalid::Twice(subtag) => (
            if subtag.ends_with('-') {
                format!("it has two `{subtag}` extensions")
            } else {
                format!("it has `{subtag}` twice")
            },
            "a tag has each part once",
        ),
    };
    let mut d = Diagnostic::new(
        Code::SB460,
        l.file,
        l.code.span,
        format!("invalid {what} code `{code}`: {reason}"),
    )
    .note(note);
    if let Some(fixed) = suggestion(code) {
        d = d.help(format!("did you mean `{fixed}`?")).replace_fix(
            format!("replace with `{fixed}`"),
            l.code.span,
            fixed,
            false,
        );
    }
    d
}

/// The valid tag an invalid `code` certainly means: spaces in place of `-`, or a country code
/// in place of its language (`jp-JP` for `ja-JP`).
fn suggestion(code: &str) -> Option<String> {
    let mut fixed = code.trim().replace(' ', "-");
    let first = fixed.split(['-', '_']).next().unwrap_or_default();
    if let Some((_, language)) = COUNTRY_FOR_LANGUAGE
        .iter()
        .find(|(country, _)| first.eq_ignore_ascii_case(country))
    {
        fixed = format!("{language}{}", &fixed[first.len()..]);
    }
    (fixed != code && langcodes::check(&fixed).is_ok()).then_some(fixed)
}

/// SB462: a translation without any text; SB463: a translation whose languages are not the
/// project's (one missing, or one the project does not declare), checked only when the project
/// declares languages, as the ADK checks it.
fn translations(p: &Project, languages: &[&str], out: &mut Vec<Diagnostic>) {
    for t in &p.translations {
        if t.empty {
            out.push(
                Diagnostic::new(
                    Code::SB462,
                    t.file,
                    t.name.span,
                    format!("translation `{}` has no `translations`", t.name.value),
                )
                .help("give its text in each of the project's languages"),
            );
            continue;
        }
        if languages.is_empty() || t.languages.is_empty() {
            continue;
        }
        let mut missing: Vec<&str> = languages
            .iter()
            .copied()
            .filter(|l| !t.languages.iter().any(|x| x.value == *l))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if !missing.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::SB463,
                    t.file,
                    t.name.span,
                    format!(
                        "translation `{}` has no text in {}",
                        t.name.value,
                        missing
                            .iter()
                            .map(|l| format!("`{l}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .note("every translation is written in each language of `agent_settings/languages.yaml`"),
            );
        }
        for l in &t.languages {
            if languages.contains(&l.value.as_str()) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::SB463,
                t.file,
                l.span,
                format!(
                    "translation `{}` is written in `{}`, which is not one of the project's languages",
                    t.name.value, l.value
                ),
            )
            .note(format!(
                "`agent_settings/languages.yaml` declares {}",
                languages
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            if let Some(g) = languages
                .iter()
                .find(|x| x.eq_ignore_ascii_case(&l.value.replace('_', "-")))
            {
                d = d.help(format!("did you mean `{g}`?")).replace_fix(
                    format!("replace with `{g}`"),
                    l.span,
                    *g,
                    false,
                );
            }
            out.push(d);
        }
    }
}

/// A topic's name as the ADK resolves it: its `name`, or its file's stem without one.
fn topic_name<'p>(p: &'p Project, t: &'p Topic) -> &'p str {
    match &t.name {
        Some(n) if !n.value.is_empty() => &n.value,
        _ => stem(&p.file(t.file).rel),
    }
}

/// Where a finding about a whole topic goes: its `name`, or the start of its file.
fn topic_span(t: &Topic) -> Span {
    t.name.as_ref().map_or(Span::new(0, 0), |n| n.span)
}

/// SB451: a child topic whose folder is the clean name of no variant (the ADK compares clean
/// names on both sides: `child_topics/canary_wharf/` is the variant `Canary Wharf`).
fn child_topic_variants(p: &Project, out: &mut Vec<Diagnostic>) {
    let folders: Vec<String> = p
        .variants
        .iter()
        .map(|v| clean_name(&v.name.value))
        .collect();
    for t in &p.topics {
        let Some(folder) = &t.variant else { continue };
        let clean = clean_name(folder);
        if folders.contains(&clean) {
            continue;
        }
        let mut d = Diagnostic::new(
            Code::SB451,
            t.file,
            topic_span(t),
            format!(
                "child topic `{}` is in `child_topics/{folder}/`, which is the folder of no variant",
                topic_name(p, t)
            ),
        );
        d = match did_you_mean(&clean, folders.iter().map(String::as_str)) {
            Some(g) => d.help(format!("did you mean the folder `child_topics/{g}/`?")),
            None if folders.is_empty() => {
                d.help("declare the variant in `config/variant_attributes.yaml`")
            }
            None => d.note(format!(
                "the variant folders are the clean names of the variants: {}",
                folders
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        out.push(d);
    }
}

/// SB452: a child topic whose clean name is that of another topic or child topic, in any
/// variant. The first clash (topics of `topics/` first, then child topics by path) is labelled,
/// as the ADK reports the first it finds.
fn child_topic_names(p: &Project, out: &mut Vec<Diagnostic>) {
    // Most projects have no child topic: nothing to compare (the language server runs this on
    // every keystroke).
    if p.topics.iter().all(|t| t.variant.is_none()) {
        return;
    }
    let clean: Vec<String> = p
        .topics
        .iter()
        .map(|t| clean_name(topic_name(p, t)))
        .collect();
    let mut order: Vec<usize> = (0..p.topics.len()).collect();
    order.sort_by_key(|&i| p.topics[i].variant.is_some());
    // Each clean name's holders, in the order the ADK compares them.
    let mut holders: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    for &j in &order {
        holders.entry(clean[j].as_str()).or_default().push(j);
    }
    for (i, t) in p.topics.iter().enumerate() {
        if t.variant.is_none() || clean[i].is_empty() {
            continue;
        }
        let Some(&j) = holders[clean[i].as_str()]
            .iter()
            .find(|&&j| j != i && p.topics[j].file != t.file)
        else {
            continue;
        };
        let other = &p.topics[j];
        let what = match &other.variant {
            None => format!("the topic `{}`", topic_name(p, other)),
            Some(v) => format!(
                "the child topic `{}` of variant folder `{v}`",
                topic_name(p, other)
            ),
        };
        out.push(
            Diagnostic::new(
                Code::SB452,
                t.file,
                topic_span(t),
                format!(
                    "child topic `{}` has the same name as {what}",
                    topic_name(p, t)
                ),
            )
            .label(other.file, topic_span(other), "named here")
            .note("topic names are unique across all topics and child topics, in every variant"),
        );
    }
}

/// The channels a test case may run on: as the YAML names them, and as the ADK does
/// (`INTERNAL_TO_CHANNEL`, which it also accepts as written).
const CHANNELS: &[&str] = &["voice", "webchat", "chat.polyai", "webchat.polyai"];

/// The text of a string value; `None` for a value of another type (reported by the builder).
fn text(v: &YamlValue) -> Option<&str> {
    (v.ty == YamlType::Str).then_some(v.text.as_str())
}

/// Where a finding about a whole test case goes: its `name`, or the start of its file.
fn case_span(c: &TestCase) -> Span {
    c.name.as_ref().map_or(Span::new(0, 0), |n| n.span)
}

/// SB467: a mocked integration that the project does not have (checked only when it has some,
/// as the ADK checks it); SB468: a mocked operation that the integration does not define.
fn api_mocks(p: &Project, c: &TestCase, out: &mut Vec<Diagnostic>) {
    let apis = &p.controls.api_integrations;
    if apis.is_empty() {
        return;
    }
    for m in &c.api_mocks {
        let name = &m.integration;
        let Some(api) = apis.iter().find(|a| a.name == name.value) else {
            let mut d = Diagnostic::new(
                Code::SB467,
                c.file,
                name.span,
                format!("unknown API integration `{}` in `api_mocks`", name.value),
            )
            .note("a mock names an integration of `config/api_integrations.yaml`");
            if let Some(g) = did_you_mean(&name.value, apis.iter().map(|a| a.name.as_str())) {
                d = d.help(format!("did you mean `{g}`?")).replace_fix(
                    format!("replace with `{g}`"),
                    name.span,
                    g,
                    false,
                );
            }
            out.push(d);
            continue;
        };
        let Some(op) = &m.operation else { continue };
        if api.operations.iter().any(|o| o.name == op.value) {
            continue;
        }
        let mut d = Diagnostic::new(
            Code::SB468,
            c.file,
            op.span,
            format!(
                "API integration `{}` has no operation `{}`: this mock never answers",
                api.name, op.value
            ),
        )
        .label(api.file, api.name_span, "integration defined here");
        if let Some(g) = did_you_mean(&op.value, api.operations.iter().map(|o| o.name.as_str())) {
            d = d.help(format!("did you mean `{g}`?")).replace_fix(
                format!("replace with `{g}`"),
                op.span,
                g,
                false,
            );
        }
        out.push(d);
    }
}

/// SB453–SB458 on one test case, in the order the ADK checks them; then its API mocks.
fn test_case(p: &Project, c: &TestCase, languages: &[&str], out: &mut Vec<Diagnostic>) {
    api_mocks(p, c, out);
    let file = c.file;
    let actual = stem(&p.file(file).rel);
    match &c.name {
        None => out.push(
            Diagnostic::new(
                Code::SB453,
                file,
                Span::new(0, 0),
                "this test case has no `name`",
            )
            .help(format!(
                "add `name:`; a test case in `{actual}.yaml` is named after it"
            )),
        ),
        Some(n) => {
            let expected = clean_name(&n.value);
            if expected != actual {
                out.push(
                    Diagnostic::new(
                        Code::SB453,
                        file,
                        n.span,
                        format!(
                            "test case file for `{}` should be named `{expected}`, not `{actual}`",
                            n.value
                        ),
                    )
                    .note("the file name must be the clean form of `name` (lower-case, `_` between words)"),
                );
            }
        }
    }
    // SB454: a missing, null or unknown channel (a non-string is SB013/SB004).
    let channel_ok = match &c.channel {
        Some(v) => match v.ty {
            YamlType::Str => CHANNELS.contains(&v.text.as_str()),
            YamlType::Null => false,
            _ => true,
        },
        None => false,
    };
    if !channel_ok {
        let (span, message) = match &c.channel {
            Some(v) if v.ty == YamlType::Str => {
                (v.span, format!("invalid test case channel `{}`", v.text))
            }
            Some(v) => (v.span, "this test case's `channel` is empty".to_string()),
            None => (case_span(c), "this test case has no `channel`".to_string()),
        };
        let mut d = Diagnostic::new(Code::SB454, file, span, message)
            .note("a test case runs on `voice` or `webchat`");
        if let Some(v) = c.channel.as_ref().filter(|v| v.ty == YamlType::Str)
            && let Some(g) = ["voice", "webchat"]
                .into_iter()
                .find(|c| c.eq_ignore_ascii_case(v.text.trim()))
                .or_else(|| did_you_mean(&v.text, ["voice", "webchat"]))
        {
            d = d.help(format!("did you mean `{g}`?")).replace_fix(
                format!("replace with `{g}`"),
                v.span,
                g,
                false,
            );
        }
        out.push(d);
    }
    // SB455: no scenario (a value Python finds false).
    if c.scenario.as_ref().is_none_or(|v| !v.is_truthy()) {
        let (span, message) = match &c.scenario {
            Some(v) => (v.span, "this test case's `scenario` is empty"),
            None => (case_span(c), "this test case has no `scenario`"),
        };
        out.push(
            Diagnostic::new(Code::SB455, file, span, message)
                .help("describe what the simulated caller wants and says"),
        );
    }
    // SB456: no language, or one the project does not declare.
    match &c.language {
        Some(v) if v.is_truthy() => {
            if let Some(code) = text(v)
                && !languages.is_empty()
                && !languages.contains(&code)
            {
                let mut d = Diagnostic::new(
                    Code::SB456,
                    file,
                    v.span,
                    format!("language `{code}` is not one of the project's languages"),
                )
                .note(format!(
                    "`agent_settings/languages.yaml` declares {}",
                    languages
                        .iter()
                        .map(|l| format!("`{l}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                if let Some(g) = languages.iter().find(|l| l.eq_ignore_ascii_case(code)) {
                    d = d.help(format!("did you mean `{g}`?")).replace_fix(
                        format!("replace with `{g}`"),
                        v.span,
                        *g,
                        false,
                    );
                }
                out.push(d);
            }
        }
        other => {
            let (span, message) = match other {
                Some(v) => (v.span, "this test case's `language` is empty"),
                None => (case_span(c), "this test case has no `language`"),
            };
            out.push(
                Diagnostic::new(Code::SB456, file, span, message)
                    .help("write the language the simulated caller speaks, e.g. `language: en-US`"),
            );
        }
    }
    // SB457: a variant that is no variant's name (compared exactly).
    if let Some(v) = c.variant.as_ref().filter(|v| !v.value.is_empty())
        && !p.variants.iter().any(|x| x.name.value == v.value)
    {
        let names = p.variants.iter().map(|x| x.name.value.as_str());
        let mut d = Diagnostic::new(
            Code::SB457,
            file,
            v.span,
            format!("unknown variant `{}`", v.value),
        );
        let exact_but_case = p
            .variants
            .iter()
            .find(|x| x.name.value.eq_ignore_ascii_case(&v.value))
            .map(|x| x.name.value.as_str());
        if let Some(g) = exact_but_case.or_else(|| did_you_mean(&v.value, names)) {
            d = d.help(format!("did you mean `{g}`?")).replace_fix(
                format!("replace with `{g}`"),
                v.span,
                g,
                false,
            );
        } else if p.variants.is_empty() {
            d = d.note("the project declares no variants in `config/variant_attributes.yaml`");
        }
        out.push(d);
    }
    // SB458: an assertion without a name, or naming no global or transition function (checked
    // only when the project has some, as the ADK checks it).
    let known: Vec<&str> = p
        .functions
        .iter()
        .filter(|f| {
            matches!(
                f.scope,
                crate::model::FunctionScope::Global | crate::model::FunctionScope::Transition(_)
            )
        })
        .map(|f| f.name.as_str())
        .collect();
    for a in &c.function_calls {
        match &a.name {
            Some(n) if n.is_truthy() => {
                let name = n.text.as_str();
                if known.is_empty() || (n.ty == YamlType::Str && known.contains(&name)) {
                    continue;
                }
                let mut d = Diagnostic::new(
                    Code::SB458,
                    file,
                    n.span,
                    format!("unknown function `{name}` in a function-call assertion"),
                );
                if let Some(g) = did_you_mean(name, known.iter().copied()) {
                    d = d.help(format!("did you mean `{g}`?")).replace_fix(
                        format!("replace with `{g}`"),
                        n.span,
                        g,
                        false,
                    );
                }
                out.push(d.note(
                    "an assertion names a global function (`functions/`) or a flow's transition function",
                ));
            }
            other => {
                let span = other.as_ref().map_or(a.span, |n| n.span);
                out.push(
                    Diagnostic::new(
                        Code::SB458,
                        file,
                        span,
                        "this function-call assertion has no `name`",
                    )
                    .help("name the function the agent must call"),
                );
            }
        }
    }
}
