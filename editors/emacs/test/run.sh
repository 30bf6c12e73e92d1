#!/usr/bin/env bash
# switchboard in a real Emacs: Emacs 28 in batch with Debian's eglot and yaml-mode loads
# editors/emacs/switchboard.el, opens files of a copy of examples/harbor-dental and of
# editors/test-projects/lakeside-vet (a project without project.yaml), lets eglot start
# `switchboard lsp`, waits for the diagnostics, and checks that flymake holds exactly
# `switchboard check`'s findings of each file (positions and kinds). eglot-test.el does the
# checking.
#
#   editors/emacs/test/run.sh              # debug build of the server
#   SWITCHBOARD_BIN=target/release/switchboard editors/emacs/test/run.sh
#
# Installs what it needs first (install.sh). Where it cannot, it skips loudly, and fails under
# CI=true.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
say() { printf '==> emacs-test: %s\n' "$*"; }
die() { printf 'error: emacs-test: %s\n' "$*" >&2; exit 1; }

irc=0
"$HERE/install.sh" || irc=$?
if ((irc == 3)); then
    printf '\n*** SKIPPED emacs-test: Emacs with eglot cannot be installed here (see above; under CI=true this fails) ***\n\n'
    exit 0
fi
((irc == 0)) || exit "$irc"

if [[ -z "${SWITCHBOARD_BIN:-}" ]]; then
    say "cargo build --bin switchboard"
    (cd "$ROOT" && cargo build --quiet --bin switchboard)
    SWITCHBOARD_BIN="$ROOT/target/debug/switchboard"
fi
bin="$(readlink -f "$SWITCHBOARD_BIN")"
[[ -x "$bin" ]] || die "$SWITCHBOARD_BIN is not an executable"

# The projects live outside any repository (a version-control root would be the project eglot
# uses); the log is kept in target/emacs-test/.
LOGS="$ROOT/target/emacs-test"
rm -rf "$LOGS"
mkdir -p "$LOGS"
RUN="$(mktemp -d "${TMPDIR:-/tmp}/switchboard-emacs.XXXXXX")"
trap 'rm -rf "$RUN"' EXIT
cp -R "$ROOT/examples/harbor-dental" "$RUN/harbor-dental"
cp -R "$ROOT/editors/test-projects/lakeside-vet" "$RUN/lakeside-vet"

# The files opened: one with an error, a warning and an info; one with a hint; rules.txt
# (clean; its own major mode); one of the project without project.yaml.
files=(
    "$RUN/harbor-dental/config/handoffs.yaml"
    "$RUN/harbor-dental/topics/new_patients.yaml"
    "$RUN/harbor-dental/agent_settings/rules.txt"
    "$RUN/lakeside-vet/topics/vaccinations_check_ups.yaml"
)
# check's findings of each file: [line, column, kind] with info and hint as flymake's note.
json() { # project folder
    (cd "$1" && { "$bin" check --format json . || true; })
}
expected="$(DENTAL="$RUN/harbor-dental" VET="$RUN/lakeside-vet" node -e '
    const [dental, vet, ...files] = process.argv.slice(1);
    const fs = require("fs"), path = require("path");
    const kind = { error: "error", warning: "warning", info: "note", hint: "note" };
    const found = {};
    for (const [root, file] of [[process.env.DENTAL, dental], [process.env.VET, vet]]) {
        for (const d of JSON.parse(fs.readFileSync(file, "utf8")).diagnostics) {
            const abs = path.join(root, d.file.replace(/^\.\//, ""));
            (found[abs] ??= []).push([d.range.start.line, d.range.start.column, kind[d.severity]]);
        }
    }
    const out = {};
    for (const f of files) out[f] = (found[f] ?? []).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    console.log(JSON.stringify(out));
' <(json "$RUN/harbor-dental") <(json "$RUN/lakeside-vet") "${files[@]}")"
roots="$(node -e '
    const out = {};
    for (const f of process.argv.slice(1)) out[f] = f.replace(/^(.*\/(harbor-dental|lakeside-vet)\/).*$/, "$1");
    console.log(JSON.stringify(out));
' "${files[@]}")"
say "switchboard check: $expected"

start=$(date +%s)
rc=0
# `--batch` reads no init file; the packages are activated as a normal start does.
(cd "$RUN" && SB_SERVER="$bin" SB_EXPECTED="$expected" SB_ROOTS="$roots" \
    emacs --batch --eval '(package-activate-all)' -l "$ROOT/editors/emacs/switchboard.el" \
    -l "$HERE/eglot-test.el") 2>&1 | grep -v '^Loading /etc/emacs' | tee "$LOGS/emacs.log" || true
grep -q '^emacs-test: all checks passed' "$LOGS/emacs.log" || rc=1
say "$(($(date +%s) - start)) s; log in $LOGS/emacs.log"
exit "$rc"
