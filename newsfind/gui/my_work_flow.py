"""File → Export My Work / Import My Work: the user's marks and saved searches as one
file, to keep a copy, move to another computer, or share with a colleague."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from newsfind.work_backup import WorkFileError, export_work, import_work

from newsfind.gui.user_marks import UserMarks

FILE_FILTER = "newsfind work (*.newsfind-work.json);;JSON (*.json)"


class MyWorkFlow(QObject):
    message = Signal(str, int)  #: for the status bar: text, milliseconds
    imported = Signal()  #: marks or saved searches came in: the list and the panel show them

    def __init__(self, marks: UserMarks, window: QWidget) -> None:
        super().__init__(window)
        self._marks = marks
        self._window = window

    @Slot()
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, "Export My Work",
                                              os.path.expanduser("~/my-work.newsfind-work.json"), FILE_FILTER)
        if path:
            self.export_to(path)

    @Slot()
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, "Import My Work", os.path.expanduser("~"), FILE_FILTER)
        if path:
            self.import_from(path)

    def export_to(self, path: str) -> None:
        try:
            summary = export_work(self._marks.store, path)
        except WorkFileError as error:
            self.message.emit(str(error), 10000)
            return
        self.message.emit(f"Exported your work ({summary.text()}) to {path}", 8000)

    def import_from(self, path: str) -> None:
        try:
            summary = import_work(self._marks.store, path)
        except WorkFileError as error:
            self.message.emit(f"Nothing imported: {error}", 10000)
            return
        self.message.emit(f"Imported {summary.text()} from {path}", 8000)
        self.imported.emit()
