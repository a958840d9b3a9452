#!/usr/bin/env python3
"""Screenshots of the desktop app at 1280×800, into screenshots/ (git-ignored).

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--dark]

Runs itself under ``xvfb-run`` when no display is set. Uses a fresh data folder
and settings file, so it shows a true first launch on the bundled sample.
--dark uses the Fusion style with a dark palette (files named dark-*.png): a check
that every colour the app sets is readable on a dark theme.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "screenshots"))
    parser.add_argument("--nasty", default=str(REPO.parent / "shared" / "corpus" / "nasty"),
                        help="an archive with problem files, for the indexing report")
    parser.add_argument("--dark", action="store_true", help="Fusion style with a dark palette")
    args = parser.parse_args()

    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen" \
            and not os.environ.get("NEWSFIND_UNDER_XVFB"):
        env = dict(os.environ, NEWSFIND_UNDER_XVFB="1")
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, *sys.argv]
        return subprocess.call(command, env=env)

    work = Path(tempfile.mkdtemp(prefix="newsfind-shots-"))
    os.environ["NEWSFIND_DATA_DIR"] = str(work / "data")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from newsfind.gui.app import MainWindow, make_app

    app = make_app([sys.argv[0]])
    if args.dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    settings = QSettings(str(work / "settings.ini"), QSettings.IniFormat)

    def pump(seconds: float = 0.2) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    def wait_until(condition, timeout: float = 60.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents()
            if condition():
                return True
            time.sleep(0.01)
        print("timed out waiting", file=sys.stderr)
        return False

    def type_text(text: str) -> None:
        window.searchBar.field.setFocus()
        window.searchBar.field.setText(text)  # (QTest.keyClicks aborts on non-ASCII)
        window.search_now()
        wanted = window.searchController.generation
        wait_until(lambda: window.searchController.generation == wanted and window.searchController.settled)

    def save(widget, name: str) -> None:
        pump(0.3)
        path = out / f"{'dark-' if args.dark else ''}{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow(settings)  # first launch: opens the bundled sample
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    pump(0.15)
    save(window, "1-first-launch")
    wait_until(lambda: window.status.progressBar.maximum() > 1, 10)
    save(window, "2-indexing-progress")
    window.searchBar.field.setFocus()
    QTest.keyClicks(window.searchBar.field, "immigration")
    wait_until(lambda: window.model.rowCount() > 0)
    wait_until(lambda: not window.archiveSet.is_indexing())
    pump(0.5)
    save(window, "3-search-results")

    row = next((n for n, hit in enumerate(window.model.hits) if hit.path.startswith("000_")), 0)
    window.resultsView.setCurrentIndex(window.model.index(row))
    wait_until(lambda: window.reader.article is not None)
    window.reader.view.setFocus()
    window.actionSet.actNextHit.trigger()
    window.actionSet.actNextHit.trigger()
    save(window, "4-article-with-hits")

    # Find in the article (Ctrl+F): every occurrence marked, counted, ticked on the scroll bar.
    window.actionSet.actFind.trigger()
    QTest.keyClicks(window.reader.findBar.field, "the")
    save(window, "4a-find-in-article")
    QTest.keyClick(window.reader.findBar.field, Qt.Key_Escape)

    # The timeline above the results (issue 6), one period picked: the list is filtered to it.
    type_text("slavery")
    wait_until(lambda: window.dateFilter.timeline.bar_count() > 0)
    view = window.dateFilter.timeline
    buckets = view.timeline().buckets
    best = max(range(len(buckets)), key=lambda n: buckets[n].count)
    generation = window.searchController.generation
    QTest.mouseClick(view, Qt.LeftButton, pos=view.bar_rect(best).center().toPoint())
    wait_until(lambda: window.searchController.generation > generation and window.searchController.settled)
    pump(0.5)
    save(window, "4b-timeline-period")
    view.clear_selection()
    wait_until(lambda: window.searchController.settled)

    # Dates typed by hand: the timeline still counts every date, and says what the dates list.
    window.dateFilter.fromField.setText("1850")
    window.dateFilter.toField.setText("1869")
    window.dateFilter.apply()
    wait_until(lambda: window.searchController.settled and view.selection_text() != "")
    save(window, "4c-dates-typed")
    window.dateFilter.fromField.clear()
    window.dateFilter.toField.clear()
    wait_until(lambda: window.searchController.settled)

    window.searchBar.field.setFocus()
    window.searchBar.field.selectAll()
    QTest.keyClicks(window.searchBar.field, '"border security')
    wait_until(lambda: bool(window.searchBar.error_text()))
    save(window, "5-query-error")

    window.searchBar.field.selectAll()
    QTest.keyClicks(window.searchBar.field, "imigration")
    wait_until(lambda: window.searchBar.suggestion() is not None)
    save(window, "6-did-you-mean")

    nasty = Path(args.nasty)
    if nasty.is_dir():
        copy = work / "nasty"
        shutil.copytree(nasty, copy, symlinks=True)
        links = nasty.parent / "nasty-links.tsv"
        if links.exists():
            for line in links.read_text("utf-8").splitlines():
                link, target = line.split("\t")
                os.symlink(target, copy / link)
        window.archiveSet.open(str(copy))
        wait_until(lambda: not window.archiveSet.is_indexing())
        type_text("library OR Zürich OR bericht")
        wait_until(lambda: window.model.rowCount() > 0)
        pump(0.5)
        save(window, "7-two-archives")
        window.show_report()
        dialog = window.reportDialog
        pump(0.3)
        save(dialog, "8-indexing-report")
        dialog.close()
        ar = next((n for n, hit in enumerate(window.model.hits) if hit.path == "ar_article.txt"), None)
        if ar is None:
            type_text("مكتبة")
            wait_until(lambda: window.model.rowCount() > 0)
            ar = 0
        window.resultsView.setCurrentIndex(window.model.index(ar))
        wait_until(lambda: window.reader.article is not None)
        save(window, "9-right-to-left")

    window.close()
    window.deleteLater()
    pump(0.2)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def dark_palette():
    """A dark palette like the ones desktop themes give Qt apps."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = {
        QPalette.Window: "#2b2b2b", QPalette.WindowText: "#e6e6e6", QPalette.Base: "#1e1e1e",
        QPalette.AlternateBase: "#262626", QPalette.ToolTipBase: "#3a3a3a", QPalette.ToolTipText: "#e6e6e6",
        QPalette.PlaceholderText: "#9a9a9a", QPalette.Text: "#e6e6e6", QPalette.Button: "#353535",
        QPalette.ButtonText: "#e6e6e6", QPalette.BrightText: "#ff6b6b", QPalette.Light: "#4a4a4a",
        QPalette.Midlight: "#3c3c3c", QPalette.Mid: "#2f2f2f", QPalette.Dark: "#1a1a1a",
        QPalette.Shadow: "#000000", QPalette.Highlight: "#2f65ca", QPalette.HighlightedText: "#ffffff",
        QPalette.Link: "#6cb4ff", QPalette.LinkVisited: "#c38fff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor("#7a7a7a"))
    return palette


if __name__ == "__main__":
    sys.exit(main())
