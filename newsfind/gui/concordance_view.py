"""The concordance's table: one occurrence a row, the words before it right-aligned
against the match (bold, in the middle), the words after it, then date, article, ¶."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView, QWidget

from newsfind.concordance import ConcordanceLine, one_line

#: The line a row shows (a ConcordanceLine).
LineRole = Qt.UserRole + 1
COLUMNS = ("Before", "Match", "After", "Date", "Article", "¶")
LEFT, MATCH, RIGHT, DATE, ARTICLE, PARAGRAPH = range(len(COLUMNS))


class ConcordanceModel(QAbstractTableModel):
    """Lines appended as the worker finds them; the matches of each article kept to open it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lines: list[ConcordanceLine] = []
        self._matches: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return _cell_text(line, column)
        if role == Qt.TextAlignmentRole:
            return int({LEFT: Qt.AlignRight, MATCH: Qt.AlignHCenter}.get(column, Qt.AlignLeft) | Qt.AlignVCenter)
        if role == Qt.FontRole and column == MATCH:
            return self._bold
        if role == Qt.ToolTipRole and column == ARTICLE:
            return line.path
        if role == LineRole:
            return line
        return None

    def clear(self) -> None:
        self.beginResetModel()
        self.lines = []
        self._matches = {}
        self.endResetModel()

    def append(self, lines: list[ConcordanceLine]) -> None:
        if not lines:
            return
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines) + len(lines) - 1)
        self.lines.extend(lines)
        for line in lines:
            self._matches.setdefault(line.article_key, []).append((line.start, line.end))
        self.endInsertRows()

    @property
    def article_count(self) -> int:
        return len(self._matches)

    def matches_of(self, line: ConcordanceLine) -> list[tuple[int, int]]:
        """Every occurrence in the line's article, in the order of its text (what the pane marks)."""
        return sorted(self._matches.get(line.article_key, [(line.start, line.end)]))


def _cell_text(line: ConcordanceLine, column: int) -> str:
    if column == LEFT:
        return one_line(line.left).strip()
    if column == MATCH:
        return one_line(line.match)
    if column == RIGHT:
        return one_line(line.right).strip()
    if column == DATE:
        return line.date.isoformat() if line.date else "undated"
    if column == ARTICLE:
        return line.title or line.path
    return str(line.paragraph) if line.paragraph else "headline"


class _ElideLeft(QStyledItemDelegate):
    """The words before the match lose their start, never their end, when cut."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.ElideLeft


class ConcordanceView(QTableView):
    """The lines; Enter (or a double click) opens the current one, Ctrl+C copies those selected."""

    copyRequested = Signal()

    def __init__(self, model: ConcordanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName("Occurrences")
        self.setAccessibleDescription("One line per occurrence: the words before it, the match, the words after it, "
                                      "date, article and paragraph. Enter opens the article at it; Ctrl+C copies "
                                      "the lines selected with their citations")
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setItemDelegateForColumn(LEFT, _ElideLeft(self))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        self._fit_columns()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The words before, after and the article share what the match, date and ¶ leave, so that
        a narrow window (a laptop at 200 %) still shows the match centred between its words."""
        width = self.fontMetrics().averageCharWidth()
        fixed = {MATCH: 16, DATE: 11, PARAGRAPH: 8}
        for column, chars in fixed.items():
            self.setColumnWidth(column, chars * width)
        room = max(0, self.viewport().width() - sum(chars * width for chars in fixed.values()))
        for column, share, least in ((LEFT, 0.38, 12), (RIGHT, 0.38, 12), (ARTICLE, 0.24, 10)):
            self.setColumnWidth(column, max(least * width, int(room * share)))

    def current_line(self) -> ConcordanceLine | None:
        index = self.currentIndex()
        return index.data(LineRole) if index.isValid() else None

    def selected_lines(self) -> list[ConcordanceLine]:
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [self.model().lines[row] for row in rows]

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.Copy):
            self.copyRequested.emit()
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)
