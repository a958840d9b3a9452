"""The concordance's time to its first lines and to all of them, per kind of query.

    .venv/bin/python bench/concordance.py --index /work/bench-data/i100k [--rounds 3]

For each query, in one process and alternated query by query: a plain search's
first page (20 hits with snippets: the reference), the concordance's first 50
lines (what the window shows first) and all its lines. Target: first lines
within 200 ms at 100,000 articles. Medians over the rounds, after a warm-up
round (the index's words and date column read, as the window does on opening).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from pathlib import Path

from newsfind.concordance import concordance
from newsfind.search import ArchiveSearcher

QUERIES = {
    "rare word": ["zika", "glacier", "pension", "cholera", "referendum"],
    "common word": ["government", "people", "year", "police", "president"],
    "phrase": ['"prime minister"', '"white house"', '"united states"', '"human rights"', '"police said"'],
    "OR": ["trump OR clinton", "police OR army", "tax OR budget", "refugees OR migrants", "russia OR china"],
}
FIRST_LINES = 50


def timed(searcher: ArchiveSearcher, query: str) -> tuple[float, float, float, int]:
    """(search first page, first 50 lines, all lines) in seconds, and how many lines."""
    started = time.perf_counter()
    searcher.search(query)
    searched = time.perf_counter() - started
    started = time.perf_counter()
    lines = concordance(searcher, query)
    first = list(itertools.islice(lines, FIRST_LINES))
    to_first = time.perf_counter() - started
    count = len(first) + sum(1 for _ in lines)
    return searched, to_first, time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with ArchiveSearcher(args.index) as searcher:
        opened = time.perf_counter()
        searcher.warm_up()
        print(f"{searcher.doc_count:,} articles; words read in {time.perf_counter() - opened:.2f} s")
        runs: dict[str, list[tuple[float, float, float, int]]] = {}
        for round_number in range(args.rounds + 1):  # round 0 warms up
            for query in itertools.chain(*QUERIES.values()):
                result = timed(searcher, query)
                if round_number:
                    runs.setdefault(query, []).append(result)
        report(runs)


def report(runs: dict[str, list[tuple[float, float, float, int]]]) -> None:
    print(f"{'kind':<12} {'query':<22} {'lines':>8} {'search':>9} {'first 50':>9} {'ratio':>6} {'all':>9}")
    worst = 0.0
    for kind, queries in QUERIES.items():
        firsts, ratios = [], []
        for query in queries:
            searched, first, whole = (statistics.median(run[n] for run in runs[query]) for n in range(3))
            count = runs[query][0][3]
            firsts.append(first)
            ratios.append(first / searched)
            worst = max(worst, first)
            print(f"{kind:<12} {query:<22} {count:>8,} {searched * 1000:>7.1f}ms {first * 1000:>7.1f}ms "
                  f"{first / searched:>5.2f}x {whole:>8.2f}s")
        print(f"{kind:<12} {'median':<22} {'':>8} {'':>9} {statistics.median(firsts) * 1000:>7.1f}ms "
              f"{statistics.median(ratios):>5.2f}x")
    print(f"slowest first lines: {worst * 1000:.1f} ms (target 200 ms: {'met' if worst <= 0.2 else 'MISSED'})")


if __name__ == "__main__":
    main()
