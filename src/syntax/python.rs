//! Python facts: what the checker needs to know about a project's Python files, read from the
//! syntax tree without running anything.
//!
//! [`extract`] parses a file with ruff's error-tolerant parser (a file with a syntax error still
//! yields everything before and around the error) and collects functions and their decorators,
//! conversation-state accesses, code transfers (`conv.call_handoff`, returned transfer dicts,
//! `transfer_call`), calls between project functions, imports, `goto_step` / `goto_flow` targets,
//! module-level constant tables and the string literals a function hands back to the model.
//!
//! Every span is a byte range into the raw file text. Strings carry an [`OffsetMap`] from their
//! cooked value back to the raw bytes, through escapes, raw prefixes, implicit concatenation and
//! f-string brace escapes.

use std::collections::HashMap;

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    self as ast, CmpOp, Expr, ExprContext, FStringPart, InterpolatedStringElement, Operator, Stmt,
    StringFlags,
};
use ruff_python_parser::{Mode, ParseOptions};
use ruff_text_size::{Ranged, TextRange};

use crate::source::{OffsetMap, Span};

/// Stands in for an f-string replacement field (`{name}`) in a cooked model string. It is not a
/// word character, a brace, `$` or `<`, so it can never complete or extend a template reference.
pub const PLACEHOLDER: char = '\u{FFFC}';

/// Files whose estimated syntax-tree depth exceeds this are not analysed (see [`nesting_estimate`]).
pub const MAX_NESTING: u32 = 1000;

/// The tree walk stops descending below this depth.
const MAX_WALK_DEPTH: u32 = 300;

/// A string literal (or f-string, or an implicit concatenation of them) with its cooked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyString {
    /// The cooked value. f-string replacement fields appear as [`PLACEHOLDER`].
    pub value: String,
    /// The raw literal, prefixes and quotes included (all parts of an implicit concatenation).
    pub span: Span,
    /// Cooked offsets to raw offsets.
    pub map: OffsetMap,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decorator {
    /// Dotted callee name, e.g. `func_description` or `tools.register`.
    pub name: String,
    /// Source text after the `@`.
    pub text: String,
    /// The decorator, `@` included.
    pub span: Span,
    /// Positional string arguments of a call decorator, in order.
    pub string_args: Vec<PyString>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyFunction {
    pub name: String,
    pub name_span: Span,
    /// From `def` (or `async`) through the `:` ending the header; headers may span lines.
    pub header_span: Span,
    /// The header with comments dropped, whitespace collapsed, no space inside brackets, no
    /// trailing comma in the parameter list and no final colon:
    /// `def f(conv: Conversation, reason: str)`.
    pub signature: String,
    /// Parameter names in source order, without `*` / `**`.
    pub params: Vec<String>,
    pub decorators: Vec<Decorator>,
    /// First string argument of `@func_description(...)`.
    pub description: Option<String>,
    /// Defined at module level (not inside another function or a class).
    pub top_level: bool,
}

/// What an argument evaluates to, as far as can be told without running the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyValue {
    /// A string literal (directly, or through a single-assignment local or a module-level string
    /// constant). The span is the literal's.
    Literal(String, Span),
    /// One of a known set of literals: `TABLE.get(key, "DEFAULT")`, `TABLE[key]`.
    Candidates {
        via: String,
        values: Vec<(String, Span)>,
        span: Span,
    },
    /// Anything else; the span is the expression's.
    Dynamic(Span),
}

impl PyValue {
    /// The span of the expression this value was read from (for a literal, the literal).
    pub fn span(&self) -> Span {
        match self {
            PyValue::Literal(_, s) | PyValue::Dynamic(s) => *s,
            PyValue::Candidates { span, .. } => *span,
        }
    }
    /// The literal value, if this is a literal.
    pub fn literal(&self) -> Option<&str> {
        match self {
            PyValue::Literal(v, _) => Some(v),
            _ => None,
        }
    }
}

/// `conv.call_handoff(destination, reason, utterance)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallHandoff {
    /// Enclosing top-level function.
    pub function: Option<String>,
    /// The whole call.
    pub span: Span,
    pub destination: Option<PyValue>,
    pub reason: Option<PyValue>,
    pub utterance: Option<PyValue>,
    /// `route=` / `phone_number=`.
    pub route: Option<PyValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransferShape {
    CallHandoff,
    ReturnDict,
    TransferCall,
}

/// A returned transfer dict: `{"handoff": {"refer": {"phone_number": ..., "sip_headers": {...}}}}`,
/// `{"bye": {...}}`, `{"refer": {...}}`, `{"handoff": "name"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnTransfer {
    pub function: Option<String>,
    /// The returned dict.
    pub span: Span,
    /// The `refer` / `invite` / `bye` key and its span.
    pub method: Option<(String, Span)>,
    pub phone_number: Option<PyValue>,
    /// A handoff name: `{"handoff": "name"}` or a `destination` key.
    pub destination: Option<PyValue>,
    /// SIP header names and the spans of their key literals.
    pub headers: Vec<(String, Span)>,
}

/// `transfer_call(...)` or `x.transfer_call(...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferCall {
    pub function: Option<String>,
    pub span: Span,
    /// `route=` / `phone_number=`.
    pub route: Option<PyValue>,
    /// `destination=` / `handoff=`.
    pub destination: Option<PyValue>,
}

/// A read or write of a conversation-state variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateAccess {
    pub name: String,
    /// The attribute name, or the string literal naming it (quotes included).
    pub span: Span,
    pub write: bool,
    pub function: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CallTarget {
    /// `conv.functions.x(...)`
    Conv(String),
    /// `flow.functions.x(...)`
    Flow(String),
    /// A plain call `f(...)`.
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FnCall {
    pub function: Option<String>,
    pub target: CallTarget,
    /// The whole call.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// Dotted module name; a relative import keeps its leading dots (`.`, `..pkg`).
    pub module: String,
    /// Names imported by `from m import a, b` (`*` for a star import); empty for `import m`.
    pub names: Vec<String>,
    pub span: Span,
}

/// `flow.goto_step(X)` or `conv.goto_flow(X)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goto {
    pub function: Option<String>,
    pub value: PyValue,
    /// The whole call.
    pub span: Span,
}

/// A returned `{"transition": {"goto_flow": F, "goto_step": S}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub function: Option<String>,
    pub flow: Option<PyValue>,
    pub step: Option<PyValue>,
    /// The inner `{"goto_flow": ..., "goto_step": ...}` dict.
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PyFacts {
    pub functions: Vec<PyFunction>,
    pub state: Vec<StateAccess>,
    pub call_handoffs: Vec<CallHandoff>,
    pub return_transfers: Vec<ReturnTransfer>,
    pub transfer_calls: Vec<TransferCall>,
    pub calls: Vec<FnCall>,
    pub imports: Vec<Import>,
    pub goto_steps: Vec<Goto>,
    pub goto_flows: Vec<Goto>,
    pub transitions: Vec<Transition>,
    /// Module-level `NAME = {...}` (its string values) and `NAME = (...)` / `[...]` / `{...}` /
    /// `frozenset(...)` of string literals, sorted by name.
    pub constants: Vec<(String, Vec<(String, Span)>)>,
    /// String literals handed back to the model: `return "..."`, string values inside a returned
    /// dict / list / tuple (not keys, not transfer or transition dicts), operands of a returned
    /// `+` concatenation and both arms of a returned conditional.
    pub model_strings: Vec<PyString>,
    pub syntax_errors: Vec<(String, Span)>,
    /// Every `# comment` (for suppression comments like `# switchboard: ignore[SB302]`).
    pub comments: Vec<Span>,
}

impl PyFacts {
    /// Give back the vectors' spare capacity (facts kept in a model for a long time).
    pub fn shrink_to_fit(&mut self) {
        // Every field named, so that a new one is not forgotten here.
        let PyFacts {
            functions,
            state,
            call_handoffs,
            return_transfers,
            transfer_calls,
            calls,
            imports,
            goto_steps,
            goto_flows,
            transitions,
            constants,
            model_strings,
            syntax_errors,
            comments,
        } = self;
        functions.shrink_to_fit();
        state.shrink_to_fit();
        call_handoffs.shrink_to_fit();
        return_transfers.shrink_to_fit();
        transfer_calls.shrink_to_fit();
        calls.shrink_to_fit();
        imports.shrink_to_fit();
        goto_steps.shrink_to_fit();
        goto_flows.shrink_to_fit();
        transitions.shrink_to_fit();
        constants.shrink_to_fit();
        model_strings.shrink_to_fit();
        syntax_errors.shrink_to_fit();
        comments.shrink_to_fit();
    }

    /// The ways the file transfers a call, in a fixed order, without duplicates.
    pub fn transfer_shapes(&self) -> Vec<TransferShape> {
        let mut out = Vec::new();
        if !self.call_handoffs.is_empty() {
            out.push(TransferShape::CallHandoff);
        }
        if !self.return_transfers.is_empty() {
            out.push(TransferShape::ReturnDict);
        }
        if !self.transfer_calls.is_empty() {
            out.push(TransferShape::TransferCall);
        }
        out
    }
    /// Whether the named top-level function transfers by any code shape.
    pub fn function_transfers(&self, name: &str) -> bool {
        let is = |f: &Option<String>| f.as_deref() == Some(name);
        self.call_handoffs.iter().any(|c| is(&c.function))
            || self.return_transfers.iter().any(|c| is(&c.function))
            || self.transfer_calls.iter().any(|c| is(&c.function))
    }
}

/// Extract the facts of one Python file. Never panics; a file that does not parse still yields
/// what the recovered tree holds, plus its syntax errors.
pub fn extract(text: &str) -> PyFacts {
    let mut facts = PyFacts::default();
    if text.len() >= (u32::MAX / 2) as usize {
        facts
            .syntax_errors
            .push(("file too large to analyse".to_string(), Span::new(0, 0)));
        return facts;
    }
    // ruff's parser grows its own stack on deep input, so parsing itself is safe.
    let parsed = ruff_python_parser::parse_unchecked(text, ParseOptions::from(Mode::Module));
    for e in parsed.errors() {
        facts
            .syntax_errors
            .push((e.error.to_string(), span_of(e.location)));
    }
    let Some(module) = parsed.try_into_module() else {
        return facts;
    };
    facts.comments = module
        .tokens()
        .iter()
        .filter(|t| t.kind() == TokenKind::Comment)
        .map(|t| Span::new(t.start().to_u32(), t.end().to_u32()))
        .collect();
    let nesting = nesting_estimate(module.tokens());
    if let Some(at) = nesting.first_excess {
        facts.syntax_errors.push((
            "too deeply nested to analyse".to_string(),
            Span::new(at, at),
        ));
        dispose(module, nesting.max);
        return facts;
    }
    let suite = module.suite();
    let mut c = Collector {
        text,
        tokens: module.tokens(),
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

/// Result of [`nesting_estimate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nesting {
    /// The largest estimate anywhere in the file.
    pub max: u32,
    /// Where the estimate first exceeded [`MAX_NESTING`], if it did.
    pub first_excess: Option<u32>,
}

/// A conservative estimate (an upper bound) of how deep the syntax tree built from `tokens` gets.
///
/// Dropping or walking a syntax tree recurses once per level, so a file like `x = ------...1` or
/// `a.b.b.b...` with tens of thousands of levels could exhaust the stack. The estimate counts, per
/// logical line, open brackets plus the tokens that can add a level (operators, `.`, `lambda`,
/// conditional `if`/`else`, `await`, closing brackets for calls and subscripts, ...) within each
/// comma-separated element, plus twice the indentation level. Commas reset the count (elements
/// of a list are siblings, not ancestors), except for `lambda`, whose parameters are separated by
/// commas too.
pub fn nesting_estimate(tokens: &[Token]) -> Nesting {
    use TokenKind as K;
    // Per open bracket: (level-adding tokens in the current element, `lambda`s in the bracket).
    let mut frames: Vec<(u32, u32)> = vec![(0, 0)];
    let mut sum: u32 = 0;
    let mut indent: u32 = 0;
    let mut out = Nesting {
        max: 0,
        first_excess: None,
    };
    for t in tokens {
        match t.kind() {
            K::Indent => indent = indent.saturating_add(1),
            K::Dedent => indent = indent.saturating_sub(1),
            K::Newline | K::Semi => {
                frames.clear();
                frames.push((0, 0));
                sum = 0;
            }
            K::Lpar | K::Lsqb | K::Lbrace | K::FStringStart | K::TStringStart => {
                frames.push((0, 0))
            }
            K::Rpar | K::Rsqb | K::Rbrace | K::FStringEnd | K::TStringEnd => {
                if frames.len() > 1
                    && let Some((c, l)) = frames.pop()
                {
                    sum = sum.saturating_sub(c).saturating_sub(l);
                }
                // The call / subscript / display node itself.
                bump(&mut frames, &mut sum, false);
            }
            K::Comma => {
                if let Some(last) = frames.last_mut() {
                    sum = sum.saturating_sub(last.0);
                    last.0 = 0;
                }
            }
            K::Lambda => bump(&mut frames, &mut sum, true),
            K::Plus
            | K::Minus
            | K::Star
            | K::Slash
            | K::DoubleSlash
            | K::Percent
            | K::DoubleStar
            | K::At
            | K::LeftShift
            | K::RightShift
            | K::Amper
            | K::Vbar
            | K::CircumFlex
            | K::Tilde
            | K::Less
            | K::Greater
            | K::EqEqual
            | K::NotEqual
            | K::LessEqual
            | K::GreaterEqual
            | K::In
            | K::Is
            | K::Not
            | K::And
            | K::Or
            | K::Dot
            | K::If
            | K::Else
            | K::Await
            | K::Yield
            | K::ColonEqual
            | K::Exclamation => bump(&mut frames, &mut sum, false),
            _ => {}
        }
        let depth = indent
            .saturating_mul(2)
            .saturating_add(frames.len() as u32)
            .saturating_add(sum);
        out.max = out.max.max(depth);
        if depth > MAX_NESTING && out.first_excess.is_none() {
            out.first_excess = Some(t.start().to_u32());
        }
    }
    out
}

/// Drops a tree that may be too deep to drop on the current stack: on a thread whose stack is
/// sized from the depth estimate, or, if that is not possible, not at all (the memory is leaked,
/// which only happens for pathological input).
fn dispose<T: Send + 'static>(tree: T, depth: u32) {
    const PER_LEVEL: usize = 2048;
    const CAP: usize = 1 << 30;
    let size = (depth as usize)
        .saturating_mul(PER_LEVEL)
        .saturating_add(8 << 20);
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(tree)));
    if size <= CAP {
        let theirs = std::sync::Arc::clone(&slot);
        let spawned = std::thread::Builder::new().stack_size(size).spawn(move || {
            let tree = theirs.lock().ok().and_then(|mut g| g.take());
            drop(tree);
        });
        if let Ok(handle) = spawned {
            let _ = handle.join();
        }
    }
    // Not dropped by the thread (not spawned, or too deep): leak it.
    let left = slot.lock().ok().and_then(|mut g| g.take());
    std::mem::forget(left);
}

fn bump(frames: &mut [(u32, u32)], sum: &mut u32, lambda: bool) {
    if let Some(last) = frames.last_mut() {
        if lambda {
            last.1 = last.1.saturating_add(1);
        } else {
            last.0 = last.0.saturating_add(1);
        }
        *sum = sum.saturating_add(1);
    }
}

fn span_of(r: TextRange) -> Span {
    Span::new(r.start().to_u32(), r.end().to_u32())
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

    fn state(&mut self, name: &str, span: Span, write: bool) {
        self.facts.state.push(StateAccess {
            name: name.to_string(),
            span,
            write,
            function: self.scope.function.clone(),
        });
    }

    // ----- functions --------------------------------------------------------------------

    fn function(&mut self, f: &ast::StmtFunctionDef) {
        let decorators: Vec<Decorator> =
            f.decorator_list.iter().map(|d| self.decorator(d)).collect();
        let description = decorators
            .iter()
            .find(|d| d.name.rsplit('.').next() == Some("func_description"))
            .and_then(|d| d.string_args.first())
            .map(|s| s.value.clone());
        let params: Vec<String> = param_list(&f.parameters)
            .iter()
            .map(|p| p.name.id.as_str().to_string())
            .collect();
        let (header_span, signature) = self.header(f);
        self.facts.functions.push(PyFunction {
            name: f.name.id.as_str().to_string(),
            name_span: span_of(f.name.range),
            header_span,
            signature,
            params,
            decorators,
            description,
            top_level: self.def_depth == 0,
        });
    }

    fn decorator(&self, d: &ast::Decorator) -> Decorator {
        let expr = &d.expression;
        let (callee, args): (&Expr, &[Expr]) = match expr {
            Expr::Call(c) => (&c.func, &c.arguments.args),
            other => (other, &[]),
        };
        Decorator {
            name: dotted(callee).unwrap_or_default(),
            text: self.slice(expr.range()).to_string(),
            span: span_of(d.range),
            string_args: args
                .iter()
                .filter_map(|a| py_string(self.text, a))
                .collect(),
        }
    }

    /// The header's span and its normalised text.
    fn header(&self, f: &ast::StmtFunctionDef) -> (Span, String) {
        let from = f
            .decorator_list
            .last()
            .map(|d| d.range.end())
            .unwrap_or(f.range.start())
            .max(f.range.start());
        let toks = self.tokens;
        let first = toks.partition_point(|t| t.start() < from);
        let name_start = f.name.range.start();
        let start_idx = toks
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .position(|t| matches!(t.kind(), TokenKind::Def | TokenKind::Async))
            .map(|i| i + first)
            .filter(|&i| toks.get(i).is_some_and(|t| t.start() <= name_start));
        let Some(start_idx) = start_idx else {
            let s = span_of(f.name.range);
            return (s, format!("def {}", f.name.id.as_str()));
        };
        let mut after = f.parameters.range.end();
        if let Some(r) = &f.returns {
            after = after.max(r.range().end());
        }
        let mut end_idx = toks.partition_point(|t| t.start() < after);
        let mut colon = None;
        for (i, t) in toks.iter().enumerate().skip(end_idx).take(64) {
            match t.kind() {
                TokenKind::Colon => {
                    colon = Some(i);
                    break;
                }
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => break,
                _ => {}
            }
        }
        let header_end = match colon {
            Some(i) => {
                end_idx = i;
                toks.get(i).map(|t| t.end()).unwrap_or(after)
            }
            None => after,
        };
        let start = toks.get(start_idx).map(|t| t.start()).unwrap_or(from);
        let span = Span::new(start.to_u32(), header_end.to_u32().max(start.to_u32()));
        // The `)` closing the parameter list, whose preceding comma is dropped.
        let close = f.parameters.range.end().to_u32().checked_sub(1);
        let sig = signature(
            self.text,
            toks.get(start_idx..end_idx.max(start_idx)).unwrap_or(&[]),
            close,
        );
        (span, sig)
    }

    // ----- calls ------------------------------------------------------------------------

    /// Returns true when the callee is a method of `conv.state`, which is not itself a state
    /// variable and must not be walked as one.
    fn call(&mut self, call: &ast::ExprCall) -> bool {
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

    // ----- returns ----------------------------------------------------------------------

    fn returned(&mut self, e: &Expr, level: u32) {
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

// ----- helpers ----------------------------------------------------------------------------

fn param_list(p: &ast::Parameters) -> Vec<&ast::Parameter> {
    let mut out: Vec<&ast::Parameter> = Vec::new();
    out.extend(p.posonlyargs.iter().map(|x| &x.parameter));
    out.extend(p.args.iter().map(|x| &x.parameter));
    if let Some(v) = &p.vararg {
        out.push(v);
    }
    out.extend(p.kwonlyargs.iter().map(|x| &x.parameter));
    if let Some(k) = &p.kwarg {
        out.push(k);
    }
    out
}

/// The last component of an annotation's dotted name (`Conversation`, `_gen.Conversation`,
/// `"Conversation"`).
fn annotation_name(text: &str, a: &Expr) -> String {
    if let Some(s) = plain_string(text, a) {
        return s
            .value
            .trim()
            .rsplit('.')
            .next()
            .unwrap_or_default()
            .to_string();
    }
    dotted(a)
        .and_then(|d| d.rsplit('.').next().map(str::to_string))
        .unwrap_or_default()
}

/// `a.b.c` for a chain of attributes on a name.
fn dotted(e: &Expr) -> Option<String> {
    let mut parts = Vec::new();
    let mut cur = e;
    for _ in 0..64 {
        match cur {
            Expr::Name(n) => {
                parts.push(n.id.as_str());
                parts.reverse();
                return Some(parts.join("."));
            }
            Expr::Attribute(a) => {
                parts.push(a.attr.id.as_str());
                cur = &a.value;
            }
            _ => return None,
        }
    }
    None
}

/// Normalised header text from its tokens (without the final colon).
fn signature(text: &str, toks: &[Token], params_close: Option<u32>) -> String {
    let significant: Vec<&Token> = toks
        .iter()
        .filter(|t| {
            !matches!(
                t.kind(),
                TokenKind::Comment
                    | TokenKind::NonLogicalNewline
                    | TokenKind::Newline
                    | TokenKind::Indent
                    | TokenKind::Dedent
            )
        })
        .collect();
    let mut out = String::new();
    let mut prev: Option<&Token> = None;
    for (i, t) in significant.iter().enumerate() {
        let next = significant.get(i + 1);
        if t.kind() == TokenKind::Comma
            && next.is_some_and(|n| {
                n.kind() == TokenKind::Rpar && Some(n.start().to_u32()) == params_close
            })
        {
            continue;
        }
        if let Some(p) = prev {
            let gap = p.end() < t.start();
            let after_open = matches!(
                p.kind(),
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace
            );
            let before_close = matches!(
                t.kind(),
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace | TokenKind::Comma
            );
            if gap && !after_open && !before_close {
                out.push(' ');
            }
        }
        out.push_str(
            text.get(t.start().to_usize()..t.end().to_usize())
                .unwrap_or(""),
        );
        prev = Some(t);
    }
    out
}

/// A string literal or implicit concatenation of string literals (no f-strings).
fn plain_string(text: &str, e: &Expr) -> Option<PyString> {
    match e {
        Expr::StringLiteral(_) => py_string(text, e),
        _ => None,
    }
}

/// Cooks a string literal or f-string expression, mapping the value back to raw offsets.
fn py_string(text: &str, e: &Expr) -> Option<PyString> {
    let mut b = Cooker {
        text,
        value: String::new(),
        map: OffsetMap::new(),
        raw_end: 0,
    };
    match e {
        Expr::StringLiteral(s) => {
            for part in s.value.iter() {
                b.literal(part);
            }
        }
        Expr::FString(f) => {
            for part in f.value.iter() {
                match part {
                    FStringPart::Literal(l) => b.literal(l),
                    FStringPart::FString(fs) => b.fstring(fs),
                }
            }
        }
        _ => return None,
    }
    let mut map = b.map;
    map.set_raw_end(b.raw_end);
    Some(PyString {
        value: b.value,
        span: span_of(e.range()),
        map,
    })
}

struct Cooker<'t> {
    text: &'t str,
    value: String,
    map: OffsetMap,
    raw_end: u32,
}

impl Cooker<'_> {
    /// The raw content range (between the quotes) of a string part.
    fn content(&self, range: TextRange, flags: impl StringFlags) -> (usize, usize) {
        let start = (range.start() + flags.opener_len()).to_usize();
        let end = range
            .end()
            .to_usize()
            .saturating_sub(flags.closer_len().to_usize());
        let end = end.max(start).min(self.text.len());
        (start.min(end), end)
    }

    fn literal(&mut self, part: &ast::StringLiteral) {
        let (start, end) = self.content(part.range, part.flags);
        self.cook(start, end, part.flags.prefix().is_raw(), false, &part.value);
    }

    fn fstring(&mut self, fs: &ast::FString) {
        let raw = fs.flags.prefix().is_raw();
        let (start, end) = self.content(fs.range, fs.flags);
        for el in fs.elements.iter() {
            match el {
                InterpolatedStringElement::Literal(l) => {
                    let s = l.range.start().to_usize().clamp(start, end);
                    let e = l.range.end().to_usize().clamp(s, end);
                    self.cook(s, e, raw, true, &l.value);
                }
                InterpolatedStringElement::Interpolation(i) => {
                    self.map
                        .push(self.value.len() as u32, i.range.start().to_u32());
                    self.value.push(PLACEHOLDER);
                    self.raw_end = i.range.end().to_u32();
                }
            }
        }
        self.raw_end = self.raw_end.max(end as u32);
    }

    /// Appends `cooked` (the parser's value for raw bytes `start..end`) and maps each cooked
    /// character to the raw unit (plain character, escape sequence, doubled brace) it came from.
    fn cook(&mut self, start: usize, end: usize, raw: bool, fstring: bool, cooked: &str) {
        let r = self.text.get(start..end).unwrap_or("");
        let rb = r.as_bytes();
        // Most parts read as they are written (no escapes, line breaks or doubled braces): the
        // loop below would map every character to its own raw byte, which is one segment.
        if cooked.as_bytes() == rb
            && !rb
                .iter()
                .any(|&c| c == b'\\' || c == b'\r' || (fstring && (c == b'{' || c == b'}')))
        {
            if !cooked.is_empty() {
                self.map.push(self.value.len() as u32, start as u32);
                self.value.push_str(cooked);
            }
            self.raw_end = end as u32;
            return;
        }
        let mut chars = cooked.chars();
        let mut i = 0usize;
        while i < rb.len() {
            let b = rb[i];
            // (raw length of the unit, cooked characters it yields, raw offset to map to)
            let (len, n, at) = if fstring && (b == b'{' || b == b'}') && rb.get(i + 1) == Some(&b) {
                // `{{` maps to its first brace, `}}` to its second, so a cooked `{{x}}` spans
                // the whole raw `{{{{x}}}}`.
                (2, 1, if b == b'{' { i } else { i + 1 })
            } else if b == b'\\' && !raw {
                let (len, n) = escape_len(rb, i);
                (len, n, i)
            } else if b == b'\r' && rb.get(i + 1) == Some(&b'\n') {
                let peek = chars.clone().next();
                if peek == Some('\n') {
                    (2, 1, i)
                } else {
                    (1, 1, i)
                }
            } else {
                let w = r
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                (w, 1, i)
            };
            for _ in 0..n {
                let Some(c) = chars.next() else { break };
                self.map.push(self.value.len() as u32, (start + at) as u32);
                self.value.push(c);
            }
            i += len.max(1);
        }
        // Whatever the parser cooked beyond what was matched maps to the end of the part.
        for c in chars {
            self.map.push(self.value.len() as u32, end as u32);
            self.value.push(c);
        }
        self.raw_end = end as u32;
    }
}

/// Raw length and cooked character count of the escape starting at `rb[i] == b'\\'`.
fn escape_len(rb: &[u8], i: usize) -> (usize, usize) {
    let Some(&n) = rb.get(i + 1) else {
        return (1, 1);
    };
    let hex_run = |from: usize, max: usize| {
        rb.get(from..)
            .unwrap_or(&[])
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_hexdigit())
            .count()
    };
    match n {
        b'\n' => (2, 0),
        b'\r' => {
            if rb.get(i + 2) == Some(&b'\n') {
                (3, 0)
            } else {
                (2, 0)
            }
        }
        b'\\' | b'\'' | b'"' | b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' => (2, 1),
        b'0'..=b'7' => {
            let digits = rb
                .get(i + 1..)
                .unwrap_or(&[])
                .iter()
                .take(3)
                .take_while(|c| (b'0'..=b'7').contains(c))
                .count();
            (1 + digits, 1)
        }
        b'x' => (2 + hex_run(i + 2, 2), 1),
        b'u' => (2 + hex_run(i + 2, 4), 1),
        b'U' => (2 + hex_run(i + 2, 8), 1),
        b'N' if rb.get(i + 2) == Some(&b'{') => {
            match rb
                .get(i + 3..)
                .and_then(|s| s.iter().position(|&c| c == b'}'))
            {
                Some(p) => (i + 3 + p + 1 - i, 1),
                None => (2, 2),
            }
        }
        // Unknown escape: the backslash is kept and the next character is read normally.
        _ => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Span of the `nth` (0-based) occurrence of `needle` in `text`.
    fn sp(text: &str, needle: &str, nth: usize) -> Span {
        let start = text
            .match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
        Span::from_range(start..start + needle.len())
    }

    fn lit(text: &str, quoted: &str, value: &str) -> PyValue {
        PyValue::Literal(value.to_string(), sp(text, quoted, 0))
    }

    fn raw(text: &str, s: Span) -> &str {
        &text[s.range()]
    }

    const AGENT: &str = r#"from _gen import *  # <AUTO GENERATED>
from functions.lookup_account import lookup_account

REASON_TO_TARGET = {"billing": "Billing Team", "other": "DEFAULT"}

@func_description(
    "Transfers the caller to the right team"
)
@func_parameter("reason", "Why the caller wants a human")
def transfer_to_agent(
    conv: Conversation,
    reason: str,
):
    conv.state.transfer_reason = reason
    if conv.state.vip:
        conv.functions.log_vip(conv)
    conv.call_handoff(destination=REASON_TO_TARGET.get(reason, "DEFAULT"), reason="needs_human", utterance="One moment")
    return {"handoff": {"refer": {"phone_number": "+15551234567", "sip_headers": {"X-Reason": reason}}}}
"#;

    #[test]
    fn agent_function_header_and_decorators() {
        let f = extract(AGENT);
        assert!(f.syntax_errors.is_empty(), "{:?}", f.syntax_errors);
        assert_eq!(f.functions.len(), 1);
        let func = &f.functions[0];
        assert_eq!(func.name, "transfer_to_agent");
        assert_eq!(func.name_span, sp(AGENT, "transfer_to_agent", 0));
        assert_eq!(
            raw(AGENT, func.header_span),
            "def transfer_to_agent(\n    conv: Conversation,\n    reason: str,\n):"
        );
        assert_eq!(
            func.signature,
            "def transfer_to_agent(conv: Conversation, reason: str)"
        );
        assert_eq!(func.params, vec!["conv", "reason"]);
        assert!(func.top_level);
        assert_eq!(
            func.description.as_deref(),
            Some("Transfers the caller to the right team")
        );
        assert_eq!(func.decorators.len(), 2);
        let d0 = &func.decorators[0];
        assert_eq!(d0.name, "func_description");
        assert_eq!(
            d0.text,
            "func_description(\n    \"Transfers the caller to the right team\"\n)"
        );
        assert_eq!(
            raw(AGENT, d0.span),
            "@func_description(\n    \"Transfers the caller to the right team\"\n)"
        );
        let d1 = &func.decorators[1];
        assert_eq!(d1.name, "func_parameter");
        let args: Vec<&str> = d1.string_args.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(args, vec!["reason", "Why the caller wants a human"]);
        assert_eq!(d1.string_args[0].span, sp(AGENT, "\"reason\"", 0));
    }

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

    #[test]
    fn description_with_implicit_concatenation_and_async_header() {
        let src = "@func_description(\n    \"Looks up \"\n    'the account'  # why\n)\n@tools.register\nasync def lookup(conv: Conversation, *args, key: str = \"a\", **kw) -> dict:  # c\n    return \"done\"\n";
        let f = extract(src);
        let func = &f.functions[0];
        assert_eq!(func.description.as_deref(), Some("Looks up the account"));
        assert_eq!(func.decorators[1].name, "tools.register");
        assert_eq!(func.decorators[1].text, "tools.register");
        assert_eq!(func.decorators[1].string_args, vec![]);
        let s = &func.decorators[0].string_args[0];
        assert_eq!(raw(src, s.span), "\"Looks up \"\n    'the account'");
        // "the" in the second part maps to its raw bytes.
        let c = s.value.find("the").unwrap();
        assert_eq!(s.map.span(c..c + 3), sp(src, "the", 0));
        assert_eq!(
            raw(src, func.header_span),
            "async def lookup(conv: Conversation, *args, key: str = \"a\", **kw) -> dict:"
        );
        assert_eq!(
            func.signature,
            "async def lookup(conv: Conversation, *args, key: str = \"a\", **kw) -> dict"
        );
        assert_eq!(func.params, vec!["conv", "args", "key", "kw"]);
        assert_eq!(f.model_strings.len(), 1);
        assert_eq!(f.model_strings[0].value, "done");
    }

    #[test]
    fn header_with_comments_inside() {
        let src = "def f(  # first\n    conv,   # the conversation\n    flow: Flow,\n)  ->  None :\n    pass\n";
        let f = extract(src);
        let func = &f.functions[0];
        assert_eq!(func.signature, "def f(conv, flow: Flow) -> None");
        assert_eq!(
            raw(src, func.header_span),
            &src[..src.find(":\n").unwrap() + 1]
        );
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
    fn syntax_error_keeps_earlier_functions() {
        let src = "def ok(conv):\n    conv.state.x = 1\n    return \"fine\"\n\ndef broken(:\n    pass\n\ndef after(conv):\n    conv.goto_flow(\"Billing\")\n";
        let f = extract(src);
        assert!(!f.syntax_errors.is_empty());
        let (msg, span) = &f.syntax_errors[0];
        assert!(!msg.is_empty());
        assert!(span.start as usize >= src.find("broken").unwrap());
        assert_eq!(f.functions[0].name, "ok");
        assert_eq!(f.functions[0].signature, "def ok(conv)");
        assert_eq!(f.state.len(), 1);
        assert_eq!(f.state[0].name, "x");
        assert_eq!(f.model_strings[0].value, "fine");
        assert!(f.functions.iter().any(|x| x.name == "after"));
        assert_eq!(f.goto_flows.len(), 1);
        assert_eq!(f.goto_flows[0].value, lit(src, "\"Billing\"", "Billing"));
    }

    #[test]
    fn fstring_cooking_and_mapping() {
        let src = "def f(conv, name):\n    return f\"Say {{{{fn:x}}}} now {name}\"\n";
        let f = extract(src);
        assert_eq!(f.model_strings.len(), 1);
        let s = &f.model_strings[0];
        assert_eq!(s.value, format!("Say {{{{fn:x}}}} now {PLACEHOLDER}"));
        assert_eq!(raw(src, s.span), "f\"Say {{{{fn:x}}}} now {name}\"");
        let c = s.value.find("{{fn:x}}").unwrap();
        assert_eq!(s.map.span(c..c + 8), sp(src, "{{{{fn:x}}}}", 0));
        assert_eq!(raw(src, s.map.span(c + 2..c + 6)), "fn:x");
        let p = s.value.find(PLACEHOLDER).unwrap();
        assert_eq!(s.map.to_raw(p as u32), sp(src, "{name}", 0).start);
        let n = s.value.find("now").unwrap();
        assert_eq!(s.map.span(n..n + 3), sp(src, "now", 0));
    }

    /// `{{fn:x}}` (cooked) inside each literal form maps to the exact raw bytes.
    #[test]
    fn literal_forms_map_references_to_raw_bytes() {
        let cases: &[(&str, &str)] = &[
            (r#""{{fn:x}}""#, "{{fn:x}}"),
            (r#""a\"b {{fn:x}}""#, "{{fn:x}}"),
            (r#"'it\'s\n\t{{fn:x}}'"#, "{{fn:x}}"),
            (r#""\u00e9\x41\101 {{fn:x}}""#, "{{fn:x}}"),
            (r#""\N{BULLET} {{fn:x}}""#, "{{fn:x}}"),
            (r#"r"\d+\n {{fn:x}}""#, "{{fn:x}}"),
            (r#"R'\'{{fn:x}}'"#, "{{fn:x}}"),
            ("\"\"\"line one\nline \"two\"\n{{fn:x}}\"\"\"", "{{fn:x}}"),
            ("'''a\\\nb {{fn:x}}'''", "{{fn:x}}"),
            (r#""abc" 'd\'e' "{{fn:x}}""#, "{{fn:x}}"),
            (r#""ab" f"{v}{{{{fn:x}}}}""#, "{{{{fn:x}}}}"),
            (r#"rf"\d{{{{fn:x}}}}""#, "{{{{fn:x}}}}"),
            (r#"f'''{a!r:>{w}} \t{{{{fn:x}}}}'''"#, "{{{{fn:x}}}}"),
            (r#""é€😀 {{fn:x}}""#, "{{fn:x}}"),
        ];
        for (lit_src, raw_ref) in cases {
            let src = format!("def f(conv):\n    return {lit_src}\n");
            let f = extract(&src);
            assert!(
                f.syntax_errors.is_empty(),
                "{lit_src}: {:?}",
                f.syntax_errors
            );
            assert_eq!(f.model_strings.len(), 1, "{lit_src}");
            let s = &f.model_strings[0];
            assert_eq!(raw(&src, s.span), *lit_src);
            let c = s
                .value
                .find("{{fn:x}}")
                .unwrap_or_else(|| panic!("{lit_src}: {:?}", s.value));
            let got = s.map.span(c..c + "{{fn:x}}".len());
            assert_eq!(got, sp(&src, raw_ref, 0), "{lit_src}: {:?}", s.value);
        }
        // Cooked values.
        let value = |lit_src: &str| {
            let src = format!("x = 1\ndef f():\n    return {lit_src}\n");
            extract(&src).model_strings[0].value.clone()
        };
        assert_eq!(value(r#""a\"b\n""#), "a\"b\n");
        assert_eq!(value(r#""\u00e9\N{BULLET}""#), "é•");
        assert_eq!(value(r#"r"\d""#), "\\d");
        assert_eq!(value(r#""ab" 'cd'"#), "abcd");
        assert_eq!(value(r#"f"{{x}}""#), "{x}");
    }

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

    fn run_big(src: String) -> PyFacts {
        // Run on a thread with a modest stack to show the bound holds.
        std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || extract(&src))
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn pathological_nesting_does_not_crash() {
        let deep_parens = format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000));
        let f = run_big(deep_parens);
        assert_eq!(f.syntax_errors.len(), 1);
        assert_eq!(f.syntax_errors[0].0, "too deeply nested to analyse");
        for src in [
            format!("x = {}1\n", "-".repeat(50_000)),
            format!("x = 1{}\n", "+1".repeat(100_000)),
            format!("x = a{}\n", ".b".repeat(20_000)),
            format!("x = f{}\n", "()".repeat(20_000)),
            format!("x = {}\n", "[".repeat(30_000)),
            format!("x = {}1\n", "lambda a, b: ".repeat(20_000)),
            format!("x = {}1\n", "not ".repeat(20_000)),
        ] {
            let f = run_big(src);
            assert!(
                f.syntax_errors
                    .iter()
                    .any(|e| e.0 == "too deeply nested to analyse")
            );
        }
        // Moderately deep code still parses and is walked.
        let src = format!(
            "def f(conv):\n    return {}conv.state.a{}\n",
            "(".repeat(100),
            ")".repeat(100)
        );
        let f = run_big(src);
        assert!(f.syntax_errors.is_empty());
        assert_eq!(f.state.len(), 1);
        let src = format!("def f(conv):\n    x = conv.state.a{}\n", " + 1".repeat(900));
        let f = run_big(src);
        assert!(f.syntax_errors.is_empty());
        assert_eq!(f.functions.len(), 1);
        // Deep blocks with a function and a long chain at the bottom.
        let mut src = String::new();
        for i in 0..200 {
            src.push_str(&" ".repeat(i));
            src.push_str("if x:\n");
        }
        src.push_str(&" ".repeat(200));
        src.push_str(&format!(
            "def g(conv):\n{}y = 1{}\n",
            " ".repeat(204),
            " + z".repeat(500)
        ));
        let f = run_big(src);
        assert!(f.syntax_errors.is_empty(), "{:?}", f.syntax_errors);
        assert_eq!(f.functions.len(), 1);
        // Inside `if` blocks but not inside a def or class: still top-level.
        assert!(f.functions[0].top_level);
        // A long flat list is not deep.
        let src = format!("X = [{}]\n", "\"a\", ".repeat(20_000));
        let f = run_big(src);
        assert!(f.syntax_errors.is_empty());
        assert_eq!(f.constants[0].1.len(), 20_000);
    }

    #[test]
    fn unclosed_bracket_is_not_deep_nesting() {
        let mut src = String::from("x = foo(\n\n");
        for i in 0..400 {
            src.push_str(&format!(
                "def f{i}(conv):\n    conv.state.a.b.c = d.e.f + g.h - i.j\n"
            ));
        }
        let f = run_big(src);
        assert!(!f.syntax_errors.is_empty());
        assert!(
            f.syntax_errors
                .iter()
                .all(|e| e.0 != "too deeply nested to analyse")
        );
        assert!(f.functions.len() >= 399, "{}", f.functions.len());
    }

    #[test]
    fn nesting_estimate_reports_position() {
        let src = format!("a = 1\nx = {}1\n", "-".repeat(2000));
        let parsed = ruff_python_parser::parse_unchecked(&src, ParseOptions::from(Mode::Module));
        let n = nesting_estimate(parsed.tokens());
        assert_eq!(n.max, 2001);
        // The 1000th `-` (after `x = ` on line two) tips it over.
        assert_eq!(n.first_excess, Some(10 + 999));
        let f = extract(&src);
        assert_eq!(
            f.syntax_errors,
            vec![(
                "too deeply nested to analyse".to_string(),
                Span::new(1009, 1009)
            )]
        );
    }

    #[test]
    fn broken_inputs_never_panic() {
        let samples = [
            AGENT,
            "def f(conv):\n    return f\"{{{{fn:x}}}} {a!r:>{w}} \\N{BULLET} \\u00\"\n",
            "x = '\\",
            "@\ndef",
            "def f(\n",
            "return {\"handoff\": {\"refer\": ",
            "x = f'{'",
            "\u{FEFF}def é(conv): conv.state.ü = '€'\r\n",
            "x = \"\"\"unterminated",
            "class A(:\n  def",
        ];
        for s in samples {
            let mut cut = 0;
            while cut <= s.len() {
                if s.is_char_boundary(cut) {
                    let _ = extract(&s[..cut]);
                }
                cut += 1;
            }
        }
    }
}
