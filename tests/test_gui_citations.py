"""Citing and exporting from the window (issue #14): a reference list of the results
selected, exports for reference managers (all results or those selected), the
clipboard's HTML as a whole document, and each archive's publication and bylines
from Preferences."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from newsfind import cite as news_cite  # noqa: E402
from tests.gui_steps import search  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")

#: Headline-first articles, two with a byline: what the citations of several are made of.
ARTICLES = {
    "a_harbour.txt": " date 2021-05-04 Harbour cranes stand idle as dockers strike\n\nBy Jane Doe, Staff Writer\n\n"
                     "The harbour fell silent on Monday as dockers walked out over pay.\n\n"
                     "Ships queued outside the harbour wall.\n",
    "b_budget.txt": " date 2020-11-02 Council budget cuts harbour funding\n\nBY RICHARD ROE AND ANA DE LA CRUZ\n\n"
                    "The council cut the harbour's maintenance budget by a third.\n",
    "c_storm.txt": " date 2019-01-15 Storm damages the old harbour wall\n\n"
                   "A winter storm tore a gap in the harbour wall on Sunday night.\n",
}


@pytest.fixture
def harbour_archive(tmp_path):
    root = tmp_path / "harbour"
    root.mkdir()
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def select_all_results(qtbot, window) -> None:
    window.resultsView.focus_results()
    qtbot.waitUntil(lambda: window.reader.article is not None)
    window.resultsView.selectAll()


def test_copy_citations_of_the_selected_results_gives_an_alphabetical_reference_list(
        qtbot, make_window, harbour_archive, qapp):
    window = make_window(harbour_archive)
    window.settings.set_citation_preferences("apa", False, {str(harbour_archive): "The Harbour Times"})
    search(qtbot, window, "harbour")
    assert window.model.rowCount() == 3
    select_all_results(qtbot, window)
    assert len(window.resultsView.selected_hits()) == 3
    window.actionSet.actCopyCitations.trigger()
    qtbot.waitUntil(lambda: qapp.clipboard().mimeData().hasHtml())
    text = qapp.clipboard().mimeData().text()
    entries = text.split("\n\n")
    assert entries == [
        "Doe, J. (2021, May 4). Harbour cranes stand idle as dockers strike. The Harbour Times. a_harbour.txt",
        "Roe, R., & de la Cruz, A. (2020, November 2). Council budget cuts harbour funding. The Harbour Times."
        " b_budget.txt",
        "Storm damages the old harbour wall. (2019, January 15). The Harbour Times. c_storm.txt",
    ]
    articles = [window.archiveSet.article(hit) for hit in window.resultsView.selected_hits()]
    expected = news_cite.cite_many([(a, window.settings.cite_source(str(harbour_archive))) for a in articles], "apa")
    assert text == expected.text
    html = qapp.clipboard().mimeData().html()
    assert '<meta charset="utf-8">' in html and "<i>The Harbour Times</i>" in html
    assert "Copied 3 citations" in window.statusBar().currentMessage()


def test_the_result_menu_offers_copying_and_exporting_the_selection(qtbot, make_window, harbour_archive):
    window = make_window(harbour_archive)
    menu = window.actionSet.result_menu(window)
    texts = [action.text() for action in menu.actions()]
    assert "Copy Citations of Selected &Results" in texts and "Export Se&lected Results…" in texts
    menu.deleteLater()


@pytest.mark.parametrize("fmt", ["csl-json", "ris", "bibtex"])
def test_export_all_results_for_a_reference_manager(qtbot, make_window, harbour_archive, tmp_path, fmt):
    window = make_window(harbour_archive)
    window.settings.set_citation_preferences("plain", False, {str(harbour_archive): "The Harbour Times"})
    search(qtbot, window, "harbour")
    target = tmp_path / f"out.{fmt}"
    window.exportFlow.export(str(target), fmt)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10000)
    assert "Exported 3 results" in window.statusBar().currentMessage()
    text = target.read_text("utf-8")
    if fmt == "csl-json":
        items = json.loads(text)
        assert sorted(item["title"] for item in items) == sorted(
            ["Harbour cranes stand idle as dockers strike", "Council budget cuts harbour funding",
             "Storm damages the old harbour wall"])
        assert {item["container-title"] for item in items} == {"The Harbour Times"}
        doe = next(item for item in items if item["title"].startswith("Harbour cranes"))
        assert doe["author"] == [{"family": "Doe", "given": "Jane"}]
    elif fmt == "ris":
        assert text.count("TY  - NEWS") == 3 and "AU  - Doe, Jane" in text
    else:
        assert text.count("@") == 3 and "Doe, Jane" in text


def test_export_the_selected_results_only(qtbot, make_window, harbour_archive, tmp_path):
    window = make_window(harbour_archive)
    search(qtbot, window, "harbour")
    window.resultsView.setFocus()
    window.resultsView.select_row(0)
    qtbot.keyClick(window.resultsView, Qt.Key_Down, Qt.ShiftModifier)
    chosen = window.resultsView.selected_hits()
    assert len(chosen) == 2
    target = tmp_path / "two.json"
    window.exportFlow.export(str(target), "csl-json", hits=chosen)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10000)
    titles = {item["title"] for item in json.loads(target.read_text("utf-8"))}
    assert titles == {news_cite.reference_of(window.archiveSet.article(hit)).title for hit in chosen}


def test_bylines_can_be_turned_off_per_archive(qtbot, make_window, harbour_archive, qapp):
    window = make_window(harbour_archive)
    search(qtbot, window, "dockers")
    window.resultsView.focus_results()
    qtbot.waitUntil(lambda: window.reader.article is not None)
    window.settings.set_citation_preferences("mla", False, {}, {str(harbour_archive): True})
    window.actionSet.actCopyCiteOnly.trigger()
    assert qapp.clipboard().mimeData().text().startswith("Doe, Jane. Harbour Cranes Stand Idle as Dockers Strike.")
    window.settings.set_citation_preferences("mla", False, {}, {str(harbour_archive): False})
    window.actionSet.actCopyCiteOnly.trigger()
    assert qapp.clipboard().mimeData().text().startswith("Harbour Cranes Stand Idle as Dockers Strike.")


def test_preferences_show_each_archives_publication_and_bylines(qtbot, make_window, harbour_archive):
    from newsfind.gui.dialogs import PreferencesDialog

    window = make_window(harbour_archive)
    root = str(harbour_archive)
    dialog = PreferencesDialog(window.settings, {root: "The Harbour Times"}, {root: True}, window)
    qtbot.addWidget(dialog)
    assert dialog.publications[root].text() == "The Harbour Times" and dialog.bylines[root].isChecked()
    assert dialog.bylines[root].accessibleName() and dialog.publications[root].accessibleName()
    dialog.bylines[root].setChecked(False)
    dialog.save_to(window.settings)
    assert window.settings.cite_source(root).bylines is False
    assert window.settings.cite_source(root).publication == "The Harbour Times"


def test_exporting_twice_writes_every_result_both_times_and_the_list_still_loads_more(
        qtbot, make_window, tmp_path):
    root = tmp_path / "docks"
    root.mkdir()
    for number in range(75):  # more than two pages of the list
        (root / f"{number:03d}_dock.txt").write_text(
            f" date 2020-01-{number % 28 + 1:02d} Dock report number {number}\n\nThe harbour was busy.\n", "utf-8")
    window = make_window(root)
    search(qtbot, window, "harbour")
    assert window.model.total == 75 and window.model.rowCount() < 75
    for name in ("first.json", "second.json"):
        target = tmp_path / name
        window.statusBar().clearMessage()
        window.exportFlow.export(str(target), "csl-json")
        qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=20000)
        assert len(json.loads(target.read_text("utf-8"))) == 75, name
    for _ in range(20):
        window.resultsView.scrollToBottom()
        qtbot.wait(50)
        if window.model.rowCount() == 75:
            break
    assert window.model.rowCount() == 75
