//! The document model: a source file, its prose mask, metadata, paragraphs and
//! sentences. Built once per file; read by the extractors and the rules.

pub mod metadata;
pub mod prose;
pub mod segment;

use chrono::NaiveDate;

use crate::config::Lexicons;
use crate::source::{SourceFile, Span};

pub use metadata::{Dateline, FrontMatter, Metadata, RefSource, ReferenceDate};
pub use prose::BlockKind;

/// How a file's body is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Plain,
    Markdown,
}

impl Format {
    /// The format a path's extension implies: `.md`, `.markdown` and `.mdx`
    /// are Markdown, anything else plain text.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// What a paragraph is, for rules that treat headlines and sign-offs apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    Body,
    /// A Markdown heading, or a plain-text first line without terminal
    /// punctuation.
    Heading,
    ListItem,
    TableCell,
    /// A line that is only a place and a date (`Paris, 27.09.2020`).
    SignOff,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
    /// Indices into [`Document::sentences`].
    pub sentences: std::ops::Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// Per-run settings that shape a document.
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions {
    /// Overrides the article's own reference date (`--date`).
    pub reference_date: Option<NaiveDate>,
    /// Overrides the format the path implies.
    pub format: Option<Format>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub format: Format,
    /// `None` when the mask would equal the text (plain text with nothing
    /// before its body), which saves a copy of every such file.
    mask: Option<String>,
    pub metadata: Metadata,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
}

impl Document {
    pub fn parse(source: SourceFile, opts: &ParseOptions, lex: &Lexicons) -> Document {
        let format = opts.format.unwrap_or_else(|| Format::from_path(source.name()));
        let text = source.text();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut metadata = Metadata {
            front_matter: metadata::front_matter(text, bom),
            ..Metadata::default()
        };
        let body_start = metadata.front_matter.as_ref().map_or(bom, |f| f.span.end);
        metadata.header = metadata::header(text, body_start);
        let body = Span::new(metadata.header.map_or(body_start, |(_, s)| s.end), text.len());

        let (mask, blocks) = match format {
            Format::Plain if body.start == 0 => (None, Vec::new()),
            _ => {
                let (mut mask_bytes, blocks) = match format {
                    Format::Markdown => prose::markdown_mask(text, body),
                    Format::Plain => (text.as_bytes().to_vec(), Vec::new()),
                };
                prose::blank(&mut mask_bytes, Span::new(0, body.start));
                let mask = String::from_utf8(mask_bytes).expect("the mask only replaces whole characters with spaces");
                (Some(mask), blocks)
            }
        };
        let mask_ref: &str = mask.as_deref().unwrap_or(text);

        let raw_paragraphs: Vec<(Span, ParagraphKind)> = match format {
            Format::Markdown => blocks
                .into_iter()
                .filter_map(|(span, kind)| {
                    let t = span.slice(mask_ref);
                    let trimmed = t.trim();
                    if trimmed.is_empty() {
                        return None;
                    }
                    let lead = t.len() - t.trim_start().len();
                    let span = Span::new(span.start + lead, span.start + lead + trimmed.len());
                    let kind = match kind {
                        BlockKind::Heading => ParagraphKind::Heading,
                        BlockKind::ListItem => ParagraphKind::ListItem,
                        BlockKind::TableCell => ParagraphKind::TableCell,
                        BlockKind::Paragraph => ParagraphKind::Body,
                    };
                    Some((span, kind))
                })
                .collect(),
            Format::Plain => segment::plain_paragraphs(mask_ref, body)
                .into_iter()
                .enumerate()
                .map(|(i, span)| {
                    let t = span.slice(mask_ref);
                    let single_line = !t.contains('\n');
                    let kind = if i == 0 && single_line && !t.ends_with(['.', '?', '!', '"', '”', ':']) {
                        ParagraphKind::Heading
                    } else {
                        ParagraphKind::Body
                    };
                    (span, kind)
                })
                .collect(),
        };

        let mut paragraphs = Vec::with_capacity(raw_paragraphs.len());
        let mut sentences = Vec::new();
        for (span, mut kind) in raw_paragraphs {
            let t = span.slice(mask_ref);
            if kind == ParagraphKind::Body && !t.contains('\n') && metadata::is_sign_off(t) {
                kind = ParagraphKind::SignOff;
            }
            let first = sentences.len();
            let idx = paragraphs.len();
            if matches!(kind, ParagraphKind::Body | ParagraphKind::ListItem) {
                for s in segment::sentences(mask_ref, span, lex) {
                    sentences.push(Sentence {
                        span: s,
                        paragraph: idx,
                    });
                }
            } else {
                sentences.push(Sentence { span, paragraph: idx });
            }
            paragraphs.push(Paragraph {
                span,
                kind,
                sentences: first..sentences.len(),
            });
        }

        metadata.dateline = paragraphs
            .iter()
            .find(|p| p.kind == ParagraphKind::Body)
            .and_then(|p| metadata::dateline(p.span.slice(mask_ref), p.span.start));

        metadata.reference = if let Some(d) = opts.reference_date {
            Some(ReferenceDate {
                date: d,
                source: RefSource::CommandLine,
            })
        } else if let Some((d, _)) = metadata.front_matter.as_ref().and_then(|f| f.date) {
            Some(ReferenceDate {
                date: d,
                source: RefSource::FrontMatter,
            })
        } else if let Some((d, _)) = metadata.header {
            Some(ReferenceDate {
                date: d,
                source: RefSource::Header,
            })
        } else {
            metadata
                .dateline
                .as_ref()
                .and_then(|d| d.date.as_ref())
                .filter(|d| d.year.is_some())
                .and_then(|d| d.resolved)
                .map(|date| ReferenceDate {
                    date,
                    source: RefSource::Dateline,
                })
        };

        Document {
            source,
            format,
            mask,
            metadata,
            paragraphs,
            sentences,
        }
    }

    /// The full text as in the file.
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// The prose mask: same length as the text, non-prose blanked.
    pub fn mask(&self) -> &str {
        self.mask.as_deref().unwrap_or(self.source.text())
    }

    /// The sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences.get(i).filter(|s| s.span.start <= offset)
    }

    /// The words (runs of letters, digits, apostrophes and inner hyphens or
    /// periods) inside `span` of the mask.
    pub fn words(&self, span: Span) -> Words<'_> {
        Words {
            text: self.mask(),
            pos: span.start,
            end: span.end,
        }
    }
}

/// Iterator over word spans; see [`Document::words`].
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

impl Iterator for Words<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        // Byte-wise, decoding a char only where the byte is not ASCII: rules
        // walk the words of every sentence.
        let text = self.text;
        let bytes = text.as_bytes();
        let char_at = |p: usize| text[p..self.end].chars().next();
        let mut start = self.pos;
        loop {
            let b = *bytes[..self.end].get(start)?;
            if b.is_ascii_alphanumeric() {
                break;
            }
            if b < 0x80 {
                start += 1;
                continue;
            }
            let c = char_at(start)?;
            if c.is_alphanumeric() {
                break;
            }
            start += c.len_utf8();
        }
        let mut end = start;
        while end < self.end {
            let b = bytes[end];
            if b.is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            let Some(c) = char_at(end) else { break };
            let after = end + c.len_utf8();
            let inner = matches!(c, '\'' | '’' | '-' | '.' | ',') && {
                let next = char_at(after);
                next.is_some_and(char::is_alphanumeric)
                    && (c != ','
                        || (text[start..end].ends_with(|p: char| p.is_ascii_digit())
                            && next.is_some_and(|n| n.is_ascii_digit())))
            };
            if c.is_alphanumeric() || inner {
                end = after;
            } else {
                break;
            }
        }
        self.pos = end.max(start + 1);
        while self.pos < self.end && !self.text.is_char_boundary(self.pos) {
            self.pos += 1;
        }
        Some(Span::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, text: &str) -> Document {
        Document::parse(
            SourceFile::new(name, text),
            &ParseOptions::default(),
            &Lexicons::default_set(),
        )
    }

    #[test]
    fn sample_header_and_first_sentence_share_a_line() {
        let d = doc(
            "a.txt",
            " date 2020-09-27 ARF Bureau member reports. Second one.\n\nParis, 27.09.2020\n\nNext.",
        );
        let r = d.metadata.reference.unwrap();
        assert_eq!(r.source, RefSource::Header);
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2020, 9, 27).unwrap());
        let first = d.sentences[0].span.slice(d.text());
        assert_eq!(first, "ARF Bureau member reports.");
        assert_eq!(d.paragraphs[1].kind, ParagraphKind::SignOff);
    }

    #[test]
    fn markdown_front_matter_wins_over_dateline() {
        let d = doc(
            "a.md",
            "---\ndate: 2022-08-16\n---\n# Title\n\nPARIS, Aug. 15, 2022 (AP) — Rain fell.\n",
        );
        let r = d.metadata.reference.unwrap();
        assert_eq!(r.source, RefSource::FrontMatter);
        assert!(d.metadata.dateline.is_some());
        assert_eq!(d.paragraphs[0].kind, ParagraphKind::Heading);
        assert!(!d.mask().contains("2022-08-16"));
    }

    #[test]
    fn dateline_gives_the_reference_when_alone() {
        let d = doc(
            "a.txt",
            "Headline here\n\nWELLINGTON, Nov. 5, 2019 (Agency) - It rained.",
        );
        let r = d.metadata.reference.unwrap();
        assert_eq!(r.source, RefSource::Dateline);
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2019, 11, 5).unwrap());
    }

    #[test]
    fn words_keep_inner_punctuation() {
        let d = doc("a.txt", "The U.S. army's 130,000-strong force, (ok).");
        let w: Vec<&str> = d
            .words(Span::new(0, d.text().len()))
            .map(|s| s.slice(d.text()))
            .collect();
        assert_eq!(w, ["The", "U.S", "army's", "130,000-strong", "force", "ok"]);
    }

    /// The char-by-char word scanner the byte-wise one replaced.
    fn reference_words(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(start_rel) = text[pos..].find(|c: char| c.is_alphanumeric()) {
            let start = pos + start_rel;
            let mut end = start;
            let mut chars = text[start..].char_indices().peekable();
            while let Some((o, c)) = chars.next() {
                let inner = matches!(c, '\'' | '’' | '-' | '.' | ',')
                    && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
                    && (c != ','
                        || (text[start..start + o].ends_with(|p: char| p.is_ascii_digit())
                            && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit())));
                if c.is_alphanumeric() || inner {
                    end = start + o + c.len_utf8();
                } else {
                    break;
                }
            }
            out.push((start, end));
            pos = end.max(start + 1);
            while pos < text.len() && !text.is_char_boundary(pos) {
                pos += 1;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_match_the_char_by_char_scanner(text in "[a-zé1-3 ,.'’\\-–é\u{a0}Ω]{0,40}") {
            let d = doc("a.txt", &text);
            let mask = d.mask();
            let got: Vec<(usize, usize)> = d.words(Span::new(0, mask.len())).map(|s| (s.start, s.end)).collect();
            proptest::prop_assert_eq!(got, reference_words(mask));
        }
    }

    #[test]
    fn bom_and_empty_inputs_are_fine() {
        let d = doc("a.txt", "\u{feff}Hello there.");
        assert_eq!(d.sentences.len(), 1);
        assert_eq!(d.sentences[0].span.slice(d.text()), "Hello there.");
        let d = doc("a.txt", "");
        assert!(d.sentences.is_empty());
        let d = doc("a.md", "   \n\n  ");
        assert!(d.sentences.is_empty());
    }
}
