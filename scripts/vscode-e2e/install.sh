#!/usr/bin/env bash
# Install what the end-to-end test of the VS Code extension runs on: code-server (VS Code in a
# browser, 4.100.x: the line that runs on Node 20) and puppeteer-core from package-lock.json,
# Debian's chromium and ripgrep.
#
#   scripts/vscode-e2e/install.sh
#
# When something cannot be installed here it says so plainly: under CI (CI=true) it fails (exit
# 1); elsewhere it exits 3, which run.sh reports as a loud skip.
#
# Idempotent (a stamp records the lockfile installed). Install scripts stay off everywhere: the
# ones of code-server and of its VS Code fetch prebuilt binaries (ripgrep, native modules) from
# outside the package registry. Instead the native modules are built here with node-gyp against
# the headers of the installed Node (`<prefix>/include/node`), and VS Code's ripgrep is Debian's.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { printf '==> vscode-e2e: %s\n' "$*"; }
die() { printf 'error: vscode-e2e: %s\n' "$*" >&2; exit 1; }
# What this machine lacks and this script cannot install.
cannot() {
    printf 'error: vscode-e2e: cannot install what the test needs: %s\n' "$*" >&2
    [[ "${CI:-}" == "true" ]] && exit 1
    exit 3
}

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64 | Linux-aarch64) ;;
    *) cannot "code-server and Debian's chromium are set up for Linux x86_64 and aarch64 only, this is $(uname -s)-$(uname -m)" ;;
esac
command -v node >/dev/null || cannot "node (20.x) is not installed"
command -v npm >/dev/null || cannot "npm is not installed"
major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$major" == 20 ]] || cannot "code-server 4.100 needs Node 20, this is $(node --version)"

# ---------------------------------------------------------------------------------------------
# Debian packages.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null || cannot "no apt-get to install ${missing[*]} (install them by hand)"
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
            cannot "installing ${missing[*]} needs root (run as root, or with sudo that asks no password)"
        sudo=(sudo -n)
    fi
    say "apt-get install ${missing[*]}"
    "${sudo[@]}" apt-get update -qq || cannot "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null ||
        cannot "apt-get install ${missing[*]} failed"
    for c in chromium rg; do
        command -v "$c" >/dev/null || cannot "apt-get did not install $c"
    done
fi

# ---------------------------------------------------------------------------------------------
# npm packages.
stamp="$HERE/node_modules/.install-stamp"
want="$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    say "up to date"
    exit 0
fi

prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
nodedir="$prefix"
[[ -f "$nodedir/include/node/node.h" ]] ||
    cannot "no Node headers in $nodedir/include/node (node-gyp would download them; install the headers of this Node)"
gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$gyp" ]] || gyp="$prefix/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"
[[ -f "$gyp" ]] || die "npm's node-gyp not found"

say "npm ci (code-server, puppeteer-core)"
(cd "$HERE" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) ||
    cannot "npm ci of code-server and puppeteer-core failed"

build() { # folder, extra node-gyp arguments
    local dir="$1"
    shift
    say "node-gyp ${dir#"$HERE"/node_modules/}"
    (cd "$dir" && node "$gyp" rebuild --nodedir="$nodedir" "$@" >"$dir/.node-gyp.log" 2>&1) ||
        die "building $dir failed: see $dir/.node-gyp.log"
}

# code-server's own native module (password hashing; loaded at start even with --auth none).
argon="$HERE/node_modules/argon2"
build "$argon" --module_name=argon2 --module_path="$argon/lib/binding/napi-v3" --napi_build_version=3
[[ -f "$argon/lib/binding/napi-v3/argon2.node" ]] || die "argon2.node was not built"

# VS Code's dependencies (from its shrinkwrap), then its native modules.
vscode="$HERE/node_modules/code-server/lib/vscode"
say "npm install in code-server's VS Code"
(cd "$vscode" && npm install --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error) ||
    cannot "npm install in code-server's VS Code failed"
for m in @vscode/spdlog native-watchdog node-pty @vscode/deviceid; do
    build "$vscode/node_modules/$m"
done
node -e "for (const m of ['@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'node-pty']) require('$vscode/node_modules/' + m)" ||
    die "a native module of VS Code does not load"
# What code-server's postinstall does besides: the asar folder VS Code looks in, and ripgrep.
ln -sfn node_modules "$vscode/node_modules.asar"
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"

printf '%s\n' "$want" >"$stamp"
say "installed code-server $(node -p "require('$HERE/node_modules/code-server/package.json').version")"
