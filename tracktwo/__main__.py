"""``python -m tracktwo``: the course's commands without make (tracktwo/cli.py)."""

import sys

if __name__ == "__main__":  # not when a tool walks the package's modules
    if sys.version_info < (3, 7):  # noqa: UP036 - cli.py's syntax needs 3.7; from there it says what the course needs
        sys.exit(
            "Track Two needs Python 3.11 or newer as '{}': install it, or run it with another Python.".format(sys.executable)  # noqa: UP032
        )
    from tracktwo.cli import main

    sys.exit(main())
