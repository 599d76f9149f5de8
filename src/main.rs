//! The `copydesk` binary: parse arguments, run, map the result to an exit
//! status. Everything else lives in `cli` and the library.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// The extractors and rules make many small, short-lived allocations per
/// article; mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: copydesk::alloc::MiMalloc = copydesk::alloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(status) => ExitCode::from(status as u8),
        Err(e) => {
            // A closed pipe (`copydesk check | head`) is not an error.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("copydesk: {e:#}");
            ExitCode::from(cli::ExitStatus::Error as u8)
        }
    }
}
