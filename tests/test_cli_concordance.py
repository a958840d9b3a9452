"""`newsfind concordance`: the JSON the issue gives, offsets `show` agrees with,
aligned text lines, sorts, CSV and Markdown with citations, errors in one line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsfind.cli import main
from newsfind.concordance import concordance, sort_lines
from newsfind.search import ArchiveSearcher
from tests.corpora import NEWSARTICLES


@pytest.fixture(scope="module")
def archive_args(newsarticles_index: Path) -> list[str]:
    return ["--archive", str(NEWSARTICLES), "--index-dir", str(newsarticles_index)]


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_holds_every_occurrence_with_offsets_show_agrees_with(capsys, archive_args, newsarticles_index) -> None:
    status, out, _ = run(capsys, "concordance", '"prime minister" OR brexit', *archive_args, "--json")
    answer = json.loads(out)
    assert status == 0 and list(answer) == ["query", "total", "lines"]
    assert answer["query"] == '"prime minister" OR brexit' and answer["total"] == len(answer["lines"]) > 100
    assert all(list(line) == ["id", "path", "date", "paragraph", "start", "end", "left", "match", "right"]
               for line in answer["lines"])
    with ArchiveSearcher(newsarticles_index) as searcher:
        assert answer["total"] == len(list(concordance(searcher, '"prime minister" OR brexit')))
    for line in answer["lines"][::97]:
        run(capsys, "show", line["id"], *archive_args)
        status, shown, _ = run(capsys, "show", line["id"], *archive_args)
        body = shown.split("\n\n", 1)[1]
        assert body[line["start"]:line["end"]] == line["match"]
        assert body[:line["start"]].endswith(line["left"]) and body[line["end"]:].startswith(line["right"])
    dates = [line["date"] for line in answer["lines"] if line["date"]]
    assert dates == sorted(dates)


def test_text_lines_are_aligned_on_the_match(capsys, archive_args) -> None:
    status, out, _ = run(capsys, "concordance", "refugees", *archive_args, "--context", "30")
    lines = out.splitlines()
    assert status == 0 and lines[-1].startswith("817 occurrences in 240 articles")
    kwic = [line for line in lines[:-2]]
    assert len(kwic) == 817
    assert {line.index("**") for line in kwic} == {12 + 30}
    assert all(" ¶" in line and ".txt" in line for line in kwic)


def test_sorted_by_the_word_after(capsys, archive_args, newsarticles_index) -> None:
    _, out, _ = run(capsys, "concordance", "refugees", *archive_args, "--sort", "right", "--json")
    got = [(line["id"], line["start"]) for line in json.loads(out)["lines"]]
    with ArchiveSearcher(newsarticles_index) as searcher:
        wanted = [(line.id, line.start) for line in sort_lines(concordance(searcher, "refugees"), "right")]
    assert got == wanted


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_csv_and_markdown_carry_each_line_with_its_citation(capsys, archive_args, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"lines.{fmt}"
    status, _, err = run(capsys, "concordance", '"white house"', *archive_args, "--format", fmt, "--style", "apa",
                         "--out", str(target))
    text = target.read_text(encoding="utf-8")
    assert status == 0 and "wrote" in err
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows and all(row["match"].lower().startswith("white house") for row in rows)
        assert all(f"para. {row['paragraph']})" in row["citation"] for row in rows if row["paragraph"] != "0")
    else:
        assert text.splitlines()[0] == "| Date | Title | Path | Paragraph | Left | Match | Right | Citation |"


def test_a_query_to_fix_is_one_line_with_status_2(capsys, archive_args) -> None:
    status, out, err = run(capsys, "concordance", '"prime minister', *archive_args)
    assert status == 2 and out == "" and err.count("\n") == 1 and "query error" in err
    status, out, _ = run(capsys, "concordance", "date:2017", *archive_args)
    assert status == 0 and out.startswith("No occurrences")
