//! Article metadata: YAML front matter, a leading `date YYYY-MM-DD` header, and
//! the wire dateline. Each is kept with its span; the reference date is chosen
//! from them in a fixed order and the document records which source won.

use chrono::NaiveDate;

use crate::extract::date::{DateFact, parse_date_at};
use crate::source::Span;

/// Where the reference date came from, in order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefSource {
    CommandLine,
    FrontMatter,
    Header,
    Dateline,
}

impl RefSource {
    pub fn describe(self) -> &'static str {
        match self {
            RefSource::CommandLine => "--date",
            RefSource::FrontMatter => "front matter `date`",
            RefSource::Header => "`date` header",
            RefSource::Dateline => "dateline",
        }
    }
}

/// The date the article is written from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReferenceDate {
    pub date: NaiveDate,
    pub source: RefSource,
}

/// Front matter fenced by `---` (YAML) or `+++` (TOML) at the top of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, fences included.
    pub span: Span,
    /// `date:` with the span of its value.
    pub date: Option<(NaiveDate, Span)>,
}

/// A wire dateline: `WELLINGTON, Nov. 5, 2019 (Agency) -`, `PARIS (AP) —`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// From the place name to the dash, inclusive.
    pub span: Span,
    pub place: Span,
    pub date: Option<DateFact>,
    pub agency: Option<Span>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub front_matter: Option<FrontMatter>,
    /// A leading `date 2020-09-27` header.
    pub header: Option<(NaiveDate, Span)>,
    pub dateline: Option<Dateline>,
    pub reference: Option<ReferenceDate>,
}

/// Finds front matter at byte `at` (after any BOM). An unterminated fence is
/// not front matter: the text stays prose.
pub(crate) fn front_matter(text: &str, at: usize) -> Option<FrontMatter> {
    let rest = &text[at..];
    let fence = if rest.starts_with("---") {
        "---"
    } else if rest.starts_with("+++") {
        "+++"
    } else {
        return None;
    };
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != fence {
        return None;
    }
    let mut pos = first_end + 1;
    let mut date = None;
    while pos <= rest.len() {
        let line_end = rest[pos..].find('\n').map_or(rest.len(), |e| pos + e);
        let line = rest[pos..line_end].trim_end_matches('\r');
        if line == fence || (fence == "---" && line == "...") {
            return Some(FrontMatter {
                span: Span::new(at, at + line_end),
                date,
            });
        }
        if date.is_none() {
            date = date_value(line, at + pos);
        }
        if line_end == rest.len() {
            break;
        }
        pos = line_end + 1;
    }
    None
}

/// `date: 2022-08-16`, `date = "2022-08-16T10:00:00Z"`, with the value's span.
fn date_value(line: &str, at: usize) -> Option<(NaiveDate, Span)> {
    let rest = line.strip_prefix("date")?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
    let value = rest.trim().trim_matches(|c| c == '"' || c == '\'');
    let iso = value.get(..10)?;
    let date = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    let start = at + line.find(iso)?;
    Some((date, Span::new(start, start + 10)))
}

/// A leading `date 2020-09-27` header (the sample article puts it and the
/// first sentence on one line).
pub(crate) fn header(text: &str, at: usize) -> Option<(NaiveDate, Span)> {
    let rest = &text[at..];
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    let body = trimmed
        .strip_prefix("date ")
        .or_else(|| trimmed.strip_prefix("Date: "))
        .or_else(|| trimmed.strip_prefix("Date "))?;
    let iso = body.get(..10)?;
    let date = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    if body[10..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some((date, Span::new(at + lead, at + trimmed.len() - body.len() + 10 + lead)))
}

/// Words that stand for an agency in parentheses after a dateline.
fn is_agency(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.chars().next().is_some_and(|c| c.is_uppercase())
        && s.chars().all(|c| c.is_alphanumeric() || " .-&/'".contains(c))
}

/// A dateline at the start of a paragraph: an upper-case place (`WELLINGTON`,
/// `NEW YORK`, `SALVADOR, Brazil`), an optional date, an optional agency in
/// parentheses, then a dash. `text` is the paragraph's prose.
pub(crate) fn dateline(text: &str, at: usize) -> Option<Dateline> {
    let bytes = text.as_bytes();
    // The place: words in capitals, possibly with a region after a comma.
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_uppercase() || matches!(bytes[i], b' ' | b'.' | b'\'' | b'-')) {
        i += 1;
    }
    let place_end = text[..i].trim_end().len();
    let place = &text[..place_end];
    if place.chars().filter(|c| c.is_ascii_uppercase()).count() < 2 || place.len() > 40 {
        return None;
    }
    let mut pos = place_end;
    let skip_ws = |p: &mut usize| {
        while *p < bytes.len() && (bytes[*p] == b' ' || bytes[*p] == b'\n') {
            *p += 1;
        }
    };
    let mut date = None;
    if text[pos..].starts_with(',') {
        pos += 1;
        skip_ws(&mut pos);
        if let Some(d) = parse_date_at(&text[pos..], at + pos) {
            pos += d.span.len();
            date = Some(d);
        } else {
            // A region: `SALVADOR, Brazil,` then maybe a date.
            let region_end = text[pos..].find([',', '(', '-', '—', '–']).map(|e| pos + e)?;
            if region_end - pos > 30 {
                return None;
            }
            pos = region_end;
            if text[pos..].starts_with(',') {
                pos += 1;
                skip_ws(&mut pos);
                if let Some(d) = parse_date_at(&text[pos..], at + pos) {
                    pos += d.span.len();
                    date = Some(d);
                }
            }
        }
    }
    skip_ws(&mut pos);
    let mut agency = None;
    if text[pos..].starts_with('(') {
        let close = text[pos..].find(')')? + pos;
        let name = &text[pos + 1..close];
        if !is_agency(name) {
            return None;
        }
        agency = Some(Span::new(at + pos + 1, at + close));
        pos = close + 1;
        skip_ws(&mut pos);
    }
    let dash = ["--", "-", "—", "–"].iter().find(|d| text[pos..].starts_with(**d))?;
    if date.is_none() && agency.is_none() {
        return None;
    }
    let end = pos + dash.len();
    Some(Dateline {
        span: Span::new(at, at + end),
        place: Span::new(at, at + place_end),
        date,
        agency,
    })
}

/// Whether trimmed `line` is short enough to be a sign-off: a place of at
/// most 40 bytes and one date. Anything longer is prose, and the date
/// grammar need not run on it.
pub(crate) fn may_be_sign_off(line: &str) -> bool {
    line.len() <= 120
}

/// A sign-off line such as `Paris, 27.09.2020` or `London, 5 November 2019`:
/// a place, a comma and a date, and nothing else.
pub(crate) fn is_sign_off(line: &str) -> bool {
    let line = line.trim();
    if !may_be_sign_off(line) {
        return false;
    }
    let Some(comma) = memchr::memchr(b',', line.as_bytes()) else {
        return parse_date_at(line, 0).is_some_and(|d| d.span.len() == line.len());
    };
    let (place, rest) = (&line[..comma], &line[comma + 1..]);
    let place_ok = !place.is_empty()
        && place.len() <= 40
        && place
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    let rest = rest.trim().trim_end_matches('.');
    place_ok && parse_date_at(rest, 0).is_some_and(|d| d.span.len() == rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_yaml_front_matter_date() {
        let t = "---\ntitle: x\ndate: 2022-08-16\n---\nBody.";
        let fm = front_matter(t, 0).unwrap();
        assert_eq!(fm.date.unwrap().0, NaiveDate::from_ymd_opt(2022, 8, 16).unwrap());
        assert_eq!(fm.date.unwrap().1.slice(t), "2022-08-16");
        assert_eq!(fm.span.slice(t), "---\ntitle: x\ndate: 2022-08-16\n---");
    }

    #[test]
    fn unterminated_front_matter_is_not_front_matter() {
        assert!(front_matter("---\ndate: 2022-08-16\nBody.", 0).is_none());
        assert!(front_matter("--- not a fence\n---\n", 0).is_none());
    }

    #[test]
    fn reads_the_date_header() {
        let t = " date 2020-09-27 ARF Bureau member";
        let (d, s) = header(t, 0).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2020, 9, 27).unwrap());
        assert_eq!(s.slice(t), "date 2020-09-27");
        assert!(header("dated 2020-09-27", 0).is_none());
        assert!(header("date 2020-09-277", 0).is_none());
    }

    #[test]
    fn reads_wire_datelines() {
        let t = "WELLINGTON, Nov. 5, 2019 (Agency) - The";
        let d = dateline(t, 0).unwrap();
        assert_eq!(d.span.slice(t), "WELLINGTON, Nov. 5, 2019 (Agency) -");
        assert_eq!(d.place.slice(t), "WELLINGTON");
        assert_eq!(d.date.unwrap().day, Some(5));
        let t = "PARIS (AP) — The";
        let d = dateline(t, 0).unwrap();
        assert_eq!(d.agency.unwrap().slice(t), "AP");
        assert!(d.date.is_none());
        let t = "SALVADOR, Feb 26 - Showers";
        assert_eq!(dateline(t, 0).unwrap().date.unwrap().month, Some(2));
        let t = "NEW YORK, March 3 - Shares";
        assert_eq!(dateline(t, 0).unwrap().place.slice(t), "NEW YORK");
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        assert!(dateline("The French Socialist Party - a party", 0).is_none());
        assert!(dateline("US sales rose - a lot", 0).is_none());
        assert!(dateline("NATO - the alliance", 0).is_none());
    }

    #[test]
    fn recognizes_sign_offs() {
        assert!(is_sign_off("Paris, 27.09.2020"));
        assert!(is_sign_off("London, 5 November 2019"));
        assert!(is_sign_off("New York, Sept. 27, 2020"));
        assert!(!is_sign_off("On September 2."));
        assert!(!is_sign_off("Prices fell, 2020 was bad"));
    }
}
