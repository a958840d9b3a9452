"""Real archives in the real window: the whole of newsarticles and a generated
archive of 20,000 articles, each from a clean data folder, indexed by the
window alone (with the indexer's worker processes), and every article found;
the indexer killed at random moments, and nothing lost."""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from newsfind.index import default_index_dir, indexed_files, open_index  # noqa: E402
from newsfind.search import ArchiveSearcher  # noqa: E402
from tests.corpora import NEWSARTICLES, read_manifest  # noqa: E402
from tests.processes import HAS_PROC, children  # noqa: E402
from tests.recall import articles_holding, manifest_paths  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import make_corpus  # noqa: E402

pytestmark = [pytest.mark.usefixtures("clean_clipboard"),
              pytest.mark.skipif(not NEWSARTICLES.is_dir(), reason="needs the shared corpora")]


@pytest.fixture
def clean_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with no index in it (the window's indexer inherits it)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(folder))
    return folder


class IndexerWatch:
    """Samples, while the window indexes, how many worker processes its indexer has."""

    def __init__(self, window) -> None:
        self.window = window
        self.most_workers = 0

    def done(self) -> bool:
        process = self.window.archiveSet.indexWorker.process
        if process is not None and process.pid:
            self.most_workers = max(self.most_workers, len(children(process.pid)))
        return not self.window.archiveSet.is_indexing()


def index_in_window(qtbot, make_window, root: Path, timeout_s: int):
    window = make_window(wait=False)
    watch = IndexerWatch(window)
    window.archiveSet.open(str(root))
    qtbot.waitUntil(watch.done, timeout=timeout_s * 1000)
    return window, window.archiveSet.reports[str(root)], watch


def assert_every_article_found(qtbot, window, root: Path) -> None:
    """Every file is in the index once, and every article holding a phrase is found,
    in the window (its total) and by the core (its exact set of paths)."""
    index_dir = default_index_dir(root)
    held = indexed_files(open_index(index_dir))
    assert {key.decode() for key in held} == manifest_paths(root)
    with ArchiveSearcher(index_dir) as searcher:
        for phrase, paths in articles_holding(root).items():
            result = searcher.search(f'"{phrase}"', page_size=len(paths) + 10)
            assert {hit.path for hit in result.hits} == paths, phrase
            window.searchBar.field.setText(f'"{phrase}"')
            window.search_now()
            wanted = window.searchController.generation
            qtbot.waitUntil(lambda: window.searchController.generation == wanted and window.searchController.settled, timeout=20000)
            assert window.model.total == len(paths), phrase


@pytest.mark.skipif(not HAS_PROC, reason="counts worker processes through /proc")
def test_the_window_indexes_all_of_newsarticles_from_a_clean_data_folder(qtbot, make_window, clean_data_folder):
    window, report, watch = index_in_window(qtbot, make_window, NEWSARTICLES, timeout_s=600)
    print(f"\nnewsarticles in the window: {report.summary()} in {report.seconds:.1f} s, "
          f"{watch.most_workers} worker processes")
    assert report.ok, report.summary()
    assert report.added == 3784 and report.check.documents == 3784 and not report.skipped
    assert watch.most_workers == 2, "the window's indexer should use both worker processes"
    assert "3,784 articles" in window.status.reportButton.text()
    assert_every_article_found(qtbot, window, NEWSARTICLES)


@pytest.mark.slow
@pytest.mark.skipif(not HAS_PROC, reason="counts worker processes through /proc")
def test_the_window_indexes_a_generated_archive_of_20000_articles(qtbot, make_window, clean_data_folder, tmp_path):
    root = tmp_path / "generated"
    make_corpus.make_corpus(20_000, root, seed=9)
    window, report, watch = index_in_window(qtbot, make_window, root, timeout_s=1200)
    print(f"\n20,000 generated articles in the window: {report.summary()} in {report.seconds:.1f} s, "
          f"{watch.most_workers} worker processes")
    assert report.ok and report.added == 20_000 and report.check.documents == 20_000
    assert watch.most_workers == 2
    assert_every_article_found(qtbot, window, root)


def test_killing_the_windows_indexer_at_random_moments_loses_nothing(qtbot, make_window, clean_data_folder):
    """The indexer (or one of its workers) SIGKILLed again and again, each time
    after a random number of files; the window says so, F5 resumes, and in the
    end every article is found."""
    rng = random.Random(7)
    window = make_window(wait=False, index_batch_seconds=1.0)
    window.archiveSet.open(str(NEWSARTICLES))
    kills = 0
    for round_ in range(6):
        qtbot.waitUntil(lambda: window.status.progressBar.maximum() > 1 or not window.archiveSet.is_indexing(), timeout=30000)
        start, files = window.status.progressBar.value(), rng.randint(50, 450)
        qtbot.waitUntil(lambda: window.status.progressBar.value() >= start + files or not window.archiveSet.is_indexing(),
                        timeout=120000)
        process = window.archiveSet.indexWorker.process
        if process is None or not window.archiveSet.is_indexing():
            break
        workers = children(process.pid)
        kills += 1
        if round_ % 2 and workers:  # a worker: the indexer starts another and goes on
            os.kill(rng.choice(workers), signal.SIGKILL)
            continue
        os.kill(process.pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=120000)
        report = window.archiveSet.reports[str(NEWSARTICLES)]
        assert "stopped unexpectedly" in report.failure and "SIGKILL" in report.failure, report.summary()
        window.actionSet.actRecheck.trigger()  # F5
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=300000)
    report = window.archiveSet.reports[str(NEWSARTICLES)]
    if report.skipped:  # a file a killed worker was reading twice is skipped once, then indexed by F5
        assert all("crashed" in problem.reason for problem in report.skipped)
        window.actionSet.actRecheck.trigger()
        qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=300000)
        report = window.archiveSet.reports[str(NEWSARTICLES)]
    assert kills >= 4
    assert report.ok and report.check.documents == 3784, report.summary()
    assert {key.decode() for key in indexed_files(open_index(default_index_dir(NEWSARTICLES)))} == \
        set(read_manifest("newsarticles"))
    assert_every_article_found(qtbot, window, NEWSARTICLES)
