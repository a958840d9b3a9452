"""Scores computed a posting list at a time are Whoosh's scores, and the page is their top.

Run over an index of several segments with deleted and replaced articles
(what weeks of re-indexing leave), so that per-segment lengths, document
number offsets and deletions all count.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from whoosh import query as wq

from newsfind.index import open_index, update_index
from newsfind.phrases import FastPhrase
from newsfind.scoring import FieldLengths, QueryScorer
from newsfind.search import ArchiveSearcher
from tests.corpora import NEWSARTICLES

WORDS = ["police", "state", "trump", "said", "government", "refugees", "germany", "year", "minister",
         "fire", "climate", "change", "white", "house", "qqnothing"]


@pytest.fixture(scope="module")
def reindexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 articles added in three runs, then some removed and some changed."""
    root = tmp_path_factory.mktemp("reindexed")
    archive, index_dir = root / "archive", root / "index"
    archive.mkdir()
    files = sorted(NEWSARTICLES.glob("*.txt"))[:600]
    for batch in range(3):
        for path in files[batch * 200:(batch + 1) * 200]:
            shutil.copy(path, archive / path.name)
        update_index(archive, index_dir)
    for path in files[::37]:
        (archive / path.name).unlink()
    for path in files[5::41]:
        if (archive / path.name).exists():
            (archive / path.name).write_text(path.read_text("utf-8") + "\n\npolice state words\n", "utf-8")
    update_index(archive, index_dir)
    return index_dir


@pytest.fixture(scope="module")
def searchers(reindexed: Path):
    whoosh_searcher = open_index(reindexed).searcher()
    with ArchiveSearcher(reindexed) as ours:
        yield ours, whoosh_searcher
    whoosh_searcher.close()


def test_the_index_has_segments_and_deletions(searchers) -> None:
    _, whoosh_searcher = searchers
    leaves = [reader for reader, _ in whoosh_searcher.reader().leaf_readers()]
    assert len(leaves) > 2 and any(reader.has_deletions() for reader in leaves)


def as_whoosh(node: wq.Query) -> wq.Query:
    if isinstance(node, FastPhrase):
        return wq.Phrase(node.fieldname, list(node.words), boost=node.boost)
    return node if node.is_leaf() else node.apply(as_whoosh)


def check_same_scores(searchers, text: str) -> None:
    ours, whoosh_searcher = searchers
    parsed = ours.parse(text).query
    assert QueryScorer.can_score(parsed, whoosh_searcher.weighting)
    scores = QueryScorer(whoosh_searcher, FieldLengths()).scores(parsed)
    assert QueryScorer(whoosh_searcher, FieldLengths()).matching(parsed) == scores.keys()
    expected = {hit.docnum: hit.score for hit in whoosh_searcher.search(as_whoosh(parsed), limit=None)}
    assert scores.keys() == expected.keys()
    for docnum, score in expected.items():
        assert math.isclose(scores[docnum], score, rel_tol=1e-12), (docnum, scores[docnum], score)
    page = ours.search(text, page_size=20)
    assert page.total == len(expected)
    best = sorted(expected.values(), reverse=True)[:20]
    assert all(math.isclose(hit.score, score, rel_tol=1e-12) for hit, score in zip(page.hits, best))
    assert len(page.hits) == len(best)


@pytest.mark.parametrize("text", [
    "police", "police state", "police OR fire", "police -fire", "police ANDNOT fire", "title:trump",
    "title:trump^3 minister", "(police OR fire) state", '"white house"', '"climate change" OR refugees',
    "goverment~ year", "refuge* germany", "trump NOT (white OR house)", "qqnothing OR police",
    "police date:2017", "*e* police", "said AND year AND state AND minister",
])
def test_scores_are_whooshs(searchers, text: str) -> None:
    check_same_scores(searchers, text)


_word = st.sampled_from(WORDS)
_leaf = st.one_of(_word, _word.map(lambda w: f"title:{w}"), st.tuples(_word, _word).map(lambda p: f'"{p[0]} {p[1]}"'),
                  _word.map(lambda w: f"{w[:4]}*"), _word.map(lambda w: f"{w}~"))
_queries = st.recursive(_leaf, lambda inner: st.one_of(
    st.tuples(inner, st.sampled_from([" ", " AND ", " OR ", " -", " ANDNOT "]), inner).map(lambda t: "".join(t)),
    inner.map(lambda q: f"({q})"),
), max_leaves=5)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_queries)
def test_any_query_of_words_scores_as_whoosh_does(searchers, text: str) -> None:
    check_same_scores(searchers, text)


def test_the_timeline_counts_the_matches_the_search_found(searchers) -> None:
    ours, _ = searchers
    for text in ("police", "police state", "*e*"):
        total = ours.search(text).total
        assert sum(ours.date_counts(text).values()) == total
        assert sum(ours.date_counts(text, "2017-01-01", "2017-12-31").values()) == \
            ours.search(text, date_from="2017-01-01", date_to="2017-12-31").total


def test_a_search_within_dates_leaves_the_timelines_of_other_ranges_whole(searchers) -> None:
    """Only the dated articles are scored in a search with dates; the timeline
    asked next, for all dates or for other ones, still counts every match."""
    ours, _ = searchers
    everywhen = ours.date_counts("police")
    in_2017 = ours.search("police", date_from="2017-01-01", date_to="2017-12-31").total
    assert 0 < in_2017 < sum(everywhen.values())
    assert ours.date_counts("police") == everywhen
    ours.search("police", date_from="2017-01-01", date_to="2017-12-31")
    assert sum(ours.date_counts("police", "2017-01-01", "2017-12-31").values()) == in_2017
    ours.search("police", date_from="2017-01-01", date_to="2017-12-31")
    assert sum(ours.date_counts("police", "2016-01-01", "2016-12-31").values()) == \
        sum(count for day, count in everywhen.items() if day is not None and day.year == 2016)
