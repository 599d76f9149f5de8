#![no_main]
//! The document parser: front matter, header, Markdown mask, dateline,
//! paragraphs and sentences.

use std::sync::LazyLock;

use copydesk::Lexicons;
use libfuzzer_sys::fuzz_target;

mod common;

static LEX: LazyLock<Lexicons> = LazyLock::new(Lexicons::default_set);

fuzz_target!(|data: &[u8]| {
    let Some(doc) = common::document(data, &LEX) else {
        return;
    };
    let text = doc.text();
    assert_eq!(doc.mask().len(), text.len(), "the mask keeps the text's length");
    for p in &doc.paragraphs {
        common::check_span(text, p.span, "paragraph");
        assert!(p.sentences.end <= doc.sentences.len());
    }
    for s in &doc.sentences {
        common::check_span(text, s.span, "sentence");
        let _ = doc.words(s.span).count();
    }
    if let Some(f) = &doc.metadata.front_matter {
        common::check_span(text, f.span, "front matter");
    }
    if let Some(d) = &doc.metadata.dateline {
        common::check_span(text, d.span, "dateline");
    }
});
