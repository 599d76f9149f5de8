//! The prose mask: a copy of the text with the same byte length in which every
//! byte that is not prose (front matter, code, HTML, link targets, Markdown
//! markers) is a space and every newline is kept. Offsets into the mask are
//! offsets into the file, so nothing is ever remapped.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::source::Span;

/// Blanks `span` in `mask`, keeping line breaks so line structure survives.
pub(crate) fn blank(mask: &mut [u8], span: Span) {
    let end = span.end.min(mask.len());
    for b in &mut mask[span.start..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
}

/// What kind of block a Markdown paragraph came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    /// A table cell: short, rarely a sentence.
    TableCell,
}

/// Builds the mask for a Markdown body: only the bytes of text events outside
/// code and HTML stay. Also returns the prose blocks (paragraphs, headings,
/// list items) with their spans.
pub(crate) fn markdown_mask(text: &str, body: Span) -> (Vec<u8>, Vec<(Span, BlockKind)>) {
    let mut mask: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut blocks = Vec::new();
    let body_text = &text[body.start..body.end];
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let mut code_depth = 0usize;
    let mut open: Vec<(usize, BlockKind)> = Vec::new();
    for (event, range) in Parser::new_ext(body_text, opts).into_offset_iter() {
        let range = (range.start + body.start)..(range.end + body.start);
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => code_depth += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => code_depth = code_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) => open.push((range.start, BlockKind::Paragraph)),
            Event::Start(Tag::Heading { .. }) => open.push((range.start, BlockKind::Heading)),
            Event::Start(Tag::Item) => open.push((range.start, BlockKind::ListItem)),
            Event::Start(Tag::TableCell) => open.push((range.start, BlockKind::TableCell)),
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                if let Some((start, kind)) = open.pop() {
                    blocks.push((Span::new(start, range.end), kind));
                }
            }
            Event::Text(_) if code_depth == 0 => {
                mask[range.clone()].copy_from_slice(&text.as_bytes()[range]);
            }
            _ => {}
        }
    }
    // A list item holding paragraphs (a loose list) is represented by its
    // paragraphs: keep only the innermost blocks.
    // Blocks nest like the Markdown tree, so after sorting by start (outer
    // first) a block holds another exactly when the next different span
    // starts inside it. Linear: comparing every pair was quadratic in the
    // number of paragraphs.
    blocks.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let spans: Vec<Span> = blocks.iter().map(|(s, _)| *s).collect();
    let mut k = 0;
    blocks.retain(|(s, _)| {
        let next = spans[k + 1..].iter().find(|o| *o != s);
        k += 1;
        !next.is_some_and(|o| s.contains(*o))
    });
    (mask, blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        let (m, _) = markdown_mask(text, Span::new(0, text.len()));
        String::from_utf8(m).unwrap()
    }

    #[test]
    fn keeps_prose_and_blanks_markup() {
        let text = "Some *bold* [link](http://x.y/2020-02-30) and `code 2020`.\n";
        let m = masked(text);
        assert_eq!(m.len(), text.len());
        assert!(m.contains("Some  bold   link "));
        assert!(!m.contains("2020"));
        assert!(m.ends_with(".\n"));
    }

    #[test]
    fn blanks_code_blocks_and_html() {
        let text = "Para one.\n\n```\nFebruary 30\n```\n\n<div>Monday, Nov. 5, 2019</div>\n\nEnd.\n";
        let m = masked(text);
        assert!(!m.contains("February"));
        assert!(!m.contains("Monday"));
        assert!(m.contains("Para one."));
        assert!(m.contains("End."));
    }

    #[test]
    fn multibyte_characters_in_code_become_spaces() {
        let text = "Text “quoted”.\n\n`“x”`\n";
        let m = masked(text);
        assert_eq!(m.len(), text.len());
        assert!(m.starts_with("Text “quoted”."));
        assert!(std::str::from_utf8(m.as_bytes()).is_ok());
    }
}
