//! The `lofte` binary: parse arguments, run, print the error chain once.

mod allocator;
mod cli;
mod console;

use std::process::ExitCode;

fn main() -> ExitCode {
    allocator::tune();
    console::use_utf8();
    // The last net: a bug must not end in an English backtrace. Reports are published as a
    // set at the very end, so a panic leaves the previous reports as they were.
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "fel: internt fel i lofte ({info}). Inga rapporter har ändrats. \
                          Kör igen med RUST_BACKTRACE=1 och skicka utskriften till den som förvaltar lofte."
        );
        let trace = std::backtrace::Backtrace::capture();
        if trace.status() == std::backtrace::BacktraceStatus::Captured {
            eprintln!("{trace}");
        }
    }));
    let command = cli::parse();
    match lofte::run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fel: {e:#}");
            ExitCode::FAILURE
        }
    }
}
