"""Searching: the right articles, right marks, dates, sorts, errors, suggestions."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from newsfind.index import update_index
from newsfind.search import ArchiveSearcher, QueryError, make_snippet
from tests.corpora import NEWSARTICLES, read_manifest


@pytest.fixture(scope="module")
def searcher(newsarticles_index: Path):
    with ArchiveSearcher(newsarticles_index) as opened:
        yield opened


@pytest.fixture(scope="module")
def whoosh_searcher(newsarticles_index: Path):
    """Whoosh's own searcher over the same index, to compare answers with."""
    from newsfind.index import open_index

    with open_index(newsarticles_index).searcher() as opened:
        yield opened


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in NEWSARTICLES.glob("*.txt")}


def all_hits(searcher: ArchiveSearcher, query: str, **kwargs):
    result = searcher.search(query, page_size=5000, **kwargs)
    assert len(result.hits) == result.total
    return result.hits


def files_matching(texts: dict[str, str], *patterns: str) -> set[str]:
    compiled = [re.compile(p, re.IGNORECASE) for p in patterns]
    return {name for name, text in texts.items() if all(c.search(text) for c in compiled)}


@pytest.mark.parametrize("query, patterns", [
    ("refugees germany", [r"\brefugees\b", r"\bgermany\b"]),
    ("brexit parliament", [r"\bbrexit\b", r"\bparliament\b"]),
    ('"climate change"', [r"\bclimate\s+change\b"]),
    ('"prime minister" japan', [r"\bprime\s+minister\b", r"\bjapan\b"]),
])
def test_every_article_containing_the_words_is_found(searcher, texts, query, patterns) -> None:
    expected = files_matching(texts, *patterns)
    assert expected, "the scan should find something"
    found = {hit.path for hit in all_hits(searcher, query)}
    assert expected <= found
    # Stemming may add articles with other forms of the words, not unrelated ones.
    stems = [re.sub(r"\\b|\\s\+", " ", p).split() for p in patterns]
    for path in found - expected:
        text = texts[path].lower()
        assert all(any(word[:5] in text for word in words) for words in stems), path


def test_phrase_marks_the_whole_phrase_only(searcher) -> None:
    for hit in searcher.search('"climate change"').hits:
        body = searcher.article(hit.id).body
        assert hit.matches
        for start, end in hit.matches:
            # Stop words are not indexed, so "climate is changing" matches too.
            assert re.fullmatch(r"climate\W+(?:(?:is|was|the|of|and|to|a)\W+)?chang\w*", body[start:end],
                                re.IGNORECASE), body[start:end]


def test_snippet_marks_the_query_words(searcher) -> None:
    for hit in searcher.search("refugees germany").hits:
        marked = [html.unescape(m).lower() for m in re.findall(r"<mark>(.*?)</mark>", hit.snippet)]
        assert marked
        assert all(word.startswith(("refugee", "germany")) for word in marked), marked
        assert len(re.sub(r"<[^>]+>", "", hit.snippet)) < 400


def test_match_offsets_point_at_the_words_in_the_body(searcher) -> None:
    hit = searcher.search("immigration").hits[0]
    body = searcher.article(hit.id).body
    assert all(body[s:e].lower().startswith("immigra") for s, e in hit.matches)
    assert list(hit.matches) == searcher.match_offsets(hit.id, "immigration")
    assert len(hit.matches) == len(re.findall(r"\bimmigra(?:tion|nts?)\b", body, re.IGNORECASE))


def test_not_or_prefix_fuzzy_and_title(searcher, texts) -> None:
    trump = {h.path for h in all_hits(searcher, "trump")}
    clinton = {h.path for h in all_hits(searcher, "clinton")}
    assert {h.path for h in all_hits(searcher, "trump NOT clinton")} == trump - clinton
    assert {h.path for h in all_hits(searcher, "trump OR clinton")} == trump | clinton
    prefix = {h.path for h in all_hits(searcher, "immigra*")}
    assert files_matching(texts, r"\bimmigra") <= prefix
    assert files_matching(texts, r"\bimmigration\b") <= {h.path for h in all_hits(searcher, "imigration~")}
    for hit in searcher.search("title:brexit").hits:
        assert "brexit" in hit.title.lower()
    # NOT words are never marked.
    assert all("clinton" not in h.snippet.lower() for h in searcher.search("trump NOT clinton").hits)


def test_date_filters_match_the_manifest(searcher, texts) -> None:
    manifest = read_manifest("newsarticles")
    start, end = dt.date(2017, 1, 1), dt.date(2017, 1, 31)
    expected = {name for name in files_matching(texts, r"\btrump\b") if start <= manifest[name].date <= end}
    by_parameter = all_hits(searcher, "trump", date_from="2017-01-01", date_to="2017-01-31")
    by_syntax = all_hits(searcher, "trump date:[2017-01-01 TO 2017-01-31]")
    by_month = all_hits(searcher, "trump", date_from="2017-01", date_to="2017-01")
    for hits in (by_parameter, by_syntax, by_month):
        assert expected <= {h.path for h in hits}
        assert all(start <= h.date <= end for h in hits)
    assert {h.path for h in by_parameter} == {h.path for h in by_syntax} == {h.path for h in by_month}
    open_ended = all_hits(searcher, "trump", date_from="2017-03-15")
    assert open_ended and all(h.date >= dt.date(2017, 3, 15) for h in open_ended)


def test_sorts(searcher) -> None:
    newest = [h.date for h in all_hits(searcher, "election", sort="newest")]
    oldest = [h.date for h in all_hits(searcher, "election", sort="oldest")]
    assert newest == sorted(newest, reverse=True)
    assert oldest == sorted(oldest)
    relevance = all_hits(searcher, "election")
    assert [h.score for h in relevance] == sorted((h.score for h in relevance), reverse=True)


def test_pages_cover_all_hits_once(searcher) -> None:
    first = searcher.search("europe", page_size=7)
    seen = []
    for page in range(1, first.pages + 1):
        seen.extend(h.id for h in searcher.search("europe", page=page, page_size=7).hits)
    assert len(seen) == len(set(seen)) == first.total


@pytest.mark.parametrize("query, message", [
    ('"climate change', "quotation mark is not closed"),
    ("(brexit OR trump", "is not closed"),
    ("brexit)", "has no matching"),
    ("author:smith", "there is no field “author”"),
    ("the and of", "only very common words"),
    ("   ", "type one or more words"),
    ("date:[2017-01-01 TO 2017-02-01", "needs both brackets"),
])
def test_query_errors_have_messages(searcher, query, message) -> None:
    with pytest.raises(QueryError, match=message):
        searcher.search(query)


def test_bad_date_parameters(searcher) -> None:
    with pytest.raises(QueryError, match="is not a date"):
        searcher.search("trump", date_from="31/01/2017")
    with pytest.raises(QueryError, match="after the “to” date"):
        searcher.search("trump", date_from="2017-02-01", date_to="2017-01-01")


def test_did_you_mean(searcher) -> None:
    result = searcher.search("goverment spendng")
    assert result.total == 0
    assert result.suggestion == "government spending"
    assert searcher.search(result.suggestion).total > 0
    assert searcher.search("trump").suggestion is None


def test_more_like_this(searcher) -> None:
    hit = searcher.search('"climate change"').hits[0]
    similar = searcher.more_like_this(hit.id)
    assert similar.hits and hit.id not in {h.id for h in similar.hits}


def test_snippet_of_a_long_line_stays_short() -> None:
    body = "word " * 100_000 + "needle " + "word " * 100_000
    start = body.index("needle")
    snippet = make_snippet(body, [(start, start + 6)])
    assert "<mark>needle</mark>" in snippet and len(snippet) < 400


def test_snippet_escapes_html() -> None:
    body = "<script>alert(1)</script> & the raid"
    start = body.index("raid")
    snippet = make_snippet(body, [(start, start + 4)])
    assert snippet == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; the <mark>raid</mark>"


# ------------------------------------------------------- hostile archive


@pytest.fixture(scope="module")
def nasty_searcher(nasty_index):
    index_dir, _ = nasty_index
    with ArchiveSearcher(index_dir) as opened:
        yield opened


@pytest.mark.parametrize("query, expected", [
    ('"Mill Street"', "control_and_zero_width_chars.txt"),
    ("Thursday", "control_and_zero_width_chars.txt"),
    ("Grünfeld", "latin1_de_article.txt"),
    ("Grunfeld", "latin1_de_article.txt"),
    ("Wärmespeicher", "de_article.txt"),
    ("mediatheque", "fr_article.txt"),
    ("médiathèque", "fr_article.txt"),
    ("МОСТ", "ru_article.txt"),
    ("мост", "utf16le_bom_ru_article.txt"),
    ("电梯", "zh_article.txt"),
    ("加装电梯", "zh_article.txt"),
    ("deep_article", None),
])
def test_hostile_archive_is_searchable(nasty_searcher, query, expected) -> None:
    paths = {hit.path for hit in nasty_searcher.search(query, page_size=100).hits}
    if expected:
        assert expected in paths


def test_undated_and_extreme_dates_sort_and_filter(nasty_searcher) -> None:
    oldest = [h.date for h in nasty_searcher.search("Mill", sort="oldest", page_size=100).hits]
    newest = [h.date for h in nasty_searcher.search("Mill", sort="newest", page_size=100).hits]
    assert oldest[0] == dt.date(1, 1, 1)
    assert newest[0] == dt.date(9999, 12, 31)
    for dates in (oldest, newest):
        dated = [d for d in dates if d]
        assert dates[: len(dated)] == dated, "undated articles come last"
    assert {h.date for h in nasty_searcher.search("Mill", date_from="9000", page_size=100).hits} == {dt.date(9999, 12, 31)}


def test_huge_article_snippet_is_short(nasty_searcher) -> None:
    hits = [h for h in nasty_searcher.search("union", page_size=100).hits if h.path == "huge_20MB_article.txt"]
    assert hits and len(hits[0].snippet) < 600


@pytest.mark.parametrize("query, dates", [
    ("state", ("2016-07-29", "2017-02-17")),
    ("immigra*", (None, None)),
    ("president OR minister", ("2017-01-01", None)),
    ("goverment~", (None, "2017-02-28")),
])
def test_top_hits_and_total_are_exact(searcher, whoosh_searcher, query, dates) -> None:
    """The first page holds the best scores of all matches, and the total counts them all."""
    page = searcher.search(query, date_from=dates[0], date_to=dates[1])
    every = searcher.search(query, date_from=dates[0], date_to=dates[1], page_size=10_000).hits
    assert page.total == len(every)
    parsed = searcher.parse(query).query
    allowed = {h.id for h in every}
    scored = [hit for hit in whoosh_searcher.search(parsed, limit=None) if hit["id"] in allowed]
    best = sorted((round(hit.score, 6) for hit in scored), reverse=True)[:20]
    assert [round(hit.score, 6) for hit in page.hits] == best


def test_a_searcher_refreshed_after_segments_merged_counts_each_article_once(tmp_path: Path) -> None:
    """Whoosh's own Searcher.refresh() kept merged-away segments: every merged article twice."""
    from newsfind.index import open_index

    archive = tmp_path / "archive"
    archive.mkdir()
    index_dir = tmp_path / "index"
    for batch in range(3):
        for n in range(5):
            (archive / f"{batch}-{n}.txt").write_text(f" date 2020-01-0{batch + 1} \nTitle\n\nqqmerge text {n}\n", "utf-8")
        update_index(archive, index_dir)
    with ArchiveSearcher(index_dir) as searcher:
        assert searcher.search("qqmerge").total == 15
        (archive / "0-0.txt").unlink()
        update_index(archive, index_dir)
        open_index(index_dir).optimize()  # one segment from all of them
        assert searcher.search("qqmerge").total == 14 == searcher.doc_count


@pytest.mark.parametrize("query", ["*a*", "*", "NOT police", "-police", "NOT a*", "*e* date:2016",
                                   "title:[a TO c]", "date:2017", "(*a* OR date:2016) -trump"])
def test_queries_answered_by_sets_rank_and_count_as_whoosh_does(searcher, whoosh_searcher, query) -> None:
    """Patterns, dates, every article and NOTs are answered by set operations;
    the same parsed query through Whoosh's matchers gives the same page and total."""
    page = searcher.search(query, page_size=20)
    parsed = searcher.parse(query).query
    whoosh_hits = whoosh_searcher.search(parsed, limit=None)
    ranked = sorted(((-round(hit.score, 6), hit.docnum) for hit in whoosh_hits))[:20]
    assert page.total == len(whoosh_hits)
    assert [round(hit.score, 6) for hit in page.hits] == [-score for score, _ in ranked]
    assert [hit.id for hit in page.hits] == [whoosh_searcher.stored_fields(d)["id"] for _, d in ranked]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_queries_answered_by_sets_sort_by_date(searcher, sort) -> None:
    hits = all_hits(searcher, "*e*", sort=sort)
    dates = [hit.date for hit in hits if hit.date]
    assert dates == sorted(dates, reverse=sort == "newest") and len(dates) == len(hits)


@pytest.mark.parametrize("query", ['"climate change"', '"state of the union"', 'trump "white house"',
                                   '"donald trump" OR "hillary clinton"', '"police said" -fire',
                                   'title:"travel ban"', '"new york new york"'])
def test_phrases_found_from_postings_rank_and_count_as_whoosh_phrases_do(searcher, whoosh_searcher, query) -> None:
    from whoosh import query as wq
    from newsfind.phrases import FastPhrase

    page = searcher.search(query, page_size=20)
    parsed = searcher.parse(query).query
    assert any(isinstance(node, FastPhrase) for node in searcher_nodes(parsed))

    def as_whoosh(node):
        if isinstance(node, FastPhrase):
            return wq.Phrase(node.fieldname, list(node.words), boost=node.boost)
        return node if node.is_leaf() else node.apply(as_whoosh)

    whoosh_hits = whoosh_searcher.search(as_whoosh(parsed), limit=None)
    ranked = sorted(((-round(hit.score, 6), hit.docnum) for hit in whoosh_hits))[:20]
    assert page.total == len(whoosh_hits)
    assert [hit.id for hit in page.hits] == [whoosh_searcher.stored_fields(d)["id"] for _, d in ranked]


def searcher_nodes(q):
    yield q
    for child in q.children():
        yield from searcher_nodes(child)


def test_each_hit_says_where_its_snippet_stands_in_the_article(searcher) -> None:
    """Copying a snippet with its citation quotes exactly that passage."""
    from newsfind.snippets import snippet_text

    for hit in searcher.search('"prime minister" japan').hits:
        start, end = hit.snippet_span
        body = searcher.article(hit.id).body
        assert snippet_text(hit.snippet).strip("…") == " ".join(body[start:end].split())


def test_warming_up_gives_way_to_the_user_and_changes_no_answer(searcher, newsarticles_index) -> None:
    """The window reads the index's words on opening; a keystroke stops it."""
    from newsfind.cancellation import SearchCancelled

    with ArchiveSearcher(newsarticles_index) as opened:
        with pytest.raises(SearchCancelled):
            opened.warm_up(cancelled=lambda: True)
        opened.warm_up()
        assert opened.search("immigra* refug*").total == searcher.search("immigra* refug*").total > 0


def test_a_pattern_searched_before_the_words_are_read_finds_what_it_finds_after(newsarticles_index: Path) -> None:
    """A one-off search (the command line) reads only the words a pattern can stand
    for: the hits are those found once every word of the index has been read."""
    import random

    with ArchiveSearcher(newsarticles_index) as warm:
        warm.warm_up()
        words = sorted(warm._lexicon.words(warm._searcher.reader(), "body", lambda: False).terms)
        rng = random.Random(2016)
        picked = [word for word in rng.sample(words, 60) if len(word) >= 4]
        queries = ["immigra*", "immigrashun~", "im*gr*", "?olice", "raids~2", "title:refug*"]
        queries += [word[:3] + "*" for word in picked[:15]] + [word + "~" for word in picked[15:30]]
        queries += [word[:2] + "?" + word[3:] for word in picked[30:40]] + [word[:-1] + "*s" for word in picked[40:]]
        for query in queries:
            with ArchiveSearcher(newsarticles_index) as cold:
                first, second = cold.search(query, page_size=50), warm.search(query, page_size=50)
            assert (first.total, [hit.id for hit in first.hits]) == (second.total, [hit.id for hit in second.hits]), query
