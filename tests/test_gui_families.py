"""Wire-copy families in the window: a story listed once with "+ N copies", its copies
listed under it, the counts in stories, Collapse Copies off, two copies compared."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from newsfind.copy_diff import diff_copies
from newsfind.gui.copy_compare import change_formats
from newsfind.gui.theme import dark_palette
from tests.gui_steps import search
from tests.wire_archive import WireArchive, make_wire_archive


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> WireArchive:
    return make_wire_archive(tmp_path_factory.mktemp("wire") / "wire", originals=24)  # (one page of stories)


def _story_rows(window) -> dict[str, int]:
    """File name → row, for the rows that stand for copies."""
    return {hit.path: row for row, hit in enumerate(window.model.hits) if hit.copies}


def _largest_family(wire: WireArchive) -> list[str]:
    """Its file names, earliest first."""
    return sorted(max(wire.families(), key=len), key=lambda name: (wire.dates[name], name))


def test_a_story_is_listed_once_with_its_copies_and_the_counts_say_stories(qtbot, make_window, wire) -> None:
    window = make_window(wire.root)
    with qtbot.waitSignal(window.resultsView.announced, timeout=10000) as said:
        search(qtbot, window, "*")
    stories = len(wire.story_of) - sum(len(family) - 1 for family in wire.families())
    counted = f"{len(wire.story_of)} articles in {stories} stories"
    assert said.args == [counted]
    assert window.status.resultsLabel.text().startswith(counted)
    assert window.model.rowCount() == stories
    # Each family's row is its earliest copy, standing for the others (the first story's copy is dated before it).
    for family in wire.families():
        earliest = min(family, key=lambda name: (wire.dates[name], name))
        row = _story_rows(window)[earliest]
        assert window.model.hits[row].copies == len(family) - 1
        spoken = window.model.index(row).data(Qt.AccessibleTextRole)
        plural = "copy" if len(family) == 2 else "copies"
        assert f"+ {len(family) - 1} {plural}" in spoken
    # The timeline counts stories, each on its earliest copy's date.
    timeline = window.dateFilter.timeline
    assert sum(bucket.count for bucket in timeline.timeline().buckets) == stories
    assert timeline.tooltip_for_bar(0).endswith(("story", "stories"))
    assert "dated stories" in timeline.summary_text()


def test_the_right_key_lists_a_storys_copies_under_it_and_the_left_key_takes_them_away(qtbot, make_window,
                                                                                          wire) -> None:
    window = make_window(wire.root)
    search(qtbot, window, "*")
    family = _largest_family(wire)
    view, model = window.resultsView, window.model
    row = _story_rows(window)[family[0]]
    view.setFocus()
    view.select_row(row)
    qtbot.keyClick(view, Qt.Key_Right)
    qtbot.waitUntil(lambda: model.rowCount() == len(wire.story_of) - sum(len(f) - 1 for f in wire.families())
                    + len(family) - 1, timeout=5000)
    copies = model.hits[row + 1:row + len(family)]
    assert [hit.path for hit in copies] == family[1:]  # earliest first
    assert [hit.date.isoformat() for hit in copies] == [wire.dates[name] for name in family[1:]]
    assert all(model.story_of(n) == model.hits[row] for n in range(row + 1, row + len(family)))
    story_title = model.hits[row].title
    assert model.index(row + 1).data(Qt.AccessibleTextRole).startswith(f"copy of “{story_title}”: ")
    assert "shown below" in model.index(row).data(Qt.AccessibleTextRole)
    # A copy is a result like any other: it is read, and starred.
    view.select_row(row + 2)
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.path == family[2])
    window.actionSet.actStar.trigger()
    qtbot.waitUntil(lambda: "★ starred" in model.index(row + 2).data(Qt.AccessibleTextRole))
    # Left on a copy takes the copies away and goes back to the story.
    qtbot.keyClick(view, Qt.Key_Left)
    assert model.rowCount() == len(wire.story_of) - sum(len(f) - 1 for f in wire.families())
    assert view.currentIndex().row() == row


def test_a_click_on_plus_n_copies_lists_them(qtbot, make_window, wire) -> None:
    window = make_window(wire.root)
    search(qtbot, window, "*")
    family = _largest_family(wire)
    view = window.resultsView
    row = _story_rows(window)[family[0]]
    index = window.model.index(row)
    view.scrollTo(index)
    qtbot.waitUntil(lambda: view.indexAt(view.visualRect(index).center()) == index)  # (laid out)
    rect = view.visualRect(index)
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = rect
    link = next(QPoint(x, y) for y in range(rect.top(), rect.bottom(), 3) for x in range(rect.left(), rect.right(), 4)
                if view.itemDelegate().link_at(option, index, QPoint(x, y)) == "copies")
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=link)
    qtbot.waitUntil(lambda: window.model.copies_shown(row) and window.model.story_of(row + 1) is not None,
                    timeout=5000)


def test_collapse_copies_off_lists_every_article(qtbot, make_window, wire, gui_settings) -> None:
    window = make_window(wire.root)
    search(qtbot, window, "*")
    window.actionSet.actCollapseCopies.trigger()  # (checked at start: on by default)
    wanted = window.searchController.generation
    qtbot.waitUntil(lambda: window.searchController.answered_generation == wanted and window.searchController.settled)
    assert not window.settings.collapse_copies
    assert window.model.total == len(wire.story_of) and window.model.stories is None and not _story_rows(window)
    assert window.status.resultsLabel.text().startswith(f"{len(wire.story_of)} results")
    assert window.dateFilter.timeline.tooltip_for_bar(0).endswith(("article", "articles"))


def test_compare_with_first_copy_marks_what_was_added_and_cut(qtbot, make_window, wire) -> None:
    window = make_window(wire.root)
    search(qtbot, window, "*")
    family = _largest_family(wire)
    row = _story_rows(window)[family[0]]
    window.resultsView.show_copies(row)
    qtbot.waitUntil(lambda: window.model.story_of(row + 3) is not None, timeout=5000)
    window.resultsView.select_row(row + 3)  # the third copy
    qtbot.waitUntil(lambda: window.reader.article is not None and window.reader.article.path == family[3])
    later = window.reader.article
    window.actionSet.actCompareCopies.trigger()
    qtbot.waitUntil(lambda: window.reader.composed, timeout=5000)
    # No article is shown: nothing to cite, star or mark while the comparison is.
    assert not window.actionSet.actCopyCite.isEnabled() and not window.marksBar.isEnabled()
    summary = diff_copies(window.archiveSet.article(window.model.hits[row]).body, later.body).summary
    assert window.reader.title.text() == f"Two copies compared: {summary}"
    assert family[0] in window.reader.meta.text() and family[3] in window.reader.meta.text()
    runs = list(_runs(window.reader.view.document()))
    diff = diff_copies(window.archiveSet.article(window.model.hits[row]).body, later.body)
    added = "".join(text for text, fmt in runs if fmt.fontUnderline())
    cut = "".join(text for text, fmt in runs if fmt.fontStrikeOut())
    assert added == "".join(p.text for p in diff.pieces if p.kind == "added" and not p.text.isspace()).replace("\n", "")
    assert cut == "".join(p.text for p in diff.pieces if p.kind == "cut" and not p.text.isspace()).replace("\n", "")
    assert added.strip() and cut.strip()
    # The earlier copy's text is all there, laid out as it is: what is not added is the earlier body.
    earlier = "".join(text for text, fmt in runs if not fmt.fontUnderline())
    assert earlier == window.archiveSet.article(window.model.hits[row]).body.replace("\n", "")
    # Esc goes back to the article read.
    qtbot.keyClick(window.reader.view, Qt.Key_Escape)
    assert not window.reader.composed and window.reader.article == later
    assert window.actionSet.actCopyCite.isEnabled() and window.marksBar.isEnabled()
    assert not any(fmt.fontStrikeOut() for _, fmt in _runs(window.reader.view.document()))


def test_an_article_with_no_copies_has_nothing_to_compare(qtbot, make_window, wire) -> None:
    window = make_window(wire.root)
    search(qtbot, window, "*")
    row = next(n for n, hit in enumerate(window.model.hits) if not hit.copies)
    window.resultsView.select_row(row)
    qtbot.waitUntil(lambda: window.reader.article is not None)
    window.actionSet.actCompareCopies.trigger()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Nothing to compare"), timeout=5000)
    assert not window.reader.composed


def test_the_changes_read_in_the_dark_theme_too() -> None:
    for palette in (QPalette(Qt.white), dark_palette()):
        base = palette.color(QPalette.Base)
        for kind, fmt in change_formats(palette).items():
            if kind != "same":
                assert abs(fmt.background().color().lightness() - base.lightness()) < 80, kind
                assert _contrast(fmt.foreground().color(), fmt.background().color()) >= 4.5, kind


def _runs(document):
    """(text, format) of each run of the document's lines (their ends, which carry no format, left out)."""
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            yield fragments.fragment().text(), fragments.fragment().charFormat()
            fragments += 1
        block = block.next()


def _contrast(a, b) -> float:
    def luminance(colour) -> float:
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)

