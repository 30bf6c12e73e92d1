#!/usr/bin/env bash
# Install what the Emacs test runs on: Emacs without X (Debian's `emacs-nox`, 28.2 on Debian 12),
# eglot (`elpa-eglot`; built into Emacs 29+) and yaml-mode (`elpa-yaml-mode`), from the Debian
# packages.
#
#   editors/emacs/test/install.sh
#
# Idempotent: nothing is installed when `emacs --batch` already loads eglot and yaml-mode. When
# they cannot be installed it says so plainly: under CI (CI=true) it fails (exit 1); elsewhere
# it exits 3, which run.sh reports as a loud skip.
set -euo pipefail

say() { printf '==> emacs-test: %s\n' "$*"; }
cannot() {
    printf 'error: emacs-test: cannot install what the test needs: %s\n' "$*" >&2
    [[ "${CI:-}" == "true" ]] && exit 1
    exit 3
}

# Whether this Emacs loads eglot and yaml-mode. `--batch` reads no init file but does run the
# site start files, where Debian puts its elpa packages on the load path (`-Q` would not).
ready() {
    command -v emacs >/dev/null 2>&1 &&
        emacs --batch --eval "(progn (require 'eglot) (require 'yaml-mode))" >/dev/null 2>&1
}

if ready; then
    say "up to date ($(emacs --version | head -n1))"
    exit 0
fi

packages=(elpa-eglot elpa-yaml-mode)
command -v emacs >/dev/null 2>&1 || packages=(emacs-nox "${packages[@]}")
command -v apt-get >/dev/null 2>&1 || cannot "no apt-get to install ${packages[*]} (install Emacs 28+, eglot and yaml-mode by hand)"
sudo=()
if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null ||
        cannot "installing ${packages[*]} needs root (run as root, or with sudo that asks no password)"
    sudo=(sudo -n)
fi
say "apt-get install ${packages[*]}"
if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1; then
    "${sudo[@]}" apt-get update -qq || cannot "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null ||
        cannot "apt-get install ${packages[*]} failed"
fi
ready || cannot "after apt-get install ${packages[*]}, emacs --batch does not load eglot and yaml-mode"
say "installed $(emacs --version | head -n1)"
