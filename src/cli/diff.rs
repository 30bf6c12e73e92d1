//! Unified diffs of whole files, as `check --diff` prints the changes its fixes would make: lines
//! compared with Myers' algorithm, hunks with three lines of context, `\ No newline at end of
//! file` where a side ends without one.

use std::fmt::Write as _;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Past this many differing lines the middle of the files (what is left once the common first and
/// last lines are set aside) is shown as one block removed and one added: Myers' search costs the
/// square of the differences in memory.
const MAX_EDIT_DISTANCE: usize = 2048;

/// One line of the edit script, by index into the old and new lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// The unified diff between `old` and `new` under the header `--- {name}` / `+++ {name}`; empty
/// when they are the same. Lines keep their own terminators (a CRLF file shows CRLF lines).
pub fn unified(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = edit_script(&a, &b);
    let mut out = format!("--- {name}\n+++ {name}\n");
    for hunk in hunks(&ops) {
        // Lines of each side before the hunk: its first line's index, or, for a side with no
        // line in it, the line it comes after (`-0,0` at the very start).
        let old_start = ops[..hunk.start].iter().filter(|op| on_old(op)).count();
        let new_start = ops[..hunk.start].iter().filter(|op| on_new(op)).count();
        let ops = &ops[hunk];
        let old_len = ops.iter().filter(|op| on_old(op)).count();
        let new_len = ops.iter().filter(|op| on_new(op)).count();
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            header_range(old_start, old_len),
            header_range(new_start, new_len)
        );
        for op in ops {
            let (mark, line) = match *op {
                Op::Same(i, _) => (' ', a[i]),
                Op::Removed(i) => ('-', a[i]),
                Op::Added(j) => ('+', b[j]),
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// `start,len` of a hunk side (1-based start; `,len` left out when it is 1, as diff does).
fn header_range(start: usize, len: usize) -> String {
    match len {
        1 => format!("{}", start + 1),
        0 => format!("{start},0"),
        _ => format!("{},{len}", start + 1),
    }
}

fn on_old(op: &Op) -> bool {
    !matches!(op, Op::Added(_))
}

fn on_new(op: &Op) -> bool {
    !matches!(op, Op::Removed(_))
}

/// The ranges of `ops` that make up the hunks: each change with up to [`CONTEXT`] unchanged lines
/// around it, changes closer than twice that joined in one hunk.
fn hunks(ops: &[Op]) -> Vec<std::ops::Range<usize>> {
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for &i in &changed {
        let start = i.saturating_sub(CONTEXT);
        let end = (i + 1 + CONTEXT).min(ops.len());
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

/// The shortest edit script from `a` to `b`: the common first and last lines set aside, Myers'
/// greedy search on the rest.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    let middle = myers(ma, mb).unwrap_or_else(|| {
        (0..ma.len())
            .map(Op::Removed)
            .chain((0..mb.len()).map(Op::Added))
            .collect()
    });
    ops.extend(middle.into_iter().map(|op| match op {
        Op::Same(i, j) => Op::Same(i + prefix, j + prefix),
        Op::Removed(i) => Op::Removed(i + prefix),
        Op::Added(j) => Op::Added(j + prefix),
    }));
    let (sa, sb) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|k| Op::Same(sa + k, sb + k)));
    ops
}

/// Myers' O(ND) diff; `None` past [`MAX_EDIT_DISTANCE`].
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 {
        return Some(Vec::new());
    }
    let limit = max.min(MAX_EDIT_DISTANCE);
    // `trace[d]` holds the furthest x on each diagonal k in -d..=d after d differences.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut v: Vec<isize> = vec![0; 3];
    let at = |v: &Vec<isize>, d: usize, k: isize| v[(k + d as isize) as usize];
    for d in 0..=limit {
        let mut next = vec![0isize; 2 * d + 3];
        let prev_d = d.saturating_sub(1);
        for k in (-(d as isize)..=d as isize).step_by(2) {
            let mut x = if d == 0 {
                0
            } else if k == -(d as isize)
                || (k != d as isize && at(&v, prev_d, k - 1) < at(&v, prev_d, k + 1))
            {
                at(&v, prev_d, k + 1)
            } else {
                at(&v, prev_d, k - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            next[(k + d as isize) as usize] = x;
            if x >= n && y >= m {
                trace.push(next);
                return Some(backtrack(&trace, n, m));
            }
        }
        trace.push(next.clone());
        v = next;
    }
    None
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let at = |d: usize, k: isize| trace[d][(k + d as isize) as usize];
    let (mut x, mut y) = (n, m);
    let mut ops = Vec::new();
    for d in (1..trace.len()).rev() {
        let k = x - y;
        let di = d as isize;
        let prev_k = if k == -di || (k != di && at(d - 1, k - 1) < at(d - 1, k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(d - 1, prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize, y as usize));
        }
        if x == prev_x {
            y -= 1;
            ops.push(Op::Added(y as usize));
        } else {
            x -= 1;
            ops.push(Op::Removed(x as usize));
        }
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push(Op::Same(x as usize, y as usize));
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified("x.yaml", old, new),
            "--- x.yaml\n+++ x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified("x.yaml", old, old), "");
    }

    #[test]
    fn far_apart_changes_make_two_hunks_and_near_ones_one() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let swap = |a: &str, b: &str| -> String {
            old.lines()
                .map(|l| format!("{}\n", if l == a { b } else { l }))
                .collect()
        };
        let new = swap("2", "two").replace("\n19\n", "\nnineteen\n");
        let d = unified("f", &old, &new);
        assert_eq!(d.matches("@@ -").count(), 2, "{d}");
        assert!(
            d.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"),
            "{d}"
        );
        assert!(
            d.contains("@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n"),
            "{d}"
        );
        let new = swap("5", "five").replace("\n10\n", "\nten\n");
        let d = unified("f", &old, &new);
        assert_eq!(d.matches("@@ -").count(), 1, "{d}");
    }

    #[test]
    fn missing_final_newline_and_crlf_are_shown() {
        let d = unified("f", "a\r\nb", "a\r\nc");
        assert_eq!(
            d,
            "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n"
        );
        assert_eq!(unified("f", "", "x\n"), "--- f\n+++ f\n@@ -0,0 +1 @@\n+x\n");
        assert_eq!(
            unified("f", "x\ny\n", "x\n"),
            "--- f\n+++ f\n@@ -1,2 +1 @@\n x\n-y\n"
        );
    }

    #[test]
    fn the_script_rebuilds_both_sides() {
        let cases = [
            ("a\nb\nc\n", "b\nc\nd\n"),
            ("a\nb\nc\na\nb\nb\na\n", "c\nb\na\nb\na\nc\n"),
            ("", "a\n"),
            ("x\n", ""),
            ("1\n2\n3\n", "4\n5\n6\n7\n"),
        ];
        for (old, new) in cases {
            let a: Vec<&str> = old.split_inclusive('\n').collect();
            let b: Vec<&str> = new.split_inclusive('\n').collect();
            let ops = edit_script(&a, &b);
            let olds: String = ops
                .iter()
                .filter_map(|op| match *op {
                    Op::Same(i, _) | Op::Removed(i) => Some(a[i]),
                    Op::Added(_) => None,
                })
                .collect();
            let news: String = ops
                .iter()
                .filter_map(|op| match *op {
                    Op::Same(_, j) | Op::Added(j) => Some(b[j]),
                    Op::Removed(_) => None,
                })
                .collect();
            assert_eq!((olds.as_str(), news.as_str()), (old, new));
        }
        // "abcabba" → "cbabac" takes five differences (Myers' own example).
        let a: Vec<&str> = "a b c a b b a".split(' ').collect();
        let b: Vec<&str> = "c b a b a c".split(' ').collect();
        let ops = myers(&a, &b).unwrap();
        assert_eq!(ops.iter().filter(|o| !matches!(o, Op::Same(..))).count(), 5);
    }
}
