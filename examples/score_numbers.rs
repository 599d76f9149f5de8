//! Scores copydesk's number reading against a Microsoft Recognizers-Text
//! English spec file (`Number/English/NumberModel.json`, `OrdinalModel.json`,
//! `PercentModel.json`).
//!
//! ```text
//! cargo run --release --example score_numbers -- <spec.json> [--failures]
//! ```
//!
//! A case is *in scope* when its input is one English numeral expression of
//! a kind copydesk reads: exactly one expected result whose text is the
//! whole input, a numeric value, and a form copydesk documents. Every other
//! case is counted as excluded, with its reason. An in-scope case is right
//! when `copydesk::extract::number::parse` reads the whole input to the
//! expected value (within 1e-6 relative), and, for ordinal and percent
//! specs, as an ordinal or a percentage.
//!
//! A secondary line reads every expected figure of every case whose input
//! has no unsupported form, in context: whether `extract_str` finds a figure
//! with the same text and value in the input sentence. It is stricter than
//! the main score (the span must match too) and includes sentences.

use std::collections::BTreeMap;

use copydesk::extract::NumberKind;
use copydesk::extract::number::{extract_str, parse};
use serde_json::Value;

/// Forms copydesk does not claim to read, by a marker in the input.
fn unsupported_form(input: &str) -> Option<&'static str> {
    let lower = input.to_lowercase();
    let has_word = |w: &str| lower.split(|c: char| !c.is_alphanumeric()).any(|t| t == w);
    // A multiplier suffix right after a digit: `10G`, `1.2b`, `2mil`.
    let digit_then = |set: &[&str]| {
        set.iter().any(|suf| {
            lower.match_indices(suf).any(|(i, _)| {
                let after = &lower[i + suf.len()..];
                lower[..i].trim_end().ends_with(|c: char| c.is_ascii_digit())
                    && !lower[..i].ends_with(|c: char| c.is_alphabetic())
                    && !after.starts_with(|c: char| c.is_alphanumeric())
            })
        })
    };
    if lower.contains('^')
        || lower.contains("x10")
        || lower
            .char_indices()
            .any(|(i, c)| c == 'e' && i > 0 && lower[..i].ends_with(|d: char| d.is_ascii_digit()))
    {
        return Some("scientific or exponent notation");
    }
    if has_word("lakh") || has_word("crore") {
        return Some("Indian numbering (lakh, crore)");
    }
    if has_word("over") || lower.contains("out of") || has_word("in") {
        return Some("ratio phrased as `over`, `out of`, `in`");
    }
    if has_word("point") {
        return Some("spoken decimal (`point`)");
    }
    if input
        .chars()
        .any(|c| ('\u{bc}'..='\u{be}').contains(&c) || ('\u{2150}'..='\u{215e}').contains(&c))
    {
        return Some("Unicode vulgar fraction");
    }
    if digit_then(&["g", "b", "mm", "mil", "tln", "dzs", "dozs"]) || lower.contains(" dozs") {
        return Some("multiplier suffix copydesk does not read (G, b, MM, mil, tln, dz)");
    }
    // `1,3`, `1.111,11`, `12,34,567.89`: a comma that is not a thousands
    // separator.
    let decimal_comma = lower.split_whitespace().any(|tok| {
        let groups: Vec<&str> = tok.split(',').collect();
        groups.len() > 1
            && (tok.find('.') < tok.find(',') && tok.contains('.')
                || groups[1..].iter().any(|g| g.split('.').next().map_or(0, str::len) != 3))
    });
    if decimal_comma {
        return Some("decimal comma or non-standard digit grouping");
    }
    None
}

fn norm(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{202f}')
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: score_numbers <spec.json> [--failures]");
        std::process::exit(2);
    };
    let show_failures = args.any(|a| a == "--failures");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let cases: Vec<Value> = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{path}: not a spec file: {e}");
            std::process::exit(2);
        }
    };
    let lex = copydesk::Lexicons::default_set();
    // Secondary measure: expected figures found in context by extraction.
    let (mut in_context, mut found) = (0usize, 0usize);
    let mut excluded: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut in_scope, mut right) = (0usize, 0usize);
    let mut failures = Vec::new();
    for case in &cases {
        let input = case["Input"].as_str().unwrap_or("");
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        if case["NotSupported"].as_str().is_some_and(|s| s.contains("dotnet")) {
            *excluded
                .entry("not supported by the reference implementation (.NET)")
                .or_default() += 1;
            continue;
        }
        if !results.is_empty() && unsupported_form(input).is_none() {
            let facts = extract_str(input, &lex);
            for r in &results {
                let want_text = norm(r["Text"].as_str().unwrap_or(""));
                let Some(want) = r["Resolution"]["value"]
                    .as_str()
                    .and_then(|v| v.trim_end_matches('%').parse::<f64>().ok())
                else {
                    continue;
                };
                if r["Resolution"]["relativeTo"].as_str().is_some_and(|t| t != "start") {
                    continue;
                }
                in_context += 1;
                if facts.iter().any(|f| {
                    norm(f.span.slice(input)) == want_text && (f.value - want).abs() <= 1e-6 * want.abs().max(1.0)
                }) {
                    found += 1;
                }
            }
        }
        if results.len() != 1 {
            *excluded.entry("not exactly one expected figure").or_default() += 1;
            continue;
        }
        let r = &results[0];
        let expected_text = r["Text"].as_str().unwrap_or("");
        if norm(expected_text) != norm(input) {
            *excluded
                .entry("figure is not the whole input (a sentence)")
                .or_default() += 1;
            continue;
        }
        let type_name = r["TypeName"].as_str().unwrap_or("");
        let res = &r["Resolution"];
        if res["relativeTo"].as_str().is_some_and(|t| t != "start") {
            *excluded.entry("relative ordinal (`last`, `next`)").or_default() += 1;
            continue;
        }
        let Some(want) = res["value"]
            .as_str()
            .and_then(|v| v.trim_end_matches('%').parse::<f64>().ok())
        else {
            *excluded.entry("no numeric value").or_default() += 1;
            continue;
        };
        if let Some(reason) = unsupported_form(input) {
            *excluded.entry(reason).or_default() += 1;
            continue;
        }
        in_scope += 1;
        let got = parse(input);
        let value_ok = got.is_some_and(|(v, _)| (v - want).abs() <= 1e-6 * want.abs().max(1.0));
        let kind_ok = match (type_name, got) {
            ("ordinal", Some((_, k))) => k == NumberKind::Ordinal,
            ("percentage", Some((_, k))) => k == NumberKind::Percent,
            _ => true,
        };
        if value_ok && kind_ok {
            right += 1;
        } else {
            failures.push(format!("  {input:?}: want {want}, got {got:?}"));
        }
    }
    println!("{path}");
    println!("  cases: {}", cases.len());
    let total_excluded: usize = excluded.values().sum();
    println!("  excluded: {total_excluded}");
    for (reason, n) in &excluded {
        println!("    {n:>4}  {reason}");
    }
    let share = if in_scope == 0 {
        0.0
    } else {
        100.0 * right as f64 / in_scope as f64
    };
    println!("  in scope: {in_scope}");
    println!("  parsed to the right value: {right}/{in_scope} ({share:.1}%)");
    let ctx_share = if in_context == 0 {
        0.0
    } else {
        100.0 * found as f64 / in_context as f64
    };
    println!(
        "  secondary, in context: {found}/{in_context} expected figures ({ctx_share:.1}%) extracted from their input with the same text and value"
    );
    if show_failures {
        println!("  failures:");
        for f in &failures {
            println!("{f}");
        }
    } else if !failures.is_empty() {
        println!("  ({} failures; pass --failures to list them)", failures.len());
    }
}
