//! copydesk's own diagnostic type, independent of any output format.

use serde::{Deserialize, Serialize};

use crate::document::{Format, ReferenceDate};
use crate::source::{SourceFile, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary label: another fact the finding relates to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A suggested replacement for a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub span: Span,
    pub replacement: String,
}

/// One finding of one rule in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The offending words.
    pub span: Span,
    /// Text of the primary label (may be empty).
    pub primary_label: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub suggestion: Option<Suggestion>,
    /// The sentence holding the offending words, filled in after the rules
    /// run; the baseline keys on its text.
    pub sentence: Option<Span>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            span,
            primary_label: String::new(),
            labels: Vec::new(),
            help: None,
            suggestion: None,
            sentence: None,
        }
    }

    /// Sets the text shown under the offending words.
    pub fn primary(&mut self, message: impl Into<String>) -> &mut Self {
        self.primary_label = message.into();
        self
    }

    /// Adds a secondary label on a related fact.
    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    pub fn suggest(&mut self, span: Span, replacement: impl Into<String>) -> &mut Self {
        self.suggestion = Some(Suggestion {
            span,
            replacement: replacement.into(),
        });
        self
    }
}

/// All findings for one file, sorted by (start, rule).
#[derive(Clone, Debug)]
pub struct FileReport {
    pub source: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// How the file was read (suppression comments exist only in Markdown).
    pub format: Format,
    /// The reference date the date rules used, and where it came from.
    pub reference: Option<ReferenceDate>,
}
