//! Fixture tests: `tests/fixtures/<rule-id>/bad.md` must make the rule fire
//! (its human output is snapshotted, showing the exact words), and
//! `good.md` must leave it silent with no finding at warning or above from
//! any rule. Adding fixtures needs no test code.

use std::path::Path;

use copydesk::{Config, Engine, ParseOptions, Severity, SourceFile, check_source};

fn lint(path: &Path) -> copydesk::FileReport {
    // A rule that is off by default (such as `date-style`) is turned on for
    // its own fixtures.
    let mut config = Config::default_config();
    if let Some(settings) = config.rules.get_mut(&rule_of(path)) {
        settings.enabled = true;
    }
    let engine = Engine::new(&config).expect("default config builds");
    let rel = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let text = std::fs::read_to_string(path).expect("fixture is readable UTF-8");
    check_source(SourceFile::new(rel, text), &engine, &ParseOptions::default())
}

fn rule_of(path: &Path) -> String {
    path.parent()
        .and_then(|p| p.file_name())
        .expect("fixtures live in a folder named after the rule")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn bad_fixtures_fire_their_rule() {
    insta::glob!("fixtures/*/bad.md", |path| {
        let rule = rule_of(path);
        let report = lint(path);
        let mine: Vec<_> = report.diagnostics.iter().filter(|d| d.rule == rule).collect();
        assert!(!mine.is_empty(), "{rule} did not fire on {}", path.display());
        let rendered: String = mine
            .iter()
            .map(|d| copydesk::report::render(&report.source, d))
            .collect();
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn good_fixtures_are_clean() {
    insta::glob!("fixtures/*/good.md", |path| {
        let rule = rule_of(path);
        let report = lint(path);
        let loud: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == rule || d.severity >= Severity::Warning)
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        assert!(loud.is_empty(), "{} should be clean but got {loud:#?}", path.display());
    });
}
