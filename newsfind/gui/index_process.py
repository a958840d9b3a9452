"""The indexer's child process (Qt-free: the "spawn" start method re-imports this module
in a fresh interpreter, and importing Qt there would only cost start-up time).

Indexing runs in its own process so that Whoosh's long C calls (sorting postings at
commit, decoding and cleaning large texts), which hold the GIL, never stall the
window's event loop. The GUI side (newsfind.gui.workers.IndexWorker) starts
``run_index`` with ``multiprocessing.get_context("spawn")`` and reads its messages
from a one-way Pipe (not a Queue: a Queue starts a feeder thread in this
process, and the indexer only uses its two worker processes when it runs
single-threaded):

    ("progress", done, total)
    ("done", IndexReport)
    ("failed", message)        # IndexBusyError or any other exception
"""

from __future__ import annotations

import time
import traceback

#: Seconds between two progress messages (the last one is always sent).
PROGRESS_INTERVAL = 0.05


def run_index(root: str, index_dir: str, batch_seconds: float, messages, cancel) -> None:
    """Update one archive's index; report through `messages` (a Pipe's sending end),
    stop at the next file once `cancel` (a multiprocessing Event) is set."""
    try:
        from newsfind import index as news_index
    except BaseException as error:  # noqa: BLE001 - a broken bundle must still answer
        messages.send(("failed", f"indexing failed: cannot load the indexer ({error})"))
        return
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= PROGRESS_INTERVAL:
            last[0] = now
            messages.send(("progress", done, total))

    try:
        report = news_index.update_index(root, index_dir, progress=progress, cancelled=cancel.is_set,
                                         batch_seconds=batch_seconds)
    except news_index.IndexBusyError as error:
        messages.send(("failed", str(error)))
        return
    except BaseException as error:  # noqa: BLE001 - never die silently
        traceback.print_exc()
        messages.send(("failed", f"indexing failed: {error}"))
        return
    messages.send(("done", report))
