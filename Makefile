# The two commands of the README:
#   make example   run switchboard on the example project
#   make test      run every test (installs what the tests need first)

.PHONY: example test deps fmt-check clippy rust-tests

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

test: deps fmt-check clippy rust-tests
