//! SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other
//! SARIF viewers: one run, the rules' metadata and help text from the
//! registry's documentation, columns in Unicode code points, suggested
//! replacements as `fixes`.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::{FileReport, Severity};
use crate::filter::{UNUSED_SUPPRESSION, fingerprint};
use crate::rules::REGISTRY;
use crate::source::{SourceFile, Span};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: `/` separators, reserved characters
/// percent-encoded.
pub(super) fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut p = p.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    // An absolute path becomes a `file://` URI; a relative one stays a
    // relative reference (resolved against the repository by viewers).
    let mut out = String::with_capacity(p.len() + 7);
    if p.starts_with('/') {
        out.push_str("file://");
    }
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(src: &SourceFile, span: Span) -> Value {
    let start = src.location(span.start);
    let end = src.location(span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// Turns `date-weekday-mismatch` into `DateWeekdayMismatch`.
fn camel(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn doc_text(doc: &str) -> String {
    doc.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let config = crate::Config::default_config();
    let mut rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            let text = doc_text(r.doc);
            let severity = config.rules.get(r.id).map_or(Severity::Warning, |s| s.severity);
            json!({
                "id": r.id,
                "name": camel(r.id),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": text},
                "help": {"text": text, "markdown": text},
                "defaultConfiguration": {"level": level(severity)},
                "properties": {"tags": [r.family()]},
            })
        })
        .collect();
    let mut ids: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
    let used: BTreeSet<&str> = reports.iter().flat_map(|r| &r.diagnostics).map(|d| d.rule).collect();
    if used.contains(UNUSED_SUPPRESSION) {
        let text = "A `copydesk-disable` comment that suppresses nothing.";
        rules.push(json!({
            "id": UNUSED_SUPPRESSION,
            "name": camel(UNUSED_SUPPRESSION),
            "shortDescription": {"text": text},
            "help": {"text": text},
            "defaultConfiguration": {"level": "warning"},
        }));
        ids.push(UNUSED_SUPPRESSION);
    }

    let mut results = Vec::new();
    for r in reports {
        let src = &r.source;
        let location = |span: Span| {
            json!({"physicalLocation": {
                "artifactLocation": {"uri": uri(src.name())},
                "region": region(src, span),
            }})
        };
        for d in &r.diagnostics {
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": {"text": match &d.help {
                    Some(h) => format!("{}\nhelp: {h}", d.message),
                    None => d.message.clone(),
                }},
                "locations": [location(d.span)],
                "partialFingerprints": {"copydeskFinding/v1": fingerprint(r, d)},
            });
            if let Some(i) = ids.iter().position(|id| *id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !d.labels.is_empty() {
                result["relatedLocations"] = d
                    .labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = location(l.span);
                        loc["id"] = json!(i);
                        loc["message"] = json!({"text": l.message});
                        loc
                    })
                    .collect();
            }
            if let Some(s) = &d.suggestion {
                let description = if s.replacement.is_empty() {
                    "delete the marked text".to_string()
                } else {
                    format!("replace with \"{}\"", s.replacement)
                };
                result["fixes"] = json!([{
                    "description": {"text": description},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri(src.name())},
                        "replacements": [{
                            "deletedRegion": region(src, s.span),
                            "insertedContent": {"text": s.replacement},
                        }],
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./drafts/my story.md"), "drafts/my%20story.md");
        assert_eq!(uri("a\\b#1.md"), "a/b%231.md");
        assert_eq!(uri("/srv/news/été.md"), "file:///srv/news/%C3%A9t%C3%A9.md");
        assert_eq!(camel("date-weekday-mismatch"), "DateWeekdayMismatch");
    }
}
