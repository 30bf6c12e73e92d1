//! The invariants `ARCHITECTURE.md` states, checked over the source tree: each file names its
//! job, no file outgrows its job, the modules form layers without cycles, only the language
//! server knows the protocol, only the loader, the language server's workspace and the command
//! line touch the file system, and only the command line writes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("list src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("read source"))
        })
        .collect()
}

/// The code of a file before its unit tests, without comments.
fn code(text: &str) -> String {
    let body = text.split("#[cfg(test)]").next().unwrap_or("");
    body.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn top(rel: &str) -> &str {
    let first = rel.split('/').next().unwrap();
    first.strip_suffix(".rs").unwrap_or(first)
}

#[test]
fn every_file_starts_by_naming_its_job() {
    for (rel, text) in sources() {
        assert!(
            text.trim_start_matches('\u{feff}').starts_with("//!"),
            "src/{rel} must start with a `//!` comment naming its job"
        );
    }
}

#[test]
fn no_file_is_over_a_thousand_lines_before_its_tests() {
    for (rel, text) in sources() {
        let n = text.split("#[cfg(test)]").next().unwrap().lines().count();
        assert!(n <= 1000, "src/{rel} has {n} lines before its unit tests");
    }
}

#[test]
fn the_modules_form_layers_without_cycles() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in sources() {
        let from = top(&rel).to_string();
        let code = code(&text);
        let mut rest = code.as_str();
        while let Some(i) = rest.find("crate::") {
            let before = rest[..i].chars().last();
            rest = &rest[i + "crate::".len()..];
            if before == Some('$') {
                continue;
            }
            let to: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !to.is_empty() && to != from {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // Depth-first search for a cycle.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()) {
                Some(1) => panic!("import cycle: {} -> {m}", path.join(" -> ")),
                Some(_) => {}
                None => visit(m, edges, state, path),
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n.as_str()) {
            visit(n, &edges, &mut state, &mut Vec::new());
        }
    }
    // The lowest floors import nothing above them.
    for low in ["source", "text", "sip"] {
        let up: Vec<&String> = edges.get(low).into_iter().flatten().collect();
        assert!(up.is_empty(), "{low} imports {up:?}");
    }
    for m in ["syntax", "diagnostics", "report"] {
        for t in edges.get(m).into_iter().flatten() {
            assert!(
                ["source", "text", "diagnostics", "sip"].contains(&t.as_str()),
                "{m} may import only the floors below it, not {t}"
            );
        }
    }
    for m in ["analysis", "model", "project", "ide", "compile", "report"] {
        assert!(
            !edges
                .get(m)
                .into_iter()
                .flatten()
                .any(|t| t == "lsp" || t == "cli"),
            "{m} imports a face"
        );
    }
}

#[test]
fn only_the_language_server_knows_the_protocol() {
    for (rel, text) in sources() {
        let c = code(&text);
        if !rel.starts_with("lsp/") {
            assert!(
                !c.contains("tower_lsp_server") && !c.contains("ls_types"),
                "src/{rel} uses LSP types"
            );
        }
    }
}

#[test]
fn only_the_loader_the_workspace_and_the_command_line_touch_files() {
    let reads = [
        "std::fs",
        "File::open",
        "read_dir(",
        "OpenOptions",
        "fs::read",
        "fs::metadata",
        "fs::canonicalize",
    ];
    let writes = [
        "fs::write",
        "File::create",
        "fs::rename",
        "OpenOptions",
        "remove_file",
        "fs::copy",
    ];
    for (rel, text) in sources() {
        let c = code(&text);
        let io_allowed = rel.starts_with("project/")
            || rel.starts_with("cli/")
            || rel == "lsp/state.rs"
            || rel == "lsp/discover.rs";
        if !io_allowed {
            for r in reads {
                assert!(!c.contains(r), "src/{rel} does file I/O (`{r}`)");
            }
        }
        if !rel.starts_with("cli/") {
            for w in writes {
                assert!(!c.contains(w), "src/{rel} writes files (`{w}`)");
            }
        }
    }
}
