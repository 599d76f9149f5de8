use chrono::Datelike;

use super::{Context, NoOptions, Rule};
use crate::extract::Granularity;
use crate::source::Span;

declare_rule! {
    /// Flags a past event dated after the article was written.
    ///
    /// ## What it does
    /// For a day-level date written after `on` and governed by a past-tense
    /// verb (`approved the plan on April 12`), reports the date when it
    /// falls after the article's reference date (front matter, `date`
    /// header, dateline with a year, or `--date`). A date without a year is
    /// read in the reference date's year, as AP style writes dates of the
    /// current year, and is only judged within a month after the reference
    /// (`said on Dec. 30` in a February story is last December's). Sentences that look ahead or report plans (`will`,
    /// `would`, `to`, `until`, `scheduled`, `expected`, ...) are never
    /// flagged, and without a reference date the rule is silent.
    ///
    /// ## Why is this bad?
    /// A story cannot report as done something that happens after it was
    /// written: either the date is wrong (often the month or the year) or
    /// the story's date is.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// date: 2019-04-09
    /// ---
    /// The council approved the plan on April 12.
    /// ```
    /// Use instead:
    /// ```text
    /// The council approved the budget on April 2.
    /// ```
    ///
    /// ## Known limitations
    /// Tense is read from a short list of past-tense verbs and `-ed` words
    /// before the date in the same clause, not from a parse.
    pub DateAfterPublication, "date-after-publication"
}

/// Words that make a sentence about the future, a plan, a condition or a
/// schedule: the rule stays silent on it.
const NOT_PAST: &[&str] = &[
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "won't",
    "wouldn't",
    "to",
    "until",
    "till",
    "by",
    "before",
    "next",
    "scheduled",
    "rescheduled",
    "expected",
    "expects",
    "planned",
    "plans",
    "due",
    "deadline",
    "set",
    "upcoming",
    "proposed",
    "postponed",
    "delayed",
    "moved",
    "pushed",
    "adjourned",
    "deferred",
    "extended",
    "starting",
    "beginning",
    "effective",
    "from",
    "through",
    "if",
    "unless",
    "when",
    "once",
    "ordered",
    "asked",
    "told",
    "summoned",
    "invited",
    "called",
    "slated",
    "agreed",
    "announced",
    "promised",
    "pledged",
    "vowed",
    "going",
    "hopes",
    "hoped",
    "aims",
    "aimed",
    "intends",
    "intended",
    "wants",
    "wanted",
    "is",
    "are",
    "am",
    "be",
    "being",
    "has",
    "have",
    "ahead",
    "later",
    "again",
    "still",
    "every",
    "each",
];

/// Irregular past-tense verbs common in news.
const PAST_IRREGULAR: &[&str] = &[
    "was", "were", "said", "met", "took", "held", "won", "lost", "began", "came", "went", "left", "gave", "made",
    "paid", "rose", "fell", "sold", "bought", "found", "saw", "became", "ran", "struck", "shot", "fought", "led",
    "broke", "spoke", "wrote", "hit", "quit", "beat", "flew", "drove", "sent", "spent", "built", "stood", "won", "got",
    "knew", "thought", "brought", "caught", "taught", "told", "felt", "kept", "slept", "swore", "tore",
];

/// `-ed` words that are not past events (adjectives, or verbs of planning).
const ED_NOT_PAST: &[&str] = &[
    "need", "indeed", "red", "bed", "shed", "united", "limited", "based", "related", "detailed", "speed", "feed",
    "seed", "breed", "weed", "hundred", "bred", "led", "fled", "sled", "wed",
];

fn is_past_verb(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    if PAST_IRREGULAR.contains(&w.as_str()) {
        return true;
    }
    w.len() > 4 && w.ends_with("ed") && !ED_NOT_PAST.contains(&w.as_str())
}

/// Nouns of action and event words a date attaches to rather than to the
/// verb before them.
const EVENT_NOUNS: &[&str] = &[
    "meeting",
    "session",
    "vote",
    "election",
    "deadline",
    "payment",
    "date",
    "hearing",
    "summit",
    "trial",
    "talks",
    "auction",
    "tender",
    "sale",
    "offer",
    "visit",
    "conference",
    "referendum",
    "ballot",
    "poll",
    "redemption",
    "expiry",
    "maturity",
    "delivery",
    "closing",
    "launch",
    "release",
];

/// A word that may sit between a verb and `on` in `approved the plan on`.
fn plain_object_word(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    // A preposition starts a phrase the date may belong to (`bills for
    // resale on April 30`).
    const PREPOSITIONS: &[&str] = &[
        "for", "of", "at", "in", "with", "into", "under", "over", "after", "during", "about",
    ];
    !(EVENT_NOUNS.contains(&w.as_str())
        || PREPOSITIONS.contains(&w.as_str())
        || ["ing", "tion", "sion", "ment", "ance", "ence", "al"]
            .iter()
            .any(|s| w.ends_with(s))
        || w.chars().any(|c| c.is_ascii_digit()))
}

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

impl Rule for DateAfterPublication {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let Some(reference) = cx.doc.metadata.reference else {
            return;
        };
        let r = reference.date;
        let text = cx.text();
        let dateline = cx.doc.metadata.dateline.as_ref().map(|d| d.span);
        let ref_span = ref_span(cx, reference.source);
        for s in &cx.doc.sentences {
            let st = s.span.slice(text);
            if words(st).any(|w| NOT_PAST.contains(&w.to_ascii_lowercase().as_str()) || w.ends_with("'ll")) {
                continue;
            }
            if st.contains('?') || st.contains(['"', '“', '”']) {
                continue;
            }
            for d in cx.facts.dates_in(s.span) {
                if d.granularity != Granularity::Day || d.range_end.is_some() {
                    continue;
                }
                if dateline.is_some_and(|dl| dl.contains(d.span)) {
                    continue;
                }
                let (Some(m), Some(day)) = (d.month, d.day) else {
                    continue;
                };
                let Some(date) = chrono::NaiveDate::from_ymd_opt(d.year.unwrap_or(r.year()), m, day) else {
                    continue;
                };
                // A date without a year may be last year's (`said on Dec.
                // 30` in a February story): only a day within the month
                // after the reference is certainly this year's.
                if date <= r || (d.year.is_none() && (date - r).num_days() > 31) {
                    continue;
                }
                // The clause before the date: a few hundred bytes at most.
                let mut from = d.span.start.saturating_sub(300).max(s.span.start);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                let head = &text[from..d.span.start];
                let mut before = words(head).rev();
                if !before.next().is_some_and(|w| w.eq_ignore_ascii_case("on")) {
                    continue;
                }
                // A past-tense verb must govern the date: right before `on`,
                // or before an object of up to four words (`approved the plan on`) with no
                // noun of action the date could belong to instead (`the
                // redemption on April 20`, `a meeting on April 13`).
                let clause_start = head.rfind([';', ',', '(']).map_or(0, |p| p + 1);
                let clause: Vec<&str> = words(&head[clause_start..]).collect();
                let Some(on_at) = clause.len().checked_sub(1) else {
                    continue;
                };
                let governed = (on_at.saturating_sub(5)..on_at).rev().find_map(|k| {
                    let between = &clause[k + 1..on_at];
                    (is_past_verb(clause[k]) && between.iter().all(|w| plain_object_word(w))).then_some(clause[k])
                });
                let Some(verb) = governed else { continue };
                let verb = verb.to_string();
                let written = d.span.slice(text).to_string();
                let days = (date - r).num_days();
                let unit = if days == 1 { "day" } else { "days" };
                let diag = cx.report(
                    d.span,
                    format!(
                        "\"{written}\" is {days} {unit} after the article's date ({r}), but \"{verb}\" tells it as past"
                    ),
                );
                diag.primary(format!("{}", date.format("%Y-%m-%d")));
                if let Some(span) = ref_span {
                    diag.label(span, "the article's date");
                }
                diag.help("check the date (often the month or the year) or the article's date");
            }
        }
    }
}

fn ref_span(cx: &Context<'_>, source: crate::document::RefSource) -> Option<Span> {
    use crate::document::RefSource;
    let meta = &cx.doc.metadata;
    match source {
        RefSource::FrontMatter => meta.front_matter.as_ref().and_then(|f| f.date).map(|(_, s)| s),
        RefSource::Header => meta.header.map(|(_, s)| s),
        RefSource::Dateline => meta.dateline.as_ref().and_then(|d| d.date.as_ref()).map(|d| d.span),
        RefSource::CommandLine => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent, run};

    const DATED: &str = "---\ndate: 2019-04-09\n---\n";

    #[test]
    fn flags_past_events_after_the_article_date() {
        let text = format!("{DATED}The council approved the plan on April 12.");
        assert_flags::<DateAfterPublication>(&text, &["April 12"]);
        let d = run::<DateAfterPublication>(&text);
        assert_eq!(
            d[0].message,
            "\"April 12\" is 3 days after the article's date (2019-04-09), but \"approved\" tells it as past"
        );
        let text = format!("{DATED}The minister resigned on Jan. 3, 2020.");
        assert_flags::<DateAfterPublication>(&text, &["Jan. 3, 2020"]);
    }

    #[test]
    fn silent_on_plans_conditions_and_earlier_days() {
        for body in [
            "The council will approve the plan on April 12.",
            "The council is expected to vote on April 12.",
            "The vote was postponed until April 12.",
            "The council approved the budget on April 2.",
            "The council approved the budget on Jan. 3, 2019.",
            "If the council approved the plan on April 12, work could start.",
            "The board authorized the redemption on April 20 of its bonds.",
            "The board approved a special meeting on April 13.",
            "Dealers bought bills for resale on April 30 at 10 pct.",
            "The council said the vote on April 12 would be close.",
            "Voters go to the polls on April 12.",
            "The council, which met on Monday, votes on April 12.",
        ] {
            assert_silent::<DateAfterPublication>(&format!("{DATED}{body}"));
        }
        // No reference date: nothing to compare.
        assert_silent::<DateAfterPublication>("The council approved the plan on April 12.");
    }
}
