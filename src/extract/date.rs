//! Date extraction: the local grammar of dates as news writes them, in nom.
//!
//! Strict about form, permissive about meaning: `February 30` is extracted
//! (day 30, month 2) so that `date-invalid` can judge it.

use chrono::{Datelike, NaiveDate, Weekday};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::char;
use nom::combinator::{map, opt, verify};
use nom::{IResult, Parser};

use crate::source::Span;

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    Day,
    Month,
    Year,
    Decade,
}

/// The written form of a date, for style checks and ambiguity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// `September 27, 2020`, `Sept. 27`
    MonthDay,
    /// `27 September 2020`
    DayMonth,
    /// `July 2020`
    MonthYear,
    /// `2020-09-27`
    Iso,
    /// `27.09.2020` (day first, the European convention)
    Dotted,
    /// `27/09/2020` or `09/27/2020`: order is ambiguous when both parts <= 12
    Slashed,
    /// `2020`
    Year,
    /// `the 1990s`
    Decade,
}

/// A date literal found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateFact {
    pub span: Span,
    pub weekday: Option<(Weekday, Span)>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub form: DateForm,
    pub granularity: Granularity,
    /// The month name as written (`Sept.`), when there is one.
    pub month_text: Option<Span>,
    /// The calendar day, when the date names one that exists (year taken
    /// from the reference date when the text gives none).
    pub resolved: Option<NaiveDate>,
}

impl DateFact {
    /// Whether the literal names a day of the calendar that exists.
    pub fn exists(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let y = self.year.unwrap_or(2000); // a leap year: Feb 29 may exist
                NaiveDate::from_ymd_opt(y, m, d).is_some()
            }
            (Some(m), None) => (1..=12).contains(&m),
            _ => true,
        }
    }
}

/// A parsed literal before spans are attached: offsets are relative.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawDate {
    pub weekday: Option<(Weekday, usize, usize)>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub month_text: Option<(usize, usize)>,
    pub form: Option<DateForm>,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("thurs", Weekday::Thu),
    ("tues", Weekday::Tue),
    ("thur", Weekday::Thu),
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Matches one of `words` (case-insensitively) as a whole word; an
/// abbreviation may take a trailing period. Names must start with a capital:
/// `may` the verb is not `May` the month.
fn lexicon_word<'a, T: Copy>(words: &[(&str, T)], i: &'a str) -> IResult<&'a str, T> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    if !i.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Err(fail());
    }
    for &(w, v) in words {
        // An ASCII byte comparison instead of `tag_no_case`, which lower-cases
        // char by char: this runs at every capitalized word and was the
        // hottest path of the whole program. The names are ASCII, so a match
        // ends on a char boundary.
        let matched = i
            .as_bytes()
            .get(..w.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()));
        if let Some(rest) = matched.then(|| &i[w.len()..]) {
            if rest.starts_with(is_word_char) {
                continue;
            }
            let full = w.len() > 4 || matches!(w, "may" | "june" | "july");
            if full {
                return Ok((rest, v));
            }
            // An abbreviation: `Sept.`, `Nov`, `Mon.`
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return Ok((rest, v));
        }
    }
    Err(fail())
}

/// A month name or AP abbreviation: `September`, `Sept.`, `Sep`.
fn month_name(i: &str) -> IResult<&str, u32> {
    lexicon_word(MONTHS, i)
}

/// A weekday name or abbreviation: `Monday`, `Tues.`.
fn weekday_name(i: &str) -> IResult<&str, Weekday> {
    lexicon_word(WEEKDAYS, i)
}

/// Whitespace between the parts of one date: spaces, tabs, no-break spaces,
/// and at most one line break (wire copy wraps lines mid-date).
pub(crate) fn gap(i: &str) -> IResult<&str, &str> {
    verify(
        take_while1(|c: char| c == ' ' || c == '\t' || c == '\u{a0}' || c == '\n' || c == '\r'),
        |s: &str| {
            s.matches('\n').count() <= 1 && !(s.contains('\r') && !s.contains('\n') && s.matches('\r').count() > 1)
        },
    )
    .parse(i)
}

/// A run of `min` to `max` ASCII digits (not followed by another digit) and
/// its value. Hand-written: every date form starts with it, so it runs
/// several times at every word start; `map_res` over `take_while_m_n` was
/// the date extractor's hottest path.
fn digits(min: usize, max: usize) -> impl FnMut(&str) -> IResult<&str, u32> {
    move |i: &str| {
        let n = i.bytes().take(max + 1).take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
        }
        let value = i.as_bytes()[..n]
            .iter()
            .fold(0u32, |v, d| v.saturating_mul(10).saturating_add(u32::from(d - b'0')));
        Ok((&i[n..], value))
    }
}

/// A day of the month, 1 to 31, with an optional ordinal suffix (`27th`).
fn day(i: &str) -> IResult<&str, u32> {
    let (rest, d) = verify(digits(1, 2), |d| (1..=31).contains(d)).parse(i)?;
    let (rest, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(rest)?;
    if rest.starts_with(is_word_char) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, d))
}

/// A four-digit year from 1000 to 2199 that is not part of a larger number
/// (`2,020`, `20201`).
fn year(i: &str) -> IResult<&str, i32> {
    let (rest, y) = verify(digits(4, 4), |y| (1000..=2199).contains(y)).parse(i)?;
    if rest.starts_with(|c: char| c.is_alphabetic())
        || (rest.starts_with([',', '.']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, y as i32))
}

/// `, 2020` or ` 2020` after a day or month.
fn year_suffix(i: &str) -> IResult<&str, i32> {
    let (i, _) = opt(char(',')).parse(i)?;
    let (i, _) = gap(i)?;
    year(i)
}

/// `September 27`, `Sept. 27, 2020`, `Nov 5 2019`.
fn month_day(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, m) = month_name(i)?;
    let mt = start.len() - i.len();
    let (i, _) = gap(i)?;
    let (i, d) = day(i)?;
    let (i, y) = opt(year_suffix).parse(i)?;
    Ok((
        i,
        RawDate {
            year: y,
            month: Some(m),
            day: Some(d),
            month_text: Some((0, mt)),
            form: Some(DateForm::MonthDay),
            ..RawDate::default()
        },
    ))
}

/// `27 September 2020`, `5th of November`.
fn day_month(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, d) = day(i)?;
    let (i, _) = gap(i)?;
    let (i, _) = opt((tag("of"), gap)).parse(i)?;
    let ms = start.len() - i.len();
    let (i, m) = month_name(i)?;
    let me = start.len() - i.len();
    let (i, y) = opt(year_suffix).parse(i)?;
    Ok((
        i,
        RawDate {
            year: y,
            month: Some(m),
            day: Some(d),
            month_text: Some((ms, me)),
            form: Some(DateForm::DayMonth),
            ..RawDate::default()
        },
    ))
}

/// `July 2020`, `Sept. 2019`.
fn month_year(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, m) = month_name(i)?;
    let mt = start.len() - i.len();
    let (i, y) = year_suffix(i)?;
    Ok((
        i,
        RawDate {
            year: Some(y),
            month: Some(m),
            month_text: Some((0, mt)),
            form: Some(DateForm::MonthYear),
            ..RawDate::default()
        },
    ))
}

/// `2020-09-27`.
fn iso(i: &str) -> IResult<&str, RawDate> {
    let (i, (y, _, m, _, d)) = (year_iso, char('-'), digits(2, 2), char('-'), digits(2, 2)).parse(i)?;
    Ok((
        i,
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            form: Some(DateForm::Iso),
            ..RawDate::default()
        },
    ))
}

fn year_iso(i: &str) -> IResult<&str, i32> {
    map(verify(digits(4, 4), |y| (1000..=2199).contains(y)), |y| y as i32).parse(i)
}

/// `27.09.2020`: day first, as in European press releases.
fn dotted(i: &str) -> IResult<&str, RawDate> {
    let (i, (d, _, m, _, y)) = (digits(1, 2), char('.'), digits(1, 2), char('.'), year_iso).parse(i)?;
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        i,
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            form: Some(DateForm::Dotted),
            ..RawDate::default()
        },
    ))
}

/// `27/09/2020`, `09/27/2020`, `9/27/20`. Read month first (US) unless the
/// first part cannot be a month; `date-ambiguous` judges the rest.
fn slashed(i: &str) -> IResult<&str, RawDate> {
    let (i, (a, _, b, _, y)) = (
        digits(1, 2),
        char('/'),
        digits(1, 2),
        char('/'),
        alt((map(digits(4, 4), |y| y as i32), map(digits(2, 2), |y| 2000 + y as i32))),
    )
        .parse(i)?;
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        i,
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            form: Some(DateForm::Slashed),
            ..RawDate::default()
        },
    ))
}

/// `the 1990s`, `1980s`.
fn decade(i: &str) -> IResult<&str, RawDate> {
    let (i, y) = verify(digits(4, 4), |y| y % 10 == 0 && (1000..=2190).contains(y)).parse(i)?;
    let (i, _) = alt((tag("s"), tag("'s"), tag("’s"))).parse(i)?;
    if i.starts_with(is_word_char) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        i,
        RawDate {
            year: Some(y as i32),
            form: Some(DateForm::Decade),
            ..RawDate::default()
        },
    ))
}

/// A bare year: `in 1991`.
fn bare_year(i: &str) -> IResult<&str, RawDate> {
    let (rest, y) = year(i)?;
    // `1991-92` seasons and `2020/21` are years too; a percent sign, a unit or
    // a decimal point make it a quantity.
    if rest.starts_with('%') || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((
        rest,
        RawDate {
            year: Some(y),
            form: Some(DateForm::Year),
            ..RawDate::default()
        },
    ))
}

/// Any date without a weekday.
fn plain_date(i: &str) -> IResult<&str, RawDate> {
    alt((
        iso, dotted, slashed, month_day, day_month, month_year, decade, bare_year,
    ))
    .parse(i)
}

/// `Monday, Nov. 5, 2019`, `Sunday 27 September`: a weekday then a day-level
/// date.
fn weekday_date(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, wd) = weekday_name(i)?;
    let we = start.len() - i.len();
    let (i, _) = (opt(char(',')), gap).parse(i)?;
    let off = start.len() - i.len();
    let (i, mut d) = verify(alt((month_day, day_month, iso, dotted, slashed)), |d: &RawDate| {
        d.day.is_some()
    })
    .parse(i)?;
    d.weekday = Some((wd, 0, we));
    d.month_text = d.month_text.map(|(s, e)| (s + off, e + off));
    Ok((i, d))
}

/// The top-level date grammar: the longest form that matches at `i`.
pub(crate) fn date(i: &str) -> IResult<&str, RawDate> {
    let (rest, d) = alt((weekday_date, plain_date)).parse(i)?;
    // Whole words only: `2020s` is a decade, `2020abc` is nothing.
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, d))
}

/// Turns a raw match at byte `at` into a fact, resolving the calendar day
/// against `reference` when the text gives no year.
pub(crate) fn to_fact(raw: RawDate, at: usize, len: usize, reference: Option<NaiveDate>) -> DateFact {
    let form = raw.form.unwrap_or(DateForm::Year);
    let granularity = match (raw.day, raw.month, form) {
        (Some(_), _, _) => Granularity::Day,
        (None, Some(_), _) => Granularity::Month,
        (_, _, DateForm::Decade) => Granularity::Decade,
        _ => Granularity::Year,
    };
    let resolved = match (raw.year, raw.month, raw.day, reference) {
        (Some(y), Some(m), Some(d), _) => NaiveDate::from_ymd_opt(y, m, d),
        // No year given: the year that puts the day nearest the reference
        // (a story dated Jan. 2 that says `Dec. 31` means last year's).
        (None, Some(m), Some(d), Some(r)) => [r.year(), r.year() - 1, r.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .min_by_key(|c| (*c - r).num_days().abs()),
        _ => None,
    };
    DateFact {
        span: Span::new(at, at + len),
        weekday: raw.weekday.map(|(w, s, e)| (w, Span::new(at + s, at + e))),
        year: raw.year,
        month: raw.month,
        day: raw.day,
        form,
        granularity,
        month_text: raw.month_text.map(|(s, e)| Span::new(at + s, at + e)),
        resolved,
    }
}

/// Parses a date at the very start of `text` (used by the document layer for
/// datelines and sign-offs). Returns the fact with spans relative to `base`.
pub fn parse_date_at(text: &str, base: usize) -> Option<DateFact> {
    let (rest, raw) = date(text).ok()?;
    Some(to_fact(raw, base, text.len() - rest.len(), None))
}

/// Finds every date in `mask`, trying the grammar at each word start.
pub(crate) fn extract(mask: &str, reference: Option<NaiveDate>) -> Vec<DateFact> {
    let mut out = Vec::new();
    let bytes = mask.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let at_word_start = c.is_ascii_alphanumeric() && super::is_word_start(mask, i);
        if at_word_start && let Ok((rest, raw)) = date(&mask[i..]) {
            let len = mask.len() - i - rest.len();
            out.push(to_fact(raw, i, len, reference));
            i += len;
            continue;
        }
        i += 1;
        while i < bytes.len() && !mask.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> DateFact {
        let v = extract(text, None);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }

    #[test]
    fn extracts_the_forms_news_uses() {
        type Case<'a> = (&'a str, &'a str, Option<i32>, Option<u32>, Option<u32>);
        let cases: &[Case] = &[
            (
                "on September 27, 2020.",
                "September 27, 2020",
                Some(2020),
                Some(9),
                Some(27),
            ),
            ("on Sept. 27 it", "Sept. 27", None, Some(9), Some(27)),
            (
                "on 27 September 2020,",
                "27 September 2020",
                Some(2020),
                Some(9),
                Some(27),
            ),
            ("dated 2020-09-27.", "2020-09-27", Some(2020), Some(9), Some(27)),
            ("Paris, 27.09.2020", "27.09.2020", Some(2020), Some(9), Some(27)),
            ("in July 2020 the", "July 2020", Some(2020), Some(7), None),
            ("in 1991 through", "1991", Some(1991), None, None),
            ("the 1990s saw", "1990s", Some(1990), None, None),
            ("on 09/27/2020", "09/27/2020", Some(2020), Some(9), Some(27)),
        ];
        for &(text, want, y, m, d) in cases {
            let f = one(text);
            assert_eq!(f.span.slice(text), want, "{text}");
            assert_eq!((f.year, f.month, f.day), (y, m, d), "{text}");
        }
    }

    #[test]
    fn weekday_prefixed_dates_keep_the_weekday() {
        let text = "on Monday, Nov. 5, 2019, the";
        let f = one(text);
        assert_eq!(f.span.slice(text), "Monday, Nov. 5, 2019");
        let (wd, span) = f.weekday.unwrap();
        assert_eq!(wd, Weekday::Mon);
        assert_eq!(span.slice(text), "Monday");
        assert_eq!(f.month_text.unwrap().slice(text), "Nov.");
    }

    #[test]
    fn impossible_days_are_still_extracted() {
        let f = one("due on February 30.");
        assert_eq!((f.month, f.day), (Some(2), Some(30)));
        assert!(!f.exists());
        assert!(f.resolved.is_none());
        assert!(!one("on 31 April").exists());
        assert!(!one("on 29 February 2023").exists());
        assert!(one("on 29 February 2024").exists());
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "You may 5 times", // lowercase `may` is a verb
            "a Marching band",
            "about 2,020 people",
            "rose 2020% in",
            "ticket 12345678",
            "costs $2020 now",
            "Mayday 5",
        ] {
            assert!(extract(text, None).is_empty(), "{text}: {:?}", extract(text, None));
        }
    }

    #[test]
    fn resolves_yearless_dates_against_the_reference() {
        let r = NaiveDate::from_ymd_opt(2020, 9, 28);
        let f = extract("on Sept. 27 it", r).remove(0);
        assert_eq!(f.resolved, NaiveDate::from_ymd_opt(2020, 9, 27));
        assert_eq!(f.year, None);
    }

    #[test]
    fn date_may_wrap_across_one_line_break() {
        let text = "ended February\n22 were";
        assert_eq!(one(text).span.slice(text), "February\n22");
        assert!(extract("in May\n\n22 people", None).is_empty());
    }
}
