//! `check` on a large project drops each file's text once its part of the model is built and
//! reads back only the files that findings point into. The report must be the one a full load
//! gives, and a file that changed in between must be noticed.

use crate::synth;

use std::path::{Path, PathBuf};
use switchboard::analysis::{self, Options};
use switchboard::project;
use switchboard::report::{self as output, Format, ProjectOutput, RenderOptions};

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

fn example_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-lean-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental"),
        &dir,
    );
    dir
}

fn render(p: &switchboard::model::Project, d: &[switchboard::diagnostics::Diagnostic]) -> String {
    let opts = RenderOptions {
        color: false,
        cwd: None,
    };
    let out = [ProjectOutput {
        root: &p.root,
        files: &p.files,
        diagnostics: d,
    }];
    [Format::Json, Format::Human, Format::Sarif]
        .into_iter()
        .map(|f| output::render(f, &out, &opts))
        .collect()
}

/// The generated 1x project on disk: its findings include labels pointing into files that have
/// none of their own (a topic mixing transfers labels the function that transfers).
fn generated_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("switchboard-lean-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in synth::generate(synth::Scale::Times(1), 1) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

fn same_report_as_a_full_load(root: &Path) -> bool {
    let options = Options::default();
    let full = project::load(root);
    let expected = render(&full, &analysis::analyze(&full, &options));

    let (mut lean, dropped) = project::load_lean(root, 0);
    let diagnostics = analysis::analyze(&lean, &options);
    assert!(!diagnostics.is_empty());
    let emptied = lean
        .files
        .iter()
        .zip(&full.files)
        .filter(|(l, f)| l.text.is_empty() && !f.text.is_empty())
        .count();
    assert!(emptied > full.files.len() / 2, "most texts are dropped");
    // Some finding points into a dropped file through a label only.
    let primary: std::collections::HashSet<_> = diagnostics.iter().map(|d| d.file).collect();
    let label_only = diagnostics
        .iter()
        .flat_map(|d| &d.labels)
        .any(|l| !primary.contains(&l.file) && lean.file(l.file).text.is_empty());
    assert!(project::restore_texts(&mut lean, &dropped, &diagnostics));
    for d in &diagnostics {
        for id in std::iter::once(d.file).chain(d.labels.iter().map(|l| l.file)) {
            assert_eq!(
                lean.file(id).text,
                full.file(id).text,
                "{} is read back",
                lean.file(id).rel
            );
        }
    }
    assert_eq!(render(&lean, &diagnostics), expected);

    // Below the threshold nothing is dropped.
    let (small, _) = project::load_lean(root, 100_000);
    assert!(
        small
            .files
            .iter()
            .zip(&full.files)
            .all(|(s, f)| s.text == f.text)
    );
    label_only
}

#[test]
fn dropped_texts_give_the_report_of_a_full_load() {
    same_report_as_a_full_load(&example_copy("same"));
    assert!(
        same_report_as_a_full_load(&generated_copy("generated")),
        "the generated project has a label into a file without findings of its own"
    );
}

#[test]
fn a_file_changed_before_it_is_read_back_is_noticed() {
    let root = example_copy("changed");
    let options = Options::default();
    let (mut lean, dropped) = project::load_lean(&root, 0);
    let diagnostics = analysis::analyze(&lean, &options);
    // A file a finding points into, whose text was dropped.
    let d = diagnostics
        .iter()
        .find(|d| lean.file(d.file).text.is_empty())
        .expect("a finding in a dropped file");
    let path = lean.file(d.file).path.clone();
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.insert(0, '\n');
    std::fs::write(&path, text).unwrap();
    assert!(!project::restore_texts(&mut lean, &dropped, &diagnostics));

    // `check` then loads again and reports on the new text.
    let after = switchboard::cli::check_root(&root, &options);
    let reloaded = project::load(&root);
    assert_eq!(
        render(&after.project, &after.diagnostics),
        render(&reloaded, &analysis::analyze(&reloaded, &options))
    );
}

/// The load lists folders on several threads at once (the parse workers help with the walk).
/// What it finds, and the order it numbers the files in, must be what the one-thread walk gives:
/// plain files, a folder named like a file, a symlinked file, and nothing from a skipped folder.
#[test]
fn the_shared_walk_lists_what_a_one_thread_walk_lists() {
    let dir = generated_copy("walk");
    std::fs::create_dir_all(dir.join("topics/a folder.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("flows/node_modules/steps")).unwrap();
    std::fs::write(dir.join("flows/node_modules/steps/x.yaml"), "name: x\n").unwrap();
    let first_topic = project::discover(&dir)
        .into_iter()
        .find(|d| d.rel.starts_with("topics/") && !d.is_dir)
        .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&first_topic.path, dir.join("topics/zz linked.yaml")).unwrap();

    let walked: Vec<(String, bool)> = project::discover(&dir)
        .into_iter()
        .map(|d| (d.rel, d.is_dir))
        .collect();
    let loaded = project::load(&dir);
    let files: Vec<(String, bool)> = loaded
        .files
        .iter()
        .map(|f| (f.rel.clone(), walked.iter().any(|(r, d)| *d && *r == f.rel)))
        .collect();
    assert_eq!(files, walked);
    assert!(walked.len() > 150, "{} files", walked.len());
    assert!(walked.contains(&("topics/a folder.yaml".to_string(), true)));
    #[cfg(unix)]
    assert!(walked.contains(&("topics/zz linked.yaml".to_string(), false)));
    assert!(!walked.iter().any(|(r, _)| r.contains("node_modules")));
    // Sorted by relative path, as the numbering promises.
    assert!(walked.windows(2).all(|w| w[0].0 < w[1].0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The parse workers' number depends on the cores and, past the first two, on the files found
/// (a worker more per 32 files). The model and the report must not: one core, two (the workers
/// that start before the walk only) and sixteen (six more join once the walk has found the 1x
/// project's 200-odd files) give the same.
#[test]
fn the_model_does_not_depend_on_the_number_of_workers() {
    let dir = generated_copy("cores");
    let options = Options::default();
    let reports: Vec<String> = [1, 2, 16]
        .into_iter()
        .map(|cores| {
            let p = project::load_on_cores(&dir, cores);
            assert!(p.files.len() > 150, "{} files", p.files.len());
            let d = analysis::analyze(&p, &options);
            assert!(!d.is_empty());
            format!(
                "{:?}\n{}",
                p.files.iter().map(|f| &f.rel).collect::<Vec<_>>(),
                render(&p, &d)
            )
        })
        .collect();
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A 10x project of some hundreds of folders, written to disk and loaded from there: what is read
/// must be what was written, every file of it (the in-memory load reads nothing).
#[test]
fn files_read_from_disk_are_the_files_written() {
    let dir = std::env::temp_dir().join(format!("switchboard-lean-{}-disk", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = synth::generate(synth::Scale::Times(10), 3);
    let mut folders = std::collections::BTreeSet::new();
    for (rel, text) in &files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        folders.insert(p.parent().unwrap().to_path_buf());
    }
    assert!(folders.len() > 300, "{} folders", folders.len());
    let options = Options::default();
    let from_disk = project::load(&dir);
    let in_memory = project::load_files(&dir, &files);
    assert_eq!(from_disk.files.len(), in_memory.files.len());
    for (d, m) in from_disk.files.iter().zip(&in_memory.files) {
        assert_eq!(d.rel, m.rel);
        assert_eq!(d.text, m.text, "{}", d.rel);
    }
    assert_eq!(
        render(&from_disk, &analysis::analyze(&from_disk, &options)),
        render(&in_memory, &analysis::analyze(&in_memory, &options))
    );
    let _ = std::fs::remove_dir_all(&dir);
}
