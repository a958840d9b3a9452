"""Exported results open as text: no formula runs in a spreadsheet, no Markdown renders as a link or HTML."""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsfind.export import ExportRequest, write_export
from newsfind.search import Hit
from newsfind.wording import archive_label

#: Characters and pieces that mean something to a spreadsheet or to Markdown, mixed into random text.
TRICKY = st.sampled_from(list("=+-@\t\r\n \\|`*_~[]<>&#!():/.") + [
    "www.", "http://", "](http://x)", "![", "<b>", "&amp;", "\r\n", "\u2028", "\x85", "\x0b", "\\|", "\ud800"])
TEXT = st.lists(st.one_of(TRICKY, st.characters()), max_size=30).map("".join)
#: The line breaks a row must never contain (str.splitlines' list).
LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
FORMULA = set("=+-@\t\r")


def as_written(text: str) -> str:
    """A lone surrogate (no character at all) is written as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def make_hit(title: str = "A title", snippet: str = "a <mark>word</mark>", path: str = "2019/a.txt",
             archive: str = "/archives/Herald") -> Hit:
    return Hit(id="1", path=path, title=title, date=dt.date(2019, 8, 8), score=1.0, snippet=snippet,
               archive=archive)


def text_hit(text: str) -> Hit:
    """A hit whose title, path, archive name and snippet (as plain text) are all text."""
    return make_hit(title=text, snippet=html.escape(text, quote=False), path=text,
                    archive="/archives/" + text.replace("/", "_"))


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def export_csv(tmp_path: Path, hits: list[Hit], several: bool = False) -> list[list[str]]:
    target = tmp_path / "out.csv"
    write_export(ExportRequest(hits, str(target), "csv", several=several))
    return read_csv(target)


# ------------------------------------------------------------------ CSV


@pytest.mark.parametrize("text", [
    '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1+1", "\tplain", "\r=1+1",
    "\rplain", " =1+1", "\n-2", "\u00a0@SUM(1)",
])
def test_csv_cells_that_a_spreadsheet_would_compute_get_a_quote(tmp_path: Path, text: str) -> None:
    rows = export_csv(tmp_path, [make_hit(title=text, snippet=html.escape(text), path=text)])
    assert rows[0] == ["title", "date", "path", "snippet"]
    assert rows[1] == ["'" + text, "2019-08-08", "'" + text, "'" + text]


@pytest.mark.parametrize("text", ["Fed raises rates", "a=b", "2+2", "e-mail", "", "'=already quoted", " x = 1"])
def test_csv_cells_of_plain_text_are_written_as_they_are(tmp_path: Path, text: str) -> None:
    assert export_csv(tmp_path, [make_hit(title=text)])[1][0] == text


def test_csv_archive_names_and_snippets_are_neutralised_too(tmp_path: Path) -> None:
    hit = make_hit(snippet="=1+<mark>1</mark> &amp; more", archive="/archives/@evil")
    rows = export_csv(tmp_path, [hit], several=True)
    assert rows[0] == ["title", "date", "path", "archive", "snippet"]
    assert rows[1][3:] == ["'@evil", "'=1+1 & more"]


def dangerous(text: str) -> bool:
    return text[:1] in FORMULA or text.lstrip()[:1] in FORMULA


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_text_reads_back_from_csv_as_text(tmp_path: Path, text: str) -> None:
    row = export_csv(tmp_path, [text_hit(text)], several=True)[1]
    title, date, path, archive, snippet = row
    assert date == "2019-08-08"
    text = as_written(text)
    for cell, original in ((title, text), (path, text), (archive, archive_label("/archives/" + text.replace("/", "_"))), (snippet, text)):
        assert not dangerous(cell)
        assert cell == ("'" + original if dangerous(original) else original)


# ------------------------------------------------------------- Markdown


def export_markdown(tmp_path: Path, hits: list[Hit], several: bool = False) -> str:
    target = tmp_path / "out.md"
    write_export(ExportRequest(hits, str(target), "markdown", several=several))
    return target.read_text("utf-8")


def split_row(line: str) -> list[str]:
    """The cells of a GFM table row: a | is a boundary unless a backslash is before it."""
    assert line.startswith("| ") and line.endswith(" |"), line
    return [cell[1:-1] for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def read_cell(cell: str) -> str:
    """The text a CommonMark renderer shows for cell, failing on anything it would not show as text:
    an unescaped character that opens markup, or the start of a GFM autolink."""
    text, escaped, i = [], [], 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell) and cell[i + 1] in r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~""":
            text.append(cell[i + 1])
            escaped.append(True)
            i += 2
        else:
            assert cell[i] not in "\\`*_~[]<>&|@", f"unescaped {cell[i]!r} in {cell!r}"
            text.append(cell[i])
            escaped.append(False)
            i += 1
    shown = "".join(text)
    for match in re.finditer(r"://|(?i:www)\.", shown):
        at = match.start() if match.group(0) == "://" else match.end() - 1
        assert escaped[at], f"a GFM autolink in {cell!r}"
    return shown


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, several=st.booleans())
def test_any_text_is_one_markdown_row_of_plain_text(tmp_path: Path, text: str, several: bool) -> None:
    lines = export_markdown(tmp_path, [text_hit(text), make_hit()], several).splitlines()
    columns = 5 if several else 4
    assert len(lines) == 4
    assert len(split_row(lines[0])) == columns and lines[1] == "|" + "---|" * columns
    shown = [read_cell(cell) for cell in split_row(lines[2])]
    flat = LINE_BREAKS.sub(" ", as_written(text))
    archive = LINE_BREAKS.sub(" ", archive_label("/archives/" + as_written(text).replace("/", "_")))
    assert shown == [flat, "2019-08-08", flat] + ([archive] if several else []) + [flat]
    assert [read_cell(cell) for cell in split_row(lines[3])][-1] == "a word"


@pytest.mark.parametrize("text, cell", [
    ("[click](http://evil.example)", r"\[click\](http\://evil.example)"),
    ("![x](http://evil.example/pixel.png)", r"!\[x\](http\://evil.example/pixel.png)"),
    ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
    ("<http://evil.example>", r"\<http\://evil.example\>"),
    ("see www.evil.example", r"see www\.evil.example"),
    ("`a|b` *b* _i_ ~~s~~", r"\`a\|b\` \*b\* \_i\_ \~\~s\~\~"),
    ("# Not a heading", "# Not a heading"),
    ("> not a quote", r"\> not a quote"),
    ("&lt; stays &amp;", r"\&lt; stays \&amp;"),
    ("back\\slash|pipe", r"back\\slash\|pipe"),
    ("two\r\nlines\rand\nmore", "two lines and more"),
])
def test_markdown_cells_escape_what_would_render(tmp_path: Path, text: str, cell: str) -> None:
    lines = export_markdown(tmp_path, [make_hit(title=text)]).splitlines()
    assert lines[0] == "| Title | Date | Path | Snippet |"
    assert split_row(lines[2])[0] == cell


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_markdown_renders_as_one_row_of_text(tmp_path: Path, text: str) -> None:
    """With a real CommonMark renderer (markdown-it-py): table tags only, the text itself."""
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(
        export_markdown(tmp_path, [text_hit(text)]))
    body = rendered.split("<tbody>", 1)[1]
    assert set(re.findall(r"</?([A-Za-z][A-Za-z0-9]*)", body)) <= {"tr", "td", "tbody", "table"}, body
    cells = re.findall(r"<td>(.*?)</td>", body, re.DOTALL)
    assert body.count("<tr>") == 1 and len(cells) == 4
    flat = LINE_BREAKS.sub(" ", as_written(text)).replace("\0", "\ufffd")
    assert html.unescape(cells[0]).strip() == flat.strip()
