"""Every documented query means what its documentation says, on newsarticles.

Each example of the README's table and of Help → Search syntax (one list,
newsfind.query_help.SYNTAX), and each variant its explanation mentions, is
run through the searcher and compared with a count made without the index:
dates from the corpus manifest, words from the article files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from whoosh.support.levenshtein import damerau_levenshtein

from newsfind.analysis import analyse, stem
from newsfind.archive import read_article, scan_archive
from newsfind.query_help import SYNTAX, readme_table, syntax_help
from newsfind.search import ArchiveSearcher
from tests.corpora import NEWSARTICLES, read_manifest

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Facts:
    """What a reader sees in one article, worked out without the index."""

    date: dt.date | None
    title_terms: list[str]
    body_terms: list[str]
    written_words: set[str]  #: every word as written, lower case

    def has(self, word: str) -> bool:
        return stem(word.lower()) in self.title_terms or stem(word.lower()) in self.body_terms

    def has_phrase(self, *words: str) -> bool:
        wanted = [stem(word) for word in words]
        return any(terms[i:i + len(wanted)] == wanted
                   for terms in (self.title_terms, self.body_terms) for i in range(len(terms)))

    def has_near(self, word: str, edits: int) -> bool:
        target = stem(word)
        return any(term[0] == target[0] and damerau_levenshtein(term, target) <= edits
                   for term in set(self.title_terms) | set(self.body_terms))


@pytest.fixture(scope="module")
def facts() -> dict[str, Facts]:
    manifest = read_manifest("newsarticles")
    found = {}
    for entry in scan_archive(NEWSARTICLES).files:
        article = read_article(entry)
        text = f"{article.title}\n{article.body}".lower()
        found[entry.path] = Facts(
            date=manifest[entry.path].date,
            title_terms=[term for term, *_ in analyse(article.title)],
            body_terms=[term for term, *_ in analyse(article.body)],
            written_words=set(re.findall(r"\w+", text)))
    return found


@pytest.fixture(scope="module")
def searcher(newsarticles_index: Path):
    with ArchiveSearcher(newsarticles_index) as opened:
        yield opened


def year(facts: Facts) -> int | None:
    return facts.date.year if facts.date else None


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


#: Every documented query, and what it must find, article by article.
MEANINGS: dict[str, Callable[[Facts], bool]] = {
    "refugees germany": lambda f: f.has("refugees") and f.has("germany"),
    "trump OR clinton": lambda f: f.has("trump") or f.has("clinton"),
    "trump NOT clinton": lambda f: f.has("trump") and not f.has("clinton"),
    "trump -clinton": lambda f: f.has("trump") and not f.has("clinton"),
    "NOT clinton": lambda f: not f.has("clinton"),
    "-clinton": lambda f: not f.has("clinton"),
    '"climate change"': lambda f: f.has_phrase("climate", "change"),
    "(tax OR budget) AND congress": lambda f: (f.has("tax") or f.has("budget")) and f.has("congress"),
    "immigra*": lambda f: any(word.startswith("immigra") for word in f.written_words),
    "imigration~": lambda f: f.has_near("imigration", 1),
    "imigration~2": lambda f: f.has_near("imigration", 2),
    "=François": lambda f: "françois" in f.written_words,
    "=Franç*": lambda f: any(word.startswith("franç") for word in f.written_words),
    "title:brexit": lambda f: stem("brexit") in f.title_terms,
    "date:2017": lambda f: year(f) == 2017,
    "date:2017-03": lambda f: f.date is not None and (f.date.year, f.date.month) == (2017, 3),
    "date:2017-03-02": lambda f: f.date == day("2017-03-02"),
    "date:[2016 TO 2017]": lambda f: year(f) in (2016, 2017),
    "date:[2016 TO 2016]": lambda f: year(f) == 2016,
    "date:[2016-04 TO 2016-04]": lambda f: f.date is not None and (f.date.year, f.date.month) == (2016, 4),
    "date:[2017-01-01 TO 2017-01-31]": lambda f: f.date is not None and day("2017-01-01") <= f.date <= day("2017-01-31"),
    "date:>2017-03-01": lambda f: f.date is not None and f.date > day("2017-03-01"),
    "date:>=2017-03-01": lambda f: f.date is not None and f.date >= day("2017-03-01"),
    "date:<2017": lambda f: f.date is not None and f.date.year < 2017,
    "date:<=2017": lambda f: f.date is not None and f.date.year <= 2017,
    "date:<2016": lambda f: f.date is not None and f.date.year < 2016,
    "date:>2016": lambda f: f.date is not None and f.date.year > 2016,
    "*": lambda f: True,
}


#: Articles before 2016: none in newsarticles (its first is from April 2016).
NOTHING_IN_NEWSARTICLES = ("date:<2016",)


def test_every_documented_example_is_checked() -> None:
    assert {example for example, _ in SYNTAX} <= set(MEANINGS)
    mentioned = {variant for _, meaning in SYNTAX for variant in re.findall(r"(?:also: |\()(\S+?:?\S*)[;:)]", meaning)}
    assert {m for m in mentioned if m not in ("also",)} - set(MEANINGS) <= set(), mentioned


def test_the_readme_and_the_help_show_the_same_table() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme_table() in readme
    for example, meaning in SYNTAX:
        assert f"{example}  —  {meaning}" in syntax_help()


@pytest.mark.parametrize("query", list(MEANINGS))
def test_a_documented_query_finds_exactly_what_it_says(searcher: ArchiveSearcher, facts: dict[str, Facts],
                                                       query: str) -> None:
    expected = {path for path, article in facts.items() if MEANINGS[query](article)}
    result = searcher.search(query, page_size=10_000, snippets=False)
    found = {hit.path for hit in result.hits}
    assert result.total == len(found)
    assert found == expected, (len(found), len(expected), sorted(found ^ expected)[:5])
    assert expected or query in NOTHING_IN_NEWSARTICLES, "an example that finds nothing here proves little"
