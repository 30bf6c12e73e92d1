//! Lean loading: a one-shot check drops the texts of built files, then reads back the ones its
//! findings point into.
//!
//! What it buys, measured whole (`BENCHMARKS.md`, seventh round): memory, not time. A 100x check
//! peaks at 66 MB with it and 105 MB without (budget 73.6 MB), topics10k at 41 and 73 MB; the time
//! is the same either way.

use super::assemble::Fragment;
use super::load::load_with;
use super::read::read_text;
use super::schedule::threads;
use crate::diagnostics::Diagnostic;
use crate::model::Project;
use crate::source::FileId;
use std::path::Path;
use std::sync::Arc;

/// The files whose text [`load_lean`] dropped: the hash of each one's text (by `FileId`).
#[derive(Debug, Default)]
pub struct Dropped {
    pub(super) hashes: Vec<Option<u64>>,
}

/// [`load`] for a one-shot check, holding about half the memory on a large project: when the
/// project has at least `from_files` files, once a file's part of the model is built its text
/// and line index are dropped (the rules read neither), unless it has diagnostics or
/// suppression comments of its own. After the analysis, [`restore_texts`] reads back the files
/// the findings point into. (A small project keeps its texts: reading files back would cost
/// more time than the memory is worth.)
///
/// [`load`]: super::load()
pub fn load_lean(root: &Path, from_files: usize) -> (Project, Dropped) {
    load_with(root, Some(from_files), threads())
}

/// Read back the dropped texts of the files that `diagnostics` point into (their primary spans,
/// labels and fixes). False when a file is not what it was when loaded (it changed meanwhile, or
/// cannot be read): its findings would be placed on another text, so the caller loads again.
pub fn restore_texts(p: &mut Project, dropped: &Dropped, diagnostics: &[Diagnostic]) -> bool {
    let mut wanted: Vec<FileId> = diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once(d.file)
                .chain(d.labels.iter().map(|l| l.file))
                .chain(d.fixes.iter().flat_map(|f| f.edits.iter().map(|e| e.file)))
        })
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    for id in wanted {
        let (Some(Some(hash)), Some(file)) = (
            dropped.hashes.get(id.0 as usize),
            p.files.get_mut(id.0 as usize),
        ) else {
            continue;
        };
        match read_text(&file.path) {
            Ok(text) if text_hash(&text) == *hash => {
                file.lines = crate::source::LineIndex::new(&text);
                file.text = Arc::from(text);
            }
            _ => return false,
        }
    }
    true
}

fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.write_usize(text.len());
    h.finish()
}

/// Drop a built fragment's text when nothing but a report could need it; its hash if dropped.
pub(super) fn drop_text(f: &mut Fragment) -> Option<u64> {
    let part = &mut f.part;
    let file = part.files.first_mut()?;
    let keep = !part.diagnostics.is_empty()
        || part.suppressions.iter().any(|s| !s.is_empty())
        || file.text.is_empty();
    if keep {
        return None;
    }
    let hash = text_hash(&file.text);
    file.text = Arc::from("");
    file.lines = crate::source::LineIndex::default();
    Some(hash)
}
