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


def _hits(index_dir: Path, query: str) -> list[tuple[str, float]]:
    with open_index(index_dir).searcher() as searcher:
        from whoosh.qparser import QueryParser
        results = searcher.search(QueryParser("body", searcher.schema).parse(query), limit=None)
        return sorted((hit["path"], round(hit.score, 6)) for hit in results)


@pytest.fixture
def parallel_from_ten(monkeypatch: pytest.MonkeyPatch) -> list:
    """Large-update mode from 10 files on; records the writers' classes."""
    monkeypatch.setattr(news_index, "PARALLEL_MIN_FILES", 10)
    kinds: list[str] = []
    new_writer = news_index._Batches._new_writer

    def recording(self):
        writer = new_writer(self)
        kinds.append(type(writer).__name__)
        return writer

    monkeypatch.setattr(news_index._Batches, "_new_writer", recording)
    return kinds


def test_a_large_update_uses_two_processes_after_a_fast_first_batch(tmp_path: Path, parallel_from_ten: list) -> None:
    import multiprocessing
    archive = copy_sotu(tmp_path / "archive")
    serial = tmp_path / "serial"
    parallel = tmp_path / "parallel"
    news_index.PARALLEL_MIN_FILES = 10**9
    update_index(archive, serial)
    news_index.PARALLEL_MIN_FILES = 10
    parallel_from_ten.clear()
    report = update_index(archive, parallel, batch_seconds=0.5)
    assert report.added == 249 and doc_count(parallel) == 249
    assert parallel_from_ten[0] == "SegmentWriter" and "_ParallelWriter" in parallel_from_ten[1:]
    assert multiprocessing.active_children() == []
    import threading
    assert threading.active_count() == 1
    for query in ("union", "liberty AND slavery", '"federal government"'):
        assert _hits(parallel, query) == _hits(serial, query)
    # A prefix scores constantly, except in a segment where it expands to one
    # word (Whoosh): compare which articles match, not scores.
    assert [path for path, _ in _hits(parallel, "tax*")] == [path for path, _ in _hits(serial, "tax*")]
    assert update_index(archive, parallel).unchanged == 249


def test_a_large_update_cancelled_keeps_what_was_done(tmp_path: Path, parallel_from_ten: list) -> None:
    import multiprocessing
    archive = copy_sotu(tmp_path / "archive")
    index_dir = tmp_path / "index"
    calls = []

    def cancel_later() -> bool:
        calls.append(1)
        return len(calls) > 150

    report = update_index(archive, index_dir, cancelled=cancel_later, batch_seconds=0.5)
    assert report.cancelled and report.added == 150
    assert "_ParallelWriter" in parallel_from_ten
    assert doc_count(index_dir) == 150
    assert multiprocessing.active_children() == []
    rest = update_index(archive, index_dir)
    assert (rest.added, rest.unchanged) == (99, 150) and doc_count(index_dir) == 249


def test_an_error_in_a_large_update_stops_the_workers(tmp_path: Path, parallel_from_ten: list,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing
    archive = copy_sotu(tmp_path / "archive")
    read = news_index.read_article
    since_parallel = []

    def failing_read(entry):
        if "_ParallelWriter" in parallel_from_ten:
            since_parallel.append(1)
            if len(since_parallel) > 150:  # the workers have jobs by now (100 documents a job)
                raise RuntimeError("boom")
        return read(entry)

    monkeypatch.setattr(news_index, "read_article", failing_read)
    with pytest.raises(RuntimeError, match="boom"):
        update_index(archive, tmp_path / "index", batch_seconds=0.3)
    assert multiprocessing.active_children() == []


def test_beside_other_threads_a_large_update_stays_in_one_process(tmp_path: Path, parallel_from_ten: list) -> None:
    import threading
    archive = copy_sotu(tmp_path / "archive", 40)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        report = update_index(archive, tmp_path / "index", batch_seconds=0.05)
    finally:
        stop.set()
        other.join()
    assert report.added == 40 and len(parallel_from_ten) > 1
    assert set(parallel_from_ten) == {"SegmentWriter"}


PARALLEL_KILL_SCRIPT = """
import sys
from newsfind import index
index.PARALLEL_MIN_FILES = 10
index.update_index(sys.argv[1], sys.argv[2], batch_seconds=0.3)
print("finished", flush=True)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_killing_a_large_update_leaves_a_searchable_index_and_no_workers(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive")
    index_dir = tmp_path / "index"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    workers_seen = []
    for _ in range(2):
        process = subprocess.Popen([sys.executable, "-c", PARALLEL_KILL_SCRIPT, str(archive), str(index_dir)],
                                   env=env, stdout=subprocess.PIPE)
        children: list[int] = []
        deadline = time.monotonic() + 20
        while not children and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            children = [int(pid) for pid in
                        Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
        time.sleep(0.3)
        process.send_signal(signal.SIGKILL)
        process.wait()
        workers_seen.append(len(children))
        deadline = time.monotonic() + 5
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in children), "a worker outlived its killed parent"
        if index_exists(index_dir):
            with ArchiveSearcher(index_dir) as searcher:
                searcher.search("union")
    assert any(workers_seen)
    report = update_index(archive, index_dir)
    assert not report.cancelled and doc_count(index_dir) == 249
