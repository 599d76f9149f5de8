//! Where the time goes: every stage of the pipeline timed on its own over the
//! articles of a folder, read into memory first so that disk and process
//! start are left out. Every rule is enabled.
//!
//! Usage: `cargo run --release --example profile_stages -- [FOLDER] [ROUNDS]`
//! (default `../shared/corpus`, 3 rounds; the best round of each stage is
//! kept). Prints nanoseconds per byte, MB/s and the share of the total for
//! each stage, slowest first.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use copydesk::extract::Laps;
use copydesk::{Config, Document, Engine, Facts, ParseOptions, SourceFile};

/// The binary's allocator, so that the stages cost what they cost there.
#[global_allocator]
static GLOBAL: copydesk::alloc::MiMalloc = copydesk::alloc::MiMalloc;

struct Clock {
    last: Instant,
    spent: BTreeMap<&'static str, Duration>,
}

impl Clock {
    fn add(&mut self, stage: &'static str) {
        let now = Instant::now();
        *self.spent.entry(stage).or_default() += now - self.last;
        self.last = now;
    }
}

impl Laps for Clock {
    fn lap(&mut self, stage: &'static str) {
        self.add(stage);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpus".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);

    let mut files = Vec::new();
    for entry in ignore::WalkBuilder::new(&dir).build().flatten() {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "txt" | "md" | "markdown")
            && let Ok(text) = std::fs::read_to_string(p)
        {
            files.push((p.display().to_string(), text));
        }
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    if bytes == 0 {
        eprintln!("no articles under {dir}");
        std::process::exit(2);
    }

    let mut config = Config::default_config();
    for s in config.rules.values_mut() {
        s.enabled = true;
    }
    let engine = Engine::new(&config).expect("embedded config is valid");
    let ids: Vec<&'static str> = engine.rule_ids().collect();
    let opts = ParseOptions::default();

    let mut best: BTreeMap<&'static str, Duration> = BTreeMap::new();
    let mut findings = 0;
    for _ in 0..rounds {
        let mut clock = Clock {
            last: Instant::now(),
            spent: BTreeMap::new(),
        };
        findings = 0;
        for (name, text) in &files {
            clock.last = Instant::now();
            let source = SourceFile::new(name.as_str(), text.as_str());
            clock.add("source file");
            let doc = Document::parse(source, &opts, &engine.lexicons);
            clock.add("document");
            let facts = Facts::extract_laps(&doc, &engine.lexicons, &mut clock);
            for (i, id) in ids.iter().enumerate() {
                findings += engine.check_one(i, &doc, &facts).len();
                clock.add(id);
            }
        }
        for (stage, d) in clock.spent {
            let b = best.entry(stage).or_insert(d);
            *b = (*b).min(d);
        }
    }

    let total: Duration = best.values().sum();
    let mut rows: Vec<_> = best.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    println!(
        "{} files, {:.2} MB, {findings} findings; best of {rounds} rounds",
        files.len(),
        bytes as f64 / 1e6
    );
    println!("{:<32} {:>8} {:>9} {:>6}", "stage", "ns/byte", "MB/s", "share");
    for (stage, d) in rows.iter().chain(std::iter::once(&("total", total))) {
        let s = d.as_secs_f64();
        println!(
            "{stage:<32} {:>8.2} {:>9.1} {:>5.1}%",
            s * 1e9 / bytes as f64,
            bytes as f64 / 1e6 / s,
            100.0 * s / total.as_secs_f64()
        );
    }
}
