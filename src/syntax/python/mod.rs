//! Python facts: what the checker needs to know about a project's Python files, read from the
//! syntax tree without running anything.
//!
//! [`extract`] parses a file with ruff's error-tolerant parser (a file with a syntax error still
//! yields everything before and around the error) and collects functions and their decorators,
//! conversation-state accesses, code transfers (`conv.call_handoff`, returned transfer dicts,
//! `transfer_call`), calls between project functions, imports, `goto_step` / `goto_flow` targets,
//! module-level constant tables and the string literals a function hands back to the model.
//!
//! Every span is a byte range into the raw file text. Strings carry an [`OffsetMap`] from their
//! cooked value back to the raw bytes, through escapes, raw prefixes, implicit concatenation and
//! f-string brace escapes.
//!
//! The parts: `parse` drives ruff's parser and keeps trees too deep to walk out of the analysis,
//! `visit` walks the syntax tree collecting the facts, `cook` turns string literals into their
//! cooked values with offset maps, and `facts` holds [`PyFacts`] and the types it is made of.
//!
//! [`OffsetMap`]: crate::source::OffsetMap

mod cook;
mod facts;
mod parse;
#[cfg(test)]
mod test_support;
mod visit;

pub use cook::PLACEHOLDER;
pub use facts::{
    ApiCall, CallHandoff, CallTarget, Decorator, FnCall, Goto, Import, LitKind, Number, PyFacts,
    PyFunction, PyLit, PyString, PyValue, ReturnTransfer, StateAccess, TransferCall, TransferShape,
    Transition,
};
pub use parse::{MAX_NESTING, Nesting, extract, nesting_estimate};
