//! The spanned YAML parser over every YAML file of a 1× project.

#[path = "support/common.rs"]
mod common;
#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use switchboard::syntax::yaml;

fn bench(c: &mut Criterion) {
    let files = common::project(synth::Scale::Times(1));
    let texts = common::texts(&files, |p| p.ends_with(".yaml"));
    let mut g = c.benchmark_group("yaml_parse");
    g.throughput(Throughput::Bytes(common::bytes(&texts)));
    g.bench_function("1x_all_yaml", |b| {
        b.iter(|| {
            let mut errors = 0;
            for t in &texts {
                errors += yaml::parse(black_box(t)).errors.len();
            }
            errors
        })
    });
    // The event-stream path alone, without the block-style fast path.
    g.bench_function("1x_all_yaml_reference", |b| {
        b.iter(|| {
            let mut errors = 0;
            for t in &texts {
                errors += yaml::parse_reference(black_box(t)).errors.len();
            }
            errors
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
