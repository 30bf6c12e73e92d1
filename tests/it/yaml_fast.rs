//! The block-style fast path of the YAML loader against the event-stream reference: the same
//! tree (kinds, spans, values, offset maps) and the same diagnostics for every input, and the
//! fast path actually taken for the files agent projects are made of.

use crate::synth;

use std::path::{Path, PathBuf};
use switchboard::syntax::yaml::{self, Document};

/// Compare both paths on `text`; returns whether the fast path loaded it.
fn same(name: &str, text: &str) -> bool {
    let reference = yaml::parse_reference(text);
    let fast = yaml::parse_fast(text);
    if let Some(f) = &fast {
        assert_doc_eq(name, text, f, &reference);
    }
    assert_doc_eq(name, text, &yaml::parse(text), &reference);
    fast.is_some()
}

fn assert_doc_eq(name: &str, text: &str, got: &Document, want: &Document) {
    if got != want {
        let (g, w) = (flat(got), flat(want));
        let i = g.iter().zip(&w).take_while(|(a, b)| a == b).count();
        panic!(
            "{name}: fast path differs from the reference\ntext: {text:?}\nfast:      {:?}\nreference: {:?}",
            g.get(i),
            w.get(i)
        );
    }
}

/// One line per node and error, in document order.
fn flat(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<(String, &yaml::Node)> = d.root.iter().map(|n| (String::new(), n)).collect();
    while let Some((path, n)) = stack.pop() {
        match &n.kind {
            yaml::NodeKind::Scalar(s) => out.push(format!("{path} {:?} {s:?}", n.span)),
            yaml::NodeKind::Map(es) => {
                out.push(format!("{path} map {:?}", n.span));
                for (i, e) in es.iter().enumerate().rev() {
                    stack.push((format!("{path}/{i}v"), &e.value));
                    stack.push((format!("{path}/{i}k"), &e.key));
                }
            }
            yaml::NodeKind::Seq(items) => {
                out.push(format!("{path} seq {:?}", n.span));
                for (i, it) in items.iter().enumerate().rev() {
                    stack.push((format!("{path}/{i}"), it));
                }
            }
            other => out.push(format!("{path} {other:?} {:?}", n.span)),
        }
    }
    out.push("end of tree".into());
    out.extend(d.errors.iter().map(|e| format!("{e:?}")));
    out.push("end".into());
    out
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

#[test]
fn example_and_fixture_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("examples"), &mut files);
    yaml_files(&root.join("tests/fixtures"), &mut files);
    assert!(files.len() > 20, "{}", files.len());
    let mut fast = 0;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        if same(&f.display().to_string(), &text) {
            fast += 1;
        }
    }
    // Most project files are in the subset (the rest are deliberately broken fixtures).
    assert!(fast * 2 > files.len(), "{fast} of {}", files.len());
}

#[test]
fn generated_projects() {
    for (scale, seeds) in [
        (synth::Scale::Times(1), 1..5),
        (synth::Scale::Times(10), 1..2),
    ] {
        for seed in seeds {
            let files = synth::generate(scale, seed);
            let mut n = 0;
            let mut fast = 0;
            for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".yaml")) {
                n += 1;
                if same(&format!("seed {seed} {path}"), text) {
                    fast += 1;
                }
            }
            // Only the files with planted syntax errors go through the event path.
            assert!(
                fast * 100 >= n * 97,
                "seed {seed}: {fast} of {n} files loaded fast"
            );
            assert!(n > 20);
        }
    }
}

/// Small edits of generated files (characters deleted, duplicated or replaced, lines indented
/// or outdented) keep both paths equal, whichever path loads the result.
#[test]
fn mutated_generated_files() {
    let files = synth::generate(synth::Scale::Topics(8), 7);
    let texts: Vec<&String> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".yaml"))
        .map(|(_, t)| t)
        .collect();
    let pool: &[&str] = &[
        " ", "  ", "\n", ":", ": ", "- ", "#", " #", "'", "\"", "|", ">", "|-", ">+", "\t", "\r",
        "\r\n", "[", "{", "&a ", "*a", "!t ", "? ", "---\n", "...", "\u{a0}", "\u{feff}", "\\",
        "-", "x", "é", "%",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    let mut fast = 0;
    let mut total = 0;
    for round in 0..3000 {
        let base = texts[next() % texts.len()];
        let mut t = base.clone();
        for _ in 0..1 + next() % 3 {
            let mut at = next() % (t.len() + 1);
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            match next() % 4 {
                0 => {
                    let mut end = (at + 1 + next() % 4).min(t.len());
                    while !t.is_char_boundary(end) {
                        end += 1;
                    }
                    t.replace_range(at..end, "");
                }
                1 => t.insert_str(at, pool[next() % pool.len()]),
                2 => {
                    // Indent or outdent the line holding `at`.
                    let ls = t[..at].rfind('\n').map_or(0, |i| i + 1);
                    if next() % 2 == 0 {
                        t.insert_str(ls, &" ".repeat(1 + next() % 3));
                    } else if t[ls..].starts_with(' ') {
                        t.remove(ls);
                    }
                }
                _ => {
                    let mut end = (at + 1).min(t.len());
                    while !t.is_char_boundary(end) {
                        end += 1;
                    }
                    t.replace_range(at..end, pool[next() % pool.len()]);
                }
            }
        }
        total += 1;
        if same(&format!("mutation {round}"), &t) {
            fast += 1;
        }
    }
    // Most small edits stay in the subset, so the comparison is not vacuous.
    assert!(fast * 3 > total, "{fast} of {total}");
}

const TRICKY: &[&str] = &[
    // Folding of plain, quoted and folded block scalars.
    "a: one\n  two\n\n  three\n   four\nb: x\n",
    "a: \"one\n  two\n\n  three \\\n  four\"\nb: 'x\n\n  y ''z'''\n",
    "a: >\n  one\n  two\n\n  three\n    indented\n  back\n\n\nb: >-\n  x\n  y\n",
    "- >\n  folded\n   more\n  text\n- |\n  lit\n   more\n",
    // Chomping.
    "a: |+\n  keep\n\n\nb: |-\n  strip\n\n\nc: |\n  clip\n\n\nd: >+\n  k\n\n",
    "a: |+\n  keep\n\n",
    "a: |-\n  strip",
    "a: |\n  no final break",
    "a: |\n",
    "a: |\nb: 1\n",
    "a: >-\n\n\nb: 1\n",
    "a: |+\n\n  \n",
    "a: |\n   \n  x\n",
    "a: |\n  \n   x\n",
    "a: |\n  x\n # comment\nb: 1\n",
    "a: | # header comment\n  x\n",
    "a: |  \n  x\n",
    "a: |x\n  x\n",
    // Indentation indicators.
    "a: |2\n    x\n",
    "a: >1\n  x\n",
    "- |1\n  x\n",
    "a: |-2\n   x\n",
    "a: |2-\n   x\n",
    // NBSP, ZWSP and other Unicode.
    "a: x\u{a0}y\nb: \u{a0}lead\nc: trail\u{a0}\n",
    "a: x\u{200b}y\n\u{200b}: z\n",
    "ключ: значение\n名前: 値 # コメント\n\"é\": 'ü'\n",
    "a: \"\\u00e9\\x41\\U0001F600\"\nb: 😀 text\n",
    // Line breaks and byte order marks.
    "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"p\r\n  q\"\r\n",
    "a: 1\rb: 2\r",
    "\u{feff}a: b\n",
    "a: \u{feff}b\n",
    "a: b",
    "a: b\n\n\n",
    "\n\n# only comments\n\n",
    "",
    "   \n",
    // Empty values.
    "a:\nb:\n",
    "a:\n\nb: 1\n",
    "a:\n# c\nb: 1\n",
    "a:\n  # c\nb: 1\n",
    "a:",
    "a:   ",
    "- \n-\n- x\n",
    "-",
    "- # c\n- x\n",
    "-   \n-\n",
    "a:\n  - # c\n  -\n",
    "- a:\n  b:\n- c:\n",
    "a:\n  b:\n    c:\n",
    "a:\n  - \n  -\n",
    "a:\n- x\n-\nb: 1\n",
    // Comments after values.
    "a: b # c\nb: 'x' # y\nc: \"z\"   # w\nd: |- # h\n  t\n",
    "a: b#c\nb: c #d\n",
    "- x # c\n- 'y' #d\n",
    "a: b\n  # indented comment\nc: d\n",
    "# top\na: # after key\n  b: 1 # after value\n# end",
    // Key and value spacing.
    "a:b\n",
    "a:b: c\n",
    "a :b\n",
    "a  : b\n",
    "a:  b  \n",
    "'a':b\n",
    "\"a\":b\n",
    "'a' : b\n",
    "a: b: c\n",
    "a: b:\n",
    "a: http://x:80/y\n",
    "a: -1\nb: -x\nc: - x\n",
    "a: ?x\nb: :x\n",
    "a: x[0] {y}, z\nb[0]: 1\n",
    "a b c: d e f\n",
    "a: 'it''s'\nb: \"say \\\"hi\\\"\"\n",
    // Tabs.
    "a:\tb\n",
    "a: b\t\n",
    "a:\n\tb: 1\n",
    "a: |\n  x\ty\n",
    "a: \"x\ty\"\n",
    // Structure.
    "a:\n  b: 1\n  c:\n    - x\n    - y: 1\n      z: 2\n    -   w: 3\n  d: 4\n",
    "- - x\n  - y\n",
    "- a: 1\n  b:\n  - c\n- d\n",
    "a:\n    b: 1\n  c: 2\n",
    "a:\n  b: 1\n   c: 2\n",
    "a: 1\n a: 2\n",
    "- a\nb: 1\n",
    "a: 1\n- b\n",
    "  a: 1\n  b: 2\n",
    "  a: 1\nb: 2\n",
    "plain scalar document\n",
    "a: 1\na: 2\n'a': 3\n1: x\n'1': y\n",
    "a: [1, 2]\nb: {c: d}\n",
    "a: []\nb: {}\nc: [ ]\nd: {  } # c\ne:\n  - []\n  - {}\nf: [] x\ng: []]\n",
    "- []\n- x: []\n  y: {}\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "? a\n: b\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n...\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: \"unterminated\n",
    "a: 'x\nb: 2\n",
    "a: \"x\n y\"\n",
    "a:\n  b: \"x\ny\"\n",
    "a:\n  b: \"x\n  y\"\n",
    "a:\n  b: \"x\n   y\"\n",
    "a:\n  - \"x\n   y\"\n",
    "a:\n  b: x\n  y\n",
    "a:\n  b: x\n   y\n",
    "a: x\n  - y\n",
    "a: x\n  y: z\n",
    "a: x\n  # c\n  y\n",
    "a: x # c\n  y\n",
    "a: x\n  y # c\n  z\n",
    "a:\n  x\n  y\n",
    "a:\n  'x'\n",
    "a:\n  |\n  x\n",
    "- x\n -y\n",
    "- x\n  y\n",
    "a: |\n  x\n    y\n  z\n",
    "a:\n  b: |\n    x\n  c: >\n      deeper\n    less\n",
    "a: |\n x\nb: 1\n",
    "key: value\nlong: ",
    "x: \"a\\\n  b\"\n",
    "x: \"\\q\"\n",
    "x: '''\n",
    // Compact nested sequences.
    "examples:\n  -   - send_payment\n      - cancel_order\n  - - a\n    - - b\n      - c\n  - d\n",
    "- - - x\n    - y\n  - z\n- w\n",
    "- - k: v\n    j: w\n  - x\n",
    "- -\n  - x\n",
    "- - x\n   - y\n",
    "- - x\n - y\n",
    "a:\n- - x\n  # c\n  - y\nb: 1\n",
    "a:\n- x\n- - y\n  - z\nb:\n  - - w\n",
];

#[test]
fn tricky_cases() {
    let mut fast = 0;
    for (i, t) in TRICKY.iter().enumerate() {
        if same(&format!("case {i}"), t) {
            fast += 1;
        }
        // Every prefix too (cut documents end in odd places).
        for cut in 0..t.len() {
            if t.is_char_boundary(cut) {
                same(&format!("case {i} cut at {cut}"), &t[..cut]);
            }
        }
    }
    assert!(fast > 40, "{fast}");
}

/// Long keys are bounded by the parser; the fast path leaves them to it.
#[test]
fn long_keys_and_deep_nesting() {
    for n in [1000, 1023, 1024, 1025, 1100] {
        let t = format!("{}: v\n", "k".repeat(n));
        same(&format!("key of {n}"), &t);
    }
    let mut t = String::new();
    for i in 0..120 {
        t.push_str(&" ".repeat(i));
        t.push_str("k:\n");
    }
    same("deep", &t);
    let t = format!("{}x\n", "- ".repeat(300));
    same("deep items", &t);
}

/// Duplicate keys are found in small mappings (searched directly) and large ones (hashed), with
/// the first occurrence's span, whatever the key's style.
#[test]
fn duplicate_keys_small_and_large_mappings() {
    for n in [5usize, 31, 32, 33, 40] {
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!("k{i}: v\n"));
        }
        text.push_str("k1: again\n'k2': quoted\ntrue: 1\n\"true\": 2\ntrue: 3\n");
        text.push_str(&format!("k{}: last\n", n - 1));
        let d = yaml::parse(&text);
        let found: Vec<(String, String)> = d
            .errors
            .iter()
            .map(|e| {
                let yaml::YamlErrorKind::DuplicateKey { first } = e.kind else {
                    panic!("{e:?}");
                };
                (
                    text[e.span.range()].to_string(),
                    text[first.range()].to_string(),
                )
            })
            .collect();
        let pairs = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            found,
            [
                pairs("k1", "k1"),
                pairs("'k2'", "k2"),
                pairs("true", "true"),
                pairs(&format!("k{}", n - 1), &format!("k{}", n - 1)),
            ],
            "{n} keys"
        );
        let first_k1 = text.find("k1:").unwrap();
        assert_eq!(
            d.errors[0].kind,
            yaml::YamlErrorKind::DuplicateKey {
                first: switchboard::source::Span::from_range(first_k1..first_k1 + 2)
            }
        );
        assert_eq!(d, yaml::parse_reference(&text));
        assert_eq!(d.root.unwrap().entries().len(), n + 2);
    }
}
