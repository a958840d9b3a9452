"""Timelines: counts per period equal a plain count over the manifests."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from newsfind.cli import main
from newsfind.index import update_index
from newsfind.search import ArchiveSearcher
from newsfind.timeline import bucket_start, build_timeline, choose_unit
from tests.corpora import SOTU, read_manifest

D = dt.date


@pytest.fixture(scope="module")
def sotu_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("sotu-index")
    update_index(SOTU, index_dir)
    return index_dir


def expected_counts(searcher: ArchiveSearcher, manifest, query: str, unit: str) -> Counter:
    hits = searcher.search(query, page_size=10_000).hits
    return Counter(bucket_start(manifest[hit.path].date, unit) for hit in hits)


@pytest.mark.parametrize("query", ["slavery", "railroad", '"federal reserve"', "war NOT peace"])
def test_sotu_counts_per_bucket(sotu_index: Path, query: str) -> None:
    manifest = read_manifest("sotu")
    with ArchiveSearcher(sotu_index) as searcher:
        timeline = build_timeline(searcher.date_counts(query))
        expected = expected_counts(searcher, manifest, query, timeline.unit)
    assert timeline.unit in ("decade", "year")
    assert {b.start: b.count for b in timeline.buckets if b.count} == dict(expected)
    assert timeline.total == sum(expected.values()) and timeline.undated == 0


@pytest.mark.parametrize("query, unit", [("trump", None), ("brexit", "week"), ("refugees", "month"), ("election", "day")])
def test_newsarticles_counts_per_bucket(newsarticles_index: Path, query: str, unit) -> None:
    manifest = read_manifest("newsarticles")
    with ArchiveSearcher(newsarticles_index) as searcher:
        timeline = build_timeline(searcher.date_counts(query), unit)
        expected = expected_counts(searcher, manifest, query, timeline.unit)
    assert {b.start: b.count for b in timeline.buckets if b.count} == dict(expected)
    starts = [b.start for b in timeline.buckets]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    for before, after in zip(timeline.buckets, timeline.buckets[1:]):
        assert before.end + dt.timedelta(days=1) == after.start, "buckets are contiguous"


def test_date_filter_narrows_the_counts(newsarticles_index: Path) -> None:
    with ArchiveSearcher(newsarticles_index) as searcher:
        counts = searcher.date_counts("trump", "2017-02-01", "2017-02-28")
    assert counts and all(D(2017, 2, 1) <= day <= D(2017, 2, 28) for day in counts)


def test_undated_articles_are_counted_apart(nasty_index) -> None:
    index_dir, _ = nasty_index
    with ArchiveSearcher(index_dir) as searcher:
        timeline = build_timeline(searcher.date_counts('"bike lanes"'))
    assert timeline.undated >= 4  # no date line, 2019-13-45, 2021-02-30, 08/09/2019
    assert timeline.unit == "century"  # 0001-01-01 to 9999-12-31
    assert timeline.buckets[0].start == D(1, 1, 1) and timeline.buckets[-1].end == D(9999, 12, 31)


@pytest.mark.parametrize("first, last, unit", [
    (D(2019, 8, 1), D(2019, 8, 14), "day"),
    (D(2019, 1, 1), D(2019, 12, 31), "week"),
    (D(2016, 4, 1), D(2017, 3, 31), "week"),
    (D(2010, 1, 1), D(2019, 12, 31), "month"),
    (D(1950, 1, 1), D(2020, 1, 1), "year"),
    (D(1790, 1, 8), D(2026, 2, 24), "decade"),
    (D(1, 1, 1), D(9999, 12, 31), "century"),
])
def test_bucket_size_follows_the_span(first, last, unit) -> None:
    assert choose_unit(first, last) == unit


def test_labels_and_empty_buckets() -> None:
    timeline = build_timeline([D(2019, 8, 8), D(2019, 8, 8), D(2019, 10, 2), None], "month")
    assert [(b.label("month"), b.count) for b in timeline.buckets] == [("Aug 2019", 2), ("Sep 2019", 0), ("Oct 2019", 1)]
    assert timeline.buckets[0].end == D(2019, 8, 31)
    assert (timeline.undated, timeline.total) == (1, 4)
    assert build_timeline([D(2019, 8, 8)], "week").buckets[0].label("week") == "2019-W32"


def test_cli_timeline_json(capsys, sotu_index: Path) -> None:
    assert main(["timeline", "slavery", "--archive", str(SOTU), "--index-dir", str(sotu_index), "--json", "--by", "year"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit"] == "year" and data["total"] == sum(b["count"] for b in data["buckets"]) + data["undated"]
    assert data["buckets"][0]["start"].endswith("-01-01")
    assert main(["timeline", "slavery", "--archive", str(SOTU), "--index-dir", str(sotu_index)]) == 0
    assert "articles match 'slavery', by decade" in capsys.readouterr().out
