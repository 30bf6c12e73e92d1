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
//!
//! The parts: `events` drives the parser's event stream, `tree` builds the spanned [`Node`] tree
//! (duplicate keys, the depth and alias bounds), `scalar` decodes scalars from their raw text into
//! cooked values with offset maps, `node` holds the tree's types, and `fast` is the second loader,
//! for the block-style subset agent projects use, which drives the same tree builder.
//!
//! [`OffsetMap`]: crate::source::OffsetMap

use crate::source::Span;

mod events;
mod fast;
mod node;
mod scalar;
#[cfg(test)]
mod test_support;
mod tree;

pub use node::{Document, Entry, Node, NodeKind, Scalar, ScalarStyle, YamlError, YamlErrorKind};
pub use tree::{MAX_ALIAS_EXPANSION, MAX_DEPTH};

use tree::Builder;

/// Files larger than this are not parsed.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

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
