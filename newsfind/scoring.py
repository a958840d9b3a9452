"""Whoosh's BM25F scores for a whole query, a posting list at a time.

Whoosh scores document at a time: for every match it moves a tree of
matchers one step and asks each term for its score, looking up the
document's field length through three calls, all in Python. A common word
over 100,000 articles took 0.7 s that way, four fuzzy words 1.2 s. Here each
term's postings are read a block at a time and scored in one loop, with the
field-length part of BM25F taken from a table of the 256 stored length bytes;
AND, OR and AND NOT then combine whole score tables. Every score is the one
Whoosh computes (the same formula on the same numbers); sums of several
terms may differ from Whoosh's in the last bit, since Whoosh adds them in
the order of its matcher tree (tests/test_scoring.py compares the two).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Collection

from whoosh import query as wq
from whoosh.util.numeric import byte_to_length

from newsfind import whoosh_compat as compat
from newsfind.cancellation import Cancelled, check_cancelled, never
from newsfind.phrases import FastPhrase
from newsfind.set_queries import Levels, answerable_by_sets, every_document, matched, set_levels

#: Document number (in the whole index) → score.
Scores = dict[int, float]
_SCORED_FIELDS = ("title", "body")


class FieldLengths:
    """Each segment's stored field lengths, read once (a segment never changes)."""

    def __init__(self) -> None:
        self._segments: dict[tuple[str, str], bytes | None] = {}

    def of(self, reader, fieldname: str) -> bytes | None:
        """One length byte per document of the segment a leaf reader reads."""
        key = (compat.reader_segment_name(reader) or "", fieldname)
        if key not in self._segments:
            self._segments[key] = compat.field_length_bytes(reader, fieldname)
        return self._segments[key]

    def keep_only(self, names: set[str]) -> None:
        """Forget segments a merge has replaced."""
        self._segments = {key: value for key, value in self._segments.items() if key[0] in names}


class QueryScorer:
    """Scores every document a query matches, over one searcher (all its segments)."""

    def __init__(self, searcher, lengths: FieldLengths, cancelled: Cancelled = never) -> None:
        self._searcher = searcher
        self._leaves = list(searcher.leaf_searchers())
        self._lengths = lengths
        self._cancelled = cancelled
        self._terms: dict[tuple[str, str], Scores] = {}

    @staticmethod
    def can_score(q: wq.Query, weighting) -> bool:
        """Whether every part of the query is one this scorer knows (else Whoosh answers)."""
        return compat.plain_bm25f(weighting) and _known(q)

    def scores(self, q: wq.Query, within: Within | None = None) -> Scores:
        """Document → score, for every document the query matches (only
        those `within`, when given: an AND's later parts)."""
        check_cancelled(self._cancelled)
        if answerable_by_sets(q):
            return _within(_from_levels(set_levels(q, self._searcher, self._cancelled)), within)
        if type(q) is wq.Term:
            found = self._term(q.fieldname, q.text, within)
            return found if q.boost == 1.0 else {docnum: score * q.boost for docnum, score in found.items()}
        if isinstance(q, FastPhrase):
            return self._phrase(q, within)
        if isinstance(q, wq.AndNot):
            return _without(self.scores(q.a, within), self.matching(q.b))
        if isinstance(q, wq.And):
            return _scaled(self._and(q, within), q.boost)
        return _scaled(self._or(q, within), q.boost)

    def matching(self, q: wq.Query) -> set[int]:
        """The documents the query matches, without scoring them (what a NOT
        leaves out, what the timeline counts)."""
        check_cancelled(self._cancelled)
        if answerable_by_sets(q):
            return matched(set_levels(q, self._searcher, self._cancelled))
        if type(q) is wq.Term:
            return self._term_docs(q.fieldname, q.text)
        if isinstance(q, FastPhrase):
            return {offset + docnum for subsearcher, offset in self._leaves for docnum in q.documents(subsearcher.reader())}
        if isinstance(q, wq.AndNot):
            return self.matching(q.a) - self.matching(q.b)
        if isinstance(q, wq.And):
            wanted = [self.matching(child) for child in q.children() if not isinstance(child, wq.Not)]
            found = set.intersection(*sorted(wanted, key=len)) if wanted else every_document(self._searcher)
            for child in q.children():
                if isinstance(child, wq.Not):
                    found -= self.matching(child.query)
            return found
        return set().union(*(self.matching(child) for child in q.children()))

    def _term_docs(self, fieldname: str, word: str) -> set[int]:
        if (fieldname, word) in self._terms:
            return set(self._terms[(fieldname, word)])
        text = word.encode("utf-8")
        found: set[int] = set()
        for subsearcher, offset in self._leaves:
            reader = subsearcher.reader()
            if (fieldname, text) in reader:
                for count, ids in enumerate(compat.posting_doc_ids(reader, fieldname, text)):
                    if count % 32 == 31:
                        check_cancelled(self._cancelled)
                    found.update(map(offset.__add__, ids))
        return found

    def _or(self, q: wq.Or, within: Within | None) -> Scores:
        parts = [self.scores(child, within) for child in q.children()]
        if len(parts) == 2:  # a word in the title or the body: a + b is b + a, so the
            parts.sort(key=len, reverse=True)  # larger table is copied whole and the smaller added
        total: Scores = {}
        for part in parts:
            if not total:
                total = dict(part)
                continue
            get = total.get
            for docnum, score in part.items():
                before = get(docnum)
                total[docnum] = score if before is None else before + score
        return total

    def _and(self, q: wq.And, within: Within | None) -> Scores:
        """The rarest part is scored first; each next part only where all before it match."""
        wanted = sorted((child for child in q.children() if not isinstance(child, wq.Not)), key=self._expected)
        unwanted = [child.query for child in q.children() if isinstance(child, wq.Not)]
        if wanted:
            total = self.scores(wanted[0], within)
            for child in wanted[1:]:
                if not total:
                    break
                part = self.scores(child, Within(total))
                total = {docnum: score + part[docnum] for docnum, score in total.items() if docnum in part}
        else:
            total = dict.fromkeys(every_document(self._searcher) if within is None else within.docnums, 0.0)
        for child in unwanted:
            total = _without(total, self.matching(child))
        # Whoosh's AND adds 1 (the NOT's own boost) for each NOT beside the words.
        left_out = sum(child.boost for child in q.children() if isinstance(child, wq.Not))
        return {docnum: score + left_out for docnum, score in total.items()} if left_out else total

    def _expected(self, q: wq.Query) -> float:
        """About how many documents a part of an AND matches, from the words'
        document frequencies (patterns and the like last: unknown)."""
        if type(q) is wq.Term:
            return self._searcher.doc_frequency(q.fieldname, q.text)
        if isinstance(q, FastPhrase):
            return min((self._searcher.doc_frequency(q.fieldname, word) for word in q.words), default=0)
        if isinstance(q, wq.AndNot):
            return self._expected(q.a)
        if type(q) is wq.And:
            return min((self._expected(child) for child in q.children() if not isinstance(child, wq.Not)),
                       default=float("inf"))
        if type(q) is wq.Or and not answerable_by_sets(q):
            return sum(self._expected(child) for child in q.children())
        return float("inf")

    def _phrase(self, q: FastPhrase, within: Within | None) -> Scores:
        """Where the words stand together, scored as Whoosh's AND of them."""
        total: Scores = {}
        for subsearcher, offset in self._leaves:
            reader = subsearcher.reader()
            found = q.documents(reader, None if within is None else within.of_segment(offset, reader.doc_count_all()))
            if not found:
                continue
            bm25 = [self._bm25(reader, q.fieldname, word) for word in q.words]
            for docnum, weights in found.items():
                score = 0.0
                for word_bm25, tf in zip(bm25, weights):
                    score += word_bm25(docnum, tf)
                total[offset + docnum] = score
        return _scaled(total, q.boost)

    def _term(self, fieldname: str, word: str, within: Within | None = None) -> Scores:
        """BM25F as Whoosh's BM25FScorer computes it, for every posting of the word."""
        key = (fieldname, word)
        if key in self._terms:
            return _within(self._terms[key], within)
        text = word.encode("utf-8")
        found: Scores = {}
        if (fieldname, text) in self._searcher.reader():
            idf, K1, norms = self._bm25_parts(fieldname, text)
            for subsearcher, offset in self._leaves:
                reader = subsearcher.reader()
                if (fieldname, text) not in reader:
                    continue
                lengths = self._segment_lengths(reader, fieldname)
                wanted = None if within is None else within.of_segment(offset, reader.doc_count_all())
                for count, (ids, weights) in enumerate(compat.posting_weights(reader, fieldname, text, wanted)):
                    if count % 32 == 31:
                        check_cancelled(self._cancelled)
                    for docnum, tf in zip(ids, weights):
                        found[offset + docnum] = idf * ((tf * (K1 + 1)) / (tf + norms[lengths[docnum]]))
        if within is None:
            self._terms[key] = found
        return found

    def _bm25(self, reader, fieldname: str, word: str):
        """The word's score in a document of a segment, given its weight there."""
        idf, K1, norms = self._bm25_parts(fieldname, word.encode("utf-8"))
        lengths = self._segment_lengths(reader, fieldname)
        return lambda docnum, tf: idf * ((tf * (K1 + 1)) / (tf + norms[lengths[docnum]]))

    def _bm25_parts(self, fieldname: str, text: bytes) -> tuple[float, float, list[float]]:
        """What bm25() needs besides the weight: the word's idf, K1, and its
        length part ``K1 * ((1 - B) + B * fl / avgfl)`` for each length byte."""
        weighting = self._searcher.weighting
        avgfl = self._searcher.avg_field_length(fieldname) or 1
        B, K1 = weighting.B, weighting.K1
        # bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
        norms = [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]
        return self._searcher.idf(fieldname, text), K1, norms

    def _segment_lengths(self, reader, fieldname: str) -> bytes:
        lengths = self._lengths.of(reader, fieldname)
        if lengths is None:  # without a length column Whoosh scores the length as 1
            lengths = bytes([_ONE]) * reader.doc_count_all()
        return lengths


class Within:
    """The only documents (numbered in the whole index) an AND's next part is
    scored in: those all its parts before match."""

    def __init__(self, docnums: Collection[int]) -> None:
        self.docnums = docnums
        self._in_order: list[int] | None = None
        self._segments: dict[int, compat.Wanted] = {}

    def of_segment(self, offset: int, count: int) -> compat.Wanted:
        """These documents in one segment, numbered there."""
        if offset not in self._segments:
            if self._in_order is None:
                self._in_order = sorted(self.docnums)
            here = self._in_order[bisect_left(self._in_order, offset):bisect_left(self._in_order, offset + count)]
            local = list(map((-offset).__add__, here))
            self._segments[offset] = compat.Wanted(set(local), local)
        return self._segments[offset]


#: The length byte that stands for a length of 1.
_ONE = next(b for b in range(256) if byte_to_length(b) == 1)


def _known(q: wq.Query) -> bool:
    if answerable_by_sets(q) or isinstance(q, FastPhrase):
        return True
    if type(q) is wq.Term:
        return q.fieldname in _SCORED_FIELDS
    if isinstance(q, wq.Not):
        return _known(q.query)
    if isinstance(q, wq.AndNot):
        return _known(q.a) and _known(q.b)
    if type(q) in (wq.And, wq.Or):
        return all(_known(child) for child in q.children())
    return False


def _from_levels(levels: Levels) -> Scores:
    found: Scores = {}
    for score, docs in levels.items():
        found.update(dict.fromkeys(docs, score))
    return found


def _within(scores: Scores, within: Within | None) -> Scores:
    return scores if within is None else {docnum: scores[docnum] for docnum in within.docnums if docnum in scores}


def _without(scores: Scores, left_out: set[int]) -> Scores:
    if not left_out:
        return scores
    return {docnum: score for docnum, score in scores.items() if docnum not in left_out}


def _scaled(scores: Scores, boost: float) -> Scores:
    return scores if boost == 1.0 else {docnum: score * boost for docnum, score in scores.items()}
