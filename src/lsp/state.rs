//! The workspace: projects found under the roots, open buffers overlaying disk, and the
//! analysed snapshot of each project, rebuilt lazily after changes.

use crate::analysis::{self, Analysis, Options};
pub use crate::lsp::discover::find_projects;
use crate::lsp::discover::is_project_root;
use crate::model::Project;
use crate::project::{self, Discovered, Fragment};
use crate::source::{ColumnUnit, FileId};
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// An analysed project: what every request reads.
pub struct Snap {
    pub project: Project,
    /// What `switchboard check` would report.
    pub diagnostics: Vec<crate::diagnostics::Diagnostic>,
    options: Options,
    /// The diagnostics with the symbol index, built by the first request that needs it.
    full: OnceLock<Analysis>,
}

impl Snap {
    pub fn new(project: Project, options: &Options) -> Snap {
        let diagnostics = analysis::analyze(&project, options);
        Snap {
            project,
            diagnostics,
            options: options.clone(),
            full: OnceLock::new(),
        }
    }

    /// The options the project is analysed with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The diagnostics and the symbol index.
    pub fn analysis(&self) -> &Analysis {
        self.full.get_or_init(|| Analysis {
            diagnostics: self.diagnostics.clone(),
            index: analysis::index(&self.project, &self.options),
        })
    }
}

/// Free a large value on another thread: dropping a big model takes milliseconds that a
/// keystroke should not wait for. (One long-lived dropping thread fed by a channel was tried:
/// the keystroke figures were the same and the 10,000-topic workspace held 7-9 MB more.)
fn drop_later<T: Send + 'static>(value: T) {
    // When no thread can be started, the value is dropped right here, with the closure.
    let _ = std::thread::Builder::new()
        .name("switchboard-drop".into())
        .spawn(move || drop(value));
}

/// An open buffer.
pub struct Doc {
    pub rope: Rope,
    pub version: i32,
    /// The rope's text, refreshed after edits.
    pub text: Arc<str>,
    /// Hash of `Ok(text)`, the key of the parse cache.
    pub hash: u64,
}

fn hash_of(text: &Result<String, String>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl Doc {
    pub fn new(text: &str, version: i32) -> Doc {
        Doc {
            rope: Rope::from_str(text),
            version,
            text: Arc::from(text),
            hash: hash_of(&Ok(text.to_string())),
        }
    }
    /// Apply one `didChange` content change: a full replacement without a range, else the
    /// range (in `unit`) replaced by `text`. A range outside the document changes nothing and
    /// returns false. Call [`Doc::refresh`] after the last change.
    pub fn apply_change(
        &mut self,
        range: Option<tower_lsp_server::ls_types::Range>,
        text: &str,
        unit: ColumnUnit,
    ) -> bool {
        let Some(r) = range else {
            self.rope = Rope::from_str(text);
            return true;
        };
        let (Some(a), Some(b)) = (
            crate::lsp::convert::rope_char(&self.rope, r.start, unit),
            crate::lsp::convert::rope_char(&self.rope, r.end, unit),
        ) else {
            return false;
        };
        let (a, b) = (a.min(b), a.max(b));
        self.rope.remove(a..b);
        self.rope.insert(a, text);
        true
    }
    /// Refresh the text and hash from the rope after edits.
    pub fn refresh(&mut self) {
        let text: Result<String, String> = Ok(self.rope.to_string());
        self.hash = hash_of(&text);
        if let Ok(s) = text {
            self.text = Arc::from(s);
        }
    }
}

/// One ADK project of the workspace.
pub struct Proj {
    pub root: PathBuf,
    found: Option<Vec<Discovered>>,
    /// What was read from disk by relative path (lazily; forgotten when the file changes on
    /// disk): the hash of the result, and the result until a fragment is built from it (the
    /// fragment then holds the text; an error stays here).
    disk: HashMap<String, (Option<Result<String, String>>, u64)>,
    /// Each file's part of the model by relative path: content hash, the id it was built
    /// with, the fragment (boxed and shrunk: one is kept per file).
    parsed: HashMap<String, (u64, FileId, Box<Fragment>)>,
    /// The files of the last snapshot, sorted by path (the index is the `FileId`).
    list: Vec<Discovered>,
    /// Files whose text may have changed since the last snapshot.
    dirty: HashSet<String>,
    /// The set of files may have changed: assemble every file again.
    restructure: bool,
    /// The last snapshot: current unless `stale`.
    last: Option<Arc<Snap>>,
    stale: bool,
}

impl Proj {
    pub fn new(root: PathBuf) -> Proj {
        Proj {
            root,
            found: None,
            disk: HashMap::new(),
            parsed: HashMap::new(),
            list: Vec::new(),
            dirty: HashSet::new(),
            restructure: true,
            last: None,
            stale: true,
        }
    }

    /// The path of `path` relative to the root, `/`-separated, when it is inside.
    pub fn rel(&self, path: &Path) -> Option<String> {
        let r = path.strip_prefix(&self.root).ok()?;
        let s: Vec<String> = r
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if s.is_empty() {
            return None;
        }
        Some(s.join("/"))
    }

    /// Forget what is known about a file on disk (it changed, appeared or went away).
    pub fn invalidate(&mut self, rel: &str, structure: bool) {
        self.disk.remove(rel);
        if structure {
            self.found = None;
            self.restructure = true;
        }
        self.dirty.insert(rel.to_string());
        self.stale = true;
    }

    /// The text of an open buffer changed (or a buffer was opened over a file).
    pub fn edited(&mut self, rel: String) {
        self.dirty.insert(rel);
        self.stale = true;
    }

    /// Mark the snapshot stale without knowing what changed.
    pub fn reset(&mut self) {
        self.restructure = true;
        self.stale = true;
    }

    /// The current snapshot. After edits to files already in the model, only those files are
    /// parsed again and their parts replaced in place; anything else assembles every file (each
    /// unchanged one from its cached fragment).
    pub fn snapshot(&mut self, docs: &HashMap<PathBuf, Doc>, options: &Options) -> Arc<Snap> {
        if let Some(s) = &self.last
            && !self.stale
        {
            return s.clone();
        }
        if !self.restructure
            && let Some(project) = self.update_in_place(docs)
        {
            return self.finish(project, options);
        }
        let project = self.assemble(docs);
        self.finish(project, options)
    }

    fn finish(&mut self, project: Project, options: &Options) -> Arc<Snap> {
        let snap = Arc::new(Snap::new(project, options));
        if let Some(old) = self.last.replace(snap.clone()) {
            drop_later(old);
        }
        self.stale = false;
        self.restructure = false;
        self.dirty.clear();
        snap
    }

    /// The hash of a file's current text (the open buffer, else the disk), reading the disk
    /// once.
    fn current_hash(&mut self, d: &Discovered, docs: &HashMap<PathBuf, Doc>) -> u64 {
        match docs.get(&d.path) {
            Some(doc) => doc.hash,
            None => {
                self.disk
                    .entry(d.rel.clone())
                    .or_insert_with(|| {
                        let t = project::read_text(&d.path);
                        let h = hash_of(&t);
                        (Some(t), h)
                    })
                    .1
            }
        }
    }

    /// A fresh fragment of a file from its current text.
    fn fragment(&mut self, id: FileId, d: &Discovered, docs: &HashMap<PathBuf, Doc>) -> Fragment {
        let text = match docs.get(&d.path) {
            Some(doc) => Ok(doc.text.to_string()),
            None => self.disk_text(d),
        };
        let mut f = project::fragment(project::parse_file(id, d, Some(text)));
        f.shrink_to_fit();
        f
    }

    /// The disk text of a file whose hash [`Proj::current_hash`] took: handed over the first
    /// time (so it is not held twice), later copied from the cached fragment built from it.
    fn disk_text(&mut self, d: &Discovered) -> Result<String, String> {
        let Some((read, hash)) = self.disk.get_mut(&d.rel) else {
            return project::read_text(&d.path);
        };
        if let Some(Err(e)) = read {
            return Err(e.clone());
        }
        if let Some(Ok(t)) = read.take() {
            return Ok(t);
        }
        match self.parsed.get(&d.rel) {
            Some((h, _, f)) if h == hash => Ok(f.part.files[0].text.to_string()),
            _ => project::read_text(&d.path),
        }
    }

    /// Rebuild the dirty files' parts in the last snapshot's model; `None` when that is not
    /// possible (no snapshot, a file that is not in it, a change of a file's role).
    fn update_in_place(&mut self, docs: &HashMap<PathBuf, Doc>) -> Option<Project> {
        let last = self.last.take()?;
        let mut targets = Vec::new();
        for rel in &self.dirty {
            // An open file that is no part of the project (a README) changes nothing.
            if project::classify(rel).is_none() {
                continue;
            }
            let Ok(i) = self.list.binary_search_by(|d| d.rel.as_str().cmp(rel)) else {
                self.last = Some(last);
                return None;
            };
            targets.push(i);
        }
        targets.sort_unstable();
        // A request still holding the old snapshot keeps it; the model is then copied once.
        let mut project = match Arc::try_unwrap(last) {
            Ok(s) => {
                let Snap {
                    project,
                    diagnostics,
                    full,
                    ..
                } = s;
                drop_later((diagnostics, full));
                project
            }
            Err(shared) => {
                let p = shared.project.clone();
                drop_later(shared);
                p
            }
        };
        for i in targets {
            let d = self.list[i].clone();
            if d.is_dir {
                continue;
            }
            let id = FileId(i as u32);
            let hash = self.current_hash(&d, docs);
            if let Some((h, cid, _)) = self.parsed.get(&d.rel)
                && *h == hash
                && *cid == id
            {
                continue;
            }
            let f = self.fragment(id, &d, docs);
            if !project::replace_file(&mut project, f.clone()) {
                // Fall back to assembling everything; the cache stays right.
                self.parsed.insert(d.rel.clone(), (hash, id, Box::new(f)));
                return None;
            }
            self.parsed.insert(d.rel.clone(), (hash, id, Box::new(f)));
        }
        Some(project)
    }

    /// Assemble the model from every file, reusing each unchanged file's fragment.
    fn assemble(&mut self, docs: &HashMap<PathBuf, Doc>) -> Project {
        let found = self
            .found
            .get_or_insert_with(|| project::discover(&self.root))
            .clone();
        let mut list: Vec<Discovered> = found;
        for path in docs.keys() {
            if let Some(rel) = self.rel(path)
                && !list.iter().any(|d| d.rel == rel)
                && let Some(kind) = project::classify(&rel)
            {
                list.push(Discovered {
                    path: path.clone(),
                    rel,
                    kind,
                    is_dir: false,
                });
            }
        }
        list.sort_by(|a, b| a.rel.cmp(&b.rel));
        let mut seen = HashSet::new();
        for (i, d) in list.iter().enumerate() {
            let id = FileId(i as u32);
            seen.insert(d.rel.clone());
            if d.is_dir {
                self.parsed.insert(
                    d.rel.clone(),
                    (
                        0,
                        id,
                        Box::new(project::fragment(project::parse_file(id, d, None))),
                    ),
                );
                continue;
            }
            let hash = self.current_hash(d, docs);
            if let Some((ch, cid, _)) = self.parsed.get(&d.rel)
                && *ch == hash
                && *cid == id
            {
                continue;
            }
            let f = self.fragment(id, d, docs);
            self.parsed.insert(d.rel.clone(), (hash, id, Box::new(f)));
        }
        self.parsed.retain(|rel, _| seen.contains(rel));
        let mut parts = Vec::with_capacity(list.len());
        for d in &list {
            if let Some((_, _, p)) = self.parsed.get(&d.rel) {
                parts.push(&**p);
            }
        }
        let project = project::assemble_borrowed(self.root.clone(), &parts);
        self.list = list;
        project
    }
}

/// Everything the server knows, behind one mutex.
pub struct State {
    pub encoding: ColumnUnit,
    pub roots: Vec<PathBuf>,
    pub projects: Vec<Proj>,
    pub docs: HashMap<PathBuf, Doc>,
    pub options: Options,
    pub inlay_hints: bool,
    /// Whether the client accepts file watchers registered at run time.
    pub dynamic_watchers: bool,
    /// Diagnostics are pulled by the client, never pushed (see [`crate::lsp::capabilities`]).
    pub pull_diagnostics: bool,
    /// The client accepts `workspace/diagnostic/refresh`.
    pub diagnostic_refresh: bool,
    /// Bumped by every change; a scheduled publish runs only for the latest.
    pub generation: u64,
    /// Last published diagnostics per file path (push model only).
    pub published: HashMap<PathBuf, Vec<crate::lsp::convert::LspDiagnostic>>,
}

impl Default for State {
    fn default() -> Self {
        State {
            encoding: ColumnUnit::Utf16,
            roots: Vec::new(),
            projects: Vec::new(),
            docs: HashMap::new(),
            options: Options::default(),
            inlay_hints: true,
            dynamic_watchers: false,
            pull_diagnostics: false,
            diagnostic_refresh: false,
            generation: 0,
            published: HashMap::new(),
        }
    }
}

impl State {
    /// The project holding `path` (the deepest root containing it).
    pub fn project_of(&self, path: &Path) -> Option<usize> {
        self.projects
            .iter()
            .enumerate()
            .filter(|(_, p)| path.starts_with(&p.root))
            .max_by_key(|(_, p)| p.root.components().count())
            .map(|(i, _)| i)
    }

    /// The project holding `path`, adding one found around it when none is known yet.
    pub fn ensure_project(&mut self, path: &Path) -> Option<usize> {
        if let Some(i) = self.project_of(path) {
            return Some(i);
        }
        let root = project::find_root(path).ok()?;
        if !path.starts_with(&root) {
            return None;
        }
        self.projects.push(Proj::new(root));
        Some(self.projects.len() - 1)
    }

    /// Look for projects under every root again (a root marker may have appeared or gone away).
    /// A project found around an opened file stays while its root still is one.
    pub fn rescan(&mut self) {
        let mut roots: Vec<PathBuf> = Vec::new();
        for r in &self.roots {
            roots.extend(find_projects(r));
        }
        self.projects
            .retain(|p| roots.contains(&p.root) || is_project_root(&p.root));
        for r in roots {
            if !self.projects.iter().any(|p| p.root == r) {
                self.projects.push(Proj::new(r));
            }
        }
    }

    /// The text of `path` changed (an open buffer was edited, opened or closed).
    pub fn touch(&mut self, path: &Path) {
        if let Some(i) = self.project_of(path) {
            match self.projects[i].rel(path) {
                Some(rel) => self.projects[i].edited(rel),
                None => self.projects[i].reset(),
            }
        }
        self.generation += 1;
    }

    /// The snapshot of the project holding `path` and the file's id in it.
    pub fn snapshot_for(&mut self, path: &Path) -> Option<(Arc<Snap>, FileId)> {
        let i = self.ensure_project(path)?;
        let docs = &self.docs;
        let options = &self.options;
        let snap = self.projects[i].snapshot(docs, options);
        let rel = self.projects[i].rel(path)?;
        let id = snap.project.files.iter().find(|f| f.rel == rel)?.id;
        Some((snap, id))
    }

    /// The snapshot of the project holding `path`, a file or a folder of it (its root too).
    pub fn snapshot_around(&mut self, path: &Path) -> Option<Arc<Snap>> {
        let i = self.ensure_project(path)?;
        Some(self.projects[i].snapshot(&self.docs, &self.options))
    }

    /// Every project's snapshot.
    pub fn snapshots(&mut self) -> Vec<Arc<Snap>> {
        let docs = &self.docs;
        let options = &self.options;
        self.projects
            .iter_mut()
            .map(|p| p.snapshot(docs, options))
            .collect()
    }
}
