#![no_main]
//! The date extractor on its own, over any document.

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
    for d in &dates {
        common::check_span(text, d.span, "date");
        if let Some((_, w)) = d.weekday {
            common::check_span(text, w, "weekday");
        }
        if let Some(m) = d.month_text {
            common::check_span(text, m, "month text");
        }
    }
    assert!(
        dates.windows(2).all(|w| w[0].span.end <= w[1].span.start),
        "dates overlap or are unsorted"
    );
    // The dateline parser works on any slice start.
    for (i, _) in text.char_indices().take(64) {
        let _ = copydesk::extract::date::parse_date_at(&text[i..], i);
    }
});
