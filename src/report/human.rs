//! Human output through codespan-reporting: a primary label on the offending
//! words, secondary labels on related facts, the help as a note.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity};
use codespan_reporting::term::{self, termcolor};

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::source::{SourceFile, Span};

/// A line longer than this many bytes (4 KB; a paragraph of news prose runs
/// to 2.5 KB at most on one line) is shown as a window around the
/// finding: a one-line file of megabytes was printed whole for every finding.
const WIDE: usize = 4096;

/// Bytes of context kept on each side of the labels in such a window.
const CONTEXT: usize = 300;

/// What a diagnostic shows of its file: the file itself, or, when every
/// label sits on one line longer than [`WIDE`], a window of that line with
/// `…` at each cut. Line and column numbers stay those of the file.
struct Excerpt<'a> {
    source: &'a SourceFile,
    window: Option<Window>,
}

struct Window {
    /// The shown text: `…`, the line's bytes from `start`, `…`.
    text: String,
    /// The file offset of the first byte shown after the leading `…`.
    start: usize,
    /// Bytes of the leading `…` (none when the window starts the line).
    lead: usize,
    /// The 0-based line in the file.
    line: usize,
}

impl<'a> Excerpt<'a> {
    fn new(source: &'a SourceFile, d: &Diagnostic) -> Excerpt<'a> {
        let spans = || std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
        let line = source.line_index(d.span.start);
        let window = source
            .line_range(line)
            .filter(|r| r.len() > WIDE)
            .filter(|r| spans().all(|s| r.start <= s.start && s.end <= r.end))
            .map(|r| {
                let text = source.text();
                let (lo, hi) = spans().fold((usize::MAX, 0), |(lo, hi), s| (lo.min(s.start), hi.max(s.end)));
                let mut start = lo.saturating_sub(CONTEXT).max(r.start);
                let mut end = (hi + CONTEXT).min(r.end);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let lead = if start > r.start { "…" } else { "" };
                let tail = if end < r.end { "…" } else { "" };
                Window {
                    text: format!("{lead}{}{tail}", &text[start..end]),
                    start,
                    lead: lead.len(),
                    line,
                }
            });
        Excerpt { source, window }
    }

    /// A file offset as an offset of the shown text.
    fn shown(&self, offset: usize) -> usize {
        match &self.window {
            Some(w) => w.lead + offset - w.start,
            None => offset,
        }
    }

    /// An offset of the shown text as a file offset.
    fn in_file(&self, shown: usize) -> usize {
        match &self.window {
            Some(w) => (w.start + shown.saturating_sub(w.lead)).min(w.start + w.text.len() - w.lead),
            None => shown,
        }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.source.name())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.window.as_ref().map_or(self.source.text(), |w| w.text.as_str()))
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(match &self.window {
            Some(_) => 0,
            None => self.source.line_index(byte_index),
        })
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.window.as_ref().map_or(line_index, |w| w.line) + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        _line: usize,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.source.location(self.in_file(byte_index)).column)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        match &self.window {
            Some(w) => Ok(0..w.text.len()),
            None => codespan_reporting::files::Files::line_range(self.source, (), line_index),
        }
    }
}

fn convert(d: &Diagnostic, excerpt: &Excerpt<'_>) -> CsDiagnostic<()> {
    let at = |s: Span| excerpt.shown(s.start)..excerpt.shown(s.end);
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = vec![CsLabel::primary((), at(d.span)).with_message(d.primary_label.clone())];
    labels.extend(
        d.labels
            .iter()
            .map(|l| CsLabel::secondary((), at(l.span)).with_message(l.message.clone())),
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
    let excerpt = Excerpt::new(source, d);
    term::emit_to_write_style(w, &config, &excerpt, &convert(d, &excerpt)).map_err(|e| match e {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Engine, ParseOptions};

    fn first_rendered(text: &str) -> String {
        let engine = Engine::new(&Config::default_config()).expect("embedded config is valid");
        let report = crate::check_source(SourceFile::new("long.txt", text), &engine, &ParseOptions::default());
        let d = report.diagnostics.first().expect("a finding");
        render(&report.source, d)
    }

    #[test]
    fn a_very_long_line_is_shown_as_a_window_with_true_numbers() {
        // One line of 12,000 bytes: `é` twice over, so that bytes and
        // columns differ, then a repeated word.
        let pad = "Il été là. ".repeat(600);
        let text = format!("Title\n{pad}He said the the plan worked. {pad}\n");
        let out = first_rendered(&text);
        let column = pad.chars().count() + "He said the ".len() + 1;
        assert!(out.contains(&format!("long.txt:2:{column}")), "{out}");
        assert!(out.contains("│ …") && out.contains("the the plan worked"), "{out}");
        // Not the whole line: a window of a few hundred bytes.
        assert!(out.len() < 2000, "{} bytes:\n{out}", out.len());
    }

    #[test]
    fn an_ordinary_line_is_shown_whole() {
        let text = "Title\nHe said the the plan worked, and it did.\n";
        let out = first_rendered(text);
        assert!(out.contains("long.txt:2:13"), "{out}");
        assert!(out.contains("│ He said the the plan worked, and it did."), "{out}");
        assert!(!out.contains('…'), "{out}");
    }
}
