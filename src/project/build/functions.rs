//! Building functions: a Python file's function (flow transition, function step, lifecycle hook
//! or global), its model strings and its first direct transfer.

use super::{Builder, first_line};
use crate::model::{FieldKind, Function, FunctionScope, Owner};
use crate::project::kind::stem;
use crate::syntax::python::PyFacts;

impl Builder<'_> {
    /// A function of `functions/`: `start_function` and `end_function` are the lifecycle hooks,
    /// the others are global.
    pub(super) fn global_function(&mut self, facts: PyFacts) {
        let stem = stem(&self.p.files[0].rel);
        let scope = if stem == "start_function" || stem == "end_function" {
            FunctionScope::Lifecycle
        } else {
            FunctionScope::Global
        };
        self.function(scope, facts);
    }

    pub(super) fn function(&mut self, scope: FunctionScope, mut facts: PyFacts) {
        let name = stem(&self.p.files[0].rel).to_string();
        let idx = self.p.functions.len();
        // The strings live on as text fields; the facts keep no second copy.
        let strings = std::mem::take(&mut facts.model_strings);
        facts.shrink_to_fit();
        for s in &strings {
            self.text(
                &s.value,
                &s.map,
                s.span,
                FieldKind::PythonString,
                Owner::Function(idx),
            );
        }
        let text = &self.p.files[0].text;
        // The first direct transfer, in this order of shapes.
        let transfer = [
            (facts.call_handoffs.first()).map(|c| (c.span, "conv.call_handoff(...)")),
            (facts.return_transfers.first()).map(|r| (r.span, "a returned handoff")),
            (facts.transfer_calls.first()).map(|t| (t.span, "transfer_call")),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|(span, how)| (first_line(text, span), how));
        self.p.functions.push(Function {
            file: self.file,
            name,
            scope,
            facts,
            transfer,
        });
    }
}
