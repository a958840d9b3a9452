"""CSL-JSON and RIS: exact text, read back by rispy, and formatted by a real CSL processor.

pandoc's --citeproc (Debian's pandoc, with its built-in Chicago author-date
style) stands for every program that takes CSL-JSON: Zotero, Mendeley and
citeproc-js read the same fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess

import pytest
import rispy
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfind.bibtex import single_line
from newsfind.reference import PersonName, Reference
from newsfind.reference_formats import csl_json, ris
from tests.test_bibtex import PUBLICATION, SEED, SEED_TITLE, URI  # (the same seed reference)

AUTHORS = (PersonName("Jane", "Doe"), PersonName("Bill", "Blasio", particle="de"),
           PersonName("John", "Smith", suffix="Jr."))
FULL = dataclasses.replace(SEED, uri=URI, publication=PUBLICATION, authors=AUTHORS)

HOSTILE_TITLES = [
    "Budget {draft cut",
    "}{",
    "100% of $5 & #1_x ~ ^ \\ path",
    'He said "no" and \'maybe\'',
    "الانتخابات في مصر 2020",
    "ER  - \tTY  - JOUR",
]


# --------------------------------------------------------------------------
# CSL-JSON


def test_csl_json_seed():
    assert csl_json([SEED]) == """[
  {
    "id": "immigration20193cd964",
    "type": "article-newspaper",
    "title": "Immigration officials on Wednesday raided a series of food-processing plants in Mississippi,\
 arresting 680 suspected undocumented immigrants",
    "issued": {
      "date-parts": [
        [
          2019,
          8,
          8
        ]
      ]
    },
    "archive_location": "000_3cd96423f81a94b2.txt"
  }
]"""


def test_csl_json_with_everything():
    assert json.loads(csl_json([FULL])) == [{
        "id": "immigration20193cd964",
        "type": "article-newspaper",
        "title": SEED_TITLE,
        "container-title": "The Clarion-Ledger",
        "author": [
            {"family": "Doe", "given": "Jane"},
            {"family": "Blasio", "given": "Bill", "non-dropping-particle": "de"},
            {"family": "Smith", "given": "John", "suffix": "Jr."},
        ],
        "issued": {"date-parts": [[2019, 8, 8]]},
        "URL": URI,
        "archive_location": "000_3cd96423f81a94b2.txt",
    }]


def test_csl_json_ids_are_unique_and_text_stays_utf8():
    arabic = dataclasses.replace(SEED, title="الانتخابات في مصر 2020", date=None, authors=(PersonName("", "Cher"),))
    text = csl_json([SEED, SEED, arabic])
    assert "الانتخابات" in text and "\\u" not in text
    items = json.loads(text)
    assert [item["id"] for item in items] == ["immigration20193cd964", "immigration20193cd964-2", "article3cd964"]
    assert "issued" not in items[2]
    assert items[2]["author"] == [{"family": "Cher"}]
    assert csl_json([]) == "[]"


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_csl_json_hostile_titles(title):
    [item] = json.loads(csl_json([dataclasses.replace(SEED, title=title + "\nsecond line")]))
    assert item["title"] == single_line(title) + " second line"


# --------------------------------------------------------------------------
# The CSL-JSON in a real CSL processor


def pandoc_citeproc(tmp_path, refs: list[Reference], citation: str) -> str:
    """A Markdown document citing `citation`, through pandoc --citeproc with the CSL-JSON, as plain text."""
    (tmp_path / "refs.json").write_text(csl_json(refs), encoding="utf-8")
    (tmp_path / "doc.md").write_text(f"Raids {citation}.\n", encoding="utf-8")
    result = subprocess.run(
        ["pandoc", "--citeproc", "--bibliography", "refs.json", "--wrap=none", "-t", "plain", "doc.md"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", check=True, timeout=60,
    )
    assert result.stderr == ""  # pandoc warns of a citation it cannot resolve
    return result.stdout


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (Debian package: pandoc)")
def test_pandoc_citeproc_formats_the_csl_json(tmp_path):
    untitled_author = dataclasses.replace(SEED, id="ffff0000", title="Budget {draft cut $5",
                                          date=dt.date(2020, 1, 2), publication="Al-Ahram")
    output = pandoc_citeproc(tmp_path, [FULL, untitled_author], "[@immigration20193cd964; @budget2020ffff00]")
    text, *references = output.strip().split("\n\n")
    # Chicago author-date: (Author Year) in the text; the authors in their order, the first inverted
    assert text == "Raids (Doe, de Blasio, and Smith 2019; Al-Ahram 2020)."
    seed_reference = next(line for line in references if line.startswith("Doe"))
    assert seed_reference.startswith("Doe, Jane, Bill de Blasio, and John Smith Jr. 2019. ")
    # the headline in quotes (Chicago puts it in title case), the newspaper, the full date
    assert "“Immigration Officials on Wednesday Raided a Series of Food-Processing Plants in Mississippi," \
           " Arresting 680 Suspected Undocumented Immigrants.” The Clarion-Ledger, August 8, 2019." in seed_reference
    assert URI in seed_reference
    # no author: the newspaper takes its place
    assert "Al-Ahram. 2020. “Budget {Draft Cut $5,” January 2, 2020. 000_3cd96423f81a94b2.txt." in references


# --------------------------------------------------------------------------
# RIS


def test_ris_seed():
    assert ris([SEED]) == (
        "TY  - NEWS\n"
        "ID  - immigration20193cd964\n"
        f"TI  - {SEED_TITLE}\n"
        "PY  - 2019\n"
        "DA  - 2019/08/08/\n"
        "AV  - 000_3cd96423f81a94b2.txt\n"
        "ER  - \n"
    )


def test_ris_with_everything_and_two_records():
    undated = dataclasses.replace(SEED, title="Old news", date=None)
    assert ris([FULL, undated]) == (
        "TY  - NEWS\n"
        "ID  - immigration20193cd964\n"
        "AU  - Doe, Jane\n"
        "AU  - de Blasio, Bill\n"
        "AU  - Smith, John, Jr.\n"
        f"TI  - {SEED_TITLE}\n"
        "T2  - The Clarion-Ledger\n"
        "PY  - 2019\n"
        "DA  - 2019/08/08/\n"
        "UR  - file:///archive/000_3cd96423f81a94b2.txt\n"
        "AV  - 000_3cd96423f81a94b2.txt\n"
        "ER  - \n"
        "\n"
        "TY  - NEWS\n"
        "ID  - old3cd964\n"
        "TI  - Old news\n"
        "AV  - 000_3cd96423f81a94b2.txt\n"
        "ER  - \n"
    )
    assert ris([]) == ""


def test_rispy_reads_the_records_back():
    particle = dataclasses.replace(SEED, id="abcdef12", date=dt.date(861, 3, 2),
                                   authors=(PersonName("Bashar", "Assad", particle="al-"),))
    records = rispy.loads(ris([FULL, particle, FULL]))
    assert [record["id"] for record in records] == [
        "immigration20193cd964", "immigration861abcdef", "immigration20193cd964-2"]
    first = records[0]
    assert first["type_of_reference"] == "NEWS"
    assert first["authors"] == ["Doe, Jane", "de Blasio, Bill", "Smith, John, Jr."]
    assert first["title"] == SEED_TITLE
    assert first["secondary_title"] == "The Clarion-Ledger"
    assert (first["year"], first["date"]) == ("2019", "2019/08/08/")
    assert first["urls"] == [URI]
    assert first["unknown_tag"] == {"AV": ["000_3cd96423f81a94b2.txt"]}  # rispy has no name for AV
    assert records[1]["authors"] == ["al-Assad, Bashar"]
    assert (records[1]["year"], records[1]["date"]) == ("0861", "0861/03/02/")


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_ris_hostile_titles(title):
    broken = dataclasses.replace(FULL, title=f"{title}\nER  - \r\n\u2028TY  - BOOK",
                                 publication="Daily\nNews", path="dir/with\nbreak.txt")
    text = ris([broken, SEED])
    assert text.count("TY  - NEWS\n") == 2 and text.count("\nER  - \n") == 2
    first, second = rispy.loads(text)
    assert first["title"] == single_line(title) + " ER - TY - BOOK"
    assert first["secondary_title"] == "Daily News"
    assert first["unknown_tag"] == {"AV": ["dir/with break.txt"]}
    assert second["title"] == SEED_TITLE


@given(st.text(max_size=80))
@settings(max_examples=200)
def test_any_title_is_one_ris_line(title):
    text = ris([dataclasses.replace(SEED, title=title)])
    lines = text.splitlines()
    assert lines[0] == "TY  - NEWS" and lines[-1] == "ER  - "
    assert all(line[:2].isupper() and line[2:6] == "  - " for line in lines)
    [record] = rispy.loads(text)
    assert record["title"] == single_line(title) if single_line(title) else "title" not in record
