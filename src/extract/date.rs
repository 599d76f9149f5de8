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

use super::tag_no_case;

use crate::document::{Paragraph, Sentence};
use crate::source::Span;
use crate::swar::{letters, pack};

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    Day,
    /// `this week`, `last week`
    Week,
    Month,
    /// `the third quarter`
    Quarter,
    /// `last summer`, `spring 2020`
    Season,
    Year,
    Decade,
}

/// A vague reference to a time rather than a date: `now`, `recently`,
/// `in the future`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Deixis {
    Present,
    Past,
    Future,
}

/// `early`, `mid-` or `late` before a month, year or decade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modifier {
    Early,
    Mid,
    Late,
}

/// A unit of elapsed time in `three days ago`, `two years later`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// What a relative date counts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Anchor {
    /// The article's reference date: `two days ago`, `yesterday`.
    Reference,
    /// The last date before it in the same paragraph: `three days later`.
    Previous,
    /// `a year later` with no date before it in the paragraph: counted from
    /// the reference date for want of better, though it usually continues
    /// an earlier sentence. Rules should not rely on it.
    Assumed,
}

/// An elapsed-time expression: `30 years ago` is 30 years before the
/// reference; `three days later` is 3 days after the previous date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shift {
    /// Signed: negative counts back (`ago`, `earlier`, `before`).
    pub amount: i64,
    pub unit: Unit,
    pub anchor: Anchor,
}

/// The end of a range: `6` in `Feb. 4-6`, `20` in `2019-20`, or the second
/// date of `from 2016 to 2019`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeEnd {
    pub span: Span,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
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
    /// A month alone after a preposition: `in September`
    Month,
    /// A date that needs the reference date to be read: `yesterday`,
    /// `on Tuesday`, `last month`, `two days ago`, `the 27th`
    Relative,
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
    /// `early`, `mid-`, `late`.
    pub modifier: Option<Modifier>,
    /// The first and last calendar days the date covers (`2020` covers
    /// 2020-01-01 to 2020-12-31), when known.
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// The end of a range that starts with this date.
    pub range_end: Option<RangeEnd>,
    /// For elapsed-time expressions: how far and from what.
    pub shift: Option<Shift>,
    /// For `now`, `recently`, `the future`: no date, only a direction.
    pub deixis: Option<Deixis>,
    /// For all-numeric dates: `Some(true)` when written day first
    /// (`27/09/2020`, `27.09.2020`), `Some(false)` month first
    /// (`09/27/2020`), `None` when both parts could be the month
    /// (`03/04/2020`) and nothing in the article settles it.
    pub day_first: Option<bool>,
    /// Whether the order of an ambiguous numeric date was taken from the
    /// article's other numeric dates.
    pub order_from_context: bool,
    /// A time of day written with the date: `9 p.m. Sunday`,
    /// `Sept. 27 at 10:30 a.m.`.
    pub time: Option<chrono::NaiveTime>,
}

impl DateFact {
    /// The date as a TimeML (ISO 8601) value: `2020-09-27`, `2020-W39`,
    /// `2020-09`, `2020-SU`, `2020`, `199` for the 1990s; `XXXX-09-27` for a
    /// day whose year is unknown. `None` when the date is not resolved.
    pub fn timex_value(&self) -> Option<String> {
        if let Some(d) = self.deixis {
            return Some(
                match d {
                    Deixis::Present => "PRESENT_REF",
                    Deixis::Past => "PAST_REF",
                    Deixis::Future => "FUTURE_REF",
                }
                .to_string(),
            );
        }
        match self.granularity {
            Granularity::Quarter => {
                let f = self.first?;
                Some(format!("{}-Q{}", f.year(), (f.month() - 1) / 3 + 1))
            }
            Granularity::Day => match (self.resolved, self.month, self.day) {
                (Some(d), _, _) => Some(d.format("%Y-%m-%d").to_string()),
                (None, Some(m), Some(d)) if self.form != DateForm::Relative => Some(format!("XXXX-{m:02}-{d:02}")),
                _ => None,
            },
            Granularity::Week => {
                let w = self.first?.iso_week();
                Some(format!("{}-W{:02}", w.year(), w.week()))
            }
            Granularity::Month => {
                let y = self.year.or(self.first.map(|f| f.year()));
                match (y, self.month) {
                    (Some(y), Some(m)) => Some(format!("{y:04}-{m:02}")),
                    (None, Some(m)) => Some(format!("XXXX-{m:02}")),
                    _ => None,
                }
            }
            Granularity::Season => {
                let f = self.first?;
                let s = match f.month() {
                    3..=5 => "SP",
                    6..=8 => "SU",
                    9..=11 => "FA",
                    _ => "WI",
                };
                Some(format!("{}-{s}", f.year()))
            }
            Granularity::Year => self.year.or(self.first.map(|f| f.year())).map(|y| format!("{y:04}")),
            Granularity::Decade => self.year.map(|y| format!("{:03}", y / 10)),
        }
    }

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

/// A range end before spans are attached: start and end offsets, then
/// year, month and day.
pub(crate) type RawEnd = (usize, usize, Option<i32>, Option<u32>, Option<u32>);

/// A parsed literal before spans are attached: offsets are relative.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawDate {
    pub weekday: Option<(Weekday, usize, usize)>,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub month_text: Option<(usize, usize)>,
    pub form: Option<DateForm>,
    pub modifier: Option<Modifier>,
    pub day_first: Option<bool>,
    pub time: Option<chrono::NaiveTime>,
    /// `this year` (0), `last year` (-1), `next year` (+1) after a month.
    pub rel_year: Option<i64>,
    /// Range end: relative offsets of its text, and its parts.
    pub end: Option<RawEnd>,
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

/// The months' full names, January first (rules quote them in messages).
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' full names, Monday first.
pub const WEEKDAY_FULL_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `w` is a month's or a weekday's full name, in any case.
pub(crate) fn is_month_or_weekday_name(w: &str) -> bool {
    MONTH_NAMES
        .iter()
        .chain(&WEEKDAY_FULL_NAMES)
        .any(|n| w.eq_ignore_ascii_case(n))
}

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

/// Whether `i` starts with an alphanumeric char (`starts_with(is_word_char)`),
/// an ASCII byte judged without decoding a char.
#[inline(always)]
fn starts_alnum(i: &str) -> bool {
    match i.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => i.starts_with(is_word_char),
    }
}

/// Matches one of `words` (case-insensitively) as a whole word; an
/// abbreviation may take a trailing period. Names must start with a capital:
/// `may` the verb is not `May` the month.
fn lexicon_word<'a, T: Copy>(words: &[(&str, T)], i: &'a str) -> IResult<&'a str, T> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    let Some(&first) = i.as_bytes().first().filter(|c| c.is_ascii_uppercase()) else {
        return Err(fail());
    };
    let first = first.to_ascii_lowercase();
    for &(w, v) in words {
        // The names are lower case: one with another first letter cannot
        // match, and most of them are skipped on that byte alone.
        if w.as_bytes()[0] != first {
            continue;
        }
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
    // [`lexicon_word`] on [`MONTHS`], read from the word's ASCII letters: an
    // entry matches exactly when the letters spell it and no alphanumeric
    // char follows them.
    let b = i.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_uppercase) {
        return fail(i);
    }
    let w = ascii_word(b);
    let m = month_of_lower(lower(w, &mut [0; 16]));
    if m == 0 {
        return fail(i);
    }
    month_tail(i, w.len(), m)
}

/// [`month_name`] once the first `n` bytes of `i` are known to spell month
/// `m`.
fn month_tail(i: &str, n: usize, m: u32) -> IResult<&str, u32> {
    let rest = &i[n..];
    if starts_alnum(rest) {
        return fail(i);
    }
    // A full name (`may`, `june`, `july` are short), or an abbreviation.
    if n > 4 || m == 5 || (n == 4 && matches!(m, 6 | 7)) {
        return Ok((rest, m));
    }
    // An abbreviation: `Sept.`, `Nov`
    Ok((rest.strip_prefix('.').unwrap_or(rest), m))
}

/// A weekday name or abbreviation: `Monday`, `Tues.`.
fn weekday_name(i: &str) -> IResult<&str, Weekday> {
    lexicon_word(WEEKDAYS, i)
}

/// Whitespace between the parts of one date: spaces, tabs, no-break spaces,
/// and at most one line break (wire copy wraps lines mid-date).
pub(crate) fn gap(i: &str) -> IResult<&str, &str> {
    // Most gaps are one space before a word: taken without the general
    // parser (one byte of the four is always a valid gap on its own).
    let b = i.as_bytes();
    match b.first() {
        Some(b' ' | b'\t' | b'\n' | b'\r') => {
            if !matches!(b.get(1), Some(b' ' | b'\t' | b'\n' | b'\r' | 0xC2)) {
                return Ok((&i[1..], &i[..1]));
            }
        }
        Some(0xC2) => {}
        _ => return fail(i),
    }
    gap_slow(i)
}

/// [`gap`] in general: a run of several gap characters.
#[cold]
fn gap_slow(i: &str) -> IResult<&str, &str> {
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
    let (rest, d) = digits(1, 2)(i)?;
    if !(1..=31).contains(&d) {
        return fail(i);
    }
    let rest = match rest.as_bytes() {
        [b's', b't', ..] | [b'n', b'd', ..] | [b'r', b'd', ..] | [b't', b'h', ..] => &rest[2..],
        _ => rest,
    };
    if starts_alnum(rest) {
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
    if !matches!(i.as_bytes().first(), Some(b'1' | b'2')) {
        return fail(i);
    }
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
    let i = i.strip_prefix(',').unwrap_or(i);
    let (i, _) = gap(i)?;
    year(i)
}

/// ` this year`, ` last year`, ` next year` after a month: -1, 0, +1.
fn rel_year_suffix(i: &str) -> IResult<&str, i64> {
    let (i, _) = gap(i)?;
    // `last`, `next` or `this`.
    if !matches!(i.as_bytes().first().map(|b| b | 0x20), Some(b'l' | b'n' | b't')) {
        return fail(i);
    }
    let (i, d) = alt((
        map(word("last"), |_| -1),
        map(word("next"), |_| 1),
        map(word("this"), |_| 0),
    ))
    .parse(i)?;
    let (i, _) = (gap, word("year")).parse(i)?;
    if i.starts_with(['\'', '’']) {
        return fail(i);
    }
    Ok((i, d))
}

/// `opt(p)` for a parser `p` that fails only with `nom::Err::Error` (as the
/// grammar's parsers do): what `p` reads, or nothing.
#[inline(always)]
fn maybe<'a, T>(p: impl FnOnce(&'a str) -> IResult<&'a str, T>, i: &'a str) -> (&'a str, Option<T>) {
    match p(i) {
        Ok((rest, v)) => (rest, Some(v)),
        Err(_) => (i, None),
    }
}

/// `-6` or `–6` closing a day range (`Feb. 4-6`): returns the end day and
/// the relative offsets of its text.
fn day_range_end(i: &str) -> IResult<&str, u32> {
    let Some(rest) = i.strip_prefix('-').or_else(|| i.strip_prefix('–')) else {
        return fail(i);
    };
    let (rest, d) = day(rest)?;
    // `May 3-1/4` is a price in a table, not a range.
    let decimal = rest.starts_with(['.', ':']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if rest.starts_with('/') || decimal {
        return fail(i);
    }
    Ok((rest, d))
}

/// `September 27`, `Sept. 27, 2020`, `Nov 5 2019`, `Feb. 4-6`.
fn month_day(i: &str) -> IResult<&str, RawDate> {
    let (after, m) = month_name(i)?;
    month_day_tail(i, after, m)
}

/// [`month_day`] after its month `m` (`start` is the whole input, `i` what
/// follows the month).
fn month_day_tail<'a>(start: &'a str, i: &'a str, m: u32) -> IResult<&'a str, RawDate> {
    let mt = start.len() - i.len();
    let (i, _) = gap(i)?;
    let (i, d) = day(i)?;
    let before_end = i;
    let (i, end_day) = maybe(day_range_end, i);
    let end_at = (start.len() - before_end.len() + 1, start.len() - i.len());
    let (i, y) = maybe(year_suffix, i);
    let (i, rel_year) = if y.is_none() {
        maybe(rel_year_suffix, i)
    } else {
        (i, None)
    };
    Ok((
        i,
        RawDate {
            year: y,
            rel_year,
            month: Some(m),
            day: Some(d),
            month_text: Some((0, mt)),
            form: Some(DateForm::MonthDay),
            end: end_day.map(|e| (end_at.0, end_at.1, y, Some(m), Some(e))),
            ..RawDate::default()
        },
    ))
}

/// `27 September 2020`, `5th of November`, `4-6 February`.
fn day_month(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, d) = day(i)?;
    let before_end = i;
    let (i, end_day) = maybe(day_range_end, i);
    let end_at = (start.len() - before_end.len() + 1, start.len() - i.len());
    let (i, _) = gap(i)?;
    let (i, _) = opt((tag("of"), gap)).parse(i)?;
    let ms = start.len() - i.len();
    let (i, m) = month_name(i)?;
    let me = start.len() - i.len();
    let (i, y) = maybe(year_suffix, i);
    Ok((
        i,
        RawDate {
            year: y,
            month: Some(m),
            day: Some(d),
            month_text: Some((ms, me)),
            form: Some(DateForm::DayMonth),
            end: end_day.map(|e| (end_at.0, end_at.1, y, Some(m), Some(e))),
            ..RawDate::default()
        },
    ))
}

/// `July 2020`, `Sept. 2019`.
fn month_year(i: &str) -> IResult<&str, RawDate> {
    let (after, m) = month_name(i)?;
    month_year_tail(i, after, m)
}

/// [`month_year`] after its month `m` (see [`month_day_tail`]).
fn month_year_tail<'a>(start: &'a str, i: &'a str, m: u32) -> IResult<&'a str, RawDate> {
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
    let (i, d) = digits(1, 2)(i)?;
    let Some(i) = i.strip_prefix('.') else { return fail(i) };
    let (i, m) = digits(1, 2)(i)?;
    let Some(i) = i.strip_prefix('.') else { return fail(i) };
    let (i, y) = year_iso(i)?;
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
            day_first: Some(true),
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
        alt((
            map(digits(4, 4), |y| y as i32),
            map(digits(2, 2), |y| if y >= 50 { 1900 } else { 2000 } + y as i32),
        )),
    )
        .parse(i)?;
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    let day_first = match (a > 12, b > 12) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ if a == b => Some(false),
        _ => None,
    };
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
            day_first,
            ..RawDate::default()
        },
    ))
}

/// `the 1990s`, `1980s`, `the '90s` is not taken (too easily a quantity).
fn decade(i: &str) -> IResult<&str, RawDate> {
    let (i, _) = opt((tag_no_case("the"), gap)).parse(i)?;
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

/// A bare year: `in 1991`; with a season or range end: `2019-20`,
/// `2009-2010`, `2019/20`.
fn bare_year(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (rest, y) = year(i)?;
    // A percent sign or a decimal point make it a quantity.
    if rest.starts_with('%') || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit())) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let mut end = None;
    let mut rest = rest;
    if rest.starts_with(['-', '–', '/'])
        && let Ok((r, (_, e))) = (
            alt((char('-'), char('–'), char('/'))),
            alt((
                map(digits(4, 4), |e| e as i32),
                map(digits(2, 2), |e| e as i32 + 10_000),
            )),
        )
            .parse(rest)
        && !r.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '/' || c == '%')
    {
        let end_year = if e >= 10_000 {
            // Two digits: the same century, or the next one for `1999-00`.
            let yy = e - 10_000;
            let same = y / 100 * 100 + yy;
            if same < y && (y + 1) % 100 == yy {
                same + 100
            } else {
                same
            }
        } else {
            e
        };
        if (1000..=2199).contains(&end_year) {
            let at = start.len() - rest.len() + 1;
            end = Some((at, start.len() - r.len(), Some(end_year), None, None));
            rest = r;
        }
    }
    Ok((
        rest,
        RawDate {
            year: Some(y),
            form: Some(DateForm::Year),
            end,
            ..RawDate::default()
        },
    ))
}

/// `early`, `mid`, `late` before a period: `mid-September`, `late 2020`,
/// `the early 1990s`, `early this year` is relative and not taken here.
fn modified(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, the) = opt((tag_no_case("the"), gap)).parse(i)?;
    let (i, m) = alt((
        map(tag_no_case("early"), |_| Modifier::Early),
        map(tag_no_case("mid"), |_| Modifier::Mid),
        map(tag_no_case("late"), |_| Modifier::Late),
    ))
    .parse(i)?;
    let (i, _) = alt((tag("-"), gap)).parse(i)?;
    let off = start.len() - i.len();
    let (i, mut d) = alt((month_year, decade, bare_year, month_alone)).parse(i)?;
    if the.is_some() && d.form != Some(DateForm::Decade) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    if d.end.is_some() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    d.modifier = Some(m);
    d.month_text = d.month_text.map(|(s, e)| (s + off, e + off));
    Ok((i, d))
}

/// A month name spelled out and standing alone: `September`. Only taken
/// after a modifier or a preposition (the driver checks the word before).
fn month_alone(i: &str) -> IResult<&str, RawDate> {
    let (rest, m) = month_name(i)?;
    let written = i.len() - rest.len();
    if MONTH_NAMES.get(m as usize - 1).is_none_or(|f| f.len() != written) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let (rest, rel_year) = maybe(rel_year_suffix, rest);
    Ok((
        rest,
        RawDate {
            rel_year,
            month: Some(m),
            month_text: Some((0, written)),
            form: Some(DateForm::Month),
            ..RawDate::default()
        },
    ))
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
/// A clock time: `9 p.m.`, `10:30 a.m.`, `7pm`.
fn clock(i: &str) -> IResult<&str, chrono::NaiveTime> {
    let (i, h) = verify(digits(1, 2), |h| (1..=12).contains(h)).parse(i)?;
    let (i, m) = opt(nom::sequence::preceded(char(':'), verify(digits(2, 2), |m| *m < 60))).parse(i)?;
    let (i, _) = opt(char(' ')).parse(i)?;
    let (i, pm) = alt((
        map(
            alt((tag_no_case("a.m."), tag_no_case("a.m"), tag_no_case("am"))),
            |_| false,
        ),
        map(
            alt((tag_no_case("p.m."), tag_no_case("p.m"), tag_no_case("pm"))),
            |_| true,
        ),
    ))
    .parse(i)?;
    if i.starts_with(|c: char| c.is_alphanumeric()) {
        return fail(i);
    }
    let hour = h % 12 + if pm { 12 } else { 0 };
    match chrono::NaiveTime::from_hms_opt(hour, m.unwrap_or(0), 0) {
        Some(t) => Ok((i, t)),
        None => fail(i),
    }
}

/// `9 p.m. ` before a date.
fn time_prefix(i: &str) -> IResult<&str, chrono::NaiveTime> {
    let (i, t) = clock(i)?;
    let (i, _) = gap(i)?;
    Ok((i, t))
}

/// ` at 9 p.m.` after a date.
fn time_suffix(i: &str) -> IResult<&str, chrono::NaiveTime> {
    let i = i.strip_prefix(',').unwrap_or(i);
    let (i, _) = gap(i)?;
    if !matches!(i.as_bytes().first(), Some(b'a' | b'A')) {
        return fail(i);
    }
    let (i, _) = (word("at"), gap).parse(i)?;
    clock(i)
}

/// `9 p.m. Sept. 27`: a time then a day-level date.
fn timed_date(i: &str) -> IResult<&str, RawDate> {
    let start = i;
    let (i, t) = time_prefix(i)?;
    let off = start.len() - i.len();
    let (i, mut d) = verify(alt((weekday_date, month_day, day_month)), |d: &RawDate| d.day.is_some()).parse(i)?;
    d.time = Some(t);
    d.month_text = d.month_text.map(|(s, e)| (s + off, e + off));
    d.weekday = d.weekday.map(|(w, s, e)| (w, s + off, e + off));
    d.end = d.end.map(|(s, e, y, m, dd)| (s + off, e + off, y, m, dd));
    Ok((i, d))
}

pub(crate) fn date(i: &str) -> IResult<&str, RawDate> {
    // A digit starts neither a weekday, a modifier nor a month name: only
    // the forms that may start with one are tried, in the same order.
    // The number of digits and the first letter settle further which forms
    // may match: the others would fail on their first part (one or two
    // digits; four; a capitalized name; `the`, `early`, `mid`, `late`).
    let c = i.as_bytes().first().copied().unwrap_or(0);
    let (rest, mut d) = if c.is_ascii_digit() {
        let k = i.bytes().take(5).take_while(u8::is_ascii_digit).count();
        // The byte after the digits: a day needs a gap, a suffix or a range
        // before its month, a clock a colon, a space or its `a.m.`.
        match (k, i.as_bytes().get(k)) {
            (1 | 2, Some(b'.')) => dotted(i)?,
            (1 | 2, Some(b'/')) => slashed(i)?,
            (1 | 2, Some(b':')) => timed_date(i)?,
            // A clock needs its `a.m.` or `pm` next, or after one space.
            (1 | 2, Some(&x))
                if matches!(x | 0x20, b'a' | b'p')
                    || (x == b' ' && i.as_bytes().get(k + 1).is_some_and(|y| matches!(y | 0x20, b'a' | b'p'))) =>
            {
                alt((timed_date, day_month)).parse(i)?
            }
            (1 | 2, _) => day_month(i)?,
            (4, Some(b'-')) => alt((iso, bare_year)).parse(i)?,
            (4, Some(b's' | b'\'' | 0xE2)) => alt((decade, bare_year)).parse(i)?,
            (4, _) => bare_year(i)?,
            _ => return fail(i),
        }
    } else {
        // No clock, digit run or day starts with a letter: of the plain
        // dates only the month forms and `the 1990s` remain.
        // A capitalized word is a weekday's name, a month's, or neither
        // (then only `The`, `Early`, `Mid`, `Late` start a form): the forms
        // of the others would fail on it.
        let modifier = matches!(c | 0x20, b't' | b'e' | b'm' | b'l');
        let w = ascii_word(i.as_bytes());
        let kind = if c.is_ascii_uppercase() {
            name_kind(w)
        } else {
            NameKind::Neither
        };
        match (kind, modifier) {
            (NameKind::Weekday, _) => weekday_date(i)?,
            (NameKind::Month(m), _) => {
                let (after, m) = month_tail(i, w.len(), m)?;
                month_day_tail(i, after, m).or_else(|_| month_year_tail(i, after, m))?
            }
            (_, true) => alt((modified, decade)).parse(i)?,
            (_, false) => return fail(i),
        }
    };
    let (rest, d) = if d.day.is_some() && d.time.is_none() && d.end.is_none() {
        match time_suffix(rest) {
            Ok((r, t)) => {
                d.time = Some(t);
                (r, d)
            }
            Err(_) => (rest, d),
        }
    } else {
        (rest, d)
    };
    // Whole words only: `2020s` is a decade, `2020abc` is nothing.
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, d))
}

/// The first and last days of `year`, or of one month of it.
fn month_bounds(y: i32, m: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

fn year_bounds(y: i32, years: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(y, 1, 1)?,
        NaiveDate::from_ymd_opt(y + years - 1, 12, 31)?,
    ))
}

/// The days a literal covers, given its parts.
fn bounds(
    g: Granularity,
    y: Option<i32>,
    m: Option<u32>,
    resolved: Option<NaiveDate>,
) -> Option<(NaiveDate, NaiveDate)> {
    match g {
        Granularity::Day | Granularity::Week => resolved.map(|d| (d, d)),
        Granularity::Month | Granularity::Season | Granularity::Quarter => month_bounds(y?, m?),
        Granularity::Year => year_bounds(y?, 1),
        Granularity::Decade => year_bounds(y?, 10),
    }
}

/// Turns a raw match at byte `at` into a fact, resolving the calendar day
/// against `reference` when the text gives no year.
pub(crate) fn to_fact(raw: RawDate, at: usize, len: usize, reference: Option<NaiveDate>) -> DateFact {
    let form = raw.form.unwrap_or(DateForm::Year);
    let mut raw = raw;
    if let (Some(d), Some(r), None) = (raw.rel_year, reference, raw.year) {
        raw.year = Some(r.year() + d as i32);
    }
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
    // A month without a year: the reference's year.
    let year_for_bounds = raw
        .year
        .or_else(|| resolved.map(|d| d.year()))
        .or_else(|| reference.map(|r| r.year()));
    let (first, last) = bounds(granularity, year_for_bounds, raw.month, resolved).unzip();
    let range_end = raw.end.map(|(s, e, y, m, d)| RangeEnd {
        span: Span::new(at + s, at + e),
        year: y,
        month: m,
        day: d,
    });
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
        modifier: raw.modifier,
        first,
        last,
        range_end,
        shift: None,
        deixis: None,
        day_first: raw.day_first,
        order_from_context: false,
        time: raw.time,
    }
}

/// Parses a date at the very start of `text` (used by the document layer for
/// datelines and sign-offs). Returns the fact with spans relative to `base`.
pub fn parse_date_at(text: &str, base: usize) -> Option<DateFact> {
    let (rest, raw) = date(text).ok()?;
    Some(to_fact(raw, base, text.len() - rest.len(), None))
}

/// Prepositions after which a month name alone is a date: `in September`.
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "through",
    "during",
    "before",
    "after",
    "from",
    "to",
    "of",
    "by",
    "and",
    "or",
    "between",
    "throughout",
];

/// The word that ends just before byte `i` (skipping one gap).
fn word_before(mask: &str, i: usize) -> &str {
    let head = mask[..i].trim_end_matches([' ', '\t', '\u{a0}']);
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(p, c)| p + c.len_utf8());
    &head[start..]
}

/// A month name standing alone after a preposition: `in September`. `May`
/// needs `in`, `since`, `until` or `during` (`by May` may be a person).
fn cued_month(mask: &str, i: usize) -> IResult<&str, RawDate> {
    let at = &mask[i..];
    let (rest, d) = month_alone(at)?;
    let cue = word_before(mask, i).to_ascii_lowercase();
    let ok = MONTH_CUES.contains(&cue.as_str())
        && (d.month != Some(5) || matches!(cue.as_str(), "in" | "since" | "until" | "during"))
        && !rest.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’');
    // `in March 2020` and `March 27` are taken by the full grammar first;
    // a capitalized word after it makes `in May Day` a name.
    let next_is_name = rest
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()));
    if !ok || next_is_name {
        return Err(nom::Err::Error(nom::error::Error::new(
            at,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((rest, d))
}

/// What the ASCII word `w` names, in any case: a weekday ([`WEEKDAYS`]),
/// a month ([`MONTHS`]) or neither; its letters lower-cased once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Weekday,
    Month(u32),
    Neither,
}

/// The [`NameKind`] of the ASCII word `w`.
fn name_kind(w: &[u8]) -> NameKind {
    let mut buf = [0; 16];
    let l = lower(w, &mut buf);
    if is_weekday_lower(l) {
        NameKind::Weekday
    } else if let m @ 1.. = month_of_lower(l) {
        NameKind::Month(m)
    } else {
        NameKind::Neither
    }
}

/// Whether the ASCII word `w` is one of [`WEEKDAYS`], in any case: a match
/// on its letters, cheaper than a set lookup at every capitalized word.
fn is_weekday_word(w: &[u8]) -> bool {
    is_weekday_lower(lower(w, &mut [0; 16]))
}

/// [`is_weekday_word`] for a word in lower case.
fn is_weekday_lower(w: &[u8]) -> bool {
    matches!(
        w,
        b"monday"
            | b"tuesday"
            | b"wednesday"
            | b"thursday"
            | b"friday"
            | b"saturday"
            | b"sunday"
            | b"thurs"
            | b"tues"
            | b"thur"
            | b"mon"
            | b"tue"
            | b"wed"
            | b"thu"
            | b"fri"
            | b"sat"
            | b"sun"
    )
}

/// Whether the ASCII word `w` is one of [`MONTHS`] or [`WEEKDAYS`], in any
/// case (see [`is_weekday_word`]).
fn is_date_word(w: &[u8]) -> bool {
    name_kind(w) != NameKind::Neither
}

/// The month the lower-case ASCII word `w` names ([`MONTHS`]), or 0.
fn month_of_lower(w: &[u8]) -> u32 {
    match w {
        b"january" | b"jan" => 1,
        b"february" | b"feb" => 2,
        b"march" | b"mar" => 3,
        b"april" | b"apr" => 4,
        b"may" => 5,
        b"june" | b"jun" => 6,
        b"july" | b"jul" => 7,
        b"august" | b"aug" => 8,
        b"september" | b"sept" | b"sep" => 9,
        b"october" | b"oct" => 10,
        b"november" | b"nov" => 11,
        b"december" | b"dec" => 12,
        _ => 0,
    }
}

/// The word of ASCII letters at the start of `at`: eight bytes at once
/// (see [`letters`]) when there are eight.
fn ascii_word(at: &[u8]) -> &[u8] {
    if let Some(x) = at.first_chunk::<8>() {
        let n = (!pack(letters(u64::from_le_bytes(*x)))).trailing_zeros() as usize;
        if n < 8 {
            return &at[..n];
        }
    }
    let n = at.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    &at[..n]
}

/// For each first byte and second letter, a bit for each length of the
/// words that start with them: a first check on a word's first two letters
/// and length, before comparing it. Rows 0 to 25 are for a small first
/// letter, 26 to 51 for a capital, 52 for a digit (a number: no letters, bit
/// 0), 53 for other bytes; column 26 is for a word of one letter.
#[cfg(test)]
type Lengths = [[u16; 27]; 54];

/// The row of [`Lengths`] by first byte.
#[cfg(test)]
const FIRST: [u8; 256] = {
    let mut t = [53u8; 256];
    let mut c = 0;
    while c < 26 {
        t[b'a' as usize + c] = c as u8;
        t[b'A' as usize + c] = 26 + c as u8;
        c += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = 52;
        d += 1;
    }
    t
};

/// The column of [`Lengths`] for a word whose letters are `w`.
#[cfg(test)]
const fn second(w: &[u8]) -> usize {
    if w.len() >= 2 {
        ((w[1] | 0x20) - b'a') as usize
    } else {
        26
    }
}

/// Adds `w` to `table`: capitalized only unless `any_case`.
#[cfg(test)]
const fn add_length(mut table: Lengths, w: &str, any_case: bool) -> Lengths {
    let w = w.as_bytes();
    let c = (w[0].to_ascii_lowercase() - b'a') as usize;
    let bit = 1 << w.len();
    table[26 + c][second(w)] |= bit;
    if any_case {
        table[c][second(w)] |= bit;
    }
    table
}

/// Adds the words of a lexicon to `table`.
#[cfg(test)]
const fn add_lengths<T: Copy>(mut table: Lengths, words: &[(&str, T)], any_case: bool) -> Lengths {
    let mut k = 0;
    while k < words.len() {
        table = add_length(table, words[k].0, any_case);
        k += 1;
    }
    table
}

/// Adds `words` to `table`, in any case.
#[cfg(test)]
const fn add_word_lengths(mut table: Lengths, words: &[&str]) -> Lengths {
    let mut k = 0;
    while k < words.len() {
        table = add_length(table, words[k], true);
        k += 1;
    }
    table
}

/// A table with only the digits' row (numbers take no letters).
#[cfg(test)]
const fn numbers() -> Lengths {
    let mut t = [[0; 27]; 54];
    t[52][26] = 1;
    t
}

/// The words [`may_start_date`] compares: capitalized month and weekday
/// names; `the`, `early`, `mid`, `late` in any case.
#[cfg(test)]
const DATE_ROWS: Lengths = add_word_lengths(
    add_lengths(add_lengths(numbers(), MONTHS, false), WEEKDAYS, false),
    &["the", "early", "mid", "late"],
);

/// The words [`may_start_relative`] compares: capitalized weekday names;
/// [`RELATIVE_STARTS`] and the count words in any case.
#[cfg(test)]
const RELATIVE_ROWS: Lengths = add_word_lengths(
    add_lengths(
        add_lengths(add_word_lengths(numbers(), RELATIVE_STARTS), super::number::SMALL, true),
        WEEKDAYS,
        false,
    ),
    &["a", "an", "hundred"],
);

/// Four sets of words by their first letters and length, read at every
/// word start by [`Starts::scan`]: by first byte (an ASCII letter or digit:
/// no other byte starts a word), then by [`column`]. Each set's lengths
/// take 12 bits of an entry, at [`DATE`], [`REL`], [`LEAD`] and [`FOLLOW`],
/// and those of the first three together at [`ANY`]; an entry is read
/// shifted by a word's length clamped to [`LONG`] (no word of a set is that
/// long). The sets:
/// - [`DATE`]: the words at which a literal date may start whatever
///   follows them (see [`may_start_date`]): digits, capitalized month and
///   weekday names, `early`, `mid`, `late`;
/// - [`REL`]: the words at which a relative date may start whatever follows
///   them (see [`may_start_relative`]): [`RELATIVE_STARTS`] but `the`, and
///   the tens (`twenty-five`) in any case; capitalized weekday names;
/// - [`LEAD`]: the words that start a form only before certain words (see
///   [`lead_keeps`]): `the`, a count word, a digit;
/// - [`FOLLOW`]: the words that may follow them: units of time after a
///   count; after `the`, the words [`the_tail`] and [`may_start_date`] take.
///
/// A byte from 128 up has the row of its low seven bits (no such byte starts
/// a word): the table is read by the whole byte, without masking it.
type ByteLengths = [[u64; 32]; 256];

/// Where each set's lengths start in a [`ByteLengths`] entry.
const ANY: u32 = 0;
const DATE: u32 = 12;
const REL: u32 = 24;
const LEAD: u32 = 36;
const FOLLOW: u32 = 48;

/// The bit of an entry that has a word of any length in any set: a word
/// whose entry lacks it is left before its length is counted. No entry is
/// read at it once shifted by a length (the sets end at bit 59).
const SOME: u64 = 1 << 63;

/// A word this long or longer is in no set: the longest (`yesterday`,
/// `September`) have nine letters.
const LONG: usize = 11;

/// The column of a word whose second and third bytes are `b1` and `b2`:
/// their low five bits crossed (English words share their first two
/// letters too often: `the`, `they`, `this`, `that`). The words of one or
/// two letters take every column, whatever byte ends them.
#[inline(always)]
const fn column(b1: u8, b2: u8) -> usize {
    ((b1 ^ b2) & 31) as usize
}

/// Adds the ASCII word `w` to the set at bit `set` of `t`: capitalized
/// only unless `any_case`.
const fn put(mut t: ByteLengths, w: &str, any_case: bool, set: u32) -> ByteLengths {
    let w = w.as_bytes();
    // The first three sets are also in the fourth, [`ANY`].
    let any = if set == FOLLOW {
        0
    } else {
        1u64 << (ANY as usize + w.len())
    };
    let bit = 1u64 << (set as usize + w.len()) | any;
    let lower = w[0].to_ascii_lowercase() as usize;
    let mut col = 0;
    while col < 32 {
        if w.len() <= 2 || col == column(w[1], w[2]) {
            t[lower - 0x20][col] |= bit;
            if any_case {
                t[lower][col] |= bit;
            }
        }
        col += 1;
    }
    t
}

/// Adds `words` to the set at bit `set`.
const fn put_words(mut t: ByteLengths, words: &[&str], any_case: bool, set: u32) -> ByteLengths {
    let mut k = 0;
    while k < words.len() {
        t = put(t, words[k], any_case, set);
        k += 1;
    }
    t
}

/// Adds the words of a lexicon to the set at bit `set`.
const fn put_lexicon<T: Copy>(mut t: ByteLengths, words: &[(&str, T)], any_case: bool, set: u32) -> ByteLengths {
    let mut k = 0;
    while k < words.len() {
        t = put(t, words[k].0, any_case, set);
        k += 1;
    }
    t
}

/// Adds the words of [`super::number::SMALL`] from twenty up (`tens`) or
/// below twenty to the set at bit `set`, in any case.
const fn put_small(mut t: ByteLengths, tens: bool, set: u32) -> ByteLengths {
    let small = super::number::SMALL;
    let mut k = 0;
    while k < small.len() {
        if (small[k].1 >= 20) == tens {
            t = put(t, small[k].0, true, set);
        }
        k += 1;
    }
    t
}

/// Adds [`RELATIVE_STARTS`] but `the` to the set at bit `set`, in any case.
const fn put_starts_but_the(mut t: ByteLengths, set: u32) -> ByteLengths {
    let mut k = 0;
    while k < RELATIVE_STARTS.len() {
        let w = RELATIVE_STARTS[k].as_bytes();
        if !(w.len() == 3 && w[0] == b't' && w[1] == b'h' && w[2] == b'e') {
            t = put(t, RELATIVE_STARTS[k], true, set);
        }
        k += 1;
    }
    t
}

/// The four sets (see [`ByteLengths`]).
const fn by_bytes() -> ByteLengths {
    let mut t = [[0u64; 32]; 256];
    // Digits: a literal date or a lead, whatever their length.
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = [0xfff << ANY | 0xfff << DATE | 0xfff << LEAD; 32];
        d += 1;
    }
    t = put_lexicon(t, MONTHS, false, DATE);
    t = put_lexicon(t, WEEKDAYS, false, DATE);
    t = put_words(t, &["early", "mid", "late"], true, DATE);
    t = put_starts_but_the(t, REL);
    t = put_small(t, true, REL);
    t = put_lexicon(t, WEEKDAYS, false, REL);
    t = put_small(t, false, LEAD);
    t = put_words(t, &["the", "a", "an", "hundred"], true, LEAD);
    t = put_words(
        t,
        &[
            "day", "days", "week", "weeks", "month", "months", "year", "years", "coming", "past", "future", "fiscal",
            "first", "second", "third", "fourth", "early", "mid", "late",
        ],
        true,
        FOLLOW,
    );
    // [`SOME`]: an entry of any length in any set, [`FOLLOW`] included.
    let mut b = 0;
    while b < 128 {
        let mut col = 0;
        while col < 32 {
            if t[b][col] & (0xfff << ANY | 0xfff << FOLLOW) != 0 {
                t[b][col] |= SOME;
            }
            col += 1;
        }
        b += 1;
    }
    while b < 256 {
        t[b] = t[b - 128];
        b += 1;
    }
    t
}

/// The four sets by bytes.
static BYTES: ByteLengths = by_bytes();

/// The letters and digits of the word at `k`, clamped to [`LONG`]: `stop`
/// has a bit for each other byte of its block, `next_stop` for each of the
/// next block's, one place up. A word with a digit after its
/// letters is no form's word (each wants a whole word), so its letters need
/// not be counted apart.
#[inline(always)]
fn run_at(stop: u64, next_stop: u64, k: usize) -> usize {
    // The bytes from `k` on, those of the next block after the block's own
    // (`next_stop` is shifted one up, so that no shift is by 64).
    ((stop >> k) | (next_stop << (63 - k)) | (1 << LONG)).trailing_zeros() as usize
}

/// The [`BYTES`] entry of the word at `k` in `window`, of `n` letters and
/// digits, shifted by its length: bit [`DATE`] says it is in the date set,
/// bit [`REL`] in the relative one, and so on.
#[inline(always)]
fn entry_at(window: &[u8; 80], k: usize, n: usize) -> u64 {
    BYTES[usize::from(window[k])][(usize::from(window[k + 1]) ^ usize::from(window[k + 2])) & 31] >> n
}

/// For a [`LEAD`] word at `k` of `window` (`n` letters and digits; `later`
/// the word starts after it in the block): whether a literal date, and a
/// relative date, may start there given the word that follows. `the`
/// needs a digit or a [`FOLLOW`] word other than a unit next (see
/// [`may_start_date`], [`the_tail`]); a count, a unit of time (see
/// [`unit_follows`]); a digit run, a count's unit or a clock's `a.m.`. When
/// the next word is in a later block, both may. The third answer says
/// whether the word is `the` itself. Without a branch on the answers: a
/// lead is as often one kind as another.
#[cfg(test)]
#[inline(always)]
fn lead_keeps(window: &[u8; 80], stop: u64, next_stop: u64, later: u64, k: usize, n: usize) -> (bool, bool, bool) {
    let c = window[k];
    let q = later.trailing_zeros() as usize & 63;
    let f = window[q];
    let follows = entry_at(window, q, run_at(stop, next_stop, q)) >> FOLLOW & 1 != 0;
    let g = f | 0x20;
    let unit_word = (g == b'd') | (g == b'w') | (g == b'y') | ((g == b'm') & (window[q + 1] | 0x20 == b'o'));
    // A next word in a later block may be anything.
    let beyond = later == 0;
    let unit = beyond | (follows & unit_word);
    let then = beyond | (follows & !unit_word);
    let digit = beyond | f.is_ascii_digit();
    // A digit run (see [`may_start_relative`]): `1st quarter`, `7pm`; a
    // clock (`10:30`, `9 p.m.`); `30 years ago`.
    let x = u64::from_le_bytes(*window[k..].first_chunk::<8>().unwrap_or(&[0; 8]));
    let run = (!pack(crate::swar::digits(x))).trailing_zeros() as usize;
    let (x, y) = (window[k + run], window[k + run + 1]);
    let (x20, y20) = (x | 0x20, y | 0x20);
    let clock = ((run == 1) & x.is_ascii_alphabetic())
        | ((run <= 2)
            & ((x == b':') | (x20 == b'a') | (x20 == b'p') | ((x == b' ') & ((y20 == b'a') | (y20 == b'p')))));
    let the = (n == 3) & ((u32::from_le_bytes([c, window[k + 1], window[k + 2], 0]) | 0x20_2020) == 0x65_6874);
    let keep_the = the & (digit | then);
    let rel = if c.is_ascii_digit() {
        clock | ((run <= 3) & unit)
    } else {
        keep_the | (!the & unit)
    };
    (keep_the, rel, the)
}

/// Whether the word at the start of `at` may start a form: it starts with
/// a digit, or its ASCII letters have the first letters and length of one
/// of the words in `rows`.
#[cfg(test)]
fn candidate(at: &[u8], rows: &Lengths) -> bool {
    let w = ascii_word(at);
    w.len() < 16 && rows[usize::from(FIRST[usize::from(at[0])])][second(w)] & (1 << w.len()) != 0
}

/// The bytes of a block by class, one bit per byte (bit `k` for byte `k`).
#[derive(Clone, Copy, Default)]
struct BlockBits {
    /// ASCII letters and digits.
    alnum: u64,
    /// ASCII digits.
    digits: u64,
    /// `a` and `A`.
    a: u64,
}

/// The [`BlockBits`] of the 64 bytes of `bytes` from `at` (zeros past its
/// end): bit `k` for byte `at + k`.
#[inline(always)]
fn block_bits_at(bytes: &[u8], at: usize) -> BlockBits {
    match bytes.get(at..).and_then(<[u8]>::first_chunk::<64>) {
        Some(block) => block_bits(block),
        None if at >= bytes.len() => BlockBits::default(),
        None => tail_bits(bytes, at),
    }
}

/// [`block_bits_at`] for the last block, shorter than 64 bytes.
#[cold]
fn tail_bits(bytes: &[u8], at: usize) -> BlockBits {
    let rest = bytes.get(at..).unwrap_or_default();
    let mut pad = [0u8; 64];
    pad[..rest.len().min(64)].copy_from_slice(&rest[..rest.len().min(64)]);
    block_bits(&pad)
}

/// The [`BlockBits`] of `block`.
#[inline(always)]
fn block_bits(block: &[u8; 64]) -> BlockBits {
    let mut out = BlockBits::default();
    for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
        let v = crate::swar::Sixteen::new(sixteen);
        let d = v.digits();
        out.alnum |= u64::from(v.letters() | d) << (16 * k);
        out.digits |= u64::from(d) << (16 * k);
        out.a |= u64::from(v.equal(b'a') | v.equal(b'A')) << (16 * k);
    }
    out
}

/// For a lead whose next word starts in the next block: whether that word
/// is a unit of time, a digit run, or another [`FOLLOW`] word, as the word
/// pass of [`Starts::scan`] finds them, when it starts among the first bytes
/// of the block (in `window`, from byte 64); when it starts further on, it
/// may be anything. `alnum` and `next_alnum` are the letters and digits of
/// the block and of the next one. Out of line: about one lead in ten.
#[cold]
#[inline(never)]
fn next_block_word(window: &[u8; 80], alnum: u64, next_alnum: u64) -> (bool, bool, bool) {
    let starts = next_alnum & !((next_alnum << 1) | (alnum >> 63));
    let q = starts.trailing_zeros() as usize;
    if q > 13 {
        return (true, true, true);
    }
    // The word's letters and digits, clamped to [`LONG`]: all in the block.
    let n = ((!next_alnum >> q) | (1 << LONG)).trailing_zeros() as usize;
    let p = 64 + q;
    let follows = entry_at(window, p, n) >> FOLLOW & 1 != 0;
    let g = window[p] | 0x20;
    let unit_word = (g == b'd') | (g == b'w') | (g == b'y') | ((g == b'm') & (window[p + 1] | 0x20 == b'o'));
    (follows & unit_word, window[p].is_ascii_digit(), follows & !unit_word)
}

/// The word starts of a text where a literal date ([`may_start_date`]) or a
/// relative date ([`may_start_relative`]) may start, found in one pass by
/// [`Starts::scan`]: [`extract_scanned`] reads the first set and hands the
/// second to [`extract_relative`]. Each is a bitmap, one bit per byte of the
/// text (bit `k` of word `w` for byte `64 * w + k`): a set is built without
/// a branch per word start, and read in order with [`next_in`].
#[derive(Debug, Default)]
pub(crate) struct Starts {
    date: Vec<u64>,
    relative: Vec<u64>,
}

/// The first byte of `bits` (see [`Starts`]) from `from` and before `end`.
fn next_in(bits: &[u64], from: usize, end: usize) -> Option<usize> {
    let mut w = from / 64;
    let mut m = bits.get(w)? & (!0u64 << (from % 64));
    loop {
        if m != 0 {
            let p = 64 * w + m.trailing_zeros() as usize;
            return (p < end).then_some(p);
        }
        w += 1;
        if 64 * w >= end {
            return None;
        }
        m = *bits.get(w)?;
    }
}

impl Starts {
    /// Finds the word starts where a grammar may match (see [`candidate`]),
    /// 64 bytes at a time: a bitmap of the ASCII letters and digits of one
    /// block of the text gives its word starts, and a table by first two
    /// letters and number of letters skips most of them. No other byte
    /// starts a word (see [`super::is_word_start`]).
    fn scan(bytes: &[u8]) -> Starts {
        let blocks = bytes.len().div_ceil(64);
        let mut out = Starts {
            date: vec![0; blocks],
            relative: vec![0; blocks],
        };
        // The block and the 16 bytes after it, read without bounds checks;
        // zeros past the end of the text.
        let mut pad = [0u8; 80];
        // Whether the byte before the block is a letter or digit.
        let mut carry = 0;
        // The letters and digits of the block, read one block ahead: a word
        // that runs on past its block is measured whole.
        let mut next = block_bits_at(bytes, 0);
        for b in 0..blocks {
            let at = 64 * b;
            let window = match bytes[at..].first_chunk::<80>() {
                Some(w) => w,
                None => {
                    pad.fill(0);
                    pad[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                    &pad
                }
            };
            let this = next;
            next = block_bits_at(bytes, at + 64);
            let (alnum, digits, next_digits) = (this.alnum, this.digits, next.digits);
            // The bits `p` places on, the next block's after the block's own.
            let on = |bits: u64, next_bits: u64, p: u32| (bits >> p) | (next_bits << (64 - p));
            let (stop, next_stop) = (!alnum, !next.alnum << 1);
            let all = alnum & !((alnum << 1) | carry);
            carry = alnum >> 63;
            // First the leads (see [`lead_keeps`]), with one bit per word: a
            // digit run is one whatever its length; of the words of one or
            // two letters only `a` and `an` are, so any that starts with `a`
            // or `A` is taken; the other words are looked up...
            let short = all & !(on(alnum, next.alnum, 1) & on(alnum, next.alnum, 2));
            let mut words = (all & digits) | (short & this.a);
            let mut starts = all & !digits & !short;
            // A looked-up word that is no lead (see [`lead_keeps`]) is a
            // literal date's or a relative one's start whatever follows it:
            // its bits are set here. So are those of the [`FOLLOW`] words, as
            // units of time and as others, for the leads before them. (No
            // digit run and no word of one or two letters is a [`FOLLOW`]
            // word.)
            let (mut date, mut relative, mut units, mut others) = (0, 0, 0, 0);
            while starts != 0 {
                let k = starts.trailing_zeros() as usize & 63;
                starts &= starts - 1;
                // Most words have no entry at any length: they are left
                // before their length is counted.
                let e = entry_at(window, k, 0);
                if e & SOME == 0 {
                    continue;
                }
                // Most of the others have none at their length.
                let e = e >> run_at(stop, next_stop, k);
                if e & (1 << DATE | 1 << REL | 1 << LEAD | 1 << FOLLOW) == 0 {
                    continue;
                }
                words |= (e >> LEAD & 1) << k;
                date |= (e >> DATE & 1) << k;
                relative |= (e >> REL & 1) << k;
                if e >> FOLLOW & 1 != 0 {
                    let g = window[k] | 0x20;
                    let unit_word =
                        (g == b'd') | (g == b'w') | (g == b'y') | ((g == b'm') & (window[k + 1] | 0x20 == b'o'));
                    units |= u64::from(unit_word) << k;
                    others |= u64::from(!unit_word) << k;
                }
            }
            // ... then, for `the`, a count or a digit run, where a form
            // starts only before some words (see [`lead_keeps`]), which: a
            // literal date, a relative one, or neither. Every word here is a
            // lead, and the words looked up have their sets' bits already.
            while words != 0 {
                let k = words.trailing_zeros() as usize & 63;
                words &= words - 1;
                // The next word: a unit of time, a digit run, another
                // [`FOLLOW`] word, or none of them.
                let later = all & (!1u64 << k);
                let (unit, digit, other) = if later != 0 {
                    let q = later.trailing_zeros() & 63;
                    (units >> q & 1 != 0, digits >> q & 1 != 0, others >> q & 1 != 0)
                } else {
                    next_block_word(window, alnum, next.alnum)
                };
                let c = window[k];
                if c.is_ascii_digit() {
                    // A digit run is a literal date's start (but see below);
                    // a relative date's before a unit or as a clock (`10:30`,
                    // `9 p.m.`, `1st quarter`, `7pm`).
                    // The clock as [`may_start_relative`] reads it: after one
                    // or two digits, a letter after one digit, or `a` or `p`
                    // after the minutes and one space, each optional.
                    let run = run_at(!digits, !next_digits << 1, k);
                    let clock = run <= 2 && {
                        let mut j = k + run;
                        if run == 1 && window[j].is_ascii_alphabetic() {
                            true
                        } else {
                            if window[j] == b':' {
                                j += 3;
                            }
                            if window[j] == b' ' {
                                j += 1;
                            }
                            matches!(window[j] | 0x20, b'a' | b'p')
                        }
                    };
                    date |= 1 << k;
                    relative |= u64::from(clock | ((run <= 3) & unit)) << k;
                } else if run_at(stop, next_stop, k) == 3
                    && (u32::from_le_bytes([c, window[k + 1], window[k + 2], 0]) | 0x20_2020) == 0x65_6874
                {
                    // `the`, before a digit or a [`FOLLOW`] word other than a
                    // unit, for either kind; its bits from the table (it
                    // shares its first letters and length with `Thu`) do
                    // not count.
                    let keep = digit | other;
                    date = date & !(1 << k) | u64::from(keep) << k;
                    relative = relative & !(1 << k) | u64::from(keep) << k;
                } else {
                    // A count, before a unit.
                    relative |= u64::from(unit) << k;
                }
            }
            // A literal date starts at no run of three digits, nor of five
            // or more (see [`may_start_date`]): the digits one to four
            // places on, the next block's after the block's own.
            let (d1, d2, d3, d4) = (
                on(digits, next_digits, 1),
                on(digits, next_digits, 2),
                on(digits, next_digits, 3),
                on(digits, next_digits, 4),
            );
            date &= !(all & digits & d1 & d2 & !(d3 & !d4));
            // Written in place: no capacity check per block.
            if let (Some(d), Some(r)) = (out.date.get_mut(b), out.relative.get_mut(b)) {
                (*d, *r) = (date, relative);
            }
        }
        out
    }

    /// The scan as it was before the leads read masks (for tests).
    #[cfg(test)]
    fn scan_reference(bytes: &[u8]) -> Starts {
        let blocks = bytes.len().div_ceil(64);
        let mut out = Starts {
            date: Vec::with_capacity(blocks),
            relative: Vec::with_capacity(blocks),
        };
        // The block and the 16 bytes after it, read without bounds checks;
        // zeros past the end of the text.
        let mut pad = [0u8; 80];
        // Whether the byte before the block is a letter or digit.
        let mut carry = 0;
        // The letters and digits of the block, read one block ahead: a word
        // that runs on past its block is measured whole.
        let mut next = block_bits_at(bytes, 0);
        for b in 0..blocks {
            let at = 64 * b;
            let window = match bytes[at..].first_chunk::<80>() {
                Some(w) => w,
                None => {
                    pad.fill(0);
                    pad[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                    &pad
                }
            };
            let this = next;
            next = block_bits_at(bytes, at + 64);
            let (alnum, digits, next_digits) = (this.alnum, this.digits, next.digits);
            // The bits `p` places on, the next block's after the block's own.
            let on = |bits: u64, next_bits: u64, p: u32| (bits >> p) | (next_bits << (64 - p));
            let (stop, next_stop) = (!alnum, !next.alnum << 1);
            let all = alnum & !((alnum << 1) | carry);
            carry = alnum >> 63;
            // First the leads (see [`lead_keeps`]), with one bit per word: a
            // digit run is one whatever its length; of the words of one or
            // two letters only `a` and `an` are, so any that starts with `a`
            // or `A` is taken; the other words are looked up...
            let short = all & !(on(alnum, next.alnum, 1) & on(alnum, next.alnum, 2));
            let mut words = (all & digits) | (short & this.a);
            let mut starts = all & !digits & !short;
            // A looked-up word that is no lead (see [`lead_keeps`]) is a
            // literal date's or a relative one's start whatever follows it:
            // its bits are set here.
            let (mut date, mut relative) = (0, 0);
            while starts != 0 {
                let k = starts.trailing_zeros() as usize & 63;
                starts &= starts - 1;
                // Most words have no entry at any length: they are left
                // before their length is counted.
                let e = entry_at(window, k, 0);
                if e & (0xfff << ANY) == 0 {
                    continue;
                }
                let e = e >> run_at(stop, next_stop, k);
                words |= (e >> LEAD & 1) << k;
                date |= (e >> DATE & 1) << k;
                relative |= (e >> REL & 1) << k;
            }
            // ... then, for `the`, a count or a digit run, where a form
            // starts only before some words (see [`lead_keeps`]; worked out
            // for every such word, without a branch on which it is), which:
            // a literal date, a relative one, or neither.
            while words != 0 {
                let k = words.trailing_zeros() as usize & 63;
                words &= words - 1;
                let n = run_at(stop, next_stop, k);
                let e = entry_at(window, k, n);
                let lead = e >> LEAD & 1 != 0;
                let (d, r, the) = lead_keeps(window, stop, next_stop, all & (!1u64 << k), k, n);
                // `the` shares its first letters and length with `Thu` in
                // the table: for `the` itself the lead's answer stands
                // alone.
                let keep = !(u64::from(lead & the) << k);
                date = (date | (e >> DATE & 1) << k) & keep | u64::from(lead & d) << k;
                relative = (relative | (e >> REL & 1) << k) & keep | u64::from(lead & r) << k;
            }
            // A literal date starts at no run of three digits, nor of five
            // or more (see [`may_start_date`]): the digits one to four
            // places on, the next block's after the block's own.
            let (d1, d2, d3, d4) = (
                on(digits, next_digits, 1),
                on(digits, next_digits, 2),
                on(digits, next_digits, 3),
                on(digits, next_digits, 4),
            );
            date &= !(all & digits & d1 & d2 & !(d3 & !d4));
            out.date.push(date);
            out.relative.push(relative);
        }
        out
    }

    /// The starts in `bits` as a list (for tests).
    #[cfg(test)]
    fn list(bits: &[u64]) -> Vec<usize> {
        std::iter::successors(next_in(bits, 0, usize::MAX), |&p| next_in(bits, p + 1, usize::MAX)).collect()
    }
}

/// For a sentence `s` of `bytes` that ends inside a run of letters: the
/// word start in `s` whose letters it cuts, and whether a relative date may
/// start there when only the letters before `s.end` are counted (the list
/// of [`Starts::scan`] counts them all).
fn cut_word(bytes: &[u8], s: Span) -> Option<(usize, bool)> {
    let e = s.end;
    if e <= s.start || !bytes.get(e).is_some_and(u8::is_ascii_alphabetic) || !bytes[e - 1].is_ascii_alphabetic() {
        return None;
    }
    let mut p = e - 1;
    while p > s.start && bytes[p - 1].is_ascii_alphabetic() {
        p -= 1;
    }
    if p > 0 && bytes[p - 1].is_ascii_alphanumeric() {
        // Not a word start, or one before `s`.
        return None;
    }
    let n = (e - p).min(LONG);
    let at = |j: usize| if j < n { bytes[p + j] } else { 0 };
    let lengths = BYTES[usize::from(bytes[p])][column(at(1), at(2))] >> n;
    Some((p, (lengths >> REL | lengths >> LEAD) & 1 != 0))
}

/// The start of the run of ASCII letters and digits before byte `p` of
/// `bytes` (a word start), when the run starts at or after `start`.
fn word_start_before(bytes: &[u8], start: usize, p: usize) -> Option<usize> {
    let mut j = p;
    while j > start && !bytes[j - 1].is_ascii_alphanumeric() {
        j -= 1;
    }
    let end = j;
    while j > start && bytes[j - 1].is_ascii_alphanumeric() {
        j -= 1;
    }
    let run_starts_here = j == 0 || !bytes[j - 1].is_ascii_alphanumeric();
    (j < end && run_starts_here).then_some(j)
}

/// The rest of `at` after the run of gap characters at its start, which
/// [`gap`] takes whole, or `None` when `at` does not start with one.
fn after_gap(at: &[u8]) -> Option<&[u8]> {
    let mut j = 0;
    loop {
        match at.get(j) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => j += 1,
            Some(0xC2) if at.get(j + 1) == Some(&0xA0) => j += 2,
            _ => break,
        }
    }
    (j > 0).then(|| &at[j..])
}

/// Whether the ASCII word at the start of `at` is one of `words` (lower
/// case), in any case.
fn word_in(at: &[u8], words: &[&str]) -> bool {
    let w = ascii_word(at);
    words.iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
}

/// [`word_in`], after a first check that `at` starts with the first letter
/// of one of `words` (most words after `the` do not).
fn starts_any(at: &[u8], words: &[&str]) -> bool {
    let first = at.first().map_or(0, |b| b | 0x20);
    words.iter().any(|w| w.as_bytes()[0] == first) && word_in(at, words)
}

/// The ASCII word `w`, lower-cased into `buf`, or an empty slice when it
/// does not fit (no start word is that long).
fn lower<'b>(w: &[u8], buf: &'b mut [u8; 16]) -> &'b [u8] {
    if w.len() > buf.len() {
        return &[];
    }
    for (d, c) in buf.iter_mut().zip(w) {
        *d = c.to_ascii_lowercase();
    }
    &buf[..w.len()]
}

/// Whether [`date`] or [`cued_month`] may match at `at`, a word start: a
/// necessary condition, cheap to check, that skips the grammar at most words
/// of prose. Every form starts with a digit run of one, two or four digits;
/// a capitalized month or weekday name (as a whole word, which
/// [`lexicon_word`] requires); or `the`, `early`, `mid`, `late` (any case)
/// before what those forms need next.
fn may_start_date(at: &[u8]) -> bool {
    let c = at[0];
    if c.is_ascii_digit() {
        let k = at.iter().take(5).take_while(|b| b.is_ascii_digit()).count();
        if k == 4 {
            // A year (1000 to 2199) or a decade.
            return matches!(c, b'1' | b'2');
        }
        if k > 2 {
            return false;
        }
        // A clock (`9 p.m.`, `10:30am`), `27.09.2020`, `9/27/20`, or a day:
        // `27th`, `4-6 February`, `27 September`, `5 of November`.
        let r = &at[k..];
        let digit = |j: usize| r.get(j).is_some_and(u8::is_ascii_digit);
        // The second part of [`dotted`] or [`slashed`]: one or two digits,
        // then the same separator again.
        let part = |sep: u8| digit(1) && (r.get(2) == Some(&sep) || (digit(2) && r.get(3) == Some(&sep)));
        return match r.first() {
            Some(b'.') => part(b'.'),
            Some(b'/') => part(b'/'),
            // A day range (`4-6 February`).
            Some(b'-') => digit(1),
            // A clock's minutes, then its `a.m.` or `pm` (see [`clock`]).
            Some(b':') => {
                digit(1) && digit(2) && {
                    let t = &r[3..];
                    let t = t.strip_prefix(b" ").unwrap_or(t);
                    t.first().is_some_and(|b| matches!(b | 0x20, b'a' | b'p'))
                }
            }
            Some(0xE2 | b'a' | b'A' | b'p' | b'P' | b's' | b'n' | b'r' | b't') => true,
            // After a gap a day's month, `of`, or a clock's `a.m.` or `pm`.
            _ => after_gap(r).is_some_and(|n| match n.first() {
                Some(b'a' | b'p') => matches!(n.get(1), Some(b'.' | b'm' | b'M')),
                Some(b) => b.is_ascii_uppercase() || *b == b'o',
                None => false,
            }),
        };
    }
    let w = ascii_word(at);
    let rest = &at[w.len()..];
    // `the`, the most frequent candidate, is no name.
    if w.eq_ignore_ascii_case(b"the") {
        // `the 1990s`, `the early 1990s`
        return after_gap(rest)
            .is_some_and(|r| r.first().is_some_and(u8::is_ascii_digit) || starts_any(r, &["early", "mid", "late"]));
    }
    if c.is_ascii_uppercase() && is_date_word(w) {
        return true;
    }
    if word_in(w, &["early", "mid", "late"]) {
        // `mid-September`, `late 2020`, `early the 1990s`
        let r = match rest.first() {
            Some(b'-') => Some(&rest[1..]),
            _ => after_gap(rest),
        };
        return r
            .and_then(|r| r.first())
            .is_some_and(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || *b == b't');
    }
    false
}

/// [`super::is_word_start`], with its fast path inlined: at a candidate of
/// [`Starts`] the byte before is no ASCII letter or digit, and it is most
/// often a space.
#[inline(always)]
fn word_start(mask: &str, i: usize) -> bool {
    match i.checked_sub(1).and_then(|p| mask.as_bytes().get(p)) {
        None => i == 0,
        Some(&b) if b < 0x80 && !matches!(b, b',' | b'.' | b'-' | b'/' | b':' | b'$' | b'#' | b'_' | b'@') => {
            !b.is_ascii_alphanumeric()
        }
        Some(_) => super::is_word_start(mask, i),
    }
}

/// Finds every date in `mask`, trying the grammar at each word start.
pub(crate) fn extract(mask: &str, reference: Option<NaiveDate>) -> Vec<DateFact> {
    extract_scanned(mask, reference).0
}

/// [`extract`], with the word starts where a relative date may start, for
/// [`extract_relative`]: the text is scanned once for both.
pub(crate) fn extract_scanned(mask: &str, reference: Option<NaiveDate>) -> (Vec<DateFact>, Starts) {
    let mut out = Vec::new();
    let bytes = mask.as_bytes();
    let starts = Starts::scan(bytes);
    // Where the next date may start: after the last one found.
    let mut i = 0;
    while let Some(j) = next_in(&starts.date, i, usize::MAX) {
        i = j + 1;
        if may_start_date(&bytes[j..])
            && word_start(mask, j)
            && let Ok((rest, raw)) = date(&mask[j..]).or_else(|_| cued_month(mask, j))
        {
            let len = mask.len() - j - rest.len();
            out.push(to_fact(raw, j, len, reference));
            i = i.max(j + len);
        }
    }
    (out, starts)
}

// ---------------------------------------------------------------------------
// Relative dates: read against the reference date.
// ---------------------------------------------------------------------------

/// How a relative expression counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    /// `today` 0, `yesterday` -1, `tomorrow` +1.
    Days(i64),
    /// A weekday, with -1 (`last`), +1 (`next`), 0 (`this`) or none (bare).
    Weekday(Weekday, Option<i64>),
    /// `this week` 0, `last month` -1, `next year` +1.
    Period(Unit, i64),
    /// `last summer`: season index (0 spring .. 3 winter) and offset.
    Season(u32, i64),
    /// `last June`, `next March`, `this September`.
    NamedMonth(u32, i64),
    /// `two days ago`.
    Ago(i64, Unit),
    /// `three days later` (+) or `a year earlier` (-), from the previous date.
    Later(i64, Unit),
    /// `the 27th`.
    Ordinal(u32),
    /// `now`, `recently`.
    Deixis(Deixis),
    /// `the third quarter`: quarter 1 to 4.
    Quarter(u32),
    /// `the third quarter of 1990`.
    QuarterOf(u32, i32),
}

fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// One word, case-insensitively, as a whole word.
fn word<'a>(w: &'static str) -> impl FnMut(&'a str) -> IResult<&'a str, &'a str> {
    move |i: &'a str| {
        let n = w.len();
        if !i
            .as_bytes()
            .get(..n)
            .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()))
        {
            return fail(i);
        }
        let (m, rest) = i.split_at(n);
        if starts_alnum(rest) {
            return fail(i);
        }
        Ok((rest, m))
    }
}

/// A count word in a relative date: the number extractor's words below a
/// hundred, plus `a`/`an` (one) and `hundred`.
fn number_word(w: &[u8]) -> Option<i64> {
    match w {
        b"a" | b"an" => Some(1),
        b"hundred" => Some(100),
        _ => super::number::SMALL
            .iter()
            .find(|(t, _)| t.as_bytes() == w)
            .map(|&(_, n)| n as i64),
    }
}

/// A small count: `two`, `a`, `30`, `twenty-five`.
fn amount(i: &str) -> IResult<&str, i64> {
    if let Ok((rest, n)) = digits(1, 3).parse(i) {
        return Ok((rest, i64::from(n)));
    }
    // The words are ASCII letters, lower-cased in place (a word too long
    // for the buffer is none of them).
    let w = ascii_word(i.as_bytes());
    let Some(n) = number_word(lower(w, &mut [0; 16])) else {
        return fail(i);
    };
    let rest = &i[w.len()..];
    // `twenty-five`
    if n >= 20
        && let Some(r) = rest.strip_prefix('-')
    {
        let u = ascii_word(r.as_bytes());
        let mut buf = [0; 16];
        let lu = lower(u, &mut buf);
        if let Some(k) = number_word(lu).filter(|k| (1..10).contains(k) && !matches!(lu, b"a" | b"an")) {
            return Ok((&r[u.len()..], n + k));
        }
    }
    Ok((rest, n))
}

/// `day`, `days`, `week(s)`, `month(s)`, `year(s)`.
fn unit(i: &str) -> IResult<&str, Unit> {
    // The unit and an `s` are the word's ASCII letters, and no
    // alphanumeric char follows them.
    let w = ascii_word(i.as_bytes());
    let rest = &i[w.len()..];
    let u = match lower(w, &mut [0; 16]) {
        b"day" | b"days" => Unit::Day,
        b"week" | b"weeks" => Unit::Week,
        b"month" | b"months" => Unit::Month,
        b"year" | b"years" => Unit::Year,
        _ => return fail(i),
    };
    if starts_alnum(rest) {
        return fail(i);
    }
    Ok((rest, u))
}

/// `two days ago`, `three years earlier`, `a week later`.
fn elapsed(i: &str) -> IResult<&str, Rel> {
    let (i, n) = amount(i)?;
    let (i, _) = gap(i)?;
    let (i, u) = unit(i)?;
    let (i, _) = gap(i)?;
    // `ago`, `earlier` or `later`, a whole word of ASCII letters.
    let w = ascii_word(i.as_bytes());
    let rest = &i[w.len()..];
    let r = match lower(w, &mut [0; 16]) {
        b"ago" => Rel::Ago(n, u),
        b"earlier" => Rel::Later(-n, u),
        b"later" => Rel::Later(n, u),
        _ => return fail(i),
    };
    if starts_alnum(rest) {
        return fail(i);
    }
    Ok((rest, r))
}

/// `last`, `next`, `this`, `coming`: -1, +1, 0.
fn direction(i: &str) -> IResult<&str, i64> {
    // The forms by their first word (its ASCII letters, whole: no
    // alphanumeric char after them), tried in the grammar's order: `this
    // coming`, `the coming`, `last`, `next`, `this`, `coming`.
    let w = ascii_word(i.as_bytes());
    let rest = &i[w.len()..];
    if starts_alnum(rest) {
        return fail(i);
    }
    let (rest, d) = match lower(w, &mut [0; 16]) {
        b"this" => match (gap, word("coming")).parse(rest) {
            Ok((r, _)) => (r, 1),
            Err(_) => (rest, 0),
        },
        b"the" => ((gap, word("coming")).parse(rest)?.0, 1),
        b"last" => (rest, -1),
        b"next" | b"coming" => (rest, 1),
        _ => return fail(i),
    };
    let (rest, _) = gap(rest)?;
    Ok((rest, d))
}

/// `last week`, `this year`, `next Tuesday`, `last summer`, `last June`.
fn directed(i: &str) -> IResult<&str, Rel> {
    let (i, d) = direction(i)?;
    // A period or a season is a whole word of ASCII letters, and no
    // weekday's or month's name: read from the word at once.
    let w = ascii_word(i.as_bytes());
    let after = &i[w.len()..];
    if !starts_alnum(after) {
        let r = match lower(w, &mut [0; 16]) {
            b"week" => Some(Rel::Period(Unit::Week, d)),
            b"month" => Some(Rel::Period(Unit::Month, d)),
            b"year" => Some(Rel::Period(Unit::Year, d)),
            b"spring" => Some(Rel::Season(0, d)),
            b"summer" => Some(Rel::Season(1, d)),
            b"autumn" | b"fall" => Some(Rel::Season(2, d)),
            b"winter" => Some(Rel::Season(3, d)),
            _ => None,
        };
        if let Some(r) = r {
            return Ok((after, r));
        }
    }
    alt((
        map(verify(weekday_name, |_| true), move |w| Rel::Weekday(w, Some(d))),
        map(month_alone, move |m| Rel::NamedMonth(m.month.unwrap_or(1), d)),
    ))
    .parse(i)
}

/// `today`, `yesterday`, `tomorrow`, `tonight`.
fn deictic(i: &str) -> IResult<&str, Rel> {
    // One whole word of ASCII letters, read at once.
    let w = ascii_word(i.as_bytes());
    let rest = &i[w.len()..];
    let n = match lower(w, &mut [0; 16]) {
        b"today" | b"tonight" => 0,
        b"yesterday" => -1,
        b"tomorrow" => 1,
        _ => return fail(i),
    };
    if starts_alnum(rest) {
        return fail(i);
    }
    Ok((rest, Rel::Days(n)))
}

/// A weekday name spelled out: `Tuesday` (abbreviations are too often
/// something else alone: `Wed`, `Sat`, `Sun`).
fn bare_weekday(i: &str) -> IResult<&str, Rel> {
    let (rest, w) = weekday_name(i)?;
    if i.len() - rest.len() < 6 {
        return fail(i);
    }
    // `Tuesday's vote` is fine; `Sunday Times` is a name.
    if rest
        .strip_prefix(' ')
        .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
    {
        return fail(i);
    }
    Ok((rest, Rel::Weekday(w, None)))
}

/// `the 27th`, followed by punctuation (`the 25th anniversary` is not a date).
fn ordinal_day(i: &str) -> IResult<&str, Rel> {
    let (rest, (_, _, d)) = (word("the"), gap, day).parse(i)?;
    let written = &i[..i.len() - rest.len()];
    if !written.ends_with(['h', 't', 'd']) || !rest.starts_with(['.', ',', ';', ')']) {
        return fail(i);
    }
    Ok((rest, Rel::Ordinal(d)))
}

/// `earlier this month`, `later this year`: the shift word joins the span.
fn edged(i: &str) -> IResult<&str, Rel> {
    let (i, _) = (alt((word("earlier"), word("later"))), gap).parse(i)?;
    let (i, r) = directed(i)?;
    match r {
        Rel::Period(_, 0) | Rel::Season(_, 0) => Ok((i, r)),
        _ => fail(i),
    }
}

/// `now`, `right now`, `currently`, `these days`, `recently`, `the past`,
/// `the future` (the last two only before punctuation).
fn vague(i: &str) -> IResult<&str, Rel> {
    // The forms by their first word (whole, of ASCII letters), in the
    // grammar's order: `right now`, `now`, `currently`, `these days`,
    // `recently`, `the past`, `the future`.
    let w = ascii_word(i.as_bytes());
    let after = &i[w.len()..];
    if starts_alnum(after) {
        return fail(i);
    }
    let then = |next: &'static str| (gap, word(next)).parse(after).map(|(r, _)| r);
    let (rest, r) = match lower(w, &mut [0; 16]) {
        b"right" => (then("now")?, Deixis::Present),
        b"now" | b"currently" => (after, Deixis::Present),
        b"these" => (then("days")?, Deixis::Present),
        b"recently" => (after, Deixis::Past),
        b"the" => match then("past") {
            Ok(r) => (r, Deixis::Past),
            Err(_) => (then("future")?, Deixis::Future),
        },
        _ => return fail(i),
    };
    let written = &i[..i.len() - rest.len()];
    let punct_after = rest.starts_with(['.', ',', ';', ')', '?', '!', ':', '"', '”']) || rest.is_empty();
    // `the` and a gap (a space, or a no-break space of two bytes): compared
    // as bytes, since a slice of four could end inside the no-break space.
    let the_gap = written
        .as_bytes()
        .get(..4)
        .is_some_and(|b| b[..3].eq_ignore_ascii_case(b"the") && !b[3].is_ascii_alphanumeric());
    if written.len() > 6 && the_gap && !punct_after {
        return fail(i);
    }
    // `now-defunct`, `now that`: not a time.
    if rest.starts_with('-') || rest.starts_with(" that") {
        return fail(i);
    }
    Ok((rest, Rel::Deixis(r)))
}

/// `the third quarter`, `third-quarter`, `the fiscal fourth quarter`.
fn quarter(i: &str) -> IResult<&str, Rel> {
    let (i, _) = opt((word("the"), gap)).parse(i)?;
    let (i, _) = opt((word("fiscal"), gap)).parse(i)?;
    // The ordinal: a whole word of ASCII letters or digits, read at once.
    let (ordinal, i) = i.split_at(i.bytes().take_while(u8::is_ascii_alphanumeric).count());
    let q = match lower(ordinal.as_bytes(), &mut [0; 16]) {
        b"first" | b"1st" => 1,
        b"second" | b"2nd" => 2,
        b"third" | b"3rd" => 3,
        b"fourth" | b"4th" => 4,
        _ => return fail(i),
    };
    if starts_alnum(i) {
        return fail(i);
    }
    let (i, _) = alt((tag("-"), gap)).parse(i)?;
    let (i, _) = word("quarter").parse(i)?;
    if let Ok((rest, (_, _, _, y))) = (gap, word("of"), gap, year).parse(i) {
        return Ok((rest, Rel::QuarterOf(q, y)));
    }
    Ok((i, Rel::Quarter(q)))
}

/// A relative day with its time: `9 p.m. Sunday`, `Sunday at 9 p.m.`,
/// `10 a.m. today`.
#[cfg(test)]
fn timed_relative(i: &str) -> IResult<&str, (Rel, Option<chrono::NaiveTime>)> {
    if let Ok((rest, (t, r))) = (time_prefix, alt((deictic, directed, bare_weekday))).parse(i)
        && matches!(r, Rel::Days(_) | Rel::Weekday(..))
    {
        return Ok((rest, (r, Some(t))));
    }
    let (rest, r) = relative(i)?;
    if matches!(r, Rel::Days(_) | Rel::Weekday(..))
        && let Ok((rest2, t)) = time_suffix(rest)
    {
        return Ok((rest2, (r, Some(t))));
    }
    Ok((rest, (r, None)))
}

/// [`timed_relative`] at a digit: after no clock, only [`elapsed`] (`30
/// years ago`) and [`quarter`] (`1st quarter`) of the forms of
/// [`relative`] start with one, tried in the same order; neither is a day
/// that takes a time after it.
fn timed_relative_digit(i: &str) -> IResult<&str, (Rel, Option<chrono::NaiveTime>)> {
    if let Ok((rest, (t, r))) = (time_prefix, alt((deictic, directed, bare_weekday))).parse(i)
        && matches!(r, Rel::Days(_) | Rel::Weekday(..))
    {
        return Ok((rest, (r, Some(t))));
    }
    let (rest, r) = alt((elapsed, quarter)).parse(i)?;
    if starts_alnum(rest) {
        return fail(i);
    }
    Ok((rest, (r, None)))
}

/// [`timed_relative`] at a letter: no clock comes first, and the first word
/// (`w`, its ASCII letters in lower case) picks the forms of [`relative`]
/// that may start with it, tried in the same order; the others would fail.
fn timed_relative_word<'a>(w: &[u8], i: &'a str) -> IResult<&'a str, (Rel, Option<chrono::NaiveTime>)> {
    let (rest, r) = match w {
        b"today" | b"tonight" | b"yesterday" | b"tomorrow" => deictic(i),
        b"earlier" | b"later" => edged(i),
        b"this" | b"last" | b"next" | b"coming" => directed(i),
        // The word after `the` picks one form (see [`the_tail`]).
        b"the" => {
            let next = after_gap(&i.as_bytes()[3..]).map_or(&b""[..], ascii_word);
            match lower(next, &mut [0; 16]) {
                b"coming" => directed(i),
                b"past" | b"future" => vague(i),
                b"fiscal" | b"first" | b"second" | b"third" | b"fourth" => quarter(i),
                _ => alt((directed, ordinal_day, vague, quarter)).parse(i),
            }
        }
        b"right" | b"now" | b"currently" | b"these" | b"recently" => vague(i),
        b"fiscal" | b"first" | b"second" | b"third" | b"fourth" => quarter(i),
        // A count word or a weekday: only a weekday's name starts the
        // second form.
        _ if is_weekday_lower(w) => alt((elapsed, bare_weekday)).parse(i),
        _ => elapsed(i),
    }?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return fail(i);
    }
    if matches!(r, Rel::Days(_) | Rel::Weekday(..))
        && let Ok((rest2, t)) = time_suffix(rest)
    {
        return Ok((rest2, (r, Some(t))));
    }
    Ok((rest, (r, None)))
}

#[cfg(test)]
fn relative(i: &str) -> IResult<&str, Rel> {
    let (rest, r) = alt((
        deictic,
        edged,
        directed,
        elapsed,
        bare_weekday,
        ordinal_day,
        vague,
        quarter,
    ))
    .parse(i)?;
    if rest.starts_with(|c: char| c.is_alphanumeric()) {
        return fail(i);
    }
    Ok((rest, r))
}

/// Words that put a sentence in the future: a bare weekday or month in it is
/// the next one, not the last one.
const FUTURE_CUES: &[&str] = &["will", "won't", "shall", "'ll", "’ll", "scheduled", "upcoming"];

/// Whether the sentence looks ahead before `pos` (a byte offset in it).
pub(crate) fn future_before(sentence: &str, pos: usize) -> bool {
    let head = sentence.get(..pos).unwrap_or(sentence);
    // Only the last few hundred bytes: a clause, and linear time on a table
    // that never ends its sentence.
    let mut from = head.len().saturating_sub(300);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    // The words between chars that are not alphanumeric, `'` or `’`, read a
    // byte at a time (a char outside ASCII decoded where it occurs); only a
    // word whose last letter ends a cue is compared.
    let text = &head[from..];
    let b = text.as_bytes();
    let (mut start, mut j) = (0, 0);
    while j < b.len() {
        let (part, len) = match b[j] {
            c if c.is_ascii() => (c.is_ascii_alphanumeric() || c == b'\'', 1),
            _ => {
                let c = text[j..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            }
        };
        if !part {
            if may_end_cue(&b[start..j]) && is_future_cue(&text[start..j]) {
                return true;
            }
            start = j + len;
        }
        j += len;
    }
    may_end_cue(&b[start..]) && is_future_cue(&text[start..])
}

/// Whether the word `w` ends with the last letter of a [`FUTURE_CUES`]
/// word (`l`, `t`, `d`, `g`), in any case: a first check on one byte.
#[inline(always)]
fn may_end_cue(w: &[u8]) -> bool {
    w.last().is_some_and(|c| matches!(c | 0x20, b'l' | b't' | b'd' | b'g'))
}

/// Whether `w` is one of [`FUTURE_CUES`] or ends in `'ll`, in any case.
fn is_future_cue(w: &str) -> bool {
    let w = w.as_bytes();
    let ends = |s: &str| w.len() >= s.len() && w[w.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes());
    FUTURE_CUES.iter().any(|c| w.eq_ignore_ascii_case(c.as_bytes())) || ends("'ll") || ends("’ll")
}

fn add_months(d: NaiveDate, months: i64) -> Option<NaiveDate> {
    if months >= 0 {
        d.checked_add_months(chrono::Months::new(u32::try_from(months).ok()?))
    } else {
        d.checked_sub_months(chrono::Months::new(u32::try_from(-months).ok()?))
    }
}

/// Moves `d` by `n` units.
pub fn shift_date(d: NaiveDate, n: i64, u: Unit) -> Option<NaiveDate> {
    match u {
        Unit::Day => d.checked_add_signed(chrono::TimeDelta::try_days(n)?),
        Unit::Week => d.checked_add_signed(chrono::TimeDelta::try_weeks(n)?),
        Unit::Month => add_months(d, n),
        Unit::Year => add_months(d, n.checked_mul(12)?),
    }
}

fn unit_granularity(u: Unit) -> Granularity {
    match u {
        Unit::Day => Granularity::Day,
        Unit::Week => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Year => Granularity::Year,
    }
}

/// The first and last days of the ISO week, month, season or year around `d`.
fn period_bounds(d: NaiveDate, g: Granularity) -> Option<(NaiveDate, NaiveDate)> {
    match g {
        Granularity::Day => Some((d, d)),
        Granularity::Week => {
            let monday = d - chrono::TimeDelta::days(i64::from(d.weekday().num_days_from_monday()));
            Some((monday, monday + chrono::TimeDelta::days(6)))
        }
        Granularity::Month => month_bounds(d.year(), d.month()),
        Granularity::Season | Granularity::Quarter => {
            let (a, _) = month_bounds(d.year(), d.month())?;
            let end = add_months(a, 3)?.pred_opt()?;
            Some((a, end))
        }
        Granularity::Year => year_bounds(d.year(), 1),
        Granularity::Decade => year_bounds(d.year() / 10 * 10, 10),
    }
}

/// Resolves a relative expression: the day (or the period's first day) and
/// its granularity. `Later` needs its anchor and is resolved by the caller.
fn resolve(rel: Rel, r: NaiveDate, future: bool) -> Option<(NaiveDate, Granularity)> {
    let day = |n: i64| r.checked_add_signed(chrono::TimeDelta::try_days(n)?);
    match rel {
        Rel::Days(n) => Some((day(n)?, Granularity::Day)),
        Rel::Weekday(w, dir) => {
            let diff = i64::from(w.num_days_from_monday()) - i64::from(r.weekday().num_days_from_monday());
            let back = if diff > 0 { diff - 7 } else { diff }; // 0..=-6
            let fwd = if diff < 0 { diff + 7 } else { diff }; // 0..=6
            let n = match dir {
                Some(-1) => {
                    if back == 0 {
                        -7
                    } else {
                        back
                    }
                }
                Some(1) => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Some(_) => {
                    if future {
                        fwd
                    } else {
                        back
                    }
                }
                None if future => fwd,
                None => back,
            };
            Some((day(n)?, Granularity::Day))
        }
        Rel::Period(u, n) => {
            let g = unit_granularity(u);
            let d = shift_date(r, n, u)?;
            Some((period_bounds(d, g)?.0, g))
        }
        Rel::Season(s, n) => {
            // Spring starts in March, summer June, autumn September, winter
            // December (of the year before for `winter 2020`).
            let start_month = [3, 6, 9, 12][s as usize];
            let mut y = r.year();
            let this = NaiveDate::from_ymd_opt(y, start_month, 1)?;
            if n < 0 && this > r {
                y -= 1;
            }
            if n > 0 && this <= r {
                y += 1;
            }
            if n < 0 {
                // `last summer` written in the autumn means this year's.
                let cand = NaiveDate::from_ymd_opt(y, start_month, 1)?;
                let end = add_months(cand, 3)?;
                if end > r {
                    y -= 1;
                }
            }
            Some((NaiveDate::from_ymd_opt(y, start_month, 1)?, Granularity::Season))
        }
        Rel::NamedMonth(m, n) => {
            let y = match n {
                -1 if m >= r.month() => r.year() - 1,
                1 if m <= r.month() => r.year() + 1,
                _ => r.year(),
            };
            Some((NaiveDate::from_ymd_opt(y, m, 1)?, Granularity::Month))
        }
        Rel::Ago(n, u) => Some((shift_date(r, -n, u)?, unit_granularity(u))),
        Rel::Later(..) | Rel::Deixis(_) => None,
        Rel::Quarter(q) => {
            // The latest such quarter that has begun; a later one is last
            // year's unless the sentence looks ahead.
            let start = NaiveDate::from_ymd_opt(r.year(), 3 * q - 2, 1)?;
            let y = if start > r && !future { r.year() - 1 } else { r.year() };
            Some((NaiveDate::from_ymd_opt(y, 3 * q - 2, 1)?, Granularity::Quarter))
        }
        Rel::QuarterOf(q, y) => Some((NaiveDate::from_ymd_opt(y, 3 * q - 2, 1)?, Granularity::Quarter)),
        Rel::Ordinal(d) => {
            let base = NaiveDate::from_ymd_opt(r.year(), r.month(), 1)?;
            [-1i64, 0, 1]
                .into_iter()
                .filter_map(|k| {
                    let m = add_months(base, k)?;
                    NaiveDate::from_ymd_opt(m.year(), m.month(), d)
                })
                .min_by_key(|c| (*c - r).num_days().abs())
                .map(|d| (d, Granularity::Day))
        }
    }
}

/// The words [`timed_relative`] may start with, besides a number word, a
/// digit or a capitalized weekday.
const RELATIVE_STARTS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "earlier",
    "later",
    "this",
    "the",
    "last",
    "next",
    "coming",
    "right",
    "now",
    "currently",
    "these",
    "recently",
    "fiscal",
    "first",
    "second",
    "third",
    "fourth",
];

/// Whether a unit of time (`day`, `weeks`, ...) follows the count at the
/// start of `at` (digits, or a word like `twenty-five`) and a gap. The
/// first `from` bytes are letters or digits of the count.
fn unit_follows(at: &[u8], from: usize) -> bool {
    let n = from
        + at[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
    after_gap(&at[n..]).is_some_and(|r| {
        // Most words after a count start with another letter.
        r.first().is_some_and(|c| matches!(c | 0x20, b'd' | b'w' | b'm' | b'y'))
            && ["day", "week", "month", "year"]
                .iter()
                .any(|u| r.get(..u.len()).is_some_and(|p| p.eq_ignore_ascii_case(u.as_bytes())))
    })
}

/// Whether the word after the gap after `at`'s first word is one of `words`.
fn then_word(rest: &[u8], words: &[&str]) -> bool {
    after_gap(rest).is_some_and(|r| word_in(r, words))
}

/// What may follow `last`, `next`, `this`, `coming` in [`directed`]: a
/// period, a season, or a capitalized weekday or month.
fn directed_tail(rest: &[u8]) -> bool {
    after_gap(rest).is_some_and(|r| {
        r.first().is_some_and(u8::is_ascii_uppercase)
            || word_in(
                r,
                &["week", "month", "year", "spring", "summer", "autumn", "fall", "winter"],
            )
    })
}

/// What may follow `the` (then `gap`, then `r`) in [`timed_relative_word`]
/// besides a digit: `coming` ([`directed`]); `past` or `future` before
/// punctuation when one space follows `the` ([`vague`]); `fiscal`, or an
/// ordinal before `quarter` ([`quarter`]).
fn the_tail(gap: &[u8], r: &[u8]) -> bool {
    let w = ascii_word(r);
    // Most words after `the` are ruled out by length and first letter.
    if !(4..=6).contains(&w.len()) || !matches!(w[0] | 0x20, b'c' | b'f' | b'p' | b's' | b't') {
        return false;
    }
    let after = &r[w.len()..];
    let mut buf = [0u8; 16];
    match lower(w, &mut buf) {
        b"coming" | b"fiscal" => true,
        b"past" | b"future" => {
            gap[0] != b' '
                || after.is_empty()
                || matches!(after[0], b'.' | b',' | b';' | b')' | b'?' | b'!' | b':' | b'"')
                || after.starts_with("”".as_bytes())
        }
        b"first" | b"second" | b"third" | b"fourth" => {
            let q = match after.first() {
                Some(b'-') => Some(&after[1..]),
                _ => after_gap(after),
            };
            q.is_some_and(|q| q.get(..7).is_some_and(|p| p.eq_ignore_ascii_case(b"quarter")))
        }
        _ => false,
    }
}

/// Whether [`timed_relative`] may match at `at`, a word start: a necessary
/// condition on the first words, cheap to check, that skips the grammar at
/// most words of prose (`the` must come before `coming`, a digit, `past`,
/// `future`, `fiscal` or an ordinal; a count before a unit of time; ...).
fn may_start_relative(at: &[u8]) -> bool {
    let c = at[0];
    if c.is_ascii_digit() {
        let k = at.iter().take(4).take_while(|b| b.is_ascii_digit()).count();
        // `1st quarter`, `7pm`
        if k == 1 && at.get(1).is_some_and(u8::is_ascii_alphabetic) {
            return true;
        }
        // A clock before a day: `9 p.m. Sunday`, `10:30am today`.
        if k <= 2 {
            let mut j = k;
            if at.get(j) == Some(&b':') {
                j += 3;
            }
            if at.get(j) == Some(&b' ') {
                j += 1;
            }
            if at.get(j).is_some_and(|b| matches!(b, b'a' | b'A' | b'p' | b'P')) {
                return true;
            }
        }
        // `30 years ago`
        return k <= 3 && unit_follows(at, k);
    }
    let w = ascii_word(at);
    let rest = &at[w.len()..];
    // `the`, a third of the candidates, before lower-casing.
    if w.eq_ignore_ascii_case(b"the") {
        return after_gap(rest).is_some_and(|r| r.first().is_some_and(u8::is_ascii_digit) || the_tail(rest, r));
    }
    let mut buf = [0u8; 16];
    match lower(w, &mut buf) {
        b"today" | b"tonight" | b"yesterday" | b"tomorrow" | b"now" | b"currently" | b"recently" => true,
        b"this" => then_word(rest, &["coming"]) || directed_tail(rest),
        b"last" | b"next" | b"coming" => directed_tail(rest),
        b"earlier" | b"later" => then_word(rest, &["this"]),
        b"right" => then_word(rest, &["now"]),
        b"these" => then_word(rest, &["days"]),
        b"fiscal" => after_gap(rest).is_some_and(|r| {
            r.first().is_some_and(u8::is_ascii_digit) || word_in(r, &["first", "second", "third", "fourth"])
        }),
        b"first" | b"second" | b"third" | b"fourth" => {
            let r = match rest.first() {
                Some(b'-') => Some(&rest[1..]),
                _ => after_gap(rest),
            };
            r.is_some_and(|r| word_in(r, &["quarter"]))
        }
        // `Tuesday`; `two days ago`, `a year later`
        _ => (c.is_ascii_uppercase() && is_weekday_word(w)) || (unit_follows(at, w.len()) && COUNT_WORDS.contains(w)),
    }
}

/// The count words of [`amount`]: the number extractor's words below a
/// hundred, `a`, `an` and `hundred`.
static COUNT_WORDS: std::sync::LazyLock<super::WordSet> = std::sync::LazyLock::new(|| {
    super::WordSet::new(super::number::SMALL.iter().map(|p| p.0).chain(["a", "an", "hundred"]))
});

/// Finds the relative dates in each sentence of `mask`, skipping the literal
/// `dates` already found, and resolves them against `reference`. `three
/// days later` counts from the last date before it in the same paragraph.
/// `starts` is the scan of `mask` that found `dates`.
pub(crate) fn extract_relative(
    mask: &str,
    reference: Option<NaiveDate>,
    dates: &[DateFact],
    sentences: &[Sentence],
    paragraphs: &[Paragraph],
    starts: &Starts,
) -> Vec<DateFact> {
    let mut out: Vec<DateFact> = Vec::new();
    let bytes = mask.as_bytes();
    let cands = &starts.relative[..];
    let mut di = 0;
    for sentence in sentences {
        let s = sentence.span;
        let para = paragraphs.get(sentence.paragraph).map_or(s, |p| p.span);
        // A last word that runs on past the sentence is judged by its
        // letters inside it.
        let cut = cut_word(bytes, s);
        // The word before a cut one was judged by the whole word after it
        // (see [`lead_keeps`]): it is tried as if a candidate.
        let before_cut = cut.and_then(|(p, _)| word_start_before(bytes, s.start, p));
        let mut from = s.start;
        loop {
            let next = next_in(cands, from, s.end).filter(|&c| cut.is_none_or(|(p, _)| p != c));
            let next = match (next, before_cut.filter(|&b| b >= from)) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let i = match (next, cut) {
                (Some(c), _) => c,
                (None, Some((p, true))) if p >= from => p,
                _ => break,
            };
            // Dates already found are skipped whole.
            while di < dates.len() && dates[di].span.end <= i {
                di += 1;
            }
            if let Some(d) = dates.get(di).filter(|d| d.span.start <= i) {
                from = d.span.end.max(i + 1);
                continue;
            }
            if may_start_relative(&bytes[i..s.end])
                && word_start(mask, i)
                && let Ok((rest, (rel, time))) = if bytes[i].is_ascii_digit() {
                    timed_relative_digit(&mask[i..s.end])
                } else {
                    timed_relative_word(lower(ascii_word(&bytes[i..s.end]), &mut [0; 16]), &mask[i..s.end])
                }
            {
                let len = s.end - i - rest.len();
                let span = Span::new(i, i + len);
                // Only a weekday or a quarter reads the sentence's tense.
                let future = reference.is_some()
                    && matches!(rel, Rel::Weekday(..) | Rel::Quarter(_))
                    && future_before(s.slice(mask), i - s.start);
                let mut fact = relative_fact(span, rel, reference, future);
                fact.time = time;
                if let Rel::Later(n, u) = rel {
                    // The anchor: the last date before it in this paragraph
                    // (`He was born in 1962. Ten years later, ...`).
                    let lit = dates[..di]
                        .iter()
                        .rev()
                        .take_while(|d| d.span.start >= para.start)
                        .find(|d| d.span.end <= i);
                    let rel = out.iter().rev().take_while(|d| d.span.start >= para.start).find(|d| {
                        d.span.end <= i && d.deixis.is_none() && d.shift.is_none_or(|s| s.anchor != Anchor::Assumed)
                    });
                    let prev = match (lit, rel) {
                        (Some(a), Some(b)) => Some(if a.span.start > b.span.start { a } else { b }),
                        (a, b) => a.or(b),
                    }
                    .cloned();
                    // With no date before it in the paragraph, `a year
                    // earlier` counts from the article's own date.
                    let prev = prev.or_else(|| {
                        fact.shift = fact.shift.map(|s| Shift {
                            anchor: Anchor::Assumed,
                            ..s
                        });
                        let r = reference?;
                        Some(relative_fact(Span::new(i, i), Rel::Days(0), Some(r), false))
                    });
                    if let Some(p) = prev {
                        let base = p.resolved.or(p.first);
                        let g = unit_granularity(u).max(p.granularity);
                        if let Some(d) = base.and_then(|b| shift_date(b, n, u)) {
                            fact.resolved = (g == Granularity::Day).then_some(d);
                            fact.granularity = g;
                            let (a, b) = period_bounds(d, g).unzip();
                            fact.first = a;
                            fact.last = b;
                            if g == Granularity::Year {
                                fact.year = Some(d.year());
                            }
                        }
                    }
                }
                out.push(fact);
                from = i + len.max(1);
                continue;
            }
            from = i + 1;
        }
    }
    out
}

/// Reads yearless literal dates in context: a sentence that does not look
/// ahead (`will`, `scheduled`) speaks of the most recent such day or month
/// (`Oct. 23` in a story of April 1999 is 1998's), allowing a month's slack
/// for days just after the reference.
pub(crate) fn resolve_in_context(
    mask: &str,
    reference: Option<NaiveDate>,
    dates: &mut [DateFact],
    sentences: &[Sentence],
) {
    let Some(r) = reference else { return };
    let mut si = 0;
    for d in dates.iter_mut() {
        if d.year.is_some() || d.month.is_none() {
            continue;
        }
        while si < sentences.len() && sentences[si].span.end <= d.span.start {
            si += 1;
        }
        let future = sentences
            .get(si)
            .map(|s| s.span)
            .filter(|s| s.start <= d.span.start)
            .is_some_and(|s| future_before(s.slice(mask), d.span.start - s.start));
        let m = d.month.unwrap_or(1);
        match (d.granularity, d.day) {
            (Granularity::Day, Some(day)) => {
                let cands: Vec<NaiveDate> = [r.year() - 1, r.year(), r.year() + 1]
                    .into_iter()
                    .filter_map(|y| NaiveDate::from_ymd_opt(y, m, day))
                    .collect();
                let slack = chrono::TimeDelta::days(if future { 31 } else { 90 });
                let pick = if future {
                    cands.iter().find(|c| **c + slack >= r)
                } else {
                    cands.iter().rev().find(|c| **c <= r + slack)
                };
                if let Some(&p) = pick {
                    d.resolved = Some(p);
                    d.first = Some(p);
                    d.last = Some(p);
                }
            }
            (Granularity::Month, None) => {
                // Up to two months ahead counts as this season's news.
                let ahead = (m + 12 - r.month()) % 12;
                let y = match (future, m >= r.month()) {
                    (true, true) => r.year(),
                    (true, false) => r.year() + 1,
                    (false, _) if ahead <= 2 => r.year() + i32::from(m < r.month()),
                    (false, true) => r.year() - i32::from(m > r.month()),
                    (false, false) => r.year(),
                };
                if let Some((a, b)) = month_bounds(y, m) {
                    d.first = Some(a);
                    d.last = Some(b);
                }
            }
            _ => {}
        }
    }
}

/// Settles ambiguous slashed dates (`03/04/2020`) by the article's other
/// slashed dates: when every one whose order is certain is day first, the
/// ambiguous ones are read day first too (and the other way round).
pub(crate) fn settle_numeric_order(dates: &mut [DateFact]) {
    // First the numeric dates whose order is certain (`27/09/2020`).
    let orders: Vec<bool> = dates
        .iter()
        .filter(|d| d.form == DateForm::Slashed && d.month != d.day)
        .filter_map(|d| d.day_first)
        .collect();
    if let Some(&first) = orders.first()
        && orders.iter().all(|&o| o == first)
    {
        for d in dates
            .iter_mut()
            .filter(|d| d.form == DateForm::Slashed && d.day_first.is_none())
        {
            read_in_order(d, first);
        }
        return;
    }
    if !orders.is_empty() {
        return;
    }
    // Then days the article names with a month word: a numeric date one
    // reading of which falls within a week of one of them, and the other
    // not, is read that way (a table headed `4/2/87` under `the week ended
    // April 2`).
    // The days of the year within a week of a named day (years aside: a
    // table of 366 slots keeps this linear).
    let doy = |m: u32, d: u32| NaiveDate::from_ymd_opt(2000, m, d).map(|x| x.ordinal0() as usize);
    let mut near_named = [false; 366];
    for d in dates
        .iter()
        .filter(|d| d.month_text.is_some() && d.granularity == Granularity::Day)
    {
        let (Some(m), Some(dd)) = (d.month, d.day) else {
            continue;
        };
        let Some(at) = doy(m, dd) else { continue };
        for k in 0..=14 {
            near_named[(at + 366 + k - 7) % 366] = true;
        }
    }
    let near = |_y: i32, m: u32, d: u32| doy(m, d).is_some_and(|x| near_named[x]);
    let mut settled = Vec::new();
    for (k, d) in dates.iter().enumerate() {
        if d.form != DateForm::Slashed || d.day_first.is_some() {
            continue;
        }
        let (Some(y), Some(m), Some(dd)) = (d.year, d.month, d.day) else {
            continue;
        };
        match (near(y, m, dd), near(y, dd, m)) {
            (true, false) => settled.push((k, false)),
            (false, true) => settled.push((k, true)),
            _ => {}
        }
    }
    // Every settled date must agree; then all are read that way.
    let Some(&(_, first)) = settled.first() else { return };
    if settled.iter().any(|&(_, o)| o != first) {
        return;
    }
    for d in dates
        .iter_mut()
        .filter(|d| d.form == DateForm::Slashed && d.day_first.is_none())
    {
        read_in_order(d, first);
    }
}

/// Settles a slashed date's order from its context: day first swaps the
/// month-first reading made so far.
fn read_in_order(d: &mut DateFact, day_first: bool) {
    d.day_first = Some(day_first);
    d.order_from_context = true;
    if day_first {
        std::mem::swap(&mut d.month, &mut d.day);
        d.resolved = match (d.year, d.month, d.day) {
            (Some(y), Some(m), Some(dd)) => NaiveDate::from_ymd_opt(y, m, dd),
            _ => None,
        };
        d.first = d.resolved;
        d.last = d.resolved;
    }
}

/// Links `from 2016 to 2019` and `from May 1 through May 9`: the first date
/// gets the second as its range end.
pub(crate) fn link_ranges(mask: &str, dates: &mut [DateFact]) {
    for k in 1..dates.len() {
        let (a, b) = (&dates[k - 1], &dates[k]);
        if a.range_end.is_some() || b.span.start < a.span.end {
            continue;
        }
        let between = &mask[a.span.end..b.span.start];
        let opener = word_before(mask, a.span.start).to_ascii_lowercase();
        let linked = match between.trim() {
            // `between X and Y` names no order, so only `from` links.
            "to" | "through" | "until" | "till" | "-" | "–" => opener == "from",
            _ => false,
        };
        if !linked || between.contains('\n') {
            continue;
        }
        let end = RangeEnd {
            span: b.span,
            year: b.year,
            month: b.month,
            day: b.day,
        };
        dates[k - 1].range_end = Some(end);
    }
}

/// Every date in `text`, literal and relative, sorted by position: the
/// public entry point for tools that only want dates. `text` is read as plain
/// text; `reference` is the date the text was written (relative dates stay
/// unresolved without it).
pub fn extract_dates(text: &str, reference: Option<NaiveDate>) -> Vec<DateFact> {
    use crate::document::{Document, Format, ParseOptions};
    let lex = crate::config::Lexicons::default_set();
    let opts = ParseOptions {
        reference_date: reference,
        format: Some(Format::Plain),
    };
    let doc = Document::parse(crate::source::SourceFile::new("text", text), &opts, &lex);
    let facts = super::Facts::extract(&doc, &lex);
    let mut all: Vec<DateFact> = facts.dates.into_iter().chain(facts.relative_dates).collect();
    all.sort_by_key(|d| (d.span.start, d.span.end));
    all
}

fn relative_fact(span: Span, rel: Rel, reference: Option<NaiveDate>, future: bool) -> DateFact {
    let shift = match rel {
        Rel::Ago(n, u) => Some(Shift {
            amount: -n,
            unit: u,
            anchor: Anchor::Reference,
        }),
        Rel::Later(n, u) => Some(Shift {
            amount: n,
            unit: u,
            anchor: Anchor::Previous,
        }),
        Rel::Days(n) => Some(Shift {
            amount: n,
            unit: Unit::Day,
            anchor: Anchor::Reference,
        }),
        _ => None,
    };
    let weekday = match rel {
        Rel::Weekday(w, _) => Some((w, span)),
        _ => None,
    };
    let default_g = match rel {
        Rel::Period(u, _) | Rel::Ago(_, u) | Rel::Later(_, u) => unit_granularity(u),
        Rel::Season(..) => Granularity::Season,
        Rel::NamedMonth(..) => Granularity::Month,
        Rel::Quarter(..) | Rel::QuarterOf(..) => Granularity::Quarter,
        _ => Granularity::Day,
    };
    let resolved = reference.and_then(|r| resolve(rel, r, future));
    let (first, last) = resolved.and_then(|(d, g)| period_bounds(d, g)).unzip();
    let g = resolved.map_or(default_g, |(_, g)| g);
    let day = resolved.filter(|(_, g)| *g == Granularity::Day).map(|(d, _)| d);
    DateFact {
        span,
        weekday,
        year: resolved.map(|(d, _)| d.year()),
        month: resolved
            .filter(|(_, g)| *g <= Granularity::Season)
            .map(|(d, _)| d.month()),
        day: day.map(|d| d.day()),
        form: DateForm::Relative,
        granularity: g,
        month_text: None,
        resolved: day,
        modifier: None,
        first,
        last,
        range_end: None,
        shift,
        deixis: match rel {
            Rel::Deixis(d) => Some(d),
            _ => None,
        },
        day_first: None,
        order_from_context: false,
        time: None,
    }
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
    fn the_scanner_stops_at_the_word_starts_a_form_may_take() {
        let text = "xx the 1990s, Early in 2020 they met.\nTuesday's vote came 3 days later; the\tmeeting \
                    was the past. A year ago the year and an hour went, at 9 p.m. Sunday or 10:30am today, in \
                    the third quarter, the 27th, 30-odd years, the Thu vote, The early 1990s, twenty-five days ago";
        let bytes = text.as_bytes();
        let starts = Starts::scan(bytes);
        let (dates, rels) = (Starts::list(&starts.date), Starts::list(&starts.relative));
        let word_starts: Vec<usize> = (0..bytes.len())
            .filter(|&i| bytes[i].is_ascii_alphanumeric() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()))
            .collect();
        for &i in &word_starts {
            // Every start where a grammar matches is kept; only starts the
            // first-letters-and-length tables pass are.
            if date(&text[i..]).is_ok() || cued_month(text, i).is_ok() {
                assert!(dates.contains(&i), "{}", &text[i..]);
            }
            if timed_relative(&text[i..]).is_ok() {
                assert!(rels.contains(&i), "{}", &text[i..]);
            }
            assert!(
                !dates.contains(&i) || candidate(&bytes[i..], &DATE_ROWS),
                "{}",
                &text[i..]
            );
            assert!(
                !rels.contains(&i) || candidate(&bytes[i..], &RELATIVE_ROWS),
                "{}",
                &text[i..]
            );
        }
        let word = |i: usize| {
            let n = bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            format!(
                "{}:{}",
                &text[i..i + n],
                &text[i + n..].split_whitespace().next().unwrap_or("")
            )
        };
        let dates: Vec<String> = dates.into_iter().map(word).collect();
        let rels: Vec<String> = rels.into_iter().map(word).collect();
        // `the` before `meeting`, `year` or `Thu`, and `an hour`, are passed
        // over; `the past` is kept for a relative date, `the early` for a
        // literal one.
        assert_eq!(
            dates,
            [
                "the:1990s,",
                "1990s:,",
                "Early:in",
                "2020:they",
                "Tuesday:'s",
                "3:days",
                "the:past.",
                "9:p.m.",
                "Sunday:or",
                "10::30am",
                "30am:today,",
                "the:third",
                "the:27th,",
                "27th:,",
                "30:-odd",
                "Thu:vote,",
                "The:early",
                "early:1990s,",
                "1990s:,",
            ]
        );
        assert_eq!(
            rels,
            [
                "the:1990s,",
                "Tuesday:'s",
                "3:days",
                "later:;",
                "the:past.",
                "A:year",
                "9:p.m.",
                "Sunday:or",
                "10::30am",
                "30am:today,",
                "today:,",
                "the:third",
                "third:quarter,",
                "the:27th,",
                "Thu:vote,",
                "The:early",
                "twenty:-five",
                "five:days",
            ]
        );
        // Across a block boundary.
        let long = format!("{}Tuesday{}", " ".repeat(60), " ".repeat(70));
        assert_eq!(Starts::list(&Starts::scan(long.as_bytes()).relative), [60]);
        let long = format!("{}Tuesdays{}", " ".repeat(60), " ".repeat(70));
        assert!(Starts::list(&Starts::scan(long.as_bytes()).relative).is_empty());
        // A word that runs on past the block and the text's end.
        let long = format!("{}Tuesday", " ".repeat(57));
        assert_eq!(Starts::list(&Starts::scan(long.as_bytes()).relative), [57]);
        // A lead whose next word is in the next block is kept; one whose
        // next word runs across the block's end is judged by all of it.
        let long = format!("{}the {}1990s", " ".repeat(58), " ".repeat(10));
        assert_eq!(Starts::list(&Starts::scan(long.as_bytes()).date), [58, 72]);
        // The next block's first word is read too.
        let long = format!("{}the   meeting", " ".repeat(58));
        let starts = Starts::scan(long.as_bytes());
        assert!(Starts::list(&starts.date).is_empty() && Starts::list(&starts.relative).is_empty());
        let long = format!("{}the   past.", " ".repeat(58));
        assert_eq!(Starts::list(&Starts::scan(long.as_bytes()).relative), [58]);
        let long = format!("{}two  years ago", " ".repeat(58));
        assert_eq!(Starts::list(&Starts::scan(long.as_bytes()).relative), [58]);
        let long = format!("{}two  yearsago", " ".repeat(58));
        assert!(Starts::list(&Starts::scan(long.as_bytes()).relative).is_empty());
        let long = format!("{}two yearsago", " ".repeat(58));
        assert!(Starts::list(&Starts::scan(long.as_bytes()).relative).is_empty());
        let long = format!("{}two years ago", " ".repeat(58));
        assert_eq!(Starts::list(&Starts::scan(long.as_bytes()).relative), [58]);
    }

    /// Whether the starts of `new` are some of those of `reference`, and
    /// among them every one where `matches` holds (the new scan reads a
    /// digit run's clock as [`may_start_relative`] does, and the word after
    /// a lead in the next block).
    fn same_starts(new: &[u64], reference: &[u64], matches: impl Fn(usize) -> bool) -> bool {
        let (a, b) = (Starts::list(new), Starts::list(reference));
        let kept: std::collections::HashSet<usize> = a.iter().copied().collect();
        let all: std::collections::HashSet<usize> = b.iter().copied().collect();
        kept.is_subset(&all) && b.iter().all(|&i| kept.contains(&i) || !matches(i))
    }

    /// [`same_starts`] for both sets, where the pre-filter and the grammar
    /// match.
    pub(super) fn same_as_reference(text: &str, new: &Starts, reference: &Starts) -> bool {
        let bytes = text.as_bytes();
        same_starts(&new.date, &reference.date, |i| {
            may_start_date(&bytes[i..]) && (date(&text[i..]).is_ok() || cued_month(text, i).is_ok())
        }) && same_starts(&new.relative, &reference.relative, |i| {
            may_start_relative(&bytes[i..]) && timed_relative(&text[i..]).is_ok()
        })
    }

    proptest::proptest! {
        #[test]
        fn the_scan_finds_what_the_reference_scan_finds(
            text in "([ ,.:\\-\n0-9]|[0-9]{1,5}|a|an|A|the|The|THE|two|twenty|ten|days|year|Years|week|month|mo|past|future|coming|mid|early|late|first|fiscal|third|Thu|Tuesday|Sept|May|p\\.m\\.|am|pm|st|th|[a-zA-Z]{1,12}|\\PC){0,90}",
        ) {
            let bytes = text.as_bytes();
            let (a, b) = (Starts::scan(bytes), Starts::scan_reference(bytes));
            proptest::prop_assert!(same_as_reference(&text, &a, &b));
        }
    }

    #[test]
    fn the_inlined_word_start_is_is_word_start() {
        let text = "a b,c.d-e/f:g$h#i_j@k\u{a0}l’m 1,2 x-y 3.4 é5 ";
        for i in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(word_start(text, i), super::super::is_word_start(text, i), "{i}");
        }
    }

    #[test]
    fn of_the_words_of_one_or_two_letters_only_those_of_a_are_in_a_set() {
        let letters = (b'a'..=b'z').chain(b'A'..=b'Z');
        for c in letters.clone() {
            let mut window = [b' '; 80];
            window[0] = c;
            let any = entry_at(&window, 0, 1) >> ANY & 1 != 0;
            assert_eq!(any, c | 0x20 == b'a', "{}", c as char);
            for d in letters.clone().chain(b'0'..=b'9') {
                window[1] = d;
                let any = entry_at(&window, 0, 2) >> ANY & 1 != 0;
                assert_eq!(any, c | 0x20 == b'a', "{}{}", c as char, d as char);
            }
        }
    }

    #[test]
    fn the_name_matches_take_the_lexicons_words() {
        for (w, _) in MONTHS {
            assert!(
                is_date_word(w.as_bytes()) && is_date_word(w.to_uppercase().as_bytes()),
                "{w}"
            );
            assert!(!is_weekday_word(w.as_bytes()), "{w}");
        }
        for (w, _) in WEEKDAYS {
            assert!(
                is_weekday_word(w.as_bytes()) && is_date_word(w.to_uppercase().as_bytes()),
                "{w}"
            );
        }
        for w in [
            "",
            "the",
            "they",
            "marc",
            "mayor",
            "france",
            "thursdays",
            "sundays",
            "decembers",
        ] {
            assert!(!is_date_word(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn a_sentence_that_ends_inside_a_word_cuts_it() {
        let text = "He left Tuesdays and 3 weeks later";
        let bytes = text.as_bytes();
        let at = text.find("Tuesdays").unwrap();
        let cut = |end| cut_word(bytes, Span::new(0, end));
        // `Tuesday|s` may start a relative date, `Tuesd|ays` may not; the
        // scan of the whole text takes neither.
        assert_eq!(cut(at + 7), Some((at, true)));
        assert_eq!(cut(at + 5), Some((at, false)));
        assert_eq!(cut(at + 8), None);
        assert_eq!(cut_word(bytes, Span::new(at + 2, at + 7)), None);
        assert!(!Starts::list(&Starts::scan(bytes).relative).contains(&at));
        let sentences = [Sentence {
            span: Span::new(0, at + 7),
            paragraph: 0,
        }];
        let starts = Starts::scan(bytes);
        let found = extract_relative(text, None, &[], &sentences, &[], &starts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span, Span::new(at, at + 7));
    }

    #[test]
    fn any_gap_after_the_reads_as_a_space_and_never_panics() {
        // `written[..4]` once cut the no-break space in two.
        for text in [
            "the\u{a0}past",
            "The\u{a0}future.",
            "the\u{a0}past week",
            "the\u{a0}future, he",
        ] {
            let nbsp = timed_relative(text).ok().map(|(rest, _)| text.len() - rest.len());
            let plain = text.replace('\u{a0}', " ");
            let space = timed_relative(&plain).ok().map(|(rest, _)| plain.len() - rest.len());
            // The same verdict as with a plain space, one byte longer.
            assert_eq!(nbsp.map(|n| n - 1), space, "{text}");
            // A hard-wrapped line break is a gap too: `the\npast week` is
            // not `the past`.
            let wrapped = text.replace('\u{a0}', "\n");
            let newline = timed_relative(&wrapped)
                .ok()
                .map(|(rest, _)| wrapped.len() - rest.len());
            assert_eq!(newline, space, "{text}");
        }
        let text = "He spoke of the\u{a0}past.";
        let sentences = [Sentence {
            span: Span::new(0, text.len()),
            paragraph: 0,
        }];
        let starts = Starts::scan(text.as_bytes());
        let found = extract_relative(text, None, &[], &sentences, &[], &starts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].span.slice(text), "the\u{a0}past");
    }

    #[test]
    fn the_first_word_picks_the_same_relative_forms() {
        for text in [
            "today at 9 p.m.",
            "Tonight",
            "earlier this year",
            "later this month",
            "this coming Tuesday",
            "last summer",
            "next June",
            "the coming week",
            "the 27th.",
            "the past.",
            "the future is",
            "the third quarter of 1990",
            "the fiscal fourth quarter",
            "right now",
            "now-defunct",
            "these days",
            "recently",
            "fiscal first quarter",
            "second-quarter",
            "a year later",
            "twenty-five years ago",
            "Tuesday at 10 a.m.",
            "Sunday Times",
            "Thursdays",
            "the",
        ] {
            let w = ascii_word(text.as_bytes()).to_ascii_lowercase();
            // Only what matches counts, not how a failure is told.
            assert_eq!(timed_relative_word(&w, text).ok(), timed_relative(text).ok(), "{text}");
        }
    }

    #[test]
    fn date_names_are_whole_ascii_words() {
        // The pre-filters compare them with the run of ASCII letters at a
        // word start.
        for w in MONTHS.iter().map(|p| p.0).chain(WEEKDAYS.iter().map(|p| p.0)) {
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        }
        assert!(may_start_date(b"Sept. 27"));
        assert!(may_start_date(b"Mid-September"));
        assert!(!may_start_date(b"Septic"));
        assert!(may_start_relative(b"Tuesday"));
        assert!(!may_start_relative(b"Tuesdays"));
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
            ("the 1990s saw", "the 1990s", Some(1990), None, None),
            ("in mid-September the", "mid-September", None, Some(9), None),
            ("by late 2020 it", "late 2020", Some(2020), None, None),
            ("in the 2019-20 season", "2019-20", Some(2019), None, None),
            ("on Feb. 4-6 in", "Feb. 4-6", None, Some(2), Some(4)),
            ("since September, when", "September", None, Some(9), None),
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
        // Across a blank line the day is not part of the date: `in May` is a
        // month alone.
        let v = extract("in May\n\n22 people", None);
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].month, v[0].day, v[0].granularity),
            (Some(5), None, Granularity::Month)
        );
    }

    fn all(text: &str, r: Option<NaiveDate>) -> Vec<(String, Option<String>)> {
        extract_dates(text, r)
            .into_iter()
            .map(|d| (d.span.slice(text).to_string(), d.timex_value()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, Option<String>) {
        (a.to_string(), Some(b.to_string()))
    }

    #[test]
    fn resolves_relative_dates_against_the_reference() {
        // Tuesday 9 April 2019.
        let r = NaiveDate::from_ymd_opt(2019, 4, 9);
        assert_eq!(all("He left yesterday.", r), [pair("yesterday", "2019-04-08")]);
        assert_eq!(all("The mayor spoke on Friday.", r), [pair("Friday", "2019-04-05")]);
        assert_eq!(
            all("The mayor will speak on Friday.", r),
            [pair("Friday", "2019-04-12")]
        );
        assert_eq!(all("It rained last Friday.", r), [pair("last Friday", "2019-04-05")]);
        assert_eq!(all("Talks resume next week.", r), [pair("next week", "2019-W16")]);
        assert_eq!(all("Sales fell this month.", r), [pair("this month", "2019-04")]);
        assert_eq!(all("She quit two days ago.", r), [pair("two days ago", "2019-04-07")]);
        assert_eq!(all("It opened 30 years ago.", r), [pair("30 years ago", "1989")]);
        assert_eq!(all("It closed last summer.", r), [pair("last summer", "2018-SU")]);
        // A quarter that has not begun is last year's.
        assert_eq!(
            all("Profit rose in the third quarter.", r),
            [pair("the third quarter", "2018-Q3")]
        );
    }

    #[test]
    fn later_counts_from_the_date_before_it() {
        let text = "He was arrested on May 3, 2019, and charged three days later.";
        let v = extract_dates(text, None);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].span.slice(text), "three days later");
        assert_eq!(v[1].resolved, NaiveDate::from_ymd_opt(2019, 5, 6));
        assert_eq!(v[1].shift.map(|s| (s.amount, s.anchor)), Some((3, Anchor::Previous)));
    }

    #[test]
    fn relative_dates_need_a_reference() {
        let v = extract_dates("He left yesterday.", None);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].resolved, None);
        assert_eq!(v[0].timex_value(), None);
    }

    #[test]
    fn yearless_dates_lean_to_the_past_unless_the_sentence_looks_ahead() {
        let r = NaiveDate::from_ymd_opt(1999, 4, 9);
        assert_eq!(all("The deal closed Oct. 23.", r), [pair("Oct. 23", "1998-10-23")]);
        assert_eq!(all("The deal will close Oct. 23.", r), [pair("Oct. 23", "1999-10-23")]);
        assert_eq!(all("It fell in April.", r), [pair("April", "1999-04")]);
        assert_eq!(all("It fell in December.", r), [pair("December", "1998-12")]);
        assert_eq!(
            all("It fell in February last year.", r),
            [pair("February last year", "1998-02")]
        );
    }

    #[test]
    fn ranges_record_their_end() {
        let text = "It ran from 2016 to 2019 and on Feb. 4-6.";
        let v = extract_dates(text, None);
        assert_eq!(v[0].range_end.map(|e| e.year), Some(Some(2019)));
        let feb = v.iter().find(|d| d.month == Some(2)).unwrap();
        assert_eq!(feb.range_end.map(|e| (e.day, e.span.slice(text))), Some((Some(6), "6")));
        // A price in a table is not a range.
        let v = extract_dates("May 3-1/4 over", None);
        assert!(v.iter().all(|d| d.range_end.is_none()), "{v:?}");
        let v = extract_dates("the 1999-00 season", None);
        assert_eq!(v[0].range_end.and_then(|e| e.year), Some(2000));
    }

    #[test]
    fn relative_look_alikes_are_not_dates() {
        for text in [
            "the 25th anniversary",
            "He read the Sunday Times.",
            "a now-defunct firm",
            "the future of work",
        ] {
            assert!(
                extract_dates(text, None).is_empty(),
                "{text}: {:?}",
                extract_dates(text, None)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn extraction_never_panics_and_spans_stay_in_bounds(
            text in "(\\PC|[ ,.\\-/0-9]|Sept|May|Tuesday|the|last|ago|days|later|mid|early|quarter|now|\n){0,40}",
            day in 0u32..400,
        ) {
            let r = NaiveDate::from_ymd_opt(2019, 1, 1).and_then(|d| d.checked_add_days(chrono::Days::new(day.into())));
            for d in extract_dates(&text, r) {
                proptest::prop_assert!(d.span.end <= text.len() && d.span.start <= d.span.end);
                proptest::prop_assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
                if let Some(e) = d.range_end {
                    proptest::prop_assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start));
                }
                let _ = d.timex_value();
            }
        }
    }

    #[test]
    fn times_attach_to_their_dates() {
        let r = NaiveDate::from_ymd_opt(2020, 9, 28); // a Monday
        let text = "The fire started at 9 p.m. Sunday and spread.";
        let v = extract_dates(text, r);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].span.slice(text), "9 p.m. Sunday");
        assert_eq!(v[0].resolved, NaiveDate::from_ymd_opt(2020, 9, 27));
        assert_eq!(v[0].time, chrono::NaiveTime::from_hms_opt(21, 0, 0));
        let text = "Polls open Sept. 27 at 10:30 a.m. in the north.";
        let v = extract_dates(text, r);
        assert_eq!(v[0].span.slice(text), "Sept. 27 at 10:30 a.m.");
        assert_eq!(v[0].time, chrono::NaiveTime::from_hms_opt(10, 30, 0));
        // A time alone is not a date.
        assert!(extract_dates("It starts at 9 p.m. sharp.", r).is_empty());
    }
}

#[cfg(test)]
mod prefilter_check {
    use super::*;

    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(t) = std::fs::read_to_string(&p) {
                out.push(t);
            }
        }
    }

    /// The pre-filters are necessary conditions: at every word start of the
    /// fixtures, the examples and the shared corpus (when present), a word
    /// they skip is one the grammar does not match. Slow in a debug build:
    /// `cargo test --release --lib prefilter -- --ignored`.
    #[test]
    #[ignore]
    fn prefilters_never_skip_a_match() {
        let mut texts = Vec::new();
        walk(std::path::Path::new("../shared/corpus"), &mut texts);
        walk(std::path::Path::new("tests/fixtures"), &mut texts);
        walk(std::path::Path::new("examples"), &mut texts);
        let (mut dates, mut rels, mut dtries, mut rtries) = (0, 0, 0, 0);
        for text in &texts {
            let bytes = text.as_bytes();
            let starts = Starts::scan(bytes);
            let reference = Starts::scan_reference(bytes);
            assert!(super::tests::same_as_reference(text, &starts, &reference));
            for i in 0..bytes.len() {
                if !bytes[i].is_ascii_alphanumeric() || !crate::extract::is_word_start(text, i) {
                    continue;
                }
                let d_ok = next_in(&starts.date, i, i + 1).is_some() && may_start_date(&bytes[i..]);
                let d = date(&text[i..]).is_ok() || cued_month(text, i).is_ok();
                assert!(d_ok || !d, "date skipped at {:?}", &text[i..(i + 40).min(text.len())]);
                dates += usize::from(d);
                dtries += usize::from(d_ok);
                let r_ok = next_in(&starts.relative, i, i + 1).is_some() && may_start_relative(&bytes[i..]);
                let r = timed_relative(&text[i..]).is_ok();
                assert!(
                    r_ok || !r,
                    "relative skipped at {:?}",
                    &text[i..(i + 40).min(text.len())]
                );
                rels += usize::from(r);
                rtries += usize::from(r_ok);
            }
        }
        eprintln!("dates {dates}/{dtries} tries, relative {rels}/{rtries} tries");
    }
}
