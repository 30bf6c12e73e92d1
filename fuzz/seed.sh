#!/usr/bin/env bash
# Write the seed corpora of every fuzz target into fuzz/corpus/<target>/ (not committed), built
# from the example project and the fixture projects. The seeds are exactly the inputs the smoke
# test tests/it/fuzz_smoke.rs starts its mutations from.
#
#   fuzz/seed.sh              # into fuzz/corpus
#   fuzz/seed.sh DIR          # into DIR/<target>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/fuzz/corpus}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
cd "$ROOT"
SWITCHBOARD_SEED_DIR="$OUT" cargo test --quiet --test it -- --ignored --exact fuzz_smoke::write_seed_corpora --nocapture
