//! The v1 JSON contract:
//! `{"version": 1, "diagnostics": [{path, rule, severity, message, start,
//! end, labels, help}]}` with 1-based lines and columns and byte offsets.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{FileReport, Severity};
use crate::source::Location;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    start: Location,
    end: Location,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    replacement: &'a str,
    start: Location,
    end: Location,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    start: Location,
    end: Location,
    /// The flagged words as written.
    text: &'a str,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    suggestion: Option<JsonSuggestion<'a>>,
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for r in reports {
        let src = &r.source;
        for d in &r.diagnostics {
            diagnostics.push(JsonDiagnostic {
                path: src.name(),
                rule: d.rule,
                severity: d.severity,
                message: &d.message,
                start: src.location(d.span.start),
                end: src.location(d.span.end),
                text: &src.text()[d.span.start..d.span.end],
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        message: &l.message,
                        start: src.location(l.span.start),
                        end: src.location(l.span.end),
                    })
                    .collect(),
                help: d.help.as_deref(),
                suggestion: d.suggestion.as_ref().map(|s| JsonSuggestion {
                    replacement: &s.replacement,
                    start: src.location(s.span.start),
                    end: src.location(s.span.end),
                }),
            });
        }
    }
    serde_json::to_writer_pretty(
        &mut *out,
        &Output {
            version: 1,
            diagnostics,
        },
    )
    .map_err(io::Error::other)?;
    writeln!(out)
}
