"""The window's indexing process (Qt-free: the "spawn" start method re-imports this
module in a fresh interpreter, and importing Qt there would only cost start-up time).

Indexing runs in its own process so that Whoosh's long C calls (sorting postings at
commit, decoding and cleaning large texts), which hold the GIL, never stall the
window's event loop. It is an ordinary (not daemonic) process, so it may start
the indexer's worker processes itself: the window indexes as fast as the command
line. The GUI side (newsfind.gui.workers.IndexWorker) starts ``run_index`` with
``multiprocessing.get_context("spawn")`` and reads typed messages from a one-way
Pipe: IndexProgress while it runs, then one IndexFinished.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import time
import traceback
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfind.index_report import IndexReport

#: Seconds between two progress messages (the last one is always sent).
PROGRESS_INTERVAL = 0.05
#: Seconds the indexer may take to commit its batch after the window has gone.
ORPHAN_GRACE = 30.0


@dataclass(frozen=True)
class IndexProgress:
    done: int
    total: int


@dataclass(frozen=True)
class IndexFinished:
    """The run's report (report.failure says if it failed)."""

    report: IndexReport


class StopFlag:
    """Asks the indexer's process to stop: one byte of shared memory, written and
    read without a lock. A multiprocessing Event takes a lock in is_set(), which
    the indexer asks before every file: a child killed while it held the lock
    left it taken, and the window's next run waited for it for ever."""

    def __init__(self, context) -> None:
        self._byte = context.RawValue("b", 0)

    def set(self) -> None:
        self._byte.value = 1

    def is_set(self) -> bool:
        return bool(self._byte.value)


def run_index(root: str, index_dir: str, batch_seconds: float, messages, cancel: StopFlag) -> None:
    """Update one archive's index; report through `messages` (a Pipe's sending end),
    stop at the next file once `cancel` is set, or once the window's process has gone."""
    from newsfind.index_report import IndexReport

    orphaned = _watch_parent()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= PROGRESS_INTERVAL:
            last[0] = now
            _send(messages, IndexProgress(done, total))

    try:
        from newsfind import index as news_index

        report = news_index.update_index(root, index_dir, progress=progress, batch_seconds=batch_seconds,
                                         cancelled=lambda: cancel.is_set() or orphaned.is_set())
    except BaseException as error:  # noqa: BLE001 - never die silently
        traceback.print_exc()
        report = IndexReport(archive_root=root, index_dir=index_dir,
                             failure=f"the indexer failed ({type(error).__name__}: {error})")
    _send(messages, IndexFinished(report))


def _send(messages, message: object) -> None:
    try:
        messages.send(message)
    except OSError:  # the window is gone; the run goes on to its next commit
        pass


def _watch_parent() -> threading.Event:
    """Set when the window's process dies: then commit what was done and end
    (end anyway after ORPHAN_GRACE), rather than index on for nobody."""
    orphaned = threading.Event()
    parent = multiprocessing.parent_process()
    if parent is None:
        return orphaned

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        orphaned.set()
        time.sleep(ORPHAN_GRACE)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    return orphaned
