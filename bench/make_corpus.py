"""Generate a deterministic synthetic news archive from real sentences.

    .venv/bin/python bench/make_corpus.py N OUT_DIR [--seed S]

Articles recombine REAL sentences and titles from the shared corpora
(newsarticles and sotu), so word frequencies, word lengths and bigrams look
like real news text. Each article: `` date YYYY-MM-DD <headline>``, a blank
line, then 3-12 paragraphs of real sentences, about 400 words on average.
Dates are spread over 2016-2017. Files are named ``00001_<16 hex>.txt`` in
subfolders of 1,000. The same N and seed always give the same bytes.

Importable: ``make_corpus(n, out_dir, seed=...)`` returns a CorpusInfo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

#: The shared corpora, beside the project folder (as CI lays them too).
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SOURCES = ("newsarticles", "sotu")
PER_FOLDER = 1000
FIRST_DAY = dt.date(2016, 1, 1)
DAYS = (dt.date(2017, 12, 31) - FIRST_DAY).days + 1

_HEADER = re.compile(r"\A[ \t]*date[ \t]+\S+[ \t]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")


@dataclass
class CorpusInfo:
    root: str
    articles: int
    bytes: int
    words: int

    def describe(self) -> str:
        return (f"{self.articles:,} articles, {self.bytes / 1e6:.1f} MB, "
                f"{self.words / max(1, self.articles):.0f} words/article on average, in {self.root}")


def _source_text(shared: Path) -> tuple[list[str], list[str]]:
    """(sentences, titles) from the real corpora, in a fixed order."""
    sentences: list[str] = []
    titles: list[str] = []
    for name in SOURCES:
        folder = shared / name
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text("utf-8", errors="replace")
            text = _HEADER.sub("", text, count=1)
            first, _, rest = text.partition("\n")
            first = " ".join(first.split())
            if 10 <= len(first) <= 120:
                titles.append(first)
            for paragraph in rest.split("\n"):
                for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
                    words = sentence.count(" ") + 1
                    if 6 <= words <= 60 and "\ufffd" not in sentence and sentence[-1:] in ".!?\"'”’)":
                        sentences.append(sentence)
    if not sentences:
        raise SystemExit(f"no source sentences found under {shared}")
    return sentences, titles


def make_corpus(n: int, out_dir: str | os.PathLike[str], seed: int = 20160101,
                shared: str | os.PathLike[str] | None = None) -> CorpusInfo:
    """Write n articles under out_dir (which must be empty or absent)."""
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} is not empty: remove it first")
    out.mkdir(parents=True, exist_ok=True)
    sentences, titles = _source_text(Path(shared) if shared else SHARED)
    short = [s for s in sentences if len(s) <= 100]
    rng = random.Random(seed)
    width = max(5, len(str(n)))
    total_bytes = total_words = 0
    for i in range(1, n + 1):
        folder = out / f"{(i - 1) // PER_FOLDER:03d}"
        if (i - 1) % PER_FOLDER == 0:
            folder.mkdir(exist_ok=True)
        date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        headline = rng.choice(titles) if rng.random() < 0.5 else rng.choice(short).rstrip(".")
        target = max(120, min(900, int(rng.gauss(375, 120))))
        paragraphs: list[list[str]] = [[] for _ in range(rng.randint(3, 12))]
        words = 0
        k = 0
        while words < target or k < len(paragraphs):
            sentence = rng.choice(sentences)
            paragraphs[k % len(paragraphs)].append(sentence)
            words += sentence.count(" ") + 1
            k += 1
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        text = f" date {date.isoformat()} {headline}\n\n{body}\n"
        data = text.encode("utf-8")
        digest = hashlib.blake2b(f"{seed}:{i}".encode(), digest_size=8).hexdigest()
        (folder / f"{i:0{width}d}_{digest}.txt").write_bytes(data)
        total_bytes += len(data)
        total_words += words + headline.count(" ") + 1
    return CorpusInfo(os.fspath(out), n, total_bytes, total_words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=20160101)
    args = parser.parse_args(argv)
    info = make_corpus(args.n, args.out_dir, seed=args.seed)
    print(info.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
