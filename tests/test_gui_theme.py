"""View → Theme, and the reading pane's font and column width and the sort to start
with (Preferences): applied at once, remembered, and applied again at the next start."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QFontDatabase, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from newsfind.gui.theme import DARK_COLOURS, apply_theme  # noqa: E402
from newsfind.resources import sample_archive  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")


@pytest.fixture(autouse=True)
def system_theme_after():
    yield
    apply_theme("system")  # the application is shared by every test


def theme_action(window, key: str):
    return next(a for a in window.actions() if a.isCheckable() and a.data() == key)


def window_colour() -> str:
    return QApplication.palette().color(QPalette.Window).name()


def test_dark_theme_is_applied_remembered_and_applied_at_the_next_start(qtbot, make_window, gui_settings):
    system_colour, system_style = window_colour(), QApplication.style().name()
    window = make_window()
    assert theme_action(window, "system").isChecked()
    theme_action(window, "dark").trigger()
    assert window_colour() == DARK_COLOURS[QPalette.Window] and QApplication.style().name().lower() == "fusion"
    qtbot.waitUntil(lambda: window.reader.view.palette().color(QPalette.Base).name() == DARK_COLOURS[QPalette.Base])
    window.close()
    apply_theme("system")  # as a new process starts
    assert window_colour() == system_colour
    again = make_window(settings=gui_settings)
    assert theme_action(again, "dark").isChecked() and window_colour() == DARK_COLOURS[QPalette.Window]
    theme_action(again, "light").trigger()
    assert QApplication.palette().color(QPalette.Window).lightness() > 200
    theme_action(again, "system").trigger()
    assert window_colour() == system_colour and QApplication.style().name() == system_style


def accept_preferences(qtbot, window, choose) -> None:
    """Open Edit → Preferences, let `choose` set it, press OK."""
    def answer():
        dialog = QApplication.activeModalWidget()
        choose(dialog)
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.actionSet.actPrefs.trigger()


def test_reader_font_width_and_start_sort_apply_at_once_and_at_the_next_start(qtbot, make_window, gui_settings):
    family = next(f for f in QFontDatabase.families() if f != QApplication.font().family())
    window = make_window(sample_archive())
    window.resize(1200, 700)
    full_margin = window.reader.view.viewportMargins().left()

    def choose(dialog):
        dialog.fontBox.setCurrentIndex(dialog.fontBox.findData(family))
        dialog.widthBox.setCurrentIndex(dialog.widthBox.findData("narrow"))
        dialog.sortBox.setCurrentIndex(dialog.sortBox.findData("oldest"))

    accept_preferences(qtbot, window, choose)
    view = window.reader.view
    assert window.reader.font_family() == family and window.searchBar.sort() == "oldest"
    assert full_margin == 0 and view.viewportMargins().left() > 0
    assert view.viewport().width() <= 60 * view.fontMetrics().averageCharWidth() + 2 * view.document().documentMargin() + 2
    window.searchBar.set_sort("newest")  # used last, but the preference says where to start
    window.close()
    again = make_window(settings=gui_settings, wait=False)
    assert again.reader.font_family() == family and again.searchBar.sort() == "oldest"
    assert again.settings.reader_width == "narrow"
    qtbot.waitUntil(lambda: not again.archiveSet.is_indexing(), timeout=30000)
