//! Parsing a Python file: driving ruff's error-tolerant parser, and keeping syntax trees too deep
//! to walk or drop on the stack out of the analysis.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_parser::{Mode, ParseOptions};
use ruff_text_size::{Ranged, TextRange};

use super::facts::PyFacts;
use super::visit;
use crate::source::Span;

/// Files whose estimated syntax-tree depth exceeds this are not analysed (see [`nesting_estimate`]).
pub const MAX_NESTING: u32 = 1000;

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
    visit::collect(text, module.tokens(), suite, facts)
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

pub(super) fn span_of(r: TextRange) -> Span {
    Span::new(r.start().to_u32(), r.end().to_u32())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::python::test_support::{AGENT, lit};

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
