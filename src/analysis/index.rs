//! The symbol index: every definition and every use of a name in the project, each resolved to
//! its definition. The compile bundle, the graph and the language server (definition,
//! references, rename, hover) all read this one index.

use super::Symbols;
use crate::model::{FieldKind, FunctionScope, Owner, Project, YamlType};
use crate::source::{FileId, Span};
use crate::syntax::python::PyValue;
use crate::syntax::template::{RefKind, RefSyntax};
use rustc_hash::FxHashMap as HashMap;

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SymbolKind {
    Handoff,
    Function,
    FlowFunction,
    Attribute,
    Variable,
    SmsTemplate,
    Entity,
    Translation,
    Step,
    Flow,
    /// An API integration of `config/api_integrations.yaml` (`conv.api.<name>`).
    ApiIntegration,
}

impl SymbolKind {
    /// The prefix of stable ids (`ho:billing`, `ft:book_visit/confirm_slot`).
    pub fn prefix(self) -> &'static str {
        match self {
            SymbolKind::Handoff => "ho",
            SymbolKind::Function => "fn",
            SymbolKind::FlowFunction => "ft",
            SymbolKind::Attribute => "attr",
            SymbolKind::Variable => "vrbl",
            SymbolKind::SmsTemplate => "twilio_sms",
            SymbolKind::Entity => "entity",
            SymbolKind::Translation => "tn",
            SymbolKind::Step => "step",
            SymbolKind::Flow => "flow",
            SymbolKind::ApiIntegration => "api",
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            SymbolKind::Handoff => "handoff",
            SymbolKind::Function => "global function",
            SymbolKind::FlowFunction => "flow function",
            SymbolKind::Attribute => "variant attribute",
            SymbolKind::Variable => "state variable",
            SymbolKind::SmsTemplate => "SMS template",
            SymbolKind::Entity => "entity",
            SymbolKind::Translation => "translation",
            SymbolKind::Step => "step",
            SymbolKind::Flow => "flow",
            SymbolKind::ApiIntegration => "API integration",
        }
    }
    pub fn from_ref(kind: RefKind) -> SymbolKind {
        match kind {
            RefKind::Fn => SymbolKind::Function,
            RefKind::Ft => SymbolKind::FlowFunction,
            RefKind::Ho => SymbolKind::Handoff,
            RefKind::Attr => SymbolKind::Attribute,
            RefKind::Vrbl => SymbolKind::Variable,
            RefKind::TwilioSms => SymbolKind::SmsTemplate,
            RefKind::Entity => SymbolKind::Entity,
            RefKind::Tn => SymbolKind::Translation,
        }
    }
}

/// A definition.
#[derive(Clone, Debug)]
pub struct Def {
    pub kind: SymbolKind,
    pub name: String,
    /// The flow for flow functions and steps.
    pub flow: Option<usize>,
    pub file: FileId,
    /// The name as written in the definition (a YAML value, a `def` name, the first write of a
    /// variable); for function files without a matching `def`, the start of the file.
    pub span: Span,
    /// A stable id: `ho:billing`, `ft:<flow dir>/confirm_slot`, `step:<flow dir>/Ask Date`.
    pub id: String,
    /// For variables: every write (`conv.state.x = ...`).
    pub writes: Vec<(FileId, Span)>,
}

/// Where a use sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// A reference in a template text (`Project::texts[i]`).
    Text(usize),
    /// `conv.call_handoff(destination=...)`, a returned handoff, `transfer_call(destination=...)`.
    Destination,
    /// `flow.goto_step("...")` or a transition dict's step.
    GotoStep,
    /// `conv.goto_flow("...")` or a transition dict's flow.
    GotoFlow,
    /// `conv.state.x` in code.
    State { write: bool },
    /// `conv.functions.x(...)` / `flow.functions.x(...)`.
    Call,
    /// `start_step:` in flow_config.yaml.
    StartStep,
    /// `child_step:` in a step's conditions.
    ChildStep,
    /// `extracted_entities` / `required_entities`.
    StepEntity,
    /// A phrase filter's `function`.
    PhraseFilter,
    /// A test case's function-call assertion (`function_call_assertions[].name`).
    Assertion,
    /// `conv.api.<integration>` in code.
    ApiCall,
    /// An integration of a test case's `api_mocks`.
    ApiMock,
}

/// A use of a name.
#[derive(Clone, Debug)]
pub struct Use {
    pub kind: SymbolKind,
    pub name: String,
    pub flow: Option<usize>,
    pub file: FileId,
    /// The whole reference (`{{ho:billing}}`, `"billing"` with its quotes).
    pub span: Span,
    /// Exactly the characters of the name: what a rename replaces.
    pub name_span: Span,
    /// Whether a rename may rewrite `name_span` (false for computed names and literals with escapes).
    pub renamable: bool,
    pub def: Option<usize>,
    pub site: Site,
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    pub defs: Vec<Def>,
    pub uses: Vec<Use>,
    /// (kind, flow for flow-scoped kinds) → name → first definition.
    by_name: HashMap<(SymbolKind, Option<usize>), HashMap<String, usize>>,
    /// Per file, the definitions' and the uses' spans, for position queries.
    defs_in: HashMap<FileId, Spans>,
    uses_in: HashMap<FileId, Spans>,
    /// Per definition, the uses resolved to it, in order.
    uses_by_def: Vec<Vec<u32>>,
}

/// The spans of one file's definitions or uses, for "which one is at this offset" in about
/// logarithmic time: sorted by start, with the running maximum of the ends.
#[derive(Clone, Debug, Default)]
struct Spans {
    /// (start, end, index), sorted; only spans with `start <= end`.
    sorted: Vec<(u32, u32, u32)>,
    /// `max_end[i]`: the largest end among `sorted[..=i]`.
    max_end: Vec<u32>,
    /// Spans with `start > end` (none in practice), checked one by one.
    inverted: Vec<(u32, u32, u32)>,
}

impl Spans {
    fn build(items: impl Iterator<Item = (FileId, Span)>) -> HashMap<FileId, Spans> {
        let mut by_file: HashMap<FileId, Spans> = HashMap::default();
        for (i, (file, span)) in items.enumerate() {
            let e = by_file.entry(file).or_default();
            let item = (span.start, span.end, i as u32);
            if span.start <= span.end {
                e.sorted.push(item);
            } else {
                e.inverted.push(item);
            }
        }
        for e in by_file.values_mut() {
            e.sorted.sort_unstable();
            let mut m = 0;
            e.max_end = e
                .sorted
                .iter()
                .map(|&(_, end, _)| {
                    m = m.max(end);
                    m
                })
                .collect();
        }
        by_file
    }

    /// The smallest index whose span contains `offset` or ends at it.
    fn first_at(&self, offset: u32) -> Option<usize> {
        let mut best: Option<u32> = None;
        let mut keep = |i: u32| {
            if best.is_none_or(|b| i < b) {
                best = Some(i);
            }
        };
        // Spans starting at or before `offset`; going left, stop once no earlier one reaches it.
        let n = self.sorted.partition_point(|&(start, ..)| start <= offset);
        for k in (0..n).rev() {
            if self.max_end[k] < offset {
                break;
            }
            let (_, end, i) = self.sorted[k];
            if end >= offset {
                keep(i);
            }
        }
        for &(start, end, i) in &self.inverted {
            if Span::new(start, end).contains(offset) || end == offset {
                keep(i);
            }
        }
        best.map(|i| i as usize)
    }
}

/// Flow functions and steps are looked up within their flow; everything else project-wide.
fn scope_key(kind: SymbolKind, flow: Option<usize>) -> Option<usize> {
    match kind {
        SymbolKind::FlowFunction | SymbolKind::Step => flow,
        _ => None,
    }
}

/// The inner span of a plain string literal (`"x"`, `'x'`, `"""x"""`), when its raw text is the
/// value itself (no escapes, no prefix other than none): then a rename can rewrite it in place.
pub fn literal_inner(text: &str, span: Span, value: &str) -> Option<Span> {
    let raw = text.get(span.range())?;
    for q in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(inner) = raw.strip_prefix(q).and_then(|r| r.strip_suffix(q))
            && inner == value
        {
            let start = span.start + q.len() as u32;
            return Some(Span::new(start, start + value.len() as u32));
        }
    }
    None
}

impl Index {
    pub fn build(p: &Project, s: &Symbols) -> Index {
        let mut ix = Index::default();
        ix.collect_defs(p, s);
        for (i, d) in ix.defs.iter().enumerate() {
            ix.by_name
                .entry((d.kind, scope_key(d.kind, d.flow)))
                .or_default()
                .entry(d.name.clone())
                .or_insert(i);
        }
        ix.collect_uses(p, s);
        ix.defs_in = Spans::build(ix.defs.iter().map(|d| (d.file, d.span)));
        ix.uses_in = Spans::build(ix.uses.iter().map(|u| (u.file, u.span)));
        ix.uses_by_def = vec![Vec::new(); ix.defs.len()];
        for (i, u) in ix.uses.iter().enumerate() {
            if let Some(v) = u.def.and_then(|d| ix.uses_by_def.get_mut(d)) {
                v.push(i as u32);
            }
        }
        ix
    }

    fn push_def(
        &mut self,
        kind: SymbolKind,
        name: &str,
        flow: Option<usize>,
        file: FileId,
        span: Span,
        p: &Project,
    ) {
        let id = match flow {
            Some(f) => format!("{}:{}/{}", kind.prefix(), p.flows[f].dir, name),
            None => format!("{}:{}", kind.prefix(), name),
        };
        self.defs.push(Def {
            kind,
            name: name.to_string(),
            flow,
            file,
            span,
            id,
            writes: Vec::new(),
        });
    }

    fn collect_defs(&mut self, p: &Project, s: &Symbols) {
        for h in &p.handoffs {
            if let Some(n) = &h.name {
                self.push_def(SymbolKind::Handoff, &n.value, None, h.file, n.span, p);
            }
        }
        for f in &p.functions {
            let span = f.main_def().map(|d| d.name_span).unwrap_or_default();
            match f.scope {
                FunctionScope::Global => {
                    self.push_def(SymbolKind::Function, &f.name, None, f.file, span, p)
                }
                FunctionScope::Transition(fl) => {
                    self.push_def(SymbolKind::FlowFunction, &f.name, Some(fl), f.file, span, p)
                }
                FunctionScope::FunctionStep(fl) => {
                    self.push_def(SymbolKind::Step, &f.name, Some(fl), f.file, span, p)
                }
                FunctionScope::Lifecycle => {}
            }
        }
        for (fi, fl) in p.flows.iter().enumerate() {
            if let (Some(n), Some(cfg)) = (&fl.name, fl.config) {
                self.push_def(SymbolKind::Flow, &n.value, None, cfg, n.span, p);
            }
            for st in &fl.steps {
                if let Some(n) = &st.name {
                    self.push_def(SymbolKind::Step, &n.value, Some(fi), st.file, n.span, p);
                }
            }
        }
        for a in &p.controls.api_integrations {
            self.push_def(
                SymbolKind::ApiIntegration,
                &a.name,
                None,
                a.file,
                a.name_span,
                p,
            );
        }
        for a in &p.attributes {
            self.push_def(
                SymbolKind::Attribute,
                &a.name.value,
                None,
                a.file,
                a.name.span,
                p,
            );
        }
        for t in &p.sms_templates {
            self.push_def(
                SymbolKind::SmsTemplate,
                &t.name.value,
                None,
                t.file,
                t.name.span,
                p,
            );
        }
        for e in &p.entities {
            self.push_def(
                SymbolKind::Entity,
                &e.name.value,
                None,
                e.file,
                e.name.span,
                p,
            );
        }
        for t in &p.translations {
            self.push_def(
                SymbolKind::Translation,
                &t.name.value,
                None,
                t.file,
                t.name.span,
                p,
            );
        }
        for (name, v) in &s.variables {
            if let Some(&(file, span)) = v.writes.first() {
                self.push_def(SymbolKind::Variable, name, None, file, span, p);
                if let Some(d) = self.defs.last_mut() {
                    d.writes = v.writes.clone();
                }
            }
        }
    }

    /// The definition a name resolves to (first match).
    pub fn lookup(&self, kind: SymbolKind, flow: Option<usize>, name: &str) -> Option<usize> {
        self.by_name
            .get(&(kind, scope_key(kind, flow)))?
            .get(name)
            .copied()
    }

    #[allow(clippy::too_many_arguments)]
    fn push_use(
        &mut self,
        kind: SymbolKind,
        name: &str,
        flow: Option<usize>,
        file: FileId,
        span: Span,
        name_span: Span,
        renamable: bool,
        site: Site,
    ) {
        let def = self.lookup(kind, flow, name);
        self.uses.push(Use {
            kind,
            name: name.to_string(),
            flow,
            file,
            span,
            name_span,
            renamable,
            def,
            site,
        });
    }

    fn collect_uses(&mut self, p: &Project, s: &Symbols) {
        for (ti, t) in p.texts.iter().enumerate() {
            let flow = match t.owner {
                Owner::Step { flow, .. } => Some(flow),
                Owner::Function(fi) => p.functions.get(fi).and_then(|f| f.flow()),
                _ => None,
            };
            for r in &t.refs {
                let kind = SymbolKind::from_ref(r.kind);
                // `$var` in a Python string is prose, not a reference.
                if t.field == FieldKind::PythonString
                    && matches!(r.syntax, RefSyntax::Dollar | RefSyntax::DollarBrace)
                {
                    continue;
                }
                let flow = if kind == SymbolKind::FlowFunction {
                    flow
                } else {
                    None
                };
                let raw = p.file(t.file).slice(r.name_span);
                let renamable = raw == r.name;
                self.push_use(
                    kind,
                    &r.name,
                    flow,
                    t.file,
                    r.span,
                    r.name_span,
                    renamable,
                    Site::Text(ti),
                );
            }
        }
        for f in &p.functions {
            let text = &p.file(f.file).text;
            let flow = f.flow();
            let literal_use =
                |ix: &mut Index, kind: SymbolKind, flow: Option<usize>, v: &PyValue, site: Site| {
                    let one = match v {
                        PyValue::Literal(s, sp) => Some((s.as_str(), *sp)),
                        _ => None,
                    };
                    let many: &[(String, Span)] = match v {
                        PyValue::Candidates { values, .. } => values,
                        _ => &[],
                    };
                    let values = one
                        .into_iter()
                        .chain(many.iter().map(|(s, sp)| (s.as_str(), *sp)));
                    for (name, span) in values {
                        let inner = literal_inner(text, span, name);
                        ix.push_use(
                            kind,
                            name,
                            flow,
                            f.file,
                            span,
                            inner.unwrap_or(span),
                            inner.is_some(),
                            site,
                        );
                    }
                };
            let facts = &f.facts;
            for c in &facts.call_handoffs {
                if let Some(d) = &c.destination {
                    literal_use(self, SymbolKind::Handoff, None, d, Site::Destination);
                }
            }
            for r in &facts.return_transfers {
                if let Some(d) = &r.destination {
                    literal_use(self, SymbolKind::Handoff, None, d, Site::Destination);
                }
            }
            for t in &facts.transfer_calls {
                if let Some(d) = &t.destination {
                    literal_use(self, SymbolKind::Handoff, None, d, Site::Destination);
                }
            }
            for g in &facts.goto_flows {
                literal_use(self, SymbolKind::Flow, None, &g.value, Site::GotoFlow);
            }
            if flow.is_some() {
                for g in &facts.goto_steps {
                    literal_use(self, SymbolKind::Step, flow, &g.value, Site::GotoStep);
                }
            }
            for t in &facts.transitions {
                let target = match &t.flow {
                    Some(v) => {
                        literal_use(self, SymbolKind::Flow, None, v, Site::GotoFlow);
                        match v {
                            PyValue::Literal(n, _) => s.flow_by_name.get(n.as_str()).copied(),
                            _ => None,
                        }
                    }
                    None => flow,
                };
                if let (Some(fl), Some(step)) = (target, &t.step) {
                    literal_use(self, SymbolKind::Step, Some(fl), step, Site::GotoStep);
                }
            }
            for a in &facts.state {
                let raw = p.file(f.file).slice(a.span);
                let (name_span, renamable) = if raw == a.name {
                    (a.span, true)
                } else {
                    match literal_inner(text, a.span, &a.name) {
                        Some(inner) => (inner, true),
                        None => (a.span, false),
                    }
                };
                self.push_use(
                    SymbolKind::Variable,
                    &a.name,
                    None,
                    f.file,
                    a.span,
                    name_span,
                    renamable,
                    Site::State { write: a.write },
                );
            }
            for c in &facts.calls {
                let (kind, name, fl) = match &c.target {
                    crate::syntax::python::CallTarget::Conv(n) => (SymbolKind::Function, n, None),
                    crate::syntax::python::CallTarget::Flow(n) => {
                        (SymbolKind::FlowFunction, n, flow)
                    }
                    crate::syntax::python::CallTarget::Name(_) => continue,
                };
                // The name is the last `.x` before the call's `(`.
                let raw = p.file(f.file).slice(c.span);
                let name_span = raw.find('(').and_then(|paren| {
                    raw[..paren].rfind(name.as_str()).map(|i| {
                        Span::new(
                            c.span.start + i as u32,
                            c.span.start + (i + name.len()) as u32,
                        )
                    })
                });
                self.push_use(
                    kind,
                    name,
                    fl,
                    f.file,
                    c.span,
                    name_span.unwrap_or(c.span),
                    name_span.is_some(),
                    Site::Call,
                );
            }
        }
        // A test case asserts a global function, or a transition function of any flow.
        for c in &p.test_cases {
            for a in &c.function_calls {
                let Some(n) = a.name.as_ref().filter(|n| n.ty == YamlType::Str) else {
                    continue;
                };
                let name = n.text.as_str();
                let (kind, flow) = if s.global_fns.contains_key(name) {
                    (SymbolKind::Function, None)
                } else {
                    match s.transition_flows.get(name).and_then(|f| f.first()) {
                        Some(&fl) => (SymbolKind::FlowFunction, Some(fl)),
                        None => (SymbolKind::Function, None),
                    }
                };
                let renamable = p.file(c.file).slice(n.span) == name;
                self.push_use(
                    kind,
                    name,
                    flow,
                    c.file,
                    n.span,
                    n.span,
                    renamable,
                    Site::Assertion,
                );
            }
        }
        for (fi, fl) in p.flows.iter().enumerate() {
            if let (Some(st), Some(cfg)) = (&fl.start_step, fl.config) {
                let renamable = p.file(cfg).slice(st.span) == st.value;
                self.push_use(
                    SymbolKind::Step,
                    &st.value,
                    Some(fi),
                    cfg,
                    st.span,
                    st.span,
                    renamable,
                    Site::StartStep,
                );
            }
            for step in &fl.steps {
                for cs in &step.child_steps {
                    let renamable = p.file(step.file).slice(cs.span) == cs.value;
                    self.push_use(
                        SymbolKind::Step,
                        &cs.value,
                        Some(fi),
                        step.file,
                        cs.span,
                        cs.span,
                        renamable,
                        Site::ChildStep,
                    );
                }
                for e in &step.entities {
                    let renamable = p.file(step.file).slice(e.span) == e.value;
                    self.push_use(
                        SymbolKind::Entity,
                        &e.value,
                        None,
                        step.file,
                        e.span,
                        e.span,
                        renamable,
                        Site::StepEntity,
                    );
                }
            }
        }
        for f in &p.functions {
            for call in &f.facts.api_calls {
                self.push_use(
                    SymbolKind::ApiIntegration,
                    &call.integration,
                    None,
                    f.file,
                    call.span,
                    call.span,
                    true,
                    Site::ApiCall,
                );
            }
        }
        for c in &p.test_cases {
            for m in &c.api_mocks {
                let n = &m.integration;
                let renamable = p.file(c.file).slice(n.span) == n.value;
                self.push_use(
                    SymbolKind::ApiIntegration,
                    &n.value,
                    None,
                    c.file,
                    n.span,
                    n.span,
                    renamable,
                    Site::ApiMock,
                );
            }
        }
        for f in &p.controls.phrase_filters {
            if let Some((name, span)) = &f.function {
                let renamable = p.file(f.file).slice(*span) == name;
                self.push_use(
                    SymbolKind::Function,
                    name,
                    None,
                    f.file,
                    *span,
                    *span,
                    renamable,
                    Site::PhraseFilter,
                );
            }
        }
    }

    /// The definition whose name span contains `offset` in `file`.
    pub fn def_at(&self, file: FileId, offset: u32) -> Option<usize> {
        self.defs_in.get(&file)?.first_at(offset)
    }

    /// The use whose span contains `offset` in `file` (the end of a reference counts too, so a
    /// cursor right after `}}` still finds it).
    pub fn use_at(&self, file: FileId, offset: u32) -> Option<usize> {
        self.uses_in.get(&file)?.first_at(offset)
    }

    /// Every use resolved to `def`.
    pub fn uses_of(&self, def: usize) -> impl Iterator<Item = &Use> + '_ {
        self.uses_by_def
            .get(def)
            .into_iter()
            .flatten()
            .map(|&i| &self.uses[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_inner_only_for_plain_literals() {
        let text = r#"a("billing") b('x') c("a\"b") d(f"x")"#;
        let s = |needle: &str| {
            let i = text.find(needle).unwrap() as u32;
            Span::new(i, i + needle.len() as u32)
        };
        assert_eq!(
            literal_inner(text, s("\"billing\""), "billing"),
            Some(Span::new(3, 10))
        );
        assert_eq!(literal_inner(text, s("'x'"), "x"), Some(Span::new(16, 17)));
        assert_eq!(literal_inner(text, s(r#""a\"b""#), "a\"b"), None);
        assert_eq!(literal_inner(text, s("f\"x\""), "x"), None);
    }
}
