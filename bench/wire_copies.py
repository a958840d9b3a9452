"""Lightly edited copies of real articles, as papers print an agency's story, with the truth kept.

A copy drops some sentences, swaps some, changes some words, may add a line
of its own and gets a different headline; different articles on the same topic
stay different. Seeded: the same seed makes the same copies.

    python bench/wire_copies.py [--stories 300] [--seed 1]
    python bench/wire_copies.py --write FOLDER [--from CORPUS] [--stories N]

prints the precision and recall of newsfind's grouping (pairs of articles
put in one family) over newsarticles plus the copies, and what it cost; with
--write, makes an archive of a corpus and copies of some of its articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsfind.families import group_copies  # noqa: E402
from newsfind.near_copies import sketch  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘])")
ADDED_LINES = ("This story has been updated.", "Reporting by staff; editing by the news desk.",
               "Our correspondent contributed to this report.", "Read more on our website.")


@dataclass(frozen=True)
class Edits:
    """How hard a copy is edited (shares of sentences and of words)."""

    drop: float = 0.2
    swaps: int = 2
    change: float = 0.04


LIGHT = Edits()


def read_article(path: Path) -> tuple[str, str, str]:
    """(date line, headline, body) of a shared-corpus article."""
    text = path.read_text(encoding="utf-8", errors="replace")
    match = re.match(r"\s*date (\S+)\s*", text)
    rest = text[match.end():] if match else text
    headline, _, body = rest.partition("\n")
    return (match.group(1) if match else ""), headline.strip(), body.strip()


def edited_copy(headline: str, body: str, rng: random.Random, vocabulary: list[str],
                edits: Edits = LIGHT) -> tuple[str, str]:
    """(new headline, new body) of one copy."""
    sentences = _SENTENCE_END.split(body)
    kept = [s for i, s in enumerate(sentences) if i == 0 or rng.random() >= edits.drop]
    for _ in range(edits.swaps):
        if len(kept) > 2:
            i = rng.randrange(1, len(kept) - 1)
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    words = " ".join(kept).split(" ")
    words = [rng.choice(vocabulary) if rng.random() < edits.change else word for word in words]
    new_body = " ".join(words)
    if rng.random() < 0.5:
        new_body += " " + rng.choice(ADDED_LINES)
    title_words = headline.split()
    rng.shuffle(title_words)
    new_headline = " ".join(title_words[:max(3, len(title_words) - 2)] + [rng.choice(vocabulary).capitalize()])
    return new_headline, new_body


def make_copies(paths: list[Path], stories: int, seed: int, edits: Edits = LIGHT):
    """[(original path, [(headline, body, date)…])…] for `stories` originals of 1 to 6 copies each."""
    rng = random.Random(seed)
    chosen = rng.sample(paths, stories)
    vocabulary = sorted({w for p in chosen[:50] for w in read_article(p)[2].split() if w.isalpha()})
    made = []
    for path in chosen:
        date, headline, body = read_article(path)
        copies = [edited_copy(headline, body, rng, vocabulary, edits) + (date,) for _ in range(rng.randint(1, 6))]
        made.append((path, copies))
    return made


def write_archive(target: Path, paths: list[Path], made) -> dict[str, str]:
    """The originals and their copies as one archive folder; returns file name → story (its original's name)."""
    target.mkdir(parents=True, exist_ok=True)
    story_of = {}
    for path in paths:
        (target / path.name).write_bytes(path.read_bytes())
        story_of[path.name] = path.name
    for path, copies in made:
        for n, (headline, body, date) in enumerate(copies):
            name = f"copy{n}_{path.name}"
            (target / name).write_text(f" date {date} \n{headline}\n\n{body}\n", encoding="utf-8")
            story_of[name] = path.name
    return story_of


def _day(date: str) -> int | None:
    try:
        return dt.date.fromisoformat(date).toordinal()
    except ValueError:
        return None


def pair_scores(groups: list[list[str]], story_of: dict[str, str]) -> dict[str, float]:
    """Precision and recall over pairs of articles put in one family, against the made copies.

    Pairs of two untouched corpus articles grouped are the corpus's own copies, whose
    truth is not known: counted apart ("natural"), as are pairs of made copies whose
    originals are such a natural pair ("explained"); `precision` counts those as
    wrong, `precision_explained` leaves them out.
    """
    truth: dict[str, set[str]] = {}
    for name, story in story_of.items():
        truth.setdefault(story, set()).add(name)
    true_pairs = {frozenset((a, b)) for members in truth.values() for a in members for b in members if a < b}
    found_pairs = {frozenset((a, b)) for members in groups for a in members for b in members if a < b}
    natural = {pair for pair in found_pairs - true_pairs if all(not n.startswith("copy") for n in pair)}
    natural_stories = {frozenset(story_of[n] for n in pair) for pair in natural}
    explained = {pair for pair in found_pairs - true_pairs - natural
                 if frozenset(story_of[n] for n in pair) in natural_stories}
    judged = found_pairs - natural
    right = len(judged & true_pairs)
    return {"precision": right / len(judged) if judged else 1.0,
            "precision_explained": right / len(judged - explained) if judged - explained else 1.0,
            "recall": len(found_pairs & true_pairs) / len(true_pairs) if true_pairs else 1.0,
            "natural": len(natural), "explained": len(explained)}


def evaluate(stories: int, seed: int, edits: Edits = LIGHT) -> None:
    paths = sorted((SHARED / "newsarticles").glob("*.txt"))
    made = make_copies(paths, stories, seed, edits)
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in paths}
    days = {p.name: _day(read_article(p)[0]) for p in paths}
    for path, copies in made:
        for n, (headline, body, date) in enumerate(copies):
            texts[f"copy{n}_{path.name}"] = f"{headline}\n\n{body}"
            days[f"copy{n}_{path.name}"] = _day(date)
    story_of = {name: name.split("_", 1)[1] if name.startswith("copy") else name for name in texts}
    names = sorted(texts)
    started = time.perf_counter()
    sketches = [sketch(texts[name]) for name in names]
    sketched = time.perf_counter() - started
    started = time.perf_counter()
    groups = [[names[i] for i in group] for group in group_copies(sketches, [days[name] for name in names])]
    grouped = time.perf_counter() - started
    scores = pair_scores(groups, story_of)
    copies = sum(len(c) for _, c in made)
    print(f"articles {len(names)} ({copies} copies of {stories} stories, edits {edits})")
    print(f"precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  (pairs of articles)")
    print(f"pairs of two corpus articles grouped (the corpus's own copies): {scores['natural']}; "
          f"pairs joining copies of two such articles: {scores['explained']}, "
          f"precision without them {scores['precision_explained']:.3f}")
    print(f"sketching {sketched / len(names) * 1000:.2f} ms/article; grouping {grouped:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", type=Path, metavar="FOLDER",
                        help="write an archive instead: every article of --from and copies of --stories of them")
    parser.add_argument("--from", dest="source", type=Path, default=SHARED / "newsarticles")
    options = parser.parse_args()
    if options.write:
        paths = sorted(options.source.rglob("*.txt"))
        story_of = write_archive(options.write, paths, make_copies(paths, options.stories, options.seed))
        print(f"{len(story_of)} articles written to {options.write}, {len(story_of) - len(paths)} of them copies")
        return
    for edits in (LIGHT, Edits(drop=0.3, swaps=4, change=0.08)):
        evaluate(options.stories, options.seed, edits)


if __name__ == "__main__":
    main()
