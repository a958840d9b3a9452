"""BibTeX and biblatex entries for a cited newspaper article, whatever its headline holds.

A headline is text as the newspaper set it, and a .bib file is read by several
programs that each fail in their own way on text that is not meant for them.
The rules here are those of the programs that read the entries:

* BibTeX counts braces even after a backslash, so ``\\{`` alone leaves a field
  open to the end of the file. Literal braces are written ``\\textbraceleft{}``
  and ``\\textbraceright{}``, so every field's braces balance; the characters
  TeX reads as commands (``\\ % & $ # _ ~ ^``) are escaped as LaTeX asks.
* Classic styles lower-case titles (plain.bst's ``change.case$ "t"``), which
  would make "mississippi" of a place name. Every word with a capital is
  braced; only the title's very first character is left to the style, so a
  first word such as "ZTE" or "iPhone" is braced too. A brace group starts with
  a letter or digit, never ``{\\``, which BibTeX would take for an accented
  character and lower-case all the same.
* BibTeX's standard styles want an author, a journal and a year in @article,
  so classic BibTeX gets @article only when all three are known and @misc
  (``howpublished`` = the newspaper) otherwise. biblatex has a type for a
  newspaper (@article with ``entrysubtype = {newspaper}``) that needs none of
  them, and a ``date``; classic BibTeX gets ``year`` and ``month`` (the month
  macro, which every style prints its own way), never ``date`` beside them.
* The file: ``note`` says where the passage stands (the caller's text, e.g.
  "file: sotu/237.txt, ¶ 3") for every style; ``url`` holds the file:// URL,
  which biblatex and the natbib-style .bst files print and plain.bst ignores.
* Names are written "von Last, Jr, First", with braces where a part would
  otherwise be split (a space in a family name, a comma, the word "and").
* Text other than the escapes stays UTF-8, as biber, bibtexu, bibtex8 and
  pybtex read it; white space (a line break too) becomes one space, since a
  blank line inside a field ends a paragraph where the field is typeset, and
  a no-break space becomes LaTeX's tie ``~`` (BibTeX would read U+00A0 as a
  letter, pybtex as a space).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import quote

from newsfind.reference import PersonName, Reference

DIALECTS = ("bibtex", "biblatex")

_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: The characters TeX reads as commands, and braces, as LaTeX text commands whose braces balance;
#: a no-break space as LaTeX's tie, which BibTeX and pybtex keep (they take U+00A0 for a space).
_ESCAPES = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "\u00a0": "~", "\u2007": "~", "\u202f": "~",
})

#: Control characters (not white space) dropped, lone surrogates (from undecodable bytes) made U+FFFD.
_INVISIBLE = str.maketrans(
    {code: None for code in range(0xA0) if unicodedata.category(chr(code)) == "Cc" and not chr(code).isspace()}
    | {code: "\ufffd" for code in range(0xD800, 0xE000)}
)
_WHITE_RUN = re.compile(r"[^\S\u00a0\u2007\u202f]+")  # every white space but the no-break ones


def single_line(text: str) -> str:
    """The text on one line, as every field of a .bib, RIS or CSL record wants it.

    Runs of white space (line and paragraph breaks too) become one space, no-break
    spaces are kept; control characters, which no program prints, are dropped.
    Shared with reference_formats.
    """
    return _WHITE_RUN.sub(" ", text.translate(_INVISIBLE)).strip()


def join_particle(particle: str, family: str) -> str:
    """ "de" and "Blasio" as "de Blasio", but "al-Assad", "d'Alembert": a particle that
    ends in a hyphen or an apostrophe runs into the name. Shared with reference_formats."""
    if not particle:
        return family
    return particle + ("" if particle.endswith(("-", "'", "’")) else " ") + family


def bibtex_key(ref: Reference) -> str:
    """First title word (ASCII letters first), year and the article id's start: stable and readable."""
    ascii_title = unicodedata.normalize("NFKD", ref.title).encode("ascii", "ignore").decode().lower()
    word = next(iter(re.findall(r"(?<![a-z0-9])[a-z][a-z0-9]*", ascii_title)), "article")
    year = ref.date.year if ref.date else ""
    return f"{word}{year}{re.sub(r'[^0-9A-Za-z]', '', ref.id)[:6]}"


def unique_keys(refs: Sequence[Reference]) -> list[str]:
    """bibtex_key of each reference, made unique within the list ("-2", "-3"... on a repeat).

    BibTeX, biber and pandoc reject or merge two entries with one key; the same
    article cited for two passages, or two ids that begin alike, would make one.
    """
    keys: list[str] = []
    taken: set[str] = set()
    for ref in refs:
        base = key = bibtex_key(ref)
        number = 1
        while key in taken:
            number += 1
            key = f"{base}-{number}"
        taken.add(key)
        keys.append(key)
    return keys


def bibtex_entry(ref: Reference, *, note: str | None = None, annote: str | None = None,
                 dialect: str = "bibtex", key: str | None = None) -> str:
    """The article as one BibTeX ("bibtex") or biblatex ("biblatex") entry.

    `note` is where the passage stands ("file: sotu/237.txt, ¶ 3"), `annote` the
    passage itself (biblatex's ``annotation``); `key` replaces bibtex_key(ref),
    for lists that need unique_keys. Raises ValueError for another dialect.
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r}: choose one of {', '.join(DIALECTS)}")
    biblatex = dialect == "biblatex"
    entry_type, fields = _biblatex_fields(ref) if biblatex else _bibtex_fields(ref)
    fields += [
        ("url", _url(ref.uri)),
        ("note", _braced(note)),
        ("annotation" if biblatex else "annote", _braced(annote)),
    ]
    lines = [f"@{entry_type}{{{key or bibtex_key(ref)}", *(f"  {name} = {value}" for name, value in fields if value)]
    return ",\n".join(lines) + "\n}"


def _bibtex_fields(ref: Reference) -> tuple[str, list[tuple[str, str | None]]]:
    """Classic BibTeX: @article only with what the standard styles require of one."""
    article = bool(ref.authors and ref.publication and ref.date)
    fields = [
        ("author", _authors(ref.authors)),
        ("title", _title(ref.title)),
        ("journal" if article else "howpublished", _braced(ref.publication)),
    ]
    if ref.date:
        fields += [("year", _braced(str(ref.date.year))), ("month", _MONTH_MACROS[ref.date.month - 1])]
    return ("article" if article else "misc"), fields


def _biblatex_fields(ref: Reference) -> tuple[str, list[tuple[str, str | None]]]:
    """biblatex: a newspaper article whenever the newspaper is known, an ISO date."""
    article = bool(ref.publication)
    fields = [
        ("author", _authors(ref.authors)),
        ("title", _title(ref.title)),
        ("journaltitle", _braced(ref.publication)),
        ("entrysubtype", "{newspaper}" if article else None),
        ("date", _braced(ref.date.isoformat()) if ref.date else None),
    ]
    return ("article" if article else "misc"), fields


def _braced(text: str | None) -> str | None:
    """A field's value: escaped, on one line, in braces; None when there is no text."""
    text = single_line(text) if text else ""
    return "{" + text.translate(_ESCAPES) + "}" if text else None


def _title(text: str) -> str | None:
    """The title with every word that has a capital braced, so no style lower-cases it."""
    text = single_line(text)
    pieces: list[str] = []
    done = 0
    for start, end in _word_spans(text):
        word = text[start:end]
        if any(ch != ch.lower() for ch in (word[1:] if start == 0 else word)):
            pieces += [text[done:start].translate(_ESCAPES), "{", word.translate(_ESCAPES), "}"]
            done = end
    pieces.append(text[done:].translate(_ESCAPES))
    return "{" + "".join(pieces) + "}" if text else None


def _word_spans(text: str) -> list[tuple[int, int]]:
    """Each word's span: from its first letter or digit to its last letter, digit or accent.

    Quotes, brackets and punctuation around a word stay outside its braces, so
    a group never opens on a backslash ("$US" is ``\\${US}``).
    """
    spans = []
    for token in re.finditer(r"\S+", text):
        chars = token.group()
        inside = [i for i, ch in enumerate(chars) if _is_letter(ch) or unicodedata.category(ch).startswith("M")]
        first = next((i for i in inside if _is_letter(chars[i])), None)
        if first is not None:
            spans.append((token.start() + first, token.start() + inside[-1] + 1))
    return spans


def _is_letter(ch: str) -> bool:
    """A letter or digit, or any character that has a case (Ⓐ): what a style may lower-case."""
    return ch.isalnum() or ch != ch.lower()


def _authors(people: Sequence[PersonName]) -> str | None:
    names = [name for name in map(_bibtex_name, people) if name]
    return "{" + " and ".join(names) + "}" if names else None


def _bibtex_name(person: PersonName) -> str:
    """ "von Last, Jr, First": the form BibTeX and biber split without guessing."""
    family = _name_part(person.family or person.given, one_name=True)
    if not family:
        return ""
    last = join_particle(_name_part(person.particle), family)
    given = _name_part(person.given) if person.family else ""
    suffix = _name_part(person.suffix)
    parts = [last, suffix, given] if suffix else [last, given] if given else [last]
    return ", ".join(parts).rstrip()  # "Prince, III," when no given name is known


def _name_part(text: str, one_name: bool = False) -> str:
    """A part of a name, braced where BibTeX would split it or read it as "and others"."""
    text = single_line(text)
    split = "," in text or re.search(r"(?i)(?<!\S)and(?!\S)", text) or text.lower() == "others"
    escaped = text.translate(_ESCAPES)
    return "{" + escaped + "}" if split or (one_name and any(ch.isspace() for ch in text)) else escaped


def _url(uri: str | None) -> str | None:
    """The URL as it is (``url`` is verbatim for biblatex and \\url), with any brace,
    backslash or space percent-encoded so that it cannot unbalance the entry."""
    return "{" + re.sub(r"[\s{}\\]", lambda m: quote(m.group()), uri) + "}" if uri else None
