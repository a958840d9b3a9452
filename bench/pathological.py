"""How long the worst queries take: each must answer, or be refused, within 1 s.

    .venv/bin/python bench/pathological.py --index DIR [--rounds N]

Runs a fixed set of queries that once ran away (bare and leading wildcards,
many prefixes, long unknown words, fuzzy words, word ranges, lone NOTs, long
ORs and phrases) through ArchiveSearcher.search() with snippets, as the window
asks, in one process on an index built beforehand (`newsfind index ARCHIVE
--index-dir DIR`). Each query is timed on a freshly opened searcher ("cold":
the words of the index not yet read), on one that read them first as the
window does when it opens an archive ("opened"), and then again ("warm"); a
common word is timed the same way as the reference, and every warm figure is
given as a ratio to it too. Prints one line per query and the slowest of each.
"""

from __future__ import annotations

import argparse
import statistics
import time

from newsfind.search import ArchiveSearcher, QueryError

REFERENCE = "year"
QUERIES = [
    "*", "*a*", "*a* OR *e*", "a* b* c* d*", "*e* *i* *o* *u*", "?", "??*", "*?*",
    "a" * 1000, "a" * 999 + " b", "abcdefghijklmnopqrstuvwxyzabcdefghij~2",
    "goverment~2 presidnet~2 minsiter~2 elecion~2", "s*", "p* OR q* OR r*",
    "NOT year", "-year", "NOT a*", "title:[a TO z]", "date:[1000 TO 2999]", "date:>1900",
    " OR ".join(f"w{i}*" for i in range(24)),
    " ".join(["year", "state", "said", "people", "time"] * 40),
    '"' + " ".join(["year", "state"] * 60) + '"', '"' + " ".join(["year", "state"] * 8) + '"', '"year state"',
    "(" * 200 + "year" + ")" * 200,
    "qzxv wqzt ptkq zzqv xxqj vvqz jjqx kkqz",  # unknown words: "did you mean"
    "<script>alert(1)</script>", "NOT NOT NOT", "\ud800~",
]


def timed(searcher: ArchiveSearcher, query: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        result = searcher.search(query, page_size=20)
        outcome = f"{result.total:,} hits" + (f" ({result.notes[0][:60]}…)" if result.notes else "")
    except QueryError as error:
        outcome = f"refused: {str(error)[:70]}"
    return time.perf_counter() - started, outcome


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--rounds", type=int, default=3, help="warm runs per query (the median is shown)")
    args = parser.parse_args()
    with ArchiveSearcher(args.index) as probe:
        print(f"index {args.index}: {probe.doc_count:,} articles")
    rows = []
    warm_ups = []
    for query in [REFERENCE] + QUERIES:
        with ArchiveSearcher(args.index) as searcher:
            cold, outcome = timed(searcher, query)
            warm = statistics.median(timed(searcher, query)[0] for _ in range(args.rounds))
        with ArchiveSearcher(args.index) as searcher:  # as the window opens an archive
            started = time.perf_counter()
            searcher.warm_up()
            warm_ups.append(time.perf_counter() - started)
            opened = timed(searcher, query)[0]
        rows.append((query, cold, warm, opened, outcome))
    ref_warm = rows[0][2]
    print(f"{'query':44} {'cold ms':>9} {'opened ms':>9} {'warm ms':>9} {'×ref warm':>9}  outcome")
    for query, cold, warm, opened, outcome in rows:
        shown = query if len(query) <= 40 else query[:37] + f"…({len(query)})"
        print(f"{shown!r:44} {cold * 1000:9.1f} {opened * 1000:9.1f} {warm * 1000:9.1f} {warm / ref_warm:9.1f}  {outcome}")
    print("cold: the first query of a new searcher; opened: the first after warm_up(), as the window "
          f"does on opening an archive (warm_up: median {statistics.median(warm_ups) * 1000:.0f} ms); "
          "warm: the median of the next runs")
    print(f"reference {REFERENCE!r}: cold {rows[0][1] * 1000:.1f} ms, warm {ref_warm * 1000:.1f} ms")
    for column, name in ((1, "cold"), (3, "opened"), (2, "warm")):
        slowest = max(rows[1:], key=lambda row: row[column])
        print(f"slowest {name}: {slowest[0][:40]!r} {slowest[column] * 1000:.0f} ms (target: each under 1,000 ms)")

if __name__ == "__main__":
    main()
