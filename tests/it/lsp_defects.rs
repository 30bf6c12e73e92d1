//! Defects seen with a real VS Code and not by the other protocol tests: diagnostics listed twice
//! (pushed and pulled), projects without `project.yaml` not served, errors for files of no
//! project, `exit` not ending the process, a semantic token legend coloured like strings; and one
//! seen with Emacs (eglot): a file opened after its diagnostics were pushed never got them.

use crate::lsp_support::{Client, example_copy, pos, range, td, temp_project, uri};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What VS Code declares: document and workspace pull, with refresh.
fn pull_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {"diagnostic": {"dynamicRegistration": true, "relatedDocumentSupport": false}},
        "workspace": {
            "diagnostics": {"refreshSupport": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true}
        }
    })
}

/// A client without pull diagnostics.
fn push_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
        "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
    })
}

async fn initialize(c: &mut Client, folder: &Path, capabilities: Value) -> Value {
    let r = c
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(folder),
                "workspaceFolders": [{"uri": uri(folder), "name": "ws"}],
                "capabilities": capabilities,
            }),
        )
        .await;
    c.notify("initialized", json!({})).await;
    r
}

/// A finding as (file path, line, code).
type Finding = (String, u64, String);

/// What `switchboard check --format short` reports for a project, as findings.
fn check(root: &Path) -> Vec<Finding> {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["check", "--format", "short"])
        .arg(root)
        .output()
        .expect("run switchboard check");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut found = Vec::new();
    for line in text.lines() {
        // path:line:col: severity[CODE] message
        let Some((loc, rest)) = line.split_once(": ") else {
            continue;
        };
        let mut parts = loc.rsplitn(3, ':');
        let (_col, l, path) = (parts.next(), parts.next(), parts.next());
        let (Some(l), Some(path)) = (l, path) else {
            continue;
        };
        let code = rest
            .split_once('[')
            .and_then(|(_, r)| r.split_once(']'))
            .map(|(c, _)| c.to_string())
            .unwrap();
        found.push((path.to_string(), l.parse::<u64>().unwrap() - 1, code));
    }
    found.sort();
    found
}

fn path_of_uri(u: &str) -> String {
    u.strip_prefix("file://").unwrap().replace("%20", " ")
}

/// The findings in a workspace diagnostic report (full reports only).
fn findings_of_workspace_report(r: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    for item in r["items"].as_array().unwrap() {
        assert_eq!(item["kind"], "full", "{item}");
        let path = path_of_uri(item["uri"].as_str().unwrap());
        for d in item["items"].as_array().unwrap() {
            out.push((
                path.clone(),
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            ));
        }
    }
    out.sort();
    out
}

fn publishes(c: &Client) -> Vec<&Value> {
    c.log
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect()
}

#[tokio::test]
async fn a_pull_client_gets_each_finding_once_and_nothing_pushed() {
    let root = example_copy("pull");
    let expected = check(&root);
    assert!(expected.len() >= 5, "{expected:?}");
    let mut c = Client::start();
    let init = initialize(&mut c, &root, pull_capabilities()).await;
    let provider = &init["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["workspaceDiagnostics"], true, "{provider}");
    assert_eq!(provider["interFileDependencies"], true);
    // The workspace pull lists every finding of `check`, each once.
    let r = c
        .request(
            "workspace/diagnostic",
            json!({"identifier": "switchboard", "previousResultIds": []}),
        )
        .await;
    assert_eq!(findings_of_workspace_report(&r), expected);
    // The document pull of an open file agrees, and its id is the workspace report's.
    let pp = root.join("topics/payment_plans.yaml");
    let text = std::fs::read_to_string(&pp).unwrap();
    c.open(&pp, &text).await;
    let d = c
        .request("textDocument/diagnostic", json!({"textDocument": td(&pp)}))
        .await;
    assert_eq!(d["kind"], "full");
    assert_eq!(d["items"].as_array().unwrap().len(), 1);
    assert_eq!(d["items"][0]["range"], range(11, 39, 11, 51));
    let ws_item = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["uri"]
                .as_str()
                .unwrap()
                .ends_with("topics/payment_plans.yaml")
        })
        .unwrap();
    assert_eq!(d["resultId"], ws_item["resultId"]);
    // Pulling again with the ids held: everything unchanged.
    let held: Vec<Value> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"uri": i["uri"], "value": i["resultId"]}))
        .collect();
    let again = c
        .request(
            "workspace/diagnostic",
            json!({"previousResultIds": held.clone()}),
        )
        .await;
    assert!(
        again["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["kind"] == "unchanged"),
        "{again}"
    );
    let same = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": td(&pp), "previousResultId": d["resultId"]}),
        )
        .await;
    assert_eq!(same["kind"], "unchanged");
    // Fix the broken handoff: the file's findings go; the next workspace pull clears them.
    c.change(
        &pp,
        2,
        json!([{"range": range(11, 39, 11, 51), "text": "billing"}]),
    )
    .await;
    let d = c
        .request("textDocument/diagnostic", json!({"textDocument": td(&pp)}))
        .await;
    assert_eq!(d["items"], json!([]));
    let after = c
        .request("workspace/diagnostic", json!({"previousResultIds": held}))
        .await;
    let pp_item = after["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["uri"]
                .as_str()
                .unwrap()
                .ends_with("topics/payment_plans.yaml")
        })
        .expect("a report clearing payment_plans.yaml");
    assert_eq!(pp_item["kind"], "full");
    assert_eq!(pp_item["items"], json!([]));
    assert_eq!(pp_item["version"], 2);
    // Nothing was pushed, not even after a while.
    tokio::time::sleep(Duration::from_millis(300)).await;
    c.request("workspace/symbol", json!({"query": "billing"}))
        .await;
    assert!(publishes(&c).is_empty(), "{:?}", publishes(&c));
}

#[tokio::test]
async fn a_push_client_gets_publishes_and_no_diagnostic_provider() {
    let root = example_copy("push");
    let expected = check(&root);
    let mut c = Client::start();
    let init = initialize(&mut c, &root, push_capabilities()).await;
    assert!(
        init["capabilities"].get("diagnosticProvider").is_none(),
        "{}",
        init["capabilities"]
    );
    // Every file with findings is published, unopened ones too, with check's findings.
    assert_eq!(published_findings(&mut c, expected.len()).await, expected);
}

/// The findings of the latest publish of each file, once they add up to `want` (20 s at most).
async fn published_findings(c: &mut Client, want: usize) -> Vec<Finding> {
    let start = Instant::now();
    loop {
        let mut latest: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
        for m in publishes(c) {
            let path = path_of_uri(m["params"]["uri"].as_str().unwrap());
            let list = m["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    (
                        path.clone(),
                        d["range"]["start"]["line"].as_u64().unwrap(),
                        d["code"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            latest.insert(path, list);
        }
        let mut all: Vec<Finding> = latest.into_values().flatten().collect();
        all.sort();
        if all.len() >= want || start.elapsed() > Duration::from_secs(20) {
            return all;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        c.request("workspace/symbol", json!({"query": "zzz"})).await;
    }
}

/// eglot keeps pushed diagnostics only for files it has open: a file opened after the server
/// published its (unchanged) diagnostics must get them again, with the document's version.
#[tokio::test]
async fn a_file_opened_after_its_diagnostics_were_pushed_gets_them_again() {
    let root = example_copy("reopen");
    let mut c = Client::start();
    initialize(&mut c, &root, push_capabilities()).await;
    // Every file's diagnostics pushed once, unopened.
    let expected = check(&root);
    assert_eq!(published_findings(&mut c, expected.len()).await, expected);
    let d = publishes(&c)
        .into_iter()
        .rfind(|m| {
            m["params"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("topics/new_patients.yaml")
        })
        .map(|m| m["params"]["diagnostics"].clone())
        .unwrap();
    assert_eq!(d[0]["code"], "SB213");
    let file = root.join("topics/new_patients.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    c.log.clear();
    c.open(&file, &text).await;
    let mut again = None;
    for _ in 0..200 {
        c.request("workspace/symbol", json!({"query": "zzz"})).await;
        again = publishes(&c)
            .into_iter()
            .find(|m| {
                m["params"]["uri"]
                    .as_str()
                    .unwrap()
                    .ends_with("topics/new_patients.yaml")
            })
            .cloned();
        if again.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let again = again.expect("the opened file's diagnostics are pushed again");
    assert_eq!(again["params"]["diagnostics"], d);
    assert_eq!(again["params"]["version"], 1);
    // The other files' unchanged diagnostics are not sent again.
    assert!(
        publishes(&c).iter().all(|m| m["params"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("topics/new_patients.yaml")),
        "{:?}",
        publishes(&c)
    );
}

/// A workspace folder holding two copies of the example: `with/` (with `project.yaml`) and
/// `without/` (its `project.yaml` removed), and a notes folder of no project.
fn two_project_workspace(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let ws = temp_project(name, &[("notes/todo.yaml", "todo: [call the dentist]\n")]);
    let with = ws.join("with");
    let without = ws.join("agents/without");
    std::fs::create_dir_all(ws.join("agents")).unwrap();
    std::fs::rename(example_copy(&format!("{name}-a")), &with).unwrap();
    std::fs::rename(example_copy(&format!("{name}-b")), &without).unwrap();
    std::fs::remove_file(without.join("project.yaml")).unwrap();
    (ws, with, without)
}

#[tokio::test]
async fn every_project_of_a_workspace_folder_is_served_with_or_without_project_yaml() {
    let (ws, with, without) = two_project_workspace("multi");
    let mut expected = check(&with);
    expected.extend(check(&without));
    expected.sort();
    assert!(
        expected.iter().any(|f| f.0.contains("/agents/without/")),
        "{expected:?}"
    );
    // Pull model: one workspace report covers both projects.
    let mut c = Client::start();
    initialize(&mut c, &ws, pull_capabilities()).await;
    let r = c
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    assert_eq!(findings_of_workspace_report(&r), expected);
    // Requests on a file of the project without project.yaml are served.
    let pp = without.join("topics/payment_plans.yaml");
    c.open(&pp, &std::fs::read_to_string(&pp).unwrap()).await;
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": td(&pp), "position": pos(11, 45)}),
        )
        .await;
    assert!(h["contents"]["value"].is_string(), "{h}");
    let rules = without.join("agent_settings/rules.txt");
    let d = c
        .request(
            "textDocument/definition",
            json!({"textDocument": td(&rules), "position": pos(20, 95)}),
        )
        .await;
    assert!(
        d[0]["uri"]
            .as_str()
            .unwrap()
            .ends_with("agents/without/config/handoffs.yaml"),
        "{d}"
    );
    // Push model: both projects' findings are published.
    let mut p = Client::start();
    initialize(&mut p, &ws, push_capabilities()).await;
    assert_eq!(published_findings(&mut p, expected.len()).await, expected);
}

#[tokio::test]
async fn a_project_made_on_disk_later_is_found_and_a_pull_client_asked_to_pull_again() {
    let (ws, _, _) = two_project_workspace("later");
    let mut c = Client::start();
    initialize(&mut c, &ws, pull_capabilities()).await;
    let before = c
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    assert!(
        !findings_of_workspace_report(&before)
            .iter()
            .any(|f| f.0.contains("/late/")),
        "{before}"
    );
    // A third project appears: a topic with a broken handoff and a handoffs file, no
    // project.yaml.
    let late = ws.join("late");
    std::fs::create_dir_all(late.join("topics")).unwrap();
    std::fs::create_dir_all(late.join("config")).unwrap();
    std::fs::write(late.join("config/handoffs.yaml"), "handoffs:\n- name: desk\n  description: Front desk\n  sip_config:\n    method: invite\n    phone_number: '+14155550100'\n").unwrap();
    let topic = late.join("topics/refunds.yaml");
    std::fs::write(&topic, "name: Refunds\nenabled: true\nexample_queries:\n- refund\ncontent: Refunds take a week.\nactions: Transfer to {{ho:deskk}}.\n").unwrap();
    let refreshes = |c: &Client| {
        c.server_requests
            .iter()
            .filter(|r| r["method"] == "workspace/diagnostic/refresh")
            .count()
    };
    let asked_before = refreshes(&c);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [
            {"uri": uri(&late.join("config/handoffs.yaml")), "type": 1},
            {"uri": uri(&topic), "type": 1}
        ]}),
    )
    .await;
    let start = Instant::now();
    while refreshes(&c) == asked_before && start.elapsed() < Duration::from_secs(10) {
        c.request("workspace/symbol", json!({"query": "zzz"})).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(refreshes(&c), asked_before + 1, "{:?}", c.server_requests);
    let after = c
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let late_findings: Vec<Finding> = findings_of_workspace_report(&after)
        .into_iter()
        .filter(|f| f.0.contains("/late/"))
        .collect();
    assert_eq!(late_findings, check(&late));
    assert!(
        late_findings.iter().any(|f| f.2 == "SB201"),
        "{late_findings:?}"
    );
}

#[tokio::test]
async fn requests_on_files_of_no_project_get_empty_results() {
    let (ws, with, _) = two_project_workspace("outside");
    let mut c = Client::start();
    initialize(&mut c, &ws, pull_capabilities()).await;
    let notes = ws.join("notes/todo.yaml");
    let readme = with.join("README.md");
    for file in [&notes, &readme] {
        c.open(file, &std::fs::read_to_string(file).unwrap()).await;
        let at = json!({"textDocument": td(file), "position": pos(0, 2)});
        for (method, params) in [
            ("textDocument/hover", at.clone()),
            ("textDocument/definition", at.clone()),
            ("textDocument/completion", at.clone()),
            ("textDocument/documentHighlight", at.clone()),
            ("textDocument/prepareRename", at.clone()),
            (
                "textDocument/references",
                json!({"textDocument": td(file), "position": pos(0, 2), "context": {"includeDeclaration": true}}),
            ),
            (
                "textDocument/rename",
                json!({"textDocument": td(file), "position": pos(0, 2), "newName": "x"}),
            ),
            (
                "textDocument/codeAction",
                json!({"textDocument": td(file), "range": range(0, 0, 0, 1), "context": {"diagnostics": []}}),
            ),
            (
                "textDocument/inlayHint",
                json!({"textDocument": td(file), "range": range(0, 0, 1, 0)}),
            ),
            (
                "textDocument/semanticTokens/full",
                json!({"textDocument": td(file)}),
            ),
            (
                "textDocument/documentSymbol",
                json!({"textDocument": td(file)}),
            ),
        ] {
            let r = c.call(method, params).await;
            assert!(r.get("error").is_none(), "{method} on {file:?}: {r}");
            let result = &r["result"];
            assert!(
                result.is_null() || result == &json!([]),
                "{method} on {file:?}: {result}"
            );
        }
        let d = c
            .request("textDocument/diagnostic", json!({"textDocument": td(file)}))
            .await;
        assert_eq!(d["kind"], "full");
        assert_eq!(d["items"], json!([]));
    }
}

#[tokio::test]
async fn the_semantic_token_legend_avoids_types_themes_colour_like_strings() {
    let root = example_copy("legend");
    let mut c = Client::start();
    let init = initialize(&mut c, &root, push_capabilities()).await;
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    assert_eq!(
        legend["tokenTypes"],
        json!([
            "keyword",
            "function",
            "method",
            "interface",
            "typeParameter",
            "struct",
            "enum",
            "type",
            "namespace"
        ])
    );
    assert_eq!(legend["tokenModifiers"], json!(["unresolved"]));
    // Light+/Light Modern colour these like YAML strings (#0000ff, #a31515) or nearly so
    // (#001080, #0070c1); Dark+/Dark Modern like their strings (#ce9178).
    for t in legend["tokenTypes"].as_array().unwrap() {
        assert!(
            ![
                "string",
                "variable",
                "parameter",
                "property",
                "event",
                "enumMember",
                "macro",
                "regexp"
            ]
            .contains(&t.as_str().unwrap()),
            "{t}"
        );
    }
    // A handoff reference is a keyword token; a function reference a function token.
    let pp = root.join("topics/payment_plans.yaml");
    let r = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": td(&pp)}),
        )
        .await;
    assert_eq!(r["data"], json!([11, 34, 19, 0, 1]));
}

// ---------------------------------------------------------------------------------------------
// The real binary over stdio, its stdin kept open.

fn frame(v: Value) -> Vec<u8> {
    let body = v.to_string();
    format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
}

/// Start `switchboard lsp`, send `messages` without closing stdin, and return its exit code
/// (`None` if it was still running after `within`) and what it wrote.
fn run_real_server(messages: &[Value], within: Duration) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start switchboard lsp");
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    });
    for m in messages {
        stdin.write_all(&frame(m.clone())).unwrap();
        stdin.flush().unwrap();
        // One at a time, as a client waits for the answer to `shutdown` before `exit`.
        std::thread::sleep(Duration::from_millis(100));
    }
    let start = Instant::now();
    let code = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code();
        }
        if start.elapsed() > within {
            let _ = child.kill();
            let _ = child.wait();
            drop(stdin);
            return (None, reader.join().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    (code, reader.join().unwrap())
}

fn initialize_message() -> Value {
    json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
           "params": {"processId": null, "rootUri": null, "capabilities": {}}})
}

#[test]
fn exit_after_shutdown_ends_the_process_with_code_0_while_stdin_stays_open() {
    let (code, out) = run_real_server(
        &[
            initialize_message(),
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ],
        Duration::from_secs(5),
    );
    assert_eq!(
        code,
        Some(0),
        "the server did not exit with 0; it wrote:\n{out}"
    );
    assert!(out.contains(r#""id":2"#), "no answer to shutdown:\n{out}");
}

#[test]
fn exit_without_shutdown_ends_the_process_with_code_1() {
    let (code, out) = run_real_server(
        &[
            initialize_message(),
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "exit"}),
        ],
        Duration::from_secs(5),
    );
    assert_eq!(
        code,
        Some(1),
        "the server did not exit with 1; it wrote:\n{out}"
    );
}
