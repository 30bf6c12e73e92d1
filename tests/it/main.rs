//! The integration tests as one test binary: each file of `tests/it/` is a module of it, one area
//! of the tests each, and the helpers they share are modules too: `common` (in-memory projects
//! and compact diagnostics), `lsp_support` (an in-process language-server client) and `synth`
//! (the synthetic projects of the benches, `benches/support/synth.rs`).
//!
//! One binary links the library and the dependencies once instead of once per file. Run one area
//! with `cargo test --test it NAME::`, e.g. `cargo test --test it rules_names::`; fixtures stay
//! under `tests/fixtures/`, reached through `CARGO_MANIFEST_DIR`.

// The allocator and process settings of the `switchboard` binary, so the tests run (and the
// `lsp_perf` benchmark measures) what the binary runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
switchboard::tune_process_before_main!();

mod cli_support;
mod common;
mod lsp_support;
#[path = "../../benches/support/synth.rs"]
mod synth;

mod architecture;
mod cli;
mod cli_fix;
mod cli_monorepo;
mod cli_options;
mod compile;
mod config;
mod docs;
mod fidelity;
mod fidelity_steps;
mod fuzz_smoke;
mod generator;
mod graph;
mod incremental_model;
mod index;
mod index_lookups;
mod lean;
mod lsp_content;
mod lsp_controls;
mod lsp_defects;
mod lsp_graph;
mod lsp_integrations;
mod lsp_neovim;
mod lsp_perf;
mod lsp_protocol;
mod lsp_settings;
mod lsp_stress;
mod pathological;
mod properties;
mod reading;
mod rename_properties;
mod render;
mod robustness;
mod rules_content;
mod rules_controls;
mod rules_handoffs;
mod rules_integrations;
mod rules_malformed;
mod rules_names;
mod rules_references;
mod rules_transfers;
mod safety;
mod sarif_validate;
mod schemas;
mod shapes;
mod suggest;
mod yaml_fast;
