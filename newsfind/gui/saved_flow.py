"""Saved searches in the window: saving the search shown, opening one (its new hits
first), renaming, removing, reordering, and their "N new" kept up to date (counted
by the search worker after each indexing run)."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QWidget

from newsfind import saved_searches as saved
from newsfind.saved_searches import SavedSearch, SavedSearchError

from newsfind.gui.saved_panel import SavedPanel
from newsfind.gui.search_messages import NewCounts
from newsfind.gui.user_marks import UserMarks


class SavedFlow(QObject):
    """The one owner of the saved searches shown (the store's are the truth)."""

    message = Signal(str, int)  #: for the status bar: text, milliseconds
    #: open this saved search: the window shows its query, dates and sort and searches it
    openRequested = Signal(SavedSearch)
    countWanted = Signal(list)  #: count the new hits of these saved searches (the worker answers)

    def __init__(self, marks: UserMarks, panel: SavedPanel, window: QWidget) -> None:
        super().__init__(window)
        self._marks = marks
        self._store = marks.store
        self._panel = panel
        self._window = window
        panel.openRequested.connect(self.open)
        panel.renameRequested.connect(self._rename)
        panel.removeRequested.connect(self._remove)
        panel.orderChanged.connect(self._reorder)

    def searches(self) -> list[SavedSearch]:
        return saved.saved_searches(self._store)

    @Slot()
    def refresh(self) -> None:
        """The list from the store (another window or the command line may have changed it), then the counts."""
        if self._marks.closed:  # (the window is closing: an indexing run that ended now finds nothing to do)
            return
        searches = self.searches()
        self._panel.set_searches(searches)
        self.countWanted.emit(searches)  # (none: the worker still brings marks of a moved archive along)

    @Slot(NewCounts)
    def show_counts(self, counts: NewCounts) -> None:
        self._panel.set_counts(counts.counts)

    def save(self, query: str, dates: tuple[str | None, str | None], sort: str, archives: list[str]) -> None:
        """Save the search shown under a name the user gives (asked for here)."""
        if not query.strip():
            self.message.emit("Search for something first, then save the search.", 6000)
            return
        name, accepted = QInputDialog.getText(self._window, "Save Search", "Name of this search:", text=query.strip())
        if not accepted:
            return
        search = SavedSearch(name, query, tuple(os.path.abspath(a) for a in archives), dates[0], dates[1], sort)
        try:
            search = saved.save_search(self._store, search)
        except SavedSearchError as error:
            self.message.emit(f"Not saved: {error}.", 8000)
            return
        self.message.emit(f"Saved “{search.name}”: what it finds from now on will show as new.", 6000)
        self.openRequested.emit(search)  # (its hits now are remembered as shown, before they are counted)
        self.refresh()

    @Slot(str)
    def open(self, name: str) -> None:
        try:
            search = saved.saved_search(self._store, name)
        except SavedSearchError as error:
            self.message.emit(str(error), 6000)
            self.refresh()
            return
        self.openRequested.emit(search)
        self._panel.set_counts({name: 0})  # (opening shows them: they are seen now)

    def _change(self, change, *args) -> None:
        try:
            change(self._store, *args)
        except SavedSearchError as error:
            self.message.emit(str(error), 6000)
        self.refresh()

    @Slot(str, str)
    def _rename(self, old: str, new: str) -> None:
        self._change(saved.rename_search, old, new)

    @Slot(str)
    def _remove(self, name: str) -> None:
        self._change(saved.remove_search, name)
        self.message.emit(f"Removed the saved search “{name}”.", 5000)

    @Slot(list)
    def _reorder(self, names: list) -> None:
        self._change(saved.reorder_searches, names)
