//! The sample project the output formats' unit tests render: two files, four findings (one of
//! each severity) with labels, help, notes and fixes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ProjectOutput, RenderOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceFile, Span};

pub(super) const HANDOFFS: &str =
    "handoffs:\n  - name: billing\n    method: invite\n    headers:\n      Agent-Id: x\n";
pub(super) const TOPIC: &str =
    "prompt: |\n  Hi \u{1F600}\u{A0}\u{9000}\u{6B3E} {{ho:billing_team}} now\n";

pub(super) fn file(id: u32, rel: &str, text: &str) -> SourceFile {
    SourceFile::new(
        FileId(id),
        PathBuf::from("/work/agent").join(rel),
        rel.to_string(),
        Arc::from(text),
    )
}

pub(super) fn files() -> Vec<SourceFile> {
    vec![
        file(0, "handoffs.yaml", HANDOFFS),
        file(1, "topics/refunds.yaml", TOPIC),
    ]
}

pub(super) fn at(text: &str, needle: &str) -> Span {
    let start = text.find(needle).expect("needle") as u32;
    Span::new(start, start + needle.len() as u32)
}

pub(super) fn diagnostics() -> Vec<Diagnostic> {
    let name = at(TOPIC, "billing_team");
    vec![
        Diagnostic::new(
            Code::SB111,
            FileId(0),
            at(HANDOFFS, "Agent-Id"),
            "SIP header `Agent-Id` is not custom",
        )
        .help("custom headers start with `X-`")
        .replace_fix(
            "Rename to `X-Agent-Id`",
            at(HANDOFFS, "Agent-Id"),
            "X-Agent-Id",
            false,
        ),
        Diagnostic::new(
            Code::SB116,
            FileId(0),
            at(HANDOFFS, "billing"),
            "handoff `billing` is never used",
        ),
        Diagnostic::new(
            Code::SB201,
            FileId(1),
            name,
            "unknown handoff `billing_team`",
        )
        .label(
            FileId(0),
            at(HANDOFFS, "billing"),
            "a handoff with a similar name",
        )
        .help("did you mean `billing`?")
        .note("handoffs are defined in handoffs.yaml")
        .replace_fix("Replace with `billing`", name, "billing", true),
        Diagnostic::new(
            Code::SB120,
            FileId(1),
            at(TOPIC, "now"),
            "route set while the integration routes by carrier",
        ),
    ]
}

pub(super) fn opts() -> RenderOptions {
    RenderOptions {
        color: false,
        cwd: Some(PathBuf::from("/work")),
    }
}

pub(super) fn with_project<R>(f: impl FnOnce(&[ProjectOutput]) -> R) -> R {
    let files = files();
    let diags = diagnostics();
    let projects = [ProjectOutput {
        root: Path::new("/work/agent"),
        files: &files,
        diagnostics: &diags,
    }];
    f(&projects)
}
