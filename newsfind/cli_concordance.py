"""`newsfind concordance`: every occurrence of a query in its context, one line each.

Text lines are printed as they are found (oldest article first), unless they
are sorted by the words around the match, which needs them all first; JSON,
CSV and Markdown are written whole.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import chain
from typing import Iterator, TextIO

from newsfind.cite import CiteSource
from newsfind.cli import EXIT_OK, EXIT_USAGE, CommandError, _article_or_none, _cite_source, _with_searcher
from newsfind.concordance import (
    ConcordanceLine, articles_counted, concordance, occurrences_text, one_line, sort_lines,
)
from newsfind.concordance_export import render_concordance
from newsfind.search import ArchiveSearcher, QueryError
from newsfind.wording import plural

BOLD, PLAIN = "\x1b[1m", "\x1b[0m"


def run_concordance(options: argparse.Namespace, out: TextIO) -> int:
    """Exit status 0, or 2 for a query to fix (said in one line)."""
    def write(searcher: ArchiveSearcher) -> None:
        source = _cite_source(searcher, options)
        lines = concordance(searcher, options.query, options.context, source)
        if options.sort != "date":
            lines = iter(sort_lines(lines, options.sort))
        if options.json:
            _write_json(options.query, list(lines), out)
        elif options.format != "text":
            _write_table(options, searcher, source, list(lines), out)
        else:
            _write_text(options.query, lines, options.context, out)

    try:
        _with_searcher(options, write)
    except QueryError as error:
        raise CommandError(f"query error: {error}", EXIT_USAGE) from error
    return EXIT_OK


def line_as_json(line: ConcordanceLine) -> dict:
    return {"id": line.id, "path": line.path, "date": line.date.isoformat() if line.date else None,
            "paragraph": line.paragraph, "start": line.start, "end": line.end,
            "left": line.left, "match": line.match, "right": line.right}


def _write_json(query: str, lines: list[ConcordanceLine], out: TextIO) -> None:
    json.dump({"query": query, "total": len(lines), "lines": [line_as_json(line) for line in lines]}, out,
              ensure_ascii=False)
    out.write("\n")


def _write_table(options: argparse.Namespace, searcher: ArchiveSearcher, source: CiteSource,
                 lines: list[ConcordanceLine], out: TextIO) -> None:
    text = render_concordance(lines, options.format, lambda line: _article_or_none(searcher, line.id),
                              options.style, lambda root: source)
    if options.out is None:
        out.write(text)
    else:
        options.out.write_text(text, encoding="utf-8", newline="")
        print(f"newsfind: wrote {plural(len(lines), 'line')} to {options.out}", file=sys.stderr)


def _write_text(query: str, lines: Iterator[ConcordanceLine], context: int, out: TextIO) -> None:
    """Aligned lines as they come, then how many occurrences in how many articles."""
    color = out.isatty()
    first = next(lines, None)
    if first is None:
        print(f"No occurrences of {query!r}.", file=out)
        return
    seen: list[ConcordanceLine] = []
    for line in chain([first], lines):
        seen.append(line)
        print(format_line(line, context, color), file=out)
    print(f"\n{occurrences_text(len(seen), articles_counted(seen))} ({query!r})", file=out)


def format_line(line: ConcordanceLine, context: int, color: bool = False) -> str:
    """date, left context right-aligned, the match, right context, path and paragraph."""
    match = f"{BOLD}{one_line(line.match)}{PLAIN}" if color else f"**{one_line(line.match)}**"
    date = line.date.isoformat() if line.date else "undated"
    left, right = one_line(line.left)[-context:] if context else "", one_line(line.right)[:context]
    return f"{date:<10}  {left:>{context}}{match}{right:<{context}}  {line.path} ¶{line.paragraph}"
