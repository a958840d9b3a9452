"""Building and updating indexes: incremental runs, progress, cancel, locks, kills."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfind import index as news_index
from newsfind.index import IndexBusyError, default_index_dir, index_exists, open_index, update_index
from newsfind.search import ArchiveSearcher
from tests.corpora import SEED, SOTU


def copy_sotu(target: Path, count: int | None = None) -> Path:
    target.mkdir(parents=True)
    for path in sorted(SOTU.glob("*.txt"))[:count]:
        shutil.copy2(path, target / path.name)
    return target


def doc_count(index_dir: Path) -> int:
    with open_index(index_dir).searcher() as searcher:
        return searcher.doc_count()


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

    files = sorted(archive.glob("*.txt"))
    files[0].unlink()
    changed = files[1]
    changed.write_text(" date 1791-01-01 Zanzibarian proclamation\n\nA new text about zanzibarian matters.\n", "utf-8")
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10**9))
    shutil.copy2(SEED, archive / SEED.name)

    second = update_index(archive, index_dir)
    assert (second.added, second.updated, second.removed, second.unchanged) == (1, 1, 1, 18)
    assert doc_count(index_dir) == 20
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
    assert report.removed == 1
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
    calls = []

    def cancel_after_ten() -> bool:
        calls.append(1)
        return len(calls) > 10

    report = update_index(archive, index_dir, cancelled=cancel_after_ten)
    assert report.cancelled and report.added == 10
    assert doc_count(index_dir) == 10
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.search("congress").total > 0
    rest = update_index(archive, index_dir)
    assert (rest.added, rest.unchanged, rest.cancelled) == (20, 10, False)
    assert doc_count(index_dir) == 30


def test_a_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 3)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    (archive / SEED.name).write_bytes(SEED.read_bytes())
    writer = open_index(index_dir).writer()
    try:
        with pytest.raises(IndexBusyError, match="another newsfind is updating this index"):
            update_index(archive, index_dir)
    finally:
        writer.cancel()
    assert update_index(archive, index_dir).added == 1


def test_an_index_from_an_older_version_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = copy_sotu(tmp_path / "archive", 3)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    monkeypatch.setattr(news_index, "SCHEMA_VERSION", news_index.SCHEMA_VERSION + 1)
    assert not index_exists(index_dir)
    report = update_index(archive, index_dir)
    assert report.added == 3 and index_exists(index_dir)


KILL_SCRIPT = """
import sys
from newsfind.index import update_index
update_index(sys.argv[1], sys.argv[2], batch_seconds=0.3)
print("finished", flush=True)
"""


def test_killing_the_indexer_at_any_moment_leaves_a_searchable_index(tmp_path: Path) -> None:
    """SIGKILL at several moments; each time the index opens, answers, and a
    later run completes it. A lock left by the killed process blocks nobody."""
    archive = copy_sotu(tmp_path / "archive")
    index_dir = tmp_path / "index"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    counts = []
    for delay in (0.4, 0.9, 1.5, 2.2, 3.0):
        process = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(archive), str(index_dir)],
                                   env=env, stdout=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if index_exists(index_dir):
            counts.append(doc_count(index_dir))
            with ArchiveSearcher(index_dir) as searcher:
                searcher.search("union")
    report = update_index(archive, index_dir)
    assert not report.cancelled
    assert doc_count(index_dir) == 249
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.search("union").total > 200
    print(f"documents committed when killed: {counts}")
