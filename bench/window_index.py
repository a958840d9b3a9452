"""Time indexing an archive in the window beside the command line, in one run.

    .venv/bin/python bench/window_index.py --corpus PATH [--update N] [--rounds R]
    .venv/bin/python bench/window_index.py --synthetic N [--update N] [--rounds R]

Each from a clean data folder: `newsfind index` (a subprocess, as a user runs
it), then the window (offscreen, its own indexing process and workers) until
it has indexed the whole archive; both reports are checked (every file in the
committed index). With --update N, N files are then touched and each indexes
again (an incremental run). The two alternate for R rounds; prints each
round, the medians and the ratio window / command line. A generated corpus
goes under bench/out/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))


def cli_index(root: Path, data: Path) -> tuple[float, str]:
    env = dict(os.environ, NEWSFIND_DATA_DIR=str(data))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "newsfind.cli", "index", str(root)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"newsfind index failed: {done.stdout}{done.stderr}")
    return seconds, done.stdout.splitlines()[0]


def window_index(app, root: Path, data: Path, update: list[Path]) -> list[tuple[float, str]]:
    """Seconds from opening the archive until the window has indexed it (then again after an update)."""
    os.environ["NEWSFIND_DATA_DIR"] = str(data)
    from PySide6.QtCore import QSettings

    from newsfind.gui.mainwindow import MainWindow

    window = MainWindow(QSettings(str(data / "settings.ini"), QSettings.IniFormat), open_default=False)
    window.show()
    runs = []
    try:
        started = time.perf_counter()
        window.open_archive(str(root))
        runs.append(_until_indexed(app, window, root, started))
        if update:
            _touch(update)
            started = time.perf_counter()
            window.recheck_archives()
            runs.append(_until_indexed(app, window, root, started))
    finally:
        window.shutdown()
    return runs


def _until_indexed(app, window, root: Path, started: float) -> tuple[float, str]:
    from PySide6.QtCore import QEventLoop

    while window.is_indexing():
        app.processEvents(QEventLoop.AllEvents, 50)  # as app.exec() would, without spinning
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    report = window.reports[str(root)]
    if not report.ok:
        raise SystemExit(f"the window's indexing failed: {report.summary()}")
    return seconds, report.summary()


def _touch(paths: list[Path]) -> None:
    """A new modification time: each file is read and indexed again (its text stays as it is)."""
    later = time.time_ns() + 10**9
    for path in paths:
        os.utime(path, ns=(later, later))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path)
    source.add_argument("--synthetic", type=int, metavar="N")
    parser.add_argument("--update", type=int, default=0, metavar="N", help="then touch N files and index again")
    parser.add_argument("--rounds", type=int, default=2, help="command line and window runs, alternated")
    args = parser.parse_args()
    root = args.corpus.resolve() if args.corpus else None
    if args.synthetic:
        import make_corpus

        root = (BENCH / "out" / f"window-{args.synthetic}" / "corpus").resolve()
        if not root.is_dir():
            print(make_corpus.make_corpus(args.synthetic, root).describe(), flush=True)
    files = sorted(root.rglob("*.txt"))
    update = files[:: max(1, len(files) // args.update)][: args.update] if args.update else []
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from newsfind.gui.app import make_app

    app = make_app(["newsfind"])
    cli_runs, window_runs = [], []
    for round_ in range(args.rounds):  # alternated, so that load on the machine falls on both
        with tempfile.TemporaryDirectory(prefix="newsfind-bench-") as work:
            cli_runs.append(_cli_runs(root, Path(work) / "cli", update))
            window_runs.append(window_index(app, root, Path(work) / "window", update))
        print(f"round {round_ + 1}: command line {cli_runs[-1][0][0]:.1f} s, window {window_runs[-1][0][0]:.1f} s",
              flush=True)
    print(f"\n{len(files):,} articles in {root}; each from a clean data folder, medians of {args.rounds}:")
    for label, position in (("full build", 0), (f"{len(update)} files changed", 1)):
        if position and not update:
            continue
        cli = statistics.median(runs[position][0] for runs in cli_runs)
        window = statistics.median(runs[position][0] for runs in window_runs)
        print(f"{label}: command line {cli:.1f} s, window {window:.1f} s, window / command line {window / cli:.2f}×")
    print(f"last window report: {window_runs[-1][0][1]}")
    return 0


def _cli_runs(root: Path, data: Path, update: list[Path]) -> list[tuple[float, str]]:
    runs = [cli_index(root, data)]
    if update:
        _touch(update)
        runs.append(cli_index(root, data))
    return runs


if __name__ == "__main__":
    sys.exit(main())
