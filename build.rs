//! Embeds the rule set: every `rules/*.toml` and `rules/lexicons/*.toml` is
//! listed in a generated file of `include_str!` entries, so adding a lexicon
//! is adding a file, with no list to keep in sync by hand.

use std::fmt::Write as _;
use std::path::Path;

fn list(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

fn main() {
    // Read when the script runs, not baked in when it is compiled: a target
    // folder shared by two checkouts would otherwise embed the other's rules.
    let root = std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rules/lexicons");
    let mut out = String::new();
    out.push_str(
        "/// `(file name, contents)` of each `rules/*.toml`.\npub(crate) const RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for n in list(&root.join("rules")) {
        println!("cargo:rerun-if-changed=rules/{n}");
        writeln!(
            out,
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n/// `(lexicon name, contents)` of each `rules/lexicons/*.toml`.\npub(crate) const LEXICON_FILES: &[(&str, &str)] = &[\n");
    for n in list(&root.join("rules/lexicons")) {
        println!("cargo:rerun-if-changed=rules/lexicons/{n}");
        let stem = n.trim_end_matches(".toml");
        writeln!(
            out,
            "    ({stem:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/lexicons/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    std::fs::write(dest, out).expect("cannot write the embedded rule list");
}
