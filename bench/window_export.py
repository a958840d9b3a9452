"""Exporting every result of a common query from the real window, in each format.

    .venv/bin/python bench/window_export.py --archive CORPUS --index DIR [--query WORD]

Opens the real window (offscreen unless QT_QPA_PLATFORM says otherwise) on the
archive, with its index already built at DIR (linked, so nothing is rebuilt),
searches --query, and has File → Export write every result in each format, as the
window does it (off the GUI thread). For each format it prints the seconds from
asking to the status bar saying "Exported", the results the file holds (counted
in the file itself: rows, JSON items, RIS records, BibTeX entries) against the
query's total, and the longest the window's event loop went without running
(the window never freezes). The reference in the same process: the core writing
the same hits to a file without the window (ArchiveSearcher.search of every hit, then export.write_export).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from window_on_index import window_on_index  # noqa: E402

FORMATS = ("csv", "markdown", "csl-json", "ris", "bibtex")


def count_in_file(path: Path, fmt: str) -> int:
    """How many results the file holds, read from the file itself."""
    text = path.read_text("utf-8")
    if fmt == "csv":
        return len(list(csv.reader(text.splitlines()))) - 1
    if fmt == "markdown":
        return text.count("\n") - 2
    if fmt == "csl-json":
        return len(json.loads(text))
    if fmt == "ris":
        return text.count("TY  - NEWS")
    return sum(1 for line in text.splitlines() if line.startswith("@"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--query", default="government")
    args = parser.parse_args(argv)
    app, window = window_on_index(args.archive, args.index, "window-export")
    from newsfind.export import ExportRequest, write_export
    from newsfind.gui.stall import StallMeter
    from newsfind.search import ArchiveSearcher

    def wait_until(condition, timeout: float = 600.0) -> None:
        end = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.002)

    window.archiveSet.open(str(args.archive.resolve()))
    wait_until(lambda: not window.archiveSet.is_indexing(), timeout=3600.0)
    window.searchBar.field.setText(args.query)
    window.search_now()
    wanted = window.searchController.generation
    wait_until(lambda: window.searchController.generation == wanted and window.searchController.settled)
    total = window.model.total
    print(f"{args.archive.name}: {args.query!r} lists {total:,} results")
    out = Path(tempfile.mkdtemp(prefix="newsfind-export-"))
    sources = {root: window.settings.cite_source(root) for root in window.searchController.roots}
    with ArchiveSearcher(args.index) as searcher:  # the reference: the core alone, on this thread
        for fmt in FORMATS:
            target = out / f"all.{fmt}"
            window.statusBar().clearMessage()
            meter = StallMeter(parent=window)
            meter.start()
            started = time.perf_counter()
            window.exportFlow.export(str(target), fmt)
            wait_until(lambda: window.statusBar().currentMessage().startswith("Export")
                       and window.statusBar().currentMessage() != "Exporting…")
            seconds = time.perf_counter() - started
            longest = meter.stop()
            held = count_in_file(target, fmt)
            core = _timed(lambda: write_export(
                ExportRequest(searcher.search(args.query, page_size=max(1, total)).hits, str(out / f"core.{fmt}"),
                              fmt, sources=sources), lambda hit: searcher.article(hit.id)))
            print(f"  {fmt:9} window {seconds:6.2f} s, {held:,} of {total:,} in the file"
                  f" ({'all' if held == total else 'SHORT'}); event loop's longest gap {longest * 1000:4.0f} ms;"
                  f" core alone {core:6.2f} s; window/core {seconds / core:4.2f}")
    window.shutdown()
    return 0


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
