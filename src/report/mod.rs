//! Output formats. Each is one file with a `write` function over the sorted
//! reports; adding a format is one file and one [`OutputFormat`] variant.

mod checkstyle;
mod concise;
mod github;
mod human;
pub use human::render;
mod json;
mod rdjson;
mod sarif;

use std::io::{self, Write};

use crate::diagnostic::FileReport;

/// The formats `--format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Diagnostics with source excerpts, as rustc prints them.
    Human,
    /// One line per finding: `path:line:col: severity[rule]: message`.
    Concise,
    /// The v1 JSON contract.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// reviewdog's rdjson, with suggestions.
    Rdjson,
    /// Checkstyle XML.
    Checkstyle,
}

/// Rendering settings.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReportOptions {
    pub color: bool,
}

/// Writes `reports` (already sorted by path) in `format`.
pub fn write(out: &mut dyn Write, format: OutputFormat, reports: &[FileReport], opts: ReportOptions) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::write(out, reports, opts),
        OutputFormat::Concise => concise::write(out, reports),
        OutputFormat::Json => json::write(out, reports),
        OutputFormat::Sarif => sarif::write(out, reports),
        OutputFormat::Github => github::write(out, reports),
        OutputFormat::Rdjson => rdjson::write(out, reports),
        OutputFormat::Checkstyle => checkstyle::write(out, reports),
    }
}
