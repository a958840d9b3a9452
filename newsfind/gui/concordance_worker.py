"""The concordance's work off the GUI thread: finding every occurrence (sent on in
batches as it goes), copying lines with their citations, exporting them.

The worker owns its searchers (a searcher is not thread-safe); a request the
window no longer wants (a newer query, another sort) is abandoned at its next
check (`latest`, written by the GUI thread).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, Signal, Slot

from newsfind import index as news_index
from newsfind.archive import Article, UnreadableArticle
from newsfind.cancellation import SearchCancelled
from newsfind.cite import Citation, CiteSource
from newsfind.concordance import CONTEXT_CHARS, ConcordanceLine, LineSort, cite_lines, merged_concordance, sort_lines
from newsfind.concordance_export import render_concordance
from newsfind.index_store import IndexDamagedError
from newsfind.search import ArchiveSearcher, QueryError

from newsfind.gui.archive_searchers import ArchiveSearchers
from newsfind.gui.search_messages import ArchiveSpec

log = logging.getLogger(__name__)

#: Lines sent at once at first (the first screenful), then every this many seconds.
FIRST_LINES, SEND_EVERY = 50, 0.15


@dataclass
class ConcordanceRequest:
    """Every occurrence of text in these archives (the newest generation wins)."""

    generation: int
    text: str
    roots: list[str]
    sort: LineSort = "date"
    sources: dict[str, CiteSource] = field(default_factory=dict)  #: archive root → what its citations know
    context: int = CONTEXT_CHARS


@dataclass
class ConcordanceBatch:
    """More lines of a request, or why there are none."""

    generation: int
    lines: list[ConcordanceLine]
    done: bool = False  #: every line has been sent
    gathered: int = 0  #: lines found so far (sorting by words: sent only when all are in)
    error: str | None = None


@dataclass
class LinesJob:
    """Lines to copy with their citations, or to write to a file (fmt "csv" or "markdown")."""

    lines: list[ConcordanceLine]
    style: str
    sources: dict[str, CiteSource]
    fmt: str = "copy"
    path: str = ""


@dataclass
class LinesDone:
    """What a LinesJob gave: the copy, or the file written (error: why not)."""

    job: LinesJob
    citation: Citation | None = None
    left_out: int = 0  #: lines whose article is no longer in the index
    error: str = ""


class ConcordanceWorker(QObject):
    found = Signal(ConcordanceBatch)
    linesDone = Signal(LinesDone)

    def __init__(self) -> None:
        super().__init__()
        self._searchers = ArchiveSearchers()
        #: the last request answered whole, and its lines in date order (another sort needs no new search)
        self._last: tuple[tuple, list[ConcordanceLine]] | None = None
        #: Written by the GUI thread: requests older than this are abandoned.
        self.latest = 0

    @Slot(ConcordanceRequest)
    def run(self, request: ConcordanceRequest) -> None:
        if request.generation < self.latest:
            return
        key = (request.text, tuple(request.roots), request.context, tuple(sorted(request.sources.items(), key=str)))
        try:
            if self._last is not None and self._last[0] == key:
                self._send_sorted(request, self._last[1])
                return
            lines = self._gather(request)
        except SearchCancelled:
            return
        except QueryError as error:
            self.found.emit(ConcordanceBatch(request.generation, [], done=True, error=str(error)))
            return
        except Exception as error:  # noqa: BLE001 - said in the window, never a dead worker
            log.exception("the concordance failed")
            self.found.emit(ConcordanceBatch(request.generation, [], done=True, error=f"the concordance failed: {error}"))
            return
        self._last = (key, lines)
        if request.sort != "date":
            self._send_sorted(request, lines)

    def _gather(self, request: ConcordanceRequest) -> list[ConcordanceLine]:
        """Every line, sent on in batches as found when they are shown by date."""
        cancelled = lambda: self.latest > request.generation  # noqa: E731
        stream = merged_concordance(self._open(request.roots), request.text, request.context, request.sources,
                                    cancelled)
        lines: list[ConcordanceLine] = []
        sent, last_sent = 0, time.monotonic()
        by_date = request.sort == "date"
        for line in stream:
            lines.append(line)
            if (sent == 0 and len(lines) >= FIRST_LINES) or (sent and time.monotonic() - last_sent >= SEND_EVERY):
                self.found.emit(ConcordanceBatch(request.generation, lines[sent:] if by_date else [],
                                                 gathered=len(lines)))
                sent, last_sent = len(lines), time.monotonic()
        self.found.emit(ConcordanceBatch(request.generation, lines[sent:] if by_date else [], done=by_date,
                                         gathered=len(lines)))
        return lines

    def _send_sorted(self, request: ConcordanceRequest, lines: list[ConcordanceLine]) -> None:
        ordered = sort_lines(lines, request.sort)
        if self.latest > request.generation:
            return
        self.found.emit(ConcordanceBatch(request.generation, ordered, done=True, gathered=len(ordered)))

    def _open(self, roots: list[str]) -> list[ArchiveSearcher]:
        """This thread's searchers of the archives with an index, refreshed."""
        searchers, _ = self._searchers.open([ArchiveSpec(root, str(news_index.default_index_dir(root)))
                                             for root in roots])
        for searcher in searchers:
            searcher.refresh()
        return searchers

    @Slot(LinesJob)
    def render(self, job: LinesJob) -> None:
        """Copy or export lines (their articles read for the citations)."""
        def source_of(root: str) -> CiteSource:
            return job.sources.get(root) or CiteSource(root or None)
        try:
            if job.fmt == "copy":
                citation, left_out = cite_lines(job.lines, self._article, job.style, source_of)
                self.linesDone.emit(LinesDone(job, citation, left_out))
                return
            text = render_concordance(job.lines, job.fmt, self._article, job.style, source_of,
                                      several=len({line.archive for line in job.lines}) > 1)
            with open(job.path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except Exception as error:  # noqa: BLE001 - a full disk, a folder gone: said in the window
            log.exception("copying or exporting concordance lines failed")
            self.linesDone.emit(LinesDone(job, error=str(error)))
            return
        self.linesDone.emit(LinesDone(job))

    def _article(self, line: ConcordanceLine) -> Article | None:
        searcher = self._searchers.get(line.archive)
        try:
            return searcher.article(line.id) if searcher is not None else None
        except (KeyError, OSError, UnreadableArticle, IndexDamagedError):
            return None

    @Slot()
    def shutdown(self) -> None:
        self._searchers.close()


class ConcordanceRunner(QObject):
    """The worker in its thread (started when first asked), and the newest request's generation."""

    found = Signal(ConcordanceBatch)  #: lines of the newest request only
    linesDone = Signal(LinesDone)
    _runRequested = Signal(ConcordanceRequest)
    _renderRequested = Signal(LinesJob)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._thread: QThread | None = None
        self.worker = ConcordanceWorker()

    def _start(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._thread.setObjectName("newsfind-concordance")
        self.worker.moveToThread(self._thread)
        self._runRequested.connect(self.worker.run)
        self._renderRequested.connect(self.worker.render)
        self.worker.found.connect(self._on_found)
        self.worker.linesDone.connect(self.linesDone)
        self._thread.start()

    def run(self, text: str, roots: list[str], sort: LineSort, sources: dict[str, CiteSource]) -> int:
        """Find every occurrence (what was running is abandoned); returns the request's generation."""
        self._start()
        self.generation += 1
        self.worker.latest = self.generation
        self._runRequested.emit(ConcordanceRequest(self.generation, text, list(roots), sort, sources))
        return self.generation

    def abandon(self) -> None:
        """Stop what is running (the window closed): nothing is wanted any more."""
        self.generation += 1
        self.worker.latest = self.generation

    def render(self, job: LinesJob) -> None:
        self._start()
        self._renderRequested.emit(job)

    @Slot(ConcordanceBatch)
    def _on_found(self, batch: ConcordanceBatch) -> None:
        if batch.generation == self.generation:
            self.found.emit(batch)

    def shutdown(self) -> None:
        self.abandon()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(10000)
            self.worker.shutdown()
