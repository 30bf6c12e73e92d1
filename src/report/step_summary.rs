//! The Markdown summary that `check --format github` appends to `$GITHUB_STEP_SUMMARY`: the
//! summary sentence, then for each project a table of its findings counted per rule and severity.

use std::fmt::Write as _;

use super::shared::display_dir;
use super::{ProjectOutput, RenderOptions};
use crate::diagnostics::{Code, Severity};

/// Markdown text with the characters that would start markup escaped.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The step summary of one run: `sentence` (the run's summary line), then one section per
/// project. Ends with a blank line, so that summaries appended one after another stay apart.
pub fn step_summary(projects: &[ProjectOutput], opts: &RenderOptions, sentence: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## switchboard check\n");
    let _ = writeln!(out, "{}\n", escape_markdown(sentence));
    for p in projects {
        let _ = writeln!(out, "### {}\n", escape_markdown(&display_dir(p.root, opts)));
        let mut rows: Vec<(Severity, Code, usize)> = Vec::new();
        for d in p.diagnostics {
            match rows
                .iter_mut()
                .find(|(s, c, _)| *s == d.severity && *c == d.code)
            {
                Some((_, _, n)) => *n += 1,
                None => rows.push((d.severity, d.code, 1)),
            }
        }
        if rows.is_empty() {
            let _ = writeln!(
                out,
                "No problems found in {} file{}.\n",
                p.files.len(),
                if p.files.len() == 1 { "" } else { "s" }
            );
            continue;
        }
        rows.sort();
        out.push_str("| rule | severity | count |\n| --- | --- | ---: |\n");
        for (severity, code, n) in rows {
            let _ = writeln!(
                out,
                "| {} {} | {} | {n} |",
                code.as_str(),
                code.name(),
                severity.as_str()
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::*;
    use std::path::Path;

    #[test]
    fn one_table_per_project() {
        let text = with_project(|p| step_summary(p, &opts(), "Found 4 problems."));
        assert_eq!(
            text,
            "## switchboard check\n\nFound 4 problems.\n\n### agent\n\n\
             | rule | severity | count |\n| --- | --- | ---: |\n\
             | SB201 unknown-handoff | error | 1 |\n\
             | SB111 non-custom-sip-header | warning | 1 |\n\
             | SB120 integration-route-ignored | info | 1 |\n\
             | SB116 unused-handoff | hint | 1 |\n\n"
        );
        let f = files();
        let clean = [ProjectOutput {
            root: Path::new("/work/a_b|c"),
            files: &f,
            diagnostics: &[],
        }];
        assert_eq!(
            step_summary(&clean, &opts(), "No problems found in 2 files."),
            "## switchboard check\n\nNo problems found in 2 files.\n\n### a\\_b\\|c\n\nNo problems found in 2 files.\n\n"
        );
    }
}
