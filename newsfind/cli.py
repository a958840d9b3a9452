"""The `newsfind` command: index, search, show, cite, export and saved searches from a terminal.

With no arguments it opens the desktop app. Every command calls the same core
as the window does; errors a user can fix are one line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TextIO, TypeVar

from newsfind import __version__
from newsfind.archive import Article, display_path
from newsfind.cite import DATA_STYLES, STYLES, CiteSource, cite
from newsfind.export import EXPORT_FORMATS, EXPORT_PAGE, REFERENCE_FORMATS, ExportOutcome, ExportRequest, render_export
from newsfind.index_store import IndexDamagedError, index_exists
from newsfind.locations import default_index_dir
from newsfind.search import SORTS, ArchiveSearcher, Hit, QueryError, SearchResult
from newsfind.similar_query import liked_path
from newsfind.snippets import replace_marks
from newsfind.timeline import UNITS, Timeline, build_timeline
from newsfind.wording import plural

if TYPE_CHECKING:
    from newsfind.index import IndexReport

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
SAVED_ACTIONS = ("add", "list", "run", "new", "seen", "remove")


class CommandError(Exception):
    """A failure to report in one line, with its exit status."""

    def __init__(self, message: str, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsfind", description="Keyword search for offline archives of news articles. "
        "Run without a command to open the desktop app.")
    parser.add_argument("--version", action="version", version=f"newsfind {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    index_cmd = commands.add_parser("index", help="build or update the index of an archive folder")
    index_cmd.add_argument("archive", type=Path, help="the folder of article .txt files")
    _with_index(index_cmd)
    _add_reading_commands(commands)
    _add_citing_commands(commands)
    _add_saved_command(commands)
    _add_concordance_command(commands)
    _add_trends_command(commands)
    work = commands.add_parser("work", help="your marks, notes and saved searches: export them to a file, "
                               "or import (merge) one")
    work.add_argument("action", choices=("export", "import"))
    work.add_argument("file", type=Path)
    return parser


def _add_reading_commands(commands) -> None:
    """search, show, timeline."""
    search_cmd = commands.add_parser("search", help="search an archive")
    search_cmd.add_argument("query", help='words, "phrases", OR, NOT, prefix*, fuzzy~, =exact (accents count), '
                            'title:…, date:[2019 TO 2020]')
    _with_archive(search_cmd)
    search_cmd.add_argument("--limit", type=_positive_int, default=10, help="hits to show (default 10)")
    search_cmd.add_argument("--page", type=_positive_int, default=1)
    search_cmd.add_argument("--sort", choices=SORTS, default="relevance")
    _with_dates(search_cmd)
    search_cmd.add_argument("--collapse", action="store_true",
                            help="list each wire-copy family once, by its earliest matching copy (+ N copies)")
    search_cmd.add_argument("--json", action="store_true", help="one JSON object on stdout")

    families_cmd = commands.add_parser("families", help="the archive's wire-copy families: articles that are "
                                       "lightly edited copies of one story")
    _with_archive(families_cmd)
    families_cmd.add_argument("--min-size", type=_positive_int, default=2, help="smallest family to list (default 2)")
    families_cmd.add_argument("--json", action="store_true", help="one JSON object on stdout")

    show_cmd = commands.add_parser("show", help="print an article (its body after a header and a blank line)")
    show_cmd.add_argument("id")
    _with_archive(show_cmd)

    timeline_cmd = commands.add_parser("timeline", help="how many matching articles per day, week, month or year")
    timeline_cmd.add_argument("query")
    _with_archive(timeline_cmd)
    timeline_cmd.add_argument("--by", choices=UNITS, help="bucket size (default: chosen by the span of the hits)")
    _with_dates(timeline_cmd)
    timeline_cmd.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_citing_commands(commands) -> None:
    """cite, export."""
    cite_cmd = commands.add_parser("cite", help="print a passage with its citation, as the clipboard gets it")
    cite_cmd.add_argument("id")
    _with_archive(cite_cmd)
    cite_cmd.add_argument("--style", choices=STYLES, default="plain")
    cite_cmd.add_argument("--start", type=int, help="first character of the passage in the body as `show` prints it")
    cite_cmd.add_argument("--end", type=int, help="character after the passage")
    _with_citation_source(cite_cmd)
    cite_cmd.add_argument("--join-paragraphs", action="store_true", help="join a passage's paragraphs into one")

    export_cmd = commands.add_parser("export", help="write every result of a query as a table or for a reference "
                                     "manager (CSL-JSON, RIS, BibTeX)")
    export_cmd.add_argument("query")
    _with_archive(export_cmd)
    export_cmd.add_argument("--format", choices=EXPORT_FORMATS, default="csv")
    export_cmd.add_argument("--out", type=Path, help="the file to write (default: standard output)")
    export_cmd.add_argument("--sort", choices=SORTS, default="relevance")
    export_cmd.add_argument("--style", choices=[s for s in STYLES if s not in DATA_STYLES], default="plain",
                            help="the citation style of a review log (review-csv, review-markdown)")
    _with_dates(export_cmd)
    _with_citation_source(export_cmd)


def _add_saved_command(commands) -> None:
    saved = commands.add_parser("saved", help="saved searches: add, list, run, what is new in them, remove")
    saved.add_argument("action", choices=SAVED_ACTIONS)
    saved.add_argument("name", nargs="?", help="the saved search's name (all but list)")
    saved.add_argument("query", nargs="?", help="the query to save (add)")
    saved.add_argument("--archive", type=Path, action="append", default=[],
                       help="an archive folder the search covers (add; repeat for several)")
    _with_dates(saved)
    saved.add_argument("--sort", choices=SORTS, default="relevance")
    saved.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_trends_command(commands) -> None:
    trends = commands.add_parser("trends", help="how many articles match each query of a list, per month or year")
    trends.add_argument("file", type=Path, help="the list: one query per line (names, \"phrases\", OR-groups); "
                        "# starts a comment; - reads standard input")
    trends.add_argument("--archive", type=Path, action="append", required=True,
                        help="an archive folder (repeat for several: counted together)")
    _with_index(trends)
    trends.add_argument("--by", choices=("month", "year"),
                        help="period (default: by month when the articles span up to 120 months, else by year)")
    trends.add_argument("--normalise", "--normalize", dest="normalise", action="store_true",
                        help="the share of each period's articles that match, in percent, instead of counts")
    trends.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _add_concordance_command(commands) -> None:
    conc = commands.add_parser("concordance", help="every occurrence of a query in its context, one line each, "
                               "oldest first")
    conc.add_argument("query")
    _with_archive(conc)
    conc.add_argument("--context", type=_positive_int, default=60, metavar="N",
                      help="characters of context on each side (default 60, cut to whole words)")
    conc.add_argument("--sort", choices=("date", "left", "right"), default="date",
                      help="oldest first (the default; undated last), or by the words before or after the match")
    conc.add_argument("--json", action="store_true", help="one JSON object on stdout")
    conc.add_argument("--format", choices=("text", "csv", "markdown"), default="text",
                      help="CSV or a Markdown table, each line with its citation")
    conc.add_argument("--style", choices=[s for s in STYLES if s not in DATA_STYLES], default="plain",
                      help="the citations' style (csv, markdown)")
    conc.add_argument("--out", type=Path, help="the file to write (csv, markdown; default: standard output)")
    _with_citation_source(conc)


def _with_index(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--index-dir", type=Path, help="where the index is kept (default: per user, per archive)")


def _with_archive(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--archive", type=Path, required=True)
    _with_index(sub)


def _with_dates(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    sub.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")


def _with_citation_source(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--publication", help="the archive's publication name")
    sub.add_argument("--no-bylines", dest="bylines", action="store_false",
                     help="do not take authors from the articles' \"By …\" lines")


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status: 0 done (also when the reader of the output, `head` say, stopped early),
    1 failed, 2 a usage or query error, 130 interrupted (Ctrl-C). Errors are one line on stderr."""
    if getattr(sys, "frozen", False):  # the packaged app: its worker processes start here too
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "--self-test":
        from newsfind.gui.selftest import run_self_test

        return run_self_test()
    folders = [arg for arg in args if not arg.startswith("-psn_")]  # macOS Finder passes -psn_…
    if not folders or (args[0] not in COMMANDS and all(os.path.isdir(arg) for arg in folders)):
        from newsfind.gui.app import run_gui

        return run_gui(folders)  # a file manager or menu entry may pass archive folders
    try:
        return _run_command(args)
    except BrokenPipeError:  # `newsfind search … | head -1`: the reader has all it wanted
        _discard_output()
        return EXIT_OK
    except KeyboardInterrupt:
        _discard_output()  # what is still buffered would block on a full pipe, or break on a closed one
        print("newsfind: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run_command(args: list[str]) -> int:
    """Parse and run a command; its output is flushed here so a closed pipe shows up inside main."""
    parser = build_parser()
    try:
        options = parser.parse_args(args)
    except SystemExit:  # --help, --version or a usage error: argparse has printed it
        sys.stdout.flush()
        raise
    if options.command is None:
        parser.print_help()
        sys.stdout.flush()
        return EXIT_OK
    try:
        status = COMMANDS[options.command](options, sys.stdout)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        raise  # an OSError, but no failure: main ends quietly
    except CommandError as error:
        print(f"newsfind: {error}", file=sys.stderr)
        return error.status
    except OSError as error:  # a folder or index that cannot be read, say
        where = f": {display_path(os.fsdecode(error.filename))}" if error.filename else ""
        print(f"newsfind: {error.strerror or error}{where}", file=sys.stderr)
        return EXIT_FAILED


def _discard_output() -> None:
    """Point stdout at the null device, so the interpreter's last flush neither fails nor blocks
    (Python documentation, signal module: "Note on SIGPIPE")."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


# ---------------------------------------------------------------- commands


def run_index(options: argparse.Namespace, out: TextIO) -> int:
    """Exit status 0 when the index holds the archive (skipped files are no failure),
    1 when the run failed or its check found the index short, 130 when interrupted."""
    archive = _archive_folder(options.archive)
    report = _update(archive, options.index_dir)
    print(format_report(report), file=out)
    if report.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_OK if report.ok else EXIT_FAILED


def run_search(options: argparse.Namespace, out: TextIO) -> int:
    def search(searcher: ArchiveSearcher) -> SearchResult:
        liked = liked_path(options.query)
        if liked is not None:  # like:"path": the articles most like that one (as More Like This)
            article_id = searcher.article_id_at(liked)
            if article_id is None:
                raise QueryError(f"this archive has no article at “{liked}”")
            return searcher.more_like_this(article_id, limit=options.limit)
        return searcher.search(options.query, page=options.page, page_size=options.limit, sort=options.sort,
                               date_from=options.date_from, date_to=options.date_to, collapse=options.collapse)

    try:
        result = _with_searcher(options, search)
    except QueryError as error:
        raise CommandError(f"query error: {error}", EXIT_USAGE) from error
    for notice in result.notes + result.notices:
        print(f"newsfind: note: {notice}", file=sys.stderr)
    if options.json:
        json.dump(result_as_json(result), out, ensure_ascii=False)
        out.write("\n")
    else:
        print(format_result(result, color=out.isatty()), file=out)
    return EXIT_OK


def run_show(options: argparse.Namespace, out: TextIO) -> int:
    article = _with_searcher(options, lambda searcher: _article(searcher, options.id))
    date = article.date.isoformat() if article.date else "undated"
    out.write(f"Title: {article.title}\nDate: {date}\nPath: {article.path}\nId: {article.id}\n\n{article.body}")
    if not article.body.endswith("\n"):
        out.write("\n")
    return EXIT_OK


def run_cite(options: argparse.Namespace, out: TextIO) -> int:
    if (options.start is None) != (options.end is None):
        raise CommandError("give both --start and --end (or neither, for the citation alone)", EXIT_USAGE)
    article, source = _with_searcher(options, lambda searcher: (
        _article(searcher, options.id),
        _cite_source(searcher, options)))
    try:
        citation = cite(article, options.start, options.end, options.style, source=source,
                        join_paragraphs=options.join_paragraphs)
    except ValueError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    out.write(citation.text)
    if not citation.text.endswith("\n"):
        out.write("\n")
    return EXIT_OK


def run_export(options: argparse.Namespace, out: TextIO) -> int:
    def export(searcher: ArchiveSearcher) -> tuple[str, ExportOutcome]:
        hits = _all_hits(searcher, options)
        request = ExportRequest(hits, os.fspath(options.out or "-"), options.format,
                                sources={searcher.archive_root: _cite_source(searcher, options)},
                                cite_style=options.style)
        return render_export(request, lambda hit: _article_or_none(searcher, hit.id), _store_marks)

    try:
        text, outcome = _with_searcher(options, export)
    except QueryError as error:
        raise CommandError(f"query error: {error}", EXIT_USAGE) from error
    for path in outcome.unreadable:
        print(f"newsfind: note: left out {path}: no longer in the index", file=sys.stderr)
    if options.out is None:
        out.write(text)
    else:
        options.out.write_text(text, encoding="utf-8", newline="")
        print(f"newsfind: wrote {plural(outcome.written, 'result')} to {options.out}", file=sys.stderr)
    return EXIT_OK


def _all_hits(searcher: ArchiveSearcher, options: argparse.Namespace) -> list[Hit]:
    """Every hit of the query, page by page, in the order asked."""
    hits: list[Hit] = []
    page = 1
    while True:
        result = searcher.search(options.query, page=page, page_size=EXPORT_PAGE, sort=options.sort,
                                 date_from=options.date_from, date_to=options.date_to,
                                 snippets=options.format not in REFERENCE_FORMATS)
        hits.extend(result.hits)
        if len(hits) >= result.total or not result.hits:
            return hits
        page += 1


def _cite_source(searcher: ArchiveSearcher, options: argparse.Namespace) -> CiteSource:
    return CiteSource(archive_root=searcher.archive_root or None, publication=options.publication,
                      bylines=options.bylines)


def _article_or_none(searcher: ArchiveSearcher, article_id: str) -> Article | None:
    try:
        return searcher.article(article_id)
    except KeyError:
        return None


def run_families(options: argparse.Namespace, out: TextIO) -> int:
    from newsfind.cli_families import run_families as run

    return run(options, out, _with_searcher)


def run_saved(options: argparse.Namespace, out: TextIO) -> int:
    from newsfind.cli_saved import run_saved as run  # (sqlite3 and the rest only for this command)

    return run(options, out)


def run_concordance(options: argparse.Namespace, out: TextIO) -> int:
    from newsfind.cli_concordance import run_concordance as run  # (only for this command)

    return run(options, out)


def run_trends(options: argparse.Namespace, out: TextIO) -> int:
    from newsfind.cli_trends import run_trends as run  # (only for this command)

    return run(options, out)


def run_work(options: argparse.Namespace, out: TextIO) -> int:
    from newsfind.work_backup import WorkFileError, export_work, import_work
    from newsfind.work_store import WorkStore

    with WorkStore() as store:
        if store.problem:
            print(f"newsfind: {store.problem}", file=sys.stderr)
        try:
            summary = (export_work if options.action == "export" else import_work)(store, options.file)
        except WorkFileError as error:
            raise CommandError(str(error)) from error
    done = "Exported" if options.action == "export" else "Imported"
    print(f"{done} {summary.text()} ({options.file}).", file=out)
    return EXIT_OK


def run_timeline(options: argparse.Namespace, out: TextIO) -> int:
    try:
        counts = _with_searcher(options, lambda searcher: searcher.date_counts(
            options.query, options.date_from, options.date_to))
    except QueryError as error:
        raise CommandError(f"query error: {error}", EXIT_USAGE) from error
    timeline = build_timeline(counts, options.by)
    if options.json:
        json.dump(timeline_as_json(options.query, timeline), out, ensure_ascii=False)
        out.write("\n")
    else:
        print(format_timeline(options.query, timeline), file=out)
    return EXIT_OK


COMMANDS = {"index": run_index, "search": run_search, "show": run_show, "cite": run_cite, "export": run_export,
            "timeline": run_timeline, "saved": run_saved, "families": run_families, "work": run_work,
            "trends": run_trends, "concordance": run_concordance}


# ----------------------------------------------------------------- helpers


def _archive_folder(path: Path) -> Path:
    if not path.exists():
        raise CommandError(f"no such folder: {path}")
    if not path.is_dir():
        raise CommandError(f"not a folder: {path} (give the folder that holds the article files)")
    return path.resolve()


def _update(archive: Path, index_dir: Path | None) -> IndexReport:
    """Index with a progress bar; the first Ctrl-C stops after committing what was done."""
    from newsfind.index import update_index  # here: the indexer's modules are not needed to search

    progress = TerminalProgress(sys.stderr) if sys.stderr.isatty() else None
    stop = _StopOnInterrupt()
    try:
        with stop:
            return update_index(archive, index_dir, progress=progress, cancelled=stop.requested.is_set)
    finally:
        if progress:
            progress.finish()


class _StopOnInterrupt:
    """The first Ctrl-C asks the indexer to stop (it commits what it did); a second one stops at once."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self._previous = None

    def __enter__(self) -> "_StopOnInterrupt":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._interrupted)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _interrupted(self, signum: int, frame: object) -> None:
        if self.requested.is_set():
            raise KeyboardInterrupt
        self.requested.set()
        print("\nnewsfind: stopping after the current batch (press Ctrl-C again to stop at once)…",
              file=sys.stderr)


_Answer = TypeVar("_Answer")


def _with_searcher(options: argparse.Namespace, action: Callable[[ArchiveSearcher], _Answer]) -> _Answer:
    """Run action on the archive's searcher, indexing first if there is no index yet,
    and repairing the index (then trying again once) if it is damaged."""
    archive = _archive_folder(options.archive)
    index_dir = options.index_dir or default_index_dir(archive)
    if not index_exists(index_dir):
        print(f"newsfind: indexing {archive} first (once)…", file=sys.stderr)
        _index_for_search(archive, index_dir)
    try:
        with ArchiveSearcher(index_dir, archive_root=str(archive)) as searcher:
            searcher.marks = _marks_of(str(archive))
            answer = action(searcher)
            if not searcher.damaged:
                return answer
            print(f"newsfind: part of the index of {archive} is damaged; repairing it now…", file=sys.stderr)
    except IndexDamagedError as error:
        print(f"newsfind: {error}; repairing it now…", file=sys.stderr)
    _index_for_search(archive, index_dir)
    try:
        with ArchiveSearcher(index_dir, archive_root=str(archive)) as searcher:
            searcher.marks = _marks_of(str(archive))
            return action(searcher)
    except IndexDamagedError as error:
        raise CommandError(str(error)) from error


def _store_marks(places: list[tuple[str, str]]) -> dict:
    """The user's marks at these places (for a review log)."""
    from newsfind.marks import marks_at
    from newsfind.work_store import WorkStore

    with WorkStore() as store:
        return marks_at(store, places)


def _marks_of(archive: str):
    """The user's marks in archive, for is: and tag: (the store is opened only if a query asks)."""
    def paths(kind: str, tag: str) -> set[str]:
        from newsfind.marks import paths_marked
        from newsfind.work_store import WorkStore

        with WorkStore() as store:
            if store.problem:
                print(f"newsfind: {store.problem}", file=sys.stderr)
            return paths_marked(store, archive, kind, tag)
    return paths


def _index_for_search(archive: Path, index_dir: Path) -> None:
    report = _update(archive, index_dir)
    print(report.summary(), file=sys.stderr)
    if report.cancelled:
        raise KeyboardInterrupt
    if not index_exists(index_dir):
        raise CommandError(f"cannot search {archive}: {report.failure or 'it could not be indexed'}")


def _article(searcher: ArchiveSearcher, article_id: str):
    try:
        return searcher.article(article_id)
    except KeyError as error:
        raise CommandError(f"no article with id {article_id!r} in this archive's index "
                           "(ids are shown by `newsfind search`)") from error


def result_as_json(result: SearchResult) -> dict:
    return {
        "query": result.query,
        "total": result.total,
        **({"stories": result.stories} if result.stories is not None else {}),
        "page": result.page,
        "suggestion": result.suggestion,
        "notices": result.notices,
        "notes": result.notes,
        "hits": [hit_as_json(hit) for hit in result.hits],
    }


def hit_as_json(hit: Hit) -> dict:
    found = {"id": hit.id, "path": hit.path, "title": hit.title,
             "date": hit.date.isoformat() if hit.date else None, "score": round(hit.score, 4), "snippet": hit.snippet}
    if hit.copies:
        found["copies"] = hit.copies
    return found


def timeline_as_json(query: str, timeline: Timeline) -> dict:
    return {
        "query": query,
        "unit": timeline.unit,
        "total": timeline.total,
        "undated": timeline.undated,
        "buckets": [{"start": b.start.isoformat(), "end": b.end.isoformat(), "label": b.label(timeline.unit),
                     "count": b.count} for b in timeline.buckets],
    }


def _articles_match(count: int) -> str:
    return "1 article matches" if count == 1 else f"{count} articles match"


def format_timeline(query: str, timeline: Timeline, width: int = 50) -> str:
    lines = [f"{_articles_match(timeline.total)} {query!r}, by {timeline.unit}"
             + (f" ({timeline.undated} undated)" if timeline.undated else "")]
    peak = max((b.count for b in timeline.buckets), default=0)
    label_width = max((len(b.label(timeline.unit)) for b in timeline.buckets), default=0)
    for bucket in timeline.buckets:
        bar = "#" * (round(width * bucket.count / peak) if peak else 0)
        if bucket.count and not bar:
            bar = "."
        lines.append(f"{bucket.label(timeline.unit):>{label_width}} {bucket.count:>6} {bar}")
    return "\n".join(lines)


def snippet_as_text(snippet: str, color: bool) -> str:
    """The HTML snippet for a terminal: marks in reverse video, or **like this**."""
    return html.unescape(replace_marks(snippet, "\x1b[1;7m", "\x1b[0m") if color else replace_marks(snippet, "**", "**"))


def format_result(result: SearchResult, color: bool = False) -> str:
    if result.total == 0:
        text = f"No articles match {result.query!r}."
        if result.suggestion:
            text += f" Did you mean: {result.suggestion}"
        return text
    first = (result.page - 1) * result.page_size + 1
    stories = f" in {plural(result.stories, 'story', 'stories')}" if result.stories is not None else ""
    lines = [f"{_articles_match(result.total)}{stories} {result.query!r} "
             f"(showing {first}-{first + len(result.hits) - 1}, {result.seconds * 1000:.0f} ms)", ""]
    for number, hit in enumerate(result.hits, start=first):
        date = hit.date.isoformat() if hit.date else "undated"
        copies = f"  (+ {plural(hit.copies, 'copy', 'copies')})" if hit.copies else ""
        lines.append(f"{number}. {hit.title or hit.path}{copies}")
        lines.append(f"   {date}  {hit.path}  [id {hit.id}]")
        lines.append(f"   {snippet_as_text(hit.snippet, color)}")
        lines.append("")
    return "\n".join(lines).rstrip()


def format_report(report: IndexReport) -> str:
    lines = [report.summary() + f" ({report.seconds:.1f} s).", f"Index: {report.index_dir}"]
    if report.check is not None:
        lines.append(f"Checked: the index holds {plural(report.check.documents, 'article')} of this archive"
                     + ("." if report.check.ok else f"; {report.check.summary()}."))
    lines.extend(f"Repaired: {repair}" for repair in report.repairs)
    for title, problems in (("Skipped", report.skipped), ("Read with warnings", report.degraded)):
        if problems:
            lines.append(f"\n{title} ({len(problems)}):")
            lines.extend(f"  {problem.path}: {problem.reason}" for problem in sorted(problems, key=lambda p: p.path))
    return "\n".join(lines)


class TerminalProgress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0
        self._width = max(10, min(40, os.get_terminal_size(stream.fileno()).columns - 40))

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        filled = self._width * done // total if total else self._width
        self._stream.write(f"\r[{'#' * filled}{'.' * (self._width - filled)}] {done}/{total} files")
        self._stream.flush()

    def finish(self) -> None:
        self._stream.write("\n")
        self._stream.flush()


if __name__ == "__main__":
    sys.exit(main())
