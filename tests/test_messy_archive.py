"""Messy archives (tests/messy_archive.py) through the `newsfind` command, as a user runs it.

Each seed makes another mix of odd names, encodings, control bytes, binary
files, links and folders, and says what README "Archive format" promises for
every file. Markers are searched in batches ("m1 OR m2 OR …"): no file holds
another file's marker, so N markers must give exactly N hits, one per file.
That checks every marker's single hit with one process start per batch
instead of one per file.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsfind.analysis import analyse
from tests.messy_archive import (MARKER_LENGTH, ExpectedFile, MessyArchive, display_path, make_messy_archive,
                                 walk_tree)

MARKERS_PER_QUERY = 50
#: Read-only commands run side by side (the machine has two cores).
PARALLEL_COMMANDS = 2
GENERATOR_SEEDS = (1, 2, 3, 4)
#: (seed, articles, huge)
ARCHIVES = [
    pytest.param((1, 300, True), id="seed1-huge"),
    pytest.param((2, 300, False), id="seed2"),
    pytest.param((3, 300, False), id="seed3"),
    pytest.param((4, 300, False), id="seed4"),
    pytest.param((5, 3000, False), id="seed5-3000", marks=pytest.mark.slow),
]


# ------------------------------------------------------------ the command


class Newsfind:
    """The newsfind command over one archive, with its own data folder and index folder."""

    def __init__(self, archive: Path, workdir: Path) -> None:
        self.archive = archive
        self.index_dir = workdir / "index"
        self.workdir = workdir
        self.env = {**os.environ, "NEWSFIND_DATA_DIR": str(workdir / "data"), "LC_ALL": "C.UTF-8"}

    def run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "newsfind.cli", *args], env=self.env, cwd=self.workdir,
                              capture_output=True, timeout=1800)

    def run_many(self, commands: list[tuple[str, ...]]) -> list[subprocess.CompletedProcess[bytes]]:
        """Independent read-only commands, a few at a time, results in order."""
        with ThreadPoolExecutor(PARALLEL_COMMANDS) as pool:
            return list(pool.map(lambda args: self.run(*args), commands))

    def index(self) -> subprocess.CompletedProcess[bytes]:
        return self.run("index", str(self.archive), "--index-dir", str(self.index_dir))

    def search_args(self, query: str, limit: int) -> tuple[str, ...]:
        return ("search", query, "--archive", str(self.archive), "--index-dir", str(self.index_dir),
                "--json", "--limit", str(limit))

    def show_args(self, article_id: str) -> tuple[str, ...]:
        return ("show", article_id, "--archive", str(self.archive), "--index-dir", str(self.index_dir))


def last_line(stderr: bytes) -> str:
    """The line of stderr that says what went wrong (a traceback's last)."""
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else "(no message)"


def json_output(result: subprocess.CompletedProcess[bytes]) -> dict | str:
    """The JSON a command printed, or why there is none."""
    if result.returncode != 0:
        return f"exit status {result.returncode}: {last_line(result.stderr)}"
    try:
        return json.loads(result.stdout.decode("utf-8"))
    except ValueError as error:  # UnicodeDecodeError is a ValueError
        return f"not UTF-8 JSON: {error}"


def assert_no_failures(failures: list[str]) -> None:
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])


# ------------------------------------------------------------ marker hits


@dataclass
class MarkerHits:
    """Every marker's hits: by the expected file whose readable path a hit has."""

    by_file: dict[bytes, list[dict]]  #: every indexed file (and any other expected file hit)
    strays: list[dict]  #: hits whose path is no expected file's
    failures: list[str]  #: queries that failed, or whose number of hits was not their number of markers


def search_markers(cli: Newsfind, archive: MessyArchive) -> MarkerHits:
    by_display = {display_path(f.relpath): f for f in archive.files}
    indexed = archive.indexed()
    hits = MarkerHits({f.relpath: [] for f in indexed}, [], [])
    batches = [indexed[start:start + MARKERS_PER_QUERY] for start in range(0, len(indexed), MARKERS_PER_QUERY)]
    results = cli.run_many([cli.search_args(" OR ".join(f.marker or "" for f in batch), 2 * len(batch))
                            for batch in batches])
    for number, (batch, result) in enumerate(zip(batches, results)):
        which = f"markers {number * MARKERS_PER_QUERY + 1}-{number * MARKERS_PER_QUERY + len(batch)}"
        data = json_output(result)
        if isinstance(data, str):
            hits.failures.append(f"search for {which}: {data}")
            continue
        if data["total"] != len(batch):
            hits.failures.append(f"{len(batch)} {which} gave {data['total']} hits")
        for hit in data["hits"]:
            expected = by_display.get(hit["path"])
            (hits.by_file.setdefault(expected.relpath, []) if expected else hits.strays).append(hit)
    return hits


@dataclass
class IndexedArchive:
    archive: MessyArchive
    cli: Newsfind
    first_index: subprocess.CompletedProcess[bytes]
    first_hits: MarkerHits


@pytest.fixture(scope="module", params=ARCHIVES)
def indexed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> IndexedArchive:
    """A messy archive, indexed once by `newsfind index`, and its markers searched."""
    seed, articles, huge = request.param
    workdir = tmp_path_factory.mktemp(f"messy-{seed}")
    archive = make_messy_archive(workdir / "archive", seed, articles, huge=huge)
    cli = Newsfind(archive.root, workdir)
    first_index = cli.index()
    return IndexedArchive(archive, cli, first_index, search_markers(cli, archive))


def described(f: ExpectedFile) -> str:
    return f"{display_path(f.relpath)!r} ({f.kind})"


# ------------------------------------------------------------ the generator


def tree_snapshot(archive: MessyArchive) -> list[tuple[str, bytes, bytes]]:
    """Every name below the archive (and the folder beside it) with its content or link target."""
    snapshot = []
    for top in (archive.root, archive.outside):
        if top is None:
            continue
        top_bytes = os.fsencode(top)
        for relpath, info in walk_tree(top_bytes):
            path = os.path.join(top_bytes, relpath)
            if stat.S_ISLNK(info.st_mode):
                snapshot.append(("link", relpath, os.readlink(path)))
            elif stat.S_ISDIR(info.st_mode):
                snapshot.append(("folder", relpath, b""))
            else:
                with open(path, "rb") as handle:
                    snapshot.append(("file", relpath, handle.read()))
    return snapshot


def test_same_seed_same_archive_other_seed_other_archive(tmp_path: Path) -> None:
    first = make_messy_archive(tmp_path / "a" / "archive", 7, 200, huge=True)
    again = make_messy_archive(tmp_path / "b" / "archive", 7, 200, huge=True)
    other = make_messy_archive(tmp_path / "c" / "archive", 8, 200, huge=True)
    assert first.files == again.files
    assert tree_snapshot(first) == tree_snapshot(again)
    assert [f.relpath for f in first.files] != [f.relpath for f in other.files]
    assert tree_snapshot(first) != tree_snapshot(other)


@pytest.mark.parametrize("seed", GENERATOR_SEEDS)
def test_expected_files_describe_the_disk(tmp_path: Path, seed: int) -> None:
    """Every file listed exists, every file or link made is listed, and each has one readable name."""
    archive = make_messy_archive(tmp_path / "archive", seed, 300)
    root = os.fsencode(archive.root)
    listed = {f.relpath for f in archive.files}
    assert len(listed) == len(archive.files)
    assert all(os.path.lexists(os.path.join(root, relpath)) for relpath in listed)
    hidden_folders = tuple(f.relpath + b"/" for f in archive.files if f.kind == "hidden-folder")
    made = [relpath for relpath, info in walk_tree(root) if not stat.S_ISDIR(info.st_mode)]  # files and links
    unlisted = [relpath for relpath in made if relpath not in listed and not relpath.startswith(hidden_folders)
                and not any(other.startswith(relpath + b"/") for other in listed)]  # a link to the outside folder
    assert not unlisted
    readable = [display_path(f.relpath) for f in archive.files]
    assert len(set(readable)) == len(readable)


@pytest.mark.parametrize("seed", GENERATOR_SEEDS)
def test_markers_are_single_whole_terms(tmp_path: Path, seed: int) -> None:
    """A marker is one term, unchanged by the project's analysis (so searching it as typed finds it)."""
    archive = make_messy_archive(tmp_path / "archive", seed, 300, links=False)
    markers = [f.marker for f in archive.indexed()]
    assert len(set(markers)) == len(markers)
    for marker in markers:
        assert marker and len(marker) == MARKER_LENGTH
        assert [term for term, *_ in analyse(marker)] == [marker]
    for f in archive.indexed():
        assert all(list(analyse(word)) for word in f.words), f.words


@pytest.mark.slow
def test_thousands_of_files_are_cheap(tmp_path: Path) -> None:
    started = time.perf_counter()
    archive = make_messy_archive(tmp_path / "archive", 11, 5000)
    assert time.perf_counter() - started < 10
    assert len(archive.files) > 5000


# ------------------------------------------------------------ the command over them


def reported(output: str, path: str, reason: str) -> bool:
    """Whether the index report has "path: …reason…" on one line."""
    needle = f"{path}: "
    start = output.find(needle)
    while start >= 0:
        end = output.find("\n", start + len(needle))
        if reason in output[start + len(needle):end if end >= 0 else None]:
            return True
        start = output.find(needle, start + 1)
    return False


def reported_count(output: str, pattern: str) -> int | None:
    match = re.search(pattern, output)
    return int(match.group(1).replace(",", "")) if match else None


def test_index_reports_every_skipped_file_with_its_reason(indexed: IndexedArchive) -> None:
    result = indexed.first_index
    assert result.returncode == 0, last_line(result.stderr)
    output = result.stdout.decode("utf-8")
    assert_no_failures([f"{described(f)}: not reported as {f.reason!r}" for f in indexed.archive.skipped()
                        if not reported(output, display_path(f.relpath), f.reason or "")])
    counts = (reported_count(output, r"([\d,]+) articles? indexed"), reported_count(output, r"([\d,]+) files? skipped"))
    assert counts == (len(indexed.archive.indexed()), len(indexed.archive.skipped())), output.splitlines()[0]


#: Markers not found once that are searched alone, to say where they went.
EXPLAINED_MISSES = 40


def where_markers_went(cli: Newsfind, files: list[ExpectedFile]) -> list[str]:
    """For each file, its marker searched alone: the paths it finds."""
    results = cli.run_many([cli.search_args(f.marker or "", limit=5) for f in files[:EXPLAINED_MISSES]])
    explained = []
    for f, result in zip(files, results):
        data = json_output(result)
        alone = data if isinstance(data, str) else f"{data['total']} hits {[hit['path'] for hit in data['hits']]}"
        explained.append(f"{described(f)}: marker {f.marker} not found once (alone: {alone})")
    return explained + [f"{described(f)}: marker {f.marker} not found once" for f in files[EXPLAINED_MISSES:]]


def test_every_marker_finds_its_article_once_with_its_date(indexed: IndexedArchive) -> None:
    hits = indexed.first_hits
    failures = list(hits.failures)
    misses = []
    for f in indexed.archive.indexed():
        found = hits.by_file[f.relpath]
        date = f.date.isoformat() if f.date else None
        if len(found) != 1:
            misses.append(f)
        elif found[0]["date"] != date:
            failures.append(f"{described(f)}: date {found[0]['date']}, expected {date}")
    assert_no_failures(failures + where_markers_went(indexed.cli, misses))


def covering_sample(files: list[ExpectedFile]) -> list[ExpectedFile]:
    """A few files that together have every variant label (greedy cover): one
    `show` per label instead of one per file."""
    uncovered = {label for f in files for label in f.kind.split("+")}
    chosen = []
    while uncovered:
        best = max(files, key=lambda f: len(uncovered.intersection(f.kind.split("+"))))
        chosen.append(best)
        uncovered.difference_update(best.kind.split("+"))
    return chosen


def test_ids_are_distinct_and_show_prints_the_article(indexed: IndexedArchive) -> None:
    by_file = indexed.first_hits.by_file
    paths_by_id = defaultdict(list)
    for f in indexed.archive.indexed():
        for hit in by_file[f.relpath]:
            paths_by_id[hit["id"]].append(hit["path"])
    failures = [f"id {article_id} for {paths}" for article_id, paths in paths_by_id.items() if len(paths) > 1]
    sample = covering_sample(indexed.archive.indexed())
    failures += [f"{described(f)}: not found once, so not shown" for f in sample if len(by_file[f.relpath]) != 1]
    shown = [f for f in sample if len(by_file[f.relpath]) == 1]
    results = indexed.cli.run_many([indexed.cli.show_args(by_file[f.relpath][0]["id"]) for f in shown])
    for f, result in zip(shown, results):
        if result.returncode != 0:
            failures.append(f"{described(f)}: show failed: {last_line(result.stderr)}")
        elif (f.marker or "") not in result.stdout.decode("utf-8", "replace"):
            failures.append(f"{described(f)}: show does not print its marker {f.marker}")
    assert_no_failures(failures)


def test_words_find_their_article(indexed: IndexedArchive) -> None:
    """Native-script words of legacy encodings (and other extra words): every word finds the file.

    Files with the same words share one query: its words ANDed, so the file is
    among the hits only if each of them finds it.
    """
    groups: dict[tuple[str, ...], list[ExpectedFile]] = defaultdict(list)
    for f in indexed.archive.indexed():
        if f.words:
            groups[f.words].append(f)
    limit = len(indexed.archive.indexed()) + 1
    results = indexed.cli.run_many([indexed.cli.search_args(" ".join(words), limit) for words in groups])
    failures = []
    for (words, files), result in zip(groups.items(), results):
        data = json_output(result)
        if isinstance(data, str):
            failures.append(f"search {' '.join(words)!r}: {data}")
            continue
        paths = {hit["path"] for hit in data["hits"]}
        failures.extend(f"{described(f)}: not found by {' '.join(words)!r}"
                        for f in files if display_path(f.relpath) not in paths)
    assert_no_failures(failures)


def ids_of(hits: list[dict]) -> list[str]:
    return sorted(hit["id"] for hit in hits)


def test_second_index_run_changes_nothing_and_keeps_ids(indexed: IndexedArchive) -> None:
    first = indexed.first_hits.by_file
    assert any(first.values()), "the first run found no article"
    second = indexed.cli.index()
    assert second.returncode == 0, last_line(second.stderr)
    summary = second.stdout.decode("utf-8", "replace").splitlines()[0]
    assert "0 added, 0 updated" in summary, summary
    again = search_markers(indexed.cli, indexed.archive).by_file
    assert_no_failures([f"{described(f)}: ids {ids_of(first[f.relpath])}, then {ids_of(again[f.relpath])}"
                        for f in indexed.archive.indexed() if ids_of(first[f.relpath]) != ids_of(again[f.relpath])])


def is_valid_unicode(text: str) -> bool:
    """No lone surrogates (what a name that is not UTF-8 becomes in os.fsdecode form)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def test_hit_paths_are_readable_and_name_one_indexed_file(indexed: IndexedArchive) -> None:
    hits = indexed.first_hits
    all_hits = hits.strays + [hit for found in hits.by_file.values() for hit in found]
    assert all_hits, "no hits at all"
    by_relpath = {f.relpath: f for f in indexed.archive.files}
    failures = [f"not valid Unicode: {hit['path']!r}" for hit in all_hits if not is_valid_unicode(hit["path"])]
    failures += [f"the readable path of no file: {hit['path']!r}" for hit in hits.strays]
    failures += [f"{described(by_relpath[relpath])}: a hit, but should be skipped ({by_relpath[relpath].reason})"
                 for relpath, found in hits.by_file.items() if found and not by_relpath[relpath].indexed]
    assert_no_failures(failures)
