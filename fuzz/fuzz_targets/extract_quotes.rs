#![no_main]
//! The quote extractor on its own, over any document.

use std::sync::LazyLock;

use copydesk::{Lexicons, stages};
use libfuzzer_sys::fuzz_target;

mod common;

static LEX: LazyLock<Lexicons> = LazyLock::new(Lexicons::default_set);

fuzz_target!(|data: &[u8]| {
    let Some(doc) = common::document(data, &LEX) else {
        return;
    };
    let text = doc.text();
    let (quotes, strays) = stages::quotes(&doc, &LEX);
    for q in &quotes {
        common::check_span(text, q.span, "quote");
        common::check_span(text, q.inner, "quote inner");
        common::check_span(text, q.open.span, "opening mark");
        if let Some(c) = q.close {
            common::check_span(text, c.span, "closing mark");
        }
        for r in &q.reopenings {
            common::check_span(text, r.span, "reopening mark");
        }
        if let Some(s) = q.speaker {
            common::check_span(text, s, "speaker");
        }
    }
    for m in &strays {
        common::check_span(text, m.span, "stray mark");
    }
});
