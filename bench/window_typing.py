"""How long a user typing in the real window waits for the results.

    .venv/bin/python bench/window_typing.py --archive CORPUS --index DIR [--per-kind 9] [--pace 0.12]

Opens the real window (offscreen unless QT_QPA_PLATFORM says otherwise) on the
archive, with its index already built at DIR (linked into a temporary data
folder, so nothing is rebuilt), then types queries of each kind (bench/run.py's
query set from the corpus's own words) one key at a time, a key every --pace
seconds, into the search field with QTest, as a user would. For each query it
measures, from its last keystroke:
  - painted: until the results list has painted the rows of that query;
  - settled: until its timeline is shown too;
and, in the same run, the core's own time for that search (the first page with
its snippets, as the worker measured it) and the wait the status bar gave. It prints p50 / p95 per kind and over
all, against the target (p95 ≤ 100 ms at 20,000 articles, ≤ 150 ms at 100,000),
and what the status bar said for the last query.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import build_queries, pct  # noqa: E402
from window_on_index import window_on_index  # noqa: E402

KINDS = ("common", "rare", "and", "phrase", "prefix", "fuzzy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--per-kind", type=int, default=9)
    parser.add_argument("--pace", type=float, default=0.12, help="seconds between keystrokes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--copies-too", action="store_true",
                        help="type every query twice, with Collapse Copies on and off (alternated), and print both")
    args = parser.parse_args(argv)
    queries = [q for q in build_queries(str(args.archive), args.per_kind, args.seed) if q.kind in KINDS]
    app, window = window_on_index(args.archive, args.index, "window-typing")
    window.resize(1280, 800)
    typist = Typist(app, window, args.pace)
    window.archiveSet.open(str(args.archive.resolve()))
    typist.wait_until(lambda: bool(window.archiveSet.archives) and not window.archiveSet.is_indexing(), 3600.0)
    typist.wait_for_quiet()
    ways = (True, False) if args.copies_too else (window.settings.collapse_copies,)
    rows: dict[bool, list] = {way: [] for way in ways}
    for number, query in enumerate(queries):
        # Alternated query by query, and which goes first too: the first to type a query
        # reads its postings from disk, the second finds them in the page cache.
        for way in ways if number % 2 == 0 else ways[::-1]:
            window.actionSet.actCollapseCopies.setChecked(way)
            typist.wait_for_quiet()
            rows[way].append((query.kind, *typist.type_query(query.whoosh)))
    print(f"window on {args.archive}: {len(queries)} queries typed, a key every {args.pace * 1000:.0f} ms "
          f"(QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']})")
    for way in ways:
        print(f"\nCollapse Copies {'on (stories)' if way else 'off (articles)'}:")
        report(rows[way])
    print(f"status bar after the last query: “{window.status.resultsLabel.text()}”")
    window.close()
    return 0


class Typist:
    """Types into the real window and times what it shows."""

    def __init__(self, app, window, pace: float) -> None:
        from PySide6.QtCore import QEvent, QObject, QPoint

        self.app, self.window, self.pace = app, window, pace
        self.painted_at: float | None = None
        typist = self

        class PaintWatch(QObject):
            def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
                if event.type() == QEvent.Paint and typist.painted_at is None and typist.listed():
                    typist.paint_pending = True  # (timed once the paint is done, below)
                return False

        self._watch = PaintWatch()
        self.paint_pending = False
        window.resultsView.viewport().installEventFilter(self._watch)
        view = window.resultsView

        def painted() -> None:
            # A paint counts once it showed rows (the list lays them out a dozen at a time), or the empty list.
            if self.paint_pending and self.painted_at is None and (
                    view.model().rowCount() == 0 or view.indexAt(QPoint(1, 1)).isValid()):
                self.painted_at = time.perf_counter()
            self.paint_pending = False

        self._after_paint = painted
        self._wanted_text = ""

    def listed(self) -> bool:
        """The list shown is the answer to the whole query typed."""
        answer = self.window.searchController.last_answer
        return (answer is not None and answer.request.text == self._wanted_text
                and self.window.searchController.answered_generation == self.window.searchController.generation)

    def wait_until(self, condition, timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                c = self.window.searchController; raise SystemExit(f"timed out waiting for {condition.__code__.co_firstlineno}: typed {self._wanted_text!r} gen={c.generation} answered={c.answered_generation} chart={c._chart_pending}")
            self.app.processEvents()
            self._after_paint()
            time.sleep(0.001)

    def spin(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            self._after_paint()
            time.sleep(0.001)

    def wait_for_quiet(self) -> None:
        self.wait_until(lambda: self.window.searchController.settled)
        self.spin(0.3)

    def type_query(self, text: str) -> tuple[float, float, float, float]:
        """(painted, settled, core, what the status bar said) in ms, from the last keystroke."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        field = self.window.searchBar.field
        field.setFocus()
        QTest.keyClick(field, Qt.Key_Escape)  # clears the field (and the list)
        self.wait_for_quiet()
        self._wanted_text = text
        for n, char in enumerate(text):
            self.painted_at, self.paint_pending = None, False
            QTest.keyClicks(field, char)
            last_key = time.perf_counter()
            if n + 1 < len(text):
                self.spin(self.pace)
        self.wait_until(lambda: self.painted_at is not None)
        painted = self.painted_at - last_key
        self.wait_until(lambda: self.window.searchController.settled)
        settled = time.perf_counter() - last_key
        core = self.window.searchController.last_answer.page.seconds
        self.wait_until(lambda: self.window.searchController.waited is not None)
        said = self.window.searchController.waited
        self.spin(0.2)
        return painted * 1000, settled * 1000, core * 1000, said * 1000


def report(rows: list[tuple[str, float, float, float, float]]) -> None:
    print(f"{'kind':<8} {'n':>3}  {'painted p50/p95 ms':>20}  {'settled p50/p95 ms':>20}  {'core p50/p95 ms':>17}"
          f"  {'status bar p50/p95 ms':>22}")
    for kind in (*KINDS, "all"):
        chosen = [r for r in rows if kind in ("all", r[0])]
        if not chosen:
            continue
        cells = []
        for column in (1, 2, 3, 4):
            values = [r[column] for r in chosen]
            cells.append(f"{pct(values, 50):.0f} / {pct(values, 95):.0f}")
        print(f"{kind:<8} {len(chosen):>3}  {cells[0]:>20}  {cells[1]:>20}  {cells[2]:>17}  {cells[3]:>22}")


if __name__ == "__main__":
    sys.exit(main())
