"""`newsfind --self-test`: prove that this copy of the app works, packaged or not.

It runs offscreen (QT_QPA_PLATFORM=offscreen unless a platform is already set), keeps
the index and settings in a fresh temporary directory (NEWSFIND_DATA_DIR), opens the
main window on the bundled sample archive (after checking that the indexer's worker
processes start and that a Shift-JIS article is read right), waits for indexing, searches
"Mississippi raids", checks that the seed article comes back with a highlighted
snippet, opens it in the reading pane, selects a passage, copies it with its citation
(the window's Copy with Citation action) and checks that the clipboard holds the
passage as text/plain and text/html. Then it clears the clipboard and exits 0, or
prints one line per failed check and exits 1. It gives up after 90 seconds (exit 2),
so it never hangs a build.

NEWSFIND_SELFTEST_PAUSE=<seconds> holds the window still (at most 20 s) once the
search result is open and the passage selected, for a screenshot.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

SEED_FILE = "000_3cd96423f81a94b2.txt"
QUERY = "Mississippi raids"
PASSAGE_WORDS = "raids"  # the passage copied is the sentence around the first of these
TIME_LIMIT = 90.0


class _Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0

    def check(self, ok: bool, failure: str) -> bool:
        if ok:
            self.passed += 1
        else:
            self.failures.append(failure)
            print(f"FAILED: {failure}", flush=True)
        return ok


def _watchdog(limit: float) -> threading.Timer:
    def expire() -> None:
        print(f"FAILED: the self-test did not finish within {limit:.0f} seconds", flush=True)
        os._exit(2)

    timer = threading.Timer(limit, expire)
    timer.daemon = True
    timer.start()
    return timer


def run_self_test(time_limit: float = TIME_LIMIT) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="newsfind-selftest-"))
    os.environ["NEWSFIND_DATA_DIR"] = str(tmp / "data")
    watchdog = _watchdog(time_limit)
    try:
        checks = _Checks()
        started = time.monotonic()
        _run(checks, tmp)
        if checks.failures:
            print(f"self-test: {len(checks.failures)} of {checks.passed + len(checks.failures)} checks failed",
                  flush=True)
            return 1
        print(f"self-test: ok ({checks.passed} checks, {time.monotonic() - started:.1f} s)", flush=True)
        return 0
    except Exception as error:  # noqa: BLE001 - report anything as a failed check
        import traceback

        traceback.print_exc()
        print(f"FAILED: the self-test raised {type(error).__name__}: {error}", flush=True)
        return 1
    finally:
        watchdog.cancel()
        shutil.rmtree(tmp, ignore_errors=True)


def _check_indexer_workers(checks: _Checks, sample: Path, tmp: Path) -> None:
    """Large archives are indexed by spawned worker processes: they must start from this
    copy of the app (a frozen one included) and index what they are given."""
    import multiprocessing

    from newsfind.index import update_index

    part = tmp / "workers-archive"
    part.mkdir()
    for path in sorted(sample.rglob("*.txt"))[:60]:
        shutil.copy2(path, part / path.name)
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append(sum(p.name == "newsfind-index-worker" for p in multiprocessing.active_children()))

    report = update_index(part, tmp / "workers-index", progress=progress, batch_seconds=0.3, parallel_min_files=1)
    checks.check(report.ok and report.added == 60, f"indexing with worker processes failed: {report.summary()}")
    checks.check(max(seen, default=0) >= 1, "the indexer's worker processes never started")


def _check_charset_detection(checks: _Checks) -> None:
    """The charset detector and its models are there: a Shift-JIS article is read right."""
    from newsfind.encoding import decode_article_bytes

    text = " date 2019-05-04 \n港湾の浚渫工事が始まった。\n\n市は港湾の水深を保つため、来月から浚渫を行うと発表した。" * 8
    decoded = decode_article_bytes(text.encode("cp932"))
    checks.check(decoded.text == text, f"a Shift-JIS article was read as {decoded.encoding}, not right")


def _wait(app, condition, seconds: float) -> bool:
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.AllEvents, 50)
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def _run(checks: _Checks, tmp: Path) -> None:
    _check_bundled_files(checks)
    from newsfind.resources import sample_archive

    _check_indexer_workers(checks, sample_archive(), tmp)
    _check_charset_detection(checks)
    _check_window(checks, tmp)


def _check_bundled_files(checks: _Checks) -> None:
    """The sample, the icons, and the modules Whoosh imports by name (Qt-free)."""
    from newsfind.resources import resource_path, sample_archive

    sample = sample_archive()
    checks.check((sample / SEED_FILE).is_file(), f"the bundled sample archive lacks {SEED_FILE} (looked in {sample})")
    icons = resource_path("icons")
    checks.check(any(icons.glob("*.png")) or any(icons.glob("*.svg")), f"no app icons in {icons}")
    # Whoosh re-imports the analysis modules named by the pickled schema.
    import importlib

    for module in ("whoosh.lang.porter2", "whoosh.analysis", "newsfind.analysis"):
        try:
            importlib.import_module(module)
        except ImportError as error:
            checks.check(False, f"cannot import {module}: {error}")


def _check_window(checks: _Checks, tmp: Path) -> None:
    """The window opens the sample, indexes it, finds and shows the seed, copies a passage with its citation."""
    from PySide6.QtCore import QCollator, QLocale, QSettings

    from newsfind.gui.app import make_app
    from newsfind.gui.mainwindow import MainWindow
    from newsfind.resources import sample_archive

    sample = sample_archive()
    app = make_app(["newsfind"])
    settings = QSettings(str(tmp / "settings.ini"), QSettings.IniFormat)  # never the user's settings
    window = MainWindow(settings, open_default=True)
    try:
        window.show()
        handle = window.windowHandle()
        shown = _wait(app, lambda: handle is not None and handle.isExposed(), 10)
        app.processEvents()  # the first paint
        checks.check(shown, "the main window was never shown (exposed)")
        checks.check(str(sample) in window.archiveSet.archives,
                     f"the window did not open the sample archive (open: {window.archiveSet.archives})")
        # Qt's ICU data (trimmed in the Linux bundle): collation still works.
        collator = QCollator(QLocale("en_US"))
        checks.check(collator.compare("apple", "Banana") < 0 and collator.compare("résumé", "resume") != 0,
                     "QCollator gives wrong answers (ICU collation data missing?)")
        _check_sample_indexed(checks, app, window, sample, tmp)
        row = _check_search(checks, app, window)
        article = _check_reading(checks, app, window, row) if row is not None else None
        if article is not None:
            _check_copy(checks, app, window, article)
        _check_trends_svg(checks, window, tmp)
    finally:
        window.close()  # saves settings (into tmp) and stops the workers
        window.deleteLater()
        app.processEvents()


def _check_trends_svg(checks: _Checks, window, tmp: Path) -> None:
    """Qt's SVG writer is in the bundle: a trends chart of the indexed sample exports as SVG."""
    from newsfind.gui.trends_export import write_svg
    from newsfind.search import ArchiveSearcher
    from newsfind.trends import count_trends, read_terms

    with ArchiveSearcher(tmp / "workers-index") as searcher:
        trends = count_trends([searcher], read_terms("immigration\n\"police said\""))
    target = tmp / "trends.svg"
    try:
        write_svg(trends, str(target), False, window.font())
        written = target.read_text(encoding="utf-8")
    except (OSError, ImportError) as error:
        written = f"{type(error).__name__}: {error}"
    checks.check("<svg" in written and "immigration" in written, f"the trends chart did not export as SVG ({written[:200]})")


def _check_sample_indexed(checks: _Checks, app, window, sample: Path, tmp: Path) -> None:
    indexed = _wait(app, lambda: not window.archiveSet.is_indexing(), 40)
    checks.check(indexed, "indexing the sample archive did not finish within 40 s")
    report = window.archiveSet.reports.get(str(sample))
    if report is None or not report.ok:
        checks.check(False, f"indexing the sample archive failed: {report.summary() if report else 'no report'}")
    else:
        checks.check(report.indexed >= 200, f"indexing the sample archive gave {report.indexed} articles, "
                                            "not the 250 of the sample")
    checks.check(any((tmp / "data").rglob("*.toc")), "no index was written in NEWSFIND_DATA_DIR")


def _check_search(checks: _Checks, app, window) -> int | None:
    """The seed article's row in the results of QUERY, highlighted; None if missing."""
    window.searchBar.field.setText(QUERY)
    window.search_now()
    generation = window.searchController.generation
    answered = _wait(app, lambda: window.searchController.answered_generation >= generation, 15)
    if not checks.check(answered, f"no answer to the search {QUERY!r} within 15 s"):
        return None
    checks.check(not window.searchBar.error_text(), f"the search {QUERY!r} gave an error: {window.searchBar.error_text()}")
    hits = list(window.model.hits)
    rows = [n for n, hit in enumerate(hits) if hit.path == SEED_FILE]
    if not checks.check(bool(rows), f"the search {QUERY!r} did not return the seed article {SEED_FILE} "
                                    f"({len(hits)} hits: {[h.path for h in hits[:5]]})"):
        return None
    hit = hits[rows[0]]
    checks.check("<mark>" in hit.snippet, f"the seed article's snippet has no highlight: {hit.snippet[:120]!r}")
    return rows[0]


def _check_reading(checks: _Checks, app, window, row: int):
    """The seed article, open in the reading pane with its matches marked; None if not."""
    window.resultsView.setCurrentIndex(window.model.index(row))
    _wait(app, lambda: window.reader.article is not None, 5)
    article = window.reader.article
    if not checks.check(article is not None and article.path == SEED_FILE,
                        "choosing the seed article did not open it in the reading pane"):
        return None
    checks.check(bool(window.reader.matches), "the reading pane highlights no match in the seed article")
    return article


def _check_copy(checks: _Checks, app, window, article) -> None:
    """A passage selected and copied with its citation: text/plain and text/html on the clipboard."""
    from PySide6.QtGui import QGuiApplication

    body = article.body
    at = body.find(PASSAGE_WORDS)
    start = body.rfind(". ", 0, max(at, 0)) + 2 if at > 0 else 0
    end = body.find(".", max(at, 0)) + 1 or min(len(body), start + 120)
    passage = body[start:end]
    window.reader.select_offsets(start, end)
    checks.check(window.reader.selection_offsets() == (start, end),
                 f"selecting the passage gave {window.reader.selection_offsets()}, not {(start, end)}")
    pause = float(os.environ.get("NEWSFIND_SELFTEST_PAUSE") or 0)
    if pause > 0:  # for a screenshot (packaging/screenshot.sh)
        print(f"paused {pause:.0f} s with the search shown", flush=True)
        _wait(app, lambda: False, min(pause, 20))
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    checks.check(window.actionSet.actCopyCite.isEnabled(), "Copy with Citation is disabled with an article open")
    window.actionSet.actCopyCite.trigger()
    app.processEvents()
    data = clipboard.mimeData()
    probe = " ".join(passage.split()[:6])  # words without markup characters
    has_text = data is not None and data.hasText()
    has_html = data is not None and data.hasHtml()
    checks.check(has_text, "the clipboard holds no text/plain after Copy with Citation")
    checks.check(has_html, "the clipboard holds no text/html after Copy with Citation")
    if has_text:
        text = data.text()
        checks.check(probe in " ".join(text.split()), f"the copied text lacks the passage: {text[:160]!r}")
        checks.check(len(text.strip()) > len(passage.strip()), "the copied text has no citation after the passage")
    if has_html:
        import html as html_module

        words = " ".join(html_module.unescape(data.html()).split())
        checks.check(probe in words, "the copied HTML lacks the passage")
    clipboard.clear()  # a QMimeData left on the offscreen clipboard crashes the exit
    app.processEvents()

if __name__ == "__main__":
    sys.exit(run_self_test())
