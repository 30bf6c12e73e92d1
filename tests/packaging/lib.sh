# shellcheck shell=bash
# Shared helpers of the packaging tests (sourced, not run).
#
# Counting: `ok`, `bad`, `skip`, `check DESC CMD...`; `finish` prints the closing line
# `N passed, M failed[, K skipped]` and exits 1 on any failure. A skip is a failure when CI=true:
# there, every tool must be installable.
#
# Tools from PyPI go into venvs under $SWITCHBOARD_PACKAGING_CACHE (default target/packaging/),
# one per tool and pinned version, made on first use and reused afterwards.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${SWITCHBOARD_PACKAGING_CACHE:-$ROOT/target/packaging}"
export SWITCHBOARD_PACKAGING_CACHE="$CACHE"

# The tool versions the tests install (PyPI).
PRE_COMMIT_VERSION="4.7.0"
PYYAML_VERSION="6.0.3"
UV_VERSION="0.13.9"
MATURIN_VERSION="${MATURIN_VERSION:-1.16.0}"

PASSED=0
FAILED=0
SKIPPED=0

ok() { PASSED=$((PASSED + 1)); printf 'ok    %s\n' "$*"; }
bad() { FAILED=$((FAILED + 1)); printf 'FAIL  %s\n' "$*"; }
skip() {
    if [[ "${CI:-}" == "true" ]]; then
        bad "$* (not skipped: CI=true)"
    else
        SKIPPED=$((SKIPPED + 1))
        printf 'skip  %s\n' "$*"
    fi
}
note() { printf '      %s\n' "$*"; }

# check DESCRIPTION COMMAND...: one result from a command's exit status (returned too).
check() {
    local desc="$1"
    shift
    if "$@"; then
        ok "$desc"
    else
        bad "$desc"
        return 1
    fi
}

finish() {
    local line="$PASSED passed, $FAILED failed"
    if ((SKIPPED > 0)); then line="$line, $SKIPPED skipped"; fi
    printf '%s\n' "$line"
    if ((FAILED > 0)); then exit 1; fi
    exit 0
}

# The Python that makes the venvs.
PYTHON=""
for p in python3 python; do
    if command -v "$p" >/dev/null 2>&1; then PYTHON="$p"; break; fi
done

# Seconds since the epoch, with decimals.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# tool_venv NAME SPEC...: print the path of a venv holding the pinned packages SPEC (from PyPI),
# making it when missing or stale. Returns 1 (with pip's last lines on stderr) when pip cannot
# install them.
tool_venv() {
    local name="$1"
    shift
    local dir="$CACHE/venv-$name" want="$*"
    if [[ -f "$dir/.spec" && "$(cat "$dir/.spec")" == "$want" ]]; then
        printf '%s\n' "$dir"
        return 0
    fi
    [[ -n "$PYTHON" ]] || { echo "no python3 on PATH" >&2; return 1; }
    rm -rf "$dir"
    mkdir -p "$CACHE"
    local log="$CACHE/venv-$name.log"
    if ! "$PYTHON" -m venv "$dir" >"$log" 2>&1 ||
        ! "$dir/bin/python" -m pip install --disable-pip-version-check "$@" >>"$log" 2>&1; then
        tail -n 3 "$log" >&2
        rm -rf "$dir"
        return 1
    fi
    printf '%s' "$want" >"$dir/.spec"
    printf '%s\n' "$dir"
}

# The wheel of this checkout, built by scripts/build-wheel.sh (once per run: $SWITCHBOARD_WHEEL
# is set by run.sh after the first build).
build_wheel() {
    if [[ -n "${SWITCHBOARD_WHEEL:-}" && -f "$SWITCHBOARD_WHEEL" ]]; then
        printf '%s\n' "$SWITCHBOARD_WHEEL"
        return 0
    fi
    "$ROOT/scripts/build-wheel.sh" 2>"$CACHE/build-wheel.log"
}

# The version in Cargo.toml's [package] table.
crate_version() {
    sed -n '/^\[package\]/,/^\[/{s/^version *= *"\(.*\)"/\1/p}' "$ROOT/Cargo.toml" | head -n 1
}

# make_clean_project DIR: a small ADK project, in the shape of examples/harbor-dental, that
# `switchboard check` finds clean.
make_clean_project() {
    local d="$1"
    mkdir -p "$d/config" "$d/topics" "$d/agent_settings" "$d/functions"
    cat >"$d/project.yaml" <<'EOF'
project_id: corner-bakery-line
account_id: corner-bakery
region: us-1
EOF
    cat >"$d/config/handoffs.yaml" <<'EOF'
handoffs:
- name: billing_team
  description: Accounts team for invoices and refunds
  is_default: true
  sip_config:
    method: refer
    phone_number: '+14155550120'
  sip_headers:
  - key: X-Caller-ID
    value: $caller_id
EOF
    cat >"$d/topics/invoices.yaml" <<'EOF'
name: Invoices
enabled: true
example_queries:
- I have a question about my invoice
- Can I get a refund?
content: |-
  Invoices are emailed on the first of the month.
actions: |-
  Look the order up with {{fn:find_order}}. If the caller still needs help, transfer them to {{ho:billing_team}}.
EOF
    cat >"$d/agent_settings/rules.txt" <<'EOF'
## Who you are
You answer the phone for the bakery's wholesale customers.

## Orders
When a caller asks about an order, call {{fn:find_order}}.

## Transfers
For anything about money, transfer the caller to {{ho:billing_team}}.
EOF
    cat >"$d/functions/find_order.py" <<'EOF'
from _gen import *  # <AUTO GENERATED>


@func_description("Find the caller's most recent order.")
@func_parameter("order_number", "The order number the caller reads out.")
def find_order(conv: Conversation, order_number: str):
    conv.state.order_number = order_number
    return "The order is on its way."
EOF
}

# plant_mistake DIR: a reference to a handoff that does not exist (SB201) at topics/invoices.yaml
# line 9, column 99.
plant_mistake() {
    sed -i.orig 's/{{ho:billing_team}}\./{{ho:billing_tem}}./' "$1/topics/invoices.yaml"
    rm -f "$1/topics/invoices.yaml.orig"
}
