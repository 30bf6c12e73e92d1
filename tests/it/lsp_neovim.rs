//! A real editor as client: headless Neovim (0.7+) with `editors/neovim/` opens a copy of the
//! example project, waits for diagnostics, and requests completion, definition and rename
//! (`tests/nvim/lsp_test.lua`). `scripts/install-test-deps.sh nvim` installs Neovim. Without it
//! the test fails under `CI=true` and is skipped loudly otherwise.

use crate::lsp_support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nvim_available() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_client_diagnostics_completion_definition_rename() {
    if !nvim_available() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("nvim is not installed; run `scripts/install-test-deps.sh nvim`");
        }
        eprintln!(
            "\n*** SKIPPED lsp_neovim: nvim is not installed (run `scripts/install-test-deps.sh nvim`) ***\n"
        );
        return;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = lsp_support::example_copy("nvim");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u", "NONE", "-c"])
        .arg(format!(
            "luafile {}",
            manifest.join("tests/nvim/lsp_test.lua").display()
        ))
        .env("SWITCHBOARD_BIN", env!("CARGO_BIN_EXE_switchboard"))
        .env("SWITCHBOARD_PROJECT", &project)
        .env("SWITCHBOARD_PLUGIN", manifest.join("editors/neovim"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start nvim");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for nvim") {
            break s;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let out = child.wait_with_output().expect("nvim output");
            panic!(
                "nvim did not finish in 90 s\nstdout:\n{}\nstderr:\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().expect("nvim output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        status.success(),
        "nvim failed ({status})\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    for step in ["diagnostics", "completion", "definition", "rename"] {
        assert!(
            stdout.contains(&format!("ok: {step}")),
            "step `{step}` did not pass\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
    }
}
