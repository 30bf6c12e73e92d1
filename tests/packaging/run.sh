#!/usr/bin/env bash
# Every packaging test: the wheel, the GitHub Action, the pre-commit hook (in that order: the
# wheel is built once, by the first, and reused by the others).
#
#   tests/packaging/run.sh
#
# Each test says plainly when a tool it needs cannot be installed from PyPI and skips that part;
# with CI=true such a skip is a failure. Prints each test's own closing line, then the sum:
# `N passed, M failed[, K skipped]`; exits 1 when anything failed.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
mkdir -p "$CACHE"
start="$(now)"

# The wheel, once for the three tests.
if wheel="$(build_wheel)" && [[ -f "$wheel" ]]; then
    export SWITCHBOARD_WHEEL="$wheel"
    note "wheel: $wheel (built in $(elapsed "$start") s)"
else
    note "scripts/build-wheel.sh failed (log: $CACHE/build-wheel.log); each test reports it"
fi

total_passed=0
total_failed=0
total_skipped=0
for t in wheel action pre-commit; do
    printf '\n== tests/packaging/%s.sh\n' "$t"
    t0="$(now)"
    log="$(mktemp)"
    bash "$HERE/$t.sh" 2>&1 | tee "$log"
    status="${PIPESTATUS[0]}"
    last="$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)"
    rm -f "$log"
    if [[ -z "$last" ]]; then
        printf 'FAIL  %s.sh ended (exit %s) without its closing line\n' "$t" "$status"
        total_failed=$((total_failed + 1))
        continue
    fi
    p="$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$last")"
    f="$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$last")"
    s="$(sed -nE 's/.*, ([0-9]+) skipped.*/\1/p' <<<"$last")"
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + f))
    total_skipped=$((total_skipped + ${s:-0}))
    if [[ "$status" -ne 0 && "$f" -eq 0 ]]; then
        printf 'FAIL  %s.sh exited %s\n' "$t" "$status"
        total_failed=$((total_failed + 1))
    fi
    note "$t.sh: $(elapsed "$t0") s"
done

printf '\n'
note "tests/packaging/run.sh took $(elapsed "$start") s"
line="$total_passed passed, $total_failed failed"
if ((total_skipped > 0)); then line="$line, $total_skipped skipped"; fi
printf '%s\n' "$line"
((total_failed == 0))
