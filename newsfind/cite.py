"""Cited quotations for the clipboard: a passage of an article plus where it stands.

Pure text formatting (no Qt), so every style can be tested by exact strings.
Each style is built once as a list of segments (text, italics, the file link)
and rendered three ways: text/plain (italics cannot show), Markdown and HTML.

Typography, as the style guides ask:

* A passage quoted in running text stands in curly quotes; double quotes inside
  it become single ones. A quotation of several paragraphs opens each paragraph
  with a quote mark and closes only the last.
* A block quotation (HTML ``<blockquote>``, Markdown ``>``) takes no quote marks
  of its own, so there the passage keeps its quotes as they are.
* Within a paragraph every run of white space becomes one space (archives are
  often hard-wrapped); no-break spaces are kept. Paragraph breaks are kept
  unless the caller asks for the paragraphs to be joined.
* Whatever the article does not give (author, publication, date) is left out,
  except that APA writes a missing date as "n.d." by its own rule.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from newsfind.archive import Article, paragraph_spans

STYLES = ("plain", "markdown", "apa", "mla", "chicago", "bibtex")


@dataclass(frozen=True)
class CiteSource:
    """What a citation knows beyond the article itself."""

    archive_root: str | None = None  #: absolute folder of the archive, for file:// links (else ValueError)
    publication: str | None = None  #: the archive's publication name, if known
    author: str | None = None  #: usually None: the articles name no author


@dataclass(frozen=True)
class Citation:
    text: str  #: for the clipboard as text/plain
    html: str  #: for the clipboard as text/html


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
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}: choose one of {', '.join(STYLES)}")
    work = _Work.of(article, source)
    passage = _passage(article, start, end, join_paragraphs)
    if style == "bibtex":
        return _bibtex(work, passage)
    return _STYLES[style].format(work, passage)


def article_text(article: Article) -> str:
    """The whole article as text, headed by what identifies it: title, date, path."""
    header = [article.title, _day_month_year(article.date) if article.date else None, article.path]
    return "\n".join(line for line in header if line) + "\n\n" + article.body.strip()


# --------------------------------------------------------------------------
# What is cited


@dataclass(frozen=True)
class _Work:
    title: str
    author: str | None
    publication: str | None
    date: dt.date | None
    path: str
    uri: str | None
    id: str

    @classmethod
    def of(cls, article: Article, source: CiteSource) -> _Work:
        # A title made from the first sentence ends in that sentence's full
        # stop, which a headline does not have ("?" and "!" are kept).
        title = re.sub(r"(?<!\.)\.\Z", "", article.title) or PurePosixPath(article.path).name
        uri = Path(source.archive_root, article.path).as_uri() if source.archive_root else None
        return cls(title, source.author or None, source.publication or None, article.date, article.path, uri, article.id)


@dataclass(frozen=True)
class _Passage:
    paragraphs: tuple[str, ...]  #: white space normalised, quotes as in the article
    first: int  #: 1-based number of the paragraph where it starts
    last: int  #: ... and where it ends


def _passage(article: Article, start: int | None, end: int | None, join: bool) -> _Passage | None:
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
    starts = [s for s, _ in article.paragraphs]
    first_char = start + len(text) - len(text.lstrip())
    last_char = start + len(text.rstrip()) - 1
    return _Passage(paragraphs, bisect.bisect_right(starts, first_char), bisect.bisect_right(starts, last_char))


_WHITE_RUN = re.compile(r"[ \t\n\r\f\v]+")  # not \s: a no-break space is meant


# --------------------------------------------------------------------------
# Typography


def _nest_quotes(text: str) -> str:
    """Double quotes inside a quotation become single: “ ” and paired " to ‘ ’.

    A straight quote opens after a space, an opening bracket or dash, or at the
    start; elsewhere it closes. Apostrophes are single quotes already.
    """
    text = text.replace("“", "‘").replace("”", "’")
    return _OPENING_STRAIGHT.sub("‘", text).replace('"', "’")


_OPENING_STRAIGHT = re.compile(r'(?<![^\s(\[{<‘/—–-])"')


def _quoted(text: str, mark: str = "") -> str:
    """Text in curly quotes, American style: a following comma or period goes inside.

    Inside a quotation that ends the text too (‘a disaster.’”), when the text
    opens one; a lone ’ at the end is taken for an apostrophe (the kids’).
    """
    text = _nest_quotes(text)
    inner = text.rstrip("’") if "‘" in text else text
    return f"“{_punctuate(inner, mark)}{text[len(inner):]}”"


def _punctuate(text: str, mark: str) -> str:
    """Text followed by mark, unless its own end punctuation already does the job."""
    if (mark == "." and text.endswith((".", "?", "!"))) or (mark == "," and text.endswith(("?", "!"))):
        return text
    return text + mark


def _day_month_year(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _month_day_year(date: dt.date) -> str:
    return f"{_MONTHS[date.month - 1]} {date.day}, {date.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June",
           "July", "August", "September", "October", "November", "December")
_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


# --------------------------------------------------------------------------
# Segments and their three renderings


class _Italic(str):
    """Text the style sets in italics (plain text cannot show them)."""


@dataclass(frozen=True)
class _Link:
    text: str
    uri: str | None


_Segment = str | _Link


def _join(items: list[_Segment | None], separator: str) -> list[_Segment]:
    """Items joined by ", " or ". ", skipping missing ones and doubled punctuation."""
    mark = separator.strip()
    out: list[_Segment] = []
    for item in items:
        if item is None:
            continue
        if out:
            previous = out[-1].text if isinstance(out[-1], _Link) else out[-1]
            out.append(" " if _punctuate(previous, mark) == previous else separator)
        out.append(item)
    return out


def _as_text(segments: list[_Segment]) -> str:
    return "".join(s.text if isinstance(s, _Link) else s for s in segments)


def _as_html(segments: list[_Segment]) -> str:
    out = []
    for segment in segments:
        if isinstance(segment, _Link):
            text = _html(segment.text)
            out.append(f'<a href="{html.escape(segment.uri)}">{text}</a>' if segment.uri else text)
        elif isinstance(segment, _Italic):
            out.append(f"<i>{_html(segment)}</i>")
        else:
            out.append(_html(segment))
    return "".join(out)


def _as_markdown(segments: list[_Segment]) -> str:
    out = []
    for segment in segments:
        if isinstance(segment, _Link):
            out.append(f"[{_md(segment.text)}]({segment.uri})" if segment.uri else _code_span(segment.text))
        elif isinstance(segment, _Italic):
            out.append(f"*{_md(segment)}*")
        else:
            out.append(_md(segment))
    return "".join(out)


def _html(text: str) -> str:
    return html.escape(text, quote=False)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
_MD_LINE_START = re.compile(r"\A(?:([#+-])|(\d+)([.)]))")


def _md(text: str, line_start: bool = False) -> str:
    """Markdown that shows text literally: no emphasis, links, lists or headings."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)
    return text


def _code_span(text: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


# --------------------------------------------------------------------------
# Styles


@dataclass(frozen=True)
class _Style:
    """How one style lays out a quotation and its reference."""

    locator_words: tuple[str, str]  #: one paragraph, several paragraphs
    #: The reference; given the locator when it carries one (no in-text citation).
    reference: Callable[[_Work, str | None], list[_Segment]]
    #: The parenthetical citation that follows a quotation in running text.
    in_text: Callable[[_Work, str], str] | None = None
    separator: str = "\n\n"  #: between the quotation and the reference in text
    lead: str = ""  #: before the reference when it follows a quotation
    markdown: bool = False  #: text/plain is Markdown (block quote, links)

    def format(self, work: _Work, passage: _Passage | None) -> Citation:
        """Text: the passage run in (quote marks) or as a Markdown block; HTML: a block quotation."""
        if passage is None:
            reference = self.reference(work, None)
            text = _as_markdown(reference) if self.markdown else _as_text(reference)
            return Citation(text, f"<p>{_as_html(reference)}</p>")
        locator = self.locator(passage)
        in_text = self.in_text(work, locator) if self.in_text else None
        reference = self.reference(work, None if in_text else locator)
        if self.markdown:
            quotation = "\n>\n".join(f"> {_md(p, line_start=True)}" for p in passage.paragraphs)
            text = f"{quotation}{self.separator}{self.lead}{_as_markdown(reference)}"
        else:
            text = f"{_run_in(passage.paragraphs, in_text)}{self.separator}{self.lead}{_as_text(reference)}"
        blocks = [_html(p) for p in passage.paragraphs]
        if in_text:  # a block quotation ends with its citation, after the final punctuation
            blocks[-1] += " " + _html(in_text)
        quote = "".join(f'<p dir="auto">{block}</p>' for block in blocks)
        return Citation(text, f"<blockquote>{quote}</blockquote>\n<p>{_html(self.lead)}{_as_html(reference)}</p>")

    def locator(self, passage: _Passage) -> str:
        one, several = self.locator_words
        if passage.first == passage.last:
            return f"{one} {passage.first}"
        return f"{several} {passage.first}–{passage.last}"


def _run_in(paragraphs: tuple[str, ...], in_text: str | None) -> str:
    """The passage in quote marks, for running text.

    With an in-text citation the sentence's full stop moves after the
    parenthesis, as APA and MLA ask: “… immigrants” (…).
    """
    quoted = [_nest_quotes(p) for p in paragraphs]
    tail = ""
    if in_text:
        ends_sentence = _FINAL_STOP.search(quoted[-1]) is not None
        quoted[-1] = _FINAL_PERIOD.sub("", quoted[-1])
        tail = f" {in_text}{'.' if ends_sentence else ''}"
    return "\n\n".join("“" + p for p in quoted) + "”" + tail


_FINAL_STOP = re.compile(r"[.?!…]’*\Z")
_FINAL_PERIOD = re.compile(r"(?<!\.)\.(?=’*\Z)")


def _plain_reference(work: _Work, locator: str | None) -> list[_Segment]:
    date = _day_month_year(work.date) if work.date else None
    publication = _Italic(work.publication) if work.publication else None
    return _join([work.author, _Italic(work.title), publication, date, _Link(work.path, work.uri), locator], ", ")


def _apa_reference(work: _Work, locator: str | None) -> list[_Segment]:
    """APA 7: Author. (Date). Title. *Publication*. Location; no author: the title first."""
    date = f"({work.date.year}, {_MONTHS[work.date.month - 1]} {work.date.day})" if work.date else "(n.d.)"
    publication = _Italic(work.publication) if work.publication else None
    head = [work.author, date, work.title] if work.author else [work.title, date]
    return _join([*head, publication, _Link(work.path, work.uri)], ". ")


def _apa_in_text(work: _Work, locator: str) -> str:
    year = str(work.date.year) if work.date else "n.d."
    who = f"{work.author}," if work.author else _quoted(work.title, ",")
    return f"({who} {year}, {locator})"


def _mla_reference(work: _Work, locator: str | None) -> list[_Segment]:
    """MLA 9: Author. “Title.” *Container*, Date, Location."""
    date = f"{work.date.day} {_MLA_MONTHS[work.date.month - 1]} {work.date.year}" if work.date else None
    publication = _Italic(work.publication) if work.publication else None
    container = _join([publication, date, _Link(work.path, work.uri)], ", ")
    return [*_author_first(work), _quoted(work.title, "."), " ", *container, "."]


def _mla_in_text(work: _Work, locator: str) -> str:
    who = f"{work.author}," if work.author else _quoted(work.title, ",")
    return f"({who} {locator})"


def _chicago_reference(work: _Work, locator: str | None) -> list[_Segment]:
    """Chicago 17 notes and bibliography: a note for a quotation, else the bibliography entry."""
    date = _month_day_year(work.date) if work.date else None
    publication = _Italic(work.publication) if work.publication else None
    link = _Link(work.path, work.uri)
    if locator is None:  # Author. “Title.” *Publication*, Date. Location.
        container = _join([publication, date], ", ")
        return [*_author_first(work), _quoted(work.title, "."), " ", *container, *([". "] if container else []), link, "."]
    # Author, “Title,” *Publication*, Date, locator, Location.
    author = [f"{work.author}, "] if work.author else []
    return [*author, _quoted(work.title, ","), " ", *_join([publication, date, locator, link], ", "), "."]


def _author_first(work: _Work) -> list[_Segment]:
    """The author opening a bibliography entry ("Author. "), if there is one."""
    return [_punctuate(work.author, ".") + " "] if work.author else []


_STYLES = {
    "plain": _Style(("¶", "¶¶"), _plain_reference, separator=" ", lead="— "),
    "markdown": _Style(("¶", "¶¶"), _plain_reference, separator="\n\n", lead="— ", markdown=True),
    "apa": _Style(("para.", "paras."), _apa_reference, _apa_in_text),
    "mla": _Style(("par.", "pars."), _mla_reference, _mla_in_text),
    "chicago": _Style(("para.", "paras."), _chicago_reference),
}


# --------------------------------------------------------------------------
# BibTeX


def _bibtex(work: _Work, passage: _Passage | None) -> Citation:
    """An @article (publication known) or @misc entry; the passage goes in annote.

    The passage's paragraphs are joined by a space: a blank line inside a field
    would end a paragraph wherever a bibliography style typesets the field.
    """
    note = f"file: {work.path}" + (", " + _STYLES["plain"].locator(passage) if passage else "")
    fields = [("author", _braced(work.author)), ("title", _braced(work.title)), ("journal", _braced(work.publication))]
    if work.date:  # month as the macro that every BibTeX style prints its own way
        fields += [("date", _braced(work.date.isoformat())), ("year", _braced(str(work.date.year))),
                   ("month", _MONTHS[work.date.month - 1][:3].lower())]
    fields += [("note", _braced(note)), ("annote", _braced(" ".join(passage.paragraphs)) if passage else None)]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields if value)
    entry = f"@{'article' if work.publication else 'misc'}{{{_bibtex_key(work)},\n{body}\n}}"
    return Citation(entry, f"<pre>{_html(entry)}</pre>")


def _braced(text: str | None) -> str | None:
    return "{" + "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text) + "}" if text else None


def _bibtex_key(work: _Work) -> str:
    """First title word (ASCII letters first), year and the article id's start: stable and readable."""
    ascii_title = unicodedata.normalize("NFKD", work.title).encode("ascii", "ignore").decode().lower()
    word = next(iter(re.findall(r"(?<![a-z0-9])[a-z][a-z0-9]*", ascii_title)), "article")
    return f"{word}{work.date.year if work.date else ''}{work.id[:6]}"


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}

