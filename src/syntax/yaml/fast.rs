//! Byte-oriented loader for the block-style subset of YAML that agent projects use.
//!
//! Handles block mappings and sequences (indentless, compact `- key: value` and `- - item`
//! included), plain, single-quoted, double-quoted, literal and folded scalars, comments and
//! blank lines. It drives
//! the same tree [`Builder`] as the event path and decodes scalars with the same decoders, so the
//! tree, spans, offset maps and diagnostics are those of the event path. Anything outside the
//! subset (flow collections, anchors, aliases, tags, directives, document markers, complex keys,
//! tabs, carriage returns, control characters, a byte order mark, indentation indicators, deep
//! nesting, and every syntax error) makes it give up, and the caller loads the text through the
//! event path instead.
//!
//! What it buys, measured whole (`BENCHMARKS.md`, seventh round): without it a check runs about
//! twice the instructions at 1x (18.2 M → 36.2 M) and at 100x (1.87 G → 3.68 G), and 26 % more on
//! a real example project; CPU time 26 % more at 1x, 37 % at 100x, 63 % on topics10k.

use super::node::{Document, Node, NodeKind, Scalar, ScalarStyle};
use super::scalar::{
    BlockIndent, Cooked, SizeHint, decode_block, decode_plain, decode_quoted, is_document_marker,
    line_end,
};
use super::tree::Builder;
use crate::source::{OffsetMap, Span};

/// Nesting beyond this is left to the event path (which reports depth errors).
const FAST_MAX_DEPTH: usize = 64;
/// Implicit keys longer than this are left to the event path (the parser bounds them).
const MAX_KEY_BYTES: usize = 1000;

/// The input is outside the subset: load it through the event path.
struct Bail;

type R<T> = Result<T, Bail>;

/// Load `text` if it is in the block-style subset; `None` otherwise.
pub(super) fn parse(text: &str) -> Option<Document> {
    let b = text.as_bytes();
    if !plain_bytes(b) {
        return None;
    }
    // A last line of spaces without a line break: the parser's block scalar values differ
    // there, and the event path settles it.
    let last = b.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    if last < b.len() && b[last..].iter().all(|&c| c == b' ') {
        return None;
    }
    let mut s = Scanner {
        text,
        b,
        builder: Builder::new(text),
        depth: 0,
    };
    s.document().ok()?;
    Some(Document {
        root: s.builder.root,
        errors: s.builder.errors,
    })
}

/// No byte the subset leaves to the event path: tabs, carriage returns and other control
/// characters, DEL, C1 controls, byte order marks and the non-characters U+FFFE/U+FFFF.
fn plain_bytes(b: &[u8]) -> bool {
    // Runs of printable ASCII and line feeds are tested a block at a time (the fold has no
    // early exit, so it vectorises); a block holding anything else is looked at byte by byte.
    const BLOCK: usize = 32;
    let mut i = 0;
    while i < b.len() {
        let end = (i + BLOCK).min(b.len());
        let ascii = b[i..end].iter().fold(true, |ok, &c| {
            ok & ((0x20..0x7F).contains(&c) | (c == b'\n'))
        });
        if !ascii && !(i..end).all(|j| plain_byte(b, j)) {
            return false;
        }
        i = end;
    }
    true
}

/// Whether the byte at `i` (with what follows it) is in the subset.
fn plain_byte(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' => true,
        0..0x20 | 0x7F => false,
        0xC2 => !matches!(b.get(i + 1), Some(0x80..=0x9F)),
        0xEF => !matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0xBB), Some(0xBF)) | (Some(0xBF), Some(0xBE | 0xBF))
        ),
        _ => true,
    }
}

/// A character that cannot start a plain scalar or key in the subset.
fn is_indicator(c: u8) -> bool {
    matches!(
        c,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// An implicit key found by [`Scanner::key_at`].
enum Key {
    /// A plain key's raw range (trailing spaces excluded), not yet decoded.
    Plain(usize, usize),
    Quoted(Cooked, ScalarStyle),
}

impl Key {
    fn cook(self, text: &str) -> (Cooked, ScalarStyle) {
        match self {
            Key::Plain(q, e) => (decode_plain(text, q, e), ScalarStyle::Plain),
            Key::Quoted(cooked, style) => (cooked, style),
        }
    }
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    builder: Builder<'a>,
    depth: usize,
}

/// A content line: its start and indentation.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
}

impl Line {
    fn first(self) -> usize {
        self.start + self.indent
    }
}

impl<'a> Scanner<'a> {
    fn at(&self, p: usize) -> u8 {
        self.b.get(p).copied().unwrap_or(b'\n')
    }

    /// `-` followed by a space, a line break or the end of input.
    fn is_item(&self, p: usize) -> bool {
        self.at(p) == b'-' && matches!(self.at(p + 1), b' ' | b'\n')
    }

    /// The next line from `p` (a line start) that holds content, skipping blank and comment
    /// lines; `None` at the end of input.
    fn next_content(&self, mut p: usize) -> R<Option<Line>> {
        let b = self.b;
        loop {
            let mut q = p;
            while q < b.len() && b[q] == b' ' {
                q += 1;
            }
            if q >= b.len() {
                return Ok(None);
            }
            match b[q] {
                b'\n' => p = q + 1,
                b'#' => {
                    let le = line_end(b, q);
                    if le >= b.len() {
                        return Ok(None);
                    }
                    p = le + 1;
                }
                _ => {
                    if q == p && (b[q] == b'%' || is_document_marker(b, q)) {
                        return Err(Bail);
                    }
                    return Ok(Some(Line {
                        start: p,
                        indent: q - p,
                    }));
                }
            }
        }
    }

    /// Start of the line after the one holding `p`.
    fn next_line(&self, p: usize) -> usize {
        (line_end(self.b, p) + 1).min(self.b.len())
    }

    /// After a node's text ends at `p`: only spaces and a comment may follow on the line.
    /// Returns the start of the next line.
    fn line_rest(&self, mut p: usize) -> R<usize> {
        let start = p;
        while self.at(p) == b' ' {
            p += 1;
        }
        match self.at(p) {
            b'\n' => Ok((p + 1).min(self.b.len())),
            b'#' if p > start => Ok(self.next_line(p)),
            _ => Err(Bail),
        }
    }

    fn document(&mut self) -> R<()> {
        let Some(line) = self.next_content(0)? else {
            return Ok(());
        };
        let q = line.first();
        let next = if self.is_item(q) {
            self.seq(line, false)?
        } else if self.key_at(q)?.is_some() {
            self.map(line)?
        } else {
            // A scalar document: rare, left to the event path.
            return Err(Bail);
        };
        match next {
            None => Ok(()),
            Some(_) => Err(Bail),
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > FAST_MAX_DEPTH {
            return Err(Bail);
        }
        Ok(())
    }

    fn scalar(&mut self, c: Cooked, style: ScalarStyle) {
        let span = c.span;
        self.builder.add(
            Node {
                kind: NodeKind::Scalar(Scalar {
                    value: c.value,
                    style,
                    span,
                    map: c.map,
                    tag: None,
                }),
                span,
            },
            1,
            0,
        );
    }

    /// An empty plain scalar at `at`.
    fn empty(&mut self, at: usize) {
        let mut map = OffsetMap::new();
        map.push(0, at as u32);
        map.set_raw_end(at as u32);
        self.scalar(
            Cooked {
                value: String::new(),
                map,
                span: Span::new(at as u32, at as u32),
            },
            ScalarStyle::Plain,
        );
    }

    /// If an implicit key starts at `q`: the key, and the position after its `:`. Quoted keys
    /// are decoded (to find their end); plain keys are found by their `: ` and decoded only when
    /// the mapping is built ([`Key::cook`]), since callers first ask whether a key is there.
    fn key_at(&self, q: usize) -> R<Option<(Key, usize)>> {
        let b = self.b;
        let c = self.at(q);
        if c == b'"' || c == b'\'' {
            let single = c == b'\'';
            let cooked = decode_quoted(self.text, q, single).ok_or(Bail)?;
            let end = cooked.span.end as usize;
            if b[q..end].contains(&b'\n') {
                return Ok(None);
            }
            let mut p = end;
            while self.at(p) == b' ' {
                p += 1;
            }
            if self.at(p) == b':' && matches!(self.at(p + 1), b' ' | b'\n') {
                let style = if single {
                    ScalarStyle::SingleQuoted
                } else {
                    ScalarStyle::DoubleQuoted
                };
                return Ok(Some((Key::Quoted(cooked, style), p + 1)));
            }
            return Ok(None);
        }
        if c == b'\n' || c == b' ' || is_indicator(c) {
            return Ok(None);
        }
        // Only a line break, a `: ` or a ` #` can end the search: jump from one to the next.
        let mut p = q;
        while let Some(i) = memchr::memchr3(b'\n', b':', b'#', &b[p..]) {
            p += i;
            match b[p] {
                b'\n' => return Ok(None),
                b':' if matches!(self.at(p + 1), b' ' | b'\n') => {
                    let mut e = p;
                    while b[e - 1] == b' ' {
                        e -= 1;
                    }
                    if e - q > MAX_KEY_BYTES {
                        return Err(Bail);
                    }
                    return Ok(Some((Key::Plain(q, e), p + 1)));
                }
                b'#' if b[p - 1] == b' ' => return Ok(None),
                _ => p += 1,
            }
        }
        Ok(None)
    }

    /// A block mapping whose first key starts `line`. Returns the first content line after it.
    fn map(&mut self, line: Line) -> R<Option<Line>> {
        self.enter()?;
        let col = line.indent;
        self.builder.open(false, 0, line.first(), line.first());
        let mut line = line;
        let next = loop {
            let (key, after) = self.key_at(line.first())?.ok_or(Bail)?;
            let (key, style) = key.cook(self.text);
            self.scalar(key, style);
            let next = self.value(after, col, true)?;
            match next {
                Some(l) if l.indent == col => line = l,
                Some(l) if l.indent > col => return Err(Bail),
                _ => break next,
            }
        };
        self.builder.close(0);
        self.depth -= 1;
        Ok(next)
    }

    /// A block sequence whose first `-` starts `line` (`indentless`: at its key's column).
    /// Returns the first content line after it.
    fn seq(&mut self, line: Line, indentless: bool) -> R<Option<Line>> {
        self.enter()?;
        let col = line.indent;
        self.builder.open(true, 0, line.first(), line.first());
        let mut line = line;
        let mut first_item = true;
        let next = loop {
            let dash = line.first();
            let mut v = dash + 1;
            while self.at(v) == b' ' {
                v += 1;
            }
            let next = if self.is_item(v) {
                // A compact nested sequence: `- - item`. (The event parser starts an indentless
                // sequence whose first item is one at the inner `-`: left to it.)
                if indentless && first_item {
                    return Err(Bail);
                }
                let l = Line {
                    start: line.start,
                    indent: v - line.start,
                };
                let next = self.seq(l, false)?;
                if next.is_some_and(|l| l.indent > col) {
                    return Err(Bail);
                }
                next
            } else if self.at(v) != b'\n' && self.at(v) != b'#' && self.key_at(v)?.is_some() {
                // A compact mapping: `- key: value`.
                let l = Line {
                    start: line.start,
                    indent: v - line.start,
                };
                let next = self.map(l)?;
                if next.is_some_and(|l| l.indent > col) {
                    return Err(Bail);
                }
                next
            } else {
                self.value(dash + 1, col, false)?
            };
            first_item = false;
            match next {
                Some(l) if l.indent == col && self.is_item(l.first()) => line = l,
                Some(l) if l.indent > col => return Err(Bail),
                _ => break next,
            }
        };
        self.builder.close(0);
        self.depth -= 1;
        Ok(next)
    }

    /// The value after a key's `:` or an item's `-` (at `p`, on the same line), inside a
    /// collection at column `col`. Returns the first content line after it.
    fn value(&mut self, p: usize, col: usize, in_map: bool) -> R<Option<Line>> {
        let mut v = p;
        while self.at(v) == b' ' {
            v += 1;
        }
        match self.at(v) {
            b'\n' | b'#' => {
                if self.at(v) == b'#' && v == p {
                    return Err(Bail);
                }
                let next = self.next_content(self.next_line(v))?;
                match next {
                    Some(l) if l.indent > col => self.node(l, col),
                    Some(l) if in_map && l.indent == col && self.is_item(l.first()) => {
                        self.seq(l, true)
                    }
                    _ => {
                        // The parser places an empty value at the key's `:`, or at the end
                        // of an item's line.
                        self.empty(if in_map { p - 1 } else { line_end(self.b, v) });
                        Ok(next)
                    }
                }
            }
            b'|' | b'>' => self.block_scalar(v, col),
            b'"' | b'\'' => self.quoted(v, col),
            b'[' | b'{' => self.empty_flow(v),
            _ => self.plain(v, col),
        }
    }

    /// An empty flow collection, `[]` or `{}`, at `open`.
    fn empty_flow(&mut self, open: usize) -> R<Option<Line>> {
        let seq = self.b[open] == b'[';
        let p = open + 1;
        // With spaces inside, or at the very end of the input, the parser's spans differ: left
        // to the event path.
        if self.at(p) != if seq { b']' } else { b'}' } || p + 1 >= self.b.len() {
            return Err(Bail);
        }
        self.enter()?;
        self.builder.open(seq, 0, open, open + 1);
        self.builder.close(p + 1);
        self.depth -= 1;
        let next = self.line_rest(p + 1)?;
        self.next_content(next)
    }

    /// A node on its own line(s), more indented than the collection at `parent`.
    fn node(&mut self, line: Line, parent: usize) -> R<Option<Line>> {
        let q = line.first();
        if self.is_item(q) {
            return self.seq(line, false);
        }
        if self.key_at(q)?.is_some() {
            return self.map(line);
        }
        match self.at(q) {
            b'"' | b'\'' => self.quoted(q, parent),
            b'|' | b'>' => Err(Bail),
            _ => self.plain(q, parent),
        }
    }

    fn quoted(&mut self, q: usize, parent: usize) -> R<Option<Line>> {
        let single = self.at(q) == b'\'';
        let cooked = decode_quoted(self.text, q, single).ok_or(Bail)?;
        let end = cooked.span.end as usize;
        // Continuation lines must be indented past the enclosing collection.
        let mut p = q;
        while let Some(i) = self.b[p..end].iter().position(|&c| c == b'\n') {
            let ls = p + i + 1;
            let mut k = ls;
            while k < end && self.b[k] == b' ' {
                k += 1;
            }
            if k - ls <= parent && !matches!(self.at(k), b'\n') {
                return Err(Bail);
            }
            p = ls;
        }
        let style = if single {
            ScalarStyle::SingleQuoted
        } else {
            ScalarStyle::DoubleQuoted
        };
        self.scalar(cooked, style);
        let next = self.line_rest(end)?;
        self.next_content(next)
    }

    fn plain(&mut self, q: usize, parent: usize) -> R<Option<Line>> {
        let b = self.b;
        let c = self.at(q);
        // `-` may start a plain scalar when a non-space follows (`-1`, `-x`).
        let dash_ok = c == b'-' && !matches!(self.at(q + 1), b' ' | b'\n');
        if is_indicator(c) && !dash_ok {
            return Err(Bail);
        }
        let (mut end, mut comment) = self.plain_line(q)?;
        if !comment {
            // Continuation lines: more indented than the enclosing collection.
            let mut ls = self.next_line(end);
            while ls < b.len() && end < b.len() {
                let mut k = ls;
                while k < b.len() && b[k] == b' ' {
                    k += 1;
                }
                match self.at(k) {
                    b'\n' => {
                        if k >= b.len() {
                            break;
                        }
                        ls = k + 1;
                        continue;
                    }
                    b'#' => break,
                    _ if k - ls <= parent => break,
                    c if is_indicator(c) => return Err(Bail),
                    _ => {}
                }
                let (e, cm) = self.plain_line(k)?;
                end = e;
                comment = cm;
                if comment {
                    break;
                }
                ls = self.next_line(end);
            }
        }
        self.scalar(decode_plain(self.text, q, end), ScalarStyle::Plain);
        let next = self.line_rest(end)?;
        self.next_content(next)
    }

    /// One line of a plain scalar from `q`: the end of its text (trailing spaces excluded) and
    /// whether a comment follows. A `: ` inside is an error the subset does not load.
    fn plain_line(&self, q: usize) -> R<(usize, bool)> {
        let b = self.b;
        // Only a line break, a `: ` or a ` #` can end the line's text: jump from one to the next,
        // then step back over the spaces before the stop.
        let text_end = |stop: usize| {
            let mut e = stop;
            while e > q && b[e - 1] == b' ' {
                e -= 1;
            }
            e
        };
        let mut p = q;
        while let Some(i) = memchr::memchr3(b'\n', b':', b'#', &b[p..]) {
            p += i;
            match b[p] {
                b'\n' => return Ok((text_end(p), false)),
                b':' if matches!(self.at(p + 1), b' ' | b'\n') => return Err(Bail),
                b'#' if p > q && b[p - 1] == b' ' => return Ok((text_end(p), true)),
                _ => p += 1,
            }
        }
        Ok((text_end(b.len()), false))
    }

    /// A block scalar whose `|`/`>` is at `h`, inside a collection at column `parent`.
    fn block_scalar(&mut self, h: usize, parent: usize) -> R<Option<Line>> {
        let b = self.b;
        let literal = b[h] == b'|';
        let mut p = h + 1;
        for _ in 0..2 {
            match self.at(p) {
                b'+' | b'-' => p += 1,
                _ => break,
            }
        }
        if p > h + 2 {
            // `|+-` and the like: left to the event path.
            return Err(Bail);
        }
        let body = self.line_rest(p)?;
        // The first non-empty line sets the content indentation; leading empty lines may not
        // be more indented than it.
        let mut ls = body;
        let mut max_blank = 0usize;
        let mut content: Option<usize> = None;
        while ls < b.len() {
            let mut k = ls;
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            if k >= b.len() {
                max_blank = max_blank.max(k - ls);
                break;
            }
            if b[k] == b'\n' {
                max_blank = max_blank.max(k - ls);
                ls = k + 1;
                continue;
            }
            if k - ls > parent {
                content = Some(k - ls);
            }
            break;
        }
        let mode = match content {
            Some(n) if n >= max_blank => BlockIndent::Known(n),
            Some(_) => return Err(Bail),
            None => {
                if max_blank > parent + 1 {
                    return Err(Bail);
                }
                BlockIndent::Parent(parent as isize)
            }
        };
        let n = content.unwrap_or(parent + 1);
        // The scalar runs to the first line with content indented less than `n`.
        let mut lines = 0;
        while ls < b.len() {
            lines += 1;
            let mut k = ls;
            while k < b.len() && b[k] == b' ' && k - ls < n {
                k += 1;
            }
            if k - ls < n && k < b.len() && b[k] != b'\n' {
                break;
            }
            ls = self.next_line(k);
        }
        // The cooked text is never longer than the raw lines; about one segment a line.
        let hint = SizeHint {
            bytes: ls - body,
            segments: lines + 1,
        };
        let r = decode_block(self.text, h, literal, mode, hint);
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.scalar(r.cooked, style);
        self.next_content(ls)
    }
}
