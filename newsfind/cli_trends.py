"""`newsfind trends FILE`: how many articles match each query of a list, per month or year,
as a text table or JSON. Its arguments are declared in cli.py (this module is imported only
to run the command). The counting is newsfind.trends', as in the window's Trends window."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, TextIO

from newsfind.search import ArchiveSearcher
from newsfind.trends import (
    TermsFileError, TermsList, Trends, count_trends, format_value, read_terms, read_terms_file, trends_as_json,
)
from newsfind.wording import plural


def run_trends(options: argparse.Namespace, out: TextIO) -> int:
    """Exit status 0, or 2 when a line is not a valid query (said on stderr with its
    line number; the other terms are still counted and printed)."""
    from newsfind.cli import EXIT_OK, EXIT_USAGE, CommandError

    if options.index_dir and len(options.archive) > 1:
        raise CommandError("--index-dir goes with one --archive only", EXIT_USAGE)
    terms = _terms(options.file)
    for note in terms.notes:
        print(f"newsfind: {note}", file=sys.stderr)
    trends = _with_searchers(options, list(options.archive),
                             lambda searchers: count_trends(searchers, terms, options.by))
    for error in trends.errors:
        print(f"newsfind: {error}", file=sys.stderr)
    if options.json:
        json.dump(trends_as_json(trends, options.normalise), out, ensure_ascii=False)
        out.write("\n")
    else:
        print(format_trends(trends, options.normalise), file=out)
    return EXIT_USAGE if trends.errors else EXIT_OK


def _terms(path: Path) -> TermsList:
    """The list in the file ("-": standard input); an empty one is a usage error."""
    from newsfind.cli import EXIT_USAGE, CommandError

    try:
        terms = read_terms(sys.stdin.read()) if str(path) == "-" else read_terms_file(path)
    except TermsFileError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    if not terms.terms:
        raise CommandError(f"no terms in {path}: write one query per line (# starts a comment)", EXIT_USAGE)
    return terms


def _with_searchers(options: argparse.Namespace, archives: list[Path],
                    action: Callable[[list[ArchiveSearcher]], Trends]) -> Trends:
    """action on a searcher of each archive, each opened as every command opens one
    (indexed first when it has no index, repaired when damaged)."""
    from newsfind.cli import _with_searcher

    if not archives:
        return action([])
    one = argparse.Namespace(archive=archives[0], index_dir=options.index_dir)
    return _with_searcher(one, lambda first: _with_searchers(
        options, archives[1:], lambda others: action([first, *others])))


def format_trends(trends: Trends, normalised: bool) -> str:
    """A header line, then a column per term under its query, a row per period."""
    counted = trends.counted
    articles = sum(bucket.count for bucket in trends.periods) + trends.undated_articles
    shown = "share of each period's articles that match" if normalised else "articles that match"
    lines = [f"By {trends.unit}: {shown}, over {plural(articles, 'article')}."]
    if not counted:
        return lines[0]
    header = ["period", "articles", *(term.query for term in counted)]
    columns = [trends.values(term, normalised) for term in counted]
    rows = [[trends.key(n), str(bucket.count), *(format_value(values[n], normalised) for values in columns)]
            for n, bucket in enumerate(trends.periods)]
    if trends.undated_articles:
        rows.append(["undated", str(trends.undated_articles),
                     *(format_value(term.undated * 100.0 / trends.undated_articles if normalised else term.undated,
                                    normalised) for term in counted)])
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, *rows]:
        lines.append("  ".join(cell.ljust(width) if column == 0 else cell.rjust(width)
                               for column, (cell, width) in enumerate(zip(row, widths))).rstrip())
    return "\n".join(lines)
