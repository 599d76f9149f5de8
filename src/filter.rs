//! What happens to findings after the rules: Markdown suppression comments,
//! the baseline of accepted findings, and the severity threshold. Rules never
//! see any of it (ruff's `noqa` works the same way).
//!
//! Suppression comments (Markdown only; plain text uses a per-path `ignore`
//! in `copydesk.toml`):
//!
//! - `<!-- copydesk-disable-next-line rule-id -->` silences the next
//!   non-blank line;
//! - `<!-- copydesk-disable rule-id -->` ... `<!-- copydesk-enable rule-id -->`
//!   silences a region (to the end of the file without an `enable`).
//!
//! Each names rule ids or families, separated by spaces or commas; a comment
//! without names covers every rule. A comment that suppresses nothing can
//! itself be reported ([`UNUSED_SUPPRESSION`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::diagnostic::{Diagnostic, FileReport, Severity};
use crate::document::Format;
use crate::source::Span;

/// The id reported on a suppression comment that suppresses nothing.
pub const UNUSED_SUPPRESSION: &str = "suppression-unused";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NextLine,
    Disable,
    Enable,
}

/// One `<!-- copydesk-... -->` comment.
#[derive(Clone, Debug)]
struct Directive {
    kind: Kind,
    span: Span,
    /// Rule ids or families; empty means every rule.
    rules: Vec<String>,
    /// Per name in `rules` (or one entry for "every rule"): did it suppress
    /// anything?
    used: Vec<bool>,
}

/// A byte range where some rules are silenced, from one directive.
#[derive(Clone, Debug)]
struct Region {
    start: usize,
    end: usize,
    /// Indices into the directive's `rules` that this region covers; empty
    /// with an empty `rules` means every rule.
    names: Vec<usize>,
    directive: usize,
}

fn covers(name: &str, rule: &str) -> bool {
    rule == name || rule.strip_prefix(name).is_some_and(|rest| rest.starts_with('-'))
}

/// Byte ranges of raw HTML in a Markdown text (where comments live); a
/// comment shown inside a code block is text, not a directive.
fn html_ranges(text: &str) -> Vec<(usize, usize)> {
    use pulldown_cmark::{Event, Options, Parser};
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    Parser::new_ext(text, opts)
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, r)| (r.start, r.end))
        .collect()
}

/// Finds the suppression comments in a Markdown text.
fn directives(text: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    if !text.contains("copydesk-") {
        return out;
    }
    let html = html_ranges(text);
    let mut pos = 0;
    while let Some(rel) = text[pos..].find("<!--") {
        let start = pos + rel;
        if !html.iter().any(|&(a, b)| a <= start && start < b) {
            pos = start + 4;
            continue;
        }
        let body_start = start + 4;
        let Some(close_rel) = text[body_start..].find("-->") else {
            break;
        };
        let end = body_start + close_rel + 3;
        pos = end;
        let body = text[body_start..body_start + close_rel].trim();
        let (kind, rest) = if let Some(r) = body.strip_prefix("copydesk-disable-next-line") {
            (Kind::NextLine, r)
        } else if let Some(r) = body.strip_prefix("copydesk-disable") {
            (Kind::Disable, r)
        } else if let Some(r) = body.strip_prefix("copydesk-enable") {
            (Kind::Enable, r)
        } else {
            continue;
        };
        // `copydesk-disabled` is not a directive.
        if rest.chars().next().is_some_and(|c| !c.is_whitespace() && c != ',') {
            continue;
        }
        let rules: Vec<String> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let used = vec![false; rules.len().max(1)];
        out.push(Directive {
            kind,
            span: Span::new(start, end),
            rules,
            used,
        });
    }
    out
}

/// The byte range of the first non-blank line after byte `from`.
fn next_line(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut line_start = text[from..].find('\n').map(|i| from + i + 1)?;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        if !text[line_start..line_end].trim().is_empty() {
            return Some((line_start, line_end));
        }
        line_start = line_end + 1;
    }
    None
}

fn regions(text: &str, dirs: &[Directive]) -> Vec<Region> {
    let mut out = Vec::new();
    // Open `disable` regions: (directive, names still open, start).
    let mut open: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    for (i, d) in dirs.iter().enumerate() {
        let all_names: Vec<usize> = (0..d.rules.len()).collect();
        match d.kind {
            Kind::NextLine => {
                if let Some((start, end)) = next_line(text, d.span.end) {
                    out.push(Region {
                        start,
                        end,
                        names: all_names,
                        directive: i,
                    });
                }
            }
            Kind::Disable => open.push((i, all_names, d.span.end)),
            Kind::Enable => {
                let mut still_open = Vec::new();
                for (di, names, start) in open.drain(..) {
                    let opener = &dirs[di];
                    if d.rules.is_empty() {
                        out.push(Region {
                            start,
                            end: d.span.start,
                            names,
                            directive: di,
                        });
                        continue;
                    }
                    if opener.rules.is_empty() {
                        // `enable x` inside `disable` (every rule) keeps the
                        // region open: it cannot be split per rule.
                        still_open.push((di, names, start));
                        continue;
                    }
                    let (closed, kept): (Vec<usize>, Vec<usize>) = names
                        .into_iter()
                        .partition(|&n| d.rules.iter().any(|r| r == &opener.rules[n]));
                    if !closed.is_empty() {
                        out.push(Region {
                            start,
                            end: d.span.start,
                            names: closed,
                            directive: di,
                        });
                    }
                    if !kept.is_empty() {
                        still_open.push((di, kept, start));
                    }
                }
                open = still_open;
            }
        }
    }
    for (di, names, start) in open {
        out.push(Region {
            start,
            end: text.len(),
            names,
            directive: di,
        });
    }
    out
}

/// Removes the findings silenced by suppression comments (Markdown files
/// only). With `report_unused`, each comment that silenced nothing becomes
/// a [`UNUSED_SUPPRESSION`] warning. Returns how many findings were removed.
pub fn apply_suppressions(report: &mut FileReport, report_unused: bool) -> usize {
    if report.format != Format::Markdown {
        return 0;
    }
    let text = report.source.text();
    let mut dirs = directives(text);
    if dirs.is_empty() {
        return 0;
    }
    let regions = regions(text, &dirs);
    let before = report.diagnostics.len();
    report.diagnostics.retain(|d| {
        let mut silenced = false;
        for r in regions
            .iter()
            .filter(|r| r.start <= d.span.start && d.span.start < r.end.max(r.start + 1))
        {
            let dir = &mut dirs[r.directive];
            if dir.rules.is_empty() {
                dir.used[0] = true;
                silenced = true;
            } else {
                for &n in &r.names {
                    if covers(&dir.rules[n], d.rule) {
                        dir.used[n] = true;
                        silenced = true;
                    }
                }
            }
        }
        !silenced
    });
    let removed = before - report.diagnostics.len();
    if report_unused {
        for d in dirs.iter().filter(|d| d.kind != Kind::Enable) {
            let unused: Vec<&str> = if d.rules.is_empty() {
                if d.used[0] { vec![] } else { vec!["every rule"] }
            } else {
                d.rules
                    .iter()
                    .zip(&d.used)
                    .filter(|(_, u)| !**u)
                    .map(|(r, _)| r.as_str())
                    .collect()
            };
            if unused.is_empty() {
                continue;
            }
            let mut diag = Diagnostic::new(
                UNUSED_SUPPRESSION,
                Severity::Warning,
                d.span,
                format!("suppression of {} suppresses nothing", unused.join(", ")),
            );
            diag.help("remove the comment, or the rule names that no longer apply");
            report.diagnostics.push(diag);
        }
        report
            .diagnostics
            .sort_by(|a, b| (a.span.start, a.rule, a.span.end).cmp(&(b.span.start, b.rule, b.span.end)));
    }
    removed
}

/// Collapses runs of whitespace so that reflowing a paragraph keeps a
/// baseline entry valid.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A report's path as recorded in a baseline: `/` separators, no `./`.
fn baseline_path(name: &str) -> String {
    let s = name.replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.to_string()
}

/// Identifies a finding without offsets: path, rule id, flagged words and
/// their sentence, whitespace-normalized (harper's `spanless_hash`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Key {
    path: String,
    rule: String,
    text: String,
    sentence: String,
}

fn key_of(report: &FileReport, d: &Diagnostic) -> Key {
    let text = report.source.text();
    let slice = |s: Span| text.get(s.start..s.end).unwrap_or("");
    Key {
        path: baseline_path(report.source.name()),
        rule: d.rule.to_string(),
        text: normalize(slice(d.span)),
        sentence: normalize(d.sentence.map_or("", slice)),
    }
}

/// A stable fingerprint of a finding, from the same fields as the baseline
/// key (path, rule, flagged words, sentence; no offsets): 16 hex digits of
/// FNV-1a, so SARIF consumers can track a finding across edits.
pub fn fingerprint(report: &FileReport, d: &Diagnostic) -> String {
    let k = key_of(report, d);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&k.path, &k.rule, &k.text, &k.sentence] {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    /// How many identical findings the article had.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

/// Findings accepted as they are: `--write-baseline` records them,
/// `--baseline` hides them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    entries: BTreeMap<Key, usize>,
}

impl Baseline {
    /// Records every finding in `reports`.
    pub fn from_reports(reports: &[FileReport]) -> Baseline {
        let mut entries = BTreeMap::new();
        for r in reports {
            for d in &r.diagnostics {
                *entries.entry(key_of(r, d)).or_insert(0) += 1;
            }
        }
        Baseline { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a baseline file's text; `path` names it in errors.
    pub fn parse(path: &str, text: &str) -> Result<Baseline, Error> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| Error::Config {
            path: path.to_string(),
            line: e.line(),
            key: "baseline".into(),
            message: e.to_string(),
        })?;
        if file.version != 1 {
            return Err(Error::Config {
                path: path.to_string(),
                line: 1,
                key: "version".into(),
                message: format!("unsupported baseline version {}", file.version),
            });
        }
        let mut entries = BTreeMap::new();
        for e in file.entries {
            *entries.entry(e.key).or_insert(0) += e.count;
        }
        Ok(Baseline { entries })
    }

    /// The baseline file's text: sorted, so that it diffs well.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: 1,
            entries: self
                .entries
                .iter()
                .map(|(k, &count)| Entry { key: k.clone(), count })
                .collect(),
        };
        let mut s = serde_json::to_string_pretty(&file).expect("a baseline always serializes");
        s.push('\n');
        s
    }

    /// Removes the findings the baseline records (each entry absorbs as many
    /// findings as its count). Returns how many were removed.
    pub fn filter(&self, reports: &mut [FileReport]) -> usize {
        let mut left = self.entries.clone();
        let mut removed = 0;
        for r in reports.iter_mut() {
            let keys: Vec<Key> = r.diagnostics.iter().map(|d| key_of(r, d)).collect();
            let mut keys = keys.into_iter();
            r.diagnostics.retain(|_| {
                let k = keys.next().expect("one key per diagnostic");
                match left.get_mut(&k) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        removed
    }
}

/// Drops findings below `min`.
pub fn retain_at_least(reports: &mut [FileReport], min: Severity) {
    for r in reports {
        r.diagnostics.retain(|d| d.severity >= min);
    }
}

/// Whether `report` has a finding at or above `fail_on`.
pub fn fails(report: &FileReport, fail_on: Severity) -> bool {
    report.diagnostics.iter().any(|d| d.severity >= fail_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// A report on `text` with one finding of `rule` on each `needle`.
    fn report(name: &str, text: &str, findings: &[(&'static str, &str)]) -> FileReport {
        let source = SourceFile::new(name, text);
        let mut diagnostics = Vec::new();
        for (rule, needle) in findings {
            let start = text.find(needle).expect("needle in text");
            let mut d = Diagnostic::new(rule, Severity::Warning, Span::new(start, start + needle.len()), "x");
            let sent_start = text[..start].rfind(['.', '\n']).map_or(0, |i| i + 1);
            let sent_end = text[start..].find('.').map_or(text.len(), |i| start + i + 1);
            d.sentence = Some(Span::new(sent_start, sent_end));
            diagnostics.push(d);
        }
        FileReport {
            format: Format::from_path(name),
            source,
            diagnostics,
            reference: None,
        }
    }

    fn rules(r: &FileReport) -> Vec<&str> {
        r.diagnostics.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn next_line_comment_silences_only_the_next_line() {
        let text =
            "<!-- copydesk-disable-next-line date-invalid -->\n\nOn February 30 it rained.\n\nOn February 31 too.\n";
        let mut r = report(
            "a.md",
            text,
            &[("date-invalid", "February 30"), ("date-invalid", "February 31")],
        );
        assert_eq!(apply_suppressions(&mut r, true), 1);
        assert_eq!(rules(&r), ["date-invalid"]);
        assert!(text[r.diagnostics[0].span.start..].starts_with("February 31"));
    }

    #[test]
    fn next_line_comment_for_another_rule_is_unused() {
        let text = "<!-- copydesk-disable-next-line quote-unclosed -->\nOn February 30 it rained.\n";
        let mut r = report("a.md", text, &[("date-invalid", "February 30")]);
        assert_eq!(apply_suppressions(&mut r, true), 0);
        assert_eq!(rules(&r), [UNUSED_SUPPRESSION, "date-invalid"]);
        assert!(r.diagnostics[0].message.contains("quote-unclosed"));
        // Opt-in: without the flag nothing is added.
        let mut r = report("a.md", text, &[("date-invalid", "February 30")]);
        apply_suppressions(&mut r, false);
        assert_eq!(rules(&r), ["date-invalid"]);
    }

    #[test]
    fn disable_enable_block_by_family() {
        let text = "A February 30 date.\n<!-- copydesk-disable date -->\nA February 31 date. A \"quote.\n<!-- copydesk-enable date -->\nA February 32 date.\n";
        let mut r = report(
            "a.md",
            text,
            &[
                ("date-invalid", "February 30"),
                ("date-invalid", "February 31"),
                ("quote-unclosed", "\"quote"),
                ("date-invalid", "February 32"),
            ],
        );
        assert_eq!(apply_suppressions(&mut r, true), 1);
        assert_eq!(rules(&r), ["date-invalid", "quote-unclosed", "date-invalid"]);
    }

    #[test]
    fn disable_without_enable_runs_to_the_end_and_covers_every_rule() {
        let text = "A February 30 date.\n<!-- copydesk-disable -->\nA February 31 date. A \"quote.\n";
        let mut r = report(
            "a.md",
            text,
            &[
                ("date-invalid", "February 30"),
                ("date-invalid", "February 31"),
                ("quote-unclosed", "\"quote"),
            ],
        );
        assert_eq!(apply_suppressions(&mut r, true), 2);
        assert_eq!(rules(&r), ["date-invalid"]);
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let text = "```\n<!-- copydesk-disable -->\n```\n\nA February 30 date, `<!-- copydesk-disable -->`.\n";
        let mut r = report("a.md", text, &[("date-invalid", "February 30")]);
        assert_eq!(apply_suppressions(&mut r, true), 0);
        assert_eq!(rules(&r), ["date-invalid"]);
        // Inline in a paragraph it is HTML and counts.
        let text = "Intro <!-- copydesk-disable --> here.\n\nA February 30 date.\n";
        let mut r = report("a.md", text, &[("date-invalid", "February 30")]);
        assert_eq!(apply_suppressions(&mut r, true), 1);
    }

    #[test]
    fn plain_text_and_lookalike_comments_are_not_directives() {
        let text = "<!-- copydesk-disable -->\nA February 30 date.\n";
        let mut r = report("a.txt", text, &[("date-invalid", "February 30")]);
        assert_eq!(apply_suppressions(&mut r, true), 0);
        let text = "<!-- copydesk-disabled -->\nA February 30 date.\n<!-- a note -->";
        let mut r = report("a.md", text, &[("date-invalid", "February 30")]);
        assert_eq!(apply_suppressions(&mut r, true), 0);
        assert_eq!(rules(&r), ["date-invalid"]);
    }

    #[test]
    fn baseline_survives_edits_elsewhere_and_counts_duplicates() {
        let old = report(
            "./story.md",
            "Intro.\nIt was February 30, a Monday.\nIt was February 30, a Monday.",
            &[("date-invalid", "February 30")],
        );
        let baseline = Baseline::from_reports(&[old]);
        let round = Baseline::parse("b.json", &baseline.to_json()).unwrap();
        assert_eq!(round, baseline);
        // New paragraph above, reflowed sentence: still recognized.
        let text = "A new lead paragraph.\n\nIntro.\nIt was  February 30,\na Monday. Then February 31 came.";
        let mut new = vec![report(
            "story.md",
            text,
            &[("date-invalid", "February 30"), ("date-invalid", "February 31")],
        )];
        assert_eq!(round.filter(&mut new), 1);
        assert_eq!(new[0].diagnostics.len(), 1);
        assert!(text[new[0].diagnostics[0].span.start..].starts_with("February 31"));
        // A second identical finding exceeds the recorded count of one.
        let dup = "It was February 30, a Monday.\nIt was February 30, a Monday.";
        let mut r = report("story.md", dup, &[("date-invalid", "February 30")]);
        let second = r.diagnostics[0].clone();
        let off = dup.rfind("February 30").unwrap();
        let mut second = second;
        second.span = Span::new(off, off + 11);
        second.sentence = Some(Span::new(dup.rfind("It").unwrap(), dup.len()));
        r.diagnostics.push(second);
        let mut v = vec![r];
        assert_eq!(round.filter(&mut v), 1);
        assert_eq!(v[0].diagnostics.len(), 1);
    }

    #[test]
    fn fingerprints_ignore_offsets_but_not_words() {
        let a = report(
            "a.md",
            "Intro.\nIt was February 30.",
            &[("date-invalid", "February 30")],
        );
        let b = report(
            "./a.md",
            "New lead.\n\nIntro.\nIt   was February 30.",
            &[("date-invalid", "February 30")],
        );
        let c = report(
            "a.md",
            "Intro.\nIt was February 31.",
            &[("date-invalid", "February 31")],
        );
        let fp = |r: &FileReport| fingerprint(r, &r.diagnostics[0]);
        assert_eq!(fp(&a), fp(&b));
        assert_ne!(fp(&a), fp(&c));
    }

    #[test]
    fn baseline_errors_name_the_file() {
        let err = Baseline::parse("base.json", "{\"version\": 1,\n \"entries\": 3}").unwrap_err();
        assert!(err.to_string().starts_with("base.json:2:"), "{err}");
        assert!(Baseline::parse("b.json", "{\"version\": 9, \"entries\": []}").is_err());
    }
}
