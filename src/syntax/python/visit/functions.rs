//! Function definitions: names, parameters, decorators, descriptions and the normalised header.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

use super::Collector;
use crate::source::Span;
use crate::syntax::python::cook::{plain_string, py_string};
use crate::syntax::python::facts::{Decorator, LitKind, Number, PyFunction, PyLit};
use crate::syntax::python::parse::span_of;

impl<'a> Collector<'a> {
    pub(super) fn function(&mut self, f: &ast::StmtFunctionDef) {
        let decorators: Vec<Decorator> =
            f.decorator_list.iter().map(|d| self.decorator(d)).collect();
        // The ADK reads a description only from a call of the bare name with one argument.
        let description = decorators
            .iter()
            .rfind(|d| d.name == "func_description" && d.call && d.positional == 1)
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
        let (callee, args, keywords, call): (&Expr, &[Expr], &[ast::Keyword], bool) = match expr {
            Expr::Call(c) => (&c.func, &c.arguments.args, &c.arguments.keywords, true),
            other => (other, &[], &[], false),
        };
        Decorator {
            name: dotted(callee).unwrap_or_default(),
            text: self.slice(expr.range()).to_string(),
            span: span_of(d.range),
            string_args: args
                .iter()
                .filter_map(|a| py_string(self.text, a))
                .collect(),
            call,
            positional: args.len(),
            named_call: matches!(expr, Expr::Call(_)) && matches!(callee, Expr::Name(_)),
            keywords: keywords
                .iter()
                .filter_map(|k| {
                    let arg = k.arg.as_ref()?;
                    Some((
                        arg.id.as_str().to_string(),
                        span_of(arg.range),
                        self.literal(&k.value, 0),
                    ))
                })
                .collect(),
        }
    }

    /// An expression read as a literal ([`PyLit`]), lists and tuples to a bounded depth.
    fn literal(&self, e: &Expr, depth: usize) -> PyLit {
        let span = span_of(e.range());
        let kind = match e {
            Expr::StringLiteral(_) => match plain_string(self.text, e) {
                Some(s) => LitKind::Str(s),
                None => LitKind::Expr,
            },
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => {
                    LitKind::Num(Number(i.as_i64().map_or(f64::MAX, |v| v as f64)))
                }
                ast::Number::Float(f) => LitKind::Num(Number(*f)),
                ast::Number::Complex { .. } => LitKind::OtherConst,
            },
            Expr::BooleanLiteral(b) => LitKind::Bool(b.value),
            Expr::NoneLiteral(_) => LitKind::None,
            Expr::BytesLiteral(_) | Expr::EllipsisLiteral(_) => LitKind::OtherConst,
            Expr::List(l) if depth < 4 => {
                LitKind::List(l.elts.iter().map(|x| self.literal(x, depth + 1)).collect())
            }
            Expr::Tuple(t) if depth < 4 => {
                LitKind::Tuple(t.elts.iter().map(|x| self.literal(x, depth + 1)).collect())
            }
            _ => LitKind::Expr,
        };
        PyLit { span, kind }
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
}

pub(super) fn param_list(p: &ast::Parameters) -> Vec<&ast::Parameter> {
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
pub(super) fn annotation_name(text: &str, a: &Expr) -> String {
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

#[cfg(test)]
mod tests {
    use crate::syntax::python::extract;
    use crate::syntax::python::test_support::{AGENT, raw, sp};

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
}
