"""The window's memory with a large archive open, after a day's worth of searches.

    .venv/bin/python bench/window_memory.py --archive CORPUS --index DIR [--queries 50]

Opens the real window (offscreen unless QT_QPA_PLATFORM says otherwise) on the
archive, with its index already built at DIR (linked into a temporary data
folder, so nothing is rebuilt; the window still checks the archive, as on every
opening), then types --queries searches of assorted kinds one after the other,
each waited for until its list and its timeline are shown, and opens the first
hit of every fifth. It prints the resident size (VmRSS) of the window's process
after opening and after the searches (split into its own memory and pages of
mapped files), and its peak, against the target (≤ 300 MB at 100,000 articles);
and how long the opening took and each search until its list and timeline showed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import resident_mb  # noqa: E402
from window_on_index import window_on_index  # noqa: E402

TARGET_MB = 300.0
QUERIES = ["year", "state police", '"white house"', "goverment~", "immigra*", "trump -russia", "date:2017 refugees",
           "minister OR president", "climate change", "title:election"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args(argv)
    app, window = window_on_index(args.archive, args.index, "window-memory")

    def wait_until(condition, timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.005)

    started = time.perf_counter()
    window.archiveSet.open(str(args.archive.resolve()))
    wait_until(lambda: not window.archiveSet.is_indexing(), timeout=3600.0)
    checked = time.perf_counter() - started
    opened = resident_mb("VmRSS")
    waits = []
    for number in range(args.queries):
        window.searchBar.field.setText(QUERIES[number % len(QUERIES)] + ("" if number < len(QUERIES) else f" {number}"))
        started = time.perf_counter()
        window.search_now()
        wanted = window.searchController.generation
        wait_until(lambda: window.searchController.generation == wanted and window.searchController.settled)
        waits.append(time.perf_counter() - started)
        if number % 5 == 0 and window.model.rowCount():
            window.resultsView.setCurrentIndex(window.model.index(0))
            wait_until(lambda: window.reader.article is not None)
    searched, anonymous, mapped = resident_mb("VmRSS"), resident_mb("RssAnon"), resident_mb("RssFile")
    peak = resident_mb("VmHWM")
    print(f"window on {args.archive} ({window.model.rowCount()} hits listed last)")
    waits.sort()
    print(f"opening the archive (its files checked against the index): {checked:.1f} s; a search to its list "
          f"and timeline shown: median {waits[len(waits) // 2] * 1000:.0f} ms, slowest {waits[-1] * 1000:.0f} ms "
          f"({len(waits)} searches)")
    print(f"resident after opening: {opened:.0f} MB; after {args.queries} searches: {searched:.0f} MB "
          f"({anonymous:.0f} MB the process's own, {mapped:.0f} MB pages of mapped files: the index, "
          f"Qt's libraries; the system may drop those and read them again); peak: {peak:.0f} MB; "
          f"target ≤ {TARGET_MB:.0f} MB: {'met' if peak <= TARGET_MB else 'MISSED'}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
