//! The `human` format: codespan-reporting snippets with labels, `help:`/`note:` lines and fix
//! hints, then a summary line.

use std::borrow::Cow;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term;
use codespan_reporting::term::termcolor::{Buffer, ColorSpec, WriteColor};

use super::shared::{
    clamp_span, display_path, escape_controls, file_of, fix_hint, is_bidi_control,
    iter_diagnostics, slash_path,
};
use super::short::short_line;
use super::{ProjectOutput, RenderOptions, summary};
use crate::diagnostics::{Label, Severity};
use crate::source::{FileId, LineIndex, Span};

/// Source text as shown in snippets: the same bytes, except that control characters and
/// bidirectional overrides are replaced by printable characters of the same UTF-8 length, so byte
/// offsets and character columns are unchanged.
fn printable_source(text: &str) -> Cow<'_, str> {
    let bad = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c);
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if !bad(c) {
                    c
                } else {
                    match c.len_utf8() {
                        1 => '?',
                        2 => '\u{00BF}',
                        _ => '\u{FFFD}',
                    }
                }
            })
            .collect(),
    )
}

/// codespan's view of every file of every project, keyed by (project index, file id).
struct CodespanFiles<'a> {
    names: Vec<Vec<String>>,
    sources: Vec<Vec<Cow<'a, str>>>,
    lines: Vec<Vec<&'a LineIndex>>,
}

impl<'a> CodespanFiles<'a> {
    fn new(projects: &[ProjectOutput<'a>], opts: &RenderOptions) -> CodespanFiles<'a> {
        CodespanFiles {
            names: projects
                .iter()
                .map(|p| p.files.iter().map(|f| display_path(f, opts)).collect())
                .collect(),
            // Only files a diagnostic shows are ever rendered: scan just those.
            sources: projects
                .iter()
                .map(|p| {
                    let mut shown = vec![false; p.files.len()];
                    for d in p.diagnostics {
                        for id in std::iter::once(d.file).chain(d.labels.iter().map(|l| l.file)) {
                            if let Some(s) = shown.get_mut(id.0 as usize) {
                                *s = true;
                            }
                        }
                    }
                    p.files
                        .iter()
                        .zip(shown)
                        .map(|(f, shown)| {
                            if shown {
                                printable_source(&f.text)
                            } else {
                                Cow::Borrowed(&*f.text)
                            }
                        })
                        .collect()
                })
                .collect(),
            lines: projects
                .iter()
                .map(|p| p.files.iter().map(|f| &f.lines).collect())
                .collect(),
        }
    }

    fn get(&self, id: (usize, u32)) -> Option<(&str, &LineIndex)> {
        let src = self.sources.get(id.0)?.get(id.1 as usize)?;
        let lines = self.lines.get(id.0)?.get(id.1 as usize)?;
        Some((src, lines))
    }
}

impl<'f> Files<'f> for CodespanFiles<'_> {
    type FileId = (usize, u32);
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: Self::FileId) -> Result<&'f str, FilesError> {
        self.names
            .get(id.0)
            .and_then(|p| p.get(id.1 as usize))
            .map(String::as_str)
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'f self, id: Self::FileId) -> Result<&'f str, FilesError> {
        self.get(id).map(|(s, _)| s).ok_or(FilesError::FileMissing)
    }

    fn line_index(&'f self, id: Self::FileId, byte_index: usize) -> Result<usize, FilesError> {
        let (text, lines) = self.get(id).ok_or(FilesError::FileMissing)?;
        let offset = LineIndex::clamp(text, u32::try_from(byte_index).unwrap_or(u32::MAX));
        Ok(lines.line_of(offset) as usize)
    }

    /// The byte range of a line, terminator included (codespan trims it when printing).
    fn line_range(
        &'f self,
        id: Self::FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        let (text, lines) = self.get(id).ok_or(FilesError::FileMissing)?;
        let count = lines.line_count() as usize;
        if line_index >= count {
            return Err(FilesError::LineTooLarge {
                given: line_index,
                max: count.saturating_sub(1),
            });
        }
        let start = lines.line_start(line_index as u32) as usize;
        let end = if line_index + 1 < count {
            lines.line_start(line_index as u32 + 1) as usize
        } else {
            text.len()
        };
        Ok(start..end.max(start))
    }
}

fn codespan_severity(s: Severity) -> cs::Severity {
    match s {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
        Severity::Hint => cs::Severity::Help,
    }
}

fn codespan_label(
    project: &ProjectOutput,
    pi: usize,
    file: FileId,
    span: Span,
    style: cs::LabelStyle,
    message: &str,
) -> Option<cs::Label<(usize, u32)>> {
    let f = file_of(project, file)?;
    let span = clamp_span(f, span);
    Some(
        cs::Label::new(style, (pi, file.0), span.range())
            .with_message(escape_controls(message, true)),
    )
}

pub(super) fn render_human(projects: &[ProjectOutput], opts: &RenderOptions) -> String {
    render_human_with(projects, opts, Some(&summary(projects).sentence()))
}

/// [`render_human`] closed by `closing` (in bold) instead of the counts' sentence, or by nothing.
pub(super) fn render_human_with(
    projects: &[ProjectOutput],
    opts: &RenderOptions,
    closing: Option<&str>,
) -> String {
    let files = CodespanFiles::new(projects, opts);
    let config = term::Config::default();
    let mut buf = if opts.color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };

    for (pi, project, d) in iter_diagnostics(projects) {
        let mut labels = Vec::new();
        labels.extend(codespan_label(
            project,
            pi,
            d.file,
            d.span,
            cs::LabelStyle::Primary,
            "",
        ));
        for Label {
            file,
            span,
            message,
        } in &d.labels
        {
            labels.extend(codespan_label(
                project,
                pi,
                *file,
                *span,
                cs::LabelStyle::Secondary,
                message,
            ));
        }
        let mut notes = Vec::new();
        if file_of(project, d.file).is_none() {
            notes.push(format!(
                "note: reported in a file that is not part of `{}`",
                slash_path(project.root)
            ));
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {}", escape_controls(help, true)));
        }
        for note in &d.notes {
            notes.push(format!("note: {}", escape_controls(note, true)));
        }
        for fix in &d.fixes {
            notes.push(escape_controls(&fix_hint(fix), true).into_owned());
        }
        let diag = cs::Diagnostic::new(codespan_severity(d.severity))
            .with_code(format!("{}/{}", d.code.as_str(), d.code.name()))
            .with_message(escape_controls(&d.message, true))
            .with_labels(labels)
            .with_notes(notes);
        let mut one = if opts.color {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        if term::emit_to_write_style(&mut one, &config, &files, &diag).is_ok() {
            buf_write(&mut buf, one.as_slice());
        } else {
            // Only reachable if a file changed under us; keep the finding visible anyway.
            let mut line = short_line(project, d, opts);
            line.push('\n');
            buf_write(&mut buf, line.as_bytes());
        }
    }

    if let Some(closing) = closing {
        let spec = ColorSpec::new().set_bold(true).clone();
        let _ = buf.set_color(&spec);
        buf_write(&mut buf, closing.as_bytes());
        let _ = buf.reset();
        buf_write(&mut buf, b"\n");
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

fn buf_write(buf: &mut Buffer, bytes: &[u8]) {
    use std::io::Write as _;
    // Writing into an in-memory buffer cannot fail.
    let _ = buf.write_all(bytes);
}

#[cfg(test)]
mod tests {
    use crate::report::fixtures::*;
    use crate::report::{Format, RenderOptions, render};

    #[test]
    fn human_format() {
        let out = with_project(|p| render(Format::Human, p, &opts()));
        let expected = "\
warning[SB111/non-custom-sip-header]: SIP header `Agent-Id` is not custom
  ┌─ agent/handoffs.yaml:5:7
  │
5 │       Agent-Id: x
  │       ^^^^^^^^
  │
  = help: custom headers start with `X-`
  = fix available (unsafe): Rename to `X-Agent-Id`

help[SB116/unused-handoff]: handoff `billing` is never used
  ┌─ agent/handoffs.yaml:2:11
  │
2 │   - name: billing
  │           ^^^^^^^

error[SB201/unknown-handoff]: unknown handoff `billing_team`
  ┌─ agent/topics/refunds.yaml:2:16
  │
2 │   Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now
  │                   ^^^^^^^^^^^^
  │
  ┌─ agent/handoffs.yaml:2:11
  │
2 │   - name: billing
  │           ------- a handoff with a similar name
  │
  = help: did you mean `billing`?
  = note: handoffs are defined in handoffs.yaml
  = fix available: Replace with `billing`

note[SB120/integration-route-ignored]: route set while the integration routes by carrier
  ┌─ agent/topics/refunds.yaml:2:31
  │
2 │   Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now
  │                                  ^^^

Found 1 error, 1 warning, 1 info, 1 hint in 2 files.
";
        assert_eq!(out, expected, "\n{out}");
        assert!(!out.contains('\u{1b}'));
        let colored = with_project(|p| {
            render(
                Format::Human,
                p,
                &RenderOptions {
                    color: true,
                    ..opts()
                },
            )
        });
        assert!(colored.contains("\u{1b}["), "{colored}");
        assert!(colored.contains("SB201/unknown-handoff"));
    }
}
