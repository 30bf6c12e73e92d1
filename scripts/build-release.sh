#!/usr/bin/env bash
# Build the switchboard binary as it is shipped, and print its path.
#
#   scripts/build-release.sh            # the shipped build (below)
#   BUILD=plain scripts/build-release.sh
#                                       # plain `cargo build --release --bin switchboard`
#
# On Linux with glibc the shipped binary is a static-pie executable (`-C
# target-feature=+crt-static`): no shared libraries to find, load and bind at start-up. That takes
# about 0.5 ms off every run (`switchboard --version`: 1.3 ms against 0.8 ms on the benchmark
# machine), which is a tenth of a check of a real project and the whole cost of a `--version`.
# The binary still loads anywhere: it is position-independent, needs no glibc at run time, and
# switchboard calls nothing that would make glibc load a module (no user, group or host lookups).
#
# rustc builds a static glibc binary only for an explicit `--target`, so the binary lands in
# `target/<host triple>/release/` (the plain build stays in `target/release/`). Other systems get
# the plain build. Needs glibc's static libraries (`libc6-dev` on Debian, already there wherever
# Rust links C code).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BUILD="${BUILD:-shipped}"
host="$(rustc -vV | sed -n 's/^host: //p')"

case "$BUILD:$host" in
    shipped:*-linux-gnu*)
        # RUSTFLAGS apply to the target's crates only when `--target` is given; build scripts
        # and procedural macros stay dynamic, as they must.
        RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
            cargo build --release --quiet --bin switchboard --target "$host" >&2
        bin="$ROOT/target/$host/release/switchboard"
        ;;
    shipped:* | plain:*)
        cargo build --release --quiet --bin switchboard >&2
        bin="$ROOT/target/release/switchboard"
        ;;
    *)
        printf 'error: BUILD must be `shipped` or `plain`, not `%s`\n' "$BUILD" >&2
        exit 2
        ;;
esac
# A binary that does not start is not a build.
"$bin" --version >/dev/null
printf '%s\n' "$bin"
