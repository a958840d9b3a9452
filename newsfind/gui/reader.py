"""The reading pane: a header (title, date, path) above the article body.

The QTextEdit holds exactly ``article.body`` as plain text, so a document
position maps to a body offset (after converting UTF-16 code units to Python
characters for text outside the Basic Multilingual Plane). Article text is
never parsed as HTML. Matches are shown with ExtraSelections.
"""

from __future__ import annotations

import bisect
import re

from typing import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from newsfind.archive import Article
from newsfind.gui.find_bar import FindBar
from newsfind.gui.marked_scrollbar import MarkedScrollBar
from newsfind.gui.plaintext import tooltip_text

#: The match highlight: dark text on yellow reads well in light and dark themes.
MARK_BACKGROUND = QColor("#ffe066")
MARK_CURRENT = QColor("#ff9632")
MARK_FOREGROUND = QColor("#000000")
#: What Find in Article found: blue, apart from the query's yellow.
FOUND_BACKGROUND = QColor("#a8d4ff")
FOUND_CURRENT = QColor("#4ea3f5")

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Python string offsets ↔ Qt document positions (UTF-16 code units)."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # python offsets
        # Qt position of each astral char = python offset + number of astral chars before it
        self._qt_end = [offset + n + 2 for n, offset in enumerate(self._astral)]
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        if not self._astral:
            return offset
        return offset + bisect.bisect_left(self._astral, offset)

    def to_py(self, position: int) -> int:
        if not self._astral:
            return position
        # every astral char that ends at or before position took one extra unit;
        # a position inside a surrogate pair rounds up to after the char
        return min(position - bisect.bisect_right(self._qt_end, position), self.length)


class BodyView(QTextEdit):
    """Read-only plain-text article body."""

    findRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.setFrameShape(QFrame.NoFrame)
        self.document().setDocumentMargin(14)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        self.extraActions: list = []  # added to the context menu
        self.max_columns: int | None = None  #: the reading column's width in average characters
        self.setAutoFillBackground(True)  # (the margins beside a narrow column: the page's colour)
        self.setBackgroundRole(QPalette.Base)

    def fit_column(self) -> None:
        """Centre a column at most max_columns characters wide (with None, the full width)."""
        side = 0
        if self.max_columns:
            column = self.max_columns * self.fontMetrics().averageCharWidth() + 2 * self.document().documentMargin()
            bar = self.verticalScrollBar().width() if self.verticalScrollBar().isVisible() else 0
            side = max(0, int(self.width() - bar - 2 * self.frameWidth() - column) // 2)
        if self.viewportMargins().left() != side:
            self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_column()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self.fit_column()

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.extraActions:
            first = menu.actions()[0] if menu.actions() else None
            for action in self.extraActions:
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def insertFromMimeData(self, source) -> None:  # read-only anyway
        return

    def createMimeDataFromSelection(self):
        # Plain copy (Ctrl+C) gives plain text only: never the widget's HTML.
        from PySide6.QtCore import QMimeData
        data = QMimeData()
        data.setText(self.textCursor().selectedText().replace("\u2029", "\n").replace("\u2028", "\n"))
        return data


class ReadingPane(QWidget):
    hitChanged = Signal(int, int)  # current (1-based, 0 = none), count
    composedLeft = Signal()  #: Esc while composed text (two copies compared) is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reading pane")
        self.setAccessibleDescription("The article chosen in the results: its title, date and file, then its text")
        self.article: Article | None = None
        self.composed = False  #: composed text is shown (two copies compared), not an article
        self.archive_root: str = ""
        self.matches: list[tuple[int, int]] = []
        self.current = -1
        self._map = OffsetMap("")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.header = QWidget(self)
        self.header.setAutoFillBackground(True)
        self.header.setBackgroundRole(QPalette.Window)
        header = QVBoxLayout(self.header)
        header.setContentsMargins(14, 10, 14, 8)
        header.setSpacing(2)
        self.title = QLabel(self.header)
        self.title.setTextFormat(Qt.PlainText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel(self.header)
        self.meta.setTextFormat(Qt.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.meta.setForegroundRole(QPalette.PlaceholderText)
        header.addWidget(self.title)
        header.addWidget(self.meta)
        layout.addWidget(self.header)

        line = QFrame(self)
        line.setFrameShape(QFrame.HLine)
        line.setFrameShadow(QFrame.Sunken)
        layout.addWidget(line)

        self.view = BodyView(self)
        self.view.setAccessibleName("Article text")
        self.view.setAccessibleDescription("The article shown, read-only; F3 and Shift+F3 go to the next and previous "
                                           "match, Ctrl+F finds in it")
        self.scrollBar = MarkedScrollBar(self.view)
        self.view.setVerticalScrollBar(self.scrollBar)
        layout.addWidget(self.view, 1)
        self.findBar = FindBar(self.view, self)
        self.findBar.setAccessibleName("Find bar")
        layout.addWidget(self.findBar)
        self._found: list[QTextCursor] = []  #: what the find bar found, marked too
        self._found_current = -1
        self.findBar.foundChanged.connect(self._on_found)
        # The article laid out again (resized, zoomed): the ticks move, once the layout settles.
        self._relayout = QTimer(self, singleShot=True, interval=50)
        self._relayout.timeout.connect(self._mark_scroll_bar)
        self.view.document().documentLayout().documentSizeChanged.connect(self._relayout.start)
        self.clear()

    # ------------------------------------------------------------ content

    def clear(self, message: str = "") -> None:
        self.article = None
        self.composed = False
        self.matches = []
        self.current = -1
        self.title.setText(message or "No article selected")
        self.meta.setText("Type words in the search field above, then pick a result." if not message else "")
        self.view.clear()
        self._map = OffsetMap("")
        self.findBar.refresh()
        self._paint()
        self._mark_scroll_bar()
        self.hitChanged.emit(0, 0)

    def show_message(self, title: str, detail: str) -> None:
        """No article: a title and a line saying why (or what to do)."""
        self.clear(title)
        self.meta.setText(detail)

    def show_composed(self, title: str, meta: str, compose: Callable[[QTextCursor], None]) -> None:
        """Text that is no one article (two copies compared), written by `compose` and read
        from the keyboard: nothing in it to cite or match; Esc or the next article replaces it."""
        self.clear(title)
        self.meta.setText(meta)
        compose(QTextCursor(self.view.document()))
        self.view.moveCursor(QTextCursor.Start)
        self.composed = True
        self.view.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape and self.composed:
            self.composedLeft.emit()
        else:
            super().keyPressEvent(event)

    def set_context_actions(self, actions: list) -> None:
        """Actions added to the body's context menu."""
        self.view.extraActions = list(actions)

    def open_find_bar(self) -> None:
        if self.article is not None:
            self.findBar.open_bar()

    def marked_spans(self) -> list[tuple[int, int]]:
        """The highlighted matches of the query, as (start, end) offsets into article.body."""
        return self._spans(self.view.extraSelections()[:len(self.matches)])

    def found_spans(self) -> list[tuple[int, int]]:
        """What Find in Article found and marked, as offsets into article.body."""
        return self._spans(self.view.extraSelections()[len(self.matches):])

    def _spans(self, selections: list[QTextEdit.ExtraSelection]) -> list[tuple[int, int]]:
        return [(self._map.to_py(s.cursor.selectionStart()), self._map.to_py(s.cursor.selectionEnd()))
                for s in selections]

    def show_article(self, article: Article, matches, archive_root: str = "", archive_label: str = "") -> None:
        self.article = article
        self.composed = False
        self.archive_root = archive_root
        self.title.setText(article.title or article.path)
        date = f"{article.date.day} {article.date:%B %Y}" if article.date else "undated"
        meta = f"{date}  ·  {article.path}"
        if archive_label:
            meta += f"  ·  {archive_label}"
        self.meta.setText(meta)
        self.meta.setToolTip(tooltip_text(archive_root))
        self.meta.setAccessibleDescription(f"Archive: {archive_root}" if archive_root else "")
        self.view.setPlainText(article.body)  # text, never HTML
        self._map = OffsetMap(article.body)
        self.matches = [tuple(m) for m in matches if 0 <= m[0] < m[1] <= len(article.body)]
        self.current = 0 if self.matches else -1
        self.findBar.refresh()
        self._paint()
        self._mark_scroll_bar()
        if self.matches:
            self._scroll_to_current()
        else:
            self.view.moveCursor(QTextCursor.Start)
        self.hitChanged.emit(self.current + 1, len(self.matches))

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(self._map.to_qt(end), QTextCursor.KeepAnchor)
        return cursor

    def _paint(self) -> None:
        """The query's matches, then what the find bar found (the current ones stronger)."""
        selections = [self._selection(self._cursor(start, end), MARK_CURRENT if n == self.current else MARK_BACKGROUND)
                      for n, (start, end) in enumerate(self.matches)]
        selections += [self._selection(cursor, FOUND_CURRENT if n == self._found_current else FOUND_BACKGROUND)
                       for n, cursor in enumerate(self._found)]
        self.view.setExtraSelections(selections)

    @staticmethod
    def _selection(cursor: QTextCursor, background: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(background)
        fmt.setForeground(MARK_FOREGROUND)
        selection.format = fmt
        return selection

    @Slot(list, int)
    def _on_found(self, found: list, current: int) -> None:
        searched = found is not self._found  # (walking what was found sends the same list again)
        self._found, self._found_current = found, current
        self._paint()
        if searched:
            self._mark_scroll_bar()

    @Slot()
    def _mark_scroll_bar(self) -> None:
        """Where each match and each occurrence found stands in the laid-out article."""
        layout = self.view.document().documentLayout()
        height = layout.documentSize().height()
        if height <= 0:
            self.scrollBar.set_marks([], [])
            return
        self.scrollBar.set_marks([self._height_at(self._map.to_qt(start)) / height for start, _ in self.matches],
                                 [self._height_at(cursor.selectionStart()) / height for cursor in self._found])

    def _height_at(self, position: int) -> float:
        """How far down the document a position's line is laid out."""
        document = self.view.document()
        block = document.findBlock(position)
        top = document.documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(position - block.position()) if block.layout() else None
        return top + (line.y() if line is not None and line.isValid() else 0.0)

    def _scroll_to_current(self) -> None:
        start, _ = self.matches[self.current]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(self._map.to_qt(start))
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        # Put the match a little below the top rather than at the very bottom edge.
        rect = self.view.cursorRect(cursor)
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.view.viewport().height() // 3)

    # --------------------------------------------------------- navigation

    @Slot()
    def next_hit(self) -> None:
        self._step(1)

    @Slot()
    def previous_hit(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.matches:
            self.go_to_match((self.current + delta) % len(self.matches))

    def go_to_match(self, index: int) -> None:
        """Make match `index` the current one, scrolled to (F3 walks on from it)."""
        self.current = index
        self._paint()
        self._scroll_to_current()
        self.hitChanged.emit(self.current + 1, len(self.matches))

    # ---------------------------------------------------------- selection

    def selection_offsets(self) -> tuple[int, int] | None:
        """The selected passage as (start, end) offsets into article.body."""
        cursor = self.view.textCursor()
        if self.article is None or not cursor.hasSelection():
            return None
        return self._map.to_py(cursor.selectionStart()), self._map.to_py(cursor.selectionEnd())

    def select_offsets(self, start: int, end: int) -> None:
        self.view.setTextCursor(self._cursor(start, end))

    # --------------------------------------------------------------- zoom

    def set_font_size(self, points: float) -> None:
        font = self.view.font()
        font.setPointSizeF(max(6.0, min(48.0, points)))
        self.view.setFont(font)

    def font_size(self) -> float:
        return self.view.font().pointSizeF()

    def set_font_family(self, family: str) -> None:
        """The article's font ("" = the system's), at the size it has."""
        font = self.view.font()
        font.setFamily(family or QApplication.font().family())
        self.view.setFont(font)

    def font_family(self) -> str:
        return self.view.font().family()

    def set_column_width(self, characters: int | None) -> None:
        """At most this many characters a line, centred (None: the pane's whole width)."""
        self.view.max_columns = characters
        self.view.fit_column()
