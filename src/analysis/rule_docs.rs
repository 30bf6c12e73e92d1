//! STUB
use crate::diagnostics::Code;
pub fn explain(code: Code) -> String { code.as_str().to_string() }
