"""Start-up time of the packaged app against running from source.

    .venv/bin/python bench/startup.py [--runs 7] [--bundle dist/newsfind] [--build]

For each of --runs rounds (after one unmeasured warm-up of each) it launches the
packaged executable and `python -m newsfind`, alternately, exactly as a user does (no
arguments: the window), with NEWSFIND_EXIT_WHEN_SHOWN=1: `run_gui` prints the seconds
since the launch (NEWSFIND_T0, set here just before the process starts) once the main
window's first paint is done, and quits. Settings and indexes live in a temporary
folder (XDG_CONFIG_HOME, NEWSFIND_DATA_DIR): a first launch, which opens the bundled
sample archive, never the user's own. Offscreen unless QT_QPA_PLATFORM says otherwise
(under Xvfb: QT_QPA_PLATFORM=xcb xvfb-run -a …).

It prints the bundle size (du -sh style, and the release archive if there is one)
and the median start → window shown, packaged and from source, side by side with
their ratio, and the target (≤ 1 s). --build runs packaging/build.py first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


SCRATCH = Path(tempfile.mkdtemp(prefix="newsfind-startup-"))


def shown_seconds(command: list[str]) -> tuple[float, float]:
    """(launch → window shown, launch → process gone) for one run."""
    env = dict(os.environ, NEWSFIND_EXIT_WHEN_SHOWN="1", XDG_CONFIG_HOME=str(SCRATCH / "config"),
               NEWSFIND_DATA_DIR=str(SCRATCH / "data"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["NEWSFIND_T0"] = repr(time.time())
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    total = time.monotonic() - started
    shown = [line for line in run.stdout.splitlines() if line.startswith("shown ")]
    if run.returncode != 0 or not shown:
        sys.exit(f"startup.py: {' '.join(command)} failed ({run.returncode}):\n{run.stdout}\n{run.stderr[-2000:]}")
    return float(shown[-1].split()[1]), total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "newsfind")
    parser.add_argument("--build", action="store_true", help="run packaging/build.py first")
    options = parser.parse_args(argv)

    if options.build:
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], check=True, cwd=ROOT)
    exe = options.bundle / ("newsfind-cli.exe" if sys.platform == "win32" else "newsfind")
    if not exe.exists():
        sys.exit(f"startup.py: no bundle at {options.bundle}: run .venv/bin/python packaging/build.py (or --build)")
    commands = {"packaged": [str(exe)], "source": [sys.executable, "-m", "newsfind"]}

    for command in commands.values():  # warm-up: disk caches, font cache
        shown_seconds(command)
    shown: dict[str, list[float]] = {name: [] for name in commands}
    total: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, command in commands.items():
            s, t = shown_seconds(command)
            shown[name].append(s)
            total[name].append(t)

    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    size = tree_size(options.bundle)
    archives = sorted(options.bundle.parent.glob("newsfind-*.tar.gz")) + sorted(options.bundle.parent.glob("newsfind-*.zip"))
    print(f"bundle {options.bundle}: {size / 1e6:.1f} MB"
          + (f"; release archive {archives[-1].name}: {archives[-1].stat().st_size / 1e6:.1f} MB" if archives else ""))
    print(f"start-up, median of {options.runs} runs (Qt platform {platform}):")
    print(f"{'':30}{'packaged':>10}{'source':>10}{'ratio':>8}")
    for label, figures in (("launch -> window shown", shown), ("launch -> exit (incl. teardown)", total)):
        p, s = statistics.median(figures["packaged"]), statistics.median(figures["source"])
        print(f"{label:30}{p:>9.2f}s{s:>9.2f}s{p / s:>7.2f}x")
    p = statistics.median(shown["packaged"])
    verdict = "met" if p <= TARGET_SECONDS else "MISSED"
    print(f"target: packaged window shown <= {TARGET_SECONDS:.1f} s: {verdict} ({p:.2f} s); "
          f"runs packaged {', '.join(f'{x:.2f}' for x in shown['packaged'])}; "
          f"source {', '.join(f'{x:.2f}' for x in shown['source'])}")
    shutil.rmtree(SCRATCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
