use super::{Context, NoOptions, Rule};
use crate::document::ParagraphKind;

declare_rule! {
    /// Flags a sentence that is only a date phrase split off its sentence.
    ///
    /// ## What it does
    /// Finds body sentences that consist of nothing but a date, optionally
    /// after a preposition (`On September 2.`), standing between other
    /// sentences of a paragraph. Headlines, sign-offs (`Paris, 27.09.2020`),
    /// datelines and list items are not sentences and are never flagged, nor
    /// is a paragraph that is a date alone.
    ///
    /// ## Why is this bad?
    /// A stray full stop cut the date off the event it dates: the reader
    /// cannot tell which sentence the date belongs to.
    ///
    /// ## Example
    /// ```text
    /// It declared independence through a popular referendum. On September 2.
    /// ```
    /// Use instead:
    /// ```text
    /// It declared independence through a popular referendum on September 2.
    /// ```
    pub SentenceFragment, "sentence-fragment"
}

const PREPOSITIONS: &[&str] = &[
    "on", "in", "by", "since", "until", "till", "from", "before", "after", "during", "as", "of", "at", "and", "or",
    "through", "early", "late", "mid",
];

impl Rule for SentenceFragment {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let doc = cx.doc;
        for (si, s) in doc.sentences.iter().enumerate() {
            let para = &doc.paragraphs[s.paragraph];
            if para.kind != ParagraphKind::Body || para.sentences.len() < 2 {
                continue;
            }
            let Some(date) = cx.facts.dates_in(s.span).next() else {
                continue;
            };
            // Everything outside the date: an optional preposition and the
            // final stop.
            let before = text[s.span.start..date.span.start].trim();
            let after = text[date.span.end..s.span.end].trim();
            let before_ok = before.is_empty() || PREPOSITIONS.contains(&before.to_lowercase().as_str());
            if !before_ok || !matches!(after, "." | "") || text[s.span.start..s.span.end].ends_with(':') {
                continue;
            }
            // An answer to a question is ordinary dialogue.
            if si > 0 && text[..s.span.start].trim_end().ends_with(['?', '"', '”']) {
                continue;
            }
            let fragment = s.span.slice(text).to_string();
            let d = cx.report(
                s.span,
                format!("\"{fragment}\" is a date phrase standing alone as a sentence"),
            );
            d.primary("no verb: only a date");
            if si > 0 && doc.sentences[si - 1].paragraph == s.paragraph {
                d.label(doc.sentences[si - 1].span, "the date probably belongs to this sentence");
            } else if let Some(next) = doc.sentences.get(si + 1).filter(|n| n.paragraph == s.paragraph) {
                d.label(next.span, "or to this one");
            }
            d.help("join the date to the sentence it belongs to, or remove the stray full stop");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_date_split_off_its_sentence() {
        assert_flags::<SentenceFragment>(
            "It declared its independence in 1991 through a popular referendum. On September 2. This independence has been challenged.",
            &["On September 2."],
        );
        assert_flags::<SentenceFragment>(
            "The vote was held. In March 2021. Turnout was low.",
            &["In March 2021."],
        );
    }

    #[test]
    fn silent_on_sign_offs_headlines_and_real_sentences() {
        assert_silent::<SentenceFragment>("The party condemns the attack.\n\nParis, 27.09.2020\n\nIt calls for peace.");
        assert_silent::<SentenceFragment>("September 27, 2020\n\nThe attack began at dawn. It continued all day.");
        assert_silent::<SentenceFragment>("It happened on September 2. Nobody expected it.");
        assert_silent::<SentenceFragment>("When did it start? On September 2.\n\nNext paragraph.");
        assert_silent::<SentenceFragment>("The dates were set. September 2 is the first day of talks.");
    }
}
