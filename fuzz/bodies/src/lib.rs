//! Fuzz target bodies, shared by the cargo-fuzz targets in `fuzz/` and by the smoke test
//! `tests/it/fuzz_smoke.rs` (which replays regression inputs and deterministic mutations without a
//! nightly toolchain). A development-only crate: it uses `switchboard`'s public interface only.
//!
//! Each target takes arbitrary bytes, runs one layer of the pipeline and then checks the
//! invariants every consumer relies on: spans lie inside their file and on character boundaries,
//! references are in text order, a reference's name span holds exactly its name, and an offset
//! map never points outside its scalar. A violated invariant panics, which the fuzzer reports as a
//! crash.

use std::path::Path;

use switchboard::analysis::{self, Options};
use switchboard::model::Project;
use switchboard::project::load_files;
use switchboard::report::{self as output, Format, ProjectOutput, RenderOptions};
use switchboard::source::{OffsetMap, Span};
use switchboard::syntax::yaml::{self, Node, NodeKind};
use switchboard::syntax::{python, template};

/// The files of the generated project of [`project`], in the order the fuzzer's input fills them.
pub const PROJECT_PATHS: [&str; 19] = [
    "project.yaml",
    "config/handoffs.yaml",
    "config/sms_templates.yaml",
    "config/variant_attributes.yaml",
    "config/entities.yaml",
    "config/translations.yaml",
    "agent_settings/rules.txt",
    "agent_settings/personality.yaml",
    "topics/a.yaml",
    "topics/b.yaml",
    "flows/f/flow_config.yaml",
    "flows/f/steps/s1.yaml",
    "flows/f/steps/s2.yaml",
    "flows/f/functions/t.py",
    "flows/f/function_steps/fs.py",
    "functions/g.py",
    "functions/start_function.py",
    "voice/configuration.yaml",
    "switchboard.toml",
];

/// Separates the files of [`project`]'s input. `0xFF` never occurs in UTF-8, so a seed built from
/// real files splits exactly back into them.
pub const FILE_SEPARATOR: u8 = 0xFF;

/// Where [`yaml()`] loads its input, chosen by the first byte.
pub const YAML_PATHS: [&str; 11] = [
    "project.yaml",
    "config/handoffs.yaml",
    "config/sms_templates.yaml",
    "config/variant_attributes.yaml",
    "config/entities.yaml",
    "config/translations.yaml",
    "agent_settings/personality.yaml",
    "topics/a.yaml",
    "flows/f/flow_config.yaml",
    "flows/f/steps/s1.yaml",
    "voice/configuration.yaml",
];

/// Where [`python()`] loads its input, chosen by the first byte.
pub const PYTHON_PATHS: [&str; 4] = [
    "functions/g.py",
    "functions/start_function.py",
    "flows/f/functions/t.py",
    "flows/f/function_steps/fs.py",
];

/// Template scanner: `template::scan` on the input (lossily decoded).
pub fn template(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_scan(&text);
}

/// The invariants of one template scan of `text`.
pub fn check_scan(text: &str) {
    let scan = template::scan(text);
    let mut last = 0;
    for r in &scan.refs {
        let span = Span::from_range(r.span.clone());
        let name = Span::from_range(r.name_span.clone());
        check_span(text, span, "reference");
        check_span(text, name, "reference name");
        assert!(
            span.start <= name.start && name.end <= span.end,
            "name {name:?} outside reference {span:?}"
        );
        assert!(
            r.span.start >= last,
            "references out of order: {:?}",
            scan.refs
        );
        last = r.span.start;
        if let Some(m) = &r.member {
            check_span(text, Span::from_range(m.clone()), "member");
        }
        if let Some(c) = &r.call {
            check_span(text, Span::from_range(c.clone()), "call");
        }
        assert_eq!(
            &text[r.name_span.clone()],
            r.name,
            "name span of {:?} in {:?}",
            r,
            text
        );
    }
    let mut last = 0;
    for m in &scan.malformed {
        check_span(text, Span::from_range(m.span.clone()), "malformed");
        assert!(m.span.start >= last, "problems out of order");
        last = m.span.start;
        if let Some((r, _)) = &m.fix {
            check_span(text, Span::from_range(r.clone()), "fix");
        }
    }
}

/// YAML loading: the first byte picks a file kind, the rest is parsed, checked node by node,
/// loaded into a one-file project and analysed.
pub fn yaml(data: &[u8]) {
    one_file(data, &YAML_PATHS, check_yaml);
}

/// The first byte picks a path from `paths`, the rest (decoded lossily) is the file: checked on
/// its own by `check`, then as a one-file project.
fn one_file(data: &[u8], paths: &[&str], check: fn(&str)) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    check(&text);
    let rel = paths[pick as usize % paths.len()];
    check_project(&[(rel.to_string(), text)]);
}

/// The invariants of one YAML parse of `text`.
pub fn check_yaml(text: &str) {
    let doc = yaml::parse(text);
    for e in &doc.errors {
        check_span(text, e.span, "yaml error");
    }
    if let Some(root) = &doc.root {
        check_node(text, root);
    }
}

fn check_node(text: &str, node: &Node) {
    check_span(text, node.span, "yaml node");
    match &node.kind {
        NodeKind::Scalar(s) => {
            check_span(text, s.span, "scalar");
            check_map(text, &s.map, &s.value, s.span);
        }
        NodeKind::Map(entries) => {
            for e in entries {
                check_node(text, &e.key);
                check_node(text, &e.value);
            }
        }
        NodeKind::Seq(items) => items.iter().for_each(|n| check_node(text, n)),
        NodeKind::Alias(_) | NodeKind::Invalid => {}
    }
}

/// Every character of `value` maps to a raw span inside `outer` (and inside the text).
pub fn check_map(text: &str, map: &OffsetMap, value: &str, outer: Span) {
    let inside = |s: Span, what: &str| {
        assert!(
            s.start <= s.end && s.end as usize <= text.len(),
            "{what} {s:?} outside the text (len {})",
            text.len()
        );
        assert!(
            outer.start <= s.start && s.end <= outer.end,
            "{what} {s:?} outside the raw span {outer:?} of {value:?}"
        );
    };
    inside(map.span(0..value.len()), "whole value");
    for (i, c) in value.char_indices() {
        inside(map.span(i..i + c.len_utf8()), "character");
    }
}

/// Python fact extraction: the first byte picks a file kind, the rest is extracted, checked and
/// loaded into a one-file project.
pub fn python(data: &[u8]) {
    one_file(data, &PYTHON_PATHS, check_python);
}

/// The invariants of one fact extraction of `text`.
pub fn check_python(text: &str) {
    let f = python::extract(text);
    for (_, s) in &f.syntax_errors {
        let s = Span::new(s.start.min(text.len() as u32), s.end.min(text.len() as u32));
        check_span(text, s, "syntax error");
    }
    for s in &f.comments {
        check_span(text, *s, "comment");
    }
    for func in &f.functions {
        check_span(text, func.name_span, "def name");
        check_span(text, func.header_span, "def header");
        assert_eq!(&text[func.name_span.range()], func.name, "def name span");
    }
    for s in &f.model_strings {
        check_span(text, s.span, "model string");
        check_map(text, &s.map, &s.value, s.span);
    }
    for s in &f.state {
        check_span(text, s.span, "state access");
    }
    for c in &f.calls {
        check_span(text, c.span, "call");
    }
    for g in f.goto_steps.iter().chain(&f.goto_flows) {
        check_span(text, g.span, "goto");
    }
    for t in &f.transitions {
        check_span(text, t.span, "transition");
    }
    for c in &f.call_handoffs {
        check_span(text, c.span, "call_handoff");
    }
    for c in &f.return_transfers {
        check_span(text, c.span, "returned transfer");
    }
    for c in &f.transfer_calls {
        check_span(text, c.span, "transfer_call");
    }
    for (_, values) in &f.constants {
        for (_, s) in values {
            check_span(text, *s, "constant");
        }
    }
}

/// Whole-project check: the input is split at [`FILE_SEPARATOR`] into the files of
/// [`PROJECT_PATHS`] (in order; missing ones are absent, extra pieces are ignored).
pub fn project(data: &[u8]) {
    check_project(&split_project(data));
}

/// The files of [`project`]'s input.
pub fn split_project(data: &[u8]) -> Vec<(String, String)> {
    data.split(|b| *b == FILE_SEPARATOR)
        .zip(PROJECT_PATHS)
        .filter(|(bytes, _)| !bytes.is_empty())
        .map(|(bytes, rel)| (rel.to_string(), String::from_utf8_lossy(bytes).into_owned()))
        .collect()
}

/// The input of [`project`] that loads exactly these files (paths outside [`PROJECT_PATHS`] are
/// dropped).
pub fn join_project(files: &[(String, String)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, rel) in PROJECT_PATHS.iter().enumerate() {
        if i > 0 {
            out.push(FILE_SEPARATOR);
        }
        if let Some((_, text)) = files.iter().find(|(r, _)| r == rel) {
            out.extend_from_slice(text.as_bytes());
        }
    }
    out
}

/// Load, analyse and render an in-memory project, checking every position it produces.
pub fn check_project(files: &[(String, String)]) -> Project {
    let project = load_files(Path::new("/fuzz"), files);
    let analysis = analysis::analyze_full(&project, &Options::default());
    let text_of = |id: switchboard::source::FileId| -> &str {
        project
            .files
            .get(id.0 as usize)
            .map(|f| &*f.text)
            .unwrap_or_else(|| panic!("file id {id:?} out of range"))
    };
    for d in &analysis.diagnostics {
        check_span(text_of(d.file), d.span, d.code.as_str());
        for l in &d.labels {
            check_span(text_of(l.file), l.span, "label");
        }
        for f in &d.fixes {
            for e in &f.edits {
                check_span(text_of(e.file), e.span, "edit");
            }
        }
    }
    for t in &project.texts {
        let text = text_of(t.file);
        check_span(text, t.span, "text field");
        for r in &t.refs {
            check_span(text, r.span, "text reference");
            check_span(text, r.name_span, "text reference name");
        }
    }
    for d in &analysis.index.defs {
        check_span(text_of(d.file), d.span, "definition");
        for (f, s) in &d.writes {
            check_span(text_of(*f), *s, "write");
        }
    }
    for u in &analysis.index.uses {
        let text = text_of(u.file);
        check_span(text, u.span, "use");
        check_span(text, u.name_span, "use name");
        if let Some(d) = u.def {
            assert!(d < analysis.index.defs.len(), "use points at a missing def");
        }
    }
    let out = [ProjectOutput {
        root: &project.root,
        files: &project.files,
        diagnostics: &analysis.diagnostics,
    }];
    for format in [Format::Human, Format::Short, Format::Json, Format::Sarif] {
        let text = output::render(format, &out, &RenderOptions::default());
        assert!(
            text.is_empty() || text.ends_with('\n'),
            "{format:?} output without final newline"
        );
    }
    project
}

/// `span` is well-formed, inside `text`, and on character boundaries.
#[track_caller]
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end as usize <= text.len(),
        "{what} span {span:?} outside the text (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what} span {span:?} splits a character"
    );
}

/// A small deterministic generator (xorshift64*) for mutation-based smoke runs.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Pieces worth inserting: the delimiters of every syntax switchboard parses.
pub const DICTIONARY: &[&str] = &[
    "{{",
    "}}",
    "{{ho:",
    "{{fn:",
    "{{ft:",
    "{{vrbl:",
    "{{attr:",
    "{{tn:",
    "<<ho:",
    ">>",
    "$",
    "${",
    "${variant_",
    "}",
    "\"",
    "'",
    "\"\"\"",
    ":",
    ": ",
    "\n",
    "\n  ",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "|",
    ">-",
    "#",
    "# switchboard: ignore[SB201]",
    "(",
    ")",
    "[",
    "]",
    "{",
    "\\",
    "\\u",
    "\u{0}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{1F600}",
    "é",
    "def ",
    "return ",
    "conv.state.",
    "conv.call_handoff(",
    "destination=",
    "f\"",
    "{x}",
    "lambda",
    "async ",
    "name: ",
    "handoffs:",
    "start_step: ",
    "child_step: ",
    "sip_headers:",
    "value: ",
    "key: ",
    "<<<<<<< HEAD\n",
    "=======\n",
    "[rules]\n",
];

/// One random mutation of `data` (never grows it past `max_len`).
pub fn mutate(data: &[u8], rng: &mut Rng, max_len: usize) -> Vec<u8> {
    let mut out = data.to_vec();
    let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
    match rng.below(8) {
        0 if !out.is_empty() => {
            let i = rng.below(out.len());
            out[i] ^= 1 << rng.below(8);
        }
        1 if !out.is_empty() => {
            let i = rng.below(out.len());
            out[i] = rng.next_u64() as u8;
        }
        2 if !out.is_empty() => {
            let i = rng.below(out.len());
            let n = rng.below((out.len() - i).min(64)) + 1;
            out.drain(i..i + n);
        }
        3 if !out.is_empty() => {
            let i = rng.below(out.len());
            let n = rng.below((out.len() - i).min(64)) + 1;
            let piece = out[i..i + n].to_vec();
            let j = at(rng, out.len());
            out.splice(j..j, piece);
        }
        4 => {
            let i = at(rng, out.len());
            out.insert(i, b"\x00\xff\xfe\xc3\x80{}$:\n\r"[rng.below(10)]);
        }
        _ => {
            let piece = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
            let i = at(rng, out.len());
            out.splice(i..i, piece.iter().copied());
        }
    }
    out.truncate(max_len);
    out
}

// ---------------------------------------------------------------------------------------------
// Language server sessions
// ---------------------------------------------------------------------------------------------

/// Where the documents of [`lsp`] live: a folder that does not exist, so the workspace is made of
/// the open buffers alone.
pub const LSP_ROOT: &str = "/nonexistent-switchboard-fuzz/ws";

/// Reads [`lsp`]'s input; an exhausted input reads as zeros.
struct Ops<'a> {
    data: &'a [u8],
    at: usize,
}

impl Ops<'_> {
    fn done(&self) -> bool {
        self.at >= self.data.len()
    }
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }
    fn text(&mut self, len: usize) -> String {
        let end = (self.at + len).min(self.data.len());
        let start = self.at.min(end);
        self.at += len;
        String::from_utf8_lossy(&self.data[start..end]).into_owned()
    }
    fn position(&mut self) -> tower_lsp_server::ls_types::Position {
        tower_lsp_server::ls_types::Position {
            line: self.byte() as u32,
            character: self.byte() as u32,
        }
    }
}

/// The operations of [`lsp`]'s input, one per leading byte (taken modulo the count).
pub mod lsp_op {
    /// Open slot `b`, version ignored, text of `u16` LE length.
    pub const OPEN: u8 = 0;
    /// Change slot `b`: start (line `b`, character `b`), end (line `b`, character `b`), text of
    /// length `b`.
    pub const CHANGE: u8 = 1;
    /// Replace the whole text of slot `b` with a text of `u16` LE length.
    pub const REPLACE: u8 = 2;
    /// Close slot `b`.
    pub const CLOSE: u8 = 3;
    /// Anything else: the query `op - 4` at slot `b`, position (line `b`, character `b`), with a
    /// second position for ranges and a name of length `b` for rename.
    pub const COUNT: u8 = 17;
}

/// A language server session driven by the fuzzer: the server's own state ([`switchboard::lsp::state`])
/// receives opens, incremental changes (through [`switchboard::lsp::state::Doc::apply_change`], as
/// `didChange` does) and closes of the files of [`PROJECT_PATHS`], and every IDE query runs at
/// the positions the input gives, converted as the server converts them. The first byte picks
/// the position unit. Checks: nothing panics, every span an answer holds lies inside its file on
/// character boundaries, and at the end the incrementally maintained snapshot reports exactly the
/// diagnostics of a fresh check of the same texts.
pub fn lsp(data: &[u8]) {
    use std::path::PathBuf;
    use switchboard::ide;
    use switchboard::lsp::convert;
    use switchboard::lsp::state::{Doc, Proj, State};
    use switchboard::source::ColumnUnit;

    let mut ops = Ops { data, at: 0 };
    let mut st = State {
        encoding: match ops.byte() % 3 {
            0 => ColumnUnit::Utf16,
            1 => ColumnUnit::Utf8,
            _ => ColumnUnit::Char,
        },
        ..State::default()
    };
    let unit = st.encoding;
    let root = PathBuf::from(LSP_ROOT);
    st.roots = vec![root.clone()];
    st.projects.push(Proj::new(root.clone()));
    let path_of = |slot: u8| root.join(PROJECT_PATHS[slot as usize % PROJECT_PATHS.len()]);
    let mut steps = 0;
    while !ops.done() && steps < 200 {
        steps += 1;
        let op = ops.byte() % lsp_op::COUNT;
        let path = path_of(ops.byte());
        match op {
            lsp_op::OPEN => {
                let len = ops.u16() as usize;
                let text = ops.text(len);
                st.docs.insert(path.clone(), Doc::new(&text, 1));
                st.touch(&path);
            }
            lsp_op::CHANGE | lsp_op::REPLACE => {
                let range = (op == lsp_op::CHANGE).then(|| tower_lsp_server::ls_types::Range {
                    start: ops.position(),
                    end: ops.position(),
                });
                let len = if op == lsp_op::CHANGE {
                    ops.byte() as usize
                } else {
                    ops.u16() as usize
                };
                let text = ops.text(len);
                if let Some(doc) = st.docs.get_mut(&path) {
                    doc.apply_change(range, &text, unit);
                    doc.version += 1;
                    doc.refresh();
                    st.touch(&path);
                }
            }
            lsp_op::CLOSE => {
                st.docs.remove(&path);
                if let Some(i) = st.project_of(&path)
                    && let Some(rel) = st.projects[i].rel(&path)
                {
                    st.projects[i].invalidate(&rel, true);
                }
                st.touch(&path);
            }
            _ => {
                let pos = ops.position();
                let pos2 = ops.position();
                let Some((snap, file)) = st.snapshot_for(&path) else {
                    continue;
                };
                let (p, a) = (&snap.project, snap.analysis());
                let src = p.file(file);
                let Some(off) = convert::offset(src, pos, unit) else {
                    continue;
                };
                let off2 = convert::offset(src, pos2, unit).unwrap_or(off);
                let check_loc = |l: &ide::Loc| {
                    let f = p
                        .files
                        .get(l.file.0 as usize)
                        .expect("location in a missing file");
                    check_span(&f.text, l.span, "location");
                    let _ = convert::range(f, l.span, unit);
                };
                let here = |span: Span, what: &str| {
                    check_span(&src.text, span, what);
                    let _ = convert::range(src, span, unit);
                };
                match op - 4 {
                    0 => {
                        for c in ide::completions(p, a, file, off) {
                            here(c.replace, "completion replace");
                        }
                    }
                    1 => {
                        if let Some((span, _)) = ide::hover(p, a, file, off) {
                            here(span, "hover");
                        }
                    }
                    2 => ide::definition(p, a, file, off).iter().for_each(check_loc),
                    3 => ide::references(p, a, file, off, off2.is_multiple_of(2))
                        .iter()
                        .for_each(check_loc),
                    4 => {
                        for (span, _) in ide::highlights(p, a, file, off) {
                            here(span, "highlight");
                        }
                    }
                    5 => {
                        if let Ok((span, _)) = ide::prepare_rename(p, a, file, off) {
                            here(span, "prepare rename");
                        }
                    }
                    6 => {
                        let len = ops.byte() as usize % 24;
                        let name = ops.text(len);
                        if let Ok(plan) = ide::rename(p, a, file, off, &name) {
                            for e in &plan.edits {
                                let f = p.file(e.file);
                                check_span(&f.text, e.span, "rename edit");
                                let _ = ide::apply_edits(&f.text, &[e]);
                            }
                        }
                    }
                    7 => {
                        let range = Span::new(off.min(off2), off.max(off2));
                        for act in ide::code_actions(p, a, file, range) {
                            for e in &act.edits {
                                check_span(&p.file(e.file).text, e.span, "action edit");
                            }
                        }
                    }
                    8 => {
                        for t in ide::semantic_tokens(p, a, file) {
                            here(t.span, "token");
                        }
                    }
                    9 => {
                        for s in ide::document_symbols(p, a, file) {
                            check_span(&p.file(s.file).text, s.span, "symbol");
                            check_span(&p.file(s.file).text, s.selection, "symbol name");
                        }
                    }
                    10 => {
                        let range = Span::new(off.min(off2), off.max(off2));
                        for (at, _) in ide::inlay_hints(p, a, file, range) {
                            here(Span::new(at, at), "inlay hint");
                        }
                    }
                    11 => {
                        let q: String = src.text.chars().skip(off as usize % 64).take(3).collect();
                        for s in ide::workspace_symbols(p, a, &q) {
                            check_span(&p.file(s.file).text, s.selection, "workspace symbol");
                        }
                    }
                    _ => {
                        for e in ide::fix_all(a, file) {
                            check_span(&src.text, e.span, "fix-all edit");
                        }
                        for d in a.diagnostics.iter().filter(|d| d.file == file) {
                            let _ = convert::diagnostic(p, d, unit);
                        }
                    }
                }
            }
        }
    }
    // The snapshot kept up to date through the edits equals a fresh check of the same texts.
    let texts: Vec<(String, String)> = st
        .docs
        .iter()
        .filter_map(|(path, d)| {
            let rel = path
                .strip_prefix(&root)
                .ok()?
                .to_string_lossy()
                .into_owned();
            Some((rel, d.rope.to_string()))
        })
        .collect();
    let snaps = st.snapshots();
    let fresh = load_files(&root, &texts);
    let want = analysis::analyze(&fresh, &Options::default());
    let key = |p: &Project, d: &switchboard::diagnostics::Diagnostic| {
        (
            p.file(d.file).rel.clone(),
            d.code,
            d.span,
            d.message.clone(),
        )
    };
    let got: Vec<_> = snaps
        .iter()
        .flat_map(|s| s.diagnostics.iter().map(|d| key(&s.project, d)))
        .collect();
    let want: Vec<_> = want.iter().map(|d| key(&fresh, d)).collect();
    assert_eq!(
        got, want,
        "incremental diagnostics differ from a fresh check"
    );
}
