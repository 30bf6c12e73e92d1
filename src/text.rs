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
