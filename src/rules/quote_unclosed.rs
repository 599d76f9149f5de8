use super::{Context, NoOptions, Rule};

declare_rule! {
    /// Flags an opening quotation mark that is never closed.
    ///
    /// ## What it does
    /// Pairs quotation marks through the article. A quotation may run over
    /// several paragraphs: by news convention each paragraph but the last is
    /// left without a closing mark and the next paragraph opens with a fresh
    /// opening mark. A quotation is unclosed when its paragraph ends open and
    /// the next paragraph does not reopen it, or when the article ends first.
    ///
    /// ## Why is this bad?
    /// Readers cannot tell where the speaker's words stop and the reporter's
    /// begin, so text is put in someone's mouth that they never said.
    ///
    /// ## Example
    /// ```text
    /// The party's statement says: “We call for an end to the fighting.
    ///
    /// The party also condemned the attack.
    /// ```
    /// Use instead:
    /// ```text
    /// The party's statement says: “We call for an end to the fighting.”
    /// ```
    pub QuoteUnclosed, "quote-unclosed"
}

impl Rule for QuoteUnclosed {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        for q in cx.facts.quotes.iter().filter(|q| q.close.is_none()) {
            let last = q.reopenings.last().map_or(q.open.span, |m| m.span);
            let paras = &cx.doc.paragraphs;
            let para_end = paras
                .get(paras.partition_point(|p| p.span.end < last.end))
                .filter(|p| p.span.contains(last))
                .map_or(q.span.end, |p| p.span.end);
            let end_char = cx.text()[..para_end].chars().next_back().map_or(0, char::len_utf8);
            let mark = q.open.span.slice(cx.text()).to_string();
            let d = cx.report(q.open.span, format!("quotation opened with {mark} is never closed"));
            d.primary("opened here");
            if para_end > q.open.span.end && end_char > 0 {
                d.label(
                    crate::source::Span::new(para_end - end_char, para_end),
                    "the paragraph ends here with the quotation open, and the next paragraph does not reopen it",
                );
            }
            d.help("add the closing mark where the quoted words end");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_quote_left_open_at_paragraph_end() {
        assert_flags::<QuoteUnclosed>(
            "The statement states: “The party calls for an end to the fighting.\n\nParis, 27.09.2020\n\nThe party condemns it.",
            &["“"],
        );
        assert_flags::<QuoteUnclosed>("He said \"we will win. And then left.", &["\""]);
    }

    #[test]
    fn flags_quote_open_at_article_end() {
        assert_flags::<QuoteUnclosed>("First.\n\nShe said: “We are not done.", &["“"]);
    }

    #[test]
    fn silent_on_the_multi_paragraph_convention() {
        assert_silent::<QuoteUnclosed>(
            "He said: “We will not back down.\n\n“We will keep going until it is done.”\n\nThen he left.",
        );
        assert_silent::<QuoteUnclosed>("He said: \"One.\n\n\"Two.\"\n\nEnd.");
    }

    #[test]
    fn silent_on_closed_and_nested_quotes() {
        assert_silent::<QuoteUnclosed>("“We are close,” she said. “But not there.”");
        assert_silent::<QuoteUnclosed>("He called it “a ‘historic’ day” and left.");
        assert_silent::<QuoteUnclosed>("The 12\" single sold well.");
    }
}
