"""The window's indexing process: how it is told to stop survives its being killed."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

import pytest

from newsfind.gui.index_process import StopFlag
from tests.processes import ask_for_ever


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_child_killed_while_asking_whether_to_stop_leaves_the_flag_usable() -> None:
    """A multiprocessing Event locks in is_set(): an indexer killed then (it asks
    before every file) left the lock taken, and the window's next run hung."""
    context = multiprocessing.get_context("spawn")
    flag = StopFlag(context)
    child = context.Process(target=ask_for_ever, args=(flag,))
    child.start()
    time.sleep(1.0)  # asking all the while
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    done = threading.Event()
    threading.Thread(target=lambda: (flag.set(), done.set()), daemon=True).start()
    assert done.wait(10), "telling the next child to stop waited for the killed one"
    assert flag.is_set()
