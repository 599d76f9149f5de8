use std::sync::LazyLock;

use chrono::Datelike;
use memchr::memmem::Finder;

use super::{Context, NoOptions, Rule};
use crate::document::Sentence;
use crate::extract::{Anchor, DateFact, Granularity, Unit};
use crate::source::Span;

declare_rule! {
    /// Flags elapsed-time arithmetic that does not add up.
    ///
    /// ## What it does
    /// Checks four kinds of sum a copy editor redoes by hand:
    /// - `in 1998, 30 years ago`: a year and an `N years ago` side by side
    ///   must agree, counting from the article's date (one year of slack);
    /// - `the 25th anniversary of the 1991 vote`: the anniversary's number
    ///   must be the years from the named year to the article's date, or to
    ///   another year in the sentence (one year of slack, since stories look
    ///   ahead to anniversaries);
    /// - `Okafor, 52, who was born in 1962`: an age must be the years since
    ///   the birth year, or one less before the birthday;
    /// - `arrested on May 3 and charged three days later, on May 7`: a date
    ///   counted from another must land where the text says.
    ///
    /// Sums that need the article's date (the first three) are skipped
    /// without one.
    ///
    /// ## Why is this bad?
    /// Readers do the sum too. When it fails, they stop trusting both
    /// figures, and a wrong age or year is a correction.
    ///
    /// ## Example
    /// ```text
    /// Okafor, 52, who was born in 1962, leads the party.
    /// ```
    /// Use instead (in a story dated 2019):
    /// ```text
    /// Okafor, 56, who was born in 1962, leads the party.
    /// ```
    ///
    /// ## Known limitations
    /// Only these fixed phrasings are checked; ages are read from a number
    /// set off by commas after a name, or from `aged N`.
    pub DateElapsedMismatch, "date-elapsed-mismatch"
}

/// The sentence that contains `span`.
fn sentence_of(sentences: &[Sentence], span: Span) -> Option<Span> {
    let k = sentences.partition_point(|s| s.span.end <= span.start);
    sentences
        .get(k)
        .map(|s| s.span)
        .filter(|s| s.start <= span.start && span.end <= s.end)
}

/// Whether the text between two neighbouring dates only joins them:
/// `in 1998, 30 years ago`, `three days later, on May 7`.
fn adjoining(between: &str) -> bool {
    let t = between.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '—' | '–'));
    matches!(
        t.to_ascii_lowercase().as_str(),
        "" | "in" | "on" | "or" | "that is" | "i.e."
    )
}

/// The ordinal word just before `anniversary` (`25th`, `fiftieth`).
fn ordinal_before(head: &str) -> Option<(i32, usize)> {
    let head = head.trim_end();
    let start = head
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |p| p + head[p..].chars().next().map_or(1, char::len_utf8));
    let w = head[start..].to_ascii_lowercase();
    // `centenary` is an ordinal of anniversaries only; the rest (`25th`,
    // `fiftieth`, `twenty-fifth`) is the number extractor's grammar.
    let n = match w.as_str() {
        "centenary" | "centennial" => Some(100),
        "bicentenary" | "bicentennial" => Some(200),
        _ => crate::extract::number::parse(&w)
            .filter(|&(_, kind)| kind == crate::extract::NumberKind::Ordinal)
            .map(|(v, _)| v as i32)
            .filter(|n| (1..=500).contains(n)),
    };
    n.map(|n| (n, start))
}

/// An age set off after a name (`Okafor, 52,`) or `aged 52`, before `at`.
fn age_before(text: &str) -> Option<(u32, usize, usize)> {
    // `aged 52`
    if let Some(p) = text.rfind("aged ") {
        let rest = &text[p + 5..];
        let n_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if (1..=3).contains(&n_end) {
            let age = rest[..n_end].parse().ok()?;
            return Some((age, p + 5, p + 5 + n_end));
        }
    }
    // `Name, 52,`
    let bytes = text.as_bytes();
    let mut k = 0;
    while let Some(p) = text[k..].find(", ") {
        let at = k + p + 2;
        let rest = &text[at..];
        let n_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let capital_before = text[..k + p]
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
        if (1..=3).contains(&n_end) && rest[n_end..].starts_with(',') && capital_before {
            let age = rest[..n_end].parse().ok()?;
            return Some((age, at, at + n_end));
        }
        k = at;
        if k >= bytes.len() {
            break;
        }
    }
    None
}

impl Rule for DateElapsedMismatch {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let reference = cx.doc.metadata.reference.map(|r| r.date);
        let facts = cx.facts;
        // Every check compares with a literal date.
        if facts.dates.is_empty() {
            return;
        }
        // 1 and 4: an elapsed expression next to a literal date.
        for rel in &facts.relative_dates {
            let Some(shift) = rel.shift else { continue };
            let Some(sentence) = sentence_of(&cx.doc.sentences, rel.span) else {
                continue;
            };
            // Only the literal dates right before and right after it.
            let k = facts.dates.partition_point(|d| d.span.start < rel.span.start);
            let neighbours = [k.checked_sub(1), Some(k)];
            let literal = neighbours
                .into_iter()
                .flatten()
                .filter_map(|k| facts.dates.get(k))
                .filter(|d| sentence.contains(d.span))
                .find(|d| {
                    let (a, b) = if d.span.start < rel.span.start {
                        (d.span.end, rel.span.start)
                    } else {
                        (rel.span.end, d.span.start)
                    };
                    a <= b && adjoining(&text[a..b])
                });
            let Some(lit) = literal else { continue };
            if shift.unit == Unit::Year && shift.anchor == Anchor::Reference {
                if shift.amount == 0 || lit.range_end.is_some() {
                    continue;
                }
                let (Some(r), Some(y), Some(expected)) = (reference, lit.year, rel.year) else {
                    continue;
                };
                if lit.granularity > Granularity::Year || (y - expected).abs() <= 1 {
                    continue;
                }
                let phrase = rel.span.slice(text).to_string();
                cx.report(
                    rel.span,
                    format!(
                        "\"{phrase}\" is {expected} counting from the article's date ({}), not {y}",
                        r.year()
                    ),
                )
                .primary(format!("{expected}"))
                .label(lit.span, "the year given")
                .help("correct the year or the number of years");
            } else if shift.anchor == Anchor::Previous && lit.span.start > rel.span.end {
                check_landing(cx, rel, lit);
            }
        }
        // 2: anniversaries.
        // `memmem` is the fast search for a short word; `find` is not.
        let mut k = 0;
        while let Some(p) = ANNIVERSARY.find(&text.as_bytes()[k..]) {
            let at = k + p;
            k = at + 1;
            let Some(sentence) = sentence_of(&cx.doc.sentences, Span::new(at, at + 11)) else {
                continue;
            };
            let Some((n, ord_start)) = ordinal_before(&text[sentence.start..at]) else {
                continue;
            };
            let after = Span::new(at + 15, (at + 15 + 60).min(sentence.end));
            let Some(event) = facts
                .dates_in(Span::new(after.start, sentence.end))
                .take_while(|d| d.span.start < after.end)
                .find(|d| d.granularity <= Granularity::Year && d.range_end.is_none())
            else {
                continue;
            };
            let Some(y) = event.year else { continue };
            // Other years near it in the sentence (a few hundred bytes
            // either side keeps this linear on endless sentences).
            let near = Span::new(sentence.start.max(at.saturating_sub(300)), sentence.end.min(at + 300));
            let others: Vec<i32> = facts
                .dates_in(near)
                .filter(|d| d.span != event.span && d.range_end.is_none())
                .filter_map(|d| d.year)
                .collect();
            let mut anchors = others.clone();
            anchors.extend(reference.map(|r| r.year()));
            if anchors.is_empty() || anchors.iter().any(|a| (a - y - n).abs() <= 1) {
                continue;
            }
            let ord_span = Span::new(sentence.start + ord_start, at + "anniversary".len());
            let ord_text = ord_span.slice(text).to_string();
            let anchor = others.first().copied().or(reference.map(|r| r.year())).unwrap_or(y + n);
            cx.report(
                ord_span,
                format!(
                    "\"{ord_text}\" of {y} falls in {}, but the story is set in {anchor}",
                    y + n
                ),
            )
            .primary(format!("{}", anchor - y))
            .label(event.span, "the year counted from")
            .help(format!(
                "in {anchor} it is the {}th anniversary; check the number or the year",
                anchor - y
            ));
        }
        // 3: ages and birth years.
        let Some(r) = reference else { return };
        if BORN.find(text.as_bytes()).is_none() {
            return;
        }
        for s in &cx.doc.sentences {
            let st = s.span.slice(text);
            let Some(born) = st.find("born ") else { continue };
            let Some(birth) = facts
                .dates_in(s.span)
                .find(|d| d.span.start > s.span.start + born && d.span.start <= s.span.start + born + 12)
            else {
                continue;
            };
            let (Some(by), None) = (birth.year, birth.range_end) else {
                continue;
            };
            if birth.granularity > Granularity::Year {
                continue;
            }
            let Some((age, a, b)) = age_before(&st[..born]) else {
                continue;
            };
            let years = r.year() - by;
            // Before the birthday the age is one less; a full birth date
            // decides which.
            let ok = match birth.resolved {
                Some(bd) => {
                    let had_birthday = (r.month(), r.day()) >= (bd.month(), bd.day());
                    let exact = years - i32::from(!had_birthday);
                    (age as i32 - exact).abs() <= 0
                }
                None => age as i32 == years || age as i32 == years - 1,
            };
            if ok || years <= 0 {
                continue;
            }
            let age_span = Span::new(s.span.start + a, s.span.start + b);
            let expected = if birth.resolved.is_some() {
                let bd = birth.resolved.unwrap_or_default();
                let had = (r.month(), r.day()) >= (bd.month(), bd.day());
                format!("{}", years - i32::from(!had))
            } else {
                format!("{} or {years}", years - 1)
            };
            cx.report(
                age_span,
                format!(
                    "age {age} does not match a birth in {by}: {expected} on the article's date ({})",
                    r
                ),
            )
            .primary(format!("should be {expected}"))
            .label(birth.span, "the birth date")
            .help("check the age and the birth year against the source");
        }
    }
}

/// The searches for `anniversary of ` and `born `, built once.
static ANNIVERSARY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("anniversary of "));
static BORN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("born "));

/// `three days later, on May 7`: the counted date must be the one given.
fn check_landing(cx: &mut Context<'_>, rel: &DateFact, lit: &DateFact) {
    let text = cx.text();
    let landed = match (rel.granularity, lit.granularity) {
        (Granularity::Day, Granularity::Day) => match (rel.resolved, lit.resolved) {
            (Some(a), Some(b)) if a != b => Some((a.format("%B %-d, %Y").to_string(), b)),
            _ => None,
        },
        // Counted in years: compare years, with one of slack (`two years
        // later` is loose talk for 23 months).
        (Granularity::Year, g) if g <= Granularity::Year => match (rel.year, lit.year, lit.first) {
            (Some(a), Some(b), Some(f)) if (a - b).abs() > 1 => Some((a.to_string(), f)),
            _ => None,
        },
        _ => None,
    };
    let Some((expected, _)) = landed else { return };
    let phrase = rel.span.slice(text).to_string();
    let given = lit.span.slice(text).to_string();
    cx.report(rel.span, format!("\"{phrase}\" lands on {expected}, not {given}"))
        .primary(expected.clone())
        .label(lit.span, "the date given")
        .help("correct the count or the date");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::rules::testing::run_with;

    fn on(date: (i32, u32, u32), text: &str) -> Vec<String> {
        let opts = ParseOptions {
            reference_date: chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2),
            ..ParseOptions::default()
        };
        run_with::<DateElapsedMismatch>(text, &opts)
            .iter()
            .map(|d| text[d.span.start..d.span.end].to_string())
            .collect()
    }

    #[test]
    fn flags_years_ago_that_miss_the_year() {
        assert_eq!(
            on((2018, 5, 1), "The mill closed in 1998, 30 years ago."),
            ["30 years ago"]
        );
        assert_eq!(
            on((2018, 5, 1), "The mill closed 30 years ago, in 1998."),
            ["30 years ago"]
        );
        assert!(on((2018, 5, 1), "The mill closed in 1988, 30 years ago.").is_empty());
        assert!(on((2018, 5, 1), "The mill closed in 1989, 30 years ago.").is_empty());
        // Not side by side: the years count from different things.
        assert!(on((2018, 5, 1), "Built in 1998, the mill closed 10 years ago.").is_empty());
    }

    #[test]
    fn flags_anniversaries_that_do_not_add_up() {
        assert_eq!(
            on((2019, 3, 1), "Crowds marked the 25th anniversary of the 1991 vote."),
            ["25th anniversary"]
        );
        assert!(on((2016, 3, 1), "Crowds marked the 25th anniversary of the 1991 vote.").is_empty());
        // Looking ahead to next year's anniversary.
        assert!(on((2015, 3, 1), "Next year is the 25th anniversary of the 1991 vote.").is_empty());
        // Another year in the sentence is the anchor.
        assert!(
            on(
                (2019, 3, 1),
                "In 2016, crowds marked the 25th anniversary of the 1991 vote."
            )
            .is_empty()
        );
    }

    #[test]
    fn flags_ages_that_disagree_with_the_birth_year() {
        assert_eq!(
            on((2019, 6, 1), "Okafor, 52, who was born in 1962, leads the party."),
            ["52"]
        );
        assert!(on((2019, 6, 1), "Okafor, 56, who was born in 1962, leads the party.").is_empty());
        assert!(on((2019, 6, 1), "Okafor, 57, who was born in 1962, leads the party.").is_empty());
        assert_eq!(
            on((2019, 6, 1), "The singer, aged 40, was born in 1962 in Lagos."),
            ["40"]
        );
    }

    #[test]
    fn flags_counted_days_that_land_elsewhere() {
        assert_eq!(
            on(
                (2019, 6, 1),
                "He was arrested on May 3 and charged three days later, on May 7."
            ),
            ["three days later"]
        );
        assert!(
            on(
                (2019, 6, 1),
                "He was arrested on May 3 and charged three days later, on May 6."
            )
            .is_empty()
        );
    }

    #[test]
    fn counts_from_the_last_date_in_the_paragraph() {
        assert!(
            on(
                (2019, 6, 1),
                "They wed in 2002. A year later, in October 2003, a son followed."
            )
            .is_empty()
        );
        assert_eq!(
            on(
                (2019, 6, 1),
                "They wed in 2002. Six years later, in October 2003, a son followed."
            ),
            ["Six years later"]
        );
        // No date before it in the paragraph: nothing to count from.
        assert!(
            on(
                (2019, 6, 1),
                "Their daughter was born. A year later, in October 2003, a son followed."
            )
            .is_empty()
        );
    }

    #[test]
    fn silent_without_a_reference_date() {
        let d = run_with::<DateElapsedMismatch>(
            "Okafor, 52, who was born in 1962, leads the party.",
            &ParseOptions::default(),
        );
        assert!(d.is_empty());
    }
}
