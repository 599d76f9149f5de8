//! Number extraction: figures in digits and words, with their multiplier,
//! unit or currency, and the noun they count.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while1};
use nom::character::complete::{char, digit1, space0};
use nom::combinator::{opt, recognize};
use nom::multi::many1;
use nom::{IResult, Parser};

use super::date::DateFact;
use crate::config::Lexicons;
use crate::source::Span;

/// What kind of figure a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// A count or amount: `130,000`, `four`, `10 million`.
    Cardinal,
    /// `3.2%`, `52 percent`.
    Percent,
    /// `$4.5 billion`, `€812m`.
    Money,
}

/// A figure found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberFact {
    pub span: Span,
    pub value: f64,
    pub kind: NumberKind,
    /// Written in words (`four`) rather than digits.
    pub in_words: bool,
    /// The currency symbol or code, for money.
    pub currency: Option<String>,
    /// `130,000-strong`: the figure is a size qualifier on the noun after it.
    pub strong: bool,
    /// The noun the figure counts, when found: `army` in `an army of 10
    /// million`, `neighbor` in `130,000-strong Azerbaijani neighbor`.
    pub noun: Option<Span>,
    /// The noun lower-cased.
    pub noun_text: Option<String>,
    /// The noun's class from the `*-nouns` lexicons (`population`,
    /// `military`, ...).
    pub class: Option<String>,
}

/// A numeral in digits: `130,000`, `130 000`, `1.5`, `10`.
fn digit_numeral(i: &str) -> IResult<&str, f64> {
    let grouped = recognize((
        take_while1(|c: char| c.is_ascii_digit()),
        many1((alt((char(','), char(' '), char('\u{a0}'))), digits3)),
    ));
    let (rest, int) = alt((
        nom::combinator::verify(grouped, |s: &str| {
            s.split([',', ' ', '\u{a0}']).next().is_some_and(|h| h.len() <= 3)
        }),
        digit1,
    ))
    .parse(i)?;
    let (rest, frac) = opt(recognize((char('.'), digit1))).parse(rest)?;
    let cleaned: String = int.chars().filter(char::is_ascii_digit).collect::<String>() + frac.unwrap_or("");
    let value = cleaned
        .parse::<f64>()
        .map_err(|_| nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Float)))?;
    Ok((rest, value))
}

/// Exactly three digits not followed by another digit (a thousands group).
fn digits3(i: &str) -> IResult<&str, &str> {
    let (rest, d) = nom::bytes::complete::take_while_m_n(3, 3, |c: char| c.is_ascii_digit()).parse(i)?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Digit)));
    }
    Ok((rest, d))
}

const MULTIPLIERS: &[(&str, f64)] = &[
    ("trillion", 1e12),
    ("billion", 1e9),
    ("million", 1e6),
    ("thousand", 1e3),
    ("hundred", 1e2),
    ("mln", 1e6),
    ("bln", 1e9),
    ("bn", 1e9),
    ("tn", 1e12),
    ("m", 1e6),
    ("k", 1e3),
];

/// ` million`, `bn`, `m` after a numeral.
fn multiplier(i: &str) -> IResult<&str, f64> {
    for &(w, v) in MULTIPLIERS {
        let spaced = w.len() > 2;
        let attempt = if spaced {
            (space0::<&str, nom::error::Error<&str>>, tag_no_case(w))
                .parse(i)
                .map(|(r, _)| r)
        } else {
            tag::<_, _, nom::error::Error<&str>>(w).parse(i).map(|(r, _)| r)
        };
        if let Ok(rest) = attempt
            && !rest.starts_with(|c: char| c.is_alphanumeric())
        {
            return Ok((rest, v));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag)))
}

const UNITS: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
];

/// A number word: `four`, `twenty-one`, `a dozen`.
fn word_numeral(i: &str) -> IResult<&str, f64> {
    let fail = || nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Tag));
    // Tried at every word start, so checked by hand: `a ` (any case), then
    // a word no longer than the longest number word (`seventeen`).
    let i2 = match i.as_bytes() {
        [b'a' | b'A', b' ', ..] => &i[2..],
        _ => i,
    };
    let word_end = i2.find(|c: char| !c.is_alphabetic()).unwrap_or(i2.len());
    if word_end > "seventeen".len() {
        return Err(fail());
    }
    // Compared in place: lower-casing every word start allocated on the
    // hot path. The number words are ASCII.
    let word = &i2[..word_end];
    let &(unit, v) = UNITS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .ok_or_else(fail)?;
    if i2.len() < i.len() && unit != "dozen" {
        return Err(fail()); // `a four` is not a number
    }
    let mut rest = &i2[word_end..];
    let mut value = v;
    if (20..=90).contains(&v)
        && v % 10 == 0
        && let Some(r) = rest.strip_prefix('-')
    {
        let e = r.find(|c: char| !c.is_alphabetic()).unwrap_or(r.len());
        if let Some(&(_, u)) = UNITS.iter().find(|(w, _)| {
            *w == r[..e].to_lowercase() && (1..=9).contains(&UNITS.iter().find(|(x, _)| x == w).map_or(0, |p| p.1))
        }) {
            value += u;
            rest = &r[e..];
        }
    }
    Ok((rest, value as f64))
}

/// A currency prefix: `$`, `US$`, `€`, `£`.
fn currency(i: &str) -> IResult<&str, &str> {
    alt((tag("US$"), tag("$"), tag("€"), tag("£"), tag("¥"))).parse(i)
}

/// A full figure: currency, numeral, multiplier, percent and `-strong`.
fn figure(i: &str) -> IResult<&str, (f64, NumberKind, bool, Option<&str>, bool)> {
    let (i, cur) = opt(currency).parse(i)?;
    let (i, (value, words)) = alt((
        |x| digit_numeral(x).map(|(r, v)| (r, (v, false))),
        |x| word_numeral(x).map(|(r, v)| (r, (v, true))),
    ))
    .parse(i)?;
    let (i, mult) = opt(multiplier).parse(i)?;
    let value = value * mult.unwrap_or(1.0);
    let (i, pct) = opt(alt((
        tag("%"),
        recognize((
            space0,
            alt((tag_no_case("percent"), tag_no_case("per cent"), tag("pct"))),
        )),
    )))
    .parse(i)?;
    let (i, strong) = opt(tag_no_case("-strong")).parse(i)?;
    if i.starts_with(|c: char| c.is_alphanumeric()) {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    let kind = if pct.is_some() {
        NumberKind::Percent
    } else if cur.is_some() {
        NumberKind::Money
    } else {
        NumberKind::Cardinal
    };
    Ok((i, (value, kind, words, cur, strong.is_some())))
}

/// The class of a noun from the `<class>-nouns` lexicons.
fn class_of(lex: &Lexicons, noun: &str) -> Option<String> {
    // List names used as they are: formatting `<class>-nouns` for every
    // candidate word allocated several strings per figure.
    ["military-nouns", "casualty-nouns", "population-nouns"]
        .into_iter()
        .find(|list| lex.contains_noun(list, noun))
        .or_else(|| {
            lex.names()
                .into_iter()
                .filter(|n| n.ends_with("-nouns"))
                .find(|list| lex.contains_noun(list, noun))
        })
        .and_then(|list| list.strip_suffix("-nouns"))
        .map(str::to_string)
}

/// The next word after `at` in `text`, skipping spaces: (span, word).
fn next_word(text: &str, at: usize) -> Option<(Span, &str)> {
    let rest = &text[at..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\n']).len();
    if rest[..lead].matches('\n').count() > 1 {
        return None;
    }
    let s = at + lead;
    let len = text[s..]
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(text.len() - s);
    (len > 0).then(|| (Span::new(s, s + len), &text[s..s + len]))
}

/// The word before `at` (ending at the last non-space before it).
fn prev_word(text: &str, at: usize) -> Option<(Span, &str)> {
    let before = text[..at].trim_end_matches([' ', '\u{a0}']);
    let e = before.len();
    let s = before
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |p| p + before[p..].chars().next().map_or(1, char::len_utf8));
    (e > s).then(|| (Span::new(s, e), &text[s..e]))
}

/// Finds the counted noun: a following noun in a class lexicon within three
/// words (skipping adjectives such as `Azerbaijani`), else `<noun> of N`
/// before the figure, else the plain next word when it is lower-case.
fn counted_noun(text: &str, span: Span, strong: bool, lex: &Lexicons) -> Option<(Span, String, Option<String>)> {
    let mut at = span.end;
    let mut first_lower: Option<(Span, String)> = None;
    for _ in 0..3 {
        let Some((ws, w)) = next_word(text, at) else { break };
        let lw = w.to_lowercase();
        if let Some(c) = class_of(lex, &lw) {
            return Some((ws, lw, Some(c)));
        }
        if first_lower.is_none() && w.starts_with(|c: char| c.is_lowercase()) {
            first_lower = Some((ws, lw));
        }
        // Only adjectives (capitalized nationality words) may be skipped
        // after a `-strong` figure; otherwise look at the next word only.
        if !strong && !w.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        // A possessive ends the noun phrase: `neighbor’s army`.
        let after = &text[ws.end..];
        if after.starts_with(['\'', '’']) {
            break;
        }
        at = ws.end;
    }
    if let Some((of, _)) = prev_word(text, span.start).filter(|(_, w)| w.eq_ignore_ascii_case("of"))
        && let Some((ns, n)) = prev_word(text, of.start)
    {
        let ln = n.to_lowercase();
        if let Some(c) = class_of(lex, &ln) {
            return Some((ns, ln, Some(c)));
        }
    }
    first_lower.map(|(s, w)| (s, w, None))
}

/// Finds every figure in `mask`, skipping the spans claimed by dates.
pub(crate) fn extract(mask: &str, dates: &[DateFact], lex: &Lexicons) -> Vec<NumberFact> {
    let mut out = Vec::new();
    let bytes = mask.as_bytes();
    let mut di = 0;
    let mut i = 0;
    while i < bytes.len() {
        while di < dates.len() && dates[di].span.end <= i {
            di += 1;
        }
        if let Some(d) = dates.get(di).filter(|d| d.span.start <= i) {
            i = d.span.end;
            continue;
        }
        let c = bytes[i];
        let candidate =
            (c.is_ascii_alphanumeric() || matches!(c, b'$' | 0xE2 | 0xC2 | b'U')) && super::is_word_start(mask, i);
        if candidate && let Ok((rest, (value, kind, in_words, cur, strong))) = figure(&mask[i..]) {
            let len = mask.len() - i - rest.len();
            let span = Span::new(i, i + len);
            let noun = counted_noun(mask, span, strong, lex);
            out.push(NumberFact {
                span,
                value,
                kind,
                in_words,
                currency: cur.map(str::to_string),
                strong,
                noun: noun.as_ref().map(|n| n.0),
                noun_text: noun.as_ref().map(|n| n.1.clone()),
                class: noun.and_then(|n| n.2),
            });
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

    fn nums(text: &str) -> Vec<NumberFact> {
        let lex = Lexicons::default_set();
        let dates = super::super::date::extract(text, None);
        extract(text, &dates, &lex)
    }

    #[test]
    fn values_in_digits_and_words() {
        let cases: &[(&str, &str, f64, NumberKind)] = &[
            ("some 130,000 people", "130,000", 130_000.0, NumberKind::Cardinal),
            ("some 130 000 people", "130 000", 130_000.0, NumberKind::Cardinal),
            ("an army of 10 million.", "10 million", 1e7, NumberKind::Cardinal),
            ("profit of $1.13bn for", "$1.13bn", 1.13e9, NumberKind::Money),
            ("a €812m deal", "€812m", 812e6, NumberKind::Money),
            ("rose 3.2% in", "3.2%", 3.2, NumberKind::Percent),
            ("won 52 percent of", "52 percent", 52.0, NumberKind::Percent),
            ("killed four people", "four", 4.0, NumberKind::Cardinal),
            ("about twenty-one boats", "twenty-one", 21.0, NumberKind::Cardinal),
            ("bought a dozen eggs", "a dozen", 12.0, NumberKind::Cardinal),
        ];
        for &(text, want, value, kind) in cases {
            let v = nums(text);
            assert_eq!(v.len(), 1, "{text}: {v:?}");
            assert_eq!(v[0].span.slice(text), want, "{text}");
            assert!((v[0].value - value).abs() < 1e-3, "{text}: {}", v[0].value);
            assert_eq!(v[0].kind, kind, "{text}");
        }
    }

    #[test]
    fn years_belong_to_dates_not_numbers() {
        assert!(nums("declared independence in 1991 through").is_empty());
        assert!(nums("on September 27, 2020.").is_empty());
    }

    #[test]
    fn finds_the_counted_noun_and_class() {
        let text = "this small republic of 150,000 has withstood its 130,000-strong Azerbaijani neighbor’s army of 10 million.";
        let v = nums(text);
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].noun_text.as_deref(), Some("republic"));
        assert_eq!(v[0].class.as_deref(), Some("population"));
        assert!(v[1].strong);
        assert_eq!(v[1].noun_text.as_deref(), Some("neighbor"));
        assert_eq!(v[2].noun_text.as_deref(), Some("army"));
        assert_eq!(v[2].class.as_deref(), Some("military"));
        let text = "a 90,000-strong force and 25 soldiers";
        let v = nums(text);
        assert_eq!(v[0].class.as_deref(), Some("military"));
        assert_eq!(v[1].noun_text.as_deref(), Some("soldiers"));
    }

    #[test]
    fn ignores_words_that_contain_numbers() {
        assert!(nums("someone lonely often").is_empty());
        assert!(nums("the Mk2 and B52s").is_empty());
    }
}
