"""What the window and the search worker tell each other, across threads."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfind.archive import Article
from newsfind.copy_diff import CopyDiff
from newsfind.multi import MergedPage
from newsfind.saved_searches import SavedSearch
from newsfind.search import Hit
from newsfind.timeline import Timeline


@dataclass
class SearchRequest:
    """Search for this (the newest generation wins)."""

    generation: int
    text: str
    sort: str = "relevance"
    date_from: str | None = None
    date_to: str | None = None
    page_size: int = 30
    asked_at: float = 0.0  #: time.perf_counter() when the user asked (the keystroke), for the wait shown
    saved: SavedSearch | None = None  #: the saved search opened: its new hits first, then all marked seen
    collapse: bool = False  #: each wire-copy family listed once (+ N copies), the timeline counting stories


@dataclass
class SearchAnswer:
    """A page of results for a request, or why there is none."""

    generation: int
    request: SearchRequest
    page: MergedPage | None = None
    error: str | None = None
    replace: bool = True  #: a new list (else: more hits for the list shown)
    rerun: bool = False  #: the same query again because the index grew
    missing_archives: list[str] = field(default_factory=list)  #: not yet indexed
    #: archive root → why its index cannot be read, or is read only in part (the window has it repaired)
    damaged: dict[str, str] = field(default_factory=dict)
    #: (archive root, notice): what to know about an index's answers (e.g. incomplete)
    notices: list[tuple[str, str]] = field(default_factory=list)
    #: for a `like:"path"` query: the title of the article the list is like
    similar_to: str | None = None
    #: for a saved search opened: (archive, path) of the hits it had not shown (listed first)
    new_places: frozenset[tuple[str, str]] = frozenset()


@dataclass
class NewCounts:
    """How many new hits each saved search has (name → count; None: it could not be run)."""

    counts: dict[str, int | None]


@dataclass
class TimelineAnswer:
    """A listed query's spread over time (without the date filter, so a period
    can be picked), sent after its first page; None when it could not be made."""

    generation: int
    timeline: Timeline | None
    #: how many of the query's results the user has marked reviewed (None: not counted)
    reviewed: int | None = None
    stories: bool = False  #: it counts stories (a wire-copy family once), not articles


@dataclass
class CopiesRequest:
    """The copies a story row of the list stands for: those of its family the list's query matches."""

    generation: int  #: the list's search
    story: Hit
    text: str
    date_from: str | None = None
    date_to: str | None = None


@dataclass
class CopiesAnswer:
    request: CopiesRequest
    copies: list[Hit] = field(default_factory=list)  #: earliest first
    error: str | None = None


@dataclass
class CompareRequest:
    """Compare this article with the earliest other copy of its family."""

    article: Hit


@dataclass
class CompareAnswer:
    """The two copies compared (the earlier first) and what the later one added and cut, or why not."""

    request: CompareRequest
    first: Article | None = None
    second: Article | None = None
    diff: CopyDiff | None = None
    error: str | None = None


@dataclass
class ArchiveSpec:
    """An open archive and where its index is."""

    root: str
    index_dir: str
