//! Building `agent_settings/experimental_config.json`: its value checked against the ADK's
//! schema (SB484, through `json_schema.rs`). The file means nothing else to the model.

use super::Builder;
use super::json_schema::validate;
use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::json::Json;

impl Builder<'_> {
    pub(super) fn experimental_config(&mut self, doc: &Json) {
        for m in validate(doc) {
            let d = Diagnostic::new(Code::SB484, self.file, m.span, m.message)
                .note("checked against the schema polyai-adk 0.73.2 ships (`experimental_config_schema.yaml`)");
            self.diag(d);
        }
    }
}
