use super::number_direction::NumberCursor;
use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind};
use crate::source::Span;

declare_rule! {
    /// Flags population, military and casualty figures that look swapped or implausible.
    ///
    /// ## What it does
    /// Reads each figure with the noun it counts (classes come from the
    /// `population-nouns`, `military-nouns` and `country-nouns` lexicons) and
    /// flags, within one sentence:
    /// - a `-strong` figure on a country (`its 130,000-strong neighbor`):
    ///   `-strong` sizes a force or a crowd, not a country;
    /// - a military force larger than the population of the country it is
    ///   tied to (`a country of 130,000 with an army of 10 million`,
    ///   `its 130,000-strong neighbor's army of 10 million`);
    /// - casualties larger than the population of the place they were
    ///   counted in (`killed 12,000 people in the town of 8,000`).
    ///
    /// Classes come from the lexicons, so editors can add nouns (`casualty-
    /// nouns`, `military-nouns`, `population-nouns`) without touching code.
    ///
    /// A force and a population that belong to different places (`a city of
    /// 50,000 besieged by 80,000 troops`) are left alone.
    ///
    /// ## Why is this bad?
    /// Two figures in one phrase are easy to transpose, and the result is a
    /// claim that is off by orders of magnitude.
    ///
    /// ## Example
    /// ```text
    /// The republic of 150,000 faces its 130,000-strong neighbor's army of 10 million.
    /// ```
    /// Use instead:
    /// ```text
    /// The republic of 150,000 faces its neighbor of 10 million and its 130,000-strong army.
    /// ```
    pub NumberSwappedMagnitude, "number-swapped-magnitude"
}

fn is_military(n: &NumberFact) -> bool {
    n.kind == NumberKind::Cardinal && n.class.as_deref() == Some("military")
}

/// The figure with the words that tie it to its noun: `army of 10 million`,
/// `130,000-strong Azerbaijani neighbor`.
fn phrase(n: &NumberFact) -> Span {
    n.noun.map_or(n.span, |s| s.to(n.span))
}

/// Words that tie a force to the population or country before it.
fn tied(between: &str) -> bool {
    let b = between.trim();
    b.starts_with('\'')
        || b.starts_with('’')
        || [" with ", " has ", " fields ", " its ", " whose "].iter().any(|t| {
            let padded = format!(" {b} ");
            padded.contains(t)
        })
}

impl Rule for NumberSwappedMagnitude {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // Every check starts from a `-strong` figure with a noun or a count
        // with its noun before it (`a population of 5 million`).
        if !cx.facts.numbers.iter().any(|n| {
            (n.strong && n.noun_text.is_some())
                || (n.kind == NumberKind::Cardinal && n.noun.is_some_and(|ns| ns.end <= n.span.start))
        }) {
            return;
        }
        let mut cursor = NumberCursor::new(&cx.facts.numbers);
        let mut nums: Vec<&NumberFact> = Vec::new();
        for s in &cx.doc.sentences {
            nums.clear();
            nums.extend(cursor.within(s.span));
            for (i, p) in nums.iter().enumerate() {
                let on_country = p.strong
                    && p.noun_text
                        .as_deref()
                        .is_some_and(|w| cx.lex.contains_noun("country-nouns", w));
                let population = p.kind == NumberKind::Cardinal
                    && p.noun.is_some_and(|ns| ns.end <= p.span.start)
                    && (p.class.as_deref() == Some("population")
                        || p.noun_text
                            .as_deref()
                            .is_some_and(|w| cx.lex.contains_noun("country-nouns", w)));
                let place = p.kind == NumberKind::Cardinal
                    && p.noun.is_some_and(|ns| ns.end <= p.span.start)
                    && p.class.as_deref() == Some("population");
                if place {
                    check_casualties(cx, &nums, p);
                }
                if !on_country && !population {
                    continue;
                }
                // The force tied to this country: the very next figure, if it
                // counts a force and is joined by a possessive or `with`/`has`.
                let force = nums.get(i + 1).filter(|m| {
                    is_military(m) && {
                        let from = p.noun.map_or(p.span.end, |n| n.end.max(p.span.end));
                        let to = phrase(m).start;
                        from <= to && tied(&text[from..to]) && to - from < 60
                    }
                });
                let written = p.span.slice(text).to_string();
                match force {
                    Some(m) if m.value > p.value => {
                        let mp = phrase(m);
                        let force_text = mp.slice(text).to_string();
                        let noun = m.noun_text.clone().unwrap_or_default();
                        cx.report(phrase(p), format!(
                            "\"{force_text}\" is larger than the country it belongs to, given as \"{written}\": the population and {noun} figures look swapped"
                        ))
                        .primary("population figure")
                        .label(mp, format!("the {noun} figure"))
                        .help("a country's armed force is smaller than its population: check which figure belongs to which");
                    }
                    _ if on_country => {
                        let noun = p.noun_text.clone().unwrap_or_default();
                        cx.report(phrase(p), format!("\"{written}\" describes a {noun}: `-strong` gives the size of a force or a crowd, not of a country"))
                            .primary("`-strong` on a country")
                            .help("give the country's population (`a neighbor of 130,000`) or put the figure on its force");
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Casualties larger than the population of the place they were counted
/// in: `killed 12,000 people in the town of 8,000`, `the town of 8,000 lost
/// 12,000 residents`.
fn check_casualties(cx: &mut Context<'_>, nums: &[&NumberFact], p: &NumberFact) {
    let text = cx.text();
    let pp = phrase(p);
    for c in nums {
        if c.kind != NumberKind::Cardinal || c.class.as_deref() != Some("casualty") || c.value <= p.value {
            continue;
        }
        let cp = phrase(c);
        let tied = if cp.end <= pp.start {
            let between = text[cp.end..pp.start].to_lowercase();
            let b = between.trim_end();
            between.len() < 40
                && [
                    "in the",
                    "in a",
                    "in this",
                    "in that",
                    "in its",
                    "of the",
                    "in the small",
                    "in a small",
                ]
                .iter()
                .any(|t| b.ends_with(t))
                && !between.contains([',', ';'])
        } else if pp.end <= cp.start {
            let between = format!(" {} ", text[pp.end..cp.start].to_lowercase());
            between.len() < 40
                && [" lost ", " where ", " whose ", " has lost ", " saw "]
                    .iter()
                    .any(|t| between.contains(t))
                && !between.contains([';'])
        } else {
            false
        };
        if !tied {
            continue;
        }
        let (cw, pw) = (cp.slice(text).to_string(), pp.slice(text).to_string());
        cx.report(cp, format!("{cw} is more than the whole population ({pw})"))
            .label(pp, "population figure")
            .help("casualties cannot outnumber the people who live there: check both figures");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent, run};

    #[test]
    fn flags_swapped_population_and_army() {
        let text = "This small republic of 150,000 has withstood the attacks of its 130,000-strong Azerbaijani neighbor’s army of 10 million.";
        assert_flags::<NumberSwappedMagnitude>(text, &["130,000-strong Azerbaijani neighbor"]);
        let d = run::<NumberSwappedMagnitude>(text);
        assert_eq!(d[0].labels[0].span.slice(text), "army of 10 million");
        assert_flags::<NumberSwappedMagnitude>(
            "It is a country of 130,000 with an army of 10 million.",
            &["country of 130,000"],
        );
    }

    #[test]
    fn flags_casualties_larger_than_the_population() {
        assert_flags::<NumberSwappedMagnitude>(
            "The quake killed 12,000 people in the town of 8,000.",
            &["12,000 people"],
        );
        assert_silent::<NumberSwappedMagnitude>("The quake killed 1,200 people in the town of 8,000.");
        assert_silent::<NumberSwappedMagnitude>("The war killed 12,000 people, and the town of 8,000 was rebuilt.");
    }

    #[test]
    fn reads_populations_from_the_lexicon() {
        assert_flags::<NumberSwappedMagnitude>("The island of 40,000 has an army of 90,000.", &["island of 40,000"]);
        assert_silent::<NumberSwappedMagnitude>("The island of 90,000 has an army of 4,000.");
    }

    #[test]
    fn flags_strong_on_a_country() {
        assert_flags::<NumberSwappedMagnitude>("The 90,000-strong nation voted on Sunday.", &["90,000-strong nation"]);
    }

    #[test]
    fn silent_on_plausible_and_unrelated_figures() {
        assert_silent::<NumberSwappedMagnitude>("It is a country of 10 million with an army of 130,000.");
        assert_silent::<NumberSwappedMagnitude>("Its 130,000-strong army faces a neighbor of 10 million.");
        assert_silent::<NumberSwappedMagnitude>("The city of 50,000 was besieged by 80,000 troops.");
        assert_silent::<NumberSwappedMagnitude>("A 4,000-strong crowd cheered the 30 soldiers.");
    }
}
