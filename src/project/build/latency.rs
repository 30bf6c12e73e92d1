//! Building a function's latency control: `@func_latency_control(...)` on its `def`, read as the
//! ADK reads it, its delay messages scanned as text fields (`FieldKind::DelayMessage`), and the
//! checks the ADK makes of it (SB434–SB436).
//!
//! polyai-adk 0.73.2 (`Function._extract_decorators`, `_parse_latency_control_decorator`,
//! `Function.validate`): only a call whose callee is a plain name is read, only its keyword
//! arguments, each only when its value is an `ast.Constant` (`delay_responses` only when it is a
//! list, each of its items only when it is a 2-tuple, a message that is no constant reading as
//! `""`); the last such decorator wins. Then, the decorator present, both delays must be
//! between 0 and 10, `delay_responses` must not be empty and no message may be.

use super::Builder;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{DelayMessage, FieldKind, LatencyControl, Owner};
use crate::syntax::python::{Decorator, LitKind, PyFacts, PyLit};

impl Builder<'_> {
    /// The latency control of function `idx` (named `name`), from its `def`'s decorators.
    pub(super) fn latency_control(
        &mut self,
        idx: usize,
        name: &str,
        facts: &PyFacts,
    ) -> Option<Box<LatencyControl>> {
        // The ADK's target is the first `def` of that name (`ast.walk`: the module's own first).
        let target = facts
            .functions
            .iter()
            .find(|f| f.top_level && f.name == name)
            .or_else(|| facts.functions.iter().find(|f| f.name == name))?;
        let d = target
            .decorators
            .iter()
            .rfind(|d| d.named_call && d.name == "func_latency_control")?;
        Some(Box::new(self.read_latency(idx, d)))
    }

    fn read_latency(&mut self, idx: usize, d: &Decorator) -> LatencyControl {
        let mut lc = LatencyControl {
            span: d.span,
            initial_delay: 0.0,
            interval: 0.0,
            randomize: false,
            messages: Vec::new(),
        };
        let mut delays: [Option<&PyLit>; 2] = [None, None];
        let mut responses: Option<&PyLit> = None;
        for (key, _, value) in &d.keywords {
            let constant = !matches!(
                value.kind,
                LitKind::Expr | LitKind::List(_) | LitKind::Tuple(_)
            );
            match key.as_str() {
                "delay_before_responses_start" if constant => delays[0] = Some(value),
                "silence_after_each_response" if constant => delays[1] = Some(value),
                "randomize" if constant => lc.randomize = truth(value),
                "delay_responses" if matches!(value.kind, LitKind::List(_)) => {
                    responses = Some(value)
                }
                _ => {}
            }
        }
        for (i, key) in [
            "delay_before_responses_start",
            "silence_after_each_response",
        ]
        .into_iter()
        .enumerate()
        {
            let Some(v) = delays[i] else { continue };
            let value = match &v.kind {
                LitKind::Num(n) => Some(n.0),
                LitKind::Bool(b) => Some(f64::from(u8::from(*b))),
                _ => None,
            };
            if i == 0 {
                lc.initial_delay = value.unwrap_or(0.0);
            } else {
                lc.interval = value.unwrap_or(0.0);
            }
            let message = match value {
                Some(x) if (0.0..=10.0).contains(&x) => continue,
                Some(_) => format!(
                    "`{key}` must be between 0 and 10 seconds, found `{}`",
                    self.source_text(v)
                ),
                None => format!(
                    "`{key}` must be a number of seconds between 0 and 10, found `{}`",
                    self.source_text(v)
                ),
            };
            let d = Diagnostic::new(Code::SB434, self.file, v.span, message)
                .note("the ADK refuses the function's latency control outside this range");
            self.diag(d);
        }
        let items: &[PyLit] = match responses.map(|r| &r.kind) {
            Some(LitKind::List(items)) => items,
            _ => &[],
        };
        let mut read = 0;
        for item in items {
            let LitKind::Tuple(parts) = &item.kind else {
                continue;
            };
            let [msg, dur] = parts.as_slice() else {
                continue;
            };
            read += 1;
            let duration = match &dur.kind {
                LitKind::Num(n) => n.0,
                LitKind::Bool(b) => f64::from(u8::from(*b)),
                _ => 0.0,
            };
            let problem = match &msg.kind {
                LitKind::Str(s) if s.value.is_empty() => Some("a delay message is empty"),
                LitKind::Str(s) => {
                    self.text(
                        &s.value,
                        &s.map,
                        s.span,
                        FieldKind::DelayMessage,
                        Owner::Function(idx),
                    );
                    lc.messages.push(DelayMessage {
                        message: s.value.clone(),
                        span: msg.span,
                        duration,
                    });
                    None
                }
                LitKind::Expr | LitKind::List(_) | LitKind::Tuple(_) => Some(
                    "a delay message must be a string literal: the ADK reads any other expression (an f-string, a name) as an empty message",
                ),
                LitKind::None => Some("a delay message is `None`"),
                _ => Some("a delay message must be a string literal"),
            };
            if let Some(message) = problem {
                let d = Diagnostic::new(Code::SB436, self.file, msg.span, message).help(
                    "write the words the agent says while the function runs, as a plain string",
                );
                self.diag(d);
            }
        }
        if read == 0 {
            let at = responses.map_or(d.span, |r| r.span);
            let message = if !items.is_empty() {
                "`delay_responses` holds no `(message, duration)` pair: a latency control needs at least one message"
            } else if responses.is_some() {
                "`delay_responses` is empty: a latency control needs at least one message"
            } else {
                "`@func_latency_control` has no `delay_responses` list: a latency control needs at least one message"
            };
            let d = Diagnostic::new(Code::SB435, self.file, at, message).help(
                "add `delay_responses=[(\"One moment please…\", 3)]`, or remove the decorator",
            );
            self.diag(d);
        }
        lc
    }

    /// The source text of a literal, on one line.
    fn source_text(&self, v: &PyLit) -> String {
        self.source_line(v.span)
    }
}

/// Python's truth value of a constant (`bool(kw.value.value)`).
fn truth(v: &PyLit) -> bool {
    match &v.kind {
        LitKind::Bool(b) => *b,
        LitKind::Num(n) => n.0 != 0.0,
        LitKind::Str(s) => !s.value.is_empty(),
        LitKind::None => false,
        _ => true,
    }
}
