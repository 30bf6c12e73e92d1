//! Walking the project folder: listing the relevant files, by one thread or shared by several.

use super::kind::{FileKind, classify};
use super::root::skipped_in_walk;
use std::path::{Path, PathBuf};

/// A discovered path: a relevant file, or a directory sitting where a file should be.
#[derive(Debug, Clone)]
pub struct Discovered {
    pub path: PathBuf,
    pub rel: String,
    pub kind: FileKind,
    pub is_dir: bool,
}

/// Walk `root` and list the relevant files, sorted by relative path. Symlinked directories are not
/// followed (no loops, nothing outside the root); symlinked files are read only when they resolve
/// to a regular file inside the root. Pipes, sockets and devices are not listed.
pub fn discover(root: &Path) -> Vec<Discovered> {
    let walk = Walk::new(root);
    let mut out = Vec::new();
    let mut pending = vec![Pending {
        path: root.to_path_buf(),
        rel: String::new(),
    }];
    while let Some(p) = pending.pop() {
        walk.list(&p.path, &p.rel, &mut out, &mut pending);
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// One walk of a project: lists folders one at a time, from any number of threads (the order in
/// which folders are listed does not matter, the list is sorted at the end).
struct Walk<'a> {
    root: &'a Path,
    /// Needed only to place a symlinked file's target.
    canon_root: std::sync::OnceLock<PathBuf>,
}

impl<'a> Walk<'a> {
    fn new(root: &'a Path) -> Walk<'a> {
        Walk {
            root,
            canon_root: std::sync::OnceLock::new(),
        }
    }

    fn canon_root(&self) -> &Path {
        self.canon_root.get_or_init(|| {
            std::fs::canonicalize(self.root).unwrap_or_else(|_| self.root.to_path_buf())
        })
    }

    /// List the folder `dir` (`rel` from the root): its relevant files go to `out`, the folders to
    /// walk next to `subdirs`. Symlinked folders are never entered, so a walk cannot loop.
    fn list(&self, dir: &Path, rel: &str, out: &mut Vec<Discovered>, subdirs: &mut Vec<Pending>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in rd.flatten() {
            let Ok(ft) = entry.file_type() else { continue };
            let kind = if ft.is_symlink() {
                EntryKind::Symlink
            } else if ft.is_dir() {
                EntryKind::Dir
            } else if ft.is_file() {
                EntryKind::File
            } else {
                continue;
            };
            self.entry(dir, rel, &entry.file_name(), kind, out, subdirs);
        }
    }

    /// One entry of the folder `dir` (`rel` from the root).
    fn entry(
        &self,
        dir: &Path,
        rel: &str,
        os_name: &std::ffi::OsStr,
        entry: EntryKind,
        out: &mut Vec<Discovered>,
        subdirs: &mut Vec<Pending>,
    ) {
        let name = os_name.to_string_lossy();
        let mut child_rel = String::with_capacity(rel.len() + 1 + name.len());
        if !rel.is_empty() {
            child_rel.push_str(rel);
            child_rel.push('/');
        }
        child_rel.push_str(&name);
        let kind = classify(&child_rel);
        match entry {
            EntryKind::Symlink => {
                let path = join_name(dir, os_name);
                let Ok(target) = std::fs::canonicalize(&path) else {
                    return;
                };
                // Only a regular file inside the root (not a folder, a pipe or a device).
                if !target.starts_with(self.canon_root()) || !target.is_file() {
                    return;
                }
                if let Some(kind) = kind {
                    out.push(Discovered {
                        path,
                        rel: child_rel,
                        kind,
                        is_dir: false,
                    });
                }
            }
            EntryKind::Dir => {
                if let Some(kind) = kind {
                    out.push(Discovered {
                        path: join_name(dir, os_name),
                        rel: child_rel,
                        kind,
                        is_dir: true,
                    });
                    return;
                }
                if skipped_in_walk(&child_rel) {
                    return;
                }
                // Only descend where relevant files can live.
                let depth = child_rel.split('/').count();
                let top = child_rel.split('/').next().unwrap_or("");
                let relevant_top = [
                    "agent_settings",
                    "config",
                    "topics",
                    "flows",
                    "functions",
                    "voice",
                    "chat",
                    "speech_recognition",
                    "child_topics",
                    "test_suite",
                    "context",
                ];
                if relevant_top.contains(&top) && depth <= 3 {
                    subdirs.push(Pending {
                        path: join_name(dir, os_name),
                        rel: child_rel,
                    });
                }
            }
            // Pipes, sockets and devices are left out: reading one could block forever.
            EntryKind::File => {
                if let Some(kind) = kind {
                    out.push(Discovered {
                        path: join_name(dir, os_name),
                        rel: child_rel,
                        kind,
                        is_dir: false,
                    });
                }
            }
        }
    }
}

/// What a folder entry is (symlinks not followed); other kinds are skipped.
#[derive(Clone, Copy)]
enum EntryKind {
    File,
    Dir,
    Symlink,
}

/// A folder waiting to be listed.
struct Pending {
    path: PathBuf,
    rel: String,
}

/// `dir.join(name)` for a plain file name, allocated once at its final size.
fn join_name(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(dir.as_os_str().len() + 1 + name.len());
    path.push(dir);
    path.push(name);
    path
}

/// The folders of a walk shared by several threads: each takes a folder, lists it, and hands
/// back what it found and the folders to walk next. The walk is over when no folder is left and
/// none is being listed.
pub(super) struct DirQueue<'a> {
    walk: Walk<'a>,
    state: std::sync::Mutex<WalkState>,
    changed: std::sync::Condvar,
}

#[derive(Default)]
struct WalkState {
    pending: Vec<Pending>,
    /// Folders being listed right now.
    listing: usize,
    /// Threads waiting for a folder (a wake-up is a system call, made only when one waits).
    idle: usize,
    found: Vec<Discovered>,
}

impl<'a> DirQueue<'a> {
    pub(super) fn new(root: &'a Path) -> DirQueue<'a> {
        DirQueue {
            walk: Walk::new(root),
            state: std::sync::Mutex::new(WalkState {
                pending: vec![Pending {
                    path: root.to_path_buf(),
                    rel: String::new(),
                }],
                ..WalkState::default()
            }),
            changed: std::sync::Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WalkState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// List folders until the walk is over.
    pub(super) fn help(&self) {
        let mut state = self.lock();
        loop {
            if let Some(p) = state.pending.pop() {
                state.listing += 1;
                drop(state);
                let listing = Listing(self);
                let (mut found, mut subdirs) = (Vec::new(), Vec::new());
                self.walk.list(&p.path, &p.rel, &mut found, &mut subdirs);
                std::mem::forget(listing);
                state = self.lock();
                state.listing -= 1;
                state.found.append(&mut found);
                state.pending.append(&mut subdirs);
                if state.idle > 0 && (!state.pending.is_empty() || state.listing == 0) {
                    self.changed.notify_all();
                }
            } else if state.listing == 0 {
                return;
            } else {
                state.idle += 1;
                state = self
                    .changed
                    .wait(state)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                state.idle -= 1;
            }
        }
    }

    /// Everything the walk found (in no particular order).
    pub(super) fn take_found(&self) -> Vec<Discovered> {
        std::mem::take(&mut self.lock().found)
    }
}

/// Counts a folder as listed even if listing it unwinds, so the other threads do not wait for it
/// forever.
struct Listing<'q, 'a>(&'q DirQueue<'a>);

impl Drop for Listing<'_, '_> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.listing -= 1;
        self.0.changed.notify_all();
    }
}
