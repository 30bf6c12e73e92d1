//! Small text utilities shared by the layers: edit distance and did-you-mean.

/// Damerau–Levenshtein (optimal string alignment) distance over characters, bounded: returns
/// `None` as soon as the distance must exceed `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// The closest candidate to `name`, if one is close enough to be a plausible typo. A candidate
/// equal ignoring case (or `_`/`-`/space differences) wins outright; then the smallest edit
/// distance; then a candidate that extends the name (or is extended by it) by whole words.
///
/// Called for every unresolved name against every candidate of its kind, so the loop allocates
/// nothing per candidate and rejects most candidates on their length alone.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let norm: Vec<char> = lower.iter().copied().filter(|c| !is_sep(*c)).collect();
    let max = (name.chars().count() / 3).clamp(1, 3);
    let mut buf = Buffers::default();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let d = if norm_equal(c, &norm) {
            0
        } else if let Some(d) = buf.distance(&lower, c, max) {
            d
        } else if word_prefix(name, c) || word_prefix(c, name) {
            // `billing_team` for `billing`: one name extends the other by whole words.
            max + 1
        } else {
            continue;
        };
        // Ties resolve to the smallest candidate so the answer is deterministic.
        if best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn is_sep(c: char) -> bool {
    matches!(c, '_' | '-' | ' ')
}

/// `c`, lower-cased and without separators, equals `norm`.
fn norm_equal(c: &str, norm: &[char]) -> bool {
    let mut it = c
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !is_sep(*c));
    norm.iter().all(|n| it.next() == Some(*n)) && it.next().is_none()
}

/// Reused rows for [`edit_distance`]-style computations.
#[derive(Default)]
struct Buffers {
    b: Vec<char>,
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl Buffers {
    /// Bounded optimal-string-alignment distance between lower-cased `a` and `b`.
    fn distance(&mut self, a: &[char], b: &str, max: usize) -> Option<usize> {
        // Cheap length rejection before any work.
        let blen = b.chars().count();
        if a.len().abs_diff(blen) > max {
            return None;
        }
        self.b.clear();
        self.b.extend(b.chars().flat_map(char::to_lowercase));
        let b = &self.b;
        let w = b.len() + 1;
        for v in [&mut self.prev2, &mut self.prev, &mut self.cur] {
            v.clear();
            v.resize(w, 0);
        }
        for (j, v) in self.prev.iter_mut().enumerate() {
            *v = j;
        }
        for i in 1..=a.len() {
            self.cur[0] = i;
            let mut row_min = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (self.prev[j] + 1)
                    .min(self.cur[j - 1] + 1)
                    .min(self.prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(self.prev2[j - 2] + 1);
                }
                self.cur[j] = v;
                row_min = row_min.min(v);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(&mut self.prev2, &mut self.prev);
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        let d = self.prev[b.len()];
        (d <= max).then_some(d)
    }
}

/// `long` starts or ends with `short` at a word boundary (`_`, `-`, space), `short` at least 4
/// chars. Compares ASCII case-insensitively without allocating; names are almost always ASCII.
fn word_prefix(short: &str, long: &str) -> bool {
    let (s, l) = (short.as_bytes(), long.as_bytes());
    if short.chars().count() < 4 || s.len() >= l.len() {
        return false;
    }
    let sep = |b: u8| matches!(b, b'_' | b'-' | b' ');
    (l[..s.len()].eq_ignore_ascii_case(s) && sep(l[s.len()]))
        || (l[l.len() - s.len()..].eq_ignore_ascii_case(s) && sep(l[l.len() - s.len() - 1]))
}

/// [`did_you_mean`] over one fixed candidate set, prepared once so that a query costs about
/// the candidates that could win rather than the whole set.
///
/// `suggest(name)` returns exactly what `did_you_mean(name, candidates)` returns. The "equal
/// ignoring case and separators" case is a hash lookup. Distances are computed over a trie of
/// the lower-cased candidates, one dynamic-programming row per trie node, so candidates sharing
/// a prefix share its rows; a subtree is left as soon as every cell of its row exceeds the
/// bound, and the bound grows 1, 2, 3 only while nothing is found. The whole-word extension
/// case is a hash lookup of the word-boundary prefixes and suffixes on either side.
#[derive(Clone, Debug, Default)]
pub struct Suggester {
    /// The distinct candidates, sorted (a smaller index is a smaller string: the tie-break),
    /// back to back in `text`; `at[i]` is the byte range of candidate `i`.
    text: String,
    at: Vec<(u32, u32)>,
    /// Character count of each candidate as written (the length filter counts those).
    chars: Vec<u32>,
    /// The trie of lower-cased candidates; node 0 is the root.
    nodes: Vec<Node>,
    /// Candidates ending at each node: `terms[node.terms.0..node.terms.1]`.
    terms: Vec<u32>,
    /// Sorted `(key, candidate)` lists, the keys hashes of: the lower-cased candidate without
    /// separators; candidates of at least 4 characters, ASCII-lower-cased, read forwards and
    /// backwards; the part before / after each separator of each candidate.
    by_norm: Vec<(Key, u32)>,
    whole_fwd: Vec<(Key, u32)>,
    whole_rev: Vec<(Key, u32)>,
    prefix_fwd: Vec<(Key, u32)>,
    suffix_rev: Vec<(Key, u32)>,
}

/// (length, FNV-1a hash): equal keys are verified before use.
type Key = (usize, u64);

#[derive(Clone, Debug)]
struct Node {
    ch: char,
    first_child: u32,
    next_sibling: u32,
    terms: (u32, u32),
}

const NONE: u32 = u32::MAX;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME)
}

fn fnv(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(FNV_OFFSET, fnv_byte)
}

fn fnv_chars(chars: impl Iterator<Item = char>) -> Key {
    let mut n = 0;
    let h = chars.fold(FNV_OFFSET, |h, c| {
        n += 1;
        (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME)
    });
    (n, h)
}

fn is_sep_byte(b: u8) -> bool {
    matches!(b, b'_' | b'-' | b' ')
}

/// The candidates filed under `key` in a sorted list.
fn lookup(list: &[(Key, u32)], key: Key) -> impl Iterator<Item = u32> + '_ {
    let from = list.partition_point(|(k, _)| *k < key);
    list[from..]
        .iter()
        .take_while(move |(k, _)| *k == key)
        .map(|(_, i)| *i)
}

impl Suggester {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Suggester {
        let mut names: Vec<&str> = candidates.into_iter().collect();
        names.sort_unstable();
        names.dedup();
        let mut s = Suggester {
            text: String::with_capacity(names.iter().map(|n| n.len()).sum()),
            ..Suggester::default()
        };
        // Every candidate lower-cased, back to back: `lowered[low_at[i]..]`.
        let mut lowered: Vec<char> = Vec::new();
        let mut low_at: Vec<(usize, usize)> = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let i = i as u32;
            let start = s.text.len() as u32;
            s.text.push_str(name);
            s.at.push((start, s.text.len() as u32));
            s.chars.push(name.chars().count() as u32);
            let from = lowered.len();
            lowered.extend(name.chars().flat_map(char::to_lowercase));
            low_at.push((from, lowered.len()));
            let lower = &lowered[from..];
            s.by_norm
                .push((fnv_chars(lower.iter().copied().filter(|c| !is_sep(*c))), i));
            let bytes = name.as_bytes();
            if name.chars().count() >= 4 {
                s.whole_fwd
                    .push(((bytes.len(), fnv(bytes.iter().copied())), i));
                s.whole_rev
                    .push(((bytes.len(), fnv(bytes.iter().rev().copied())), i));
            }
            let mut h = FNV_OFFSET;
            for (k, &b) in bytes.iter().enumerate() {
                if is_sep_byte(b) {
                    s.prefix_fwd.push(((k, h), i));
                }
                h = fnv_byte(h, b);
            }
            let mut h = FNV_OFFSET;
            for (k, &b) in bytes.iter().enumerate().rev() {
                if is_sep_byte(b) {
                    s.suffix_rev.push(((bytes.len() - k - 1, h), i));
                }
                h = fnv_byte(h, b);
            }
        }
        for list in [
            &mut s.by_norm,
            &mut s.whole_fwd,
            &mut s.whole_rev,
            &mut s.prefix_fwd,
            &mut s.suffix_rev,
        ] {
            list.sort_unstable();
        }
        // The trie, built from the lower-cased candidates in order: each shares with the
        // previous one the path of their common prefix.
        let low = |i: u32| {
            let (a, b) = low_at[i as usize];
            &lowered[a..b]
        };
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| low(x).cmp(low(y)).then(x.cmp(&y)));
        s.nodes.push(Node {
            ch: '\0',
            first_child: NONE,
            next_sibling: NONE,
            terms: (0, 0),
        });
        let mut last_child: Vec<u32> = vec![NONE];
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[char] = &[];
        for i in order {
            let lower = low(i);
            let common = prev.iter().zip(lower).take_while(|(a, b)| a == b).count();
            let same = common == lower.len() && common == prev.len() && !s.terms.is_empty();
            path.truncate(common + 1);
            for &ch in &lower[common..] {
                let parent = *path.last().unwrap_or(&0);
                let id = s.nodes.len() as u32;
                s.nodes.push(Node {
                    ch,
                    first_child: NONE,
                    next_sibling: NONE,
                    terms: (0, 0),
                });
                last_child.push(NONE);
                match last_child[parent as usize] {
                    NONE => s.nodes[parent as usize].first_child = id,
                    sib => s.nodes[sib as usize].next_sibling = id,
                }
                last_child[parent as usize] = id;
                path.push(id);
            }
            let end = *path.last().unwrap_or(&0) as usize;
            let at = s.terms.len() as u32;
            s.terms.push(i);
            if same {
                s.nodes[end].terms.1 = at + 1;
            } else {
                s.nodes[end].terms = (at, at + 1);
            }
            prev = lower;
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    fn name(&self, i: u32) -> &str {
        let (a, b) = self.at[i as usize];
        &self.text[a as usize..b as usize]
    }

    /// What [`did_you_mean`] answers for `name` against this candidate set.
    pub fn suggest(&self, name: &str) -> Option<&str> {
        let lower: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
        // Equal ignoring case and separators: distance 0, the smallest such candidate wins.
        let norm: Vec<char> = lower.iter().copied().filter(|c| !is_sep(*c)).collect();
        let equal = lookup(&self.by_norm, fnv_chars(norm.iter().copied())).find(|&i| {
            let c = self.name(i);
            c != name && norm_equal(c, &norm)
        });
        if let Some(i) = equal {
            return Some(self.name(i));
        }
        let max = (name.chars().count() / 3).clamp(1, 3);
        let mut search = Search {
            s: self,
            name,
            a: &lower,
            max,
            rows: Vec::new(),
            chars: Vec::new(),
        };
        for bound in 1..=max {
            if let Some(i) = search.run(bound) {
                return Some(self.name(i));
            }
        }
        // Whole-word extensions either way; all of them rank after any distance.
        let mut first: Option<u32> = None;
        let mut consider = |list: &[(Key, u32)], key: Key, short_is_name: bool| {
            for i in lookup(list, key) {
                let c = self.name(i);
                let hit = if short_is_name {
                    word_prefix(name, c)
                } else {
                    word_prefix(c, name)
                };
                if hit && first.is_none_or(|f| i < f) {
                    first = Some(i);
                }
            }
        };
        let bytes = name.as_bytes();
        if name.chars().count() >= 4 {
            consider(
                &self.prefix_fwd,
                (bytes.len(), fnv(bytes.iter().copied())),
                true,
            );
            consider(
                &self.suffix_rev,
                (bytes.len(), fnv(bytes.iter().rev().copied())),
                true,
            );
        }
        let mut h = FNV_OFFSET;
        for (k, &b) in bytes.iter().enumerate() {
            if is_sep_byte(b) {
                consider(&self.whole_fwd, (k, h), false);
            }
            h = fnv_byte(h, b);
        }
        let mut h = FNV_OFFSET;
        for (k, &b) in bytes.iter().enumerate().rev() {
            if is_sep_byte(b) {
                consider(&self.whole_rev, (bytes.len() - k - 1, h), false);
            }
            h = fnv_byte(h, b);
        }
        first.map(|i| self.name(i))
    }
}

/// One bounded walk of the trie for one name.
struct Search<'s> {
    s: &'s Suggester,
    name: &'s str,
    /// The name, lower-cased.
    a: &'s [char],
    /// The name's bound ([`did_you_mean`]'s length filter uses it whatever the walk's bound).
    max: usize,
    /// Row `d` (the distances from the trie prefix of depth `d` to each prefix of the name),
    /// back to back, for the current path.
    rows: Vec<usize>,
    /// The trie characters along the current path (`chars[d - 1]` at depth `d`).
    chars: Vec<char>,
}

impl Search<'_> {
    /// The smallest candidate at the smallest distance, if one is within `bound` and passes the
    /// length filter.
    fn run(&mut self, bound: usize) -> Option<u32> {
        let w = self.a.len() + 1;
        self.rows.clear();
        self.rows.extend(0..w);
        self.chars.clear();
        let mut best: Option<(usize, u32)> = None;
        self.terminals(0, 0, bound, &mut best);
        // Pre-order walk with an explicit stack: the rows of a node's ancestors stay in place
        // while its subtree is walked.
        let mut stack: Vec<(u32, usize)> = Vec::new();
        let mut child = self.s.nodes[0].first_child;
        while child != NONE {
            stack.push((child, 1));
            child = self.s.nodes[child as usize].next_sibling;
        }
        while let Some((node, depth)) = stack.pop() {
            let ch = self.s.nodes[node as usize].ch;
            self.chars.truncate(depth - 1);
            self.chars.push(ch);
            self.rows.truncate(depth * w);
            let row_min = self.row(depth, w);
            if row_min > bound {
                continue;
            }
            self.terminals(node, depth, bound, &mut best);
            let mut child = self.s.nodes[node as usize].first_child;
            while child != NONE {
                stack.push((child, depth + 1));
                child = self.s.nodes[child as usize].next_sibling;
            }
        }
        best.map(|(_, i)| i)
    }

    /// Append row `depth` from the rows above it; returns its smallest cell.
    fn row(&mut self, depth: usize, w: usize) -> usize {
        let a = self.a;
        let b = &self.chars;
        let i = depth;
        self.rows.resize((i + 1) * w, 0);
        let (above, cur) = self.rows.split_at_mut(i * w);
        let prev = &above[(i - 1) * w..];
        let prev2 = if i > 1 {
            &above[(i - 2) * w..(i - 1) * w]
        } else {
            &[][..]
        };
        cur[0] = i;
        let mut row_min = i;
        for j in 1..w {
            let cost = usize::from(b[i - 1] != a[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && b[i - 1] == a[j - 2] && b[i - 2] == a[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        row_min
    }

    fn terminals(&self, node: u32, depth: usize, bound: usize, best: &mut Option<(usize, u32)>) {
        let (from, to) = self.s.nodes[node as usize].terms;
        if from == to {
            return;
        }
        let w = self.a.len() + 1;
        let d = self.rows[depth * w + w - 1];
        if d > bound {
            return;
        }
        for &i in &self.s.terms[from as usize..to as usize] {
            let len = self.s.chars[i as usize] as usize;
            if self.a.len().abs_diff(len) > self.max || self.s.name(i) == self.name {
                continue;
            }
            if best.is_none_or(|(bd, bi)| d < bd || (d == bd && i < bi)) {
                *best = Some((d, i));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("billing", "billing", 2), Some(0));
        assert_eq!(edit_distance("biling", "billing", 2), Some(1));
        assert_eq!(edit_distance("bilnig", "billing", 2), Some(2));
        assert_eq!(edit_distance("abc", "xyzxyz", 2), None);
    }

    #[test]
    fn suggestions() {
        let c = ["billing", "Front Desk", "DEFAULT", "end_call"];
        assert_eq!(did_you_mean("billing_team", c), Some("billing"));
        assert_eq!(did_you_mean("refund", c), None);
        assert_eq!(did_you_mean("call", c), Some("end_call"));
        assert_eq!(did_you_mean("biling", c), Some("billing"));
        assert_eq!(did_you_mean("default", c), Some("DEFAULT"));
        assert_eq!(did_you_mean("front_desk", c), Some("Front Desk"));
        assert_eq!(did_you_mean("zzz", c), None);
    }
}
