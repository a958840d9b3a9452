"""The citation styles: how APA 7, MLA 9 and Chicago 18 (and newsfind's plain and
Markdown forms) lay out a quotation and a newspaper article's reference.

Each style's rules, as its manual and the reference CSL styles (rendered by
citeproc-js in Zotero and by pandoc) apply them to a newspaper article:

* Title case: MLA, Chicago and APA's in-text citation put the headline in title
  case; APA's reference list keeps it as the article gives it (sentence case,
  in newspapers). Case is only ever raised (title_case.headline_case).
* A title standing alone (no newspaper set) is italic in APA and MLA; inside a
  container it stands in quotation marks (MLA, Chicago) or roman (APA).
* Chicago's bibliography begins with the newspaper when no author is known, and
  writes a missing date "n.d." (as APA does).
* Quotation marks inside curly quotes are curled and nested (‘won’t mind’).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from newsfind import names
from newsfind.cite_render import (
    Link, Segment, Words, as_html, as_markdown, as_text, escape_html, isolated, join, markdown_text, punctuate,
    segment_text,
)
from newsfind.reference import Reference
from newsfind.title_case import curl_quotes, headline_case, nest_quotes


@dataclass(frozen=True)
class Passage:
    """The quoted words of an article and where they stand."""

    paragraphs: tuple[str, ...]  #: white space normalised, quotes as in the article
    first: int  #: 1-based number of the paragraph where it starts (0: the headline)
    last: int  #: ... and where it ends


@dataclass(frozen=True)
class Rendered:
    text: str  #: for the clipboard as text/plain
    html: str  #: an HTML fragment


# --------------------------------------------------------------------------
# Pieces every style uses


def quoted(text: str, mark: str = "") -> list[Segment]:
    """A title in curly quotes, American style: a following comma or period goes inside.

    Inside a quotation that ends the title too (‘a disaster.’”), when the title
    opens one; a lone ’ at the end is taken for an apostrophe (the kids’).
    """
    text = nest_quotes(text)
    inner = text.rstrip("’") if "‘" in text else text
    return ["“", Words(inner), punctuate(inner, mark)[len(inner):] + text[len(inner):] + "”"]


def standing_title(text: str, mark: str = "") -> list[Segment]:
    """A title that stands alone: italic, followed by mark unless it ends in its own
    (inside a quotation that ends the title: *Plan “a Disaster.”*)."""
    text = curl_quotes(text)
    inner = text.rstrip("”’")
    closing = text[len(inner):]
    if closing and mark:
        return [Words(punctuate(inner, mark) + closing, italic=True)]
    return [Words(text, italic=True), punctuate(text, mark)[len(text):]]


def _publication(ref: Reference) -> Words | None:
    return Words(ref.publication, italic=True) if ref.publication else None


def _link(ref: Reference) -> Link:
    return Link(ref.path, ref.uri)


def day_month_year(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _month_day_year(date: dt.date | None) -> str:
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}" if date else "n.d."


MONTHS = ("January", "February", "March", "April", "May", "June",
          "July", "August", "September", "October", "November", "December")
_MLA_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def _lead(authors: str) -> list[Segment]:
    """Authors opening an entry ("Doe, Jane. "), if there are any."""
    return [punctuate(authors, ".") + " "] if authors else []


# --------------------------------------------------------------------------
# The styles


def _plain_reference(ref: Reference, locator: str | None) -> list[Segment]:
    date = day_month_year(ref.date) if ref.date else None
    authors = names.plain_authors(ref.authors) or None
    # (newsfind's own form: the title exactly as the article has it)
    return join([authors, Words(ref.title, italic=True), _publication(ref), date, _link(ref), locator], ", ")


def _apa_reference(ref: Reference, locator: str | None) -> list[Segment]:
    """APA 7: Author. (Date). Title. *Newspaper*. Location; no author: the title first;
    no newspaper: the title italic (it stands alone)."""
    date = f"({ref.date.year}, {MONTHS[ref.date.month - 1]} {ref.date.day})" if ref.date else "(n.d.)"
    title: list[Segment] = [Words(curl_quotes(ref.title))] if ref.publication else standing_title(ref.title)
    authors = names.apa_reference(ref.authors)
    head = [authors, date, *title] if authors else [*title, date]
    return join([*head, _publication(ref), _link(ref)], ". ")


def _apa_in_text(ref: Reference, locator: str) -> list[Segment]:
    """(Doe, 2019, para. 3); with no author the title, in title case."""
    return _parenthetical(ref, names.apa_in_text(ref.authors), f"{ref.date.year if ref.date else 'n.d.'}, {locator}")


def _parenthetical(ref: Reference, who: str, rest: str) -> list[Segment]:
    """(Who, rest), or with no author (“Title,” rest): the title in quotes inside a
    newspaper, italic standing alone, as in the reference."""
    if who:
        return [f"({who}, {rest})"]
    title = headline_case(ref.title)
    return ["(", *(quoted(title, ",") if ref.publication else standing_title(title, ",")), f" {rest})"]


def _mla_reference(ref: Reference, locator: str | None) -> list[Segment]:
    """MLA 9: Author. “Title.” *Newspaper*, Date, Location. No newspaper: Author. *Title*. Date, Location."""
    date = f"{ref.date.day} {_MLA_MONTHS[ref.date.month - 1]} {ref.date.year}" if ref.date else None
    title = quoted(headline_case(ref.title), ".") if ref.publication else standing_title(headline_case(ref.title), ".")
    container = join([_publication(ref), date, _link(ref)], ", ")
    return [*_lead(names.mla_reference(ref.authors)), *title, " ", *container, "."]


def _mla_in_text(ref: Reference, locator: str) -> list[Segment]:
    """(Doe, par. 3): MLA puts a comma before a labelled locator such as "par."."""
    return _parenthetical(ref, names.mla_in_text(ref.authors), locator)


def _chicago_reference(ref: Reference, locator: str | None) -> list[Segment]:
    """Chicago 18 notes and bibliography: a note for a quotation, else the bibliography entry."""
    title = headline_case(ref.title)
    date = _month_day_year(ref.date)
    if locator is None:
        return _chicago_bibliography(ref, title, date)
    # Author, “Title,” *Newspaper*, Date, locator, Location.
    authors = names.chicago_note(ref.authors)
    return [*([f"{authors}, "] if authors else []), *quoted(title, ","), " ",
            *join([_publication(ref), date, locator, _link(ref)], ", "), "."]


def _chicago_bibliography(ref: Reference, title: str, date: str) -> list[Segment]:
    """Author. “Title.” *Newspaper*, Date. Location. With no author the newspaper
    takes its place (CMOS 14.89): *Newspaper*. “Title.” Date. Location."""
    authors = names.chicago_bibliography(ref.authors)
    if authors or not ref.publication:
        head = [*_lead(authors), *quoted(title, "."), " ", *join([_publication(ref), date], ", ")]
    else:
        head = [_publication(ref), ". ", *quoted(title, "."), " ", date]
    last = segment_text(head[-1])
    return [*head, punctuate(last, ".")[len(last):] + " ", _link(ref), "."]


@dataclass(frozen=True)
class Style:
    """How one style lays out a quotation and its reference."""

    locator_words: tuple[str, str]  #: one paragraph, several paragraphs
    #: The reference; given the locator when it carries one (no in-text citation).
    reference: Callable[[Reference, str | None], list[Segment]]
    #: The parenthetical citation that follows a quotation in running text.
    in_text: Callable[[Reference, str], list[Segment]] | None = None
    separator: str = "\n\n"  #: between the quotation and the reference in text
    lead: str = ""  #: before the reference when it follows a quotation
    markdown: bool = False  #: text/plain is Markdown (block quote, links)

    def render_reference(self, ref: Reference) -> Rendered:
        segments = self.reference(ref, None)
        return Rendered(as_markdown(segments) if self.markdown else as_text(segments), as_html(segments))

    def render(self, ref: Reference, passage: Passage) -> Rendered:
        """Text: the passage run in (quote marks) or as a Markdown block; HTML: a block quotation."""
        locator = self.locator(passage)
        in_text = self.in_text(ref, locator) if self.in_text and locator else None
        reference = self.reference(ref, None if in_text else locator)
        if self.markdown:
            quotation = "\n>\n".join(f"> {markdown_text(isolated(p), line_start=True)}"
                                     for p in passage.paragraphs)
            text = f"{quotation}{self.separator}{self.lead}{as_markdown(reference)}"
        else:
            run_in = _run_in(passage.paragraphs, as_text(in_text) if in_text else None)
            text = f"{run_in}{self.separator}{self.lead}{as_text(reference)}"
        blocks = [escape_html(p) for p in passage.paragraphs]
        if in_text:  # a block quotation ends with its citation, after the final punctuation
            blocks[-1] += f" <bdi>{as_html(in_text)}</bdi>"
        quote = "".join(f'<p dir="auto">{block}</p>' for block in blocks)
        return Rendered(text, f"<blockquote>{quote}</blockquote>\n<p>{escape_html(self.lead)}{as_html(reference)}</p>")

    def locator(self, passage: Passage) -> str | None:
        """"para. 3", "paras. 3–4"; None for words of the headline (it has no number)."""
        one, several = self.locator_words
        if passage.first == 0:
            return None
        if passage.first == passage.last:
            return f"{one} {passage.first}"
        return f"{several} {passage.first}–{passage.last}"


def _run_in(paragraphs: tuple[str, ...], in_text: str | None) -> str:
    """The passage in quote marks, for running text; right-to-left words isolated.

    With an in-text citation the sentence's full stop moves after the
    parenthesis, as APA and MLA ask: “… immigrants” (…).
    """
    quoted_paragraphs = [nest_quotes(p) for p in paragraphs]
    tail = ""
    if in_text:
        last = quoted_paragraphs[-1]
        ends_sentence = _ends_sentence(last)
        quoted_paragraphs[-1] = _without_final_period(last)
        tail = f" {in_text}{'.' if ends_sentence else ''}"
    return "\n\n".join("“" + isolated(p) for p in quoted_paragraphs) + "”" + tail


def _ends_sentence(text: str) -> bool:
    return text.rstrip("’").endswith((".", "?", "!", "…"))


def _without_final_period(text: str) -> str:
    """A final full stop dropped (not an ellipsis "..."), before any closing single quotes."""
    body = text.rstrip("’")
    if body.endswith(".") and not body.endswith(".."):
        return body[:-1] + text[len(body):]
    return text


STYLES: dict[str, Style] = {
    "plain": Style(("¶", "¶¶"), _plain_reference, separator=" ", lead="— "),
    "markdown": Style(("¶", "¶¶"), _plain_reference, separator="\n\n", lead="— ", markdown=True),
    "apa": Style(("para.", "paras."), _apa_reference, _apa_in_text),
    "mla": Style(("par.", "pars."), _mla_reference, _mla_in_text),
    "chicago": Style(("para.", "paras."), _chicago_reference),
}
