"""How long newsfind.copy_diff takes over long articles and their edited copies.

    python bench/copy_diff_speed.py

The 40 longest newsarticles bodies against a lightly edited copy of each
(bench/wire_copies.py); the same bodies repeated to 20,000 characters; and two
unrelated texts of ~27,000 characters. Every diff is checked to give both texts back.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from newsfind.copy_diff import diff_copies  # noqa: E402
from wire_copies import SHARED, edited_copy, read_article  # noqa: E402


def timed(first: str, second: str) -> float:
    started = time.perf_counter()
    diff = diff_copies(first, second)
    seconds = time.perf_counter() - started
    assert diff.text_of(("same", "cut")) == first and diff.text_of(("same", "added")) == second
    return seconds


def main() -> None:
    rng = random.Random(1)
    bodies = sorted((read_article(p)[2] for p in sorted((SHARED / "newsarticles").glob("*.txt"))), key=len)[-40:]
    vocabulary = sorted({w for b in bodies for w in b.split() if w.isalpha()})
    real = sorted(timed(body, edited_copy("t", body, rng, vocabulary)[1]) for body in bodies)
    print(f"40 longest articles ({len(bodies[0]):,}-{len(bodies[-1]):,} characters) against an edited copy: "
          f"median {real[20] * 1000:.0f} ms, max {real[-1] * 1000:.0f} ms")
    repeated = []
    for body in bodies:
        text = (body + "\n\n") * (20000 // len(body) + 1)
        text = text[:20000]
        repeated.append(timed(text, edited_copy("t", text, rng, vocabulary)[1]))
    print(f"the same repeated to 20,000 characters: max {max(repeated) * 1000:.0f} ms")
    a, b = (" ".join(rng.choice(vocabulary) for _ in range(3300)) for _ in range(2))
    print(f"two unrelated texts of {len(a):,} and {len(b):,} characters: {timed(a, b) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
