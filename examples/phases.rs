//! Where the time of one analysis goes, phase by phase (a profiling aid, not a benchmark):
//!
//!   cargo run --release --example phases -- DIR [REPEAT]
//!
//! Loads the project at DIR, then times model building, the symbol tables, each rule family,
//! the symbol index and the final sort, REPEAT times (default 20), and prints the median of each.
use std::time::{Duration, Instant};
use switchboard::analysis::{self, Options, Symbols, index::Index};
use switchboard::project;

// The allocator and process settings of the `switchboard` binary, so the figures are the
// binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
switchboard::tune_process_before_main!();

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: phases DIR [REPEAT]"));
    let repeat: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let mut times: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut record = |name: &'static str, d: Duration| match times.iter_mut().find(|t| t.0 == name)
    {
        Some(t) => t.1.push(d),
        None => times.push((name, vec![d])),
    };
    for _ in 0..repeat {
        let t = Instant::now();
        let found = project::discover(&dir);
        record("discover", t.elapsed());
        let t = Instant::now();
        let parsed = project::parse_all(&found);
        record("read + parse (all threads)", t.elapsed());
        let t = Instant::now();
        let p = project::build(dir.clone(), parsed);
        record("build model", t.elapsed());
        let options = Options::default().with_config(&p.config);
        let t = Instant::now();
        let s = Symbols::build(&p, &options);
        record("symbols", t.elapsed());
        let mut out = p.diagnostics.clone();
        let t = Instant::now();
        analysis::handoffs::check(&p, &s, &mut out);
        analysis::handoffs::integration(&p, &s.integration, &mut out);
        record("rules: handoffs", t.elapsed());
        let t = Instant::now();
        analysis::references::check(&p, &s, &mut out);
        record("rules: references", t.elapsed());
        let t = Instant::now();
        analysis::transfers::check(&p, &s, &mut out);
        record("rules: transfers", t.elapsed());
        let t = Instant::now();
        analysis::names::check(&p, &s, &mut out);
        record("rules: names", t.elapsed());
        let t = Instant::now();
        analysis::steps::missing_flow_config(&p, &mut out);
        record("rules: steps", t.elapsed());
        let t = Instant::now();
        analysis::controls::check(&p, &mut out);
        record("rules: controls", t.elapsed());
        let t = Instant::now();
        analysis::content::check(&p, &mut out);
        record("rules: content", t.elapsed());
        let t = Instant::now();
        analysis::settings::check(&p, &mut out);
        analysis::settings::legacy_keyphrases(&p, &mut out);
        record("rules: settings", t.elapsed());
        let t = Instant::now();
        let ix = Index::build(&p, &s);
        record("symbol index", t.elapsed());
        let t = Instant::now();
        let n = analysis::finish(&p, &options, out).len();
        record("finish (suppress, sort, cap)", t.elapsed());
        std::hint::black_box((n, ix.defs.len()));
        let t = Instant::now();
        drop(p);
        record("drop model", t.elapsed());
    }
    for (name, mut v) in times {
        v.sort();
        println!(
            "{:>32}: {:>10.3} ms",
            name,
            v[v.len() / 2].as_secs_f64() * 1e3
        );
    }
}
