"""Concordance lines as files: CSV for spreadsheets, a Markdown table for notes,
each line with its citation in the chosen style (the words of the line quoted,
as copying it gives them). Cells are written by export.py's writer, so article
text shows as text, never as a formula or as Markdown."""

from __future__ import annotations

from typing import Callable, Iterable

from newsfind.archive import Article
from newsfind.cite import CiteSource
from newsfind.concordance import ConcordanceLine, cite_line, one_line
from newsfind.export import table_text
from newsfind.wording import archive_label

#: Formats of a concordance file by the name the command line takes, with their usual suffix.
CONCORDANCE_FORMATS = {"csv": ".csv", "markdown": ".md"}
HEAD = ["date", "title", "path", "paragraph", "left", "match", "right", "citation"]


def concordance_rows(lines: Iterable[ConcordanceLine], article_of: Callable[[ConcordanceLine], Article | None],
                     style: str, source_of: Callable[[str], CiteSource],
                     several: bool = False) -> tuple[list[str], list[list[str]]]:
    """The column names and one row per line (an archive column when several archives
    are searched); the citation is empty when the article is no longer in the index."""
    head = HEAD[:3] + (["archive"] if several else []) + HEAD[3:]
    rows = []
    last: tuple[tuple[str, str], Article | None] | None = None  # (a line's article is most often the last one's)
    for line in lines:
        if last is None or last[0] != line.article_key:
            last = (line.article_key, article_of(line))
        article = last[1]
        citation = cite_line(line, article, style, source_of(line.archive)).text if article is not None else ""
        rows.append([line.date.isoformat() if line.date else "", line.title, line.path]
                    + ([archive_label(line.archive)] if several else [])
                    + [str(line.paragraph), one_line(line.left), one_line(line.match), one_line(line.right),
                       citation])
    return head, rows


def render_concordance(lines: Iterable[ConcordanceLine], fmt: str,
                       article_of: Callable[[ConcordanceLine], Article | None], style: str,
                       source_of: Callable[[str], CiteSource], several: bool = False) -> str:
    """The lines as a CSV file's or a Markdown table's text."""
    if fmt not in CONCORDANCE_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(CONCORDANCE_FORMATS)}")
    head, rows = concordance_rows(lines, article_of, style, source_of, several)
    return table_text(head, rows, markdown=fmt == "markdown")
