"""is:starred, is:reviewed, is:unreviewed and tag:NAME: the user's marks in the query
language, with words, dates and operators, in the core and at the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfind.archive import Article, iter_articles
from newsfind.article_keys import ArticleKey
from newsfind.cli import main
from newsfind.index import update_index
from newsfind.marks import paths_marked, set_reviewed, set_starred, set_tags
from newsfind.query import QueryError
from newsfind.query_help import MARK_SYNTAX
from newsfind.search import ArchiveSearcher
from newsfind.work_store import WorkStore, default_store_path

TOPICS = ["refugees arrive", "refugees leave", "budget cut", "budget vote", "harbour strike", "harbour calm"]


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> dict:
    """An indexed archive of six articles and a store where some are starred, reviewed, tagged."""
    base = tmp_path_factory.mktemp("marked")
    root = base / "archive"
    root.mkdir()
    for number, topic in enumerate(TOPICS):
        (root / f"{number}.txt").write_text(f" date 2020-0{number + 1}-01 {topic.title()}\n\nAbout {topic}.\n",
                                            encoding="utf-8")
    update_index(root, base / "index")
    articles = {article.path: article for article in iter_articles(root) if isinstance(article, Article)}
    store = WorkStore(base / "work.sqlite3")
    key = {path: ArticleKey.of(str(root), article) for path, article in articles.items()}
    set_starred(store, key["0.txt"], True)
    set_starred(store, key["2.txt"], True)
    set_reviewed(store, key["0.txt"], True)
    set_reviewed(store, key["4.txt"], True)
    set_tags(store, key["1.txt"], ["follow-up", "to check"])
    set_tags(store, key["2.txt"], ["Follow-Up"])
    yield {"root": root, "index": base / "index", "store": store}
    store.close()


@pytest.fixture
def searcher(marked):
    with ArchiveSearcher(marked["index"], archive_root=str(marked["root"])) as searcher:
        searcher.marks = lambda kind, tag: paths_marked(marked["store"], str(marked["root"]), kind, tag)
        yield searcher


def found(searcher: ArchiveSearcher, query: str) -> list[str]:
    return sorted(hit.path for hit in searcher.search(query, page_size=50).hits)


def test_each_documented_mark_query_finds_what_it_says(searcher):
    expected = {
        "is:starred": ["0.txt", "2.txt"],
        "is:reviewed": ["0.txt", "4.txt"],
        "tag:follow-up": ["1.txt", "2.txt"],  # (a tag is matched whatever its case)
        "refugees is:unreviewed": ["1.txt"],
    }
    assert [example for example, _ in MARK_SYNTAX] == list(expected)
    for query, paths in expected.items():
        assert found(searcher, query) == paths, query
    assert found(searcher, "is:unreviewed") == ["1.txt", "2.txt", "3.txt", "5.txt"]
    assert found(searcher, 'tag:"to check"') == ["1.txt"]


def test_marks_combine_with_words_dates_and_operators(searcher):
    assert found(searcher, "budget is:starred") == ["2.txt"]
    assert found(searcher, "is:starred OR tag:follow-up") == ["0.txt", "1.txt", "2.txt"]
    assert found(searcher, "harbour NOT is:reviewed") == ["5.txt"]
    assert found(searcher, "-is:starred budget") == ["3.txt"]
    assert found(searcher, "is:starred date:[2020-02 TO 2020-12]") == ["2.txt"]
    assert found(searcher, "tag:nothing-like-this") == []
    assert searcher.search("is:reviewed", page_size=50).total == 2


def test_mistakes_in_mark_queries_say_what_to_type(searcher):
    for query, words in (("is:bogus", "is:starred, is:reviewed or is:unreviewed"), ("tag:", "needs a value"),
                         ("is:", "needs a value"), ("colour:red", "is:starred")):
        with pytest.raises(QueryError, match=words):
            searcher.search(query)
    searcher.marks = None
    with pytest.raises(QueryError, match="marks"):
        searcher.search("is:starred")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40), st.sampled_from(["tag:", "is:", "tag:\"", "budget tag:", "NOT is:"]))
def test_anything_after_is_or_tag_is_a_search_or_a_query_error(searcher, text, start):
    try:
        searcher.search(start + text, page_size=5)
    except QueryError:
        pass


def test_the_command_line_searches_the_users_marks(marked, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "data"))
    root = marked["root"]
    articles = {a.path: a for a in iter_articles(root) if isinstance(a, Article)}
    with WorkStore(default_store_path()) as store:
        set_tags(store, ArticleKey.of(str(root), articles["3.txt"]), ["budget"])
    common = ["--archive", str(root), "--index-dir", str(marked["index"])]
    assert main(["search", "tag:budget", "--json", *common]) == 0
    assert [hit["path"] for hit in json.loads(capsys.readouterr().out)["hits"]] == ["3.txt"]
    assert main(["search", "is:bogus", *common]) == 2
    assert "is:starred, is:reviewed or is:unreviewed" in capsys.readouterr().err


def test_the_command_line_writes_a_review_log(marked, tmp_path: Path, monkeypatch, capsys):
    import csv
    import io

    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "data"))
    root = marked["root"]
    articles = {a.path: a for a in iter_articles(root) if isinstance(a, Article)}
    with WorkStore(default_store_path()) as store:
        set_reviewed(store, ArticleKey.of(str(root), articles["2.txt"]), True)
        set_tags(store, ArticleKey.of(str(root), articles["2.txt"]), ["cuts"])
    common = ["--archive", str(root), "--index-dir", str(marked["index"])]
    assert main(["export", "budget", "--format", "review-csv", "--style", "mla", *common]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert sorted(row["path"] for row in rows) == ["2.txt", "3.txt"]
    cut = next(row for row in rows if row["path"] == "2.txt")
    assert cut["reviewed"] and cut["tags"] == "cuts" and cut["citation"].startswith("Budget Cut.")


def test_narrowing_a_query_adds_the_mark_syntax_once():
    from newsfind.mark_queries import narrowed

    assert narrowed("budget", "unreviewed") == "budget is:unreviewed"
    assert narrowed("budget is:unreviewed", "unreviewed") == "budget is:unreviewed"
    assert narrowed("", "starred") == "is:starred"
    assert narrowed("budget", "tag", "to check") == 'budget tag:"to check"'
    assert narrowed("budget", "tag", 'say "no"') == 'budget tag:"say no"'
    assert narrowed("budget", "tag", "follow-up") == "budget tag:follow-up"
