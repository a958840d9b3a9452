"""Exporting results: where to, as what, and how it went."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from newsfind.export import ExportOutcome
from newsfind.search import Hit
from newsfind.wording import plural

from newsfind.gui.dialogs import choose_export_file, show_export_failed
from newsfind.gui.results import ResultsModel, ResultsView
from newsfind.gui.search_controller import SearchController
from newsfind.gui.settings import Settings


class ExportFlow(QObject):
    """Asks for a file and a format, has the search controller write the results
    (all of the query's, or those selected) to it, says how it went."""

    message = Signal(str, int)  #: a status-bar message and how long to show it (ms; 0: until replaced)

    def __init__(self, controller: SearchController, model: ResultsModel, results: ResultsView,
                 settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._controller = controller
        self._model = model
        self._results = results
        self._settings = settings
        self._window = window
        controller.exported.connect(self._on_exported)

    @Slot()
    def choose(self) -> None:
        """File → Export Results: every result of the query."""
        self._choose(None)

    @Slot()
    def choose_selected(self) -> None:
        """Export Selected Results: the results selected in the list."""
        self._choose(self._results.selected_hits())

    def _choose(self, hits: list[Hit] | None) -> None:
        if not self._model.hits or hits == []:
            self.message.emit("No results to export: search first.", 5000)
            return
        chosen = choose_export_file(self._window, len(hits) if hits is not None else None)
        if chosen is not None:
            self.export(*chosen, hits=hits)

    def export(self, path: str, fmt: str, hits: list[Hit] | None = None) -> None:
        """Write the hits (None: every result of the list shown) to path as fmt."""
        self.message.emit("Exporting…", 0)
        sources = {root: self._settings.cite_source(root) for root in self._controller.roots}
        self._controller.export(path, fmt, sources, hits, self._settings.cite_style)

    @Slot(str, object, str)
    def _on_exported(self, path: str, outcome: ExportOutcome | None, error: str) -> None:
        if error or outcome is None:
            show_export_failed(self._window, path, error)
            return
        text = f"Exported {plural(outcome.written, 'result')} to {path}"
        if outcome.unreadable:
            text += (f"; left out {plural(len(outcome.unreadable), 'article')} no longer in the index"
                     f" ({', '.join(outcome.unreadable[:3])}{', …' if len(outcome.unreadable) > 3 else ''})")
        self.message.emit(text, 8000)
