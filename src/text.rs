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
/// equal ignoring case (or `_`/`-`/space differences) wins outright.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let n = norm(name);
    let max = (name.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let nc = norm(c);
        let d = if nc == n {
            0
        } else if let Some(d) = edit_distance(&name.to_lowercase(), &c.to_lowercase(), max) {
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

/// `long` starts or ends with `short` at a word boundary (`_`, `-`, space), `short` at least 4 chars.
fn word_prefix(short: &str, long: &str) -> bool {
    let (s, l) = (short.to_lowercase(), long.to_lowercase());
    if s.chars().count() < 4 || s.len() >= l.len() {
        return false;
    }
    let sep = |c: Option<char>| matches!(c, Some('_' | '-' | ' '));
    (l.starts_with(&s) && sep(l[s.len()..].chars().next()))
        || (l.ends_with(&s) && sep(l[..l.len() - s.len()].chars().next_back()))
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
