//! Properties that hold for every input: position conversions round-trip, offset maps stay inside
//! their scalar, template scans are well-formed, and analysis output does not depend on thread
//! count, run or file order.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use switchboard::analysis::{self, Options};
use switchboard::model::Project;
use switchboard::project;
use switchboard::report::{self as output, Format, ProjectOutput, RenderOptions};
use switchboard::source::{ColumnUnit, LineIndex};
use switchboard::syntax::template;
use switchboard_fuzz_bodies as fuzzing;

const UNITS: [ColumnUnit; 3] = [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char];

/// Text made of line breaks of every kind and characters of every UTF-8 and UTF-16 width.
fn text_with_lines() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\r\r\n\n".to_string()),
        Just("a".to_string()),
        Just(" ".to_string()),
        Just("é".to_string()),
        Just("\u{200B}".to_string()),
        Just("😀".to_string()),
        Just("\u{FEFF}".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// The column of `offset` counted by hand.
fn column(text: &str, line_start: usize, offset: usize, unit: ColumnUnit) -> u32 {
    let seg = &text[line_start..offset];
    (match unit {
        ColumnUnit::Utf8 => seg.len(),
        ColumnUnit::Utf16 => seg.encode_utf16().count(),
        ColumnUnit::Char => seg.chars().count(),
    }) as u32
}

/// Start offsets of every line, counted by hand (`\n`, `\r\n` and a lone `\r` end a line).
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
    }
    starts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn positions_round_trip_in_every_unit(text in text_with_lines()) {
        let idx = LineIndex::new(&text);
        let starts = line_starts(&text);
        prop_assert_eq!(idx.line_count() as usize, starts.len());
        for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
            let line = starts.partition_point(|s| *s <= offset) - 1;
            // Between the `\r` and the `\n` of a CRLF is inside a line break, not a column.
            let mid_crlf = offset > 0
                && text.as_bytes()[offset - 1] == b'\r'
                && text.as_bytes().get(offset) == Some(&b'\n');
            for unit in UNITS {
                let (l, c) = idx.line_col_in(&text, offset as u32, unit);
                prop_assert_eq!(l as usize, line, "line of {} in {:?}", offset, text);
                prop_assert_eq!(c, column(&text, starts[line], offset, unit));
                if !mid_crlf {
                    prop_assert_eq!(
                        idx.offset_of(&text, l, c, unit) as usize,
                        offset,
                        "{:?} {}:{} in {:?}", unit, l, c, text
                    );
                }
            }
        }
    }

    #[test]
    fn any_line_and_column_maps_to_a_boundary_inside_the_line(
        text in text_with_lines(),
        line in 0u32..70,
        col in 0u32..200,
    ) {
        let idx = LineIndex::new(&text);
        for unit in UNITS {
            let o = idx.offset_of(&text, line, col, unit) as usize;
            prop_assert!(o <= text.len());
            prop_assert!(text.is_char_boundary(o));
            if (line as usize) < idx.line_count() as usize {
                let r = idx.line_range(&text, line);
                prop_assert!(r.start <= o && o <= r.end, "{:?} {}:{} -> {}", unit, line, col, o);
                // The column read back never exceeds the one asked for.
                let (l, c) = idx.line_col_in(&text, o as u32, unit);
                prop_assert_eq!(l, line);
                prop_assert!(c <= col);
            }
        }
    }

    #[test]
    fn offsets_inside_characters_clamp_to_their_start(text in text_with_lines(), at in 0usize..400) {
        let idx = LineIndex::new(&text);
        let mut start = at.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        for unit in UNITS {
            prop_assert_eq!(
                idx.line_col_in(&text, at as u32, unit),
                idx.line_col_in(&text, start as u32, unit)
            );
        }
    }
}

/// A YAML scalar in one of the five styles, with escapes, folds, and wide characters.
fn yaml_scalar() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("a"),
        Just("é"),
        Just("😀"),
        Just("{{ho:x}}"),
        Just("$v"),
        Just("\u{200B}"),
        Just("-"),
        Just("#"),
        Just("b c"),
    ];
    let dq = prop::collection::vec(
        prop_oneof![
            word.clone().prop_map(String::from),
            Just("\\\"".to_string()),
            Just("\\n".to_string()),
            Just("\\t".to_string()),
            Just("\\\\".to_string()),
            Just("\\u00e9".to_string()),
            Just("\\x41".to_string()),
            Just("\\U0001F600".to_string()),
            Just("\\\n   ".to_string()),
            Just("\n   ".to_string()),
            Just("\n\n   ".to_string()),
            Just(" ".to_string()),
            Just("\\ ".to_string()),
            Just("\\0".to_string()),
            Just("\\_".to_string()),
            Just("\\q".to_string()),
        ],
        0..12,
    )
    .prop_map(|v| format!("\"{}\"", v.concat()));
    let sq = prop::collection::vec(
        prop_oneof![
            word.clone().prop_map(String::from),
            Just("''".to_string()),
            Just("\n   ".to_string()),
            Just(" ".to_string()),
            Just("\n\n   ".to_string()),
        ],
        0..12,
    )
    .prop_map(|v| format!("'{}'", v.concat()));
    let plain = prop::collection::vec(
        prop_oneof![
            word.clone().prop_map(String::from),
            Just(" ".to_string()),
            Just("\n   ".to_string())
        ],
        1..10,
    )
    .prop_map(|v| format!("x{}", v.concat()));
    let header = prop_oneof![
        Just("|"),
        Just(">"),
        Just("|-"),
        Just(">+"),
        Just("|2"),
        Just(">-")
    ];
    let block = (
        header,
        prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    word.prop_map(String::from),
                    Just(" ".to_string()),
                    Just("\t".to_string())
                ],
                0..6,
            )
            .prop_map(|v| v.concat()),
            0..6,
        ),
        prop_oneof![Just("  "), Just("   ")],
    )
        .prop_map(|(h, lines, indent)| {
            let body: Vec<String> = lines
                .iter()
                .map(|l| {
                    if l.is_empty() {
                        String::new()
                    } else {
                        format!("{indent}{l}")
                    }
                })
                .collect();
            format!("{h}\n{}", body.join("\n"))
        });
    prop_oneof![dq, sq, plain, block]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn yaml_offset_maps_stay_inside_their_scalar(
        scalars in prop::collection::vec(yaml_scalar(), 1..4),
        eol in prop_oneof![Just("\n"), Just("\r\n")],
    ) {
        let mut text = String::new();
        for (i, s) in scalars.iter().enumerate() {
            text.push_str(&format!("k{i}: {s}\n"));
        }
        let text = text.replace('\n', eol);
        // `check_yaml` asserts every scalar's map on every character of its value.
        fuzzing::check_yaml(&text);
        let doc = switchboard::syntax::yaml::parse(&text);
        if eol == "\n" {
            prop_assert!(doc.root.is_some() || !doc.errors.is_empty(), "{:?}", text);
        }
    }

    #[test]
    fn yaml_offset_maps_stay_inside_their_scalar_on_any_text(text in "[ -~\n\"'\\\\é😀|>:#-]{0,120}") {
        fuzzing::check_yaml(&text);
    }
}

/// Text dense in template delimiters.
fn template_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{{"),
        Just("}}"),
        Just("}"),
        Just("{"),
        Just("ho"),
        Just("fn"),
        Just("vrbl"),
        Just("attr"),
        Just("tn"),
        Just(":"),
        Just(" "),
        Just("<<"),
        Just(">>"),
        Just(">"),
        Just("$"),
        Just("${"),
        Just("variant_"),
        Just("."),
        Just("("),
        Just("'a'"),
        Just(")"),
        Just("name"),
        Just("é"),
        Just("😀"),
        Just("\u{200B}"),
        Just("\n"),
        Just("\r\n"),
        Just("_"),
        Just("x1"),
        Just("\t"),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn template_scan_spans_are_ordered_boundaries_holding_the_name(text in template_text()) {
        // Panics on a span off a character boundary or outside the text, on references or
        // problems out of order, and on a reference whose name span does not hold exactly its
        // name.
        fuzzing::check_scan(&text);
        let scan = template::scan(&text);
        for r in &scan.refs {
            prop_assert!(!r.name.is_empty());
        }
    }

    #[test]
    fn template_scan_on_any_text(text in any::<String>()) {
        fuzzing::check_scan(&text);
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn roots() -> Vec<PathBuf> {
    vec![
        manifest().join("examples/harbor-dental"),
        manifest().join("tests/fixtures/projects/clean_real"),
        manifest().join("tests/fixtures/projects/no_handoffs"),
    ]
}

/// Everything `check` reports for a project, in every machine format.
fn report(p: &Project) -> String {
    let diags = analysis::analyze(p, &Options::default());
    let out = [ProjectOutput {
        root: &p.root,
        files: &p.files,
        diagnostics: &diags,
    }];
    let mut s = String::new();
    for f in [Format::Json, Format::Sarif, Format::Short] {
        s.push_str(&output::render(f, &out, &RenderOptions::default()));
    }
    s
}

fn load_with_threads(root: &Path, threads: usize) -> Project {
    let found = project::discover(root);
    project::build(root.to_path_buf(), project::parse_all_with(&found, threads))
}

#[test]
fn output_is_the_same_on_every_run_and_thread_count() {
    for root in roots() {
        let one = report(&load_with_threads(&root, 1));
        assert!(one.contains("\"version\""), "{one}");
        for threads in [2, 3, 8, 64] {
            assert_eq!(
                one,
                report(&load_with_threads(&root, threads)),
                "{threads} threads"
            );
        }
        for _ in 0..3 {
            assert_eq!(one, report(&project::load(&root)));
        }
    }
    // The example has findings, so equal reports compare something.
    let example = report(&project::load(&roots()[0]));
    assert!(example.contains("SB"), "{example}");
}

fn files_of(root: &Path) -> Vec<(String, String)> {
    project::discover(root)
        .into_iter()
        .filter(|d| !d.is_dir)
        .map(|d| (d.rel, std::fs::read_to_string(&d.path).unwrap()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn output_does_not_depend_on_file_order(
        which in 0usize..3,
        order in Just(()).prop_perturb(|_, mut rng| rng.next_u64()),
        mutation_seed in any::<u64>(),
    ) {
        let root = &roots()[which];
        let mut files = files_of(root);
        // Change one file a little, so the comparison covers broken projects too.
        let mut rng = fuzzing::Rng::new(mutation_seed);
        let i = rng.below(files.len());
        let changed = fuzzing::mutate(files[i].1.as_bytes(), &mut rng, 1 << 20);
        files[i].1 = String::from_utf8_lossy(&changed).into_owned();
        let expected = report(&project::load_files(root, &files));
        let mut shuffled = files.clone();
        let mut r = fuzzing::Rng::new(order);
        for k in (1..shuffled.len()).rev() {
            shuffled.swap(k, r.below(k + 1));
        }
        prop_assert_eq!(expected, report(&project::load_files(root, &shuffled)));
    }
}
