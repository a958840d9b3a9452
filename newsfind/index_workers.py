"""Indexing worker processes: each reads, analyses and writes files into a
segment of its own, which the coordinating process commits.

Workers are started with the "spawn" method on every system: it is safe beside
threads (forking a threaded process can deadlock), works from a frozen app
(multiprocessing.freeze_support in the entry point), and a process started
this way may start its own (the window's indexing process starts these).
A worker reads the files itself, so only short messages cross the pipes:

    coordinator → worker:  IndexFiles(entries), FinishSegment()   (closing the pipe stops it)
    worker → coordinator:  WorkerReady(), FilesIndexed(outcomes), SegmentWritten(segment),
                           WriterBroke(path, reason, errno, done)

A file that cannot be read or analysed is an outcome like any other; only a
failure of the segment writer itself (WriterBroke) or the death of the
process loses the worker's uncommitted segment, and the coordinator gives
those files to a worker again.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from dataclasses import dataclass, field

from newsfind import whoosh_compat as compat
from newsfind.archive import FileEntry
from newsfind.documents import FileOutcome, WriterFailed, index_file
from newsfind.index_store import INDEX_NAME


@dataclass(frozen=True)
class WorkerReady:
    """Sent once the worker has imported everything and opened the index."""


@dataclass(frozen=True)
class IndexFiles:
    entries: tuple[FileEntry, ...]


@dataclass(frozen=True)
class FinishSegment:
    """Write out the segment of everything indexed since the last one."""


@dataclass(frozen=True)
class FilesIndexed:
    outcomes: tuple[FileOutcome, ...]


@dataclass(frozen=True)
class SegmentWritten:
    segment: object | None  #: None when the worker had no document


@dataclass(frozen=True)
class WriterBroke:
    """The worker's writer failed; its uncommitted segment is gone."""

    path: str | None  #: the file being added when it failed (None: while finishing)
    reason: str
    errno: int | None
    done: tuple[FileOutcome, ...] = ()  #: outcomes of the message's files before the failure


# ----------------------------------------------------------------- the worker process


def worker_main(index_dir: str, limitmb: int, connection) -> None:
    """The worker process: answer each message until the coordinator closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    _exit_with_parent()
    compat.install_patches()
    worker = None
    try:
        try:
            worker = _SegmentWorker(index_dir, limitmb)
        except Exception as error:  # noqa: BLE001 - say why, then end
            connection.send(WriterBroke(None, f"cannot open the index: {error}", getattr(error, "errno", None)))
            return
        connection.send(WorkerReady())
        while True:
            connection.send(worker.handle(connection.recv()))
    except (EOFError, OSError):  # the coordinator closed the pipe (or is gone): end quietly
        if worker is not None:
            worker.discard()


def _exit_with_parent() -> None:
    """A worker whose coordinator died (killed, say) must not wait for work for ever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class _SegmentWorker:
    def __init__(self, index_dir: str, limitmb: int) -> None:
        self._ix = compat.index_for_unlocked_writers(index_dir, INDEX_NAME, f"{INDEX_NAME}.worker{os.getpid()}.tmp")
        self._schema = self._ix.schema
        self._limitmb = limitmb
        self._writer = None

    def handle(self, message: IndexFiles | FinishSegment) -> FilesIndexed | SegmentWritten | WriterBroke:
        if isinstance(message, IndexFiles):
            return self._index(message.entries)
        return self._finish()

    def _index(self, entries: tuple[FileEntry, ...]) -> FilesIndexed | WriterBroke:
        if self._writer is None:
            try:
                self._writer = compat.unlocked_segment_writer(self._ix, self._limitmb)
            except OSError as error:  # a full disk, say: the coordinator stops the run
                return WriterBroke(None, f"cannot start a segment: {error}", error.errno)
        outcomes = []
        for entry in entries:
            try:
                outcomes.append(index_file(self._writer, self._schema, entry))
            except WriterFailed as failure:
                self.discard()
                return WriterBroke(failure.path, str(failure), getattr(failure.error, "errno", None), tuple(outcomes))
        return FilesIndexed(tuple(outcomes))

    def _finish(self) -> SegmentWritten | WriterBroke:
        writer, self._writer = self._writer, None
        if writer is None:
            return SegmentWritten(None)
        try:
            return SegmentWritten(compat.finish_segment(writer))
        except Exception as error:  # noqa: BLE001 - the coordinator decides what to do
            _discard_quietly(writer)
            return WriterBroke(None, f"{type(error).__name__}: {error}", getattr(error, "errno", None))

    def discard(self) -> None:
        writer, self._writer = self._writer, None
        if writer is not None:
            _discard_quietly(writer)


def _discard_quietly(writer) -> None:
    try:
        compat.discard_segment(writer)
    except Exception:  # noqa: BLE001 - leftovers are cleaned by the next run
        pass


# ----------------------------------------------------------------- the coordinator's side


@dataclass(eq=False)
class Worker:
    """One worker process as the coordinator sees it."""

    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    ready: bool = False
    dead: bool = False
    suspect: bool = False  #: the files in flight are one a worker died on before
    #: Files sent and not yet answered for.
    inflight: tuple[FileEntry, ...] = ()
    #: Files in the worker's open segment, and what became of them (not yet committed).
    segment_entries: list[FileEntry] = field(default_factory=list)
    segment_outcomes: list[FileOutcome] = field(default_factory=list)

    @property
    def idle(self) -> bool:
        return self.ready and not self.dead and not self.inflight

    def send(self, message: IndexFiles | FinishSegment) -> None:
        if isinstance(message, IndexFiles):
            self.inflight = message.entries
        try:
            self.connection.send(message)
        except OSError:  # it died since it was last heard from: the pool's next wait reports
            pass         # its death, and its files go to another worker

    def exit_reason(self) -> str:
        self.process.join(1.0)
        return exit_text(self.process.exitcode)


class WorkerPool:
    """The coordinator's worker processes."""

    def __init__(self, index_dir: str, count: int, limitmb: int) -> None:
        self._index_dir = index_dir
        self._limitmb = limitmb
        self._context = multiprocessing.get_context("spawn")
        self.workers: list[Worker] = []
        for _ in range(count):
            self.start_worker()

    def start_worker(self) -> Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(self._index_dir, self._limitmb, theirs),
                                        name="newsfind-index-worker", daemon=True)
        process.start()
        theirs.close()
        worker = Worker(process, ours)
        self.workers.append(worker)
        return worker

    def remove(self, worker: Worker) -> None:
        self.workers.remove(worker)
        _stop(worker)

    @property
    def live(self) -> list[Worker]:
        return [w for w in self.workers if not w.dead]

    def wait(self, timeout: float) -> list[tuple[Worker, object | None]]:
        """Messages from the workers, (worker, None) for one that died."""
        waitables = {}
        for worker in self.live:
            waitables[worker.connection] = worker
            waitables[worker.process.sentinel] = worker
        events = []
        for ready in multiprocessing.connection.wait(list(waitables), timeout):
            worker = waitables[ready]
            if worker.dead or any(w is worker for w, _ in events):
                continue
            events.extend(_drain(worker))
        return events

    def close(self) -> None:
        for worker in self.workers:
            _stop(worker)
        self.workers = []


def _drain(worker: Worker) -> list[tuple[Worker, object | None]]:
    """Every message the worker has sent; then (worker, None) if it has ended."""
    events: list[tuple[Worker, object | None]] = []
    try:
        while worker.connection.poll():
            events.append((worker, worker.connection.recv()))
    except (EOFError, OSError):
        pass
    if not worker.process.is_alive():
        worker.dead = True
        events.append((worker, None))
    return events


def _stop(worker: Worker) -> None:
    """Close the pipe (the worker drops its open segment and ends); make sure it ends."""
    worker.dead = True
    worker.connection.close()
    worker.process.join(5.0)
    if worker.process.is_alive():
        worker.process.terminate()
        worker.process.join(2.0)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join(2.0)


def exit_text(code: int | None) -> str:
    """How a process ended, in words ("killed by SIGSEGV", "exit code 1")."""
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"
