//! Applying fixes (`check --fix`, `--diff`): in rounds in memory, each round applying every fix
//! that overlaps no other and checking again, then writing each changed file back atomically.

use super::load::{Checked, RunConfig, load_with_texts};
use crate::analysis::{self, Options};
use crate::diagnostics::{Diagnostic, Edit, Fix};
use crate::model::Project;
use crate::source::{FileId, Span};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Rounds of fixing at most: a fix that keeps producing new fixes stops here.
pub const MAX_ROUNDS: usize = 10;

/// The fix of `d` that `--fix` applies: its first fix that is safe, or unsafe too under
/// `--unsafe-fixes`.
pub fn chosen_fix(d: &Diagnostic, unsafe_fixes: bool) -> Option<&Fix> {
    d.fixes.iter().find(|f| f.safe || unsafe_fixes)
}

/// Whether `d` has a fix, but only one that `--unsafe-fixes` would apply.
pub fn hidden_fix(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    !d.fixes.is_empty() && chosen_fix(d, unsafe_fixes).is_none()
}

/// One file the fixes changed.
#[derive(Clone, Debug)]
pub struct FileChange {
    /// Where the project read it.
    pub path: PathBuf,
    pub before: String,
    pub after: String,
}

/// A project fixed in memory.
pub struct Fixed {
    /// The last check: the project with the fixed texts, and the findings that remain.
    pub checked: Checked,
    /// Findings whose fix was applied, over all rounds.
    pub fixed: usize,
    /// The files that differ from what was on disk, by relative path.
    pub changes: Vec<FileChange>,
}

/// Check `root`, apply the fixes of its findings that overlap no other, check again, and so on
/// until no fix applies (at most [`MAX_ROUNDS`] rounds). Nothing is written.
pub fn fix_root(root: &Path, options: &Options, run: &RunConfig, unsafe_fixes: bool) -> Fixed {
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut before: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    let mut fixed = 0;
    let mut round = 0;
    let checked = loop {
        let project = load_with_texts(root, run, &texts);
        let diagnostics = analysis::analyze(&project, options);
        let (n, edited) = if round < MAX_ROUNDS {
            plan_round(&project, &diagnostics, unsafe_fixes)
        } else {
            (0, Vec::new())
        };
        if edited.is_empty() {
            break Checked {
                project,
                diagnostics,
            };
        }
        for (id, text) in edited {
            let f = &project.files[id.0 as usize];
            before
                .entry(f.rel.clone())
                .or_insert_with(|| (f.path.clone(), f.text.to_string()));
            texts.insert(f.rel.clone(), text);
        }
        fixed += n;
        round += 1;
    };
    let changes = before
        .into_iter()
        .filter_map(|(rel, (path, before))| {
            let after = texts.remove(&rel)?;
            (after != before).then_some(FileChange {
                path,
                before,
                after,
            })
        })
        .collect();
    Fixed {
        checked,
        fixed,
        changes,
    }
}

/// Whether two edits' spans overlap or touch (two edits at one place conflict: their order would
/// matter).
fn conflicts(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Whether every edit of `fix` lands inside its file on character boundaries, and the edits
/// neither overlap one another nor all leave the text as it is.
fn applies(project: &Project, fix: &Fix) -> bool {
    let mut changes = false;
    for (i, e) in fix.edits.iter().enumerate() {
        let Some(f) = project.files.get(e.file.0 as usize) else {
            return false;
        };
        let (s, t) = (e.span.start as usize, e.span.end as usize);
        if s > t || t > f.text.len() || !f.text.is_char_boundary(s) || !f.text.is_char_boundary(t) {
            return false;
        }
        changes |= f.text[s..t] != e.replacement;
        if fix.edits[..i]
            .iter()
            .any(|o| o.file == e.file && conflicts(o.span, e.span))
        {
            return false;
        }
    }
    changes
}

/// One round: the fixes to apply, in the order of their first edit, each skipped when it
/// conflicts with one taken before it (a fix with the very same edits as one taken counts as
/// applied too). The number of findings fixed, and the new text of each file edited.
fn plan_round(
    project: &Project,
    diagnostics: &[Diagnostic],
    unsafe_fixes: bool,
) -> (usize, Vec<(FileId, String)>) {
    let mut candidates: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(|d| chosen_fix(d, unsafe_fixes))
        .filter(|f| !f.edits.is_empty() && applies(project, f))
        .collect();
    let first = |f: &Fix| {
        f.edits
            .iter()
            .map(|e| (e.file, e.span.start, e.span.end))
            .min()
    };
    candidates.sort_by_key(|f| first(f));
    let mut taken: Vec<&Fix> = Vec::new();
    let mut fixed = 0;
    for fix in candidates {
        if taken.iter().any(|t| t.edits == fix.edits) {
            fixed += 1;
            continue;
        }
        let clash = fix.edits.iter().any(|e| {
            taken
                .iter()
                .flat_map(|t| &t.edits)
                .any(|o| o.file == e.file && conflicts(o.span, e.span))
        });
        if !clash {
            taken.push(fix);
            fixed += 1;
        }
    }
    let mut per_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for e in taken.iter().flat_map(|t| &t.edits) {
        per_file.entry(e.file).or_default().push(e);
    }
    let edited = per_file
        .into_iter()
        .map(|(id, mut edits)| {
            let mut text = project.files[id.0 as usize].text.to_string();
            edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
            for e in edits {
                text.replace_range(e.span.range(), &e.replacement);
            }
            (id, text)
        })
        .collect();
    (fixed, edited)
}

/// Write each change back: only when the file still holds what was fixed, through a temporary
/// file in the same folder renamed over it (the file's permissions kept; a symlink's target is
/// what is replaced). The error messages of the files not written.
pub fn write_changes(changes: &[FileChange]) -> Vec<String> {
    let mut errors = Vec::new();
    for c in changes {
        if let Err(e) = write_one(c) {
            errors.push(format!("cannot write `{}`: {e}", c.path.display()));
        }
    }
    errors
}

fn write_one(c: &FileChange) -> std::io::Result<()> {
    use std::io::Write as _;
    let target = std::fs::canonicalize(&c.path)?;
    if std::fs::read(&target)? != c.before.as_bytes() {
        return Err(std::io::Error::other(
            "it changed while it was being fixed; run again",
        ));
    }
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{name}.switchboard-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(c.after.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::set_permissions(&tmp, permissions))
        .and_then(|()| std::fs::rename(&tmp, &target));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::source::SourceFile;
    use std::sync::Arc;

    fn project(text: &str) -> Project {
        Project {
            files: vec![SourceFile::new(
                FileId(0),
                PathBuf::from("/p/a.yaml"),
                "a.yaml".into(),
                Arc::from(text),
            )],
            ..Project::default()
        }
    }

    fn diag(start: u32, end: u32, with: &str, safe: bool) -> Diagnostic {
        Diagnostic::new(Code::SB201, FileId(0), Span::new(start, end), "m").replace_fix(
            "f",
            Span::new(start, end),
            with,
            safe,
        )
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let p = project("abcdef");
        let d = [
            diag(0, 2, "X", true),
            diag(1, 3, "Y", true),
            diag(4, 5, "Z", true),
        ];
        let (n, edited) = plan_round(&p, &d, false);
        assert_eq!(n, 2);
        assert_eq!(edited, [(FileId(0), "XcdZf".to_string())]);
        // Touching edits conflict too; the very same edit twice is applied once.
        let d = [
            diag(0, 2, "X", true),
            diag(2, 3, "Y", true),
            diag(0, 2, "X", true),
        ];
        let (n, edited) = plan_round(&p, &d, false);
        assert_eq!(n, 2);
        assert_eq!(edited, [(FileId(0), "Xcdef".to_string())]);
    }

    #[test]
    fn unsafe_broken_and_empty_fixes_are_left_alone() {
        let p = project("ab\u{e9}c");
        let d = [
            diag(0, 1, "X", false),
            diag(3, 4, "Y", true),
            diag(1, 2, "b", true),
            diag(9, 12, "Z", true),
        ];
        let (n, edited) = plan_round(&p, &d, false);
        assert_eq!((n, edited.len()), (0, 0));
        let (n, edited) = plan_round(&p, &d, true);
        assert_eq!(n, 1);
        assert_eq!(edited, [(FileId(0), "Xb\u{e9}c".to_string())]);
        assert!(hidden_fix(&d[0], false));
        assert!(!hidden_fix(&d[0], true));
        assert!(!hidden_fix(&d[1], false));
    }
}
