"""The timeline widget over a real index: bars select exactly their hits."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QHelpEvent, QPalette  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QToolTip  # noqa: E402

from newsfind.gui.timeline_view import TimelineView  # noqa: E402
from newsfind.index import update_index  # noqa: E402
from newsfind.search import ArchiveSearcher  # noqa: E402
from newsfind.timeline import Bucket, Timeline, build_timeline, timeline_for  # noqa: E402
from tests.corpora import SOTU  # noqa: E402

D = dt.date
pytestmark = pytest.mark.usefixtures("clean_clipboard")


@pytest.fixture(scope="module")
def sotu_searcher(tmp_path_factory: pytest.TempPathFactory, data_dir: Path):
    index_dir = tmp_path_factory.mktemp("sotu-timeline-index")
    update_index(SOTU, index_dir)
    with ArchiveSearcher(index_dir) as searcher:
        yield searcher


def make_view(qtbot, timeline: Timeline | None, width: int = 800, height: int = 90) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.set_timeline(timeline)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


def centre(view: TimelineView, index: int) -> QPoint:
    return view.bar_rect(index).center().toPoint()


def hits_in(searcher: ArchiveSearcher, query: str, start: dt.date, end: dt.date) -> int:
    return searcher.search(query, date_from=start, date_to=end, page_size=1, snippets=False).total


def test_timeline_for_sums_archives(sotu_searcher) -> None:
    one = timeline_for([sotu_searcher], "slavery")
    two = timeline_for([sotu_searcher, sotu_searcher], "slavery")
    assert one.dated == sotu_searcher.search("slavery", page_size=1).total > 0
    assert two.unit == one.unit and [b.count for b in two.buckets] == [2 * b.count for b in one.buckets]
    narrowed = timeline_for([sotu_searcher], "slavery", "1850", "1869")
    assert narrowed.dated == hits_in(sotu_searcher, "slavery", D(1850, 1, 1), D(1869, 12, 31))


def test_click_each_bar_selects_exactly_its_hits(qtbot, sotu_searcher) -> None:
    timeline = timeline_for([sotu_searcher], "slavery")
    view = make_view(qtbot, timeline)
    assert view.bar_count() == len(timeline.buckets) > 5
    for index, bucket in enumerate(timeline.buckets):
        with qtbot.waitSignal(view.periodSelected, timeout=1000) as blocker:
            QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, centre(view, index))
        assert blocker.args == [bucket.start, bucket.end]
        assert view.selected_range() == (bucket.start, bucket.end)
        assert hits_in(sotu_searcher, "slavery", *blocker.args) == bucket.count
    assert sum(hits_in(sotu_searcher, "slavery", b.start, b.end) for b in timeline.buckets) == timeline.dated


def test_drag_across_bars_selects_the_range(qtbot, sotu_searcher) -> None:
    timeline = timeline_for([sotu_searcher], "railroad")
    view = make_view(qtbot, timeline)
    first, last = 2, 6
    with qtbot.waitSignal(view.periodSelected, timeout=1000) as blocker:
        QTest.mousePress(view, Qt.LeftButton, Qt.NoModifier, centre(view, first))
        for index in range(first + 1, last + 1):
            QTest.mouseMove(view, centre(view, index))
        QTest.mouseRelease(view, Qt.LeftButton, Qt.NoModifier, centre(view, last))
    start, end = timeline.buckets[first].start, timeline.buckets[last].end
    assert blocker.args == [start, end] and view.selected_range() == (start, end)
    expected = sum(b.count for b in timeline.buckets[first:last + 1])
    assert hits_in(sotu_searcher, "railroad", start, end) == expected
    assert f"{expected} articles" in view.selection_text()

    # Dragging right to left gives the same range, from first to last bar touched.
    with qtbot.waitSignal(view.periodSelected, timeout=1000) as blocker:
        QTest.mousePress(view, Qt.LeftButton, Qt.NoModifier, centre(view, last))
        QTest.mouseMove(view, centre(view, last - 1))
        QTest.mouseMove(view, centre(view, first))
        QTest.mouseRelease(view, Qt.LeftButton, Qt.NoModifier, centre(view, first))
    assert blocker.args == [start, end]


def test_esc_button_and_empty_space_clear(qtbot, sotu_searcher) -> None:
    view = make_view(qtbot, timeline_for([sotu_searcher], "slavery"))
    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, centre(view, 3))
    assert view.selected_range() is not None
    view.setFocus()
    with qtbot.waitSignal(view.selectionCleared, timeout=1000):
        QTest.keyClick(view, Qt.Key_Escape)
    assert view.selected_range() is None and view.selection_text() == ""

    # Esc with nothing selected is left to the parent (a dialog may close on it).
    with qtbot.assertNotEmitted(view.selectionCleared):
        QTest.keyClick(view, Qt.Key_Escape)

    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, centre(view, 3))
    button = view._clear_button
    assert button.isVisible()
    with qtbot.waitSignal(view.selectionCleared, timeout=1000):
        QTest.mouseClick(button, Qt.LeftButton)
    assert view.selected_range() is None and not button.isVisible()

    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, centre(view, 3))
    with qtbot.waitSignal(view.selectionCleared, timeout=1000):
        QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, QPoint(view.width() // 3, 3))  # the caption row
    assert view.selected_range() is None


def test_keyboard_moves_and_extends(qtbot, sotu_searcher) -> None:
    timeline = timeline_for([sotu_searcher], "railroad")
    buckets = timeline.buckets
    view = make_view(qtbot, timeline)
    view.setFocus()
    assert view.focusPolicy() & Qt.TabFocus
    with qtbot.waitSignal(view.periodSelected, timeout=1000) as blocker:
        QTest.keyClick(view, Qt.Key_Right)  # nothing selected: the first bar
    assert blocker.args == [buckets[0].start, buckets[0].end]
    QTest.keyClick(view, Qt.Key_Right)
    assert view.selected_range() == (buckets[1].start, buckets[1].end)
    QTest.keyClick(view, Qt.Key_Right, Qt.ShiftModifier)
    QTest.keyClick(view, Qt.Key_Right, Qt.ShiftModifier)
    assert view.selected_range() == (buckets[1].start, buckets[3].end)
    QTest.keyClick(view, Qt.Key_Left, Qt.ShiftModifier)
    assert view.selected_range() == (buckets[1].start, buckets[2].end)
    QTest.keyClick(view, Qt.Key_Left)  # without Shift: one bar again, moved
    assert view.selected_range() == (buckets[1].start, buckets[1].end)
    QTest.keyClick(view, Qt.Key_Left)
    QTest.keyClick(view, Qt.Key_Left)  # stays at the first bar
    assert view.selected_range() == (buckets[0].start, buckets[0].end)
    QTest.keyClick(view, Qt.Key_End)
    assert view.selected_range() == (buckets[-1].start, buckets[-1].end)


def test_tooltips(qtbot, sotu_searcher) -> None:
    timeline = timeline_for([sotu_searcher], "slavery")
    view = make_view(qtbot, timeline)
    index = max(range(len(timeline.buckets)), key=lambda i: timeline.buckets[i].count)
    bucket = timeline.buckets[index]
    y = bucket.start.year
    assert view.tooltip_for_bar(index) == f"{y}s ({y}–{y + 9}): {bucket.count} articles"
    pos = centre(view, index)
    view.event(QHelpEvent(QEvent.ToolTip, pos, view.mapToGlobal(pos)))
    assert QToolTip.text() == view.tooltip_for_bar(index)
    QToolTip.hideText()

    # The wording per unit: a week gives its dates, singular for one article.
    cases = [
        (Bucket(D(2019, 8, 5), D(2019, 8, 11), 1), "week", "5–11 Aug 2019: 1 article"),
        (Bucket(D(2019, 7, 29), D(2019, 8, 4), 3), "week", "29 Jul – 4 Aug 2019: 3 articles"),
        (Bucket(D(2019, 12, 30), D(2020, 1, 5), 3), "week", "30 Dec 2019 – 5 Jan 2020: 3 articles"),
        (Bucket(D(2019, 8, 1), D(2019, 8, 31), 14), "month", "Aug 2019: 14 articles"),
        (Bucket(D(2019, 8, 8), D(2019, 8, 8), 2), "day", "8 Aug 2019: 2 articles"),
        (Bucket(D(2019, 1, 1), D(2019, 12, 31), 0), "year", "2019: 0 articles"),
    ]
    for bucket, unit, text in cases:
        view.set_timeline(Timeline(unit, (bucket,), 0))
        assert view.tooltip_for_bar(0) == text


def test_undated_and_placeholder_text(qtbot, sotu_searcher) -> None:
    counts = sotu_searcher.date_counts("slavery")
    counts[None] = 12
    timeline = build_timeline(counts)
    view = make_view(qtbot, timeline)
    assert view.summary_text() == f"{timeline.dated:,} dated matches by decade · 12 undated"
    assert "12 undated" in view.accessibleDescription()

    view.set_timeline(build_timeline(Counter({None: 3})))
    assert view.summary_text() == "No dated matches · 3 undated"
    assert view.bar_count() == 0 and view.labels() == [] and view.selected_range() is None
    view.set_timeline(None)
    assert view.summary_text() == "No dated matches"
    view.set_timeline(build_timeline(Counter({D(2019, 8, 8): 1})))
    assert view.summary_text().startswith("1 dated match by ")
    QTest.keyClick(view, Qt.Key_Right)  # nothing to select, nothing breaks
    view.grab()


def test_new_timeline_keeps_or_drops_the_selection(qtbot, sotu_searcher) -> None:
    slavery = timeline_for([sotu_searcher], "slavery")
    view = make_view(qtbot, slavery)
    index = next(i for i, b in enumerate(slavery.buckets) if b.start.year == 1850)
    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, centre(view, index))
    selected = view.selected_range()
    with qtbot.assertNotEmitted(view.selectionCleared):
        view.set_timeline(timeline_for([sotu_searcher], "railroad"))  # also has the 1850s
    assert view.selected_range() == selected
    with qtbot.waitSignal(view.selectionCleared, timeout=1000):
        view.set_timeline(build_timeline(Counter({D(2001, 5, 1): 1, D(2001, 6, 1): 2})))
    assert view.selected_range() is None


def synthetic(unit: str) -> Timeline:
    """About the most bars a unit gets (build_timeline caps them at 120)."""
    if unit == "day":
        days = [D(2019, 6, 1) + dt.timedelta(days=i) for i in range(0, 119, 3)]
    elif unit == "week":
        days = [D(2018, 1, 3) + dt.timedelta(days=i) for i in range(0, 7 * 110, 5)]
    elif unit == "month":
        days = [D(2010 + i // 12, i % 12 + 1, 15) for i in range(0, 119, 2)]
    elif unit == "year":
        days = [D(1900 + i, 3, 1) for i in range(0, 119, 2)]
    else:
        days = [D(1000 + 10 * i, 1, 1) for i in range(0, 119, 3)]
    timeline = build_timeline(Counter({day: 1 + i % 7 for i, day in enumerate(days)}))
    assert timeline.unit == unit and len(timeline.buckets) > 100
    return timeline


@pytest.mark.parametrize("width", [400, 1200])
@pytest.mark.parametrize("unit", ["day", "week", "month", "year", "decade"])
def test_labels_never_overlap(qtbot, unit: str, width: int) -> None:
    view = make_view(qtbot, synthetic(unit), width=width)
    labels = view.labels()
    assert len(labels) >= 3, [text for _, text, _ in labels]
    for (_, a, ra), (_, b, rb) in itertools.combinations(labels, 2):
        assert not ra.intersects(rb), (a, b)
    for _, text, rect in labels:
        assert 0 <= rect.left() and rect.right() <= width and rect.bottom() <= view.height(), text
        assert view.fontMetrics().horizontalAdvance(text) <= rect.width() + 1, text


@pytest.mark.parametrize("width", [400, 1200])
def test_sotu_labels_fit(qtbot, sotu_searcher, width: int) -> None:
    for query in ("slavery", "railroad", "war"):
        view = make_view(qtbot, timeline_for([sotu_searcher], query), width=width)
        rects = view.label_rects()
        assert rects and all(not a.intersects(b) for a, b in itertools.combinations(rects, 2))
        view.close()


def test_few_buckets_and_sizes(qtbot) -> None:
    view = make_view(qtbot, build_timeline(Counter({D(2019, 8, 8): 4})), width=400)
    assert [text for _, text, _ in view.labels()] == ["8 Aug"]
    assert view.bar_rect(0).width() <= view.MAX_BAR
    hint, small = view.sizeHint(), view.minimumSizeHint()
    assert 60 <= hint.height() <= 100 and small.height() <= hint.height() and small.width() <= 150
    assert view.bar_at(QPointF(1, 50)) is None  # the padding is empty space


def test_follows_the_palette(qtbot, sotu_searcher) -> None:
    view = make_view(qtbot, timeline_for([sotu_searcher], "slavery"))
    index = max(range(view.bar_count()), key=lambda i: view.timeline().buckets[i].count)
    point = view.bar_rect(index).center().toPoint()

    def colour_at() -> QColor:
        return view.grab().toImage().pixelColor(point * view.devicePixelRatioF())

    light = colour_at()
    dark = QPalette(view.palette())
    dark.setColor(QPalette.Window, QColor("#202020"))
    dark.setColor(QPalette.WindowText, QColor("#f0f0f0"))
    dark.setColor(QPalette.Highlight, QColor("#3d8ee0"))
    view.setPalette(dark)
    bar = colour_at()
    assert bar != light and bar.lightness() > QColor("#202020").lightness() + 80
    QTest.mouseClick(view, Qt.LeftButton, Qt.NoModifier, point)
    assert colour_at() == QColor("#3d8ee0")
