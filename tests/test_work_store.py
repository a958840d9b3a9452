"""The file that holds the user's own work (work_store.py), as a user meets it: made
with its schema, kept across restarts, an unreadable one set aside (kept, bytes
intact) with a new one started, a locked one left alone; nothing confirmed lost
when a process is killed mid-write; two processes writing at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newsfind import work_store
from newsfind.article_keys import ArticleKey
from newsfind.marks import Mark, mark_of, marks_at, set_note, set_reviewed, set_starred, set_tags
from newsfind.saved_searches import SavedSearch, save_search, saved_searches
from newsfind.work_store import SCHEMA_VERSION, STORE_NAME, WorkStore

REPO = Path(__file__).resolve().parents[1]


def key(i: int, archive: str = "/archive") -> ArticleKey:
    return ArticleKey(archive, f"folder/a{i}.txt", f"hash-{i}", f"Title {i}", "2020-01-02")


def kept_files(folder: Path, name: str = "w.sqlite3") -> list[Path]:
    return sorted(folder.glob(f"{name}.unreadable-*"))


def integrity(store: WorkStore) -> list[tuple]:
    return store.read("PRAGMA integrity_check")


def child_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO))


# ------------------------------------------------------------------ a store


def test_a_new_store_in_the_data_folder_has_the_schema_and_its_safety_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "data"))
    with WorkStore() as store:
        assert store.path == tmp_path / "data" / STORE_NAME
        assert store.problem == ""
        assert store.read("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert store.read("PRAGMA journal_mode") == [("wal",)]
        assert store.read("PRAGMA foreign_keys") == [(1,)]
        assert store.read("PRAGMA synchronous") == [(2,)]  # FULL
        with pytest.raises(sqlite3.IntegrityError):  # foreign keys are enforced
            with store.write() as db:
                db.execute("INSERT INTO mark (article, changed_at) VALUES (12345, 'now')")
    assert (tmp_path / "data" / STORE_NAME).is_file()
    assert not kept_files(tmp_path / "data", STORE_NAME)


def test_reopening_the_store_keeps_every_mark_and_saved_search(tmp_path):
    path = tmp_path / "w.sqlite3"
    with WorkStore(path) as store:
        reviewed = set_reviewed(store, key(1), True)
        set_starred(store, key(1), True)
        set_tags(store, key(1), ["oil", "harbour"])
        set_note(store, key(1), "check the figures")
        set_starred(store, key(2), True)
        save_search(store, SavedSearch("Harbour", "harbour ship", ("/archive",), "2020-01-01", None, "date"))
    with WorkStore(path) as store:
        assert store.problem == ""
        assert mark_of(store, key(1)) == Mark(reviewed.reviewed_at, True, ("harbour", "oil"), "check the figures")
        assert mark_of(store, key(2)) == Mark(starred=True)
        assert mark_of(store, key(3)) == Mark()
        assert saved_searches(store) == [SavedSearch("Harbour", "harbour ship", ("/archive",), "2020-01-01", None,
                                                     "date")]
        assert integrity(store) == [("ok",)]
    assert not kept_files(tmp_path)


def test_a_failed_change_keeps_none_of_it_and_the_store_goes_on(tmp_path):
    with WorkStore(tmp_path / "w.sqlite3") as store:
        set_note(store, key(1), "before")
        with pytest.raises(RuntimeError):
            with store.write() as db:
                db.execute("UPDATE mark SET note = 'half'")
                raise RuntimeError("stopped halfway")
        assert mark_of(store, key(1)).note == "before"
        assert set_note(store, key(1), "after").note == "after"


def test_a_full_disk_fails_the_change_with_its_reason_keeps_none_of_it_and_the_store_goes_on(tmp_path):
    with WorkStore(tmp_path / "w.sqlite3") as store:
        set_tags(store, key(1), ["before"])
        pages = store.read("PRAGMA page_count")[0][0]
        store.read(f"PRAGMA max_page_count = {pages}")  # (as if the disk were full)
        with pytest.raises(sqlite3.OperationalError, match="full"):
            set_tags(store, key(1), ["a", "b", "tag " * 20_000])
        with pytest.raises(sqlite3.OperationalError, match="full"):
            set_note(store, key(2), "a long note " * 10_000)
        assert mark_of(store, key(1)) == Mark(tags=("before",))
        store.read("PRAGMA max_page_count = 1073741823")  # room again
        assert set_tags(store, key(1), ["a", "b"]).tags == ("a", "b")
        assert set_note(store, key(2), "a long note " * 10_000).note.startswith("a long note")
        assert integrity(store) == [("ok",)]


# ------------------------------------------------------- an unreadable file


@pytest.fixture(scope="module")
def real_store_bytes(tmp_path_factory) -> bytes:
    """A closed store with enough rows to fill many pages."""
    path = tmp_path_factory.mktemp("real") / "w.sqlite3"
    with WorkStore(path) as store:
        for i in range(1500):
            set_note(store, key(i), f"note {i} " + "words of a note " * 10)
            set_tags(store, key(i), [f"tag {i % 7}", "common"])
    assert not Path(f"{path}-wal").exists()  # all of it is in the one file
    return path.read_bytes()


def random_bytes(real: bytes) -> bytes:
    return random.Random(1).randbytes(20_000)


def text_file(real: bytes) -> bytes:
    return "My notes on the harbour story\n".encode() * 100


def truncated_header(real: bytes) -> bytes:
    return real[:60]


def truncated_at_a_page(real: bytes) -> bytes:
    return real[:4096 * 3]


def truncated_in_the_middle(real: bytes) -> bytes:
    return real[:len(real) // 2 + 100]


def pages_overwritten(offset_of) -> callable:
    def corrupt(real: bytes) -> bytes:
        damaged = bytearray(real)
        offset = offset_of(real)
        damaged[offset:offset + 3000] = random.Random(offset).randbytes(3000)
        return bytes(damaged)
    corrupt.__name__ = f"pages_overwritten_{offset_of.__name__}"
    return corrupt


def third_page(real: bytes) -> int:
    return 8192


def middle(real: bytes) -> int:
    return len(real) // 2


@pytest.mark.parametrize("damage", [random_bytes, text_file, truncated_header, truncated_at_a_page,
                                    truncated_in_the_middle, pages_overwritten(third_page), pages_overwritten(middle)],
                         ids=lambda damage: damage.__name__)
def test_an_unreadable_file_is_set_aside_kept_intact_and_a_new_store_opens(tmp_path, real_store_bytes, damage):
    path = tmp_path / "w.sqlite3"
    found = damage(real_store_bytes)
    path.write_bytes(found)
    with WorkStore(path) as store:
        [kept] = kept_files(tmp_path)
        assert kept.read_bytes() == found
        assert "could not be read" in store.problem and str(kept) in store.problem
        assert "a new one started" in store.problem
        assert "\n" not in store.problem  # one sentence for a message box, not a dump
        assert store.read("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        assert mark_of(store, key(1)) == Mark()
        set_starred(store, key(1), True)
    with WorkStore(path) as store:  # the new store is a good one: no problem next time
        assert store.problem == ""
        assert mark_of(store, key(1)).starred
    assert kept_files(tmp_path) == [kept]


def test_a_store_whose_pages_fail_the_integrity_check_says_it_is_damaged(tmp_path, real_store_bytes):
    path = tmp_path / "w.sqlite3"
    path.write_bytes(pages_overwritten(third_page)(real_store_bytes))
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA quick_check").fetchone()[0] != "ok"  # (the damage the test means)
    finally:
        check.close()
    with WorkStore(path) as store:
        assert "damaged" in store.problem and "integrity check" in store.problem


def newer_store(path: Path) -> None:
    WorkStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()


def negative_version(path: Path) -> None:
    WorkStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = -3")
    db.close()


def another_programs_database(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE article (title TEXT, body TEXT)")
    db.execute("INSERT INTO article VALUES ('theirs', 'not ours')")
    db.commit()
    db.close()


@pytest.mark.parametrize("make, said", [(newer_store, "newer newsfind"), (negative_version, "schema version"),
                                        (another_programs_database, "another program")],
                         ids=["newer", "negative-version", "another-program"])
def test_an_sqlite_file_this_newsfind_cannot_use_is_set_aside_untouched(tmp_path, make, said):
    path = tmp_path / "w.sqlite3"
    make(path)
    found = path.read_bytes()
    with WorkStore(path) as store:
        assert said in store.problem
        [kept] = kept_files(tmp_path)
        assert kept.read_bytes() == found  # not even switched to WAL: as it was found
        assert store.read("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        set_note(store, key(1), "a fresh start")


def test_two_files_set_aside_in_the_same_second_are_both_kept(tmp_path):
    path = tmp_path / "w.sqlite3"
    contents = [b"first unreadable file " * 50, b"second unreadable file " * 50, b"third " * 50]
    for content in contents:
        path.write_bytes(content)
        WorkStore(path).close()
    kept = kept_files(tmp_path)
    assert sorted(p.read_bytes() for p in kept) == sorted(contents)


def test_a_locked_store_raises_and_is_not_set_aside(tmp_path, monkeypatch):
    path = tmp_path / "w.sqlite3"
    with WorkStore(path) as store:
        set_note(store, key(1), "mine")
    monkeypatch.setattr(work_store, "BUSY_TIMEOUT_MS", 150)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            WorkStore(path)
        assert time.monotonic() - started < 5
        assert not kept_files(tmp_path)
        assert path.exists()
    finally:
        other.execute("ROLLBACK")
        other.close()
    with WorkStore(path) as store:
        assert store.problem == ""
        assert mark_of(store, key(1)).note == "mine"


def test_a_store_another_process_is_still_making_is_waited_for(tmp_path, monkeypatch):
    """Its first transaction holds the file before the switch to WAL, which SQLite
    does not wait for by itself: two windows started together found it "locked"."""
    path = tmp_path / "w.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    done = threading.Timer(0.3, other.execute, ("COMMIT",))
    done.start()
    try:
        started = time.monotonic()
        with WorkStore(path) as store:
            assert time.monotonic() - started > 0.2
            assert store.problem == "" and store.read("PRAGMA journal_mode") == [("wal",)]
    finally:
        done.join()
    monkeypatch.setattr(work_store, "BUSY_TIMEOUT_MS", 150)
    path = tmp_path / "held.sqlite3"
    held = sqlite3.connect(path, isolation_level=None)
    try:
        held.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            WorkStore(path)
        assert not kept_files(tmp_path, "held.sqlite3")
    finally:
        held.execute("ROLLBACK")
        held.close()
        other.close()


def test_an_open_store_reads_while_another_process_writes_and_waits_to_write(tmp_path, monkeypatch):
    monkeypatch.setattr(work_store, "BUSY_TIMEOUT_MS", 150)
    path = tmp_path / "w.sqlite3"
    with WorkStore(path) as store:
        set_note(store, key(1), "mine")
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN EXCLUSIVE")
            assert marks_at(store, [key(1).place]) == {key(1).place: Mark(note="mine")}
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                set_note(store, key(1), "while locked")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert set_note(store, key(1), "after").note == "after"  # the failed change left nothing open
        assert integrity(store) == [("ok",)]


# ---------------------------------------------- a process killed mid-write

KILLED_CHILD = r"""
import sys
from newsfind.article_keys import ArticleKey
from newsfind.marks import set_note, set_reviewed, set_tags
from newsfind.work_store import WorkStore

store = WorkStore(sys.argv[1])
round_ = sys.argv[2]
shared = ArticleKey("/archive", "shared.txt", "shared-text")
i = 0
while True:
    own = ArticleKey("/archive", f"round{round_}/a{i}.txt", f"text-{round_}-{i}")
    set_note(store, own, f"note {round_} {i}")
    set_reviewed(store, own, True)
    set_tags(store, shared, [f"{round_}-{i}-a", f"{round_}-{i}-b", f"{round_}-{i}-c"])
    print(i, flush=True)
    i += 1
"""


def test_a_process_killed_mid_write_loses_nothing_it_confirmed(tmp_path):
    path = tmp_path / "w.sqlite3"
    rng = random.Random(15)
    confirmed: dict[int, list[int]] = {}
    last_tags: str | None = None
    for round_ in range(6):
        child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(path), str(round_)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
        try:
            if round_ % 3 == 0:  # any moment, even while it opens (or makes) the store
                time.sleep(rng.uniform(0.0, 0.5))
                output = b""
            else:  # in the middle of its writes
                output = child.stdout.readline()
                assert output, child.stderr.read().decode()
                time.sleep(rng.uniform(0.0, 0.3))
            os.kill(child.pid, signal.SIGKILL)
            output += child.stdout.read()
        finally:
            child.kill()
            child.wait()
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        lines = output.decode().split("\n")[:-1]  # a line cut short by the kill is not confirmed
        confirmed[round_] = [int(line) for line in lines]
        assert confirmed[round_] == list(range(len(confirmed[round_])))

        with WorkStore(path) as store:
            assert store.problem == ""
            assert integrity(store) == [("ok",)]
            assert not kept_files(tmp_path)
            places = {(r, i): ("/archive", f"round{r}/a{i}.txt") for r, done in confirmed.items() for i in done}
            found = marks_at(store, places.values())
            for (r, i), place in places.items():
                mark = found.get(place)
                assert mark is not None and mark.note == f"note {r} {i}" and mark.reviewed, (r, i)
            tags = mark_of(store, ArticleKey("/archive", "shared.txt", "shared-text")).tags
            if tags:  # all three of one change, or none of it
                prefixes = {tag.rsplit("-", 1)[0] for tag in tags}
                assert len(tags) == 3 and len(prefixes) == 1, tags
                r, i = map(int, prefixes.pop().split("-"))
                if confirmed[round_]:
                    assert (r, i) in ((round_, confirmed[round_][-1]), (round_, confirmed[round_][-1] + 1))
                last_tags = f"{r}-{i}"
            else:
                assert last_tags is None
    assert sum(map(len, confirmed.values())) > 20  # the kills did land among writes


# ------------------------------------------------- two processes at once

OPENING_CHILD = r"""
import os, sys
from newsfind.article_keys import ArticleKey
from newsfind.marks import set_starred
from newsfind.work_store import WorkStore

path, who, go = sys.argv[1], sys.argv[2], sys.argv[3]
while not os.path.exists(go):  # (no sleep: all of them start the moment it is there)
    pass
with WorkStore(path) as store:
    set_starred(store, ArticleKey("/archive", f"{who}.txt", who), True)
    print(repr(store.problem), flush=True)
"""


def test_windows_started_together_on_a_new_store_all_open_it(tmp_path):
    """No store yet, and four processes make it at once: none finds it locked or unreadable."""
    for round_ in range(5):
        folder = tmp_path / f"round{round_}"
        folder.mkdir()
        path, go = folder / "w.sqlite3", folder / "go"
        children = [subprocess.Popen([sys.executable, "-c", OPENING_CHILD, str(path), str(who), str(go)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
                    for who in range(4)]
        time.sleep(0.25)
        go.touch()
        results = [(child.communicate(timeout=30), child.returncode) for child in children]
        assert [(out.decode(), err.decode()[-300:], code) for (out, err), code in results] == [("''\n", "", 0)] * 4
        assert not kept_files(folder)
        with WorkStore(path) as store:
            assert marks_at(store, [("/archive", f"{who}.txt") for who in range(4)]) == {
                ("/archive", f"{who}.txt"): Mark(starred=True) for who in range(4)}


WRITER_CHILD = r"""
import os, sys, time
from newsfind.article_keys import ArticleKey
from newsfind.marks import set_note, set_reviewed, set_starred, set_tags
from newsfind.saved_searches import SavedSearch, save_search
from newsfind.work_store import WorkStore

path, who, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
while not os.path.exists(go):
    time.sleep(0.002)
store = WorkStore(path)  # both make the store at once: neither finds one
assert store.problem == "", store.problem
for i in range(count):
    shared = ArticleKey("/archive", f"shared/{i % 10}.txt", f"shared-{i % 10}")
    own = ArticleKey("/archive", f"{who}/{i}.txt", f"{who}-{i}")
    if who == "a":
        set_reviewed(store, shared, True)
    else:
        set_starred(store, shared, True)
    set_tags(store, shared, [f"{who}{i}", f"{who}{i} second"])
    set_note(store, own, f"{who} wrote {i}")
    set_tags(store, own, [who, f"n{i}"])
    if i % 5 == 0:
        save_search(store, SavedSearch(f"{who} search {i}", f"query {i}", ("/archive",)))
store.close()
print("done", flush=True)
"""


def test_two_processes_writing_at_once_both_finish_and_every_write_is_kept(tmp_path):
    path, go, count = tmp_path / "w.sqlite3", tmp_path / "go", 250
    children = {who: subprocess.Popen([sys.executable, "-c", WRITER_CHILD, str(path), who, str(count), str(go)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
                for who in ("a", "b")}
    time.sleep(0.3)  # (both started Python and wait)
    go.touch()
    for who, child in children.items():
        out, err = child.communicate(timeout=60)
        assert (child.returncode, out.decode(), err.decode()) == (0, "done\n", ""), who
    with WorkStore(path) as store:
        assert store.problem == "" and integrity(store) == [("ok",)]
        own = {(who, i): ("/archive", f"{who}/{i}.txt") for who in "ab" for i in range(count)}
        shared = [("/archive", f"shared/{n}.txt") for n in range(10)]
        found = marks_at(store, [*own.values(), *shared])
        for (who, i), place in own.items():
            assert found[place] == Mark(note=f"{who} wrote {i}", tags=tuple(sorted([who, f"n{i}"])))
        for place in shared:
            mark = found[place]
            assert mark.reviewed and mark.starred  # a's reviewing and b's starring: both kept
            [first, second] = mark.tags  # one whole change of one process, never a mix
            assert second == f"{first} second"
        names = [search.name for search in saved_searches(store)]
        expected = {f"{who} search {i}" for who in "ab" for i in range(0, count, 5)}
        assert sorted(names) == sorted(expected)
        positions = store.read("SELECT position FROM saved_search")
        assert len(set(positions)) == len(expected)
