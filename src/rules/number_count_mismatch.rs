use std::borrow::Cow;

use super::number_direction::{NumberCursor, lemma_of};
use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind};
use crate::source::Span;

declare_rule! {
    /// Flags a stated count that disagrees with the list or the parts that follow it.
    ///
    /// ## What it does
    /// - `Three poets: Keats, Shelley, Byron and Blake.`: a count followed by
    ///   a colon and a closed list (`A, B and C`) to the end of the
    ///   sentence, with a different number of items.
    /// - `120 people, 80 men and 30 women`: a total followed by its parts
    ///   (men and women, adults and children, boys and girls) that do not add
    ///   up to it.
    ///
    /// Open lists (`including`, `such as`, `among them`, `and others`) are
    /// left alone.
    ///
    /// ## Why is this bad?
    /// The reader counts the names; a count that does not match them means a
    /// name was dropped or the count was not updated.
    ///
    /// ## Example
    /// ```text
    /// The prize went to three poets: Keats, Shelley, Byron and Blake.
    /// ```
    /// Use instead:
    /// ```text
    /// The prize went to four poets: Keats, Shelley, Byron and Blake.
    /// ```
    ///
    /// ## Known limitations
    /// An item that itself contains a comma (`Paris, Texas`) is counted
    /// twice, so lists are only read when every item is short.
    pub NumberCountMismatch, "number-count-mismatch"
}

fn count(n: &NumberFact) -> bool {
    // The cheap tests in one branch, then the fraction.
    (n.kind == NumberKind::Cardinal) & n.second.is_none() & !n.approx & (n.value >= 1.0) && n.value.fract() == 0.0
}

const OPEN: &[&str] = &[
    "including",
    "such as",
    "among",
    "e.g",
    "etc",
    "other",
    "others",
    "like",
    "mostly",
    "mainly",
    "both",
];

/// Splits `A, B and C` (or `A, B, and C`) into its items; `None` when the
/// list is not closed by `and`.
fn items(list: &str) -> Option<Vec<&str>> {
    let mut parts: Vec<&str> = list.split([',', ';']).map(str::trim).collect();
    let last = parts.pop()?;
    let (a, b) = if let Some(rest) = last.strip_prefix("and ") {
        ("", rest)
    } else {
        last.rsplit_once(" and ")?
    };
    if !a.trim().is_empty() {
        parts.push(a.trim());
    }
    parts.push(b.trim());
    parts.iter().all(|p| !p.is_empty()).then_some(parts)
}

const PARTS: &[(&str, &str)] = &[
    ("man", "woman"),
    ("woman", "man"),
    ("boy", "girl"),
    ("girl", "boy"),
    ("adult", "child"),
    ("child", "adult"),
    ("male", "female"),
    ("female", "male"),
];

/// Whether the counted noun starts with the first letter of one of the
/// [`PARTS`] (its lemma keeps its first letter): checked before the lemma is
/// made.
fn may_be_part(noun: &str) -> bool {
    matches!(
        noun.as_bytes().first(),
        Some(b'm' | b'w' | b'b' | b'g' | b'a' | b'c' | b'f')
    )
}

impl Rule for NumberCountMismatch {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // Both checks start from a count with its noun.
        if !cx.facts.numbers.iter().any(|n| count(n) && n.noun.is_some()) {
            return;
        }
        // A list follows a colon, and parts count men, women, boys...:
        // without either in the article, its check has nothing to read.
        let lists = memchr::memchr(b':', text.as_bytes()).is_some();
        let parts = cx.facts.numbers.iter().any(|p| {
            count(p)
                && p.noun_text.as_deref().is_some_and(may_be_part)
                && lemma_of(p).is_some_and(|l| PARTS.iter().any(|(x, _)| *x == l))
        });
        if !lists && !parts {
            return;
        }
        // Without parts, only a sentence with a colon can hold a list.
        let colons: Vec<usize> = if parts {
            Vec::new()
        } else {
            memchr::memchr_iter(b':', text.as_bytes()).collect()
        };
        let mut cursor = NumberCursor::new(&cx.facts.numbers);
        let mut nums: Vec<&NumberFact> = Vec::new();
        for s in &cx.doc.sentences {
            if !parts {
                let k = colons.partition_point(|&at| at < s.span.start);
                if colons.get(k).is_none_or(|&at| at >= s.span.end) {
                    continue;
                }
            }
            nums.clear();
            nums.extend(cursor.within(s.span));
            let counted: &[&NumberFact] = if lists { &nums } else { &[] };
            for n in counted {
                // `One question: will A and B agree?` is not a list of one.
                if !count(n) || n.value > 20.0 || n.value < 2.0 {
                    continue;
                }
                let Some(noun) = n.noun.filter(|ns| ns.start > n.span.end) else {
                    continue;
                };
                // `Three poets:` with at most two more words before the colon.
                let Some(after) = text.get(noun.end..s.span.end) else {
                    continue;
                };
                let Some(colon) = after.find(':') else { continue };
                if after[..colon].split_whitespace().count() > 2 || after[..colon].contains([',', '(', ')']) {
                    continue;
                }
                let list = after[colon + 1..].trim().trim_end_matches(['.', '!', '?', '"', '”']);
                let lower = list.to_lowercase();
                if OPEN.iter().any(|o| lower.contains(o)) || list.contains(['(', ')', ':', '"', '“', '”']) {
                    continue;
                }
                let Some(parts) = items(list) else { continue };
                if parts.len() < 2 || parts.iter().any(|p| p.split_whitespace().count() > 4) {
                    continue;
                }
                if parts.len() as f64 != n.value {
                    let nw = n.span.to(noun).slice(text);
                    let list_span = Span::new(noun.end + colon + 1, s.span.end);
                    cx.report(
                        n.span.to(noun),
                        format!("\"{nw}\" is followed by a list of {} items", parts.len()),
                    )
                    .label(list_span, format!("{} items", parts.len()))
                    .help("make the count match the list");
                }
            }
            // `120 people, 80 men and 30 women`.
            for (i, t) in nums.iter().enumerate().take(if parts { nums.len() } else { 0 }) {
                if !count(t) || t.noun.is_none_or(|ns| ns.start < t.span.end) {
                    continue;
                }
                let tn = t.noun.unwrap_or(t.span);
                let mut parts: Vec<&NumberFact> = Vec::new();
                let mut at = tn.end;
                let mut lemmas: Vec<Cow<'_, str>> = Vec::new();
                for p in &nums[i + 1..] {
                    let Some(gap) = text.get(at..p.span.start).map(str::trim) else {
                        break;
                    };
                    let ok_gap = if parts.is_empty() {
                        matches!(gap, "," | "(" | "-" | "–" | "—" | ":")
                    } else {
                        matches!(gap, "," | "and" | ", and")
                    };
                    if !ok_gap || !count(p) || p.noun.is_none_or(|ns| ns.start < p.span.end) {
                        break;
                    }
                    let Some(l) = lemma_of(p) else { break };
                    if !PARTS.iter().any(|(x, _)| *x == l) {
                        break;
                    }
                    lemmas.push(l);
                    parts.push(p);
                    at = p.noun.unwrap_or(p.span).end;
                }
                let complementary = lemmas.len() == 2 && PARTS.iter().any(|&(x, y)| lemmas[0] == x && lemmas[1] == y);
                if parts.len() != 2 || !complementary {
                    continue;
                }
                let Some(tail) = text.get(at..s.span.end).map(str::trim_start) else {
                    continue;
                };
                if !(tail.is_empty() || tail.starts_with([',', '.', ')', ';', '–', '—']) || tail.starts_with("were"))
                {
                    continue;
                }
                let sum: f64 = parts.iter().map(|p| p.value).sum();
                if sum != t.value {
                    let tw = t.span.to(tn).slice(text).to_string();
                    let d = cx.report(
                        t.span.to(tn),
                        format!(
                            "\"{tw}\" but the parts that follow add up to {}",
                            super::number_direction::format_num(sum)
                        ),
                    );
                    for p in &parts {
                        d.label(p.span.to(p.noun.unwrap_or(p.span)), "part");
                    }
                    d.help("make the total match its parts");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_a_count_that_does_not_match_its_list() {
        assert_flags::<NumberCountMismatch>(
            "The prize went to three poets: Keats, Shelley, Byron and Blake.",
            &["three poets"],
        );
        assert_flags::<NumberCountMismatch>("The crash injured 120 people, 80 men and 30 women.", &["120 people"]);
    }

    #[test]
    fn every_part_passes_the_first_letter_check() {
        for &(x, y) in PARTS {
            for noun in [x.to_string(), format!("{x}s"), y.to_string(), format!("{y}s")] {
                assert!(may_be_part(&noun), "{noun}");
            }
        }
        for noun in ["men", "women", "children"] {
            assert!(may_be_part(noun), "{noun}");
        }
        assert!(!may_be_part("people") && !may_be_part(""));
    }

    #[test]
    fn silent_when_the_list_matches_or_is_open() {
        assert_silent::<NumberCountMismatch>("The prize went to four poets: Keats, Shelley, Byron and Blake.");
        assert_silent::<NumberCountMismatch>("Three firms bid: Marks and Spencer, Tesco and Asda.");
        assert_silent::<NumberCountMismatch>("Five poets read, including Keats, Shelley and Byron.");
        assert_silent::<NumberCountMismatch>("Two ministers: the home secretary.");
        assert_silent::<NumberCountMismatch>("One question remains: will Smith and Jones agree?");
        assert_silent::<NumberCountMismatch>("The crash injured 110 people, 80 men and 30 women.");
        assert_silent::<NumberCountMismatch>("The crash injured 120 people, including 80 men and 30 women.");
    }
}
