//! String cooking: a Python string literal or f-string to its cooked value, with an offset map
//! from the value back to the raw bytes (through escapes, raw prefixes, implicit concatenation and
//! f-string brace escapes).

use ruff_python_ast::{self as ast, Expr, FStringPart, InterpolatedStringElement, StringFlags};
use ruff_text_size::{Ranged, TextRange};

use super::facts::PyString;
use super::parse::span_of;
use crate::source::OffsetMap;

/// Stands in for an f-string replacement field (`{name}`) in a cooked model string. It is not a
/// word character, a brace, `$` or `<`, so it can never complete or extend a template reference.
pub const PLACEHOLDER: char = '\u{FFFC}';

/// A string literal or implicit concatenation of string literals (no f-strings).
pub(super) fn plain_string(text: &str, e: &Expr) -> Option<PyString> {
    match e {
        Expr::StringLiteral(_) => py_string(text, e),
        _ => None,
    }
}

/// Cooks a string literal or f-string expression, mapping the value back to raw offsets.
pub(super) fn py_string(text: &str, e: &Expr) -> Option<PyString> {
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
    use crate::syntax::python::extract;
    use crate::syntax::python::test_support::{raw, sp};

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
}
