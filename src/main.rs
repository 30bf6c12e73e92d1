use clap::Parser;

fn main() -> std::process::ExitCode {
    switchboard::app::run(switchboard::app::Cli::parse())
}
