//! Loading over the `saphyr-parser` event stream: events become tree-building steps, the parser's
//! character positions byte offsets, scalar events decoded scalars, and its errors readable ones.

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, Tag};

use super::node::{Document, Node, NodeKind, Scalar, ScalarStyle, YamlError, YamlErrorKind};
use super::scalar::{
    BlockIndent, Cooked, SizeHint, decode_block, decode_plain, decode_quoted, find_block_header,
    line_start, skip_properties,
};
use super::tree::Builder;
use crate::source::{OffsetMap, Span};

// ---------------------------------------------------------------------------------------------
// Character index -> byte offset
// ---------------------------------------------------------------------------------------------

/// Converts the parser's character indexes to byte offsets with a moving cursor (positions
/// arrive in nearly increasing order, so the total walk is linear).
pub(super) struct CharPos<'a> {
    text: &'a str,
    ascii: bool,
    ci: usize,
    bi: usize,
}

impl<'a> CharPos<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        CharPos {
            text,
            ascii: text.is_ascii(),
            ci: 0,
            bi: 0,
        }
    }

    pub(super) fn byte(&mut self, ci: usize) -> usize {
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
    pub(super) fn run(mut self) -> Document {
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
                super::test_support::FALLBACKS.with(|f| f.set(f.get() + 1));
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
}

#[cfg(test)]
mod tests {
    use crate::source::Span;
    use crate::syntax::yaml::test_support::{fallbacks, root, sc};
    use crate::syntax::yaml::{Document, MAX_BYTES, Node, NodeKind, YamlErrorKind, parse};

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
}
