//! The facts read from one Python file: [`PyFacts`] and the types it holds.

use crate::source::{OffsetMap, Span};

/// A string literal (or f-string, or an implicit concatenation of them) with its cooked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyString {
    /// The cooked value. f-string replacement fields appear as [`PLACEHOLDER`](super::PLACEHOLDER).
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
    /// Whether the decorator is a call (`@func_description("...")`, not `@func_description`).
    pub call: bool,
    /// How many positional arguments the call has, strings or not.
    pub positional: usize,
    /// A call whose callee is a plain name (`@func_latency_control(...)`, not
    /// `@poly.func_latency_control(...)` or a bare `@name`): the only shape whose keyword
    /// arguments the ADK reads (`decorator.func.id`).
    pub named_call: bool,
    /// The keyword arguments of a call decorator, in order: name, name's span, value.
    pub keywords: Vec<(String, Span, PyLit)>,
}

/// A number literal's value (a float; an integer beyond 2^53 rounds), compared by its bits.
#[derive(Debug, Clone, Copy)]
pub struct Number(pub f64);

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Number {}

/// An expression as far as a literal reading goes: Python's `ast.Constant` kinds, lists and
/// tuples of them, and anything else as an opaque expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyLit {
    /// The expression's span.
    pub span: Span,
    pub kind: LitKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LitKind {
    /// A string literal or an implicit concatenation of string literals (not an f-string).
    Str(PyString),
    /// An integer or float literal (`-1` is a unary operation, not a literal: [`LitKind::Expr`]).
    Num(Number),
    Bool(bool),
    None,
    /// Another constant: bytes, a complex number, `...`.
    OtherConst,
    List(Vec<PyLit>),
    Tuple(Vec<PyLit>),
    /// Anything else (an f-string, a name, a call, an operation).
    Expr,
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
    /// Every `conv.api.<integration>[.<operation>]` chain.
    pub api_calls: Vec<ApiCall>,
}

/// `conv.api.<integration>.<operation>`: a use of an API integration of
/// `config/api_integrations.yaml` (and of one of its operations, when the chain names one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiCall {
    pub integration: String,
    /// The integration's attribute name.
    pub span: Span,
    pub operation: Option<(String, Span)>,
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
            api_calls,
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
        api_calls.shrink_to_fit();
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
