"""The open archives: opening and closing them, the queue of indexing runs and
their reports, and the GUI thread's own searchers for reading articles."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsfind import index as news_index
from newsfind.archive import Article
from newsfind.index_report import IndexReport
from newsfind.index_store import IndexDamagedError
from newsfind.search import ArchiveSearcher, Hit
from newsfind.wording import archive_label

from newsfind.gui.settings import Settings
from newsfind.gui.workers import IndexWorker

#: While indexing, the searches look for newly committed batches this often.
REFRESH_MS = 500


def index_dir_of(root: str) -> str:
    return os.fspath(news_index.default_index_dir(root))


class ArchiveSet(QObject):
    """The archives the window searches; each is indexed when opened (one run at a time)."""

    archivesChanged = Signal(list)  #: the open roots
    archiveClosed = Signal(str)
    checking = Signal(str)  #: an indexing run (of this root) is starting
    progress = Signal(str, int, int)  #: root, files done, files in all
    cancelling = Signal()
    idle = Signal()  #: no run left in the queue
    indexGrew = Signal()  #: a batch may have been committed: search again
    reportsChanged = Signal(dict)  #: root → the last run's report, for the open archives
    message = Signal(str, int)  #: for the status bar: text, milliseconds
    _indexRequested = Signal(str, str)  # to the worker thread (queued)

    def __init__(self, settings: Settings, batch_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.archives: list[str] = []
        self.reports: dict[str, IndexReport] = {}  #: root → the last run's report
        self.index_queue: list[str] = []  #: roots waiting or running
        self.indexing_root: str | None = None
        self._repairs_asked: set[str] = set()  # roots re-indexed because their index is damaged
        self._readers: dict[str, ArchiveSearcher] = {}
        self.indexThread = QThread(self)
        self.indexThread.setObjectName("newsfind-index")
        self.indexWorker = IndexWorker()
        self.indexWorker.batch_seconds = batch_seconds
        self.indexWorker.moveToThread(self.indexThread)
        self._indexRequested.connect(self.indexWorker.index_archive)
        self.indexWorker.started.connect(self._on_run_started)
        self.indexWorker.progress.connect(self.progress)
        self.indexWorker.finished.connect(self._on_run_finished)
        self.indexThread.start()
        self.refreshTimer = QTimer(self)
        self.refreshTimer.setInterval(REFRESH_MS)
        self.refreshTimer.timeout.connect(self.indexGrew)

    # --------------------------------------------------------- open, close

    def open(self, root: str, remember: bool = True) -> bool:
        """Open an archive (indexing it); False if there is neither its folder nor an index."""
        root = os.path.abspath(os.fspath(root))
        if root in self.archives:
            return True
        exists = os.path.isdir(root)
        if not exists and not news_index.index_exists(index_dir_of(root)):
            self.message.emit(f"Archive folder not found: {root}", 8000)
            return False
        self.archives.append(root)
        self.settings.remember_recent(root)
        if remember:
            self.settings.open_archives = self.archives
        self.archivesChanged.emit(list(self.archives))
        if exists:
            self._queue(root)
        else:
            # Never "update" an unplugged drive's archive into an empty index.
            self.reports[root] = IndexReport(root, index_dir_of(root),
                                             failure="folder not found: searching the index as it was last built")
            self.message.emit(f"{archive_label(root)}: folder not found; searching its last index", 8000)
        return True

    def close(self, root: str) -> None:
        if root not in self.archives:
            return
        if root == self.indexing_root:
            self.indexWorker.cancel()
        elif root in self.index_queue:
            self.index_queue.remove(root)
        self.archives.remove(root)
        self.reports.pop(root, None)
        reader = self._readers.pop(root, None)
        if reader is not None:
            reader.close()
        self.settings.open_archives = self.archives
        self.archiveClosed.emit(root)
        self.archivesChanged.emit(list(self.archives))

    def open_reports(self) -> dict[str, IndexReport]:
        return {root: self.reports[root] for root in self.archives if root in self.reports}

    # ------------------------------------------------------------- reading

    def article(self, hit: Hit) -> Article | None:
        """The article a hit names, or None if the index no longer holds it."""
        try:
            searcher = self._reader_for(hit.archive)
            return searcher.article(hit.id) if searcher is not None else None
        except KeyError:
            return None
        except IndexDamagedError as error:
            stale = self._readers.pop(hit.archive, None)
            if stale is not None:
                stale.close()
            self.repair({hit.archive: str(error)})
            return None

    def _reader_for(self, root: str) -> ArchiveSearcher | None:
        """GUI-thread searchers, for reading articles only (the search worker has its own)."""
        searcher = self._readers.get(root)
        if searcher is None:
            index_dir = news_index.default_index_dir(root)
            if not news_index.index_exists(index_dir):
                return None
            searcher = ArchiveSearcher(index_dir, archive_root=root)
            self._readers[root] = searcher
        return searcher

    # ------------------------------------------------------------ indexing

    def is_indexing(self) -> bool:
        return bool(self.index_queue)

    def _queue(self, root: str) -> None:
        if root in self.index_queue:
            return
        self.index_queue.append(root)
        if self.indexing_root is None:
            self.checking.emit(root)
        self._indexRequested.emit(root, index_dir_of(root))
        self.refreshTimer.start()

    @Slot()
    def recheck(self) -> None:
        """Index every open archive again (new, changed and deleted files)."""
        for root in self.archives:
            if os.path.isdir(root):
                self._queue(root)

    @Slot()
    def cancel_indexing(self) -> None:
        if self.indexing_root is None and not self.index_queue:
            return
        self.index_queue = [self.indexing_root] if self.indexing_root else []
        self.indexWorker.cancel()
        self.cancelling.emit()

    def repair(self, damaged: dict[str, str]) -> None:
        """Index an archive whose index is damaged: once, until a run ends well."""
        for root in damaged:
            if root in self.archives and root not in self._repairs_asked and os.path.isdir(root):
                self._repairs_asked.add(root)
                self.message.emit(f"{archive_label(root)}: the index is damaged; repairing it…", 8000)
                self._queue(root)

    @Slot(str)
    def _on_run_started(self, root: str) -> None:
        if root not in self.index_queue:  # cancelled or closed while queued
            self.indexWorker.cancel()
        self.indexing_root = root
        self.checking.emit(root)

    @Slot(str, IndexReport)
    def _on_run_finished(self, root: str, report: IndexReport) -> None:
        self.reports[root] = report
        if root in self.index_queue:
            self.index_queue.remove(root)
        self.indexing_root = None
        if not self.index_queue:
            self.refreshTimer.stop()
            self.idle.emit()
        self.indexGrew.emit()  # show what the last batch added
        if report.ok:
            self._repairs_asked.discard(root)
        else:
            self.message.emit(f"{archive_label(root)}: {report.failure or report.check.summary()}", 15000)
        self.reportsChanged.emit(self.open_reports())

    def shutdown(self) -> None:
        """Stop the indexer (it commits what it did) and close the readers."""
        self.refreshTimer.stop()
        self.indexWorker.abandon()
        self.indexThread.quit()
        self.indexThread.wait(30000)
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
