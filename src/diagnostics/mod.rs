//! Diagnostics: the one type every layer below the faces produces.
//!
//! A diagnostic names its rule by [`Code`]. Each rule is declared once, in its family's file next
//! to the code that checks it, with its name, default severity, summary and long documentation
//! ([`registry`] explains how, and gathers the families into [`RULES`]); [`pages`] renders the
//! documentation for `switchboard explain` and `docs/rules.md`.
//!
//! Adding a rule means adding an entry to its family's `declare_rules!` (the family's
//! `rules.rs`), its check in the family's module, and fixtures (`tests/rules_*.rs`); nothing
//! else by hand.

pub mod pages;
pub mod registry;

pub(crate) use registry::declare_rules;
pub use registry::{Code, RULES, Rule, RuleDoc};

use crate::source::{FileId, Span};
use serde::Serialize;

/// How bad a finding is. Ordered from most to least severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// A secondary location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// One text replacement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

/// A fix: a titled set of edits. `safe` fixes can be applied without review ("fix all").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub safe: bool,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub file: FileId,
    pub span: Span,
    pub message: String,
    pub labels: Vec<Label>,
    /// A `help:` line, e.g. did-you-mean.
    pub help: Option<String>,
    /// Extra `note:` lines.
    pub notes: Vec<String>,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    pub fn new(code: Code, file: FileId, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            file,
            span,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            fixes: Vec::new(),
        }
    }
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn label(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    pub fn fix(mut self, title: impl Into<String>, edits: Vec<Edit>, safe: bool) -> Self {
        self.fixes.push(Fix {
            title: title.into(),
            edits,
            safe,
        });
        self
    }
    /// A single-edit fix replacing `span` in this diagnostic's file.
    pub fn replace_fix(
        self,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        safe: bool,
    ) -> Self {
        let file = self.file;
        self.fix(
            title,
            vec![Edit {
                file,
                span,
                replacement: replacement.into(),
            }],
            safe,
        )
    }
}
