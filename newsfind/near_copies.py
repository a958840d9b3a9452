"""A short fingerprint of an article's wording, to find its lightly edited copies.

MinHash over word shingles estimates how much two texts share (the Jaccard
similarity of their sets of three-word runs) from two fixed-size sketches.
The sketch is one-permutation MinHash with optimal densification (Li, Owen
and Zhang 2012; Shrivastava 2017): each shingle is hashed once, the hash's low
bits choose one of SLOTS bins and the lowest remaining value is kept per bin;
empty bins borrow a filled bin's value along a fixed random path. So a sketch
costs one hash per shingle, where classic MinHash costs SLOTS of them: about
half a millisecond for an article of 600 words, in the indexing workers.

Words are compared lower-cased, as runs of letters and digits, so punctuation,
case and quote styles do not hide a copy.
"""

from __future__ import annotations

import re
import zlib
from array import array

SLOTS = 64  #: values per sketch (a power of two: a hash's low bits choose the bin)
SHINGLE_WORDS = 3
#: Articles with fewer words than this get no sketch: a caption or a page leftover
#: ("View Comments") is not a story, and its few shingles would match by chance.
MIN_WORDS = 25
_BIN_BITS = SLOTS.bit_length() - 1
_EMPTY = 0xFFFFFFFF
_WORD = re.compile(r"\w+")
_MASK32 = 0xFFFFFFFF


def _mix(value: int) -> int:
    """MurmurHash3's finaliser: spreads CRC-32's linear bits over the whole word."""
    value ^= value >> 16
    value = (value * 0x85EBCA6B) & _MASK32
    value ^= value >> 13
    value = (value * 0xC2B2AE35) & _MASK32
    return value ^ (value >> 16)


def _borrow_path(slot: int) -> list[int]:
    """The fixed order in which an empty bin looks for a filled one (the same for every article)."""
    path, seen, attempt = [], set(), 0
    while len(seen) < SLOTS - 1:
        other = _mix(zlib.crc32(f"{slot}:{attempt}".encode())) & (SLOTS - 1)
        attempt += 1
        if other != slot and other not in seen:
            seen.add(other)
            path.append(other)
    return path


_BORROW = [_borrow_path(slot) for slot in range(SLOTS)]


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def sketch(text: str) -> bytes:
    """The article's sketch (SLOTS unsigned 32-bit values), or b"" for a text too short to have one."""
    words = words_of(text)
    if len(words) < MIN_WORDS:
        return b""
    bins = [_EMPTY] * SLOTS
    low = SLOTS - 1
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    for shingle in shingles:
        value = _mix(zlib.crc32(shingle.encode()))
        slot = value & low
        value >>= _BIN_BITS
        if value < bins[slot]:
            bins[slot] = value
    for slot, value in enumerate(bins):
        if value == _EMPTY:
            bins[slot] = next(bins[other] for other in _BORROW[slot] if bins[other] != _EMPTY)
    return array("I", bins).tobytes()


def similarity(first: bytes | array, second: bytes | array) -> float:
    """The estimated Jaccard similarity of two sketches' texts (0 when either has none)."""
    if not first or not second:
        return 0.0
    a = first if isinstance(first, array) else array("I", first)
    b = second if isinstance(second, array) else array("I", second)
    return sum(x == y for x, y in zip(a, b)) / SLOTS
