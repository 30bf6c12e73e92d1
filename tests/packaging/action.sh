#!/usr/bin/env bash
# The GitHub Action (action.yml), run locally: its steps run as a runner runs a composite action
# (tests/packaging/run_action.py substitutes `${{ inputs.X }}` and the other expressions into each
# `run` and `env`, sets GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT,
# GITHUB_PATH, GITHUB_ENV and GITHUB_STEP_SUMMARY), with switchboard installed from this checkout's
# wheel (SWITCHBOARD_WHEEL, pip offline) instead of PyPI. Asserts the `::error file=...`
# annotations, the SARIF file, the step summary, the outputs and the exit code.
#
#   tests/packaging/action.sh
#
# Needs: the wheel (scripts/build-wheel.sh), and PyPI for PyYAML and uv on first use.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
mkdir -p "$CACHE"
start="$(now)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="$(crate_version)"

if ! wheel="$(build_wheel)" || [[ ! -f "$wheel" ]]; then
    bad "scripts/build-wheel.sh builds a wheel (log: $CACHE/build-wheel.log)"
    finish
fi
if ! yamlvenv="$(tool_venv pyyaml "PyYAML==$PYYAML_VERSION")"; then
    skip "PyYAML could not be installed from PyPI: action.yml not run"
    finish
fi
runner_python="$yamlvenv/bin/python"

# The workspace: the example project, a clean project, and a clean one with only a warning.
ws="$work/workspace"
mkdir -p "$ws"
cp -R examples/harbor-dental "$ws/harbor-dental"
make_clean_project "$ws/clean"
make_clean_project "$ws/warn-only"
sed -i.orig 's/value: \$caller_id/value: $caler_id/' "$ws/warn-only/config/handoffs.yaml"
rm -f "$ws/warn-only/config/handoffs.yaml.orig"

# run_action NAME [--input k=v]...: one run of the action in a fresh runner temp folder.
# Leaves $rt (the runner temp), $out (stdout and stderr), $status and $outputs (JSON file).
run_action() {
    local name="$1"
    shift
    rt="$work/runs/$name"
    mkdir -p "$rt/temp"
    : >"$rt/summary.md"
    out="$rt/log.txt"
    outputs="$rt/outputs.json"
    env GITHUB_ACTIONS=true CI="${CI:-}" \
        GITHUB_WORKSPACE="$ws" GITHUB_ACTION_PATH="$ROOT" RUNNER_TEMP="$rt/temp" \
        GITHUB_STEP_SUMMARY="$rt/summary.md" \
        SWITCHBOARD_WHEEL="${ACTION_WHEEL-$wheel}" PIP_NO_INDEX=1 PIP_FIND_LINKS= \
        "$runner_python" "$ROOT/tests/packaging/run_action.py" "$ROOT/action.yml" --outputs "$outputs" "$@" \
        >"$out" 2>&1
    status=$?
}
output() { "$runner_python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$outputs" "$1"; }
count() { grep -c "^::$1 file=" "$out" || true; }
show_log() { sed 's/^/      | /' "$out" | tail -n 15; }

# --- the example project: annotations and exit 1 ------------------------------------------------
run_action pip-example --input path=harbor-dental
check "install: pip, path: harbor-dental: exit 1 (got $status)" [ "$status" -eq 1 ] || show_log
check "the SB201 annotation points at harbor-dental/topics/payment_plans.yaml line 12, columns 40-52" \
    grep -q '^::error file=harbor-dental/topics/payment_plans.yaml,line=12,endLine=12,col=40,endColumn=52,title=SB201 unknown-handoff::harbor-dental/topics/payment_plans.yaml:12:40: SB201 unknown handoff `billing_team`' "$out"
check "the other planted errors are annotations too (SB103, SB212, SB301)" \
    bash -c 'grep -q "^::error file=harbor-dental/config/handoffs.yaml,line=18,.*title=SB103 " "$1" &&
        grep -q "^::error file=harbor-dental/flows/book_appointment/steps/collect_visit_details.yaml,line=11,.*title=SB212 " "$1" &&
        grep -q "^::error file=harbor-dental/topics/billing_questions.yaml,line=14,.*title=SB301 " "$1"' _ "$out"
check "4 errors, 2 warnings and 2 notices (got $(count error), $(count warning), $(count notice))" \
    [ "$(count error)/$(count warning)/$(count notice)" == "4/2/2" ]
check "outputs: version $version (from the action's Cargo.toml), exit-code 1" \
    [ "$(output version)/$(output exit-code)" == "$version/1" ]
check "the step summary counts them" grep -q "^4 errors, 2 warnings, 2 notes (exit 1)\.$" "$rt/summary.md"
check "the venv's bin folder is added to GITHUB_PATH" \
    grep -qx "$rt/temp/switchboard-venv/bin" "$rt/temp/run-action-path.txt"
venv_bin="$rt/temp/switchboard-venv/bin"

# --- SARIF ----------------------------------------------------------------------------------------
run_action sarif --input path=harbor-dental --input sarif-file=reports/switchboard.sarif
check "with sarif-file: still exit 1 (got $status)" [ "$status" -eq 1 ] || show_log
check "the SARIF file is SARIF 2.1.0 with 8 results, harbor-dental/topics/payment_plans.yaml among them" \
    "$runner_python" -c 'import json, sys
s = json.load(open(sys.argv[1]))
results = s["runs"][0]["results"]
uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in results for loc in r["locations"]}
sys.exit(not (s["version"] == "2.1.0" and len(results) == 8 and "harbor-dental/topics/payment_plans.yaml" in uris))' \
    "$ws/reports/switchboard.sarif"
check "the annotations are printed as without SARIF" [ "$(count error)" == "4" ]

# --- a clean project, args, exit 2 ----------------------------------------------------------------
run_action clean --input path=clean
check "a clean project: exit 0 (got $status), no annotation" \
    bash -c '[ "$1" -eq 0 ] && ! grep -q "^::\(error\|warning\|notice\) file=" "$2"' _ "$status" "$out" || show_log
check "the step summary says no problems" grep -qx "No problems found." "$rt/summary.md"
run_action warn-only --input path=warn-only
check "a project with only a warning: exit 0 (got $status), one ::warning" \
    bash -c '[ "$1" -eq 0 ] && [ "$(grep -c "^::warning file=warn-only/config/handoffs.yaml,line=10," "$2")" -eq 1 ]' _ "$status" "$out" ||
    show_log
run_action deny --input path=warn-only --input "args=check --deny warnings"
check "args: check --deny warnings on it: exit 1 (got $status)" [ "$status" -eq 1 ] || show_log
run_action two-paths --input "path=clean warn-only"
check "path: two projects separated by a space: both checked (exit $status, one ::warning)" \
    bash -c '[ "$1" -eq 0 ] && [ "$(grep -c "^::warning file=" "$2")" -eq 1 ]' _ "$status" "$out" || show_log
run_action missing --input path=not-a-project
check "a path that does not exist: exit 2 passed through (got $status, output exit-code $(output exit-code))" \
    [ "$status/$(output exit-code)" == "2/2" ] || show_log

# --- version and install ----------------------------------------------------------------------
run_action version-v --input path=clean --input "version=v$version"
check "version: v$version is accepted (exit $status)" [ "$status" -eq 0 ] || show_log
run_action version-mismatch --input path=clean --input version=9.9.9
check "version: 9.9.9 with a $version package: the install step fails with exit 2 (got $status)" \
    bash -c '[ "$1" -eq 2 ] && grep -q "^::error title=switchboard::switchboard '"$version"' is installed, not 9.9.9" "$2"' _ "$status" "$out" ||
    show_log
ACTION_WHEEL="" run_action no-pypi --input path=clean --input version=0.0.0-not-released
check "install: pip of an unreleased version fails with exit 2 and says why (got $status)" \
    bash -c '[ "$1" -eq 2 ] && grep -q "^::error title=switchboard::pip could not install switchboard-adk==0.0.0-not-released" "$2"' _ "$status" "$out" ||
    show_log
run_action bad-install --input path=clean --input install=conda
check "install: conda is refused with exit 2 (got $status)" [ "$status" -eq 2 ]

PATH="$venv_bin:$PATH" run_action none --input path=harbor-dental --input install=none
check "install: none uses the switchboard on PATH: exit 1 (got $status)" \
    bash -c '[ "$1" -eq 1 ] && [ "$(grep -c "^::error file=" "$2")" -eq 4 ]' _ "$status" "$out" || show_log
run_action none-missing --input path=clean --input install=none
check "install: none without switchboard on PATH: exit 2 (got $status)" [ "$status" -eq 2 ]

if uvvenv="$(tool_venv uv "uv==$UV_VERSION")"; then
    PATH="$uvvenv/bin:$PATH" UV_CACHE_DIR="$work/uv-cache" UV_TOOL_DIR="$work/uv-tools" \
        UV_TOOL_BIN_DIR="$work/uv-bin" UV_OFFLINE=1 UV_PYTHON_DOWNLOADS=never UV_NO_CONFIG=1 \
        run_action uv --input path=harbor-dental --input install=uv
    check "install: uv (uv tool install, offline from the wheel): exit 1 (got $status), 4 errors" \
        bash -c '[ "$1" -eq 1 ] && [ "$(grep -c "^::error file=" "$2")" -eq 4 ]' _ "$status" "$out" || show_log
    check "install: uv puts uv's tool bin folder on GITHUB_PATH" grep -qx "$work/uv-bin" "$rt/temp/run-action-path.txt"
else
    skip "uv could not be installed from PyPI (pip install uv==$UV_VERSION failed): install: uv not tested"
fi
run_action uv-missing --input path=clean --input install=uv
if command -v uv >/dev/null 2>&1; then
    note "uv is on PATH here: the missing-uv message is not tested"
else
    check "install: uv without uv on PATH: exit 2 and a message (got $status)" \
        bash -c '[ "$1" -eq 2 ] && grep -q "^::error title=switchboard::install: uv needs uv on PATH" "$2"' _ "$status" "$out"
fi

# The runner refuses what it does not implement, so the action cannot drift past this test.
sed 's/^      shell: bash$/      shell: bash\n      if: always()/' action.yml >"$work/action-if.yml"
GITHUB_WORKSPACE="$ws" GITHUB_ACTION_PATH="$ROOT" RUNNER_TEMP="$work" \
    "$runner_python" tests/packaging/run_action.py "$work/action-if.yml" >"$work/refused.txt" 2>&1
check "run_action.py refuses a step key it does not run (if:)" grep -q "which this test does not run" "$work/refused.txt"

note "action.sh took $(elapsed "$start") s"
finish
