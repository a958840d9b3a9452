"""Back and Forward through the lists the user went through, as in a browser.

A list joins the trail when its query is taken as a step (Enter, a query from
the history, "did you mean", More like this, an article opened from it), not
at every keystroke of a query being typed. Going Back from a query typed but
not yet taken keeps it, so Forward returns to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

#: The trail keeps this many queries (the oldest go first).
TRAIL_SIZE = 100


class QueryTrail(QObject):
    """The one owner of where the user is in the trail of queries."""

    wanted = Signal(str)  #: show this query's list again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queries: list[str] = []
        self._at = -1

    @Slot(str)
    def visit(self, text: str) -> None:
        """The user took this query as a step: what was ahead of it is dropped."""
        text = text.strip()
        if not text or (self._at >= 0 and self._queries[self._at] == text):
            return
        del self._queries[self._at + 1:]
        self._queries.append(text)
        del self._queries[:-TRAIL_SIZE]
        self._at = len(self._queries) - 1

    def back(self, current: str) -> None:
        """To the query before `current` (the one in the field now)."""
        self.visit(current)
        if self._at > 0:
            self._at -= 1
            self.wanted.emit(self._queries[self._at])

    def forward(self) -> None:
        if self._at + 1 < len(self._queries):
            self._at += 1
            self.wanted.emit(self._queries[self._at])
