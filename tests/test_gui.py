"""The desktop app, driven through its widgets over real indexes of real files."""

from __future__ import annotations

import csv
import sys
import shutil

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from newsfind import cite as news_cite  # noqa: E402
from newsfind.gui.reader import OffsetMap  # noqa: E402
from tests.corpora import copy_sotu  # noqa: E402
from tests.corpora import NASTY, SEED, make_nasty_copy  # noqa: E402
from tests.gui_steps import search  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")


def type_query(qtbot, window, text: str) -> None:
    window.searchBar.field.setFocus()
    window.searchBar.field.selectAll()
    qtbot.keyClicks(window.searchBar.field, text)
    generation = window.searchController.generation
    # the debounce fires by itself: no Enter needed
    qtbot.waitUntil(lambda: window.searchController.generation > generation and window.searchController.settled,
                    timeout=5000)


def select_row(qtbot, window, row: int) -> None:
    window.resultsView.setFocus()
    window.resultsView.setCurrentIndex(window.model.index(row))
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.id == window.model.hits[row].id)


def test_typing_a_query_lists_the_right_articles_and_the_reader_marks_every_match(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    assert window.searchBar.field.hasFocus() or window.focusWidget() is window.searchBar.field
    type_query(qtbot, window, "immigration")
    hits = window.model.hits
    assert hits, window.status.resultsLabel.text()
    assert any(hit.path == SEED.name for hit in hits)
    assert "result" in window.status.resultsLabel.text() and "ms" in window.status.resultsLabel.text()
    for hit in hits:
        assert "<mark>" in hit.snippet
    row = next(n for n, hit in enumerate(hits) if hit.path == SEED.name)
    select_row(qtbot, window, row)
    hit = hits[row]
    article = window.reader.article
    assert window.reader.view.toPlainText() == article.body
    assert window.reader.marked_spans() == list(hit.matches)
    assert len(hit.matches) > 3
    for start, end in hit.matches:
        assert article.body[start:end].lower().startswith("immigra")
    # the first match is the current one and is in view
    assert window.readerBar.hitCounter.text() == f"hit 1 of {len(hit.matches)}"
    assert window.reader.view.textCursor().position() == hit.matches[0][0]


def test_up_and_down_in_the_results_change_the_article(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "union")
    assert window.model.rowCount() >= 3
    select_row(qtbot, window, 0)
    qtbot.keyClick(window.resultsView, Qt.Key_Down)
    qtbot.waitUntil(lambda: window.reader.article.id == window.model.hits[1].id)
    qtbot.keyClick(window.resultsView, Qt.Key_Up)
    qtbot.waitUntil(lambda: window.reader.article.id == window.model.hits[0].id)
    # Down in the search field moves to the results
    window.searchBar.field.setFocus()
    qtbot.keyClick(window.searchBar.field, Qt.Key_Down)
    assert window.resultsView.hasFocus()


def test_f3_walks_the_hits_and_the_counter_follows(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigrants")
    row = next(n for n, hit in enumerate(window.model.hits) if hit.path == SEED.name)
    select_row(qtbot, window, row)
    count = len(window.model.hits[row].matches)
    assert count >= 3
    window.activateWindow()
    window.reader.view.setFocus()
    assert window.actionSet.actNextHit.shortcut().toString() == "F3"
    assert window.actionSet.actPrevHit.shortcut().toString() == "Shift+F3"
    qtbot.keyClick(window.reader.view, Qt.Key_F3)
    qtbot.waitUntil(lambda: window.readerBar.hitCounter.text() == f"hit 2 of {count}")
    window.actionSet.actNextHit.trigger()
    assert window.readerBar.hitCounter.text() == f"hit 3 of {count}"
    start = window.model.hits[row].matches[2][0]
    assert window.reader.view.textCursor().position() == start
    qtbot.keyClick(window.reader.view, Qt.Key_F3, Qt.ShiftModifier)
    qtbot.waitUntil(lambda: window.readerBar.hitCounter.text() == f"hit 2 of {count}")
    window.actionSet.actPrevHit.trigger()
    window.actionSet.actPrevHit.trigger()  # wraps to the last
    assert window.readerBar.hitCounter.text() == f"hit {count} of {count}"


def test_a_new_query_marks_its_own_words_in_the_article_still_open(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigrants")
    row = next(n for n, hit in enumerate(window.model.hits) if hit.path == SEED.name)
    select_row(qtbot, window, row)
    window.actionSet.actNextHit.trigger()
    assert window.readerBar.hitCounter.text().startswith("hit 2 of")
    search(qtbot, window, "Mississippi")
    hit = next(hit for hit in window.model.hits if hit.path == SEED.name)
    article = window.reader.article
    assert article is not None and article.id == hit.id
    assert window.reader.marked_spans() == list(hit.matches)
    assert {article.body[start:end].lower() for start, end in hit.matches} == {"mississippi"}
    assert window.readerBar.hitCounter.text() == f"hit 1 of {len(hit.matches)}"
    search(qtbot, window, "qqnowhere")  # a list without it: the article goes
    assert window.reader.article is None and window.readerBar.hitCounter.text() == ""


def test_an_article_dropped_by_the_lists_of_a_query_being_typed_comes_back_with_the_query_that_holds_it(
        qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigrants")
    row = next(n for n, hit in enumerate(window.model.hits) if hit.path == SEED.name)
    select_row(qtbot, window, row)
    history = window.searchBar.history()
    type_query(qtbot, window, "Mississippi")  # "M", "Mi", … list other articles on the way
    hit = next(hit for hit in window.model.hits if hit.path == SEED.name)
    assert window.reader.article is not None and window.reader.article.id == hit.id
    assert window.resultsView.current_hit().id == hit.id
    assert window.reader.marked_spans() == list(hit.matches)
    assert window.searchBar.history() == history  # shown again, not opened by the user


def test_sort_and_date_range_change_the_list(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "congress")
    everything = list(window.model.hits)
    assert len(everything) >= 6
    window.searchBar.sortBox.setCurrentIndex(window.searchBar.sortBox.findData("newest"))
    qtbot.waitUntil(lambda: window.searchController.last_answer.request.sort == "newest")
    dates = [hit.date for hit in window.model.hits]
    assert dates == sorted(dates, reverse=True)
    window.searchBar.sortBox.setCurrentIndex(window.searchBar.sortBox.findData("oldest"))
    qtbot.waitUntil(lambda: window.searchController.last_answer.request.sort == "oldest")
    dates = [hit.date for hit in window.model.hits]
    assert dates == sorted(dates)
    low, high = dates[1], dates[-2]
    window.dateFilter.fromField.setText(low.isoformat())
    window.dateFilter.toField.setText(high.isoformat())
    window.dateFilter.apply()
    qtbot.waitUntil(lambda: window.searchController.last_answer.request.date_from == low.isoformat())
    filtered = [hit.date for hit in window.model.hits]
    assert filtered and len(filtered) < len(everything)
    assert all(low <= date <= high for date in filtered)
    # the timeline counts every date; beside it, what the dates typed list
    qtbot.waitUntil(lambda: window.dateFilter.timeline.selection_text() != "")
    assert window.dateFilter.timeline.selection_text() == \
        f"{low.isoformat()} – {high.isoformat()}: {window.model.total} articles"
    assert f"{window.model.total} articles" in window.dateFilter.timeline.accessibleDescription()
    # open-ended range
    window.dateFilter.toField.clear()
    qtbot.waitUntil(lambda: window.searchController.last_answer.request.date_to is None)
    assert all(hit.date >= low for hit in window.model.hits)
    assert window.settings.sort == "oldest"


def test_a_query_error_is_explained_under_the_field(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, 'border "security')
    assert "quotation mark" in window.searchBar.error_text()
    assert window.searchBar.messageRow.isVisible()
    search(qtbot, window, "nosuchfield:word")
    assert "no field" in window.searchBar.error_text()
    window.dateFilter.fromField.setText("last tuesday")
    search(qtbot, window, "union")
    assert "not a date" in window.searchBar.error_text()
    window.dateFilter.fromField.clear()
    search(qtbot, window, "union")
    assert window.searchBar.error_text() == "" and not window.searchBar.messageRow.isVisible()


def test_did_you_mean_is_a_clickable_suggestion(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "imigration")
    assert window.model.rowCount() == 0
    suggestion = window.searchBar.suggestion()
    assert suggestion and suggestion.startswith("immigra")
    assert window.searchBar.suggestionLabel.isVisible()
    window.searchBar.suggestionLabel.linkActivated.emit("suggestion")
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    assert window.searchBar.field.text() == suggestion
    assert window.searchBar.suggestion() is None


def test_html_in_an_article_is_shown_as_text(qtbot, make_window, tmp_path):
    root = tmp_path / "html"
    root.mkdir()
    body = ('Breaking: <img src=http://example.com/x.png> and <script>alert(1)</script> '
            'plus &amp; entities &lt;b&gt; and <b>bold</b> tags.\n\nSecond paragraph about lighthouses.\n')
    (root / "a.txt").write_text(" date 2020-01-02 " + body, encoding="utf-8")
    window = make_window(root)
    search(qtbot, window, "lighthouses")
    select_row(qtbot, window, 0)
    text = window.reader.view.toPlainText()
    for literal in ("<img src=http://example.com/x.png>", "<script>alert(1)</script>", "&amp;", "<b>bold</b>"):
        assert literal in text
    assert window.reader.view.document().toPlainText() == window.reader.article.body
    # the list's snippet shows the escaped text too (the delegate renders it as HTML)
    search(qtbot, window, "alert")
    assert "&lt;script&gt;" in window.model.hits[0].snippet


def test_copy_with_citation_puts_text_and_html_with_the_exact_passage(qtbot, make_window, small_archive, qapp):
    window = make_window(small_archive)
    search(qtbot, window, "Mississippi")
    row = next(n for n, hit in enumerate(window.model.hits) if hit.path == SEED.name)
    select_row(qtbot, window, row)
    article = window.reader.article
    passage = "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi"
    start = article.body.index(passage)
    window.reader.select_offsets(start, start + len(passage))
    assert window.reader.selection_offsets() == (start, start + len(passage))
    window.activateWindow()
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: qapp.clipboard().mimeData().hasHtml())
    data = qapp.clipboard().mimeData()
    expected = news_cite.cite(article, start, start + len(passage), "plain",
                              news_cite.CiteSource(str(small_archive)))
    assert data.text() == expected.text
    assert passage in data.text()
    assert data.html() == news_cite.html_document(expected.html)
    assert data.html().startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in data.html()
    # another style from the preferences, with a publication name
    window.settings.set_citation_preferences("apa", False, {str(small_archive): "The Test Gazette"})
    window.actionSet.actCopyCite.trigger()
    data = qapp.clipboard().mimeData()
    expected = news_cite.cite(article, start, start + len(passage), "apa",
                              news_cite.CiteSource(str(small_archive), "The Test Gazette"))
    assert data.text() == expected.text and "The Test Gazette" in data.text()
    assert data.html() == news_cite.html_document(expected.html)
    # citation only, article text, snippet with citation
    window.actionSet.actCopyCiteOnly.trigger()
    assert qapp.clipboard().mimeData().text() == news_cite.cite(
        article, None, None, "apa", news_cite.CiteSource(str(small_archive), "The Test Gazette")).text
    window.actionSet.actCopyArticle.trigger()
    assert qapp.clipboard().text() == news_cite.article_text(article)
    window.actionSet.actCopySnippet.trigger()
    copied = qapp.clipboard().mimeData()
    assert copied.hasHtml() and "Mississippi" in copied.text() and "The Test Gazette" in copied.text()
    assert window.settings.cite_style == "apa"


def test_indexing_shows_progress_and_ends_with_the_report(qtbot, make_window, tmp_path, record_property):
    from newsfind.gui.stall import StallMeter

    nasty = make_nasty_copy(tmp_path / "nasty")
    window = make_window(wait=False)
    progress = []
    meter = StallMeter(parent=window)
    meter.start()
    window.archiveSet.open(str(nasty))
    assert window.status.progressBar.isVisibleTo(window) and window.status.cancelButton.isVisibleTo(window)
    qtbot.waitUntil(lambda: window.status.progressBar.maximum() > 1 or not window.archiveSet.is_indexing(), timeout=10000)
    progress.append((window.status.progressBar.value(), window.status.progressBar.maximum()))
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)
    longest = meter.stop()
    print(f"\nlongest GUI stall while indexing nasty/: {longest * 1000:.0f} ms over {meter.ticks} ticks")
    record_property("gui_stall_ms_indexing_nasty", round(longest * 1000))
    assert progress[0][1] > 30
    assert not window.status.progressBar.isVisibleTo(window)
    report = window.archiveSet.reports[str(nasty)]
    assert not report.cancelled and report.skipped
    window.show_report()
    dialog = window.reportDialog
    table = dialog.table
    rows = {table.item(r, 1).text(): (table.item(r, 2).text(), table.item(r, 3).text()) for r in range(table.rowCount())}
    assert rows["binary_png_named.txt"] == ("skipped", "binary file (a PNG image), not text")
    assert rows["gzipped_article.txt"][0] == "skipped"
    assert rows["empty.txt"][0] == "skipped"
    assert rows["latin1_de_article.txt"][0] == "indexed with a warning"
    assert "skipped" in dialog.summary.text()
    assert "file problems" in window.status.reportButton.text()
    dialog.close()


def test_cancelling_leaves_a_usable_index_and_f5_resumes(qtbot, make_window, tmp_path):
    root = tmp_path / "many"
    copy_sotu(root, 80)
    window = make_window(wait=False, index_batch_seconds=0.3)
    window.archiveSet.open(str(root))
    qtbot.waitUntil(lambda: window.status.progressBar.value() >= 5, timeout=20000)
    qtbot.mouseClick(window.status.cancelButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=20000)
    report = window.archiveSet.reports[str(root)]
    assert report.cancelled and report.indexed < 80
    search(qtbot, window, "union")
    assert window.model.rowCount() > 0
    assert "cancelled" in window.status.resultsLabel.text()
    window.actionSet.actRecheck.trigger()
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)
    report = window.archiveSet.reports[str(root)]
    assert not report.cancelled and report.indexed == 80 and report.unchanged > 0


def test_results_appear_while_a_new_archive_is_being_indexed(qtbot, make_window, tmp_path):
    root = tmp_path / "fresh"
    root.mkdir()
    shutil.copy2(SEED, root / SEED.name)
    copy_sotu(root / "sotu", 249)
    window = make_window(wait=False, index_batch_seconds=5.0)
    window.searchBar.field.setText("immigrants")
    window.archiveSet.open(str(root))
    # the seed is among the smallest files: it lands in the first batch (~0.5 s)
    qtbot.waitUntil(lambda: any(hit.path == SEED.name for hit in window.model.hits), timeout=20000)
    assert window.archiveSet.is_indexing(), "the first batch should be searchable long before the end"
    assert "results may be incomplete" in window.status.resultsLabel.text()
    window.archiveSet.cancel_indexing()  # (the rest is not needed here)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)


def test_once_indexing_ends_the_list_no_longer_says_it_may_be_incomplete(qtbot, make_window, tmp_path):
    root = tmp_path / "growing"
    copy_sotu(root, 80)
    window = make_window(wait=False, index_batch_seconds=0.3)
    window.searchBar.field.setText("union")
    window.archiveSet.open(str(root))
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=20000)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=60000)
    # the last batches' lists were made while the run said "running": the list is made again
    qtbot.waitUntil(lambda: "incomplete" not in window.status.resultsLabel.text(), timeout=10000)
    total = window.model.total  # and it is the whole list: a fresh search finds no more
    search(qtbot, window, "union")
    assert window.model.total == total


def indexing_window(qtbot, make_window, root, progress: int):
    """A window indexing 120 articles, once its progress bar reached `progress`; and the indexer's process."""
    copy_sotu(root, 120)
    window = make_window(wait=False, index_batch_seconds=0.3)
    window.archiveSet.open(str(root))
    qtbot.waitUntil(lambda: window.status.progressBar.value() >= progress, timeout=20000)
    process = window.archiveSet.indexWorker.process
    assert process is not None
    return window, process


def test_a_killed_indexer_is_reported_and_the_window_stays_usable(qtbot, make_window, tmp_path):
    import os
    import signal

    root = tmp_path / "killed"
    window, process = indexing_window(qtbot, make_window, root, progress=5)
    assert process.pid != os.getpid()
    os.kill(process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=20000)
    report = window.archiveSet.reports[str(root)]
    assert "stopped unexpectedly" in report.failure and "SIGKILL" in report.failure and not report.ok
    assert "not updated" in window.status.reportButton.text()
    window.show_report()
    summary = window.reportDialog.summary.text()
    assert "stopped unexpectedly" in summary and "without a problem" not in summary
    window.reportDialog.close()
    window.actionSet.actRecheck.trigger()  # F5: a new child finishes the work
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=60000)
    report = window.archiveSet.reports[str(root)]
    assert report.ok and report.indexed == 120
    search(qtbot, window, "union")
    assert window.model.rowCount() > 0


def test_closing_the_window_ends_the_indexer_process(qtbot, make_window, tmp_path):
    window, process = indexing_window(qtbot, make_window, tmp_path / "closing", progress=3)
    window.close()
    assert not window.archiveSet.indexThread.isRunning()
    assert process.exitcode is not None  # joined: no orphan left indexing


def test_right_to_left_text_and_astral_characters(qtbot, make_window, tmp_path):
    root = tmp_path / "rtl"
    root.mkdir()
    shutil.copy2(NASTY / "ar_article.txt", root / "ar_article.txt")
    (root / "emoji.txt").write_text(" date 2021-05-05 Party 🎉🎉 news: the lighthouse opened 🏮 and the lighthouse shone.\n",
                                    encoding="utf-8")
    window = make_window(root)
    search(qtbot, window, "مكتبة")
    assert window.model.rowCount() == 1
    select_row(qtbot, window, 0)
    block = window.reader.view.document().firstBlock()
    assert block.textDirection() == Qt.RightToLeft
    search(qtbot, window, "lighthouse")
    select_row(qtbot, window, 0)
    body = window.reader.article.body
    for selection, (start, end) in zip(window.reader.view.extraSelections(), window.model.hits[0].matches):
        assert selection.cursor.selectedText() == body[start:end] == "lighthouse"
    start = body.index("news")
    window.reader.select_offsets(start, start + 4)
    assert window.reader.view.textCursor().selectedText() == "news"
    assert window.reader.selection_offsets() == (start, start + 4)


def test_offset_map_round_trips():
    text = "a😀b😀😀c"
    mapping = OffsetMap(text)
    assert [mapping.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert [mapping.to_py(mapping.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert mapping.to_py(2) == 2  # inside the first pair: after the character


def test_several_archives_are_searched_together(qtbot, make_window, tmp_path, small_archive):
    other = tmp_path / "other"
    copy_sotu(other, 10, start=200)
    window = make_window(small_archive, other)
    search(qtbot, window, "congress")
    archives = {hit.archive for hit in window.model.hits}
    while window.model.canFetchMore():
        window.model.fetchMore()
        qtbot.waitUntil(lambda: not window.model.fetching)
    archives = {hit.archive for hit in window.model.hits}
    assert archives == {str(small_archive), str(other)}
    assert window.model.show_archive
    assert len(window.model.hits) == window.model.total
    scores = [hit.score for hit in window.model.hits]
    assert scores == sorted(scores, reverse=True)
    window.archiveSet.close(str(other))
    qtbot.waitUntil(lambda: {hit.archive for hit in window.model.hits} == {str(small_archive)})


def test_more_results_load_as_the_list_scrolls(qtbot, make_window, tmp_path):
    root = tmp_path / "sixty"
    copy_sotu(root, 70)
    window = make_window(root)
    window.resize(900, 500)
    search(qtbot, window, "the people")
    total = window.model.total
    assert total > 40 and window.model.rowCount() < total
    for _ in range(20):
        window.resultsView.scrollToBottom()
        qtbot.wait(50)
        if window.model.rowCount() == total:
            break
    assert window.model.rowCount() == total
    assert len({(hit.archive, hit.id) for hit in window.model.hits}) == total


def test_export_writes_every_result(qtbot, make_window, small_archive, tmp_path):
    window = make_window(small_archive)
    search(qtbot, window, "the")  # a stop word only: an error, nothing to export
    search(qtbot, window, "president")
    total = window.model.total
    target = tmp_path / "out.csv"
    window.exportFlow.export(str(target), "csv")
    qtbot.waitUntil(lambda: target.exists() and "Exported" in window.statusBar().currentMessage(), timeout=5000)
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["title", "date", "path", "snippet"] and len(rows) == total + 1
    assert "<mark>" not in target.read_text("utf-8")
    md = tmp_path / "out.md"
    window.exportFlow.export(str(md), "markdown")
    qtbot.waitUntil(lambda: md.exists() and md.read_text("utf-8").count("\n") == total + 2, timeout=5000)


def test_settings_are_remembered(qtbot, make_window, small_archive, gui_settings):
    window = make_window(small_archive)
    window.searchBar.sortBox.setCurrentIndex(window.searchBar.sortBox.findData("newest"))
    window.actionSet.actZoomIn.trigger()
    window.actionSet.actZoomIn.trigger()
    size = window.reader.font_size()
    search(qtbot, window, "budget")
    qtbot.keyClick(window.searchBar.field, Qt.Key_Return)  # remembered in the history
    window.resize(1000, 700)
    window.splitter.setSizes([300, 700])
    window.close()
    again = make_window(settings=gui_settings, wait=False)
    assert again.archiveSet.archives == [str(small_archive)]
    assert again.searchBar.sortBox.currentData() == "newest"
    assert again.reader.font_size() == size
    assert again.searchBar.history()[0] == "budget"
    assert again.settings.recent_archives[0] == str(small_archive)
    # (the offscreen screen is small, so the restored size is clamped to it)
    assert gui_settings.value("window/geometry") is not None
    assert again.splitter.sizes()[0] < again.splitter.sizes()[1]
    qtbot.waitUntil(lambda: not again.archiveSet.is_indexing(), timeout=20000)


def test_first_launch_opens_the_bundled_sample(qtbot, gui_settings, clean_clipboard):
    from newsfind.gui.mainwindow import MainWindow
    from newsfind.resources import sample_archive

    window = MainWindow(gui_settings)
    qtbot.addWidget(window)
    try:
        assert window.archiveSet.archives == [str(sample_archive())]
        assert window.archiveSet.is_indexing() or window.archiveSet.reports
        available = window.screen().availableGeometry()
        assert window.width() >= 0.85 * available.width()  # a first launch takes most of the screen
    finally:
        window.archiveSet.indexWorker.cancel()
        window.shutdown()


def test_every_menu_action_has_a_shortcut_and_ctrl_shift_s_opens_the_sample(qtbot, make_window):
    from PySide6.QtGui import QKeySequence

    from newsfind.resources import sample_archive

    window = make_window()
    window.actionSet.fill_recent_menu()
    lists = {window.actionSet.recentMenu, window.actionSet.closeMenu, window.searchBar.historyMenu}  # numbered lists

    def actions(menu):
        for action in menu.actions():
            if action.menu() is not None:
                yield from actions(action.menu())
            elif not action.isSeparator():
                yield menu, action

    lacking = [action.text() for menu in window.menuBar().actions() if menu.menu() is not None
               for owner, action in actions(menu.menu())
               if action.shortcut().isEmpty() and (owner not in lists or action is window.actionSet.actOpenSample)]
    assert lacking == []
    assert window.actionSet.actOpenSample in window.actionSet.recentMenu.actions()
    assert window.actionSet.actOpenSample.shortcut() == QKeySequence("Ctrl+Shift+S")
    keys = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.searchBar.field, Qt.Key_S, Qt.ControlModifier | Qt.ShiftModifier)
    assert str(sample_archive()) in window.archiveSet.archives
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)


def test_ctrl_f_finds_in_the_article_shown_and_ctrl_l_goes_to_the_search_field(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "immigrants")
    window.activateWindow()
    window.actionSet.actFind.trigger()  # no article yet: the search field
    assert window.searchBar.field.hasFocus() and not window.reader.findBar.isVisible()
    row = next(n for n, hit in enumerate(window.model.hits) if hit.path == SEED.name)
    select_row(qtbot, window, row)
    window.searchBar.field.setFocus()
    window.actionSet.actFind.trigger()  # an article shown: find in it, wherever the focus was
    assert window.reader.findBar.isVisible() and window.reader.findBar.field.hasFocus()
    qtbot.keyClicks(window.reader.findBar.field, "Mississippi")
    assert window.reader.view.textCursor().selectedText() == "Mississippi"
    body = window.reader.article.body
    count = body.lower().count("mississippi")
    assert window.reader.findBar.status.text() == f"1 of {count}"
    assert [body[start:end] for start, end in window.reader.found_spans()] == ["Mississippi"] * count
    hits, found = window.reader.scrollBar.marks()
    assert len(hits) == len(window.reader.matches) and len(found) == count
    assert found == sorted(found) and all(0 <= fraction < 1 for fraction in hits + found)
    window.actionSet.actFocusSearch.trigger()
    assert window.searchBar.field.hasFocus()


def test_dropping_a_folder_opens_it_as_an_archive(qtbot, make_window, small_archive, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    window = make_window()
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(small_archive))])
    enter = QDragEnterEvent(window.rect().center(), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(drop)
    assert window.archiveSet.archives == [str(small_archive)]
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=20000)
    search(qtbot, window, "immigration")
    assert window.model.rowCount() > 0
    # a file (not a folder) is refused
    (tmp_path / "note.txt").write_text("x")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "note.txt"))])
    enter = QDragEnterEvent(window.rect().center(), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    enter.setAccepted(False)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def settle(qtbot, window) -> None:
    """Wait for the search just requested (by the window itself) to be answered."""
    wanted = window.searchController.generation
    qtbot.waitUntil(lambda: window.searchController.generation == wanted and window.searchController.settled, timeout=5000)


def test_more_like_this_is_a_query_of_its_own_and_back_returns_to_the_list(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    type_query(qtbot, window, "immigrants")
    listed = [hit.id for hit in window.model.hits]
    select_row(qtbot, window, 1)
    title, shown, path = window.reader.article.title, window.reader.article.id, window.model.hits[1].path
    window.actionSet.actMoreLike.trigger()
    settle(qtbot, window)
    # the query is in the field and the history, like any other
    assert window.searchBar.text() == f'like:"{path}"'
    assert window.searchBar.history()[0] == f'like:"{path}"'
    assert "articles like" in window.status.resultsLabel.text() and title[:20] in window.status.resultsLabel.text()
    assert window.model.rowCount() > 0 and shown not in {hit.id for hit in window.model.hits}
    assert window.reader.article.id == shown  # still read while its like are listed
    assert not window.dateFilter.timeline.isVisible()

    # Back (Alt+Left): the list before, the article still current in it
    qtbot.keyClick(window.searchBar.field, Qt.Key_Left, Qt.AltModifier)
    settle(qtbot, window)
    assert window.searchBar.text() == "immigrants"
    assert [hit.id for hit in window.model.hits] == listed
    assert window.resultsView.currentIndex().row() == 1 and window.reader.article.id == shown
    # Forward (Alt+Right) and run again from the history
    qtbot.keyClick(window.searchBar.field, Qt.Key_Right, Qt.AltModifier)
    settle(qtbot, window)
    assert window.searchBar.text().startswith("like:") and shown not in {hit.id for hit in window.model.hits}


def test_back_from_a_query_being_typed_returns_to_the_last_one_taken(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, "union")
    qtbot.keyClick(window.searchBar.field, Qt.Key_Return)  # taken as a step
    settle(qtbot, window)
    type_query(qtbot, window, "tariff")  # typed, not taken
    window.actionSet.actBack.trigger()
    settle(qtbot, window)
    assert window.searchBar.text() == "union"
    window.actionSet.actForward.trigger()
    settle(qtbot, window)
    assert window.searchBar.text() == "tariff"


def test_the_status_bar_says_how_long_the_user_waited_from_the_keystroke_to_the_list_painted(qtbot, make_window, small_archive):
    import re
    import time

    window = make_window(small_archive)
    started = time.perf_counter()
    type_query(qtbot, window, "union")
    qtbot.waitUntil(lambda: window.searchController.waited is not None)
    waited = window.searchController.waited
    assert 0 < waited < time.perf_counter() - started
    shown = re.match(r"([\d,]+) results in (\d+) ms", window.status.resultsLabel.text())
    assert shown and int(shown.group(1).replace(",", "")) == window.searchController.last_answer.page.total
    assert int(shown.group(2)) == round(waited * 1000)


def test_a_like_query_for_an_article_no_archive_holds_says_so(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    search(qtbot, window, 'like:"no/such/article.txt"')
    assert "No open archive has an article at" in window.searchBar.error_text()


def test_clicking_a_timeline_bar_filters_the_results_to_that_period(qtbot, make_window, small_archive):
    window = make_window(small_archive)
    view = window.dateFilter.timeline
    assert not view.isVisible()  # no query yet
    type_query(qtbot, window, "union")
    assert view.isVisible()
    qtbot.waitUntil(lambda: view.bar_count() > 1)
    timeline = view.timeline()
    total = window.searchController.last_answer.page.total
    assert sum(b.count for b in timeline.buckets) + timeline.undated == total
    # a bar with matches, but not all of them
    i = next(n for n, b in enumerate(timeline.buckets) if 0 < b.count < timeline.dated)
    bucket = timeline.buckets[i]
    generation = window.searchController.generation
    qtbot.mouseClick(view, Qt.LeftButton, pos=view.bar_rect(i).center().toPoint())
    qtbot.waitUntil(lambda: window.searchController.generation > generation and window.searchController.settled,
                    timeout=5000)
    assert view.selected_range() == (bucket.start, bucket.end)
    assert (window.dateFilter.fromField.text(), window.dateFilter.toField.text()) == (bucket.start.isoformat(), bucket.end.isoformat())
    hits = window.model.hits
    assert len(hits) == bucket.count == window.searchController.last_answer.page.total
    for hit in hits:
        assert hit.date is not None and bucket.start <= hit.date <= bucket.end, (hit.path, hit.date)
    # the timeline still shows the whole query, with the period selected
    assert view.bar_count() == len(timeline.buckets)

    # editing a date by hand drops the selection but keeps the typed filter
    window.dateFilter.toField.setFocus()
    window.dateFilter.toField.selectAll()
    qtbot.keyClicks(window.dateFilter.toField, "1970")
    assert view.selected_range() is None
    assert window.dateFilter.fromField.text() == bucket.start.isoformat()

    # clearing the selection lifts the filter and searches again
    view.select_buckets(i)
    qtbot.waitUntil(lambda: window.searchController.settled, timeout=5000)
    generation = window.searchController.generation
    view.clear_selection()
    qtbot.waitUntil(lambda: window.searchController.generation > generation and window.searchController.settled,
                    timeout=5000)
    assert (window.dateFilter.fromField.text(), window.dateFilter.toField.text()) == ("", "")
    assert window.searchController.last_answer.page.total == total

    # an empty query hides the timeline
    window.searchBar.field.clear()
    window.search_now()
    assert not view.isVisible()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the freedesktop launchers")
def test_open_file_and_show_in_folder_reach_a_file_whose_name_is_not_utf8(qtbot, make_window, tmp_path, monkeypatch):
    """The desktop gets the file's exact bytes (percent-encoded in a file:// URI), not a
    Qt string that cannot hold them. Stand-ins for xdg-open and dbus-send record what they get."""
    import os
    import time
    import urllib.parse

    root = tmp_path / "archive"
    root.mkdir()
    name = b"invalid_\xff\xfe qqlaunch.txt"
    with open(os.path.join(os.fsencode(root), name), "wb") as handle:
        handle.write(b" date 2020-01-01 \nOdd name\n\nqqlaunch text\n")
    launched = tmp_path / "launched.txt"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for program in ("xdg-open", "dbus-send"):
        (bin_dir / program).write_text(f'#!/bin/sh\nprintf "%s\\n" "{program} $*" >> "{launched}"\n', "utf-8")
        (bin_dir / program).chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    window = make_window(root)
    search(qtbot, window, "qqlaunch")
    select_row(qtbot, window, 0)
    assert window.reader.title.text() == "Odd name" and "invalid_\ufffd\ufffd" in window.reader.meta.text()
    window.actionSet.actOpenFile.trigger()
    window.actionSet.actShowFolder.trigger()
    qtbot.waitUntil(lambda: launched.exists() and len(launched.read_text().splitlines()) == 2, timeout=5000)
    time.sleep(0.1)
    uris = [line.split()[-1] if line.startswith("xdg-open") else line.split("array:string:")[1].split()[0]
            for line in launched.read_text().splitlines()]
    exact = os.fsencode(root) + b"/" + name
    assert [urllib.parse.unquote_to_bytes(uri.removeprefix("file://")) for uri in uris] == [exact, exact]


def test_an_index_damaged_while_the_window_was_closed_is_repaired_when_opened(qtbot, make_window, tmp_path):
    from newsfind.index import default_index_dir

    root = copy_sotu(tmp_path / "archive", 30)
    window = make_window(root)
    search(qtbot, window, "congress")
    found = window.model.total
    window.archiveSet.close(str(root))
    victim = max(default_index_dir(root).glob("*.seg"), key=lambda p: p.stat().st_size)
    with open(victim, "r+b") as handle:
        handle.write(bytes(victim.stat().st_size))
    window.archiveSet.open(str(root), remember=False)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=60000)
    report = window.archiveSet.reports[str(root)]
    assert report.ok and any("damaged" in repair for repair in report.repairs) and report.added > 0
    search(qtbot, window, "congress")
    assert window.model.total == found
    window.show_report()
    assert "were indexed again" in window.reportDialog.summary.text()
    window.reportDialog.close()
