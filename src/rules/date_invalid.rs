use super::{Context, NoOptions, Rule};
use crate::extract::date::MONTH_NAMES;

declare_rule! {
    /// Flags a date that does not exist on the calendar, such as `February 30`.
    ///
    /// ## What it does
    /// Checks every date that names a day against the calendar: the month's
    /// length, and February 29 in years that are not leap years. A date
    /// without a year is allowed February 29.
    ///
    /// ## Why is this bad?
    /// A day that does not exist is always a typo, and readers cannot tell
    /// which day was meant. Wrong dates are the most common correction
    /// newspapers print.
    ///
    /// ## Example
    /// ```text
    /// The hearing is set for February 30.
    /// ```
    /// Use instead:
    /// ```text
    /// The hearing is set for March 2.
    /// ```
    pub DateInvalid, "date-invalid"
}

impl Rule for DateInvalid {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        for d in &cx.facts.dates {
            let (Some(m), Some(day)) = (d.month, d.day) else {
                continue;
            };
            if d.exists() || !(1..=12).contains(&m) {
                continue;
            }
            let name = MONTH_NAMES[m as usize - 1];
            let written = d.span.slice(cx.text()).to_string();
            let max = (28..=31)
                .rev()
                .find(|&n| chrono::NaiveDate::from_ymd_opt(d.year.unwrap_or(2000), m, n).is_some())
                .unwrap_or(28);
            let has = match (m, d.year) {
                (2, Some(y)) => format!("has {max} days in {y}"),
                (2, None) => format!("has at most {max} days"),
                _ => format!("has {max} days"),
            };
            cx.report(d.span, format!("\"{written}\" is not a date: {name} {has}, not {day}"))
                .primary("no such day")
                .help("check the day and the month against the source");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent, run};

    #[test]
    fn flags_days_past_the_month_end() {
        assert_flags::<DateInvalid>("The hearing is set for February 30.", &["February 30"]);
        assert_flags::<DateInvalid>("He arrived on 31 April 2019 and left.", &["31 April 2019"]);
        assert_flags::<DateInvalid>("It was 29 February 2023.", &["29 February 2023"]);
        assert_flags::<DateInvalid>("Filed 2021-06-31 by the clerk.", &["2021-06-31"]);
    }

    #[test]
    fn message_names_the_month_length() {
        let d = run::<DateInvalid>("It was 29 February 2023.");
        assert_eq!(
            d[0].message,
            "\"29 February 2023\" is not a date: February has 28 days in 2023, not 29"
        );
    }

    #[test]
    fn silent_on_real_days_that_look_odd() {
        assert_silent::<DateInvalid>("It was 29 February 2024, a leap day.");
        assert_silent::<DateInvalid>("The deadline is February 29.");
        assert_silent::<DateInvalid>("On April 30 and on 31 March the offices closed.");
        assert_silent::<DateInvalid>("The score was 31-30 in April.");
    }
}
