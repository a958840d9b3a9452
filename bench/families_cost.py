"""What finding wire-copy families costs the indexer: full builds with and without, alternated.

The reference is the same command from a checkout of a commit before families
(a git worktree made here), run in turn with this tree on the same corpus, so
both see the same machine load. Also times the family step alone (reading the
sketches and grouping them) on the index just built.

    python bench/families_cost.py CORPUS [--reference COMMIT] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build_seconds(tree: Path, corpus: Path, index_dir: Path) -> float:
    """One full build by `newsfind index` from that tree, timed from outside."""
    shutil.rmtree(index_dir, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(tree), NEWSFIND_DATA_DIR=str(index_dir.parent / "data"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsfind", "index", str(corpus), "--index-dir", str(index_dir)],
                   env=env, check=True, stdout=subprocess.DEVNULL, cwd=tree)
    return time.perf_counter() - started


def family_step_seconds(index_dir: Path) -> tuple[float, int]:
    from newsfind.families import find_families
    from newsfind.index_store import open_index

    reader = open_index(index_dir).reader()
    started = time.perf_counter()
    families = find_families(reader)
    seconds = time.perf_counter() - started
    reader.close()
    return seconds, len(families)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--reference", default="73f4a76", help="a commit from before families")
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="families-cost-"))
    reference = work / "reference"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(reference), options.reference],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        times: dict[str, list[float]] = {"reference": [], "families": []}
        for round_number in range(options.rounds):
            order = [("reference", reference), ("families", ROOT)]
            for name, tree in order if round_number % 2 == 0 else order[::-1]:
                seconds = build_seconds(tree, options.corpus, work / f"index-{name}")
                times[name].append(seconds)
                print(f"round {round_number + 1}: {name:9} {seconds:7.1f} s", flush=True)
        step, count = family_step_seconds(work / "index-families")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)], check=False)
        shutil.rmtree(work, ignore_errors=True)
    before, after = statistics.median(times["reference"]), statistics.median(times["families"])
    print(f"\nfull build, median of {options.rounds}: reference {before:.1f} s, with families {after:.1f} s, "
          f"ratio {after / before:.3f} (target ≤ 1.25)")
    print(f"family step alone (read sketches, group): {step:.2f} s, {count} families")


if __name__ == "__main__":
    main()
