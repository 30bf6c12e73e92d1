//! The `switchboard` executable: the allocator, the process tuning, and the command line.

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

switchboard::tune_process_before_main!();

fn main() -> std::process::ExitCode {
    let code = switchboard::cli::run(switchboard::cli::Cli::parse());
    switchboard::cli::tune::exit_now(code)
}
