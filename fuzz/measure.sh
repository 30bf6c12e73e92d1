#!/usr/bin/env bash
# Time and peak memory of `switchboard check` on each pathological input, with the release
# binary. Prints a Markdown table (the one in ROBUSTNESS.md).
#
#   cargo build --release && fuzz/measure.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/target/release/switchboard"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

base() {
    local d="$WORK/$1"
    rm -rf "$d"
    mkdir -p "$d/config" "$d/topics" "$d/agent_settings" "$d/functions"
    printf 'name: agent\n' >"$d/project.yaml"
    printf 'handoffs:\n  - name: billing\n    description: Billing\n    is_default: true\n    sip_config:\n      method: bye\n' >"$d/config/handoffs.yaml"
    printf '## Billing\nUse {{ho:billing}}.\n' >"$d/agent_settings/rules.txt"
    echo "$d"
}

measure() {
    local name="$1" dir="$2" out
    /usr/bin/time -o "$WORK/time.txt" -f '%e %M' "$BIN" check --format short "$dir" >"$WORK/out.txt" 2>/dev/null || true
    out="$(tail -n 1 "$WORK/time.txt")"
    local secs kb n first
    secs="${out%% *}"
    kb="${out##* }"
    n="$(grep -c '\[SB' "$WORK/out.txt" || true)"
    first="$(grep -o '\[SB[0-9]*\]' "$WORK/out.txt" | sort | uniq -c | sort -rn | awk '{printf "%s×%s ", $2, $1}' | tr -d '[]' || true)"
    printf '| %s | %s s | %s MB | %s | %s |\n' "$name" "$secs" "$((kb / 1024))" "$n" "$first"
}

printf '| input | time | peak RSS | findings | by rule |\n|---|---|---|---|---|\n'

d="$(base alias)"
python3 - "$d/topics/bomb.yaml" <<'PY'
import sys
s = "name: Bomb\nx0: &a0 [" + ", ".join(["lol"] * 9) + "]\n"
for i in range(1, 10):
    s += f"x{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]\n"
open(sys.argv[1], "w").write(s)
PY
measure "YAML alias bomb (9^9)" "$d"

d="$(base deepflow)"
python3 -c "import sys; open(sys.argv[1],'w').write('name: D\nactions: ' + '['*10000 + 'x' + ']'*10000 + '\n')" "$d/topics/deep.yaml"
measure "10,000-deep YAML flow" "$d"

d="$(base deepblock)"
python3 -c "import sys; open(sys.argv[1],'w').write('name: D\nactions:\n  ' + '- '*10000 + 'x\n')" "$d/topics/deep.yaml"
measure "10,000-deep YAML block" "$d"

d="$(base deeppy)"
python3 -c "import sys; open(sys.argv[1],'w').write('def f(conv):\n    return ' + '('*10000 + '1' + ')'*10000 + '\n')" "$d/functions/deep.py"
measure "10,000-deep Python brackets" "$d"

d="$(base longline)"
python3 -c "import sys; open(sys.argv[1],'w').write('x'*10_000_000 + ' {{ho:nowhere}}')" "$d/agent_settings/rules.txt"
measure "10 MB single line (over the 8 MiB file limit)" "$d"

d="$(base longline8)"
python3 -c "import sys; open(sys.argv[1],'w').write('name: L\nactions: ' + 'y'*8_000_000 + '{{ho:nowhere}}\n')" "$d/topics/long.yaml"
measure "8 MB single-line YAML scalar" "$d"

d="$(base million)"
python3 -c "import sys; open(sys.argv[1],'w').write('\$nope '*1_000_000)" "$d/agent_settings/rules.txt"
measure "a million broken references (6 MB)" "$d"

d="$(base millionok)"
python3 -c "import sys; open(sys.argv[1],'w').write('{{ho:billing}} '*500_000)" "$d/agent_settings/rules.txt"
measure "500,000 good references (7.5 MB)" "$d"

d="$(base nul)"
head -c 1048576 /dev/zero >"$d/topics/nul.yaml"
measure "1 MB of NUL bytes" "$d"

d="$(base utf8)"
printf 'name: T\nactions: call {{ho:bil\xff\xfeling}}\n' >"$d/topics/t.yaml"
measure "invalid UTF-8 inside a reference" "$d"

d="$(base loop)"
ln -s "$d" "$d/topics/loop"
ln -s "$d/topics/self.yaml" "$d/topics/self.yaml"
measure "symlink loops" "$d"

d="$(base many)"
mkdir -p "$d/docs"
python3 - "$d" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(50_000):
    open(os.path.join(d, "topics", f"t{i:05}.yaml"), "w").close()
    open(os.path.join(d, "docs", f"n{i:05}.yaml"), "w").close()
PY
measure "100,000 empty files (50,000 topics)" "$d"
