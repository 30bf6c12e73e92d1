#!/usr/bin/env bash
# Install the official ADK validator (the `polyai-adk` package from PyPI) into a private venv and
# print the path of its `poly` command on stdout (every other message goes to stderr).
#
#   POLY=$(scripts/official-validator/install.sh)
#   cp -r myproject /tmp/copy && "$POLY" validate --json --path /tmp/copy
#
# polyai-adk declares Requires-Python >= 3.14. It is pure Python, so on CPython 3.11-3.13 this
# script installs it without that check and rewrites the two 3.14-only constructs it uses
# (adk_compat.py, beside this file). The venv is reused while it works.
#
# Environment:
#   SWITCHBOARD_ADK_VERSION  version to install (default 0.73.2, the one docs/official-validator.md
#                            describes; "latest" for the newest release)
#   SWITCHBOARD_ADK_HOME     venv folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/official-poly)
#   SWITCHBOARD_ADK_PYTHON   interpreter to build the venv with (default: newest CPython >= 3.11 found)
#   SWITCHBOARD_ADK_REINSTALL=1  rebuild the venv from scratch
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="${SWITCHBOARD_ADK_VERSION:-0.73.2}"
HOME_DIR="${SWITCHBOARD_ADK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/official-poly}"
COMPAT_REV=1 # bump when adk_compat.py changes: forces a rebuild
STAMP="$HOME_DIR/.switchboard-adk"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 POLY_NO_UPDATE_CHECK=1

note() { printf 'official-validator: %s\n' "$*" >&2; }
fail() { printf 'official-validator: cannot install the official ADK validator: %s\n' "$*" >&2; exit 1; }

mkdir -p "$(dirname "$HOME_DIR")" || fail "cannot create $(dirname "$HOME_DIR")"
if command -v flock >/dev/null 2>&1; then
    exec 8>"$HOME_DIR.lock"
    flock 8 # parallel callers wait for one build
fi

# Newest CPython >= 3.11 (GIL build) with venv and ensurepip, by version number.
find_python() {
    if [ -n "${SWITCHBOARD_ADK_PYTHON:-}" ]; then
        "$SWITCHBOARD_ADK_PYTHON" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null ||
            fail "SWITCHBOARD_ADK_PYTHON=$SWITCHBOARD_ADK_PYTHON is not a CPython >= 3.11 with venv and ensurepip"
        echo "$SWITCHBOARD_ADK_PYTHON"
        return
    fi
    local best="" best_rank=0 cand rank
    local -a cands=()
    for cand in python3.{30..11} python3; do
        command -v "$cand" >/dev/null 2>&1 && cands+=("$(command -v "$cand")")
    done
    for cand in /usr/local/bin/python3.* /usr/bin/python3.* "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/bin/python3; do
        [ -x "$cand" ] && cands+=("$cand")
    done
    for cand in "${cands[@]}"; do
        rank=$("$cand" - 2>/dev/null <<'EOF'
import sys, sysconfig
try:
    import venv, ensurepip  # noqa: F401
except ImportError:
    print(0); raise SystemExit
ok = (sys.implementation.name == "cpython" and sys.version_info >= (3, 11)
      and not sysconfig.get_config_var("Py_GIL_DISABLED"))
print(sys.version_info[0] * 1000 + sys.version_info[1] if ok else 0)
EOF
        ) || continue
        case "$rank" in '' | *[!0-9]*) continue ;; esac
        if [ "$rank" -gt "$best_rank" ]; then best=$cand best_rank=$rank; fi
    done
    [ -n "$best" ] || fail "no CPython 3.11 or newer with the venv and ensurepip modules was found (set SWITCHBOARD_ADK_PYTHON)"
    echo "$best"
}

installed_version() { "$HOME_DIR/bin/python" -I -c 'import importlib.metadata as m; print(m.version("polyai-adk"))' 2>/dev/null; }

healthy() {
    [ -f "$STAMP" ] && [ -x "$HOME_DIR/poly" ] || return 1
    grep -qx "compat=$COMPAT_REV" "$STAMP" || return 1
    if [ "$VERSION" != latest ]; then [ "$(installed_version)" = "$VERSION" ] || return 1; fi
    "$HOME_DIR/poly" --version >/dev/null 2>&1
}

if [ "${SWITCHBOARD_ADK_REINSTALL:-0}" != 1 ] && [ "$VERSION" != latest ] && healthy; then
    note "using $HOME_DIR (polyai-adk $(installed_version))"
    echo "$HOME_DIR/poly"
    exit 0
fi

PY=$(find_python)
note "building $HOME_DIR with $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))"
rm -rf "$HOME_DIR"
"$PY" -m venv "$HOME_DIR" >&2 || fail "python -m venv failed with $PY"
VPY="$HOME_DIR/bin/python"

spec="polyai-adk"
[ "$VERSION" = latest ] || spec="polyai-adk==$VERSION"
note "pip install $spec"
# The package itself without its Python version check; its dependencies then resolve normally, so
# each one is a release that supports this interpreter.
"$VPY" -m pip install -q --no-deps --ignore-requires-python "$spec" >&2 ||
    fail "pip could not install $spec (is the package index reachable?)"
"$VPY" -I - "$HOME_DIR/requirements.txt" <<'EOF' || fail "could not read the dependencies of polyai-adk"
import importlib.metadata as md, sys
reqs = [r for r in (md.requires("polyai-adk") or []) if "extra" not in r.split(";", 1)[-1]]
open(sys.argv[1], "w").write("\n".join(reqs) + "\n")
EOF
"$VPY" -m pip install -q -r "$HOME_DIR/requirements.txt" >&2 ||
    fail "pip could not install the dependencies of polyai-adk (listed in $HOME_DIR/requirements.txt)"

PKG="$("$VPY" -I -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/poly"
[ -d "$PKG" ] || fail "polyai-adk installed no 'poly' package at $PKG"
"$VPY" -I "$HERE/adk_compat.py" "$PKG" >&2 || fail "the source rewrite for Python < 3.14 did not succeed"

# Every module of the package must import (a missing optional third-party module is fine: the
# 'call' extra's audio stack is not installed), and the validate command must start.
"$VPY" -I - >&2 <<'EOF' || fail "polyai-adk does not import on this interpreter"
import importlib, pkgutil, sys
import poly
broken = []
for mod in pkgutil.walk_packages(poly.__path__, "poly."):
    try:
        importlib.import_module(mod.name)
    except ModuleNotFoundError as e:
        if (e.name or "").split(".")[0] == "poly":
            broken.append(f"{mod.name}: {e}")
    except Exception as e:  # noqa: BLE001
        broken.append(f"{mod.name}: {type(e).__name__}: {e}")
if broken:
    sys.exit("modules that fail to import:\n  " + "\n  ".join(broken))
EOF
POLY_NO_UPDATE_CHECK=1 "$HOME_DIR/bin/poly" validate --help >/dev/null 2>&1 || fail "'poly validate --help' does not run"

# The command to run: the venv's poly with its once-a-day update check turned off.
printf '#!/bin/sh\n# The official ADK CLI (polyai-adk), installed by switchboard scripts/official-validator/install.sh.\nPOLY_NO_UPDATE_CHECK=1 exec "%s/bin/poly" "$@"\n' "$HOME_DIR" >"$HOME_DIR/poly"
chmod +x "$HOME_DIR/poly"
{
    echo "adk=$(installed_version)"
    echo "python=$("$VPY" -c 'import sys; print(sys.version.split()[0])')"
    echo "compat=$COMPAT_REV"
} >"$STAMP"
note "ready: polyai-adk $(installed_version) on CPython $("$VPY" -c 'import sys; print(sys.version.split()[0])')"
echo "$HOME_DIR/poly"
