"""Locate the switchboard binary that the switchboard-adk wheel installs.

The wheel puts the compiled `switchboard` executable in the environment's scripts folder (the
`bin/` beside `python`, or `Scripts\\` on Windows), where `pip`, `uv` and `pipx` put every console
command. This module adds nothing to the command: it only finds it, for `python -m switchboard_adk`
and for Python code that wants to run it::

    import subprocess
    from switchboard_adk import find_switchboard_bin

    subprocess.run([find_switchboard_bin(), "check", "path/to/project"])
"""

import os
import sys
import sysconfig

__all__ = ["find_switchboard_bin"]


def _user_scheme() -> str:
    if sys.version_info >= (3, 10):
        return sysconfig.get_preferred_scheme("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and getattr(sys, "_framework", None):
        return "osx_framework_user"
    return "posix_user"


def _candidates(exe: str):
    # The environment this Python runs in (a venv, a `uv tool` or `pipx` environment, the system).
    yield os.path.join(sysconfig.get_path("scripts"), exe)
    # `pip install --user`.
    yield os.path.join(sysconfig.get_path("scripts", scheme=_user_scheme()), exe)
    # `pip install --target DIR` puts the scripts in DIR/bin, beside this package; `pip install
    # --prefix DIR` puts them in DIR/bin and this package in DIR/lib/pythonX.Y/site-packages.
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.dirname(here)
    for _ in range(4):
        for scripts in ("bin", "Scripts"):
            yield os.path.join(folder, scripts, exe)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent


def find_switchboard_bin() -> str:
    """Return the path of the installed `switchboard` executable.

    Raises FileNotFoundError, naming the places looked in, when it is not installed beside this
    package.
    """
    exe = "switchboard" + (sysconfig.get_config_var("EXE") or "")
    seen = []
    for path in _candidates(exe):
        if path in seen:
            continue
        seen.append(path)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        "the switchboard executable is not installed beside the switchboard_adk package "
        "(looked for " + ", ".join(seen) + "); reinstall it with `pip install switchboard-adk`"
    )
