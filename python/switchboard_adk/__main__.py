"""`python -m switchboard_adk ARGS...` runs the installed switchboard executable with ARGS.

Its exit code is switchboard's own (0 clean, 1 findings, 2 usage or I/O error).
"""

import os
import sys

from switchboard_adk import find_switchboard_bin


def main() -> int:
    try:
        switchboard = os.fsdecode(find_switchboard_bin())
    except FileNotFoundError as err:
        print("error: " + str(err), file=sys.stderr)
        return 2
    argv = [switchboard, *sys.argv[1:]]
    if sys.platform == "win32":
        # Windows has no exec: run it as a child and pass its exit code on.
        import subprocess

        try:
            return subprocess.run(argv).returncode
        except KeyboardInterrupt:
            return 130
    os.execv(switchboard, argv)
    return 2  # not reached


if __name__ == "__main__":
    sys.exit(main())
