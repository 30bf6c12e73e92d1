//! The prepared suggester answers exactly what `did_you_mean` answers, on any name and any
//! candidate set: case and separator equality, distances (ties to the smallest candidate),
//! whole-word extensions, non-ASCII letters whose lower case changes their length.

use proptest::prelude::*;
use switchboard::text::{Suggester, did_you_mean};

/// A name from a small alphabet, so random names are often close to each other: ASCII letters
/// of both cases, the three separators, and letters whose lower case is another length or
/// several characters (`İ` lowers to two characters, `K` (Kelvin) to ASCII `k`).
fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec!["a", "b", "c", "A", "B", "k"]),
        2 => prop::sample::select(vec!["_", "-", " "]),
        1 => prop::sample::select(vec!["é", "É", "İ", "ß", "\u{212A}", "😀", "Σ", "ς"]),
        1 => prop::sample::select(vec!["bill", "ing", "Desk", "front"]),
    ];
    prop::collection::vec(piece, 0..9).prop_map(|v| v.concat())
}

/// A name edited a little: the candidates a typo is made from.
fn near(base: String) -> impl Strategy<Value = String> {
    (0usize..4, 0usize..16, name()).prop_map(move |(op, at, extra)| {
        let chars: Vec<char> = base.chars().collect();
        let at = if chars.is_empty() {
            0
        } else {
            at % chars.len()
        };
        let mut c = chars.clone();
        match op {
            0 if !c.is_empty() => {
                c.remove(at);
            }
            1 if c.len() > 1 && at + 1 < c.len() => c.swap(at, at + 1),
            2 => return format!("{base}_{extra}"),
            _ => return format!("{extra}-{base}"),
        }
        c.into_iter().collect()
    })
}

fn case() -> impl Strategy<Value = (String, Vec<String>)> {
    name().prop_flat_map(|n| {
        let cands = prop::collection::vec(prop_oneof![name(), near(n.clone())], 0..14);
        (Just(n), cands)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn suggester_agrees_with_did_you_mean((n, cands) in case()) {
        let expected = did_you_mean(&n, cands.iter().map(String::as_str));
        let s = Suggester::new(cands.iter().map(String::as_str));
        prop_assert_eq!(s.suggest(&n), expected);
        // The same set asked again, and every candidate asked as a name (a built suggester is
        // reused for many queries).
        for q in cands.iter().chain([&n]) {
            let expected = did_you_mean(q, cands.iter().map(String::as_str));
            prop_assert_eq!(s.suggest(q), expected, "query {:?}", q);
        }
    }

    #[test]
    fn suggester_agrees_on_arbitrary_text(n in ".{0,12}", cands in prop::collection::vec(".{0,12}", 0..8)) {
        let expected = did_you_mean(&n, cands.iter().map(String::as_str));
        let s = Suggester::new(cands.iter().map(String::as_str));
        prop_assert_eq!(s.suggest(&n), expected);
    }
}

#[test]
fn each_case_of_did_you_mean() {
    let c = [
        "billing",
        "Front Desk",
        "DEFAULT",
        "end_call",
        "billing_team",
        "bye",
    ];
    let s = Suggester::new(c);
    let cases = [
        ("billing_team", Some("billing")),
        ("refund", None),
        ("call", Some("end_call")),
        ("biling", Some("billing")),
        ("default", Some("DEFAULT")),
        ("front_desk", Some("Front Desk")),
        ("FRONT-desk", Some("Front Desk")),
        ("zzz", None),
        ("billing_team_x", Some("billing_team")),
        ("team", Some("billing_team")),
        ("", None),
        ("by", Some("bye")),
    ];
    for (name, want) in cases {
        assert_eq!(did_you_mean(name, c), want, "{name}");
        assert_eq!(s.suggest(name), want, "{name}");
    }
    assert!(Suggester::new([]).is_empty());
    assert_eq!(Suggester::new([]).suggest("billing"), None);
}

#[test]
fn ties_go_to_the_smallest_candidate_whatever_the_order() {
    // `bat` and `cat` are both one edit from `aat`; `bat` is smaller.
    for c in [["cat", "bat"], ["bat", "cat"]] {
        assert_eq!(did_you_mean("aat", c), Some("bat"));
        assert_eq!(Suggester::new(c).suggest("aat"), Some("bat"));
    }
    // Duplicates change nothing.
    assert_eq!(
        Suggester::new(["cat", "cat", "bat", "bat"]).suggest("aat"),
        Some("bat")
    );
}

#[test]
fn lower_case_that_changes_length() {
    // `İ` lowers to `i` + a combining dot: the length filter counts the candidate as written.
    let c = ["İab", "iab", "\u{212A}ab"];
    for name in ["iab", "İab", "kab", "Kab", "ab", "i̇ab"] {
        assert_eq!(
            Suggester::new(c).suggest(name),
            did_you_mean(name, c),
            "{name}"
        );
    }
}

#[test]
fn many_candidates_many_queries() {
    // A large set: names built from numbered words, queried with edits of them.
    let cands: Vec<String> = (0..3000)
        .map(|i| format!("handoff_{}_{}", i % 97, i))
        .collect();
    let s = Suggester::new(cands.iter().map(String::as_str));
    for i in (0..3000).step_by(37) {
        for q in [
            format!("handof_{}_{}", i % 97, i),
            format!("HANDOFF-{}-{}", i % 97, i),
            format!("handoff_{}", i % 97),
            format!("x_handoff_{}_{}", i % 97, i),
            format!("{i}"),
        ] {
            assert_eq!(
                s.suggest(&q),
                did_you_mean(&q, cands.iter().map(String::as_str)),
                "{q}"
            );
        }
    }
}
