// Shared by the fuzz targets: turn fuzz bytes into a document the way the
// binary does, and check the span invariants every stage must keep.

use copydesk::{Document, Lexicons, ParseOptions, SourceFile, Span};

/// The first byte picks plain text or Markdown; the rest must pass the same
/// checks as a file read from disk (no NUL, valid UTF-8).
#[allow(dead_code)] // not every target parses a document itself
pub fn document(data: &[u8], lex: &Lexicons) -> Option<Document> {
    let (&sel, rest) = data.split_first()?;
    let name = if sel & 1 == 0 { "fuzz.txt" } else { "fuzz.md" };
    let source = SourceFile::from_bytes(name, rest.to_vec()).ok()?;
    Some(Document::parse(source, &ParseOptions::default(), lex))
}

/// A span must lie inside the text and start and end on char boundaries.
#[track_caller]
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    assert!(
        span.end <= text.len(),
        "{what}: span {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}
