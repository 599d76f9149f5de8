//! Checkstyle XML (`--format checkstyle`), which many CI dashboards and
//! reviewdog's `-f=checkstyle` read.

use std::io::{self, Write};

use crate::diagnostic::{FileReport, Severity};

/// Escapes text for an XML attribute; drops characters XML 1.0 forbids.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<checkstyle version=\"4.3\">")?;
    for r in reports.iter().filter(|r| !r.diagnostics.is_empty()) {
        writeln!(out, "  <file name=\"{}\">", xml(r.source.name()))?;
        for d in &r.diagnostics {
            let loc = r.source.location(d.span.start);
            let severity = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            };
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"copydesk.{}\"/>",
                loc.line,
                loc.column,
                xml(&d.message),
                xml(d.rule)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            xml("a < b & \"c\" 'd'\u{1}"),
            "a &lt; b &amp; &quot;c&quot; &apos;d&apos;"
        );
    }
}
