"""The concordance: every occurrence a query matches, as a plain scan of the files
finds it, in date order, with the offsets `show` prints and the citations' paragraphs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfind.analysis import analyse
from newsfind.archive import Article, iter_articles
from newsfind.cancellation import SearchCancelled
from newsfind.cite import CiteSource, cite
from newsfind.concordance import (
    articles_counted, cite_lines, concordance, merged_concordance, occurrences_text, sort_lines,
)
from newsfind.index import update_index
from newsfind.search import ArchiveSearcher, QueryError
from tests.corpora import NEWSARTICLES, copy_sotu


@pytest.fixture(scope="module")
def news(newsarticles_index: Path):
    with ArchiveSearcher(newsarticles_index, archive_root=str(NEWSARTICLES)) as opened:
        yield opened


@pytest.fixture(scope="module")
def scanned() -> dict[str, tuple[Article, list[tuple[str, int, int, int]]]]:
    """Every newsarticles file read and analysed as the indexer does: path → (article, terms)."""
    return {item.path: (item, list(analyse(item.body))) for item in iter_articles(NEWSARTICLES)
            if isinstance(item, Article)}


@pytest.fixture(scope="module")
def sotu(tmp_path_factory: pytest.TempPathFactory):
    """20 State of the Union addresses: many paragraphs, a headline line each."""
    root = copy_sotu(tmp_path_factory.mktemp("sotu-archive") / "sotu", 20, start=200)
    index_dir = tmp_path_factory.mktemp("sotu-index")
    update_index(root, index_dir)
    with ArchiveSearcher(index_dir, archive_root=str(root)) as opened:
        yield opened


def _term(word: str) -> str:
    return next(term for term, *_ in analyse(word))


def _word_spans(terms, word: str) -> list[tuple[int, int]]:
    wanted = _term(word)
    return [(start, end) for term, _, start, end in terms if term == wanted]


def _phrase_spans(terms, phrase: str) -> list[tuple[int, int]]:
    words = [term for term, *_ in analyse(phrase)]
    at = {(term, position): (start, end) for term, position, start, end in terms}
    spans = []
    for term, position, start, _ in terms:
        if term == words[0] and all((w, position + n) in at for n, w in enumerate(words[1:], start=1)):
            spans.append((start, at[(words[-1], position + len(words) - 1)][1]))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


#: query → the spans a plain scan finds in an article's terms (empty: the article does not match).
SCANS = {
    "refugees": lambda terms: _word_spans(terms, "refugees"),
    "running": lambda terms: _word_spans(terms, "running"),  # stemmed: run, runs, running
    '"prime minister"': lambda terms: _phrase_spans(terms, "prime minister"),
    '"state of the union"': lambda terms: _phrase_spans(terms, "state of the union"),
    "trump OR clinton": lambda terms: _merged(_word_spans(terms, "trump") + _word_spans(terms, "clinton")),
    "refugees germany": lambda terms: _merged(_word_spans(terms, "refugees") + _word_spans(terms, "germany"))
    if _word_spans(terms, "refugees") and _word_spans(terms, "germany") else [],
    "trump NOT clinton": lambda terms: [] if _word_spans(terms, "clinton") else _word_spans(terms, "trump"),
}


@pytest.mark.parametrize("query", list(SCANS))
def test_every_occurrence_a_plain_scan_finds_is_a_line(news, scanned, query: str) -> None:
    lines = list(concordance(news, query))
    expected = {(path, span) for path, (_, terms) in scanned.items() for span in SCANS[query](terms)}
    assert {(line.path, (line.start, line.end)) for line in lines} == expected
    assert len(lines) == len(expected) > 0  # each occurrence once
    for line in lines[:300]:
        assert scanned[line.path][0].body[line.start:line.end] == line.match


def test_a_line_is_what_the_reading_pane_marks(news) -> None:
    lines = list(itertools.islice(concordance(news, 'immigra* OR "white house"'), 400))
    for article_id, group in itertools.groupby(lines, key=lambda line: line.id):
        group = list(group)
        assert [(line.start, line.end) for line in group] == news.match_offsets(article_id, 'immigra* OR "white house"')[:len(group)]


def test_lines_come_oldest_first_undated_last_and_sort_by_the_words_around(news) -> None:
    lines = list(concordance(news, "refugees"))
    dates = [line.date for line in lines]
    dated = [date for date in dates if date is not None]
    assert dated == sorted(dated) and dates[:len(dated)] == dated
    by_left = sort_lines(lines, "left")
    lefts = [line.left.split()[-1].lower().strip(".,\"'“”’") for line in by_left if line.left.split()]
    assert sum(a > b for a, b in zip(lefts, lefts[1:]) if a.isalpha() and b.isalpha()) == 0
    by_right = sort_lines(lines, "right")
    rights = [line.right.split()[0].lower() for line in by_right if line.right.split()]
    assert sum(a > b for a, b in zip(rights, rights[1:]) if a.isalpha() and b.isalpha()) == 0
    assert sorted(by_left, key=lambda line: (line.id, line.start)) == sorted(lines, key=lambda line: (line.id, line.start))
    assert occurrences_text(len(lines), articles_counted(lines)) == \
        f"{len(lines):,} occurrences in {len({line.id for line in lines}):,} articles"


def test_context_stays_in_the_paragraph_and_shows_whole_words(sotu) -> None:
    for line in itertools.islice(concordance(sotu, "congress", context=50), 300):
        article = sotu.article(line.id)
        start, end = line.passage
        assert article.body[start:end] == line.left + line.match + line.right
        assert "\n\n" not in line.left + line.right
        assert len(line.left) <= 50 and len(line.right) <= 50
        assert not (start > 0 and article.body[start - 1].isalnum() and article.body[start].isalnum())
        assert not (end < len(article.body) and article.body[end - 1].isalnum() and article.body[end].isalnum())


def test_paragraph_numbers_are_the_citations(sotu) -> None:
    lines = list(concordance(sotu, '"united states" OR congress'))
    assert {line.paragraph for line in lines} > {1, 2}
    for line in lines[::7]:
        article = sotu.article(line.id)
        citation = cite(article, line.start, line.end, "apa", CiteSource(sotu.archive_root)).text
        assert f"para. {line.paragraph})" in citation
        # the headline line is not a paragraph: ¶ 1 is the first after it
        spans = article.paragraphs[1:]
        assert line.paragraph == 1 + sum(1 for start, _ in spans if start <= line.start) - 1


def test_a_line_copies_with_its_citation(sotu) -> None:
    lines = list(itertools.islice(concordance(sotu, "liberty"), 2))
    citation, left_out = cite_lines(lines, lambda line: sotu.article(line.id), "plain",
                                    lambda root: CiteSource(root))
    assert left_out == 0
    for line in lines:
        words = " ".join((line.left + line.match + line.right).split())
        assert words.replace("'", "’").replace('"', "") in citation.text.replace('"', "").replace("“", "").replace("”", "")
        assert f"¶ {line.paragraph}" in citation.text
    assert citation.html.count("<blockquote") + citation.html.count("“") >= 2


def test_several_archives_merge_by_date(news, sotu) -> None:
    lines = list(merged_concordance([sotu, news], "president"))
    assert len(lines) == len(list(concordance(news, "president"))) + len(list(concordance(sotu, "president")))
    dated = [line.date for line in lines if line.date]
    assert dated == sorted(dated)
    assert {line.archive for line in lines} == {news.archive_root, sotu.archive_root}


def test_a_superseded_concordance_stops(news) -> None:
    asked = itertools.count()
    lines = concordance(news, "trump OR clinton", cancelled=lambda: next(asked) > 50)
    with pytest.raises(SearchCancelled):
        list(lines)
    with pytest.raises(SearchCancelled):
        next(concordance(news, "trump", cancelled=lambda: True))


def test_a_query_that_marks_no_words_has_no_lines(news) -> None:
    assert list(concordance(news, "date:2017")) == []
    assert list(concordance(news, "zzzqqqxx")) == []


@settings(max_examples=60)
@given(st.lists(st.one_of(st.sampled_from(["OR", "NOT", "AND", "title:", "date:", "liberty", '"', "=", "*"]),
                          st.text(alphabet='ab "()*~=:-?!^[]{}&|\\/Éé', max_size=4)), max_size=6).map(" ".join))
def test_odd_query_text_gives_lines_or_a_clear_error(sotu, text: str) -> None:
    try:
        lines = list(itertools.islice(concordance(sotu, text), 200))
    except QueryError as error:
        assert str(error) and "Traceback" not in str(error)
        return
    for line in lines:
        assert line.match and line.start < line.end
