"""The window's search worker, through its slots and signals, over real indexes."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtCore")

from newsfind.gui.search_messages import ArchiveSpec, SearchRequest  # noqa: E402
from newsfind.gui.workers import SearchWorker  # noqa: E402
from newsfind.index import update_index  # noqa: E402
from tests.corpora import copy_sotu  # noqa: E402


def answer_to(worker: SearchWorker, request: SearchRequest):
    answers = []
    worker.answered.connect(answers.append)
    worker.search(request)
    return answers[-1]


def test_a_damaged_index_is_named_for_repair_and_the_rest_still_answers(qtbot, tmp_path) -> None:
    good, bad = copy_sotu(tmp_path / "good", 10), copy_sotu(tmp_path / "bad", 10, start=20)
    for root in (good, bad):
        update_index(root, tmp_path / f"{root.name}-index", batch_seconds=0.1)
    victim = max((tmp_path / "bad-index").glob("*.seg"), key=lambda p: p.stat().st_size)
    victim.write_bytes(bytes(victim.stat().st_size))  # before the worker opens it
    worker = SearchWorker()
    worker.set_archives([ArchiveSpec(str(root), str(tmp_path / f"{root.name}-index")) for root in (good, bad)])
    answer = answer_to(worker, SearchRequest(1, "congress"))
    assert answer.error is None and answer.page.total > 0
    assert list(answer.damaged) == [str(bad)]
    assert any(root == str(bad) and "damaged" in notice for root, notice in answer.notices)
    update_index(bad, tmp_path / "bad-index")  # what the window does on seeing it
    worker.refresh()
    answer = answer_to(worker, SearchRequest(2, "congress"))
    assert answer.damaged == {} and answer.notices == []
    worker.shutdown()


def test_a_superseded_search_is_abandoned_and_the_new_one_answers(qtbot, newsarticles_index) -> None:
    """The worker in its own thread, as the window runs it: a query matching
    every article is superseded while it runs; it never answers, the new one does."""
    from PySide6.QtCore import QObject, QThread, Signal

    class Window(QObject):  # the window's side of the queued connection
        ask = Signal(object)

    thread = QThread()
    worker = SearchWorker()
    worker.moveToThread(thread)
    window = Window()
    window.ask.connect(worker.search)
    started, answers = [], []
    worker.started.connect(started.append)
    worker.answered.connect(answers.append)
    thread.start()
    worker.set_archives([ArchiveSpec("newsarticles", str(newsarticles_index))])
    try:
        window.ask.emit(SearchRequest(1, "*a* OR *e* OR *i* OR *o*"))
        qtbot.waitUntil(lambda: started == [1], timeout=10000)
        worker.latest = 2  # what the window does at the keystroke
        window.ask.emit(SearchRequest(2, "police"))
        qtbot.waitUntil(lambda: bool(answers), timeout=20000)
        qtbot.wait(200)
        assert [answer.generation for answer in answers] == [2]
        assert answers[0].error is None and answers[0].page.total > 0
        assert started == [1, 2]
    finally:
        thread.quit()
        thread.wait()
