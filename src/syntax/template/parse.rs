//! The template parser: a position-based recogniser over the lexer's tokens that finds references
//! and malformed attempts at them, and the scan that drives it over a text.

use std::ops::Range;

use super::lex::{Tok, tok_at};
use super::refs::{Malformed, MalformedKind, RefKind, RefSyntax, Reference, Scan, Sink, canonical};

/// Scans `text` for references and malformed references. Total: never fails, never panics,
/// linear time.
pub fn scan(text: &str) -> Scan {
    scan_into(text, Scan::default())
}

/// [`scan`], handing each finding to `sink` as it is found (so a text with a million references
/// never holds them twice), and returning the sink.
pub fn scan_into<S: Sink>(text: &str, sink: S) -> S {
    let mut s = Scanner { text, out: sink };
    let bytes = text.as_bytes();
    let mut pos = 0;
    // Only `{`, `<` and `$` can start a reference: jump straight to the next one (they are ASCII,
    // so the jump lands on a char boundary, and none of them can sit inside a text or identifier
    // token, so the tokens from here on are the ones a full lex would give).
    let next_start = |pos: usize| memchr::memchr3(b'{', b'<', b'$', bytes.get(pos..)?);
    while let Some(i) = next_start(pos) {
        pos += i;
        let Some((tok, r)) = tok_at(text, pos) else {
            break;
        };
        let next = match tok {
            Tok::LBraces if r.len() >= 2 => s.braces(r.end - 2),
            Tok::LAngles if r.len() >= 2 => s.angles(r.end - 2),
            Tok::Dollar => s.dollar(r.start),
            _ => r.end,
        };
        // Every handler resumes past the token it started at; guard anyway.
        pos = next.max(r.end);
    }
    s.out
}

/// Whitespace for the purpose of "spaces inside a reference": Unicode whitespace (which includes
/// NBSP) plus the invisible format characters that real projects carry (ZWSP, ZWNJ, ZWJ, WORD
/// JOINER, BOM).
fn is_ws(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

fn is_ident(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Where the search for a closing delimiter stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// A closing run of two or more: the closer starts here.
    Close(usize),
    /// A closing run of exactly one, at this position.
    Single(usize),
    /// End of line, end of text, or a new opener, at this position.
    Open(usize),
}

/// The inside of `{{ ... }}` / `<< ... >>`, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Inside {
    /// Empty or whitespace only.
    Empty,
    /// `name` (identifier-like, trimmed range), no colon.
    Bare(Range<usize>),
    /// `:name`, nothing before the colon.
    NoKind,
    /// `kind:name` with an identifier-like kind.
    Kinded {
        kind: Range<usize>,
        /// Trimmed; empty range (positioned after the colon) when the name is blank.
        name: Range<usize>,
        /// Colon position.
        colon: usize,
        /// Whitespace before/after the kind or the name.
        ws: bool,
        /// No whitespace right before or right after the colon.
        tight: bool,
    },
    /// Anything else (code, JSON, prose): not a reference attempt.
    Other,
}

struct Scanner<'a, S> {
    text: &'a str,
    out: S,
}

impl<'a, S: Sink> Scanner<'a, S> {
    fn slice(&self, r: Range<usize>) -> &'a str {
        self.text.get(r).unwrap_or("")
    }

    /// `r` with leading and trailing [`is_ws`] characters removed.
    fn trim(&self, r: Range<usize>) -> Range<usize> {
        let s = self.slice(r.clone());
        let b = s.as_bytes();
        // Printable ASCII other than a space ends the trimming at once; anything else (ASCII
        // white space or a non-ASCII character) goes through `is_ws`.
        let plain = |c: u8| c.is_ascii() && c > b' ' && c != 0x7F;
        if b.first().is_some_and(|&c| plain(c)) && b.last().is_some_and(|&c| plain(c)) {
            return r;
        }
        let lead = s.len() - s.trim_start_matches(is_ws).len();
        let trail = s.len() - s.trim_end_matches(is_ws).len();
        if lead >= s.len() {
            return r.end..r.end;
        }
        r.start + lead..r.end - trail
    }

    fn classify(&self, inner: Range<usize>) -> Inside {
        let trimmed = self.trim(inner.clone());
        if trimmed.is_empty() {
            return Inside::Empty;
        }
        let s = self.slice(inner.clone());
        match s.find(':') {
            None => {
                if is_ident(self.slice(trimmed.clone())) {
                    Inside::Bare(trimmed)
                } else {
                    Inside::Other
                }
            }
            Some(i) => {
                let colon = inner.start + i;
                let kind_raw = inner.start..colon;
                let name_raw = colon + 1..inner.end;
                let kind = self.trim(kind_raw.clone());
                let mut name = self.trim(name_raw.clone());
                if name.is_empty() {
                    name = colon + 1..colon + 1;
                }
                if kind.is_empty() {
                    return Inside::NoKind;
                }
                if !is_ident(self.slice(kind.clone())) {
                    return Inside::Other;
                }
                let name_blank = name.start == name.end;
                let ws = kind != kind_raw || (!name_blank && name != name_raw);
                let tight = kind.end == colon && (name_blank || name.start == colon + 1);
                Inside::Kinded {
                    kind,
                    name,
                    colon,
                    ws,
                    tight,
                }
            }
        }
    }

    /// Scans from `from` for a closer of the family (`RBraces` or `RAngles`), stopping at the end
    /// of the line, the end of the text or a new opener (a run of two or more of `openers`).
    fn find_close(&self, from: usize, openers: &[Tok], closer: Tok) -> Stop {
        let mut p = from;
        loop {
            match tok_at(self.text, p) {
                None => return Stop::Open(self.text.len()),
                Some((Tok::Newline, r)) => return Stop::Open(r.start),
                Some((t, r)) if openers.contains(&t) && r.len() >= 2 => {
                    return Stop::Open(r.start);
                }
                Some((t, r)) if t == closer => {
                    return if r.len() >= 2 {
                        Stop::Close(r.start)
                    } else {
                        Stop::Single(r.start)
                    };
                }
                Some((_, r)) => p = r.end,
            }
        }
    }

    fn problem(
        &mut self,
        kind: MalformedKind,
        span: Range<usize>,
        message: String,
        fix: Option<(Range<usize>, String)>,
    ) {
        self.out.malformed(Malformed {
            kind,
            span,
            message,
            fix,
        });
    }

    fn unknown_kind(&mut self, kind: Range<usize>, span: Range<usize>, angle: bool) {
        let written = self.slice(kind.clone()).to_string();
        let suggestion = RefKind::suggest(&written);
        let mut message = format!("unknown reference kind `{}`", snippet(&written));
        let fix = suggestion.map(|k| {
            message.push_str(&format!(
                "; did you mean `{}` ({})?",
                k.as_str(),
                k.describe()
            ));
            (kind.clone(), k.as_str().to_string())
        });
        if suggestion.is_none() {
            message.push_str(if angle {
                "; the angle form is `<<ho:name>>`"
            } else {
                "; kinds are fn, ft, ho, attr, vrbl, twilio_sms, entity, tn"
            });
        }
        self.problem(
            MalformedKind::UnknownKind {
                kind: written,
                suggestion,
            },
            span,
            message,
            fix,
        );
    }

    /// `{{` at `open` (the last two braces of a run). Returns where to resume.
    fn braces(&mut self, open: usize) -> usize {
        let body = open + 2;
        let stop = self.find_close(body, &[Tok::LBraces], Tok::RBraces);
        let (inner_end, span_end) = match stop {
            Stop::Close(c) => (c, c + 2),
            Stop::Single(c) => (c, c + 1),
            Stop::Open(s) => (s, s),
        };
        let inside = self.classify(body..inner_end);
        let span = open..span_end;
        match (stop, inside) {
            (
                Stop::Close(_) | Stop::Single(_),
                Inside::Kinded {
                    kind,
                    name,
                    ws,
                    tight,
                    ..
                },
            ) => {
                let kind_str = self.slice(kind.clone());
                let Some(k) = RefKind::parse(kind_str) else {
                    if tight || RefKind::suggest(kind_str).is_some() {
                        self.unknown_kind(kind, span.clone(), false);
                        return span.end;
                    }
                    return body;
                };
                if name.is_empty() {
                    let message = format!(
                        "empty {} name: write `{{{{{}:name}}}}`",
                        k.describe(),
                        k.as_str()
                    );
                    self.problem(MalformedKind::EmptyName, span.clone(), message, None);
                    return span.end;
                }
                let name_str = self.slice(name.clone());
                // Only a malformed reference needs its canonical spelling.
                let canon = || canonical(RefSyntax::Braces, k, name_str);
                let call = if k.is_function() {
                    self.call_at(span.end)
                } else {
                    None
                };
                self.out.reference(Reference {
                    kind: k,
                    syntax: RefSyntax::Braces,
                    name: name_str.to_string(),
                    span: span.clone(),
                    name_span: name,
                    member: None,
                    call,
                });
                if matches!(stop, Stop::Single(_)) {
                    let canon = canon();
                    let message = format!(
                        "reference closed by a single `}}`: write `{}`",
                        snippet(&canon)
                    );
                    let fix = if ws {
                        (span.clone(), canon)
                    } else {
                        (span.end..span.end, "}".to_string())
                    };
                    self.problem(MalformedKind::SingleBrace, span.clone(), message, Some(fix));
                } else if ws {
                    let canon = canon();
                    let message = format!("spaces inside a reference: write `{}`", snippet(&canon));
                    self.problem(
                        MalformedKind::Whitespace,
                        span.clone(),
                        message,
                        Some((span.clone(), canon)),
                    );
                }
                // Resume right after the reference (not after a call), so that `$var` arguments
                // of a call are still found.
                span.end
            }
            (
                Stop::Open(_),
                Inside::Kinded {
                    kind,
                    name,
                    colon,
                    tight,
                    ..
                },
            ) => {
                let kind_str = self.slice(kind.clone());
                let known = RefKind::parse(kind_str).is_some();
                if !(known || tight || RefKind::suggest(kind_str).is_some()) {
                    return body;
                }
                let end = if name.is_empty() { colon + 1 } else { name.end };
                let fix = (!name.is_empty()).then(|| (end..end, "}}".to_string()));
                let message = format!(
                    "unclosed reference `{}`: add `}}}}` after the name",
                    snippet(self.slice(open..end))
                );
                self.problem(MalformedKind::Unclosed, open..end, message, fix);
                inner_end
            }
            (Stop::Close(_), Inside::NoKind) => {
                let message = format!(
                    "reference `{}` has no kind: write `{{{{kind:name}}}}`",
                    snippet(self.slice(span.clone()))
                );
                self.problem(MalformedKind::MissingKind, span.clone(), message, None);
                span.end
            }
            (Stop::Close(_), Inside::Bare(name)) => {
                // `${{name}}` is an escaped `${name}` in a Python f-string, not a reference.
                if open > 0 && self.text.as_bytes().get(open - 1) == Some(&b'$') {
                    return body;
                }
                let name_str = self.slice(name);
                if let Some(k) = RefKind::parse(name_str) {
                    let message = format!(
                        "empty {} name: write `{{{{{}:name}}}}`",
                        k.describe(),
                        k.as_str()
                    );
                    self.problem(MalformedKind::EmptyName, span.clone(), message, None);
                } else {
                    let message = format!(
                        "reference `{{{{{}}}}}` has no kind: write `{{{{kind:{}}}}}`, e.g. `{{{{vrbl:{}}}}}` for a state variable",
                        snippet(name_str),
                        snippet(name_str),
                        snippet(name_str)
                    );
                    self.problem(MalformedKind::MissingKind, span.clone(), message, None);
                }
                span.end
            }
            _ => body,
        }
    }

    /// `<<` at `open` (the last two of a run). Returns where to resume.
    fn angles(&mut self, open: usize) -> usize {
        let body = open + 2;
        let stop = self.find_close(body, &[Tok::LAngles, Tok::LBraces], Tok::RAngles);
        let (inner_end, span_end) = match stop {
            Stop::Close(c) => (c, c + 2),
            Stop::Single(c) => (c, c + 1),
            Stop::Open(s) => (s, s),
        };
        let Inside::Kinded {
            kind,
            name,
            colon,
            ws,
            ..
        } = self.classify(body..inner_end)
        else {
            return body;
        };
        let span = open..span_end;
        let kind_str = self.slice(kind.clone());
        let exact = RefKind::parse(kind_str);
        let folded = RefKind::parse(&kind_str.to_ascii_lowercase());
        match stop {
            Stop::Open(_) => {
                if folded != Some(RefKind::Ho) {
                    return body;
                }
                let end = if name.is_empty() { colon + 1 } else { name.end };
                let fix = (!name.is_empty()).then(|| (end..end, ">>".to_string()));
                let message = format!(
                    "unclosed reference `{}`: add `>>` after the name",
                    snippet(self.slice(open..end))
                );
                self.problem(MalformedKind::Unclosed, open..end, message, fix);
                inner_end
            }
            Stop::Close(_) | Stop::Single(_) => match exact {
                Some(RefKind::Ho) => {
                    if name.is_empty() {
                        self.problem(
                            MalformedKind::EmptyName,
                            span.clone(),
                            "empty handoff name: write `<<ho:name>>`".to_string(),
                            None,
                        );
                        return span.end;
                    }
                    let name_str = self.slice(name.clone());
                    let canon = || canonical(RefSyntax::Angle, RefKind::Ho, name_str);
                    self.out.reference(Reference {
                        kind: RefKind::Ho,
                        syntax: RefSyntax::Angle,
                        name: name_str.to_string(),
                        span: span.clone(),
                        name_span: name,
                        member: None,
                        call: None,
                    });
                    if matches!(stop, Stop::Single(_)) {
                        let canon = canon();
                        let message = format!(
                            "reference closed by a single `>`: write `{}`",
                            snippet(&canon)
                        );
                        let fix = if ws {
                            (span.clone(), canon)
                        } else {
                            (span.end..span.end, ">".to_string())
                        };
                        self.problem(MalformedKind::SingleBrace, span.clone(), message, Some(fix));
                    } else if ws {
                        let canon = canon();
                        let message =
                            format!("spaces inside a reference: write `{}`", snippet(&canon));
                        self.problem(
                            MalformedKind::Whitespace,
                            span.clone(),
                            message,
                            Some((span.clone(), canon)),
                        );
                    }
                    span.end
                }
                Some(k) => {
                    if !matches!(stop, Stop::Close(_)) {
                        return body;
                    }
                    let fix = (!name.is_empty()).then(|| {
                        (
                            span.clone(),
                            canonical(RefSyntax::Braces, k, self.slice(name.clone())),
                        )
                    });
                    let message = format!(
                        "`<<{}:...>>` is not a reference: only handoffs have the angle form; write `{{{{{}:{}}}}}`",
                        k.as_str(),
                        k.as_str(),
                        snippet(self.slice(name.clone()))
                    );
                    self.problem(
                        MalformedKind::UnsupportedAngle { kind: k },
                        span.clone(),
                        message,
                        fix,
                    );
                    span.end
                }
                None if folded.is_some() && matches!(stop, Stop::Close(_)) => {
                    self.unknown_kind(kind, span.clone(), true);
                    span.end
                }
                None => body,
            },
        }
    }

    /// `(args)` immediately at `at`, on the same line, with balanced parentheses and no `{{`
    /// inside. Returns its range.
    fn call_at(&self, at: usize) -> Option<Range<usize>> {
        let (Tok::LParen, first) = tok_at(self.text, at)? else {
            return None;
        };
        let mut depth = 1usize;
        let mut p = first.end;
        loop {
            let (t, r) = tok_at(self.text, p)?;
            match t {
                Tok::LParen => depth += 1,
                Tok::RParen => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(at..r.end);
                    }
                }
                Tok::Newline => return None,
                Tok::LBraces if r.len() >= 2 => return None,
                _ => {}
            }
            p = r.end;
        }
    }

    /// `$` at `at`. Returns where to resume.
    fn dollar(&mut self, at: usize) -> usize {
        let after = at + 1;
        if at > 0 {
            let prev = self.text.as_bytes().get(at - 1).copied().unwrap_or(b' ');
            if prev.is_ascii_alphanumeric() || prev == b'_' || prev == b'\\' || prev == b'$' {
                return after;
            }
        }
        match tok_at(self.text, after) {
            Some((Tok::Ident, id)) => {
                if self.word_continues(id.end) {
                    return after;
                }
                let mut member_end = id.end;
                while let Some((Tok::Dot, dot)) = tok_at(self.text, member_end) {
                    let Some((Tok::Ident, seg)) = tok_at(self.text, dot.end) else {
                        break;
                    };
                    if self.word_continues(seg.end) {
                        break;
                    }
                    member_end = seg.end;
                }
                let member = (member_end > id.end).then_some(id.end..member_end);
                self.out.reference(Reference {
                    kind: RefKind::Vrbl,
                    syntax: RefSyntax::Dollar,
                    name: self.slice(id.clone()).to_string(),
                    span: at..id.end,
                    name_span: id,
                    member,
                    call: None,
                });
                member_end
            }
            Some((Tok::LBraces, b)) if b.len() == 1 => self.dollar_brace(at, b.end),
            _ => after,
        }
    }

    /// Whether a non-ASCII letter or digit follows at `pos` (`$café` is not `$caf`).
    fn word_continues(&self, pos: usize) -> bool {
        self.text
            .get(pos..)
            .and_then(|s| s.chars().next())
            .is_some_and(|c| !c.is_ascii() && c.is_alphanumeric())
    }

    /// `${` with `$` at `at` and the body starting at `body`: `ws* ident? ws* }`.
    fn dollar_brace(&mut self, at: usize, body: usize) -> usize {
        let after = at + 1;
        let mut p = body;
        let mut ws = false;
        let mut ident = None;
        let mut tok = tok_at(self.text, p);
        if let Some((Tok::Text, r)) = &tok {
            if !self.slice(r.clone()).chars().all(is_ws) {
                return after;
            }
            ws = true;
            p = r.end;
            tok = tok_at(self.text, p);
        }
        if let Some((Tok::Ident, r)) = &tok {
            if self.word_continues(r.end) {
                return after;
            }
            ident = Some(r.clone());
            p = r.end;
            tok = tok_at(self.text, p);
            if let Some((Tok::Text, r)) = &tok {
                if !self.slice(r.clone()).chars().all(is_ws) {
                    return after;
                }
                ws = true;
                p = r.end;
                tok = tok_at(self.text, p);
            }
        }
        let Some((Tok::RBraces, close)) = tok else {
            return after;
        };
        let span = at..close.start + 1;
        let (kind, name) = match &ident {
            Some(r) => {
                let s = self.slice(r.clone());
                match s.strip_prefix("variant_") {
                    Some(rest) => (RefKind::Attr, r.start + (s.len() - rest.len())..r.end),
                    None => (RefKind::Vrbl, r.clone()),
                }
            }
            None => (RefKind::Vrbl, body..body),
        };
        if name.is_empty() {
            let message = if kind == RefKind::Attr {
                "empty variant attribute name: write `${variant_name}`"
            } else {
                "empty variable name: write `${name}`"
            };
            self.problem(
                MalformedKind::EmptyName,
                span.clone(),
                message.to_string(),
                None,
            );
            return span.end;
        }
        let name_str = self.slice(name.clone());
        self.out.reference(Reference {
            kind,
            syntax: RefSyntax::DollarBrace,
            name: name_str.to_string(),
            span: span.clone(),
            name_span: name,
            member: None,
            call: None,
        });
        if ws {
            let canon = canonical(RefSyntax::DollarBrace, kind, name_str);
            let message = format!("spaces inside a reference: write `{}`", snippet(&canon));
            self.problem(
                MalformedKind::Whitespace,
                span.clone(),
                message,
                Some((span.clone(), canon)),
            );
        }
        span.end
    }
}

/// `s` cut to at most 60 characters for a message.
fn snippet(s: &str) -> String {
    const MAX: usize = 60;
    match s.char_indices().nth(MAX) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::template::test_support::{braces, only_problem, only_ref, quiet};
    use std::time::Duration;

    // --- braces ----------------------------------------------------------------------------

    #[test]
    fn every_kind_in_braces() {
        for k in RefKind::ALL {
            let text = format!("say {{{{{}:abc}}}} now", k.as_str());
            let n = k.as_str().len();
            assert_eq!(
                only_ref(&text),
                braces(k, "abc", 4..4 + n + 8, 4 + n + 3..4 + n + 6),
                "{text}"
            );
        }
    }

    #[test]
    fn names_with_spaces_ampersands_and_unicode() {
        assert_eq!(
            only_ref("Call {{ho:T1 Skill}} now"),
            braces(RefKind::Ho, "T1 Skill", 5..20, 10..18)
        );
        assert_eq!(
            only_ref("{{ho:W&G TBM}}"),
            braces(RefKind::Ho, "W&G TBM", 0..14, 5..12)
        );
        assert_eq!(
            only_ref("{{tn:grüße-2.0}}"),
            braces(RefKind::Tn, "grüße-2.0", 0..18, 5..16)
        );
        // A colon inside the name belongs to the name; a single `{` too.
        assert_eq!(
            only_ref("{{ho:a:b{c}}"),
            braces(RefKind::Ho, "a:b{c", 0..12, 5..10)
        );
        // `$` and `<<` inside a name are part of it, not references of their own.
        assert_eq!(
            only_ref("{{vrbl:$x <<y}}"),
            braces(RefKind::Vrbl, "$x <<y", 0..15, 7..13)
        );
    }

    #[test]
    fn several_references_in_order() {
        let text = "{{fn:a}} then {{ho:b}}\n$c and {{attr:d}}";
        let s = scan(text);
        assert!(s.malformed.is_empty());
        let got: Vec<(RefKind, &str, Range<usize>)> = s
            .refs
            .iter()
            .map(|r| (r.kind, r.name.as_str(), r.span.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (RefKind::Fn, "a", 0..8),
                (RefKind::Ho, "b", 14..22),
                (RefKind::Vrbl, "c", 23..25),
                (RefKind::Attr, "d", 30..40),
            ]
        );
        // Adjacent references.
        let s = scan("{{fn:a}}{{fn:b}}");
        assert_eq!(
            s.refs,
            [
                braces(RefKind::Fn, "a", 0..8, 5..6),
                braces(RefKind::Fn, "b", 8..16, 13..14)
            ]
        );
    }

    #[test]
    fn brace_runs_take_the_innermost_pair() {
        // Python f-string escape: the inner `{{fn:x}}` is the reference, the outer braces are
        // not reported.
        assert_eq!(
            only_ref("{{{{fn:x}}}}"),
            braces(RefKind::Fn, "x", 2..10, 7..8)
        );
        assert_eq!(
            only_ref("f\"{{{{ho:billing}}}}\""),
            braces(RefKind::Ho, "billing", 4..18, 9..16)
        );
        assert_eq!(only_ref("{{{fn:x}}}"), braces(RefKind::Fn, "x", 1..9, 6..7));
    }

    #[test]
    fn whitespace_inside_is_reported_and_still_resolves() {
        let (refs, m) = only_problem("{{ ho : x }}");
        assert_eq!(refs, [braces(RefKind::Ho, "x", 0..12, 8..9)]);
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::Whitespace,
                span: 0..12,
                message: "spaces inside a reference: write `{{ho:x}}`".to_string(),
                fix: Some((0..12, "{{ho:x}}".to_string())),
            }
        );
        // Inner spaces of a name are fine; only the edges count.
        let (refs, m) = only_problem("a {{ho: T1 Skill}}");
        assert_eq!(refs, [braces(RefKind::Ho, "T1 Skill", 2..18, 8..16)]);
        assert_eq!(m.span, 2..18);
        assert_eq!(m.fix, Some((2..18, "{{ho:T1 Skill}}".to_string())));
        // ZWSP and NBSP inside the braces count as spaces.
        let text = "{{ho:x\u{200B}}}";
        let (refs, m) = only_problem(text);
        assert_eq!(refs, [braces(RefKind::Ho, "x", 0..11, 5..6)]);
        assert_eq!(m.kind, MalformedKind::Whitespace);
        let (refs, m) = only_problem("{{\u{a0}fn:x}}");
        assert_eq!(refs, [braces(RefKind::Fn, "x", 0..10, 7..8)]);
        assert_eq!(m.fix, Some((0..10, "{{fn:x}}".to_string())));
        let (_, m) = only_problem("{{ho :x}}");
        assert_eq!(m.kind, MalformedKind::Whitespace);
        let (_, m) = only_problem("{{ho:x\t}}");
        assert_eq!(m.kind, MalformedKind::Whitespace);
    }

    #[test]
    fn function_calls() {
        let r = only_ref("Use {{fn:transfer}}('billing') now");
        assert_eq!(r.span, 4..19);
        assert_eq!(r.call, Some(19..30));
        assert_eq!(only_ref("{{ft:x}}()").call, Some(8..10));
        assert_eq!(only_ref("{{fn:x}}('a(b)', 2)").call, Some(8..19));
        // Not a call: a space before the parenthesis, another kind, or no closing parenthesis on
        // the line, or a reference inside.
        assert_eq!(only_ref("{{fn:x}} ('a')").call, None);
        assert_eq!(only_ref("{{ho:x}}('a')").call, None);
        assert_eq!(only_ref("{{fn:x}}('a\n')").call, None);
        assert_eq!(only_ref("{{fn:x}}('a'").call, None);
        assert_eq!(only_ref("{{fn:x}}(('a')").call, None);
        let s = scan("{{fn:x}}('{{ho:y}}')");
        assert!(s.malformed.is_empty());
        assert_eq!(s.refs[0].call, None);
        assert_eq!(s.refs[1], braces(RefKind::Ho, "y", 10..18, 15..16));
        // Variables in the arguments are still references.
        let s = scan("{{fn:send}}($phone)");
        assert!(s.malformed.is_empty());
        assert_eq!(s.refs.len(), 2);
        assert_eq!(s.refs[0].call, Some(11..19));
        assert_eq!(s.refs[1].name, "phone");
        assert_eq!(s.refs[1].span, 12..18);
    }

    #[test]
    fn unknown_kind() {
        let (refs, m) = only_problem("{{foo:x}}");
        assert!(refs.is_empty());
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::UnknownKind {
                    kind: "foo".to_string(),
                    suggestion: None
                },
                span: 0..9,
                message: "unknown reference kind `foo`; kinds are fn, ft, ho, attr, vrbl, twilio_sms, entity, tn".to_string(),
                fix: None,
            }
        );
        let (refs, m) = only_problem("call {{FN:x}}");
        assert!(refs.is_empty());
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::UnknownKind {
                    kind: "FN".to_string(),
                    suggestion: Some(RefKind::Fn)
                },
                span: 5..13,
                message: "unknown reference kind `FN`; did you mean `fn` (global function)?"
                    .to_string(),
                fix: Some((7..9, "fn".to_string())),
            }
        );
        let (_, m) = only_problem("{{hoo:x}}");
        assert_eq!(
            m.kind,
            MalformedKind::UnknownKind {
                kind: "hoo".to_string(),
                suggestion: Some(RefKind::Ho)
            }
        );
        assert_eq!(m.fix, Some((2..5, "ho".to_string())));
        let (_, m) = only_problem("{{sms:x}}");
        assert_eq!(
            m.kind,
            MalformedKind::UnknownKind {
                kind: "sms".to_string(),
                suggestion: Some(RefKind::TwilioSms)
            }
        );
        assert_eq!(m.fix, Some((2..5, "twilio_sms".to_string())));
        // Spaced and close to a kind: reported (the kind problem comes first).
        let (_, m) = only_problem("{{ FN : x }}");
        assert_eq!(m.span, 0..12);
        assert_eq!(m.fix, Some((3..5, "fn".to_string())));
        // A kind and a single closing brace: the kind is reported.
        let (_, m) = only_problem("{{foo:x}");
        assert_eq!(m.span, 0..8);
        // Unknown kind with an empty name is still an unknown kind.
        let (_, m) = only_problem("{{foo:}}");
        assert_eq!(m.span, 0..8);
        assert!(matches!(m.kind, MalformedKind::UnknownKind { .. }));
    }

    #[test]
    fn spaced_unknown_kinds_are_taken_for_code() {
        // A dict in an escaped f-string, a label in prose: not reference attempts.
        quiet("f\"{{key: value}}\"");
        quiet("{{Note : remember}}");
        quiet("{{Note: this is unclosed");
    }

    #[test]
    fn unclosed() {
        let (refs, m) = only_problem("{{ho:x");
        assert!(refs.is_empty());
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::Unclosed,
                span: 0..6,
                message: "unclosed reference `{{ho:x`: add `}}` after the name".to_string(),
                fix: Some((6..6, "}}".to_string())),
            }
        );
        // At the end of a line (LF, CRLF, CR), trailing spaces excluded from the span.
        let (_, m) = only_problem("go {{ho:billing  \nnext line");
        assert_eq!(m.span, 3..15);
        assert_eq!(m.fix, Some((15..15, "}}".to_string())));
        let (_, m) = only_problem("{{ho:x\r\n}}");
        assert_eq!(m.span, 0..6);
        let (_, m) = only_problem("{{ho:x\r}}");
        assert_eq!(m.span, 0..6);
        // A new `{{` before any `}}`: the first is unclosed, the second is read normally.
        let (refs, m) = only_problem("{{ho:x {{fn:y}}");
        assert_eq!(m.kind, MalformedKind::Unclosed);
        assert_eq!(m.span, 0..6);
        assert_eq!(refs, [braces(RefKind::Fn, "y", 7..15, 12..13)]);
        // No name yet: through the colon, no fix.
        let (_, m) = only_problem("{{ho:");
        assert_eq!(m.span, 0..5);
        assert_eq!(m.fix, None);
        // Unknown but tightly written kinds.
        let (_, m) = only_problem("{{foo:bar");
        assert_eq!(m.kind, MalformedKind::Unclosed);
        assert_eq!(m.span, 0..9);
        // Content of an unclosed reference is not scanned again.
        let (refs, m) = only_problem("{{vrbl:$x\n");
        assert_eq!(m.span, 0..9);
        assert!(refs.is_empty());
    }

    #[test]
    fn empty_name() {
        let (refs, m) = only_problem("{{ho:}}");
        assert!(refs.is_empty());
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::EmptyName,
                span: 0..7,
                message: "empty handoff name: write `{{ho:name}}`".to_string(),
                fix: None,
            }
        );
        let (_, m) = only_problem("x {{fn:  }} y");
        assert_eq!((m.kind, m.span), (MalformedKind::EmptyName, 2..11));
        let (_, m) = only_problem("{{ho}}");
        assert_eq!((m.kind, m.span), (MalformedKind::EmptyName, 0..6));
        let (_, m) = only_problem("{{ho:}");
        assert_eq!((m.kind, m.span), (MalformedKind::EmptyName, 0..6));
    }

    #[test]
    fn single_closing_brace() {
        let (refs, m) = only_problem("Go {{ho:x} now");
        assert_eq!(refs, [braces(RefKind::Ho, "x", 3..10, 8..9)]);
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::SingleBrace,
                span: 3..10,
                message: "reference closed by a single `}`: write `{{ho:x}}`".to_string(),
                fix: Some((10..10, "}".to_string())),
            }
        );
        // With spaces too: one problem, the fix rewrites the whole reference.
        let (refs, m) = only_problem("{{ ho:x}");
        assert_eq!(refs, [braces(RefKind::Ho, "x", 0..8, 6..7)]);
        assert_eq!(m.kind, MalformedKind::SingleBrace);
        assert_eq!(m.fix, Some((0..8, "{{ho:x}}".to_string())));
        // At the end of the text.
        let (_, m) = only_problem("{{tn:bye}");
        assert_eq!(m.span, 0..9);
        assert_eq!(m.fix, Some((9..9, "}".to_string())));
    }

    #[test]
    fn missing_kind() {
        let (refs, m) = only_problem("Hello {{name}}!");
        assert!(refs.is_empty());
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::MissingKind,
                span: 6..14,
                message: "reference `{{name}}` has no kind: write `{{kind:name}}`, e.g. `{{vrbl:name}}` for a state variable".to_string(),
                fix: None,
            }
        );
        let (_, m) = only_problem("{{ caller_id }}");
        assert_eq!((m.kind, m.span), (MalformedKind::MissingKind, 0..15));
        let (_, m) = only_problem("{{:x}}");
        assert_eq!((m.kind, m.span), (MalformedKind::MissingKind, 0..6));
        assert_eq!(
            m.message,
            "reference `{{:x}}` has no kind: write `{{kind:name}}`"
        );
        // Not identifier-like, or empty: not a reference attempt.
        quiet("{{x + y}}");
        quiet("{{user.name}}");
        quiet("{{#if x}}");
        quiet("{{}}");
        quiet("{{ }}");
        quiet("{{name");
        quiet("{{name}");
        // `${{name}}` is an escaped `${name}` in an f-string.
        quiet("${{name}}");
    }

    // --- angle form ------------------------------------------------------------------------

    #[test]
    fn angle_handoffs() {
        assert_eq!(
            only_ref("Transfer <<ho:billing>> now"),
            Reference {
                kind: RefKind::Ho,
                syntax: RefSyntax::Angle,
                name: "billing".to_string(),
                span: 9..23,
                name_span: 14..21,
                member: None,
                call: None,
            }
        );
        let r = only_ref("<<<ho:W&G TBM>>>");
        assert_eq!(
            (r.span, r.name_span, r.name.as_str()),
            (1..15, 6..13, "W&G TBM")
        );
        let (refs, m) = only_problem("<< ho:x >>");
        assert_eq!(refs[0].name_span, 6..7);
        assert_eq!(m.kind, MalformedKind::Whitespace);
        assert_eq!(m.fix, Some((0..10, "<<ho:x>>".to_string())));
        let (refs, m) = only_problem("<<ho:x> now");
        assert_eq!(refs[0].span, 0..7);
        assert_eq!(m.kind, MalformedKind::SingleBrace);
        assert_eq!(
            m.message,
            "reference closed by a single `>`: write `<<ho:x>>`"
        );
        assert_eq!(m.fix, Some((7..7, ">".to_string())));
        let (refs, m) = only_problem("<<ho:x\n");
        assert!(refs.is_empty());
        assert_eq!(m.kind, MalformedKind::Unclosed);
        assert_eq!(m.span, 0..6);
        assert_eq!(m.fix, Some((6..6, ">>".to_string())));
        let (_, m) = only_problem("<<ho:>>");
        assert_eq!((m.kind, m.span), (MalformedKind::EmptyName, 0..7));
        // A `{{` ends an angle reference's name: the brace reference is read on its own.
        let (refs, m) = only_problem("<<ho:x {{fn:y}} >>");
        assert_eq!((m.kind, m.span), (MalformedKind::Unclosed, 0..6));
        assert_eq!(refs, [braces(RefKind::Fn, "y", 7..15, 12..13)]);
        quiet("<< {{ >>");
    }

    #[test]
    fn angle_other_kinds() {
        let (refs, m) = only_problem("<<fn:x>>");
        assert!(refs.is_empty());
        assert_eq!(
            m,
            Malformed {
                kind: MalformedKind::UnsupportedAngle { kind: RefKind::Fn },
                span: 0..8,
                message: "`<<fn:...>>` is not a reference: only handoffs have the angle form; write `{{fn:x}}`".to_string(),
                fix: Some((0..8, "{{fn:x}}".to_string())),
            }
        );
        let (_, m) = only_problem("<<HO:x>>");
        assert_eq!(
            m.kind,
            MalformedKind::UnknownKind {
                kind: "HO".to_string(),
                suggestion: Some(RefKind::Ho)
            }
        );
        assert_eq!(m.fix, Some((2..4, "ho".to_string())));
        // Anything else in angle brackets is prose or code.
        quiet("<<note: call back>>");
        quiet("<<foo:x>>");
        quiet("<<fn:x\n");
        quiet("<<fn:x>");
    }

    // --- dollar forms ----------------------------------------------------------------------

    fn dollar(name: &str, span: Range<usize>, member: Option<Range<usize>>) -> Reference {
        Reference {
            kind: RefKind::Vrbl,
            syntax: RefSyntax::Dollar,
            name: name.to_string(),
            name_span: span.start + 1..span.end,
            span,
            member,
            call: None,
        }
    }

    #[test]
    fn dollar_variables() {
        assert_eq!(only_ref("Hi $name!"), dollar("name", 3..8, None));
        assert_eq!(only_ref("$caller_id2"), dollar("caller_id2", 0..11, None));
        assert_eq!(only_ref("($x)"), dollar("x", 1..3, None));
        assert_eq!(only_ref("$name's"), dollar("name", 0..5, None));
        assert_eq!(
            only_ref("sip:$caller_id@host"),
            dollar("caller_id", 4..14, None)
        );
        assert_eq!(only_ref("{$x}"), dollar("x", 1..3, None));
        assert_eq!(
            only_ref("value: $user.name"),
            dollar("user", 7..12, Some(12..17))
        );
        assert_eq!(only_ref("$a.b.c d"), dollar("a", 0..2, Some(2..6)));
        // A full stop at the end of a sentence is not a member.
        assert_eq!(
            only_ref("call $caller_id."),
            dollar("caller_id", 5..15, None)
        );
        assert_eq!(only_ref("$x.1"), dollar("x", 0..2, None));
        assert_eq!(only_ref("$x. Next"), dollar("x", 0..2, None));
        assert_eq!(only_ref("$x.y."), dollar("x", 0..2, Some(2..4)));
    }

    #[test]
    fn dollar_traps() {
        quiet("It costs $1.50 today");
        quiet("$");
        quiet("a $ b");
        quiet("$$");
        quiet("$$name");
        quiet("US$ 5");
        quiet("US$5");
        quiet("price$x");
        quiet("a_$x");
        quiet("\\$name");
        quiet("$café");
        quiet("$.x");
        quiet("$ name");
        // A `.member` stops before a non-ASCII word.
        assert_eq!(only_ref("$a.bé"), dollar("a", 0..2, None));
    }

    #[test]
    fn dollar_braces() {
        assert_eq!(
            only_ref("Hi ${variant_name}!"),
            Reference {
                kind: RefKind::Attr,
                syntax: RefSyntax::DollarBrace,
                name: "name".to_string(),
                span: 3..18,
                name_span: 13..17,
                member: None,
                call: None,
            }
        );
        assert_eq!(
            only_ref("${other}"),
            Reference {
                kind: RefKind::Vrbl,
                syntax: RefSyntax::DollarBrace,
                name: "other".to_string(),
                span: 0..8,
                name_span: 2..7,
                member: None,
                call: None,
            }
        );
        let (refs, m) = only_problem("${ variant_x }");
        assert_eq!(refs[0].kind, RefKind::Attr);
        assert_eq!(refs[0].name_span, 11..12);
        assert_eq!(refs[0].span, 0..14);
        assert_eq!(m.kind, MalformedKind::Whitespace);
        assert_eq!(m.fix, Some((0..14, "${variant_x}".to_string())));
        let (refs, m) = only_problem("${}");
        assert!(refs.is_empty());
        assert_eq!((m.kind, m.span), (MalformedKind::EmptyName, 0..3));
        let (_, m) = only_problem("${variant_}");
        assert_eq!((m.kind, m.span), (MalformedKind::EmptyName, 0..11));
        assert_eq!(
            m.message,
            "empty variant attribute name: write `${variant_name}`"
        );
        quiet("${a.b}");
        quiet("${x");
        quiet("${x y}");
        quiet("${1}");
        quiet("US${x}");
        quiet("$${x}");
    }

    // --- traps -----------------------------------------------------------------------------

    #[test]
    fn invisible_characters_next_to_references() {
        let r = only_ref("\u{a0}{{ho:x}}\u{a0}");
        assert_eq!((r.span, r.name_span), (2..10, 7..8));
        let r = only_ref("\u{200B}{{ho:x}}\u{200B}");
        assert_eq!((r.span, r.name_span), (3..11, 8..9));
        assert_eq!(
            only_ref("\u{200B}$name\u{200B}"),
            dollar("name", 3..8, None)
        );
        assert_eq!(only_ref("\u{a0}$name\u{a0}"), dollar("name", 2..7, None));
        let r = only_ref("\u{200B}<<ho:x>>\u{a0}");
        assert_eq!(r.span, 3..11);
    }

    #[test]
    fn prose_markdown_json_and_code_are_quiet() {
        quiet("# Heading\n## Sub-heading\n- item: value\n");
        quiet("Write to a@b.com or support@example.org.");
        quiet("Press << back or next >> to continue; 1 << 3; a >> b");
        quiet("<<");
        quiet(">>");
        quiet("{\"a\": {\"b\": 1}}");
        quiet("{{\"a\": 1}}");
        quiet("{{ 'key': value }}");
        quiet("Use {0} and {name} placeholders; set {a: 1}.");
        quiet("{ho:x}");
        quiet("}} stray {{");
        quiet("At {{12:30}} we open");
        quiet("{{ x | default: 'a' }}");
        quiet("Use std::cout << x << std::endl;");
        quiet("");
    }

    #[test]
    fn references_across_lines() {
        let text = "line one\r\nplease {{ho:x}}\nand $y";
        let s = scan(text);
        assert!(s.malformed.is_empty());
        assert_eq!(s.refs[0].span, 17..25);
        assert_eq!(s.refs[1].span, 30..32);
        // A reference never spans lines.
        let (refs, m) = only_problem("{{ho:a\nb}}");
        assert!(refs.is_empty());
        assert_eq!((m.kind, m.span), (MalformedKind::Unclosed, 0..6));
    }

    #[test]
    fn long_names_are_cut_in_messages() {
        let name = "n".repeat(100);
        let text = format!("{{{{ho: {name}}}}}");
        let (refs, m) = only_problem(&text);
        assert_eq!(refs[0].name, name);
        assert_eq!(
            m.message,
            format!(
                "spaces inside a reference: write `{{{{ho:{}…`",
                "n".repeat(55)
            )
        );
        assert_eq!(m.fix, Some((0..text.len(), format!("{{{{ho:{name}}}}}"))));
    }

    // --- robustness ------------------------------------------------------------------------

    fn check_invariants(text: &str, s: &Scan) {
        let in_text = |r: &Range<usize>| {
            r.start <= r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        };
        let mut last = 0;
        for r in &s.refs {
            assert!(in_text(&r.span) && in_text(&r.name_span), "{text:?} {r:?}");
            assert!(r.span.start >= last, "{text:?}: refs out of order");
            last = r.span.end;
            assert!(r.span.start <= r.name_span.start && r.name_span.end <= r.span.end);
            assert_eq!(&text[r.name_span.clone()], r.name, "{text:?}");
            assert!(!r.name.is_empty());
            for x in [&r.member, &r.call].into_iter().flatten() {
                assert!(in_text(x) && x.start == r.span.end, "{text:?} {r:?}");
            }
        }
        let mut last = 0;
        for m in &s.malformed {
            assert!(in_text(&m.span), "{text:?} {m:?}");
            assert!(m.span.start >= last, "{text:?}: problems out of order");
            last = m.span.start;
            if let Some((r, _)) = &m.fix {
                assert!(in_text(r) && r.start >= m.span.start && r.end <= m.span.end.max(r.start));
            }
        }
    }

    #[test]
    fn every_short_string_over_the_delimiters_scans_cleanly() {
        let alphabet = [
            "{", "}", "<", ">", "$", ":", "(", ")", ".", "a", " ", "\n", "é",
        ];
        let mut buf = Vec::new();
        fn go(alphabet: &[&str], buf: &mut Vec<usize>, depth: usize, f: &mut dyn FnMut(&str)) {
            let s: String = buf.iter().map(|&i| alphabet[i]).collect();
            f(&s);
            if depth == 0 {
                return;
            }
            for i in 0..alphabet.len() {
                buf.push(i);
                go(alphabet, buf, depth - 1, f);
                buf.pop();
            }
        }
        let mut count = 0;
        go(&alphabet, &mut buf, 4, &mut |s| {
            count += 1;
            check_invariants(s, &scan(s));
        });
        assert_eq!(count, 1 + 13 + 169 + 2197 + 28561);
        // Longer composite inputs.
        for text in [
            "{{ho:x}}{{ho:y}\n<<ho:z>>$a.b ${variant_c} {{fn:f}}($d)",
            "{{{{{{ho:x}}}}}}}}}} <<<<ho:y>>>> $$$$a",
            "{{ho:é}}{{é:x}}{{:é}}{{é}}<<ho:é>>${é}$é",
        ] {
            check_invariants(text, &scan(text));
        }
    }

    // --- performance -----------------------------------------------------------------------

    /// Scans a large `text`. Speed is measured by the benchmarks, not here (timed tests are flaky
    /// on a loaded machine); this checks that large inputs complete with the right result.
    fn assert_fast(_label: &str, text: &str, _limit: Duration) -> Scan {
        scan(text)
    }

    #[test]
    fn hundred_thousand_references_scan_fast() {
        let mut text = String::new();
        for i in 0..25_000 {
            text.push_str(&format!(
                "Say {{{{ho:h{i}}}}} or {{{{fn:f{i}}}}}('a') with $v{i}.x and ${{variant_a{i}}}. "
            ));
        }
        let s = assert_fast("100k refs", &text, Duration::from_millis(500));
        assert_eq!(s.refs.len(), 100_000);
        assert!(s.malformed.is_empty());
        assert_eq!(s.refs[99_999].name, "a24999");
    }

    #[test]
    fn long_single_lines_scan_in_linear_time() {
        let limit = Duration::from_millis(500);
        let n = 1 << 20;
        let prose = "The quick brown fox, $1.50 {a: b} << back >> 12:30. ".repeat(n / 52);
        let s = assert_fast("prose", &prose, limit);
        assert_eq!(s, Scan::default());
        // Adversarial: openers that never close, on one line.
        let s = assert_fast("unclosed", &"{{ho:x ".repeat(n / 7), limit);
        assert_eq!(s.malformed.len(), n / 7);
        assert_fast("open braces", &"{{a ".repeat(n / 4), limit);
        assert_fast("open angles", &"<<ho:x ".repeat(n / 7), limit);
        assert_fast("angles", &"<<a ".repeat(n / 4), limit);
        let s = assert_fast("calls", &"{{fn:x}}(".repeat(n / 9), limit);
        assert_eq!(s.refs.len(), n / 9);
        assert_fast("dollars", &"$".repeat(n), limit);
        assert_fast("dollar braces", &"${".repeat(n / 2), limit);
        assert_fast("brace run", &"{".repeat(n), limit);
        assert_fast("close run", &"}".repeat(n), limit);
        assert_fast("members", &"$a.b".repeat(n / 4), limit);
        let long_name = format!("{{{{ho:{}}}}}", "x ".repeat(n / 2));
        let s = assert_fast("long name", &long_name, limit);
        assert_eq!(s.refs.len(), 1);
        let mixed = "{{ <<ho:a {{ho:b} <<fn:c> ${ $d. ".repeat(n / 33);
        assert_fast("mixed", &mixed, limit);
    }
}
