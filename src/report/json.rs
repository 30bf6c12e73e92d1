//! The `json` format: a versioned document of every diagnostic and a summary (layout in the
//! [module docs](super)); its `diagnostics` array is also embedded in the compile bundle.

use serde::Serialize;

use super::shared::{Pos, UNKNOWN_FILE, display_path, file_of, iter_diagnostics, range, to_json};
use super::{Counts, ProjectOutput, RenderOptions, summary};
use crate::source::{ColumnUnit, FileId, Span};

/// Version of the JSON document layout.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: JsonTool,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: JsonSummary,
}

/// The counts, and after `check --fix` how many findings the fixes removed.
#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    files: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<usize>,
}

#[derive(Serialize)]
struct JsonTool {
    name: &'static str,
    version: &'static str,
}

/// One diagnostic of the JSON format.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    file: String,
    range: JsonRange,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    notes: &'a [String],
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRange {
    start: Pos,
    end: Pos,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: String,
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: String,
    range: JsonRange,
    replacement: &'a str,
}

fn json_location(
    project: &ProjectOutput,
    file: FileId,
    span: Span,
    opts: &RenderOptions,
) -> (String, JsonRange) {
    match file_of(project, file) {
        Some(f) => {
            let (start, end) = range(f, span, ColumnUnit::Char);
            (display_path(f, opts), JsonRange { start, end })
        }
        None => {
            let p = Pos {
                line: 1,
                column: 1,
                offset: 0,
            };
            (UNKNOWN_FILE.to_string(), JsonRange { start: p, end: p })
        }
    }
}

/// The `diagnostics` array of the JSON format, for every project in order (also embedded in the
/// compile bundle).
pub fn json_diagnostics<'a>(
    projects: &[ProjectOutput<'a>],
    opts: &RenderOptions,
) -> Vec<JsonDiagnostic<'a>> {
    iter_diagnostics(projects)
        .map(|(_, project, d)| {
            let (file, range) = json_location(project, d.file, d.span, opts);
            JsonDiagnostic {
                code: d.code.as_str(),
                name: d.code.name(),
                severity: d.severity.as_str(),
                message: &d.message,
                file,
                range,
                labels: d
                    .labels
                    .iter()
                    .map(|l| {
                        let (file, range) = json_location(project, l.file, l.span, opts);
                        JsonLabel {
                            file,
                            range,
                            message: &l.message,
                        }
                    })
                    .collect(),
                help: d.help.as_deref(),
                notes: &d.notes,
                fixes: d
                    .fixes
                    .iter()
                    .map(|fix| JsonFix {
                        title: &fix.title,
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (file, range) = json_location(project, e.file, e.span, opts);
                                JsonEdit {
                                    file,
                                    range,
                                    replacement: &e.replacement,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

pub(super) fn render_json(
    projects: &[ProjectOutput],
    opts: &RenderOptions,
    fixed: Option<usize>,
) -> String {
    let diagnostics = json_diagnostics(projects, opts);
    let Counts {
        errors,
        warnings,
        infos,
        hints,
        files,
    } = summary(projects);
    let report = JsonReport {
        version: JSON_VERSION,
        tool: JsonTool {
            name: "switchboard",
            version: env!("CARGO_PKG_VERSION"),
        },
        diagnostics,
        summary: JsonSummary {
            errors,
            warnings,
            infos,
            hints,
            files,
            fixed,
        },
    };
    to_json(&report)
}

#[cfg(test)]
mod tests {
    use crate::report::fixtures::*;
    use crate::report::{Format, render};
    use crate::source::Span;

    #[test]
    fn json_format_positions_and_shape() {
        let out = with_project(|p| render(Format::Json, p, &opts()));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(v["version"], 1);
        assert_eq!(v["tool"]["name"], "switchboard");
        assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(
            v["summary"],
            serde_json::json!({"errors": 1, "warnings": 1, "infos": 1, "hints": 1, "files": 2})
        );
        let d = &v["diagnostics"][2];
        assert_eq!(d["code"], "SB201");
        assert_eq!(d["name"], "unknown-handoff");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["message"], "unknown handoff `billing_team`");
        assert_eq!(d["file"], "agent/topics/refunds.yaml");
        let name = at(TOPIC, "billing_team");
        assert_eq!(name, Span::new(33, 45));
        assert_eq!(
            d["range"],
            serde_json::json!({"start": {"line": 2, "column": 16, "offset": 33}, "end": {"line": 2, "column": 28, "offset": 45}})
        );
        assert_eq!(d["labels"][0]["file"], "agent/handoffs.yaml");
        assert_eq!(d["labels"][0]["message"], "a handoff with a similar name");
        assert_eq!(
            d["labels"][0]["range"]["start"],
            serde_json::json!({"line": 2, "column": 11, "offset": 20})
        );
        assert_eq!(d["help"], "did you mean `billing`?");
        assert_eq!(
            d["notes"],
            serde_json::json!(["handoffs are defined in handoffs.yaml"])
        );
        assert_eq!(d["fixes"][0]["title"], "Replace with `billing`");
        assert_eq!(d["fixes"][0]["safe"], true);
        assert_eq!(d["fixes"][0]["edits"][0]["replacement"], "billing");
        assert_eq!(d["fixes"][0]["edits"][0]["range"]["end"]["offset"], 45);
        assert_eq!(v["diagnostics"][1]["help"], serde_json::Value::Null);
        assert_eq!(v["diagnostics"][1]["fixes"], serde_json::json!([]));
        // Keys come out in a fixed, documented order.
        let keys = ["\"version\"", "\"tool\"", "\"diagnostics\"", "\"summary\""];
        let idx: Vec<usize> = keys.iter().map(|k| out.find(k).expect("key")).collect();
        assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
        let first = &out[out.find("\"code\"").expect("code")..];
        let order = [
            "\"code\"",
            "\"name\"",
            "\"severity\"",
            "\"message\"",
            "\"file\"",
            "\"range\"",
            "\"labels\"",
            "\"help\"",
            "\"notes\"",
            "\"fixes\"",
        ];
        let idx: Vec<usize> = order.iter().map(|k| first.find(k).expect("key")).collect();
        assert!(idx.windows(2).all(|w| w[0] < w[1]), "{idx:?}");
    }
}
