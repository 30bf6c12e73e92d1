//! A fuzzing smoke run that needs no nightly toolchain: every committed regression input under
//! `fuzz/regressions/<target>/` and a few thousand deterministic mutations of the fixtures go
//! through the same target functions the cargo-fuzz targets call (`switchboard_fuzz_bodies`, in
//! `fuzz/bodies`).

use crate::common::files_of;
use std::path::PathBuf;
use switchboard_fuzz_bodies::{self as fuzzing, Rng};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under the fixture projects and the example, as (relative path, text).
fn fixture_projects() -> Vec<Vec<(String, String)>> {
    let mut roots = vec![manifest().join("examples/harbor-dental")];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(manifest().join("tests/fixtures/projects"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    fixtures.sort();
    roots.extend(fixtures);
    roots.iter().map(|r| files_of(r)).collect()
}

/// The seed inputs of each target (also what `fuzz/seed.sh` writes as the seed corpora).
fn seeds(target: &str) -> Vec<Vec<u8>> {
    let projects = fixture_projects();
    // The first byte picks the path a file loads as: the slot whose pattern it matches, else 0.
    let with_pick = |ext: &[&str], paths: &[&str]| -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for (rel, text) in projects.iter().flatten() {
            if ext.iter().any(|e| rel.ends_with(e)) {
                let pick = paths
                    .iter()
                    .position(|p| matches(&slot_pattern(p), rel))
                    .unwrap_or(0);
                let mut v = vec![pick as u8];
                v.extend_from_slice(text.as_bytes());
                out.push(v);
            }
        }
        out
    };
    match target {
        "template" => projects
            .iter()
            .flatten()
            .filter(|(rel, _)| rel.ends_with(".txt") || rel.ends_with(".yaml"))
            .map(|(_, t)| t.as_bytes().to_vec())
            .collect(),
        "yaml" => with_pick(&[".yaml", ".yml"], &fuzzing::YAML_PATHS),
        "python" => with_pick(&[".py"], &fuzzing::PYTHON_PATHS),
        "project" => projects.iter().map(|files| project_seed(files)).collect(),
        "lsp" => projects
            .iter()
            .enumerate()
            .map(|(i, files)| lsp_seed(files, i as u64))
            .collect(),
        _ => unreachable!(),
    }
}

/// A fixture project mapped onto the fixed paths of the project target: each slot takes the
/// fixture file of the same kind (first, second, ... of that kind, in path order).
fn project_seed(files: &[(String, String)]) -> Vec<u8> {
    let mut used = vec![false; files.len()];
    let mut mapped = Vec::new();
    for slot in fuzzing::PROJECT_PATHS {
        let pattern = slot_pattern(slot);
        if let Some(i) = (0..files.len()).find(|&i| !used[i] && matches(&pattern, &files[i].0)) {
            used[i] = true;
            mapped.push((slot.to_string(), files[i].1.clone()));
        }
    }
    fuzzing::join_project(&mapped)
}

/// A language server session over a fixture project: open every file it maps onto the slots of
/// the project target, then edits and queries at pseudo-random positions.
fn lsp_seed(files: &[(String, String)], seed: u64) -> Vec<u8> {
    use fuzzing::lsp_op;
    let mut rng = Rng::new(0x1590 + seed);
    let mut out = vec![(seed % 3) as u8];
    let mapped = fuzzing::split_project(&project_seed(files));
    let mut slots = Vec::new();
    for (rel, text) in &mapped {
        let slot = fuzzing::PROJECT_PATHS
            .iter()
            .position(|p| p == rel)
            .unwrap() as u8;
        slots.push(slot);
        let bytes = &text.as_bytes()[..text.len().min(u16::MAX as usize)];
        out.extend_from_slice(&[lsp_op::OPEN, slot]);
        out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    let pieces = ["{{ho:", "$", "\"", "\n", "😀", "}}", ""];
    for _ in 0..40 {
        let slot = slots[rng.below(slots.len())];
        let line = rng.below(30) as u8;
        let ch = rng.below(40) as u8;
        if rng.below(3) == 0 {
            let piece = pieces[rng.below(pieces.len())].as_bytes();
            out.extend_from_slice(&[
                lsp_op::CHANGE,
                slot,
                line,
                ch,
                line,
                ch + rng.below(4) as u8,
            ]);
            out.push(piece.len() as u8);
            out.extend_from_slice(piece);
        } else {
            let q = 4 + rng.below((lsp_op::COUNT - 4) as usize) as u8;
            out.extend_from_slice(&[q, slot, line, ch, line, ch.wrapping_add(9)]);
            if q == 10 {
                out.extend_from_slice(&[5, b'n', b'e', b'w', b'_', b'x']);
            }
        }
    }
    out
}

/// The fixture paths a slot takes: a glob per path segment (`*` matches any prefix).
fn slot_pattern(slot: &str) -> Vec<String> {
    let parts: Vec<&str> = slot.split('/').collect();
    match parts.as_slice() {
        ["topics", _] => vec!["topics".into(), "*.yaml".into()],
        ["flows", _, "flow_config.yaml"] => {
            vec!["flows".into(), "*".into(), "flow_config.yaml".into()]
        }
        ["flows", _, d, f] => vec![
            "flows".into(),
            "*".into(),
            d.to_string(),
            format!("*.{}", f.rsplit('.').next().unwrap()),
        ],
        ["functions", "g.py"] => vec!["functions".into(), "*.py".into()],
        _ => parts.iter().map(|s| s.to_string()).collect(),
    }
}

fn matches(pattern: &[String], rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    parts.len() == pattern.len()
        && parts
            .iter()
            .zip(pattern)
            .all(|(p, pat)| match pat.strip_prefix('*') {
                Some(suffix) => p.ends_with(suffix),
                None => p == pat,
            })
}

fn run(target: &str, data: &[u8]) {
    match target {
        "template" => fuzzing::template(data),
        "yaml" => fuzzing::yaml(data),
        "python" => fuzzing::python(data),
        "project" => fuzzing::project(data),
        "lsp" => fuzzing::lsp(data),
        _ => unreachable!(),
    }
}

fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = manifest().join("fuzz/regressions").join(target);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Vec<u8>)> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

/// Replay the regressions, the seeds, and `rounds` mutations (1 to 4 stacked) of random seeds.
fn smoke(target: &str, rounds: usize, max_len: usize) {
    for (path, data) in regressions(target) {
        eprintln!("replaying {}", path.display());
        run(target, &data);
    }
    let seeds = seeds(target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for s in &seeds {
        run(target, s);
    }
    let mut rng = Rng::new(0x5eed_0000 ^ target.len() as u64);
    for _ in 0..rounds {
        let mut data = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(4) {
            data = fuzzing::mutate(&data, &mut rng, max_len);
        }
        run(target, &data);
    }
}

#[test]
fn template_target_smoke() {
    smoke("template", 3000, 64 * 1024);
}

#[test]
fn yaml_target_smoke() {
    smoke("yaml", 1500, 64 * 1024);
}

#[test]
fn python_target_smoke() {
    smoke("python", 1000, 64 * 1024);
}

#[test]
fn project_target_smoke() {
    smoke("project", 300, 256 * 1024);
}

#[test]
fn lsp_target_smoke() {
    smoke("lsp", 300, 256 * 1024);
}

#[test]
fn project_seeds_split_back_into_their_files() {
    let files = fixture_projects().remove(0);
    let seed = project_seed(&files);
    let split = fuzzing::split_project(&seed);
    assert!(
        split.len() >= 10,
        "{:?}",
        split.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (rel, text) in &split {
        assert!(fuzzing::PROJECT_PATHS.contains(&rel.as_str()));
        assert!(files.iter().any(|(_, t)| t == text), "{rel}");
    }
}

/// Writes the seed corpora for cargo-fuzz (`fuzz/seed.sh` runs this): one file per seed under
/// `$SWITCHBOARD_SEED_DIR/<target>/`.
#[test]
#[ignore = "writes the fuzz seed corpora; run by fuzz/seed.sh"]
fn write_seed_corpora() {
    let dir = std::env::var_os("SWITCHBOARD_SEED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest().join("fuzz/corpus"));
    for target in TARGETS {
        let out = dir.join(target);
        std::fs::create_dir_all(&out).unwrap();
        for (i, s) in seeds(target).iter().enumerate() {
            std::fs::write(out.join(format!("seed-{i:03}")), s).unwrap();
        }
        eprintln!("{}: {} seeds", out.display(), seeds(target).len());
    }
}

const TARGETS: [&str; 5] = ["template", "yaml", "python", "project", "lsp"];
