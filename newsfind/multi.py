"""Searching several archives together: one ranked list merged from each index.

Qt-free. Each archive keeps its own :class:`~newsfind.search.ArchiveSearcher`;
a :class:`MergedSearch` asks each for pages only as the merged list needs
them, so paging goes on without a cap and costs no more than one archive's
paging. Relevance merges by score (BM25 scores of different indexes are close
enough to interleave); "newest"/"oldest" merge by date, undated articles last.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from newsfind.cancellation import Cancelled, never
from newsfind.search import ArchiveSearcher, Hit, QueryError, SORTS, parse_date

__all__ = ["MergedSearch", "MergedPage", "QueryError"]


@dataclass
class MergedPage:
    hits: list[Hit]
    total: int  #: hits in all archives together
    seconds: float
    suggestion: str | None = None
    has_more: bool = False
    per_archive: dict[str, int] = field(default_factory=dict)  #: archive root → its total
    #: How the query was read, when the user should know ("*a* stands for …").
    notes: list[str] = field(default_factory=list)
    stories: int | None = None  #: collapsed: how many stories the `total` articles are


class _Stream:
    """The hits of one archive, fetched page by page."""

    def __init__(self, searcher: ArchiveSearcher, order: int, query: dict, page_size: int) -> None:
        self.searcher = searcher
        self.order = order
        self.query = query
        self.page_size = page_size
        self.page = 0
        self.buffer: list[Hit] = []
        self.pos = 0
        self.total = 0  #: hits to list: stories when collapsed
        self.articles = 0
        self.stories: int | None = None
        self.suggestion: str | None = None
        self.notes: list[str] = []
        self.fetched = 0
        self.fetch()

    @property
    def exhausted(self) -> bool:
        return self.fetched >= self.total

    def fetch(self) -> None:
        self.page += 1
        result = self.searcher.search(page=self.page, page_size=self.page_size, **self.query)
        if self.page == 1:
            self.total, self.articles, self.stories = result.rows, result.total, result.stories
            self.suggestion = result.suggestion
            self.notes = result.notes
        # Whoosh clamps a page past the end to the last page: never re-read it.
        if result.page != self.page or not result.hits:
            self.fetched = self.total
            return
        self.buffer = self.buffer[self.pos:] + result.hits
        self.pos = 0
        self.fetched += len(result.hits)

    @property
    def has_more(self) -> bool:
        """Hits are left, buffered or still to fetch (asking fetches nothing)."""
        return self.pos < len(self.buffer) or not self.exhausted

    def head(self) -> Hit | None:
        if self.pos >= len(self.buffer) and not self.exhausted:
            self.fetch()
        return self.buffer[self.pos] if self.pos < len(self.buffer) else None

    def pop(self) -> Hit:
        hit = self.buffer[self.pos]
        self.pos += 1
        return hit


def _key(hit: Hit, order: int, sort: str) -> tuple:
    """Smaller is better."""
    if sort == "relevance":
        return (-hit.score, order)
    if hit.date is None:
        return (1, 0, order)
    ordinal = hit.date.toordinal()
    return (0, -ordinal if sort == "newest" else ordinal, order)


class MergedSearch:
    """One query over several archives; call :meth:`next_page` for more hits.

    Raises :class:`QueryError` (from the first archive) for a query or a date
    bound the user must fix.
    """

    def __init__(
        self,
        searchers: list[ArchiveSearcher],
        text: str,
        sort: str = "relevance",
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        page_size: int = 20,
        cancelled: Cancelled = never,
        collapse: bool = False,
    ) -> None:
        """Raises SearchCancelled, here or from next_page(), once `cancelled()` is true.
        With `collapse`, each archive's wire-copy families are listed as one hit each."""
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        # Validate the bounds even when no archive is open yet.
        parse_date(date_from)
        parse_date(date_to, end=True)
        started = time.perf_counter()
        self.text = text
        self.sort = sort
        self.page_size = page_size
        query = {"text": text, "sort": sort, "date_from": date_from, "date_to": date_to, "cancelled": cancelled,
                 "collapse": collapse}
        self._streams = [_Stream(s, n, query, page_size) for n, s in enumerate(searchers)]
        self.total = sum(stream.articles for stream in self._streams)
        self.rows = sum(stream.total for stream in self._streams)
        self.stories = self.rows if collapse else None
        self.suggestion = next((s.suggestion for s in self._streams if s.suggestion), None)
        self.notes = next((s.notes for s in self._streams if s.notes), [])
        self.delivered = 0
        self._setup_seconds = time.perf_counter() - started

    @property
    def has_more(self) -> bool:
        """Without fetching: a page's has_more once read the next page, which
        doubled the time to a first page in the window."""
        return self.delivered < self.rows and any(s.has_more for s in self._streams)

    def next_page(self) -> MergedPage:
        started = time.perf_counter()
        hits: list[Hit] = []
        while len(hits) < self.page_size:
            best, best_key = None, None
            for stream in self._streams:
                head = stream.head()
                if head is None:
                    continue
                key = _key(head, stream.order, self.sort)
                if best_key is None or key < best_key:
                    best, best_key = stream, key
            if best is None:
                break
            hits.append(best.pop())
        self.delivered += len(hits)
        seconds = time.perf_counter() - started + self._setup_seconds
        self._setup_seconds = 0.0
        return MergedPage(
            hits=hits, total=self.total, seconds=seconds, suggestion=self.suggestion,
            has_more=self.has_more, notes=self.notes, stories=self.stories,
            per_archive={s.searcher.archive_root: s.articles for s in self._streams})

    def all_hits(self) -> list[Hit]:
        """Every remaining hit (for export)."""
        hits: list[Hit] = []
        while True:
            page = self.next_page()
            hits.extend(page.hits)
            if not page.has_more:
                return hits


class ListedSearch:
    """A list of hits already found, paged as MergedSearch pages (a saved search
    opened with its new hits first)."""

    def __init__(self, hits: list[Hit], page_size: int = 20, per_archive: dict[str, int] | None = None) -> None:
        self._hits = hits
        self.total = len(hits)
        self.page_size = page_size
        self.delivered = 0
        self._per_archive = per_archive or {}

    @property
    def has_more(self) -> bool:
        return self.delivered < self.total

    def next_page(self) -> MergedPage:
        hits = self._hits[self.delivered:self.delivered + self.page_size]
        self.delivered += len(hits)
        return MergedPage(hits=hits, total=self.total, seconds=0.0, has_more=self.has_more,
                          per_archive=self._per_archive)

    def all_hits(self) -> list[Hit]:
        rest = self._hits[self.delivered:]
        self.delivered = self.total
        return rest
