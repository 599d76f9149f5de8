use std::sync::LazyLock;

use super::{Context, NoOptions, Rule};
use crate::document::ParagraphKind;
use crate::extract::{WordSet, with_lowercase};
use crate::source::Span;

declare_rule! {
    /// Flags a sentence with no verb: a date or prepositional phrase split off its sentence.
    ///
    /// ## What it does
    /// Finds body sentences that consist of nothing but a date, optionally
    /// after a preposition (`On September 2.`), or a short phrase that opens
    /// with a preposition and holds only words that cannot be verbs:
    /// determiners, prepositions, figures, capitalized names, months and
    /// weekdays, and time words (`In the morning.`, `At the end of June.`).
    /// It stands between other sentences of a paragraph. Headlines,
    /// sign-offs (`Paris, 27.09.2020`), datelines and list items are not
    /// sentences and are never flagged, nor is a paragraph that is a phrase
    /// alone, an answer after a question (`When? On Monday.`), or a phrase
    /// after an abbreviation that may have ended the sentence before it
    /// (`trade with the U.S. In 1987.` is one sentence).
    ///
    /// ## Why is this bad?
    /// A stray full stop cut the phrase off the event it belongs to: the
    /// reader cannot tell which sentence it completes.
    ///
    /// ## Example
    /// ```text
    /// It declared independence through a popular referendum. On September 2.
    /// ```
    /// Use instead:
    /// ```text
    /// It declared independence through a popular referendum on September 2.
    /// ```
    ///
    /// ## Known limitations
    /// Without a part-of-speech tagger the rule only recognizes phrases made
    /// of the closed word classes above; a fragment such as `A big win.` is
    /// not reported.
    pub SentenceFragment, "sentence-fragment"
}

const PREPOSITIONS: &[&str] = &[
    "on", "in", "by", "since", "until", "till", "from", "before", "after", "during", "as", "of", "at", "and", "or",
    "through", "early", "late", "mid",
];

/// Prepositions that can open a verbless phrase split off its sentence.
const OPENERS: &[&str] = &[
    "on",
    "in",
    "by",
    "since",
    "until",
    "till",
    "from",
    "before",
    "after",
    "during",
    "at",
    "through",
    "throughout",
];

/// Words that cannot be the verb of a sentence, besides figures and
/// capitalized names.
const NON_VERBS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "his",
    "her",
    "their",
    "our",
    "of",
    "on",
    "in",
    "at",
    "by",
    "to",
    "from",
    "for",
    "until",
    "till",
    "since",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "start",
    "middle",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "day",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "next",
    "same",
];

/// Whether the sentence text ends in an abbreviation's period (`the U.S.`,
/// `Inc.`): the split after it may be the splitter's guess, not the
/// writer's.
fn ends_in_abbreviation(sentence: &str, cx: &Context<'_>) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
        .next()
        .unwrap_or("");
    // The checks that need no lexicon first; none of them has side effects.
    (word.contains('.') && word.split('.').all(|seg| seg.chars().count() <= 2))
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || with_lowercase(word, |lower| {
            cx.lex.contains("abbreviations", lower) || cx.lex.contains("titles", lower)
        })
}

/// [`OPENERS`], [`NON_VERBS`] and [`PREPOSITIONS`] bucketed for lookups
/// without lower-casing.
static OPENER_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(OPENERS.iter().copied()));
static NON_VERB_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(NON_VERBS.iter().copied()));
static PREPOSITION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(PREPOSITIONS.iter().copied()));

/// Whether `w` lower-cased is one of `list` (whose words are also in `set`):
/// an ASCII word is looked up in any case without copying.
fn lower_in(w: &str, list: &[&str], set: &WordSet) -> bool {
    if w.is_ascii() {
        set.contains(w.as_bytes())
    } else {
        with_lowercase(w, |lower| list.contains(&lower))
    }
}

/// Whether the sentence text may start with one of [`OPENERS`]: they are
/// ASCII words of two letters or more, so the first two bytes must be one's
/// first two letters, in any case (a non-ASCII byte leaves it to the full
/// check).
fn may_open(b: &[u8]) -> bool {
    let (Some(&x), Some(&y)) = (b.first(), b.get(1)) else {
        return true;
    };
    if x >= 0x80 || y >= 0x80 {
        return true;
    }
    // The first two letters of every opener.
    matches!(
        [x.to_ascii_lowercase(), y.to_ascii_lowercase()],
        [b'o', b'n']
            | [b'i', b'n']
            | [b'b', b'y']
            | [b's', b'i']
            | [b'u', b'n']
            | [b't', b'i']
            | [b'f', b'r']
            | [b'b', b'e']
            | [b'a', b'f']
            | [b'd', b'u']
            | [b'a', b't']
            | [b't', b'h']
    )
}

/// Whether the sentence is a short verbless phrase opened by a preposition;
/// `words` are its words.
fn is_verbless_phrase(cx: &Context<'_>, span: Span, words: &[Span]) -> bool {
    let text = cx.text();
    // Two to eight words, the first an opener and the rest non-verbs; read
    // lazily, as most sentences fail at the first word. Too few or too many
    // words fail before any is read.
    if !(2..=8).contains(&words.len()) {
        return false;
    }
    let mut words = words.iter().map(|w| w.slice(text));
    let Some(first) = words.next() else {
        return false;
    };
    if !lower_in(first, OPENERS, &OPENER_SET) {
        return false;
    }
    // A comma outside a date joins a list or a clause: not a bare phrase.
    if span.slice(text).contains(',') {
        return false;
    }
    let mut count = 1;
    for w in words {
        count += 1;
        if count > 8 {
            return false;
        }
        let non_verb = lower_in(w, NON_VERBS, &NON_VERB_SET)
            || w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            || (w.starts_with(char::is_uppercase) && w != "I");
        if !non_verb {
            return false;
        }
    }
    count >= 2
}

impl Rule for SentenceFragment {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let doc = cx.doc;
        // The first date that may lie in each sentence: sentences come in
        // order, so a cursor moves forward instead of a search per sentence.
        let dates = &cx.facts.dates;
        let mut next_date = 0;
        // Whether every sentence starts after the one before: then sentence
        // `si`'s words are `sentence_words(si)`, with no search (asked once).
        let mut sorted: Option<bool> = None;
        // Only sentences of body paragraphs of two sentences or more: the
        // others are passed over a paragraph at a time.
        let candidates = doc
            .paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Body && p.sentences.len() >= 2)
            .flat_map(|p| p.sentences.clone());
        for si in candidates {
            let s = &doc.sentences[si];
            // A full stop at the end, a capital at the start; the first
            // byte decides for ASCII. The bytes need no char boundary test,
            // the text only for the rare sentences that pass.
            let bytes = &text.as_bytes()[s.span.start..s.span.end];
            let starts_upper = match bytes.first() {
                Some(&c) if c < 0x80 => c.is_ascii_uppercase(),
                _ => s.span.slice(text).starts_with(char::is_uppercase),
            };
            if bytes.last() != Some(&b'.') || !starts_upper {
                continue;
            }
            // The conditions below have no side effects; the rare ones
            // (a date or a verbless phrase alone) are asked first.
            // `Facts::dates_in(s.span).next()`.
            if next_date > 0 && dates[next_date - 1].span.start >= s.span.start {
                next_date = dates.partition_point(|d| d.span.start < s.span.start);
            }
            while dates.get(next_date).is_some_and(|d| d.span.start < s.span.start) {
                next_date += 1;
            }
            let first_date = dates[next_date..]
                .iter()
                .take_while(|d| d.span.start < s.span.end)
                .find(|d| d.span.end <= s.span.end);
            let date_only = first_date.is_some_and(|date| {
                // Everything outside the date: an optional preposition and
                // the final stop.
                // The end first: most dates have words after them.
                let after = text[date.span.end..s.span.end].trim();
                if !matches!(after, "." | "") {
                    return false;
                }
                let before = text[s.span.start..date.span.start].trim();
                before.is_empty() || lower_in(before, PREPOSITIONS, &PREPOSITION_SET)
            });
            let verbless = may_open(bytes) && {
                let sorted =
                    *sorted.get_or_insert_with(|| doc.sentences.windows(2).all(|w| w[0].span.start < w[1].span.start));
                if sorted {
                    is_verbless_phrase(cx, s.span, doc.sentence_words(si))
                } else {
                    let words: Vec<Span> = doc.words(s.span).collect();
                    is_verbless_phrase(cx, s.span, &words)
                }
            };
            if !date_only && !verbless {
                continue;
            }
            let body = s.span.slice(text);
            if body.contains(['"', '“', '”', '(', ')', '\n']) || ends_in_abbreviation(body, cx) {
                continue;
            }
            let prev = (si > 0)
                .then(|| doc.sentences[si - 1])
                .filter(|p| p.paragraph == s.paragraph);
            if let Some(p) = prev {
                let prev_text = p.span.slice(text);
                // An answer to a question is ordinary dialogue.
                if prev_text.ends_with(['?', '"', '”', ':']) || ends_in_abbreviation(prev_text, cx) {
                    continue;
                }
            }
            let fragment = body.to_string();
            let message = if date_only {
                format!("\"{fragment}\" is a date phrase standing alone as a sentence")
            } else {
                format!("\"{fragment}\" has no verb: a phrase standing alone as a sentence")
            };
            let d = cx.report(s.span, message);
            d.primary(if date_only { "no verb: only a date" } else { "no verb" });
            if let Some(p) = prev {
                d.label(p.span, "the phrase probably belongs to this sentence");
            } else if let Some(next) = doc.sentences.get(si + 1).filter(|n| n.paragraph == s.paragraph) {
                d.label(next.span, "or to this one");
            }
            d.help("join the phrase to the sentence it belongs to, or remove the stray full stop");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn may_open_lets_through_every_opener_start_in_any_case() {
        for x in 0..0x80u8 {
            for y in 0..0x80u8 {
                let want = OPENERS
                    .iter()
                    .any(|o| o.as_bytes()[0] == x.to_ascii_lowercase() && o.as_bytes()[1] == y.to_ascii_lowercase());
                let text = String::from_utf8(vec![x, y]).expect("ASCII");
                assert_eq!(may_open(text.as_bytes()), want, "{x:#x} {y:#x}");
            }
        }
    }

    #[test]
    fn flags_date_split_off_its_sentence() {
        assert_flags::<SentenceFragment>(
            "It declared its independence in 1991 through a popular referendum. On September 2. This independence has been challenged.",
            &["On September 2."],
        );
        assert_flags::<SentenceFragment>(
            "The vote was held. In March 2021. Turnout was low.",
            &["In March 2021."],
        );
    }

    #[test]
    fn silent_on_sign_offs_headlines_and_real_sentences() {
        assert_silent::<SentenceFragment>("The party condemns the attack.\n\nParis, 27.09.2020\n\nIt calls for peace.");
        assert_silent::<SentenceFragment>("September 27, 2020\n\nThe attack began at dawn. It continued all day.");
        assert_silent::<SentenceFragment>("It happened on September 2. Nobody expected it.");
        assert_silent::<SentenceFragment>("When did it start? On September 2.\n\nNext paragraph.");
        assert_silent::<SentenceFragment>("The dates were set. September 2 is the first day of talks.");
    }

    #[test]
    fn flags_verbless_phrase_split_off() {
        assert_flags::<SentenceFragment>(
            "The troops crossed the river. In the early morning. Nobody saw them.",
            &["In the early morning."],
        );
        assert_flags::<SentenceFragment>(
            "The talks resumed in Geneva. At the end of June. Both sides attended.",
            &["At the end of June."],
        );
    }

    #[test]
    fn silent_after_an_abbreviation_and_on_phrases_with_verbs() {
        // `the U.S.` may end the sentence or not: the splitter guessed.
        assert_silent::<SentenceFragment>("Exports rose to the U.S. In July 1984. Imports fell.");
        assert_silent::<SentenceFragment>("It was sold to Acme Inc. In 1990. The price was low.");
        assert_silent::<SentenceFragment>("The troops crossed the river. In the morning they rested. Nobody saw them.");
        assert_silent::<SentenceFragment>("Of course. That was the plan. It worked.");
        assert_silent::<SentenceFragment>("Talks were held. In Paris, Britain, Japan, the U.S. And others joined.");
        assert_silent::<SentenceFragment>("Where was it held? In Geneva. Both sides attended.");
        assert_silent::<SentenceFragment>("He said: \"In the morning.\" Then he left.");
    }
}
