//! switchboard: a compiler and language server for PolyAI ADK agent projects.
//!
//! Layers (data flows down only): [`source`] → [`syntax`] → [`model`] → [`analysis`] → faces
//! ([`cli`]).

pub mod analysis;
pub mod cli;
pub mod compile;
pub mod config;
pub mod controls;
pub mod diagnostics;
pub mod ide;
pub mod lsp;
pub mod model;
pub mod project;
pub mod report;
pub mod settings;
pub mod sip;
pub mod source;
pub mod suppress;
pub mod syntax;
pub mod text;
