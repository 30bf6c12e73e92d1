//! `switchboard/routingGraph`: the routing graph of the project holding a URI, as `switchboard
//! graph` computes it ([`crate::compile::graph`]), with each node's source location.
//!
//! Params `{ "uri": "file:///…" }`: a document of the project, a folder inside it, or its root.
//! Result `null` when the URI is in no project, else:
//!
//! ```json
//! { "root": "file:///…/harbor-dental",
//!   "nodes": [ { "id": "ho_front_desk", "kind": "handoff", "label": ["ho:Front Desk (default)", "refer +14155550100"],
//!                "location": { "uri": "file:///…/config/handoffs.yaml", "range": { … } },
//!                "flagged": false, "conflict": false } ],
//!   "edges": [ { "from": "topic_billing_questions", "to": "ho_front_desk", "label": null, "style": "normal" } ],
//!   "mermaid": "flowchart LR\n…" }
//! ```
//!
//! `kind` is `site`, `function`, `handoff`, `unresolved`, `dynamic` or `route`; `flagged` marks
//! the red nodes (unresolved, dynamic, route), `conflict` a node at an end of a conflict edge
//! (SB301); an edge's `style` is `normal`, `conflict` or `unresolved`. `mermaid` is byte for byte
//! what `switchboard graph` prints for the project as the editor holds it. Documented in
//! `docs/lsp.md`.

use super::convert::{range, uri_of};
use super::{Backend, guarded, path_of};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::Uri;

/// The request's method name.
pub const METHOD: &str = "switchboard/routingGraph";

#[derive(Debug, Deserialize)]
pub struct RoutingGraphParams {
    /// A document of the project, a folder in it, or its root.
    pub uri: Uri,
}

impl Backend {
    /// The handler of [`METHOD`].
    pub async fn routing_graph(&self, params: RoutingGraphParams) -> Result<Option<Value>> {
        tokio::task::yield_now().await;
        let path = path_of(&params.uri)?;
        let (snap, unit) = {
            let mut st = self.state();
            let unit = st.encoding;
            let snap = guarded("analysis", || Ok(st.snapshot_around(&path)))?;
            (snap, unit)
        };
        let Some(snap) = snap else {
            return Ok(None);
        };
        guarded("routingGraph", || {
            let p = &snap.project;
            let g = crate::compile::graph::build(p, &snap.diagnostics, snap.options());
            let (nodes, edges) = g.view();
            let nodes: Vec<Value> = nodes
                .into_iter()
                .map(|n| {
                    let location = p.files.get(n.file.0 as usize).and_then(|f| {
                        uri_of(&f.path).map(
                            |uri| json!({ "uri": uri.as_str(), "range": range(f, n.span, unit) }),
                        )
                    });
                    json!({
                        "id": n.id,
                        "kind": n.kind,
                        "label": n.label,
                        "location": location,
                        "flagged": n.flagged,
                        "conflict": n.conflict,
                    })
                })
                .collect();
            let edges: Vec<Value> = edges
                .into_iter()
                .map(|e| json!({ "from": e.from, "to": e.to, "label": e.label, "style": e.style }))
                .collect();
            Ok(Some(json!({
                "root": uri_of(&p.root).map(|u| u.as_str().to_string()),
                "nodes": nodes,
                "edges": edges,
                "mermaid": g.mermaid(),
            })))
        })
    }
}
