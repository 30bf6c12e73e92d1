//! Returned values: transfer and transition dicts, and the strings handed back to the model.

use ruff_python_ast::{self as ast, Expr, Operator};

use super::Collector;
use crate::syntax::python::cook::{plain_string, py_string};
use crate::syntax::python::facts::{PyString, ReturnTransfer, Transition};
use crate::syntax::python::parse::span_of;

impl<'a> Collector<'a> {
    pub(super) fn returned(&mut self, e: &Expr, level: u32) {
        if level > 32 {
            return;
        }
        if let Some(s) = py_string(self.text, e) {
            self.facts.model_strings.push(s);
            return;
        }
        match e {
            Expr::Dict(d) => {
                if !self.transfer_dict(d) {
                    self.transition_dict(d);
                }
                for item in &d.items {
                    let special = item
                        .key
                        .as_ref()
                        .and_then(|k| plain_string(self.text, k))
                        .is_some_and(|k| {
                            matches!(
                                k.value.as_str(),
                                "handoff"
                                    | "refer"
                                    | "invite"
                                    | "bye"
                                    | "transition"
                                    | "sip_headers"
                                    | "phone_number"
                            )
                        });
                    if !special {
                        self.returned(&item.value, level + 1);
                    }
                }
            }
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                for x in elts {
                    self.returned(x, level + 1);
                }
            }
            Expr::If(i) => {
                self.returned(&i.body, level + 1);
                self.returned(&i.orelse, level + 1);
            }
            Expr::BoolOp(b) => {
                for x in &b.values {
                    self.returned(x, level + 1);
                }
            }
            Expr::BinOp(b) if b.op == Operator::Add => {
                self.returned(&b.left, level + 1);
                self.returned(&b.right, level + 1);
            }
            _ => {}
        }
    }

    fn transfer_dict(&mut self, d: &ast::ExprDict) -> bool {
        let mut rt = ReturnTransfer {
            function: self.scope.function.clone(),
            span: span_of(d.range),
            method: None,
            phone_number: None,
            destination: None,
            headers: Vec::new(),
        };
        let mut found = false;
        for (key, value) in self.string_items(d) {
            match key.value.as_str() {
                "handoff" => {
                    found = true;
                    match value {
                        Expr::Dict(h) => self.transfer_body(h, &mut rt),
                        Expr::BooleanLiteral(_) | Expr::NoneLiteral(_) => {}
                        other => rt.destination = Some(self.resolve(other)),
                    }
                }
                "refer" | "invite" | "bye" => {
                    found = true;
                    rt.method = Some((key.value.clone(), key.span));
                    self.method_body(value, &mut rt);
                }
                _ => {}
            }
        }
        if found {
            self.facts.return_transfers.push(rt);
        }
        found
    }

    fn transfer_body(&mut self, h: &ast::ExprDict, rt: &mut ReturnTransfer) {
        for (key, value) in self.string_items(h) {
            match key.value.as_str() {
                "refer" | "invite" | "bye" => {
                    rt.method = Some((key.value.clone(), key.span));
                    self.method_body(value, rt);
                }
                "destination" | "name" | "handoff" => rt.destination = Some(self.resolve(value)),
                "phone_number" | "route" => rt.phone_number = Some(self.resolve(value)),
                "sip_headers" | "headers" => self.headers(value, rt),
                _ => {}
            }
        }
    }

    fn method_body(&mut self, value: &Expr, rt: &mut ReturnTransfer) {
        let Expr::Dict(m) = value else { return };
        for (key, value) in self.string_items(m) {
            match key.value.as_str() {
                "phone_number" | "route" => rt.phone_number = Some(self.resolve(value)),
                "destination" => rt.destination = Some(self.resolve(value)),
                "sip_headers" | "headers" => self.headers(value, rt),
                _ => {}
            }
        }
    }

    fn headers(&self, value: &Expr, rt: &mut ReturnTransfer) {
        match value {
            Expr::Dict(h) => {
                for (key, _) in self.string_items(h) {
                    rt.headers.push((key.value, key.span));
                }
            }
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                for e in elts {
                    let Expr::Dict(h) = e else { continue };
                    for (key, v) in self.string_items(h) {
                        if key.value == "key"
                            && let Some(s) = plain_string(self.text, v)
                        {
                            rt.headers.push((s.value, s.span));
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn transition_dict(&mut self, d: &ast::ExprDict) {
        for (key, value) in self.string_items(d) {
            if key.value != "transition" {
                continue;
            }
            let Expr::Dict(t) = value else { continue };
            let mut flow = None;
            let mut step = None;
            for (k, v) in self.string_items(t) {
                match k.value.as_str() {
                    "goto_flow" => flow = Some(self.resolve(v)),
                    "goto_step" => step = Some(self.resolve(v)),
                    _ => {}
                }
            }
            self.facts.transitions.push(Transition {
                function: self.scope.function.clone(),
                flow,
                step,
                span: span_of(t.range),
            });
        }
    }

    /// Items of a dict whose key is a plain string literal.
    fn string_items<'d>(&self, d: &'d ast::ExprDict) -> Vec<(PyString, &'d Expr)> {
        d.items
            .iter()
            .filter_map(|i| {
                let k = plain_string(self.text, i.key.as_ref()?)?;
                Some((k, &i.value))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::python::extract;
    use crate::syntax::python::facts::*;
    use crate::syntax::python::test_support::{lit, sp};

    #[test]
    fn transition_functions() {
        let src = r#"
STEPS = ("Collect Details", "Confirm")

def route(conv: Conversation, flow: Flow, choice: str):
    if choice == "a":
        flow.goto_step("Collect Details")
    elif choice == "b":
        flow.goto_step(STEPS[1])
    elif choice == "c":
        conv.goto_flow("Billing Flow")
    flow.functions.validate(conv)
    return {"transition": {"goto_flow": "Billing Flow", "goto_step": "Start"}}
"#;
        let f = extract(src);
        let fname = Some("route".to_string());
        assert_eq!(
            f.goto_steps,
            vec![
                Goto {
                    function: fname.clone(),
                    value: lit(src, "\"Collect Details\"", "Collect Details").with_span_of(
                        src,
                        "\"Collect Details\"",
                        1
                    ),
                    span: sp(src, "flow.goto_step(\"Collect Details\")", 0),
                },
                Goto {
                    function: fname.clone(),
                    value: PyValue::Candidates {
                        via: "STEPS".into(),
                        values: vec![
                            ("Collect Details".into(), sp(src, "\"Collect Details\"", 0)),
                            ("Confirm".into(), sp(src, "\"Confirm\"", 0)),
                        ],
                        span: sp(src, "STEPS[1]", 0),
                    },
                    span: sp(src, "flow.goto_step(STEPS[1])", 0),
                },
            ]
        );
        assert_eq!(
            f.goto_flows,
            vec![Goto {
                function: fname.clone(),
                value: lit(src, "\"Billing Flow\"", "Billing Flow"),
                span: sp(src, "conv.goto_flow(\"Billing Flow\")", 0),
            }]
        );
        assert_eq!(
            f.transitions,
            vec![Transition {
                function: fname.clone(),
                flow: Some(PyValue::Literal(
                    "Billing Flow".into(),
                    sp(src, "\"Billing Flow\"", 1)
                )),
                step: Some(lit(src, "\"Start\"", "Start")),
                span: sp(
                    src,
                    "{\"goto_flow\": \"Billing Flow\", \"goto_step\": \"Start\"}",
                    0
                ),
            }]
        );
        assert_eq!(
            f.calls,
            vec![FnCall {
                function: fname,
                target: CallTarget::Flow("validate".into()),
                span: sp(src, "flow.functions.validate(conv)", 0),
            }]
        );
        assert!(f.model_strings.is_empty());
        assert!(f.return_transfers.is_empty());
        assert_eq!(f.params_of("route"), vec!["conv", "flow", "choice"]);
    }

    impl PyValue {
        fn with_span_of(self, text: &str, needle: &str, nth: usize) -> PyValue {
            match self {
                PyValue::Literal(v, _) => PyValue::Literal(v, sp(text, needle, nth)),
                other => other,
            }
        }
    }

    impl PyFacts {
        fn params_of(&self, name: &str) -> Vec<&str> {
            self.functions
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.params.iter().map(String::as_str).collect())
                .unwrap_or_default()
        }
    }

    #[test]
    fn return_shapes_and_model_strings() {
        let src = r#"
HEADERS = {"X-A": "1"}

def bye(conv):
    return {"bye": {"sip_headers": {"X-Call-Reason": "done", "X-Other": conv.state.x}}}

def refer(conv):
    return {"refer": {"phone_number": "sip:+15551234567@10.0.0.1"}}

def named(conv):
    return {"handoff": "billing"}

def listed(conv):
    return {"handoff": {"invite": {"sip_headers": [{"key": "X-Id", "value": "$caller_id"}]}}}

def message(conv, ok):
    if ok:
        return {"message": "Use {{fn:lookup}} next", "items": ["one", 2], "count": 3}
    return "Sorry, " + "try {{ho:billing}}" if ok else ("no", "never")
"#;
        let f = extract(src);
        assert_eq!(f.return_transfers.len(), 4);
        let b = &f.return_transfers[0];
        assert_eq!(b.function.as_deref(), Some("bye"));
        assert_eq!(b.method, Some(("bye".into(), sp(src, "\"bye\"", 0))));
        assert_eq!(b.phone_number, None);
        assert_eq!(
            b.headers,
            vec![
                ("X-Call-Reason".into(), sp(src, "\"X-Call-Reason\"", 0)),
                ("X-Other".into(), sp(src, "\"X-Other\"", 0)),
            ]
        );
        let r = &f.return_transfers[1];
        assert_eq!(r.method, Some(("refer".into(), sp(src, "\"refer\"", 0))));
        assert_eq!(
            r.phone_number,
            Some(lit(
                src,
                "\"sip:+15551234567@10.0.0.1\"",
                "sip:+15551234567@10.0.0.1"
            ))
        );
        let n = &f.return_transfers[2];
        assert_eq!(n.method, None);
        assert_eq!(n.destination, Some(lit(src, "\"billing\"", "billing")));
        let l = &f.return_transfers[3];
        assert_eq!(l.method, Some(("invite".into(), sp(src, "\"invite\"", 0))));
        assert_eq!(l.headers, vec![("X-Id".into(), sp(src, "\"X-Id\"", 0))]);
        let ms: Vec<&str> = f.model_strings.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(
            ms,
            vec![
                "Use {{fn:lookup}} next",
                "one",
                "Sorry, ",
                "try {{ho:billing}}",
                "no",
                "never"
            ]
        );
        assert_eq!(
            f.model_strings[0].span,
            sp(src, "\"Use {{fn:lookup}} next\"", 0)
        );
        // The state read inside the returned header dict is still seen.
        assert_eq!(f.state.len(), 1);
        assert_eq!(f.state[0].function.as_deref(), Some("bye"));
    }
}
