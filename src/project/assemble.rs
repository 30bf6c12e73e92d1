//! Assembling the model: each file's part of it built alone as a fragment, then the fragments
//! placed in one model, their file-local indices moved to project-wide ones.

use super::build::build_file;
use super::kind::{FileKind, classify};
use super::parse::{Parsed, parse_text};
use super::walk::Discovered;
use crate::model::{Flow, Function, FunctionScope, Handoff, Owner, Project, TextField};
use crate::source::FileId;
use std::path::PathBuf;
use std::sync::Arc;

/// Build the model from parsed files (in FileId order).
pub fn build(root: PathBuf, parsed: Vec<Parsed>) -> Project {
    assemble(root, parsed.into_iter().map(fragment).collect())
}

/// One file's part of the model, built from that file alone: the parse workers build it (and
/// drop the syntax tree right after), and the language server keeps one per file, rebuilding only
/// the file that changed. Indices inside it (text owners, flows, header texts) count from zero
/// within the file until [`assemble`] places it among the others.
#[derive(Clone, Debug)]
pub struct Fragment {
    pub kind: FileKind,
    /// A one-file project: `files` holds the file, `flows` at most the one flow it belongs to.
    pub part: Project,
}

impl Fragment {
    /// Give back the spare capacity of the fragment's vectors (a vector's first push reserves
    /// room for four items), for a fragment kept for a long time: the language server holds
    /// one per file.
    pub fn shrink_to_fit(&mut self) {
        shrink_vectors(&mut self.part);
    }
}

/// Give back the spare capacity of a model's vectors.
pub(super) fn shrink_vectors(p: &mut Project) {
    // Every field named, so that a new one is not forgotten here.
    let Project {
        root: _,
        files,
        handoffs,
        handoffs_file: _,
        sms_templates,
        variants,
        attributes,
        entities,
        translations,
        topics,
        test_cases,
        languages,
        flows,
        functions,
        texts,
        diagnostics,
        config: _,
        suppressions,
        settings,
        controls,
    } = p;
    files.shrink_to_fit();
    handoffs.shrink_to_fit();
    sms_templates.shrink_to_fit();
    variants.shrink_to_fit();
    attributes.shrink_to_fit();
    entities.shrink_to_fit();
    translations.shrink_to_fit();
    topics.shrink_to_fit();
    for t in topics.iter_mut() {
        t.example_queries.shrink_to_fit();
    }
    test_cases.shrink_to_fit();
    languages.shrink_to_fit();
    flows.shrink_to_fit();
    for f in flows.iter_mut() {
        f.steps.shrink_to_fit();
    }
    functions.shrink_to_fit();
    texts.shrink_to_fit();
    diagnostics.shrink_to_fit();
    suppressions.shrink_to_fit();
    settings.shrink_to_fit();
    controls.shrink_to_fit();
}

/// Build a file's [`Fragment`] from its parse result.
pub fn fragment(parsed: Parsed) -> Fragment {
    fragment_with(parsed, None)
}

/// The cooked value (YAML escapes and folding applied, Python string prefixes and escapes
/// resolved) of each text field of `file`, in the model's order of that file's text fields: the
/// file's own text is parsed again, through the same code that built the model, so the values are
/// the ones that were scanned. For the faces that print texts (the compiled bundle); the model
/// does not keep them.
pub fn cooked_values(p: &Project, file: FileId) -> Vec<Arc<str>> {
    let Some(src) = p.files.get(file.0 as usize) else {
        return Vec::new();
    };
    let Some(kind) = classify(&src.rel) else {
        return Vec::new();
    };
    let d = Discovered {
        path: src.path.clone(),
        rel: src.rel.clone(),
        kind,
        is_dir: false,
    };
    let mut values = Vec::new();
    fragment_with(
        parse_text(file, &d, src.text.to_string()),
        Some(&mut values),
    );
    values
}

fn fragment_with(parsed: Parsed, values: Option<&mut Vec<Arc<str>>>) -> Fragment {
    let Parsed {
        source,
        kind,
        content,
        diagnostics,
        comments,
    } = parsed;
    let file = source.id;
    let (sups, sd) = crate::suppress::parse(&source, &comments);
    let mut p = Project {
        files: vec![source],
        diagnostics,
        suppressions: vec![sups],
        ..Project::default()
    };
    p.diagnostics.extend(sd);
    if let Some(dir) = kind.flow_dir() {
        p.flows.push(Flow::new(dir));
    }
    build_file(&mut p, file, values, &kind, content);
    Fragment { kind, part: p }
}

/// Assemble the model from every file's fragment (in FileId order).
pub fn assemble(root: PathBuf, fragments: Vec<Fragment>) -> Project {
    let (mut p, flow_dirs) = start_assembly(root, fragments.iter().map(|f| &f.kind));
    for f in fragments {
        let flow = flow_of(&flow_dirs, &f.kind);
        let config = f.kind == FileKind::Config;
        place(&mut p, f.part, flow, config);
    }
    p
}

/// [`assemble`] from fragments the caller keeps (the language server's per-file cache).
pub fn assemble_borrowed(root: PathBuf, fragments: &[&Fragment]) -> Project {
    let (mut p, flow_dirs) = start_assembly(root, fragments.iter().map(|f| &f.kind));
    for f in fragments {
        let flow = flow_of(&flow_dirs, &f.kind);
        place(&mut p, f.part.clone(), flow, f.kind == FileKind::Config);
    }
    p
}

/// An empty model with every flow the files name, in folder order, so steps and functions
/// land in their flow whatever the file order.
pub(super) fn start_assembly<'a>(
    root: PathBuf,
    kinds: impl Iterator<Item = &'a FileKind>,
) -> (Project, Vec<String>) {
    let mut p = Project {
        root,
        ..Project::default()
    };
    let mut flow_dirs: Vec<String> = kinds
        .filter_map(|k| k.flow_dir())
        .map(str::to_string)
        .collect();
    flow_dirs.sort_unstable();
    flow_dirs.dedup();
    for dir in &flow_dirs {
        p.flows.push(Flow::new(dir.as_str()));
    }
    (p, flow_dirs)
}

pub(super) fn flow_of(flow_dirs: &[String], kind: &FileKind) -> Option<usize> {
    kind.flow_dir()
        .and_then(|d| flow_dirs.binary_search_by(|x| x.as_str().cmp(d)).ok())
}

/// Where a fragment's items start in the model's vectors (and its flow's place): moves the
/// fragment's file-local indices to their project-wide values.
pub(super) struct Bases {
    pub(super) texts: usize,
    pub(super) topics: usize,
    pub(super) sms: usize,
    pub(super) handoffs: usize,
    pub(super) functions: usize,
    pub(super) guardrails: usize,
    /// Steps of the file's flow before its own.
    pub(super) steps: usize,
    pub(super) flow: Option<usize>,
}

impl Bases {
    pub(super) fn texts(&self, texts: Vec<TextField>) -> impl Iterator<Item = TextField> + '_ {
        texts.into_iter().map(|mut t| {
            t.owner = match t.owner {
                Owner::Topic(k) => Owner::Topic(k + self.topics),
                Owner::Sms(k) => Owner::Sms(k + self.sms),
                Owner::Header { handoff, header } => Owner::Header {
                    handoff: handoff + self.handoffs,
                    header,
                },
                Owner::Function(k) => Owner::Function(k + self.functions),
                Owner::Guardrail(k) => Owner::Guardrail(k + self.guardrails),
                Owner::Step { step, .. } => Owner::Step {
                    flow: self.flow.unwrap_or(0),
                    step: step + self.steps,
                },
                o => o,
            };
            t
        })
    }

    pub(super) fn handoffs(&self, handoffs: Vec<Handoff>) -> impl Iterator<Item = Handoff> + '_ {
        handoffs.into_iter().map(|mut h| {
            for hd in &mut h.headers {
                if let Some(t) = &mut hd.text {
                    *t += self.texts;
                }
            }
            h
        })
    }

    pub(super) fn functions(
        &self,
        functions: Vec<Function>,
    ) -> impl Iterator<Item = Function> + '_ {
        functions.into_iter().map(|mut f| {
            f.scope = match (f.scope, self.flow) {
                (FunctionScope::Transition(_), Some(g)) => FunctionScope::Transition(g),
                (FunctionScope::FunctionStep(_), Some(g)) => FunctionScope::FunctionStep(g),
                (s, _) => s,
            };
            f
        })
    }
}

/// Append one fragment to the model, moving its file-local indices to their project-wide values.
pub(super) fn place(p: &mut Project, part: Project, flow: Option<usize>, is_config: bool) {
    let texts = p.texts.len();
    let topics = p.topics.len();
    let sms = p.sms_templates.len();
    let handoffs = p.handoffs.len();
    let functions = p.functions.len();
    let guardrails = p.controls.guardrails.len();
    let steps = flow.map_or(0, |g| p.flows[g].steps.len());
    let Project {
        root: _,
        files,
        handoffs: part_handoffs,
        handoffs_file,
        sms_templates,
        variants,
        attributes,
        entities,
        translations,
        topics: part_topics,
        test_cases,
        languages,
        flows,
        functions: part_functions,
        texts: part_texts,
        diagnostics,
        config,
        suppressions,
        settings,
        controls,
    } = part;
    p.settings.extend(settings, texts);
    p.controls.extend(controls);
    if is_config {
        p.config = config;
    }
    p.files.extend(files);
    p.suppressions.extend(suppressions);
    p.diagnostics.extend(diagnostics);
    if handoffs_file.is_some() {
        p.handoffs_file = handoffs_file;
    }
    let at = Bases {
        texts,
        topics,
        sms,
        handoffs,
        functions,
        guardrails,
        steps,
        flow,
    };
    p.handoffs.extend(at.handoffs(part_handoffs));
    p.sms_templates.extend(sms_templates);
    p.variants.extend(variants);
    p.attributes.extend(attributes);
    p.entities.extend(entities);
    p.translations.extend(translations);
    p.topics.extend(part_topics);
    p.test_cases.extend(test_cases);
    p.languages.extend(languages);
    p.functions.extend(at.functions(part_functions));
    p.texts.extend(at.texts(part_texts));
    if let (Some(g), Some(fl)) = (flow, flows.into_iter().next()) {
        let target = &mut p.flows[g];
        if fl.config.is_some() {
            target.config = fl.config;
            target.name = fl.name;
            target.description = fl.description;
            target.start_step = fl.start_step;
        }
        target.steps.extend(fl.steps);
    }
}
