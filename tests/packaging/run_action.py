"""Run a composite action's steps locally, as a GitHub runner would (for tests/packaging/action.sh).

    python run_action.py ACTION_YML [--input NAME=VALUE]... [--outputs FILE]

The caller sets the runner's environment (GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP,
GITHUB_STEP_SUMMARY, ...). Composite actions get no INPUT_* variables: the runner substitutes
`${{ inputs.NAME }}` (and other expressions) into each step's `run` and `env` before it runs,
and so does this script, for the expressions it knows; any other expression, and any step key it
does not implement (`uses`, `if`, `continue-on-error`, ...), is an error, so that the action keeps
to what this test covers.

Each step runs as `bash --noprofile --norc -eo pipefail FILE` (GitHub's `shell: bash`) in
GITHUB_WORKSPACE, with its own GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH files, read back after the
step as the runner does: outputs for `steps.ID.outputs.NAME`, environment and PATH for the
following steps. The first step that fails ends the run; this script then exits with that step's
exit code (0 when every step passed), after writing the action's outputs as JSON to --outputs.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STEP_KEYS = {"id", "name", "shell", "run", "env"}


def parse_file_commands(path):
    """Parse a GITHUB_OUTPUT / GITHUB_ENV file: `NAME=VALUE` lines and `NAME<<DELIM` blocks."""
    values = {}
    if not os.path.exists(path):
        return values
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            body = []
            while i < len(lines) and lines[i] != delim:
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise SystemExit(f"run_action: unterminated {name}<<{delim} in {path}")
            i += 1
            values[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        else:
            raise SystemExit(f"run_action: malformed line in {path}: {line!r}")
    return values


class Context:
    def __init__(self, inputs, env):
        self.inputs = inputs
        self.env = env
        self.steps = {}

    def evaluate(self, expr):
        m = re.fullmatch(r"inputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            if m.group(1) not in self.inputs:
                raise SystemExit(f"run_action: unknown input in ${{{{ {expr} }}}}")
            return self.inputs[m.group(1)]
        m = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expr)
        if m:
            # A missing step or output is the empty string, as on GitHub.
            return self.steps.get(m.group(1), {}).get(m.group(2), "")
        known = {
            "github.action_path": "GITHUB_ACTION_PATH",
            "github.workspace": "GITHUB_WORKSPACE",
            "runner.temp": "RUNNER_TEMP",
        }
        if expr in known:
            return self.env[known[expr]]
        raise SystemExit(f"run_action: expression not supported here: ${{{{ {expr} }}}}")

    def substitute(self, text):
        return EXPR.sub(lambda m: self.evaluate(m.group(1)), str(text))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action")
    parser.add_argument("--input", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--outputs", metavar="FILE")
    opts = parser.parse_args()

    with open(opts.action, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    if action.get("runs", {}).get("using") != "composite":
        raise SystemExit("run_action: not a composite action")

    env = dict(os.environ)
    for name in ("GITHUB_WORKSPACE", "GITHUB_ACTION_PATH", "RUNNER_TEMP"):
        if name not in env:
            raise SystemExit(f"run_action: {name} must be set")

    # Inputs: the defaults (which may hold expressions), then the given values.
    declared = action.get("inputs") or {}
    given = {}
    for item in opts.input:
        name, sep, value = item.partition("=")
        if not sep:
            raise SystemExit(f"run_action: --input takes NAME=VALUE, not {item!r}")
        if name not in declared:
            raise SystemExit(f"run_action: the action has no input {name!r}")
        given[name] = value
    ctx = Context({}, env)
    for name, spec in declared.items():
        if name in given:
            ctx.inputs[name] = given[name]
        else:
            default = (spec or {}).get("default", "")
            ctx.inputs[name] = ctx.substitute("" if default is None else default)
        if (spec or {}).get("required") and name not in given and not ctx.inputs[name]:
            raise SystemExit(f"run_action: input {name!r} is required")

    status = 0
    tmp = tempfile.mkdtemp(prefix="run-action-")
    for n, step in enumerate(action["runs"]["steps"]):
        unknown = set(step) - STEP_KEYS
        if unknown:
            raise SystemExit(f"run_action: step {n} uses {sorted(unknown)}, which this test does not run")
        if step.get("shell") != "bash":
            raise SystemExit(f"run_action: step {n} must have shell: bash")
        files = {k: os.path.join(tmp, f"{n}-{k}") for k in ("output", "env", "path", "script")}
        for k in ("output", "env", "path"):
            open(files[k], "w").close()
        with open(files["script"], "w", encoding="utf-8") as f:
            f.write(ctx.substitute(step["run"]))
        step_env = dict(env)
        for k, v in (step.get("env") or {}).items():
            step_env[k] = ctx.substitute("" if v is None else v)
        step_env["GITHUB_OUTPUT"] = files["output"]
        step_env["GITHUB_ENV"] = files["env"]
        step_env["GITHUB_PATH"] = files["path"]
        label = step.get("name") or step.get("id") or f"step {n}"
        print(f"##[run_action] {label}", flush=True)
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", files["script"]],
            env=step_env,
            cwd=env["GITHUB_WORKSPACE"],
        )
        if "id" in step:
            ctx.steps[step["id"]] = parse_file_commands(files["output"])
        env.update(parse_file_commands(files["env"]))
        with open(files["path"], encoding="utf-8") as f:
            added = [line for line in f.read().split("\n") if line]
        # Each added folder goes in front, the last added first (as the runner does).
        for folder in added:
            env["PATH"] = folder + os.pathsep + env.get("PATH", "")
        # A record of what the step added to PATH, for the test.
        with open(os.path.join(env["RUNNER_TEMP"], "run-action-path.txt"), "a", encoding="utf-8") as f:
            for folder in added:
                f.write(folder + "\n")
        if proc.returncode != 0:
            status = proc.returncode
            break

    if opts.outputs:
        outputs = {}
        for name, spec in (action.get("outputs") or {}).items():
            outputs[name] = ctx.substitute((spec or {}).get("value", ""))
        with open(opts.outputs, "w", encoding="utf-8") as f:
            json.dump(outputs, f, indent=2)
    sys.exit(status)


if __name__ == "__main__":
    main()
