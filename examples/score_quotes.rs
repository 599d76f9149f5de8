//! Scores copydesk's quotation attribution against PolNeAR (Political News
//! Attribution Relations), in its brat standoff layout:
//! `text/<name>.txt` and `attributions/<name>_<annotator>.ann`.
//!
//! ```text
//! cargo run --release --example score_quotes -- /path/to/quotes-polnear [-v]
//! ```
//!
//! Every quotation copydesk extracts is matched to the annotated attribution
//! whose Content overlaps most of its words. A quotation's speaker is
//! correct when its span (or the pronoun it was resolved from) overlaps the
//! annotated Source of that attribution.
//!
//! - precision: correct speakers / quotations given a speaker (a speaker on
//!   a quotation that no annotated attribution covers counts as wrong);
//! - recall: correct speakers / quotations inside an annotated attribution
//!   with a Source.
//!
//! Only the first annotator's file of each article is used.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

use copydesk::{Document, Facts, Lexicons, ParseOptions, SourceFile, Span};

/// An annotated relation: the content's and the source's character ranges.
struct Relation {
    content: Vec<(usize, usize)>,
    source: Vec<(usize, usize)>,
}

fn parse_spans(s: &str) -> Vec<(usize, usize)> {
    s.split(';')
        .filter_map(|p| {
            let mut it = p.split_whitespace();
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .collect()
}

fn parse_ann(ann: &str) -> Vec<Relation> {
    let mut spans: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(meta)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let rest = meta.split_once(' ').map_or("", |(_, r)| r);
            spans.insert(id, parse_spans(rest));
        }
    }
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(meta)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('E') {
            continue;
        }
        let mut rel = Relation {
            content: Vec::new(),
            source: Vec::new(),
        };
        for part in meta.split_whitespace() {
            let Some((role, t)) = part.split_once(':') else {
                continue;
            };
            let s = spans.get(t).cloned().unwrap_or_default();
            match role.trim_end_matches(char::is_numeric) {
                "Content" => rel.content.extend(s),
                "Source" => rel.source.extend(s),
                _ => {}
            }
        }
        if !rel.content.is_empty() {
            out.push(rel);
        }
    }
    out
}

fn overlap(a: (usize, usize), b: &[(usize, usize)]) -> usize {
    b.iter().map(|&(s, e)| e.min(a.1).saturating_sub(s.max(a.0))).sum()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let Some(root) = args.iter().find(|a| *a != "-v") else {
        eprintln!("usage: score_quotes POLNEAR_DIR [-v]");
        return ExitCode::from(2);
    };
    let root = Path::new(root);
    let Ok(entries) = std::fs::read_dir(root.join("text")) else {
        eprintln!("{}: no text/ folder", root.display());
        return ExitCode::from(2);
    };
    let mut anns: Vec<String> = std::fs::read_dir(root.join("attributions"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    anns.sort();
    let mut texts: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    texts.sort();
    let lex = Lexicons::default_set();
    let (mut quotes_total, mut in_gold, mut with_speaker, mut correct, mut articles) = (0, 0, 0, 0, 0);
    let (mut speaker_outside, mut wrong) = (0, 0);
    for path in texts {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(ann_name) = anns.iter().find(|a| a.starts_with(&format!("{stem}_"))) else {
            continue;
        };
        let (Ok(text), Ok(ann)) = (
            std::fs::read_to_string(&path),
            std::fs::read_to_string(root.join("attributions").join(ann_name)),
        ) else {
            continue;
        };
        articles += 1;
        let relations: Vec<Relation> = parse_ann(&ann).into_iter().filter(|r| !r.source.is_empty()).collect();
        // brat offsets count characters; copydesk's spans count bytes.
        let char_of = |byte: usize| text[..byte.min(text.len())].chars().count();
        let chars = |s: Span| (char_of(s.start), char_of(s.end));
        let doc = Document::parse(
            SourceFile::new(path.to_string_lossy(), text.as_str()),
            &ParseOptions::default(),
            &lex,
        );
        let facts = Facts::extract(&doc, &lex);
        for q in &facts.quotes {
            quotes_total += 1;
            let inner = chars(q.inner);
            let best = relations
                .iter()
                .map(|r| (overlap(inner, &r.content), r))
                .filter(|(o, _)| *o * 2 >= (inner.1 - inner.0).max(1))
                .max_by_key(|(o, _)| *o)
                .map(|(_, r)| r);
            let named = q.speaker.map(chars);
            let via = q.via.map(chars);
            if named.is_some() || via.is_some() {
                with_speaker += 1;
            }
            let Some(rel) = best else {
                if named.is_some() {
                    speaker_outside += 1;
                }
                continue;
            };
            in_gold += 1;
            let hit = |s: Option<(usize, usize)>| s.is_some_and(|s| overlap(s, &rel.source) > 0);
            if hit(named) || hit(via) {
                correct += 1;
            } else if named.is_some() || via.is_some() {
                wrong += 1;
                if verbose {
                    let got = q.speaker.map_or("", |s| s.slice(&text));
                    let want: Vec<String> = rel
                        .source
                        .iter()
                        .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
                        .collect();
                    println!("WRONG {stem}: got {got:?}, want {want:?}: {:?}", q.inner.slice(&text));
                }
            } else if verbose {
                let want: Vec<String> = rel
                    .source
                    .iter()
                    .map(|&(s, e)| text.chars().skip(s).take(e - s).collect())
                    .collect();
                println!("MISSED {stem}: want {want:?}: {:?}", q.inner.slice(&text));
            }
        }
    }
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    println!("articles: {articles}");
    println!("quotations extracted: {quotes_total}; inside an annotated attribution with a source: {in_gold}");
    println!(
        "speakers given: {with_speaker}; correct: {correct}; wrong: {wrong}; on quotations no attribution covers: {speaker_outside}"
    );
    println!(
        "precision {:.1}% ({correct}/{with_speaker}), recall {:.1}% ({correct}/{in_gold})",
        pct(correct, with_speaker),
        pct(correct, in_gold)
    );
    ExitCode::SUCCESS
}
