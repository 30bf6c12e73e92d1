//! The checks of the knowledge base's child topics (SB451 the variant folder, SB452 a name
//! unique across topics and child topics), as the official ADK makes them. The rules are
//! declared in `rules.rs` beside this file (a module of the registry); SB450 is found by the
//! topic builder as it reads a child topic.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Project, Topic, clean_name};
use crate::project::stem;
use crate::source::Span;
use crate::text::did_you_mean;

/// Every check of the family.
pub fn check(p: &Project, out: &mut Vec<Diagnostic>) {
    child_topic_variants(p, out);
    child_topic_names(p, out);
}

/// A topic's name as the ADK resolves it: its `name`, or its file's stem without one.
fn topic_name<'p>(p: &'p Project, t: &'p Topic) -> &'p str {
    match &t.name {
        Some(n) if !n.value.is_empty() => &n.value,
        _ => stem(&p.file(t.file).rel),
    }
}

/// Where a finding about a whole topic goes: its `name`, or the start of its file.
fn topic_span(t: &Topic) -> Span {
    t.name.as_ref().map_or(Span::new(0, 0), |n| n.span)
}

/// SB451: a child topic whose folder is the clean name of no variant (the ADK compares clean
/// names on both sides: `child_topics/canary_wharf/` is the variant `Canary Wharf`).
fn child_topic_variants(p: &Project, out: &mut Vec<Diagnostic>) {
    let folders: Vec<String> = p
        .variants
        .iter()
        .map(|v| clean_name(&v.name.value))
        .collect();
    for t in &p.topics {
        let Some(folder) = &t.variant else { continue };
        let clean = clean_name(folder);
        if folders.contains(&clean) {
            continue;
        }
        let mut d = Diagnostic::new(
            Code::SB451,
            t.file,
            topic_span(t),
            format!(
                "child topic `{}` is in `child_topics/{folder}/`, which is the folder of no variant",
                topic_name(p, t)
            ),
        );
        d = match did_you_mean(&clean, folders.iter().map(String::as_str)) {
            Some(g) => d.help(format!("did you mean the folder `child_topics/{g}/`?")),
            None if folders.is_empty() => {
                d.help("declare the variant in `config/variant_attributes.yaml`")
            }
            None => d.note(format!(
                "the variant folders are the clean names of the variants: {}",
                folders
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        out.push(d);
    }
}

/// SB452: a child topic whose clean name is that of another topic or child topic, in any
/// variant. The first clash (topics of `topics/` first, then child topics by path) is labelled,
/// as the ADK reports the first it finds.
fn child_topic_names(p: &Project, out: &mut Vec<Diagnostic>) {
    let clean: Vec<String> = p
        .topics
        .iter()
        .map(|t| clean_name(topic_name(p, t)))
        .collect();
    let mut order: Vec<usize> = (0..p.topics.len()).collect();
    order.sort_by_key(|&i| p.topics[i].variant.is_some());
    for (i, t) in p.topics.iter().enumerate() {
        if t.variant.is_none() || clean[i].is_empty() {
            continue;
        }
        let Some(&j) = order
            .iter()
            .find(|&&j| j != i && p.topics[j].file != t.file && clean[j] == clean[i])
        else {
            continue;
        };
        let other = &p.topics[j];
        let what = match &other.variant {
            None => format!("the topic `{}`", topic_name(p, other)),
            Some(v) => format!(
                "the child topic `{}` of variant folder `{v}`",
                topic_name(p, other)
            ),
        };
        out.push(
            Diagnostic::new(
                Code::SB452,
                t.file,
                topic_span(t),
                format!(
                    "child topic `{}` has the same name as {what}",
                    topic_name(p, t)
                ),
            )
            .label(other.file, topic_span(other), "named here")
            .note("topic names are unique across all topics and child topics, in every variant"),
        );
    }
}
