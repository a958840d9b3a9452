"""One indexing run's files, indexed in batches: each batch commits whole.

A batch is committed every few seconds (the first after a tenth of that, so
a new archive shows results almost at once), so results appear while a big
archive is indexed and a killed run loses only its last batch. The report
counts a file as added or updated only once its batch is committed: what it
says was indexed is in the index.

Large updates are indexed by worker processes (newsfind.index_workers) after
the first batch, each into a segment of its own; this process deletes the old
versions, merges small segments and commits. A worker that dies costs only
its uncommitted files, which are indexed again; the files it was reading when
it died are retried one by one, and a file that kills a worker twice is
reported and skipped.
"""

from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

from newsfind import whoosh_compat as compat
from newsfind.archive import FileEntry, Problem, article_id, article_id_of_key, display_path, path_key
from newsfind.documents import FileOutcome, WriterFailed, index_file
from newsfind.index_report import IndexReport
from newsfind.index_store import IndexFolder, IndexWriteError, is_write_error, write_error_message
from newsfind.index_workers import (FilesIndexed, FinishSegment, IndexFiles, SegmentWritten, Worker, WorkerPool,
                                    WorkerReady, WriterBroke)

#: Batches with workers last this many times longer: each ends with every worker
#: writing out its segment and a commit; twice as long halved the segments left
#: and cut the build (20,000 articles, alternated: 62.7/63.9 s, 13 segments → 56.4/59.0 s, 7).
PARALLEL_BATCH_FACTOR = 2
#: Files sent to a worker at a time: small enough for even progress and small losses.
CHUNK_FILES = 16
#: Workers that may die in one run before the rest is indexed in this process.
MAX_WORKER_DEATHS = 6
#: Writer failures in one run (each costing one file) before the run stops.
MAX_WRITER_FAILURES = 20
#: Seconds to wait for spawned workers to start before indexing without them.
WORKER_START_SECONDS = 20.0

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class ArchiveVanished(RuntimeError):
    """The archive folder went away during the run (moved, renamed, unmounted):
    its files cannot be read, and must not be taken for deleted."""


@dataclass
class Chunk:
    entries: list[FileEntry]
    #: A file a worker died on: retried alone; if it kills a worker again it is skipped.
    suspect: bool = False


@dataclass
class RunOptions:
    batch_seconds: float = 5.0
    limitmb: int = 256
    workers: int = 0  #: worker processes after the first batch (0: index in this process)
    progress: ProgressCallback | None = None
    cancelled: CancelCheck | None = None


@dataclass
class Expectation:
    """What the committed index must hold after the run (for the report's check)."""

    present: dict[bytes, bytes] = field(default_factory=dict)  #: key → signature
    absent: set[bytes] = field(default_factory=set)
    untouched: set[bytes] = field(default_factory=set)  #: not reached: either version may be there


class BatchRun:
    """Index `todo` and delete `stale` in committed batches, updating `report`."""

    def __init__(self, folder: IndexFolder, report: IndexReport, known: set[bytes], options: RunOptions) -> None:
        self.folder = folder
        self.report = report
        self.known = known
        self.options = options
        self.schema = folder.ix.schema
        self.pending: deque[Chunk] = deque()
        self.stale: list[bytes] = []
        self.entries: dict[str, FileEntry] = {}  #: path → its entry (its signature when committed)
        self.expect = Expectation()
        self.carry: list[FileOutcome] = []  #: outcomes to commit with the next batch
        self.done = report.unchanged
        self.deaths = 0
        self.breaks = 0
        self.commits = 0
        self.uncommitted: list[FileOutcome] = []  #: outcomes of a batch whose commit failed

    # ------------------------------------------------------------------ the run

    def run(self, todo: list[FileEntry], stale: list[bytes]) -> None:
        self.entries = {entry.path: entry for entry in todo}
        self.pending = deque(Chunk(todo[i:i + CHUNK_FILES]) for i in range(0, len(todo), CHUNK_FILES))
        self.stale = list(stale)
        self._progress()
        pool = WorkerPool(os.fspath(self.folder.path), self.options.workers, self.options.limitmb) \
            if self.options.workers and todo else None
        try:
            first = True
            while (self.pending or self.stale or self.carry) and not self._cancelled():
                if pool is not None and not first and not self._ready(pool):
                    pool.close()
                    pool = None
                if pool is not None and not first:
                    self._parallel_batch(pool)
                else:
                    self._local_batch(self.options.batch_seconds / 10 if first else self.options.batch_seconds)
                first = False
        finally:
            if pool is not None:
                pool.close()
            self._not_reached()

    def _cancelled(self) -> bool:
        if self.options.cancelled is not None and self.options.cancelled():
            self.report.cancelled = True
        return self.report.cancelled

    def _progress(self, files: int = 0) -> None:
        self.done += files
        if self.options.progress:
            self.options.progress(self.done, self.report.total_files)

    def _not_reached(self) -> None:
        left = [entry.path for chunk in self.pending for entry in chunk.entries]
        left += [outcome.path for outcome in self.carry + self.uncommitted]
        self.report.not_indexed = len(left)
        self.expect.untouched.update(map(path_key, left))

    # ------------------------------------------------------------------ in this process

    def _local_batch(self, seconds: float) -> None:
        writer = self.folder.writer(self.options.limitmb)
        deadline = time.monotonic() + seconds
        outcomes: list[FileOutcome] = []
        read: list[FileEntry] = []
        try:
            while self.pending and time.monotonic() < deadline and not self._cancelled():
                entries = self.pending.popleft().entries
                for position, entry in enumerate(entries):
                    if position and self._cancelled():
                        self.pending.appendleft(Chunk(entries[position:]))
                        break
                    try:
                        outcomes.append(index_file(writer, self.schema, entry))
                    except WriterFailed as failure:
                        compat.cancel_writer(writer)
                        self._progress(-len(read))
                        self._writer_broke(failure.path, str(failure), getattr(failure.error, "errno", None),
                                           read + entries[position:])
                        return
                    read.append(entry)
                    self._progress(1)
            self._commit(writer, outcomes, [])
        except BaseException:
            compat.cancel_writer(writer)
            raise

    # ------------------------------------------------------------------ with workers

    def _ready(self, pool: WorkerPool) -> bool:
        """Wait (a little) until a worker has started; False when none could."""
        deadline = time.monotonic() + WORKER_START_SECONDS
        while pool.live and not any(w.ready for w in pool.live) and time.monotonic() < deadline:
            for worker, message in pool.wait(0.2):
                self._on_message(pool, worker, message)
        return any(w.ready for w in pool.live)

    def _parallel_batch(self, pool: WorkerPool) -> None:
        writer = self.folder.writer(self.options.limitmb)
        try:
            deadline = time.monotonic() + self.options.batch_seconds * PARALLEL_BATCH_FACTOR
            while True:
                self._assign(pool, deadline)
                if not any(w.inflight for w in pool.live):
                    break
                for worker, message in pool.wait(0.2):
                    self._on_message(pool, worker, message)
            outcomes, segments = self._finish_segments(pool)
            self._commit(writer, outcomes, segments)
        except BaseException:
            compat.cancel_writer(writer)
            raise

    def _assign(self, pool: WorkerPool, deadline: float) -> None:
        for worker in pool.live:
            if worker.idle and self.pending and time.monotonic() < deadline and not self._cancelled():
                chunk = self.pending.popleft()
                worker.suspect = chunk.suspect
                worker.send(IndexFiles(tuple(chunk.entries)))

    def _on_message(self, pool: WorkerPool, worker: Worker, message: object | None) -> None:
        if isinstance(message, WorkerReady):
            worker.ready = True
        elif isinstance(message, FilesIndexed):
            worker.segment_entries.extend(worker.inflight)
            worker.segment_outcomes.extend(message.outcomes)
            worker.inflight = ()
            self._progress(len(message.outcomes))
        elif isinstance(message, WriterBroke):
            lost = worker.segment_entries + list(worker.inflight)
            self._progress(-len(worker.segment_entries))
            worker.segment_entries, worker.segment_outcomes, worker.inflight = [], [], ()
            self._writer_broke(message.path, message.reason, message.errno, lost)
        elif message is None:
            self._worker_died(pool, worker)

    def _worker_died(self, pool: WorkerPool, worker: Worker) -> None:
        """Give its files to a worker again; isolate the ones it was reading."""
        reason = worker.exit_reason()
        if worker.inflight and worker.suspect:
            [entry] = worker.inflight
            self.carry.append(FileOutcome(entry.path, False, (f"the indexer crashed while reading this file ({reason})",)))
        else:
            self.pending.extendleft(Chunk([entry], suspect=True) for entry in reversed(worker.inflight))
        if worker.segment_entries:
            self.pending.appendleft(Chunk(list(worker.segment_entries)))
            self._progress(-len(worker.segment_entries))
        pool.remove(worker)
        self.deaths += 1
        if self.deaths <= MAX_WORKER_DEATHS:
            pool.start_worker()

    def _finish_segments(self, pool: WorkerPool) -> tuple[list[FileOutcome], list]:
        """Each worker writes out its segment; returns their outcomes and segments."""
        asked = [w for w in pool.live if w.segment_entries]
        for worker in asked:
            worker.send(FinishSegment())
        outcomes, segments = [], []
        waiting = set(asked)
        while waiting:
            for worker, message in pool.wait(0.2):
                if worker not in waiting:
                    self._on_message(pool, worker, message)
                    continue
                waiting.discard(worker)
                if isinstance(message, SegmentWritten):
                    outcomes.extend(worker.segment_outcomes)
                    if message.segment is not None:
                        segments.append(message.segment)
                    worker.segment_entries, worker.segment_outcomes = [], []
                else:
                    self._on_message(pool, worker, message)
            waiting &= set(pool.live)
        return outcomes, segments

    # ------------------------------------------------------------------ failures and commits

    def _writer_broke(self, path: str | None, reason: str, error_number: int | None, lost: list[FileEntry]) -> None:
        """A writer failed: stop the run for a disk problem (or one that keeps coming
        back), else skip the file it failed on and index the others again."""
        self.breaks += 1
        if error_number is not None and is_write_error(OSError(error_number, reason)):
            self.pending.appendleft(Chunk(lost))
            raise IndexWriteError(write_error_message(OSError(error_number, os.strerror(error_number)),
                                                      self.folder.path))
        if self.breaks > MAX_WRITER_FAILURES:
            self.pending.appendleft(Chunk(lost))
            raise IndexWriteError(f"the index writer keeps failing ({reason}); the index keeps what was "
                                  "committed before")
        if path is not None:
            self.carry.append(FileOutcome(path, False, (f"could not be indexed: the index writer failed on it ({reason})",)))
        self.pending.appendleft(Chunk([entry for entry in lost if entry.path != path]))

    def _commit(self, writer, outcomes: list[FileOutcome], segments: list) -> None:
        outcomes, self.carry = self.carry + outcomes, []
        try:
            if not os.path.isdir(self.folder.archive_root):
                raise ArchiveVanished(f"the archive folder {display_path(self.folder.archive_root)} disappeared "
                                      "while it was indexed (moved, renamed or unmounted?); the index keeps "
                                      "what was committed before")
            for key in self.stale:
                writer.delete_by_term("id", article_id_of_key(key))
            for outcome in outcomes:
                if path_key(outcome.path) in self.known:
                    writer.delete_by_term("id", article_id(outcome.path))
            compat.commit_with_segments(writer, segments)
        except BaseException:
            self.uncommitted.extend(outcomes)
            raise
        self.commits += 1
        self.folder.record()
        self.report.removed += len(self.stale)
        self.expect.absent.update(self.stale)
        self.stale = []
        self._count(outcomes)

    def _count(self, outcomes: list[FileOutcome]) -> None:
        report = self.report
        for outcome in outcomes:
            key = path_key(outcome.path)
            shown = display_path(outcome.path)
            if outcome.indexed:
                self.expect.present[key] = self.entries[outcome.path].signature
                if key in self.known:
                    report.updated += 1
                else:
                    report.added += 1
                report.problems.extend(Problem(shown, note, skipped=False) for note in outcome.notes)
            else:
                self.expect.absent.add(key)
                report.problems.append(Problem(shown, outcome.reason))
                if key in self.known:
                    report.removed += 1
