//! The `short` format: one `path:line:col: severity[CODE] message` line per diagnostic.

use super::shared::{
    UNKNOWN_FILE, display_path, escape_controls, file_of, iter_diagnostics, range,
};
use super::{ProjectOutput, RenderOptions};
use crate::diagnostics::Diagnostic;
use crate::source::ColumnUnit;

pub(super) fn short_line(project: &ProjectOutput, d: &Diagnostic, opts: &RenderOptions) -> String {
    let (path, line, col) = match file_of(project, d.file) {
        Some(f) => {
            let (start, _) = range(f, d.span, ColumnUnit::Char);
            (display_path(f, opts), start.line, start.column)
        }
        None => (UNKNOWN_FILE.to_string(), 1, 1),
    };
    format!(
        "{}:{line}:{col}: {}[{}] {}",
        escape_controls(&path, false),
        d.severity.as_str(),
        d.code.as_str(),
        escape_controls(&d.message, false)
    )
}

pub(super) fn render_short(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let mut out = String::new();
    for (_, project, d) in iter_diagnostics(projects) {
        out.push_str(&short_line(project, d, opts));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::report::fixtures::*;
    use crate::report::{Format, render};

    #[test]
    fn short_format_uses_character_columns() {
        let out = with_project(|p| render(Format::Short, p, &opts()));
        assert_eq!(
            out,
            "agent/handoffs.yaml:5:7: warning[SB111] SIP header `Agent-Id` is not custom\n\
             agent/handoffs.yaml:2:11: hint[SB116] handoff `billing` is never used\n\
             agent/topics/refunds.yaml:2:16: error[SB201] unknown handoff `billing_team`\n\
             agent/topics/refunds.yaml:2:31: info[SB120] route set while the integration routes by carrier\n"
        );
    }
}
