"""Queries answered from sets of documents rather than by scoring each one.

A pattern standing for hundreds of words, or a span of dates covering
thousands of days, would be a union of as many posting lists matched one
document at a time in Python (a date range over 100,000 articles took 4 s).
These build the set of matching documents of a segment at once, from blocks
of postings or from the date column, and give every one the same score.
"""

from __future__ import annotations

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
        here = self._lexicon.segment_words(reader, self.fieldname, self._cancelled)
        found: set[int] = set()
        for word in self.words:
            check_cancelled(self._cancelled)
            if word in here:
                for count, block in enumerate(compat.posting_doc_ids(reader, self.fieldname, word.encode("utf-8"))):
                    if count % 32 == 31:  # a word most articles hold has hundreds of blocks
                        check_cancelled(self._cancelled)
                    found.update(block)
        return found


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


def set_scores(q: wq.Query, searcher, cancelled: Cancelled) -> dict[int, float]:
    """Every matching document (top-level number) with its score, scored as
    Whoosh scores these queries: a leaf scores its boost, AND and OR add up
    what matched, AND NOT keeps the first part's score."""
    if q is wq.NullQuery:
        return {}
    check_cancelled(cancelled)
    if isinstance(q, wq.Every):
        return dict.fromkeys(searcher.reader().all_doc_ids(), q.boost)
    if isinstance(q, _SetQuery):
        found: dict[int, float] = {}
        for subsearcher, offset in searcher.leaf_searchers():
            found.update(dict.fromkeys((offset + docnum for docnum in q.documents(subsearcher.reader())), q.boost))
        return found
    if isinstance(q, wq.AndNot):
        kept = set_scores(q.a, searcher, cancelled)
        for docnum in _matching(q.b, searcher, cancelled) & kept.keys():
            del kept[docnum]
        return kept
    if isinstance(q, wq.Not):
        every = set_scores(wq.Every(), searcher, cancelled)
        return {docnum: 1.0 for docnum in every.keys() - _matching(q.query, searcher, cancelled)}
    if isinstance(q, wq.And):
        return _and_scores(q, searcher, cancelled)
    return _or_scores(q, searcher, cancelled)


def _and_scores(q: wq.And, searcher, cancelled: Cancelled) -> dict[int, float]:
    wanted = [child for child in q.children() if not isinstance(child, wq.Not)]
    unwanted = [child.query for child in q.children() if isinstance(child, wq.Not)]
    parts = [set_scores(child, searcher, cancelled) for child in wanted] or [set_scores(wq.Every(), searcher, cancelled)]
    common = set(parts[0]).intersection(*parts[1:])
    for child in unwanted:
        common -= _matching(child, searcher, cancelled)
    # Whoosh's AND adds 1 (the NOT's own boost) for each NOT beside the words.
    left_out = sum(child.boost for child in q.children() if isinstance(child, wq.Not))
    return {docnum: (sum(part[docnum] for part in parts) + left_out) * q.boost for docnum in common}


def _or_scores(q: wq.Or, searcher, cancelled: Cancelled) -> dict[int, float]:
    total: dict[int, float] = {}
    for child in q.children():
        for docnum, score in set_scores(child, searcher, cancelled).items():
            total[docnum] = total.get(docnum, 0.0) + score
    return {docnum: score * q.boost for docnum, score in total.items()} if q.boost != 1.0 else total


def _matching(q: wq.Query, searcher, cancelled: Cancelled) -> set[int]:
    """The documents a query matches, scores left aside (what a NOT leaves out)."""
    if answerable_by_sets(q):
        return set(set_scores(q, searcher, cancelled))
    found = set()
    for count, docnum in enumerate(searcher.docs_for_query(q)):
        if count % 1024 == 0:
            check_cancelled(cancelled)
        found.add(docnum)
    return found
