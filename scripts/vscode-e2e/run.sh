#!/usr/bin/env bash
# The VS Code extension in a real VS Code: code-server on 127.0.0.1 with a throwaway user-data
# dir, the .vsix built from this tree (bundling the server) installed, a workspace folder holding
# a copy of examples/harbor-dental and lakeside-vet/ (a project without project.yaml) opened in
# headless Chromium. Checks (e2e.mjs; README.md lists them): the Problems counts equal `switchboard
# check`'s, each finding once; colours in a light and a dark theme; completion, hover, inlay
# hints, go to definition, quick fixes; no error toast; and, once the window is closed, no write
# by the extension to a closed output channel in the extension host's logs. Screenshots and logs
# are kept in target/vscode-e2e/.
#
#   scripts/vscode-e2e/run.sh              # debug build of the server
#   SWITCHBOARD_BIN=target/release/switchboard scripts/vscode-e2e/run.sh
#
# Installs what it needs first (install.sh; scripts/install-test-deps.sh editors).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
say() { printf '==> vscode-e2e: %s\n' "$*"; }
die() { printf 'error: vscode-e2e: %s\n' "$*" >&2; exit 1; }

# install.sh exits 3 when this machine cannot run the test and CI is not set: a loud skip.
irc=0
"$HERE/install.sh" || irc=$?
if ((irc == 3)); then
    printf '\n*** SKIPPED vscode-e2e: what it needs cannot be installed here (see above; under CI=true this fails) ***\n\n'
    exit 0
fi
((irc == 0)) || exit "$irc"
"$ROOT/scripts/install-test-deps.sh" editors

if [[ -z "${SWITCHBOARD_BIN:-}" ]]; then
    say "cargo build --bin switchboard"
    (cd "$ROOT" && cargo build --quiet --bin switchboard)
    SWITCHBOARD_BIN="$ROOT/target/debug/switchboard"
fi
bin="$(readlink -f "$SWITCHBOARD_BIN")"
[[ -x "$bin" ]] || die "$SWITCHBOARD_BIN is not an executable"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) target=linux-x64 ;;
    Linux-aarch64) target=linux-arm64 ;;
    *) die "no code-server run set up for $(uname -s)-$(uname -m)" ;; # install.sh said so first
esac
var="SWITCHBOARD_SERVER_BINARY_$(tr 'a-z-' 'A-Z_' <<<"$target")"
say "packaging the extension for $target"
(cd "$ROOT/editors/vscode" && env "$var=$bin" npm run --silent package:targets -- "$target" >/dev/null)
vsix="$ROOT/editors/vscode/dist/switchboard-$target.vsix"

RUN="$ROOT/target/vscode-e2e"
rm -rf "$RUN"
mkdir -p "$RUN/user/User" "$RUN/extensions" "$RUN/shots"
# One workspace folder holding two projects: the example, and a project without project.yaml
# (only config/, agent_settings/, topics/), found by its folders as `check` finds it.
ws="$RUN/workspace"
mkdir -p "$ws"
cp -R "$ROOT/examples/harbor-dental" "$ws/harbor-dental"
cp -R "$ROOT/editors/test-projects/lakeside-vet" "$ws/lakeside-vet"
cp -R "$ws" "$RUN/workspace-original"
cat >"$RUN/user/User/settings.json" <<'EOF'
{
  "workbench.colorTheme": "Default Light Modern",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  "git.openRepositoryInParentFolders": "never",
  "switchboard.trace.server": "verbose"
}
EOF
cs=(node "$HERE/node_modules/code-server/out/node/entry.js" --config "$RUN/config.yaml"
    --user-data-dir "$RUN/user" --extensions-dir "$RUN/extensions")
say "installing $(basename "$vsix")"
"${cs[@]}" --install-extension "$vsix" >"$RUN/install-extension.log" 2>&1 ||
    die "installing the extension failed: see $RUN/install-extension.log"

# What the Problems panel should show: check's findings, hints left out as VS Code does.
expected="$(cd "$ws" && { "$bin" check --format json . || true; } | node -e '
    const d = JSON.parse(require("fs").readFileSync(0, "utf8")).diagnostics;
    const e = { errors: 0, warnings: 0, infos: 0, files: {} };
    for (const x of d) {
        if (x.severity === "hint") continue;
        e[{ error: "errors", warning: "warnings", info: "infos" }[x.severity]]++;
        const f = x.file.replace(/^\.\//, "");
        e.files[f] = (e.files[f] ?? 0) + 1;
    }
    console.log(JSON.stringify(e));')"
say "switchboard check: $expected"
graph="$("$bin" graph "$ws/harbor-dental")"

port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
say "code-server on 127.0.0.1:$port"
setsid "${cs[@]}" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust "$ws" >"$RUN/code-server.log" 2>&1 &
pid=$!
stop() { kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 0.2
done
curl -s -o /dev/null "http://127.0.0.1:$port/healthz" || die "code-server did not start: see $RUN/code-server.log"

rc=0
(cd "$HERE" && E2E_URL="http://127.0.0.1:$port" E2E_WORKSPACE="$ws" E2E_EXPECTED="$expected" \
    E2E_OUT="$RUN/shots" E2E_ORIGINAL="$RUN/workspace-original" E2E_GRAPH="$graph" \
    node e2e.mjs) || rc=1

# The window is closed: the extension host deactivates the extension. No write may have gone to
# an output channel already disposed.
for _ in $(seq 1 60); do
    grep -rqs "Extension host terminating" "$RUN/user/logs" && break
    sleep 0.5
done
sleep 2
# Each `Channel has been closed` is put down to the extension whose files its stack runs
# through; only the extension's own (or a stack in no extension) fails.
ext_dir="$(ls -d "$RUN"/extensions/switchboard.switchboard-* | head -n1)"
node "$HERE/closed-channel.mjs" "$RUN/user/logs" "$ext_dir" || rc=1
# The client was stopped by `deactivate` while its trace channel was still open: the shutdown
# handshake is in that channel's log (the trace is on: settings.json above).
trace_log="$(find "$RUN/user/logs" -name '*-switchboard trace.log' | head -n1)"
if [[ -n "$trace_log" ]] && grep -q "Received response 'shutdown" "$trace_log" &&
    grep -q "Sending notification 'exit'" "$trace_log"; then
    echo "ok: deactivate stopped the client before its channels closed (shutdown answered, exit sent)"
else
    echo "FAIL: no shutdown handshake in the trace channel's log (${trace_log:-none})"
    rc=1
fi
grep -rqs "Extension host terminating" "$RUN/user/logs" &&
    echo "ok: the extension host shut down with the window" ||
    echo "note: the extension host had not shut down yet (the closed-channel check saw a live host)"
stop
trap - EXIT
say "screenshots and logs in $RUN"
exit "$rc"
