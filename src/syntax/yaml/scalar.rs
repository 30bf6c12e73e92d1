//! Scalar decoding: the cooked value of a plain, quoted or block scalar and its offset map, read
//! from the raw token text (line folding, escapes, indentation stripping and chomping).

use crate::source::{OffsetMap, Span};

// ---------------------------------------------------------------------------------------------
// Raw-text helpers (all positions are byte offsets; every delimiter looked for is ASCII, so every
// position they produce is a char boundary)
// ---------------------------------------------------------------------------------------------

fn break_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(b'\r') if b.get(p + 1) == Some(&b'\n') => 2,
        Some(b'\r' | b'\n') => 1,
        _ => 0,
    }
}

pub(super) fn line_end(b: &[u8], p: usize) -> usize {
    let p = p.min(b.len());
    memchr::memchr2(b'\n', b'\r', &b[p..]).map_or(b.len(), |i| p + i)
}

pub(super) fn line_start(b: &[u8], p: usize) -> usize {
    let p = p.min(b.len());
    b[..p]
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |i| i + 1)
}

pub(super) fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// Fold the line break at `p` and the blank lines after it (flow scalars): a single break
/// becomes a space, each further break a newline. Returns the position after them.
fn fold_breaks(b: &[u8], p: usize, out: &mut Out) -> usize {
    let (after, empty) = empty_lines(b, p + break_len(b, p), out);
    if !empty {
        out.put(' ', p, break_len(b, p));
    }
    after
}

/// The empty lines starting at `p` (after a line break): each becomes a newline. Returns the
/// position after them and whether there were any.
fn empty_lines(b: &[u8], mut p: usize, out: &mut Out) -> (usize, bool) {
    let mut any = false;
    loop {
        p = skip_blanks(b, p);
        let bl = break_len(b, p);
        if bl == 0 {
            return (p, any);
        }
        out.put('\n', p, bl);
        any = true;
        p += bl;
    }
}

fn skip_blanks(b: &[u8], mut p: usize) -> usize {
    while b.get(p).is_some_and(|&c| is_blank(c)) {
        p += 1;
    }
    p
}

fn skip_non_blank(b: &[u8], mut p: usize) -> usize {
    while b
        .get(p)
        .is_some_and(|&c| !is_blank(c) && c != b'\n' && c != b'\r')
    {
        p += 1;
    }
    p
}

/// Skip whitespace, line breaks, comments, anchors and tags from `p` (not past `limit`).
pub(super) fn skip_properties(b: &[u8], mut p: usize, limit: usize) -> usize {
    while p < limit {
        match b[p] {
            b' ' | b'\t' | b'\n' | b'\r' => p += 1,
            b'#' => p = line_end(b, p),
            b'!' | b'&' => p = skip_non_blank(b, p),
            _ => break,
        }
    }
    p.min(limit)
}

/// Find a block scalar's `|`/`>` indicator in `[from, limit)`, skipping whitespace, comments,
/// node properties and structural indicators.
pub(super) fn find_block_header(b: &[u8], from: usize, limit: usize) -> Option<usize> {
    let mut p = from;
    let limit = limit.min(b.len());
    while p < limit {
        match b[p] {
            b'|' | b'>' => return Some(p),
            b'#' if p == from || p == 0 || matches!(b[p - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                p = line_end(b, p)
            }
            b'!' | b'&' | b'*' => p = skip_non_blank(b, p),
            _ => p += 1,
        }
    }
    None
}

pub(super) fn is_document_marker(b: &[u8], p: usize) -> bool {
    let m = b.get(p..p + 3);
    (m == Some(b"---") || m == Some(b"..."))
        && b.get(p + 3)
            .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
}

// ---------------------------------------------------------------------------------------------
// Scalar decoding: cooked value + offset map from the raw token text
// ---------------------------------------------------------------------------------------------

pub(super) struct Cooked {
    pub(super) value: String,
    pub(super) map: OffsetMap,
    pub(super) span: Span,
}

/// Accumulates a cooked value and its offset map.
struct Out {
    value: String,
    map: OffsetMap,
    raw_end: usize,
}

impl Out {
    /// With room for `bytes` of cooked text in `segments` map segments, so that a value whose
    /// size is known ahead grows without copying.
    fn with_capacity(raw_start: usize, bytes: usize, segments: usize) -> Out {
        Out {
            value: String::with_capacity(bytes),
            map: OffsetMap::with_capacity(segments),
            raw_end: raw_start,
        }
    }
    /// Append raw text copied verbatim from `raw`.
    fn copy(&mut self, text: &str, raw: usize, end: usize) {
        if end <= raw {
            return;
        }
        self.map.push(self.value.len() as u32, raw as u32);
        self.value.push_str(text.get(raw..end).unwrap_or(""));
        self.raw_end = end;
    }
    /// Append one cooked char produced by the raw bytes `[raw, raw + raw_len)`.
    fn put(&mut self, ch: char, raw: usize, raw_len: usize) {
        self.map.push(self.value.len() as u32, raw as u32);
        self.value.push(ch);
        // Later text restarts its own segment.
        self.raw_end = raw + raw_len;
        self.map.push(self.value.len() as u32, self.raw_end as u32);
    }
    fn finish(mut self, span_start: usize, span_end: usize) -> Cooked {
        self.map.set_raw_end(self.raw_end as u32);
        Cooked {
            value: self.value,
            map: self.map,
            span: Span::new(span_start as u32, span_end as u32),
        }
    }
}

/// Plain scalar `[start, end)`: lines folded, leading/trailing whitespace of lines trimmed.
pub(super) fn decode_plain(text: &str, start: usize, end: usize) -> Cooked {
    let b = &text.as_bytes()[..end.min(text.len())];
    // The cooked text is never longer than the raw; one segment unless the scalar folds.
    let mut out = Out::with_capacity(start, end.saturating_sub(start), 1);
    let mut p = start;
    loop {
        let le = line_end(b, p);
        let mut te = le;
        while te > p && is_blank(b[te - 1]) {
            te -= 1;
        }
        out.copy(text, p, te);
        if le >= b.len() {
            break;
        }
        p = fold_breaks(b, le, &mut out);
    }
    out.finish(start, end)
}

/// Quoted scalar whose opening quote is at `open`. `None` if unterminated or malformed.
pub(super) fn decode_quoted(text: &str, open: usize, single: bool) -> Option<Cooked> {
    let b = text.as_bytes();
    let quote = if single { b'\'' } else { b'"' };
    if b.get(open) != Some(&quote) {
        return None;
    }
    // Room up to the next quote character, which usually closes the scalar.
    let guess = memchr::memchr(quote, &b[(open + 1).min(b.len())..]).unwrap_or(0);
    let mut out = Out::with_capacity(open + 1, guess, 1);
    let mut p = open + 1;
    loop {
        let c = *b.get(p)?;
        if c == quote {
            if single && b.get(p + 1) == Some(&b'\'') {
                out.put('\'', p, 2);
                p += 2;
                continue;
            }
            let mut cooked = out.finish(open, p + 1);
            if cooked.value.is_empty() {
                cooked.map = OffsetMap::new();
                cooked.map.push(0, p as u32);
                cooked.map.set_raw_end(p as u32);
            }
            return Some(cooked);
        }
        match c {
            b' ' | b'\t' => {
                let ws = p;
                p = skip_blanks(b, p);
                if break_len(b, p) == 0 {
                    out.copy(text, ws, p);
                }
            }
            b'\n' | b'\r' => p = fold_breaks(b, p, &mut out),
            b'\\' if !single => {
                let e = *b.get(p + 1)?;
                if e == b'\n' || e == b'\r' {
                    // Escaped line break: joined without a space; empty lines still count.
                    p = empty_lines(b, p + 1 + break_len(b, p + 1), &mut out).0;
                    continue;
                }
                let simple = match e {
                    b'0' => Some('\0'),
                    b'a' => Some('\x07'),
                    b'b' => Some('\x08'),
                    b't' | b'\t' => Some('\t'),
                    b'n' => Some('\n'),
                    b'v' => Some('\x0b'),
                    b'f' => Some('\x0c'),
                    b'r' => Some('\r'),
                    b'e' => Some('\x1b'),
                    b' ' => Some(' '),
                    b'"' => Some('"'),
                    b'/' => Some('/'),
                    b'\\' => Some('\\'),
                    b'N' => Some('\u{85}'),
                    b'_' => Some('\u{a0}'),
                    b'L' => Some('\u{2028}'),
                    b'P' => Some('\u{2029}'),
                    _ => None,
                };
                if let Some(ch) = simple {
                    out.put(ch, p, 2);
                    p += 2;
                    continue;
                }
                let digits = match e {
                    b'x' => 2,
                    b'u' => 4,
                    b'U' => 8,
                    _ => return None,
                };
                let hex = b.get(p + 2..p + 2 + digits)?;
                let mut code = 0u32;
                for &h in hex {
                    code = (code << 4) | (h as char).to_digit(16)?;
                }
                out.put(char::from_u32(code)?, p, 2 + digits);
                p += 2 + digits;
            }
            _ => {
                let s = p;
                while let Some(&c) = b.get(p) {
                    if c == quote
                        || matches!(c, b' ' | b'\t' | b'\n' | b'\r')
                        || (!single && c == b'\\')
                    {
                        break;
                    }
                    p += 1;
                }
                out.copy(text, s, p);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// How a block scalar's content indentation is found.
#[derive(Clone, Copy)]
pub(super) enum BlockIndent {
    /// Known from the position of the first content character.
    Known(usize),
    /// Derived from the header and the enclosing block indentation (-1 at the top level).
    Parent(isize),
}

pub(super) struct BlockResult {
    pub(super) cooked: Cooked,
    /// The content's last line ended at end of input without a line break.
    pub(super) unterminated: bool,
}

/// The expected size of a cooked value: its bytes and the segments of its offset map (about one
/// a line for a block scalar). Only a hint for reserving room.
#[derive(Clone, Copy)]
pub(super) struct SizeHint {
    pub(super) bytes: usize,
    pub(super) segments: usize,
}

/// Block scalar whose `|`/`>` indicator is at `header`.
pub(super) fn decode_block(
    text: &str,
    header: usize,
    literal: bool,
    mode: BlockIndent,
    hint: SizeHint,
) -> BlockResult {
    let b = text.as_bytes();
    let mut p = header + 1;
    let mut increment = 0usize;
    let mut chomp = Chomp::Clip;
    for _ in 0..2 {
        match b.get(p) {
            Some(b'+') => chomp = Chomp::Keep,
            Some(b'-') => chomp = Chomp::Strip,
            Some(&d @ b'1'..=b'9') => increment = (d - b'0') as usize,
            _ => break,
        }
        p += 1;
    }
    let header_end = p;
    let le = line_end(b, p);
    let body = le + break_len(b, le);

    let (indent, auto) = match mode {
        BlockIndent::Known(n) => (n, false),
        BlockIndent::Parent(parent) if increment > 0 => (
            if parent >= 0 {
                parent as usize + increment
            } else {
                increment
            },
            false,
        ),
        BlockIndent::Parent(parent) => {
            let mut max = 0usize;
            let mut q = body;
            loop {
                let s = q;
                while b.get(q) == Some(&b' ') {
                    q += 1;
                }
                max = max.max(q - s);
                let bl = break_len(b, q);
                if bl == 0 {
                    break;
                }
                q += bl;
            }
            let mut n = max.max((parent + 1).max(0) as usize);
            if parent > 0 {
                n = n.max(1);
            }
            (n, true)
        }
    };

    let mut out = Out::with_capacity(header_end, hint.bytes, hint.segments);
    let mut p = body;
    let mut leading_break: Option<(usize, usize)> = None;
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    let mut leading_blank = false;
    let mut first_phase = true;
    let mut unterminated = false;
    while p < b.len() {
        let ls = p;
        if auto && first_phase {
            while b.get(p) == Some(&b' ') {
                p += 1;
            }
        } else {
            while p - ls < indent && b.get(p) == Some(&b' ') {
                p += 1;
            }
        }
        let bl = break_len(b, p);
        if bl > 0 {
            trailing.push((p, bl));
            p += bl;
            continue;
        }
        if p >= b.len() || p - ls != indent || (indent == 0 && is_document_marker(b, ls)) {
            break;
        }
        let le = line_end(b, p);
        let trailing_blank = is_blank(b[p]);
        if !literal && leading_break.is_some() && !leading_blank && !trailing_blank {
            if trailing.is_empty() {
                if let Some((pos, len)) = leading_break {
                    out.put(' ', pos, len);
                }
            } else {
                for &(pos, len) in &trailing {
                    out.put('\n', pos, len);
                }
            }
        } else {
            if let Some((pos, len)) = leading_break {
                out.put('\n', pos, len);
            }
            for &(pos, len) in &trailing {
                out.put('\n', pos, len);
            }
        }
        leading_break = None;
        trailing.clear();
        leading_blank = trailing_blank;
        first_phase = false;
        out.copy(text, p, le);
        let bl = break_len(b, le);
        if bl == 0 {
            unterminated = true;
            break;
        }
        leading_break = Some((le, bl));
        p = le + bl;
    }
    if chomp != Chomp::Strip
        && let Some((pos, len)) = leading_break
    {
        out.put('\n', pos, len);
    }
    if chomp == Chomp::Keep {
        for &(pos, len) in &trailing {
            out.put('\n', pos, len);
        }
    }
    let end = out.raw_end.max(header_end);
    let mut cooked = out.finish(header, end);
    if cooked.value.is_empty() {
        cooked.map = OffsetMap::new();
        cooked.map.push(0, header_end as u32);
        cooked.map.set_raw_end(header_end as u32);
    }
    BlockResult {
        cooked,
        unterminated,
    }
}

#[cfg(test)]
mod tests {
    use crate::source::Span;
    use crate::syntax::yaml::test_support::{assert_ref, check_maps, fallbacks, root, sc};
    use crate::syntax::yaml::{Node, NodeKind, ScalarStyle, parse};

    const REF: &str = "{{ho:billing}}";

    #[test]
    fn plain_multiline_folds_and_maps() {
        let text = "key: first line\n  second {{ho:billing}} line  \n\n  third\t\n";
        let r = root(text);
        let s = sc(&r, "key");
        assert_eq!(s.value, "first line second {{ho:billing}} line\nthird");
        assert_eq!(s.style, ScalarStyle::Plain);
        assert_eq!(s.span, Span::from_range(5..text.find("third").unwrap() + 5));
        assert_ref(text, s, REF, 0);
        // The fold space maps to the line break.
        let sp = s.value.find(" second").unwrap();
        assert_eq!(s.map.span(sp..sp + 1), Span::from_range(15..16));
        let k = r.entry("key").unwrap();
        assert_eq!(k.key.span, Span::new(0, 3));
    }

    #[test]
    fn single_quoted_escapes_and_folds() {
        let text = "key: 'it''s {{ho:billing}}\n  and ''{{ho:x}}''\n\n   end '\n";
        let r = root(text);
        let s = sc(&r, "key");
        assert_eq!(s.value, "it's {{ho:billing}} and '{{ho:x}}'\nend ");
        assert_eq!(s.style, ScalarStyle::SingleQuoted);
        assert_eq!(s.span, Span::from_range(5..text.len() - 1));
        assert_ref(text, s, REF, 0);
        assert_ref(text, s, "{{ho:x}}", 0);
        assert_ref(text, s, "end", 0);
    }

    #[test]
    fn double_quoted_all_escapes() {
        let text = r#"a: "t\t\"q\" {{ho:billing}} \u00e9\x41\U0001F600\/\\\ \N\_\L\P\a\b\e\f\r\v\0 {{ho:x}}""#;
        let r = root(text);
        let s = sc(&r, "a");
        assert_eq!(
            s.value,
            "t\t\"q\" {{ho:billing}} \u{e9}A\u{1F600}/\\ \u{85}\u{a0}\u{2028}\u{2029}\x07\x08\x1b\x0c\r\x0b\0 {{ho:x}}"
        );
        assert_eq!(s.style, ScalarStyle::DoubleQuoted);
        assert_eq!(s.span, Span::from_range(3..text.len()));
        assert_ref(text, s, REF, 0);
        assert_ref(text, s, "{{ho:x}}", 0);
        // An escape maps onto its backslash.
        let e = s.value.find('\u{e9}').unwrap();
        let raw = text.find(r"\u00e9").unwrap();
        assert_eq!(s.map.to_raw(e as u32) as usize, raw);
        let a = s.value.find('A').unwrap();
        assert_eq!(s.map.to_raw(a as u32) as usize, text.find(r"\x41").unwrap());
        // A tab written literally after a backslash is an escaped tab.
        let t = "a: \"x\\\ty\"";
        assert_eq!(root(t).get("a").and_then(Node::as_str), Some("x\ty"));
    }

    #[test]
    fn double_quoted_line_breaks() {
        let text = "a: \"abc \\\n    {{ho:billing}}\"\nb: \"one\n   {{ho:billing}}  \n\n  two\"\nc: \"x\\\n\n  y\"\n";
        let r = root(text);
        let a = sc(&r, "a");
        assert_eq!(a.value, "abc {{ho:billing}}");
        assert_ref(text, a, REF, 0);
        let b = sc(&r, "b");
        assert_eq!(b.value, "one {{ho:billing}}\ntwo");
        assert_ref(text, b, REF, 1);
        assert_ref(text, b, "two", 0);
        assert_eq!(sc(&r, "c").value, "x\ny");
    }

    #[test]
    fn literal_block_scalars() {
        let text = "prompt: |\n  # Heading\n  Use {{ho:billing}} now.\n\n  ## Sub\nnext: 1\n";
        let r = root(text);
        let s = sc(&r, "prompt");
        assert_eq!(s.value, "# Heading\nUse {{ho:billing}} now.\n\n## Sub\n");
        assert_eq!(s.style, ScalarStyle::Literal);
        let bar = text.find('|').unwrap();
        let end = text.find("next").unwrap();
        assert_eq!(s.span, Span::from_range(bar..end));
        assert_ref(text, s, REF, 0);
        assert_ref(text, s, "## Sub", 0);
        assert_eq!(r.get("next").and_then(Node::as_i64), Some(1));

        let cases = [
            ("a: |-\n  x\n\n", "x"),
            ("a: |+\n  x\n\n", "x\n\n"),
            ("a: |\n  x\n\n", "x\n"),
            ("a: |2\n    x\n  y\n", "  x\ny\n"),
            ("a: |+2\n    x\n\n", "  x\n\n"),
            ("a: |-1\n  x\n", " x"),
            ("a: |\n\n  x\n   y\n", "\nx\n y\n"),
            ("a: |\nb: 1\n", ""),
            ("a: |  # comment | >\n  x\n", "x\n"),
        ];
        for (text, want) in cases {
            let r = root(text);
            let v = r
                .get("a")
                .or_else(|| r.items().first())
                .and_then(Node::as_str);
            assert_eq!(v, Some(want), "{text:?}");
        }
        let r = root("- |\n  x\n- |-\n  y\n");
        let items: Vec<_> = r.items().iter().filter_map(Node::as_str).collect();
        assert_eq!(items, ["x\n", "y"]);
    }

    #[test]
    fn block_scalar_at_end_of_input_without_line_break() {
        // YAML 1.2: clip keeps a final line break only if there is one.
        let r = root("a: |\n  x");
        let s = sc(&r, "a");
        assert_eq!(s.value, "x");
        assert_eq!(s.span, Span::new(3, 8));
        assert_eq!(
            root("a: >\n  x\n  y").get("a").and_then(Node::as_str),
            Some("x y")
        );
    }

    #[test]
    fn folded_block_scalars() {
        let text = "a: >\n  one\n  two {{ho:billing}}\n\n  three\n    indented\n  four\n";
        let r = root(text);
        let s = sc(&r, "a");
        assert_eq!(s.value, "one two {{ho:billing}}\nthree\n  indented\nfour\n");
        assert_eq!(s.style, ScalarStyle::Folded);
        assert_ref(text, s, REF, 0);
        assert_ref(text, s, "indented", 0);
        let fold = s.value.find(" two").unwrap();
        let nl = text.find("one\n").unwrap() + 3;
        assert_eq!(s.map.span(fold..fold + 1), Span::from_range(nl..nl + 1));

        let text = "b: >2-\n   x\n  y {{ho:billing}}\n";
        let r = root(text);
        let s = sc(&r, "b");
        assert_eq!(s.value, " x\ny {{ho:billing}}");
        assert_ref(text, s, REF, 0);
        let h = text.find('>').unwrap();
        assert_eq!(s.span, Span::from_range(h..text.len() - 1));

        let r = root("- >-\n\n  a\n  b\n\n\n");
        assert_eq!(r.items()[0].as_str(), Some("\na b"));
        let r = root("- >+\n  a\n\n");
        assert_eq!(r.items()[0].as_str(), Some("a\n\n"));
    }

    #[test]
    fn references_after_wide_characters_in_every_style() {
        let pre = "中文\u{a0}\u{200b}\u{1F600}";
        let docs = [
            format!("a: {pre}{REF}\n"),
            format!("a: x\n  {pre}{REF}\n"),
            format!("a: '{pre}{REF}'\n"),
            format!("a: '\u{1F600}''\n  {pre}{REF}'\n"),
            format!("a: \"\\u00e9{pre}{REF}\"\n"),
            format!("a: \"\u{1F600}\\\"\\\n  {pre}{REF}\"\n"),
            format!("a: |\n  first \u{1F600}\n  {pre}{REF}\n"),
            format!("a: >\n  first \u{1F600}\n  {pre}{REF}\n"),
            format!("a: |2-\n  first \u{1F600}\n   {pre}{REF}\n"),
            format!("\u{feff}a: >-\n  \u{1F600}\n\n  {pre}{REF}\n"),
        ];
        for text in &docs {
            let r = root(text);
            let s = sc(&r, "a");
            assert!(
                s.value.contains(&format!("{pre}{REF}")),
                "{text:?} -> {:?}",
                s.value
            );
            assert_ref(text, s, REF, 0);
            assert_ref(text, s, pre, 0);
        }
    }

    #[test]
    fn crlf_line_endings() {
        let text = "a: first\r\n  {{ho:billing}}\r\nb: 'x\r\n  {{ho:billing}}'\r\nc: \"y\\\r\n  {{ho:billing}}\"\r\nd: |\r\n  l1\r\n  {{ho:billing}}\r\ne: >\r\n  l1\r\n  {{ho:billing}}\r\n\r\nf: \"p\r\n\r\n  q\"\r\n";
        let r = root(text);
        let want = [
            ("a", "first {{ho:billing}}"),
            ("b", "x {{ho:billing}}"),
            ("c", "y{{ho:billing}}"),
            ("d", "l1\n{{ho:billing}}\n"),
            ("e", "l1 {{ho:billing}}\n"),
        ];
        for (i, (k, v)) in want.iter().enumerate() {
            let s = sc(&r, k);
            assert_eq!(s.value, *v, "{k}");
            assert_ref(text, s, REF, i);
        }
        let f = sc(&r, "f");
        assert_eq!(f.value, "p\nq");
        // The `\n` produced by the empty line maps onto that line's CRLF.
        let crlf = text.find("p\r\n\r\n").unwrap() + 3;
        assert_eq!(f.map.span(1..2), Span::from_range(crlf..crlf + 1));
        let d = sc(&r, "d");
        let bar = text.find('|').unwrap();
        let end = text.find("e: >").unwrap();
        assert_eq!(d.span, Span::from_range(bar..end));
    }

    #[test]
    fn corpus_decodes_like_the_parser() {
        let docs = [
            "a: b\nc:\n  - d\n  - e: f\n    g: h\n",
            "- [a, 'b', \"c\", {d: e, f: [g]}]\n- {x}\n- [a: b, c]\n",
            "a: &x !t |2-\n   two\n  one\nb:\n- - x\n- y\n",
            "c:\n  - &s [1]\n  - !!str\n  - \"q\" # c\nd: |\n\n\ne: >+\n\n  t\n\n",
            "? |\n  complex key\n: value\n",
            "--- |\n  root literal\n...\n",
            "|\nzero indent\nsecond\n",
            "a: !!str\n  | \n  tagged\n",
            "- &a >\n  x\n  y\n- *a\n",
            "a:\n  b: |\n    text\n  # comment\n  c: 1\n",
            "a: 'multi\n\n\n  line'\nb: plain # comment\n",
            "k: \"a\\\n   b\\\n\n   c\"\n",
            "k: -1\nl: .5\nm: 0x1F\nn: ~\n",
            "a: |+\n  x\n\n\n",
            "a: >\n  \n  x\n",
            "a:\n  - |\n    first\n\n    second\n  - >\n    folded\n     more\n    back\n",
            "a: x:y\nb: http://x.y/z#frag\n",
            "'quoted key': 1\n\"dq key\": 2\n",
            "a: \t tab before value\n",
        ];
        for text in docs {
            let before = fallbacks();
            let d = parse(text);
            assert!(d.errors.is_empty(), "{text:?}: {:?}", d.errors);
            assert_eq!(fallbacks(), before, "fallback in {text:?}");
            check_maps(text, d.root.as_ref().expect("root"));
        }
    }

    #[test]
    fn long_single_line_is_fast() {
        let body = "x".repeat(1024 * 1024);
        let text = format!("a: {body}\nb: \"{body}\"\n");
        let r = root(&text);
        assert_eq!(
            r.get("a").and_then(Node::as_str).map(str::len),
            Some(body.len())
        );
        assert_eq!(sc(&r, "b").span.len() as usize, body.len() + 2);
    }

    #[test]
    fn random_documents_decode_like_the_parser() {
        let pool = [
            "a: |\n",
            "a: >-\n",
            "a: |+\n",
            "a: >2\n",
            "- |1\n",
            "- >\n",
            "  x\n",
            "   y z\n",
            "\n",
            "  \n",
            "    deeper\n",
            "b: 'q\n",
            "  r''s'\n",
            "c: \"d\\\n",
            "  e\\\"\"\n",
            "f: plain\n",
            "  cont\n",
            "- - x\n",
            "- k: |\n",
            "    v\n",
            "  - k2: >\n",
            "      w\n",
            "g: &a !t |\n",
            "? |\n",
            ": v\n",
            "h: \"\u{1F600}\\u00e9\"\n",
            "i: [a, 'b', \"c\"]\n",
            "# c\n",
            "j: x # c\n",
            "\t\n",
            "k: \"\n",
            "  # not comment\n",
            "l: 'x\r\n",
            "\r\n",
            "  y'\r\n",
            "m: !!str\n",
            "n:\n",
            "- \n",
            "... \n",
        ];
        let mut seed: u64 = 0x1234_5678;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut fell = Vec::new();
        let mut ok = 0;
        let mut styles = std::collections::BTreeMap::new();
        for _ in 0..10_000 {
            let n = 1 + next() % 8;
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(pool[next() % pool.len()]);
            }
            let before = fallbacks();
            let d = parse(&text);
            if let Some(r) = &d.root {
                check_maps(&text, r);
            }
            if d.errors.is_empty() {
                ok += 1;
                let mut st = vec![d.root.as_ref()];
                while let Some(Some(n)) = st.pop() {
                    match &n.kind {
                        NodeKind::Scalar(s) => {
                            *styles.entry(format!("{:?}", s.style)).or_insert(0) += 1
                        }
                        NodeKind::Map(es) => {
                            for e in es {
                                st.push(Some(&e.key));
                                st.push(Some(&e.value));
                            }
                        }
                        NodeKind::Seq(it) => st.extend(it.iter().map(Some)),
                        _ => {}
                    }
                }
            }
            if fallbacks() != before {
                fell.push(text);
            }
        }
        assert!(fell.is_empty(), "{:?}", &fell[..fell.len().min(5)]);
        // The generator must keep producing valid documents of every style.
        assert!(ok > 2000, "{ok}");
        assert!(
            styles.values().all(|&n| n > 100) && styles.len() == 5,
            "{styles:?}"
        );
    }
}
