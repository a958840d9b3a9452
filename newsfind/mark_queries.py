"""`is:starred`, `is:reviewed`, `is:unreviewed` and `tag:NAME` in a query: the user's
own marks (marks.py) as sets of articles, combined with words like any other part.

The marks live in the work store, not in the index: the parser tags these words
as MarkedDocs; before searching, each is given the paths its marks cover in the
archive searched (MarkSource), and in each index segment matches the articles at
those paths.
"""

from __future__ import annotations

from typing import Callable

from whoosh import query as wq
from whoosh.qparser import syntax
from whoosh.qparser.plugins import TaggingPlugin

from newsfind.set_queries import _SetQuery

#: (kind, tag) → paths of the archive searched that carry that mark; kind is
#: "reviewed", "starred" or "tag". None where no marks can be read.
MarkSource = Callable[[str, str], set[str]]

KINDS = ("starred", "reviewed", "unreviewed")
FIELDS = ("is", "tag")


class MarkedDocs(_SetQuery):
    """Articles carrying a mark (or, for "unreviewed", not carrying "reviewed")."""

    def __init__(self, kind: str, tag: str = "", paths: frozenset[str] | None = None, boost: float = 1.0) -> None:
        self.kind, self.tag, self.paths, self.boost = kind, tag, paths, boost

    def _key(self) -> tuple:
        return (self.kind, self.tag.casefold(), self.paths, self.boost)

    def __repr__(self) -> str:
        return f"MarkedDocs({self.kind!r}, {self.tag!r})"

    def field(self) -> str:
        return "path"

    def resolved(self, source: MarkSource) -> MarkedDocs:
        """With the paths its mark covers (for "unreviewed": those of "reviewed")."""
        kind = "reviewed" if self.kind == "unreviewed" else self.kind
        return MarkedDocs(self.kind, self.tag, frozenset(source(kind, self.tag)), self.boost)

    def documents(self, reader) -> set[int]:
        if self.paths is None:
            raise RuntimeError("a mark query was searched before its paths were given")
        found = set()
        for path in self.paths:
            if ("path", path) in reader:
                found.update(reader.postings("path", path).all_ids())
        if self.kind != "unreviewed":
            return found
        every = range(reader.doc_count_all())
        return {docnum for docnum in every if docnum not in found and not reader.is_deleted(docnum)}


class _MarkNode(syntax.TextNode):
    def __init__(self, field_name: str, value: str) -> None:
        super().__init__(value)
        self.mark_field = field_name

    def is_text(self) -> bool:
        return False

    def query(self, parser) -> wq.Query:
        value = self.text
        if self.mark_field == "tag":
            return MarkedDocs("tag", value, boost=self.boost) if value.strip() else wq.error_query(
                "tag: needs a tag name, like tag:follow-up or tag:\"to check\"")
        if value.lower() not in KINDS:
            return wq.error_query(f"is:{value} is not a mark: use is:starred, is:reviewed or is:unreviewed")
        return MarkedDocs(value.lower(), boost=self.boost)


class MarkPlugin(TaggingPlugin):
    """is:WORD, tag:WORD and tag:"several words" (before Whoosh's own fields see them)."""

    expr = r'(?<![^\s(])(?P<field_name>is|tag):(?:"(?P<quoted>[^"]*)"|(?P<word>[^\s()"]+))'
    priority = -1  # ahead of the fields plugin

    def create(self, parser, match):
        value = match.group("quoted") if match.group("quoted") is not None else match.group("word")
        return _MarkNode(match.group("field_name"), value)


def narrowed(query: str, kind: str, tag: str = "") -> str:
    """The query kept to articles with a mark, as a user would type it (shown in the field,
    so it can be read and taken out): "budget" → "budget is:unreviewed"."""
    if kind == "tag":
        name = " ".join(tag.replace('"', " ").split())
        part = f'tag:"{name}"' if any(ch.isspace() or ch in "()" for ch in name) else f"tag:{name}"
    else:
        part = f"is:{kind}"
    if part.casefold() in query.casefold().split():
        return query
    return f"{query.strip()} {part}".strip()


def resolve_marks(q: wq.Query, source: MarkSource | None) -> wq.Query:
    """Each mark query of q given its paths; without a source of marks, a QueryError's message."""
    if isinstance(q, MarkedDocs):
        if source is None:
            raise MarksUnavailable()
        return q.resolved(source)
    if q.is_leaf():
        return q
    return q.apply(lambda child: resolve_marks(child, source))


class MarksUnavailable(Exception):
    """The query asks for marks and there are none to read (said as a QueryError by the parser)."""
