"""Find in the article, as in a browser: every occurrence marked, "3 of 20",
Enter and Shift+Enter to walk them, Esc to close."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from newsfind.gui.accessibility import announce, name_clear_button

#: Occurrences found at most ("1 of 2,000+"): one letter looked for in a long article.
MAX_FOUND = 2000


class FindField(QLineEdit):
    """Enter finds the next occurrence, Shift+Enter the previous (the key goes no further)."""

    nextWanted = Signal()
    previousWanted = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            (self.previousWanted if event.modifiers() & Qt.ShiftModifier else self.nextWanted).emit()
            event.accept()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Finds text in a QTextEdit; the pane that holds it marks what it found."""

    #: The occurrences found (QTextCursors, in order) and the current one's place (-1: none).
    foundChanged = Signal(list, int)
    announced = Signal(str)  #: what the bar had a screen reader say ("3 of 20")

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._found: list[QTextCursor] = []
        self._current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.field = FindField(self)
        self.field.setAccessibleName("Find in article")
        self.field.setAccessibleDescription("Every occurrence is marked; Enter finds the next, Shift+Enter the "
                                            "previous, Esc closes")
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        name_clear_button(self.field, "Clear the text to find")
        self.status = QLabel(self)
        self.status.setAccessibleName("Found")
        self.status.setAccessibleDescription("Which occurrence is shown, of how many")
        previous = QToolButton(self, text="▲", toolTip="Previous (Shift+Enter)", autoRaise=True,
                               accessibleName="Previous occurrence",
                               accessibleDescription="Go to the previous occurrence found (Shift+Enter)")
        following = QToolButton(self, text="▼", toolTip="Next (Enter)", autoRaise=True,
                                accessibleName="Next occurrence",
                                accessibleDescription="Go to the next occurrence found (Enter)")
        close = QToolButton(self, text="✕", toolTip="Close (Esc)", autoRaise=True, accessibleName="Close find",
                            accessibleDescription="Close the find bar and its marks (Esc)")
        label = QLabel("Find:", self)
        label.setBuddy(self.field)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.status)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.field.textChanged.connect(self._incremental)
        self.field.nextWanted.connect(self.find_next)
        self.field.previousWanted.connect(self.find_previous)
        previous.clicked.connect(self.find_previous)
        following.clicked.connect(self.find_next)
        close.clicked.connect(self.close_bar)
        self.hide()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def open_bar(self) -> None:
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.field.setFocus()
        self.field.selectAll()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self._found = []
        self._show(-1)
        self.view.setFocus()

    def refresh(self) -> None:
        """The text changed (another article): find again, from its start."""
        if self.isVisible():
            self._collect()
            self._show(0 if self._found else -1, scroll=False)
        else:
            self._found, self._current = [], -1

    @Slot(str)
    def _incremental(self, text: str) -> None:
        """The first occurrence from where the last one began (or the cursor)."""
        since = self.view.textCursor().selectionStart()
        self._collect()
        place = next((n for n, found in enumerate(self._found) if found.selectionStart() >= since), 0)
        self._show(place if self._found else -1)

    @Slot()
    def find_next(self) -> None:
        self._step(1)

    @Slot()
    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._found:
            self._show((self._current + delta) % len(self._found))

    def _collect(self) -> None:
        text = self.field.text()
        self._found = []
        if not text:
            return
        document, cursor = self.view.document(), QTextCursor(self.view.document())
        while len(self._found) < MAX_FOUND:
            cursor = document.find(text, cursor)
            if cursor.isNull():
                break
            self._found.append(cursor)

    def _show(self, current: int, scroll: bool = True) -> None:
        """Make the occurrence at `current` (-1: none) the current one, and say so."""
        self._current, found = current, self._found
        if current >= 0:
            more = "+" if len(found) >= MAX_FOUND else ""
            self.status.setText(f"{current + 1:,} of {len(found):,}{more}")
            self._announce(self.status.text())
            if scroll:
                self.view.setTextCursor(found[current])
                self.view.ensureCursorVisible()
        else:
            self.status.setText("not found" if self.field.text() and self.isVisible() else "")
            self._announce(self.status.text())
        self.foundChanged.emit(found, current)

    def _announce(self, text: str) -> None:
        if text:
            announce(self.field, text)
            self.announced.emit(text)
