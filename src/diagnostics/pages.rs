//! The rule pages: renders each rule's documentation as plain text for
//! `switchboard explain <code|name>` ([`explain`]) and as Markdown for `docs/rules.md`
//! ([`markdown`], [`markdown_all`]).
//!
//! The documentation itself is declared with each rule, in its family's file (see
//! [`super::registry`]). Text conventions, relied on by the renderers:
//! * `what`, `why` and `fix` are paragraphs separated by a blank line; a line starting with `- `
//!   is a list item. Code, names and punctuation that Markdown would interpret stay inside
//!   backticks.
//! * `example` is one or more files. Each starts with a header line `# <path>` naming the file it
//!   lives in (`# topics/billing.yaml`); a later file starts at the next line of that form whose
//!   path ends in `.yaml`, `.yml`, `.py`, `.txt` or `.toml`. Files are separated by a blank line.
//!   `clean`, the example after the fix, is laid out the same way (it is not rendered).

use crate::diagnostics::{Code, Rule, RuleDoc, Severity};

/// The documentation of `code`.
fn doc(code: Code) -> &'static RuleDoc {
    code.doc()
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
fn configuration_note(meta: &Rule) -> String {
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
/// Where the project lives; rule help links point into its `docs/rules.md`.
pub const REPOSITORY_URL: &str = if env!("CARGO_PKG_REPOSITORY").is_empty() {
    "https://github.com/polyai/switchboard"
} else {
    env!("CARGO_PKG_REPOSITORY")
};

/// The documentation anchor of a rule in `docs/rules.md` (the GitHub slug of a heading
/// `SB201 unknown-handoff`).
pub fn rule_anchor(code: Code) -> String {
    format!("{}-{}", code.as_str().to_ascii_lowercase(), code.name())
}

/// The URL of a rule's documentation.
pub fn rule_help_uri(code: Code) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{}",
        REPOSITORY_URL.trim_end_matches('/'),
        rule_anchor(code)
    )
}

fn anchor(meta: &Rule) -> String {
    format!("{}-{}", meta.code.as_str().to_ascii_lowercase(), meta.name)
}

/// Text made safe for one Markdown table cell.
fn table_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// One file of an example.
#[derive(Debug, PartialEq, Eq)]
pub struct ExampleFile<'a> {
    /// The path from the header line (`topics/billing.yaml`), or its label (`terminal`).
    pub path: &'a str,
    /// The file's text, header line included, without trailing blank lines.
    pub text: &'a str,
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

/// Splits an example (or a `clean` twin) into its files. The first line always starts a file.
pub fn example_files(example: &str) -> Vec<ExampleFile<'_>> {
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

    /// A rule's `clean` twin follows the example's layout: named files, real project paths.
    #[test]
    fn every_clean_twin_is_made_of_named_files() {
        for meta in RULES {
            let clean = doc(meta.code).clean;
            let code = meta.code.as_str();
            assert!(
                clean.starts_with("# "),
                "{code}: clean must start with its file name"
            );
            assert!(clean.ends_with('\n'), "{code}: clean ends with a newline");
            let example: Vec<&str> = example_files(doc(meta.code).example)
                .iter()
                .map(|f| f.path)
                .collect();
            let files = example_files(clean);
            assert!(!files.is_empty(), "{code}");
            for file in &files {
                assert!(file.text.starts_with(&format!("# {}", file.path)));
                assert!(
                    file.text.lines().count() >= 2,
                    "{code}: {} is empty",
                    file.path
                );
                let known = [
                    "config/",
                    "topics/",
                    "child_topics/",
                    "test_suite/",
                    "flows/",
                    "functions/",
                    "agent_settings/",
                    "voice/",
                    "chat/",
                ];
                let ok = known.iter().any(|r| file.path.starts_with(r))
                    || file.path == "switchboard.toml"
                    || file.path == "terminal";
                assert!(ok, "{code}: unexpected path {}", file.path);
                if language(file.path) == "yaml" {
                    let result: Result<Vec<_>, _> =
                        saphyr_parser::Parser::new_from_str(file.text).collect();
                    assert!(result.is_ok(), "{code} {}: {:?}", file.path, result.err());
                }
                if language(file.path) == "python" {
                    let result = ruff_python_parser::parse_module(file.text);
                    assert!(result.is_ok(), "{code} {}: {:?}", file.path, result.err());
                }
            }
            // The twin keeps at least one of the example's files (the one the fix edits), or
            // renames it (SB203 moves a function into its flow, SB407 renames a topic, SB011
            // moves a legacy file's text into persona.txt, SB453 renames a test case).
            let shared = files.iter().any(|f| example.contains(&f.path));
            assert!(
                shared
                    || matches!(
                        meta.code,
                        Code::SB011 | Code::SB203 | Code::SB407 | Code::SB453
                    ),
                "{code}: clean shares no file with the example"
            );
        }
    }

    #[test]
    fn examples_name_real_project_paths() {
        let known_roots = [
            "config/",
            "topics/",
            "child_topics/",
            "test_suite/",
            "flows/",
            "functions/",
            "agent_settings/",
            "voice/",
            "chat/",
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
                // SB012's file starts with a byte order mark, which is not at the start of the
                // example's text (the path line is): the rest of it parses.
                let text = if meta.code == Code::SB012 {
                    file.text.replacen('\u{feff}', "", 1)
                } else {
                    file.text.to_string()
                };
                let result = ruff_python_parser::parse_module(&text);
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
