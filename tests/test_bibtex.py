"""BibTeX and biblatex entries: exact text, and what BibTeX's own rules make of it.

Every entry is read back by pybtex in strict mode (a warning is an error) and
typeset by pybtex's port of plain.bst, which lower-cases titles as plain.bst's
change.case$ "t" does: so an unbalanced brace, a name split in two or a
capital lost shows here as it would in a reader's bibliography.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

import pybtex.errors
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

from newsfind.bibtex import DIALECTS, bibtex_entry, bibtex_key, single_line, unique_keys
from newsfind.reference import PersonName, Reference

SEED_TITLE = (
    "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,"
    " arresting 680 suspected undocumented immigrants"
)
SEED = Reference("3cd96423f81a94b2", SEED_TITLE, dt.date(2019, 8, 8), "000_3cd96423f81a94b2.txt")
NOTE = "file: 000_3cd96423f81a94b2.txt, ¶ 1"
PASSAGE = "raided a series of food-processing plants in Mississippi"
URI = "file:///archive/000_3cd96423f81a94b2.txt"
PUBLICATION = "The Clarion-Ledger"
AUTHORS = (PersonName("Jane", "Doe"), PersonName("Bill", "Blasio", particle="de"),
           PersonName("John", "Smith", suffix="Jr."))

PROTECTED_SEED_TITLE = (
    "  title = {Immigration officials on {Wednesday} raided a series of food-processing plants in {Mississippi},"
    " arresting 680 suspected undocumented immigrants},\n"
)

PLAIN = find_plugin("pybtex.style.formatting", "plain")()


@pytest.fixture(autouse=True)
def strict_pybtex():
    """pybtex raises on what it would otherwise only warn about (a name with too many commas...)."""
    pybtex.errors.set_strict_mode(True)
    yield
    pybtex.errors.set_strict_mode(False)


def seed(**changes) -> Reference:
    return dataclasses.replace(SEED, **changes)


#: pybtex reads LaTeX with latexcodec, whose table (3.0.1) lacks four of the LaTeX
#: kernel's text symbols and leaves them as they are ("\\textbraceleft x"); this is
#: what LaTeX prints for them.
_KERNEL_SYMBOLS = {"textbraceleft": "{", "textbraceright": "}", "textasciicircum": "^", "$": "$"}
_CONTROL_SEQUENCE = re.compile(r"\\([a-zA-Z]+|.)(\{\})?", re.DOTALL)


def _through_pybtex(latex: str, render: Callable[[str], str]) -> str:
    """render(latex), the kernel symbols passed through it as private-use characters
    (none that the text holds), so that pybtex's reader neither shows nor parses them."""
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in latex)
    stand_ins: dict[str, str] = {}

    def stand_in(match: re.Match) -> str:
        symbol = _KERNEL_SYMBOLS.get(match.group(1))
        return stand_ins.setdefault(symbol, next(free)) if symbol else match.group()

    text = render(_CONTROL_SEQUENCE.sub(stand_in, latex))
    for symbol, char in stand_ins.items():
        text = text.replace(char, symbol)
    return text


def typeset(latex: str) -> str:
    """Field text as LaTeX prints it, through pybtex's LaTeX reader."""
    return _through_pybtex(latex, lambda text: Text.from_latex(text).render_as("text"))


def plain_bst(entry: str) -> str:
    """The entry parsed (strict) and formatted by pybtex's plain style, as plain text."""
    def render(text: str) -> str:
        [formatted] = PLAIN.format_bibliography(parse_string(text, "bibtex"))
        return formatted.text.render_as("text")
    return _through_pybtex(entry, render)


def fields(entry: str) -> dict[str, str]:
    """The entry's fields as pybtex reads them (strict), LaTeX still in them."""
    [parsed] = parse_string(entry, "bibtex").entries.values()
    return dict(parsed.fields)


# --------------------------------------------------------------------------
# Exact entries


def test_seed_without_publication_is_misc():
    assert bibtex_entry(SEED, note=NOTE, annote=PASSAGE) == (
        "@misc{immigration20193cd964,\n"
        + PROTECTED_SEED_TITLE
        + "  year = {2019},\n"
        "  month = aug,\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1},\n"
        "  annote = {raided a series of food-processing plants in Mississippi}\n"
        "}"
    )


def test_seed_with_publication_and_no_author_is_misc_howpublished():
    """Standard styles warn about an @article without author: @misc prints the newspaper all the same."""
    entry = bibtex_entry(seed(publication=PUBLICATION, uri=URI), note=NOTE)
    assert entry == (
        "@misc{immigration20193cd964,\n"
        + PROTECTED_SEED_TITLE
        + "  howpublished = {The Clarion-Ledger},\n"
        "  year = {2019},\n"
        "  month = aug,\n"
        "  url = {file:///archive/000_3cd96423f81a94b2.txt},\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1}\n"
        "}"
    )
    assert plain_bst(entry) == (
        f"{SEED_TITLE}. The Clarion-Ledger, August 2019. file: 000_3cd96423f81a94b2.txt, ¶ 1. URL: {URI}."
    )


def test_seed_with_authors_and_publication_is_article():
    entry = bibtex_entry(seed(publication=PUBLICATION, uri=URI, authors=AUTHORS), note=NOTE, annote=PASSAGE)
    assert entry == (
        "@article{immigration20193cd964,\n"
        "  author = {Doe, Jane and de Blasio, Bill and Smith, Jr., John},\n"
        + PROTECTED_SEED_TITLE
        + "  journal = {The Clarion-Ledger},\n"
        "  year = {2019},\n"
        "  month = aug,\n"
        "  url = {file:///archive/000_3cd96423f81a94b2.txt},\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1},\n"
        "  annote = {raided a series of food-processing plants in Mississippi}\n"
        "}"
    )
    assert plain_bst(entry) == (
        f"Jane Doe, Bill de Blasio, and John Smith, Jr. {SEED_TITLE}. The Clarion-Ledger, August 2019."
        f" file: 000_3cd96423f81a94b2.txt, ¶ 1. URL: {URI}."
    )


def test_seed_with_authors_without_publication_is_misc_with_author():
    entry = bibtex_entry(seed(authors=AUTHORS[:1]))
    assert entry == (
        "@misc{immigration20193cd964,\n"
        "  author = {Doe, Jane},\n"
        + PROTECTED_SEED_TITLE.rstrip(",\n") + ",\n"
        "  year = {2019},\n"
        "  month = aug\n"
        "}"
    )
    assert plain_bst(entry) == f"Jane Doe. {SEED_TITLE}. August 2019."


def test_undated_has_no_year_month_or_date_and_is_not_an_article():
    """plain.bst requires a year in @article; an undated article is @misc there."""
    ref = seed(date=None, publication=PUBLICATION, authors=AUTHORS[:1])
    assert bibtex_entry(ref) == (
        "@misc{immigration3cd964,\n"
        "  author = {Doe, Jane},\n"
        + PROTECTED_SEED_TITLE
        + "  howpublished = {The Clarion-Ledger}\n"
        "}"
    )
    assert bibtex_entry(ref, dialect="biblatex") == (
        "@article{immigration3cd964,\n"
        "  author = {Doe, Jane},\n"
        + PROTECTED_SEED_TITLE
        + "  journaltitle = {The Clarion-Ledger},\n"
        "  entrysubtype = {newspaper}\n"
        "}"
    )
    assert plain_bst(bibtex_entry(ref)) == f"Jane Doe. {SEED_TITLE}. The Clarion-Ledger."


def test_biblatex_with_publication_is_a_newspaper_article():
    entry = bibtex_entry(seed(publication=PUBLICATION, uri=URI, authors=AUTHORS), note=NOTE, annote=PASSAGE,
                         dialect="biblatex")
    assert entry == (
        "@article{immigration20193cd964,\n"
        "  author = {Doe, Jane and de Blasio, Bill and Smith, Jr., John},\n"
        + PROTECTED_SEED_TITLE
        + "  journaltitle = {The Clarion-Ledger},\n"
        "  entrysubtype = {newspaper},\n"
        "  date = {2019-08-08},\n"
        "  url = {file:///archive/000_3cd96423f81a94b2.txt},\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1},\n"
        "  annotation = {raided a series of food-processing plants in Mississippi}\n"
        "}"
    )
    read = fields(entry)
    assert typeset(read["title"]) == SEED_TITLE
    assert typeset(read["note"]) == NOTE
    assert "year" not in read and "month" not in read


def test_biblatex_without_publication_is_misc_with_date():
    assert bibtex_entry(SEED, note=NOTE, dialect="biblatex") == (
        "@misc{immigration20193cd964,\n"
        + PROTECTED_SEED_TITLE
        + "  date = {2019-08-08},\n"
        "  note = {file: 000\\_3cd96423f81a94b2.txt, ¶ 1}\n"
        "}"
    )


def test_unknown_dialect():
    with pytest.raises(ValueError, match="bibtex, biblatex"):
        bibtex_entry(SEED, dialect="bibtex8")


def test_keys():
    assert bibtex_key(SEED) == "immigration20193cd964"
    assert bibtex_key(seed(title="الانتخابات في مصر 2020", date=None)) == "article3cd964"
    assert bibtex_key(seed(title="Émigrés return")) == "emigres20193cd964"
    other = seed(id="3cd964ffffffffff")
    assert unique_keys([SEED, other, SEED, seed(title="Other")]) == [
        "immigration20193cd964", "immigration20193cd964-2", "immigration20193cd964-3", "other20193cd964"]
    assert bibtex_entry(SEED, key="immigration20193cd964-2").startswith("@misc{immigration20193cd964-2,\n")


# --------------------------------------------------------------------------
# Hostile titles: balanced braces, escapes, what the style prints


HOSTILE = {
    "Budget {draft cut": r"Budget \textbraceleft{}draft cut",
    "}{": r"\textbraceright{}\textbraceleft{}",
    "100% of $5 & #1_x ~ ^ \\ path": r"100\% of \$5 \& \#1\_x \textasciitilde{} \textasciicircum{} \textbackslash{} path",
    'He said "no" and \'maybe\'': 'He said "no" and \'maybe\'',
    "“Fake news,” says {Trump}": "“{Fake} news,” says \\textbraceleft{}{Trump}\\textbraceright{}",
    "الانتخابات في مصر 2020": "الانتخابات في مصر 2020",
    "Line\nbreak\r\n\tand  tabs": "Line break and tabs",
    "10\u00a0000 jobs lost": "10~000 jobs lost",
}


@pytest.mark.parametrize("title", HOSTILE)
@pytest.mark.parametrize("dialect", DIALECTS)
def test_hostile_title(title, dialect):
    ref = seed(title=title, publication="Al-Ahram {daily}", authors=AUTHORS, uri=URI)
    entry = bibtex_entry(ref, note="file: a_b/{odd}.txt, ¶ 2", annote="x } y", dialect=dialect)
    read = fields(entry)
    assert read["title"] == HOSTILE[title]
    assert typeset(read["title"]) == single_line(title)  # "~" is read as U+00A0
    assert typeset(read["note"]) == "file: a_b/{odd}.txt, ¶ 2"
    assert typeset(read["annotation" if dialect == "biblatex" else "annote"]) == "x } y"
    if dialect == "bibtex":
        # the first character is the style's to capitalise; the braced words keep their capitals
        assert plain_bst(entry).startswith(f"Jane Doe, Bill de Blasio, and John Smith, Jr. {single_line(title)}")


def test_every_field_balances_its_braces():
    """BibTeX counts every brace, escaped or not: each field must close what it opens."""
    ref = seed(title="{{{ }}} \\{ \\} { }", publication="}{", authors=(PersonName("{J", "D}oe"),), uri="file:///a/{b}")
    entry = bibtex_entry(ref, note="}", annote="{", dialect="bibtex")
    for line in entry.splitlines()[1:-1]:
        depth = 0
        for ch in line:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0, line
        assert depth == 0, line
    assert fields(entry)["url"] == "file:///a/%7Bb%7D"


def test_very_long_title():
    title = " ".join(["Budget {draft} cut for Mississippi schools, 100% & $5"] * 400)
    entry = bibtex_entry(seed(title=title))
    assert "\n" not in fields(entry)["title"]
    assert plain_bst(entry).startswith(title + ". August 2019.")


# --------------------------------------------------------------------------
# Capitals that a lower-casing style keeps


def test_capitals_are_protected_from_a_lower_casing_style():
    title = "ZTE expands iPhone plant in Mississippi after U.S. deal with McDonald's and $US loan"
    entry = bibtex_entry(seed(title=title))
    assert fields(entry)["title"] == (
        r"{ZTE} expands {iPhone} plant in {Mississippi} after {U.S}. deal with {McDonald's} and \${US} loan"
    )
    assert plain_bst(entry).startswith(title + ". August 2019.")


def test_first_letter_is_left_to_the_style():
    assert fields(bibtex_entry(seed(title="Apple sales fall")))["title"] == "Apple sales fall"
    assert fields(bibtex_entry(seed(title="iPhone sales fall")))["title"] == "{iPhone} sales fall"
    assert fields(bibtex_entry(seed(title="“Trump” wins")))["title"] == "“{Trump}” wins"
    # a style that capitalises a sentence does so to a lower-case headline
    assert plain_bst(bibtex_entry(seed(title="apple sales fall"))).startswith("Apple sales fall.")


def test_non_latin_capitals_and_accents_are_protected():
    entry = bibtex_entry(seed(title="Визит в Москву: École de Genève"))
    assert fields(entry)["title"] == "Визит в {Москву}: {École} de {Genève}"
    assert plain_bst(entry).startswith("Визит в Москву: École de Genève.")


# --------------------------------------------------------------------------
# Names


def test_names_in_bibtex_syntax():
    people = (
        PersonName("Jane", "Doe"),
        PersonName("Bill", "Blasio", particle="de"),
        PersonName("John", "Smith", suffix="Jr."),
        PersonName("Andrew", "Lloyd Webber"),
        PersonName("", "Cher"),
        PersonName("", "Prince", suffix="III"),
        PersonName("Bashar", "Assad", particle="al-"),
        PersonName("Tom", "Smith and Wesson"),
        PersonName("J., R.", "Doe"),
        PersonName("", "others"),
    )
    entry = bibtex_entry(seed(authors=people))
    [parsed] = parse_string(entry, "bibtex").entries.values()
    assert entry.splitlines()[1] == (
        "  author = {Doe, Jane and de Blasio, Bill and Smith, Jr., John and {Lloyd Webber}, Andrew and Cher"
        " and Prince, III, and al-Assad, Bashar and {Smith and Wesson}, Tom and Doe, {J., R.} and {others}},"
    )
    split = [(p.first_names, p.prelast_names, p.last_names, p.lineage_names) for p in parsed.persons["author"]]
    assert split == [
        (["Jane"], [], ["Doe"], []),
        (["Bill"], ["de"], ["Blasio"], []),
        (["John"], [], ["Smith"], ["Jr."]),
        (["Andrew"], [], ["{Lloyd Webber}"], []),
        ([], [], ["Cher"], []),
        ([], [], ["Prince"], ["III"]),
        (["Bashar"], [], ["al-Assad"], []),
        (["Tom"], [], ["{Smith and Wesson}"], []),
        (["{J., R.}"], [], ["Doe"], []),
        ([], [], ["{others}"], []),
    ]
    assert plain_bst(entry).startswith(
        "Jane Doe, Bill de Blasio, John Smith, Jr., Andrew Lloyd Webber, Cher, Prince, III, Bashar al-Assad,"
        " Tom Smith and Wesson, J., R. Doe, and others. Immigration officials")


# --------------------------------------------------------------------------
# Any title at all


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


@given(st.text(max_size=120))
@settings(max_examples=300)
def test_any_title_parses_and_keeps_its_letters(title):
    """Whatever the headline, the entry parses and prints it with every letter and digit
    (LaTeX's own ligatures, `` '' -- !` and the like, may join its punctuation)."""
    pybtex.errors.set_strict_mode(True)  # the fixture does not run between Hypothesis examples
    text = single_line(title)
    for dialect in DIALECTS:
        read = fields(bibtex_entry(seed(title=title, date=None), dialect=dialect))
        printed = typeset(read.get("title", ""))
        assert _letters(printed) == _letters(text)
        assert [printed.count(ch) for ch in "{}\\"] == [text.count(ch) for ch in "{}\\"]
    rendered = plain_bst(bibtex_entry(seed(title=title, date=None)))
    # plain capitalises the first character and, the capitals being braced, lower-cases nothing else
    assert _letters(rendered) in {_letters(text), _letters(text[:1].upper() + text[1:])}
    assert [rendered.count(ch) for ch in "{}\\"] == [text.count(ch) for ch in "{}\\"]
