//! Whole analysis in process: `load_files` (parse every in-memory file and build the model) and
//! `analyze` (every rule), at 1× and 10×.

#[path = "support/common.rs"]
mod common;
#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use switchboard::analysis::{self, Options};
use switchboard::project::load_files;
use synth::Scale;

fn bench(c: &mut Criterion) {
    let root = Path::new("/synthetic");
    let options = Options::default();
    for (label, scale) in [("1x", Scale::Times(1)), ("10x", Scale::Times(10))] {
        let files = common::project(scale);
        let bytes = synth::source_bytes(&files) as u64;
        let mut g = c.benchmark_group(format!("analysis_{label}"));
        g.throughput(Throughput::Bytes(bytes));
        if label == "10x" {
            g.sampling_mode(SamplingMode::Flat)
                .sample_size(20)
                .measurement_time(Duration::from_secs(8));
        }
        g.bench_function("load_files+analyze", |b| {
            b.iter(|| {
                let project = load_files(root, black_box(&files));
                analysis::analyze(&project, &options).len()
            })
        });
        let project = load_files(root, &files);
        g.bench_function("load_files", |b| {
            b.iter(|| load_files(root, black_box(&files)).files.len())
        });
        g.bench_function("analyze", |b| {
            b.iter(|| analysis::analyze(black_box(&project), &options).len())
        });
        g.bench_function("analyze_full", |b| {
            b.iter(|| {
                analysis::analyze_full(black_box(&project), &options)
                    .diagnostics
                    .len()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
