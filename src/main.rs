//! The `newsx` command: a thin shell over the library's [`newsx::app`].

use std::process::ExitCode;

use clap::Parser;
use newsx::app::{self, Outcome};
use newsx::cli::{Cli, Command};

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
