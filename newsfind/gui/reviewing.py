"""Going through a list: the marks of the article being read (star, reviewed, tags,
note), an article counted reviewed once open a few seconds, and the list showing
every result's marks as they change."""

from __future__ import annotations

import os

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal, Slot

from newsfind.marks import Mark

from newsfind.gui.marks_bar import MarksBar
from newsfind.gui.reader import ReadingPane
from newsfind.gui.results import ResultsModel
from newsfind.gui.settings import Settings
from newsfind.gui.user_marks import UserMarks


class Reviewing(QObject):
    """One owner of the marks shown: the bar's for the article read, the list's for its rows."""

    message = Signal(str, int)  #: for the status bar: text, milliseconds
    reviewedChanged = Signal(int)  #: the article read became reviewed (+1) or not (-1)

    def __init__(self, marks: UserMarks, bar: MarksBar, reader: ReadingPane, model: ResultsModel,
                 settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._marks, self._bar, self._reader, self._model, self._settings = marks, bar, reader, model, settings
        self._auto = QTimer(self, singleShot=True)
        self._auto.timeout.connect(self._auto_review)
        bar.starToggled.connect(lambda on: self._change(self._marks.set_starred, on))
        bar.reviewedToggled.connect(self._set_reviewed_by_hand)
        bar.tagsEdited.connect(lambda tags: self._change(self._marks.set_tags, tags))
        bar.noteEdited.connect(lambda note: self._change(self._marks.set_note, note))
        marks.changed.connect(self._on_changed)
        model.modelReset.connect(self._mark_every_row)
        model.rowsInserted.connect(self._mark_rows)

    # ---------------------------------------------------------- the article read

    @Slot(bool)
    def article_shown(self, shown: bool) -> None:
        """The reading pane shows an article (or none now): its marks in the bar; the clock
        that counts it reviewed starts."""
        self._auto.stop()
        article = self._reader.article
        if not shown or article is None:
            self._bar.show_mark(None)
            return
        mark = self._marks.mark(self._reader.archive_root, article)
        self._bar.show_mark(mark)
        seconds = self._settings.auto_review_seconds
        if seconds and not mark.reviewed:
            self._auto.start(seconds * 1000)

    @Slot()
    def toggle_star(self) -> None:
        self._bar.star.toggle()  # (the bar says so, and the change is written)

    @Slot()
    def toggle_reviewed(self) -> None:
        self._bar.reviewed.toggle()

    @Slot()
    def _auto_review(self) -> None:
        if self._reader.article is not None:
            self._change(self._marks.set_reviewed, True)

    @Slot(bool)
    def _set_reviewed_by_hand(self, reviewed: bool) -> None:
        self._auto.stop()  # (unmarked by hand: not marked again behind the user's back)
        self._change(self._marks.set_reviewed, reviewed)

    def _change(self, change, value) -> None:
        article = self._reader.article
        if article is None:
            return
        before = self._bar.shown.reviewed
        try:
            after = change(self._reader.archive_root, article, value).reviewed
            if after != before:
                self.reviewedChanged.emit(1 if after else -1)
        except Exception as error:  # a full disk, a store locked too long: said, the bar shows what is kept
            self.message.emit(f"Your mark could not be saved: {error}", 8000)
            self._bar.show_mark(self._marks.mark(self._reader.archive_root, article))

    @Slot(str, str, object)
    def _on_changed(self, archive: str, path: str, mark: Mark) -> None:
        article = self._reader.article
        if article is not None and (os.path.abspath(self._reader.archive_root), article.path) == (archive, path):
            self._bar.show_mark(mark)
        self._model.set_marks({(archive, path): mark})

    @Slot()
    def show_marks_again(self) -> None:
        """Marks came from elsewhere (an import): the bar and the list read them again."""
        self.article_shown(self._reader.article is not None)
        self._mark_every_row()

    # ----------------------------------------------------------------- the list

    @Slot()
    def _mark_every_row(self) -> None:
        self._model.set_marks(self._marks.marks_at([hit.place for hit in self._model.hits]), replace=True)

    @Slot(QModelIndex, int, int)
    def _mark_rows(self, parent: QModelIndex, first: int, last: int) -> None:
        self._model.set_marks(self._marks.marks_at([hit.place for hit in self._model.hits[first:last + 1]]))

