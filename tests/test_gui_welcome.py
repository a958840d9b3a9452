"""Before any search the results area welcomes: example searches to click (or reach
with Tab and press), and the whole search syntax."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402

from newsfind.query_help import SYNTAX  # noqa: E402
from newsfind.resources import sample_archive  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")


def settled(window) -> bool:
    return window.searchController.settled and window.searchController.last_answer is not None


def test_the_welcome_shows_examples_and_every_line_of_the_syntax(qtbot, make_window):
    window = make_window(sample_archive())
    welcome = window.welcome
    assert window.resultsStack.currentWidget() is welcome and welcome.isVisible()
    assert [b.text() for b in welcome.exampleButtons] == welcome.examples() and len(welcome.examples()) >= 4
    assert "search sample" in welcome.intro.text()
    document = QTextDocument()
    document.setHtml(welcome.syntax.text())
    shown = " ".join(document.toPlainText().split())
    for example, meaning in SYNTAX:
        assert example in shown and " ".join(meaning.split()) in shown


def test_each_example_finds_articles_in_the_sample_when_clicked(qtbot, make_window):
    window = make_window(sample_archive())
    for button in window.welcome.exampleButtons:
        window.searchBar.run_query("")
        qtbot.waitUntil(lambda: window.resultsStack.currentWidget() is window.welcome, timeout=5000)
        qtbot.mouseClick(button, Qt.LeftButton)
        qtbot.waitUntil(lambda: settled(window), timeout=10000)
        assert window.searchBar.text() == button.text()
        assert window.resultsStack.currentWidget() is window.resultsView
        assert window.model.rowCount() > 0, button.text()


def test_the_examples_are_reached_with_tab_and_run_with_space(qtbot, make_window):
    window = make_window(sample_archive())
    first = window.welcome.exampleButtons[0]
    widget, chain = window.searchBar.field, []
    while widget is not first and len(chain) < 100:
        widget = widget.nextInFocusChain()
        chain.append(widget)
    assert widget is first and first.focusPolicy() & Qt.TabFocus
    first.setFocus()
    qtbot.keyClick(first, Qt.Key_Space)
    qtbot.waitUntil(lambda: settled(window), timeout=10000)
    assert window.searchBar.text() == first.text() and window.model.rowCount() > 0


def test_with_no_archive_open_the_list_says_how_to_open_one(qtbot, make_window):
    window = make_window()
    assert window.resultsStack.currentWidget() is window.resultsView
    assert "No archive is open" in window.resultsView.placeholder
