#!/usr/bin/env python3
"""Screenshots of the desktop app at 1280×800, into screenshots/ (git-ignored).

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--dark] [--scale 2]

Runs itself under ``xvfb-run`` (a 1280×800 screen) when no display is set. Uses
a fresh data folder and settings file, so it shows a true first launch on the
bundled sample. --dark chooses View → Theme → Dark (files named dark-*.png): a
check that every colour the app sets is readable on a dark theme. --scale 2
runs at QT_SCALE_FACTOR=2 (files named x2-*.png), where the window opens at the
size it chooses for that screen rather than 1280×800.
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
    parser.add_argument("--dark", action="store_true", help="View → Theme → Dark")
    parser.add_argument("--scale", type=int, default=1, help="QT_SCALE_FACTOR")
    args = parser.parse_args()

    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen" \
            and not os.environ.get("NEWSFIND_UNDER_XVFB"):
        env = dict(os.environ, NEWSFIND_UNDER_XVFB="1")
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, *sys.argv]
        return subprocess.call(command, env=env)

    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    work = Path(tempfile.mkdtemp(prefix="newsfind-shots-"))
    os.environ["NEWSFIND_DATA_DIR"] = str(work / "data")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from newsfind.gui.app import MainWindow, make_app

    app = make_app([sys.argv[0]])
    settings = QSettings(str(work / "settings.ini"), QSettings.IniFormat)
    if args.dark:
        settings.setValue("view/theme", "dark")  # as View → Theme → Dark leaves it
    prefix = ("dark-" if args.dark else "") + (f"x{args.scale}-" if args.scale != 1 else "")

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
        path = out / f"{prefix}{name}.png"
        widget.grab().save(str(path))
        print(path)

    window = MainWindow(settings)  # first launch: opens the bundled sample
    if args.scale == 1:
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

    # A second query with the article still open: its own words marked, the count from the first.
    window.searchBar.field.setFocus()
    window.searchBar.field.selectAll()
    QTest.keyClicks(window.searchBar.field, "Mississippi")
    wait_until(lambda: window.searchController.settled and window.searchBar.text() == "Mississippi")
    wait_until(lambda: window.reader.article is not None)
    save(window, "4d-article-after-second-query")

    # More like this: a query of its own (in the field), the article kept beside its like.
    window.actionSet.actMoreLike.trigger()
    wait_until(lambda: window.searchController.settled and window.searchController.similar_to is not None)
    save(window, "4e-more-like-this")
    window.actionSet.actBack.trigger()  # (to the last list a query was committed for: Enter, or a result read)
    wait_until(lambda: window.searchController.settled and not window.searchBar.text().startswith("like:"))

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

    # Several results selected and their citations copied at once (issue #14); Preferences.
    window.settings.set_citation_preferences("apa", False, {window.archiveSet.archives[0]: "The Sample Times"})
    type_text("immigration")
    window.resultsView.setFocus()
    window.resultsView.select_row(0)
    for _ in range(2):
        QTest.keyClick(window.resultsView, Qt.Key_Down, Qt.ShiftModifier)
    window.actionSet.actCopyCitations.trigger()
    save(window, "10-several-results-cited")
    # Marks (issue #15): the article starred, reviewed and tagged; the list shows them.
    window.resultsView.select_row(1)
    wait_until(lambda: window.reader.article is not None)
    window.actionSet.actStar.trigger()
    window.actionSet.actReviewed.trigger()
    window.marksBar.tags.setText("follow-up, raids")
    window.marksBar.tags.editingFinished.emit()
    window.marksBar.note.setText("Ask the union for the 1905 figures")
    window.marksBar.note.editingFinished.emit()
    save(window, "12-marks")
    for row in (2, 3):  # a list half gone through: the status bar counts the reviewed
        window.resultsView.select_row(row)
        wait_until(lambda: window.reader.article is not None and window.reader.article.path == window.model.hits[row].path)
        window.actionSet.actReviewed.trigger()
    window.statusBar().clearMessage()  # (the status bar's own line: "83 results · 3 of 83 reviewed")
    save(window, "12b-half-reviewed")
    from newsfind.gui.dialogs import PreferencesDialog

    roots = window.archiveSet.archives
    preferences = PreferencesDialog(window.settings, {root: window.settings.publications.get(root, "") for root in roots},
                                    {root: True for root in roots}, window)
    preferences.show()
    save(preferences, "11-preferences")
    preferences.close()

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
        # Saved searches (issue #15): one saved, new articles indexed, "N new" beside it.
        from PySide6.QtWidgets import QInputDialog

        QInputDialog.getText = staticmethod(lambda *a, **k: ("Libraries in the archives", True))
        type_text("library OR bibliothek")
        window.actionSet.actSaveSearch.trigger()
        wait_until(lambda: window.savedPanel.count() > 0 and window.searchController.settled)
        for number in range(3):
            (copy / f"new_library_{number}.txt").write_text(
                f" date 2026-12-0{number + 1} New library opens in district {number}\n\nThe library opened.\n", "utf-8")
        window.actionSet.actRecheck.trigger()
        wait_until(lambda: "new" in window.savedPanel.item(0).text())
        save(window, "13-saved-search-new")
        window.savedFlow.open("Libraries in the archives")
        wait_until(lambda: window.searchController.settled and bool(window.model.new_places))
        save(window, "14-saved-search-opened")
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


if __name__ == "__main__":
    sys.exit(main())
