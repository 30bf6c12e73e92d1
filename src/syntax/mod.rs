//! Syntax: YAML with spans, the template language, Python facts.

pub mod python;
pub mod template;
pub mod yaml;
