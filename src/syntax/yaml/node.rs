//! The spanned tree a YAML document loads into ([`Document`], [`Node`], [`Scalar`] and the errors),
//! with YAML 1.2 core-schema typing of scalars.

use crate::source::{OffsetMap, Span};

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

/// Resolution of a plain scalar's text as the ADK's loader does it: ruamel.yaml's YAML 1.2
/// implicit resolvers (`ruamel/yaml/resolver.py`), which accept `_` in numbers, `0b` binary
/// and `0o`-less octal-looking decimals, and read `2024-01-15` as a date.
fn resolve_plain(v: &str) -> &'static str {
    if is_core_null(v) {
        "null"
    } else if is_core_bool(v).is_some() {
        "boolean"
    } else if !v.starts_with([
        '-', '+', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ]) {
        // ruamel tries its number and date resolvers only on these first characters.
        "string"
    } else if is_core_float(v) {
        "float"
    } else if is_core_int(v) {
        "integer"
    } else if is_timestamp(v) {
        "timestamp"
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

/// One or more characters, each a digit of `radix` or `_`.
fn digits_or_underscores(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c == '_' || c.is_digit(radix))
}

/// `[-+]?(0b[01_]+ | 0o?[0-7_]+ | [0-9_]+ | 0x[0-9a-fA-F_]+)`.
fn is_core_int(v: &str) -> bool {
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    if let Some(rest) = s.strip_prefix("0b") {
        return digits_or_underscores(rest, 2);
    }
    if let Some(rest) = s.strip_prefix("0x") {
        return digits_or_underscores(rest, 16);
    }
    if let Some(rest) = s.strip_prefix("0o") {
        return digits_or_underscores(rest, 8);
    }
    digits_or_underscores(s, 10)
}

/// `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?`, `[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+`,
/// `[-+]?\.[0-9_]+([eE][-+][0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
fn is_core_float(v: &str) -> bool {
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let s = v.strip_prefix(['-', '+']).unwrap_or(v);
    if matches!(s, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let ascii_digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let exp_ok = |signed_required: bool| match exp {
        None => true,
        Some(e) => match e.strip_prefix(['-', '+']) {
            Some(d) => ascii_digits(d),
            None => !signed_required && ascii_digits(e),
        },
    };
    let int_part =
        |d: &str| d.starts_with(|c: char| c.is_ascii_digit()) && digits_or_underscores(d, 10);
    match mantissa.find('.') {
        // `.5`, `.5e+3`: the exponent needs its sign here.
        Some(0) => digits_or_underscores(&mantissa[1..], 10) && exp_ok(true),
        Some(i) => {
            let frac = &mantissa[i + 1..];
            int_part(&mantissa[..i])
                && (frac.is_empty() || digits_or_underscores(frac, 10))
                && exp_ok(false)
        }
        None => exp.is_some() && int_part(mantissa) && exp_ok(false),
    }
}

/// `YYYY-MM-DD`, or `YYYY-M-D` followed by a time (`T` or spaces, `H:MM:SS`, fraction, zone).
fn is_timestamp(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if b.len() == 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
    {
        return true;
    }
    // The long form, walked with a cursor.
    let mut i = 0;
    let take_digits = |i: &mut usize, min: usize, max: usize| {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start >= min
    };
    let eat = |i: &mut usize, c: u8| {
        if b.get(*i) == Some(&c) {
            *i += 1;
            true
        } else {
            false
        }
    };
    if !(take_digits(&mut i, 4, 4)
        && eat(&mut i, b'-')
        && take_digits(&mut i, 1, 2)
        && eat(&mut i, b'-')
        && take_digits(&mut i, 1, 2))
    {
        return false;
    }
    if !(eat(&mut i, b'T') || eat(&mut i, b't')) {
        let start = i;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if !(take_digits(&mut i, 1, 2)
        && eat(&mut i, b':')
        && take_digits(&mut i, 2, 2)
        && eat(&mut i, b':')
        && take_digits(&mut i, 2, 2))
    {
        return false;
    }
    if eat(&mut i, b'.') {
        take_digits(&mut i, 0, usize::MAX);
    }
    let before_zone = i;
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    if i == b.len() {
        return true;
    }
    if eat(&mut i, b'Z') {
        return i == b.len();
    }
    if eat(&mut i, b'-') || eat(&mut i, b'+') {
        if !take_digits(&mut i, 1, 2) {
            return false;
        }
        if eat(&mut i, b':') && !take_digits(&mut i, 2, 2) {
            return false;
        }
        return i == b.len();
    }
    let _ = before_zone;
    false
}

/// The value of a plain integer (see [`is_core_int`]), when it fits i64.
fn parse_core_int(v: &str) -> Option<i64> {
    if !is_core_int(v) {
        return None;
    }
    let (neg, s) = match v.as_bytes().first() {
        Some(b'-') => (true, &v[1..]),
        Some(b'+') => (false, &v[1..]),
        _ => (false, v),
    };
    let (radix, digits) = if let Some(r) = s.strip_prefix("0b") {
        (2, r)
    } else if let Some(r) = s.strip_prefix("0x") {
        (16, r)
    } else if let Some(r) = s.strip_prefix("0o") {
        (8, r)
    } else {
        (10, s)
    };
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() {
        return None;
    }
    let n = i64::from_str_radix(&digits, radix).ok()?;
    Some(if neg { -n } else { n })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::yaml::test_support::root;

    #[test]
    fn core_schema_resolution() {
        let text = "a: yes\nb: no\nc: on\nd: \"true\"\ne: true\nf: False\ng: 'false'\nis_default: \"yes\"\n\
                    h: ~\ni: null\nj:\nk: 12\nl: -0x1\nm: 0o17\nn: 1.5e3\no: .inf\np: \"12\"\nq: 0x1F\nr: 1_000\n";
        let r = root(text);
        let ty = |k: &str| r.get(k).unwrap().type_name();
        for k in ["a", "b", "c", "d", "g", "is_default", "p"] {
            assert_eq!(ty(k), "string", "{k}");
        }
        // ruamel.yaml's 1.2 resolver, which the ADK loads with: signed hex and `_` are numbers.
        assert_eq!(r.get("r").and_then(Node::as_i64), Some(1000));
        assert_eq!(r.get("l").and_then(Node::as_i64), Some(-1));
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
    fn resolution_follows_the_adk_loader() {
        // Each case as `ruamel.yaml` (YAML 1.2, `typ="safe"`) loads it.
        let cases = [
            ("+14155550134", "integer"),
            ("0123", "integer"),
            ("0b101", "integer"),
            ("0xFF_FF", "integer"),
            ("1__0", "integer"),
            ("0o8", "string"),
            ("0b12", "string"),
            ("_1", "string"),
            ("1_0.5", "float"),
            ("3.", "float"),
            ("+.5", "float"),
            (".5e+3", "float"),
            (".5e3", "string"),
            ("1e5", "float"),
            ("1e_5", "string"),
            ("-.inf", "float"),
            ("-.nan", "string"),
            ("nan", "string"),
            ("12:30", "string"),
            ("2024-01-15", "timestamp"),
            ("2024-1-5", "string"),
            ("2024-01-15 10:00:00", "timestamp"),
            ("2024-01-15T10:00:00Z", "timestamp"),
            ("2024-1-5t1:00:00.5 +01:00", "timestamp"),
            ("yes", "string"),
            ("TRUE", "boolean"),
            ("1,000", "string"),
            ("\u{663}", "string"),
        ];
        for (v, want) in cases {
            let r = root(&format!("k: {v}\n"));
            assert_eq!(r.get("k").unwrap().type_name(), want, "{v}");
        }
        assert_eq!(root("k: 0b101\n").get("k").and_then(Node::as_i64), Some(5));
        assert_eq!(root("k: 0123\n").get("k").and_then(Node::as_i64), Some(123));
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
}
