"""'Did you mean': misspellings by letters and by sound find the archive's word, as written."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsfind.analysis import normalise_word, stem
from newsfind.cancellation import SearchCancelled
from newsfind.cli import main
from newsfind.index import update_index
from newsfind.search import ArchiveSearcher
from newsfind.suggest import distance
from tests.corpora import NEWSARTICLES


@pytest.fixture(scope="module")
def news(newsarticles_index: Path):
    with ArchiveSearcher(newsarticles_index) as opened:
        yield opened


def searcher_over(root: Path, articles: list[str]) -> ArchiveSearcher:
    """A searcher over an archive of these article texts, indexed in `root`."""
    archive = root / "archive"
    archive.mkdir()
    for number, text in enumerate(articles):
        (archive / f"{number:03}.txt").write_text(f" date 2020-01-{number % 28 + 1:02} \n{text}\n", "utf-8")
    update_index(archive, root / "index")
    return ArchiveSearcher(root / "index")


@pytest.mark.parametrize("typed, meant", [
    ("immigrashun", "immigration"),  # issue #13: the stem "immigrashun" is nowhere near "immigr"
    ("fizzical", "physical"),  # not "fiscal", which Metaphone hears alike too
    ("nolij", "knowledge"),
    ("kwestion", "question"),
    ("filosofy", "philosophy"),
    ("elekshun", "election"),
    ("sykology", "psychology"),
])
def test_a_word_spelt_as_it_sounds_gets_the_word_as_written(news, typed, meant) -> None:
    result = news.search(typed)
    assert result.total == 0 and result.suggestion == meant
    assert news.search(meant).total > 0


@pytest.mark.parametrize("typed, meant", [
    ("goverment spendng", "government spending"),
    ("tommorow", "tomorrow"),  # a letter missing, another doubled
    ("enviromnet", "environment"),  # a letter missing, two swapped
    ("parlamint", "parliament"),
    ("comittee", "committee"),
])
def test_one_and_two_edit_typos(news, typed, meant) -> None:
    assert news.search(typed).suggestion == meant


def test_only_the_unknown_words_of_a_query_change(news) -> None:
    assert news.search("Trump immigrashun").suggestion == "Trump immigration"
    assert news.search('title:fizzical "climate change"').suggestion == 'title:physical "climate change"'


def test_a_query_with_hits_gets_no_suggestion(news) -> None:
    assert news.search("immigration").suggestion is None
    assert news.search("trump OR fizzical").suggestion is None


def test_the_command_line_shows_the_suggestion(capsys, newsarticles_index: Path) -> None:
    assert main(["search", "immigrashun", "--archive", str(NEWSARTICLES), "--index-dir", str(newsarticles_index),
                 "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["total"] == 0 and answer["suggestion"] == "immigration"


def test_among_equally_close_words_the_one_in_more_articles_wins(tmp_path: Path) -> None:
    with searcher_over(tmp_path, ["The plaster cracked."] * 3 + ["A planter of herbs."]) as searcher:
        assert searcher.search("plamter").suggestion == "plaster"  # one letter from both
        assert searcher.search("plantre").suggestion == "planter"  # the nearer word, though rarer


def test_the_suggestion_is_the_form_written_nearest_the_typed_word(tmp_path: Path) -> None:
    articles = ["Immigrants arrived."] * 3 + ["Immigration rose."]
    with searcher_over(tmp_path, articles) as searcher:
        assert searcher.search("imigration").suggestion == "immigration"  # not the stem "immigr"
        assert searcher.search("imigrants").suggestion == "immigrants"


def test_a_suggestion_gives_up_when_cancelled(news) -> None:
    checks = itertools.count()
    news.suggest("presidentshal campain", cancelled=lambda: next(checks) < 0)
    made = next(checks)
    assert made > 10
    for cancel_at in (made // 2, made - 1):
        checks = itertools.count()
        with pytest.raises(SearchCancelled):
            news.suggest("presidentshal campain", cancelled=lambda: next(checks) >= cancel_at)


# ------------------------------------------------------- misspelt at random

# Words of seven letters or more, each its own stem with one written form, in
# 1 to 6 of the articles (word k in k % 6 + 1 of them).
VOCABULARY = ("harvest lantern blanket captain chimney dolphin emperor fortune gallery hamster journey "
              "kitchen lobster mustard network orchard pilgrim quarrel rooster sandwich thunder uniform "
              "village whisper volcano pyramid diamond leopard mermaid penguin").split()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory):
    articles = [" ".join(word for k, word in enumerate(VOCABULARY) if number <= k % 6).capitalize() + "."
                for number in range(6)]
    with searcher_over(tmp_path_factory.mktemp("small"), articles) as searcher:
        yield searcher


def edited(word: str, kind: str, at: int, letter: str) -> str:
    if kind == "insert":
        return word[:at] + letter + word[at:]
    if kind == "delete":
        return word[:at] + word[at + 1:]
    if kind == "change":
        return word[:at] + letter + word[at + 1:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]  # two letters swapped


@st.composite
def misspelt(draw) -> tuple[str, str]:
    """(word, the word with one or two random edits, its first letter kept)."""
    word = draw(st.sampled_from(VOCABULARY))
    typed = word
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["insert", "delete", "change", "swap"]))
        at = draw(st.integers(1, len(typed) - {"insert": 0, "swap": 2}.get(kind, 1)))
        typed = edited(typed, kind, at, draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz")))
    return word, typed


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(misspelt())
def test_a_word_misspelt_by_one_or_two_edits_is_found(small, word_typed: tuple[str, str]) -> None:
    """The word meant, or one at least as near the typed word (by letters or
    sound) and, when as near, in at least as many articles."""
    word, typed = word_typed
    assume(small.search(typed).total == 0)
    suggestion = small.search(typed).suggestion
    assert suggestion is not None
    articles = small.search(suggestion).total
    assert articles > 0
    if stem(normalise_word(suggestion)) != stem(word):
        assert (distance(typed, suggestion), -articles) <= (distance(typed, word), -small.search(word).total)
