"""`newsfind trends FILE --archive A`: the text table and the JSON, as a script reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfind.cli import main
from tests.corpora import NEWSARTICLES, read_manifest


@pytest.fixture
def names(tmp_path: Path) -> Path:
    path = tmp_path / "names.txt"
    path.write_text('Trump\nPutin\n"Theresa May"\n# a comment\n\nBrexit OR "European Union"\n', encoding="utf-8")
    return path


def trends(capsys, newsarticles_index: Path, *args: str) -> tuple[int, str, str]:
    status = main(["trends", *args, "--archive", str(NEWSARTICLES), "--index-dir", str(newsarticles_index)])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_json_has_exactly_the_documented_schema(capsys, newsarticles_index, names):
    status, out, err = trends(capsys, newsarticles_index, str(names), "--json")
    assert status == 0 and err == ""
    answer = json.loads(out)
    assert list(answer) == ["by", "periods", "articles", "terms"]
    assert answer["by"] == "month"
    assert answer["periods"][0] == "2016-04" and answer["periods"][-1] == "2017-03" and len(answer["periods"]) == 12
    assert list(answer["articles"]) == answer["periods"]
    assert sum(answer["articles"].values()) == len(read_manifest("newsarticles"))
    assert [term["query"] for term in answer["terms"]] == ["Trump", "Putin", '"Theresa May"',
                                                            'Brexit OR "European Union"']
    for term in answer["terms"]:
        assert list(term) == ["query", "counts"]
        assert list(term["counts"]) == answer["periods"]
        assert all(isinstance(n, int) and 0 <= n <= answer["articles"][p] for p, n in term["counts"].items())


def test_by_year_normalised_gives_shares_in_percent(capsys, newsarticles_index, names):
    _, raw, _ = trends(capsys, newsarticles_index, str(names), "--json", "--by", "year")
    status, out, _ = trends(capsys, newsarticles_index, str(names), "--json", "--by", "year", "--normalise")
    counts, shares = json.loads(raw), json.loads(out)
    assert status == 0 and shares["periods"] == ["2016", "2017"] and shares["articles"] == counts["articles"]
    for counted, shared in zip(counts["terms"], shares["terms"]):
        for period, share in shared["counts"].items():
            assert share == pytest.approx(100 * counted["counts"][period] / counts["articles"][period], abs=1e-4)


def test_the_text_table_has_a_column_per_term_and_a_row_per_period(capsys, newsarticles_index, names):
    status, out, _ = trends(capsys, newsarticles_index, str(names), "--by", "year")
    lines = out.splitlines()
    assert status == 0 and lines[0] == "By year: articles that match, over 3,784 articles."
    assert lines[1].split()[:4] == ["period", "articles", "Trump", "Putin"]
    assert [line.split()[:2] for line in lines[2:]] == [["2016", "130"], ["2017", "3654"]]


def test_a_bad_line_is_said_with_its_number_and_the_rest_printed(capsys, newsarticles_index, tmp_path):
    listed = tmp_path / "terms.txt"
    listed.write_text("Trump\nAND Putin\nTrump\n", encoding="utf-8")
    status, out, err = trends(capsys, newsarticles_index, str(listed), "--json")
    assert status == 2
    assert [term["query"] for term in json.loads(out)["terms"]] == ["Trump"]
    assert "newsfind: line 2 (“AND Putin”): " in err
    assert "newsfind: line 3 repeats line 1 (“Trump”): counted once" in err


def test_an_empty_list_and_a_missing_file_are_one_line_each(capsys, newsarticles_index, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n\n", encoding="utf-8")
    status, out, err = trends(capsys, newsarticles_index, str(empty))
    assert status == 2 and out == "" and err.count("\n") == 1 and "no terms in" in err
    status, out, err = trends(capsys, newsarticles_index, str(tmp_path / "missing.txt"))
    assert status == 1 and err.startswith("newsfind: No such file") and err.count("\n") == 1
