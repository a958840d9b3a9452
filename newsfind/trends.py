"""Trends of many names: how many articles match each of a list of queries, per month or year.

Qt-free: the window's Trends window and `newsfind trends` both call it. Every
count comes from the indexes' date columns (ArchiveSearcher.date_counts), so
no article is read: a term costs about what its search costs. The periods run
without a gap from the first to the last dated article of the archives (a
period without articles is there, with 0), so every term is counted over the
same periods, and each period also gets the number of all its articles.

Normalised means the share of a period's articles that match, in percent
("4.2 % of the articles of March 2017 match trump"); a period without any
article has no share (None), not 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Literal, Sequence, TextIO

from newsfind.cancellation import Cancelled, check_cancelled, never
from newsfind.encoding import NotText, decode_article_bytes
from newsfind.export import csv_cell
from newsfind.query import QueryError
from newsfind.search import ArchiveSearcher
from newsfind.timeline import UNITS, Bucket, bucket_start, build_timeline, choose_unit, date_counts_over

TrendUnit = Literal["month", "year"]
TREND_UNITS: tuple[TrendUnit, ...] = ("month", "year")
#: The most terms one list counts (a chart of more lines is unreadable; the rest are said to be left out).
MAX_TERMS = 100
#: The largest terms file read (a list of queries, not an archive).
MAX_TERMS_FILE_BYTES = 1_000_000
#: The query every article matches (the totals per period).
EVERY_ARTICLE = "*"


class TermsFileError(ValueError):
    """A terms file that cannot be read as a list; the message says why, in plain words."""


@dataclass(frozen=True)
class TermLine:
    line: int  #: its line number in the list, from 1
    query: str


@dataclass(frozen=True)
class TermsList:
    terms: tuple[TermLine, ...]
    notes: tuple[str, ...] = ()  #: what was left out (repeated lines, lines past MAX_TERMS)


def read_terms(text: str) -> TermsList:
    """One query per line. Blank lines are skipped; a line starting with "#" is a
    comment (the index keeps no "#": #MeToo is found as metoo); a line that repeats
    an earlier one (spaces aside) is counted once, and a note says so."""
    terms: list[TermLine] = []
    notes: list[str] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        query = " ".join(raw.split())
        if not query or query.startswith("#"):
            continue
        if query in first_line:
            notes.append(f"line {number} repeats line {first_line[query]} (“{query}”): counted once")
            continue
        first_line[query] = number
        terms.append(TermLine(number, query))
    if len(terms) > MAX_TERMS:
        notes.append(f"only the first {MAX_TERMS} terms are counted: lines {terms[MAX_TERMS].line} "
                     f"and after ({len(terms) - MAX_TERMS} terms) are left out")
        terms = terms[:MAX_TERMS]
    return TermsList(tuple(terms), tuple(notes))


def read_terms_file(path: str | os.PathLike[str]) -> TermsList:
    """The terms of a text file (see read_terms_text)."""
    return read_terms(read_terms_text(path))


def read_terms_text(path: str | os.PathLike[str]) -> str:
    """A terms file's text, in any encoding an article may have. Raises
    TermsFileError (too large, not text) and OSError (cannot be opened)."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_TERMS_FILE_BYTES + 1)
    if len(raw) > MAX_TERMS_FILE_BYTES:
        raise TermsFileError(f"{os.fspath(path)} is larger than {MAX_TERMS_FILE_BYTES // 1_000_000} MB: "
                             "a terms list has one query per line")
    try:
        return decode_article_bytes(raw).text
    except NotText as error:
        raise TermsFileError(f"{os.fspath(path)} is a {error}") from error


@dataclass(frozen=True)
class TermTrend:
    line: int
    query: str
    counts: tuple[int, ...]  #: matching dated articles per period (as Trends.periods)
    undated: int = 0  #: matching articles without a date
    error: str | None = None  #: why the line could not be counted ("line 3 (“a AND”): …")

    @property
    def total(self) -> int:
        return sum(self.counts) + self.undated


@dataclass(frozen=True)
class Trends:
    unit: TrendUnit
    #: Every period from the first to the last dated article; count: all its articles.
    periods: tuple[Bucket, ...]
    undated_articles: int
    terms: tuple[TermTrend, ...]  #: one per term, in the list's order (those with an error too)
    notes: tuple[str, ...] = ()

    @property
    def counted(self) -> tuple[TermTrend, ...]:
        """The terms that could be counted."""
        return tuple(term for term in self.terms if term.error is None)

    @property
    def errors(self) -> tuple[str, ...]:
        return tuple(term.error for term in self.terms if term.error)

    def share(self, count: int, period: int) -> float | None:
        """count as a percentage of the period's articles (None: the period has none)."""
        articles = self.periods[period].count
        return 100.0 * count / articles if articles else None

    def values(self, term: TermTrend, normalised: bool) -> list[float | None]:
        """The term's counts per period, or its shares when normalised."""
        if not normalised:
            return [float(count) for count in term.counts]
        return [self.share(count, n) for n, count in enumerate(term.counts)]

    def key(self, period: int) -> str:
        return period_key(self.periods[period].start, self.unit)

    def label(self, period: int) -> str:
        return self.periods[period].label(self.unit)


def period_key(start: dt.date, unit: TrendUnit) -> str:
    """A period as programs sort and read it: 2017-03 (month), 2017 (year)."""
    return f"{start.year:04d}-{start.month:02d}" if unit == "month" else f"{start.year:04d}"


def default_unit(first: dt.date, last: dt.date) -> TrendUnit:
    """The timeline's unit for the span, kept to month or year: by month when the
    timeline would show months or finer (up to 120 months), else by year."""
    return "month" if UNITS.index(choose_unit(first, last)) <= UNITS.index("month") else "year"


def count_trends(searchers: Sequence[ArchiveSearcher], terms: TermsList | Iterable[TermLine],
                 unit: TrendUnit | None = None, cancelled: Cancelled = never,
                 progress: Callable[[int, int], None] | None = None) -> Trends:
    """Each term's matching articles per period over the archives together, and every
    period's articles. A term that is not a valid query gets its error, the others
    are counted. Raises SearchCancelled once `cancelled()` is true."""
    terms_list = terms if isinstance(terms, TermsList) else TermsList(tuple(terms))
    total = len(terms_list.terms)
    per_day: list[Counter | str] = []
    for done, term in enumerate(terms_list.terms):
        check_cancelled(cancelled)
        per_day.append(_term_days(searchers, term, cancelled))
        if progress is not None:
            progress(done + 1, total)
    everything = date_counts_over(searchers, EVERY_ARTICLE, cancelled=cancelled)
    span = everything.copy()
    for days in per_day:  # (an article the indexer added meanwhile still gets its period)
        for day in days if isinstance(days, Counter) else ():
            span.setdefault(day, 0)
    dated = sorted(day for day in span if day is not None)
    unit = unit or (default_unit(dated[0], dated[-1]) if dated else "year")
    timeline = build_timeline(span, unit)
    index_of = {bucket.start: n for n, bucket in enumerate(timeline.buckets)}
    trends = tuple(_term_trend(term, days, unit, index_of) for term, days in zip(terms_list.terms, per_day))
    return Trends(unit, timeline.buckets, timeline.undated, trends, terms_list.notes)


def _term_days(searchers: Sequence[ArchiveSearcher], term: TermLine, cancelled: Cancelled) -> Counter | str:
    """Matching articles per day over every archive, or the query's error, told with its line."""
    try:
        return date_counts_over(searchers, term.query, cancelled=cancelled)
    except QueryError as error:
        return f"line {term.line} (“{term.query}”): {error}"


def _term_trend(term: TermLine, days: Counter | str, unit: TrendUnit, index_of: dict[dt.date, int]) -> TermTrend:
    counts = [0] * len(index_of)
    if isinstance(days, str):
        return TermTrend(term.line, term.query, tuple(counts), error=days)
    for day, count in days.items():
        if day is not None:
            counts[index_of[bucket_start(day, unit)]] += count
    return TermTrend(term.line, term.query, tuple(counts), days.get(None, 0))


# ------------------------------------------------------------------ the table


def format_value(value: float | None, normalised: bool) -> str:
    """A cell as people read it: 12, 4.17 % (share), – (a period without articles)."""
    if value is None:
        return "–"
    return f"{value:.2f} %" if normalised else str(int(value))


def table_rows(trends: Trends, normalised: bool) -> list[list[str]]:
    """The table as the window shows it and CSV writes it: a header, then a row
    per period (its key, its articles, each counted term's count or share)."""
    counted = trends.counted
    suffix = " (% of articles)" if normalised else ""
    rows = [["period", "articles", *(term.query + suffix for term in counted)]]
    columns = [trends.values(term, normalised) for term in counted]
    for n, bucket in enumerate(trends.periods):
        cells = ["" if values[n] is None else f"{values[n]:.4f}" if normalised else str(int(values[n]))
                 for values in columns]
        rows.append([trends.key(n), str(bucket.count), *cells])
    return rows


def write_trends_csv(trends: Trends, out: TextIO, normalised: bool = False) -> None:
    """The table as CSV (a share is a plain number of percent, for spreadsheets;
    a period without articles has an empty share). Open `out` with newline=""."""
    writer = csv.writer(out)
    for row in table_rows(trends, normalised):
        writer.writerow([csv_cell(cell) for cell in row])


def trends_as_json(trends: Trends, normalised: bool = False) -> dict:
    """{"by", "periods", "articles": {period: N}, "terms": [{"query", "counts": {period: N}}]}:
    the counted terms only (the others are errors); counts are shares in percent when normalised."""
    keys = [trends.key(n) for n in range(len(trends.periods))]
    return {
        "by": trends.unit,
        "periods": keys,
        "articles": {key: bucket.count for key, bucket in zip(keys, trends.periods)},
        "terms": [{"query": term.query,
                   "counts": dict(zip(keys, (_json_number(v, normalised) for v in trends.values(term, normalised))))}
                  for term in trends.counted],
    }


def _json_number(value: float | None, normalised: bool) -> float | int | None:
    if value is None:
        return None
    return round(value, 4) if normalised else int(value)
