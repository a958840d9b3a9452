"""Reading an archive folder of plain-text news articles.

Real archives are messy: mixed encodings, binary files with a .txt name,
impossible dates, link loops, files nobody may read. Every file is either
turned into an `Article` or reported as a `Problem` with its path and a reason a
person understands; nothing here ever stops a scan or writes to the archive.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

#: Articles longer than this many characters are indexed and shown up to here
#: (and reported as truncated): a 20 MB "article" is almost always a dump, and
#: indexing all of it would cost minutes and hundreds of MB for one file.
MAX_BODY_CHARS = 1_000_000
#: Bytes read from a file at most (UTF-16 needs two bytes a character).
MAX_READ_BYTES = 4 * MAX_BODY_CHARS + 4
#: Longest title kept; longer first sentences are cut at a word boundary.
MAX_TITLE_CHARS = 240

ARTICLE_SUFFIX = ".txt"


@dataclass(frozen=True)
class Article:
    """One article file, decoded and split into its parts."""

    id: str
    path: str  #: relative to the archive root, "/"-separated, as on disk
    date: dt.date | None
    title: str
    body: str  #: everything after the date header; "\n" line ends
    size: int  #: bytes on disk
    mtime_ns: int
    notes: tuple[str, ...] = ()  #: what was repaired or degraded while reading

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) character ranges of the body's paragraphs."""
        return paragraph_spans(self.body)


@dataclass(frozen=True)
class Problem:
    """A file that was skipped, or read with a warning."""

    path: str
    reason: str
    skipped: bool = True


@dataclass
class FileEntry:
    """A candidate article file found by a scan (not yet read)."""

    path: str
    abspath: str
    size: int
    mtime_ns: int

    @property
    def signature(self) -> str:
        """Changes whenever the file's content is likely to have changed."""
        return f"{self.size}:{self.mtime_ns}"


@dataclass
class ScanResult:
    files: list[FileEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def article_id(relpath: str) -> str:
    """A short id that stays the same for a file as long as its path does."""
    normalized = unicodedata.normalize("NFC", relpath)
    return hashlib.blake2b(normalized.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


# --------------------------------------------------------------------------
# Scanning


def is_article_name(name: str) -> bool:
    """The documented rule: visible files whose name ends in .txt (any case)."""
    return not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIX)


def scan_archive(root: str | os.PathLike[str]) -> ScanResult:
    """Find every article file below root, recursively.

    Links are followed, but a folder already visited (a link cycle) or a file
    already found under another name (a link to a sibling) is reported once and
    not read again. Hidden names (starting with ".") and files not ending in
    .txt are reported as skipped.
    """
    result = ScanResult()
    root_path = os.path.abspath(os.fspath(root))
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: dict[tuple[int, int], str] = {}
    try:
        root_stat = os.stat(root_path)
    except OSError as error:
        result.problems.append(Problem(".", f"cannot open the archive folder: {_os_reason(error)}"))
        return result
    if not stat.S_ISDIR(root_stat.st_mode):
        result.problems.append(Problem(".", "the archive is not a folder"))
        return result
    seen_dirs.add((root_stat.st_dev, root_stat.st_ino))
    pending = [(root_path, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as error:
            result.problems.append(Problem(prefix.rstrip("/") or ".", f"cannot list folder: {_os_reason(error)}"))
            continue
        subfolders = []
        for entry in entries:
            relpath = prefix + entry.name
            if entry.name.startswith("."):
                result.problems.append(Problem(relpath, "hidden (names starting with '.' are skipped)"))
                continue
            try:
                info = entry.stat(follow_symlinks=True)
            except OSError as error:
                result.problems.append(Problem(relpath, _link_reason(entry, error)))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in seen_dirs:
                    result.problems.append(Problem(relpath, "link to a folder already scanned (a cycle): not followed"))
                    continue
                seen_dirs.add(key)
                subfolders.append((entry.path, relpath + "/"))
                continue
            if not is_article_name(entry.name):
                result.problems.append(Problem(relpath, "not a .txt file"))
                continue
            if not stat.S_ISREG(info.st_mode):
                result.problems.append(Problem(relpath, "not a regular file"))
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen_files:
                result.problems.append(Problem(relpath, f"same file as {seen_files[key]} (reached through a link): indexed once"))
                continue
            seen_files[key] = relpath
            result.files.append(FileEntry(relpath, entry.path, info.st_size, info.st_mtime_ns))
        pending.extend(reversed(subfolders))
    return result


def _link_reason(entry: os.DirEntry[str], error: OSError) -> str:
    if entry.is_symlink():
        if getattr(error, "errno", None) == 40:  # ELOOP
            return "symbolic link loop: skipped"
        if isinstance(error, FileNotFoundError):
            return "broken symbolic link (its target does not exist): skipped"
    return _os_reason(error)


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "the file disappeared while reading"
    return error.strerror or str(error)


# --------------------------------------------------------------------------
# Reading one file


class UnreadableArticle(Exception):
    """Raised with a user-facing reason when a file is not an article."""


def read_article(entry: FileEntry) -> Article:
    """Decode and parse one article file; raises UnreadableArticle."""
    try:
        with open(entry.abspath, "rb") as handle:
            raw = handle.read(MAX_READ_BYTES)
    except OSError as error:
        raise UnreadableArticle(_os_reason(error)) from error
    notes: list[str] = []
    # Cut before cleaning: each cleaning step is one long call that holds
    # Python's lock, and a window's event loop waits for it.
    text = decode_article_bytes(raw, notes)[: MAX_BODY_CHARS + 1024]
    text = clean_text(text)
    if len(text) > MAX_BODY_CHARS or entry.size > MAX_READ_BYTES:
        notes.append(f"very large file ({entry.size / 1e6:.1f} MB): only the first {MAX_BODY_CHARS:,} characters are indexed and shown")
        text = text[:MAX_BODY_CHARS]
    date, body = split_header(text, notes)
    if not body.strip() and date is None:
        raise UnreadableArticle("empty file" if entry.size == 0 else "no text (only white space)")
    return Article(
        id=article_id(entry.path),
        path=entry.path,
        date=date,
        title=make_title(body),
        body=body,
        size=entry.size,
        mtime_ns=entry.mtime_ns,
        notes=tuple(notes),
    )


_BINARY_MAGIC = {
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


def decode_article_bytes(raw: bytes, notes: list[str]) -> str:
    """Bytes to text: BOMs, UTF-16, UTF-8, then Windows-1252 as a fallback."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(raw, "utf-16", notes)
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise UnreadableArticle(f"binary file ({what}), not text")
    sample = raw[:65536]
    if sample.count(0) > max(2, len(sample) // 100):
        utf16 = _guess_utf16_without_bom(sample)
        if utf16 is None:
            raise UnreadableArticle("binary file (contains many NUL bytes), not text")
        notes.append(f"no byte-order mark: read as {utf16.upper()} by its NUL byte pattern")
        return _decode_utf16(raw, utf16, notes)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if _looks_like_damaged_utf8(raw):
            notes.append("invalid UTF-8 bytes were replaced by \ufffd")
            return raw.decode("utf-8", "replace")
        if not error.end or error.start < len(raw) - 3:
            notes.append("not UTF-8: read as Windows-1252 (Western European)")
            return raw.decode("cp1252", "_latin1_fallback")
        # Cut in the middle of a character by MAX_READ_BYTES.
        return raw.decode("utf-8", "ignore")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    """cp1252 leaves five bytes undefined; Latin-1 gives them a character."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("_latin1_fallback", _latin1_fallback)


def _looks_like_damaged_utf8(raw: bytes) -> bool:
    """Mostly valid UTF-8 with a few stray bytes, not a legacy encoding.

    A NUL byte or more valid multi-byte characters than invalid bytes says
    damage; legacy 8-bit text has neither.
    """
    if b"\x00" in raw:
        return True
    decoded = raw.decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    return good > bad


def _guess_utf16_without_bom(sample: bytes) -> str | None:
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def _decode_utf16(raw: bytes, encoding: str, notes: list[str]) -> str:
    if len(raw) % 2:
        raw = raw[:-1]
    text = raw.decode(encoding, "replace")
    if "\ufffd" in text:
        notes.append("invalid UTF-16 sequences were replaced by \ufffd")
    return text


_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
#: Invisible characters that split or join words without showing.
_INVISIBLE = {
    "\u00ad": "",  # soft hyphen: Thurs-day is one word
    "\u200b": " ",  # zero-width space: a word break
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u202a": "", "\u202b": "", "\u202c": "", "\u202d": "", "\u202e": "",
    "\u2066": "", "\u2067": "", "\u2068": "", "\u2069": "",
}
_CONTROL_TABLE = {code: " " for code in range(32) if chr(code) not in "\n\t"}
_CONTROL_TABLE.update({ord("\f"): "\n\n", ord("\v"): "\n", 0x7F: " "})
_CONTROL_TABLE.update({ord(k): v for k, v in _INVISIBLE.items()})
_CONTROL_TABLE.update({code: " " for code in range(0x80, 0xA0)})  # C1 controls


def clean_text(text: str) -> str:
    """Normalise line ends and remove what is invisible or would act on a terminal.

    Bidi overrides are dropped too: the reading pane lays text out by its own
    direction, and an override could make a passage read differently than it is
    stored.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ANSI_ESCAPE.sub("", text)
    return unicodedata.normalize("NFC", text.translate(_CONTROL_TABLE))


# --------------------------------------------------------------------------
# Header, title, paragraphs

_HEADER = re.compile(r"\A[ \t]*date[ \t]+(\S+)[ \t]*")
_LONG_DATE_HEADER = re.compile(r"\A[ \t]*Date:[ \t]*([^\n]+?)[ \t]*(?:\n|\Z)", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")


def split_header(text: str, notes: list[str]) -> tuple[dt.date | None, str]:
    """The article's date and the text after the header.

    Only a strict calendar date is accepted: an impossible date is kept as
    undated and noted, never rolled over to a real one. "Date: Thursday,
    August 8, 2019" (English month names) is read too; 08/09/2019 is not,
    because it is ambiguous.
    """
    match = _HEADER.match(text)
    if match:
        token = match.group(1)
        body = text[match.end():]
        return _parse_iso_date(token, notes), body
    match = _LONG_DATE_HEADER.match(text)
    if match:
        parsed = _parse_long_date(match.group(1))
        if parsed is not None:
            return parsed, text[match.end():].lstrip("\n")
    notes.append("no date header: undated")
    return None, text


def _parse_iso_date(token: str, notes: list[str]) -> dt.date | None:
    match = _ISO_DATE.match(token)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    notes.append(f"invalid date {token!r} in the header: undated")
    return None


def _parse_long_date(value: str) -> dt.date | None:
    for pattern in ("%A, %B %d, %Y", "%B %d, %Y", "%d %B %Y", "%A, %d %B %Y"):
        try:
            return dt.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Jr|Sr|Prof|No|Vol|Inc|Co|vs)|\b[A-Z]|\.[A-Za-z])\.\Z")


def make_title(body: str) -> str:
    """A headline: the first line if it stands alone, else the first sentence."""
    lines = body.lstrip().split("\n", 2)
    first_line = " ".join(lines[0].split())
    stands_alone = len(lines) == 1 or not lines[1].strip()
    if not (stands_alone and len(first_line) <= MAX_TITLE_CHARS):
        first_line = first_sentence(first_line)
    if len(first_line) > MAX_TITLE_CHARS:
        cut = first_line.rfind(" ", 0, MAX_TITLE_CHARS - 1)
        first_line = first_line[: cut if cut > MAX_TITLE_CHARS // 2 else MAX_TITLE_CHARS - 1].rstrip(",;: ") + "…"
    return first_line


def first_sentence(text: str) -> str:
    """Text up to the first sentence end that is not an abbreviation like "Mr."."""
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text, 0, match.start()):
            return text[: match.start()].rstrip()
    return text


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by blank lines."""
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        _append_stripped(spans, body, start, match.start())
        start = match.end()
    _append_stripped(spans, body, start, len(body))
    return spans


def _append_stripped(spans: list[tuple[int, int]], body: str, start: int, end: int) -> None:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def iter_articles(root: str | os.PathLike[str]) -> Iterator[Article | Problem]:
    """Every article below root, or the problem that kept it out."""
    scan = scan_archive(root)
    yield from scan.problems
    for entry in scan.files:
        try:
            article = read_article(entry)
        except UnreadableArticle as error:
            yield Problem(entry.path, str(error))
            continue
        yield article
        for note in article.notes:
            yield Problem(entry.path, note, skipped=False)
