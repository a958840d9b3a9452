"""The user's own work: saved searches, what each has shown, and the marks on
articles (reviewed, starred, tags, notes), in one SQLite database in the data folder.

It belongs to the user, not to an index: an index can be rebuilt or deleted and
this stays. Built to lose nothing:

* WAL journal, ``synchronous=FULL``: a write confirmed is on disk; a process
  killed mid-write leaves the last confirmed state (SQLite's atomic commit).
* Every change is one transaction; another process (a second window, the
  command line) waits for it (``busy_timeout``) instead of failing.
* Foreign keys on; a schema version (``PRAGMA user_version``) with a migration
  per step, so a newer newsfind opens an older database.
* A database that cannot be read (not SQLite, failing its integrity check, or
  from a newer newsfind) is set aside under a name of its own, kept, and said
  so; a new one is started, and newsfind still opens.

Articles are known by where they are (archive folder and path) and by a hash of
their text: marks and "seen" survive an index rebuild, a renamed file and a
moved archive folder (see article_keys.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from newsfind.locations import data_dir

#: The file in the data folder.
STORE_NAME = "my-work.sqlite3"
#: How long a writer waits for another process's transaction, ms.
BUSY_TIMEOUT_MS = 10_000

_SCHEMA_V1 = """
CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    archive TEXT NOT NULL,            -- the archive folder, absolute
    path TEXT NOT NULL,               -- relative to it, "/"-separated
    content_hash TEXT NOT NULL,       -- article_keys.content_hash of the text
    title TEXT NOT NULL DEFAULT '',
    date TEXT,                        -- YYYY-MM-DD
    UNIQUE (archive, path)
);
CREATE INDEX article_by_hash ON article (content_hash);
CREATE TABLE mark (
    article INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    reviewed_at TEXT,                 -- ISO time, UTC (NULL: not reviewed)
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    note TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL
);
CREATE TABLE tag (
    article INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (name <> ''),
    PRIMARY KEY (article, name)
) WITHOUT ROWID;
CREATE INDEX tag_by_name ON tag (name);
CREATE TABLE saved_search (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
    query TEXT NOT NULL,
    date_from TEXT,
    date_to TEXT,
    sort TEXT NOT NULL DEFAULT 'relevance',
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE saved_archive (
    search INTEGER NOT NULL REFERENCES saved_search (id) ON DELETE CASCADE,
    archive TEXT NOT NULL,
    PRIMARY KEY (search, archive)
) WITHOUT ROWID;
CREATE TABLE seen (
    search INTEGER NOT NULL REFERENCES saved_search (id) ON DELETE CASCADE,
    article INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (search, article)
) WITHOUT ROWID;
"""

#: MIGRATIONS[n] takes a database at version n to n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    lambda db: _statements(db, _SCHEMA_V1),
]
SCHEMA_VERSION = len(MIGRATIONS)


def _statements(db: sqlite3.Connection, script: str) -> None:
    """Each statement of script, inside the caller's transaction (executescript would commit it)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


_SURROGATE = re.compile("[\ud800-\udfff]")


def user_text(text: str) -> str:
    """Text the user gave, as it can be kept: a lone surrogate (a command-line argument
    that was not UTF-8) becomes U+FFFD, as in articles (archive.clean_text); SQLite
    would refuse the whole change. NUL and every other character are kept."""
    return _SURROGATE.sub("\ufffd", text) if not text.isascii() else text


def default_store_path() -> Path:
    return data_dir() / STORE_NAME


def now() -> str:
    """The time of a change, UTC, to the second: sorts as text."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class WorkStore:
    """The database, open; one per process (or thread), closed with close()."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_store_path()
        #: What went wrong with the file found, in words for the user ("" when nothing did).
        self.problem = ""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open_checked()
        except (sqlite3.DatabaseError, _Unusable) as error:
            if isinstance(error, sqlite3.OperationalError):
                raise  # locked, read-only, a full disk: the file is fine, say so and keep it
            kept = self._set_aside()
            self.problem = (f"Your saved searches and marks could not be read ({error}); the file was kept as "
                            f"{kept} and a new one started.")
            self.db = self._open_checked()

    # ------------------------------------------------------------ opening

    def _open_checked(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                             check_same_thread=False)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Checked before anything is written (the switch to WAL writes the header):
            # a file set aside is kept exactly as it was found.
            check = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                first = (check.replace("*** in database main ***", "").strip().splitlines() or [check])[0]
                raise _Unusable(f"it is damaged: its integrity check failed ({first})")
            _usable_version(db)
            if _switch_to_wal(db).lower() != "wal":
                raise _Unusable("its journal cannot be switched to WAL")
            db.execute("PRAGMA synchronous = FULL")
            self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        with _immediate(db):
            version = _usable_version(db)
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](db)
                db.execute(f"PRAGMA user_version = {step + 1}")

    def _set_aside(self) -> Path:
        """Move the unreadable file (and its WAL and shared-memory files) out of the way, kept."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        number = 1
        while any(Path(f"{kept}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
            number += 1  # one set aside in the same second: never replace it
            kept = self.path.with_name(f"{self.path.name}.unreadable-{stamp}-{number}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{kept}{suffix}"))
        return kept

    # -------------------------------------------------------------- using

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction that writes: all of it is kept, or none of it."""
        with _immediate(self.db):
            yield self.db

    def read(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        return self.db.execute(sql, params).fetchall()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> WorkStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ThreadStore:
    """A worker thread's own work store, opened when first needed (a worker that is
    never asked about the user's work never opens the file) and closed with the worker."""

    def __init__(self) -> None:
        self._store: WorkStore | None = None

    def get(self) -> WorkStore:
        if self._store is None:
            self._store = WorkStore()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class _Unusable(Exception):
    """The file is SQLite but not one this newsfind can use."""


def _usable_version(db: sqlite3.Connection) -> int:
    """The schema version of the file, if this newsfind can use it; raises _Unusable.

    One statement, so one moment: another process making the store commits its
    tables and its version together, and is never seen halfway."""
    version, has_tables = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), EXISTS (SELECT 1 FROM sqlite_master "
        "WHERE type = 'table' AND name NOT LIKE 'sqlite%')").fetchone()
    if version > SCHEMA_VERSION:
        raise _Unusable(f"it was written by a newer newsfind (schema {version}, this one knows {SCHEMA_VERSION})")
    if version < 0:
        raise _Unusable(f"its schema version ({version}) is not one newsfind writes")
    if version == 0 and has_tables:
        raise _Unusable("it is not a newsfind file: it holds the tables of another program")
    return version


def _switch_to_wal(db: sqlite3.Connection) -> str:
    """PRAGMA journal_mode = WAL, waiting up to the busy timeout for other processes:
    SQLite does not wait for this one itself when two connections could wait for each
    other, and two processes making the store at once (two windows started together)
    found it "locked" at once."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            code = getattr(error, "sqlite_errorcode", sqlite3.SQLITE_BUSY) & 0xFF  # (extended codes: BUSY_…)
            if code not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on any error): takes the write lock at once,
    so two writers queue instead of one failing halfway."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:  # (SQLite ends it itself after some errors: a full disk, I/O)
            db.execute("ROLLBACK")
        raise
