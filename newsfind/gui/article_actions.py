"""What the window does with the article shown: zoom its text, open its file, show its folder."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal, Slot

from newsfind.archive import display_path

from newsfind.gui import launch
from newsfind.gui.reader import ReadingPane
from newsfind.gui.settings import Settings


class ArticleActions(QObject):
    message = Signal(str, int)  #: for the status bar: text, milliseconds

    def __init__(self, settings: Settings, reader: ReadingPane, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.reader = reader
        self._default_font_size = reader.font_size()
        if settings.font_size is not None:
            reader.set_font_size(settings.font_size)

    @Slot()
    def zoom_in(self) -> None:
        self._zoom(self.reader.font_size() + 1)

    @Slot()
    def zoom_out(self) -> None:
        self._zoom(self.reader.font_size() - 1)

    @Slot()
    def zoom_reset(self) -> None:
        self._zoom(self._default_font_size)

    def _zoom(self, points: float) -> None:
        self.reader.set_font_size(points)
        self.settings.font_size = self.reader.font_size()

    def _article_file(self) -> str | None:
        """The shown article's file, if it is still there (else the status bar says so)."""
        if self.reader.article is None:
            return None
        path = os.path.join(self.reader.archive_root, *self.reader.article.file_path.split("/"))
        if not os.path.exists(path):
            self.message.emit(f"File not found: {display_path(path)}", 8000)
            return None
        return path

    @Slot()
    def open_file(self) -> None:
        path = self._article_file()
        if path:
            launch.open_file(path)

    @Slot()
    def show_in_folder(self) -> None:
        path = self._article_file()
        if path:
            launch.show_in_folder(path)
