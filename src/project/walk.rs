//! Walking the project folder: listing the relevant files, by one thread or shared by several.

use super::kind::{FileKind, classify};
use super::root::SKIP_DIRS;
use std::path::{Path, PathBuf};

/// A discovered path: a relevant file, or a directory sitting where a file should be.
#[derive(Debug, Clone)]
pub struct Discovered {
    pub path: PathBuf,
    pub rel: String,
    pub kind: FileKind,
    pub is_dir: bool,
    /// Where the walk that found it holds its folder open, if it does: the file is read there.
    pub at: Option<At>,
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
        at: None,
    }];
    while let Some(p) = pending.pop() {
        walk.list(&p.path, &p.rel, p.at.as_ref(), &mut out, &mut pending);
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
    /// Folders held open (see [`At`]).
    #[cfg(target_os = "linux")]
    held: std::sync::atomic::AtomicUsize,
}

impl<'a> Walk<'a> {
    fn new(root: &'a Path) -> Walk<'a> {
        Walk {
            root,
            canon_root: std::sync::OnceLock::new(),
            #[cfg(target_os = "linux")]
            held: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn canon_root(&self) -> &Path {
        self.canon_root.get_or_init(|| {
            std::fs::canonicalize(self.root).unwrap_or_else(|_| self.root.to_path_buf())
        })
    }

    /// List the folder `dir` (`rel` from the root): its relevant files go to `out`, the folders to
    /// walk next to `subdirs`. Symlinked folders are never entered, so a walk cannot loop. `at`
    /// is the open parent folder and the folder's name in it, when the walk holds it open.
    ///
    /// On Linux the folder is opened relative to its parent when the walk holds the parent open,
    /// its entries are read with `getdents64` (the C library's `opendir` adds an `fstat` and a
    /// 32 KiB buffer per folder), and it stays open, while fewer than `HELD_DIRS` are, for its
    /// files to be opened relative to it.
    fn list(
        &self,
        dir: &Path,
        rel: &str,
        at: Option<&At>,
        out: &mut Vec<Discovered>,
        subdirs: &mut Vec<Pending>,
    ) {
        #[cfg(not(target_os = "linux"))]
        {
            let _ = at;
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
                self.entry(dir, rel, &entry.file_name(), kind, || None, out, subdirs);
            }
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{FileType, Mode, OFlags};
            use std::sync::atomic::Ordering::Relaxed;
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW;
            let fd = match at {
                Some(at) => rustix::fs::openat(&*at.dir, &at.name, flags, Mode::empty()),
                None => rustix::fs::open(dir, flags, Mode::empty()),
            };
            let Ok(fd) = fd else { return };
            // The listing reads through a duplicate, so that the folder's own descriptor can outlive
            // the listing's buffer.
            let Ok(listing) = rustix::io::fcntl_dupfd_cloexec(&fd, 0) else {
                return;
            };
            let Ok(entries) = rustix::fs::Dir::new(listing) else {
                return;
            };
            let fd = std::sync::Arc::new(fd);
            let held = (self.held.fetch_add(1, Relaxed) < HELD_DIRS).then(|| fd.clone());
            for entry in entries.flatten() {
                let name = entry.file_name();
                if matches!(name.to_bytes(), b"." | b"..") {
                    continue;
                }
                let mut file_type = entry.file_type();
                if file_type == FileType::Unknown {
                    // Not every file system fills in the type: ask for it.
                    match rustix::fs::statat(&*fd, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) {
                        Ok(st) => file_type = FileType::from_raw_mode(st.st_mode),
                        Err(_) => continue,
                    }
                }
                let kind = match file_type {
                    FileType::Symlink => EntryKind::Symlink,
                    FileType::Directory => EntryKind::Dir,
                    FileType::RegularFile => EntryKind::File,
                    _ => continue,
                };
                let os_name = std::os::unix::ffi::OsStrExt::from_bytes(name.to_bytes());
                let at = || {
                    held.as_ref().map(|dir| At {
                        dir: dir.clone(),
                        name: name.to_owned(),
                    })
                };
                self.entry(dir, rel, os_name, kind, at, out, subdirs);
            }
            if held.is_none() {
                self.held.fetch_sub(1, Relaxed);
            }
        }
    }

    /// One entry of the folder `dir` (`rel` from the root). `at` gives the entry's place in the
    /// open folder, when the walk holds the folder open.
    #[allow(clippy::too_many_arguments)]
    fn entry(
        &self,
        dir: &Path,
        rel: &str,
        os_name: &std::ffi::OsStr,
        entry: EntryKind,
        at: impl FnOnce() -> Option<At>,
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
                        at: None,
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
                        at: None,
                    });
                    return;
                }
                if SKIP_DIRS.contains(&&*name) {
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
                ];
                if relevant_top.contains(&top) && depth <= 3 {
                    subdirs.push(Pending {
                        path: join_name(dir, os_name),
                        rel: child_rel,
                        at: at(),
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
                        at: at(),
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

/// Folders a walk holds open at most (for their files to be opened relative to them); files of
/// further folders are opened by path. Well under the usual limit of 1,024 open descriptors.
#[cfg(target_os = "linux")]
const HELD_DIRS: usize = 256;

/// A folder waiting to be listed.
struct Pending {
    path: PathBuf,
    rel: String,
    at: Option<At>,
}

/// An entry's place in a folder the walk holds open (Linux): opening it there makes the kernel
/// look up one name instead of every folder of the path (about a microsecond less per file here).
#[derive(Debug, Clone)]
pub struct At {
    #[cfg(target_os = "linux")]
    pub(super) dir: std::sync::Arc<std::os::fd::OwnedFd>,
    #[cfg(target_os = "linux")]
    pub(super) name: std::ffi::CString,
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
                    at: None,
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
                self.walk
                    .list(&p.path, &p.rel, p.at.as_ref(), &mut found, &mut subdirs);
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
