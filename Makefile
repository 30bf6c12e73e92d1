# The two commands of the README:
#   make example   run switchboard on the example project
#   make test      run every test (installs what the tests need first)

.PHONY: example test deps fmt-check clippy rust-tests editor-tests

example:
	cargo run --release -- check examples/harbor-dental

deps:
	bash scripts/install-test-deps.sh

fmt-check:
	cargo fmt --all -- --check

clippy:
	cargo clippy --all-targets -- -D warnings

rust-tests:
	cargo test --all-targets

# The VS Code extension's unit tests, its .vsix, and the TextMate grammar scope tests.
editor-tests: deps
	cd editors/vscode && npm test && npm run package
	cd grammar && npm test

test: deps fmt-check clippy rust-tests editor-tests
