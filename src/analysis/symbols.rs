//! Scope-aware symbol tables: what every reference kind can resolve to.

use super::Options;
use crate::model::{FunctionScope, Project};
use crate::source::{FileId, Span};
use crate::syntax::python::{CallTarget, PyValue};
use std::collections::{BTreeMap, HashMap};

/// Where a state variable is written and read in code.
#[derive(Clone, Debug, Default)]
pub struct Variable {
    pub writes: Vec<(FileId, Span)>,
    pub reads: Vec<(FileId, Span)>,
}

/// A place where a function performs a transfer itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferSite {
    pub file: FileId,
    pub span: Span,
    /// How: `conv.call_handoff(...)`, a returned handoff dict, or `transfer_call`.
    pub how: &'static str,
}

pub struct Symbols<'p> {
    pub handoffs: HashMap<&'p str, Vec<usize>>,
    pub global_fns: HashMap<&'p str, usize>,
    pub lifecycle_fns: HashMap<&'p str, usize>,
    /// Per flow: transition function name → function index.
    pub flow_fns: Vec<HashMap<&'p str, usize>>,
    /// Per flow: step names (YAML steps' `name` and function steps' stems).
    pub flow_steps: Vec<Vec<&'p str>>,
    pub attributes: HashMap<&'p str, usize>,
    pub sms: HashMap<&'p str, usize>,
    pub entities: HashMap<&'p str, usize>,
    pub translations: HashMap<&'p str, usize>,
    pub variables: BTreeMap<&'p str, Variable>,
    pub builtins: Vec<String>,
    /// Per function: a transfer it performs, directly or through the functions it calls.
    pub transfers: Vec<Option<(Vec<usize>, TransferSite)>>,
    /// Per function: the functions it calls (indices), deduplicated.
    pub calls: Vec<Vec<usize>>,
    /// True when some code passes a destination that cannot be resolved statically.
    pub dynamic_destinations: bool,
    pub integration: crate::config::Integration,
}

impl<'p> Symbols<'p> {
    pub fn build(p: &'p Project, options: &Options) -> Symbols<'p> {
        let mut s = Symbols {
            handoffs: HashMap::new(),
            global_fns: HashMap::new(),
            lifecycle_fns: HashMap::new(),
            flow_fns: vec![HashMap::new(); p.flows.len()],
            flow_steps: vec![Vec::new(); p.flows.len()],
            attributes: HashMap::new(),
            sms: HashMap::new(),
            entities: HashMap::new(),
            translations: HashMap::new(),
            variables: BTreeMap::new(),
            builtins: options.builtin_variables.clone(),
            transfers: Vec::new(),
            calls: Vec::new(),
            dynamic_destinations: false,
            integration: options.integration.clone(),
        };
        for (i, h) in p.handoffs.iter().enumerate() {
            if let Some(n) = &h.name {
                s.handoffs.entry(n.value.as_str()).or_default().push(i);
            }
        }
        for (i, f) in p.functions.iter().enumerate() {
            match f.scope {
                FunctionScope::Global => {
                    s.global_fns.entry(f.name.as_str()).or_insert(i);
                }
                FunctionScope::Lifecycle => {
                    s.lifecycle_fns.entry(f.name.as_str()).or_insert(i);
                }
                FunctionScope::Transition(fl) => {
                    s.flow_fns[fl].entry(f.name.as_str()).or_insert(i);
                }
                FunctionScope::FunctionStep(fl) => s.flow_steps[fl].push(f.name.as_str()),
            }
            for a in &f.facts.state {
                let v = s.variables.entry(a.name.as_str()).or_default();
                if a.write {
                    v.writes.push((f.file, a.span));
                } else {
                    v.reads.push((f.file, a.span));
                }
            }
            let dynamic = |v: &Option<PyValue>| matches!(v, Some(PyValue::Dynamic(_)));
            if f.facts
                .call_handoffs
                .iter()
                .any(|c| dynamic(&c.destination))
                || f.facts
                    .return_transfers
                    .iter()
                    .any(|r| dynamic(&r.destination))
                || f.facts
                    .transfer_calls
                    .iter()
                    .any(|t| dynamic(&t.destination))
            {
                s.dynamic_destinations = true;
            }
        }
        for (fi, fl) in p.flows.iter().enumerate() {
            for st in &fl.steps {
                if let Some(n) = &st.name {
                    s.flow_steps[fi].push(n.value.as_str());
                }
            }
        }
        for (i, a) in p.attributes.iter().enumerate() {
            s.attributes.entry(a.name.value.as_str()).or_insert(i);
        }
        for (i, t) in p.sms_templates.iter().enumerate() {
            s.sms.entry(t.name.value.as_str()).or_insert(i);
        }
        for (i, e) in p.entities.iter().enumerate() {
            s.entities.entry(e.name.value.as_str()).or_insert(i);
        }
        for (i, t) in p.translations.iter().enumerate() {
            s.translations.entry(t.name.value.as_str()).or_insert(i);
        }
        s.calls = p.functions.iter().map(|f| s.callees(p, f)).collect();
        s.transfers = transitive_transfers(p, &s.calls);
        s
    }

    pub fn is_builtin(&self, name: &str) -> bool {
        self.builtins.iter().any(|b| b == name)
    }

    /// A handoff by exact name (the first, when duplicated).
    pub fn handoff(&self, name: &str) -> Option<usize> {
        self.handoffs.get(name).and_then(|v| v.first().copied())
    }

    pub fn handoff_names(&self) -> impl Iterator<Item = &'p str> + '_ {
        let mut v: Vec<&str> = self.handoffs.keys().copied().collect();
        v.sort_unstable();
        v.into_iter()
    }

    /// Functions called by `f`: `conv.functions.x(...)`, `flow.functions.x(...)`, and project
    /// modules imported (`from functions.x import x`).
    fn callees(&self, p: &Project, f: &crate::model::Function) -> Vec<usize> {
        let mut out = Vec::new();
        let flow = f.flow();
        for c in &f.facts.calls {
            let target = match &c.target {
                CallTarget::Conv(n) => self.global_fns.get(n.as_str()).copied(),
                CallTarget::Flow(n) => {
                    flow.and_then(|fl| self.flow_fns[fl].get(n.as_str()).copied())
                }
                CallTarget::Name(_) => None,
            };
            out.extend(target);
        }
        for imp in &f.facts.imports {
            let segs: Vec<&str> = imp.module.split('.').filter(|s| !s.is_empty()).collect();
            let Some(pos) = segs.iter().rposition(|s| *s == "functions") else {
                continue;
            };
            let stems: Vec<&str> = match segs.get(pos + 1) {
                Some(stem) => vec![*stem],
                None => imp.names.iter().map(String::as_str).collect(),
            };
            let in_flow = segs
                .iter()
                .position(|s| *s == "flows")
                .and_then(|i| segs.get(i + 1))
                .and_then(|dir| p.flows.iter().position(|fl| fl.dir == *dir));
            for stem in stems {
                let t = match in_flow {
                    Some(fl) => self.flow_fns[fl].get(stem).copied(),
                    None if segs.first() == Some(&"functions") || pos == 0 => {
                        self.global_fns.get(stem).copied()
                    }
                    None => flow
                        .and_then(|fl| self.flow_fns[fl].get(stem).copied())
                        .or(self.global_fns.get(stem).copied()),
                };
                out.extend(t);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// For every function, a transfer it reaches (with the call chain), computed over the call graph
/// with cycles cut.
fn transitive_transfers(
    p: &Project,
    calls: &[Vec<usize>],
) -> Vec<Option<(Vec<usize>, TransferSite)>> {
    let direct: Vec<Option<TransferSite>> = p
        .functions
        .iter()
        .map(|f| {
            let facts = &f.facts;
            if let Some(c) = facts.call_handoffs.first() {
                return Some(TransferSite {
                    file: f.file,
                    span: first_line(&p.file(f.file).text, c.span),
                    how: "conv.call_handoff(...)",
                });
            }
            if let Some(r) = facts.return_transfers.first() {
                return Some(TransferSite {
                    file: f.file,
                    span: first_line(&p.file(f.file).text, r.span),
                    how: "a returned handoff",
                });
            }
            if let Some(t) = facts.transfer_calls.first() {
                return Some(TransferSite {
                    file: f.file,
                    span: first_line(&p.file(f.file).text, t.span),
                    how: "transfer_call",
                });
            }
            None
        })
        .collect();
    // Breadth-first from each function: the shortest chain to a direct transfer.
    let n = p.functions.len();
    let mut out = Vec::with_capacity(n);
    for start in 0..n {
        if let Some(site) = &direct[start] {
            out.push(Some((vec![start], site.clone())));
            continue;
        }
        let mut prev = vec![usize::MAX; n];
        prev[start] = start;
        let mut queue = std::collections::VecDeque::from([start]);
        let mut found = None;
        while let Some(u) = queue.pop_front() {
            if let Some(site) = &direct[u] {
                found = Some((u, site.clone()));
                break;
            }
            for &v in &calls[u] {
                if prev[v] == usize::MAX {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        out.push(found.map(|(end, site)| {
            let mut chain = vec![end];
            let mut cur = end;
            while cur != start {
                cur = prev[cur];
                chain.push(cur);
            }
            chain.reverse();
            (chain, site)
        }));
    }
    out
}

/// The part of `span` on its first line (a label on a multi-line call reads better on one line).
fn first_line(text: &str, span: Span) -> Span {
    match text.get(span.range()).and_then(|t| t.find(['\n', '\r'])) {
        Some(i) => Span::new(span.start, span.start + i as u32),
        None => span,
    }
}
