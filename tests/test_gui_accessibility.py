"""What screen readers and keyboard users get (issue #13), through Qt's own
accessibility interfaces (what Qt hands to AT-SPI, UIA or NSAccessibility)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QPalette  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget  # noqa: E402

from newsfind.snippets import snippet_text  # noqa: E402
from tests.gui_steps import search  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")


def accessible(widget: QWidget):
    return QAccessible.queryAccessibleInterface(widget)


def show_result(qtbot, window, row: int) -> None:
    window.resultsView.setFocus()
    window.resultsView.select_row(row)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == window.model.hits[row].id)


def controls(window) -> list[QWidget]:
    """Every widget of the window a user works: what takes the keyboard focus, and every button."""
    found = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or isinstance(widget, QLabel):
            continue  # popups are named by their menus; a label's name is its text
        if widget.objectName() == "qt_menubar_ext_button":
            continue  # Qt's "»" of a menu bar too narrow for its menus (the menus are the way in)
        if widget.focusPolicy() & Qt.TabFocus or isinstance(widget, QAbstractButton):
            found.append(widget)
    return found


def current_value(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return ""


def test_every_control_has_a_name_and_a_description_and_no_name_is_just_its_value(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "union")
    show_result(qtbot, window, 0)
    window.reader.open_find_bar()
    window.reader.findBar.field.setText("the")
    window.dateFilter.toField.setText("1999")
    window.searchBar.set_sort("newest")
    unnamed, undescribed, named_by_value = [], [], []
    for widget in controls(window):
        iface = accessible(widget)
        name, described = iface.text(QAccessible.Name), iface.text(QAccessible.Description)
        label = f"{type(widget).__name__} {widget.objectName()!r} {name!r}"
        if not name.strip():
            unnamed.append(label)
        elif current_value(widget) and name == current_value(widget):
            named_by_value.append(label)
        if not described.strip() and widget.isVisibleTo(window):
            undescribed.append(label)
    assert not unnamed
    assert not named_by_value
    assert not undescribed
    assert len(controls(window)) > 20


def test_the_sort_box_is_named_for_what_it_does_and_gives_the_order_as_its_value(qtbot, make_window):
    window = make_window()
    iface = accessible(window.searchBar.sortBox)
    assert iface.role() == QAccessible.ComboBox
    assert (iface.text(QAccessible.Name), iface.text(QAccessible.Value)) == ("Sort results by", "Best match")
    window.searchBar.set_sort("oldest")
    assert (iface.text(QAccessible.Name), iface.text(QAccessible.Value)) == ("Sort results by", "Oldest first")
    choices = iface.child(0)
    assert [choices.child(n).text(QAccessible.Name) for n in range(choices.childCount())] == \
        ["Best match", "Newest first", "Oldest first"]
    # A screen reader can open the list of orders, as with Qt's own combo box.
    actions = iface.actionInterface()
    assert QAccessibleActionInterface.showMenuAction() in actions.actionNames()
    actions.doAction(QAccessibleActionInterface.showMenuAction())
    qtbot.waitUntil(lambda: window.searchBar.sortBox.view().isVisible())
    window.searchBar.sortBox.hidePopup()


def test_each_result_is_said_as_title_date_file_and_snippet_in_plain_text(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigration")
    row = next(n for n, hit in enumerate(window.model.hits) if hit.title.startswith("Immigration officials"))
    hit = window.model.hits[row]
    index = window.model.index(row)
    assert index.data(Qt.AccessibleTextRole) == f"{hit.title}, 8 August 2019, {hit.path}"
    described = index.data(Qt.AccessibleDescriptionRole)
    assert described == snippet_text(hit.snippet)
    assert "immigra" in described.lower() and "<mark>" not in described and "&" not in described
    # The list's own interface hands the same text on, item by item.
    item = accessible(window.resultsView).child(row)
    assert item.text(QAccessible.Name) == index.data(Qt.AccessibleTextRole)
    assert item.text(QAccessible.Description) == described


def test_a_new_list_announces_how_many_articles_it_holds(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    with qtbot.waitSignal(window.resultsView.announced, timeout=10000) as said:
        search(qtbot, window, "union")
    assert said.args == [f"{window.model.total} articles"]
    assert window.model.total > window.model.rowCount() or window.model.total == window.model.rowCount() > 1


def test_moving_between_hits_announces_where_the_reader_is(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigration")
    row = next(n for n, hit in enumerate(window.model.hits) if len(hit.matches) > 2)
    count = len(window.model.hits[row].matches)
    with qtbot.waitSignal(window.readerBar.announced) as said:
        show_result(qtbot, window, row)
    assert said.args == [f"hit 1 of {count}"]
    with qtbot.waitSignal(window.readerBar.announced) as said:
        window.actionSet.actNextHit.trigger()
    assert said.args == [f"hit 2 of {count}"]
    assert accessible(window.readerBar.hitCounter).text(QAccessible.Description) == f"hit 2 of {count}"


def test_find_in_the_article_announces_the_occurrence_shown(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigration")
    show_result(qtbot, window, 0)
    window.reader.open_find_bar()
    bar = window.reader.findBar
    with qtbot.waitSignal(bar.announced) as said:
        bar.field.setText("the")
    assert said.args[0].startswith("1 of ")
    with qtbot.waitSignal(bar.announced) as said:
        qtbot.keyClick(bar.field, Qt.Key_Return)
    assert said.args[0].startswith("2 of ")


def test_the_timeline_is_walked_bar_by_bar_with_the_arrow_keys_and_each_bar_is_said(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "union")
    timeline = window.dateFilter.timeline
    qtbot.waitUntil(lambda: timeline.bar_count() > 1)
    timeline.setFocus()
    with qtbot.waitSignal(timeline.announced) as said:
        qtbot.keyClick(timeline, Qt.Key_Home)
    first = timeline.tooltip_for_bar(0)
    assert said.args == [first] and first.endswith(("article", "articles"))
    assert f"at {first}" in accessible(timeline).text(QAccessible.Description)
    with qtbot.waitSignal(timeline.announced) as said:
        qtbot.keyClick(timeline, Qt.Key_Right)
    assert said.args == [timeline.tooltip_for_bar(1)]
    assert accessible(timeline).text(QAccessible.Name) == "Timeline of matches"


def test_each_timeline_bar_is_a_list_item_named_selected_and_placed_as_drawn(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "union")
    timeline = window.dateFilter.timeline
    qtbot.waitUntil(lambda: timeline.bar_count() > 2)
    bars = accessible(timeline)
    assert bars.role() == QAccessible.List and bars.childCount() == timeline.bar_count()
    items = [bars.child(index) for index in range(bars.childCount())]
    assert [item.text(QAccessible.Name) for item in items] == [timeline.tooltip_for_bar(i) for i in range(len(items))]
    assert all(item.role() == QAccessible.ListItem and item.parent() is bars for item in items)
    assert [bars.indexOfChild(item) for item in items] == list(range(len(items)))
    centre = items[1].rect().center()
    assert bars.childAt(centre.x(), centre.y()) is items[1]

    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key_Home)
    qtbot.keyClick(timeline, Qt.Key_Right, Qt.ShiftModifier)
    assert [item.state().selected for item in items[:3]] == [True, True, False]
    assert bars.focusChild() is items[1] and items[1].state().focused

    timeline.set_timeline(None)  # (a query with no dated match: the items go, and those asked of go stale)
    assert bars.childCount() == 0 and items[0].text(QAccessible.Name) == "" and items[0].state().invalid


def test_tab_reaches_the_article_tool_bar(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    window.resize(1280, 800)  # (narrower, the bar's last tools go behind its » button)
    search(qtbot, window, "immigration")
    row = next(n for n, hit in enumerate(window.model.hits) if len(hit.matches) > 2)
    show_result(qtbot, window, row)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.resultsView.hasFocus())
    reached = []
    for _ in range(12):
        qtbot.keyClick(window.focusWidget(), Qt.Key_Tab)
        reached.append(accessible(window.focusWidget()).text(QAccessible.Name))
    for name in ("Previous match", "Next match", "Copy with citation", "More like this", "Zoom out", "Zoom in"):
        assert name in reached, reached
    assert reached.index("Next match") < reached.index("Zoom in") < reached.index("Article text")


def test_a_ring_in_the_highlight_colour_shows_where_the_keyboard_focus_is(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "union")
    ring = window.focusRing
    for widget in (window.resultsView, window.searchBar.sortBox, window.reader.view):
        widget.setFocus()
        qtbot.waitUntil(lambda: ring.isVisible() and ring.widget() is widget)
        frame = window.grab().toImage()
        corner = widget.mapTo(window, QPoint(0, 0)) - QPoint(1, 1)  # just outside the widget
        assert frame.pixelColor(corner) == ring.palette().color(QPalette.Highlight)


def test_the_did_you_mean_line_is_said_as_text_and_is_reached_by_tab(qtbot, make_window):
    window = make_window()
    window.searchBar.show_suggestion("budget & <tax>")
    line = accessible(window.searchBar.suggestionLabel)
    assert line.text(QAccessible.Name) == "No results. Did you mean budget & <tax>? (Ctrl+Enter)"
    assert "Ctrl+Enter" in line.text(QAccessible.Description)
    assert window.searchBar.suggestionLabel.focusPolicy() & Qt.TabFocus
