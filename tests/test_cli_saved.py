"""`newsfind saved …` as a user at a terminal runs it: save, list, what is new after
new files were indexed, mark seen, remove; a moved archive; several archives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsfind.cli import main


def write_article(folder: Path, name: str, date: str, title: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f" date {date} {title}\n\n{text}\n", encoding="utf-8")


@pytest.fixture
def harbour(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "data"))
    root = tmp_path / "harbour"
    for day in range(1, 4):
        write_article(root, f"a{day}.txt", f"2020-01-0{day}", f"Harbour story {day}", f"The harbour was busy on day {day}.")
    write_article(root, "other.txt", "2020-01-09", "Elsewhere", "Nothing about ships.")
    return root


def run(capsys, *args: str) -> str:
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def new_paths(capsys, name: str) -> list[str]:
    answer = json.loads(run(capsys, "saved", "new", name, "--json"))
    assert all(hit["new"] for hit in answer["hits"])
    return sorted(hit["path"] for hit in answer["hits"])


def test_a_saved_search_shows_what_is_new_after_indexing_until_it_is_seen(capsys, harbour: Path):
    said = run(capsys, "saved", "add", "docks", "harbour", "--archive", str(harbour))
    assert "Saved “docks”: 3 articles now" in said
    assert new_paths(capsys, "docks") == []  # what was there when it was saved is not new
    write_article(harbour, "a4.txt", "2020-02-01", "New harbour story", "The harbour reopened.")
    write_article(harbour, "b5.txt", "2020-02-02", "Another harbour story", "The harbour froze.")
    run(capsys, "index", str(harbour))
    assert new_paths(capsys, "docks") == ["a4.txt", "b5.txt"]
    listed = run(capsys, "saved", "run", "docks")
    assert listed.splitlines()[0] == "docks: 5 articles, 2 new"
    assert [line[:4] for line in listed.splitlines()[1:3]] == ["NEW ", "NEW "]  # new ones first
    # the JSON hits are search --json's, with "new"
    answer = json.loads(run(capsys, "saved", "run", "docks", "--json"))
    search = json.loads(run(capsys, "search", "harbour", "--archive", str(harbour), "--json", "--limit", "50"))
    assert {hit["id"] for hit in answer["hits"]} == {hit["id"] for hit in search["hits"]}
    assert set(answer["hits"][0]) == set(search["hits"][0]) | {"new"}
    assert "Marked 2 new articles" in run(capsys, "saved", "seen", "docks")
    assert new_paths(capsys, "docks") == []


def test_saved_searches_survive_a_restart_list_and_remove(capsys, harbour: Path):
    run(capsys, "saved", "add", "docks", "harbour", "--archive", str(harbour), "--from", "2020-01-02")
    run(capsys, "saved", "add", "quiet", "nothing", "--archive", str(harbour), "--sort", "newest")
    listed = json.loads(run(capsys, "saved", "list", "--json"))["saved"]
    assert [item["name"] for item in listed] == ["docks", "quiet"]
    assert listed[0] == {"name": "docks", "query": "harbour", "archives": [str(harbour)], "from": "2020-01-02",
                         "to": None, "sort": "relevance"}
    assert run(capsys, "saved", "run", "docks").startswith("docks: 2 articles")  # the dates apply
    assert "Removed" in run(capsys, "saved", "remove", "quiet")
    assert [item["name"] for item in json.loads(run(capsys, "saved", "list", "--json"))["saved"]] == ["docks"]


def test_mistakes_are_one_line_each(capsys, harbour: Path):
    assert main(["saved", "run", "nope"]) == 2
    assert "no saved search is named “nope”" in capsys.readouterr().err
    run(capsys, "saved", "add", "docks", "harbour", "--archive", str(harbour))
    assert main(["saved", "add", "docks", "harbour", "--archive", str(harbour)]) == 2
    assert "already" in capsys.readouterr().err
    assert main(["saved", "add", "bad", '"unclosed', "--archive", str(harbour)]) == 2
    assert "quotation mark" in capsys.readouterr().err
    assert main(["saved", "add", "lonely", "harbour"]) == 2
    assert "--archive" in capsys.readouterr().err


def test_a_moved_archive_is_given_once_and_what_was_seen_stays_seen(capsys, harbour: Path, tmp_path: Path):
    run(capsys, "saved", "add", "docks", "harbour", "--archive", str(harbour))
    moved = tmp_path / "moved-harbour"
    shutil.move(harbour, moved)
    assert main(["saved", "run", "docks"]) == 1
    assert "if it moved" in capsys.readouterr().err
    write_article(moved, "a4.txt", "2020-02-01", "New harbour story", "The harbour reopened.")
    assert run(capsys, "saved", "run", "docks", "--archive", str(moved)).startswith("docks: 4 articles, 1 new")
    assert new_paths(capsys, "docks") == ["a4.txt"]  # remembered: no --archive needed again


def test_one_search_over_two_archives(capsys, harbour: Path, tmp_path: Path):
    port = tmp_path / "port"
    write_article(port, "p1.txt", "2021-03-03", "Port harbour", "The harbour at the port.")
    run(capsys, "saved", "add", "both", "harbour", "--archive", str(harbour), "--archive", str(port))
    write_article(port, "p2.txt", "2021-03-04", "Port harbour again", "The harbour at the port again.")
    run(capsys, "index", str(port))
    answer = json.loads(run(capsys, "saved", "new", "both", "--json"))
    assert answer["total"] == 5 and [hit["path"] for hit in answer["hits"]] == ["p2.txt"]


def test_my_work_goes_to_a_file_and_comes_back_elsewhere(capsys, harbour: Path, tmp_path: Path, monkeypatch):
    run(capsys, "saved", "add", "docks", "harbour", "--archive", str(harbour))
    backup = tmp_path / "mine.newsfind-work.json"
    assert "Exported" in run(capsys, "work", "export", str(backup))
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "another-computer"))
    assert json.loads(run(capsys, "saved", "list", "--json"))["saved"] == []
    assert "Imported 0 marked articles, 1 saved search" in run(capsys, "work", "import", str(backup))
    assert [s["name"] for s in json.loads(run(capsys, "saved", "list", "--json"))["saved"]] == ["docks"]
    assert new_paths(capsys, "docks") == []  # what it had shown came along
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    assert main(["work", "import", str(tmp_path / "junk.json")]) == 1
    assert "junk.json" in capsys.readouterr().err


def test_a_saved_search_may_keep_to_the_users_marks(capsys, harbour: Path):
    from newsfind.archive import Article, iter_articles
    from newsfind.article_keys import ArticleKey
    from newsfind.marks import set_starred
    from newsfind.work_store import WorkStore

    run(capsys, "saved", "add", "starred docks", "harbour is:starred", "--archive", str(harbour))
    article = next(a for a in iter_articles(harbour) if isinstance(a, Article) and a.path == "a2.txt")
    with WorkStore() as store:
        set_starred(store, ArticleKey.of(str(harbour), article), True)
    assert new_paths(capsys, "starred docks") == ["a2.txt"]
