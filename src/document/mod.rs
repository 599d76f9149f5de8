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
        // Compared in place: a lower-cased copy of every path cost an
        // allocation per file.
        let bytes = path.as_bytes();
        let ends_with = |ext: &str| {
            bytes.len() >= ext.len() && bytes[bytes.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
        };
        if ends_with(".md") || ends_with(".markdown") || ends_with(".mdx") {
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
    /// Every sentence's words, in order: read once here, then shared by
    /// every extractor and rule that walks words.
    words: Vec<Span>,
    /// Where each sentence's words start in `words`, plus the end.
    word_starts: Vec<usize>,
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
        let maps = segment::Maps::new(mask_ref);

        let markdown_paragraphs: Vec<(Span, ParagraphKind)> = blocks
            .into_iter()
            .filter_map(|(span, kind)| {
                let (lead, end) = segment::trim_bounds(span.slice(mask_ref))?;
                let span = Span::new(span.start + lead, span.start + end);
                let kind = match kind {
                    BlockKind::Heading => ParagraphKind::Heading,
                    BlockKind::ListItem => ParagraphKind::ListItem,
                    BlockKind::TableCell => ParagraphKind::TableCell,
                    BlockKind::Paragraph => ParagraphKind::Body,
                };
                Some((span, kind))
            })
            .collect();
        // Plain paragraphs are read from the splitter's list as they are
        // walked, not copied into a second list with their kinds.
        let plain_paragraphs = match format {
            Format::Plain => segment::plain_paragraphs(mask_ref, body, &maps),
            Format::Markdown => Vec::new(),
        };
        let plain_kinds = plain_paragraphs.iter().enumerate().map(|(i, &span)| {
            let t = span.slice(mask_ref);
            let kind = if i == 0 && !has_newline(t) && !t.ends_with(['.', '?', '!', '"', '”', ':']) {
                ParagraphKind::Heading
            } else {
                ParagraphKind::Body
            };
            (span, kind)
        });

        let mut spare = Spare::take();
        let mut paragraphs = spare.paragraphs;
        paragraphs.reserve(plain_paragraphs.len() + markdown_paragraphs.len());
        // About one sentence per 120 bytes of news prose.
        let mut sentences = spare.sentences;
        sentences.reserve(mask_ref.len() / 120 + 4);
        let (mut cuts, mut spans) = (std::mem::take(&mut spare.cuts), std::mem::take(&mut spare.spans));
        for (span, mut kind) in plain_kinds.chain(markdown_paragraphs) {
            let t = span.slice(mask_ref);
            // A sign-off is one short line: the length and the line break
            // are tested before the date grammar runs.
            if kind == ParagraphKind::Body
                && metadata::may_be_sign_off(t)
                && !has_newline(t)
                && metadata::is_sign_off(t)
            {
                kind = ParagraphKind::SignOff;
            }
            let first = sentences.len();
            let idx = paragraphs.len();
            if matches!(kind, ParagraphKind::Body | ParagraphKind::ListItem) {
                spans.clear();
                segment::sentences_into(mask_ref, span, lex, &maps, &mut cuts, &mut spans);
                sentences.extend(spans.iter().map(|&s| Sentence {
                    span: s,
                    paragraph: idx,
                }));
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

        // A sentence has at most one word per two bytes, and one more. An
        // article's list is made that large at once and never grows (a
        // growth copies it). News prose has a word per six bytes or so: in
        // a large file the list starts at that estimate, and a denser text
        // grows it by a part of the estimate at a time, never by doubling:
        // on a file of hundreds of megabytes a doubling would briefly hold
        // three times the list.
        let estimate = mask_ref.len() / 6;
        let most_of_all = mask_ref.len() / 2 + sentences.len();
        let mut words = spare.words;
        words.reserve_exact(if mask_ref.len() <= 1 << 20 {
            most_of_all
        } else {
            estimate
        });
        let mut word_starts = spare.word_starts;
        word_starts.reserve(sentences.len() + 1);
        for s in &sentences {
            word_starts.push(words.len());
            let most = s.span.len() / 2 + 1;
            if words.capacity() - words.len() < most {
                words.reserve_exact(most.max(estimate / 4));
            }
            push_mapped_words(mask_ref, &maps, s.span, &mut words);
        }
        word_starts.push(words.len());
        Spare::give_back_scratch(cuts, spans);

        Document {
            source,
            format,
            mask,
            metadata,
            paragraphs,
            sentences,
            words,
            word_starts,
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

    /// The words of sentence `i` (of [`Document::sentences`]).
    pub fn sentence_words(&self, i: usize) -> &[Span] {
        &self.words[self.word_starts[i]..self.word_starts[i + 1]]
    }

    /// The words (runs of letters, digits, apostrophes and inner hyphens or
    /// periods) inside `span` of the mask. A sentence's or a paragraph's
    /// words come from the list read at parse time; any other span is
    /// scanned.
    pub fn words(&self, span: Span) -> Words<'_> {
        match self.cached_words(span) {
            Some(words) => Words::Cached(words.iter()),
            None => Words::scan(self.mask(), span),
        }
    }

    /// The words of `span` from the parse-time list, when `span` is a
    /// sentence, or a paragraph whose sentences are apart (a word can run
    /// across a glued boundary such as `world.Today`, which then has to be
    /// scanned).
    fn cached_words(&self, span: Span) -> Option<&[Span]> {
        let i = self.sentences.partition_point(|s| s.span.start < span.start);
        let first = self.sentences.get(i).filter(|s| s.span.start == span.start)?;
        let last = if first.span.end == span.end {
            i
        } else {
            let para = self.paragraphs.get(first.paragraph).filter(|p| p.span == span)?;
            let range = para.sentences.clone();
            if range.start != i
                || range.is_empty()
                || self.sentences[range.clone()]
                    .windows(2)
                    .any(|w| w[0].span.end >= w[1].span.start)
                || self.sentences[range.end - 1].span.end != span.end
            {
                return None;
            }
            range.end - 1
        };
        Some(&self.words[self.word_starts[i]..self.word_starts[last + 1]])
    }
}

/// The lists of documents dropped on this thread, kept empty for the next
/// document: a folder of articles is parsed one article after another, and
/// making and freeing the same few lists for each was a tenth of the
/// allocator's work. Lists of more than [`Spare::MAX_BYTES`] are let go.
#[derive(Default)]
struct Spare {
    paragraphs: Vec<Paragraph>,
    sentences: Vec<Sentence>,
    words: Vec<Span>,
    word_starts: Vec<usize>,
    cuts: Vec<usize>,
    spans: Vec<Span>,
}

thread_local! {
    static SPARE: std::cell::RefCell<Spare> = std::cell::RefCell::new(Spare::default());
}

impl Spare {
    const MAX_BYTES: usize = 4 << 20;

    /// The spare lists, empty (fresh ones when there are none).
    fn take() -> Spare {
        SPARE
            .try_with(|cell| {
                cell.try_borrow_mut()
                    .map(|mut s| std::mem::take(&mut *s))
                    .unwrap_or_default()
            })
            .unwrap_or_default()
    }

    /// Keeps `list`, emptied, in `slot` unless it is too large.
    fn keep<T>(slot: &mut Vec<T>, mut list: Vec<T>) {
        if list.capacity() * std::mem::size_of::<T>() <= Spare::MAX_BYTES && list.capacity() > slot.capacity() {
            list.clear();
            *slot = list;
        }
    }

    fn give_back_scratch(cuts: Vec<usize>, spans: Vec<Span>) {
        let _ = SPARE.try_with(|cell| {
            if let Ok(mut s) = cell.try_borrow_mut() {
                Spare::keep(&mut s.cuts, cuts);
                Spare::keep(&mut s.spans, spans);
            }
        });
    }
}

impl Drop for Document {
    fn drop(&mut self) {
        let _ = SPARE.try_with(|cell| {
            if let Ok(mut s) = cell.try_borrow_mut() {
                Spare::keep(&mut s.paragraphs, std::mem::take(&mut self.paragraphs));
                Spare::keep(&mut s.sentences, std::mem::take(&mut self.sentences));
                Spare::keep(&mut s.words, std::mem::take(&mut self.words));
                Spare::keep(&mut s.word_starts, std::mem::take(&mut self.word_starts));
            }
        });
    }
}

/// Whether `t` holds a line break (`\n`).
fn has_newline(t: &str) -> bool {
    memchr::memchr(b'\n', t.as_bytes()).is_some()
}

/// Iterator over word spans; see [`Document::words`].
pub enum Words<'a> {
    Cached(std::slice::Iter<'a, Span>),
    Scan(WordScan<'a>),
}

impl<'a> Words<'a> {
    fn scan(text: &'a str, span: Span) -> Words<'a> {
        Words::Scan(WordScan {
            text,
            pos: span.start,
            end: span.end,
        })
    }
}

impl Iterator for Words<'_> {
    type Item = Span;

    #[inline]
    fn next(&mut self) -> Option<Span> {
        match self {
            Words::Cached(it) => it.next().copied(),
            Words::Scan(scan) => scan.next(),
        }
    }
}

/// ASCII letters and digits.
static ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// ASCII bytes that are neither letters nor digits: they never start a word.
static SEPARATOR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !(b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Appends the words of `span` to `out`, exactly as [`WordScan`] yields
/// them: this runs over every sentence of every article. ASCII text (nearly
/// all of it) goes through [`push_ascii_words`].
fn push_words(text: &str, span: Span, out: &mut Vec<Span>) {
    if text.as_bytes()[span.start..span.end].is_ascii() {
        push_ascii_words(text.as_bytes(), span.start, span.end, out);
        return;
    }
    let mut pos = span.start;
    while let Some(w) = next_word(text, pos, span.end) {
        out.push(w);
        pos = w.end;
    }
}

use crate::swar::{HIGH, Sixteen, digits, letters};

/// [`push_words`] from the document's map of word bytes: a sentence's
/// words are the runs of the map inside its span. The map was read over the
/// whole text, so it matches a scan of the span alone when the bytes just
/// outside the span are not letters or digits (nothing inside the span can
/// then join across its edges); glued sentences (`world.Today`) and text
/// that is not ASCII are scanned.
fn push_mapped_words(text: &str, maps: &segment::Maps, span: Span, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let (start, end) = (span.start, span.end);
    let alnum_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    if start >= end || (start > 0 && alnum_at(start - 1)) || alnum_at(end) {
        push_words(text, span, out);
        return;
    }
    let (words, wide) = (maps.words(), maps.wide());
    let first = out.len();
    let (first_block, last_block) = (start / 64, (end - 1) / 64);
    // A word running on from the block before: where it started.
    let mut open: Option<usize> = None;
    for k in first_block..=last_block {
        let mut range = u64::MAX;
        if k == first_block {
            range &= u64::MAX << (start % 64);
        }
        if k == last_block {
            range &= u64::MAX >> (63 - (end - 1) % 64);
        }
        if wide[k] & range != 0 {
            out.truncate(first);
            push_words(text, span, out);
            return;
        }
        let word = words[k] & range;
        let before = word << 1 | u64::from(open.is_some());
        let (mut starts, mut ends) = (word & !before, !word & before);
        let at = 64 * k;
        // Starts and ends alternate: a word open from the block before
        // takes the first end.
        if let Some(s) = open
            && ends != 0
        {
            out.push(Span::new(s, at + ends.trailing_zeros() as usize));
            ends &= ends - 1;
            open = None;
        }
        // A word running into the next block: its start is the last one.
        if word >> 63 == 1 && starts != 0 {
            let last = 63 - starts.leading_zeros();
            open = Some(at + last as usize);
            starts &= !(1 << last);
        }
        // Every other start has its end in the block.
        while starts != 0 {
            out.push(Span::new(
                at + starts.trailing_zeros() as usize,
                at + ends.trailing_zeros() as usize,
            ));
            starts &= starts - 1;
            ends &= ends - 1;
        }
    }
    if let Some(s) = open {
        out.push(Span::new(s, end));
    }
}

/// Per 64 bytes of the text from `at`, up to `end`: bit `i` of each mask
/// tells byte `at + i` is a letter or digit, a digit, one of `'` `-` `.`, a
/// comma. Bytes from `end` on count as none of them. The 64 bytes are read
/// in place while the text lasts, whatever `end`: most sentences end inside
/// their last block, and a copy of each last block cost more than masking.
#[inline(always)]
fn block_masks(text: &[u8], at: usize, end: usize) -> [u64; 4] {
    if at >= end {
        return [0; 4];
    }
    let mut padded = [b' '; 64];
    let chunk: &[u8; 64] = match text.get(at..at + 64) {
        Some(whole) => whole.try_into().expect("64 bytes"),
        None => {
            padded[..end - at].copy_from_slice(&text[at..end]);
            &padded
        }
    };
    let mut m = [0u64; 4];
    for (k, sixteen) in chunk.chunks_exact(16).enumerate() {
        let v = Sixteen::new(sixteen.try_into().expect("sixteen bytes"));
        let digit = v.digits();
        let shift = 16 * k;
        m[0] |= u64::from(v.letters() | digit) << shift;
        m[1] |= u64::from(digit) << shift;
        m[2] |= u64::from(v.equal(b'\'') | v.equal(b'-') | v.equal(b'.')) << shift;
        m[3] |= u64::from(v.equal(b',')) << shift;
    }
    if end - at < 64 {
        let valid = (1u64 << (end - at)) - 1;
        for mask in &mut m {
            *mask &= valid;
        }
    }
    m
}

/// [`push_words`] on the ASCII piece `start..end` of `text`, 64 bytes at a
/// time without a branch per byte: a byte belongs to a word when it is a
/// letter or digit, a joiner (`'` `-` `.`) between a letter or digit and
/// another, or a comma between two digits; the words are the runs of such
/// bytes.
fn push_ascii_words(text: &[u8], start: usize, end: usize, out: &mut Vec<Span>) {
    let mut cur = block_masks(text, start, end);
    // Bit 63 of the previous block's masks: the byte before this block.
    let (mut prev_alnum, mut prev_digit, mut prev_word) = (0u64, 0u64, 0u64);
    let mut word_start = start;
    let mut at = start;
    while at < end {
        let next = block_masks(text, at + 64, end);
        let [alnum, digit, join, comma] = cur;
        let before_alnum = alnum << 1 | prev_alnum;
        let after_alnum = alnum >> 1 | next[0] << 63;
        let before_digit = digit << 1 | prev_digit;
        let after_digit = digit >> 1 | next[1] << 63;
        let word = alnum | (join & before_alnum & after_alnum) | (comma & before_digit & after_digit);
        // Bits where a word starts or ends (the byte after it).
        let mut edges = word ^ (word << 1 | prev_word);
        while edges != 0 {
            let pos = at + edges.trailing_zeros() as usize;
            if word >> (pos - at) & 1 == 1 {
                word_start = pos;
            } else {
                out.push(Span::new(word_start, pos));
            }
            edges &= edges - 1;
        }
        prev_alnum = alnum >> 63;
        prev_digit = digit >> 63;
        prev_word = word >> 63;
        cur = next;
        at += 64;
    }
    if prev_word == 1 {
        out.push(Span::new(word_start, end));
    }
}

/// The first word at or after `pos` that ends by `limit`: a run of letters
/// and digits, joined by an apostrophe, hyphen or period before another
/// letter or digit, or by a comma between digits (`130,000`). Byte-wise,
/// decoding a char only where the byte is not ASCII.
#[inline(always)]
fn next_word(text: &str, pos: usize, limit: usize) -> Option<Span> {
    let bytes = &text.as_bytes()[..limit];
    let char_at = |p: usize| text[p..limit].chars().next();
    let mut i = pos;
    loop {
        let b = *bytes.get(i)?;
        if SEPARATOR[usize::from(b)] {
            i += 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        let c = char_at(i)?;
        if c.is_alphanumeric() {
            break;
        }
        i += c.len_utf8();
    }
    let start = i;
    let mut end = i;
    loop {
        end = alnum_run_end(bytes, end);
        let Some(&b) = bytes.get(end) else { break };
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            let Some(c) = char_at(end) else { break };
            if c.is_alphanumeric() {
                end += c.len_utf8();
                continue;
            }
            (c, c.len_utf8())
        };
        let inner = match c {
            '\'' | '’' | '-' | '.' => end + len < limit && char_at(end + len).is_some_and(char::is_alphanumeric),
            ',' => bytes[end - 1].is_ascii_digit() && bytes.get(end + 1).is_some_and(u8::is_ascii_digit),
            _ => false,
        };
        if !inner {
            break;
        }
        end += len;
    }
    Some(Span::new(start, end))
}

/// The end of the run of ASCII letters and digits starting at `at`: eight
/// bytes at a time while they last, then byte by byte.
#[inline]
fn alnum_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let other = !(digits(x) | letters(x)) & HIGH;
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && ALNUM[usize::from(bytes[at])] {
        at += 1;
    }
    at
}

/// The word scanner behind [`Words`].
pub struct WordScan<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

impl Iterator for WordScan<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let w = next_word(self.text, self.pos, self.end)?;
        self.pos = w.end;
        Some(w)
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
    fn a_document_parsed_after_others_on_the_thread_is_parsed_alike() {
        // Each document's lists come from the one dropped before it: a long
        // one first, then shorter ones, must not leave anything behind.
        let long = "Mr. Okafor said the plan was sound. It was not.\n\n".repeat(200);
        let texts = [
            long.as_str(),
            "One line only.",
            "",
            "Heading\n\nA body. Two sentences here.\n",
            &long[..300],
        ];
        let summary = |d: &Document| {
            let words: Vec<Vec<Span>> = (0..d.sentences.len()).map(|i| d.sentence_words(i).to_vec()).collect();
            let paragraphs: Vec<(Span, ParagraphKind)> = d.paragraphs.iter().map(|p| (p.span, p.kind)).collect();
            (
                paragraphs,
                d.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
                words,
            )
        };
        let fresh: Vec<_> = texts
            .iter()
            .map(|&t| {
                let t = t.to_string();
                std::thread::spawn(move || summary(&doc("a.txt", &t)))
                    .join()
                    .expect("no panic")
            })
            .collect();
        let mut kept = Vec::new();
        for t in texts {
            kept.push(doc("a.txt", t));
        }
        drop(kept);
        for (t, want) in texts.iter().zip(&fresh) {
            assert_eq!(&summary(&doc("a.txt", t)), want, "{t:.40}");
        }
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

    /// The byte-by-byte word loop, for comparing the block scan with.
    fn scalar_words(text: &str, span: Span) -> Vec<Span> {
        let mut out = Vec::new();
        let mut pos = span.start;
        while let Some(w) = next_word(text, pos, span.end) {
            out.push(w);
            pos = w.end;
        }
        out
    }

    proptest::proptest! {
        /// The 64-byte block scan finds the words the byte loop finds, in
        /// any part of any ASCII text, across block edges.
        #[test]
        fn block_scan_matches_the_byte_loop(
            text in r"([a-zA-Z]{1,9}|[0-9]{1,4}|[ .,'\-!\n\t\x00-\x1f\x7f]){0,120}",
            cut in 0usize..8,
        ) {
            let start = cut.min(text.len());
            let span = Span::new(start, text.len() - cut.min(text.len() - start));
            let mut got = Vec::new();
            push_ascii_words(text.as_bytes(), span.start, span.end, &mut got);
            proptest::prop_assert_eq!(got, scalar_words(&text, span));
        }
    }

    #[test]
    fn block_scan_handles_words_on_block_edges() {
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 200] {
            for glue in ["a", ".", ",", "'", "1", " "] {
                let text = format!("{}{glue}{}", "x".repeat(len), "1,5".repeat(3));
                let span = Span::new(0, text.len());
                let mut got = Vec::new();
                push_ascii_words(text.as_bytes(), 0, text.len(), &mut got);
                assert_eq!(got, scalar_words(&text, span), "{len} {glue:?}");
            }
        }
    }

    proptest::proptest! {
        /// The words read from the document's map are the words a scan of
        /// the span finds, for any span: glued edges, blocks of 64 bytes
        /// and text that is not ASCII included.
        #[test]
        fn mapped_words_match_a_scan(
            text in r"([a-zA-Z]{1,9}|[0-9]{1,4}|[ .,'\-!\n]|é|’){0,160}",
            a in 0usize..400,
            b in 0usize..400,
            widen in proptest::bool::ANY,
        ) {
            let maps = segment::Maps::new(&text);
            let floor = |mut p: usize| {
                p = p.min(text.len());
                while !text.is_char_boundary(p) {
                    p -= 1;
                }
                p
            };
            let mut span = Span::new(floor(a.min(b)), floor(a.max(b)));
            // Most sentences have no letter or digit just outside them.
            let alnum = |i: usize| text.as_bytes().get(i).is_some_and(u8::is_ascii_alphanumeric);
            while widen && span.start > 0 && alnum(span.start - 1) {
                span.start -= 1;
            }
            while widen && alnum(span.end) {
                span.end += 1;
            }
            let mut got = Vec::new();
            push_mapped_words(&text, &maps, span, &mut got);
            proptest::prop_assert_eq!(got, scalar_words(&text, span));
        }
    }

    #[test]
    fn mapped_words_cross_block_edges() {
        for len in [0, 1, 62, 63, 64, 65, 127, 128, 129, 200] {
            for glue in ["a", ".", ",", "'", "1", " "] {
                let text = format!(" {}{glue}{} x", "x".repeat(len), "1,5".repeat(3));
                let maps = segment::Maps::new(&text);
                for span in [
                    Span::new(1, text.len() - 2),
                    Span::new(1, text.len()),
                    Span::new(0, 64.min(text.len())),
                ] {
                    let mut got = Vec::new();
                    push_mapped_words(&text, &maps, span, &mut got);
                    assert_eq!(got, scalar_words(&text, span), "{len} {glue:?} {span:?}");
                }
            }
        }
    }

    #[test]
    fn format_follows_the_extension_in_any_case() {
        assert_eq!(Format::from_path("a/b.md"), Format::Markdown);
        assert_eq!(Format::from_path("NOTES.MarkDown"), Format::Markdown);
        assert_eq!(Format::from_path("x.MDX"), Format::Markdown);
        assert_eq!(Format::from_path("x.txt"), Format::Plain);
        assert_eq!(Format::from_path("md"), Format::Plain);
        assert_eq!(Format::from_path("é.md"), Format::Markdown);
        assert_eq!(Format::from_path("x.mdé"), Format::Plain);
    }

    #[test]
    fn alnum_runs_end_at_the_first_other_byte() {
        for b in 0..=255u8 {
            for pos in 0..12 {
                let mut bytes = vec![b'a'; 12];
                bytes[pos] = b;
                let want = if b.is_ascii_alphanumeric() { 12 } else { pos };
                assert_eq!(alnum_run_end(&bytes, 0), want, "byte {b:#04x} at {pos}");
            }
        }
        assert_eq!(alnum_run_end(b"Zz09 x", 0), 4);
        assert_eq!(alnum_run_end(b"abc", 3), 3);
    }

    proptest::proptest! {
        /// The parse-time word list gives a sentence's or a paragraph's
        /// words exactly as scanning them would, glued boundaries included.
        #[test]
        fn cached_words_match_a_scan(text in "([A-Za-z]{1,6}|[ .,'\n]|\n\n|[0-9]{1,3}|U\\.S\\.|Mr\\.){0,40}") {
            let d = doc("a.txt", &text);
            let spans = d.sentences.iter().map(|s| s.span).chain(d.paragraphs.iter().map(|p| p.span));
            for span in spans {
                let cached: Vec<Span> = d.words(span).collect();
                let scanned: Vec<Span> = Words::scan(d.mask(), span).collect();
                proptest::prop_assert_eq!(cached, scanned, "span {:?}", span);
            }
        }
    }

    #[test]
    fn a_glued_boundary_is_scanned_not_cached() {
        let d = doc("a.txt", "Hello world.Today is Tuesday.");
        assert_eq!(d.sentences.len(), 2);
        let para: Vec<&str> = d.words(d.paragraphs[0].span).map(|s| s.slice(d.text())).collect();
        assert_eq!(para, ["Hello", "world.Today", "is", "Tuesday"]);
        let first: Vec<&str> = d.words(d.sentences[0].span).map(|s| s.slice(d.text())).collect();
        assert_eq!(first, ["Hello", "world"]);
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
