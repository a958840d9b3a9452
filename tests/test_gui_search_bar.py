"""The search bar and the date filter on their own (no window, no index)."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from newsfind.gui.date_filter import DateFilter  # noqa: E402
from newsfind.gui.search_bar import SearchBar  # noqa: E402
from newsfind.timeline import build_timeline  # noqa: E402


@pytest.fixture
def bar(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    dates = DateFilter(parent)
    bar = SearchBar(dates, "newest", ["older", "old"], parent)
    bar.debounce.setInterval(10)
    parent.show()
    yield bar, dates  # (the parent lives until the test ends)


def test_typing_asks_to_search_and_says_at_once_that_the_search_running_is_stale(qtbot, bar) -> None:
    bar, _ = bar
    typing, requests = [], []
    bar.typing.connect(lambda: typing.append(1))
    bar.searchRequested.connect(lambda: requests.append(bar.text()))
    qtbot.keyClicks(bar.field, "union")
    assert len(typing) == 5
    qtbot.waitUntil(lambda: requests == ["union"], timeout=2000)
    assert bar.sort() == "newest"  # as given, without a signal


def test_return_remembers_and_up_down_walk_the_history(qtbot, bar) -> None:
    bar, _ = bar
    bar.field.setText("budget")
    with qtbot.waitSignal(bar.searchRequested):
        qtbot.keyClick(bar.field, Qt.Key_Return)
    assert bar.history() == ["budget", "older", "old"]
    bar.field.setText("typed")
    qtbot.keyClick(bar.field, Qt.Key_Up)
    qtbot.keyClick(bar.field, Qt.Key_Up)
    assert bar.field.text() == "older"
    qtbot.keyClick(bar.field, Qt.Key_Down)
    qtbot.keyClick(bar.field, Qt.Key_Down)
    assert bar.field.text() == "typed"
    with qtbot.waitSignal(bar.toResults):
        qtbot.keyClick(bar.field, Qt.Key_Down)


def test_errors_and_suggestions_show_under_the_field(qtbot, bar) -> None:
    bar, _ = bar
    bar.show_error("a quotation mark is missing")
    assert bar.error_text() == "A quotation mark is missing" and bar.suggestion() is None
    bar.show_suggestion("<immigration>")
    assert bar.error_text() == "" and bar.suggestion() == "<immigration>"
    assert "&lt;immigration&gt;" in bar.suggestionLabel.text()
    with qtbot.waitSignal(bar.searchRequested):
        bar.suggestionLabel.linkActivated.emit("suggestion")
    assert bar.field.text() == "<immigration>"
    bar.hide_message()
    assert not bar.messageRow.isVisible()
    bar.show_suggestion("immigration")  # from the keyboard: Ctrl+Enter in the field
    with qtbot.waitSignal(bar.searchRequested):
        qtbot.keyClick(bar.field, Qt.Key_Return, Qt.ControlModifier)
    assert bar.field.text() == "immigration"


def test_a_message_goes_at_the_first_key_of_a_new_query_and_never_moves_what_is_below(qtbot, bar) -> None:
    bar, _ = bar
    height = bar.sizeHint().height()
    bar.show_suggestion("immigration")
    assert bar.sizeHint().height() == height  # its line was kept for it
    qtbot.keyClicks(bar.field, "x")
    assert bar.suggestion() is None and not bar.messageRow.isVisible()
    bar.show_error("a quotation mark is missing")
    qtbot.keyClick(bar.field, Qt.Key_Backspace)
    assert bar.error_text() == ""


def test_sort_chosen_says_so(qtbot, bar) -> None:
    bar, _ = bar
    with qtbot.waitSignal(bar.sortChanged) as blocker:
        bar.set_sort("oldest")
    assert blocker.args == ["oldest"]


def test_the_date_filter_has_one_owner(qtbot, bar) -> None:
    _, dates = bar
    changes = []
    dates.changed.connect(lambda: changes.append(dates.bounds()))
    days = [dt.date(2019, 8, d) for d in (1, 1, 5, 9)]
    dates.show_timeline(build_timeline(days, "day"))
    dates.timeline.select_buckets(0, 4)  # a period picked: the fields follow, one change
    assert changes == [("2019-08-01", "2019-08-05")]
    qtbot.keyClicks(dates.toField, "0")  # typed by hand: the period goes, the fields stay
    assert dates.timeline.selected_range() is None and len(changes) == 1
    dates.apply()
    assert changes[-1] == ("2019-08-01", "2019-08-050")
    dates.timeline.select_buckets(1)
    dates.timeline.clear_selection()  # the period cleared: so are the fields
    assert changes[-1] == (None, None) and len(changes) == 4, changes
    dates.fromField.setText("2019")
    dates.hide_timeline()  # no query: no timeline, the typed dates stay and nothing is searched
    assert dates.bounds() == ("2019", None) and len(changes) == 4


def test_an_error_in_a_query_being_typed_waits_for_a_pause_one_entered_shows_at_once(qtbot, bar) -> None:
    bar, _ = bar
    qtbot.keyClicks(bar.field, '"climate')
    bar.show_error("a phrase needs its closing quote")
    assert bar.error_text() == ""  # the quote may be coming: no flash at every key
    qtbot.keyClicks(bar.field, " change")
    bar.show_error("a phrase needs its closing quote")
    qtbot.waitUntil(lambda: bar.error_text() == "A phrase needs its closing quote", timeout=3000)
    qtbot.keyClick(bar.field, Qt.Key_Return)
    bar.show_error("a phrase needs its closing quote")  # entered: explained at once
    assert bar.error_text() == "A phrase needs its closing quote"


def test_each_keystroke_searches_at_once_and_says_when_it_was_typed(qtbot, bar) -> None:
    import time

    from newsfind.gui.search_bar import DEBOUNCE_MS

    bar, _ = bar
    assert DEBOUNCE_MS == 0
    before = time.perf_counter()
    qtbot.keyClicks(bar.field, "u")
    asked_at = bar.take_asked_at()
    assert asked_at is not None and before <= asked_at <= time.perf_counter()
    assert bar.take_asked_at() is None  # taken once: a later search by date or sort is timed from its own start


def test_the_sort_and_dates_go_under_the_field_when_the_bar_is_narrow(qtbot, bar) -> None:
    bar, _ = bar
    bar.resize(1200, bar.height())
    qtbot.waitUntil(lambda: bar.topRow.indexOf(bar.options) >= 0)
    bar.layout().activate()
    top = bar.field.mapTo(bar, bar.field.rect().topLeft()).y()
    assert bar.options.mapTo(bar, bar.options.rect().topLeft()).y() <= top + 4  # one line
    bar.resize(bar.minimumSizeHint().width(), bar.height())
    qtbot.waitUntil(lambda: bar.optionsRow.indexOf(bar.options) >= 0)
    bar.layout().activate()
    assert bar.minimumSizeHint().width() < 640  # a 1280-pixel screen at scale 2
    assert bar.options.geometry().top() >= bar.field.geometry().bottom()  # a line of its own
    assert bar.field.width() >= 200 and bar.options.geometry().right() <= bar.width()
