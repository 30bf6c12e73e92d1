//! The `rules` and `explain` commands: the rule registry and each rule's documentation.

use super::print_out;
use crate::diagnostics::pages;
use crate::diagnostics::{Code, RULES};
use std::process::ExitCode;

/// `switchboard explain RULE`: the documentation of one rule, by code or name.
pub(super) fn explain(rule: &str) -> ExitCode {
    match Code::lookup(rule) {
        Some(code) => {
            print_out(&pages::explain(code));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: no rule `{rule}`; `switchboard rules` lists them all");
            ExitCode::from(2)
        }
    }
}

/// `switchboard rules --markdown`: the full rule reference (the text of docs/rules.md).
pub(super) fn markdown() -> ExitCode {
    print_out(&pages::markdown_all());
    ExitCode::SUCCESS
}

/// `switchboard rules`: one line per rule with its code, name, default severity and summary.
pub(super) fn table() -> ExitCode {
    let mut s = String::new();
    for r in RULES {
        s.push_str(&format!(
            "{}  {:<34} {:<8} {}\n",
            r.code.as_str(),
            r.name,
            r.severity.as_str(),
            r.summary
        ));
    }
    print_out(&s);
    ExitCode::SUCCESS
}
