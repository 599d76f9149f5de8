//! Paragraphs and sentences. Paragraphs come from blank lines (and, in wire
//! copy, from indented first lines); sentences from terminal punctuation that
//! is not part of an abbreviation, an initial or a number.

use crate::config::Lexicons;
use crate::source::Span;
use crate::swar::{Bits, Lanes, Sixteen};

/// Splits a plain-text body into paragraph spans: blank lines separate
/// paragraphs, and so does an indented line after an unindented one or after
/// a line that ends a sentence (Reuters indents each paragraph's first line).
pub(crate) fn plain_paragraphs(mask: &str, body: Span, maps: &Maps) -> Vec<Span> {
    // About a paragraph per 200 bytes of news: a list that does not grow
    // for most articles.
    let mut out = Vec::with_capacity(body.len() / 128 + 4);
    let mut start: Option<usize> = None;
    // The last line with content so far, whose trimmed end is the end of
    // the open paragraph: trimmed only when the paragraph closes.
    let mut last_line = (body.start, body.start);
    let mut pos = body.start;
    let text = &mask[..body.end];
    let bytes = text.as_bytes();
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    // Byte by byte over ASCII whitespace; a line ending in other bytes is
    // trimmed as `str::trim_end` would.
    let content_end = |(from, to): (usize, usize)| {
        let mut end = to;
        while end > from && space(bytes[end - 1]) {
            end -= 1;
        }
        if end > from && bytes[end - 1].is_ascii() {
            end
        } else {
            trim_bounds(&text[from..to]).map_or(from, |(_, e)| from + e)
        }
    };
    // From the document's map: most lines are short, and a search per
    // line paid its set-up cost once per line.
    let mut breaks = Bits::new(maps.breaks(), pos, body.end);
    while pos < body.end {
        let line_end = breaks.next_from(pos).unwrap_or(body.end);
        // The indent, byte by byte over ASCII whitespace; a line whose
        // content starts with another byte is trimmed as `str::trim_start`
        // would.
        let mut lead = pos;
        while lead < line_end && space(bytes[lead]) {
            lead += 1;
        }
        let bounds = if lead == line_end {
            None
        } else if bytes[lead].is_ascii() {
            Some(lead - pos)
        } else {
            trim_bounds(&text[pos..line_end]).map(|(lead, _)| lead)
        };
        match bounds {
            None => {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, content_end(last_line)));
                }
            }
            Some(lead) => {
                if lead > 0
                    && start.is_some()
                    && let Some(s) = start.take()
                {
                    out.push(Span::new(s, content_end(last_line)));
                }
                if start.is_none() {
                    start = Some(pos + lead);
                }
                last_line = (pos, line_end);
            }
        }
        // Step past the line terminator (\n, \r\n or \r).
        pos = line_end;
        if bytes.get(pos) == Some(&b'\r') && bytes.get(pos + 1) == Some(&b'\n') {
            pos += 2;
        } else if pos < body.end {
            pos += 1;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, content_end(last_line)));
    }
    out
}

/// Where `t`'s content starts and ends, as [`str::trim`] would cut it:
/// `None` when it is all whitespace. Byte by byte over ASCII edges (nearly
/// every line and piece), by chars only from a non-ASCII edge byte.
pub(crate) fn trim_bounds(t: &str) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    // The ASCII chars `char::is_whitespace` takes: tab to carriage return
    // (vertical tab included) and space.
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let mut lead = 0;
    while lead < b.len() && space(b[lead]) {
        lead += 1;
    }
    if b.get(lead).is_some_and(|c| !c.is_ascii()) {
        lead = t.len() - t.trim_start().len();
    }
    if lead == t.len() {
        return None;
    }
    let mut end = b.len();
    while space(b[end - 1]) {
        end -= 1;
    }
    if !b[end - 1].is_ascii() {
        end = t.trim_end().len();
    }
    Some((lead, end))
}

/// Where the bytes the segmenter and the word list look for are, one bit
/// per byte of the text (bit `i % 64` of word `i / 64` for byte `i`):
/// found for the whole document in one pass, not by a search per line, per
/// sentence and per word.
pub(crate) struct Maps {
    /// Four maps of `n` words each, in one allocation: `.`, `?`, `!`, the
    /// lead byte of `…` (0xE2) and `:`; `\n` and `\r`; the bytes inside a
    /// word; the bytes that are not ASCII.
    all: Vec<u64>,
    n: usize,
}

impl Maps {
    pub(crate) fn new(text: &str) -> Maps {
        let bytes = text.as_bytes();
        let n = bytes.len().div_ceil(64);
        let mut all = vec![0u64; 4 * n];
        let (marks, rest) = all.split_at_mut(n);
        let (breaks, rest) = rest.split_at_mut(n);
        let (words, wide) = rest.split_at_mut(n);
        // Bit 63 of the previous block's letters-and-digits and digits.
        let (mut prev_alnum, mut prev_digit) = (0u64, 0u64);
        for (k, (((mark, brk), word), high)) in marks
            .iter_mut()
            .zip(breaks.iter_mut())
            .zip(words.iter_mut())
            .zip(wide.iter_mut())
            .enumerate()
        {
            let at = 64 * k;
            let mut padded = [b' '; 64];
            let chunk: &[u8; 64] = match bytes.get(at..at + 64) {
                Some(whole) => whole.try_into().expect("64 bytes"),
                None => {
                    // Spaces are in none of the classes.
                    padded[..bytes.len() - at].copy_from_slice(&bytes[at..]);
                    &padded
                }
            };
            let c = Classes::of(chunk);
            *mark = c.marks;
            *brk = c.breaks;
            *high = c.wide;
            // The byte after the block, for joiners on its last byte.
            let next = bytes.get(at + 64).copied().unwrap_or(b' ');
            let after_alnum = c.alnum >> 1 | u64::from(next.is_ascii_alphanumeric()) << 63;
            let after_digit = c.digit >> 1 | u64::from(next.is_ascii_digit()) << 63;
            let before_alnum = c.alnum << 1 | prev_alnum;
            let before_digit = c.digit << 1 | prev_digit;
            *word = c.alnum | (c.join & before_alnum & after_alnum) | (c.comma & before_digit & after_digit);
            prev_alnum = c.alnum >> 63;
            prev_digit = c.digit >> 63;
        }
        Maps { all, n }
    }

    fn marks(&self) -> &[u64] {
        &self.all[..self.n]
    }

    fn breaks(&self) -> &[u64] {
        &self.all[self.n..2 * self.n]
    }

    /// The bytes inside a word as [`super::Document::words`] reads an
    /// ASCII text whole: a letter or digit, a joiner (`'` `-` `.`) between
    /// a letter or digit and another, a comma between two digits.
    pub(crate) fn words(&self) -> &[u64] {
        &self.all[2 * self.n..3 * self.n]
    }

    /// The bytes that are not ASCII.
    pub(crate) fn wide(&self) -> &[u64] {
        &self.all[3 * self.n..]
    }
}

/// The byte classes of 64 bytes, one bit per byte.
struct Classes {
    alnum: u64,
    digit: u64,
    /// `'`, `-` and `.`.
    join: u64,
    comma: u64,
    marks: u64,
    breaks: u64,
    wide: u64,
}

impl Classes {
    #[inline(always)]
    fn of(chunk: &[u8; 64]) -> Classes {
        let mut c = Classes {
            alnum: 0,
            digit: 0,
            join: 0,
            comma: 0,
            marks: 0,
            breaks: 0,
            wide: 0,
        };
        for (k, sixteen) in chunk.chunks_exact(16).enumerate() {
            let v = Sixteen::new(sixteen.try_into().expect("sixteen bytes"));
            let shift = 16 * k;
            // The classes are joined as vectors; each gives its bits once.
            let digit = v.range_lanes(b'0', b'9');
            let dot = v.eq_lanes(b'.');
            let bits = |lanes: Lanes| u64::from(lanes.bits()) << shift;
            c.alnum |= bits(v.letter_lanes() | digit);
            c.digit |= bits(digit);
            c.join |= bits(dot | v.eq_lanes(b'\'') | v.eq_lanes(b'-'));
            c.comma |= bits(v.eq_lanes(b','));
            c.marks |= bits(dot | v.eq_lanes(b'?') | v.eq_lanes(b'!') | v.eq_lanes(0xe2) | v.eq_lanes(b':'));
            c.breaks |= bits(v.eq_lanes(b'\n') | v.eq_lanes(b'\r'));
            c.wide |= u64::from(v.wide()) << shift;
        }
        c
    }
}

/// Splits a whole text into sentence spans with the default lexicons. Every
/// line break ends a sentence, as in a plain list of lines; use
/// [`split_sentences_wrapped`] for hard-wrapped prose. The public face of the
/// splitter, for evaluation and other consumers.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let lex = Lexicons::default_set();
    let maps = Maps::new(text);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut unit_start: Option<usize> = None;
    let lines: Vec<&str> = text.split_inclusive(['\n', '\r']).collect();
    for (n, line) in lines.iter().enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let content = body.trim();
        if !content.is_empty() && unit_start.is_none() {
            unit_start = Some(pos + lead);
        }
        pos += line.len();
        // An errant line break: after a space and before a lower-case word
        // (`a cold \nnight`) the line goes on.
        let errant = body.ends_with(char::is_whitespace)
            && !content.is_empty()
            && lines
                .get(n + 1)
                .is_some_and(|l| l.starts_with(|c: char| c.is_lowercase() || c == '('));
        if errant {
            continue;
        }
        if let Some(s) = unit_start.take() {
            let end = s + text[s..pos].trim_end().len();
            sentences_into(text, Span::new(s, end), &lex, &maps, &mut Vec::new(), &mut out);
        }
    }
    out
}

/// Splits hard-wrapped prose into sentence spans with the default lexicons:
/// paragraphs at blank lines (and indented first lines), single line breaks
/// inside a paragraph read as spaces. This is how articles are segmented.
pub fn split_sentences_wrapped(text: &str) -> Vec<Span> {
    let lex = Lexicons::default_set();
    let maps = Maps::new(text);
    let mut out = Vec::new();
    for para in plain_paragraphs(text, Span::new(0, text.len()), &maps) {
        sentences_into(text, para, &lex, &maps, &mut Vec::new(), &mut out);
    }
    out
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const TERMINALS: &[char] = &['.', '?', '!', '…'];

/// Splits one paragraph into sentence spans (trimmed, never empty).
#[cfg(test)]
pub(crate) fn sentences(mask: &str, para: Span, lex: &Lexicons) -> Vec<Span> {
    let mut out = Vec::new();
    sentences_into(mask, para, lex, &Maps::new(mask), &mut Vec::new(), &mut out);
    out
}

/// The sentences of one paragraph, appended to `out`, with `cuts` as
/// scratch space: the document keeps both across its paragraphs instead of
/// allocating two lists per paragraph. `maps` are the maps of `mask`.
pub(crate) fn sentences_into(
    mask: &str,
    para: Span,
    lex: &Lexicons,
    maps: &Maps,
    cuts: &mut Vec<usize>,
    out: &mut Vec<Span>,
) {
    let text = &mask[para.start..para.end];
    // The paragraph's marks, read once from the document's map, lead the
    // scratch list; the cuts follow them.
    cuts.clear();
    cuts.extend(Bits::new(maps.marks(), para.start, para.end).map(|p| p - para.start));
    let n = cuts.len();
    let markers = list_markers(text, &cuts[..n]);
    cuts.extend(markers.iter().skip(1).map(|m| m.0));
    let bytes = text.as_bytes();
    let char_at = |p: usize| text.get(p..).and_then(|t| t.chars().next());
    let char_before = |p: usize| text[..p].chars().next_back();
    let mut i = 0;
    // Only terminal marks matter: jump from one to the next. Every terminal
    // is ASCII but `…` (E2 80 A6), and an ASCII byte is never inside a
    // multi-byte char.
    // `…` starts with the lead byte of a three-byte char.
    let mut k = 0;
    loop {
        // The first mark at or after `i`.
        while k < n && cuts[k] < i {
            k += 1;
        }
        let Some(&at) = cuts[..n].get(k) else {
            break;
        };
        i = at;
        if bytes[i] == b':' || (bytes[i] == 0xE2 && !text[i..].starts_with('…')) {
            i += 1;
            continue;
        }
        if let Some(m) = markers.iter().find(|m| m.0 <= i && i < m.1) {
            // The full stop of a list marker (`1.`, `a.`) ends nothing.
            i = m.1;
            continue;
        }
        // A mark glued to a digit or a small letter (`3.5`, `e.g.`,
        // `reuters.com`) ends nothing: only a capital may start a glued
        // sentence, below.
        if bytes[i] != 0xE2
            && bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        {
            i += 1;
            continue;
        }
        let c = if bytes[i] == 0xE2 { '…' } else { char::from(bytes[i]) };
        // Take the whole run of terminal punctuation and closing marks,
        // including a spaced ellipsis (`. . .`).
        let mut j = i + c.len_utf8();
        let mut spaced = false;
        loop {
            match char_at(j) {
                Some(n) if TERMINALS.contains(&n) || CLOSERS.contains(&n) => j += n.len_utf8(),
                Some(' ') if c == '.' && bytes[j - 1] == b'.' && bytes.get(j + 1) == Some(&b'.') => {
                    spaced = true;
                    j += 2;
                }
                _ => break,
            }
        }
        let Some(next_char) = char_at(j) else {
            break;
        };
        let end = j;
        let run = &text[i..end];
        // Most runs are one mark: count dots only in longer ones.
        let (dots, ellipsis) = if run.len() == 1 {
            (usize::from(c == '.'), false)
        } else {
            let b = run.as_bytes();
            (
                memchr::memchr_iter(b'.', b).count(),
                b.windows(2).any(|w| w == b"..") || run.contains('…') || spaced,
            )
        };
        // `[...]` marks an omission inside a quotation.
        let bracketed = text[..i].ends_with('[');
        if bracketed {
            i = j;
            continue;
        }
        let before = char_before(i);
        if !next_char.is_whitespace() {
            // `Hello world.Today is Tuesday.`: a full stop glued to a
            // capitalized word after a lower-case word or a figure.
            if c == '.'
                && run == "."
                && next_char.is_uppercase()
                && char_at(j + next_char.len_utf8()).is_some_and(char::is_lowercase)
                && before.is_some_and(|b| b.is_lowercase() || b.is_ascii_digit())
            {
                let token_start = text[..i]
                    .rfind(char::is_whitespace)
                    .map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
                let token_end = text[i..].find(char::is_whitespace).map_or(text.len(), |p| i + p);
                let token = &text[token_start..token_end];
                let web = token.contains('@') || token.contains("://") || token.starts_with("www.");
                let word = word_before(text, i);
                if !web
                    && !word.contains('.')
                    && !crate::extract::with_lowercase(word, |w| lex.has(lex.known().abbreviations, w))
                {
                    cuts.push(end);
                }
            }
            i = j;
            continue;
        }
        let next = text[end..].trim_start();
        let next_upper = next.starts_with(|ch: char| ch.is_uppercase());
        if spaced {
            // `compounds. . . . The practice`: a full stop, then an
            // ellipsis that opens the next sentence. `period . . . . Next`:
            // the four dots end the sentence. Three spaced dots are an
            // omission inside the sentence.
            let attached = before.is_some_and(|b| !b.is_whitespace());
            if dots >= 4 && next_upper {
                cuts.push(if attached { i + 1 } else { end });
            }
        } else if ellipsis {
            if next_upper && !next.starts_with("I ") {
                cuts.push(end);
            }
        } else if is_boundary(text, i, c, end, lex) {
            cuts.push(end);
        }
        i = j;
    }
    // A repeated cut is passed over below (it is not after `start`).
    cuts[n..].sort_unstable();
    let mut start = 0usize;
    for &cut in &cuts[n..] {
        if cut > start && cut <= text.len() {
            push_trimmed(out, para.start, text, start, cut);
            start = cut;
        }
    }
    push_trimmed(out, para.start, text, start, text.len());
}

/// Enumerated list markers (`1.)`, `2)`, `3.`, `a.`, optionally after a
/// bullet `•`) as byte ranges of the paragraph: one at the paragraph's start,
/// followed by the markers that continue its numbering in order.
fn list_markers(text: &str, marks: &[usize]) -> Vec<(usize, usize)> {
    // A marker starts with a digit, a small letter, a space or a bullet:
    // a paragraph starting with a capital (nearly all) has none there.
    if !text.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && let Some(first) = marker_at(text, 0)
    {
        return chain(text, 0, first);
    }
    // A list may also start after a sentence inside the paragraph
    // (`Finally, this. 1. The first item 2. The second item`); there it
    // must start at one and run to at least two markers.
    let bytes = text.as_bytes();
    for &found in marks {
        let at = found + 1;
        if bytes[found] == 0xE2 {
            // Not a mark here: the lead byte of a char (`…`, a dash).
            continue;
        }
        if text[at..].starts_with(' ') {
            let cand = at + 1;
            if let Some(m) = marker_at(text, cand).filter(|m| m.value == 1) {
                let found = chain(text, cand, m);
                if found.len() >= 2 {
                    let mut out = vec![(cand, cand)];
                    out.extend(found);
                    return out;
                }
            }
        }
    }
    Vec::new()
}

/// The markers continuing the numbering of `first` (at `start`).
fn chain(text: &str, start: usize, first: Marker) -> Vec<(usize, usize)> {
    let mut out = vec![(start, first.end)];
    let mut want = first.value + 1;
    let mut pos = first.end;
    let mut last = first.end;
    // List items are short: give up when the next marker does not come
    // within a few hundred bytes, which also keeps the search linear.
    while pos < text.len() && pos - last < 600 {
        let Some(rel) = text[pos..].find(char::is_whitespace) else {
            break;
        };
        let at = pos + rel;
        let ws = text[at..].chars().next().map_or(1, char::len_utf8);
        let cand = at + ws;
        if let Some(m) = marker_at(text, cand).filter(|m| m.value == want && m.kind == first.kind) {
            out.push((cand, m.end));
            want += 1;
            pos = m.end;
            last = m.end;
        } else {
            pos = cand;
        }
    }
    out
}

struct Marker {
    end: usize,
    value: u32,
    kind: (bool, &'static str),
}

/// A list marker starting at `at`, followed by whitespace.
fn marker_at(text: &str, at: usize) -> Option<Marker> {
    let rest = text.get(at..)?;
    // A marker starts with a digit, a small letter, a bullet (not ASCII)
    // or spaces before one of those: most words are turned away here.
    let first = *rest.as_bytes().first()?;
    if !(first.is_ascii_digit() || first.is_ascii_lowercase() || first == b' ' || !first.is_ascii()) {
        return None;
    }
    let body = rest.trim_start_matches(['•', '⁃', '◦', '▪']).trim_start_matches(' ');
    let skipped = rest.len() - body.len();
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let (value, alpha, len) = if (1..=2).contains(&digits) {
        (body[..digits].parse::<u32>().ok()?, false, digits)
    } else if digits == 0 {
        let c = body.chars().next().filter(char::is_ascii_lowercase)?;
        (u32::from(c) - u32::from('a') + 1, true, 1)
    } else {
        return None;
    };
    let after = &body[len..];
    let suffix = [".)", ")", "."].into_iter().find(|s| after.starts_with(*s))?;
    let end = at + skipped + len + suffix.len();
    text[end..].starts_with(char::is_whitespace).then_some(Marker {
        end,
        value,
        kind: (alpha, suffix),
    })
}

#[inline]
fn push_trimmed(out: &mut Vec<Span>, base: usize, text: &str, s: usize, e: usize) {
    if let Some((lead, end)) = trim_bounds(&text[s..e]) {
        out.push(Span::new(base + s + lead, base + s + end));
    }
}

/// The word ending at byte `dot` (exclusive), including inner periods:
/// `U.S` for `U.S.`, `Sept` for `Sept.`.
fn word_before(text: &str, dot: usize) -> &str {
    // Byte by byte while the word is ASCII, as it nearly always is.
    let b = text.as_bytes();
    let mut i = dot;
    while i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b'\'') {
        i -= 1;
    }
    if i == 0 || b[i - 1].is_ascii() {
        return &text[i..dot];
    }
    let start = text[..dot]
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
    &text[start..dot]
}

/// Whether a word with inner periods reads as an abbreviation (`U.S`,
/// `a.m`, `Ph.D`) rather than a file or web name (`content.html`).
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|seg| (1..=2).contains(&seg.chars().count()) && seg.chars().all(char::is_alphabetic))
}

/// Whether the terminal mark at `at` ends a sentence, given the text after
/// the whitespace at `after`.
fn is_boundary(text: &str, at: usize, mark: char, after: usize, lex: &Lexicons) -> bool {
    let next = text[after..].trim_start();
    let Some(first) = next.chars().next() else {
        return true;
    };
    // A lower-case continuation is never a new sentence (`p.m. on Sunday`,
    // `"Stop!" he said`).
    if first.is_lowercase() {
        return false;
    }
    if mark != '.' || after > at + 1 {
        // `?`, `!`, or a full stop inside closing marks (`here.” Then`).
        return true;
    }
    let word = word_before(text, at);
    let mut bare = word.trim_start_matches('\'');
    // After a glued boundary (`Tuesday.Mr.`) only the last part counts.
    if bare.contains('.') && !is_dotted_abbreviation(bare) {
        bare = bare.rsplit('.').next().unwrap_or(bare);
    }
    let next_digit = first.is_ascii_digit();
    if bare.is_empty() {
        // After a symbol (`N°. 1026`) a figure continues the sentence.
        return !next_digit;
    }
    if bare.chars().count() == 1 {
        let c = bare.chars().next().unwrap_or(' ');
        // The pronoun after a lower-case word ends a sentence (`you and
        // I. Did`); otherwise a single capital is an initial (`John F.
        // Kennedy`, `by J. Smith`) and a single small letter an
        // abbreviation (`p. 55`).
        if c == 'I' {
            let prev = text[..at - 1].trim_end();
            let prev_word = prev.rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
            return prev_word.starts_with(char::is_lowercase);
        }
        if c.is_alphabetic() {
            return false;
        }
    }
    // A capitalized short word before an initial and a name is part of the
    // name: `Chas. P. Young`, `Wm. H. Smith`.
    let mut it = next.chars();
    if bare.starts_with(char::is_uppercase)
        && bare.chars().count() <= 4
        && it.next().is_some_and(char::is_uppercase)
        && it.next() == Some('.')
        && it.next() == Some(' ')
        && it.next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    crate::extract::with_lowercase(bare, |lower| {
        boundary_after_word(text, at, bare, lower, next, first, lex)
    })
}

/// The end of [`is_boundary`], once the word before the full stop is known
/// in lower case.
fn boundary_after_word(
    text: &str,
    at: usize,
    bare: &str,
    lower: &str,
    next: &str,
    first: char,
    lex: &Lexicons,
) -> bool {
    let next_digit = first.is_ascii_digit();
    let hits = lex.hits(lower);
    let known = lex.known();
    // Titles always take a name: `Dr. Okafor`.
    if hits.has(known.titles) {
        return false;
    }
    let abbreviation = hits.has(known.abbreviations) || is_dotted_abbreviation(bare);
    // An abbreviation or short word before a figure: `p. 55`, `No. 5`,
    // `Sept. 27`.
    if next_digit && (abbreviation || (bare.chars().count() <= 3 && bare.chars().all(char::is_alphabetic))) {
        return false;
    }
    // A clock time (`6 p.m.`) ends the sentence before a capitalized word
    // unless that word goes on dating it (`6 p.m. Sunday`, `6 p.m. EDT`,
    // `6 p.m. Eastern time`) or is a title (`5 a.m. Mr. Smith`).
    if matches!(lower, "a.m" | "p.m")
        && text[..at]
            .trim_end_matches(|c: char| c != ' ')
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
    {
        let next_word = first_word(next);
        return crate::extract::with_lowercase(next_word, |nl| {
            let dating = TIME_CONTINUATIONS.contains(&nl)
                || nl.ends_with("day")
                || ((2..=4).contains(&next_word.len()) && next_word.chars().all(|c| c.is_ascii_uppercase()));
            let hits = lex.hits(nl);
            !(dating || hits.has(known.titles) || hits.has(known.abbreviations))
        });
    }
    // Abbreviations (`Sept.`, `U.S.`) end sentences only before a word that
    // typically starts one.
    if abbreviation {
        return crate::extract::with_lowercase(first_word(next), |w| lex.has(known.sentence_starters, w));
    }
    true
}

/// Words that go on dating a clock time: `6 p.m. Eastern time`, `p.m.
/// local time`, months (`9 a.m. Jan. 5`).
const TIME_CONTINUATIONS: &[&str] = &[
    "eastern",
    "central",
    "pacific",
    "mountain",
    "atlantic",
    "greenwich",
    "local",
    "tonight",
    "today",
    "tomorrow",
    "yesterday",
    "jan",
    "january",
    "feb",
    "february",
    "march",
    "apr",
    "april",
    "may",
    "june",
    "july",
    "aug",
    "august",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

fn first_word(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {

    proptest::proptest! {
        /// The byte-wise walk back finds the word the char-wise search finds.
        #[test]
        fn word_before_matches_a_char_search(text in "[ a-zA-Z0-9.'é,\u{2019}-]{0,12}") {
            let reference = text
                .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
                .map_or(0, |p| p + text[p..].chars().next().map_or(1, char::len_utf8));
            proptest::prop_assert_eq!(word_before(&text, text.len()), &text[reference..]);
        }
    }

    proptest::proptest! {
        /// The byte-wise trim keeps exactly what `str::trim` keeps.
        #[test]
        fn trim_bounds_cut_as_str_trim(piece in "[ \t\n\x0b\x0c\ra.\u{a0}\u{2003}é\x1f\u{85}]{0,12}") {
            let want = (!piece.trim().is_empty())
                .then(|| (piece.len() - piece.trim_start().len(), piece.trim_end().len()));
            proptest::prop_assert_eq!(trim_bounds(&piece), want);
        }

        #[test]
        fn push_trimmed_trims_as_str_trim(piece in "[ \t\n\x0b\x0c\ra.\u{a0}\u{2003}é\x1f]{0,12}") {
            let text = format!("xx{piece}yy");
            let mut got = Vec::new();
            push_trimmed(&mut got, 100, &text, 2, 2 + piece.len());
            let trimmed = piece.trim();
            let want: Vec<Span> = if trimmed.is_empty() {
                Vec::new()
            } else {
                let lead = piece.len() - piece.trim_start().len();
                vec![Span::new(102 + lead, 102 + lead + trimmed.len())]
            };
            proptest::prop_assert_eq!(got, want);
        }
    }

    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let lex = Lexicons::default_set();
        sentences(text, Span::new(0, text.len()), &lex)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("One here. Two there! Three?"),
            ["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            split("Dr. Okafor met U.S. officials on Sept. 27 at 3 p.m. Sunday. John F. Kennedy was there."),
            [
                "Dr. Okafor met U.S. officials on Sept. 27 at 3 p.m. Sunday.",
                "John F. Kennedy was there."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence() {
        assert_eq!(
            split("He moved to the U.S. The move was hard."),
            ["He moved to the U.S.", "The move was hard."]
        );
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        assert_eq!(
            split("“We are close,” she said. “But not there.” Then she left."),
            ["“We are close,” she said.", "“But not there.”", "Then she left."]
        );
        assert_eq!(split("\"Stop!\" he said."), ["\"Stop!\" he said."]);
    }

    #[test]
    fn a_date_fragment_is_its_own_sentence() {
        assert_eq!(
            split("declared its independence in 1991. On September 2. This independence"),
            [
                "declared its independence in 1991.",
                "On September 2.",
                "This independence"
            ]
        );
    }

    #[test]
    fn lists_split_before_each_marker() {
        assert_eq!(
            split("1. The first item 2. The second item"),
            ["1. The first item", "2. The second item"]
        );
        assert_eq!(split("a) One b) Two"), ["a) One", "b) Two"]);
        assert_eq!(
            split("We agreed. 1. Vote early. 2. Vote late."),
            ["We agreed.", "1. Vote early.", "2. Vote late."]
        );
        // A lone figure and a letter are not a list.
        assert_eq!(split("He came 2. The rest left."), ["He came 2.", "The rest left."]);
    }

    #[test]
    fn ellipses_and_glued_stops() {
        assert_eq!(
            split("It was ... well, fine. Next."),
            ["It was ... well, fine.", "Next."]
        );
        assert_eq!(split("It was . . . fine. Next."), ["It was . . . fine.", "Next."]);
        assert_eq!(split("It ended. . . . Then more."), ["It ended.", ". . . Then more."]);
        assert_eq!(split("Hello world.Today is here."), ["Hello world.", "Today is here."]);
        assert_eq!(
            split("Mail Jane.Doe@example.com. Or see example.com/a.html. Then go."),
            ["Mail Jane.Doe@example.com.", "Or see example.com/a.html.", "Then go."]
        );
    }

    #[test]
    fn short_words_before_figures_and_the_pronoun_i() {
        assert_eq!(split("Turn to p. 55. Then stop."), ["Turn to p. 55.", "Then stop."]);
        assert_eq!(split("Ask No. 5 now."), ["Ask No. 5 now."]);
        assert_eq!(
            split("He left at 6 P.M. Travelers stayed."),
            ["He left at 6 P.M.", "Travelers stayed."]
        );
        assert_eq!(
            split("It starts at 6 p.m. Sunday and 7 p.m. EDT."),
            ["It starts at 6 p.m. Sunday and 7 p.m. EDT."]
        );
        assert_eq!(split("At 5 a.m. Mr. Smith left."), ["At 5 a.m. Mr. Smith left."]);
        assert_eq!(
            split("On Monday Chas. P. Young left."),
            ["On Monday Chas. P. Young left."]
        );
        assert_eq!(
            split("You and I. Did Albert I. Jones come?"),
            ["You and I.", "Did Albert I. Jones come?"]
        );
    }

    #[test]
    fn public_splitters_treat_line_breaks_by_mode() {
        let text = "one line\nanother line";
        assert_eq!(split_sentences(text).len(), 2);
        assert_eq!(split_sentences_wrapped(text).len(), 1);
        assert_eq!(split_sentences("It was a cold \nnight.").len(), 1);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            split("It rose 3.2 percent. Then fell."),
            ["It rose 3.2 percent.", "Then fell."]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_indents() {
        let text = "Title\n\nFirst line\nwraps here.\n    Indented new para.\n\n\nLast.";
        let p: Vec<&str> = plain_paragraphs(text, Span::new(0, text.len()), &Maps::new(text))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(p, ["Title", "First line\nwraps here.", "Indented new para.", "Last."]);
    }

    /// The line-by-line paragraph splitter the map-driven one replaced.
    fn reference_paragraphs(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut last_end = 0;
        let mut pos = 0;
        while pos < text.len() {
            let line_end = text[pos..].find(['\n', '\r']).map_or(text.len(), |e| pos + e);
            match trim_bounds(&text[pos..line_end]) {
                None => {
                    if let Some(s) = start.take() {
                        out.push(Span::new(s, last_end));
                    }
                }
                Some((lead, content_end)) => {
                    if lead > 0
                        && let Some(s) = start.take()
                    {
                        out.push(Span::new(s, last_end));
                    }
                    start.get_or_insert(pos + lead);
                    last_end = pos + content_end;
                }
            }
            pos = line_end;
            if text[pos..].starts_with("\r\n") {
                pos += 2;
            } else if pos < text.len() {
                pos += 1;
            }
        }
        if let Some(s) = start {
            out.push(Span::new(s, last_end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn paragraphs_match_the_line_by_line_splitter(text in "([a-z]{1,5}|[ \t.\n\r\x0b]|\r\n|\u{a0}|\u{2003}|é){0,60}") {
            let got = plain_paragraphs(&text, Span::new(0, text.len()), &Maps::new(&text));
            proptest::prop_assert_eq!(got, reference_paragraphs(&text));
        }
    }

    #[test]
    fn crlf_and_cr_paragraphs() {
        let text = "One.\r\n\r\nTwo.\r\rThree.";
        let p: Vec<&str> = plain_paragraphs(text, Span::new(0, text.len()), &Maps::new(text))
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(p, ["One.", "Two.", "Three."]);
    }

    proptest::proptest! {
        /// Splitting never panics, and every sentence is a non-empty span on
        /// char boundaries, in order, inside the text.
        #[test]
        fn splitting_never_panics(text in "[a-zA-Z0-9 .?!…\"“”'’()\\[\\]•⁃\n:,;@/é-]{0,80}") {
            for spans in [split_sentences(&text), split_sentences_wrapped(&text)] {
                let mut last = 0;
                for s in spans {
                    proptest::prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    last = s.end;
                }
            }
        }
    }
}
