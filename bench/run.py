"""Benchmark newsfind's Whoosh index and search against SQLite FTS5.

    .venv/bin/python bench/run.py --corpus PATH   [--out DIR] [--queries K] [--reuse-index]
    .venv/bin/python bench/run.py --synthetic N   [--out DIR] [--queries K] [--reuse-index]

One run indexes the corpus with newsfind (`update_index`) and with SQLite FTS5
(stdlib sqlite3, tokenize='porter unicode61'), times a no-op incremental run of
each, then runs the same seeded query set on both: 7 kinds (common word, rare
word, two-word AND, phrase, prefix, fuzzy, common word + date range), K queries
each, built from the corpus's own vocabulary. It prints build time, articles/s,
MB/s, index size, no-op time, query latency p50/p95 with the top 20 and their
highlighted snippets, and without snippets, each with the ratio whoosh/fts5,
then the cost of counting matches per month (a timeline), then the targets.

--reuse-index keeps the indexes (and their recorded build figures) from an
earlier run with the same --out, so only the queries are timed again.
Everything generated goes under --out (default bench/out/<corpus name>).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import make_corpus  # noqa: E402
from whoosh import sorting  # noqa: E402
from whoosh.analysis import STOP_WORDS  # noqa: E402
from whoosh.lang.porter import stem as porter_stem  # noqa: E402  (FTS5's 'porter' is the original Porter)

from newsfind import index as news_index  # noqa: E402
from newsfind.archive import read_article, scan_archive, UnreadableArticle  # noqa: E402
from newsfind.search import ArchiveSearcher  # noqa: E402

KINDS = ("common", "rare", "and", "phrase", "prefix", "fuzzy", "date")
KIND_NAMES = {
    "common": "single common word",
    "rare": "rare word",
    "and": "two-word AND",
    "phrase": "phrase (real bigram)",
    "prefix": "prefix",
    "fuzzy": "fuzzy (1 letter changed)",
    "date": "common word + date range",
}
PAGE = 20
SNIPPET_TOKENS = 40  # FTS5 snippet() length in tokens: about newsfind's 240 characters
SAMPLE_ARTICLES = 3000
TARGET_BUILD_RATIO = 15.0   # whoosh/fts5 full build at 20,000 articles
TARGET_SNIPPET_P95 = 50.0   # ms, search + 20 snippets at 100,000 articles
TARGET_NOOP = 1.0           # s, no-op incremental at 20,000 articles
_WORD = re.compile(r"[A-Za-z]+")
CORE_FILES = [f"newsfind/{name}.py" for name in (
    "index", "index_batches", "index_workers", "index_store", "documents", "search", "analysis", "archive",
    "encoding", "whoosh_compat", "scoring", "phrases", "set_queries", "query", "lexicon")]
_STOP = frozenset(STOP_WORDS) | {"said", "says", "will", "would", "also", "could", "should", "one", "two"}


# --------------------------------------------------------------------- corpus


@dataclass
class Corpus:
    root: str
    name: str
    articles: int
    bytes: int


def corpus_stats(root: str) -> Corpus:
    scan = scan_archive(root)
    return Corpus(os.path.abspath(root), Path(root).name, len(scan.files), sum(f.size for f in scan.files))


def dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -------------------------------------------------------------------- queries


@dataclass
class Query:
    kind: str
    whoosh: str  # newsfind's query language
    fts: str  # FTS5 MATCH expression (fuzzy: expanded at query time)
    date_from: str | None = None
    date_to: str | None = None
    fuzzy_word: str | None = None

    def label(self) -> str:
        extra = f" [{self.date_from}..{self.date_to}]" if self.date_from else ""
        return self.whoosh + extra


def build_queries(root: str, per_kind: int, seed: int) -> list[Query]:
    """A deterministic query set from the corpus's own words, dates and bigrams."""
    rng = random.Random(seed)
    scan = scan_archive(root)
    files = sorted(scan.files, key=lambda f: f.path)
    sample = rng.sample(files, min(SAMPLE_ARTICLES, len(files)))
    df: collections.Counter[str] = collections.Counter()
    docs: list[list[str]] = []
    bigrams: list[tuple[str, str]] = []
    dates: list[str] = []
    for entry in sample:
        try:
            article = read_article(entry)
        except UnreadableArticle:
            continue
        if article.date:
            dates.append(article.date.isoformat())
        words = [w.lower() for w in _WORD.findall(article.body)]
        docs.append(words)
        df.update(set(words))
        # Real adjacent pairs: two words separated by one space only, neither a stop word.
        for match in re.finditer(r"(?<![\w'’.-])([A-Za-z]{3,}) ([A-Za-z]{3,})(?![\w'’-])", article.body):
            a, b = match.group(1).lower(), match.group(2).lower()
            if a not in _STOP and b not in _STOP:
                bigrams.append((a, b))
    # Ties broken by the word itself: Counter order follows set order, which
    # string hashing randomizes per process.
    vocab = sorted((w for w in df if w not in _STOP and len(w) >= 3), key=lambda w: (-df[w], w))
    known = set(df)
    if not vocab or not dates:
        raise SystemExit("corpus too small to build queries from")
    common = vocab[:100]
    mid = vocab[50:3000] or vocab
    rare = [w for w in vocab if df[w] <= 2 and len(w) >= 5] or vocab[-100:]
    span = (min(dates), max(dates))

    def pick(pool, k):
        pool = sorted(set(pool))
        return rng.sample(pool, min(k, len(pool))) if len(pool) >= k else [rng.choice(pool) for _ in range(k)]

    queries: list[Query] = []
    for w in pick(common, per_kind):
        queries.append(Query("common", w, w))
    for w in pick(rare, per_kind):
        queries.append(Query("rare", w, w))
    mid_set = set(mid)
    pairs = []
    while len(pairs) < per_kind:
        words = sorted({w for w in rng.choice(docs) if w in mid_set})
        if len(words) >= 2:
            a, b = rng.sample(words, 2)
            pairs.append((a, b))
    for a, b in pairs:
        queries.append(Query("and", f"{a} {b}", f"{a} {b}"))
    for a, b in pick(bigrams, per_kind):
        queries.append(Query("phrase", f'"{a} {b}"', f'"{a} {b}"'))
    stems = sorted({w[: rng.choice((4, 5))] for w in vocab[20:1000] if len(w) >= 6})
    for p in pick(stems, per_kind):
        queries.append(Query("prefix", p + "*", p + "*"))
    letters = "abcdefghijklmnopqrstuvwxyz"
    for w in pick([w for w in mid if 6 <= len(w) <= 10], per_kind):
        for _ in range(50):
            i = rng.randrange(1, len(w) - 1)
            typo = w[:i] + rng.choice(letters.replace(w[i], "")) + w[i + 1:]
            if typo not in known:
                break
        queries.append(Query("fuzzy", typo + "~", "", fuzzy_word=typo))
    first, last = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    for w in pick(common, per_kind):
        start = first + dt.timedelta(days=rng.randrange(max(1, (last - first).days - 30)))
        end = min(last, start + dt.timedelta(days=rng.randint(30, 120)))
        queries.append(Query("date", w, w, start.isoformat(), end.isoformat()))
    return queries


# --------------------------------------------------------------------- whoosh


def whoosh_build(corpus: Corpus, index_dir: Path) -> dict:
    if index_dir.exists():
        shutil.rmtree(index_dir)
    started = time.perf_counter()
    with PeakMemory() as peak:
        report = news_index.update_index(corpus.root, index_dir)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "indexed": report.indexed, "size": dir_size(index_dir),
            "segments": _segments(index_dir), "peak_rss": peak.bytes}


class PeakMemory:
    """The largest RSS of this process and its worker processes together,
    sampled five times a second from /proc (Linux; 0 elsewhere)."""

    def __init__(self) -> None:
        self.bytes = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.2):
            self.bytes = max(self.bytes, _tree_rss(os.getpid()))


def _tree_rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            rss = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return rss + sum(_tree_rss(int(child)) for child in children.read().split())
    except (OSError, ValueError):
        return 0


def _segments(index_dir: Path) -> int:
    ix = news_index.open_index(index_dir)
    try:
        return len(ix._segments())
    finally:
        ix.close()


def whoosh_noop(corpus: Corpus, index_dir: Path, runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        report = news_index.update_index(corpus.root, index_dir)
        times.append(time.perf_counter() - started)
        assert report.added == report.updated == report.removed == 0, report.summary()
    return times


class WhooshEngine:
    name = "whoosh"

    def __init__(self, index_dir: Path) -> None:
        self.searcher = ArchiveSearcher(index_dir)
        # The window reads the index's words when an archive is opened, off its
        # GUI thread (bench/pathological.py times that, and the first queries).
        self.searcher.warm_up()

    def run(self, q: Query, snippets: bool) -> int:
        # newsfind remembers a query's total for its next pages: time every
        # search as a new query, as a person typing one gets it.
        getattr(self.searcher, "_totals", {}).clear()
        result = self.searcher.search(q.whoosh, page_size=PAGE, date_from=q.date_from, date_to=q.date_to,
                                      snippets=snippets)
        if snippets:
            for hit in result.hits:
                assert isinstance(hit.snippet, str)
        return result.total

    def close(self) -> None:
        self.searcher.close()


# ----------------------------------------------------------------------- fts5


def fts_connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(os.fspath(path))


def fts_build(corpus: Corpus, db_path: Path) -> dict:
    if db_path.exists():
        db_path.unlink()
    started = time.perf_counter()
    con = fts_connect(db_path)
    con.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, path UNINDEXED, date UNINDEXED, "
                "tokenize='porter unicode61')")
    con.execute("CREATE TABLE files (path TEXT PRIMARY KEY, signature TEXT) WITHOUT ROWID")
    scan = scan_archive(corpus.root)
    rows = files = 0
    with con:
        for entry in scan.files:
            try:
                article = read_article(entry)
            except UnreadableArticle:
                continue
            con.execute("INSERT INTO articles(title, body, path, date) VALUES (?, ?, ?, ?)",
                        (article.title, article.body, article.path, article.date.isoformat() if article.date else ""))
            con.execute("INSERT INTO files VALUES (?, ?)", (entry.path, entry.signature))
            rows += 1
            files += 1
    con.close()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "indexed": rows, "size": db_path.stat().st_size}


def fts_noop(corpus: Corpus, db_path: Path, runs: int = 3) -> list[float]:
    """The same work newsfind's no-op does: scan, compare each file's size:mtime."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        con = fts_connect(db_path)
        known = dict(con.execute("SELECT path, signature FROM files"))
        scan = scan_archive(corpus.root)
        changed = [e for e in scan.files if known.get(e.path) != e.signature]
        on_disk = {e.path for e in scan.files}
        stale = [p for p in known if p not in on_disk]
        con.close()
        times.append(time.perf_counter() - started)
        assert not changed and not stale
    return times


def _give_fts_its_best_plan(con: sqlite3.Connection) -> None:
    """FTS5 at its fastest: rank is bm25 with newsfind's title weight (so ORDER BY
    rank LIMIT 20 computes snippets for those rows only), and the dates are in
    an indexed table of their own (made once, from an index built before it)."""
    with con:
        con.execute("INSERT INTO articles(articles, rank) VALUES('rank', 'bm25(2.0, 1.0)')")
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'dates'").fetchone():
            con.execute("CREATE TABLE dates (rowid INTEGER PRIMARY KEY, date TEXT)")
            con.execute("INSERT INTO dates SELECT rowid, date FROM articles")
            con.execute("CREATE INDEX dates_by_date ON dates(date)")


class FtsEngine:
    name = "fts5"

    def __init__(self, db_path: Path) -> None:
        self.con = fts_connect(db_path)
        self.con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, 'articles', 'row')")
        _give_fts_its_best_plan(self.con)
        self._vocab: set[str] | None = None

    def vocab(self) -> set[str]:
        if self._vocab is None:  # loaded once, like Whoosh's term dictionary
            self._vocab = {term for (term,) in self.con.execute("SELECT term FROM vocab")}
        return self._vocab

    def match(self, q: Query) -> str:
        if q.kind != "fuzzy":
            return q.fts
        # FTS5 has no fuzzy query: expand to every indexed term within edit
        # distance 1 of the (Porter-stemmed) word, as Whoosh's FuzzyTerm does.
        word = q.fuzzy_word or ""
        vocab = self.vocab()
        found = sorted({c for w in {word, porter_stem(word)} for c in _edits1(w)
                        if c in vocab and c[:1] == w[:1]})  # first letter kept, as newsfind does
        return " OR ".join(found) if found else word

    def run(self, q: Query, snippets: bool) -> int:
        """The exact total and the top 20 by rank (bm25 with the title weighted 2, as
        newsfind weights it); snippet() runs only for the 20 rows returned."""
        match = self.match(q)
        source, where = "articles", "articles MATCH ?"
        params: list[object] = [match]
        if q.date_from:  # dates from their own indexed table, joined to the matches
            source = "articles JOIN dates ON dates.rowid = articles.rowid"
            where += " AND dates.date BETWEEN ? AND ?"
            params += [q.date_from, q.date_to]
        total = self.con.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]
        columns = "path, title, articles.date"
        if snippets:
            columns += f", snippet(articles, 1, '<mark>', '</mark>', '…', {SNIPPET_TOKENS})"
        self.con.execute(f"SELECT {columns} FROM {source} WHERE {where} ORDER BY rank LIMIT {PAGE}", params).fetchall()
        return total

    def close(self) -> None:
        self.con.close()


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + swaps + replaces + inserts)


# -------------------------------------------------------------------- timing


@dataclass
class Timings:
    ms: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    hits: dict[str, int] = field(default_factory=lambda: collections.Counter())

    def all(self) -> list[float]:
        return [t for kind in KINDS for t in self.ms.get(kind, [])]


def time_queries(engine, queries: list[Query], snippets: bool, passes: int) -> Timings:
    for q in queries:  # warm-up: caches, lazily loaded term dictionaries, page cache
        engine.run(q, snippets)
    timings = Timings()
    for p in range(passes):
        for q in queries:
            started = time.perf_counter()
            total = engine.run(q, snippets)
            timings.ms[q.kind].append((time.perf_counter() - started) * 1000)
            if p == 0:
                timings.hits[q.kind] += total
    return timings


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_timeline(index_dir: Path, db_path: Path, queries: list[Query]) -> dict[str, list[float]]:
    """Matches per month for the common-word queries, three ways."""
    words = [q for q in queries if q.kind == "common"]
    searcher_wrapper = ArchiveSearcher(index_dir)
    searcher = searcher_wrapper._searcher
    con = fts_connect(db_path)
    out: dict[str, list[float]] = collections.defaultdict(list)
    counts: dict[str, list[int]] = collections.defaultdict(list)

    def facet(parsed):
        results = searcher.search(parsed, groupedby=sorting.FieldFacet("date"), limit=None)
        months: collections.Counter[str] = collections.Counter()
        for day, docnums in results.groups("date").items():
            months[(day or "")[:7]] += len(docnums)
        return months

    def column(parsed):
        dates = searcher.reader().column_reader("date")
        months: collections.Counter[str] = collections.Counter()
        for docnum in parsed.docs(searcher):
            months[dates[docnum][:7]] += 1
        return months

    def fts(q):
        return collections.Counter(dict(con.execute(
            "SELECT substr(date, 1, 7), count(*) FROM articles WHERE articles MATCH ? GROUP BY 1", (q.fts,))))

    ways = {"whoosh groupedby=FieldFacet('date'), limit=None": lambda q: facet(searcher_wrapper.parse(q.whoosh).query),
            "whoosh date column for matching docnums": lambda q: column(searcher_wrapper.parse(q.whoosh).query)}
    if hasattr(searcher_wrapper, "date_counts"):  # the core's own timeline counts (per day)
        ways["newsfind ArchiveSearcher.date_counts (per day)"] = lambda q: _per_month(searcher_wrapper.date_counts(q.whoosh))
    ways["fts5 GROUP BY substr(date, 1, 7)"] = fts
    for name, way in ways.items():
        for q in words:  # warm-up
            way(q)
        for q in words:
            started = time.perf_counter()
            months = way(q)
            out[name].append((time.perf_counter() - started) * 1000)
            counts[name].append(sum(months.values()))
    searcher_wrapper.close()
    con.close()
    out["_matches"] = [float(sum(counts[next(iter(ways))]))]
    out["_agree"] = [float(counts[list(ways)[0]] == counts[list(ways)[1]])]
    return out


def _per_month(per_day) -> collections.Counter:
    months: collections.Counter[str] = collections.Counter()
    for day, count in per_day.items():
        months[day.isoformat()[:7] if day else ""] += count
    return months


# -------------------------------------------------------------------- output


def core_version() -> str:
    """The newsfind commit measured (the core changes under a long benchmark)."""
    import subprocess
    import newsfind
    repo = Path(newsfind.__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no", "--", *CORE_FILES],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{head or 'unknown'}{' + uncommitted changes to the core' if dirty else ''}"


def fmt(value: float, digits: int = 1) -> str:
    if value != value:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "-"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", help="an archive folder to index")
    source.add_argument("--synthetic", type=int, metavar="N", help="generate N articles (bench/make_corpus.py) under --out")
    parser.add_argument("--out", help="where indexes (and a generated corpus) go; default bench/out/<corpus name>")
    parser.add_argument("--queries", type=int, default=20, metavar="K", help="queries per kind (default 20)")
    parser.add_argument("--passes", type=int, default=1, help="timed passes over the query set (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse-index", action="store_true", help="keep indexes built by an earlier run with this --out")
    args = parser.parse_args(argv)

    name = Path(args.corpus).resolve().name if args.corpus else f"synthetic-{args.synthetic}"
    out = Path(args.out) if args.out else BENCH / "out" / name
    out.mkdir(parents=True, exist_ok=True)
    if args.synthetic:
        root = out / "corpus"
        if not (root / "DONE").exists():
            if root.exists():
                shutil.rmtree(root)
            info = make_corpus.make_corpus(args.synthetic, root)
            (root / "DONE").write_text(info.describe())
            print(f"generated corpus: {info.describe()}")
        root_s = os.fspath(root)
    else:
        root_s = args.corpus
    corpus = corpus_stats(root_s)
    mb = corpus.bytes / 1e6
    index_dir, db_path, record = out / "whoosh-index", out / "fts5.sqlite", out / "build.json"

    print(f"# newsfind benchmark: {corpus.root}")
    print(f"{corpus.articles:,} articles, {mb:.1f} MB; {os.cpu_count()} cores; Python {platform.python_version()}; "
          f"{_whoosh_version()}; SQLite {sqlite3.sqlite_version}; {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"newsfind core: {core_version()}")

    builds = json.loads(record.read_text()) if args.reuse_index and record.exists() else {}
    if builds and builds.get("articles") != corpus.articles:
        builds = {}
    reused = bool(builds) and index_dir.exists() and db_path.exists()
    if not reused:
        print("building the whoosh index ...", flush=True)
        builds = {"articles": corpus.articles, "when": f"{dt.datetime.now():%Y-%m-%d %H:%M}", "core": core_version(),
                  "whoosh": whoosh_build(corpus, index_dir)}
        print(f"  {builds['whoosh']['seconds']:.1f} s; building the FTS5 index ...", flush=True)
        builds["fts5"] = fts_build(corpus, db_path)
        record.write_text(json.dumps(builds, indent=1))
    else:
        print(f"reusing the indexes built {builds['when']} with newsfind core {builds.get('core', '?')} "
              "(build figures recorded then)")
    wb, fb = builds["whoosh"], builds["fts5"]
    w_noop, f_noop = whoosh_noop(corpus, index_dir), fts_noop(corpus, db_path)

    queries = build_queries(corpus.root, args.queries, args.seed)
    (out / "queries.tsv").write_text("".join(f"{q.kind}\t{q.label()}\n" for q in queries), "utf-8")
    results: dict[str, dict[bool, Timings]] = {}
    for engine in (WhooshEngine(index_dir), FtsEngine(db_path)):
        results[engine.name] = {snip: time_queries(engine, queries, snip, args.passes) for snip in (True, False)}
        engine.close()
    timeline = time_timeline(index_dir, db_path, queries)

    w, f = results["whoosh"], results["fts5"]
    rows = [
        ["full build (s)", fmt(wb["seconds"]), fmt(fb["seconds"]), ratio(wb["seconds"], fb["seconds"])],
        ["articles/s", fmt(corpus.articles / wb["seconds"], 0), fmt(corpus.articles / fb["seconds"], 0),
         ratio(fb["seconds"], wb["seconds"])],
        ["MB/s", fmt(mb / wb["seconds"], 2), fmt(mb / fb["seconds"], 2), ratio(fb["seconds"], wb["seconds"])],
        ["peak RSS of the build, all processes (MB)", fmt(wb.get("peak_rss", 0) / 1e6, 0), "-", "-"],
        ["index size (MB)", fmt(wb["size"] / 1e6), fmt(fb["size"] / 1e6), ratio(wb["size"], fb["size"])],
        ["no-op incremental (s, median of 3)", fmt(statistics.median(w_noop), 2), fmt(statistics.median(f_noop), 2),
         ratio(statistics.median(w_noop), statistics.median(f_noop))],
    ]
    for label, snip in (("search + 20 snippets", True), ("search only", False)):
        for p in (50, 95):
            a, b = pct(w[snip].all(), p), pct(f[snip].all(), p)
            rows.append([f"{label} p{p} (ms)", fmt(a), fmt(b), ratio(a, b)])
    print()
    print(f"## Totals ({len(queries)} queries: {args.queries} per kind × {len(KINDS)} kinds, "
          f"{args.passes} timed pass(es) after a warm-up; whoosh segments: {wb.get('segments', '?')})")
    print(table(["figure", "whoosh", "fts5", "ratio whoosh/fts5"], rows))
    print("(articles/s and MB/s ratios are whoosh time over fts5 time too: how many times slower)")

    kind_rows = []
    for kind in KINDS:
        kind_rows.append([KIND_NAMES[kind]]
                         + [fmt(pct(r[snip].ms[kind], p)) for r in (w, f) for snip in (True, False) for p in (50, 95)]
                         + [f"{w[True].hits[kind]:,}", f"{f[True].hits[kind]:,}"])
    print()
    print("## Per kind (ms)")
    print(table(["kind", "whoosh+snip p50", "p95", "whoosh search p50", "p95",
                 "fts5+snip p50", "p95", "fts5 search p50", "p95", "hits whoosh", "hits fts5"], kind_rows))

    print()
    print(f"## Timeline: matches per month for the {args.queries} common-word queries "
          f"({int(timeline['_matches'][0]):,} matches in all; whoosh ways agree: {bool(timeline['_agree'][0])})")
    for way, ms in timeline.items():
        if not way.startswith("_"):
            print(f"timeline {way}: p50 {fmt(pct(ms, 50))} ms, p95 {fmt(pct(ms, 95))} ms")

    print()
    print("## Targets")
    build_ratio = wb["seconds"] / fb["seconds"]
    snip_p95 = pct(w[True].all(), 95)
    noop = statistics.median(w_noop)

    def verdict(ok: bool, size: int) -> str:
        if corpus.articles != size:
            return f"applies at {size:,} articles; {corpus.articles:,} here, for reference"
        return "met" if ok else "MISSED"

    print(f"target full build ≤ {TARGET_BUILD_RATIO:.0f}× FTS5: {build_ratio:.1f}× "
          f"({verdict(build_ratio <= TARGET_BUILD_RATIO, 20_000)})")
    print(f"target search + 20 snippets p95 ≤ {TARGET_SNIPPET_P95:.0f} ms: {snip_p95:.1f} ms "
          f"({verdict(snip_p95 <= TARGET_SNIPPET_P95, 100_000)})")
    print(f"target no-op incremental ≤ {TARGET_NOOP:.0f} s: {noop:.2f} s "
          f"({verdict(noop <= TARGET_NOOP, 20_000)})")
    return 0


def _whoosh_version() -> str:
    from importlib import metadata
    for dist in ("whoosh-reloaded", "whoosh", "whoosh3"):
        try:
            return f"{dist} {metadata.version(dist)}"
        except metadata.PackageNotFoundError:
            continue
    return "?"


if __name__ == "__main__":
    sys.exit(main())
