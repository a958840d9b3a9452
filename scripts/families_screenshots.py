#!/usr/bin/env python3
"""Screenshots of wire-copy families in the window at 1280×800, into screenshots/ (git-ignored):
the collapsed list ("+ N copies", "articles in stories"), a story's copies listed,
and two copies compared, in the light and the dark theme.

    .venv/bin/python scripts/families_screenshots.py [--out screenshots] [--query said]

Runs itself under ``xvfb-run`` when no display is set, over a fresh archive of
real articles and edited copies of a few of them (tests/wire_archive.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _wait(app, done, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.02)


def _settle(app, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _show_at_top(app, window, row: int) -> None:
    """The list scrolled to put this row at the top (once its rows are laid out)."""
    from PySide6.QtWidgets import QAbstractItemView

    _settle(app)
    window.resultsView.scrollTo(window.model.index(row), QAbstractItemView.PositionAtTop)
    _settle(app)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "screenshots"))
    parser.add_argument("--query", default="said")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("NEWSFIND_UNDER_XVFB"):
        env = dict(os.environ, NEWSFIND_UNDER_XVFB="1")
        return subprocess.call(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, *sys.argv], env=env)

    work = Path(tempfile.mkdtemp(prefix="newsfind-families-"))
    os.environ["NEWSFIND_DATA_DIR"] = str(work / "data")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings

    from newsfind.gui.app import MainWindow, make_app
    from tests.wire_archive import make_wire_archive

    wire = make_wire_archive(work / "wire-agency", originals=40)
    app = make_app([sys.argv[0]])
    window = MainWindow(QSettings(str(work / "settings.ini"), QSettings.IniFormat), open_default=False)
    window.resize(1280, 800)
    window.show()
    window.archiveSet.open(str(wire.root))
    _wait(app, lambda: not window.archiveSet.is_indexing())
    window.searchBar.field.setText(args.query)
    window.search_now()
    _wait(app, lambda: window.searchController.settled and window.model.rowCount() > 0)
    story = max(range(window.model.rowCount()), key=lambda row: window.model.hits[row].copies)
    window.resultsView.select_row(story)
    _show_at_top(app, window, story)
    window.grab().save(str(out / "families-collapsed.png"))

    window.resultsView.show_copies(story)
    _wait(app, lambda: window.model.story_of(story + 1) is not None)
    window.resultsView.select_row(story + 2)
    _show_at_top(app, window, story)
    window.grab().save(str(out / "families-expanded.png"))

    window.actionSet.actCompareCopies.trigger()
    _wait(app, lambda: window.reader.composed)
    _settle(app)
    window.grab().save(str(out / "families-compare.png"))

    window.theme.choose("dark")
    window.reader.composedLeft.emit()  # (the comparison is made again in the dark theme's colours)
    window.actionSet.actCompareCopies.trigger()
    _wait(app, lambda: window.reader.composed)
    _settle(app)
    window.grab().save(str(out / "dark-families-compare.png"))
    print("\n".join(str(out / name) for name in ("families-collapsed.png", "families-expanded.png",
                                                 "families-compare.png", "dark-families-compare.png")))
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
