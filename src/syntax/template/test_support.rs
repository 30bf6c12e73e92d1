//! Helpers shared by the unit tests of the template scanner.

use std::ops::Range;

use super::{Malformed, RefKind, RefSyntax, Reference, Scan, scan};

/// Exactly one reference and no problems.
pub(super) fn only_ref(text: &str) -> Reference {
    let s = scan(text);
    assert!(s.malformed.is_empty(), "{text:?}: {:?}", s.malformed);
    assert_eq!(s.refs.len(), 1, "{text:?}: {:?}", s.refs);
    s.refs.into_iter().next().unwrap()
}

/// Exactly one problem.
pub(super) fn only_problem(text: &str) -> (Vec<Reference>, Malformed) {
    let s = scan(text);
    assert_eq!(s.malformed.len(), 1, "{text:?}: {:?}", s.malformed);
    (s.refs, s.malformed.into_iter().next().unwrap())
}

/// No references and no problems.
pub(super) fn quiet(text: &str) {
    assert_eq!(scan(text), Scan::default(), "{text:?}");
}

pub(super) fn braces(
    kind: RefKind,
    name: &str,
    span: Range<usize>,
    name_span: Range<usize>,
) -> Reference {
    Reference {
        kind,
        syntax: RefSyntax::Braces,
        name: name.to_string(),
        span,
        name_span,
        member: None,
        call: None,
    }
}
