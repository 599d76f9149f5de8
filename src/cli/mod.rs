//! The binary's side: argument parsing (clap derive, which also generates
//! the completions and the man page), and the subcommands. `check` lives in
//! `check.rs`, input discovery in `walk.rs`, configuration lookup per file in
//! `resolve.rs`.

mod check;
mod resolve;
mod walk;

use std::io::{self, Write};
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand};

use copydesk::report::OutputFormat;
use copydesk::{Config, Severity};

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
    about = "A linter for English news text: dates, numbers, quotations, sentences and names, cross-checked.",
    after_help = "Exit status: 0 when nothing at or above the failing severity was found, 1 when something was, 2 on a usage, configuration or input error."
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
    /// Print the effective configuration for a file or folder.
    Config {
        /// The file or folder whose configuration to show (default: the
        /// current folder).
        path: Option<PathBuf>,
        /// A copydesk.toml to use instead of discovering one.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell to generate for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per subcommand.
    Man {
        /// Write `copydesk.1`, `copydesk-check.1`, ... into this folder
        /// instead of printing `copydesk.1`.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
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
    /// When to colour human output (auto honours NO_COLOR and whether
    /// standard output is a terminal).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// A copydesk.toml to use for every file, instead of the nearest one
    /// found upward from each file.
    #[arg(long)]
    config: Option<PathBuf>,
    /// The reference date (YYYY-MM-DD), overriding the article's own.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// The lowest severity that makes the run fail (exit 1); overrides the
    /// configuration's `fail-on`.
    #[arg(long, value_enum)]
    fail_on: Option<Severity>,
    /// The name to report for standard input; its extension picks the format
    /// and its folder the configuration.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Number of threads (default: all cores). Output is identical at any
    /// count.
    #[arg(long)]
    threads: Option<usize>,
    /// Only report findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Only lint walked files matching this glob (repeatable; relative to
    /// the configuration's folder, or the current one).
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Skip walked files and folders matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Only run these rules or families (comma-separated or repeated),
    /// whatever the configuration says.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Turn these rules or families off (comma-separated or repeated).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Report suppression comments that suppress nothing.
    #[arg(long)]
    report_unused_suppressions: bool,
    /// Say on standard error which configuration and reference date each
    /// file got.
    #[arg(long, short)]
    verbose: bool,
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
        Command::Config { path, config } => {
            let path = path.unwrap_or_else(|| PathBuf::from("."));
            let resolved = match resolve::effective_for(&path, config.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("copydesk: {e}");
                    return Ok(ExitStatus::Error);
                }
            };
            let mut out = io::stdout().lock();
            writeln!(out, "# effective configuration for {}", path.display())?;
            out.write_all(resolved.to_toml().as_bytes())?;
            Ok(ExitStatus::Clean)
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "copydesk", &mut io::stdout().lock());
            Ok(ExitStatus::Clean)
        }
        Command::Man { out_dir: Some(dir) } => {
            clap_mangen::generate_to(Cli::command(), &dir)
                .map_err(|e| anyhow::anyhow!("{}: cannot write the man pages: {e}", dir.display()))?;
            Ok(ExitStatus::Clean)
        }
        Command::Man { out_dir: None } => {
            let man = clap_mangen::Man::new(Cli::command());
            let mut out = io::stdout().lock();
            man.render(&mut out)?;
            Ok(ExitStatus::Clean)
        }
        Command::Check(args) => check::check(args),
    }
}
