"""The results list on its own: pages appended, more asked for once, snippets drawn."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("pytestqt")

from newsfind.gui.results import ResultsModel, ResultsView, snippet_html  # noqa: E402
from newsfind.search import Hit  # noqa: E402


def hit(n: int, archive: str = "/archives/a") -> Hit:
    return Hit(id=str(n), path=f"{n}.txt", title=f"Title {n}", date=dt.date(2019, 1, 1), score=1.0,
               snippet="a <mark>word</mark> &amp; more", matches=[], archive=archive)


def test_pages_are_appended_and_the_next_one_asked_for_once(qtbot) -> None:
    model = ResultsModel()
    view = ResultsView(model)
    qtbot.addWidget(view)
    wanted = []
    model.moreWanted.connect(lambda: wanted.append(1))
    model.set_hits([hit(1), hit(2)], 4, True)
    model.fetchMore()
    model.fetchMore()  # already asked
    assert wanted == [1]
    model.stop_fetching()  # the page will not come: it may be asked for again
    assert model.canFetchMore()
    model.append_hits([hit(3), hit(4)], False)
    assert model.rowCount() == 4 and not model.canFetchMore()
    assert model.row_of("/archives/a", "3") == 2
    view.focus_results()
    assert view.current_hit() == model.hits[0]


def test_snippet_marks_are_drawn_and_the_rest_stays_escaped() -> None:
    html = snippet_html("a <mark>word</mark> &amp; more")
    assert "<mark>" not in html and "background-color" in html and "&amp;" in html
