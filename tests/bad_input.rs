//! Bad input on the real binary: each case gets its documented behaviour and
//! exit status (README, "Bad input"), and one bad file never stops the others
//! from being linted.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// A sentence with one certain finding (`date-invalid`, an error).
const FINDING: &str = "It was February 30 in the capital.";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn copydesk(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir)
        .args(["check", "--format", "concise", "--color", "never"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("copydesk runs");
    Run {
        code: out
            .status
            .code()
            .expect("copydesk exits, not killed by a signal or the timeout"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.path().join(name), bytes).expect("temp file");
}

fn one(name: &str, bytes: impl AsRef<[u8]>) -> Run {
    let dir = TempDir::new().expect("temp dir");
    write(&dir, name, bytes);
    copydesk(dir.path(), &[name])
}

#[test]
fn empty_file_is_clean() {
    let r = one("a.txt", "");
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn whitespace_only_is_clean() {
    let r = one("a.txt", " \n\t\n\r\n  \u{a0}\n");
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    let r = one("a.md", "   \n\n\n");
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let r = one("bad.txt", b"Good text here.\n\xff\xfe more\n");
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .contains("bad.txt: not valid UTF-8 (first bad byte at offset 16)"),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_utf8_on_stdin_names_stdin() {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["check", "--format", "concise", "-"])
        .write_stdin(&b"ab\xc3"[..])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("copydesk runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("<stdin>: not valid UTF-8 (first bad byte at offset 2)"),
        "{err}"
    );
}

#[test]
fn binary_file_is_an_error() {
    let r = one("bin.txt", b"PK\x03\x04\x00\x00binary");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("bin.txt: binary file (contains NUL bytes)"),
        "{}",
        r.stderr
    );
}

#[test]
fn empty_front_matter_is_skipped_and_the_body_linted() {
    let r = one("a.md", format!("---\n---\n{FINDING}\n"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("a.md:3:8: error[date-invalid]"), "{}", r.stdout);
}

#[test]
fn unterminated_front_matter_is_read_as_body() {
    // Without a closing fence there is no front matter: every line is text.
    let r = one("a.md", format!("---\ndate: 2021-01-01\n{FINDING}\n"));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("a.md:3:8: error[date-invalid]"), "{}", r.stdout);
    let r = one("b.md", "---\n");
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
}

#[test]
fn crlf_and_cr_line_endings_count_lines() {
    let r = one("crlf.txt", format!("Title\r\n\r\nFirst line.\r\n{FINDING}\r\n"));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("crlf.txt:4:8: error[date-invalid]"),
        "{}",
        r.stdout
    );
    let r = one("cr.txt", format!("Title\r\rFirst line.\r{FINDING}\r"));
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("cr.txt:4:8: error[date-invalid]"), "{}", r.stdout);
}

#[test]
fn byte_order_mark_is_not_text_or_a_column() {
    let r = one("bom.txt", format!("\u{feff}{FINDING}\n"));
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("bom.txt:1:8: error[date-invalid]"), "{}", r.stdout);
    // JSON offsets stay byte offsets into the file, BOM included.
    let dir = TempDir::new().expect("temp dir");
    write(&dir, "bom.txt", format!("\u{feff}{FINDING}\n"));
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "bom.txt"])
        .output()
        .expect("copydesk runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    let start = &json["diagnostics"][0]["start"];
    assert!(start == 10 || start["offset"] == 10, "{json}");
    if start.is_object() {
        assert_eq!(start["column"], 8, "{json}");
    }
}

#[test]
fn one_megabyte_single_line_is_linted() {
    let mut text = "word ".repeat(200_000);
    text.push_str(FINDING);
    let r = one("long.txt", &text);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("long.txt:1:1000008: error[date-invalid]"),
        "{}",
        r.stdout
    );
}

#[test]
fn deeply_nested_quotes_and_markup_do_not_crash() {
    let quotes = format!(
        "He said {} {FINDING} {}\n",
        "“she said “".repeat(3000),
        "”".repeat(6000)
    );
    let r = one("q.txt", quotes);
    assert!(r.code <= 1, "{}", r.stderr);
    assert!(r.stdout.contains("error[date-invalid]"));
    let straight = format!("{}{FINDING}{}\n", "\"'".repeat(5000), "'\"".repeat(5000));
    let r = one("s.txt", straight);
    assert!(r.code <= 1, "{}", r.stderr);
    let markdown = format!(
        "{} {FINDING}\n\n{}x{}\n",
        ">".repeat(20_000),
        "*[".repeat(20_000),
        "]*".repeat(20_000)
    );
    let r = one("m.md", markdown);
    assert!(r.code <= 1, "{}", r.stderr);
    assert!(r.stdout.contains("error[date-invalid]"), "{}", r.stdout);
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let dir = TempDir::new().expect("temp dir");
    let r = copydesk(dir.path(), &["no-such-file.txt"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no-such-file.txt: No such file or directory"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn broken_symlink_named_is_an_error_and_skipped_in_a_walk() {
    let dir = TempDir::new().expect("temp dir");
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("link.txt")).expect("symlink");
    write(&dir, "ok.txt", FINDING);
    let r = copydesk(dir.path(), &["link.txt", "ok.txt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("link.txt: No such file or directory"), "{}", r.stderr);
    assert!(r.stdout.contains("ok.txt:1:8: error[date-invalid]"), "{}", r.stdout);
    // Walking a folder does not follow symbolic links, broken or not.
    let r = copydesk(dir.path(), &["."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_reported_and_the_rest_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().expect("temp dir");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("dir");
    std::fs::write(locked.join("inside.txt"), FINDING).expect("file");
    write(&dir, "ok.txt", FINDING);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let blocks = std::fs::read_dir(&locked).is_err();
    if !blocks {
        // Root (as in CI containers) reads through permission bits; the
        // case cannot be produced here, so it is skipped rather than faked.
        println!("note: running with privileges that ignore permission bits; unreadable-folder case skipped");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
        return;
    }
    let r = copydesk(dir.path(), &["."]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("locked"), "{}", r.stderr);
    assert!(r.stdout.contains("ok.txt:1:8: error[date-invalid]"), "{}", r.stdout);
}

#[test]
fn one_bad_file_never_stops_the_others() {
    let dir = TempDir::new().expect("temp dir");
    write(&dir, "a-bad-utf8.txt", b"x\xff");
    write(&dir, "b-binary.txt", b"\x00\x01");
    write(&dir, "c-good.txt", FINDING);
    write(&dir, "d-empty.txt", "");
    write(&dir, "e-good.md", format!("---\n---\n{FINDING}\n"));
    let r = copydesk(dir.path(), &[".", "missing.txt"]);
    assert_eq!(r.code, 2, "an input error outranks findings");
    for name in ["a-bad-utf8.txt", "b-binary.txt", "missing.txt"] {
        assert!(r.stderr.contains(name), "{name} not reported: {}", r.stderr);
    }
    assert!(r.stdout.contains("c-good.txt:1:8: error[date-invalid]"), "{}", r.stdout);
    assert!(r.stdout.contains("e-good.md:3:8: error[date-invalid]"), "{}", r.stdout);
}
