"""What counting the trends of 20 terms costs, against plain searches of the same terms.

    .venv/bin/python bench/trends.py --index /work/bench-data/i100k [--rounds 3]

In one process, on one searcher (warmed up as the window warms it): each
term's count per period as newsfind.trends counts it (its date_counts, the
terms list's part) and a plain search of it (its first page of 20 hits with
snippets, as the window lists them), alternating, `rounds` times; the median
of each is printed per term with their ratio, then the whole count_trends
(the 20 terms and every article's count per month) as the window's worker runs it.
"""

from __future__ import annotations

import argparse
import statistics
import time

from newsfind.search import ArchiveSearcher
from newsfind.trends import EVERY_ARTICLE, TermLine, count_trends

TERMS = ("Trump", "Clinton", "Putin", "Merkel", '"Theresa May"', 'Brexit OR "European Union"', "Obama",
         "Nigeria OR Ethiopia", '"North Korea"', "police", "Malaysia*", "refugees", '"climate change"',
         "health", "Congress", "election", '"White House"', "China", "Russia OR Russian", "terror*")


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with ArchiveSearcher(options.index) as searcher:
        started = time.perf_counter()
        searcher.warm_up()
        print(f"{searcher.doc_count:,} articles; warm-up {time.perf_counter() - started:.2f} s")
        trend_s: dict[str, list[float]] = {term: [] for term in TERMS}
        search_s: dict[str, list[float]] = {term: [] for term in TERMS}
        totals: dict[str, int] = {}
        for _ in range(options.rounds):
            for term in TERMS:
                started = time.perf_counter()
                totals[term] = sum(searcher.date_counts(term).values())
                trend_s[term].append(time.perf_counter() - started)
                started = time.perf_counter()
                searcher.search(term)
                search_s[term].append(time.perf_counter() - started)
        print(f"{'term':30} {'matches':>8} {'trend ms':>9} {'search ms':>9} {'ratio':>6}")
        for term in TERMS:
            trend, search = median_ms(trend_s[term]), median_ms(search_s[term])
            print(f"{term:30} {totals[term]:8,} {trend:9.1f} {search:9.1f} {trend / search:6.2f}")
        trend_sum = sum(median_ms(trend_s[t]) for t in TERMS)
        search_sum = sum(median_ms(search_s[t]) for t in TERMS)
        print(f"{'sum of medians':30} {'':8} {trend_sum:9.1f} {search_sum:9.1f} {trend_sum / search_sum:6.2f}")
        every = []
        whole = []
        for _ in range(options.rounds):
            started = time.perf_counter()
            searcher.date_counts(EVERY_ARTICLE)
            every.append(time.perf_counter() - started)
            started = time.perf_counter()
            trends = count_trends([searcher], [TermLine(n, term) for n, term in enumerate(TERMS, start=1)])
            whole.append(time.perf_counter() - started)
        print(f"every article's count ({EVERY_ARTICLE}): {median_ms(every):.1f} ms; count_trends of the "
              f"{len(TERMS)} terms by {trends.unit} ({len(trends.periods)} periods): {median_ms(whole):.0f} ms "
              f"(median of {options.rounds})")


if __name__ == "__main__":
    main()
