#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) as a user gets it: a temporary git repository holds
# a small ADK project and a .pre-commit-config.yaml pointing at this checkout (`repo: <path>`,
# `rev: <HEAD>`: the committed tree is what is tested), pre-commit installs the hook from it
# (`pip install .`, which builds switchboard from source with maturin) and real `git commit`s run
# it: it passes on the clean project, fails on a planted mistake, and is skipped on a commit that
# touches only a README. A project in a subfolder (`args: [agents/bakery]`) is covered too, and so
# is the no-Rust recipe of docs/install.md (a `repo: local` hook installing the wheel).
#
#   tests/packaging/pre-commit.sh
#   SWITCHBOARD_PRECOMMIT_BUILD=cold tests/packaging/pre-commit.sh   # the build a user's machine does
#
# The source build is what takes time. By default (`warm`, on x86_64 Linux) pre-commit's
# `pip install .` still builds from the cloned source through maturin, but cargo finds the
# dependencies already compiled: its target folder is a hard-linked copy of this checkout's
# target/ after scripts/build-wheel.sh, and the build uses that script's flags (static, --target),
# passed through RUSTFLAGS and MATURIN_PEP517_ARGS. Only the switchboard crate itself is compiled.
# `cold` compiles everything in pre-commit's clone, as on a user's first install.
#
# Offline once the tools are there: maturin (for pip's build environment) and setuptools (for
# pre-commit's placeholder package of a local hook) are downloaded once into a wheelhouse, pip
# runs with --no-index, and cargo runs offline when every locked crate is in its cache.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
mkdir -p "$CACHE"
start="$(now)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="$(crate_version)"
host="$(rustc -vV | sed -n 's/^host: //p')"

if ! pcvenv="$(tool_venv pre-commit "pre-commit==$PRE_COMMIT_VERSION")"; then
    skip "pre-commit could not be installed from PyPI: the hook is not tested"
    finish
fi
pre_commit="$pcvenv/bin/pre-commit"
py="$pcvenv/bin/python"

# --- the hook file -----------------------------------------------------------------------------
check "the hook: id switchboard, entry 'switchboard check', language python, pass_filenames false, require_serial" \
    "$py" -c 'import sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(".pre-commit-hooks.yaml"))}
h = hooks["switchboard"]
sys.exit(not (h["entry"] == "switchboard check" and h["language"] == "python"
              and h["pass_filenames"] is False and h["require_serial"] is True and "files" in h))'
# `files` selects what switchboard reads (src/project.rs `classify`), at any depth.
check "files: matches every file switchboard reads, at any depth, and nothing else" "$py" - <<'EOF'
import re, sys, yaml
hook = {h["id"]: h for h in yaml.safe_load(open(".pre-commit-hooks.yaml"))}["switchboard"]
files = re.compile(hook["files"])
read = [
    "switchboard.toml", "project.yaml", "project.yml",
    "agent_settings/rules.txt", "agent_settings/persona.txt",
    "agent_settings/personality.yaml", "agent_settings/role.yml", "agent_settings/role.en.yaml",
    "config/handoffs.yaml", "config/handoffs.yml", "config/sms_templates.yaml",
    "config/variant_attributes.yaml", "config/entities.yaml", "config/translations.yaml",
    "topics/opening_hours.yaml", "topics/a b.yml",
    "flows/book/flow_config.yaml", "flows/book/steps/offer.yaml",
    "flows/book/functions/confirm.py", "flows/book/function_steps/check.py",
    "functions/lookup.py", "voice/configuration.yaml", "chat/configuration.yml",
    "agent_settings/guardrails.yaml", "agent_settings/languages.yaml",
    "agent_settings/safety_filters.yaml", "agent_settings/experimental_config.json",
    "config/mcp.yaml", "config/api_integrations.yaml",
    "child_topics/Canary Wharf/late_checkout.yaml", "test_suite/books_a_table.yaml",
    "voice/safety_filters.yaml", "chat/safety_filters.yaml",
    "voice/speech_recognition/asr_settings.yaml", "voice/speech_recognition/keyphrase_boosting.yaml",
    "speech_recognition/keyphrase_boosting.yaml", "voice/speech_recognition/transcript_corrections.yaml",
    "voice/response_control/pronunciations.yaml", "voice/response_control/phrase_filtering.yaml",
    "context/CONTEXT.MD", "context/Opening hours.md",
]
not_read = [
    "README.md", "EXPECTED.md", "rules.txt", "persona.txt", "lookup.py", "src/main.rs",
    "agent_settings/notes.txt", "agent_settings/other.yaml", "config/other.yaml",
    "config/handoffs.json", "topics/notes.md", "topics/sub/deep.yaml", "functions/sub/x.py",
    "functions/x.pyc", "flows/book/steps/x.py", "flows/book/other/x.yaml", "flows/flow_config.yaml",
    "voice/other.yaml", "project.yaml.bak", "xproject.yaml", "myfunctions/x.py",
    ".pre-commit-config.yaml", "test_suite/books_a_table.yml", "test_suite/sub/case.yaml",
    "child_topics/x.yaml", "context/notes.txt", "context/sub/x.md", "config/mcp.yml",
]
bad = [p for p in read if not files.search(p)]
bad += [p for p in ["agents/bakery/" + q for q in read] if not files.search(p)]
bad += ["(matched) " + p for p in not_read if files.search(p)]
bad += ["(matched) agents/bakery/" + p for p in not_read if files.search("agents/bakery/" + p)]
for p in bad:
    print("      " + p)
sys.exit(1 if bad else 0)
EOF
example_files="$(cd examples/harbor-dental && find . -type f ! -path './_gen/*' ! -name '*.md' | sed 's|^\./|examples/harbor-dental/|')"
check "files: matches every file of examples/harbor-dental but its READMEs and _gen/" \
    "$py" -c 'import re, sys, yaml
files = re.compile({h["id"]: h for h in yaml.safe_load(open(".pre-commit-hooks.yaml"))}["switchboard"]["files"])
missed = [p for p in sys.argv[1].split("\n") if not files.search(p)]
print("".join("      missed " + p + "\n" for p in missed), end="")
sys.exit(1 if missed else 0)' "$example_files"

# --- what pre-commit's install needs, offline ----------------------------------------------------
rev="$(git rev-parse HEAD)"
if ! git cat-file -e "HEAD:.pre-commit-hooks.yaml" 2>/dev/null || ! git cat-file -e "HEAD:pyproject.toml" 2>/dev/null; then
    bad "HEAD ($rev) has no .pre-commit-hooks.yaml or pyproject.toml: commit them to test the hook"
    finish
fi
dirty="$(git status --porcelain -- .pre-commit-hooks.yaml pyproject.toml python Cargo.toml Cargo.lock rust-toolchain.toml src)"
if [[ -n "$dirty" ]]; then
    note "the hook is tested at HEAD ($rev); these uncommitted changes are not in the test:"
    printf '%s\n' "$dirty" | sed 's/^/        /'
fi
wheelhouse="$CACHE/wheelhouse"
pipenv=(PIP_DISABLE_PIP_VERSION_CHECK=1)
if ls "$wheelhouse"/maturin-"$MATURIN_VERSION"-*.whl "$wheelhouse"/setuptools-*.whl >/dev/null 2>&1 ||
    "$py" -m pip download --quiet --disable-pip-version-check --only-binary=:all: -d "$wheelhouse" \
        "maturin==$MATURIN_VERSION" setuptools >"$work/download.log" 2>&1; then
    pipenv+=(PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheelhouse")
else
    note "maturin and setuptools could not be downloaded into $wheelhouse: pip uses the index"
    pipenv+=(PIP_FIND_LINKS=)
fi
cargoenv=()
if cargo fetch --locked --offline --quiet >/dev/null 2>&1; then
    cargoenv+=(CARGO_NET_OFFLINE=true)
else
    note "some locked crates are not in cargo's cache: the build fetches them"
fi

mode="${SWITCHBOARD_PRECOMMIT_BUILD:-warm}"
wheel=""
if wheel="$(build_wheel)" && [[ -f "$wheel" ]]; then
    :
else
    wheel=""
    note "no wheel (scripts/build-wheel.sh failed, log: $CACHE/build-wheel.log)"
fi
buildenv=()
# The seed sits beside target/ (hard links need one file system) and goes at the end.
seed="$CACHE/pre-commit-cargo-target"
rm -rf "$seed"
trap 'rm -rf "$work" "$seed"' EXIT
if [[ "$mode" == warm && "$host" == x86_64-unknown-linux-gnu && -n "$wheel" && -d "target/$host/release" ]] &&
    mkdir -p "$seed" && cp -al "target/$host" "$seed/" && { [[ ! -d target/release ]] || cp -al target/release "$seed/"; }; then
    buildenv=(CARGO_TARGET_DIR="$seed" RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static"
        MATURIN_PEP517_ARGS="--target $host --locked")
    note "build: warm (cargo reuses the dependencies compiled by scripts/build-wheel.sh)"
else
    [[ "$mode" == warm ]] && note "no compiled dependencies to reuse"
    mode=cold
    rm -rf "$seed"
    note "build: cold (pre-commit's clone compiles every crate)"
fi

# A git identity and no user or system configuration, in a folder of its own.
gitenv=(GIT_CONFIG_GLOBAL="$work/gitconfig" GIT_CONFIG_NOSYSTEM=1 PRE_COMMIT_HOME="$work/pre-commit-home"
    PRE_COMMIT_COLOR=never)
cat >"$work/gitconfig" <<'EOF'
[user]
	name = Packaging Test
	email = packaging-test@example.invalid
[init]
	defaultBranch = main
[commit]
	gpgsign = false
EOF
run() { env "${gitenv[@]}" "${pipenv[@]}" "${cargoenv[@]}" "${buildenv[@]}" "$@"; }

# --- a project at the repository root ------------------------------------------------------------
repo="$work/agent"
mkdir -p "$repo"
make_clean_project "$repo"
cat >"$repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $ROOT
    rev: $rev
    hooks:
      - id: switchboard
EOF
cd "$repo"
run git init --quiet .
run "$pre_commit" install >/dev/null
t0="$(now)"
run "$pre_commit" install-hooks >"$work/install.log" 2>&1
status=$?
install_time="$(elapsed "$t0")"
if check "pre-commit installs the hook from $ROOT at $rev ($mode build: $install_time s)" [ "$status" -eq 0 ]; then
    hookenv="$(ls -d "$work"/pre-commit-home/repo*/py_env-* 2>/dev/null | head -n 1)"
    check "the hook's environment runs switchboard $version" \
        [ "$("$hookenv/bin/switchboard" --version 2>&1)" == "switchboard $version" ]
else
    tail -n 25 "$work/install.log" | sed 's/^/      | /'
fi

run git add -A
run git commit --quiet -m "a clean project" >"$work/commit1.log" 2>&1
status=$?
check "git commit of the clean project: the hook passes (exit $status)" \
    bash -c '[ "$1" -eq 0 ] && grep -q "^switchboard check\.*Passed$" "$2"' _ "$status" "$work/commit1.log" ||
    sed 's/^/      | /' "$work/commit1.log" | tail -n 15

head_before="$(run git rev-parse HEAD)"
plant_mistake "$repo"
run git add topics/invoices.yaml
run git commit --quiet -m "a broken reference" >"$work/commit2.log" 2>&1
status=$?
check "git commit of {{ho:billing_tem}}: the hook fails and the commit is refused (exit $status)" \
    bash -c '[ "$1" -ne 0 ] && grep -q "^switchboard check\.*Failed$" "$2" && [ "$3" == "$(git rev-parse HEAD)" ]' \
    _ "$status" "$work/commit2.log" "$head_before" || sed 's/^/      | /' "$work/commit2.log" | tail -n 15
check "it names the mistake: SB201 unknown handoff \`billing_tem\` at topics/invoices.yaml:9:99" \
    bash -c 'grep -q "SB201" "$1" && grep -q "unknown handoff \`billing_tem\`" "$1" && grep -q "topics/invoices.yaml:9:99" "$1"' \
    _ "$work/commit2.log"

run git reset --quiet HEAD topics/invoices.yaml
run git checkout --quiet -- topics/invoices.yaml
echo "# Corner bakery phone line" >README.md
run git add README.md
run git commit --quiet -m "a README" >"$work/commit3.log" 2>&1
status=$?
check "git commit of only a README: the hook is skipped (exit $status)" \
    bash -c '[ "$1" -eq 0 ] && grep -q "^switchboard check\.*(no files to check)Skipped$" "$2"' _ "$status" "$work/commit3.log" ||
    sed 's/^/      | /' "$work/commit3.log" | tail -n 15
run "$pre_commit" run --all-files >"$work/all.log" 2>&1
status=$?
check "pre-commit run --all-files: passes (exit $status)" [ "$status" -eq 0 ] || sed 's/^/      | /' "$work/all.log"

# --- a project in a subfolder: args --------------------------------------------------------------
repo2="$work/agents-repo"
mkdir -p "$repo2/agents"
make_clean_project "$repo2/agents/bakery"
cat >"$repo2/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $ROOT
    rev: $rev
    hooks:
      - id: switchboard
        args: [agents/bakery]
EOF
cd "$repo2"
run git init --quiet .
run "$pre_commit" install >/dev/null
run git add -A
run git commit --quiet -m "a clean project in agents/bakery" >"$work/commit4.log" 2>&1
status=$?
check "args: [agents/bakery]: the clean project passes (exit $status)" \
    bash -c '[ "$1" -eq 0 ] && grep -q "^switchboard check\.*Passed$" "$2"' _ "$status" "$work/commit4.log" ||
    sed 's/^/      | /' "$work/commit4.log" | tail -n 15
plant_mistake "$repo2/agents/bakery"
run git add -A
run git commit --quiet -m "a broken reference" >"$work/commit5.log" 2>&1
status=$?
check "args: [agents/bakery]: agents/bakery/topics/invoices.yaml with the mistake fails (exit $status)" \
    bash -c '[ "$1" -ne 0 ] && grep -q "agents/bakery/topics/invoices.yaml:9:99" "$2"' _ "$status" "$work/commit5.log" ||
    sed 's/^/      | /' "$work/commit5.log" | tail -n 15

# --- the no-Rust recipe: a local hook installing the wheel -------------------------------------
if [[ -n "$wheel" ]]; then
    repo3="$work/local-hook"
    mkdir -p "$repo3"
    make_clean_project "$repo3"
    plant_mistake "$repo3"
    # The recipe of docs/install.md as written there (its version set to this checkout's); its
    # `files` must be the hook's.
    "$py" - "$repo3/.pre-commit-config.yaml" "$version" "$ROOT" <<'EOF' >"$work/recipe.log" 2>&1
import re, sys, yaml
out, version, root = sys.argv[1:]
doc = open(root + "/docs/install.md", encoding="utf-8").read()
blocks = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "repo: local" in b]
if not blocks:
    sys.exit("no ```yaml block with `repo: local` in docs/install.md")
recipe = yaml.safe_load(blocks[0])
hook = recipe["repos"][0]["hooks"][0]
published = {h["id"]: h for h in yaml.safe_load(open(root + "/.pre-commit-hooks.yaml"))}["switchboard"]
if hook["files"] != published["files"]:
    sys.exit("the recipe's files differs from .pre-commit-hooks.yaml's")
hook["additional_dependencies"] = [
    re.sub(r"==.*", "==" + version, d) if d.startswith("switchboard-adk") else d
    for d in hook["additional_dependencies"]
]
with open(out, "w") as f:
    yaml.safe_dump(recipe, f, sort_keys=False)
EOF
    check "docs/install.md's local-hook recipe parses and has the hook's files" [ "$?" -eq 0 ] ||
        sed 's/^/      | /' "$work/recipe.log"
    cd "$repo3"
    run git init --quiet .
    t0="$(now)"
    env "${gitenv[@]}" PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1 \
        PIP_FIND_LINKS="$(dirname "$wheel") $wheelhouse" "$pre_commit" install-hooks >"$work/install3.log" 2>&1
    status=$?
    check "repo: local + additional_dependencies [switchboard-adk==$version]: installs the wheel, no build ($(elapsed "$t0") s)" \
        [ "$status" -eq 0 ] || tail -n 15 "$work/install3.log" | sed 's/^/      | /'
    run git add -A
    env "${gitenv[@]}" "$pre_commit" run >"$work/run3.log" 2>&1
    status=$?
    check "the local hook fails on the planted mistake (exit $status)" \
        bash -c '[ "$1" -ne 0 ] && grep -q "unknown handoff \`billing_tem\`" "$2"' _ "$status" "$work/run3.log" ||
        sed 's/^/      | /' "$work/run3.log" | tail -n 15
else
    bad "no wheel: the local-hook recipe is not tested"
fi

cd "$ROOT"
note "pre-commit.sh took $(elapsed "$start") s (hook install: $install_time s, $mode build)"
finish
