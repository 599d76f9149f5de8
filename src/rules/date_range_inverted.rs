use super::{Context, NoOptions, Rule};
use crate::extract::{DateFact, RangeEnd};

declare_rule! {
    /// Flags a date range that ends before it starts.
    ///
    /// ## What it does
    /// Checks ranges written with a dash (`Feb. 4-6`, `2019-20`, `1998-2001`)
    /// and with words (`from 2016 to 2019`, `from May 1 through May 9`). It
    /// reports a range whose end comes before its start, comparing like with
    /// like: years with years, and days only within one month or when both
    /// ends carry a year (`from December to January` crosses a new year and
    /// is fine).
    ///
    /// ## Why is this bad?
    /// An inverted range is a typo in one of its ends (`2019-18` for
    /// `2018-19`), and readers cannot tell which end is wrong.
    ///
    /// ## Example
    /// ```text
    /// The festival runs Feb. 6-4 in Dunedin.
    /// ```
    /// Use instead:
    /// ```text
    /// The festival runs Feb. 4-6 in Dunedin.
    /// ```
    pub DateRangeInverted, "date-range-inverted"
}

/// `(year, month, day)` of the start, with the missing parts at their first
/// value, and of the end at their last.
fn inverted(d: &DateFact, e: &RangeEnd) -> bool {
    match (d.year, e.year) {
        (Some(y1), Some(y2)) => {
            let start = (y1, d.month.unwrap_or(1), d.day.unwrap_or(1));
            let end = (y2, e.month.unwrap_or(12), e.day.unwrap_or(31));
            start > end
        }
        // No years: only a range inside one month can be judged.
        (None, None) => match (d.month, e.month, d.day, e.day) {
            (Some(m1), Some(m2), Some(d1), Some(d2)) => m1 == m2 && d2 < d1,
            _ => false,
        },
        _ => false,
    }
}

impl Rule for DateRangeInverted {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        for d in &cx.facts.dates {
            let Some(e) = d.range_end else { continue };
            if !inverted(d, &e) {
                continue;
            }
            let text = cx.text();
            let whole = d.span.to(e.span);
            let written = whole.slice(text).to_string();
            let start_text = d.span.slice(text);
            let start_text = if e.span.start < d.span.end {
                // `2019-18`, `Feb. 6-4`: the start is the text before the dash.
                &text[d.span.start..e.span.start.saturating_sub(1).max(d.span.start)]
            } else {
                start_text
            };
            let start_text = start_text.trim_end_matches(['-', '–']).to_string();
            let end_text = e.span.slice(text).to_string();
            cx.report(
                whole,
                format!("range \"{written}\" ends ({end_text}) before it starts ({start_text})"),
            )
            .primary("the end comes first")
            .help("check both ends of the range; the order or one of the numbers is wrong");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent, run};

    #[test]
    fn flags_inverted_ranges() {
        assert_flags::<DateRangeInverted>("The festival runs Feb. 6-4 in Dunedin.", &["Feb. 6-4"]);
        assert_flags::<DateRangeInverted>("In the 2019-18 season he scored.", &["2019-18"]);
        assert_flags::<DateRangeInverted>("He served from 2019 to 2016 as mayor.", &["2019 to 2016"]);
        assert_flags::<DateRangeInverted>("It ran 2010-2008 in Oslo.", &["2010-2008"]);
        let d = run::<DateRangeInverted>("He served from 2019 to 2016 as mayor.");
        assert_eq!(
            d[0].message,
            "range \"2019 to 2016\" ends (2016) before it starts (2019)"
        );
    }

    #[test]
    fn silent_on_ranges_in_order_and_across_the_new_year() {
        assert_silent::<DateRangeInverted>("The festival runs Feb. 4-6 in Dunedin.");
        assert_silent::<DateRangeInverted>("In the 2019-20 season and the 1999-00 one.");
        assert_silent::<DateRangeInverted>("He served from 2016 to 2019 as mayor.");
        assert_silent::<DateRangeInverted>("Markets close from Dec. 31 to Jan. 2 each year.");
        assert_silent::<DateRangeInverted>("From December to January the roads close.");
        assert_silent::<DateRangeInverted>("The score was 2019 to 2016 votes.");
        // `between` names no order.
        assert_silent::<DateRangeInverted>("Between March 2020 and March 2019, prices rose.");
    }
}
