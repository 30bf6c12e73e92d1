//! The controls checks that span files (SB439: a phrase filter's function must be a function
//! of `functions/`; SB449: `conv.api.<integration>.<operation>` in code must name an API
//! integration and one of its operations). The checks of one controls file, and of a function's latency control, are
//! made by the builders as they read the file; the rules of this family are declared in
//! `rules.rs` beside this file (a module of the registry).

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FunctionScope, Project};

/// The checks across files.
pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    api_calls(p, out);
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

/// SB449: `conv.api.x.y` naming no API integration, or no operation of it; checked only when
/// the project has `config/api_integrations.yaml`.
fn api_calls(p: &Project, out: &mut Vec<Diagnostic>) {
    if !p
        .files
        .iter()
        .any(|f| f.rel == "config/api_integrations.yaml")
    {
        return;
    }
    let apis = &p.controls.api_integrations;
    for f in &p.functions {
        for call in &f.facts.api_calls {
            let Some(api) = apis.iter().find(|a| a.name == call.integration) else {
                let mut d = Diagnostic::new(
                    Code::SB449,
                    f.file,
                    call.span,
                    format!(
                        "`conv.api.{}`: no API integration is named `{}`",
                        call.integration, call.integration
                    ),
                );
                if let Some(s) = crate::text::did_you_mean(
                    &call.integration,
                    apis.iter().map(|a| a.name.as_str()),
                ) {
                    d = d.help(format!("did you mean `{s}`?")).replace_fix(
                        format!("rename to `{s}`"),
                        call.span,
                        s,
                        false,
                    );
                } else {
                    d = d.note("the integrations are declared in `config/api_integrations.yaml`");
                }
                out.push(d);
                continue;
            };
            let Some((op, span)) = &call.operation else {
                continue;
            };
            if api.operations.iter().any(|o| &o.name == op) {
                continue;
            }
            let mut d = Diagnostic::new(
                Code::SB449,
                f.file,
                *span,
                format!("API integration `{}` has no operation `{op}`", api.name),
            )
            .label(api.file, api.name_span, "integration defined here");
            if let Some(s) =
                crate::text::did_you_mean(op, api.operations.iter().map(|o| o.name.as_str()))
            {
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
}
