#!/usr/bin/env bash
# Install the external tools the test suite runs against real implementations.
#
#   scripts/install-test-deps.sh            # every section
#   scripts/install-test-deps.sh node       # only the named sections
#
# Idempotent: each section records what it installed and returns at once when that is current.
# Sections:
#   node   npm tools pinned in tests/tools/package.json + package-lock.json
#          (@microsoft/sarif-multitool, used by tests/it/sarif_validate.rs)
#   editors  npm packages of the VS Code extension (editors/vscode) and of the grammar tests
#          (grammar/), each from its committed lockfile
#   bench  Debian packages for scripts/bench.sh (hyperfine, GNU time, valgrind). Not a test
#          dependency: only installed when named (`scripts/install-test-deps.sh bench`).
#   nvim   Neovim (Debian package `neovim`), the real editor client of tests/it/lsp_neovim.rs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tests/tools"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required for the '$2' section ($3)"; }

# sha256 of the given files, one line.
fingerprint() {
    if command -v sha256sum >/dev/null 2>&1; then
        cat "$@" | sha256sum | cut -d' ' -f1
    else
        cat "$@" | shasum -a 256 | cut -d' ' -f1
    fi
}

# ---------------------------------------------------------------------------------------------
# node: npm packages from tests/tools (exact versions from the committed lockfile).

sarif_multitool_bin() {
    local platform exe=Sarif.Multitool
    case "$(uname -s)" in
        Linux) platform=linux ;;
        Darwin) platform=darwin ;;
        MINGW* | MSYS* | CYGWIN*) platform=win32 exe=Sarif.Multitool.exe ;;
        *) die "no SARIF Multitool build for $(uname -s)" ;;
    esac
    printf '%s\n' "$TOOLS/node_modules/@microsoft/sarif-multitool-$platform/$exe"
}

install_node() {
    local stamp="$TOOLS/node_modules/.install-stamp"
    local want bin
    want="$(fingerprint "$TOOLS/package.json" "$TOOLS/package-lock.json")"
    bin="$(sarif_multitool_bin)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$bin" ]]; then
        say "node: up to date"
        return
    fi
    need npm node "https://nodejs.org"
    say "node: npm ci in tests/tools"
    # Scripts stay off: the only one (the validator's postinstall) sets the executable bit,
    # which is done below.
    (cd "$TOOLS" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    [[ -f "$bin" ]] || die "npm ci did not install $bin"
    chmod u+x "$bin"
    local version
    version="$(DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$bin" --version 2>&1)" ||
        die "$bin does not run on this machine: $version"
    version="${version%%$'\n'*}"
    [[ "$version" == *"SARIF Multitool"* ]] || die "$bin does not run on this machine: $version"
    printf '%s\n' "$want" >"$stamp"
    say "node: installed $version"
}

# ---------------------------------------------------------------------------------------------
# bench: whole-process benchmark tools (Debian packages). Opt-in: not in ALL_SECTIONS.

install_bench() {
    local missing=()
    command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
    [[ -x /usr/bin/time ]] || missing+=(time)
    command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
    if ((${#missing[@]} == 0)); then
        say "bench: up to date"
        return
    fi
    need apt-get bench "a Debian-based system, or install ${missing[*]} by hand"
    local as_root=()
    if [[ "$(id -u)" != 0 ]]; then
        need sudo bench "root rights to install ${missing[*]}"
        as_root=(sudo)
    fi
    say "bench: apt-get install ${missing[*]}"
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}"
    say "bench: installed ${missing[*]}"
}

# ---------------------------------------------------------------------------------------------
# editors: npm packages of editors/vscode and grammar/ (exact versions from their lockfiles).

install_npm_dir() {
    local dir="$1" check="$2"
    local stamp="$dir/node_modules/.install-stamp"
    local want
    want="$(fingerprint "$dir/package.json" "$dir/package-lock.json")"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -e "$dir/node_modules/$check" ]]; then
        say "editors: ${dir#"$ROOT"/} up to date"
        return
    fi
    need npm editors "https://nodejs.org"
    say "editors: npm ci in ${dir#"$ROOT"/}"
    # No package of these trees needs an install script.
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    [[ -e "$dir/node_modules/$check" ]] || die "npm ci did not install $check in $dir"
    printf '%s\n' "$want" >"$stamp"
}

install_editors() {
    install_npm_dir "$ROOT/editors/vscode" ".bin/vsce"
    install_npm_dir "$ROOT/grammar" ".bin/vscode-tmgrammar-test"
}

# ---------------------------------------------------------------------------------------------
# nvim: Neovim 0.7+ from the system's package manager (headless client for the LSP test).

install_nvim() {
    if command -v nvim >/dev/null 2>&1; then
        say "nvim: up to date ($(nvim --version | head -n1))"
        return
    fi
    need apt-get nvim "install Neovim 0.7 or newer by hand"
    local sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        need sudo nvim "or run this script as root"
        sudo=(sudo)
    fi
    say "nvim: apt-get install neovim"
    if ! "${sudo[@]}" apt-get install -y --no-install-recommends neovim >/dev/null 2>&1; then
        "${sudo[@]}" apt-get update >/dev/null
        "${sudo[@]}" apt-get install -y --no-install-recommends neovim >/dev/null
    fi
    command -v nvim >/dev/null 2>&1 || die "apt-get did not install nvim"
    say "nvim: installed $(nvim --version | head -n1)"
}

# ---------------------------------------------------------------------------------------------

ALL_SECTIONS=(node editors nvim)

main() {
    local sections=("$@")
    ((${#sections[@]})) || sections=("${ALL_SECTIONS[@]}")
    for s in "${sections[@]}"; do
        case "$s" in
            node) install_node ;;
            editors) install_editors ;;
            nvim) install_nvim ;;
            bench) install_bench ;;
            *) die "unknown section '$s' (known: ${ALL_SECTIONS[*]} bench)" ;;
        esac
    done
}

main "$@"
