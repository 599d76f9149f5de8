//! Output formats. Each is one file with a `write` function over the sorted
//! reports; adding a format is one file and one [`OutputFormat`] variant.

mod concise;
mod human;
pub use human::render;
mod json;

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
    }
}
