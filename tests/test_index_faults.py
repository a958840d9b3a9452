"""Faults around the index: damaged files, a full or read-only disk, vanished
folders. Each gives a message in words, the previous index answers where it
can, and damage is repaired by indexing again, never left failing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from newsfind import index_store
from newsfind.index import indexed_files, open_index, update_index
from newsfind.search import ArchiveSearcher
from tests.corpora import SEED, copy_sotu

ROOT = Path(__file__).resolve().parents[1]


def built(tmp_path: Path, count: int = 40) -> tuple[Path, Path]:
    archive = copy_sotu(tmp_path / "archive", count)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir, batch_seconds=0.2)  # several segments
    return archive, index_dir


def segments(index_dir: Path) -> list[Path]:
    """The index's segment files, largest first."""
    return sorted(index_dir.glob("*.seg"), key=lambda p: -p.stat().st_size)


def every_file_found(archive: Path, index_dir: Path) -> bool:
    with ArchiveSearcher(index_dir) as searcher:
        return all(searcher.search(f'path:"{path.name}"').total == 1 for path in archive.glob("*.txt"))


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    if how == "truncated":
        path.write_bytes(bytes(data[:middle]))
    elif how == "zeroed":
        data[middle:middle + 4096] = bytes(len(data[middle:middle + 4096]))
        path.write_bytes(bytes(data))
    elif how == "bit-flipped":
        data[middle] ^= 0x10
        path.write_bytes(bytes(data))
    else:
        path.unlink()


@pytest.mark.parametrize("how", ["truncated", "zeroed", "bit-flipped", "deleted"])
def test_a_damaged_segment_is_found_and_its_articles_indexed_again(tmp_path: Path, how: str) -> None:
    archive, index_dir = built(tmp_path)
    damage(segments(index_dir)[0], how)
    report = update_index(archive, index_dir)
    assert report.ok, report.summary()
    assert len(report.repairs) == 1 and "damaged" in report.repairs[0] and "indexed again" in report.repairs[0]
    assert report.added > 0 and report.added + report.unchanged == 40 == report.check.documents
    assert every_file_found(archive, index_dir)
    assert update_index(archive, index_dir).repairs == []


@pytest.mark.parametrize("how", ["zeroed", "bit-flipped"])
def test_a_segment_damaged_after_it_settled_is_found_too(tmp_path: Path, how: str) -> None:
    """A settled segment's checksum is not computed again while its modification
    time is the one recorded with it; damage that writes to it changes that time."""
    archive, index_dir = built(tmp_path)
    an_hour_ago = time.time_ns() - 3600 * 10**9
    for path in segments(index_dir):
        os.utime(path, ns=(an_hour_ago, an_hour_ago))
    assert update_index(archive, index_dir).repairs == []  # now recorded as settled
    recorded = json.loads((index_dir / index_store.CHECKSUMS_FILE).read_text("utf-8"))["segments"]
    assert all(len(entry) == 3 for files in recorded.values() for entry in files.values())
    damage(segments(index_dir)[0], how)
    report = update_index(archive, index_dir)
    assert len(report.repairs) == 1 and "damaged" in report.repairs[0]
    assert report.added + report.unchanged == 40 == report.check.documents
    assert every_file_found(archive, index_dir)


def test_an_article_held_twice_is_indexed_again_and_then_held_once(tmp_path: Path) -> None:
    from newsfind.archive import scan_archive
    from newsfind.documents import prepare_document

    archive, index_dir = built(tmp_path)
    ix = open_index(index_dir)
    entry = scan_archive(archive).files[3]
    writer = ix.writer()
    writer.add_document(**prepare_document(entry, ix.schema))  # a second copy, as a failed repair might leave
    writer.commit(merge=False)
    held = indexed_files(open_index(index_dir))
    assert held.documents == 41 and list(held.copies) == [entry.key]
    report = update_index(archive, index_dir)
    assert report.ok, report.summary()
    assert (report.updated, report.unchanged, report.check.documents) == (1, 39, 40)
    assert indexed_files(open_index(index_dir)).copies == {}


def test_a_searcher_answers_without_a_damaged_part_and_says_so(tmp_path: Path) -> None:
    archive, index_dir = built(tmp_path)
    with ArchiveSearcher(index_dir) as searcher:
        whole = searcher.search("congress", page_size=100).total
        victim = segments(index_dir)[0]
        victim.write_bytes(bytes(victim.stat().st_size))  # every byte zeroed, size kept
        with ArchiveSearcher(index_dir) as fresh:
            result = fresh.search("congress", page_size=100)
            assert 0 < result.total < whole and fresh.damaged > 0
            assert any("damaged" in notice for notice in result.notices)
    update_index(archive, index_dir)
    with ArchiveSearcher(index_dir) as searcher:
        result = searcher.search("congress", page_size=100)
        assert result.total == whole and not result.notices


@pytest.mark.parametrize("how", ["garbage", "missing"])
def test_a_damaged_table_of_contents_is_restored_from_its_copy(tmp_path: Path, how: str) -> None:
    archive, index_dir = built(tmp_path)
    [toc] = index_dir.glob("_articles_*.toc")
    if how == "garbage":
        toc.write_bytes(b"\x00garbage" * 50)
    else:
        toc.unlink()
    with pytest.raises(index_store.IndexDamagedError, match="index the archive again"):
        ArchiveSearcher(index_dir)
    report = update_index(archive, index_dir)
    assert report.ok and "restored from its copy" in report.repairs[0]
    assert (report.added, report.unchanged) == (0, 40)
    assert every_file_found(archive, index_dir)


def test_an_index_beyond_repair_is_rebuilt_from_the_archive(tmp_path: Path) -> None:
    archive, index_dir = built(tmp_path)
    for toc in [*index_dir.glob("_articles_*.toc"), *(index_dir / index_store.BACKUP_DIR).iterdir()]:
        toc.write_bytes(b"not a table of contents")
    report = update_index(archive, index_dir)
    assert report.ok and "rebuilt from the archive" in report.repairs[0]
    assert report.added == 40 and every_file_found(archive, index_dir)


@pytest.mark.parametrize("name", [index_store.INFO_FILE, index_store.CHECKSUMS_FILE])
@pytest.mark.parametrize("how", ["garbage", "missing"])
def test_a_lost_description_or_checksum_file_costs_nothing(tmp_path: Path, name: str, how: str) -> None:
    archive, index_dir = built(tmp_path)
    if how == "garbage":
        (index_dir / name).write_text("{not json", "utf-8")
    else:
        (index_dir / name).unlink()
    report = update_index(archive, index_dir)
    assert report.ok and report.repairs == []
    assert (report.added, report.unchanged) == (0, 40)
    assert json.loads((index_dir / name).read_text("utf-8"))


def test_a_vanished_index_folder_is_rebuilt(tmp_path: Path) -> None:
    archive, index_dir = built(tmp_path, 10)
    with ArchiveSearcher(index_dir) as searcher:
        shutil.rmtree(index_dir)
        with pytest.raises(index_store.IndexDamagedError):
            searcher.search("congress")
    report = update_index(archive, index_dir)
    assert report.ok and report.added == 10 and every_file_found(archive, index_dir)


def test_the_cli_repairs_a_damaged_index_before_it_answers(tmp_path: Path) -> None:
    archive, index_dir = built(tmp_path)
    damage(segments(index_dir)[0], "zeroed")
    result = subprocess.run([sys.executable, "-m", "newsfind.cli", "search", "congress", "--archive", str(archive),
                             "--index-dir", str(index_dir), "--json", "--limit", "100"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with ArchiveSearcher(index_dir) as searcher:
        assert json.loads(result.stdout)["total"] == searcher.search("congress").total
    assert every_file_found(archive, index_dir)


def test_an_archive_that_vanishes_while_indexed_is_not_taken_for_deleted(tmp_path: Path) -> None:
    archive, index_dir = built(tmp_path, 20)
    copy_sotu(archive, 100, start=20)
    moved = tmp_path / "moved"

    def move_away(done: int, total: int) -> None:
        if done > 60 and archive.exists():
            archive.rename(moved)

    report = update_index(archive, index_dir, progress=move_away, batch_seconds=0.3)
    assert "disappeared while it was indexed" in report.failure and not report.ok
    assert report.removed == 0
    held = len(indexed_files(open_index(index_dir)))
    assert held == 20 + report.added and report.check.ok
    moved.rename(archive)
    rest = update_index(archive, index_dir)
    assert rest.ok and rest.check.documents == 120


def test_files_deleted_while_indexed_are_reported_and_left_out(tmp_path: Path) -> None:
    archive = copy_sotu(tmp_path / "archive", 60)
    doomed = sorted(archive.glob("*.txt"), key=lambda p: -p.stat().st_size)[:5]  # indexed last

    def delete_some(done: int, total: int) -> None:
        if done > 10:
            for path in doomed:
                path.unlink(missing_ok=True)

    report = update_index(archive, tmp_path / "index", progress=delete_some)
    assert report.ok and report.added == 55
    assert sorted(p.path for p in report.skipped) == sorted(p.name for p in doomed)
    assert all("disappeared" in p.reason for p in report.skipped)


# --------------------------------------------------------------------- a real full or read-only disk

NAMESPACE_SCRIPT = textwrap.dedent("""
    import json, os, shutil, subprocess, sys
    index_dir, archive, more, python = sys.argv[1:5]
    steps = {}

    def cli(*args):
        done = subprocess.run([python, "-m", "newsfind.cli", *args], capture_output=True, text=True)
        return {"status": done.returncode, "out": done.stdout, "err": done.stderr}

    def search(word):
        return cli("search", word, "--archive", archive, "--index-dir", index_dir, "--json")

    def files():
        return sorted(os.listdir(index_dir))

    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", index_dir], check=True)
    steps["first"] = cli("index", archive, "--index-dir", index_dir)
    for name in os.listdir(more):
        shutil.copy2(os.path.join(more, name), archive)
    steps["full"] = cli("index", archive, "--index-dir", index_dir)
    steps["files_after_full"] = files()
    steps["search_after_full"] = search("Mississippi")
    subprocess.run(["mount", "-o", "remount,ro", index_dir], check=True)
    steps["read_only"] = cli("index", archive, "--index-dir", index_dir)
    steps["search_read_only"] = search("Mississippi")
    subprocess.run(["mount", "-o", "remount,rw,size=100m", index_dir], check=True)
    steps["roomy"] = cli("index", archive, "--index-dir", index_dir)
    steps["files_after_roomy"] = files()
    steps["search_after_roomy"] = search("congress")
    subprocess.run(["mount", "-o", "remount,ro", index_dir], check=True)
    steps["read_only_unchanged"] = cli("index", archive, "--index-dir", index_dir)
    print(json.dumps(steps))
""")


def _in_private_mounts(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["unshare", "--user", "--map-root-user", "--mount", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def disk_faults(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The CLI on an index folder that fills up, turns read-only, then gets room again
    (a small tmpfs in a private mount namespace: a real ENOSPC and EROFS)."""
    if shutil.which("unshare") is None or _in_private_mounts("true").returncode != 0:
        pytest.skip("needs unshare with user and mount namespaces")
    base = tmp_path_factory.mktemp("disk")
    archive, more, index_dir = base / "archive", base / "more", base / "index"
    archive.mkdir()
    shutil.copy2(SEED, archive / SEED.name)
    copy_sotu(more, 80)
    index_dir.mkdir()
    result = _in_private_mounts(sys.executable, "-c", NAMESPACE_SCRIPT, str(index_dir), str(archive), str(more),
                                sys.executable)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_full_disk_stops_the_run_with_a_message_and_keeps_the_index(disk_faults: dict) -> None:
    assert disk_faults["first"]["status"] == 0
    full = disk_faults["full"]
    assert full["status"] == 1 and "Traceback" not in full["err"] + full["out"]
    assert "cannot write the index: the disk is full" in full["out"]
    assert "free some space and index again" in full["out"]
    # Nothing a failed run wrote is left behind but what the index lists.
    leftovers = [name for name in disk_faults["files_after_full"] if name.endswith(".tmp") or ".toc." in name]
    assert leftovers == []
    found = json.loads(disk_faults["search_after_full"]["out"])
    assert "disk is full" in " ".join(found["notices"]), found["notices"]
    # The seed, and any batch that was committed before the disk filled (a
    # batch closes after 5 s: on a busy machine the first may close in time).
    assert found["total"] >= 1


def test_a_read_only_index_folder_says_what_was_not_indexed(disk_faults: dict) -> None:
    read_only = disk_faults["read_only"]
    assert read_only["status"] == 1 and "Traceback" not in read_only["err"] + read_only["out"]
    assert "the disk is read-only" in read_only["out"] and "could not be indexed" in read_only["out"]
    # The index answers as the full disk left it (the seed and any batch committed before).
    assert json.loads(disk_faults["search_read_only"]["out"])["total"] == \
        json.loads(disk_faults["search_after_full"]["out"])["total"]
    unchanged = disk_faults["read_only_unchanged"]
    assert unchanged["status"] == 0 and "0 added, 0 updated" in unchanged["out"]


def test_with_room_again_the_next_run_completes(disk_faults: dict) -> None:
    roomy = disk_faults["roomy"]
    assert roomy["status"] == 0 and "81 articles indexed" in roomy["out"] and "Checked" in roomy["out"]
    found = json.loads(disk_faults["search_after_roomy"]["out"])
    assert found["total"] > 70 and found["notices"] == []


def test_a_damaged_copy_of_the_table_of_contents_is_renewed_by_the_next_run(tmp_path: Path) -> None:
    archive, index_dir = built(tmp_path, 10)
    [backup] = (index_dir / index_store.BACKUP_DIR).iterdir()
    backup.write_bytes(b"garbage")
    assert update_index(archive, index_dir).ok  # nothing changed in the archive
    [toc] = index_dir.glob("_articles_*.toc")
    assert backup.read_bytes() == toc.read_bytes()
