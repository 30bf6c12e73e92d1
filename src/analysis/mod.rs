//! TODO
pub mod rule_docs;
