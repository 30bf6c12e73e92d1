//! Analysis: symbol tables, resolution and the rules. Produces plain [`Diagnostic`]s.
//!
//! One module per rule family: [`handoffs`] (SB1xx), [`references`] (SB2xx), [`transfers`]
//! (SB3xx), [`names`] (SB401–SB417), [`steps`] (SB418–SB429), [`controls`] (SB430–SB449:
//! guardrails, latency control, phrase filters), [`content`] (SB450–SB469: child topics, the test
//! suite, languages and translations), [`settings`] (SB470–SB489), each with its checks and, in
//! its `rules` submodule, the declaration and documentation of its rules. Reading rules (SB0xx)
//! are emitted while loading and declared in `src/project/rules.rs`.

pub mod content;
pub mod controls;
pub mod handoffs;
pub mod index;
pub mod names;
pub mod references;
pub mod route;
pub mod settings;
pub mod steps;
pub mod symbols;
pub mod transfers;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::model::Project;
pub use symbols::Symbols;

/// Options that change what the analysis reports.
#[derive(Clone, Debug)]
pub struct Options {
    /// Runtime variables that exist without any code writing them.
    pub builtin_variables: Vec<String>,
    /// Per-rule severity overrides; `None` turns the rule off.
    pub severities: Vec<(Code, Option<Severity>)>,
    /// Constraints of the telephony integration (SB119–SB121).
    pub integration: crate::config::Integration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            builtin_variables: vec!["caller_id".to_string()],
            severities: Vec::new(),
            integration: Default::default(),
        }
    }
}

impl Options {
    /// These options with the project's `switchboard.toml` applied on top.
    pub fn with_config(&self, config: &crate::config::Config) -> Options {
        let mut o = self.clone();
        for b in &config.builtin_variables {
            if !o.builtin_variables.contains(b) {
                o.builtin_variables.push(b.clone());
            }
        }
        o.severities.extend(config.rules.iter().copied());
        let i = &config.integration;
        o.integration.method = i.method.or(o.integration.method);
        o.integration.route = i.route.or(o.integration.route);
        o.integration.sip_headers = i.sip_headers.or(o.integration.sip_headers);
        o
    }
}

/// Run every rule over a loaded project. The result is sorted by file, position and code, and
/// deduplicated, so output is deterministic.
pub fn analyze(project: &Project, options: &Options) -> Vec<Diagnostic> {
    let options = &options.with_config(&project.config);
    let symbols = Symbols::build(project, options);
    let mut out = project.diagnostics.clone();
    run_rules(project, &symbols, &mut out);
    finish(project, options, out)
}

fn run_rules(project: &Project, symbols: &Symbols, out: &mut Vec<Diagnostic>) {
    handoffs::check(project, symbols, out);
    handoffs::integration(project, &symbols.integration, out);
    references::check(project, symbols, out);
    transfers::check(project, symbols, out);
    names::check(project, symbols, out);
    steps::missing_flow_config(project, out);
    controls::check(project, out);
    content::check(project, out);
    settings::check(project, out);
    settings::legacy_keyphrases(project, out);
    one_legacy_warning(project, out);
}

/// SB011 once per project: the legacy file first by path carries it, the others are labelled.
fn one_legacy_warning(p: &Project, out: &mut Vec<Diagnostic>) {
    let rel = |d: &Diagnostic| p.files.get(d.file.0 as usize).map(|f| f.rel.clone());
    let mut found: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].code == Code::SB011)
        .collect();
    if found.len() < 2 {
        return;
    }
    found.sort_by_key(|&i| rel(&out[i]));
    let keep = found[0];
    let mut first = out[keep].clone();
    for &i in &found[1..] {
        let what = format!("`{}` is one too", rel(&out[i]).unwrap_or_default());
        first = first.label(out[i].file, out[i].span, what);
    }
    out[keep] = first;
    let mut i = 0;
    out.retain(|d| {
        let drop = d.code == Code::SB011 && i != keep;
        i += 1;
        !drop
    });
}

/// Diagnostics together with the resolved symbol index.
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub index: index::Index,
}

/// Run every rule and build the symbol index (for compile, graph and the language server).
pub fn analyze_full(project: &Project, options: &Options) -> Analysis {
    let options = &options.with_config(&project.config);
    let symbols = Symbols::build(project, options);
    let mut out = project.diagnostics.clone();
    run_rules(project, &symbols, &mut out);
    let index = index::Index::build(project, &symbols);
    Analysis {
        diagnostics: finish(project, options, out),
        index,
    }
}

/// The symbol index alone: the language server builds it only when a request first needs it,
/// so a keystroke costs the rules and not the index.
pub fn index(project: &Project, options: &Options) -> index::Index {
    let options = &options.with_config(&project.config);
    let symbols = Symbols::build(project, options);
    index::Index::build(project, &symbols)
}

/// Apply suppression comments and severity overrides, sort and deduplicate.
pub fn finish(project: &Project, options: &Options, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    out.retain(|d| {
        let i = d.file.0 as usize;
        match (project.files.get(i), project.suppressions.get(i)) {
            (Some(f), Some(s)) => !crate::suppress::is_suppressed(f, s, d.code, d.span),
            _ => true,
        }
    });
    if !options.severities.is_empty() {
        out.retain_mut(
            |d| match options.severities.iter().rev().find(|(c, _)| *c == d.code) {
                Some((_, Some(s))) => {
                    d.severity = *s;
                    true
                }
                Some((_, None)) => false,
                None => true,
            },
        );
    }
    let key = |d: &Diagnostic| {
        (
            project
                .files
                .get(d.file.0 as usize)
                .map(|f| f.rel.clone())
                .unwrap_or_default(),
            d.span.start,
            d.span.end,
            d.code,
            d.message.clone(),
        )
    };
    out.sort_by_cached_key(key);
    out.dedup_by(|a, b| {
        a.code == b.code && a.file == b.file && a.span == b.span && a.message == b.message
    });
    cap_per_file_and_rule(&mut out);
    out
}

/// At most this many findings of one rule are reported per file; the last one kept carries a
/// note saying how many more there were (a pasted file with a million broken references must
/// not produce a million findings).
pub const MAX_PER_FILE_AND_RULE: usize = 500;

fn cap_per_file_and_rule(out: &mut Vec<Diagnostic>) {
    use rustc_hash::FxHashMap as HashMap;
    let mut totals: HashMap<(crate::source::FileId, Code), usize> = HashMap::default();
    for d in out.iter() {
        *totals.entry((d.file, d.code)).or_default() += 1;
    }
    if totals.values().all(|n| *n <= MAX_PER_FILE_AND_RULE) {
        return;
    }
    let mut kept: HashMap<(crate::source::FileId, Code), usize> = HashMap::default();
    out.retain_mut(|d| {
        let key = (d.file, d.code);
        let total = totals[&key];
        let n = kept.entry(key).or_default();
        *n += 1;
        if *n == MAX_PER_FILE_AND_RULE && total > MAX_PER_FILE_AND_RULE {
            d.notes.push(format!(
                "… and {} more {} in this file",
                total - MAX_PER_FILE_AND_RULE,
                d.code.as_str()
            ));
        }
        *n <= MAX_PER_FILE_AND_RULE
    });
}
