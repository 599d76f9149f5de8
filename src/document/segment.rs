//! Paragraphs and sentences. Paragraphs come from blank lines (and, in wire
//! copy, from indented first lines); sentences from terminal punctuation that
//! is not part of an abbreviation, an initial or a number.

use crate::config::Lexicons;
use crate::source::Span;

/// Splits a plain-text body into paragraph spans: blank lines separate
/// paragraphs, and so does an indented line after an unindented one or after
/// a line that ends a sentence (Reuters indents each paragraph's first line).
pub(crate) fn plain_paragraphs(mask: &str, body: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = body.start;
    let mut pos = body.start;
    let text = &mask[..body.end];
    while pos < body.end {
        let line_end = text[pos..].find(['\n', '\r']).map_or(body.end, |e| pos + e);
        let line = &text[pos..line_end];
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            let content_start = pos + lead;
            if lead > 0
                && start.is_some()
                && let Some(s) = start.take()
            {
                out.push(Span::new(s, last_end));
            }
            if start.is_none() {
                start = Some(content_start);
            }
            last_end = pos + line.trim_end().len();
        }
        // Step past the line terminator (\n, \r\n or \r).
        pos = line_end;
        if text[pos..].starts_with("\r\n") {
            pos += 2;
        } else if pos < body.end {
            pos += 1;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

/// Splits one paragraph into sentence spans (trimmed, never empty).
pub(crate) fn sentences(mask: &str, para: Span, lex: &Lexicons) -> Vec<Span> {
    let text = &mask[para.start..para.end];
    let mut out = Vec::new();
    let mut start = 0usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '?' | '!' | '…') {
            // Take the whole run of terminal punctuation and closing marks.
            let mut j = k + 1;
            while j < chars.len() && (matches!(chars[j].1, '.' | '?' | '!' | '…') || CLOSERS.contains(&chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(o, _)| o);
            if j >= chars.len() {
                break;
            }
            if chars[j].1.is_whitespace() && is_boundary(text, i, c, end, lex) {
                push_trimmed(&mut out, para.start, text, start, end);
                start = end;
            }
            k = j;
            continue;
        }
        k += 1;
    }
    push_trimmed(&mut out, para.start, text, start, text.len());
    out
}

fn push_trimmed(out: &mut Vec<Span>, base: usize, text: &str, s: usize, e: usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(base + s + lead, base + s + lead + trimmed.len()));
    }
}

/// The word ending at byte `dot` (exclusive), including inner periods:
/// `U.S` for `U.S.`, `Sept` for `Sept.`.
fn word_before(text: &str, dot: usize) -> &str {
    let start = text[..dot]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
    &text[start..dot]
}

/// Whether the terminal mark at `at` ends a sentence, given the text after
/// the whitespace at `after`.
fn is_boundary(text: &str, at: usize, mark: char, after: usize, lex: &Lexicons) -> bool {
    let next = text[after..].trim_start();
    let Some(first) = next.chars().next() else {
        return true;
    };
    // A lower-case continuation is never a new sentence (`p.m. on Sunday`,
    // `"Stop!" he said`).
    if first.is_lowercase() {
        return false;
    }
    if mark != '.' {
        return true;
    }
    let word = word_before(text, at);
    let bare = word.trim_start_matches('\'');
    if bare.is_empty() {
        return true;
    }
    // A single capital is an initial: `John F. Kennedy`.
    if bare.chars().count() == 1 && bare.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    let lower = bare.to_lowercase();
    // Titles always take a name: `Dr. Okafor`.
    if lex.contains("titles", &lower) {
        return false;
    }
    // Abbreviations (`Sept.`, `U.S.`) end sentences only before a word that
    // typically starts one.
    if lex.contains("abbreviations", &lower) || lower.contains('.') {
        return lex.contains("sentence-starters", &first_word(next).to_lowercase());
    }
    true
}

fn first_word(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let lex = Lexicons::default_set();
        sentences(text, Span::new(0, text.len()), &lex)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("One here. Two there! Three?"),
            ["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Dr. Okafor met U.S. officials on Sept. 27 at 3 p.m. Sunday. John F. Kennedy was there."),
            [
                "Dr. Okafor met U.S. officials on Sept. 27 at 3 p.m. Sunday.",
                "John F. Kennedy was there."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence() {
        assert_eq!(
            split("He moved to the U.S. The move was hard."),
            ["He moved to the U.S.", "The move was hard."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            split("“We are close,” she said. “But not there.” Then she left."),
            ["“We are close,” she said.", "“But not there.”", "Then she left."]
        );
        assert_eq!(split("\"Stop!\" he said."), ["\"Stop!\" he said."]);
    }

    #[test]
    fn a_date_fragment_is_its_own_sentence() {
        assert_eq!(
            split("declared its independence in 1991. On September 2. This independence"),
            [
                "declared its independence in 1991.",
                "On September 2.",
                "This independence"
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            split("It rose 3.2 percent. Then fell."),
            ["It rose 3.2 percent.", "Then fell."]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_indents() {
        let text = "Title\n\nFirst line\nwraps here.\n    Indented new para.\n\n\nLast.";
        let p: Vec<&str> = plain_paragraphs(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(p, ["Title", "First line\nwraps here.", "Indented new para.", "Last."]);
    }

    #[test]
    fn crlf_and_cr_paragraphs() {
        let text = "One.\r\n\r\nTwo.\r\rThree.";
        let p: Vec<&str> = plain_paragraphs(text, Span::new(0, text.len()))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(p, ["One.", "Two.", "Three."]);
    }
}
