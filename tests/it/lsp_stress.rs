//! The language server under stress: a client replays many random but valid edit sessions on a
//! copy of the example project (open, incremental changes at random ranges, close) with requests
//! at arbitrary positions in between, plus malformed JSON-RPC, unknown methods, requests for
//! unopened documents and out-of-range positions. Every request must be answered (result or
//! error), the server must keep serving, and the diagnostics it last published for every file
//! must equal a from-scratch check of the same final texts.
//!
//! `SWITCHBOARD_LSP_STRESS_SESSIONS` raises the number of sessions (default 600) for long runs;
//! `SWITCHBOARD_LSP_STRESS_SEED` picks another seed.

use crate::lsp_support;

use crate::lsp_support::{Client, example_copy, uri};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;
use switchboard::analysis::{self, Options};
use switchboard::project;
use switchboard_fuzz_bodies::Rng;

/// Text pieces an author types, the awkward ones included.
const SNIPPETS: &[&str] = &[
    "{{ho:",
    "{{ho:billing}}",
    "{{fn:",
    "{{fn:check_availability}}",
    "{{attr:",
    "{{",
    "}}",
    "}",
    "$",
    "$patient_name",
    "\"",
    "'",
    "\n",
    "\n  ",
    "\r\n",
    "\r",
    "😀",
    "👩‍👩‍👧",
    "é",
    "中文",
    "\u{a0}",
    " ",
    ":",
    "- ",
    "#",
    "\t",
    "name: x\n",
    "actions:\n  - ",
    "billing",
    "x",
    "def f(conv):\n    return conv.state.x\n",
    "[",
    "&a *a",
    "",
];

/// Byte offset → LSP (line, UTF-16 column); lines end at `\n`, `\r\n` or a lone `\r`.
fn position(text: &str, off: usize) -> (u32, u32) {
    let b = text.as_bytes();
    let mut line = 0u32;
    let mut start = 0usize;
    let mut i = 0usize;
    while i < off {
        match b[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' => {
                if i + 1 < b.len() && b[i + 1] == b'\n' && i + 1 < off {
                    i += 1;
                }
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let col = text[start..off].encode_utf16().count() as u32;
    (line, col)
}

fn lsp_pos(text: &str, off: usize) -> Value {
    let (line, character) = position(text, off);
    json!({"line": line, "character": character})
}

fn lsp_range(text: &str, a: usize, b: usize) -> Value {
    json!({"start": lsp_pos(text, a), "end": lsp_pos(text, b)})
}

/// A random char boundary of `text` that is not between the `\r` and `\n` of a line break.
fn random_offset(rng: &mut Rng, text: &str) -> usize {
    let mut off = rng.below(text.len() + 1);
    while !text.is_char_boundary(off)
        || (off > 0 && off < text.len() && &text.as_bytes()[off - 1..=off] == b"\r\n")
    {
        off -= 1;
    }
    off
}

/// Every project file of the example copy, by relative path.
fn project_files(root: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                if project::classify(&rel).is_some() {
                    out.insert(rel, text);
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn answered(method: &str, r: &Value) {
    assert!(
        r.get("result").is_some() || r.get("error").is_some(),
        "{method} got neither a result nor an error: {r}"
    );
    if let Some(e) = r.get("error") {
        // Internal errors mean a handler panicked.
        assert_ne!(e["code"], -32603, "{method} failed internally: {r}");
    }
}

struct Session {
    c: Client,
    root: PathBuf,
    rng: Rng,
    disk: BTreeMap<String, String>,
    open: HashMap<String, (String, i32)>,
    requests: usize,
    errors: usize,
}

impl Session {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    async fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.c.call(method, params).await;
        answered(method, &r);
        self.requests += 1;
        if r.get("error").is_some() {
            self.errors += 1;
        }
        r
    }

    /// A random position in `text`, now and then outside it.
    fn any_pos(&mut self, text: &str) -> Value {
        match self.rng.below(12) {
            0 => json!({"line": 100_000, "character": 0}),
            1 => {
                let (l, _) = position(text, text.len());
                json!({"line": l, "character": 1_000_000})
            }
            _ => {
                let off = random_offset(&mut self.rng, text);
                lsp_pos(text, off)
            }
        }
    }

    async fn random_request(&mut self, rel: &str, text: &str) {
        let td = json!({"uri": uri(&self.path(rel))});
        let p = self.any_pos(text);
        match self.rng.below(14) {
            0 => {
                self.call(
                    "textDocument/completion",
                    json!({"textDocument": td, "position": p}),
                )
                .await
            }
            1 => {
                self.call(
                    "textDocument/hover",
                    json!({"textDocument": td, "position": p}),
                )
                .await
            }
            2 => {
                self.call(
                    "textDocument/definition",
                    json!({"textDocument": td, "position": p}),
                )
                .await
            }
            3 => {
                self.call(
                    "textDocument/references",
                    json!({"textDocument": td, "position": p, "context": {"includeDeclaration": true}}),
                )
                .await
            }
            4 => {
                self.call(
                    "textDocument/prepareRename",
                    json!({"textDocument": td, "position": p}),
                )
                .await
            }
            5 => {
                let names = ["new_name", "billing", "x y", "", "😀", "a.b"];
                let n = names[self.rng.below(names.len())];
                self.call(
                    "textDocument/rename",
                    json!({"textDocument": td, "position": p, "newName": n}),
                )
                .await
            }
            6 => {
                let a = random_offset(&mut self.rng, text);
                let b = random_offset(&mut self.rng, text);
                let r = lsp_range(text, a.min(b), a.max(b));
                self.call(
                    "textDocument/codeAction",
                    json!({"textDocument": td, "range": r, "context": {"diagnostics": []}}),
                )
                .await
            }
            7 => {
                self.call(
                    "textDocument/semanticTokens/full",
                    json!({"textDocument": td}),
                )
                .await
            }
            8 => {
                self.call("textDocument/documentSymbol", json!({"textDocument": td}))
                    .await
            }
            9 => {
                let r = lsp_range(text, 0, text.len());
                self.call(
                    "textDocument/inlayHint",
                    json!({"textDocument": td, "range": r}),
                )
                .await
            }
            10 => {
                self.call(
                    "textDocument/documentHighlight",
                    json!({"textDocument": td, "position": p}),
                )
                .await
            }
            11 => {
                self.call("textDocument/diagnostic", json!({"textDocument": td}))
                    .await
            }
            12 => {
                self.call("workspace/symbol", json!({"query": "bo"}))
                    .await
            }
            _ => {
                // A bad request of some kind, answered with an error; or a request on a file of
                // no project, answered with an empty result.
                let (r, bad) = match self.rng.below(4) {
                    0 => (self.call("switchboard/noSuchMethod", json!({})).await, true),
                    1 => {
                        let missing = self.root.join("topics/never_opened_nor_on_disk.yaml");
                        let r = self
                            .call(
                                "textDocument/hover",
                                json!({"textDocument": {"uri": uri(&missing)}, "position": p}),
                            )
                            .await;
                        (r, false)
                    }
                    2 => {
                        let r = self
                            .call(
                                "textDocument/hover",
                                json!({"textDocument": {"uri": "file:///nowhere/at/all.yaml"}, "position": p}),
                            )
                            .await;
                        (r, false)
                    }
                    _ => {
                        let r = self
                            .call(
                                "textDocument/definition",
                                json!({"textDocument": td, "position": "not a position"}),
                            )
                            .await;
                        (r, true)
                    }
                };
                if bad {
                    assert!(r.get("error").is_some(), "a bad request succeeded: {r}");
                } else {
                    assert!(
                        r.get("error").is_none() && r["result"].is_null(),
                        "a request on a file of no project: {r}"
                    );
                }
                r
            }
        };
    }

    /// One edit session on one file.
    async fn session(&mut self, files: &[String]) {
        let rel = files[self.rng.below(files.len())].clone();
        let path = self.path(&rel);
        if !self.open.contains_key(&rel) {
            let text = self.disk[&rel].clone();
            self.c.open(&path, &text).await;
            self.open.insert(rel.clone(), (text, 1));
        }
        let steps = 1 + self.rng.below(12);
        for _ in 0..steps {
            let (mut text, mut version) = self.open[&rel].clone();
            // One notification with one to three changes, applied in order.
            let mut changes = Vec::new();
            for _ in 0..1 + self.rng.below(3) {
                if self.rng.below(40) == 0 {
                    // A full replacement: the same text with a snippet appended.
                    text.push_str(SNIPPETS[self.rng.below(SNIPPETS.len())]);
                    changes.push(json!({"text": text}));
                    continue;
                }
                let a = random_offset(&mut self.rng, &text);
                let b = if self.rng.below(3) == 0 {
                    a
                } else {
                    let len = self.rng.below(24);
                    let mut b = (a + len).min(text.len());
                    while !text.is_char_boundary(b)
                        || (b > 0 && b < text.len() && &text.as_bytes()[b - 1..=b] == b"\r\n")
                    {
                        b += 1;
                    }
                    b
                };
                let ins = if self.rng.below(4) == 0 {
                    String::new()
                } else {
                    (0..1 + self.rng.below(3))
                        .map(|_| SNIPPETS[self.rng.below(SNIPPETS.len())])
                        .collect()
                };
                changes.push(json!({"range": lsp_range(&text, a, b), "text": ins}));
                text.replace_range(a..b, &ins);
            }
            version += 1;
            self.c.change(&path, version, Value::Array(changes)).await;
            self.open.insert(rel.clone(), (text.clone(), version));
            for _ in 0..self.rng.below(3) {
                self.random_request(&rel, &text).await;
            }
        }
        if self.rng.below(3) == 0 {
            self.c
                .notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": uri(&path)}}),
                )
                .await;
            self.open.remove(&rel);
        }
        // Noise between sessions.
        match self.rng.below(8) {
            0 => self.c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": ").await,
            1 => self.c.send_raw("not json at all 😀").await,
            2 => {
                self.c
                    .notify("switchboard/unknownNotification", json!({"x": 1}))
                    .await
            }
            3 => {
                // A change to a document that is not open is ignored.
                let other = files[self.rng.below(files.len())].clone();
                if !self.open.contains_key(&other) {
                    self.c
                        .change(
                            &self.path(&other),
                            7,
                            json!([{"range": lsp_support::range(0, 0, 0, 0), "text": "zz"}]),
                        )
                        .await;
                }
            }
            4 => {
                // A change with a range outside the document is ignored.
                if let Some((text, version)) = self.open.get(&rel).cloned() {
                    self.c
                        .change(
                            &path,
                            version + 1,
                            json!([{"range": lsp_support::range(900_000, 0, 900_001, 0), "text": "zz"}]),
                        )
                        .await;
                    self.open.insert(rel.clone(), (text, version + 1));
                }
            }
            _ => {}
        }
    }

    /// Wait for the scheduled publishes to settle; the diagnostics last published for every file
    /// must equal a fresh check of the current texts (disk overlaid with the open buffers).
    async fn check(&mut self, seed: u64) -> usize {
        // The texts now: disk overlaid with the open buffers.
        let mut texts = self.disk.clone();
        for (rel, (text, _)) in &self.open {
            texts.insert(rel.clone(), text.clone());
        }
        let want = expected(&self.root, &texts);
        // Wait for the scheduled publishes to settle, then compare.
        let mut mismatch = String::new();
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            self.call("workspace/symbol", json!({"query": ""})).await;
            let got = self.published().await;
            mismatch.clear();
            for (u, w) in &want {
                let g = got.get(u).map(essentials).unwrap_or_default();
                if &g != w {
                    mismatch = format!(
                        "{u}:\n published {}\n expected  {}",
                        serde_json::to_string_pretty(&g).unwrap(),
                        serde_json::to_string_pretty(w).unwrap()
                    );
                    break;
                }
            }
            for (u, g) in &got {
                if !want.contains_key(u) && !essentials(g).is_empty() {
                    mismatch = format!("diagnostics published for a non-project file {u}: {g}");
                }
            }
            if mismatch.is_empty() {
                break;
            }
        }
        assert!(
            mismatch.is_empty(),
            "seed {seed}: final diagnostics differ from a fresh check\n{mismatch}"
        );
        want.values().map(Vec::len).sum()
    }

    /// The diagnostics last published per URI, after the publishes have settled.
    async fn published(&mut self) -> HashMap<String, Value> {
        let mut out: HashMap<String, Value> = HashMap::new();
        for m in &self.c.log {
            if m["method"] == "textDocument/publishDiagnostics" {
                out.insert(
                    m["params"]["uri"].as_str().unwrap().to_string(),
                    m["params"]["diagnostics"].clone(),
                );
            }
        }
        out
    }
}

/// What a from-scratch check reports for the final texts, per URI: (code, range, message).
fn expected(root: &Path, texts: &BTreeMap<String, String>) -> HashMap<String, Vec<Value>> {
    let files: Vec<(String, String)> = texts.iter().map(|(r, t)| (r.clone(), t.clone())).collect();
    let p = project::load_files(root, &files);
    let diags = analysis::analyze(&p, &Options::default());
    let mut out: HashMap<String, Vec<Value>> = HashMap::new();
    for f in &p.files {
        out.insert(uri(&f.path), Vec::new());
    }
    for d in &diags {
        let f = p.file(d.file);
        let mut message = d.message.clone();
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        for n in &d.notes {
            message.push_str(&format!("\nnote: {n}"));
        }
        let text = &texts[&f.rel];
        out.entry(uri(&f.path)).or_default().push(json!({
            "code": d.code.as_str(),
            "range": lsp_range(text, d.span.start as usize, d.span.end.max(d.span.start) as usize),
            "message": message,
        }));
    }
    out
}

fn essentials(diags: &Value) -> Vec<Value> {
    diags
        .as_array()
        .unwrap()
        .iter()
        .map(|d| json!({"code": d["code"], "range": d["range"], "message": d["message"]}))
        .collect()
}

async fn run(seed: u64, sessions: usize) {
    let root = example_copy("stress");
    let disk = project_files(&root);
    let files: Vec<String> = disk.keys().cloned().collect();
    let mut c = Client::start();
    c.initialize(&root, &["utf-16"], json!(null)).await;
    let mut s = Session {
        c,
        root: root.clone(),
        rng: Rng::new(seed),
        disk,
        open: HashMap::new(),
        requests: 0,
        errors: 0,
    };
    for i in 0..sessions {
        s.session(&files).await;
        if (i + 1) % 200 == 0 {
            s.check(seed).await;
        }
    }
    // Malformed frames were answered with parse errors, never ending the session.
    let parse_errors =
        s.c.log
            .iter()
            .filter(|m| m["error"]["code"] == -32700)
            .count();
    let diagnostics = s.check(seed).await;
    // Still serving after everything.
    let r = s.call("shutdown", json!(null)).await;
    assert!(r.get("result").is_some(), "{r}");
    eprintln!(
        "seed {seed}: {sessions} sessions, {} requests ({} answered with errors), {} parse errors, {} files open at the end, {} diagnostics",
        s.requests,
        s.errors,
        parse_errors,
        s.open.len(),
        diagnostics
    );
    assert!(parse_errors > 0, "no malformed frame was sent");
    let _ = std::fs::remove_dir_all(&root);
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_edit_sessions_end_with_the_diagnostics_of_a_fresh_check() {
    let seed = env_num("SWITCHBOARD_LSP_STRESS_SEED", 0x5eed_1234);
    let sessions = env_num("SWITCHBOARD_LSP_STRESS_SESSIONS", 600) as usize;
    run(seed, sessions).await;
}
