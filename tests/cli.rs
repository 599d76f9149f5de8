//! End-to-end tests of the `copydesk` binary over small article folders built
//! in temporary directories: folder walking, configuration discovery and
//! overrides, suppressions, the baseline, every output format, standard
//! input, the reference date, and the exit codes for bad input.
//!
//! Every article here was written for these tests.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use assert_cmd::prelude::*;
use serde_json::Value;

/// Runs the binary in `dir` with `args`, feeding `stdin`.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.current_dir(dir).args(args).env_remove("NO_COLOR");
    match stdin {
        Some(text) => {
            use std::io::Write;
            cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
            let mut child = cmd.spawn().expect("the binary starts");
            child
                .stdin
                .take()
                .expect("piped")
                .write_all(text.as_bytes())
                .expect("stdin accepts the text");
            child.wait_with_output().expect("the binary finishes")
        }
        None => cmd.stdin(Stdio::null()).output().expect("the binary runs"),
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    run_in(dir, args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(p, text).expect("write fixture");
}

/// A newsroom folder: a config with a per-path override and an exclude, a
/// nested config that selects one family, a gitignored draft, suppression
/// comments, and findings of several rules.
fn newsroom() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "copydesk.toml",
        r#"# Newsroom settings
fail-on = "warning"

[files]
exclude = ["archive/**"]

[[overrides]]
files = ["wire/*.txt"]
ignore = ["date-invalid"]
"#,
    );
    write(root, ".gitignore", "drafts/\n");
    write(root, ".ignore", "*.draft.md\n");
    write(
        root,
        "wire/second.draft.md",
        "# Draft\n\nThe fair opened on February 30.\n",
    );
    write(
        root,
        "story.md",
        "---\ndate: 2019-11-06\n---\n# Polls close\n\n\
         Voters went to the polls on Monday, Nov. 5, 2019, in heavy rain.\n\n\
         <!-- copydesk-disable-next-line date-invalid -->\n\
         The count, first planned for February 30, was moved.\n\n\
         The recount, planned for February 31, was cancelled.\n\n\
         <!-- copydesk-disable-next-line quote-unclosed -->\n\
         Turnout was high in the north.\n",
    );
    write(
        root,
        "notes.txt",
        "Budget notes\n\nThe vote, first planned for February 30, moved to March.\n",
    );
    write(
        root,
        "wire/brief.txt",
        "Wire brief\n\nThe hearing set for February 30 was delayed.\n",
    );
    write(
        root,
        "archive/old.md",
        "# Old\n\nThe fair opened on February 30 last year.\n",
    );
    write(
        root,
        "drafts/draft.md",
        "# Draft\n\nThe fair opened on February 30 last year.\n",
    );
    write(root, "photo.jpg", "not an article");
    write(root, "desk/copydesk.toml", "select = [\"quote\"]\n");
    write(
        root,
        "desk/quote.md",
        "# Statement\n\nThe party said: “We call for calm on February 30.\n\nOfficials did not reply.\n",
    );
    dir
}

fn concise_paths(out: &str) -> Vec<String> {
    let mut v: Vec<String> = out
        .lines()
        .map(|l| l.split(':').next().unwrap_or("").to_string())
        .collect();
    v.dedup();
    v
}

#[test]
fn walks_the_current_folder_with_configs_ignores_and_overrides() {
    let dir = newsroom();
    let o = run(dir.path(), &["check", "--format", "concise"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}\n{}", stderr(&o));
    // Sorted by path; archive/ is excluded, drafts/ gitignored, *.draft.md
    // in .ignore, photo.jpg
    // not an article, wire/ has date-invalid turned off by its override.
    assert_eq!(concise_paths(&out), ["desk/quote.md", "notes.txt", "story.md"], "{out}");
    // The nearest config wins: desk/ selects only quotation rules.
    assert!(
        out.contains("\ndesk/quote.md:3:17: warning[quote-unclosed]")
            || out.starts_with("desk/quote.md:3:17: warning[quote-unclosed]"),
        "{out}"
    );
    assert!(!out.contains("desk/quote.md:3:40"), "{out}");
    // Suppressed: the February 30 line in story.md; not the February 31 one.
    assert!(out.contains("\nstory.md:6:29: error[date-weekday-mismatch]"), "{out}");
    assert!(!out.contains("story.md:9:"), "{out}");
    assert!(out.contains("\nstory.md:11:"), "{out}");
    assert!(!out.contains("suppression-unused"), "{out}");
}

#[test]
fn unused_suppressions_are_reported_on_request() {
    let dir = newsroom();
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--report-unused-suppressions",
            "story.md",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains("story.md:13:1: warning[suppression-unused]: suppression of quote-unclosed suppresses nothing"),
        "{out}"
    );
    assert_eq!(out.matches("suppression-unused").count(), 1, "{out}");
}

#[test]
fn output_is_identical_at_any_thread_count() {
    let dir = newsroom();
    for _ in 0..3 {
        let one = run(dir.path(), &["check", "--format", "json", "--threads", "1"]);
        let many = run(dir.path(), &["check", "--format", "json", "--threads", "4"]);
        assert_eq!(one.stdout, many.stdout);
        assert!(!one.stdout.is_empty());
    }
}

#[test]
fn exit_codes_follow_the_failing_severity() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "clean.md", "# Fine\n\nThe council met on Tuesday.\n");
    write(
        dir.path(),
        "quote.md",
        "# Quote\n\nThe mayor said: “We will rebuild the bridge.\n\nWork starts soon.\n",
    );
    assert_eq!(code(&run(dir.path(), &["check", "clean.md"])), 0);
    assert_eq!(code(&run(dir.path(), &["check", "quote.md"])), 1);
    // A warning does not fail the run when only errors do.
    let o = run(dir.path(), &["check", "--fail-on", "error", "quote.md"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("quote-unclosed"));
    write(dir.path(), "copydesk.toml", "fail-on = \"error\"\n");
    assert_eq!(code(&run(dir.path(), &["check", "quote.md"])), 0);
}

#[test]
fn bad_config_exits_2_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", "# A\n\nThe fair opened on February 30.\n");
    let cases = [
        ("fail-on = \"error\"\n\nsevere = true\n", ":3:", "severe"),
        (
            "[rules.date-invalid]\nseverity = \"loud\"\n",
            ":2:",
            "date-invalid.severity",
        ),
        ("\n[rules.date-invalid]\nstrictness = 3\n", ":3:", "strictness"),
        ("select = [\"dates\"]\n", ":1:", "dates"),
        (
            "[[overrides]]\nfiles = [\"a/**\"]\nignore = [\"nope\"]\n",
            ":3:",
            "nope",
        ),
        ("reference-date = \"yesterday\"\n", ":1:", "reference-date"),
    ];
    for (toml, line, key) in cases {
        write(dir.path(), "copydesk.toml", toml);
        let o = run(dir.path(), &["check", "a.md"]);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{toml}: {err}");
        assert!(err.contains(&format!("copydesk.toml{line}")), "{toml}: {err}");
        assert!(err.contains(key), "{toml}: {err}");
        assert!(stdout(&o).is_empty(), "a bad config stops before linting");
    }
    // --config names its own file.
    std::fs::remove_file(dir.path().join("copydesk.toml")).unwrap();
    write(dir.path(), "ci.toml", "[files]\nextension = [\"txt\"]\n");
    let o = run(dir.path(), &["check", "--config", "ci.toml", "a.md"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("ci.toml:2"), "{}", stderr(&o));
    assert!(stderr(&o).contains("extension"), "{}", stderr(&o));
}

#[test]
fn bad_inputs_exit_2_and_the_rest_is_still_linted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", "# A\n\nThe fair opened on February 30.\n");
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 society.\n").unwrap();
    std::fs::write(dir.path().join("binary.md"), b"PK\x03\x04\x00\x00data").unwrap();
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "missing.md",
            "latin1.txt",
            "binary.md",
            "good.md",
        ],
    );
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("missing.md: No such file"), "{err}");
    assert!(
        err.contains("latin1.txt: not valid UTF-8 (first bad byte at offset 3)"),
        "{err}"
    );
    assert!(err.contains("binary.md: binary file"), "{err}");
    assert!(
        stdout(&o).contains("good.md:3:20: error[date-invalid]"),
        "{}",
        stdout(&o)
    );
    // The same when walking a folder.
    let o = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).contains("good.md"));
}

#[test]
fn baseline_hides_recorded_findings_across_edits() {
    let dir = tempfile::tempdir().unwrap();
    let first = "# Vote\n\nThe vote, first planned for February 30, moved to March.\n";
    write(dir.path(), "story.md", first);
    let o = run(dir.path(), &["check", "--write-baseline", "baseline.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("recorded 1 finding in baseline.json"));
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    let entry = &json["entries"][0];
    assert_eq!(entry["rule"], "date-invalid");
    assert_eq!(entry["text"], "February 30");
    assert_eq!(entry["path"], "story.md");
    assert!(entry.get("offset").is_none() && entry.get("line").is_none());
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    assert_eq!(code(&run(dir.path(), &["check", "--baseline", "baseline.json"])), 0);
    // A new paragraph above moves every offset; the old finding stays
    // accepted, the new one is reported.
    write(
        dir.path(),
        "story.md",
        "# Vote\n\nA new lead: the hearing is set for February 31.\n\nThe vote, first planned for\nFebruary 30, moved to March.\n",
    );
    let o = run(
        dir.path(),
        &["check", "--format", "concise", "--baseline", "baseline.json"],
    );
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert_eq!(out.matches("date-invalid").count(), 1, "{out}");
    assert!(out.contains("story.md:3:36: error[date-invalid]"), "{out}");
    // A corrupt baseline is an error.
    write(dir.path(), "bad.json", "{\"version\": 1, \"entries\": {}}");
    let o = run(dir.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.json:1"), "{}", stderr(&o));
}

#[test]
fn standard_input_takes_the_name_and_format_given() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# T\n\n`February 30` is code.\n\nThe fair opened on February 31.\n";
    let o = run_in(
        dir.path(),
        &["check", "--format", "concise", "-", "--stdin-filename", "story.md"],
        Some(text),
    );
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).starts_with("story.md:5:20: error[date-invalid]"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        stdout(&o).matches("date-invalid").count(),
        1,
        "inline code is not prose in Markdown"
    );
    // Without a name it is plain text called <stdin>: the code span counts.
    let o = run_in(dir.path(), &["check", "--format", "concise", "-"], Some(text));
    assert_eq!(stdout(&o).matches("date-invalid").count(), 2, "{}", stdout(&o));
    assert!(stdout(&o).starts_with("<stdin>:"));
}

#[test]
fn reference_date_flag_and_verbose_explanation() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "# Rain\n\nIt rained on Monday, Nov. 5, across the region.\n",
    );
    let o = run(dir.path(), &["check", "--format", "concise", "--verbose", "a.md"]);
    assert_eq!(code(&o), 0, "no reference date: the yearless weekday is skipped");
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("a.md: configuration: built-in defaults; no reference date"),
        "{}",
        stderr(&o)
    );
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--verbose",
            "--date",
            "2019-11-06",
            "a.md",
        ],
    );
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("date-weekday-mismatch"));
    assert!(
        stderr(&o).contains("reference date 2019-11-06 from --date"),
        "{}",
        stderr(&o)
    );
    // The configuration's policy: a fixed date, or none at all.
    write(dir.path(), "copydesk.toml", "reference-date = \"2019-11-06\"\n");
    let o = run(dir.path(), &["check", "--verbose", "a.md"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("from `reference-date` in the configuration"),
        "{}",
        stderr(&o)
    );
    write(
        dir.path(),
        "b.md",
        "---\ndate: 2019-11-06\n---\n# Rain\n\nIt rained on Monday, Nov. 5.\n",
    );
    assert_eq!(code(&run(dir.path(), &["check", "b.md"])), 1);
    write(dir.path(), "copydesk.toml", "reference-date = \"none\"\n");
    let o = run(dir.path(), &["check", "--verbose", "b.md"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(
        stderr(&o)
            .contains("no reference date (`reference-date = \"none\"` in the configuration; --date overrides it)"),
        "{}",
        stderr(&o)
    );
    let bad = run(dir.path(), &["check", "--date", "2019-13-01", "b.md"]);
    assert_eq!(code(&bad), 2);
}

/// Runs `--format <f>` over the newsroom.
fn format(f: &str) -> String {
    let dir = newsroom();
    let o = run(dir.path(), &["check", "--format", f, "--color", "never"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn json_keeps_the_v1_contract_sorted_by_path_and_offset() {
    let v: Value = serde_json::from_str(&format("json")).unwrap();
    assert_eq!(v["version"], 1);
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 4);
    let keys: Vec<(String, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["start"]["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for d in diags {
        for k in ["path", "rule", "severity", "message", "start", "end", "labels", "help"] {
            assert!(d.get(k).is_some(), "missing {k} in {d}");
        }
        for k in ["offset", "line", "column"] {
            assert!(d["start"][k].is_u64() && d["end"][k].is_u64());
        }
    }
}

/// Replaces the erratum `language` pattern; returns how many it replaced.
fn fix_language_patterns(v: &mut Value) -> usize {
    const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        Value::String(s) if s == BAD => {
            *s = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string();
            1
        }
        Value::Array(a) => a.iter_mut().map(fix_language_patterns).sum(),
        Value::Object(o) => o.values_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}

/// A validator for the official SARIF 2.1.0 schema vendored in tests/
/// (taken from the serde-sarif crate's package, which ships it unchanged).
fn sarif_validator() -> jsonschema::Validator {
    let schema_text = include_str!("sarif-schema-2.1.0.json");
    let mut schema: Value = serde_json::from_str(schema_text).unwrap();
    // The official file's `language` patterns (on `run` and
    // `toolComponent`) have a stray `]` (`...[a-zA-Z]{2}]?$`), which the
    // draft-07 meta-schema's `regex` format rejects, so the validator refuses
    // the schema itself. copydesk never writes `language`; the pattern is
    // replaced in memory only (the vendored file stays as published).
    assert_eq!(fix_language_patterns(&mut schema), 2);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let validator = sarif_validator();
    let out = format("sarif");
    let log: Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema must be able to fail: a result without a message is invalid.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let invalid = rules.iter().find(|r| r["id"] == "date-invalid").unwrap();
    assert!(invalid["help"]["text"].as_str().unwrap().contains("## What it does"));
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "date-weekday-mismatch")
        .unwrap();
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "date-weekday-mismatch"
    );
    let fp = result["partialFingerprints"]["copydeskFinding/v1"].as_str().unwrap();
    assert_eq!(fp.len(), 16);
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 6);
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "story.md"
    );
}

#[test]
fn github_workflow_commands_are_escaped() {
    let out = format("github");
    let line = out
        .lines()
        .find(|l| l.contains("date-weekday-mismatch"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with("::error file=story.md,line=6,col=29,endLine=6,endColumn="),
        "{line}"
    );
    assert!(line.contains(",title=copydesk (date-weekday-mismatch)::"), "{line}");
    // The message's help goes on an escaped second line; no raw newline.
    assert!(out.lines().all(|l| l.starts_with("::")), "{out}");
    assert!(out.contains("%0Ahelp: "), "{out}");
    assert!(out.contains("::warning file=desk/quote.md,"), "{out}");
}

#[test]
fn rdjson_checkstyle_human_and_concise() {
    let rd: Value = serde_json::from_str(&format("rdjson")).unwrap();
    assert_eq!(rd["source"]["name"], "copydesk");
    let d = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "quote-unclosed")
        .unwrap();
    assert_eq!(d["location"]["path"], "desk/quote.md");
    assert_eq!(d["severity"], "WARNING");
    // rdjson columns are UTF-8 bytes: `“` is three bytes after column 16.
    assert_eq!(
        d["location"]["range"]["start"],
        serde_json::json!({"line": 3, "column": 17})
    );

    let xml = format("checkstyle");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle"));
    assert!(xml.contains("<file name=\"story.md\">"), "{xml}");
    assert!(xml.contains("source=\"copydesk.date-weekday-mismatch\""), "{xml}");
    assert!(!xml.contains("“We"), "messages are attributes, not raw text");
    assert_eq!(xml.matches("<file ").count(), xml.matches("</file>").count());

    let human = format("human");
    assert!(human.contains("error[date-weekday-mismatch]"), "{human}");
    assert!(human.contains("┌─ story.md:6:29"), "{human}");
    assert!(!human.contains('\u{1b}'), "--color never");
    let dir = newsroom();
    let o = run(dir.path(), &["check", "--color", "always", "story.md"]);
    assert!(stdout(&o).contains('\u{1b}'));

    let concise = format("concise");
    assert!(concise.lines().all(|l| !l.starts_with("./")), "{concise}");
    // A named folder keeps the name as given.
    let o = run(dir.path(), &["check", "--format", "concise", "."]);
    assert!(stdout(&o).lines().all(|l| l.starts_with("./")), "{}", stdout(&o));
}

#[test]
fn suggestions_reach_sarif_fixes_and_rdjson_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "s.md",
        "# Statement\n\nThe party strongly condemns 2020 The military aggression against the republic.\n",
    );
    let sarif: Value = serde_json::from_str(&stdout(&run(dir.path(), &["check", "--format", "sarif"]))).unwrap();
    let errors: Vec<String> = sarif_validator().iter_errors(&sarif).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let rd: Value = serde_json::from_str(&stdout(&run(dir.path(), &["check", "--format", "rdjson"]))).unwrap();
    let json: Value = serde_json::from_str(&stdout(&run(dir.path(), &["check", "--format", "json"]))).unwrap();
    let with_fix = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["suggestion"].is_null())
        .count();
    let fixes = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .count();
    let suggestions = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d.get("suggestions").is_some())
        .count();
    assert!(with_fix > 0, "the fixture has a suggestion");
    assert_eq!(fixes, with_fix);
    assert_eq!(suggestions, with_fix);
}

#[test]
fn config_subcommand_prints_the_effective_settings() {
    let dir = newsroom();
    let o = run(dir.path(), &["config", "wire/brief.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("# configuration: "), "{out}");
    let table: toml::Table = toml::from_str(&out).expect("the output is TOML");
    assert_eq!(table["rules"]["date-invalid"]["enabled"].as_bool(), Some(false));
    assert_eq!(table["files"]["exclude"][0].as_str(), Some("archive/**"));
    let o = run(dir.path(), &["config", "story.md"]);
    let table: toml::Table = toml::from_str(&stdout(&o)).unwrap();
    assert_eq!(table["rules"]["date-invalid"]["enabled"].as_bool(), Some(true));
    let o = run(dir.path(), &["config", "desk/quote.md"]);
    let table: toml::Table = toml::from_str(&stdout(&o)).unwrap();
    assert_eq!(table["rules"]["date-invalid"]["enabled"].as_bool(), Some(false));
    assert_eq!(table["rules"]["quote-unclosed"]["enabled"].as_bool(), Some(true));
}

#[test]
fn a_config_can_extend_another() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "copydesk.toml",
        "fail-on = \"error\"\n[[overrides]]\nfiles = [\"desk/wire/**\"]\nignore = [\"date-invalid\"]\n",
    );
    write(
        dir.path(),
        "desk/copydesk.toml",
        "extend = \"../copydesk.toml\"\nignore = [\"sentence\"]\n",
    );
    let o = run(dir.path(), &["config", "desk/wire/a.md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(extends "), "{out}");
    let t: toml::Table = toml::from_str(&out).unwrap();
    assert_eq!(t["fail-on"].as_str(), Some("error"), "inherited");
    assert_eq!(t["rules"]["sentence-fragment"]["enabled"].as_bool(), Some(false));
    assert_eq!(
        t["rules"]["date-invalid"]["enabled"].as_bool(),
        Some(false),
        "the parent's override, relative to the parent's folder"
    );
    let o = run(dir.path(), &["config", "desk/a.md"]);
    let t: toml::Table = toml::from_str(&stdout(&o)).unwrap();
    assert_eq!(t["rules"]["date-invalid"]["enabled"].as_bool(), Some(true));
    // A cycle is an error naming the file, line and key.
    write(dir.path(), "copydesk.toml", "extend = \"desk/copydesk.toml\"\n");
    let o = run(dir.path(), &["config", "desk/a.md"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("copydesk.toml:1: extend: "), "{}", stderr(&o));
    write(dir.path(), "desk/copydesk.toml", "\nextend = \"nowhere.toml\"\n");
    let o = run(dir.path(), &["check", "desk"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("copydesk.toml:2: extend: cannot read"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lexicons_extend_from_files_next_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "words/extra.toml",
        "description = \"x\"\nwords = [\"Brig\"]\n",
    );
    write(
        dir.path(),
        "copydesk.toml",
        "[lexicons]\ntitles = \"words/extra.toml\"\nabbreviations = [\"approx\"]\n",
    );
    let o = run(dir.path(), &["config", "."]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    write(
        dir.path(),
        "copydesk.toml",
        "[lexicons]\ntitles = \"words/missing.toml\"\n",
    );
    let o = run(dir.path(), &["config", "."]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("copydesk.toml:2: lexicons.titles"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_thread_and_many_walk_and_report_alike() {
    // One thread walks and lints on the calling thread; more use a pool.
    let dir = newsroom();
    let filters: [&[&str]; 3] = [
        &[],
        &["--exclude", "desk/**", "--exclude", "*.txt"],
        &["--include", "*.txt"],
    ];
    for extra in filters {
        let args = |threads: &'static str| {
            let mut a = vec!["check", "--format", "concise", "--threads", threads];
            a.extend_from_slice(extra);
            a
        };
        let (one, many) = (run(dir.path(), &args("1")), run(dir.path(), &args("3")));
        assert!(!stdout(&one).is_empty(), "{extra:?}");
        assert_eq!(stdout(&one), stdout(&many), "{extra:?}");
        assert_eq!(stderr(&one), stderr(&many), "{extra:?}");
        assert_eq!(code(&one), code(&many), "{extra:?}");
    }
}

#[test]
fn include_exclude_and_extensions() {
    let dir = newsroom();
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--exclude",
            "desk/**",
            "--exclude",
            "*.txt",
        ],
    );
    assert_eq!(concise_paths(&stdout(&o)), ["story.md"]);
    let o = run(dir.path(), &["check", "--format", "concise", "--include", "*.txt"]);
    assert_eq!(concise_paths(&stdout(&o)), ["notes.txt"]);
    write(dir.path(), "copydesk.toml", "[files]\nextensions = [\"txt\"]\n");
    let o = run(dir.path(), &["check", "--format", "concise", "."]);
    // desk/ has its own config but the walk uses the root's file settings.
    assert_eq!(concise_paths(&stdout(&o)), ["./notes.txt", "./wire/brief.txt"]);
    // A named file is linted whatever its extension.
    write(dir.path(), "story.text", "The fair opened on February 30.\n");
    let o = run(dir.path(), &["check", "--format", "concise", "story.text"]);
    assert_eq!(concise_paths(&stdout(&o)), ["story.text"]);
}

#[test]
fn select_and_ignore_on_the_command_line_win() {
    let dir = newsroom();
    let o = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--select",
            "date-invalid",
            "story.md",
            "desk",
        ],
    );
    let out = stdout(&o);
    assert!(out.lines().all(|l| l.contains("[date-invalid]")), "{out}");
    // Even where desk/copydesk.toml selects only quotation rules.
    assert!(out.contains("desk/quote.md"), "{out}");
    let o = run(
        dir.path(),
        &["check", "--format", "concise", "--ignore", "date,quote", "story.md"],
    );
    assert!(
        !stdout(&o).contains("[date-") && !stdout(&o).contains("[quote-"),
        "{}",
        stdout(&o)
    );
    let o = run(dir.path(), &["check", "--select", "dates", "story.md"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("command line:1: dates: no rule or family has this name"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_empty_folder_is_clean_but_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.rtf", "February 30");
    let o = run(dir.path(), &["check"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("no files to lint"), "{}", stderr(&o));
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["completions", "bash"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("--write-baseline"));
    let o = run(dir.path(), &["completions", "zsh"]);
    assert!(stdout(&o).contains("#compdef copydesk"));
    let o = run(dir.path(), &["man"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH copydesk"),
        "{}",
        stdout(&o)
    );
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "nope"])
        .assert()
        .code(2);
}

#[test]
fn every_format_on_the_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["human", "concise", "json", "sarif", "github", "rdjson", "checkstyle"] {
        let o = run(root, &["check", "--format", f, "--color", "never", "examples"]);
        assert_eq!(code(&o), 1, "{f}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{f}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("date-invalid"), "{f}: {out}");
        match f {
            "json" | "rdjson" => {
                serde_json::from_str::<Value>(&out).unwrap_or_else(|e| panic!("{f}: {e}"));
            }
            "sarif" => {
                let log: Value = serde_json::from_str(&out).unwrap();
                let errors: Vec<String> = sarif_validator().iter_errors(&log).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{errors:#?}");
            }
            "github" | "concise" => assert!(
                out.lines().all(|l| l.starts_with("::") || l.starts_with("examples/")),
                "{f}: {out}"
            ),
            "checkstyle" => assert!(out.trim_end().ends_with("</checkstyle>")),
            _ => assert!(out.contains("error[date-invalid]"), "{out}"),
        }
        let single = run(
            root,
            &["check", "--format", f, "--color", "never", "--threads", "1", "examples"],
        );
        assert_eq!(single.stdout, o.stdout, "{f}: thread count changed the output");
    }
}

#[test]
fn readme_shows_the_real_output_for_its_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = run(root, &["check", "--color", "never", "examples/bad/referendum.md"]);
    assert_eq!(code(&out), 1);
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README is readable");
    assert!(
        readme.contains(&stdout(&out)),
        "README's example output is stale; it should contain:\n{}",
        stdout(&out)
    );
}
