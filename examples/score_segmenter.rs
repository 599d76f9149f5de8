//! Scores copydesk's sentence splitter against a segmentation suite in the
//! pragmatic_segmenter JSON format (`[{"name", "text", "sentences"}]`), such
//! as its English "Golden Rules".
//!
//! ```text
//! cargo run --release --example score_segmenter -- golden_rules_en.json [-v]
//! ```
//!
//! A case passes when the split gives exactly the expected sentences,
//! compared with runs of whitespace collapsed to one space. `-v` prints each
//! failing case. Cases the suite marks `"doc_type": "pdf"` are split as
//! hard-wrapped prose (line breaks inside a paragraph are spaces).

use std::process::ExitCode;

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "-v").collect();
    if paths.is_empty() {
        eprintln!("usage: score_segmenter SUITE.json [-v]");
        return ExitCode::from(2);
    }
    for path in paths {
        let data = match std::fs::read_to_string(path) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(2);
            }
        };
        let cases: serde_json::Value = match serde_json::from_str(&data) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(2);
            }
        };
        let Some(cases) = cases.as_array() else {
            eprintln!("{path}: expected a JSON array");
            return ExitCode::from(2);
        };
        let mut pass = 0;
        for case in cases {
            let name = case["name"].as_str().unwrap_or("?");
            let text = case["text"].as_str().unwrap_or("");
            let want: Vec<String> = case["sentences"]
                .as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str()).map(normalize).collect())
                .unwrap_or_default();
            // The suite's "pdf" cases join hard-wrapped lines; the others
            // end a sentence at every line break.
            let spans = if case["doc_type"].as_str() == Some("pdf") {
                copydesk::document::segment::split_sentences_wrapped(text)
            } else {
                copydesk::document::segment::split_sentences(text)
            };
            let got: Vec<String> = spans.iter().map(|s| normalize(s.slice(text))).collect();
            if got == want {
                pass += 1;
            } else if verbose {
                println!("FAIL {name}\n  text: {text:?}\n  want: {want:?}\n  got:  {got:?}");
            }
        }
        println!(
            "{path}: {pass}/{} cases pass ({:.1}%)",
            cases.len(),
            100.0 * pass as f64 / cases.len().max(1) as f64
        );
    }
    ExitCode::SUCCESS
}
