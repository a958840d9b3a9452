"""Search results as files: CSV for spreadsheets, a Markdown table for notes.

Article text is untrusted: a headline or snippet may look like a spreadsheet
formula or like Markdown syntax. Every cell is written so that the program
opening the file shows the text as text, never runs or renders it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable

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


def write_export(hits: list[Hit], path: str, fmt: str, several: bool = False) -> None:
    """Write hits to path as "csv" (any other fmt: a Markdown table), UTF-8."""
    head, rows = export_table(hits, several)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            writer = csv.writer(handle)
            writer.writerow(head)
            writer.writerows([csv_cell(cell) for cell in row] for row in rows)
        else:
            handle.write("| " + " | ".join(name.capitalize() for name in head) + " |\n")
            handle.write("|" + "---|" * len(head) + "\n")
            handle.writelines("| " + " | ".join(markdown_cell(cell) for cell in row) + " |\n" for row in rows)
