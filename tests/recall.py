"""Ground truth for recall checks: which articles hold a phrase, found by reading
every file (not the index), with the same analysis the index uses."""

from __future__ import annotations

import os
from pathlib import Path

from newsfind.analysis import analyse
from newsfind.archive import Article, iter_articles

#: Phrases common enough in news text to find many articles, in both real and generated archives.
PHRASES = ("prime minister", "white house", "united states", "human rights", "police said")


def articles_holding(root: str | os.PathLike[str], phrases: tuple[str, ...] = PHRASES) -> dict[str, set[str]]:
    """phrase → readable paths of the articles whose body has its words one after another."""
    wanted = {phrase: [term for term, *_ in analyse(phrase)] for phrase in phrases}
    holding: dict[str, set[str]] = {phrase: set() for phrase in phrases}
    for item in iter_articles(root):
        if not isinstance(item, Article):
            continue
        terms = [term for term, *_ in analyse(item.body)]
        for phrase, words in wanted.items():
            if _contains(terms, words):
                holding[phrase].add(item.path)
    return holding


def _contains(terms: list[str], words: list[str]) -> bool:
    size = len(words)
    first = words[0]
    return any(terms[i:i + size] == words for i, term in enumerate(terms) if term == first)


def manifest_paths(root: Path) -> set[str]:
    """Every .txt file below root, as the index names it (relative, "/"-separated)."""
    return {path.relative_to(root).as_posix() for path in root.rglob("*.txt")}
