//! People's names: a title followed by capitalized words (`Dr. Ada Okafor`,
//! `Gen. Smith`), or two to four capitalized words inside a sentence.

use crate::config::Lexicons;
use crate::document::Document;
use crate::source::Span;

/// A name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameFact {
    pub span: Span,
    /// The title's span, if the name has one.
    pub title: Option<Span>,
    /// The last word of the name (the surname in most English names).
    pub surname: Span,
}

fn is_cap_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).any(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// A title with its period: `Dr.`, `Gen.`.
fn is_title_at(text: &str, w: Span, lex: &Lexicons) -> bool {
    // The period test first: it is cheap, and lower-casing every word of
    // every sentence allocated on the hot path.
    text[w.end..].starts_with('.') && lex.contains("titles", &w.slice(text).to_lowercase())
}

/// Finds names sentence by sentence.
pub(crate) fn extract(doc: &Document, lex: &Lexicons) -> Vec<NameFact> {
    let text = doc.mask();
    let mut out = Vec::new();
    for s in &doc.sentences {
        let words: Vec<Span> = doc.words(s.span).collect();
        let mut k = 0;
        while k < words.len() {
            let w = words[k].slice(text);
            let _ = w;
            let is_title = is_title_at(text, words[k], lex);
            let start = if is_title { k + 1 } else { k };
            let mut end = start;
            while end < words.len()
                && end - start < 4
                && is_cap_word(words[end].slice(text))
                && !(end > start && is_title_at(text, words[end], lex))
            {
                end += 1;
            }
            // A capital at the start of a sentence says nothing: drop a first
            // word that commonly starts sentences (`Yesterday Ada Okafor`).
            let start = if k == 0 && !is_title && end - start > 2 {
                let first = words[start].slice(text).to_lowercase();
                if lex.contains("sentence-starters", &first) || first.ends_with("day") || first.ends_with("ly") {
                    start + 1
                } else {
                    start
                }
            } else {
                start
            };
            let count = end - start;
            // A sentence's first word is capitalized anyway; without a title
            // it needs a capitalized word after it to count.
            let enough = if is_title { count >= 1 } else { count >= 2 };
            if enough {
                out.push(NameFact {
                    span: words[start].to(words[end - 1]),
                    title: is_title.then_some(words[k]),
                    surname: words[end - 1],
                });
                k = end;
            } else {
                k += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParseOptions;
    use crate::source::SourceFile;

    #[test]
    fn finds_titled_and_plain_names() {
        let text = "Yesterday Dr. Ada Okafor met Murat Papazyan in town. Yesterday Ada Okafor left.";
        let lex = Lexicons::default_set();
        let doc = Document::parse(SourceFile::new("t.txt", text), &ParseOptions::default(), &lex);
        let names: Vec<&str> = extract(&doc, &lex).iter().map(|n| n.span.slice(text)).collect();
        assert_eq!(names, ["Ada Okafor", "Murat Papazyan", "Ada Okafor"]);
    }
}
