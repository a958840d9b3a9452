"""When the matches of a query were published: counts per time bucket.

Counts come from the index's date column alone (no article is read), and
the bucket size follows the span of the hits, so a two-week story and two
centuries of addresses both give a readable number of bars.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Literal

from newsfind.cancellation import Cancelled, never

Unit = Literal["day", "week", "month", "year", "decade", "century"]
UNITS: tuple[Unit, ...] = ("day", "week", "month", "year", "decade", "century")
#: The most bars a timeline gets before the next larger unit is used.
MAX_BUCKETS = 120


@dataclass(frozen=True)
class Bucket:
    start: dt.date
    end: dt.date  #: the last day inside the bucket
    count: int

    def label(self, unit: Unit) -> str:
        """A short name for the period: 2019-08-08, 2019-W32, Aug 2019, 2019, 1790s."""
        if unit == "day":
            return self.start.isoformat()
        if unit == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if unit == "month":
            return f"{self.start:%b} {self.start.year}"
        if unit == "year":
            return str(self.start.year)
        return f"{self.start.year}s"


@dataclass(frozen=True)
class Timeline:
    unit: Unit
    buckets: tuple[Bucket, ...]
    undated: int  #: matching articles without a date, counted apart

    @property
    def dated(self) -> int:
        return sum(bucket.count for bucket in self.buckets)

    @property
    def total(self) -> int:
        return self.dated + self.undated


def bucket_start(day: dt.date, unit: Unit) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return dt.date(day.year, 1, 1)
    size = 10 if unit == "decade" else 100
    return dt.date(max(1, day.year - day.year % size), 1, 1)


def next_bucket(start: dt.date, unit: Unit) -> dt.date | None:
    """The first day of the following bucket, or None past the year 9999."""
    try:
        if unit == "day":
            return start + dt.timedelta(days=1)
        if unit == "week":
            return start + dt.timedelta(days=7)
        if unit == "month":
            return dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        size = {"year": 1, "decade": 10, "century": 100}[unit]
        return dt.date(start.year - start.year % size + size, 1, 1)
    except (OverflowError, ValueError):
        return None


def choose_unit(first: dt.date, last: dt.date) -> Unit:
    """The smallest unit that shows the span in at most MAX_BUCKETS bars."""
    for unit in UNITS:
        if _bucket_count(first, last, unit) <= MAX_BUCKETS:
            return unit
    return "century"


def _bucket_count(first: dt.date, last: dt.date, unit: Unit) -> int:
    days = (last - first).days
    if unit == "day":
        return days + 1
    if unit == "week":
        return days // 7 + 2
    if unit == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    size = {"year": 1, "decade": 10, "century": 100}[unit]
    return last.year // size - first.year // size + 1


def build_timeline(dates: Iterable[dt.date | None] | Counter, unit: Unit | None = None) -> Timeline:
    """Buckets from first to last date (empty ones included, so gaps show)."""
    counts = dates if isinstance(dates, Counter) else Counter(dates)
    undated = counts.get(None, 0)
    dated = sorted(day for day in counts if day is not None)
    if not dated:
        return Timeline(unit or "year", (), undated)
    unit = unit or choose_unit(dated[0], dated[-1])
    per_bucket: Counter = Counter()
    for day in dated:
        per_bucket[bucket_start(day, unit)] += counts[day]
    buckets = []
    start: dt.date | None = bucket_start(dated[0], unit)
    last = bucket_start(dated[-1], unit)
    while start is not None and start <= last:
        following = next_bucket(start, unit)
        end = following - dt.timedelta(days=1) if following else dt.date.max
        buckets.append(Bucket(start, end, per_bucket.get(start, 0)))
        start = following
    return Timeline(unit, tuple(buckets), undated)


def timeline_for(searchers: Iterable, query: str, date_from: str | dt.date | None = None,
                 date_to: str | dt.date | None = None, unit: Unit | None = None,
                 cancelled: Cancelled = never, stories: bool = False) -> Timeline:
    """The timeline of a query over several archives (their counts summed): of
    matching articles, or with `stories` of stories (a wire-copy family counted
    once, on its earliest matching copy's date).

    Reads only the indexes' date columns. Raises QueryError like
    ``ArchiveSearcher.search`` does.
    """
    return build_timeline(date_counts_over(searchers, query, date_from, date_to, cancelled, stories), unit)


def date_counts_over(searchers: Iterable, query: str, date_from: str | dt.date | None = None,
                     date_to: str | dt.date | None = None, cancelled: Cancelled = never,
                     stories: bool = False) -> Counter:
    """Matching articles (or stories) per day over several archives together (None: undated)."""
    counts: Counter = Counter()
    for searcher in searchers:
        counts.update(searcher.date_counts(query, date_from, date_to, cancelled=cancelled, stories=stories))
    return counts
