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
