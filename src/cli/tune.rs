//! Process tuning of the binary: kernel and allocator settings applied before `main`, and an
//! exit that skips the allocator's clean-up.
//!
//! A run of `switchboard check` lasts a few milliseconds, so start-up and exit costs that a
//! long-lived process would not notice are a large share of it. As measured on the binary:
//! transparent huge pages (the kernel zeroing 2 MiB at each first touch) took a fifth of all CPU
//! time at 1x; the allocator's purge delay of a second let a 100x check peak at about 80 MB
//! rather than 70 MB; the C library mapped a fresh 64 MiB arena for each new thread; a 1 GiB
//! address-space reservation cost some 30 page faults at start-up. [`tune_process`] lists each
//! setting with its reason, [`tune_process_before_main!`](crate::tune_process_before_main) runs
//! it from an early constructor (the binary, `examples/phases.rs` and `tests/lsp_perf.rs` expand
//! it), and [`exit_now`] ends the process once the output is flushed.
//!
//! What it buys, measured whole (`BENCHMARKS.md`, seventh round): without it a 1x check took 41 %
//! more CPU time (4.30 → 6.07 ms) and the financial-services example 72 % more (3.92 → 6.74 ms);
//! the gain is in the kernel, so instruction counts do not show it.

use std::io::Write;
use std::process::ExitCode;

/// Process-wide settings of the binary (and of the benches that stand in for it), applied by
/// [`tune_process_before_main!`](crate::tune_process_before_main):
///
/// * Transparent huge pages are turned off (Linux). The allocator asks for them on its arenas,
///   and the kernel then zeroes 2 MiB at the first touch of each: for a run that lives a few
///   milliseconds that was a fifth of all CPU time at 1x, and it counted whole huge pages into
///   the resident size at 100x.
/// * Memory freed is handed back to the kernel after 10 ms instead of the allocator's default
///   of a second (`MIMALLOC_PURGE_DELAY`; a value the user set is kept): a 100x check peaked at
///   about 80 MB with the default and 70 MB with this, in the same time.
/// * The C library's own allocator keeps one arena (glibc; `MALLOC_ARENA_MAX`, when the user set
///   it, is kept). Rust's allocations go to mimalloc, but each new thread registers its
///   thread-local destructors through the C library, whose first allocation on a thread
///   otherwise reserves and maps a fresh 64 MiB arena for it.
/// * The allocator reserves address space 256 MiB at a time instead of 1 GiB
///   (`MIMALLOC_ARENA_RESERVE`; a value the user set is kept). Each reservation starts with
///   bitmaps sized to it, and writing their headers touched some 30 fresh pages of a 1 GiB one at
///   start-up, a page fault each. A 100x project still fits in one reservation.
///
/// # Safety
///
/// No other thread may be running: it sets an environment variable.
pub unsafe fn tune_process() {
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` takes plain integer arguments and only sets a flag on the
    // calling process; it touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: `mallopt` only sets a limit inside the C library's allocator; no other thread
        // is running.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 1);
        }
    }
    for (name, value) in [
        ("MIMALLOC_PURGE_DELAY", "10"),
        ("MIMALLOC_ARENA_RESERVE", "256MiB"),
    ] {
        if std::env::var_os(name).is_none() {
            // SAFETY: the caller guarantees that no other thread is running.
            unsafe { std::env::set_var(name, value) };
        }
    }
}

/// Run [`tune_process`] from an early constructor of the executable this expands in: before
/// `main`, while the process has one thread, and before the allocator's start-up touches its
/// first arena (which also happens before `main`).
#[macro_export]
macro_rules! tune_process_before_main {
    () => {
        #[cfg(target_os = "linux")]
        #[used]
        #[unsafe(link_section = ".init_array.00100")]
        static TUNE_PROCESS: extern "C" fn() = {
            extern "C" fn tune() {
                // SAFETY: constructors run before `main`, while the process has one thread.
                unsafe { $crate::cli::tune::tune_process() }
            }
            tune
        };
    };
}

/// End the process with `code` once the output is flushed, without the allocator's exit-time
/// clean-up (it hands every arena back to the kernel page by page, which the exit itself does at
/// once). Every command has dropped or deliberately leaked its data by the time it returns.
pub fn exit_now(code: ExitCode) -> ExitCode {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    #[cfg(target_os = "linux")]
    for n in [0u8, 1, 2] {
        if code == ExitCode::from(n) {
            // SAFETY: `_exit` ends the process; no Rust state is used after it.
            unsafe { libc::_exit(i32::from(n)) }
        }
    }
    code
}
