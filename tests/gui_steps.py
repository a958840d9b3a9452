"""Steps the window's tests share: what a user does, waited for as a user would."""

from __future__ import annotations


def search(qtbot, window, text: str, timeout: int = 10000) -> None:
    """Type text in the search field, search, and wait for that search's list."""
    window.searchBar.field.setText(text)
    window.search_now()
    wanted = window.searchController.generation
    qtbot.waitUntil(lambda: window.searchController.generation == wanted and window.searchController.settled,
                    timeout=timeout)
