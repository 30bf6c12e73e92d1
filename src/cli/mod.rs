//! Command-line face: `switchboard check` output formats.

pub mod output;
