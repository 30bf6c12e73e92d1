//! The controls checks that span files (SB439: a phrase filter's function must be a function
//! of `functions/`). The checks of one controls file, and of a function's latency control, are
//! made by the builders as they read the file; the rules of this family are declared in
//! `rules.rs` beside this file (a module of the registry).

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FunctionScope, Project};

/// The checks across files.
pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    for f in &p.controls.phrase_filters {
        let Some((name, span)) = &f.function else {
            continue;
        };
        // The ADK accepts a function of `functions/` (lifecycle hooks included), not a flow's.
        let known = |n: &str| {
            p.functions.iter().any(|g| {
                g.name == n && matches!(g.scope, FunctionScope::Global | FunctionScope::Lifecycle)
            })
        };
        if known(name) {
            continue;
        }
        let candidates = p
            .functions
            .iter()
            .filter(|g| g.scope == FunctionScope::Global)
            .map(|g| g.name.as_str());
        let suggestion = crate::text::did_you_mean(name, candidates);
        let in_flow = p.functions.iter().any(|g| &g.name == name);
        let mut d = Diagnostic::new(
            Code::SB439,
            f.file,
            *span,
            if in_flow {
                format!(
                    "phrase filter `{}` calls `{name}`, a flow's function: a phrase filter can only call a function of `functions/`",
                    f.name
                )
            } else {
                format!(
                    "phrase filter `{}` calls `{name}`, which is not a function of `functions/`",
                    f.name
                )
            },
        );
        if let Some(s) = suggestion {
            d = d.help(format!("did you mean `{s}`?")).replace_fix(
                format!("rename to `{s}`"),
                *span,
                s,
                false,
            );
        }
        out.push(d);
    }
}
