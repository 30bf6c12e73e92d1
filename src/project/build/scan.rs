//! Scanning text fields: a cooked text's template references and problems, every span mapped
//! back to the raw source.

use crate::model::{FieldKind, Member, Owner, TextField, TextProblem, TextRef};
use crate::source::{FileId, OffsetMap, Span};
use crate::syntax::template;

/// Scan a cooked text for references and map every span back to the raw source (`raw`, the
/// file's text).
pub fn scan_text(
    raw: &str,
    file: FileId,
    value: &str,
    map: &OffsetMap,
    span: Span,
    field: FieldKind,
    owner: Owner,
) -> TextField {
    /// Maps each finding to raw spans as the scanner finds it.
    struct Mapped<'m> {
        raw: &'m str,
        map: &'m OffsetMap,
        /// Findings come in text order: the offset map is walked, not searched, for each.
        cursor: usize,
        refs: Vec<TextRef>,
        problems: Vec<TextProblem>,
    }
    impl template::Sink for Mapped<'_> {
        fn reference(&mut self, r: template::Reference) {
            let map = self.map;
            let span = map.span_from(r.span, &mut self.cursor);
            let name_span = map.span_from(r.name_span, &mut self.cursor);
            self.refs.push(TextRef {
                kind: r.kind,
                syntax: r.syntax,
                name: r.name,
                span,
                name_span,
                member: r.member.map(|m| {
                    let span = map.span_from(m, &mut self.cursor);
                    Box::new(Member {
                        span,
                        text: self.raw.get(span.range()).unwrap_or("").into(),
                    })
                }),
            });
        }
        fn malformed(&mut self, m: template::Malformed) {
            let map = self.map;
            let span = map.span_from(m.span, &mut self.cursor);
            self.problems.push(TextProblem {
                kind: m.kind,
                span,
                message: m.message,
                fix: m.fix.map(|(r, s)| (map.span_from(r, &mut self.cursor), s)),
            });
        }
    }
    thread_local! {
        /// The references of the text being scanned: they are counted only once found, so they
        /// gather here and are then copied out at their exact number, with no growing and
        /// shrinking of each text's own vector.
        static SCRATCH: std::cell::Cell<Vec<TextRef>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut scratch = SCRATCH.take();
    scratch.clear();
    let Mapped {
        refs: mut scratch,
        problems,
        ..
    } = template::scan_into(
        value,
        Mapped {
            raw,
            map,
            cursor: 0,
            refs: scratch,
            problems: Vec::new(),
        },
    );
    let mut refs = Vec::with_capacity(scratch.len());
    refs.append(&mut scratch);
    // A text with an unusual number of references does not keep its room for the thread's life.
    if scratch.capacity() <= 1024 {
        SCRATCH.set(scratch);
    }
    TextField {
        file,
        span,
        field,
        owner,
        refs,
        problems,
        sections: Vec::new(),
    }
}
