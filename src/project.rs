//! Discovery and loading: find the project root, walk it, read and parse every relevant file (in
//! parallel), and build the [`Project`] model. A broken file costs its own diagnostics only.

pub mod rules;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::*;
use crate::source::{FileId, OffsetMap, SourceFile, Span};
use crate::syntax::python::{self, PyFacts};
use crate::syntax::template;
use crate::syntax::yaml::{self, Node, NodeKind, Scalar, YamlErrorKind};
use crate::text::did_you_mean;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Largest file read; a larger one gets SB009 and is skipped.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Folders never walked.
pub const SKIP_DIRS: &[&str] = &[
    "_gen",
    ".git",
    "node_modules",
    "tests",
    "test_suite",
    "context",
];

/// Folders or files whose presence marks a project root.
const ROOT_MARKERS: &[&str] = &[
    "project.yaml",
    "agent_settings",
    "config",
    "flows",
    "topics",
    "functions",
];

/// Why a path could not be checked at all (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Find the project root for `path`: the path itself when it holds any marker, else the nearest
/// ancestor holding `project.yaml`.
pub fn find_root(path: &Path) -> Result<PathBuf, LoadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError(format!("cannot read `{}`: {}", path.display(), e)))?;
    let dir = if meta.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    if ROOT_MARKERS.iter().any(|m| dir.join(m).exists()) {
        return Ok(dir);
    }
    let abs = std::fs::canonicalize(&dir).unwrap_or(dir.clone());
    for anc in abs.ancestors().skip(1) {
        if anc.join("project.yaml").is_file() {
            return Ok(anc.to_path_buf());
        }
    }
    Err(LoadError(format!(
        "`{}` is not an ADK project: found none of project.yaml, agent_settings/, config/, flows/, topics/ or functions/ in it, and no project.yaml above it",
        path.display()
    )))
}

/// What a file is, from its path relative to the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `switchboard.toml`.
    Config,
    ProjectYaml,
    Rules,
    PersonaText,
    PersonaYaml,
    Handoffs,
    SmsTemplates,
    VariantAttributes,
    Entities,
    Translations,
    Topic,
    FlowConfig(String),
    Step(String),
    TransitionFunction(String),
    FunctionStep(String),
    GlobalFunction,
    ChannelConfig,
}

impl FileKind {
    /// The flow folder a flow file belongs to.
    pub fn flow_dir(&self) -> Option<&str> {
        match self {
            FileKind::FlowConfig(d)
            | FileKind::Step(d)
            | FileKind::TransitionFunction(d)
            | FileKind::FunctionStep(d) => Some(d),
            _ => None,
        }
    }
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

/// Classify a relative path (`/`-separated).
pub fn classify(rel: &str) -> Option<FileKind> {
    // Relevant paths have at most four segments; a fifth marks the path as too deep.
    let mut parts = [""; 5];
    let mut n = 0;
    for seg in rel.split('/') {
        if n == parts.len() {
            return None;
        }
        parts[n] = seg;
        n += 1;
    }
    let k = match &parts[..n] {
        ["switchboard.toml"] => FileKind::Config,
        ["project.yaml"] | ["project.yml"] => FileKind::ProjectYaml,
        ["agent_settings", "rules.txt"] => FileKind::Rules,
        ["agent_settings", "persona.txt"] => FileKind::PersonaText,
        ["agent_settings", f]
            if is_yaml(f) && (f.starts_with("personality.") || f.starts_with("role.")) =>
        {
            FileKind::PersonaYaml
        }
        ["config", f] if is_yaml(f) => match f.split('.').next().unwrap_or("") {
            "handoffs" => FileKind::Handoffs,
            "sms_templates" => FileKind::SmsTemplates,
            "variant_attributes" => FileKind::VariantAttributes,
            "entities" => FileKind::Entities,
            "translations" => FileKind::Translations,
            _ => return None,
        },
        ["topics", f] if is_yaml(f) => FileKind::Topic,
        ["flows", flow, f] if is_yaml(f) && f.starts_with("flow_config.") => {
            FileKind::FlowConfig(flow.to_string())
        }
        ["flows", flow, "steps", f] if is_yaml(f) => FileKind::Step(flow.to_string()),
        ["flows", flow, "functions", f] if f.ends_with(".py") => {
            FileKind::TransitionFunction(flow.to_string())
        }
        ["flows", flow, "function_steps", f] if f.ends_with(".py") => {
            FileKind::FunctionStep(flow.to_string())
        }
        ["functions", f] if f.ends_with(".py") => FileKind::GlobalFunction,
        ["voice" | "chat", f] if is_yaml(f) && f.starts_with("configuration.") => {
            FileKind::ChannelConfig
        }
        _ => return None,
    };
    Some(k)
}

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
    dir: std::sync::Arc<std::os::fd::OwnedFd>,
    #[cfg(target_os = "linux")]
    name: std::ffi::CString,
}

/// `dir.join(name)` for a plain file name, allocated once at its final size.
fn join_name(dir: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut path = PathBuf::with_capacity(dir.as_os_str().len() + 1 + name.len());
    path.push(dir);
    path.push(name);
    path
}

/// The parsed content of one file.
#[derive(Clone)]
pub enum Content {
    None,
    Config(Box<crate::config::Config>),
    Text,
    Yaml(Option<Node>),
    Python(Box<PyFacts>),
}

/// One file read and parsed, before it joins the model.
#[derive(Clone)]
pub struct Parsed {
    pub source: SourceFile,
    pub kind: FileKind,
    pub content: Content,
    pub diagnostics: Vec<Diagnostic>,
    /// Comment spans (YAML and Python), for suppression comments.
    pub comments: Vec<Span>,
}

/// Read and parse one file. Never panics; every failure becomes a diagnostic.
pub fn parse_file(id: FileId, d: &Discovered, text: Option<Result<String, String>>) -> Parsed {
    let empty = |id| SourceFile::new(id, d.path.clone(), d.rel.clone(), Arc::from(""));
    let mut diags = Vec::new();
    if d.is_dir {
        let source = empty(id);
        diags.push(Diagnostic::new(
            Code::SB003,
            id,
            Span::default(),
            format!("`{}` is a directory, expected a file", d.rel),
        ));
        return Parsed {
            source,
            kind: d.kind.clone(),
            content: Content::None,
            diagnostics: diags,
            comments: Vec::new(),
        };
    }
    let text = match text {
        Some(t) => t,
        None => read_discovered(d),
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let source = empty(id);
            let code = if e.starts_with("SB002") {
                Code::SB002
            } else if e.starts_with("SB009") {
                Code::SB009
            } else {
                Code::SB003
            };
            let msg = e.get(6..).unwrap_or(&e).to_string();
            diags.push(Diagnostic::new(code, id, Span::default(), msg));
            return Parsed {
                source,
                kind: d.kind.clone(),
                content: Content::None,
                diagnostics: diags,
                comments: Vec::new(),
            };
        }
    };
    parse_text(id, d, text)
}

/// Parse a file whose text is known (the language server passes open buffers here).
pub fn parse_text(id: FileId, d: &Discovered, text: String) -> Parsed {
    let mut diags = Vec::new();
    let source = SourceFile::new(id, d.path.clone(), d.rel.clone(), Arc::from(text));
    let markers = merge_markers(&source);
    let has_markers = !markers.is_empty();
    if let Some(first) = markers.first() {
        let mut diag = Diagnostic::new(
            Code::SB006,
            id,
            *first,
            "merge conflict marker left in the file",
        );
        for m in &markers[1..] {
            diag = diag.label(id, *m, "another marker");
        }
        diags.push(
            diag.help(
                "resolve the conflict and remove the `<<<<<<<`, `=======` and `>>>>>>>` lines",
            ),
        );
    }
    if let Some(at) = memchr::memchr(0, source.text.as_bytes()) {
        let at = at as u32;
        diags.push(Diagnostic::new(
            Code::SB002,
            id,
            Span::new(at, at + 1),
            "file contains a NUL byte: it is binary, not text; skipped",
        ));
        return Parsed {
            source,
            kind: d.kind.clone(),
            content: Content::None,
            diagnostics: diags,
            comments: Vec::new(),
        };
    }
    let mut comments = Vec::new();
    let content = match d.kind {
        FileKind::Config => {
            let (cfg, cd) = crate::config::parse(id, &source.text);
            diags.extend(cd);
            Content::Config(Box::new(cfg))
        }
        FileKind::Rules | FileKind::PersonaText => Content::Text,
        FileKind::TransitionFunction(_) | FileKind::FunctionStep(_) | FileKind::GlobalFunction => {
            let mut facts = python::extract(&source.text);
            if let Some((msg, span)) = facts.syntax_errors.first() {
                let mut diag = Diagnostic::new(
                    Code::SB007,
                    id,
                    *span,
                    format!("Python syntax error: {msg}"),
                );
                if facts.syntax_errors.len() > 1 {
                    diag = diag.note(format!(
                        "{} more syntax errors in this file",
                        facts.syntax_errors.len() - 1
                    ));
                }
                diags.push(diag);
            }
            // The model keeps the comments here, not in the facts.
            comments = std::mem::take(&mut facts.comments);
            Content::Python(Box::new(facts))
        }
        _ => {
            let doc = yaml::parse(&source.text);
            for e in doc.errors {
                let d = match e.kind {
                    YamlErrorKind::Syntax if has_markers => continue,
                    YamlErrorKind::Syntax => Diagnostic::new(Code::SB001, id, e.span, e.message),
                    YamlErrorKind::DuplicateKey { first } => {
                        let key = source.slice(e.span).to_string();
                        Diagnostic::new(
                            Code::SB005,
                            id,
                            e.span,
                            format!("duplicate key `{key}`: only the first is used"),
                        )
                        .label(id, first, "first defined here")
                    }
                    YamlErrorKind::TooDeep
                    | YamlErrorKind::AliasExpansion
                    | YamlErrorKind::TooLarge => {
                        Diagnostic::new(Code::SB009, id, e.span, e.message)
                    }
                };
                diags.push(d);
            }
            comments = crate::suppress::yaml_comments(&source.text, doc.root.as_ref());
            Content::Yaml(doc.root)
        }
    };
    Parsed {
        source,
        kind: d.kind.clone(),
        content,
        diagnostics: diags,
        comments,
    }
}

/// [`read_text`] of a discovered file, opened in its folder when the walk holds that open.
fn read_discovered(d: &Discovered) -> Result<String, String> {
    #[cfg(target_os = "linux")]
    if let Some(at) = &d.at {
        use rustix::fs::{Mode, OFlags};
        let file = rustix::fs::openat(
            &*at.dir,
            &at.name,
            OFlags::RDONLY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map(std::fs::File::from)
        .map_err(std::io::Error::from);
        return read_open(file);
    }
    read_text(&d.path)
}

/// Read a file as UTF-8 text. Errors are prefixed with the code they map to.
///
/// Meant for regular files (discovery lists only those): their reads come back short only at
/// the end, so a file that fits the buffer is read with one `read` and no `fstat` (system calls
/// are a good part of a small project's time).
pub fn read_text(path: &Path) -> Result<String, String> {
    read_open(std::fs::File::open(path))
}

/// [`read_text`] of a file as its opening turned out.
fn read_open(file: std::io::Result<std::fs::File>) -> Result<String, String> {
    use std::io::Read;
    /// Bytes a thread's buffer starts with: most project files fit, and each page of it costs
    /// a page fault when it is first zeroed (a 64 KiB start cost 16 faults per thread).
    const START: usize = 8 * 1024;
    /// Bytes a thread's buffer keeps between files, once a larger file has grown it.
    const KEEP: usize = 64 * 1024;
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let err = |e: std::io::Error| format!("SB003 cannot read file: {e}");
    let mut file = file.map_err(err)?;
    let limit = MAX_FILE_BYTES as usize + 1;
    let bytes = BUF.with_borrow_mut(|buf| {
        if buf.len() < START {
            buf.resize(START, 0);
        }
        let mut n = 0;
        let read = loop {
            if n == buf.len() {
                if n >= limit {
                    break Ok(());
                }
                buf.resize((n * 2).min(limit), 0);
            }
            match file.read(&mut buf[n..]) {
                Ok(0) => break Ok(()),
                Ok(k) => {
                    n += k;
                    if n < buf.len() {
                        break Ok(());
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => break Err(e),
            }
        };
        let bytes = read.map(|()| buf[..n].to_vec());
        if buf.len() > KEEP {
            buf.truncate(KEEP);
            buf.shrink_to(KEEP);
        }
        bytes
    });
    let bytes = bytes.map_err(err)?;
    if bytes.len() > MAX_FILE_BYTES as usize {
        return Err(match file.metadata() {
            Ok(m) => format!(
                "SB009 file is {} bytes, over the {MAX_FILE_BYTES} byte limit: skipped",
                m.len()
            ),
            Err(_) => format!("SB009 file is over the {MAX_FILE_BYTES} byte limit: skipped"),
        });
    }
    utf8(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "SB002 file is not valid UTF-8 (invalid byte at offset {}): skipped",
            e.utf8_error().valid_up_to()
        )
    })
}

fn merge_markers(src: &SourceFile) -> Vec<Span> {
    let mut out = Vec::new();
    let b = src.text.as_bytes();
    for line in 0..src.lines.line_count() {
        // Every marker starts with one of these: most lines are passed over at their first byte.
        let start = src.lines.line_start(line) as usize;
        if !matches!(b.get(start), Some(b'<' | b'=' | b'>')) {
            continue;
        }
        let r = src.lines.line_range(&src.text, line);
        let l = &src.text[r.clone()];
        let is_marker = l.starts_with("<<<<<<< ")
            || l == "<<<<<<<"
            || l == "======="
            || l.starts_with(">>>>>>> ")
            || l == ">>>>>>>";
        if is_marker {
            out.push(Span::new(r.start as u32, r.end as u32));
        }
    }
    out
}

/// Load a project: discover, then read, parse and build each file's part of the model in
/// parallel, and assemble the parts.
pub fn load(root: &Path) -> Project {
    load_with(root, None, threads()).0
}

/// [`load`] as if the machine had `cores` cores (the model does not depend on it; tests check
/// that it does not).
#[doc(hidden)]
pub fn load_on_cores(root: &Path, cores: usize) -> Project {
    load_with(root, None, cores).0
}

/// The files whose text [`load_lean`] dropped: the hash of each one's text (by `FileId`).
#[derive(Debug, Default)]
pub struct Dropped {
    hashes: Vec<Option<u64>>,
}

/// [`load`] for a one-shot check, holding about half the memory on a large project: when the
/// project has at least `from_files` files, once a file's part of the model is built its text
/// and line index are dropped (the rules read neither), unless it has diagnostics or
/// suppression comments of its own. After the analysis, [`restore_texts`] reads back the files
/// the findings point into. (A small project keeps its texts: reading files back would cost
/// more time than the memory is worth.)
pub fn load_lean(root: &Path, from_files: usize) -> (Project, Dropped) {
    load_with(root, Some(from_files), threads())
}

/// Read back the dropped texts of the files that `diagnostics` point into (their primary spans,
/// labels and fixes). False when a file is not what it was when loaded (it changed meanwhile, or
/// cannot be read): its findings would be placed on another text, so the caller loads again.
pub fn restore_texts(p: &mut Project, dropped: &Dropped, diagnostics: &[Diagnostic]) -> bool {
    let mut wanted: Vec<FileId> = diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once(d.file)
                .chain(d.labels.iter().map(|l| l.file))
                .chain(d.fixes.iter().flat_map(|f| f.edits.iter().map(|e| e.file)))
        })
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    for id in wanted {
        let (Some(Some(hash)), Some(file)) = (
            dropped.hashes.get(id.0 as usize),
            p.files.get_mut(id.0 as usize),
        ) else {
            continue;
        };
        match read_text(&file.path) {
            Ok(text) if text_hash(&text) == *hash => {
                file.lines = crate::source::LineIndex::new(&text);
                file.text = Arc::from(text);
            }
            _ => return false,
        }
    }
    true
}

fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.write_usize(text.len());
    h.finish()
}

/// Drop a built fragment's text when nothing but a report could need it; its hash if dropped.
fn drop_text(f: &mut Fragment) -> Option<u64> {
    let part = &mut f.part;
    let file = part.files.first_mut()?;
    let keep = !part.diagnostics.is_empty()
        || part.suppressions.iter().any(|s| !s.is_empty())
        || file.text.is_empty();
    if keep {
        return None;
    }
    let hash = text_hash(&file.text);
    file.text = Arc::from("");
    file.lines = crate::source::LineIndex::default();
    Some(hash)
}

/// Parse workers started before the walk (they help list the folders). On two cores, two of them
/// beside the calling thread measured faster than one (the calling thread also assembles).
const EARLY_WORKERS: usize = 2;
/// Once the walk is over, one more worker per this many files joins, up to one per core: a
/// thread's start costs about as much as parsing a few files, so a small project on a machine with
/// many cores does not pay for dozens of them.
const FILES_PER_LATE_WORKER: usize = 32;

fn load_with(root: &Path, lean_from: Option<usize>, cores: usize) -> (Project, Dropped) {
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

/// The folders of a walk shared by several threads: each takes a folder, lists it, and hands
/// back what it found and the folders to walk next. The walk is over when no folder is left and
/// none is being listed.
struct DirQueue<'a> {
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
    fn new(root: &'a Path) -> DirQueue<'a> {
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
    fn help(&self) {
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
    fn take_found(&self) -> Vec<Discovered> {
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

/// Drop the files that `switchboard.toml`'s `exclude` globs name (the config itself stays).
fn apply_exclude(found: &mut Vec<Discovered>, config_text: &str) {
    let (cfg, _) = crate::config::parse(FileId(0), config_text);
    if let Some(set) = crate::config::exclude_set(&cfg.exclude) {
        found.retain(|d| d.kind == FileKind::Config || !set.is_match(&d.rel));
    }
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// `f(0..n)` on at most `threads` threads, results in index order. Workers take the next index
/// from a shared counter, so a slow file does not hold up the others.
fn parallel<T: Send>(n: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.min(n.max(1));
    if threads <= 1 || n < 8 {
        return (0..n).map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(n));
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                let mut local = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    local.push((i, f(i)));
                }
                if let Ok(mut r) = results.lock() {
                    r.extend(local);
                }
            });
        }
    });
    // Every index was taken by exactly one worker (a panicking worker panics the scope), so
    // sorting by index gives the results in order; the collect reuses the buffer in place.
    let mut all = results.into_inner().unwrap_or_default();
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, v)| v).collect()
}

/// The calling thread's side of a parallel load: take the workers' results from `rx` and hand
/// each to `take` in index order as soon as every earlier one has been taken. Results that finish
/// out of order wait in their slot of a vector of `n` (a result is boxed, so a slot is a
/// pointer); nothing else is held. The calling thread computes too (`f` for the indices it
/// claims), and blocks only when nothing is left to compute, so handing results over seldom wakes
/// a sleeping thread (a blocking receive per file made 670 futex calls at 1x, this makes 2; with
/// one worker fewer, 1x took 7.6 ms instead of 5.9 ms).
fn take_in_order<T>(
    n: usize,
    rx: &std::sync::mpsc::Receiver<(usize, T)>,
    claim: impl Fn() -> usize,
    f: impl Fn(usize) -> T,
    mut take: impl FnMut(usize, T),
) {
    // Slot `i` holds result `i` until every earlier one is taken.
    let mut waiting: Vec<Option<T>> = std::iter::repeat_with(|| None).take(n).collect();
    let put = |waiting: &mut Vec<Option<T>>, i: usize, v: T| {
        if let Some(slot) = waiting.get_mut(i) {
            *slot = Some(v);
        }
    };
    let mut want = 0;
    while want < n {
        while let Ok((i, v)) = rx.try_recv() {
            put(&mut waiting, i, v);
        }
        while let Some(v) = waiting.get_mut(want).and_then(Option::take) {
            take(want, v);
            want += 1;
        }
        if want >= n {
            break;
        }
        let i = claim();
        if i < n {
            let v = f(i);
            put(&mut waiting, i, v);
            continue;
        }
        // Nothing left to compute here: wait for the workers. The channel closes when they
        // have all finished (a panicking worker panics the scope).
        match rx.recv() {
            Ok((i, v)) => put(&mut waiting, i, v),
            Err(_) => break,
        }
    }
}

/// Parse every discovered file, spread over the available cores. Results keep discovery order.
pub fn parse_all(found: &[Discovered]) -> Vec<Parsed> {
    parse_all_with(found, threads())
}

/// [`parse_all`] on at most `threads` threads (the result does not depend on the number).
pub fn parse_all_with(found: &[Discovered], threads: usize) -> Vec<Parsed> {
    parallel(found.len(), threads, |i| {
        parse_file(FileId(i as u32), &found[i], None)
    })
}

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
fn shrink_vectors(p: &mut Project) {
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
        flows,
        functions,
        texts,
        diagnostics,
        config: _,
        suppressions,
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
    flows.shrink_to_fit();
    for f in flows.iter_mut() {
        f.steps.shrink_to_fit();
    }
    functions.shrink_to_fit();
    texts.shrink_to_fit();
    diagnostics.shrink_to_fit();
    suppressions.shrink_to_fit();
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
        at: None,
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
    let mut b = Builder {
        p: &mut p,
        file,
        values,
    };
    match (&kind, content) {
        (FileKind::Config, Content::Config(cfg)) => b.p.config = *cfg,
        (FileKind::Rules, Content::Text) => b.rules(),
        (FileKind::PersonaText, Content::Text) => b.plain_text(FieldKind::Persona, Owner::Persona),
        (kind, Content::Python(facts)) => {
            let scope = match kind {
                FileKind::TransitionFunction(_) => FunctionScope::Transition(0),
                FileKind::FunctionStep(_) => FunctionScope::FunctionStep(0),
                _ => {
                    let stem = stem(&b.p.files[0].rel);
                    if stem == "start_function" || stem == "end_function" {
                        FunctionScope::Lifecycle
                    } else {
                        FunctionScope::Global
                    }
                }
            };
            b.function(scope, *facts);
        }
        (kind, Content::Yaml(Some(root))) => match kind {
            FileKind::Handoffs => b.handoffs(&root),
            FileKind::SmsTemplates => b.sms(&root),
            FileKind::VariantAttributes => b.variants(&root),
            FileKind::Entities => b.named_list(&root, "entities", true),
            FileKind::Translations => b.named_list(&root, "translations", false),
            FileKind::Topic => b.topic(&root),
            FileKind::FlowConfig(_) => b.flow_config(&root, 0),
            FileKind::Step(_) => b.step(&root, 0),
            FileKind::PersonaYaml => b.persona_yaml(&root),
            FileKind::ChannelConfig => b.channel(&root, &[]),
            _ => {}
        },
        (FileKind::Handoffs, Content::Yaml(None)) => b.p.handoffs_file = Some(file),
        _ => {}
    }
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
fn start_assembly<'a>(
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

fn flow_of(flow_dirs: &[String], kind: &FileKind) -> Option<usize> {
    kind.flow_dir()
        .and_then(|d| flow_dirs.binary_search_by(|x| x.as_str().cmp(d)).ok())
}

/// Where a fragment's items start in the model's vectors (and its flow's place): moves the
/// fragment's file-local indices to their project-wide values.
struct Bases {
    texts: usize,
    topics: usize,
    sms: usize,
    handoffs: usize,
    functions: usize,
    /// Steps of the file's flow before its own.
    steps: usize,
    flow: Option<usize>,
}

impl Bases {
    fn texts(&self, texts: Vec<TextField>) -> impl Iterator<Item = TextField> + '_ {
        texts.into_iter().map(|mut t| {
            t.owner = match t.owner {
                Owner::Topic(k) => Owner::Topic(k + self.topics),
                Owner::Sms(k) => Owner::Sms(k + self.sms),
                Owner::Header { handoff, header } => Owner::Header {
                    handoff: handoff + self.handoffs,
                    header,
                },
                Owner::Function(k) => Owner::Function(k + self.functions),
                Owner::Step { step, .. } => Owner::Step {
                    flow: self.flow.unwrap_or(0),
                    step: step + self.steps,
                },
                o => o,
            };
            t
        })
    }

    fn handoffs(&self, handoffs: Vec<Handoff>) -> impl Iterator<Item = Handoff> + '_ {
        handoffs.into_iter().map(|mut h| {
            for hd in &mut h.headers {
                if let Some(t) = &mut hd.text {
                    *t += self.texts;
                }
            }
            h
        })
    }

    fn functions(&self, functions: Vec<Function>) -> impl Iterator<Item = Function> + '_ {
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
fn place(p: &mut Project, part: Project, flow: Option<usize>, is_config: bool) {
    let texts = p.texts.len();
    let topics = p.topics.len();
    let sms = p.sms_templates.len();
    let handoffs = p.handoffs.len();
    let functions = p.functions.len();
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
        flows,
        functions: part_functions,
        texts: part_texts,
        diagnostics,
        config,
        suppressions,
    } = part;
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
        flows,
        functions,
        texts,
        diagnostics,
        config,
        mut suppressions,
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
    // The new items, their file-local indices moved to where they now sit.
    let at = Bases {
        texts: rt.start,
        topics: rtop.start,
        sms: rsms.start,
        handoffs: rh.start,
        functions: rfn.start,
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

/// File stem of a relative path.
pub fn stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
}

/// The span of a scalar's value characters (without quotes or block indicators).
pub fn value_span(s: &Scalar) -> Span {
    if s.value.is_empty() {
        return s.span;
    }
    s.map.span(0..s.value.len())
}

struct Builder<'a> {
    p: &'a mut Project,
    file: FileId,
    /// When set, the cooked value of each text field, in the order of `p.texts`.
    values: Option<&'a mut Vec<Arc<str>>>,
}

impl Builder<'_> {
    fn diag(&mut self, d: Diagnostic) {
        self.p.diagnostics.push(d);
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = node.type_name();
        let d = Diagnostic::new(
            Code::SB004,
            self.file,
            node.span,
            format!("`{what}` must be {expected}, found {found}"),
        );
        self.diag(d);
    }

    fn missing(&mut self, at: Span, what: &str, in_what: &str) {
        let d = Diagnostic::new(
            Code::SB004,
            self.file,
            at,
            format!("{in_what} is missing the required field `{what}`"),
        );
        self.diag(d);
    }

    /// Warn about keys the format does not have.
    fn check_keys(&mut self, node: &Node, known: &[&str], what: &str) {
        for e in node.entries() {
            let Some(k) = e.key.as_str() else { continue };
            if !known.contains(&k) {
                let help =
                    did_you_mean(k, known.iter().copied()).map(|s| format!("did you mean `{s}`?"));
                let mut d = Diagnostic::new(
                    Code::SB008,
                    self.file,
                    e.key.span,
                    format!("unknown field `{k}` in {what}"),
                )
                .help_opt(help.clone());
                if let Some(s) = did_you_mean(k, known.iter().copied()) {
                    d = d.replace_fix(format!("rename to `{s}`"), e.key.span, s, false);
                } else {
                    d = d.note(format!("known fields: {}", known.join(", ")));
                }
                self.diag(d);
            }
        }
    }

    /// A string-valued field. Non-scalar values get SB004. Null/empty gives `None`.
    fn string(&mut self, map: &Node, key: &str) -> Option<Spanned<String>> {
        let v = map.get(key)?;
        match &v.kind {
            NodeKind::Scalar(s) => {
                if v.is_null() {
                    return None;
                }
                Some(Spanned::new(s.value.clone(), value_span(s)))
            }
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    fn boolean(&mut self, map: &Node, key: &str) -> Option<Spanned<bool>> {
        let v = map.get(key)?;
        if v.is_null() || matches!(v.kind, NodeKind::Alias(_) | NodeKind::Invalid) {
            return None;
        }
        match v.as_bool() {
            Some(b) => Some(Spanned::new(b, v.span)),
            None => {
                let mut d = Diagnostic::new(
                    Code::SB004,
                    self.file,
                    v.span,
                    format!(
                        "`{key}` must be a boolean (`true` or `false`), found {}",
                        describe_value(v)
                    ),
                );
                if let Some(s) = v.as_str() {
                    let fixed = match s.to_ascii_lowercase().as_str() {
                        "yes" | "y" | "on" | "true" => Some("true"),
                        "no" | "n" | "off" | "false" => Some("false"),
                        _ => None,
                    };
                    if let Some(fixed) = fixed {
                        d = d
                            .help(format!(
                                "YAML 1.2 reads `{s}` here as a string; write `{fixed}`"
                            ))
                            .replace_fix(format!("replace with `{fixed}`"), v.span, fixed, true);
                    }
                }
                self.diag(d);
                None
            }
        }
    }

    /// A list field: `None` when absent or null; SB004 when not a sequence.
    fn list<'n>(&mut self, map: &'n Node, key: &str) -> Option<&'n [Node]> {
        let v = map.get(key)?;
        match &v.kind {
            NodeKind::Seq(items) => Some(items),
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ if v.is_null() => None,
            _ => {
                self.wrong_type(v, key, "a list");
                None
            }
        }
    }

    fn mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n Node> {
        match &node.kind {
            NodeKind::Map(_) => Some(node),
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ if node.is_null() => None,
            _ => {
                self.wrong_type(node, what, "a mapping");
                None
            }
        }
    }

    fn root_map<'n>(&mut self, root: &'n Node) -> Option<&'n Node> {
        let f = self.p.files[0].rel.clone();
        self.mapping(root, &f)
    }

    /// Scan a YAML scalar as a template field.
    fn text_scalar(&mut self, node: &Node, field: FieldKind, owner: Owner) -> Option<usize> {
        match &node.kind {
            NodeKind::Scalar(s) => {
                if node.is_null() {
                    return None;
                }
                Some(self.text(&s.value, &s.map, s.span, field, owner))
            }
            NodeKind::Alias(_) | NodeKind::Invalid => None,
            _ => {
                self.wrong_type(node, field.describe(), "text");
                None
            }
        }
    }

    fn text(
        &mut self,
        value: &str,
        map: &OffsetMap,
        span: Span,
        field: FieldKind,
        owner: Owner,
    ) -> usize {
        let tf = scan_text(
            &self.p.files[0].text,
            self.file,
            value,
            map,
            span,
            field,
            owner,
        );
        if let Some(values) = &mut self.values {
            values.push(value.into());
        }
        self.p.texts.push(tf);
        self.p.texts.len() - 1
    }

    fn plain_text(&mut self, field: FieldKind, owner: Owner) {
        let text = self.p.files[0].text.clone();
        let map = OffsetMap::identity(0, text.len() as u32);
        self.text(&text, &map, Span::new(0, text.len() as u32), field, owner);
    }

    fn rules(&mut self) {
        self.plain_text(FieldKind::Rules, Owner::Rules);
        let src = &self.p.files[0];
        let mut heads = Vec::new();
        for line in 0..src.lines.line_count() {
            let r = src.lines.line_range(&src.text, line);
            let l = src.text[r.clone()].trim_start();
            let hashes = l.bytes().take_while(|b| *b == b'#').count();
            if (1..=6).contains(&hashes) && l[hashes..].starts_with([' ', '\t']) {
                heads.push(r.start as u32);
            }
        }
        let len = src.text.len() as u32;
        let mut sections = Vec::new();
        let mut start = 0;
        for h in heads {
            if h > start && !src.text[start as usize..h as usize].trim().is_empty() {
                sections.push(Span::new(start, h));
            }
            start = h;
        }
        if start < len || sections.is_empty() {
            sections.push(Span::new(start, len));
        }
        if let Some(t) = self.p.texts.last_mut() {
            t.sections = sections;
        }
    }

    fn function(&mut self, scope: FunctionScope, mut facts: PyFacts) {
        let name = stem(&self.p.files[0].rel).to_string();
        let idx = self.p.functions.len();
        // The strings live on as text fields; the facts keep no second copy.
        let strings = std::mem::take(&mut facts.model_strings);
        facts.shrink_to_fit();
        for s in &strings {
            self.text(
                &s.value,
                &s.map,
                s.span,
                FieldKind::PythonString,
                Owner::Function(idx),
            );
        }
        let text = &self.p.files[0].text;
        // The first direct transfer, in this order of shapes.
        let transfer = [
            (facts.call_handoffs.first()).map(|c| (c.span, "conv.call_handoff(...)")),
            (facts.return_transfers.first()).map(|r| (r.span, "a returned handoff")),
            (facts.transfer_calls.first()).map(|t| (t.span, "transfer_call")),
        ]
        .into_iter()
        .flatten()
        .next()
        .map(|(span, how)| (first_line(text, span), how));
        self.p.functions.push(Function {
            file: self.file,
            name,
            scope,
            facts,
            transfer,
        });
    }

    /// A config file whose root mapping holds one list under `key`.
    fn top_list<'n>(&mut self, root: &'n Node, key: &str, file: &str) -> Option<&'n [Node]> {
        let root = self.root_map(root)?;
        self.check_keys(root, &[key], file);
        self.list(root, key)
    }

    fn handoffs(&mut self, root: &Node) {
        self.p.handoffs_file = Some(self.file);
        let Some(items) = self.top_list(root, "handoffs", "handoffs.yaml") else {
            return;
        };
        for item in items {
            let Some(m) = self.mapping(item, "handoff entry") else {
                continue;
            };
            self.check_keys(
                m,
                &[
                    "name",
                    "description",
                    "is_default",
                    "sip_config",
                    "sip_headers",
                ],
                "a handoff",
            );
            let idx = self.p.handoffs.len();
            let mut h = Handoff {
                file: self.file,
                span: item.span,
                name: self.string(m, "name"),
                description: self.string(m, "description"),
                is_default: self.boolean(m, "is_default"),
                method: None,
                phone_number: None,
                outbound_endpoint: None,
                outbound_encryption: None,
                headers: Vec::new(),
            };
            match m.get("sip_config") {
                Some(cfg) => {
                    if let Some(cfg) = self.mapping(cfg, "sip_config") {
                        self.check_keys(
                            cfg,
                            &[
                                "method",
                                "phone_number",
                                "outbound_endpoint",
                                "outbound_encryption",
                            ],
                            "sip_config",
                        );
                        h.method = self.string(cfg, "method");
                        h.phone_number = self.string(cfg, "phone_number");
                        h.outbound_endpoint = self.string(cfg, "outbound_endpoint");
                        h.outbound_encryption = self.string(cfg, "outbound_encryption");
                        if h.method.is_none() && cfg.get("method").is_none() {
                            self.missing(cfg.span, "method", "sip_config");
                        }
                    }
                }
                None => {
                    let at = m.entries().first().map(|e| e.key.span).unwrap_or(item.span);
                    self.missing(at, "sip_config", "this handoff");
                }
            }
            if let Some(headers) = self.list(m, "sip_headers") {
                for (hi, hn) in headers.iter().enumerate() {
                    let Some(hm) = self.mapping(hn, "sip header") else {
                        continue;
                    };
                    self.check_keys(hm, &["key", "value"], "a SIP header");
                    let Some(key) = self.string(hm, "key") else {
                        self.missing(hn.span, "key", "this SIP header");
                        continue;
                    };
                    let value = self.string(hm, "value");
                    let text = hm.get("value").and_then(|v| {
                        self.text_scalar(
                            v,
                            FieldKind::HeaderValue,
                            Owner::Header {
                                handoff: idx,
                                header: hi,
                            },
                        )
                    });
                    h.headers.push(SipHeader { key, value, text });
                }
            }
            self.p.handoffs.push(h);
        }
    }

    fn sms(&mut self, root: &Node) {
        let Some(items) = self.top_list(root, "sms_templates", "sms_templates.yaml") else {
            return;
        };
        for item in items {
            let Some(m) = self.mapping(item, "SMS template") else {
                continue;
            };
            self.check_keys(m, &["name", "text", "env_phone_numbers"], "an SMS template");
            let Some(name) = self.string(m, "name") else {
                self.missing(item.span, "name", "this SMS template");
                continue;
            };
            let idx = self.p.sms_templates.len();
            if let Some(t) = m.get("text") {
                self.text_scalar(t, FieldKind::SmsText, Owner::Sms(idx));
            }
            if let Some(env) = m.get("env_phone_numbers")
                && let Some(env) = self.mapping(env, "env_phone_numbers")
            {
                self.check_keys(
                    env,
                    &["sandbox", "pre_release", "live"],
                    "env_phone_numbers",
                );
            }
            self.p.sms_templates.push(Named {
                file: self.file,
                span: item.span,
                name,
            });
        }
    }

    fn variants(&mut self, root: &Node) {
        let Some(root) = self.root_map(root) else {
            return;
        };
        self.check_keys(root, &["variants", "attributes"], "variant_attributes.yaml");
        if let Some(items) = self.list(root, "variants") {
            for item in items {
                let Some(m) = self.mapping(item, "variant") else {
                    continue;
                };
                let Some(name) = self.string(m, "name") else {
                    self.missing(item.span, "name", "this variant");
                    continue;
                };
                let is_default = self.boolean(m, "is_default");
                self.p.variants.push(Variant {
                    file: self.file,
                    name,
                    is_default,
                });
            }
        }
        if let Some(items) = self.list(root, "attributes") {
            for item in items {
                let Some(m) = self.mapping(item, "attribute") else {
                    continue;
                };
                let Some(name) = self.string(m, "name") else {
                    self.missing(item.span, "name", "this attribute");
                    continue;
                };
                let mut values = Vec::new();
                let mut values_span = None;
                if let Some(v) = m.get("values")
                    && let Some(vm) = self.mapping(v, "values")
                {
                    values_span = Some(vm.span);
                    for e in vm.entries() {
                        let (Some(ks), Some(vs)) = (e.key.scalar(), e.value.scalar()) else {
                            continue;
                        };
                        values.push((
                            Spanned::new(ks.value.clone(), value_span(ks)),
                            Spanned::new(vs.value.clone(), value_span(vs)),
                        ));
                    }
                }
                self.p.attributes.push(Attribute {
                    file: self.file,
                    name,
                    values,
                    values_span,
                });
            }
        }
    }

    fn named_list(&mut self, root: &Node, key: &str, entities: bool) {
        let Some(root) = self.root_map(root) else {
            return;
        };
        let Some(v) = root.get(key) else { return };
        let mut out = Vec::new();
        match &v.kind {
            NodeKind::Seq(items) => {
                for item in items {
                    let Some(m) = self.mapping(item, key) else {
                        continue;
                    };
                    match self.string(m, "name") {
                        Some(name) => out.push(Named {
                            file: self.file,
                            span: item.span,
                            name,
                        }),
                        None => self.missing(item.span, "name", "this entry"),
                    }
                }
            }
            NodeKind::Map(entries) if !entities => {
                for e in entries {
                    if let Some(s) = e.key.scalar() {
                        out.push(Named {
                            file: self.file,
                            span: e.key.span,
                            name: Spanned::new(s.value.clone(), value_span(s)),
                        });
                    }
                }
            }
            _ if v.is_null() => {}
            _ => self.wrong_type(v, key, "a list"),
        }
        if entities {
            self.p.entities.extend(out);
        } else {
            self.p.translations.extend(out);
        }
    }

    fn topic(&mut self, root: &Node) {
        let Some(m) = self.root_map(root) else { return };
        self.check_keys(
            m,
            &["name", "enabled", "example_queries", "content", "actions"],
            "a topic",
        );
        let idx = self.p.topics.len();
        let name = self.string(m, "name");
        if name.is_none() {
            self.missing(m.span, "name", "this topic");
        }
        let enabled = self.boolean(m, "enabled").map(|b| b.value);
        let mut queries = Vec::new();
        let queries_span = m.get("example_queries").map(|n| n.span);
        if let Some(items) = self.list(m, "example_queries") {
            for q in items {
                if let Some(s) = q.scalar() {
                    queries.push(Spanned::new(s.value.clone(), q.span));
                }
            }
        }
        if let Some(c) = m.get("content") {
            self.text_scalar(c, FieldKind::TopicContent, Owner::Topic(idx));
        }
        if let Some(a) = m.get("actions") {
            self.text_scalar(a, FieldKind::TopicActions, Owner::Topic(idx));
        }
        self.p.topics.push(Topic {
            file: self.file,
            name,
            enabled,
            example_queries: queries,
            example_queries_span: queries_span,
        });
    }

    fn flow_config(&mut self, root: &Node, flow: usize) {
        let Some(m) = self.root_map(root) else { return };
        let name = self.string(m, "name");
        let description = self.string(m, "description").map(|d| d.value);
        let start_step = self.string(m, "start_step");
        let f = &mut self.p.flows[flow];
        f.config = Some(self.file);
        f.name = name;
        f.description = description;
        f.start_step = start_step;
    }

    fn step(&mut self, root: &Node, flow: usize) {
        let Some(m) = self.root_map(root) else { return };
        let step_idx = self.p.flows[flow].steps.len();
        let name = self.string(m, "name");
        if name.is_none() {
            self.missing(m.span, "name", "this step");
        }
        let step_type = match self
            .string(m, "step_type")
            .as_ref()
            .map(|s| s.value.as_str())
        {
            Some("advanced_step") => StepType::Advanced,
            Some("default_step") => StepType::Default,
            _ => StepType::Other,
        };
        let field = match step_type {
            StepType::Advanced => FieldKind::AdvancedStepPrompt,
            StepType::Default => FieldKind::DefaultStepPrompt,
            StepType::Other => FieldKind::OtherStepPrompt,
        };
        if let Some(pn) = m.get("prompt") {
            self.text_scalar(
                pn,
                field,
                Owner::Step {
                    flow,
                    step: step_idx,
                },
            );
        }
        let mut child_steps = Vec::new();
        let mut entities = Vec::new();
        for key in ["extracted_entities", "required_entities"] {
            if let Some(items) = self.list(m, key) {
                entities.extend(items.iter().filter_map(scalar_spanned));
            }
        }
        if let Some(conds) = self.list(m, "conditions") {
            for c in conds {
                let Some(cm) = self.mapping(c, "condition") else {
                    continue;
                };
                if let Some(cs) = self.string(cm, "child_step") {
                    child_steps.push(cs);
                }
                if let Some(items) = self.list(cm, "required_entities") {
                    entities.extend(items.iter().filter_map(scalar_spanned));
                }
            }
        }
        self.p.flows[flow].steps.push(Step {
            file: self.file,
            name,
            step_type,
            child_steps,
            entities,
        });
    }

    fn persona_yaml(&mut self, root: &Node) {
        let Some(m) = self.root_map(root) else { return };
        if let Some(c) = m.get("custom") {
            self.text_scalar(c, FieldKind::Persona, Owner::Persona);
        }
    }

    /// `voice/configuration.yaml` / `chat/configuration.yaml`: greeting, disclaimer, style prompt,
    /// wherever they sit in the file.
    fn channel(&mut self, node: &Node, path: &[&str]) {
        if path.len() > 8 {
            return;
        }
        for e in node.entries() {
            let Some(k) = e.key.as_str() else { continue };
            let parent = path.last().copied().unwrap_or("");
            let field = match k {
                "welcome_message" => Some(FieldKind::Greeting),
                "message" if parent.contains("disclaimer") => Some(FieldKind::Disclaimer),
                "prompt" if parent == "style_prompt" => Some(FieldKind::StylePrompt),
                _ => None,
            };
            match field {
                Some(f) if e.value.scalar().is_some() => {
                    self.text_scalar(&e.value, f, Owner::Channel);
                }
                _ => {
                    let mut p = path.to_vec();
                    p.push(k);
                    self.channel(&e.value, &p);
                    for item in e.value.items() {
                        self.channel(item, &p);
                    }
                }
            }
        }
    }
}

fn scalar_spanned(n: &Node) -> Option<Spanned<String>> {
    n.scalar()
        .filter(|s| !s.value.is_empty())
        .map(|s| Spanned::new(s.value.clone(), value_span(s)))
}

fn describe_value(v: &Node) -> String {
    match v.as_str() {
        Some(s) if s.chars().count() <= 40 => format!("{} `{}`", v.type_name(), s),
        _ => v.type_name().to_string(),
    }
}

/// The part of `span` on its first line (a label on a multi-line call reads better on one line).
fn first_line(text: &str, span: Span) -> Span {
    match text.get(span.range()).and_then(|t| t.find(['\n', '\r'])) {
        Some(i) => Span::new(span.start, span.start + i as u32),
        None => span,
    }
}

/// Scan a cooked text for references and map every span back to the raw source (`raw`, the
/// file's text).
pub fn scan_text(
    raw: &str,
    file: FileId,
    value: &str,
    map: &OffsetMap,
    span: Span,
    field: FieldKind,
    owner: Owner,
) -> TextField {
    /// Maps each finding to raw spans as the scanner finds it.
    struct Mapped<'m> {
        raw: &'m str,
        map: &'m OffsetMap,
        /// Findings come in text order: the offset map is walked, not searched, for each.
        cursor: usize,
        refs: Vec<TextRef>,
        problems: Vec<TextProblem>,
    }
    impl template::Sink for Mapped<'_> {
        fn reference(&mut self, r: template::Reference) {
            let map = self.map;
            let span = map.span_from(r.span, &mut self.cursor);
            let name_span = map.span_from(r.name_span, &mut self.cursor);
            self.refs.push(TextRef {
                kind: r.kind,
                syntax: r.syntax,
                name: r.name,
                span,
                name_span,
                member: r.member.map(|m| {
                    let span = map.span_from(m, &mut self.cursor);
                    Box::new(Member {
                        span,
                        text: self.raw.get(span.range()).unwrap_or("").into(),
                    })
                }),
            });
        }
        fn malformed(&mut self, m: template::Malformed) {
            let map = self.map;
            let span = map.span_from(m.span, &mut self.cursor);
            self.problems.push(TextProblem {
                kind: m.kind,
                span,
                message: m.message,
                fix: m.fix.map(|(r, s)| (map.span_from(r, &mut self.cursor), s)),
            });
        }
    }
    thread_local! {
        /// The references of the text being scanned: they are counted only once found, so they
        /// gather here and are then copied out at their exact number, with no growing and
        /// shrinking of each text's own vector.
        static SCRATCH: std::cell::Cell<Vec<TextRef>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut scratch = SCRATCH.take();
    scratch.clear();
    let Mapped {
        refs: mut scratch,
        problems,
        ..
    } = template::scan_into(
        value,
        Mapped {
            raw,
            map,
            cursor: 0,
            refs: scratch,
            problems: Vec::new(),
        },
    );
    let mut refs = Vec::with_capacity(scratch.len());
    refs.append(&mut scratch);
    // A text with an unusual number of references does not keep its room for the thread's life.
    if scratch.capacity() <= 1024 {
        SCRATCH.set(scratch);
    }
    TextField {
        file,
        span,
        field,
        owner,
        refs,
        problems,
        sections: Vec::new(),
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
            if rel.split('/').any(|seg| SKIP_DIRS.contains(&seg)) {
                return None;
            }
            classify(&rel).map(|kind| {
                (
                    Discovered {
                        path: root.join(&rel),
                        rel,
                        kind,
                        is_dir: false,
                        at: None,
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
