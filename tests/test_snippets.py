"""Search snippets read the same way everywhere: marks replaced, text decoded."""

from __future__ import annotations

from newsfind.snippets import replace_marks, snippet_text
from newsfind.wording import archive_label, plural


def test_marks_are_replaced_and_the_text_stays_escaped() -> None:
    assert replace_marks("a <mark>b</mark> &amp; c", "[", "]") == "a [b] &amp; c"
    assert snippet_text("…a <mark>b</mark> &amp; &lt;c&gt;") == "…a b & <c>"


def test_labels_and_plurals() -> None:
    assert [archive_label(r) for r in ("/a/Herald", "/a/Herald/", "/")] == ["Herald", "Herald", "/"]
    assert (plural(1, "article"), plural(1200, "article"), plural(2, "query", "queries")) == \
        ("1 article", "1,200 articles", "2 queries")
