use std::borrow::Cow;

use super::{Context, NoOptions, Rule};
use crate::extract::{NumberFact, NumberKind, with_lowercase};
use crate::source::Span;

declare_rule! {
    /// Flags a change whose verb contradicts its figures: `rose from 62 percent to 58 percent`.
    ///
    /// ## What it does
    /// Reads `<verb> from A to B` and `<verb> to B from A` (with an optional
    /// change amount, `up 5% to 120 from 100`) and flags:
    /// - a rise (`rose`, `increased`, `climbed`, `up`...) whose end figure is
    ///   lower than its start, or a fall (`fell`, `dropped`, `cut`, `down`...)
    ///   whose end figure is higher;
    /// - `doubled`, `tripled` or `halved` between figures that are nowhere
    ///   near that ratio;
    /// - a stated change (`up 5%`, `rose 20`) that does not match the two
    ///   figures by more than their rounding.
    ///
    /// Rankings are left alone (`climbed from 10 to 3 in the world
    /// rankings` is a rise).
    ///
    /// ## Why is this bad?
    /// A transposed pair of figures reverses the news: the reader is told a
    /// share fell when it rose.
    ///
    /// ## Example
    /// ```text
    /// Support for the plan rose from 62 percent to 58 percent.
    /// ```
    /// Use instead:
    /// ```text
    /// Support for the plan fell from 62 percent to 58 percent.
    /// ```
    ///
    /// ## Known limitations
    /// Only the verb within six words before `from`/`to` is read; a change
    /// described across two sentences is not checked.
    pub NumberDirection, "number-direction"
}

#[cfg(test)]
const UP: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "increased",
    "increase",
    "increases",
    "increasing",
    "grew",
    "grow",
    "grows",
    "grown",
    "growing",
    "climbed",
    "climb",
    "climbs",
    "jumped",
    "jump",
    "jumps",
    "surged",
    "soared",
    "gained",
    "gain",
    "gains",
    "raised",
    "raise",
    "raises",
    "boosted",
    "up",
    "upped",
];
#[cfg(test)]
const DOWN: &[&str] = &[
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "dropped",
    "drop",
    "drops",
    "declined",
    "decline",
    "declines",
    "decreased",
    "decrease",
    "decreases",
    "slipped",
    "slid",
    "plunged",
    "plummeted",
    "tumbled",
    "sank",
    "down",
    "shrank",
    "shrunk",
    "cut",
    "cuts",
    "reduced",
    "reduce",
    "reduces",
    "lowered",
    "eased",
    "dipped",
];
#[cfg(test)]
const MULTIPLE: &[(&str, f64)] = &[
    ("doubled", 2.0),
    ("doubling", 2.0),
    ("tripled", 3.0),
    ("trebled", 3.0),
    ("quadrupled", 4.0),
    ("halved", 0.5),
];

enum Verb {
    Up,
    Down,
    Times(f64),
}

fn verb_of(w: &str) -> Option<Verb> {
    // Every verb is ASCII and starts with one of these letters; a word
    // starting with any other ASCII character lower-cases to another start.
    let first = *w.as_bytes().first()?;
    if first < 0x80
        && !matches!(
            first | 0x20,
            b'b'..=b'j' | b'l' | b'p' | b'q' | b'r' | b's' | b't' | b'u'
        )
    {
        return None;
    }
    // Only words of two to ten letters lower-case to one of them, but for
    // non-ASCII ones such as the Kelvin sign (`SAN\u{212A}`), which the
    // full check reads.
    if w.is_ascii() && !(2..=10).contains(&w.len()) {
        return None;
    }
    with_lowercase(w, |w| {
        // `UP`, `DOWN` and `MULTIPLE` as one match: compiled to a switch on
        // the length.
        match w {
            "rose" | "rise" | "rises" | "risen" | "rising" | "increased" | "increase" | "increases" | "increasing"
            | "grew" | "grow" | "grows" | "grown" | "growing" | "climbed" | "climb" | "climbs" | "jumped" | "jump"
            | "jumps" | "surged" | "soared" | "gained" | "gain" | "gains" | "raised" | "raise" | "raises"
            | "boosted" | "up" | "upped" => Some(Verb::Up),
            "fell" | "fall" | "falls" | "fallen" | "falling" | "dropped" | "drop" | "drops" | "declined"
            | "decline" | "declines" | "decreased" | "decrease" | "decreases" | "slipped" | "slid" | "plunged"
            | "plummeted" | "tumbled" | "sank" | "down" | "shrank" | "shrunk" | "cut" | "cuts" | "reduced"
            | "reduce" | "reduces" | "lowered" | "eased" | "dipped" => Some(Verb::Down),
            "doubled" | "doubling" => Some(Verb::Times(2.0)),
            "tripled" | "trebled" => Some(Verb::Times(3.0)),
            "quadrupled" => Some(Verb::Times(4.0)),
            "halved" => Some(Verb::Times(0.5)),
            _ => None,
        }
    })
}

/// The last word of `text[from..to]` with its span: the first item of
/// [`words_back`], without reading further back.
fn last_word(text: &str, from: usize, to: usize) -> Option<(Span, &str)> {
    let seg = &text[from..to];
    let mut end = seg.len();
    for (i, c) in seg.char_indices().rev() {
        if !c.is_alphanumeric() && c != '\'' {
            let after = i + c.len_utf8();
            if end > after {
                return Some((Span::new(from + after, from + end), &seg[after..end]));
            }
            end = i;
        }
    }
    (end > 0).then(|| (Span::new(from, from + end), &seg[..end]))
}

/// Words in `text[from..to]`, with their spans, last first.
fn words_back(text: &str, from: usize, to: usize) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    let seg = &text[from..to];
    let mut end = seg.len();
    for (i, c) in seg.char_indices().rev() {
        if !c.is_alphanumeric() && c != '\'' {
            if end > i + c.len_utf8() {
                out.push((
                    Span::new(from + i + c.len_utf8(), from + end),
                    &seg[i + c.len_utf8()..end],
                ));
            }
            end = i;
        }
    }
    if end > 0 {
        out.push((Span::new(from, from + end), &seg[..end]));
    }
    out
}

/// The word joining two figures (`to` or `from`), after at most four
/// words that name what the first counts or when (`to 3.66 mln tonnes in
/// December from`, `to 55.5 pct, from`).
fn connector(cx: &Context<'_>, x: &NumberFact, y: &NumberFact) -> Option<&'static str> {
    let text = cx.text();
    let gap = Span::new(x.span.end, y.span.start);
    let mut seg = String::new();
    let mut at = gap.start;
    for d in cx.facts.dates_in(gap) {
        seg.push_str(&text[at..d.span.start]);
        seg.push_str(" date ");
        at = d.span.end;
    }
    seg.push_str(&text[at..gap.end]);
    let seg = seg.to_lowercase();
    let t = seg.trim();
    let (head, last) = t.rsplit_once(char::is_whitespace).unwrap_or(("", t));
    let conn = match last {
        "to" => "to",
        "from" => "from",
        _ => return None,
    };
    let head = head.trim().trim_end_matches(',');
    // `from 4.43 billion and liabilities fell to 1.88 billion` joins two
    // changes, not two ends of one.
    let joins = head.split_whitespace().any(|w| {
        matches!(
            w,
            "and" | "or" | "but" | "while" | "whereas" | "against" | "compared" | "versus" | "to" | "from"
        ) || verb_of(w).is_some()
    });
    let ok = !joins
        && head.split_whitespace().count() <= 4
        && !head.contains(|c: char| c.is_ascii_digit() || matches!(c, ';' | ':' | '(' | ')' | '"' | '“' | '”' | ','));
    ok.then_some(conn)
}

/// Whether the text before `y` ends in `to` or `from`, in any case, once
/// trailing whitespace is trimmed: necessary for [`may_connect`] with any
/// figure before it.
fn after_connector(text: &str, y: &NumberFact) -> bool {
    ends_in_connector(text, 0, y.span.start)
}

/// Whether the text between `x` and `y` ends in the word `to` or `from`, in
/// any case: what [`connector`] needs (a date at the end of the gap reads as
/// `date`, so the word is the gap's own).
fn may_connect(text: &str, x: &NumberFact, y: &NumberFact) -> bool {
    ends_in_connector(text, x.span.end, y.span.start)
}

/// Whether `text[from..to]` (`false` if that is not a slice of the text)
/// ends in `to` or `from`, in any case, once trailing whitespace is trimmed.
/// The bytes are read back from `to` while they are ASCII: nearly always
/// just a space and the word; other characters go the general way.
#[inline(always)]
fn ends_in_connector(text: &str, from: usize, to: usize) -> bool {
    let b = text.as_bytes();
    // Settled by the last two bytes nearly always: the trimmed text ends in
    // an ASCII character other than `o` or `m` (the last letters of both
    // words), right before `to` or before one space there.
    if from + 2 <= to && to <= b.len() {
        let (c, d) = (b[to - 2], b[to - 1]);
        if PLAIN_END[usize::from(d)] || (d == b' ' && PLAIN_END[usize::from(c)]) {
            return false;
        }
    }
    ends_in_connector_bytes(text, from, to)
}

/// The bytes that end a text that does not end in `to` or `from` once
/// trimmed: ASCII characters other than whitespace (as `char::is_whitespace`
/// has it: tab to carriage return, and the space), `o` and `m`.
static PLAIN_END: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = !matches!(b, b'\t'..=b'\r' | b' ') && !matches!(b | 0x20, b'o' | b'm');
        c += 1;
    }
    t
};

/// [`ends_in_connector`] in full.
#[inline(never)]
fn ends_in_connector_bytes(text: &str, from: usize, to: usize) -> bool {
    let b = text.as_bytes();
    if from > to || to > b.len() || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
        return false;
    }
    let mut i = to;
    // ASCII whitespace as `char::is_whitespace` has it: tab to carriage
    // return, and the space.
    while i > from && matches!(b[i - 1], b'\t'..=b'\r' | b' ') {
        i -= 1;
    }
    if i > from && b[i - 1] >= 0x80 {
        // A non-ASCII character ends the trimmed text, or is whitespace.
        return ends_in_connector_chars(&text[from..to]);
    }
    let t = &b[from..i];
    // Both words end in `o` or `m`: most figures follow another word.
    if !t.last().is_some_and(|&c| matches!(c | 0x20, b'o' | b'm')) {
        return false;
    }
    [&b"to"[..], &b"from"[..]]
        .iter()
        .any(|w| t.len() >= w.len() && t[t.len() - w.len()..].eq_ignore_ascii_case(w))
}

/// [`ends_in_connector`] of `gap`, char by char.
#[cold]
fn ends_in_connector_chars(gap: &str) -> bool {
    let gap = gap.trim_end().as_bytes();
    [&b"to"[..], &b"from"[..]]
        .iter()
        .any(|w| gap.len() >= w.len() && gap[gap.len() - w.len()..].eq_ignore_ascii_case(w))
}

/// The numbers inside each sentence, as [`crate::extract::Facts::numbers_in`]
/// finds them, for rules that walk the sentences in order: a cursor moves
/// forward instead of a binary search per sentence (and searches again if a
/// sentence ever starts before the previous one).
pub(crate) struct NumberCursor<'a> {
    numbers: &'a [NumberFact],
    at: usize,
    last_start: usize,
}

impl<'a> NumberCursor<'a> {
    pub(crate) fn new(numbers: &'a [NumberFact]) -> Self {
        NumberCursor {
            numbers,
            at: 0,
            last_start: 0,
        }
    }

    /// The numbers inside `span`.
    pub(crate) fn within(&mut self, span: Span) -> impl Iterator<Item = &'a NumberFact> + use<'a> {
        let numbers = self.numbers;
        if span.start < self.last_start {
            self.at = numbers.partition_point(|n| n.span.start < span.start);
        } else {
            while self.at < numbers.len() && numbers[self.at].span.start < span.start {
                self.at += 1;
            }
        }
        self.last_start = span.start;
        numbers[self.at..]
            .iter()
            .take_while(move |n| n.span.start < span.end)
            .filter(move |n| n.span.end <= span.end)
    }
}

/// [`NumberFact::lemma`] without a copy unless the noun ends in `ies`: the
/// same text.
pub(crate) fn lemma_of(n: &NumberFact) -> Option<Cow<'_, str>> {
    let n = n.noun_text.as_deref()?;
    let s: Cow<'_, str> = if let Some(x) = n.strip_suffix("ies") {
        Cow::Owned(format!("{x}y"))
    } else if n.ends_with("ss") || n.ends_with("us") {
        Cow::Borrowed(n)
    } else if let Some(x) = n
        .strip_suffix("es")
        .filter(|x| x.ends_with(['s', 'x', 'z']) || x.ends_with("ch") || x.ends_with("sh"))
    {
        Cow::Borrowed(x)
    } else {
        Cow::Borrowed(n.strip_suffix('s').unwrap_or(n))
    };
    let irregular = match &*s {
        "people" => Some("person"),
        "men" => Some("man"),
        "women" => Some("woman"),
        "children" => Some("child"),
        _ => None,
    };
    Some(irregular.map_or(s, Cow::Borrowed))
}

/// Intervals read both ways (`frequency increased from nine to seven
/// days`), so time spans are not judged.
fn is_time_span(n: &NumberFact) -> bool {
    lemma_of(n).is_some_and(|l| matches!(&*l, "day" | "week" | "month" | "year" | "hour" | "minute" | "second"))
}

fn comparable(a: &NumberFact, b: &NumberFact) -> bool {
    if is_time_span(a) || is_time_span(b) {
        return false;
    }
    a.is_quantity()
        && b.is_quantity()
        && a.kind == b.kind
        && (a.currency == b.currency || a.currency.is_none() || b.currency.is_none())
        && a.second.is_none()
        && b.second.is_none()
}

/// `9.900`: a dot before exactly three digits may be a European thousands
/// separator.
fn european_decimal(n: &NumberFact, text: &str) -> bool {
    let w = n.span.slice(text);
    w.split_once('.')
        .is_some_and(|(_, f)| f.chars().take_while(char::is_ascii_digit).count() == 3)
}

/// The multiplier a figure was written with: 1e9 for `5 billion`, 1 for
/// `5` or `five`.
fn multiplier(n: &NumberFact, text: &str) -> f64 {
    let digits: String = n
        .span
        .slice(text)
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .filter(|c| *c != ',')
        .collect();
    match digits.parse::<f64>() {
        Ok(base) if base != 0.0 => (n.value / base).abs().round().max(1.0),
        _ => 1.0,
    }
}

/// The interval a written figure stands for.
fn interval(n: &NumberFact, text: &str) -> (f64, f64) {
    let r = n.rounding(text);
    (n.value - r, n.value + r)
}

/// Sentences where figures joined by `to`/`from` are not a change's two
/// ends: rankings, ranges, exchange rates, poll leads.
fn skipped_sentence(sentence: &str) -> bool {
    if sentence.is_ascii() {
        // The same answer without the lower-cased copy, in one pass over the
        // words: each word of three to ten letters starting with one of the
        // skip words' first letters is looked up, and a phrase is a word
        // ending in its first word followed by the rest (in ASCII, a match
        // of `poll` followed by a space ends a word).
        let b = sentence.as_bytes();
        let starts = |at: usize, p: &[u8]| b.get(at..at + p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p));
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let w = &b[start..i];
            if (3..=10).contains(&w.len())
                && matches!(w[0] | 0x20, b'c' | b'f' | b'l' | b'p' | b'r' | b's' | b't' | b'y')
                && with_lowercase(&sentence[start..i], |w| SKIP_WORDS.contains(&w))
            {
                return true;
            }
            if b.get(i) == Some(&b' ') {
                let ends = |p: &[u8]| w.len() >= p.len() && w[w.len() - p.len()..].eq_ignore_ascii_case(p);
                if (ends(b"poll") && starts(i, b" lead"))
                    || (ends(b"against") && starts(i, b" the"))
                    || (ends(b"exchange") && starts(i, b" rate"))
                {
                    return true;
                }
            }
        }
        return false;
    }
    let sentence = sentence.to_lowercase();
    let words: Vec<&str> = sentence.split(|c: char| !c.is_alphanumeric()).collect();
    words.iter().any(|w| SKIP_WORDS.contains(w)) || SKIP_PHRASES.iter().any(|p| sentence.contains(p))
}

/// Words of [`skipped_sentence`].
const SKIP_WORDS: [&str; 21] = [
    "rank",
    "ranked",
    "ranking",
    "rankings",
    "place",
    "placed",
    "position",
    "spot",
    "seed",
    "seeded",
    "chart",
    "charts",
    "league",
    "table",
    "yen",
    "frequency",
    "range",
    "ranged",
    "ranging",
    "currency",
    "currencies",
];

/// Phrases of [`skipped_sentence`].
const SKIP_PHRASES: [&str; 3] = ["poll lead", "against the", "exchange rate"];

impl Rule for NumberDirection {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // A change needs two figures, each after `to` or `from`: the second
        // after the connector (what `may_connect` asks of the text before
        // it, whatever the first), the first after the lead word that
        // `last_word` must find right before it.
        if cx
            .facts
            .numbers
            .iter()
            .filter(|n| after_connector(text, n))
            .nth(1)
            .is_none()
        {
            return;
        }
        let mut nums: Vec<&NumberFact> = Vec::new();
        let mut cursor = NumberCursor::new(&cx.facts.numbers);
        for s in &cx.doc.sentences {
            nums.clear();
            nums.extend(cursor.within(s.span));
            // A change needs two figures; most sentences have fewer.
            if nums.len() < 2 {
                continue;
            }
            // And two figures joined by `to` or `from`: a necessary
            // condition of `connector`, asked before anything is copied.
            if !(1..nums.len()).any(|i| may_connect(text, nums[i - 1], nums[i]) && after_connector(text, nums[i - 1])) {
                continue;
            }
            // Whether the sentence speaks of rankings, exchange rates and the
            // like: asked only before a report (nothing else has effects),
            // and then no pair of the sentence is reported.
            let mut skipped: Option<bool> = None;
            for i in 1..nums.len() {
                let (x, y) = (nums[i - 1], nums[i]);
                if !may_connect(text, x, y) || !after_connector(text, x) {
                    continue;
                }
                let Some(between) = connector(cx, x, y) else { continue };
                // `from A to B` or `to B from A`.
                let (a, b, lead) = match between {
                    "to" => (x, y, "from"),
                    "from" => (y, x, "to"),
                    _ => continue,
                };
                if !comparable(a, b) || [a, b].iter().any(|n| european_decimal(n, text)) {
                    continue;
                }
                let Some((conn, w)) = last_word(text, s.span.start, x.span.start) else {
                    continue;
                };
                if !w.eq_ignore_ascii_case(lead) || !text[conn.end..x.span.start].trim().is_empty() {
                    continue;
                }
                // The verb: within six words before the connector, with at
                // most one figure (the change) and no punctuation between.
                let lo = s.span.start.max(conn.start.saturating_sub(60));
                let lo = (lo..=conn.start)
                    .find(|&k| text.is_char_boundary(k))
                    .unwrap_or(conn.start);
                let gap_words = words_back(text, lo, conn.start);
                let mut verb = None;
                for (k, (ws, w)) in gap_words.iter().take(6).enumerate() {
                    let tail = &text[ws.end..conn.start];
                    if tail.contains([',', ';', ':', '(', ')', '"', '“', '”']) {
                        break;
                    }
                    if let Some(v) = verb_of(w) {
                        let hedge = gap_words.get(k + 1).is_some_and(|(_, p)| {
                            matches!(
                                p.to_lowercase().as_str(),
                                "than" | "nearly" | "almost" | "roughly" | "about" | "not" | "never"
                            )
                        });
                        if !hedge {
                            verb = Some((*ws, v));
                        }
                        break;
                    }
                }
                let Some((vs, verb)) = verb else { continue };
                let change: Vec<&&NumberFact> = nums[..i - 1]
                    .iter()
                    .filter(|n| n.span.start >= vs.end && n.span.end <= conn.start)
                    .collect();
                if change.len() > 1 {
                    continue;
                }
                let verb_text = vs.slice(text).to_string();
                // `from 3 to 5 billion`: the first figure shares the multiplier.
                let (ma, mb) = (multiplier(a, text), multiplier(b, text));
                // Only a bare small figure inherits (`from 3 to 5 billion`,
                // not `from 9,962,399 to 10.9 mln`).
                let inherits = |x: &NumberFact, m: f64, other: f64| {
                    x.value.abs() < 1000.0
                        && x.value.abs() * m <= other.abs() * 100.0
                        && x.value.abs() * m >= other.abs() / 100.0
                };
                let (sa, sb) = match (ma == 1.0, mb == 1.0) {
                    (true, false) if inherits(a, mb, b.value) => (mb, 1.0),
                    (false, true) if inherits(b, ma, a.value) => (1.0, ma),
                    _ => (1.0, 1.0),
                };
                let (al, ah) = interval(a, text);
                let (bl, bh) = interval(b, text);
                let (al, ah, bl, bh) = (al * sa, ah * sa, bl * sb, bh * sb);
                let (av, bv) = (a.value * sa, b.value * sb);
                let aw = a.span.slice(text).to_string();
                let bw = b.span.slice(text).to_string();
                let whole = vs.to(x.span).to(y.span);
                match verb {
                    Verb::Up if bh < al => {
                        if *skipped.get_or_insert_with(|| skipped_sentence(s.span.slice(text))) {
                            break;
                        }
                        cx.report(
                            whole,
                            format!("\"{verb_text}\" from {aw} to {bw}, but {bw} is lower than {aw}"),
                        )
                        .help("check the verb or the order of the figures");
                        continue;
                    }
                    Verb::Down if bl > ah => {
                        if *skipped.get_or_insert_with(|| skipped_sentence(s.span.slice(text))) {
                            break;
                        }
                        cx.report(
                            whole,
                            format!("\"{verb_text}\" from {aw} to {bw}, but {bw} is higher than {aw}"),
                        )
                        .help("check the verb or the order of the figures");
                        continue;
                    }
                    Verb::Times(f) if al > 0.0 && !(bl / ah <= f * 1.25 && bh / al >= f * 0.8) => {
                        if *skipped.get_or_insert_with(|| skipped_sentence(s.span.slice(text))) {
                            break;
                        }
                        cx.report(
                            whole,
                            format!(
                                "\"{verb_text}\" from {aw} to {bw}, but {bw} is {:.2} times {aw}",
                                bv / av
                            ),
                        )
                        .help("check the verb or the figures");
                        continue;
                    }
                    _ => {}
                }
                let Some(c) = change.first() else { continue };
                // The change follows its verb: `rose 5 pct`, `fell by 20`.
                let lead_in = text[vs.end..c.span.start].trim().to_lowercase();
                if !(lead_in.is_empty() || lead_in == "by") {
                    continue;
                }
                if c.approx || !c.is_quantity() || c.second.is_some() || a.approx || b.approx {
                    continue;
                }
                let (cl, ch) = interval(c, text);
                // A whole percentage is rounded to the point: `up 5 pct`.
                let (cl, ch) = if c.kind == NumberKind::Percent && c.value.fract() == 0.0 && cl == ch {
                    (cl - 0.5, ch + 0.5)
                } else {
                    (cl, ch)
                };
                let cw = c.span.slice(text).to_string();
                let (lo, hi, what) = if c.kind == NumberKind::Percent && a.kind != NumberKind::Percent {
                    if al <= 0.0 {
                        continue;
                    }
                    let p1 = ((bl - ah) / ah * 100.0).abs();
                    let p2 = ((bh - al) / al * 100.0).abs();
                    let actual = ((bv - av) / av * 100.0).abs();
                    (p1.min(p2), p1.max(p2), format!("{actual:.1}%"))
                } else if c.kind == a.kind && c.currency == a.currency && a.kind != NumberKind::Percent {
                    let d1 = (bl - ah).abs();
                    let d2 = (bh - al).abs();
                    (d1.min(d2), d1.max(d2), format_num((bv - av).abs()))
                } else {
                    continue;
                };
                let straddles = (bl - ah).signum() != (bh - al).signum();
                let lo = if straddles { 0.0 } else { lo };
                if ch.abs() < lo * 0.98 || cl.abs() > hi * 1.02 {
                    if *skipped.get_or_insert_with(|| skipped_sentence(s.span.slice(text))) {
                        break;
                    }
                    cx.report(
                        c.span,
                        format!("a change of {cw} does not match {aw} to {bw}, a change of {what}"),
                    )
                    .label(a.span, "start")
                    .label(b.span, "end")
                    .help("check the change or the figures it joins");
                }
            }
        }
    }
}

/// A figure for a message: `20`, `1.25`, `4500000`.
pub(crate) fn format_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn ends_in_connector_agrees_with_trimming_the_text() {
        let slow = |t: &str| {
            let t = t.trim_end().as_bytes();
            [&b"to"[..], &b"from"[..]]
                .iter()
                .any(|w| t.len() >= w.len() && t[t.len() - w.len()..].eq_ignore_ascii_case(w))
        };
        let texts = [
            "rose to ",
            "rose TO\t",
            "fell from\n\r ",
            "fell From",
            "into ",
            "go\u{a0}to\u{a0}",
            "caf\u{e9} ",
            "to\u{2009}",
            "\u{e9}to ",
            "",
            " ",
            "o ",
            "m",
            "from\u{b}",
            "tom ",
            "to\u{1f}",
            "Fr\u{f6}m ",
            "\u{a0}",
            "rose 5",
            "up (",
            "fell\t",
            "price: ",
            "go  ",
            "TOM",
            "from",
            "to",
            "x to",
        ];
        for t in texts {
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                assert_eq!(
                    ends_in_connector(t, from, t.len()),
                    slow(&t[from..]),
                    "{t:?} from {from}"
                );
            }
            // Not a slice of the text: no connector.
            assert!(!ends_in_connector(t, 0, t.len() + 1), "{t:?}");
            assert!(!ends_in_connector(t, 1, 0), "{t:?}");
        }
        assert!(!ends_in_connector("caf\u{e9}", 0, 4), "inside a character");
    }

    #[test]
    fn flags_a_verb_against_its_figures() {
        assert_flags::<NumberDirection>(
            "Support rose from 62 percent to 58 percent.",
            &["rose from 62 percent to 58 percent"],
        );
        assert_flags::<NumberDirection>("The deficit fell from 3 to 5 billion.", &["fell from 3 to 5 billion"]);
        assert_flags::<NumberDirection>(
            "Exports fell from 3 billion to 5 billion.",
            &["fell from 3 billion to 5 billion"],
        );
        assert_flags::<NumberDirection>("Membership doubled from 10 to 15.", &["doubled from 10 to 15"]);
        assert_flags::<NumberDirection>(
            "Stocks rose to 193,100 tons in December from 194,400 tons in November.",
            &["rose to 193,100 tons in December from 194,400"],
        );
        assert_flags::<NumberDirection>(
            "Profit fell to 3.45 dlrs per share from 1.80 dlrs.",
            &["fell to 3.45 dlrs per share from 1.80 dlrs"],
        );
        assert_flags::<NumberDirection>(
            "Sales fell sharply to 5 mln dlrs from 3 mln dlrs.",
            &["fell sharply to 5 mln dlrs from 3 mln dlrs"],
        );
    }

    #[test]
    fn flags_a_change_that_does_not_match() {
        assert_flags::<NumberDirection>("Profit was up 5% to 120 from 100.", &["5%"]);
        assert_flags::<NumberDirection>("Net income rose 40 dlrs to 120 dlrs from 100 dlrs.", &["40 dlrs"]);
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// No number rule panics on text built from figures and the words
        /// the rules look for.
        #[test]
        fn number_rules_never_panic(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[0-9]{1,4}(\\.[0-9])?").expect("valid regex"),
                    proptest::sample::select(vec![
                        "rose", "fell", "from", "to", "doubled", "up", "of", "in", "(", ")", "%", "percent", ",",
                        "or", "and", ":", "the", "victims", "people", "died", "men", "women", "miles", "km", "yes",
                        "no", "remaining", "town", "killed", "five", "é", "\n", ".", "mln", "dlrs", "by",
                    ]).prop_map(str::to_string),
                ],
                0..30,
            )
        ) {
            use crate::rules::testing::run;
            let text = parts.join(" ");
            run::<NumberDirection>(&text);
            run::<crate::rules::number_ratio::NumberRatio>(&text);
            run::<crate::rules::number_conversion::NumberConversion>(&text);
            run::<crate::rules::number_word_digit::NumberWordDigit>(&text);
            run::<crate::rules::number_percent_sum::NumberPercentSum>(&text);
            run::<crate::rules::number_count_mismatch::NumberCountMismatch>(&text);
            run::<crate::rules::number_restated_mismatch::NumberRestatedMismatch>(&text);
            run::<crate::rules::number_swapped_magnitude::NumberSwappedMagnitude>(&text);
        }
    }

    #[test]
    fn verb_of_reads_the_lists() {
        let kind = |v: Option<Verb>| match v {
            Some(Verb::Up) => 1.0,
            Some(Verb::Down) => -1.0,
            Some(Verb::Times(f)) => 10.0 + f,
            None => 0.0,
        };
        for w in UP {
            assert_eq!(kind(verb_of(w)), 1.0, "{w}");
            assert_eq!(kind(verb_of(&w.to_uppercase())), 1.0, "{w}");
        }
        for w in DOWN {
            assert_eq!(kind(verb_of(w)), -1.0, "{w}");
        }
        for (w, f) in MULTIPLE {
            assert_eq!(kind(verb_of(w)), 10.0 + f, "{w}");
        }
        assert_eq!(kind(verb_of("SAN\u{212A}")), -1.0);
        for w in ["", "u", "rosy", "upward", "the", "Ünter", "increasingly"] {
            assert_eq!(kind(verb_of(w)), 0.0, "{w}");
        }
    }

    #[test]
    fn skipped_sentence_reads_ascii_as_the_lower_cased_copy() {
        let slow = |s: &str| {
            let l = s.to_lowercase();
            l.split(|c: char| !c.is_alphanumeric()).any(|w| SKIP_WORDS.contains(&w))
                || SKIP_PHRASES.iter().any(|p| l.contains(p))
        };
        for s in [
            "The yen rose to 161 from 221.",
            "It rose AGAINST THE dollar.",
            "Its straw-poll leadership grew.",
            "Exchange rates fell from 3 to 2.",
            "exchange  rate fell",
            "against\nthe odds",
            "Sales rose from 3 to 5.",
            "He placed third.",
            "It fell to 20th PLACE.",
            "ranks rose",
            "Her poll lead",
        ] {
            assert_eq!(skipped_sentence(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn lemma_of_is_the_lemma() {
        for noun in [
            "cities", "classes", "bonus", "boxes", "churches", "wishes", "houses", "homes", "people", "men", "women",
            "children", "days", "s", "es", "ies", "ss", "us", "series", "x",
        ] {
            let n = NumberFact {
                span: Span::new(0, 1),
                value: 2.0,
                kind: NumberKind::Cardinal,
                in_words: false,
                currency: None,
                strong: false,
                noun: None,
                noun_text: Some(noun.to_string()),
                class: None,
                second: None,
                unit: None,
                approx: false,
            };
            assert_eq!(lemma_of(&n).map(|l| l.into_owned()), n.lemma(), "{noun}");
        }
    }

    #[test]
    fn silent_on_consistent_changes() {
        assert_silent::<NumberDirection>("Support fell from 62 percent to 58 percent.");
        assert_silent::<NumberDirection>("Profit was up 20% to 120 from 100.");
        assert_silent::<NumberDirection>("Profit rose 12 pct to 1.2 billion dlrs from 1.07 billion dlrs.");
        assert_silent::<NumberDirection>("Membership doubled from 10 to 21.");
        assert_silent::<NumberDirection>("Debt doubled from 3 to 6 billion.");
        assert_silent::<NumberDirection>("Membership more than doubled from 10 to 35.");
        assert_silent::<NumberDirection>("She climbed from 10 to 3 in the world rankings.");
        assert_silent::<NumberDirection>("The train from 5 to 7 was cut.");
        assert_silent::<NumberDirection>("The yen rose to 161 from 221 against the dollar.");
        assert_silent::<NumberDirection>("Estimates ranged from 2.3 to 2.6 mln, down from 2.4 to 2.7 mln.");
        assert_silent::<NumberDirection>("Sales fell to 950,000 from one\nmln in March.");
        assert_silent::<NumberDirection>("Truck sales were up 10.9\npct to 42,593 from 38,402.");
        assert_silent::<NumberDirection>("Prices rose, and the index went from 120 to 110.");
        assert_silent::<NumberDirection>("The stable index rose to 5 from 3.");
        assert_silent::<NumberDirection>(
            "Assets fell to 2.41 billion from 4.43 billion and debts fell to 1.88 billion.",
        );
        assert_silent::<NumberDirection>("It plans to raise the fee March one from six points to 10 points.");
        assert_silent::<NumberDirection>("The Taiwan dollar rose to 36.77 to the U.S. currency from 40.45.");
        assert_silent::<NumberDirection>("Output rose to 521.1 mln dlrs from 416.9 mln in 1985.");
    }
}
