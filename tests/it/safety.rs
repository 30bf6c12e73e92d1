//! The checker reads only inside the project root: names that look like paths (`../`, absolute)
//! are names, never paths to open; symlinks out of the root are not followed.

use std::path::{Path, PathBuf};
use switchboard::analysis;
use switchboard::project;

fn tempdir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("switchboard-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let t = to.join(e.file_name());
        if p.is_dir() {
            std::fs::create_dir_all(&t).unwrap();
            copy_tree(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// A copy of the clean fixture project, and next to it an "outside" folder holding files that
/// would be findings if they were ever read.
fn setup(name: &str) -> (PathBuf, PathBuf) {
    let base = tempdir(name);
    let root = base.join("project");
    let outside = base.join("outside");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(outside.join("topics")).unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/projects/clean_real"),
        &root,
    );
    std::fs::write(outside.join("secret.py"), "def (((\n").unwrap();
    std::fs::write(outside.join("secret.yaml"), "name: [\n").unwrap();
    std::fs::write(
        outside.join("topics/escaped.yaml"),
        "name: Leak\nactions: {{ho:outside_only}}\n",
    )
    .unwrap();
    (root, outside)
}

/// Every file the loaded project holds lies inside the root, and no finding mentions the
/// outside folder's contents.
#[track_caller]
fn reads_only_inside(root: &Path) -> Vec<String> {
    let p = project::load(root);
    let canon = std::fs::canonicalize(root).unwrap();
    for f in &p.files {
        let real = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
        assert!(
            real.starts_with(&canon),
            "read {} outside the root",
            f.path.display()
        );
        assert!(!f.text.contains("outside_only") && !f.text.contains("def ((("));
    }
    let diags = analysis::analyze(&p, &Default::default());
    diags
        .iter()
        .map(|d| format!("{} {} {}", d.code.as_str(), p.file(d.file).rel, d.message))
        .collect()
}

#[test]
fn step_names_that_look_like_paths_are_names() {
    let (root, outside) = setup("names");
    let step = root.join("flows/report_outage/steps/collect_service_address.yaml");
    let text = std::fs::read_to_string(&step).unwrap();
    let rel_escape = "../../../../outside/secret";
    let abs = outside.join("secret").display().to_string();
    for target in [rel_escape, abs.as_str()] {
        std::fs::write(
            &step,
            text.replace(
                "child_step: lookup_outage",
                &format!("child_step: {target}"),
            ),
        )
        .unwrap();
        let found = reads_only_inside(&root);
        // The name is looked up among the flow's steps, does not resolve, and is reported.
        let unknown: Vec<&String> = found.iter().filter(|f| f.contains(target)).collect();
        assert_eq!(unknown.len(), 1, "{found:#?}");
        assert!(
            unknown[0].contains("flows/report_outage/steps/collect_service_address.yaml"),
            "{unknown:?}"
        );
        assert!(found.iter().all(|f| !f.contains("SB007")), "{found:#?}");
    }
    let config = root.join("flows/report_outage/flow_config.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace(
            "start_step: Collect Service Address",
            "start_step: ../../../outside/secret.yaml",
        ),
    )
    .unwrap();
    let found = reads_only_inside(&root);
    assert!(
        found
            .iter()
            .any(|f| f.contains("../../../outside/secret.yaml")),
        "{found:#?}"
    );
    assert!(found.iter().all(|f| !f.starts_with("SB001")), "{found:#?}");
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}

#[test]
fn config_globs_pointing_outside_change_nothing() {
    let (root, outside) = setup("config");
    let before = reads_only_inside(&root);
    std::fs::write(
        root.join("switchboard.toml"),
        format!(
            "exclude = [\"../outside/**\", \"{}/**\", \"/etc/**\"]\n",
            outside.display()
        ),
    )
    .unwrap();
    let after = reads_only_inside(&root);
    assert_eq!(before, after);
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_not_followed() {
    use std::os::unix::fs::symlink;
    let (root, outside) = setup("links");
    let before = reads_only_inside(&root);
    // A linked file named like a project file, a linked folder of topics, a linked flow folder,
    // and a relative link climbing out.
    symlink(outside.join("secret.py"), root.join("functions/secret.py")).unwrap();
    symlink(outside.join("secret.yaml"), root.join("topics/secret.yaml")).unwrap();
    symlink(outside.join("topics"), root.join("flows/escaped")).unwrap();
    std::fs::create_dir_all(root.join("flows/report_outage/steps")).unwrap();
    symlink(
        "../../../../outside/topics/escaped.yaml",
        root.join("flows/report_outage/steps/escaped.yaml"),
    )
    .unwrap();
    let after = reads_only_inside(&root);
    assert_eq!(before, after);
    let rels: Vec<String> = project::discover(&root)
        .into_iter()
        .map(|d| d.rel)
        .collect();
    assert!(
        rels.iter()
            .all(|r| !r.contains("secret") && !r.contains("escaped")),
        "{rels:#?}"
    );
    // A link that stays inside the root is read like the file it points to.
    symlink(
        root.join("functions/check_bill.py"),
        root.join("functions/check_bill_again.py"),
    )
    .unwrap();
    let rels: Vec<String> = project::discover(&root)
        .into_iter()
        .map(|d| d.rel)
        .collect();
    assert!(rels.contains(&"functions/check_bill_again.py".to_string()));
    let _ = std::fs::remove_dir_all(root.parent().unwrap());
}
