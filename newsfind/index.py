"""Building and updating the Whoosh index of one archive.

The index lives in the user's data folder (the archive itself may be
read-only). Updates are incremental: each file's size and modification time
are kept in a column, so an unchanged archive is checked without reading a
single article. Work is committed in batches (newsfind.index_batches), the
index folder is verified and repaired first (newsfind.index_store), and after
the run the report is checked against the committed index itself: what the
report says was indexed is there.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from typing import Iterator
from pathlib import Path

from whoosh import index as whoosh_index

from newsfind import whoosh_compat as compat
from newsfind.cancellation import SearchCancelled, never
from newsfind.families import find_families, load_families, store_families
from newsfind.archive import FileEntry, Problem, ScanResult, display_path, path_of_key, scan_archive
from newsfind.documents import SCHEMA_VERSION, make_schema
from newsfind.index_batches import ArchiveVanished, BatchRun, CancelCheck, Expectation, ProgressCallback, RunOptions
from newsfind.index_report import IndexCheck, IndexReport
from newsfind.locations import archive_root_of, data_dir, default_index_dir
from newsfind.index_store import (DAMAGE_ERRORS, INDEX_NAME, IndexBusyError, IndexDamagedError, IndexFolder,
                                  IndexWriteError, index_exists, is_write_error, open_index, write_error_message)
from newsfind.wording import plural

__all__ = ["IndexBusyError", "IndexCheck", "IndexDamagedError", "IndexReport", "IndexWriteError", "INDEX_NAME",
           "SCHEMA_VERSION", "archive_root_of", "data_dir", "default_index_dir", "index_exists", "make_schema",
           "open_index", "update_index"]

#: From this many files to (re)index on, batches after the first are indexed by
#: two worker processes (about 2× faster on 2 cores); fewer are not worth it.
PARALLEL_MIN_FILES = 2000


@dataclass
class IndexedFiles:
    """What the index holds of the archive's files, by path key (from columns
    only, no stored bodies), as dicts that C compares whole: at 100,000
    articles an object per file made the unchanged run's plan and check slow."""

    signatures: dict[bytes, bytes] = field(default_factory=dict)  #: key → size and time when read
    notes: dict[bytes, bytes] = field(default_factory=dict)  #: key → its warnings, for files that have any
    copies: dict[bytes, int] = field(default_factory=dict)  #: key → how many times, when more than once
    documents: int = 0

    def __len__(self) -> int:
        return len(self.signatures)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.signatures)

    def add_segment(self, keys: list[bytes], signatures: list[bytes], notes: list[bytes]) -> None:
        """One segment's live documents (the first copy of a file keeps its signature)."""
        self.documents += len(keys)
        fresh = dict(zip(keys, signatures))
        clash = fresh.keys() & self.signatures.keys()
        if clash or len(fresh) < len(keys):  # a file held twice: counted, then indexed again
            counts = Counter(keys)
            for key, count in counts.items():
                if key in clash:
                    self.copies[key] = self.copies.get(key, 1) + count
                    fresh[key] = self.signatures[key]
                elif count > 1:
                    self.copies[key] = count
        self.signatures.update(fresh)
        self.notes.update(compress(zip(keys, notes), notes))


def indexed_files(ix: whoosh_index.Index) -> IndexedFiles:
    """What the index holds of each file, read a segment's columns at a time.

    Each segment's columns are read whole rather than looked up document by
    document through the multi-segment reader (no-op run at 100,000
    articles: 1.44 → 1.12 s), and each column in one read (this function at
    100,000 articles: 0.65-0.90 → 0.16 s).
    """
    known = IndexedFiles()
    with ix.reader() as reader:
        if reader.doc_count() == 0:
            return known
        for segment, _ in reader.leaf_readers():
            columns = [compat.column_values(segment, name) for name in ("key", "signature", "notes")]
            if segment.has_deletions():
                live = list(segment.all_doc_ids())
                columns = [[column[docnum] for docnum in live] for column in columns]
            known.add_segment(*columns)
    return known


def update_index(
    archive_root: str | os.PathLike[str],
    index_dir: str | os.PathLike[str] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    batch_seconds: float = 5.0,
    limitmb: int = 256,
    parallel_min_files: int | None = None,
) -> IndexReport:
    """Bring the index in line with the archive folder: add, update, remove.

    Never raises for a problem of the archive or the index folder: the report
    says what happened (``report.failure``, ``report.check``), and whatever
    was committed before a failure stays searchable. Only an interruption
    (KeyboardInterrupt) propagates.
    """
    started = time.perf_counter()
    compat.install_patches()
    root = os.path.abspath(os.fspath(archive_root))
    target = Path(index_dir) if index_dir else default_index_dir(root)
    report = IndexReport(archive_root=root, index_dir=os.fspath(target))
    scan = scan_archive(root)
    report.total_files = len(scan.files)
    if scan.failure:
        report.failure = f"{scan.failure}; the index was left as it was"
    else:
        report.problems.extend(scan.problems)
        options = RunOptions(batch_seconds, limitmb, progress=progress, cancelled=cancelled)
        _update(target, root, scan, report, options,
                PARALLEL_MIN_FILES if parallel_min_files is None else parallel_min_files)
    report.seconds = time.perf_counter() - started
    return report


def _update(target: Path, root: str, scan: ScanResult, report: IndexReport, options: RunOptions,
            parallel_min_files: int) -> None:
    try:
        folder = IndexFolder.open(target, root)
    except IndexBusyError as error:
        report.failure = str(error)
        return
    except (IndexWriteError, OSError) as error:
        if isinstance(error, OSError) and not is_write_error(error):
            raise
        _without_writing(target, scan, report,
                         write_error_message(error, target) if isinstance(error, OSError) else str(error))
        return
    with folder:
        report.repairs.extend(folder.repairs)
        try:
            folder.set_run_state("running")
            committed = _index_into(folder, scan, report, options, parallel_min_files)
            _update_families(folder, committed, options)
        except (IndexWriteError, ArchiveVanished) as error:
            report.failure = str(error)
        except OSError as error:
            if not is_write_error(error):
                raise
            report.failure = write_error_message(error, target)
        finally:
            if report.failure:
                _remove_leftovers(folder)
            _record_outcome(folder, report)


def _index_into(folder: IndexFolder, scan: ScanResult, report: IndexReport, options: RunOptions,
                parallel_min_files: int) -> bool:
    """Index what changed; True when something was committed."""
    known = indexed_files(folder.ix)
    todo, stale, unchanged = _plan(scan.files, known, report)
    if len(todo) >= parallel_min_files:
        options.workers = min(2, os.cpu_count() or 1) if (os.cpu_count() or 1) > 1 else 0
    run = BatchRun(folder, report, set(known.signatures), options)
    run.expect.present.update(unchanged)
    try:
        run.run(todo, stale)
    finally:
        run.expect.untouched.update(run.stale)
        report.check = _check(folder, run.expect, None if run.commits else known)
    return run.commits > 0


def _update_families(folder: IndexFolder, committed: bool, options: RunOptions) -> None:
    """Find the archive's wire-copy families again over every article, after the run's last
    commit. A cancelled run leaves the families it found before: they are kept by path, so
    articles added since are each a story of their own until a run ends."""
    cancelled = options.cancelled or never
    if cancelled() or (not committed and load_families(folder.path) is not None):
        return
    reader = folder.ix.reader()
    try:
        families = find_families(reader, cancelled)
    except SearchCancelled:
        return
    finally:
        reader.close()
    store_families(folder.path, families)


def _plan(files: list[FileEntry], known: IndexedFiles, report: IndexReport):
    """What to index (small files first), what to delete, what is unchanged (key → signature)."""
    keys = [entry.key for entry in files]
    stale = list(known.signatures.keys() - set(keys))
    todo: list[FileEntry] = []
    unchanged: dict[bytes, bytes] = {}
    held, notes, copies = known.signatures.get, known.notes, known.copies
    for entry, key in zip(files, keys):
        signature = entry.signature
        if held(key) != signature or key in copies:
            todo.append(entry)
            continue
        unchanged[key] = signature
        if key in notes:
            report.problems.extend(Problem(entry.display_path, note, skipped=False)
                                   for note in notes[key].decode("utf-8").split("\n") if note)
    report.unchanged = len(unchanged)
    # Small files first, so the first batch commits quickly and many articles
    # become searchable early.
    todo.sort(key=lambda entry: entry.size)
    return todo, stale, unchanged


def _check(folder: IndexFolder, expect: Expectation, held: IndexedFiles | None) -> IndexCheck:
    """Hold the committed index against what the run reports (re-read unless nothing was committed)."""
    if held is None:
        held = indexed_files(folder.ix)
    signatures = held.signatures
    check = IndexCheck(documents=held.documents)
    if not expect.present.items() <= signatures.items():  # every (file, version) reported is there
        check.missing = [_shown(key) for key, signature in expect.present.items() if signatures.get(key) != signature]
    check.duplicates = [_shown(key) for key in held.copies]
    unexpected = (signatures.keys() & expect.absent) | (signatures.keys() - expect.present.keys() - expect.untouched)
    check.unexpected = [_shown(key) for key in unexpected]
    for paths in (check.missing, check.unexpected, check.duplicates):
        paths.sort()
    return check


def _shown(key: bytes) -> str:
    return display_path(path_of_key(key))


def _remove_leftovers(folder: IndexFolder) -> None:
    """After a failed run: give back the disk space its uncommitted work took."""
    try:
        folder.remove_leftovers()
    except OSError:
        pass  # a read-only or vanished folder: the next run's start tries again


def _record_outcome(folder: IndexFolder, report: IndexReport) -> None:
    """Leave a note in the index folder of how the run ended, for searches to pass on."""
    if report.failure:
        state, message = "failed", report.failure
    elif report.check is not None and not report.check.ok:
        state, message = "failed", f"the index check failed: {report.check.summary()}"
    elif report.cancelled:
        state, message = "cancelled", (f"indexing was cancelled; {plural(report.not_indexed, 'file')} "
                                      f"{'was' if report.not_indexed == 1 else 'were'} not indexed yet")
    else:
        state, message = "complete", ""
    try:
        folder.set_run_state(state, message)
    except OSError as error:
        if not report.failure:
            report.failure = write_error_message(error, folder.path)


def _without_writing(target: Path, scan: ScanResult, report: IndexReport, reason: str) -> None:
    """The index folder cannot be written: fine if nothing changed, else say what was not indexed."""
    known = None
    if index_exists(target):
        try:
            known = indexed_files(open_index(target))
        except (IndexDamagedError,) + DAMAGE_ERRORS:
            known = None
    todo, stale, _ = _plan(scan.files, known or IndexedFiles(), report)
    if known is not None and not todo and not stale:
        return
    report.not_indexed = len(todo)
    changed = len(todo) + len(stale)
    report.failure = (f"{reason}; {plural(changed, 'file')} changed since the index was made and could not be indexed"
                      + (" (the index still answers as it was)" if known is not None else ""))
