"""One worker thread's searchers of the open archives.

A searcher is not thread-safe, so each worker (the concordance's, the
trends') keeps its own: opened on first need, with the user's marks (is:,
tag:) read from the thread's own work store, and closed when its archive is.
"""

from __future__ import annotations

from newsfind import index as news_index
from newsfind.marks import mark_source
from newsfind.search import ArchiveSearcher
from newsfind.work_store import ThreadStore

from newsfind.gui.search_messages import ArchiveSpec


class ArchiveSearchers:
    def __init__(self) -> None:
        self._searchers: dict[str, ArchiveSearcher] = {}
        self._store = ThreadStore()  #: the user's marks, for is: and tag:

    def open(self, archives: list[ArchiveSpec]) -> tuple[list[ArchiveSearcher], list[str]]:
        """A searcher of each archive that has an index (in the order given), and the roots of those without."""
        wanted = {spec.root for spec in archives}
        for root in [root for root in self._searchers if root not in wanted]:
            self._searchers.pop(root).close()
        missing = []
        for spec in archives:
            if spec.root not in self._searchers:
                if not news_index.index_exists(spec.index_dir):
                    missing.append(spec.root)
                    continue
                searcher = ArchiveSearcher(spec.index_dir, archive_root=spec.root)
                searcher.marks = mark_source(self._store.get, spec.root)
                self._searchers[spec.root] = searcher
        return [self._searchers[spec.root] for spec in archives if spec.root in self._searchers], missing

    def get(self, root: str) -> ArchiveSearcher | None:
        """The searcher of an archive opened already (None: not open)."""
        return self._searchers.get(root)

    def close(self) -> None:
        for searcher in self._searchers.values():
            searcher.close()
        self._searchers.clear()
        self._store.close()
