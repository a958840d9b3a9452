"""How fast scoring could be with each word's postings read whole (an experiment for #12).

    .venv/bin/python bench/scoring_floor.py --index DIR --queries FILE.tsv
    (pip install numpy first for the NumPy way; it is not a dependency of newsfind)

Reads, once, every posting of the words of the common-word, rare-word and
two-word-AND queries (a `queries.tsv` written by bench/run.py), one list per
word and segment, as a codec storing them whole (no blocks of 128, no
positions beside them) would. Then times, query by query and beside today's
ArchiveSearcher.search() without snippets in the same process:

- "arrays": NumPy arrays; BM25F of every posting (Whoosh's formula and
  numbers) added into one array of scores, the AND as a mask, the total
  counted and the top 20 chosen.
- "builtins": each list stored as Whoosh's W3 codec stores one block (a
  zlib-compressed pickle of an array of id gaps and one of weights), decoded
  and scored with C-level builtins only (accumulate, map over a table of the
  distinct (weight, length) pairs, dicts, heapq).

Checks that every way finds the same number of articles. The reading from
disk is not timed: these are floors, not codecs.
"""

from __future__ import annotations

import argparse
import heapq
import pickle
import statistics
import time
import zlib
from array import array
from itertools import accumulate
from operator import itemgetter

from whoosh.util.numeric import byte_to_length

from newsfind import whoosh_compat as compat
from newsfind.analysis import analyse
from newsfind.search import ArchiveSearcher

try:
    import numpy as np
except ImportError:  # the builtins way still runs
    np = None

FIELD_BOOSTS = {"title": 2.0, "body": 1.0}  #: as the query parser boosts them


class WholePostings:
    """Each (field, term)'s postings in each segment, read whole once: document
    numbers (in the whole index) and weights; and what BM25F needs beside them."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.leaves = list(searcher.leaf_searchers())
        self.count = searcher.doc_count_all()
        self.lengths = {field: self._lengths(field) for field in FIELD_BOOSTS}
        self.K1, self.B = searcher.weighting.K1, searcher.weighting.B
        self.norms = {field: self._norms(field) for field in FIELD_BOOSTS}
        self._lists: dict[tuple[str, str], list[tuple[list[int], list[float]]]] = {}

    def _lengths(self, field: str) -> bytes:
        lengths = bytearray(self.count)
        for sub, offset in self.leaves:
            raw = compat.field_length_bytes(sub.reader(), field)
            if raw is not None:
                lengths[offset:offset + len(raw)] = raw
        return bytes(lengths)

    def _norms(self, field: str) -> list[float]:
        average = self.searcher.avg_field_length(field) or 1
        return [self.K1 * ((1 - self.B) + self.B * byte_to_length(b) / average) for b in range(256)]

    def idf(self, field: str, term: str) -> float:
        return self.searcher.idf(field, term.encode("utf-8"))

    def of(self, field: str, term: str) -> list[tuple[list[int], list[float]]]:
        key = (field, term)
        if key not in self._lists:
            lists = []
            for sub, offset in self.leaves:
                reader = sub.reader()
                if (field, term.encode("utf-8")) in reader:
                    ids: list[int] = []
                    weights: list[float] = []
                    for block_ids, block_weights in compat.posting_weights(reader, field, term.encode("utf-8")):
                        ids.extend(offset + docnum for docnum in block_ids)
                        weights.extend(block_weights)
                    lists.append((ids, weights))
            self._lists[key] = lists
        return self._lists[key]


class ArrayScorer:
    """Scores with NumPy, over one array of scores as long as the index."""

    def __init__(self, postings: WholePostings) -> None:
        self.postings = postings
        self.lengths = {field: np.frombuffer(raw, dtype=np.uint8) for field, raw in postings.lengths.items()}
        self.norms = {field: np.array(norms) for field, norms in postings.norms.items()}
        self._arrays = {}

    def _arrays_of(self, field: str, term: str):
        if (field, term) not in self._arrays:
            self._arrays[(field, term)] = [(np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64))
                                           for ids, weights in self.postings.of(field, term)]
        return self._arrays[(field, term)]

    def word(self, term: str):
        K1 = self.postings.K1
        scores, matched = np.zeros(self.postings.count), np.zeros(self.postings.count, dtype=bool)
        for field, boost in FIELD_BOOSTS.items():
            idf = self.postings.idf(field, term)
            for ids, weights in self._arrays_of(field, term):
                part = idf * (weights * (K1 + 1)) / (weights + self.norms[field][self.lengths[field][ids]])
                scores[ids] += part * boost
                matched[ids] = True
        return scores, matched

    def search(self, terms: list[str]) -> int:
        scores, matched = self.word(terms[0])
        for term in terms[1:]:
            more, also = self.word(term)
            scores += more
            matched &= also
        total = int(matched.sum())
        top = min(20, total)
        if top:
            np.argpartition(-np.where(matched, scores, -1.0), top)[:top]
        return total


class BuiltinScorer:
    """Scores lists stored as one W3 block each, with C-level builtins only."""

    def __init__(self, postings: WholePostings) -> None:
        self.postings = postings
        self._blocks: dict[tuple[str, str], list[bytes]] = {}

    def _blocks_of(self, field: str, term: str) -> list[bytes]:
        if (field, term) not in self._blocks:
            self._blocks[(field, term)] = [
                zlib.compress(pickle.dumps((array("I", [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]),
                                            array("f", weights)), -1), 3)
                for ids, weights in self.postings.of(field, term)]
        return self._blocks[(field, term)]

    def _term(self, field: str, term: str, boost: float) -> dict[int, float]:
        idf, norms, lengths = self.postings.idf(field, term), self.postings.norms[field], self.postings.lengths[field]
        K1 = self.postings.K1
        found: dict[int, float] = {}
        for block in self._blocks_of(field, term):
            gaps, weights = pickle.loads(zlib.decompress(block))
            ids = list(accumulate(gaps))
            pairs = list(zip(weights, map(lengths.__getitem__, ids)))
            table = {pair: idf * (pair[0] * (K1 + 1)) / (pair[0] + norms[pair[1]]) * boost for pair in set(pairs)}
            found.update(zip(ids, map(table.__getitem__, pairs)))
        return found

    def word(self, term: str) -> dict[int, float]:
        title, body = self._term("title", term, 2.0), self._term("body", term, 1.0)
        smaller, larger = sorted((title, body), key=len)
        for docnum, score in smaller.items():
            larger[docnum] = larger.get(docnum, 0.0) + score
        return larger

    def search(self, terms: list[str]) -> int:
        total = self.word(terms[0])
        for term in terms[1:]:
            more = self.word(term)
            total = {docnum: total[docnum] + more[docnum] for docnum in total.keys() & more.keys()}
        heapq.nlargest(20, total.items(), key=itemgetter(1))
        return len(total)


def percentiles(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    return f"{statistics.median(ordered) * 1000:.1f} / {ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", required=True, help="queries.tsv written by bench/run.py")
    args = parser.parse_args()
    searcher = ArchiveSearcher(args.index)
    searcher.warm_up()
    postings = WholePostings(searcher._searcher)
    ways = {"builtins": BuiltinScorer(postings)}
    if np is not None:
        ways["arrays"] = ArrayScorer(postings)
    rows = [line.rstrip("\n").split("\t") for line in open(args.queries, encoding="utf-8")]
    print("p50 / p95 ms per kind: " + ", ".join(ways) + ", today's search without snippets")
    for kind in ("common", "rare", "and"):
        texts = [row[1] for row in rows if row[0] == kind]
        terms = [[term for term, *_ in analyse(text)] for text in texts]
        for text, words in zip(texts, terms):  # read the postings, warm every way
            for way in ways.values():
                way.search(words)
            searcher.search(text, snippets=False)
        times: dict[str, list[float]] = {name: [] for name in [*ways, "today"]}
        for text, words in zip(texts, terms):
            totals = set()
            for name, way in ways.items():
                started = time.perf_counter()
                totals.add(way.search(words))
                times[name].append(time.perf_counter() - started)
            getattr(searcher, "_totals", {}).clear()  # a new query each time, as bench/run.py times it
            started = time.perf_counter()
            totals.add(searcher.search(text, snippets=False).total)
            times["today"].append(time.perf_counter() - started)
            assert len(totals) == 1, (text, totals)
        print(f"{kind}: " + " | ".join(f"{name} {percentiles(spent)}" for name, spent in times.items())
              + f"  ({len(texts)} queries)")


if __name__ == "__main__":
    main()
