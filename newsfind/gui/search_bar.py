"""The search bar: the query field with its history, the sort, the dates, and
the line under them that explains a query error or offers "did you mean"."""

from __future__ import annotations

import html
import time

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QStyle, QToolButton, QVBoxLayout, QWidget

from newsfind.search import SORTS

from newsfind.gui.accessibility import name_clear_button, name_combo_box
from newsfind.gui.date_filter import DateFilter
from newsfind.gui.plaintext import menu_text
from newsfind.gui.settings import HISTORY_SIZE

#: Typing pauses this long before the query is searched: none, each keystroke
#: searches at once (a search still running for the text before is abandoned).
DEBOUNCE_MS = 0
#: A query typed (not entered) that cannot be searched, such as a phrase whose
#: closing quote is still to come, is explained once typing pauses this long.
ERROR_PAUSE_MS = 800
#: The query field is never narrower than this.
FIELD_MIN_WIDTH = 220
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
        self.topRow = self._build_bar(dates, sort, history)
        outer.addLayout(self.topRow)
        self.optionsRow = QHBoxLayout()  # where the sort and dates go when one line is too narrow
        self.optionsRow.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.optionsRow)
        outer.addWidget(self._build_message_row())
        self._edited_at: float | None = None
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.searchRequested)
        self._pending_error = ""
        self._typing = False  #: the query shown was typed, not entered (Enter, history, a link)
        self.errorPause = QTimer(self)
        self.errorPause.setSingleShot(True)
        self.errorPause.setInterval(ERROR_PAUSE_MS)
        self.errorPause.timeout.connect(lambda: self._show_error_now(self._pending_error))
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
        self.field.setAccessibleDescription("Words to find in the articles; results follow as you type; "
                                            "Up and Down recall earlier searches, Down at the end goes to the results")
        self.field.setClearButtonEnabled(True)
        name_clear_button(self.field, "Clear the search")
        self.field.setAcceptDrops(False)
        self.field.setMinimumWidth(FIELD_MIN_WIDTH)
        self.historyButton = QToolButton(self)
        self.historyButton.setText("History")
        self.historyButton.setToolTip("Earlier searches (Up/Down in the search field)")
        self.historyButton.setAccessibleName("Search history")
        self.historyButton.setAccessibleDescription("A menu of earlier searches (Up and Down in the search field too)")
        self.historyButton.setPopupMode(QToolButton.InstantPopup)
        self.historyMenu = QMenu(self.historyButton)
        self.historyMenu.aboutToShow.connect(self._fill_history_menu)
        self.historyButton.setMenu(self.historyMenu)
        self.sortBox = QComboBox(self)
        name_combo_box(self.sortBox, "Sort results by", "Order of the results: best match, newest or oldest first")
        for key in SORTS:
            self.sortBox.addItem(SORT_LABELS[key], key)
        self.sortBox.setToolTip("Order of the results")
        self.sortBox.setCurrentIndex(max(0, self.sortBox.findData(sort)))  # (before it is connected)
        bar.addWidget(self.field, 1)
        bar.addWidget(self.historyButton)
        self.options = QWidget(self)  # the sort and the dates: beside the field, or under it when narrow
        options = QHBoxLayout(self.options)
        options.setContentsMargins(0, 0, 0, 0)
        options.setSpacing(6)
        for text, buddy in (("&Sort:", self.sortBox), ("&Dates:", dates.fromField)):
            options.addSpacing(6)
            label = QLabel(text, self.options)
            label.setBuddy(buddy)
            options.addWidget(label)
            options.addWidget(buddy)
        options.addWidget(QLabel("–", self.options))
        options.addWidget(dates.toField)
        options.addStretch(0)
        bar.addWidget(self.options)
        return bar

    def minimumSizeHint(self) -> QSize:
        """As narrow as the field and its buttons: the sort and dates then go under them."""
        hint = super().minimumSizeHint()
        narrow = FIELD_MIN_WIDTH + self.historyButton.sizeHint().width() + 12
        return QSize(max(narrow, self.options.sizeHint().width()), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_options(event.size().width())

    def _place_options(self, width: int) -> None:
        """The sort and dates on the field's line when they fit beside it, else on a line of their own."""
        beside = FIELD_MIN_WIDTH + self.historyButton.sizeHint().width() + self.options.sizeHint().width() + 24
        row = self.topRow if width >= beside else self.optionsRow
        if self.options.parentWidget() is self and row.indexOf(self.options) < 0:
            (self.optionsRow if row is self.topRow else self.topRow).removeWidget(self.options)
            row.addWidget(self.options)

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
        self.errorLabel.setAccessibleDescription("Why the query could not be searched")
        self.suggestionLabel = QLabel(self.messageRow)
        self.suggestionLabel.setTextFormat(Qt.RichText)
        self.suggestionLabel.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        self.suggestionLabel.linkActivated.connect(self.accept_suggestion)
        self.suggestionLabel.setAccessibleDescription("A spelling that finds articles; Ctrl+Enter in the search field "
                                                      "or the link searches it")
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

    def show_query(self, text: str, sort: str) -> None:
        """A query and its order shown as the window runs them (a saved search opened),
        without a search of their own."""
        self.debounce.stop()
        self.hide_message()
        self._typing = False
        self.field.setText(text)
        self.sortBox.blockSignals(True)
        self.sortBox.setCurrentIndex(max(0, self.sortBox.findData(sort)))
        self.sortBox.blockSignals(False)

    def run_query(self, text: str, remember: bool = True) -> None:
        """Put a query in the field and search it now (kept in the history when `remember`)."""
        self.debounce.stop()
        self.hide_message()
        self._typing = False
        self.field.setText(text)
        if remember:
            self.field.remember(text)
        self.searchRequested.emit()

    def take_asked_at(self) -> float | None:
        """When the keystroke that asks for the search now was typed (None: not typed)."""
        asked_at, self._edited_at = self._edited_at, None
        return asked_at

    def cancel_pending(self) -> None:
        """A search is starting anyway: the typing pause need not end in another."""
        self.debounce.stop()

    def focus(self) -> None:
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        self.hide_message()  # it spoke of the query before this one
        self._edited_at = time.perf_counter()
        self._typing = True
        self.typing.emit()
        self.debounce.start()

    @Slot()
    def _on_return(self) -> None:
        self.debounce.stop()
        self._typing = False
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
        """Explain why the query could not be searched: at once if it was entered,
        after a pause if it is being typed (so "unclosed quote" does not flash)."""
        if self._typing:
            self._pending_error = message
            self.errorPause.start()
            return
        self._show_error_now(message)

    def _show_error_now(self, message: str) -> None:
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
        self.errorPause.stop()
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
