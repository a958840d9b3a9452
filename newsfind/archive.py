"""Reading an archive folder of plain-text news articles.

Real archives are messy: mixed encodings, binary files with a .txt name,
impossible dates, link loops, files nobody may read. Every file is either
turned into an `Article` or reported as a `Problem` with its path and a reason a
person understands; nothing here ever stops a scan or writes to the archive.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter
from stat import S_ISDIR, S_ISREG
from typing import Iterator

from newsfind.encoding import NotText, decode_article_bytes

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
    path: str  #: relative to the archive root, "/"-separated, readable (see display_path)
    date: dt.date | None
    title: str
    body: str  #: everything after the date header; "\n" line ends
    size: int  #: bytes on disk
    mtime_ns: int
    notes: tuple[str, ...] = ()  #: what was repaired or degraded while reading
    #: The path exactly as the file system has it (os.fsdecode form: a name that
    #: is not valid UTF-8 keeps its bytes as surrogates); "" means the same as path.
    fspath: str = ""

    @property
    def file_path(self) -> str:
        """The relative path that opens the file."""
        return self.fspath or self.path

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) character ranges of the body's paragraphs."""
        return paragraph_spans(self.body)


@dataclass(frozen=True)
class Problem:
    """A file that was skipped, or read with a warning."""

    path: str  #: readable (see display_path)
    reason: str
    skipped: bool = True


@dataclass(slots=True)
class FileEntry:
    """A candidate article file found by a scan (not yet read)."""

    path: str  #: relative to the root, "/"-separated, exactly as on disk (os.fsdecode form)
    root: str  #: the archive folder, absolute: one string shared by every entry of a scan
    size: int
    mtime_ns: int

    @property
    def abspath(self) -> str:
        """Joined when the file is read: a million entries each holding their own
        absolute path took 120 MB more while an archive was indexed."""
        return os.path.join(self.root, self.path)

    @property
    def signature(self) -> bytes:
        """Changes whenever the file's content is likely to have changed (size:mtime)."""
        return b"%d:%d" % (self.size, self.mtime_ns)

    @property
    def key(self) -> bytes:
        """The path's exact bytes: what tells two files apart, whatever their names."""
        return path_key(self.path)

    @property
    def display_path(self) -> str:
        return display_path(self.path)


@dataclass
class ScanResult:
    files: list[FileEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Why the archive folder itself could not be read ("" when it could): then
    #: nothing is known of its files, and an index must not be "updated" to empty.
    failure: str = ""


#: How a path's str holds what UTF-8 cannot (os.fsdecode's choice on each system).
_PATH_ERRORS = "surrogatepass" if os.name == "nt" else "surrogateescape"


def path_key(relpath: str) -> bytes:
    """A relative path as bytes, exactly as the file system names it."""
    return relpath.encode("utf-8", _PATH_ERRORS)


def path_of_key(key: bytes) -> str:
    """The relative path whose exact bytes are key (path_key undone)."""
    return key.decode("utf-8", _PATH_ERRORS)


def article_id(relpath: str) -> str:
    """A short id that stays the same for a file as long as its path does.

    Made from the name's exact bytes: two names that look alike (an NFC and an
    NFD spelling, or two names whose invalid bytes differ) are two files.
    """
    return article_id_of_key(path_key(relpath))


def article_id_of_key(key: bytes) -> str:
    """article_id of the path whose exact bytes are `key`."""
    return hashlib.blake2b(key, digest_size=8).hexdigest()


#: Control characters in a name shown as their visible pictures (␊ for a newline);
#: C1 controls, which have none, as U+FFFD; line and paragraph separators as ␤.
_NAME_CONTROLS = ({code: 0x2400 + code for code in range(32)} | {0x7F: 0x2421}
                  | {code: 0xFFFD for code in range(0x80, 0xA0)} | {0x2028: 0x2424, 0x2029: 0x2424})


def display_path(relpath: str) -> str:
    """A path as a person can read it on one line: bytes that are not UTF-8
    become U+FFFD, control characters their pictures (a newline shows as ␊).

    Only for showing and searching; the file is opened by its exact path.
    """
    if relpath.isprintable():
        return relpath
    readable = path_key(relpath).decode("utf-8", "replace")
    return readable.translate(_NAME_CONTROLS)


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
    return _Scan(os.path.abspath(os.fspath(root))).run()


class _Scan:
    """One walk of an archive folder, depth first, names in order."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.result = ScanResult()
        self.seen_dirs: set[tuple[int, int]] = set()
        #: file (device and inode in one number) → its place in files, as -1 - place
        #: when reached by a link: one int each, not two tuples (a million files
        #: held 250 MB here, and freed memory among the entries kept is not returned).
        self.seen_files: dict[int, int] = {}

    def run(self) -> ScanResult:
        try:
            root_stat = os.stat(self.root)
            if S_ISDIR(root_stat.st_mode):
                os.scandir(self.root).close()
        except OSError as error:
            self.result.failure = f"cannot open the archive folder {display_path(self.root)}: {_os_reason(error)}"
            return self.result
        if not S_ISDIR(root_stat.st_mode):
            self.result.failure = f"{display_path(self.root)} is not a folder"
            return self.result
        self.seen_dirs.add((root_stat.st_dev, root_stat.st_ino))
        pending = [(self.root, "")]
        with _without_cycle_collection():
            while pending:
                folder, prefix = pending.pop()
                pending.extend(reversed(self._folder(folder, prefix)))
        return self.result

    def _folder(self, folder: str, prefix: str) -> list[tuple[str, str]]:
        """Scan one folder's entries; returns its subfolders (path, relative prefix)."""
        try:
            entries = sorted(os.scandir(folder), key=_NAME)
        except OSError as error:
            self._skip(prefix.rstrip("/") or ".", f"cannot list folder: {_os_reason(error)}")
            return []
        subfolders = []
        files, seen_files, root = self.result.files, self.seen_files, self.root
        for entry in entries:
            name = entry.name
            relpath = prefix + name
            if name[:1] == ".":
                self._skip(relpath, "hidden (names starting with '.' are skipped)")
                continue
            try:
                info = entry.stat()
            except OSError as error:
                self._skip(relpath, _link_reason(entry, error))
                continue
            if S_ISDIR(info.st_mode):
                if (info.st_dev, info.st_ino) in self.seen_dirs:
                    self._skip(relpath, "link to a folder already scanned (a cycle): not followed")
                else:
                    self.seen_dirs.add((info.st_dev, info.st_ino))
                    subfolders.append((entry.path, relpath + "/"))
            elif not (name.endswith(ARTICLE_SUFFIX) or is_article_name(name)):
                self._skip(relpath, "not a .txt file")
            elif not S_ISREG(info.st_mode):
                self._skip(relpath, "not a regular file")
            else:
                found = FileEntry(relpath, root, info.st_size, info.st_mtime_ns)
                key = info.st_dev << 64 | info.st_ino
                if key in seen_files or entry.is_symlink():
                    self._add_again(key, found, entry.is_symlink())
                else:  # a file of its own: by far the most usual
                    seen_files[key] = len(files)
                    files.append(found)
        return subfolders

    def _skip(self, relpath: str, reason: str) -> None:
        self.result.problems.append(Problem(display_path(relpath), reason))

    def _add_again(self, key: int, found: FileEntry, is_link: bool) -> None:
        """Add a file reached through a link, or seen before: once, under its
        own name rather than a link's; report the other name."""
        files = self.result.files
        seen = self.seen_files.get(key)
        if seen is None:
            self.seen_files[key] = -1 - len(files) if is_link else len(files)
            files.append(found)
            return
        place = seen if seen >= 0 else -1 - seen
        if seen < 0 and not is_link:  # the link sorted first: the file's own name wins
            files[place], found = found, files[place]
            self.seen_files[key] = place
        self._skip(found.path, f"same file as {files[place].display_path} (reached through a link): indexed once")


_NAME = attrgetter("name")


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A scan makes an entry per file and no cycles: Python's cycle collector,
    woken by every 700 new objects, walked the entries made so far again and
    again (1.1-1.3 s of a 7-8.6 s scan of 1,000,000 files)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
        raw = _read_start(entry.abspath)
    except OSError as error:
        raise UnreadableArticle(_os_reason(error)) from error
    try:
        decoded = decode_article_bytes(raw, complete=len(raw) < MAX_READ_BYTES)
    except NotText as error:
        raise UnreadableArticle(str(error)) from error
    notes = list(decoded.notes)
    # Cut before cleaning: each cleaning step is one long call that holds
    # Python's lock, and a window's event loop waits for it.
    text = clean_text(decoded.text[: MAX_BODY_CHARS + 1024])
    if len(text) > MAX_BODY_CHARS or entry.size > MAX_READ_BYTES:
        notes.append(f"very large file ({entry.size / 1e6:.1f} MB): only the first {MAX_BODY_CHARS:,} characters are indexed and shown")
        text = text[:MAX_BODY_CHARS]
    date, body = split_header(text, notes)
    if not body.strip() and date is None:
        raise UnreadableArticle("empty file" if entry.size == 0 else "no text (only white space)")
    shown = entry.display_path
    return Article(
        id=article_id(entry.path),
        path=shown,
        date=date,
        title=make_title(body),
        body=body,
        size=entry.size,
        mtime_ns=entry.mtime_ns,
        notes=tuple(notes),
        fspath="" if shown == entry.path else entry.path,
    )


def _read_start(path: str) -> bytes:
    """The file's first MAX_READ_BYTES. Opened without blocking: a FIFO or a
    device put in a file's place since the scan must not hang the indexer."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(descriptor, "rb") as handle:
        if not S_ISREG(os.fstat(descriptor).st_mode):
            raise UnreadableArticle("not a regular file (it was replaced since the folder was scanned)")
        return handle.read(MAX_READ_BYTES)


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
#: Other control bytes (a stray NUL, C1 codes) are removed, not turned into
#: spaces: one inside a word ("thre\x00atened") must not split it.
_CONTROL_TABLE = {code: None for code in range(32) if chr(code) not in "\n\t"}
_CONTROL_TABLE.update({ord("\f"): "\n\n", ord("\v"): "\n", 0x7F: None})
_CONTROL_TABLE.update({ord(k): v for k, v in _INVISIBLE.items()})
_CONTROL_TABLE.update({code: None for code in range(0x80, 0xA0)})  # C1 controls
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Normalise line ends and remove what is invisible or would act on a terminal.

    Bidi overrides are dropped too: the reading pane lays text out by its own
    direction, and an override could make a passage read differently than it is
    stored. A lone surrogate (no decoder makes one, but a str may hold it)
    becomes U+FFFD, so the text can always be written as UTF-8.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text:
        text = _ANSI_ESCAPE.sub("", text)
    text = text.translate(_CONTROL_TABLE)
    if not text.isascii():
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


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
    """A headline: the first line if it stands alone, else the first sentence
    (whole, when the archive hard-wrapped it across lines)."""
    if has_headline_line(body):
        title = " ".join(body.lstrip().split("\n", 1)[0].split())
    else:  # (enough of the first paragraph for the longest title, however long the article)
        start = body.lstrip()[:4 * MAX_TITLE_CHARS]
        paragraph_break = _PARAGRAPH_BREAK.search(start)
        title = first_sentence(" ".join(start[:paragraph_break.start() if paragraph_break else None].split()))
    if len(title) > MAX_TITLE_CHARS:
        cut = title.rfind(" ", 0, MAX_TITLE_CHARS - 1)
        title = title[: cut if cut > MAX_TITLE_CHARS // 2 else MAX_TITLE_CHARS - 1].rstrip(",;: ") + "…"
    return title


def has_headline_line(body: str) -> bool:
    """The body opens with a headline: a first line standing alone (a paragraph of one
    line) no longer than a title may be. Its paragraphs are then counted after it."""
    lines = body.lstrip().split("\n", 2)
    stands_alone = len(lines) == 1 or not lines[1].strip()
    return stands_alone and bool(lines[0].strip()) and len(" ".join(lines[0].split())) <= MAX_TITLE_CHARS


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
    if scan.failure:
        yield Problem(".", scan.failure)
    yield from scan.problems
    for entry in scan.files:
        try:
            article = read_article(entry)
        except UnreadableArticle as error:
            yield Problem(entry.display_path, str(error))
            continue
        yield article
        for note in article.notes:
            yield Problem(entry.display_path, note, skipped=False)
