"""Matching articles counted and listed as stories: a wire-copy family is one story.

A story is listed where its best-ranked copy would be, and shown by its
earliest dated matching copy (the agency's first printing, as near as the
archive knows); the other matching copies are its "+ N copies". Articles in no
family are stories of their own.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from newsfind.families import Families


@dataclass(frozen=True)
class Story:
    shown: int  #: the docnum listed: the earliest dated matching copy
    ranked: int  #: the best-ranked matching copy (whose score and place the story takes)
    copies: tuple[int, ...]  #: the other matching copies, earliest first


def _earliest_first(dates: Sequence[str]):
    """Sort key: dated before undated, then by date, then by document number."""
    return lambda docnum: (not dates[docnum], dates[docnum], docnum)


def listed_later(copies: Iterable[int], families: Families, first: Callable[[list[int]], int]) -> set[int]:
    """Of these matching family members, those a collapsed list does not rank: all but
    the first (by `first`) of each family, whose place the story takes."""
    by_family: dict[int, list[int]] = {}
    for docnum in copies:
        by_family.setdefault(families.family[docnum], []).append(docnum)
    later: set[int] = set()
    for members in by_family.values():
        if len(members) > 1:
            later.update(members)
            later.discard(first(members))
    return later


def story_page(ranked: Iterable[int], families: Families, matches: Callable[[int], bool],
               dates: Sequence[str], window: slice) -> list[Story]:
    """The stories of a page: `ranked` (the matches, best first, at least as many as the
    page's stories and the copies they hide) read as stories, each where its best copy is."""
    seen: set[int] = set()
    stories: list[Story] = []
    earliest = _earliest_first(dates)
    for docnum in ranked:
        key = families.key(docnum)
        if key in seen:
            continue
        seen.add(key)
        family = families.of(docnum)
        copies = [docnum] if family is None else sorted(
            (member for member in families.members[family] if matches(member)), key=earliest)
        stories.append(Story(shown=copies[0], ranked=docnum, copies=tuple(copies[1:])))
        if len(stories) >= window.stop:
            break
    return stories[window]


def count_stories(per_date: Counter, families: Families, matches: Callable[[int], bool],
                  dates: Sequence[str]) -> None:
    """Matching articles per date string made stories per date: each family with
    several matching copies counted once, on its earliest matching copy's date."""
    earliest = _earliest_first(dates)
    for members in families.members:
        found = [docnum for docnum in members if matches(docnum)]
        if len(found) > 1:
            per_date.subtract(dates[docnum] for docnum in found)
            per_date[dates[min(found, key=earliest)]] += 1


def earliest_first(docnums: Iterable[int], dates: Sequence[str]) -> list[int]:
    return sorted(docnums, key=_earliest_first(dates))
