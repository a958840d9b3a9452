"""Backup and restore of the user's work (work_backup.py) as a user relies on it: what
is exported comes back the same in an empty store ("new since you looked" too); an
import merges into what is there by the rules the issue asks for, and importing
again changes nothing; an archive moved meanwhile is found by its text; any file
that is not a usable work file is refused with a WorkFileError naming it and leaves
the store exactly as it was. Real SQLite stores and real archive folders."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfind import work_backup
from newsfind.archive import Article, iter_articles
from newsfind.article_keys import ArticleKey
from newsfind.marks import Mark, mark_of, marks_at, set_note, set_reviewed, set_starred, set_tags
from newsfind.saved_searches import SavedSearch, mark_seen, save_search, saved_searches, unseen
from newsfind.work_backup import WorkFileError, WorkSummary, export_work, import_work
from newsfind.work_store import WorkStore

Place = tuple[str, str]


def write_article(folder: Path, name: str, date: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} {text}\n", encoding="utf-8")


def make_archive(root: Path) -> Path:
    for day in range(1, 5):
        write_article(root, f"2020/day{day}.txt", f"2020-01-0{day}",
                      f"Harbour story {day}\n\nThe harbour on day {day}.")
    write_article(root, "2020/other.txt", "2020-01-09", "Elsewhere\n\nNothing about ships, a tide.")
    return root


class Archive:
    """A folder's articles as the index gives them: hits for a word, each one's key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.articles = {(str(root), article.path): article for article in iter_articles(root)
                         if isinstance(article, Article)}

    def key(self, name: str) -> ArticleKey:
        return ArticleKey.of(str(self.root), self.articles[(str(self.root), f"2020/{name}.txt")])

    def place(self, name: str) -> Place:
        return self.key(name).place

    def hits(self, word: str) -> list[Place]:
        return sorted(place for place, article in self.articles.items() if word in article.body.lower())

    def key_of(self, place: Place) -> ArticleKey | None:
        article = self.articles.get(place)
        return ArticleKey.of(place[0], article) if article else None


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return Archive(make_archive(tmp_path / "news"))


@pytest.fixture
def store(tmp_path: Path):
    with WorkStore(tmp_path / "a.sqlite3") as store:
        yield store


@pytest.fixture
def other(tmp_path: Path):
    """A second store: another computer's, or a new installation's."""
    with WorkStore(tmp_path / "b.sqlite3") as store:
        yield store


def set_time(store: WorkStore, key: ArticleKey, reviewed_at: str) -> None:
    set_reviewed(store, key, True)
    with store.write() as db:
        db.execute("UPDATE mark SET reviewed_at = ? WHERE article = (SELECT id FROM article WHERE archive = ? "
                   "AND path = ?)", (reviewed_at, *key.place))


def worked(store: WorkStore, archive: Archive) -> None:
    """A user's work: marks of every kind, three saved searches that have shown articles."""
    set_time(store, archive.key("day1"), "2024-03-01T09:30:00+00:00")
    set_starred(store, archive.key("day1"), True)
    set_tags(store, archive.key("day1"), ["Oil", "harbour", "Café"])
    set_note(store, archive.key("day1"), "Check the tonnage.\n\nAsk the port.")
    set_starred(store, archive.key("day2"), True)
    set_note(store, archive.key("other"), "Nothing here — ü")
    set_starred(store, archive.key("day4"), True)
    set_starred(store, archive.key("day4"), False)  # (a mark taken back: nothing to export)
    root = str(archive.root)
    for name, query, dates, sort in (("Harbour", "harbour", ("2020-01-01", "2020-12-31"), "newest"),
                                     ("Tides", "tide", (None, None), "relevance"),
                                     ("Ships", "ships OR harbour", ("2020-01-02", None), "oldest")):
        save_search(store, SavedSearch(name, query, (root,), *dates, sort))
    mark_seen(store, "Harbour", archive.hits("harbour")[:3], archive.key_of)
    mark_seen(store, "Ships", [archive.place("day2"), archive.place("other")], archive.key_of)


def work_of(store: WorkStore) -> dict:
    """What the user sees of their work, by place and name (not by row): what must come back."""
    marks = {(archive, path): (reviewed_at, bool(starred), note, tags or "")
             for archive, path, reviewed_at, starred, note, tags in store.read(
                 "SELECT a.archive, a.path, m.reviewed_at, m.starred, coalesce(m.note, ''), "
                 "(SELECT group_concat(name, '|') FROM (SELECT name FROM tag WHERE article = a.id ORDER BY name)) "
                 "FROM article a LEFT JOIN mark m ON m.article = a.id")}
    return {
        "marks": {place: mark for place, mark in marks.items() if mark != (None, False, "", "")},
        "saved": store.read("SELECT name, query, date_from, date_to, sort, created_at FROM saved_search "
                            "ORDER BY position"),
        "archives": sorted(store.read("SELECT s.name, a.archive FROM saved_archive a JOIN saved_search s "
                                      "ON s.id = a.search")),
        "seen": sorted(store.read("SELECT s.name, a.archive, a.path, a.content_hash, a.title, a.date, n.seen_at "
                                  "FROM seen n JOIN saved_search s ON s.id = n.search "
                                  "JOIN article a ON a.id = n.article")),
    }


def everything(store: WorkStore) -> dict[str, list[tuple]]:
    """Every row of every table, as it is: to show that nothing at all was written."""
    return {table: store.read(f"SELECT * FROM {table} ORDER BY 1, 2")
            for table in ("article", "mark", "tag", "saved_search", "saved_archive", "seen")}


def work_file(path: Path, articles: list[dict] = (), saved: list[dict] = (), **fields) -> Path:
    document = {"format": "newsfind-work", "version": 1, "articles": list(articles), "saved": list(saved), **fields}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def entry(key: ArticleKey, **fields) -> dict:
    return {"archive": key.archive, "path": key.path, "content_hash": key.content_hash, "title": key.title,
            "date": key.date, **fields}


def saved_entry(name: str, query: str, archives: list[str], seen: list[tuple[ArticleKey, str]] = (),
                **fields) -> dict:
    return {"name": name, "query": query, "archives": archives, "from": None, "to": None, "sort": "relevance",
            "seen": [{"archive": key.archive, "path": key.path, "content_hash": key.content_hash, "seen_at": at}
                     for key, at in seen], **fields}


# ----------------------------------------------------------------- round trip


def test_exported_work_comes_back_the_same_in_an_empty_store(store, other, archive, tmp_path):
    worked(store, archive)
    written = export_work(store, tmp_path / "my work.json")
    assert written == WorkSummary(articles=3, saved=3, seen=5)
    assert import_work(other, tmp_path / "my work.json") == written
    assert work_of(other) == work_of(store)
    assert saved_searches(other) == saved_searches(store)
    places = list(archive.articles)
    assert marks_at(other, places) == marks_at(store, places)
    assert marks_at(other, places)[archive.place("day1")] == Mark(
        "2024-03-01T09:30:00+00:00", True, ("Café", "Oil", "harbour"), "Check the tonnage.\n\nAsk the port.")
    write_article(archive.root, "2020/day5.txt", "2020-01-05", "Harbour story 5\n\nThe harbour once more.")
    later = Archive(archive.root)
    for name, word in (("Harbour", "harbour"), ("Tides", "tide"), ("Ships", "harbour")):
        new = unseen(store, name, later.hits(word), later.key_of)
        assert unseen(other, name, later.hits(word), later.key_of) == new
    assert unseen(other, "Harbour", later.hits("harbour"), later.key_of) == [archive.place("day4"),
                                                                           later.place("day5")]


def test_the_file_is_plain_json_of_what_the_user_did_only(store, archive, tmp_path):
    worked(store, archive)
    export_work(store, tmp_path / "work.json")
    document = json.loads((tmp_path / "work.json").read_text("utf-8"))
    assert (document["format"], document["version"]) == ("newsfind-work", 1)
    assert document["exported_at"].endswith("+00:00")
    assert "Nothing here — ü" in (tmp_path / "work.json").read_text("utf-8")  # readable, not \u-escaped
    paths = [article["path"] for article in document["articles"]]
    assert paths == ["2020/day1.txt", "2020/day2.txt", "2020/day3.txt", "2020/other.txt"]  # day4: no mark, unseen
    day1 = document["articles"][0]
    assert day1 == {"archive": str(archive.root), "path": "2020/day1.txt",
                    "content_hash": archive.key("day1").content_hash, "title": "Harbour story 1",
                    "date": "2020-01-01", "reviewed_at": "2024-03-01T09:30:00+00:00", "starred": True,
                    "note": "Check the tonnage.\n\nAsk the port.", "tags": ["Café", "Oil", "harbour"]}
    assert [search["name"] for search in document["saved"]] == ["Harbour", "Tides", "Ships"]
    harbour = document["saved"][0]
    assert (harbour["query"], harbour["archives"], harbour["from"], harbour["to"], harbour["sort"]) == (
        "harbour", [str(archive.root)], "2020-01-01", "2020-12-31", "newest")
    assert [seen["path"] for seen in harbour["seen"]] == ["2020/day1.txt", "2020/day2.txt", "2020/day3.txt"]
    assert [name for name in os.listdir(tmp_path) if "work" in name] == ["work.json"]  # no temporary file left


def test_an_export_replaces_the_file_whole_or_says_why_not(store, archive, tmp_path):
    worked(store, archive)
    target = tmp_path / "work.json"
    target.write_text("an older backup", encoding="utf-8")
    assert export_work(store, target).text() == "3 marked articles, 3 saved searches"
    assert json.loads(target.read_text("utf-8"))["format"] == "newsfind-work"
    for bad in (tmp_path / "no such folder" / "work.json", tmp_path):
        with pytest.raises(WorkFileError, match=f"could not be saved to {bad}"):
            export_work(store, bad)
    assert sorted(os.listdir(tmp_path)) == ["a.sqlite3", "a.sqlite3-shm", "a.sqlite3-wal", "news", "work.json"]


def test_the_summary_reads_as_a_sentence():
    assert WorkSummary(12, 3, 40).text() == "12 marked articles, 3 saved searches"
    assert WorkSummary(1, 1, 0).text() == "1 marked article, 1 saved search"
    assert WorkSummary(0, 0, 0).text() == "0 marked articles, 0 saved searches"


# ---------------------------------------------------------------- merge rules


def test_reviewed_keeps_the_earliest_time_and_starred_is_kept_if_either(other, archive, tmp_path):
    k1, k2, k3, k4, k5 = (archive.key(name) for name in ("day1", "day2", "day3", "day4", "other"))
    set_time(other, k1, "2024-05-01T00:00:00+00:00")
    set_time(other, k2, "2023-01-01T00:00:00+00:00")
    set_starred(other, k2, True)
    set_time(other, k4, "2024-05-01T00:00:00+00:00")
    set_starred(other, k5, True)
    work_file(tmp_path / "w.json", [
        entry(k1, reviewed_at="2023-01-01T00:00:00+00:00"),
        entry(k2, reviewed_at="2024-06-01T00:00:00+00:00", starred=False),
        entry(k3, reviewed_at="2024-06-01T12:00:00+02:00", starred=True),  # (kept as the store keeps times: UTC)
        entry(k4, starred=True),
        entry(k5, reviewed_at=None, starred=False, note="x"),
    ])
    import_work(other, tmp_path / "w.json")
    assert [(mark_of(other, k).reviewed_at, mark_of(other, k).starred) for k in (k1, k2, k3, k4, k5)] == [
        ("2023-01-01T00:00:00+00:00", False), ("2023-01-01T00:00:00+00:00", True),
        ("2024-06-01T10:00:00+00:00", True), ("2024-05-01T00:00:00+00:00", True), (None, True)]


def test_tags_are_joined_as_the_store_keeps_them(other, archive, tmp_path):
    k1, k2 = archive.key("day1"), archive.key("day2")
    set_tags(other, k1, ["Oil", "Café"])
    work_file(tmp_path / "w.json", [entry(k1, tags=["oil", "Cafe\u0301", " new \t  tag ", "", "Harbour"]),
                                    entry(k2, tags=["ships"])])
    import_work(other, tmp_path / "w.json")
    assert mark_of(other, k1).tags == ("Café", "Harbour", "Oil", "new tag")  # the store's spelling kept
    assert all(tag == unicodedata.normalize("NFC", tag) for tag in mark_of(other, k1).tags)
    assert mark_of(other, k2).tags == ("ships",)


@pytest.mark.parametrize("mine, theirs, kept", [
    ("The same.", "The same.", "The same."),
    ("", "Theirs.", "Theirs."),
    ("Mine.", "", "Mine."),
    ("Mine.", "  Theirs.\n", "Mine.\n\nTheirs."),
    ("Mine.\n\nTheirs.", "Theirs.", "Mine.\n\nTheirs."),  # merged before
    ("Theirs.", "Mine.\n\nTheirs.", "Mine.\n\nTheirs."),  # the file holds this one's note already
    ("Mine, and Theirs.", "Theirs.", "Mine, and Theirs.\n\nTheirs."),  # (a paragraph, not any part of one)
])
def test_notes_are_kept_both_unless_one_holds_the_other(other, archive, tmp_path, mine, theirs, kept):
    k = archive.key("day1")
    if mine:
        set_note(other, k, mine)
    work_file(tmp_path / "w.json", [entry(k, note=theirs)])
    import_work(other, tmp_path / "w.json")
    assert mark_of(other, k).note == kept
    import_work(other, tmp_path / "w.json")
    assert mark_of(other, k).note == kept


def test_saved_searches_are_added_merged_or_kept_apart_by_name(other, archive, tmp_path):
    root = str(archive.root)
    k1, k2, k3 = archive.key("day1"), archive.key("day2"), archive.key("day3")
    save_search(other, SavedSearch("Harbour", "harbour", (root,), "2020-01-01"))
    save_search(other, SavedSearch("Oil", "oil", (root,)))
    mark_seen(other, "Harbour", [k1.place, k2.place], archive.key_of)
    seen_before = dict(other.read("SELECT a.path, n.seen_at FROM seen n JOIN article a ON a.id = n.article"))
    work_file(tmp_path / "w.json", saved=[
        saved_entry("Tides", "tide", [root], position=7),
        saved_entry(" Harbour ", "harbour", [root, root], [(k1, "2020-01-01T00:00:00+00:00"),
                                                          (k3, "2020-02-01T00:00:00+00:00")],
                    position=1, **{"from": "2020-01-01"}),
        saved_entry("Oil", "oil price", [root], [(k2, "2021-01-01T00:00:00+00:00")], position=3,
                    created_at="2019-12-01T10:00:00+00:00"),
    ])
    assert import_work(other, tmp_path / "w.json") == WorkSummary(articles=0, saved=3, seen=3)
    assert [search.name for search in saved_searches(other)] == ["Harbour", "Oil", "Oil (imported)", "Tides"]
    seen = {(name, path): at for name, path, at in other.read(
        "SELECT s.name, a.path, n.seen_at FROM seen n JOIN saved_search s ON s.id = n.search "
        "JOIN article a ON a.id = n.article")}
    assert seen == {("Harbour", "2020/day1.txt"): "2020-01-01T00:00:00+00:00",  # the earlier time kept
                    ("Harbour", "2020/day2.txt"): seen_before["2020/day2.txt"],
                    ("Harbour", "2020/day3.txt"): "2020-02-01T00:00:00+00:00",
                    ("Oil (imported)", "2020/day2.txt"): "2021-01-01T00:00:00+00:00"}
    assert unseen(other, "Harbour", archive.hits("harbour"), archive.key_of) == [archive.place("day4")]
    assert other.read("SELECT query, created_at FROM saved_search WHERE name = 'Oil (imported)'") == [
        ("oil price", "2019-12-01T10:00:00+00:00")]
    assert other.read("SELECT count(*) FROM saved_search WHERE name = 'Oil'") == [(1,)]
    work_file(tmp_path / "w2.json", saved=[saved_entry("Oil", "oil tanker", [root]),
                                           saved_entry("Oil", "oil price", [root]),
                                           saved_entry("Oil", "oil", [root, str(archive.root.parent)])])
    import_work(other, tmp_path / "w2.json")
    assert [search.name for search in saved_searches(other)] == [
        "Harbour", "Oil", "Oil (imported)", "Tides", "Oil (imported 2)", "Oil (imported 3)"]  # (other archives)
    assert saved_searches(other)[4].query == "oil tanker"


def test_importing_twice_changes_nothing_the_second_time(store, other, archive, tmp_path):
    worked(store, archive)
    export_work(store, tmp_path / "work.json")
    set_note(other, archive.key("day1"), "My own note.")
    set_tags(other, archive.key("day2"), ["mine"])
    save_search(other, SavedSearch("Ships", "ships", (str(archive.root),)))  # another search, the same name
    first = import_work(other, tmp_path / "work.json")
    after_first = everything(other)
    assert mark_of(other, archive.key("day1")).note == "My own note.\n\nCheck the tonnage.\n\nAsk the port."
    assert import_work(other, tmp_path / "work.json") == first
    assert everything(other) == after_first
    own = everything(store)
    import_work(store, tmp_path / "work.json")  # its own export, back into it
    assert everything(store) == own


# -------------------------------------------------------------- moved archive


def test_an_archive_moved_after_the_export_is_matched_by_text(store, other, archive, tmp_path):
    worked(store, archive)
    export_work(store, tmp_path / "work.json")
    moved = tmp_path / "new disk" / "news"
    moved.parent.mkdir()
    shutil.move(archive.root, moved)
    there = Archive(moved)
    day1 = there.key("day1")
    set_tags(other, day1, ["mine"])  # known here at its new place already
    import_work(other, tmp_path / "work.json")
    assert marks_at(other, [day1.place])[day1.place] == Mark(
        "2024-03-01T09:30:00+00:00", True, ("Café", "Oil", "harbour", "mine"), "Check the tonnage.\n\nAsk the port.")
    assert other.read("SELECT count(*) FROM article WHERE path = '2020/day1.txt'") == [(1,)]
    assert mark_of(other, there.key("other")).note == "Nothing here — ü"  # found by its text when opened
    assert unseen(other, "Harbour", there.hits("harbour"), there.key_of) == [there.place("day4")]
    before = everything(other)
    import_work(other, tmp_path / "work.json")
    assert everything(other) == before


def test_an_empty_store_finds_a_moved_archives_work_by_text(store, other, archive, tmp_path):
    worked(store, archive)
    export_work(store, tmp_path / "work.json")
    moved = tmp_path / "elsewhere"
    shutil.move(archive.root, moved)
    import_work(other, tmp_path / "work.json")
    there = Archive(moved)
    assert mark_of(other, there.key("day1")).tags == ("Café", "Oil", "harbour")
    for name, word in (("Harbour", "harbour"), ("Ships", "harbour")):
        assert unseen(other, name, there.hits(word), there.key_of) == unseen(store, name, there.hits(word),
                                                                              there.key_of)


# ------------------------------------------------------------ refused files

BAD_FILES = {
    "empty": b"",
    "not-json": b'{"format": "newsfind-work", "version": 1, ',
    "not-text": bytes(range(256)),
    "nested-too-deep": b"[" * 100_000 + b"]" * 100_000,
    "other-json": b'{"name": "a settings file"}',
    "a-list": b'[{"format": "newsfind-work"}]',
    "other-format": b'{"format": "newsfind-index", "version": 1}',
    "newer": b'{"format": "newsfind-work", "version": 2, "articles": {"in a new shape": true}}',
    "version-text": b'{"format": "newsfind-work", "version": "1"}',
    "version-missing": b'{"format": "newsfind-work"}',
}
BAD_ENTRIES = {
    "articles-object": {"articles": {"a": 1}},
    "article-number": {"articles": [1]},
    "starred-text": {"articles": [{"archive": "/x", "path": "a.txt", "content_hash": "h", "starred": "yes"}]},
    "tags-numbers": {"articles": [{"archive": "/x", "path": "a.txt", "content_hash": "h", "tags": [1, 2]}]},
    "bad-time": {"articles": [{"archive": "/x", "path": "a.txt", "content_hash": "h", "reviewed_at": "yesterday"}]},
    "no-hash": {"articles": [{"archive": "/x", "path": "a.txt", "note": "a note"}]},
    "empty-name": {"saved": [{"name": " \t", "query": "q", "archives": []}]},
    "no-archives": {"saved": [{"name": "n", "query": "q"}]},
    "position-text": {"saved": [{"name": "n", "query": "q", "archives": [], "position": "first"}]},
    "seen-number": {"saved": [{"name": "n", "query": "q", "archives": [], "seen": [3]}]},
}
MESSAGES = {"empty": "it is empty", "not-json": "not JSON", "not-text": "not text",
            "nested-too-deep": "nested too deep",
            "other-json": "not a newsfind work file", "a-list": "not a newsfind work file",
            "other-format": "not a newsfind work file", "newer": "newer newsfind.*update newsfind",
            "version-text": "version", "version-missing": "version",
            "articles-object": "should be a list", "article-number": "article 2 should be an object",
            "starred-text": "“starred” should be true or false, not \"yes\"", "tags-numbers": "list of texts",
            "bad-time": "time", "no-hash": "in article 2, “content_hash” is missing",
            "empty-name": "empty name", "no-archives": "“archives” is missing",
            "position-text": "whole number", "seen-number": "saved search 2, seen article 1 should be an object"}


@pytest.fixture
def valued(store, archive) -> WorkStore:
    worked(store, archive)
    return store


def valid_start(archive: Archive) -> dict:
    """A file whose first entries are fine: refused later, none of them may be kept."""
    return {"format": "newsfind-work", "version": 1,
            "articles": [entry(archive.key("day3"), starred=True, tags=["from the file"])],
            "saved": [saved_entry("New one", "q", [str(archive.root)], [(archive.key("day4"), "2020-01-01")])]}


@pytest.mark.parametrize("kind", list(BAD_FILES) + list(BAD_ENTRIES))
def test_a_file_that_is_not_usable_is_refused_by_name_and_nothing_is_written(valued, archive, tmp_path, kind):
    path = tmp_path / f"{kind}.json"
    if kind in BAD_FILES:
        path.write_bytes(BAD_FILES[kind])
    else:
        document = valid_start(archive)
        for key, value in BAD_ENTRIES[kind].items():
            document[key] = document[key] + value if isinstance(value, list) else value
        path.write_text(json.dumps(document), encoding="utf-8")
    before = everything(valued)
    with pytest.raises(WorkFileError, match=MESSAGES[kind]) as error:
        import_work(valued, path)
    assert str(path) in str(error.value)
    assert everything(valued) == before


def test_a_file_that_cannot_be_read_is_refused_by_name(valued, tmp_path):
    before = everything(valued)
    for path, reason in ((tmp_path / "gone.json", "no such file"), (tmp_path, "it is a folder")):
        with pytest.raises(WorkFileError, match=f"{path} could not be read: {reason}"):
            import_work(valued, path)
    if os.geteuid() != 0:  # (root reads anything)
        locked = tmp_path / "locked.json"
        locked.write_text("{}", encoding="utf-8")
        locked.chmod(0)
        with pytest.raises(WorkFileError, match="permission denied"):
            import_work(valued, locked)
    assert everything(valued) == before


def test_a_failure_while_writing_leaves_nothing_half_done(valued, archive, tmp_path, monkeypatch):
    export_work(valued, tmp_path / "work.json")
    with WorkStore(tmp_path / "b.sqlite3") as other:
        set_note(other, archive.key("day1"), "Mine.")
        before = everything(other)
        merged: list[str] = []

        def failing(db, saved):
            merged.append(saved.search.name)
            if len(merged) == 2:  # (the marks and a saved search are in by now)
                raise sqlite3.OperationalError("disk I/O error")
            real_merge(db, saved)

        real_merge = work_backup._merge_saved
        monkeypatch.setattr(work_backup, "_merge_saved", failing)
        with pytest.raises(sqlite3.OperationalError):
            import_work(other, tmp_path / "work.json")
        assert everything(other) == before


# ------------------------------------------------------------ any file at all

ANY_CHAR = st.one_of(st.characters(exclude_categories=()), st.sampled_from(["\x00", "\ud800", " ", "\n", "é"]))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(ANY_CHAR, max_size=12),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                    max_leaves=8)


def mostly(valid: st.SearchStrategy, right: int = 15) -> st.SearchStrategy:
    """valid, and now and then any JSON value instead."""
    return st.sampled_from([True] * right + [False]).flatmap(lambda ok: valid if ok else JSON)


def documents(root: str) -> st.SearchStrategy:
    """Anything at all, and files close to right, wrong in one place or another."""
    texts = st.sampled_from([root, "/gone", "2020/day1.txt", "h", "", " x ", "\ud800", "a\x00b"])
    times = st.sampled_from(["2024-01-01T00:00:00+00:00", "2023-06-01", "0001-01-01T00:00:00+01:00", "no", None])
    place = {"archive": mostly(texts), "path": mostly(texts), "content_hash": mostly(texts)}
    article = st.fixed_dictionaries(place, optional={
        "title": mostly(texts), "date": mostly(texts), "reviewed_at": mostly(times), "starred": mostly(st.booleans()),
        "note": mostly(st.text(ANY_CHAR, max_size=12)), "tags": mostly(st.lists(texts, max_size=3))})
    seen = st.fixed_dictionaries(place, optional={"seen_at": mostly(times)})
    search = st.fixed_dictionaries({
        "name": mostly(st.sampled_from(["Harbour", "Oil", " Oil ", "Oil (imported)", ""])),
        "query": mostly(st.sampled_from(["harbour", "oil", " "])), "archives": mostly(st.lists(texts, max_size=2)),
    }, optional={
        "from": mostly(texts), "to": mostly(texts), "sort": mostly(texts), "position": mostly(st.integers()),
        "created_at": mostly(times), "seen": mostly(st.lists(seen, max_size=3))})
    near = st.fixed_dictionaries({
        "format": mostly(st.just("newsfind-work")), "version": mostly(st.just(1)),
        "articles": mostly(st.lists(article, min_size=1, max_size=3)),
        "saved": mostly(st.lists(search, min_size=1, max_size=3))}, optional={"exported_at": JSON})
    return mostly(near)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_json_is_imported_or_refused_whole(valued, archive, tmp_path, data):
    document = data.draw(documents(str(archive.root)))
    path = tmp_path / "any.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = everything(valued)
    try:
        import_work(valued, path)
    except WorkFileError:
        assert everything(valued) == before
        return
    after = everything(valued)
    import_work(valued, path)
    assert everything(valued) == after  # and taking it in again changes nothing
