"""Building and updating the Whoosh index of one archive.

The index lives in the user's data folder (the archive itself may be
read-only). Updates are incremental: each file's size and modification time
are kept in a column, so an unchanged archive is checked without reading a
single article. Work is committed in batches: results appear while a large
archive is still being indexed, and a killed run loses only its last batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import platformdirs
from whoosh import columns, fields, index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from newsfind import whoosh_fixes  # noqa: F401  (must patch before any index is written)
from newsfind.analysis import ArticleText
from newsfind.archive import Article, FileEntry, Problem, UnreadableArticle, read_article, scan_archive

#: Bump when the schema or the analysis changes: older indexes are rebuilt.
SCHEMA_VERSION = 1
INDEX_NAME = "articles"
INFO_FILE = "newsfind-index.json"

#: From this many files to (re)index on, batches after the first are indexed by
#: two worker processes (about 2× faster on 2 cores); fewer are not worth it.
PARALLEL_MIN_FILES = 2000

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class IndexBusyError(RuntimeError):
    """Another process is writing this index right now."""


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True, sortable=True),
        signature=fields.COLUMN(columns.VarBytesColumn()),
        notes=fields.COLUMN(columns.VarBytesColumn()),
        date=fields.ID(stored=True, sortable=True),
        undated=fields.COLUMN(columns.RefBytesColumn()),
        title=ArticleText(stored=True, phrase=True, field_boost=2.0, multitoken_query="phrase"),
        body=ArticleText(stored=True, chars=True, multitoken_query="phrase"),
        size=fields.STORED(),
    )


def data_dir() -> Path:
    """Where indexes live; NEWSFIND_DATA_DIR overrides it (tests, self-test)."""
    override = os.environ.get("NEWSFIND_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("newsfind", appauthor=False))


def default_index_dir(archive_root: str | os.PathLike[str]) -> Path:
    """One index folder per archive, named so a person can tell which is which."""
    root = os.path.abspath(os.fspath(archive_root))
    digest = hashlib.sha1(root.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^\w.-]+", "_", Path(root).name)[:40] or "archive"
    return data_dir() / "indexes" / f"{slug}-{digest}"


@dataclass
class IndexReport:
    """What one indexing run did; problems include skipped and degraded files."""

    archive_root: str
    index_dir: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    total_files: int = 0
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def degraded(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    @property
    def indexed(self) -> int:
        """Articles searchable after this run."""
        return self.added + self.updated + self.unchanged

    def summary(self) -> str:
        text = (f"{_count(self.indexed, 'article')} indexed: {self.added} added, {self.updated} updated, "
                f"{self.removed} removed, {self.unchanged} unchanged; {_count(len(self.skipped), 'file')} skipped")
        if self.degraded:
            text += f", {len(self.degraded)} read with warnings"
        if self.cancelled:
            text += " (cancelled: the index holds what was done so far)"
        return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def index_exists(index_dir: str | os.PathLike[str]) -> bool:
    info = _read_info(Path(index_dir))
    return info.get("schema_version") == SCHEMA_VERSION and whoosh_index.exists_in(index_dir, INDEX_NAME)


def open_index(index_dir: str | os.PathLike[str]) -> whoosh_index.Index:
    return FileStorage(os.fspath(index_dir)).open_index(INDEX_NAME)


def archive_root_of(index_dir: str | os.PathLike[str]) -> str | None:
    """The archive folder an index was built from, as recorded at build time."""
    return _read_info(Path(index_dir)).get("archive_root")


def _read_info(index_dir: Path) -> dict:
    try:
        return json.loads((index_dir / INFO_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _ensure_index(index_dir: Path, archive_root: str) -> whoosh_index.Index:
    if index_exists(index_dir):
        return open_index(index_dir)
    if index_dir.exists() and any(index_dir.iterdir()):
        # An index from an older newsfind: the archive is the source, rebuild it.
        for child in index_dir.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    index_dir.mkdir(parents=True, exist_ok=True)
    ix = FileStorage(os.fspath(index_dir)).create_index(make_schema(), indexname=INDEX_NAME)
    info = {"schema_version": SCHEMA_VERSION, "archive_root": archive_root}
    tmp = index_dir / (INFO_FILE + ".tmp")
    tmp.write_text(json.dumps(info, indent=1), "utf-8")
    os.replace(tmp, index_dir / INFO_FILE)
    return ix


@dataclass
class _IndexedFile:
    signature: bytes
    notes: bytes


def _indexed_files(ix: whoosh_index.Index) -> dict[str, _IndexedFile]:
    """path → what the index knows of it, from columns only (no stored bodies).

    Each segment's columns are read whole rather than looked up document by
    document through the multi-segment reader (no-op run at 100,000
    articles: 1.44 → 1.12 s).
    """
    known: dict[str, _IndexedFile] = {}
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return known
        for segment, _ in reader.leaf_readers():
            paths = list(segment.column_reader("path"))
            signatures = list(segment.column_reader("signature"))
            notes = list(segment.column_reader("notes"))
            for docnum in segment.all_doc_ids():
                known[paths[docnum]] = _IndexedFile(signatures[docnum], notes[docnum])
    return known


def update_index(
    archive_root: str | os.PathLike[str],
    index_dir: str | os.PathLike[str] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    batch_seconds: float = 5.0,
    limitmb: int = 256,
) -> IndexReport:
    """Bring the index in line with the archive folder: add, update, remove.

    Raises IndexBusyError if another process holds the index's write lock (a
    lock left by a killed process is released by the operating system).
    """
    started = time.perf_counter()
    root = os.path.abspath(os.fspath(archive_root))
    target = Path(index_dir) if index_dir else default_index_dir(root)
    report = IndexReport(archive_root=root, index_dir=os.fspath(target))
    scan = scan_archive(root)
    report.problems.extend(scan.problems)
    report.total_files = len(scan.files)
    ix = _ensure_index(target, root)
    known = _indexed_files(ix)

    on_disk = {entry.path for entry in scan.files}
    stale = [path for path in known if path not in on_disk]
    todo: list[FileEntry] = []
    for entry in scan.files:
        indexed = known.get(entry.path)
        if indexed is None or indexed.signature != entry.signature.encode():
            todo.append(entry)
        else:
            report.unchanged += 1
            report.problems.extend(Problem(entry.path, note, skipped=False)
                                   for note in indexed.notes.decode("utf-8").split("\n") if note)
    # Small files first, so the first batch commits quickly and many articles
    # become searchable early.
    todo.sort(key=lambda entry: entry.size)
    done, total = report.unchanged, report.total_files
    if progress:
        progress(done, total)

    batches = _Batches(ix, limitmb, batch_seconds, parallel=len(todo) >= PARALLEL_MIN_FILES)
    try:
        if stale:
            writer = batches.writer()
            for path in stale:
                writer.delete_by_term("path", path)
            report.removed = len(stale)
        for entry in todo:
            if cancelled and cancelled():
                report.cancelled = True
                break
            try:
                article = read_article(entry)
            except UnreadableArticle as error:
                report.problems.append(Problem(entry.path, str(error)))
                if entry.path in known:
                    batches.writer().delete_by_term("path", entry.path)
                    report.removed += 1
            else:
                report.problems.extend(Problem(entry.path, note, skipped=False) for note in article.notes)
                if entry.path in known:
                    batches.writer().update_document(**article_fields(article, entry))
                    report.updated += 1
                else:  # nothing to replace: skip update_document's delete lookup
                    batches.writer().add_document(**article_fields(article, entry))
                    report.added += 1
            done += 1
            batches.maybe_commit()
            if progress:
                progress(done, total)
        batches.commit()
    except BaseException:
        batches.cancel()
        raise
    report.seconds = time.perf_counter() - started
    return report


def article_fields(article: Article, entry: FileEntry) -> dict[str, object]:
    """The document Whoosh stores for one article."""
    return {
        "id": article.id,
        "path": article.path,
        "signature": entry.signature.encode(),
        "notes": "\n".join(article.notes).encode("utf-8"),
        "date": article.date.isoformat() if article.date else "",
        "undated": b"1" if article.date is None else b"0",
        "title": article.title,
        "body": article.body,
        "size": article.size,
    }


class _Batches:
    """One open writer at a time, committed every few seconds.

    The first commit comes after a tenth of the interval so that a new archive
    shows its first results almost at once. With ``parallel`` (a large
    update), later batches use Whoosh's multi-process writer: two workers each
    write their own segment (``multisegment``: no merge of their work at
    commit); Whoosh's usual merge of small segments at each commit keeps the
    segment count low (20,000 articles in 5 s batches: 5-9 segments, as
    many as one process leaves, and search as fast). Longer batches did not
    pay in one process (bigger spills and merges); 5 s keeps a killed run's
    loss small.
    """

    def __init__(self, ix: whoosh_index.Index, limitmb: int, seconds: float, parallel: bool = False) -> None:
        self._ix = ix
        self._limitmb = limitmb
        self._seconds = seconds
        self._procs = min(2, os.cpu_count() or 1) if parallel else 1
        self._writer = None
        self._opened = 0.0
        self._commits = 0

    def _new_writer(self):
        # The first batch stays in this process: it is small and must commit
        # fast. Later ones fork worker processes, but only from a process with
        # a single thread: forking a multi-threaded process (a Qt app, or any
        # thread holding a lock such as the logging or stdout lock) can leave
        # the child deadlocked on a lock whose owner did not come along. The
        # CLI and the GUI's spawned indexing process have one thread; if some
        # caller runs us beside other threads we index in this process only.
        if self._procs > 1 and self._commits and threading.active_count() == 1:
            return _ParallelWriter(self._ix, procs=self._procs, multisegment=True, limitmb=self._limitmb)
        return self._ix.writer(limitmb=self._limitmb)

    def writer(self):
        if self._writer is None:
            try:
                self._writer = self._new_writer()
            except LockError as error:
                raise IndexBusyError(
                    "another newsfind is updating this index right now; "
                    "wait for it to finish (or close it) and try again") from error
            self._opened = time.monotonic()
        return self._writer

    def maybe_commit(self) -> None:
        interval = self._seconds if self._commits else self._seconds / 10
        if self._writer is not None and time.monotonic() - self._opened >= interval:
            self.commit()

    def commit(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.commit()
            self._commits += 1

    def cancel(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.cancel()


class _WorkerTask(SubWriterTask):
    """Whoosh's worker process, which also exits when its parent dies (killed,
    say): otherwise it would wait for work on its queue for ever."""

    def run(self) -> None:
        parent = os.getppid()

        def exit_with_parent() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=exit_with_parent, daemon=True).start()
        super().run()


class _ParallelWriter(MpWriter):
    """Whoosh's MpWriter, made safe to fork and to cancel.

    - Both workers are started before the first job is queued: a queue's put()
      starts a feeder thread, and Whoosh would otherwise fork the second
      worker beside it.
    - The queues are closed (their threads joined) after commit or cancel, so
      the next batch starts from a single-threaded process again.
    - cancel() stops the workers (Whoosh's only flags its own copies of them,
      which leaves them waiting for ever and this process hanging at exit).
    """

    def _new_task(self):
        task = _WorkerTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                           self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    def _enqueue(self) -> None:
        while len(self.tasks) < self.procs:
            self._new_task()
        super()._enqueue()

    def _close_queues(self) -> None:
        for queue in (self.jobqueue, self.resultqueue):
            queue.close()
            queue.join_thread()

    def commit(self, *args, **kwargs) -> None:
        try:
            super().commit(*args, **kwargs)
        finally:
            self._close_queues()

    def cancel(self) -> None:
        try:
            for task in self.tasks:
                if task.is_alive():
                    task.terminate()
            for task in self.tasks:
                task.join()
            SegmentWriter.cancel(self)
        finally:
            self._close_queues()
