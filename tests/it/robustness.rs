//! No input breaks the pipeline: every truncation and many mutations of real-shaped files load
//! and analyse without a panic, and a broken file never hides the findings of the others.

use crate::common::*;
use std::path::Path;

fn cuts(text: &str, n: usize) -> Vec<usize> {
    let step = (text.len() / n).max(1);
    (0..=text.len())
        .step_by(step)
        .filter(|i| text.is_char_boundary(*i))
        .collect()
}

#[test]
fn every_truncation_of_every_file_is_survived() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental");
    let files = files_of(&root);
    let baseline = diagnose(&files).len();
    assert!(baseline > 0);
    for (i, (rel, text)) in files.iter().enumerate() {
        for cut in cuts(text, 25) {
            let mut changed = files.clone();
            changed[i].1 = text[..cut].to_string();
            let found = diagnose(&changed);
            // Findings in the other files survive the broken one.
            let others = found.iter().filter(|f| f.file != *rel).count();
            assert!(others > 0 || files.len() == 1, "{rel} cut at {cut}");
        }
    }
}

#[test]
fn mutations_with_template_and_yaml_punctuation_are_survived() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects/clean_real");
    let files = files_of(&root);
    let inserts = [
        "{{", "}}", "{{ho:", "<<ho:", "$", "${", "\"", "'", ":", "\n  ", "\t", "- ", "&a ", "*a",
        "\u{200B}", "#", "(", "\\", "\r", "\u{0}",
    ];
    let mut seed = 0x2545_f491_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..400 {
        let i = (next() % files.len() as u64) as usize;
        let text = &files[i].1;
        let mut at = (next() % (text.len() as u64 + 1)) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let ins = inserts[(next() % inserts.len() as u64) as usize];
        let mut changed = files.clone();
        changed[i].1 = format!("{}{}{}", &text[..at], ins, &text[at..]);
        let _ = diagnose(&changed);
    }
}
