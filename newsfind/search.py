"""Searching one archive's index: ranked hits, snippets, match offsets.

Snippets and the reading pane's marks come from the character offsets stored
in the index's postings, so no article is re-tokenized to highlight it, and
snippets are made only for the page of hits asked for.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import html
import os
import re
import time
from collections import Counter
from itertools import compress
from dataclasses import dataclass, field, replace
from typing import Callable, Collection, Iterable, Literal, TypeVar

from whoosh import query as wq
from whoosh import collectors, sorting
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

from newsfind import whoosh_compat as compat
from newsfind.index_store import DAMAGE_ERRORS, IndexDamagedError, open_index, read_info, verify_index
from newsfind.locations import archive_root_of
from newsfind.wording import plural
from newsfind.analysis import analyse
from newsfind.cancellation import Cancelled, SearchCancelled, check_cancelled, never
from newsfind.lexicon import Lexicon
from newsfind.suggest import suggest_query
from newsfind.query import TEXT_FIELDS, QueryError, QueryParser, ParsedQuery, leaves, parse_date
from newsfind.date_column import DateColumn
from newsfind.scoring import FieldLengths, QueryScorer, Scores, Within
from newsfind.mark_queries import MarkSource
from newsfind.phrases import loosened
from newsfind.set_queries import ExactDocs, Levels, WordsUnion, answerable_by_sets, matched, set_levels
from newsfind.archive import Article
from newsfind.families import FAMILIES_FILE, Families, families_by_docnum, load_families
from newsfind.stories import count_stories, earliest_first, listed_later, story_page

Sort = Literal["relevance", "newest", "oldest"]
SORTS: tuple[Sort, ...] = ("relevance", "newest", "oldest")
SNIPPET_CHARS = 240
#: Beyond this many words matched by one prefix/fuzzy/wildcard term, marks are
#: found by re-reading the shown articles rather than one posting list each.
MAX_MARKED_EXPANSIONS = 64


@dataclass(frozen=True)
class Hit:
    id: str
    path: str
    title: str
    date: dt.date | None
    score: float
    snippet: str  #: HTML-escaped text with matches inside <mark>…</mark>
    matches: tuple[tuple[int, int], ...] = ()  #: (start, end) of every match in the body
    archive: str = ""  #: the archive folder the hit came from
    fspath: str = ""  #: the exact relative path when `path` (readable) differs from it
    snippet_span: tuple[int, int] | None = None  #: (start, end) of the snippet in the body
    #: Collapsed searches: how many other matching copies of its wire-copy family it stands for.
    copies: int = 0

    @property
    def file_path(self) -> str:
        """The relative path that opens the file."""
        return self.fspath or self.path

    @property
    def place(self) -> tuple[str, str]:
        """(archive folder, path): where the article is, as the user's marks and saved searches know it."""
        return os.path.abspath(self.archive), self.path


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    page: int
    page_size: int
    seconds: float
    suggestion: str | None = None  #: "did you mean", for queries with no hits
    #: What the user should know about the index answering (incomplete, damaged).
    notices: list[str] = field(default_factory=list)
    #: How the query was read, when the user should know ("*a* stands for …").
    notes: list[str] = field(default_factory=list)
    #: Collapsed searches: how many stories the `total` articles are (None: not collapsed).
    stories: int | None = None

    @property
    def rows(self) -> int:
        """How many hits the list has: stories when collapsed, else articles."""
        return self.total if self.stories is None else self.stories

    @property
    def pages(self) -> int:
        return max(1, -(-self.rows // self.page_size))


@dataclass
class _Marks:
    """What of a query gets marked in an article body."""

    terms: set[bytes] = field(default_factory=set)
    phrases: list[tuple[bytes, ...]] = field(default_factory=list)
    too_many: bool = False
    #: Words asked for exactly (=Bürger): found in the text as spelled, not in the postings.
    spellings: dict[str, re.Pattern] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases or self.too_many or self.spellings)

    @property
    def words(self) -> set[bytes]:
        """Every term whose occurrences are needed, alone or inside a phrase."""
        return set(self.terms).union(*self.phrases)


_Result = TypeVar("_Result")


def _recovering(method: Callable[..., _Result]) -> Callable[..., _Result]:
    """Answer without a damaged part of the index rather than fail.

    When Whoosh fails reading the index, the index is verified; if segments
    are damaged, the searcher is reopened without them (``damaged`` is set
    and a notice says how many articles are left out) and the call is made
    again. The next indexing run repairs the index; refresh() then sees it.
    """

    @functools.wraps(method)
    def guarded(self: "ArchiveSearcher", *args, **kwargs) -> _Result:
        try:
            return method(self, *args, **kwargs)
        except (QueryError, KeyError, SearchCancelled):
            raise
        except DAMAGE_ERRORS + (OSError,) as error:  # verifying tells damage from other trouble
            self._leave_out_damage(error)
            return method(self, *args, **kwargs)

    return guarded


class ArchiveSearcher:
    """A long-lived searcher over one archive's index, reopened when it changes.

    Raises IndexDamagedError when the index cannot be opened at all.
    """

    def __init__(self, index_dir: str | os.PathLike[str], archive_root: str | None = None) -> None:
        compat.install_patches()
        self.index_dir = os.fspath(index_dir)
        self.archive_root = archive_root or archive_root_of(index_dir) or ""
        self._ix = open_index(index_dir)
        self._dates: DateColumn | None = None
        #: The wire-copy families on this generation's docnums, and the families file they came from.
        self._families: tuple[tuple[int, int] | None, Families] | None = None
        #: Articles left out because part of the index is damaged (0: none), and
        #: the index generation that was damaged (until a repair commits a new one).
        self.damaged = 0
        self._damaged_generation = -1
        try:
            self._searcher: Searcher = self._ix.searcher()
        except DAMAGE_ERRORS as error:
            self._leave_out_damage(error)
        self._parser = QueryParser(self._ix.schema)
        #: The user's marks in this archive, for is: and tag: (None: the query says they cannot be read).
        self.marks: MarkSource | None = None
        #: The index's words, for patterns and "did you mean" (kept across reopenings).
        self._lexicon = Lexicon()
        self._lengths = FieldLengths()
        #: The last query's matches (its text, the searcher that found them, the documents).
        #: The range they were looked for in (the set of dated documents) or None.
        self._last_matches: tuple[str, Searcher, Collection[int], frozenset[int] | None] | None = None

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> "ArchiveSearcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def refresh(self) -> None:
        """See what another writer (the indexer) has committed since."""
        try:
            current = self._searcher.up_to_date()
        except DAMAGE_ERRORS as error:  # the index folder vanished, or its TOC is unreadable
            raise IndexDamagedError(f"the index at {self.index_dir} cannot be read ({error}): "
                                    "index the archive again to rebuild it", self.index_dir) from error
        if current or (self.damaged and self._ix.latest_generation() == self._damaged_generation):
            return
        # A new searcher, not Searcher.refresh(): reusing the old reader, Whoosh
        # (whoosh-reloaded 2.7.5) keeps segments a merge has replaced, so every
        # merged article counted twice, and a reused segment kept its old deletions.
        stale = self._searcher
        try:
            self._searcher = self._ix.searcher()
            self.damaged = 0
        except DAMAGE_ERRORS as error:
            self._leave_out_damage(error)
        stale.close()
        self._dates = None
        self._families = None
        self._lengths.keep_only({compat.reader_segment_name(leaf) or ""
                                 for leaf, _ in self._searcher.reader().leaf_readers()})

    def _leave_out_damage(self, error: BaseException) -> None:
        """Reopen without the damaged segments, or raise IndexDamagedError."""
        check = verify_index(self.index_dir)
        if check.toc_error or not check.damaged:
            raise IndexDamagedError(f"the index at {self.index_dir} cannot be read ({type(error).__name__}: "
                                    f"{error}): index the archive again to repair it", self.index_dir) from error
        kept = [s for s in check.toc.segments if compat.segment_name(s) not in check.damaged]
        self.damaged = sum(compat.segment_doc_count(s) for s in check.toc.segments) - \
            sum(compat.segment_doc_count(s) for s in kept)
        self._damaged_generation = check.toc.generation
        reader = compat.reader_over(FileStorage(self.index_dir), self._ix.schema, kept, check.toc.generation)
        self._searcher = Searcher(reader, fromindex=self._ix)
        self._dates = None
        self._families = None

    @property
    def notices(self) -> list[str]:
        """What a user should know about this index before trusting its answers."""
        found = []
        if self.damaged:
            found.append(f"part of the index is damaged: {plural(self.damaged, 'article')} "
                         "are left out until the archive is indexed again")
        run = read_info(self.index_dir).get("run") or {}
        state, message = run.get("state"), run.get("message", "")
        if state == "failed":
            found.append(f"the index may be incomplete: the last indexing run failed ({message})")
        elif state == "cancelled":
            found.append("the index may be incomplete: the last indexing run was cancelled")
        elif state == "running":
            found.append("the index may be incomplete: it is being indexed, or its indexing was interrupted")
        return found

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    # ------------------------------------------------------------------ queries

    def parse(self, text: str, cancelled: Cancelled = never) -> ParsedQuery:
        """Parse the query language; raises QueryError with a helpful message.

        Call refresh() first: patterns are expanded against the index as it is now.
        """
        return self._parser.parse(text, self._searcher.reader(), self._lexicon, cancelled, self.marks)

    @_recovering
    def warm_up(self, cancelled: Cancelled = never) -> None:
        """Read now what a first pattern or fuzzy query would (the index's words:
        about 0.3 s at 100,000 articles), so that it answers as fast as later ones.
        The window does it, off its GUI thread, when an archive is opened."""
        check_cancelled(cancelled)
        self.refresh()
        reader = self._searcher.reader()
        for fieldname in TEXT_FIELDS:
            self._lexicon.words(reader, fieldname, cancelled)

    @_recovering
    def search(
        self,
        text: str,
        page: int = 1,
        page_size: int = 20,
        sort: Sort = "relevance",
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        snippets: bool = True,
        cancelled: Cancelled = never,
        collapse: bool = False,
    ) -> SearchResult:
        """One page of hits (of stories, when `collapse`: each wire-copy family listed
        once). Raises QueryError for a query to fix, and SearchCancelled as soon
        as `cancelled()` says the answer is not wanted."""
        started = time.perf_counter()
        if sort not in SORTS:
            raise QueryError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        self.refresh()
        parsed = self.parse(text, cancelled)
        allowed = self._dated_docs(date_from, date_to)
        page = max(1, page)
        window = slice((page - 1) * page_size, page * page_size)
        marks = self._marks(parsed.query) if snippets else _Marks()
        results, total = self._collect(text, parsed.query, page * page_size, sort, allowed, cancelled)
        stories = None
        if collapse:
            hits, stories = self._story_hits(text, parsed.query, results, total, window, (sort, allowed),
                                             marks, snippets, cancelled)
        else:
            hits = self._hits(results[window], marks, snippets, cancelled)
        suggestion = self.suggest(text, parsed, cancelled) if total == 0 else None
        return SearchResult(text, total, hits, page, page_size, time.perf_counter() - started,
                            suggestion=suggestion, notices=self.notices, notes=parsed.notes, stories=stories)

    def _story_hits(self, text: str, q: wq.Query, results: list, total: int, window: slice,
                    order: tuple[Sort, frozenset[int] | None], marks: _Marks, snippets: bool,
                    cancelled: Cancelled) -> tuple[list[Hit], int]:
        """A page of stories, and how many stories all the matches are."""
        sort, allowed = order
        matching = self._recalled(text, allowed)
        if matching is None:
            matching = set(self._matching_docs(q, cancelled))
        families = self.families()
        copies = families.family.keys() & matching  # (set operations in C: the matching family members)
        if allowed is not None:
            copies &= allowed
        hidden = len(copies) - len({families.family[docnum] for docnum in copies})
        if len(results) < min(total, window.stop + hidden):
            results = self._stories_ranked(text, q, (matching, copies), window.stop, sort, allowed, cancelled)
        scores = {hit.docnum: hit.score for hit in results}
        found = story_page(scores, families, copies.__contains__, self._date_column(), window)
        shown = [_SetHit(self._searcher, story.shown, scores[story.ranked]) for story in found]
        hits = [replace(hit, copies=len(story.copies))
                for hit, story in zip(self._hits(shown, marks, snippets, cancelled), found)]
        return hits, total - hidden

    def _stories_ranked(self, text: str, q: wq.Query, found: tuple[Collection[int], set[int]], limit: int,
                        sort: Sort, allowed: frozenset[int] | None, cancelled: Cancelled) -> list:
        """The top `limit` matches with each family's copies but the first it lists left out:
        ranked from the scores the first pass kept (none is scored twice) or by date."""
        matching, copies = found
        scores = getattr(matching, "mapping", None)  # (a scored query's matches are kept as its scores' keys)
        if sort == "relevance" and scores is None:  # (a set query or Whoosh's own matcher: ranked again, further)
            hidden = len(copies) - len({self.families().family[docnum] for docnum in copies})
            return self._collect(text, q, limit + hidden, sort, allowed, cancelled)[0]
        later = listed_later(copies, self.families(), self._first_listed(sort, scores))
        if sort != "relevance":
            kept = [docnum for docnum in matching if docnum not in later and (allowed is None or docnum in allowed)]
            return self._by_date(kept, limit, sort, cancelled)
        kept_scores = {docnum: score for docnum, score in scores.items() if docnum not in later}
        return self._collect_scores(kept_scores, limit, sort, allowed, cancelled)[0]

    def _first_listed(self, sort: Sort, scores) -> Callable[[list[int]], int]:
        """Which of some matches a list in this order shows first (as _collect_scores and _by_date rank)."""
        dates = self._date_column()
        if sort == "relevance":
            return lambda docs: min(docs, key=lambda docnum: (-scores[docnum], docnum))
        if sort == "newest":
            return lambda docs: max(docs, key=lambda docnum: (bool(dates[docnum]), dates[docnum], -docnum))
        return lambda docs: min(docs, key=lambda docnum: (not dates[docnum], dates[docnum], docnum))

    @_recovering
    def copies(self, article_id: str, text: str = "", date_from: str | dt.date | None = None,
               date_to: str | dt.date | None = None, cancelled: Cancelled = never) -> list[Hit]:
        """The other articles of this article's wire-copy family, earliest first, with
        snippets: those the query matches within the dates, or all of them for no query."""
        self.refresh()
        docnum = self._docnum(article_id)
        family = self.families().of(docnum)
        if family is None:
            return []
        members = [member for member in self.families().members[family] if member != docnum]
        allowed = self._dated_docs(date_from, date_to)
        if allowed is not None:
            members = [member for member in members if member in allowed]
        marks = _Marks()
        if text.strip():
            parsed = self.parse(text, cancelled).query
            matching = set(self._matching_docs(parsed, cancelled))
            members = [member for member in members if member in matching]
            marks = self._marks(parsed)
        ordered = earliest_first(members, self._date_column())
        return self._hits([_SetHit(self._searcher, member, None) for member in ordered], marks, True, cancelled)

    @_recovering
    def family_articles(self, min_size: int = 2) -> list[list[Article]]:
        """Every wire-copy family of at least min_size articles, earliest copy first;
        the largest families first, then the earliest."""
        self.refresh()
        dates = self._date_column()
        families = [earliest_first(members, dates) for members in self.families().members if len(members) >= min_size]
        families.sort(key=lambda members: (-len(members), not dates[members[0]], dates[members[0]], members[0]))
        return [[_article_from_stored(self._searcher.stored_fields(docnum)) for docnum in members]
                for members in families]

    def families(self) -> Families:
        """The archive's wire-copy families on this generation's document numbers (read
        again when the indexer has found them anew)."""
        stamp = _file_stamp(os.path.join(self.index_dir, FAMILIES_FILE))
        if self._families is None or self._families[0] != stamp:
            stored = load_families(self.index_dir) or []
            self._families = (stamp, families_by_docnum(self._searcher.reader(), stored))
        return self._families[1]

    def _collect(self, text: str, q: wq.Query, limit: int, sort: Sort, allowed: frozenset[int] | None,
                 cancelled: Cancelled) -> tuple[list, int]:
        """The top hits and the exact total, in one pass.

        Whoosh by default skips blocks of low-scoring documents and swaps in
        cheaper matchers as it goes; with an AND, a prefix or a date range
        that returned a wrong top 20 and a wrong total (the benchmark checks
        against scoring every match), and it had to run the query twice to count.
        So every match is scored: by set operations (patterns, dates, NOT),
        a posting list at a time (newsfind.scoring), or, for what neither
        knows, by Whoosh's matchers.
        """
        if allowed is not None and not allowed:
            return [], 0
        if answerable_by_sets(q):
            levels = set_levels(q, self._searcher, cancelled)
            self._remember(text, matched(levels), None)
            return self._collect_levels(levels, limit, sort, allowed, cancelled)
        if QueryScorer.can_score(q, self._searcher.weighting):
            within = None if allowed is None else Within(allowed)  # only the dated ones get scored
            scores = QueryScorer(self._searcher, self._lengths, cancelled).scores(q, within)
            self._remember(text, scores.keys(), allowed)
            return self._collect_scores(scores, limit, sort, allowed, cancelled)
        if sort == "relevance":
            collector = collectors.TopCollector(limit=limit, usequality=False, replace=0)
        else:
            collector = self._searcher.collector(limit=limit, sortedby=_sort_facet(sort))
        collector = _CancellableCollector(collector, allowed, cancelled)
        self._searcher.search_with_collector(q, collector)
        return list(collector.results()), collector.count()

    def _collect_levels(self, levels: Levels, limit: int, sort: Sort, allowed: frozenset[int] | None,
                        cancelled: Cancelled) -> tuple[list, int]:
        """The top hits of a query made only of set queries (a pattern, dates,
        every article, NOT …): set operations instead of a matcher per document,
        ranked as Whoosh ranks them (score, then document number)."""
        if allowed is not None:
            levels = {score: kept for score, docs in levels.items() if (kept := docs & allowed)}
        total = sum(len(docs) for docs in levels.values())
        check_cancelled(cancelled)
        if sort != "relevance":
            return self._by_date(matched(levels), limit, sort, cancelled), total
        top: list[_SetHit] = []
        for score in sorted(levels, reverse=True):  # best first, then by document number
            top += [_SetHit(self._searcher, docnum, score) for docnum in heapq.nsmallest(limit - len(top), levels[score])]
            if len(top) >= limit:
                break
        return top, total

    def _collect_scores(self, scores: Scores, limit: int, sort: Sort, allowed: frozenset[int] | None,
                        cancelled: Cancelled) -> tuple[list, int]:
        """The top hits among scored matches: best first, then by document number, as Whoosh ranks."""
        if allowed is not None:
            scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
        check_cancelled(cancelled)
        if sort != "relevance":
            return self._by_date(scores.keys(), limit, sort, cancelled), len(scores)
        best = heapq.nlargest(limit, scores.values())
        if not best:
            return [], 0
        floor = best[-1]  # ties at the floor are broken by document number
        kept = compress(scores.items(), map(floor.__le__, scores.values()))  # C loops over every match
        ranked = sorted((-score, docnum) for docnum, score in kept)[:limit]
        return [_SetHit(self._searcher, docnum, -negated) for negated, docnum in ranked], len(scores)

    def _by_date(self, docs: Iterable[int], limit: int, sort: Sort, cancelled: Cancelled) -> list["_SetHit"]:
        dates = self._date_column()
        check_cancelled(cancelled)
        if sort == "newest":  # dated first, newest first; undated last
            top = heapq.nlargest(limit, docs, key=lambda d: (bool(dates[d]), dates[d], -d))
        else:
            top = heapq.nsmallest(limit, docs, key=lambda d: (not dates[d], dates[d], d))
        return [_SetHit(self._searcher, docnum, None) for docnum in top]

    def _remember(self, text: str, docs: Collection[int], allowed: frozenset[int] | None) -> None:
        """Keep a query's matches for the timeline, which asks next for the same
        query (only those dated in `allowed` were looked for, when given)."""
        self._last_matches = (text, self._searcher, docs, allowed)

    def _recalled(self, text: str, allowed: frozenset[int] | None) -> Collection[int] | None:
        last = self._last_matches
        if last is None or last[0] != text or last[1] is not self._searcher:
            return None
        return last[2] if last[3] is None or last[3] is allowed else None

    @_recovering
    def more_like_this(self, article_id: str, limit: int = 20) -> SearchResult:
        """Articles that share the most distinctive words with this one."""
        started = time.perf_counter()
        self.refresh()
        docnum = self._docnum(article_id)
        keywords = [word for word, _ in self._searcher.key_terms([docnum], "body", numterms=12)]
        similar = wq.Or([wq.Term("body", word) for word in keywords])
        results = self._searcher.search(wq.AndNot(similar, wq.Term("id", article_id)), limit=limit)
        marks = _Marks(terms={word.encode() for word in keywords})
        hits = self._hits(results, marks, True)
        return SearchResult(f"like:{article_id}", len(results), hits, 1, limit, time.perf_counter() - started)

    @_recovering
    def date_counts(self, text: str, date_from: str | dt.date | None = None,
                    date_to: str | dt.date | None = None, cancelled: Cancelled = never,
                    stories: bool = False) -> Counter:
        """How many matching articles were published on each day (None: undated);
        with `stories`, how many stories first appeared on each day.

        Read from the date column of the matching documents: no stored
        article is loaded, so this costs about as much as the search itself.
        """
        self.refresh()
        allowed = self._dated_docs(date_from, date_to)
        dates = self._date_column()
        matching = self._recalled(text, allowed)
        if matching is None:
            matching = self._matching_docs(self.parse(text, cancelled).query, cancelled)
        docs = [docnum for docnum in matching if docnum in allowed] if allowed is not None else list(matching)
        per_value: Counter = Counter()
        for start in range(0, len(docs), 16384):
            check_cancelled(cancelled)
            per_value.update(map(dates.__getitem__, docs[start:start + 16384]))
        if stories:
            counted = set(docs)
            count_stories(per_value, self.families(), counted.__contains__, dates)
        return Counter({_date_or_none(value): count for value, count in per_value.items() if count})

    def _matching_docs(self, q: wq.Query, cancelled: Cancelled) -> Collection[int]:
        """Every document the query matches, found the way search() finds them."""
        if answerable_by_sets(q) or QueryScorer.can_score(q, self._searcher.weighting):
            return QueryScorer(self._searcher, self._lengths, cancelled).matching(q)
        found = []
        for count, docnum in enumerate(self._searcher.docs_for_query(q)):
            if count % 1024 == 0:
                check_cancelled(cancelled)
            found.append(docnum)
        return found

    def _date_column(self) -> list[str]:
        """Every document's date string, read once per index generation."""
        return self._date_index().values

    def _date_index(self) -> DateColumn:
        if self._dates is None:
            reader = self._searcher.reader()  # (an empty index's reader has no columns)
            self._dates = DateColumn(list(reader.column_reader("date")) if reader.doc_count_all() else [])
        return self._dates

    def _dated_docs(self, date_from: str | dt.date | None, date_to: str | dt.date | None) -> frozenset[int] | None:
        """Documents dated within the range (None: no range asked for).

        A set from the date column filters exactly and costs the same for a
        day or a century, where a term range ORs every date in it.
        """
        start, end = parse_date(date_from), parse_date(date_to, end=True)
        if start is None and end is None:
            return None
        if start and end and start > end:
            raise QueryError("the “from” date is after the “to” date")
        return self._date_index().within(start or "0000", end or "9999-\uffff")

    # --------------------------------------------------------------- articles

    def _docnum(self, article_id: str) -> int:
        docnum = self._searcher.document_number(id=article_id)
        if docnum is None:
            raise KeyError(f"no article with id {article_id!r} in this index")
        return docnum

    @_recovering
    def article_id_at(self, path: str) -> str | None:
        """The id of the article at this (readable) path, or None if the index has none."""
        self.refresh()
        docnum = self._searcher.document_number(path=path)
        return None if docnum is None else self._searcher.stored_fields(docnum)["id"]

    @_recovering
    def article(self, article_id: str) -> Article:
        """The article as indexed (the reading pane needs no file access)."""
        self.refresh()
        stored = self._searcher.stored_fields(self._docnum(article_id))
        return _article_from_stored(stored)

    @_recovering
    def match_offsets(self, article_id: str, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match of the query in the article's body."""
        self.refresh()
        docnum = self._docnum(article_id)
        marks = self._marks(self.parse(text).query)
        body = self._searcher.stored_fields(docnum)["body"]
        return self._spans_for([docnum], {docnum: body}, marks)[docnum]

    @_recovering
    def documents_by_date(self, text: str, cancelled: Cancelled = never) -> list[int]:
        """The documents the query may match, oldest first and undated last (ties by
        document number): a concordance's order. A phrase is read as the AND of its
        words here (finding where a phrase holds costs a search; its words' documents
        are found from sets), so some documents hold no match: articles_with_matches
        gives them no spans. Empty when the query marks no words in a body
        (date:2017, *). Numbers of the index as now opened: read them with
        articles_with_matches before the next refresh()."""
        self.refresh()
        q = self.parse(text, cancelled).query
        if not self._marks(q):
            return []
        matching = self._matching_docs(loosened(q), cancelled)
        check_cancelled(cancelled)
        dates = self._date_column()
        ordered = sorted(sorted(matching), key=dates.__getitem__)  # (stable: ties by document number)
        undated = bisect.bisect_right(ordered, "", key=dates.__getitem__)  # "" sorts first
        return ordered[undated:] + ordered[:undated]

    @_recovering
    def articles_with_matches(self, text: str, docnums: list[int],
                              cancelled: Cancelled = never) -> list[tuple[Article, list[tuple[int, int]]]]:
        """Those documents' articles, each with the (start, end) of every match the
        reading pane marks in its body: match_offsets for many articles at once."""
        marks = self._marks(self.parse(text, cancelled).query)
        stored = {docnum: self._searcher.stored_fields(docnum) for docnum in docnums}
        spans = self._spans_for(docnums, {docnum: fields["body"] for docnum, fields in stored.items()}, marks,
                                cancelled)
        return [(_article_from_stored(stored[docnum]), spans[docnum]) for docnum in docnums]

    # ------------------------------------------------------------- snippets

    def _hits(self, results: Iterable, marks: _Marks, snippets: bool, cancelled: Cancelled = never) -> list[Hit]:
        # Sorted results carry sort keys, not scores.
        rows = [(hit.docnum, hit.score if isinstance(hit.score, float) else 0.0, hit.fields()) for hit in results]
        bodies = {docnum: stored["body"] for docnum, _, stored in rows}
        spans = self._spans_for(list(bodies), bodies, marks, cancelled) if snippets and marks else {}
        hits = []
        for docnum, score, stored in rows:
            check_cancelled(cancelled)
            matches = spans.get(docnum, [])
            window = snippet_window(stored["body"], matches) if snippets else None
            hits.append(Hit(
                id=stored["id"], path=stored["path"], title=stored.get("title", ""),
                date=_date_or_none(stored.get("date", "")), score=float(score),
                snippet=_marked_excerpt(stored["body"], window, matches) if window else "", snippet_span=window,
                matches=tuple(matches), archive=self.archive_root, fspath=stored.get("fspath", "")))
        return hits

    def _marks(self, parsed: wq.Query) -> _Marks:
        """The body terms and phrases a query looks for (not those under NOT)."""
        marks = _Marks()
        for leaf in leaves(parsed):
            if leaf.field() not in ("body", "title"):
                continue
            if isinstance(leaf, wq.Phrase):
                words = tuple(word.encode() for word in leaf.words)
                marks.phrases.append(words)
            elif isinstance(leaf, ExactDocs):
                marks.spellings[leaf.spelling.pattern] = leaf.spelling
            elif isinstance(leaf, wq.Term):
                marks.terms.add(_bytes(leaf.text))
            elif isinstance(leaf, WordsUnion):
                if len(leaf.words) > MAX_MARKED_EXPANSIONS:
                    marks.too_many = True
                marks.terms |= {_bytes(word) for word in leaf.words}
        return marks

    def _spans_for(self, docnums: list[int], bodies: dict[int, str], marks: _Marks,
                   cancelled: Cancelled = never) -> dict[int, list[tuple[int, int]]]:
        """Match spans per document: of indexed words from the postings' stored
        character offsets, of words asked for exactly from the text."""
        spans = self._indexed_spans(docnums, bodies, marks, cancelled)
        for docnum in docnums if marks.spellings else ():
            check_cancelled(cancelled)
            spelled = [match.span() for spelling in marks.spellings.values() for match in spelling.finditer(bodies[docnum])]
            spans[docnum] = _merge_spans(spans[docnum] + spelled)
        return spans

    def _indexed_spans(self, docnums: list[int], bodies: dict[int, str], marks: _Marks,
                       cancelled: Cancelled = never) -> dict[int, list[tuple[int, int]]]:
        if marks.too_many:
            spans = {}
            for docnum in docnums:
                check_cancelled(cancelled)
                spans[docnum] = _spans_by_analysis(bodies[docnum], marks)
            return spans
        occurrences: dict[int, dict[bytes, list[tuple[int, int, int]]]] = {d: {} for d in docnums}
        ordered = sorted(docnums)
        decode = self._ix.schema["body"].format.decode_characters
        for subsearcher, offset in self._searcher.leaf_searchers():
            reader = subsearcher.reader()
            here = [docnum - offset for docnum in ordered if offset <= docnum < offset + reader.doc_count_all()]
            for term in marks.words if here else ():
                check_cancelled(cancelled)
                if ("body", term) in reader:
                    for docnum, value in compat.values_at(reader, "body", term, here).items():
                        occurrences[offset + docnum][term] = decode(value)
        return {docnum: _spans_from_occurrences(occurrences[docnum], marks) for docnum in docnums}

    # ------------------------------------------------------------ suggestions

    def suggest(self, text: str, parsed: ParsedQuery | None = None, cancelled: Cancelled = never) -> str | None:
        """A corrected query ("did you mean"): each unknown word becomes the
        archive's closest word as written (newsfind.suggest)."""
        parsed = parsed or self.parse(text, cancelled)
        reader = self._searcher.reader()
        return suggest_query(text, parsed.query, self._searcher,
                             lambda: self._lexicon.words(reader, "body", cancelled), cancelled)


# ------------------------------------------------------------------ helpers


@dataclass(frozen=True)
class _SetHit:
    """A hit found by set operations, read like a Whoosh hit."""

    searcher: Searcher
    docnum: int
    score: float | None  #: None when sorted by date (as Whoosh gives sort keys, not scores)

    def fields(self) -> dict:
        return self.searcher.stored_fields(self.docnum)


class _CancellableCollector(collectors.WrappingCollector):
    """Keeps only the allowed documents (a date range), and gives up when cancelled.

    Checked every 256 matches, so a superseded search stops within a few
    milliseconds even when it matches every article.
    """

    def __init__(self, child: collectors.Collector, allowed: frozenset[int] | None, cancelled: Cancelled) -> None:
        super().__init__(child)
        self._allowed = allowed
        self._cancelled = cancelled

    def collect_matches(self) -> None:
        child, allowed, offset = self.child, self._allowed, self.offset
        check_cancelled(self._cancelled)
        for count, sub_docnum in enumerate(child.matches(), start=1):
            if count % 256 == 0:
                check_cancelled(self._cancelled)
            if allowed is None or offset + sub_docnum in allowed:
                child.collect(sub_docnum)


def _sort_facet(sort: Sort):
    if sort == "relevance":
        return None
    # Undated articles come last whichever way dates run.
    return sorting.MultiFacet([sorting.FieldFacet("undated"), sorting.FieldFacet("date", reverse=sort == "newest")])


def _file_stamp(path: str) -> tuple[int, int] | None:
    """(modification time, size) of a file, or None when there is none: whether it changed."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _bytes(text: str | bytes) -> bytes:
    return text if isinstance(text, bytes) else text.encode("utf-8")


def _date_or_none(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _article_from_stored(stored: dict) -> Article:
    return Article(
        id=stored["id"], path=stored["path"], date=_date_or_none(stored.get("date", "")),
        title=stored.get("title", ""), body=stored.get("body", ""), size=stored.get("size", 0),
        mtime_ns=0, fspath=stored.get("fspath", ""))


def _spans_from_occurrences(found: dict[bytes, list[tuple[int, int, int]]], marks: _Marks) -> list[tuple[int, int]]:
    spans = [(start, end) for term in marks.terms for _, start, end in found.get(term, ())]
    for phrase in marks.phrases:
        spans.extend(_phrase_spans([found.get(word, []) for word in phrase]))
    return _merge_spans(spans)


def _phrase_spans(per_word: list[list[tuple[int, int, int]]]) -> list[tuple[int, int]]:
    """Where the words stand at consecutive positions: the whole phrase is one span."""
    if not per_word:
        return []
    first, *rest = per_word
    ends_at = [{position: end for position, _, end in occurrences} for occurrences in rest]
    spans = []
    for position, start, end in first:
        for offset, ends in enumerate(ends_at, start=1):
            end = ends.get(position + offset)
            if end is None:
                break
        else:
            spans.append((start, end))
    return spans


def _spans_by_analysis(body: str, marks: _Marks) -> list[tuple[int, int]]:
    found: dict[bytes, list[tuple[int, int, int]]] = {}
    wanted = marks.words
    for term, position, start, end in analyse(body):
        key = term.encode("utf-8")
        if key in wanted:
            found.setdefault(key, []).append((position, start, end))
    return _spans_from_occurrences(found, marks)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def make_snippet(body: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...], width: int = SNIPPET_CHARS) -> str:
    """An HTML snippet: the window of about `width` characters with the most
    distinct matched words, cut at word boundaries, matches in <mark>."""
    return _marked_excerpt(body, snippet_window(body, spans, width), spans)


def _marked_excerpt(body: str, window: tuple[int, int], spans) -> str:
    start, end = window
    return _escape_excerpt(body, start, end, [(s, e) for s, e in spans if s >= start and e <= end])


def snippet_window(body: str, spans: list[tuple[int, int]] | tuple[tuple[int, int], ...],
                   width: int = SNIPPET_CHARS) -> tuple[int, int]:
    """(start, end) in the body of the snippet make_snippet shows (what copying it cites)."""
    if not spans:
        return 0, _cut_end(body, min(len(body), width))
    best_start, best_score = spans[0][0], -1
    right = 0
    for left, (start, _) in enumerate(spans):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - start <= width:
            right += 1
        words = {body[s:e].lower() for s, e in spans[left:right + 1]}
        score = len(words) * 1000 + (right - left)
        if score > best_score:
            best_start, best_score = start, score
    window_end = best_start + width
    last_end = max((e for s, e in spans if best_start <= s and e <= window_end), default=best_start)
    slack = max(0, width - (last_end - best_start))
    start = _cut_start(body, max(0, best_start - min(slack // 3, 80)))
    return start, _cut_end(body, min(len(body), max(last_end, start + width)))


def _cut_start(body: str, index: int) -> int:
    if index <= 0:
        return 0
    space = body.rfind(" ", max(0, index - 20), index)
    newline = body.rfind("\n", max(0, index - 20), index)
    boundary = max(space, newline)
    return boundary + 1 if boundary >= 0 else index


def _cut_end(body: str, index: int) -> int:
    if index >= len(body):
        return len(body)
    space = body.find(" ", index, index + 20)
    return space if space >= 0 else index


_WHITESPACE = re.compile(r"\s+")


def _escape_excerpt(body: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    parts = ["…"] if start > 0 else []
    cursor = start
    for s, e in spans:
        parts.append(html.escape(_WHITESPACE.sub(" ", body[cursor:s])))
        parts.append("<mark>" + html.escape(_WHITESPACE.sub(" ", body[s:e])) + "</mark>")
        cursor = e
    parts.append(html.escape(_WHITESPACE.sub(" ", body[cursor:end])))
    if end < len(body):
        parts.append("…")
    return "".join(parts).strip()
