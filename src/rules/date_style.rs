use super::{Context, Rule};
use crate::extract::date::MONTH_NAMES;
use crate::extract::{DateFact, DateForm};

declare_rule! {
    /// Flags dates written in more than one style, and dates that break AP style when it is selected.
    ///
    /// ## What it does
    /// Reports the dates of the less used style when an article writes full
    /// dates both month first (`Sept. 27`) and day first (`27 September`).
    /// With `style = "ap"` it also reports what the Associated Press
    /// Stylebook rules out: `Sep.` for `Sept.`, an abbreviation without its
    /// period, a spelled-out `September 27` (AP abbreviates Jan., Feb., Aug.,
    /// Sept., Oct., Nov. and Dec. with a day), an abbreviated March to July or
    /// an abbreviated month without a day, day-first dates, and an ordinal
    /// after the month (`Sept. 27th`).
    ///
    /// ## Why is this bad?
    /// Consistent dates are the mark of an edited story; a house style exists
    /// so readers never wonder whether two spellings mean two things.
    ///
    /// ## Example
    /// ```text
    /// The talks began on Sep. 27th and end on 2 October.
    /// ```
    /// Use instead (AP style):
    /// ```text
    /// The talks began on Sept. 27 and end on Oct. 2.
    /// ```
    ///
    /// ## Options
    /// `style` (default none): `"ap"` adds the AP Stylebook checks. The rule
    /// reports at `info` and is off by default; enable it with
    /// `[rules.date-style] enabled = true`.
    pub DateStyle, "date-style"
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Options {
    pub style: Option<String>,
}

/// AP's abbreviations, by month; `None` for months AP never abbreviates.
const AP_ABBREV: [Option<&str>; 12] = [
    Some("Jan."),
    Some("Feb."),
    None,
    None,
    None,
    None,
    None,
    Some("Aug."),
    Some("Sept."),
    Some("Oct."),
    Some("Nov."),
    Some("Dec."),
];

fn is_full_date(d: &DateFact) -> bool {
    matches!(d.form, DateForm::MonthDay | DateForm::DayMonth) && d.day.is_some() && d.month_text.is_some()
}

impl Rule for DateStyle {
    type Options = Options;

    fn check(&self, cx: &mut Context<'_>, options: &Options) {
        let text = cx.text();
        let ap = options.style.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("ap"));
        let dateline = cx.doc.metadata.dateline.as_ref().map(|d| d.span);
        let dates: Vec<&DateFact> = cx
            .facts
            .dates
            .iter()
            .filter(|d| dateline.is_none_or(|dl| !dl.contains(d.span)))
            .collect();
        // Mixed month-first and day-first dates.
        let month_first = dates
            .iter()
            .filter(|d| is_full_date(d) && d.form == DateForm::MonthDay)
            .count();
        let day_first = dates
            .iter()
            .filter(|d| is_full_date(d) && d.form == DateForm::DayMonth)
            .count();
        let minority = if ap || month_first == 0 || day_first == 0 {
            None
        } else if day_first <= month_first {
            Some(DateForm::DayMonth)
        } else {
            Some(DateForm::MonthDay)
        };
        for d in &dates {
            let Some(mt) = d.month_text else { continue };
            let Some(m) = d.month.filter(|m| (1..=12).contains(m)) else {
                continue;
            };
            let written = d.span.slice(text);
            if is_full_date(d) && (Some(d.form) == minority || (ap && d.form == DateForm::DayMonth)) {
                let (usual, this) = if d.form == DateForm::DayMonth {
                    ("month first", "day first")
                } else {
                    ("day first", "month first")
                };
                let why = if ap {
                    "AP style writes dates month first".to_string()
                } else {
                    format!("the article mostly writes dates {usual}")
                };
                cx.report(d.span, format!("\"{written}\" is written {this}; {why}"))
                    .primary("another date style")
                    .help("write every date in the article the same way");
                continue;
            }
            if !ap {
                continue;
            }
            let month_written = mt.slice(text);
            // A headline in capitals (`FEB 26`) follows its own rules.
            if month_written.len() > 2 && !month_written.chars().any(|c| c.is_lowercase()) {
                continue;
            }
            let is_abbrev = month_written.trim_end_matches('.').len() < MONTH_NAMES[m as usize - 1].len();
            let with_day = d.day.is_some();
            let want = match (with_day, AP_ABBREV[m as usize - 1]) {
                (true, Some(abbr)) => abbr.to_string(),
                _ => MONTH_NAMES[m as usize - 1].to_string(),
            };
            if month_written != want && (is_abbrev || with_day) {
                cx.report(mt, format!("AP style writes \"{want}\" here, not \"{month_written}\""))
                    .primary("AP style")
                    .help("AP abbreviates Jan., Feb., Aug., Sept., Oct., Nov. and Dec. with a day, and spells out the rest")
                    .suggest(mt, want);
                continue;
            }
            // `Sept. 27th`: no ordinal after a month.
            if d.form == DateForm::MonthDay {
                let after_month = &text[mt.end..d.span.end];
                if let Some(p) = after_month.find(['s', 'n', 'r', 't']).filter(|p| {
                    after_month[..*p].trim().chars().all(|c| c.is_ascii_digit())
                        && matches!(after_month.get(*p..*p + 2), Some("st" | "nd" | "rd" | "th"))
                }) {
                    let start = mt.end + p;
                    let span = crate::source::Span::new(start, start + 2);
                    cx.report(span, format!("AP style writes no ordinal after a month: \"{written}\""))
                        .primary("drop the ordinal")
                        .help("write `Sept. 27`, not `Sept. 27th`")
                        .suggest(span, "");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lexicons;
    use crate::diagnostic::Severity;
    use crate::document::{Document, ParseOptions};
    use crate::extract::Facts;
    use crate::source::SourceFile;

    fn flagged(text: &str, style: Option<&str>) -> Vec<String> {
        let lex = Lexicons::default_set();
        let doc = Document::parse(SourceFile::new("t.txt", text), &ParseOptions::default(), &lex);
        let facts = Facts::extract(&doc, &lex);
        let mut out = Vec::new();
        let mut cx = Context {
            doc: &doc,
            facts: &facts,
            lex: &lex,
            rule: "date-style",
            severity: Severity::Info,
            out: &mut out,
        };
        DateStyle.check(
            &mut cx,
            &Options {
                style: style.map(str::to_string),
            },
        );
        out.iter().map(|d| text[d.span.start..d.span.end].to_string()).collect()
    }

    #[test]
    fn flags_the_minority_style() {
        let t = "Talks began on Sept. 27, resumed on Oct. 2 and ended on 5 October.";
        assert_eq!(flagged(t, None), ["5 October"]);
        assert!(flagged("Talks began on Sept. 27 and ended on Oct. 5.", None).is_empty());
        assert!(flagged("Talks began on 27 September and ended on 5 October.", None).is_empty());
    }

    #[test]
    fn ap_style_checks_abbreviations_and_ordinals() {
        assert_eq!(flagged("It began on Sep. 27.", Some("ap")), ["Sep."]);
        assert_eq!(flagged("It began on September 27.", Some("ap")), ["September"]);
        assert_eq!(flagged("It began on Mar. 3.", Some("ap")), ["Mar."]);
        assert_eq!(flagged("It began on Sept. 27th.", Some("ap")), ["th"]);
        assert_eq!(flagged("It began on 27 September.", Some("ap")), ["27 September"]);
        assert_eq!(flagged("It began in Sept. 2019.", Some("ap")), ["Sept."]);
        assert!(flagged("PRICES ROSE ON FEB 26", Some("ap")).is_empty());
    }

    #[test]
    fn ap_style_is_silent_on_ap_dates() {
        assert!(
            flagged(
                "It began on Sept. 27, 2019, and in March, on March 3 and in September 2020.",
                Some("ap")
            )
            .is_empty()
        );
        // Without `style = "ap"` spelled-out months are fine.
        assert!(flagged("It began on September 27.", None).is_empty());
    }
}
