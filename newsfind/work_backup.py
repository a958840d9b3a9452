"""The user's work (marks on articles, saved searches and what each has shown) to one
file and back: File → Export/Import of "my work" (issue #15).

The work store (work_store.py) is one SQLite file in the data folder; a user who
moves to another computer, reinstalls, or wants a copy to keep needs it as a file
of their own, readable by a person and by a later newsfind. Exporting writes one
UTF-8 JSON file, atomically (a crash leaves the old file or the new one, never half
of one). Importing MERGES the file into the store, in one transaction, never
replacing what the user has: reviewed keeps the earliest time, starred if either,
tags are joined, two different notes are both kept, a saved search of the same name
but another query comes in as "NAME (imported)". Importing the same file again
changes nothing, and a file made elsewhere (another computer, an archive folder
moved since) finds its articles by their text as marks always do (article_keys.py).

A file that is not one of ours, is damaged, or is from a newer newsfind is refused
with a WorkFileError that names it, before anything is written.

Format (version 1)::

    {"format": "newsfind-work", "version": 1, "exported_at": "2024-05-01T10:00:00+00:00",
     "articles": [{"archive": "/abs/folder", "path": "2020/a.txt", "content_hash": "…",
                   "title": "…", "date": "2020-01-31" | null, "reviewed_at": ISO | null,
                   "starred": false, "note": "", "tags": ["oil"]}],
     "saved": [{"name": "…", "query": "…", "archives": ["/abs/folder"], "from": null, "to": null,
                "sort": "relevance", "position": 1, "created_at": ISO,
                "seen": [{"archive": "…", "path": "…", "content_hash": "…", "seen_at": ISO}]}]}

Keys this newsfind does not know are ignored (a later version 1 may add some);
a missing optional field takes its default.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from newsfind.article_keys import ArticleKey
from newsfind.marks import Mark, article_row, normal_tag
from newsfind.saved_searches import SavedSearch, normal_name
from newsfind.wording import plural
from newsfind.work_store import WorkStore, now, user_text

FORMAT = "newsfind-work"
#: The newest version of the file this newsfind writes and reads.
VERSION = 1


class WorkFileError(ValueError):
    """The file cannot be exported to or imported from: said to the user as it is (it names the file)."""


@dataclass(frozen=True)
class WorkSummary:
    """What an export wrote or an import took in (merged into what was there)."""

    articles: int  #: marked articles (a mark, a tag or a note)
    saved: int  #: saved searches
    seen: int  #: records of an article a saved search has shown

    def text(self) -> str:
        """"12 marked articles, 3 saved searches"."""
        return f"{plural(self.articles, 'marked article')}, {plural(self.saved, 'saved search', 'saved searches')}"


# ------------------------------------------------------------------ export


def export_work(store: WorkStore, path: str | os.PathLike[str]) -> WorkSummary:
    """Write the user's work to path (replaced if there). Raises WorkFileError if it cannot be written."""
    with store.write() as db:  # (one transaction: one moment's state, while another window may write)
        articles, place_of = _exported_articles(db)
        saved = _exported_saved(db, place_of)
    document = {"format": FORMAT, "version": VERSION, "exported_at": now(), "articles": articles, "saved": saved}
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    try:
        _write_atomically(Path(path), text.encode("utf-8"))
    except OSError as error:
        raise WorkFileError(f"Your work could not be saved to {os.fspath(path)}: {_reason(error)}.") from error
    return WorkSummary(articles=sum(_has_mark(entry) for entry in articles), saved=len(saved),
                       seen=sum(len(search["seen"]) for search in saved))


def _exported_articles(db: sqlite3.Connection) -> tuple[list[dict], dict[int, dict]]:
    """Articles with a mark or a tag, or shown by a saved search; and each by its row."""
    tags: dict[int, list[str]] = {}
    for article, name in db.execute("SELECT article, name FROM tag ORDER BY name"):
        tags.setdefault(article, []).append(name)
    rows = db.execute(
        "SELECT a.id, a.archive, a.path, a.content_hash, a.title, a.date, m.reviewed_at, m.starred, m.note "
        "FROM article a LEFT JOIN mark m ON m.article = a.id "
        "WHERE m.reviewed_at IS NOT NULL OR m.starred = 1 OR m.note <> '' "
        "OR a.id IN (SELECT article FROM tag) OR a.id IN (SELECT article FROM seen) "
        "ORDER BY a.archive, a.path").fetchall()
    articles: list[dict] = []
    by_row: dict[int, dict] = {}
    for article, archive, path, content_hash, title, date, reviewed_at, starred, note in rows:
        entry = {"archive": archive, "path": path, "content_hash": content_hash, "title": title, "date": date,
                 "reviewed_at": reviewed_at, "starred": bool(starred), "note": note or "",
                 "tags": tags.get(article, [])}
        articles.append(entry)
        by_row[article] = entry
    return articles, by_row


def _exported_saved(db: sqlite3.Connection, place_of: dict[int, dict]) -> list[dict]:
    archives: dict[int, list[str]] = {}
    for search, archive in db.execute("SELECT search, archive FROM saved_archive ORDER BY archive"):
        archives.setdefault(search, []).append(archive)
    seen: dict[int, list[dict]] = {}
    for search, article, seen_at in db.execute(
            "SELECT s.search, s.article, s.seen_at FROM seen s JOIN article a ON a.id = s.article "
            "ORDER BY a.archive, a.path"):
        entry = place_of[article]
        seen.setdefault(search, []).append({"archive": entry["archive"], "path": entry["path"],
                                            "content_hash": entry["content_hash"], "seen_at": seen_at})
    return [{"name": name, "query": query, "archives": archives.get(search, []), "from": date_from, "to": date_to,
             "sort": sort, "position": position, "created_at": created_at, "seen": seen.get(search, [])}
            for search, name, query, date_from, date_to, sort, position, created_at in db.execute(
                "SELECT id, name, query, date_from, date_to, sort, position, created_at FROM saved_search "
                "ORDER BY position, id")]


def _has_mark(entry: dict) -> bool:
    return bool(entry["reviewed_at"] or entry["starred"] or entry["note"] or entry["tags"])


def _write_atomically(path: Path, data: bytes) -> None:
    """A temporary file next to path, on disk, then renamed over it: the old file or the new, whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.is_file():
            shutil.copymode(path, temporary)  # (a new file is the user's alone, as mkstemp makes it)
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(temporary)
        raise
    with suppress(OSError):  # the rename itself on disk (POSIX; Windows cannot open a folder)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or folder"
    if isinstance(error, IsADirectoryError):
        return "it is a folder"
    return error.strerror or str(error)


# ------------------------------------------------------------------ import


@dataclass(frozen=True)
class _Article:
    key: ArticleKey
    mark: Mark


@dataclass(frozen=True)
class _Seen:
    key: ArticleKey
    seen_at: str


@dataclass(frozen=True)
class _Saved:
    search: SavedSearch
    created_at: str
    seen: tuple[_Seen, ...]


def import_work(store: WorkStore, path: str | os.PathLike[str]) -> WorkSummary:
    """Merge the work in the file at path into the store: all of it, or (on any error) none.
    Raises WorkFileError for a file that cannot be read or is not a usable work file."""
    document = _read_document(path)
    try:
        articles, saved = _parse(document)
    except _Malformed as error:
        raise WorkFileError(f"{os.fspath(path)} cannot be imported: it is damaged or was changed by hand "
                            f"({error}).") from None
    with store.write() as db:
        for article in articles:
            if not article.mark.empty:
                _merge_mark(db, _import_row(db, article.key), article.mark)
        for search in saved:
            _merge_saved(db, search)
    return WorkSummary(articles=sum(not article.mark.empty for article in articles), saved=len(saved),
                       seen=sum(len(search.seen) for search in saved))


def _read_document(path: str | os.PathLike[str]) -> dict:
    """The file's JSON object, checked to be a newsfind work file of a version this newsfind reads."""
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise WorkFileError(f"{name} could not be read: {_reason(error)}.") from error
    not_ours = f"{name} is not a newsfind work file"
    if not data.strip():
        raise WorkFileError(f"{not_ours}: it is empty.")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise WorkFileError(f"{not_ours}: it is not text (UTF-8).") from None
    except RecursionError:
        raise WorkFileError(f"{not_ours}: it is not JSON as newsfind writes it (nested too deep).") from None
    except ValueError as error:
        raise WorkFileError(f"{not_ours}: it is not JSON ({error}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise WorkFileError(f"{not_ours} (one made by File → Export of your work).")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkFileError(f"{name} cannot be imported: its version ({_shown(version)}) is not one newsfind "
                            "writes.")
    if version > VERSION:
        raise WorkFileError(f"{name} was written by a newer newsfind (work file version {version}; this one "
                            f"reads version {VERSION}): update newsfind to import it.")
    return document


# ------------------------------------------------------------- reading the file


class _Malformed(Exception):
    """Where in the file a value is not what it should be, and what it should be."""


def _parse(document: dict) -> tuple[list[_Article], list[_Saved]]:
    entries = _list_of(document, "articles", "the file")
    articles = [_parse_article(_Fields(entry, f"article {number}")) for number, entry in enumerate(entries, 1)]
    about = {article.key.place: article.key for article in articles}
    saved: list[tuple[int, int, _Saved]] = []  # (position, number in the file, search): added in their order
    for number, entry in enumerate(_list_of(document, "saved", "the file"), 1):
        fields = _Fields(entry, f"saved search {number}")
        saved.append((fields.integer("position", number), number, _parse_saved(fields, about)))
    return articles, [search for _position, _number, search in sorted(saved, key=lambda item: item[:2])]


def _parse_article(fields: _Fields) -> _Article:
    key = ArticleKey(fields.text("archive"), fields.text("path"), fields.text("content_hash"),
                     fields.text("title", default=""), fields.text("date", default=None))
    tags = {normal_tag(tag).casefold(): normal_tag(tag) for tag in fields.texts("tags") if normal_tag(tag)}
    mark = Mark(fields.time("reviewed_at", default=None), fields.boolean("starred"), tuple(sorted(tags.values())),
                user_text(fields.text("note", default="")).strip())
    return _Article(key, mark)


def _parse_saved(fields: _Fields, about: dict[tuple[str, str], ArticleKey]) -> _Saved:
    name, query = normal_name(fields.text("name")), user_text(fields.text("query")).strip()
    if not name or not query:
        raise _Malformed(f"{fields.where} has an empty {'name' if not name else 'query'}")
    search = SavedSearch(name, query, tuple(dict.fromkeys(fields.texts("archives", required=True))),
                         fields.text("from", default=None) or None, fields.text("to", default=None) or None,
                         fields.text("sort", default="relevance") or "relevance")
    seen = []
    for number, entry in enumerate(_list_of(fields.value, "seen", fields.where), 1):
        seen_fields = _Fields(entry, f"{fields.where}, seen article {number}")
        place = (seen_fields.text("archive"), seen_fields.text("path"))
        known = about.get(place)
        content_hash = seen_fields.text("content_hash")
        title, date = (known.title, known.date) if known and known.content_hash == content_hash else ("", None)
        seen.append(_Seen(ArticleKey(*place, content_hash, title, date), seen_fields.time("seen_at", default=now())))
    return _Saved(search, fields.time("created_at", default=now()), tuple(seen))


def _list_of(value: dict, key: str, where: str) -> list:
    items = value.get(key)
    if items is None:
        return []
    if not isinstance(items, list):
        raise _Malformed(f"in {where}, “{key}” should be a list, not {_shown(items)}")
    return items


_MISSING: Any = object()


class _Fields:
    """The fields of one entry of the file, each checked as it is taken."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise _Malformed(f"{where} should be an object with named fields, not {_shown(value)}")
        self.value, self.where = value, where

    def text(self, key: str, default: Any = _MISSING) -> Any:
        """A string (not empty when required); user_text: SQLite keeps no lone surrogate."""
        value = self.value.get(key)
        if value is None and default is not _MISSING:
            return default
        if not isinstance(value, str) or (default is _MISSING and not value):
            self._wrong(key, value, "a text" if default is not _MISSING else "a text, not empty")
        return user_text(value)

    def texts(self, key: str, required: bool = False) -> list[str]:
        """A list of strings (when required: a list, of texts not empty)."""
        value = self.value.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) and (item or not required)
                                                  for item in value):
            self._wrong(key, value, "a list of texts" if not required else "a list of texts, not empty")
        return [user_text(item) for item in value]

    def boolean(self, key: str) -> bool:
        value = self.value.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self._wrong(key, value, "true or false")
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.value.get(key)
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool):
            self._wrong(key, value, "a whole number")
        return value

    def time(self, key: str, default: str | None) -> str | None:
        """An ISO time, as the store keeps it (UTC, to the second: times compare as text)."""
        value = self.value.get(key)
        if value is None:
            return default
        try:
            moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
            if moment is not None:
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=dt.timezone.utc)
                return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()
        except (ValueError, OverflowError):
            pass
        self._wrong(key, value, "a time (ISO 8601)")

    def _wrong(self, key: str, value: Any, wanted: str) -> NoReturn:
        if self.value.get(key) is None:
            raise _Malformed(f"in {self.where}, “{key}” is missing (it should be {wanted})")
        raise _Malformed(f"in {self.where}, “{key}” should be {wanted}, not {_shown(value)}")


def _shown(value: Any) -> str:
    """A value from the file, short, as it is written there."""
    text = user_text(json.dumps(value, ensure_ascii=False))
    return text if len(text) <= 40 else text[:39] + "…"


# ---------------------------------------------------------------- merging


def _import_row(db: sqlite3.Connection, key: ArticleKey) -> int:
    """The store's row for an article of the file.

    By place, as it is (the store knows the article's text there now). A place that is
    on this computer: as marks find articles (article_row: by place, else by text whose
    old place is gone, else new). A place that is not (another computer, a moved
    archive): the article with the same text that is here (the same path first), else
    one with the same text and path under another folder, else a new row. Rows whose
    places are all gone are never moved between them: importing again finds the same."""
    row = db.execute("SELECT id FROM article WHERE archive = ? AND path = ?", key.place).fetchone()
    if row is not None:
        return row[0]
    if _exists(*key.place):
        return article_row(db, key)
    same_text = db.execute("SELECT id, archive, path FROM article WHERE content_hash = ? ORDER BY path = ? DESC, id",
                           (key.content_hash, key.path)).fetchall()
    for article, archive, path in same_text:
        if _exists(archive, path):
            return article
    for article, _archive, path in same_text:
        if path == key.path:
            return article
    return db.execute("INSERT INTO article (archive, path, content_hash, title, date) VALUES (?, ?, ?, ?, ?)",
                      (*key.place, key.content_hash, key.title, key.date)).lastrowid


def _exists(archive: str, path: str) -> bool:
    return os.path.exists(os.path.join(archive, *path.split("/")))


def _merge_mark(db: sqlite3.Connection, article: int, mark: Mark) -> None:
    """Reviewed keeps the earliest time, starred if either, tags joined (the store's spelling
    kept), notes joined unless one holds the other. Touched only if something changed."""
    row = db.execute("SELECT reviewed_at, starred, note FROM mark WHERE article = ?", (article,)).fetchone()
    had = {name.casefold() for (name,) in db.execute("SELECT name FROM tag WHERE article = ?", (article,))}
    new_tags = [tag for tag in mark.tags if tag.casefold() not in had]
    old = row if row is not None else (None, 0, "")
    times = [time for time in (old[0], mark.reviewed_at) if time]
    merged = (min(times) if times else None, int(bool(old[1]) or mark.starred), _merged_note(old[2], mark.note))
    if row is None:
        db.execute("INSERT INTO mark (article, reviewed_at, starred, note, changed_at) VALUES (?, ?, ?, ?, ?)",
                   (article, *merged, now()))
    elif merged != tuple(old) or new_tags:
        db.execute("UPDATE mark SET reviewed_at = ?, starred = ?, note = ?, changed_at = ? WHERE article = ?",
                   (*merged, now(), article))
    db.executemany("INSERT INTO tag (article, name) VALUES (?, ?)", [(article, tag) for tag in new_tags])


def _merged_note(mine: str, theirs: str) -> str:
    """Both notes, joined by a blank line, unless one is empty or already holds the other
    (a note merged before: importing again changes nothing)."""
    if _holds(mine, theirs):
        return mine
    if _holds(theirs, mine):
        return theirs
    return f"{mine}\n\n{theirs}"


def _holds(note: str, part: str) -> bool:
    """part is empty, the note, or paragraphs of it."""
    return not part or f"\n\n{part}\n\n" in f"\n\n{note}\n\n"


def _merge_saved(db: sqlite3.Connection, saved: _Saved) -> None:
    """A saved search of the same name and search takes in what the imported one has shown;
    under a name that is taken by another search it comes in as "NAME (imported)" (then
    "(imported 2)"…), last in the list, as a new name does."""
    search = saved.search
    for number in itertools.count(1):
        name = search.name if number == 1 else f"{search.name} (imported{'' if number == 2 else f' {number - 1}'})"
        row = db.execute("SELECT id, query, date_from, date_to, sort FROM saved_search WHERE name = ?",
                         (name,)).fetchone()
        if row is None:
            search_id = _add_saved(db, name, saved)
            break
        archives = {archive for (archive,) in db.execute("SELECT archive FROM saved_archive WHERE search = ?",
                                                          (row[0],))}
        if (row[1:], archives) == ((search.query, search.date_from, search.date_to, search.sort),
                                   set(search.archives)):
            search_id = row[0]
            break
    for seen in saved.seen:
        db.execute("INSERT INTO seen (search, article, seen_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (search, article) DO UPDATE SET seen_at = excluded.seen_at "
                   "WHERE excluded.seen_at < seen.seen_at",
                   (search_id, _import_row(db, seen.key), seen.seen_at))


def _add_saved(db: sqlite3.Connection, name: str, saved: _Saved) -> int:
    search = saved.search
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM saved_search").fetchone()[0]
    search_id = db.execute(
        "INSERT INTO saved_search (name, query, date_from, date_to, sort, position, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (name, search.query, search.date_from, search.date_to, search.sort, position, saved.created_at)).lastrowid
    db.executemany("INSERT INTO saved_archive (search, archive) VALUES (?, ?)",
                   [(search_id, archive) for archive in search.archives])
    return search_id
