"""`newsfind search --json` as a tool: the time of one call, process start included.

    .venv/bin/python bench/cli_calls.py --synthetic 20000 [--out DIR] [--queries 10] [--calls 3]
    .venv/bin/python bench/cli_calls.py --corpus PATH      [--out DIR] [--queries 10] [--calls 3]

Scripts and editors call the command in loops, so what counts is the whole
call: the interpreter starting, the imports, opening the index, the search, the
top 10 with snippets as JSON. For each kind of query of bench/run.py (the same
seeded set) it runs every query --calls times after one unmeasured call, and
prints p50/p95 per kind beside two references measured in the same run: the
bare interpreter (`python -c pass`: the floor no Python command goes under)
and, when Recoll's `recollq` is installed (Debian: recollcmd), the same query
against a Recoll index of the same corpus (built once under --out; fuzzy and
date queries have no Recoll equivalent and are left out for it).

Calls run with bytecode caching on, as on a user's machine (the first,
unmeasured call writes the .pyc files), whatever PYTHONDONTWRITEBYTECODE says here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import make_corpus  # noqa: E402
from run import KINDS, KIND_NAMES, Query, build_queries, core_version, pct, table  # noqa: E402

TARGET_MS = 100.0
RECOLL_KINDS = ("common", "rare", "and", "phrase", "prefix")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path)
    source.add_argument("--synthetic", type=int, metavar="N")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--queries", type=int, default=10, help="queries per kind")
    parser.add_argument("--calls", type=int, default=3, help="timed calls per query")
    parser.add_argument("--seed", type=int, default=20160101)
    args = parser.parse_args(argv)

    out = args.out or BENCH / "out" / (f"cli-{args.synthetic}" if args.synthetic else f"cli-{args.corpus.name}")
    corpus = args.corpus or out / "corpus"
    if args.synthetic and not corpus.exists():
        make_corpus.main([str(args.synthetic), str(corpus)])
    env = _environment(out)
    _newsfind_index(corpus, env)
    recoll = _recoll_config(corpus, out)

    queries = build_queries(str(corpus), args.queries, args.seed)
    print(f"# newsfind search --json, one process per call: {corpus}")
    print(f"newsfind core: {core_version()}; {args.queries} queries per kind, {args.calls} timed calls each")
    floor = _times([sys.executable, "-c", "pass"], env, 1, 10)
    rows = [["bare interpreter (python -c pass)", f"{pct(floor, 50):.1f}", f"{pct(floor, 95):.1f}", "-", "-"]]
    for kind in KINDS:
        ours = [t for q in queries if q.kind == kind for t in _times(_newsfind_call(corpus, q), env, 1, args.calls)]
        theirs = ([t for q in queries if q.kind == kind for t in _times(_recoll_call(recoll, q), env, 1, args.calls)]
                  if recoll and kind in RECOLL_KINDS else [])
        rows.append([KIND_NAMES[kind], f"{pct(ours, 50):.1f}", f"{pct(ours, 95):.1f}",
                     f"{pct(theirs, 50):.1f}" if theirs else "-", f"{pct(theirs, 95):.1f}" if theirs else "-"])
    print(table(["kind", "newsfind p50 (ms)", "p95", "recollq p50 (ms)", "p95"], rows))
    if not recoll:
        print("(recollq is not installed: Debian's recollcmd package adds the Recoll column)")
    print(f"target: ≤ {TARGET_MS:.0f} ms per call at 20,000 articles")
    return 0


def _environment(out: Path) -> dict[str, str]:
    env = dict(os.environ, NEWSFIND_DATA_DIR=str(out / "data"), RECOLL_CONFDIR=str(out / "recoll"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _newsfind_index(corpus: Path, env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-m", "newsfind", "index", str(corpus)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"indexing failed: {done.stderr.strip()}")


def _recoll_config(corpus: Path, out: Path) -> Path | None:
    """A Recoll configuration over the corpus, indexed once; None without Recoll."""
    if not (shutil.which("recollq") and shutil.which("recollindex")):
        return None
    config = out / "recoll"
    if not (config / "xapiandb").exists():
        config.mkdir(parents=True, exist_ok=True)
        (config / "recoll.conf").write_text(f"topdirs = {corpus.resolve()}\nindexstemminglanguages = english\n")
        started = time.perf_counter()
        subprocess.run(["recollindex", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=True)
        print(f"recollindex: {time.perf_counter() - started:.1f} s")
    return config


def _newsfind_call(corpus: Path, query: Query) -> list[str]:
    command = [sys.executable, "-m", "newsfind", "search", "--archive", str(corpus), "--json", "--", query.whoosh]
    if query.date_from:
        command[-2:-2] = ["--from", query.date_from, "--to", query.date_to]
    return command


def _recoll_call(config: Path, query: Query) -> list[str]:
    return ["recollq", "-c", str(config), "-n", "10", "-A", query.whoosh]


def _times(command: list[str], env: dict[str, str], warm_up: int, calls: int) -> list[float]:
    """Milliseconds per call, wall clock, after warm-up calls that are not counted."""
    times = []
    for call in range(warm_up + calls):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode:
            raise SystemExit(f"{command[-1]!r} failed: {done.stderr.decode(errors='replace').strip()}")
        if call >= warm_up:
            times.append(elapsed)
    return times


if __name__ == "__main__":
    sys.exit(main())
