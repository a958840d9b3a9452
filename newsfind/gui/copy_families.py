"""Wire-copy families in the window: the list collapsed to stories or not, a
story's copies listed under it, and two copies compared in the reading pane."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from newsfind.gui.copy_compare import comparison_heading, write_comparison
from newsfind.gui.reader import ReadingPane
from newsfind.gui.reading import Reading
from newsfind.gui.results import ResultsModel
from newsfind.gui.search_controller import SearchController
from newsfind.gui.search_messages import CompareAnswer, CopiesAnswer
from newsfind.gui.settings import Settings


class CopyFamilies(QObject):
    """Keeps the "collapse copies" setting, puts a story's copies in the list, shows comparisons."""

    message = Signal(str, int)  #: a status-bar message and how long to show it (ms)
    collapseChanged = Signal(bool)  #: the list is to be searched again, collapsed or not
    #: False when a comparison takes the reading pane's place (no article to cite, star or mark there)
    articleShown = Signal(bool)

    def __init__(self, settings: Settings, controller: SearchController, model: ResultsModel, reading: Reading,
                 reader: ReadingPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings, self._controller, self._model = settings, controller, model
        self._reading, self._reader = reading, reader
        controller.set_collapse(settings.collapse_copies)

    @Slot(bool)
    def set_collapse(self, collapse: bool) -> None:
        """Collapse Copies checked or not: remembered, and the list searched again."""
        self._settings.collapse_copies = collapse
        self._controller.set_collapse(collapse)
        self.collapseChanged.emit(collapse)

    @Slot(CopiesAnswer)
    def show_copies(self, answer: CopiesAnswer) -> None:
        """A story's copies, under its row (if it is still listed)."""
        if answer.error:
            self.message.emit(answer.error, 8000)
        self._model.show_copies(answer.request.story, answer.copies)

    @Slot()
    def compare(self) -> None:
        """Compare with First Copy: the article shown against the earliest other copy of its family."""
        hit = self._reading.current_hit
        if hit is None:
            self.message.emit("No article is shown: pick a result first.", 5000)
            return
        self._controller.compare(hit)

    @Slot(CompareAnswer)
    def show_comparison(self, answer: CompareAnswer) -> None:
        """The comparison, in the reading pane, if its article is still the one read."""
        hit, asked = self._reading.current_hit, answer.request.article
        if hit is None or (hit.archive, hit.id) != (asked.archive, asked.id):
            return
        if answer.error or answer.diff is None:
            self.message.emit(answer.error or "Nothing to compare.", 8000)
            return
        title, meta = comparison_heading(answer.first, answer.second, answer.diff)
        diff, palette = answer.diff, self._reader.palette()
        self._reader.show_composed(title, meta, lambda cursor: write_comparison(cursor, diff, palette))
        self.articleShown.emit(False)

    @Slot()
    def leave_comparison(self) -> None:
        """Esc: back to the article read."""
        hit = self._reading.current_hit
        if hit is not None:
            self._reading.show_hit(hit, opened=False)
