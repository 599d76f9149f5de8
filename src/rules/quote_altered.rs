use std::collections::HashMap;

use super::quote_misattributed::{FEW, ends, for_each_word, normalize, repeated, surname};
use super::{Context, NoOptions, Rule};
use crate::extract::QuoteFact;

declare_rule! {
    /// Flags a quotation repeated in the article with different wording.
    ///
    /// ## What it does
    /// Compares the article's quotations of five words or more and reports
    /// one that repeats an earlier quotation with a word or two changed,
    /// added or dropped (`We will not back down` and later `We will never
    /// back down`). The message shows the word-level difference. A shorter
    /// quotation that is an exact excerpt of a longer one is a partial
    /// quote, not an alteration, and is not reported.
    ///
    /// Candidate pairs share their first two or last two words, so the check
    /// stays linear in the number of quotations.
    ///
    /// ## Why is this bad?
    /// A quotation is a promise that these were the speaker's exact words;
    /// two versions cannot both be exact.
    ///
    /// ## Example
    /// ```text
    /// “We will not back down,” she said. ... She repeated: “We will never back down.”
    /// ```
    /// Use instead:
    /// ```text
    /// “We will not back down,” she said. ... She repeated: “We will not back down.”
    /// ```
    pub QuoteAltered, "quote-altered"
}

/// A quotation's word as written, compared as [`quote_words`] normalizes it
/// (lower-cased, `’` as `'`) without copying: by hash, then ASCII words in
/// any case, then (rarely) the normalized copies.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    raw: &'a str,
    hash: u64,
}

impl PartialEq for Word<'_> {
    /// The hashes, in line, tell most pairs apart (the comparison table
    /// asks about every pair); equal hashes are checked out of line.
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && same_raw(self.raw, other.raw)
    }
}

/// Whether two words with equal hashes are the same word.
#[inline(never)]
fn same_raw(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        normalize(a) == normalize(b)
    }
}

impl Eq for Word<'_> {}

impl std::hash::Hash for Word<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// The words of `q`, up to one more than [`MAX_WORDS`]: a longer quotation
/// is never compared, and reading all of it made nested quotations (each
/// holding the next) cost the square of their length.
fn words_of<'a>(text: &'a str, q: &QuoteFact) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for_each_word(text, q, |raw, hash| {
        out.push(Word { raw, hash });
        out.len() <= MAX_WORDS
    });
    out
}

/// The word-level edit script between `a` and `b` (longest common
/// subsequence), as (removed from `a`, added in `b`) runs of normalized
/// words.
fn diff(a: &[Word<'_>], b: &[Word<'_>]) -> Vec<(Vec<String>, Vec<String>)> {
    diff_with(a, b, |w| normalize(w.raw))
}

/// [`diff`] with each word recorded as `record` makes it: `()` gives the
/// runs' shape without copying a word.
fn diff_with<T>(a: &[Word<'_>], b: &[Word<'_>], record: impl Fn(&Word<'_>) -> T) -> Vec<(Vec<T>, Vec<T>)> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    let mut cur: (Vec<T>, Vec<T>) = (Vec::new(), Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            if !cur.0.is_empty() || !cur.1.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            cur.1.push(record(&b[j]));
            j += 1;
        } else {
            cur.0.push(record(&a[i]));
            i += 1;
        }
    }
    if !cur.0.is_empty() || !cur.1.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `short` occurs in `long` as a contiguous run of words.
fn is_excerpt(short: &[Word<'_>], long: &[Word<'_>]) -> bool {
    short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

const MAX_WORDS: usize = 80;

/// Which of the quotations (by their [`ends`]) share their head or their
/// tail with another: [`repeated`] of the heads or of the tails, with every
/// two compared at once when there are few.
fn shares_an_end(ends: &[Option<(u64, u64)>]) -> Vec<bool> {
    if ends.len() <= FEW {
        return ends
            .iter()
            .enumerate()
            .map(|(i, e)| {
                e.is_some_and(|(head, tail)| {
                    ends.iter()
                        .enumerate()
                        .any(|(j, o)| j != i && o.is_some_and(|(h, t)| h == head || t == tail))
                })
            })
            .collect();
    }
    let heads: Vec<Option<u64>> = ends.iter().map(|e| e.map(|(head, _)| head)).collect();
    let tails: Vec<Option<u64>> = ends.iter().map(|e| e.map(|(_, tail)| tail)).collect();
    let (heads, tails) = (repeated(&heads), repeated(&tails));
    heads.iter().zip(&tails).map(|(h, t)| *h || *t).collect()
}

impl Rule for QuoteAltered {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        // A quotation is compared only with one sharing its first two or
        // last two words: find the ones that may, by hash, before copying
        // any words. The others meet no one and are left out.
        // Only quotations of five words or more are compared, and five words
        // take nine bytes at least: most articles have fewer than two such.
        let long = |q: &QuoteFact| q.inner.end - q.inner.start >= 9;
        if cx.facts.quotes.iter().filter(|q| long(q)).nth(1).is_none() {
            return;
        }
        // A shorter one meets no one, so its ends are left out too.
        let ends: Vec<Option<(u64, u64)>> = cx
            .facts
            .quotes
            .iter()
            .map(|q| if long(q) { ends(text, q) } else { None })
            .collect();
        let candidate = shares_an_end(&ends);
        if !candidate.contains(&true) {
            return;
        }
        let words: Vec<Vec<Word>> = cx
            .facts
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| if candidate[i] { words_of(text, q) } else { Vec::new() })
            .collect();
        // Identical quotations (the same words) are told at once: a long
        // file that repeats its stories repeats its quotations, and each
        // meets up to 16 earlier ones per key. Equal words are an
        // equivalence, so two quotations are equal exactly when they have
        // the same class: the first quotation equal to them.
        let mut class: Vec<usize> = (0..words.len()).collect();
        let mut by_words: HashMap<u64, Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
        for (i, w) in words.iter().enumerate() {
            if w.len() < 5 || w.len() > MAX_WORDS {
                continue;
            }
            let key = w.iter().fold(w.len() as u64, |h, x| h.rotate_left(7) ^ x.hash);
            let firsts = by_words.entry(key).or_default();
            match firsts.iter().copied().find(|&f| words[f] == *w) {
                Some(f) => class[i] = f,
                None => firsts.push(i),
            }
        }
        let mut buckets: HashMap<(bool, Word, Word), Vec<usize>, foldhash::fast::FixedState> = HashMap::default();
        let mut reported = vec![false; words.len()];
        // Pairs of classes whose words were compared and found no
        // alteration: the words decide alone, so another pair of copies of
        // the same two quotations needs no second alignment.
        let mut unaltered: std::collections::HashSet<(usize, usize), foldhash::fast::FixedState> = Default::default();
        for (i, w) in words.iter().enumerate() {
            if w.len() < 5 || w.len() > MAX_WORDS {
                continue;
            }
            let keys = [(true, w[0], w[1]), (false, w[w.len() - 2], w[w.len() - 1])];
            let mut seen = Vec::new();
            for key in keys {
                let bucket = buckets.entry(key).or_default();
                // Compare with a bounded number of earlier quotations per key.
                for &j in bucket.iter().rev().take(16) {
                    if seen.contains(&j) || reported[i] {
                        continue;
                    }
                    seen.push(j);
                    let (a, b) = (&words[j], w);
                    let (qa, qb) = (&cx.facts.quotes[j], &cx.facts.quotes[i]);
                    if let (Some(sa), Some(sb)) = (qa.speaker, qb.speaker)
                        && surname(sa.slice(text)) != surname(sb.slice(text))
                    {
                        continue;
                    }
                    if class[i] == class[j] || unaltered.contains(&(class[j], class[i])) {
                        continue;
                    }
                    if is_excerpt(a, b) || is_excerpt(b, a) {
                        unaltered.insert((class[j], class[i]));
                        continue;
                    }
                    // The runs' shape decides; their words are copied only
                    // for a report.
                    let d = diff_with(a, b, |_| ());
                    let changed: usize = d.iter().map(|(r, ad)| r.len().max(ad.len())).sum();
                    let shorter = a.len().min(b.len());
                    // One or two changed words, in a quotation long enough
                    // that the rest is clearly the same.
                    if changed == 0 || changed > 2 || changed * 5 > shorter || d.len() > 2 {
                        unaltered.insert((class[j], class[i]));
                        continue;
                    }
                    // Only at the ends: an excerpt that starts or stops a
                    // word earlier, not an alteration.
                    let edges_only = d.iter().all(|(r, ad)| r.is_empty() || ad.is_empty())
                        && (a.first() != b.first() || a.last() != b.last());
                    if edges_only {
                        unaltered.insert((class[j], class[i]));
                        continue;
                    }
                    let d = diff(a, b);
                    let shown: Vec<String> = d
                        .iter()
                        .map(|(r, ad)| match (r.is_empty(), ad.is_empty()) {
                            (false, false) => format!("\"{}\" became \"{}\"", r.join(" "), ad.join(" ")),
                            (false, true) => format!("\"{}\" was dropped", r.join(" ")),
                            _ => format!("\"{}\" was added", ad.join(" ")),
                        })
                        .collect();
                    let q = &cx.facts.quotes[i];
                    let earlier = cx.facts.quotes[j].inner;
                    cx.report(
                        q.inner,
                        format!(
                            "quotation repeats an earlier one with different words: {}",
                            shown.join(", ")
                        ),
                    )
                    .primary("this version")
                    .label(earlier, "differs from this earlier version")
                    .help(
                        "quote the speaker's exact words the same way each time, or paraphrase without quotation marks",
                    );
                    reported[i] = true;
                }
                bucket.push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent, run};

    #[test]
    fn shares_an_end_agrees_with_repeated_heads_or_tails() {
        for n in [0, 1, 2, 6, FEW, FEW + 1, 70] {
            let ends: Vec<Option<(u64, u64)>> = (0..n as u64)
                .map(|i| (i % 6 != 0).then_some(((i * 7 + 3) % 13, (i * 5 + 1) % 17)))
                .collect();
            let heads: Vec<Option<u64>> = ends.iter().map(|e| e.map(|(h, _)| h)).collect();
            let tails: Vec<Option<u64>> = ends.iter().map(|e| e.map(|(_, t)| t)).collect();
            let want: Vec<bool> = repeated(&heads)
                .iter()
                .zip(repeated(&tails))
                .map(|(h, t)| *h || t)
                .collect();
            assert_eq!(shares_an_end(&ends), want, "{n} quotations");
        }
    }

    #[test]
    fn flags_a_changed_word() {
        let text = "“We will not back down,” she said.\n\nShe repeated: “We will never back down.”";
        assert_flags::<QuoteAltered>(text, &["We will never back down."]);
        let d = run::<QuoteAltered>(text);
        assert!(d[0].message.contains("\"not\" became \"never\""), "{}", d[0].message);
    }

    #[test]
    fn flags_an_added_word() {
        assert_flags::<QuoteAltered>(
            "“The plan will cut costs for families,” he said.\n\nHe said “the plan will cut costs for all families”.",
            &["the plan will cut costs for all families"],
        );
    }

    #[test]
    fn silent_on_exact_repeats_excerpts_and_different_quotes() {
        assert_silent::<QuoteAltered>("“We will not back down,” she said. Later: “We will not back down.”");
        assert_silent::<QuoteAltered>(
            "“We will not back down, whatever it costs us,” she said. She stressed they would “not back down, whatever it costs”.",
        );
        assert_silent::<QuoteAltered>("“We will not back down,” she said. He said: “We will not go home tonight.”");
        // Two speakers who each said their own thing.
        assert_silent::<QuoteAltered>(
            "“We will win this fight,” Ada Okafor said.\n\n“We will lose this fight,” Tom Ruiz said.",
        );
    }
}
