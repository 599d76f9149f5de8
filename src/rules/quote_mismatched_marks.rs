use super::{Context, NoOptions, Rule};
use crate::extract::quote::MarkStyle;

declare_rule! {
    /// Flags quotation marks that do not match: a curly opening closed by a straight mark, a mark facing the wrong way, or a closing mark with no opening.
    ///
    /// ## What it does
    /// Pairs the double quotation marks of the article and reports a pair
    /// whose marks differ in style (`“` closed by `"`, `"` closed by `”`,
    /// `«` closed by `"`, `"` closed by `'`), a quotation opened with a closing-form mark (`”`)
    /// or closed with an opening-form mark (`“`), and a curly closing mark
    /// that closes nothing. A straight mark between two letters
    /// (`the country"s bank`, an apostrophe in some wire copy) and a straight
    /// mark with spaces on both sides are not judged.
    ///
    /// ## Why is this bad?
    /// Mixed marks are the trace of a paste from another source or of a
    /// deleted word, and they make it hard to see where the quoted words
    /// begin and end.
    ///
    /// ## Example
    /// ```text
    /// “We are close," she said.
    /// ```
    /// Use instead:
    /// ```text
    /// “We are close,” she said.
    /// ```
    ///
    /// ## Known limitations
    /// Single quotation marks are not paired: they double as apostrophes.
    pub QuoteMismatchedMarks, "quote-mismatched-marks"
}

impl Rule for QuoteMismatchedMarks {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        for q in &cx.facts.quotes {
            let open = q.open;
            let o = open.span.slice(text);
            if open.is_closing_glyph() {
                cx.report(open.span, format!("quotation opened with the closing mark {o}"))
                    .primary("a closing mark used to open")
                    .help("use the opening form of the mark")
                    .suggest(
                        open.span,
                        if open.style == MarkStyle::Guillemet {
                            "«"
                        } else {
                            "“"
                        },
                    );
                continue;
            }
            let Some(close) = q.close else { continue };
            let c = close.span.slice(text);
            if close.is_opening_glyph() {
                cx.report(close.span, format!("quotation closed with the opening mark {c}"))
                    .primary("an opening mark used to close")
                    .label(open.span, "the quotation opens here")
                    .help("use the closing form of the mark")
                    .suggest(
                        close.span,
                        if close.style == MarkStyle::Guillemet {
                            "»"
                        } else {
                            "”"
                        },
                    );
            } else if close.style != open.style {
                let fix = match open.style {
                    MarkStyle::Curly => "”",
                    MarkStyle::Guillemet => "»",
                    MarkStyle::Straight | MarkStyle::Single => "\"",
                };
                cx.report(close.span, format!("quotation opened with {o} is closed with {c}"))
                    .primary("mark of another style")
                    .label(open.span, "opened here")
                    .help("close the quotation with the mark that matches its opening")
                    .suggest(close.span, fix);
            }
        }
        for m in &cx.facts.stray_closings {
            // Straight marks are ambiguous: only a curly or angle closing
            // mark is certainly a closing mark.
            if m.style == MarkStyle::Straight {
                continue;
            }
            let c = m.span.slice(text);
            cx.report(m.span, format!("closing mark {c} closes no quotation"))
                .primary("no opening mark before this")
                .help("add the opening mark where the quoted words begin, or remove this one");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_mixed_styles() {
        assert_flags::<QuoteMismatchedMarks>("“We are close,\" she said.", &["\""]);
        assert_flags::<QuoteMismatchedMarks>("She said \"we are close” and left.", &["”"]);
        assert_flags::<QuoteMismatchedMarks>("She said «we are close\" and left.", &["\""]);
        assert_flags::<QuoteMismatchedMarks>("Talks reached a \"final phase' of work.", &["'"]);
    }

    #[test]
    fn flags_marks_facing_the_wrong_way() {
        assert_flags::<QuoteMismatchedMarks>("She said ”we are close” and left.", &["”"]);
        assert_flags::<QuoteMismatchedMarks>("“We are close,“ she said.", &["“"]);
    }

    #[test]
    fn flags_closing_mark_without_opening() {
        assert_flags::<QuoteMismatchedMarks>("We are close,” she said.", &["”"]);
    }

    #[test]
    fn silent_on_matching_marks_and_look_alikes() {
        assert_silent::<QuoteMismatchedMarks>("“We are close,” she said. \"Fine,\" he said.");
        assert_silent::<QuoteMismatchedMarks>("He called it “a ‘historic’ day” and left.");
        assert_silent::<QuoteMismatchedMarks>("The country\"s bank said “no” today.");
        assert_silent::<QuoteMismatchedMarks>("He said: “One.\n\n“Two.”\n\nEnd.");
        assert_silent::<QuoteMismatchedMarks>("They sang «la vie en rose» all night.");
    }
}
