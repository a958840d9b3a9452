"""Which result is being read: the one owner of the current hit.

The results list says which row is current; this shows that row's article in
the reading pane (loaded through the archive set), keeps it shown when a new
list still holds it, and clears it when its list or archive goes away.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QModelIndex, QObject, Signal, Slot

from newsfind.archive import Article
from newsfind.search import Hit
from newsfind.wording import archive_label

from newsfind.gui.reader import ReadingPane
from newsfind.gui.results import HitRole, ResultsModel, ResultsView


class Reading(QObject):
    """Shows the current result's article; tells whether one is shown."""

    #: An article is shown (True) or not any more (False).
    articleShown = Signal(bool)
    #: The user opened an article from the list (its query is worth remembering).
    articleOpened = Signal()
    #: "More like this" for the article shown (its hit).
    moreLikeRequested = Signal(Hit)

    def __init__(self, reader: ReadingPane, view: ResultsView, model: ResultsModel,
                 article_of: Callable[[Hit], Article | None], archives: Callable[[], list[str]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = reader
        self._view = view
        self._model = model
        self._article_of = article_of
        self._archives = archives
        self._hit: Hit | None = None
        #: the article a list without it took from the pane: a later list that holds it brings it back
        self._dropped: Hit | None = None
        view.selectionModel().currentChanged.connect(self._on_current_changed)

    @property
    def current_hit(self) -> Hit | None:
        """The result whose article is shown (None: none is)."""
        return self._hit

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        hit = current.data(HitRole) if current.isValid() else None
        if hit is None:
            return
        shown = self._hit
        if shown is not None and (shown.archive, shown.id) == (hit.archive, hit.id) and self._reader.article is not None:
            self._hit = hit  # the same article in a new list: kept as it is shown
            return
        self.show_hit(hit)

    def show_hit(self, hit: Hit, opened: bool = True) -> None:
        """Show a result's article with its matches marked, the first one current
        (`opened`: by the user, from the list)."""
        self._hit, self._dropped = hit, None
        article = self._article_of(hit)
        if article is None:
            self._reader.show_message("This article is no longer in the index", hit.path)
        else:
            label = archive_label(hit.archive) if len(self._archives()) > 1 else ""
            self._reader.show_article(article, hit.matches, hit.archive, label)
            if opened:
                self.articleOpened.emit()
        self.articleShown.emit(self._reader.article is not None)

    def keep_or_clear(self, rerun: bool) -> None:
        """A new list arrived: an article it still holds stays, marked anew for
        another query (its words, the count from the first); one it lost goes
        (unless the list is the same query run again), and comes back when a
        later list holds it again: the lists of a query being typed come and go."""
        hit = self._hit or self._dropped
        row = self._model.row_of(hit.archive, hit.id) if hit is not None else -1
        if row >= 0:
            if self._hit is None or not rerun:
                self.show_hit(self._model.index(row).data(HitRole), opened=False)
            self._view.select_row(row)  # (after: the pane already shows it)
        elif self._hit is not None and not rerun:
            dropped = self._hit
            self.clear()
            self._dropped = dropped

    @Slot(str)
    def forget_archive(self, root: str) -> None:
        """The archive was closed: its article goes from the pane."""
        if self._hit is not None and self._hit.archive == root:
            self.clear()

    def clear(self) -> None:
        self._hit, self._dropped = None, None
        self._reader.clear()
        self.articleShown.emit(False)

    @Slot(Hit, int, int)
    def show_occurrence(self, hit: Hit, start: int, end: int) -> None:
        """Show a hit's article with the occurrence at start:end current and selected
        (a concordance line chosen)."""
        self.show_hit(hit, opened=False)
        if (start, end) in self._reader.matches:
            self._reader.go_to_match(self._reader.matches.index((start, end)))
        if self._reader.article is not None:
            self._reader.select_offsets(start, end)

    @Slot()
    def more_like_this(self) -> None:
        if self._hit is not None and self._reader.article is not None:
            self.moreLikeRequested.emit(self._hit)
