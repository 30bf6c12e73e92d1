//! Calls: conversation-state methods, calls between project functions, `goto_step` /
//! `goto_flow`, `conv.call_handoff` and `transfer_call`.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::Collector;
use crate::source::Span;
use crate::syntax::python::cook::plain_string;
use crate::syntax::python::facts::{CallHandoff, CallTarget, FnCall, Goto, PyValue, TransferCall};
use crate::syntax::python::parse::span_of;

impl<'a> Collector<'a> {
    /// Returns true when the callee is a method of `conv.state`, which is not itself a state
    /// variable and must not be walked as one.
    pub(super) fn call(&mut self, call: &ast::ExprCall) -> bool {
        let span = span_of(call.range());
        let args = &call.arguments.args;
        let kw = |name: &str| {
            call.arguments
                .keywords
                .iter()
                .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name))
                .map(|k| &k.value)
        };
        let function = self.scope.function.clone();
        match &*call.func {
            Expr::Attribute(attr) => {
                let method = attr.attr.id.as_str();
                let recv = &*attr.value;
                if let Expr::Attribute(inner) = recv
                    && inner.attr.id.as_str() == "functions"
                {
                    let target = if self.is_conv(&inner.value) {
                        Some(CallTarget::Conv(method.to_string()))
                    } else if self.is_flow(&inner.value) {
                        Some(CallTarget::Flow(method.to_string()))
                    } else {
                        None
                    };
                    if let Some(target) = target {
                        self.facts.calls.push(FnCall {
                            function,
                            target,
                            span,
                        });
                    }
                    return false;
                }
                if self.is_state(recv) {
                    let key = args.first().and_then(|a| plain_string(self.text, a));
                    match (method, key) {
                        ("get", Some(k)) => self.state(&k.value, k.span, false),
                        ("setdefault" | "pop", Some(k)) => self.state(&k.value, k.span, true),
                        ("update", _) => {
                            for k in &call.arguments.keywords {
                                if let Some(a) = &k.arg {
                                    self.state(a.id.as_str(), span_of(a.range), true);
                                }
                            }
                        }
                        _ => {}
                    }
                    return true;
                }
                match method {
                    "goto_step" if self.is_flow(recv) => {
                        if let Some(v) = args.first().or_else(|| kw("step")).or_else(|| kw("name"))
                        {
                            let value = self.resolve(v);
                            self.facts.goto_steps.push(Goto {
                                function,
                                value,
                                span,
                            });
                        }
                    }
                    "goto_flow" if self.is_conv(recv) => {
                        if let Some(v) = args.first().or_else(|| kw("flow")).or_else(|| kw("name"))
                        {
                            let value = self.resolve(v);
                            self.facts.goto_flows.push(Goto {
                                function,
                                value,
                                span,
                            });
                        }
                    }
                    "call_handoff" => self.call_handoff(call, span),
                    "transfer_call" => self.transfer_call(call, span),
                    _ => {}
                }
            }
            Expr::Name(n) => {
                let id = n.id.as_str();
                match id {
                    "setattr" | "getattr" | "hasattr" | "delattr" => {
                        if args.first().is_some_and(|a| self.is_state(a))
                            && let Some(k) = args.get(1).and_then(|a| plain_string(self.text, a))
                        {
                            let write = matches!(id, "setattr" | "delattr");
                            self.state(&k.value, k.span, write);
                        }
                    }
                    "call_handoff" => self.call_handoff(call, span),
                    "transfer_call" => self.transfer_call(call, span),
                    _ => {}
                }
                self.facts.calls.push(FnCall {
                    function: self.scope.function.clone(),
                    target: CallTarget::Name(id.to_string()),
                    span,
                });
            }
            _ => {}
        }
        false
    }

    fn call_handoff(&mut self, call: &ast::ExprCall, span: Span) {
        let mut slots: [Option<PyValue>; 3] = [None, None, None];
        for (i, a) in call.arguments.args.iter().enumerate() {
            if matches!(a, Expr::Starred(_)) {
                break;
            }
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some(self.resolve(a));
            }
        }
        let mut route = None;
        for k in &call.arguments.keywords {
            let Some(arg) = &k.arg else { continue };
            let v = self.resolve(&k.value);
            match arg.id.as_str() {
                "destination" => slots[0] = Some(v),
                "reason" => slots[1] = Some(v),
                "utterance" => slots[2] = Some(v),
                "route" | "phone_number" => route = Some(v),
                _ => {}
            }
        }
        let [destination, reason, utterance] = slots;
        self.facts.call_handoffs.push(CallHandoff {
            function: self.scope.function.clone(),
            span,
            destination,
            reason,
            utterance,
            route,
        });
    }

    fn transfer_call(&mut self, call: &ast::ExprCall, span: Span) {
        let mut route = None;
        let mut destination = None;
        for k in &call.arguments.keywords {
            let Some(arg) = &k.arg else { continue };
            match arg.id.as_str() {
                "route" | "phone_number" => route = Some(self.resolve(&k.value)),
                "destination" | "handoff" => destination = Some(self.resolve(&k.value)),
                _ => {}
            }
        }
        self.facts.transfer_calls.push(TransferCall {
            function: self.scope.function.clone(),
            span,
            route,
            destination,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::source::Span;
    use crate::syntax::python::extract;
    use crate::syntax::python::facts::*;
    use crate::syntax::python::test_support::{AGENT, lit, raw, sp};

    #[test]
    fn agent_transfer_facts() {
        let f = extract(AGENT);
        let fname = Some("transfer_to_agent".to_string());
        assert_eq!(
            f.constants,
            vec![(
                "REASON_TO_TARGET".to_string(),
                vec![
                    ("Billing Team".to_string(), sp(AGENT, "\"Billing Team\"", 0)),
                    ("DEFAULT".to_string(), sp(AGENT, "\"DEFAULT\"", 0)),
                ]
            )]
        );
        assert_eq!(f.call_handoffs.len(), 1);
        let ch = &f.call_handoffs[0];
        assert_eq!(ch.function, fname);
        assert!(raw(AGENT, ch.span).starts_with("conv.call_handoff(destination="));
        assert!(raw(AGENT, ch.span).ends_with("utterance=\"One moment\")"));
        assert_eq!(
            ch.destination,
            Some(PyValue::Candidates {
                via: "REASON_TO_TARGET".to_string(),
                values: vec![
                    ("Billing Team".to_string(), sp(AGENT, "\"Billing Team\"", 0)),
                    ("DEFAULT".to_string(), sp(AGENT, "\"DEFAULT\"", 0)),
                    ("DEFAULT".to_string(), sp(AGENT, "\"DEFAULT\"", 1)),
                ],
                span: sp(AGENT, "REASON_TO_TARGET.get(reason, \"DEFAULT\")", 0),
            })
        );
        assert_eq!(
            ch.reason,
            Some(lit(AGENT, "\"needs_human\"", "needs_human"))
        );
        assert_eq!(
            ch.utterance,
            Some(lit(AGENT, "\"One moment\"", "One moment"))
        );
        assert_eq!(ch.route, None);

        assert_eq!(f.return_transfers.len(), 1);
        let rt = &f.return_transfers[0];
        assert_eq!(rt.function, fname);
        assert_eq!(
            raw(AGENT, rt.span),
            &AGENT[AGENT.find("{\"handoff\"").unwrap()..AGENT.len() - 1]
        );
        assert_eq!(
            rt.method,
            Some(("refer".to_string(), sp(AGENT, "\"refer\"", 0)))
        );
        assert_eq!(
            rt.phone_number,
            Some(lit(AGENT, "\"+15551234567\"", "+15551234567"))
        );
        assert_eq!(rt.destination, None);
        assert_eq!(
            rt.headers,
            vec![("X-Reason".to_string(), sp(AGENT, "\"X-Reason\"", 0))]
        );
        // The transfer dict's number and headers are not model strings.
        assert!(f.model_strings.is_empty(), "{:?}", f.model_strings);
        assert_eq!(
            f.transfer_shapes(),
            vec![TransferShape::CallHandoff, TransferShape::ReturnDict]
        );
        assert!(f.function_transfers("transfer_to_agent"));
        assert!(f.transfer_calls.is_empty());
    }

    #[test]
    fn positional_call_handoff_and_locals() {
        let src = r#"
DEST = "billing"

def transfer(conv: Conversation):
    why = "billing_issue"
    conv.call_handoff(DEST, why, f"Transferring {conv.state.name}")
    conv.call_handoff("sales", route="+4420")

def defaults(conv, dest="a"):
    if conv.state.flag:
        dest = "b"
    conv.call_handoff(dest)

def other(c: "Conversation", x):
    x = "a"
    x = "b"
    c.call_handoff(x)
"#;
        let f = extract(src);
        assert_eq!(f.call_handoffs.len(), 4);
        let a = &f.call_handoffs[0];
        assert_eq!(a.function.as_deref(), Some("transfer"));
        assert_eq!(a.destination, Some(lit(src, "\"billing\"", "billing")));
        assert_eq!(
            a.reason,
            Some(lit(src, "\"billing_issue\"", "billing_issue"))
        );
        assert_eq!(
            a.utterance,
            Some(PyValue::Dynamic(sp(
                src,
                "f\"Transferring {conv.state.name}\"",
                0
            )))
        );
        let b = &f.call_handoffs[1];
        assert_eq!(b.destination, Some(lit(src, "\"sales\"", "sales")));
        assert_eq!(b.route, Some(lit(src, "\"+4420\"", "+4420")));
        assert_eq!(b.reason, None);
        // `x` is a parameter assigned twice: not a single literal.
        // A parameter reassigned once is not a single literal either.
        let d = &f.call_handoffs[2];
        assert_eq!(d.function.as_deref(), Some("defaults"));
        let call = sp(src, "conv.call_handoff(dest)", 0);
        assert_eq!(
            d.destination,
            Some(PyValue::Dynamic(Span::new(
                call.start + 18,
                call.start + 22
            )))
        );
        let c = &f.call_handoffs[3];
        assert_eq!(c.function.as_deref(), Some("other"));
        let call = sp(src, "c.call_handoff(x)", 0);
        assert_eq!(c.span, call);
        let x = Span::new(call.start + 15, call.start + 16);
        assert_eq!(c.destination, Some(PyValue::Dynamic(x)));
        // The state read inside the f-string is found.
        assert_eq!(f.state.len(), 2);
        assert_eq!(f.state[0].name, "name");
        assert!(!f.state[0].write);
        let name = sp(src, "name}", 0);
        assert_eq!(f.state[0].span, Span::new(name.start, name.start + 4));
    }

    #[test]
    fn transfer_call_versus_money_transfer() {
        let src = r#"
def move_money(conv, account, amount):
    process_transfer(account, amount)
    bank.process_transfer(account, amount=amount)
    return "Transferred"

def send(conv):
    conv.transfer_call(route="sip:desk@example.com", destination="desk")
    transfer_call(phone_number="+15550000000")
"#;
        let f = extract(src);
        assert_eq!(f.transfer_calls.len(), 2);
        let t0 = &f.transfer_calls[0];
        assert_eq!(t0.function.as_deref(), Some("send"));
        assert_eq!(
            t0.span,
            sp(
                src,
                "conv.transfer_call(route=\"sip:desk@example.com\", destination=\"desk\")",
                0
            )
        );
        assert_eq!(
            t0.route,
            Some(lit(src, "\"sip:desk@example.com\"", "sip:desk@example.com"))
        );
        assert_eq!(t0.destination, Some(lit(src, "\"desk\"", "desk")));
        let t1 = &f.transfer_calls[1];
        assert_eq!(
            t1.span,
            sp(src, "transfer_call(phone_number=\"+15550000000\")", 0)
        );
        assert_eq!(t1.route, Some(lit(src, "\"+15550000000\"", "+15550000000")));
        assert!(!f.function_transfers("move_money"));
        assert!(f.function_transfers("send"));
        assert!(f.call_handoffs.is_empty() && f.return_transfers.is_empty());
        let names: Vec<&CallTarget> = f.calls.iter().map(|c| &c.target).collect();
        assert_eq!(
            names,
            vec![
                &CallTarget::Name("process_transfer".into()),
                &CallTarget::Name("transfer_call".into())
            ]
        );
    }
}
