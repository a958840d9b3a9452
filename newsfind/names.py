"""Author lists as each citation style writes them.

The styles agree on little: APA inverts every name and cuts given names to
initials, MLA and Chicago invert only the first, and each has its own point
where a list gives way to "et al.". Kept apart from cite.py so the rules, which
are easy to get subtly wrong, are written (and tested) once:

* APA 7 (§9.8, §8.17): up to 20 names in a reference, "&" before the last; 21
  or more: the first 19, ". . .", the last. In text: one, two ("Doe & Roe"),
  three or more "Doe et al.".
* MLA 9 (§5.5-5.7): one, two ("Doe, Jane, and Richard Roe"), three or more
  "Doe, Jane, et al."; in text "Doe", "Doe and Roe", "Doe et al.". A suffix
  takes a comma: "King, Martin Luther, Jr.", "Henry Louis Gates, Jr.".
* Chicago 18 (§13.76, §13.78): a bibliography lists up to six names, and for
  seven or more the first three then "et al."; a note lists one or two, and
  for three or more the first then "et al." (Chicago 17 listed three in a
  note and up to ten in a bibliography). No comma before "Jr." in reading
  order ("Martin Luther King Jr."), one after the given name when inverted.

A name without given names (a corporate author, "Reuters") is written as its
family name alone in every style. Every function returns the text only: the
caller adds the element's closing full stop, where the text does not already
end with one ("Doe, J.", "King, Martin Luther, Jr.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfind.reference import PersonName

#: APA lists this many names in full, and the first APA_SHOWN of a longer list.
APA_MAX_NAMES = 20
APA_SHOWN = 19
#: Chicago's bibliography lists up to this many, else the first CHICAGO_SHOWN.
CHICAGO_MAX_NAMES = 6
CHICAGO_SHOWN = 3

_WORD = re.compile(r"\S+")
_INITIAL_PART = re.compile(r"[^.\-]+")
#: A particle joined to the family name without a space ("al-Masri", "d'Ormesson").
_FUSED = ("-", "'", "’")


def apa_reference(names: Sequence[PersonName]) -> str:
    """ "Doe, J., & Roe, R."; 21 or more: the first 19, ". . .", the last."""
    items = [_inverted(name, initials(name.given)) for name in names]
    if len(items) > APA_MAX_NAMES:
        return ", ".join(items[:APA_SHOWN]) + ", . . . " + items[-1]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + ", & " + items[-1]


def apa_in_text(names: Sequence[PersonName]) -> str:
    """ "Doe", "Doe & Roe", "Doe et al."."""
    return _short_list(names, " & ")


def mla_reference(names: Sequence[PersonName]) -> str:
    """ "Doe, Jane", "Doe, Jane, and Richard Roe", "Doe, Jane, et al."."""
    if not names:
        return ""
    first = _inverted(names[0], names[0].given)
    if len(names) == 1:
        return first
    if len(names) == 2:
        return f"{first}, and {_reading(names[1], suffix_comma=True)}"
    return f"{first}, et al."


def mla_in_text(names: Sequence[PersonName]) -> str:
    """ "Doe", "Doe and Roe", "Doe et al."."""
    return _short_list(names, " and ")


def chicago_bibliography(names: Sequence[PersonName]) -> str:
    """ "Doe, Jane, Richard Roe, and Sam Poe"; seven or more: the first three, "et al."."""
    if not names:
        return ""
    first = _inverted(names[0], names[0].given)
    others = [_reading(name) for name in names[1:]]
    if len(names) > CHICAGO_MAX_NAMES:
        return ", ".join([first, *others[: CHICAGO_SHOWN - 1]]) + ", et al."
    if not others:
        return first
    if len(others) == 1:
        return f"{first}, and {others[0]}"
    return ", ".join([first, *others[:-1]]) + ", and " + others[-1]


def chicago_note(names: Sequence[PersonName]) -> str:
    """ "Jane Doe", "Jane Doe and Richard Roe", three or more "Jane Doe et al."."""
    if len(names) > 2:
        return f"{_reading(names[0])} et al."
    return " and ".join(_reading(name) for name in names)


def plain_authors(names: Sequence[PersonName]) -> str:
    """Reading order for plain and Markdown citations: "Jane Doe, Richard Roe and Sam Poe"."""
    items = [_reading(name) for name in names]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def initials(given: str) -> str:
    """ "Jane Marie" -> "J. M.", "Jean-Paul" -> "J.-P.", "J.R." -> "J. R."."""
    return " ".join(filter(None, (_word_initials(word) for word in _WORD.findall(given))))


def _word_initials(word: str) -> str:
    """One given name's initials: "Jean-Paul" -> "J.-P.", "J.R." -> "J. R."."""
    if "." in word.rstrip("."):  # "J.R.", "J.-P.": initials already
        letters = [_first_letter(part) for part in _INITIAL_PART.findall(word)]
        joiner = ".-" if "-" in word else ". "
        return joiner.join(letter for letter in letters if letter) + "." if any(letters) else ""
    letters = [_first_letter(part) for part in word.split("-")]
    return "-".join(f"{letter}." for letter in letters if letter)


def _first_letter(part: str) -> str:
    for char in part:
        if char.isalnum():
            upper = char.upper()
            return upper if len(upper) == 1 else char
    return ""


def family_name(name: PersonName) -> str:
    """The family name with its particle, as a list of authors shows it: "de Blasio", "al-Masri"."""
    if not name.particle:
        return name.family
    joiner = "" if name.particle.endswith(_FUSED) else " "
    return f"{name.particle}{joiner}{name.family}"


def _inverted(name: PersonName, given: str) -> str:
    """ "King, Martin Luther, Jr." (given as the style writes it); "Reuters" when there is none."""
    return ", ".join(part for part in (family_name(name), given.strip(), name.suffix) if part)


def _reading(name: PersonName, suffix_comma: bool = False) -> str:
    """ "Martin Luther King Jr." (MLA: "Martin Luther King, Jr.")."""
    text = " ".join(part for part in (name.given.strip(), family_name(name)) if part)
    if not name.suffix:
        return text
    return f"{text}{',' if suffix_comma else ''} {name.suffix}"


def _short_list(names: Sequence[PersonName], and_: str) -> str:
    """Family names in text: one, two joined by `and_`, three or more "et al."."""
    if len(names) > 2:
        return f"{family_name(names[0])} et al."
    return and_.join(family_name(name) for name in names)
