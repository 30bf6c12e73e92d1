//! The template scanner over every topic and step file of a 1× project.

#[path = "support/common.rs"]
mod common;
#[path = "support/synth.rs"]
mod synth;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use switchboard::syntax::template;

fn bench(c: &mut Criterion) {
    let files = common::project(synth::Scale::Times(1));
    let texts = common::texts(&files, |p| {
        p.starts_with("topics/") || p.contains("/steps/")
    });
    let mut g = c.benchmark_group("template_scan");
    g.throughput(Throughput::Bytes(common::bytes(&texts)));
    g.bench_function("1x_topics_and_steps", |b| {
        b.iter(|| {
            let mut refs = 0;
            for t in &texts {
                refs += template::scan(black_box(t)).refs.len();
            }
            refs
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
