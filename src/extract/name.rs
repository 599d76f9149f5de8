//! People's names: a title followed by capitalized words (`Dr. Ada Okafor`,
//! `Gen. Smith`, `Mayor Tom Ruiz`, `Mr Kennedy`), two to four capitalized
//! words inside a sentence, and later references by surname alone
//! (`Okafor said`).

use std::collections::HashMap;

/// The hasher of the surname map: it is asked at every lone capitalized word.
type Fast = foldhash::fast::FixedState;

use super::with_lowercase;
use crate::config::Lexicons;
use crate::document::Document;
use crate::source::Span;

/// A name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameFact {
    pub span: Span,
    /// The title's span, if the name has one (`Dr.`, `Mayor`, `Prime
    /// Minister`).
    pub title: Option<Span>,
    /// The last word of the name (the surname in most English names).
    pub surname: Span,
    /// Whether the context says this is a person: a title, a speech verb
    /// next to it (`Okafor said`, `said Okafor`), or a surname already
    /// known as a person's.
    pub person: bool,
}

fn is_cap_word(w: &str) -> bool {
    let b = w.as_bytes();
    if w.is_ascii() {
        // The same test on bytes: every char is ASCII.
        return b.first().is_some_and(u8::is_ascii_uppercase)
            && b[1..].iter().any(u8::is_ascii_lowercase)
            && b.iter().all(|&c| c.is_ascii_alphabetic() || c == b'-' || c == b'\'');
    }
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// A title: an abbreviation with its period (`Dr.`, `Gen.`), a British
/// title without one (`Mr Kennedy`), or a rank word (`Mayor`).
fn is_title(word: &str, lex: &Lexicons) -> bool {
    word.starts_with(char::is_uppercase)
        && with_lowercase(word, |lower| {
            lex.contains("titles", lower) || lex.contains("name-titles", lower)
        })
}

fn is_speech_verb(text: &str, w: Option<Span>, lex: &Lexicons) -> bool {
    w.is_some_and(|w| with_lowercase(w.slice(text), |lower| lex.contains("speech-verbs", lower)))
}

/// A word starting with a capital, the only words that can start a name or
/// be a surname alone.
struct Capital {
    word: Span,
    /// The word after it in its sentence.
    next: Option<Span>,
    /// Whether it starts its sentence.
    first: bool,
    /// [`is_cap_word`].
    cap: bool,
    /// [`is_title`], once asked: `None` before.
    title: Option<bool>,
}

/// The first word at or after byte `i` of `text[..end]`, as
/// [`Document::words`] finds it: a run of alphanumerics joined by single
/// inner chars (`'`, `’`, `-`, `.`, and `,` between digits).
fn word_from(text: &str, mut i: usize, end: usize) -> Option<Span> {
    let bytes = &text.as_bytes()[..end];
    loop {
        let b = *bytes.get(i)?;
        if b.is_ascii_alphanumeric() {
            break;
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..end].chars().next()?;
        if c.is_alphanumeric() {
            break;
        }
        i += c.len_utf8();
    }
    let start = i;
    let mut j = i;
    while j < end {
        let b = bytes[j];
        if b.is_ascii_alphanumeric() {
            j += 1;
            continue;
        }
        let after_byte = bytes.get(j + 1).copied();
        if b < 0x80 {
            // An ASCII char joins two only if it is an inner one, with an
            // alphanumeric after it (for a comma, digits on both sides).
            let joins = match b {
                b'\'' | b'-' | b'.' => match after_byte {
                    Some(n) if n < 0x80 => n.is_ascii_alphanumeric(),
                    Some(_) => text[j + 1..end].starts_with(char::is_alphanumeric),
                    None => false,
                },
                b',' => after_byte.is_some_and(|n| n.is_ascii_digit()) && bytes[j - 1].is_ascii_digit(),
                _ => false,
            };
            if !joins {
                break;
            }
            j += 1;
            continue;
        }
        let Some(c) = text[j..end].chars().next() else { break };
        let after = j + c.len_utf8();
        if !(c.is_alphanumeric() || c == '’' && text[after..end].starts_with(char::is_alphanumeric)) {
            break;
        }
        j = after;
    }
    Some(Span::new(start, j))
}

/// Every word starting with a capital in `sentence`, in order, appended to
/// `out`.
fn capitals(text: &str, sentence: Span, out: &mut Vec<Capital>) {
    let first = word_from(text, sentence.start, sentence.end).map(|w| w.start);
    let mut pos = sentence.start;
    let mut found = next_upper_word(text, sentence, pos);
    while let Some(p) = found {
        let word = word_from(text, p, sentence.end).expect("a word starts here");
        let next = word_from(text, word.end, sentence.end);
        out.push(Capital {
            word,
            next,
            first: first == Some(p),
            cap: is_cap_word(word.slice(text)),
            title: None,
        });
        // The next word is the next capital if it starts with one.
        found = match next {
            Some(n) if starts_upper(text, n.start) => Some(n.start),
            Some(n) => {
                pos = n.end;
                next_upper_word(text, sentence, pos)
            }
            None => None,
        };
    }
}

/// Whether the char at byte `i` (a word's start) is uppercase.
fn starts_upper(text: &str, i: usize) -> bool {
    match text.as_bytes()[i] {
        b if b < 0x80 => b.is_ascii_uppercase(),
        _ => text[i..].starts_with(char::is_uppercase),
    }
}

/// A word that is capitalized because it starts a sentence, not because it
/// is a name: `Yesterday`, `Later`, `Officials`.
fn starts_sentences(word: &str, lex: &Lexicons) -> bool {
    with_lowercase(word, |lower| {
        lex.contains("sentence-starters", lower) || lower.ends_with("day") || lower.ends_with("ly")
    })
}

/// The chars that join two letters into one word (see [`Document::words`]),
/// besides a comma between digits.
fn is_inner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.')
}

/// Whether a word of the sentence starting at `from` begins at byte `i`,
/// where an alphanumeric char starts: the char before it neither belongs to
/// a word nor joins two (`Ho-Chi`, `O'Neil`). Words are maximal runs of
/// alphanumerics joined by single inner chars, so looking one or two chars
/// back settles it. The char at `i` is not a digit, so a comma never joins.
fn starts_word(text: &str, from: usize, i: usize) -> bool {
    let mut back = text[from..i].chars().rev();
    match back.next() {
        None => true,
        Some(p) if p.is_alphanumeric() => false,
        Some(p) if is_inner(p) => !back.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Bytes that may start an uppercase char: ASCII capitals and every
/// non-ASCII byte, eight at a time.
fn maybe_upper(chunk: u64) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HI: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let t = chunk & LO7;
    // High bit set where the 7-bit value is >= b'A', and where it is > b'Z'.
    let ge_a = t + ONES * (0x80 - u64::from(b'A'));
    let gt_z = t + ONES * (0x80 - u64::from(b'Z') - 1);
    ((ge_a & !gt_z) | chunk) & HI
}

/// The start of the next word of `sentence` at or after `from` whose first
/// char is uppercase: only those can start a name or be a surname.
fn next_upper_word(text: &str, sentence: Span, mut i: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..sentence.end];
    loop {
        // Skip eight bytes at a time while none can start a capital.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let hits = maybe_upper(word);
            if hits != 0 {
                i += (hits.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        let b = *bytes.get(i)?;
        if b.is_ascii_uppercase() {
            if starts_word(text, sentence.start, i) {
                return Some(i);
            }
            i += 1;
        } else if b >= 0xc0 {
            let c = text[i..sentence.end].chars().next()?;
            if c.is_uppercase() && c.is_alphanumeric() && starts_word(text, sentence.start, i) {
                return Some(i);
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
}

/// The word before byte `before` in the sentence starting at `from`, as
/// [`Document::words`] splits the sentence: `before` is a word's start.
fn prev_word(text: &str, from: usize, before: usize) -> Option<Span> {
    let head = &text[from..before];
    let end = head.rfind(char::is_alphanumeric)?;
    let end = end + head[end..].chars().next().map_or(1, char::len_utf8);
    let mut start = head[..end].char_indices().next_back().map_or(0, |(o, _)| o);
    loop {
        let mut back = head[..start].char_indices().rev();
        let Some((o, c)) = back.next() else { break };
        if c.is_alphanumeric() {
            start = o;
            continue;
        }
        let next_digit = head[start..].starts_with(|n: char| n.is_ascii_digit());
        let joins = is_inner(c) || (c == ',' && next_digit);
        match back.next() {
            Some((o2, p)) if joins && p.is_alphanumeric() && (c != ',' || p.is_ascii_digit()) => start = o2,
            _ => break,
        }
    }
    Some(Span::new(from + start, from + end))
}

/// Finds names sentence by sentence, then single-word references.
pub(crate) fn extract(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
    let text = doc.mask();
    let mut out = Vec::new();
    // Only words starting with a capital can start a name or be a surname
    // alone: both passes walk those, with the word after each, and find the
    // word before one only where they need it.
    let mut caps: Vec<Capital> = Vec::new();
    let mut sentences: Vec<(Span, std::ops::Range<usize>)> = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        let first = caps.len();
        capitals(text, s.span, &mut caps);
        sentences.push((s.span, first..caps.len()));
    }
    let title = |caps: &mut [Capital], i: usize| {
        let c = &mut caps[i];
        *c.title.get_or_insert_with(|| is_title(c.word.slice(text), lex))
    };
    for (s, range) in &sentences {
        let (a, b) = (range.start, range.end);
        // Whether capital `j` is the word right after capital `j - 1`.
        let follows = |caps: &[Capital], j: usize| j < b && caps[j - 1].next == Some(caps[j].word);
        let mut i = a;
        while i < b {
            // A capital followed by a word without one starts nothing: a
            // title needs a capitalized word after it, and a name without
            // one two capitalized words.
            if !follows(&caps, i + 1) {
                i += 1;
                continue;
            }
            // Titles, possibly several words (`Prime Minister`).
            let mut t = i;
            while t - i < 3 && (t == i || follows(&caps, t)) && title(&mut caps, t) {
                t += 1;
            }
            let is_title = t > i;
            let mut start = t;
            let mut end = start;
            while end - start < 4
                && (end == i || follows(&caps, end))
                && caps[end].cap
                && !(end > start && title(&mut caps, end))
            {
                end += 1;
            }
            // A capital at the start of a sentence says nothing: drop a first
            // word that commonly starts sentences (`Yesterday Ada Okafor`).
            let mut dropped = false;
            if caps[i].first && !is_title && end - start >= 2 && starts_sentences(caps[start].word.slice(text), lex) {
                start += 1;
                dropped = true;
            }
            let count = end.saturating_sub(start);
            // A sentence's first word is capitalized anyway; without a title
            // it needs a capitalized word after it to count.
            let enough = if is_title { count >= 1 } else { count >= 2 };
            if enough {
                let last = &caps[end - 1];
                let verb_after = is_speech_verb(text, last.next, lex);
                let before = if dropped || is_title {
                    Some(caps[start - 1].word)
                } else if i > a && follows(&caps, i) {
                    Some(caps[i - 1].word)
                } else {
                    prev_word(text, s.start, caps[i].word.start)
                };
                let verb_before = is_speech_verb(text, before, lex);
                out.push(NameFact {
                    span: caps[start].word.to(last.word),
                    title: is_title.then(|| caps[i].word.to(caps[t - 1].word)),
                    surname: last.word,
                    person: is_title || verb_after || verb_before,
                });
                i = end;
            } else {
                i = if is_title { t } else { i + 1 };
            }
        }
    }
    // Later references by surname: a lone capitalized word that is a known
    // person's surname, or that a speech verb attributes words to.
    let mut known: HashMap<&str, bool, Fast> = HashMap::default();
    for n in &out {
        let e = known.entry(n.surname.slice(text)).or_insert(false);
        *e |= n.person;
    }
    // Spans in document order (the pass above walks sentences in order and
    // never overlaps), searched by binary search to stay linear.
    let covered: Vec<Span> = out.iter().map(|n| n.span).collect();
    let is_covered = |w: Span| {
        let i = covered.partition_point(|c| c.end <= w.start);
        covered.get(i).is_some_and(|c| c.start <= w.start && w.end <= c.end)
    };
    let mut refs = Vec::new();
    for (s, range) in &sentences {
        let (a, b) = (range.start, range.end);
        for j in a..b {
            let c = &caps[j];
            let w = c.word;
            if !c.cap || is_covered(w) {
                continue;
            }
            // The words before and after, when they are capitals.
            let after_prev = j > a && caps[j - 1].next == Some(w);
            let before_next = j + 1 < b && caps[j + 1].word.start == c.next.map_or(usize::MAX, |n| n.start);
            let word = w.slice(text);
            if after_prev && {
                let p = &caps[j - 1];
                p.cap && !(p.first && starts_sentences(p.word.slice(text), lex))
            } {
                continue;
            }
            if before_next && caps[j + 1].cap {
                continue;
            }
            if c.first && starts_sentences(word, lex) {
                continue;
            }
            let known_person = known.get(word).copied();
            let person = known_person == Some(true) || {
                let prev = || {
                    if after_prev {
                        Some(caps[j - 1].word)
                    } else {
                        prev_word(text, s.start, w.start)
                    }
                };
                let verb_near = is_speech_verb(text, c.next, lex) || is_speech_verb(text, prev(), lex);
                if known_person.is_none() && !verb_near {
                    continue;
                }
                verb_near
            };
            refs.push(NameFact {
                span: w,
                title: None,
                surname: w,
                person,
            });
        }
    }
    out.extend(refs);
    out.sort_by_key(|n| n.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::source::SourceFile;

    fn names(text: &str) -> Vec<(String, bool)> {
        let lex = Lexicons::default_set();
        let doc = Document::parse(SourceFile::new("t.txt", text), &ParseOptions::default(), &lex);
        extract(&doc, &lex)
            .iter()
            .map(|n| (n.span.slice(text).to_string(), n.person))
            .collect()
    }

    #[test]
    fn finds_titled_and_plain_names() {
        let got = names("Yesterday Dr. Ada Okafor met Murat Papazyan in town. Yesterday Ada Okafor left.");
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["Ada Okafor", "Murat Papazyan", "Ada Okafor"]);
        assert!(got[0].1);
    }

    #[test]
    fn titles_without_periods_and_ranks() {
        let got = names("Mr Kennedy met Mayor Tom Ruiz and Prime Minister Ada Okafor.");
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["Kennedy", "Tom Ruiz", "Ada Okafor"]);
        assert!(got.iter().all(|(_, p)| *p));
    }

    #[test]
    fn later_references_by_surname() {
        let got = names("Dr. Ada Okafor arrived. Reporters waited for Okafor. Later Volkonski said no.");
        let spans: Vec<&str> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(spans, ["Ada Okafor", "Okafor", "Volkonski"]);
        assert!(got.iter().all(|(_, p)| *p));
    }

    fn is_title_at(text: &str, w: Span, lex: &Lexicons) -> bool {
        is_title(w.slice(text), lex)
    }

    /// The word-by-word pass this module had before it skipped to capitals.
    fn reference_extract(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
        let text = doc.mask();
        let mut out = Vec::new();
        // Every sentence's words in one buffer, and each sentence's range in it.
        let mut all_words: Vec<Span> = Vec::new();
        let mut sentence_words: Vec<std::ops::Range<usize>> = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let first = all_words.len();
            all_words.extend(doc.words(s.span));
            let words = &all_words[first..];
            let mut k = 0;
            while k < words.len() {
                // Titles, possibly several words (`Prime Minister`).
                let mut t = k;
                while t < words.len() && t - k < 3 && is_title_at(text, words[t], lex) {
                    t += 1;
                }
                let is_title = t > k;
                let start = t;
                let mut end = start;
                while end < words.len()
                    && end - start < 4
                    && is_cap_word(words[end].slice(text))
                    && !(end > start && is_title_at(text, words[end], lex))
                {
                    end += 1;
                }
                // A capital at the start of a sentence says nothing: drop a first
                // word that commonly starts sentences (`Yesterday Ada Okafor`).
                let start = if k == 0 && !is_title && end - start >= 2 {
                    if starts_sentences(words[start].slice(text), lex) {
                        start + 1
                    } else {
                        start
                    }
                } else {
                    start
                };
                let count = end.saturating_sub(start);
                // A sentence's first word is capitalized anyway; without a title
                // it needs a capitalized word after it to count.
                let enough = if is_title { count >= 1 } else { count >= 2 };
                if enough {
                    let verb_after = is_speech_verb(text, words.get(end).copied(), lex);
                    let verb_before = start > 0 && is_speech_verb(text, words.get(start - 1).copied(), lex);
                    out.push(NameFact {
                        span: words[start].to(words[end - 1]),
                        title: is_title.then(|| words[k].to(words[t - 1])),
                        surname: words[end - 1],
                        person: is_title || verb_after || verb_before,
                    });
                    k = end;
                } else {
                    k = if is_title { t } else { k + 1 };
                }
            }
            sentence_words.push(first..all_words.len());
        }
        // Later references by surname: a lone capitalized word that is a known
        // person's surname, or that a speech verb attributes words to.
        let mut known: HashMap<&str, bool> = HashMap::new();
        for n in &out {
            let e = known.entry(n.surname.slice(text)).or_insert(false);
            *e |= n.person;
        }
        // Spans in document order (the pass above walks sentences in order and
        // never overlaps), searched by binary search to stay linear.
        let covered: Vec<Span> = out.iter().map(|n| n.span).collect();
        let is_covered = |w: Span| {
            let i = covered.partition_point(|c| c.end <= w.start);
            covered.get(i).is_some_and(|c| c.start <= w.start && w.end <= c.end)
        };
        let mut refs = Vec::new();
        for range in sentence_words {
            let words = &all_words[range];
            for (k, w) in words.iter().enumerate() {
                let word = w.slice(text);
                if !is_cap_word(word) || is_covered(*w) {
                    continue;
                }
                let neighbour_cap = |j: Option<usize>| {
                    j.and_then(|j| words.get(j).map(|n| (j, n))).is_some_and(|(j, n)| {
                        is_cap_word(n.slice(text)) && !(j == 0 && starts_sentences(n.slice(text), lex))
                    })
                };
                if neighbour_cap(k.checked_sub(1)) || neighbour_cap(Some(k + 1)) {
                    continue;
                }
                let verb_after = is_speech_verb(text, words.get(k + 1).copied(), lex);
                let verb_before = k > 0 && is_speech_verb(text, words.get(k - 1).copied(), lex);
                let known_person = known.get(word).copied();
                if known_person.is_none() && !verb_after && !verb_before {
                    continue;
                }
                if k == 0 && starts_sentences(word, lex) {
                    continue;
                }
                refs.push(NameFact {
                    span: *w,
                    title: None,
                    surname: *w,
                    person: known_person.unwrap_or(false) || verb_after || verb_before,
                });
            }
        }
        out.extend(refs);
        out.sort_by_key(|n| n.span.start);
        out
    }

    #[test]
    fn jumps_from_capital_to_capital() {
        let text = "a Bb cÉd, ÉCole x-Yy O'Neil Ho.Chi 3,B é Ω";
        let starts: Vec<usize> = std::iter::successors(next_upper_word(text, Span::new(0, text.len()), 0), |&p| {
            next_upper_word(text, Span::new(0, text.len()), p + 1)
        })
        .collect();
        let words: Vec<&str> = starts.iter().map(|&p| &text[p..]).collect();
        assert_eq!(words.len(), 6, "{words:?}");
        assert!(words[0].starts_with("Bb") && words[1].starts_with("ÉCole") && words[2].starts_with("O'Neil"));
        assert!(words[3].starts_with("Ho.Chi") && words[4].starts_with("B é") && words[5] == "Ω");
    }

    proptest::proptest! {
        /// The scan that jumps to capitals finds what the word-by-word pass
        /// found, and the words it looks up around a capital are the
        /// sentence's words.
        #[test]
        fn agrees_with_the_word_by_word_pass(
            text in "([A-Za-zÉéΩ0-9 ,.'’\\-]{0,6}|Dr\\. |Mr |Prime |Minister |Ada |Okafor |said |Yesterday |The |Later |\\. |\n\n){0,40}"
        ) {
            let lex = Lexicons::default_set();
            let doc = Document::parse(SourceFile::new("t.txt", text.as_str()), &ParseOptions::default(), &lex);
            proptest::prop_assert_eq!(extract(&doc, &lex), reference_extract(&doc, &lex));
            let mask = doc.mask();
            for s in &doc.sentences {
                let words: Vec<Span> = doc.words(s.span).collect();
                for (k, w) in words.iter().enumerate() {
                    proptest::prop_assert_eq!(word_from(mask, w.start, s.span.end), Some(*w));
                    let gap = k.checked_sub(1).map_or(s.span.start, |j| words[j].end);
                    proptest::prop_assert_eq!(word_from(mask, gap, s.span.end), Some(*w));
                    proptest::prop_assert_eq!(prev_word(mask, s.span.start, w.start), k.checked_sub(1).map(|j| words[j]));
                }
                let upper: Vec<usize> = words
                    .iter()
                    .map(|w| w.start)
                    .filter(|&p| mask[p..].starts_with(char::is_uppercase))
                    .collect();
                let mut found = Vec::new();
                let mut pos = s.span.start;
                while let Some(p) = next_upper_word(mask, s.span, pos) {
                    found.push(p);
                    pos = p + 1;
                }
                proptest::prop_assert_eq!(found, upper);
            }
        }
    }
}
