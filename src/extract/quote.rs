//! Quotations: pairing quotation marks across a document, the
//! multi-paragraph convention, and the speaker where attributed.
//!
//! Pairing is a stateful pass in plain Rust over each paragraph's marks;
//! attribution patterns (`X said`, `said X`, `according to X`) are local.

use crate::config::Lexicons;
use crate::document::{Document, ParagraphKind};
use crate::source::Span;

/// The shape of a quotation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkStyle {
    /// `“` or `”`
    Curly,
    /// `"`
    Straight,
    /// `«` or `»`
    Guillemet,
}

/// One quotation mark with its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteMark {
    pub span: Span,
    pub style: MarkStyle,
}

/// A quotation: from its opening mark to its closing mark, possibly across
/// paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteFact {
    pub open: QuoteMark,
    /// `None` when the quotation is never closed.
    pub close: Option<QuoteMark>,
    /// The marks that reopen the quotation in later paragraphs (the
    /// multi-paragraph convention).
    pub reopenings: Vec<QuoteMark>,
    /// Everything from the opening mark to the closing mark (or to the end
    /// of the paragraph where it was left open).
    pub span: Span,
    /// The quoted words, between the marks.
    pub inner: Span,
    /// The speaker's name, where attributed.
    pub speaker: Option<Span>,
}

/// Whether a mark at `i` reads as opening: at the start, or after space or an
/// opening bracket or dash.
fn opens_here(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + 1..].chars().next();
    let prev_ok = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p));
    let next_ok = next.is_some_and(|n| !n.is_whitespace());
    prev_ok && next_ok
}

fn mark_at(c: char) -> Option<(MarkStyle, Option<bool>)> {
    match c {
        '“' => Some((MarkStyle::Curly, Some(true))),
        '”' => Some((MarkStyle::Curly, Some(false))),
        '«' => Some((MarkStyle::Guillemet, Some(true))),
        '»' => Some((MarkStyle::Guillemet, Some(false))),
        '"' => Some((MarkStyle::Straight, None)),
        _ => None,
    }
}

/// The first opening mark of a paragraph, if the paragraph starts with one.
fn leading_open(text: &str, para: Span) -> Option<QuoteMark> {
    let t = para.slice(text);
    let c = t.chars().next()?;
    match mark_at(c)? {
        (style, Some(true)) | (style, None) => Some(QuoteMark {
            span: Span::new(para.start, para.start + c.len_utf8()),
            style,
        }),
        _ => None,
    }
}

/// Pairs double quotation marks paragraph by paragraph. Returns the
/// quotations and the closing marks that closed nothing.
pub(crate) fn extract(doc: &Document, lex: &Lexicons) -> (Vec<QuoteFact>, Vec<QuoteMark>) {
    let text = doc.mask();
    let mut quotes = Vec::new();
    let mut strays = Vec::new();
    let mut open: Option<QuoteFact> = None;
    let paras: Vec<_> = doc
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::TableCell)
        .collect();
    for (pi, p) in paras.iter().enumerate() {
        let body = p.span.slice(text);
        let mut skip_first = false;
        if let Some(q) = open.as_mut() {
            // Left open by the previous paragraph: continued only if this one
            // reopens with a quotation mark.
            match leading_open(text, p.span) {
                Some(m) => {
                    q.reopenings.push(m);
                    skip_first = true;
                }
                None => {
                    quotes.push(open.take().expect("checked just above"));
                }
            }
        }
        for (off, c) in body.char_indices() {
            if skip_first && off == 0 {
                continue;
            }
            let Some((style, dir)) = mark_at(c) else { continue };
            let at = p.span.start + off;
            let mark = QuoteMark {
                span: Span::new(at, at + c.len_utf8()),
                style,
            };
            let opening = match dir {
                Some(d) => d,
                None => open.is_none() && (opens_here(text, at) || !closes_here(text, at)),
            };
            if opening {
                if let Some(q) = open.take() {
                    // An opening mark inside an open quote: the first was never
                    // closed.
                    quotes.push(q);
                }
                open = Some(QuoteFact {
                    open: mark,
                    close: None,
                    reopenings: Vec::new(),
                    span: Span::new(at, p.span.end),
                    inner: Span::new(mark.span.end, p.span.end),
                    speaker: None,
                });
            } else if let Some(mut q) = open.take() {
                q.close = Some(mark);
                q.span = Span::new(q.open.span.start, mark.span.end);
                q.inner = Span::new(q.open.span.end, at);
                quotes.push(q);
            } else {
                strays.push(mark);
            }
        }
        if let Some(q) = open.as_mut() {
            q.span.end = p.span.end;
            q.inner.end = p.span.end;
            if pi + 1 == paras.len() {
                quotes.push(open.take().expect("checked by if-let"));
            }
        }
    }
    if let Some(q) = open.take() {
        quotes.push(q);
    }
    quotes.sort_by_key(|q| q.open.span.start);
    for q in &mut quotes {
        q.speaker = speaker(doc, q, lex);
    }
    (quotes, strays)
}

/// Whether a straight mark at `i` reads as closing: after a non-space and
/// before space, punctuation or the end.
fn closes_here(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + 1..].chars().next();
    prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]—–-".contains(n))
}

/// A capitalized name of one to four words ending at `end` (exclusive).
fn name_before(text: &str, end: usize) -> Option<Span> {
    let mut start = None;
    let mut cursor = end;
    for _ in 0..4 {
        let before = text[..cursor].trim_end_matches(' ');
        let e = before.len();
        let s = before
            .rfind(|c: char| !(c.is_alphabetic() || c == '.' || c == '-' || c == '\''))
            .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
        if s >= e || !before[s..].starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        start = Some(s);
        cursor = s;
    }
    start.map(|s| Span::new(s, text[..end].trim_end().len()))
}

/// A capitalized name of one to four words starting at `start`.
fn name_after(text: &str, start: usize) -> Option<Span> {
    let rest = &text[start..];
    let lead = rest.len() - rest.trim_start_matches(' ').len();
    let s = start + lead;
    let mut e = s;
    for _ in 0..4 {
        let r = &text[e..];
        let r2 = r.trim_start_matches(' ');
        let ws = e + (r.len() - r2.len());
        if !r2.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let len = r2
            .find(|c: char| !(c.is_alphabetic() || c == '.' || c == '-' || c == '\''))
            .unwrap_or(r2.len());
        e = ws + len;
    }
    // A full stop after a word of two or more letters ends the sentence; after
    // one letter it marks an initial.
    if text[..e].ends_with('.') && text[s..e - 1].rsplit(' ').next().is_some_and(|w| w.chars().count() > 1) {
        e -= 1;
    }
    (e > s).then(|| Span::new(s, e))
}

/// The speaker: `..." X said`, `..." said X`, `X said: "...`, `according to X`.
fn speaker(doc: &Document, q: &QuoteFact, lex: &Lexicons) -> Option<Span> {
    let text = doc.mask();
    if let Some(close) = q.close {
        // After the quotation, within its sentence.
        let limit = doc
            .sentence_at(close.span.start)
            .map_or(text.len(), |s| s.span.end.max(close.span.end));
        let after = &text[close.span.end..limit];
        let after_trim = after.trim_start_matches([',', ' ', '\n']);
        let base = limit - after_trim.len();
        let mut words = after_trim.split([' ', '\n', ',', '.']);
        let w1 = words.next().unwrap_or("");
        // Names never run past the sentence.
        let bounded = &text[..limit];
        if lex.contains("speech-verbs", &w1.to_lowercase()) {
            return name_after(bounded, base + w1.len());
        }
        // `X said`: a name then a speech verb.
        if let Some(name) = name_after(bounded, base) {
            let rest = text[name.end..limit].trim_start();
            let verb = rest.split([' ', ',', '.']).next().unwrap_or("");
            if lex.contains("speech-verbs", &verb.to_lowercase()) {
                return Some(name);
            }
        }
    }
    // Before the quotation: `X said: "` or `X said, "`.
    let before = text[..q.open.span.start].trim_end_matches([' ', ':', ',']);
    let vstart = before.rfind(' ').map_or(0, |p| p + 1);
    let verb = &before[vstart..];
    if lex.contains("speech-verbs", &verb.to_lowercase()) {
        return name_before(text, vstart);
    }
    if text[..q.open.span.start].trim_end().ends_with(':') {
        return name_before(text, before.len());
    }
    let sentence = doc.sentence_at(q.open.span.start)?;
    let lead = &text[sentence.span.start..q.open.span.start];
    if let Some(p) = lead.to_ascii_lowercase().find("according to ") {
        return name_after(
            &text[..sentence.span.end],
            sentence.span.start + p + "according to ".len(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::source::SourceFile;

    fn quotes(text: &str) -> (Vec<QuoteFact>, Vec<QuoteMark>) {
        let lex = Lexicons::default_set();
        let doc = Document::parse(SourceFile::new("t.txt", text), &ParseOptions::default(), &lex);
        extract(&doc, &lex)
    }

    #[test]
    fn pairs_curly_and_straight_marks() {
        let text = "“We are close,” she said. He said \"fine\" and left.";
        let (q, s) = quotes(text);
        assert!(s.is_empty());
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].inner.slice(text), "We are close,");
        assert_eq!(q[1].inner.slice(text), "fine");
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph_without_reopening() {
        let text = "The statement states: “The party calls for an end.\n\nParis, 27.09.2020\n\nMore text.";
        let (q, _) = quotes(text);
        assert_eq!(q.len(), 1);
        assert!(q[0].close.is_none());
        assert_eq!(q[0].open.span.slice(text), "“");
    }

    #[test]
    fn multi_paragraph_quote_is_one_quotation() {
        let text = "He said: “First part.\n\n“Second part.\n\n“Last part.”\n\nAfter.";
        let (q, s) = quotes(text);
        assert!(s.is_empty());
        assert_eq!(q.len(), 1);
        assert!(q[0].close.is_some());
        assert_eq!(q[0].reopenings.len(), 2);
    }

    #[test]
    fn closing_mark_without_opening_is_stray() {
        let (q, s) = quotes("It was fine,” he said.");
        assert!(q.is_empty());
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn finds_speakers() {
        let cases = [
            ("“We are close,” Thabo Mbeki said.", "Thabo Mbeki"),
            ("“We are close,” said Mbeki.", "Mbeki"),
            ("Mbeki said: “We are close.”", "Mbeki"),
            ("According to Mbeki, “we are close.”", "Mbeki"),
        ];
        for (text, want) in cases {
            let (q, _) = quotes(text);
            assert_eq!(q[0].speaker.map(|s| s.slice(text)), Some(want), "{text}");
        }
    }
}
