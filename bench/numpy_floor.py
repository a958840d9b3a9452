"""How fast scoring could be with each word's postings as plain arrays (an experiment).

    pip install numpy   # not a dependency of newsfind (yet)
    .venv/bin/python bench/numpy_floor.py --index DIR --queries FILE.tsv

Reads, once, every posting of the words of the common-word, rare-word and
two-word-AND queries (a `queries.tsv` written by bench/run.py) into NumPy
arrays, one per word and segment, as a codec storing them whole (no block
headers, no positions beside them) would hand them over. Then times, query by
query and beside today's ArchiveSearcher.search() without snippets in the same
process: BM25F of every posting (Whoosh's formula and numbers) added into one
array of scores, the AND as a mask, the total counted and the top 20 chosen.
Checks that both find the same number of articles. The reading from disk is
not timed: this is the floor of scoring from such arrays, not a codec.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from whoosh.util.numeric import byte_to_length

from newsfind import whoosh_compat as compat
from newsfind.analysis import analyse
from newsfind.search import ArchiveSearcher

FIELD_BOOSTS = {"title": 2.0, "body": 1.0}  #: as the query parser boosts them


class PostingArrays:
    """Each (field, term)'s postings over the whole index: document numbers and weights."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.leaves = list(searcher.leaf_searchers())
        self.count = searcher.doc_count_all()
        self.lengths = {field: self._lengths(field) for field in FIELD_BOOSTS}
        weighting = searcher.weighting
        self.K1, self.B = weighting.K1, weighting.B
        self.norms = {field: self._norms(field) for field in FIELD_BOOSTS}
        self._arrays: dict[tuple[str, str], list[tuple[np.ndarray, np.ndarray]]] = {}

    def _lengths(self, field: str) -> np.ndarray:
        lengths = np.zeros(self.count, dtype=np.uint8)
        for sub, offset in self.leaves:
            raw = compat.field_length_bytes(sub.reader(), field)
            if raw is not None:
                lengths[offset:offset + len(raw)] = np.frombuffer(raw, dtype=np.uint8)
        return lengths

    def _norms(self, field: str) -> np.ndarray:
        average = self.searcher.avg_field_length(field) or 1
        return np.array([self.K1 * ((1 - self.B) + self.B * byte_to_length(b) / average) for b in range(256)])

    def of(self, field: str, term: str) -> list[tuple[np.ndarray, np.ndarray]]:
        key = (field, term)
        if key not in self._arrays:
            arrays = []
            for sub, offset in self.leaves:
                reader = sub.reader()
                if (field, term.encode("utf-8")) in reader:
                    ids, weights = [], []
                    for block_ids, block_weights in compat.posting_weights(reader, field, term.encode("utf-8")):
                        ids.extend(block_ids)
                        weights.extend(block_weights)
                    arrays.append((np.asarray(ids, dtype=np.int64) + offset, np.asarray(weights, dtype=np.float64)))
            self._arrays[key] = arrays
        return self._arrays[key]

    def word(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Scores and matches of a word in the title or the body."""
        scores, matched = np.zeros(self.count), np.zeros(self.count, dtype=bool)
        for field, boost in FIELD_BOOSTS.items():
            idf = self.searcher.idf(field, term.encode("utf-8"))
            for ids, weights in self.of(field, term):
                part = idf * (weights * (self.K1 + 1)) / (weights + self.norms[field][self.lengths[field][ids]])
                scores[ids] += part * boost
                matched[ids] = True
        return scores, matched

    def search(self, terms: list[str]) -> tuple[int, np.ndarray]:
        scores, matched = self.word(terms[0])
        for term in terms[1:]:
            more, also = self.word(term)
            scores += more
            matched &= also
        total = int(matched.sum())
        ranked = np.where(matched, scores, -1.0)
        top = min(20, total)
        return total, np.argpartition(-ranked, top)[:top] if top else ranked[:0]


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
    arrays = PostingArrays(searcher._searcher)
    rows = [line.rstrip("\n").split("\t") for line in open(args.queries, encoding="utf-8")]
    print("kind: p50 / p95 ms, scoring from arrays | today's search without snippets")
    for kind in ("common", "rare", "and"):
        texts = [row[1] for row in rows if row[0] == kind]
        terms = [[term for term, *_ in analyse(text)] for text in texts]
        for text, words in zip(texts, terms):  # read the arrays, warm both ways
            arrays.search(words)
            searcher.search(text, snippets=False)
        ours, today = [], []
        for text, words in zip(texts, terms):
            started = time.perf_counter()
            total, _ = arrays.search(words)
            ours.append(time.perf_counter() - started)
            getattr(searcher, "_totals", {}).clear()  # a new query each time, as bench/run.py times it
            started = time.perf_counter()
            found = searcher.search(text, snippets=False)
            today.append(time.perf_counter() - started)
            assert found.total == total, (text, found.total, total)
        print(f"{kind}: {percentiles(ours)} | {percentiles(today)}  ({len(texts)} queries)")


if __name__ == "__main__":
    main()
