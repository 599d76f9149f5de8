//! copydesk: a linter for English news text.
//!
//! The pipeline runs one way: `SourceFile -> Document -> Facts -> rules ->
//! Diagnostics -> report`. The library never prints and never exits; the
//! `copydesk` binary is a thin layer over [`check_source`] and [`report`].

pub mod config;
pub mod diagnostic;
pub mod document;
mod error;
pub mod extract;
pub mod report;
pub mod rules;
pub mod source;

pub use config::{Config, Lexicons};
pub use diagnostic::{Diagnostic, FileReport, Label, Severity, Suggestion};
pub use document::{Document, Format, ParseOptions};
pub use error::Error;
pub use extract::Facts;
pub use rules::{Engine, REGISTRY};
pub use source::{SourceFile, Span};

/// Lints one source file: builds its document, extracts its facts and runs
/// every enabled rule.
pub fn check_source(source: SourceFile, engine: &Engine, opts: &ParseOptions) -> FileReport {
    let doc = Document::parse(source, opts, &engine.lexicons);
    let facts = Facts::extract(&doc, &engine.lexicons);
    let diagnostics = engine.check(&doc, &facts);
    FileReport {
        source: doc.source,
        diagnostics,
    }
}
