"""Start-up time of the packaged app against running from source.

    .venv/bin/python bench/startup.py [--runs 7] [--bundle dist/newsfind] [--build]

For each of --runs rounds (after one unmeasured warm-up of each) it launches the
packaged executable and `python -m newsfind`, alternately, with `--self-test` in its
"shown only" mode (NEWSFIND_SELFTEST_SHOWN_ONLY=1): the app builds its QApplication
and main window on the bundled sample archive, exactly as `run_gui` does, shows it,
waits until the window is exposed and painted, prints the seconds since the launch
(NEWSFIND_T0, set here just before the process starts) and quits. Offscreen unless
QT_QPA_PLATFORM says otherwise (under Xvfb: QT_QPA_PLATFORM=xcb xvfb-run -a …).

It prints the bundle size (du -sh style, and the release archive if there is one)
and the median start → window shown, packaged and from source, side by side with
their ratio, and the target (≤ 1 s). --build runs packaging/build.py first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def shown_seconds(command: list[str]) -> tuple[float, float]:
    """(launch → window shown, launch → process gone) for one run."""
    env = dict(os.environ, NEWSFIND_SELFTEST_SHOWN_ONLY="1")
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
    commands = {"packaged": [str(exe), "--self-test"], "source": [sys.executable, "-m", "newsfind", "--self-test"]}

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
