//! Rename properties on the example project: for random renamable symbols and valid new names,
//! renaming A→B and then B→A restores every file byte for byte (file renames included), and an
//! accepted rename never increases the number of errors.

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use switchboard::analysis::{self, Analysis, Options};
use switchboard::diagnostics::{Edit, Severity};
use switchboard::ide::{self, RenamePlan};
use switchboard::model::Project;
use switchboard::project;
use switchboard::source::FileId;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental")
}

/// The example's files, by relative path.
fn example() -> &'static BTreeMap<String, String> {
    static FILES: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let p = project::load(&root());
        p.files
            .iter()
            .map(|f| (f.rel.clone(), f.text.to_string()))
            .collect()
    })
}

fn analyse(files: &BTreeMap<String, String>) -> (Project, Analysis) {
    let list: Vec<(String, String)> = files.iter().map(|(r, t)| (r.clone(), t.clone())).collect();
    let p = project::load_files(&root(), &list);
    let a = analysis::analyze_full(&p, &Options::default());
    (p, a)
}

fn errors(a: &Analysis) -> usize {
    a.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Every place a rename can start from: (file, offset of the name, current name), one per
/// distinct symbol and position.
fn candidates() -> &'static Vec<(String, u32, String)> {
    static C: OnceLock<Vec<(String, u32, String)>> = OnceLock::new();
    C.get_or_init(|| {
        let (p, a) = analyse(example());
        let mut out = Vec::new();
        let starts = a
            .index
            .uses
            .iter()
            .map(|u| (u.file, u.name_span.start))
            .chain(a.index.defs.iter().map(|d| (d.file, d.span.start)));
        for (file, off) in starts {
            if let Ok((span, name)) = ide::prepare_rename(&p, &a, file, off) {
                out.push((p.file(file).rel.clone(), span.start, name));
            }
        }
        out.sort();
        out.dedup();
        out
    })
}

/// The files after a plan: edited texts, renamed paths.
fn apply(p: &Project, plan: &RenamePlan) -> BTreeMap<String, String> {
    p.files
        .iter()
        .map(|f| {
            let edits: Vec<&Edit> = plan.edits.iter().filter(|e| e.file == f.id).collect();
            let rel = plan
                .file_renames
                .iter()
                .find(|(id, _)| *id == f.id)
                .map(|(_, r)| r.clone())
                .unwrap_or_else(|| f.rel.clone());
            (rel, ide::apply_edits(&f.text, &edits))
        })
        .collect()
}

/// Where `offset` of `file` lands after the plan's edits to that file.
fn moved(plan: &RenamePlan, file: FileId, offset: u32) -> u32 {
    let mut delta: i64 = 0;
    for e in plan.edits.iter().filter(|e| e.file == file) {
        if e.span.end <= offset && e.span.start < offset {
            delta += e.replacement.len() as i64 - (e.span.end - e.span.start) as i64;
        }
    }
    (offset as i64 + delta) as u32
}

fn new_rel(p: &Project, plan: &RenamePlan, file: FileId) -> String {
    plan.file_renames
        .iter()
        .find(|(id, _)| *id == file)
        .map(|(_, r)| r.clone())
        .unwrap_or_else(|| p.file(file).rel.clone())
}

fn file_id(p: &Project, rel: &str) -> FileId {
    p.files.iter().find(|f| f.rel == rel).unwrap().id
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn rename_there_and_back_restores_every_file(
        pick in any::<prop::sample::Index>(),
        new in "[a-z][a-z0-9_]{0,12}",
    ) {
        let cands = candidates();
        prop_assert!(cands.len() > 10, "only {} rename candidates", cands.len());
        let (rel, off, old) = &cands[pick.index(cands.len())];
        let (p, a) = analyse(example());
        let file = file_id(&p, rel);
        let plan = match ide::rename(&p, &a, file, *off, &new) {
            Ok(plan) => plan,
            // Refused (name taken, invalid for the kind, or more errors): nothing to undo.
            Err(_) => return Ok(()),
        };
        let renamed = apply(&p, &plan);
        let (q, b) = analyse(&renamed);
        prop_assert!(
            errors(&b) <= errors(&a),
            "renaming `{old}` to `{new}` raised the errors from {} to {}",
            errors(&a),
            errors(&b)
        );
        if new == *old {
            prop_assert_eq!(&renamed, example());
            return Ok(());
        }
        // And back, from where the name moved to.
        let back_rel = new_rel(&p, &plan, file);
        let back_file = file_id(&q, &back_rel);
        let back_off = moved(&plan, file, *off);
        let back = ide::rename(&q, &b, back_file, back_off, old)
            .map_err(|e| TestCaseError::fail(format!("renaming `{new}` back to `{old}` refused: {e}")))?;
        let restored = apply(&q, &back);
        for (r, t) in example() {
            let got = restored.get(r);
            prop_assert!(got.is_some(), "{r} missing after renaming `{old}`→`{new}`→`{old}`");
            prop_assert!(got == Some(t), "{r} differs after renaming `{old}`→`{new}`→`{old}`");
        }
        prop_assert_eq!(restored.len(), example().len());
    }
}

#[test]
fn the_example_has_symbols_of_many_kinds_to_rename() {
    let (p, a) = analyse(example());
    let mut kinds: Vec<String> = candidates()
        .iter()
        .filter_map(|(rel, off, _)| {
            let f = file_id(&p, rel);
            let t = ide::target_at(&a, f, *off)?;
            let d = ide::def_of(&a, t)?;
            Some(format!("{:?}", a.index.defs[d].kind))
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    assert!(kinds.len() >= 4, "{kinds:?}");
    // Most of them accept a fresh name, so the property above exercises real renames.
    let accepted = candidates()
        .iter()
        .filter(|(rel, off, _)| ide::rename(&p, &a, file_id(&p, rel), *off, "zq_fresh").is_ok())
        .count();
    eprintln!(
        "{accepted} of {} candidates accept a fresh name",
        candidates().len()
    );
    assert!(
        accepted * 2 >= candidates().len(),
        "{accepted} of {}",
        candidates().len()
    );
}
