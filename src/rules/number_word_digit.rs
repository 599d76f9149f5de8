use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind};

declare_rule! {
    /// Flags a number given in words and digits that disagree: `five (6)`.
    ///
    /// ## What it does
    /// Finds a figure in words followed by the same figure in digits in
    /// parentheses (`seven (7)`) and flags the pair when the two values
    /// differ. Digits followed by words in parentheses are left alone: in
    /// tables, `300,000 (zero)` gives an earlier value.
    ///
    /// ## Why is this bad?
    /// Contracts, court reports and official notices restate numbers to
    /// remove doubt; when the two forms disagree they create it.
    ///
    /// ## Example
    /// ```text
    /// The contract runs for five (6) years.
    /// ```
    /// Use instead:
    /// ```text
    /// The contract runs for five (5) years.
    /// ```
    pub NumberWordDigit, "number-word-digit"
}

fn plain(n: &NumberFact) -> bool {
    matches!(n.kind, NumberKind::Cardinal | NumberKind::Ordinal) && n.second.is_none()
}

impl Rule for NumberWordDigit {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        for w in cx.facts.numbers.windows(2) {
            let (x, y) = (&w[0], &w[1]);
            if !x.in_words || y.in_words || !plain(x) || !plain(y) || x.kind != y.kind {
                continue;
            }
            if text[x.span.end..y.span.start].trim() != "(" || !text[y.span.end..].starts_with(')') {
                continue;
            }
            if (x.value - y.value).abs() > 1e-9 {
                let (xw, yw) = (x.span.slice(text), y.span.slice(text));
                cx.report(
                    x.span.to(crate::source::Span::new(y.span.end, y.span.end + 1)),
                    format!("\"{xw}\" and \"{yw}\" give different numbers"),
                )
                .primary("words and digits disagree")
                .help("make the words and the digits say the same number");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_words_and_digits_that_disagree() {
        assert_flags::<NumberWordDigit>("The lease runs for five (6) years.", &["five (6)"]);
    }

    #[test]
    fn silent_when_they_agree_or_are_unrelated() {
        assert_silent::<NumberWordDigit>("The lease runs for five (5) years.");
        assert_silent::<NumberWordDigit>("The lease runs for twenty-one (21) years.");
        assert_silent::<NumberWordDigit>("Two men (aged 31 and 40) were held.");
        assert_silent::<NumberWordDigit>("Italy 300,000 (zero) and Spain 20 (same).");
        assert_silent::<NumberWordDigit>("She won five titles (2 of them in Paris).");
    }
}
