"""Run the official ADK validator on many projects in one Python process.

Run with the interpreter of the venv that install.sh built (it imports the `poly` package).
Reads one project folder per line on stdin and writes one JSON object per line on stdout:

    {"path": DIR, "exit": 0 | 1, "output": {...}, "seconds": 0.41}

where `output` is exactly what `poly validate --json --path DIR` prints and `exit` its exit status:
the command's own code is called (`ValidateCommand.validate_project`), with the same handling of a
load failure as the CLI's command runner (`{"success": false, "error": str(e), ...}`, exit 1).
A fresh Python process costs about a second per project before any validation starts; one worker
reused for many projects pays it once. The projects are rewritten on load, as with the CLI.
"""

import contextlib
import io
import json
import logging
import os
import sys
import time
import traceback


def unloadable_yaml(root):
    """Relative paths of the project's YAML files that the ADK's YAML loader rejects."""
    from poly.resources.resource_utils import load_yaml

    bad = []
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            full = os.path.join(folder, name)
            try:
                with open(full, encoding="utf-8") as fh:
                    load_yaml(fh.read())
            except Exception:  # noqa: BLE001 - any failure to load counts
                bad.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return sorted(bad)


def main():
    os.environ.setdefault("POLY_NO_UPDATE_CHECK", "1")
    logging.basicConfig(level=logging.WARNING)  # what the CLI sets up for a command without --debug
    logging.disable(logging.WARNING)  # the migrations' warnings would only flood stderr
    from poly.cli_commands.sync import ValidateCommand
    from poly.resources import resource as resource_module

    out = sys.stdout
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        started = time.perf_counter()
        buf = io.StringIO()
        code = 0
        try:
            with contextlib.redirect_stdout(buf):
                ValidateCommand.validate_project(path, True)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:  # noqa: BLE001 - mirrors AgentStudioCLI._run_command
            buf = io.StringIO()
            json.dump({"success": False, "error": str(e), "traceback": traceback.format_exc()}, buf)
            code = 1
        finally:
            # per-thread cache of multi-resource YAML files, keyed by absolute path: drop it so a
            # long run does not keep every project in memory
            resource_module._thread_file_cache.entries.clear()
        text = buf.getvalue()
        try:
            output = json.loads(text) if text.strip() else {}
        except ValueError:
            output = {"success": False, "error": "unparsable output: " + text[:500]}
        record = {"path": path, "exit": code, "output": output,
                  "seconds": round(time.perf_counter() - started, 4)}
        if output.get("success") is False:
            # ruamel's messages name no file ('in "<unicode string>", line 3'): say which files
            # the ADK's own loader cannot read, so the caller can attribute the error
            record["unloadable_yaml"] = unloadable_yaml(path)
        out.write(json.dumps(record) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
