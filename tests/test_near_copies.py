"""The near-copy sketch: the same text always gives the same sketch, and two
sketches estimate how much two texts share (Jaccard of three-word runs)."""

from __future__ import annotations

import random
import subprocess
import sys

from hypothesis import given, settings, strategies as st

from newsfind.near_copies import MIN_WORDS, SHINGLE_WORDS, SLOTS, similarity, sketch, words_of

WORDS = [f"w{n}" for n in range(400)]


def exact_similarity(first: str, second: str) -> float:
    def shingles(text: str) -> set[str]:
        words = words_of(text)
        return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    a, b = shingles(first), shingles(second)
    return len(a & b) / len(a | b)


def test_a_text_is_its_own_copy_and_case_and_punctuation_do_not_hide_one():
    text = " ".join(random.Random(3).choice(WORDS) for _ in range(300))
    assert similarity(sketch(text), sketch(text)) == 1.0
    shouted = text.upper().replace(" ", ", ")
    assert sketch(shouted) == sketch(text)


def test_short_texts_have_no_sketch_and_match_nothing():
    short = " ".join(WORDS[:MIN_WORDS - 1])
    assert sketch(short) == b"" and sketch("") == b""
    assert similarity(sketch(short), sketch(" ".join(WORDS[:100]))) == 0.0


def test_the_sketch_is_the_same_in_another_process():
    """Indexing workers are other processes: a hash seeded per process would split every family."""
    text = " ".join(WORDS[:200])
    code = f"from newsfind.near_copies import sketch; print(sketch({text!r}).hex())"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == sketch(text).hex()


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), shared=st.floats(0.0, 1.0), length=st.integers(60, 600))
def test_similarity_estimates_the_share_of_three_word_runs(seed, shared, length):
    """Two texts sharing a part: the estimate is within what 64 values allow (4 standard errors)."""
    rng = random.Random(seed)
    common = [rng.choice(WORDS) for _ in range(int(length * shared))]
    first = " ".join(common + [rng.choice(WORDS) for _ in range(length - len(common))])
    second = " ".join(common + [rng.choice(WORDS) for _ in range(length - len(common))])
    exact = exact_similarity(first, second)
    tolerance = 4 * (max(exact * (1 - exact), 0.01) / SLOTS) ** 0.5
    assert abs(similarity(sketch(first), sketch(second)) - exact) <= tolerance
