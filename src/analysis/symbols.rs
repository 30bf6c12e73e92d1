//! Scope-aware symbol tables: what every reference kind can resolve to.

use super::Options;
use crate::model::{FunctionScope, Project};
use crate::source::{FileId, Span};
use crate::syntax::python::{CallTarget, PyValue};
use crate::text::Suggester;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// `builtins` as a set.
    builtin_set: HashSet<String>,
    /// The names of `variables` that some code writes, hashed: every `$name` of every text is
    /// looked up here (the ordered map compares strings at each level).
    written_set: HashSet<&'p str>,
    /// Per flow: its step names as a set.
    pub flow_step_set: Vec<HashSet<&'p str>>,
    /// Flow `name` → the first flow with it; flow folder → the first flow in it.
    pub flow_by_name: HashMap<&'p str, usize>,
    pub flow_by_dir: HashMap<&'p str, usize>,
    /// Transition function name → the flows defining one, ascending.
    pub transition_flows: HashMap<&'p str, Vec<usize>>,
    /// The first handoff marked `is_default: true`.
    pub default_handoff: Option<usize>,
    suggesters: Suggesters,
}

/// A did-you-mean candidate set of the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Candidates {
    Handoffs,
    GlobalFns,
    /// The transition functions of one flow.
    FlowFns(usize),
    /// The step names of one flow.
    FlowSteps(usize),
    Attributes,
    Sms,
    Entities,
    Translations,
    /// Variables some code writes, and the built-in ones.
    WrittenVariables,
}

/// Each candidate set's [`Suggester`], built once it has been asked enough to pay off.
#[derive(Default)]
struct Suggesters {
    handoffs: Lazy,
    global_fns: Lazy,
    flow_fns: Vec<Lazy>,
    flow_steps: Vec<Lazy>,
    attributes: Lazy,
    sms: Lazy,
    entities: Lazy,
    translations: Lazy,
    written_variables: Lazy,
}

#[derive(Default)]
struct Lazy {
    asked: AtomicUsize,
    suggester: OnceLock<Suggester>,
}

/// Questions about one set answered by a plain scan before its suggester is built: a set
/// asked once or twice is cheaper to scan than to prepare.
const SCANS_BEFORE_BUILDING: usize = 4;

impl<'p> Symbols<'p> {
    pub fn build(p: &'p Project, options: &Options) -> Symbols<'p> {
        let mut s = Symbols {
            handoffs: HashMap::default(),
            global_fns: HashMap::default(),
            lifecycle_fns: HashMap::default(),
            flow_fns: vec![HashMap::default(); p.flows.len()],
            flow_steps: vec![Vec::new(); p.flows.len()],
            attributes: HashMap::default(),
            sms: HashMap::default(),
            entities: HashMap::default(),
            translations: HashMap::default(),
            variables: BTreeMap::new(),
            builtins: options.builtin_variables.clone(),
            transfers: Vec::new(),
            calls: Vec::new(),
            dynamic_destinations: false,
            integration: options.integration.clone(),
            builtin_set: options.builtin_variables.iter().cloned().collect(),
            written_set: HashSet::default(),
            flow_step_set: Vec::new(),
            flow_by_name: HashMap::default(),
            flow_by_dir: HashMap::default(),
            transition_flows: HashMap::default(),
            default_handoff: p.handoffs.iter().position(|h| h.is_default()),
            suggesters: Suggesters {
                flow_fns: (0..p.flows.len()).map(|_| Lazy::default()).collect(),
                flow_steps: (0..p.flows.len()).map(|_| Lazy::default()).collect(),
                ..Suggesters::default()
            },
        };
        for (i, fl) in p.flows.iter().enumerate() {
            if let Some(n) = &fl.name {
                s.flow_by_name.entry(n.value.as_str()).or_insert(i);
            }
            s.flow_by_dir.entry(fl.dir.as_str()).or_insert(i);
        }
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
        for (fl, m) in s.flow_fns.iter().enumerate() {
            for name in m.keys() {
                s.transition_flows.entry(name).or_default().push(fl);
            }
        }
        s.flow_step_set = s
            .flow_steps
            .iter()
            .map(|v| v.iter().copied().collect())
            .collect();
        s.calls = p.functions.iter().map(|f| s.callees(f)).collect();
        s.transfers = transitive_transfers(p, &s.calls);
        s.written_set = s
            .variables
            .iter()
            .filter(|(_, v)| !v.writes.is_empty())
            .map(|(name, _)| *name)
            .collect();
        s
    }

    pub fn is_builtin(&self, name: &str) -> bool {
        self.builtin_set.contains(name)
    }

    /// Whether some code writes the state variable `name`.
    pub fn is_written(&self, name: &str) -> bool {
        self.written_set.contains(name)
    }

    /// The closest candidate of `set` to `name`: what [`crate::text::did_you_mean`] answers
    /// over the set. The first few questions about a set scan it; after that its
    /// [`Suggester`] is built (once per analysis) and answers the rest.
    pub fn suggest(&self, set: Candidates, name: &str) -> Option<&str> {
        let g = &self.suggesters;
        let cell = match set {
            Candidates::Handoffs => &g.handoffs,
            Candidates::GlobalFns => &g.global_fns,
            Candidates::FlowFns(fl) => g.flow_fns.get(fl)?,
            Candidates::FlowSteps(fl) => g.flow_steps.get(fl)?,
            Candidates::Attributes => &g.attributes,
            Candidates::Sms => &g.sms,
            Candidates::Entities => &g.entities,
            Candidates::Translations => &g.translations,
            Candidates::WrittenVariables => &g.written_variables,
        };
        if cell.suggester.get().is_none()
            && cell.asked.fetch_add(1, Ordering::Relaxed) < SCANS_BEFORE_BUILDING
        {
            return crate::text::did_you_mean(name, self.candidates(set));
        }
        cell.suggester
            .get_or_init(|| Suggester::new(self.candidates(set)))
            .suggest(name)
    }

    /// The names of one candidate set.
    pub fn candidates(&self, set: Candidates) -> Box<dyn Iterator<Item = &str> + '_> {
        match set {
            Candidates::Handoffs => Box::new(self.handoffs.keys().copied()),
            Candidates::GlobalFns => Box::new(self.global_fns.keys().copied()),
            Candidates::FlowFns(fl) => Box::new(
                self.flow_fns
                    .get(fl)
                    .into_iter()
                    .flat_map(|m| m.keys().copied()),
            ),
            Candidates::FlowSteps(fl) => Box::new(
                self.flow_steps
                    .get(fl)
                    .into_iter()
                    .flat_map(|v| v.iter().copied()),
            ),
            Candidates::Attributes => Box::new(self.attributes.keys().copied()),
            Candidates::Sms => Box::new(self.sms.keys().copied()),
            Candidates::Entities => Box::new(self.entities.keys().copied()),
            Candidates::Translations => Box::new(self.translations.keys().copied()),
            Candidates::WrittenVariables => Box::new(
                self.variables
                    .iter()
                    .filter(|(_, v)| !v.writes.is_empty())
                    .map(|(k, _)| *k)
                    .chain(self.builtins.iter().map(String::as_str)),
            ),
        }
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
    fn callees(&self, f: &crate::model::Function) -> Vec<usize> {
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
                .and_then(|dir| self.flow_by_dir.get(dir).copied());
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
            f.transfer.map(|(span, how)| TransferSite {
                file: f.file,
                span,
                how,
            })
        })
        .collect();
    let has: Vec<bool> = direct.iter().map(Option::is_some).collect();
    shortest_chains(&has, calls)
        .into_iter()
        .map(|chain| {
            chain.and_then(|chain| {
                let site = direct[*chain.last()?].clone()?;
                Some((chain, site))
            })
        })
        .collect()
}

/// For every node, the call chain a breadth-first search from it finds first to a node with
/// `direct` set: the shortest, and among the shortest the one whose node sequence is smallest
/// (callees are sorted, so that is the order a breadth-first search visits them in).
///
/// One breadth-first search backwards from all the `direct` nodes gives each node its distance;
/// a node's next hop is then its smallest callee one step closer. Linear in the call graph,
/// plus the length of the chains returned.
pub(crate) fn shortest_chains(direct: &[bool], calls: &[Vec<usize>]) -> Vec<Option<Vec<usize>>> {
    let n = direct.len();
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (u, vs) in calls.iter().enumerate() {
        for &v in vs {
            if v < n {
                callers[v].push(u);
            }
        }
    }
    let mut dist = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::new();
    for (u, &d) in direct.iter().enumerate() {
        if d {
            dist[u] = 0;
            queue.push_back(u);
        }
    }
    while let Some(v) = queue.pop_front() {
        for &u in &callers[v] {
            if dist[u] == usize::MAX {
                dist[u] = dist[v] + 1;
                queue.push_back(u);
            }
        }
    }
    let next: Vec<Option<usize>> = (0..n)
        .map(|u| match dist[u] {
            0 | usize::MAX => None,
            d => calls[u]
                .iter()
                .copied()
                .find(|&v| v < n && dist[v] == d - 1),
        })
        .collect();
    (0..n)
        .map(|start| {
            if dist[start] == usize::MAX {
                return None;
            }
            let mut chain = Vec::with_capacity(dist[start] + 1);
            let mut cur = start;
            chain.push(cur);
            while let Some(v) = next[cur] {
                chain.push(v);
                cur = v;
            }
            Some(chain)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::shortest_chains;
    use proptest::prelude::*;

    /// A breadth-first search from each node on its own: what `shortest_chains` must equal.
    fn reference(direct: &[bool], calls: &[Vec<usize>]) -> Vec<Option<Vec<usize>>> {
        let n = direct.len();
        let mut out = Vec::with_capacity(n);
        for start in 0..n {
            if direct[start] {
                out.push(Some(vec![start]));
                continue;
            }
            let mut prev = vec![usize::MAX; n];
            prev[start] = start;
            let mut queue = std::collections::VecDeque::from([start]);
            let mut found = None;
            while let Some(u) = queue.pop_front() {
                if direct[u] {
                    found = Some(u);
                    break;
                }
                for &v in &calls[u] {
                    if prev[v] == usize::MAX {
                        prev[v] = u;
                        queue.push_back(v);
                    }
                }
            }
            out.push(found.map(|end| {
                let mut chain = vec![end];
                let mut cur = end;
                while cur != start {
                    cur = prev[cur];
                    chain.push(cur);
                }
                chain.reverse();
                chain
            }));
        }
        out
    }

    #[test]
    fn smallest_of_the_shortest() {
        // 0 calls 1 and 2, both call 3 (direct); 2 also is one step from 4 (direct).
        let calls = vec![vec![1, 2], vec![3], vec![3, 4], vec![], vec![]];
        let direct = [false, false, false, true, true];
        let got = shortest_chains(&direct, &calls);
        assert_eq!(got[0], Some(vec![0, 1, 3]));
        assert_eq!(got[2], Some(vec![2, 3]));
        assert_eq!(got[4], Some(vec![4]));
        assert_eq!(got, reference(&direct, &calls));
        // A cycle that reaches nothing.
        let calls = vec![vec![0, 1], vec![0]];
        assert_eq!(shortest_chains(&[false, false], &calls), vec![None, None]);
    }

    proptest! {
        #[test]
        fn equals_a_search_from_each_node(
            n in 1usize..14,
            edges in prop::collection::vec((0usize..14, 0usize..14), 0..40),
            direct in prop::collection::vec(prop::bool::weighted(0.2), 14),
        ) {
            let mut calls = vec![Vec::new(); n];
            for (u, v) in edges {
                if u < n && v < n {
                    calls[u].push(v);
                }
            }
            for c in &mut calls {
                c.sort_unstable();
                c.dedup();
            }
            let direct = &direct[..n];
            prop_assert_eq!(shortest_chains(direct, &calls), reference(direct, &calls));
        }
    }
}
