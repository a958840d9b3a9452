"""Entry script of the packaged app (PyInstaller): the same as the `newsfind` command.

With no arguments it opens the window; with a command (`search`, `index`, …) it is
the command line; `--self-test` checks the bundle. `newsfind.cli.main` calls
`multiprocessing.freeze_support()` first, as a frozen app needs.
"""

import sys

from newsfind.cli import main

if __name__ == "__main__":
    sys.exit(main())
