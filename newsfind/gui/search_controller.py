"""The searches: each request a new generation, answered in the search worker's
thread; the answer of the newest one fills the results, page by page; exports."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsfind import index as news_index
from newsfind.cite import CiteSource
from newsfind.export import ExportRequest
from newsfind.saved_searches import SavedSearch
from newsfind.search import Hit

from newsfind.gui.results import ResultsModel
from newsfind.gui.search_messages import (
    ArchiveSpec, CompareAnswer, CompareRequest, CopiesAnswer, CopiesRequest, NewCounts, SearchAnswer, SearchRequest,
    TimelineAnswer,
)
from newsfind.gui.workers import SearchWorker

#: A search still running after this long says so.
SLOW_SEARCH_MS = 300
#: A list not painted this long after it came (hidden, say) gets its timeline anyway.
CHART_ANYWAY_MS = 150


class SearchController(QObject):
    """Asks the worker, and keeps only the newest answer (`generation`)."""

    searching = Signal()  #: the search takes a while
    listed = Signal(SearchAnswer)  #: a new list of results is in the model
    charted = Signal(TimelineAnswer)  #: the timeline of the list shown (it follows the list)
    cleared = Signal()  #: no query: the list is empty
    failed = Signal(str)  #: why the query could not be answered
    timed = Signal(float)  #: seconds from asking to the list painted
    damaged = Signal(dict)  #: archive root → why its index needs repair
    exported = Signal(str, object, str)  #: path, ExportOutcome (None on error), error ("" when fine)
    copiesListed = Signal(CopiesAnswer)  #: the copies a story row of the list shown stands for
    compared = Signal(CompareAnswer)  #: an article against the first copy of its family
    # Requests to the worker (queued: it lives in its own thread).
    _searchRequested = Signal(SearchRequest)
    _chartRequested = Signal(int)
    _fetchRequested = Signal(int)
    _archivesChanged = Signal(list)
    _refreshRequested = Signal()
    _exportRequested = Signal(ExportRequest)
    _countRequested = Signal(list)
    _copiesRequested = Signal(CopiesRequest)
    _compareRequested = Signal(CompareRequest)
    newCounted = Signal(NewCounts)  #: each saved search's new hits, counted by the worker

    def __init__(self, model: ResultsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.generation = 0  #: the newest request
        self.answered_generation = 0  #: the last search whose answer is shown (tests wait on it)
        self._chart_pending: int | None = None  #: the list shown whose timeline is still being made
        self.last_answer: SearchAnswer | None = None  #: the answer whose list is shown
        #: the title of the article whose similar ones are listed (a `like:` query)
        self.similar_to: str | None = None
        #: seconds the user waited for the list shown, from asking to its rows painted (None: not yet)
        self.waited: float | None = None
        #: how many of the list's results are marked reviewed (None: not counted yet)
        self.reviewed: int | None = None
        self._several = False
        self.roots: list[str] = []
        #: each wire-copy family listed once (+ N copies), the timeline counting stories
        self.collapse = True
        self.slowSearch = QTimer(self)
        self.slowSearch.setSingleShot(True)
        self.slowSearch.setInterval(SLOW_SEARCH_MS)
        self.slowSearch.timeout.connect(self.searching)
        # The timeline is asked for once the list is painted, or after this if it is not (a hidden list).
        self.chartAnyway = QTimer(self)
        self.chartAnyway.setSingleShot(True)
        self.chartAnyway.setInterval(CHART_ANYWAY_MS)
        self.chartAnyway.timeout.connect(self._ask_for_chart)
        self.model.moreWanted.connect(self._fetch_more)
        self._start_worker()

    def _start_worker(self) -> None:
        self.searchThread = QThread(self)
        self.searchThread.setObjectName("newsfind-search")
        self.searchWorker = SearchWorker()
        self.searchWorker.moveToThread(self.searchThread)
        self._searchRequested.connect(self.searchWorker.search)
        self._chartRequested.connect(self.searchWorker.chart)
        self._fetchRequested.connect(self.searchWorker.fetch_more)
        self._archivesChanged.connect(self.searchWorker.set_archives)
        self._refreshRequested.connect(self.searchWorker.refresh)
        self._exportRequested.connect(self.searchWorker.export)
        self._countRequested.connect(self.searchWorker.count_new)
        self._copiesRequested.connect(self.searchWorker.copies)
        self._compareRequested.connect(self.searchWorker.compare)
        self.searchWorker.copiesListed.connect(self._on_copies)
        self.searchWorker.compared.connect(self.compared)
        self.searchWorker.newCounted.connect(self.newCounted)
        self.searchWorker.started.connect(self._on_started)
        self.searchWorker.answered.connect(self._on_answer)
        self.searchWorker.charted.connect(self._on_chart)
        self.searchWorker.exported.connect(self.exported)
        self.searchThread.start()

    # ------------------------------------------------------------ requests

    def set_archives(self, roots: list[str]) -> None:
        self.roots = list(roots)  #: the archives searched
        self._several = len(roots) > 1
        self.model.show_archive = self._several
        self._archivesChanged.emit([ArchiveSpec(root, os.fspath(news_index.default_index_dir(root)))
                                    for root in roots])

    @Slot()
    def abandon(self) -> None:
        """The query is changing: the search running (if any) is for text no longer there."""
        self.searchWorker.latest = self.generation + 1

    def search(self, text: str, sort: str, date_from: str | None, date_to: str | None,
               asked_at: float | None = None, saved: SavedSearch | None = None) -> None:
        """Search now (an empty text empties the list); `asked_at`: when the user
        asked (perf_counter; default now), for the wait the status bar shows;
        `saved`: the saved search opened (its new hits first)."""
        self.slowSearch.stop()
        self.similar_to = None
        self.waited = None
        self.reviewed = None
        self._next_generation()
        if not text:
            self.answered_generation = self.generation  # nothing to wait for
            self.last_answer = None
            self.model.set_hits([], 0, False)
            self.cleared.emit()
            return
        asked_at = time.perf_counter() if asked_at is None else asked_at
        self._searchRequested.emit(SearchRequest(self.generation, text, sort, date_from, date_to, asked_at=asked_at,
                                                 saved=saved, collapse=self.collapse and saved is None))

    def set_collapse(self, collapse: bool) -> None:
        """List each wire-copy family once from the next search on (the caller searches again)."""
        self.collapse = collapse

    @Slot(Hit)
    def list_copies(self, story: Hit) -> None:
        """Have the worker list the copies a story row of the list shown stands for (copiesListed answers)."""
        request = self.last_answer.request if self.last_answer is not None else None
        if request is not None and request.generation == self.generation:
            self._copiesRequested.emit(CopiesRequest(self.generation, story, request.text, request.date_from,
                                                     request.date_to))

    def compare(self, article: Hit) -> None:
        """Have the worker compare the article with the first copy of its family (compared answers)."""
        self._compareRequested.emit(CompareRequest(article))

    def count_new(self, searches: list[SavedSearch]) -> None:
        """Have the worker count each saved search's new hits (newCounted answers)."""
        self._countRequested.emit(searches)

    @Slot()
    def refresh(self) -> None:
        """Look for what the indexer committed; the worker reruns the query if it changed."""
        self._refreshRequested.emit()

    def export(self, path: str, fmt: str, sources: dict[str, CiteSource], hits: list[Hit] | None = None,
               cite_style: str = "plain") -> None:
        """Write the hits given, else every hit of the list shown (the worker loads those
        not shown yet), to path as fmt (see export.EXPORT_FORMATS; a review log cites in cite_style)."""
        chosen = hits if hits is not None else list(self.model.hits)
        with_rest = hits is None and self.similar_to is None  # (a similar-articles list is shown whole)
        self._exportRequested.emit(ExportRequest(chosen, path, fmt, self._several, sources, with_rest, cite_style))

    def _next_generation(self) -> None:
        self.generation += 1
        self.searchWorker.latest = self.generation

    @Slot()
    def _fetch_more(self) -> None:
        self._fetchRequested.emit(self.generation)

    # ------------------------------------------------------------- answers

    @Slot(int)
    def _on_started(self, generation: int) -> None:
        if generation == self.generation:
            self.slowSearch.start()

    @Slot(SearchAnswer)
    def _on_answer(self, answer: SearchAnswer) -> None:
        if answer.damaged:
            self.damaged.emit(answer.damaged)
        if answer.generation != self.generation:
            return
        self.slowSearch.stop()
        self.answered_generation = answer.generation
        if answer.error:
            self.model.stop_fetching()
            self.failed.emit(answer.error)
            return
        page = answer.page
        if not answer.replace:
            self.model.append_hits(page.hits, page.has_more)
            return
        self.last_answer = answer
        self.similar_to = answer.similar_to
        self._chart_pending = None if answer.similar_to is not None else answer.generation  # no query to chart
        self.model.set_hits(page.hits, page.total, page.has_more, answer.new_places, page.stories)
        if self._chart_pending is not None:
            self.chartAnyway.start()
        self.listed.emit(answer)

    @Slot(CopiesAnswer)
    def _on_copies(self, answer: CopiesAnswer) -> None:
        if answer.request.generation == self.generation:  # (else its list is gone)
            self.copiesListed.emit(answer)

    @Slot(TimelineAnswer)
    def _on_chart(self, answer: TimelineAnswer) -> None:
        if answer.generation != self.generation:
            return
        self._chart_pending = None
        self.reviewed = answer.reviewed
        self.charted.emit(answer)

    def adjust_reviewed(self, change: int) -> None:
        """An article of the list was marked reviewed (+1) or not (-1) since it was counted."""
        if self.reviewed is not None:
            self.reviewed = max(0, self.reviewed + change)

    @Slot()
    def list_painted(self) -> None:
        """The rows of the list shown are painted: how long the user waited."""
        answer = self.last_answer
        if self.waited is None and answer is not None and answer.generation == self.generation and answer.request.asked_at:
            self.waited = time.perf_counter() - answer.request.asked_at
            self.timed.emit(self.waited)
        self._ask_for_chart()

    @Slot()
    def _ask_for_chart(self) -> None:
        """The list is shown: now its timeline (once)."""
        if self.chartAnyway.isActive() or self.sender() is self.chartAnyway:
            self.chartAnyway.stop()
            if self._chart_pending == self.generation:
                self._chartRequested.emit(self.generation)

    @property
    def settled(self) -> bool:
        """The newest request is answered, and its timeline shown (tests wait on it)."""
        return self.answered_generation == self.generation and self._chart_pending != self.generation

    def shutdown(self) -> None:
        self.slowSearch.stop()
        self.chartAnyway.stop()
        self.searchThread.quit()
        self.searchThread.wait(10000)
        self.searchWorker.shutdown()
