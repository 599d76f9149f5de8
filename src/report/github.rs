//! GitHub Actions workflow commands (`--format github`): one
//! `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`
//! per finding, shown as annotations on the pull request.

use std::io::{self, Write};

use crate::diagnostic::{FileReport, Severity};

/// Escapes a command's message: `%`, CR and LF.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as [`data`], plus `:` and `,`.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for r in reports {
        let path = r.source.name().strip_prefix("./").unwrap_or(r.source.name());
        for d in &r.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let start = r.source.location(d.span.start);
            let end = r.source.location(d.span.end);
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(path),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&format!("copydesk ({})", d.rule)),
                data(&message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(property("a,b:c%"), "a%2Cb%3Ac%25");
    }
}
