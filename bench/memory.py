"""How much memory a process holding an index open uses, with the in-place read and without.

    .venv/bin/python bench/memory.py --index DIR [--queries N]

Each way runs in a fresh process: open an ArchiveSearcher, note the resident
size (VmRSS) and the time it took, run N searches of assorted kinds, note the
size again, the CPU time of the searches, and the peak.
"patched" is newsfind as it runs (segments read in place from the memory
map); "whoosh" removes that patch first, so Whoosh copies each file of a
segment into a BytesIO, as it does on its own.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = ["year", "state police", '"white house"', "goverment~", "immigra*", "trump -russia", "date:2017 refugees",
           "*a*", "minister OR president", "climate change"]


def resident_mb(field: str = "VmRSS") -> float:
    """A size this process's /proc status gives (VmRSS: resident; RssAnon, RssFile, VmHWM…), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(index: str, way: str, queries: int) -> None:
    from newsfind import whoosh_compat as compat
    from newsfind.search import ArchiveSearcher

    compat.install_patches()
    if way == "whoosh":
        next(patch for patch in compat.PATCHES if patch.owner.__name__ == "BufferFile").remove()
        compat.install_patches = lambda: None  # keep it removed for the searcher opened below
    started = time.perf_counter()
    with ArchiveSearcher(index) as searcher:
        opened, opening = resident_mb(), time.perf_counter() - started
        cpu = time.process_time()
        for n in range(queries):
            searcher.search(QUERIES[n % len(QUERIES)])
        after, searching = resident_mb(), time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{way:8} after opening {opened:6.0f} MB ({opening * 1000:4.0f} ms)   after {queries} searches "
          f"{after:6.0f} MB ({searching:5.1f} s CPU)   peak {peak:6.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", required=True)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--way", choices=("patched", "whoosh"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.way:
        measure(args.index, args.way, args.queries)
        return
    for way in ("patched", "whoosh"):
        subprocess.run([sys.executable, __file__, "--index", args.index, "--queries", str(args.queries), "--way", way],
                       check=True)


if __name__ == "__main__":
    main()
