//! The `--statistics` report: how many findings each rule has, most first, as ruff prints it
//! (`count<TAB>code<TAB>[*] name`, `[*]` marking a rule with a fix to apply) or as JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::ProjectOutput;
use super::shared::{iter_diagnostics, to_json};
use crate::diagnostics::{Code, Diagnostic};

/// How [`statistics`] are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatisticsFormat {
    /// One line per rule; `color` makes the counts bold and the codes red.
    Text { color: bool },
    /// A JSON array of `{"code", "name", "count", "fixable"}`.
    Json,
}

#[derive(Serialize)]
struct Statistic {
    code: &'static str,
    name: &'static str,
    count: usize,
    fixable: bool,
}

/// Findings counted per rule over every project, most frequent first (then by code).
/// `fixable` tells whether a finding has a fix that `--fix` would apply.
pub fn statistics(
    projects: &[ProjectOutput],
    fixable: &dyn Fn(&Diagnostic) -> bool,
    format: StatisticsFormat,
) -> String {
    let mut per_rule: Vec<(Code, usize, bool)> = Vec::new();
    for (_, _, d) in iter_diagnostics(projects) {
        match per_rule.iter_mut().find(|(c, _, _)| *c == d.code) {
            Some((_, n, f)) => {
                *n += 1;
                *f |= fixable(d);
            }
            None => per_rule.push((d.code, 1, fixable(d))),
        }
    }
    per_rule.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let stats: Vec<Statistic> = per_rule
        .into_iter()
        .map(|(code, count, fixable)| Statistic {
            code: code.as_str(),
            name: code.name(),
            count,
            fixable,
        })
        .collect();
    match format {
        StatisticsFormat::Json => to_json(&stats),
        StatisticsFormat::Text { color } => {
            let count_width = stats
                .iter()
                .map(|s| s.count.to_string().len())
                .max()
                .unwrap_or(0);
            let code_width = stats.iter().map(|s| s.code.len()).max().unwrap_or(0);
            let any_fixable = stats.iter().any(|s| s.fixable);
            let (bold, red, reset) = if color {
                ("\x1b[1m", "\x1b[1;31m", "\x1b[0m")
            } else {
                ("", "", "")
            };
            let mut out = String::new();
            for s in &stats {
                let mark = match (any_fixable, s.fixable) {
                    (false, _) => "",
                    (true, true) => "[*] ",
                    (true, false) => "[ ] ",
                };
                let _ = writeln!(
                    out,
                    "{bold}{:>count_width$}{reset}\t{red}{:<code_width$}{reset}\t{mark}{}",
                    s.count, s.code, s.name
                );
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixtures::*;

    #[test]
    fn counts_per_rule_most_first() {
        let text = with_project(|p| {
            statistics(
                p,
                &|d| d.fixes.iter().any(|f| f.safe),
                StatisticsFormat::Text { color: false },
            )
        });
        assert_eq!(
            text,
            "1\tSB111\t[ ] non-custom-sip-header\n\
             1\tSB116\t[ ] unused-handoff\n\
             1\tSB120\t[ ] integration-route-ignored\n\
             1\tSB201\t[*] unknown-handoff\n"
        );
        let json = with_project(|p| statistics(p, &|_| false, StatisticsFormat::Json));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v[0],
            serde_json::json!({"code": "SB111", "name": "non-custom-sip-header", "count": 1, "fixable": false})
        );
        assert_eq!(statistics(&[], &|_| false, StatisticsFormat::Json), "[]\n");
        assert_eq!(
            statistics(&[], &|_| false, StatisticsFormat::Text { color: false }),
            ""
        );
    }
}
