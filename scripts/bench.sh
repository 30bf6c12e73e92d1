#!/usr/bin/env bash
# Whole-process timing of `switchboard check` on generated projects, with peak RSS.
#
#   scripts/bench.sh                      # scales 1 10 100 topics10k
#   SCALES="1 100" scripts/bench.sh       # chosen scales
#   PEER_CMD='poly validate {}' scripts/bench.sh
#                                         # also time another checker on the same trees; `{}` is
#                                         # replaced by the project folder (appended when absent);
#                                         # run without a shell: use `sh -c "..."` for pipes
#
# Other variables:
#   RUNS=30          hyperfine runs per command at scales 1 and 10 (WARMUP=3 warm-up runs first)
#   RUNS_LARGE=5     runs at the other scales (100, topics10k), WARMUP_LARGE=1
#   RSS_RUNS=5       runs of /usr/bin/time per scale; the median peak RSS is reported
#   SEED=1           generator seed
#   BENCH_DIR=target/bench-projects   where the generated trees live (reused when present)
#   CHECK_ARGS="--format human --color never"   arguments after `switchboard check`
#   OUT=target/bench-results          hyperfine CSV/JSON exports
#   BUILD=shipped    the binary timed: `shipped` (scripts/build-release.sh: static-pie on Linux
#                    with glibc) or `plain` (`cargo build --release`)
#
# Needs hyperfine and GNU time: `scripts/install-test-deps.sh bench`. Prints a Markdown table.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SCALES="${SCALES:-1 10 100 topics10k}"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
RUNS_LARGE="${RUNS_LARGE:-5}"
WARMUP_LARGE="${WARMUP_LARGE:-1}"
RSS_RUNS="${RSS_RUNS:-5}"
SEED="${SEED:-1}"
BENCH_DIR="${BENCH_DIR:-target/bench-projects}"
CHECK_ARGS="${CHECK_ARGS:---format human --color never}"
OUT="${OUT:-target/bench-results}"
PEER_CMD="${PEER_CMD:-}"
BUILD="${BUILD:-shipped}"

die() { printf 'error: %s\n' "$*" >&2; exit 1; }
command -v hyperfine >/dev/null 2>&1 || die "hyperfine not found: run scripts/install-test-deps.sh bench"
[[ -x /usr/bin/time ]] || die "GNU time (/usr/bin/time) not found: run scripts/install-test-deps.sh bench"

# Two invocations: built together with an example, the binary would get the dev-dependencies'
# features too (regex tables among them), which is not the binary users build, and its start-up
# would relocate twice as many pointers. The binary is the shipped build (static-pie on Linux
# with glibc); `BUILD=plain` times the plain `cargo build --release` binary instead.
cargo build --release --quiet --example gen_project
BIN="$(BUILD="$BUILD" scripts/build-release.sh)"
GEN="$ROOT/target/release/examples/gen_project"
mkdir -p "$BENCH_DIR" "$OUT"

# Generate (once per scale and seed) and print the folder.
project_dir() {
    local scale="$1" dir="$BENCH_DIR/$1-seed$SEED"
    local stamp="$dir/.generated"
    local want
    want="$(sha256sum "$GEN" | cut -d' ' -f1)"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        rm -rf "$dir"
        "$GEN" --scale "$scale" --seed "$SEED" --out "$dir" >&2
        printf '%s\n' "$want" >"$stamp"
    fi
    printf '%s\n' "$dir"
}

# Count the checked source files and their bytes (the `_gen/` stubs excluded).
tree_stats() {
    local dir="$1"
    find "$dir" -path "$dir/_gen" -prune -o -type f \( -name '*.yaml' -o -name '*.py' -o -name '*.txt' \) -print0 |
        xargs -0 stat -c %s | awk '{n++; b+=$1} END {printf "%d %d\n", n, b}'
}

# Median of the numbers on stdin.
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

peer_command() {
    local dir="$1"
    if [[ "$PEER_CMD" == *"{}"* ]]; then
        printf '%s\n' "${PEER_CMD//\{\}/$dir}"
    else
        printf '%s %s\n' "$PEER_CMD" "$dir"
    fi
}

# Median wall time (ms) of one command, from a hyperfine CSV export.
hyperfine_median_ms() {
    local name="$1" csv="$2"
    shift 2
    local runs="$RUNS" warmup="$WARMUP"
    case "$SCALE" in 1 | 10) ;; *) runs="$RUNS_LARGE" warmup="$WARMUP_LARGE" ;; esac
    hyperfine --shell=none --ignore-failure --warmup "$warmup" --runs "$runs" \
        --style none --export-csv "$csv" --export-json "${csv%.csv}.json" "$@" >/dev/null 2>>"$OUT/hyperfine.log"
    # CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
    awk -F, -v name="$name" 'NR == 2 { printf "%.2f %.2f %.2f %.2f %.2f\n", $4 * 1000, $2 * 1000, $3 * 1000, $7 * 1000, ($5 + $6) * 1000 }' "$csv"
}

printf 'machine: %s, %s cores, load %s\n' "$(uname -srm)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf 'binary: %s (%s build)\n' "$BIN" "$BUILD" >&2

declare -A MEDIAN FILES BYTES RSS MEAN SD MIN CPU PEER
for scale in $SCALES; do
    SCALE="$scale"
    dir="$(project_dir "$scale")"
    read -r files bytes < <(tree_stats "$dir")
    FILES[$scale]=$files
    BYTES[$scale]=$bytes
    printf '== %s: %s files, %s bytes\n' "$scale" "$files" "$bytes" >&2
    # shellcheck disable=SC2086
    read -r med mean sd min cpu < <(hyperfine_median_ms sb "$OUT/check-$scale.csv" "$BIN check $CHECK_ARGS $dir")
    MEDIAN[$scale]=$med MEAN[$scale]=$mean SD[$scale]=$sd MIN[$scale]=$min CPU[$scale]=$cpu
    rss=()
    for _ in $(seq "$RSS_RUNS"); do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%M' -o "$OUT/rss" "$BIN" check $CHECK_ARGS "$dir" >/dev/null 2>&1 || true
        rss+=("$(tail -1 "$OUT/rss")")
    done
    RSS[$scale]="$(printf '%s\n' "${rss[@]}" | median)"
    if [[ -n "$PEER_CMD" ]]; then
        read -r pmed _ < <(hyperfine_median_ms peer "$OUT/peer-$scale.csv" "$(peer_command "$dir")")
        PEER[$scale]=$pmed
    fi
done

base_scale="${SCALES%% *}"
printf '\n| scale | files | source KB | median ms | mean ± σ ms | min ms | CPU ms (user+sys) | µs/file | per-file vs %s | peak RSS MB | RSS budget MB |' "$base_scale"
[[ -n "$PEER_CMD" ]] && printf ' peer median ms | peer / switchboard |'
printf '\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
[[ -n "$PEER_CMD" ]] && printf -- '---:|---:|'
printf '\n'
base_per_file="$(awk -v m="${MEDIAN[$base_scale]}" -v f="${FILES[$base_scale]}" 'BEGIN {print m * 1000 / f}')"
for scale in $SCALES; do
    awk -v s="$scale" -v f="${FILES[$scale]}" -v b="${BYTES[$scale]}" -v m="${MEDIAN[$scale]}" \
        -v mean="${MEAN[$scale]}" -v sd="${SD[$scale]}" -v min="${MIN[$scale]}" -v r="${RSS[$scale]}" -v cpu="${CPU[$scale]}" \
        -v base="$base_per_file" 'BEGIN {
            pf = m * 1000 / f
            printf "| %s | %d | %.0f | %.2f | %.2f ± %.2f | %.2f | %.2f | %.1f | %.2f× | %.1f | %.1f |", s, f, b / 1024, m, mean, sd, min, cpu, pf, pf / base, r / 1024, (2 * b + 20 * 1024 * 1024) / 1048576
        }'
    if [[ -n "$PEER_CMD" ]]; then
        awk -v p="${PEER[$scale]}" -v m="${MEDIAN[$scale]}" 'BEGIN { printf " %.2f | %.1f× |", p, p / m }'
    fi
    printf '\n'
done
printf '\nhyperfine exports: %s/\n' "$OUT"
