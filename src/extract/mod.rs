//! Extraction: typed, spanned facts read once from a document's prose mask and
//! shared by every rule. All parsing of text lives here.

pub mod date;
pub mod name;
pub mod number;
pub mod quote;

use crate::config::Lexicons;
use crate::document::Document;
use crate::source::Span;

pub use date::{Anchor, DateFact, DateForm, Deixis, Granularity, Modifier, RangeEnd, Shift, Unit};
pub use name::NameFact;
pub use number::{NumberFact, NumberKind};
pub use quote::{QuoteFact, QuoteMark};

/// Every fact in one document, each list sorted by start offset.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Dates written out: `Sept. 27, 2020`, `in 1991`, `mid-September`.
    pub dates: Vec<DateFact>,
    /// Dates read against the reference date: `yesterday`, `on Tuesday`,
    /// `last month`, `two days ago`, `three days later`.
    pub relative_dates: Vec<DateFact>,
    pub numbers: Vec<NumberFact>,
    pub quotes: Vec<QuoteFact>,
    /// Quotation marks that close nothing.
    pub stray_closings: Vec<QuoteMark>,
    pub names: Vec<NameFact>,
}

impl Facts {
    /// Runs every extractor over the document.
    pub fn extract(doc: &Document, lex: &Lexicons) -> Facts {
        Facts::extract_laps(doc, lex, &mut ())
    }

    /// [`Facts::extract`], calling `laps.lap(stage)` after each stage: for
    /// the per-stage timings of `examples/profile_stages.rs`.
    #[doc(hidden)]
    pub fn extract_laps(doc: &Document, lex: &Lexicons, laps: &mut impl Laps) -> Facts {
        let mask = doc.mask();
        let reference = doc.metadata.reference.map(|r| r.date);
        let (mut dates, starts) = date::extract_scanned(mask, reference);
        date::link_ranges(mask, &mut dates);
        date::settle_numeric_order(&mut dates);
        date::resolve_in_context(mask, reference, &mut dates, &doc.sentences);
        laps.lap("dates");
        let relative_dates = date::extract_relative(mask, reference, &dates, &doc.sentences, &doc.paragraphs, &starts);
        laps.lap("relative dates");
        let numbers = number::extract(mask, &dates, lex);
        laps.lap("numbers");
        let (quotes, stray_closings) = quote::extract(doc, lex);
        laps.lap("quotes");
        let names = name::extract(doc, lex);
        laps.lap("names");
        Facts {
            dates,
            relative_dates,
            numbers,
            quotes,
            stray_closings,
            names,
        }
    }

    /// The dates inside `span`.
    pub fn dates_in(&self, span: Span) -> impl Iterator<Item = &DateFact> {
        within(&self.dates, span, |d| d.span)
    }

    /// The numbers inside `span`.
    pub fn numbers_in(&self, span: Span) -> impl Iterator<Item = &NumberFact> {
        within(&self.numbers, span, |n| n.span)
    }
}

/// Marks the end of a stage; see [`Facts::extract_laps`].
#[doc(hidden)]
pub trait Laps {
    fn lap(&mut self, stage: &'static str);
}

impl Laps for () {
    fn lap(&mut self, _: &'static str) {}
}

/// The items of a start-sorted list that lie inside `span`, found by binary
/// search so that per-sentence lookups stay linear overall.
fn within<T>(items: &[T], span: Span, key: fn(&T) -> Span) -> impl Iterator<Item = &T> {
    let first = items.partition_point(|t| key(t).start < span.start);
    items[first..]
        .iter()
        .take_while(move |t| key(t).start < span.end)
        .filter(move |t| key(t).end <= span.end)
}

/// The span of `part`, a subslice of `whole`, in `whole`'s coordinates. The
/// one place that turns nom's slices into offsets.
pub fn span_of(whole: &str, part: &str) -> Span {
    use nom::Offset;
    let start = whole.offset(part);
    Span::new(start, start + part.len())
}

/// Where the extractors look next after failing at byte `i`: past the rest
/// of an ASCII word or number (no byte inside one starts a word, see
/// [`is_word_start`]; not past `end`), else at the next char.
#[cfg_attr(not(test), allow(dead_code))] // The number extractor's test walk.
pub(crate) fn next_try(text: &str, i: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    if bytes[i].is_ascii_alphanumeric() {
        while j < end && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
    } else {
        while j < bytes.len() && !text.is_char_boundary(j) {
            j += 1;
        }
    }
    j
}

/// `w` lower-cased as [`str::to_lowercase`] does: `w` itself when it is
/// ASCII without capitals (most words), else on the stack for a short ASCII
/// word: the grammar lower-cases every word it reads.
pub(crate) enum Lower<'a> {
    Same(&'a str),
    Stack([u8; 32], usize),
    Heap(String),
}

impl<'a> Lower<'a> {
    pub(crate) fn new(w: &'a str) -> Lower<'a> {
        if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return Lower::Same(w);
        }
        let mut buf = [0u8; 32];
        if w.is_ascii()
            && let Some(b) = buf.get_mut(..w.len())
        {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            return Lower::Stack(buf, w.len());
        }
        Lower::Heap(w.to_lowercase())
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Lower::Same(w) => w,
            Lower::Heap(s) => s,
            Lower::Stack(buf, len) => std::str::from_utf8(&buf[..*len]).unwrap_or_default(),
        }
    }
}

/// Calls `f` with `w` lower-cased as [`str::to_lowercase`] does, without
/// allocating for a short ASCII word: lexicon lookups run at every
/// capitalized word.
pub(crate) fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    f(Lower::new(w).as_str())
}

/// A set of ASCII words, looked up case-insensitively without allocating
/// and bucketed by first letter and length: the extractors' pre-filters ask
/// it at every word start.
pub(crate) struct WordSet(Vec<Vec<&'static str>>);

/// Words of this length or longer share a bucket.
const LONG: usize = 15;

/// The bucket of a word starting with an ASCII letter.
fn bucket(w: &[u8]) -> Option<usize> {
    let c = w.first().filter(|c| c.is_ascii_alphabetic())?;
    Some(usize::from(c.to_ascii_lowercase() - b'a') * (LONG + 1) + w.len().min(LONG))
}

impl WordSet {
    /// The set of `words`, each starting with an ASCII letter.
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> WordSet {
        let mut buckets = vec![Vec::new(); 26 * (LONG + 1)];
        for w in words {
            let b = bucket(w.as_bytes()).unwrap_or_else(|| panic!("{w} does not start with a letter"));
            buckets[b].push(w);
        }
        WordSet(buckets)
    }

    /// Whether `w` is one of the words, in any case.
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        bucket(w).is_some_and(|b| self.0[b].iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes())))
    }
}

/// Matches the ASCII word `tag` case-insensitively, like nom's
/// `tag_no_case` on `&str`, which lower-cases both sides char by char (it was
/// the hottest function of the whole program). The tags are ASCII, so a byte
/// match ends on a char boundary.
pub(crate) fn tag_no_case<'a>(tag: &str) -> impl Fn(&'a str) -> nom::IResult<&'a str, &'a str> + '_ {
    move |i: &'a str| {
        if i.as_bytes()
            .get(..tag.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(tag.as_bytes()))
        {
            Ok((&i[tag.len()..], &i[..tag.len()]))
        } else {
            Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
        }
    }
}

/// Whether byte `i` of `text` starts a word or number: the previous character
/// is not alphanumeric, and a digit does not continue a number (`2,020`,
/// `$2020`, `1.5`).
pub(crate) fn is_word_start(text: &str, i: usize) -> bool {
    // Fast path: the extractors ask at every byte of every word, and most
    // words follow an ASCII space or a letter.
    let Some(&b) = i.checked_sub(1).and_then(|p| text.as_bytes().get(p)) else {
        return i == 0;
    };
    if b < 0x80 && !matches!(b, b',' | b'.' | b'-' | b'/' | b':' | b'$' | b'#' | b'_' | b'@') {
        return !b.is_ascii_alphanumeric();
    }
    let mut prev = text[..i].chars().rev();
    match prev.next() {
        None => true,
        Some(p) if p.is_alphanumeric() => false,
        Some(p @ (',' | '.' | '-' | '/' | ':')) => {
            let before = prev.next();
            let digit_now = text[i..].starts_with(|c: char| c.is_ascii_digit());
            let inside_number = digit_now && before.is_some_and(|b| b.is_ascii_digit());
            let hyphenated = p == '-' && before.is_some_and(char::is_alphanumeric);
            !inside_number && !hyphenated
        }
        Some('$' | '€' | '£' | '¥' | '#' | '_' | '@') => false,
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_lowercase_agrees_with_to_lowercase() {
        for w in [
            "Okafor",
            "said",
            "über",
            "SAID",
            "",
            "Ünal",
            "a-very-long-hyphenated-WORD-beyond-the-buffer",
            "İstanbul",
        ] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase());
        }
    }

    #[test]
    fn word_set_matches_whole_words_in_any_case() {
        let set = WordSet::new(["today", "the", "a"]);
        assert!(set.contains(b"Today"));
        assert!(set.contains(b"THE"));
        assert!(set.contains(b"a"));
        assert!(!set.contains(b"then"));
        assert!(!set.contains(b"th"));
        assert!(!set.contains(b""));
        assert!(!set.contains(b"2020"));
        let long = WordSet::new(["extraordinarily", "extraordinariness"]);
        assert!(long.contains(b"Extraordinariness"));
        assert!(!long.contains(b"extraordinarilyy"));
    }

    #[test]
    fn ascii_tag_matches_in_any_case_and_keeps_the_rest() {
        assert_eq!(tag_no_case("per cent")("Per Cent rise"), Ok((" rise", "Per Cent")));
        assert!(tag_no_case("week")("wee").is_err());
        assert!(tag_no_case("week")("weé").is_err());
    }
}
