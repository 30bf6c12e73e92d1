#!/usr/bin/env bash
# The wheel as users get it: built by scripts/build-wheel.sh, installed into a fresh venv with
# `pip install --no-index`, run as `switchboard` and as `python -m switchboard_adk`, and run by
# `uvx` offline from the wheel file. Its tags and the static binary inside are checked too, and
# the packaged binary must report exactly what the cargo-built one reports on the example project
# (SWITCHBOARD_REFERENCE_PROFILE: dev, the default, or release).
#
#   tests/packaging/wheel.sh
#
# Needs: Rust (the build), python3 with venv, and PyPI for maturin and uv on first use.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
mkdir -p "$CACHE"
start="$(now)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
example="examples/harbor-dental"
version="$(crate_version)"

# --- build -------------------------------------------------------------------------------------
if ! wheel="$(build_wheel)" || [[ ! -f "$wheel" ]]; then
    bad "scripts/build-wheel.sh builds a wheel (log: $CACHE/build-wheel.log)"
    tail -n 20 "$CACHE/build-wheel.log" 2>/dev/null | sed 's/^/      /'
    finish
fi
ok "scripts/build-wheel.sh built $(basename "$wheel")"

# --- tags and metadata -------------------------------------------------------------------------
name="$(basename "$wheel")"
host="$(rustc -vV | sed -n 's/^host: //p')"
wheel_file() { "$PYTHON" -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
n = [m for m in z.namelist() if m.endswith(sys.argv[2])]
sys.stdout.buffer.write(z.read(n[0]) if len(n) == 1 else b"")' "$wheel" "$1"; }
tags="$(wheel_file '.dist-info/WHEEL' | sed -n 's/^Tag: //p' | sort | tr '\n' ' ')"
check "the file name carries the version $version" [ "${name#switchboard_adk-"$version"-}" != "$name" ]
if [[ "$host" == "x86_64-unknown-linux-gnu" ]]; then
    check "tags are py3-none-manylinux_2_5_x86_64 and its alias manylinux1_x86_64 (got: $tags)" \
        [ "$tags" == "py3-none-manylinux1_x86_64 py3-none-manylinux_2_5_x86_64 " ]
    check "the file name is ...-py3-none-manylinux1_x86_64.manylinux_2_5_x86_64.whl" \
        [ "${name%-py3-none-manylinux1_x86_64.manylinux_2_5_x86_64.whl}" != "$name" ]
else
    note "host $host: the static manylinux_2_5 wheel is built on x86_64 Linux only; tags: $tags"
fi
metadata="$(wheel_file '.dist-info/METADATA')"
check "METADATA: Name switchboard-adk, Requires-Python >=3.9, a description and a readme" \
    bash -c 'grep -qx "Name: switchboard-adk" <<<"$1" && grep -qx "Requires-Python: >=3.9" <<<"$1" &&
        grep -q "^Summary: ." <<<"$1" && grep -q "^Description-Content-Type: text/markdown" <<<"$1" &&
        grep -q "^# switchboard" <<<"$1"' _ "$metadata"
members="$("$PYTHON" -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$wheel")"
check "the wheel holds the binary in .data/scripts and the switchboard_adk module" \
    bash -c 'grep -qx "switchboard_adk-.*\.data/scripts/switchboard" <<<"$1" &&
        grep -qx "switchboard_adk/__init__.py" <<<"$1" && grep -qx "switchboard_adk/__main__.py" <<<"$1"' _ "$members"
# The module runs on the oldest Python the package declares.
check "switchboard_adk parses as Python 3.9" "$PYTHON" -c 'import ast, sys
for f in sys.argv[1:]:
    ast.parse(open(f).read(), f, feature_version=(3, 9))' python/switchboard_adk/__init__.py python/switchboard_adk/__main__.py

# --- the binary is static ----------------------------------------------------------------------
wheel_file '.data/scripts/switchboard' >"$work/switchboard"
chmod +x "$work/switchboard"
if [[ "$host" == *-linux-gnu ]]; then
    if command -v file >/dev/null 2>&1; then
        desc="$(file -b "$work/switchboard")"
        check "file: the packaged binary is static ($desc)" \
            bash -c 'grep -Eq "static-pie linked|statically linked" <<<"$1"' _ "$desc"
    else
        skip "file(1) is not installed: the static check relies on ldd alone"
    fi
    lddout="$(ldd "$work/switchboard" 2>&1)"
    check "ldd: the packaged binary needs no shared library ($(echo "$lddout" | head -n 1 | xargs))" \
        bash -c 'grep -Eq "statically linked|not a dynamic executable" <<<"$1"' _ "$lddout"
fi

# --- a fresh venv, pip install --no-index ------------------------------------------------------
venv="$work/venv"
if ! "$PYTHON" -m venv "$venv" >"$work/venv.log" 2>&1; then
    skip "python3 -m venv failed: $(tail -n 1 "$work/venv.log")"
    finish
fi
check "pip install --no-index <wheel> into a fresh venv" \
    env PIP_FIND_LINKS= "$venv/bin/python" -m pip install --quiet --no-index --disable-pip-version-check "$wheel"
sb="$venv/bin/switchboard"
check "switchboard --version prints 'switchboard $version'" \
    [ "$("$sb" --version 2>&1)" == "switchboard $version" ]

"$sb" check "$example" >"$work/human.out" 2>&1
status=$?
check "switchboard check $example exits 1 (got $status)" [ "$status" -eq 1 ]

# The reference: the binary cargo builds from this checkout. By default the dev profile's, which
# `cargo test` has already built (target/debug/switchboard); SWITCHBOARD_REFERENCE_PROFILE=release
# compares with `cargo run --release` instead (a second release build when target/ is cold).
profile="${SWITCHBOARD_REFERENCE_PROFILE:-dev}"
case "$profile" in
    dev) ref="target/debug/switchboard" ;;
    *) ref="target/$profile/switchboard" ;;
esac
if cargo build --profile "$profile" --frozen --quiet --bin switchboard 2>"$work/cargo.log"; then
    "$ref" check --format json "$example" >"$work/ref.json" 2>/dev/null
    "$sb" check --format json "$example" >"$work/wheel.json" 2>/dev/null
    check "the wheel's JSON output is the cargo-built ($profile) binary's, byte for byte" cmp -s "$work/ref.json" "$work/wheel.json"
    n_ref="$("$ref" check --format short "$example" 2>/dev/null | wc -l | tr -d ' ')"
    n_wheel="$("$PYTHON" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$work/wheel.json" 2>/dev/null)"
    check "the wheel reports $n_ref diagnostics, as many lines as $ref check --format short prints (got $n_wheel)" \
        [ "$n_wheel" == "$n_ref" ]
else
    bad "cargo build --profile $profile --frozen (the reference binary): $(tail -n 1 "$work/cargo.log")"
fi
check "the planted SB201 is among them (topics/payment_plans.yaml:12:40)" \
    grep -q "payment_plans.yaml:12:40: error\[SB201\]" <("$sb" check --format short "$example" 2>/dev/null)

# --- python -m switchboard_adk -----------------------------------------------------------------
check "python -m switchboard_adk --version prints 'switchboard $version'" \
    [ "$("$venv/bin/python" -m switchboard_adk --version 2>&1)" == "switchboard $version" ]
"$venv/bin/python" -m switchboard_adk check --format short "$example" >/dev/null 2>&1
status=$?
check "python -m switchboard_adk check passes the exit code through (1, got $status)" [ "$status" -eq 1 ]
"$venv/bin/python" -m switchboard_adk check "$work/not-there" >/dev/null 2>&1
status=$?
check "python -m switchboard_adk passes exit 2 through for a missing path (got $status)" [ "$status" -eq 2 ]
check "find_switchboard_bin() names the venv's binary" \
    [ "$("$venv/bin/python" -c 'from switchboard_adk import find_switchboard_bin; print(find_switchboard_bin())')" == "$sb" ]
# `pip install --target DIR` puts the binary in DIR/bin, outside any scripts folder.
if env PIP_FIND_LINKS= "$venv/bin/python" -m pip install --quiet --no-index --disable-pip-version-check \
    --target "$work/target-install" "$wheel" >/dev/null 2>&1; then
    check "python -m switchboard_adk finds the binary of a pip install --target" \
        [ "$(PYTHONPATH="$work/target-install" "$PYTHON" -m switchboard_adk --version 2>&1)" == "switchboard $version" ]
else
    bad "pip install --target <wheel>"
fi

# --- uvx, offline, from the wheel file ---------------------------------------------------------
if uvvenv="$(tool_venv uv "uv==$UV_VERSION")"; then
    uvx="$uvvenv/bin/uvx"
    uvenv=(env UV_CACHE_DIR="$work/uv-cache" UV_PYTHON_DOWNLOADS=never UV_NO_CONFIG=1
        UV_TOOL_DIR="$work/uv-tools" UV_TOOL_BIN_DIR="$work/uv-bin")
    out="$("${uvenv[@]}" "$uvx" --offline --from "$wheel" switchboard --version 2>"$work/uvx.log")"
    if [[ "$out" == "switchboard $version" ]]; then
        ok "uvx --offline --from <wheel> switchboard --version"
    else
        bad "uvx --offline --from <wheel> switchboard --version: $(tail -n 2 "$work/uvx.log" | xargs)"
    fi
    "${uvenv[@]}" "$uvx" --offline --from "$wheel" switchboard check --format short "$example" >/dev/null 2>&1
    status=$?
    check "uvx ... switchboard check $example exits 1 (got $status)" [ "$status" -eq 1 ]
    if "${uvenv[@]}" "$uvvenv/bin/uv" tool install --offline "$wheel" >"$work/uv-tool.log" 2>&1; then
        check "uv tool install --offline <wheel> puts switchboard in the tool bin folder" \
            [ "$("$work/uv-bin/switchboard" --version 2>&1)" == "switchboard $version" ]
    else
        bad "uv tool install --offline <wheel>: $(tail -n 2 "$work/uv-tool.log" | xargs)"
    fi
else
    skip "uv could not be installed from PyPI (pip install uv==$UV_VERSION failed): uvx not tested"
fi

note "wheel.sh took $(elapsed "$start") s"
finish
