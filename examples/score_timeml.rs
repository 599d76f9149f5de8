//! Scores copydesk's date extraction against TimeML gold annotations.
//!
//! ```text
//! cargo run --release --example score_timeml -- /work/shared/peer-suites/tempeval3/te3-platinum
//! ```
//!
//! Reads every `.tml` file under the folder (recursively), takes the text of
//! its `<TEXT>` element and its document creation time (`<DCT>`), runs
//! `copydesk::extract::date::extract_dates` with the creation time as the
//! reference date, and compares the dates found with the gold `TIMEX3`
//! elements of type `DATE`:
//!
//! - strict span: the extracted span is exactly the gold span;
//! - relaxed span: the spans overlap (each gold and each found date is
//!   matched at most once);
//! - value: a relaxed match whose normalized value (`2013-03-22`,
//!   `2013-W11`, `2012-SU`, `2013-03`, `2013`, `199`) equals the gold value.
//!   Accuracy is over relaxed matches; value F1 counts only correct values.
//!
//! Dates found inside a gold `TIME`, `DURATION` or `SET` expression and
//! overlapping no gold `DATE` are left out: they are a different type, not a
//! false date. `--verbose` prints every miss, false alarm and wrong value.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use copydesk::extract::DateFact;
use copydesk::extract::date::extract_dates;

#[derive(Debug, Clone)]
struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

struct Doc {
    text: String,
    dct: Option<NaiveDate>,
    timexes: Vec<Timex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(p) = tag[from..].find(&key) {
        let at = from + p;
        let before_ok = at == 0 || tag[..at].ends_with(char::is_whitespace);
        if before_ok {
            let rest = &tag[at + key.len()..];
            return rest.find('"').map(|e| rest[..e].to_string());
        }
        from = at + key.len();
    }
    None
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Strips the markup of a TimeML file, keeping the `<TEXT>` content and the
/// spans of its `TIMEX3` elements in the stripped text.
fn parse(xml: &str) -> Doc {
    let dct = xml.find("<DCT>").and_then(|p| {
        let timex = &xml[p + "<DCT>".len()..];
        let v = attr(timex.get(..timex.find('>')?)?, "value")?;
        NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
    });
    let body_start = xml.find("<TEXT>").map_or(0, |p| p + "<TEXT>".len());
    let body_end = xml.rfind("</TEXT>").unwrap_or(xml.len());
    let body = &xml[body_start..body_end.max(body_start)];
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut open: Option<Timex> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode(&rest[..lt]));
        let Some(gt) = rest[lt..].find('>') else { break };
        let tag = &rest[lt + 1..lt + gt];
        if tag.starts_with("TIMEX3") {
            open = Some(Timex {
                start: text.len(),
                end: text.len(),
                kind: attr(tag, "type").unwrap_or_default(),
                value: attr(tag, "value").unwrap_or_default(),
            });
        } else if tag.starts_with("/TIMEX3")
            && let Some(mut t) = open.take()
        {
            t.end = text.len();
            timexes.push(t);
        }
        rest = &rest[lt + gt + 1..];
    }
    text.push_str(&decode(rest));
    Doc { text, dct, timexes }
}

/// The TimeML value copydesk's reading of a date gives.
fn value(d: &DateFact) -> Option<String> {
    d.timex_value()
}

#[derive(Default)]
struct Tally {
    gold: usize,
    found: usize,
    strict: usize,
    relaxed: usize,
    value_ok: usize,
}

fn prf(hit: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let p = if found == 0 { 0.0 } else { hit as f64 / found as f64 };
    let r = if gold == 0 { 0.0 } else { hit as f64 / gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn score(path: &Path, tally: &mut Tally, verbose: bool) -> std::io::Result<()> {
    let xml = std::fs::read_to_string(path)?;
    let doc = parse(&xml);
    let gold: Vec<&Timex> = doc.timexes.iter().filter(|t| t.kind == "DATE").collect();
    let other: Vec<&Timex> = doc.timexes.iter().filter(|t| t.kind != "DATE").collect();
    let found: Vec<DateFact> = extract_dates(&doc.text, doc.dct)
        .into_iter()
        .filter(|d| {
            let s = (d.span.start, d.span.end);
            let in_other = other.iter().any(|t| overlaps(s, (t.start, t.end)));
            let in_date = gold.iter().any(|t| overlaps(s, (t.start, t.end)));
            !in_other || in_date
        })
        .collect();
    tally.gold += gold.len();
    tally.found += found.len();
    let mut used = vec![false; found.len()];
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for g in &gold {
        let gs = (g.start, g.end);
        // Prefer the exact span, then any overlap.
        let pick = found
            .iter()
            .enumerate()
            .find(|(k, d)| !used[*k] && (d.span.start, d.span.end) == gs)
            .or_else(|| {
                found
                    .iter()
                    .enumerate()
                    .find(|(k, d)| !used[*k] && overlaps((d.span.start, d.span.end), gs))
            })
            .map(|(k, _)| k);
        let gtext = &doc.text[g.start..g.end];
        let Some(k) = pick else {
            if verbose {
                println!("MISS  {name}: {gtext:?} = {}", g.value);
            }
            continue;
        };
        used[k] = true;
        let d = &found[k];
        tally.relaxed += 1;
        if (d.span.start, d.span.end) == gs {
            tally.strict += 1;
        }
        let v = value(d);
        if v.as_deref() == Some(g.value.as_str()) {
            tally.value_ok += 1;
        } else if verbose {
            let dtext = &doc.text[d.span.start..d.span.end];
            println!("VALUE {name}: {gtext:?} gold {} got {v:?} ({dtext:?})", g.value);
        }
    }
    if verbose {
        for (k, d) in found.iter().enumerate() {
            if !used[k] {
                let s = d.span.start.saturating_sub(30);
                let ctx = doc.text.get(s..(d.span.end + 20).min(doc.text.len())).unwrap_or("");
                println!(
                    "FALSE {name}: {:?} in {:?}",
                    &doc.text[d.span.start..d.span.end],
                    ctx.replace('\n', " ")
                );
            }
        }
    }
    Ok(())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: score_timeml [--verbose] <folder of .tml files>");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(Path::new(dir), &mut files)?;
    files.sort();
    let mut t = Tally::default();
    for f in &files {
        score(f, &mut t, verbose)?;
    }
    let (sp, sr, sf) = prf(t.strict, t.found, t.gold);
    let (rp, rr, rf) = prf(t.relaxed, t.found, t.gold);
    let (vp, vr, vf) = prf(t.value_ok, t.found, t.gold);
    let acc = if t.relaxed == 0 {
        0.0
    } else {
        t.value_ok as f64 / t.relaxed as f64
    };
    println!("files {}  gold DATE {}  found {}", files.len(), t.gold, t.found);
    println!("strict span   P {sp:.3}  R {sr:.3}  F1 {sf:.3}");
    println!("relaxed span  P {rp:.3}  R {rr:.3}  F1 {rf:.3}");
    println!("value         accuracy {acc:.3}  P {vp:.3}  R {vr:.3}  F1 {vf:.3}");
    Ok(())
}
