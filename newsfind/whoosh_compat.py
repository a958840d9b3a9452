"""Every use of Whoosh's private internals by newsfind, in one place.

Each function names the internal it relies on, as found in whoosh-reloaded
2.7.5 (the exact version pinned in pyproject.toml); tests/test_whoosh_compat.py
is the canary that fails when an upgrade changes one of them, and checks that
each patch gives what Whoosh's own code gives.

Why internals at all: newsfind runs its own indexing workers (so that one bad
document or one dead worker never loses a batch, which Whoosh's MpWriter
does), keeps a checksum of every segment, opens an index without a damaged
segment, and reads postings, lengths and terms a block at a time (Whoosh
reads them one at a time, through several method calls each). Whoosh has no
public API for any of these. The patches (PATCHES) are installed explicitly,
by install_patches(), in every process that writes or searches an index.
"""

from __future__ import annotations

import functools
import io
import pickle
import struct
import sys
import types
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress
from operator import itemgetter
from typing import Callable, Collection, Iterator, Sequence


def _import_whoosh_without_unused_modules() -> None:
    """Import Whoosh without two modules it imports and never needs: 20-40 ms
    less for every `newsfind search` call (Whoosh's import: 27-33 ms, not 49-72).

    In 2.7.5 ``whoosh.compat`` imports ``urlretrieve`` from ``urllib.request``
    (which brings http.client, ssl and email: about 40 ms) and nothing calls
    it; ``whoosh.reading`` imports the ``cached_property`` package, whose module
    imports asyncio (about 25 ms), for one attribute (``deleted_docs_set``).
    While Whoosh's modules load, stand-ins take their place: a ``urlretrieve``
    that refuses (newsfind never downloads) and ``functools.cached_property``.
    The real modules are untouched for anyone who imports them later.
    """
    if "whoosh.compat" in sys.modules:
        return
    stand_ins = {"urllib.request": {"urlretrieve": _no_downloads},
                 "cached_property": {"cached_property": functools.cached_property}}
    stood_in = [name for name in stand_ins if name not in sys.modules]
    for name in stood_in:
        module = types.ModuleType(name, "newsfind's stand-in while Whoosh is imported")
        vars(module).update(stand_ins[name])
        sys.modules[name] = module
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name in stood_in:
            del sys.modules[name]


def _no_downloads(*args: object, **kwargs: object) -> None:
    raise RuntimeError("newsfind never downloads anything")


_import_whoosh_without_unused_modules()

from whoosh import columns  # noqa: E402
from whoosh import index as whoosh_index
from dataclasses import dataclass

from whoosh import formats
from whoosh.codec import base, whoosh3
from whoosh.filedb import filetables
from whoosh.matching.binary import AndNotMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length
from whoosh.writing import MERGE_SMALL, SegmentWriter

#: The Whoosh release these internals were read from.
WHOOSH_RELEASE = (2, 7, 5)

#: A Whoosh segment object (codec.whoosh3.W3Segment in 2.7.5): picklable, so a
#: worker process can hand the segment it wrote to the coordinator.
Segment = object


class _PrivateTempStorage(FileStorage):
    """An index folder whose writers sort postings in a temporary folder of their own.

    2.7.5 names every writer's temporary folder ``<indexname>.tmp`` and a writer
    deletes it when it finishes, under the feet of any other writer still
    sorting postings in it.
    """

    def __init__(self, folder: str, tempname: str) -> None:
        super().__init__(folder)
        self._tempname = tempname

    def temp_storage(self, name: str | None = None) -> FileStorage:
        return super().temp_storage(self._tempname)


def index_for_unlocked_writers(folder: str, indexname: str, tempname: str) -> whoosh_index.FileIndex:
    """The index as one worker process sees it (tempname: its temporary folder)."""
    return whoosh_index.FileIndex(_PrivateTempStorage(folder, tempname), indexname=indexname)


def unlocked_segment_writer(ix: whoosh_index.FileIndex, limitmb: int) -> SegmentWriter:
    """A writer of one new segment that does not take the index's lock (the
    coordinating writer holds it), as MpWriter's SubWriterTask makes them:
    ``SegmentWriter(ix, _lk=False)``. Give it an index_for_unlocked_writers."""
    return SegmentWriter(ix, _lk=False, limitmb=limitmb)


def finish_segment(writer: SegmentWriter) -> Segment | None:
    """Write out an unlocked writer's segment; None when it holds no document."""
    if not writer._added:
        discard_segment(writer)
        return None
    segment = writer._finalize_segment()
    writer._tempstorage.destroy()
    writer.is_closed = True
    return segment


def discard_segment(writer: SegmentWriter) -> None:
    """Drop an unlocked writer's work: its open files, its segment's files, its temporary folder."""
    try:
        writer._close_segment()
    finally:
        for name in writer.newsegment.list_files(writer.storage):
            try:
                writer.storage.delete_file(name)
            except OSError:
                pass
        try:
            writer._tempstorage.destroy()
        except OSError:
            pass
        writer.is_closed = True


def commit_with_segments(writer: SegmentWriter, segments: list[Segment]) -> None:
    """Commit a locked writer (its deletions and documents) together with
    segments written by unlocked writers, in one new generation.

    The steps of MpWriter._commit with multisegment=True: merge small
    segments (_merge_segments), finish this writer's own segment, write the
    TOC (_commit_toc, which also deletes files of segments no longer listed),
    release the lock (_finish).
    """
    final = writer._merge_segments(merge_small_segments, None, None)
    final += segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


#: A merge takes the smallest segments holding this many articles in all at
#: most (left after deletions): Whoosh merges through its sorting pool, which
#: writes and sorts every posting again.
MERGE_CAP_DOCS = 100_000


def merge_small_segments(writer: SegmentWriter, segments: list[Segment]) -> list[Segment]:
    """A merge policy (``SegmentWriter._merge_segments``: the segments to keep;
    ``add_reader`` merges the others into the writer's new segment): Whoosh's
    MERGE_SMALL (2.7.5) among the smallest segments that hold MERGE_CAP_DOCS
    articles in all at most; the others stay as they are, and segments of
    deleted articles only are dropped.

    MERGE_SMALL merges the smallest segments, up to a Fibonacci bound that
    grows with their number, the segment grown by the last merge included: at
    1,000,000 articles it merged 310,000 at once (5.0 GB of sorting runs in 9
    minutes, and on, while no batch could commit). Up to 100,000 articles it is left as it
    was; merging only segments of about the same size instead built 100,000
    articles in 677 s against 440 (FTS5: 46 and 42 s), merging more often.
    """
    live = [segment for segment in segments if segment.doc_count() > 0]  # others hold only deleted articles
    small, total = [], 0
    for segment in sorted(live, key=lambda segment: segment.doc_count()):
        total += segment.doc_count()
        if total > MERGE_CAP_DOCS:
            break
        small.append(segment)
    return [segment for segment in live if segment not in small] + MERGE_SMALL(writer, small)


def cancel_writer(writer: SegmentWriter) -> None:
    """Drop a locked writer's uncommitted work and release its lock, whatever state
    a failure left it in (``cancel`` refuses a writer a failed commit half closed)."""
    if writer.is_closed:
        return
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - its files are leftovers, removed at the next run's start
        writer.is_closed = True
        if writer.writelock:
            writer.writelock.release()


def toc_filename(indexname: str, generation: int) -> str:
    return whoosh_index.TOC._filename(indexname, generation)


def latest_generation(storage: FileStorage, indexname: str) -> int:
    """The newest TOC generation on disk, -1 when there is none."""
    return whoosh_index.TOC._latest_generation(storage, indexname)


def read_toc(storage: FileStorage, indexname: str, generation: int | None = None):
    """The TOC (schema, segments, generation) of a generation, the newest by default."""
    return whoosh_index.TOC.read(storage, indexname, gen=generation)


def write_toc(storage: FileStorage, indexname: str, schema, segments: list[Segment], generation: int) -> None:
    """Write a TOC generation listing these segments (atomically: temp file, then rename)."""
    whoosh_index.TOC(schema, segments, generation).write(storage, indexname)


def segment_name(segment: Segment) -> str:
    """The prefix shared by all of a segment's files, e.g. ``articles_k3j…``."""
    return segment.segment_id()


def segment_files(storage: FileStorage, segment: Segment) -> list[str]:
    return list(segment.list_files(storage))


def segment_doc_count(segment: Segment) -> int:
    """Documents in a segment, deleted ones included."""
    return segment.doc_count_all()


def reader_over(storage: FileStorage, schema, segments: list[Segment], generation: int):
    """A reader over some of an index's segments (to answer without a damaged one)."""
    return whoosh_index.FileIndex._reader(storage, schema, list(segments), generation)


def clean_unlisted_files(storage: FileStorage, indexname: str, generation: int, segments: list[Segment]) -> None:
    """Delete segment files and old TOCs that the given generation does not list."""
    whoosh_index.clean_files(storage, indexname, generation, segments)


def reader_segment_name(reader) -> str | None:
    """The name of the one segment a leaf reader reads (``SegmentReader.segment()``);
    None for the reader of an empty index, which has none."""
    segment = reader.segment()
    return segment_name(segment) if segment is not None else None


def posting_doc_ids(reader, fieldname: str, term: bytes) -> Iterator[Sequence[int]]:
    """A term's document numbers in one segment, a block at a time.

    Whoosh's ``all_ids()`` yields them one by one through three method calls
    each; reading ``W3LeafMatcher``'s decoded block (``_read_ids``, ``_ids``,
    ``_i``, ``_next_block``) is several times faster for a word held by most
    articles.
    """
    for ids, in _posting_blocks(reader, fieldname, term, ()):
        yield ids


def posting_weights(reader, fieldname: str, term: bytes,
                    wanted: Wanted | None = None) -> Iterator[tuple[Sequence[int], Sequence[float]]]:
    """A term's postings in one segment, a block at a time: document numbers
    and their weights (``_read_weights``, ``_weights``: what ``weight()`` returns);
    only the ``wanted`` documents' when given."""
    yield from _posting_blocks(reader, fieldname, term, ("weight",), wanted)


def posting_positions(reader, fieldname: str, term: bytes,
                      wanted: Wanted | None = None) -> Iterator[tuple[Sequence[int], Sequence[float], Sequence[bytes]]]:
    """A term's postings in one segment, a block at a time: document numbers,
    their weights and their encoded values (``_read_values``, ``_values``;
    decode the positions of the documents wanted with ``positions_decoder``);
    only the ``wanted`` documents' when given."""
    yield from _posting_blocks(reader, fieldname, term, ("weight", "value"), wanted)


class Wanted:
    """The only documents of a segment whose postings are wanted. When they are
    few beside a term's postings, the blocks holding none of them are passed
    over unread (``W3LeafMatcher.block_max_id()`` comes from the block's header)."""

    def __init__(self, docnums: Collection[int], in_order: list[int] | None = None) -> None:
        self.docnums = docnums  #: anything ``in`` answers quickly for: a set, a dict
        self._in_order = in_order

    @property
    def in_order(self) -> list[int]:
        """Ascending (sorted only when blocks may be passed over)."""
        if self._in_order is None:
            self._in_order = sorted(self.docnums)
        return self._in_order


#: Blocks are passed over only when a term has this many times more postings than documents wanted.
_SKIP_RATIO = 8
#: A posting's part → W3LeafMatcher's decoded block of it, and the method that decodes it.
_BLOCK_PARTS = {"weight": ("_weights", "_read_weights"), "value": ("_values", "_read_values")}


def _posting_blocks(reader, fieldname: str, term: bytes, parts: tuple[str, ...],
                    wanted: Wanted | None = None) -> Iterator[tuple]:
    """Deleted documents (a ``FilterMatcher`` around the postings, ``_ids`` and
    ``_exclude``) are left out; any other matcher than ``W3LeafMatcher`` is
    read one posting at a time (its ``weight()``, ``value()``). A term read to
    its end leaves its blocks' directory behind (see values_at)."""
    matcher = reader.postings(fieldname, term)
    deleted: frozenset = frozenset()
    if type(matcher) is FilterMatcher and matcher._exclude:
        deleted, matcher = matcher._ids, matcher.child
    if type(matcher) is not whoosh3.W3LeafMatcher:
        block = _one_by_one(matcher, deleted, parts)
        yield _kept(block, wanted.docnums) if wanted is not None else block
        return
    matcher.reset()
    in_order = wanted.in_order if wanted is not None and \
        len(wanted.docnums) * _SKIP_RATIO < reader.doc_frequency(fieldname, term) else None
    passed, last = 0, -1  # wanted documents up to the last block's greatest id
    directory: tuple[list[int], list[int]] = ([], [matcher._baseoffset])  # each block's greatest id and place
    while matcher.is_active():
        directory[0].append(matcher.block_max_id())
        directory[1].append(matcher._nextoffset)
        if in_order is not None:
            passed = bisect_right(in_order, last, passed)
            if passed == len(in_order):
                return
            last = matcher.block_max_id()
            if in_order[passed] > last:
                matcher._next_block()
                continue
        block = _decoded_block(matcher, parts, None if wanted is None else wanted.docnums)
        if deleted:
            block = _kept(block, set(block[0]) - deleted)
        yield block
        matcher._next_block()
    if len(directory[0]) > 1:
        _directories(reader)[(fieldname, term)] = directory


#: Terms whose block directory a segment's reader keeps (then it starts again).
_DIRECTORY_TERMS = 4096


def _directories(reader) -> dict[tuple[str, bytes], tuple[list[int], list[int]]]:
    """The block directories of a segment's terms read so far (an attribute of
    the reader: a segment never changes, and a new searcher has new readers)."""
    found = reader.__dict__.setdefault("_newsfind_block_directories", {})
    if len(found) >= _DIRECTORY_TERMS:
        found.clear()
    return found


def values_at(reader, fieldname: str, term: bytes, docnums: list[int]) -> dict[int, bytes]:
    """The term's encoded values (positions, characters) in those of the
    documents of a segment (ascending) that hold it: a page's snippets.

    Whoosh's ``skip_to`` reads every block header on the way (hundreds for a
    common word) and steps through a block a posting at a time; a term the
    search has read through has a directory of its blocks (``_goto`` a block's
    place, ``_read_ids``, ``_data``), so only the blocks holding the documents are read."""
    directory = _directories(reader).get((fieldname, term))
    if directory is None:
        found: dict[int, bytes] = {}
        for ids, values in _posting_blocks(reader, fieldname, term, ("value",), Wanted(set(docnums), docnums)):
            found.update(zip(ids, values))
        return found
    matcher = reader.postings(fieldname, term)
    deleted = matcher._ids if type(matcher) is FilterMatcher and matcher._exclude else frozenset()
    matcher = matcher.child if type(matcher) is FilterMatcher else matcher
    greatest, places = directory
    found, current = {}, -1
    for docnum in docnums:
        block = bisect_left(greatest, docnum)
        if block == len(greatest):
            break
        if block != current:
            matcher._goto(places[block])
            matcher._read_ids()
            current = block
        at = bisect_left(matcher._ids, docnum)
        if at < len(matcher._ids) and matcher._ids[at] == docnum and docnum not in deleted:
            found[docnum] = _value_at(matcher, at)
    return found


def _value_at(matcher, at: int) -> bytes:
    """One posting's value in the current block (joined values: one slice)."""
    values = matcher._data[2]
    if type(values) is not list:
        matcher._read_values()
        return matcher._values[at]
    joined, lengths = values
    starts, ends = _joined_spans(lengths)
    return joined[starts[at]:ends[at]]


def _decoded_block(matcher, parts: tuple[str, ...], wanted: Collection[int] | None) -> tuple:
    """The current block's ids and parts, from its current posting on (only
    the wanted documents'); of values stored joined only those kept are sliced."""
    if matcher._ids is None:
        matcher._read_ids()
    at = matcher._i
    ids = matcher._ids[at:]
    keep = None if wanted is None else list(map(wanted.__contains__, ids))
    block = [ids if keep is None else list(compress(ids, keep))]
    for part in parts:
        attribute, read = _BLOCK_PARTS[part]
        if part == "value" and getattr(matcher, attribute) is None and keep is not None:
            block.append(_joined_values_at(matcher, at, keep))
            continue
        if getattr(matcher, attribute) is None:
            getattr(matcher, read)()
        column = getattr(matcher, attribute)[at:]
        block.append(column if keep is None else list(compress(column, keep)))
    return tuple(block)


def _joined_values_at(matcher, at: int, keep: list[bool]) -> list[bytes]:
    """The kept postings' values, sliced from a block's joined values
    (``_data[2]`` as _joined_values writes it) without splitting the rest."""
    if matcher._data is None:
        matcher._read_data()
    values = matcher._data[2]
    if type(values) is not list:
        matcher._read_values()
        return list(compress(matcher._values[at:], keep))
    joined, lengths = values
    starts, ends = _joined_spans(lengths)
    return [joined[start:end] for start, end in compress(zip(starts[at:], ends[at:]), keep)]


def _kept(block: tuple, docnums: Collection[int]) -> tuple:
    keep = list(map(docnums.__contains__, block[0]))
    return tuple(list(compress(column, keep)) for column in block)


def _one_by_one(matcher, deleted: frozenset, parts: tuple[str, ...]) -> tuple[list, ...]:
    block: tuple[list, ...] = tuple([] for _ in range(1 + len(parts)))
    while matcher.is_active():
        if matcher.id() not in deleted:
            block[0].append(matcher.id())
            for column, part in zip(block[1:], parts):
                column.append(getattr(matcher, part)())
        matcher.next()
    return block


def positions_decoder(fmt) -> Callable[[bytes], list[int]]:
    """The format's ``decode_positions``, without its copies and loop, for
    ``formats.Positions`` and ``formats.Characters`` (2.7.5: a uint count, then
    a pickle, its final "." sometimes left off, of position deltas, or of
    (position, start, end) delta tuples). Other formats get their own."""
    if type(fmt) is formats.Positions:
        return lambda value: list(accumulate(_pickled_codes(value)))
    if type(fmt) is formats.Characters:
        return lambda value: list(accumulate(map(_FIRST, _pickled_codes(value))))
    return fmt.decode_positions


_FIRST = itemgetter(0)


def _pickled_codes(value: bytes) -> list:
    return pickle.loads(value[4:] if value.endswith(b".") else value[4:] + b".")


def field_length_bytes(reader, fieldname: str) -> bytes | None:
    """One field's length of every document of a segment (a leaf reader), one
    byte each as stored (``byte_to_length`` gives the length Whoosh scores
    with), read whole: ``doc_field_length`` reads one column entry per call.
    None when the segment has no such column (or the reader is not a segment's)."""
    perdoc = getattr(reader, "_perdoc", None)  # SegmentReader._perdoc: a W3PerDocReader
    return perdoc_length_bytes(perdoc, fieldname) if perdoc is not None else None


def perdoc_length_bytes(perdoc, fieldname: str) -> bytes | None:
    """``field_length_bytes`` from a per-document reader (``W3PerDocReader``:
    ``_cached_reader``, ``_lenfield``, ``LENGTHS_COLUMN``; a fixed-length "B"
    column's ``_dbfile``, ``_basepos``, ``_count``), also while its segment is written."""
    if type(perdoc) is not whoosh3.W3PerDocReader:
        return None
    column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
    if column is None:
        return None
    doccount = perdoc.doc_count_all()
    if getattr(column, "_typecode", None) == "B" and getattr(column, "_fixedlen", None) == 1:
        count = min(column._count, doccount)
        raw = bytes(column._dbfile.get(column._basepos, count)) if count else b""
    else:
        raw = bytes(column[docnum] for docnum in range(doccount))
    return raw + bytes(doccount - len(raw))  # trailing defaults (0) are not written


_TERM_ENTRY = struct.Struct("!ii")  #: filetables._lengths: key length, value length


def field_terms(reader, fieldname: str, cancelled: Callable[[], bool] = lambda: False,
                starting: bytes = b"") -> list[bytes] | None:
    """Every term of a field in one segment (a leaf reader), in order (only
    those that start with `starting`, found by the table's binary search).

    ``reader.lexicon()`` decodes each entry of the terms file through five
    generator levels and two file reads: 0.6 s for the 145,000 terms of a
    100,000-article index. This reads the field's entries a run at a time
    (``SegmentReader._terms``: a ``W3TermsReader``, whose ``_tindex`` is an
    ``OrderedHashReader`` of entries "key length, value length (!ii), key,
    value", keys "field number (ushort), term" in order, from
    ``closest_key_pos`` up to ``endofdata``). None for other readers, and
    when `cancelled()` says the answer is no longer wanted.
    """
    terms = getattr(reader, "_terms", None)
    if type(terms) is not whoosh3.W3TermsReader or type(terms._tindex) is not filetables.OrderedHashReader:
        return None
    if fieldname not in terms._fieldmap:
        return []
    table = terms._tindex
    field_prefix = terms._keycoder(fieldname, b"")
    prefix = field_prefix + starting
    start = table.closest_key_pos(prefix)
    if start is None:
        return []
    found: list[bytes] = []
    width, skip, head, unpack = len(prefix), len(field_prefix), _TERM_ENTRY.size, _TERM_ENTRY.unpack_from
    data, at = b"", 0  # the table from `start` on, as read so far
    while True:
        size = len(data)
        while at + head <= size:
            keylen, valuelen = unpack(data, at)
            key_end = at + head + keylen
            if key_end > size:
                break  # read on from this entry
            if data[at + head:at + head + width] != prefix:
                return found
            found.append(data[at + head + skip:key_end])
            at = key_end + valuelen
        if start + at >= table.endofdata:
            return found
        if cancelled():
            return None
        start, at = start + at, 0
        data = _run(table, start)


#: How much of the terms table is read at once: the words that start with a
#: few letters are a sliver of it (reading to its end each time copied
#: megabytes per segment for a prefix or a fuzzy word).
_RUN_BYTES = 1 << 18


def _run(table, start: int) -> bytes:
    """The terms table from `start` on: a run, or at least one whole entry."""
    keylen, valuelen = _TERM_ENTRY.unpack_from(table.dbfile.get(start, _TERM_ENTRY.size))
    size = max(_RUN_BYTES, _TERM_ENTRY.size + keylen + valuelen)
    return bytes(table.dbfile.get(start, min(size, table.endofdata - start)))


def plain_bm25f(weighting) -> bool:
    """Whether a weighting is BM25F with one B for every field (``_field_B``
    empty), the model newsfind.scoring computes."""
    return type(weighting) is BM25F and not weighting._field_B


# ------------------------------------------------------------------ patches


@dataclass
class Patch:
    """One Whoosh method replaced, and why; install_patches() installs them all."""

    owner: type
    name: str
    why: str
    replacement: Callable
    original: Callable | None = None

    def install(self) -> None:
        current = self.owner.__dict__[self.name]  # KeyError: the upgrade removed what this patches
        if current is not self.replacement:
            self.original = current
            setattr(self.owner, self.name, self.replacement)

    def remove(self) -> None:
        """Whoosh's own method again (the benchmark and the tests compare the two)."""
        if self.original is not None:
            setattr(self.owner, self.name, self.original)


def install_patches() -> None:
    """Install every patch (again: harmless)."""
    for patch in PATCHES:
        patch.install()


def _add_postings_with_lengths(self, schema, lengths, items):
    """``FieldWriter.add_postings`` with the segment's field lengths read whole,
    once per field, instead of one column lookup (a file read) per posting."""
    if lengths:
        lengths = _SegmentLengths(lengths)
    return _ADD_POSTINGS.original(self, schema, lengths, items)


#: byte → length as W3PerDocReader.doc_field_length returns it (a 0 byte gives
#: None; the postings writer treats None and 0 alike).
_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]
_UNREAD = object()
_NO_COLUMN = object()


class _SegmentLengths:
    """Stands in for the per-document reader (``W3PerDocReader``) given to add_postings."""

    def __init__(self, perdoc) -> None:
        self._perdoc = perdoc
        self._fields: dict = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._fields.get(fieldname, _UNREAD)
        if lengths is _UNREAD:
            lengths = self._fields[fieldname] = self._read(fieldname)
        if lengths is _NO_COLUMN:  # Whoosh would ask the disk again for every posting
            return default
        if lengths is None or not 0 <= docnum < len(lengths):
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        return lengths[docnum]

    def _read(self, fieldname: str):
        """The field's lengths, _NO_COLUMN, or None for a reader this does not know."""
        if type(self._perdoc) is not whoosh3.W3PerDocReader:
            return None
        raw = perdoc_length_bytes(self._perdoc, fieldname)
        return _NO_COLUMN if raw is None else [_LENGTHS[b] for b in raw]


def _and_not_find_first(self) -> None:
    """``AndNotMatcher._find_first``, skipping the second part forward as every later step does."""
    if self.a.is_active() and self.b.is_active():
        self._find_next()


_PEEK_BYTES = 1024


class _ViewFile(io.RawIOBase):
    """A read-only file over a memoryview (of the memory-mapped index file):
    what ``BufferFile`` reads through, without ``BytesIO``'s copy of it."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._at = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._at + size)
        data = bytes(self._view[self._at:end])
        self._at = max(self._at, end)
        return data

    def peek(self, size: int = 0) -> bytes:
        """What follows, not consumed: the unpickler reads ahead with it (a block
        header is a small pickle: a little is enough, and saves ~20 reads a header)."""
        return bytes(self._view[self._at:self._at + min(max(size, 1), _PEEK_BYTES)])

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._at + size)
        newline = bytes(self._view[self._at:end]).find(b"\n")
        return self.read(newline + 1 if newline >= 0 else end - self._at)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._at, io.SEEK_END: len(self._view)}[whence]
        self._at = max(0, base + offset)
        return self._at

    def tell(self) -> int:
        return self._at


def _buffer_file_init(self, buf, name=None, onclose=None) -> None:
    """``BufferFile.__init__`` reading `buf` in place (``self.file``, ``_buf``,
    ``_name``, ``onclose``, ``is_real``, ``is_closed`` as 2.7.5 sets them)."""
    self._buf = buf
    self._name = name
    self.file = _ViewFile(memoryview(buf))
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def _joined_values(self):
    """``W3PostingsWriter._mini_values`` for values of varying size (positions,
    character offsets): one string of them all and one of their lengths, in a
    list, instead of a tuple of one string per posting, which unpickling made
    into 128 objects a block, needed or not: scoring reads only ids and weights."""
    fixed = self._format.fixed_value_size()
    if fixed is not None and fixed >= 0:
        return _JOINED_WRITE.original(self)
    values = self._values
    return [b"".join(values), array("I", map(len, values)).tobytes()]


def _read_joined_values(self) -> None:
    """``W3LeafMatcher._read_values`` that also reads what _joined_values wrote
    (``_data``: ids, weights, values; ``_values``: one string per posting)."""
    if self._data is None:
        self._read_data()
    values = self._data[2]
    if type(values) is not list:
        return _JOINED_READ.original(self)
    joined, lengths = values
    self._values = tuple(map(joined.__getitem__, map(slice, *_joined_spans(lengths))))


def _joined_spans(lengths: bytes) -> tuple[list[int], list[int]]:
    """Where each posting's value starts and ends in a block's joined values."""
    ends = list(accumulate(array("I", lengths)))
    return [0] + ends[:-1], ends


_ADD_POSTINGS = Patch(
    base.FieldWriter, "add_postings",
    "a segment's postings looked each document's field length up once per posting (about 240 "
    "column reads per article); read whole once per field, writing a segment takes 9% less "
    "(bench/whoosh_patches.py, 1,500 articles: 6.18 against 6.76 s CPU, 2026-12-02)",
    _add_postings_with_lengths)
_AND_NOT = Patch(
    AndNotMatcher, "_find_first",
    "left out the first document of its first part only when the second part started on that "
    "very document: `police ANDNOT state` over 600 articles in 7 segments kept 3 articles "
    "holding \"state\"",
    _and_not_find_first)
_NO_COPY = Patch(
    BufferFile, "__init__",
    "each file of a segment (the compound .seg file is memory-mapped) was read through a BytesIO "
    "holding a copy of it: the index twice in memory",
    _buffer_file_init)
_JOINED_WRITE = Patch(
    whoosh3.W3PostingsWriter, "_mini_values",
    "a block of postings kept each posting's positions as a string of its own in the pickle: "
    "decoding a common word's blocks (most of the time of a search) took 3 times longer "
    "than with one string for the block, and the postings were 40% larger",
    _joined_values)
_JOINED_READ = Patch(
    whoosh3.W3LeafMatcher, "_read_values",
    "reads the values _JOINED_WRITE writes (indexes of schema 3 on)",
    _read_joined_values)
PATCHES = (_ADD_POSTINGS, _AND_NOT, _NO_COPY, _JOINED_WRITE, _JOINED_READ)


def column_values(reader, fieldname: str) -> list:
    """Every document's value of a column in one segment (a leaf reader), in
    order, as stored (untranslated: the bytes of a ``fields.COLUMN``).

    Iterating a ``VarBytesColumn`` reads each value through a file call; this
    reads the column's data once (``VarBytesColumn.Reader``: ``_dbfile``,
    ``_basepos``, ``_lengths``, values stored one after another) and slices it.
    Other columns are iterated as Whoosh iterates them.
    """
    column = reader.column_reader(fieldname, translate=False)
    if type(column) is not columns.VarBytesColumn.Reader:
        return list(column)
    lengths = column._lengths
    data = bytes(column._dbfile.get(column._basepos, sum(lengths)))
    starts = accumulate(lengths, initial=0)
    return [data[start:start + length] for start, length in zip(starts, lengths)]
