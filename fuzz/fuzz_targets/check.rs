#![no_main]
//! The whole library pipeline with every rule enabled, then every output
//! format: no panic, every diagnostic and label span inside the file on char
//! boundaries, and the same result twice.

use std::sync::LazyLock;

use copydesk::report::{self, OutputFormat, ReportOptions};
use copydesk::{Config, Engine, ParseOptions, SourceFile, check_source};
use libfuzzer_sys::fuzz_target;

mod common;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let mut config = Config::default_config();
    for s in config.rules.values_mut() {
        s.enabled = true;
    }
    Engine::new(&config).expect("embedded config is valid")
});

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let name = if sel & 1 == 0 { "fuzz.txt" } else { "fuzz.md" };
    let Ok(source) = SourceFile::from_bytes(name, rest.to_vec()) else {
        return;
    };
    let report = check_source(source.clone(), &ENGINE, &ParseOptions::default());
    let text = report.source.text();
    for d in &report.diagnostics {
        common::check_span(text, d.span, d.rule);
        for l in &d.labels {
            common::check_span(text, l.span, d.rule);
        }
    }
    let again = check_source(source, &ENGINE, &ParseOptions::default());
    assert_eq!(report.diagnostics, again.diagnostics, "linting twice differs");
    let reports = [report];
    for format in [OutputFormat::Human, OutputFormat::Concise, OutputFormat::Json] {
        let mut out = Vec::new();
        report::write(&mut out, format, &reports, ReportOptions { color: sel & 2 != 0 }).expect("writing to a Vec");
    }
});
