"""The reading pane on its own: text shown as text, matches marked, hits walked."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("pytestqt")

from newsfind.archive import Article  # noqa: E402
from newsfind.gui.reader import ReadingPane  # noqa: E402


def make_article(body: str) -> Article:
    return Article(id="a", path="a.txt", date=dt.date(2019, 8, 5), title="<b>Title</b>", body=body, size=len(body), mtime_ns=0)


def test_the_article_is_text_and_its_matches_are_marked(qtbot) -> None:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    body = "one 😀 lighthouse <b>two</b> lighthouse"
    matches = [(body.index("lighthouse"), body.index("lighthouse") + 10), (len(body) - 10, len(body))]
    counts = []
    pane.hitChanged.connect(lambda current, count: counts.append((current, count)))
    pane.show_article(make_article(body), matches, "/archives/x", "x")
    assert pane.view.toPlainText() == body and pane.title.text() == "<b>Title</b>"
    assert pane.meta.text().startswith("5 August 2019")
    assert pane.marked_spans() == matches
    pane.next_hit()
    pane.next_hit()  # wraps
    assert counts == [(1, 2), (2, 2), (1, 2)]
    pane.select_offsets(4, 5)
    assert pane.selection_offsets() == (4, 5)
    pane.show_message("No archive is open", "Open one")
    assert pane.article is None and pane.meta.text() == "Open one" and counts[-1] == (0, 0)


def test_find_in_the_article_marks_every_occurrence_counts_and_walks_them(qtbot) -> None:
    from PySide6.QtCore import Qt

    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.show()
    body = "Lighthouse one. The lighthouse 😀 two.\n\nA LIGHTHOUSE three, and a light."
    hit = (body.index("one"), body.index("one") + 3)
    pane.show_article(make_article(body), [hit])
    pane.open_find_bar()
    qtbot.keyClicks(pane.findBar.field, "lighthouse")
    starts = [n for n in range(len(body)) if body[n:n + 10].lower() == "lighthouse"]
    assert pane.found_spans() == [(start, start + 10) for start in starts]
    assert pane.marked_spans() == [hit]  # the query's marks stay apart
    # from where the reader stood (the query's first match): the next one on
    assert pane.findBar.status.text() == "2 of 3" and pane.selection_offsets() == (starts[1], starts[1] + 10)
    qtbot.keyClick(pane.findBar.field, Qt.Key_Return)
    assert pane.findBar.status.text() == "3 of 3"
    qtbot.keyClick(pane.findBar.field, Qt.Key_Return)  # wraps to the first
    assert pane.findBar.status.text() == "1 of 3" and pane.selection_offsets() == (starts[0], starts[0] + 10)
    qtbot.keyClick(pane.findBar.field, Qt.Key_Return, Qt.ShiftModifier)  # and back to the last
    assert pane.findBar.status.text() == "3 of 3"
    pane.show_article(make_article("no such word here"), [])  # another article: found again
    assert pane.found_spans() == [] and pane.findBar.status.text() == "not found"
    pane.show_article(make_article(body), [hit])
    assert pane.findBar.status.text() == "1 of 3" and len(pane.scrollBar.marks()[1]) == 3
    qtbot.keyClick(pane.findBar.field, Qt.Key_Escape)
    assert not pane.findBar.isVisible() and pane.found_spans() == [] and pane.scrollBar.marks()[1] == []
