"""`=word`: a word spelled exactly so, accents included (issue #13), and
prefixes marked as whole words.

Folding accents makes Bürger and burger one word; `=Bürger` must find only
the articles where Bürger is written (case still ignored), and everything
that reports on a search (its count, pages, date sorts, the timeline, the
marks, the command line, several archives) must agree with that list. Each
answer is checked against a scan of the article files, made without the index.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfind.cli import main
from newsfind.index import update_index
from newsfind.multi import MergedSearch
from newsfind.search import ArchiveSearcher, QueryError
from tests.corpora import NEWSARTICLES

#: Spellings that fold to the same words, and words that do not fold at all.
SPELLINGS = ["Bürger", "burger", "BÜRGER", "Burger", "Bürgerinnen", "Bürgermeister", "burgers", "café", "cafe",
             "Café", "cafés", "naïve", "naive", "résumé", "resume", "São", "Sao", "Köln", "Koln"]
FILLER = ["city", "council", "market", "people", "street", "report", "summer", "river", "school", "train"]


def article_text(date: dt.date | None, title: str, body: str) -> str:
    return (f" date {date.isoformat()} {title}\n\n{body}\n" if date else f"{title}\n\n{body}\n")


def make_archive(root: Path, count: int, seed: int) -> Path:
    """Articles of filler words and a few spellings each, over two years (some undated)."""
    picks = random.Random(seed)
    root.mkdir(parents=True)
    for n in range(count):
        words = picks.sample(FILLER, 6) + picks.sample(SPELLINGS, picks.randint(0, 4))
        picks.shuffle(words)
        date = None if n % 9 == 0 else dt.date(2019, 1, 1) + dt.timedelta(days=picks.randrange(730))
        title = f"{picks.choice(FILLER).title()} {picks.choice(SPELLINGS + FILLER)} {n}"
        (root / f"{n:03d}.txt").write_text(article_text(date, title, " ".join(words) + "."), "utf-8")
    (root / "german.txt").write_text(article_text(
        dt.date(2020, 5, 1), "Die Bürgerinnen und Bürger",
        "Die Bürgerinnen und Bürger von Köln. Ein Bürgermeister aß einen Burger. Bürger’s Haus."), "utf-8")
    return root


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_archive(tmp_path_factory.mktemp("accents") / "archive", 120, seed=13)


@pytest.fixture(scope="module")
def index_dir(archive: Path) -> Path:
    target = archive.parent / "index"
    update_index(archive, target)
    return target


@pytest.fixture(scope="module")
def searcher(index_dir: Path, archive: Path):
    with ArchiveSearcher(index_dir, archive_root=str(archive)) as opened:
        yield opened


@pytest.fixture(scope="module")
def written(archive: Path) -> dict[str, set[str]]:
    """Every word of each article as written (NFC, lower case), found without the index."""
    return {path.name: set(re.findall(r"\w+", unicodedata.normalize("NFC", path.read_text("utf-8")).lower()))
            for path in archive.glob("*.txt")}


def holding(written: dict[str, set[str]], word: str, prefix: bool = False) -> set[str]:
    word = unicodedata.normalize("NFC", word).lower()
    return {name for name, words in written.items()
            if (any(w.startswith(word) for w in words) if prefix else word in words)}


def every_hit(searcher: ArchiveSearcher, query: str, **kwargs):
    result = searcher.search(query, page_size=10_000, **kwargs)
    assert result.total == len(result.hits)
    return result.hits


def found(searcher: ArchiveSearcher, query: str, **kwargs) -> set[str]:
    return {hit.path for hit in every_hit(searcher, query, **kwargs)}


@pytest.fixture(scope="module")
def bodies(searcher: ArchiveSearcher) -> dict[str, str]:
    """Each article's body as indexed (the marks are offsets into it), by id."""
    return {hit.id: searcher.article(hit.id).body for hit in every_hit(searcher, "*")}


def marked(hit, bodies: dict[str, str]) -> list[str]:
    return [bodies[hit.id][start:end] for start, end in hit.matches]


def marked_in_snippet(hit) -> set[str]:
    return {word.lower() for word in re.findall(r"<mark>(.*?)</mark>", hit.snippet)}


def whole_words(body: str, spans) -> bool:
    return all(not body[end:end + 1].isalnum() and (start == 0 or not body[start - 1].isalnum())
               for start, end in spans)


# ------------------------------------------------------------ what is found


def test_burger_and_buerger_are_told_apart_both_ways(searcher, written) -> None:
    with_umlaut, without = holding(written, "Bürger"), holding(written, "burger")
    assert with_umlaut - without and without - with_umlaut, "the archive should hold each alone"
    assert found(searcher, "=Bürger") == with_umlaut
    assert found(searcher, "=burger") == without
    assert found(searcher, "Bürger") == found(searcher, "burger") >= with_umlaut | without  # folded: one word


def test_case_is_still_ignored_and_the_spelling_is_normalised(searcher, written) -> None:
    expected = holding(written, "Bürger")
    decomposed = unicodedata.normalize("NFD", "Bürger")
    for query in ("=bürger", "=BÜRGER", "=Bürger", "=" + decomposed, "title:=Bürger OR body:=Bürger"):
        assert found(searcher, query) == expected, query


def test_a_prefix_keeps_its_accents(searcher, written) -> None:
    expected = holding(written, "Bürger", prefix=True)
    assert holding(written, "Bürgerinnen") < expected
    assert found(searcher, "=Bürger*") == expected
    assert found(searcher, "=caf*") == holding(written, "caf", prefix=True)
    assert found(searcher, "=café*") == holding(written, "café", prefix=True)
    assert found(searcher, "=b?rger") == holding(written, "burger") | holding(written, "bürger")


def test_exact_words_combine_with_the_rest_of_the_language(searcher, written) -> None:
    everything = set(written)
    bürger, burger = holding(written, "Bürger"), holding(written, "burger")
    café = holding(written, "café")
    assert found(searcher, "=Bürger =café") == bürger & café
    assert found(searcher, "=Bürger OR =café") == bürger | café
    assert found(searcher, "NOT =Bürger") == everything - bürger
    assert found(searcher, "-=Bürger") == everything - bürger
    assert found(searcher, "burger -=burger") == found(searcher, "burger") - burger >= bürger - burger
    assert found(searcher, '="und Bürger von Köln"') == {"german.txt"}
    assert found(searcher, '="und burger von koln"') == set()
    assert found(searcher, '="Bürger\'s Haus"') == {"german.txt"}  # ’ and ' are one apostrophe


@pytest.mark.parametrize("query, message", [
    ("=Bürger~", "do not go together"),
    ('"die =Bürger"', "before the quotation mark"),
    ("=the", "common words"),
])
def test_what_cannot_be_searched_exactly_is_explained(searcher, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        searcher.search(query)


# -------------------------------------------- counts, pages, dates, timeline


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_pages_and_the_count_agree_with_the_list(searcher, written, sort: str) -> None:
    expected = holding(written, "Bürger", prefix=True)
    pages, page = [], 1
    while True:
        result = searcher.search("=Bürger*", page=page, page_size=7, sort=sort)
        assert result.total == len(expected)
        pages += result.hits
        if page >= result.pages:
            break
        page += 1
    assert [hit.path for hit in pages if hit.path in expected] == [hit.path for hit in pages]
    assert {hit.path for hit in pages} == expected and len(pages) == len(expected)
    if sort != "relevance":
        dates = [hit.date for hit in pages if hit.date]
        assert dates == sorted(dates, reverse=sort == "newest")
        assert all(hit.date is None for hit in pages[len(dates):]), "undated last"


def test_the_timeline_counts_the_articles_listed(searcher) -> None:
    for query, bounds in (("=Bürger", {}), ("=burger", {"date_from": "2019-06", "date_to": "2020-06"}),
                          ("=Bürger* OR =café", {"date_from": "2020"})):
        hits = every_hit(searcher, query, **bounds)
        counts = searcher.date_counts(query, **bounds)
        assert counts == Counter(hit.date for hit in hits), query
        assert sum(counts.values()) == searcher.search(query, **bounds).total


def test_several_archives_agree_with_each_one(searcher, tmp_path: Path, written) -> None:
    other = make_archive(tmp_path / "other", 40, seed=14)
    update_index(other, tmp_path / "other-index")
    with ArchiveSearcher(tmp_path / "other-index", archive_root=str(other)) as second:
        merged = MergedSearch([searcher, second], "=Bürger", sort="newest", page_size=9)
        hits = merged.all_hits()
        assert merged.total == len(hits) == searcher.search("=Bürger").total + second.search("=Bürger").total
        assert all(marked_in_snippet(hit) <= {"bürger", "bürger’s"} for hit in hits)
        assert all(marked_in_snippet(hit) for hit in hits)


# ------------------------------------------------------------------- marks


def test_only_the_exact_spelling_is_marked(searcher, bodies) -> None:
    [hit] = [hit for hit in every_hit(searcher, "=burger") if hit.path == "german.txt"]
    assert marked(hit, bodies) == ["Burger"]
    assert marked_in_snippet(hit) == {"burger"}
    [hit] = [hit for hit in every_hit(searcher, "=Bürger") if hit.path == "german.txt"]
    assert marked(hit, bodies) == ["Bürger", "Bürger", "Bürger’s"]  # the headline's, the text's, and Bürger’s
    assert searcher.match_offsets(hit.id, "=Bürger") == list(hit.matches)


@pytest.mark.parametrize("query", ["Bürger*", "=Bürger*", "bürg*", "=Bürgerinn*"])
def test_a_prefix_marks_whole_words(searcher, bodies, query: str) -> None:
    [hit] = [hit for hit in every_hit(searcher, query) if hit.path == "german.txt"]
    words = marked(hit, bodies)
    assert "Bürgerinnen" in words
    assert ("Bürger" in words) != query.endswith("inn*"), words
    assert whole_words(bodies[hit.id], hit.matches), words
    assert searcher.match_offsets(hit.id, query) == list(hit.matches)


@pytest.fixture(scope="module")
def news_searcher(newsarticles_index: Path):
    with ArchiveSearcher(newsarticles_index) as opened:
        yield opened


@pytest.mark.parametrize("query", ["immigr*", "immigra*", "con*", "=Fran*"])  # con*: too many words to mark from postings
def test_a_prefix_marks_whole_words_in_real_articles(news_searcher, query: str) -> None:
    hits = news_searcher.search(query, page_size=30).hits
    assert hits
    for hit in hits:
        body = news_searcher.article(hit.id).body
        assert hit.matches and whole_words(body, hit.matches), [body[s:e] for s, e in hit.matches]
        assert "<mark>" in hit.snippet


def test_exact_francois_on_real_articles(news_searcher) -> None:
    texts = {path.name: path.read_text("utf-8") for path in NEWSARTICLES.glob("*.txt")}
    spelled = {name for name, text in texts.items() if re.search(r"\bfrançois\b", text, re.IGNORECASE)}
    folded = {name for name, text in texts.items() if re.search(r"\bfran[cç]ois\b", text, re.IGNORECASE)}
    assert spelled and folded - spelled
    assert found(news_searcher, "=François") == spelled
    assert found(news_searcher, "François") >= folded


# ------------------------------------------------------------ command line


def test_the_command_line_marks_only_the_spelling(capsys, archive: Path, index_dir: Path, written) -> None:
    assert main(["search", "=burger", "--archive", str(archive), "--index-dir", str(index_dir),
                 "--limit", "500"]) == 0
    out = capsys.readouterr().out
    assert f"{len(holding(written, 'burger'))} articles match '=burger'" in out
    assert "**Burger**" in out and "**Bürger" not in out and "**burgers" not in out
    assert main(["search", "--archive", str(archive), "--index-dir", str(index_dir), "--", "-=Bürger"]) == 0
    assert f"{len(written) - len(holding(written, 'Bürger')):,} articles match" in capsys.readouterr().out
    assert main(["search", "=Bürger~", "--archive", str(archive), "--index-dir", str(index_dir)]) != 0
    assert "do not go together" in capsys.readouterr().err


# ------------------------------------------------------------------ property


TOKENS = SPELLINGS + [unicodedata.normalize("NFD", word) for word in ("Bürger", "café")] + FILLER[:3]
QUERY_WORD = st.tuples(st.sampled_from(["", "=", "=", "-", "-=", "(=", "title:=", "= ", "=="]),
                       st.sampled_from(TOKENS), st.sampled_from(["", "*", "?", "~", ")", "'s", "="]))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(QUERY_WORD, min_size=1, max_size=4), joiner=st.sampled_from([" ", " OR ", " AND "]))
def test_any_exact_query_answers_and_never_lists_an_article_without_the_spelling(searcher, written,
                                                                                 parts, joiner: str) -> None:
    query = joiner.join(before + word + after for before, word, after in parts)
    try:
        result = searcher.search(query, page_size=10_000, snippets=False)
    except QueryError:
        return
    assert result.total == len(result.hits)
    if joiner == " OR ":
        return
    for before, word, after in parts:  # every `=word` standing alone must be written in each article listed
        if before in ("=", "title:=") and after in ("", "*"):
            allowed = holding(written, word, prefix=after == "*")
            assert {hit.path for hit in result.hits} <= allowed, (query, word)


def test_an_article_changed_since_is_read_as_it_is_now(tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "archive", 30, seed=15)
    update_index(archive, tmp_path / "index")
    with ArchiveSearcher(tmp_path / "index") as searcher:
        assert "german.txt" in found(searcher, "=Bürger")
        german = archive / "german.txt"
        german.write_text(german.read_text("utf-8").replace("Bürger", "Burger"), "utf-8")
        update_index(archive, tmp_path / "index")
        assert "german.txt" not in found(searcher, "=Bürger")
        assert "german.txt" in found(searcher, "=burger")
        assert "german.txt" not in found(searcher, "=Bürger*")
