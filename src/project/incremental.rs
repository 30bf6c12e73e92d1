//! The language server's incremental update: one file's part of an assembled model replaced in
//! place, the indices pointing past it shifted.

use super::assemble::{Bases, Fragment};
use super::kind::{FileKind, classify};
use crate::model::{Flow, Function, Handoff, Owner, Project, TextField};
use crate::source::FileId;

/// The range of `v` (sorted by file) holding the items of `id`.
fn file_range<T>(v: &[T], id: FileId, file: impl Fn(&T) -> FileId) -> std::ops::Range<usize> {
    let a = v.partition_point(|x| file(x) < id);
    let b = a + v[a..].partition_point(|x| file(x) == id);
    a..b
}

/// Shift an index that pointed past a replaced range of `old` items now holding `new` items.
fn shift(i: &mut usize, old: &std::ops::Range<usize>, new: usize) {
    if *i >= old.end {
        *i = *i + new - old.len();
    }
}

/// Replace one file's part of an assembled model with a new fragment of the same file, in place:
/// what the language server does on a keystroke instead of assembling every file again. The
/// result equals [`assemble`] over the new set of fragments. Returns false, changing nothing, when
/// the file is not in the model or the change needs a full assembly (a file of a flow the model
/// does not know, two files competing for one role).
///
/// [`assemble`]: super::assemble()
pub fn replace_file(p: &mut Project, fragment: Fragment) -> bool {
    let Fragment { kind, part } = fragment;
    let Some(src) = part.files.first() else {
        return false;
    };
    let id = src.id;
    let i = id.0 as usize;
    if p.files.get(i).is_none_or(|f| f.rel != src.rel) {
        return false;
    }
    let flow = match kind.flow_dir() {
        Some(d) => match p.flows.iter().position(|f| f.dir == d) {
            Some(g) => Some(g),
            None => return false,
        },
        None => None,
    };
    // Roles a second file could also claim (`handoffs.yml` beside `handoffs.yaml`): the last
    // one wins when assembling, so let a full assembly decide.
    if matches!(
        kind,
        FileKind::Config | FileKind::Handoffs | FileKind::FlowConfig(_)
    ) && p
        .files
        .iter()
        .filter(|f| classify(&f.rel).as_ref() == Some(&kind))
        .count()
        > 1
    {
        return false;
    }
    // A settings file holds indices into the texts of its own, a controls file owners of its
    // own: let a full assembly place them.
    if kind.is_settings()
        || kind.is_controls()
        || !part.settings.is_empty()
        || !part.controls.is_empty()
    {
        return false;
    }
    let rt = file_range(&p.texts, id, |t| t.file);
    let rtop = file_range(&p.topics, id, |t| t.file);
    let rsms = file_range(&p.sms_templates, id, |t| t.file);
    let rh = file_range(&p.handoffs, id, |h| h.file);
    let rfn = file_range(&p.functions, id, |f| f.file);
    let rst = flow.map(|g| file_range(&p.flows[g].steps, id, |s| s.file));
    let Project {
        root: _,
        mut files,
        handoffs,
        handoffs_file,
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
        config,
        mut suppressions,
        settings: _,
        controls: _,
    } = part;
    let (nt, ntop, nsms, nh, nfn) = (
        texts.len(),
        topics.len(),
        sms_templates.len(),
        handoffs.len(),
        functions.len(),
    );
    let fl = flows.into_iter().next();
    let nst = fl.as_ref().map_or(0, |f| f.steps.len());
    // Indices held elsewhere in the model that point past the replaced ranges.
    let keep = |j: usize, lo: usize, n: usize| j < lo || j >= lo + n;
    for (j, t) in p.texts.iter_mut().enumerate() {
        if !keep(j, rt.start, rt.len()) {
            continue;
        }
        match &mut t.owner {
            Owner::Topic(k) => shift(k, &rtop, ntop),
            Owner::Sms(k) => shift(k, &rsms, nsms),
            Owner::Header { handoff, .. } => shift(handoff, &rh, nh),
            Owner::Function(k) => shift(k, &rfn, nfn),
            Owner::Step { flow: g, step } => {
                if let (Some(f), Some(r)) = (flow, &rst)
                    && *g == f
                {
                    shift(step, r, nst);
                }
            }
            _ => {}
        }
    }
    for (j, h) in p.handoffs.iter_mut().enumerate() {
        if !keep(j, rh.start, rh.len()) {
            continue;
        }
        for hd in &mut h.headers {
            if let Some(t) = &mut hd.text {
                shift(t, &rt, nt);
            }
        }
    }
    for c in &mut p.settings.channels {
        for t in c.texts_mut() {
            shift(t, &rt, nt);
        }
    }
    // The new items, their file-local indices moved to where they now sit.
    let at = Bases {
        texts: rt.start,
        topics: rtop.start,
        sms: rsms.start,
        handoffs: rh.start,
        functions: rfn.start,
        // The file is no controls file (those are assembled anew): it holds no guardrail.
        guardrails: 0,
        steps: rst.as_ref().map_or(0, |r| r.start),
        flow,
    };
    let texts: Vec<TextField> = at.texts(texts).collect();
    let handoffs: Vec<Handoff> = at.handoffs(handoffs).collect();
    let functions: Vec<Function> = at.functions(functions).collect();
    p.texts.splice(rt, texts);
    p.topics.splice(rtop, topics);
    p.sms_templates.splice(rsms, sms_templates);
    p.handoffs.splice(rh, handoffs);
    p.functions.splice(rfn, functions);
    let rv = file_range(&p.variants, id, |v| v.file);
    p.variants.splice(rv, variants);
    let ra = file_range(&p.attributes, id, |a| a.file);
    p.attributes.splice(ra, attributes);
    let re = file_range(&p.entities, id, |e| e.file);
    p.entities.splice(re, entities);
    let rtc = file_range(&p.test_cases, id, |c| c.file);
    p.test_cases.splice(rtc, test_cases);
    let rl = file_range(&p.languages, id, |l| l.file);
    p.languages.splice(rl, languages);
    let rtr = file_range(&p.translations, id, |e| e.file);
    p.translations.splice(rtr, translations);
    let rd = file_range(&p.diagnostics, id, |d| d.file);
    p.diagnostics.splice(rd, diagnostics);
    if let (Some(g), Some(r)) = (flow, rst) {
        let target = &mut p.flows[g];
        let fl = fl.unwrap_or_else(|| Flow::new(target.dir.clone()));
        if matches!(kind, FileKind::FlowConfig(_)) {
            target.config = fl.config;
            target.name = fl.name;
            target.description = fl.description;
            target.start_step = fl.start_step;
        }
        target.steps.splice(r, fl.steps);
    }
    match kind {
        FileKind::Handoffs => p.handoffs_file = handoffs_file,
        FileKind::Config => p.config = config,
        _ => {}
    }
    if let (Some(f), Some(s)) = (files.pop(), suppressions.pop()) {
        p.files[i] = f;
        p.suppressions[i] = s;
    }
    true
}
