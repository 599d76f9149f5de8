//! `copydesk check`: gather the inputs, resolve each file's configuration,
//! lint in parallel, filter (suppressions, baseline), print in a fixed order,
//! and choose the exit status.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use rayon::prelude::*;

use copydesk::document::RefSource;
use copydesk::filter::{self, Baseline};
use copydesk::report::{self, ReportOptions};
use copydesk::source::{MAX_FILE_BYTES, Opener};
use copydesk::{Error, FileReport, Format, ParseOptions, ReferencePolicy, SourceFile, check_source_with};

use super::resolve::{CliOverrides, Resolved, Resolver, parent_dir};
use super::walk::{Selector, walk};
use super::{CheckArgs, ColorChoice, ExitStatus};

/// One unit of work: where its text comes from and its settings.
struct Job {
    input: Input,
    settings: Arc<Resolved>,
}

enum Input {
    File(PathBuf),
    Stdin { name: String, bytes: Vec<u8> },
}

/// A finished job: the report or the error, with the settings used.
struct Outcome {
    result: Result<FileReport, Error>,
    settings: Arc<Resolved>,
}

impl Outcome {
    /// The input's name as printed: its report's, or its error's.
    fn name(&self) -> &str {
        match &self.result {
            Ok(report) => report.source.name(),
            Err(e) => e.path(),
        }
    }
}

pub(super) fn check(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    let mut errors: Vec<String> = Vec::new();
    let cli = CliOverrides {
        fail_on: args.fail_on,
        report_unused_suppressions: args.report_unused_suppressions,
        include: args.include.clone(),
        exclude: args.exclude.clone(),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let mut resolver = match Resolver::new(args.config.as_deref(), cli) {
        Ok(r) => r,
        Err(e) => return config_error(e),
    };
    let threads = args.threads.unwrap_or(0);
    let walk_threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };

    // Inputs, in command-line order; folders expanded and sorted.
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut jobs: Vec<Job> = Vec::new();
    let mut stdin_used = false;
    for p in &paths {
        if p.as_os_str() == "-" {
            if stdin_used {
                continue;
            }
            stdin_used = true;
            let name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_string());
            let settings = match resolver.for_file(Path::new(&name)) {
                Ok(s) => s,
                Err(e) => return config_error(e),
            };
            let bytes = match copydesk::source::read_at_most(io::stdin().lock(), MAX_FILE_BYTES) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => {
                    errors.push(format!(
                        "{name}: standard input too large (over the limit of {MAX_FILE_BYTES} bytes)"
                    ));
                    continue;
                }
                Err(e) => {
                    errors.push(format!("{name}: cannot read standard input: {e}"));
                    continue;
                }
            };
            jobs.push(Job {
                input: Input::Stdin { name, bytes },
                settings,
            });
        } else if p.is_dir() {
            let (_, base) = match resolver.base_for_dir(p) {
                Ok(b) => b,
                Err(e) => return config_error(e),
            };
            let glob_base = base
                .origin
                .as_ref()
                .map_or_else(|| PathBuf::from("."), |o| o.dir.clone());
            let selector = match Selector::new(&base.files, &glob_base) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("copydesk: bad glob: {e}");
                    return Ok(ExitStatus::Error);
                }
            };
            let (files, walk_errors) = walk(p, &selector, walk_threads);
            errors.extend(walk_errors);
            jobs.reserve(files.len());
            for f in files {
                // With no path given, names are relative (`story.md`, not
                // `./story.md`), as ripgrep prints them.
                let f = match args.paths.is_empty().then(|| f.strip_prefix(".")) {
                    Some(Ok(rel)) => rel.to_path_buf(),
                    _ => f,
                };
                let settings = match resolver.for_file(&f) {
                    Ok(s) => s,
                    Err(e) => return config_error(e),
                };
                jobs.push(Job {
                    input: Input::File(f),
                    settings,
                });
            }
        } else {
            // Named files are linted whatever their extension; a missing
            // one is reported when it is read.
            let dir = parent_dir(p);
            let settings = if dir.is_dir() {
                resolver.for_file(p)
            } else {
                resolver.for_file(Path::new("."))
            };
            let settings = match settings {
                Ok(s) => s,
                Err(e) => return config_error(e),
            };
            jobs.push(Job {
                input: Input::File(p.clone()),
                settings,
            });
        }
    }

    if jobs.is_empty() && errors.is_empty() && !paths.iter().any(|p| !p.exists() && p.as_os_str() != "-") {
        eprintln!("copydesk: no files to lint (extensions, include and exclude settings are in `copydesk config`)");
    }

    let baseline = match &args.baseline {
        Some(path) => {
            let display = path.display().to_string();
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("copydesk: {display}: cannot read the baseline: {e}");
                    return Ok(ExitStatus::Error);
                }
            };
            match Baseline::parse(&display, &text) {
                Ok(b) => Some(b),
                Err(e) => return config_error(e),
            }
        }
        None => None,
    };

    let date = args.date;
    let stdin_format = args.stdin_filename.as_deref().map(Format::from_path);
    let run = |opener: &mut Opener, job: Job| {
        let (source, format) = match job.input {
            Input::File(path) => (SourceFile::read_with(&path, opener), None),
            Input::Stdin { name, bytes } => (SourceFile::from_bytes(name, bytes), stdin_format),
        };
        let config = &job.settings.config;
        let opts = ParseOptions {
            reference_date: date,
            format,
        };
        let result = source.map(|s| {
            let mut report = check_source_with(s, &job.settings.engine, &opts, config.reference_date);
            filter::apply_suppressions(&mut report, config.report_unused_suppressions);
            // Only findings are printed from the text: a clean
            // file's text goes now rather than after the last file.
            if report.diagnostics.is_empty() {
                report.source.drop_text();
            }
            report
        });
        Outcome {
            result,
            settings: job.settings,
        }
    };
    let mut outcomes: Vec<Outcome> = if walk_threads == 1 {
        // One thread: the files are linted here, in order, without a pool
        // to hand them to (and back from).
        let mut opener = Opener::default();
        jobs.into_iter().map(|job| run(&mut opener, job)).collect()
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .context("cannot start worker threads")?;
        pool.install(|| jobs.into_par_iter().map_init(Opener::default, run).collect())
    };
    // The printed order is (path, start, rule) whatever the thread count.
    outcomes.sort_by(|a, b| a.name().cmp(b.name()));
    outcomes.dedup_by(|a, b| a.name() == b.name());

    let mut reports = Vec::new();
    let mut fail_on = Vec::new();
    for o in outcomes {
        match o.result {
            Ok(rep) => {
                if args.verbose {
                    explain_settings(&rep, &o.settings, date.is_some());
                }
                fail_on.push(o.settings.config.fail_on);
                reports.push(rep);
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    for e in &errors {
        eprintln!("copydesk: {e}");
    }

    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_reports(&reports);
        write_atomically(path, baseline.to_json().as_bytes())
            .with_context(|| format!("{}: cannot write the baseline", path.display()))?;
        eprintln!(
            "copydesk: recorded {} finding{} in {}",
            baseline.len(),
            if baseline.len() == 1 { "" } else { "s" },
            path.display()
        );
        return Ok(if errors.is_empty() {
            ExitStatus::Clean
        } else {
            ExitStatus::Error
        });
    }
    if let Some(b) = &baseline {
        let hidden = b.filter(&mut reports);
        if args.verbose {
            eprintln!(
                "copydesk: the baseline hid {hidden} finding{}",
                if hidden == 1 { "" } else { "s" }
            );
        }
    }

    let color = use_color(
        args.color,
        std::env::var_os("NO_COLOR").as_deref(),
        io::stdout().is_terminal(),
    );
    let mut out = io::BufWriter::new(io::stdout().lock());
    report::write(&mut out, args.format, &reports, ReportOptions { color })?;
    out.flush()?;

    let failing = reports.iter().zip(&fail_on).any(|(r, &sev)| filter::fails(r, sev));
    Ok(if !errors.is_empty() {
        ExitStatus::Error
    } else if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

/// `--color`: `auto` colours a terminal unless `NO_COLOR` is set to a
/// non-empty value (no-color.org).
fn use_color(choice: ColorChoice, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

fn config_error(e: Error) -> anyhow::Result<ExitStatus> {
    eprintln!("copydesk: {e}");
    Ok(ExitStatus::Error)
}

/// `--verbose`: which configuration a file got and where its reference date
/// came from, or why it has none.
fn explain_settings(report: &FileReport, settings: &Resolved, date_flag: bool) {
    let name = report.source.name();
    let config = settings
        .config
        .origin
        .as_ref()
        .map_or("built-in defaults".to_string(), |o| o.describe());
    let policy = settings.config.reference_date;
    let reference = match report.reference {
        Some(r) => {
            let source = match r.source {
                RefSource::CommandLine if !date_flag => "`reference-date` in the configuration",
                other => other.describe(),
            };
            format!("reference date {} from {source}", r.date.format("%Y-%m-%d"))
        }
        None if policy == ReferencePolicy::Ignore => {
            "no reference date (`reference-date = \"none\"` in the configuration; --date overrides it); rules that need one skip dates without a year".to_string()
        }
        None => "no reference date (no --date, front matter `date`, `date` header or dated dateline); rules that need one skip dates without a year".to_string(),
    };
    eprintln!("copydesk: {name}: configuration: {config}; {reference}");
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`, so that an interrupted run never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file name"))?
        .to_string_lossy();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_follows_the_flag_then_no_color_then_the_terminal() {
        assert!(use_color(ColorChoice::Auto, None, true));
        assert!(!use_color(ColorChoice::Auto, None, false));
        assert!(!use_color(ColorChoice::Auto, Some(OsStr::new("1")), true));
        assert!(use_color(ColorChoice::Auto, Some(OsStr::new("")), true));
        assert!(use_color(ColorChoice::Always, Some(OsStr::new("1")), false));
        assert!(!use_color(ColorChoice::Never, None, true));
    }

    #[test]
    fn baseline_is_written_atomically_over_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.json");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        assert!(write_atomically(&dir.path().join("no/such/dir/b.json"), b"x").is_err());
    }
}
