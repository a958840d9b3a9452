"""How article text becomes index terms.

One function, `analyse`, defines the terms; the Whoosh analyzer used for
queries and the fast indexing path both call it, so what is indexed and what
is searched for can never drift apart. Indexing through Whoosh's generic token
pipeline costs a Python object per filter per word; calling `analyse` directly
makes the body field several times cheaper to index.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Iterator

from whoosh import fields, formats
from whoosh.analysis import STOP_WORDS, Token, Tokenizer
from whoosh.lang.porter2 import stem as porter2_stem

# Words, with inner dots and apostrophes kept together ("u.s", "o'rourke").
_WORD = re.compile(r"\w+(?:[.'’]\w+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_STOP = frozenset(STOP_WORDS)
_APOSTROPHES = str.maketrans({"’": "'"})


@lru_cache(maxsize=200_000)
def normalise_word(word: str) -> str:
    """Lower case, accents folded (médiathèque → mediatheque), one apostrophe."""
    word = word.lower().translate(_APOSTROPHES)
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """Porter2 (not Whoosh's default Porter, which leaves running → runn)."""
    if word.endswith("'s"):
        word = word[:-2]
    return porter2_stem(word) if word.isascii() else word


_SPLIT = ""  # marks a word that holds CJK characters and needs splitting


def _term(word: str, stemming: bool) -> str | None:
    """The term for one word: None for a stop word, _SPLIT for CJK."""
    if _CJK.search(word):
        return _SPLIT
    term = normalise_word(word)
    if term in _STOP or (len(term) < 2 and not term.isdigit()):
        return None
    return stem(term) if stemming else term


# One cache each, keyed by the word as written: most words of an article have
# been seen before, and a dict hit is far cheaper than lower/fold/stem.
_stemmed_term = lru_cache(maxsize=500_000)(lambda word: _term(word, True))
_plain_term = lru_cache(maxsize=500_000)(lambda word: _term(word, False))


def analyse(text: str, stemming: bool = True) -> Iterator[tuple[str, int, int, int]]:
    """Yield (term, position, startchar, endchar) for each indexed word.

    Stop words are dropped and not counted, so phrase queries written with
    them ("state of the union") still line up. Runs of CJK characters, written
    without spaces, become overlapping bigrams.
    """
    term_of = _stemmed_term if stemming else _plain_term
    position = 0
    for match in _WORD.finditer(text):
        term = term_of(match.group())
        if term is None:
            continue
        if term is _SPLIT:
            for term, startchar, endchar in _cjk_terms(match.group(), match.start(), term_of):
                yield term, position, startchar, endchar
                position += 1
            continue
        yield term, position, match.start(), match.end()
        position += 1


_CJK_OR_OTHER = re.compile(r"(%s+)|((?:(?!%s)\w)+)" % (_CJK.pattern, _CJK.pattern))


def _cjk_terms(word: str, offset: int, term_of) -> Iterator[tuple[str, int, int]]:
    """Split a word into runs of CJK (as bigrams) and other letters (as words)."""
    for run in _CJK_OR_OTHER.finditer(word):
        start = offset + run.start()
        chars = run.group()
        if run.group(1):
            if len(chars) == 1:
                yield chars, start, start + 1
            for i in range(len(chars) - 1):
                yield chars[i:i + 2], start + i, start + i + 2
        else:
            term = term_of(chars)
            if term:
                yield term, start, start + len(chars)


def _whole_word_term(word: str, stemming: bool) -> str:
    """A prefix, wildcard or fuzzy word: folded, and stemmed unless it has wildcards.

    Stemming "immigration*" to "immigr*" is what lets it match the index,
    which holds stems.
    """
    term = normalise_word(word)
    return stem(term) if stemming and not any(ch in term for ch in "*?") else term


class NewsTokenizer(Tokenizer):
    """Whoosh's view of `analyse`, for parsing queries (indexing calls `analyse` directly)."""

    is_morph = True

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, tokenize: bool = True,
                 mode: str = "", **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stemming = not kwargs.get("no_morph") and not kwargs.get("nomorph")
        if tokenize:
            terms = analyse(value, stemming=stemming)
        else:
            terms = [(_whole_word_term(value, stemming), 0, 0, len(value))]
        for term, position, startchar, endchar in terms:
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[startchar:endchar]
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + startchar
                token.endchar = start_char + endchar
            yield token

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NewsTokenizer)

    __hash__ = Tokenizer.__hash__


class AnalysedText:
    """A field value whose postings were computed beforehand (newsfind.documents:
    a document is analysed whole before any of it reaches the writer)."""

    __slots__ = ("postings",)

    def __init__(self, postings: list[tuple[bytes, int, float, bytes]]) -> None:
        self.postings = postings


class ArticleText(fields.TEXT):
    """A TEXT field whose indexing skips Whoosh's per-token objects."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(analyzer=NewsTokenizer(), **kwargs)

    def index(self, value: str | AnalysedText, **kwargs: object) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, AnalysedText):
            return iter(value.postings)
        return self._postings(value)

    def _postings(self, value: str) -> Iterator[tuple[bytes, int, float, bytes]]:
        postings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for term, position, startchar, endchar in analyse(value):
            postings[term].append((position, startchar, endchar))
        fmt = self.format
        boost = fmt.field_boost
        if isinstance(fmt, formats.Characters):
            encode = fmt.encode
        else:
            encode = _positions_encoder(fmt)
        for term, where in postings.items():
            yield term.encode("utf-8"), len(where), len(where) * boost, encode(where)


def _positions_encoder(fmt: formats.Format):
    if isinstance(fmt, formats.Positions):
        return lambda where: fmt.encode([position for position, _, _ in where])
    return lambda where: fmt.encode(len(where))
