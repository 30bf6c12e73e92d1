//! Python fact extraction over every function file of a 1× project.

#[path = "support/common.rs"]
mod common;
#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use switchboard::syntax::python;

fn bench(c: &mut Criterion) {
    let files = common::project(synth::Scale::Times(1));
    let texts = common::texts(&files, |p| p.ends_with(".py"));
    let mut g = c.benchmark_group("python_facts");
    g.throughput(Throughput::Bytes(common::bytes(&texts)));
    g.bench_function("1x_all_python", |b| {
        b.iter(|| {
            let mut defs = 0;
            for t in &texts {
                defs += python::extract(black_box(t)).functions.len();
            }
            defs
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
