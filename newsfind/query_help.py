"""The query language as the user is told it: one list for the in-app Help,
the README's table and the test that checks each row against a plain count."""

from __future__ import annotations

import html

#: (what you type, what it finds). tests/test_query_syntax.py checks every
#: example against a count made without the index, and that the README's
#: table holds exactly these rows.
SYNTAX: tuple[tuple[str, str], ...] = (
    ("refugees germany", "articles with both words, in any form (refugee, refugees)"),
    ("trump OR clinton", "articles with either word"),
    ("trump NOT clinton", "articles with the first word and without the second (also: trump -clinton)"),
    ("NOT clinton", "every article without the word (also: -clinton)"),
    ('"climate change"', "the exact phrase (common words like “the” inside a phrase are skipped)"),
    ("(tax OR budget) AND congress", "brackets group words"),
    ("immigra*", "words starting with immigra"),
    ("imigration~", "words within one letter’s change of imigration (imigration~2: two changes)"),
    ("=François", "the word spelled exactly so, accents included: not Francois (=Franç*: words starting so; "
                  "=\"François Hollande\": the phrase)"),
    ("title:brexit", "brexit in the headline"),
    ("date:2017", "articles published in 2017 (date:2017-03: in March 2017; date:2017-03-02: that day)"),
    ("date:[2016 TO 2017]", "published from the start of 2016 through the end of 2017"),
    ("date:[2017-01-01 TO 2017-01-31]", "published in that period, both days included"),
    ("date:>2017-03-01", "published after that day (date:>=2017-03-01: that day or after)"),
    ("date:<2017", "published before 2017 (date:<=2017: before 2018)"),
    ("*", "every article"),
)

#: Your own marks on articles (marks.py), combined with words like any other part.
MARK_SYNTAX = (
    ("is:starred", "the articles you starred"),
    ("is:reviewed", "the articles you marked reviewed (is:unreviewed: those you did not)"),
    ("tag:follow-up", "the articles you tagged follow-up (tag:\"to check\": a tag of several words)"),
    ("refugees is:unreviewed", "refugees, in the articles you have not reviewed yet"),
)

KEYS_HELP = """\
Up/Down in the search field recall earlier searches.
F3 / Shift+F3 walk through the matches of the article shown."""


def syntax_help() -> str:
    """The Help → Search syntax text."""
    rows = "\n".join(f"{example}  —  {meaning}" for example, meaning in SYNTAX + MARK_SYNTAX)
    return f"{rows}\n\nCase and accents do not matter (except after =).\n\n{KEYS_HELP}"


def syntax_help_html() -> str:
    """The Help → Search syntax text as a two-column table (our own text, escaped)."""
    rows = "".join(f"<tr><td style='padding-right:12px; white-space:nowrap'><code>{html.escape(example)}</code></td>"
                   f"<td>{html.escape(meaning)}</td></tr>" for example, meaning in SYNTAX + MARK_SYNTAX)
    keys = html.escape(KEYS_HELP).replace("\n", "<br>")
    return f"<table>{rows}</table><p>Case and accents do not matter (except after =).</p><p>{keys}</p>"


def readme_table() -> str:
    """The README's table of the query language (tests check the README holds it)."""
    lines = ["| you type | finds |", "| --- | --- |"]
    lines += [f"| `{example}` | {meaning} |" for example, meaning in SYNTAX + MARK_SYNTAX]
    return "\n".join(lines)
