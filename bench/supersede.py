"""How soon a new search starts when the user types over a slow one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/supersede.py --index DIR [--rounds N]

The window's search worker runs in its own thread, as in the window. For each
slow query of bench/pathological.py, the query is asked, and once the worker
has been at it for a while (0.1 s, or 0.3 s), the user "types" `police`: the
time from that keystroke (the window bumping `latest` and queueing the new
request) to the worker starting the new search is what the user waits for
the old search to give up. Target: 50 ms. The time to the new answer is shown
beside it, and the plain `police` answer time as the reference.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pathological import QUERIES  # noqa: E402

from newsfind.gui.search_messages import ArchiveSpec, SearchRequest  # noqa: E402
from newsfind.gui.workers import SearchWorker  # noqa: E402

SLOW = [q for q in QUERIES if q in ("*", "*a*", "*a* OR *e*", "a* b* c* d*", "*?*", "s*", "NOT a*", '"year state"')
        or q.startswith(("goverment~2", '"year state year state year state year state year state year state year '
                                        'state year state"'))]
NEW = "police"


class Bench(QObject):
    ask = Signal(object)

    def __init__(self, index: str) -> None:
        super().__init__()
        self.thread = QThread()
        self.worker = SearchWorker()
        self.worker.moveToThread(self.thread)
        self.ask.connect(self.worker.search)
        self.events: dict[int, float] = {}
        self.answers: dict[int, float] = {}
        self.worker.started.connect(lambda g: self.events.setdefault(g, time.perf_counter()))
        self.worker.answered.connect(lambda a: self.answers.setdefault(a.generation, time.perf_counter()))
        self.thread.start()
        self.worker.set_archives([ArchiveSpec("bench", index)])
        self.generation = 0

    def wait(self, condition, timeout: float = 120.0) -> None:
        deadline = time.perf_counter() + timeout
        while not condition() and time.perf_counter() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.001)

    def run(self, text: str) -> int:
        self.generation += 1
        self.worker.latest = self.generation
        self.ask.emit(SearchRequest(self.generation, text))
        return self.generation

    def supersede(self, slow: str, after: float) -> tuple[float, float]:
        old = self.run(slow)
        self.wait(lambda: old in self.events)
        time.sleep(after)
        typed = time.perf_counter()
        new = self.run(NEW)
        self.wait(lambda: new in self.answers)
        return self.events[new] - typed, self.answers[new] - typed

    def close(self) -> None:
        self.thread.quit()
        self.thread.wait()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    QCoreApplication(sys.argv)
    bench = Bench(args.index)
    reference = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        generation = bench.run(NEW)
        bench.wait(lambda: generation in bench.answers)
        reference.append(bench.answers[generation] - started)
    print(f"reference: {NEW!r} alone answers in {statistics.median(reference) * 1000:.0f} ms (median)")
    print(f"{'typed over':44} {'after':>6} {'new starts ms (median/max)':>28} {'new answers ms':>15}")
    worst = 0.0
    for slow in SLOW:
        for after in (0.1, 0.3):
            runs = [bench.supersede(slow, after) for _ in range(args.rounds)]
            starts = [start for start, _ in runs]
            worst = max(worst, max(starts))
            shown = slow if len(slow) <= 40 else slow[:37] + "…"
            print(f"{shown!r:44} {after:5.1f}s {statistics.median(starts) * 1000:13.1f} / {max(starts) * 1000:6.1f}"
                  f"       {statistics.median(a for _, a in runs) * 1000:15.0f}")
    print(f"slowest start of a new search after a keystroke: {worst * 1000:.1f} ms (target 50 ms)")
    bench.close()


if __name__ == "__main__":
    main()
