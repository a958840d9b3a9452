"""Watching processes through /proc (Linux): the indexer's workers, and whether one lives."""

from __future__ import annotations

from pathlib import Path

HAS_PROC = Path("/proc/self/task").exists()


def children(pid: int) -> list[int]:
    """The process ids of pid's children (none once it has ended)."""
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def alive(pid: int) -> bool:
    """Running (not ended, not a zombie waiting for its parent)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def ask_for_ever(flag) -> None:
    """A child that does nothing but ask whether it should stop (as the indexer
    does before every file), until it is killed."""
    while True:
        flag.is_set()
