//! Meta tests: every rule is complete (documentation headings, fixtures,
//! a table in `rules/`, a file named after its id) and the data in `rules/`
//! refers only to rules that exist.

use std::collections::BTreeSet;
use std::path::Path;

use copydesk::REGISTRY;

const FAMILIES: &[&str] = &["date", "number", "quote", "sentence", "name"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn rule_ids_are_kebab_case_with_a_family_prefix() {
    for r in REGISTRY {
        assert!(
            r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !r.id.ends_with('-'),
            "{} is not kebab-case",
            r.id
        );
        assert!(FAMILIES.contains(&r.family()), "{} has no known family", r.id);
        assert!(r.id.contains('-'), "{} names only a family", r.id);
    }
}

#[test]
fn registry_is_alphabetical_and_unique() {
    let ids: Vec<&str> = REGISTRY.iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted);
}

#[test]
fn every_rule_is_documented() {
    for r in REGISTRY {
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(r.doc.contains(heading), "{} lacks `{heading}`", r.id);
        }
        assert!(r.doc.contains("Use instead"), "{} shows no correct text", r.id);
        assert!(
            !r.summary().is_empty() && r.summary().ends_with('.'),
            "{}: summary",
            r.id
        );
    }
}

#[test]
fn every_rule_has_its_file_and_fixtures() {
    for r in REGISTRY {
        let file = root().join("src/rules").join(format!("{}.rs", r.id.replace('-', "_")));
        assert!(file.exists(), "{} should live in {}", r.id, file.display());
        for f in ["bad.md", "good.md"] {
            let p = root().join("tests/fixtures").join(r.id).join(f);
            assert!(p.exists(), "{} lacks fixture {}", r.id, p.display());
        }
    }
}

#[test]
fn rule_tables_and_registry_agree_both_ways() {
    let registered: BTreeSet<&str> = REGISTRY.iter().map(|r| r.id).collect();
    let mut tabled = BTreeSet::new();
    for entry in std::fs::read_dir(root().join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let family = path.file_stem().unwrap().to_string_lossy().into_owned();
            let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for id in table.keys() {
                assert!(id.starts_with(&format!("{family}-")), "{id} is in {family}.toml");
                tabled.insert(id.clone());
            }
        }
    }
    let tabled: BTreeSet<&str> = tabled.iter().map(String::as_str).collect();
    assert_eq!(registered, tabled, "rules/ tables and the registry differ");
}

#[test]
fn fixture_folders_name_real_rules() {
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            copydesk::rules::find(&name).is_some(),
            "tests/fixtures/{name} names no rule"
        );
    }
}

#[test]
fn readme_rule_table_matches_the_registry() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for r in REGISTRY {
        assert!(
            readme.contains(&format!("| `{}` |", r.id)),
            "README's rule table lacks {}",
            r.id
        );
    }
}
