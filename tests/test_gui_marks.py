"""Marking articles in the window (issue #15): star, reviewed (by hand and after a few
seconds open), tags and a note from the keyboard; the list shows them; they survive a
restart; is:/tag: find them."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from newsfind.gui.results import MarkRole  # noqa: E402
from tests.gui_steps import search  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")


def open_first(qtbot, window) -> None:
    window.resultsView.focus_results()
    qtbot.waitUntil(lambda: window.reader.article is not None)


def row_mark(window, row: int = 0):
    return window.model.index(row).data(MarkRole)


def test_star_reviewed_tags_and_note_from_the_keyboard_show_in_the_bar_and_the_list(qtbot, make_window,
                                                                                  small_archive):
    window = make_window(small_archive)
    window.settings.auto_review_seconds = 0  # (by hand only here)
    search(qtbot, window, "immigration")
    open_first(qtbot, window)
    bar = window.marksBar
    assert bar.isEnabled() and not bar.star.isChecked() and row_mark(window) is None
    qtbot.keyClick(window.resultsView, Qt.Key_S, Qt.ControlModifier)
    assert bar.star.isChecked() and bar.star.text() == "★ Starred"
    assert row_mark(window).starred
    assert "★ starred" in window.model.index(0).data(Qt.AccessibleTextRole)
    qtbot.keyClick(window.resultsView, Qt.Key_D, Qt.ControlModifier)
    assert bar.reviewed.isChecked() and row_mark(window).reviewed
    qtbot.keyClick(window.resultsView, Qt.Key_T)
    assert bar.tags.hasFocus()
    bar.tags.clear()
    qtbot.keyClicks(bar.tags, "follow-up, to check")
    qtbot.keyClick(bar.tags, Qt.Key_Return)
    assert row_mark(window).tags == ("follow-up", "to check")
    window.resultsView.setFocus()
    qtbot.keyClick(window.resultsView, Qt.Key_N)
    assert bar.note.hasFocus()
    qtbot.keyClicks(bar.note, "call the union")
    qtbot.keyClick(bar.note, Qt.Key_Return)
    assert row_mark(window).note == "call the union"
    # Ctrl+S again unstars; the other marks stay
    window.resultsView.setFocus()
    qtbot.keyClick(window.resultsView, Qt.Key_S, Qt.ControlModifier)
    assert not row_mark(window).starred and row_mark(window).reviewed


def test_typing_t_or_n_in_the_search_field_types_them(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    window.searchBar.field.setFocus()
    qtbot.keyClicks(window.searchBar.field, "tn")
    assert window.searchBar.field.text() == "tn"


def test_an_article_open_a_moment_counts_as_reviewed_unless_unmarked_by_hand(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    window.settings.auto_review_seconds = 1
    search(qtbot, window, "immigration")
    open_first(qtbot, window)
    assert not window.marksBar.reviewed.isChecked()
    qtbot.waitUntil(lambda: window.marksBar.reviewed.isChecked(), timeout=4000)
    assert row_mark(window).reviewed
    window.marksBar.reviewed.click()  # unmarked by hand: stays unmarked
    qtbot.wait(1500)
    assert not window.marksBar.reviewed.isChecked() and not (row_mark(window) and row_mark(window).reviewed)


def test_marks_survive_a_restart_and_the_query_language_finds_them(qtbot, make_window, small_archive, gui_settings):
    window = make_window(small_archive)
    window.settings.auto_review_seconds = 0
    search(qtbot, window, "immigration")
    open_first(qtbot, window)
    starred = window.reader.article.path
    window.actionSet.actStar.trigger()
    window.marksBar.tags.setText("raids")
    window.marksBar.tags.editingFinished.emit()
    window.close()
    again = make_window(settings=gui_settings)
    search(qtbot, again, "is:starred")
    assert [hit.path for hit in again.model.hits] == [starred]
    assert row_mark(again).starred and row_mark(again).tags == ("raids",)
    search(qtbot, again, "tag:raids immigration")
    assert [hit.path for hit in again.model.hits] == [starred]
    search(qtbot, again, "immigration is:unreviewed")
    assert starred in [hit.path for hit in again.model.hits]


def test_the_status_bar_counts_the_reviewed_results_of_the_query(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    window.settings.auto_review_seconds = 0
    search(qtbot, window, "immigration")
    total = window.model.total
    assert "reviewed" not in window.status.resultsLabel.toolTip()
    open_first(qtbot, window)
    window.actionSet.actReviewed.trigger()
    assert f"1 of {total} reviewed" in window.status.resultsLabel.toolTip()
    search(qtbot, window, "congress")  # counted afresh for another query, after its list
    search(qtbot, window, "immigration")
    qtbot.waitUntil(lambda: f"1 of {total} reviewed" in window.status.resultsLabel.toolTip(), timeout=5000)
    window.actionSet.actReviewed.trigger()  # unmarked
    assert "reviewed" not in window.status.resultsLabel.toolTip()


def test_preferences_set_how_long_an_article_is_open_before_it_counts_reviewed(qtbot, make_window, small_archive):
    from newsfind.gui.dialogs import PreferencesDialog

    window = make_window(small_archive)
    dialog = PreferencesDialog(window.settings, {}, {}, window)
    qtbot.addWidget(dialog)
    assert dialog.autoReview.value() == 5 and dialog.autoReview.accessibleName()
    dialog.autoReview.setValue(0)
    assert dialog.autoReview.text() == "never (Ctrl+D only)"
    dialog.save_to(window.settings)
    assert window.settings.auto_review_seconds == 0


def test_the_review_log_holds_every_result_with_its_marks_note_and_citation(qtbot, make_window, small_archive,
                                                                            tmp_path):
    import csv

    window = make_window(small_archive)
    window.settings.auto_review_seconds = 0
    window.settings.set_citation_preferences("apa", False, {str(small_archive): "The Test Gazette"})
    search(qtbot, window, "immigration")
    open_first(qtbot, window)
    marked = window.reader.article.path
    window.actionSet.actReviewed.trigger()
    window.actionSet.actStar.trigger()
    window.marksBar.tags.setText("raids, follow-up")
    window.marksBar.tags.editingFinished.emit()
    window.marksBar.note.setText('Call them; "urgent", =1+1')
    window.marksBar.note.editingFinished.emit()
    target = tmp_path / "log.csv"
    window.exportFlow.export(str(target), "review-csv")
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10000)
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert len(rows) == window.model.total
    row = next(row for row in rows if row["path"] == marked)
    assert row["reviewed"].startswith("20") and row["starred"] == "yes" and row["tags"] == "follow-up; raids"
    assert row["note"] == 'Call them; "urgent", =1+1'  # (not a formula: it does not start with =)
    assert "The Test Gazette" in row["citation"] and "(n.d.)" not in row["citation"]
    others = [row for row in rows if row["path"] != marked]
    assert all(not row["reviewed"] and not row["starred"] for row in others)
    md = tmp_path / "log.md"
    window.statusBar().clearMessage()
    window.exportFlow.export(str(md), "review-markdown")
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10000)
    assert md.read_text("utf-8").splitlines()[0].startswith("| Title | Date | Path | Reviewed | Starred | Tags")


def test_view_only_unreviewed_and_starred_narrow_the_query_in_the_field(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    window.settings.auto_review_seconds = 0
    search(qtbot, window, "immigration")
    total = window.model.total
    open_first(qtbot, window)
    reviewed = window.reader.article.path
    window.actionSet.actReviewed.trigger()
    window.actionSet.actOnlyUnreviewed.trigger()
    qtbot.waitUntil(lambda: window.searchController.settled and window.model.total == total - 1, timeout=5000)
    assert window.searchBar.text() == "immigration is:unreviewed"
    assert reviewed not in [hit.path for hit in window.model.hits]
    window.searchBar.run_query("immigration")
    qtbot.waitUntil(lambda: window.searchController.settled and window.model.total == total, timeout=5000)
    window.actionSet.actOnlyStarred.trigger()
    qtbot.waitUntil(lambda: window.searchController.settled and window.searchBar.text() == "immigration is:starred",
                    timeout=5000)
    assert window.model.total == 0


def test_an_unreadable_store_is_set_aside_said_and_the_window_works(qtbot, make_window, small_archive, tmp_path,
                                                                    monkeypatch):
    data = tmp_path / "window-data"  # (the folder make_window gives the window)
    data.mkdir(parents=True, exist_ok=True)
    (data / "my-work.sqlite3").write_bytes(b"this is not a database" * 100)
    window = make_window(small_archive)
    assert "could not be read" in window.statusBar().currentMessage()
    kept = list(data.glob("my-work.sqlite3.unreadable-*"))
    assert kept and kept[0].read_bytes().startswith(b"this is not a database")
    search(qtbot, window, "immigration")
    open_first(qtbot, window)
    window.actionSet.actStar.trigger()
    assert row_mark(window).starred
