"""Searching several archives together (newsfind.multi)."""

from __future__ import annotations


import pytest

from newsfind.index import update_index
from newsfind.multi import MergedSearch
from newsfind.search import ArchiveSearcher, QueryError
from tests.corpora import copy_sotu


@pytest.fixture(scope="module")
def two_archives(tmp_path_factory: pytest.TempPathFactory) -> list[ArchiveSearcher]:
    base = tmp_path_factory.mktemp("multi")
    searchers = []
    for name, start in (("early", 0), ("late", 200)):
        root = base / name
        copy_sotu(root, 25, start=start)
        index_dir = base / f"{name}-index"
        update_index(root, index_dir)
        searchers.append(ArchiveSearcher(index_dir, archive_root=str(root)))
    yield searchers
    for searcher in searchers:
        searcher.close()


def drain(search: MergedSearch) -> list:
    hits = []
    while True:
        page = search.next_page()
        hits.extend(page.hits)
        if not page.has_more:
            return hits


@pytest.mark.parametrize("page_size", [7, 20])
def test_merged_relevance_is_ordered_by_score_and_complete(two_archives, page_size):
    merged = MergedSearch(two_archives, "congress", page_size=page_size)
    hits = drain(merged)
    singles = [s.search("congress", page_size=1000) for s in two_archives]
    assert merged.total == sum(r.total for r in singles) == len(hits)
    assert {(h.archive, h.id) for h in hits} == {(h.archive, h.id) for r in singles for h in r.hits}
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert {h.archive for h in hits} == {s.archive_root for s in two_archives}


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_merged_by_date(two_archives, sort):
    hits = drain(MergedSearch(two_archives, "union", sort=sort, page_size=9))
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=sort == "newest")
    # the later archive's addresses all come first when newest
    first = hits[0].archive
    assert first.endswith("late" if sort == "newest" else "early")


def test_merged_date_filter_and_errors(two_archives):
    hits = drain(MergedSearch(two_archives, "union", date_from="1800", date_to="1805"))
    assert hits and all(1800 <= h.date.year <= 1805 for h in hits)
    with pytest.raises(QueryError):
        MergedSearch(two_archives, '"unclosed')
    with pytest.raises(QueryError):
        MergedSearch([], "union", date_from="yesterday")
    assert MergedSearch([], "union").next_page().hits == []


def test_merged_suggestion(two_archives):
    merged = MergedSearch(two_archives, "imigration")
    assert merged.total == 0 and merged.suggestion and merged.suggestion.startswith("immigra")
