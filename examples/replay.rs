//! Replay a fuzz input through one fuzz target's body and time it (for slow units found by
//! libFuzzer):
//!
//!   cargo run --release --example replay -- TARGET FILE...
//!
//! TARGET is one of template, yaml, python, project, lsp.
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().expect("usage: replay TARGET FILE...");
    for file in args {
        let data = std::fs::read(&file).expect("readable input");
        let t = Instant::now();
        match target.as_str() {
            "template" => switchboard_fuzz_bodies::template(&data),
            "yaml" => switchboard_fuzz_bodies::yaml(&data),
            "python" => switchboard_fuzz_bodies::python(&data),
            "project" => switchboard_fuzz_bodies::project(&data),
            "lsp" => switchboard_fuzz_bodies::lsp(&data),
            other => panic!("unknown target {other}"),
        }
        println!("{file}: {} bytes, {:?}", data.len(), t.elapsed());
    }
}
