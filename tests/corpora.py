"""Session fixtures over the real corpora in ../shared, built once per run."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
NEWSARTICLES = CORPUS / "newsarticles"
SOTU = CORPUS / "sotu"
NASTY = CORPUS / "nasty"
SEED = SHARED / "seed" / "000_3cd96423f81a94b2.txt"


@dataclass(frozen=True)
class ManifestRow:
    file: str
    date: dt.date | None
    title: str


def read_manifest(name: str) -> dict[str, ManifestRow]:
    with open(CORPUS / f"{name}.manifest.tsv", encoding="utf-8", newline="") as handle:
        return {
            row["file"]: ManifestRow(row["file"], dt.date.fromisoformat(row["date"]) if row["date"] else None, row["title"])
            for row in csv.DictReader(handle, delimiter="\t")
        }


def copy_sotu(target: Path, count: int | None = None, start: int = 0) -> Path:
    """An archive folder of State of the Union addresses (in date order); returns the folder."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(SOTU.glob("*.txt"))[start:None if count is None else start + count]:
        shutil.copy2(path, target / path.name)
    return target


def make_nasty_copy(target: Path) -> Path:
    """nasty/ with its symbolic links made (git cannot store them)."""
    shutil.copytree(NASTY, target, symlinks=True)
    for path in target.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    with open(CORPUS / "nasty-links.tsv", encoding="utf-8") as handle:
        for line in handle:
            link, link_target = line.rstrip("\n").split("\t")
            os.symlink(link_target, target / link)
    return target


@pytest.fixture(scope="session", autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Indexes of the session go here, never into the user's data folder."""
    path = tmp_path_factory.mktemp("newsfind-data")
    os.environ["NEWSFIND_DATA_DIR"] = str(path)
    return path


@pytest.fixture(scope="session")
def newsarticles_index(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from newsfind.index import update_index

    index_dir = tmp_path_factory.mktemp("newsarticles-index")
    update_index(NEWSARTICLES, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def nasty_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_nasty_copy(tmp_path_factory.mktemp("nasty") / "nasty")


@pytest.fixture(scope="session")
def nasty_index(tmp_path_factory: pytest.TempPathFactory, nasty_archive: Path, data_dir: Path):
    from newsfind.index import update_index

    index_dir = tmp_path_factory.mktemp("nasty-index")
    return index_dir, update_index(nasty_archive, index_dir)


def indexed_by_cli(tmp_path_factory: pytest.TempPathFactory, archive: Path, name: str) -> Path:
    """An index made by `newsfind index`, as a user makes it."""
    from newsfind.cli import main

    target = tmp_path_factory.mktemp(name)
    assert main(["index", str(archive), "--index-dir", str(target)]) == 0
    return target
