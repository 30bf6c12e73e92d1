//! `switchboard graph`: the routing picture. Text sites (rules.txt sections, topics and child
//! topics, steps, custom guardrails' actions) point at the functions and handoffs they reference;
//! functions point at the functions they call and at the handoffs (or hard-coded routes, or
//! run-time destinations) they transfer to. A function reference that performs a code transfer
//! next to a UI handoff (SB301) is drawn as a thick red "conflict" edge; a reference to nothing is
//! a dashed red edge to a red "unresolved" node.
//!
//! Output is Mermaid (`flowchart LR`) or Graphviz DOT, byte-identical for the same project.
//! Node ids are readable (`topic_billing_questions`, `fn_lookup_patient`, `ho_front_desk`) and
//! every label is escaped for its format. Each node keeps where it comes from (a handoff's name,
//! a topic's name, a rules section's heading, a function's `def`, the first reference to a
//! missing name), which the language server's `switchboard/routingGraph` sends with the graph
//! ([`Graph::view`]).

use super::route_out;
use crate::analysis::route::classify;
use crate::analysis::{Options, Symbols};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{FieldKind, FunctionScope, Owner, Project};
use crate::source::{FileId, Span};
use crate::syntax::python::PyValue;
use crate::syntax::template::RefKind;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NodeKind {
    Site,
    Function,
    Handoff,
    Unresolved,
    Dynamic,
    Route,
}

impl NodeKind {
    fn as_str(self) -> &'static str {
        match self {
            NodeKind::Site => "site",
            NodeKind::Function => "function",
            NodeKind::Handoff => "handoff",
            NodeKind::Unresolved => "unresolved",
            NodeKind::Dynamic => "dynamic",
            NodeKind::Route => "route",
        }
    }
    /// Drawn red: a name that resolves to nothing, a run-time or hard-coded destination.
    fn flagged(self) -> bool {
        matches!(
            self,
            NodeKind::Unresolved | NodeKind::Dynamic | NodeKind::Route
        )
    }
}

#[derive(Clone, Debug)]
struct Node {
    id: String,
    /// Label lines.
    label: Vec<String>,
    kind: NodeKind,
    /// Where the node comes from: the file and the span (of its first sighting).
    at: (FileId, Span),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EdgeStyle {
    Normal,
    Conflict,
    Unresolved,
}

impl EdgeStyle {
    fn as_str(self) -> &'static str {
        match self {
            EdgeStyle::Normal => "normal",
            EdgeStyle::Conflict => "conflict",
            EdgeStyle::Unresolved => "unresolved",
        }
    }
}

/// A node as tools see it ([`Graph::view`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeView {
    pub id: String,
    /// `site` (a rules section, topic or step), `function`, `handoff`, `unresolved` (a name
    /// that is defined nowhere), `dynamic` (a destination computed at run time) or `route` (a
    /// hard-coded route that is no handoff's).
    pub kind: &'static str,
    /// Label lines.
    pub label: Vec<String>,
    /// Where it comes from.
    pub file: FileId,
    pub span: Span,
    /// `unresolved`, `dynamic` or `route`: drawn red.
    pub flagged: bool,
    /// At one end of a conflict edge (SB301: a code transfer next to a UI handoff).
    pub conflict: bool,
}

/// An edge as tools see it ([`Graph::view`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdgeView {
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    /// `normal`, `conflict` or `unresolved`.
    pub style: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Edge {
    from: usize,
    to: usize,
    label: Option<String>,
    style: EdgeStyle,
}

/// The routing graph of a project.
#[derive(Default)]
pub struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    keys: HashMap<String, usize>,
    ids: BTreeSet<String>,
}

impl Graph {
    /// The node for `key`, created with `prefix` + clean(`name`) as id on first use.
    #[allow(clippy::too_many_arguments)]
    fn node(
        &mut self,
        key: String,
        prefix: &str,
        name: &str,
        label: Vec<String>,
        kind: NodeKind,
        at: (FileId, Span),
    ) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        let clean = ascii_id(name);
        let base = if clean.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}_{clean}")
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        self.nodes.push(Node {
            id,
            label,
            kind,
            at,
        });
        self.keys.insert(key, self.nodes.len() - 1);
        self.nodes.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize, label: Option<String>, style: EdgeStyle) {
        let e = Edge {
            from,
            to,
            label,
            style,
        };
        if let Some(old) = self
            .edges
            .iter_mut()
            .find(|x| x.from == e.from && x.to == e.to && x.label == e.label)
        {
            // A conflict on any one reference marks the edge.
            if e.style == EdgeStyle::Conflict {
                old.style = EdgeStyle::Conflict;
            }
            return;
        }
        self.edges.push(e);
    }

    /// `(from id, to id, label)` of every edge, in output order (for tests and tools).
    pub fn edges(&self) -> Vec<(String, String, Option<String>)> {
        self.edges
            .iter()
            .map(|e| {
                (
                    self.nodes[e.from].id.clone(),
                    self.nodes[e.to].id.clone(),
                    e.label.clone(),
                )
            })
            .collect()
    }

    /// Node ids, in output order.
    pub fn node_ids(&self) -> Vec<String> {
        self.order()
            .into_iter()
            .map(|i| self.nodes[i].id.clone())
            .collect()
    }

    /// The nodes in output order and the edges, each node with where it comes from.
    pub fn view(&self) -> (Vec<NodeView>, Vec<EdgeView>) {
        let conflict = |i: usize| {
            self.edges
                .iter()
                .any(|e| e.style == EdgeStyle::Conflict && (e.from == i || e.to == i))
        };
        let nodes = self
            .order()
            .into_iter()
            .map(|i| {
                let n = &self.nodes[i];
                NodeView {
                    id: n.id.clone(),
                    kind: n.kind.as_str(),
                    label: n.label.clone(),
                    file: n.at.0,
                    span: n.at.1,
                    flagged: n.kind.flagged(),
                    conflict: conflict(i),
                }
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|e| EdgeView {
                from: self.nodes[e.from].id.clone(),
                to: self.nodes[e.to].id.clone(),
                label: e.label.clone(),
                style: e.style.as_str(),
            })
            .collect();
        (nodes, edges)
    }

    fn order(&self) -> Vec<usize> {
        let mut o: Vec<usize> = (0..self.nodes.len()).collect();
        o.sort_by_key(|&i| (self.nodes[i].kind, i));
        o
    }
}

fn handoff_node(g: &mut Graph, p: &Project, h: usize) -> usize {
    let hd = &p.handoffs[h];
    let mut second = hd.method_name().to_string();
    if let Some(r) = &hd.phone_number {
        let r = classify(&r.value);
        let shown = match &r {
            crate::analysis::route::Route::Invalid { .. } => "invalid route".to_string(),
            _ => r.normalized().unwrap_or_default(),
        };
        second.push(' ');
        second.push_str(&shown);
    }
    let mut label = vec![format!("ho:{}", hd.name())];
    if hd.is_default() {
        label[0].push_str(" (default)");
    }
    label.push(second);
    let at = (hd.file, hd.name.as_ref().map(|n| n.span).unwrap_or(hd.span));
    g.node(
        format!("ho\0{h}"),
        "ho",
        hd.name(),
        label,
        NodeKind::Handoff,
        at,
    )
}

/// The node of a name defined nowhere; `at` is the first reference to it.
fn unresolved_node(g: &mut Graph, kind: &str, name: &str, at: (FileId, Span)) -> usize {
    g.node(
        format!("missing\0{kind}\0{name}"),
        &format!("missing_{kind}"),
        name,
        vec![format!("unresolved {kind}:{name}")],
        NodeKind::Unresolved,
        at,
    )
}

fn function_node(g: &mut Graph, p: &Project, fi: usize) -> usize {
    let f = &p.functions[fi];
    let dir = |fl: usize| p.flows.get(fl).map(|f| f.dir.clone()).unwrap_or_default();
    let (prefix, name, label) = match f.scope {
        FunctionScope::Global => ("fn".to_string(), f.name.clone(), format!("fn:{}", f.name)),
        FunctionScope::Lifecycle => ("lifecycle".into(), f.name.clone(), format!("{}.py", f.name)),
        FunctionScope::Transition(fl) => (
            "ft".into(),
            format!("{}_{}", dir(fl), f.name),
            format!("ft:{}/{}", dir(fl), f.name),
        ),
        FunctionScope::FunctionStep(fl) => (
            "fstep".into(),
            format!("{}_{}", dir(fl), f.name),
            format!("function step {}/{}", dir(fl), f.name),
        ),
    };
    // The `def` named after the file, else the file's start.
    let at = (
        f.file,
        f.main_def().map(|d| d.name_span).unwrap_or_default(),
    );
    g.node(
        format!("fn\0{fi}"),
        &prefix,
        &name,
        vec![label],
        NodeKind::Function,
        at,
    )
}

/// Build the routing graph.
pub fn build(p: &Project, diagnostics: &[Diagnostic], options: &Options) -> Graph {
    let s = Symbols::build(p, options);
    let mut g = Graph::default();
    let conflicts: Vec<(FileId, Span)> = diagnostics
        .iter()
        .filter(|d| d.code == Code::SB301)
        .map(|d| (d.file, d.span))
        .collect();
    // Handoffs first, in file order, so every one is drawn (an unused handoff stands alone).
    let handoff_ids: Vec<usize> = (0..p.handoffs.len())
        .map(|h| handoff_node(&mut g, p, h))
        .collect();
    let handoff_by_name = |name: &str| s.handoff(name).map(|h| handoff_ids[h]);

    // Text sites, in a fixed order: rules sections, topics, steps.
    let mut texts: Vec<usize> = (0..p.texts.len())
        .filter(|&i| {
            let t = &p.texts[i];
            !matches!(t.field, FieldKind::PythonString | FieldKind::HeaderValue)
                && matches!(
                    t.owner,
                    Owner::Rules | Owner::Topic(_) | Owner::Step { .. } | Owner::Guardrail(_)
                )
        })
        .collect();
    let rank = |o: Owner| match o {
        Owner::Rules => (0, 0, 0),
        // Child topics after the topics of `topics/`.
        Owner::Topic(i) => (
            1,
            i + p.topics.get(i).map_or(0, |t| {
                if t.variant.is_some() {
                    p.topics.len()
                } else {
                    0
                }
            }),
            0,
        ),
        Owner::Step { flow, step } => (2, flow, step),
        Owner::Guardrail(i) => (3, i, 0),
        _ => (4, 0, 0),
    };
    texts.sort_by_key(|&i| (rank(p.texts[i].owner), i));
    let mut functions_reached: Vec<usize> = Vec::new();
    for ti in texts {
        let t = &p.texts[ti];
        let file = p.file(t.file);
        for r in &t.refs {
            if !matches!(r.kind, RefKind::Ho | RefKind::Fn | RefKind::Ft) {
                continue;
            }
            let site = match t.owner {
                Owner::Rules => {
                    let sec = t
                        .sections
                        .iter()
                        .position(|sp| sp.contains(r.span.start))
                        .unwrap_or(0);
                    let sp = t.sections.get(sec).copied().unwrap_or_default();
                    let first = file.slice(sp).lines().next().unwrap_or("");
                    let heading = first.trim_start_matches('#').trim();
                    let heading = if first.trim_start().starts_with('#') && !heading.is_empty() {
                        heading.to_string()
                    } else {
                        "(before the first heading)".to_string()
                    };
                    // The section's first line (its heading).
                    let line = Span::new(sp.start, sp.start + first.len() as u32);
                    g.node(
                        format!("rules\0{}\0{sec}", t.file.0),
                        "rules",
                        &heading,
                        vec![format!("rules: {heading}")],
                        NodeKind::Site,
                        (t.file, line),
                    )
                }
                Owner::Topic(i) => {
                    let tp = &p.topics[i];
                    let name = tp
                        .name
                        .as_ref()
                        .map(|n| n.value.clone())
                        .unwrap_or_else(|| crate::project::stem(&p.file(tp.file).rel).to_string());
                    let at = (
                        tp.file,
                        tp.name.as_ref().map(|n| n.span).unwrap_or_default(),
                    );
                    let (prefix, line) = match &tp.variant {
                        Some(v) => ("child_topic", format!("child topic: {name} ({v})")),
                        None => ("topic", format!("topic: {name}")),
                    };
                    g.node(
                        format!("topic\0{i}"),
                        prefix,
                        &name,
                        vec![line],
                        NodeKind::Site,
                        at,
                    )
                }
                Owner::Step { flow, step } => {
                    let fl = &p.flows[flow];
                    let st = &fl.steps[step];
                    let name = st
                        .name
                        .as_ref()
                        .map(|n| n.value.clone())
                        .unwrap_or_else(|| crate::project::stem(&p.file(st.file).rel).to_string());
                    let at = (
                        st.file,
                        st.name.as_ref().map(|n| n.span).unwrap_or_default(),
                    );
                    g.node(
                        format!("step\0{flow}\0{step}"),
                        "step",
                        &format!("{}_{name}", fl.dir),
                        vec![format!("step: {} / {name}", fl.display_name())],
                        NodeKind::Site,
                        at,
                    )
                }
                Owner::Guardrail(i) => {
                    let gr = &p.controls.guardrails[i];
                    g.node(
                        format!("guardrail\0{i}"),
                        "guardrail",
                        &gr.name,
                        vec![format!("guardrail: {}", gr.name)],
                        NodeKind::Site,
                        (gr.file, gr.name_span),
                    )
                }
                _ => continue,
            };
            let conflict = conflicts.contains(&(t.file, r.span));
            match r.kind {
                RefKind::Ho => match handoff_by_name(&r.name) {
                    Some(h) => g.edge(site, h, None, EdgeStyle::Normal),
                    None => {
                        let m = unresolved_node(&mut g, "ho", &r.name, (t.file, r.name_span));
                        g.edge(site, m, Some("unresolved".into()), EdgeStyle::Unresolved);
                    }
                },
                RefKind::Fn | RefKind::Ft => {
                    let target = if r.kind == RefKind::Fn {
                        s.global_fns.get(r.name.as_str()).copied()
                    } else {
                        crate::analysis::references::flow_of(t)
                            .and_then(|fl| s.flow_fns.get(fl))
                            .and_then(|m| m.get(r.name.as_str()).copied())
                    };
                    match target {
                        Some(fi) => {
                            let n = function_node(&mut g, p, fi);
                            if !functions_reached.contains(&fi) {
                                functions_reached.push(fi);
                            }
                            if conflict {
                                g.edge(site, n, Some("conflict".into()), EdgeStyle::Conflict);
                            } else {
                                g.edge(site, n, None, EdgeStyle::Normal);
                            }
                        }
                        None => {
                            let m = unresolved_node(
                                &mut g,
                                r.kind.as_str(),
                                &r.name,
                                (t.file, r.name_span),
                            );
                            g.edge(site, m, Some("unresolved".into()), EdgeStyle::Unresolved);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    // Every function reached through the call graph, then every other function that transfers.
    let mut i = 0;
    while i < functions_reached.len() {
        let fi = functions_reached[i];
        for &c in &s.calls[fi] {
            if !functions_reached.contains(&c) {
                functions_reached.push(c);
            }
        }
        i += 1;
    }
    for (fi, f) in p.functions.iter().enumerate() {
        if !functions_reached.contains(&fi) && !f.facts.transfer_shapes().is_empty() {
            functions_reached.push(fi);
        }
    }
    let routes: Vec<(usize, String)> = p
        .handoffs
        .iter()
        .enumerate()
        .filter_map(|(h, hd)| {
            hd.phone_number
                .as_ref()
                .and_then(|r| classify(&r.value).normalized())
                .map(|n| (h, n))
        })
        .collect();
    let default = p.handoffs.iter().position(|h| h.is_default());
    for &fi in &functions_reached {
        let from = function_node(&mut g, p, fi);
        for &c in &s.calls[fi] {
            let to = function_node(&mut g, p, c);
            g.edge(from, to, Some("calls".into()), EdgeStyle::Normal);
        }
        let f = &p.functions[fi];
        // `call`: the span of the whole call (or returned dict), for a destination without one.
        let dest = |g: &mut Graph,
                    how: &str,
                    call: Span,
                    v: Option<&PyValue>,
                    route: Option<&PyValue>,
                    default_ok: bool| {
            match v {
                Some(PyValue::Dynamic(sp)) => {
                    let d = g.node(
                        format!("dynamic\0{fi}"),
                        "dynamic",
                        &p.functions[fi].name,
                        vec!["destination computed at run time".into()],
                        NodeKind::Dynamic,
                        (f.file, *sp),
                    );
                    g.edge(from, d, Some(how.to_string()), EdgeStyle::Unresolved);
                }
                Some(v) => {
                    for (name, sp) in crate::analysis::transfers::candidates(v) {
                        match handoff_by_name(name) {
                            Some(h) => g.edge(from, h, Some(how.to_string()), EdgeStyle::Normal),
                            None => {
                                let m = unresolved_node(g, "ho", name, (f.file, sp));
                                g.edge(from, m, Some(how.to_string()), EdgeStyle::Unresolved);
                            }
                        }
                    }
                }
                None => {
                    if let Some(lit) = route.and_then(|r| r.literal()) {
                        let norm = route_out(lit).normalized.unwrap_or_else(|| lit.to_string());
                        match routes.iter().find(|(_, n)| *n == norm) {
                            Some(&(h, _)) => g.edge(
                                from,
                                handoff_ids[h],
                                Some(format!("{how} (same route)")),
                                EdgeStyle::Normal,
                            ),
                            None => {
                                let at = route.map(|r| r.span()).unwrap_or(call);
                                let r = g.node(
                                    format!("route\0{norm}"),
                                    "route",
                                    &norm,
                                    vec![format!("hard-coded route {lit}")],
                                    NodeKind::Route,
                                    (f.file, at),
                                );
                                g.edge(from, r, Some(how.to_string()), EdgeStyle::Unresolved);
                            }
                        }
                    } else if default_ok {
                        match default {
                            Some(h) => g.edge(
                                from,
                                handoff_ids[h],
                                Some(format!("{how} (default)")),
                                EdgeStyle::Normal,
                            ),
                            None => {
                                let m = unresolved_node(g, "ho", "(default)", (f.file, call));
                                g.edge(from, m, Some(how.to_string()), EdgeStyle::Unresolved);
                            }
                        }
                    }
                }
            }
        };
        for c in &f.facts.call_handoffs {
            dest(
                &mut g,
                "call_handoff",
                c.span,
                c.destination.as_ref(),
                c.route.as_ref(),
                true,
            );
        }
        for r in &f.facts.return_transfers {
            dest(
                &mut g,
                "return_dict",
                r.span,
                r.destination.as_ref(),
                r.phone_number.as_ref(),
                false,
            );
        }
        for t in &f.facts.transfer_calls {
            dest(
                &mut g,
                "transfer_call",
                t.span,
                t.destination.as_ref(),
                t.route.as_ref(),
                false,
            );
        }
    }
    g
}

fn mermaid_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn dot_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

impl Graph {
    pub fn render(&self, format: GraphFormat) -> String {
        match format {
            GraphFormat::Mermaid => self.mermaid(),
            GraphFormat::Dot => self.dot(),
        }
    }

    pub fn mermaid(&self) -> String {
        let mut s = String::from("flowchart LR\n");
        for i in self.order() {
            let n = &self.nodes[i];
            let label: Vec<String> = n.label.iter().map(|l| mermaid_escape(l)).collect();
            let label = label.join("<br/>");
            let shaped = match n.kind {
                NodeKind::Site => format!("[\"{label}\"]"),
                NodeKind::Function => format!("[[\"{label}\"]]"),
                NodeKind::Handoff => format!("{{{{\"{label}\"}}}}"),
                NodeKind::Unresolved | NodeKind::Dynamic | NodeKind::Route => {
                    format!("([\"{label}\"])")
                }
            };
            let _ = writeln!(s, "  {}{shaped}", n.id);
        }
        let mut red = Vec::new();
        for (k, e) in self.edges.iter().enumerate() {
            let arrow = match e.style {
                EdgeStyle::Normal => "-->",
                EdgeStyle::Conflict => "==>",
                EdgeStyle::Unresolved => "-.->",
            };
            if e.style != EdgeStyle::Normal {
                red.push(k.to_string());
            }
            let label = e
                .label
                .as_ref()
                .map(|l| format!("|\"{}\"|", mermaid_escape(l)))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} {arrow}{label} {}",
                self.nodes[e.from].id, self.nodes[e.to].id
            );
        }
        let flagged: Vec<&str> = self
            .order()
            .into_iter()
            .filter(|&i| {
                matches!(
                    self.nodes[i].kind,
                    NodeKind::Unresolved | NodeKind::Dynamic | NodeKind::Route
                )
            })
            .map(|i| self.nodes[i].id.as_str())
            .collect();
        let conflicted: Vec<&str> = self
            .order()
            .into_iter()
            .filter(|&i| {
                self.edges
                    .iter()
                    .any(|e| e.style == EdgeStyle::Conflict && (e.from == i || e.to == i))
            })
            .map(|i| self.nodes[i].id.as_str())
            .collect();
        if !flagged.is_empty() {
            s.push_str(
                "  classDef unresolved fill:#fff0f0,stroke:#d00,color:#a00,stroke-dasharray:4 3\n",
            );
            let _ = writeln!(s, "  class {} unresolved", flagged.join(","));
        }
        if !conflicted.is_empty() {
            s.push_str("  classDef conflict fill:#fff0f0,stroke:#d00,stroke-width:2px\n");
            let _ = writeln!(s, "  class {} conflict", conflicted.join(","));
        }
        if !red.is_empty() {
            let _ = writeln!(s, "  linkStyle {} stroke:#d00,color:#a00", red.join(","));
        }
        s
    }

    pub fn dot(&self) -> String {
        let mut s = String::from(
            "digraph routing {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
        );
        for i in self.order() {
            let n = &self.nodes[i];
            let label: Vec<String> = n.label.iter().map(|l| dot_escape(l)).collect();
            let label = label.join("\\n");
            let attrs = match n.kind {
                NodeKind::Site => "shape=box",
                NodeKind::Function => "shape=component",
                NodeKind::Handoff => "shape=hexagon",
                NodeKind::Unresolved | NodeKind::Dynamic | NodeKind::Route => {
                    "shape=box, style=\"rounded,dashed\", color=red, fontcolor=red"
                }
            };
            let _ = writeln!(s, "  \"{}\" [label=\"{label}\", {attrs}];", n.id);
        }
        for e in &self.edges {
            let mut attrs = Vec::new();
            if let Some(l) = &e.label {
                attrs.push(format!("label=\"{}\"", dot_escape(l)));
            }
            match e.style {
                EdgeStyle::Normal => {}
                EdgeStyle::Conflict => attrs.push("color=red, fontcolor=red, penwidth=2".into()),
                EdgeStyle::Unresolved => {
                    attrs.push("color=red, fontcolor=red, style=dashed".into())
                }
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!(" [{}]", attrs.join(", "))
            };
            let _ = writeln!(
                s,
                "  \"{}\" -> \"{}\"{attrs};",
                self.nodes[e.from].id, self.nodes[e.to].id
            );
        }
        s.push_str("}\n");
        s
    }
}

/// A node id part for Mermaid and DOT: lower-case ASCII letters and digits, runs of anything else
/// as one `_` (`"Opening Hours & Locations"` → `opening_hours_locations`). Ids stay plain ASCII
/// so that every renderer accepts them; labels carry the names as written.
fn ascii_id(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending = false;
    for ch in name.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            pending = true;
        }
    }
    out
}
