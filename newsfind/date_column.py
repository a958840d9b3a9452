"""Every article's date, as one index generation stores them, and ranges of them.

A date range used to be found by reading every document's date (10 ms at
100,000 articles, in every search with dates); here the dated documents are
put in date order once per generation, and a range is two bisections.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class DateColumn:
    """The "date" column of one searcher: "YYYY-MM-DD" strings, "" when undated."""

    def __init__(self, values: list[str]) -> None:
        self.values = values
        self._in_order: tuple[list[str], list[int]] | None = None
        self._last: tuple[str, str, frozenset[int]] | None = None

    def within(self, start: str, end: str) -> frozenset[int]:
        """The documents dated from start to end, both included (undated never);
        the same range twice gives the same set (a search, then its timeline)."""
        if self._last is None or self._last[:2] != (start, end):
            dates, docnums = self._order()
            found = frozenset(docnums[bisect_left(dates, start, lo=self._first_dated):bisect_right(dates, end)])
            self._last = (start, end, found)
        return self._last[2]

    def _order(self) -> tuple[list[str], list[int]]:
        if self._in_order is None:
            values = self.values
            docnums = sorted(range(len(values)), key=values.__getitem__)  # stable: ties by document number
            dates = [values[docnum] for docnum in docnums]
            self._first_dated = bisect_right(dates, "")
            self._in_order = (dates, docnums)
        return self._in_order
