"""Whatever is typed, a search answers or says what to fix: never a traceback.

Queries are drawn from an alphabet of Whoosh's syntax (words, quotes,
brackets, operators, wildcards, fuzzy and boost marks, field names, dates and
date ranges, lone surrogates, emoji, very long input) and run through
ArchiveSearcher.search() and date_counts() over 300 newsarticles; the cases
once found by hand are pinned as examples.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfind.cancellation import SearchCancelled
from newsfind.index import update_index
from newsfind.query import MAX_QUERY_CHARS
from newsfind.search import ArchiveSearcher, QueryError
from tests.corpora import NEWSARTICLES

WORDS = ["police", "trump", "refugees", "germany", "climate", "change", "year", "state", "the", "a",
         "immigra", "goverment", "polcie", "zzqx", "o'rourke", "u.s", "covid-19", "2017", "médiathèque",
         "мост", "浚渫", "疏浚", "😀", "\ud800", "\udfff", "\ufffd", "\x00", "ĳ"]
SYNTAX = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "and", "or", "not", '"', "(", ")", "[", "]", "{",
          "}", "*", "?", "~", "~2", "~9", "^", "^2", ":", "<", ">", "<=", ">=", "=", "-", "+", "'", "\\",
          "/", ",", ".", "!", "&", "|", "title:", "body:", "date:", "path:", "author:", "TITLE:", "http://"]
DATES = ["2017", "2017-03", "2017-03-01", "2016-13", "2017-02-30", "0000", "9999-12-31", "17", "[2016 TO 2017]",
         "[2017-01 TO 2016-01]", "[2016 TO]", "[TO 2017]", "{2016 TO 2017}", ">2017-03-01", "<2016", ">=2017",
         "<=2016", "*"]
TOKEN = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(SYNTAX),
    st.sampled_from(DATES).map(lambda d: "date:" + d),
    st.text(max_size=4),  # anything at all, control characters included
    st.integers(1, 1200).map(lambda n: "a" * n))
QUERY = st.lists(st.tuples(TOKEN, st.sampled_from(["", " ", "  "])), max_size=12).map(
    lambda parts: "".join(token + gap for token, gap in parts))
FOUND_BY_HAND = ["< ", "NOT AND ", "NOT NOT NOT", "<script>alert(1)</script>", "\ud800~", "police ANDNOT",
                 "*", "*a*", "*a* OR *e*", "a* b* c* d*", "a" * 1000, "a" * 2000, "date:2017", "date:<",
                 "NOT police", "title:", "((", "date:[2016 TO", 'a"b"c"', "police^x", "police~x", ":", "date:"]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory):
    archive = tmp_path_factory.mktemp("query-robustness") / "archive"
    archive.mkdir()
    for path in sorted(NEWSARTICLES.glob("*.txt"))[:300]:
        shutil.copy2(path, archive / path.name)
    index_dir = archive.parent / "index"
    update_index(archive, index_dir)
    with ArchiveSearcher(index_dir) as opened:
        yield opened


def answer_or_explain(searcher: ArchiveSearcher, query: str) -> None:
    for ask in (lambda: searcher.search(query, page_size=5),
                lambda: searcher.date_counts(query, date_from="2016", date_to="2017-06")):
        try:
            ask()
        except QueryError as error:
            message = str(error)
            assert message and "\n" not in message and "Traceback" not in message
            assert len(message) < MAX_QUERY_CHARS + 200


@settings(max_examples=1500, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=QUERY)
def test_any_query_answers_or_says_what_to_fix(searcher: ArchiveSearcher, query: str) -> None:
    answer_or_explain(searcher, query)


@pytest.mark.parametrize("query", FOUND_BY_HAND)
def test_the_queries_that_once_failed(searcher: ArchiveSearcher, query: str) -> None:
    answer_or_explain(searcher, query)


@pytest.mark.parametrize("query, message", [
    ("< ", "type one or more words"),
    ("NOT AND", "“NOT” needs a word after it"),
    ("NOT NOT NOT", "“NOT” needs a word after it"),
    ("police ANDNOT", "“ANDNOT” needs a word on each side"),
    ("OR police", "“OR” needs a word on each side"),
    ("police AND (fire OR)", "“OR” needs a word on each side"),
    ("date:<", "needs a value after it"),
    ("date:hello", "“hello” is not a date"),
    ("date:2017-13", "“2017-13” is not a date"),
    ("a" * 1001, "shorten it to at most 1,000"),
    (" ".join(f"w{i}*" for i in range(13)), "use at most 12"),
])
def test_a_refused_query_says_what_to_fix(searcher: ArchiveSearcher, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        searcher.search(query)


def test_markup_and_a_lone_surrogate_are_searched_as_words(searcher: ArchiveSearcher) -> None:
    assert searcher.search("<b>police</b>").total == searcher.search("police").total > 0
    # A lone surrogate becomes U+FFFD, which is no letter: the query is "police".
    assert searcher.search("police \ud800").total == searcher.search("police").total


def test_a_lone_not_finds_every_article_without_the_word(searcher: ArchiveSearcher) -> None:
    everything = searcher.search("*").total
    assert everything == searcher.doc_count
    with_police = searcher.search("police").total
    assert searcher.search("NOT police").total == searcher.search("-police").total == everything - with_police


def test_a_pattern_standing_for_too_many_words_is_cut_and_said(searcher: ArchiveSearcher) -> None:
    result = searcher.search("*e*")
    assert result.total > 0
    [note] = result.notes  # one note for the pattern, though it was searched in headlines and text
    found = re.fullmatch(r"\*e\* matches ([\d,]+) words: searched the first 500 \(alphabetically\)", note)
    assert found and int(found.group(1).replace(",", "")) > 500
    assert not searcher.search("immigra*").notes


def test_a_cancelled_search_stops_at_its_next_check(searcher: ArchiveSearcher) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1

    with pytest.raises(SearchCancelled):
        searcher.search("*a*", cancelled=cancelled)
    with pytest.raises(SearchCancelled):
        searcher.date_counts("*", cancelled=lambda: True)
    assert searcher.search("police").total > 0  # the searcher is fine afterwards


def test_an_empty_index_answers_patterns_and_suggestions(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # not text: nothing is indexed
    update_index(archive, tmp_path / "index")
    with ArchiveSearcher(tmp_path / "index") as searcher:
        assert searcher.doc_count == 0
        for query in ("polcie", "*a*", "police~", "immigra*", '"year state"', "*", "NOT police"):
            assert searcher.search(query).total == 0
