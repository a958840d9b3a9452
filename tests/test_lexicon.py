"""The index's words: fuzzy matching finds what the distance Whoosh defines finds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from whoosh.support.levenshtein import damerau_levenshtein

from newsfind.cancellation import never
from newsfind.lexicon import SortedWords, Words, edits_apart

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


@given(st.sets(st.text(alphabet="abcé", min_size=1, max_size=5)), st.text(alphabet="abc", max_size=2))
def test_words_grouped_by_a_key_hold_each_word_that_starts_so_under_each_of_its_keys(words: set[str],
                                                                                      starting: str) -> None:
    terms = SortedWords(sorted(words))
    lexicon = Words(terms, "\n".join(terms))
    grouped = lexicon.grouped(_ends, starting, never)
    expected: dict[str, list[str]] = {}
    for word in sorted(w for w in words if w.startswith(starting)):
        for key in _ends(word):
            expected.setdefault(key, []).append(word)
    assert grouped == {key: tuple(found) for key, found in expected.items()}
    assert lexicon.grouped(_ends, starting, never) is grouped  # worked out once


def _ends(word: str) -> set[str]:
    return {word[:1], word[-1:]}
