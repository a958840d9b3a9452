"""Saved searches (saved_searches.py) as a user keeps them: saved, listed in their
order, renamed, removed, reordered, refused with a clear reason; "new since you
looked" over real archive folders, through added files, a renamed file, a moved
archive and a copied article."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsfind.archive import Article, iter_articles
from newsfind.article_keys import ArticleKey
from newsfind.saved_searches import (
    SavedSearch, SavedSearchError, mark_seen, remove_search, rename_search, reorder_searches, save_search,
    saved_search, saved_searches, unseen,
)
from newsfind.work_store import WorkStore


@pytest.fixture
def store(tmp_path: Path):
    with WorkStore(tmp_path / "my-work.sqlite3") as store:
        yield store


def names(store: WorkStore) -> list[str]:
    return [search.name for search in saved_searches(store)]


def search(name: str, query: str = "harbour", *archives: str) -> SavedSearch:
    return SavedSearch(name, query, archives or ("/archive",))


# ------------------------------------------------------------- the list


def test_saved_searches_keep_their_order_and_everything_saved(store, tmp_path):
    first = save_search(store, SavedSearch("  Harbour\tnews ", "  harbour ship ",
                                           (str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a") + "/"),
                                           "2020-01-01", "2020-12-31", "date"))
    assert first == SavedSearch("Harbour news", "harbour ship", (str(tmp_path / "a"), str(tmp_path / "b")),
                                "2020-01-01", "2020-12-31", "date")
    save_search(store, search("Oil"))
    save_search(store, search("Tides"))
    assert names(store) == ["Harbour news", "Oil", "Tides"]
    assert saved_search(store, "Harbour news") == first
    assert saved_search(store, " Harbour   news") == first  # found as it was saved: white space made single
    with WorkStore(store.path) as again:
        assert saved_searches(again) == saved_searches(store)


def test_rename_remove_and_reorder(store):
    for name in ("Harbour", "Oil", "Tides", "Ships"):
        save_search(store, search(name))
    rename_search(store, "Oil", "  Oil  prices ")
    assert names(store) == ["Harbour", "Oil prices", "Tides", "Ships"]  # keeps its place
    rename_search(store, "Harbour", "Harbour")  # its own name: nothing to say
    reorder_searches(store, ["Ships", "Harbour", "Ships", "Gone meanwhile"])
    assert names(store) == ["Ships", "Harbour", "Oil prices", "Tides"]  # the others keep their order, after
    remove_search(store, "Harbour")
    assert names(store) == ["Ships", "Oil prices", "Tides"]
    save_search(store, search("Harbour"))
    assert names(store) == ["Ships", "Oil prices", "Tides", "Harbour"]  # a new one comes last
    reorder_searches(store, ["Tides"])
    assert names(store) == ["Tides", "Ships", "Oil prices", "Harbour"]


@pytest.mark.parametrize("action, message", [
    (lambda store: save_search(store, search("  \t ")), "needs a name"),
    (lambda store: save_search(store, search("Empty", " \n ")), "needs a query"),
    (lambda store: save_search(store, search(" Harbour ", "other")), "named “Harbour” already"),
    (lambda store: rename_search(store, "Oil", "Harbour"), "named “Harbour” already"),
    (lambda store: rename_search(store, "Oil", " "), "needs a name"),
    (lambda store: rename_search(store, "Nothing", "Something"), "no saved search is named “Nothing”"),
    (lambda store: remove_search(store, "Nothing"), "no saved search is named “Nothing”"),
    (lambda store: saved_search(store, "Nothing"), "no saved search is named “Nothing”"),
    (lambda store: unseen(store, "Nothing", [], lambda place: None), "no saved search is named “Nothing”"),
    (lambda store: mark_seen(store, "Nothing", [], lambda place: None), "no saved search is named “Nothing”"),
], ids=["empty-name", "empty-query", "taken", "rename-taken", "rename-empty", "rename-unknown", "remove-unknown",
        "get-unknown", "unseen-unknown", "seen-unknown"])
def test_what_cannot_be_done_is_said_and_changes_nothing(store, action, message):
    save_search(store, search("Harbour"))
    save_search(store, search("Oil", "oil"))
    before = saved_searches(store)
    with pytest.raises(SavedSearchError, match=message):
        action(store)
    assert saved_searches(store) == before


# ------------------------------------------------------ new since you looked


def write_article(folder: Path, name: str, date: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} {text}\n", encoding="utf-8")


class Archives:
    """"Searching" real folders: the hits are the articles holding a word, in path order;
    key_of reads the article at a place again, as the index would give it."""

    def __init__(self, *roots: Path) -> None:
        self.roots = roots
        self.articles: dict[tuple[str, str], Article] = {}

    def hits(self, word: str) -> list[tuple[str, str]]:
        self.articles = {(str(root), article.path): article for root in self.roots for article in iter_articles(root)
                         if isinstance(article, Article)}
        return [place for place, article in self.articles.items() if word in article.body.lower()]

    def key_of(self, place: tuple[str, str]) -> ArticleKey | None:
        article = self.articles.get(place)
        return ArticleKey.of(place[0], article) if article else None


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    root = tmp_path / "harbour"
    for day in range(1, 4):
        write_article(root, f"2020/day{day}.txt", f"2020-01-0{day}", f"Harbour story {day}\n\nThe harbour on day {day}.")
    write_article(root, "2020/other.txt", "2020-01-09", "Elsewhere\n\nNothing about ships.")
    return root


def saved_and_seen(store: WorkStore, archives: Archives, name: str = "Harbour") -> list[tuple[str, str]]:
    save_search(store, SavedSearch(name, "harbour", tuple(str(root) for root in archives.roots)))
    hits = archives.hits("harbour")
    assert unseen(store, name, hits, archives.key_of) == hits  # never opened: all of it is new
    assert mark_seen(store, name, hits, archives.key_of) == len(hits)
    return hits


def test_new_since_you_looked_after_files_are_added(store, harbour):
    archives = Archives(harbour)
    first = saved_and_seen(store, archives)
    assert len(first) == 3
    assert unseen(store, "Harbour", archives.hits("harbour"), archives.key_of) == []
    write_article(harbour, "2020/day4.txt", "2020-01-04", "Harbour story 4\n\nThe harbour again.")
    write_article(harbour, "2019/old.txt", "2019-12-31", "Harbour last year\n\nThe harbour in winter.")
    write_article(harbour, "2020/more ships.txt", "2020-01-05", "Ships\n\nNo port named.")
    hits = archives.hits("harbour")
    new = unseen(store, "Harbour", hits, archives.key_of)
    assert new == [(str(harbour), "2019/old.txt"), (str(harbour), "2020/day4.txt")]  # in the hits' order
    assert unseen(store, "Harbour", hits, archives.key_of) == new  # looking is not seeing
    with WorkStore(store.path) as again:  # and it is remembered across a restart
        assert unseen(again, "Harbour", hits, archives.key_of) == new
    assert mark_seen(store, "Harbour", hits, archives.key_of) == 2  # only the newly seen are counted
    assert mark_seen(store, "Harbour", hits + hits[:2], archives.key_of) == 0
    assert unseen(store, "Harbour", hits, archives.key_of) == []


def test_each_saved_search_remembers_its_own(store, harbour):
    archives = Archives(harbour)
    hits = saved_and_seen(store, archives, "Harbour")
    save_search(store, SavedSearch("Harbour again", "harbour", (str(harbour),)))
    assert unseen(store, "Harbour again", hits, archives.key_of) == hits
    assert mark_seen(store, "Harbour again", hits[:1], archives.key_of) == 1
    assert unseen(store, "Harbour again", hits, archives.key_of) == hits[1:]
    assert unseen(store, "Harbour", hits, archives.key_of) == []


def test_changing_a_saved_search_keeps_what_it_has_shown_and_removing_it_forgets(store, harbour):
    archives = Archives(harbour)
    hits = saved_and_seen(store, archives)
    save_search(store, search("Later"))
    changed = save_search(store, SavedSearch("Harbour", "harbour OR port", (str(harbour),), "2020-01-01"),
                          replace=True)
    assert saved_search(store, "Harbour") == changed and names(store) == ["Harbour", "Later"]
    assert unseen(store, "Harbour", hits, archives.key_of) == []
    rename_search(store, "Harbour", "Port")
    assert unseen(store, "Port", hits, archives.key_of) == []
    remove_search(store, "Port")
    save_search(store, SavedSearch("Port", "harbour", (str(harbour),)))
    assert unseen(store, "Port", hits, archives.key_of) == hits  # a new search of that name has shown nothing


def test_a_renamed_file_that_was_seen_is_not_new(store, harbour):
    archives = Archives(harbour)
    saved_and_seen(store, archives)
    (harbour / "2020/day2.txt").rename(harbour / "2020/day2 renamed.txt")
    hits = archives.hits("harbour")
    assert unseen(store, "Harbour", hits, archives.key_of) == []
    assert mark_seen(store, "Harbour", hits, archives.key_of) == 0


def test_a_moved_archive_shows_only_what_is_really_new(store, harbour, tmp_path):
    archives = Archives(harbour)
    saved_and_seen(store, archives)
    moved = tmp_path / "new disk" / "harbour"
    moved.parent.mkdir()
    shutil.move(harbour, moved)
    write_article(moved, "2020/day4.txt", "2020-01-04", "Harbour story 4\n\nThe harbour again.")
    save_search(store, SavedSearch("Harbour", "harbour", (str(moved),)), replace=True)  # pointed at its new place
    archives = Archives(moved)
    hits = archives.hits("harbour")
    assert len(hits) == 4
    assert unseen(store, "Harbour", hits, archives.key_of) == [(str(moved), "2020/day4.txt")]
    rows = store.read("SELECT archive, path FROM article ORDER BY path")
    assert rows == [(str(moved), f"2020/day{day}.txt") for day in range(1, 4)]  # their places brought up to date
    assert mark_seen(store, "Harbour", hits, archives.key_of) == 1
    assert unseen(store, "Harbour", hits, archives.key_of) == []


def test_a_copy_of_a_seen_article_at_a_new_place_is_new(store, harbour):
    archives = Archives(harbour)
    saved_and_seen(store, archives)
    shutil.copy(harbour / "2020/day1.txt", harbour / "2020/day1 copy.txt")
    hits = archives.hits("harbour")
    assert unseen(store, "Harbour", hits, archives.key_of) == [(str(harbour), "2020/day1 copy.txt")]
    assert mark_seen(store, "Harbour", hits, archives.key_of) == 1
    assert len(store.read("SELECT id FROM article")) == 4


def test_new_across_several_archives(store, harbour, tmp_path):
    port = tmp_path / "port"
    write_article(port, "a.txt", "2021-01-01", "Port news\n\nThe harbour in the port town.")
    archives = Archives(harbour, port)
    hits = saved_and_seen(store, archives)
    assert len(hits) == 4 and saved_search(store, "Harbour").archives == tuple(sorted((str(harbour), str(port))))
    write_article(port, "b.txt", "2021-01-02", "Port news 2\n\nThe harbour once more.")
    write_article(harbour, "2020/day9.txt", "2020-01-09", "Harbour 9\n\nThe harbour late.")
    assert unseen(store, "Harbour", archives.hits("harbour"), archives.key_of) == [
        (str(harbour), "2020/day9.txt"), (str(port), "b.txt")]


# ------------------------------------------------------- any text at all

ANY_CHAR = st.one_of(st.characters(exclude_categories=()),
                     st.sampled_from(["\x00", "\ud800", "\udcff", "\x1f", " ", "\t", "\n", "\u2028", "\u00a0",
                                      "e", "E", "é", "“", "”", "'", '"', "%", "_", ";", "\\"]))
ANY_TEXT = st.text(ANY_CHAR, max_size=25)
_SURROGATE = re.compile("[\ud800-\udfff]")
_numbers = itertools.count()


def readable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with WorkStore(tmp_path_factory.mktemp("hypothesis") / "my-work.sqlite3") as store:
        yield store


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ANY_TEXT, query=ANY_TEXT, new_name=ANY_TEXT)
@example(name="\udcff name", query="q\ud800", new_name="\udc80")
@example(name="N\x00UL", query="\x00", new_name="\x00\x00")
@example(name="  ", query="harbour", new_name="x")
def test_any_name_and_query_are_kept_or_refused_with_a_reason(shared_store, name, query, new_name):
    name, new_name = f"{name}{next(_numbers)}", f"{new_name}#{next(_numbers)}"  # (examples do not meet)
    expected_name, expected_query = " ".join(readable(name).split()), readable(query).strip()
    try:
        saved = save_search(shared_store, SavedSearch(name, query, ("/archive",)))
    except SavedSearchError as error:
        assert not expected_query and "needs a query" in str(error)
        return
    assert (saved.name, saved.query) == (expected_name, expected_query)
    assert saved_search(shared_store, name) == saved
    assert saved_search(shared_store, expected_name) == saved
    assert saved in saved_searches(shared_store)
    assert unseen(shared_store, name, [("/archive", "a.txt")], lambda place: None) == [("/archive", "a.txt")]
    rename_search(shared_store, name, new_name)
    assert saved_search(shared_store, new_name).query == expected_query
    with pytest.raises(SavedSearchError, match="no saved search is named"):
        saved_search(shared_store, name)
    remove_search(shared_store, new_name)
    assert all(search.name != " ".join(readable(new_name).split()) for search in saved_searches(shared_store))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=ANY_TEXT)
def test_a_name_of_white_space_only_is_refused(shared_store, name):
    if readable(name).split():
        return
    with pytest.raises(SavedSearchError, match="needs a name"):
        save_search(shared_store, search(name))
