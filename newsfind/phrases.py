"""Phrases found from blocks of postings, scored as Whoosh scores them.

Whoosh matches a phrase document by document, reading the spans of every word
in every article that holds them all: "year state" took 1.3-1.9 s over
100,000 articles, and a phrase repeating common words 8 s. Here the articles
holding the phrase are found first, a block of postings at a time: the
rarest word's positions give each article's possible starts, and each other
word (decoded only for articles still in the running, each distinct word
once) keeps the starts it continues. Those articles are then scored by
Whoosh's AND of the words, which is exactly the score Whoosh gives a phrase
match (a test compares the two).
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
        found = self.documents(searcher.reader())  # one segment's reader
        if not found:
            return matching.NullMatcher()
        scored = wq.And([wq.Term(self.fieldname, word) for word in self.words], boost=self.boost)
        return OnlyMatcher(scored.matcher(searcher, context), found)

    def documents(self, reader) -> list[int]:
        """The documents of a segment (a leaf reader) holding the phrase, in order."""
        terms = [word.encode("utf-8") for word in self.words]
        if not terms or any((self.fieldname, term) not in reader for term in terms):
            return []
        return self._documents(reader, terms)

    def _documents(self, reader, terms: list[bytes]) -> list[int]:
        """The segment's documents where the words stand one after another."""
        decode = compat.positions_decoder(reader.schema[self.fieldname].format)
        offsets: dict[bytes, list[int]] = {}
        for place, term in enumerate(terms):
            offsets.setdefault(term, []).append(place)
        order = sorted(offsets, key=lambda term: reader.doc_frequency(self.fieldname, term))
        starts: dict[int, set[int]] | None = None
        for term in order:
            check_cancelled(self._cancelled)
            starts = self._continue(reader, term, offsets[term], starts, decode)
            if not starts:
                return []
        return sorted(starts)

    def _continue(self, reader, term: bytes, places: list[int], starts: dict[int, set[int]] | None,
                  decode) -> dict[int, set[int]]:
        """The starts (per document) that this word, at each of its places in the phrase, continues."""
        kept: dict[int, set[int]] = {}
        for count, (ids, values) in enumerate(compat.posting_positions(reader, self.fieldname, term)):
            if count % 32 == 31:
                check_cancelled(self._cancelled)
            for docnum, value in zip(ids, values):
                if starts is not None and docnum not in starts:
                    continue
                positions = decode(value)
                # a start fits when the word stands at every one of its places after it
                here = set.intersection(*({position - place for position in positions} for place in places))
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
