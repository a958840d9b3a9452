"""Who wrote an article: its "By Jane Doe" line, read into names.

A citation names the article's authors when the article says who they are, and
a plain-text archive says it only in a byline paragraph near the top. Reading
one must never turn an ordinary first sentence into an author: "By June 7 the
cable was cut", "By then, it was too late" and "By Article XII of the act" open
real paragraphs in the corpora. So a byline is recognised only when the whole
paragraph is short, is one line, and, after "By", holds nothing but names
(capitalised words, initials, particles, suffixes) and an optional affiliation.

Choices made here (each has a test):

* Agency bylines ("By Reuters", "By The Associated Press", "By AP") are read as
  one corporate author, ``PersonName(given="", family="Reuters")``, but only for
  the agencies listed in `AGENCIES`: a fixed list keeps false positives at zero,
  where "any capitalised word" would make "By Christmas" an author.
* A byline of one-word names only ("By Cher", "By Land and Sea") is refused,
  unless the word is an agency: one capitalised word after "By" is far more
  often a phrase ("By Design", "By Monday") than a person.
* A comma separates names only in a list that ends with "and" or "&" ("By A,
  B and C"); otherwise what follows the first comma is an affiliation ("By Jane
  Doe, Associated Press"), so "By Jane Doe, Richard Roe" names Jane Doe only.
* Everything after "|", "/", " - ", "–", "—" or ", for " is an affiliation.
* A title before a name is left out, as the styles leave it ("By Dr. Jane Doe").
* All-caps names are re-cased word by word ("JANE O'NEIL" -> "Jane O'Neil";
  "MCDONALD" -> "Mcdonald", as the right capitals are not knowable), particles
  in lower case ("BILL DE BLASIO" -> "Bill de Blasio").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfind.archive import paragraph_spans
from newsfind.reference import PersonName

#: A byline paragraph is at most this long, and among the first this many paragraphs.
MAX_BYLINE_CHARS = 120
BYLINE_PARAGRAPHS = 3
#: Words in one name, not counting a suffix ("Ana Maria de la Cruz" is five).
MAX_NAME_WORDS = 5

#: News agencies read as a corporate author: how a byline writes them (lower
#: case, without a leading "the") -> the name cited.
AGENCIES = {
    "reuters": "Reuters",
    "reuters staff": "Reuters",
    "thomson reuters": "Thomson Reuters",
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "afp": "Agence France-Presse",
    "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse",
    "upi": "United Press International",
    "united press international": "United Press International",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg News",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "dpa": "dpa",
    "kyodo": "Kyodo News",
    "kyodo news": "Kyodo News",
    "efe": "EFE",
    "ansa": "ANSA",
    "press association": "Press Association",
    "press trust of india": "Press Trust of India",
    "pti": "Press Trust of India",
}

#: Particles written before a family name ("de", "van der", "al-" is fused: "al-Masri").
PARTICLES = frozenset(
    "de del della da di du des dos das van von der den ter ten le la bin ibn st.".split()
)
_FUSED_PARTICLES = ("al-", "el-")
_TITLES = frozenset("dr dr. prof prof. professor rev rev. sir dame".split())
_SUFFIXES = {"Jr.": "Jr.", "Jr": "Jr.", "JR.": "Jr.", "JR": "Jr.", "Sr.": "Sr.", "Sr": "Sr.",
             "SR.": "Sr.", "SR": "Sr.", "II": "II", "III": "III", "IV": "IV"}

#: Capitalised words that do not belong in a person's name: function words
#: (a headline in title case, "By The Numbers", "By Any Means"), days and times
#: ("By Monday Night"), what a byline says instead of a name ("By Staff
#: Writer", "By Our Correspondent") and the institutions of an affiliation
#: ("By A, New York University and B, Johns Hopkins University"). Compared in
#: lower case.
_STOP_WORDS = frozenset("""
    a an the this that these those then now here there far way any all some many
    most more much each every either neither no not nor or but yet so if for of
    in on at to from with without into onto over under after before since until
    about against between through during via per than as is are was were be been
    has have had do does did our their his her its my your we they he she it you
    us them me which what whose who how when where why one first last next same
    such other another own i
    monday tuesday wednesday thursday friday saturday sunday
    morning evening afternoon night tonight today tomorrow yesterday midnight
    week weekend month year years decade century time
    staff writer writers reporter reporters correspondent correspondents editor
    editors contributor contributors columnist agencies agency team desk bureau
    news newsroom wire wires online
    university college institute school academy center centre foundation
    association society department ministry council committee commission
    corporation company group network media magazine journal times tribune
    herald gazette
    royal special popular public executive order request demand appointment
    invitation design default accident mistake choice proxy contrast comparison
    degrees numbers example definition
""".split())

_BY = re.compile(r"by(?::\s*|\s+)", re.IGNORECASE)
#: What starts an affiliation whatever comes before it.
_AFFILIATION = re.compile(r"\s*[|/]\s*|\s+-\s+|\s*[–—]\s*|,\s*for\s+", re.IGNORECASE)
#: ", Jr." belongs to the name before it, not to a list of names.
_SUFFIX_COMMA = re.compile(r",\s*(?=(?:JR|Jr|SR|Sr)\.?(?=[\s,]|\Z)|(?:II|III|IV)(?=[\s,.]|\Z))")
#: Between two names: captured, so the kind of each separator is known.
_SEPARATOR = re.compile(r"(\s*,\s*(?:(?:and|&)\s+)?|\s+and\s+|\s*&\s*)", re.IGNORECASE)
_CONNECTOR = re.compile(r"and|&", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*\Z")
_WORD_PARTS = re.compile(r"[-'’]")
_POSSESSIVE = re.compile(r"['’]S\Z")
_INITIAL = re.compile(r"(?:[^\W\d_]\.-?)+\Z|[^\W\d_]\Z")
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Byline:
    """The authors an article names, and where its byline paragraph lies."""

    authors: tuple[PersonName, ...]
    span: tuple[int, int]  #: (start, end) of the byline paragraph in the body


def find_byline(body: str) -> Byline | None:
    """The byline among the first paragraphs of an article body, or None."""
    for start, end in _first_paragraphs(body):
        if end - start > MAX_BYLINE_CHARS or "\n" in body[start:end]:
            continue
        authors = parse_byline(body[start:end])
        if authors:
            return Byline(authors, (start, end))
    return None


def _first_paragraphs(body: str) -> list[tuple[int, int]]:
    """paragraph_spans of the body's start, over the whole body only when needed."""
    head = body[:4096]
    spans = paragraph_spans(head)
    if len(head) < len(body) and len(spans) <= BYLINE_PARAGRAPHS:
        spans = paragraph_spans(body)  # the last one may run on past the head
    return spans[:BYLINE_PARAGRAPHS]


def parse_byline(line: str) -> tuple[PersonName, ...] | None:
    """The authors of one "By …" line, or None when it is not a byline."""
    match = _BY.match(line.strip())
    if not match:
        return None
    text = _AFFILIATION.split(line.strip()[match.end():], maxsplit=1)[0]
    parts = _SEPARATOR.split(_SUFFIX_COMMA.sub(" ", text))
    pieces, separators = parts[0::2], parts[1::2]
    names: list[_Name] = []
    for piece in pieces:
        name = _parse_name(piece)
        if name is None:
            break
        names.append(name)
    for count in range(len(names), 0, -1):
        if _is_whole_list(count, separators):
            found = names[:count]
            return tuple(name.person for name in found) if any(name.counts for name in found) else None
    return None


def _is_whole_list(count: int, separators: list[str]) -> bool:
    """Whether the first `count` names make a list, followed by nothing or by ", <affiliation>"."""
    if count > 1 and not _CONNECTOR.search(separators[count - 2]):
        return False  # "A, B" with no "and": B is an affiliation
    return count > len(separators) or not _CONNECTOR.search(separators[count - 1])


@dataclass(frozen=True)
class _Name:
    person: PersonName
    counts: bool  #: a name that makes a byline on its own: two words or more, or an agency


def _parse_name(piece: str) -> _Name | None:
    """One name of a byline, or None when the piece is not one."""
    agency = AGENCIES.get(_agency_key(piece))
    if agency:
        return _Name(PersonName(given="", family=agency), True)
    words = piece.split()
    if len(words) > 2 and words[0].lower() in _TITLES:
        words.pop(0)
    if words and _is_full_stop(words[-1]):
        words[-1] = words[-1][:-1]  # "By Jane Doe."
    suffix = _SUFFIXES.get(words[-1], "") if len(words) > 1 else ""
    if suffix:
        words.pop()
    if not 1 <= len(words) <= MAX_NAME_WORDS or any(word.lower() in _STOP_WORDS for word in words):
        return None
    family_split = _split_family(words[-1])
    if family_split is None:
        return None
    fused, family = family_split
    first_particle = len(words) - 1
    while first_particle > 1 and _is_particle(words[first_particle - 1]):
        first_particle -= 1
    given = words[:first_particle]
    if not all(_is_initial(word) or _is_name_word(word) for word in given):
        return None
    particles = [_particle_case(word) for word in words[first_particle:-1]]
    particle = " ".join(particles + [fused]) if fused else " ".join(particles)
    person = PersonName(
        given=" ".join(word if _is_initial(word) else _recase(word) for word in given),
        family=family,
        particle=particle,
        suffix=suffix,
    )
    return _Name(person, counts=len(words) > 1)


def _is_full_stop(word: str) -> bool:
    """Whether a name's last word ends a sentence ("Doe.", not "Jr." or "St.")."""
    if not word.endswith(".") or word in _SUFFIXES or word.lower() in PARTICLES:
        return False
    return len(word) > 2 and _is_name_word(word[:-1])


def _agency_key(piece: str) -> str:
    return " ".join(piece.split()).lower().removeprefix("the ")


def _split_family(word: str) -> tuple[str, str] | None:
    """(fused particle, family) of a name's last word: "al-Masri" -> ("al-", "Masri")."""
    for prefix in _FUSED_PARTICLES:
        rest = word[len(prefix):]
        same_case = rest.isupper() == word.isupper()
        if word[: len(prefix)] in (prefix, prefix.upper()) and same_case and _is_name_word(rest):
            return prefix, _recase(rest)
    if _is_name_word(word) and len(word) > 1:
        return "", _recase(word)
    return None


def _is_name_word(word: str) -> bool:
    """A capitalised ("O'Neil", "Jean-Paul", "McDonald") or all-caps ("DOE") word."""
    if not _NAME_WORD.match(word):
        return False
    if word.isupper():
        return not _POSSESSIVE.search(word)
    return all(part[:1].isupper() for part in _WORD_PARTS.split(word))


def _is_initial(word: str) -> bool:
    """ "J.", "J.R.", "J.-P." or a lone capital "J"."""
    return bool(_INITIAL.match(word)) and word.isupper()


def _is_particle(word: str) -> bool:
    lower = word.lower()
    return lower in PARTICLES and word in (lower, lower.capitalize(), word.upper())


def _particle_case(word: str) -> str:
    """As written ("de", "De"), but lower case when the byline shouts ("DE" -> "de", "ST." -> "St.")."""
    if not word.isupper():
        return word
    return word.capitalize() if word == "ST." else word.lower()


def _recase(word: str) -> str:
    """An all-caps word in title case ("O'NEIL" -> "O'Neil"); any other word as written."""
    if not word.isupper() or len(word) < 2:
        return word
    return _LETTERS.sub(lambda match: match.group().capitalize(), word)
