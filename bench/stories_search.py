"""What listing stories costs a search: the same queries plain and collapsed, alternated in one process.

    .venv/bin/python bench/stories_search.py --index INDEX_DIR [--rounds 5]

Per kind of query, the median time of a first page of 30 hits with snippets
(as the window asks) plain and collapsed, their ratio, and the timeline's
counts of articles and of stories. Use an index of an archive with copies
(`bench/wire_copies.py --write`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsfind.search import ArchiveSearcher  # noqa: E402

QUERIES = {
    "common word": ["government", "people", "year", "police", "president"],
    "rare word": ["zika", "glacier", "pension", "cholera", "referendum"],
    "phrase": ['"prime minister"', '"white house"', '"united states"', '"human rights"'],
    "OR": ["trump OR clinton", "police OR army", "russia OR china"],
    "prefix": ["gov*", "elect*", "immigr*"],
    "every article": ["*"],
}


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    searcher = ArchiveSearcher(options.index)
    searcher.warm_up()
    families = searcher.families()
    print(f"{searcher.doc_count:,} articles, {len(families.members):,} families holding {len(families.family):,}")
    print(f"{'kind':14} {'query':20} {'articles':>9} {'stories':>8} {'plain':>8} {'collapsed':>10} {'ratio':>6}"
          f" {'timeline':>9} {'by story':>9}")
    for kind, queries in QUERIES.items():
        ratios = []
        for query in queries:
            times: dict[str, list[float]] = {"plain": [], "collapsed": [], "dates": [], "stories": []}
            for _ in range(options.rounds):
                times["plain"].append(timed(lambda: searcher.search(query, page_size=30)))
                times["collapsed"].append(timed(lambda: searcher.search(query, page_size=30, collapse=True)))
                times["dates"].append(timed(lambda: searcher.date_counts(query)))
                times["stories"].append(timed(lambda: searcher.date_counts(query, stories=True)))
            result = searcher.search(query, page_size=1, collapse=True)
            median = {name: statistics.median(values) * 1000 for name, values in times.items()}
            ratios.append(median["collapsed"] / median["plain"])
            print(f"{kind:14} {query:20} {result.total:9,} {result.stories:8,} {median['plain']:6.1f}ms "
                  f"{median['collapsed']:8.1f}ms {ratios[-1]:5.2f}x {median['dates']:7.1f}ms {median['stories']:7.1f}ms")
        print(f"{kind:14} {'median ratio':20} {'':9} {'':8} {'':8} {'':10} {statistics.median(ratios):5.2f}x")


if __name__ == "__main__":
    main()
