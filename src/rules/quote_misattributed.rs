use std::collections::HashMap;

use super::{Context, NoOptions, Rule};
use crate::extract::quote::QuoteFact;

declare_rule! {
    /// Flags the same quotation attributed to two different speakers.
    ///
    /// ## What it does
    /// Groups the article's quotations by their words (case and punctuation
    /// aside; at least four words) and reports a quotation whose named
    /// speaker differs from the speaker of the same words earlier in the
    /// article. Speakers are compared by surname, so `Ada Okafor` and
    /// `Dr. Okafor` are one person. Quotations attributed only through a
    /// pronoun are not compared.
    ///
    /// ## Why is this bad?
    /// At least one of the two attributions puts words in someone's mouth.
    ///
    /// ## Example
    /// ```text
    /// “We will not back down,” Ada Okafor said on Monday.
    ///
    /// Later, “we will not back down,” said Tom Ruiz.
    /// ```
    /// Use instead:
    /// ```text
    /// “We will not back down,” Ada Okafor said on Monday.
    ///
    /// Later, “we will not back down,” said Ada Okafor.
    /// ```
    pub QuoteMisattributed, "quote-misattributed"
}

/// The quotation's words, lower-cased, for grouping.
pub(crate) fn quote_words(text: &str, q: &QuoteFact) -> Vec<String> {
    q.inner
        .slice(text)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let l = w.to_lowercase();
            // `replace` copies even when there is nothing to replace.
            if l.contains('’') { l.replace('’', "'") } else { l }
        })
        .collect()
}

/// The speaker's surname: the last word of the name, lower-cased.
pub(crate) fn surname(name: &str) -> String {
    name.rsplit([' ', '\n'])
        .next()
        .unwrap_or(name)
        .trim_end_matches('.')
        .to_lowercase()
}

impl Rule for QuoteMisattributed {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let mut first: HashMap<Vec<String>, (usize, String)> = HashMap::new();
        for (i, q) in cx.facts.quotes.iter().enumerate() {
            let (Some(speaker), None) = (q.speaker, q.via) else {
                continue;
            };
            let words = quote_words(text, q);
            if words.len() < 4 {
                continue;
            }
            let name = surname(speaker.slice(text));
            match first.get(&words) {
                None => {
                    first.insert(words, (i, name));
                }
                Some((j, earlier)) if *earlier != name => {
                    let prev = &cx.facts.quotes[*j];
                    let Some(prev_speaker) = prev.speaker else { continue };
                    let (now, then) = (speaker.slice(text).to_string(), prev_speaker.slice(text).to_string());
                    cx.report(
                        speaker,
                        format!("quotation attributed to {now} here and to {then} earlier"),
                    )
                    .primary("this speaker")
                    .label(q.inner, "these words")
                    .label(prev_speaker, "were attributed to this speaker")
                    .help("check who said these words and attribute them the same way");
                }
                Some(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_two_speakers_for_one_quotation() {
        assert_flags::<QuoteMisattributed>(
            "“We will not back down,” Ada Okafor said on Monday.\n\nLater, “we will not back down,” said Tom Ruiz.",
            &["Tom Ruiz"],
        );
    }

    #[test]
    fn silent_on_one_speaker_and_on_different_words() {
        assert_silent::<QuoteMisattributed>(
            "“We will not back down,” Ada Okafor said.\n\n“We will not back down,” Dr. Okafor said again.",
        );
        assert_silent::<QuoteMisattributed>(
            "“We will not back down,” Ada Okafor said.\n\n“We will keep on going,” Tom Ruiz said.",
        );
        // A pronoun repeats the speaker; short quotations are common words.
        assert_silent::<QuoteMisattributed>(
            "“It is over,” Ada Okafor said.\n\n“It is over,” Tom Ruiz said.\n\n“We will not back down,” she said.",
        );
    }
}
