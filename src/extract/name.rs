//! People's names: a title followed by capitalized words (`Dr. Ada Okafor`,
//! `Gen. Smith`, `Mayor Tom Ruiz`, `Mr Kennedy`), two to four capitalized
//! words inside a sentence, and later references by surname alone
//! (`Okafor said`).

use std::collections::HashMap;

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
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// A title: an abbreviation with its period (`Dr.`, `Gen.`), a British
/// title without one (`Mr Kennedy`), or a rank word (`Mayor`).
fn is_title_at(text: &str, w: Span, lex: &Lexicons) -> bool {
    let word = w.slice(text);
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    with_lowercase(word, |lower| {
        lex.contains("titles", lower) || lex.contains("name-titles", lower)
    })
}

fn is_speech_verb(text: &str, w: Option<&Span>, lex: &Lexicons) -> bool {
    w.is_some_and(|w| with_lowercase(w.slice(text), |lower| lex.contains("speech-verbs", lower)))
}

/// A word that is capitalized because it starts a sentence, not because it
/// is a name: `Yesterday`, `Later`, `Officials`.
fn starts_sentences(word: &str, lex: &Lexicons) -> bool {
    with_lowercase(word, |lower| {
        lex.contains("sentence-starters", lower) || lower.ends_with("day") || lower.ends_with("ly")
    })
}

/// Finds names sentence by sentence, then single-word references.
pub(crate) fn extract(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
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
                let verb_after = is_speech_verb(text, words.get(end), lex);
                let verb_before = start > 0 && is_speech_verb(text, words.get(start - 1), lex);
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
            let verb_after = is_speech_verb(text, words.get(k + 1), lex);
            let verb_before = k > 0 && is_speech_verb(text, words.get(k - 1), lex);
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
}
