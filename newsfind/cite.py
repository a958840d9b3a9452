"""Cited quotations for the clipboard: a passage of an article plus where it stands;
reference lists of many articles; the formats reference managers read.

Pure text formatting (no Qt), so every style can be tested by exact strings.
An article is described once, as a Reference (reference.py); the styles
(cite_styles.py) lay it out, BibTeX (bibtex.py) and CSL-JSON / RIS
(reference_formats.py) write it for other tools.

Typography, as the style guides ask:

* A passage quoted in running text stands in curly quotes; double quotes inside
  it become single ones. A quotation of several paragraphs opens each paragraph
  with a quote mark and closes only the last.
* A block quotation (HTML ``<blockquote>``, Markdown ``>``) takes no quote marks
  of its own, so there the passage keeps its quotes as they are.
* Within a paragraph every run of white space becomes one space (archives are
  often hard-wrapped); no-break spaces are kept. Paragraph breaks are kept
  unless the caller asks for the paragraphs to be joined.
* Paragraphs are numbered as the article's text runs: a headline line and a
  "By …" line are not paragraphs of it, so the first one after them is ¶ 1.
* Whatever the article does not give (author, publication, date) is left out,
  except that APA and Chicago write a missing date as "n.d." by their own rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence

from newsfind.archive import Article, has_headline_line, make_title, paragraph_spans
from newsfind.bibtex import bibtex_entry, unique_keys
from newsfind.byline import Byline, find_byline
from newsfind.cite_render import escape_html, html_document
from newsfind.cite_styles import STYLES as _STYLES
from newsfind.cite_styles import Passage, day_month_year
from newsfind.reference import Reference
from newsfind.reference_formats import csl_json, ris

#: Styles of a quotation with its citation; the last four are what reference managers import.
STYLES = ("plain", "markdown", "apa", "mla", "chicago", "bibtex", "biblatex", "csl-json", "ris")
#: The formats that are data, not prose: the passage goes in a note field.
DATA_STYLES = ("bibtex", "biblatex", "csl-json", "ris")

__all__ = ["DATA_STYLES", "STYLES", "Citation", "CiteSource", "article_text", "cite", "cite_many",
           "html_document", "paragraph_numbers", "reference_of"]


@dataclass(frozen=True)
class CiteSource:
    """What a citation knows beyond the article itself."""

    archive_root: str | None = None  #: absolute folder of the archive, for file:// links
    publication: str | None = None  #: the archive's publication name, if known
    bylines: bool = True  #: take the authors from the article's "By …" line, when it has one


@dataclass(frozen=True)
class Citation:
    text: str  #: for the clipboard as text/plain
    html: str  #: for the clipboard as text/html (a fragment: see html_document)


def cite(
    article: Article,
    start: int | None = None,
    end: int | None = None,
    style: str = "plain",
    source: CiteSource = CiteSource(),
    join_paragraphs: bool = False,
) -> Citation:
    """The passage body[start:end] quoted with a citation in the given style.

    With start and end both None only the citation is made. Raises ValueError
    for an unknown style, a half-given or out-of-range selection, or a
    selection that holds only white space.
    """
    _check_style(style)
    byline = _byline(article, source)
    ref = _reference(article, source, byline)
    passage = _passage(article, start, end, join_paragraphs, byline)
    if style in DATA_STYLES:
        return _data([(ref, passage)], style)
    rendered = _STYLES[style].render(ref, passage) if passage else _STYLES[style].render_reference(ref)
    html = rendered.html if passage else f"<p>{rendered.html}</p>"
    return Citation(rendered.text, html)


def cite_many(items: Sequence[tuple[Article, CiteSource]], style: str = "plain") -> Citation:
    """A reference list of many articles: alphabetical in APA, MLA and Chicago (as their
    reference lists, works cited and bibliographies are), else in the order given."""
    _check_style(style)
    refs = [reference_of(article, source) for article, source in items]
    if style in DATA_STYLES:
        return _data([(ref, None) for ref in refs], style)
    entries = [_STYLES[style].render_reference(ref) for ref in refs]
    if style in ("apa", "mla", "chicago"):
        entries.sort(key=lambda entry: _sort_key(entry.text))
    if style == "markdown":
        text = "\n".join(f"- {entry.text}" for entry in entries)
    else:
        text = "\n\n".join(entry.text for entry in entries)
    hanging = 'style="padding-left: 2em; text-indent: -2em"'
    return Citation(text, "\n".join(f"<p {hanging}>{entry.html}</p>" for entry in entries))


def reference_of(article: Article, source: CiteSource = CiteSource()) -> Reference:
    """The article as every style and format cites it."""
    return _reference(article, source, _byline(article, source))


def paragraph_numbers(article: Article, offsets: Sequence[int], source: CiteSource = CiteSource()) -> list[int]:
    """The paragraph a citation gives each of these places of the body (0: the headline line)."""
    starts = _numbered_paragraph_starts(article, _byline(article, source))
    return [bisect.bisect_right(starts, offset) for offset in offsets]


def _byline(article: Article, source: CiteSource) -> Byline | None:
    return find_byline(article.body) if source.bylines else None


def _reference(article: Article, source: CiteSource, byline: Byline | None) -> Reference:
    # Made anew from the body: an index written before titles took a hard-wrapped first
    # sentence whole keeps its first line only (and is not rebuilt for that alone).
    # A title made from the first sentence ends in that sentence's full stop,
    # which a headline does not have ("?" and "!" are kept).
    title = re.sub(r"(?<!\.)\.\Z", "", make_title(article.body) or article.title) or PurePosixPath(article.path).name
    uri = Path(source.archive_root, article.path).as_uri() if source.archive_root else None
    return Reference(article.id, title, article.date, article.path, uri, source.publication or None,
                     byline.authors if byline else ())


def article_text(article: Article) -> str:
    """The whole article as text, headed by what identifies it: title, date, path."""
    header = [article.title, day_month_year(article.date) if article.date else None, article.path]
    return "\n".join(line for line in header if line) + "\n\n" + article.body.strip()


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}: choose one of {', '.join(STYLES)}")


def _sort_key(entry: str) -> str:
    """Alphabetised as the manuals ask: letter by letter, a leading article and quote mark ignored."""
    text = entry.lstrip("“‘\"'*\u2068").casefold()
    return re.sub(r"\A(?:the|an?) ", "", text)


# --------------------------------------------------------------------------
# The passage and where it stands


def _passage(article: Article, start: int | None, end: int | None, join: bool,
             byline: Byline | None) -> Passage | None:
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise ValueError("give both start and end of the passage, or neither for a citation only")
    if not 0 <= start <= end <= len(article.body):
        raise ValueError(f"passage {start}:{end} lies outside the article (0:{len(article.body)})")
    text = article.body[start:end]
    paragraphs = tuple(_WHITE_RUN.sub(" ", text[s:e]) for s, e in paragraph_spans(text))
    if not paragraphs:
        raise ValueError("the passage holds no text, only white space")
    if join:
        paragraphs = (" ".join(paragraphs),)
    starts = _numbered_paragraph_starts(article, byline)
    first_char = start + len(text) - len(text.lstrip())
    last_char = start + len(text.rstrip()) - 1
    return Passage(paragraphs, bisect.bisect_right(starts, first_char), bisect.bisect_right(starts, last_char))


def _numbered_paragraph_starts(article: Article, byline: Byline | None) -> list[int]:
    """Where paragraphs 1, 2, 3... start: the article's paragraphs but its headline
    line and its byline (what lies before the first counts as 0)."""
    spans = article.paragraphs
    skipped = set()
    if spans and has_headline_line(article.body):
        skipped.add(spans[0])
    if byline is not None:
        skipped.add(byline.span)
    return [span[0] for span in spans if span not in skipped]


_WHITE_RUN = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a no-break space is meant


# --------------------------------------------------------------------------
# What reference managers import


def _data(items: list[tuple[Reference, Passage | None]], style: str) -> Citation:
    """BibTeX, biblatex, CSL-JSON or RIS: the passage and its place in a note."""
    if style in ("bibtex", "biblatex"):
        keys = unique_keys([ref for ref, _ in items])
        text = "\n\n".join(bibtex_entry(ref, note=_note(ref, passage), annote=_annote(passage), dialect=style,
                                         key=key) for key, (ref, passage) in zip(keys, items))
    else:
        refs = [ref for ref, _ in items]
        notes = [_quoted_note(passage) for _, passage in items]
        text = csl_json(refs, notes) if style == "csl-json" else ris(refs, notes)
    return Citation(text, f"<pre>{escape_html(text)}</pre>")


def _note(ref: Reference, passage: Passage | None) -> str:
    locator = _STYLES["plain"].locator(passage) if passage else None
    return f"file: {ref.path}" + (f", {locator}" if locator else "")


def _quoted_note(passage: Passage | None) -> str | None:
    """The passage for a reference manager's note: “…” (¶ 3)."""
    if passage is None:
        return None
    locator = _STYLES["plain"].locator(passage)
    return f"“{_annote(passage)}”" + (f" ({locator})" if locator else "")


def _annote(passage: Passage | None) -> str | None:
    """The passage's paragraphs joined by a space: a blank line inside a field
    would end a paragraph wherever a bibliography style typesets the field."""
    return " ".join(passage.paragraphs) if passage else None
