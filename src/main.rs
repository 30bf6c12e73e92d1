use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

switchboard::tune_process_before_main!();

fn main() -> std::process::ExitCode {
    let code = switchboard::app::run(switchboard::app::Cli::parse());
    switchboard::app::exit_now(code)
}
