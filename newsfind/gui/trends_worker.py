"""Counting trends off the GUI thread: a worker with its own searchers, in its own thread.

A searcher is not thread-safe and the search worker owns its own, so this
worker keeps its own (newsfind.gui.archive_searchers), with the user's marks.
Each request has a generation; a newer one (or a closed window) makes the
count running stop at its next check, and its answer is never sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from newsfind.cancellation import SearchCancelled
from newsfind.index_store import IndexDamagedError
from newsfind.search import ArchiveSearcher
from newsfind.trends import TermsList, Trends, TrendUnit, count_trends

from newsfind.gui.archive_searchers import ArchiveSearchers
from newsfind.gui.search_messages import ArchiveSpec

log = logging.getLogger(__name__)


@dataclass
class TrendsRequest:
    generation: int
    archives: list[ArchiveSpec]
    terms: TermsList
    unit: TrendUnit | None  #: None: chosen by the span of the articles


@dataclass
class TrendsAnswer:
    generation: int
    trends: Trends | None = None
    error: str | None = None  #: why nothing could be counted
    missing: list[str] | None = None  #: archives without an index yet (not counted)


class TrendsWorker(QObject):
    progress = Signal(int, int, int)  #: generation, terms counted, terms
    answered = Signal(TrendsAnswer)
    grew = Signal(int)  #: generation: its archives hold other articles than when it was counted

    def __init__(self) -> None:
        super().__init__()
        self._searchers = ArchiveSearchers()
        #: The last count answered: its generation, archives, and their articles (root → count) then.
        self._counted: tuple[int, list[ArchiveSpec], dict[str, int]] | None = None
        #: Written by the GUI thread: requests older than this are given up.
        self.latest = 0

    @Slot(TrendsRequest)
    def count(self, request: TrendsRequest) -> None:
        if request.generation < self.latest:
            return  # a newer request is queued behind this one
        answer = TrendsAnswer(request.generation)
        try:
            searchers, answer.missing = self._searchers.open(request.archives)
            articles = _article_counts(searchers)  # (before counting: what is added meanwhile is counted again)
            answer.trends = count_trends(
                searchers, request.terms, request.unit, cancelled=lambda: self.latest > request.generation,
                progress=lambda done, total: self.progress.emit(request.generation, done, total))
        except SearchCancelled:
            return
        except IndexDamagedError as error:
            answer.error = f"{error} (the main window repairs it: count again in a moment)"
        except Exception as error:  # noqa: BLE001 - said in the window, never a dead worker
            log.exception("counting trends failed")
            answer.error = f"counting failed: {error}"
        if answer.trends is not None:
            self._counted = (request.generation, request.archives, articles)
        self.answered.emit(answer)

    @Slot(int)
    def check_grown(self, generation: int) -> None:
        """Says (grew) whether the archives of that count, still the last one answered,
        now hold other articles: an indexing run committed some, or made an index."""
        if self._counted is None or self._counted[0] != generation or self.latest > generation:
            return
        _, archives, articles = self._counted
        try:
            now = _article_counts(self._searchers.open(archives)[0])
        except Exception:  # noqa: BLE001 - a damaged index is said by the count that needs it
            log.exception("checking the archives for new articles failed")
            return
        if now != articles:
            self._counted = None  # (said once: the count it asks for will be the next)
            self.grew.emit(generation)

    @Slot()
    def shutdown(self) -> None:
        self._searchers.close()


def _article_counts(searchers: list[ArchiveSearcher]) -> dict[str, int]:
    """Each archive's articles, as its index holds them now."""
    for searcher in searchers:
        searcher.refresh()
    return {searcher.archive_root: searcher.doc_count for searcher in searchers}
