"""The newsfind command, as a script or a person at a terminal uses it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsfind.cli import main
from newsfind.cite import CiteSource, cite
from newsfind.search import ArchiveSearcher
from tests.corpora import SEED, SOTU, indexed_by_cli


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-archive")
    for path in sorted(SOTU.glob("*.txt"))[:30]:
        shutil.copy2(path, root / path.name)
    shutil.copy2(SEED, root / SEED.name)
    (root / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return root


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, archive: Path) -> Path:
    return indexed_by_cli(tmp_path_factory, archive, "cli-index")


def run_json(capsys, *args: str) -> dict:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def test_index_reports_counts_and_skipped_files(capsys, archive: Path, tmp_path: Path) -> None:
    assert main(["index", str(archive), "--index-dir", str(tmp_path / "ix")]) == 0
    out = capsys.readouterr().out
    assert "31 articles indexed: 31 added" in out
    assert "picture.txt: binary file (a PNG image), not text" in out
    assert main(["index", str(archive), "--index-dir", str(tmp_path / "ix")]) == 0
    assert "0 added, 0 updated, 0 removed, 31 unchanged" in capsys.readouterr().out


def test_index_of_a_missing_folder_fails_clearly(capsys, tmp_path: Path) -> None:
    assert main(["index", str(tmp_path / "nope")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_search_json(capsys, archive: Path, index_dir: Path) -> None:
    data = run_json(capsys, "search", "Mississippi raids", "--archive", str(archive), "--index-dir", str(index_dir),
                    "--json")
    assert data["query"] == "Mississippi raids" and data["total"] == 1
    hit = data["hits"][0]
    assert set(hit) == {"id", "path", "title", "date", "score", "snippet"}
    assert hit["path"] == SEED.name and hit["date"] == "2019-08-08"
    assert "<mark>" in hit["snippet"]


def test_search_like_lists_the_articles_most_like_one_as_the_window_does(capsys, archive: Path, index_dir: Path) -> None:
    common = ["--archive", str(archive), "--index-dir", str(index_dir), "--json"]
    data = run_json(capsys, "search", f'like:"{SEED.name}"', "--limit", "5", *common)
    paths = [hit["path"] for hit in data["hits"]]
    assert 0 < len(paths) <= 5 and SEED.name not in paths
    assert main(["search", 'like:"no/such.txt"', *common]) == 2
    assert "no article at “no/such.txt”" in capsys.readouterr().err


def test_search_sort_limit_and_dates(capsys, archive: Path, index_dir: Path) -> None:
    common = ["--archive", str(archive), "--index-dir", str(index_dir), "--json"]
    newest = run_json(capsys, "search", "congress", "--sort", "newest", "--limit", "5", *common)
    dates = [h["date"] for h in newest["hits"]]
    assert len(dates) == 5 and dates == sorted(dates, reverse=True)
    ranged = run_json(capsys, "search", "congress", "--from", "1791-01-01", "--to", "1792-12-31", *common)
    assert ranged["total"] and all("1791" <= h["date"] <= "1792-12-31" for h in ranged["hits"])


def test_search_text_output_marks_words(capsys, archive: Path, index_dir: Path) -> None:
    assert main(["search", "Mississippi raids", "--archive", str(archive), "--index-dir", str(index_dir)]) == 0
    out = capsys.readouterr().out
    assert "1 article matches 'Mississippi raids'" in out and "**Mississippi**" in out and SEED.name in out


def test_query_error_exits_2_with_a_message(capsys, archive: Path, index_dir: Path) -> None:
    assert main(["search", '"unclosed', "--archive", str(archive), "--index-dir", str(index_dir)]) == 2
    captured = capsys.readouterr()
    assert "query error: a quotation mark is not closed" in captured.err and captured.out == ""


def test_show_and_cite_agree_on_offsets(capsys, archive: Path, index_dir: Path) -> None:
    common = ["--archive", str(archive), "--index-dir", str(index_dir)]
    hit = run_json(capsys, "search", "Mississippi", "--json", *common)["hits"][0]
    assert main(["show", hit["id"], *common]) == 0
    shown = capsys.readouterr().out
    header, body = shown.split("\n\n", 1)
    assert "Date: 2019-08-08" in header and f"Path: {SEED.name}" in header
    start = body.index("The raids targeted")
    end = body.index("caught.") + len("caught.")
    for style in ("plain", "bibtex", "csl-json", "ris"):
        assert main(["cite", hit["id"], *common, "--style", style, "--start", str(start), "--end", str(end)]) == 0
        printed = capsys.readouterr().out
        with ArchiveSearcher(index_dir) as searcher:
            article = searcher.article(hit["id"])
        expected = cite(article, start, end, style, source=CiteSource(archive_root=str(archive))).text
        assert printed.rstrip("\n") == expected.rstrip("\n")
        assert "The raids targeted workers" in printed


@pytest.mark.parametrize("fmt", ["csv", "markdown", "csl-json", "ris", "bibtex"])
def test_export_writes_every_result_of_a_query(capsys, archive: Path, index_dir: Path, tmp_path: Path, fmt,
                                              monkeypatch) -> None:
    import newsfind.cli

    monkeypatch.setattr(newsfind.cli, "EXPORT_PAGE", 7)  # (several pages even in this small archive)
    common = ["--archive", str(archive), "--index-dir", str(index_dir)]
    total = run_json(capsys, "search", "congress", "--json", *common)["total"]
    assert total > 14
    assert main(["export", "congress", "--format", fmt, "--publication", "The Record", *common]) == 0
    printed = capsys.readouterr().out
    if fmt == "csv":
        assert printed.count("\n") == total + 1 and printed.startswith("title,date,path,snippet")
    elif fmt == "markdown":
        assert printed.count("\n") == total + 2
    elif fmt == "csl-json":
        items = json.loads(printed)
        assert len(items) == total and {item["container-title"] for item in items} == {"The Record"}
        assert len({item["id"] for item in items}) == total
    elif fmt == "ris":
        assert printed.count("TY  - NEWS") == total and printed.count("ER  - ") == total
    else:
        assert printed.count("\n@") + printed.startswith("@") == total
    out = tmp_path / f"export.{fmt}"
    assert main(["export", "congress", "--format", fmt, "--out", str(out), *common]) == 0
    assert f"wrote {total} results to" in capsys.readouterr().err and out.stat().st_size > 0


def test_unknown_id(capsys, archive: Path, index_dir: Path) -> None:
    assert main(["show", "nope", "--archive", str(archive), "--index-dir", str(index_dir)]) == 1
    assert "no article with id 'nope'" in capsys.readouterr().err


def test_the_installed_command_runs(archive: Path, index_dir: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "newsfind", "search", "union", "--archive", str(archive),
                             "--index-dir", str(index_dir), "--json", "--limit", "3"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["hits"]) == 3


def test_a_search_loads_neither_the_indexer_nor_qt_nor_modules_whoosh_never_uses(archive: Path,
                                                                                   index_dir: Path) -> None:
    """Scripts call `newsfind search` in loops: each call imports only what searching needs."""
    probe = ("import sys, io, contextlib\n"
             "from newsfind.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    status = main(['search', 'union', '--archive', {str(archive)!r}, '--index-dir', {str(index_dir)!r},"
             " '--json'])\n"
             "loaded = [name for name in ('newsfind.index', 'newsfind.index_batches', 'multiprocessing', 'PySide6',"
             " 'urllib.request', 'asyncio', 'chardet') if name in sys.modules]\n"
             "print(status, loaded)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "0 []", result.stderr
