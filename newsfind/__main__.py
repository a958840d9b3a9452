"""`python -m newsfind`: the same as the `newsfind` command."""

import sys


def _run() -> int:
    """main(), and Ctrl-C while the program is still loading is an interruption too, not a traceback."""
    try:
        from newsfind.cli import main
    except KeyboardInterrupt:
        print("newsfind: interrupted", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    sys.exit(_run())
