//! Tree building: the spanned [`Node`] tree from the loading steps (open a collection, add a node,
//! close it), with duplicate keys, the depth limit and the bound on alias expansion.

use std::collections::HashMap;

use super::events::CharPos;
use super::node::{Entry, Node, NodeKind, YamlError, YamlErrorKind};
use super::scalar::{is_blank, line_start};
use crate::source::Span;

/// Collections nested deeper than this are replaced by [`NodeKind::Invalid`].
pub const MAX_DEPTH: usize = 200;
/// Upper bound on the number of nodes the aliases of one document would copy if expanded.
pub const MAX_ALIAS_EXPANSION: u64 = 100_000;

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

pub(super) struct Builder<'a> {
    pub(super) text: &'a str,
    pub(super) pos: CharPos<'a>,
    stack: Vec<Frame>,
    pub(super) root: Option<Node>,
    pub(super) errors: Vec<YamlError>,
    anchor_sizes: HashMap<usize, u64>,
    alias_total: u64,
    alias_reported: bool,
    /// Nesting level inside a collection cut for depth, and where the cut started.
    pub(super) skip: usize,
    skip_start: usize,
    too_deep_reported: bool,
    /// End of the previous event's span.
    pub(super) last_end: usize,
}

/// Identity of a mapping key for duplicate detection.
fn key_identity(node: &Node) -> Option<String> {
    let s = node.scalar()?;
    Some(format!("{}\u{0}{}", s.type_name(), s.value))
}

impl<'a> Builder<'a> {
    pub(super) fn new(text: &'a str) -> Self {
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

    /// Close every open collection (after a syntax error or at the end of input).
    pub(super) fn close_all(&mut self, at: usize) {
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

    pub(super) fn parent_indent(&self) -> isize {
        self.stack.last().map_or(-1, |f| f.indent)
    }

    pub(super) fn alias(&mut self, id: usize, s: usize, e: usize) {
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

    pub(super) fn open(&mut self, seq: bool, anchor: usize, s: usize, e: usize) {
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

    pub(super) fn close(&mut self, e: usize) {
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

    pub(super) fn add(&mut self, node: Node, size: u64, anchor: usize) {
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
    use crate::source::Span;
    use crate::syntax::yaml::test_support::root;
    use crate::syntax::yaml::{MAX_DEPTH, Node, NodeKind, YamlErrorKind, parse};

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
}
