"""Every occurrence of a query in context: a concordance (keyword-in-context lines).

Qt-free. An occurrence is a span the reading pane marks (the index's stored
character offsets; a phrase is one span), so a line opens on exactly what it
shows, and its offsets are those of the body `newsfind show` prints. Lines come
oldest article first (undated last), the articles read a batch at a time, the
first batch small so that the first lines show at once. Sorting by the words
before or after the match needs every line first (sort_lines).
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Literal, Sequence

from newsfind.archive import Article
from newsfind.cancellation import Cancelled, check_cancelled, never
from newsfind.cite import Citation, CiteSource, cite, paragraph_numbers
from newsfind.search import ArchiveSearcher, Hit

LineSort = Literal["date", "left", "right"]
LINE_SORTS: tuple[LineSort, ...] = ("date", "left", "right")
#: Characters of context shown on each side of a match (cut back to whole words).
CONTEXT_CHARS = 60
#: Articles read in the first batch (the first lines show after it), and at most at once later.
FIRST_BATCH, LARGEST_BATCH = 16, 2048

_WHITE_RUN = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ConcordanceLine:
    """One occurrence with the words around it, within its paragraph."""

    id: str
    path: str
    title: str
    date: dt.date | None
    paragraph: int  #: as its citation numbers it (0: the headline line)
    start: int  #: the match's place in the body as `newsfind show` prints it
    end: int
    left: str  #: body text before the match (exactly as in the body)
    match: str  #: body[start:end]
    right: str  #: body text after the match
    archive: str = ""  #: the archive folder
    fspath: str = ""  #: the exact relative path when `path` (readable) differs from it

    @property
    def passage(self) -> tuple[int, int]:
        """(start, end) in the body of the line's whole text: what copying it quotes."""
        return self.start - len(self.left), self.end + len(self.right)

    @property
    def article_key(self) -> tuple[str, str]:
        return self.archive, self.id

    def hit(self, matches: Sequence[tuple[int, int]] = ()) -> Hit:
        """The line's article as a search hit (to open it), with the query's matches in it."""
        return Hit(id=self.id, path=self.path, title=self.title, date=self.date, score=0.0, snippet="",
                   matches=tuple(matches), archive=self.archive, fspath=self.fspath)


def one_line(text: str) -> str:
    """Text for a line of a table or terminal: every run of white space one space."""
    return _WHITE_RUN.sub(" ", text)


def concordance(searcher: ArchiveSearcher, text: str, context: int = CONTEXT_CHARS,
                source: CiteSource | None = None, cancelled: Cancelled = never) -> Iterator[ConcordanceLine]:
    """Every occurrence of the query in one archive, oldest article first (undated last).

    Raises QueryError (for a query to fix) and SearchCancelled from the first
    next() on; the first lines come after reading FIRST_BATCH articles.
    """
    if context < 0:
        raise ValueError("the context must be 0 characters or more")
    source = source or CiteSource(searcher.archive_root or None)
    docnums = searcher.documents_by_date(text, cancelled)
    size, done = FIRST_BATCH, 0
    while done < len(docnums):
        batch = docnums[done:done + size]
        done += len(batch)
        size = min(size * 2, LARGEST_BATCH)
        for article, spans in searcher.articles_with_matches(text, batch, cancelled):
            check_cancelled(cancelled)
            yield from lines_of(article, spans, context, source, searcher.archive_root)


def merged_concordance(searchers: Sequence[ArchiveSearcher], text: str, context: int = CONTEXT_CHARS,
                       sources: dict[str, CiteSource] | None = None,
                       cancelled: Cancelled = never) -> Iterator[ConcordanceLine]:
    """Every occurrence in several archives, merged by date (undated last; on one
    day, the archives in the order given), each read only as far as the merge needs."""
    sources = sources or {}
    streams = [concordance(searcher, text, context, sources.get(searcher.archive_root), cancelled)
               for searcher in searchers]
    return heapq.merge(*streams, key=_date_key)


def lines_of(article: Article, spans: Sequence[tuple[int, int]], context: int, source: CiteSource,
             archive: str = "") -> list[ConcordanceLine]:
    """The article's lines: one per match span, its context kept to the paragraph(s) it stands in."""
    if not spans:
        return []
    body = article.body
    paragraphs = article.paragraphs
    starts = [start for start, _ in paragraphs]
    numbers = paragraph_numbers(article, [start for start, _ in spans], source)
    lines = []
    for (start, end), number in zip(spans, numbers):
        first = paragraphs[max(0, bisect_right(starts, start) - 1)][0]
        last = paragraphs[max(0, bisect_right(starts, max(start, end - 1)) - 1)][1]
        left_at = _word_start(body, max(first, start - context), start)
        right_at = _word_end(body, min(max(last, end), end + context), end)
        lines.append(ConcordanceLine(
            id=article.id, path=article.path, title=article.title, date=article.date, paragraph=number,
            start=start, end=end, left=body[left_at:start], match=body[start:end], right=body[end:right_at],
            archive=archive, fspath=article.fspath))
    return lines


def _word_start(body: str, cut: int, start: int) -> int:
    """cut, moved past a word it would split (the context shows whole words)."""
    if 0 < cut < start and _is_word(body[cut - 1]) and _is_word(body[cut]):
        while cut < start and _is_word(body[cut]):
            cut += 1
    return cut


def _word_end(body: str, cut: int, end: int) -> int:
    if end < cut < len(body) and _is_word(body[cut - 1]) and _is_word(body[cut]):
        while cut > end and _is_word(body[cut - 1]):
            cut -= 1
    return cut


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _date_key(line: ConcordanceLine) -> tuple[bool, int]:
    return line.date is None, line.date.toordinal() if line.date else 0


def sort_lines(lines: Iterable[ConcordanceLine], by: LineSort) -> list[ConcordanceLine]:
    """Lines by date (as they come), or by the words before the match (the nearest
    first) or after it, case and punctuation aside; ties keep date order."""
    if by not in LINE_SORTS:
        raise ValueError(f"unknown sort {by!r}: use one of {', '.join(LINE_SORTS)}")
    lines = list(lines)
    if by == "date":
        return sorted(lines, key=_date_key)
    if by == "left":
        return sorted(lines, key=lambda line: (_WORD.findall(line.left.casefold())[::-1], line.match.casefold()))
    return sorted(lines, key=lambda line: (_WORD.findall(line.right.casefold()), line.match.casefold()))


def articles_counted(lines: Iterable[ConcordanceLine]) -> int:
    """How many articles the lines come from."""
    return len({line.article_key for line in lines})


def occurrences_text(lines: int, articles: int) -> str:
    """"1,234 occurrences in 321 articles"."""
    occurrences = "1 occurrence" if lines == 1 else f"{lines:,} occurrences"
    return f"{occurrences} in {'1 article' if articles == 1 else f'{articles:,} articles'}"


def cite_line(line: ConcordanceLine, article: Article, style: str, source: CiteSource) -> Citation:
    """The line's words (its whole context) quoted with the article's citation in the style."""
    start, end = line.passage
    return cite(article, start, end, style, source, join_paragraphs=True)


def cite_lines(lines: Sequence[ConcordanceLine], article_of: Callable[[ConcordanceLine], Article | None],
               style: str, source_of: Callable[[str], CiteSource]) -> tuple[Citation, int]:
    """Several lines, each with its citation, as one copy; and how many were left out
    (their article no longer in the index)."""
    cited = []
    for line in lines:
        article = article_of(line)
        if article is not None:
            cited.append(cite_line(line, article, style, source_of(line.archive)))
    text = "\n\n".join(citation.text for citation in cited)
    return Citation(text, "\n".join(citation.html for citation in cited)), len(lines) - len(cited)


__all__ = ["CONTEXT_CHARS", "LINE_SORTS", "ConcordanceLine", "articles_counted", "cite_line", "cite_lines",
           "concordance", "lines_of", "merged_concordance", "occurrences_text", "one_line",
           "sort_lines"]
