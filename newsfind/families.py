"""Wire-copy families: the articles of an archive that are lightly edited copies of one story.

Found after each indexing run from the sketches the indexer stored
(newsfind.near_copies), with locality-sensitive hashing: the sketch is cut
into BANDS bands of ROWS values, articles sharing a band are candidates, and
candidates whose sketches agree on at least SIMILAR of their values are joined
into one family (union-find, so a copy of a copy joins too). Two articles of
similarity 0.3 become candidates with probability 0.95, of 0.5 with 0.9999;
two on one topic (similarity about 0.05) with 0.08, and are then told apart
by their whole sketches. The values were chosen with bench/wire_copies.py
(edited copies of real articles mixed into newsarticles).

Families are kept in the index folder by article key (the file's exact path
bytes), so they stay right across later commits: an article added since the
last run is its own family until the run ends.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsfind.cancellation import Cancelled, check_cancelled, never
from newsfind.near_copies import SLOTS, similarity

ROWS = 2
BANDS = SLOTS // ROWS
#: Estimated Jaccard similarity of word shingles from which two articles are one story.
SIMILAR = 0.3
#: Each member of a crowded bucket is checked against at most this many of its first members.
LEADERS = 8
#: Copies of one story are printed within this many days of each other.
COPY_DAYS = 7
FAMILIES_FILE = "families.json"
FORMAT = 1


class _Unions:
    """Union-find over positions: the family each has joined so far."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, item: int) -> int:
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for position in range(len(self.parent)):
            found[self.root(position)].append(position)
        return [members for members in found.values() if len(members) > 1]


def group_copies(sketches: list[bytes], days: list[int | None] | None = None,
                 cancelled: Cancelled = never) -> list[list[int]]:
    """The families among these sketches (positions in the list), each sorted, those of 2 or more only.

    `days` (day numbers, None for undated) keeps apart articles more than
    COPY_DAYS apart: a later story that reuses an earlier one's background
    paragraphs is a story of its own.
    """
    unions = _Unions(len(sketches))
    values: dict[int, array] = {}  # the sketches compared, unpacked once (most never are)

    def copies(a: int, b: int) -> bool:
        if days is not None and days[a] is not None and days[b] is not None and abs(days[a] - days[b]) > COPY_DAYS:
            return False
        for position in (a, b):
            if position not in values:
                values[position] = array("I", sketches[position])
        return similarity(values[a], values[b]) >= SIMILAR

    width = ROWS * 4
    for band in range(BANDS):
        check_cancelled(cancelled)
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for position, sketch in enumerate(sketches):
            if sketch:
                buckets[sketch[band * width:(band + 1) * width]].append(position)
        for members in buckets.values():
            for count, later in enumerate(members[1:], 1):
                for leader in members[:min(count, LEADERS)]:
                    a, b = unions.root(leader), unions.root(later)
                    if a != b and copies(leader, later):
                        unions.join(a, b)
    return unions.groups()


def find_families(reader, cancelled: Cancelled = never) -> list[list[bytes]]:
    """Every family of the index's live articles, as lists of article keys."""
    if not reader.doc_count_all():
        return []  # (an empty index's reader has no columns)
    keys = reader.column_reader("key")
    sketches = reader.column_reader("sketch")
    dates = reader.column_reader("date")
    live = list(reader.all_doc_ids())
    groups = group_copies([sketches[docnum] for docnum in live], [_day(dates[docnum]) for docnum in live],
                          cancelled)
    return [sorted(keys[live[position]] for position in group) for group in groups]


def _day(date: str) -> int | None:
    """The day number of an index date ("YYYY-MM-DD", "" when undated)."""
    try:
        return dt.date.fromisoformat(date).toordinal() if date else None
    except ValueError:
        return None


def store_families(index_dir: str | os.PathLike[str], families: list[list[bytes]]) -> None:
    """Write the families beside the index, atomically (a reader sees the old file or the new)."""
    path = Path(index_dir) / FAMILIES_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"format": FORMAT, "families": [[key.hex() for key in family] for family in families]}),
                   encoding="utf-8")
    os.replace(tmp, path)


def load_families(index_dir: str | os.PathLike[str]) -> list[list[bytes]] | None:
    """The stored families, or None when there is no file (an index from before families) or it is unreadable."""
    try:
        stored = json.loads((Path(index_dir) / FAMILIES_FILE).read_text(encoding="utf-8"))
        if stored.get("format") != FORMAT:
            return None
        return [[bytes.fromhex(key) for key in family] for family in stored["families"]]
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return None


@dataclass
class Families:
    """The families of one index generation, by document number."""

    family: dict[int, int]  #: docnum → family number (articles alone are absent)
    members: list[list[int]]  #: family number → its docnums

    def of(self, docnum: int) -> int | None:
        return self.family.get(docnum)

    def key(self, docnum: int) -> int:
        """One number per story: the family's number, or for an article alone its own (negative) one."""
        found = self.family.get(docnum)
        return found if found is not None else -1 - docnum


def families_by_docnum(reader, families: list[list[bytes]]) -> Families:
    """Stored families (by key) placed on this reader's document numbers."""
    wanted = {key for family in families for key in family}
    docnum_of: dict[bytes, int] = {}
    if wanted:
        keys = reader.column_reader("key")
        for docnum in reader.all_doc_ids():
            key = keys[docnum]
            if key in wanted:
                docnum_of[key] = docnum
    members: list[list[int]] = []
    family: dict[int, int] = {}
    for keys_of_family in families:
        docnums = sorted(docnum_of[key] for key in keys_of_family if key in docnum_of)
        if len(docnums) > 1:
            for docnum in docnums:
                family[docnum] = len(members)
            members.append(docnums)
    return Families(family, members)
