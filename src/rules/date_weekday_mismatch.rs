use chrono::{Datelike, Weekday};

use super::{Context, NoOptions, Rule};
use crate::extract::{Anchor, Unit};
use crate::source::Span;

declare_rule! {
    /// Flags a weekday that does not match the date it is given with.
    ///
    /// ## What it does
    /// For a date written with its weekday (`Monday, Nov. 5, 2019`), checks
    /// the weekday against the calendar. When the date has no year, the year
    /// is taken from the article's reference date (front matter, `date`
    /// header, dateline or `--date`), so that a story dated Tuesday 9 April
    /// that says `on Tuesday, April 10` is caught; without a reference date
    /// such dates are skipped. It also checks a weekday given with
    /// `yesterday`, `today` or `tomorrow` (`yesterday, Tuesday,`) against the
    /// reference date.
    ///
    /// ## Why is this bad?
    /// A wrong weekday makes readers doubt the date itself, and one of the
    /// two is wrong: the story cannot be right as printed.
    ///
    /// ## Example
    /// ```text
    /// The vote took place on Monday, Nov. 5, 2019.
    /// ```
    /// Use instead (Nov. 5, 2019 was a Tuesday):
    /// ```text
    /// The vote took place on Tuesday, Nov. 5, 2019.
    /// ```
    pub DateWeekdayMismatch, "date-weekday-mismatch"
}

pub(crate) fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Whether a yearless day falls on `wd` in a year that puts it within about
/// half a year of the reference (a story would give the year otherwise).
fn weekday_fits_a_nearby_year(
    d: &crate::extract::DateFact,
    wd: chrono::Weekday,
    reference: Option<chrono::NaiveDate>,
) -> bool {
    let (Some(r), Some(m), Some(day)) = (reference, d.month, d.day) else {
        return false;
    };
    [r.year() - 1, r.year(), r.year() + 1]
        .into_iter()
        .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, m, day))
        .filter(|c| (*c - r).num_days().abs() <= 200)
        .any(|c| c.weekday() == wd)
}

impl Rule for DateWeekdayMismatch {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        for d in &cx.facts.dates {
            let (Some((wd, wspan)), Some(day)) = (d.weekday, d.resolved) else {
                continue;
            };
            if day.weekday() == wd {
                continue;
            }
            // Without a written year the weekday may settle it: `Monday,
            // Sept. 16` in a story of March 2024 is 2024's Monday, whichever
            // year the tense suggested.
            if d.year.is_none() && weekday_fits_a_nearby_year(d, wd, cx.doc.metadata.reference.map(|r| r.date)) {
                continue;
            }
            let text = cx.text();
            let written = wspan.slice(text).to_string();
            let date_text = d.span.slice(text)[wspan.end - d.span.start..]
                .trim_start_matches([',', ' '])
                .to_string();
            let actual = weekday_name(day.weekday());
            let year_note = if d.year.is_none() {
                format!(" in {}", day.year())
            } else {
                String::new()
            };
            // Keep the writer's abbreviation style when suggesting.
            let replacement = if written.len() < 6 {
                actual[..written.trim_end_matches('.').len().min(actual.len())].to_string()
                    + if written.ends_with('.') { "." } else { "" }
            } else {
                actual.to_string()
            };
            cx.report(
                wspan,
                format!("weekday \"{written}\" does not match {date_text}{year_note}, a {actual}"),
            )
            .primary(format!("{date_text} is a {actual}"))
            .label(Span::new(d.span.end - date_text.len(), d.span.end), "the date")
            .help("check the date and the weekday against the source")
            .suggest(wspan, replacement);
        }
        // `yesterday, Tuesday,` against the reference date.
        let rel = &cx.facts.relative_dates;
        for pair in rel.windows(2) {
            let (deictic, named) = (&pair[0], &pair[1]);
            let (Some(shift), Some(day)) = (deictic.shift, deictic.resolved) else {
                continue;
            };
            let Some((wd, wspan)) = named.weekday else { continue };
            let text = cx.text();
            let between = &text[deictic.span.end..named.span.start];
            if shift.anchor != Anchor::Reference
                || shift.unit != Unit::Day
                || deictic.weekday.is_some()
                || !matches!(between, ", " | " (" | " - " | " — ")
                || day.weekday() == wd
            {
                continue;
            }
            let said = deictic.span.slice(text).to_string();
            let written = wspan.slice(text).to_string();
            let actual = weekday_name(day.weekday());
            cx.report(
                wspan,
                format!("\"{said}\" is {actual} {day} from the article's date, not \"{written}\""),
            )
            .primary(format!("{said} is a {actual}"))
            .label(deictic.span, "counted from the article's date")
            .help("check the weekday and the article's date");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::rules::testing::{assert_flags, assert_silent, run, run_with};

    #[test]
    fn flags_explicit_mismatch() {
        assert_flags::<DateWeekdayMismatch>("The vote was on Monday, Nov. 5, 2019, in Wellington.", &["Monday"]);
        let d = run::<DateWeekdayMismatch>("The vote was on Monday, Nov. 5, 2019, in Wellington.");
        assert_eq!(
            d[0].message,
            "weekday \"Monday\" does not match Nov. 5, 2019, a Tuesday"
        );
        assert_eq!(d[0].suggestion.as_ref().unwrap().replacement, "Tuesday");
    }

    #[test]
    fn uses_the_reference_year_for_yearless_dates() {
        let opts = ParseOptions {
            reference_date: chrono::NaiveDate::from_ymd_opt(2019, 4, 9),
            ..ParseOptions::default()
        };
        let d = run_with::<DateWeekdayMismatch>("The court met on Tuesday, April 10.", &opts);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("in 2019, a Wednesday"), "{}", d[0].message);
        assert!(run_with::<DateWeekdayMismatch>("The court met on Tuesday, April 9.", &opts).is_empty());
    }

    #[test]
    fn weekday_settles_the_year_of_a_yearless_date() {
        // Sept. 16 is a Monday in 2024 (186 days after the reference) and a
        // Saturday in 2023 (180 days before).
        let opts = ParseOptions {
            reference_date: chrono::NaiveDate::from_ymd_opt(2024, 3, 14),
            ..ParseOptions::default()
        };
        assert!(run_with::<DateWeekdayMismatch>("Work is due to begin on Monday, Sept. 16.", &opts).is_empty());
        assert_eq!(
            run_with::<DateWeekdayMismatch>("Work is due to begin on Tuesday, Sept. 16.", &opts).len(),
            1
        );
    }

    #[test]
    fn silent_on_correct_weekdays_and_without_a_year() {
        assert_silent::<DateWeekdayMismatch>("The vote was on Tuesday, Nov. 5, 2019.");
        assert_silent::<DateWeekdayMismatch>("It began on Sunday, 27 September 2020.");
        assert_silent::<DateWeekdayMismatch>("It began on Monday, Sept. 27."); // no year, no reference
        assert_silent::<DateWeekdayMismatch>("He left Monday. Nov. 5, 2019 was the deadline.");
    }

    #[test]
    fn checks_weekdays_given_with_yesterday() {
        let opts = ParseOptions {
            reference_date: chrono::NaiveDate::from_ymd_opt(2019, 4, 9), // a Tuesday
            ..ParseOptions::default()
        };
        let d = run_with::<DateWeekdayMismatch>("The court met yesterday, Tuesday, in Dunedin.", &opts);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "\"yesterday\" is Monday 2019-04-08 from the article's date, not \"Tuesday\""
        );
        assert!(run_with::<DateWeekdayMismatch>("The court met yesterday, Monday, in Dunedin.", &opts).is_empty());
        assert!(run_with::<DateWeekdayMismatch>("The court met today, Tuesday, in Dunedin.", &opts).is_empty());
        // Without a reference nothing is resolved.
        assert_silent::<DateWeekdayMismatch>("The court met yesterday, Tuesday, in Dunedin.");
    }

    #[test]
    fn abbreviated_weekday_keeps_its_style() {
        let d = run::<DateWeekdayMismatch>("Due Mon., Nov. 5, 2019.");
        assert_eq!(d[0].suggestion.as_ref().unwrap().replacement, "Tue.");
    }
}
