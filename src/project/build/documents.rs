//! Context documents (`context/<name>.md`): the ADK sends them as written, and refuses the
//! platform context file spelled in another case (SB407).

use super::Builder;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Span;

/// The one file name the ADK takes as the platform context document (polyai-adk 0.73.2,
/// `resources/documents.py` `PLATFORM_CONTEXT_FILE`).
const PLATFORM_CONTEXT_FILE: &str = "CONTEXT.MD";

impl Builder<'_> {
    /// SB407: `context/Context.md` and the like. The ADK compares the upper-cased name with
    /// `CONTEXT.MD` and then the name itself (`Document.validate`).
    pub(super) fn context_document(&mut self) {
        let rel = &self.p.files[0].rel;
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if name.to_uppercase() != PLATFORM_CONTEXT_FILE || name == PLATFORM_CONTEXT_FILE {
            return;
        }
        let d = Diagnostic::new(
            Code::SB407,
            self.file,
            Span::new(0, 0),
            format!("the platform context file must be named `{PLATFORM_CONTEXT_FILE}` exactly, not `{name}`"),
        )
        .help(format!("rename the file to `context/{PLATFORM_CONTEXT_FILE}`"));
        self.diag(d);
    }
}
