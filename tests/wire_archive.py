"""A small archive of real articles plus lightly edited copies of a few of them
(bench/wire_copies.py), each copy dated a few days after its original but one
dated the day before: the truth of which files are one story is kept."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.corpora import NEWSARTICLES

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from wire_copies import edited_copy, read_article  # noqa: E402


@dataclass(frozen=True)
class WireArchive:
    root: Path
    story_of: dict[str, str]  #: file name → its story (the original's file name)
    dates: dict[str, str]  #: file name → its ISO date

    def families(self) -> list[set[str]]:
        """The made families (original and copies), as sets of file names."""
        members: dict[str, set[str]] = {}
        for name, story in self.story_of.items():
            members.setdefault(story, set()).add(name)
        return [names for names in members.values() if len(names) > 1]


def make_wire_archive(root: Path, originals: int = 40, copied: int = 4, seed: int = 16) -> WireArchive:
    """`originals` newsarticles files (spread over the corpus), `copied` of them with 1-4 copies each."""
    paths = sorted(NEWSARTICLES.glob("*.txt"))
    chosen = [p for p in paths[::len(paths) // originals] if len(read_article(p)[2].split()) > 150][:originals]
    rng = random.Random(seed)
    vocabulary = sorted({w for p in chosen for w in read_article(p)[2].split() if w.isalpha()})
    root.mkdir(parents=True)
    story_of, dates = {}, {}
    for path in chosen:
        shutil.copy2(path, root / path.name)
        story_of[path.name], dates[path.name] = path.name, read_article(path)[0]
    for number, path in enumerate(chosen[:copied]):
        date, headline, body = read_article(path)
        for n in range(number + 1):
            # the first story's only copy is dated the day before its original: it is the story's first copy
            shift = -1 if number == 0 else n + 1
            copy_date = (dt.date.fromisoformat(date) + dt.timedelta(days=shift)).isoformat()
            new_headline, new_body = edited_copy(headline, body, rng, vocabulary)
            name = f"copy{n}_{path.name}"
            (root / name).write_text(f" date {copy_date} \n{new_headline}\n\n{new_body}\n", encoding="utf-8")
            story_of[name], dates[name] = path.name, copy_date
    return WireArchive(root, story_of, dates)
