"""Running saved searches over open searchers: every hit, which are new, new ones first.

The window's search worker and `newsfind saved` both use these, on searchers they
own (a searcher is not thread-safe), with a work store of their own thread.
"""

from __future__ import annotations

import os
from typing import Callable

from newsfind.article_keys import ArticleKey
from newsfind.cancellation import Cancelled, never
from newsfind.export import EXPORT_PAGE
from newsfind.multi import MergedSearch
from newsfind.saved_searches import Place, SavedSearch, SavedSearchError, mark_seen, unseen
from newsfind.search import ArchiveSearcher, Hit
from newsfind.work_store import WorkStore



def searchers_by_root(searchers: list[ArchiveSearcher]) -> dict[str, ArchiveSearcher]:
    """Searchers by their archive folder, absolute, as saved searches name them."""
    return {os.path.abspath(searcher.archive_root): searcher for searcher in searchers}


def every_hit(searchers: dict[str, ArchiveSearcher], search: SavedSearch, cancelled: Cancelled = never) -> list[Hit]:
    """Every hit of the saved search in those of its archives that are open (by absolute root)."""
    mine = [searchers[root] for root in search.archives if root in searchers]
    if not mine:
        return []
    return MergedSearch(mine, search.query, search.sort, search.date_from, search.date_to, page_size=EXPORT_PAGE,
                        cancelled=cancelled).all_hits()


def key_reader(searchers: dict[str, ArchiveSearcher]) -> Callable[[Place], ArticleKey | None]:
    """The article at a place, read from its index (None: not there any more)."""
    def key_of(place: Place) -> ArticleKey | None:
        searcher = searchers.get(place[0])
        article_id = searcher.article_id_at(place[1]) if searcher is not None else None
        return ArticleKey.of(place[0], searcher.article(article_id)) if article_id is not None else None
    return key_of


def new_first(store: WorkStore, search: SavedSearch, searchers: dict[str, ArchiveSearcher],
              cancelled: Cancelled = never) -> tuple[list[Hit], frozenset[Place]]:
    """The search's hits, those it has not shown first (each part in the search's order),
    and where the new ones are; every hit is then remembered as shown."""
    hits = every_hit(searchers, search, cancelled)
    key_of = key_reader(searchers)
    new = frozenset(unseen(store, search.name, [hit.place for hit in hits], key_of))
    mark_seen(store, search.name, [hit.place for hit in hits], key_of)
    ordered = [hit for hit in hits if hit.place in new] + [hit for hit in hits if hit.place not in new]
    return ordered, new


def count_new(store: WorkStore, searches: list[SavedSearch], searchers: dict[str, ArchiveSearcher],
              cancelled: Cancelled = never) -> dict[str, int | None]:
    """How many hits each saved search has not shown (None: none of its archives is open)."""
    key_of = key_reader(searchers)
    counts: dict[str, int | None] = {}
    for search in searches:
        if not any(root in searchers for root in search.archives):
            counts[search.name] = None
            continue
        hits = every_hit(searchers, search, cancelled)
        try:
            counts[search.name] = len(unseen(store, search.name, [hit.place for hit in hits], key_of))
        except SavedSearchError:
            continue  # renamed or removed since the count was asked for: the next count has it
    return counts
