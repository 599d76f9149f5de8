use chrono::{Datelike, NaiveDate};

use super::{Context, Rule};
use crate::document::RefSource;

declare_rule! {
    /// Flags a dateline whose date disagrees with the article's own date.
    ///
    /// ## What it does
    /// Compares the date in the wire dateline (`WELLINGTON, Nov. 5 (Agency) -`)
    /// with the article's date from its front matter, its `date` header or
    /// `--date`, and reports a difference of more than `tolerance-days`. A
    /// dateline without a year takes the year that puts it nearest the
    /// article's date. Without a second date to compare, the rule is silent.
    ///
    /// ## Why is this bad?
    /// The dateline tells readers when the story was filed. When it says
    /// Nov. 5 and the story is published as Nov. 12, one of the two is stale,
    /// usually because an old story was reused, and every `yesterday` and
    /// `on Tuesday` in it is read against the wrong day.
    ///
    /// ## Example
    /// ```text
    /// ---
    /// date: 2019-11-12
    /// ---
    /// WELLINGTON, Nov. 5 (Agency) - Parliament voted on Tuesday to ...
    /// ```
    /// Use instead:
    /// ```text
    /// WELLINGTON, Nov. 12 (Agency) - Parliament voted on Tuesday to ...
    /// ```
    ///
    /// ## Options
    /// `tolerance-days` (default 1): how many days apart the two dates may
    /// be (time zones and overnight filing make one day normal).
    pub DateDatelineMismatch, "date-dateline-mismatch"
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Options {
    pub tolerance_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance_days: 1 }
    }
}

impl Rule for DateDatelineMismatch {
    type Options = Options;

    fn check(&self, cx: &mut Context<'_>, options: &Options) {
        let meta = &cx.doc.metadata;
        let (Some(reference), Some(dateline)) = (meta.reference, meta.dateline.as_ref()) else {
            return;
        };
        if reference.source == RefSource::Dateline {
            return;
        }
        let Some(d) = dateline.date.as_ref() else { return };
        let (Some(m), Some(day)) = (d.month, d.day) else { return };
        let r = reference.date;
        let filed = match d.year {
            Some(y) => NaiveDate::from_ymd_opt(y, m, day),
            None => [r.year(), r.year() - 1, r.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, day))
                .min_by_key(|c| (*c - r).num_days().abs()),
        };
        let Some(filed) = filed else { return };
        let apart = (filed - r).num_days().abs();
        if apart <= options.tolerance_days.max(0) {
            return;
        }
        let written = d.span.slice(cx.text()).to_string();
        let source = reference.source.describe();
        let other_span = match reference.source {
            RefSource::FrontMatter => meta.front_matter.as_ref().and_then(|f| f.date).map(|(_, s)| s),
            RefSource::Header => meta.header.map(|(_, s)| s),
            _ => None,
        };
        let r_text = r.format("%Y-%m-%d");
        let days = if apart == 1 { "day" } else { "days" };
        let diag = cx.report(
            d.span,
            format!("dateline date \"{written}\" is {apart} {days} from the article's date {r_text} ({source})"),
        );
        diag.primary(format!("filed {}", filed.format("%Y-%m-%d")));
        if let Some(s) = other_span {
            diag.label(s, "the article's date");
        }
        diag.help("update the dateline or the article's date so that they agree");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::rules::testing::{assert_flags, assert_silent, run_with};

    #[test]
    fn flags_a_stale_dateline() {
        assert_flags::<DateDatelineMismatch>(
            "---\ndate: 2019-11-12\n---\nWELLINGTON, Nov. 5 (Agency) - Parliament voted.",
            &["Nov. 5"],
        );
        assert_flags::<DateDatelineMismatch>(
            "date 2020-03-02 \n\nPARIS, Feb. 26, 2020 (Agency) - Talks ended.",
            &["Feb. 26, 2020"],
        );
    }

    #[test]
    fn uses_the_command_line_date() {
        let opts = ParseOptions {
            reference_date: NaiveDate::from_ymd_opt(1987, 3, 3),
            ..ParseOptions::default()
        };
        let d = run_with::<DateDatelineMismatch>("SALVADOR, Feb 26 - Showers fell.", &opts);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "dateline date \"Feb 26\" is 5 days from the article's date 1987-03-03 (--date)"
        );
        let opts = ParseOptions {
            reference_date: NaiveDate::from_ymd_opt(1987, 2, 26),
            ..ParseOptions::default()
        };
        assert!(run_with::<DateDatelineMismatch>("SALVADOR, Feb 26 - Showers fell.", &opts).is_empty());
    }

    #[test]
    fn allows_a_day_of_slack_and_the_turn_of_the_year() {
        assert_silent::<DateDatelineMismatch>("---\ndate: 2019-11-06\n---\nWELLINGTON, Nov. 5 (Agency) - Voted.");
        assert_silent::<DateDatelineMismatch>("---\ndate: 2020-01-01\n---\nLONDON, Dec. 31 (Agency) - Bells rang.");
        // The dateline alone is the reference: nothing to compare.
        assert_silent::<DateDatelineMismatch>("WELLINGTON, Nov. 5, 2019 (Agency) - Voted.");
        // No date in the dateline.
        assert_silent::<DateDatelineMismatch>("---\ndate: 2019-11-12\n---\nPARIS (AP) - Voted.");
    }
}
