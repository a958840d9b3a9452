"""Did you mean: for each unknown word typed, the archive's closest word.

The index holds Porter2 stems of folded words (immigration → "immigr"), and a
misspelling's stem can be far from the stem it was meant for ("immigrashun"
stays whole), so stems are not compared with the typed word's stem. Instead:

1. candidates are stems with the typed word's first letter that are at most
   two edits from one of its starts, and stems whose sound key (Metaphone's,
   or `sound_spelling`'s consonants) starts the typed word's, their first
   letters spelling the same sound ("fizzical" → "physic", "nolij" → "knowledg");
2. each candidate's words as written are read from a few of its articles
   (the postings' character offsets into the stored body), those with words
   of about the typed word's length first;
3. a written word's distance to the typed word is the fewest edits between
   their letters or between how they sound (`sound_spelling`);
4. the closest word wins, the one in the most articles among equally close.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable

import jellyfish
from whoosh import query as wq
from whoosh.searching import Searcher

from newsfind.analysis import normalise_word
from newsfind.analysis import stem as stem_of
from newsfind.cancellation import Cancelled, check_cancelled
from newsfind.lexicon import Words
from newsfind.query import leaves

#: No more than this many unknown words are corrected, this long at most.
MAX_SUGGESTED_WORDS = 8
MAX_SUGGESTED_CHARS = 40
#: Edits (of letters or of sounds) a suggestion may be from the typed word;
#: words of SHORT_WORD letters or fewer get one.
MAX_EDITS = 2
SHORT_WORD = 4
#: Stems whose written forms are read, per typed word; articles whose postings
#: are looked at per stem, and articles read of those: LIKELIEST_SCALE times
#: more for the LIKELIEST stems (a frequent stem's rarer forms, "commentators"
#: beside "comment", are seen only so).
MAX_CANDIDATES = 40
SCANNED_ARTICLES = 32
ARTICLES_PER_STEM = 6
LIKELIEST = 3
LIKELIEST_SCALE = 4


def suggest_query(text: str, query: wq.Query, searcher: Searcher, words: Callable[[], Words],
                  cancelled: Cancelled) -> str | None:
    """`text` with each unknown body or title word replaced by the archive's
    closest word as written (None: nothing to suggest). `words` gives the
    index's body words (read only when a word is unknown)."""
    reader = searcher.reader()
    unknown = [leaf for leaf in leaves(query) if isinstance(leaf, wq.Term)
               and leaf.field() in ("body", "title") and not reader.doc_frequency("body", leaf.text)
               and getattr(leaf, "startchar", None) is not None and len(leaf.text) <= MAX_SUGGESTED_CHARS]
    spans = list(dict.fromkeys((leaf.startchar, leaf.endchar) for leaf in unknown))  # body: and title: alike
    replacements = []
    for start, end in spans[:MAX_SUGGESTED_WORDS]:
        word = closest_word(text[start:end], searcher, words(), cancelled)
        if word and word != text[start:end].lower():
            replacements.append((start, end, word))
    corrected = text
    for start, end, word in sorted(replacements, reverse=True):
        corrected = corrected[:start] + word + corrected[end:]
    return corrected if corrected != text else None


def closest_word(typed: str, searcher: Searcher, words: Words, cancelled: Cancelled) -> str | None:
    """The archive's word, as written in its articles (lower case), closest to `typed`."""
    folded = normalise_word(typed)
    if not folded or not folded.isprintable():  # a lone surrogate: no article has it, jellyfish takes none
        return None
    allowed = 1 if len(folded) <= SHORT_WORD else MAX_EDITS
    reader = searcher.reader()
    found = []
    for rank, stem in enumerate(_candidate_stems(folded, words, cancelled)):
        check_cancelled(cancelled)
        scale = LIKELIEST_SCALE if rank < LIKELIEST else 1
        closest = _closest_written(folded, _written_forms(searcher, stem, len(folded), scale))
        if closest is not None and closest[0] <= allowed:
            edits, _, _, written = closest
            found.append((edits, -reader.doc_frequency("body", stem), written))
    return min(found)[2] if found else None


def distance(typed: str, written: str) -> int:
    """How far a written word is from a typed one: the fewest edits (insert,
    delete, change, swap) between their letters or, for words of like length
    (the shorter at least half the longer), between their sounds."""
    a, b = normalise_word(typed), normalise_word(written)
    letters = jellyfish.damerau_levenshtein_distance(a, b)
    if 2 * min(len(a), len(b)) < max(len(a), len(b)):
        return letters
    return min(letters, jellyfish.damerau_levenshtein_distance(sound_spelling(a), sound_spelling(b)))


# Spellings of the same sounds made alike, vowels kept ("fiscal" must stay
# apart from "physical", which Metaphone's consonants alone do not do).
_FIRST_SOUNDS = {"kn": "n", "gn": "n", "pn": "n", "wr": "r", "ps": "s", "x": "s", "wh": "w"}
_SPELLINGS = [("ph", "f"), ("qu", "kw"), ("ck", "k"), ("q", "k"), ("tion", "shun"), ("ssion", "shun"),
              ("sion", "shun"), ("x", "ks"), ("z", "s")]
_BEFORE_A_VOWEL = [(re.compile(r"[tcs]i(?=[aou])"), "sh"), (re.compile(r"dg(?=[eiy])"), "j"),
                   (re.compile(r"c(?=[eiy])"), "s")]
_DOUBLED = re.compile(r"([^aeiou])\1+")


def sound_spelling(word: str) -> str:
    """A respelling by sound: "physical" and "fizzical" → "fisikal",
    "immigration" and "immigrashun" → "imigrashun"."""
    for first in (word[:2], word[:1]):
        if first in _FIRST_SOUNDS:
            word = _FIRST_SOUNDS[first] + word[len(first):]
            break
    for spelling, sound in _SPELLINGS:
        if spelling in word:
            word = word.replace(spelling, sound)
    for pattern, sound in _BEFORE_A_VOWEL:
        word = pattern.sub(sound, word)
    word = _DOUBLED.sub(r"\1", word[:1] + word[1:].replace("y", "i").replace("c", "k"))
    return word[:-1] if len(word) > 2 and word[-1] == "e" and word[-2] not in "aeiou" else word


# The spellings a word's first sound may have, for looking up sound-alikes.
_FIRST_SPELLINGS = [("f", "ph"), ("n", "kn", "gn", "pn"), ("r", "wr"), ("s", "c", "ps", "x", "z"),
                    ("k", "c", "q", "ch"), ("j", "g"), ("w", "wh")]


def first_spellings(word: str) -> set[str]:
    """How words that start with the sound `word` starts with may start."""
    found = {word[:1]}
    for spellings in _FIRST_SPELLINGS:
        if word[:1] in spellings or word[:2] in spellings:
            found.update(spellings)
    return found


_SILENT = re.compile(r"(?<=.)(?:[aeiouh]|[wy](?![aeiou]))")


def sound_keys(word: str) -> set[str]:
    """Keys that sound-alike words share: the Metaphone key (upper case) and
    the consonants of `sound_spelling` (lower case: "nolij", "knowledge" →
    "nlj"). A stem ending in c or g is keyed as if the e that stemming
    dropped were there too ("knowledg" as "knowledge")."""
    keys = set()
    for spelling in (word, word + "e") if word[-1:] in ("c", "g") else (word,):
        keys.add(jellyfish.metaphone(spelling))
        keys.add(_SILENT.sub("", sound_spelling(spelling)))
    return keys


def _candidate_stems(folded: str, words: Words, cancelled: Cancelled) -> list[str]:
    """Stems worth reading articles for: the ones that best start the typed
    word by letters, then those that start it by sound."""
    by_letters = _nearly_starting(folded, words, cancelled)
    by_sound = _sounding_like_start(folded, words, cancelled)
    half = MAX_CANDIDATES // 2
    return list(dict.fromkeys(by_letters[:half] + by_sound[:half] + by_letters[half:]))[:MAX_CANDIDATES]


def _nearly_starting(folded: str, words: Words, cancelled: Cancelled) -> list[str]:
    """Stems with the typed word's first letter, at most two edits (one for
    stems of four letters or fewer, none for two) from one of its starts or
    of its own stem's ("galleri" for "gbaallery", whose stem is "gbaalleri"),
    those that leave least of it unexplained first (letters after the start,
    and two per edit)."""
    found = []
    own_stem = stem_of(folded)
    typed = [folded] if folded.startswith(own_stem) else [folded, own_stem]
    for count, stem in enumerate(words.prefixed(folded[0])):
        if count % 512 == 0:
            check_cancelled(cancelled)
        allowed = 0 if len(stem) <= 2 else 1 if len(stem) <= SHORT_WORD else MAX_EDITS
        written = (stem, stem[:-1] + "y") if stem[-1] == "i" else (stem,)  # stemming wrote "gallery" "galleri"
        starts = [start for spelling in written for word in typed for start in _starts_near(spelling, allowed, word)]
        if starts:
            found.append((min(2 * edits + left for edits, left in starts), stem))
    return [stem for _, stem in sorted(found)]


def _starts_near(stem: str, allowed: int, word: str) -> list[tuple[int, int]]:
    """(edits, letters left after it) for each start of `word` within
    `allowed` edits of `stem`."""
    size = len(stem)
    if size > len(word) + allowed:
        return []
    edits = jellyfish.damerau_levenshtein_distance(stem, word[:size])
    found = [(edits, len(word) - size)] if edits <= allowed else []
    # A start `longer` letters longer or shorter is at least edits - longer away.
    for longer in range(max(1, edits - allowed), min(edits, allowed) + 1):
        for end in (size - longer, size + longer):
            if 0 < end <= len(word):
                found.append((jellyfish.damerau_levenshtein_distance(stem, word[:end]), len(word) - end))
    return [(edits, left) for edits, left in found if edits <= allowed]


def _sounding_like_start(folded: str, words: Words, cancelled: Cancelled) -> list[str]:
    """Stems one of whose sound keys starts one of the typed word's and is at
    most two sounds shorter, longest keys first ("physic" FSK for "fizzical" FSKL)."""
    if len(folded) <= SHORT_WORD:
        return []
    groups = [words.grouped(sound_keys, first, cancelled) for first in sorted(first_spellings(folded))]
    starts = {key[:end] for key in sound_keys(folded) for end in range(max(2, len(key) - MAX_EDITS), len(key) + 1)}
    return list(dict.fromkeys(stem for start in sorted(starts, key=len, reverse=True)
                              for by_key in groups for stem in by_key.get(start, ())))


def _written_forms(searcher: Searcher, stem: str, length: int, scale: int) -> Counter[str]:
    """How a stem is written (lower case), with counts, in `scale` times
    ARTICLES_PER_STEM of `scale` times its first SCANNED_ARTICLES: those whose written words come nearest the
    typed word's length (the postings give lengths), a second article of a
    length counting as two letters further (so that "communications" is seen
    beside three articles with "communication")."""
    postings = searcher.reader().postings("body", stem)
    scanned = []
    for _ in range(scale * SCANNED_ARTICLES):
        if not postings.is_active():
            break
        spans = postings.value_as("characters")
        nearest = min((end - start for _, start, end in spans), key=lambda size: abs(size - length))
        scanned.append((abs(nearest - length), nearest, postings.id(), spans))
        postings.next()
    seen: Counter[int] = Counter()
    ranked = []
    for further, nearest, docnum, spans in sorted(scanned, key=lambda row: row[:3]):
        ranked.append((further + 2 * seen[nearest], docnum, spans))
        seen[nearest] += 1
    forms: Counter[str] = Counter()
    for _, docnum, spans in sorted(ranked, key=lambda row: row[:2])[:scale * ARTICLES_PER_STEM]:
        body = searcher.stored_fields(docnum)["body"]
        forms.update(body[start:end].lower() for _, start, end in spans)
    return forms


def _closest_written(folded: str, forms: Counter[str]) -> tuple[int, int, int, str] | None:
    """(distance, edits of letters, -count, form) of the form closest to the
    typed word, by letters among equally close, then the most written."""
    return min(((distance(folded, form), jellyfish.damerau_levenshtein_distance(folded, form), -count, form)
                for form, count in forms.items()), default=None)
