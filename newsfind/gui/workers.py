"""Work that must not run on the GUI thread: searching and indexing.

Each worker is a QObject moved to its own QThread; the GUI calls its slots
through queued signals and gets answers back through signals connected to
slots of GUI-thread objects (never lambdas: they would run in the worker).
A searcher is not thread-safe, so the search worker owns every searcher it uses.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot

from newsfind import index as news_index
from newsfind.archive import Article, UnreadableArticle
from newsfind.export import EXPORT_PAGE, ExportRequest, write_export
from newsfind.marks import follow_moved_archive, mark_source, marks_at
from newsfind.work_store import ThreadStore
from newsfind.gui.index_process import IndexFinished, IndexProgress
from newsfind.index_report import IndexReport
from newsfind.index_workers import exit_text
from newsfind.multi import ListedSearch, MergedPage, MergedSearch
from newsfind.saved_runs import count_new, key_reader, new_first, searchers_by_root
from newsfind.index_store import IndexDamagedError
from newsfind.cancellation import Cancelled, SearchCancelled
from newsfind.copy_diff import compare_with_first_copy
from newsfind.search import ArchiveSearcher, Hit, QueryError
from newsfind.similar_query import liked_path
from newsfind.timeline import timeline_for

from newsfind.gui.search_messages import (
    ArchiveSpec, CompareAnswer, CompareRequest, CopiesAnswer, CopiesRequest, NewCounts, SearchAnswer, SearchRequest,
    TimelineAnswer,
)


log = logging.getLogger(__name__)


class SearchWorker(QObject):
    started = Signal(int)  # generation: a search began (the window says so if it lasts)
    answered = Signal(SearchAnswer)
    charted = Signal(TimelineAnswer)  # after a new list: its timeline (off the first page's path)
    newCounted = Signal(NewCounts)  # after count_new: each saved search's new hits
    exported = Signal(str, object, str)  # path, ExportOutcome (None on error), error ("" when fine)
    copiesListed = Signal(CopiesAnswer)  # the copies a story row stands for
    compared = Signal(CompareAnswer)  # an article against the first copy of its family

    def __init__(self) -> None:
        super().__init__()
        self._archives: list[ArchiveSpec] = []
        self._searchers: dict[str, ArchiveSearcher] = {}
        self._session: MergedSearch | ListedSearch | None = None
        self._store = ThreadStore()  #: the user's work: marks for is: and tag:, saved searches
        self._request: SearchRequest | None = None
        #: the list sent last, whose timeline the window asks for once it shows it
        self._to_chart: tuple[SearchRequest, list[ArchiveSearcher], Cancelled] | None = None
        #: archive root → its article count and notices when the list shown was made
        self._seen: dict[str, tuple[int, tuple[str, ...]]] = {}
        #: archive root → why its index cannot be opened (until an indexing run repairs it)
        self._damaged: dict[str, str] = {}
        #: archive root → what its searcher leaves out, answering without a damaged part
        self._degraded: dict[str, str] = {}
        #: Written by the GUI thread: requests older than this are skipped.
        self.latest = 0

    # ----------------------------------------------------------- archives

    @Slot(list)
    def set_archives(self, archives: list[ArchiveSpec]) -> None:
        self._archives = list(archives)
        wanted = {a.root for a in self._archives}
        for root in list(self._searchers):
            if root not in wanted:
                self._searchers.pop(root).close()
                self._seen.pop(root, None)
        self._session = None
        self._warm_up(self._open_ready())

    def _warm_up(self, searchers: list[ArchiveSearcher]) -> None:
        """Read the indexes' words now, while the user has not typed yet (given
        up at the first keystroke), so that a first pattern query answers as fast as later ones."""
        latest = self.latest
        try:
            for searcher in searchers:
                searcher.warm_up(cancelled=lambda: self.latest != latest)
        except SearchCancelled:
            pass
        except Exception:  # noqa: BLE001 - a damaged index is reported by the search that needs it
            log.exception("reading an index's words failed")

    def _open_ready(self) -> list[ArchiveSearcher]:
        """Searchers of the archives whose index exists (opened on first need)."""
        ready = []
        for spec in self._archives:
            searcher = self._searchers.get(spec.root)
            if searcher is None and news_index.index_exists(spec.index_dir):
                try:
                    searcher = ArchiveSearcher(spec.index_dir, archive_root=spec.root)
                except IndexDamagedError as error:
                    self._damaged[spec.root] = str(error)
                except Exception:  # an index being created this very moment
                    searcher = None
                if searcher is not None:
                    self._damaged.pop(spec.root, None)
                    searcher.marks = mark_source(self._store.get, spec.root)
                    self._searchers[spec.root] = searcher
            if searcher is not None:
                ready.append(searcher)
        return ready

    def _usable(self, searchers: list[ArchiveSearcher]) -> list[ArchiveSearcher]:
        """The searchers refreshed, less those of empty indexes and of unreadable
        ones (dropped, and reported until repaired); one that answers without a
        damaged part stays, and is reported too."""
        usable = []
        for searcher in searchers:
            try:
                searcher.refresh()
            except IndexDamagedError as error:
                self._drop_damaged(error)
                continue
            if searcher.damaged:
                self._degraded[searcher.archive_root] = searcher.notices[0]
            else:
                self._degraded.pop(searcher.archive_root, None)
            if searcher.doc_count > 0:
                usable.append(searcher)
        return usable

    def _drop_damaged(self, error: IndexDamagedError) -> None:
        for root, searcher in list(self._searchers.items()):
            if searcher.index_dir == error.index_dir:
                self._searchers.pop(root).close()
                self._damaged[root] = str(error)

    # -------------------------------------------------------------- search

    @Slot(SearchRequest)
    def search(self, request: SearchRequest) -> None:
        if request.generation < self.latest:
            return  # the user typed on: a newer request is queued
        self.started.emit(request.generation)
        path = liked_path(request.text)
        if path is not None:
            self._list_similar(request, path)
            return
        self._request = request
        self._run(request, rerun=False)

    def _run(self, request: SearchRequest, rerun: bool) -> None:
        searchers = self._open_ready()
        answer = SearchAnswer(request.generation, request, rerun=rerun)
        answer.missing_archives = [a.root for a in self._archives if a.root not in self._searchers]
        cancelled = self._superseding(request)
        try:
            searchers = self._usable(searchers)
            if request.saved is not None:
                self._session, answer.new_places = self._saved_session(request, searchers, cancelled)
            else:
                self._session = MergedSearch(searchers, request.text, request.sort, request.date_from,
                                             request.date_to, page_size=request.page_size, cancelled=cancelled,
                                             collapse=request.collapse)
            answer.page = self._session.next_page()
            self._seen = _index_states(searchers)
            answer.notices = [(root, notice) for root, s in self._searchers.items() for notice in s.notices]
        except SearchCancelled:
            self._session = None
            return  # a newer request is queued behind this one
        except QueryError as error:
            self._session = None
            answer.error = str(error)
        except IndexDamagedError as error:
            self._session = None
            self._drop_damaged(error)
            answer.error = f"{error} (it is being repaired: search again in a moment)"
        except Exception as error:  # never let a worker die silently
            self._session = None
            log.exception("search failed")
            answer.error = f"search failed: {error}"
        answer.damaged.update(self._damaged)
        answer.damaged.update(self._degraded)
        self._to_chart = (request, searchers, cancelled) if answer.page is not None and answer.error is None else None
        self.answered.emit(answer)

    @Slot(int)
    def chart(self, generation: int) -> None:
        """The timeline of the list sent last, once the window has painted it
        (made at once, it held the GIL the window needed to paint); given up
        when the user types on."""
        if self._to_chart is None or self._to_chart[0].generation != generation:
            return
        request, searchers, cancelled = self._to_chart
        self._to_chart = None
        if cancelled():
            return
        try:
            timeline = self._timeline(searchers, request.text, cancelled, request.collapse)
            reviewed = self._reviewed(searchers, request, cancelled)
        except SearchCancelled:
            return
        self.charted.emit(TimelineAnswer(request.generation, timeline, reviewed, stories=request.collapse))

    def _reviewed(self, searchers: list[ArchiveSearcher], request: SearchRequest, cancelled: Cancelled) -> int | None:
        """How many of the query's results are marked reviewed: the query kept to them,
        counted (after the list and its timeline: never on the way to the first page)."""
        try:
            marked = [searcher for searcher in searchers if searcher.marks and searcher.marks("reviewed", "")]
            return sum(searcher.search(f"({request.text}) is:reviewed", page_size=1, sort=request.sort,
                                       date_from=request.date_from, date_to=request.date_to, snippets=False,
                                       cancelled=cancelled).total for searcher in marked)
        except SearchCancelled:
            raise
        except Exception:  # the query itself failed already, or the marks cannot be read: not counted
            log.exception("counting the reviewed results failed")
            return None

    def _superseding(self, request: SearchRequest) -> Cancelled:
        """True once the user has asked for something newer (`latest` is
        written by the GUI thread at each keystroke and search)."""
        return lambda: self.latest > request.generation

    @staticmethod
    def _timeline(searchers: list[ArchiveSearcher], text: str, cancelled: Cancelled, stories: bool):
        """The timeline of the whole query (without the date filter, so a period can be picked):
        of stories when the list is collapsed."""
        try:
            return timeline_for(searchers, text, cancelled=cancelled, stories=stories)
        except SearchCancelled:
            raise
        except Exception:
            log.exception("the timeline failed")
            return None

    @Slot(int)
    def fetch_more(self, generation: int) -> None:
        if self._session is None or self._request is None or generation != self._request.generation:
            return
        answer = SearchAnswer(generation, self._request, replace=False)
        try:
            answer.page = self._session.next_page()
        except SearchCancelled:
            return
        except Exception as error:
            log.exception("search failed")
            answer.error = f"search failed: {error}"
        self.answered.emit(answer)

    @Slot()
    def refresh(self) -> None:
        """Look for what the indexer committed, or what it says of its run
        ("may be incomplete" no more); rerun the current query if either changed."""
        states = _index_states(self._usable(self._open_ready()))
        if states != self._seen:
            self._seen = states
            if self._request is not None and self._request.generation >= self.latest:
                # (a saved search's list is run again as its query: what the index now holds
                # stays new, counted in the list of saved searches, until the search is opened)
                self._run(replace(self._request, saved=None), rerun=True)

    # ------------------------------------------------------------- copies

    @Slot(CopiesRequest)
    def copies(self, request: CopiesRequest) -> None:
        """The copies a story row stands for (given up when a newer search is asked for)."""
        answer = CopiesAnswer(request)
        searcher = self._searchers.get(request.story.archive)
        try:
            if searcher is None:
                raise LookupError("its archive is not open any more")
            answer.copies = searcher.copies(request.story.id, request.text, request.date_from, request.date_to,
                                            cancelled=lambda: self.latest > request.generation)
        except SearchCancelled:
            return
        except Exception as error:  # noqa: BLE001 - said in the window, never a dead worker
            log.exception("listing a story's copies failed")
            answer.error = f"could not list the copies: {error}"
        self.copiesListed.emit(answer)

    @Slot(CompareRequest)
    def compare(self, request: CompareRequest) -> None:
        """The article against the earliest other copy of its family: what was added and cut."""
        answer = CompareAnswer(request)
        searcher = self._searchers.get(request.article.archive)
        try:
            if searcher is None:
                raise LookupError("its archive is not open any more")
            answer.first, answer.second, answer.diff = compare_with_first_copy(searcher, request.article.id)
        except LookupError as error:
            answer.error = f"Nothing to compare: {error.args[0] if error.args else error}"
        except Exception as error:  # noqa: BLE001 - said in the window, never a dead worker
            log.exception("comparing copies failed")
            answer.error = f"could not compare the copies: {error}"
        self.compared.emit(answer)

    # ------------------------------------------------------ more like this

    #: How many similar articles are listed.
    SIMILAR_LIMIT = 50

    def _list_similar(self, request: SearchRequest, path: str) -> None:
        """Answer a `like:"path"` query: the articles most like the one at that
        path, in the first open archive that holds it."""
        answer = SearchAnswer(request.generation, request)
        try:
            for searcher in self._usable(self._open_ready()):
                article_id = searcher.article_id_at(path)
                if article_id is not None:
                    result = searcher.more_like_this(article_id, limit=self.SIMILAR_LIMIT)
                    answer.page = MergedPage(result.hits, len(result.hits), result.seconds)
                    answer.similar_to = searcher.article(article_id).title or path
                    break
            else:
                answer.error = f"no open archive has an article at “{path}”"
        except Exception as error:  # noqa: BLE001 - said in the window, never a dead worker
            log.exception("more like this failed")
            answer.error = f"could not find similar articles: {error}"
        self._session = None
        self._request = None
        self.answered.emit(answer)

    # --------------------------------------------------------------- export

    @Slot(ExportRequest)
    def export(self, request: ExportRequest) -> None:
        """Write every hit of the current query (those shown, then the rest)."""
        try:
            hits = self._every_hit() if request.with_rest and self._request is not None else list(request.hits)
            outcome = write_export(replace(request, hits=hits, several=len(self._archives) > 1), self._article,
                                   lambda places: marks_at(self._store.get(), places))
        except Exception as error:
            self.exported.emit(request.path, None, str(error))
            return
        self.exported.emit(request.path, outcome, "")

    def _saved_session(self, request: SearchRequest, searchers: list[ArchiveSearcher], cancelled: Cancelled):
        """A saved search opened: its hits with the new ones first (then all remembered as shown)."""
        by_root = searchers_by_root(searchers)
        hits, new = new_first(self._store.get(), request.saved, by_root, cancelled)
        return ListedSearch(hits, request.page_size), new

    @Slot(list)
    def count_new(self, searches: list) -> None:
        """How many hits each saved search has not shown, over the archives open."""
        try:
            by_root = searchers_by_root(self._usable(self._open_ready()))
            for root in by_root:  # (an archive opened from a new place: its marks follow it)
                follow_moved_archive(self._store.get(), root, key_reader(by_root))
            counts = count_new(self._store.get(), searches, by_root)
        except Exception:  # an index being rebuilt, the store locked too long: counted next time
            log.exception("counting the new hits of saved searches failed")
            return
        self.newCounted.emit(NewCounts(counts))

    def _every_hit(self) -> list[Hit]:
        """Every hit of the query listed, from a search of its own: the list's own one
        stays where it is (the list goes on loading from it, and a second export
        finds it as whole as the first)."""
        request = self._request
        session = MergedSearch(self._usable(self._open_ready()), request.text, request.sort,
                               request.date_from, request.date_to, page_size=EXPORT_PAGE, collapse=request.collapse)
        return session.all_hits()

    def _article(self, hit: Hit) -> Article | None:
        """The article of a hit, read by this thread's searcher of its archive (None: gone)."""
        searcher = self._searchers.get(hit.archive)
        try:
            return searcher.article(hit.id) if searcher is not None else None
        except (KeyError, OSError, UnreadableArticle, IndexDamagedError):
            return None

    @Slot()
    def shutdown(self) -> None:
        for searcher in self._searchers.values():
            try:
                searcher.close()
            except Exception:
                pass
        self._searchers.clear()
        self._session = None
        self._store.close()


def _receive(connection, timeout: float):
    """The next message from the indexer's pipe, or None (none yet, or the child is gone)."""
    try:
        return connection.recv() if connection.poll(timeout) else None
    except (EOFError, OSError):
        return None


def _index_states(searchers: list[ArchiveSearcher]) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Each archive's article count and notices: when either changes, the list shown is stale."""
    return {s.archive_root: (s.doc_count, tuple(s.notices)) for s in searchers}


class IndexWorker(QObject):
    """Updates archives' indexes one after another, each in a child process.

    The indexer runs in a process started with the "spawn" method (forking a
    multi-threaded Qt process is unsafe): Whoosh's long C calls hold the GIL, and in a
    thread of this process they stalled the event loop for up to half a second. The
    child is not daemonic, so it can start the indexer's worker processes: the window
    indexes as fast as the command line. This worker's thread waits on the child's
    pipe and turns its messages into signals; every run ends with `finished` and a
    report (report.failure says when it failed).
    """

    started = Signal(str)  # archive root
    progress = Signal(str, int, int)  # root, done, total
    finished = Signal(str, IndexReport)  # root, its report

    #: Seconds a cancelled run may take to commit the work done before it is killed.
    CANCEL_GRACE = 30.0
    #: The same when the window closes (shutdown waits up to 30 s for this thread).
    ABANDON_GRACE = 12.0

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self._abandon = threading.Event()
        self.batch_seconds = 5.0
        self._context = None
        self._child_cancel = None  # the running child's StopFlag (a new one each run)
        #: The running child (a multiprocessing Process) or None; tests may kill it.
        self.process = None

    def cancel(self) -> None:
        """Thread-safe: stops the current run at the next file (and the queued ones)."""
        self._cancel.set()

    def abandon(self) -> None:
        """Thread-safe: stop everything (window closing)."""
        self._abandon.set()
        self._cancel.set()

    @Slot(str, str)
    def index_archive(self, root: str, index_dir: str) -> None:
        if self._abandon.is_set():
            return
        self._cancel.clear()
        self.started.emit(root)
        try:
            report = self._run_child(root, index_dir)
        except Exception as error:  # could not start the child, or lost it
            log.exception("the indexer could not run")
            report = IndexReport(archive_root=root, index_dir=index_dir,
                                 failure=f"the indexer could not run ({type(error).__name__}: {error})")
        self.finished.emit(root, report)

    def _run_child(self, root: str, index_dir: str) -> IndexReport:
        import multiprocessing

        from newsfind.gui.index_process import StopFlag, run_index

        if self._context is None:
            self._context = multiprocessing.get_context("spawn")
        self._child_cancel = StopFlag(self._context)
        messages, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(target=run_index, name="newsfind-indexer",
                                        args=(root, index_dir, self.batch_seconds, sender, self._child_cancel))
        process.start()
        sender.close()  # the child holds its own copy: reading ends with EOF when it exits
        self.process = process
        try:
            report, stopped = self._follow(root, process, messages)
        finally:
            self._end(process)
            self.process = None
            messages.close()
        if report is not None:
            return report
        if stopped:
            failure = ("indexing was stopped: it did not end in time after being cancelled "
                       "(the index keeps the batches committed before; press F5 to resume)")
        else:
            failure = (f"the indexer stopped unexpectedly ({exit_text(process.exitcode)}); "
                       "the index keeps what was committed before; press F5 to resume")
        return IndexReport(archive_root=root, index_dir=index_dir, failure=failure)

    def _follow(self, root: str, process, messages) -> tuple[IndexReport | None, bool]:
        """Pass progress on until the child's report arrives; (report or None, stopped by us)."""
        cancelled_at = None
        while True:
            message = _receive(messages, 0.1)
            if isinstance(message, IndexProgress):
                self.progress.emit(root, message.done, message.total)
            elif isinstance(message, IndexFinished):
                return message.report, False
            elif not process.is_alive():
                return self._last_word(messages, root), False
            elif self._cancel.is_set():
                self._child_cancel.set()  # the child commits what it did, then ends
                cancelled_at = cancelled_at or time.monotonic()
                grace = self.ABANDON_GRACE if self._abandon.is_set() else self.CANCEL_GRACE
                if time.monotonic() - cancelled_at > grace:
                    return None, True

    def _last_word(self, messages, root: str) -> IndexReport | None:
        """The child has ended: read what it sent last (still in the pipe), if anything."""
        while True:
            message = _receive(messages, 0.5)
            if message is None:
                return None
            if isinstance(message, IndexProgress):
                self.progress.emit(root, message.done, message.total)
            elif isinstance(message, IndexFinished):
                return message.report

    @staticmethod
    def _end(process) -> None:
        process.join(2.0)
        if process.is_alive():
            process.terminate()
            process.join(2.0)
        if process.is_alive():
            process.kill()
            process.join(2.0)
