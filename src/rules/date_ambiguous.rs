use super::{Context, NoOptions, Rule};
use crate::extract::DateForm;
use crate::extract::date::MONTH_NAMES;

declare_rule! {
    /// Flags an all-numeric date that reads differently day first and month first.
    ///
    /// ## What it does
    /// Reports a date such as `03/04/2020`, where both parts are 12 or less
    /// and differ, so that it is March 4 in the United States and 3 April
    /// almost everywhere else. When the article's other numeric dates settle
    /// the order (a `27/09/2020` elsewhere is certainly day first) the date is
    /// read that way and not reported. `27.09.2020`, with dots, is day first
    /// by convention and never reported.
    ///
    /// ## Why is this bad?
    /// News travels across borders; a reader abroad will take the other
    /// reading, and the story is a month off for them.
    ///
    /// ## Example
    /// ```text
    /// The contract was signed on 03/04/2020.
    /// ```
    /// Use instead:
    /// ```text
    /// The contract was signed on March 4, 2020.
    /// ```
    pub DateAmbiguous, "date-ambiguous"
}

impl Rule for DateAmbiguous {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        for d in &cx.facts.dates {
            if d.form != DateForm::Slashed || d.day_first.is_some() {
                continue;
            }
            let (Some(m), Some(day), Some(y)) = (d.month, d.day, d.year) else {
                continue;
            };
            let (Some(us), Some(eu)) = (MONTH_NAMES.get(m as usize - 1), MONTH_NAMES.get(day as usize - 1)) else {
                continue;
            };
            let written = d.span.slice(cx.text()).to_string();
            cx.report(
                d.span,
                format!("\"{written}\" is {us} {day}, {y} read month first but {m} {eu} {y} read day first"),
            )
            .primary("day and month could be either way round")
            .help("spell the month out")
            .suggest(d.span, format!("{us} {day}, {y}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent, run};

    #[test]
    fn flags_dates_that_read_two_ways() {
        assert_flags::<DateAmbiguous>("The contract was signed on 03/04/2020.", &["03/04/2020"]);
        let d = run::<DateAmbiguous>("Signed on 03/04/2020.");
        assert_eq!(
            d[0].message,
            "\"03/04/2020\" is March 4, 2020 read month first but 3 April 2020 read day first"
        );
    }

    #[test]
    fn silent_when_the_order_is_certain_or_settled() {
        assert_silent::<DateAmbiguous>("It was signed on 27/09/2020.");
        assert_silent::<DateAmbiguous>("It was signed on 09/27/2020.");
        assert_silent::<DateAmbiguous>("It was signed on 05/05/2020.");
        assert_silent::<DateAmbiguous>("It was signed on 03.04.2020.");
        // Another date fixes the order: day first.
        assert_silent::<DateAmbiguous>("Filed on 27/09/2020 and signed on 03/04/2020.");
    }

    #[test]
    fn a_named_day_nearby_settles_the_order() {
        // April 2 is named: 4/2/87 is month first, and so is 03/09/87.
        assert_silent::<DateAmbiguous>("Sales in the week ended April 2 were firm.\n\nWeek 4/2/87 and 03/09/87.");
        assert_flags::<DateAmbiguous>("Sales were firm.\n\nWeek 4/2/87 and 03/09/87.", &["4/2/87", "03/09/87"]);
    }

    #[test]
    fn conflicting_context_settles_nothing() {
        assert_flags::<DateAmbiguous>(
            "Filed on 27/09/2020, sent on 09/28/2020 and signed on 03/04/2020.",
            &["03/04/2020"],
        );
    }
}
