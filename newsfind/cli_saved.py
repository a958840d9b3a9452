"""`newsfind saved …`: saved searches and what is new in them, from a terminal,
on the same store as the window's (work_store.py). Its arguments are declared in cli.py
(every call builds the parser; this module is imported only to run the command)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from newsfind.saved_runs import every_hit, key_reader
from newsfind.saved_searches import (
    SavedSearch, SavedSearchError, mark_seen, remove_search, save_search, saved_search, saved_searches, unseen,
)
from newsfind.search import ArchiveSearcher, Hit, QueryError
from newsfind.wording import plural
from newsfind.work_store import WorkStore

def run_saved(options: argparse.Namespace, out: TextIO) -> int:
    from newsfind.cli import EXIT_OK, EXIT_USAGE, CommandError

    if options.action != "list" and not options.name:
        raise CommandError(f"saved {options.action} needs the saved search's name", EXIT_USAGE)
    with WorkStore() as store:
        if store.problem:
            print(f"newsfind: {store.problem}", file=sys.stderr)
        try:
            _ACTIONS[options.action](store, options, out)
        except (SavedSearchError, QueryError) as error:
            raise CommandError(str(error), EXIT_USAGE) from error
    return EXIT_OK


def _add(store: WorkStore, options: argparse.Namespace, out: TextIO) -> None:
    from newsfind.cli import EXIT_USAGE, CommandError

    if not options.query or not options.archive:
        raise CommandError("saved add needs NAME QUERY and at least one --archive", EXIT_USAGE)
    search = SavedSearch(options.name, options.query, tuple(str(a) for a in options.archive),
                         options.date_from, options.date_to, options.sort)
    with _Searchers(search) as searchers:
        hits = searchers.every_hit(search)  # (a bad query is said now, not at the first run)
        search = save_search(store, search)
        mark_seen(store, search.name, [hit.place for hit in hits], searchers.key_of)
    print(f"Saved “{search.name}”: {plural(len(hits), 'article')} now; later ones will show as new.", file=out)


def _list(store: WorkStore, options: argparse.Namespace, out: TextIO) -> None:
    searches = saved_searches(store)
    if options.json:
        json.dump({"saved": [_search_json(search) for search in searches]}, out, ensure_ascii=False)
        out.write("\n")
        return
    for search in searches:
        dates = " ".join(part for part in (search.date_from and f"from {search.date_from}",
                                           search.date_to and f"to {search.date_to}") if part)
        print(f"{search.name}: {search.query}{'  ' + dates if dates else ''}  ({', '.join(search.archives)})", file=out)
    if not searches:
        print("No saved searches yet: newsfind saved add NAME QUERY --archive FOLDER", file=out)


def _chosen(store: WorkStore, options: argparse.Namespace) -> SavedSearch:
    """The saved search; --archive given to run, new or seen points it at those folders
    from now on (an archive moved: what it has shown is found there by its text)."""
    search = saved_search(store, options.name)
    if options.archive:
        search = save_search(store, replace(search, archives=tuple(str(a) for a in options.archive)), replace=True)
    return search


def _run(store: WorkStore, options: argparse.Namespace, out: TextIO, only_new: bool = False) -> None:
    from newsfind.cli import hit_as_json

    search = _chosen(store, options)
    with _Searchers(search) as searchers:
        hits = searchers.every_hit(search)
        new = set(unseen(store, search.name, [hit.place for hit in hits], searchers.key_of))
        shown = [hit for hit in hits if hit.place in new] if only_new else hits
    if options.json:
        json.dump({"name": search.name, "query": search.query, "total": len(hits), "new": len(new),
                   "hits": [dict(hit_as_json(hit), new=hit.place in new) for hit in shown]}, out, ensure_ascii=False)
        out.write("\n")
        return
    print(f"{search.name}: {plural(len(hits), 'article')}, {len(new)} new", file=out)
    for hit in sorted(shown, key=lambda hit: hit.place not in new):  # new ones first
        date = hit.date.isoformat() if hit.date else "undated"
        print(f"{'NEW ' if hit.place in new else '    '}{date}  {hit.title or hit.path}  [{hit.path}]", file=out)


def _seen(store: WorkStore, options: argparse.Namespace, out: TextIO) -> None:
    search = _chosen(store, options)
    with _Searchers(search) as searchers:
        hits = searchers.every_hit(search)
        count = mark_seen(store, search.name, [hit.place for hit in hits], searchers.key_of)
    print(f"Marked {plural(count, 'new article')} of “{search.name}” seen.", file=out)


def _remove(store: WorkStore, options: argparse.Namespace, out: TextIO) -> None:
    remove_search(store, options.name)
    print(f"Removed the saved search “{options.name}”.", file=out)


_ACTIONS = {"add": _add, "list": _list, "run": _run, "new": lambda *a: _run(*a, only_new=True),
            "seen": _seen, "remove": _remove}


class _Searchers(ExitStack):
    """A searcher on each archive of a saved search (indexed first where there is no index)."""

    def __init__(self, search: SavedSearch) -> None:
        super().__init__()
        self.search = search
        self.by_root: dict[str, ArchiveSearcher] = {}

    def __enter__(self) -> _Searchers:
        from newsfind.cli import CommandError, _archive_folder, _index_for_search, _marks_of
        from newsfind.index_store import index_exists
        from newsfind.locations import default_index_dir

        super().__enter__()
        for root in self.search.archives:
            if not os.path.isdir(root):
                raise CommandError(f"the archive folder {root} of “{self.search.name}” is not there; if it moved, "
                                   f"give its new place once: newsfind saved run NAME --archive NEW_FOLDER")
            archive = _archive_folder(Path(root))
            index_dir = default_index_dir(archive)
            if not index_exists(index_dir):
                _index_for_search(archive, index_dir)
            searcher = self.enter_context(ArchiveSearcher(index_dir, archive_root=str(archive)))
            searcher.marks = _marks_of(str(archive))  # (a saved search may keep to the user's marks: is:, tag:)
            self.by_root[os.path.abspath(archive)] = searcher
        self.key_of = key_reader(self.by_root)  #: the article at a place, read from its index
        return self

    def every_hit(self, search: SavedSearch) -> list[Hit]:
        return every_hit(self.by_root, search)


def _search_json(search: SavedSearch) -> dict:
    return {"name": search.name, "query": search.query, "archives": list(search.archives),
            "from": search.date_from, "to": search.date_to, "sort": search.sort}
