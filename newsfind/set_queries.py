"""Queries answered from sets of documents rather than by scoring each one.

A pattern standing for hundreds of words, or a span of dates covering
thousands of days, would be a union of as many posting lists matched one
document at a time in Python (a date range over 100,000 articles took 4 s).
These build the set of matching documents of a segment at once, from blocks
of postings or from the date column, and give every one the same score.
"""

from __future__ import annotations

import re
import weakref

from whoosh import matching
from whoosh import query as wq

from newsfind import whoosh_compat as compat
from newsfind.cancellation import Cancelled, check_cancelled, never
from newsfind.lexicon import Lexicon


class _SetQuery(wq.Query):
    """A leaf query whose matches in a segment are a set of document numbers."""

    boost = 1.0

    def _key(self) -> tuple:
        raise NotImplementedError

    def documents(self, reader) -> set[int]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._key() == self._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, len(self._key())))

    def estimate_size(self, ixreader) -> int:
        return ixreader.doc_count()

    def matcher(self, searcher, context=None):
        found = self.documents(searcher.reader())  # the reader of one segment
        if not found:
            return matching.NullMatcher()
        return matching.ListMatcher(sorted(found), all_weights=self.boost)


class WordsUnion(_SetQuery):
    """Articles holding any of many words (a pattern's), all scoring the same."""

    def __init__(self, fieldname: str, words: list[str], lexicon: Lexicon, cancelled: Cancelled = never,
                 boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.words = words
        self.boost = boost
        self._lexicon = lexicon
        self._cancelled = cancelled

    def _key(self) -> tuple:
        return (self.fieldname, tuple(self.words), self.boost)

    def __repr__(self) -> str:
        return f"WordsUnion({self.fieldname!r}, {len(self.words)} words)"

    def field(self) -> str:
        return self.fieldname

    def documents(self, reader) -> set[int]:
        # The pattern's words are the whole index's, not all in every segment: a set of the
        # segment's words (when read: the window reads them) answers 4 µs lookups in the terms table.
        here = self._lexicon.words_read(reader, self.fieldname)
        found: set[int] = set()
        for word in self.words:
            check_cancelled(self._cancelled)
            term = word.encode("utf-8")
            if (word in here) if here is not None else ((self.fieldname, term) in reader):
                for count, block in enumerate(compat.posting_doc_ids(reader, self.fieldname, term)):
                    if count % 32 == 31:  # a word most articles hold has hundreds of blocks
                        check_cancelled(self._cancelled)
                    found.update(block)
        return found


class Spellings:
    """Which documents of a segment hold a word spelled exactly so, kept while
    the segment's reader lives: paging, sorting and the timeline ask again for
    the same query, and reading the articles is the cost."""

    #: Spellings remembered per segment reader at most (the oldest is forgotten).
    KEPT = 16

    def __init__(self) -> None:
        self._found: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def get(self, reader, key: tuple) -> frozenset[int] | None:
        return self._found.get(reader, {}).get(key)

    def put(self, reader, key: tuple, docs: frozenset[int]) -> None:
        kept = self._found.setdefault(reader, {})
        if len(kept) >= self.KEPT:
            kept.pop(next(iter(kept), None), None)
        kept[key] = docs


class ExactDocs(_SetQuery):
    """Articles whose headline or text (the field) holds a word spelled exactly
    as typed (`=Bürger`: accents compared, case ignored), found by reading the
    stored text of the articles that hold any of `words` (the folded words the
    spelling is indexed as). Stands beside the folded query in an And, scoring
    nothing, so that ranking stays the folded query's."""

    def __init__(self, fieldname: str, spelling: re.Pattern, words: list[str], spellings: Spellings,
                 cancelled: Cancelled = never) -> None:
        self.fieldname = fieldname
        self.spelling = spelling
        self.words = words
        self.boost = 0.0
        self._spellings = spellings
        self._cancelled = cancelled

    def _key(self) -> tuple:
        return (self.fieldname, self.spelling.pattern, tuple(self.words))

    def __repr__(self) -> str:
        return f"ExactDocs({self.fieldname!r}, {self.spelling.pattern!r})"

    def field(self) -> str:
        return self.fieldname

    def documents(self, reader) -> set[int]:
        key = self._key()
        found = self._spellings.get(reader, key)
        if found is None:
            found = frozenset(self._read(reader))
            self._spellings.put(reader, key, found)
        return set(found)

    def _read(self, reader):
        candidates: set[int] = set()
        for word in self.words:
            term = word.encode("utf-8")
            if (self.fieldname, term) in reader:
                for ids in compat.posting_doc_ids(reader, self.fieldname, term):
                    check_cancelled(self._cancelled)
                    candidates.update(ids)
        search = self.spelling.search
        for count, docnum in enumerate(sorted(candidates)):
            if count % 64 == 0:
                check_cancelled(self._cancelled)
            if search(reader.stored_fields(docnum).get(self.fieldname) or ""):
                yield docnum


def exactly(folded: wq.Query, exact: ExactDocs) -> wq.Query:
    """The folded query, kept to the articles where the exact spelling stands."""
    return wq.And([folded, exact])


def exact_part(q: wq.Query) -> ExactDocs | None:
    """The exact spelling an And made by exactly() keeps its folded query to."""
    if type(q) is wq.And:
        return next((child for child in q.children() if isinstance(child, ExactDocs)), None)
    return None


class DateSpan(_SetQuery):
    """Articles dated within a span (bounds as the index's date strings; None: open)."""

    def __init__(self, start: str | None, end: str | None, startexcl: bool = False, endexcl: bool = False,
                 boost: float = 1.0) -> None:
        self.start, self.end = start, end
        self.startexcl, self.endexcl = startexcl, endexcl
        self.boost = boost

    def _key(self) -> tuple:
        return (self.start, self.end, self.startexcl, self.endexcl, self.boost)

    def __repr__(self) -> str:
        return f"DateSpan({self.start!r}, {self.end!r}, {self.startexcl}, {self.endexcl})"

    def field(self) -> str:
        return "date"

    def documents(self, reader) -> set[int]:
        low, high = self.start, self.end
        found = set()
        deleted = reader.is_deleted if reader.has_deletions() else None
        for docnum, value in enumerate(reader.column_reader("date")):
            if deleted is not None and deleted(docnum):
                continue
            if not value or (low is not None and (value <= low if self.startexcl else value < low)):
                continue
            if high is not None and (value >= high if self.endexcl else value > high):
                continue
            found.add(docnum)
        return found


# ------------------------------------------------------- whole set queries


def answerable_by_sets(q: wq.Query) -> bool:
    """A query made only of set queries (and every article, and nothing): its
    matches and scores come from set operations, never document by document."""
    if q is wq.NullQuery or isinstance(q, (_SetQuery, wq.Every, wq.Not)):
        return True  # what a NOT leaves out needs no score: any query will do
    if isinstance(q, wq.AndNot):
        return answerable_by_sets(q.a)
    if isinstance(q, (wq.And, wq.Or)):
        return all(answerable_by_sets(child) for child in q.children())
    return False


#: The matches of a set query: score → the documents (top-level numbers) with that score.
Levels = dict[float, set[int]]


def set_levels(q: wq.Query, searcher, cancelled: Cancelled) -> Levels:
    """Every matching document, grouped by score, scored as Whoosh scores these
    queries: a leaf scores its boost, AND and OR add up what matched, AND NOT
    keeps the first part's score. Whole sets are combined (in C), never one
    document at a time: a query matching all 100,000 articles stays cheap."""
    check_cancelled(cancelled)
    if q is wq.NullQuery:
        return {}
    if isinstance(q, wq.Every):
        return {q.boost: every_document(searcher)}
    if isinstance(q, _SetQuery):
        found: set[int] = set()
        for subsearcher, offset in searcher.leaf_searchers():
            found.update(offset + docnum for docnum in q.documents(subsearcher.reader()))
        return {q.boost: found} if found else {}
    if isinstance(q, wq.AndNot):
        return _without(set_levels(q.a, searcher, cancelled), _matching(q.b, searcher, cancelled))
    if isinstance(q, wq.Not):
        return {1.0: every_document(searcher) - _matching(q.query, searcher, cancelled)}
    if isinstance(q, wq.And):
        return _scaled(_and_levels(q, searcher, cancelled), q.boost)
    levels: Levels = {}
    for child in q.children():
        levels = _added(levels, set_levels(child, searcher, cancelled), keep_either=True)
    return _scaled(levels, q.boost)


def matched(levels: Levels) -> set[int]:
    return set().union(*levels.values())


def _and_levels(q: wq.And, searcher, cancelled: Cancelled) -> Levels:
    wanted = [child for child in q.children() if not isinstance(child, wq.Not)]
    unwanted = [child.query for child in q.children() if isinstance(child, wq.Not)]
    levels: Levels | None = None
    for child in wanted:
        part = set_levels(child, searcher, cancelled)
        levels = part if levels is None else _added(levels, part, keep_either=False)
    if levels is None:
        levels = {0.0: every_document(searcher)}
    for child in unwanted:
        levels = _without(levels, _matching(child, searcher, cancelled))
    # Whoosh's AND adds 1 (the NOT's own boost) for each NOT beside the words.
    left_out = sum(child.boost for child in q.children() if isinstance(child, wq.Not))
    return {score + left_out: docs for score, docs in levels.items()} if left_out else levels


def _added(first: Levels, second: Levels, keep_either: bool) -> Levels:
    """Documents in both get the sum of their scores; with keep_either (OR),
    those in one only keep its score, else (AND) they are dropped."""
    result: Levels = {}

    def put(score: float, docs: set[int]) -> None:
        if docs:
            result.setdefault(score, set()).update(docs)

    for score, docs in first.items():
        for other_score, other_docs in second.items():
            put(score + other_score, docs & other_docs)
    if keep_either:
        in_first, in_second = matched(first), matched(second)
        for score, docs in first.items():
            put(score, docs - in_second)
        for score, docs in second.items():
            put(score, docs - in_first)
    return result


def _without(levels: Levels, left_out: set[int]) -> Levels:
    return {score: kept for score, docs in levels.items() if (kept := docs - left_out)}


def _scaled(levels: Levels, boost: float) -> Levels:
    return levels if boost == 1.0 else {score * boost: docs for score, docs in levels.items()}


def every_document(searcher) -> set[int]:
    """Every document of the index not deleted (top-level numbers)."""
    reader = searcher.reader()
    if not reader.has_deletions():
        return set(range(reader.doc_count_all()))
    return set(reader.all_doc_ids())


def _matching(q: wq.Query, searcher, cancelled: Cancelled) -> set[int]:
    """The documents a query matches, scores left aside (what a NOT leaves out)."""
    if answerable_by_sets(q):
        return matched(set_levels(q, searcher, cancelled))
    found = set()
    for count, docnum in enumerate(searcher.docs_for_query(q)):
        if count % 1024 == 0:
            check_cancelled(cancelled)
        found.add(docnum)
    return found
