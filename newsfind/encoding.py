"""Turning an article file's bytes into text, whatever encoding it was saved in.

Byte-order marks, UTF-16/32 by their NUL bytes and UTF-8 are recognised here;
only a file that is none of these goes to a charset detector (chardet), so a
UTF-8 archive never pays for detection. Every reading that may be wrong or
lossy comes back as a note in plain words for the indexing report.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: Bytes shown to the detector at most: 64 KB settle every encoding tested
#: (5-30 ms a file); the whole input is then decoded with the codec found.
DETECT_BYTES = 65536
#: Shorter files are noted as unsure: below 200 bytes chardet misread up to 5 %
#: of the test samples, from 200 bytes on none in 3,800 tries.
SHORT_FILE_BYTES = 200
#: chardet's own floor for a plausible answer; right answers on samples of
#: 300 bytes or more never scored below 0.27.
LOW_CONFIDENCE = 0.2
#: Surer than this, the answer is multi-byte (8-bit ones scored 0.85 at most;
#: Shift-JIS, whose lead byte 0x81 asks for a second look, 1.0): skip that look.
MULTIBYTE_CONFIDENCE = 0.9
#: More NUL bytes than this share of the start means UTF-16/32 or binary:
#: 8-bit text has none, and damaged UTF-8 a stray one or two.
NUL_SHARE = 0.01
#: In UTF-16 Latin or Cyrillic text, the high byte of each pair is NUL for
#: every ASCII space, digit and letter; the low byte almost never is.
UTF16_NUL_RATIO = 10
#: CJK UTF-16 also has NULs in the other byte (characters like U+4E00), but
#: far fewer than its ASCII spaces, digits and line ends give; noise has as many.
UTF16_CJK_NUL_RATIO = 3

REPLACED_UTF8 = "invalid UTF-8 bytes were replaced by \ufffd"


class NotText(ValueError):
    """The bytes are not text (a binary file); str(error) is a reason a user understands,
    e.g. "binary file (a PNG image), not text"."""


@dataclass(frozen=True)
class Decoded:
    """An article's text, the codec that read it, and what may be wrong with the reading."""

    text: str  #: never contains lone surrogates (U+D800-DFFF)
    encoding: str  #: the Python codec used, lowercase: "utf-8", "utf-16-le", "cp932", "koi8-r", ...
    notes: tuple[str, ...]  #: warnings for the indexing report, in plain words; () for clean UTF-8


#: How binary files that are often misnamed .txt begin.
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\x1f\x8b": "gzip-compressed data",
    b"PK\x03\x04": "a ZIP archive (for example a Word or OpenDocument file)",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"BZh": "bzip2-compressed data",
    b"\xfd7zXZ": "xz-compressed data",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x7fELF": "a program",
}

#: UTF-32 LE first: its BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: What a detector's answer is decoded with, in order: the superset that the
#: files were really written in (Windows extended each standard; files hold no
#: C1 controls, so ISO 8859 bytes 0x80-0x9F are Windows punctuation), then the
#: next when the first cannot read every byte. Big5: Taiwan's files come from
#: Windows (cp950: its punctuation and €); Hong Kong's need HKSCS characters.
_DECODERS = {
    "ascii": ("cp1252",),
    "iso8859-1": ("cp1252",),
    "iso8859-9": ("cp1254",),
    "tis-620": ("cp874",),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "shift_jis": ("cp932", "shift_jis_2004"),
    "euc_jp": ("euc_jis_2004", "euc_jp"),
    "big5": ("cp950", "big5hkscs"),
    "big5hkscs": ("cp950", "big5hkscs"),
    "euc_kr": ("cp949",),
}

#: The five bytes that Windows-1252 leaves undefined (read as Latin-1 C1 controls).
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
#: Windows code pages whose few undefined bytes lie in 0x80-0x9F.
_WINDOWS_PAGES = frozenset({"cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258"})

#: How notes name an encoding: the name people know it by, and what it was for.
_LABELS = {
    "cp932": "Shift-JIS (Japanese)",
    "shift_jis_2004": "Shift-JIS (Japanese)",
    "euc_jis_2004": "EUC-JP (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "gb18030": "GB18030 (Simplified Chinese)",
    "cp950": "Big5 (Traditional Chinese)",
    "big5hkscs": "Big5-HKSCS (Traditional Chinese)",
    "cp949": "EUC-KR (Korean)",
    "johab": "Johab (Korean)",
    "koi8-r": "KOI8-R (Cyrillic)",
    "koi8-u": "KOI8-U (Cyrillic)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "iso8859-5": "ISO-8859-5 (Cyrillic)",
    "mac-cyrillic": "Mac Cyrillic",
    "cp866": "DOS 866 (Cyrillic)",
    "cp1250": "Windows-1250 (Central European)",
    "iso8859-2": "ISO-8859-2 (Central European)",
    "cp1252": "Windows-1252 (Western European)",
    "iso8859-15": "ISO-8859-15 (Western European)",
    "mac-roman": "Mac Roman (Western European)",
    "cp1253": "Windows-1253 (Greek)",
    "iso8859-7": "ISO-8859-7 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1258": "Windows-1258 (Vietnamese)",
    "cp874": "Windows-874 (Thai)",
}


def decode_article_bytes(raw: bytes, complete: bool = True) -> Decoded:
    """raw: the file's first bytes; complete=False when the file was cut at a read limit
    (so a multi-byte character may be cut at the end: drop the incomplete tail, no note)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _decode_unicode(raw[len(bom):], codec, complete, ())
    for magic, what in BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise NotText(f"binary file ({what}), not text")
    start = raw[:DETECT_BYTES]
    if start.count(0) > max(2, len(start) * NUL_SHARE):
        return _decode_by_nul_pattern(raw, start, complete)
    try:
        return Decoded(_decode(raw, "utf-8", complete), "utf-8", ())
    except UnicodeDecodeError:
        pass
    if _looks_like_damaged_utf8(start):
        return Decoded(_decode(raw, "utf-8", complete, "replace"), "utf-8", (REPLACED_UTF8,))
    return _decode_legacy(raw, complete)


def _decode(raw: bytes, codec: str, complete: bool, errors: str = "strict") -> str:
    """All of raw; a character cut at the end is left out when the file was cut."""
    return codecs.getincrementaldecoder(codec)(errors).decode(raw, final=complete)


def _decode_unicode(raw: bytes, codec: str, complete: bool, notes: tuple[str, ...]) -> Decoded:
    """A Unicode encoding known from a BOM or NUL pattern: damage becomes U+FFFD, and is noted."""
    try:
        return Decoded(_decode(raw, codec, complete), codec, notes)
    except UnicodeDecodeError:
        text = _decode(raw, codec, complete, "replace")
    damage = REPLACED_UTF8 if codec == "utf-8" else f"invalid {codec[:6].upper()} sequences were replaced by \ufffd"
    return Decoded(text, codec, notes + (damage,))


def _decode_by_nul_pattern(raw: bytes, start: bytes, complete: bool) -> Decoded:
    """UTF-16/32 without a BOM; chardet settles CJK UTF-16, whose NULs are few."""
    codec = _unicode_by_nul_pattern(start)
    if codec is None:
        codec = _detect(start)[0]
        if codec not in ("utf-16-le", "utf-16-be") or not _nuls_lean(start, codec):
            raise NotText("binary file (contains many NUL bytes), not text")
    note = f"no byte-order mark: read as {codec.upper()} by its NUL byte pattern"
    return _decode_unicode(raw, codec, complete, (note,))


def _unicode_by_nul_pattern(start: bytes) -> str | None:
    """UTF-32 has NULs in two or three of every four bytes, UTF-16 in one byte of each pair.

    Which bytes are NUL tells the byte order; binary data has NULs anywhere.
    """
    share = [start[i::4].count(0) / max(1, len(start[i::4])) for i in range(4)]
    if min(share[2], share[3]) > 0.9:
        return "utf-32-le"
    if min(share[0], share[1]) > 0.9:
        return "utf-32-be"
    even, odd = (share[0] + share[2]) / 2, (share[1] + share[3]) / 2
    if odd > UTF16_NUL_RATIO * even:
        return "utf-16-le"
    if even > UTF16_NUL_RATIO * odd:
        return "utf-16-be"
    return None


def _nuls_lean(start: bytes, codec: str) -> bool:
    """The NULs fall mostly where this UTF-16's byte order puts them (the high byte
    of ASCII characters), as in text; random bytes have them at both places alike."""
    even, odd = start[0::2].count(0), start[1::2].count(0)
    high, low = (odd, even) if codec == "utf-16-le" else (even, odd)
    return high >= UTF16_CJK_NUL_RATIO * max(1, low)


def _looks_like_damaged_utf8(start: bytes) -> bool:
    """Mostly valid UTF-8 with a few stray bytes, not a legacy encoding.

    A NUL byte or more valid multi-byte characters than invalid bytes says
    damage; legacy 8-bit text has neither. The start tells as well as the
    whole file, at a fraction of the cost (legacy text is an error a byte).
    """
    if b"\x00" in start:
        return True
    decoded = start.decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    non_ascii = len(decoded) - len(decoded.encode("ascii", "ignore"))
    return non_ascii - bad > bad


def _decode_legacy(raw: bytes, complete: bool) -> Decoded:
    """Not UTF-8: the detector names the encoding, and the note says how sure that is."""
    detected, confidence = _detect(raw[:DETECT_BYTES])
    if detected is None:
        raise NotText("binary file (too many control bytes for text), not text")
    codec, text, replaced = _decode_with_superset(raw, detected, complete)
    label = _LABELS.get(codec, codec.upper())
    if len(raw) < SHORT_FILE_BYTES:
        notes = [f"not UTF-8: probably {label}, but the file is too short to be sure"]
    elif confidence < LOW_CONFIDENCE:
        notes = [f"not UTF-8: probably {label}, but no encoding fits it well"]
    else:
        notes = [f"not UTF-8: read as {label}"]
    if replaced:
        notes.append(f"bytes that mean nothing in {label} were replaced by \ufffd")
    return Decoded(text, codec, tuple(notes))


def _detect(start: bytes) -> tuple[str | None, float]:
    """The Python codec chardet finds for these bytes (None: binary), and its confidence (0-1).

    One of the five bytes that Windows-1252 leaves undefined makes chardet rule
    that code page out, so the start is also tried without them; the surer wins.
    """
    best = _chardet(start)
    without_undefined = start.translate(None, _CP1252_UNDEFINED)
    if best[0] is not None and best[1] < MULTIBYTE_CONFIDENCE and len(without_undefined) < len(start):
        second = _chardet(without_undefined)
        if second[0] is not None and second[1] > best[1]:
            best = second
    return best


def _chardet(start: bytes) -> tuple[str | None, float]:
    import chardet  # here, not at the top: it takes 0.1 s, and UTF-8 archives never need it

    result = chardet.detect(
        start,
        encoding_era=chardet.EncodingEra.ALL & ~chardet.EncodingEra.MAINFRAME,  # no EBCDIC in a .txt
        compat_names=False,
        prefer_superset=False,  # its "supersets" are not: ISO-8859-2 š is ą in Windows-1250
        exclude_encodings=("utf-7",),  # its decoder can return lone surrogates
        max_bytes=DETECT_BYTES,
    )
    if result["encoding"] is None:
        return None, result["confidence"]
    return codecs.lookup(result["encoding"]).name, result["confidence"]


def _decode_with_superset(raw: bytes, detected: str, complete: bool) -> tuple[str, str, bool]:
    """(codec, text, whether bytes were replaced): the first decoder that reads every byte,
    else the first one with U+FFFD for what it cannot read."""
    choices = _DECODERS.get(detected, (detected,))
    for codec in choices:
        errors = "newsfind-c1-as-latin1" if codec in _WINDOWS_PAGES else "strict"
        try:
            return codec, _decode(raw, codec, complete, errors), False
        except UnicodeDecodeError:
            continue
    return choices[0], _decode(raw, choices[0], complete, "replace"), True


def _c1_as_latin1(error: UnicodeError) -> tuple[str, int]:
    """Windows pages leave a few of 0x80-0x9F undefined; Latin-1 reads them as C1 controls."""
    assert isinstance(error, UnicodeDecodeError)
    undefined = error.object[error.start:error.end]
    if min(undefined) < 0x80 or max(undefined) > 0x9F:
        raise error
    return undefined.decode("latin-1"), error.end


codecs.register_error("newsfind-c1-as-latin1", _c1_as_latin1)
