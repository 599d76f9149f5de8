use super::{Context, NoOptions, Rule};
use crate::document::{Document, Paragraph, ParagraphKind, Words};
use crate::source::Span;
use crate::swar::{HIGH, pack};

declare_rule! {
    /// Flags a word typed twice in a row, such as `the the`.
    ///
    /// ## What it does
    /// Looks for the same word twice in a row (ignoring case) with only
    /// spaces or one line break between them, inside a paragraph. Words that
    /// may correctly repeat are listed in the `repeatable-words` lexicon:
    /// grammatical doubles (`had had`, `that that`, `what it is is`) and
    /// reduplications (`bye bye`). Figures, two capitalized words (names
    /// such as `Bora Bora`) and all-capital words are not reported.
    ///
    /// ## Why is this bad?
    /// A doubled word is the most common typing slip, and a line break
    /// between the two copies hides it from the writer.
    ///
    /// ## Example
    /// ```text
    /// The minister said the the talks would resume.
    /// ```
    /// Use instead:
    /// ```text
    /// The minister said the talks would resume.
    /// ```
    pub SentenceRepeatedWord, "sentence-repeated-word"
}

/// Whether `span` may hold a reportable pair: a necessary condition, checked
/// without splitting the text into words. A reported pair is two words, the
/// first all letters, with only whitespace between them and equal when
/// lower-cased. So at some run of whitespace the letters before it (back to
/// the span start or to a character that is not a letter) are repeated,
/// in any ASCII case, right after it, and not followed by another letter or
/// digit; any non-ASCII letter involved makes the answer yes, and the full
/// check decides.
fn may_repeat(text: &str, span: Span) -> bool {
    let b = &text.as_bytes()[..span.end];
    let n = b.len();
    let s = span.start;
    let is_gap = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
    // `first` starts the run of ASCII letters that ends at `i`.
    let mut first = s;
    let mut i = s;
    loop {
        // Over the letters, eight at a time.
        let c = loop {
            if let Some(chunk) = b.get(i..i + 8) {
                let m = crate::swar::non_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
                if m != 0 {
                    i += (m.trailing_zeros() / 8) as usize;
                    break b[i];
                }
                i += 8;
            } else {
                while i < n && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                match b.get(i) {
                    Some(&c) => break c,
                    None => return false,
                }
            }
        };
        if !is_gap(c) {
            i += 1;
            first = i;
            continue;
        }
        let gs = i;
        i += 1;
        while i < n && is_gap(b[i]) {
            i += 1;
        }
        if i == n {
            return false;
        }
        let ge = i;
        // A cheap necessary condition, then the exact one. `| 0x20` leaves
        // ASCII letters equal in any case (and some other bytes too).
        let next = b[ge];
        let maybe = if first < gs {
            (next | 0x20) == (b[first] | 0x20) || next >= 0x80 || (first > s && b[first - 1] >= 0x80)
        } else {
            gs > s && b[gs - 1] >= 0x80
        };
        if maybe && repeats_at(text, b, s, first, gs, ge) {
            return true;
        }
        first = ge;
    }
}

/// The exact test behind [`may_repeat`] at one run of whitespace
/// `text[gs..ge]`, `first` starting the ASCII letters before it (`gs` when
/// there are none), `s` the span's start and `b` the text's bytes up to its
/// end.
#[cold]
fn repeats_at(text: &str, b: &[u8], s: usize, first: usize, gs: usize, ge: usize) -> bool {
    let alphabetic_before = |at: usize| text[s..at].chars().next_back().is_some_and(char::is_alphabetic);
    if gs == s {
        return false;
    }
    if first == gs {
        // No ASCII letter ends the first word: it must end in a non-ASCII
        // letter to count.
        return b[gs - 1] >= 0x80 && alphabetic_before(gs);
    }
    // A non-ASCII letter before the ASCII ones belongs to the first word.
    if first > s && b[first - 1] >= 0x80 && alphabetic_before(first) {
        return true;
    }
    let len = gs - first;
    for k in 0..len {
        let Some(&c) = b.get(ge + k) else {
            return false;
        };
        if c >= 0x80 {
            // The first word is ASCII letters, so lower-cased the second
            // must be too: only the Kelvin sign lower-cases to one (`k`).
            return text[ge + k..].starts_with('\u{212A}');
        }
        if !c.eq_ignore_ascii_case(&b[first + k]) {
            return false;
        }
    }
    // The second word must end there too: one more ASCII letter or digit
    // makes it longer, and so different.
    !b.get(ge + len).is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether two neighbouring words of `list` are equal when lower-cased.
/// Neighbours whose first bytes differ in more than ASCII case are told
/// apart at once: a word's first ASCII letter lower-cases to an ASCII
/// letter, and any other ASCII character to itself. The words go
/// [`BLOCK`] at a time: their first bytes are copied out together, then
/// compared with their neighbours' all at once, so that only the rare
/// neighbours that pass are looked at one by one.
///
/// `ascii` tells, when asked, whether the whole text is ASCII: then two
/// words of different lengths are never alike, which settles most of the
/// pairs that pass without a call.
fn any_neighbours_alike(text: &str, list: &[Span], ascii: &mut Option<bool>) -> bool {
    let b = text.as_bytes();
    if *ascii == Some(true) {
        return any_ascii_neighbours_alike(b, list);
    }
    // `firsts[i]` is the first byte of `words[i]` with bit 5 set (ASCII
    // letters in one case); past the block's words it holds leftovers,
    // which are never read as pairs.
    let mut firsts = [0u8; BLOCK + 8];
    let mut base = 0;
    while base + 1 < list.len() {
        let words = &list[base..(base + BLOCK + 1).min(list.len())];
        let mut quads = words.chunks_exact(4);
        let mut k = 0;
        for q in &mut quads {
            let f = &mut firsts[k..k + 4];
            f[0] = b[q[0].start] | 0x20;
            f[1] = b[q[1].start] | 0x20;
            f[2] = b[q[2].start] | 0x20;
            f[3] = b[q[3].start] | 0x20;
            k += 4;
        }
        for (f, w) in firsts[k..].iter_mut().zip(quads.remainder()) {
            *f = b[w.start] | 0x20;
        }
        // Bit `i` set where `words[i]` and `words[i + 1]` may be alike:
        // equal first bytes, or a non-ASCII one. Eight pairs at a time, and
        // only the block's pairs.
        let pairs = words.len() - 1;
        let mut may = 0u64;
        for g in 0..pairs.div_ceil(8) {
            let at = |k: usize| u64::from_le_bytes(firsts[k..k + 8].try_into().expect("eight bytes"));
            let (x, y) = (at(8 * g), at(8 * g + 1));
            may |= pack(zero_bytes(x ^ y) | ((x | y) & HIGH)) << (8 * g);
        }
        if pairs < 64 {
            may &= (1u64 << pairs) - 1;
        }
        while may != 0 {
            let i = may.trailing_zeros() as usize;
            let (p, w) = (words[i], words[i + 1]);
            let (x, y) = (&b[p.start..p.end], &b[w.start..w.end]);
            if x.eq_ignore_ascii_case(y) {
                return true;
            }
            // Unequal ASCII words are settled; others need a look.
            if !*ascii.get_or_insert_with(|| all_ascii(b)) && alike(text, p, w) {
                return true;
            }
            may &= may - 1;
        }
        base += BLOCK;
    }
    false
}

/// [`any_neighbours_alike`] when the whole text is ASCII: then two words are
/// alike exactly when they are equal in ASCII case, so of the same length.
/// The lengths come from the spans alone, without reading the text: each
/// word's length (its low byte) is copied out, [`BLOCK`] words at a time,
/// and compared with its neighbour's all at once; only the neighbours whose
/// lengths may be equal have their bytes read.
fn any_ascii_neighbours_alike(b: &[u8], list: &[Span]) -> bool {
    // `lens[i]` is the low byte of `words[i]`'s length; past the block's
    // words it holds leftovers, which are never read as pairs.
    let mut lens = [0u8; BLOCK + 8];
    let mut base = 0;
    while base + 1 < list.len() {
        let words = &list[base..(base + BLOCK + 1).min(list.len())];
        // Eight at a time, so that the loop costs little beside the three
        // instructions of each copy.
        let mut eights = words.chunks_exact(8);
        let mut k = 0;
        for e in &mut eights {
            let l = &mut lens[k..k + 8];
            for j in 0..8 {
                l[j] = (e[j].end - e[j].start) as u8;
            }
            k += 8;
        }
        for (l, w) in lens[k..].iter_mut().zip(eights.remainder()) {
            *l = (w.end - w.start) as u8;
        }
        // Bit `i` set where `words[i]` and `words[i + 1]` may be alike.
        let pairs = words.len() - 1;
        let mut may = 0u64;
        for g in 0..pairs.div_ceil(8) {
            let at = |k: usize| u64::from_le_bytes(lens[k..k + 8].try_into().expect("eight bytes"));
            may |= pack(zero_bytes(at(8 * g) ^ at(8 * g + 1))) << (8 * g);
        }
        if pairs < 64 {
            may &= (1u64 << pairs) - 1;
        }
        while may != 0 {
            let i = may.trailing_zeros() as usize;
            let (p, w) = (words[i], words[i + 1]);
            // Words are never empty: the first bytes settle most pairs.
            if b[p.start].eq_ignore_ascii_case(&b[w.start])
                && b[p.start..p.end].eq_ignore_ascii_case(&b[w.start..w.end])
            {
                return true;
            }
            may &= may - 1;
        }
        base += BLOCK;
    }
    false
}

/// Words compared at a time by [`any_neighbours_alike`]: one bit each.
const BLOCK: usize = 64;

/// The high bit of each zero byte of `t`.
fn zero_bytes(t: u64) -> u64 {
    // The high bit of `(t & 7f) + 7f` says the low seven bits of a byte are
    // not all zero; `t`'s own high bit says the byte's is not.
    !(((t & !HIGH) + !HIGH) | t) & HIGH
}

/// Whether `b` is all ASCII: its bytes ORed together 64 at a time, which
/// the compiler does sixteen at once.
fn all_ascii(b: &[u8]) -> bool {
    let mut chunks = b.chunks_exact(64);
    let mut any = 0u8;
    for chunk in &mut chunks {
        any |= chunk.iter().fold(0, |a, &c| a | c);
    }
    any |= chunks.remainder().iter().fold(0, |a, &c| a | c);
    any < 0x80
}

/// The words of `para` that [`Document::words`] gives, when it is one
/// sentence that [`Document::sentence_words`] gives the same without a
/// search: `sorted` says every sentence starts after the one before, so the
/// paragraph's first sentence is the one its search would find.
fn single_sentence_words<'a>(doc: &'a Document, para: &Paragraph, sorted: bool) -> Option<&'a [Span]> {
    let i = para.sentences.start;
    let first = doc.sentences.get(i)?;
    (sorted && first.span == para.span).then(|| doc.sentence_words(i))
}

/// Whether two words are equal when lower-cased: out of line, so that the
/// loop over every word that asks it stays small.
#[inline(never)]
fn alike(text: &str, p: Span, w: Span) -> bool {
    let b = text.as_bytes();
    let (x, y) = (&b[p.start..p.end], &b[w.start..w.end]);
    if x.eq_ignore_ascii_case(y) {
        return true;
    }
    if x.is_ascii() && y.is_ascii() {
        return false;
    }
    p.slice(text).to_lowercase() == w.slice(text).to_lowercase()
}

impl Rule for SentenceRepeatedWord {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let doc = cx.doc;
        let sorted = doc.sentences.windows(2).all(|w| w[0].span.start < w[1].span.start);
        // Whether the whole text is ASCII: asked once, as nearly every
        // article has words to compare.
        let mut ascii = Some(all_ascii(text.as_bytes()));
        let mut words: Vec<Span> = Vec::new();
        for para in &doc.paragraphs {
            if para.kind == ParagraphKind::TableCell {
                continue;
            }
            let same = |x: Span, y: Span| {
                // First bytes that differ in more than ASCII case settle it
                // (see `any_neighbours_alike`).
                let (p, q) = (text.as_bytes()[x.start], text.as_bytes()[y.start]);
                if (p | q) < 0x80 && !p.eq_ignore_ascii_case(&q) {
                    return false;
                }
                let (a, b) = (x.slice(text), y.slice(text));
                // Two ASCII words are settled without lower-casing copies.
                a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
            };
            // Most paragraphs have no two neighbouring words alike: with the
            // words read at parse time, neighbours whose first bytes differ
            // are ruled out before anything else; otherwise a byte scan
            // rules the paragraph out before it is split into words.
            let listed = match single_sentence_words(doc, para, sorted) {
                Some(list) => Words::Cached(list.iter()),
                None => doc.words(para.span),
            };
            match listed {
                Words::Cached(it) => {
                    let list = it.as_slice();
                    if !any_neighbours_alike(text, list, &mut ascii) {
                        continue;
                    }
                    words.clear();
                    words.extend_from_slice(list);
                }
                Words::Scan(_) => {
                    if !may_repeat(text, para.span) {
                        continue;
                    }
                    words.clear();
                    words.extend(doc.words(para.span));
                }
            }
            for (i, pair) in words.windows(2).enumerate() {
                let (p, w) = (pair[0], pair[1]);
                // `same`'s first test, in line: most pairs end here.
                let (f, g) = (text.as_bytes()[p.start], text.as_bytes()[w.start]);
                if (f | g) < 0x80 && !f.eq_ignore_ascii_case(&g) {
                    continue;
                }
                let (a, b) = (p.slice(text), w.slice(text));
                if !same(p, w) {
                    continue;
                }
                // A run of three or more (`very very very`) is deliberate.
                let run_before = i > 0 && same(words[i - 1], p);
                let run_after = words.get(i + 2).is_some_and(|&n| same(w, n));
                if run_before || run_after {
                    continue;
                }
                let gap = &text[p.end..w.start];
                if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    continue;
                }
                // One space, or one line break (with its indentation): wider
                // gaps are table columns (`nil      nil`).
                let single = gap == " "
                    || (gap.matches('\n').count() == 1
                        && gap.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']));
                if !single {
                    continue;
                }
                if !a.chars().all(char::is_alphabetic) {
                    continue;
                }
                let capital = |s: &str| s.starts_with(char::is_uppercase);
                let all_caps = |s: &str| s.chars().count() > 1 && s.chars().all(char::is_uppercase);
                if (capital(a) && capital(b)) || all_caps(a) || all_caps(b) {
                    continue;
                }
                if cx.lex.contains("repeatable-words", &a.to_lowercase()) {
                    continue;
                }
                let across = if gap.contains('\n') { " across a line break" } else { "" };
                cx.report(w, format!("\"{b}\" is repeated{across}"))
                    .primary("second copy")
                    .label(p, "first copy")
                    .help("delete one of the two words")
                    .suggest(Span::new(p.end, w.end), "");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn any_neighbours_alike_finds_a_pair_anywhere_in_long_lists() {
        // Distinct words, then the same list with one pair made alike at
        // every position, across the blocks' edges.
        let spans_of = |text: &str| -> Vec<Span> {
            text.split(' ')
                .scan(0, |at, w| {
                    let s = Span::new(*at, *at + w.len());
                    *at += w.len() + 1;
                    Some(s)
                })
                .collect()
        };
        let words: Vec<String> = (0..150).map(|i| format!("w{i}x")).collect();
        let text = words.join(" ");
        let spans = spans_of(&text);
        // Both ways: not knowing whether the text is ASCII, and knowing it
        // is (the lengths first).
        for known in [None, Some(true)] {
            let alike_in = |text: &str, spans: &[Span]| {
                let mut state = known;
                any_neighbours_alike(text, spans, &mut state)
            };
            for n in 0..spans.len() {
                assert!(!alike_in(&text, &spans[..n]), "{n}");
            }
            for k in 1..spans.len() {
                let mut alike_words = words.clone();
                alike_words[k] = alike_words[k - 1].to_uppercase();
                let text = alike_words.join(" ");
                let spans = spans_of(&text);
                assert!(alike_in(&text, &spans), "{k}");
                assert!(!alike_in(&text, &spans[..k]), "{k}");
                // Same length and first letter, one other letter: unlike.
                let mut close = words.clone();
                close[k] = format!("{}y", &close[k - 1][..close[k - 1].len() - 1]);
                let text = close.join(" ");
                assert!(!alike_in(&text, &spans_of(&text)), "{k}");
            }
        }
    }

    #[test]
    fn zero_bytes_marks_exactly_the_zero_bytes() {
        for c in 0..=255u8 {
            for k in 0..8 {
                let mut bytes = [0x41u8; 8];
                bytes[k] = c;
                let m = zero_bytes(u64::from_le_bytes(bytes));
                assert_eq!(pack(m), u64::from(c == 0) << k, "{c:#x} at {k}");
            }
        }
    }

    #[test]
    fn all_ascii_finds_a_non_ascii_byte_anywhere() {
        let mut text = vec![b'a'; 200];
        assert!(all_ascii(&text));
        assert!(all_ascii(&[]));
        for at in [0, 63, 64, 127, 128, 199] {
            text[at] = 0xc3;
            assert!(!all_ascii(&text), "{at}");
            assert!(all_ascii(&text[..at]), "{at}");
            text[at] = b'a';
        }
    }

    #[test]
    fn flags_doubled_non_ascii_words_and_passes_over_unequal_ones() {
        assert_flags::<SentenceRepeatedWord>("Le café café était fermé.", &["café"]);
        assert_flags::<SentenceRepeatedWord>("Un Été été chaud.", &["été"]);
        assert_silent::<SentenceRepeatedWord>("Le café cafés était fermé.");
    }

    #[test]
    fn flags_doubled_words() {
        assert_flags::<SentenceRepeatedWord>("The minister said the the talks would resume.", &["the"]);
        assert_flags::<SentenceRepeatedWord>("The the talks resumed.", &["the"]);
        assert_flags::<SentenceRepeatedWord>("Talks will resume in in March.", &["in"]);
    }

    #[test]
    fn flags_doubled_word_across_a_line_break() {
        assert_flags::<SentenceRepeatedWord>("The minister said that the\nthe talks would resume.", &["the"]);
    }

    #[test]
    fn silent_on_correct_repeats() {
        assert_silent::<SentenceRepeatedWord>("She had had enough of the talks.");
        assert_silent::<SentenceRepeatedWord>("He said that that plan was dead.");
        assert_silent::<SentenceRepeatedWord>("What it is is a tax.");
        assert_silent::<SentenceRepeatedWord>("They flew to Bora Bora and Walla Walla.");
        assert_silent::<SentenceRepeatedWord>("Scores were 10 10 and 9.");
        assert_silent::<SentenceRepeatedWord>("USSR      nil      nil\nChina     nil      nil");
        assert_silent::<SentenceRepeatedWord>("Add to this this new law.");
        assert_silent::<SentenceRepeatedWord>("It ended in the\n\nThe next paragraph.");
        assert_silent::<SentenceRepeatedWord>("Is it over? Over, he said.");
        assert_silent::<SentenceRepeatedWord>("He waved bye bye to them.");
        assert_silent::<SentenceRepeatedWord>("The well is two km south south east of the town.");
        assert_silent::<SentenceRepeatedWord>("It was a very very very long night.");
    }
}
