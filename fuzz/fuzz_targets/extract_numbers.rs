#![no_main]
//! The number extractor on its own, over any document.

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
    let dates = stages::dates(&doc);
    let numbers = stages::numbers(&doc, &dates, &LEX);
    for n in &numbers {
        common::check_span(text, n.span, "number");
        if let Some(s) = n.noun {
            common::check_span(text, s, "counted noun");
        }
    }
    assert!(
        numbers.windows(2).all(|w| w[0].span.start <= w[1].span.start),
        "numbers unsorted"
    );
});
