"""Small, measured fixes to Whoosh internals, applied on import.

1. Whoosh asks the file system whether a column file exists once per posting
   when it writes a segment, and never remembers a "no": the spelling field
   has no length column, so indexing stat()ed the disk about once per word of
   every article (a quarter of the indexing time on the newsarticles corpus).

2. When a segment's postings are written, Whoosh looks up the document's field
   length once per posting (``doc_field_length`` → column lookup → file read),
   about 240 lookups per article. While a segment is written its length
   columns are read once, whole, into a list per field; only the write path is
   patched (``FieldWriter.add_postings``), searching is unchanged. Measured
   alone on 20,000 articles: 46.6-50.5 s → 43.5-43.7 s (about −10%).

3. ``AndNotMatcher`` leaves out the first document of its first part only
   when the second part starts on that very document: ``police ANDNOT state``
   over 600 articles in 7 segments kept 3 articles holding "state" (one per
   segment where "state" starts earlier). Its first step now skips the second
   part forward, as every later step does.
"""

from whoosh.codec import base, whoosh3
from whoosh.matching.binary import AndNotMatcher
from whoosh.util.numeric import byte_to_length

_MISSING = object()
_NO_COLUMN = object()


def _cached_reader(self, fieldname, column):
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader

# byte → length as W3PerDocReader.doc_field_length returns it (a 0 byte gives
# None; the postings writer treats None and 0 alike).
_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]


def _segment_lengths(perdoc, fieldname):
    """One field's lengths for every document of a segment being written, or
    _NO_COLUMN, or None when the reader is not one this fast path knows."""
    from newsfind.whoosh_compat import perdoc_length_bytes  # that module imports this one

    if type(perdoc) is not whoosh3.W3PerDocReader:
        return None
    raw = perdoc_length_bytes(perdoc, fieldname)
    return _NO_COLUMN if raw is None else [_LENGTHS[b] for b in raw]


class _CachedLengths:
    """Stands in for the per-document reader passed to add_postings."""

    def __init__(self, perdoc) -> None:
        self._perdoc = perdoc
        self._fields: dict = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._fields.get(fieldname, _MISSING)
        if lengths is _MISSING:
            lengths = self._fields[fieldname] = _segment_lengths(self._perdoc, fieldname)
        if lengths is _NO_COLUMN:
            return default
        if lengths is None or not 0 <= docnum < len(lengths):
            return self._perdoc.doc_field_length(docnum, fieldname, default)
        return lengths[docnum]


_add_postings = base.FieldWriter.add_postings


def _add_postings_cached(self, schema, lengths, items):
    if lengths:
        lengths = _CachedLengths(lengths)
    return _add_postings(self, schema, lengths, items)


base.FieldWriter.add_postings = _add_postings_cached


def _find_first(self) -> None:
    if self.a.is_active() and self.b.is_active():
        self._find_next()


AndNotMatcher._find_first = _find_first
