"""The `like:"path"` query that More like this writes."""

from __future__ import annotations

from hypothesis import given, strategies as st

from newsfind.similar_query import like_query, liked_path


@given(st.text(min_size=1))
def test_any_path_survives_being_written_as_a_query(path: str) -> None:
    assert liked_path(like_query(path)) == path


def test_other_queries_are_not_like_queries() -> None:
    for text in ("immigration", "like:immigration", 'title:"like"', 'like:"a" b', '"like:x"', ""):
        assert liked_path(text) is None
    assert liked_path('  like:"2019/a.txt" ') == "2019/a.txt"
