"""Matching articles counted and listed as stories: a wire-copy family is one story.

A story is listed where its best-ranked copy would be, and shown by its
earliest dated matching copy (the agency's first printing, as near as the
archive knows); the other matching copies are its "+ N copies". Articles in no
family are stories of their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from newsfind.families import Families


@dataclass(frozen=True)
class Story:
    shown: int  #: the docnum listed: the earliest dated matching copy
    ranked: int  #: the best-ranked matching copy (whose score and place the story takes)
    copies: tuple[int, ...]  #: the other matching copies, earliest first


def _earliest_first(dates: Sequence[str]):
    """Sort key: dated before undated, then by date, then by document number."""
    return lambda docnum: (not dates[docnum], dates[docnum], docnum)


def group_stories(ranked: Iterable[int], families: Families, dates: Sequence[str]) -> list[Story]:
    """The stories of these matching documents (best first), in the order of each story's best copy."""
    members: dict[int, list[int]] = {}
    for docnum in ranked:
        members.setdefault(families.key(docnum), []).append(docnum)
    stories = []
    earliest = _earliest_first(dates)
    for copies in members.values():
        ordered = sorted(copies, key=earliest) if len(copies) > 1 else copies
        stories.append(Story(shown=ordered[0], ranked=copies[0], copies=tuple(ordered[1:])))
    return stories


def story_dates(docnums: Iterable[int], families: Families, dates: Sequence[str]) -> Counter:
    """How many stories first appear on each date string ("" for undated): a
    family counts once, on its earliest matching copy's date."""
    first: dict[int, int] = {}
    earliest = _earliest_first(dates)
    for docnum in docnums:
        key = families.key(docnum)
        held = first.get(key)
        if held is None or earliest(docnum) < earliest(held):
            first[key] = docnum
    return Counter(dates[docnum] for docnum in first.values())


def earliest_first(docnums: Iterable[int], dates: Sequence[str]) -> list[int]:
    return sorted(docnums, key=_earliest_first(dates))
