//! The synthetic project generator used by the benchmarks: deterministic, and its 1× project
//! yields exactly the planted mistakes.

use crate::synth;

use std::collections::BTreeSet;
use std::path::Path;
use switchboard::analysis::{self, Options};
use switchboard::project::load_files;
use synth::{Scale, generate};

#[test]
fn same_seed_same_tree_other_seed_other_text() {
    let a = generate(Scale::Times(1), 7);
    let b = generate(Scale::Times(1), 7);
    assert_eq!(a, b);
    let c = generate(Scale::Times(1), 8);
    let paths = |v: &[(String, String)]| v.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_ne!(a, c, "the seed must change the text");
    assert_eq!(paths(&a).len(), paths(&c).len());
}

#[test]
fn one_x_is_about_a_real_project() {
    let files = generate(Scale::Times(1), 1);
    assert!((190..=230).contains(&files.len()), "{} files", files.len());
    let bytes = synth::source_bytes(&files);
    assert!((250_000..=350_000).contains(&bytes), "{bytes} bytes");
    let topics = files
        .iter()
        .filter(|(p, _)| p.starts_with("topics/"))
        .count();
    assert_eq!(topics, 90);
    let ten_k = generate(Scale::Topics(10_000), 1);
    let topics = ten_k
        .iter()
        .filter(|(p, _)| p.starts_with("topics/"))
        .count();
    assert_eq!(topics, 10_000);
}

#[test]
fn scales_parse() {
    assert_eq!(Scale::parse("1"), Some(Scale::Times(1)));
    assert_eq!(Scale::parse("100"), Some(Scale::Times(100)));
    assert_eq!(Scale::parse("10x"), Some(Scale::Times(10)));
    assert_eq!(Scale::parse("topics10k"), Some(Scale::Topics(10_000)));
    assert_eq!(Scale::parse("topics250"), Some(Scale::Topics(250)));
    assert_eq!(Scale::parse("0"), None);
    assert_eq!(Scale::parse("topics"), None);
    assert_eq!(Scale::parse("big"), None);
}

fn codes(scale: Scale) -> Vec<(&'static str, usize)> {
    let files = generate(scale, 3);
    let project = load_files(Path::new("/synthetic"), &files);
    let diags = analysis::analyze(&project, &Options::default());
    let mut counts = std::collections::BTreeMap::new();
    for d in &diags {
        *counts.entry(d.code.as_str()).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

#[test]
fn one_x_reports_exactly_the_planted_mistakes_once_each() {
    let found = codes(Scale::Times(1));
    let expected: Vec<(&str, usize)> = synth::PLANTED
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|c| (c, 1))
        .collect();
    assert_eq!(found, expected);
    // Every rule family is exercised.
    for family in ["SB0", "SB1", "SB2", "SB3", "SB4"] {
        assert!(
            synth::PLANTED.iter().any(|c| c.starts_with(family)),
            "{family}"
        );
    }
}

#[test]
fn larger_scales_report_only_planted_codes() {
    for (code, n) in codes(Scale::Times(3)) {
        assert!(synth::PLANTED.contains(&code), "{code} x{n} not planted");
    }
    for (code, n) in codes(Scale::Topics(300)) {
        assert!(synth::PLANTED.contains(&code), "{code} x{n} not planted");
    }
}
