//! The `newsx` command: a thin shell over the library's [`newsx::app`].

use std::process::ExitCode;

use clap::Parser;
use newsx::app::{self, Outcome};
use newsx::cli::{Cli, Command};

/// Every document allocates and frees a few dozen tables (tokens, line
/// facts, candidates, the record). On many small files the system
/// allocator's bins and arena locks took 5-6% of a one-thread run, and the
/// run took about 9% less CPU time with mimalloc's per-thread free lists.
/// Version 2 of mimalloc hands freed pages back to the system after a few
/// milliseconds, so memory stays bounded whatever the number of files.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(err) = newsx::signals::exit_on_signals() {
        eprintln!("newsx: cannot watch for signals: {err}");
        return ExitCode::from(2);
    }
    let result = match &cli.command {
        Command::Extract(args) => app::run(args),
        Command::Schema(args) => {
            println!("{}", app::schema(args));
            return ExitCode::SUCCESS;
        }
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::PartialFailure) => ExitCode::from(1),
        Err(err) => {
            eprintln!("newsx: {err:#}");
            ExitCode::from(2)
        }
    }
}
