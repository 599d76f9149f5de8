use std::collections::HashMap;

use super::{Context, NoOptions, Rule};
use crate::extract::NameFact;
use crate::source::Span;

declare_rule! {
    /// Flags one person's name spelled two ways in the same article.
    ///
    /// ## What it does
    /// Collects the surnames of the people named in the article (names with
    /// a title, names next to a speech verb, and later references to them)
    /// and reports two surnames of five letters or more that differ by one
    /// letter inside the word: one letter changed (`Papazyan` and
    /// `Papazian`, `Volkonsky` and `Volkonski`) or one letter added or
    /// dropped before the last letter (`Okafor` and `Okaffor`). Both
    /// spellings are pointed at.
    ///
    /// Not reported: a different first letter (`Mason`, `Jason`), a letter
    /// added at the end (`Clinton` and the `Clintons`), and two surnames
    /// that each come with a different first name (`Ann Jonson` and `Ben
    /// Johnson` are two people).
    ///
    /// Surnames are bucketed by their one-letter deletions, so the check is
    /// linear in the number of names.
    ///
    /// ## Why is this bad?
    /// Misspelling a name is among the most visible errors a paper can make,
    /// and a reader cannot tell which spelling is right.
    ///
    /// ## Example
    /// ```text
    /// Dr. Murat Papazyan led the team. "We are ready," Papazian said.
    /// ```
    /// Use instead:
    /// ```text
    /// Dr. Murat Papazyan led the team. "We are ready," Papazyan said.
    /// ```
    pub NameSpellingVariant, "name-spelling-variant"
}

/// The hasher of the surname maps: a handful of short keys per article.
type Fast = foldhash::fast::FixedState;

struct Surname {
    first: Span,
    count: usize,
    person: bool,
}

/// Above this many people's surnames, pairs are found through buckets of
/// one-letter deletions instead of by comparing every two.
const PAIRWISE: usize = 64;

/// Whether `a` and `b` differ by one changed letter, or one letter added or
/// dropped before the last letter, with the same first letter (`eq` says
/// which letters are the same).
fn one_letter_apart<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) if eq(x, y) => {}
        (None, None) => {}
        _ => return false,
    }
    match a.len() as isize - b.len() as isize {
        0 => a.iter().zip(b).filter(|(x, y)| !eq(x, y)).count() == 1,
        1 | -1 => {
            let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
            let i = long
                .iter()
                .zip(short)
                .position(|(x, y)| !eq(x, y))
                .unwrap_or(short.len());
            // A letter added at the end is a plural or a derived word.
            i + 1 < long.len() && long[i + 1..].iter().zip(&short[i..]).all(|(x, y)| eq(x, y))
        }
        _ => false,
    }
}

/// [`one_letter_apart`] on the lower-cased surnames.
fn spellings_apart(a: &str, b: &str) -> bool {
    // Two ASCII first letters that differ in more than case lower-case to
    // different first letters: most pairs end here.
    if let (Some(&x), Some(&y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x < 0x80
        && y < 0x80
        && !x.eq_ignore_ascii_case(&y)
    {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return one_letter_apart(a.as_bytes(), b.as_bytes(), u8::eq_ignore_ascii_case);
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.to_lowercase().chars().collect(), b.to_lowercase().chars().collect());
    one_letter_apart(&ca, &cb, char::eq)
}

/// Every two of `people` one letter apart, each pair once, found through
/// buckets of one-letter deletions: two words one edit apart share a bucket.
fn bucketed_pairs<'a>(people: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut buckets: HashMap<String, Vec<&str>, Fast> = HashMap::default();
    for &s in people {
        let lower: Vec<char> = s.to_lowercase().chars().collect();
        let mut keys: Vec<String> = (0..lower.len())
            .map(|i| {
                lower
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, c)| c)
                    .collect()
            })
            .collect();
        keys.push(lower.iter().collect());
        keys.sort();
        keys.dedup();
        for k in keys {
            buckets.entry(k).or_default().push(s);
        }
    }
    let mut pairs = Vec::new();
    let mut seen: std::collections::HashSet<(&str, &str), Fast> = Default::default();
    for group in buckets.values() {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                let key = if a <= b { (a, b) } else { (b, a) };
                if a != b && spellings_apart(a, b) && seen.insert(key) {
                    pairs.push((a, b));
                }
            }
        }
    }
    pairs
}

/// The first words of the given names written with each surname in
/// `wanted`, lower-cased, in one pass over the names: only surnames in a
/// candidate pair are asked about.
fn given_names<'a>(text: &'a str, names: &[NameFact], wanted: &[&'a str]) -> HashMap<&'a str, Vec<String>, Fast> {
    let mut given: HashMap<&str, Vec<String>, Fast> = wanted.iter().map(|&s| (s, Vec::new())).collect();
    for n in names {
        if let Some(list) = given.get_mut(n.surname.slice(text))
            && let Some(g) = text[n.span.start..n.surname.start].split_whitespace().next()
        {
            list.push(g.to_lowercase());
        }
    }
    given
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times in all")
    }
}

impl Rule for NameSpellingVariant {
    type Options = NoOptions;

    fn check(&self, cx: &mut Context<'_>, _: &NoOptions) {
        let text = cx.text();
        let names = &cx.facts.names;
        // Five letters or more. A char takes a byte at least, so fewer
        // than five bytes are fewer than five chars; ASCII letters alone
        // settle it without a second look at the word.
        let eligible = |s: &str| {
            if s.len() < 5 {
                false
            } else if s.bytes().all(|b| b.is_ascii_alphabetic()) {
                true
            } else if s.is_ascii() {
                false
            } else {
                s.chars().count() >= 5 && s.chars().all(char::is_alphabetic)
            }
        };
        // A pair needs two people's surnames one letter apart: most articles
        // have none, and need no maps. (Past `PAIRWISE` people the full
        // check decides.)
        let mut people_seen: Vec<&str> = Vec::new();
        let mut apart = false;
        for n in names {
            let s = n.surname.slice(text);
            if !n.person || people_seen.contains(&s) || !eligible(s) {
                continue;
            }
            if people_seen.len() == PAIRWISE || people_seen.iter().any(|&p| spellings_apart(p, s)) {
                apart = true;
                break;
            }
            people_seen.push(s);
        }
        if !apart {
            return;
        }
        let mut surnames: HashMap<&str, Surname, Fast> = HashMap::default();
        let mut order: Vec<&str> = Vec::new();
        for n in names {
            let s = n.surname.slice(text);
            if !eligible(s) {
                continue;
            }
            let entry = surnames.entry(s).or_insert_with(|| {
                order.push(s);
                Surname {
                    first: n.surname,
                    count: 0,
                    person: false,
                }
            });
            entry.count += 1;
            entry.person |= n.person;
        }
        let people: Vec<&str> = order.iter().copied().filter(|s| surnames[s].person).collect();
        let candidates: Vec<(&str, &str)> = if people.len() <= PAIRWISE {
            people
                .iter()
                .enumerate()
                .flat_map(|(i, &a)| people[i + 1..].iter().map(move |&b| (a, b)))
                .filter(|&(a, b)| spellings_apart(a, b))
                .collect()
        } else {
            bucketed_pairs(&people)
        };
        let wanted: Vec<&str> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
        let given = given_names(text, names, &wanted);
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (a, b) in candidates {
            let (ga, gb) = (&given[a], &given[b]);
            if !ga.is_empty() && !gb.is_empty() && !ga.iter().any(|g| gb.contains(g)) {
                continue;
            }
            let (sa, sb) = (&surnames[a], &surnames[b]);
            pairs.push(if sa.first.start <= sb.first.start {
                (a, b)
            } else {
                (b, a)
            });
        }
        // Words the article also writes in lower case are ordinary words
        // (`union`, `unions`), not names. Only the lower-case forms of the
        // pairs' surnames (and their plurals) are looked for: putting every
        // lower-case word of a long file into a set cost more than the
        // rest of the check.
        let lower = |w: &str| w.to_lowercase();
        let mut forms: HashMap<String, bool, Fast> = pairs
            .iter()
            .flat_map(|&(a, b)| [lower(a), lower(b)])
            .flat_map(|l| [format!("{l}s"), l])
            .map(|f| (f, false))
            .collect();
        // A word of another length is none of the forms, without a lookup.
        let longest = forms.keys().map(String::len).max().unwrap_or(0);
        let mut lengths = vec![false; longest + 1];
        for f in forms.keys() {
            lengths[f.len()] = true;
        }
        // Only needed to judge a pair; most articles have none.
        for w in cx.doc.words(Span::new(0, text.len())).take_while(|_| !pairs.is_empty()) {
            let w = w.slice(text);
            if lengths.get(w.len()) == Some(&true)
                && w.starts_with(char::is_lowercase)
                && let Some(seen) = forms.get_mut(w)
            {
                *seen = true;
            }
        }
        pairs.retain(|(a, b)| {
            let (ca, cb) = (surnames[a].count, surnames[b].count);
            // Two spellings each used several times, about as often: two
            // people (`President Reagan` and `Donald Regan`).
            let both_established = ca.min(cb) > 1 && ca.min(cb) * 2 > ca.max(cb);
            let common = |w: &str| {
                let l = lower(w);
                forms.get(&l) == Some(&true) || forms.get(&format!("{l}s")) == Some(&true)
            };
            !both_established && !common(a) && !common(b)
        });
        pairs.sort_by_key(|(a, b)| (surnames[a].first.start, surnames[b].first.start));
        for (a, b) in pairs {
            let (sa, sb) = (&surnames[a], &surnames[b]);
            cx.report(
                sb.first,
                format!("\"{b}\" and \"{a}\" look like one name spelled two ways"),
            )
            .primary(format!("spelled \"{b}\" here ({})", times(sb.count)))
            .label(sa.first, format!("spelled \"{a}\" here ({})", times(sa.count)))
            .help("check the spelling of the name and use one form throughout");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_flags, assert_silent};

    #[test]
    fn flags_a_changed_letter() {
        assert_flags::<NameSpellingVariant>(
            "Dr. Murat Papazyan led the team. “We are ready,” Papazian said.",
            &["Papazian"],
        );
        assert_flags::<NameSpellingVariant>(
            "Prince Andrei Volkonsky arrived. Volkonski said he would stay.",
            &["Volkonski"],
        );
    }

    #[test]
    fn flags_an_added_letter_inside_the_word() {
        assert_flags::<NameSpellingVariant>("Mayor Ada Okafor spoke. Later Okaffor said no.", &["Okaffor"]);
    }

    #[test]
    fn silent_on_different_people_plurals_and_words() {
        assert_silent::<NameSpellingVariant>("Mr. Ann Jonson met Mr. Ben Johnson.");
        assert_silent::<NameSpellingVariant>("Mr. Bill Clinton spoke. The Clintons said they left.");
        assert_silent::<NameSpellingVariant>("Gen. Tom Mason spoke. Jason said no.");
        assert_silent::<NameSpellingVariant>("Dr. Ada Okafor spoke. Okafor said it again, and Okafor left.");
        // Not people: no title, no speech verb.
        assert_silent::<NameSpellingVariant>("The Marsh Lane bridge opened in March Lane Park.");
        // Both spellings used as often: two people.
        assert_silent::<NameSpellingVariant>(
            "President Reagan spoke. Donald Regan said no. Reagan left. Regan stayed. Reagan said so.",
        );
        // A word the article also uses in lower case is not a name.
        assert_silent::<NameSpellingVariant>(
            "Unison said the unions agree. The Fire Brigades Union said it would strike.",
        );
    }

    proptest::proptest! {
        /// Buckets of one-letter deletions find the pairs that comparing
        /// every two surnames finds.
        #[test]
        fn buckets_find_every_pair(people in proptest::collection::hash_set("[OoKk][aáe]{1,2}(f|ff|ph)[oö]r?[ns]?", 0..12)) {
            let people: Vec<&str> = people.iter().map(String::as_str).collect();
            let mut every: Vec<(&str, &str)> = people
                .iter()
                .enumerate()
                .flat_map(|(i, &a)| people[i + 1..].iter().map(move |&b| (a, b)))
                .filter(|&(a, b)| spellings_apart(a, b))
                .map(|(a, b)| (a.min(b), a.max(b)))
                .collect();
            let mut bucketed: Vec<(&str, &str)> = bucketed_pairs(&people).into_iter().map(|(a, b)| (a.min(b), a.max(b))).collect();
            every.sort();
            bucketed.sort();
            proptest::prop_assert_eq!(every, bucketed);
        }
    }
}
