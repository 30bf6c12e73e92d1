//! Helpers shared by the criterion benches.
#![allow(dead_code)]

use crate::synth::{self, Scale};

/// `cargo test --benches` (and `cargo bench -- --test`) run every bench once as a smoke test:
/// then the inputs are tiny, so the run takes seconds in a debug build.
pub fn smoke() -> bool {
    let args: Vec<String> = std::env::args().collect();
    !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--test")
}

/// The generated project at `scale`, or a tiny one in smoke mode.
pub fn project(scale: Scale) -> Vec<(String, String)> {
    let scale = if smoke() { Scale::Topics(6) } else { scale };
    synth::generate(scale, 1)
}

/// The texts of the files whose path satisfies `keep`.
pub fn texts(files: &[(String, String)], keep: impl Fn(&str) -> bool) -> Vec<String> {
    files
        .iter()
        .filter(|(p, _)| !p.starts_with("_gen/") && keep(p))
        .map(|(_, t)| t.clone())
        .collect()
}

pub fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}
