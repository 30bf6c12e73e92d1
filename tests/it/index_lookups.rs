//! The index's position and reference queries (answered from per-file sorted spans and
//! per-definition use lists) equal a plain scan of every definition and use, at every offset of
//! every file of the example project and of every fixture project.

use crate::common::*;
use switchboard::analysis::index::Index;
use switchboard::analysis::{Options, analyze_full};
use switchboard::model::Project;
use switchboard::source::FileId;

fn def_at_scan(ix: &Index, file: FileId, offset: u32) -> Option<usize> {
    ix.defs
        .iter()
        .position(|d| d.file == file && (d.span.contains(offset) || d.span.end == offset))
}

fn use_at_scan(ix: &Index, file: FileId, offset: u32) -> Option<usize> {
    ix.uses
        .iter()
        .position(|u| u.file == file && (u.span.contains(offset) || u.span.end == offset))
}

/// Returns how many offsets found a use, so the caller can check the test saw some.
fn check(p: &Project, ix: &Index) -> usize {
    let mut hits = 0;
    for f in &p.files {
        for offset in 0..=f.text.len() as u32 + 1 {
            let u = ix.use_at(f.id, offset);
            assert_eq!(u, use_at_scan(ix, f.id, offset), "{} @{offset}", f.rel);
            assert_eq!(
                ix.def_at(f.id, offset),
                def_at_scan(ix, f.id, offset),
                "{} @{offset}",
                f.rel
            );
            hits += usize::from(u.is_some());
        }
    }
    for d in 0..ix.defs.len() + 1 {
        let fast: Vec<*const _> = ix.uses_of(d).map(|u| u as *const _).collect();
        let scan: Vec<*const _> = ix
            .uses
            .iter()
            .filter(|u| u.def == Some(d))
            .map(|u| u as *const _)
            .collect();
        assert_eq!(fast, scan, "uses of def {d}");
    }
    hits
}

#[test]
fn lookups_equal_a_scan_on_the_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental");
    let p = load(&files_of(&root));
    let a = analyze_full(&p, &Options::default());
    assert!(a.index.uses.len() > 20 && a.index.defs.len() > 10);
    assert!(check(&p, &a.index) > 100);
}

#[test]
fn lookups_equal_a_scan_on_the_fixtures() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if !path.is_dir() {
            continue;
        }
        let p = load(&files_of(&path));
        let a = analyze_full(&p, &Options::default());
        check(&p, &a.index);
        seen += 1;
    }
    assert!(seen > 0);
}

#[test]
fn adjacent_and_touching_uses_resolve_to_the_first_in_order() {
    // `{{ho:a}}{{ho:b}}`: the offset between them is the end of the first and the start of the
    // second; the first use wins, as a scan in order would have it.
    let files = project(&[(
        "topics/adjacent.yaml",
        "name: Adjacent\ncontent: x\nactions: \"{{ho:a}}{{ho:b}} and {{ho:a}}\"\nexample_queries:\n  - q\n",
    )]);
    let p = load(&files);
    let a = analyze_full(&p, &Options::default());
    let f = p
        .files
        .iter()
        .find(|f| f.rel == "topics/adjacent.yaml")
        .expect("file");
    let at = f.text.find("{{ho:b}}").expect("ref") as u32;
    let u = a.index.use_at(f.id, at).expect("a use at the boundary");
    assert_eq!(a.index.uses[u].name, "a");
    let u = a.index.use_at(f.id, at + 1).expect("inside the second");
    assert_eq!(a.index.uses[u].name, "b");
    check(&p, &a.index);
}
