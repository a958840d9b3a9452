"""The index folder of one archive: made, locked, checked and repaired.

Whoosh's files are not crash-safe against damage (a truncated, zeroed or
bit-flipped segment fails every search that touches it, for ever). So after
each commit newsfind records a checksum of every segment file and keeps a copy
of the table of contents (TOC); every indexing run verifies them first. A
damaged segment is dropped from the TOC, and the articles it held are simply
indexed again from the archive by the same run; a damaged TOC is restored
from its copy. Only when neither helps is the index rebuilt from scratch.
"""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import struct
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from newsfind import whoosh_compat as compat
from newsfind.documents import SCHEMA_VERSION, make_schema
from newsfind.wording import plural

INDEX_NAME = "articles"
INFO_FILE = "newsfind-index.json"
CHECKSUMS_FILE = "newsfind-checksums.json"
#: A copy of the last committed TOC, in a folder of its own so Whoosh's
#: clean-up (which deletes every TOC but the newest) leaves it alone.
BACKUP_DIR = "newsfind-toc-backup"
RUN_LOCK = "newsfind_RUNLOCK"

#: Errors that say the index's own files are damaged or gone (an OSError other than
#: a missing file, permission denied say, is not damage: no repair would help).
DAMAGE_ERRORS = (EOFError, ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError,
                 FileNotFoundError, zlib.error, struct.error, pickle.UnpicklingError,
                 whoosh_index.IndexError, whoosh_index.EmptyIndexError)

#: errno values that mean "this folder cannot be written", with words for them.
_WRITE_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the index folder disappeared",
    errno.EIO: "the disk reported a read or write error",
}


class IndexBusyError(RuntimeError):
    """Another process is writing this index right now."""


class IndexWriteError(RuntimeError):
    """The index folder cannot be written (full disk, read-only, vanished); the
    message says so in words, and what was committed before stays searchable."""


class IndexDamagedError(RuntimeError):
    """The index cannot be read and must be repaired by an indexing run."""

    def __init__(self, message: str, index_dir: str | os.PathLike[str] = "") -> None:
        super().__init__(message)
        self.index_dir = os.fspath(index_dir)


def is_write_error(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in _WRITE_ERRORS


def write_error_message(error: OSError, index_dir: str | os.PathLike[str]) -> str:
    """One line for a user: what went wrong with the index folder, and what to do."""
    reason = _WRITE_ERRORS.get(error.errno, error.strerror or str(error))
    where = os.fspath(index_dir)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        free = _free_megabytes(where)
        room = f" ({free} MB free)" if free is not None else ""
        return f"cannot write the index: {reason}{room} at {where}; free some space and index again"
    return f"cannot write the index folder {where}: {reason}"


def _free_megabytes(path: str) -> int | None:
    for candidate in (path, os.path.dirname(path)):
        try:
            return shutil.disk_usage(candidate).free // 1_000_000
        except OSError:
            continue
    return None


# ---------------------------------------------------------------- info file


def read_info(index_dir: str | os.PathLike[str]) -> dict:
    """newsfind's own record of an index ({} when missing or unreadable)."""
    try:
        info = json.loads((Path(index_dir) / INFO_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _write_json(path: Path, value: dict) -> None:
    """Write a small JSON file atomically (a crash leaves the old one or the new one)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(value, indent=1), "utf-8")
    os.replace(tmp, path)


def index_exists(index_dir: str | os.PathLike[str]) -> bool:
    """An index of this newsfind's schema is there (perhaps damaged: opening tells)."""
    if read_info(index_dir).get("schema_version") != SCHEMA_VERSION:
        return False
    try:
        return compat.latest_generation(FileStorage(os.fspath(index_dir)), INDEX_NAME) >= 0
    except OSError:
        return False


def open_index(index_dir: str | os.PathLike[str]) -> whoosh_index.FileIndex:
    """Open an index for reading; raises IndexDamagedError when its TOC is unreadable."""
    try:
        return FileStorage(os.fspath(index_dir)).open_index(INDEX_NAME)
    except DAMAGE_ERRORS as error:
        raise IndexDamagedError(f"the index at {os.fspath(index_dir)} cannot be read ({_describe(error)}): "
                                "index the archive again to repair it", index_dir) from error


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


# ---------------------------------------------------------------- checksums


def _file_checksum(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


@dataclass
class Verification:
    """What verifying an index found."""

    toc_error: str = ""  #: why the TOC cannot be read ("" when it can)
    damaged: dict[str, str] = field(default_factory=dict)  #: segment name → what is wrong
    toc: object | None = None

    @property
    def ok(self) -> bool:
        return not self.toc_error and not self.damaged


def verify_index(index_dir: str | os.PathLike[str], full: bool = True) -> Verification:
    """Check the TOC and every segment against the recorded sizes and (if full) checksums.

    A segment not yet recorded (a run killed between commit and record) is
    taken as it is; the next record() adds it.
    """
    storage = FileStorage(os.fspath(index_dir))
    try:
        toc = compat.read_toc(storage, INDEX_NAME)
    except DAMAGE_ERRORS as error:
        return Verification(toc_error=_describe(error))
    recorded = _read_checksums(index_dir)
    result = Verification(toc=toc)
    for segment in toc.segments:
        name = compat.segment_name(segment)
        problem = _segment_problem(Path(index_dir), storage, segment, recorded.get(name), full)
        if problem:
            result.damaged[name] = problem
    return result


def _segment_problem(folder: Path, storage: FileStorage, segment, recorded: dict | None, full: bool) -> str:
    """A file whose modification time is the one recorded with its checksum
    (see _checksum_entry) is not read again: every run read the whole index
    (484 MB at 100,000 articles)."""
    if not compat.segment_files(storage, segment):
        return "its file is missing"
    for filename, (size, crc, *stamp) in (recorded or {}).items():
        try:
            info = (folder / filename).stat()
        except OSError:
            return f"{filename} is missing"
        if info.st_size != size:
            return f"{filename} has {info.st_size:,} bytes, not {size:,} (cut short or overwritten)"
        if full and stamp != [info.st_mtime_ns] and _file_checksum(folder / filename) != crc:
            return f"{filename} does not match its checksum"
    return ""


#: A file's modification time is recorded with its checksum only once it is
#: this old: a change within the same tick of the file system's clock (a few
#: milliseconds) would leave it as it was (git's "racy clean" files).
SETTLED_NS = 2_000_000_000


def _checksum_entry(path: Path) -> list[int]:
    """[size, CRC-32] of a segment file, and its modification time if settled."""
    info = path.stat()
    entry = [info.st_size, _file_checksum(path)]
    return entry + [info.st_mtime_ns] if _is_settled(path, info) else entry


def _settled(path: Path, entry: list[int]) -> list[int]:
    """The entry with the file's modification time added, once the file is
    settled and still matches it (until then it is checked whole each run)."""
    if len(entry) == 3:
        return entry
    info = path.stat()
    if not _is_settled(path, info) or info.st_size != entry[0] or _file_checksum(path) != entry[1]:
        return entry
    return entry + [info.st_mtime_ns]


def _is_settled(path: Path, info: os.stat_result) -> bool:
    """Old enough, and not changed while it was read."""
    return time.time_ns() - info.st_mtime_ns >= SETTLED_NS and path.stat().st_mtime_ns == info.st_mtime_ns


def _read_checksums(index_dir: str | os.PathLike[str]) -> dict[str, dict[str, list[int]]]:
    try:
        value = json.loads((Path(index_dir) / CHECKSUMS_FILE).read_text("utf-8"))
        segments = value["segments"]
        return {name: {f: [int(number) for number in entry][:3] for f, entry in files.items() if len(entry) >= 2}
                for name, files in segments.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


# ---------------------------------------------------------------- the folder, for writing


class IndexFolder:
    """An index folder held by one indexing run (a lock of its own, for the whole run).

    Opening it takes the lock, removes what failed runs left behind, and
    verifies and repairs the index (``repairs`` says what was done), or makes
    a new one.
    """

    def __init__(self, path: Path, archive_root: str) -> None:
        self.path = path
        self.archive_root = archive_root
        self.storage = FileStorage(os.fspath(path))
        self.repairs: list[str] = []
        self._lock = None
        self.ix: whoosh_index.FileIndex | None = None
        self._checksums: dict[str, dict[str, list[int]]] = {}

    @classmethod
    def open(cls, path: Path, archive_root: str) -> "IndexFolder":
        folder = cls(path, archive_root)
        try:
            folder._take_lock()
            folder._clean_leftovers()
            folder._open_or_create()
        except BaseException:
            folder.close()
            raise
        return folder

    def __enter__(self) -> "IndexFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._lock is not None:
            try:
                self._lock.release()
            except OSError:
                pass
            self._lock = None

    # -- lock and leftovers

    def _take_lock(self) -> None:
        """Our lock for the whole run; Whoosh's own lock must be free too (no other
        program is writing: its temporary files are not leftovers)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            lock = self.storage.lock(RUN_LOCK)
            acquired = lock.acquire(blocking=False)
            if acquired:
                self._lock = lock
                writelock = self.storage.lock(f"{INDEX_NAME}_WRITELOCK")
                acquired = writelock.acquire(blocking=False)
                if acquired:
                    writelock.release()
        except OSError as error:
            raise IndexWriteError(write_error_message(error, self.path)) from error
        if not acquired:
            raise IndexBusyError("another newsfind is updating this index right now; "
                                 "wait for it to finish (or close it) and try again")

    def _clean_leftovers(self) -> None:
        try:
            self.remove_leftovers()
        except OSError as error:
            raise IndexWriteError(write_error_message(error, self.path)) from error

    def remove_leftovers(self) -> None:
        """Remove what failed or killed runs left behind: temporary folders,
        half-written TOCs, and segment files no TOC lists (a disk-full run's, say)."""
        for child in self.path.iterdir():
            name = child.name
            if child.is_dir() and name.endswith(".tmp"):
                shutil.rmtree(child)
            elif name.endswith(".tmp") or (name.startswith(f"_{INDEX_NAME}_") and ".toc." in name):
                child.unlink()
        try:
            toc = compat.read_toc(self.storage, INDEX_NAME)
        except DAMAGE_ERRORS:
            return  # the TOC is repaired first; its segments are not leftovers
        compat.clean_unlisted_files(self.storage, INDEX_NAME, toc.generation, toc.segments)

    # -- open, verify, repair

    def _open_or_create(self) -> None:
        info = read_info(self.path)
        if info and info.get("schema_version") != SCHEMA_VERSION:
            self._rebuild(None)  # made by another newsfind: the archive is the source
            self.repairs.append("the index was made by another version of newsfind, which stored it differently: "
                                "it is rebuilt from the archive (once)")
            return
        check = verify_index(self.path)
        if check.toc_error and compat.latest_generation(self.storage, INDEX_NAME) < 0 and not info:
            self._rebuild(None)  # a new index
            return
        if check.toc_error:
            check = self._restore_toc(check.toc_error)
            if check is None:
                return
        if not info and not _same_schema(check.toc.schema):
            self._rebuild("its description file was missing and its fields differ")
            return
        self.ix = whoosh_index.FileIndex(self.storage, indexname=INDEX_NAME)
        if check.damaged:
            self._drop_segments(check)
        self._checksums = _read_checksums(self.path)
        self._write_info()
        self.record()

    def _restore_toc(self, toc_error: str) -> Verification | None:
        """Put back the TOC's copy if its segments are intact, else rebuild."""
        backup = FileStorage(os.fspath(self.path / BACKUP_DIR))
        try:
            toc = compat.read_toc(backup, INDEX_NAME)
        except DAMAGE_ERRORS:
            self._rebuild(f"its table of contents cannot be read ({toc_error}) and has no usable copy")
            return None
        generation = max(compat.latest_generation(self.storage, INDEX_NAME), toc.generation) + 1
        compat.write_toc(self.storage, INDEX_NAME, toc.schema, toc.segments, generation)
        self.repairs.append(f"the index's table of contents could not be read ({toc_error}): "
                            "restored from its copy")
        check = verify_index(self.path)
        if check.toc_error:
            self._rebuild(f"its table of contents cannot be read ({check.toc_error})")
            return None
        return check

    def _drop_segments(self, check: Verification) -> None:
        """Remove damaged segments from the index; their articles are indexed again by this run."""
        toc = check.toc
        kept = [s for s in toc.segments if compat.segment_name(s) not in check.damaged]
        lost = sum(compat.segment_doc_count(s) for s in toc.segments if compat.segment_name(s) in check.damaged)
        generation = compat.latest_generation(self.storage, INDEX_NAME) + 1
        compat.write_toc(self.storage, INDEX_NAME, toc.schema, kept, generation)
        compat.clean_unlisted_files(self.storage, INDEX_NAME, generation, kept)
        problems = "; ".join(sorted(set(check.damaged.values())))
        self.repairs.append(f"{plural(len(check.damaged), 'part')} of the index {'was' if len(check.damaged) == 1 else 'were'} "
                            f"damaged ({problems}); the {plural(lost, 'article')} held there were indexed again "
                            "from the archive")

    def _rebuild(self, why: str | None) -> None:
        """Start an empty index (keeping the lock file): the archive is the source."""
        for child in self.path.iterdir():
            if child.name == RUN_LOCK:
                continue
            try:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
            except OSError as error:
                raise IndexWriteError(write_error_message(error, self.path)) from error
        if why:
            self.repairs.append(f"the index was damaged beyond repair ({why}): it is rebuilt from the archive")
        self.ix = self.storage.create_index(make_schema(), indexname=INDEX_NAME)
        self._checksums = {}
        self._write_info()
        self.record()

    def _write_info(self) -> None:
        info = read_info(self.path)
        info.update({"schema_version": SCHEMA_VERSION, "archive_root": self.archive_root})
        _write_json(self.path / INFO_FILE, info)

    # -- run state and commits

    def set_run_state(self, state: str, message: str = "") -> None:
        """Record how the last run ended ("running", "complete", "cancelled", "failed"),
        so searches can say when the index is incomplete."""
        info = read_info(self.path)
        info["run"] = {"state": state, "message": message}
        try:
            _write_json(self.path / INFO_FILE, info)
        except OSError:
            if state != "failed":  # a failed run reports its own reason; a full disk may refuse this too
                raise

    def record(self) -> None:
        """After a commit: checksum new segments, forget dropped ones, copy the TOC."""
        toc = compat.read_toc(self.storage, INDEX_NAME)
        sums = {}
        for segment in toc.segments:
            name = compat.segment_name(segment)
            known = self._checksums.get(name)
            if known is None:
                known = {f: _checksum_entry(self.path / f) for f in compat.segment_files(self.storage, segment)}
            elif any(len(entry) < 3 for entry in known.values()):
                known = {f: _settled(self.path / f, entry) for f, entry in known.items()}
            sums[name] = known
        if sums == self._checksums and self._backup_is_current(toc.generation):
            return  # a run that changed nothing writes nothing
        self._checksums = sums
        _write_json(self.path / CHECKSUMS_FILE, {"generation": toc.generation, "segments": sums})
        self._backup_toc(toc.generation)

    def _backup_is_current(self, generation: int) -> bool:
        name = compat.toc_filename(INDEX_NAME, generation)
        try:
            return (self.path / BACKUP_DIR / name).read_bytes() == (self.path / name).read_bytes()
        except OSError:
            return False

    def _backup_toc(self, generation: int) -> None:
        backup = self.path / BACKUP_DIR
        backup.mkdir(exist_ok=True)
        name = compat.toc_filename(INDEX_NAME, generation)
        tmp = backup / (name + ".tmp")
        shutil.copyfile(self.path / name, tmp)
        os.replace(tmp, backup / name)
        for old in backup.iterdir():
            if old.name != name:
                old.unlink()

    def writer(self, limitmb: int):
        """A Whoosh writer of the next batch (its own lock; ours keeps other indexers out)."""
        try:
            return self.ix.writer(limitmb=limitmb)
        except LockError as error:
            raise IndexBusyError("another program is writing this index right now; "
                                 "close it and try again") from error


def _same_schema(schema) -> bool:
    """The stored schema has our fields, of our types (to trust an index whose info file was lost)."""
    ours = make_schema()
    try:
        return sorted(schema.names()) == sorted(ours.names()) and all(
            type(schema[name]) is type(ours[name]) for name in ours.names())
    except Exception:  # noqa: BLE001 - a garbage schema is simply not ours
        return False
