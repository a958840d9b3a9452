"""A date range's documents, found by bisection, are those a reading of every date finds."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsfind.date_column import DateColumn

_dates = st.dates().map(lambda day: f"{day:%Y-%m-%d}")
_bound = st.one_of(_dates, st.just("0000"), st.just("9999-\uffff"), _dates.map(lambda day: day[:7]))


@given(st.lists(st.one_of(st.just(""), _dates), max_size=300), _bound, _bound)
def test_a_range_holds_exactly_the_documents_dated_within_it(values: list[str], start: str, end: str) -> None:
    column = DateColumn(values)
    expected = {docnum for docnum, value in enumerate(values) if value and start <= value <= end}
    assert column.within(start, end) == expected
    assert column.within(start, end) == expected  # and again, from the order kept
