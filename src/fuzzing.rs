//! Fuzz target bodies, shared by the cargo-fuzz targets in `fuzz/` and by the smoke test
//! `tests/fuzz_smoke.rs` (which replays regression inputs and deterministic mutations without a
//! nightly toolchain).
//!
//! Each target takes arbitrary bytes, runs one layer of the pipeline and then checks the
//! invariants every consumer relies on: spans lie inside their file and on character boundaries,
//! references are in text order, a reference's name span holds exactly its name, and an offset
//! map never points outside its scalar. A violated invariant panics, which the fuzzer reports as a
//! crash.

use std::path::Path;

use crate::analysis::{self, Options};
use crate::cli::output::{self, Format, ProjectOutput, RenderOptions};
use crate::model::Project;
use crate::project::load_files;
use crate::source::{OffsetMap, Span};
use crate::syntax::yaml::{self, Node, NodeKind};
use crate::syntax::{python, template};

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

/// Where [`yaml`] loads its input, chosen by the first byte.
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

/// Where [`python`] loads its input, chosen by the first byte.
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
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    check_yaml(&text);
    let rel = YAML_PATHS[pick as usize % YAML_PATHS.len()];
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
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    check_python(&text);
    let rel = PYTHON_PATHS[pick as usize % PYTHON_PATHS.len()];
    check_project(&[(rel.to_string(), text)]);
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
    let text_of = |id: crate::source::FileId| -> &str {
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
