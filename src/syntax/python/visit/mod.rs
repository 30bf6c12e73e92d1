//! The walk over a module's syntax tree that collects its facts: the collector and its scopes,
//! module constant tables, what a value resolves to, conversation-state accesses and imports.
//! Function definitions, calls and returned values are read in the submodules.

use std::collections::HashMap;

use ruff_python_ast::token::Token;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, CmpOp, Expr, ExprContext, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::cook::plain_string;
use super::facts::{ApiCall, Import, PyFacts, PyValue, StateAccess};
use super::parse::span_of;
use crate::source::Span;
use functions::{annotation_name, param_list};

mod calls;
mod functions;
mod returns;

/// The tree walk stops descending below this depth.
const MAX_WALK_DEPTH: u32 = 300;

/// Walks a parsed module (its constant tables first, then every statement) and adds what it
/// finds to `facts`, whose module-level constants it then fills in.
pub(super) fn collect<'a>(
    text: &'a str,
    tokens: &'a [Token],
    suite: &'a [Stmt],
    facts: PyFacts,
) -> PyFacts {
    let mut c = Collector {
        text,
        tokens,
        consts: HashMap::new(),
        str_consts: HashMap::new(),
        facts,
        scope: Scope {
            function: None,
            conv: vec!["conv".to_string()],
            flow: vec!["flow".to_string()],
            locals: HashMap::new(),
        },
        depth: 0,
        def_depth: 0,
    };
    c.collect_constants(suite);
    c.visit_body(suite);
    let mut constants: Vec<(String, Vec<(String, Span)>)> = c
        .consts
        .iter()
        .map(|(k, v)| (k.clone(), v.values.clone()))
        .collect();
    constants.sort_by(|a, b| a.0.cmp(&b.0));
    c.facts.constants = constants;
    c.facts
}

#[derive(Debug, Clone)]
struct Const {
    dict: bool,
    values: Vec<(String, Span)>,
}

#[derive(Debug, Clone)]
struct Scope {
    /// Enclosing top-level function.
    function: Option<String>,
    /// Names bound to the conversation object.
    conv: Vec<String>,
    /// Names bound to the flow object.
    flow: Vec<String>,
    /// Locals assigned exactly once, from a string literal.
    locals: HashMap<String, (String, Span)>,
}

struct Collector<'a> {
    text: &'a str,
    tokens: &'a [Token],
    consts: HashMap<String, Const>,
    str_consts: HashMap<String, (String, Span)>,
    facts: PyFacts,
    scope: Scope,
    depth: u32,
    /// Number of enclosing `def`s and `class`es.
    def_depth: u32,
}

impl<'a> Collector<'a> {
    fn slice(&self, r: TextRange) -> &'a str {
        self.text
            .get(r.start().to_usize()..r.end().to_usize())
            .unwrap_or("")
    }

    // ----- module constants -------------------------------------------------------------

    fn collect_constants(&mut self, suite: &[Stmt]) {
        for stmt in suite {
            let (targets, value): (Vec<&Expr>, &Expr) = match stmt {
                Stmt::Assign(a) => (a.targets.iter().collect(), &a.value),
                Stmt::AnnAssign(a) => match &a.value {
                    Some(v) => (vec![&*a.target], v),
                    None => continue,
                },
                _ => continue,
            };
            for t in targets {
                let Expr::Name(n) = t else { continue };
                let name = n.id.as_str().to_string();
                if let Some(s) = plain_string(self.text, value) {
                    self.str_consts.insert(name.clone(), (s.value, s.span));
                    self.consts.remove(&name);
                } else if let Some(c) = self.const_table(value) {
                    self.consts.insert(name.clone(), c);
                    self.str_consts.remove(&name);
                } else {
                    self.consts.remove(&name);
                    self.str_consts.remove(&name);
                }
            }
        }
    }

    fn const_table(&self, value: &Expr) -> Option<Const> {
        match value {
            Expr::Dict(d) => Some(Const {
                dict: true,
                values: d
                    .items
                    .iter()
                    .filter_map(|i| plain_string(self.text, &i.value))
                    .map(|s| (s.value, s.span))
                    .collect(),
            }),
            Expr::List(ast::ExprList { elts, .. })
            | Expr::Tuple(ast::ExprTuple { elts, .. })
            | Expr::Set(ast::ExprSet { elts, .. }) => {
                let mut values = Vec::new();
                for e in elts {
                    let s = plain_string(self.text, e)?;
                    values.push((s.value, s.span));
                }
                Some(Const {
                    dict: false,
                    values,
                })
            }
            Expr::Call(call) => {
                let Expr::Name(n) = &*call.func else {
                    return None;
                };
                if !matches!(n.id.as_str(), "frozenset" | "set" | "tuple" | "list")
                    || call.arguments.args.len() != 1
                    || !call.arguments.keywords.is_empty()
                {
                    return None;
                }
                let inner = self.const_table(call.arguments.args.first()?)?;
                if inner.dict {
                    return None;
                }
                Some(inner)
            }
            _ => None,
        }
    }

    // ----- values -----------------------------------------------------------------------

    fn resolve(&self, expr: &Expr) -> PyValue {
        self.resolve_at(expr, 0)
    }

    fn resolve_at(&self, expr: &Expr, level: u32) -> PyValue {
        let span = span_of(expr.range());
        if let Some(s) = plain_string(self.text, expr) {
            return PyValue::Literal(s.value, s.span);
        }
        match expr {
            Expr::Name(n) => {
                let id = n.id.as_str();
                if let Some((v, s)) = self.scope.locals.get(id) {
                    return PyValue::Literal(v.clone(), *s);
                }
                if let Some((v, s)) = self.str_consts.get(id) {
                    return PyValue::Literal(v.clone(), *s);
                }
                PyValue::Dynamic(span)
            }
            Expr::Call(call) => {
                let Expr::Attribute(attr) = &*call.func else {
                    return PyValue::Dynamic(span);
                };
                let Expr::Name(table) = &*attr.value else {
                    return PyValue::Dynamic(span);
                };
                let Some(c) = self.consts.get(table.id.as_str()) else {
                    return PyValue::Dynamic(span);
                };
                if attr.attr.id.as_str() != "get" || !c.dict {
                    return PyValue::Dynamic(span);
                }
                let mut values = c.values.clone();
                let default = call.arguments.args.get(1).or_else(|| {
                    call.arguments
                        .keywords
                        .iter()
                        .find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == "default"))
                        .map(|k| &k.value)
                });
                if let Some(d) = default
                    && level < 4
                    && let PyValue::Literal(v, s) = self.resolve_at(d, level + 1)
                {
                    values.push((v, s));
                }
                PyValue::Candidates {
                    via: table.id.as_str().to_string(),
                    values,
                    span,
                }
            }
            Expr::Subscript(sub) => {
                let Expr::Name(table) = &*sub.value else {
                    return PyValue::Dynamic(span);
                };
                match self.consts.get(table.id.as_str()) {
                    Some(c) if !matches!(&*sub.slice, Expr::Slice(_)) => PyValue::Candidates {
                        via: table.id.as_str().to_string(),
                        values: c.values.clone(),
                        span,
                    },
                    _ => PyValue::Dynamic(span),
                }
            }
            _ => PyValue::Dynamic(span),
        }
    }

    // ----- receivers --------------------------------------------------------------------

    fn is_conv(&self, e: &Expr) -> bool {
        matches!(e, Expr::Name(n) if self.scope.conv.iter().any(|c| c == n.id.as_str()))
    }

    fn is_flow(&self, e: &Expr) -> bool {
        matches!(e, Expr::Name(n) if self.scope.flow.iter().any(|c| c == n.id.as_str()))
    }

    /// `conv.state`
    fn is_state(&self, e: &Expr) -> bool {
        matches!(e, Expr::Attribute(a) if a.attr.id.as_str() == "state" && self.is_conv(&a.value))
    }

    /// `conv.api`
    fn is_api(&self, e: &Expr) -> bool {
        matches!(e, Expr::Attribute(a) if a.attr.id.as_str() == "api" && self.is_conv(&a.value))
    }

    fn state(&mut self, name: &str, span: Span, write: bool) {
        self.facts.state.push(StateAccess {
            name: name.to_string(),
            span,
            write,
            function: self.scope.function.clone(),
        });
    }

    // ----- scopes -----------------------------------------------------------------------

    fn enter_function(&mut self, f: &'a ast::StmtFunctionDef) {
        self.function(f);
        // Decorators, defaults and annotations belong to the enclosing scope. A decorator call
        // itself is not a call between project functions; its arguments are still walked.
        for d in &f.decorator_list {
            match &d.expression {
                Expr::Call(c) => self.visit_arguments(&c.arguments),
                other => self.visit_expr(other),
            }
        }
        self.visit_parameters(&f.parameters);
        if let Some(r) = &f.returns {
            self.visit_annotation(r);
        }
        let mut scope = self.scope.clone();
        if self.def_depth == 0 {
            scope.function = Some(f.name.id.as_str().to_string());
        }
        for p in param_list(&f.parameters) {
            let name = p.name.id.as_str().to_string();
            let ann = p
                .annotation
                .as_deref()
                .map(|a| annotation_name(self.text, a))
                .unwrap_or_default();
            // A parameter shadows outer bindings of the same name.
            scope.conv.retain(|c| *c != name);
            scope.flow.retain(|c| *c != name);
            if name == "conv" || ann == "Conversation" {
                scope.conv.push(name);
            } else if name == "flow" || ann == "Flow" {
                scope.flow.push(name);
            }
        }
        let params: Vec<&str> = param_list(&f.parameters)
            .iter()
            .map(|p| p.name.id.as_str())
            .collect();
        scope.locals = self.local_literals(&params, &f.body);
        let saved = std::mem::replace(&mut self.scope, scope);
        self.def_depth += 1;
        self.visit_body(&f.body);
        self.def_depth -= 1;
        self.scope = saved;
    }

    /// Names assigned exactly once in `body` (not counting nested functions), from a literal.
    /// Parameters count as bindings.
    fn local_literals(&self, params: &[&str], body: &[Stmt]) -> HashMap<String, (String, Span)> {
        let mut counts: AssignCounts = HashMap::new();
        for p in params {
            counts.insert((*p).to_string(), (1, None));
        }
        let mut finder = AssignFinder {
            text: self.text,
            counts: &mut counts,
            // Shares the walk's depth budget: it runs on top of the current recursion.
            depth: self.depth,
        };
        finder.visit_body(body);
        counts
            .into_iter()
            .filter_map(|(k, (n, v))| if n == 1 { v.map(|v| (k, v)) } else { None })
            .collect()
    }
}

impl<'a> Visitor<'a> for Collector<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        match stmt {
            Stmt::FunctionDef(f) => self.enter_function(f),
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_decorator(d);
                }
                if let Some(args) = &c.arguments {
                    self.visit_arguments(args);
                }
                self.def_depth += 1;
                self.visit_body(&c.body);
                self.def_depth -= 1;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.returned(v, 0);
                }
                visitor::walk_stmt(self, stmt);
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    self.facts.imports.push(Import {
                        module: a.name.id.as_str().to_string(),
                        names: Vec::new(),
                        span: span_of(a.range),
                    });
                }
            }
            Stmt::ImportFrom(i) => {
                let mut module = ".".repeat(i.level.min(64) as usize);
                if let Some(m) = &i.module {
                    module.push_str(m.id.as_str());
                }
                self.facts.imports.push(Import {
                    module,
                    names: i
                        .names
                        .iter()
                        .map(|a| a.name.id.as_str().to_string())
                        .collect(),
                    span: span_of(i.range),
                });
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.depth -= 1;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        match expr {
            Expr::Attribute(outer) if matches!(&*outer.value, Expr::Attribute(inner) if self.is_api(&inner.value)) =>
            {
                let Expr::Attribute(inner) = &*outer.value else {
                    unreachable!("matched above")
                };
                self.facts.api_calls.push(ApiCall {
                    integration: inner.attr.id.as_str().to_string(),
                    span: span_of(inner.attr.range),
                    operation: Some((
                        outer.attr.id.as_str().to_string(),
                        span_of(outer.attr.range),
                    )),
                });
            }
            Expr::Attribute(a) if self.is_api(&a.value) => {
                self.facts.api_calls.push(ApiCall {
                    integration: a.attr.id.as_str().to_string(),
                    span: span_of(a.attr.range),
                    operation: None,
                });
            }
            Expr::Attribute(a) if self.is_state(&a.value) => {
                let write = matches!(a.ctx, ExprContext::Store | ExprContext::Del);
                self.state(a.attr.id.as_str(), span_of(a.attr.range), write);
            }
            Expr::Subscript(s) if self.is_state(&s.value) => {
                if let Some(k) = plain_string(self.text, &s.slice) {
                    let write = matches!(s.ctx, ExprContext::Store | ExprContext::Del);
                    self.state(&k.value, k.span, write);
                } else {
                    self.visit_expr(&s.slice);
                }
            }
            Expr::Call(c) => {
                if self.call(c) {
                    self.visit_arguments(&c.arguments);
                } else {
                    visitor::walk_expr(self, expr);
                }
            }
            Expr::Compare(c) => {
                if let (Some(op), Some(right)) = (c.ops.first(), c.comparators.first())
                    && matches!(op, CmpOp::In | CmpOp::NotIn)
                    && self.is_state(right)
                    && let Some(k) = plain_string(self.text, &c.left)
                {
                    self.state(&k.value, k.span, false);
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
        self.depth -= 1;
    }
}

/// Per name: how many times it is bound, and the literal of its last binding if that was one.
type AssignCounts = HashMap<String, (u32, Option<(String, Span)>)>;

/// Counts simple-name assignments in a function body, skipping nested scopes.
struct AssignFinder<'m, 't> {
    text: &'t str,
    counts: &'m mut AssignCounts,
    depth: u32,
}

impl AssignFinder<'_, '_> {
    fn bind(&mut self, target: &Expr, value: Option<&Expr>) {
        match target {
            Expr::Name(n) => {
                let lit = value
                    .and_then(|v| plain_string(self.text, v))
                    .map(|s| (s.value, s.span));
                let e = self
                    .counts
                    .entry(n.id.as_str().to_string())
                    .or_insert((0, None));
                e.0 += 1;
                e.1 = lit;
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for x in elts {
                    self.bind(x, None);
                }
            }
            Expr::Starred(s) => self.bind(&s.value, None),
            _ => {}
        }
    }
}

impl<'b> Visitor<'b> for AssignFinder<'_, '_> {
    fn visit_stmt(&mut self, stmt: &'b Stmt) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        match stmt {
            Stmt::FunctionDef(f) => {
                self.bind_name(f.name.id.as_str());
            }
            Stmt::ClassDef(c) => {
                self.bind_name(c.name.id.as_str());
            }
            Stmt::Assign(a) => {
                for t in &a.targets {
                    self.bind(t, Some(&a.value));
                }
            }
            Stmt::AnnAssign(a) => self.bind(&a.target, a.value.as_deref()),
            Stmt::AugAssign(a) => self.bind(&a.target, None),
            Stmt::For(f) => {
                self.bind(&f.target, None);
                self.visit_body(&f.body);
                self.visit_body(&f.orelse);
            }
            Stmt::With(w) => {
                for item in &w.items {
                    if let Some(v) = &item.optional_vars {
                        self.bind(v, None);
                    }
                }
                self.visit_body(&w.body);
            }
            Stmt::Import(_) | Stmt::ImportFrom(_) => {}
            Stmt::Global(g) => {
                for n in &g.names {
                    self.bind_name(n.id.as_str());
                    self.bind_name(n.id.as_str());
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    self.bind_name(n.id.as_str());
                    self.bind_name(n.id.as_str());
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
        self.depth -= 1;
    }

    fn visit_expr(&mut self, expr: &'b Expr) {
        if self.depth >= MAX_WALK_DEPTH {
            return;
        }
        self.depth += 1;
        if let Expr::Named(n) = expr {
            self.bind(&n.target, None);
        }
        visitor::walk_expr(self, expr);
        self.depth -= 1;
    }
}

impl AssignFinder<'_, '_> {
    fn bind_name(&mut self, name: &str) {
        let e = self.counts.entry(name.to_string()).or_insert((0, None));
        e.0 += 1;
        e.1 = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::python::extract;
    use crate::syntax::python::facts::*;
    use crate::syntax::python::test_support::{AGENT, raw, sp};

    #[test]
    fn agent_state_calls_imports() {
        let f = extract(AGENT);
        let fname = Some("transfer_to_agent".to_string());
        assert_eq!(
            f.state,
            vec![
                StateAccess {
                    name: "transfer_reason".into(),
                    span: sp(AGENT, "transfer_reason", 0),
                    write: true,
                    function: fname.clone(),
                },
                StateAccess {
                    name: "vip".into(),
                    span: sp(AGENT, "vip", 0),
                    write: false,
                    function: fname.clone(),
                },
            ]
        );
        assert_eq!(
            f.calls,
            vec![FnCall {
                function: fname.clone(),
                target: CallTarget::Conv("log_vip".into()),
                span: sp(AGENT, "conv.functions.log_vip(conv)", 0),
            }]
        );
        assert_eq!(
            f.imports,
            vec![
                Import {
                    module: "_gen".into(),
                    names: vec!["*".into()],
                    span: sp(AGENT, "from _gen import *", 0),
                },
                Import {
                    module: "functions.lookup_account".into(),
                    names: vec!["lookup_account".into()],
                    span: sp(
                        AGENT,
                        "from functions.lookup_account import lookup_account",
                        0
                    ),
                },
            ]
        );
    }

    trait StartSpan {
        fn start_span(self) -> Span;
    }
    impl StartSpan for Span {
        /// A one-byte span at the start.
        fn start_span(self) -> Span {
            Span::new(self.start, self.start + 1)
        }
    }

    #[test]
    fn state_reads_and_writes() {
        let src = r#"
def f(conv: Conversation, other):
    # conv.state.in_comment is not a read
    note = "conv.state.in_string is not a read either"
    conv.state.a = 1
    conv.state.b += 1
    conv.state.c: int = 2
    setattr(conv.state, "d", 3)
    conv.state["e"] = 4
    conv.state.f, (conv.state.g, x) = 1, (2, 3)
    del conv.state.h
    print(conv.state.i)
    getattr(conv.state, "j", None)
    conv.state.get("k")
    y = conv.state["l"]
    if "m" in conv.state:
        pass
    other.state.n = 1
    conv.state.setdefault("o", [])
"#;
        let f = extract(src);
        let got: Vec<(&str, bool, &str)> = f
            .state
            .iter()
            .map(|s| (s.name.as_str(), s.write, raw(src, s.span)))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a", true, "a"),
                ("b", true, "b"),
                ("c", true, "c"),
                ("d", true, "\"d\""),
                ("e", true, "\"e\""),
                ("f", true, "f"),
                ("g", true, "g"),
                ("h", true, "h"),
                ("i", false, "i"),
                ("j", false, "\"j\""),
                ("k", false, "\"k\""),
                ("l", false, "\"l\""),
                ("m", false, "\"m\""),
                ("o", true, "\"o\""),
            ]
        );
        assert_eq!(f.state[0].span, sp(src, "a = 1", 0).start_span());
        assert_eq!(f.state[8].span, sp(src, "i)", 0).start_span());
        assert!(f.state.iter().all(|s| s.function.as_deref() == Some("f")));
    }

    #[test]
    fn nested_functions_classes_and_imports() {
        let src = r#"
import json, os.path as p
from . import sibling
from ..pkg.mod import a as b, c

def outer(conv: Conversation):
    def inner(x):
        conv.state.seen = True
        helper(x)
    class Box:
        def method(self, conv):
            conv.functions.deep()
    return inner

class Tool:
    def run(self, conv: Conversation):
        conv.state.tool = 1

conv.state.module_level = 1
"#;
        let f = extract(src);
        let fns: Vec<(&str, bool)> = f
            .functions
            .iter()
            .map(|x| (x.name.as_str(), x.top_level))
            .collect();
        assert_eq!(
            fns,
            vec![
                ("outer", true),
                ("inner", false),
                ("method", false),
                ("run", false)
            ]
        );
        let st: Vec<(&str, Option<&str>)> = f
            .state
            .iter()
            .map(|s| (s.name.as_str(), s.function.as_deref()))
            .collect();
        assert_eq!(
            st,
            vec![
                ("seen", Some("outer")),
                ("tool", None),
                ("module_level", None)
            ]
        );
        assert_eq!(
            f.calls
                .iter()
                .map(|c| (&c.target, c.function.as_deref()))
                .collect::<Vec<_>>(),
            vec![
                (&CallTarget::Name("helper".into()), Some("outer")),
                (&CallTarget::Conv("deep".into()), Some("outer")),
            ]
        );
        let imports: Vec<(&str, Vec<&str>, &str)> = f
            .imports
            .iter()
            .map(|i| {
                (
                    i.module.as_str(),
                    i.names.iter().map(String::as_str).collect(),
                    raw(src, i.span),
                )
            })
            .collect();
        assert_eq!(
            imports,
            vec![
                ("json", vec![], "json"),
                ("os.path", vec![], "os.path as p"),
                (".", vec!["sibling"], "from . import sibling"),
                (
                    "..pkg.mod",
                    vec!["a", "c"],
                    "from ..pkg.mod import a as b, c"
                ),
            ]
        );
    }

    #[test]
    fn constants_of_each_shape() {
        let src = r#"
B_LIST = ["x", "y"]
A_SET = frozenset({"s"})
C_TUPLE: tuple = ("t",)
D_DICT = {"k": "v", "n": 1}
MIXED = ["x", 1]
NAME = "plain"
def f():
    LOCAL = ["no"]
"#;
        let f = extract(src);
        let names: Vec<(&str, Vec<&str>)> = f
            .constants
            .iter()
            .map(|(n, v)| (n.as_str(), v.iter().map(|x| x.0.as_str()).collect()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("A_SET", vec!["s"]),
                ("B_LIST", vec!["x", "y"]),
                ("C_TUPLE", vec!["t"]),
                ("D_DICT", vec!["v"]),
            ]
        );
        assert_eq!(f.constants[3].1[0].1, sp(src, "\"v\"", 0));
    }
}
