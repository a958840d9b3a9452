"""The benchmark script keeps working: end to end on a tiny generated corpus.

No timing is asserted (this machine is shared and noisy); only that one run
prints every figure for both engines, with ratios, and the targets.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402

pytestmark = pytest.mark.skipif(not (make_corpus.SHARED / "newsarticles").is_dir(),
                                reason="needs the shared corpora beside the project")


def test_make_corpus_is_deterministic(tmp_path):
    first = make_corpus.make_corpus(30, tmp_path / "a", seed=7)
    second = make_corpus.make_corpus(30, tmp_path / "b", seed=7)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    assert len(files) == 30 and first.bytes == second.bytes
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    text = (tmp_path / "a" / files[0]).read_text("utf-8")
    assert text.startswith(" date 201") and "\n\n" in text
    assert files[0].parts[0] == "000" and files[0].name[:6] == "00001_" and len(files[0].stem) == 5 + 1 + 16


def test_benchmark_runs_end_to_end(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--synthetic", "200", "--out", str(out), "--queries", "3"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    printed = done.stdout
    for row in ("full build (s)", "articles/s", "MB/s", "index size (MB)", "no-op incremental",
                "search + 20 snippets p50 (ms)", "search + 20 snippets p95 (ms)",
                "search only p50 (ms)", "search only p95 (ms)"):
        line = next((line for line in printed.splitlines() if line.startswith(f"| {row}")), None)
        assert line is not None, f"no {row!r} row in:\n{printed}"
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == 4 and cells[3].endswith("×"), line
    for kind in ("single common word", "rare word", "two-word AND", "phrase", "prefix", "fuzzy", "date range"):
        assert any(line.startswith("| ") and kind in line for line in printed.splitlines()), kind
    assert printed.count("timeline ") >= 3
    assert printed.count("target ") == 3
    # Reusing the index times the queries again without rebuilding.
    again = subprocess.run(command + ["--reuse-index"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert again.returncode == 0, again.stderr
    assert "reusing the indexes" in again.stdout and "| full build (s)" in again.stdout


def test_query_set_is_the_same_in_every_process(tmp_path):
    """Seeded, and independent of string hashing (which differs per process)."""
    make_corpus.make_corpus(120, tmp_path / "corpus", seed=3)
    script = ("import sys; sys.path.insert(0, sys.argv[1]); import run; "
              "print([q.label() for q in run.build_queries(sys.argv[2], 4, 1)])")
    printed = set()
    for hash_seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script, str(ROOT / "bench"), str(tmp_path / "corpus")],
                              capture_output=True, text=True, timeout=120, env={**os.environ,
                                                                                "PYTHONHASHSEED": hash_seed})
        assert done.returncode == 0, done.stderr
        printed.add(done.stdout)
    assert len(printed) == 1
    assert printed.pop().count("~") == 4  # four fuzzy queries among the 28


def test_the_typing_benchmark_types_into_the_real_window(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus.make_corpus(200, corpus, seed=7)
    index = tmp_path / "index"
    assert subprocess.run([sys.executable, "-m", "newsfind", "index", str(corpus), "--index-dir", str(index)],
                          capture_output=True, timeout=300, cwd=ROOT).returncode == 0
    command = [sys.executable, str(ROOT / "bench" / "window_typing.py"), "--archive", str(corpus),
               "--index", str(index), "--per-kind", "1", "--pace", "0.05"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line for line in done.stdout.splitlines() if line[:1].isalpha()}
    for kind in ("common", "rare", "and", "phrase", "prefix", "fuzzy", "all"):
        assert kind in rows and rows[kind].count("/") == 4, done.stdout
    assert "status bar after the last query" in done.stdout
