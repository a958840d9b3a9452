"""Small pieces of wording shared by the command line and the window."""

from __future__ import annotations

import os


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """"1 article", "3 articles", "1,200 articles"."""
    word = noun if count == 1 else (plural_noun or noun + "s")
    return f"{count:,} {word}"


def archive_label(root: str) -> str:
    """An archive's short name: its folder's name (the whole path for a drive's root)."""
    return os.path.basename(root.rstrip("/\\")) or root
