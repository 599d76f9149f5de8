//! Quotations: pairing quotation marks across a document, the
//! multi-paragraph convention, and the speaker where attributed.
//!
//! Pairing is a stateful pass in plain Rust over each paragraph's marks;
//! attribution patterns (`X said`, `said X`, `according to X`) are local.

use super::name::SpeechVerbs;
use super::with_lowercase;
use crate::config::Lexicons;
use crate::document::{Document, ParagraphKind, Sentence};
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
    /// `'` or `’`: only ever as the closing mark of a double quotation, as
    /// in wire copy that writes `the "final phase' of talks`.
    Single,
}

/// One quotation mark with its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteMark {
    pub span: Span,
    pub style: MarkStyle,
    /// The character itself: `“`, `”`, `"`, `«` or `»`.
    pub glyph: char,
}

impl QuoteMark {
    /// Whether the glyph is a closing form (`”`, `»`); straight marks are
    /// neither.
    pub fn is_closing_glyph(&self) -> bool {
        matches!(self.glyph, '”' | '»')
    }

    /// Whether the glyph is an opening form (`“`, `«`).
    pub fn is_opening_glyph(&self) -> bool {
        matches!(self.glyph, '“' | '«')
    }
}

/// A quotation: from its opening mark to its closing mark, possibly across
/// paragraphs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuoteFact {
    pub open: QuoteMark,
    /// `None` when the quotation is never closed.
    pub close: Option<QuoteMark>,
    /// The marks that reopen the quotation in later paragraphs (the
    /// multi-paragraph convention), or after a full stop inside one line
    /// where paragraphs were run together (`... results. "As part of`).
    pub reopenings: Vec<QuoteMark>,
    /// Everything from the opening mark to the closing mark (or to the end
    /// of the paragraph where it was left open).
    pub span: Span,
    /// The quoted words, between the marks.
    pub inner: Span,
    /// The speaker's name, where attributed. For a quotation attributed to
    /// a pronoun (`she said`) or continuing an attributed one (`"We are
    /// close," she said. "But not there."`), the name it refers back to.
    pub speaker: Option<Span>,
    /// The words that attribute it when they are not the name itself: the
    /// pronoun (`she`), or `None`.
    pub via: Option<Span>,
}

/// The char ending at byte `i` of `text` (a char boundary), read from one
/// byte when it is ASCII.
#[inline(always)]
fn char_before(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).map(|j| text.as_bytes()[j]) {
        None => None,
        Some(b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[..i].chars().next_back(),
    }
}

/// The char starting at byte `i` of `text` (a char boundary), read from one
/// byte when it is ASCII.
#[inline(always)]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        None => None,
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
    }
}

/// Whether a mark at `i` reads as opening: at the start, or after space or an
/// opening bracket or dash.
fn opens_here(text: &str, i: usize) -> bool {
    let prev = char_before(text, i);
    let len = char_at(text, i).map_or(1, char::len_utf8);
    let next = char_at(text, i + len);
    let prev_ok = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':'));
    let next_ok = next.is_some_and(|n| !n.is_whitespace());
    prev_ok && next_ok
}

/// Whether a mark at `i` reads as closing: after a non-space and before
/// space, punctuation or the end.
fn closes_here(text: &str, i: usize) -> bool {
    let prev = char_before(text, i);
    let len = char_at(text, i).map_or(1, char::len_utf8);
    let next = char_at(text, i + len);
    prev.is_some_and(|p| !p.is_whitespace())
        && next.is_none_or(|n| {
            n.is_whitespace()
                || matches!(
                    n,
                    ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–' | '-' | '\'' | '’'
                )
        })
}

/// A mark with space (or the paragraph's edge) on both sides: `world. "
/// England's`.
fn loose(text: &str, i: usize, len: usize) -> bool {
    let prev = char_before(text, i);
    let next = char_at(text, i + len);
    prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace)
}

/// A straight double mark between letters is an apostrophe in some wire
/// copy (`the country"s 12-bank consortium`), not a quotation mark.
fn is_apostrophe(text: &str, i: usize) -> bool {
    let prev = char_before(text, i);
    let next = char_at(text, i + 1);
    prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
}

/// Whether an opening-looking mark at `i` follows a finished sentence and a
/// space: inside an open quotation this reopens it, as when the paragraphs
/// of a long quotation were run together on one line.
fn after_sentence_end(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let trimmed = before.trim_end();
    trimmed.len() < before.len() && trimmed.ends_with(['.', '?', '!'])
}

/// The quotation mark that `bytes` start with, if any: `"`, `“`, `”`, `«`
/// or `»`.
#[inline(always)]
fn mark_char(bytes: &[u8]) -> Option<char> {
    match bytes {
        [b'"', ..] => Some('"'),
        [0xe2, 0x80, 0x9c, ..] => Some('“'),
        [0xe2, 0x80, 0x9d, ..] => Some('”'),
        [0xc2, 0xab, ..] => Some('«'),
        [0xc2, 0xbb, ..] => Some('»'),
        _ => None,
    }
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
            glyph: c,
        }),
        _ => None,
    }
}

fn new_quote(mark: QuoteMark, para_end: usize) -> QuoteFact {
    QuoteFact {
        open: mark,
        close: None,
        reopenings: Vec::new(),
        span: Span::new(mark.span.start, para_end),
        inner: Span::new(mark.span.end, para_end),
        speaker: None,
        via: None,
    }
}

/// The bytes a quotation mark can start with (`"`, and the first bytes of
/// `“`, `”`, `«`, `»`), found in the whole text rather than paragraph by
/// paragraph: most paragraphs have none, and a search that starts costs
/// more than the bytes it reads. The first one at or after the last place
/// searched from is kept, and serves every later paragraph before it.
struct Leads<'t> {
    bytes: &'t [u8],
    /// Where the kept search started.
    from: usize,
    /// The first lead byte at or after `from`, if any.
    next: Option<usize>,
}

impl<'t> Leads<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Leads {
            bytes,
            from: usize::MAX,
            next: None,
        }
    }

    /// The first lead byte in `from..end`.
    #[inline]
    fn first(&mut self, from: usize, end: usize) -> Option<usize> {
        if from < self.from {
            // Before the kept search (the first search, or paragraphs out of
            // order): searched within the paragraph only, which keeps the
            // whole pass linear.
            if self.from != usize::MAX {
                return memchr::memchr3(b'"', 0xc2, 0xe2, &self.bytes[from..end]).map(|r| from + r);
            }
        } else if self.next.is_none_or(|n| n >= from) {
            return self.next.filter(|&n| n < end);
        }
        self.from = from;
        self.next = memchr::memchr3(b'"', 0xc2, 0xe2, &self.bytes[from..]).map(|r| from + r);
        self.next.filter(|&n| n < end)
    }
}

/// Pairs double quotation marks paragraph by paragraph. Returns the
/// quotations and the closing marks that closed nothing.
pub(crate) fn extract(doc: &Document, lex: &Lexicons) -> (Vec<QuoteFact>, Vec<QuoteMark>) {
    let text = doc.mask();
    let mut quotes = Vec::new();
    let mut strays = Vec::new();
    let mut open: Option<QuoteFact> = None;
    let mut leads = Leads::new(text.as_bytes());
    for p in doc.paragraphs.iter().filter(|p| p.kind != ParagraphKind::TableCell) {
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
        let bytes = body.as_bytes();
        let mut next = 0;
        // Every mark starts with `"` or with the first byte of `“`, `”`
        // (0xE2) or `«`, `»` (0xC2): jump from one such byte to the next.
        while let Some(found) = leads.first(p.span.start + next, p.span.end) {
            let off = found - p.span.start;
            // The mark is told from its bytes; another char with the same
            // lead byte (`’`, `—`, `£`) is passed over a byte at a time (no
            // byte inside a char is one of those searched).
            let Some(c) = mark_char(&bytes[off..]) else {
                next = off + 1;
                continue;
            };
            next = off + c.len_utf8();
            let at = p.span.start + off;
            if skip_first && off == 0 {
                continue;
            }
            let Some((style, dir)) = mark_at(c) else { continue };
            if style == MarkStyle::Straight && is_apostrophe(text, at) {
                continue;
            }
            let mark = QuoteMark {
                span: Span::new(at, at + c.len_utf8()),
                style,
                glyph: c,
            };
            let opens = opens_here(text, at);
            let closes = closes_here(text, at);
            enum Act {
                Open,
                Close,
                Reopen,
                Stray,
                Ignore,
            }
            let act = match (dir, open.is_some()) {
                (Some(true), true) if closes && !opens => Act::Close,
                (Some(true), true) if after_sentence_end(text, at) => Act::Reopen,
                (Some(true), _) => Act::Open,
                (Some(false), true) => Act::Close,
                (Some(false), false) if opens && !closes => Act::Open,
                (Some(false), false) => Act::Stray,
                (None, true) if opens && !closes && after_sentence_end(text, at) => Act::Reopen,
                (None, true) => Act::Close,
                (None, false) if opens => Act::Open,
                (None, false) if loose(text, at, c.len_utf8()) => Act::Ignore,
                (None, false) if closes => Act::Stray,
                (None, false) => Act::Open,
            };
            match act {
                Act::Open => {
                    if let Some(q) = open.take() {
                        // An opening mark inside an open quote: the first was
                        // never closed.
                        quotes.push(q);
                    }
                    open = Some(new_quote(mark, p.span.end));
                }
                Act::Close => {
                    if let Some(mut q) = open.take() {
                        q.close = Some(mark);
                        q.span = Span::new(q.open.span.start, mark.span.end);
                        q.inner = Span::new(q.open.span.end, at);
                        quotes.push(q);
                    }
                }
                Act::Reopen => {
                    if let Some(q) = open.as_mut() {
                        q.reopenings.push(mark);
                    }
                }
                Act::Stray => strays.push(mark),
                Act::Ignore => {}
            }
        }
        if let Some(q) = open.as_mut() {
            q.span.end = p.span.end;
            q.inner.end = p.span.end;
        }
        // A straight double quotation still open at the paragraph's end may
        // have been closed with a single mark (`"final phase' of`).
        if let Some(m) = open.as_ref().and_then(|q| single_close(text, q, p.span.end)) {
            let mut q = open.take().expect("checked by and_then");
            q.close = Some(m);
            q.span = Span::new(q.open.span.start, m.span.end);
            q.inner = Span::new(
                q.reopenings.last().unwrap_or(&q.open).span.end.min(m.span.start),
                m.span.start,
            );
            q.inner.start = q.open.span.end.min(q.inner.start);
            quotes.push(q);
        }
    }
    if let Some(q) = open.take() {
        quotes.push(q);
    }
    quotes.sort_by_key(|q| q.open.span.start);
    attribute(doc, &mut quotes, lex);
    (quotes, strays)
}

/// A single mark closing the open straight quotation `q` in its last
/// paragraph (ending at `end`): after a non-space that is not the `s` of a
/// plural possessive (`the workers' union`), before space or punctuation,
/// with no single opening mark before it inside the quotation.
fn single_close(text: &str, q: &QuoteFact, end: usize) -> Option<QuoteMark> {
    if q.open.style != MarkStyle::Straight {
        return None;
    }
    let from = q.reopenings.last().unwrap_or(&q.open).span.end;
    let inner = text.get(from..end)?;
    for (off, c) in inner.char_indices() {
        if c != '\'' && c != '’' {
            continue;
        }
        let at = from + off;
        let prev = text[..at].chars().next_back();
        if prev.is_some_and(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{')) {
            // A single opening mark: a nested quotation, not a closing.
            return None;
        }
        if closes_here(text, at) && prev.is_some_and(|p| p != 's' && p != 'S') {
            return Some(QuoteMark {
                span: Span::new(at, at + c.len_utf8()),
                style: MarkStyle::Single,
                glyph: c,
            });
        }
    }
    None
}

const PRONOUNS: &[&str] = &["he", "she"];

/// Whether `w` lower-cases to one of [`PRONOUNS`]. Compared ASCII
/// case-insensitively: the one char that lower-cases to an ASCII letter
/// from outside ASCII, the Kelvin sign, gives a `k`, which neither has.
fn is_pronoun(w: &str) -> bool {
    PRONOUNS.iter().any(|p| w.eq_ignore_ascii_case(p))
}

/// Whether `w` is `according` in any case (no `k` either).
fn is_according(w: &str) -> bool {
    w.eq_ignore_ascii_case("according")
}

/// Words that start a capitalized run without being part of a name: a
/// sentence starter, a word ending in `day`, `but` or `and` (lower-cased).
/// Asked through the table's starter answer (a sentence starter or a word
/// ending in `day` or `ly`): no char outside ASCII lower-cases to an ASCII
/// letter but `k`, so the endings and `but`, `and` are compared on bytes.
fn is_name_noise(text: &str, w: Span, lex: &Lexicons, verbs: &mut SpeechVerbs<'_>) -> bool {
    let word = w.slice(text);
    if !verbs.starts_sentences(text, w) {
        return word.eq_ignore_ascii_case("but") || word.eq_ignore_ascii_case("and");
    }
    let ends_ly = word.len() >= 2 && word.as_bytes()[word.len() - 2..].eq_ignore_ascii_case(b"ly");
    // A starter or a `day` word, unless only its `ly` made it a starter.
    !ends_ly
        || with_lowercase(word, |lower| {
            lex.contains("sentence-starters", lower) || lower.ends_with("day") || matches!(lower, "but" | "and")
        })
}

/// A capitalized name of one to four words ending at `end` (exclusive).
fn name_before(text: &str, end: usize, lex: &Lexicons, verbs: &mut SpeechVerbs<'_>) -> Option<Span> {
    // The words from the last back.
    let mut words = [Span::default(); 4];
    let mut n = 0;
    let mut cursor = end;
    for _ in 0..4 {
        let before = text[..cursor].trim_end_matches(' ');
        let e = before.len();
        let s = before
            .rfind(|c: char| !(c.is_alphabetic() || c == '.' || c == '-' || c == '\'' || c == '’'))
            .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
        if s >= e || !before[s..].starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        words[n] = Span::new(s, e);
        n += 1;
        cursor = s;
    }
    while n > 0 && is_name_noise(text, words[n - 1], lex, verbs) {
        n -= 1;
    }
    let first = words[..n].last()?;
    let last = words[..n].first()?;
    Some(Span::new(first.start, last.end))
}

/// A capitalized name of one to four words starting at `start`.
fn name_after(text: &str, start: usize, lex: &Lexicons, verbs: &mut SpeechVerbs<'_>) -> Option<Span> {
    let rest = &text[start..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\n']).len();
    let mut all = [Span::default(); 4];
    let mut n = 0;
    let mut e = start + lead;
    for _ in 0..4 {
        let r = &text[e..];
        let r2 = r.trim_start_matches(' ');
        let ws = e + (r.len() - r2.len());
        if !r2.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let len = r2
            .find(|c: char| !(c.is_alphabetic() || c == '.' || c == '-' || c == '\'' || c == '’'))
            .unwrap_or(r2.len());
        all[n] = Span::new(ws, ws + len);
        n += 1;
        e = ws + len;
    }
    let mut words = &all[..n];
    while let Some((&w, rest)) = words.split_first()
        && is_name_noise(text, w, lex, verbs)
    {
        words = rest;
    }
    let mut last = *words.last()?;
    let first = words[0];
    // A full stop after a word of two or more letters ends the sentence; after
    // one letter it marks an initial.
    if last.slice(text).ends_with('.')
        && last.slice(text).chars().count() > 2
        && !with_lowercase(&last.slice(text)[..last.len() - 1], |l| lex.contains("titles", l))
    {
        last.end -= 1;
    }
    (last.end > first.start).then(|| Span::new(first.start, last.end))
}

/// From a capitalized run followed by a few lower-case words and another
/// capitalized run, the later run: `IMF chief economist Maury Obstfeld`
/// gives `Maury Obstfeld`, the person the title describes.
fn extend_to_person(text: &str, name: Span, lex: &Lexicons, verbs: &mut SpeechVerbs<'_>) -> Span {
    let rest = &text[name.end..];
    let mut pos = 0;
    let mut lower_words = 0;
    loop {
        let r = &rest[pos..];
        let r2 = r.trim_start_matches(' ');
        if r2.len() == r.len() && pos > 0 || r2.is_empty() {
            return name;
        }
        let ws = pos + (r.len() - r2.len());
        if r2.starts_with(char::is_uppercase) {
            if lower_words == 0 {
                return name;
            }
            return name_after(text, name.end + ws, lex, verbs).unwrap_or(name);
        }
        if !r2.starts_with(char::is_lowercase) || lower_words == 3 {
            return name;
        }
        let len = r2.find(|c: char| !(c.is_alphabetic() || c == '-')).unwrap_or(r2.len());
        if verbs.is(text, Span::new(name.end + ws, name.end + ws + len)) {
            return name;
        }
        lower_words += 1;
        pos = ws + len;
    }
}

/// Who a quotation is attributed to, found in the text around it.
#[derive(Clone, Copy, Debug)]
enum Attr {
    Name(Span),
    Pronoun(Span),
}

/// The word starting at `start` (a run of alphanumerics, `-` and `'`),
/// read a byte at a time while the text is ASCII.
fn word_at(text: &str, start: usize) -> Span {
    let bytes = text.as_bytes();
    let mut e = start;
    while let Some(&b) = bytes.get(e) {
        match WORD_BYTES[usize::from(b)] {
            WORD => e += 1,
            WIDE => match text[e..].chars().next() {
                Some(c) if c.is_alphanumeric() => e += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    Span::new(start, e)
}

fn skip_spaces(text: &str, from: usize, limit: usize) -> usize {
    let r = &text[from..limit];
    from + (r.len() - r.trim_start_matches([' ', '\n', ',', '\r']).len())
}

#[inline(always)]
fn is_verb(text: &str, w: Span, verbs: &mut SpeechVerbs<'_>) -> bool {
    verbs.is(text, w)
}

/// `said X`, `X said`, `X, the minister, said`, `she said`, `said she`,
/// `according to X`, anchored at the start of `from..limit`.
fn attribution_at(text: &str, from: usize, limit: usize, lex: &Lexicons, verbs: &mut SpeechVerbs<'_>) -> Option<Attr> {
    let bounded = &text[..limit];
    let s = skip_spaces(text, from, limit);
    if s >= limit {
        return None;
    }
    let w1 = word_at(bounded, s);
    let (w1_pronoun, w1_according) = (is_pronoun(w1.slice(text)), is_according(w1.slice(text)));
    if is_verb(text, w1, verbs) {
        let s2 = skip_spaces(text, w1.end, limit);
        let w2 = word_at(bounded, s2);
        if is_pronoun(w2.slice(text)) {
            return Some(Attr::Pronoun(w2));
        }
        return name_after(bounded, w1.end, lex, verbs).map(|n| Attr::Name(extend_to_person(bounded, n, lex, verbs)));
    }
    if w1_pronoun {
        let s2 = skip_spaces(text, w1.end, limit);
        let w2 = word_at(bounded, s2);
        return is_verb(text, w2, verbs).then_some(Attr::Pronoun(w1));
    }
    if w1_according {
        let s2 = skip_spaces(text, w1.end, limit);
        let w2 = word_at(bounded, s2);
        if w2.slice(text) == "to" {
            return name_after(bounded, w2.end, lex, verbs).map(Attr::Name);
        }
        return None;
    }
    let name = name_after(bounded, s, lex, verbs)?;
    let name = extend_to_person(bounded, name, lex, verbs);
    let after = skip_spaces(text, name.end, limit);
    let verb = word_at(bounded, after);
    if is_verb(text, verb, verbs) {
        return Some(Attr::Name(name));
    }
    // `X, the party's leader, said`: a short appositive between commas.
    if text[name.end..].starts_with(',') {
        let rest = &bounded[name.end + 1..];
        if let Some(c) = rest
            .find(',')
            .filter(|&c| c < 80 && !rest[..c].contains(['"', '“', '”']))
        {
            let v = skip_spaces(text, name.end + 1 + c + 1, limit);
            if is_verb(text, word_at(bounded, v), verbs) {
                return Some(Attr::Name(name));
            }
        }
    }
    None
}

/// The attribution before an opening mark in its sentence: `X said: "`,
/// `X told reporters "`, `X: "`, `according to X, "`, and a partial quote
/// after `X said the agreement "will ...`.
/// `sentence` is the sentence at the opening mark.
fn attribution_before(
    text: &str,
    q: &QuoteFact,
    sentence: Option<&Sentence>,
    lex: &Lexicons,
    verbs: &mut SpeechVerbs<'_>,
) -> Option<Attr> {
    let open = q.open.span.start;
    let sentence = sentence?;
    // Attributions sit close to the quotation: look at most a few hundred
    // bytes back, which keeps the pass linear on run-on paragraphs.
    let mut lead_start = sentence.span.start.max(open.saturating_sub(400));
    while !text.is_char_boundary(lead_start) {
        lead_start += 1;
    }
    let before = text[lead_start..open].trim_end_matches([' ', '\n']);
    if before.is_empty() {
        return None;
    }
    let before_end = lead_start + before.len();
    // `X: "`
    if before.ends_with(':') {
        let head = before.trim_end_matches(':').trim_end();
        let head_end = lead_start + head.len();
        let last = word_at(text, head[..].rfind(' ').map_or(lead_start, |p| lead_start + p + 1));
        if !is_verb(text, last, verbs)
            && let Some(n) = name_before(text, head_end, lex, verbs)
            && n.end == head_end
        {
            return Some(Attr::Name(n));
        }
    }
    // The last speech verb in the lead, with a name or pronoun before it.
    // The lead's words (runs of alphanumerics, `-` and `'`) are read
    // backwards from the mark, each with the one before it; only the last
    // twelve are looked at.
    let mut after: Option<Span> = None;
    let mut word = word_before(text, lead_start, before_end);
    for _ in 0..12 {
        let Some(w) = word else { break };
        let before = word_before(text, lead_start, w.start);
        if is_according(w.slice(text)) && after.is_some_and(|t| t.slice(text) == "to") {
            return after.and_then(|t| name_after(&text[..before_end], t.end, lex, verbs).map(Attr::Name));
        }
        if !is_verb(text, w, verbs) {
            after = Some(w);
            word = before;
            continue;
        }
        if let Some(b) = before.filter(|b| is_pronoun(b.slice(text))) {
            return Some(Attr::Pronoun(b));
        }
        let gap = text[..w.start].trim_end_matches(' ');
        if gap.ends_with(char::is_alphabetic) {
            if let Some(n) = name_before(text, gap.len(), lex, verbs) {
                return Some(Attr::Name(n));
            }
        } else if gap.ends_with(',') {
            // `X, the minister, said`.
            let inner = gap.trim_end_matches(',');
            if let Some(c) = inner.rfind(',').filter(|&c| c >= lead_start && inner.len() - c < 80)
                && let Some(n) = name_before(text, c, lex, verbs)
            {
                return Some(Attr::Name(n));
            }
        }
        // `said X "` with the name after the verb.
        return name_after(&text[..before_end], w.end, lex, verbs).map(Attr::Name);
    }
    None
}

/// What [`word_before`] needs to know of a byte: part of a word (an ASCII
/// letter or digit, `-` or `'`), or a byte of a char outside ASCII.
const WORD: u8 = 1;
const WIDE: u8 = 2;
const WORD_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c >= 0x80 {
            WIDE
        } else if c.is_ascii_alphanumeric() || c == b'-' || c == b'\'' {
            WORD
        } else {
            0
        };
        i += 1;
    }
    t
};

/// Whether the char ending at byte `i` of `text` (outside ASCII) is
/// alphanumeric, and where it starts.
#[cold]
fn wide_char_before(text: &str, i: usize) -> (bool, usize) {
    match text[..i].chars().next_back() {
        Some(c) => (c.is_alphanumeric(), i - c.len_utf8()),
        None => (false, i - 1),
    }
}

/// The last word of `text[lo..end]` (a run of alphanumerics, `-` and `'`),
/// read backwards from `end` a byte at a time while the text is ASCII.
fn word_before(text: &str, lo: usize, end: usize) -> Option<Span> {
    let bytes = text.as_bytes();
    // Back over what is not a word.
    let mut e = end;
    loop {
        while e > lo && WORD_BYTES[usize::from(bytes[e - 1])] == 0 {
            e -= 1;
        }
        if e <= lo {
            return None;
        }
        if WORD_BYTES[usize::from(bytes[e - 1])] == WORD {
            break;
        }
        let (word, start) = wide_char_before(text, e);
        if word {
            break;
        }
        e = start;
    }
    // Back over the word.
    let mut s = e;
    loop {
        while s > lo && WORD_BYTES[usize::from(bytes[s - 1])] == WORD {
            s -= 1;
        }
        if s <= lo || WORD_BYTES[usize::from(bytes[s - 1])] != WIDE {
            break;
        }
        let (word, start) = wide_char_before(text, s);
        if !word {
            break;
        }
        s = start;
    }
    Some(Span::new(s, e))
}

/// Whether a piece of `text[from..to]` between chars that are not
/// alphabetic, as `str::split` cuts it, is a speech verb. The pieces are
/// read on bytes while the text is ASCII; most are empty (between a comma
/// and a space), and the empty word is asked once, through `empty_is_verb`.
fn piece_is_verb(
    text: &str,
    from: usize,
    to: usize,
    verbs: &mut SpeechVerbs<'_>,
    empty_is_verb: &mut Option<bool>,
) -> bool {
    let bytes = text.as_bytes();
    let mut empty = false;
    let mut piece = |start: usize, end: usize, verbs: &mut SpeechVerbs<'_>| {
        if start == end {
            empty = true;
            false
        } else {
            verbs.is(text, Span::new(start, end))
        }
    };
    let (mut start, mut i) = (from, from);
    while i < to {
        let (letter, len) = match bytes[i] {
            b if b < 0x80 => (b.is_ascii_alphabetic(), 1),
            _ => {
                let c = text[i..].chars().next().expect("a char starts here");
                (c.is_alphabetic(), c.len_utf8())
            }
        };
        if !letter {
            if piece(start, i, verbs) {
                return true;
            }
            start = i + len;
        }
        i += len;
    }
    if piece(start, to, verbs) {
        return true;
    }
    empty && *empty_is_verb.get_or_insert_with(|| verbs.is(text, Span::new(to, to)))
}

/// Fills in every quotation's speaker: the attribution after its closing
/// mark, else before its opening mark; pronouns resolve to the last named
/// speaker; an unattributed quotation continues the previous one when only
/// an attribution stands between them (`"We are close," she said. "But
/// not there."`) or when its paragraph opens with it right after an
/// attributed quotation.
fn attribute(doc: &Document, quotes: &mut [QuoteFact], lex: &Lexicons) {
    let text = doc.mask();
    if quotes.is_empty() {
        return;
    }
    let mut verbs = SpeechVerbs::new(lex);
    let mut empty_is_verb = None;
    let mut last_named: Option<Span> = None;
    // The sentences at the last offsets asked: a quotation's closing mark
    // is asked again as the next one's previous closing mark, and its
    // opening mark twice.
    let mut recent: [(usize, Option<&Sentence>); 4] = [(usize::MAX, None); 4];
    let mut sentence_at = |offset: usize| {
        if let Some(&(_, s)) = recent.iter().find(|(o, _)| *o == offset) {
            return s;
        }
        let s = doc.sentence_at(offset);
        recent.rotate_right(1);
        recent[0] = (offset, s);
        s
    };
    for i in 0..quotes.len() {
        let q = &quotes[i];
        let mut attr = None;
        if let Some(close) = q.close {
            let limit = sentence_at(close.span.start).map_or(text.len(), |s| s.span.end.max(close.span.end));
            // Only when the sentence goes on after the quotation.
            if close.span.end < limit {
                attr = attribution_at(text, close.span.end, limit, lex, &mut verbs);
            }
        }
        if attr.is_none() {
            attr = attribution_before(text, q, sentence_at(q.open.span.start), lex, &mut verbs);
        }
        let (speaker, via) = match attr {
            Some(Attr::Name(n)) => {
                last_named = Some(n);
                (Some(n), None)
            }
            Some(Attr::Pronoun(p)) => (last_named, Some(p)),
            None => {
                let prev = i.checked_sub(1).map(|j| &quotes[j]);
                let continued = prev.is_some_and(|p| {
                    let Some(pc) = p.close else { return false };
                    if pc.span.end > q.open.span.start {
                        return false;
                    }
                    let gap = &text[pc.span.end..q.open.span.start];
                    let gap_bytes = gap.as_bytes();
                    let blank_line =
                        memchr::memchr_iter(b'\n', gap_bytes).any(|n| gap_bytes.get(n + 1) == Some(&b'\n'));
                    let same_para = !blank_line
                        && sentence_at(pc.span.start).map(|s| s.paragraph)
                            == sentence_at(q.open.span.start).map(|s| s.paragraph);
                    // Asked only where it counts, in the same paragraph.
                    let only_attribution = same_para
                        && gap.len() < 100
                        && piece_is_verb(text, pc.span.end, q.open.span.start, &mut verbs, &mut empty_is_verb);
                    let next_para_opening = !same_para
                        && doc
                            .paragraphs
                            .binary_search_by_key(&q.open.span.start, |para| para.span.start)
                            .is_ok()
                        && gap.len() < 400;
                    (same_para && only_attribution) || next_para_opening
                });
                match prev.filter(|_| continued) {
                    Some(p) => (p.speaker, p.via),
                    None => (None, None),
                }
            }
        };
        quotes[i].speaker = speaker;
        quotes[i].via = via;
    }
    verbs.done();
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
            ("“We are close,” Mbeki told reporters.", "Mbeki"),
            ("“We are close,” Ada Okafor, the party's leader, said.", "Ada Okafor"),
            ("Dr. Ada Okafor said the deal “will work”.", "Dr. Ada Okafor"),
            ("\"We are close,\" said Mr. Mbeki.", "Mr. Mbeki"),
            ("“We are close,” IMF chief economist Ada Okafor said.", "Ada Okafor"),
            ("“We are close,” said Tulsa police Chief Tom Ruiz.", "Chief Tom Ruiz"),
        ];
        for (text, want) in cases {
            let (q, _) = quotes(text);
            assert_eq!(q[0].speaker.map(|s| s.slice(text)), Some(want), "{text}");
        }
    }

    #[test]
    fn no_speaker_without_attribution() {
        let text = "“We are close,” the statement reads. Yesterday “nothing” happened.";
        let (q, _) = quotes(text);
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|q| q.speaker.is_none()));
    }

    #[test]
    fn split_quote_and_pronoun_share_the_speaker() {
        let text = "“We are close,” Ada Okafor said. “But not there.”\n\n“We will wait,” she said.\n\n“It takes time.”";
        let (q, _) = quotes(text);
        let who: Vec<Option<&str>> = q.iter().map(|q| q.speaker.map(|s| s.slice(text))).collect();
        assert_eq!(who, [Some("Ada Okafor"); 4]);
        assert_eq!(q[2].via.map(|s| s.slice(text)), Some("she"));
    }

    #[test]
    fn straight_mark_between_letters_is_an_apostrophe() {
        let (q, s) = quotes("The country\"s bank said \"no\" today.");
        assert!(s.is_empty());
        assert_eq!(q.len(), 1);
        assert!(q[0].close.is_some());
    }

    #[test]
    fn run_together_paragraphs_reopen_the_quotation() {
        let text = "\"I never meant it,\" he said. \"I am obliged to win. \"As part of that, I speak plainly. \" Others disagreed.";
        let (q, s) = quotes(text);
        assert!(s.is_empty());
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|q| q.close.is_some()));
        assert_eq!(q[1].reopenings.len(), 1);
    }

    #[test]
    fn double_quotation_closed_by_a_single_mark() {
        let text = "Talks reached a \"final phase' of work, and the workers' union agreed.";
        let (q, _) = quotes(text);
        assert_eq!(q[0].close.map(|m| m.style), Some(MarkStyle::Single));
        assert_eq!(q[0].inner.slice(text), "final phase");
        // A plural possessive inside an unclosed quotation is not a mark.
        let (q, _) = quotes("He said \"the workers' union agreed.");
        assert!(q[0].close.is_none());
        // Nor is a nested single quotation.
        let (q, _) = quotes("He said \"a 'historic' day.");
        assert!(q[0].close.is_none());
    }

    #[test]
    fn mismatched_glyphs_still_pair() {
        let text = "“We are close,\" she said.";
        let (q, s) = quotes(text);
        assert!(s.is_empty());
        assert_eq!(q[0].close.map(|m| m.style), Some(MarkStyle::Straight));
    }

    /// The lead's words as the char-by-char scan read them, last first.
    fn reference_words_before(text: &str, lo: usize, end: usize) -> Vec<Span> {
        let is_word_char = |c: char| c.is_alphanumeric() || c == '-' || c == '\'';
        let mut words = Vec::new();
        let mut e = end;
        loop {
            let head = &text[lo..e];
            let Some(last) = head.rfind(is_word_char) else { break };
            let end = last + head[last..].chars().next().map_or(1, char::len_utf8);
            let start = head[..last]
                .rfind(|c: char| !is_word_char(c))
                .map_or(0, |p| p + head[p..].chars().next().map_or(1, char::len_utf8));
            words.push(Span::new(lo + start, lo + end));
            e = lo + start;
        }
        words
    }

    proptest::proptest! {
        /// The kept whole-text search finds, for any run of ranges in or
        /// out of order, the first lead byte a search of each range finds.
        #[test]
        fn leads_match_a_search_of_each_range(
            text in "([a-z ]{0,9}|\"|“|”|«|»|’|—|£){0,30}",
            ranges in proptest::collection::vec((0usize..200, 0usize..200), 1..12)
        ) {
            let bytes = text.as_bytes();
            let mut leads = Leads::new(bytes);
            for (a, b) in ranges {
                let (from, end) = (a.min(b) % (bytes.len() + 1), a.max(b) % (bytes.len() + 1));
                let (from, end) = (from.min(end), from.max(end));
                let want = memchr::memchr3(b'"', 0xc2, 0xe2, &bytes[from..end]).map(|r| from + r);
                proptest::prop_assert_eq!(leads.first(from, end), want, "{}..{}", from, end);
            }
        }
    }

    proptest::proptest! {
        /// The byte-wise backward word scan reads the words the char-wise
        /// one read, from any char boundary down to any earlier one.
        #[test]
        fn words_before_match_the_char_scan(text in "[a-zA-Z0-9 ,.'’\\-é\u{a0}Ω“:]{0,40}", cut in 0usize..40, from in 0usize..40) {
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let end = bounds[cut % bounds.len()];
            let lo = bounds[from % bounds.len()].min(end);
            let mut got = Vec::new();
            let mut e = end;
            while let Some(w) = word_before(&text, lo, e) {
                got.push(w);
                e = w.start;
            }
            proptest::prop_assert_eq!(got, reference_words_before(&text, lo, end));
        }

        /// Pairing, attribution and the quotation and name rules never panic,
        /// and every span stays on char boundaries.
        #[test]
        fn extraction_and_rules_never_panic(text in "[a-zA-Z .,:\"“”«»'’\n-]{0,120}|(“?(Ada|Okafor|said|she|he|Dr\\.|Mr|the|according|to|We|will|not|never|back|down)[ ,.:”\"\n]{1,3}){0,30}") {
            let (q, strays) = quotes(&text);
            for f in &q {
                for sp in [Some(f.span), Some(f.inner), f.speaker, f.via].into_iter().flatten() {
                    proptest::prop_assert!(sp.start <= sp.end && sp.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
                }
            }
            for m in strays {
                proptest::prop_assert!(text.is_char_boundary(m.span.start));
            }
            let engine = crate::rules::Engine::new(&crate::config::Config::default_config()).expect("default config is valid");
            let lex = Lexicons::default_set();
            let doc = Document::parse(SourceFile::new("t.txt", text.as_str()), &ParseOptions::default(), &lex);
            let facts = crate::extract::Facts::extract(&doc, &lex);
            for d in engine.check(&doc, &facts) {
                proptest::prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
        }
    }
}
