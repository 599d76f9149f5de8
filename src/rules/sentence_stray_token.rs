use super::{Context, NoOptions, Rule};
use crate::source::Span;
use crate::swar::Sixteen;

declare_rule! {
    /// Flags a stray figure wedged between words, breaking the sentence.
    ///
    /// ## What it does
    /// Looks for a bare number or year standing between a lower-case word
    /// that does not take one (`condemns`) and a capitalized word that starts
    /// sentences (`The`), as in `condemns 2020 The military aggression`. A
    /// year after a preposition or determiner (`in 2020 The Guardian`) is
    /// normal and not flagged.
    ///
    /// ## Why is this bad?
    /// It is debris from editing (a pasted date, a half-deleted phrase) and
    /// makes the sentence unreadable.
    ///
    /// ## Example
    /// ```text
    /// The party strongly condemns 2020 The military aggression.
    /// ```
    /// Use instead:
    /// ```text
    /// The party strongly condemns the military aggression.
    /// ```
    pub SentenceStrayToken, "sentence-stray-token"
}

/// Words after which a bare year or number is ordinary English.
const TAKES_NUMBER: &[&str] = &[
    "in", "of", "since", "by", "from", "to", "until", "till", "before", "after", "during", "for", "and", "or", "the",
    "a", "its", "his", "her", "their", "our", "early", "late", "mid", "about", "around", "circa", "than", "between",
    "through", "over", "under", "at", "on", "year", "season", "fiscal", "spring", "summer", "autumn", "fall", "winter",
    "nearly", "almost", "some", "just", "only", "least", "most", "number", "no", "page", "route", "chapter", "to",
    "was", "is", "were", "are", "be", "been", "vs", "versus", "against", "into", "past", "within", "per", "total",
    "scored", "beat", "won", "lost", "led", "trailed", "class", "model", "version", "top", "with", "as", "like",
];

/// Whether `span` has a spot a report needs, found by a byte scan: a word
/// ending in a lower-case letter, spaces, a figure of digits and commas,
/// spaces, and a word starting with a capital. Any non-ASCII letter at either
/// end counts (the full check decides). Digits are found through `digits`,
/// which remembers the last one found: the sentences come in order, so the
/// text is searched for digits about once in all.
fn may_hold_stray_figure(text: &str, span: Span, digits: &mut DigitCursor) -> bool {
    let all = text.as_bytes();
    let b = &all[..span.end];
    let start = span.start;
    let mut i = start + 1;
    loop {
        i = digits.first_from(all, i);
        if i >= b.len() {
            return false;
        }
        if b[i - 1] != b' ' {
            // No digit of this run follows a space.
            i += 1;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        let at = i;
        // Back over the spaces to the previous word's last letter.
        let mut p = at - 1;
        while p > start && b[p - 1] == b' ' {
            p -= 1;
        }
        let lower_before = p > start && (b[p - 1].is_ascii_lowercase() || b[p - 1] >= 0x80);
        // Forward over the figure and the spaces to the next word.
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',') {
            i += 1;
        }
        let figure_end = i;
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        if lower_before && i > figure_end && i < b.len() && (b[i].is_ascii_uppercase() || b[i] >= 0x80) {
            return true;
        }
        i = i.max(at + 1);
    }
}

/// The first digit at or after a position, remembered: `digit` is the first
/// ASCII digit of the text at or after `from` (the text's length if none).
struct DigitCursor {
    from: usize,
    digit: usize,
}

impl DigitCursor {
    /// A cursor that knows nothing yet.
    fn new() -> DigitCursor {
        DigitCursor {
            from: usize::MAX,
            digit: 0,
        }
    }

    /// The first ASCII digit of `b` at or after `at` (`b.len()` if none).
    fn first_from(&mut self, b: &[u8], at: usize) -> usize {
        if at < self.from || at > self.digit {
            self.digit = next_digit(b, at);
        }
        self.from = at;
        self.digit
    }
}

/// The first ASCII digit of `b` at or after `from` (`b.len()` if none),
/// sixteen bytes at a time ([`Sixteen`], SSE2 on x86-64): digits are rare
/// in prose.
fn next_digit(b: &[u8], mut from: usize) -> usize {
    while let Some(chunk) = b.get(from..from + 16) {
        let m = Sixteen::new(chunk.try_into().expect("sixteen bytes")).digits();
        if m != 0 {
            return from + m.trailing_zeros() as usize;
        }
        from += 16;
    }
    while from < b.len() && !b[from].is_ascii_digit() {
        from += 1;
    }
    from
}

/// Where the text may hold a stray figure in some sentence: the first digit
/// of each figure that [`may_hold_stray_figure`] would accept with no
/// sentence bounds (a lower-case letter, spaces, the figure, spaces, a
/// capital). Bounds only take spots away, so a sentence that holds none of
/// these has none. A spot's digit follows a space (so it starts its run of
/// digits): the text is read sixteen bytes at a time next to the same
/// sixteen one byte earlier, and only the digits after a space, found 64
/// bytes at a time, are looked at one by one.
fn stray_spots(b: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    // Bit `k` set where `w[k + 1]` is a digit and `w[k]` a space.
    let after_space = |w: &[u8; 17]| {
        let here = Sixteen::new(w[1..].try_into().expect("sixteen bytes"));
        let before = Sixteen::new(w[..16].try_into().expect("sixteen bytes"));
        here.digits() & before.equal(b' ')
    };
    // The spots among the bits of `m`, bit `k` standing for byte `at + k`.
    let mut push = |at: usize, mut m: u64| {
        while m != 0 {
            let i = at + m.trailing_zeros() as usize;
            m &= m - 1;
            if spot_at(b, i) {
                out.push(i);
            }
        }
    };
    let mut at = 1;
    while let Some(window) = b.get(at - 1..at + 64) {
        let w: &[u8; 65] = window.try_into().expect("65 bytes");
        let part = |k: usize| u64::from(after_space(w[16 * k..16 * k + 17].try_into().expect("17 bytes"))) << (16 * k);
        push(at, part(0) | part(1) | part(2) | part(3));
        at += 64;
    }
    while let Some(window) = b.get(at - 1..at + 16) {
        push(at, u64::from(after_space(window.try_into().expect("17 bytes"))));
        at += 16;
    }
    for i in at..b.len() {
        if b[i].is_ascii_digit() && b[i - 1] == b' ' && spot_at(b, i) {
            out.push(i);
        }
    }
    out
}

/// [`may_hold_stray_figure`]'s test at the digit `b[i]` after a space, with
/// the whole text as its sentence.
fn spot_at(b: &[u8], i: usize) -> bool {
    let mut p = i - 1;
    while p > 0 && b[p - 1] == b' ' {
        p -= 1;
    }
    if !(p > 0 && (b[p - 1].is_ascii_lowercase() || b[p - 1] >= 0x80)) {
        return false;
    }
    let mut j = i + 1;
    while j < b.len() && (b[j].is_ascii_digit() || b[j] == b',') {
        j += 1;
    }
    let figure_end = j;
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    j > figure_end && j < b.len() && (b[j].is_ascii_uppercase() || b[j] >= 0x80)
}

impl Rule for SentenceStrayToken {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let mut words = Vec::new();
        let mut digits = DigitCursor::new();
        // Most articles have no spot at all, and most sentences none.
        let spots = stray_spots(text.as_bytes());
        if spots.is_empty() {
            return;
        }
        for s in &cx.doc.sentences {
            let k = spots.partition_point(|&at| at <= s.span.start);
            if spots.get(k).is_none_or(|&at| at >= s.span.end) {
                continue;
            }
            // The stray token is a figure between two words, with plain
            // spaces around it: no such spot, nothing to find.
            if !may_hold_stray_figure(text, s.span, &mut digits) {
                continue;
            }
            words.clear();
            words.extend(cx.doc.words(s.span));
            for w in words.windows(3) {
                // The figure starts with a digit: most words are not one.
                if !text.as_bytes()[w[1].start].is_ascii_digit() {
                    continue;
                }
                let (prev, mid, next) = (w[0].slice(text), w[1].slice(text), w[2].slice(text));
                let is_number = mid.chars().all(|c| c.is_ascii_digit() || c == ',')
                    && mid.starts_with(|c: char| c.is_ascii_digit());
                if !is_number {
                    continue;
                }
                // Plain spaces only: punctuation between them makes a list,
                // a clause break or a heading.
                if !text[w[0].end..w[1].start].chars().all(|c| c == ' ')
                    || !text[w[1].end..w[2].start].chars().all(|c| c == ' ')
                {
                    continue;
                }
                let prev_lower = prev.chars().all(|c| c.is_lowercase() || c == '-' || c == '\'');
                if !prev_lower || TAKES_NUMBER.contains(&prev) {
                    continue;
                }
                let next_starts = next.starts_with(|c: char| c.is_uppercase())
                    && next.chars().skip(1).all(char::is_lowercase)
                    && cx.lex.contains("sentence-starters", &next.to_lowercase());
                if !next_starts {
                    continue;
                }
                // The next word must stand alone: `A/S`, `A.B.` and `A-1` are
                // names (`Den Danske Bank af 1871 A/S said`), and a one-letter
                // article needs a lower-case word after it.
                let after_next = &text[w[2].end..s.span.end];
                if !after_next.starts_with(char::is_whitespace) {
                    continue;
                }
                if next.chars().count() == 1 && !after_next.trim_start().starts_with(char::is_lowercase) {
                    continue;
                }
                cx.report(w[1], format!("\"{mid}\" is wedged between \"{prev}\" and \"{next}\""))
                    .primary("stray token")
                    .label(w[2], "a new sentence seems to start here")
                    .help("delete the stray figure, or restore the words around it")
                    .suggest(Span::new(w[1].start, w[2].start), "");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn a_sentence_that_may_hold_a_figure_holds_a_spot() {
        // Spots anywhere in and across 64-byte blocks; the whole text as one
        // sentence, and each piece of it.
        let filler = "x".repeat(70);
        for text in [
            "condemns 2020 The aggression",
            "a 1 B",
            "in  12,000  Then",
            "ends with 5 ",
            "5 The",
            "no figure here",
            "bad1 The, said 7 T\u{e9}",
            "caf\u{e9} 99 \u{c9}t\u{e9}",
        ] {
            for pad in [0, 1, 50, 63, 64] {
                let text = format!("{}{text} {filler} {text}", &filler[..pad]);
                let spots = stray_spots(text.as_bytes());
                for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                    for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)).step_by(7) {
                        let span = Span::new(start, end);
                        if may_hold_stray_figure(&text, span, &mut DigitCursor::new()) {
                            assert!(spots.iter().any(|&at| at > start && at < end), "{text:?} {span:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn stray_spots_agree_with_a_byte_by_byte_scan() {
        let piece = "was 12 The a 3 B,x 45 C 6 D  77  E ";
        for len in 0..200 {
            let text: String = piece.chars().cycle().skip(len % 7).take(len).collect();
            let b = text.as_bytes();
            let want: Vec<usize> = (1..b.len())
                .filter(|&i| b[i].is_ascii_digit() && b[i - 1] == b' ' && spot_at(b, i))
                .collect();
            assert_eq!(stray_spots(b), want, "{text:?}");
        }
    }

    #[test]
    fn the_next_digit_is_found_eight_bytes_at_a_time() {
        let text = b"no digits here at all, then 7 and 42";
        assert_eq!(next_digit(text, 0), 28);
        assert_eq!(next_digit(text, 29), 34);
        assert_eq!(next_digit(b"abc", 0), 3);
        // Every start and length against the plain byte scan.
        let text = b"a1 bb 22 ccc 333 dddd 4444 eeeee 55555 ffffff 666666 x";
        for end in 0..=text.len() {
            for from in 0..=end {
                let b = &text[..end];
                let want = (from..end).find(|&k| b[k].is_ascii_digit()).unwrap_or(end);
                assert_eq!(next_digit(b, from), want, "{from} {end}");
            }
        }
    }

    #[test]
    fn long_runs_without_digits_are_skipped_and_the_cursor_agrees() {
        // Digits at the start, inside and at the end of 64-byte runs.
        let mut text = vec![b'x'; 300];
        for at in [0, 63, 64, 130, 200, 201, 299] {
            text[at] = b'5';
        }
        let naive = |from: usize| {
            (from..text.len())
                .find(|&k| text[k].is_ascii_digit())
                .unwrap_or(text.len())
        };
        for from in 0..=text.len() {
            assert_eq!(next_digit(&text, from), naive(from), "{from}");
        }
        // Forward, then backward, then forward again.
        let mut cursor = DigitCursor::new();
        for at in (0..=300).chain((0..=300).rev()).chain(0..=300) {
            assert_eq!(cursor.first_from(&text, at), naive(at), "{at}");
        }
    }

    #[test]
    fn flags_year_wedged_between_words() {
        assert_flags::<SentenceStrayToken>(
            "The French Socialist Party strongly condemns 2020 The military aggression carried out on September 27.",
            &["2020"],
        );
        assert_flags::<SentenceStrayToken>("The company announced 2023 The results today.", &["2023"]);
        assert_flags::<SentenceStrayToken>("The firm posted 2023 A profit.", &["2023"]);
    }

    #[test]
    fn silent_on_years_that_belong() {
        assert_silent::<SentenceStrayToken>("In 2020 The Guardian reported the story.");
        assert_silent::<SentenceStrayToken>("Sales fell in 2020. The company said so.");
        assert_silent::<SentenceStrayToken>("Chelsea beat Arsenal 2 The match was tense."); // `beat` takes a score
        assert_silent::<SentenceStrayToken>("He ranked the films of 2020: The Father came first.");
        assert_silent::<SentenceStrayToken>("The album 1989 was a hit.");
        assert_silent::<SentenceStrayToken>("Den Danske Bank af 1871 A/S said it would grow.");
        assert_silent::<SentenceStrayToken>("Shares of Banco Uno y 1920 A.B. rose.");
    }
}
