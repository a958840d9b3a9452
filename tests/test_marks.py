"""Marks on articles (marks.py) as a user sees them: reviewed and when, starred, a
note, tags; the marks of a whole result list at once, counts and filters; marks
that follow their article through an index rebuild, a renamed file, a moved
archive folder and an edit. Real SQLite files and real archive folders."""

from __future__ import annotations

import itertools
import re
import shutil
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsfind.archive import Article, iter_articles
from newsfind.article_keys import ArticleKey, content_hash
from newsfind.marks import (
    Mark, count_marks, mark_of, marks_at, normal_tag, paths_marked, set_note, set_reviewed, set_starred, set_tags,
)
from newsfind.work_store import WorkStore, now


@pytest.fixture
def store(tmp_path: Path):
    with WorkStore(tmp_path / "my-work.sqlite3") as store:
        yield store


def key(i: int, archive: str = "/archive") -> ArticleKey:
    return ArticleKey(archive, f"a{i:04}.txt", f"text-{i}")


def write_article(folder: Path, name: str, date: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f" date {date} {text}\n", encoding="utf-8")


def keys_in(root: Path) -> dict[str, ArticleKey]:
    """Each article's key, read again from the folder (as an index run reads it)."""
    return {article.path: ArticleKey.of(str(root), article) for article in iter_articles(root)
            if isinstance(article, Article)}


def article_rows(store: WorkStore) -> list[tuple]:
    return store.read("SELECT archive, path, content_hash FROM article ORDER BY id")


# ------------------------------------------------------------- the marks


def test_reviewed_keeps_the_time_it_was_first_reviewed_and_unreviewing_clears_it(store):
    first = set_reviewed(store, key(1), True)
    assert first.reviewed and first.reviewed_at.endswith("+00:00")  # ISO, UTC
    while now() == first.reviewed_at:  # (times are to the second)
        time.sleep(0.05)
    assert set_reviewed(store, key(1), True).reviewed_at == first.reviewed_at
    set_starred(store, key(1), True)
    assert mark_of(store, key(1)).reviewed_at == first.reviewed_at
    cleared = set_reviewed(store, key(1), False)
    assert cleared.reviewed_at is None and not cleared.reviewed and cleared.starred
    again = set_reviewed(store, key(1), True)
    assert again.reviewed_at > first.reviewed_at


def test_starred_note_and_tags_are_set_and_cleared(store):
    assert mark_of(store, key(1)) == Mark() and Mark().empty
    assert set_starred(store, key(1), True) == Mark(starred=True)
    assert set_note(store, key(1), "  \n call the harbour master \t\n") == Mark(starred=True,
                                                                                 note="call the harbour master")
    assert set_tags(store, key(1), ["ships", "oil"]) == Mark(None, True, ("oil", "ships"), "call the harbour master")
    assert set_tags(store, key(1), ["tides"]).tags == ("tides",)  # replaced, not added
    set_tags(store, key(1), [])
    set_note(store, key(1), "   ")
    cleared = set_starred(store, key(1), False)
    assert cleared == Mark() and cleared.empty
    assert marks_at(store, [key(1).place]) == {}  # nothing left to show


def test_tags_are_normalised_once_each_whatever_their_case(store):
    mark = set_tags(store, key(1), ["  Oil   price ", "oil PRICE", "OIL\tprice", "", "   ", "\n", "Harbour",
                                    "Café", "Cafe\u0301", "CAFÉ", "Straße", "STRASSE"])
    assert len(mark.tags) == 4
    assert {tag.casefold() for tag in mark.tags} == {"oil price", "harbour", "café", "strasse"}
    assert all(tag == " ".join(tag.split()) and tag == unicodedata.normalize("NFC", tag) for tag in mark.tags)
    assert mark.tags == tuple(sorted(mark.tags))
    assert mark_of(store, key(1)).tags == mark.tags


def test_the_marks_of_a_long_result_list_come_in_one_call(store):
    places = [key(i).place for i in range(1000)]  # more than one batch of places
    expected = {}
    for i in range(0, 1000, 7):
        if i % 2:
            set_reviewed(store, key(i), True)
        set_starred(store, key(i), i % 3 == 0)
        set_tags(store, key(i), [f"group {i % 4}"] if i % 5 else [])
        expected[key(i).place] = (i % 2 == 1, i % 3 == 0, (f"group {i % 4}",) if i % 5 else ())
    mark_of(store, key(1))  # known to the store, but no marks: not in the answer
    expected = {place: want for place, want in expected.items() if any(want)}
    found = marks_at(store, places + places[:10] + [("/elsewhere", "a0000.txt")])
    assert {place: (mark.reviewed, mark.starred, mark.tags) for place, mark in found.items()} == expected
    assert any(places.index(place) > 800 for place in found)

    counts = count_marks(found.values(), total=len(places))
    assert counts.total == 1000
    assert counts.reviewed == sum(want[0] for want in expected.values())
    assert counts.starred == sum(want[1] for want in expected.values())
    assert counts.tags == {f"group {g}": sum(want[2] == (f"group {g}",) for want in expected.values())
                           for g in range(4)}


def test_counts_of_tags_go_without_case_as_the_tag_filter_does():
    marks = [Mark(tags=("Oil",)), Mark(tags=("oil", "ships")), Mark(tags=("OIL",)), Mark(reviewed_at="x")]
    counts = count_marks(marks, total=10)
    assert (counts.total, counts.reviewed, counts.starred) == (10, 1, 0)
    assert counts.tags == {"Oil": 3, "ships": 1}


def test_paths_marked_for_the_filters(store, tmp_path):
    archive, other = str(tmp_path / "archive"), str(tmp_path / "other")
    k = {name: ArticleKey(archive, f"{name}.txt", f"text of {name}") for name in "abcde"}
    set_reviewed(store, k["a"], True)
    set_reviewed(store, k["b"], True)
    set_reviewed(store, k["b"], False)
    set_starred(store, k["c"], True)
    set_tags(store, k["d"], ["Ölpreis", "Harbour", "Straße"])
    set_tags(store, k["e"], ["harbour  master"])
    set_note(store, k["e"], "only a note")
    set_reviewed(store, ArticleKey(other, "a.txt", "text in the other archive"), True)
    set_tags(store, ArticleKey(other, "d.txt", "other d"), ["harbour"])
    assert paths_marked(store, archive, "reviewed") == {"a.txt"}
    assert paths_marked(store, archive, "starred") == {"c.txt"}
    assert paths_marked(store, archive, "tag", "harbour") == {"d.txt"}
    assert paths_marked(store, archive, "tag", " HARBOUR ") == {"d.txt"}
    assert paths_marked(store, archive, "tag", "ölpreis") == {"d.txt"}  # without case, beyond ASCII too
    assert paths_marked(store, archive, "tag", "STRASSE") == {"d.txt"}
    assert paths_marked(store, archive, "tag", "o\u0308lpreis") == {"d.txt"}  # (a decomposed ö)
    assert paths_marked(store, archive, "tag", "Harbour\tMaster") == {"e.txt"}
    assert paths_marked(store, archive, "tag", "ship") == set()
    assert paths_marked(store, other, "reviewed") == {"a.txt"}
    assert paths_marked(store, str(tmp_path / "none"), "starred") == set()


# ------------------------------------------------ marks follow the article


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    write_article(root, "2020/harbour.txt", "2020-01-02", "Harbour reopens\n\nShips came in at dawn.")
    write_article(root, "2020/oil.txt", "2020-01-03", "Oil price falls\n\nThe price fell again.")
    write_article(root, "2021/tides.txt", "2021-05-01", "High tides\n\nThe tide was the highest in years.")
    return root


def mark_all(store: WorkStore, keys: dict[str, ArticleKey]) -> dict[str, Mark]:
    set_reviewed(store, keys["2020/harbour.txt"], True)
    set_starred(store, keys["2020/oil.txt"], True)
    set_tags(store, keys["2020/oil.txt"], ["prices"])
    set_note(store, keys["2021/tides.txt"], "ask the port")
    return {path: mark_of(store, k) for path, k in keys.items()}


def test_marks_survive_a_full_index_rebuild(store, archive, tmp_path):
    from newsfind.index import update_index
    from newsfind.search import ArchiveSearcher

    index_dir = tmp_path / "index"

    def keys_from_index() -> dict[str, ArticleKey]:
        with ArchiveSearcher(index_dir, archive_root=str(archive)) as searcher:
            return {path: ArticleKey.of(str(archive), searcher.article(searcher.article_id_at(path)))
                    for path in keys_in(archive)}

    assert not update_index(archive, index_dir).failure
    before = mark_all(store, keys_from_index())
    shutil.rmtree(index_dir)
    assert not update_index(archive, index_dir).failure
    rebuilt = keys_from_index()
    assert rebuilt == keys_in(archive)  # the index's text and the file's give one key
    assert {path: mark_of(store, k) for path, k in rebuilt.items()} == before
    assert len(article_rows(store)) == 3


def test_marks_follow_a_renamed_file(store, archive):
    before = mark_all(store, keys_in(archive))
    (archive / "2020/oil.txt").rename(archive / "2020/oil-prices.txt")
    keys = keys_in(archive)
    assert mark_of(store, keys["2020/oil-prices.txt"]) == before["2020/oil.txt"]
    assert marks_at(store, [(str(archive), "2020/oil-prices.txt"), (str(archive), "2020/oil.txt")]) == {
        (str(archive), "2020/oil-prices.txt"): before["2020/oil.txt"]}
    assert paths_marked(store, str(archive), "starred") == {"2020/oil-prices.txt"}
    assert len(article_rows(store)) == 3  # the same row, its place brought up to date


def test_marks_follow_a_moved_archive_folder(store, archive, tmp_path):
    before = mark_all(store, keys_in(archive))
    moved = tmp_path / "other disk" / "archive moved"
    moved.parent.mkdir()
    shutil.move(archive, moved)
    keys = keys_in(moved)
    assert {path: mark_of(store, k) for path, k in keys.items()} == before
    assert {archive for archive, _, _ in article_rows(store)} == {str(moved)}
    assert paths_marked(store, str(moved), "reviewed") == {"2020/harbour.txt"}
    assert paths_marked(store, str(moved), "tag", "Prices") == {"2020/oil.txt"}
    assert paths_marked(store, str(archive), "starred") == set()
    assert set(marks_at(store, [k.place for k in keys.values()])) == {k.place for k in keys.values()}


def test_an_edited_article_keeps_its_marks_and_takes_its_new_text(store, archive):
    before = mark_all(store, keys_in(archive))
    write_article(archive, "2020/oil.txt", "2020-01-03", "Oil price falls\n\nThe price fell again, sharply.")
    keys = keys_in(archive)
    assert mark_of(store, keys["2020/oil.txt"]) == before["2020/oil.txt"]
    hashes = {path: digest for _, path, digest in article_rows(store)}
    assert hashes["2020/oil.txt"] == keys["2020/oil.txt"].content_hash
    # re-wrapped, or other line ends: the same words, the same hash
    body = keys_in(archive)["2021/tides.txt"].content_hash
    (archive / "2021/tides.txt").write_bytes(b" date 2021-05-01 High tides\r\n\r\nThe tide was the\r\nhighest in years.\r\n")
    assert keys_in(archive)["2021/tides.txt"].content_hash == body
    assert content_hash("a  b\n c") == content_hash("a b c")


def test_two_identical_articles_at_two_places_keep_two_sets_of_marks(store, archive):
    shutil.copy(archive / "2020/oil.txt", archive / "2021/oil copy.txt")
    keys = keys_in(archive)
    assert keys["2020/oil.txt"].content_hash == keys["2021/oil copy.txt"].content_hash
    set_starred(store, keys["2020/oil.txt"], True)
    set_note(store, keys["2021/oil copy.txt"], "the copy")
    assert mark_of(store, keys["2020/oil.txt"]) == Mark(starred=True)
    assert mark_of(store, keys["2021/oil copy.txt"]) == Mark(note="the copy")
    assert [path for _, path, _ in article_rows(store)] == ["2020/oil.txt", "2021/oil copy.txt"]


# ------------------------------------------------------- any text at all

#: Any character, lone surrogates (a command line that was not UTF-8) and the ones
#: that tend to break things more often than chance would pick them.
ANY_CHAR = st.one_of(st.characters(exclude_categories=()),
                     st.sampled_from(["\x00", "\ud800", "\udcff", "\x1f", "\x1e", " ", "\t", "\n", "\u2028", "\u00a0",
                                      "\u0301", "e", "E", "é", "ß", "ẞ", "İ", "ﬁ", "'", '"', "%", "_", ",", "\\"]))
ANY_TEXT = st.text(ANY_CHAR, max_size=30)
_SURROGATE = re.compile("[\ud800-\udfff]")
_keys = itertools.count()


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with WorkStore(tmp_path_factory.mktemp("hypothesis") / "my-work.sqlite3") as store:
        yield store


def readable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tags=st.lists(ANY_TEXT, max_size=6))
@example(tags=["\ud800", "a\udcffb", "\x00", "nul\x00 inside", "Cafe\u0301", "CAFÉ", "x\x1fy"])
def test_any_tags_are_kept_normalised_and_found_again(shared_store, tags):
    k = ArticleKey("/archive", f"tags/{next(_keys)}.txt", "t")
    mark = set_tags(shared_store, k, tags)
    wanted = {normal_tag(tag).casefold() for tag in tags if normal_tag(tag)}
    assert {tag.casefold() for tag in mark.tags} == wanted and len(mark.tags) == len(wanted)
    for tag in mark.tags:
        assert tag and tag == " ".join(tag.split()) and not _SURROGATE.search(tag)
        assert tag == unicodedata.normalize("NFC", tag)
    assert mark.tags == tuple(sorted(mark.tags))
    assert mark_of(shared_store, k) == mark
    assert marks_at(shared_store, [k.place]) == ({k.place: mark} if mark.tags else {})
    for tag in tags:
        if normal_tag(tag):
            assert k.path in paths_marked(shared_store, "/archive", "tag", tag)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(ANY_CHAR, max_size=200))
@example(note=" a note from a command line that was not UTF-8: \udcff\udcfe ")
@example(note="\x00 NUL \x00")
def test_any_note_is_kept_as_typed_but_trimmed(shared_store, note):
    k = ArticleKey("/archive", f"notes/{next(_keys)}.txt", "n")
    mark = set_note(shared_store, k, note)
    assert mark.note == readable(note).strip()
    assert mark_of(shared_store, k).note == mark.note
    assert marks_at(shared_store, [k.place]) == ({k.place: mark} if mark.note else {})


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(archive=st.text(ANY_CHAR.filter(lambda c: c != "\x00" and not _SURROGATE.match(c)), min_size=1, max_size=12),
       path=ANY_TEXT.filter(lambda p: not _SURROGATE.search(p)))
def test_any_place_is_a_place(shared_store, archive, path):
    """Places come from the file system and the index (readable paths: no surrogates)."""
    k = ArticleKey("/" + archive, path, f"p{next(_keys)}")
    set_starred(shared_store, k, True)
    assert marks_at(shared_store, [k.place]) == {k.place: Mark(starred=True)}


def test_reading_the_marks_of_an_article_never_marked_writes_nothing(store):
    assert mark_of(store, key(1)) == Mark()
    assert article_rows(store) == []  # (the window asks at every article shown: no commit, no sync)
    set_starred(store, key(2), True)
    changes = store.db.total_changes
    assert mark_of(store, key(2)).starred and store.db.total_changes == changes
