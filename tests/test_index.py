"""Building and updating indexes: incremental runs, progress, cancel, locks, names, the report's check."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from newsfind import index_store
from newsfind.index import default_index_dir, index_exists, indexed_files, open_index, update_index
from newsfind.search import ArchiveSearcher
from tests.corpora import SEED, copy_sotu


def doc_count(index_dir: Path) -> int:
    with open_index(index_dir).searcher() as searcher:
        return searcher.doc_count()


def touch_later(path: Path) -> None:
    """Give a rewritten file a modification time the index has not seen."""
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))


def test_default_index_dir_is_per_archive_in_the_data_dir(tmp_path: Path, data_dir: Path) -> None:
    first = default_index_dir(tmp_path / "a")
    assert first.is_relative_to(data_dir)
    assert first != default_index_dir(tmp_path / "b")
    assert first == default_index_dir(tmp_path / "a")


def test_incremental_add_change_delete(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 20)
    index_dir = tmp_path / "index"
    first = update_index(archive, index_dir)
    assert (first.added, first.updated, first.removed, first.unchanged) == (20, 0, 0, 0)
    assert first.ok and first.check.documents == 20

    files = sorted(archive.glob("*.txt"))
    files[0].unlink()
    changed = files[1]
    changed.write_text(" date 1791-01-01 Zanzibarian proclamation\n\nA new text about zanzibarian matters.\n", "utf-8")
    touch_later(changed)
    shutil.copy2(SEED, archive / SEED.name)

    second = update_index(archive, index_dir)
    assert (second.added, second.updated, second.removed, second.unchanged) == (1, 1, 1, 18)
    assert second.ok and second.check.documents == 20 == doc_count(index_dir)
    with ArchiveSearcher(index_dir) as searcher:
        assert [hit.path for hit in searcher.search("zanzibarian").hits] == [changed.name]
        assert searcher.search("Mississippi raids").hits[0].path == SEED.name
        assert searcher.search(f'path:"{files[0].name}"').total == 0

    third = update_index(archive, index_dir)
    assert (third.added, third.updated, third.removed, third.unchanged) == (0, 0, 0, 20)


def test_a_file_that_becomes_unreadable_leaves_the_index(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 3)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    victim = sorted(archive.glob("*.txt"))[0]
    victim.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    report = update_index(archive, index_dir)
    assert report.removed == 1 and report.ok
    assert [(p.path, p.skipped) for p in report.problems] == [(victim.name, True)]
    assert doc_count(index_dir) == 2


def test_warnings_are_reported_again_on_a_no_op_run(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "undated.txt").write_text("No header here\n\nJust text.\n", "utf-8")
    index_dir = tmp_path / "index"
    first = update_index(archive, index_dir)
    second = update_index(archive, index_dir)
    assert second.unchanged == 1
    assert [p.reason for p in second.degraded] == [p.reason for p in first.degraded] == ["no date header: undated"]


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 15)
    seen: list[tuple[int, int]] = []
    update_index(archive, tmp_path / "index", progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 15) and seen[-1] == (15, 15)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_cancel_keeps_what_was_done_and_the_next_run_completes(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 30)
    index_dir = tmp_path / "index"
    seen = []
    report = update_index(archive, index_dir, progress=lambda done, total: seen.append(done),
                          cancelled=lambda: len(seen) > 10)
    assert report.cancelled and 0 < report.added < 30
    assert report.added == doc_count(index_dir) == report.check.documents and report.check.ok
    assert report.not_indexed == 30 - report.added
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.search("congress").total > 0
        assert any("cancelled" in notice for notice in searcher.notices)
    rest = update_index(archive, index_dir)
    assert (rest.added, rest.unchanged, rest.cancelled) == (30 - report.added, report.added, False)
    assert doc_count(index_dir) == 30
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.notices == []


def test_a_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 3)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    (archive / SEED.name).write_bytes(SEED.read_bytes())
    writer = open_index(index_dir).writer()
    try:
        report = update_index(archive, index_dir)
    finally:
        writer.cancel()
    assert "another newsfind is updating this index" in report.failure and not report.ok
    assert report.added == 0 and doc_count(index_dir) == 3
    assert update_index(archive, index_dir).added == 1


def test_an_index_from_an_older_version_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = copy_sotu(tmp_path / "archive", 3)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    monkeypatch.setattr(index_store, "SCHEMA_VERSION", index_store.SCHEMA_VERSION + 1)
    assert not index_exists(index_dir)
    report = update_index(archive, index_dir)
    assert report.added == 3 and index_exists(index_dir) and report.ok
    assert any("another version of newsfind" in repair for repair in report.repairs)  # the user is told why
    assert not update_index(archive, index_dir).repairs  # once


def test_an_unreadable_archive_folder_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    """An unplugged drive or a renamed folder must never "update" the index to empty."""
    archive = copy_sotu(tmp_path / "archive", 4)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    archive.rename(tmp_path / "elsewhere")
    report = update_index(archive, index_dir)
    assert "cannot open the archive folder" in report.failure and "left as it was" in report.failure
    assert report.removed == 0 and doc_count(index_dir) == 4


NAMES = [
    b"invalid_\xff\xfe.txt", b"latin1_r\xe9sum\xe9.txt", b"cut_\xe2\x82.txt", b"new\nline.txt", b"tab\there.txt",
    b"quote's \"both\".txt", b"back\\slash.txt", b"colon:name.txt", b"-leading-dash.txt", b" spaces .txt",
    "re\u0301sume\u0301.txt".encode(), "r\u00e9sum\u00e9.txt".encode(), "emoji 📰.txt".encode(),
    ("é" * 125 + ".txt").encode()[:251] + b".txt",
]


def _write_named(archive: Path, name: bytes, word: str) -> None:
    with open(os.path.join(os.fsencode(archive), name), "wb") as handle:
        handle.write(f" date 2021-03-04 \nA headline\n\nThe word {word} is here.\n".encode())


def test_any_file_name_is_indexed_shown_readably_and_reaches_its_file(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    words = {name: f"qqname{chr(97 + n % 26)}{chr(97 + n // 26)}" for n, name in enumerate(NAMES)}
    for name, word in words.items():
        _write_named(archive, name, word)
    index_dir = tmp_path / "index"
    report = update_index(archive, index_dir, parallel_min_files=4)
    assert report.added == len(NAMES) and report.ok, report.summary()
    ids = {}
    with ArchiveSearcher(index_dir) as searcher:
        for name, word in words.items():
            [hit] = searcher.search(word).hits
            exact = os.fsdecode(name)
            assert hit.file_path == exact
            assert "\n" not in hit.path and not any(0xD800 <= ord(ch) < 0xE000 for ch in hit.path)
            assert os.path.exists(os.path.join(archive, hit.file_path))
            assert searcher.article(hit.id).file_path == exact
            ids[name] = hit.id
    assert len(set(ids.values())) == len(NAMES)  # the NFC and NFD twins are two articles
    again = update_index(archive, index_dir)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(NAMES))
    with ArchiveSearcher(index_dir) as searcher:
        assert {name: searcher.search(word).hits[0].id for name, word in words.items()} == ids


def test_a_stray_control_byte_never_splits_a_word(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    body = "The ministry " + "said nothing new. " * 3000 + "Rebels thre\x00atened the port, then fle\x1bd by s\x7fea.\n"
    (archive / "long.txt").write_text(" date 2020-02-02 \nHeadline\n\n" + body, "utf-8")
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    with ArchiveSearcher(index_dir) as searcher:
        for word in ("threatened", "fled", "sea"):
            assert searcher.search(word).total == 1, word
        assert searcher.search("thre").total == 0 and searcher.search("atened").total == 0


def test_the_check_finds_what_the_index_lost_and_the_next_run_repairs_it(tmp_path: Path) -> None:
    """The report is held against the committed index: articles that went
    missing behind the indexer's back are named, and indexed again."""
    archive = copy_sotu(tmp_path / "archive", 12)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    victims = sorted(p.name for p in archive.glob("*.txt"))[:3]
    writer = open_index(index_dir).writer()
    for name in victims:
        writer.delete_by_term("path", name)
    writer.commit()
    assert len(indexed_files(open_index(index_dir))) == 9
    report = update_index(archive, index_dir)
    assert (report.added, report.unchanged) == (3, 9) and report.ok
    assert report.check.documents == 12 and doc_count(index_dir) == 12
