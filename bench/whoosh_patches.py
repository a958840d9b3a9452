"""Whether each patch of Whoosh still pays: writing a segment with it and without.

    .venv/bin/python bench/whoosh_patches.py [--corpus DIR] [--files N] [--rounds R]

newsfind.whoosh_compat.PATCHES replaces Whoosh methods. The AND NOT one is a
correctness fix (tests/test_whoosh_compat.py shows Whoosh's own answer is
wrong); the add_postings one is for speed only, so it must be measured. The
same prepared articles (read and analysed beforehand, as the indexer does)
are added to a fresh index and committed, with the patch and with Whoosh's
own method in alternation in one process, R rounds each; the add and commit
are timed (process CPU time and wall time). Prints the medians and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsfind import whoosh_compat as compat  # noqa: E402
from newsfind.archive import scan_archive  # noqa: E402
from newsfind.documents import make_schema, prepare_document  # noqa: E402

NEWSARTICLES = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "newsarticles"


def write_segment(documents: list[dict], with_patch: bool) -> tuple[float, float]:
    """(CPU s, wall s) to add the documents to a new index and commit it."""
    patch = next(patch for patch in compat.PATCHES if patch.name == "add_postings")
    folder = Path(tempfile.mkdtemp(prefix="patchbench-"))
    try:
        compat.install_patches()
        if not with_patch:
            patch.remove()
        ix = FileStorage(str(folder)).create_index(make_schema(), indexname="articles")
        cpu, wall = time.process_time(), time.perf_counter()
        writer = ix.writer()
        for document in documents:
            writer.add_document(**document)
        writer.commit()
        return time.process_time() - cpu, time.perf_counter() - wall
    finally:
        compat.install_patches()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(NEWSARTICLES))
    parser.add_argument("--files", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    schema = make_schema()
    documents = [prepare_document(entry, schema) for entry in scan_archive(args.corpus).files[:args.files]]
    print(f"{len(documents):,} articles from {args.corpus}, {args.rounds} rounds each, alternating")
    figures: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(args.rounds):
        for with_patch in (True, False):
            figures[with_patch].append(write_segment(documents, with_patch))
    for with_patch, name in ((True, "with the add_postings patch"), (False, "Whoosh's own add_postings")):
        cpu = statistics.median(f[0] for f in figures[with_patch])
        wall = statistics.median(f[1] for f in figures[with_patch])
        print(f"{name:32} CPU {cpu:6.2f} s   wall {wall:6.2f} s")
    ratio = statistics.median(f[0] for f in figures[True]) / statistics.median(f[0] for f in figures[False])
    print(f"patched / Whoosh's own, CPU: {ratio:.2f}")


if __name__ == "__main__":
    main()
