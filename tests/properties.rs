//! Property tests over arbitrary and news-shaped input, with every rule
//! enabled: no panic; every sentence, paragraph, diagnostic, label and
//! suggestion span lies inside the file on char boundaries; linting is
//! deterministic (twice gives the same diagnostics and the same rendered
//! output in every format). Case counts are moderate so this file stays
//! fast; the fuzz targets in `fuzz/` search the same space for longer.

use std::sync::LazyLock;

use proptest::prelude::*;

use copydesk::report::{self, OutputFormat, ReportOptions};
use copydesk::{Config, Document, Engine, Facts, FileReport, ParseOptions, SourceFile, Span, check_source};

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let mut config = Config::default_config();
    for s in config.rules.values_mut() {
        s.enabled = true;
    }
    Engine::new(&config).expect("the embedded configuration is valid")
});

/// Pieces that exercise every parser: front matter fences, Markdown markup,
/// datelines, dates in each form, figures, quotation marks of every style,
/// titles and abbreviations, line endings, a BOM and multi-byte text.
const PIECES: &[&str] = &[
    "---\n",
    "date: 2021-03-05\n",
    "# ",
    "- ",
    "> ",
    "```\n",
    "`",
    "*",
    "_",
    "[a](http://x.y/1)",
    "<b>",
    "|",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "    ",
    " ",
    "\t",
    "\u{a0}",
    "\u{feff}",
    "LISBON, March 5, 2021 (Wire) - ",
    "PARIS (AP) — ",
    "date 2020-09-27 ",
    "Monday, Nov. 5, 2019",
    "February 30",
    "27 September 2020",
    "Sept. 27",
    "2020-09-27",
    "27.09.2020",
    "9/27/20",
    "the 1990s",
    "1991",
    "130,000",
    "1.5",
    "$350 million",
    "€812m",
    "4.5 percent",
    "3%",
    "twenty-one",
    "a dozen",
    "8,000-strong",
    "troops",
    "people",
    "“",
    "”",
    "\"",
    "«",
    "»",
    "'",
    "’",
    "Dr. ",
    "Gen. ",
    "U.S. ",
    "p.m. ",
    "Ada Okafor",
    "she said",
    "said Ines Moreira",
    "according to him",
    ".",
    ",",
    "!",
    "?",
    "…",
    "(",
    ")",
    "—",
    "-",
    "word",
    "The",
    "é",
    "日本",
    "🙂",
    "x",
];

fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![newsish(), any::<String>(), "[ -~\n\r“”«»\"'.,!?0-9]{0,200}"]
}

fn name(md: bool) -> &'static str {
    if md { "p.md" } else { "p.txt" }
}

fn lint(text: &str, md: bool) -> FileReport {
    check_source(SourceFile::new(name(md), text), &ENGINE, &ParseOptions::default())
}

fn assert_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what}: reversed {span:?}");
    prop_assert!(span.end <= text.len(), "{what}: {span:?} past the end {}", text.len());
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} not on char boundaries"
    );
    Ok(())
}

fn render(reports: &[FileReport]) -> Vec<Vec<u8>> {
    [OutputFormat::Human, OutputFormat::Concise, OutputFormat::Json]
        .into_iter()
        .map(|f| {
            let mut out = Vec::new();
            report::write(&mut out, f, reports, ReportOptions { color: false }).expect("writing to a Vec");
            out
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn document_spans_stay_on_char_boundaries(text in any_text(), md in any::<bool>()) {
        let doc = Document::parse(SourceFile::new(name(md), text.as_str()), &ParseOptions::default(), &ENGINE.lexicons);
        prop_assert_eq!(doc.mask().len(), text.len());
        for p in &doc.paragraphs {
            assert_span(&text, p.span, "paragraph")?;
            prop_assert!(p.sentences.end <= doc.sentences.len());
        }
        for s in &doc.sentences {
            assert_span(&text, s.span, "sentence")?;
            for w in doc.words(s.span) {
                assert_span(&text, w, "word")?;
            }
        }
        let facts = Facts::extract(&doc, &ENGINE.lexicons);
        for d in &facts.dates {
            assert_span(&text, d.span, "date")?;
        }
        for n in &facts.numbers {
            assert_span(&text, n.span, "number")?;
        }
        for q in &facts.quotes {
            assert_span(&text, q.span, "quote")?;
            assert_span(&text, q.inner, "quote inner")?;
        }
        for n in &facts.names {
            assert_span(&text, n.span, "name")?;
        }
    }

    #[test]
    fn diagnostics_lie_inside_the_file(text in any_text(), md in any::<bool>()) {
        let r = lint(&text, md);
        for d in &r.diagnostics {
            assert_span(&text, d.span, d.rule)?;
            for l in &d.labels {
                assert_span(&text, l.span, d.rule)?;
            }
            if let Some(s) = &d.suggestion {
                assert_span(&text, s.span, d.rule)?;
            }
        }
    }

    #[test]
    fn linting_twice_gives_identical_output(text in newsish(), md in any::<bool>()) {
        let a = lint(&text, md);
        let b = lint(&text, md);
        prop_assert_eq!(&a.diagnostics, &b.diagnostics);
        prop_assert_eq!(render(&[a]), render(&[b]));
    }

    #[test]
    fn from_bytes_never_panics_and_errors_only_on_nul_or_bad_utf8(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        match SourceFile::from_bytes("b.txt", bytes.clone()) {
            Ok(s) => {
                prop_assert!(!bytes.contains(&0));
                let r = check_source(s, &ENGINE, &ParseOptions::default());
                for d in &r.diagnostics {
                    assert_span(r.source.text(), d.span, d.rule)?;
                }
            }
            Err(_) => prop_assert!(bytes.contains(&0) || std::str::from_utf8(&bytes).is_err()),
        }
    }

    #[test]
    fn user_config_never_panics(text in "[a-z\\[\\]=\"\\-. \n0-9_]{0,120}") {
        let mut config = Config::default_config();
        if let Err(e) = config.apply_user("c.toml", &text) {
            prop_assert!(e.to_string().starts_with("c.toml"), "{}", e);
        } else {
            let _ = Engine::new(&config);
        }
    }
}

/// Inputs the fuzzers or the properties above once found, kept as plain
/// regression cases.
#[test]
fn known_awkward_inputs() {
    let cases = [
        "",
        "\u{feff}",
        "---\n---\n",
        "---\n",
        "\"",
        "“",
        "” ”",
        "\r\r\r",
        "a.\r\n\r\n\"b",
        "Dr.",
        "U.S.",
        "LISBON, -",
        " date 2020-02-30",
        "1,000,000,000,000,000,000,000,000,000,000 troops",
    ];
    for text in cases {
        for md in [false, true] {
            let r = lint(text, md);
            for d in &r.diagnostics {
                assert!(
                    d.span.end <= text.len() && text.is_char_boundary(d.span.start),
                    "{text:?}"
                );
            }
        }
    }
}
