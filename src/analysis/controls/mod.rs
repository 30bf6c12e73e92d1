//! The controls checks that span files (SB438: a phrase filter's function must be a global
//! function of the project). The checks of one controls file, and of a function's latency
//! control, are made by the builders as they read the file; the rules of this family are
//! declared in `rules.rs` beside this file (a module of the registry).

use crate::diagnostics::Diagnostic;
use crate::model::Project;

/// The checks across files.
pub fn check(_p: &Project, _out: &mut Vec<Diagnostic>) {}
