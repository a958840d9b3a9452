"""`newsfind index` as a person at a terminal lives with it: killed at random
moments, interrupted with Ctrl-C, and afterwards every article is found."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsfind.index import indexed_files, open_index
from newsfind.search import ArchiveSearcher
from tests.corpora import NEWSARTICLES, read_manifest
from tests.processes import HAS_PROC, alive, children
from tests.recall import articles_holding, manifest_paths

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not NEWSARTICLES.is_dir(), reason="needs the shared corpora")


def start_index(index_dir: Path, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsfind.cli", "index", str(NEWSARTICLES), "--index-dir",
                             str(index_dir)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **popen)


def assert_every_article_found(index_dir: Path) -> None:
    held = indexed_files(open_index(index_dir))
    assert {key.decode() for key in held} == set(read_manifest("newsarticles")) == manifest_paths(NEWSARTICLES)
    with ArchiveSearcher(index_dir) as searcher:
        for phrase, paths in articles_holding(NEWSARTICLES).items():
            hits = searcher.search(f'"{phrase}"', page_size=len(paths) + 10).hits
            assert {hit.path for hit in hits} == paths, phrase


@pytest.mark.skipif(not HAS_PROC, reason="watches worker processes through /proc")
def test_killing_the_cli_indexer_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(11)
    index_dir = tmp_path / "index"
    kills = 0
    for _ in range(8):
        process = start_index(index_dir)
        time.sleep(rng.uniform(0.5, 5.0))
        workers = children(process.pid)
        if process.poll() is not None:
            break
        process.kill()
        process.communicate()
        kills += 1
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers), "a worker outlived its killed indexer"
    process = start_index(index_dir)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, out + err
    assert kills >= 4
    assert "Checked: the index holds 3,784 articles" in out
    assert_every_article_found(index_dir)


def test_ctrl_c_stops_after_the_batch_says_so_and_leaves_no_stray_output(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    process = start_index(index_dir, start_new_session=True)  # a terminal sends SIGINT to the whole group
    time.sleep(3.0)
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, out + err
    assert "stopping after the current batch" in err
    assert "Traceback" not in err and "Process " not in err and "KeyboardInterrupt" not in err
    assert "cancelled: the index holds what was done so far" in out
    held = len(indexed_files(open_index(index_dir)))
    assert held > 0 and f"{held:,} articles indexed" in out
    rest = start_index(index_dir)
    out, _ = rest.communicate(timeout=600)
    assert rest.returncode == 0 and f"{held:,} unchanged" in out
