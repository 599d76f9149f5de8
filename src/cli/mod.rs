//! The binary's side: argument parsing, input walking, the parallel run,
//! printing and exit codes.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use rayon::prelude::*;

use copydesk::report::{self, OutputFormat, ReportOptions};
use copydesk::{Config, Engine, Error, FileReport, Format, ParseOptions, Severity, SourceFile, check_source};

/// Exit statuses: 0 clean, 1 findings at or above the failing severity, 2
/// usage or input errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

#[derive(Parser, Debug)]
#[command(
    name = "copydesk",
    version,
    about = "A linter for English news text: dates, numbers, quotations, sentences and names, cross-checked."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint files and folders (`-` reads standard input).
    Check(CheckArgs),
    /// List every rule: id, default severity, one-line summary.
    Rules,
    /// Print a rule's full documentation.
    Explain {
        /// The rule id, such as `date-weekday-mismatch`.
        rule: String,
    },
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or folders to lint; `-` for standard input. Defaults to the
    /// current folder.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: OutputFormat,
    /// When to colour human output (honours NO_COLOR).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// A copydesk.toml to use.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The reference date (YYYY-MM-DD), overriding the article's own.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// The lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum)]
    fail_on: Option<Severity>,
    /// The name to report for standard input; its extension picks the format.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Number of threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("expected YYYY-MM-DD: {e}"))
}

/// Runs the command line; returns the exit status.
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Rules => {
            let config = Config::default_config();
            let mut out = io::stdout().lock();
            for r in copydesk::REGISTRY {
                let sev = config.rules.get(r.id).map_or(Severity::Warning, |s| s.severity);
                let off = if config.rules.get(r.id).is_some_and(|s| !s.enabled) {
                    " (off)"
                } else {
                    ""
                };
                writeln!(out, "{:<28} {:<8} {}{}", r.id, sev.as_str(), r.summary(), off)?;
            }
            Ok(ExitStatus::Clean)
        }
        Command::Explain { rule } => match copydesk::rules::find(&rule) {
            Some(r) => {
                let mut out = io::stdout().lock();
                writeln!(out, "{}\n", r.id)?;
                for line in r.doc.lines() {
                    writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
                }
                Ok(ExitStatus::Clean)
            }
            None => {
                eprintln!("copydesk: no rule named `{rule}`; `copydesk rules` lists them");
                Ok(ExitStatus::Error)
            }
        },
        Command::Check(args) => check(args),
    }
}

fn check(args: CheckArgs) -> anyhow::Result<ExitStatus> {
    let mut config = Config::default_config();
    if let Some(path) = &args.config {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read config", path.display()))?;
        config.apply_user(&path.display().to_string(), &text)?;
    }
    if let Some(f) = args.fail_on {
        config.fail_on = f;
    }
    let engine = Engine::new(&config)?;
    let opts = ParseOptions {
        reference_date: args.date,
        format: None,
    };

    let mut had_error = false;
    let mut sources: Vec<Result<SourceFile, Error>> = Vec::new();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for p in &paths {
        if p.as_os_str() == "-" {
            let name = args.stdin_filename.clone().unwrap_or_else(|| "<stdin>".to_string());
            let mut bytes = Vec::new();
            match io::stdin().read_to_end(&mut bytes) {
                Ok(_) => sources.push(SourceFile::from_bytes(name, bytes)),
                Err(source) => sources.push(Err(Error::Io { path: name, source })),
            }
        } else if p.is_dir() {
            walk(p, &mut files, &mut had_error);
        } else {
            files.push(p.clone());
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let stdin_format = args.stdin_filename.as_deref().map(Format::from_path);
    let mut results: Vec<Result<FileReport, Error>> = pool.install(|| {
        let from_files: Vec<_> = files
            .par_iter()
            .map(|f| SourceFile::read(f).map(|s| check_source(s, &engine, &opts)))
            .collect();
        let from_stdin: Vec<_> = sources
            .into_iter()
            .map(|s| {
                s.map(|s| {
                    let o = ParseOptions {
                        format: stdin_format,
                        ..opts
                    };
                    check_source(s, &engine, &o)
                })
            })
            .collect();
        from_stdin.into_iter().chain(from_files).collect()
    });
    results.sort_by(|a, b| key(a).cmp(key(b)));

    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok(rep) => reports.push(rep),
            Err(e) => {
                had_error = true;
                eprintln!("copydesk: {e}");
            }
        }
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal(),
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    report::write(&mut out, args.format, &reports, ReportOptions { color })?;
    out.flush()?;

    let failing = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= config.fail_on);
    Ok(if had_error {
        ExitStatus::Error
    } else if failing {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    })
}

fn key(r: &Result<FileReport, Error>) -> &str {
    match r {
        Ok(rep) => rep.source.name(),
        Err(
            Error::Io { path, .. }
            | Error::NotUtf8 { path, .. }
            | Error::Binary { path }
            | Error::TooLarge { path, .. }
            | Error::Config { path, .. },
        ) => path,
    }
}

/// Lints these extensions when walking folders.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

fn walk(dir: &Path, files: &mut Vec<PathBuf>, had_error: &mut bool) {
    for entry in ignore::WalkBuilder::new(dir).build() {
        match entry {
            Ok(e) => {
                let p = e.path();
                if e.file_type().is_some_and(|t| t.is_file())
                    && p.extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
                {
                    files.push(p.to_path_buf());
                }
            }
            Err(e) => {
                *had_error = true;
                eprintln!("copydesk: {e}");
            }
        }
    }
}
