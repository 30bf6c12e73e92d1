//! Loading a project: the walk, the parse workers and the assembly of the model run together (or,
//! for in-memory files, one after the other).

use super::assemble::{build, flow_of, fragment, place, shrink_vectors, start_assembly};
use super::kind::{FileKind, classify};
use super::lean::{Dropped, drop_text};
use super::parse::{parse_file, parse_text};
use super::read::read_text;
use super::root::skipped_in_walk;
use super::schedule::take_in_order;
use super::walk::{DirQueue, Discovered};
use crate::model::Project;
use crate::source::FileId;
use std::path::Path;

/// Parse workers started before the walk (they help list the folders). On two cores, two of them
/// beside the calling thread measured faster than one (the calling thread also assembles).
const EARLY_WORKERS: usize = 2;
/// Once the walk is over, one more worker per this many files joins, up to one per core: a
/// thread's start costs about as much as parsing a few files, so a small project on a machine with
/// many cores does not pay for dozens of them.
const FILES_PER_LATE_WORKER: usize = 32;

pub(super) fn load_with(root: &Path, lean_from: Option<usize>, cores: usize) -> (Project, Dropped) {
    // One core: the calling thread does everything, in order.
    let early = if cores <= 1 {
        0
    } else {
        cores.min(EARLY_WORKERS)
    };
    let queue = DirQueue::new(root);
    // What the workers parse, once the walk is over: the files in their final order, and whether
    // texts are dropped.
    let plan: std::sync::OnceLock<Plan> = std::sync::OnceLock::new();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let claim = || next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Boxed: a fragment is several hundred bytes, and the channel's blocks (31 slots each, zeroed
    // when allocated) and the reordering buffer would otherwise hold and move it by value.
    let work = |plan: &Plan, i: usize| {
        let mut f = fragment(parse_file(FileId(i as u32), &plan.found[i], None));
        let hash = if plan.lean { drop_text(&mut f) } else { None };
        Box::new((f, hash))
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let mut dropped = Dropped::default();
    let mut project = Project::default();
    // The workers start before the walk and help with it, so their start-up and half of the
    // folder listing (system calls, mostly) overlap.
    let worker = |tx: std::sync::mpsc::Sender<_>, walk: bool| {
        let (queue, plan, claim, work) = (&queue, &plan, &claim, &work);
        move || {
            if walk {
                queue.help();
            }
            let plan = plan.wait();
            loop {
                let i = claim();
                if i >= plan.found.len() || tx.send((i, work(plan, i))).is_err() {
                    break;
                }
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 0..early {
            s.spawn(worker(tx.clone(), true));
        }
        // The workers wait for a plan: they get an empty one if this thread unwinds before
        // making the real one.
        let _release = ReleasePlan(&plan);
        queue.help();
        let mut found = queue.take_found();
        found.sort_by(|a, b| a.rel.cmp(&b.rel));
        if let Some(cfg) = found
            .iter()
            .find(|d| d.kind == FileKind::Config && !d.is_dir)
            && let Ok(text) = read_text(&cfg.path)
        {
            apply_exclude(&mut found, &text);
        }
        // Each fragment joins the model as soon as the ones before it have, so at any time only
        // the few a worker finished early are held apart from it.
        let (mut p, flow_dirs) = start_assembly(root.to_path_buf(), found.iter().map(|d| &d.kind));
        let lean = lean_from.is_some_and(|n| found.len() >= n);
        let plan = plan.get_or_init(|| Plan { found, lean });
        let late = cores
            .saturating_sub(early)
            .min(plan.found.len() / FILES_PER_LATE_WORKER);
        for _ in 0..late {
            s.spawn(worker(tx.clone(), false));
        }
        // The channel closes once every worker has finished.
        drop(tx);
        take_in_order(
            plan.found.len(),
            &rx,
            claim,
            |i| work(plan, i),
            |_, done| {
                let (f, hash) = *done;
                let flow = flow_of(&flow_dirs, &f.kind);
                let config = f.kind == FileKind::Config;
                place(&mut p, f.part, flow, config);
                dropped.hashes.push(hash);
            },
        );
        project = p;
    });
    // The vectors grew by doubling: up to half of each is spare, and the analysis that follows
    // can use that room instead.
    shrink_vectors(&mut project);
    (project, dropped)
}

/// The files to parse, in their final order, and whether their texts are dropped once built.
#[derive(Default)]
struct Plan {
    found: Vec<Discovered>,
    lean: bool,
}

/// Gives the waiting workers an empty plan if none was made (when the thread making it unwinds),
/// so they end and the scope can end.
struct ReleasePlan<'a>(&'a std::sync::OnceLock<Plan>);

impl Drop for ReleasePlan<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(Plan::default());
    }
}

/// Drop the files that `switchboard.toml`'s `exclude` globs name (the config itself stays).
fn apply_exclude(found: &mut Vec<Discovered>, config_text: &str) {
    let (cfg, _) = crate::config::parse(FileId(0), config_text);
    if let Some(set) = crate::config::exclude_set(&cfg.exclude) {
        found.retain(|d| d.kind == FileKind::Config || !set.is_match(&d.rel));
    }
}

/// Build a project from in-memory files (relative path, text), as if they were on disk under
/// `root`. Files that are not part of an ADK project are ignored. Used by tests and by the
/// language server for unsaved buffers.
pub fn load_files(root: &Path, files: &[(String, String)]) -> Project {
    let mut found: Vec<(Discovered, &String)> = files
        .iter()
        .filter_map(|(rel, text)| {
            let rel = rel.replace('\\', "/");
            if skipped_in_walk(&rel) {
                return None;
            }
            classify(&rel).map(|kind| {
                (
                    Discovered {
                        path: root.join(&rel),
                        rel,
                        kind,
                        is_dir: false,
                    },
                    text,
                )
            })
        })
        .collect();
    found.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    if let Some((_, text)) = found.iter().find(|(d, _)| d.kind == FileKind::Config) {
        let (cfg, _) = crate::config::parse(FileId(0), text);
        if let Some(set) = crate::config::exclude_set(&cfg.exclude) {
            found.retain(|(d, _)| d.kind == FileKind::Config || !set.is_match(&d.rel));
        }
    }
    let parsed = found
        .iter()
        .enumerate()
        .map(|(i, (d, text))| parse_text(FileId(i as u32), d, (*text).clone()))
        .collect();
    build(root.to_path_buf(), parsed)
}
