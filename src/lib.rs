//! copydesk: a linter for English news text.
//!
//! The pipeline runs one way: `SourceFile -> Document -> Facts -> rules ->
//! Diagnostics -> filter -> report`. The library never prints and never
//! exits; the `copydesk` binary is a thin layer over [`Config`] (discovery,
//! per-path overrides), [`check_source_with`], [`filter`] (suppressions,
//! baseline, threshold) and [`report`].
#![deny(unsafe_code)]

pub mod alloc;
pub mod config;
pub mod diagnostic;
pub mod document;
mod error;
pub mod extract;
pub mod filter;
pub mod report;
pub mod rules;
pub mod source;
mod swar;

pub use config::{Config, Lexicons, ReferencePolicy};
pub use diagnostic::{Diagnostic, FileReport, Label, Severity, Suggestion};
pub use document::{Document, Format, ParseOptions};
pub use error::Error;
pub use extract::Facts;
pub use filter::Baseline;
pub use rules::{Engine, REGISTRY};
pub use source::{SourceFile, Span};

/// Lints one source file: builds its document, extracts its facts and runs
/// every enabled rule. Each finding records its sentence (for the baseline).
pub fn check_source(source: SourceFile, engine: &Engine, opts: &ParseOptions) -> FileReport {
    check_source_with(source, engine, opts, ReferencePolicy::Article)
}

/// [`check_source`] with a reference-date policy from the configuration.
/// `opts.reference_date` (`--date`) wins over the policy.
pub fn check_source_with(
    source: SourceFile,
    engine: &Engine,
    opts: &ParseOptions,
    policy: ReferencePolicy,
) -> FileReport {
    let opts = match (opts.reference_date, policy) {
        (None, ReferencePolicy::Fixed(date)) => ParseOptions {
            reference_date: Some(date),
            ..*opts
        },
        _ => *opts,
    };
    let mut doc = Document::parse(source, &opts, &engine.lexicons);
    if opts.reference_date.is_none() && policy == ReferencePolicy::Ignore {
        doc.metadata.reference = None;
    }
    let facts = Facts::extract(&doc, &engine.lexicons);
    let mut diagnostics = engine.check(&doc, &facts);
    for d in &mut diagnostics {
        d.sentence = doc.sentence_at(d.span.start).map(|s| s.span);
    }
    FileReport {
        diagnostics,
        format: doc.format,
        reference: doc.metadata.reference,
        // `Document` gives its lists back to the thread when dropped, so
        // its source is taken out rather than moved.
        source: std::mem::replace(&mut doc.source, SourceFile::new("", "")),
    }
}

/// Each stage of the pipeline on its own, for the criterion benchmarks in
/// `benches/` and the fuzz targets in `fuzz/`. Not a stable API.
#[doc(hidden)]
pub mod stages {
    use crate::extract::{DateFact, NameFact, NumberFact, QuoteFact, QuoteMark, date, name, number, quote};
    use crate::{Document, Lexicons};

    /// The date extractor over a parsed document.
    pub fn dates(doc: &Document) -> Vec<DateFact> {
        date::extract(doc.mask(), doc.metadata.reference.map(|r| r.date))
    }

    /// The number extractor; it skips the spans of `dates`.
    pub fn numbers(doc: &Document, dates: &[DateFact], lex: &Lexicons) -> Vec<NumberFact> {
        number::extract(doc.mask(), dates, lex)
    }

    /// Quotation pairing and attribution.
    pub fn quotes(doc: &Document, lex: &Lexicons) -> (Vec<QuoteFact>, Vec<QuoteMark>) {
        quote::extract(doc, lex)
    }

    /// The name extractor.
    pub fn names(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
        name::extract(doc, lex)
    }
}
