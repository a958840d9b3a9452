"""Decoding article bytes: Unicode forms, legacy encodings found by detection, binary files."""

from __future__ import annotations

import codecs
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsfind import encoding
from newsfind.encoding import DETECT_BYTES, SHORT_FILE_BYTES, Decoded, NotText, decode_article_bytes
from tests.corpora import NASTY
from tests.language_samples import SAMPLES, sample_text

HEADER = " date 2019-05-04 \n"
PAIRS = [(sample.language, codec) for sample in SAMPLES.values() for codec in sample.encodings]

#: What each test encoding may come back as: itself or the superset that files
#: in it are really written in, and the words the note must use for it.
ACCEPTED = {
    "shift_jis": ({"cp932", "shift_jis_2004"}, "Shift-JIS (Japanese)"),
    "cp932": ({"cp932", "shift_jis_2004"}, "Shift-JIS (Japanese)"),
    "euc_jp": ({"euc_jis_2004", "euc_jp"}, "EUC-JP (Japanese)"),
    "gb2312": ({"gb18030"}, "GB18030 (Simplified Chinese)"),
    "gbk": ({"gb18030"}, "GB18030 (Simplified Chinese)"),
    "gb18030": ({"gb18030"}, "GB18030 (Simplified Chinese)"),
    "big5": ({"cp950"}, "Big5 (Traditional Chinese)"),
    "cp950": ({"cp950"}, "Big5 (Traditional Chinese)"),
    "euc_kr": ({"cp949"}, "EUC-KR (Korean)"),
    "cp949": ({"cp949"}, "EUC-KR (Korean)"),
    "koi8_r": ({"koi8-r", "koi8-u"}, "KOI8-"),
    "cp1251": ({"cp1251"}, "Windows-1251 (Cyrillic)"),
    # Hungarian reads the same in both: ő and ű sit on the same bytes.
    "iso8859_2": ({"iso8859-2", "cp1250"}, "(Central European)"),
    "cp1250": ({"cp1250"}, "Windows-1250 (Central European)"),
    "iso8859_7": ({"iso8859-7", "cp1253"}, "(Greek)"),
    "cp1253": ({"cp1253", "iso8859-7"}, "(Greek)"),
    "cp1252": ({"cp1252"}, "Windows-1252 (Western European)"),
}
_UNSURE = ("probably", "to be sure")


def legacy_article(language: str, codec: str, size: int, seed: int = 0) -> tuple[str, bytes]:
    """A dated article of at most `size` bytes in `codec`, cut at a character, and its bytes."""
    paragraphs = 1
    while len(sample_text(language, paragraphs, seed).encode(codec)) + len(HEADER) < size:
        paragraphs += 1
    text = HEADER + sample_text(language, paragraphs, seed)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(text[:middle].encode(codec)) <= size:
            low = middle
        else:
            high = middle - 1
    text = text[:low].rstrip()
    return text, text.encode(codec)


def has_lone_surrogate(text: str) -> bool:
    return re.search("[\ud800-\udfff]", text) is not None


# --------------------------------------------------------------------------
# The samples themselves


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_sample_is_news_prose_that_its_encodings_represent_exactly(language: str) -> None:
    sample = SAMPLES[language]
    assert sample.language == language
    assert 3 <= len(sample.paragraphs) <= 6 and len(set(sample.paragraphs)) == len(sample.paragraphs)
    assert len(sample.words) >= 3 and sample.encodings
    full = sample_text(language, len(sample.paragraphs), seed=1)
    assert sorted(full.split("\n\n")) == sorted(sample.paragraphs)
    for word in sample.words:
        assert word in full
    for codec in sample.encodings:
        assert full.encode(codec).decode(codec) == full
        assert not full.isascii()


def test_sample_text_is_deterministic_and_uses_every_paragraph_before_repeating() -> None:
    assert sample_text("ru", 7, seed=3) == sample_text("ru", 7, seed=3)
    assert sample_text("ru", 7, seed=3) != sample_text("ru", 7, seed=4)
    first_round = sample_text("ru", len(SAMPLES["ru"].paragraphs), seed=3).split("\n\n")
    assert set(first_round) == set(SAMPLES["ru"].paragraphs)


def test_the_words_named_in_the_brief_are_in_their_samples() -> None:
    named = {"ja": ("浚渫", "港湾"), "zh-Hans": ("疏浚", "港口"), "zh-Hant": ("疏浚", "港口"),
             "ko": ("준설", "항만"), "ru": ("дноуглубления", "порт")}
    for language, words in named.items():
        assert set(words) <= set(SAMPLES[language].words)


# --------------------------------------------------------------------------
# Legacy encodings


@pytest.mark.parametrize("size", [300, 2_000, 20_000])
@pytest.mark.parametrize("language, codec", PAIRS)
def test_a_legacy_article_decodes_exactly_and_the_note_names_its_encoding(language: str, codec: str, size: int) -> None:
    text, raw = legacy_article(language, codec, size)
    result = decode_article_bytes(raw)
    assert result.text == text
    accepted, words = ACCEPTED[codec]
    assert result.encoding in accepted
    assert len(result.notes) == 1
    assert result.notes[0].startswith("not UTF-8: read as ") and words in result.notes[0]
    assert not any(word in result.notes[0] for word in _UNSURE)


@pytest.mark.parametrize("language, codec", PAIRS)
def test_a_very_short_legacy_file_decodes_and_says_it_is_unsure(language: str, codec: str) -> None:
    for seed in range(5):
        text, raw = legacy_article(language, codec, random.Random(seed).randint(25, 60), seed)
        result = decode_article_bytes(raw)
        if raw.isascii():
            assert result == Decoded(text, "utf-8", ())
            continue
        assert len(raw) < SHORT_FILE_BYTES
        assert result.notes[0].startswith("not UTF-8: probably ")
        assert result.notes[0].endswith("but the file is too short to be sure")
        assert codecs.lookup(result.encoding).name == result.encoding and not has_lone_surrogate(result.text)


@pytest.mark.parametrize("language, codec, expected", [
    ("cs", "iso8859_2", "iso8859-2"), ("pl", "iso8859_2", "iso8859-2"),
    ("cs", "cp1250", "cp1250"), ("pl", "cp1250", "cp1250"),
    ("ru", "cp1251", "cp1251"), ("uk", "cp1251", "cp1251"), ("ru", "koi8_r", "koi8-r"),
    ("de", "cp1252", "cp1252"), ("fr", "cp1252", "cp1252"), ("en", "cp1252", "cp1252"),
    ("ko", "euc_kr", "cp949"), ("ja", "euc_jp", "euc_jis_2004"), ("zh-Hans", "gb2312", "gb18030"),
])
def test_the_classic_confusions_are_avoided(language: str, codec: str, expected: str) -> None:
    """ISO-8859-2 or Windows-1250, Windows-1251 or KOI8-R or Mac Cyrillic, Latin-1 or Windows-1252, which CJK."""
    for seed in range(3):
        text, raw = legacy_article(language, codec, 2_000, seed)
        assert decode_article_bytes(raw).encoding == expected


def test_detection_is_unsure_when_no_encoding_fits_well() -> None:
    raw = HEADER.encode() + bytes(range(0xA0, 0x100)) * 4
    result = decode_article_bytes(raw)
    assert len(raw) >= SHORT_FILE_BYTES
    assert result.notes[0].startswith("not UTF-8: probably ") and result.notes[0].endswith(", but no encoding fits it well")


def test_a_byte_that_the_encoding_leaves_undefined_after_the_detected_start_becomes_a_noted_replacement() -> None:
    text, raw = legacy_article("el", "iso8859_7", DETECT_BYTES + 1_000)
    result = decode_article_bytes(raw + b" \xd2")  # undefined in ISO-8859-7 and Windows-1253
    assert result.text == text + " \ufffd"
    label = result.notes[0].removeprefix("not UTF-8: read as ")
    assert result.notes == (f"not UTF-8: read as {label}", f"bytes that mean nothing in {label} were replaced by \ufffd")


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("size", [300, 2_000, 20_000])
def test_windows_1252_undefined_bytes_are_read_as_latin1_like_before(language: str, size: int) -> None:
    text, _ = legacy_article(language, "cp1252", size)
    middle = len(text) // 2
    head, tail = text[:middle].encode("cp1252"), text[middle:].encode("cp1252")
    result = decode_article_bytes(head + b"\x81" + tail + b" \x8d\x8f\x90\x9d")
    assert result.text == text[:middle] + "\x81" + text[middle:] + " \x8d\x8f\x90\x9d"
    assert result.encoding == "cp1252" and result.notes == ("not UTF-8: read as Windows-1252 (Western European)",)


def test_only_the_first_64_kb_go_to_the_detector_but_everything_is_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    seen: list[int] = []
    detect = chardet.detect
    monkeypatch.setattr(chardet, "detect", lambda data, **options: seen.append(len(data)) or detect(data, **options))
    text, raw = legacy_article("ru", "koi8_r", 300_000)
    result = decode_article_bytes(raw)
    assert result.text == text and result.encoding == "koi8-r"
    assert seen == [DETECT_BYTES]


def test_utf8_and_unicode_forms_never_run_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    monkeypatch.setattr(chardet, "detect", lambda *args, **options: pytest.fail("detector ran"))
    text = HEADER + sample_text("ja", 3, seed=1)
    assert decode_article_bytes(text.encode()).text == text
    for codec in ("utf-8", "utf-16-le", "utf-32-be"):
        assert decode_article_bytes(_BOMS[codec] + text.encode(codec)).text == text
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        assert decode_article_bytes((HEADER + "Latin text " * 50).encode(codec)).encoding == codec


# --------------------------------------------------------------------------
# Unicode forms


_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


@pytest.mark.parametrize("language", ["en", "ru", "ja", "ko"])
@pytest.mark.parametrize("codec", list(_BOMS))
def test_a_bom_names_the_unicode_encoding_without_a_note(codec: str, language: str) -> None:
    text = HEADER + sample_text(language, 3, seed=2) + " 📰"
    assert decode_article_bytes(_BOMS[codec] + text.encode(codec)) == Decoded(text, codec, ())


@pytest.mark.parametrize("language", ["en", "de", "ru", "el", "ja", "zh-Hans", "ko"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_recognised_and_noted(codec: str, language: str) -> None:
    text = HEADER + sample_text(language, 3, seed=2)
    result = decode_article_bytes(text.encode(codec))
    assert result == Decoded(text, codec, (f"no byte-order mark: read as {codec.upper()} by its NUL byte pattern",))


def test_damaged_utf16_is_read_with_replacements_and_a_note() -> None:
    raw = codecs.BOM_UTF16_LE + "Hafen ".encode("utf-16-le") + b"\x00\xdc" + "Bagger".encode("utf-16-le")
    result = decode_article_bytes(raw)
    assert result.text == "Hafen \ufffdBagger"
    assert result.notes == ("invalid UTF-16 sequences were replaced by \ufffd",)


@pytest.mark.parametrize("codec, character", [
    ("utf-8", "€"), ("utf-8", "📰"), ("utf-16-le", "📰"), ("utf-32-be", "港"),
    ("shift_jis", "港"), ("gb18030", "港"), ("euc_kr", "항"), ("big5", "港"),
])
def test_a_file_cut_inside_a_character_loses_that_character_silently(codec: str, character: str) -> None:
    language = {"shift_jis": "ja", "gb18030": "zh-Hans", "euc_kr": "ko", "big5": "zh-Hant"}.get(codec, "de")
    text = HEADER + sample_text(language, 8, seed=1) + " " + character
    raw = _BOMS.get(codec, b"") + text.encode(codec)
    cut = raw[:-1]
    result = decode_article_bytes(cut, complete=False)
    assert result.text == text[:-1]
    assert not any("\ufffd" in note or "invalid" in note for note in result.notes)
    if codec.startswith("utf"):
        assert result.notes == ()


def test_a_complete_utf8_file_that_ends_inside_a_character_is_damaged() -> None:
    text = HEADER + sample_text("de", 3, seed=1) + " €"
    result = decode_article_bytes(text.encode()[:-1], complete=True)
    assert result.text == text[:-1] + "\ufffd"
    assert result.notes == ("invalid UTF-8 bytes were replaced by \ufffd",)


def test_mostly_utf8_with_stray_bytes_keeps_its_accents_and_marks_the_bad_bytes() -> None:
    text = HEADER + sample_text("fr", 4, seed=1)
    raw = text.encode().replace(b" budget ", b" budget \xe9\xff ", 1).replace(b" dragage ", b" \x80dragage ", 1)
    result = decode_article_bytes(raw)
    assert result.text == raw.decode("utf-8", "replace") and result.text.count("\ufffd") == 3
    assert result.notes == ("invalid UTF-8 bytes were replaced by \ufffd",)


# --------------------------------------------------------------------------
# Binary files


@pytest.mark.parametrize("magic, reason", [
    (b"\x89PNG\r\n\x1a\n", "binary file (a PNG image), not text"),
    (b"\x1f\x8b\x08\x00", "binary file (gzip-compressed data), not text"),
    (b"PK\x03\x04\x14\x00", "binary file (a ZIP archive (for example a Word or OpenDocument file)), not text"),
    (b"%PDF-1.7\n", "binary file (a PDF document), not text"),
    (b"\x7fELF\x02\x01\x01", "binary file (a program), not text"),
])
def test_a_binary_file_is_not_text_and_says_what_it_is(magic: bytes, reason: str) -> None:
    with pytest.raises(NotText) as caught:
        decode_article_bytes(magic + bytes(random.Random(1).randrange(256) for _ in range(2000)))
    assert str(caught.value) == reason


def test_many_nul_bytes_in_no_text_pattern_are_binary() -> None:
    rng = random.Random(2)
    with pytest.raises(NotText, match=r"^binary file \(contains many NUL bytes\), not text$"):
        decode_article_bytes(bytes(rng.choice((0, 0, rng.randrange(256))) for _ in range(4000)))


def test_random_bytes_without_nuls_are_binary_by_their_control_bytes() -> None:
    rng = random.Random(3)
    with pytest.raises(NotText, match=r"^binary file \(too many control bytes for text\), not text$"):
        decode_article_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))


# --------------------------------------------------------------------------
# Properties


def _looks_binary_as_utf8(raw: bytes) -> bool:
    """The documented rule: a magic number first, or more NULs than 1 % of the start, is not plain UTF-8."""
    start = raw[:DETECT_BYTES]
    return raw.startswith(tuple(encoding.BINARY_MAGIC)) or start.count(0) > max(2, len(start) * encoding.NUL_SHARE)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.booleans())
def test_any_bytes_give_text_without_lone_surrogates_or_not_text(raw: bytes, complete: bool) -> None:
    try:
        result = decode_article_bytes(raw, complete)
    except NotText as error:
        assert str(error).startswith("binary file (")
        return
    assert isinstance(result.text, str) and not has_lone_surrogate(result.text)
    codecs.lookup(result.encoding)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=2000))
def test_any_text_saved_as_utf8_comes_back_exactly_without_notes(text: str) -> None:
    raw = text.encode()
    assume(not text.startswith("\ufeff") and not _looks_binary_as_utf8(raw))
    assert decode_article_bytes(raw) == Decoded(text, "utf-8", ())


@settings(max_examples=100, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=200), st.integers(3, 50))
def test_utf8_text_with_many_nuls_is_utf16_32_or_binary_never_silently_utf8(text: str, nuls: int) -> None:
    raw = "\x00".join([text] * nuls).encode() + b"\x00" * nuls
    assume(_looks_binary_as_utf8(raw))
    try:
        result = decode_article_bytes(raw)
    except NotText:
        return
    assert result.encoding.startswith(("utf-16", "utf-32")) and result.notes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PAIRS), st.integers(0, 2**32), st.integers(2_000, 30_000))
def test_any_sample_text_of_2_kb_or_more_comes_back_exactly(pair: tuple[str, str], seed: int, size: int) -> None:
    language, codec = pair
    text, raw = legacy_article(language, codec, size, seed)
    result = decode_article_bytes(raw)
    assert result.text == text and result.encoding in ACCEPTED[codec][0]


# --------------------------------------------------------------------------
# The nasty corpus: each file reads as the old decoder read it (checked once
# against it; see the report), written down here so the old one can go.

NASTY_DECODING = {
    "cp1252_en_article.txt": ("cp1252", ("not UTF-8: read as Windows-1252 (Western European)",)),
    "latin1_de_article.txt": ("cp1252", ("not UTF-8: read as Windows-1252 (Western European)",)),
    "utf8_bom_article.txt": ("utf-8", ()),
    "utf16le_bom_ru_article.txt": ("utf-16-le", ()),
    "utf16be_bom_article.txt": ("utf-16-be", ()),
    "utf16le_no_bom_article.txt": ("utf-16-le", ("no byte-order mark: read as UTF-16-LE by its NUL byte pattern",)),
    "mixed_invalid_utf8_and_nul.txt": ("utf-8", ("invalid UTF-8 bytes were replaced by \ufffd",)),
}
NASTY_BINARY = {
    "binary_png_named.txt": "binary file (a PNG image), not text",
    "gzipped_article.txt": "binary file (gzip-compressed data), not text",
    "report.docx": "binary file (a ZIP archive (for example a Word or OpenDocument file)), not text",
}


def _nasty_files() -> list[str]:
    if not NASTY.is_dir():
        return []
    return sorted(path.name for path in NASTY.iterdir() if path.is_file() and path.name != "no_read_permission.txt")


@pytest.mark.skipif(not NASTY.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name", _nasty_files())
def test_every_nasty_file_decodes_as_before(name: str) -> None:
    path = NASTY / name
    limit = 4_000_004
    with open(path, "rb") as handle:
        raw = handle.read(limit)
    if name in NASTY_BINARY:
        with pytest.raises(NotText) as caught:
            decode_article_bytes(raw)
        assert str(caught.value) == NASTY_BINARY[name]
        return
    result = decode_article_bytes(raw, complete=path.stat().st_size <= limit)
    assert (result.encoding, result.notes) == NASTY_DECODING.get(name, ("utf-8", ()))
    assert not has_lone_surrogate(result.text)


@pytest.mark.skipif(not NASTY.is_dir(), reason="shared corpus not present")
def test_nasty_legacy_and_damaged_files_keep_their_words() -> None:
    def read(name: str) -> str:
        return decode_article_bytes((NASTY / name).read_bytes()).text

    assert "Grünfeld" in read("latin1_de_article.txt")
    assert "\u201c" in read("cp1252_en_article.txt") and "€" in read("cp1252_en_article.txt")
    damaged = (NASTY / "mixed_invalid_utf8_and_nul.txt").read_bytes()
    assert read("mixed_invalid_utf8_and_nul.txt") == damaged.decode("utf-8", "replace")
    assert read("utf16le_no_bom_article.txt").startswith(" date 2019-08-08")


def test_the_module_is_qt_free_and_imports_chardet_only_when_needed() -> None:
    script = (
        "import sys; from newsfind.encoding import decode_article_bytes as d; d('Grüße'.encode());"
        "assert not any(m.split('.')[0] in ('PySide6', 'chardet') for m in sys.modules);"
        "d('Grüße aus Köln'.encode('cp1252')); assert 'chardet' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=Path(__file__).parents[1])
