"""Nothing from an archive is ever read by Qt as markup (issue #10).

A hostile archive puts HTML, entities, "&" mnemonics and "[*]" in its folder
name, file names, titles and text. The real window opens, indexes and searches
it, shows an article, its dialogs and menus; then every text any widget or
model would show is rendered the way Qt would render it, and each hostile
marker word must stand in its markup, literally.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from hypothesis import given, strategies as st  # noqa: E402
from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QHelpEvent, QTextDocument  # noqa: E402
from PySide6.QtGui import Qt as GuiQt  # noqa: E402  (mightBeRichText lives in QtGui's Qt)
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton, QAbstractItemView, QApplication, QComboBox, QLabel, QLineEdit, QMenu, QMessageBox,
    QPlainTextEdit, QStatusBar, QStyleOptionViewItem, QTextEdit, QToolTip, QWidget,
)

from newsfind.gui.plaintext import tooltip_text  # noqa: E402
from newsfind.gui.results import HitDelegate  # noqa: E402
from tests.gui_steps import search  # noqa: E402

pytestmark = pytest.mark.usefixtures("clean_clipboard")

FOLDER = "<u>zqxfolder&amp;[*]<img src=x.png>"
NAME = "<b>zqxname&amp;<img src=x.png>"
SKIPPED = "<u>zqxskip<i>&amp;"
TITLE = '<b>zqxtitle</b> &amp; <a href="http://example.com/">zqxlink</a>'
BODY = ("Plain words come first here, then seekword <b>zqxbody</b> with zqxamp&amp; entities, "
        "an image zqximg<img src=/tmp/x.png> and <u>more</u> plain words after it all.")

#: marker word → the markup around it, which must be shown literally wherever the word is.
MARKERS = {
    "zqxfolder": FOLDER,
    "zqxname": NAME,
    "zqxskip": SKIPPED,
    "zqxtitle": "<b>zqxtitle</b>",
    "zqxlink": '<a href="http://example.com/">zqxlink</a>',
    "zqxbody": "<b>zqxbody</b>",
    "zqxamp": "zqxamp&amp;",
    "zqximg": "zqximg<img src=/tmp/x.png>",
}


def make_hostile_archive(tmp_path: Path) -> Path:
    """A folder whose names and texts are all markup; one file is skipped (so it is reported)."""
    root = tmp_path / FOLDER
    root.mkdir()
    (root / f"{NAME}.txt").write_text(f" date 2019-08-08 \n{TITLE}\n\n{BODY}\n", encoding="utf-8")
    (root / f"{SKIPPED}.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    return root


# ------------------------------------------------------------- how Qt renders

def rendered(text: str, fmt=Qt.AutoText) -> str:
    """What a label, tooltip or message box shows of text: Qt's own rich-text guess."""
    if fmt == Qt.RichText or (fmt == Qt.AutoText and GuiQt.mightBeRichText(text)):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    if fmt == Qt.MarkdownText:
        doc = QTextDocument()
        doc.setMarkdown(text)
        return doc.toPlainText()
    return text


def mnemonic_rendered(text: str) -> str:
    """What a menu item or button shows: "&&" is "&", "&x" is an underlined x."""
    return re.sub(r"&(.)", r"\1", text)


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(what, rendered text) for everything this widget itself shows."""
    out = [(what, rendered(getattr(widget, what)())) for what in ("toolTip", "statusTip", "whatsThis")]
    if isinstance(widget, QLabel):
        out.append(("text", rendered(widget.text(), widget.textFormat())))
    if isinstance(widget, QMessageBox):
        out += [("text", rendered(widget.text(), widget.textFormat())),
                ("informativeText", rendered(widget.informativeText(), widget.textFormat())),
                ("detailedText", widget.detailedText())]
    if isinstance(widget, QAbstractButton):
        out.append(("text", mnemonic_rendered(widget.text())))
    if isinstance(widget, QLineEdit):
        out += [("text", widget.text()), ("placeholder", widget.placeholderText())]
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        out += [("document", widget.document().toPlainText()), ("placeholder", widget.placeholderText())]
    if isinstance(widget, QMenu):
        out += [("action", mnemonic_rendered(action.text())) for action in widget.actions()]
    if isinstance(widget, QStatusBar):
        out.append(("message", widget.currentMessage()))
    if isinstance(widget, QComboBox):
        out += [("item", widget.itemText(n)) for n in range(widget.count())]
    if widget.isWindow() and widget.windowHandle() is not None:
        out.append(("title", widget.windowHandle().title()))  # as the window system gets it
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        out += item_texts(widget)
    if hasattr(widget, "placeholder") and isinstance(widget.placeholder, str):
        out.append(("placeholder", widget.placeholder))
    return out


def item_texts(view: QAbstractItemView) -> list[tuple[str, str]]:
    """Every item's display text, tooltip, status tip; the results delegate's HTML, rendered."""
    model, out = view.model(), []
    for row in range(model.rowCount(QModelIndex())):
        column = -1
        while model.hasIndex(row, column + 1):  # (a list model hides columnCount)
            column += 1
            index = model.index(row, column)
            for role in (Qt.DisplayRole, Qt.ToolTipRole, Qt.StatusTipRole, Qt.WhatsThisRole):
                value = index.data(role)
                if isinstance(value, str):
                    out.append((f"item {role}", value if role == Qt.DisplayRole else rendered(value)))
        delegate = view.itemDelegate()
        if isinstance(delegate, HitDelegate):
            option = QStyleOptionViewItem()
            option.palette = view.palette()
            hit = model.hits[row]
            out.append(("delegate", rendered(delegate.hit_html(hit, option, False), Qt.RichText)))
    return out


def shown_texts(extra: dict[str, object] | None = None) -> list[tuple[str, str]]:
    """(where, rendered) for every widget of the application; where names the attribute if known."""
    names = {id(value): name for obj in (extra or {}).values() for name, value in vars(obj).items()}
    names.update((id(obj), key) for key, obj in (extra or {}).items())
    out = []
    for widget in QApplication.allWidgets():
        where = names.get(id(widget), type(widget).__name__)
        out += [(f"{where}.{what}", text) for what, text in widget_texts(widget)]
    return out


def misread(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(where, marker, text) wherever a marker word is shown without its markup, literally."""
    return [(where, marker, text) for where, text in texts
            for marker, literal in MARKERS.items() if marker in text and literal not in text]


def places_with(texts: list[tuple[str, str]], marker: str) -> set[str]:
    return {where for where, text in texts if marker in text}


# ------------------------------------------------------------- driving the window

def parts(window) -> dict[str, object]:
    """The window and its components, whose attributes name the widgets found."""
    return {"window": window, "status": window.status, "actions": window.actionSet, "search": window.searchBar,
            "dates": window.dateFilter, "reader": window.reader}


def show_tooltip(qtbot, widget: QWidget, pos: QPoint) -> None:
    """The tooltip Qt itself shows on hovering pos (a real QToolTip, found by the walk)."""
    QToolTip.hideText()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.ToolTip, pos, widget.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)


def capture_modal(qtbot, open_it) -> list[tuple[str, str]]:
    """Open a modal dialog with open_it(), record what everything shows while it is up, close it."""
    captured: list[tuple[str, str]] = []

    def grab() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or captured:
            return
        timer.stop()
        captured.extend(shown_texts({"dialog": modal}))
        modal.reject()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(grab)
    timer.start()
    open_it()
    qtbot.waitUntil(lambda: bool(captured), timeout=10000)
    timer.stop()
    return captured


def test_no_archive_name_or_text_is_ever_shown_as_markup(qtbot, make_window, tmp_path):
    root = make_hostile_archive(tmp_path)
    window = make_window(root, wait=False)
    texts = shown_texts(parts(window))  # while "Checking <folder>…" is up
    assert FOLDER in window.status.progressLabel.text()
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)

    search(qtbot, window, "seekword")  # the query is the user's text: no marker in it
    assert window.model.rowCount() == 1, window.status.resultsLabel.text()
    window.resultsView.setCurrentIndex(window.model.index(0))
    qtbot.waitUntil(lambda: window.reader.article is not None)
    view = window.resultsView
    show_tooltip(qtbot, view.viewport(), view.visualRect(window.model.index(0)).center())
    texts += [("results QToolTip", rendered(QToolTip.text()))] + shown_texts(parts(window))
    show_tooltip(qtbot, window.reader.meta, window.reader.meta.rect().center())
    texts += [("reader QToolTip", rendered(QToolTip.text()))]
    QToolTip.hideText()

    window.show_report()
    window.actionSet.fill_recent_menu()
    window.actionSet.fill_close_menu()
    window.actionSet.actCopyCiteOnly.trigger()
    mime = QApplication.clipboard().mimeData()
    texts += [("clipboard.html", rendered(mime.html(), Qt.RichText)), ("clipboard.text", mime.text())]
    texts += shown_texts({**parts(window), "report": window.reportDialog})
    texts += capture_modal(qtbot, window.show_preferences)
    gone = tmp_path / f"{FOLDER}-gone" / "results.csv"  # no such folder: the export fails and says where
    texts += capture_modal(qtbot, lambda: window.exportFlow.export(str(gone), "csv"))

    bad = misread(texts)
    assert bad == [], "\n".join(map(repr, bad))
    # Every kind of place was reached (the walk did not pass by finding nothing).
    assert {"progressLabel.text", "window.title", "reportButton.toolTip", "meta.toolTip", "reader QToolTip",
            "summary.text", "table.item 0", "table.item 3", "recentMenu.action", "closeMenu.action",
            "dialog.text", "QLabel.text", "QLabel.toolTip"} <= places_with(texts, "zqxfolder")
    assert {"resultsView.item 3", "results QToolTip", "meta.text",
            "resultsView.delegate"} <= places_with(texts, "zqxname")
    assert {"title.text", "resultsView.delegate", "clipboard.html"} <= places_with(texts, "zqxtitle")
    assert {"view.document", "resultsView.delegate"} <= places_with(texts, "zqxbody")
    assert {"table.item 0", "table.item 3"} <= places_with(texts, "zqxskip")


# Qt's own plain-text export turns these into other characters, whatever the markup.
_EXPORT_CHANGES = "\r\u2028\u2029\xa0"
_MARKUP = st.lists(st.sampled_from(list("<>&;#/=\"' \n\tabx[]*-!?") + ["&amp;", "<b>", "</p>", "<br>", "<!--"])).map("".join)


@given(st.one_of(_MARKUP, st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                         blacklist_characters=_EXPORT_CHANGES))))
def test_a_tooltip_shows_its_text_exactly(qapp, text):
    tip = tooltip_text(text)
    assert rendered(tip) == text
    assert tip == "" or GuiQt.mightBeRichText(tip)  # explicit rich text: Qt's guess never decides
