"""From what the user typed to a Whoosh query that answers right, and soon.

Whoosh's parser is given only what it understands: the text is checked first
(operators with nothing beside them, stray `<` and `>`, unbalanced quotes and
brackets, unknown fields each get a message saying what to fix), and anything
the parser still fails on becomes a QueryError, never a traceback. The parsed
query is then fitted to this index: dates mean whole periods, `-word` leaves a
word out, a lone NOT finds every article without the word, a bare `*` finds
every article, and each prefix, wildcard, fuzzy word or word range is expanded
once against the index's words, to at most MAX_PATTERN_WORDS words, so that no
query can run away. The index folds accents (Bürger and burger are one word);
`=Bürger` (also `=Bürger*`, `="die Bürger"`) keeps the folded word's articles
to those where it is spelled so, read from their stored text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.qparser import AndGroup, FuzzyTermPlugin, GtLtPlugin, MultifieldParser, SingleQuotePlugin
from whoosh.qparser import syntax
from whoosh.qparser.plugins import PhrasePlugin, TaggingPlugin

from newsfind.analysis import _WORD as WORD, stem
from newsfind.cancellation import Cancelled, check_cancelled
from newsfind.lexicon import Lexicon, Words
from newsfind.mark_queries import FIELDS as MARK_FIELDS
from newsfind.mark_queries import MarkPlugin, MarksUnavailable, MarkSource, resolve_marks
from newsfind.phrases import FastPhrase
from newsfind.set_queries import DateSpan, ExactDocs, Spellings, WordsUnion, exact_part, exactly
from newsfind.wording import plural

SEARCH_FIELDS = ("title", "body", "date", "path")
TEXT_FIELDS = ("title", "body")
MAX_QUERY_CHARS = 1000
#: All the prefixes, wildcards, fuzzy words and word ranges of a query stand
#: for at most this many words together, shared equally (the first of each, in
#: alphabetical order); the user is told when a pattern stood for more.
MAX_PATTERN_WORDS = 1000
#: ...and past their first 16 words, the words are held by at most this many
#: articles, counted once per word (reading postings is the cost: about 0.8 s
#: for 700,000 of them over 100,000 articles).
MAX_PATTERN_POSTINGS = 300_000
#: More patterns than this in one query is refused.
MAX_PATTERNS = 12
#: Up to this many words, a pattern's words are scored like typed words; beyond,
#: every article holding one of them scores the same (as Lucene does), which
#: costs one pass over their postings instead of a union matched document by document.
SCORED_PATTERN_WORDS = 16
MAX_FUZZY_EDITS = 2
#: Indexed words in one phrase at most (common words like "the" do not count).
MAX_PHRASE_WORDS = 16
_OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
_BINARY = ("AND", "OR", "ANDNOT", "ANDMAYBE")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")
_PERIOD_END = "-\uffff"  #: after every day of a year or month ("2016" + this > "2016-12-31")


class QueryError(ValueError):
    """A query the user must fix; the message says how, in plain words."""


@dataclass
class ParsedQuery:
    query: wq.Query
    #: What the user should know about how the query was read ("*a* matches 17,906 words: …").
    notes: list[str] = field(default_factory=list)


class QueryParser:
    """Parses the query language for one index (its schema and its words)."""

    def __init__(self, schema) -> None:
        self._parser = MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts={"title": 2.0}, group=AndGroup)
        # 'single quotes' would search a word unstemmed and unfolded, finding nothing;
        # apostrophes belong to words (o'rourke).
        self._parser.remove_plugin_class(SingleQuotePlugin)
        self._parser.add_plugin(FuzzyTermPlugin())
        self._parser.add_plugin(GtLtPlugin())
        self._parser.add_plugin(_ExactPlugin())
        self._parser.add_plugin(MarkPlugin())
        #: Which articles hold each word asked for exactly (=Bürger), per segment.
        self._spellings = Spellings()

    def parse(self, text: str, reader, lexicon: Lexicon, cancelled: Cancelled,
              marks: MarkSource | None = None) -> ParsedQuery:
        """Raises QueryError with a message saying what to fix; marks gives the paths
        is:starred, is:reviewed and tag:NAME cover in this archive."""
        text = prepare_text(text)
        if not text.strip():
            raise QueryError("type one or more words to search for")
        check_syntax(text)
        try:
            parsed = self._parser.parse(text)
        except Exception as error:  # Whoosh's parser fails with IndexError and others on odd input
            raise QueryError(f"could not understand {text!r} ({type(error).__name__}): "
                             "check the operators (AND, OR, NOT) and brackets") from error
        errors = [node.error for node in walk(parsed) if getattr(node, "error", None)]
        if errors:
            raise QueryError(f"could not understand {text!r}: {errors[0]}")
        parsed = _lone_nots(_fit(parsed))
        if parsed is wq.NullQuery or not any(True for _ in leaves(parsed)):
            raise QueryError("only very common words (like “the” or “and”), which are not indexed: "
                             "add a more specific word")
        _check_phrases(parsed)
        patterns = [leaf for leaf in walk(parsed) if isinstance(leaf, wq.MultiTerm) and leaf.field() in TEXT_FIELDS]
        typed = {_typed(leaf) for leaf in patterns}  # a word is searched in headline and text: one pattern
        if len(typed) > MAX_PATTERNS:
            raise QueryError(f"the query has {len(typed)} words with *, ? or ~ (or word ranges): "
                             f"use at most {MAX_PATTERNS}")
        share = max(1, len(patterns))
        expander = _Expander(reader, lexicon, cancelled, MAX_PATTERN_WORDS // share, MAX_PATTERN_POSTINGS // share,
                             self._spellings)
        try:
            expanded = resolve_marks(_expand(parsed, expander), marks)
        except MarksUnavailable:
            raise QueryError("is: and tag: search your marks on articles, which cannot be read here") from None
        return ParsedQuery(expanded, expander.notes())


# ---------------------------------------------------------------- the text


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RELATION = re.compile(r"(?<!:)(?:<=|>=|=<|=>|<|>)")
_MINUS = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())-(?=[\w\"(]|=[\w\"])")
_PLUS = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=\())\+(?=[\w\"(]|=[\w\"])")


def prepare_text(text: str) -> str:
    """Characters Whoosh cannot take made harmless; `-word` is NOT word, `+word` word.

    A lone surrogate (from a pasted broken file name) becomes U+FFFD, as it does
    in indexed text; `<` and `>` mean something only after a field (date:<2016),
    elsewhere they are punctuation, as in articles.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long: shorten it to at most "
                         f"{MAX_QUERY_CHARS:,}")
    text = _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))
    pieces = text.split('"')
    for i in range(0, len(pieces), 2):  # outside phrases only
        piece = _RELATION.sub(" ", pieces[i])
        pieces[i] = _PLUS.sub("", _MINUS.sub("NOT ", piece))
    return '"'.join(pieces)


def check_syntax(text: str) -> None:
    """Catch what Whoosh would fail on or silently misread."""
    if text.count('"') % 2:
        raise QueryError("a quotation mark is not closed: phrases go between two \"")
    outside = re.sub(r'"[^"]*"', " _ ", text)  # a phrase is one word to the operators
    depth = 0
    for ch in outside:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise QueryError("a “)” has no matching “(”")
    if depth:
        raise QueryError("a “(” is not closed")
    if _EXACT_IN_PHRASE.search(" ".join(text.split('"')[1::2])):
        raise QueryError("put “=” before the quotation mark, like =\"Bürger von Köln\", to find "
                         "a phrase spelled exactly so")
    if outside.count("[") != outside.count("]") or outside.count("{") != outside.count("}"):
        raise QueryError("a date range needs both brackets, like date:[2019-01-01 TO 2019-12-31]")
    for field_name in re.findall(r"(?<![\w\"])(\w+):(?!//)", outside):
        if field_name not in SEARCH_FIELDS + MARK_FIELDS:
            raise QueryError(f"there is no field “{field_name}”: search in {', '.join(f + ':' for f in SEARCH_FIELDS)}"
                             " (or is:starred, is:reviewed, is:unreviewed, tag:NAME)")
    bare = re.search(r"(?<![^\s(])(is|tag):(?![^\s)])", re.sub(r'"[^"]*"', "_", text))
    if bare:
        raise QueryError(f"“{bare.group()}” needs a value after it, like is:starred, is:unreviewed or tag:follow-up")
    relation = re.search(r"\w:(?:<=|>=|=<|=>|<|>)(?![^\s()])", outside)
    if relation:
        raise QueryError(f"“{relation.group()[1:]}” needs a value after it, like date:<2016 or date:>=2017-03")
    _check_operators(re.findall(r"[()]|[^\s()]+", outside))


def _check_operators(tokens: list[str]) -> None:
    """AND, OR, ANDNOT, ANDMAYBE need a word on each side; NOT needs one after it."""
    for i, token in enumerate(tokens):
        if token not in _OPERATORS:
            continue
        before = tokens[i - 1] if i else "("
        after = tokens[i + 1] if i + 1 < len(tokens) else ")"
        if token == "NOT":
            if after in _OPERATORS or after == ")":
                raise QueryError("“NOT” needs a word after it, like: police NOT fire (or police -fire)")
        elif before in _OPERATORS or before == "(" or after in _BINARY or after == ")":
            raise QueryError(f"“{token}” needs a word on each side, like: police {token} fire")


# ------------------------------------------------------------- fitting


def _fit(q: wq.Query) -> wq.Query:
    """Dates as whole periods, `*` as every article."""
    if getattr(q, "fieldname", None) == "date" and q.is_leaf():
        return _date_query(q)
    if isinstance(q, wq.Every) or (isinstance(q, wq.Wildcard) and q.fieldname in TEXT_FIELDS and set(q.text) == {"*"}):
        return wq.Every()
    if q.is_leaf():
        return q
    fitted = q.apply(_fit)
    if isinstance(fitted, wq.Or) and all(isinstance(child, wq.Every) for child in fitted.children()):
        return wq.Every()  # * in headline or text: every article, once
    return fitted


def _date_query(q: wq.Query) -> wq.Query:
    """date:2017 is the whole year; date:[2016 TO 2016] too; date:<2016 before it."""
    if isinstance(q, wq.Term):
        start = _date_bound(q.text)
        return DateSpan(start, _period_end(start), boost=q.boost)
    if isinstance(q, wq.TermRange):
        start = _date_bound(q.start) if q.start else None
        end = _date_bound(q.end) if q.end else None
        if start and q.startexcl:
            start = _period_end(start)  # after 2016: from 2017 on
        if end and not q.endexcl:
            end = _period_end(end)  # up to 2016: through its last day
        return DateSpan(start, end, q.startexcl, q.endexcl, boost=q.boost)
    if isinstance(q, (wq.Prefix, wq.Every)):  # date:2017-0* or date:* (every dated article)
        return q
    raise QueryError("date: takes a date (date:2017, date:2017-04, date:2017-04-05) or a range "
                     "(date:[2016 TO 2017], date:>2017-03-01, date:<2016)")


def _date_bound(value: str) -> str:
    value = value.strip()
    if not _DATE.match(value):
        raise QueryError(f"“{value}” is not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY)")
    return parse_date(value)


def parse_date(value: str | dt.date | None, end: bool = False) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound as the index's date string (`end`:
    a year or month given as the end of a range lasts through its last day)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip()
    for pattern, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            dt.datetime.strptime(text.zfill(size) if size == 4 else text, pattern)
        except ValueError:
            continue
        return _period_end(text) if end else text
    raise QueryError(f"“{value}” is not a date: write it as YYYY-MM-DD (or YYYY-MM, or YYYY)")


def _period_end(value: str) -> str:
    return value if len(value) == 10 else value + _PERIOD_END


def _check_phrases(q: wq.Query) -> None:
    longest = max((len(leaf.words) for leaf in walk(q) if isinstance(leaf, wq.Phrase)), default=0)
    if longest > MAX_PHRASE_WORDS:
        raise QueryError(f"a phrase of {longest} words: search for at most {MAX_PHRASE_WORDS} "
                         "(the most telling part of the passage)")


def _lone_nots(q: wq.Query) -> wq.Query:
    """NOT x alone (or only NOTs) finds every article without x."""
    if isinstance(q, wq.Not):
        return wq.AndNot(wq.Every(), q.query)
    if isinstance(q, wq.And) and q.subqueries and all(isinstance(s, wq.Not) for s in q.subqueries):
        return wq.AndNot(wq.Every(), wq.Or([s.query for s in q.subqueries]))
    return q


def walk(q: wq.Query):
    yield q
    for child in q.children():
        yield from walk(child)


def leaves(q: wq.Query):
    """Leaf queries that must match (NOT parts are left out); a word asked
    for exactly (=Bürger) is its ExactDocs, not the folded words beside it."""
    exact = exact_part(q)
    if exact is not None:
        yield exact
        return
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from leaves(q.a)
        return
    if q.is_leaf():
        if q is not wq.NullQuery:
            yield q
        return
    for child in q.children():
        yield from leaves(child)


# ------------------------------------------------------------- expanding


@dataclass
class _Expander:
    reader: object
    lexicon: Lexicon
    cancelled: Cancelled
    limit: int  #: words per pattern at most
    postings: int  #: articles holding them per pattern at most (counted once per word)
    spellings: Spellings  #: which articles hold the words asked for exactly
    #: pattern as typed → (words it stands for, words searched), when cut
    cuts: dict[str, tuple[int, int]] = field(default_factory=dict)

    def words(self, fieldname: str, starting: str = "") -> Words:
        return self.lexicon.words(self.reader, fieldname, self.cancelled, starting)

    def cut(self, typed: str, found: int, kept: int) -> None:
        """Remember that a pattern stood for more words than were searched
        (once per pattern: for the field where it stood for most)."""
        if found > self.cuts.get(typed, (0, 0))[0]:
            self.cuts[typed] = (found, kept)

    def notes(self) -> list[str]:
        return [f"{typed} matches {plural(found, 'word')}: searched the first {kept:,} (alphabetically)"
                for typed, (found, kept) in self.cuts.items()]


def _expand(q: wq.Query, expander: _Expander) -> wq.Query:
    """Each pattern in a text field replaced by the words it stands for, found
    once; each phrase by one found from blocks of postings; each word asked
    for exactly kept to the articles holding its spelling."""
    if isinstance(q, ExactForm):
        folded = _expand(q.folded, expander)
        if folded is wq.NullQuery:
            return folded
        candidates = _candidate_words(folded, q.fieldname, expander.reader)
        return exactly(folded, ExactDocs(q.fieldname, q.spelling, candidates, expander.spellings, expander.cancelled))
    if type(q) is wq.Phrase and q.slop == 1 and q.fieldname in TEXT_FIELDS:
        return FastPhrase(q.fieldname, list(q.words), boost=q.boost, cancelled=expander.cancelled)
    if isinstance(q, wq.MultiTerm) and q.field() in TEXT_FIELDS:
        check_cancelled(expander.cancelled)
        found = _pattern_words(q, expander.words(q.field(), _literal_start(q)), expander.cancelled)
        words = _first_words(found, q.field(), expander)
        if len(words) < len(found):
            expander.cut(_typed(q), len(found), len(words))
        if not words:
            return wq.NullQuery
        if len(words) > SCORED_PATTERN_WORDS:
            return WordsUnion(q.field(), words, expander.lexicon, expander.cancelled, boost=q.boost)
        if len(words) == 1:  # Whoosh ignores the boost of an OR of one
            return wq.Term(q.field(), words[0], boost=q.boost)
        return wq.Or([wq.Term(q.field(), word) for word in words], boost=q.boost)
    if q.is_leaf():
        return q
    return q.apply(lambda child: _expand(child, expander))


def _first_words(words: list[str], fieldname: str, expander: _Expander) -> list[str]:
    """The words of a pattern, in order, up to its share of words and, past the
    few scored like typed words, of postings."""
    words = words[:expander.limit]
    if len(words) <= SCORED_PATTERN_WORDS:
        return words
    held = 0
    for count, word in enumerate(words):
        if count % 64 == 0:
            check_cancelled(expander.cancelled)
        held += expander.reader.doc_frequency(fieldname, word)
        if held > expander.postings and count >= SCORED_PATTERN_WORDS:
            return words[:count]
    return words


def _typed(q: wq.Query) -> str:
    if isinstance(q, wq.FuzzyTerm):
        return f"{q.text}~{q.maxdist}"
    if isinstance(q, wq.TermRange):
        return f"[{q.start or ''} TO {q.end or ''}]"
    return q.text + ("*" if type(q) is wq.Prefix else "")


def _literal_start(q: wq.Query) -> str:
    """What every word a pattern may stand for starts with ("" when not known)."""
    if isinstance(q, wq.FuzzyTerm):
        return q.text[:max(1, q.prefixlength)]
    if isinstance(q, wq.Prefix):  # its stem and the prefix less two letters count too
        return os.path.commonprefix([q.text[:2], stem(q.text)])
    if isinstance(q, wq.Wildcard):  # and its stem
        return os.path.commonprefix([re.split(r"[*?]", q.text)[0], re.split(r"[*?]", stem(q.text))[0]])
    return ""


def _pattern_words(q: wq.Query, words: Words, cancelled: Cancelled) -> list[str]:
    """The index's words a pattern stands for, sorted."""
    if isinstance(q, wq.FuzzyTerm):
        edits = min(q.maxdist, MAX_FUZZY_EDITS)
        return sorted(term for term, _ in words.near(q.text, edits, max(1, q.prefixlength), cancelled))
    if isinstance(q, wq.Wildcard):
        found = words.matching(q.text)  # in order already
        stemmed = stem(q.text)
        return found if stemmed == q.text else sorted(set(found).union(words.matching(stemmed)))
    if isinstance(q, wq.Prefix):
        # Stemming can cut a word shorter than the prefix typed ("immigra*" must
        # find the stem "immigr"): the prefix's own stem and the prefix less one
        # or two letters count too.
        shorter = {stem(q.text)} | {q.text[:k] for k in range(max(2, len(q.text) - 2), len(q.text))}
        return sorted(set(words.prefixed(q.text)) | {w for w in shorter if w in words.terms})
    if isinstance(q, wq.TermRange):
        return [term for term in words.terms if (q.start is None or (term > q.start if q.startexcl else term >= q.start))
                and (q.end is None or (term < q.end if q.endexcl else term <= q.end))]
    raise QueryError(f"“{_typed(q)}” is a kind of pattern newsfind does not search")


# ------------------------------------------------------ exact spellings


_EXACT_IN_PHRASE = re.compile(r"(?<!\S)=\w")
_APOSTROPHE = "['’]"
#: A spelling stands as a whole word, as newsfind.analysis splits words ("u.s",
#: "o'rourke" are one word; "Bürger's" is Bürger).
_SPELLED_START = r"(?<!\w)(?<!\w[.'’])"
_SPELLED_END = r"(?:['’]s)?(?!\w|[.'’]\w)"
_SPELLED_WILDCARDS = {"*": r"\w*", "?": r"\w", "'": _APOSTROPHE, "’": _APOSTROPHE}


def spelling_pattern(typed: str, phrase: bool = False) -> re.Pattern:
    """Where a word (prefix*, wildcard?) or phrase stands spelled as typed in
    an article: accents compared, case ignored, whole words only."""
    typed = unicodedata.normalize("NFC", typed)
    if phrase:  # its words (no wildcards in them) with anything but letters between
        body = r"\W+".join(map(_spelled, WORD.findall(typed)))
    else:
        body = _spelled(typed)
        if typed.endswith("*"):  # the rest of the word, all of it
            body += r"(?:[.'’]\w+)*"
    return re.compile(_SPELLED_START + body + _SPELLED_END, re.IGNORECASE)


def _spelled(word: str) -> str:
    return "".join(_SPELLED_WILDCARDS.get(ch) or re.escape(ch) for ch in word)


class ExactForm(wq.Query):
    """A word, prefix or phrase of one field (`folded`, as the index holds it)
    wanted only where it is spelled as typed; _expand() turns it into the
    folded query kept to the articles holding the spelling."""

    def __init__(self, folded: wq.Query, spelling: re.Pattern) -> None:
        self.folded = folded
        self.spelling = spelling
        self.fieldname = folded.field()
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"ExactForm({self.folded!r}, {self.spelling.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExactForm) and (other.folded, other.spelling) == (self.folded, self.spelling)

    def __hash__(self) -> int:
        return hash((self.folded, self.spelling.pattern))

    def is_leaf(self) -> bool:
        return False

    def children(self) -> list[wq.Query]:
        return [self.folded]

    def apply(self, fn) -> wq.Query:
        folded = fn(self.folded)
        return folded if folded is wq.NullQuery else ExactForm(folded, self.spelling)

    def normalize(self) -> wq.Query:
        return self.apply(lambda child: child.normalize())


class _ExactNode(syntax.TextNode):
    """What `=word`, `=prefix*`, `=wild?card` or `="a phrase"` was parsed into."""

    def __init__(self, word: str | None = None, phrase: str | None = None, slop: str | None = None) -> None:
        super().__init__(unicodedata.normalize("NFC", word if word is not None else phrase or ""))
        self.phrase = word is None
        self.slop = slop or ""  #: ="a phrase"~2 (words near each other) cannot be spelled exactly

    def is_text(self) -> bool:
        return False  # never glued to a neighbour, as Whoosh glues a word to a `*`

    def query(self, parser) -> wq.Query:
        fieldname = self.fieldname or parser.fieldname
        text = self.text
        if "~" in text or self.slop:
            typed = f'"{text}"{self.slop}' if self.phrase else text
            return wq.error_query(f"=… (spelled exactly so) and …~ (spelled nearly so) do not go together "
                                  f"in “={typed}”: drop one")
        if self.phrase:
            node = PhrasePlugin.PhraseNode(text, (self.startchar or 0) + 2)
            node.fieldname, node.boost = fieldname, self.boost
            node.set_range(self.startchar, self.endchar)
            folded = node.query(parser).normalize()
            if isinstance(folded, wq.Term):  # a phrase of one word: Whoosh drops its boost
                folded.boost = self.boost
        elif "*" in text.rstrip("*") or "?" in text:
            folded = parser.term_query(fieldname, text, wq.Wildcard, self.boost, tokenize=False, removestops=False)
        elif text.endswith("*"):
            folded = parser.term_query(fieldname, text.rstrip("*"), wq.Prefix, self.boost, tokenize=False,
                                       removestops=False)
        else:
            folded = parser.term_query(fieldname, text, parser.termclass, self.boost)
        if folded is None or folded is wq.NullQuery:
            return wq.NullQuery
        if fieldname not in TEXT_FIELDS:
            return syntax.attach(folded, self)  # date:=2017 is date:2017
        return syntax.attach(ExactForm(folded, spelling_pattern(text, self.phrase)), self)


class _ExactPlugin(TaggingPlugin):
    """`=` before a word or a quoted phrase, at the start of a word (or after a field's colon)."""

    expr = r'(?<![^\s(:])=(?:"(?P<phrase>[^"]*)"(?P<slop>~\d*)?|(?P<word>\w[^\s()"^:\[\]{}]*))'
    nodetype = _ExactNode


def _candidate_words(q: wq.Query, fieldname: str, reader) -> list[str]:
    """Indexed words every article holding the query's spelling holds one of."""
    if isinstance(q, wq.Term):
        return [q.text]
    if isinstance(q, WordsUnion):
        return list(q.words)
    if isinstance(q, wq.Phrase):  # the rarest of its words
        return [min(q.words, key=lambda word: reader.doc_frequency(fieldname, word))]
    parts = [_candidate_words(child, fieldname, reader) for child in q.children()]
    if isinstance(q, wq.And) and parts:  # those of its rarest part
        return min(parts, key=lambda words: sum(reader.doc_frequency(fieldname, word) for word in words))
    return sorted(set().union(*parts))
