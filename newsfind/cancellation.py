"""Giving up on a search the user no longer wants.

The window runs one search at a time off the GUI thread; when the user types
on, the search running is abandoned at its next check (every few hundred
documents or words) so the new one starts at once, whatever the old one was
doing.
"""

from __future__ import annotations

from typing import Callable

#: Asked now and then during a search: True means stop.
Cancelled = Callable[[], bool]


class SearchCancelled(Exception):
    """A newer search superseded this one; nobody waits for its answer."""


def never() -> bool:
    """The default: a search that nobody cancels (the command line)."""
    return False


def check_cancelled(cancelled: Cancelled) -> None:
    """Raise SearchCancelled when the search is no longer wanted."""
    if cancelled():
        raise SearchCancelled()
