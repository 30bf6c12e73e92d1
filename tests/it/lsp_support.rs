//! A minimal LSP client driving the server in-process over JSON-RPC framed messages.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};

pub struct Client {
    w: DuplexStream,
    r: BufReader<DuplexStream>,
    next: i64,
    /// Notifications received so far (and server requests), in order.
    pub log: Vec<Value>,
    /// Requests the server sent to the client.
    pub server_requests: Vec<Value>,
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

impl Client {
    pub fn start() -> Client {
        let (cw, sr) = tokio::io::duplex(1 << 22);
        let (sw, cr) = tokio::io::duplex(1 << 22);
        tokio::spawn(switchboard::lsp::transport::serve(sr, sw));
        Client {
            w: cw,
            r: BufReader::new(cr),
            next: 1,
            log: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    pub async fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).unwrap();
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.w.write_all(frame.as_bytes()).await.unwrap();
        self.w.flush().await.unwrap();
    }

    pub async fn send_raw(&mut self, body: &str) {
        let frame = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.w.write_all(frame.as_bytes()).await.unwrap();
        self.w.flush().await.unwrap();
    }

    async fn recv(&mut self) -> Value {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            self.r.read_line(&mut line).await.unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().unwrap();
            }
        }
        let mut buf = vec![0; len];
        self.r.read_exact(&mut buf).await.unwrap();
        serde_json::from_slice(&buf).unwrap()
    }

    /// Receive one message, answering server requests with `null`.
    async fn pump(&mut self) -> Value {
        let m = tokio::time::timeout(Duration::from_secs(20), self.recv())
            .await
            .expect("no message from the server within 20 s");
        if m.get("method").is_some() && m.get("id").is_some() {
            self.server_requests.push(m.clone());
            let id = m["id"].clone();
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                .await;
        }
        m
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Send a request; the whole response (`result` or `error`).
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            let m = self.pump().await;
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                return m;
            }
            self.log.push(m);
        }
    }

    /// Send a request and return its result, panicking on an error.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params).await;
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// `textDocument/definition` at `line`:`character` (0-based) of `path`.
    pub async fn definition(&mut self, path: &Path, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/definition",
            json!({"textDocument": td(path), "position": pos(line, character)}),
        )
        .await
    }

    /// `textDocument/references` at `line`:`character` (0-based) of `path`.
    pub async fn references(
        &mut self,
        path: &Path,
        line: u32,
        character: u32,
        include_declaration: bool,
    ) -> Value {
        self.request(
            "textDocument/references",
            json!({"textDocument": td(path), "position": pos(line, character), "context": {"includeDeclaration": include_declaration}}),
        )
        .await
    }

    pub async fn initialize(&mut self, root: &Path, encodings: &[&str], options: Value) -> Value {
        let r = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(root),
                    "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
                    "capabilities": {
                        "general": {"positionEncodings": encodings},
                        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
                    },
                    "initializationOptions": options,
                }),
            )
            .await;
        self.notify("initialized", json!({})).await;
        r
    }

    /// The next `publishDiagnostics` for a URI ending in `suffix` satisfying `pred` (earlier
    /// ones are skipped).
    pub async fn diagnostics_where(
        &mut self,
        suffix: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
        let matches = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(suffix))
                && pred(&m["params"]["diagnostics"])
        };
        if let Some(i) = self.log.iter().rposition(matches) {
            let m = self.log[i].clone();
            self.log.drain(..=i);
            return m["params"]["diagnostics"].clone();
        }
        loop {
            let m = self.pump().await;
            if matches(&m) {
                return m["params"]["diagnostics"].clone();
            }
            self.log.push(m);
        }
    }

    pub async fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "yaml", "version": 1, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, path: &Path, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": changes}),
        )
        .await;
    }
}

/// A fresh copy of a project (relative path, text) in a temporary folder.
pub fn temp_project(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "switchboard-lsp-{}-{}-{}",
        name,
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    for (rel, text) in files {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// A copy of the example project in a temporary folder.
pub fn example_copy(name: &str) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental");
    let dst = temp_project(name, &[]);
    copy_dir(&src, &dst);
    dst
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for e in std::fs::read_dir(src).unwrap().flatten() {
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), to).unwrap();
        }
    }
}

/// The locations of a reply (`Location[]`) as sorted `path:line:character` strings, paths
/// relative to `root`.
pub fn locations(r: &Value, root: &Path) -> Vec<String> {
    let base = format!("{}/", uri(root));
    let mut found: Vec<String> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let u = l["uri"].as_str().unwrap();
            let rel = u.strip_prefix(&base).unwrap();
            format!(
                "{}:{}:{}",
                rel, l["range"]["start"]["line"], l["range"]["start"]["character"]
            )
        })
        .collect();
    found.sort();
    found
}

pub fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// A `TextDocumentIdentifier` for `path`.
pub fn td(path: &Path) -> Value {
    json!({"uri": uri(path)})
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}
