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
