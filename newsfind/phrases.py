"""Phrases found from blocks of postings, scored as Whoosh scores them.

Whoosh matches a phrase document by document, reading the spans of every word
in every article that holds them all: "year state" took 1.3-1.9 s over
100,000 articles, and a phrase repeating common words 8 s. Here the articles
holding every word are found first, a block of postings at a time; only
there are positions decoded: the rarest word's give each article's possible
starts, and each other word (each distinct word once) keeps the starts it
continues. The articles left are scored as Whoosh's AND of the words, which
is exactly the score Whoosh gives a phrase match (a test compares the two).
"""

from __future__ import annotations

import bisect

from whoosh import matching
from whoosh import query as wq

from newsfind import whoosh_compat as compat
from newsfind.cancellation import Cancelled, check_cancelled, never


class FastPhrase(wq.Phrase):
    """A phrase (consecutive words) answered from blocks of postings."""

    def __init__(self, fieldname: str, words: list[str], boost: float = 1.0, cancelled: Cancelled = never) -> None:
        super().__init__(fieldname, words, slop=1, boost=boost)
        self._cancelled = cancelled

    def matcher(self, searcher, context=None):
        found = sorted(self.documents(searcher.reader()))  # one segment's reader
        if not found:
            return matching.NullMatcher()
        scored = wq.And([wq.Term(self.fieldname, word) for word in self.words], boost=self.boost)
        return OnlyMatcher(scored.matcher(searcher, context), found)

    def documents(self, reader, wanted: compat.Wanted | None = None) -> dict[int, tuple[float, ...]]:
        """The documents of a segment (a leaf reader) holding the phrase (only
        the wanted ones, when given), each with the weight there of every word
        of the phrase, in order (to score them)."""
        terms = [word.encode("utf-8") for word in self.words]
        if not terms or any((self.fieldname, term) not in reader for term in terms):
            return {}
        decode = compat.positions_decoder(reader.schema[self.fieldname].format)
        offsets: dict[bytes, list[int]] = {}
        for place, term in enumerate(terms):
            offsets.setdefault(term, []).append(place)
        order = sorted(offsets, key=lambda term: reader.doc_frequency(self.fieldname, term))
        postings = self._postings_in_all(reader, order, wanted)
        holding_all = set(postings[order[-1]])  # each word's postings were cut to those holding the ones before
        starts: dict[int, set[int]] | None = None
        for term in order:
            check_cancelled(self._cancelled)
            starts = self._continue(postings[term], offsets[term], holding_all, starts, decode)
            if not starts:
                return {}
        return {docnum: tuple(postings[term][docnum][0] for term in terms) for docnum in starts}

    def _postings_in_all(self, reader, order: list[bytes],
                         wanted: compat.Wanted | None) -> dict[bytes, dict[int, tuple[float, bytes]]]:
        """Each word's (weight, encoded positions) in the documents holding every
        word, read a block at a time: each word's only in the documents holding
        the rarer ones (blocks holding none of them are passed over)."""
        postings: dict[bytes, dict[int, tuple[float, bytes]]] = {}
        for term in order:
            here: dict[int, tuple[float, bytes]] = {}
            blocks = compat.posting_positions(reader, self.fieldname, term, wanted)
            for count, (ids, weights, values) in enumerate(blocks):
                if count % 8 == 7:
                    check_cancelled(self._cancelled)
                here.update(zip(ids, zip(weights, values)))
            postings[term] = here
            if not here:
                return {term: postings.get(term, {}) for term in order}
            wanted = compat.Wanted(here)
        return postings

    def _continue(self, postings: dict[int, tuple[float, bytes]], places: list[int], candidates: set[int],
                  starts: dict[int, set[int]] | None, decode) -> dict[int, set[int]]:
        """The starts (per document) that this word, at each of its places in the
        phrase, continues (first word: in every document holding all the words)."""
        kept: dict[int, set[int]] = {}
        for count, docnum in enumerate(candidates if starts is None else starts):
            if count % 1024 == 1023:
                check_cancelled(self._cancelled)
            positions = decode(postings[docnum][1])
            # a start fits when the word stands at every one of its places after it
            here = set.intersection(*(set(map((-place).__add__, positions)) for place in places))
            if starts is not None:
                here &= starts[docnum]
            if here:
                kept[docnum] = here
        return kept


class OnlyMatcher(matching.WrappingMatcher):
    """The child's matches, only at the given documents (each of which it matches)."""

    def __init__(self, child, docnums: list[int]) -> None:
        super().__init__(child)
        self._docnums = docnums
        self._at = 0
        self._align()

    def _align(self) -> None:
        while self._at < len(self._docnums):
            wanted = self._docnums[self._at]
            if self.child.is_active() and self.child.id() < wanted:
                self.child.skip_to(wanted)
            if not self.child.is_active():
                self._at = len(self._docnums)
                return
            if self.child.id() == wanted:
                return
            self._at += 1

    def is_active(self) -> bool:
        return self._at < len(self._docnums)

    def id(self) -> int:
        return self._docnums[self._at]

    def next(self) -> None:
        self._at += 1
        self._align()

    def skip_to(self, docnum: int) -> None:
        self._at = max(self._at, bisect.bisect_left(self._docnums, docnum))
        self._align()

    def supports_block_quality(self) -> bool:
        return False

    def replace(self, minquality=0):
        return self

    def copy(self):
        return OnlyMatcher(self.child.copy(), self._docnums[self._at:])

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()


def loosened(q: wq.Query) -> wq.Query:
    """The query with each phrase not under NOT read as the AND of its words: it
    matches every document the query matches, and more, found without reading
    a position (a concordance then finds each phrase where it reads the spans)."""
    if isinstance(q, wq.Phrase):
        return wq.And([wq.Term(q.fieldname, word) for word in q.words], boost=q.boost)
    if isinstance(q, wq.AndNot):
        return wq.AndNot(loosened(q.a), q.b)  # (what is left out stays exactly what it was)
    if isinstance(q, wq.Not):
        return q
    if type(q) in (wq.And, wq.Or):
        return type(q)([loosened(child) for child in q.subqueries], boost=q.boost)
    return q
