//! Syntax: YAML with spans, the template language, Python facts, and JSON with spans (the
//! experimental config).

pub mod json;
pub mod python;
pub mod template;
pub mod yaml;
