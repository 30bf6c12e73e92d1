//! Source layer: file identities, byte spans, line indexes and offset maps.
//!
//! Every position inside switchboard is a byte offset into the raw text of a file. Lines and
//! columns are computed only at the edges (CLI: 1-based character columns; LSP: UTF-16 or UTF-8).

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// A half-open byte range `[start, end)` into the raw text of one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }
    pub fn from_range(r: Range<usize>) -> Span {
        Span::new(r.start as u32, r.end as u32)
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// Identifies one file of a loaded project (index into `Project::files`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A loaded file: its path, its text and its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    /// Absolute (or as given) path on disk.
    pub path: PathBuf,
    /// Path relative to the project root, with `/` separators (what diagnostics print).
    pub rel: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(id: FileId, path: PathBuf, rel: String, text: Arc<str>) -> SourceFile {
        let lines = LineIndex::new(&text);
        SourceFile {
            id,
            path,
            rel,
            text,
            lines,
        }
    }
    /// 0-based line and 0-based column in Unicode scalar values for a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        self.lines.line_col(&self.text, offset)
    }
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Start offsets of every line. A line ends at `\n`, at `\r\n`, or at a lone `\r`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
    ascii: bool,
}

/// Which unit a column counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnUnit {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values (what humans and the CLI count).
    Char,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        if memchr::memchr(b'\r', bytes).is_none() {
            // Line feeds only (most files): the one-byte search is the cheaper.
            starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i as u32 + 1));
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
                // `\r\n` is one break: its line starts after the `\n`, which pushes it.
                if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                    starts.push(i as u32 + 1);
                }
            }
        }
        LineIndex {
            starts,
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> u32 {
        self.starts.len() as u32
    }

    /// Byte offset where 0-based `line` starts (clamped to the last line).
    pub fn line_start(&self, line: u32) -> u32 {
        let l = (line as usize).min(self.starts.len() - 1);
        self.starts[l]
    }

    /// 0-based line containing `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(l) => l as u32,
            Err(l) => (l - 1) as u32,
        }
    }

    /// Byte range of a line without its terminator.
    pub fn line_range(&self, text: &str, line: u32) -> Range<usize> {
        let start = self.line_start(line) as usize;
        let mut end = if (line as usize) + 1 < self.starts.len() {
            self.starts[line as usize + 1] as usize
        } else {
            text.len()
        };
        let b = text.as_bytes();
        if end > start && b.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && b.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end.max(start)
    }

    /// Clamp `offset` into the text and back onto a char boundary.
    pub fn clamp(text: &str, offset: u32) -> u32 {
        let mut o = (offset as usize).min(text.len());
        while o > 0 && !text.is_char_boundary(o) {
            o -= 1;
        }
        o as u32
    }

    /// 0-based line and 0-based column counted in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: u32) -> (u32, u32) {
        self.line_col_in(text, offset, ColumnUnit::Char)
    }

    /// 0-based line and 0-based column counted in `unit`.
    pub fn line_col_in(&self, text: &str, offset: u32, unit: ColumnUnit) -> (u32, u32) {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line as usize];
        if self.ascii || unit == ColumnUnit::Utf8 {
            return (line, offset - start);
        }
        let seg = &text[start as usize..offset as usize];
        let col = match unit {
            ColumnUnit::Char => seg.chars().count(),
            ColumnUnit::Utf16 => seg.encode_utf16().count(),
            ColumnUnit::Utf8 => seg.len(),
        };
        (line, col as u32)
    }

    /// Byte offset of a 0-based line and column counted in `unit`. Columns past the end of the line
    /// clamp to its end; a column inside a character (UTF-16 surrogate half) clamps to its start.
    pub fn offset_of(&self, text: &str, line: u32, col: u32, unit: ColumnUnit) -> u32 {
        if line as usize >= self.starts.len() {
            return text.len() as u32;
        }
        let range = self.line_range(text, line);
        let line_text = &text[range.clone()];
        let mut counted = 0u32;
        for (i, ch) in line_text.char_indices() {
            if counted >= col {
                return (range.start + i) as u32;
            }
            let w = match unit {
                ColumnUnit::Utf8 => ch.len_utf8() as u32,
                ColumnUnit::Utf16 => ch.len_utf16() as u32,
                ColumnUnit::Char => 1,
            };
            if counted + w > col {
                return (range.start + i) as u32;
            }
            counted += w;
        }
        range.end as u32
    }
}

/// Maps byte offsets in a *cooked* string (a YAML scalar's value, a Python string's value) back to
/// byte offsets in the raw source.
///
/// The map is piecewise linear: each segment says "cooked offset `c` is raw offset `r`", and
/// offsets after it (until the next segment) advance together. An escape sequence or a folded line
/// break starts a new segment, so a reference written after `\"` or across a fold still lands on
/// the exact raw bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    segs: Vec<(u32, u32)>,
    raw_end: u32,
}

impl OffsetMap {
    /// A map for text copied verbatim from `raw_start`.
    pub fn identity(raw_start: u32, len: u32) -> OffsetMap {
        OffsetMap {
            segs: vec![(0, raw_start)],
            raw_end: raw_start + len,
        }
    }
    pub fn new() -> OffsetMap {
        OffsetMap::default()
    }
    /// An empty map with room for `segments` segments.
    pub fn with_capacity(segments: usize) -> OffsetMap {
        OffsetMap {
            segs: Vec::with_capacity(segments),
            raw_end: 0,
        }
    }
    /// Record that cooked offset `cooked` corresponds to raw offset `raw`. Calls must come in
    /// increasing order of `cooked`; a later call for the same cooked offset replaces the earlier.
    pub fn push(&mut self, cooked: u32, raw: u32) {
        if let Some(last) = self.segs.last_mut()
            && last.0 == cooked
        {
            last.1 = raw;
            return;
        }
        if let Some(&(c, r)) = self.segs.last()
            && raw.wrapping_sub(r) == cooked - c
        {
            return; // continues the current segment
        }
        self.segs.push((cooked, raw));
    }
    /// The raw offset just past the cooked text's last byte.
    pub fn set_raw_end(&mut self, raw_end: u32) {
        self.raw_end = raw_end;
    }
    pub fn raw_end(&self) -> u32 {
        self.raw_end
    }
    /// Raw offset of a cooked offset.
    pub fn to_raw(&self, cooked: u32) -> u32 {
        if self.segs.is_empty() {
            return self.raw_end;
        }
        self.raw_in(self.segment_of(cooked), cooked)
    }
    /// The segment holding `cooked`: the last one starting at or before it (the first if none).
    fn segment_of(&self, cooked: u32) -> usize {
        match self.segs.binary_search_by_key(&cooked, |s| s.0) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }
    /// [`OffsetMap::to_raw`] for offsets asked in increasing order: the search starts at the
    /// segment `cursor` holds (updated), so a text's references cost a walk over its segments,
    /// not a search each. Any order gives the same result; out of order it searches again.
    pub fn to_raw_from(&self, cooked: u32, cursor: &mut usize) -> u32 {
        let segs = &self.segs;
        if segs.is_empty() {
            return self.raw_end;
        }
        let mut i = *cursor;
        if i >= segs.len() || (i > 0 && segs[i].0 > cooked) {
            i = self.segment_of(cooked);
        } else {
            while i + 1 < segs.len() && segs[i + 1].0 <= cooked {
                i += 1;
            }
        }
        *cursor = i;
        self.raw_in(i, cooked)
    }
    /// Raw offset of `cooked` within segment `i`.
    fn raw_in(&self, i: usize, cooked: u32) -> u32 {
        let (c, r) = self.segs[i];
        let raw = r + cooked.saturating_sub(c);
        // Never run past the next segment's raw start or the end of the raw text.
        let limit = self
            .segs
            .get(i + 1)
            .map(|s| s.1)
            .unwrap_or(self.raw_end)
            .max(r);
        raw.min(limit)
    }
    /// Raw span for a cooked span. The end maps the last byte and steps past it, so a span that
    /// ends right before an escape does not swallow the escape. Never ends past the raw end (a
    /// cooked line break with no raw byte of its own maps to an empty span there).
    pub fn span(&self, cooked: Range<usize>) -> Span {
        let start = self.to_raw(cooked.start as u32);
        let end = if cooked.end > cooked.start {
            (self.to_raw(cooked.end as u32 - 1) + 1).min(self.raw_end.max(start))
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
    /// [`OffsetMap::span`] through a cursor (see [`OffsetMap::to_raw_from`]); the same result.
    pub fn span_from(&self, cooked: Range<usize>, cursor: &mut usize) -> Span {
        let start = self.to_raw_from(cooked.start as u32, cursor);
        let end = if cooked.end > cooked.start {
            let mut ahead = *cursor;
            (self.to_raw_from(cooked.end as u32 - 1, &mut ahead) + 1).min(self.raw_end.max(start))
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_maps_like_a_search_in_any_order() {
        // Segments as an escape, a fold and indentation stripping leave them, with gaps in the
        // raw offsets and a cooked byte with no raw byte of its own.
        let mut map = OffsetMap::with_capacity(8);
        for (c, r) in [(0, 10), (3, 15), (4, 16), (9, 30), (10, 30), (14, 50)] {
            map.push(c, r);
        }
        map.set_raw_end(60);
        let ranges: Vec<Range<usize>> = (0..20).flat_map(|a| (a..20).map(move |b| a..b)).collect();
        let mut cursor = 0;
        for r in &ranges {
            assert_eq!(
                map.span_from(r.clone(), &mut cursor),
                map.span(r.clone()),
                "{r:?}"
            );
        }
        // Backwards, and jumping about: the cursor searches again.
        let mut cursor = 0;
        for (k, r) in ranges.iter().rev().enumerate() {
            let r = if k % 3 == 0 {
                &ranges[(k * 37) % ranges.len()]
            } else {
                r
            };
            assert_eq!(
                map.span_from(r.clone(), &mut cursor),
                map.span(r.clone()),
                "{r:?}"
            );
        }
        let empty = OffsetMap::new();
        assert_eq!(empty.span_from(2..5, &mut cursor), empty.span(2..5));
    }

    #[test]
    fn line_col_counts_chars_and_utf16() {
        let text = "a\u{1F600}b\r\nx\u{00A0}\u{200B}{{ho:y}}\rz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let brace = text.find("{{").unwrap() as u32;
        assert_eq!(idx.line_col(text, brace), (1, 3));
        assert_eq!(idx.line_col_in(text, brace, ColumnUnit::Utf16), (1, 3));
        let b = text.find('b').unwrap() as u32;
        assert_eq!(idx.line_col_in(text, b, ColumnUnit::Utf16), (0, 3));
        assert_eq!(idx.line_col_in(text, b, ColumnUnit::Char), (0, 2));
        assert_eq!(idx.offset_of(text, 0, 3, ColumnUnit::Utf16), b);
        assert_eq!(idx.line_col(text, text.len() as u32 - 1), (2, 0));
    }

    #[test]
    fn offset_map_segments() {
        // raw: "a\"{{ho:x}}" cooked: a"{{ho:x}}
        let mut m = OffsetMap::new();
        m.push(0, 10); // a
        m.push(1, 11); // \" -> "
        m.push(2, 13); // {{ho:x}}
        m.set_raw_end(21);
        assert_eq!(m.span(2..10), Span::new(13, 21));
        assert_eq!(m.span(1..2), Span::new(11, 12));
        assert_eq!(m.to_raw(0), 10);
    }
}
