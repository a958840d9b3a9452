"""What one copy of a story added to another, and what it cut, word by word.

Words are compared as written (case and punctuation count: a changed word is
a change) and keep the whitespace after them, so that the pieces put together
give each text back exactly: the same and cut pieces the first text, the same
and added pieces the second. Whitespace alone (a line wrapped elsewhere) is
never counted as a word added or cut; it comes back as a cut and an added
piece holding only whitespace.

difflib's SequenceMatcher runs over the words without its "junk" heuristic
(which, past 200 words, ignores every word making up more than 1 % of the
text: in an article, "the", "of" and the like, so matches broke at each of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Literal

from newsfind.archive import Article
from newsfind.cancellation import Cancelled, never
from newsfind.wording import plural

if TYPE_CHECKING:
    from newsfind.search import ArchiveSearcher

Kind = Literal["same", "added", "cut"]
_WORD = re.compile(r"(\S+)(\s*)")
_LEADING = re.compile(r"\s*")


@dataclass(frozen=True)
class Piece:
    kind: Kind
    text: str


@dataclass(frozen=True)
class CopyDiff:
    """The pieces of two texts in reading order, and how many words each change holds."""

    pieces: tuple[Piece, ...]
    added_words: int
    cut_words: int

    @property
    def summary(self) -> str:
        """ "12 words added, 40 cut"; "the same words" when only whitespace differs."""
        if not self.added_words and not self.cut_words:
            return "the same words"
        return f"{plural(self.added_words, 'word')} added, {self.cut_words:,} cut"

    def text_of(self, kinds: tuple[Kind, ...]) -> str:
        """The pieces of these kinds joined: ("same", "cut") gives the first text."""
        return "".join(piece.text for piece in self.pieces if piece.kind in kinds)


def _split(text: str) -> tuple[str, list[str], list[str]]:
    """(leading whitespace, the words, the whitespace after each word)."""
    leading = _LEADING.match(text).group()
    pairs = _WORD.findall(text, len(leading))
    return leading, [word for word, _ in pairs], [space for _, space in pairs]


class _Pieces:
    """Pieces as they come, a run of one kind kept as one piece."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []

    def add(self, kind: Kind, text: str) -> None:
        if not text:
            return
        if self.pieces and self.pieces[-1].kind == kind:
            self.pieces[-1] = Piece(kind, self.pieces[-1].text + text)
        else:
            self.pieces.append(Piece(kind, text))

    def same_or_both(self, first: str, second: str) -> None:
        """Text alike in both copies, or (whitespace that differs) cut from the first and added by the second."""
        if first == second:
            self.add("same", first)
        else:
            self.add("cut", first)
            self.add("added", second)


def diff_copies(first: str, second: str) -> CopyDiff:
    """What `second` added to `first` and cut from it, in the order of the texts."""
    lead_a, words_a, spaces_a = _split(first)
    lead_b, words_b, spaces_b = _split(second)
    out = _Pieces()
    out.same_or_both(lead_a, lead_b)
    added = cut = 0
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                out.add("same", words_a[i])
                out.same_or_both(spaces_a[i], spaces_b[j])
            continue
        out.add("cut", "".join(words_a[i] + spaces_a[i] for i in range(i1, i2)))
        out.add("added", "".join(words_b[j] + spaces_b[j] for j in range(j1, j2)))
        cut += i2 - i1
        added += j2 - j1
    return CopyDiff(tuple(out.pieces), added, cut)


def _dated_before(first: Article, second: Article) -> bool:
    return first.date is not None and (second.date is None or first.date < second.date)


def compare_with_first_copy(searcher: ArchiveSearcher, article_id: str,
                            cancelled: Cancelled = never) -> tuple[Article, Article, CopyDiff]:
    """(earlier copy, later copy, what the later added and cut): the article against the
    earliest other copy of its wire-copy family, which comes first unless the article is
    dated before it. Raises LookupError when the article has no copies in its archive."""
    others = searcher.copies(article_id, cancelled=cancelled)
    if not others:
        raise LookupError("this article has no copies in its archive: no other article is a copy of its story")
    article, other = searcher.article(article_id), searcher.article(others[0].id)
    first, second = (article, other) if _dated_before(article, other) else (other, article)
    return first, second, diff_copies(first.body, second.body)
