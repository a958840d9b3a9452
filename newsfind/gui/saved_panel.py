"""The saved searches, listed above the results with how many new hits each has:
Enter or a click opens one, F2 renames it, Delete removes it, Ctrl+Up / Ctrl+Down move it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from newsfind.saved_searches import SavedSearch

NameRole = Qt.UserRole + 1
#: Rows shown at most (more scroll).
VISIBLE_ROWS = 5


def item_text(search: SavedSearch, new: int | None) -> str:
    """"Raids in Mississippi — 3 new"; "(archive not open)" when it cannot be counted."""
    if new is None:
        return f"{search.name}  (its archives are not open or not indexed yet)"
    return f"{search.name}  — {new:,} new" if new else search.name


class SavedPanel(QListWidget):
    openRequested = Signal(str)
    renameRequested = Signal(str, str)  #: old name, new name
    removeRequested = Signal(str)
    orderChanged = Signal(list)  #: the names in their new order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Saved searches")
        self.setAccessibleDescription("Your saved searches, with how many new articles each has; Enter opens one "
                                      "(new ones first), F2 renames, Delete removes, Ctrl+Up and Ctrl+Down move it")
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditKeyPressed)  # F2
        self.setSizeAdjustPolicy(QAbstractItemView.AdjustToContents)
        self._searches: list[SavedSearch] = []
        self._counts: dict[str, int | None] = {}
        self.itemActivated.connect(self._on_activated)
        self.itemClicked.connect(self._on_activated)
        self.itemChanged.connect(self._on_renamed)
        self.hide()

    def set_searches(self, searches: list[SavedSearch]) -> None:
        self._searches = list(searches)
        self._fill()

    def set_counts(self, counts: dict[str, int | None]) -> None:
        self._counts.update(counts)
        self._fill()

    def new_count(self, name: str) -> int | None:
        return self._counts.get(name)

    def _fill(self) -> None:
        current = self.currentItem().data(NameRole) if self.currentItem() is not None else None
        self.blockSignals(True)
        self.clear()
        for search in self._searches:
            item = QListWidgetItem(item_text(search, self._counts.get(search.name, 0)), self)
            item.setData(NameRole, search.name)
            item.setFlags(item.flags() | Qt.ItemIsEditable)
            item.setToolTip(f"{search.query}\n{', '.join(search.archives)}")
            if search.name == current:
                self.setCurrentItem(item)
        self.blockSignals(False)
        rows = min(len(self._searches), VISIBLE_ROWS)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 2 if rows else 0)
        self.setVisible(bool(self._searches))

    @Slot(QListWidgetItem)
    def _on_activated(self, item: QListWidgetItem) -> None:
        self.openRequested.emit(item.data(NameRole))

    @Slot(QListWidgetItem)
    def _on_renamed(self, item: QListWidgetItem) -> None:
        old, new = item.data(NameRole), item.text().split("  —")[0].strip()
        if new and new != old:
            self.renameRequested.emit(old, new)
        else:
            self._fill()

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if item is not None and event.key() == Qt.Key_Delete:
            self.removeRequested.emit(item.data(NameRole))
            return
        step = {Qt.Key_Up: -1, Qt.Key_Down: 1}.get(event.key())
        if item is not None and step and event.modifiers() & Qt.ControlModifier:
            names = [search.name for search in self._searches]
            row = names.index(item.data(NameRole))
            target = max(0, min(len(names) - 1, row + step))
            names.insert(target, names.pop(row))
            self.orderChanged.emit(names)
            return
        super().keyPressEvent(event)
