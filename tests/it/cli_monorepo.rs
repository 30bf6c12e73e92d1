//! `switchboard check` on a folder above projects (a monorepo): every project below it checked
//! with one summary, files mapped to their projects, paths outside every project skipped; and
//! `compile`, `graph` and `render`, which need one project.

use std::path::{Path, PathBuf};

use crate::cli_support::{Tmp, copy_dir, sb, write};

const EXAMPLE: &str = "examples/harbor-dental";
const CLEAN: &str = "tests/fixtures/projects/clean_real";

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `mono/` holding the example (`mono/dental`), the clean fixture (`mono/group/clean`), and
/// folders that must not be searched: `node_modules/`, hidden ones, `tests/`.
fn monorepo(name: &str) -> Tmp {
    let t = Tmp::new(name);
    let mono = t.0.join("mono");
    copy_dir(&repo(EXAMPLE), &mono.join("dental"));
    copy_dir(&repo(CLEAN), &mono.join("group/clean"));
    write(&mono, "README.md", "# agents\n");
    write(
        &mono,
        "node_modules/pkg/project.yaml",
        "name: not-a-project\n",
    );
    write(&mono, ".venv/lib/config/x.yaml", "a: 1\n");
    write(&mono, "tests/fixture/project.yaml", "name: fixture\n");
    // A project inside a project is the outer project's business, not another project.
    write(&mono, "dental/nested/project.yaml", "name: nested\n");
    t
}

#[test]
fn a_folder_above_projects_checks_every_project_below_it() {
    let t = monorepo("above");
    let (code, out, err) = sb(&t.0, &["check", "--format", "short", "mono"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(err, "");
    // The same as naming the two projects, in path order, with one summary.
    let named = sb(
        &t.0,
        &[
            "check",
            "--format",
            "short",
            "mono/dental",
            "mono/group/clean",
        ],
    );
    assert_eq!((code, out.clone(), err), named);
    assert!(
        out.lines()
            .all(|l| l.starts_with("mono/dental/") || l.starts_with("mono/group/clean/")),
        "{out}"
    );
    assert!(
        out.contains("mono/dental/topics/payment_plans.yaml:12:40: error[SB201]"),
        "{out}"
    );
    for format in ["human", "json", "sarif", "github"] {
        let a = sb(&t.0, &["check", "--format", format, "mono"]);
        let b = sb(
            &t.0,
            &[
                "check",
                "--format",
                format,
                "mono/dental",
                "mono/group/clean",
            ],
        );
        assert_eq!(a, b, "{format}");
    }
    let (_, human, _) = sb(&t.0, &["check", "mono"]);
    assert_eq!(human.matches("Found ").count(), 1, "{human}");
    // From inside the folder, with no path at all.
    let (code, out, _) = sb(&t.0.join("mono"), &["check", "--format", "short"]);
    assert_eq!(code, 1);
    assert!(
        out.starts_with("dental/config/handoffs.yaml:2:9: info[SB118]"),
        "{out}"
    );
}

#[test]
fn a_project_root_or_a_folder_inside_it_is_that_project() {
    let t = monorepo("inside");
    let whole = sb(&t.0, &["check", "--format", "short", "mono/dental"]);
    for path in [
        "mono/dental/topics",
        "mono/dental/flows/book_appointment/steps",
        "mono/dental/topics/payment_plans.yaml",
    ] {
        assert_eq!(
            sb(&t.0, &["check", "--format", "short", path]),
            whole,
            "{path}"
        );
    }
    // As today: the example from the repository itself.
    let (code, out, _) = sb(
        &repo(""),
        &[
            "check",
            "--format",
            "short",
            "examples/harbor-dental/topics",
        ],
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 8, "{out}");
}

#[test]
fn files_map_to_their_projects_and_files_outside_every_project_are_skipped() {
    let t = monorepo("files");
    let (code, out, err) = sb(
        &t.0,
        &[
            "check",
            "--format",
            "short",
            "mono/README.md",
            "mono/dental/topics/payment_plans.yaml",
            "mono/group/clean/project.yaml",
            "mono/dental/config/handoffs.yaml",
        ],
    );
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        err,
        "note: skipping `mono/README.md`: it is in no ADK project\n"
    );
    let both = sb(
        &t.0,
        &[
            "check",
            "--format",
            "short",
            "mono/dental",
            "mono/group/clean",
        ],
    );
    assert_eq!(out, both.1);
    // --quiet drops the note.
    let (_, _, err) = sb(&t.0, &["check", "-q", "mono/README.md", "mono/group/clean"]);
    assert_eq!(err, "");
}

#[test]
fn no_project_at_all_is_exit_2() {
    let t = monorepo("none");
    write(&t.0, "empty/notes.txt", "x\n");
    let (code, out, err) = sb(&t.0, &["check", "mono/README.md"]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: `mono/README.md` is not an ADK project"),
        "{err}"
    );
    let (code, _, err) = sb(&t.0, &["check", "empty"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is not an ADK project"), "{err}");
    // Two paths, neither in a project: an error for each.
    let (code, _, err) = sb(&t.0, &["check", "empty", "mono/README.md"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 2, "{err}");
    // A path that does not exist stays a usage error, even beside a project.
    let (code, _, err) = sb(&t.0, &["check", "mono/dental", "mono/gone.yaml"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: cannot read `mono/gone.yaml`"),
        "{err}"
    );
}

#[test]
fn compile_graph_and_render_need_one_project() {
    let t = monorepo("one");
    for args in [
        &["compile", "mono"][..],
        &["graph", "mono"],
        &["render", "--handoff", "billing", "mono"],
    ] {
        let (code, out, err) = sb(&t.0, args);
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(out, "", "{args:?}");
        assert_eq!(
            err,
            format!(
                "error: `mono` is not an ADK project but holds 2 of them; `switchboard {}` works on one project: name one of\n  mono/dental\n  mono/group/clean\n",
                args[0]
            ),
            "{args:?}"
        );
    }
    // A folder holding exactly one project is that project, and says so.
    let (code, out, err) = sb(&t.0, &["graph", "mono/group"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "note: `mono/group` is not an ADK project; using the one project below it, `mono/group/clean`\n"
    );
    assert_eq!(out, sb(&t.0, &["graph", "mono/group/clean"]).1);
    // A project or a folder inside one is unchanged.
    let (code, _, err) = sb(&t.0, &["compile", "mono/dental/topics"]);
    assert_eq!((code, err.as_str()), (0, ""));
}

#[test]
fn fix_works_across_the_projects_of_a_monorepo() {
    let t = monorepo("fix");
    let second = t.0.join("mono/other");
    copy_dir(&repo(EXAMPLE), &second);
    let (code, out, err) = sb(&t.0, &["check", "--fix", "mono"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.ends_with("Found 19 problems (4 fixed, 15 remaining: 6 errors, 4 warnings, 5 infos) in 97 files.\n4 hidden fixes can be enabled with the `--unsafe-fixes` option.\n"),
        "{out}"
    );
    for p in ["mono/dental", "mono/other"] {
        let text = std::fs::read_to_string(t.0.join(p).join("config/handoffs.yaml")).unwrap();
        assert!(text.contains("'+14155550134'"), "{p}");
    }
    let (code, diff, _) = sb(&t.0, &["check", "--diff", "mono"]);
    assert_eq!((code, diff.as_str()), (0, ""));
}
