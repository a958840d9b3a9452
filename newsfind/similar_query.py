"""The query that lists the articles like one: `like:"path/of/article.txt"`.

"More like this" is a query of its own, written in the search field and kept
in the history like any other, so that it can be run again, edited, or gone
back from. It names the article by its path in the archive (as the list shows
it), which stays the same across indexing runs.
"""

from __future__ import annotations

import re

PREFIX = "like:"
_QUOTED = re.compile(r'like:"((?:[^"\\]|\\.)*)"', re.DOTALL)


def like_query(path: str) -> str:
    """The query text for the articles like the one at `path`."""
    escaped = path.replace("\\", "\\\\").replace('"', '\\"')
    return f'{PREFIX}"{escaped}"'


def liked_path(text: str) -> str | None:
    """The path a `like:"…"` query names, or None for any other query."""
    match = _QUOTED.fullmatch(text.strip())
    if match is None:
        return None
    return re.sub(r"\\(.)", r"\1", match.group(1), flags=re.DOTALL)
