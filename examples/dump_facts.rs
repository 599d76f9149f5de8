//! Prints what copydesk reads in every article of a folder: paragraphs,
//! sentences, metadata and every extracted fact, one block per file in path
//! order. A refactoring that must not change behaviour keeps this output
//! byte-identical:
//!
//! `cargo run --release --example dump_facts -- ../shared/corpus | sha256sum`

use std::io::Write;

use copydesk::{Config, Document, Engine, Facts, ParseOptions, SourceFile};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "../shared/corpus".into());
    let mut paths: Vec<_> = ignore::WalkBuilder::new(&dir)
        .build()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md" | "markdown")))
        .collect();
    paths.sort();
    let mut config = Config::default_config();
    for s in config.rules.values_mut() {
        s.enabled = true;
    }
    let engine = Engine::new(&config).expect("embedded config is valid");
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let doc = Document::parse(
            SourceFile::new(p.display().to_string(), text),
            &ParseOptions::default(),
            &engine.lexicons,
        );
        let facts = Facts::extract(&doc, &engine.lexicons);
        let diagnostics = engine.check(&doc, &facts);
        let _ = writeln!(
            out,
            "== {}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            p.display(),
            doc.metadata,
            doc.paragraphs,
            doc.sentences,
            facts,
            diagnostics
        );
    }
}
