"""Headline title case and quote typography for titles set inside a citation.

MLA 9 and Chicago 18 set the title of an article in headline style, APA 7 in
sentence case. Archives give headlines as the paper printed them, often in
sentence case, so the MLA and Chicago citations have to raise them the way
citation processors do (citeproc-js in Zotero, pandoc's citeproc) for
``text-case="title"``. The CSL 1.0.2 specification ("Text-case") asks:

* the first character of each lower-case word is capitalised, words in mixed
  or upper case stay as they are (iPhone, eBay, NASA);
* the stop words "a an and as at but by down for from in into nor of on onto
  or over so the till to up via with yet" stay lower case, unless they are the
  first or last word of the string or follow a colon;
* the parts of a hyphenated word are treated as words of their own;
* title case is an English convention: it applies to English items only.

Adapted for newsfind:

* Nothing is ever lowered. The spec lowers stop words and the letters of an
  all-caps title; our users asked that whatever the paper capitalised stay
  capitalised (a capitalised "The" may start a quoted work, a name or a pun),
  so title case here only raises letters. Hence it is idempotent and keeps the
  length of the text: a letter whose title case is longer ("ß" to "Ss") stays.
* Like Chicago (8.159-8.161), a stop word is also raised at either end of a
  clause inside the headline: around a colon, an em dash or a sentence end
  ("It's Over! The Fans Go Home"). In a hyphenated compound the first and last
  parts are raised and only stop words inside stay lower ("Up-to-Date",
  "Follow-Up").
* A lower-case name particle before a name stays lower ("de Blasio",
  "van der Sar", "al-Assad"); "v.", "vs." and the "n" of rock 'n' roll count
  as stop words.
* URLs, e-mail addresses, paths, handles, identifiers and abbreviations with
  inner dots (a.m., e.g.) are left as written.

Without a language field in the archives, `looks_english` guesses from the
script and from function words, so that a German or French headline is left
as written (CSL, given a language other than English, does the same).

Pure text functions (no Qt), tested by exact strings and by properties.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["STOP_WORDS", "curl_quotes", "headline_case", "looks_english", "nest_quotes", "title_case"]

#: Words left lower case: the CSL 1.0.2 specification's stop words and "about" (as
#: pandoc's citeproc has them: tests/test_title_case.py holds our headlines against it),
#: "v", "vs", "versus" (Chicago 8.159) and the "n" of rock ’n’ roll. citeproc-js's far
#: longer list also lower-cases "out" and "like" as verbs ("Ride out", "We'd like").
STOP_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on",
    "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet",
    "about", "v", "vs", "versus", "n",
})

# Particles of personal names, lower case before the name they belong to.
_PARTICLES = frozenset({
    "al", "bin", "ibn", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "la", "le", "van",
    "von", "zu",
})

# Words ending in "." that do not end a sentence (Mr. Smith, No. 10, Man vs. Machine).
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "mt", "ft", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "reps", "lt",
    "col", "capt", "sgt", "supt", "pres", "rev", "hon", "atty",
    "inc", "co", "corp", "ltd", "bros", "assn", "dept", "univ", "no", "nos", "vol", "fig", "pp", "op", "cf",
    "ca", "al", "etc", "vs", "v", "approx", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

# A word: white space, em dashes and runs of two or more hyphens separate words.
_TOKEN = re.compile(r"(?:[^\s—―-]|(?<!-)-(?!-))+")
_DASH_GAP = re.compile(r"[—―]|--")
_PART = re.compile(r"[^-‐‑–]+")  # the parts of a hyphenated word
_DASHES = frozenset("-‐‑–—―")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")  # punctuation around a word part
# Characters that make a word an identifier of some kind: left as written.
_IDENTIFIER = re.compile(r"[/\\@_#]")


def title_case(text: str) -> str:
    """Headline-style title case that only ever raises letters (see the module docstring)."""
    words = _words(text)
    chars = list(text)
    for n, word in enumerate(words):
        if not word.editable:
            continue
        free = word.free
        last = n == len(words) - 1 or words[n + 1].free  # the end of the headline or of a clause
        parts = [m.span() for m in _PART.finditer(text, word.start, word.end)]
        for k, (a, b) in enumerate(parts):
            part = text[a:b]
            key = _EDGE.sub("", part)
            inner = 0 < k < len(parts) - 1
            if key in STOP_WORDS and (inner or (len(parts) == 1 and not (free or last))):
                continue
            if key in _PARTICLES and not (free and k == 0):
                following = text[slice(*parts[k + 1])] if k + 1 < len(parts) else None
                if _names_follow(text, words[n + 1:], following):
                    continue
            _raise_first_letter(chars, part, a)
    return "".join(chars)


class _Word(NamedTuple):
    start: int  #: text[start:end] runs from the first to the last letter or digit (quotes, brackets outside)
    end: int
    free: bool  #: a stop word here is raised: the first word, or after a colon, dash or sentence end
    editable: bool  #: False for identifiers (URLs, paths, handles, a.m.): words for the rules, left as written


def _words(text: str) -> list[_Word]:
    """Every word of the text, in order, with where its clause starts."""
    words: list[_Word] = []
    free = True  # the first word
    previous_end = 0
    for match in _TOKEN.finditer(text):
        token, offset = match.group(), match.start()
        if _DASH_GAP.search(text, previous_end, offset):
            free = True
        previous_end = match.end()
        alnum = [i for i, c in enumerate(token) if c.isalnum()]
        if not alnum:
            free = free or _ends_clause(token, "")
            continue
        first, last = alnum[0], alnum[-1] + 1
        core, leading = token[first:last], token[:first]
        identifier = bool(_IDENTIFIER.search(token) or "." in core
                          or (leading.endswith(".") and not leading.endswith("..")))
        words.append(_Word(offset + first, offset + last, free, not identifier))
        free = _ends_clause(token[last:], core)
    return words


def _ends_clause(trailing: str, core: str) -> bool:
    """Whether punctuation after a word ends a clause, so that the next stop word is raised."""
    if not core and trailing and all(c in _DASHES for c in trailing):
        return True  # a spaced dash: "war - a history", "war – a history"
    if any(c in trailing for c in ":?!"):
        return True
    if "." not in trailing or ".." in trailing:
        return False  # no full stop, or an ellipsis
    abbreviation = (core.lower() in _ABBREVIATIONS or "." in core
                    or (len(core) == 1 and core.isalpha()))
    return not abbreviation


def _names_follow(text: str, later: list[_Word], following: str | None) -> bool:
    """Whether a name particle stands before a capitalised name ("de Blasio", "van der Sar").

    following is the next part of the same hyphenated word ("al-Assad"), if any.
    """
    if following is not None:
        return _starts_upper(following)
    for later_word in later:
        word = text[later_word.start:later_word.end]
        if not (word in _PARTICLES and word.islower()):
            return _starts_upper(word)
    return False


def _starts_upper(word: str) -> bool:
    first = next((c for c in word if c.isalnum()), "")
    return first.isupper() or first.istitle()


def _raise_first_letter(chars: list[str], part: str, offset: int) -> None:
    """Raise the first letter of a lower-case word part, in place; anything else stays."""
    if any(c.isupper() or c.istitle() for c in part):
        return  # the paper's own capitals: iPhone, McDonald, NASA
    i = next((i for i, c in enumerate(part) if c.isalnum()), None)
    if i is None or not part[i].isalpha() or not part[i].islower():
        return  # 680, 3D, 1990s
    raised = part[i].title()
    # Only a true pair of cases: "ß" (to "Ss"), "µ" (micro, to Greek "Μ") and "ſ" stay as they are.
    if len(raised) == 1 and raised != part[i] and raised.lower() == part[i] and raised.title() == raised:
        chars[offset + i] = raised


# --------------------------------------------------------------------------
# Language

# Function words of other Latin-script languages: 1 when the word is not
# English, 0.5 when it is also an English word or common in names that English
# headlines print (de Blasio, Le Pen, Los Angeles, van der Sar); a half-weight
# word right before a capitalised word counts nothing, as that is usually a name.
_FOREIGN_STRONG = (
    # German
    "und das ein eine einen einem einer eines für mit nicht ist sind wird werden wurde wurden haben"
    " auf bei nach vor zum zur vom beim im zu gegen über auch noch nur schon mehr sich dass daß oder aber"
    " wie wenn kein keine neue neuen neuer neues soll kann muss seit ohne durch zwischen wegen jetzt"
    " heute gibt"
    # French
    " une dans avec sur aux qui que ne sont ont été cette ces leur leurs vous ils selon après contre"
    " très mais ou où il"
    # Spanish
    " por una unos unas está están según pero más sobre tras desde muy fue"
    # Italian
    " della delle degli dello nel nella nelle negli sono gli alla alle dalla sul sulla tra è anche più"
    " contro dopo"
    # Portuguese
    " não uma em ao aos os pelo pela pelos pelas mais muito seu sua também após foi à é"
    # Dutch
    " het een niet voor zijn naar bij ook uit wordt worden heeft nog maar deze aan geen tegen"
    # Danish, Norwegian, Swedish
    " og och ikke inte av att på är från ett ble blir efter etter mot eller"
    # Polish, Czech, Turkish, Hungarian, Romanian, Indonesian, Vietnamese, Tagalog, Finnish, Catalan
    " się nie że jest dla oraz przez są czy już jsou že jako nebo bir için çok daha és egy hogy"
    " și şi în pentru dari untuk dengan ini itu tidak akan và của các được những là không trong cho"
    " ng mga että ovat amb els"
)
_FOREIGN_WEAK = (
    "der die den dem des von aus ins hat bis"
    " le la les du et est pour au par pas sans entre se en un elle nous chez"
    " el los las del y con para su sus como ante hasta sin lo es al han"
    " di da e per che non dei dal ai"
    " um dos na com contra são"
    " van de op te dat er om dit"
    " til som med har fra det kan af vil jag"
    " ve od po za ile bu nem az cu pe din mai dan yang ke ja ei oli kun sa"
)
_FOREIGN = {**dict.fromkeys(_FOREIGN_WEAK.split(), 0.5), **dict.fromkeys(_FOREIGN_STRONG.split(), 1.0)}
# French and Italian elisions: l’économie, d’un, qu’il, dell’Europa.
_ELIDED = frozenset({"l", "d", "qu", "c", "j", "dell", "dall", "nell", "sull", "all", "un"})

_ENGLISH_STRONG = (
    "the of and to for with from by are were after over says said say new amid into its his her their"
    " this that it be been has have had would not but who what how why when up out about than"
    " against between before could should can may you we they he she our your my off back more"
    " under just during among despite while which there through or"
)
_ENGLISH_WEAK = "in on a an at as is was will so"  # also German, Dutch, Portuguese, Danish words
_ENGLISH = {**dict.fromkeys(_ENGLISH_WEAK.split(), 0.5), **dict.fromkeys(_ENGLISH_STRONG.split(), 1.0)}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_ELISION_PREFIX = re.compile(r"([^'’]+)['’]")


def looks_english(text: str) -> bool:
    """Whether a headline is probably English, so that title case suits it.

    False when it has letters of a non-Latin script, or when function words of
    other languages outweigh English ones (at least one full foreign word's
    worth). Text without function words counts as English, as CSL treats an
    item without a language.
    """
    if any(c.isalpha() and not _is_latin(c) for c in text):
        return False
    words = _WORD.findall(text)
    foreign = english = 0.0
    for n, word in enumerate(words):
        if len(word) > 1 and word.isupper():
            continue  # an acronym: OS, IL, LA, MIT
        key = word.lower()
        english += _ENGLISH.get(key, 0.0)
        elided = _ELISION_PREFIX.match(word)
        if elided:
            weight = 0.5 if elided.group(1).lower() in _ELIDED else 0.0
            name_next = _starts_upper(word[elided.end():])
        else:
            weight = _FOREIGN.get(key, 0.0)
            name_next = n + 1 < len(words) and _starts_upper(words[n + 1])
        foreign += 0.0 if weight == 0.5 and name_next else weight
    return not (foreign >= 1 and foreign > english)


def _is_latin(letter: str) -> bool:
    """Whether a letter belongs to the Latin script (modifier letters and letterlike symbols count)."""
    if letter < "\u0370" or "\u2100" <= letter <= "\u214f":
        return True
    return "LATIN" in unicodedata.name(letter, "")


def headline_case(text: str) -> str:
    """Title case for an English headline; any other headline as written."""
    return title_case(text) if looks_english(text) else text


# --------------------------------------------------------------------------
# Quotes

_STRAIGHT = re.compile("[\"']")
_OPENS_AFTER = frozenset("([{<“‘«‹„‚/—–-‐‑")
# A leading apostrophe of an elision: ’90s, rock ’n’ roll, ’tis, ’em, ’til.
_ELISION = re.compile(r"(?:\d\d(?!\d)|(?:n|em|tis|twas|til)(?![^\W_]))", re.IGNORECASE)
# In cite.py since before this module: a straight " opens after these, or at the start.
_OPENING_STRAIGHT = re.compile(r'(?<![^\s(\[{<‘/—–-])"')


def curl_quotes(text: str) -> str:
    """Straight quotes made typographic, as style guides set a quoted title.

    An apostrophe (Canada’s, won’t, the kids’, ’90s) becomes ’; a quote opens
    at the start or after white space, an opening bracket, a dash or another
    opening quote, when a non-space follows; otherwise it closes. Curly
    quotes are kept.
    """
    return _curl(text, double=True)


def nest_quotes(text: str) -> str:
    """Text ready to stand inside “…”, American style: its double quotes become single.

    Curly double quotes become ‘ ’; a straight double quote opens after white
    space, an opening bracket, ‘, / or a dash, or at the start, and closes
    elsewhere (as cite.py always did); straight single quotes and apostrophes
    are curled as by `curl_quotes`.
    """
    text = text.replace("“", "‘").replace("”", "’")
    text = _OPENING_STRAIGHT.sub("‘", text).replace('"', "’")
    return _curl(text, double=False)


def _curl(text: str, double: bool) -> str:
    """Curl straight quotes left to right, so a quote sees the curled one before it."""
    chars = list(text)
    for match in _STRAIGHT.finditer(text):
        i = match.start()
        if match.group() == '"' and not double:
            continue
        before = chars[i - 1] if i else ""
        after = text[i + 1:i + 2]
        opens = (not before or before.isspace() or before in _OPENS_AFTER) and bool(after) and not after.isspace()
        if match.group() == '"':
            chars[i] = "“" if opens else "”"
        elif before.isalnum() or (opens and _ELISION.match(text, i + 1)):
            chars[i] = "’"  # apostrophe: Canada’s, won’t, the kids’, ’90s
        else:
            chars[i] = "‘" if opens else "’"
    return "".join(chars)
