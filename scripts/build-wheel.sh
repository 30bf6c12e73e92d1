#!/usr/bin/env bash
# Build the switchboard-adk wheel (the `switchboard` binary packaged for pip, uv and pre-commit)
# into target/wheels/, and print its path.
#
#   scripts/build-wheel.sh
#
# On Linux x86_64 the wheel holds the static-pie binary of scripts/build-release.sh (`-C
# target-feature=+crt-static`, `--target x86_64-unknown-linux-gnu`): it needs no C library at run
# time, so it is tagged `manylinux_2_5_x86_64` (with its legacy alias `manylinux1_x86_64`) and
# installs on every glibc-based x86_64 Linux. maturin's auditwheel check (`--auditwheel check`)
# still runs: a binary that linked glibc dynamically would fail it (GLIBC_2.14 and later symbols
# are too recent for manylinux_2_5), so a build that lost the static flag cannot ship under that
# tag. maturin warns that "manylinux_2_5 is unsupported by the Rust compiler": that is about
# dynamically linked binaries (Rust's std needs glibc 2.17 there) and does not apply to a static
# one, which needs only a Linux kernel of 3.2 or later (Rust's own minimum). Other systems get
# maturin's default tag for a plain release build.
#
# The build is offline from Cargo.lock (`--frozen`); the crates are fetched first only when some
# are missing from cargo's cache. maturin comes from PyPI, pinned, into a venv under
# $SWITCHBOARD_PACKAGING_CACHE (default target/packaging/), made on first use.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MATURIN_VERSION="${MATURIN_VERSION:-1.16.0}"
CACHE="${SWITCHBOARD_PACKAGING_CACHE:-$ROOT/target/packaging}"
OUT="$ROOT/target/wheels"
VENV="$CACHE/maturin-$MATURIN_VERSION"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

python=""
for p in python3 python; do
    if command -v "$p" >/dev/null 2>&1; then python="$p"; break; fi
done
[[ -n "$python" ]] || die "python3 is needed to install maturin"

if [[ -x "$VENV/bin/maturin" ]] && "$VENV/bin/maturin" --version 2>/dev/null | grep -qx "maturin $MATURIN_VERSION"; then
    :
else
    say "installing maturin $MATURIN_VERSION into $VENV"
    rm -rf "$VENV"
    mkdir -p "$CACHE"
    "$python" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
fi
maturin="$VENV/bin/maturin"

host="$(rustc -vV | sed -n 's/^host: //p')"
args=(build --release --frozen --out "$OUT" --auditwheel check)
case "$host" in
    x86_64-unknown-linux-gnu)
        target="$host"
        export RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static"
        args+=(--target "$target" --compatibility manylinux_2_5 pypi)
        ;;
    *)
        target=""
        args+=(--compatibility pypi)
        ;;
esac

# Crates missing from cargo's cache are fetched once (the only step that may use the network).
fetch=(fetch --locked)
[[ -n "$target" ]] && fetch+=(--target "$target")
if ! cargo "${fetch[@]}" --offline --quiet >/dev/null 2>&1; then
    say "fetching the locked crates"
    cargo "${fetch[@]}" --quiet >&2
fi

say "maturin ${args[*]}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! "$maturin" "${args[@]}" 2>&1 | tee "$log" >&2; then
    die "maturin failed"
fi
wheel="$(sed -n 's/^.*Built wheel to //p' "$log" | tail -n 1)"
[[ -n "$wheel" && -f "$wheel" ]] || die "maturin did not say which wheel it built"
case "$wheel" in
    /*) ;;
    *) wheel="$ROOT/$wheel" ;;
esac
printf '%s\n' "$wheel"
