use std::collections::HashMap;

use super::number_direction::{NumberCursor, lemma_of};
use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind};
use crate::source::Span;

declare_rule! {
    /// Flags the same thing counted twice with different figures: `Four people died` ... `the five victims`.
    ///
    /// ## What it does
    /// Indexes every count by what it counts (the noun's singular, or for
    /// victims the kind of casualty: killed or injured), then looks at each
    /// definite restatement (`the 210 destroyed homes`, `the five victims`,
    /// `all 12 miners`) and flags it when an earlier count of the same thing
    /// gave a smaller figure. A smaller restatement is usually a subset (`the
    /// two warehouses` it closed, of the 12 it ran) and is left alone.
    ///
    /// It stays silent when the difference is likely news rather than an
    /// error: a hedged figure (`at least`, `about`), an update (`rose to`,
    /// `the toll`, `now`), another group (`another`, `more`, `the 30 homes
    /// in the village`), different dates, a total of earlier parts, or a
    /// noun counted three or more ways in one article, or a figure between
    /// the two that makes up the difference.
    ///
    /// ## Why is this bad?
    /// A reader who meets two figures for one thing cannot tell which is
    /// right; it is the most common arithmetic slip in breaking news.
    ///
    /// ## Example
    /// ```text
    /// Four people died when the bridge collapsed. The five victims were all local.
    /// ```
    /// Use instead:
    /// ```text
    /// Four people died when the bridge collapsed. The four victims were all local.
    /// ```
    ///
    /// ## Known limitations
    /// Only restatements with `the`, `all`, `those` or `these` before the
    /// figure are checked; `Four died ... five people were killed` is not.
    pub NumberRestatedMismatch, "number-restated-mismatch"
}

/// Nouns that measure time, money or distance, or score games: restated
/// with different figures all the time.
#[cfg(test)]
const UNCOUNTED: &[&str] = &[
    "year", "month", "week", "day", "hour", "minute", "second", "time", "decade", "century", "percent", "point",
    "cent", "mile", "metre", "meter", "foot", "feet", "inch", "pound", "kg", "km", "dollar", "dlr", "euro", "pence",
    "game", "match", "goal", "run", "yard", "round", "set", "lap", "shot", "stage", "per", "share", "other", "more",
    "most", "least", "one", "times", "way", "thing", "part", "step", "page", "word",
];

/// Whether `lemma` names something whose counts are not compared (units,
/// times, `other`, `one`...): the test list `UNCOUNTED` as a `match`.
fn is_uncounted(lemma: &str) -> bool {
    matches!(
        lemma,
        "year"
            | "month"
            | "week"
            | "day"
            | "hour"
            | "minute"
            | "second"
            | "time"
            | "decade"
            | "century"
            | "percent"
            | "point"
            | "cent"
            | "mile"
            | "metre"
            | "meter"
            | "foot"
            | "feet"
            | "inch"
            | "pound"
            | "kg"
            | "km"
            | "dollar"
            | "dlr"
            | "euro"
            | "pence"
            | "game"
            | "match"
            | "goal"
            | "run"
            | "yard"
            | "round"
            | "set"
            | "lap"
            | "shot"
            | "stage"
            | "per"
            | "share"
            | "other"
            | "more"
            | "most"
            | "least"
            | "one"
            | "times"
            | "way"
            | "thing"
            | "part"
            | "step"
            | "page"
            | "word"
    )
}

const UPDATE_WORDS: &[&str] = &[
    "rose",
    "risen",
    "rise",
    "rising",
    "climbed",
    "increased",
    "jumped",
    "now",
    "toll",
    "total",
    "totals",
    "bringing",
    "brings",
    "updated",
    "revised",
    "another",
    "more",
    "additional",
    "further",
    "latest",
    "so far",
    "earlier",
    "previously",
    "originally",
    "initially",
    "including",
    "of them",
    "of whom",
    "among",
    "remaining",
    "other",
    "others",
    "instead",
    "rather",
    "than",
    "compared",
    "at least",
    "more than",
];

/// Words after a noun that narrow the group: `the 30 homes in the village`.
const RESTRICTORS: &[&str] = &[
    "in", "at", "from", "of", "who", "which", "that", "on", "with", "aged", "under", "over", "across", "between",
    "near", "outside", "inside", "along", "whose", "by", "for",
];

fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    text[..at]
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .rev()
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

fn words_after(text: &str, at: usize, n: usize) -> Vec<String> {
    text[at..]
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

/// The part of [`key`] that reads no text: necessary for a key.
fn may_count(n: &NumberFact) -> bool {
    n.kind == NumberKind::Cardinal
        && n.second.is_none()
        && n.value >= 2.0
        && n.value.fract() == 0.0
        && n.noun.is_some_and(|noun| noun.start >= n.span.start)
        && n.noun_text.is_some()
}

/// What a count counts, for indexing: `casualty:killed`, `home`.
fn key(n: &NumberFact, text: &str, injured_seen: &mut bool) -> Option<String> {
    if n.kind != NumberKind::Cardinal || n.second.is_some() || n.value < 2.0 || n.value.fract() != 0.0 {
        return None;
    }
    let noun = n.noun?;
    if noun.start < n.span.start {
        return None; // `an army of 10 million`: a size, not a count
    }
    let lemma = lemma_of(n)?;
    if n.class.as_deref() == Some("casualty") {
        let mut around = words_after(text, noun.start, 4);
        around.extend(words_before(text, n.span.start, 1));
        let killed = [
            "dead",
            "died",
            "killed",
            "death",
            "deaths",
            "fatalities",
            "lives",
            "bodies",
            "drowned",
        ];
        let hurt = ["injured", "wounded", "hurt", "injuries"];
        let sub = if around.iter().any(|w| hurt.contains(&w.as_str())) {
            *injured_seen = true;
            "injured"
        } else if around.iter().any(|w| killed.contains(&w.as_str())) {
            "killed"
        } else {
            "victim"
        };
        return Some(format!("casualty:{sub}"));
    }
    if lemma.len() < 3 || !lemma.chars().all(char::is_alphabetic) || is_uncounted(&lemma) {
        return None;
    }
    // `six leading industrial nations`: an adjective, not the head noun.
    if is_adjective(&lemma) || n.value >= 100_000.0 {
        return None;
    }
    if n.unit.is_some() || n.class.as_deref().is_some_and(|c| c == "money" || c == "distance") {
        return None;
    }
    Some(lemma.into_owned())
}

/// Words that look like adjectives: the figure's noun comes later.
fn is_adjective(w: &str) -> bool {
    [
        "ing", "al", "est", "ous", "ive", "ic", "ern", "ary", "ful", "less", "able", "ible",
    ]
    .iter()
    .any(|s| w.ends_with(s))
        || matches!(
            w,
            "main"
                | "major"
                | "top"
                | "key"
                | "big"
                | "small"
                | "senior"
                | "junior"
                | "new"
                | "former"
                | "current"
                | "leading"
                | "other"
                | "remaining"
                | "separate"
                | "different"
                | "previous"
                | "last"
                | "first"
                | "few"
                | "many"
                | "more"
                | "such"
                | "same"
        )
}

/// `text.to_lowercase()` contains `injur`, `wounded` or `hurt`, without the
/// copy: only ASCII letters lower-case to these words' letters (`İ`
/// lower-cases to `i` and a combining dot, which no word here continues).
fn mentions_injured(text: &str) -> bool {
    let b = text.as_bytes();
    // Each word has a `u`, a rarer letter than their first ones: look
    // around each `u` or `U`.
    let at = |start: Option<usize>, w: &[u8]| {
        start.is_some_and(|s| b.get(s..s + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w)))
    };
    memchr::memchr2_iter(b'u', b'U', b)
        .any(|u| at(u.checked_sub(3), b"injur") || at(u.checked_sub(2), b"wounded") || at(u.checked_sub(1), b"hurt"))
}

/// Whether the word before `at` (as [`words_before`] reads it) may be
/// `the`, `all`, `those` or `these` in any case: exactly that for ASCII, and
/// yes whenever a non-ASCII character is met.
fn may_follow_definite(text: &str, at: usize) -> bool {
    let b = &text.as_bytes()[..at];
    let in_word = |c: u8| c.is_ascii_alphanumeric() || c == b'\'';
    let mut j = b.len();
    while j > 0 && !in_word(b[j - 1]) {
        if b[j - 1] >= 0x80 {
            return true;
        }
        j -= 1;
    }
    let end = j;
    while j > 0 && in_word(b[j - 1]) {
        j -= 1;
    }
    if j > 0 && b[j - 1] >= 0x80 {
        return true;
    }
    let w = &b[j..end];
    [&b"the"[..], b"all", b"those", b"these"]
        .iter()
        .any(|d| w.eq_ignore_ascii_case(d))
}

struct Count<'a> {
    fact: &'a NumberFact,
    key: String,
    sentence: Span,
}

impl Rule for NumberRestatedMismatch {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // Whether the article mentions the injured anywhere is settled
        // below, once there are counts to compare.
        let mut injured_seen = false;
        // A mismatch needs two counts: most articles have fewer numbers that
        // pass even the cheap part of `key`.
        if cx.facts.numbers.iter().filter(|n| may_count(n)).nth(1).is_none() {
            return;
        }
        // The later count of a reported pair comes after `the`, `all`,
        // `those` or `these`: most articles have no such count.
        if !cx
            .facts
            .numbers
            .iter()
            .any(|n| may_count(n) && may_follow_definite(text, n.span.start))
        {
            return;
        }
        let mut counts: Vec<Count> = Vec::new();
        let mut cursor = NumberCursor::new(&cx.facts.numbers);
        for s in &cx.doc.sentences {
            for n in cursor.within(s.span) {
                if let Some(k) = key(n, text, &mut injured_seen) {
                    counts.push(Count {
                        fact: n,
                        key: k,
                        sentence: s.span,
                    });
                }
            }
        }
        // Two counts with one key at least, the later one larger and neither
        // hedged: what a report needs of the pair it names (victims and
        // deaths read as one key here, as they may be merged below).
        let casualty = |k: &str| k == "casualty:victim" || k == "casualty:killed";
        let may_pair = |e: &Count, l: &Count| {
            l.fact.value > e.fact.value
                && !e.fact.approx
                && !l.fact.approx
                && (e.key == l.key || (casualty(&e.key) && casualty(&l.key)))
        };
        if !counts
            .iter()
            .enumerate()
            .any(|(i, e)| counts[i + 1..].iter().any(|l| may_pair(e, l)))
        {
            return;
        }
        // Whether the article mentions the injured: asked only when a count
        // of victims or deaths could be merged.
        let merges = counts
            .iter()
            .any(|c| c.key == "casualty:victim" || c.key == "casualty:killed");
        injured_seen = injured_seen || merges && mentions_injured(text);
        // Victims may include the injured: compare them with deaths only
        // when no injured are counted.
        let merge = |k: &str| -> String {
            if !injured_seen && (k == "casualty:victim" || k == "casualty:killed") {
                "casualty:killed".to_string()
            } else {
                k.to_string()
            }
        };
        let mut by_key: HashMap<String, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
        for (i, c) in counts.iter().enumerate() {
            by_key.entry(merge(&c.key)).or_default().push(i);
        }
        for idx in by_key.values() {
            let mut values: Vec<f64> = idx.iter().map(|&i| counts[i].fact.value).collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            if values.len() != 2 {
                continue; // consistent, or counted three ways: several groups
            }
            for w in idx.windows(2) {
                let (e, l) = (&counts[w[0]], &counts[w[1]]);
                let (ef, lf) = (e.fact, l.fact);
                // A smaller later figure is usually a subset (`the two
                // warehouses` it closed of the 12 it ran): only a larger one
                // is read as a restatement.
                if lf.value <= ef.value || ef.approx || lf.approx {
                    continue;
                }
                // Parts that make up the difference (`three locals` ... `two
                // more` ... `the five locals`).
                let diff = lf.value - ef.value;
                if cx
                    .facts
                    .numbers_in(Span::new(ef.span.end, l.sentence.end))
                    .any(|n| n.value == diff)
                {
                    continue;
                }
                let before = words_before(text, lf.span.start, 1);
                if !before
                    .first()
                    .is_some_and(|w| matches!(w.as_str(), "the" | "all" | "those" | "these"))
                {
                    continue;
                }
                let noun = lf.noun.unwrap_or(lf.span);
                if words_after(text, noun.end, 1)
                    .first()
                    .is_some_and(|w| RESTRICTORS.contains(&w.as_str()))
                {
                    continue;
                }
                let has_update = |span: Span| {
                    let t = format!(
                        " {} ",
                        span.slice(text)
                            .to_lowercase()
                            .replace(|c: char| !c.is_alphanumeric(), " ")
                    );
                    UPDATE_WORDS.iter().any(|u| t.contains(&format!(" {u} ")))
                };
                if has_update(l.sentence) || has_update(e.sentence) {
                    continue;
                }
                let dates = |span: Span| -> Vec<&str> { cx.facts.dates_in(span).map(|d| d.span.slice(text)).collect() };
                let (de, dl) = (dates(e.sentence), dates(l.sentence));
                if !de.is_empty() && !dl.is_empty() && de != dl {
                    continue;
                }
                let ew = ef.noun.map_or(ef.span, |n| ef.span.to(n)).slice(text);
                let lw = lf.span.slice(text);
                let noun_text = lf.noun_text.clone().unwrap_or_default();
                cx.report(
                    lf.span.to(noun),
                    format!("\"{lw} {noun_text}\" restates a count given earlier as \"{ew}\""),
                )
                .primary("restated count")
                .label(ef.noun.map_or(ef.span, |n| ef.span.to(n)), "first count")
                .help("make the two figures agree, or say what changed between them");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn may_follow_definite_is_yes_whenever_the_word_before_is() {
        for text in [
            "the 5",
            "THE 5",
            "all, 5",
            "of those  5",
            "These' 5",
            "bathe 5",
            "the5",
            "5",
            " 5",
            "caf\u{e9} the 5",
            "th\u{e9} 5",
            "the \u{2014} 5",
            "it's 5",
            "others 5",
        ] {
            let at = text.len() - 1;
            let exact = words_before(text, at, 1)
                .first()
                .is_some_and(|w| matches!(w.as_str(), "the" | "all" | "those" | "these"));
            assert!(!exact || may_follow_definite(text, at), "{text:?}");
            if text.is_ascii() {
                assert_eq!(may_follow_definite(text, at), exact, "{text:?}");
            }
        }
    }

    #[test]
    fn uncounted_match_is_the_list() {
        for w in UNCOUNTED {
            assert!(is_uncounted(w), "{w}");
        }
        for w in ["years", "Year", "people", "", "ye", "homes"] {
            assert_eq!(is_uncounted(w), UNCOUNTED.contains(&w), "{w}");
        }
    }

    #[test]
    fn mentions_injured_finds_the_words_in_any_case() {
        let slow = |t: &str| {
            let l = t.to_lowercase();
            l.contains("injur") || l.contains("wounded") || l.contains("hurt")
        };
        for t in [
            "",
            "u",
            "hurt",
            "HURT",
            "Hurt.",
            "injured",
            "INJURIES",
            "wounded",
            "WoUnDeD",
            "unhurt",
            "hu rt",
            "injure",
            "wound",
            "huts",
            "She was not hurt",
            "u hurt",
            "Injur",
        ] {
            assert_eq!(mentions_injured(t), slow(t), "{t:?}");
        }
    }

    #[test]
    fn flags_a_restatement_with_another_figure() {
        assert_flags::<NumberRestatedMismatch>(
            "Four people died when the bridge collapsed. The five victims were all local.",
            &["five victims"],
        );
        assert_flags::<NumberRestatedMismatch>(
            "The storm destroyed 120 homes on Tuesday. Insurers will pay for the 210 destroyed homes.",
            &["210 destroyed homes"],
        );
    }

    #[test]
    fn silent_on_updates_subsets_and_agreement() {
        assert_silent::<NumberRestatedMismatch>("Four people died in the crash. The four victims were all local.");
        assert_silent::<NumberRestatedMismatch>(
            "The storm destroyed 120 homes. The 30 homes in the village were rebuilt.",
        );
        assert_silent::<NumberRestatedMismatch>("At least four people died. The five victims were named on Friday.");
        assert_silent::<NumberRestatedMismatch>(
            "Four people died. The toll later rose, and the five victims were named.",
        );
        assert_silent::<NumberRestatedMismatch>(
            "Four people died and three were injured. The seven victims were taken to hospital.",
        );
        assert_silent::<NumberRestatedMismatch>(
            "He scored 12 goals in May. The 15 goals he scored in June won the title.",
        );
        assert_silent::<NumberRestatedMismatch>("It sold 40 cars. Another 30 cars were sold. The 70 cars were blue.");
        assert_silent::<NumberRestatedMismatch>("It runs 12 depots. It blamed the two depots it shut.");
        assert_silent::<NumberRestatedMismatch>("Three unions struck. Two unions joined them. The five unions met.");
        assert_silent::<NumberRestatedMismatch>("Six leading nations met. The seven leading nations met later.");
    }
}
