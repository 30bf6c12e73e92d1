//! YAML 1.2 loader producing a spanned tree.
//!
//! Built on the `saphyr-parser` event stream. Every node carries the byte span of its raw source
//! text, and every scalar carries an [`OffsetMap`] from byte offsets in its cooked value back to
//! the raw bytes they came from, for all five scalar styles (escapes, line folding, indentation
//! stripping and chomping included). Scalar values are decoded here from the raw token text and
//! cross-checked against the parser's own value.
//!
//! Safety bounds: input over [`MAX_BYTES`] is not parsed; collections nested deeper than
//! [`MAX_DEPTH`] are replaced by [`NodeKind::Invalid`]; aliases are never expanded, and a document
//! whose aliases would expand to more than [`MAX_ALIAS_EXPANSION`] nodes is reported. Tree
//! building is iterative over events, so no input depth can exhaust the stack.
//!
//! Only the first document of a stream is loaded; later documents are ignored.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, Tag};

use crate::source::{OffsetMap, Span};

mod fast;

/// Collections nested deeper than this are replaced by [`NodeKind::Invalid`].
pub const MAX_DEPTH: usize = 200;
/// Upper bound on the number of nodes the aliases of one document would copy if expanded.
pub const MAX_ALIAS_EXPANSION: u64 = 100_000;
/// Files larger than this are not parsed.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A scalar with its cooked value and the way back to its raw bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scalar {
    /// The value as YAML 1.2 defines it (escapes resolved, lines folded, indentation stripped).
    pub value: String,
    pub style: ScalarStyle,
    /// Raw range of the scalar token, without anchor or tag: for quoted scalars including the
    /// quotes; for block scalars from the `|`/`>` indicator to the last raw byte that contributes
    /// to the value (the indicator and its header alone when the value is empty).
    pub span: Span,
    /// Cooked byte offset in `value` -> raw byte offset in the source.
    pub map: OffsetMap,
    /// The tag, if any: core-schema tags as `!!str`, local tags as `!name`, others verbatim.
    pub tag: Option<String>,
}

impl Scalar {
    /// Raw span of a byte range of `value`.
    pub fn raw_span(&self, cooked: std::ops::Range<usize>) -> Span {
        self.map.span(cooked)
    }

    /// YAML 1.2 core-schema type of this scalar: `"string"`, `"boolean"`, `"integer"`,
    /// `"float"` or `"null"`. Only plain scalars resolve to non-strings, unless a core tag
    /// (`!!int`, `!!bool`, ...) says otherwise.
    pub fn type_name(&self) -> &'static str {
        if let Some(tag) = &self.tag {
            return match tag.as_str() {
                "!!str" => "string",
                "!!int" => "integer",
                "!!float" => "float",
                "!!bool" => "boolean",
                "!!null" => "null",
                _ => "string",
            };
        }
        if self.style != ScalarStyle::Plain {
            return "string";
        }
        resolve_plain(&self.value)
    }
}

/// Core-schema resolution of a plain scalar's text.
fn resolve_plain(v: &str) -> &'static str {
    if is_core_null(v) {
        "null"
    } else if is_core_bool(v).is_some() {
        "boolean"
    } else if is_core_int(v) {
        "integer"
    } else if is_core_float(v) {
        "float"
    } else {
        "string"
    }
}

fn is_core_null(v: &str) -> bool {
    matches!(v, "" | "~" | "null" | "Null" | "NULL")
}

fn is_core_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn all_digits(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_digit(radix))
}

fn is_core_int(v: &str) -> bool {
    if let Some(rest) = v.strip_prefix("0o") {
        return all_digits(rest, 8);
    }
    if let Some(rest) = v.strip_prefix("0x") {
        return all_digits(rest, 16);
    }
    let unsigned = v.strip_prefix(['-', '+']).unwrap_or(v);
    all_digits(unsigned, 10)
}

fn is_core_float(v: &str) -> bool {
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    if matches!(s, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    // [0-9]* ( \. [0-9]* )? ( [eE] [-+]? [0-9]+ )?  with at least one mantissa digit
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let digits_ok = |d: &str| d.chars().all(|c| c.is_ascii_digit());
    if !digits_ok(int) || !frac.is_none_or(digits_ok) {
        return false;
    }
    if int.is_empty() && frac.is_none_or(str::is_empty) {
        return false;
    }
    match exp {
        None => true,
        Some(e) => all_digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10),
    }
}

fn parse_core_int(v: &str) -> Option<i64> {
    if let Some(rest) = v.strip_prefix("0o") {
        return if all_digits(rest, 8) {
            i64::from_str_radix(rest, 8).ok()
        } else {
            None
        };
    }
    if let Some(rest) = v.strip_prefix("0x") {
        return if all_digits(rest, 16) {
            i64::from_str_radix(rest, 16).ok()
        } else {
            None
        };
    }
    let unsigned = v.strip_prefix(['-', '+']).unwrap_or(v);
    if all_digits(unsigned, 10) {
        v.parse::<i64>().ok()
    } else {
        None
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Scalar(Scalar),
    Map(Vec<Entry>),
    Seq(Vec<Node>),
    /// An alias (`*name`), never expanded. Holds the anchor name.
    Alias(String),
    /// Content that could not be loaded (nested too deep, or cut short by a syntax error).
    Invalid,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// A node and its raw span. A scalar's span is its token (see [`Scalar::span`]); a flow
/// collection's runs from its bracket to the closing bracket; a block collection's from its
/// first key or `-` to the end of its last child. Anchors and tags are not included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

impl Node {
    /// Value of the first entry whose key is a scalar with this text.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// First entry whose key is a scalar with this text.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()
            .iter()
            .find(|e| e.key.scalar().is_some_and(|s| s.value == key))
    }

    /// Entries of a mapping; empty for anything else.
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Items of a sequence; empty for anything else.
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of any scalar, whatever type it resolves to: `~` gives `Some("~")`, an empty
    /// value gives `Some("")`, `12` gives `Some("12")`. `None` for collections, aliases and
    /// invalid nodes.
    pub fn as_str(&self) -> Option<&str> {
        self.scalar().map(|s| s.value.as_str())
    }

    /// A YAML 1.2 core-schema boolean: plain `true`/`True`/`TRUE`/`false`/`False`/`FALSE` (or a
    /// `!!bool`-tagged scalar). `yes`, `on` and quoted `"true"` are strings, not booleans.
    pub fn as_bool(&self) -> Option<bool> {
        let s = self.scalar()?;
        if s.type_name() != "boolean" {
            return None;
        }
        is_core_bool(&s.value)
    }

    /// Plain `~`, `null`, `Null`, `NULL` or empty (or a `!!null`-tagged scalar).
    pub fn is_null(&self) -> bool {
        self.scalar().is_some_and(|s| s.type_name() == "null")
    }

    /// A core-schema integer (decimal with optional sign, `0o` octal, `0x` hex) that fits i64.
    pub fn as_i64(&self) -> Option<i64> {
        let s = self.scalar()?;
        if s.type_name() != "integer" {
            return None;
        }
        parse_core_int(&s.value)
    }

    /// `"string"`, `"boolean"`, `"integer"`, `"float"`, `"null"`, `"mapping"`, `"sequence"`,
    /// `"alias"` or `"invalid"`, resolving plain scalars by the YAML 1.2 core schema.
    pub fn type_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(s) => s.type_name(),
            NodeKind::Map(_) => "mapping",
            NodeKind::Seq(_) => "sequence",
            NodeKind::Alias(_) => "alias",
            NodeKind::Invalid => "invalid",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    Syntax,
    /// A mapping repeats a key; the error's span is the repeated key, `first` the original.
    DuplicateKey {
        first: Span,
    },
    TooDeep,
    AliasExpansion,
    TooLarge,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The first document's root; `None` for an empty stream (or one broken before any node).
    pub root: Option<Node>,
    pub errors: Vec<YamlError>,
}

/// Parse the first YAML document of `text`.
pub fn parse(text: &str) -> Document {
    if text.len() > MAX_BYTES {
        return Document {
            root: None,
            errors: vec![YamlError {
                kind: YamlErrorKind::TooLarge,
                span: Span::new(0, 0),
                message: format!(
                    "file is {} bytes, larger than the {} byte limit for YAML files",
                    text.len(),
                    MAX_BYTES
                ),
            }],
        };
    }
    if let Some(doc) = fast::parse(text) {
        return doc;
    }
    Builder::new(text).run()
}

/// [`parse`] through the block-style fast path alone: `None` when the text is outside the subset
/// it loads (see the `fast` module), otherwise the same document as [`parse_reference`].
#[doc(hidden)]
pub fn parse_fast(text: &str) -> Option<Document> {
    if text.len() > MAX_BYTES {
        return None;
    }
    fast::parse(text)
}

/// [`parse`] through the parser's event stream alone, without the block-style fast path. Both
/// give the same document for every input; this one is kept as the reference the fast path is
/// checked against.
pub fn parse_reference(text: &str) -> Document {
    if text.len() > MAX_BYTES {
        return parse(text);
    }
    Builder::new(text).run()
}

// ---------------------------------------------------------------------------------------------
// Character index -> byte offset
// ---------------------------------------------------------------------------------------------

/// Converts the parser's character indexes to byte offsets with a moving cursor (positions
/// arrive in nearly increasing order, so the total walk is linear).
struct CharPos<'a> {
    text: &'a str,
    ascii: bool,
    ci: usize,
    bi: usize,
}

impl<'a> CharPos<'a> {
    fn new(text: &'a str) -> Self {
        CharPos {
            text,
            ascii: text.is_ascii(),
            ci: 0,
            bi: 0,
        }
    }

    fn byte(&mut self, ci: usize) -> usize {
        let len = self.text.len();
        if self.ascii {
            return ci.min(len);
        }
        let b = self.text.as_bytes();
        while self.ci < ci && self.bi < len {
            self.bi += utf8_width(b[self.bi]);
            self.ci += 1;
        }
        while self.ci > ci && self.bi > 0 {
            self.bi -= 1;
            while self.bi > 0 && !self.text.is_char_boundary(self.bi) {
                self.bi -= 1;
            }
            self.ci -= 1;
        }
        self.bi.min(len)
    }
}

fn utf8_width(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

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

fn line_end(b: &[u8], p: usize) -> usize {
    let p = p.min(b.len());
    memchr::memchr2(b'\n', b'\r', &b[p..]).map_or(b.len(), |i| p + i)
}

fn line_start(b: &[u8], p: usize) -> usize {
    let p = p.min(b.len());
    b[..p]
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |i| i + 1)
}

fn is_blank(c: u8) -> bool {
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
fn skip_properties(b: &[u8], mut p: usize, limit: usize) -> usize {
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
fn find_block_header(b: &[u8], from: usize, limit: usize) -> Option<usize> {
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

fn is_document_marker(b: &[u8], p: usize) -> bool {
    let m = b.get(p..p + 3);
    (m == Some(b"---") || m == Some(b"..."))
        && b.get(p + 3)
            .is_none_or(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
}

// ---------------------------------------------------------------------------------------------
// Scalar decoding: cooked value + offset map from the raw token text
// ---------------------------------------------------------------------------------------------

struct Cooked {
    value: String,
    map: OffsetMap,
    span: Span,
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
fn decode_plain(text: &str, start: usize, end: usize) -> Cooked {
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
fn decode_quoted(text: &str, open: usize, single: bool) -> Option<Cooked> {
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
enum BlockIndent {
    /// Known from the position of the first content character.
    Known(usize),
    /// Derived from the header and the enclosing block indentation (-1 at the top level).
    Parent(isize),
}

struct BlockResult {
    cooked: Cooked,
    /// The content's last line ended at end of input without a line break.
    unterminated: bool,
}

/// The expected size of a cooked value: its bytes and the segments of its offset map (about one
/// a line for a block scalar). Only a hint for reserving room.
#[derive(Clone, Copy)]
struct SizeHint {
    bytes: usize,
    segments: usize,
}

/// Block scalar whose `|`/`>` indicator is at `header`.
fn decode_block(
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

// ---------------------------------------------------------------------------------------------
// Tree building
// ---------------------------------------------------------------------------------------------

enum FrameKind {
    Seq(Vec<Node>),
    Map {
        entries: Vec<Entry>,
        /// A key waiting for its value, and whether it repeats an earlier key.
        key: Option<(Node, bool)>,
        seen: HashMap<String, Span>,
    },
}

struct Frame {
    kind: FrameKind,
    start: usize,
    flow: bool,
    anchor: usize,
    /// Node count of the would-be expansion of this collection so far.
    size: u64,
    /// Block indentation column (the scanner's notion; inherited by flow collections).
    indent: isize,
    /// End of the last child.
    last_end: usize,
}

struct Builder<'a> {
    text: &'a str,
    pos: CharPos<'a>,
    stack: Vec<Frame>,
    root: Option<Node>,
    errors: Vec<YamlError>,
    anchor_sizes: HashMap<usize, u64>,
    alias_total: u64,
    alias_reported: bool,
    /// Nesting level inside a collection cut for depth, and where the cut started.
    skip: usize,
    skip_start: usize,
    too_deep_reported: bool,
    /// End of the previous event's span.
    last_end: usize,
}

fn tag_string(tag: &Tag) -> String {
    if tag.handle == "!" {
        return format!("!{}", tag.suffix);
    }
    let full = format!("{}{}", tag.handle, tag.suffix);
    match full.strip_prefix("tag:yaml.org,2002:") {
        Some(core) => format!("!!{core}"),
        None => full,
    }
}

/// Identity of a mapping key for duplicate detection.
fn key_identity(node: &Node) -> Option<String> {
    let s = node.scalar()?;
    Some(format!("{}\u{0}{}", s.type_name(), s.value))
}

fn readable(info: &str) -> String {
    let msg = match info {
        "while parsing a node, did not find expected node content" => "expected a value here",
        "mapping values are not allowed in this context" => {
            "unexpected `:` here (a value that contains `: ` must be quoted)"
        }
        "tabs disallowed within this context (block indentation)"
        | "tab cannot be used as indentation"
        | "tabs disallowed in this context" => {
            "tab character used for indentation (YAML indentation must use spaces)"
        }
        "invalid indentation in quoted scalar" => {
            "quoted string is not closed, or a continuation line is not indented enough"
        }
        "while scanning a quoted scalar, found unexpected end of stream" => {
            "quoted string is not closed before the end of the file"
        }
        "while parsing a block mapping, did not find expected key" => {
            "expected a `key:` at this indentation (check indentation)"
        }
        "while parsing a block collection, did not find expected '-' indicator" => {
            "expected a `- ` list item at this indentation (check indentation)"
        }
        "while parsing a flow sequence, expected ',' or ']'" => "expected `,` or `]` in a list",
        "while parsing a flow mapping, did not find expected ',' or '}'" => {
            "expected `,` or `}` in a mapping"
        }
        "while parsing node, found unknown anchor" => "alias refers to an unknown anchor",
        "simple key expect ':'" | "simple key expected" => "expected `:` after this key",
        "invalid trailing content after double-quoted scalar" => {
            "unexpected text after the closing quote"
        }
        "recursion limit exceeded" => "brackets nested too deeply to load",
        other => {
            let s = other
                .strip_prefix("while parsing ")
                .or_else(|| other.strip_prefix("while scanning "))
                .map(|rest| format!("in {rest}"));
            return s.unwrap_or_else(|| other.to_string());
        }
    };
    msg.to_string()
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            pos: CharPos::new(text),
            stack: Vec::new(),
            root: None,
            errors: Vec::new(),
            anchor_sizes: HashMap::new(),
            alias_total: 0,
            alias_reported: false,
            skip: 0,
            skip_start: 0,
            too_deep_reported: false,
            last_end: 0,
        }
    }

    fn run(mut self) -> Document {
        let mut parser = Parser::new_from_str(self.text);
        let mut in_document = false;
        while let Some(result) = parser.next_event() {
            match result {
                Err(e) => {
                    let at = self.pos.byte(e.marker().index());
                    self.syntax_error(at, e.info());
                    break;
                }
                Ok((event, span)) => {
                    let s = self.pos.byte(span.start.index());
                    let e = self.pos.byte(span.end.index()).max(s);
                    match event {
                        Event::StreamStart | Event::Nothing => {}
                        Event::DocumentStart(explicit) => {
                            if in_document {
                                break;
                            }
                            in_document = true;
                            if !explicit {
                                // An implicit start carries the span of the first token; only
                                // comments precede it.
                                continue;
                            }
                        }
                        Event::DocumentEnd | Event::StreamEnd => break,
                        Event::Scalar(value, style, anchor, tag) => {
                            if self.skip == 0 {
                                let tag = tag.map(|t| tag_string(&t));
                                let scalar = self.scalar(&value, style, anchor, tag, s, e);
                                let span = scalar.span;
                                self.add(
                                    Node {
                                        kind: NodeKind::Scalar(scalar),
                                        span,
                                    },
                                    1,
                                    anchor,
                                );
                            }
                        }
                        Event::Alias(id) => {
                            if self.skip == 0 {
                                self.alias(id, s, e);
                            }
                        }
                        Event::SequenceStart(anchor, _) => self.open(true, anchor, s, e),
                        Event::MappingStart(anchor, _) => self.open(false, anchor, s, e),
                        Event::SequenceEnd | Event::MappingEnd => self.close(e),
                    }
                    self.last_end = e;
                }
            }
        }
        self.close_all(self.last_end);
        Document {
            root: self.root,
            errors: self.errors,
        }
    }

    fn syntax_error(&mut self, at: usize, info: &str) {
        let b = self.text.as_bytes();
        let mut at = at.min(b.len());
        if info.contains("tab") && b.get(at) != Some(&b'\t') {
            // Point at the offending tab rather than past it.
            let ls = line_start(b, at);
            if let Some(i) = b[ls..at].iter().rposition(|&c| c == b'\t') {
                at = ls + i;
            }
        }
        let end = match self.text.get(at..).and_then(|r| r.chars().next()) {
            Some(c) if c != '\n' && c != '\r' => at + c.len_utf8(),
            _ => at,
        };
        let kind = if info == "recursion limit exceeded" {
            // The scanner's own bound on flow nesting.
            YamlErrorKind::TooDeep
        } else {
            YamlErrorKind::Syntax
        };
        self.errors.push(YamlError {
            kind,
            span: Span::new(at as u32, end as u32),
            message: readable(info),
        });
        self.close_all(at);
    }

    /// Close every open collection (after a syntax error or at the end of input).
    fn close_all(&mut self, at: usize) {
        if self.skip > 0 {
            self.skip = 0;
            let span = Span::new(self.skip_start as u32, at.max(self.skip_start) as u32);
            self.add(
                Node {
                    kind: NodeKind::Invalid,
                    span,
                },
                1,
                0,
            );
        }
        while let Some(mut frame) = self.stack.pop() {
            if let FrameKind::Map {
                key: Some((key, dup)),
                entries,
                ..
            } = &mut frame.kind
            {
                let key = key.clone();
                if !*dup {
                    let at = at.max(key.span.end as usize) as u32;
                    let value = Node {
                        kind: NodeKind::Invalid,
                        span: Span::new(at, at),
                    };
                    entries.push(Entry { key, value });
                }
            }
            if let FrameKind::Map { key, .. } = &mut frame.kind {
                *key = None;
            }
            let end = if frame.flow {
                at.max(frame.last_end)
            } else {
                frame.last_end
            };
            self.finish(frame, end);
        }
    }

    fn parent_indent(&self) -> isize {
        self.stack.last().map_or(-1, |f| f.indent)
    }

    fn scalar(
        &mut self,
        value: &str,
        style: SaphyrStyle,
        anchor: usize,
        tag: Option<String>,
        s: usize,
        e: usize,
    ) -> Scalar {
        let b = self.text.as_bytes();
        let has_props = anchor > 0 || tag.is_some();
        let (style, decoded, quirk_ok) = match style {
            SaphyrStyle::Plain => {
                let start = if has_props {
                    skip_properties(b, s, e)
                } else {
                    s
                };
                let cooked = if value.is_empty() {
                    let mut map = OffsetMap::new();
                    map.push(0, start as u32);
                    map.set_raw_end(start as u32);
                    Cooked {
                        value: String::new(),
                        map,
                        span: Span::new(start as u32, start as u32),
                    }
                } else {
                    decode_plain(self.text, start, e)
                };
                (ScalarStyle::Plain, Some(cooked), false)
            }
            SaphyrStyle::SingleQuoted | SaphyrStyle::DoubleQuoted => {
                let single = style == SaphyrStyle::SingleQuoted;
                let open = if has_props {
                    skip_properties(b, s, e)
                } else {
                    s
                };
                let st = if single {
                    ScalarStyle::SingleQuoted
                } else {
                    ScalarStyle::DoubleQuoted
                };
                (st, decode_quoted(self.text, open, single), false)
            }
            SaphyrStyle::Literal | SaphyrStyle::Folded => {
                let literal = style == SaphyrStyle::Literal;
                let st = if literal {
                    ScalarStyle::Literal
                } else {
                    ScalarStyle::Folded
                };
                let parent = self.parent_indent();
                let found = match find_block_header(b, self.last_end.min(s), s) {
                    Some(h) => {
                        // The event starts at the first content character, whose column is the
                        // content indentation, unless there is no content at all.
                        let mode = if value.chars().any(|c| c != '\n') {
                            let ls = line_start(b, s);
                            let bom = if b[ls..].starts_with("\u{feff}".as_bytes()) {
                                3
                            } else {
                                0
                            };
                            BlockIndent::Known((s - ls).saturating_sub(bom))
                        } else {
                            BlockIndent::Parent(parent)
                        };
                        Some((h, mode))
                    }
                    None => {
                        // The event starts at the node's properties or at the indicator itself.
                        let h = skip_properties(b, s, e.max(s + 1));
                        matches!(b.get(h), Some(b'|' | b'>'))
                            .then_some((h, BlockIndent::Parent(parent)))
                    }
                };
                match found {
                    Some((h, mode)) => {
                        // The parser's value is the cooked value (checked below).
                        let hint = SizeHint {
                            bytes: value.len(),
                            segments: value.bytes().filter(|&c| c == b'\n').count() + 1,
                        };
                        let r = decode_block(self.text, h, literal, mode, hint);
                        (st, Some(r.cooked), r.unterminated)
                    }
                    None => (st, None, false),
                }
            }
        };
        let good = decoded.filter(|c| {
            c.value == value
                // The parser adds a line break to a block scalar ending at end of input without
                // one; YAML 1.2 does not.
                || (quirk_ok && value.strip_suffix('\n') == Some(c.value.as_str()))
        });
        match good {
            Some(c) => Scalar {
                value: c.value,
                style,
                span: c.span,
                map: c.map,
                tag,
            },
            None => {
                #[cfg(test)]
                tests::FALLBACKS.with(|f| f.set(f.get() + 1));
                // The parser's value, which our decoding could not reproduce: no position inside
                // it is known, so every one maps to the token start (a linear guess could land
                // inside a character of the raw text, for example after a mid-scalar BOM).
                let start = if has_props {
                    skip_properties(b, s, e)
                } else {
                    s
                };
                let mut map = OffsetMap::new();
                map.push(0, start as u32);
                map.set_raw_end(start as u32);
                Scalar {
                    value: value.to_string(),
                    style,
                    span: Span::new(start as u32, e as u32),
                    map,
                    tag,
                }
            }
        }
    }

    fn alias(&mut self, id: usize, s: usize, e: usize) {
        let raw = self.text.get(s..e).unwrap_or("");
        let name = raw.strip_prefix('*').unwrap_or(raw).trim_end().to_string();
        let span = Span::new(s as u32, (s + raw.trim_end().len()) as u32);
        let size = match self.anchor_sizes.get(&id) {
            Some(&n) => {
                self.alias_total = self.alias_total.saturating_add(n);
                if self.alias_total > MAX_ALIAS_EXPANSION && !self.alias_reported {
                    self.alias_reported = true;
                    self.errors.push(YamlError {
                        kind: YamlErrorKind::AliasExpansion,
                        span,
                        message: format!(
                            "aliases would expand this document by more than {MAX_ALIAS_EXPANSION} nodes (alias `*{name}`)"
                        ),
                    });
                }
                n
            }
            None => {
                if self.stack.iter().any(|f| f.anchor == id) {
                    self.errors.push(YamlError {
                        kind: YamlErrorKind::AliasExpansion,
                        span,
                        message: format!(
                            "alias `*{name}` refers to a collection that contains it (infinite expansion)"
                        ),
                    });
                }
                1
            }
        };
        self.add(
            Node {
                kind: NodeKind::Alias(name),
                span,
            },
            size,
            0,
        );
    }

    fn open(&mut self, seq: bool, anchor: usize, s: usize, e: usize) {
        if self.skip > 0 || self.stack.len() >= MAX_DEPTH {
            if self.skip == 0 {
                self.skip_start = s;
                if !self.too_deep_reported {
                    self.too_deep_reported = true;
                    let end = self
                        .text
                        .get(s..)
                        .and_then(|r| r.chars().next())
                        .map_or(0, char::len_utf8);
                    self.errors.push(YamlError {
                        kind: YamlErrorKind::TooDeep,
                        span: Span::new(s as u32, (s + end) as u32),
                        message: format!("nesting deeper than {MAX_DEPTH} levels is not loaded"),
                    });
                }
            }
            self.skip += 1;
            return;
        }
        let b = self.text.as_bytes();
        let flow = e > s && matches!(b.get(e - 1), Some(b'[' | b'{'));
        let mut start = if flow { e - 1 } else { e };
        if seq && !flow && b.get(start) != Some(&b'-') {
            // An indentless sequence starts after its first `- `.
            let mut q = start;
            while q > 0 && is_blank(b[q - 1]) {
                q -= 1;
            }
            if q > 0 && b[q - 1] == b'-' {
                start = q - 1;
            }
        }
        let indent = if flow {
            self.parent_indent()
        } else {
            let ls = line_start(b, start);
            let prefix = self.text.get(ls..start).unwrap_or("");
            // A byte order mark does not count as a column.
            prefix.trim_start_matches('\u{feff}').chars().count() as isize
        };
        let kind = if seq {
            FrameKind::Seq(Vec::new())
        } else {
            FrameKind::Map {
                entries: Vec::new(),
                key: None,
                seen: HashMap::new(),
            }
        };
        self.stack.push(Frame {
            kind,
            start,
            flow,
            anchor,
            size: 1,
            indent,
            last_end: start,
        });
    }

    fn close(&mut self, e: usize) {
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 {
                let span = Span::new(self.skip_start as u32, e.max(self.skip_start) as u32);
                self.add(
                    Node {
                        kind: NodeKind::Invalid,
                        span,
                    },
                    1,
                    0,
                );
            }
            return;
        }
        if let Some(frame) = self.stack.pop() {
            let end = if frame.flow { e } else { frame.last_end };
            self.finish(frame, end);
        }
    }

    fn finish(&mut self, frame: Frame, end: usize) {
        let span = Span::new(frame.start as u32, end.max(frame.start) as u32);
        let kind = match frame.kind {
            FrameKind::Seq(items) => NodeKind::Seq(items),
            FrameKind::Map { entries, .. } => NodeKind::Map(entries),
        };
        self.add(Node { kind, span }, frame.size, frame.anchor);
    }

    fn add(&mut self, node: Node, size: u64, anchor: usize) {
        if anchor > 0 {
            self.anchor_sizes.insert(anchor, size);
        }
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        frame.size = frame.size.saturating_add(size);
        frame.last_end = frame.last_end.max(node.span.end as usize);
        match &mut frame.kind {
            FrameKind::Seq(items) => items.push(node),
            FrameKind::Map { entries, key, seen } => match key.take() {
                None => {
                    // Every earlier key that is not a duplicate is in `entries` now. Small
                    // mappings are searched directly; larger ones through `seen`.
                    let first = match node.scalar() {
                        None => None,
                        Some(s) if entries.len() < 32 => entries
                            .iter()
                            .find(|e| {
                                e.key.scalar().is_some_and(|k| {
                                    k.value == s.value && k.type_name() == s.type_name()
                                })
                            })
                            .map(|e| e.key.span),
                        Some(_) => {
                            if seen.is_empty() {
                                for e in entries.iter() {
                                    if let Some(id) = key_identity(&e.key) {
                                        seen.entry(id).or_insert(e.key.span);
                                    }
                                }
                            }
                            match key_identity(&node) {
                                Some(id) => match seen.get(&id) {
                                    Some(&first) => Some(first),
                                    None => {
                                        seen.insert(id, node.span);
                                        None
                                    }
                                },
                                None => None,
                            }
                        }
                    };
                    if let Some(first) = first {
                        let shown = node.as_str().unwrap_or("");
                        self.errors.push(YamlError {
                            kind: YamlErrorKind::DuplicateKey { first },
                            span: node.span,
                            message: format!("duplicate key `{shown}` in this mapping"),
                        });
                    }
                    *key = Some((node, first.is_some()));
                }
                Some((k, dup)) => {
                    if !dup {
                        entries.push(Entry {
                            key: k,
                            value: node,
                        });
                    }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        pub(super) static FALLBACKS: Cell<usize> = const { Cell::new(0) };
    }

    fn fallbacks() -> usize {
        FALLBACKS.with(|f| f.get())
    }

    /// A scalar whose value the decoding cannot reproduce (the parser stops a block scalar at
    /// a byte order mark) keeps the parser's value, and every position in it maps to the
    /// scalar's first byte: line 2, column 3 here, never inside a character.
    #[test]
    fn a_scalar_the_decoding_cannot_reproduce_maps_to_its_start() {
        let text = "prompt: |-\n  ab\u{feff}cd é\n";
        let before = fallbacks();
        let d = parse(text);
        assert_eq!(fallbacks(), before + 1);
        let root = d.root.expect("root");
        let NodeKind::Map(entries) = &root.kind else {
            panic!("{root:?}")
        };
        let NodeKind::Scalar(s) = &entries[0].value.kind else {
            panic!("{entries:?}")
        };
        assert_eq!(s.value, "ab");
        assert_eq!(s.span, Span::new(13, 15));
        let start = Span::new(13, 13);
        for r in [0..2, 0..1, 1..2, 2..2] {
            assert_eq!(s.map.span(r.clone()), start, "{r:?}");
        }
        let lines = crate::source::LineIndex::new(text);
        assert_eq!(lines.line_col(text, 13), (1, 2));
    }

    /// Parse, asserting no errors and that every scalar was decoded without falling back.
    fn root(text: &str) -> Node {
        let before = fallbacks();
        let d = parse(text);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(
            fallbacks(),
            before,
            "a scalar fell back to the parser's value in {text:?}"
        );
        let root = d.root.expect("root");
        check_maps(text, &root);
        root
    }

    /// Every cooked character that is copied from the source (not produced by an escape, a fold
    /// or chomping) must map to the same character in the raw text, inside the scalar's span.
    fn check_maps(text: &str, node: &Node) {
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match &n.kind {
                NodeKind::Scalar(s) => {
                    assert!(s.span.end as usize <= text.len());
                    for (i, ch) in s.value.char_indices() {
                        if matches!(ch, ' ' | '\n') {
                            continue;
                        }
                        let raw = s.map.to_raw(i as u32);
                        assert!(
                            s.span.contains(raw),
                            "{raw} outside {:?} for {:?}",
                            s.span,
                            s.value
                        );
                        let at = &text[raw as usize..];
                        let escaped = s.style == ScalarStyle::DoubleQuoted && at.starts_with('\\')
                            || s.style == ScalarStyle::SingleQuoted && at.starts_with("''");
                        assert!(
                            escaped || at.starts_with(ch),
                            "{ch:?} at {i} maps to {raw} in {:?}",
                            s.value
                        );
                    }
                }
                NodeKind::Map(es) => {
                    for e in es {
                        stack.push(&e.key);
                        stack.push(&e.value);
                    }
                }
                NodeKind::Seq(items) => stack.extend(items.iter()),
                _ => {}
            }
        }
    }

    fn sc<'n>(root: &'n Node, key: &str) -> &'n Scalar {
        root.get(key)
            .and_then(Node::scalar)
            .unwrap_or_else(|| panic!("no scalar {key}"))
    }

    /// The first occurrence of `needle` in the value maps to its `nth` occurrence in the text.
    fn assert_ref(text: &str, s: &Scalar, needle: &str, nth: usize) {
        let c = s.value.find(needle).expect("needle in value");
        let r = text
            .match_indices(needle)
            .nth(nth)
            .expect("needle in text")
            .0;
        assert_eq!(
            s.map.span(c..c + needle.len()),
            Span::from_range(r..r + needle.len()),
            "value {:?}",
            s.value
        );
    }

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
    fn spans_of_collections_and_properties() {
        let text = "a: &x {b: [1, 2]}\nc: *x\nd:\n  - !!str 12\n  - !local v\ne:\n- y\n";
        let r = root(text);
        let a = r.get("a").unwrap();
        assert_eq!(a.span, Span::from_range(6..17));
        assert_eq!(a.get("b").unwrap().span, Span::from_range(10..16));
        let c = r.get("c").unwrap();
        assert_eq!(c.kind, NodeKind::Alias("x".into()));
        assert_eq!(c.span, Span::from_range(21..23));
        assert_eq!(c.type_name(), "alias");
        let d = r.get("d").unwrap();
        let first = &d.items()[0];
        assert_eq!(first.scalar().unwrap().tag.as_deref(), Some("!!str"));
        assert_eq!(first.type_name(), "string");
        assert_eq!(&text[first.span.range()], "12");
        assert_eq!(
            d.items()[1].scalar().unwrap().tag.as_deref(),
            Some("!local")
        );
        let t = root(
            "%TAG !e! tag:example.com,2000:\n---\n- !<tag:yaml.org,2002:int> \"7\"\n- !!int '0x10'\n- !e!x y\n",
        );
        let tags: Vec<_> = t
            .items()
            .iter()
            .map(|i| i.scalar().and_then(|s| s.tag.clone()))
            .collect();
        assert_eq!(
            tags,
            [
                Some("!!int".into()),
                Some("!!int".into()),
                Some("tag:example.com,2000:x".into())
            ]
        );
        let ints: Vec<_> = t.items().iter().map(Node::as_i64).collect();
        assert_eq!(ints, [Some(7), Some(16), None]);
        assert_eq!(&text[d.span.range()], "- !!str 12\n  - !local v");
        let e = r.get("e").unwrap();
        assert_eq!(&text[e.span.range()], "- y");
        assert_eq!(r.span, Span::from_range(0..text.len() - 1));
    }

    #[test]
    fn duplicate_keys_keep_the_first() {
        let text = "a: 1\nb: 2\na: 3\n\"b\": 4\ntrue: x\n\"true\": y\n";
        let d = parse(text);
        let r = d.root.unwrap();
        assert_eq!(r.entries().len(), 4);
        assert_eq!(r.get("a").and_then(Node::as_i64), Some(1));
        assert_eq!(r.get("b").and_then(Node::as_i64), Some(2));
        assert_eq!(d.errors.len(), 2, "{:?}", d.errors);
        assert_eq!(
            d.errors[0].kind,
            YamlErrorKind::DuplicateKey {
                first: Span::new(0, 1)
            }
        );
        assert_eq!(d.errors[0].span, Span::new(10, 11));
        assert_eq!(
            d.errors[1].kind,
            YamlErrorKind::DuplicateKey {
                first: Span::new(5, 6)
            }
        );
        assert_eq!(d.errors[1].span, Span::new(15, 18));
        assert!(d.errors[0].message.contains("`a`"));
    }

    #[test]
    fn syntax_error_tab_indentation() {
        let text = "a: 1\nb:\n\tc: 2\n";
        let d = parse(text);
        assert_eq!(d.errors.len(), 1);
        let e = &d.errors[0];
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.span, Span::new(8, 9));
        assert!(e.message.contains("tab"), "{}", e.message);
        let r = d.root.unwrap();
        assert_eq!(r.get("a").and_then(Node::as_i64), Some(1));
        assert_eq!(r.get("b").unwrap().kind, NodeKind::Invalid);
    }

    #[test]
    fn syntax_error_unclosed_quote_keeps_partial_tree() {
        let text = "a: ok\nb: [1, 2]\nc: \"abc\nd: 2\n";
        let d = parse(text);
        assert_eq!(d.errors.len(), 1);
        let e = &d.errors[0];
        assert_eq!(e.kind, YamlErrorKind::Syntax);
        assert_eq!(e.span, Span::from_range(19..20));
        assert!(e.message.contains("quoted string"), "{}", e.message);
        let r = d.root.unwrap();
        assert_eq!(r.get("a").and_then(Node::as_str), Some("ok"));
        assert_eq!(r.get("b").unwrap().items().len(), 2);

        // Unclosed flow sequence: the open containers are closed around what was read.
        let d = parse("a:\n  b: [1, 2\n");
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].kind, YamlErrorKind::Syntax);
        let r = d.root.unwrap();
        let b = r.get("a").and_then(|a| a.get("b")).unwrap();
        let items: Vec<_> = b.items().iter().filter_map(Node::as_i64).collect();
        assert_eq!(items, [1, 2]);
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = [
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
        ];
        for w in names.windows(2) {
            let (prev, cur) = (w[0], w[1]);
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
        }
        let d = parse(&text);
        let errs: Vec<_> = d
            .errors
            .iter()
            .filter(|e| e.kind == YamlErrorKind::AliasExpansion)
            .collect();
        assert_eq!(errs.len(), 1, "{:?}", d.errors);
        // a=10, b=91, c=820, d=7381, e=66430 nodes: the 13th use of `*e` crosses the bound.
        assert_eq!(&text[errs[0].span.range()], "*e");
        let f_line = text.find("f: ").unwrap();
        assert!(errs[0].span.start as usize > f_line);
        // Aliases stay unexpanded.
        let p = d.root.unwrap();
        let p = p.get("p").unwrap();
        assert_eq!(p.items().len(), 9);
        assert_eq!(p.items()[0].kind, NodeKind::Alias("o".into()));

        // Modest reuse is fine.
        let d = parse("base: &b {x: 1, y: 2}\nm: *b\nn: *b\n");
        assert!(d.errors.is_empty());
    }

    #[test]
    fn recursive_alias_is_reported() {
        let d = parse("a: &a [1, *a]\n");
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].kind, YamlErrorKind::AliasExpansion);
        assert_eq!(d.errors[0].span, Span::new(10, 12));
    }

    fn depth_of(node: &Node) -> (usize, bool) {
        let mut depth = 0;
        let mut n = node;
        loop {
            match &n.kind {
                NodeKind::Seq(items) if !items.is_empty() => n = &items[0],
                NodeKind::Map(es) if !es.is_empty() => n = &es[0].value,
                NodeKind::Invalid => return (depth, true),
                _ => return (depth, false),
            }
            depth += 1;
        }
    }

    #[test]
    fn deep_flow_nesting() {
        // Deeper than the scanner's own flow bound: reported, nothing loaded.
        for text in [
            format!("{}x{}", "[".repeat(10_000), "]".repeat(10_000)),
            format!("{}x{}", "{a: ".repeat(10_000), "}".repeat(10_000)),
            "[".repeat(10_000),
        ] {
            let d = parse(&text);
            assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
            assert_eq!(d.errors[0].kind, YamlErrorKind::TooDeep);
        }
        // Deeper than MAX_DEPTH but within the scanner's bound: loaded and cut at MAX_DEPTH.
        let text = format!("{}x{}", "[".repeat(230), "]".repeat(230));
        let d = parse(&text);
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].kind, YamlErrorKind::TooDeep);
        assert_eq!(d.errors[0].span, Span::from_range(MAX_DEPTH..MAX_DEPTH + 1));
        let root = d.root.unwrap();
        assert_eq!(depth_of(&root), (MAX_DEPTH, true));
        assert_eq!(root.span, Span::from_range(0..text.len()));
    }

    #[test]
    fn deep_block_nesting() {
        let text = format!("{}x\n", "- ".repeat(10_000));
        let d = parse(&text);
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].kind, YamlErrorKind::TooDeep);
        let (depth, invalid) = depth_of(d.root.as_ref().unwrap());
        assert_eq!((depth, invalid), (MAX_DEPTH, true));
        let mut text = String::new();
        for i in 0..1000 {
            text.push_str(&" ".repeat(i));
            text.push_str("k:\n");
        }
        let d = parse(&text);
        assert!(d.errors.iter().any(|e| e.kind == YamlErrorKind::TooDeep));
        // Exactly MAX_DEPTH levels load fine.
        let text = format!("{}x\n", "- ".repeat(MAX_DEPTH));
        let d = parse(&text);
        assert!(d.errors.is_empty());
        assert_eq!(depth_of(d.root.as_ref().unwrap()), (MAX_DEPTH, false));
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
    fn core_schema_resolution() {
        let text = "a: yes\nb: no\nc: on\nd: \"true\"\ne: true\nf: False\ng: 'false'\nis_default: \"yes\"\n\
                    h: ~\ni: null\nj:\nk: 12\nl: -0x1\nm: 0o17\nn: 1.5e3\no: .inf\np: \"12\"\nq: 0x1F\nr: 1_000\n";
        let r = root(text);
        let ty = |k: &str| r.get(k).unwrap().type_name();
        for k in ["a", "b", "c", "d", "g", "is_default", "p", "r", "l"] {
            assert_eq!(ty(k), "string", "{k}");
        }
        assert_eq!(r.get("a").and_then(Node::as_bool), None);
        assert_eq!(r.get("a").and_then(Node::as_str), Some("yes"));
        assert_eq!(r.get("d").and_then(Node::as_bool), None);
        assert_eq!(r.get("e").and_then(Node::as_bool), Some(true));
        assert_eq!(r.get("f").and_then(Node::as_bool), Some(false));
        assert_eq!(ty("e"), "boolean");
        for k in ["h", "i", "j"] {
            assert_eq!(ty(k), "null");
            assert!(r.get(k).unwrap().is_null());
        }
        assert_eq!(r.get("h").and_then(Node::as_str), Some("~"));
        assert_eq!(r.get("j").and_then(Node::as_str), Some(""));
        assert_eq!(r.get("k").and_then(Node::as_i64), Some(12));
        assert_eq!(r.get("m").and_then(Node::as_i64), Some(15));
        assert_eq!(r.get("q").and_then(Node::as_i64), Some(31));
        assert_eq!(r.get("p").and_then(Node::as_i64), None);
        assert_eq!(ty("n"), "float");
        assert_eq!(ty("o"), "float");
        assert_eq!(r.type_name(), "mapping");
        assert_eq!(root("[1]").type_name(), "sequence");
        assert!(!r.get("p").unwrap().is_null());
    }

    #[test]
    fn documents_streams_and_limits() {
        assert_eq!(parse(""), Document::default());
        assert_eq!(parse("# only a comment\n"), Document::default());
        let d = parse("a: 1\n---\nb: [\n");
        assert!(d.errors.is_empty());
        assert_eq!(d.root.unwrap().get("a").and_then(Node::as_i64), Some(1));
        let d = parse("---\na: 1\n...\n--- x\n");
        assert!(d.errors.is_empty());
        assert_eq!(d.root.unwrap().entries().len(), 1);
        let text = "\u{feff}a: b\n";
        let r = root(text);
        assert_eq!(sc(&r, "a").span, Span::new(6, 7));
        let big = "a".repeat(MAX_BYTES + 1);
        let d = parse(&big);
        assert!(d.root.is_none());
        assert_eq!(d.errors[0].kind, YamlErrorKind::TooLarge);
    }

    #[test]
    fn accessors_on_other_kinds() {
        let r = root("a: [1]\nb: {c: d}\n");
        assert!(r.items().is_empty());
        assert!(r.get("a").unwrap().entries().is_empty());
        assert_eq!(r.get("a").unwrap().as_str(), None);
        assert_eq!(
            r.get("b").and_then(|b| b.get("c")).and_then(Node::as_str),
            Some("d")
        );
        assert!(r.get("zz").is_none());
        assert!(r.get("a").unwrap().get("x").is_none());
    }

    #[test]
    fn never_panics_on_fragments() {
        let samples = [
            "a: \"\\",
            "a: \"\\u12",
            "a: |",
            "a: >9\n",
            "- |0\n",
            "a: 'x",
            "[",
            "{",
            "]",
            "}",
            "&",
            "*x",
            "a: *nope",
            "!<",
            "%YAML 1.2\n",
            "a:\n  - b\n c: d",
            "? ",
            ": ",
            "a: |\n\tx",
            "\u{feff}",
            "a: \"\u{1F600}\\\r",
            "a: |\r",
            "- >\n  \u{1F600}\n \n",
        ];
        for s in samples {
            let _ = parse(s);
            for cut in 0..s.len() {
                if s.is_char_boundary(cut) {
                    let _ = parse(&s[..cut]);
                }
            }
        }
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
