//! Per-stage throughput: source indexing, document parsing (front matter,
//! Markdown mask, paragraphs and sentences), each extractor, the rule pass
//! with every rule enabled, and the whole `check_source`.
//!
//! Run with `cargo bench --bench pipeline`. The input is a synthetic article
//! (written for this benchmark, not taken from any corpus) repeated to about
//! 256 KB, so the figures are bytes per second of news-like prose.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use copydesk::{Config, Document, Engine, Facts, ParseOptions, SourceFile, check_source, stages};

/// One article with the facts the extractors look for: a dateline, dates in
/// several forms, figures with units and currencies, quotations (one running
/// across paragraphs), titled and plain names, abbreviations.
fn article(n: usize) -> String {
    format!(
        "Harbour authority reports record cargo {n}\n\n\
         LISBON, March {day}, 2021 (Wire) - The port handled 1.2 million containers in the \
         year to February, up 4.5 percent, Dr. Ines Moreira told reporters on Tuesday.\n\
         \x20   \"We expected growth, but not this much,\" she said. \"The new cranes arrived \
         in September and the berths were ready by Oct. 12.\"\n\
         \x20   Officials from the U.S. and the European Commission visited on 14 January 2021 \
         to inspect the $350 million expansion, which employs about 2,300 people.\n\
         \x20   Gen. Tomas Valente, who leads the coastal guard of 8,000 troops, said the \
         1990s plan had been revised three times since 2004.\n\
         \x20   \"It is a long road,\" said Carla Duarte, an economist at the university. \
         \"Shipping costs rose by a third in 2020.\n\n\
         \"Nobody can say whether they will fall again before 2023,\" she added.\n\n\
         The figures, published on 2021-03-{day:02}, cover 27 terminals. Revenue reached \
         €812m, against €640m a year earlier, and the authority expects 15 new routes.\n\n",
        day = 1 + n % 28
    )
}

fn corpus(target: usize) -> String {
    let mut s = String::with_capacity(target + 2048);
    let mut n = 0;
    while s.len() < target {
        s.push_str(&article(n));
        n += 1;
    }
    s
}

fn markdown(target: usize) -> String {
    let mut s = String::from("---\ntitle: Port figures\ndate: 2021-03-05\n---\n\n# Port figures\n\n");
    let mut n = 0;
    while s.len() < target {
        s.push_str(&article(n).replace("\n    ", "\n\n"));
        s.push_str("- a list item with 12 boats on May 3\n- another, *emphasised*, with [a link](http://example.com/2021-02-30)\n\n```\ncode 2020-13-45\n```\n\n");
        n += 1;
    }
    s
}

fn all_rules_engine() -> Engine {
    let mut config = Config::default_config();
    for s in config.rules.values_mut() {
        s.enabled = true;
    }
    Engine::new(&config).expect("embedded config is valid")
}

fn bench(c: &mut Criterion) {
    const SIZE: usize = 256 * 1024;
    let plain = corpus(SIZE);
    let md = markdown(SIZE);
    let engine = all_rules_engine();
    let lex = &engine.lexicons;
    let opts = ParseOptions::default();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(plain.len() as u64));
    g.sample_size(20);

    g.bench_function("source_index", |b| {
        b.iter(|| SourceFile::new("a.txt", black_box(plain.as_str())))
    });
    g.bench_function("document_plain", |b| {
        let src = SourceFile::new("a.txt", plain.as_str());
        b.iter(|| Document::parse(black_box(src.clone()), &opts, lex))
    });
    g.throughput(Throughput::Bytes(md.len() as u64));
    g.bench_function("document_markdown", |b| {
        let src = SourceFile::new("a.md", md.as_str());
        b.iter(|| Document::parse(black_box(src.clone()), &opts, lex))
    });
    g.throughput(Throughput::Bytes(plain.len() as u64));

    let doc = Document::parse(SourceFile::new("a.txt", plain.as_str()), &opts, lex);
    let dates = stages::dates(&doc);
    g.bench_function("extract_dates", |b| b.iter(|| stages::dates(black_box(&doc))));
    g.bench_function("extract_numbers", |b| {
        b.iter(|| stages::numbers(black_box(&doc), &dates, lex))
    });
    g.bench_function("extract_quotes", |b| b.iter(|| stages::quotes(black_box(&doc), lex)));
    g.bench_function("extract_names", |b| b.iter(|| stages::names(black_box(&doc), lex)));
    g.bench_function("extract_all", |b| b.iter(|| Facts::extract(black_box(&doc), lex)));

    let facts = Facts::extract(&doc, lex);
    g.bench_function("rules_all", |b| b.iter(|| engine.check(black_box(&doc), &facts)));

    g.bench_function("check_source_plain", |b| {
        let src = SourceFile::new("a.txt", plain.as_str());
        b.iter(|| check_source(black_box(src.clone()), &engine, &opts))
    });
    g.throughput(Throughput::Bytes(md.len() as u64));
    g.bench_function("check_source_markdown", |b| {
        let src = SourceFile::new("a.md", md.as_str());
        b.iter(|| check_source(black_box(src.clone()), &engine, &opts))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
