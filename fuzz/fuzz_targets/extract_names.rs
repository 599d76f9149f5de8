#![no_main]
//! The name extractor on its own, over any document.

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
    for n in stages::names(&doc, &LEX) {
        common::check_span(text, n.span, "name");
        common::check_span(text, n.surname, "surname");
        if let Some(t) = n.title {
            common::check_span(text, t, "title");
        }
    }
});
