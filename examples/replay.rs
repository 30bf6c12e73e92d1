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
            "template" => switchboard::fuzzing::template(&data),
            "yaml" => switchboard::fuzzing::yaml(&data),
            "python" => switchboard::fuzzing::python(&data),
            "project" => switchboard::fuzzing::project(&data),
            "lsp" => switchboard::fuzzing::lsp(&data),
            other => panic!("unknown target {other}"),
        }
        println!("{file}: {} bytes, {:?}", data.len(), t.elapsed());
    }
}
