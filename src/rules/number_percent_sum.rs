use super::number_direction::NumberCursor;
use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind, with_lowercase};

declare_rule! {
    /// Flags shares of one whole that add past 100 percent, or that should add to 100 and do not.
    ///
    /// ## What it does
    /// - Within one sentence, finds the share on each side of a vote or a
    ///   poll (`54 percent voted yes`, `51 percent against`) and flags the
    ///   pair when the two add up to more than 100 beyond rounding.
    /// - Within one sentence, reads `the remaining N percent` (or `the rest,
    ///   N percent`) and flags it when it and the shares before it do not add
    ///   up to 100 beyond rounding.
    ///
    /// Shares of different groups (`54 percent of men`) are left alone, and
    /// a sentence with more than one share per side is skipped (two polls),
    /// as are stakes in companies.
    ///
    /// ## Why is this bad?
    /// Shares of one whole cannot exceed it; when they do, one figure is
    /// mistyped or belongs to another question.
    ///
    /// ## Example
    /// ```text
    /// In the referendum 54 percent voted yes and 51 percent voted no.
    /// ```
    /// Use instead:
    /// ```text
    /// In the referendum 54 percent voted yes and 46 percent voted no.
    /// ```
    pub NumberPercentSum, "number-percent-sum"
}

const YES: &[&str] = &[
    "yes",
    "favour",
    "favor",
    "support",
    "supported",
    "backed",
    "approve",
    "approved",
    "agree",
    "agreed",
];
const NO: &[&str] = &[
    "no",
    "against",
    "oppose",
    "opposed",
    "disapprove",
    "disapproved",
    "disagree",
    "disagreed",
    "rejected",
];

fn share(n: &NumberFact) -> bool {
    n.kind == NumberKind::Percent && n.second.is_none() && !n.approx && (0.0..=100.0).contains(&n.value)
}

/// Whether `w` lower-cased is one of `list` (lower-case words): an ASCII
/// word is compared in any case without a copy.
fn lower_in(w: &str, list: &[&str]) -> bool {
    if w.is_ascii() {
        list.iter().any(|x| x.eq_ignore_ascii_case(w))
    } else {
        with_lowercase(w, |lw| list.contains(&lw))
    }
}

/// Whether `w` lower-cased is `no` or `yes`, and the side it stands for:
/// `Some(true)` for a word of [`YES`], `Some(false)` for one of [`NO`]. An
/// ASCII word is lower-cased into a buffer and matched at once.
fn vote_word(w: &str) -> (bool, Option<bool>) {
    if !w.is_ascii() {
        let side = if lower_in(w, YES) {
            Some(true)
        } else if lower_in(w, NO) {
            Some(false)
        } else {
            None
        };
        return (lower_in(w, &["no", "yes"]), side);
    }
    // No word of the lists is longer.
    let mut buf = [0u8; 11];
    let Some(l) = buf.get_mut(..w.len()) else {
        return (false, None);
    };
    l.copy_from_slice(w.as_bytes());
    l.make_ascii_lowercase();
    let side = match &*l {
        b"yes" | b"favour" | b"favor" | b"support" | b"supported" | b"backed" | b"approve" | b"approved" | b"agree"
        | b"agreed" => Some(true),
        b"no" | b"against" | b"oppose" | b"opposed" | b"disapprove" | b"disapproved" | b"disagree" | b"disagreed"
        | b"rejected" => Some(false),
        _ => None,
    };
    (matches!(&*l, b"no" | b"yes"), side)
}

/// The first four words of `after` before the clause ends (at `.;:()`, or
/// at a blank line: a single line break is a soft wrap), without copying.
fn char_tokens(after: &str) -> ([&str; 4], usize) {
    tokens_of(after, after.char_indices())
}

/// [`char_tokens`] byte by byte while the text is ASCII; `None` when a
/// non-ASCII byte is met before the answer is known. (Every decision rests
/// on ASCII bytes, where a byte is its character, so the answer is
/// [`char_tokens`]'s.)
fn ascii_tokens(after: &str) -> Option<([&str; 4], usize)> {
    let b = after.as_bytes();
    let mut tokens = [""; 4];
    let mut count = 0;
    let mut start = None;
    let mut end = b.len();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            return None;
        }
        // A non-ASCII byte after a line break is not a line break either.
        if matches!(c, b'.' | b';' | b':' | b'(' | b')') || (c == b'\n' && b.get(i + 1) == Some(&b'\n')) {
            end = i;
            break;
        }
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            tokens[count] = &after[st..i];
            count += 1;
            if count == tokens.len() {
                end = i;
                break;
            }
        }
        i += 1;
    }
    if let Some(st) = start
        && count < tokens.len()
    {
        tokens[count] = &after[st..end];
        count += 1;
    }
    Some((tokens, count))
}

/// [`char_tokens`] over the characters of `after` with their offsets.
fn tokens_of(after: &str, chars: impl Iterator<Item = (usize, char)>) -> ([&str; 4], usize) {
    let mut tokens = [""; 4];
    let mut count = 0;
    let mut start = None;
    let mut chars = chars.peekable();
    let mut end = after.len();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | ';' | ':' | '(' | ')') || (c == '\n' && chars.peek().is_some_and(|&(_, d)| d == '\n')) {
            end = i;
            break;
        }
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            tokens[count] = &after[st..i];
            count += 1;
            if count == tokens.len() {
                end = i;
                break;
            }
        }
    }
    if let Some(st) = start
        && count < tokens.len()
    {
        tokens[count] = &after[st..end];
        count += 1;
    }
    (tokens, count)
}

/// The side of a vote a share stands for, from the three words after it:
/// `54 percent voted yes`, `51% against`, `40 percent were in favour`.
fn side(text: &str, n: &NumberFact) -> Option<bool> {
    let after = &text[n.span.end..];
    let (tokens, count) = ascii_tokens(after).unwrap_or_else(|| char_tokens(after));
    let tokens = &tokens[..count];
    if tokens.first().is_some_and(|w| w.eq_ignore_ascii_case("of")) {
        return None; // `54 percent of men`: a share of another group
    }
    for (i, w) in tokens.iter().take(3).enumerate() {
        // Every word looked up starts with one of these letters, and an
        // ASCII first byte lower-cases to an ASCII letter or to itself.
        if w.as_bytes().first().is_some_and(|&c| {
            c < 0x80 && !matches!(c | 0x20, b'a' | b'b' | b'd' | b'f' | b'n' | b'o' | b'r' | b's' | b'y')
        }) {
            continue;
        }
        let (answer, side) = vote_word(w);
        // `no` and `yes` as answers: `voted no`, `51% no, 49% yes`.
        if answer
            && !tokens
                .get(i + 1)
                .is_none_or(|next| lower_in(next, &["and", "vote", "votes", "camp", "side", "while", "but"]))
        {
            return None;
        }
        if side.is_some() {
            return side;
        }
    }
    None
}

impl Rule for NumberPercentSum {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // Both checks need two shares in one sentence.
        if cx.facts.numbers.iter().filter(|n| share(n)).nth(1).is_none() {
            return;
        }
        let mut shares: Vec<&NumberFact> = Vec::new();
        let mut sides: Vec<Option<bool>> = Vec::new();
        // Whether a sentence holds three shares: the remaining share and two
        // before it, which the second check needs.
        let mut three_shares = false;
        let mut cursor = NumberCursor::new(&cx.facts.numbers);
        for p in &cx.doc.sentences {
            shares.clear();
            shares.extend(cursor.within(p.span).filter(|n| share(n)));
            three_shares |= shares.len() >= 3;
            if shares.len() < 2 {
                continue;
            }
            sides.clear();
            sides.extend(shares.iter().map(|n| side(text, n)));
            let pick = |want: bool| {
                let mut found = shares.iter().zip(&sides).filter(|(_, s)| **s == Some(want));
                match (found.next(), found.next()) {
                    (Some((n, _)), None) => Some(*n),
                    _ => None,
                }
            };
            if let (Some(y), Some(n)) = (pick(true), pick(false)) {
                let slack = y.rounding(text) + n.rounding(text) + 0.5;
                if y.value + n.value > 100.0 + slack {
                    let (yw, nw) = (y.span.slice(text), n.span.slice(text));
                    let (first, second) = if y.span.start < n.span.start { (y, n) } else { (n, y) };
                    cx.report(
                        second.span,
                        format!(
                            "{yw} on one side and {nw} on the other add up to {}%",
                            super::number_direction::format_num(y.value + n.value)
                        ),
                    )
                    .label(first.span, "the other side")
                    .help("two sides of one vote cannot add up to more than 100 percent");
                }
            }
        }
        if !three_shares {
            return;
        }
        let mut nums: Vec<&NumberFact> = Vec::new();
        let mut cursor = NumberCursor::new(&cx.facts.numbers);
        for s in &cx.doc.sentences {
            nums.clear();
            nums.extend(cursor.within(s.span));
            for (i, r) in nums.iter().enumerate() {
                if !share(r) || i == 0 {
                    continue;
                }
                // Two shares before it, then the word before it (cheapest
                // first; neither has side effects).
                let parts = &nums[..i];
                if parts.len() < 2 || parts.iter().any(|n| !share(n)) {
                    continue;
                }
                let before = text[s.span.start..r.span.start]
                    .split(|c: char| !c.is_alphanumeric())
                    .rev()
                    .find(|w| !w.is_empty());
                let remaining = before.is_some_and(|w| with_lowercase(w, |w| w == "remaining"))
                    || (before.is_some_and(|w| with_lowercase(w, |w| w == "rest"))
                        && text[s.span.start..r.span.start].trim_end().ends_with(','));
                if !remaining {
                    continue;
                }
                // Stakes are shares of different companies.
                let lower = s.span.slice(text).to_lowercase();
                if ["stake", "interest", "holding"].iter().any(|w| lower.contains(w)) {
                    continue;
                }
                // Changes are not shares: `rose 5 percent`.
                let change = parts.iter().any(|n| {
                    text[s.span.start..n.span.start]
                        .split(|c: char| !c.is_alphanumeric())
                        .rfind(|w| !w.is_empty())
                        .is_some_and(|w| {
                            matches!(
                                w.to_lowercase().as_str(),
                                "by" | "up"
                                    | "down"
                                    | "rose"
                                    | "fell"
                                    | "gained"
                                    | "lost"
                                    | "added"
                                    | "cut"
                                    | "to"
                                    | "from"
                            )
                        })
                });
                if change {
                    continue;
                }
                let sum: f64 = parts.iter().map(|n| n.value).sum::<f64>() + r.value;
                let slack: f64 =
                    parts.iter().map(|n| n.rounding(text)).sum::<f64>() + r.rounding(text) + 0.5 * (i as f64);
                if (sum - 100.0).abs() > slack.max(0.5) {
                    let rw = r.span.slice(text);
                    let d = cx.report(
                        r.span,
                        format!(
                            "the shares with \"{rw}\" remaining add up to {}%, not 100%",
                            super::number_direction::format_num(sum)
                        ),
                    );
                    for n in parts {
                        d.label(n.span, "share");
                    }
                    d.help("the remaining share is 100 percent minus the others");
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
    fn vote_word_agrees_with_the_lists() {
        let mut words: Vec<String> = YES
            .iter()
            .chain(NO)
            .flat_map(|w| [w.to_string(), w.to_uppercase(), format!("{w}s")])
            .collect();
        words.extend(["Yes", "NO", "nope", "yess", "agreedly", "caf\u{e9}", "n\u{f6}"].map(String::from));
        words.push("x".repeat(30));
        for w in words {
            let side = if lower_in(&w, YES) {
                Some(true)
            } else if lower_in(&w, NO) {
                Some(false)
            } else {
                None
            };
            assert_eq!(vote_word(&w), (lower_in(&w, &["no", "yes"]), side), "{w:?}");
        }
    }

    #[test]
    fn ascii_tokens_agree_with_char_tokens() {
        let texts = [
            " percent voted yes and 46",
            "% against the plan. Then",
            " pct in favour\n\nNext",
            " pct in favour\nof it",
            " percent (yes)",
            "% no, 49% yes",
            " percent were in favour of the deal",
            "",
            " ",
            "% yes",
            "% caf\u{e9} au lait",
            "% yes\n\u{e9}t\u{e9} no more words",
            "% a b c d e",
            "%: yes",
            " percent said yes;",
        ];
        for t in texts {
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let after = &t[from..];
                if let Some(got) = ascii_tokens(after) {
                    assert_eq!(got, char_tokens(after), "{after:?}");
                }
            }
        }
        assert!(ascii_tokens("% caf\u{e9} au lait").is_none());
        assert!(ascii_tokens("% yes and no").is_some());
    }

    #[test]
    fn ascii_tokens_read_as_char_tokens() {
        for after in [
            " voted yes and 46 percent voted no.",
            "% against; the rest",
            " were in\nfavour\n\nof it",
            "",
            " of men",
            "a b c d e f",
            " (yes) no",
            " caf\u{e9} yes no",
            "x1 y2: z",
            "end",
        ] {
            if let Some(got) = ascii_tokens(after) {
                assert_eq!(got, char_tokens(after), "{after:?}");
            } else {
                assert!(!after.is_ascii(), "{after:?}");
            }
        }
    }

    #[test]
    fn flags_two_sides_past_100() {
        assert_flags::<NumberPercentSum>(
            "In the referendum 54 percent voted yes and 51 percent voted no.",
            &["51 percent"],
        );
        assert_flags::<NumberPercentSum>(
            "In the referendum 54 percent voted yes and 51 percent\nvoted no.",
            &["51 percent"],
        );
        assert_flags::<NumberPercentSum>("The poll found 60% in favour while some 45% were against.", &[]);
        assert_flags::<NumberPercentSum>("The poll found 60% in favour while only 45% were against.", &["45%"]);
    }

    #[test]
    fn flags_a_remainder_that_does_not_complete_100() {
        assert_flags::<NumberPercentSum>(
            "Labour won 40% of the vote, the Tories 35% and the remaining 30% went to others.",
            &["30%"],
        );
    }

    #[test]
    fn silent_on_shares_that_fit() {
        assert_silent::<NumberPercentSum>("In the referendum 54 percent voted yes and 46 percent voted no.");
        assert_silent::<NumberPercentSum>("Some 54% of men were in favour and 51% of women were against.");
        assert_silent::<NumberPercentSum>(
            "Labour won 40% of the vote, the Tories 35% and the remaining 25% went to others.",
        );
        assert_silent::<NumberPercentSum>("About 54.4% backed it and 45.6% were against.");
        assert_silent::<NumberPercentSum>("Sales rose 40% and profit 35%, while the remaining 30% stake was sold.");
        assert_silent::<NumberPercentSum>("It found 60% no longer trust banks, and 55% support the plan.");
        assert_silent::<NumberPercentSum>("Some 42% backed the plan. In a second question 63% disagreed.");
        assert_silent::<NumberPercentSum>("It sold a 25 pct stake and 30 pct of B; the remaining 10 pct stake stays.");
    }
}
