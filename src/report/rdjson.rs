//! reviewdog's Diagnostic Format (`--format rdjson`): one JSON document with
//! every finding; suggested replacements become `suggestions` that reviewdog
//! posts as suggested changes. rdjson columns count UTF-8 bytes.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::{FileReport, Severity};
use crate::source::{SourceFile, Span};

/// 1-based line and 1-based column in UTF-8 bytes, as rdjson wants.
fn position(src: &SourceFile, offset: usize) -> Value {
    let line = src.line_index(offset);
    let start = src.line_range(line).map_or(0, |r| r.start);
    json!({"line": line + 1, "column": offset.saturating_sub(start) + 1})
}

fn range(src: &SourceFile, span: Span) -> Value {
    json!({"start": position(src, span.start), "end": position(src, span.end)})
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let mut diagnostics = Vec::new();
    for r in reports {
        let src = &r.source;
        let path = src.name().strip_prefix("./").unwrap_or(src.name());
        for d in &r.diagnostics {
            let severity = match d.severity {
                Severity::Error => "ERROR",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            let mut diag = json!({
                "message": message,
                "location": {"path": path, "range": range(src, d.span)},
                "severity": severity,
                "code": {"value": d.rule},
            });
            if let Some(s) = &d.suggestion {
                diag["suggestions"] = json!([{"range": range(src, s.span), "text": s.replacement}]);
            }
            if !d.labels.is_empty() {
                diag["related_locations"] = d
                    .labels
                    .iter()
                    .map(|l| json!({"message": l.message, "location": {"path": path, "range": range(src, l.span)}}))
                    .collect();
            }
            diagnostics.push(diag);
        }
    }
    let doc = json!({
        "source": {"name": "copydesk"},
        "diagnostics": diagnostics,
    });
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
