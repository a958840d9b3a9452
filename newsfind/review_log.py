"""A review log of a query's results: each article with what the user did with it
(reviewed when, starred, tags, note) and its citation, so that a team can show it
went through every hit (as Datashare users ask for a CSV "to make sure they've
reviewed each document")."""

from __future__ import annotations

from typing import Callable, Iterable

from newsfind.archive import Article
from newsfind.cite import CiteSource, cite
from newsfind.marks import Mark
from newsfind.search import Hit
from newsfind.wording import archive_label

HEAD = ["title", "date", "path", "reviewed", "starred", "tags", "note", "citation"]


def review_rows(hits: Iterable[Hit], marks: dict[tuple[str, str], Mark], style: str,
                source_of: Callable[[str], CiteSource], article_of: Callable[[Hit], Article | None],
                several: bool = False) -> tuple[list[str], list[list[str]]]:
    """The column names and one row per hit; an archive column when several are searched.
    The citation is the article's in the chosen style (empty if it is no longer in the index)."""
    head = HEAD[:3] + (["archive"] if several else []) + HEAD[3:]
    rows = []
    for hit in hits:
        mark = marks.get(hit.place) or Mark()
        article = article_of(hit)
        citation = cite(article, style=style, source=source_of(hit.archive)).text if article is not None else ""
        rows.append([hit.title, hit.date.isoformat() if hit.date else "", hit.path]
                    + ([archive_label(hit.archive)] if several else [])
                    + [mark.reviewed_at or "", "yes" if mark.starred else "", "; ".join(mark.tags), mark.note,
                       citation])
    return head, rows
