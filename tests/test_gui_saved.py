"""Saved searches in the window (issue #15): save the search shown, "N new" after new
files are indexed, opened with the new ones first and marked seen, kept across a
restart; renamed, removed and moved from the keyboard."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QInputDialog  # noqa: E402

from tests.gui_steps import search  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")


def write_article(folder, name: str, date: str, title: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f" date {date} {title}\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def docks(tmp_path):
    root = tmp_path / "docks"
    for day in range(1, 4):
        write_article(root, f"a{day}.txt", f"2020-01-0{day}", f"Harbour story {day}", "The harbour was busy.")
    return root


def save_as(qtbot, window, name: str, monkeypatch) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (name, True))
    window.actionSet.actSaveSearch.trigger()
    qtbot.waitUntil(lambda: window.savedPanel.count() > 0 and window.searchController.settled, timeout=10000)


def panel_texts(window) -> list[str]:
    return [window.savedPanel.item(row).text() for row in range(window.savedPanel.count())]


def test_new_hits_are_counted_after_indexing_and_listed_first_when_opened(qtbot, make_window, docks, monkeypatch):
    window = make_window(docks)
    search(qtbot, window, "harbour")
    save_as(qtbot, window, "Docks", monkeypatch)
    assert window.savedPanel.isVisible() and panel_texts(window) == ["Docks"]
    write_article(docks, "b4.txt", "2019-05-05", "Older harbour news", "The harbour froze.")
    window.actionSet.actRecheck.trigger()  # F5: the new file is indexed, then counted
    qtbot.waitUntil(lambda: panel_texts(window) == ["Docks  — 1 new"], timeout=20000)
    search(qtbot, window, "something else")
    window.savedPanel.setFocus()
    window.savedPanel.setCurrentRow(0)
    qtbot.keyClick(window.savedPanel, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.searchController.settled and window.model.rowCount() == 4, timeout=10000)
    assert window.searchBar.text() == "harbour"
    assert window.model.hits[0].path == "b4.txt"  # new first, whatever the order
    assert "new" in window.model.index(0).data(Qt.AccessibleTextRole)
    assert "new" not in window.model.index(1).data(Qt.AccessibleTextRole)
    assert panel_texts(window) == ["Docks"]
    # seen now: opened again, nothing is new
    window.savedFlow.open("Docks")
    qtbot.waitUntil(lambda: window.searchController.settled and window.model.rowCount() == 4, timeout=10000)
    assert not window.model.new_places


def test_saved_searches_are_kept_renamed_moved_and_removed(qtbot, make_window, docks, monkeypatch, gui_settings):
    window = make_window(docks)
    search(qtbot, window, "harbour")
    save_as(qtbot, window, "Docks", monkeypatch)
    search(qtbot, window, "busy")
    save_as(qtbot, window, "Busy", monkeypatch)
    window.close()
    again = make_window(settings=gui_settings)
    qtbot.waitUntil(lambda: again.savedPanel.count() == 2, timeout=10000)
    assert [text.split("  ")[0] for text in panel_texts(again)] == ["Docks", "Busy"]
    panel = again.savedPanel
    panel.setFocus()
    panel.setCurrentRow(0)
    qtbot.keyClick(panel, Qt.Key_Down, Qt.ControlModifier)
    assert [text.split("  ")[0] for text in panel_texts(again)] == ["Busy", "Docks"]
    panel.item(0).setText("Busy days")  # (what F2 and typing do)
    assert panel_texts(again)[0].startswith("Busy days")
    panel.setCurrentRow(1)
    qtbot.keyClick(panel, Qt.Key_Delete)
    assert [text.split("  ")[0] for text in panel_texts(again)] == ["Busy days"]


def test_saving_nothing_or_a_taken_name_says_why(qtbot, make_window, docks, monkeypatch):
    window = make_window(docks)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Docks", True))
    window.actionSet.actSaveSearch.trigger()
    assert "Search for something first" in window.statusBar().currentMessage()
    search(qtbot, window, "harbour")
    window.actionSet.actSaveSearch.trigger()
    window.actionSet.actSaveSearch.trigger()
    assert "already" in window.statusBar().currentMessage()


def test_my_work_is_exported_and_imported_from_the_file_menu(qtbot, make_window, docks, monkeypatch, tmp_path):
    window = make_window(docks)
    window.settings.auto_review_seconds = 0
    search(qtbot, window, "harbour")
    save_as(qtbot, window, "Docks", monkeypatch)
    window.resultsView.focus_results()
    qtbot.waitUntil(lambda: window.reader.article is not None)
    window.actionSet.actStar.trigger()
    backup = tmp_path / "mine.newsfind-work.json"
    window.myWork.export_to(str(backup))
    assert "Exported your work (1 marked article, 1 saved search)" in window.statusBar().currentMessage()
    window.actionSet.actStar.trigger()  # unstarred, and the search removed: then brought back by the import
    window.savedPanel.setFocus()
    window.savedPanel.setCurrentRow(0)
    qtbot.keyClick(window.savedPanel, Qt.Key_Delete)
    assert window.savedPanel.count() == 0 and not window.marksBar.star.isChecked()
    window.myWork.import_from(str(backup))
    assert "Imported 1 marked article, 1 saved search" in window.statusBar().currentMessage()
    assert panel_texts(window) == ["Docks"] and window.marksBar.star.isChecked()
    assert window.model.index(0).data(Qt.AccessibleTextRole).count("starred") == 1
    (tmp_path / "junk.json").write_text("[]", encoding="utf-8")
    window.myWork.import_from(str(tmp_path / "junk.json"))
    assert window.statusBar().currentMessage().startswith("Nothing imported:")
