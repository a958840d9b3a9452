"""Marks on articles: reviewed (and when), starred, tags and a note, kept in the work store.

Each change is one transaction. Reading the marks of a whole list is one query
per few hundred articles (by place), so the results list can show them as it fills.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from newsfind.article_keys import ArticleKey
from newsfind.mark_queries import MarkSource
from newsfind.work_store import WorkStore, now, user_text

#: Places asked about in one query (SQLite allows 32,766 parameters).
_BATCH = 400


@dataclass(frozen=True)
class Mark:
    reviewed_at: str | None = None  #: ISO time (UTC) it was marked reviewed; None: not reviewed
    starred: bool = False
    tags: tuple[str, ...] = ()  #: sorted
    note: str = ""

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None

    @property
    def empty(self) -> bool:
        return self == Mark()


@dataclass
class MarkCounts:
    """How far the review of a list has gone."""

    total: int = 0
    reviewed: int = 0
    starred: int = 0
    tags: dict[str, int] = field(default_factory=dict)


def normal_tag(text: str) -> str:
    """A tag as stored: trimmed, inner white space made single, NFC (a tag typed with a
    composed é and one pasted with e + accent are one), case kept (matched without case)."""
    return unicodedata.normalize("NFC", " ".join(user_text(text).split()))


def article_row(db: sqlite3.Connection, key: ArticleKey) -> int:
    """The article's row (made if new), found by place, else by text whose old place is
    gone (a renamed file, a moved folder: the place is brought up to date). Call in a write."""
    row = db.execute("SELECT id, content_hash FROM article WHERE archive = ? AND path = ?", key.place).fetchone()
    if row is not None:
        if row[1] != key.content_hash:  # edited in place: same article, new text
            db.execute("UPDATE article SET content_hash = ?, title = ?, date = ? WHERE id = ?",
                       (key.content_hash, key.title, key.date, row[0]))
        return row[0]
    for article_id, archive, path in db.execute(
            "SELECT id, archive, path FROM article WHERE content_hash = ?", (key.content_hash,)).fetchall():
        if not os.path.exists(os.path.join(archive, *path.split("/"))):
            db.execute("UPDATE article SET archive = ?, path = ?, title = ?, date = ? WHERE id = ?",
                       (*key.place, key.title, key.date, article_id))
            return article_id
    return db.execute("INSERT INTO article (archive, path, content_hash, title, date) VALUES (?, ?, ?, ?, ?)",
                      (*key.place, key.content_hash, key.title, key.date)).lastrowid


def mark_of(store: WorkStore, key: ArticleKey) -> Mark:
    """The article's marks (found by place or by text), or no marks.

    Read without writing when the article is where it was, or unknown: showing an
    article (the window asks at each one) costs no commit and no sync to disk."""
    found = store.read("SELECT id, content_hash FROM article WHERE archive = ? AND path = ?", key.place)
    if found and found[0][1] == key.content_hash:
        return _mark(store.db, found[0][0])
    if not found and not store.read("SELECT 1 FROM article WHERE content_hash = ? LIMIT 1", (key.content_hash,)):
        return Mark()
    with store.write() as db:  # (edited in place, or moved: the row is brought up to date)
        return _mark(db, article_row(db, key))


def set_reviewed(store: WorkStore, key: ArticleKey, reviewed: bool) -> Mark:
    return _change(store, key, "reviewed_at = ?", now() if reviewed else None, keep_time=reviewed)


def set_starred(store: WorkStore, key: ArticleKey, starred: bool) -> Mark:
    return _change(store, key, "starred = ?", int(starred))


def set_note(store: WorkStore, key: ArticleKey, note: str) -> Mark:
    return _change(store, key, "note = ?", user_text(note).strip())


def set_tags(store: WorkStore, key: ArticleKey, tags: Iterable[str]) -> Mark:
    """The article's tags, replaced by these (empty ones dropped, repeats once)."""
    wanted = {normal_tag(tag).casefold(): normal_tag(tag) for tag in tags if normal_tag(tag)}
    with store.write() as db:
        article = article_row(db, key)
        db.execute("DELETE FROM tag WHERE article = ?", (article,))
        db.executemany("INSERT INTO tag (article, name) VALUES (?, ?)", [(article, tag) for tag in wanted.values()])
        _touch(db, article)
        return _mark(db, article)


def marks_at(store: WorkStore, places: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Mark]:
    """The marks of the articles at these (archive, path) places; unmarked ones are left out."""
    places = list(places)
    found: dict[tuple[str, str], Mark] = {}
    for start in range(0, len(places), _BATCH):
        batch = places[start:start + _BATCH]
        values = ", ".join(["(?, ?)"] * len(batch))
        params = [part for place in batch for part in place]
        rows = store.read(
            f"WITH wanted (archive, path) AS (VALUES {values}) "
            "SELECT a.archive, a.path, m.reviewed_at, m.starred, m.note, "
            "(SELECT group_concat(name, char(31)) FROM (SELECT name FROM tag WHERE article = a.id ORDER BY name)) "
            "FROM wanted JOIN article a ON a.archive = wanted.archive AND a.path = wanted.path "
            "LEFT JOIN mark m ON m.article = a.id", params)
        for archive, path, reviewed_at, starred, note, tags in rows:
            mark = Mark(reviewed_at, bool(starred), tuple(tags.split("\x1f")) if tags else (), note or "")
            if not mark.empty:
                found[(archive, path)] = mark
    return found


def count_marks(marks: Iterable[Mark], total: int) -> MarkCounts:
    """Tags are counted without case, as a tag filter finds them ("Oil" and "oil" are one,
    under the spelling met first)."""
    counts = MarkCounts(total=total)
    spelling: dict[str, str] = {}
    for mark in marks:
        counts.reviewed += mark.reviewed
        counts.starred += mark.starred
        for tag in mark.tags:
            tag = spelling.setdefault(tag.casefold(), tag)
            counts.tags[tag] = counts.tags.get(tag, 0) + 1
    return counts


def paths_marked(store: WorkStore, archive: str, kind: str, tag: str = "") -> set[str]:
    """Paths in archive that are "reviewed", "starred" or carry tag (kind "tag"), for filters."""
    archive = os.path.abspath(archive)
    if kind == "tag":  # (matched in Python: SQLite's NOCASE knows the case of ASCII letters only)
        wanted = normal_tag(tag).casefold()
        sql = "SELECT a.path, t.name FROM article a JOIN tag t ON t.article = a.id WHERE a.archive = ?"
        return {path for path, name in store.read(sql, (archive,)) if name.casefold() == wanted}
    column = {"reviewed": "m.reviewed_at IS NOT NULL", "starred": "m.starred = 1"}[kind]
    sql = f"SELECT a.path FROM article a JOIN mark m ON m.article = a.id WHERE a.archive = ? AND {column}"
    return {row[0] for row in store.read(sql, (archive,))}


def mark_source(store: Callable[[], WorkStore], archive: str) -> MarkSource:
    """The user's marks in an archive, as a searcher reads them for is: and tag: (its
    `marks`); store() is called only when a query asks (a worker's ThreadStore.get)."""
    def paths(kind: str, tag: str) -> set[str]:
        return paths_marked(store(), archive, kind, tag)
    return paths


def follow_moved_archive(store: WorkStore, root: str, key_of) -> int:
    """Articles whose archive folder is gone, found at the same path under root with the
    same text, are brought there (a moved archive): their marks show at once, before each
    is opened again. key_of((root, path)) reads the article there (None: no such article).
    Returns how many moved."""
    root = os.path.abspath(root)
    gone_archives = [archive for (archive,) in store.read("SELECT DISTINCT archive FROM article WHERE archive <> ?",
                                                          (root,)) if not os.path.isdir(archive)]
    gone = [row for archive in gone_archives
            for row in store.read("SELECT id, archive, path, content_hash FROM article WHERE archive = ?", (archive,))]
    moved = 0
    with store.write() as db:
        for article_id, _archive, path, content_hash in gone:
            key = key_of((root, path))
            if key is None or key.content_hash != content_hash:
                continue
            if db.execute("SELECT 1 FROM article WHERE archive = ? AND path = ?", (root, path)).fetchone():
                continue  # (known there already: the two are kept apart)
            db.execute("UPDATE article SET archive = ? WHERE id = ?", (root, article_id))
            moved += 1
    return moved


def _change(store: WorkStore, key: ArticleKey, assignment: str, value, keep_time: bool = False) -> Mark:
    with store.write() as db:
        article = article_row(db, key)
        _touch(db, article)
        if keep_time and db.execute("SELECT reviewed_at FROM mark WHERE article = ?", (article,)).fetchone()[0]:
            return _mark(db, article)  # reviewed already: it keeps when it first was
        db.execute(f"UPDATE mark SET {assignment} WHERE article = ?", (value, article))
        return _mark(db, article)


def _touch(db: sqlite3.Connection, article: int) -> None:
    db.execute("INSERT INTO mark (article, changed_at) VALUES (?, ?) "
               "ON CONFLICT (article) DO UPDATE SET changed_at = excluded.changed_at", (article, now()))


def _mark(db: sqlite3.Connection, article: int) -> Mark:
    row = db.execute("SELECT reviewed_at, starred, note FROM mark WHERE article = ?", (article,)).fetchone()
    tags = tuple(name for (name,) in db.execute("SELECT name FROM tag WHERE article = ? ORDER BY name", (article,)))
    if row is None:
        return Mark(tags=tags)
    return Mark(row[0], bool(row[1]), tags, row[2])
