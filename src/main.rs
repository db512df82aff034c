//! The `lofte` binary: parse arguments, run, print the error chain once.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let command = cli::parse();
    match lofte::run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fel: {e:#}");
            ExitCode::FAILURE
        }
    }
}
