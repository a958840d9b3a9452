"""Saved searches, and what each has shown the user ("new since you looked").

A saved search is a query with its dates, sort and archives, under a name. Each
remembers the articles it has shown (by place and text, article_keys.py): after
an index run, the hits it has not shown are its new ones. Opening a saved search
in the window, or `newsfind saved seen NAME`, marks them seen.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from newsfind.article_keys import ArticleKey
from newsfind.marks import article_row
from newsfind.work_store import WorkStore, now, user_text


class SavedSearchError(ValueError):
    """A name that is taken or unknown, an empty name or query: said to the user as it is."""


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    archives: tuple[str, ...]  #: archive folders, absolute
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"


def normal_name(name: str) -> str:
    """A saved search's name as kept, and as looked for: trimmed, inner white space single."""
    return " ".join(user_text(name).split())


def save_search(store: WorkStore, search: SavedSearch, replace: bool = False) -> SavedSearch:
    """Keep the search under its name (last in the list); with replace, a search of that
    name is changed in place and keeps what it has shown."""
    name, query = normal_name(search.name), user_text(search.query).strip()
    if not name:
        raise SavedSearchError("a saved search needs a name")
    if not query:
        raise SavedSearchError("a saved search needs a query")
    archives = tuple(dict.fromkeys(os.path.abspath(a) for a in search.archives))
    with store.write() as db:
        row = db.execute("SELECT id FROM saved_search WHERE name = ?", (name,)).fetchone()
        if row is not None and not replace:
            raise SavedSearchError(f"there is a saved search named “{name}” already")
        values = (query, search.date_from, search.date_to, search.sort)
        if row is None:
            position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM saved_search").fetchone()[0]
            search_id = db.execute(
                "INSERT INTO saved_search (name, query, date_from, date_to, sort, position, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", (name, *values, position, now())).lastrowid
        else:
            search_id = row[0]
            db.execute("UPDATE saved_search SET query = ?, date_from = ?, date_to = ?, sort = ? WHERE id = ?",
                       (*values, search_id))
            db.execute("DELETE FROM saved_archive WHERE search = ?", (search_id,))
        db.executemany("INSERT INTO saved_archive (search, archive) VALUES (?, ?)",
                       [(search_id, archive) for archive in archives])
    return SavedSearch(name, query, archives, search.date_from, search.date_to, search.sort)


def saved_searches(store: WorkStore) -> list[SavedSearch]:
    """Every saved search, in the user's order."""
    rows = store.read("SELECT id, name, query, date_from, date_to, sort FROM saved_search ORDER BY position, id")
    archives: dict[int, list[str]] = {}
    for search_id, archive in store.read("SELECT search, archive FROM saved_archive ORDER BY archive"):
        archives.setdefault(search_id, []).append(archive)
    return [SavedSearch(name, query, tuple(archives.get(search_id, ())), date_from, date_to, sort)
            for search_id, name, query, date_from, date_to, sort in rows]


def saved_search(store: WorkStore, name: str) -> SavedSearch:
    name = normal_name(name)
    for search in saved_searches(store):
        if search.name == name:
            return search
    raise SavedSearchError(f"no saved search is named “{name}”")


def rename_search(store: WorkStore, old: str, new: str) -> None:
    old, new = normal_name(old), normal_name(new)
    if not new:
        raise SavedSearchError("a saved search needs a name")
    with store.write() as db:
        if db.execute("SELECT 1 FROM saved_search WHERE name = ?", (new,)).fetchone() and new != old:
            raise SavedSearchError(f"there is a saved search named “{new}” already")
        if db.execute("UPDATE saved_search SET name = ? WHERE name = ?", (new, old)).rowcount == 0:
            raise SavedSearchError(f"no saved search is named “{old}”")


def remove_search(store: WorkStore, name: str) -> None:
    name = normal_name(name)
    with store.write() as db:
        if db.execute("DELETE FROM saved_search WHERE name = ?", (name,)).rowcount == 0:
            raise SavedSearchError(f"no saved search is named “{name}”")


def reorder_searches(store: WorkStore, names: list[str]) -> None:
    """The saved searches in this order (names not given keep their order, after these)."""
    names = list(dict.fromkeys(normal_name(name) for name in names))
    with store.write() as db:  # (read in the same transaction: one saved meanwhile elsewhere keeps its place)
        order = names + [name for (name,) in db.execute("SELECT name FROM saved_search ORDER BY position, id")
                         if name not in names]
        db.executemany("UPDATE saved_search SET position = ? WHERE name = ?",
                       [(position, name) for position, name in enumerate(order, start=1)])


Place = tuple[str, str]  #: (archive folder, path)


def unseen(store: WorkStore, name: str, places: Iterable[Place],
           key_of: Callable[[Place], ArticleKey | None]) -> list[Place]:
    """Of the search's hits (places, in its order), those it has not shown yet.

    A hit at a place the search has shown is seen; any other is read (key_of: its
    text's hash) to tell a renamed or moved article, seen before, from a new one."""
    search_id = _search_id(store, name)
    places = list(places)
    shown = _shown_places(store, search_id)
    with store.write() as db:  # (an article found by its text has its place brought up to date)
        seen_rows = {row for (row,) in db.execute("SELECT article FROM seen WHERE search = ?", (search_id,))}
        new = []
        for place in places:
            if place in shown:
                continue
            key = key_of(place)
            if key is None or _known_row(db, key) not in seen_rows:
                new.append(place)
    return new


def mark_seen(store: WorkStore, name: str, places: Iterable[Place],
              key_of: Callable[[Place], ArticleKey | None]) -> int:
    """Remember these hits as shown by the search; returns how many it had not shown."""
    search_id = _search_id(store, name)
    shown = _shown_places(store, search_id)
    stamp = now()
    with store.write() as db:
        keys = [key for place in places if place not in shown and (key := key_of(place)) is not None]
        rows = [article_row(db, key) for key in keys]
        before = db.total_changes
        db.executemany("INSERT OR IGNORE INTO seen (search, article, seen_at) VALUES (?, ?, ?)",
                       [(search_id, row, stamp) for row in rows])
        return db.total_changes - before


def _shown_places(store: WorkStore, search_id: int) -> set[Place]:
    return set(store.read("SELECT a.archive, a.path FROM seen s JOIN article a ON a.id = s.article "
                          "WHERE s.search = ?", (search_id,)))


def _known_row(db, key: ArticleKey) -> int | None:
    """The article's row if the store knows it (by place or text), without adding one."""
    row = db.execute("SELECT id FROM article WHERE archive = ? AND path = ?", key.place).fetchone()
    if row is None and db.execute("SELECT 1 FROM article WHERE content_hash = ?", (key.content_hash,)).fetchone():
        return article_row(db, key)  # moved or renamed: its place is brought up to date
    return row[0] if row else None


def _search_id(store: WorkStore, name: str) -> int:
    row = store.read("SELECT id FROM saved_search WHERE name = ?", (normal_name(name),))
    if not row:
        raise SavedSearchError(f"no saved search is named “{name}”")
    return row[0][0]
