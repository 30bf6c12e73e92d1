//! Replacing one file's part of the model in place (what the language server does on a
//! keystroke) gives exactly the model that assembling every file again gives, through any
//! sequence of edits: ones that keep the file's shape, ones that add or remove topics, steps,
//! handoffs, headers and texts, and ones that break the file.

use crate::synth;

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use switchboard::analysis::{self, Options};
use switchboard::project::{self, Discovered, Fragment};
use switchboard::source::FileId;

/// A real-size generated project plus the example project's flows, so every kind of file and
/// index is present.
fn base() -> Vec<(String, String)> {
    let mut files = synth::generate(synth::Scale::Times(1), 5);
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/harbor-dental");
    for d in project::discover(&ex) {
        if d.is_dir || !d.rel.starts_with("flows/") {
            continue;
        }
        let text = std::fs::read_to_string(&d.path).unwrap();
        files.push((d.rel.replacen("flows/", "flows/zz_", 1), text));
    }
    // The generated `_gen/` stubs are not project files.
    files.retain(|(rel, _)| project::classify(rel).is_some());
    files.sort();
    files
}

fn discovered(root: &Path, files: &[(String, String)]) -> Vec<Discovered> {
    files
        .iter()
        .map(|(rel, _)| Discovered {
            path: root.join(rel),
            rel: rel.clone(),
            kind: project::classify(rel).expect("generated files are project files"),
            is_dir: false,
        })
        .collect()
}

fn frag(found: &[Discovered], i: usize, text: &str) -> Fragment {
    project::fragment(project::parse_file(
        FileId(i as u32),
        &found[i],
        Some(Ok(text.to_string())),
    ))
}

/// Pieces an edit inserts: references, YAML structure, things that break a file.
const SNIPPETS: &[&str] = &[
    "{{ho:billing_team}}",
    "{{fn:lookup_account}}",
    "$caller_id ",
    "\n- name: Extra handoff\n  sip_config:\n    method: refer\n    phone_number: '+14155550100'\n  sip_headers:\n  - key: X-Id\n    value: $caller_id\n",
    "\n  - key: X-More\n    value: \"$account_id\"\n",
    "\n- name: extra_template\n  text: Hi $caller_name\n",
    "\nactions: |\n  Use {{ho:x}} and {{fn:y}}.\n",
    "\nprompt: >\n  Folded {{ft:check}}\n  text\n",
    ": : :\n\t[",
    "\"unterminated",
    "\u{a0}\u{200b}",
    "\ndef extra(conv):\n    conv.call_handoff(\"billing\")\n    return \"{{ho:nowhere}}\"\n",
    "# switchboard: ignore[SB201]\n",
    "\0",
    "",
];

#[derive(Clone, Debug)]
enum Edit {
    Insert {
        file: usize,
        at: usize,
        snippet: usize,
    },
    Delete {
        file: usize,
        at: usize,
        len: usize,
    },
    /// Replace the whole text with another file's (of any kind): shapes change completely.
    CopyFrom {
        file: usize,
        from: usize,
    },
    Empty {
        file: usize,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let f = 0usize..10_000;
    prop_oneof![
        4 => (f.clone(), 0usize..100_000, 0..SNIPPETS.len())
            .prop_map(|(file, at, snippet)| Edit::Insert { file, at, snippet }),
        3 => (f.clone(), 0usize..100_000, 1usize..200)
            .prop_map(|(file, at, len)| Edit::Delete { file, at, len }),
        2 => (f.clone(), 0usize..10_000).prop_map(|(file, from)| Edit::CopyFrom { file, from }),
        1 => f.prop_map(|file| Edit::Empty { file }),
    ]
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Apply an edit; returns the edited file's index.
fn apply(texts: &mut [String], e: &Edit) -> usize {
    let n = texts.len();
    match *e {
        Edit::Insert { file, at, snippet } => {
            let t = &mut texts[file % n];
            let at = floor_boundary(t, at % (t.len() + 1));
            t.insert_str(at, SNIPPETS[snippet]);
            file % n
        }
        Edit::Delete { file, at, len } => {
            let t = &mut texts[file % n];
            let a = floor_boundary(t, at % (t.len() + 1));
            let b = floor_boundary(t, a + len);
            t.replace_range(a..b, "");
            file % n
        }
        Edit::CopyFrom { file, from } => {
            texts[file % n] = texts[from % n].clone();
            file % n
        }
        Edit::Empty { file } => {
            texts[file % n].clear();
            file % n
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn replacing_a_file_in_place_equals_assembling_again(edits in prop::collection::vec(edit(), 1..12)) {
        let root = PathBuf::from("/nonexistent/incremental");
        let files = base();
        let found = discovered(&root, &files);
        let mut texts: Vec<String> = files.iter().map(|(_, t)| t.clone()).collect();
        let mut frags: Vec<Fragment> = texts.iter().enumerate().map(|(i, t)| frag(&found, i, t)).collect();
        let refs: Vec<&Fragment> = frags.iter().collect();
        let mut model = project::assemble_borrowed(root.clone(), &refs);
        let mut in_place = 0;
        for e in &edits {
            let i = apply(&mut texts, e);
            frags[i] = frag(&found, i, &texts[i]);
            if project::replace_file(&mut model, frags[i].clone()) {
                in_place += 1;
            } else {
                let refs: Vec<&Fragment> = frags.iter().collect();
                model = project::assemble_borrowed(root.clone(), &refs);
            }
            let refs: Vec<&Fragment> = frags.iter().collect();
            let fresh = project::assemble_borrowed(root.clone(), &refs);
            prop_assert_eq!(format!("{model:?}"), format!("{fresh:?}"), "after {:?}", e);
            let a = analysis::analyze(&model, &Options::default());
            let b = analysis::analyze(&fresh, &Options::default());
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        // The generator's files all have a place in the model: most edits go in place.
        prop_assert!(in_place * 2 >= edits.len(), "only {in_place} of {} edits in place", edits.len());
    }
}

#[test]
fn a_file_of_an_unknown_flow_or_not_in_the_model_needs_a_full_assembly() {
    let root = PathBuf::from("/nonexistent/incremental");
    let mut files = base();
    files.push((
        "config/handoffs.yml".into(),
        "handoffs:\n- name: rival\n  sip_config:\n    method: bye\n".into(),
    ));
    files.sort();
    let found = discovered(&root, &files);
    let frags: Vec<Fragment> = files
        .iter()
        .enumerate()
        .map(|(i, (_, t))| frag(&found, i, t))
        .collect();
    let mut model = project::assemble(root.clone(), frags.clone());
    let before = format!("{model:?}");
    // Same id, another path.
    let other = Discovered {
        path: root.join("topics/not_there.yaml"),
        rel: "topics/not_there.yaml".into(),
        kind: project::FileKind::Topic,
        is_dir: false,
    };
    let f = project::fragment(project::parse_file(
        FileId(3),
        &other,
        Some(Ok("name: x\n".into())),
    ));
    assert!(!project::replace_file(&mut model, f));
    // An id past the end.
    let f = frag(&found, 0, "x");
    let mut far = f.clone();
    far.part.files[0].id = FileId(u32::MAX);
    assert!(!project::replace_file(&mut model, far));
    assert_eq!(
        format!("{model:?}"),
        before,
        "a refused replacement changes nothing"
    );
    // Two handoffs files: the last one assembled wins, so a change to either reassembles.
    let h = found
        .iter()
        .position(|d| d.rel == "config/handoffs.yaml")
        .unwrap();
    let f = frag(&found, h, &files[h].1);
    assert!(!project::replace_file(&mut model, f));
}
