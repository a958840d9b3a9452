"""What a citation names: one article of one archive, as every style and format reads it.

The citation styles (cite.py), BibTeX and the reference-manager formats
(CSL-JSON, RIS) all start from a Reference, so an article is described once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonName:
    """One author, split as reference managers want it ("Jane" / "Doe")."""

    given: str  #: given names as written ("Jane", "J. R.", "" when only one name is known)
    family: str  #: with its particle and suffix kept apart below ("Blasio" of "Bill de Blasio")
    particle: str = ""  #: "de", "van der", "al-"... (lower case as written), before the family name
    suffix: str = ""  #: "Jr.", "III"

    @property
    def full(self) -> str:
        """The name in reading order: "Bill de Blasio Jr."."""
        family = f"{self.particle}{self.family}" if self.particle.endswith(("-", "'", "’")) else \
            " ".join(part for part in (self.particle, self.family) if part)
        name = " ".join(part for part in (self.given, family) if part)
        return f"{name} {self.suffix}" if self.suffix else name


@dataclass(frozen=True)
class Reference:
    """An article as cited: its headline, who wrote it, where and when it appeared, where it lies."""

    id: str  #: the article's id in the index (stable for a path)
    title: str  #: the headline as the article gives it (a first sentence loses its final full stop)
    date: dt.date | None
    path: str  #: relative to the archive root, "/"-separated
    uri: str | None = None  #: file:// URL of the article, when the archive's folder is known
    publication: str | None = None  #: the newspaper, as set for the archive
    authors: tuple[PersonName, ...] = ()  #: from the article's "By …" line, when it has one
