//! Generate a synthetic ADK project for benchmarks.
//!
//! ```text
//! cargo run --release --example gen_project -- --scale 1|10|100|topics10k --seed N --out DIR
//! ```
//!
//! The same scale and seed always produce the same tree. `DIR` must not exist or be empty, so
//! stale files from another scale never mix in.

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: gen_project --scale 1|10|100|topics10k|topicsN [--seed N] --out DIR");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut scale = None;
    let mut seed = 1u64;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next();
        match a.as_str() {
            "--scale" => match value().as_deref().and_then(synth::Scale::parse) {
                Some(s) => scale = Some(s),
                None => return usage(),
            },
            "--seed" => match value().and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            "--out" => match value() {
                Some(v) => out = Some(PathBuf::from(v)),
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    let (Some(scale), Some(out)) = (scale, out) else {
        return usage();
    };
    if out.exists()
        && std::fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!("error: `{}` exists and is not empty", out.display());
        return ExitCode::from(2);
    }
    let files = synth::generate(scale, seed);
    if let Err(e) = synth::write(&files, &out) {
        eprintln!("error: cannot write `{}`: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "{}: {} files, {} source bytes (excluding _gen/)",
        out.display(),
        files.len(),
        synth::source_bytes(&files)
    );
    ExitCode::SUCCESS
}
