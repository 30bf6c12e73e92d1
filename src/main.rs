use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// [`switchboard::app::tune_process`] as an early constructor: it must run before the allocator's
/// own start-up touches its first arena, which happens before `main`.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00100")]
static TUNE_PROCESS: extern "C" fn() = {
    extern "C" fn tune() {
        switchboard::app::tune_process();
    }
    tune
};

fn main() -> std::process::ExitCode {
    let code = switchboard::app::run(switchboard::app::Cli::parse());
    switchboard::app::exit_now(code)
}
