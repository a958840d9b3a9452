"""How the user's marks find their article again: by where it is, and by its text.

An index is rebuilt, a file renamed, an archive folder moved to another disk:
the article is the same and its marks must follow it. Each article the user
marks (or a saved search shows) is kept as (archive folder, path) and as a hash
of its text. Found by place first; when the place is gone, by the hash (a
renamed file, a moved folder), and the place is then brought up to date. An
article edited in place keeps its marks (same place) and takes its new hash.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from newsfind.archive import Article


def content_hash(text: str) -> str:
    """A hash of the words of a text: white space (re-wrapping, line ends) does not change it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True)
class ArticleKey:
    """An article as the user's work knows it."""

    archive: str  #: the archive folder, absolute
    path: str  #: relative to it, "/"-separated (Article.path)
    content_hash: str
    title: str = ""
    date: str | None = None  #: YYYY-MM-DD

    @classmethod
    def of(cls, archive: str, article: Article) -> ArticleKey:
        return cls(os.path.abspath(archive), article.path, content_hash(article.body), article.title,
                   article.date.isoformat() if article.date else None)

    @property
    def place(self) -> tuple[str, str]:
        return self.archive, self.path
