"""Screenshots of the timeline widget over the State of the Union addresses.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/timeline_screenshot.py

Indexes ../shared/corpus/sotu into a temporary folder and writes PNGs to
screenshots/ (git-ignored): light palette, a selected range, dark palette,
and a narrow widget.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOTU = ROOT.parent / "shared" / "corpus" / "sotu"
OUT = ROOT / "screenshots"


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    for role, colour in [
        (QPalette.Window, "#2b2b2b"), (QPalette.WindowText, "#e6e6e6"), (QPalette.Base, "#1e1e1e"),
        (QPalette.AlternateBase, "#333333"), (QPalette.Text, "#e6e6e6"), (QPalette.Button, "#353535"),
        (QPalette.ButtonText, "#e6e6e6"), (QPalette.Highlight, "#3d8ee0"), (QPalette.HighlightedText, "#ffffff"),
        (QPalette.ToolTipBase, "#353535"), (QPalette.ToolTipText, "#e6e6e6"), (QPalette.PlaceholderText, "#9a9a9a"),
    ]:
        pal.setColor(role, QColor(colour))
    return pal


def main() -> int:
    data = tempfile.TemporaryDirectory(prefix="newsfind-shot-")
    os.environ["NEWSFIND_DATA_DIR"] = data.name
    from PySide6.QtWidgets import QApplication

    from newsfind.gui.timeline_view import TimelineView, timeline_for
    from newsfind.index import update_index
    from newsfind.search import ArchiveSearcher
    from newsfind.timeline import build_timeline

    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    OUT.mkdir(exist_ok=True)
    index_dir = Path(data.name) / "sotu-index"
    update_index(SOTU, index_dir)
    searcher = ArchiveSearcher(index_dir)

    def shot(name: str, timeline, size=(1000, 110), select=None, palette=None) -> None:
        view = TimelineView()
        if palette is not None:
            view.setPalette(palette)
            view.setAutoFillBackground(True)
        view.setTimeline(timeline)
        view.resize(*size)
        view.show()
        if select is not None:
            view.activateWindow()
            view.setFocus()
            view.selectBuckets(*select)
        app.processEvents()
        path = OUT / f"timeline-{name}.png"
        view.grab().save(str(path))
        print(path, view.summaryText(), "|", view.selectionText(), "| labels:",
              ", ".join(text for _, text, _ in view.labels()))
        view.close()

    slavery = timeline_for([searcher], "slavery")
    railroad = timeline_for([searcher], "railroad")
    shot("slavery-light", slavery)
    mid = len(railroad.buckets) // 2
    shot("railroad-selected", railroad, select=(mid - 2, mid + 1))
    shot("slavery-dark", slavery, palette=dark_palette())
    shot("railroad-dark-selected", railroad, select=(mid - 2, mid + 1), palette=dark_palette())
    shot("war-year-400", timeline_for([searcher], "war", unit="year"), size=(400, 90))
    with_undated = build_timeline(Counter({**searcher.date_counts("tariff"), None: 12}), "year")
    shot("tariff-year-undated-1200", with_undated, size=(1200, 90))
    # Finer units, from made-up dates (the addresses are one a year).
    import datetime as dt
    months = Counter({dt.date(2012 + i // 12, i % 12 + 1, 10): (i * 7) % 11 for i in range(0, 100)})
    shot("synthetic-month-1000", build_timeline(+months), select=(30, 35))
    weeks = Counter({dt.date(2019, 5, 1) + dt.timedelta(days=i): i % 4 for i in range(0, 300, 2)})
    shot("synthetic-week-400", build_timeline(+weeks), size=(400, 90))
    days = Counter({dt.date(2019, 8, 1) + dt.timedelta(days=i): 1 + i % 5 for i in range(0, 20)})
    shot("synthetic-day-400", build_timeline(days), size=(400, 90), select=(3, 3))
    shot("empty", build_timeline(Counter({None: 3})), size=(600, 90))
    searcher.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
