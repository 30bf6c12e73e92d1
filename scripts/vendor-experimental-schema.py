#!/usr/bin/env python3
"""Write src/project/build/experimental_config_schema.yaml from the schema an installed
polyai-adk ships (poly/resources/experimental_config_schema.yaml): the same data, rewritten in
block style (no flow collections), so that switchboard's block-YAML loader reads it in one pass
instead of falling back to the event parser (BENCHMARKS.md: the fallback cost about 12 M
instructions, a fifth of a check of a real project with an experimental config).

    /path/to/venv/bin/python scripts/vendor-experimental-schema.py

Run it with the interpreter of a venv that has polyai-adk (and so ruamel.yaml) installed, such
as the one scripts/official-validator/install.sh makes.
"""

import io
import os
import sys

import poly.resources
from ruamel.yaml import YAML

SRC = os.path.join(os.path.dirname(poly.resources.__file__), "experimental_config_schema.yaml")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "project", "build",
                   "experimental_config_schema.yaml")


def version():
    from importlib.metadata import version as v
    return v("polyai-adk")


def block_style(node):
    """Drop the flow style ruamel keeps from the source, all the way down."""
    fa = getattr(node, "fa", None)
    if fa is not None:
        fa.set_block_style()
    if isinstance(node, dict):
        for v in node.values():
            block_style(v)
    elif isinstance(node, list):
        for v in node:
            block_style(v)


def main():
    yaml = YAML()  # round trip: keeps key order and comments
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    with open(SRC, encoding="utf-8") as f:
        data = yaml.load(f)
    block_style(data)
    buf = io.StringIO()
    yaml.dump(data, buf)
    header = (
        f"# The schema of agent_settings/experimental_config.json, from polyai-adk {version()}\n"
        "# (poly/resources/experimental_config_schema.yaml, Apache License 2.0, Copyright PolyAI\n"
        "# Limited): the same data, rewritten in block style by\n"
        "# scripts/vendor-experimental-schema.py. switchboard validates the file against its\n"
        "# `additional_features` schema, as the ADK does (src/project/build/json_schema.rs).\n"
    )
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + buf.getvalue())
    print(f"wrote {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
