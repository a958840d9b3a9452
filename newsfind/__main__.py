"""`python -m newsfind`: the same as the `newsfind` command."""

import sys

from newsfind.cli import main

if __name__ == "__main__":
    sys.exit(main())
