"""A seeded generator of messy news archives, for tests.

The shared `nasty/` folder is one sample of what real archives hold; tests that
only use it test those 46 files. This makes as many archives as a test wants,
each a random mix of the same classes of trouble (odd names, encodings,
control bytes, binary files, links, deep and hidden folders), together with
what the product's rules (README, "Archive format") promise for every file:
found by a marker word with its date, or skipped with a reason.

Everything comes from one `random.Random(seed)`: the same seed and arguments
give byte-identical names and contents.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import os
import random
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tests.language_samples import SAMPLES, sample_text

# Substrings of today's skip reasons (newsfind/archive.py).
BINARY = "binary file"
EMPTY = "empty file"
BLANK = "only white space"
NOT_TXT = "not a .txt file"
HIDDEN = "hidden"
SAME_FILE = "same file as"
CYCLE = "cycle"
LINK_LOOP = "symbolic link loop"
BROKEN_LINK = "broken symbolic link"


@dataclass(frozen=True)
class ExpectedFile:
    """One file (or link) of a generated archive and what indexing must make of it."""

    relpath: bytes  #: relative to the archive root, raw bytes, "/"-separated
    indexed: bool  #: True: a searchable article; False: reported as skipped
    marker: str | None  #: indexed files: a word that occurs in no other file
    date: dt.date | None  #: the article's date (None: undated)
    reason: str | None  #: skipped files: a substring of the reported reason
    kind: str  #: the variants, "+"-joined (e.g. "ru-koi8_r+newline-name"), or "plain"
    words: tuple[str, ...] = ()  #: more words that must find this article


@dataclass
class MessyArchive:
    root: Path
    files: list[ExpectedFile]
    #: the folder outside the archive that a link inside it points to (links=True)
    outside: Path | None = None

    def indexed(self) -> list[ExpectedFile]:
        return [f for f in self.files if f.indexed]

    def skipped(self) -> list[ExpectedFile]:
        return [f for f in self.files if not f.indexed]


#: Control characters in a name show as their pictures (a newline as ␊); C1 controls as
#: U+FFFD, line and paragraph separators as ␤.
_CONTROL_PICTURES = ({code: 0x2400 + code for code in range(32)} | {0x7F: 0x2421}
                     | {code: 0xFFFD for code in range(0x80, 0xA0)} | {0x2028: 0x2424, 0x2029: 0x2424})


def display_path(relpath: bytes) -> str:
    """The readable form of a path, worked out independently of the product:
    U+FFFD where a name is not UTF-8, control characters as their pictures."""
    readable = os.fsdecode(relpath).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return readable.translate(_CONTROL_PICTURES)


# --------------------------------------------------------------------------
# Words and markers

_VOCABULARY = tuple("""
    minister council budget harbour storm election court police mayor report
    village bridge railway hospital school farmers market prices energy water
    river coast flood drought wildfire vote parliament senate governor union
    strike workers factory plant company shares bank loan taxes spending road
    traffic airport port ship cargo fishing museum library festival concert
    team match league coach season record weather forecast winter summer
    spring autumn morning evening officials residents neighbours protest
    agreement talks treaty border army navy soldiers refugees migrants census
    survey study scientists doctors nurses patients vaccine virus outbreak
    emergency rescue firefighters volunteers donation charity church mosque
    temple garden park forest mountain valley island lake canal tunnel
    highway station platform ticket passengers delay repair contract tender
    investigation inquiry verdict judge lawyer witness evidence statement
    interview newspaper broadcast radio television website network signal
""".split())
#: Accented words, so that a damaged UTF-8 file is mostly valid multi-byte text.
_ACCENTED = ("Zürich", "café", "naïve", "façade", "Müller", "señor", "Ærø", "déjà", "Škoda", "Łódź")
#: Letters of marker words: no vowels, "s" or "y", so no stemmer suffix can match.
_MARKER_LETTERS = "bcdfghjklmnprtvwxz"
#: Every marker has this length, so half of one is never another.
MARKER_LENGTH = 10


def _marker_word(number: int, rng: random.Random) -> str:
    """A word no article contains: "qzx", the number in letters, three random letters."""
    digits = []
    for _ in range(4):
        number, digit = divmod(number, len(_MARKER_LETTERS))
        digits.append(_MARKER_LETTERS[digit])
    assert number == 0, "too many markers for four letters"
    return "qzx" + "".join(digits) + "".join(rng.choice(_MARKER_LETTERS) for _ in range(3))


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choices(_VOCABULARY, k=rng.randint(6, 16))).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def _with_word(rng: random.Random, paragraph: str, word: str) -> str:
    """The paragraph with word put between two of its words."""
    words = paragraph.split(" ")
    words.insert(rng.randint(1, len(words)), word)
    return " ".join(words)


def _random_date(rng: random.Random) -> dt.date:
    return dt.date.fromordinal(rng.randint(dt.date(1900, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal()))


def _article_text(rng: random.Random, date_token: str | None, word: str, paragraphs: int, extra: str = "") -> str:
    """An article in the archive format: header, headline, blank line, paragraphs.

    The header is sometimes followed by the headline on the same line, as in the
    reference article. `word` goes into a random paragraph; `extra` is appended
    as a last paragraph.
    """
    body = [_paragraph(rng) for _ in range(paragraphs)]
    where = rng.randrange(paragraphs)
    body[where] = _with_word(rng, body[where], word)
    if extra:
        body.append(extra)
    header = "" if date_token is None else f" date {date_token} " + rng.choice(("\n", ""))
    return header + _sentence(rng).rstrip(".") + "\n\n" + "\n\n".join(body) + "\n"


# --------------------------------------------------------------------------
# Contents: each variant's bytes and what reading them must give


@dataclass(frozen=True)
class _Content:
    """A file's bytes and what reading them must give."""

    data: bytes
    kind: str
    date: dt.date | None = None
    marker: str | None = None
    reason: str | None = None  #: None: an article
    words: tuple[str, ...] = ()


class _Generator:
    """The random source, the numbering of names and markers, and the files made."""

    def __init__(self, root: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.root = os.fsencode(root)
        self.files: list[ExpectedFile] = []
        self._tags = 0
        self._markers = 0

    def tag(self) -> bytes:
        """A number for a name, which makes every name (and its readable form) unique."""
        self._tags += 1
        return b"n%05d" % self._tags

    def marker(self) -> str:
        self._markers += 1
        return _marker_word(self._markers, self.rng)

    def write(self, relpath: bytes, data: bytes) -> None:
        _write_bytes(os.path.join(self.root, relpath), data)

    def mkdir(self, relpath: bytes) -> None:
        os.makedirs(os.path.join(self.root, relpath), exist_ok=True)

    def symlink(self, relpath: bytes, target: bytes) -> None:
        os.symlink(target, os.path.join(self.root, relpath))

    def expect(self, relpath: bytes, content: _Content, kind: str) -> None:
        if content.reason is None:
            self.files.append(ExpectedFile(relpath, True, content.marker, content.date, None, kind, content.words))
        else:
            self.files.append(ExpectedFile(relpath, False, None, None, content.reason, kind))

    def skipped(self, relpath: bytes, reason: str, kind: str) -> None:
        self.files.append(ExpectedFile(relpath, False, None, None, reason, kind))


_ContentBuilder = Callable[[_Generator, str], _Content]
#: Stands for a word (or byte) put into an article's text after it is made.
_PLACEHOLDER = "\ue000"


def _write_bytes(path: bytes, data: bytes) -> None:
    """Create a file by its raw name (any bytes the file system allows)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _dated_article(g: _Generator, kind: str, *, paragraphs: tuple[int, int] = (2, 5), word: str | None = None,
                   extra: str = "", newline: str = "\n") -> tuple[str, _Content]:
    """A UTF-8 article with a valid date, as text and as content."""
    marker = g.marker()
    date = _random_date(g.rng)
    text = _article_text(g.rng, date.isoformat(), word or marker, g.rng.randint(*paragraphs), extra)
    text = text.replace("\n", newline)
    return text, _Content(text.encode("utf-8"), kind, date, marker)


def _plain(g: _Generator, kind: str) -> _Content:
    return _dated_article(g, kind)[1]


_LINE_ENDS = {"crlf": "\r\n", "cr": "\r"}


def _line_ends(g: _Generator, kind: str) -> _Content:
    return _dated_article(g, kind, newline=_LINE_ENDS[kind])[1]


#: Header dates (None: no header) and the date they must give (None: undated, never rolled over).
_HEADER_DATES: dict[str, tuple[tuple[str | None, dt.date | None], ...]] = {
    "undated": ((None, None),),
    "bad-date": (("2021-02-30", None), ("2019-13-45", None), ("2023-04-31", None), ("2022-00-10", None),
                 ("1900-02-29", None)),
    "edge-date": (("0001-01-01", dt.date(1, 1, 1)), ("9999-12-31", dt.date(9999, 12, 31))),
}


def _header_date(g: _Generator, kind: str) -> _Content:
    token, date = g.rng.choice(_HEADER_DATES[kind])
    marker = g.marker()
    return _Content(_article_text(g.rng, token, marker, g.rng.randint(1, 4)).encode(), kind, date, marker)


def _tiny(g: _Generator, kind: str) -> _Content:
    """A date and one word."""
    marker = g.marker()
    date = _random_date(g.rng)
    ending = g.rng.choice(("", "\n"))
    return _Content(f" date {date.isoformat()} {marker}{ending}".encode(), kind, date, marker)


#: Invisible or control characters put inside a marker; the marker must still be one word.
_INSIDE_WORD = {"nul-inside": "\x00", "soh-inside": "\x01", "esc-inside": "\x1b", "del-inside": "\x7f",
                "soft-hyphen-inside": "\u00ad"}


def _char_inside_word(g: _Generator, kind: str) -> _Content:
    """A long article whose marker has a stray character in its middle."""
    text, content = _dated_article(g, kind, paragraphs=(15, 30), word=_PLACEHOLDER)
    cut = g.rng.randint(3, MARKER_LENGTH - 2)
    assert content.marker
    word = content.marker[:cut] + _INSIDE_WORD[kind] + content.marker[cut:]
    return _Content(text.replace(_PLACEHOLDER, word).encode(), kind, content.date, content.marker)


def _zero_width_space(g: _Generator, kind: str) -> _Content:
    """Marker, zero-width space, second marker: a word break, so both words find it."""
    second = g.marker()
    text, content = _dated_article(g, kind, word=_PLACEHOLDER)
    assert content.marker
    data = text.replace(_PLACEHOLDER, content.marker + "\u200b" + second).encode()
    return _Content(data, kind, content.date, content.marker, words=(second,))


#: Bytes that are not UTF-8 where they stand: lone bytes, a lead byte, a cut "€".
_STRAY_BYTES = (b"\xff", b"\xfe", b"\xc3", b"\xe2\x82", b"\x80")


def _damaged_utf8(g: _Generator, kind: str) -> _Content:
    """Mostly valid UTF-8 (many accented words) with one to three stray bytes.

    An accented second marker must be found with its accent intact (not read as
    Windows-1252, which would turn it into mojibake).
    """
    accented = g.marker() + "ñ"
    words = g.rng.choices(_ACCENTED, k=12) + [accented] + [_PLACEHOLDER] * g.rng.randint(1, 3)
    g.rng.shuffle(words)
    _, content = _dated_article(g, kind, extra=" ".join(words) + ".")
    pieces = content.data.split(_PLACEHOLDER.encode())
    data = pieces[0] + b"".join(g.rng.choice(_STRAY_BYTES) + piece for piece in pieces[1:])
    return _Content(data, kind, content.date, content.marker, words=(accented,))


def _language_article(g: _Generator, language: str, header: str) -> tuple[str, str]:
    """An article in one of the sample languages (all its paragraphs, so all its words), and its marker."""
    sample = SAMPLES[language]
    text = sample_text(language, len(sample.paragraphs), g.rng.randrange(2**32))
    marker = g.marker()
    first, rest = text.split("\n\n", 1)
    return f"{header}{first} {marker}\n\n{rest}\n", marker


#: Unicode encodings: the BOM written first, the codec, and whether the text may be non-Latin.
#: Without a BOM, UTF-16 is recognised by its NUL bytes, which only Latin text has.
_UNICODE_FORMS = {
    "utf8-bom": (codecs.BOM_UTF8, "utf-8", True),
    "utf16le-bom": (codecs.BOM_UTF16_LE, "utf-16-le", True),
    "utf16be-bom": (codecs.BOM_UTF16_BE, "utf-16-be", True),
    "utf16le": (b"", "utf-16-le", False),
    "utf16be": (b"", "utf-16-be", False),
    "utf32le-bom": (codecs.BOM_UTF32_LE, "utf-32-le", True),
    "utf32be-bom": (codecs.BOM_UTF32_BE, "utf-32-be", True),
}


def _unicode_form(g: _Generator, kind: str) -> _Content:
    """An article in a Unicode encoding other than plain UTF-8; half in a sample language."""
    bom, codec, any_script = _UNICODE_FORMS[kind]
    if any_script and g.rng.random() < 0.5:
        language = g.rng.choice(sorted(SAMPLES))
        date = _random_date(g.rng)
        text, marker = _language_article(g, language, f" date {date.isoformat()} \n")
        return _Content(bom + text.encode(codec), f"{kind}-{language}", date, marker, words=SAMPLES[language].words)
    text, content = _dated_article(g, kind)
    return _Content(bom + text.encode(codec), kind, content.date, content.marker)


def _legacy(language: str, encoding: str) -> _ContentBuilder:
    """Builds articles in one sample language and one legacy 8-bit or CJK encoding."""

    def build(g: _Generator, kind: str) -> _Content:
        date = _random_date(g.rng)
        text, marker = _language_article(g, language, f" date {date.isoformat()} \n")
        return _Content(text.encode(encoding), kind, date, marker, words=SAMPLES[language].words)

    return build


# Binary files with a .txt name, each recognised by its first bytes (or its NULs).


def _png(g: _Generator) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    side = g.rng.randint(4, 32)
    rows = b"".join(b"\x00" + g.rng.randbytes(side) for _ in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _gzip(g: _Generator) -> bytes:
    return gzip.compress(_dated_article(g, "gzip")[1].data, mtime=0)


def _zip(g: _Generator) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("word/document.xml", (1980, 1, 1, 0, 0, 0)), _dated_article(g, "zip")[1].data)
    return buffer.getvalue()


def _pdf(g: _Generator) -> bytes:
    text = _paragraph(g.rng).encode()
    return (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length " + str(len(text)).encode() + b" >>\nstream\n"
            + text + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def _jpeg(g: _Generator) -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + g.rng.randbytes(g.rng.randint(100, 3000)) + b"\xff\xd9"


def _nul_noise(g: _Generator) -> bytes:
    """Random bytes, about a third NUL at random places (so not UTF-16's every other byte)."""
    size = g.rng.randint(64, 4096)
    data = bytearray(g.rng.randbytes(size))
    for position in g.rng.sample(range(size), size // 3):
        data[position] = 0
    data[0] = 0  # no BOM or magic number by chance
    return bytes(data)


_BINARY_FILES: dict[str, Callable[[_Generator], bytes]] = {
    "png": _png, "gzip": _gzip, "zip": _zip, "pdf": _pdf, "jpeg": _jpeg, "nul-noise": _nul_noise,
}


def _binary(g: _Generator, kind: str) -> _Content:
    return _Content(_BINARY_FILES[kind](g), kind, reason=BINARY)


def _empty(g: _Generator, kind: str) -> _Content:
    return _Content(b"", kind, reason=EMPTY)


def _blank(g: _Generator, kind: str) -> _Content:
    return _Content("".join(g.rng.choices(" \t\n", k=g.rng.randint(1, 200))).encode(), kind, reason=BLANK)


HUGE_BYTES = 4_500_000


def _huge(g: _Generator, kind: str) -> _Content:
    """An article over 4 MB; only its first 1,000,000 characters are indexed, so the marker is near the start."""
    marker = g.marker()
    date = _random_date(g.rng)
    head = f" date {date.isoformat()} \n{_sentence(g.rng)}\n\n{_with_word(g.rng, _paragraph(g.rng), marker)}\n\n"
    block = "\n\n".join(_paragraph(g.rng) for _ in range(20)).encode() + b"\n\n"
    data = head.encode() + block * (HUGE_BYTES // len(block) + 1)
    return _Content(data, kind, date, marker)


def _content_table() -> dict[str, tuple[float, _ContentBuilder]]:
    """Every content variant: kind → (weight in the random mix, builder)."""
    table: dict[str, tuple[float, _ContentBuilder]] = {"plain": (40.0, _plain), "tiny": (4.0, _tiny),
                                                      "damaged-utf8": (2.0, _damaged_utf8),
                                                      "zwsp-inside": (1.0, _zero_width_space),
                                                      "empty": (1.0, _empty), "whitespace": (1.0, _blank)}
    table.update({kind: (2.0, _line_ends) for kind in _LINE_ENDS})
    table.update({kind: (3.0, _header_date) for kind in _HEADER_DATES})
    table.update({kind: (1.0, _char_inside_word) for kind in _INSIDE_WORD})
    table.update({kind: (1.5, _unicode_form) for kind in _UNICODE_FORMS})
    table.update({kind: (0.7, _binary) for kind in _BINARY_FILES})
    table.update({f"{sample.language}-{encoding}": (0.8, _legacy(sample.language, encoding))
                  for sample in SAMPLES.values() for encoding in sample.encodings})
    return table


_CONTENTS = _content_table()


# --------------------------------------------------------------------------
# Names

#: name kind → (weight in the random mix, pattern with {tag}, skip reason or None).
_NAME_PATTERNS: dict[str, tuple[float, bytes, str | None]] = {
    "plain-name": (60.0, b"article {tag}.txt", None),
    "byte-name": (2.0, b"invalid_\xff\xfe {tag}.txt", None),
    "latin1-name": (2.0, "résumé {tag}.txt".encode("latin-1"), None),
    "truncated-utf8-name": (2.0, b"price \xe2\x82 {tag}.txt", None),  # "€" cut after two of its three bytes
    "newline-name": (1.5, b"first line\nsecond line {tag}.txt", None),
    "tab-name": (1.0, b"tab\there {tag}.txt", None),
    "cr-name": (1.0, b"carriage\rreturn {tag}.txt", None),
    "quote-name": (1.0, b"it's \"quoted\" {tag}.txt", None),
    "backslash-name": (1.0, b"back\\slash\\ {tag}.txt", None),
    "colon-name": (1.0, b"12:30 C: report {tag}.txt", None),
    "glob-name": (1.0, b"what*is?this [draft] {tag}.txt", None),
    "shell-name": (1.0, b"$(echo hi) `x`; a&b | c > {tag}.txt", None),
    "leading-space-name": (1.0, b"  leading {tag}.txt", None),
    "leading-dash-name": (1.0, b"-rf {tag}.txt", None),
    "emoji-name": (1.0, "news 📰🗞️ 👩‍👩‍👧 {tag}.txt".encode(), None),
    "rtl-name": (1.0, "خبر عاجل עיתון {tag}.txt".encode(), None),
    "bidi-override-name": (1.0, "invoice \u202e{tag}fdp.txt".encode(), None),
    "upper-txt-name": (1.5, b"UPPER {tag}.TXT", None),
    "mixed-case-txt-name": (1.0, b"Mixed {tag}.tXt", None),
    "hidden-name": (1.5, b".hidden {tag}.txt", HIDDEN),
    "md-name": (1.0, b"notes {tag}.md", NOT_TXT),
    "html-name": (1.0, b"page {tag}.html", NOT_TXT),
    "backup-name": (1.0, b"article {tag}.txt~", NOT_TXT),
    "no-extension-name": (1.0, b"README {tag}", NOT_TXT),
    "trailing-space-name": (1.0, b"trailing {tag}.txt ", NOT_TXT),
}
#: Characters of 2, 3, 3 and 4 UTF-8 bytes to fill a 255-byte name with.
_LONG_NAME_FILL = ("é", "ж", "中", "😀")
NAME_MAX = 255


def _long_name(rng: random.Random, tag: bytes) -> bytes:
    """A name of exactly 255 bytes, multi-byte characters up to the limit (which falls between two)."""
    tail = b" " + tag + b".txt"
    fill = rng.choice(_LONG_NAME_FILL).encode()
    count, padding = divmod(NAME_MAX - len(tail), len(fill))
    return fill * count + b"x" * padding + tail


def _twin_names(tag: bytes) -> list[tuple[str, bytes]]:
    """The same visible name twice, in NFC and NFD, side by side (as macOS and Linux write it)."""
    visible = "résumé décision " + tag.decode() + ".txt"
    return [(f"{form.lower()}-twin-name", unicodedata.normalize(form, visible).encode()) for form in ("NFC", "NFD")]


def _names_for(kind: str, rng: random.Random, tag: bytes) -> list[tuple[str, bytes]]:
    """The file names (one, or two twins) of a name kind, each with its own label."""
    if kind == "long-name":
        return [(kind, _long_name(rng, tag))]
    if kind == "twin-names":
        return _twin_names(tag)
    return [(kind, _NAME_PATTERNS[kind][1].replace(b"{tag}", tag))]


_NAME_WEIGHTS = {kind: weight for kind, (weight, _, _) in _NAME_PATTERNS.items()}
_NAME_WEIGHTS |= {"long-name": 1.5, "twin-names": 1.5}


def _name_skip_reason(kind: str) -> str | None:
    return _NAME_PATTERNS[kind][2] if kind in _NAME_PATTERNS else None


#: Folder names beside the ordinary ones (all visible, so scanned).
_MESSY_FOLDERS = (
    b"caf\xe9 latin1", b"bad \xff\xfe bytes", "Zürich März 2020".encode(), b" spaces at ends ", b"new\nline",
    "📰 emoji".encode(), "أخبار".encode(), unicodedata.normalize("NFD", "décisions").encode(), b"-dash",
    b"folder.TXT", b"*?[glob]",
)


# --------------------------------------------------------------------------
# Layout


def _join(folder: bytes, name: bytes) -> bytes:
    return folder + b"/" + name if folder else name


def _plan_folders(g: _Generator, articles: int) -> tuple[list[bytes], list[float]]:
    """Folders and how likely each is to get a file: a few big ones, many small
    ones ("YYYY/MM-DD"), a chain 10-14 deep and the messy names. Made on disk."""
    groups: list[tuple[float, list[bytes]]] = [(0.10, [b""]), (0.30, [b"section %d" % k for k in range(1, 4)])]
    first_day = dt.date(1990, 1, 1).toordinal()
    days = sorted(g.rng.sample(range(first_day, first_day + 40 * 365), max(4, articles // 6)))
    groups.append((0.35, [dt.date.fromordinal(day).strftime("%Y/%m-%d").encode() for day in days]))
    levels = [b"deep"] + [b"level %02d" % k for k in range(1, g.rng.randint(10, 14) + 1)]
    groups.append((0.10, [b"/".join(levels[:k]) for k in range(2, len(levels) + 1)]))
    groups.append((0.15, [_join(g.rng.choice((b"", b"section 1")), name) for name in _MESSY_FOLDERS]))
    folders = [folder for _, members in groups for folder in members]
    weights = [share / len(members) for share, members in groups for _ in members]
    for folder in folders:
        g.mkdir(folder)
    return folders, weights


def _spread(rng: random.Random, weights: dict[str, float], count: int) -> list[str]:
    """count kinds: every kind once (when count allows), the rest by weight, shuffled."""
    kinds = list(weights)
    if count <= len(kinds):
        return rng.sample(kinds, count)
    chosen = kinds + rng.choices(kinds, list(weights.values()), k=count - len(kinds))
    rng.shuffle(chosen)
    return chosen


def _label(*parts: str) -> str:
    return "+".join(part for part in parts if part not in ("plain", "plain-name")) or "plain"


def _add_articles(g: _Generator, folders: list[bytes], weights: list[float], articles: int) -> list[bytes]:
    """The article slots: a content variant and a name variant each. Returns the
    visible .txt files that became articles (targets for sibling links)."""
    contents = _spread(g.rng, {kind: weight for kind, (weight, _) in _CONTENTS.items()}, articles)
    name_kinds = _spread(g.rng, _NAME_WEIGHTS, articles)
    places = g.rng.choices(folders, weights, k=articles)
    articles_made = []
    for content_kind, name_kind, folder in zip(contents, name_kinds, places):
        tag = g.tag()
        for name_label, name in _names_for(name_kind, g.rng, tag):
            relpath = _join(folder, name)
            content = _CONTENTS[content_kind][1](g, content_kind)
            g.write(relpath, content.data)
            reason = _name_skip_reason(name_kind)
            if reason:
                g.skipped(relpath, reason, _label(content.kind, name_label))
            else:
                g.expect(relpath, content, _label(content.kind, name_label))
                if content.reason is None:
                    articles_made.append(relpath)
    return articles_made


def _add_hidden_folders(g: _Generator, folders: list[bytes]) -> None:
    """Hidden folders with articles inside: the folder is reported, nothing in it is read."""
    for _ in range(g.rng.randint(1, 3)):
        hidden = _join(g.rng.choice(folders), b".hidden folder " + g.tag())
        g.mkdir(hidden)
        for _ in range(g.rng.randint(1, 3)):
            g.write(_join(hidden, b"article " + g.tag() + b".txt"), _plain(g, "plain").data)
        g.skipped(hidden, HIDDEN, "hidden-folder")


#: Names of links to a sibling: some sort before their target, some after.
_SIBLING_LINK_NAMES = (b"alias {tag}.txt", b"0 link {tag}.txt", b"zz link {tag}.txt", b"Link {tag}.TXT")


def _add_sibling_links(g: _Generator, targets: list[bytes], count: int) -> None:
    """Links to an article in the same folder: the article is indexed once, the link reported."""
    for target in g.rng.sample(targets, min(count, len(targets))):
        folder, _, name = target.rpartition(b"/")
        link = _join(folder, g.rng.choice(_SIBLING_LINK_NAMES).replace(b"{tag}", g.tag()))
        g.symlink(link, name)
        g.skipped(link, SAME_FILE, "sibling-link")


def _add_bad_links(g: _Generator, folders: list[bytes]) -> None:
    """Folder links back to an ancestor (cycles), link loops and dangling links."""
    for _ in range(g.rng.randint(1, 3)):
        folder = g.rng.choice(folders)
        depth = folder.count(b"/") + 1 if folder else 0
        up = g.rng.randint(0, depth)
        link = _join(folder, b"back up " + g.tag())
        g.symlink(link, b"/".join([b".."] * up) or b".")
        g.skipped(link, CYCLE, "dir-cycle")
    for _ in range(g.rng.randint(1, 2)):
        folder = g.rng.choice(folders)
        first, second = (_join(folder, b"loop " + g.tag() + b".txt") for _ in range(2))
        pair = g.rng.random() < 0.7
        g.symlink(first, os.path.basename(second if pair else first))
        g.skipped(first, LINK_LOOP, "link-loop")
        if pair:
            g.symlink(second, os.path.basename(first))
            g.skipped(second, LINK_LOOP, "link-loop")
    for _ in range(g.rng.randint(1, 3)):
        link = _join(g.rng.choice(folders), b"dangling " + g.tag() + b".txt")
        g.symlink(link, g.rng.choice((b"gone.txt", b"../nowhere/gone.txt", b"/nonexistent/newsfind/gone.txt")))
        g.skipped(link, BROKEN_LINK, "dangling-link")


def _add_outside_folder(g: _Generator, root: Path, folders: list[bytes]) -> Path:
    """A folder beside the archive, reached by a link inside it: followed (links are
    followed), so its articles are indexed under the link's path."""
    outside = root.parent / (root.name + "-outside")
    outside.mkdir()
    folder = g.rng.choice(folders)
    link = _join(folder, b"outside link " + g.tag())
    g.symlink(link, os.path.relpath(os.fsencode(outside), os.path.join(g.root, folder)))
    for _ in range(g.rng.randint(1, 3)):
        name = b"outside article " + g.tag() + b".txt"
        content = _plain(g, "plain")
        _write_bytes(os.path.join(os.fsencode(outside), name), content.data)
        g.expect(_join(link, name), content, "outside-link")
    return outside


def make_messy_archive(root: Path, seed: int, articles: int = 300, *, huge: bool = False,
                       links: bool = True) -> MessyArchive:
    """Make a messy archive in root (created if missing; should be empty).

    `articles` files are made from a content variant and a name variant each
    (every variant at least once when there are enough); hidden folders,
    links (with `links`) and one file over 4 MB (with `huge`) come on top.
    With `links`, a folder `<root>-outside` is made beside root. Every file
    and link made is listed in `files`, except the files inside a hidden
    folder: the scan never looks inside it, so the folder's entry stands for them.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    g = _Generator(root, seed)
    folders, weights = _plan_folders(g, articles)
    articles_made = _add_articles(g, folders, weights, articles)
    if huge:
        relpath = _join(g.rng.choice(folders), b"huge " + g.tag() + b".txt")
        content = _huge(g, "huge")
        g.write(relpath, content.data)
        g.expect(relpath, content, "huge")
    _add_hidden_folders(g, folders)
    outside = None
    if links:
        _add_sibling_links(g, articles_made, max(1, articles // 40))
        _add_bad_links(g, folders)
        outside = _add_outside_folder(g, root, folders)
    return MessyArchive(root, g.files, outside)


def walk_tree(top: bytes, relative: bytes = b"") -> Iterator[tuple[bytes, os.stat_result]]:
    """Every entry below top (links not followed), by raw relative path, in name order."""
    with os.scandir(os.path.join(top, relative) if relative else top) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            relpath = _join(relative, entry.name)
            info = entry.stat(follow_symlinks=False)
            yield relpath, info
            if entry.is_dir(follow_symlinks=False):
                yield from walk_tree(top, relpath)
