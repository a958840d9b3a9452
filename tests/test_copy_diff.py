"""What one copy added to another and what it cut: the pieces give both texts back."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfind.copy_diff import Piece, diff_copies

# Words from a small vocabulary (so texts share some), with every kind of whitespace between.
words = st.sampled_from(["the", "wire", "story", "said", "Reuters", "café", "2017,", "“quoted”", "a", "北京"])
spaces = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \u00a0", "\u3000"])
texts = st.lists(st.tuples(words, spaces), max_size=40).map(lambda pairs: "".join(w + s for w, s in pairs))
prefixed = st.tuples(st.sampled_from(["", " ", "\n "]), texts).map("".join)


@given(prefixed, prefixed)
def test_the_pieces_give_each_text_back(first: str, second: str) -> None:
    diff = diff_copies(first, second)
    assert diff.text_of(("same", "cut")) == first
    assert diff.text_of(("same", "added")) == second
    kinds = [piece.kind for piece in diff.pieces]
    assert all(a != b for a, b in zip(kinds, kinds[1:])), "runs of one kind are one piece"
    assert all(piece.text for piece in diff.pieces)


@given(st.text(max_size=200), st.text(max_size=200))
def test_any_text_at_all_comes_back(first: str, second: str) -> None:
    diff = diff_copies(first, second)
    assert diff.text_of(("same", "cut")) == first
    assert diff.text_of(("same", "added")) == second


@given(prefixed)
def test_a_text_against_itself_is_all_the_same(text: str) -> None:
    diff = diff_copies(text, text)
    assert [piece.kind for piece in diff.pieces] in ([], ["same"])
    assert (diff.added_words, diff.cut_words, diff.summary) == (0, 0, "the same words")


def test_a_copy_that_cut_a_sentence_and_added_a_line() -> None:
    first = "The minister resigned on Monday. She gave no reason. Talks go on.\n"
    second = "The minister resigned on Monday. Talks go on.\nReporting by staff.\n"
    diff = diff_copies(first, second)
    assert Piece("cut", "She gave no reason. ") in diff.pieces
    assert Piece("added", "Reporting by staff.\n") in diff.pieces
    assert (diff.added_words, diff.cut_words) == (3, 4)
    assert diff.summary == "3 words added, 4 cut"


def test_a_changed_word_is_cut_and_added_and_whitespace_is_no_word() -> None:
    diff = diff_copies("prices rose sharply\nin March", "prices fell sharply in March")
    assert diff.pieces == (Piece("same", "prices "), Piece("cut", "rose "), Piece("added", "fell "),
                           Piece("same", "sharply"), Piece("cut", "\n"), Piece("added", " "),
                           Piece("same", "in March"))
    assert diff.summary == "1 word added, 1 cut"


def test_common_words_do_not_break_a_long_match() -> None:
    """Past 200 words difflib's autojunk would ignore "the": the match would break at each one."""
    body = " ".join(f"the word{n} of the story" for n in range(300))
    diff = diff_copies(body, body + " The end.")
    assert diff.pieces == (Piece("same", body), Piece("added", " The end."))
    assert diff.summary == "2 words added, 0 cut"
