"""Large updates with indexing worker processes: the same index as one process
makes, nothing lost when a worker dies, no process left behind."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
from pathlib import Path

import pytest

from newsfind.index import indexed_files, open_index, update_index
from newsfind.search import ArchiveSearcher
from tests.corpora import copy_sotu


def _hits(index_dir: Path, query: str) -> dict[str, float]:
    """path → score of every match."""
    with open_index(index_dir).searcher() as searcher:
        from whoosh.qparser import QueryParser
        results = searcher.search(QueryParser("body", searcher.schema).parse(query), limit=None)
        return {hit["path"]: hit.score for hit in results}


def assert_same_hits(one: dict[str, float], other: dict[str, float]) -> None:
    """The same articles, with scores within 2%: when Whoosh merges segments it
    sums their byte-rounded field lengths, so the average length BM25 uses
    depends a little on the segments' history."""
    assert one.keys() == other.keys()
    assert all(one[path] == pytest.approx(other[path], rel=0.02) for path in one)


def _workers() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name == "newsfind-index-worker"]


def test_workers_build_the_same_index_as_one_process(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive")
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    update_index(archive, serial)
    seen_workers = []
    report = update_index(archive, parallel, batch_seconds=0.5, parallel_min_files=10,
                          progress=lambda done, total: seen_workers.append(len(_workers())))
    assert report.added == 249 and report.ok and report.check.documents == 249
    assert max(seen_workers) == 2
    assert multiprocessing.active_children() == [] and threading.active_count() == 1
    for query in ("union", "liberty AND slavery", '"federal government"'):
        assert_same_hits(_hits(parallel, query), _hits(serial, query))
    # A prefix scores constantly, except in a segment where it expands to one
    # word (Whoosh): compare which articles match, not scores.
    assert _hits(parallel, "tax*").keys() == _hits(serial, "tax*").keys()
    assert update_index(archive, parallel).unchanged == 249


def test_workers_are_used_beside_other_threads(tmp_path: Path) -> None:
    """Spawned workers are safe in a threaded process (the window's, say)."""
    archive = copy_sotu(tmp_path / "archive", 60)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    seen_workers = []
    try:
        report = update_index(archive, tmp_path / "index", batch_seconds=0.2, parallel_min_files=10,
                              progress=lambda done, total: seen_workers.append(len(_workers())))
    finally:
        stop.set()
        other.join()
    assert report.added == 60 and report.ok and max(seen_workers) == 2


def test_a_cancelled_large_update_keeps_what_was_done(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 120)
    index_dir = tmp_path / "index"
    seen = [0]
    report = update_index(archive, index_dir, batch_seconds=0.3, parallel_min_files=10,
                          progress=lambda done, total: seen.append(done), cancelled=lambda: seen[-1] > 60)
    assert report.cancelled and report.check.ok
    assert report.added == report.check.documents == len(indexed_files(open_index(index_dir)))
    assert report.added + report.not_indexed == 120 and report.not_indexed > 0
    assert multiprocessing.active_children() == []
    rest = update_index(archive, index_dir)
    assert (rest.added, rest.unchanged) == (120 - report.added, report.added) and rest.check.documents == 120


class WorkerKiller:
    """Kills an indexing worker (SIGKILL) now and then while the run goes on."""

    def __init__(self, seed: int, every: int) -> None:
        self.random = random.Random(seed)
        self.every = every
        self.kills = 0
        self._next = self.random.randint(1, every)

    def __call__(self, done: int, total: int) -> None:
        if done < self._next:
            return
        self._next = done + self.random.randint(1, self.every)
        workers = [w for w in _workers() if w.is_alive()]
        if workers:
            os.kill(self.random.choice(workers).pid, signal.SIGKILL)
            self.kills += 1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_killed_workers_lose_no_article_and_the_report_stays_true(tmp_path: Path, seed: int) -> None:
    archive = copy_sotu(tmp_path / "archive", 150)
    index_dir = tmp_path / "index"
    killer = WorkerKiller(seed, every=20)
    report = update_index(archive, index_dir, batch_seconds=0.4, parallel_min_files=10, progress=killer)
    assert killer.kills >= 2
    assert report.check.ok, report.summary()
    held = indexed_files(open_index(index_dir))
    crashed = [p.path for p in report.skipped if "crashed" in p.reason]
    # A file a worker died on twice is skipped (and said so); every other one is there, once.
    assert report.added == len(held) == 150 - len(crashed)
    assert multiprocessing.active_children() == []
    rest = update_index(archive, index_dir)
    assert (rest.added, rest.unchanged) == (len(crashed), 150 - len(crashed)) and rest.ok
    assert rest.check.documents == 150


def test_a_file_name_that_is_not_utf8_does_not_lose_a_batch(tmp_path: Path) -> None:
    """The old multi-process writer lost a whole batch (and said "added") on one such name."""
    archive = copy_sotu(tmp_path / "archive", 80)
    with open(os.path.join(os.fsencode(archive), b"invalid_\xff\xfe.txt"), "wb") as handle:
        handle.write(b" date 2020-01-01 \nOdd name\n\nqqoddname text\n")
    report = update_index(archive, tmp_path / "index", batch_seconds=0.3, parallel_min_files=10)
    assert report.added == 81 and report.ok
    with ArchiveSearcher(tmp_path / "index") as searcher:
        assert searcher.search("qqoddname").hits[0].path == "invalid_\ufffd\ufffd.txt"
