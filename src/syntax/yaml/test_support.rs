//! Helpers shared by the unit tests of the YAML loader: parsing with checks on the offset maps, and
//! a count of the scalars whose decoding fell back to the parser's value.

use std::cell::Cell;

use super::{Node, NodeKind, Scalar, ScalarStyle, parse};
use crate::source::Span;

thread_local! {
    pub(super) static FALLBACKS: Cell<usize> = const { Cell::new(0) };
}

pub(super) fn fallbacks() -> usize {
    FALLBACKS.with(|f| f.get())
}

/// Parse, asserting no errors and that every scalar was decoded without falling back.
pub(super) fn root(text: &str) -> Node {
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
pub(super) fn check_maps(text: &str, node: &Node) {
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

pub(super) fn sc<'n>(root: &'n Node, key: &str) -> &'n Scalar {
    root.get(key)
        .and_then(Node::scalar)
        .unwrap_or_else(|| panic!("no scalar {key}"))
}

/// The first occurrence of `needle` in the value maps to its `nth` occurrence in the text.
pub(super) fn assert_ref(text: &str, s: &Scalar, needle: &str, nth: usize) {
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
