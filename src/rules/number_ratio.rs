use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind};

declare_rule! {
    /// Flags a share whose percentage does not match its parts: `42 of 120 members (50%)`.
    ///
    /// ## What it does
    /// Reads `A of B`, `A out of B` and `A in B` followed by a percentage in
    /// parentheses or after `or` (`42 of 120 members (35%)`, `one in five, or
    /// 20 percent`), and flags the percentage when it differs from A/B by
    /// more than the rounding of the three figures.
    ///
    /// ## Why is this bad?
    /// The reader can do the division; a percentage that does not match its
    /// own fraction means one of the three figures is wrong.
    ///
    /// ## Example
    /// ```text
    /// The motion won the support of 42 of 120 members (50%).
    /// ```
    /// Use instead:
    /// ```text
    /// The motion won the support of 42 of 120 members (35%).
    /// ```
    pub NumberRatio, "number-ratio"
}

fn count(n: &NumberFact) -> bool {
    n.kind == NumberKind::Cardinal && n.second.is_none() && !n.approx && n.value > 0.0
}

impl Rule for NumberRatio {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        for w in cx.facts.numbers.windows(3) {
            let (a, b, p) = (&w[0], &w[1], &w[2]);
            if !count(a) || !count(b) || p.kind != NumberKind::Percent || p.second.is_some() || p.approx {
                continue;
            }
            let join = text[a.span.end..b.span.start].trim().to_lowercase();
            if !matches!(join.as_str(), "of" | "of the" | "out of" | "out of the" | "in") || a.value > b.value {
                continue;
            }
            // The percentage restates the share: `(35%)` or `, or 35%`,
            // after at most a short noun phrase.
            let gap = &text[b.span.end..p.span.start];
            let lower = gap.to_lowercase();
            let paren = gap.trim_end().ends_with('(') && text[p.span.end..].trim_start().starts_with(')');
            let or = lower.trim_end().ends_with(", or") || lower.trim_end().ends_with("— or");
            if !(paren || or) || gap.len() > 40 || gap.contains([')', ';', '.']) {
                continue;
            }
            let before_paren = gap.trim_end().trim_end_matches('(').trim_end_matches(", or");
            if before_paren.split_whitespace().count() > 4 {
                continue;
            }
            let (ra, rb, rp) = (a.rounding(text), b.rounding(text), p.rounding(text));
            let lo = (a.value - ra).max(0.0) / (b.value + rb) * 100.0;
            let hi = (a.value + ra) / (b.value - rb).max(f64::MIN_POSITIVE) * 100.0;
            let actual = a.value / b.value * 100.0;
            if p.value + rp < lo * 0.99 || p.value - rp > hi * 1.01 {
                let (aw, bw, pw) = (a.span.slice(text), b.span.slice(text), p.span.slice(text));
                cx.report(p.span, format!("{aw} of {bw} is {actual:.1}%, not {pw}"))
                    .label(a.span.to(b.span), "the share")
                    .help("check the percentage against the two figures");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_a_percentage_that_does_not_match() {
        assert_flags::<NumberRatio>("The plan won 42 of 121 members (50%).", &["50%"]);
        assert_flags::<NumberRatio>("One in five (30 percent) said no.", &["30 percent"]);
        assert_flags::<NumberRatio>("It won 7 out of 9 seats, or 50 percent.", &["50 percent"]);
    }

    #[test]
    fn silent_when_the_share_matches() {
        assert_silent::<NumberRatio>("The plan won 42 of 121 members (35%).");
        assert_silent::<NumberRatio>("One in five (20 percent) said no.");
        assert_silent::<NumberRatio>("It won 7 out of 9 seats, or 78 percent.");
        assert_silent::<NumberRatio>("Two of the 10 firms (50% owned by the state) closed.");
        assert_silent::<NumberRatio>("About 40 of 120 members (35%) voted.");
    }
}
