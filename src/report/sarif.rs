//! The `sarif` format: SARIF 2.1.0, one run listing every rule of the registry, with UTF-16
//! columns, snippets, related locations and fixes; also the rules' documentation links.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::shared::{
    clamp_span, display_path, file_of, iter_diagnostics, pos, slash_path, to_json,
};
use super::{ProjectOutput, RenderOptions};
use crate::diagnostics::pages::{REPOSITORY_URL, rule_help_uri};
use crate::diagnostics::{Fix, RULES, Severity};
use crate::source::{ColumnUnit, FileId, SourceFile, Span};

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// `unknown-handoff` → `UnknownHandoff`.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split(['-', '_'])
        .flat_map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(cs)
        })
        .collect()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

#[derive(Serialize)]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: SarifTool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<SarifBaseIds>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct SarifBaseIds {
    #[serde(rename = "%SRCROOT%")]
    srcroot: SarifArtifactLocation,
}

#[derive(Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifDriver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<SarifRule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    id: &'static str,
    name: String,
    short_description: SarifText<'static>,
    default_configuration: SarifConfiguration,
    help_uri: String,
    properties: SarifRuleProperties,
}

#[derive(Serialize)]
struct SarifRuleProperties {
    /// The kebab-case rule name, as used in configuration and `switchboard explain`.
    #[serde(rename = "switchboardName")]
    switchboard_name: &'static str,
}

#[derive(Serialize)]
struct SarifConfiguration {
    level: &'static str,
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: SarifText<'a>,
    locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    properties: SarifResultProperties<'a>,
}

#[derive(Serialize)]
struct SarifResultProperties<'a> {
    /// The switchboard severity (SARIF folds `info` and `hint` into `note`).
    severity: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: SarifPhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<SarifText<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysicalLocation {
    artifact_location: SarifArtifactLocation,
    region: SarifRegion,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<SarifRegion>,
}

#[derive(Serialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<SarifText<'static>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: SarifText<'a>,
    artifact_changes: Vec<SarifArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifArtifactChange<'a> {
    artifact_location: SarifArtifactLocation,
    replacements: Vec<SarifReplacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifReplacement<'a> {
    deleted_region: SarifRegion,
    inserted_content: SarifText<'a>,
}

/// Percent-encode a path for a URI. `/` is kept; `:` only when `keep_colon` (a drive letter in
/// a `file:` URI; in a relative reference it would read as a scheme).
fn percent_encode_path(path: &str, keep_colon: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && b == b':');
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn file_uri(abs: &str) -> String {
    let encoded = percent_encode_path(abs, true);
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{encoded}")
    }
}

/// Lexically join `base` and a relative path, folding `.` and `..`.
fn lexical_join(base: &Path, rel: &Path) -> PathBuf {
    let mut out = base.to_path_buf();
    for c in rel.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn sarif_artifact(file: &SourceFile, opts: &RenderOptions) -> SarifArtifactLocation {
    let shown = display_path(file, opts);
    let shown_path = Path::new(&shown);
    let is_abs = shown_path.is_absolute() || shown.starts_with('/');
    if !is_abs && !shown.starts_with("../") && shown != ".." {
        return SarifArtifactLocation {
            uri: percent_encode_path(&shown, false),
            uri_base_id: Some(SRCROOT),
        };
    }
    let absolute = if is_abs {
        Some(shown_path.to_path_buf())
    } else {
        opts.cwd
            .as_deref()
            .filter(|c| c.is_absolute())
            .map(|cwd| lexical_join(cwd, shown_path))
    };
    match absolute {
        Some(abs) => SarifArtifactLocation {
            uri: file_uri(&slash_path(&abs)),
            uri_base_id: None,
        },
        None => SarifArtifactLocation {
            uri: percent_encode_path(&shown, false),
            uri_base_id: Some(SRCROOT),
        },
    }
}

/// Snippets longer than this many bytes are left out (the region still locates the text).
const MAX_SNIPPET: u32 = 2048;

fn sarif_region(file: &SourceFile, span: Span, with_snippet: bool) -> SarifRegion {
    let span = clamp_span(file, span);
    let (start, end) = (
        pos(file, span.start, ColumnUnit::Utf16),
        pos(file, span.end, ColumnUnit::Utf16),
    );
    let snippet = (with_snippet && span.len() <= MAX_SNIPPET).then(|| SarifText {
        text: Cow::Owned(file.slice(span).to_string()),
    });
    SarifRegion {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
        byte_offset: span.start,
        byte_length: span.len(),
        snippet,
    }
}

/// The whole lines a span touches (terminators excluded), as a SARIF context region; `None` when
/// that would not be larger than the span itself.
fn sarif_context_region(file: &SourceFile, span: Span) -> Option<SarifRegion> {
    let span = clamp_span(file, span);
    let first = file.lines.line_of(span.start);
    let last = file.lines.line_of(span.end);
    let start = file.lines.line_range(&file.text, first).start;
    let end = file.lines.line_range(&file.text, last).end.max(start);
    let context = Span::from_range(start..end);
    // SARIF requires a context region to be a proper superset of the region.
    let proper = context.start <= span.start && span.end <= context.end && context != span;
    (proper && context.len() <= MAX_SNIPPET).then(|| sarif_region(file, context, true))
}

fn sarif_physical(
    project: &ProjectOutput,
    file: FileId,
    span: Span,
    opts: &RenderOptions,
) -> Option<SarifPhysicalLocation> {
    let f = file_of(project, file)?;
    Some(SarifPhysicalLocation {
        artifact_location: sarif_artifact(f, opts),
        region: sarif_region(f, span, true),
        context_region: sarif_context_region(f, span),
    })
}

fn sarif_fix<'a>(
    project: &ProjectOutput,
    fix: &'a Fix,
    opts: &RenderOptions,
) -> Option<SarifFix<'a>> {
    let mut changes: Vec<(FileId, SarifArtifactChange<'a>)> = Vec::new();
    for edit in &fix.edits {
        let Some(f) = file_of(project, edit.file) else {
            // An edit we cannot place makes the whole fix unrepresentable.
            return None;
        };
        let replacement = SarifReplacement {
            deleted_region: sarif_region(f, edit.span, false),
            inserted_content: SarifText {
                text: Cow::Borrowed(&edit.replacement),
            },
        };
        match changes.iter_mut().find(|(id, _)| *id == edit.file) {
            Some((_, change)) => change.replacements.push(replacement),
            None => changes.push((
                edit.file,
                SarifArtifactChange {
                    artifact_location: sarif_artifact(f, opts),
                    replacements: vec![replacement],
                },
            )),
        }
    }
    if changes.is_empty() {
        return None;
    }
    Some(SarifFix {
        description: SarifText {
            text: Cow::Borrowed(&fix.title),
        },
        artifact_changes: changes.into_iter().map(|(_, c)| c).collect(),
    })
}

pub(super) fn render_sarif(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let rules = RULES
        .iter()
        .map(|r| SarifRule {
            id: r.code.as_str(),
            name: pascal_case(r.name),
            short_description: SarifText {
                text: Cow::Borrowed(r.summary),
            },
            default_configuration: SarifConfiguration {
                level: sarif_level(r.severity),
            },
            help_uri: rule_help_uri(r.code),
            properties: SarifRuleProperties {
                switchboard_name: r.name,
            },
        })
        .collect();

    let results = iter_diagnostics(projects)
        .map(|(_, project, d)| {
            let locations = sarif_physical(project, d.file, d.span, opts)
                .map(|physical_location| SarifLocation {
                    id: None,
                    physical_location,
                    message: None,
                })
                .into_iter()
                .collect();
            let related_locations = d
                .labels
                .iter()
                .filter_map(|l| Some((sarif_physical(project, l.file, l.span, opts)?, l)))
                .enumerate()
                .map(|(i, (physical_location, l))| SarifLocation {
                    id: Some(i + 1),
                    physical_location,
                    message: Some(SarifText {
                        text: Cow::Borrowed(&l.message),
                    }),
                })
                .collect();
            SarifResult {
                rule_id: d.code.as_str(),
                rule_index: d.code.index(),
                level: sarif_level(d.severity),
                message: SarifText {
                    text: Cow::Borrowed(&d.message),
                },
                locations,
                related_locations,
                fixes: d
                    .fixes
                    .iter()
                    .filter_map(|f| sarif_fix(project, f, opts))
                    .collect(),
                properties: SarifResultProperties {
                    severity: d.severity.as_str(),
                    help: d.help.as_deref(),
                    notes: &d.notes,
                },
            }
        })
        .collect();

    let original_uri_base_ids = opts.cwd.as_deref().filter(|c| c.is_absolute()).map(|cwd| {
        let mut uri = file_uri(&slash_path(cwd));
        if !uri.ends_with('/') {
            uri.push('/');
        }
        SarifBaseIds {
            srcroot: SarifArtifactLocation {
                uri,
                uri_base_id: None,
            },
        }
    });

    let log = SarifLog {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: SarifTool {
                driver: SarifDriver {
                    name: "switchboard",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: REPOSITORY_URL,
                    rules,
                },
            },
            original_uri_base_ids,
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    to_json(&log)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, pages::rule_anchor};
    use crate::report::fixtures::*;
    use crate::report::{Format, render};
    use std::sync::Arc;

    #[test]
    fn sarif_format_uses_utf16_columns_and_lists_every_rule() {
        let out = with_project(|p| render(Format::Sarif, p, &opts()));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["$schema"], SARIF_SCHEMA);
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        assert_eq!(v["runs"].as_array().map(Vec::len), Some(1));
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///work/"
        );
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "switchboard");
        let rules = driver["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), RULES.len());
        let sb201 = &rules[Code::SB201.index()];
        assert_eq!(sb201["id"], "SB201");
        assert_eq!(sb201["name"], "UnknownHandoff");
        assert_eq!(
            sb201["shortDescription"]["text"],
            Code::SB201.meta().summary
        );
        assert_eq!(sb201["defaultConfiguration"]["level"], "error");
        assert_eq!(
            sb201["helpUri"],
            format!("{REPOSITORY_URL}/blob/main/docs/rules.md#sb201-unknown-handoff").as_str()
        );
        assert_eq!(
            rules[Code::SB116.index()]["defaultConfiguration"]["level"],
            "note"
        );

        let results = run["results"].as_array().expect("results");
        assert_eq!(results.len(), 4);
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(levels, ["warning", "note", "error", "note"]);
        assert_eq!(results[1]["properties"]["severity"], "hint");
        assert_eq!(results[3]["properties"]["severity"], "info");

        let r = &results[2];
        assert_eq!(r["ruleId"], "SB201");
        assert_eq!(r["ruleIndex"], Code::SB201.index());
        assert_eq!(r["message"]["text"], "unknown handoff `billing_team`");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"],
            serde_json::json!({"uri": "agent/topics/refunds.yaml", "uriBaseId": "%SRCROOT%"})
        );
        // The emoji before the span is two UTF-16 code units but one character.
        assert_eq!(
            loc["region"],
            serde_json::json!({
                "startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 29,
                "byteOffset": 33, "byteLength": 12, "snippet": {"text": "billing_team"}
            })
        );
        assert_eq!(loc["contextRegion"]["startLine"], 2);
        assert_eq!(loc["contextRegion"]["startColumn"], 1);
        assert_eq!(loc["contextRegion"]["endColumn"], 35);
        assert_eq!(loc["contextRegion"]["byteOffset"], 10);
        assert_eq!(
            loc["contextRegion"]["snippet"]["text"],
            "  Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now"
        );
        let rel = &r["relatedLocations"][0];
        assert_eq!(rel["id"], 1);
        assert_eq!(rel["message"]["text"], "a handoff with a similar name");
        assert_eq!(
            rel["physicalLocation"]["artifactLocation"]["uri"],
            "agent/handoffs.yaml"
        );
        assert_eq!(rel["physicalLocation"]["region"]["startColumn"], 11);
        let fix = &r["fixes"][0];
        assert_eq!(fix["description"]["text"], "Replace with `billing`");
        let change = &fix["artifactChanges"][0];
        assert_eq!(
            change["artifactLocation"]["uri"],
            "agent/topics/refunds.yaml"
        );
        assert_eq!(
            change["replacements"][0]["deletedRegion"]["startColumn"],
            17
        );
        assert_eq!(
            change["replacements"][0]["insertedContent"]["text"],
            "billing"
        );
        assert_eq!(r["properties"]["help"], "did you mean `billing`?");
        assert!(results[1].get("fixes").is_none());
        assert!(results[1].get("relatedLocations").is_none());
        assert!(
            change["replacements"][0]["deletedRegion"]
                .get("snippet")
                .is_none()
        );
    }

    #[test]
    fn sarif_context_region_only_when_larger_than_the_region() {
        let f = file(0, "h.yaml", "ab\r\ncd\n");
        // Inside a line: the context is the whole line.
        let c = sarif_context_region(&f, Span::new(1, 2)).expect("context");
        assert_eq!(
            (c.byte_offset, c.byte_length, c.start_column, c.end_column),
            (0, 2, 1, 3)
        );
        // A span that is exactly its line, or that runs into the terminator, gets none.
        assert!(sarif_context_region(&f, Span::new(0, 2)).is_none());
        assert!(sarif_context_region(&f, Span::new(0, 3)).is_none());
        // Across lines: both lines, terminators between them included.
        let c = sarif_context_region(&f, Span::new(1, 5)).expect("context");
        assert_eq!(
            (c.byte_offset, c.byte_length, c.start_line, c.end_line),
            (0, 6, 1, 2)
        );
    }

    #[test]
    fn pascal_case_rule_names() {
        assert_eq!(pascal_case("unknown-handoff"), "UnknownHandoff");
        assert_eq!(pascal_case("yaml-syntax"), "YamlSyntax");
        assert_eq!(rule_anchor(Code::SB001), "sb001-yaml-syntax");
    }

    #[test]
    fn artifact_uris_relative_to_srcroot() {
        let f = |p: &str| SourceFile::new(FileId(0), PathBuf::from(p), "x".into(), Arc::from(""));
        let o = |c: Option<&str>| RenderOptions {
            color: false,
            cwd: c.map(PathBuf::from),
        };
        let art = |p: &str, c: Option<&str>| {
            let a = sarif_artifact(&f(p), &o(c));
            (a.uri, a.uri_base_id)
        };
        assert_eq!(
            art("/a/b c/ü.yaml", Some("/a")),
            ("b%20c/%C3%BC.yaml".to_string(), Some(SRCROOT))
        );
        assert_eq!(
            art("/a/b/c.yaml", Some("/a/d")),
            ("file:///a/b/c.yaml".to_string(), None)
        );
        assert_eq!(
            art("/a/b/c.yaml", None),
            ("file:///a/b/c.yaml".to_string(), None)
        );
        assert_eq!(
            art("../b/c.yaml", Some("/a/d")),
            ("file:///a/b/c.yaml".to_string(), None)
        );
        assert_eq!(
            art("x:y.yaml", None),
            ("x%3Ay.yaml".to_string(), Some(SRCROOT))
        );
    }
}
