"""Search snippets: HTML-escaped article text with the matches inside <mark>…</mark>.

Every reader of a snippet (the results list, exports, copying with a citation,
the command line) parses the marks here, so they all read them the same way.
Where a snippet stands in its article comes with the hit (``Hit.snippet_span``).
"""

from __future__ import annotations

import html
import re

#: An opening or closing mark; group 1 is "/" for a closing one.
MARK_TAG = re.compile(r"<(/?)mark>")


def replace_marks(snippet: str, start: str, end: str) -> str:
    """The snippet with each <mark> replaced by start and each </mark> by end (still escaped)."""
    return MARK_TAG.sub(lambda m: end if m.group(1) else start, snippet)


def snippet_text(snippet: str) -> str:
    """A search snippet as plain text: the <mark> tags dropped, entities decoded."""
    return html.unescape(replace_marks(snippet, "", ""))
