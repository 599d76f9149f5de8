//! Human output through codespan-reporting: a primary label on the offending
//! words, secondary labels on related facts, the help as a note.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::term::{self, termcolor};

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::SourceFile;

fn convert(d: &Diagnostic) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = vec![CsLabel::primary((), d.span).with_message(d.primary_label.clone())];
    labels.extend(
        d.labels
            .iter()
            .map(|l| CsLabel::secondary((), l.span).with_message(l.message.clone())),
    );
    let mut notes = Vec::new();
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    if let Some(s) = &d.suggestion {
        notes.push(if s.replacement.is_empty() {
            "suggestion: delete the marked text".to_string()
        } else {
            format!("suggestion: replace with \"{}\"", s.replacement)
        });
    }
    CsDiagnostic::new(severity)
        .with_code(d.rule)
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders one diagnostic to a string without colour (used by tests and
/// snapshot fixtures).
pub fn render(source: &SourceFile, d: &Diagnostic) -> String {
    let mut buf = termcolor::NoColor::new(Vec::new());
    emit(&mut buf, source, d).expect("writing to memory cannot fail");
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

fn emit<W: termcolor::WriteColor>(w: &mut W, source: &SourceFile, d: &Diagnostic) -> io::Result<()> {
    let config = term::Config::default();
    term::emit_to_write_style(w, &config, source, &convert(d)).map_err(|e| match e {
        codespan_reporting::files::Error::Io(e) => e,
        other => io::Error::other(other.to_string()),
    })
}

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport], opts: ReportOptions) -> io::Result<()> {
    let mut counts = [0usize; 3];
    for r in reports {
        for d in &r.diagnostics {
            if opts.color {
                let mut buf = termcolor::Ansi::new(Vec::new());
                emit(&mut buf, &r.source, d)?;
                out.write_all(&buf.into_inner())?;
            } else {
                let mut buf = termcolor::NoColor::new(Vec::new());
                emit(&mut buf, &r.source, d)?;
                out.write_all(&buf.into_inner())?;
            }
            counts[d.severity as usize] += 1;
        }
    }
    let files = reports.len();
    let [info, warning, error] = counts;
    if error + warning + info > 0 {
        writeln!(
            out,
            "copydesk: {error} error{}, {warning} warning{}, {info} info in {files} file{}",
            plural(error),
            plural(warning),
            plural(files)
        )?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
