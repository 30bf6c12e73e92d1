# The two commands of the README:
#   make example   run switchboard on the example project
#   make test      run every test (installs what the tests need first)

.PHONY: example test deps fmt-check clippy rust-tests editor-tests official-diff vscode-e2e packaging-tests

example:
	cargo run --release -- check examples/harbor-dental

deps:
	bash scripts/install-test-deps.sh

fmt-check:
	cargo fmt --all -- --check

# The fuzz targets' bodies are not a member of the main build (see fuzz/README.md): linted apart.
clippy:
	cargo clippy --all-targets -- -D warnings
	cargo clippy --manifest-path fuzz/bodies/Cargo.toml -- -D warnings

rust-tests:
	cargo test --all-targets

# The VS Code extension's unit tests, its .vsix, the TextMate grammar scope tests, and Emacs
# (Debian's emacs-nox with eglot, in batch) showing check's findings of files of two projects.
editor-tests: deps
	cd editors/vscode && npm test && npm run package
	cd grammar && npm test
	bash editors/emacs/test/run.sh

# The differential check against the official ADK validator (installed from PyPI): generated and
# mutated projects, checked by both; fails on any disagreement docs/official-validator.md does not
# allow. Uses the debug binary the Rust tests built.
official-diff:
	bash scripts/official-validator/run-tests.sh

# The extension in a real VS Code (code-server in headless Chromium), on a workspace of two
# projects: Problems counts against `check`, colours in a light and a dark theme, completion,
# hover, definition, quick fixes, no error toast, no write by the extension to a closed channel.
# Screenshots in target/vscode-e2e/. Installs what it needs itself (scripts/vscode-e2e/install.sh);
# where it cannot, it skips loudly, and fails under CI=true.
vscode-e2e:
	bash scripts/vscode-e2e/run.sh

# The wheel (pip and uvx offline), the pre-commit hook and the GitHub Action, each run for real.
packaging-tests:
	bash tests/packaging/run.sh

test: deps fmt-check clippy rust-tests editor-tests vscode-e2e official-diff packaging-tests

# The binary as shipped (static-pie on Linux with glibc); prints its path.
.PHONY: release
release:
	bash scripts/build-release.sh

# Benchmarks (not part of `make test`; `cargo test --all-targets` already smoke-runs each criterion
# bench once on a tiny project). See BENCHMARKS.md.
.PHONY: bench bench-criterion
bench:
	bash scripts/install-test-deps.sh bench
	bash scripts/bench.sh

bench-criterion:
	cargo bench --bench template_scan --bench yaml_load --bench python_facts --bench analysis
