"""The concordance window: lines come, counted; a line opens its article at the
occurrence; Ctrl+C copies lines with citations; lines export to CSV and Markdown."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget  # noqa: E402

from newsfind.concordance import articles_counted, concordance, occurrences_text, sort_lines  # noqa: E402
from newsfind.index import default_index_dir  # noqa: E402
from newsfind.search import ArchiveSearcher  # noqa: E402

QUERY = 'congress OR "united states"'


@pytest.fixture
def opened(qtbot, make_window, small_archive):
    """The window on the small archive, its concordance of QUERY shown whole; and the
    lines the core gives for the same index."""
    window = make_window(small_archive)
    window.searchBar.field.setText(QUERY)
    window.actionSet.actConcordance.trigger()
    conc = window.concordance
    qtbot.waitUntil(lambda: conc.done and bool(conc.model.lines), timeout=20000)
    with ArchiveSearcher(default_index_dir(small_archive), archive_root=str(small_archive)) as searcher:
        expected = list(concordance(searcher, QUERY))
    return window, conc, expected


def test_every_line_comes_counted_in_date_order(opened) -> None:
    window, conc, expected = opened
    assert conc.isVisible() and conc.queryField.text() == QUERY
    assert [(line.id, line.start, line.end) for line in conc.model.lines] == \
        [(line.id, line.start, line.end) for line in expected]
    assert conc.countLabel.text() == occurrences_text(len(expected), articles_counted(expected))
    first = conc.model.index(0, 1)
    assert first.data() == expected[0].match and first.data(Qt.FontRole).bold()
    assert conc.model.index(0, 0).data(Qt.TextAlignmentRole) & Qt.AlignRight


def test_choosing_a_line_opens_its_article_at_the_occurrence(qtbot, opened) -> None:
    window, conc, _ = opened
    row = next(n for n, line in enumerate(conc.model.lines) if n > 3 and line.id != conc.model.lines[0].id)
    line = conc.model.lines[row]
    conc.view.setFocus()
    conc.view.selectRow(row)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == line.id)
    assert window.reader.selection_offsets() == (line.start, line.end)
    assert window.reader.matches[window.reader.current] == (line.start, line.end)
    assert window.reader.matches == conc.model.matches_of(line)
    qtbot.keyClick(conc.view, Qt.Key_Down)
    following = conc.model.lines[row + 1]
    qtbot.waitUntil(lambda: window.reader.selection_offsets() == (following.start, following.end))
    qtbot.keyClick(conc.view, Qt.Key_Return)  # (the main window to the front: nothing to fail)


def test_ctrl_c_copies_lines_with_their_citations(qtbot, opened, qapp) -> None:
    window, conc, _ = opened
    conc.view.setFocus()
    conc.view.selectRow(0)
    qtbot.keyClick(conc.view, Qt.Key_Down, Qt.ShiftModifier)
    qtbot.keyClick(conc.view, Qt.Key_C, Qt.ControlModifier)
    first, second = conc.model.lines[:2]
    qtbot.waitUntil(lambda: first.title in qapp.clipboard().text(), timeout=5000)
    text, html = qapp.clipboard().text(), qapp.clipboard().mimeData().html()
    assert text.count(" — ") == 2 and f"¶ {first.paragraph}" in text and f"¶ {second.paragraph}" in text
    assert first.match in text and "<p>" in html and "charset" in html.lower()


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_lines_export_with_citations(qtbot, opened, tmp_path: Path, fmt: str) -> None:
    window, conc, expected = opened
    path = tmp_path / f"lines.{fmt}"
    conc.export_to(str(path), fmt)
    qtbot.waitUntil(lambda: conc.countLabel.text().startswith("Exported"), timeout=10000)
    text = path.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert len(rows) == len(expected)
        assert [row["match"] for row in rows] == [" ".join(line.match.split()) for line in expected]
        assert all(row["citation"].endswith(f"¶ {row['paragraph']}") for row in rows if row["paragraph"] != "0")
    else:
        assert text.count("\n") == len(expected) + 2 and text.startswith("| Date | Title | Path | Paragraph |")


def test_sorting_by_words_says_it_gathers_then_sorts(qtbot, opened) -> None:
    window, conc, expected = opened
    conc.sortBox.setCurrentIndex(conc.sortBox.findData("right"))
    assert conc.countLabel.text().startswith("Gathering every occurrence")
    qtbot.waitUntil(lambda: conc.done and bool(conc.model.lines), timeout=10000)
    assert [(line.id, line.start) for line in conc.model.lines] == \
        [(line.id, line.start) for line in sort_lines(expected, "right")]


def test_every_control_is_named_and_a_bad_query_is_said(qtbot, opened) -> None:
    window, conc, _ = opened
    for widget in conc.findChildren(QWidget):
        if widget.window() is conc and widget.isVisibleTo(conc) and not isinstance(widget, QLabel) and (widget.focusPolicy() & Qt.TabFocus or isinstance(widget, QAbstractButton)):
            assert widget.accessibleName(), widget
    conc.queryField.setText('"united')
    qtbot.keyClick(conc.queryField, Qt.Key_Return)
    qtbot.waitUntil(lambda: conc.done, timeout=10000)
    assert "quotation mark" in conc.countLabel.text() and conc.model.rowCount() == 0
