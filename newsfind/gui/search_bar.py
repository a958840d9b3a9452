"""The search bar: the query field with its history, the sort, the dates, and
the line under them that explains a query error or offers "did you mean"."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QStyle, QToolButton, QVBoxLayout, QWidget

from newsfind.search import SORTS

from newsfind.gui.date_filter import DateFilter
from newsfind.gui.plaintext import menu_text
from newsfind.gui.settings import HISTORY_SIZE

#: Typing pauses this long before the query is searched.
DEBOUNCE_MS = 250
#: How many earlier searches the History button lists.
HISTORY_MENU_SIZE = 20
SORT_LABELS = {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first"}
PLACEHOLDER = 'Search: words, "a phrase", title:word, immigr*, word~ (fuzzy)'


class SearchField(QLineEdit):
    """The query field: Up/Down walk the history, Down past the end goes to the
    results, Ctrl+Enter takes the "did you mean" offered."""

    toResults = Signal()
    suggestionWanted = Signal()
    remembered = Signal(str)  #: a query was kept in the history (taken as a step)

    def __init__(self, history: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = list(history)
        self._position = -1  # -1: not browsing; else index into history (0 = newest)
        self._typed = ""

    def remember(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if text in self.history:
            self.history.remove(text)
        self.history.insert(0, text)
        del self.history[HISTORY_SIZE:]
        self._position = -1
        self.remembered.emit(text)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key_Up and self.history:
            if self._position == -1:
                self._typed = self.text()
            if self._position + 1 < len(self.history):
                self._position += 1
                self._recall(self.history[self._position])
            return
        if key == Qt.Key_Down:
            self._down()
            return
        if key in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ControlModifier:
            self.suggestionWanted.emit()
            return
        if key == Qt.Key_Escape and self.text():
            self.clear()
            self.textEdited.emit("")
            return
        super().keyPressEvent(event)

    def _down(self) -> None:
        if self._position > 0:
            self._position -= 1
            self._recall(self.history[self._position])
        elif self._position == 0:
            self._position = -1
            self._recall(self._typed)
        else:
            self.toResults.emit()

    def _recall(self, text: str) -> None:
        self.setText(text)
        self.textEdited.emit(text)


class SearchBar(QWidget):
    """Says when to search (searchRequested) and when a search in flight is stale (typing)."""

    searchRequested = Signal()
    typing = Signal()  #: the query changed under a running search: abandon it
    sortChanged = Signal(str)
    toResults = Signal()
    committed = Signal(str)  #: the user took this query as a step (Back can return to it)

    def __init__(self, dates: DateFilter, sort: str, history: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addLayout(self._build_bar(dates, sort, history))
        outer.addWidget(self._build_message_row())
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.searchRequested)
        self.field.textEdited.connect(self._on_text_edited)
        self.field.returnPressed.connect(self._on_return)
        self.field.toResults.connect(self.toResults)
        self.field.suggestionWanted.connect(self.accept_suggestion)
        self.field.remembered.connect(self.committed)
        self.sortBox.currentIndexChanged.connect(self._on_sort_changed)

    def _build_bar(self, dates: DateFilter, sort: str, history: list[str]) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.field = SearchField(history, self)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setAccessibleName("Search")
        self.field.setClearButtonEnabled(True)
        self.field.setAcceptDrops(False)
        self.field.setMinimumWidth(280)
        self.historyButton = QToolButton(self)
        self.historyButton.setText("History")
        self.historyButton.setToolTip("Earlier searches (Up/Down in the search field)")
        self.historyButton.setPopupMode(QToolButton.InstantPopup)
        self.historyMenu = QMenu(self.historyButton)
        self.historyMenu.aboutToShow.connect(self._fill_history_menu)
        self.historyButton.setMenu(self.historyMenu)
        self.sortBox = QComboBox(self)
        self.sortBox.setAccessibleName("Sort results by")
        for key in SORTS:
            self.sortBox.addItem(SORT_LABELS[key], key)
        self.sortBox.setToolTip("Order of the results")
        self.sortBox.setCurrentIndex(max(0, self.sortBox.findData(sort)))  # (before it is connected)
        bar.addWidget(self.field, 1)
        bar.addWidget(self.historyButton)
        for text, buddy in (("&Sort:", self.sortBox), ("&Dates:", dates.fromField)):
            bar.addSpacing(6)
            label = QLabel(text, self)
            label.setBuddy(buddy)
            bar.addWidget(label)
            bar.addWidget(buddy)
        bar.addWidget(QLabel("–", self))
        bar.addWidget(dates.toField)
        return bar

    def _build_message_row(self) -> QWidget:
        self.messageRow = QWidget(self)
        row = QHBoxLayout(self.messageRow)
        row.setContentsMargins(2, 0, 2, 0)
        self.messageIcon = QLabel(self.messageRow)
        size = self.style().pixelMetric(QStyle.PM_SmallIconSize)
        self.messageIcon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(size, size))
        self.errorLabel = QLabel(self.messageRow)
        self.errorLabel.setTextFormat(Qt.PlainText)
        self.errorLabel.setWordWrap(True)
        self.suggestionLabel = QLabel(self.messageRow)
        self.suggestionLabel.setTextFormat(Qt.RichText)
        self.suggestionLabel.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        self.suggestionLabel.linkActivated.connect(self.accept_suggestion)
        row.addWidget(self.messageIcon)
        row.addWidget(self.errorLabel, 1)
        row.addWidget(self.suggestionLabel, 1)
        # Its line is kept when it is hidden: a message appearing must not push the list down.
        policy = self.messageRow.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.messageRow.setSizePolicy(policy)
        self.messageRow.hide()
        return self.messageRow

    # ------------------------------------------------------------------ query

    def text(self) -> str:
        """The query, stripped."""
        return self.field.text().strip()

    def sort(self) -> str:
        return self.sortBox.currentData()

    def set_sort(self, key: str) -> None:
        """Choose an order, as the user would (sortChanged follows)."""
        self.sortBox.setCurrentIndex(self.sortBox.findData(key))

    def history(self) -> list[str]:
        return list(self.field.history)

    def remember_query(self) -> None:
        """Keep the query in the history (the user read one of its results)."""
        self.field.remember(self.field.text())

    def run_query(self, text: str, remember: bool = True) -> None:
        """Put a query in the field and search it now (kept in the history when `remember`)."""
        self.debounce.stop()
        self.hide_message()
        self.field.setText(text)
        if remember:
            self.field.remember(text)
        self.searchRequested.emit()

    def cancel_pending(self) -> None:
        """A search is starting anyway: the typing pause need not end in another."""
        self.debounce.stop()

    def focus(self) -> None:
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        self.hide_message()  # it spoke of the query before this one
        self.typing.emit()
        self.debounce.start()

    @Slot()
    def _on_return(self) -> None:
        self.debounce.stop()
        self.field.remember(self.field.text())
        self.searchRequested.emit()

    @Slot(int)
    def _on_sort_changed(self, index: int) -> None:
        self.sortChanged.emit(self.sortBox.currentData())

    # ---------------------------------------------------------------- history

    @Slot()
    def _fill_history_menu(self) -> None:
        self.historyMenu.clear()
        for text in self.field.history[:HISTORY_MENU_SIZE]:
            action = self.historyMenu.addAction(menu_text(text))
            action.setData(text)
            action.triggered.connect(self._history_chosen)
        if not self.field.history:
            self.historyMenu.addAction("No earlier searches").setEnabled(False)

    @Slot()
    def _history_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.run_query(action.data())

    # --------------------------------------------------------------- messages

    def show_error(self, message: str) -> None:
        self.errorLabel.setText(message[:1].upper() + message[1:])
        self.errorLabel.show()
        self.messageIcon.show()
        self.suggestionLabel.hide()
        self.messageRow.show()

    def show_suggestion(self, suggestion: str) -> None:
        self.suggestionLabel.setText(f'No results. Did you mean <a href="suggestion"><b>{html.escape(suggestion)}</b></a>? '
                                     '(Ctrl+Enter)')
        self.suggestionLabel.setProperty("suggestion", suggestion)
        self.suggestionLabel.show()
        self.errorLabel.hide()
        self.messageIcon.hide()
        self.messageRow.show()

    def hide_message(self) -> None:
        self.messageRow.hide()
        self.errorLabel.clear()
        self.suggestionLabel.clear()

    def error_text(self) -> str:
        return self.errorLabel.text() if self.messageRow.isVisible() and self.errorLabel.isVisible() else ""

    def suggestion(self) -> str | None:
        if self.messageRow.isVisible() and self.suggestionLabel.isVisible():
            return self.suggestionLabel.property("suggestion")
        return None

    @Slot(str)
    def accept_suggestion(self, link: str = "") -> None:
        suggestion = self.suggestion()
        if suggestion:
            self.run_query(suggestion)
