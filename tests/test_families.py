"""Wire-copy families over real articles and edited copies of them: found, counted
as stories, listed, timed, and given by the command line."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from newsfind.cli import main
from newsfind.families import FAMILIES_FILE
from newsfind.index import update_index
from newsfind.search import ArchiveSearcher
from tests.wire_archive import WireArchive, make_wire_archive

QUERIES = ("*", "government", "said", "president OR police", '"prime minister"')


@pytest.fixture(scope="module")
def wire(tmp_path_factory) -> WireArchive:
    return make_wire_archive(tmp_path_factory.mktemp("wire") / "wire")


@pytest.fixture(scope="module")
def index_dir(wire, tmp_path_factory):
    target = tmp_path_factory.mktemp("wire-index")
    update_index(wire.root, target)
    return target


@pytest.fixture(scope="module")
def searcher(wire, index_dir):
    searcher = ArchiveSearcher(index_dir, archive_root=str(wire.root))
    yield searcher
    searcher.close()


def _earliest(names, dates: dict[str, str]) -> str:
    """The story's first copy: the earliest dated (every made article is dated; ties by name, as indexed)."""
    return min(names, key=lambda name: (dates[name], name))


def test_edited_copies_are_one_family_and_different_articles_are_apart(wire, searcher) -> None:
    found = [{article.path for article in family} for family in searcher.family_articles()]
    assert sorted(found, key=sorted) == sorted(wire.families(), key=sorted)
    sizes = [len(family) for family in found]
    assert sizes == sorted(sizes, reverse=True)  # largest first


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_collapsed_counts_equal_a_plain_grouping_of_the_matching_articles(wire, searcher, query, sort) -> None:
    plain = searcher.search(query, page_size=1000, sort=sort)
    matching = [hit.path for hit in plain.hits]
    stories: dict[str, list[str]] = {}
    for name in matching:
        stories.setdefault(wire.story_of[name], []).append(name)
    collapsed = searcher.search(query, page_size=1000, sort=sort, collapse=True)
    assert (collapsed.total, collapsed.stories) == (plain.total, len(stories))
    assert len(collapsed.hits) == len(stories)
    for hit in collapsed.hits:
        members = stories[wire.story_of[hit.path]]
        assert hit.path == _earliest(members, wire.dates)  # the earliest matching copy is the one shown
        assert hit.copies == len(members) - 1
    # Each story stands where its best-ranked copy stands in the plain list.
    first_places = list(dict.fromkeys(wire.story_of[name] for name in matching))
    assert [wire.story_of[hit.path] for hit in collapsed.hits] == first_places
    # Paged: the stories, each once.
    pages = [searcher.search(query, page=n, page_size=7, sort=sort, collapse=True)
             for n in range(1, -(-len(stories) // 7) + 1)]
    assert pages[0].pages == len(pages)
    assert [hit.path for page in pages for hit in page.hits] == [hit.path for hit in collapsed.hits]


def test_a_date_range_counts_and_shows_only_the_copies_within_it(wire, searcher) -> None:
    dates = sorted(set(wire.dates.values()))
    middle = dates[len(dates) // 2]
    plain = searcher.search("*", page_size=1000, date_to=middle)
    within = {hit.path for hit in plain.hits}
    stories = {wire.story_of[name] for name in within}
    collapsed = searcher.search("*", page_size=1000, date_to=middle, collapse=True)
    assert (collapsed.total, collapsed.stories) == (len(within), len(stories))
    for hit in collapsed.hits:
        members = [name for name in within if wire.story_of[name] == wire.story_of[hit.path]]
        assert hit.path == _earliest(members, wire.dates) and hit.copies == len(members) - 1


def test_copies_are_the_other_members_earliest_first(wire, searcher) -> None:
    family = sorted(max(wire.families(), key=len), key=lambda name: (wire.dates[name], name))
    article_id = searcher.article_id_at(family[-1])
    copies = searcher.copies(article_id)
    assert [hit.path for hit in copies] == family[:-1]
    assert [hit.date.isoformat() for hit in copies] == [wire.dates[name] for name in family[:-1]]
    # With a query: only the copies it matches, with their matches marked.
    word = "said"
    matching = {hit.path for hit in searcher.search(word, page_size=1000).hits}
    with_query = searcher.copies(article_id, word)
    assert [hit.path for hit in with_query] == [name for name in family[:-1] if name in matching]
    assert all("<mark>" in hit.snippet for hit in with_query)
    alone = next(name for name in wire.story_of if not any(name in f for f in wire.families()))
    assert searcher.copies(searcher.article_id_at(alone)) == []


@pytest.mark.parametrize("query", ("*", "government"))
def test_the_timeline_counts_each_story_once_on_its_earliest_matching_copy(wire, searcher, query) -> None:
    stories: dict[str, list[str]] = {}
    for hit in searcher.search(query, page_size=1000).hits:
        stories.setdefault(wire.story_of[hit.path], []).append(hit.path)
    expected = Counter(wire.dates[_earliest(members, wire.dates)] for members in stories.values())
    counted = searcher.date_counts(query, stories=True)
    assert {day.isoformat(): count for day, count in counted.items()} == dict(expected)


def test_the_families_command_gives_every_family_earliest_first(wire, index_dir, capsys) -> None:
    assert main(["families", "--archive", str(wire.root), "--index-dir", str(index_dir), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert list(found) == ["families"]
    for family in found["families"]:
        assert list(family) == ["size", "articles"] and family["size"] == len(family["articles"])
        assert all(list(article) == ["id", "path", "date"] for article in family["articles"])
        dates = [article["date"] for article in family["articles"]]
        assert dates == sorted(dates) and dates == [wire.dates[a["path"]] for a in family["articles"]]
    assert sorted(({a["path"] for a in f["articles"]} for f in found["families"]), key=sorted) == \
        sorted(wire.families(), key=sorted)


def test_search_collapse_json_counts_stories_and_copies(wire, index_dir, searcher, capsys) -> None:
    assert main(["search", "government", "--archive", str(wire.root), "--index-dir", str(index_dir),
                 "--collapse", "--json", "--limit", "100"]) == 0
    found = json.loads(capsys.readouterr().out)
    result = searcher.search("government", page_size=100, collapse=True)
    assert (found["total"], found["stories"]) == (result.total, result.stories)
    assert [(hit["path"], hit.get("copies", 0)) for hit in found["hits"]] == \
        [(hit.path, hit.copies) for hit in result.hits]


def test_an_index_without_families_still_searches_each_article_its_own_story(wire, index_dir, tmp_path) -> None:
    old = tmp_path / "old-index"
    shutil.copytree(index_dir, old)
    (old / FAMILIES_FILE).unlink()
    searcher = ArchiveSearcher(old, archive_root=str(wire.root))
    try:
        result = searcher.search("*", page_size=1000, collapse=True)
        assert result.stories == result.total == len(wire.story_of)
        assert not any(hit.copies for hit in result.hits)
        story = next(iter(wire.families()))
        assert searcher.copies(searcher.article_id_at(sorted(story)[0])) == []
        assert sum(searcher.date_counts("*", stories=True).values()) == len(wire.story_of)
    finally:
        searcher.close()
