"""The Trends window: counted off the GUI thread, a table and a chart, a cell lists its articles
in the main window, and the exports are files other programs read."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ElementTree

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSize, Qt  # noqa: E402
from PySide6.QtGui import QAccessible, QImage  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QWidget  # noqa: E402

from newsfind.archive import Article, iter_articles  # noqa: E402
from newsfind.cli import main  # noqa: E402
from newsfind.gui.trends_chart import line_colour  # noqa: E402
from tests.corpora import copy_sotu  # noqa: E402

TERMS = "union\nKorea\n\"armed forces\"\nVietnam OR Korea\nAND\n"


@pytest.fixture
def trends_window(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    window.actionSet.actTrends.trigger()
    trends = window.trendsWindow
    assert trends.isVisible()
    trends.termsEdit.setPlainText(TERMS)
    with qtbot.waitSignal(trends.counted, timeout=20000):
        qtbot.mouseClick(trends.countButton, Qt.LeftButton)
    return window, trends


def test_the_table_has_a_row_per_period_and_a_column_per_term(trends_window):
    window, trends = trends_window
    counted = trends.trends
    assert counted.unit == "year"  # (addresses from around 1950, and an article of 2019: too many months)
    assert trends.table.rowCount() == len(counted.periods) and counted.periods[-1].start.year == 2019
    headers = [trends.table.horizontalHeaderItem(c).text() for c in range(trends.table.columnCount())]
    assert headers == ["Articles", "union", "Korea", '"armed forces"', "Vietnam OR Korea"]
    assert sum(int(row[0]) for row in trends.table.cell_texts()) == 13  # every article of the archive
    assert "line 5 (“AND”)" in trends.statusLabel.text()


def test_the_chart_is_painted_with_a_line_per_term(trends_window):
    _, trends = trends_window
    image = trends.chart.grab().toImage()
    background = trends.chart.palette().color(trends.chart.backgroundRole())
    colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert line_colour(0, background).rgb() in colours and line_colour(1, background).rgb() in colours
    assert trends.chart.tooltip_at(trends.chart.width() / 2).count("\n") == 4  # the period, then each term


@pytest.mark.parametrize("by_key", [False, True])
def test_choosing_a_cell_lists_that_terms_articles_of_that_period(qtbot, trends_window, by_key):
    window, trends = trends_window
    table = trends.table
    row = max(range(table.rowCount()), key=lambda r: int(table.item(r, 2).text()))  # Korea's busiest year
    year = trends.trends.periods[row].start.year
    if by_key:
        table.setFocus()
        table.setCurrentCell(row, 2)
        qtbot.keyClick(table, Qt.Key_Return)
    else:
        table.scrollToItem(table.item(row, 2))
        qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualItemRect(table.item(row, 2)).center())
    qtbot.waitUntil(lambda: window.searchController.settled and window.searchBar.text() == "Korea", timeout=10000)
    qtbot.waitUntil(lambda: window.searchController.last_answer is not None)
    assert window.dateFilter.bounds() == (f"{year}-01-01", f"{year}-12-31")
    assert window.searchController.last_answer.page.total == int(table.item(row, 2).text()) > 0
    assert all(hit.date.year == year for hit in window.model.hits)


def test_a_newer_count_supersedes_the_one_running(qtbot, trends_window):
    _, trends = trends_window
    answers = []
    trends.counted.connect(lambda: answers.append(trends.trends.unit))
    trends.unitBox.setCurrentIndex(1)  # month: counting starts…
    trends.unitBox.setCurrentIndex(2)  # …and year supersedes it
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    qtbot.wait(200)
    assert answers == ["year"]


def test_exports_are_files_other_programs_read(qtbot, trends_window, tmp_path, monkeypatch):
    _, trends = trends_window
    for name in ("table.csv", "chart.png", "chart.svg"):
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, n=name: (str(tmp_path / n), ""))
        button = {"csv": 0, "png": 1, "svg": 2}[name.rsplit(".", 1)[1]]
        qtbot.mouseClick(trends.exportButtons[button], Qt.LeftButton)
        assert trends.statusLabel.text() == f"Saved {tmp_path / name}"
    with open(tmp_path / "table.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][2:] == ["union", "Korea", '"armed forces"', "Vietnam OR Korea"]
    assert [row[1:] for row in rows[1:]] == trends.table.cell_texts()
    assert [row[0] for row in rows[1:]] == [str(p.start.year) for p in trends.trends.periods]
    image = QImage(str(tmp_path / "chart.png"))
    assert not image.isNull() and image.width() > 1000
    root = ElementTree.parse(tmp_path / "chart.svg").getroot()
    assert root.tag.endswith("svg") and "Korea" in ElementTree.tostring(root, encoding="unicode")


def test_loading_a_file_puts_its_lines_in_the_terms(trends_window, tmp_path, monkeypatch):
    _, trends = trends_window
    listed = tmp_path / "names.txt"
    listed.write_text("Truman\nEisenhower\n", encoding="utf-16")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(listed), ""))
    trends.loadButton.click()
    assert trends.termsEdit.toPlainText() == "Truman\nEisenhower\n"
    assert trends.statusLabel.text().startswith("Loaded 2 terms")


def test_every_control_of_the_trends_window_has_a_name_and_a_description(trends_window):
    _, trends = trends_window
    controls = [w for w in trends.findChildren(QWidget) if not isinstance(w, QLabel) and w.window() is trends
                and (w.focusPolicy() & Qt.TabFocus or isinstance(w, QAbstractButton)) and w.isVisibleTo(trends)]
    assert len(controls) >= 9
    for widget in controls:
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface.text(QAccessible.Name).strip() and iface.text(QAccessible.Description).strip(), widget


def test_the_users_marks_are_counted_as_the_command_line_counts_them(qtbot, make_window, small_archive, tmp_path,
                                                                       capsys):
    window = make_window(small_archive)
    articles = sorted((a for a in iter_articles(small_archive) if isinstance(a, Article)), key=lambda a: a.path)
    starred, tagged = articles[1:4], articles[2:3]
    for article in starred:
        window.userMarks.set_starred(str(small_archive), article, True)
    for article in tagged:
        window.userMarks.set_tags(str(small_archive), article, ["Follow up"])
    window.actionSet.actTrends.trigger()
    trends = window.trendsWindow
    trends.termsEdit.setPlainText('is:starred\ntag:"follow up"\nis:unreviewed\n')
    with qtbot.waitSignal(trends.counted, timeout=20000):
        qtbot.mouseClick(trends.countButton, Qt.LeftButton)
    assert "cannot be read here" not in trends.statusLabel.text()
    columns = list(zip(*trends.table.cell_texts()))
    years = [period.start.year for period in trends.trends.periods]
    for column, marked in ((1, starred), (2, tagged), (3, articles)):
        assert [int(n) for n in columns[column]] == [sum(a.date.year == year for a in marked) for year in years]
    listed = tmp_path / "marks.txt"
    listed.write_text(trends.termsEdit.toPlainText(), encoding="utf-8")
    assert main(["trends", str(listed), "--archive", str(small_archive), "--json", "--by", "year"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert [list(term["counts"].values()) for term in answer["terms"]] == [
        [int(n) for n in column] for column in columns[1:]]


def total_articles(trends) -> int:
    return sum(int(row[0]) for row in trends.table.cell_texts())


def test_the_count_shown_is_made_again_when_indexing_adds_articles(qtbot, trends_window, small_archive):
    window, trends = trends_window
    assert total_articles(trends) == 13
    copy_sotu(small_archive / "sotu", 3, start=172)
    window.actionSet.actRecheck.trigger()
    qtbot.waitUntil(lambda: total_articles(trends) == 16 and not window.archiveSet.is_indexing(), timeout=20000)
    assert [trends.table.horizontalHeaderItem(c).text() for c in range(1, 3)] == ["union", "Korea"]


def test_archives_opened_while_the_window_is_hidden_are_counted_when_it_is_shown(qtbot, trends_window, tmp_path):
    window, trends = trends_window
    trends.hide()
    counts = []
    trends.counted.connect(lambda: counts.append(total_articles(trends)))
    window.archiveSet.open(str(copy_sotu(tmp_path / "more", 3, start=172)))
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=20000)
    qtbot.wait(300)
    assert counts == [] and total_articles(trends) == 13
    window.actionSet.actTrends.trigger()  # (shown again)
    qtbot.waitUntil(lambda: bool(counts), timeout=20000)
    assert counts == [16]


def test_the_terms_period_and_normalised_are_remembered_between_sessions(qtbot, make_window, gui_settings):
    first = make_window()
    first.actionSet.actTrends.trigger()
    first.trendsWindow.termsEdit.setPlainText(TERMS)
    first.trendsWindow.unitBox.setCurrentIndex(first.trendsWindow.unitBox.findText("Month"))
    first.trendsWindow.normalisedBox.setChecked(True)
    first.shutdown()
    again = make_window().trendsWindow
    assert again.termsEdit.toPlainText() == TERMS
    assert (again.unitBox.currentText(), again.normalisedBox.isChecked()) == ("Month", True)


def test_the_window_fits_the_screen(trends_window):
    _, trends = trends_window
    available = trends.screen().availableGeometry()
    assert trends.width() <= available.width() and trends.height() <= available.height()


@pytest.mark.parametrize("name", ["trends", "concordance"])
def test_the_trends_and_concordance_windows_open_where_they_were_left(qtbot, make_window, name):
    first = make_window()
    tool = first.trendsWindow if name == "trends" else first.concordance
    tool.show()
    available = tool.screen().availableGeometry()
    size = tool.minimumSizeHint().expandedTo(QSize(700, 450))  # (not the size it opens at)
    tool.setGeometry(available.x() + 40, available.y() + 30, size.width(), size.height())
    qtbot.waitUntil(lambda: tool.geometry().size() == size)
    left = tool.geometry()
    tool.close()  # (its place is kept when it is closed, as when the main window closes)
    first.shutdown()
    again = make_window()
    reopened = again.trendsWindow if name == "trends" else again.concordance
    assert reopened.geometry() == left


def test_a_place_off_the_screen_is_not_kept(make_window, gui_settings):
    window = make_window()
    window.trendsWindow.setGeometry(20000, 20000, 500, 300)
    window.settings.set_tool_window_geometry("trends", window.trendsWindow.saveGeometry())
    again = make_window().trendsWindow
    assert again.screen().availableGeometry().contains(again.geometry().topLeft())
