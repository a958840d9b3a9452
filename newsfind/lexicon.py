"""The words of a text field, for expanding wildcards, prefixes and fuzzy words.

Whoosh walks a multi-segment index's words by merging the segments' term
lists one term at a time: 4 s for the 37,000 words of newsarticles, which made
`*` and `*a*` run for seconds, and it expands a pattern again for every
segment and every pass. Here each segment's words are read once (a segment
never changes) and merged once per set of segments into one sorted list with
document frequencies; a pattern is one regular expression run in C over all
the words joined by newlines.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import damerau_levenshtein

from newsfind import whoosh_compat as compat
from newsfind.cancellation import Cancelled, check_cancelled


class SortedWords(tuple):
    """Words in order, found by bisection: a set of them took three times the
    memory (the words of 100,000 articles' segments: 12 MB more in the window)."""

    __slots__ = ()

    def __contains__(self, word: object) -> bool:
        at = bisect.bisect_left(self, word)
        return at < len(self) and self[at] == word


@dataclass(frozen=True)
class Words:
    """One field's words across the index, sorted."""

    terms: SortedWords  #: also what `in` asks
    joined: str  #: the terms joined by "\n", for patterns
    #: The terms grouped by a key function, per function and start (made when first asked).
    _groups: dict[tuple[Callable[[str], Iterable[str]], str], dict[str, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False)

    def prefixed(self, prefix: str) -> list[str]:
        """Every word that starts with `prefix`."""
        start = bisect.bisect_left(self.terms, prefix)
        end = bisect.bisect_left(self.terms, prefix + "\U0010ffff")
        return self.terms[start:end]

    def matching(self, pattern: str) -> list[str]:
        """Every word a wildcard pattern (`*` any letters, `?` one) matches whole."""
        return _wildcard_regex(pattern).findall(self.joined)

    def grouped(self, keys: Callable[[str], Iterable[str]], starting: str,
                cancelled: Cancelled) -> Mapping[str, tuple[str, ...]]:
        """The words that start with `starting` under each of their keys (how
        they sound, say: "did you mean" looks up sound-alikes), worked out once
        per key function and start."""
        if (keys, starting) not in self._groups:
            groups: dict[str, list[str]] = {}
            for count, term in enumerate(self.prefixed(starting)):
                if count % 1024 == 0:
                    check_cancelled(cancelled)
                for key in keys(term):
                    groups.setdefault(key, []).append(term)
            self._groups[keys, starting] = {key: tuple(terms) for key, terms in groups.items()}
        return self._groups[keys, starting]

    def near(self, word: str, maxdist: int, prefix: int, cancelled: Cancelled) -> list[tuple[str, int]]:
        """Words within `maxdist` edits of `word` that share its first `prefix`
        letters, with their distance (the word itself included at 0)."""
        found = []
        for count, term in enumerate(self.prefixed(word[:prefix])):
            if count % 512 == 0:
                check_cancelled(cancelled)
            if abs(len(term) - len(word)) > maxdist:
                continue
            distance = edits_apart(term, word) if maxdist == 1 else damerau_levenshtein(term, word, maxdist)
            if distance <= maxdist:
                found.append((term, distance))
        return found


def edits_apart(a: str, b: str) -> int:
    """0, 1, or 2 for "more than one": what ``damerau_levenshtein(a, b)`` says
    up to 1, found by comparing slices (a fuzzy word's usual one edit looked for
    among thousands of words: the distance matrix took most of such a search)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > 1:
        return 2
    at = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if len(a) > len(b):
        return 1 if a[at + 1:] == b[at:] else 2
    if len(a) < len(b):
        return 1 if a[at:] == b[at + 1:] else 2
    if a[at + 1:] == b[at + 1:]:
        return 1  # one letter changed
    swapped = at + 1 < len(a) and a[at] == b[at + 1] and a[at + 1] == b[at] and a[at + 2:] == b[at + 2:]
    return 1 if swapped else 2


class Lexicon:
    """Words per field, kept across searcher reopenings (segments are immutable)."""

    def __init__(self) -> None:
        self._segments: dict[tuple[str, str], SortedWords] = {}
        self._merged: dict[tuple[str, tuple[str, ...]], Words] = {}

    def words(self, reader: IndexReader, fieldname: str, cancelled: Cancelled, starting: str = "") -> Words:
        """The field's words; with `starting`, at least those that start with it
        (all of them when they were read already, else only those: a pattern
        in a one-off `newsfind search` reads a sliver of the words, not all)."""
        leaves = [leaf for leaf, _ in reader.leaf_readers() if compat.reader_segment_name(leaf) is not None]
        names = tuple(compat.reader_segment_name(leaf) for leaf in leaves)
        key = (fieldname, names)
        if key not in self._merged and starting:
            return _words(_read_segment_words(leaf, fieldname, cancelled, starting) for leaf in leaves)
        if key not in self._merged:
            merged = _words(self.segment_words(leaf, fieldname, cancelled) for leaf in leaves)
            self._merged = {k: v for k, v in self._merged.items() if k[0] != fieldname}
            self._merged[key] = merged
            self._forget_except(set(names))
        return self._merged[key]

    def segment_words(self, leaf: IndexReader, fieldname: str, cancelled: Cancelled) -> SortedWords:
        """The words of one segment (a leaf reader), read once."""
        key = (compat.reader_segment_name(leaf) or "", fieldname)  # "": an empty index's reader
        if key not in self._segments:
            self._segments[key] = SortedWords(sorted(_read_segment_words(leaf, fieldname, cancelled)))
        return self._segments[key]

    def words_read(self, leaf: IndexReader, fieldname: str) -> SortedWords | None:
        """The words of one segment when they were read already (None: not yet)."""
        return self._segments.get((compat.reader_segment_name(leaf) or "", fieldname))

    def _forget_except(self, names: set[str]) -> None:
        """Drop the words of segments a merge has replaced."""
        self._segments = {k: v for k, v in self._segments.items() if k[0] in names}


def _words(per_segment: Iterable[Iterable[str]]) -> Words:
    terms = SortedWords(sorted(set().union(*per_segment)))
    return Words(terms, "\n".join(terms))


def _read_segment_words(leaf: IndexReader, fieldname: str, cancelled: Cancelled, starting: str = "") -> list[str]:
    """A segment's words (those that start with `starting`), read from its terms file."""
    terms = compat.field_terms(leaf, fieldname, cancelled, starting.encode("utf-8"))
    check_cancelled(cancelled)
    if terms is None:  # a reader the fast path does not know
        terms = list(leaf.expand_prefix(fieldname, starting)) if fieldname in leaf.indexed_field_names() else []
    return [term.decode("utf-8") for term in terms]


def _wildcard_regex(pattern: str) -> re.Pattern:
    """One word, whole, per line. A run of wildcards becomes one repeat
    (`*?*` is "one letter or more"): adjacent `.*` would backtrack without end."""
    parts = []
    for run in re.finditer(r"[*?]+|[^*?]+", pattern):
        text = run.group()
        if text[0] in "*?":
            letters = text.count("?")
            parts.append(f"[^\n]{{{letters},}}" if "*" in text else f"[^\n]{{{letters}}}")
        else:
            parts.append(re.escape(text))
    return re.compile("^" + "".join(parts) + "$", re.MULTILINE)
