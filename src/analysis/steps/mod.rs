//! SB418–SB429: the values of steps and functions that the official ADK checks as it reads them.
//! The rules are declared, with their documentation, in `rules.rs` (beside this file, a module of
//! the registry). Their checks need values the model does not keep, so the builders make them as
//! they read each file:
//!
//! * step names, prompts (SB418, SB419) and flow descriptions (SB420): `project/build/flows.rs`;
//! * a step's settings sections, `dtmf_config`, `asr_biasing`, `asr`, `vad`, `barge_in`, `llm`
//!   (SB421 negative DTMF values, SB422 VAD values, SB423 reasoning effort; their key sets and
//!   types are SB015, SB004 and SB013): `project/build/step_settings.rs`;
//! * function files: ADK decorators left in the code (SB424) and the `def` header (SB426):
//!   `project/build/functions.rs`.
//!
//! One check spans files and is made here: SB425, a flow folder without `flow_config.yaml`.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FunctionScope, Project};
use crate::source::Span;

/// SB425: the ADK finds a step's or a transition function's flow by its folder's
/// `flow_config.yaml`; without one, it rejects each of them ("Flow ID cannot be empty.",
/// "Can't find flow_id for transition function."). A config that exists but cannot be read is
/// the reading rules' finding, not this one.
pub fn missing_flow_config(p: &Project, out: &mut Vec<Diagnostic>) {
    for (i, flow) in p.flows.iter().enumerate() {
        let config = format!("flows/{}/flow_config.yaml", flow.dir);
        if flow.config.is_some() || p.files.iter().any(|f| f.rel == config) {
            continue;
        }
        let steps = flow.steps.iter().map(|s| (s.file, "step"));
        let functions = p
            .functions
            .iter()
            .filter(|f| f.scope == FunctionScope::Transition(i))
            .map(|f| (f.file, "transition function"));
        for (file, what) in steps.chain(functions) {
            out.push(
                Diagnostic::new(
                    Code::SB425,
                    file,
                    Span::new(0, 0),
                    format!(
                        "flow folder `{}` has no `flow_config.yaml`: the ADK cannot tell which flow this {what} belongs to",
                        flow.dir
                    ),
                )
                .help(format!(
                    "add `{config}` with the flow's `name`, `description` and `start_step`"
                )),
            );
        }
    }
}
