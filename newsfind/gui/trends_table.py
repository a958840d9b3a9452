"""The trends as a table: a row per period, a column for all its articles, then one per term.

A click on a cell, or Enter on it, emits cellChosen: the window lists that
term's articles of that period (the Articles column: every article of it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from newsfind.trends import Trends, format_value
from newsfind.wording import plural

ARTICLES_COLUMN = 0


class TrendsTable(QTableWidget):
    cellChosen = Signal(int, int)  #: period (row), column (0: all articles, then the counted terms)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setAccessibleName("Trends table")
        self.setAccessibleDescription("A row per period, a column per term; Enter or a click on a cell lists "
                                      "that term's articles of that period in the main window")
        self.cellClicked.connect(self.cellChosen)
        self.setCornerButtonEnabled(False)  # (one cell is chosen at a time: nothing to select all for)
        corner = self.findChild(QAbstractButton, "qt_tableview_cornerbutton")
        if corner is not None:
            corner.setAccessibleName("Corner of the table")
            corner.setAccessibleDescription("Periods go down, terms across")

    def show_trends(self, trends: Trends | None, normalised: bool) -> None:
        self.clear()
        counted = trends.counted if trends else ()
        self.setColumnCount(1 + len(counted))
        self.setRowCount(len(trends.periods) if trends else 0)
        self.setHorizontalHeaderLabels(["Articles", *(term.query for term in counted)])
        if trends is None:
            return
        self.setVerticalHeaderLabels([trends.label(n) for n in range(len(trends.periods))])
        columns = [trends.values(term, normalised) for term in counted]
        for row, bucket in enumerate(trends.periods):
            self.setItem(row, ARTICLES_COLUMN, self._cell(str(bucket.count), f"{trends.label(row)}: "
                                                          f"{plural(bucket.count, 'article')} in all"))
            for column, (term, values) in enumerate(zip(counted, columns), start=1):
                count = term.counts[row]
                share = format_value(trends.share(count, row), True)
                tip = f"{term.query}, {trends.label(row)}: {plural(count, 'article')} of {bucket.count:,} ({share})"
                self.setItem(row, column, self._cell(format_value(values[row], normalised), tip))
        self.resizeColumnsToContents()

    @staticmethod
    def _cell(text: str, tip: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        item.setToolTip(f"{tip} — click or Enter lists them")
        return item

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.currentIndex().isValid():
            self.cellChosen.emit(self.currentRow(), self.currentColumn())
            return
        super().keyPressEvent(event)

    def cell_texts(self) -> list[list[str]]:
        """Every cell's text, row by row (what a user reads; tests compare it with the CSV)."""
        return [[self.item(row, column).text() for column in range(self.columnCount())]
                for row in range(self.rowCount())]
