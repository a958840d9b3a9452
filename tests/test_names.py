"""Author lists in APA 7, MLA 9 and Chicago 18: exact strings for each rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfind.names import (
    apa_in_text,
    apa_reference,
    chicago_bibliography,
    chicago_note,
    family_name,
    initials,
    mla_in_text,
    mla_reference,
    plain_authors,
)
from newsfind.reference import PersonName

DOE = PersonName("Jane", "Doe")
ROE = PersonName("Richard", "Roe")
POE = PersonName("Sam", "Poe")
KING = PersonName("Martin Luther", "King", suffix="Jr.")
DE_BLASIO = PersonName("Bill", "Blasio", particle="de")
AL_MASRI = PersonName("Ahmed", "Masri", particle="al-")
TOLKIEN = PersonName("J. R. R.", "Tolkien")
REUTERS = PersonName("", "Reuters")
SARTRE = PersonName("Jean-Paul", "Sartre")


def many(count: int) -> tuple[PersonName, ...]:
    return tuple(PersonName(f"Given{number}", f"Family{number}") for number in range(1, count + 1))


STYLES = (apa_reference, apa_in_text, mla_reference, mla_in_text, chicago_bibliography, chicago_note, plain_authors)


@pytest.mark.parametrize(
    ("given_names", "expected"),
    [
        ("Jane", "J."),
        ("Jane Marie", "J. M."),
        ("Jean-Paul", "J.-P."),
        ("J.", "J."),
        ("J.R.", "J. R."),
        ("J. R. R.", "J. R. R."),
        ("J.-P.", "J.-P."),
        ("Ursula K.", "U. K."),
        ("", ""),
        ("élodie", "É."),
    ],
)
def test_initials(given_names: str, expected: str) -> None:
    assert initials(given_names) == expected


def test_family_name_keeps_particles_and_joins_fused_ones() -> None:
    assert family_name(DOE) == "Doe"
    assert family_name(DE_BLASIO) == "de Blasio"
    assert family_name(AL_MASRI) == "al-Masri"
    assert family_name(PersonName("Ana", "Cruz", particle="de la")) == "de la Cruz"


@pytest.mark.parametrize("style", STYLES)
def test_no_names_is_empty_text(style) -> None:
    assert style(()) == ""


def test_apa_reference() -> None:
    assert apa_reference((DOE,)) == "Doe, J."
    assert apa_reference((DOE, ROE)) == "Doe, J., & Roe, R."
    assert apa_reference((DOE, ROE, POE)) == "Doe, J., Roe, R., & Poe, S."
    assert apa_reference((DE_BLASIO,)) == "de Blasio, B."
    assert apa_reference((KING,)) == "King, M. L., Jr."
    assert apa_reference((KING, SARTRE)) == "King, M. L., Jr., & Sartre, J.-P."
    assert apa_reference((TOLKIEN, AL_MASRI)) == "Tolkien, J. R. R., & al-Masri, A."
    assert apa_reference((REUTERS,)) == "Reuters"


def test_apa_reference_lists_up_to_20_then_19_dots_and_the_last() -> None:
    twenty = apa_reference(many(20))
    assert twenty.startswith("Family1, G., Family2, G., ")
    assert twenty.endswith("Family19, G., & Family20, G.")
    assert twenty.count("Family") == 20
    assert apa_reference(many(21)) == ", ".join(f"Family{n}, G." for n in range(1, 20)) + ", . . . Family21, G."
    assert apa_reference(many(30)).endswith("Family19, G., . . . Family30, G.")


def test_apa_in_text() -> None:
    assert apa_in_text((DOE,)) == "Doe"
    assert apa_in_text((DOE, ROE)) == "Doe & Roe"
    assert apa_in_text((DOE, ROE, POE)) == "Doe et al."
    assert apa_in_text((DE_BLASIO, KING)) == "de Blasio & King"
    assert apa_in_text((REUTERS,)) == "Reuters"


def test_mla_reference() -> None:
    assert mla_reference((DOE,)) == "Doe, Jane"
    assert mla_reference((DOE, ROE)) == "Doe, Jane, and Richard Roe"
    assert mla_reference((DOE, ROE, POE)) == "Doe, Jane, et al."
    assert mla_reference((KING,)) == "King, Martin Luther, Jr."
    assert mla_reference((DOE, KING)) == "Doe, Jane, and Martin Luther King, Jr."
    assert mla_reference((DE_BLASIO,)) == "de Blasio, Bill"
    assert mla_reference((TOLKIEN,)) == "Tolkien, J. R. R."
    assert mla_reference((REUTERS, DOE)) == "Reuters, and Jane Doe"


def test_mla_in_text() -> None:
    assert mla_in_text((DOE,)) == "Doe"
    assert mla_in_text((DOE, ROE)) == "Doe and Roe"
    assert mla_in_text((DOE, ROE, POE)) == "Doe et al."
    assert mla_in_text((AL_MASRI,)) == "al-Masri"


def test_chicago_bibliography() -> None:
    assert chicago_bibliography((DOE,)) == "Doe, Jane"
    assert chicago_bibliography((DOE, ROE)) == "Doe, Jane, and Richard Roe"
    assert chicago_bibliography((DOE, ROE, POE)) == "Doe, Jane, Richard Roe, and Sam Poe"
    assert chicago_bibliography((KING, DOE)) == "King, Martin Luther, Jr., and Jane Doe"
    assert chicago_bibliography((DOE, KING)) == "Doe, Jane, and Martin Luther King Jr."
    assert chicago_bibliography((DE_BLASIO,)) == "de Blasio, Bill"


def test_chicago_bibliography_lists_six_then_three_and_et_al() -> None:
    """CMOS 18 §13.76: up to six names; seven or more, the first three and "et al."."""
    assert chicago_bibliography(many(6)) == (
        "Family1, Given1, Given2 Family2, Given3 Family3, Given4 Family4, Given5 Family5, and Given6 Family6"
    )
    assert chicago_bibliography(many(7)) == "Family1, Given1, Given2 Family2, Given3 Family3, et al."
    assert chicago_bibliography(many(12)) == chicago_bibliography(many(7))


def test_chicago_note() -> None:
    """CMOS 18 §13.78: one or two names; three or more, the first and "et al."."""
    assert chicago_note((DOE,)) == "Jane Doe"
    assert chicago_note((DOE, ROE)) == "Jane Doe and Richard Roe"
    assert chicago_note((DOE, ROE, POE)) == "Jane Doe et al."
    assert chicago_note(many(4)) == "Given1 Family1 et al."
    assert chicago_note((KING, DE_BLASIO)) == "Martin Luther King Jr. and Bill de Blasio"
    assert chicago_note((AL_MASRI,)) == "Ahmed al-Masri"
    assert chicago_note((REUTERS,)) == "Reuters"


def test_plain_authors() -> None:
    assert plain_authors((DOE,)) == "Jane Doe"
    assert plain_authors((DOE, ROE)) == "Jane Doe and Richard Roe"
    assert plain_authors((DOE, ROE, POE)) == "Jane Doe, Richard Roe and Sam Poe"
    assert plain_authors((KING, REUTERS)) == "Martin Luther King Jr. and Reuters"
    assert plain_authors((TOLKIEN,)) == "J. R. R. Tolkien"


names_strategy = st.builds(
    PersonName,
    given=st.text(max_size=30),
    family=st.text(min_size=1, max_size=30),
    particle=st.text(max_size=8),
    suffix=st.text(max_size=5),
)


@given(st.lists(names_strategy, max_size=25))
def test_styles_never_raise(names: list[PersonName]) -> None:
    for style in STYLES:
        text = style(tuple(names))
        assert isinstance(text, str) and bool(text) == bool(names)


@given(st.text(max_size=40))
def test_initials_never_raise(given_names: str) -> None:
    assert isinstance(initials(given_names), str)
