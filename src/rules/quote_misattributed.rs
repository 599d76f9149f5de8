use std::collections::HashMap;

use super::{Context, NoOptions, Rule};
use crate::extract::quote::QuoteFact;

declare_rule! {
    /// Flags the same quotation attributed to two different speakers.
    ///
    /// ## What it does
    /// Groups the article's quotations by their words (case and punctuation
    /// aside; at least four words) and reports a quotation whose named
    /// speaker differs from the speaker of the same words earlier in the
    /// article. Speakers are compared by surname, so `Ada Okafor` and
    /// `Dr. Okafor` are one person. Quotations attributed only through a
    /// pronoun are not compared.
    ///
    /// ## Why is this bad?
    /// At least one of the two attributions puts words in someone's mouth.
    ///
    /// ## Example
    /// ```text
    /// “We will not back down,” Ada Okafor said on Monday.
    ///
    /// Later, “we will not back down,” said Tom Ruiz.
    /// ```
    /// Use instead:
    /// ```text
    /// “We will not back down,” Ada Okafor said on Monday.
    ///
    /// Later, “we will not back down,” said Ada Okafor.
    /// ```
    pub QuoteMisattributed, "quote-misattributed"
}

/// The quotation's words, lower-cased, for grouping.
pub(crate) fn quote_words(text: &str, q: &QuoteFact) -> Vec<String> {
    raw_words(text, q).map(normalize).collect()
}

/// The words of a quotation as [`quote_words`] splits them, before
/// lower-casing.
fn raw_words<'a>(text: &'a str, q: &QuoteFact) -> impl Iterator<Item = &'a str> + use<'a> {
    q.inner
        .slice(text)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

const PRIME: u64 = 0x0000_0100_0000_01b3;
const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// A hash of one word as [`quote_words`] normalizes it, the slow way: for
/// words with a non-ASCII character.
fn word_hash(w: &str) -> u64 {
    let mut h = SEED;
    for b in w.to_lowercase().replace('’', "'").bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    h
}

fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Whether `c` is part of a quotation's word, as [`raw_words`] splits them.
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The hash of one word as [`quote_words`] normalizes it; the same as
/// [`for_each_word`] gives.
fn hash_of(w: &str) -> u64 {
    if w.is_ascii() {
        w.bytes()
            .fold(SEED, |h, c| (h ^ u64::from(c.to_ascii_lowercase())).wrapping_mul(PRIME))
    } else {
        word_hash(w)
    }
}

/// The hashes of a quotation's first two words and of its last two, found
/// from either end without reading the middle; `None` for fewer than two
/// words. Quotations with equal words have equal ends, so this is what two
/// quotations must share to be compared (unequal ones may collide, which only
/// costs a comparison).
pub(crate) fn ends(text: &str, q: &QuoteFact) -> Option<(u64, u64)> {
    let s = q.inner.slice(text);
    ascii_ends(s.as_bytes()).unwrap_or_else(|| char_ends(s))
}

/// [`ends`] of the quoted words `s`, char by char.
fn char_ends(s: &str) -> Option<(u64, u64)> {
    // The first two words, forward.
    let mut head = [0u64; 2];
    let mut found = 0;
    let mut chars = s.char_indices().peekable();
    while found < 2 {
        let (start, _) = chars.find(|&(_, c)| word_char(c))?;
        let mut end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if !word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        head[found] = hash_of(&s[start..end]);
        found += 1;
    }
    // The last two, backward: words are runs of word characters either way.
    let mut tail = [0u64; 2];
    let mut found = 0;
    let mut chars = s.char_indices().rev().peekable();
    while found < 2 {
        let (last, c) = chars.find(|&(_, c)| word_char(c))?;
        let end = last + c.len_utf8();
        let mut start = 0;
        while let Some(&(i, c)) = chars.peek() {
            if !word_char(c) {
                start = i + c.len_utf8();
                break;
            }
            chars.next();
        }
        tail[1 - found] = hash_of(&s[start..end]);
        found += 1;
    }
    Some((mix(head[0], head[1]), mix(tail[0], tail[1])))
}

/// [`ends`] byte by byte while the words at both ends and the gaps around
/// them are ASCII; `None` when a non-ASCII byte is met, which the char-wise
/// reading then decides.
fn ascii_ends(b: &[u8]) -> Option<Option<(u64, u64)>> {
    let word = |c: u8| WORD_BYTE[usize::from(c)] != 0;
    let mut head = [0u64; 2];
    let mut i = 0;
    for h in &mut head {
        loop {
            let Some(&c) = b.get(i) else {
                return Some(None);
            };
            if c >= 0x80 {
                return None;
            }
            if word(c) {
                break;
            }
            i += 1;
        }
        *h = SEED;
        while let Some(&c) = b.get(i) {
            if c >= 0x80 {
                return None;
            }
            let lower = WORD_BYTE[usize::from(c)];
            if lower == 0 {
                break;
            }
            *h = (*h ^ u64::from(lower)).wrapping_mul(PRIME);
            i += 1;
        }
    }
    let mut tail = [0u64; 2];
    let mut j = b.len();
    for t in tail.iter_mut().rev() {
        loop {
            let c = *b.get(j.checked_sub(1)?)?;
            if c >= 0x80 {
                return None;
            }
            if word(c) {
                break;
            }
            j -= 1;
        }
        let end = j;
        while j > 0 && b[j - 1] < 0x80 && word(b[j - 1]) {
            j -= 1;
        }
        if j > 0 && b[j - 1] >= 0x80 {
            return None;
        }
        *t = b[j..end].iter().fold(SEED, |h, &c| {
            (h ^ u64::from(WORD_BYTE[usize::from(c)])).wrapping_mul(PRIME)
        });
    }
    Some(Some((mix(head[0], head[1]), mix(tail[0], tail[1]))))
}

/// For each byte, the byte lower-cased if it is an ASCII letter, digit or
/// `'` (part of a word), else 0.
static WORD_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'\'' {
            t[c] = b.to_ascii_lowercase();
        }
        c += 1;
    }
    t
};

/// Calls `f` with each of a quotation's words, split as [`raw_words`] does,
/// and the hash of the word as [`quote_words`] normalizes it: byte by byte,
/// hashing ASCII words as it goes, until `f` answers `false`.
pub(crate) fn for_each_word<'a>(text: &'a str, q: &QuoteFact, mut f: impl FnMut(&'a str, u64) -> bool) {
    let s = q.inner.slice(text);
    let b = s.as_bytes();
    let n = b.len();
    // Whether the character at `i` (of `len` bytes) is part of a word.
    let inside = |i: usize| -> (bool, usize) {
        let c = b[i];
        if c < 0x80 {
            (c.is_ascii_alphanumeric() || c == b'\'', 1)
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            (ch.is_alphanumeric() || ch == '’', ch.len_utf8())
        }
    };
    let mut i = 0;
    while i < n {
        // To the next word.
        let (is_word, len) = inside(i);
        if !is_word {
            i += len;
            continue;
        }
        // Through it, hashing its ASCII bytes lower-cased.
        let start = i;
        let mut h = SEED;
        let mut wide = false;
        while i < n {
            let c = b[i];
            let lower = WORD_BYTE[usize::from(c)];
            if lower != 0 {
                h = (h ^ u64::from(lower)).wrapping_mul(PRIME);
                i += 1;
            } else if c < 0x80 {
                break;
            } else {
                let (is_word, len) = inside(i);
                if !is_word {
                    break;
                }
                wide = true;
                i += len;
            }
        }
        let w = &s[start..i];
        if !f(w, if wide { word_hash(w) } else { h }) {
            return;
        }
    }
}

/// One word as [`quote_words`] normalizes it, `’` to `'`.
pub(crate) fn normalize(w: &str) -> String {
    let l = w.to_lowercase();
    // `replace` copies even when there is nothing to replace.
    if l.contains('’') { l.replace('’', "'") } else { l }
}

/// Up to this many keys, [`repeated`] compares every two.
pub(crate) const FEW: usize = 32;

/// Which of `keys` occur more than once, by index: the only items that can
/// meet another under an equal key.
pub(crate) fn repeated(keys: &[Option<u64>]) -> Vec<bool> {
    // An article has a handful of quotations: comparing every two is
    // cheaper than sorting a copy.
    if keys.len() <= FEW {
        return keys
            .iter()
            .enumerate()
            .map(|(i, k)| k.is_some() && keys.iter().enumerate().any(|(j, o)| j != i && o == k))
            .collect();
    }
    let mut sorted: Vec<u64> = keys.iter().flatten().copied().collect();
    sorted.sort_unstable();
    keys.iter()
        .map(|k| {
            k.is_some_and(|k| {
                let at = sorted.partition_point(|&x| x < k);
                sorted.get(at + 1) == Some(&k)
            })
        })
        .collect()
}

/// The speaker's surname: the last word of the name, lower-cased.
pub(crate) fn surname(name: &str) -> String {
    name.rsplit([' ', '\n'])
        .next()
        .unwrap_or(name)
        .trim_end_matches('.')
        .to_lowercase()
}

impl Rule for QuoteMisattributed {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // Only quotations whose words may equal another's can be reported:
        // find them by hash first.
        // Only quotations of four words or more with a speaker of their own
        // are compared, and four words take seven bytes at least: most
        // articles have fewer than two such.
        let eligible = |q: &QuoteFact| q.speaker.is_some() && q.via.is_none() && q.inner.end - q.inner.start >= 7;
        if cx.facts.quotes.iter().filter(|q| eligible(q)).nth(1).is_none() {
            return;
        }
        let keys: Vec<Option<u64>> = cx
            .facts
            .quotes
            .iter()
            .map(|q| {
                if !eligible(q) {
                    return None;
                }
                ends(text, q).map(|(head, tail)| mix(head, tail))
            })
            .collect();
        let candidate = repeated(&keys);
        if !candidate.contains(&true) {
            return;
        }
        let mut first: HashMap<Vec<String>, (usize, String), foldhash::fast::FixedState> = HashMap::default();
        for (i, q) in cx.facts.quotes.iter().enumerate() {
            if !candidate[i] {
                continue;
            }
            let (Some(speaker), None) = (q.speaker, q.via) else {
                continue;
            };
            let words = quote_words(text, q);
            if words.len() < 4 {
                continue;
            }
            let name = surname(speaker.slice(text));
            match first.get(&words) {
                None => {
                    first.insert(words, (i, name));
                }
                Some((j, earlier)) if *earlier != name => {
                    let prev = &cx.facts.quotes[*j];
                    let Some(prev_speaker) = prev.speaker else { continue };
                    let (now, then) = (speaker.slice(text).to_string(), prev_speaker.slice(text).to_string());
                    cx.report(
                        speaker,
                        format!("quotation attributed to {now} here and to {then} earlier"),
                    )
                    .primary("this speaker")
                    .label(q.inner, "these words")
                    .label(prev_speaker, "were attributed to this speaker")
                    .help("check who said these words and attribute them the same way");
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn repeated_marks_the_keys_seen_twice_few_or_many() {
        for n in [0, 1, 2, 5, FEW, FEW + 1, 70] {
            // Keys from a small range so that some repeat; every fifth none.
            let keys: Vec<Option<u64>> = (0..n as u64)
                .map(|i| (i % 5 != 0).then_some((i * 7 + 3) % 11))
                .collect();
            let want: Vec<bool> = keys
                .iter()
                .map(|k| k.is_some() && keys.iter().filter(|o| *o == k).count() > 1)
                .collect();
            assert_eq!(repeated(&keys), want, "{n} keys");
        }
    }

    #[test]
    fn ascii_ends_agrees_with_the_char_wise_reading() {
        for inner in [
            "We will not back down",
            "  we, WILL not back down!  ",
            "one",
            "",
            " , ",
            "it's over, it's done",
            "Déjà vu all over again",
            "we will go — now",
            "don’t stop me now",
            "1,000 men and 20",
        ] {
            let slow = {
                let s = inner;
                let words: Vec<&str> = s.split(|c: char| !word_char(c)).filter(|w| !w.is_empty()).collect();
                (words.len() >= 2).then(|| {
                    let n = words.len();
                    (
                        mix(hash_of(words[0]), hash_of(words[1])),
                        mix(hash_of(words[n - 2]), hash_of(words[n - 1])),
                    )
                })
            };
            assert_eq!(char_ends(inner), slow, "{inner:?}");
            if let Some(fast) = ascii_ends(inner.as_bytes()) {
                assert_eq!(fast, slow, "{inner:?}");
            }
        }
    }

    #[test]
    fn flags_two_speakers_for_one_quotation() {
        assert_flags::<QuoteMisattributed>(
            "“We will not back down,” Ada Okafor said on Monday.\n\nLater, “we will not back down,” said Tom Ruiz.",
            &["Tom Ruiz"],
        );
    }

    #[test]
    fn silent_on_one_speaker_and_on_different_words() {
        assert_silent::<QuoteMisattributed>(
            "“We will not back down,” Ada Okafor said.\n\n“We will not back down,” Dr. Okafor said again.",
        );
        assert_silent::<QuoteMisattributed>(
            "“We will not back down,” Ada Okafor said.\n\n“We will keep on going,” Tom Ruiz said.",
        );
        // A pronoun repeats the speaker; short quotations are common words.
        assert_silent::<QuoteMisattributed>(
            "“It is over,” Ada Okafor said.\n\n“It is over,” Tom Ruiz said.\n\n“We will not back down,” she said.",
        );
    }
}
