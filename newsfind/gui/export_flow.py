"""Exporting the results listed: where to, as what, and how it went."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from newsfind.gui.dialogs import choose_export_file, show_export_failed
from newsfind.gui.results import ResultsModel
from newsfind.gui.search_controller import SearchController


class ExportFlow(QObject):
    """Asks for a file, has the search controller write every result to it, says how it went."""

    message = Signal(str, int)  #: a status-bar message and how long to show it (ms; 0: until replaced)

    def __init__(self, controller: SearchController, model: ResultsModel, window: QWidget) -> None:
        super().__init__(window)
        self._controller = controller
        self._model = model
        self._window = window
        controller.exported.connect(self._on_exported)

    @Slot()
    def choose(self) -> None:
        if not self._model.hits:
            self.message.emit("No results to export: search first.", 5000)
            return
        chosen = choose_export_file(self._window)
        if chosen is not None:
            self.export(*chosen)

    def export(self, path: str, fmt: str) -> None:
        """Write every result of the list shown to path ("csv" or "md")."""
        self.message.emit("Exporting…", 0)
        self._controller.export(path, fmt)

    @Slot(str, int, str)
    def _on_exported(self, path: str, rows: int, error: str) -> None:
        if error:
            show_export_failed(self._window, path, error)
        else:
            self.message.emit(f"Exported {rows} results to {path}", 8000)
