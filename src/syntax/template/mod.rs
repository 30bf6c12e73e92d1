//! The ADK template language: references embedded in text fields.
//!
//! [`scan`] finds every reference in a piece of text (`{{kind:name}}`, `<<ho:name>>`, `$name`,
//! `${name}`) and every malformed attempt at one, with exact byte ranges into that text. It never
//! fails and never panics: any input yields a [`Scan`]. The grammar, the traps it avoids and the
//! error forms are documented in `grammar/README.md`.
//!
//! Lexing is done by a `logos` lexer over a handful of token classes (brace runs, angle runs, `$`,
//! `.`, parentheses, newlines, identifiers, other text); the parser is a small hand-written,
//! position-based recogniser over those tokens. Every attempt at a construct scans a region that
//! ends at the next delimiter of the same family or at the end of the line, and the regions of
//! attempts of one family never overlap, so the whole scan is linear in the length of the text.
//!
//! The parts: `lex` is the lexer, `parse` the recogniser that turns tokens into references and
//! malformed ones, and `refs` holds what a scan finds.

mod lex;
mod parse;
mod refs;
#[cfg(test)]
mod test_support;

pub use parse::{scan, scan_into};
pub use refs::{Malformed, MalformedKind, RefKind, RefSyntax, Reference, Scan, Sink, canonical};
