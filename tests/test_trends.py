"""Trends of many names (newsfind.trends): counts per period equal a plain scan of the files."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsfind.analysis import analyse
from newsfind.archive import Article, iter_articles
from newsfind.search import ArchiveSearcher
from newsfind.timeline import bucket_start
from newsfind.trends import (
    MAX_TERMS, TermsFileError, count_trends, read_terms, read_terms_file, table_rows, trends_as_json,
)
from tests.corpora import NEWSARTICLES, read_manifest
from tests.recall import _contains

#: query → the phrases (as words) any of which an article must hold, in its title or body.
TERMS = {
    "Trump": [["Trump"]],  # a name
    "refugees": [["refugees"]],  # a word
    '"Theresa May"': [["Theresa", "May"]],  # a phrase
    'Brexit OR "European Union"': [["Brexit"], ["European", "Union"]],  # an OR-group
}


@pytest.fixture(scope="module")
def searcher(newsarticles_index: Path):
    with ArchiveSearcher(newsarticles_index) as opened:
        yield opened


@pytest.fixture(scope="module")
def scanned() -> dict[str, tuple[dt.date, set[str]]]:
    """path → (date from the manifest, the queries of TERMS it matches), read from the files."""
    dates = {row.file: row.date for row in read_manifest("newsarticles").values()}
    wanted = {query: [[term for word in phrase for term, *_ in analyse(word)] for phrase in phrases]
              for query, phrases in TERMS.items()}
    found = {}
    for item in iter_articles(NEWSARTICLES):
        if isinstance(item, Article):
            fields = [[term for term, *_ in analyse(text)] for text in (item.title, item.body)]
            found[item.path] = (dates[item.path], {query for query, phrases in wanted.items()
                                                   if any(_contains(terms, words) for words in phrases
                                                          for terms in fields)})
    return found


def scanned_counts(scanned, query: str | None, unit: str) -> Counter:
    return Counter(bucket_start(day, unit) for day, matched in scanned.values() if query is None or query in matched)


@pytest.mark.parametrize("unit", ["month", "year"])
def test_counts_per_period_equal_a_plain_scan_of_the_files(searcher, scanned, unit):
    trends = count_trends([searcher], read_terms("\n".join(TERMS)), unit)
    starts = [bucket.start for bucket in trends.periods]
    assert trends.unit == unit and trends.undated_articles == 0
    assert [bucket.count for bucket in trends.periods] == [scanned_counts(scanned, None, unit)[s] for s in starts]
    assert sum(bucket.count for bucket in trends.periods) == len(read_manifest("newsarticles"))
    for term in trends.terms:
        expected = scanned_counts(scanned, term.query, unit)
        assert term.error is None and sum(expected.values()) > 5, term.query
        assert list(term.counts) == [expected[start] for start in starts], term.query


def test_periods_run_without_a_gap_from_the_first_to_the_last_article(searcher):
    trends = count_trends([searcher], read_terms("Trump"))
    manifest_dates = sorted(row.date for row in read_manifest("newsarticles").values())
    assert trends.unit == "month"  # (twelve months: the default is by month)
    assert trends.periods[0].start == manifest_dates[0].replace(day=1)
    assert trends.periods[-1].start == manifest_dates[-1].replace(day=1)
    assert all(later.start == earlier.end + dt.timedelta(days=1)
               for earlier, later in zip(trends.periods, trends.periods[1:]))
    assert 0 in [bucket.count for bucket in trends.periods]  # empty months are there, with 0


def test_normalised_is_the_share_of_the_periods_articles_in_percent(searcher):
    trends = count_trends([searcher], read_terms("Trump"), "month")
    as_json = trends_as_json(trends, normalised=True)
    raw = trends_as_json(trends)
    for key, share in as_json["terms"][0]["counts"].items():
        articles = as_json["articles"][key]
        count = raw["terms"][0]["counts"][key]
        assert share == (None if articles == 0 else pytest.approx(100 * count / articles, abs=1e-4))
    rows = table_rows(trends, normalised=True)
    assert rows[0] == ["period", "articles", "Trump (% of articles)"]
    assert [row[2] for row in rows[1:] if row[1] == "0"] == [""] * sum(1 for row in rows[1:] if row[1] == "0")


def test_a_bad_line_is_reported_with_its_number_and_the_others_are_counted(searcher):
    text = "Trump\n\n# a comment\nrefugees AND\n\"Theresa May\n  Trump  \nPutin\n"
    terms = read_terms(text)
    assert [(t.line, t.query) for t in terms.terms] == [(1, "Trump"), (4, "refugees AND"), (5, '"Theresa May'),
                                                       (7, "Putin")]
    assert terms.notes == ("line 6 repeats line 1 (“Trump”): counted once",)
    trends = count_trends([searcher], terms)
    assert [term.query for term in trends.counted] == ["Trump", "Putin"]
    assert [error.split(" ", 2)[:2] for error in trends.errors] == [["line", "4"], ["line", "5"]]
    assert "quotation mark" in trends.errors[1]


def test_a_list_longer_than_the_limit_is_cut_with_a_note():
    terms = read_terms("\n".join(f"word{n}" for n in range(MAX_TERMS + 5)))
    assert len(terms.terms) == MAX_TERMS
    assert "only the first 100 terms" in terms.notes[0]


def test_a_terms_file_in_utf16_is_read_and_a_binary_one_is_refused(tmp_path):
    listed = tmp_path / "names.txt"
    listed.write_text("Merkel\r\n=François\r\n", encoding="utf-16")
    assert [t.query for t in read_terms_file(listed).terms] == ["Merkel", "=François"]
    image = tmp_path / "image.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(TermsFileError, match="PNG image"):
        read_terms_file(image)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('ab "()*?~=:-#ORANDNOT[]TO\n\r\t\x00é中')), max_size=60))
def test_any_terms_text_is_counted_or_reported_never_a_traceback(searcher, text):
    terms = read_terms(text)
    trends = count_trends([searcher], terms, "year")
    assert len(trends.terms) == len(terms.terms)
    for term in trends.terms:
        assert term.error is None or term.error.startswith(f"line {term.line} (“")
        assert term.error is not None or sum(term.counts) + term.undated <= searcher.doc_count


@settings(max_examples=40)
@given(st.binary(max_size=200))
def test_any_terms_file_is_read_or_refused_with_a_reason(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("terms") / "terms.txt"
    path.write_bytes(raw)
    try:
        read_terms_file(path)
    except TermsFileError as error:
        assert "terms.txt" in str(error)
