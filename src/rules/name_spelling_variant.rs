use std::collections::HashMap;

use super::{Context, NoOptions, Rule};
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

struct Surname {
    first: Span,
    count: usize,
    person: bool,
    given: Vec<String>,
}

/// Whether `a` and `b` differ by one changed letter, or one letter added or
/// dropped before the last letter, with the same first letter.
fn one_letter_apart(a: &[char], b: &[char]) -> bool {
    if a.first() != b.first() {
        return false;
    }
    match a.len() as isize - b.len() as isize {
        0 => a.iter().zip(b).filter(|(x, y)| x != y).count() == 1,
        1 | -1 => {
            let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
            let i = long.iter().zip(short).position(|(x, y)| x != y).unwrap_or(short.len());
            // A letter added at the end is a plural or a derived word.
            i + 1 < long.len() && long[i + 1..] == short[i..]
        }
        _ => false,
    }
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
        let mut surnames: HashMap<&str, Surname> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for n in &cx.facts.names {
            let s = n.surname.slice(text);
            if s.chars().count() < 5 || !s.chars().all(char::is_alphabetic) {
                continue;
            }
            let given = text[n.span.start..n.surname.start].trim();
            let entry = surnames.entry(s).or_insert_with(|| {
                order.push(s);
                Surname {
                    first: n.surname,
                    count: 0,
                    person: false,
                    given: Vec::new(),
                }
            });
            entry.count += 1;
            entry.person |= n.person;
            if let Some(g) = given.split_whitespace().next().filter(|g| !g.is_empty()) {
                entry.given.push(g.to_lowercase());
            }
        }
        // A pair needs two people's surnames.
        if order.iter().filter(|s| surnames[*s].person).count() < 2 {
            return;
        }
        // Bucket every surname by itself and its one-letter deletions: two
        // words one edit apart share a bucket.
        let mut buckets: HashMap<String, Vec<&str>> = HashMap::new();
        for &s in &order {
            if !surnames[s].person {
                continue;
            }
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
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for group in buckets.values() {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    let (ca, cb): (Vec<char>, Vec<char>) =
                        (a.to_lowercase().chars().collect(), b.to_lowercase().chars().collect());
                    if a == b || !one_letter_apart(&ca, &cb) {
                        continue;
                    }
                    let (sa, sb) = (&surnames[a], &surnames[b]);
                    if !sa.given.is_empty() && !sb.given.is_empty() && !sa.given.iter().any(|g| sb.given.contains(g)) {
                        continue;
                    }
                    let pair = if sa.first.start <= sb.first.start {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    if !pairs.contains(&pair) {
                        pairs.push(pair);
                    }
                }
            }
        }
        // Words the article also writes in lower case are ordinary words
        // (`union`, `unions`), not names.
        let mut lower_words: std::collections::HashSet<&str> = std::collections::HashSet::new();
        // Only needed to judge a pair; most articles have none.
        for w in cx.doc.words(Span::new(0, text.len())).take_while(|_| !pairs.is_empty()) {
            let w = w.slice(text);
            if w.starts_with(char::is_lowercase) {
                lower_words.insert(w);
            }
        }
        pairs.retain(|(a, b)| {
            let (ca, cb) = (surnames[a].count, surnames[b].count);
            // Two spellings each used several times, about as often: two
            // people (`President Reagan` and `Donald Regan`).
            let both_established = ca.min(cb) > 1 && ca.min(cb) * 2 > ca.max(cb);
            let common = |w: &str| {
                let l = w.to_lowercase();
                lower_words.contains(l.as_str()) || lower_words.contains(format!("{l}s").as_str())
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
}
