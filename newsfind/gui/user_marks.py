"""The user's marks on articles, for the window: one owner of the work store on the GUI
thread, saying which article's marks changed so that the list and the reading pane follow."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal

from newsfind import marks as news_marks
from newsfind.archive import Article
from newsfind.article_keys import ArticleKey
from newsfind.marks import Mark
from newsfind.work_store import WorkStore


class UserMarks(QObject):
    """Reads and changes marks; each change is written before changed is emitted."""

    #: (archive, path) of the article whose marks changed, and its marks now.
    changed = Signal(str, str, object)

    def __init__(self, store_path: str | os.PathLike[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = WorkStore(store_path)
        self._closed = False
        #: What went wrong with the store found ("" when nothing did), for the status bar once.
        self.problem = self._store.problem

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def store(self) -> WorkStore:
        """The GUI thread's connection (saved searches are kept in the same store)."""
        return self._store

    def mark(self, archive: str, article: Article) -> Mark:
        if self._closed:  # (the window is closing: its last signals find nothing)
            return Mark()
        return news_marks.mark_of(self._store, ArticleKey.of(archive, article))

    def marks_at(self, places: list[tuple[str, str]]) -> dict[tuple[str, str], Mark]:
        if self._closed:
            return {}
        return news_marks.marks_at(self._store, [(os.path.abspath(a), p) for a, p in places])

    def set_reviewed(self, archive: str, article: Article, reviewed: bool) -> Mark:
        return self._changed(news_marks.set_reviewed, archive, article, reviewed)

    def set_starred(self, archive: str, article: Article, starred: bool) -> Mark:
        return self._changed(news_marks.set_starred, archive, article, starred)

    def set_tags(self, archive: str, article: Article, tags: list[str]) -> Mark:
        return self._changed(news_marks.set_tags, archive, article, tags)

    def set_note(self, archive: str, article: Article, note: str) -> Mark:
        return self._changed(news_marks.set_note, archive, article, note)

    def _changed(self, change, archive: str, article: Article, value) -> Mark:
        key = ArticleKey.of(archive, article)
        mark = change(self._store, key, value)
        self.changed.emit(key.archive, key.path, mark)
        return mark

    def close(self) -> None:
        self._closed = True
        self._store.close()
