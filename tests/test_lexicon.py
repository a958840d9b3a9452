"""The index's words: fuzzy matching finds what the distance Whoosh defines finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from whoosh.support.levenshtein import damerau_levenshtein

from newsfind.lexicon import edits_apart

# Few letters, so that words one edit apart come up often.
_WORDS = st.text(alphabet="abcé", max_size=7)


@given(_WORDS, _WORDS)
def test_one_edit_apart_exactly_when_the_damerau_levenshtein_distance_says_so(a: str, b: str) -> None:
    assert edits_apart(a, b) == min(damerau_levenshtein(a, b), 2)


@given(_WORDS, st.integers(0, 7), st.sampled_from("abcéx"))
def test_every_single_edit_is_one_edit_apart(word: str, place: int, letter: str) -> None:
    place = min(place, len(word))
    edited = {word[:place] + letter + word[place:], word[:place] + letter + word[place + 1:],
              word[:place] + word[place + 1:], word[:place] + word[place + 1:place + 2] + word[place:place + 1]
              + word[place + 2:]}
    for other in edited:
        assert edits_apart(word, other) == (0 if other == word else 1)
