//! Number extraction: figures in digits and words, with their multiplier,
//! unit or currency, and the noun they count.
//!
//! The grammar is local and anchored: the driver tries [`figure`] at each
//! word start outside a date and jumps past every match, so extraction is
//! linear in the length of the text. What a figure counts is read from the
//! few words around it and classified with the `<class>-nouns` lexicons.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::{char, space0};
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::{Lower, tag_no_case};
use crate::swar::{HIGH, Sixteen, in_range, non_letters};

use super::date::DateFact;
use crate::config::Lexicons;
use crate::source::Span;

/// What kind of figure a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberKind {
    /// A count or amount: `130,000`, `four`, `10 million`, `40-50`.
    Cardinal,
    /// `3.2%`, `52 percent`, `7 pct`.
    Percent,
    /// `$4.5 billion`, `€812m`, `1.5 billion dlrs`.
    Money,
    /// `third`, `21st`, `twenty-first`: a rank, not a quantity.
    Ordinal,
    /// `two-thirds`, `a quarter of`, `3/4`: a share of a whole.
    Fraction,
    /// `No. 10`, `Article 5`, `Boeing 747`: a name, not a quantity.
    Label,
    /// `3-1`, `2-2`: a match score.
    Score,
    /// `7:30 p.m.`, `10am`, `0830 GMT`: a clock time (value in hours).
    Time,
}

/// A figure found in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberFact {
    pub span: Span,
    pub value: f64,
    pub kind: NumberKind,
    /// Written in words (`four`) rather than digits.
    pub in_words: bool,
    /// The currency, normalized to its symbol (`$` for `dlrs`, `£` for
    /// `stg`), for money.
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
    /// The second figure of a range (`40-50`) or a score (`3-1`).
    pub second: Option<f64>,
    /// A unit of measure, normalized (`km`, `mi`, `kg`, `lb`, `m`, `ft`).
    pub unit: Option<String>,
    /// Hedged by `about`, `at least`, `more than`, `nearly`...: the figure
    /// is not meant exactly.
    pub approx: bool,
}

impl NumberFact {
    /// Whether the figure is an amount that can be compared or added:
    /// not a rank, a label, a score or a time.
    pub fn is_quantity(&self) -> bool {
        matches!(
            self.kind,
            NumberKind::Cardinal | NumberKind::Percent | NumberKind::Money | NumberKind::Fraction
        )
    }
}

impl NumberFact {
    /// How far the figure as written may be from the true value, in its
    /// value's units: `1.5bn` is exact to 0.05bn, a whole number such as
    /// `121` or `four` is exact, and a round figure (`120`, `3,000`) may be
    /// off by half its last non-zero place, at most 5%. Used to tell an
    /// arithmetic error from rounding.
    pub fn rounding(&self, text: &str) -> f64 {
        let written = self.span.slice(text);
        let digits: String = written
            .chars()
            .skip_while(|c| !c.is_ascii_digit() && *c != '.')
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
            .filter(|c| *c != ',')
            .collect();
        let Ok(base) = digits.parse::<f64>() else {
            // In words: `four` is exact, `two-thirds` to half a percent.
            return if self.kind == NumberKind::Fraction { 0.005 } else { 0.0 };
        };
        let mult = if base == 0.0 { 1.0 } else { (self.value / base).abs() };
        match digits.split_once('.') {
            Some((_, frac)) => 0.5 * 10f64.powi(-(frac.len() as i32)) * mult,
            None if mult > 1.0 => 0.5 * mult,
            None => {
                let zeros = digits.len() - digits.trim_end_matches('0').len();
                if zeros == 0 || digits.len() == zeros {
                    0.0
                } else {
                    (0.5 * 10f64.powi(zeros as i32)).min(0.05 * self.value.abs())
                }
            }
        }
    }

    /// The counted noun in the singular (`homes` -> `home`), for indexing.
    pub fn lemma(&self) -> Option<String> {
        let n = self.noun_text.as_deref()?;
        let s = if let Some(x) = n.strip_suffix("ies") {
            format!("{x}y")
        } else if n.ends_with("ss") || n.ends_with("us") {
            n.to_string()
        } else if let Some(x) = n
            .strip_suffix("es")
            .filter(|x| x.ends_with(['s', 'x', 'z']) || x.ends_with("ch") || x.ends_with("sh"))
        {
            x.to_string()
        } else {
            n.strip_suffix('s').unwrap_or(n).to_string()
        };
        Some(match s.as_str() {
            "people" => "person".to_string(),
            "men" => "man".to_string(),
            "women" => "woman".to_string(),
            "children" => "child".to_string(),
            _ => s,
        })
    }
}

fn fail(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, nom::error::ErrorKind::Verify))
}

/// Whether `s` is empty or white space only (`s.trim().is_empty()`), read
/// byte by byte while ASCII.
fn blank(s: &str) -> bool {
    match s.bytes().find(|b| !matches!(b, b' ' | b'\t'..=b'\r')) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// Whether `rest` does not continue a word.
#[inline]
fn word_ends(rest: &str) -> bool {
    match rest.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        _ => !rest.starts_with(|c: char| c.is_alphanumeric()),
    }
}

/// A numeral in digits: `130,000`, `130 000`, `1.5`, `.08`, `10`, with an
/// optional fraction `3/4`, `2 1/4`, `6-1/2` (Reuters).
fn digit_numeral(i: &str) -> IResult<&str, f64> {
    // One pass over the digits and separators, adding up the value; the
    // rare numerals of more than fifteen digits and the fractions (`3/4`,
    // `2 1/4`) are left to [`digit_numeral_in_full`].
    let b = i.as_bytes();
    let mut whole = 0u64;
    let mut count = 0;
    let mut k = 0;
    while let Some(&c) = b.get(k).filter(|c| c.is_ascii_digit()) {
        if count == 15 {
            return digit_numeral_in_full(i);
        }
        whole = whole * 10 + u64::from(c - b'0');
        count += 1;
        k += 1;
    }
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if (1..=3).contains(&k) {
        loop {
            let sep = match b.get(k..) {
                Some([b',' | b' ', ..]) => 1,
                Some([0xC2, 0xA0, ..]) => 2,
                Some([0xE2, 0x80, 0xAF, ..]) => 3,
                _ => break,
            };
            let g = k + sep;
            let Some(&[x, y, z]) = b.get(g..g + 3) else { break };
            if !(x.is_ascii_digit() && y.is_ascii_digit() && z.is_ascii_digit()) || digit_at(g + 3) {
                break;
            }
            if count + 3 > 15 {
                return digit_numeral_in_full(i);
            }
            whole = whole * 1000 + u64::from(x - b'0') * 100 + u64::from(y - b'0') * 10 + u64::from(z - b'0');
            count += 3;
            k = g + 3;
        }
    }
    if b.get(k) == Some(&b'.') && digit_at(k + 1) {
        let mut places = 0;
        k += 1;
        while let Some(&c) = b.get(k).filter(|c| c.is_ascii_digit()) {
            if count == 15 {
                return digit_numeral_in_full(i);
            }
            whole = whole * 10 + u64::from(c - b'0');
            count += 1;
            places += 1;
            k += 1;
        }
        return Ok((&i[k..], whole as f64 / POWERS_OF_TEN[places]));
    }
    if k == 0 {
        return Err(fail(i));
    }
    match b.get(k) {
        Some(b'/') => digit_numeral_in_full(i),
        Some(b' ' | b'-') if matches!(b.get(k + 1), Some(b'0'..=b'9' | b' ')) => digit_numeral_in_full(i),
        _ => Ok((&i[k..], whole as f64)),
    }
}

/// [`digit_numeral`] step by step, for every numeral.
fn digit_numeral_in_full(i: &str) -> IResult<&str, f64> {
    let b = i.as_bytes();
    let digits_at = |k: usize| {
        b.get(k..)
            .map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    // The whole part: digits, then thousands groups after `,`, a space, a
    // no-break or a narrow no-break space when the first group has at most
    // three digits.
    let d0 = digits_at(0);
    let mut int_end = d0;
    if (1..=3).contains(&d0) {
        loop {
            let t = &b[int_end..];
            let sep = if t.starts_with(b",") || t.starts_with(b" ") {
                1
            } else if t.starts_with("\u{a0}".as_bytes()) {
                2
            } else if t.starts_with("\u{202f}".as_bytes()) {
                3
            } else {
                break;
            };
            let g = int_end + sep;
            if digits_at(g) >= 3 && !b.get(g + 3).is_some_and(u8::is_ascii_digit) {
                int_end = g + 3;
            } else {
                break;
            }
        }
    }
    let frac_end = match b.get(int_end) {
        Some(b'.') if digits_at(int_end + 1) > 0 => Some(int_end + 1 + digits_at(int_end + 1)),
        _ => None,
    };
    if int_end == 0 && frac_end.is_none() {
        return Err(fail(i));
    }
    let end = frac_end.unwrap_or(int_end);
    let rest = &i[end..];
    let digits = b[..end].iter().filter(|c| c.is_ascii_digit());
    let mut value = if digits.clone().count() <= 15 {
        // The digits as one whole number, exact in a u64 and in an f64, as
        // is the power of ten of the places after the point: their quotient
        // is rounded once, as `parse` rounds the decimal.
        let whole = digits.fold(0u64, |v, c| v * 10 + u64::from(c - b'0'));
        let places = frac_end.map_or(0, |f| f - int_end - 1);
        whole as f64 / POWERS_OF_TEN[places]
    } else if int_end == d0 {
        i[..end].parse::<f64>().map_err(|_| fail(i))?
    } else {
        let cleaned: String = i[..end].chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        cleaned.parse::<f64>().map_err(|_| fail(i))?
    };
    if frac_end.is_none() {
        // `3/4` alone, or `2 1/4`, `6-1/2` after a whole number.
        if (d0 == 1 || d0 == 2)
            && b.get(d0) == Some(&b'/')
            && let Ok((r, (n, d))) = slash_fraction(i)
        {
            return Ok((r, n / d));
        }
        let rb = rest.as_bytes();
        let k = match rb.first() {
            Some(b' ') => rb.iter().take_while(|c| **c == b' ').count(),
            Some(b'-') => 1,
            _ => 0,
        };
        let dk = rb
            .get(k..)
            .map_or(0, |t| t.iter().take_while(|c| c.is_ascii_digit()).count());
        if k > 0
            && (dk == 1 || dk == 2)
            && rb.get(k + dk) == Some(&b'/')
            && let Ok((r, (_, (n, d)))) = (alt((take_while1(|c: char| c == ' '), tag("-"))), slash_fraction).parse(rest)
        {
            value += n / d;
            return Ok((r, value));
        }
    }
    Ok((rest, value))
}

/// `10^k` for `k` up to 15, each exact in an f64.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// `1/2`, `3/4`, `5/8`: a vulgar fraction with a small denominator. Dates
/// (`5/17/2018`) and `24/7` are not fractions.
fn slash_fraction(i: &str) -> IResult<&str, (f64, f64)> {
    let (rest, (n, _, d)) = (
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
        char('/'),
        take_while_m_n(1, 2, |c: char| c.is_ascii_digit()),
    )
        .parse(i)?;
    let (n, d): (f64, f64) = (n.parse().map_err(|_| fail(i))?, d.parse().map_err(|_| fail(i))?);
    let ok_den = [2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 16.0, 32.0, 64.0].contains(&d);
    if !ok_den || n >= d || n == 0.0 || rest.starts_with(|c: char| c.is_ascii_digit() || c == '/') {
        return Err(fail(i));
    }
    Ok((rest, (n, d)))
}

/// Multipliers after a numeral: spelled (` million`, may follow a space)
/// and abbreviated (`bn`, `m`, `k`; `mln`, `bln` in Reuters copy), in the
/// order [`multiplier`] tries them.
#[cfg(test)]
const MULTIPLIERS: &[(&str, f64, bool)] = &[
    ("trillion", 1e12, true),
    ("billion", 1e9, true),
    ("million", 1e6, true),
    ("thousand", 1e3, true),
    ("hundred", 1e2, true),
    ("dozens", 12.0, true),
    ("dozen", 12.0, true),
    ("mln", 1e6, true),
    ("bln", 1e9, true),
    ("bn", 1e9, true),
    ("tn", 1e12, false),
    ("m", 1e6, false),
    ("k", 1e3, false),
];

/// Spaces between a numeral and its suffix, with at most one line break
/// (wire copy wraps `10.9\npct`).
#[inline]
fn gap0(i: &str) -> IResult<&str, &str> {
    // Most suffixes: none, or one space before a word.
    match i.as_bytes() {
        [b' ' | b'\n' | 0xC2, ..] => {}
        _ => return Ok((i, &i[..0])),
    }
    if let [b' ', c, ..] = i.as_bytes()
        && !matches!(c, b' ' | b'\n' | 0xC2)
    {
        return Ok((&i[1..], &i[..1]));
    }
    // Spaces and no-break spaces (`C2 A0`), byte by byte.
    let spaces = |mut k: usize| {
        let b = i.as_bytes();
        loop {
            match b.get(k..k + 2) {
                Some([b' ', _]) => k += 1,
                Some([0xC2, 0xA0]) => k += 2,
                None if b.get(k) == Some(&b' ') => k += 1,
                _ => return k,
            }
        }
    };
    let mut k = spaces(0);
    if i.as_bytes().get(k) == Some(&b'\n') {
        k = spaces(k + 1);
    }
    Ok((&i[k..], &i[..k]))
}

/// ` million`, `bn`, `m` after a numeral: the `MULTIPLIERS` (spelled words
/// after [`gap0`], then abbreviations as written) in their order, branching
/// on the first letter.
#[inline(always)]
fn multiplier(i: &str) -> IResult<&str, f64> {
    // Most figures are followed by punctuation, or by a space and a word that
    // starts with none of the letters of the multipliers: no gap, one space
    // or a gap of another kind ([`gap0`]) before a word.
    let may_start = |c: u8| matches!(c | 0x20, b't' | b'b' | b'm' | b'h' | b'd' | b'k');
    match i.as_bytes() {
        [] => return Err(fail(i)),
        [b' ', c, ..] if !matches!(c, b' ' | b'\n' | 0xC2) && !may_start(*c) => return Err(fail(i)),
        // After one space only a spelled multiplier may follow (an
        // abbreviation is attached): its first two letters.
        [b' ', c, d, ..]
            if !matches!(c, b' ' | b'\n' | 0xC2)
                && !matches!(
                    [c | 0x20, d | 0x20],
                    [b't', b'r' | b'h']
                        | [b'b', b'i' | b'l' | b'n']
                        | [b'm', b'i' | b'l']
                        | [b'h', b'u']
                        | [b'd', b'o']
                ) =>
        {
            return Err(fail(i));
        }
        // And its third letter (`thousand`, not `the`).
        [b' ', c, d, e, ..]
            if !matches!(c, b' ' | b'\n' | 0xC2)
                && !matches!(
                    [c | 0x20, d | 0x20, e | 0x20],
                    [b't', b'r', b'i']
                        | [b't', b'h', b'o']
                        | [b'b', b'i', b'l']
                        | [b'b', b'l', b'n']
                        | [b'b', b'n', _]
                        | [b'm', b'i', b'l']
                        | [b'm', b'l', b'n']
                        | [b'h', b'u', b'n']
                        | [b'd', b'o', b'z']
                ) =>
        {
            return Err(fail(i));
        }
        [c, ..] if !matches!(c, b' ' | b'\n' | 0xC2) && !may_start(*c) => return Err(fail(i)),
        _ => {}
    }
    multiplier_after_check(i)
}

/// [`multiplier`] past its cheap tests, out of line.
#[inline(never)]
fn multiplier_after_check(i: &str) -> IResult<&str, f64> {
    let spaced_at = gap0(i).map_or(i, |p| p.0);
    let sb = spaced_at.as_bytes();
    let spaced = |w: &str| {
        sb.get(..w.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()))
            .then(|| &spaced_at[w.len()..])
            .filter(|r| word_ends(r))
    };
    // Each spelled multiplier is told by its first two letters (`5m`, `5bn`
    // try no word that cannot match).
    let two = [sb.first(), sb.get(1)].map(|c| c.map(u8::to_ascii_lowercase));
    let found = match two {
        [Some(b't'), Some(b'r')] => spaced("trillion").map(|r| (r, 1e12)),
        [Some(b't'), Some(b'h')] => spaced("thousand").map(|r| (r, 1e3)),
        [Some(b'b'), Some(b'i')] => spaced("billion").map(|r| (r, 1e9)),
        [Some(b'b'), Some(b'l')] => spaced("bln").map(|r| (r, 1e9)),
        [Some(b'b'), Some(b'n')] => spaced("bn").map(|r| (r, 1e9)),
        [Some(b'm'), Some(b'i')] => spaced("million").map(|r| (r, 1e6)),
        [Some(b'm'), Some(b'l')] => spaced("mln").map(|r| (r, 1e6)),
        [Some(b'h'), Some(b'u')] => spaced("hundred").map(|r| (r, 1e2)),
        [Some(b'd'), Some(b'o')] => spaced("dozens")
            .map(|r| (r, 12.0))
            .or_else(|| spaced("dozen").map(|r| (r, 12.0))),
        _ => None,
    };
    if let Some((rest, v)) = found {
        return Ok((rest, v));
    }
    // As written or in capitals: `m`, `M`, not `Tn`.
    let ib = i.as_bytes();
    let (len, v) = match ib.first() {
        Some(b't') if ib.get(1) == Some(&b'n') => (2, 1e12),
        Some(b'T') if ib.get(1) == Some(&b'N') => (2, 1e12),
        Some(b'm' | b'M') => (1, 1e6),
        Some(b'k' | b'K') => (1, 1e3),
        _ => return Err(fail(i)),
    };
    let rest = &i[len..];
    if word_ends(rest) { Ok((rest, v)) } else { Err(fail(i)) }
}

/// The number words below a hundred (shared with the date grammar's
/// `two days ago`).
pub(crate) const SMALL: &[(&str, u64)] = &[
    ("zero", 0),
    ("nought", 0),
    ("naught", 0),
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
];

const ORDINALS: &[(&str, u64)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("nineth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
    ("thousandth", 1000),
    ("millionth", 1_000_000),
    ("billionth", 1_000_000_000),
    ("trillionth", 1_000_000_000_000),
];

#[cfg(test)]
const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

#[cfg(test)]
fn lookup(table: &[(&str, u64)], w: &str) -> Option<u64> {
    table.iter().find(|(x, _)| x.eq_ignore_ascii_case(w)).map(|p| p.1)
}

/// [`lookup`] in [`SMALL`] of a lower-case word, as a `match`.
fn small_value<W: AsRef<[u8]> + ?Sized>(lw: &W) -> Option<u64> {
    Some(match lw.as_ref() {
        b"zero" | b"nought" | b"naught" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

/// [`lookup`] in [`ORDINALS`] of a lower-case word, as a `match`.
fn ordinal_value<W: AsRef<[u8]> + ?Sized>(lw: &W) -> Option<u64> {
    Some(match lw.as_ref() {
        b"first" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        b"sixth" => 6,
        b"seventh" => 7,
        b"eighth" => 8,
        b"ninth" | b"nineth" => 9,
        b"tenth" => 10,
        b"eleventh" => 11,
        b"twelfth" => 12,
        b"thirteenth" => 13,
        b"fourteenth" => 14,
        b"fifteenth" => 15,
        b"sixteenth" => 16,
        b"seventeenth" => 17,
        b"eighteenth" => 18,
        b"nineteenth" => 19,
        b"twentieth" => 20,
        b"thirtieth" => 30,
        b"fortieth" => 40,
        b"fiftieth" => 50,
        b"sixtieth" => 60,
        b"seventieth" => 70,
        b"eightieth" => 80,
        b"ninetieth" => 90,
        b"hundredth" => 100,
        b"thousandth" => 1000,
        b"millionth" => 1_000_000,
        b"billionth" => 1_000_000_000,
        b"trillionth" => 1_000_000_000_000,
        _ => return None,
    })
}

/// The value of a lower-case scale word (`thousand` ... `trillion`).
fn scale_value(lw: &str) -> Option<f64> {
    match lw {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The denominator a word names: `half`/`halves` 2, `quarter(s)` 4,
/// `third(s)` 3, `fifths` 5... and whether it is plural.
fn denominator(w: &str) -> Option<(f64, bool)> {
    let lw = lower(w);
    let lw = lw.as_str();
    match lw {
        "half" => return Some((2.0, false)),
        "halves" => return Some((2.0, true)),
        "quarter" => return Some((4.0, false)),
        "quarters" => return Some((4.0, true)),
        "first" | "firsts" | "second" | "seconds" => return None,
        _ => {}
    }
    let (stem, plural) = match lw.strip_suffix('s') {
        Some(s) => (s, true),
        None => (lw, false),
    };
    ordinal_value(stem).map(|v| (v as f64, plural))
}

/// One alphabetic word at the start of `i`: (word, rest).
#[inline(always)]
fn word(i: &str) -> Option<(&str, &str)> {
    let e = letters_end(i.as_bytes(), 0);
    (e > 0 && word_ends(&i[e..])).then(|| (&i[..e], &i[e..]))
}

/// The gap between two words of one number: spaces (at most one line
/// break), or a hyphen with optional spaces (`fifty-two`, `fifty - two`).
#[inline]
fn word_gap(i: &str) -> Option<(&str, bool)> {
    // Most gaps: one space before a word.
    match i.as_bytes() {
        [b' ', b' ' | b'\n' | b'-' | 0xC2, ..] => {}
        [b' ', _, ..] => return Some((&i[1..], false)),
        [b' ' | b'\n' | b'-' | 0xC2, ..] => {}
        _ => return None,
    }
    let t = i.trim_start_matches([' ', '\u{a0}']);
    let t = t.strip_prefix('\n').unwrap_or(t).trim_start_matches([' ', '\u{a0}']);
    if let Some(h) = t.strip_prefix('-') {
        return Some((h.trim_start_matches(' '), true));
    }
    (t.len() < i.len() && !t.starts_with('\n')).then_some((t, false))
}

/// What a number in words turned out to be.
#[derive(Clone, Copy, Debug, PartialEq)]
enum WordsKind {
    Cardinal,
    Ordinal,
    Fraction,
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    None,
    A,
    Small,
    Tens,
    Hundred,
    Scale,
}

/// A number in words: `four`, `twenty-one`, `a dozen`, `one hundred and
/// six`, `two thousand`, `five million`, `one and a half`, `two-thirds`,
/// `a quarter of`, `twenty-first`, `half a million`.
fn word_numeral(i: &str) -> IResult<&str, (f64, WordsKind)> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut last = Last::None;
    let mut last_scale = f64::INFINITY;
    let mut end: Option<(&str, f64, WordsKind)> = None;
    let mut pos = i;
    let mut first = true;
    // `half a million`, `half a dozen`, `half million`, `quarter million`.
    let first_word = word(i);
    if let Some((w, r)) = first_word
        && (w.eq_ignore_ascii_case("half") || w.eq_ignore_ascii_case("quarter"))
    {
        let part = if w.eq_ignore_ascii_case("half") { 2.0 } else { 4.0 };
        let r2 = word_gap(r)
            .and_then(|(g, _)| word(g))
            .filter(|(a, _)| a.eq_ignore_ascii_case("a"))
            .map_or(r, |(_, r3)| r3);
        if let Some((g, _)) = word_gap(r2)
            && let Some((s, r4)) = word(g)
        {
            let v = match Lower::new(s).as_str() {
                "dozen" => Some(12.0),
                "hundred" => Some(100.0),
                x => scale_value(x),
            };
            if let Some(v) = v {
                return Ok((r4, (v / part, WordsKind::Cardinal)));
            }
        }
        return Err(fail(i));
    }
    loop {
        let (at, hyphen) = if first {
            (pos, false)
        } else {
            match word_gap(pos) {
                Some(g) => g,
                None => break,
            }
        };
        // The first word was read above.
        let found = if first { first_word } else { word(at) };
        first = false;
        let Some((w, after)) = found else { break };
        if !may_be_number_word(w.as_bytes()) {
            break; // Every test below fails.
        }
        let lw = lower(w);
        let lw = lw.as_str();
        if let Some(vi) = small_value(lw) {
            let v = vi as f64;
            let ok = match last {
                Last::None | Last::Hundred | Last::Scale => true,
                Last::Tens => (1.0..10.0).contains(&v),
                Last::A | Last::Small => false,
            };
            if !ok {
                break;
            }
            if last == Last::Tens && !hyphen && !(current as u64).is_multiple_of(10) {
                break;
            }
            current += v;
            last = if vi >= 20 && vi % 10 == 0 {
                Last::Tens
            } else {
                Last::Small
            };
        } else if lw == "a" || lw == "an" {
            if last != Last::None {
                break;
            }
            last = Last::A;
            pos = after;
            continue;
        } else if lw == "hundred" {
            if !matches!(last, Last::Small | Last::Tens | Last::A) || current >= 100.0 {
                break;
            }
            current = current.max(1.0) * 100.0;
            last = Last::Hundred;
        } else if let Some(s) = scale_value(lw) {
            if !matches!(last, Last::Small | Last::Tens | Last::Hundred | Last::A) || s >= last_scale {
                break;
            }
            total += current.max(1.0) * s;
            current = 0.0;
            last_scale = s;
            last = Last::Scale;
        } else if lw == "dozen" || (lw == "dozens" && matches!(last, Last::Small | Last::Tens)) {
            if !matches!(last, Last::Small | Last::Tens | Last::A) {
                break;
            }
            current = current.max(1.0) * 12.0;
            last = Last::Scale;
            last_scale = 12.0;
        } else if lw == "and" {
            // `one hundred and six`, `one and a half`, `twenty and three fifths`.
            if matches!(last, Last::None | Last::A) {
                break;
            }
            if let Some((g, _)) = word_gap(after)
                && let Some((n, r2)) = word(g)
            {
                let ln = Lower::new(n);
                let ln = ln.as_str();
                if (ln == "a" || ln == "one")
                    && let Some((g2, _)) = word_gap(r2)
                    && let Some((d, r3)) = word(g2)
                    && let Some((den, false)) = denominator(d)
                {
                    // `and a half`, then maybe `million`.
                    let mut value = total + current + 1.0 / den;
                    let mut r = r3;
                    if let Some((g3, _)) = word_gap(r3)
                        && let Some((s, r4)) = word(g3)
                        && let Some(sv) = scale_value(Lower::new(s).as_str())
                        && total == 0.0
                    {
                        value *= sv;
                        r = r4;
                    }
                    return Ok((r, (value, WordsKind::Cardinal)));
                }
                if matches!(last, Last::Hundred | Last::Scale) && small_value(ln).is_some() {
                    pos = after;
                    continue;
                }
                if matches!(last, Last::Small | Last::Tens) && small_value(ln).is_some() {
                    // `twenty and three fifths`: a whole and a fraction.
                    if let Ok((r, (f, WordsKind::Fraction))) = word_numeral(g)
                        && f < 1.0
                    {
                        return Ok((r, (total + current + f, WordsKind::Cardinal)));
                    }
                }
            }
            break;
        } else if let Some(o) = ordinal_value(lw) {
            // `twenty-first`, `one hundred twenty fifth` (an ordinal), or
            // `one fifth`, `a third` (a fraction).
            let o = o as f64;
            if after.starts_with('-') && last != Last::None {
                break; // `two million first-time buyers`
            }
            match last {
                Last::A | Last::Small if current <= 1.0 && denominator(lw).is_some() && o >= 3.0 => {
                    // `a third of`, `one fifth`: a fraction unless a noun
                    // follows (`a third term`).
                    let next_is_noun = word_gap(after)
                        .and_then(|(g, _)| word(g))
                        .is_some_and(|(n, _)| !n.eq_ignore_ascii_case("of"));
                    if next_is_noun {
                        break;
                    }
                    return Ok((after, ((total + current.max(1.0)) / o, WordsKind::Fraction)));
                }
                Last::None => return Ok((after, (o, WordsKind::Ordinal))),
                Last::Tens if o < 10.0 => return Ok((after, (total + current + o, WordsKind::Ordinal))),
                Last::Hundred | Last::Scale => {
                    let v = if o >= 100.0 {
                        (total + current) * o
                    } else {
                        total + current + o
                    };
                    return Ok((after, (v, WordsKind::Ordinal)));
                }
                Last::Small | Last::Tens if o >= 100.0 => {
                    return Ok((after, ((total + current) * o, WordsKind::Ordinal)));
                }
                _ => break,
            }
        } else if let Some((den, plural)) = denominator(lw) {
            // `two thirds`, `three quarters`, `a half`, `one-quarter`.
            let num = total + current;
            let ok = match last {
                Last::A => !plural,
                Last::Small | Last::Tens => plural || (num == 1.0 && (hyphen || den == 2.0 || den == 4.0)),
                // `a hundred trillionths`.
                Last::Hundred | Last::Scale => plural && den >= 100.0,
                _ => false,
            };
            if !ok {
                break;
            }
            let num = if last == Last::A { 1.0 } else { num };
            return Ok((after, (num / den, WordsKind::Fraction)));
        } else {
            break;
        }
        pos = after;
        end = Some((after, total + current, WordsKind::Cardinal));
    }
    match end {
        Some((r, v, k)) => Ok((r, (v, k))),
        None => Err(fail(i)),
    }
}

/// A currency prefix: `$`, `US$`, `€`, `£`, `HK$`.
fn currency(i: &str) -> IResult<&str, &str> {
    // No currency starts with a digit or a small letter.
    if i.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
    {
        return Err(fail(i));
    }
    for t in ["US$", "HK$", "C$", "A$", "NZ$", "$", "€", "£", "¥"] {
        if let Some(rest) = i.strip_prefix(t) {
            return Ok((rest, &i[..t.len()]));
        }
    }
    Err(fail(i))
}

/// Currency words after a figure, with the symbol they normalize to:
/// `1.5 billion dlrs`, `50 mln stg`, `20 euros`.
#[cfg(test)]
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dlrs", "$"),
    ("dlr", "$"),
    ("dollars", "$"),
    ("stg", "£"),
    ("sterling", "£"),
    ("yen", "¥"),
    ("euros", "€"),
    ("cts", "¢"),
    ("cents", "¢"),
    ("francs", "franc"),
    ("guilders", "guilder"),
    ("lire", "lira"),
    ("yuan", "yuan"),
    ("rupees", "rupee"),
    ("pesos", "peso"),
];

/// Whether a [`CURRENCY_WORDS`] word may follow a figure that `rest`
/// follows: a cheap test of the first two bytes after one space (any other
/// gap is left to [`word_gap`]).
#[inline]
fn may_be_currency_word(rest: &str) -> bool {
    match rest.as_bytes() {
        // The first two letters of the words: `dl`, `do`, `st`, `ye`...
        [b' ', c, d, ..] if !matches!(c, b' ' | b'\n' | b'-' | 0xC2) => matches!(
            [c | 0x20, d | 0x20],
            [b'd', b'l' | b'o']
                | [b's', b't']
                | [b'y', b'e' | b'u']
                | [b'e', b'u']
                | [b'c', b't' | b'e']
                | [b'f', b'r']
                | [b'g', b'u']
                | [b'l', b'i']
                | [b'r', b'u']
                | [b'p', b'e']
        ),
        [b' ', c] if !matches!(c, b' ' | b'\n' | b'-' | 0xC2) => false,
        [b' ' | b'\n' | b'-' | 0xC2, ..] => true,
        _ => false,
    }
}

/// The symbol of a [`CURRENCY_WORDS`] word `w`, in any ASCII case: the
/// table as a `match` on the word lower-cased, after a check of its length
/// and first letter (most words after a figure are none of them).
fn currency_word(w: &str) -> Option<&'static str> {
    let b = w.as_bytes();
    if !(3..=8).contains(&b.len())
        || !matches!(
            b[0] | 0x20,
            b'c' | b'd' | b'e' | b'f' | b'g' | b'l' | b'p' | b'r' | b's' | b'y'
        )
    {
        return None;
    }
    let mut buf = [0u8; 8];
    let lw = &mut buf[..b.len()];
    lw.copy_from_slice(b);
    lw.make_ascii_lowercase();
    Some(match &*lw {
        b"dlrs" | b"dlr" | b"dollars" => "$",
        b"stg" | b"sterling" => "£",
        b"yen" => "¥",
        b"euros" => "€",
        b"cts" | b"cents" => "¢",
        b"francs" => "franc",
        b"guilders" => "guilder",
        b"lire" => "lira",
        b"yuan" => "yuan",
        b"rupees" => "rupee",
        b"pesos" => "peso",
        _ => return None,
    })
}

/// Units attached to the numeral (`25km`, `10kg`) or written after it,
/// normalized.
#[cfg(test)]
const UNITS: &[(&str, &str)] = &[
    ("km", "km"),
    ("kms", "km"),
    ("kilometres", "km"),
    ("kilometers", "km"),
    ("kilometre", "km"),
    ("kilometer", "km"),
    ("mi", "mi"),
    ("miles", "mi"),
    ("mile", "mi"),
    ("metres", "m"),
    ("meters", "m"),
    ("metre", "m"),
    ("meter", "m"),
    ("cm", "cm"),
    ("centimetres", "cm"),
    ("centimeters", "cm"),
    ("mm", "mm"),
    ("ft", "ft"),
    ("feet", "ft"),
    ("foot", "ft"),
    ("in", "in"),
    ("inches", "in"),
    ("inch", "in"),
    ("yards", "yd"),
    ("yds", "yd"),
    ("kg", "kg"),
    ("kgs", "kg"),
    ("kilograms", "kg"),
    ("kilos", "kg"),
    ("lb", "lb"),
    ("lbs", "lb"),
    ("tonnes", "t"),
    ("tonne", "t"),
    ("litres", "l"),
    ("liters", "l"),
    ("gallons", "gal"),
    ("hectares", "ha"),
    ("ha", "ha"),
    ("acres", "acre"),
    ("mph", "mph"),
    ("kph", "kph"),
    ("km/h", "kph"),
];

/// The [`UNITS`] entry of `w`, in any ASCII case.
#[cfg(test)]
fn unit_by_table(w: &str) -> Option<&'static str> {
    UNITS.iter().find(|(u, _)| u.eq_ignore_ascii_case(w)).map(|p| p.1)
}

/// The normalized unit `w` names, in any ASCII case: the `UNITS` as a
/// `match` on the lower-cased bytes.
fn unit_of(w: &str) -> Option<&'static str> {
    // Every unit is 2 to 11 bytes long, and its first two letters are one
    // of a few pairs: most nouns are refused before they are copied.
    let (first, second) = match w.as_bytes() {
        [a, b, ..] => (a | 0x20, b | 0x20),
        _ => return None,
    };
    if !(2..=11).contains(&w.len())
        || !matches!(
            [first, second],
            [b'k', b'm' | b'i' | b'g' | b'p']
                | [b'm', b'i' | b'e' | b'm' | b'p']
                | [b'c', b'm' | b'e']
                | [b'f', b't' | b'e' | b'o']
                | [b'i', b'n']
                | [b'y', b'a' | b'd']
                | [b'l', b'b' | b'i']
                | [b't', b'o']
                | [b'g', b'a']
                | [b'h', b'e' | b'a']
                | [b'a', b'c']
        )
    {
        return None;
    }
    let mut buf = [0u8; 12];
    let lw = buf.get_mut(..w.len())?;
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    Some(match &*lw {
        b"km" | b"kms" | b"kilometres" | b"kilometers" | b"kilometre" | b"kilometer" => "km",
        b"mi" | b"miles" | b"mile" => "mi",
        b"metres" | b"meters" | b"metre" | b"meter" => "m",
        b"cm" | b"centimetres" | b"centimeters" => "cm",
        b"mm" => "mm",
        b"ft" | b"feet" | b"foot" => "ft",
        b"in" | b"inches" | b"inch" => "in",
        b"yards" | b"yds" => "yd",
        b"kg" | b"kgs" | b"kilograms" | b"kilos" => "kg",
        b"lb" | b"lbs" => "lb",
        b"tonnes" | b"tonne" => "t",
        b"litres" | b"liters" => "l",
        b"gallons" => "gal",
        b"hectares" | b"ha" => "ha",
        b"acres" => "acre",
        b"mph" => "mph",
        b"kph" | b"km/h" => "kph",
        _ => return None,
    })
}

/// An attached unit: `25km`, `10kg`, `70mph`.
fn attached_unit(i: &str) -> IResult<&str, &'static str> {
    if !i.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
        return Err(fail(i));
    }
    let e = i
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '/'))
        .unwrap_or(i.len());
    let w = &i[..e];
    match unit_of(w) {
        Some(u) if e > 0 && w != "in" && word_ends(&i[e..]) => Ok((&i[e..], u)),
        _ => Err(fail(i)),
    }
}

/// A clock time: `7:30`, `7:30 p.m.`, `10am`, `7 pm`.
fn clock(i: &str) -> IResult<&str, f64> {
    // What must follow the hour: `:` and two digits, or (after spaces) `a`
    // or `p` and then `.` or `m` (`12 people` is not a time).
    let b = i.as_bytes();
    let d = b.iter().take(2).take_while(|c| c.is_ascii_digit()).count();
    let after = &b[d..];
    let minutes = after.len() >= 3 && after[0] == b':' && after[1].is_ascii_digit() && after[2].is_ascii_digit();
    let k = after.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
    let ampm =
        matches!(after.get(k), Some(b'a' | b'A' | b'p' | b'P')) && matches!(after.get(k + 1), Some(b'.' | b'm' | b'M'));
    if d == 0 || !(minutes || ampm) {
        return Err(fail(i));
    }
    let (r, h) = take_while_m_n(1, 2, |c: char| c.is_ascii_digit()).parse(i)?;
    let h: f64 = h.parse().map_err(|_| fail(i))?;
    let (r, m) = opt((char(':'), take_while_m_n(2, 2, |c: char| c.is_ascii_digit()))).parse(r)?;
    let (r, ampm) = opt((
        space0,
        alt((
            tag_no_case("a.m."),
            tag_no_case("p.m."),
            tag_no_case("a.m"),
            tag_no_case("p.m"),
            tag_no_case("am"),
            tag_no_case("pm"),
        )),
    ))
    .parse(r)?;
    if (m.is_none() && ampm.is_none()) || h > 24.0 || !word_ends(r) {
        return Err(fail(i));
    }
    let minutes: f64 = m.map_or(Ok(0.0), |(_, m)| m.parse::<f64>()).map_err(|_| fail(i))?;
    if minutes >= 60.0 {
        return Err(fail(i));
    }
    let pm = ampm.is_some_and(|(_, t)| t.to_ascii_lowercase().starts_with('p')) && h < 12.0;
    Ok((r, h + if pm { 12.0 } else { 0.0 } + minutes / 60.0))
}

/// A parsed figure before spans and nouns are attached.
#[derive(Clone, Debug, PartialEq)]
struct RawFigure {
    value: f64,
    kind: NumberKind,
    in_words: bool,
    currency: Option<String>,
    strong: bool,
    second: Option<f64>,
    unit: Option<&'static str>,
}

/// A percent sign or word: `%`, ` percent`, ` per cent`, ` pct`,
/// `-percent`.
#[inline(always)]
fn percent_sign(i: &str) -> IResult<&str, &str> {
    // `%`, else a percent word after a hyphen or a gap ([`gap0`]); every
    // percent word starts with `p`.
    let b = i.as_bytes();
    // Most figures are followed by punctuation, or by a space and a word
    // that does not start with `p`.
    match b {
        [] => return Err(fail(i)),
        [b' ', c, ..] if !matches!(c, b' ' | b'\n' | 0xC2 | b'p' | b'P') => return Err(fail(i)),
        // Every percent word starts with `pe` or `pc`.
        [b' ', b'p' | b'P', d, ..] if !matches!(d | 0x20, b'e' | b'c') => return Err(fail(i)),
        [c, ..] if !matches!(c, b'%' | b'-' | b' ' | b'\n' | 0xC2 | b'p' | b'P') => return Err(fail(i)),
        _ => {}
    }
    percent_sign_after_check(i)
}

/// [`percent_sign`] past its cheap tests, out of line.
#[inline(never)]
fn percent_sign_after_check(i: &str) -> IResult<&str, &str> {
    let b = i.as_bytes();
    let end = if b.first() == Some(&b'%') {
        1
    } else {
        let k = if b.first() == Some(&b'-') {
            1
        } else {
            i.len() - gap0(i).map_or(i, |p| p.0).len()
        };
        let w = &b[k..];
        if !w.first().is_some_and(|c| matches!(c, b'p' | b'P')) {
            return Err(fail(i));
        }
        let is = |t: &str| w.get(..t.len()).is_some_and(|p| p.eq_ignore_ascii_case(t.as_bytes()));
        let len = if is("percentage") {
            10
        } else if is("percents") {
            8
        } else if is("percent") {
            7
        } else if is("per cent") {
            8
        } else if w.starts_with(b"pct") {
            3
        } else {
            return Err(fail(i));
        };
        k + len
    };
    let (s, r) = i.split_at(end);
    // `percentage points` is a difference of shares, not a share.
    // (Only the next few bytes are compared: `r` runs to the end of the
    // document, and lower-casing it made this quadratic.)
    let next = r.trim_start().as_bytes();
    let point = next.len() >= 5 && next[..5].eq_ignore_ascii_case(b"point");
    if s.len() >= 10 && s.as_bytes()[s.len() - 10..].eq_ignore_ascii_case(b"percentage") && point {
        return Err(fail(i));
    }
    if word_ends(r) { Ok((r, s)) } else { Err(fail(i)) }
}

/// A numeral with its multiplier: `1.5bn`, `10 million`, `twenty-one`.
fn magnitude(i: &str) -> IResult<&str, (f64, bool, WordsKind)> {
    if let Ok((r, v)) = digit_numeral(i) {
        let (r, mult) = multiplier(r).map_or((r, None), |(r, m)| (r, Some(m)));
        return Ok((r, (v * mult.unwrap_or(1.0), false, WordsKind::Cardinal)));
    }
    let (r, (v, k)) = word_numeral(i)?;
    // `one mln`, `five bln` in wire copy.
    let (r, mult) = if k == WordsKind::Cardinal {
        multiplier(r).map_or((r, None), |(r, m)| (r, Some(m)))
    } else {
        (r, None)
    };
    Ok((r, (v * mult.unwrap_or(1.0), true, k)))
}

/// `v.fract() == 0.0` without a call to `trunc` (no SSE4.1 in the
/// baseline target): below 2^52 through an `i64`; above, every finite value
/// is whole.
#[inline]
fn whole(v: f64) -> bool {
    if v.abs() < 4_503_599_627_370_496.0 {
        (v as i64) as f64 == v
    } else {
        v.is_finite()
    }
}

/// A full figure: sign, currency, numeral, multiplier, then a percent sign,
/// a currency word, an ordinal suffix, a unit, a clock suffix, a second
/// figure (`40-50`, `3-1`) or `-strong`.
fn figure(i: &str) -> IResult<&str, RawFigure> {
    let b = i.as_bytes();
    let (i, neg) = if b.len() >= 6 && b[..5].eq_ignore_ascii_case(b"minus") && b[5] == b' ' {
        (&i[6..], true)
    } else if b.len() >= 9 && b[..8].eq_ignore_ascii_case(b"negative") && b[8] == b' ' {
        (&i[9..], true)
    } else if let Some(r) = i.strip_prefix(['-', '\u{2212}']) {
        (r, true)
    } else {
        (i, false)
    };
    if neg && !i.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.') {
        return Err(fail(i));
    }
    let sign = if neg { -1.0 } else { 1.0 };
    if let Ok((r, t)) = clock(i) {
        return Ok((
            r,
            RawFigure {
                value: t,
                kind: NumberKind::Time,
                in_words: false,
                currency: None,
                strong: false,
                second: None,
                unit: None,
            },
        ));
    }
    let (i, cur) = opt(currency).parse(i)?;
    let before_magnitude = i;
    let (i, (value, in_words, wk)) = magnitude(i)?;
    let written = &before_magnitude[..before_magnitude.len() - i.len()];
    let mut value = value * sign;
    let mut kind = match wk {
        WordsKind::Ordinal => NumberKind::Ordinal,
        WordsKind::Fraction => NumberKind::Fraction,
        WordsKind::Cardinal if cur.is_some() => NumberKind::Money,
        WordsKind::Cardinal => NumberKind::Cardinal,
    };
    let mut currency = cur.map(|c| if c == "US$" { "$" } else { c }.to_string());
    let mut rest = i;
    let mut unit = None;
    let mut second = None;
    if !in_words
        && kind == NumberKind::Cardinal
        && matches!(rest.as_bytes().get(..2), Some(b"st" | b"nd" | b"rd" | b"th"))
        && let Some(r) = rest.get(2..)
        && word_ends(r)
        && whole(value)
    {
        return Ok((
            r,
            RawFigure {
                value,
                kind: NumberKind::Ordinal,
                in_words,
                currency: None,
                strong: false,
                second: None,
                unit: None,
            },
        ));
    }
    if let Ok((r, _)) = percent_sign(rest)
        && matches!(kind, NumberKind::Cardinal | NumberKind::Money)
    {
        kind = NumberKind::Percent;
        rest = r;
    } else if currency.is_none()
        && kind == NumberKind::Cardinal
        && may_be_currency_word(rest)
        && let Some((g, _)) = word_gap(rest).filter(|(_, h)| !h)
        && let Some((w, r)) = word(g)
        && let Some(sym) = currency_word(w)
    {
        kind = NumberKind::Money;
        currency = Some(sym.to_string());
        rest = r;
    } else if !in_words && let Ok((r, u)) = attached_unit(rest) {
        unit = Some(u);
        rest = r;
    }
    // A second figure: `40-50`, `10-15%`, `3-1`.
    if !in_words
        && rest.starts_with(['-', '–'])
        && let Ok((r, (_, (v2, false, WordsKind::Cardinal)))) = (alt((char('-'), char('–'))), magnitude).parse(rest)
    {
        let (r, pct) = opt(percent_sign).parse(r)?;
        if pct.is_some() || kind != NumberKind::Percent {
            if pct.is_some() {
                kind = NumberKind::Percent;
            }
            second = Some(v2);
            rest = r;
            let small = |v: f64| whole(v) && (0.0..100.0).contains(&v);
            if kind == NumberKind::Cardinal && cur.is_none() && small(value) && small(v2) && value >= v2 {
                kind = NumberKind::Score;
            }
        }
    }
    let (rest, strong) = opt(tag_no_case("-strong")).parse(rest)?;
    if !word_ends(rest) {
        return Err(fail(rest));
    }
    if kind == NumberKind::Fraction && value > 1.0 {
        kind = NumberKind::Cardinal;
    }
    if kind == NumberKind::Cardinal && !in_words && value.abs() < 1.0 && !whole(value) {
        // `3/4` alone: a share. (`.5` is a decimal, whatever follows it.)
        if written.contains('/') {
            kind = NumberKind::Fraction;
        }
    }
    value = if value == 0.0 { 0.0 } else { value };
    Ok((
        rest,
        RawFigure {
            value,
            kind,
            in_words,
            currency,
            strong: strong.is_some(),
            second,
            unit,
        },
    ))
}

/// Parses `s` (trimmed) as exactly one figure and returns its value and
/// kind: `130,000` -> 130000, `1.5bn` -> 1.5e9, `twenty-one` -> 21,
/// `two-thirds` -> 0.667, `52 percent` -> 52 (Percent), `21st` -> 21
/// (Ordinal). `None` when `s` is not one figure in full.
pub fn parse(s: &str) -> Option<(f64, NumberKind)> {
    let s = s.trim();
    let (rest, raw) = figure(s).ok()?;
    rest.trim().is_empty().then_some((raw.value, raw.kind))
}

/// The value of `s` read as one figure; see [`parse`].
pub fn parse_value(s: &str) -> Option<f64> {
    parse(s).map(|p| p.0)
}

/// The classes asked first, with their lists.
const FIRST_CLASSES: [(&str, &str); 3] = [
    ("military", "military-nouns"),
    ("casualty", "casualty-nouns"),
    ("population", "population-nouns"),
];

/// The class of a noun from the `<class>-nouns` lexicons, as an index: into
/// [`FIRST_CLASSES`], else past them into [`Lexicons::noun_lists`]; see
/// [`class_name`].
fn class_index(lex: &Lexicons, noun: &str) -> Option<usize> {
    // Every list asked with one lookup per form of the noun.
    let hits = lex.noun_hits(noun);
    let first = first_class_lists(lex);
    first.iter().position(|&list| hits.has(list)).or_else(|| {
        // The lists asked first are not asked again, and `country` is not
        // a class of counted things. Every noun list ends in `-nouns`.
        let country = lex.known().country_nouns;
        lex.noun_list_ids()
            .iter()
            .enumerate()
            .filter(|&(_, list)| !first.contains(list) && *list != country)
            .find(|&(_, &list)| hits.has(list))
            .map(|(k, _)| FIRST_CLASSES.len() + k)
    })
}

/// The lists of [`FIRST_CLASSES`], in their order, found once per change
/// of the lexicons.
fn first_class_lists(lex: &Lexicons) -> [crate::config::List; 3] {
    let known = lex.known();
    [known.military_nouns, known.casualty_nouns, known.population_nouns]
}

/// The class a [`class_index`] stands for.
fn class_name(lex: &Lexicons, k: usize) -> &str {
    match FIRST_CLASSES.get(k) {
        Some((c, _)) => c,
        None => lex.noun_lists()[k - FIRST_CLASSES.len()]
            .strip_suffix("-nouns")
            .unwrap_or_default(),
    }
}

/// The class of a noun from the `<class>-nouns` lexicons.
fn class_of<'l>(lex: &'l Lexicons, noun: &str) -> Option<&'l str> {
    class_index(lex, noun).map(|k| class_name(lex, k))
}

/// The size of [`ClassTable`].
const CLASS_SLOTS: usize = 16384;

/// The classes of short ASCII nouns, direct-mapped, kept per thread between
/// articles: a slot counts only when its generation is the current one, and
/// a new generation starts when an article comes with other lexicons.
struct ClassTable {
    /// The noun's bytes, little-endian.
    keys: [u128; CLASS_SLOTS],
    /// 0 for no class, else the [`class_index`] plus one.
    codes: [u8; CLASS_SLOTS],
    gens: [u32; CLASS_SLOTS],
    generation: u32,
    /// The [`Lexicons::version`] of this generation's answers.
    lexicons: u64,
}

/// The bytes of `n` (at most 16) as a little-endian number, zero past its
/// end: from two loads that overlap when it is four bytes or longer (a
/// copy into a buffer read back whole stalls, and a loop over the bytes
/// ends at a different count each time).
#[inline]
fn noun_key(n: &[u8]) -> u128 {
    let len = n.len();
    if (8..=16).contains(&len) {
        let lo = u64::from_le_bytes(n[..8].try_into().expect("eight bytes"));
        let hi = u64::from_le_bytes(n[len - 8..].try_into().expect("eight bytes"));
        u128::from(lo) | (u128::from(hi) >> (8 * (16 - len))) << 64
    } else if (4..8).contains(&len) {
        let lo = u32::from_le_bytes(n[..4].try_into().expect("four bytes"));
        let hi = u32::from_le_bytes(n[len - 4..].try_into().expect("four bytes"));
        u128::from(lo) | u128::from(u64::from(hi) >> (8 * (8 - len))) << 32
    } else {
        n.iter().rev().fold(0u128, |k, c| k << 8 | u128::from(*c))
    }
}

thread_local! {
    static CLASS_TABLES: std::cell::Cell<Option<Box<ClassTable>>> = const { std::cell::Cell::new(None) };
}

/// [`class_of`] remembered across the articles a thread reads with one
/// lexicon: the counted nouns repeat, and each lookup asks several lists.
struct Classes<'l> {
    lex: &'l Lexicons,
    /// `None` when the class indexes do not fit a code.
    table: Option<Box<ClassTable>>,
}

impl<'l> Classes<'l> {
    /// Nouns longer than this are not remembered.
    const KEY: usize = 16;

    fn new(lex: &'l Lexicons) -> Classes<'l> {
        if lex.noun_lists().len() + FIRST_CLASSES.len() >= usize::from(u8::MAX) {
            return Classes { lex, table: None };
        }
        let mut table = CLASS_TABLES.take().unwrap_or_else(|| {
            Box::new(ClassTable {
                keys: [0; CLASS_SLOTS],
                codes: [0; CLASS_SLOTS],
                gens: [0; CLASS_SLOTS],
                generation: 0,
                lexicons: 0,
            })
        });
        if table.generation == 0 || table.lexicons != lex.version() {
            table.lexicons = lex.version();
            table.generation = table.generation.wrapping_add(1);
            if table.generation == 0 {
                // Every generation used: start afresh.
                table.gens = [0; CLASS_SLOTS];
                table.generation = 1;
            }
        }
        Classes {
            lex,
            table: Some(table),
        }
    }

    /// The class of `noun` (lower-case).
    fn of(&mut self, noun: &str) -> Option<&'l str> {
        let n = noun.as_bytes();
        let key = (n.len() <= Self::KEY && noun.is_ascii()).then(|| noun_key(n));
        self.of_keyed(noun, key)
    }

    /// [`Classes::of`] with the noun's [`noun_key`] when it is ASCII and
    /// at most [`Classes::KEY`] bytes long (`None` otherwise).
    fn of_keyed(&mut self, noun: &str, key: Option<u128>) -> Option<&'l str> {
        let (Some(t), Some(key)) = (self.table.as_deref_mut(), key) else {
            return class_of(self.lex, noun);
        };
        let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        let slot = (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - CLASS_SLOTS.trailing_zeros())) as usize;
        // A noun has no NUL byte, so its key tells its length.
        if t.keys[slot] == key && t.gens[slot] == t.generation {
            return t.codes[slot]
                .checked_sub(1)
                .map(|k| class_name(self.lex, usize::from(k)));
        }
        let k = class_index(self.lex, noun);
        t.keys[slot] = key;
        t.gens[slot] = t.generation;
        t.codes[slot] = k.map_or(0, |k| k as u8 + 1);
        k.map(|k| class_name(self.lex, k))
    }
}

impl Drop for Classes<'_> {
    fn drop(&mut self) {
        if let Some(t) = self.table.take() {
            CLASS_TABLES.set(Some(t));
        }
    }
}

/// The next word after `at` in `text`, skipping spaces: (span, word).
#[inline(always)]
fn next_word(text: &str, at: usize) -> Option<(Span, &str)> {
    let b = text.as_bytes();
    // Most words: one space, then ASCII letters (and hyphens) up to an ASCII
    // byte.
    if b.get(at) == Some(&b' ') && b.get(at + 1).is_some_and(u8::is_ascii_alphabetic) {
        let s = at + 1;
        let mut e = letters_end(b, s);
        while b.get(e) == Some(&b'-') {
            e = letters_end(b, e + 1);
        }
        if b.get(e).is_none_or(u8::is_ascii) {
            return Some((Span::new(s, e), &text[s..e]));
        }
    }
    next_word_after_check(text, at)
}

/// [`next_word`] past its fast path, out of line.
#[inline(never)]
fn next_word_after_check(text: &str, at: usize) -> Option<(Span, &str)> {
    let b = text.as_bytes();
    // No word after punctuation (`12,` `40%`).
    if b.get(at)
        .is_some_and(|c| c.is_ascii() && !c.is_ascii_alphabetic() && !matches!(c, b' ' | b'\n' | b'-'))
    {
        return None;
    }
    // Spaces, no-break spaces (`C2 A0`) and at most one line break.
    let mut s = at;
    let mut breaks = 0;
    loop {
        match b.get(s) {
            Some(b' ') => s += 1,
            Some(b'\n') => {
                breaks += 1;
                s += 1;
            }
            Some(0xC2) if b.get(s + 1) == Some(&0xA0) => s += 2,
            _ => break,
        }
    }
    if breaks > 1 {
        return None;
    }
    // ASCII letters and hyphens first; past them a character is read whole.
    let tail = &text[s..];
    let mut e = letters_end(b, s);
    while b.get(e) == Some(&b'-') {
        e = letters_end(b, e + 1);
    }
    let ascii = e - s;
    let len = if tail.as_bytes().get(ascii).is_some_and(|b| !b.is_ascii()) {
        ascii
            + tail[ascii..]
                .find(|c: char| !(c.is_alphabetic() || c == '-'))
                .unwrap_or(tail.len() - ascii)
    } else {
        ascii
    };
    (len > 0).then(|| (Span::new(s, s + len), &text[s..s + len]))
}

/// The word before `at` (ending at the last non-space before it).
#[inline(always)]
fn prev_word(text: &str, at: usize) -> Option<(Span, &str)> {
    // Back over spaces, no-break spaces (`C2 A0`: `C2` only leads) and line
    // breaks, then over ASCII letters; past them a character is read whole.
    let b = text.as_bytes();
    // Most words: ASCII letters after an ASCII byte, then one space.
    if at >= 2 && b[at - 1] == b' ' && b[at - 2].is_ascii_alphabetic() {
        let e = at - 1;
        let p = letters_start(b, e);
        if p == 0 || b[p - 1].is_ascii() {
            return Some((Span::new(p, e), &text[p..e]));
        }
    }
    prev_word_after_check(text, at)
}

/// [`prev_word`] past its fast path, out of line.
#[inline(never)]
fn prev_word_after_check(text: &str, at: usize) -> Option<(Span, &str)> {
    let b = text.as_bytes();
    let mut e = at;
    loop {
        match b[..e] {
            [.., b' ' | b'\n'] => e -= 1,
            [.., 0xC2, 0xA0] => e -= 2,
            _ => break,
        }
    }
    let p = letters_start(b, e);
    let s = if p > 0 && !b[p - 1].is_ascii() {
        let before = &text[..p];
        before
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |q| q + before[q..].chars().next().map_or(1, char::len_utf8))
    } else {
        p
    };
    (e > s).then(|| (Span::new(s, e), &text[s..e]))
}

/// [`Lower::new`] of `w`, which is `w` itself for most words: a short ASCII
/// word without capitals is told in a few instructions, eight bytes at a
/// time.
#[inline]
fn lower(w: &str) -> Lower<'_> {
    lower_keyed(w).0
}

/// [`lower`], with the word's [`noun_key`] when the word is its own lower
/// case, ASCII and at most sixteen bytes long: for [`Classes::of_keyed`].
#[inline]
fn lower_keyed(w: &str) -> (Lower<'_>, Option<u128>) {
    let b = w.as_bytes();
    if b.len() <= 16 {
        let key = noun_key(b);
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let capitals = in_range(lo, b'A', b'Z') | in_range(hi, b'A', b'Z');
        if (lo | hi) & HIGH == 0 && capitals == 0 {
            return (Lower::Same(w), Some(key));
        }
    }
    (Lower::new(w), None)
}

/// Words skipped between a figure and its noun: participles and a few
/// adjectives (`the 210 destroyed homes`, `120 more troops`).
/// `lw` is lower-case.
fn is_modifier(lw: &str) -> bool {
    (lw.len() > 4 && lw.ends_with("ed") && !lw.ends_with("eed"))
        || matches!(
            lw,
            "more"
                | "other"
                | "additional"
                | "extra"
                | "new"
                | "armed"
                | "foreign"
                | "civilian"
                | "young"
                | "small"
                | "large"
                | "big"
                | "separate"
                | "different"
                | "full-time"
                | "part-time"
        )
}

/// Words that cannot be the noun a figure counts: `40 in`, `12 of`.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "in" | "of"
            | "to"
            | "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "for"
            | "on"
            | "at"
            | "by"
            | "from"
            | "with"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "as"
            | "than"
            | "per"
            | "that"
            | "this"
            | "who"
            | "which"
            | "into"
            | "after"
            | "before"
            | "since"
            | "but"
            | "it"
            | "its"
            | "their"
            | "his"
            | "her"
            | "be"
            | "been"
            | "last"
            | "next"
            | "each"
            | "percent"
            | "pct"
            | "up"
            | "down"
            | "more"
            | "less"
            | "over"
            | "under"
            | "until"
            | "while"
    )
}

/// Nouns for people in general; what they count depends on the verb
/// (`four people died`).
fn is_person_noun(w: &str) -> bool {
    matches!(
        w,
        "people" | "persons" | "person" | "civilians" | "men" | "women" | "children" | "others" | "passengers"
    )
}

/// Finds the counted noun: a following noun in a class lexicon within three
/// words (skipping adjectives such as `Azerbaijani`), else `<noun> of N`
/// before the figure, else the plain next word when it is lower-case.
///
/// `prev` is the word before the figure ([`prev_word`] at its start).
fn counted_noun<'l>(
    text: &str,
    span: Span,
    prev: Option<(Span, &str)>,
    strong: bool,
    classes: &mut Classes<'l>,
) -> Option<(Span, String, Option<&'l str>)> {
    let mut at = span.end;
    let mut first_lower: Option<(Span, String)> = None;
    for _ in 0..3 {
        let Some((ws, w)) = next_word(text, at) else { break };
        let (lw, key) = lower_keyed(w);
        let lw = lw.as_str();
        let found = match key {
            Some(_) => classes.of_keyed(lw, key),
            None => classes.of(lw),
        };
        if let Some(c) = found {
            return Some((ws, lw.to_string(), Some(c)));
        }
        let lower = w.starts_with(|c: char| c.is_lowercase());
        let modifier = lower && is_modifier(lw);
        if first_lower.is_none() && lower && !modifier {
            if !is_function_word(lw) {
                // Few words start with a hyphen: the others are not trimmed.
                let lw = if lw.starts_with('-') {
                    lw.trim_start_matches('-')
                } else {
                    lw
                };
                first_lower = Some((ws, lw.to_string()));
            }
            break;
        }
        // Only adjectives (capitalized nationality words) may be skipped
        // after a `-strong` figure; participles may be skipped anywhere.
        let skippable = modifier || (strong && w.starts_with(|c: char| c.is_uppercase()));
        if !skippable {
            break;
        }
        // A possessive ends the noun phrase: `neighbor’s army`.
        let after = &text[ws.end..];
        if after.starts_with(['\'', '’']) {
            break;
        }
        at = ws.end;
    }
    if let Some((of, _)) = prev.filter(|(_, w)| w.eq_ignore_ascii_case("of"))
        && blank(&text[of.end..span.start])
        && let Some((ns, n)) = prev_word(text, of.start)
    {
        let ln = Lower::new(n);
        if let Some(c) = classes.of(ln.as_str()) {
            return Some((ns, ln.as_str().to_string(), Some(c)));
        }
    }
    first_lower.map(|(s, w)| (s, w, None))
}

/// The words [`hedged`] reads just before a figure.
const HEDGE_WORDS: [&str; 27] = [
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "estimated",
    "over",
    "under",
    "above",
    "below",
    "approx",
    "circa",
    "upwards",
    "nigh",
    "maybe",
    "perhaps",
    "possibly",
    "least",
    "most",
    "than",
    "to",
    "many",
    "much",
    "few",
    "little",
];

/// For each first letter (its low five bits), the lengths (bits, at most
/// 15) of the [`HEDGE_WORDS`].
const HEDGE_SHAPES: [u16; 32] = {
    let mut t = [0u16; 32];
    let mut k = 0;
    while k < HEDGE_WORDS.len() {
        let w = HEDGE_WORDS[k].as_bytes();
        assert!(w.len() < 15);
        t[(w[0] & 31) as usize] |= 1 << w.len();
        k += 1;
    }
    t
};

/// Whether the words before `at` hedge the figure: `about`, `at least`,
/// `more than`, `nearly`, `an estimated`.
///
/// `prev` is the word before `at` ([`prev_word`]).
fn hedged(text: &str, at: usize, prev: Option<(Span, &str)>) -> bool {
    let Some((s1, w1)) = prev else {
        return false;
    };
    // Most words before a figure are none of the words below: their first
    // letter and length tell (a word that is not ASCII lower-cases to none
    // of them).
    let first = usize::from(w1.as_bytes().first().map_or(0, |c| c & 31));
    if HEDGE_SHAPES[first] >> w1.len().min(15) & 1 == 0 || !blank(&text[s1.end..at]) {
        return false;
    }
    let w1 = lower(w1);
    let w1 = w1.as_str();
    if matches!(
        w1,
        "about"
            | "around"
            | "some"
            | "nearly"
            | "almost"
            | "roughly"
            | "approximately"
            | "estimated"
            | "over"
            | "under"
            | "above"
            | "below"
            | "approx"
            | "circa"
            | "upwards"
            | "nigh"
            | "maybe"
            | "perhaps"
            | "possibly"
    ) {
        return true;
    }
    if !matches!(
        w1,
        "least" | "most" | "than" | "to" | "many" | "much" | "few" | "little"
    ) {
        return false;
    }
    let w2 = prev_word(text, s1.start).map(|(_, w)| Lower::new(w));
    matches!(
        (w2.as_ref().map_or("", Lower::as_str), w1),
        ("at", "least" | "most")
            | ("more" | "less" | "fewer" | "greater" | "higher" | "lower", "than")
            | ("up", "to")
            | ("close", "to")
            | ("as", "many" | "much" | "few" | "little")
    )
}

/// Whether the figure is a name or a reference rather than a quantity:
/// `No. 10`, `number 10`, `Article 5`, `Flight 370`.
///
/// `prev` is the word before the figure ([`prev_word`] at its start).
fn is_label(text: &str, span: Span, prev: Option<(Span, &str)>) -> bool {
    // Most figures follow a lower-case word and one space: not a name, and
    // no `No.` or `number` unless the word ends with `.`, `o` or `r`.
    let b = text.as_bytes();
    if let Some((ws, w)) = prev
        && span.start >= 2
        && ws.end == span.start - 1
        && b[span.start - 1] == b' '
        && w.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && !matches!(b[span.start - 2], b'.' | b'o' | b'r')
    {
        return false;
    }
    let before = &text[..span.start];
    let t = before.trim_end_matches([' ', '\u{a0}', '\n']);
    if t.len() == before.len() && !before.is_empty() {
        return false;
    }
    // Each of these ends with `.`, `o` or `r`.
    if t.ends_with(['.', 'o', 'r'])
        && ["No.", "no.", "Nos.", "nos.", "No", "Number", "number"]
            .iter()
            .any(|p| t.ends_with(p) && !t[..t.len() - p.len()].ends_with(|c: char| c.is_alphanumeric()))
    {
        return t.ends_with('.') || t.ends_with("umber");
    }
    let Some((ws, w)) = prev else {
        return false;
    };
    if ws.end != t.len() || !w.starts_with(|c: char| c.is_uppercase()) || w.len() < 2 {
        return false;
    }
    // A capitalized word that starts a sentence is not a name: `Some 40`.
    let pre = text[..ws.start].trim_end_matches([' ', '\u{a0}']);
    let sentence_start = pre.is_empty() || pre.ends_with(['.', '!', '?', '\n', '"', '“', ':', '(', '-', '—']);
    let weekday_or_month = super::date::is_month_or_weekday_name(w);
    !sentence_start && !weekday_or_month && !w.chars().all(|c| c.is_uppercase())
}

/// Whether a figure may start at the letters `w` (followed by `next`):
/// [`figure`] takes a word there only as a sign (`minus`), a currency
/// (`US$`) or the first word of a number in words. A cheap check on the word
/// that skips the grammar at most words of prose: a table of the first two
/// letters and the length of the words, then the words themselves.
fn may_start_figure(w: &[u8], next: Option<&u8>) -> bool {
    let len = w.len().min(31);
    next == Some(&b'$')
        || (FIGURE_START_SHAPES[shape_index(w)] >> len & 1 == 1
            && FIGURE_START_SHAPES_1_3[shape_index_1_3(w)] >> len & 1 == 1
            && is_figure_start(w))
}

/// Whether the letters `w` are one of the words a figure may start with, in
/// any case: [`FIGURE_STARTS`] as `match`es on the word lower-cased.
fn is_figure_start(w: &[u8]) -> bool {
    let mut buf = [0u8; 16];
    let Some(lw) = buf.get_mut(..w.len()) else {
        return false;
    };
    lw.copy_from_slice(w);
    lw.make_ascii_lowercase();
    let lw = &*lw;
    small_value(lw).is_some() || ordinal_value(lw).is_some() || OTHER_STARTS.iter().any(|s| s.as_bytes() == lw)
}

/// The words a figure may start with, besides [`SMALL`] and [`ORDINALS`].
const OTHER_STARTS: [&str; 6] = ["minus", "negative", "half", "quarter", "a", "an"];

/// The words a figure may start with.
#[cfg(test)]
static FIGURE_STARTS: std::sync::LazyLock<super::WordSet> = std::sync::LazyLock::new(|| {
    super::WordSet::new(
        OTHER_STARTS
            .into_iter()
            .chain(SMALL.iter().chain(ORDINALS).map(|p| p.0)),
    )
});

/// The index of a word's first two letters (any case) in
/// [`FIGURE_START_SHAPES`]; `w` is one or more ASCII letters.
const fn shape_index(w: &[u8]) -> usize {
    // A letter's low five bits are 1 to 26 in either case.
    let first = (w[0] & 31) as usize;
    let second = if w.len() > 1 { (w[1] & 31) as usize } else { 0 };
    first * 32 + second
}

/// The index of a word's first and third letters (any case) in
/// [`FIGURE_START_SHAPES_1_3`]; `w` is one or more ASCII letters.
const fn shape_index_1_3(w: &[u8]) -> usize {
    let third = if w.len() > 2 { (w[2] & 31) as usize } else { 0 };
    (w[0] & 31) as usize * 32 + third
}

/// For each first and third letters, the lengths (bits, 31 for longer) of
/// the words a figure may start with: `there` is not `three`. A word of one
/// or two letters is found at any third byte.
const FIGURE_START_SHAPES_1_3: [u32; 32 * 32] = figure_start_shapes(true);

/// For each first two letters, the lengths (bits, 31 for longer) of the
/// words a figure may start with. A word of one letter is found at any
/// second byte.
const FIGURE_START_SHAPES: [u32; 32 * 32] = figure_start_shapes(false);

/// [`FIGURE_START_SHAPES`] indexed by a word's first two bytes read as one
/// little-endian `u16` and masked with `0x1f1f` (one load and one `and` in
/// the driver's loop over every word): the lengths fit sixteen bits, as no
/// word a figure starts with is longer than fifteen letters.
const FIGURE_START_PAIRS: [u16; 0x1f20] = {
    let mut t = [0u16; 0x1f20];
    let mut first = 0;
    while first < 32 {
        let mut second = 0;
        while second < 32 {
            let lengths = FIGURE_START_SHAPES[first * 32 + second];
            assert!(
                lengths >> 16 == 0,
                "a figure's first word is longer than fifteen letters"
            );
            t[first | second << 8] = lengths as u16;
            second += 1;
        }
        first += 1;
    }
    t
};

/// The shape table of the words a figure may start with, indexed by
/// [`shape_index_1_3`] or by [`shape_index`].
const fn figure_start_shapes(first_and_third: bool) -> [u32; 32 * 32] {
    const fn add(t: &mut [u32; 32 * 32], w: &str, first_and_third: bool) {
        let len = if w.len() < 31 { w.len() } else { 31 };
        let i = if first_and_third {
            shape_index_1_3(w.as_bytes())
        } else {
            shape_index(w.as_bytes())
        };
        t[i] |= 1 << len;
    }
    let mut t = [0u32; 32 * 32];
    let mut k = 0;
    while k < OTHER_STARTS.len() {
        add(&mut t, OTHER_STARTS[k], first_and_third);
        k += 1;
    }
    k = 0;
    while k < SMALL.len() {
        add(&mut t, SMALL[k].0, first_and_third);
        k += 1;
    }
    k = 0;
    while k < ORDINALS.len() {
        add(&mut t, ORDINALS[k].0, first_and_third);
        k += 1;
    }
    // The words shorter than the letters the index reads (`a`, `an`) are
    // found whatever byte follows them, for the driver, which reads the
    // bytes after a word's end as if they were letters.
    let short = if first_and_third { 0b110 } else { 0b10 };
    let mut f = 0;
    while f < 32 {
        let bits = t[f * 32] & short;
        let mut x = 0;
        while x < 32 {
            t[f * 32 + x] |= bits;
            x += 1;
        }
        f += 1;
    }
    t
}

/// Whether a figure may start at `a` or `an` followed by `rest`: only when
/// the next word is `hundred`, a scale, `dozen`, `half`, `quarter` or an
/// ordinal ([`word_numeral`] stops at any other word after `a`).
fn a_may_start_figure(rest: &str) -> bool {
    if !word_ends(rest) {
        return false;
    }
    let Some((w, _)) = word_gap(rest).and_then(|(g, _)| word(g)) else {
        return false;
    };
    if !may_be_number_word(w.as_bytes()) {
        return false;
    }
    let lw = lower(w);
    let lw = lw.as_str();
    matches!(
        lw,
        "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen" | "half" | "quarter"
    ) || ordinal_value(lw).is_some()
}

/// Whether `a` or `an` ending at `at`, followed by the byte `after`,
/// certainly starts no figure: [`a_may_start_figure`] needs the next word to
/// be `hundred`, a scale, `dozen`, `half`, `quarter` or an ordinal, and this
/// checks the first two letters of the word after one space (any other gap
/// is left to it).
#[inline]
fn a_starts_nothing(bytes: &[u8], at: usize, after: u8) -> bool {
    if after != b' ' {
        return false;
    }
    match bytes.get(at + 1..at + 3) {
        Some(&[c, d]) if !matches!(c, b' ' | b'\n' | b'-' | 0xC2) => {
            !c.is_ascii_alphabetic() || A_NEXT_PAIRS[usize::from(c & 31) * 32 + usize::from(d & 31)] == 0
        }
        _ => false,
    }
}

/// The first two letters (indexed as by [`shape_index`]) of the words after
/// `a` that [`a_may_start_figure`] accepts: 1 for each.
const A_NEXT_PAIRS: [u8; 32 * 32] = {
    const fn add(t: &mut [u8; 32 * 32], w: &str) {
        t[shape_index(w.as_bytes())] = 1;
    }
    let mut t = [0u8; 32 * 32];
    let words = [
        "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter",
    ];
    let mut k = 0;
    while k < words.len() {
        add(&mut t, words[k]);
        k += 1;
    }
    k = 0;
    while k < ORDINALS.len() {
        add(&mut t, ORDINALS[k].0);
        k += 1;
    }
    t
};

/// Whether the letters `w` may be a word of a number in words: a check on
/// the first two letters and the length of the words [`word_numeral`] knows
/// (a plural ordinal is a denominator: `thirds`).
fn may_be_number_word(w: &[u8]) -> bool {
    NUMBER_WORD_SHAPES[shape_index(w)] >> w.len().min(31) & 1 == 1
}

const NUMBER_WORD_SHAPES: [u32; 32 * 32] = {
    const fn add(t: &mut [u32; 32 * 32], w: &str, extra: usize) {
        let len = w.len() + extra;
        let len = if len < 31 { len } else { 31 };
        t[shape_index(w.as_bytes())] |= 1 << len;
    }
    let mut t = [0u32; 32 * 32];
    let words = [
        "a", "an", "and", "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "half", "halves",
        "quarter", "quarters",
    ];
    let mut k = 0;
    while k < words.len() {
        add(&mut t, words[k], 0);
        k += 1;
    }
    k = 0;
    while k < SMALL.len() {
        add(&mut t, SMALL[k].0, 0);
        k += 1;
    }
    k = 0;
    while k < ORDINALS.len() {
        add(&mut t, ORDINALS[k].0, 0);
        add(&mut t, ORDINALS[k].0, 1);
        k += 1;
    }
    t
};

/// Where the run of ASCII letters at `i` ends, eight bytes at a time.
#[inline]
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let others = non_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// Where the run of ASCII letters that ends at `e` starts, eight bytes at a
/// time.
#[inline]
fn letters_start(bytes: &[u8], mut e: usize) -> usize {
    while let Some(chunk) = e.checked_sub(8).and_then(|s| bytes.get(s..e)) {
        let others = non_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        if others != 0 {
            return e - 7 + (63 - others.leading_zeros()) as usize / 8;
        }
        e -= 8;
    }
    while e > 0 && bytes[e - 1].is_ascii_alphabetic() {
        e -= 1;
    }
    e
}

/// The places in the 64 bytes from the start of `window` (the 16 after
/// them are read too) where a figure may start, and the block's ASCII
/// letters: bit `k` for byte `k`. A place is the start of a run of ASCII
/// letters and digits (`alnum_before`: the byte before the block is one), a
/// `$`, a byte that leads `€ £ ¥ −` (and other characters), or a `.` or `-`
/// before a digit: no other byte starts a figure. A run of letters is a
/// place only when the shape table of its first two letters
/// ([`FIGURE_START_SHAPES`]) lets a word of its length through, when it may
/// run on past the block, or when the block holds a `$` after a letter
/// (`US$`); each is looked up without a branch.
#[inline(always)]
fn block_places(window: &[u8; 80], alnum_before: bool) -> (u64, u64) {
    let (mut letters, mut digits, mut signs) = (0u64, 0u64, 0u64);
    let chunks = window.as_chunks::<16>().0;
    for (k, sixteen) in chunks[..4].iter().enumerate() {
        let v = Sixteen::new(sixteen);
        letters |= u64::from(v.letters()) << (16 * k);
        digits |= u64::from(v.digits()) << (16 * k);
        signs |= u64::from(v.equal(b'$') | v.equal(0xC2) | v.equal(0xE2)) << (16 * k);
    }
    let before_digit = digits >> 1 | u64::from(window[64].is_ascii_digit()) << 63;
    // `.` and `-` only matter before a digit: most blocks have none.
    let mut dots = 0u64;
    if before_digit != 0 {
        for (k, sixteen) in chunks[..4].iter().enumerate() {
            dots |= u64::from(Sixteen::new(sixteen).in_range(b'-', b'.')) << (16 * k);
        }
    }
    let alnum = letters | digits;
    let starts = alnum & !(alnum << 1 | u64::from(alnum_before));
    let mut words = starts & letters;
    // The word that may run on past the block is kept when a word of its
    // first two letters may be as long as its letters in the block or
    // longer, or when it has at most two letters here (`US` before a `$`).
    let open_at = 64 - (!letters).leading_zeros();
    let open_lengths = u32::from(FIGURE_START_PAIRS[pair_at(window, open_at as usize & 63)]);
    let partial = 64 - open_at;
    let open_fits = partial <= 2 || (partial < 16 && open_lengths >> partial != 0);
    let mut kept =
        starts & 1u64 << (open_at & 63) & 0u64.wrapping_sub(letters >> 63) & 0u64.wrapping_sub(u64::from(open_fits));
    // A sign after a letter: a `$` there keeps every word of the block.
    let mut glued = signs & letters << 1;
    while glued != 0 {
        if window[glued.trailing_zeros() as usize & 63] == b'$' {
            kept = words;
            words = 0;
            break;
        }
        glued &= glued - 1;
    }
    let others = !letters;
    while words != 0 {
        let k = words.trailing_zeros() as usize & 63;
        words &= words - 1;
        // The letters from `k` (63 for a word that runs on past the block,
        // kept above: no length is that long, so none fits; the top bit
        // makes the count never ask about zero).
        let run = (others >> k | 1 << 63).trailing_zeros();
        // The first two letters and the length; the third is asked later.
        let lengths = FIGURE_START_PAIRS[pair_at(window, k)];
        kept |= (u64::from(lengths).wrapping_shr(run) & 1) << k;
    }
    (kept | starts & digits | signs | dots & before_digit, letters)
}

/// The index in [`FIGURE_START_PAIRS`] of the two bytes at `k` (< 64).
#[inline(always)]
fn pair_at(window: &[u8; 80], k: usize) -> usize {
    usize::from(u16::from_le_bytes([window[k], window[k + 1]]) & 0x1f1f)
}

/// Whether the word of `len` letters at `i` (with the bytes after it)
/// passes the cheap tests of a figure's first word: the shape tables
/// ([`may_start_figure`]), then for `a` and `an` the next word
/// ([`a_starts_nothing`]); or a `$` follows it (`US$`).
#[inline(always)]
fn word_may_start(bytes: &[u8], i: usize, len: usize) -> bool {
    let after = bytes.get(i + len).copied().unwrap_or(0);
    if after == b'$' {
        return true;
    }
    // The bytes after a short word are read as letters (the tables hold the
    // short words under every byte); past the text, as zeros.
    let (second, third) = match bytes.get(i + 1..i + 3) {
        Some(&[x, y]) => (x, y),
        _ => (bytes.get(i + 1).copied().unwrap_or(0), 0),
    };
    let l = len.min(31);
    let first = usize::from(bytes[i] & 31) * 32;
    FIGURE_START_SHAPES_1_3[first + usize::from(third & 31)] >> l & 1 == 1
        && FIGURE_START_SHAPES[first + usize::from(second & 31)] >> l & 1 == 1
        && !(len <= 2 && a_starts_nothing(bytes, i + len, after))
}

/// Whether a figure may start at `i`, a place of [`block_places`]: the
/// grammar's necessary conditions on the word or sign there (a word runs to
/// `j`), then [`super::is_word_start`].
fn may_start_at(mask: &str, i: usize, j: usize) -> bool {
    let bytes = mask.as_bytes();
    let c = bytes[i];
    if c.is_ascii_alphabetic() {
        let w = &bytes[i..j];
        // `a` and `an` (frequent) are asked about the next word before the
        // grammar runs.
        let a_or_an = w.eq_ignore_ascii_case(b"a") || w.eq_ignore_ascii_case(b"an");
        let dollar = bytes.get(j) == Some(&b'$');
        (if a_or_an {
            dollar || a_may_start_figure(&mask[j..])
        } else {
            may_start_figure(w, bytes.get(j))
        }) && super::is_word_start(mask, i)
    } else {
        match c {
            b'0'..=b'9' | b'$' => super::is_word_start(mask, i),
            b'.' | b'-' => {
                bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && (c != b'-' || i == 0 || matches!(bytes[i - 1], b' ' | b'(' | b'\n'))
                    && super::is_word_start(mask, i)
            }
            // Of the characters that start with these bytes, a figure
            // starts only with a minus sign or a currency.
            _ => mask[i..].starts_with(['\u{2212}', '€', '£', '¥']) && super::is_word_start(mask, i),
        }
    }
}

/// Finds every figure in `mask`, skipping the spans claimed by dates.
///
/// The driver tries [`figure`] at the same places as a byte-by-byte walk
/// that tries it at each word start and moves on with
/// [`super::next_try`], jumping past each figure and each date: the places
/// come 64 bytes at a time from [`block_places`], and the words among them
/// that start no figure are passed over with a table lookup.
pub(crate) fn extract(mask: &str, dates: &[DateFact], lex: &Lexicons) -> Vec<NumberFact> {
    // About one figure in 250 bytes of news, and room for four times as many
    // (a short article with many figures would otherwise grow the list).
    let mut out = Vec::with_capacity(mask.len() / 64 + 4);
    let mut classes = Classes::new(lex);
    let bytes = mask.as_bytes();
    let n = bytes.len();
    let mut di = 0;
    // No date starts before `guard`, so none is skipped there.
    let mut guard = 0;
    // No figure is tried before `pos`: the walk has jumped past it.
    let mut pos = 0usize;
    // The block read, from `at`, and a copy of the last, padded with zeros.
    let mut at = 0;
    let mut pad = [0u8; 80];
    while at < n {
        let window = match bytes[at..].first_chunk::<80>() {
            Some(w) => w,
            None => {
                pad.fill(0);
                pad[..n - at].copy_from_slice(&bytes[at..]);
                &pad
            }
        };
        let (places, letters) = block_places(window, at > 0 && bytes[at - 1].is_ascii_alphanumeric());
        // `pos` is never past `at` here.
        let mut places = places & (!0u64 << pos.saturating_sub(at));
        while places != 0 {
            let k = places.trailing_zeros() as usize;
            places &= places - 1;
            let i = at + k;
            // Where the word at `i` ends (`i` when there is none).
            let mut j = i;
            if letters >> k & 1 == 1 {
                let run = (!(letters >> k)).trailing_zeros() as usize;
                j = if k + run < 64 { i + run } else { letters_end(bytes, i) };
                if !word_may_start(bytes, i, j - i) {
                    continue;
                }
            }
            if i >= guard {
                while di < dates.len() && dates[di].span.end <= i {
                    di += 1;
                }
                if let Some(d) = dates.get(di).filter(|d| d.span.start <= i) {
                    pos = d.span.end;
                    if pos >= at + 64 {
                        break;
                    }
                    places &= !0u64 << (pos - at);
                    continue;
                }
                guard = dates.get(di).map_or(usize::MAX, |d| d.span.start);
            }
            if !may_start_at(mask, i, j) {
                continue;
            }
            let Ok((rest, raw)) = figure(&mask[i..]) else {
                continue;
            };
            let len = mask.len() - i - rest.len();
            // A figure that runs into a date (`3 September`) stops before it.
            let len = match dates.get(di) {
                Some(d) if d.span.start < i + len => d.span.start - i,
                _ => len,
            };
            if len == 0 {
                continue;
            }
            // Most figures end with an ASCII byte other than white space.
            let len = match bytes[i + len - 1] {
                c if c.is_ascii() && !matches!(c, b' ' | b'\t'..=b'\r') => len,
                _ => mask[i..i + len].trim_end().len(),
            };
            if len == 0 {
                continue;
            }
            let span = Span::new(i, i + len);
            out.push(fact(mask, span, raw, lex, &mut classes));
            pos = span.end;
            if pos >= at + 64 {
                break;
            }
            places &= !0u64 << (pos - at);
        }
        at = (at + 64).max(pos);
    }
    merge_ranges(mask, out)
}

/// The fact of the figure `raw` read at `span`: its noun and class, whether
/// it is a label, whether it is hedged.
fn fact(mask: &str, span: Span, raw: RawFigure, lex: &Lexicons, classes: &mut Classes<'_>) -> NumberFact {
    let prev = prev_word(mask, span.start);
    let noun = if matches!(raw.kind, NumberKind::Time | NumberKind::Score) {
        None
    } else {
        counted_noun(mask, span, prev, raw.strong, classes)
    };
    let mut kind = raw.kind;
    if kind == NumberKind::Cardinal && !raw.in_words && is_label(mask, span, prev) {
        kind = NumberKind::Label;
    }
    let (noun, noun_text, mut class) = match noun {
        Some((s, t, c)) => (Some(s), Some(t), c.map(str::to_string)),
        None => (None, None, None),
    };
    // `four people died`, `killed 12 civilians`: people counted as
    // victims.
    if let (Some(ns), Some(nt)) = (noun, &noun_text)
        && is_person_noun(nt)
        && victims_around(mask, span, ns, lex)
    {
        class = Some("casualty".to_string());
    }
    let unit = raw
        .unit
        .or_else(|| noun_text.as_deref().filter(|n| *n != "in").and_then(unit_of))
        .map(str::to_string);
    if class.is_none() && raw.currency.is_some() {
        class = Some("money".to_string());
    }
    NumberFact {
        span,
        value: raw.value,
        kind,
        in_words: raw.in_words,
        currency: raw.currency,
        strong: raw.strong,
        noun,
        noun_text,
        class,
        second: raw.second,
        unit,
        approx: hedged(mask, span.start, prev),
    }
}

/// Whether a casualty word (`died`, `killed`) is among the three words after
/// the counted noun `ns` or the word just before the figure `span`.
fn victims_around(mask: &str, span: Span, ns: Span, lex: &Lexicons) -> bool {
    let casualty = |w: &str| super::with_lowercase(w, |lw| lex.contains("casualty-nouns", lw));
    let mut at = ns.end;
    for _ in 0..3 {
        match next_word(mask, at) {
            Some((s, w)) if blank(&mask[at..s.start]) => {
                if casualty(w) {
                    return true;
                }
                at = s.end;
            }
            _ => break,
        }
    }
    prev_word(mask, span.start).is_some_and(|(s, w)| blank(&mask[s.end..span.start]) && casualty(w))
}

/// Words before a range `40 to 50` that make it a change: `from 40 to 50`,
/// `rose 20 to 120`.
const CHANGE_WORDS: &[&str] = &[
    "from",
    "to",
    "by",
    "up",
    "down",
    "rose",
    "fell",
    "increased",
    "decreased",
    "climbed",
    "dropped",
    "jumped",
    "grew",
    "declined",
    "gained",
    "lost",
    "cut",
    "raised",
    "reduced",
    "lowered",
    "slipped",
    "eased",
    "rising",
    "falling",
];

/// Joins `40 to 50 people`, `between 40 and 50`, `10 to 15 percent` into
/// one figure with a second value. `from 40 to 50` (a change) and `rose 20
/// to 120` (a change and its result) stay two figures.
fn merge_ranges(mask: &str, mut facts: Vec<NumberFact>) -> Vec<NumberFact> {
    // In place: `w` facts kept so far, `r` the next one read.
    let mut w = 0;
    let mut r = 0;
    while r < facts.len() {
        let (head, tail) = facts.split_at_mut(r + 1);
        let x = &mut head[r];
        let mut joined_y = false;
        if let Some(y) = tail.first_mut() {
            // The word before `x` (empty if none), compared in ASCII lower case.
            let before = || {
                prev_word(mask, x.span.start)
                    .filter(|(s, _)| blank(&mask[s.end..x.span.start]))
                    .map_or("", |(_, w)| w)
            };
            let gap = &mask[x.span.end..y.span.start];
            // Most gaps hold a word or a mark that starts none of `to`, `–`,
            // `and`: its first byte after ASCII white space tells.
            let may_join = match gap.bytes().find(|b| !matches!(b, b' ' | b'\t'..=b'\r')) {
                None => false,
                Some(b) if b.is_ascii() => matches!(b, b't' | b'T' | b'a' | b'A'),
                Some(_) => true,
            };
            let between = if may_join { gap.trim() } else { "" };
            let joined = if between.eq_ignore_ascii_case("to") || between == "–" {
                let b = before();
                !CHANGE_WORDS.iter().any(|w| b.eq_ignore_ascii_case(w))
            } else if between.eq_ignore_ascii_case("and") {
                before().eq_ignore_ascii_case("between")
            } else {
                false
            };
            let same_kind = x.kind == y.kind || (x.kind == NumberKind::Cardinal && y.kind == NumberKind::Percent);
            let plain = |n: &NumberFact| {
                matches!(n.kind, NumberKind::Cardinal | NumberKind::Percent) && n.second.is_none() && !n.strong
            };
            let no_noun_between = x.noun.is_none_or(|n| n.start >= y.span.start);
            if joined && same_kind && plain(x) && plain(y) && x.value < y.value && no_noun_between {
                x.span = x.span.to(y.span);
                x.second = Some(y.value);
                x.kind = y.kind;
                x.noun = y.noun;
                x.noun_text = y.noun_text.take();
                x.class = y.class.take();
                x.unit = y.unit.take();
                joined_y = true;
            }
        }
        if w != r {
            facts.swap(w, r);
        }
        w += 1;
        r += if joined_y { 2 } else { 1 };
    }
    facts.truncate(w);
    facts
}

/// Extracts the figures of a plain string (no document, no dates): for
/// evaluation tools and tests.
pub fn extract_str(text: &str, lex: &Lexicons) -> Vec<NumberFact> {
    extract(text, &[], lex)
}

#[cfg(test)]
mod tests {
    /// The combinators [`percent_sign`] replaced.
    fn percent_sign_by_combinators(i: &str) -> IResult<&str, &str> {
        use nom::combinator::recognize;
        // Every percent word starts with `p`.
        let word_at = i.strip_prefix('-').unwrap_or_else(|| gap0(i).map_or(i, |p| p.0));
        if !i.starts_with('%') && !word_at.starts_with(['p', 'P']) {
            return Err(fail(i));
        }
        recognize(alt((
            tag("%"),
            recognize((
                alt((tag("-"), gap0)),
                alt((
                    tag_no_case("percentage"),
                    tag_no_case("percents"),
                    tag_no_case("percent"),
                    tag_no_case("per cent"),
                    tag("pct"),
                )),
            )),
        )))
        .parse(i)
        .and_then(|(r, s)| {
            // `percentage points` is a difference of shares, not a share.
            // (Only the next few bytes are compared: `r` runs to the end of the
            // document, and lower-casing it made this quadratic.)
            let next = r.trim_start().as_bytes();
            let point = next.len() >= 5 && next[..5].eq_ignore_ascii_case(b"point");
            if s.len() >= 10 && s.as_bytes()[s.len() - 10..].eq_ignore_ascii_case(b"percentage") && point {
                return Err(fail(i));
            }
            if word_ends(r) { Ok((r, s)) } else { Err(fail(i)) }
        })
    }

    #[test]
    fn whole_is_fract_zero() {
        for v in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0,
            -3.0,
            2.5e15,
            4_503_599_627_370_495.5,
            4_503_599_627_370_496.0,
            1e300,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ] {
            assert_eq!(whole(v), v.fract() == 0.0, "{v}");
        }
    }

    #[test]
    fn blank_is_trim_empty() {
        for t in [
            "",
            " ",
            "  \n ",
            "\t\r\x0b\x0c",
            "\u{a0}",
            " \u{2003} ",
            "x",
            " x ",
            " \u{a0}x",
            "é",
            " é",
            "\u{85}",
        ] {
            assert_eq!(blank(t), t.trim().is_empty(), "{t:?}");
        }
    }

    #[test]
    fn figure_start_matches_word_set() {
        let mut words: Vec<String> = OTHER_STARTS
            .into_iter()
            .chain(SMALL.iter().chain(ORDINALS).map(|p| p.0))
            .map(String::from)
            .collect();
        words.extend(words.clone().iter().map(|w| w.to_ascii_uppercase()));
        words.extend(words.clone().iter().map(|w| format!("{w}s")));
        words.extend(words.clone().iter().map(|w| w[1..].to_string()));
        words.extend(["", "The", "there", "seventeenthly", "onee", "Twenty"].map(String::from));
        for w in &words {
            assert_eq!(
                is_figure_start(w.as_bytes()),
                FIGURE_STARTS.contains(w.as_bytes()),
                "{w:?}"
            );
        }
    }

    #[test]
    fn percent_sign_matches_combinators() {
        let heads = [
            "%", "-", " ", "  ", "\u{a0}", " \n ", "\n", "\n\n", "", "x", "-\u{a0}", " -", "- ",
        ];
        let words = [
            "percent",
            "Percent",
            "PERCENT",
            "per cent",
            "Per Cent",
            "percentage",
            "percentages",
            "percents",
            "pct",
            "PCT",
            "Pct",
            "pc",
            "per",
            "percen",
            "p",
            "people",
            "",
            "% ",
            "%x",
            "percent points",
            "percentage points",
            "percentage  Points",
            "percentage point",
            "percentagepoints",
            "percent-age",
        ];
        for h in heads {
            for w in words {
                for tail in ["", " rise", "s", "-point", ".", "é", " points"] {
                    let i = format!("{h}{w}{tail}");
                    assert_eq!(percent_sign(&i).ok(), percent_sign_by_combinators(&i).ok(), "{i:?}");
                }
            }
        }
    }
    /// The table walk [`multiplier`] replaced.
    fn multiplier_by_table(i: &str) -> Option<(&str, f64)> {
        let spaced_at = gap0(i).map_or(i, |p| p.0);
        for &(w, v, spaced) in MULTIPLIERS {
            let attempt = if spaced {
                spaced_at
                    .as_bytes()
                    .get(..w.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()))
                    .then(|| &spaced_at[w.len()..])
            } else {
                i.as_bytes()
                    .get(..w.len())
                    .is_some_and(|p| {
                        p == w.as_bytes() || p.iter().zip(w.bytes()).all(|(a, b)| *a == b.to_ascii_uppercase())
                    })
                    .then(|| &i[w.len()..])
            };
            if let Some(rest) = attempt
                && word_ends(rest)
            {
                return Some((rest, v));
            }
        }
        None
    }

    #[test]
    fn currency_words_pass_the_prefilter() {
        for (w, _) in CURRENCY_WORDS {
            for w in [w.to_string(), w.to_ascii_uppercase()] {
                for tail in ["", " ", "."] {
                    assert!(may_be_currency_word(&format!(" {w}{tail}")), "{w}");
                }
            }
        }
        assert!(!may_be_currency_word(" police") && !may_be_currency_word(" s"));
    }

    #[test]
    fn currency_word_matches_table() {
        let mut words: Vec<String> = CURRENCY_WORDS.iter().map(|p| p.0.to_string()).collect();
        words.extend(words.clone().iter().map(|w| w.to_ascii_uppercase()));
        words.extend(words.clone().iter().map(|w| format!("{w}s")));
        words.extend(words.clone().iter().map(|w| w[1..].to_string()));
        words.extend(["", "a", "people", "Dollar", "eurosceptic", "é", "Ünal", "yens"].map(String::from));
        for w in &words {
            let by_table = CURRENCY_WORDS
                .iter()
                .find(|(c, _)| c.eq_ignore_ascii_case(w))
                .map(|p| p.1);
            assert_eq!(currency_word(w), by_table, "{w:?}");
        }
    }

    #[test]
    fn unit_of_matches_table() {
        let mut words: Vec<String> = UNITS.iter().map(|u| u.0.to_string()).collect();
        words.extend(UNITS.iter().map(|u| u.0.to_ascii_uppercase()));
        words.extend(UNITS.iter().map(|u| format!("{}s", u.0)));
        words.extend(["Km", "KM/H", "", "x", "kilometresss", "ｋｍ", "mé"].map(String::from));
        for w in &words {
            assert_eq!(unit_of(w), unit_by_table(w), "{w:?}");
        }
    }

    #[test]
    fn multiplier_matches_table() {
        let words = [
            "trillion", "thousand", "billion", "bln", "bn", "million", "mln", "hundred", "dozens", "dozen", "tn", "TN",
            "Tn", "m", "M", "k", "K", "mi", "bns", "millions", "Million", "BN", "t", "x", "",
        ];
        for w in words {
            for gap in ["", " ", "  ", "\u{a0}", " \n ", "\n\n"] {
                for tail in ["", " ", "s", ".", "-", "2"] {
                    let i = format!("{gap}{w}{tail}");
                    assert_eq!(multiplier(&i).ok(), multiplier_by_table(&i), "{i:?}");
                }
            }
        }
    }
    use super::*;

    #[test]
    fn the_first_classes_are_found_in_their_order() {
        let lex = Lexicons::default_set();
        let found = first_class_lists(&lex);
        for (k, (class, list)) in FIRST_CLASSES.iter().enumerate() {
            assert_eq!(found[k], lex.list(list), "{class}");
            assert_ne!(found[k], lex.list("no-such-list"), "{class} exists");
        }
        assert_eq!(lex.known().country_nouns, lex.list("country-nouns"));
    }

    fn nums(text: &str) -> Vec<NumberFact> {
        let lex = Lexicons::default_set();
        let dates = super::super::date::extract(text, None);
        extract(text, &dates, &lex)
    }

    /// A decimal below one stays a decimal whatever comes after it in the
    /// article: only the figure's own `/` makes a share.
    #[test]
    fn a_share_is_read_from_the_figure_alone() {
        let kind = |text: &str, figure: &str| {
            nums(text)
                .into_iter()
                .find(|n| n.span.slice(text) == figure)
                .map(|n| n.kind)
        };
        assert_eq!(
            kind("rates rose .5 point on the day.", ".5"),
            Some(NumberKind::Cardinal)
        );
        assert_eq!(
            kind("rates rose .5 point, the Fed and/or the ECB said.", ".5"),
            Some(NumberKind::Cardinal)
        );
        assert_eq!(kind("about 3/4 of voters", "3/4"), Some(NumberKind::Fraction));
    }

    #[test]
    fn values_in_digits_and_words() {
        let cases: &[(&str, &str, f64, NumberKind)] = &[
            ("some 130,000 people", "130,000", 130_000.0, NumberKind::Cardinal),
            ("some 130 000 people", "130 000", 130_000.0, NumberKind::Cardinal),
            ("an army of 10 million.", "10 million", 1e7, NumberKind::Cardinal),
            ("profit of $1.13bn for", "$1.13bn", 1.13e9, NumberKind::Money),
            ("a €812m deal", "€812m", 812e6, NumberKind::Money),
            ("costs $4.5 billion.", "$4.5 billion", 4.5e9, NumberKind::Money),
            ("rose 3.2% in", "3.2%", 3.2, NumberKind::Percent),
            ("won 52 percent of", "52 percent", 52.0, NumberKind::Percent),
            ("up 7 pct from", "7 pct", 7.0, NumberKind::Percent),
            ("lost 1.5 mln dlrs in", "1.5 mln dlrs", 1.5e6, NumberKind::Money),
            ("a 2.3 billion dlrs loan", "2.3 billion dlrs", 2.3e9, NumberKind::Money),
            ("killed four people", "four", 4.0, NumberKind::Cardinal),
            ("about twenty-one boats", "twenty-one", 21.0, NumberKind::Cardinal),
            ("bought a dozen eggs", "a dozen", 12.0, NumberKind::Cardinal),
            (
                "one hundred and six boats",
                "one hundred and six",
                106.0,
                NumberKind::Cardinal,
            ),
            ("two thousand boats", "two thousand", 2000.0, NumberKind::Cardinal),
            ("two-thirds of voters", "two-thirds", 2.0 / 3.0, NumberKind::Fraction),
            ("a quarter of voters", "a quarter", 0.25, NumberKind::Fraction),
            (
                "one and a half million",
                "one and a half million",
                1.5e6,
                NumberKind::Cardinal,
            ),
            ("a 6-1/2 pct rise", "6-1/2 pct", 6.5, NumberKind::Percent),
            ("the third time", "third", 3.0, NumberKind::Ordinal),
            ("the 21st century", "21st", 21.0, NumberKind::Ordinal),
            ("the twenty-first day", "twenty-first", 21.0, NumberKind::Ordinal),
            ("won 3-1 on", "3-1", 3.0, NumberKind::Score),
            ("at 7:30 p.m. on", "7:30 p.m.", 19.5, NumberKind::Time),
            ("at 10am on", "10am", 10.0, NumberKind::Time),
            ("from No. 10 today", "10", 10.0, NumberKind::Label),
            ("a 25km walk", "25km", 25.0, NumberKind::Cardinal),
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
    fn ranges_keep_both_ends() {
        let v = nums("between 40-50 people");
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].value, v[0].second, v[0].kind),
            (40.0, Some(50.0), NumberKind::Cardinal)
        );
        let v = nums("from 40 to 50 people");
        assert_eq!(v.len(), 2);
        let v = nums("some 40 to 50 people came");
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].value, v[0].second), (40.0, Some(50.0)));
        assert_eq!(v[0].noun_text.as_deref(), Some("people"));
        let v = nums("between 10 and 15 percent of");
        assert_eq!((v.len(), v[0].kind, v[0].second), (1, NumberKind::Percent, Some(15.0)));
        assert_eq!(nums("rose 20 to 120 from 100").len(), 3);
        assert_eq!(nums("it has 50 to spare and 40 to go").len(), 2);
    }

    #[test]
    fn parse_value_reads_one_whole_figure() {
        assert_eq!(parse_value("1,234,567"), Some(1_234_567.0));
        assert_eq!(parse_value("fifty - two"), Some(52.0));
        assert_eq!(parse_value("twenty-one trillion three hundred"), Some(21e12 + 300.0));
        assert_eq!(parse_value("half a dozen"), Some(6.0));
        assert_eq!(parse_value("quarter million"), Some(250_000.0));
        assert_eq!(parse_value("three dozens"), Some(36.0));
        assert_eq!(parse_value("minus 5"), Some(-5.0));
        assert_eq!(parse_value(".08"), Some(0.08));
        assert_eq!(parse_value("2 1/4"), Some(2.25));
        assert_eq!(parse_value("a hundred"), Some(100.0));
        assert_eq!(parse_value("four apples"), None);
        assert_eq!(parse_value("a"), None);
    }

    #[test]
    fn rounding_and_lemma() {
        let text = "1.5bn and 121 homes and 3,000 and 30 and four";
        let v = nums(text);
        let r: Vec<f64> = v.iter().map(|n| n.rounding(text)).collect();
        assert!((r[0] - 0.05e9).abs() < 1.0, "{r:?}");
        assert_eq!(&r[1..], &[0.0, 150.0, 1.5, 0.0]);
        assert_eq!(v[1].lemma().as_deref(), Some("home"));
    }

    #[test]
    fn names_and_references_are_labels_not_quantities() {
        let kinds = |t: &str| nums(t).iter().map(|n| n.kind).collect::<Vec<_>>();
        assert_eq!(kinds("under Article 5 of the treaty"), [NumberKind::Label]);
        assert_eq!(kinds("he lives at No. 10 now"), [NumberKind::Label]);
        assert_eq!(kinds("It said. Some 40 people came"), [NumberKind::Cardinal]);
        assert_eq!(kinds("on Monday 12 people came"), [NumberKind::Cardinal]);
        assert_eq!(kinds("TOKYO 40 firms"), [NumberKind::Cardinal]);
    }

    #[test]
    fn hedge_words_pass_the_prefilter() {
        for w in HEDGE_WORDS {
            for w in [w.to_string(), w.to_ascii_uppercase()] {
                let text = format!("up to at least {w} 40 people");
                let at = text.find("40").expect("a figure");
                let prev = prev_word(&text, at);
                assert_eq!(prev.map(|p| p.1), Some(w.as_str()));
                let first = usize::from(w.as_bytes()[0] & 31);
                assert!(HEDGE_SHAPES[first] >> w.len() & 1 == 1, "{w}");
            }
        }
        // Every word `hedged` accepts first is in the list.
        for text in [
            "about 4",
            "Nearly 4",
            "at least 4",
            "up to 4",
            "as few as 4",
            "as many 4",
        ] {
            let at = text.len() - 1;
            if hedged(text, at, prev_word(text, at)) {
                let w = prev_word(text, at)
                    .map(|p| p.1.to_ascii_lowercase())
                    .unwrap_or_default();
                assert!(HEDGE_WORDS.contains(&w.as_str()), "{text}");
            }
        }
    }

    #[test]
    fn marks_hedged_figures() {
        let v = nums("at least 40 people and exactly 12 dogs and more than 30 cats");
        let approx: Vec<bool> = v.iter().map(|n| n.approx).collect();
        assert_eq!(approx, [true, false, true]);
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
        let v = nums("the 210 destroyed homes");
        assert_eq!(v[0].noun_text.as_deref(), Some("homes"));
        let v = nums("Four people died on Monday.");
        assert_eq!(v[0].class.as_deref(), Some("casualty"));
        let v = nums("He walked 10 miles.");
        assert_eq!(v[0].unit.as_deref(), Some("mi"));
        assert_eq!(v[0].class.as_deref(), Some("distance"));
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Extraction never panics, and every span is in bounds and on
        /// character boundaries, whatever the text.
        #[test]
        fn spans_stay_on_char_boundaries(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[0-9]{1,4}([.,][0-9]{1,3})?").expect("valid regex"),
                    proptest::sample::select(vec![
                        "one", "twenty", "-", "hundred", "and", "a", "half", "third", "mln", "dlrs", "pct", "%",
                        "$", "€", "£", "No.", "(", ")", ":", "p.m.", "/", " ", "\n", "é", "–", "−", "-strong",
                        "km", "miles", "of", "the", "people", "army", "killed",
                    ]).prop_map(str::to_string),
                ],
                0..24,
            )
        ) {
            let text = parts.join(" ");
            for n in nums(&text) {
                proptest::prop_assert!(n.span.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(n.span.start) && text.is_char_boundary(n.span.end));
            }
            let _ = parse(&text);
        }

        /// The driver tries the grammar at the places a byte-by-byte walk
        /// does: its cheap tests pass over no figure, in blocks of any
        /// alignment and with words glued to signs and digits.
        #[test]
        fn the_driver_finds_what_a_walk_finds(
            parts in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        proptest::string::string_regex("[0-9]{1,6}([.,][0-9]{1,3})?").expect("valid regex"),
                        proptest::string::string_regex("[a-zA-Z]{1,12}").expect("valid regex"),
                        proptest::sample::select(vec![
                            "one", "Twenty", "hundred", "and", "a", "an", "A", "half", "third", "quarter", "minus",
                            "negative", "mln", "dlrs", "pct", "%", "$", "US$", "HK$", "€", "£", "¥", "−", "No.", "(",
                            ":", "p.m.", "am", "/", "é", "–", "-strong", "km", "miles", "of", "the", "people", "May",
                            "1998", "3 September", "twenty-first", "there", "thirds", "seventeenth", "\u{a0}",
                        ]).prop_map(str::to_string),
                    ],
                    proptest::sample::select(vec!["", " ", " ", "  ", "-", ".", ",", "\n", "\u{a0}", "/"]),
                ),
                0..40,
            )
        ) {
            let text: String = parts.iter().flat_map(|(w, gap)| [w.as_str(), gap]).collect();
            let lex = Lexicons::default_set();
            let dates = super::super::date::extract(&text, None);
            proptest::prop_assert_eq!(extract(&text, &dates, &lex), extract_by_walk(&text, &dates, &lex));
        }
    }

    /// [`extract`] as a walk that tries [`figure`] at every word start
    /// outside the dates and the figures found (a `-` only before a digit,
    /// after a space, a parenthesis or a line break), moving on with
    /// [`super::super::next_try`].
    fn extract_by_walk(mask: &str, dates: &[DateFact], lex: &Lexicons) -> Vec<NumberFact> {
        let mut out = Vec::new();
        let mut classes = Classes::new(lex);
        let n = mask.len();
        let (mut di, mut i) = (0, 0);
        while i < n {
            while di < dates.len() && dates[di].span.end <= i {
                di += 1;
            }
            if let Some(d) = dates.get(di).filter(|d| d.span.start <= i) {
                i = d.span.end;
                continue;
            }
            // A hyphen as a sign only before a digit, after a space, a
            // parenthesis or a line break.
            let b = mask.as_bytes();
            let sign_ok = b[i] != b'-'
                || (b.get(i + 1).is_some_and(u8::is_ascii_digit)
                    && (i == 0 || matches!(b[i - 1], b' ' | b'(' | b'\n')));
            if sign_ok
                && super::super::is_word_start(mask, i)
                && let Ok((rest, raw)) = figure(&mask[i..])
            {
                let len = n - i - rest.len();
                let len = match dates.get(di) {
                    Some(d) if d.span.start < i + len => d.span.start - i,
                    _ => len,
                };
                let trimmed = mask[i..i + len].trim_end();
                if !trimmed.is_empty() {
                    out.push(fact(mask, Span::new(i, i + trimmed.len()), raw, lex, &mut classes));
                    i += trimmed.len();
                    continue;
                }
            }
            i = super::super::next_try(mask, i, n);
        }
        merge_ranges(mask, out)
    }

    #[test]
    fn word_tables_agree_with_their_matches() {
        for &(w, v) in SMALL {
            assert_eq!(small_value(w), Some(v), "{w}");
            assert_eq!(lookup(SMALL, w), Some(v), "{w}");
        }
        for &(w, v) in ORDINALS {
            assert_eq!(ordinal_value(w), Some(v), "{w}");
            assert!(may_be_number_word(w.as_bytes()) && may_be_number_word(format!("{w}s").as_bytes()));
        }
        for &(w, v) in SCALES {
            assert_eq!(scale_value(w), Some(v), "{w}");
            assert!(may_be_number_word(w.as_bytes()), "{w}");
        }
        for w in ["people", "the", "a", "ONE", "Tenth", "thirds", "firsts", "hundreds"] {
            let lw = w.to_ascii_lowercase();
            assert_eq!(small_value(&lw), lookup(SMALL, w), "{w}");
            assert_eq!(ordinal_value(&lw), lookup(ORDINALS, w), "{w}");
        }
        // The shape tables let every word a figure starts with through.
        for w in OTHER_STARTS
            .into_iter()
            .chain(SMALL.iter().chain(ORDINALS).map(|p| p.0))
        {
            for w in [w.to_string(), w.to_uppercase()] {
                assert!(may_start_figure(w.as_bytes(), None), "{w}");
                let sign = w.eq_ignore_ascii_case("minus") || w.eq_ignore_ascii_case("negative");
                assert!(sign || may_be_number_word(w.as_bytes()), "{w}");
            }
        }
        assert!(!may_start_figure(b"there", None) && !may_start_figure(b"The", None));
        assert!(may_start_figure(b"US", Some(&b'$')));
    }

    #[test]
    fn a_starts_nothing_only_where_no_figure_starts() {
        let mut nexts: Vec<String> = [
            "hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "quarter",
        ]
        .into_iter()
        .chain(ORDINALS.iter().map(|p| p.0))
        .flat_map(|w| [w.to_string(), w.to_uppercase(), format!("{w}s")])
        .collect();
        nexts.extend(
            [
                "the", "man", "", " ", "-", "\n", "\u{a0}", "1", "$", "x", "fine", "thing", "Se", "é",
            ]
            .map(String::from),
        );
        for a in ["a", "an", "A", "AN", "An"] {
            for n in &nexts {
                for gap in [" ", "  ", "\n", "-", ",", ""] {
                    let text = format!("{a}{gap}{n} trailing words");
                    let b = text.as_bytes();
                    let rest = &text[a.len()..];
                    if a_starts_nothing(b, a.len(), b[a.len()]) {
                        assert!(!a_may_start_figure(rest), "{text:?}");
                    }
                }
            }
        }
        // The pre-check passes over `a` before an ordinary word.
        let text = "a man ";
        assert!(a_starts_nothing(text.as_bytes(), 1, b' '));
        let found = nums("He saw a man, a third of them and a hundred others, then an eighth.");
        let values: Vec<f64> = found.iter().map(|n| n.value).collect();
        assert_eq!(values.len(), 3, "{found:?}");
        assert_eq!(values[1], 100.0);
    }

    proptest::proptest! {
        /// The one-pass numeral reads what the step-by-step one reads.
        #[test]
        fn numerals_read_in_one_pass_as_in_full(
            t in proptest::string::string_regex("[0-9]{0,17}([,. /-]|\u{a0}|\u{202f}|  ){0,1}[0-9]{0,4}([,. /-][0-9]{0,3}){0,3}[a-z ]{0,2}").expect("valid regex")
        ) {
            let fast = digit_numeral(&t).map(|(r, v)| (r, v.to_bits())).ok();
            let full = digit_numeral_in_full(&t).map(|(r, v)| (r, v.to_bits())).ok();
            proptest::prop_assert_eq!(fast, full, "{:?}", t);
        }

        /// A numeral's value is the decimal its digits write, rounded once.
        #[test]
        fn numerals_read_as_parse_reads_them_whatever_the_digits(
            t in proptest::string::string_regex("[0-9]{0,3}(,[0-9]{3}){0,6}(\\.[0-9]{1,12})?").expect("valid regex")
        ) {
            if let Ok((rest, v)) = digit_numeral(&t) {
                let read = &t[..t.len() - rest.len()];
                let cleaned: String = read.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
                proptest::prop_assert_eq!(v.to_bits(), cleaned.parse::<f64>().expect("digits").to_bits(), "{}", t);
            }
        }
    }

    #[test]
    fn numerals_read_as_parse_reads_them() {
        for t in [
            "130,000",
            "130 000",
            "1.5",
            ".08",
            "0.1",
            "3.14159",
            "999,999,999,999.999",
            "12,345.6789",
            "0.000001",
            "123456789012345",
            "1234567890123456",
            "7.0",
            "0",
            "1\u{a0}000",
            "2\u{202f}500.25",
            "9007199254740993",
        ] {
            let (_, v) = digit_numeral(t).expect("a numeral");
            let cleaned: String = t.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
            assert_eq!(v.to_bits(), cleaned.parse::<f64>().expect("digits").to_bits(), "{t}");
        }
    }

    #[test]
    fn noun_keys_are_the_bytes_in_order() {
        let text = b"abcdefghijklmnopq";
        for len in 0..=16 {
            let n = &text[..len];
            let want = n.iter().rev().fold(0u128, |k, c| k << 8 | u128::from(*c));
            assert_eq!(noun_key(n), want, "{len}");
        }
    }

    #[test]
    fn letter_runs_end_where_a_scan_ends() {
        let text = "abcdefgh1 Zebra's fish-and-chips ABCDEFGHIJKLMNOPQ é@[`{ z";
        let b = text.as_bytes();
        for i in 0..b.len() {
            let want = i + b[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            assert_eq!(letters_end(b, i), want, "{i}");
        }
        for e in 0..=b.len() {
            let want = e - b[..e].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
            assert_eq!(letters_start(b, e), want, "{e}");
        }
        for c in 0..=255u8 {
            for at in 0..8 {
                let v = u64::from_le_bytes(*b"aaaaaaaa") & !(0xff << (8 * at)) | (u64::from(c) << (8 * at));
                let want = if c.is_ascii_alphabetic() { 0 } else { 0x80 << (8 * at) };
                assert_eq!(non_letters(v), want, "{c} at {at}");
            }
        }
    }

    #[test]
    fn ignores_words_that_contain_numbers() {
        assert!(nums("someone lonely often").is_empty());
        assert!(nums("the Mk2 and B52s").is_empty());
        assert!(nums("a third term").iter().all(|n| n.kind == NumberKind::Ordinal));
    }
}
