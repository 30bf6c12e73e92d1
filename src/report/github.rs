//! The `github` format: GitHub Actions workflow commands (`::error file=…::path:line:col: CODE
//! message`; info and hint are `::notice`), with help, notes, labels and fixes as extra message
//! lines.

use std::fmt::Write as _;

use super::shared::{display_path, file_of, fix_hint, iter_diagnostics, range};
use super::{ProjectOutput, RenderOptions};
use crate::diagnostics::Severity;
use crate::source::ColumnUnit;

/// Escape the message part of a workflow command.
fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn gh_escape_property(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn gh_command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

pub(super) fn render_github(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    let mut out = String::new();
    for (_, project, d) in iter_diagnostics(projects) {
        let mut props = Vec::new();
        if let Some(f) = file_of(project, d.file) {
            let (start, end) = range(f, d.span, ColumnUnit::Char);
            props.push(format!(
                "file={}",
                gh_escape_property(&display_path(f, opts))
            ));
            props.push(format!("line={}", start.line));
            props.push(format!("endLine={}", end.line));
            // Annotations carry columns only for single-line ranges.
            if start.line == end.line {
                props.push(format!("col={}", start.column));
                props.push(format!("endColumn={}", end.column));
            }
        }
        props.push(format!(
            "title={}",
            gh_escape_property(&format!("{} {}", d.code.as_str(), d.code.name()))
        ));

        // The log shows the message alone (and only the first annotations of a step become
        // annotations at all), so it starts with the place and the rule.
        let mut message = match file_of(project, d.file) {
            Some(f) => {
                let (start, _) = range(f, d.span, ColumnUnit::Char);
                format!(
                    "{}:{}:{}: {} {}",
                    display_path(f, opts),
                    start.line,
                    start.column,
                    d.code.as_str(),
                    d.message
                )
            }
            None => format!("{} {}", d.code.as_str(), d.message),
        };
        if let Some(help) = &d.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        for note in &d.notes {
            let _ = write!(message, "\nnote: {note}");
        }
        for l in &d.labels {
            match file_of(project, l.file) {
                Some(f) => {
                    let (start, _) = range(f, l.span, ColumnUnit::Char);
                    let _ = write!(
                        message,
                        "\nnote: {}:{}:{}: {}",
                        display_path(f, opts),
                        start.line,
                        start.column,
                        l.message
                    );
                }
                None => {
                    let _ = write!(message, "\nnote: {}", l.message);
                }
            }
        }
        for fix in &d.fixes {
            let _ = write!(message, "\n{}", fix_hint(fix));
        }
        let _ = writeln!(
            out,
            "::{} {}::{}",
            gh_command(d.severity),
            props.join(","),
            gh_escape_data(&message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};
    use crate::report::fixtures::*;
    use crate::report::{Format, render};
    use crate::source::{FileId, SourceFile, Span};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    #[test]
    fn github_format_and_escaping() {
        let out = with_project(|p| render(Format::Github, p, &opts()));
        assert_eq!(
            out,
            "::warning file=agent/handoffs.yaml,line=5,endLine=5,col=7,endColumn=15,title=SB111 non-custom-sip-header::\
             agent/handoffs.yaml:5:7: SB111 SIP header `Agent-Id` is not custom%0Ahelp: custom headers start with `X-`%0Afix available (unsafe): Rename to `X-Agent-Id`\n\
             ::notice file=agent/handoffs.yaml,line=2,endLine=2,col=11,endColumn=18,title=SB116 unused-handoff::agent/handoffs.yaml:2:11: SB116 handoff `billing` is never used\n\
             ::error file=agent/topics/refunds.yaml,line=2,endLine=2,col=16,endColumn=28,title=SB201 unknown-handoff::\
             agent/topics/refunds.yaml:2:16: SB201 unknown handoff `billing_team`%0Ahelp: did you mean `billing`?%0Anote: handoffs are defined in handoffs.yaml\
             %0Anote: agent/handoffs.yaml:2:11: a handoff with a similar name%0Afix available: Replace with `billing`\n\
             ::notice file=agent/topics/refunds.yaml,line=2,endLine=2,col=31,endColumn=34,title=SB120 integration-route-ignored::\
             agent/topics/refunds.yaml:2:31: SB120 route set while the integration routes by carrier\n"
        );
        assert_eq!(gh_escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(gh_escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn github_escapes_paths_and_drops_columns_on_multiline_ranges() {
        let f = vec![SourceFile::new(
            FileId(0),
            PathBuf::from("odd,na:me%.yaml"),
            "odd,na:me%.yaml".into(),
            Arc::from("a: 1\nb: 2\n"),
        )];
        let d = vec![Diagnostic::new(
            Code::SB001,
            FileId(0),
            Span::new(0, 8),
            "bad\nthing: 100%",
        )];
        let p = [ProjectOutput {
            root: Path::new("."),
            files: &f,
            diagnostics: &d,
        }];
        let out = render(Format::Github, &p, &RenderOptions::default());
        assert_eq!(
            out,
            "::error file=odd%2Cna%3Ame%25.yaml,line=1,endLine=2,title=SB001 yaml-syntax::odd,na:me%25.yaml:1:1: SB001 bad%0Athing: 100%25\n"
        );
    }
}
