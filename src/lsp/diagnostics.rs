//! Diagnostics for the client, in the model it negotiated: pushed (`publishDiagnostics` for every
//! file whose diagnostics changed) or pulled (`textDocument/diagnostic`, `workspace/diagnostic`).
//!
//! A pulled report's result id is a hash of the file's diagnostics as sent, so a client that
//! already holds them gets an `unchanged` report, and the two pulls (document and workspace) agree
//! on ids.

use super::convert::{self, LspDiagnostic, uri_of};
use super::state::{Doc, Snap, State};
use crate::source::{ColumnUnit, FileId};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::*;

/// Every file's diagnostics in every snapshot, by path (files without findings are absent).
pub fn by_file(snaps: &[Arc<Snap>], unit: ColumnUnit) -> HashMap<PathBuf, Vec<LspDiagnostic>> {
    let mut now: HashMap<PathBuf, Vec<LspDiagnostic>> = HashMap::new();
    for s in snaps {
        for d in &s.diagnostics {
            let path = &s.project.file(d.file).path;
            let lsp = convert::diagnostic(&s.project, d, unit);
            match now.get_mut(path) {
                Some(v) => v.push(lsp),
                None => {
                    now.insert(path.clone(), vec![lsp]);
                }
            }
        }
    }
    now
}

/// Push the diagnostics of every project file whose diagnostics changed since last time.
pub async fn publish(state: &Mutex<State>, client: &Client) {
    let out: Vec<(Uri, Vec<Diagnostic>, Option<i32>)> = {
        let mut st = super::lock(state);
        let unit = st.encoding;
        let snaps = match std::panic::catch_unwind(AssertUnwindSafe(|| st.snapshots())) {
            Ok(s) => s,
            Err(_) => {
                eprintln!("switchboard lsp: analysis panicked; diagnostics not updated");
                return;
            }
        };
        // Only files with findings now or at the last publish can have changed: the cost is in
        // the number of findings, not of files.
        let mut now = by_file(&snaps, unit);
        let mut out = Vec::new();
        for (path, diags) in &now {
            if st.published.get(path) != Some(diags) {
                let version = st.docs.get(path).map(|d| d.version);
                if let Some(uri) = uri_of(path) {
                    out.push((uri, diags.clone(), version));
                }
            }
        }
        for path in st.published.keys() {
            if !now.contains_key(path)
                && let Some(uri) = uri_of(path)
            {
                let version = st.docs.get(path).map(|d| d.version);
                out.push((uri, Vec::new(), version));
            }
        }
        now.retain(|_, d| !d.is_empty());
        st.published = now;
        out
    };
    for (uri, diags, version) in out {
        client.publish_diagnostics(uri, diags, version).await;
    }
}

/// The result id of a file's diagnostics: a hash of them as sent.
pub fn result_id(diags: &[LspDiagnostic]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(diags)
        .unwrap_or_default()
        .hash(&mut h);
    format!("{:016x}", h.finish())
}

fn report(items: Vec<LspDiagnostic>, previous: Option<&str>) -> DocumentDiagnosticReportResult {
    let id = result_id(&items);
    let report = if previous == Some(id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                result_id: id,
            },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(id),
                items,
            },
        })
    };
    DocumentDiagnosticReportResult::Report(report)
}

/// `textDocument/diagnostic` for a file of a project.
pub fn document_report(
    snap: &Snap,
    file: FileId,
    unit: ColumnUnit,
    previous: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let items = snap
        .diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(|d| convert::diagnostic(&snap.project, d, unit))
        .collect();
    report(items, previous)
}

/// `textDocument/diagnostic` for a document of no project: no findings.
pub fn empty_report(previous: Option<&str>) -> DocumentDiagnosticReportResult {
    report(Vec::new(), previous)
}

/// `workspace/diagnostic`: every file with findings (`unchanged` where the client holds its
/// current result id), and an empty report for every file the client holds findings for that
/// has none now.
pub fn workspace_report(
    snaps: &[Arc<Snap>],
    unit: ColumnUnit,
    docs: &HashMap<PathBuf, Doc>,
    previous: &[PreviousResultId],
) -> WorkspaceDiagnosticReport {
    let held: HashMap<PathBuf, &str> = previous
        .iter()
        .filter_map(|p| Some((p.uri.to_file_path()?.into_owned(), p.value.as_str())))
        .collect();
    let now = by_file(snaps, unit);
    let mut paths: Vec<&PathBuf> = now.keys().collect();
    paths.sort();
    let empty = result_id(&[]);
    let mut items = Vec::new();
    let mut entry = |path: &PathBuf, diags: Vec<LspDiagnostic>| {
        let Some(uri) = uri_of(path) else { return };
        let version = docs.get(path).map(|d| i64::from(d.version));
        let id = result_id(&diags);
        items.push(if held.get(path) == Some(&id.as_str()) {
            WorkspaceDocumentDiagnosticReport::Unchanged(
                WorkspaceUnchangedDocumentDiagnosticReport {
                    uri,
                    version,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: id,
                    },
                },
            )
        } else {
            WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                uri,
                version,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(id),
                    items: diags,
                },
            })
        });
    };
    for path in paths {
        entry(path, now[path].clone());
    }
    let mut gone: Vec<(&PathBuf, &&str)> = held
        .iter()
        .filter(|(p, id)| !now.contains_key(*p) && **id != empty)
        .collect();
    gone.sort();
    for (path, _) in gone {
        entry(path, Vec::new());
    }
    WorkspaceDiagnosticReport { items }
}
