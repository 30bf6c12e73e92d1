//! Discovery and loading: find the project root, walk it, read and parse every relevant file (in
//! parallel), and build the [`Project`] model. A broken file costs its own diagnostics only.
//!
//! The flow, one step per file:
//!
//! 1. `root.rs`: find the project root ([`find_root`]).
//! 2. `walk.rs`: walk it and list the relevant files ([`discover`]), each classified by its path
//!    (`kind.rs`, [`classify`]).
//! 3. `read.rs`: read each file as UTF-8 text, up to [`MAX_FILE_BYTES`].
//! 4. `parse.rs`: parse it by its kind ([`parse_file`]), in parallel: `schedule.rs` spreads the
//!    work over the cores, and `load.rs` runs the walk, the parse workers and the assembly
//!    together ([`load()`]).
//! 5. `build/`: build each file's part of the model, a [`Fragment`], one builder per resource
//!    family; `assemble.rs` places the fragments in one model ([`assemble()`]).
//! 6. `incremental.rs` (language server): replace one file's fragment in an assembled model
//!    ([`replace_file`]).
//!
//! `lean.rs` is the one-shot check's variant of the load: texts dropped once built, read back
//! for the findings ([`load_lean`], [`restore_texts`]).
//!
//! `rules.rs` declares the reading rules (SB0xx) that these steps report, with their documentation.

mod assemble;
mod build;
mod incremental;
mod kind;
mod lean;
mod load;
mod parse;
mod read;
mod root;
mod schedule;
mod walk;

pub use assemble::{Fragment, assemble, assemble_borrowed, build, cooked_values, fragment};
pub use build::scan::scan_text;
pub use build::value_span;
pub use incremental::replace_file;
pub use kind::{FileKind, classify, stem};
pub use lean::{Dropped, load_lean, restore_texts};
pub use load::load_files;
pub use parse::{Content, Parsed, parse_file, parse_text};
pub use read::{MAX_FILE_BYTES, read_text};
pub use root::{LoadError, SKIP_DIRS, discover_projects, find_root};
pub use schedule::{parse_all, parse_all_with};
pub use walk::{Discovered, discover};

use crate::model::Project;
use load::load_with;
use schedule::threads;
use std::path::Path;

/// Load a project: discover, then read, parse and build each file's part of the model in
/// parallel, and assemble the parts.
pub fn load(root: &Path) -> Project {
    load_with(root, None, threads()).0
}

/// [`load`] as if the machine had `cores` cores (the model does not depend on it; tests check
/// that it does not).
#[doc(hidden)]
pub fn load_on_cores(root: &Path, cores: usize) -> Project {
    load_with(root, None, cores).0
}
