"""Small, measured fixes to Whoosh internals, applied on import.

Whoosh asks the file system whether a column file exists once per posting
when it writes a segment, and never remembers a "no": the spelling field has
no length column, so indexing stat()ed the disk about once per word of every
article (a quarter of the indexing time on the newsarticles corpus).
"""

from whoosh.codec import whoosh3

_MISSING = object()


def _cached_reader(self, fieldname, column):
    reader = self._readers.get(fieldname, _MISSING)
    if reader is _MISSING:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
    return reader


whoosh3.W3PerDocReader._cached_reader = _cached_reader
