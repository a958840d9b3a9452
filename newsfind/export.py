"""Search results as files: CSV for spreadsheets, a Markdown table for notes, and
CSL-JSON, RIS and BibTeX for reference managers (Zotero, Mendeley, EndNote,
pandoc, LaTeX), which then cite them in any of the CSL styles.

Article text is untrusted: a headline or snippet may look like a spreadsheet
formula or like Markdown syntax. Every cell is written so that the program
opening the file shows the text as text, never runs or renders it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Callable

from newsfind.archive import Article
from newsfind.cite import CiteSource, cite_many
from newsfind.search import Hit
from newsfind.snippets import snippet_text
from newsfind.wording import archive_label

#: A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = frozenset("=+-@\t\r")

#: Every line break a reader of the file might split a row on (str.splitlines' list; CommonMark's is \r, \n).
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")

#: What starts or ends an inline construct in CommonMark and GitHub Flavored Markdown, see markdown_cell.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_~\[\]<>&|@]|:(?=//)|(?<=www)\.", re.IGNORECASE)


def csv_cell(value: str) -> str:
    """value, with a ' in front if a spreadsheet could take it for a formula.

    OWASP lists the dangerous first characters (= + - @ tab CR). A cell whose
    first character after leading whitespace is one of them is quoted too:
    spreadsheets offer to trim spaces on import (LibreOffice, Google Sheets), and
    after trimming the formula character would be first. The quote goes in
    front of the whitespace, so it stays first after any trimming; reading the
    file back, removing that one quote gives the text exactly.
    """
    if value[:1] in FORMULA_STARTS or value.lstrip()[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def markdown_cell(value: str) -> str:
    """value as the content of one cell of a GFM table row, shown as the same text.

    Line breaks become spaces (a row is one line). A backslash goes before:
    `|` (ends a cell; GFM honours \\| even inside code spans); `\\` itself;
    `` ` `` (code spans, where no escape works); `*` `_` (emphasis); `~`
    (strikethrough); `[` `]` (links, images, footnotes: `![` needs `[`); `<` `>`
    (HTML, <autolinks>); `&` (entities would show as other characters); and
    what GFM's extended autolinks need: `@` (e-mail), `:` before `//` (URLs)
    and the `.` after `www`. Escaped punctuation is always literal text in
    CommonMark. Leading `#`, `>`, `-`, `+`, `1.` need nothing more: a cell holds
    inline content only, and a row starts with `|`, so no block (heading, quote,
    list) can begin in it even where tables are not supported. Other punctuation
    is left alone so the file stays readable as plain text.
    """
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), _LINE_BREAK.sub(" ", value))


#: Not text (a broken name's stand-in): written as U+FFFD, as the window shows it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def export_table(hits: Iterable[Hit], several: bool = False) -> tuple[list[str], list[list[str]]]:
    """The column names and one row per hit, as plain text; an archive column when several are searched."""
    head = ["title", "date", "path"] + (["archive"] if several else []) + ["snippet"]
    rows = [[hit.title, hit.date.isoformat() if hit.date else "", hit.path]
            + ([archive_label(hit.archive)] if several else []) + [snippet_text(hit.snippet)]
            for hit in hits]
    return head, [[_LONE_SURROGATE.sub("\ufffd", cell) for cell in row] for row in rows]


#: Export formats by the name the command line takes, with their usual file suffix.
EXPORT_FORMATS = {"csv": ".csv", "markdown": ".md", "csl-json": ".json", "ris": ".ris", "bibtex": ".bib",
                  "review-csv": ".csv", "review-markdown": ".md"}
#: Hits taken from the searchers at a time when exporting a whole query.
EXPORT_PAGE = 500
#: The formats that describe each article for a reference manager (read from its file).
REFERENCE_FORMATS = ("csl-json", "ris", "bibtex")
#: The review log: each result with the user's marks and its citation (review_log.py).
REVIEW_FORMATS = ("review-csv", "review-markdown")

#: (archive, path) places → the user's marks there (absent: unmarked).
MarksOf = Callable[[list[tuple[str, str]]], dict]


@dataclass(frozen=True)
class ExportRequest:
    """Results to write to a file, and what their citations know of each archive."""

    hits: list[Hit]
    path: str
    fmt: str  #: a key of EXPORT_FORMATS
    several: bool = False  #: from several archives: a table gets an archive column
    sources: dict[str, CiteSource] = field(default_factory=dict)  #: archive root → publication, bylines
    with_rest: bool = False  #: the hits are the first ones listed: the searcher adds the query's others
    cite_style: str = "plain"  #: the citation style of a review log


@dataclass(frozen=True)
class ExportOutcome:
    written: int  #: results written
    unreadable: list[str] = field(default_factory=list)  #: paths of articles no longer readable (left out)


def write_export(request: ExportRequest, article_of: Callable[[Hit], Article | None] | None = None,
                 marks_of: MarksOf | None = None) -> ExportOutcome:
    """Write the results to request.path, UTF-8 (see render_export)."""
    text, outcome = render_export(request, article_of, marks_of)
    with open(request.path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    return outcome


def render_export(request: ExportRequest, article_of: Callable[[Hit], Article | None] | None = None,
                  marks_of: MarksOf | None = None) -> tuple[str, ExportOutcome]:
    """The results as the file's text, and what went into it.

    The reference formats read each article (for its "By …" line): article_of
    gives it, or None when it is gone, and that result is left out and named.
    A review log asks marks_of for the user's marks on the results."""
    if request.fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {request.fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
    article_of = article_of or (lambda hit: None)
    if request.fmt in REFERENCE_FORMATS:
        return _references(request, article_of)
    if request.fmt in REVIEW_FORMATS:
        from newsfind.review_log import review_rows

        marks = marks_of([hit.place for hit in request.hits]) if marks_of else {}
        head, rows = review_rows(request.hits, marks, request.cite_style,
                                 lambda root: request.sources.get(root, CiteSource(root or None)), article_of,
                                 request.several)
    else:
        head, rows = export_table(request.hits, request.several)
    return table_text(head, rows, markdown=request.fmt.endswith("markdown")), ExportOutcome(len(rows))


def table_text(head: list[str], rows: list[list[str]], markdown: bool) -> str:
    """CSV for spreadsheets, or a GitHub-flavoured Markdown table; every cell shown as text."""
    out = io.StringIO(newline="")
    if not markdown:
        writer = csv.writer(out)
        writer.writerow(head)
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    else:
        out.write("| " + " | ".join(name.capitalize() for name in head) + " |\n")
        out.write("|" + "---|" * len(head) + "\n")
        out.writelines("| " + " | ".join(markdown_cell(cell) for cell in row) + " |\n" for row in rows)
    return out.getvalue()


def _references(request: ExportRequest, article_of: Callable[[Hit], Article | None]) -> tuple[str, ExportOutcome]:
    items, unreadable = [], []
    for hit in request.hits:
        article = article_of(hit)
        if article is None:
            unreadable.append(hit.path)
        else:
            items.append((article, request.sources.get(hit.archive, CiteSource(hit.archive or None))))
    text = cite_many(items, request.fmt).text if items else ("[]" if request.fmt == "csl-json" else "")
    return text + "\n", ExportOutcome(len(items), unreadable)
