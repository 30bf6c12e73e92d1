//! Where and how `check` reports beyond the findings: the summary sentences of `--fix` and
//! `--diff`, the output file, and the GitHub step summary.

use super::print_out;
use crate::report::{Counts, plural};
use std::io::Write as _;
use std::path::Path;

/// The closing sentence after `--fix`, in ruff's style adapted to the counts' sentence:
/// `Found 8 problems (5 fixed, 3 remaining: 2 errors, 1 hint) in 26 files.` Without a fix
/// applied it is the counts' sentence.
pub fn fix_sentence(remaining: &Counts, fixed: usize) -> String {
    if fixed == 0 {
        return remaining.sentence();
    }
    let left = remaining.total();
    let breakdown = if left > 0 {
        format!(": {}", remaining.severities())
    } else {
        String::new()
    };
    format!(
        "Found {} ({fixed} fixed, {left} remaining{breakdown}) in {}.",
        plural(fixed + left, "problem", "problems"),
        plural(remaining.files, "file", "files")
    )
}

/// What ruff adds when fixes were held back: `2 hidden fixes can be enabled with the
/// `--unsafe-fixes` option.`
pub fn hidden_sentence(hidden: usize) -> Option<String> {
    (hidden > 0).then(|| {
        format!(
            "{} can be enabled with the `--unsafe-fixes` option.",
            plural(hidden, "hidden fix", "hidden fixes")
        )
    })
}

/// The line `--diff` ends with (on standard error): `Would fix 3 problems in 2 files.`
pub fn diff_sentence(fixed: usize, files: usize, hidden: usize) -> String {
    let more = if hidden > 0 {
        format!(
            " ({} available with `--unsafe-fixes`)",
            plural(hidden, "more fix", "more fixes")
        )
    } else {
        String::new()
    };
    if fixed == 0 {
        format!("No problems would be fixed{more}.")
    } else {
        format!(
            "Would fix {} in {}{more}.",
            plural(fixed, "problem", "problems"),
            plural(files, "file", "files")
        )
    }
}

/// Print `text` on standard output, or write it to `file` (its folder created when missing).
pub fn emit(text: &str, file: Option<&Path>) -> Result<(), String> {
    let Some(file) = file else {
        print_out(text);
        return Ok(());
    };
    if let Some(dir) = file.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    std::fs::write(file, text).map_err(|e| format!("cannot write `{}`: {e}", file.display()))
}

/// The file GitHub Actions reads the step summary from, when set.
pub fn step_summary_file() -> Option<std::path::PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|v| !v.is_empty())
        .map(Into::into)
}

/// Append `markdown` to the step summary `file`.
pub fn append(file: &Path, markdown: &str) -> Result<(), String> {
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(file)
        .and_then(|mut f| f.write_all(markdown.as_bytes()))
        .map_err(|e| format!("cannot write the step summary `{}`: {e}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let c = Counts {
            errors: 2,
            hints: 1,
            files: 26,
            ..Counts::default()
        };
        assert_eq!(
            fix_sentence(&c, 5),
            "Found 8 problems (5 fixed, 3 remaining: 2 errors, 1 hint) in 26 files."
        );
        assert_eq!(fix_sentence(&c, 0), c.sentence());
        let clean = Counts {
            files: 1,
            ..Counts::default()
        };
        assert_eq!(
            fix_sentence(&clean, 1),
            "Found 1 problem (1 fixed, 0 remaining) in 1 file."
        );
        assert_eq!(hidden_sentence(0), None);
        assert_eq!(
            hidden_sentence(1).unwrap(),
            "1 hidden fix can be enabled with the `--unsafe-fixes` option."
        );
        assert_eq!(diff_sentence(3, 2, 0), "Would fix 3 problems in 2 files.");
        assert_eq!(
            diff_sentence(0, 0, 2),
            "No problems would be fixed (2 more fixes available with `--unsafe-fixes`)."
        );
    }
}
