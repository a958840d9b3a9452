"""A citation's pieces and their three renderings: text/plain, Markdown and HTML.

A style builds a citation as a list of segments: plain strings (punctuation,
dates), spans of the article's own words (italic or not) and the file link.
Rendering them is the same for every style:

* Words of the article (its title, the passage) may be right-to-left. Set in a
  left-to-right citation they would pull the numbers beside them along
  ("5 ,[title] January 2020"), so they are isolated: U+2068 … U+2069 in text and
  Markdown, ``<bdi>`` in HTML (Unicode Bidirectional Algorithm, UAX #9, and the
  HTML living standard's advice for text of unknown direction).
* Markdown shows the file as its path in a code span and the file: URL as text:
  CommonMark renderers drop ``file:`` links by default (markdown-it's
  validateLink, commonmark.js' safe mode, GitHub's sanitiser), so a link would
  vanish; the URL as text survives everywhere and can be pasted.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

#: FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: the text inside takes its own direction.
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"


@dataclass(frozen=True)
class Words:
    """Words of the article itself (a title): isolated if right-to-left, maybe italic."""

    text: str
    italic: bool = False


@dataclass(frozen=True)
class Link:
    """The article's file: its path, linked to its file: URL when known."""

    text: str
    uri: str | None


Segment = str | Words | Link


def has_right_to_left(text: str) -> bool:
    """Holds a letter written right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko...)."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolated(text: str) -> str:
    """text between directional isolates when it holds right-to-left letters, else as it is."""
    return f"{ISOLATE_START}{text}{ISOLATE_END}" if has_right_to_left(text) else text


def segment_text(segment: Segment) -> str:
    """What a segment reads as, without marks: for punctuation decisions."""
    return segment if isinstance(segment, str) else segment.text


def punctuate(text: str, mark: str) -> str:
    """Text followed by mark, unless its own end punctuation already does the job."""
    if (mark == "." and text.endswith((".", "?", "!"))) or (mark == "," and text.endswith(("?", "!"))):
        return text
    return text + mark


def join(items: list[Segment | None], separator: str) -> list[Segment]:
    """Items joined by ", " or ". ", skipping missing ones and doubled punctuation."""
    mark = separator.strip()
    out: list[Segment] = []
    for item in items:
        if item is None or item == "":
            continue
        if out:
            previous = segment_text(out[-1])
            out.append(" " if punctuate(previous, mark) == previous else separator)
        out.append(item)
    return out


def as_text(segments: list[Segment]) -> str:
    return "".join(isolated(s.text) if isinstance(s, Words) else segment_text(s) for s in segments)


def as_html(segments: list[Segment]) -> str:
    out = []
    for segment in segments:
        if isinstance(segment, Link):
            text = escape_html(segment.text)
            out.append(f'<a href="{html.escape(segment.uri)}">{text}</a>' if segment.uri else text)
        elif isinstance(segment, Words):
            words = escape_html(segment.text)
            words = f"<bdi>{words}</bdi>" if has_right_to_left(segment.text) else words
            out.append(f"<i>{words}</i>" if segment.italic else words)
        else:
            out.append(escape_html(segment))
    return "".join(out)


def as_markdown(segments: list[Segment]) -> str:
    out = []
    for segment in segments:
        if isinstance(segment, Link):
            url = f" ({markdown_text(segment.uri)})" if segment.uri else ""
            out.append(code_span(segment.text) + url)
        elif isinstance(segment, Words):
            words = markdown_text(isolated(segment.text))
            out.append(f"*{words}*" if segment.italic else words)
        else:
            out.append(markdown_text(segment))
    return "".join(out)


def escape_html(text: str) -> str:
    return html.escape(text, quote=False)


def html_document(fragment: str) -> str:
    """A whole HTML document around fragment, as other programs expect a paste:
    the charset declared, the fragment marked (the Windows CF_HTML convention)."""
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n'
            f"<!--StartFragment-->{fragment}<!--EndFragment-->\n</body></html>")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&~|])")
_MD_LINE_START = re.compile(r"\A(?:([#+-])|(\d+)([.)]))")


def markdown_text(text: str, line_start: bool = False) -> str:
    """Markdown that shows text literally: no emphasis, links, lists or headings."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)
    return text


def code_span(text: str) -> str:
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"
