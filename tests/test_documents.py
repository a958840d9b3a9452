"""One file never takes others down: whatever its bytes or its name, adding it to
a writer gives an outcome (indexed or skipped with a reason), and the writer
commits every other document."""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfind.archive import scan_archive
from newsfind.documents import index_file
from newsfind.index_store import IndexFolder
from newsfind.search import ArchiveSearcher

HEADERS = st.sampled_from([b"", b" date 2020-02-02 ", b" date 2021-02-30 ", b"Date: Thursday, August 8, 2019\n",
                           b"\xef\xbb\xbf date 2019-01-01 ", b"\xff\xfe", b"\x00\x00\xfe\xff"])
CONTENT = st.one_of(st.binary(max_size=3000),
                    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")),
                    st.text(max_size=500).map(lambda t: t.encode("utf-16-le", "surrogatepass")))
NAME_BYTES = st.binary(min_size=1, max_size=60).map(
    lambda b: (b.replace(b"/", b"_").replace(b"\x00", b"_").lstrip(b".") or b"_") + b".txt")  # never hidden


def one_readable_line(text: str) -> bool:
    """No control character, line break or lone surrogate: shown on one line as it is."""
    return not any(unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") for ch in text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(NAME_BYTES, HEADERS, CONTENT), min_size=1, max_size=6,
                      unique_by=lambda f: f[0]))
def test_any_bytes_under_any_name_give_an_outcome_and_the_rest_is_committed(files) -> None:
    work = Path(tempfile.mkdtemp(prefix="newsfind-docs-"))
    try:
        archive = work / "archive"
        archive.mkdir()
        for name, header, content in files:
            with open(os.path.join(os.fsencode(archive), name), "wb") as handle:
                handle.write(header + content + b" qqsentinel")
        entries = scan_archive(archive).files
        with IndexFolder.open(work / "index", str(archive)) as folder:
            writer = folder.writer(32)
            outcomes = [index_file(writer, folder.ix.schema, entry) for entry in entries]
            writer.commit()
        assert len(outcomes) == len(entries) == len(files)
        assert all(o.indexed or o.reason for o in outcomes)
        indexed = sum(o.indexed for o in outcomes)
        with ArchiveSearcher(work / "index") as searcher:
            assert searcher.doc_count == indexed
            for hit in searcher.search("qqsentinel", page_size=10).hits:
                assert one_readable_line(hit.path) and (archive / hit.file_path).exists()
    finally:
        shutil.rmtree(work, ignore_errors=True)
