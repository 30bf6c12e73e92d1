#!/usr/bin/env bash
# The differential check as part of the test command: installs the official validator, then
# compares it with switchboard on generated and mutated projects (diff.py). Where the validator
# cannot be installed it says so plainly and skips, except under CI (CI=true), where that fails.
#
#   COUNT=500 SEED=1 scripts/official-validator/run-tests.sh [path of the switchboard binary]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${1:-$ROOT/target/debug/switchboard}"
COUNT="${COUNT:-500}"
SEED="${SEED:-1}"
if [[ ! -x "$BIN" ]]; then
    (cd "$ROOT" && cargo build --quiet --bin switchboard) || exit 1
fi
if ! POLY="$(bash "$ROOT/scripts/official-validator/install.sh")"; then
    if [[ "${CI:-}" == "true" ]]; then
        echo "official-validator: FAILED: the official validator (polyai-adk from PyPI) could not be installed" >&2
        exit 1
    fi
    echo "official-validator: SKIPPED: the official validator (polyai-adk from PyPI) could not be installed here" >&2
    exit 0
fi
REPORT="$ROOT/target/official-validator/report.json"
mkdir -p "$(dirname "$REPORT")"
exec python3 "$ROOT/scripts/official-validator/diff.py" --count "$COUNT" --seed "$SEED" --jobs 2 \
    --switchboard "$BIN" --poly "$POLY" --report "$REPORT"
