"""Bylines: what is read as authors, what is not, and no false authors in the real corpora."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfind.archive import Article, iter_articles, paragraph_spans
from newsfind.byline import Byline, find_byline, parse_byline
from newsfind.reference import PersonName
from tests.corpora import NASTY, NEWSARTICLES, SOTU

P = PersonName


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Doe", (P("Jane", "Doe"),)),
        ("by Jane Doe", (P("Jane", "Doe"),)),
        ("By: Jane Doe", (P("Jane", "Doe"),)),
        ("By Jane Doe.", (P("Jane", "Doe"),)),
        ("By Jane Doe, Associated Press", (P("Jane", "Doe"),)),
        ("By JANE DOE and JOHN ROE", (P("Jane", "Doe"), P("John", "Roe"))),
        ("By Jane Doe | Staff Writer", (P("Jane", "Doe"),)),
        ("By Jane Doe|CNN", (P("Jane", "Doe"),)),
        ("By Jane Doe/AP", (P("Jane", "Doe"),)),
        ("By Dr. Jane Doe and Prof. Richard Roe", (P("Jane", "Doe"), P("Richard", "Roe"))),
        ("By Élodie Durand and José García", (P("Élodie", "Durand"), P("José", "García"))),
        ("BY ÉLODIE DURAND", (P("Élodie", "Durand"),)),
        ("By Jane Doe - BBC News", (P("Jane", "Doe"),)),
        ("By Jane Doe — The Guardian", (P("Jane", "Doe"),)),
        ("By Jane Doe, for The Guardian", (P("Jane", "Doe"),)),
        ("By Jane Doe and Richard Roe, The Washington Post", (P("Jane", "Doe"), P("Richard", "Roe"))),
        ("By Jane Doe, Richard Roe, and Sam Poe", (P("Jane", "Doe"), P("Richard", "Roe"), P("Sam", "Poe"))),
        (
            "By Jean-Paul Sartre, Ana de la Cruz & Ahmed al-Masri",
            (P("Jean-Paul", "Sartre"), P("Ana", "Cruz", "de la"), P("Ahmed", "Masri", "al-")),
        ),
        ("BY J. R. R. TOLKIEN", (P("J. R. R.", "Tolkien"),)),
        ("By J.R.R. Tolkien", (P("J.R.R.", "Tolkien"),)),
        ("By Martin Luther King Jr.", (P("Martin Luther", "King", suffix="Jr."),)),
        ("By Martin Luther King, Jr., Associated Press", (P("Martin Luther", "King", suffix="Jr."),)),
        ("By John Smith III and Jane Doe", (P("John", "Smith", suffix="III"), P("Jane", "Doe"))),
        ("By Bill de Blasio", (P("Bill", "Blasio", "de"),)),
        ("BY BILL DE BLASIO", (P("Bill", "Blasio", "de"),)),
        ("BY AHMED AL-MASRI", (P("Ahmed", "Masri", "al-"),)),
        ("By Robert De Niro", (P("Robert", "Niro", "De"),)),
        ("By Ursula K. Le Guin", (P("Ursula K.", "Guin", "Le"),)),
        ("By Ruth St. Denis", (P("Ruth", "Denis", "St."),)),
        ("By Mohammed bin Salman", (P("Mohammed", "Salman", "bin"),)),
        ("By Vincent van der Berg", (P("Vincent", "Berg", "van der"),)),
        ("By JANE O'NEIL", (P("Jane", "O'Neil"),)),
        ("By Jane O’Neil", (P("Jane", "O’Neil"),)),
        ("BY ANGUS MCDONALD", (P("Angus", "Mcdonald"),)),
        ("By Matt McGrath, BBC environment correspondent", (P("Matt", "McGrath"),)),
        ("By Ivan Oransky, New York University and Adam Marcus, Johns Hopkins University", (P("Ivan", "Oransky"),)),
        # Without "and" the part after a comma is read as an affiliation.
        ("By Jane Doe, Richard Roe", (P("Jane", "Doe"),)),
        # Agencies: corporate authors.
        ("By Reuters", (P("", "Reuters"),)),
        ("By The Associated Press", (P("", "Associated Press"),)),
        ("BY AP", (P("", "Associated Press"),)),
        ("By Jane Doe and Reuters", (P("Jane", "Doe"), P("", "Reuters"))),
        ("By Jane Doe, Reuters", (P("Jane", "Doe"),)),
    ],
)
def test_parse_byline(line: str, authors: tuple[PersonName, ...]) -> None:
    assert parse_byline(line) == authors


@pytest.mark.parametrize(
    "line",
    [
        # Real first sentences in the sotu corpus.
        "By June 7 the cutting of the last Cuban cable isolated the island.",
        "By Article XII of the general act of Brussels, signed July 2, 1890, the powers agreed",
        "By January 1976 we were headed in a new direction",
        "By then, it was too late.",
        "By the way",
        "By Wednesday night the fires had spread",
        "By the year 2000, every child must start school ready to learn.",
        # Real paragraphs in newsarticles.
        "By working together, we'll create better world",
        "By tradition, the crews will be treated to roasted suckling pigs",
        "By 2020 the new brand will be familiar to every third Russian citizen",
        # One word, phrases, title case.
        "By June",
        "By Monday",
        "By Monday Night",
        "By Staff",
        "By Staff Writer",
        "By Our Correspondent",
        "By Cher",
        "By Design",
        "By Land and Sea",
        "By Land, Sea and Air",
        "By The Numbers",
        "By Any Means Necessary",
        "By Summer's End",
        "By Royal Appointment",
        "By Jane Doe and friends",
        "By Jane Doe and 3 others",
        "By Guardian staff and agencies",
        "By A Long Shot",
        "By",
        "By ",
        "Byron Smith",
        "Jane Doe",
        "Written by Jane Doe",
        "By Jane Doe: a profile",
        "By Jane Doe in Paris",
        "By Dr. Doe",
        "By Ana Maria Luisa de la Cruz Gomez",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_find_byline_after_a_headline() -> None:
    body = "Fires spread in the north\n\nBy JANE DOE and JOHN ROE, Associated Press\n\nThe fires spread overnight."
    byline = find_byline(body)
    assert byline == Byline((P("Jane", "Doe"), P("John", "Roe")), (27, 69))
    assert body[slice(*byline.span)] == "By JANE DOE and JOHN ROE, Associated Press"
    assert byline.span in paragraph_spans(body)


def test_find_byline_first_or_third_paragraph() -> None:
    assert find_byline("By Jane Doe\n\nText.").span == (0, 11)
    body = "  Headline\n\nStandfirst here.\n\n  By Jane Doe  \n\nText."
    assert body[slice(*find_byline(body).span)] == "By Jane Doe"


def test_find_byline_only_in_whole_short_paragraphs_near_the_top() -> None:
    assert find_byline("Headline\n\nOne.\n\nTwo.\n\nBy Jane Doe\n\nText.") is None  # fourth paragraph
    assert find_byline("Headline\nBy Jane Doe\n\nText.") is None  # a line inside a paragraph
    assert find_byline("By Jane Doe\nText goes on.") is None
    assert find_byline("By Jane Doe, " + "x" * 120 + "\n\nText.") is None  # too long
    assert find_byline("By Jane Doe Text of the article runs on from here.") is None
    assert find_byline("") is None


def test_find_byline_in_a_long_body() -> None:
    body = "Headline\n\nBy Jane Doe\n\n" + "word " * 300_000
    assert find_byline(body).authors == (P("Jane", "Doe"),)
    long_first = "word " * 2000 + "\n\nBy Jane Doe\n\nText."  # the byline lies past the first 4,096 characters
    assert find_byline(long_first).authors == (P("Jane", "Doe"),)


# --------------------------------------------------------------------------
# The real corpora

#: Sentences in newsarticles that start with a byline run into the article text
#: (the corpus has one paragraph per article, so none is a byline paragraph).
#: "ProPublica" has no comma before it and is read as part of the name.
NEWSARTICLES_RUN_IN_BYLINES = {
    "0407": ["Georgina Rannard"],
    "0599": ["Ivan Oransky"],
    "0785": ["Melissa Mackey"],
    "1575": ["Richard Galpin"],
    "1662": ["Jeanne Sahadi"],
    "2637": ["Matt McGrath"],
    "2795": ["Robert Faturechi ProPublica"],
    "2865": ["Nicholas Witchell"],
    "3585": ["Alex Therrien"],
}
_BY_SENTENCE = re.compile(r"(?:\A|(?<=[.!?] )|(?<=\n))By [^\n.,;:!?]{1,116}[.,;:!?]?", re.IGNORECASE)


def _articles(folder: Path) -> list[Article]:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    return [item for item in iter_articles(folder) if isinstance(item, Article)]


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[Article]]:
    return {folder.name: _articles(folder) for folder in (NEWSARTICLES, SOTU, NASTY)}


def test_no_byline_paragraph_in_the_shared_corpora(corpora: dict[str, list[Article]]) -> None:
    assert len(corpora["newsarticles"]) == 3784
    assert len(corpora["sotu"]) == 249
    found = {
        name: [(article.path, byline) for article in articles if (byline := find_byline(article.body))]
        for name, articles in corpora.items()
    }
    assert found == {"newsarticles": [], "sotu": [], "nasty": []}


def test_by_sentences_of_the_corpora_read_as_genuine_bylines_only(corpora: dict[str, list[Article]]) -> None:
    """Every sentence of every article that starts with "By", read as if it were a byline line."""
    found: dict[str, dict[str, list[str]]] = {}
    for name, articles in corpora.items():
        for article in articles:
            for match in _BY_SENTENCE.finditer(article.body):
                authors = parse_byline(match.group())
                if authors:
                    found.setdefault(name, {})[article.path[:4]] = [author.full for author in authors]
    assert found == {"newsarticles": NEWSARTICLES_RUN_IN_BYLINES}


# --------------------------------------------------------------------------
# Properties

#: Byline-like lines: name words, particles, initials, suffixes, separators and noise.
_BYLINE_WORDS = st.sampled_from(
    "Jane DOE Roe de la al-Masri J. J.R. Jr. III O'Neil Jean-Paul Reuters and & , | - the 7 x Monday".split()
)
_BYLINE_TEXT = st.lists(_BYLINE_WORDS, max_size=10).map(" ".join)
_BODIES = st.one_of(
    st.text(max_size=300),
    st.builds("{}{}".format, st.sampled_from(["By ", "BY ", "by:"]), _BYLINE_TEXT),
    st.builds("{}\n\n{}\n\n{}".format, st.text(max_size=40), _BYLINE_TEXT.map("By {}".format), st.text(max_size=40)),
)


@given(_BODIES)
def test_find_byline_on_any_text(body: str) -> None:
    byline = find_byline(body)
    if byline is None:
        return
    start, end = byline.span
    assert 0 <= start < end <= len(body)
    assert body[start:end].lower().startswith("by")
    assert byline.span in paragraph_spans(body)[:3]
    assert byline.authors and all(author.family for author in byline.authors)


@given(st.text(max_size=150))
def test_parse_byline_never_raises(line: str) -> None:
    authors = parse_byline(line)
    assert authors is None or all(author.family for author in authors)
