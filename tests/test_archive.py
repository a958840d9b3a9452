"""Reading archives: real corpora against their manifests, and every hostile input."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from newsfind.archive import Article, Problem, iter_articles, paragraph_spans, scan_archive
from tests.corpora import NEWSARTICLES, SEED, SOTU, read_manifest


def articles_and_problems(root: Path) -> tuple[dict[str, Article], dict[str, list[Problem]]]:
    articles: dict[str, Article] = {}
    problems: dict[str, list[Problem]] = {}
    for item in iter_articles(root):
        if isinstance(item, Article):
            articles[item.path] = item
        else:
            problems.setdefault(item.path, []).append(item)
    return articles, problems


@pytest.mark.parametrize("name, root", [("newsarticles", NEWSARTICLES), ("sotu", SOTU)])
def test_every_manifest_article_is_read_with_its_date_and_title(name: str, root: Path) -> None:
    manifest = read_manifest(name)
    articles, problems = articles_and_problems(root)
    assert set(articles) == set(manifest)
    assert not problems
    for path, row in manifest.items():
        article = articles[path]
        assert article.date == row.date, path
        if row.title:  # a few source records have no headline
            # The manifest's headlines come from the data set; ours from the
            # text, which sometimes runs on ("… highlights").
            assert article.title.startswith(row.title.rstrip(".")) or row.title.startswith(article.title.rstrip("…")), path
        assert not article.title.startswith(" date")


def test_seed_article() -> None:
    articles, _ = articles_and_problems(SEED.parent)
    seed = articles[SEED.name]
    assert seed.date == dt.date(2019, 8, 8)
    assert seed.title.startswith("Immigration officials on Wednesday raided a series of food-processing plants")
    assert seed.body.startswith("Immigration officials on Wednesday")
    assert len(seed.paragraphs) == 11
    first = seed.paragraphs[1]
    assert seed.body[first[0]:first[1]].startswith("The raids targeted workers")


def test_ids_are_stable_and_distinct() -> None:
    first, _ = articles_and_problems(SOTU)
    second, _ = articles_and_problems(SOTU)
    assert {a.id for a in first.values()} == {a.id for a in second.values()}
    assert len({a.id for a in first.values()}) == len(first)


def test_paragraph_spans_skip_blank_lines() -> None:
    body = "Head line\n\nFirst para\ncontinues.\n \n\nSecond."
    assert [body[s:e] for s, e in paragraph_spans(body)] == ["Head line", "First para\ncontinues.", "Second."]


# ----------------------------------------------------------------- nasty/

EXPECTED_DATES = {
    "latin1_de_article.txt": dt.date(2017, 9, 14),
    "cp1252_en_article.txt": dt.date(2018, 11, 5),
    "utf8_bom_article.txt": dt.date(2019, 8, 8),
    "utf16le_bom_ru_article.txt": dt.date(2022, 1, 18),
    "utf16be_bom_article.txt": dt.date(2019, 8, 8),
    "date_no_leading_space.txt": dt.date(2019, 8, 8),
    "date_long_format_header.txt": dt.date(2019, 8, 8),
    "date_year_0001.txt": dt.date(1, 1, 1),
    "date_year_9999.txt": dt.date(9999, 12, 31),
    "crlf_line_endings.txt": dt.date(2019, 8, 8),
    "de_article.txt": dt.date(2020, 3, 12),
    "fr_article.txt": dt.date(2021, 6, 4),
    "es_article.txt": dt.date(2019, 11, 23),
    "ru_article.txt": dt.date(2022, 1, 18),
    "zh_article.txt": dt.date(2023, 5, 9),
    "ar_article.txt": dt.date(2018, 9, 30),
    "nested/level1/level2/level3/level4/deep_article.txt": dt.date(2019, 8, 8),
    "UPPERCASE_EXTENSION.TXT": dt.date(2019, 8, 8),
}

UNDATED = ["no_date_line.txt", "malformed_date_2019-13-45.txt", "invalid_date_2021-02-30.txt",
           "date_us_format.txt", "README-nasty.txt"]

SKIPPED = {
    "binary_png_named.txt": "PNG",
    "gzipped_article.txt": "gzip",
    "empty.txt": "empty",
    "whitespace_only.txt": "white space",
    "article.txt~": "not a .txt",
    "article.html": "not a .txt",
    "notes.md": "not a .txt",
    "report.docx": "not a .txt",
    "symlink_loop_a.txt": "loop",
    "symlink_loop_b.txt": "loop",
    "dangling_symlink.txt": "broken symbolic link",
    "symlink_to_de_article.txt": "same file as de_article.txt",
    "nested/level1/level2/loop_to_nested": "cycle",
    ".hidden_article.txt": "hidden",
    ".hidden_dir": "hidden",
}


@pytest.fixture(scope="module")
def nasty(nasty_archive: Path) -> tuple[dict[str, Article], dict[str, list[Problem]]]:
    return articles_and_problems(nasty_archive)


def test_nasty_dates(nasty) -> None:
    articles, _ = nasty
    for path, date in EXPECTED_DATES.items():
        assert articles[path].date == date, path
    for path in UNDATED:
        assert articles[path].date is None, path


def test_impossible_dates_are_reported_not_rolled_over(nasty) -> None:
    _, problems = nasty
    for path in ["malformed_date_2019-13-45.txt", "invalid_date_2021-02-30.txt", "date_us_format.txt"]:
        reasons = " ".join(p.reason for p in problems[path])
        assert "invalid date" in reasons and "undated" in reasons


def test_nasty_skips_are_reported_with_reasons(nasty) -> None:
    articles, problems = nasty
    for path, reason in SKIPPED.items():
        assert path not in articles
        assert any(reason in p.reason and p.skipped for p in problems[path]), (path, problems.get(path))


def test_encodings_decode_to_real_text(nasty) -> None:
    articles, problems = nasty
    assert "Grünfeld" in articles["latin1_de_article.txt"].body
    cp1252 = articles["cp1252_en_article.txt"].body
    assert "€" in cp1252 and "“" in cp1252 and "…" in cp1252
    assert not any("\x80" <= ch <= "\x9f" for ch in cp1252)
    assert not articles["utf8_bom_article.txt"].title.startswith("\ufeff")
    russian = articles["utf16le_bom_ru_article.txt"]
    assert "Заречном" in russian.body and "\x00" not in russian.body
    no_bom = articles["utf16le_no_bom_article.txt"]
    assert "\x00" not in no_bom.body and "Mill Street" in no_bom.body
    assert any("UTF-16" in p.reason for p in problems["utf16le_no_bom_article.txt"])
    mixed = articles["mixed_invalid_utf8_and_nul.txt"]
    assert "\ufffd" in mixed.body and "\x00" not in mixed.body and "Mill Street" in mixed.body


def test_invisible_and_control_characters_are_cleaned(nasty) -> None:
    article = nasty[0]["control_and_zero_width_chars.txt"]
    assert "Mill Street" in article.title
    assert "Thursday" in article.body
    assert "\x1b" not in article.body and "\u202e" not in article.body and "\f" not in article.body


def test_line_endings(nasty) -> None:
    articles, _ = nasty
    for path in ["crlf_line_endings.txt", "cr_only_line_endings.txt"]:
        article = articles[path]
        assert "\r" not in article.body and "\r" not in article.title
        assert len(article.paragraphs) > 1


def test_headers_never_become_titles(nasty) -> None:
    articles, _ = nasty
    assert articles["date_long_format_header.txt"].title == "Council approves two new bike lanes on Mill Street"
    assert articles["date_only_no_body.txt"].title == ""
    assert articles["date_only_no_body.txt"].body.strip() == ""


def test_huge_files_are_capped_and_said(nasty) -> None:
    articles, problems = nasty
    huge = articles["huge_20MB_article.txt"]
    assert len(huge.body) <= 1_000_000
    assert any("only the first" in p.reason for p in problems["huge_20MB_article.txt"])


def test_odd_file_names(nasty) -> None:
    articles, _ = nasty
    names = set(articles)
    assert "Bericht über Zürich – März 2020 (Entwurf) ✓ 📰.txt" in names
    assert "-leading-dash.txt" in names
    assert any(name.startswith("long_name_") for name in names)
    assert any(name.startswith("re") and name.endswith("NFD.txt") for name in names)


def test_unreadable_file_is_reported_and_the_run_goes_on(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A file nobody may read, read by the CLI as a user the permission applies to
    (root reads anything: as root, the CLI runs in a user namespace as "nobody")."""
    folder = Path(tempfile.mkdtemp(prefix="newsfind-perm-"))
    try:
        folder.chmod(0o777)
        archive = folder / "archive"
        archive.mkdir(mode=0o755)
        (archive / "secret.txt").write_text(" date 2020-01-01 Secret\n", "utf-8")
        (archive / "secret.txt").chmod(0)
        (archive / "open.txt").write_text(" date 2020-01-01 Open\n", "utf-8")
        command = [sys.executable, "-m", "newsfind.cli", "index", str(archive), "--index-dir", str(folder / "index")]
        if os.geteuid() == 0:
            if shutil.which("unshare") is None:
                pytest.skip("as root, needs unshare to read as another user")
            command = ["unshare", "--user", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                cwd=Path(__file__).resolve().parents[1], env=dict(os.environ, HOME=str(folder)))
        if result.returncode != 0 and "unshare" in result.stderr:
            pytest.skip(f"no user namespace here: {result.stderr.strip()}")
        assert result.returncode == 0, result.stderr
        assert "1 article indexed: 1 added" in result.stdout
        assert "secret.txt: permission denied" in result.stdout
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_scan_never_writes_to_the_archive(nasty_archive: Path) -> None:
    before = {p: p.lstat().st_mtime_ns for p in nasty_archive.rglob("*") if not p.is_symlink()}
    scan_archive(nasty_archive)
    list(iter_articles(nasty_archive))
    after = {p: p.lstat().st_mtime_ns for p in nasty_archive.rglob("*") if not p.is_symlink()}
    assert before == after
