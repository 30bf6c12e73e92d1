//! Inline suppression: a `# switchboard: ignore[SB201]` comment (YAML, Python) silences the named
//! rules on its own line, or, when the comment stands alone on its line, on the next line.
//! `# switchboard: ignore` without a list silences every rule there.

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::source::{SourceFile, Span};
use crate::syntax::yaml::{Node, NodeKind};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// 0-based line the comment silences.
    pub line: u32,
    /// The rules silenced; empty means all.
    pub codes: Vec<Code>,
}

impl Suppression {
    pub fn covers(&self, code: Code) -> bool {
        self.codes.is_empty() || self.codes.contains(&code)
    }
}

/// Comment spans of a YAML file: every `#` that starts a comment (at a line start or after
/// white space, outside every scalar) up to the end of its line.
pub fn yaml_comments(text: &str, root: Option<&Node>) -> Vec<Span> {
    let bytes = text.as_bytes();
    // A `#` after blank space or at a line start; usually none, and then the tree is not walked.
    let candidates: Vec<usize> = memchr::memchr_iter(b'#', bytes)
        .filter(|&i| i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r'))
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    // A scalar with what separates it from the next takes a few bytes at least: room reserved
    // for one every 16 bytes seldom grows (this vector lives only for the call).
    let mut scalars = Vec::with_capacity(bytes.len() / 16 + 1);
    let mut stack: Vec<&Node> = Vec::with_capacity(16);
    stack.extend(root);
    // Children are pushed last first, so scalars come out in document order, which is sorted
    // (checked below; sorted if not).
    while let Some(n) = stack.pop() {
        match &n.kind {
            NodeKind::Scalar(s) => scalars.push(s.span),
            NodeKind::Map(entries) => {
                for e in entries.iter().rev() {
                    stack.push(&e.value);
                    stack.push(&e.key);
                }
            }
            NodeKind::Seq(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    if !scalars.is_sorted() {
        scalars.sort_unstable();
    }
    let inside = |o: u32| {
        let i = scalars.partition_point(|s| s.start <= o);
        i > 0 && scalars[..i].iter().rev().take(4).any(|s| s.contains(o))
    };
    let mut out = Vec::new();
    for i in candidates {
        if inside(i as u32) {
            continue;
        }
        let end = memchr::memchr2(b'\n', b'\r', &bytes[i..])
            .map(|e| i + e)
            .unwrap_or(text.len());
        out.push(Span::new(i as u32, end as u32));
    }
    out
}

/// Parse suppression comments. Unknown rules in a list are reported (SB010, warning).
pub fn parse(file: &SourceFile, comments: &[Span]) -> (Vec<Suppression>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for c in comments {
        let raw = file.slice(*c);
        let body = raw.trim_start_matches('#').trim_start();
        let Some(rest) = body.strip_prefix("switchboard:") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(rest) = rest.strip_prefix("ignore") else {
            continue;
        };
        let line = file.lines.line_of(c.start);
        let standalone = file.text[file.lines.line_start(line) as usize..c.start as usize]
            .trim()
            .is_empty();
        let target = if standalone { line + 1 } else { line };
        let mut codes = Vec::new();
        if let Some(list) = rest.trim_start().strip_prefix('[') {
            let list_start = c.start as usize + (raw.len() - list.len());
            let inner = list.split(']').next().unwrap_or("");
            let mut offset = 0;
            for part in inner.split(',') {
                let name = part.trim();
                let lead = part.len() - part.trim_start().len();
                let start = (list_start + offset + lead) as u32;
                offset += part.len() + 1;
                if name.is_empty() {
                    continue;
                }
                match Code::lookup(name) {
                    Some(code) => codes.push(code),
                    None => diags.push(
                        Diagnostic::new(
                            Code::SB010,
                            file.id,
                            Span::new(start, start + name.len() as u32),
                            format!("unknown rule `{name}` in a suppression comment"),
                        )
                        .severity(Severity::Warning),
                    ),
                }
            }
            if codes.is_empty() {
                continue;
            }
        } else if !rest.trim().is_empty() {
            continue;
        }
        out.push(Suppression {
            line: target,
            codes,
        });
    }
    (out, diags)
}

/// Whether a diagnostic at `span` in a file with these suppressions is silenced.
pub fn is_suppressed(file: &SourceFile, sups: &[Suppression], code: Code, span: Span) -> bool {
    if sups.is_empty() {
        return false;
    }
    let line = file.lines.line_of(span.start);
    sups.iter().any(|s| s.line == line && s.covers(code))
}
